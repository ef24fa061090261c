//! What changes between two versions of a reglement, for the officer who reviews a new version
//! before it is adopted (issue 17 part 4): per article, which rules were added, removed or
//! changed (roles, processings and who may use them, duties, retention terms, request deadlines,
//! disclosures, the procedures), and which answers of the simulator change (request deadlines,
//! retention, disclosures). A pure function over two parsed files.

use std::collections::{BTreeMap, BTreeSet};

use jiff::civil::Date;
use serde::Serialize;

use super::Reglement;
use crate::decide::{self, DisclosureFacts, RetentionFacts};
use crate::i18n::{Lang, t};
use crate::period::Period;
use crate::t;
use crate::taxonomy::IdKind;
use crate::vocabulary::RequestType;

#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Serialize)]
#[serde(rename_all = "snake_case")]
pub enum ChangeKind {
    Added,
    Removed,
    Changed,
}

/// One rule that was added, removed or changed.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct RuleChange {
    /// The article of the rule (the new version's; the old one's for a removed rule).
    pub article: String,
    pub kind: ChangeKind,
    /// What kind of rule: `rol`, `verwerking`, `gebruik`, `beheer`, `bewaartermijn`,
    /// `verzoek`, `verstrekking`, `procedure`.
    pub topic: &'static str,
    /// Which rule of its kind (a category, a request type, a role at a processing).
    pub rule: String,
    pub old: Option<String>,
    pub new: Option<String>,
    /// The change in a sentence, in the language asked.
    pub text: String,
}

/// A question of the simulator whose answer differs between the versions.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct AnswerChange {
    /// `deadline`, `retention` or `disclose`.
    pub kind: &'static str,
    pub question: String,
    pub old: String,
    pub new: String,
}

/// The difference between two versions.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct ReglementDiff {
    pub old_version: String,
    pub new_version: String,
    /// The day the answers are asked for: the new version's `in_werking`.
    pub on: Date,
    /// By article, then kind, then rule.
    pub changes: Vec<RuleChange>,
    pub answers: Vec<AnswerChange>,
}

impl ReglementDiff {
    pub fn is_empty(&self) -> bool {
        self.changes.is_empty() && self.answers.is_empty()
    }

    /// The report in words: the changes grouped per article, then the answers that change.
    pub fn render(&self, lang: Lang) -> String {
        let mut out = t!(
            lang,
            "diff-heading",
            old = &self.old_version,
            new = &self.new_version
        );
        out.push('\n');
        if self.is_empty() {
            out.push_str(&t(lang, "diff-none"));
            out.push('\n');
            return out;
        }
        let mut article: Option<&str> = None;
        for c in &self.changes {
            if article != Some(c.article.as_str()) {
                out.push('\n');
                out.push_str(&if c.article.is_empty() {
                    t(lang, "diff-no-article")
                } else {
                    t!(lang, "diff-article", article = &c.article)
                });
                out.push('\n');
                article = Some(&c.article);
            }
            out.push_str("  ");
            out.push_str(&c.text);
            out.push('\n');
        }
        if !self.answers.is_empty() {
            out.push('\n');
            out.push_str(&t(lang, "diff-answers"));
            out.push('\n');
            for a in &self.answers {
                out.push_str(&t!(
                    lang,
                    "diff-answer",
                    question = &a.question,
                    old = &a.old,
                    new = &a.new
                ));
                out.push('\n');
            }
        }
        out
    }
}

/// One rule as the diff compares it: its article and what it says.
struct Entry {
    article: String,
    says: String,
}

type Rules = BTreeMap<(&'static str, String), Entry>;

/// What changes from `old` to `new`, in `lang`.
pub fn diff(old: &Reglement, new: &Reglement, lang: Lang) -> ReglementDiff {
    let on = new.file.version.effective.get_ref().0;
    let (before, after) = (rules(old, lang), rules(new, lang));
    let mut changes = Vec::new();
    let keys: BTreeSet<&(&'static str, String)> = before.keys().chain(after.keys()).collect();
    for key in keys {
        let (topic, rule) = key;
        let change = match (before.get(key), after.get(key)) {
            (Some(a), Some(b)) if a.says == b.says && a.article == b.article => continue,
            (Some(a), Some(b)) => (ChangeKind::Changed, &b.article, Some(a), Some(b)),
            (Some(a), None) => (ChangeKind::Removed, &a.article, Some(a), None),
            (None, Some(b)) => (ChangeKind::Added, &b.article, None, Some(b)),
            (None, None) => continue,
        };
        let (kind, article, a, b) = change;
        let topic_label = topic_label(topic, lang);
        let text = match kind {
            ChangeKind::Added => t!(
                lang,
                "diff-added",
                topic = &topic_label,
                rule = rule,
                new = b.map_or("", |e| e.says.as_str())
            ),
            ChangeKind::Removed => t!(
                lang,
                "diff-removed",
                topic = &topic_label,
                rule = rule,
                old = a.map_or("", |e| e.says.as_str())
            ),
            ChangeKind::Changed if a.map(|e| &e.says) == b.map(|e| &e.says) => t!(
                lang,
                "diff-moved",
                topic = &topic_label,
                rule = rule,
                old = a.map_or("", |e| e.article.as_str())
            ),
            ChangeKind::Changed => t!(
                lang,
                "diff-changed",
                topic = &topic_label,
                rule = rule,
                old = a.map_or("", |e| e.says.as_str()),
                new = b.map_or("", |e| e.says.as_str())
            ),
        };
        changes.push(RuleChange {
            article: article.clone(),
            kind,
            topic,
            rule: rule.clone(),
            old: a.map(|e| e.says.clone()),
            new: b.map(|e| e.says.clone()),
            text,
        });
    }
    changes.sort_by(|a, b| {
        article_order(&a.article)
            .cmp(&article_order(&b.article))
            .then(a.kind.cmp(&b.kind))
            .then(a.topic.cmp(b.topic))
            .then(a.rule.cmp(&b.rule))
    });
    ReglementDiff {
        old_version: old.file.version.number.clone(),
        new_version: new.file.version.number.clone(),
        on,
        changes,
        answers: answers(old, new, on, lang),
    }
}

/// Articles in document order: "4.10" after "4.9", numbers before words.
fn article_order(article: &str) -> (bool, Vec<u32>, String) {
    let numbers: Vec<u32> = article
        .split(|c: char| !c.is_ascii_digit())
        .filter(|p| !p.is_empty())
        .filter_map(|p| p.parse().ok())
        .collect();
    (numbers.is_empty(), numbers, article.to_owned())
}

fn topic_label(topic: &str, lang: Lang) -> String {
    match topic {
        "rol" => t(lang, "diff-topic-role"),
        "verwerking" => t(lang, "diff-topic-processing"),
        "gebruik" => t(lang, "diff-topic-grant"),
        "beheer" => t(lang, "diff-topic-duty"),
        "bewaartermijn" => t(lang, "diff-topic-retention"),
        "verzoek" => t(lang, "diff-topic-request"),
        "verstrekking" => t(lang, "diff-topic-disclosure"),
        "verbod" => t(lang, "diff-topic-ban"),
        "gedeeld_dossier" => t(lang, "diff-topic-shared-part"),
        _ => t(lang, "diff-topic-procedure"),
    }
}

fn yes_no(value: bool, lang: Lang) -> String {
    t(lang, if value { "diff-yes" } else { "diff-no" })
}

/// A period the decisions wrote in Dutch, in `lang`.
fn local(period: &str, lang: Lang) -> String {
    period
        .parse::<Period>()
        .map_or_else(|_| period.to_owned(), |p| p.describe(lang))
}

fn period(p: Option<Period>, lang: Lang) -> String {
    p.map_or_else(|| "-".to_owned(), |p| p.describe(lang))
}

fn ids<'a>(list: impl IntoIterator<Item = &'a toml::Spanned<String>>) -> String {
    let v: Vec<&str> = list.into_iter().map(|i| i.get_ref().as_str()).collect();
    if v.is_empty() {
        "-".to_owned()
    } else {
        v.join(", ")
    }
}

/// Every rule of a reglement, by kind and what it is about.
fn rules(r: &Reglement, lang: Lang) -> Rules {
    let f = &r.file;
    let mut out: Rules = BTreeMap::new();
    let mut put = |topic: &'static str, rule: String, article: &str, says: String| {
        out.entry((topic, rule))
            .and_modify(|e: &mut Entry| {
                e.says.push_str("; ");
                e.says.push_str(&says);
            })
            .or_insert(Entry {
                article: article.to_owned(),
                says,
            });
    };
    for role in &f.roles {
        put(
            "rol",
            role.id.get_ref().clone(),
            role.article.get_ref(),
            role.description.clone(),
        );
    }
    for p in &f.processings {
        let p = p.get_ref();
        let bases: Vec<&str> = p.legal_basis.iter().map(|b| b.id()).collect();
        put(
            "verwerking",
            p.id.get_ref().clone(),
            p.article.get_ref(),
            t!(
                lang,
                "diff-says-processing",
                name = &p.name,
                purpose = &p.purpose,
                bases = &bases.join(", "),
                categories = &ids(&p.categories),
                recipients = &ids(&p.recipients)
            ),
        );
        for u in &p.users {
            let actions: Vec<&str> = u.actions.iter().map(|a| a.id()).collect();
            let categories = u
                .categories
                .as_ref()
                .map_or_else(|| t(lang, "diff-all-categories"), ids);
            put(
                "gebruik",
                format!("{} @ {}", u.role.get_ref(), p.id.get_ref()),
                u.article.get_ref(),
                t!(
                    lang,
                    "diff-says-grant",
                    actions = &actions.join(", "),
                    categories = &categories,
                    care = &yes_no(u.care_relationship, lang),
                    supervised = &yes_no(u.supervised, lang)
                ),
            );
        }
    }
    for d in &f.duties {
        let d = d.get_ref();
        for duty in &d.duties {
            put(
                "beheer",
                format!("{} @ {}", d.role.get_ref(), duty.id()),
                d.article.get_ref(),
                t!(
                    lang,
                    "diff-says-duty",
                    duty = duty.label(lang),
                    care = &yes_no(d.care_relationship, lang)
                ),
            );
        }
    }
    for rule in &f.retention {
        let rule = rule.get_ref();
        let unless = rule
            .unless
            .as_ref()
            .map(|u| format!(" ({})", u.get_ref().label(lang)))
            .unwrap_or_default();
        // A rule for some processings is another rule than one for all.
        let processings = if rule.processings.is_empty() {
            String::new()
        } else {
            format!(" [{}]", ids(&rule.processings))
        };
        for c in &rule.categories {
            put(
                "bewaartermijn",
                format!("{}{unless}{processings}", c.get_ref()),
                rule.article.get_ref(),
                {
                    let says = t!(
                        lang,
                        "diff-says-retention",
                        period = &rule.period.get_ref().describe(lang),
                        from = rule.from.label(lang),
                        within = &period(rule.destroy_within, lang)
                    );
                    // Following the dossier changes the answer: a diff must show it.
                    if rule.follows_dossier() {
                        format!("{says}; {}", t!(lang, "diff-follows-dossier"))
                    } else {
                        says
                    }
                },
            );
        }
    }
    for rule in &f.requests {
        let rule = rule.get_ref();
        for kind in &rule.types {
            put(
                "verzoek",
                kind.id().to_owned(),
                rule.article.get_ref(),
                t!(
                    lang,
                    "diff-says-request",
                    respond = &period(rule.respond.as_ref().map(|p| *p.get_ref()), lang),
                    execute = &match &rule.execute_from_receipt {
                        // A period from receipt beside the one from the decision.
                        Some(p) => format!(
                            "{} / {}",
                            period(rule.execute.as_ref().map(|p| *p.get_ref()), lang),
                            t!(
                                lang,
                                "diff-after-receipt",
                                period = &p.get_ref().describe(lang)
                            )
                        ),
                        None => period(rule.execute.as_ref().map(|p| *p.get_ref()), lang),
                    },
                    erase = &period(rule.erase.as_ref().map(|p| *p.get_ref()), lang),
                    extension = &rule
                        .extension
                        .map_or_else(|| "-".to_owned(), |e| yes_no(e, lang)),
                    grounds = &rule.refusal_grounds.len().to_string()
                ),
            );
        }
    }
    for rule in &f.disclosures {
        let rule = rule.get_ref();
        let categories: Vec<String> = match &rule.categories {
            Some(c) => c.iter().map(|c| c.get_ref().clone()).collect(),
            None => vec![t(lang, "diff-all-categories")],
        };
        // A rule for some purposes or some days is another rule than one for all.
        let mut scope = String::new();
        if !rule.purposes.is_empty() {
            scope.push_str(&format!(" ({})", ids(&rule.purposes)));
        }
        if rule.is_dated() {
            let day = |d: &Option<toml::Spanned<super::file::Day>>| {
                d.as_ref()
                    .map_or_else(|| "-".to_owned(), |d| d.get_ref().0.to_string())
            };
            scope.push_str(&format!(
                " [{} – {}]",
                day(&rule.valid_from),
                day(&rule.valid_until)
            ));
        }
        for recipient in &rule.recipients {
            for c in &categories {
                put(
                    "verstrekking",
                    format!("{} @ {c}{scope}", recipient.get_ref()),
                    rule.article.get_ref(),
                    t!(
                        lang,
                        "diff-says-disclosure",
                        consent = rule.consent.label(lang),
                        objection = &yes_no(rule.objection_blocks, lang),
                        notify = &yes_no(rule.notify, lang),
                        conditions = &rule.conditions.len().to_string(),
                        conflict = &yes_no(rule.allows_conflict_of_duties(), lang)
                    ),
                );
            }
        }
    }
    for ban in &f.disclosure_bans {
        let b = ban.get_ref();
        let list = |l: &Option<Vec<super::file::Id>>, all: &str| {
            l.as_ref().map_or_else(|| t(lang, all), ids)
        };
        let purposes = if b.purposes.is_empty() {
            t(lang, "diff-all-purposes")
        } else {
            ids(&b.purposes)
        };
        put(
            "verbod",
            format!(
                "{} @ {} @ {purposes}",
                list(&b.recipients, "diff-all-recipients"),
                list(&b.categories, "diff-all-categories")
            ),
            b.article.get_ref(),
            t(lang, "diff-says-ban"),
        );
    }
    if let Some(d) = &f.shared_dossier {
        for part in &d.parts {
            put(
                "gedeeld_dossier",
                part.id.get_ref().clone(),
                part.article.get_ref(),
                t!(
                    lang,
                    "diff-says-shared-part",
                    kind = part.kind.get_ref().label(lang),
                    categories = &ids(&part.categories)
                ),
            );
        }
    }
    procedures(r, lang, &mut put);
    out
}

/// The single rules: announcement, destruction, emergency access, heirs, representation,
/// complaints, breaches, processors.
fn procedures(r: &Reglement, lang: Lang, put: &mut impl FnMut(&'static str, String, &str, String)) {
    let f = &r.file;
    if let Some(rule) = super::versions::announcement_rule(r) {
        let article = f
            .version
            .announcement_article
            .as_ref()
            .map(|a| a.get_ref().as_str())
            .or(f.version.article.as_deref())
            .unwrap_or_default();
        put(
            "procedure",
            t(lang, "diff-rule-announcement"),
            article,
            rule.term.describe(lang),
        );
    }
    if let Some(d) = &f.destruction {
        put(
            "procedure",
            t(lang, "diff-rule-destruction"),
            d.article.get_ref(),
            t!(
                lang,
                "diff-says-destruction",
                within = &d.within.describe(lang),
                suspended = &d.suspended_by.join(", ")
            ),
        );
    }
    if let Some(e) = &f.emergency {
        put(
            "procedure",
            t(lang, "diff-rule-emergency"),
            e.article.get_ref(),
            t!(
                lang,
                "diff-says-emergency",
                allowed = &yes_no(e.allowed, lang),
                roles = &ids(&e.roles),
                duration = &period(e.duration, lang)
            ),
        );
    }
    if let Some(h) = &f.heirs {
        let grounds: Vec<&str> = h.exceptions.iter().map(|e| e.id()).collect();
        put(
            "procedure",
            t(lang, "diff-rule-heirs"),
            h.article.get_ref(),
            t!(
                lang,
                "diff-says-heirs",
                access = &yes_no(h.access, lang),
                grounds = &grounds.join(", "),
                judge = h.judge.as_ref().map_or("-", |j| j.get_ref().as_str())
            ),
        );
    }
    if let Some(rep) = &f.representation {
        put(
            "procedure",
            t(lang, "diff-rule-representation"),
            rep.article.get_ref(),
            t!(
                lang,
                "diff-says-representation",
                age = &rep.age.get_ref().to_string(),
                guardianship = &yes_no(rep.guardianship, lang)
            ),
        );
    }
    if let Some(c) = &f.complaints {
        put(
            "procedure",
            t(lang, "diff-rule-complaints"),
            c.article.get_ref(),
            t!(
                lang,
                "diff-says-complaints",
                term = &period(c.term.as_ref().map(|p| *p.get_ref()), lang),
                extension = &period(c.extension.as_ref().map(|p| *p.get_ref()), lang),
                channels = &c
                    .channels
                    .as_ref()
                    .map_or_else(|| "-".to_owned(), |c| c.get_ref().join("; "))
            ),
        );
    }
    if let Some(b) = &f.breaches {
        put(
            "procedure",
            t(lang, "diff-rule-breaches"),
            b.article.get_ref(),
            t!(
                lang,
                "diff-says-breaches",
                always = &yes_no(b.always_tell_persons, lang)
            ),
        );
    }
    if let Some(i) = &f.information_duty {
        put(
            "procedure",
            t(lang, "diff-rule-information"),
            i.article.get_ref(),
            t!(
                lang,
                "diff-says-information",
                within = &period(i.from_others_within.as_ref().map(|p| *p.get_ref()), lang)
            ),
        );
    }
    if let Some(p) = &f.processors {
        put(
            "procedure",
            t(lang, "diff-rule-processors"),
            p.article.get_ref(),
            t!(
                lang,
                "diff-says-processors",
                eea = &yes_no(p.eea_only, lang),
                review = &period(p.review.as_ref().map(|p| *p.get_ref()), lang)
            ),
        );
    }
}

/// The simulator's answers that differ: the deadlines of every request type either version
/// sets, the retention of every category either keeps, and whether each recipient either names
/// may receive each category without consent, all asked on the day the new version takes
/// effect (with every date of a record on that day).
fn answers(old: &Reglement, new: &Reglement, on: Date, lang: Lang) -> Vec<AnswerChange> {
    let mut out = Vec::new();
    let mut push = |kind: &'static str, question: String, a: String, b: String| {
        if a != b {
            out.push(AnswerChange {
                kind,
                question,
                old: a,
                new: b,
            });
        }
    };
    let types: BTreeSet<RequestType> = [old, new]
        .iter()
        .flat_map(|r| r.file.requests.iter())
        .flat_map(|r| r.get_ref().types.iter().copied())
        .collect();
    for kind in types {
        let answer = |r: &Reglement| match decide::request_deadlines(r, kind, on, Some(on)) {
            Ok(a) => {
                let mut s = t!(
                    lang,
                    "diff-answer-respond",
                    period = &local(&a.respond_by.period, lang),
                    articles = &decide::cite_list(&a.respond_by.articles)
                );
                if let Some(e) = &a.execute_by {
                    s.push_str("; ");
                    s.push_str(&t!(
                        lang,
                        "diff-answer-execute",
                        period = &local(&e.period, lang),
                        articles = &decide::cite_list(&e.articles)
                    ));
                }
                s
            }
            Err(e) => e.to_string(),
        };
        push(
            "deadline",
            t!(lang, "diff-question-deadline", request = kind.label(lang)),
            answer(old),
            answer(new),
        );
    }
    let categories: BTreeSet<String> = [old, new]
        .iter()
        .flat_map(|r| r.file.retention.iter())
        .flat_map(|r| r.get_ref().categories.iter().map(|c| c.get_ref().clone()))
        .collect();
    let facts = RetentionFacts {
        created: Some(on),
        last_change: Some(on),
        care_ended: Some(on),
        last_treatment: Some(on),
        legal_hold: false,
        as_of: Some(on),
    };
    for category in &categories {
        let answer = |r: &Reglement| match decide::retention(r, category, facts) {
            Ok(a) => t!(
                lang,
                "diff-answer-retention",
                period = &local(&a.period, lang),
                from = a.from.label(lang),
                articles = &decide::cite_list(&a.articles)
            ),
            Err(_) => t(lang, "diff-answer-none"),
        };
        push(
            "retention",
            t!(lang, "diff-question-retention", category = category),
            answer(old),
            answer(new),
        );
    }
    let pairs: BTreeSet<(String, String)> = [old, new]
        .iter()
        .flat_map(|r| {
            r.file.disclosures.iter().flat_map(move |d| {
                let d = d.get_ref();
                let cats: Vec<String> = match &d.categories {
                    Some(c) => c.iter().map(|c| c.get_ref().clone()).collect(),
                    None => r
                        .taxonomy
                        .ids(IdKind::Category)
                        .into_iter()
                        .map(str::to_owned)
                        .collect(),
                };
                d.recipients.iter().flat_map(move |rec| {
                    cats.clone()
                        .into_iter()
                        .map(move |c| (rec.get_ref().clone(), c))
                })
            })
        })
        .collect();
    for (recipient, category) in &pairs {
        let answer = |r: &Reglement| match decide::disclose(
            r,
            recipient,
            category,
            DisclosureFacts::default(),
        ) {
            Ok(a) if !a.needs_consent && a.allowed => t(lang, "diff-answer-disclose-free"),
            Ok(a) if a.needs_consent => t!(
                lang,
                "diff-answer-disclose-consent",
                form = a.consent_form.label(lang),
                articles = &decide::cite_list(&a.articles)
            ),
            Ok(_) => t(lang, "diff-answer-disclose-never"),
            Err(_) => t(lang, "diff-answer-none"),
        };
        push(
            "disclose",
            t!(
                lang,
                "diff-question-disclose",
                recipient = recipient,
                category = category
            ),
            answer(old),
            answer(new),
        );
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    fn gp(edit: impl Fn(String) -> String) -> Reglement {
        let source =
            edit(include_str!("../../../../reglementen/huisartsenpraktijk.toml").to_owned());
        Reglement::load("huisartsenpraktijk.toml", &source, Lang::En)
            .unwrap_or_else(|d| panic!("{d:#?}"))
    }

    #[test]
    fn the_practice_keys_show_in_the_diff() {
        let old = gp(|s| s);
        let new = gp(|s| {
            s.replace("geldig_tot = 2026-12-31", "geldig_tot = 2027-01-31")
                .replace("beoordelaar = \"huisarts\"\n", "")
                .replace("doelen = [\"commercieel\"]", "doelen = [\"reclame\"]")
        });
        let d = diff(&old, &new, Lang::En);
        let rules: Vec<(&str, &str, ChangeKind)> = d
            .changes
            .iter()
            .map(|c| (c.topic, c.rule.as_str(), c.kind))
            .collect();
        let has = |topic: &str, rule: &str, kind: ChangeKind| {
            assert!(
                rules.contains(&(topic, rule, kind)),
                "{topic} {rule} {kind:?} not in {rules:#?}"
            );
        };
        has(
            "verstrekking",
            "ggd @ naw (vaccinatie_uitnodiging) [2026-10-01 – 2027-01-31]",
            ChangeKind::Added,
        );
        has(
            "verstrekking",
            "ggd @ naw (vaccinatie_uitnodiging) [2026-10-01 – 2026-12-31]",
            ChangeKind::Removed,
        );
        has(
            "verbod",
            "all recipients @ all categories @ reclame",
            ChangeKind::Added,
        );
        assert!(
            d.changes.iter().any(|c| c.topic == "procedure"
                && c.old
                    .as_deref()
                    .is_some_and(|o| o.contains("judged by: huisarts"))),
            "{:#?}",
            d.changes
        );
    }
}
