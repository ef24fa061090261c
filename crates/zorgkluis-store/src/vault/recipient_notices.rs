//! Telling recipients of a correction, restriction or erasure (AVG art. 19; issue 13 part 2).
//!
//! "De verwerkingsverantwoordelijke stelt iedere ontvanger aan wie persoonsgegevens zijn
//! verstrekt in kennis van elke rectificatie of wissing van persoonsgegevens of beperking van de
//! verwerking ..., tenzij dit onmogelijk blijkt of onevenredig veel inspanning vergt." The
//! disclosure ledger says who received a record; this room lists them for the record and keeps,
//! per recipient, the day it was told or why that proved impossible. Both are decided as the
//! correction of the record's category (who may correct it is who must pass it on) and logged.

use jiff::civil::Date;
use serde::Serialize;
use sqlx::Row as _;
use zorgkluis_core::vocabulary::Action;

use super::access::Situation;
use super::disclosures::Recipient;
use super::{Actor, Vault, VaultError};
use crate::audit::AuditAction;
use crate::sealed::{self, Permit};
use crate::writer::{Arg, Stmt};

/// The article the duty rests on.
pub const ART_19: &str = "AVG art. 19";

/// A recipient to tell of the correction or erasure of a record, with the disclosures (id,
/// day) that gave it the record, and what was recorded of telling it.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct ToTell {
    pub recipient: Recipient,
    pub disclosures: Vec<(String, Date)>,
    pub notice: Option<RecipientNotice>,
}

/// How a recipient was told, or why not.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct RecipientNotice {
    pub told_on: Option<Date>,
    /// Why telling it proved impossible or would take a disproportionate effort.
    pub not_told: Option<String>,
    /// The request the correction or erasure carried out.
    pub request_id: Option<String>,
    pub recorded_by: String,
    pub recorded_at: String,
}

/// How a recipient is told, to record.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Telling {
    /// Told on the day.
    Told(Date),
    /// Not told, with the reason (impossible, or a disproportionate effort).
    NotTold(String),
}

impl Vault {
    /// Whom to tell of the correction, restriction or erasure of a record (AVG art. 19): the
    /// recipients the ledger says received it, with the disclosures and what was recorded of
    /// telling each. Logged as a read of the ledger about the person.
    pub async fn recipients_to_tell(
        &self,
        actor: &Actor,
        record_id: &str,
    ) -> Result<Vec<ToTell>, VaultError> {
        let (person, permit) = self
            .art_19_permit(actor, record_id, AuditAction::DisclosureList)
            .await?;
        sealed::commit(&self.inner.writer, permit, Vec::new()).await?;
        self.to_tell(&person, record_id).await
    }

    /// Records that `recipient` was told of the correction, restriction or erasure of a
    /// record, or why not; once per record and recipient. `request`: the request it carried
    /// out, if one.
    pub async fn record_recipient_told(
        &self,
        actor: &Actor,
        record_id: &str,
        recipient: &str,
        telling: &Telling,
        request: Option<&str>,
    ) -> Result<(), VaultError> {
        match telling {
            Telling::Told(on) if *on > crate::clock::today() => {
                return Err(VaultError::Invalid {
                    field: "told_on",
                    message: format!("{on} is in the future"),
                });
            }
            Telling::NotTold(reason) if reason.trim().is_empty() => {
                return Err(VaultError::Invalid {
                    field: "not_told",
                    message: "say why telling the recipient is impossible or disproportionate"
                        .into(),
                });
            }
            _ => {}
        }
        let (person, permit) = self
            .art_19_permit(actor, record_id, AuditAction::RecipientTold)
            .await?;
        let Some(entry) = self
            .to_tell(&person, record_id)
            .await?
            .into_iter()
            .find(|t| t.recipient.id == recipient)
        else {
            return Err(VaultError::Invalid {
                field: "recipient",
                message: "the ledger holds no disclosure of this record to this recipient".into(),
            });
        };
        if entry.notice.is_some() {
            return Err(VaultError::Conflict {
                field: "recipient",
                message: "what was done about this recipient is recorded already".into(),
            });
        }
        let (told_on, not_told) = match telling {
            Telling::Told(on) => (Some(on.to_string()), None),
            Telling::NotTold(reason) => (None, Some(reason.trim().to_owned())),
        };
        let t = |s: &str| Arg::Text(s.to_owned());
        sealed::commit(
            &self.inner.writer,
            permit.with_object(recipient),
            vec![Stmt::new(
                "INSERT INTO recipient_notices (tenant_id, record_id, recipient_id, person_id, \
                 told_on, not_told, request_id, recorded_by, recorded_at) \
                 VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9)",
                vec![
                    t(&self.inner.tenant),
                    t(record_id),
                    t(recipient),
                    t(&person),
                    Arg::OptText(told_on),
                    Arg::OptText(not_told),
                    Arg::OptText(request.map(str::to_owned)),
                    t(&actor.user_id),
                    Arg::Text(crate::clock::now()),
                ],
            )],
        )
        .await?;
        Ok(())
    }

    /// Decides the correction of the record's category for `actor` (a denial logged): the
    /// person and the permit, logged as `logged_as`, citing art. 19.
    async fn art_19_permit(
        &self,
        actor: &Actor,
        record_id: &str,
        logged_as: AuditAction,
    ) -> Result<(String, Permit), VaultError> {
        let row =
            sqlx::query("SELECT person_id, category FROM records WHERE tenant_id = $1 AND id = $2")
                .bind(&self.inner.tenant)
                .bind(record_id)
                .fetch_optional(&*self.inner.pool)
                .await?
                .ok_or_else(|| VaultError::NotFound(format!("record {record_id}")))?;
        let (person, category): (String, String) = (row.try_get(0)?, row.try_get(1)?);
        let Some(facts) = self.write_facts(&actor.user_id, &person, &category).await? else {
            return Err(self.missing_person(&person).await);
        };
        let (permit, _) = self
            .authorize_data(
                actor,
                Action::Correct,
                logged_as,
                &person,
                &category,
                "art-19-ontvangers",
                Situation {
                    care: facts.care,
                    restricted: facts.restricted,
                    ..Situation::default()
                },
            )
            .await?;
        Ok((
            person,
            permit.citing(&[ART_19.to_owned()]).with_object(record_id),
        ))
    }

    async fn to_tell(&self, person: &str, record_id: &str) -> Result<Vec<ToTell>, VaultError> {
        let notices = sqlx::query(
            "SELECT recipient_id, told_on, not_told, request_id, recorded_by, recorded_at \
             FROM recipient_notices WHERE tenant_id = $1 AND record_id = $2",
        )
        .bind(&self.inner.tenant)
        .bind(record_id)
        .fetch_all(&*self.inner.pool)
        .await?;
        let mut out: Vec<ToTell> = Vec::new();
        for d in self.ledger(Some(person), None).await? {
            if !d.record_ids.iter().any(|r| r == record_id) {
                continue;
            }
            match out.iter_mut().find(|t| t.recipient.id == d.recipient.id) {
                Some(t) => t.disclosures.push((d.id, d.disclosed_on)),
                None => out.push(ToTell {
                    recipient: d.recipient,
                    disclosures: vec![(d.id, d.disclosed_on)],
                    notice: None,
                }),
            }
        }
        for n in &notices {
            let recipient: String = n.try_get(0)?;
            if let Some(t) = out.iter_mut().find(|t| t.recipient.id == recipient) {
                let told_on: Option<String> = n.try_get(1)?;
                t.notice = Some(RecipientNotice {
                    told_on: told_on.and_then(|d| d.parse().ok()),
                    not_told: n.try_get(2)?,
                    request_id: n.try_get(3)?,
                    recorded_by: n.try_get(4)?,
                    recorded_at: n.try_get(5)?,
                });
            }
        }
        Ok(out)
    }
}
