//! Erasure on request: whether the data of one category (of one record, by its dates) is
//! erased, on which grounds it is refused, and by when it must be gone. Decided per category so
//! that a partial erasure follows: the care notes erased, the invoices kept.
//!
//! The grounds to refuse, each with its article:
//!
//! - **The fiscal obligation** (art. 52 lid 4 AWR: "gedurende zeven jaren"), for a category the
//!   taxonomy marks fiscal, while its seven years run. The article names no start; the answer
//!   counts from the end of the fiscal year of the record's last change, as the seeds and the
//!   store's retention run do (the longer reading: the law layer's floor counts from the
//!   recording, the least the article demands of a retention term). A legal obligation to keep
//!   is an exception to the right to erasure (art. 17 lid 3 sub b AVG).
//! - **A statutory duty** the facts name (`statutory_duty`): art. 17 lid 3 sub b AVG; for the
//!   dossier "voor zover het bepaalde bij of krachtens de wet zich tegen vernietiging verzet"
//!   (art. 7:455 lid 2 BW, art. 7.3.9 Jeugdwet).
//! - **Another's substantial interest** (`third_party_interest`), for the dossier only: "bescheiden
//!   waarvan redelijkerwijs aannemelijk is dat de bewaring van aanmerkelijk belang is voor een
//!   ander dan de patiënt" (art. 7:455 lid 2 BW), such as hereditary information. The AVG has no
//!   such exception to art. 17; for other data the fact is noted and does not count.
//! - **A legal hold** (`legal_hold`): the data is needed for the establishment, exercise or
//!   defence of legal claims (art. 17 lid 3 sub e AVG), with the reglement's own suspension of
//!   destruction where it has one.
//!
//! The dossier's retention term is no ground: art. 7:454 lid 3 BW keeps the dossier twenty years
//! "onverminderd het bepaalde in artikel 455", the destruction on the patient's request. The
//! reglement's own refusal grounds (`weigeringsgronden` of its `[[verzoeken]]` for
//! `verwijdering`) are free text that needs the handler's judgement: the answer lists them, it
//! does not weigh them.
//!
//! A grant is carried out by `erase_by`: for the dossier within the three months of art. 7:455
//! lid 1 BW (art. 7.3.9 Jeugdwet), for other data within the AVG's month (art. 12 lid 3 and
//! art. 17 lid 1 AVG), or the reglement's shorter period (its `verwijderen`), the stricter
//! governing, as for a request in the register ([`super::request_deadlines`]).

use jiff::civil::Date;
use serde::Serialize;

use super::deadline::{Dossier, JEUGDWET_DESTRUCTION, erase_deadline};
use super::request::{RefusalGround, allowed_grounds};
use super::retention::{RetentionFacts, anchor_date, retention};
use super::{DecisionError, cite_list, known_id, push_article};
use crate::i18n::Lang;
use crate::law;
use crate::reglement::Reglement;
use crate::t;
use crate::taxonomy::IdKind;
use crate::vocabulary::{Anchor, RequestType};

const AVG_17_3_B: &str = "AVG art. 17 lid 3 sub b";
const AVG_17_3_E: &str = "AVG art. 17 lid 3 sub e";
const BW_7_455_2: &str = "art. 7:455 lid 2 BW";

/// What is known of the request and of the record whose data it asks to erase.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct ErasureFacts {
    /// The day the request was received.
    pub received: Date,
    pub created: Option<Date>,
    /// The last change; the creation date when it was never changed.
    pub last_change: Option<Date>,
    /// The end of care; none while care goes on.
    pub care_ended: Option<Date>,
    /// Keeping the data is of substantial interest to someone other than the client (hereditary
    /// information for relatives).
    pub third_party_interest: bool,
    /// A provision of or under a statute demands that the data is kept.
    pub statutory_duty: bool,
    /// A complaint or court case holds the data.
    pub legal_hold: bool,
}

/// Erased or not.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize)]
#[serde(rename_all = "snake_case")]
pub enum ErasureOutcome {
    Grant,
    Refuse,
}

impl ErasureOutcome {
    pub fn id(self) -> &'static str {
        match self {
            ErasureOutcome::Grant => "grant",
            ErasureOutcome::Refuse => "refuse",
        }
    }
}

/// A ground that refuses the erasure.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct ErasureGround {
    /// `fiscale_bewaarplicht`, `wettelijke_bewaarplicht`, `aanmerkelijk_belang_ander` or
    /// `rechtsvordering` (the last three as the request register names them).
    pub id: String,
    /// The ground in a sentence, in the reader's language.
    pub reason: String,
    /// The articles as one citation ("art. 8.3 (art. 52 lid 4 AWR); AVG art. 17 lid 3 sub b").
    pub article: String,
    pub articles: Vec<String>,
}

#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct ErasureDecision {
    pub category: String,
    pub received: Date,
    pub decision: ErasureOutcome,
    /// Why it is refused; empty when granted.
    pub grounds: Vec<ErasureGround>,
    /// The day the data must be erased by; only when granted.
    pub erase_by: Option<Date>,
    /// The articles of the answer: the deadline's when granted, the grounds' when refused.
    pub articles: Vec<String>,
    /// The category belongs to a dossier of the WGBO or the Jeugdwet.
    pub dossier: bool,
    /// The last day the fiscal obligation keeps the data, when it refuses the erasure.
    pub retain_until: Option<Date>,
    /// What the reader should also know (a fact that does not count here, the dossier's term).
    pub notes: Vec<String>,
    /// The reglement's own refusal grounds, for the handler to weigh.
    pub reglement_grounds: Vec<RefusalGround>,
}

/// The decision on a request to erase the data of `category`, for a record with these facts.
pub fn erasure_decision(
    reglement: &Reglement,
    category: &str,
    facts: &ErasureFacts,
    lang: Lang,
) -> Result<ErasureDecision, DecisionError> {
    known_id(reglement, IdKind::Category, category)?;
    if let (Some(created), Some(changed)) = (facts.created, facts.last_change)
        && created > changed
    {
        return Err(DecisionError::FactsOutOfOrder {
            earlier: "--created",
            earlier_date: created,
            later: "--last-change",
            later_date: changed,
        });
    }
    let data_category = reglement.taxonomy.category(category);
    let floors = data_category
        .map(|c| law::floors_for(&reglement.file, c))
        .unwrap_or_default();
    let dossier = Dossier {
        wgbo: floors.iter().any(|f| f.id == law::WGBO_RETENTION.id),
        jeugdwet: floors.iter().any(|f| f.id == law::JEUGDWET_RETENTION.id),
    };
    let in_dossier = dossier.wgbo || dossier.jeugdwet;
    let mut dossier_articles = Vec::new();
    if dossier.wgbo {
        dossier_articles.push(BW_7_455_2.to_owned());
    }
    if dossier.jeugdwet {
        dossier_articles.push(JEUGDWET_DESTRUCTION.to_owned());
    }

    let mut grounds = Vec::new();
    let mut notes = Vec::new();
    let mut retain_until = None;
    let ground = |id: &str, reason: String, articles: Vec<String>| ErasureGround {
        id: id.to_owned(),
        reason,
        article: cite_list(&articles),
        articles,
    };

    // The fiscal obligation, while its seven years run.
    if data_category.is_some_and(|c| c.fiscal)
        && let Some(v) = law::in_force(law::AWR_RETENTION.versions, Some(facts.received))
    {
        let retention_facts = RetentionFacts {
            created: facts.created,
            last_change: facts.last_change,
            care_ended: facts.care_ended,
            legal_hold: false,
            as_of: Some(facts.received),
            last_treatment: None,
        };
        let from = Anchor::EindeBoekjaar;
        let start = anchor_date(from, retention_facts, v.article)?.ok_or_else(|| {
            DecisionError::MissingFact {
                fact: "--created",
                article: v.article.to_owned(),
                from,
            }
        })?;
        let until = reglement.calendar.add_period(start, v.value.period)?;
        // The reglement's own term, where it is this obligation, is cited with it; a longer
        // term of its own is no ground (only a legal obligation is, art. 17 lid 3 sub b AVG).
        let own = retention(reglement, category, retention_facts).ok();
        if facts.received <= until {
            let mut articles = Vec::new();
            // Its term's articles, without the window of destruction after it (`[vernietiging]`).
            let window = reglement
                .file
                .destruction
                .as_ref()
                .map(|d| d.article.get_ref().as_str());
            if let Some(own) = own.as_ref().filter(|a| a.retain_until == Some(until)) {
                for a in own.articles.iter().filter(|a| Some(a.as_str()) != window) {
                    push_article(&mut articles, a.clone());
                }
            }
            if !articles.iter().any(|a| a.contains(v.article)) {
                push_article(&mut articles, v.article.to_owned());
            }
            push_article(&mut articles, AVG_17_3_B.to_owned());
            for a in &dossier_articles {
                push_article(&mut articles, a.clone());
            }
            let reason = t!(
                lang,
                "erasure-ground-fiscal",
                period = &v.value.period.describe(lang),
                until = &crate::time::format_date(until, lang)
            );
            grounds.push(ground("fiscale_bewaarplicht", reason, articles));
            retain_until = Some(until);
        } else if let Some(own) = own
            && let Some(own_until) = own.retain_until
            && own_until >= facts.received
        {
            notes.push(t!(
                lang,
                "erasure-note-reglement-longer",
                category = category,
                until = &own_until.to_string(),
                articles = &cite_list(&own.articles)
            ));
        }
    }

    if facts.statutory_duty {
        let mut articles = vec![AVG_17_3_B.to_owned()];
        articles.extend(dossier_articles.iter().cloned());
        let reason = if in_dossier {
            t!(lang, "erasure-ground-statutory-dossier")
        } else {
            t!(lang, "erasure-ground-statutory")
        };
        grounds.push(ground("wettelijke_bewaarplicht", reason, articles));
    }

    if facts.third_party_interest {
        if in_dossier {
            grounds.push(ground(
                "aanmerkelijk_belang_ander",
                t!(lang, "erasure-ground-third-party"),
                dossier_articles.clone(),
            ));
        } else {
            notes.push(t!(
                lang,
                "erasure-note-third-party-not-dossier",
                category = category
            ));
        }
    }

    if facts.legal_hold {
        let mut articles = Vec::new();
        if let Some(d) = &reglement.file.destruction
            && !d.suspended_by.is_empty()
        {
            articles.push(d.article.get_ref().clone());
        }
        articles.push(AVG_17_3_E.to_owned());
        grounds.push(ground(
            "rechtsvordering",
            t!(lang, "erasure-ground-legal-hold"),
            articles,
        ));
    }

    let decision = if grounds.is_empty() {
        ErasureOutcome::Grant
    } else {
        ErasureOutcome::Refuse
    };
    let mut articles = Vec::new();
    let erase_by = match decision {
        ErasureOutcome::Grant => {
            let deadline = erase_deadline(reglement, facts.received, &[], dossier, !in_dossier)?
                .ok_or(DecisionError::BeforeLaw {
                    date: facts.received,
                })?;
            articles.clone_from(&deadline.articles);
            if in_dossier {
                notes.push(t!(lang, "erasure-note-dossier-retention"));
            }
            Some(deadline.date)
        }
        ErasureOutcome::Refuse => {
            for g in &grounds {
                for a in &g.articles {
                    push_article(&mut articles, a.clone());
                }
            }
            None
        }
    };
    // The reglement's own grounds (ids `{article}/{n}`), one per text: two articles that say
    // the same share it.
    let mut reglement_grounds: Vec<RefusalGround> = Vec::new();
    for g in allowed_grounds(reglement, RequestType::Verwijdering, lang)
        .into_iter()
        .filter(|g| g.id.contains('/'))
    {
        match reglement_grounds.iter_mut().find(|o| o.text == g.text) {
            Some(same) => {
                for a in g.articles {
                    push_article(&mut same.articles, a);
                }
            }
            None => reglement_grounds.push(g),
        }
    }
    Ok(ErasureDecision {
        category: category.to_owned(),
        received: facts.received,
        decision,
        grounds,
        erase_by,
        articles,
        dossier: in_dossier,
        retain_until,
        notes,
        reglement_grounds,
    })
}

impl ErasureDecision {
    /// The decision in sentences that cite their articles: the decision, a line per ground,
    /// the notes, and the reglement's own grounds for the handler.
    pub fn explain(&self, lang: Lang) -> String {
        let category = self.category.as_str();
        let articles = cite_list(&self.articles);
        let mut lines = vec![match self.erase_by {
            Some(by) => t!(
                lang,
                "erasure-granted",
                category = category,
                date = &by.to_string(),
                articles = &articles
            ),
            None => t!(lang, "erasure-refused", category = category),
        }];
        for g in &self.grounds {
            lines.push(format!("- {}: {}", g.article, g.reason));
        }
        if let Some(until) = self.retain_until
            && let Ok(next) = until.tomorrow()
        {
            lines.push(t!(
                lang,
                "erasure-fiscal-ends",
                date = &crate::time::format_date(next, lang)
            ));
        }
        lines.extend(self.notes.iter().cloned());
        if !self.reglement_grounds.is_empty() {
            let mut cited = Vec::new();
            for g in &self.reglement_grounds {
                for a in &g.articles {
                    push_article(&mut cited, a.clone());
                }
            }
            let texts: Vec<&str> = self
                .reglement_grounds
                .iter()
                .map(|g| g.text.as_str())
                .collect();
            lines.push(t!(
                lang,
                "erasure-reglement-grounds",
                grounds = &texts.join("; "),
                articles = &cite_list(&cited)
            ));
        }
        lines.join("\n")
    }
}
