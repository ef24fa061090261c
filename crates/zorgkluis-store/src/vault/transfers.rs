//! The transfer of the whole registration to another organisation for the continuity of care:
//! "De bewaar- en vernietigingstermijn zijn niet van toepassing in geval van overdracht van de
//! gehele persoonsregistratie aan een andere organisatie in het kader van de continuïteit van
//! de hulpverlening. In geval van overdracht of overgang dienen de cliënten van dit feit in
//! kennis te worden gesteld, opdat hiertegen door de cliënt bezwaar kan worden gemaakt." (BG
//! wonen and Rondomzorg 3.7, `[vernietiging.overdracht]`).
//!
//! While a transfer stands, a retention plan shows everything that would be due as kept back
//! by it, and a run destroys nothing. It is only possible where the reglement says so: the law
//! itself suspends no term on a transfer. Starting and ending it is a decision about keeping
//! data, the duty `place_hold`; the register records the day the clients were told, and the
//! plan says when they have not been.

use jiff::civil::Date;
use serde::{Deserialize, Serialize};
use sqlx::Row as _;
use zorgkluis_core::vocabulary::Duty;

use super::{Actor, Vault, VaultError};
use crate::StoreError;
use crate::audit::AuditAction;
use crate::sealed;
use crate::writer::{Arg, Stmt};

/// A transfer of the whole registration, as the register shows it.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct RegistrationTransfer {
    pub id: String,
    /// The organisation that takes the registration over.
    pub recipient: String,
    pub starts_on: Date,
    pub started_by: String,
    pub started_role: String,
    pub started_at: String,
    /// The day the clients were told (so that they can object); none while they were not.
    pub clients_told_on: Option<Date>,
    /// The last day it stood; none while it stands.
    pub ended_on: Option<Date>,
    pub ended_by: Option<String>,
    /// The reglement's article that suspends the terms.
    pub article: String,
}

impl RegistrationTransfer {
    /// Whether it suspends the terms on `day`.
    pub fn stands_on(&self, day: Date) -> bool {
        self.starts_on <= day && self.ended_on.is_none_or(|end| day <= end)
    }
}

const COLUMNS: &str = "id, recipient, starts_on, started_by, started_role, started_at, \
     clients_told_on, ended_on, ended_by";

fn day(field: &'static str, text: Option<String>) -> Result<Option<Date>, StoreError> {
    text.map(|t| {
        t.parse().map_err(|_| StoreError::Invalid {
            field,
            message: format!("stored date `{t}`"),
        })
    })
    .transpose()
}

impl Vault {
    /// The reglement's article that suspends the terms on a transfer, if it has one.
    fn transfer_rule(&self) -> Option<String> {
        let destruction = self.inner.reglement.file.destruction.as_ref()?;
        Some(destruction.transfer.as_ref()?.article.get_ref().clone())
    }

    /// [`Vault::transfer_rule`], or the refusal to start a transfer without one.
    fn transfer_article(&self) -> Result<String, VaultError> {
        self.transfer_rule().ok_or_else(|| VaultError::Invalid {
            field: "transfer",
            message: "the reglement does not suspend retention on a transfer of the whole \
                      registration ([vernietiging.overdracht]); the law itself does not"
                .into(),
        })
    }

    async fn transfer_permit(
        &self,
        actor: &Actor,
        action: AuditAction,
        id: &str,
        purpose: &str,
        article: String,
    ) -> Result<sealed::Permit, VaultError> {
        Ok(self
            .authorize_duty(actor, Duty::PlaceHold, false, action, None, purpose)
            .await?
            .citing(&[article])
            .with_object(id))
    }

    /// Starts a transfer of the whole registration to `recipient` on `starts_on`; returns its
    /// id. Refused where the reglement has no such suspension, or while another stands.
    pub async fn start_transfer(
        &self,
        actor: &Actor,
        recipient: &str,
        starts_on: Date,
    ) -> Result<String, VaultError> {
        let article = self.transfer_article()?;
        let recipient = recipient.trim();
        if recipient.is_empty() {
            return Err(VaultError::Invalid {
                field: "recipient",
                message: "name the organisation that takes the registration over".into(),
            });
        }
        if let Some(open) = self
            .stored_transfers()
            .await?
            .into_iter()
            .find(|t| t.ended_on.is_none())
        {
            return Err(VaultError::Conflict {
                field: "transfer",
                message: format!("transfer {} to {} stands already", open.id, open.recipient),
            });
        }
        let id = uuid::Uuid::now_v7().to_string();
        let permit = self
            .transfer_permit(
                actor,
                AuditAction::RegistrationTransfer,
                &id,
                "overdracht gehele registratie",
                article,
            )
            .await?;
        let stmt = Stmt::new(
            "INSERT INTO registration_transfers (tenant_id, id, recipient, starts_on, started_by, \
             started_role, started_at) VALUES ($1, $2, $3, $4, $5, $6, $7)",
            vec![
                Arg::Text(self.inner.tenant.clone()),
                Arg::Text(id.clone()),
                Arg::Text(recipient.to_owned()),
                Arg::Text(starts_on.to_string()),
                Arg::Text(actor.user_id.clone()),
                Arg::Text(actor.role.clone()),
                Arg::Text(crate::clock::now()),
            ],
        );
        sealed::commit(&self.inner.writer, permit, vec![stmt]).await?;
        Ok(id)
    }

    /// Records the day the clients were told of the transfer (not in the future).
    pub async fn record_transfer_told(
        &self,
        actor: &Actor,
        id: &str,
        told_on: Date,
    ) -> Result<(), VaultError> {
        if told_on > crate::clock::today() {
            return Err(VaultError::Invalid {
                field: "told_on",
                message: format!("{told_on} is in the future"),
            });
        }
        self.change_transfer(
            actor,
            id,
            "cliënten geïnformeerd over overdracht",
            "UPDATE registration_transfers SET clients_told_on = $3 \
             WHERE tenant_id = $1 AND id = $2 AND ended_on IS NULL",
            vec![Arg::Text(told_on.to_string())],
        )
        .await
    }

    /// Ends a standing transfer: from the day after `ended_on` the terms apply again.
    pub async fn end_transfer(
        &self,
        actor: &Actor,
        id: &str,
        ended_on: Date,
    ) -> Result<(), VaultError> {
        let found = self.transfer(id).await?;
        if ended_on < found.starts_on {
            return Err(VaultError::Invalid {
                field: "ended_on",
                message: format!("{ended_on} is before the transfer started"),
            });
        }
        self.change_transfer(
            actor,
            id,
            "overdracht gehele registratie beëindigd",
            "UPDATE registration_transfers SET ended_on = $3, ended_by = $4 \
             WHERE tenant_id = $1 AND id = $2 AND ended_on IS NULL",
            vec![
                Arg::Text(ended_on.to_string()),
                Arg::Text(actor.user_id.clone()),
            ],
        )
        .await
    }

    async fn change_transfer(
        &self,
        actor: &Actor,
        id: &str,
        purpose: &str,
        sql: &'static str,
        args: Vec<Arg>,
    ) -> Result<(), VaultError> {
        let found = self.transfer(id).await?;
        if found.ended_on.is_some() {
            return Err(VaultError::Conflict {
                field: "transfer",
                message: format!("transfer {id} has ended"),
            });
        }
        let permit = self
            .transfer_permit(
                actor,
                AuditAction::RegistrationTransferChange,
                id,
                purpose,
                found.article,
            )
            .await?;
        let mut all = vec![
            Arg::Text(self.inner.tenant.clone()),
            Arg::Text(id.to_owned()),
        ];
        all.extend(args);
        sealed::commit(
            &self.inner.writer,
            permit,
            vec![Stmt::must_change(sql, all)],
        )
        .await?;
        Ok(())
    }

    async fn transfer(&self, id: &str) -> Result<RegistrationTransfer, VaultError> {
        self.stored_transfers()
            .await?
            .into_iter()
            .find(|t| t.id == id)
            .ok_or_else(|| VaultError::NotFound(format!("transfer {id}")))
    }

    /// The transfers of the registration, newest first (decided as `place_hold`, logged).
    pub async fn registration_transfers(
        &self,
        actor: &Actor,
    ) -> Result<Vec<RegistrationTransfer>, VaultError> {
        let permit = self
            .authorize_duty(
                actor,
                Duty::PlaceHold,
                false,
                AuditAction::ReadHolds,
                None,
                "register overdrachten",
            )
            .await?;
        sealed::commit(&self.inner.writer, permit, Vec::new()).await?;
        Ok(self.stored_transfers().await?)
    }

    /// The transfer that suspends the terms on `day`, if any: for plans and runs.
    pub(crate) async fn transfer_standing_on(
        &self,
        day: Date,
    ) -> Result<Option<RegistrationTransfer>, StoreError> {
        Ok(self
            .stored_transfers()
            .await?
            .into_iter()
            .find(|t| t.stands_on(day)))
    }

    async fn stored_transfers(&self) -> Result<Vec<RegistrationTransfer>, StoreError> {
        let article = self.transfer_rule().unwrap_or_default();
        let rows = sqlx::query(sqlx::AssertSqlSafe(format!(
            "SELECT {COLUMNS} FROM registration_transfers WHERE tenant_id = $1 \
             ORDER BY started_at DESC, id DESC"
        )))
        .bind(&self.inner.tenant)
        .fetch_all(&*self.inner.pool)
        .await?;
        let mut out = Vec::with_capacity(rows.len());
        for r in rows {
            out.push(RegistrationTransfer {
                id: r.try_get(0)?,
                recipient: r.try_get(1)?,
                starts_on: day("starts_on", r.try_get(2)?)?.ok_or(StoreError::Invalid {
                    field: "starts_on",
                    message: "empty".into(),
                })?,
                started_by: r.try_get(3)?,
                started_role: r.try_get(4)?,
                started_at: r.try_get(5)?,
                clients_told_on: day("clients_told_on", r.try_get(6)?)?,
                ended_on: day("ended_on", r.try_get(7)?)?,
                ended_by: r.try_get(8)?,
                article: article.clone(),
            });
        }
        Ok(out)
    }
}
