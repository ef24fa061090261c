//! Privacy incidents and data breaches (art. 33 and 34 AVG): what the register holds about one,
//! what the law then asks (tell the AP unless the breach is unlikely to result in a risk, the
//! persons when the risk to them is high), and the answers to the AP's notification form,
//! chapter by chapter, with what is still missing. The AP accepts only its own online form:
//! this prepares it, it does not submit. Pure: every moment is a parameter.

use jiff::Timestamp;
use serde::Serialize;

use crate::decide::{BreachAnswer, TellPersons};
use crate::i18n::{Lang, t};
use crate::reglement::Reglement;
use crate::time::format_moment;
use crate::vocabulary::{BreachNature, BreachRisk};

/// What is known of an incident.
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize)]
pub struct IncidentFacts {
    pub discovered: Option<Timestamp>,
    pub started: Option<Timestamp>,
    pub ended: Option<Timestamp>,
    /// The staff member (user id) or system that discovered it.
    pub discovered_by: String,
    pub how_discovered: String,
    pub description: String,
    pub nature: Vec<BreachNature>,
    /// Data categories (the reglement's ids).
    pub categories: Vec<String>,
    pub persons_min: Option<u64>,
    pub persons_max: Option<u64>,
    pub records: Option<u64>,
    /// Encrypted, hashed or otherwise unintelligible to whoever got it (question 8.1).
    pub encrypted: bool,
    pub consequences: String,
    pub risk: Option<BreachRisk>,
    pub measures: String,
}

/// What was decided and done about telling the AP and the persons.
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize)]
pub struct Notification {
    /// Whether the AP is (to be) told, once decided.
    pub notify_ap: Option<bool>,
    pub decision_reason: String,
    pub ap_notified: Option<Timestamp>,
    /// The AP's meldnummer.
    pub ap_reference: String,
    /// Why the AP was told after the 72 hours (art. 33 lid 1 AVG).
    pub late_reason: String,
    pub persons_notified: Option<Timestamp>,
    pub persons_notified_count: Option<u64>,
    pub persons_notified_how: String,
}

/// What the law asks of a breach with `risk`: tell the AP unless it is unlikely to result in a
/// risk (art. 33 lid 1 AVG: a negligible one), the persons when the risk is high (art. 34 lid
/// 1: significant or very high), or always where the reglement says so.
pub fn duties(risk: BreachRisk, tell: TellPersons) -> (bool, bool) {
    let ap = risk != BreachRisk::Verwaarloosbaar;
    let persons = tell == TellPersons::Altijd
        || matches!(risk, BreachRisk::Aanzienlijk | BreachRisk::ZeerGroot);
    (ap, persons)
}

/// One question of the AP's form and its answer, if known.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct FormAnswer {
    /// The question's number on the form (as of its August 2022 version).
    pub question: &'static str,
    pub label: String,
    pub answer: Option<String>,
}

#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct FormChapter {
    pub chapter: u8,
    pub title: String,
    pub answers: Vec<FormAnswer>,
}

/// The AP's notification form, prepared: every chapter with its answers, and the numbers of
/// the questions still open.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct ApForm {
    pub chapters: Vec<FormChapter>,
    pub missing: Vec<&'static str>,
}

fn text(s: &str) -> Option<String> {
    (!s.trim().is_empty()).then(|| s.trim().to_owned())
}

/// The answers to the AP's form from the register (`clock` is the breach's clock, `now` the
/// moment the form is prepared, to tell whether the 72 hours have passed).
pub fn ap_form(
    reglement: &Reglement,
    facts: &IncidentFacts,
    notification: &Notification,
    clock: Option<&BreachAnswer>,
    now: Timestamp,
    lang: Lang,
) -> ApForm {
    let org = &reglement.file.organisation;
    let moment = |m: Option<Timestamp>| m.map(|m| format_moment(m, lang));
    let yes_no = |b: bool| t(lang, if b { "form-yes" } else { "form-no" });
    let labels = |ids: &[String]| -> Option<String> {
        let names: Vec<String> = ids
            .iter()
            .map(|c| {
                reglement
                    .taxonomy
                    .category(c)
                    .map_or_else(|| c.clone(), |d| d.label(lang).to_owned())
            })
            .collect();
        (!names.is_empty()).then(|| names.join(", "))
    };
    let special: Vec<String> = facts
        .categories
        .iter()
        .filter(|c| {
            reglement
                .taxonomy
                .category(c)
                .is_some_and(|d| d.special.is_some())
        })
        .cloned()
        .collect();
    let late = match (clock, notification.ap_notified) {
        (Some(c), Some(at)) => c.late(at),
        (Some(c), None) => c.late(now),
        _ => false,
    };
    let persons = match (facts.persons_min, facts.persons_max) {
        (Some(a), Some(b)) if a == b => Some(a.to_string()),
        (Some(a), Some(b)) => Some(format!("{a}–{b}")),
        (Some(a), None) => Some(format!("≥ {a}")),
        (None, Some(b)) => Some(format!("≤ {b}")),
        (None, None) => None,
    };
    let q = |question: &'static str, answer: Option<String>| FormAnswer {
        question,
        label: t(lang, &format!("form-q-{}", question.replace('.', "-"))),
        answer,
    };
    let mut chapters = vec![
        (
            3,
            vec![
                q("3.1.1a", Some(org.name.clone())),
                q("3.1.1b", Some(org.controller.clone())),
                q(
                    "3.2.2",
                    org.dpo.as_ref().map(|d| {
                        [Some(d.function.clone()), d.email.clone(), d.phone.clone()]
                            .into_iter()
                            .flatten()
                            .collect::<Vec<_>>()
                            .join(", ")
                    }),
                ),
            ],
        ),
        (
            4,
            vec![
                q("4.1.1", moment(facts.started)),
                q("4.1.2", moment(facts.ended)),
                q("4.2", moment(facts.discovered)),
                q("4.3", text(&facts.how_discovered)),
            ],
        ),
        (
            5,
            vec![
                q(
                    "5.1",
                    (!facts.nature.is_empty()).then(|| {
                        facts
                            .nature
                            .iter()
                            .map(|n| n.label(lang))
                            .collect::<Vec<_>>()
                            .join(", ")
                    }),
                ),
                q("5.3", text(&facts.description)),
            ],
        ),
        (
            6,
            vec![
                q("6.1", labels(&facts.categories)),
                q(
                    "6.2",
                    (!facts.categories.is_empty())
                        .then(|| labels(&special).unwrap_or_else(|| t(lang, "form-none"))),
                ),
                q("6.3.1", facts.records.map(|r| r.to_string())),
            ],
        ),
        (7, vec![q("7.3", persons)]),
        (8, vec![q("8.1", Some(yes_no(facts.encrypted)))]),
        (
            9,
            vec![
                q("9.2", text(&facts.consequences)),
                q("9.3", facts.risk.map(|r| r.label(lang).to_owned())),
            ],
        ),
        (
            10,
            vec![
                q(
                    "10.1.1",
                    notification
                        .persons_notified
                        .map(|m| format_moment(m, lang)),
                ),
                q("10.2", text(&facts.measures)),
            ],
        ),
    ];
    if late {
        // Question 4.5 is asked only when the notification comes after the 72 hours.
        if let Some((_, answers)) = chapters.iter_mut().find(|(c, _)| *c == 4) {
            answers.push(q("4.5", text(&notification.late_reason)));
        }
    }
    let missing = chapters
        .iter()
        .flat_map(|(_, a)| a.iter())
        .filter(|a| a.answer.is_none())
        .map(|a| a.question)
        .collect();
    ApForm {
        chapters: chapters
            .into_iter()
            .map(|(chapter, answers)| FormChapter {
                chapter,
                title: t(lang, &format!("form-chapter-{chapter}")),
                answers,
            })
            .collect(),
        missing,
    }
}
