//! Retention: from a data category and the record's dates to the day retention ends
//! (`retain_until`) and the day destruction must be done (`destroy_by`).
//!
//! Several rules may cover one category: the data is then kept until the latest of them ends
//! (a retention obligation cannot be cut short by another rule), and destroyed within the
//! shortest destruction window that applies (the stricter rule).
//!
//! The law beneath ([`crate::law`]) binds every answer: a statutory minimum (the WGBO's twenty
//! years from the last change of the dossier) governs a reglement term that ends earlier, and
//! counts from where the statute counts, whatever the reglement counts from; a maximum (camera
//! footage, application data) stays strict, whatever destruction window the reglement adds. The
//! answer then says so, cites the law and keeps the reglement's own term beside it.

use jiff::civil::Date;
use serde::Serialize;

use super::{DecisionError, cite_list, known_id, push_article};
use crate::i18n::Lang;
use crate::law::{self, Limit, Source, Term};
use crate::period::Period;
use crate::reglement::{Reglement, cite};
use crate::t;
use crate::taxonomy::IdKind;
use crate::vocabulary::{Anchor, RetentionEvent};

/// What is known of a record.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq)]
pub struct RetentionFacts {
    pub created: Option<Date>,
    /// The last change; the creation date when it was never changed.
    pub last_change: Option<Date>,
    /// The end of care; none while care goes on.
    pub care_ended: Option<Date>,
    /// The last treatment recorded (the newest entry of the medical dossier); none without one.
    pub last_treatment: Option<Date>,
    /// A complaint or court case holds the record.
    pub legal_hold: bool,
    /// The day whose law applies; none for the law as it stands (the layer's last version).
    pub as_of: Option<Date>,
}

/// The law that set a date of the answer.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct LawApplied {
    /// `minimum` (a floor the reglement's term fell short of) or `maximum` (a ceiling).
    pub limit: Limit,
    /// The rule of the law layer ("wgbo_dossier", "ap_camerabeelden").
    pub rule: String,
    pub article: String,
    /// `wet`, `richtsnoer` or `productbeleid`.
    pub source: Source,
    pub period: String,
    pub from: Anchor,
    /// The date the law sets: the earliest end (minimum) or the latest (maximum).
    pub date: Date,
    /// The first day this text of the law is in force.
    pub in_force: Date,
    /// The version of the law layer.
    pub version: &'static str,
}

/// The reglement's own answer, where the law changed it.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct ReglementTerm {
    pub retain_until: Option<Date>,
    pub destroy_by: Option<Date>,
    pub period: String,
    pub from: Anchor,
    pub articles: Vec<String>,
}

#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct RetentionAnswer {
    pub category: String,
    /// The last day the data must (or may) be kept; none while the period has not started.
    pub retain_until: Option<Date>,
    /// The day destruction must be done by; none while retention runs open or a hold applies.
    pub destroy_by: Option<Date>,
    pub articles: Vec<String>,
    pub period: String,
    pub from: Anchor,
    /// Why the dates are open, if they are.
    pub pending: Option<String>,
    /// A legal hold suspends destruction.
    pub suspended: bool,
    /// The client may consent to keeping the data longer.
    pub extendable_with_consent: bool,
    /// The law that changed the reglement's answer, if any: every limit that did.
    pub law: Vec<LawApplied>,
    /// What the reglement alone would have answered, when the law changed it.
    pub reglement_term: Option<ReglementTerm>,
    /// The dossier's statutory term governs because a rule says the category follows the
    /// dossier (`volgt_dossier`), not because the category is part of it.
    #[serde(skip_serializing_if = "std::ops::Not::not")]
    pub follows_dossier: bool,
}

/// The retention of `category` for a record with these facts. Every rule of the category
/// counts, whichever processing it is for: the latest end governs, so nothing is destroyed that
/// one processing still keeps.
pub fn retention(
    reglement: &Reglement,
    category: &str,
    facts: RetentionFacts,
) -> Result<RetentionAnswer, DecisionError> {
    retention_rules(reglement, category, facts, None)
}

/// The retention of `category` as `processing` keeps it: the rules for that processing and the
/// rules for every processing (`[[bewaartermijnen]] verwerkingen`).
pub fn retention_in(
    reglement: &Reglement,
    processing: &str,
    category: &str,
    facts: RetentionFacts,
) -> Result<RetentionAnswer, DecisionError> {
    super::known_processing(reglement, processing)?;
    retention_rules(reglement, category, facts, Some(processing))
}

fn retention_rules(
    reglement: &Reglement,
    category: &str,
    facts: RetentionFacts,
    processing: Option<&str>,
) -> Result<RetentionAnswer, DecisionError> {
    known_id(reglement, IdKind::Category, category)?;
    let rules: Vec<_> = reglement
        .file
        .retention
        .iter()
        .map(|r| r.get_ref())
        .filter(|r| r.categories.iter().any(|c| c.get_ref() == category))
        .filter(|r| {
            processing.is_none_or(|p| {
                r.processings.is_empty() || r.processings.iter().any(|id| id.get_ref() == p)
            })
        })
        .collect();
    // "Six months, unless a treatment follows": until the event, the conditional rules govern
    // alone; once it has happened, the category's other rules do.
    let (conditional, unconditional): (Vec<_>, Vec<_>) =
        rules.into_iter().partition(|r| r.unless.is_some());
    let waiting: Vec<_> = conditional
        .into_iter()
        .filter(|r| !event_followed(r, facts))
        .collect();
    let rules = if waiting.is_empty() {
        unconditional
    } else {
        waiting
    };
    if rules.is_empty() {
        return Err(DecisionError::NoRetentionRule(category.to_owned()));
    }

    // Each rule's end of retention, or why it is still open.
    let mut ends: Vec<(Option<Date>, &crate::reglement::file::RetentionRule)> = Vec::new();
    for rule in &rules {
        let anchor = anchor_date(rule.from, facts, rule.article.get_ref())?;
        let end = match anchor {
            Some(a) => Some(reglement.calendar.add_period(a, *rule.period.get_ref())?),
            None => None,
        };
        ends.push((end, rule));
    }

    let mut articles = Vec::new();
    let open = ends.iter().find(|(end, _)| end.is_none());
    let (retain_until, governing) = match open {
        Some((_, rule)) => (None, *rule),
        None => {
            let latest = ends.iter().filter_map(|(e, _)| *e).max();
            let rule = ends
                .iter()
                .find(|(e, _)| *e == latest)
                .map_or(rules[0], |(_, r)| *r);
            (latest, rule)
        }
    };
    for (end, rule) in &ends {
        if *end == retain_until || end.is_none() {
            push_article(
                &mut articles,
                cite(rule.article.get_ref(), rule.law.as_deref()),
            );
        }
    }
    let pending = open.map(|(_, rule)| rule.from.id().to_owned());

    // The destruction window: the shortest that applies.
    let mut windows: Vec<(Period, String)> = rules
        .iter()
        .filter_map(|r| {
            r.destroy_within
                .map(|p| (p, cite(r.article.get_ref(), r.law.as_deref())))
        })
        .collect();
    if let Some(d) = &reglement.file.destruction {
        windows.push((d.within, d.article.get_ref().clone()));
    }
    let window = windows.into_iter().min_by_key(|(p, _)| p.min_days());
    let suspended = facts.legal_hold;
    let destroy_after = |until: Option<Date>| -> Result<Option<Date>, DecisionError> {
        Ok(match (until, &window, suspended) {
            (_, _, true) | (None, _, _) => None,
            (Some(until), Some((p, _)), false) => Some(reglement.calendar.add_period(until, *p)?),
            (Some(until), None, false) => Some(until),
        })
    };
    let mut own_articles = articles.clone();
    if let Some((_, article)) = &window
        && retain_until.is_some()
    {
        push_article(&mut own_articles, article.clone());
    }
    let reglement_term = ReglementTerm {
        retain_until,
        destroy_by: destroy_after(retain_until)?,
        period: governing.period.get_ref().describe(Lang::Nl),
        from: governing.from,
        articles: own_articles,
    };

    // The law beneath: minimums, then maximums.
    let data_category = reglement.taxonomy.category(category);
    let mut law_applied: Vec<LawApplied> = Vec::new();
    let mut retain_until = retain_until;
    let mut period = reglement_term.period.clone();
    let mut from = governing.from;
    let mut follows_dossier = false;
    if let (Some(cat), Some(until)) = (data_category, retain_until) {
        let mut floors: Vec<(Date, LawApplied)> = Vec::new();
        let mut laws = law::floors_for(&reglement.file, cat);
        // `volgt_dossier`: the category is kept as long as the dossier, so the dossier's
        // statutory term of the day binds it as it binds the medical categories.
        let following: Vec<_> = rules.iter().filter(|r| r.follows_dossier()).collect();
        let dossier = law::dossier_floors(&reglement.file);
        if !following.is_empty() {
            for floor in &dossier {
                if !laws.iter().any(|f| f.id == floor.id) {
                    laws.push(floor);
                }
            }
        }
        for floor in laws {
            let Some(v) = law::in_force(floor.versions, facts.as_of) else {
                continue;
            };
            let end = term_end(reglement, v.value, facts, v.article)?;
            floors.push((end, applied(Limit::Minimum, floor.id, v, end)));
        }
        let latest = floors.iter().map(|(d, _)| *d).max();
        if let Some(latest) = latest
            && latest > until
        {
            retain_until = Some(latest);
            articles.clear();
            // Where the category follows the dossier by the reglement's word, not by being part
            // of it, the rule that says so is cited before the dossier's law.
            let by_dossier = floors
                .iter()
                .any(|(d, a)| *d == latest && dossier.iter().any(|f| f.id == a.rule));
            if by_dossier && !cat.medical_record {
                follows_dossier = true;
                for rule in &following {
                    push_article(
                        &mut articles,
                        cite(rule.article.get_ref(), rule.law.as_deref()),
                    );
                }
            }
            for (_, a) in floors.into_iter().filter(|(d, _)| *d == latest) {
                push_article(&mut articles, a.article.clone());
                period.clone_from(&a.period);
                from = a.from;
                law_applied.push(a);
            }
        }
    }
    let mut cap: Option<LawApplied> = None;
    if let Some(cat) = data_category {
        for ceiling in law::ceilings_for(cat) {
            let Some(v) = law::in_force(ceiling.versions, facts.as_of) else {
                continue;
            };
            let Some(anchor) = anchor_date(v.value.from, facts, v.article)? else {
                continue;
            };
            let end = reglement.calendar.add_period(anchor, v.value.period)?;
            if cap.as_ref().is_none_or(|c| end < c.date) {
                cap = Some(applied(Limit::Maximum, ceiling.id, v, end));
            }
        }
    }
    if let Some(c) = &cap
        && retain_until.is_some_and(|u| u > c.date)
    {
        retain_until = Some(c.date);
        articles.clear();
        period.clone_from(&c.period);
        from = c.from;
    }
    let mut destroy_by = destroy_after(retain_until)?;
    if let Some(c) = cap {
        let capped = destroy_by.is_some_and(|d| d > c.date) || retain_until == Some(c.date);
        if let Some(d) = destroy_by
            && d > c.date
        {
            destroy_by = Some(c.date);
        }
        if capped
            && (reglement_term.retain_until != retain_until
                || reglement_term.destroy_by != destroy_by)
        {
            law_applied.push(c);
        }
    }

    if let Some((_, article)) = &window
        && retain_until.is_some()
        && destroy_by != retain_until
    {
        push_article(&mut articles, article.clone());
    }
    for l in law_applied.iter().filter(|l| l.limit == Limit::Maximum) {
        push_article(&mut articles, l.article.clone());
    }
    if suspended {
        let hold_article = match &reglement.file.destruction {
            Some(d) if !d.suspended_by.is_empty() => d.article.get_ref().clone(),
            _ => "AVG art. 17 lid 3 sub e".to_owned(),
        };
        push_article(&mut articles, hold_article);
    }
    let changed = !law_applied.is_empty();
    Ok(RetentionAnswer {
        category: category.to_owned(),
        retain_until,
        destroy_by,
        articles,
        period,
        from,
        pending,
        suspended,
        extendable_with_consent: rules.iter().any(|r| r.extendable_with_consent),
        law: law_applied,
        reglement_term: changed.then_some(reglement_term),
        follows_dossier,
    })
}

fn applied(limit: Limit, rule: &str, v: &law::Version<Term>, date: Date) -> LawApplied {
    LawApplied {
        limit,
        rule: rule.to_owned(),
        article: v.article.to_owned(),
        source: v.source,
        period: v.value.period.describe(Lang::Nl),
        from: v.value.from,
        date,
        in_force: v.in_force,
        version: law::VERSION,
    }
}

/// Whether the event a rule's `tenzij` names has happened since the record was made: then the
/// rule no longer applies. A treatment follows when one is recorded on or after that day.
fn event_followed(rule: &crate::reglement::file::RetentionRule, facts: RetentionFacts) -> bool {
    match rule.unless.as_ref().map(|e| *e.get_ref()) {
        None => false,
        Some(RetentionEvent::Behandeling) => match (facts.last_treatment, facts.created) {
            (Some(treated), Some(made)) => treated >= made,
            (Some(_), None) => true,
            (None, _) => false,
        },
    }
}

/// The day a term counts from, or none while it has not started (the end of care, the last
/// treatment).
pub(super) fn anchor_date(
    anchor: Anchor,
    facts: RetentionFacts,
    article: &str,
) -> Result<Option<Date>, DecisionError> {
    let last_change = facts.last_change.or(facts.created);
    let missing = |fact: &'static str| DecisionError::MissingFact {
        fact,
        article: article.to_owned(),
        from: anchor,
    };
    Ok(match anchor {
        Anchor::Aanmaak => Some(facts.created.ok_or_else(|| missing("--created"))?),
        Anchor::LaatsteWijziging => Some(last_change.ok_or_else(|| missing("--last-change"))?),
        Anchor::EindeZorg => facts.care_ended,
        // Not started while no treatment is recorded, as the end of care while care goes on.
        Anchor::LaatsteBehandeling => facts.last_treatment,
        Anchor::EindeBoekjaar => {
            let d = last_change.ok_or_else(|| missing("--created"))?;
            Some(Date::new(d.year(), 12, 31).map_err(crate::calendar::OutOfRange::from)?)
        }
    })
}

/// The end of a term of the law: a statutory term always starts (it counts from a recorded
/// date), so a fact it needs and lacks is an error naming the law.
fn term_end(
    reglement: &Reglement,
    term: Term,
    facts: RetentionFacts,
    article: &str,
) -> Result<Date, DecisionError> {
    let anchor =
        anchor_date(term.from, facts, article)?.ok_or_else(|| DecisionError::MissingFact {
            fact: "--care-ended",
            article: article.to_owned(),
            from: term.from,
        })?;
    Ok(reglement.calendar.add_period(anchor, term.period)?)
}

impl RetentionAnswer {
    pub fn explain(&self, lang: Lang) -> String {
        let articles = cite_list(&self.articles);
        let from = self.from.label(lang);
        // The period is stored in Dutch ("20 jaar"), as the reglement writes it.
        let period = describe(&self.period, lang);
        let category = self.category.as_str();
        let mut sentences = vec![match self.retain_until {
            Some(until) => t!(
                lang,
                "retention-kept-until",
                category = category,
                until = &until.to_string(),
                period = &period,
                from = from,
                articles = &articles
            ),
            None => t!(
                lang,
                "retention-not-started",
                category = category,
                period = &period,
                from = from,
                articles = &articles
            ),
        }];
        if let Some(by) = self.destroy_by {
            sentences.push(t!(lang, "retention-destroy-by", date = &by.to_string()));
        }
        if let Some(own) = &self.reglement_term {
            let own_articles = cite_list(&own.articles);
            // Limits of the same kind that set the same date share one sentence (the WGBO and
            // the Jeugdwet both: twenty years from the last change).
            let mut done: Vec<(Limit, Date)> = Vec::new();
            for l in &self.law {
                if done.contains(&(l.limit, l.date)) {
                    continue;
                }
                done.push((l.limit, l.date));
                let same: Vec<&str> = self
                    .law
                    .iter()
                    .filter(|o| o.limit == l.limit && o.date == l.date)
                    .map(|o| o.article.as_str())
                    .collect();
                let key = match l.limit {
                    // The law binds the dossier; these data follow it by the reglement's word.
                    Limit::Minimum if self.follows_dossier => "retention-law-follows-dossier",
                    Limit::Minimum => "retention-law-minimum",
                    Limit::Maximum => "retention-law-maximum",
                };
                sentences.push(t!(
                    lang,
                    key,
                    article = &same.join("; "),
                    source = &l.source.label(lang),
                    period = &describe(&l.period, lang),
                    from = l.from.label(lang),
                    date = &l.date.to_string(),
                    own_period = &describe(&own.period, lang),
                    own_from = own.from.label(lang),
                    own_articles = &own_articles
                ));
            }
        }
        if self.suspended {
            sentences.push(t!(lang, "retention-suspended"));
        }
        if self.extendable_with_consent {
            sentences.push(t!(lang, "retention-extendable"));
        }
        sentences.join(" ")
    }
}

fn describe(dutch: &str, lang: Lang) -> String {
    dutch
        .parse::<Period>()
        .map_or(dutch.to_owned(), |p| p.describe(lang))
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::decide::{test_reglement, test_reglement_errors};

    const RULES: &str = "[[verwerkingen]]\nid = \"dossier\"\nnaam = \"Dossier\"\nartikel = \"2.1\"\n\
        doel = \"Zorg\"\ngrondslag = [\"overeenkomst\"]\ncategorieen = [\"naw\", \"contact\"]\n\
        [[verwerkingen]]\nid = \"afspraken\"\nnaam = \"Afspraken\"\nartikel = \"2.5\"\n\
        doel = \"Afspraken\"\ngrondslag = [\"overeenkomst\"]\ncategorieen = [\"contact\"]\n\
        [[bewaartermijnen]]\ncategorieen = [\"naw\", \"contact\"]\ntermijn = \"20 jaar\"\n\
        vanaf = \"laatste_wijziging\"\nverwerkingen = [\"dossier\"]\nartikel = \"5.1\"\n\
        [[bewaartermijnen]]\ncategorieen = [\"contact\"]\ntermijn = \"1 jaar\"\n\
        vanaf = \"laatste_wijziging\"\nverwerkingen = [\"afspraken\"]\nartikel = \"5.6\"\n";

    fn facts() -> RetentionFacts {
        RetentionFacts {
            created: Some("2026-03-02".parse().unwrap()),
            ..RetentionFacts::default()
        }
    }

    #[test]
    fn one_category_kept_per_processing() {
        let r = test_reglement(RULES);
        let short = retention_in(&r, "afspraken", "contact", facts()).unwrap();
        assert_eq!(short.retain_until, Some("2027-03-02".parse().unwrap()));
        assert_eq!(short.articles, vec!["5.6".to_owned()]);
        let long = retention_in(&r, "dossier", "contact", facts()).unwrap();
        assert_eq!(long.retain_until, Some("2046-03-02".parse().unwrap()));
        // Asked without a processing, the latest end governs.
        let any = retention(&r, "contact", facts()).unwrap();
        assert_eq!(any.retain_until, long.retain_until);
        // A processing without a rule for the category has none.
        assert_eq!(
            retention_in(&r, "afspraken", "naw", facts()),
            Err(DecisionError::NoRetentionRule("naw".to_owned()))
        );
    }

    #[test]
    fn a_rule_for_a_processing_is_checked_against_it() {
        let unknown = RULES.replace(
            "verwerkingen = [\"afspraken\"]",
            "verwerkingen = [\"afspraak\"]",
        );
        let codes = test_reglement_errors(&unknown);
        assert!(codes.contains(&"reglement.unknown_processing"));
        // Then the appointments' contact data has no rule of its own: also an error.
        assert!(codes.contains(&"reglement.no_retention"));
        let outside = RULES.replace(
            "categorieen = [\"contact\"]\ntermijn = \"1 jaar\"",
            "categorieen = [\"contact\", \"naw\"]\ntermijn = \"1 jaar\"",
        );
        assert!(
            test_reglement_errors(&outside)
                .contains(&"reglement.retention_category_outside_processing")
        );
    }
}
