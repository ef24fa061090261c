//! The do-not-contact register (Aliantus: "Om bij te houden wie we wel en niet mogen benaderen
//! (register niet-benaderen)"; issue 14 part 4). A person who asked not to be approached for
//! newsletters, satisfaction surveys or fundraising, or for anything outside their care, is
//! put on it; whoever plans such contact checks it first. Asking not to be approached is an
//! objection to direct marketing, which the AVG makes absolute (art. 21 lid 2 en 3): no
//! balancing, no exception.
//!
//! Putting someone on it and taking them off is a change of their contact data (decided as a
//! write of the category `contact`, logged); the check and the list are the duty
//! `check_contact`, which the product gives its own role (the mailing system's integration)
//! and a reglement may give a role. The check answers yes or no and why, never contact data.

use jiff::civil::Date;
use serde::Serialize;
use sqlx::Row as _;
use zorgkluis_core::vocabulary::{Action, ContactPurpose, Duty};

use super::{Actor, Vault, VaultError};
use crate::StoreError;
use crate::audit::AuditAction;
use crate::sealed;
use crate::writer::{Arg, Stmt};

/// The law an entry rests on.
pub const DO_NOT_CONTACT_ARTICLE: &str = "AVG art. 21 lid 2 en 3";

/// The category a do-not-contact entry changes: the person's contact data.
const CONTACT_CATEGORY: &str = "contact";

/// An entry of the register.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct DoNotContact {
    pub id: String,
    pub person_id: String,
    /// None: any contact outside the care.
    pub purpose: Option<ContactPurpose>,
    /// The day the person asked.
    pub asked_on: Date,
    pub recorded_by: String,
    pub recorded_at: String,
    /// When the person asked to be approached again.
    pub ended_at: Option<String>,
    pub ended_by: Option<String>,
}

impl DoNotContact {
    fn stands_for(&self, purpose: ContactPurpose, day: Date) -> bool {
        self.ended_at.is_none() && self.asked_on <= day && self.purpose.is_none_or(|p| p == purpose)
    }
}

/// The answer of a check.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct ContactCheck {
    pub person_id: String,
    pub purpose: ContactPurpose,
    /// Whether the register lets the person be approached for the purpose.
    pub allowed: bool,
    /// The entry that says no, if one does.
    pub entry: Option<String>,
    pub asked_on: Option<Date>,
    pub articles: Vec<String>,
}

const COLUMNS: &str =
    "id, person_id, purpose, asked_on, recorded_by, recorded_at, ended_at, ended_by";

impl Vault {
    /// Puts `person` on the register for `purpose` (all when none), from `asked_on` (not in the
    /// future); returns the entry's id. Refused while the same entry stands.
    pub async fn block_contact(
        &self,
        actor: &Actor,
        person: &str,
        purpose: Option<ContactPurpose>,
        asked_on: Date,
    ) -> Result<String, VaultError> {
        if asked_on > crate::clock::today() {
            return Err(VaultError::Invalid {
                field: "asked_on",
                message: format!("{asked_on} is in the future"),
            });
        }
        self.known_person(person).await?;
        if let Some(e) = self
            .stored_do_not_contact(Some(person))
            .await?
            .into_iter()
            .find(|e| e.ended_at.is_none() && e.purpose == purpose)
        {
            return Err(VaultError::Conflict {
                field: "purpose",
                message: format!("entry {} stands already", e.id),
            });
        }
        let id = uuid::Uuid::now_v7().to_string();
        let (permit, _) = self
            .authorize_change_as(
                actor,
                Action::Write,
                AuditAction::ContactBlock,
                person,
                CONTACT_CATEGORY,
                "register niet-benaderen",
            )
            .await?;
        let permit = permit
            .citing(&[DO_NOT_CONTACT_ARTICLE.to_owned()])
            .with_object(&id);
        let stmt = Stmt::new(
            "INSERT INTO do_not_contact (tenant_id, id, person_id, purpose, asked_on, recorded_by, \
             recorded_role, recorded_at) VALUES ($1, $2, $3, $4, $5, $6, $7, $8)",
            vec![
                Arg::Text(self.inner.tenant.clone()),
                Arg::Text(id.clone()),
                Arg::Text(person.to_owned()),
                Arg::OptText(purpose.map(|p| p.id().to_owned())),
                Arg::Text(asked_on.to_string()),
                Arg::Text(actor.user_id.clone()),
                Arg::Text(actor.role.clone()),
                Arg::Text(crate::clock::now()),
            ],
        );
        sealed::commit(&self.inner.writer, permit, vec![stmt]).await?;
        Ok(id)
    }

    /// Takes an entry off the register: the person asked to be approached again.
    pub async fn unblock_contact(&self, actor: &Actor, id: &str) -> Result<(), VaultError> {
        let found = self
            .stored_do_not_contact(None)
            .await?
            .into_iter()
            .find(|e| e.id == id)
            .ok_or_else(|| VaultError::NotFound(format!("do-not-contact entry {id}")))?;
        if found.ended_at.is_some() {
            return Err(VaultError::Conflict {
                field: "entry",
                message: format!("entry {id} has ended already"),
            });
        }
        let (permit, _) = self
            .authorize_change_as(
                actor,
                Action::Write,
                AuditAction::ContactUnblock,
                &found.person_id,
                CONTACT_CATEGORY,
                "register niet-benaderen",
            )
            .await?;
        let stmt = Stmt::must_change(
            "UPDATE do_not_contact SET ended_at = $3, ended_by = $4 \
             WHERE tenant_id = $1 AND id = $2 AND ended_at IS NULL",
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

    /// Whether `person` may be approached for `purpose` today, as the register says (decided as
    /// `check_contact`, logged with the person as its subject).
    pub async fn contact_check(
        &self,
        actor: &Actor,
        person: &str,
        purpose: ContactPurpose,
    ) -> Result<ContactCheck, VaultError> {
        self.known_person(person).await?;
        let permit = self
            .authorize_duty(
                actor,
                Duty::CheckContact,
                false,
                AuditAction::ContactCheck,
                Some(person),
                purpose.id(),
            )
            .await?
            .citing(&[DO_NOT_CONTACT_ARTICLE.to_owned()]);
        sealed::commit(&self.inner.writer, permit, Vec::new()).await?;
        let today = crate::clock::today();
        let blocking = self
            .stored_do_not_contact(Some(person))
            .await?
            .into_iter()
            .find(|e| e.stands_for(purpose, today));
        Ok(ContactCheck {
            person_id: person.to_owned(),
            purpose,
            allowed: blocking.is_none(),
            asked_on: blocking.as_ref().map(|e| e.asked_on),
            entry: blocking.map(|e| e.id),
            articles: vec![DO_NOT_CONTACT_ARTICLE.to_owned()],
        })
    }

    /// The standing entries (with `ended`, also the ended ones), newest first: ids, purposes
    /// and dates (decided as `check_contact`, logged with the persons as its subjects).
    pub async fn do_not_contact_register(
        &self,
        actor: &Actor,
        ended: bool,
    ) -> Result<Vec<DoNotContact>, VaultError> {
        let entries: Vec<DoNotContact> = self
            .stored_do_not_contact(None)
            .await?
            .into_iter()
            .filter(|e| ended || e.ended_at.is_none())
            .collect();
        let mut persons: Vec<String> = entries.iter().map(|e| e.person_id.clone()).collect();
        persons.sort();
        persons.dedup();
        let permit = self
            .authorize_duty(
                actor,
                Duty::CheckContact,
                false,
                AuditAction::ContactList,
                None,
                "register niet-benaderen",
            )
            .await?;
        sealed::commit(&self.inner.writer, permit.showing(persons), Vec::new()).await?;
        Ok(entries)
    }

    async fn stored_do_not_contact(
        &self,
        person: Option<&str>,
    ) -> Result<Vec<DoNotContact>, StoreError> {
        let rows =
            match person {
                Some(p) => sqlx::query(sqlx::AssertSqlSafe(format!(
                    "SELECT {COLUMNS} FROM do_not_contact WHERE tenant_id = $1 AND person_id = $2 \
                 ORDER BY recorded_at DESC, id DESC"
                )))
                .bind(&self.inner.tenant)
                .bind(p)
                .fetch_all(&*self.inner.pool)
                .await?,
                None => {
                    sqlx::query(sqlx::AssertSqlSafe(format!(
                        "SELECT {COLUMNS} FROM do_not_contact WHERE tenant_id = $1 \
                 ORDER BY recorded_at DESC, id DESC"
                    )))
                    .bind(&self.inner.tenant)
                    .fetch_all(&*self.inner.pool)
                    .await?
                }
            };
        let mut out = Vec::with_capacity(rows.len());
        for r in rows {
            let purpose: Option<String> = r.try_get(2)?;
            let purpose = purpose
                .map(|p| {
                    ContactPurpose::from_id(&p).ok_or_else(|| StoreError::Invalid {
                        field: "purpose",
                        message: format!("stored purpose `{p}`"),
                    })
                })
                .transpose()?;
            let asked: String = r.try_get(3)?;
            out.push(DoNotContact {
                id: r.try_get(0)?,
                person_id: r.try_get(1)?,
                purpose,
                asked_on: asked.parse().map_err(|_| StoreError::Invalid {
                    field: "asked_on",
                    message: format!("stored date `{asked}`"),
                })?,
                recorded_by: r.try_get(4)?,
                recorded_at: r.try_get(5)?,
                ended_at: r.try_get(6)?,
                ended_by: r.try_get(7)?,
            });
        }
        Ok(out)
    }
}
