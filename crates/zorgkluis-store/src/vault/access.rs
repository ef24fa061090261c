//! Deciding and logging: the one place the vault asks the policy engine. Every access becomes
//! an audit event with its outcome and articles; a denial is logged here and never reaches the
//! caller as anything but [`VaultError::Denied`]. What the policy allows is a permit, which
//! the room that asked commits with its statements (see [`crate::sealed`]).

use zorgkluis_core::decide::{AccessDecision, AccessRequest, DutyRequest};
use zorgkluis_core::vocabulary::{Action, Duty};

use super::{Actor, Vault, VaultError};
use crate::audit::{AuditAction, Outcome};
use crate::sealed::{self, Denial, Permit, Question, Unpermitted};
use crate::writer::NewEvent;

/// Which persons a list or a search may show an actor.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum ListScope {
    /// Every person of the organisation.
    All,
    /// Only the persons in the actor's care team today.
    OwnClients,
}

/// The facts of a data access beyond who asks: the care relationship, and a reason when the
/// user breaks the glass.
#[derive(Debug, Clone, Copy, Default)]
pub(crate) struct Situation<'a> {
    pub care: bool,
    pub emergency_reason: Option<&'a str>,
    /// A standing restriction (art. 18 AVG) covers the data.
    pub restricted: bool,
    /// The category rests on consent alone and no live consent covers it
    /// ([`Vault::consent_missing`]); [`Vault::authorize_data`] finds it out itself.
    pub without_consent: bool,
}

impl Vault {
    /// An allowed, undecided event by `actor`: the shape every access starts from.
    pub(crate) fn event(
        &self,
        actor: &Actor,
        action: AuditAction,
        person: Option<&str>,
        category: Option<&str>,
        purpose: &str,
    ) -> NewEvent {
        NewEvent {
            tenant_id: self.inner.tenant.clone(),
            user_id: actor.user_id.clone(),
            role: actor.role.clone(),
            on_behalf_of: actor.on_behalf_of.clone(),
            person_id: person.map(str::to_owned),
            action,
            category: category.map(str::to_owned),
            purpose: purpose.to_owned(),
            reason: None,
            emergency: false,
            source: actor.source.clone(),
            outcome: Outcome::Allowed,
            articles: String::new(),
            object: None,
            subjects: Vec::new(),
        }
    }

    /// Decides `action` on `category` of `person` for `actor` and logs a denial. `logged_as`
    /// is what the event records (a registration is a write of the identification category,
    /// logged as `register`).
    #[allow(clippy::too_many_arguments)]
    pub(crate) async fn authorize_data(
        &self,
        actor: &Actor,
        action: Action,
        logged_as: AuditAction,
        person: &str,
        category: &str,
        purpose: &str,
        situation: Situation<'_>,
    ) -> Result<(Permit, AccessDecision), VaultError> {
        let situation = Situation {
            without_consent: situation.without_consent
                || self.consent_missing(person, category).await?,
            ..situation
        };
        match self.decide_data(
            actor, action, logged_as, person, category, purpose, situation,
        ) {
            Ok(allowed) => Ok(allowed),
            Err(denial) => Err(self.log_denial(denial).await),
        }
    }

    /// Decides a duty for `actor` (for lists and search: `own_clients` asks for the actor's own
    /// clients only) and logs a denial. The event is logged as `logged_as`, about `person` if
    /// the duty concerns one.
    pub(crate) async fn authorize_duty(
        &self,
        actor: &Actor,
        duty: Duty,
        own_clients: bool,
        logged_as: AuditAction,
        person: Option<&str>,
        purpose: &str,
    ) -> Result<Permit, VaultError> {
        let question = Question::Duty(DutyRequest {
            care_relationship: own_clients,
            supervised: actor.supervised,
            ..DutyRequest::new(&actor.role, duty)
        });
        let category = match duty {
            Duty::ListPersons | Duty::SearchPersons => {
                Some(zorgkluis_core::taxonomy::IDENTIFICATION_CATEGORY)
            }
            _ => None,
        };
        let event = self.event(actor, logged_as, person, category, purpose);
        Ok(self.authorize(question, event).await?.0)
    }

    /// Decides a data access without writing anything: the permit, or the denial to log. For
    /// callers that write many events at once (the dossier).
    #[allow(clippy::too_many_arguments)]
    pub(crate) fn decide_data(
        &self,
        actor: &Actor,
        action: Action,
        logged_as: AuditAction,
        person: &str,
        category: &str,
        purpose: &str,
        situation: Situation<'_>,
    ) -> Result<(Permit, AccessDecision), Box<Denial>> {
        let question = Question::Data(AccessRequest {
            care_relationship: situation.care,
            supervised: actor.supervised,
            emergency_reason: situation.emergency_reason,
            restricted: situation.restricted,
            without_consent: situation.without_consent,
            ..AccessRequest::new(&actor.role, action, category)
        });
        let event = self.event(actor, logged_as, Some(person), Some(category), purpose);
        sealed::authorize(&*self.inner.policy, question, event)
    }

    pub(crate) async fn authorize(
        &self,
        question: Question<'_>,
        event: NewEvent,
    ) -> Result<(Permit, AccessDecision), VaultError> {
        match sealed::authorize(&*self.inner.policy, question, event) {
            Ok(allowed) => Ok(allowed),
            Err(denial) => Err(self.log_denial(denial).await),
        }
    }

    /// Writes a denied access to the log and returns the denial.
    pub(crate) async fn log_denial(&self, denial: Box<Denial>) -> VaultError {
        let denial = *denial;
        let logged = sealed::record(
            &self.inner.writer,
            Unpermitted::Denial,
            vec![denial.event],
            Vec::new(),
        )
        .await;
        match logged {
            Ok(_) => VaultError::Denied(denial.decision),
            Err(e) => VaultError::Store(e),
        }
    }

    /// Whether the reglement gives `actor` the duty, for everyone or (lists and search) for
    /// their own clients. A question about what to offer, not an access: nothing is logged.
    pub fn may(&self, actor: &Actor, duty: Duty) -> bool {
        self.scope(actor, duty).is_some()
    }

    /// For whom `actor` may carry out a duty: everyone, their own clients, or nobody.
    pub fn scope(&self, actor: &Actor, duty: Duty) -> Option<ListScope> {
        let ask = |own: bool| {
            self.inner
                .policy
                .decide_duty(&DutyRequest {
                    care_relationship: own,
                    supervised: actor.supervised,
                    ..DutyRequest::new(&actor.role, duty)
                })
                .allowed
        };
        if ask(false) {
            Some(ListScope::All)
        } else if duty.scoped_by_care() && ask(true) {
            Some(ListScope::OwnClients)
        } else {
            None
        }
    }

    /// Whether `actor` may do `action` on `category` of a client outside their care team (for
    /// what to offer, such as the registration form). Nothing is logged.
    pub fn may_without_care(&self, actor: &Actor, action: Action, category: &str) -> bool {
        self.inner
            .policy
            .decide(&AccessRequest {
                supervised: actor.supervised,
                ..AccessRequest::new(&actor.role, action, category)
            })
            .allowed
    }

    /// Whether `actor` may break the glass for `category` of a client outside their care team.
    pub fn may_break_glass(&self, actor: &Actor, category: &str) -> bool {
        self.inner
            .policy
            .decide(&AccessRequest {
                supervised: actor.supervised,
                emergency_reason: Some("?"),
                ..AccessRequest::new(&actor.role, Action::Read, category)
            })
            .allowed
    }
}
