//! Access: may a user in a role perform an action on a category of a person's data.
//!
//! The core defines the question ([`AccessRequest`]), the answer ([`AccessDecision`], with the
//! articles and policies that decided it and a Dutch explanation) and the one interface every
//! caller decides through ([`AccessPolicy`]). The engine that answers is Cedar, compiled from
//! the reglement in `zorgkluis-policy`.

use serde::Serialize;

use crate::i18n::Lang;
use crate::vocabulary::Action;

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
            deceased: false,
            heir_ground: None,
        }
    }
}

/// Decides accesses. The Cedar engine (`zorgkluis-policy`) implements it; the simulator, the
/// store and the server all decide through it, so they cannot disagree.
pub trait AccessPolicy: Send + Sync {
    fn decide(&self, request: &AccessRequest<'_>) -> AccessDecision;
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
        let arts = super::cite_list(&self.articles);
        let cited = if arts.is_empty() {
            String::new()
        } else {
            format!(" ({arts})")
        };
        let text = match (self.allowed, self.emergency, self.reason) {
            (true, false, _) => lang.pick("Toegestaan volgens het reglement", "Allowed by the reglement"),
            (true, true, _) => lang.pick(
                "Noodtoegang toegestaan; de functionaris gegevensbescherming beoordeelt deze toegang",
                "Emergency access allowed; the data protection officer reviews this access",
            ),
            (false, _, DenyReason::NoRule) => lang.pick(
                "Geweigerd: het reglement geeft deze rol dit recht op deze gegevens niet",
                "Denied: the reglement does not give this role this right on this data",
            ),
            (false, _, DenyReason::NotSupervised) => lang.pick(
                "Geweigerd: alleen onder begeleiding van een stagebegeleider",
                "Denied: only under a supervisor's guidance",
            ),
            (false, _, DenyReason::EmergencyWithoutReason) => lang.pick(
                "Geweigerd: noodtoegang vraagt een reden",
                "Denied: emergency access needs a reason",
            ),
            (false, _, DenyReason::EmergencyNotPermitted) => lang.pick(
                "Geweigerd: het reglement staat noodtoegang voor deze rol niet toe",
                "Denied: the reglement does not permit emergency access for this role",
            ),
            (false, _, DenyReason::Forbidden) => lang.pick(
                "Geweigerd: het reglement verbiedt deze toegang",
                "Denied: the reglement forbids this access",
            ),
            (false, _, DenyReason::Heirs) => lang.pick(
                "Geweigerd: nabestaanden hebben geen inzage in dit dossier",
                "Denied: heirs have no access to this record",
            ),
            (false, _, _) => lang.pick(
                "Geweigerd: alleen voor cliënten in uw zorgteam",
                "Denied: only for clients in your care team",
            ),
        };
        format!("{text}{cited}.")
    }
}
