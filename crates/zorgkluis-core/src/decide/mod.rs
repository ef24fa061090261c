//! Pure decision functions: from a reglement and the facts of a case to an answer that cites its
//! articles. No IO and no clock: today's date, when needed, is a parameter.

mod access;
mod breach;
mod complaint;
mod consent;
mod deadline;
mod disclosure;
mod due;
mod erasure;
pub mod information;
mod information_duty;
mod objection;
mod processor_use;
mod reminder;
mod represent;
pub mod request;
mod research;
mod retention;
mod shared_dossier;
mod transfer;

pub use access::{
    AccessDecision, AccessPolicy, AccessRequest, DenyReason, DutyRequest, HEIR_ROLE, PORTAL_ROLE,
    SYSTEM_ROLE,
};
pub use breach::{
    AP_NOTIFICATION_HOURS, BreachAnswer, TellPersons, breach_deadline, rfc3339_dutch,
};
pub use complaint::{ComplaintAnswer, WKKGZ_EXTENSION, WKKGZ_TERM, complaint_deadline};
pub use consent::{
    CONSENT_RECORD_ARTICLE, CONSENT_WITHDRAWAL_ARTICLE, ConsentBasis, ConsentInputError,
    ConsentQuery, ConsentScope, ConsentTerms, ConsenterFacts, ConsenterRefusal, check_period,
    check_scope, consent_basis, consent_covers, form_meets, purpose_label, who_consents,
};
pub use deadline::{Candidate, Deadline, DeadlineAnswer, request_deadlines};
pub use disclosure::{
    DatedRule, DisclosureAnswer, DisclosureFacts, DisclosureQuery, disclose, disclose_on,
};
pub use due::{Due, DueStatus, Extension, extension_allowed, retention_due};
pub use erasure::{ErasureDecision, ErasureFacts, ErasureGround, ErasureOutcome, erasure_decision};
pub use information_duty::{InformationDutyAnswer, information_due};
pub use objection::{
    OBJECTION_ARTICLE, OBJECTION_PENDING_ARTICLE, OBJECTION_REFUSAL_ARTICLE, ObjectionApplies,
    ObjectionInputError, ObjectionQuery, ObjectionScope, ObjectionStanding, ObjectionTerms,
    applies_on, check_decision, check_objection_scope, check_received, objection_covers,
    objection_standing, processing_recipients,
};
pub use processor_use::{ProcessorUseAnswer, processor_use};
pub use reminder::{DEFAULT_REMINDER_DAYS, MAX_REMINDER_DAYS, due_soon, parse_reminder_days};
pub use represent::{CareLaws, RepresentAnswer, RepresentFacts, age_on, care_laws, represent};
pub use research::{
    Anonymised, QuasiRow, ResearchConditions, ResearchGround, ResearchInputError, ResearchMode,
    k_anonymise, research_ground,
};
pub use retention::{
    LawApplied, ReglementTerm, RetentionAnswer, RetentionFacts, retention, retention_in,
};
pub use shared_dossier::{SharedAnswer, SharedFacts, shared_dossier};
pub use transfer::{
    ERASURE_AFTER_TRANSFER, TRANSFER_KEEPS_ORIGINAL, TransferAnswer, transfer as transfer_decision,
    transfer_channels,
};

use crate::calendar::OutOfRange;
use crate::i18n::Lang;
use crate::reglement::Reglement;
use crate::t;
use crate::taxonomy::{IdKind, did_you_mean};
use crate::vocabulary::Anchor;

/// Why a question could not be answered. Its text comes from the catalogue ([`message`]); the
/// `Display` of the error is the English one.
///
/// [`message`]: DecisionError::message
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum DecisionError {
    UnknownId {
        kind: IdKind,
        id: String,
        suggestion: Option<String>,
    },
    NoRetentionRule(String),
    /// The reglement has no `[gedeeld_dossier]`.
    NoSharedDossier,
    /// A part id the reglement's `[gedeeld_dossier]` does not have.
    UnknownPart {
        id: String,
        suggestion: Option<String>,
    },
    /// A processing id the reglement does not have.
    UnknownProcessing {
        id: String,
        suggestion: Option<String>,
    },
    /// A fact the question needs (the option that gives it, such as `--created`): the rule of
    /// `article` counts its period from `from`.
    MissingFact {
        fact: &'static str,
        article: String,
        from: Anchor,
    },
    OutOfRange(OutOfRange),
    /// A request received before the law layer knows a response period (the AVG applies from
    /// 25 May 2018), and the reglement sets none.
    BeforeLaw {
        date: jiff::civil::Date,
    },
    /// Two dates of the facts in an impossible order: `earlier` (the option that gives it) lies
    /// after `later`.
    FactsOutOfOrder {
        earlier: &'static str,
        earlier_date: jiff::civil::Date,
        later: &'static str,
        later_date: jiff::civil::Date,
    },
    /// An extension of the retention of `category` on a ground neither the reglement nor the
    /// dossier law gives it (or of a category whose maximum stays strict).
    ExtensionNotAllowed {
        category: String,
        ground: crate::vocabulary::ExtensionGround,
    },
    /// An extension on the caregiver's judgement needs the reason.
    ExtensionWithoutReason {
        category: String,
    },
}

impl From<OutOfRange> for DecisionError {
    fn from(e: OutOfRange) -> DecisionError {
        DecisionError::OutOfRange(e)
    }
}

impl DecisionError {
    /// The message in the user's language.
    pub fn message(&self, lang: Lang) -> String {
        match self {
            DecisionError::UnknownId {
                kind,
                id,
                suggestion: Some(s),
            } => t!(
                lang,
                "decision-unknown-id-suggestion",
                kind = kind.key(),
                id = id,
                suggestion = s
            ),
            DecisionError::UnknownId {
                kind,
                id,
                suggestion: None,
            } => t!(lang, "decision-unknown-id", kind = kind.key(), id = id),
            DecisionError::UnknownProcessing {
                id,
                suggestion: Some(s),
            } => t!(
                lang,
                "decision-unknown-processing-suggestion",
                id = id,
                suggestion = s
            ),
            DecisionError::UnknownProcessing {
                id,
                suggestion: None,
            } => t!(lang, "decision-unknown-processing", id = id),
            DecisionError::NoSharedDossier => t!(lang, "decision-no-shared-dossier"),
            DecisionError::UnknownPart {
                id,
                suggestion: Some(s),
            } => t!(
                lang,
                "decision-unknown-part-suggestion",
                id = id,
                suggestion = s
            ),
            DecisionError::UnknownPart {
                id,
                suggestion: None,
            } => t!(lang, "decision-unknown-part", id = id),
            DecisionError::NoRetentionRule(c) => {
                t!(lang, "decision-no-retention-rule", category = c)
            }
            DecisionError::MissingFact {
                fact,
                article,
                from,
            } => t!(
                lang,
                "decision-missing-fact",
                fact = *fact,
                article = article,
                from = from.label(lang)
            ),
            DecisionError::OutOfRange(_) => t!(lang, "decision-out-of-range"),
            DecisionError::BeforeLaw { date } => {
                t!(lang, "decision-before-law", date = &date.to_string())
            }
            DecisionError::FactsOutOfOrder {
                earlier,
                earlier_date,
                later,
                later_date,
            } => t!(
                lang,
                "decision-facts-out-of-order",
                earlier = *earlier,
                earlier_date = &earlier_date.to_string(),
                later = *later,
                later_date = &later_date.to_string()
            ),
            DecisionError::ExtensionNotAllowed { category, ground } => t!(
                lang,
                "decision-extension-not-allowed",
                category = category,
                ground = ground.label(lang)
            ),
            DecisionError::ExtensionWithoutReason { category } => {
                t!(
                    lang,
                    "decision-extension-without-reason",
                    category = category
                )
            }
        }
    }
}

impl std::fmt::Display for DecisionError {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.write_str(&self.message(Lang::En))
    }
}

impl std::error::Error for DecisionError {
    fn source(&self) -> Option<&(dyn std::error::Error + 'static)> {
        match self {
            DecisionError::OutOfRange(e) => Some(e),
            _ => None,
        }
    }
}

/// Checks that `id` is known to the reglement's taxonomy.
pub(crate) fn known_id(reglement: &Reglement, kind: IdKind, id: &str) -> Result<(), DecisionError> {
    if reglement.taxonomy.contains(kind, id) {
        return Ok(());
    }
    Err(DecisionError::UnknownId {
        kind,
        id: id.to_owned(),
        suggestion: did_you_mean(id, &reglement.taxonomy.ids(kind)).map(str::to_owned),
    })
}

/// The processing with this id, or the error naming the closest one.
pub(crate) fn known_processing<'r>(
    reglement: &'r Reglement,
    id: &str,
) -> Result<&'r crate::reglement::file::Processing, DecisionError> {
    let all: Vec<&crate::reglement::file::Processing> = reglement
        .file
        .processings
        .iter()
        .map(|p| p.get_ref())
        .collect();
    if let Some(p) = all.iter().find(|p| p.id.get_ref() == id) {
        return Ok(p);
    }
    let ids: Vec<&str> = all.iter().map(|p| p.id.get_ref().as_str()).collect();
    Err(DecisionError::UnknownProcessing {
        id: id.to_owned(),
        suggestion: did_you_mean(id, &ids).map(str::to_owned),
    })
}

/// Articles as a sentence cites them: "art. 4.7, 4.8" for the document's own articles, the law
/// as written ("AVG art. 12 lid 3").
pub fn cite_list(articles: &[String]) -> String {
    let (own, law): (Vec<&String>, Vec<&String>) = articles
        .iter()
        .partition(|a| a.starts_with(|c: char| c.is_ascii_digit()));
    let mut parts = Vec::new();
    if !own.is_empty() {
        let own: Vec<&str> = own.iter().map(|s| s.as_str()).collect();
        parts.push(format!("art. {}", own.join(", ")));
    }
    parts.extend(law.iter().map(|s| s.to_string()));
    parts.join("; ")
}

/// Adds `article` unless it is there already, keeping the order of first mention.
pub(crate) fn push_article(articles: &mut Vec<String>, article: String) {
    if !articles.contains(&article) {
        articles.push(article);
    }
}

/// A small valid reglement for unit tests: the required sections and `extra`.
#[cfg(test)]
pub(crate) fn test_reglement(extra: &str) -> Reglement {
    let source = format!(
        "formaat = 1\n\
         [organisatie]\nnaam = \"Test\"\nverantwoordelijke = \"Directie van Test\"\n\
         [versie]\nnummer = \"1\"\nvastgesteld = 2026-01-01\nin_werking = 2026-01-01\n\
         {extra}"
    );
    match Reglement::load("test.toml", &source, Lang::En) {
        Ok(r) => r,
        Err(d) => {
            let shown: Vec<String> = d.iter().map(|d| d.render(&source, Lang::En)).collect();
            panic!("test reglement invalid:\n{}", shown.join(""))
        }
    }
}

/// The diagnostics codes of a reglement that does not load, for unit tests of validation.
#[cfg(test)]
pub(crate) fn test_reglement_errors(extra: &str) -> Vec<&'static str> {
    let source = format!(
        "formaat = 1\n\
         [organisatie]\nnaam = \"Test\"\nverantwoordelijke = \"Directie van Test\"\n\
         [versie]\nnummer = \"1\"\nvastgesteld = 2026-01-01\nin_werking = 2026-01-01\n\
         {extra}"
    );
    match Reglement::load("test.toml", &source, Lang::En) {
        Ok(r) => r.warnings.iter().map(|d| d.code).collect(),
        Err(d) => d.iter().map(|d| d.code).collect(),
    }
}
