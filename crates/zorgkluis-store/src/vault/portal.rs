//! The client portal (issue 12 part 5): a client, or a representative, with a portal account
//! the organisation issued files a request and follows it. A portal account acts in the
//! product's role `portaal`, which the policy grants the one duty `portal_requests`; this
//! module limits that duty to the holder's own requests (as subject or as requester) and to
//! the persons he represents on the day. Every read and filing is decided and logged like any
//! other, through the same access path.

use jiff::civil::Date;
use sqlx::Row as _;
use zorgkluis_core::Lang;
use zorgkluis_core::decide::PORTAL_ROLE;
use zorgkluis_core::vocabulary::{Channel, Duty, RequestType};

use super::requests::PURPOSE;
use super::{
    ActingFor, Actor, FiledRequest, NewRequest, PersonFacts, RequestDetails, RequestSummary,
    RequesterFacts, Vault, VaultError,
};
use crate::audit::AuditAction;
use crate::sealed;

/// What a portal holder files: the type, for whom (`None`: for himself), what is asked.
#[derive(Debug, Clone)]
pub struct PortalFiling {
    pub request: RequestType,
    /// The person filed for: the holder himself (`None`), or a person he represents on the
    /// day of filing.
    pub subject: Option<String>,
    pub details: RequestDetails,
}

/// One request on the portal's home: the summary, who it is about, whether the holder is the
/// subject himself.
#[derive(Debug, Clone)]
pub struct PortalItem {
    pub summary: RequestSummary,
    /// The subject's identification facts; `None` once erased.
    pub subject: Option<PersonFacts>,
    pub own: bool,
}

impl Vault {
    /// The person a portal account stands for: `None` for any other actor; refused when the
    /// actor claims the portal role without a live portal account.
    pub(crate) async fn portal_holder(&self, actor: &Actor) -> Result<Option<String>, VaultError> {
        if actor.role != PORTAL_ROLE {
            return Ok(None);
        }
        let row = sqlx::query(
            "SELECT person_id FROM users WHERE tenant_id = $1 AND id = $2 AND kind = 'portaal' \
             AND disabled_at IS NULL AND person_id IS NOT NULL",
        )
        .bind(&self.inner.tenant)
        .bind(&actor.user_id)
        .fetch_optional(&*self.inner.pool)
        .await?;
        match row {
            Some(r) => Ok(Some(r.try_get::<String, _>(0)?)),
            None => Err(VaultError::NotFound(format!(
                "portal account {}",
                actor.user_id
            ))),
        }
    }

    /// The person of the portal account `actor`; a staff actor is refused (the duty is
    /// decided, the denial logged).
    pub async fn portal_person(&self, actor: &Actor) -> Result<String, VaultError> {
        match self.portal_holder(actor).await? {
            Some(p) => Ok(p),
            None => {
                // Not a portal account: decided as the portal duty, which staff roles lack.
                self.authorize_duty(
                    actor,
                    Duty::PortalRequests,
                    false,
                    AuditAction::RequestRead,
                    None,
                    "portaal",
                )
                .await?;
                Err(VaultError::NotFound("portal account".into()))
            }
        }
    }

    /// The portal's read of the holder's own list, decided under the portal duty.
    async fn portal_read_permit(&self, actor: &Actor) -> Result<sealed::Permit, VaultError> {
        self.authorize_duty(
            actor,
            Duty::PortalRequests,
            false,
            AuditAction::RequestRead,
            None,
            &format!("{PURPOSE}-portaal"),
        )
        .await
    }

    /// The holder's requests, as subject or as requester, most urgent first, each with the
    /// subject's identification facts. One event, with the subjects shown.
    pub async fn portal_requests(&self, actor: &Actor) -> Result<Vec<PortalItem>, VaultError> {
        let holder = self.portal_person(actor).await?;
        let permit = self.portal_read_permit(actor).await?;
        let list = self.requests_of_holder(&holder).await?;
        let mut persons: Vec<String> = list.iter().map(|s| s.person_id.clone()).collect();
        persons.sort();
        persons.dedup();
        let receipt =
            sealed::commit(&self.inner.writer, permit.showing(persons), Vec::new()).await?;
        let mut out = Vec::with_capacity(list.len());
        for summary in list {
            let subject = match self.facts_with(&summary.person_id, &receipt).await {
                Ok(f) => f,
                Err(VaultError::Erased(_)) => None,
                Err(e) => return Err(e),
            };
            let own = summary.person_id == holder;
            out.push(PortalItem {
                summary,
                subject,
                own,
            });
        }
        Ok(out)
    }

    /// The persons the holder represents on `on` (via [`Vault::acting_for`]), each with his
    /// identification facts: whom he may file for.
    pub async fn portal_represented(
        &self,
        actor: &Actor,
        on: Date,
    ) -> Result<Vec<(ActingFor, Option<PersonFacts>)>, VaultError> {
        let holder = self.portal_person(actor).await?;
        let links = self.acting_for(actor, &holder, on).await?;
        if links.is_empty() {
            return Ok(Vec::new());
        }
        let permit = self.portal_read_permit(actor).await?;
        let persons: Vec<String> = links.iter().map(|l| l.subject.clone()).collect();
        let receipt =
            sealed::commit(&self.inner.writer, permit.showing(persons), Vec::new()).await?;
        let mut out = Vec::with_capacity(links.len());
        for link in links {
            let facts = match self.facts_with(&link.subject, &receipt).await {
                Ok(f) => f,
                Err(VaultError::Erased(_)) => continue,
                Err(e) => return Err(e),
            };
            out.push((link, facts));
        }
        Ok(out)
    }

    /// Files a request through the portal: channel `portaal`, received today, the holder as
    /// the requester (for himself as betrokkene; for another as the person linked to him, whose
    /// link on today decides, as at the desk).
    pub async fn portal_file(
        &self,
        actor: &Actor,
        filing: &PortalFiling,
        lang: Lang,
    ) -> Result<FiledRequest, VaultError> {
        let holder = self.portal_person(actor).await?;
        let today = crate::clock::today();
        let subject = filing.subject.clone().unwrap_or_else(|| holder.clone());
        if subject != holder {
            let represented = self.acting_for(actor, &holder, today).await?;
            if !represented.iter().any(|l| l.subject == subject) {
                return Err(VaultError::Invalid {
                    field: "subject",
                    message: "you do not represent this person today".into(),
                });
            }
        }
        let new = NewRequest {
            person: subject.clone(),
            request: filing.request,
            channel: Channel::Portaal,
            received: today,
            requester: RequesterFacts {
                person: (subject != holder).then(|| holder.clone()),
                ..RequesterFacts::default()
            },
            details: filing.details.clone(),
        };
        self.file_request(actor, &new, lang).await
    }

    /// Refuses what a portal account may not file: for anyone but himself or through another
    /// channel than the portal, or as another requester. Staff file anything.
    pub(super) async fn check_portal_filing(
        &self,
        actor: &Actor,
        new: &NewRequest,
    ) -> Result<(), VaultError> {
        let Some(holder) = self.portal_holder(actor).await? else {
            return Ok(());
        };
        if new.channel != Channel::Portaal {
            return Err(VaultError::Invalid {
                field: "channel",
                message: "a portal account files through the portal".into(),
            });
        }
        let own = new.person == holder && new.requester.person.is_none();
        let for_other = new.person != holder && new.requester.person.as_deref() == Some(&holder);
        if !(own || for_other) {
            return Err(VaultError::Invalid {
                field: "requester",
                message: "a portal account files as itself".into(),
            });
        }
        Ok(())
    }

    /// Whether the portal holder of `actor` may see a request about `subject` filed by
    /// `requester`: he is one of them. Not found otherwise, as if there were no such request.
    pub(super) async fn check_portal_request(
        &self,
        actor: &Actor,
        id: &str,
        subject: &str,
        requester: Option<&str>,
    ) -> Result<(), VaultError> {
        match self.portal_holder(actor).await? {
            None => Ok(()),
            Some(h) if h == subject || requester == Some(h.as_str()) => Ok(()),
            Some(_) => Err(VaultError::NotFound(format!("request {id}"))),
        }
    }
}
