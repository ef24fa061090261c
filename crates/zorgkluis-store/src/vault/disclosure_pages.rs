//! What the web pages of the disclosure ledger ask beside the ledger's own room
//! (`disclosures.rs`): whether to offer the disclosure form on a dossier, and one entry of the
//! ledger for its notice page, with the letter that would tell the client.

use serde::Serialize;
use zorgkluis_core::decide::AccessRequest;
use zorgkluis_core::taxonomy::IDENTIFICATION_CATEGORY;
use zorgkluis_core::vocabulary::{Action, Duty};

use super::access::Situation;
use super::disclosures::{Disclosure, Recipient};
use super::{Actor, PersonFacts, Vault, VaultError};
use crate::audit::AuditAction;
use crate::sealed;

/// One entry of the ledger as its notice page shows it.
#[derive(Debug, Clone, Serialize)]
pub struct DisclosureEntry {
    pub disclosure: Disclosure,
    /// The letter that tells the client (Dutch), as it would be recorded when sent today:
    /// composed from the entry (no content of the dossier).
    pub draft_letter: String,
}

impl Vault {
    /// The categories `actor` may disclose of a client, in the care team (`care`) or outside
    /// it: what the disclosure form offers (the decision is made when it is sent). A question
    /// about what to offer: nothing is logged.
    pub fn disclosable_categories(&self, actor: &Actor, care: bool) -> Vec<String> {
        self.inner
            .reglement
            .taxonomy
            .categories
            .iter()
            .filter(|c| {
                self.inner
                    .policy
                    .decide(&AccessRequest {
                        care_relationship: care,
                        supervised: actor.supervised,
                        ..AccessRequest::new(&actor.role, Action::Disclose, &c.id)
                    })
                    .allowed
            })
            .map(|c| c.id.clone())
            .collect()
    }

    /// Whether `actor` may disclose any category of a client (see
    /// [`Vault::disclosable_categories`]): whether a dossier offers the form.
    pub fn may_disclose(&self, actor: &Actor, care: bool) -> bool {
        !self.disclosable_categories(actor, care).is_empty()
    }

    /// One entry of the ledger, for its notice page: `NotFound` for an unknown id before
    /// anything is decided. Read under the duty `read_audit` (the FG's) where the role has
    /// it, otherwise decided as a disclosure of the entry's first category (whoever may
    /// disclose it tells the client); logged as a read of the ledger about the person.
    pub async fn disclosure_entry(
        &self,
        actor: &Actor,
        id: &str,
    ) -> Result<DisclosureEntry, VaultError> {
        let Some(d) = self.ledger(None, Some(id)).await?.into_iter().next() else {
            return Err(VaultError::NotFound(format!("disclosure {id}")));
        };
        let permit = if self.may(actor, Duty::ReadAudit) {
            self.authorize_duty(
                actor,
                Duty::ReadAudit,
                false,
                AuditAction::DisclosureList,
                Some(&d.person_id),
                "verstrekkingen",
            )
            .await?
            .showing(vec![d.person_id.clone()])
        } else {
            let Some(facts) = self
                .write_facts(&actor.user_id, &d.person_id, &d.categories[0])
                .await?
            else {
                return Err(self.missing_person(&d.person_id).await);
            };
            self.authorize_data(
                actor,
                Action::Disclose,
                AuditAction::DisclosureList,
                &d.person_id,
                &d.categories[0],
                "verstrekking-melden",
                Situation {
                    care: facts.care,
                    ..Situation::default()
                },
            )
            .await?
            .0
        };
        sealed::commit(&self.inner.writer, permit.with_object(&d.id), Vec::new()).await?;
        let draft_letter = self.notice_letter(&d);
        Ok(DisclosureEntry {
            disclosure: d,
            draft_letter,
        })
    }

    /// The identification facts of one person for a page about them that is not the dossier
    /// (the disclosure form): decided as a read of the identification category with the
    /// caller's care relationship and logged; `None` where that is refused (the refusal
    /// logged) or the facts were erased. `NotFound` for an unknown person, before anything.
    pub async fn facts_for_page(
        &self,
        actor: &Actor,
        person: &str,
        purpose: &str,
    ) -> Result<Option<PersonFacts>, VaultError> {
        let (permit, key) = match self
            .authorize_change(
                actor,
                Action::Read,
                person,
                IDENTIFICATION_CATEGORY,
                purpose,
            )
            .await
        {
            Ok(allowed) => allowed,
            Err(VaultError::Denied(_) | VaultError::Erased(_)) => return Ok(None),
            Err(e) => return Err(e),
        };
        let receipt = sealed::commit(&self.inner.writer, permit, Vec::new()).await?;
        let facts = self.sealed_facts(&[person.to_owned()]).await?;
        match facts.iter().find(|f| f.person == person) {
            Some(f) => Ok(Some(f.open(&key, &receipt)?)),
            None => Ok(None),
        }
    }

    /// The register of recipients for the disclosure form: for who keeps it, read as the
    /// register (logged); for who may disclose, the organisations to choose from (no personal
    /// data, nothing logged); anyone else is refused as for the register.
    pub async fn recipient_choices(&self, actor: &Actor) -> Result<Vec<Recipient>, VaultError> {
        if !self.may(actor, Duty::ManageRecipients)
            && (self.may_disclose(actor, true) || self.may_disclose(actor, false))
        {
            return Ok(self.stored_recipients(None).await?);
        }
        self.recipients(actor).await
    }
}
