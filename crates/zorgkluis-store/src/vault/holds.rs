//! Legal holds (bewaarplicht opgeschort): a complaint, a court case, a Wkkgz investigation, the
//! caregiver's judgement or a specific law keeps a person's data (or one category of it) past
//! its retention term. A standing hold blocks destruction by a retention run and erasure
//! ([`Vault::erase_person`] refuses), and is visible in the hold register.
//!
//! Placing, releasing and reading the register are the duty `place_hold`, granted by the
//! reglement's `[[beheer]]` rules and decided like every access. The reason is free text about
//! the person: it is sealed with the person's key (so crypto-shredding reaches it) and never
//! enters the audit chain, which records the hold's kind, its category and the articles only.

use jiff::civil::Date;
use serde::Serialize;
use sqlx::Row as _;
use zorgkluis_core::vocabulary::{Duty, HoldKind};

use super::{Actor, Vault, VaultError};
use crate::StoreError;
use crate::audit::AuditAction;
use crate::sealed::{self, Sealed, SealedKind};
use crate::writer::{Arg, Stmt};

/// A hold to place.
#[derive(Debug, Clone)]
pub struct NewHold {
    pub person: String,
    /// One category only; none for everything of the person.
    pub category: Option<String>,
    pub kind: HoldKind,
    /// Why (free text: sealed with the person's key).
    pub reason: String,
    pub starts_on: Date,
    /// The hold lapses after this day; none until it is released.
    pub ends_on: Option<Date>,
    /// When the hold is to be looked at again (it stands until released or ended).
    pub review_on: Option<Date>,
}

/// A hold as the register shows it.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct Hold {
    pub id: String,
    pub person_id: String,
    pub category: Option<String>,
    pub kind: HoldKind,
    /// The law the hold rests on.
    pub law: &'static str,
    /// The reason, opened for the register (only for the roles that place holds).
    pub reason: Option<String>,
    pub placed_by: String,
    pub placed_role: String,
    pub placed_at: String,
    pub starts_on: Date,
    pub ends_on: Option<Date>,
    pub review_on: Option<Date>,
    pub released_at: Option<String>,
    pub released_by: Option<String>,
}

impl Hold {
    /// Whether the hold stands on `day`: started, not released, not ended.
    pub fn stands_on(&self, day: Date) -> bool {
        self.released_at.is_none()
            && self.starts_on <= day
            && self.ends_on.is_none_or(|end| end >= day)
    }

    /// Whether it keeps `category` of its person.
    pub fn covers(&self, category: &str) -> bool {
        self.category.as_deref().is_none_or(|c| c == category)
    }
}

/// A hold as stored: its reason still sealed.
pub(crate) struct StoredHold {
    pub hold: Hold,
    reason: Sealed,
}

const HOLD_COLUMNS: &str = "id, person_id, category, kind, reason, placed_by, placed_role, placed_at, \
     starts_on, ends_on, review_on, released_at, released_by";

fn date(field: &'static str, text: &str) -> Result<Date, StoreError> {
    text.parse().map_err(|_| StoreError::Invalid {
        field,
        message: format!("stored date `{text}`"),
    })
}

fn opt_date(field: &'static str, text: Option<String>) -> Result<Option<Date>, StoreError> {
    text.map(|t| date(field, &t)).transpose()
}

impl Vault {
    /// Places a legal hold; returns its id.
    pub async fn place_hold(&self, actor: &Actor, new: &NewHold) -> Result<String, VaultError> {
        if let Some(c) = &new.category {
            self.check_category(c)?;
        }
        if new.reason.trim().is_empty() {
            return Err(VaultError::Invalid {
                field: "reason",
                message: "a hold needs its reason".into(),
            });
        }
        if new.ends_on.is_some_and(|end| end < new.starts_on) {
            return Err(VaultError::Invalid {
                field: "ends_on",
                message: "before the hold starts".into(),
            });
        }
        self.known_person(&new.person).await?;
        let key = self.data_key(&new.person).await?;
        let id = uuid::Uuid::now_v7().to_string();
        let event = self.event(
            actor,
            AuditAction::HoldPlace,
            Some(&new.person),
            new.category.as_deref(),
            "juridische blokkade",
        );
        let question = sealed::Question::Duty(zorgkluis_core::decide::DutyRequest {
            supervised: actor.supervised,
            ..zorgkluis_core::decide::DutyRequest::new(&actor.role, Duty::PlaceHold)
        });
        let (permit, _) = self.authorize(question, event).await?;
        let permit = permit.citing(&[new.kind.law().to_owned()]);
        let reason = key.seal(
            new.reason.as_bytes(),
            &SealedKind::HoldReason { id: id.clone() },
            &self.inner.tenant,
            &new.person,
        )?;
        let stmt = Stmt::new(
            "INSERT INTO legal_holds (tenant_id, id, person_id, category, kind, reason, placed_by, \
             placed_role, placed_at, starts_on, ends_on, review_on) \
             VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10, $11, $12)",
            vec![
                Arg::Text(self.inner.tenant.clone()),
                Arg::Text(id.clone()),
                Arg::Text(new.person.clone()),
                Arg::OptText(new.category.clone()),
                Arg::Text(new.kind.id().to_owned()),
                Arg::Blob(reason),
                Arg::Text(actor.user_id.clone()),
                Arg::Text(actor.role.clone()),
                Arg::Text(crate::clock::now()),
                Arg::Text(new.starts_on.to_string()),
                Arg::OptText(new.ends_on.map(|d| d.to_string())),
                Arg::OptText(new.review_on.map(|d| d.to_string())),
            ],
        );
        sealed::commit(&self.inner.writer, permit, vec![stmt]).await?;
        Ok(id)
    }

    /// Releases a standing hold: from now on it keeps nothing.
    pub async fn release_hold(&self, actor: &Actor, id: &str) -> Result<(), VaultError> {
        let stored = self
            .stored_holds(None)
            .await?
            .into_iter()
            .find(|h| h.hold.id == id)
            .ok_or_else(|| VaultError::NotFound(format!("hold {id}")))?;
        if stored.hold.released_at.is_some() {
            return Err(VaultError::Conflict {
                field: "hold",
                message: format!("hold {id} was released already"),
            });
        }
        let event = self.event(
            actor,
            AuditAction::HoldRelease,
            Some(&stored.hold.person_id),
            stored.hold.category.as_deref(),
            "juridische blokkade opgeheven",
        );
        let question = sealed::Question::Duty(zorgkluis_core::decide::DutyRequest {
            supervised: actor.supervised,
            ..zorgkluis_core::decide::DutyRequest::new(&actor.role, Duty::PlaceHold)
        });
        let (permit, _) = self.authorize(question, event).await?;
        let stmt = Stmt::must_change(
            "UPDATE legal_holds SET released_at = $3, released_by = $4 \
             WHERE tenant_id = $1 AND id = $2 AND released_at IS NULL",
            vec![
                Arg::Text(self.inner.tenant.clone()),
                Arg::Text(id.to_owned()),
                Arg::Text(crate::clock::now()),
                Arg::Text(actor.user_id.clone()),
            ],
        );
        sealed::commit(&self.inner.writer, permit, vec![stmt]).await?;
        Ok(())
    }

    /// The hold register: every hold (with `released`, also the released ones), newest first,
    /// with the reasons opened. One event, whose subjects are the persons it shows.
    pub async fn hold_register(
        &self,
        actor: &Actor,
        released: bool,
    ) -> Result<Vec<Hold>, VaultError> {
        let stored: Vec<StoredHold> = self
            .stored_holds(None)
            .await?
            .into_iter()
            .filter(|h| released || h.hold.released_at.is_none())
            .collect();
        let mut persons: Vec<String> = stored.iter().map(|h| h.hold.person_id.clone()).collect();
        persons.sort();
        persons.dedup();
        let event = self.event(
            actor,
            AuditAction::ReadHolds,
            None,
            None,
            "register blokkades",
        );
        let question = sealed::Question::Duty(zorgkluis_core::decide::DutyRequest {
            supervised: actor.supervised,
            ..zorgkluis_core::decide::DutyRequest::new(&actor.role, Duty::PlaceHold)
        });
        let (permit, _) = self.authorize(question, event).await?;
        let receipt =
            sealed::commit(&self.inner.writer, permit.showing(persons), Vec::new()).await?;
        let mut out = Vec::with_capacity(stored.len());
        for s in stored {
            let mut hold = s.hold;
            // A person erased since has no key: the reason is gone with it.
            if let Ok(key) = self.data_key(&hold.person_id).await {
                let plain = s.reason.open(&key, &receipt)?;
                hold.reason = Some(String::from_utf8_lossy(&plain).into_owned());
            }
            out.push(hold);
        }
        Ok(out)
    }

    /// The holds of the organisation (of one person), reasons sealed, newest first.
    pub(crate) async fn stored_holds(
        &self,
        person: Option<&str>,
    ) -> Result<Vec<StoredHold>, StoreError> {
        let rows = match person {
            Some(p) => sqlx::query(sqlx::AssertSqlSafe(format!(
                "SELECT {HOLD_COLUMNS} FROM legal_holds WHERE tenant_id = $1 AND person_id = $2 \
                     ORDER BY placed_at DESC, id DESC"
            )))
            .bind(&self.inner.tenant)
            .bind(p)
            .fetch_all(&*self.inner.pool)
            .await?,
            None => {
                sqlx::query(sqlx::AssertSqlSafe(format!(
                    "SELECT {HOLD_COLUMNS} FROM legal_holds WHERE tenant_id = $1 \
                     ORDER BY placed_at DESC, id DESC"
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
            let kind_id: String = r.try_get(3)?;
            let kind = HoldKind::from_id(&kind_id).ok_or_else(|| StoreError::Invalid {
                field: "kind",
                message: format!("stored hold kind `{kind_id}`"),
            })?;
            let reason = Sealed::new(
                r.try_get(4)?,
                &self.inner.tenant,
                &person_id,
                SealedKind::HoldReason { id: id.clone() },
            );
            let starts: String = r.try_get(8)?;
            out.push(StoredHold {
                hold: Hold {
                    id,
                    person_id,
                    category: r.try_get(2)?,
                    kind,
                    law: kind.law(),
                    reason: None,
                    placed_by: r.try_get(5)?,
                    placed_role: r.try_get(6)?,
                    placed_at: r.try_get(7)?,
                    starts_on: date("starts_on", &starts)?,
                    ends_on: opt_date("ends_on", r.try_get(9)?)?,
                    review_on: opt_date("review_on", r.try_get(10)?)?,
                    released_at: r.try_get(11)?,
                    released_by: r.try_get(12)?,
                },
                reason,
            });
        }
        Ok(out)
    }

    /// The holds that stand on `day` (without their reasons): for plans, runs and erasure.
    pub(crate) async fn standing_holds(
        &self,
        person: Option<&str>,
        day: Date,
    ) -> Result<Vec<Hold>, StoreError> {
        Ok(self
            .stored_holds(person)
            .await?
            .into_iter()
            .map(|s| s.hold)
            .filter(|h| h.stands_on(day))
            .collect())
    }
}
