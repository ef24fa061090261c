//! Retention extended beyond its term (issue 15 part 2): a person's category kept longer on
//! the client's consent, where a rule of the category says `verlengbaar_met_toestemming`
//! (BG wonen 3.6, Rondomzorg 3.6), or on the caregiver's judgement, with the reason and who
//! decided, where the WGBO or the Jeugdwet governs the category ("of zoveel langer als
//! redelijkerwijs uit de zorg van een goed hulpverlener voortvloeit", art. 7:454 lid 3 BW,
//! art. 7.3.8 Jeugdwet). A maximum of the law (camera footage) is never extended: the core's
//! [`extension_allowed`] refuses it.
//!
//! Deciding an extension is a change to the dossier: it is decided like a write of that
//! category of that person (the caregiver in the care team), logged as `retention_extend`.
//! The reason is the person's data and sealed with their key; it is opened for the register
//! under `place_hold`, as a hold's reason is. An extension is never overwritten: withdrawing
//! it (the client withdraws the consent, the caregiver's reason lapses) records who and when,
//! and from then on the plan counts the category's own term again.

use jiff::civil::Date;
use serde::Serialize;
use sqlx::Row as _;
use zorgkluis_core::decide::{Extension, extension_allowed};
use zorgkluis_core::vocabulary::{Action, Duty, ExtensionGround};

use super::{Actor, Vault, VaultError};
use crate::StoreError;
use crate::audit::AuditAction;
use crate::sealed::{self, Sealed, SealedKind};
use crate::writer::{Arg, Stmt};

/// An extension to record.
#[derive(Debug, Clone)]
pub struct NewRetentionExtension {
    pub person: String,
    pub category: String,
    pub ground: ExtensionGround,
    /// The last day the category is kept under the extension.
    pub until: Date,
    /// Why: required on the caregiver's judgement; for consent, where the consent is recorded
    /// (a signed form's reference). Sealed with the person's key.
    pub reason: String,
}

/// An extension as the register shows it.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct RetentionExtension {
    pub id: String,
    pub person_id: String,
    pub category: String,
    pub ground: ExtensionGround,
    pub until: Date,
    /// The article that allows it (the reglement's rule, or the dossier law).
    pub article: String,
    /// The reason, opened for the roles with `place_hold` only.
    pub reason: Option<String>,
    pub decided_by: String,
    pub decided_role: String,
    pub decided_at: String,
    pub withdrawn_at: Option<String>,
    pub withdrawn_by: Option<String>,
}

impl RetentionExtension {
    /// The extension as the core's retention decision takes it (a withdrawn one keeps nothing).
    pub(crate) fn standing(&self) -> Option<Extension> {
        self.withdrawn_at.is_none().then(|| Extension {
            until: self.until,
            ground: self.ground,
            decided_by: self.decided_by.clone(),
            reason_given: true,
        })
    }
}

const COLUMNS: &str = "id, person_id, category, ground, until, reason, article, decided_by, \
     decided_role, decided_at, withdrawn_at, withdrawn_by";

impl Vault {
    /// Records an extension of `new.category`'s retention for `new.person`; returns its id.
    /// Refused, changing nothing, where the reglement and the law allow no extension on that
    /// ground, without a reason on the caregiver's judgement, or ending before tomorrow.
    pub async fn extend_retention(
        &self,
        actor: &Actor,
        new: &NewRetentionExtension,
    ) -> Result<String, VaultError> {
        self.check_category(&new.category)?;
        let reason = new.reason.trim();
        if new.ground == ExtensionGround::OordeelHulpverlener && reason.is_empty() {
            return Err(VaultError::Invalid {
                field: "reason",
                message: "an extension on the caregiver's judgement needs its reason \
                          (art. 7:454 lid 3 BW: what the care of a good caregiver requires)"
                    .into(),
            });
        }
        if new.until <= crate::clock::today() {
            return Err(VaultError::Invalid {
                field: "until",
                message: format!("{} is not after today", new.until),
            });
        }
        let article =
            extension_allowed(&self.inner.reglement, &new.category, new.ground).map_err(|e| {
                VaultError::Invalid {
                    field: "ground",
                    message: e.to_string(),
                }
            })?;
        let id = uuid::Uuid::now_v7().to_string();
        let (permit, key) = self
            .authorize_change_as(
                actor,
                Action::Write,
                AuditAction::RetentionExtend,
                &new.person,
                &new.category,
                "bewaartermijn verlengen",
            )
            .await?;
        let permit = permit
            .citing(std::slice::from_ref(&article))
            .with_object(&id);
        let sealed_reason = key.seal(
            reason.as_bytes(),
            &SealedKind::ExtensionReason { id: id.clone() },
            &self.inner.tenant,
            &new.person,
        )?;
        let stmt = Stmt::new(
            "INSERT INTO retention_extensions (tenant_id, id, person_id, category, ground, until, \
             reason, article, decided_by, decided_role, decided_at) \
             VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10, $11)",
            vec![
                Arg::Text(self.inner.tenant.clone()),
                Arg::Text(id.clone()),
                Arg::Text(new.person.clone()),
                Arg::Text(new.category.clone()),
                Arg::Text(new.ground.id().to_owned()),
                Arg::Text(new.until.to_string()),
                Arg::Blob(sealed_reason),
                Arg::Text(article),
                Arg::Text(actor.user_id.clone()),
                Arg::Text(actor.role.clone()),
                Arg::Text(crate::clock::now()),
            ],
        );
        sealed::commit(&self.inner.writer, permit, vec![stmt]).await?;
        Ok(id)
    }

    /// Withdraws a standing extension (the client withdrew the consent, the reason lapsed):
    /// from now on the category's own term counts again.
    pub async fn withdraw_extension(&self, actor: &Actor, id: &str) -> Result<(), VaultError> {
        let found = self
            .stored_extensions(None)
            .await?
            .into_iter()
            .find(|(e, _)| e.id == id)
            .map(|(e, _)| e)
            .ok_or_else(|| VaultError::NotFound(format!("extension {id}")))?;
        if found.withdrawn_at.is_some() {
            return Err(VaultError::Conflict {
                field: "extension",
                message: format!("extension {id} was withdrawn already"),
            });
        }
        let (permit, _) = self
            .authorize_change_as(
                actor,
                Action::Write,
                AuditAction::RetentionExtendWithdraw,
                &found.person_id,
                &found.category,
                "verlenging bewaartermijn ingetrokken",
            )
            .await?;
        let stmt = Stmt::must_change(
            "UPDATE retention_extensions SET withdrawn_at = $3, withdrawn_by = $4 \
             WHERE tenant_id = $1 AND id = $2 AND withdrawn_at IS NULL",
            vec![
                Arg::Text(self.inner.tenant.clone()),
                Arg::Text(id.to_owned()),
                Arg::Text(crate::clock::now()),
                Arg::Text(actor.user_id.clone()),
            ],
        );
        sealed::commit(&self.inner.writer, permit.with_object(id), vec![stmt]).await?;
        Ok(())
    }

    /// Every extension of the organisation, withdrawn ones too, newest first, with the
    /// reasons opened: the register beside the holds', under `place_hold`. One event, whose
    /// subjects are the persons it shows.
    pub async fn retention_extensions(
        &self,
        actor: &Actor,
    ) -> Result<Vec<RetentionExtension>, VaultError> {
        let stored = self.stored_extensions(None).await?;
        let mut persons: Vec<String> = stored.iter().map(|(e, _)| e.person_id.clone()).collect();
        persons.sort();
        persons.dedup();
        let permit = self
            .authorize_duty(
                actor,
                Duty::PlaceHold,
                false,
                AuditAction::ReadHolds,
                None,
                "register verlengingen bewaartermijn",
            )
            .await?;
        let receipt =
            sealed::commit(&self.inner.writer, permit.showing(persons), Vec::new()).await?;
        let mut out = Vec::with_capacity(stored.len());
        for (mut e, reason) in stored {
            // A person erased since has no key: the reason went with it.
            if let Ok(key) = self.data_key(&e.person_id).await {
                let plain = reason.open(&key, &receipt)?;
                e.reason = Some(String::from_utf8_lossy(&plain).into_owned());
            }
            out.push(e);
        }
        Ok(out)
    }

    /// The extensions (of one person), reasons sealed: for the plan and the register.
    pub(crate) async fn stored_extensions(
        &self,
        person: Option<&str>,
    ) -> Result<Vec<(RetentionExtension, Sealed)>, StoreError> {
        let rows = match person {
            Some(p) => {
                sqlx::query(sqlx::AssertSqlSafe(format!(
                    "SELECT {COLUMNS} FROM retention_extensions WHERE tenant_id = $1 \
                 AND person_id = $2 ORDER BY decided_at DESC, id DESC"
                )))
                .bind(&self.inner.tenant)
                .bind(p)
                .fetch_all(&*self.inner.pool)
                .await?
            }
            None => {
                sqlx::query(sqlx::AssertSqlSafe(format!(
                    "SELECT {COLUMNS} FROM retention_extensions WHERE tenant_id = $1 \
                 ORDER BY decided_at DESC, id DESC"
                )))
                .bind(&self.inner.tenant)
                .fetch_all(&*self.inner.pool)
                .await?
            }
        };
        let mut out = Vec::with_capacity(rows.len());
        for r in rows {
            let id: String = r.try_get(0)?;
            let person_id: String = r.try_get(1)?;
            let ground_id: String = r.try_get(3)?;
            let ground =
                ExtensionGround::from_id(&ground_id).ok_or_else(|| StoreError::Invalid {
                    field: "ground",
                    message: format!("stored extension ground `{ground_id}`"),
                })?;
            let until: String = r.try_get(4)?;
            let reason = Sealed::new(
                r.try_get(5)?,
                &self.inner.tenant,
                &person_id,
                SealedKind::ExtensionReason { id: id.clone() },
            );
            out.push((
                RetentionExtension {
                    id,
                    person_id,
                    category: r.try_get(2)?,
                    ground,
                    until: until.parse().map_err(|_| StoreError::Invalid {
                        field: "until",
                        message: format!("stored date `{until}`"),
                    })?,
                    article: r.try_get(6)?,
                    reason: None,
                    decided_by: r.try_get(7)?,
                    decided_role: r.try_get(8)?,
                    decided_at: r.try_get(9)?,
                    withdrawn_at: r.try_get(10)?,
                    withdrawn_by: r.try_get(11)?,
                },
                reason,
            ));
        }
        Ok(out)
    }
}
