//! Access: may a user in a role perform an action on a category of a person's data.
//!
//! This is the reglement's own answer from its processings' user rules: the role, the action,
//! the categories, and the conditions (care relationship, supervision). Emergency access is
//! allowed only where the reglement permits it, with a reason, and always flagged for review.
//! A policy engine (Cedar, per the access-control issue) takes over evaluation behind the same
//! function; callers do not change.

use serde::Serialize;

use super::push_article;
use crate::i18n::Lang;
use crate::reglement::Reglement;
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
}

#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct AccessDecision {
    pub allowed: bool,
    pub articles: Vec<String>,
    /// Access outside the normal rules, by breaking the glass.
    pub emergency: bool,
    /// The privacy officer must review this access.
    pub review_required: bool,
    #[serde(skip)]
    reason: DenyReason,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, Default)]
enum DenyReason {
    #[default]
    None,
    NoRule,
    NoCareRelationship,
    NotSupervised,
    EmergencyWithoutReason,
    EmergencyNotPermitted,
}

/// Decides one access from the reglement.
pub fn access(reglement: &Reglement, req: &AccessRequest<'_>) -> AccessDecision {
    let mut articles = Vec::new();
    // Rules for this role, action and category, whatever their conditions.
    let matching: Vec<_> = reglement
        .file
        .processings
        .iter()
        .map(|p| p.get_ref())
        .flat_map(|p| p.users.iter().map(move |u| (p, u)))
        .filter(|(_, u)| u.role.get_ref() == req.role && u.actions.contains(&req.action))
        .filter(|(p, u)| match &u.categories {
            Some(cats) => cats.iter().any(|c| c.get_ref() == req.category),
            None => p.categories.iter().any(|c| c.get_ref() == req.category),
        })
        .collect();
    let satisfied = matching.iter().find(|(_, u)| {
        (!u.care_relationship || req.care_relationship) && (!u.supervised || req.supervised)
    });
    if let Some((_, u)) = satisfied {
        push_article(&mut articles, u.article.get_ref().clone());
        return AccessDecision {
            allowed: true,
            articles,
            emergency: false,
            review_required: false,
            reason: DenyReason::None,
        };
    }
    for (_, u) in &matching {
        push_article(&mut articles, u.article.get_ref().clone());
    }
    let reason = if matching.is_empty() {
        DenyReason::NoRule
    } else if matching
        .iter()
        .all(|(_, u)| u.supervised && !req.supervised)
    {
        DenyReason::NotSupervised
    } else {
        DenyReason::NoCareRelationship
    };
    // Breaking the glass replaces only the care relationship, never the role's rights.
    if let Some(given) = req.emergency_reason {
        if reason != DenyReason::NoCareRelationship {
            return denied(articles, reason);
        }
        if given.trim().is_empty() {
            return denied(articles, DenyReason::EmergencyWithoutReason);
        }
        let permitted = reglement.file.emergency.as_ref().filter(|e| {
            e.allowed && (e.roles.is_empty() || e.roles.iter().any(|r| r.get_ref() == req.role))
        });
        return match permitted {
            Some(e) => {
                push_article(
                    &mut articles,
                    super::super::reglement::cite(e.article.get_ref(), e.law.as_deref()),
                );
                AccessDecision {
                    allowed: true,
                    articles,
                    emergency: true,
                    review_required: true,
                    reason: DenyReason::None,
                }
            }
            None => denied(articles, DenyReason::EmergencyNotPermitted),
        };
    }
    denied(articles, reason)
}

fn denied(articles: Vec<String>, reason: DenyReason) -> AccessDecision {
    AccessDecision {
        allowed: false,
        articles,
        emergency: false,
        review_required: false,
        reason,
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
            (false, _, _) => lang.pick(
                "Geweigerd: alleen voor cliënten in uw zorgteam",
                "Denied: only for clients in your care team",
            ),
        };
        format!("{text}{cited}.")
    }
}
