//! Care teams: who is in a client's care team, from when until when. The care relationship is
//! the deciding fact for reading health data, so changing it is itself decided (the
//! reglement's `manage_care_team` rule) and logged, with the staff member as the event's
//! object; the staff member must have an account.

use jiff::civil::Date;
use zorgkluis_core::vocabulary::Duty;

use super::{Actor, Vault, VaultError};
use crate::StoreError;
use crate::audit::AuditAction;
use crate::sealed;
use crate::writer::{Arg, Stmt};

impl Vault {
    /// A staff member's user id must name an account of this organisation: it goes into the
    /// audit chain, which keeps ids, never free text.
    pub(super) async fn check_staff(&self, user: &str) -> Result<(), VaultError> {
        let found = sqlx::query("SELECT 1 FROM users WHERE tenant_id = $1 AND id = $2")
            .bind(&self.inner.tenant)
            .bind(user)
            .fetch_optional(&*self.inner.pool)
            .await?;
        match found {
            Some(_) => Ok(()),
            None => Err(VaultError::Invalid {
                field: "user",
                message: "no staff account with this id".into(),
            }),
        }
    }

    /// The statement that puts `user` in `person`'s care team from `from` until `until`.
    pub(super) fn care_statement(
        &self,
        user: &str,
        person: &str,
        from: Date,
        until: Option<Date>,
    ) -> Stmt {
        Stmt::new(
            "INSERT INTO care_relationships (tenant_id, user_id, person_id, valid_from, valid_until) VALUES ($1, $2, $3, $4, $5)",
            vec![
                Arg::Text(self.inner.tenant.clone()),
                Arg::Text(user.to_owned()),
                Arg::Text(person.to_owned()),
                Arg::Text(from.to_string()),
                Arg::OptText(until.map(|d| d.to_string())),
            ],
        )
    }

    /// Makes `user` part of `person`'s care team from `from` until `until` (inclusive).
    pub async fn assign_care(
        &self,
        actor: &Actor,
        user: &str,
        person: &str,
        from: Date,
        until: Option<Date>,
    ) -> Result<(), VaultError> {
        if until.is_some_and(|u| u < from) {
            return Err(VaultError::Invalid {
                field: "until",
                message: "before from".into(),
            });
        }
        // The person must exist (and not be erased): the key is there. Asked first, so that an
        // id that names no one is not logged.
        self.wrapped_key(person).await?;
        let permit = self
            .authorize_duty(
                actor,
                Duty::ManageCareTeam,
                false,
                AuditAction::AssignCare,
                Some(person),
                "zorgrelatie",
            )
            .await?;
        self.check_staff(user).await?;
        let permit = permit.with_object(user);
        let stmt = self.care_statement(user, person, from, until);
        match sealed::commit(&self.inner.writer, permit, vec![stmt]).await {
            Ok(_) => Ok(()),
            Err(e) if e.is_duplicate() => Err(VaultError::Conflict {
                field: "from",
                message: format!("{user} is in this care team from this date already"),
            }),
            Err(e) => Err(e.into()),
        }
    }

    /// Ends `user`'s care relationship with `person` on `on` (inclusive): open relations get
    /// that end date. History is kept.
    pub async fn end_care(
        &self,
        actor: &Actor,
        user: &str,
        person: &str,
        on: Date,
    ) -> Result<(), VaultError> {
        self.known_person(person).await?;
        let permit = self
            .authorize_duty(
                actor,
                Duty::ManageCareTeam,
                false,
                AuditAction::EndCare,
                Some(person),
                "zorgrelatie",
            )
            .await?;
        self.check_staff(user).await?;
        let permit = permit.with_object(user);
        let stmt = Stmt::must_change(
            "UPDATE care_relationships SET valid_until = $4 WHERE tenant_id = $1 AND user_id = $2 AND person_id = $3 \
             AND valid_until IS NULL AND valid_from <= $4",
            vec![
                Arg::Text(self.inner.tenant.clone()),
                Arg::Text(user.to_owned()),
                Arg::Text(person.to_owned()),
                Arg::Text(on.to_string()),
            ],
        );
        match sealed::commit(&self.inner.writer, permit, vec![stmt]).await {
            Ok(_) => Ok(()),
            Err(StoreError::NotFound(_)) => Err(VaultError::NotFound(format!(
                "an open care relationship of {user}"
            ))),
            Err(e) => Err(e.into()),
        }
    }
}
