//! API tokens of other systems (an ECD, an intake form, billing): each acts in one role. Only
//! the SHA-256 of a token is stored; the token itself is shown once, when it is made.

use serde::Serialize;
use zorgkluis_core::vocabulary::Duty;

use super::{Accounts, check_id, secret};
use crate::StoreError;
use crate::audit::AuditAction;
use crate::db::{Columns, HotArg};
use crate::keys::sha256;
use crate::sealed;
use crate::vault::{Actor, VaultError};
use crate::writer::{Arg, Stmt};

/// An API token as `token list` shows it.
#[derive(Debug, Clone, Serialize)]
pub struct TokenInfo {
    pub name: String,
    pub role: String,
    pub created_at: String,
    pub revoked_at: Option<String>,
    /// When it stops standing for anyone (RFC 3339, UTC); none: until revoked.
    pub expires_at: Option<String>,
}

impl Accounts {
    /// Makes an API token for another system, acting in `role`. Returns the token: it is shown
    /// once, only its hash is kept.
    pub async fn create_token(
        &self,
        actor: &Actor,
        name: &str,
        role: &str,
    ) -> Result<String, VaultError> {
        self.create_token_until(actor, name, role, None).await
    }

    /// [`Accounts::create_token`] for a token that expires at `expires` (which must be in the
    /// future): after it the token stands for nobody, as if revoked.
    pub async fn create_token_until(
        &self,
        actor: &Actor,
        name: &str,
        role: &str,
        expires: Option<jiff::Timestamp>,
    ) -> Result<String, VaultError> {
        check_id("name", name)?;
        if expires.is_some_and(|at| at <= jiff::Timestamp::now()) {
            return Err(VaultError::Invalid {
                field: "expires",
                message: "in the future".into(),
            });
        }
        let vault = self.vault();
        vault.check_role(role)?;
        let permit = self
            .authorize_account_change(actor, AuditAction::TokenCreate, name)
            .await?;
        let exists = sqlx::query("SELECT 1 FROM api_tokens WHERE tenant_id = $1 AND name = $2")
            .bind(&self.inner.tenant)
            .bind(name)
            .fetch_optional(&*self.inner.pool)
            .await?;
        if exists.is_some() {
            return Err(VaultError::Conflict {
                field: "name",
                message: "a token with this name exists".into(),
            });
        }
        let token = format!("zk_{}", secret()?);
        let stmt = Stmt::new(
            "INSERT INTO api_tokens (tenant_id, name, role, token_hash, created_at, expires_at) VALUES ($1, $2, $3, $4, $5, $6)",
            vec![
                Arg::Text(self.inner.tenant.clone()),
                Arg::Text(name.to_owned()),
                Arg::Text(role.to_owned()),
                Arg::Blob(sha256(&[token.as_bytes()]).to_vec()),
                Arg::Text(crate::clock::now()),
                Arg::OptText(expires.map(|at| at.to_string())),
            ],
        );
        match sealed::commit(&self.inner.writer, permit, vec![stmt]).await {
            Ok(_) => Ok(token),
            // Made meanwhile by another process: the primary key refuses the second.
            Err(e) if e.is_duplicate() => Err(VaultError::Conflict {
                field: "name",
                message: "a token with this name exists".into(),
            }),
            Err(e) => Err(e.into()),
        }
    }

    /// Revokes the API token `name`: from now on it stands for nobody. Logged.
    pub async fn revoke_token(&self, actor: &Actor, name: &str) -> Result<(), VaultError> {
        check_id("name", name)?;
        let permit = self
            .authorize_account_change(actor, AuditAction::TokenRevoke, name)
            .await?;
        let stmt = Stmt::must_change(
            "UPDATE api_tokens SET revoked_at = $1 WHERE tenant_id = $2 AND name = $3 AND revoked_at IS NULL",
            vec![
                Arg::Text(crate::clock::now()),
                Arg::Text(self.inner.tenant.clone()),
                Arg::Text(name.to_owned()),
            ],
        );
        match sealed::commit(&self.inner.writer, permit, vec![stmt]).await {
            Ok(_) => Ok(()),
            Err(StoreError::NotFound(_)) => Err(VaultError::NotFound(format!(
                "token {name} (or it is revoked already)"
            ))),
            Err(e) => Err(e.into()),
        }
    }

    /// The API tokens: name, role, made, revoked. Never the tokens themselves (only their
    /// hashes are stored). A duty of whoever manages accounts; reading the list writes nothing.
    pub async fn tokens(&self, actor: &Actor) -> Result<Vec<TokenInfo>, VaultError> {
        // Reading the list writes nothing; a refusal is logged.
        let vault = self.vault();
        if !vault.may(actor, Duty::ManageAccounts) {
            vault
                .authorize_duty(
                    actor,
                    Duty::ManageAccounts,
                    false,
                    AuditAction::TokenList,
                    None,
                    "beheer",
                )
                .await?;
        }
        let rows = sqlx::query(
            "SELECT name, role, created_at, revoked_at, expires_at FROM api_tokens WHERE tenant_id = $1 ORDER BY name",
        )
        .bind(&self.inner.tenant)
        .fetch_all(&*self.inner.pool)
        .await?;
        rows.iter()
            .map(|r| {
                Ok(TokenInfo {
                    name: r.text(0)?,
                    role: r.text(1)?,
                    created_at: r.text(2)?,
                    revoked_at: r.opt_text(3)?,
                    expires_at: r.opt_text(4)?,
                })
            })
            .collect()
    }

    /// The actor an API token stands for, if it is valid. On the hot path of every API
    /// request: one keyed lookup, stepped in place on SQLite.
    pub async fn actor_for_token(
        &self,
        token: &str,
        source: &str,
    ) -> Result<Option<Actor>, VaultError> {
        let hash = sha256(&[token.as_bytes()]);
        let mut found = None;
        self.inner
            .pool
            .hot_query(
                "SELECT name, role, expires_at FROM api_tokens WHERE tenant_id = $1 AND token_hash = $2 AND revoked_at IS NULL",
                &[HotArg::Text(&self.inner.tenant), HotArg::Blob(&hash)],
                |r| {
                    found = Some((r.text(0)?, r.text(1)?, r.opt_text(2)?));
                    Ok(())
                },
            )
            .await?;
        // An expired token stands for nobody, as does one whose expiry cannot be read.
        let found = found.and_then(|(user_id, role, expires)| {
            let valid = match expires {
                None => true,
                Some(at) => at
                    .parse::<jiff::Timestamp>()
                    .is_ok_and(|at| jiff::Timestamp::now() < at),
            };
            valid.then_some((user_id, role))
        });
        Ok(found.map(|(user_id, role)| Actor {
            user_id,
            role,
            on_behalf_of: None,
            source: source.to_owned(),
            supervised: false,
        }))
    }
}
