//! Disclosure: may this recipient receive this category, is consent needed and in what form,
//! does an objection block it, must the subject be told.
//!
//! Where several rules cover the same recipient and category, the strictest consent they ask
//! governs; an objection blocks when any of them says so, or when consent is the ground.

use jiff::civil::Date;
use serde::Serialize;

use super::{DecisionError, cite_list, known_id, push_article};
use crate::i18n::Lang;
use crate::reglement::file::DisclosureRule;
use crate::reglement::{Reglement, cite};
use crate::t;
use crate::taxonomy::IdKind;
use crate::vocabulary::ConsentForm;

const AVG_6_A: &str = "AVG art. 6 lid 1 sub a";
const AVG_9_A: &str = "AVG art. 9 lid 2 sub a";

/// What is known of the subject's wishes.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq)]
pub struct DisclosureFacts {
    /// The subject gave consent in the form the rule asks.
    pub consent: bool,
    /// The subject objected to the disclosure.
    pub objection: bool,
    /// The caregiver judges that a conflict of duties requires the disclosure without consent
    /// (and justifies it where the disclosure is recorded).
    pub conflict_of_duties: bool,
}

/// What the question adds to the facts: the day of the disclosure (a rule may hold only between
/// two dates) and its purpose (a rule may serve only some).
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq)]
pub struct DisclosureQuery<'a> {
    /// The day of the disclosure; without it, a rule with dates is passed by and named.
    pub on: Option<Date>,
    /// The purpose of the disclosure (an id of the rules' `doelen`); without it, a rule for some
    /// purposes applies with them as a condition.
    pub purpose: Option<&'a str>,
}

/// A rule with dates that the answer did not apply: not in force on the day asked, or no day
/// was given.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct DatedRule {
    pub article: String,
    pub valid_from: Option<Date>,
    pub valid_until: Option<Date>,
}

#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct DisclosureAnswer {
    pub recipient: String,
    pub category: String,
    /// The day asked about, if any.
    pub on: Option<Date>,
    /// The purpose asked about, if any.
    pub purpose: Option<String>,
    pub allowed: bool,
    pub needs_consent: bool,
    pub consent_form: ConsentForm,
    pub objection_blocks: bool,
    pub notify_subject: bool,
    pub articles: Vec<String>,
    pub conditions: Vec<String>,
    /// No rule of the reglement names this recipient for this category; the default applies.
    pub by_default: bool,
    /// Rules with dates for this recipient and category that did not apply (the day lies
    /// outside them, or no day was given).
    pub not_in_force: Vec<DatedRule>,
    /// A `[[verstrekkingsverboden]]` rule forbids it: no consent lifts it.
    pub banned: bool,
    /// A rule lets a conflict of duties stand in for the missing consent.
    #[serde(skip_serializing_if = "std::ops::Not::not")]
    pub conflict_of_duties_allowed: bool,
    /// It is allowed without the consent it needs, on the caregiver's conflict of duties.
    #[serde(skip_serializing_if = "std::ops::Not::not")]
    pub on_conflict_of_duties: bool,
}

/// Whether this recipient may receive this category, without a day or a purpose: rules with
/// dates are passed by (and named), rules for some purposes apply with them as a condition.
pub fn disclose(
    reglement: &Reglement,
    recipient: &str,
    category: &str,
    facts: DisclosureFacts,
) -> Result<DisclosureAnswer, DecisionError> {
    disclose_on(
        reglement,
        recipient,
        category,
        facts,
        DisclosureQuery::default(),
    )
}

/// Whether this recipient may receive this category on the day and for the purpose asked.
pub fn disclose_on(
    reglement: &Reglement,
    recipient: &str,
    category: &str,
    facts: DisclosureFacts,
    query: DisclosureQuery<'_>,
) -> Result<DisclosureAnswer, DecisionError> {
    known_id(reglement, IdKind::Recipient, recipient)?;
    known_id(reglement, IdKind::Category, category)?;
    let special = reglement
        .taxonomy
        .category(category)
        .is_some_and(|c| c.special.is_some());
    let hereditary = reglement
        .taxonomy
        .category(category)
        .is_some_and(|c| c.hereditary);

    let covering: Vec<&DisclosureRule> = reglement
        .file
        .disclosures
        .iter()
        .map(|r| r.get_ref())
        .filter(|r| r.recipients.iter().any(|id| id.get_ref() == recipient))
        .filter(|r| {
            r.categories
                .as_ref()
                .is_none_or(|cats| cats.iter().any(|c| c.get_ref() == category))
        })
        .filter(|r| match query.purpose {
            Some(p) => r.purposes.is_empty() || r.purposes.iter().any(|d| d.get_ref() == p),
            None => true,
        })
        .collect();
    let mut not_in_force = Vec::new();
    let mut rules = Vec::new();
    for r in covering {
        let holds = r.is_dated() && query.on.is_some_and(|d| r.holds_on(d));
        if !r.is_dated() || holds {
            rules.push(r);
        } else {
            not_in_force.push(DatedRule {
                article: cite(r.article.get_ref(), r.law.as_deref()),
                valid_from: r.valid_from.as_ref().map(|d| d.get_ref().0),
                valid_until: r.valid_until.as_ref().map(|d| d.get_ref().0),
            });
        }
    }

    let mut articles = Vec::new();
    let mut conditions = Vec::new();
    // Bans first: where one covers the question, nothing lifts it. A ban for some purposes,
    // asked without a purpose, is a condition.
    let mut banned = false;
    let mut ban_articles = Vec::new();
    for ban in reglement.file.disclosure_bans.iter().map(|b| b.get_ref()) {
        if !ban.covers(recipient, category) {
            continue;
        }
        let purposes: Vec<&str> = ban.purposes.iter().map(|p| p.get_ref().as_str()).collect();
        let applies = match query.purpose {
            _ if purposes.is_empty() => true,
            Some(p) => purposes.contains(&p),
            None => false,
        };
        let article = cite(ban.article.get_ref(), ban.law.as_deref());
        if applies {
            banned = true;
            push_article(&mut ban_articles, article);
        } else if query.purpose.is_none() {
            let condition = format!("nooit voor: {} ({article})", purposes.join(", "));
            if !conditions.contains(&condition) {
                conditions.push(condition);
            }
        }
    }
    let conflict_of_duties_allowed = rules.iter().any(|r| r.allows_conflict_of_duties());
    let (consent_form, rule_objection, rule_notify) = if rules.is_empty() {
        match &reglement.file.disclosure.default {
            Some(d) => {
                push_article(&mut articles, cite(d.article.get_ref(), d.law.as_deref()));
                // A default of the reglement cannot ask less than the law for special data.
                let form = if special {
                    d.consent.max(ConsentForm::Uitdrukkelijk)
                } else {
                    d.consent
                };
                if form != d.consent {
                    push_article(&mut articles, AVG_9_A.to_owned());
                }
                (form, false, false)
            }
            None if special => {
                push_article(&mut articles, AVG_9_A.to_owned());
                (ConsentForm::Uitdrukkelijk, false, false)
            }
            None => {
                push_article(&mut articles, AVG_6_A.to_owned());
                (ConsentForm::Toestemming, false, false)
            }
        }
    } else {
        let mut form = ConsentForm::Geen;
        let (mut objection, mut notify) = (false, false);
        for r in &rules {
            push_article(&mut articles, cite(r.article.get_ref(), r.law.as_deref()));
            form = form.max(r.consent);
            objection |= r.objection_blocks;
            notify |= r.notify;
            for c in &r.conditions {
                if !conditions.contains(c) {
                    conditions.push(c.clone());
                }
            }
            if query.purpose.is_none() && !r.purposes.is_empty() {
                let purposes: Vec<&str> = r.purposes.iter().map(|p| p.get_ref().as_str()).collect();
                let condition = format!("alleen voor: {}", purposes.join(", "));
                if !conditions.contains(&condition) {
                    conditions.push(condition);
                }
            }
        }
        (form, objection, notify)
    };
    if hereditary && let Some(h) = &reglement.file.disclosure.hereditary {
        push_article(&mut articles, cite(h.article.get_ref(), h.law.as_deref()));
        let condition = "alleen over de betrokkene die de gegevens heeft verstrekt".to_owned();
        if !conditions.contains(&condition) {
            conditions.push(condition);
        }
    }

    let needs_consent = consent_form != ConsentForm::Geen;
    // A conflict of duties stands in for consent only where a rule says so, and only when
    // there is no consent: then the ground is the harm to avert, not the subject's wish.
    let on_conflict_of_duties =
        needs_consent && !facts.consent && facts.conflict_of_duties && conflict_of_duties_allowed;
    // Where consent is the ground, an objection means there is none.
    let objection_blocks = rule_objection || (needs_consent && !on_conflict_of_duties);
    let permitted = (!needs_consent || facts.consent || on_conflict_of_duties)
        && !(facts.objection && objection_blocks);
    let allowed = !banned && permitted;
    let without_consent = allowed && !facts.consent;
    let general_notify = if without_consent {
        reglement.file.disclosure.notify_without_consent.as_ref()
    } else {
        None
    };
    if let Some(n) = general_notify {
        push_article(&mut articles, n.article.get_ref().clone());
        if let Some(e) = &n.exception {
            let condition = format!("niet informeren {e}");
            if !conditions.contains(&condition) {
                conditions.push(condition);
            }
        }
    }
    // A ban is the whole answer: the consent the rules would ask does not matter.
    if banned {
        articles = ban_articles;
    }
    Ok(DisclosureAnswer {
        recipient: recipient.to_owned(),
        category: category.to_owned(),
        on: query.on,
        purpose: query.purpose.map(str::to_owned),
        allowed,
        needs_consent,
        consent_form,
        objection_blocks,
        notify_subject: allowed && (rule_notify || general_notify.is_some()),
        articles,
        conditions,
        by_default: rules.is_empty(),
        not_in_force,
        banned,
        conflict_of_duties_allowed,
        on_conflict_of_duties: allowed && on_conflict_of_duties,
    })
}

impl DisclosureAnswer {
    pub fn explain(&self, lang: Lang) -> String {
        let articles = cite_list(&self.articles);
        let (recipient, category) = (self.recipient.as_str(), self.category.as_str());
        if self.banned {
            return t!(
                lang,
                "disclosure-banned",
                category = category,
                recipient = recipient,
                articles = &articles
            );
        }
        let mut sentences = vec![if self.allowed {
            t!(
                lang,
                "disclosure-allowed",
                category = category,
                recipient = recipient,
                articles = &articles
            )
        } else {
            t!(
                lang,
                "disclosure-not-allowed",
                category = category,
                recipient = recipient,
                articles = &articles
            )
        }];
        sentences.push(if self.needs_consent {
            t!(
                lang,
                "disclosure-needs-consent",
                consent = self.consent_form.label(lang)
            )
        } else {
            t!(lang, "disclosure-no-consent-needed")
        });
        if self.on_conflict_of_duties {
            sentences.push(t!(lang, "disclosure-on-conflict-of-duties"));
        } else if self.conflict_of_duties_allowed && !self.allowed {
            sentences.push(t!(lang, "disclosure-conflict-of-duties-possible"));
        }
        if self.objection_blocks {
            sentences.push(t!(lang, "disclosure-objection-blocks"));
        }
        if self.notify_subject {
            sentences.push(t!(lang, "disclosure-notify-subject"));
        }
        if self.by_default {
            sentences.push(t!(lang, "disclosure-by-default"));
        }
        for d in &self.not_in_force {
            let from = d
                .valid_from
                .map_or_else(|| "-".to_owned(), |d| d.to_string());
            let until = d
                .valid_until
                .map_or_else(|| "-".to_owned(), |d| d.to_string());
            sentences.push(match self.on {
                Some(on) => t!(
                    lang,
                    "disclosure-rule-not-in-force",
                    article = &cite_list(std::slice::from_ref(&d.article)),
                    from = &from,
                    until = &until,
                    on = &on.to_string()
                ),
                None => t!(
                    lang,
                    "disclosure-rule-dated",
                    article = &cite_list(std::slice::from_ref(&d.article)),
                    from = &from,
                    until = &until
                ),
            });
        }
        if !self.conditions.is_empty() {
            sentences.push(t!(
                lang,
                "disclosure-conditions",
                conditions = &self.conditions.join("; ")
            ));
        }
        sentences.join(" ")
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::decide::{test_reglement, test_reglement_errors};

    fn date(s: &str) -> Date {
        s.parse().unwrap()
    }

    const RULES: &str = "[[verstrekkingen]]\nontvangers = [\"gemeente\"]\ncategorieen = [\"naw\"]\n\
        toestemming = \"geen\"\ndoelen = [\"vaccinatie_uitnodiging\"]\n\
        geldig_vanaf = 2026-10-01\ngeldig_tot = 2026-12-31\nartikel = \"4.10\"\n\
        [[verstrekkingen]]\nontvangers = [\"gemeente\"]\ncategorieen = [\"naw\"]\n\
        toestemming = \"geen\"\ndoelen = [\"melding_infectieziekte\"]\nartikel = \"4.4\"\n\
        [verstrekking.standaard]\ntoestemming = \"uitdrukkelijk\"\nartikel = \"4.8\"\n";

    fn ask(r: &Reglement, on: Option<&str>, purpose: Option<&str>) -> DisclosureAnswer {
        let query = DisclosureQuery {
            on: on.map(date),
            purpose,
        };
        disclose_on(r, "gemeente", "naw", DisclosureFacts::default(), query).unwrap()
    }

    #[test]
    fn a_temporary_rule_holds_between_its_dates_only() {
        let r = test_reglement(RULES);
        let purpose = Some("vaccinatie_uitnodiging");
        let inside = ask(&r, Some("2026-12-31"), purpose);
        assert!(inside.allowed);
        assert_eq!(inside.articles, vec!["4.10".to_owned()]);
        assert!(inside.not_in_force.is_empty());
        let after = ask(&r, Some("2027-01-01"), purpose);
        assert!(!after.allowed, "after the measure the default governs");
        assert!(after.by_default);
        assert_eq!(after.not_in_force.len(), 1);
        assert!(
            after
                .explain(Lang::En)
                .contains("does not hold on 2027-01-01")
        );
        let before = ask(&r, Some("2026-09-30"), purpose);
        assert!(!before.allowed);
    }

    #[test]
    fn without_a_day_a_temporary_rule_is_named_not_applied() {
        let r = test_reglement(RULES);
        let a = ask(&r, None, Some("vaccinatie_uitnodiging"));
        assert!(!a.allowed);
        assert_eq!(a.not_in_force[0].article, "4.10");
        assert!(a.explain(Lang::En).contains("ask with the day"));
    }

    #[test]
    fn a_rule_for_one_purpose_passes_by_another() {
        let r = test_reglement(RULES);
        let report = ask(&r, Some("2026-03-02"), Some("melding_infectieziekte"));
        assert!(report.allowed);
        assert_eq!(report.articles, vec!["4.4".to_owned()]);
        let other = ask(&r, Some("2026-03-02"), Some("onderzoek"));
        assert!(other.by_default);
        assert!(!other.allowed);
        // Without a purpose the rule applies, its purposes a condition.
        let any = ask(&r, Some("2026-03-02"), None);
        assert!(any.allowed);
        assert!(
            any.conditions
                .contains(&"alleen voor: melding_infectieziekte".to_owned())
        );
    }

    #[test]
    fn reversed_dates_and_bad_purposes_are_errors() {
        let reversed = RULES.replace("geldig_tot = 2026-12-31", "geldig_tot = 2026-09-30");
        assert!(test_reglement_errors(&reversed).contains(&"reglement.validity_reversed"));
        let lapsed = RULES.replace(
            "geldig_vanaf = 2026-10-01\ngeldig_tot = 2026-12-31",
            "geldig_tot = 2025-12-31",
        );
        assert!(test_reglement_errors(&lapsed).contains(&"reglement.validity_before_effective"));
        let bad = RULES.replace("\"melding_infectieziekte\"", "\"Melding GGD\"");
        assert!(test_reglement_errors(&bad).contains(&"reglement.invalid_purpose"));
    }

    const BANS: &str = "[taxonomie.ontvangers.commerciele_partij]\nnl = \"Commercieel\"\n\
        en = \"Commercial\"\n\
        [[verstrekkingen]]\nontvangers = [\"onderzoek\"]\ntoestemming = \"uitdrukkelijk\"\n\
        artikel = \"4.6\"\n\
        [[verstrekkingsverboden]]\nontvangers = [\"commerciele_partij\"]\nartikel = \"4.7\"\n\
        [[verstrekkingsverboden]]\ndoelen = [\"commercieel\"]\nartikel = \"4.7\"\n";

    #[test]
    fn no_consent_lifts_a_ban() {
        let r = test_reglement(BANS);
        let consent = DisclosureFacts {
            consent: true,
            ..DisclosureFacts::default()
        };
        let a = disclose(&r, "commerciele_partij", "naw", consent).unwrap();
        assert!(!a.allowed && a.banned);
        assert_eq!(a.articles[0], "4.7");
        assert!(a.explain(Lang::En).contains("not even with consent"));
        // A recipient research may serve, but not for a commercial purpose.
        let query = DisclosureQuery {
            on: None,
            purpose: Some("commercieel"),
        };
        let a = disclose_on(&r, "onderzoek", "gezondheid", consent, query).unwrap();
        assert!(!a.allowed && a.banned);
        // For research itself, with consent, it may.
        let a = disclose(&r, "onderzoek", "gezondheid", consent).unwrap();
        assert!(a.allowed && !a.banned);
        assert!(
            a.conditions
                .contains(&"nooit voor: commercieel (4.7)".to_owned())
        );
    }

    #[test]
    fn a_ban_needs_a_scope_and_warns_of_a_rule_it_voids() {
        let empty = "[[verstrekkingsverboden]]\nartikel = \"4.7\"\n";
        assert!(test_reglement_errors(empty).contains(&"reglement.ban_without_scope"));
        let voided = format!(
            "{BANS}[[verstrekkingen]]\nontvangers = [\"commerciele_partij\"]\n\
             toestemming = \"schriftelijk\"\nartikel = \"4.9\"\n"
        );
        assert!(test_reglement_errors(&voided).contains(&"reglement.disclosure_rule_banned"));
        let empty_list =
            "[[verstrekkingsverboden]]\nontvangers = []\ndoelen = [\"x\"]\nartikel = \"4.7\"\n";
        assert!(test_reglement_errors(empty_list).contains(&"reglement.ban_empty_list"));
        let typo = BANS.replace(
            "ontvangers = [\"commerciele_partij\"]",
            "ontvangers = [\"comerciele_partij\"]",
        );
        assert!(test_reglement_errors(&typo).contains(&"reglement.unknown_recipient"));
    }
}
