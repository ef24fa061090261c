//! Portal accounts: the login the organisation issues to a client or a representative, a
//! user of kind `portaal` linked to the registered person, in the product's role `portaal`
//! (never staff). Issuing and revoking are account changes (`manage_accounts`), decided and
//! logged with the login name as the event's object and the person as its subject.

use serde::Serialize;
use sqlx::Row as _;
use zorgkluis_core::decide::PORTAL_ROLE;

use super::{Accounts, check_password, hash_password};
use crate::audit::AuditAction;
use crate::sealed;
use crate::vault::{Actor, VaultError};
use crate::writer::{Arg, Stmt};

/// A portal account just issued: its login name and its initial password, shown once (only
/// its hash is stored).
#[derive(Debug, Clone, Serialize)]
pub struct IssuedPortalAccount {
    pub login: String,
    pub person_id: String,
    pub initial_password: String,
}

/// Letters and digits that cannot be mistaken for each other on paper.
const READABLE: &[u8] = b"abcdefghjkmnpqrstuvwxyz23456789";

fn readable(bytes: &[u8]) -> String {
    bytes
        .iter()
        .map(|b| READABLE[usize::from(*b) % READABLE.len()] as char)
        .collect()
}

impl Accounts {
    /// Issues a portal account to the registered person `person`: a new login name and an
    /// initial password, which the organisation hands over (no DigiD here). One live account
    /// per person: a second issue while one is live is a conflict.
    pub async fn issue_portal(
        &self,
        actor: &Actor,
        person: &str,
    ) -> Result<IssuedPortalAccount, VaultError> {
        let live = sqlx::query("SELECT erased_at FROM persons WHERE tenant_id = $1 AND id = $2")
            .bind(&self.inner.tenant)
            .bind(person)
            .fetch_optional(&*self.inner.pool)
            .await?;
        match live {
            None => return Err(VaultError::NotFound(format!("person {person}"))),
            Some(r) if r.try_get::<Option<String>, _>(0)?.is_some() => {
                return Err(VaultError::Erased(person.to_owned()));
            }
            Some(_) => {}
        }
        if let Some(login) = self.live_portal_account(person).await? {
            return Err(VaultError::Conflict {
                field: "person",
                message: format!("the person has a portal account already ({login})"),
            });
        }
        let login = format!("portaal-{}", readable(&sealed::random::<8>()?));
        let password = loop {
            let bytes = sealed::random::<16>()?;
            let p = readable(&bytes);
            let p = format!("{}-{}-{}-{}", &p[..4], &p[4..8], &p[8..12], &p[12..]);
            if check_password(&login, &p).is_ok() {
                break p;
            }
        };
        let permit = self
            .authorize_account_change(actor, AuditAction::PortalIssue, &login)
            .await?
            .showing(vec![person.to_owned()]);
        let hash = hash_password(&password).await?;
        let stmt = Stmt::new(
            "INSERT INTO users (tenant_id, id, role, password_hash, supervised, created_at, kind, person_id) \
             VALUES ($1, $2, $3, $4, 0, $5, 'portaal', $6)",
            vec![
                Arg::Text(self.inner.tenant.clone()),
                Arg::Text(login.clone()),
                Arg::Text(PORTAL_ROLE.to_owned()),
                Arg::Text(hash),
                Arg::Text(crate::clock::now()),
                Arg::Text(person.to_owned()),
            ],
        );
        match sealed::commit(&self.inner.writer, permit, vec![stmt]).await {
            Ok(_) => {}
            Err(e) if e.is_duplicate() => {
                return Err(VaultError::Conflict {
                    field: "person",
                    message: "the person has a portal account already".into(),
                });
            }
            Err(e) => return Err(e.into()),
        }
        Ok(IssuedPortalAccount {
            login,
            person_id: person.to_owned(),
            initial_password: password,
        })
    }

    /// Revokes the live portal account of `person`: it can no longer log in and its sessions
    /// end at once. The account stays, disabled, so that the log keeps meaning one holder by
    /// one id. Returns its login name.
    pub async fn revoke_portal(&self, actor: &Actor, person: &str) -> Result<String, VaultError> {
        let Some(login) = self.live_portal_account(person).await? else {
            return Err(VaultError::NotFound(format!(
                "a live portal account of person {person}"
            )));
        };
        let permit = self
            .authorize_account_change(actor, AuditAction::PortalRevoke, &login)
            .await?
            .showing(vec![person.to_owned()]);
        let mut stmts = vec![Stmt::must_change(
            "UPDATE users SET disabled_at = $1 WHERE tenant_id = $2 AND id = $3 AND disabled_at IS NULL",
            vec![
                Arg::Text(crate::clock::now()),
                Arg::Text(self.inner.tenant.clone()),
                Arg::Text(login.clone()),
            ],
        )];
        stmts.extend(self.end_access(&login));
        match sealed::commit(&self.inner.writer, permit, stmts).await {
            Ok(_) => Ok(login),
            Err(crate::StoreError::NotFound(_)) => Err(VaultError::NotFound(format!(
                "a live portal account of person {person}"
            ))),
            Err(e) => Err(e.into()),
        }
    }

    /// The login name of `person`'s live portal account, if he has one.
    pub async fn live_portal_account(&self, person: &str) -> Result<Option<String>, VaultError> {
        let row = sqlx::query(
            "SELECT id FROM users WHERE tenant_id = $1 AND person_id = $2 AND kind = 'portaal' \
             AND disabled_at IS NULL",
        )
        .bind(&self.inner.tenant)
        .bind(person)
        .fetch_optional(&*self.inner.pool)
        .await?;
        Ok(match row {
            Some(r) => Some(r.try_get(0)?),
            None => None,
        })
    }
}
