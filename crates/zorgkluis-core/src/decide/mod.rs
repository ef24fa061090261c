//! Pure decision functions: from a reglement and the facts of a case to an answer that cites its
//! articles. No IO and no clock: today's date, when needed, is a parameter.

mod access;
mod deadline;
mod disclosure;
mod retention;

pub use access::{AccessDecision, AccessPolicy, AccessRequest, DenyReason};
pub use deadline::{Candidate, Deadline, DeadlineAnswer, request_deadlines};
pub use disclosure::{DisclosureAnswer, DisclosureFacts, disclose};
pub use retention::{RetentionAnswer, RetentionFacts, retention};

use crate::calendar::OutOfRange;
use crate::i18n::Lang;
use crate::reglement::Reglement;
use crate::taxonomy::{IdKind, did_you_mean};

/// Why a question could not be answered.
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
pub enum DecisionError {
    #[error("unknown {kind} `{id}`{}", suggestion.as_ref().map(|s| format!("; did you mean `{s}`?")).unwrap_or_default())]
    UnknownId {
        kind: &'static str,
        id: String,
        suggestion: Option<String>,
    },
    #[error("the reglement has no retention rule for category `{0}`")]
    NoRetentionRule(String),
    #[error("{fact} is needed: {why}")]
    MissingFact { fact: &'static str, why: String },
    #[error(transparent)]
    OutOfRange(#[from] OutOfRange),
}

impl DecisionError {
    /// The message in the user's language.
    pub fn message(&self, lang: Lang) -> String {
        match (self, lang) {
            (_, Lang::En) => self.to_string(),
            (
                DecisionError::UnknownId {
                    kind,
                    id,
                    suggestion,
                },
                Lang::Nl,
            ) => {
                let noun = match *kind {
                    "data category" => IdKind::Category.noun(Lang::Nl),
                    "recipient" => IdKind::Recipient.noun(Lang::Nl),
                    "role" => IdKind::Role.noun(Lang::Nl),
                    _ => kind,
                };
                let hint = suggestion
                    .as_ref()
                    .map(|s| format!("; bedoelt u `{s}`?"))
                    .unwrap_or_default();
                format!("onbekende {noun} `{id}`{hint}")
            }
            (DecisionError::NoRetentionRule(c), Lang::Nl) => {
                format!("het reglement heeft geen bewaartermijn voor categorie `{c}`")
            }
            (DecisionError::MissingFact { fact, why }, Lang::Nl) => {
                format!("{fact} is nodig: {why}")
            }
            (DecisionError::OutOfRange(_), Lang::Nl) => {
                "de datum valt buiten het ondersteunde bereik (jaar 1 tot 9999)".into()
            }
        }
    }
}

/// Checks that `id` is known to the reglement's taxonomy.
pub(crate) fn known_id(reglement: &Reglement, kind: IdKind, id: &str) -> Result<(), DecisionError> {
    if reglement.taxonomy.contains(kind, id) {
        return Ok(());
    }
    Err(DecisionError::UnknownId {
        kind: kind.noun(Lang::En),
        id: id.to_owned(),
        suggestion: did_you_mean(id, &reglement.taxonomy.ids(kind)).map(str::to_owned),
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
