//! Access: may a user in a role perform an action on a category of a person's data.
//!
//! The core defines the question ([`AccessRequest`]), the answer ([`AccessDecision`], with the
//! articles and policies that decided it and a Dutch explanation) and the one interface every
//! caller decides through ([`AccessPolicy`]). The engine that answers is Cedar, compiled from
//! the reglement in `zorgkluis-policy`.

use serde::Serialize;

use crate::i18n::Lang;
use crate::t;
use crate::vocabulary::{Action, Duty};

/// The role of the command line: whoever runs `zorgkluis` on the installation, with access to
/// its key file. Not staff, so not in the taxonomy; the product grants it only the duties that
/// set an installation up (accounts) and read its audit log, never personal data.
pub const SYSTEM_ROLE: &str = "systeem";

/// The role of heirs of a deceased client: not staff, so not in the taxonomy's roles.
pub const HEIR_ROLE: &str = "nabestaande";

/// The role of a portal account: a client or a representative the organisation issued a
/// login for. Not staff, so not in the taxonomy; the product grants it only
/// [`Duty::PortalRequests`], and the vault limits that to the holder's own requests and those
/// of the persons he represents.
pub const PORTAL_ROLE: &str = "portaal";

/// The facts of a duty (see [`Duty`]): who asks, and for lists and search whether the answer
/// is limited to the user's own clients.
#[derive(Debug, Clone, Copy)]
pub struct DutyRequest<'a> {
    pub role: &'a str,
    pub duty: Duty,
    /// Ask for the user's own clients only (a care relationship today).
    pub care_relationship: bool,
    pub supervised: bool,
}

impl<'a> DutyRequest<'a> {
    pub fn new(role: &'a str, duty: Duty) -> DutyRequest<'a> {
        DutyRequest {
            role,
            duty,
            care_relationship: false,
            supervised: false,
        }
    }
}

/// The facts of one access.
#[derive(Debug, Clone, Copy)]
pub struct AccessRequest<'a> {
    pub role: &'a str,
    pub action: Action,
    pub category: &'a str,
    /// The user is in the person's care team today.
    pub care_relationship: bool,
    /// A supervisor is assigned (trainees).
    pub supervised: bool,
    /// The reason given for emergency access, if the user breaks the glass.
    pub emergency_reason: Option<&'a str>,
    /// The record is restricted (afscherming): hidden from ordinary use.
    pub restricted: bool,
    /// The category is processed on the client's consent alone (every processing of the
    /// reglement that holds it rests on `toestemming` only) and no live consent covers it:
    /// without its only ground nothing may be done with it but erase it (AVG art. 6 lid 1).
    pub without_consent: bool,
    /// The client has died.
    pub deceased: bool,
    /// For heirs: the ground they invoke (`vastgelegd_voor_overlijden`, `zwaarwegend_belang`,
    /// `medische_fout`, `veronderstelde_toestemming`).
    pub heir_ground: Option<&'a str>,
}

impl<'a> AccessRequest<'a> {
    /// A plain access: no care relationship, supervision or emergency until set.
    pub fn new(role: &'a str, action: Action, category: &'a str) -> AccessRequest<'a> {
        AccessRequest {
            role,
            action,
            category,
            care_relationship: false,
            supervised: false,
            emergency_reason: None,
            restricted: false,
            without_consent: false,
            deceased: false,
            heir_ground: None,
        }
    }
}

/// Decides accesses. The Cedar engine (`zorgkluis-policy`) implements it; the simulator, the
/// store and the server all decide through it, so they cannot disagree.
pub trait AccessPolicy: Send + Sync {
    fn decide(&self, request: &AccessRequest<'_>) -> AccessDecision;
    /// Decides a duty of running the registration (care teams, the audit log, lists, ...).
    fn decide_duty(&self, request: &DutyRequest<'_>) -> AccessDecision;
}

#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct AccessDecision {
    pub allowed: bool,
    pub articles: Vec<String>,
    /// The policies that determined the decision.
    pub policies: Vec<String>,
    /// Access outside the normal rules, by breaking the glass.
    pub emergency: bool,
    /// The privacy officer must review this access.
    pub review_required: bool,
    pub reason: DenyReason,
}

/// Why an access was denied, for the explanation.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default, Serialize)]
#[serde(rename_all = "snake_case")]
pub enum DenyReason {
    #[default]
    None,
    NoRule,
    NoCareRelationship,
    NotSupervised,
    EmergencyWithoutReason,
    EmergencyNotPermitted,
    /// A rule forbids it (special data for administration, a restricted record, ...).
    Forbidden,
    /// Heirs have no access to this record.
    Heirs,
}

impl AccessDecision {
    pub fn allow(articles: Vec<String>, policies: Vec<String>, emergency: bool) -> AccessDecision {
        AccessDecision {
            allowed: true,
            articles,
            policies,
            emergency,
            review_required: emergency,
            reason: DenyReason::None,
        }
    }

    pub fn deny(
        articles: Vec<String>,
        policies: Vec<String>,
        reason: DenyReason,
    ) -> AccessDecision {
        AccessDecision {
            allowed: false,
            articles,
            policies,
            emergency: false,
            review_required: false,
            reason,
        }
    }
}

impl AccessDecision {
    /// Why, in plain words.
    pub fn explain(&self, lang: Lang) -> String {
        let reason = match (self.allowed, self.emergency, self.reason) {
            (true, false, _) => t!(lang, "decision-allowed"),
            (true, true, _) => t!(lang, "decision-emergency-allowed"),
            (false, _, DenyReason::NoRule) => t!(lang, "decision-denied-no-rule"),
            (false, _, DenyReason::NotSupervised) => t!(lang, "decision-denied-not-supervised"),
            (false, _, DenyReason::EmergencyWithoutReason) => {
                t!(lang, "decision-denied-emergency-without-reason")
            }
            (false, _, DenyReason::EmergencyNotPermitted) => {
                t!(lang, "decision-denied-emergency-not-permitted")
            }
            (false, _, DenyReason::Forbidden) => t!(lang, "decision-denied-forbidden"),
            (false, _, DenyReason::Heirs) => t!(lang, "decision-denied-heirs"),
            (false, _, _) => t!(lang, "decision-denied-no-care-relationship"),
        };
        let articles = super::cite_list(&self.articles);
        if articles.is_empty() {
            t!(lang, "decision-explained-uncited", reason = &reason)
        } else {
            t!(
                lang,
                "decision-explained",
                reason = &reason,
                articles = &articles
            )
        }
    }
}
