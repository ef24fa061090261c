//! The second factor of staff accounts: a time-based one-time code (TOTP, RFC 6238) from an
//! authenticator app, asked after the password.
//!
//! Which accounts need one follows from the reglement: a role it marks (`tweede_factor = true`
//! under `[[rollen]]`), and, as the product's own floor, every role that may read the audit
//! log or review emergency accesses (NEN 7513 asks that access to the log itself be protected;
//! the FG's password alone should not open everyone's access history). An account that has a
//! secret is always asked for its code, whatever its role.
//!
//! The secret is sealed under a key derived from the root secret in the key file, bound to
//! the tenant and account, so a copy of the database alone cannot make codes. A code counts
//! once: the time step it belongs to is stored, and a code of that step or an earlier one is
//! refused (RFC 6238 section 5.2). Every check, enrolment and removal is in the audit chain.

use sqlx::Row as _;
use totp_rs::{Builder, Secret, Totp};
use zorgkluis_core::vocabulary::Duty;

use super::{Accounts, Session};
use crate::StoreError;
use crate::audit::{AuditAction, Outcome};
use crate::sealed::{self, Unpermitted};
use crate::vault::{Actor, Vault, VaultError};
use crate::writer::{Arg, Stmt};

/// Seconds per code (RFC 6238's default, what every authenticator app assumes).
pub const STEP_SECONDS: u64 = 30;

/// Where a session stands with the second factor.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum SecondFactor {
    /// The role needs none and the account has none: the password was enough.
    NotRequired,
    /// The code was given in this session.
    Verified,
    /// The account has a secret and the code has not been given yet: the session opens
    /// nothing but the page that asks for it.
    CodeNeeded,
    /// The role needs a second factor and the account has none yet: the session opens
    /// nothing but the page that sets one up.
    EnrolmentNeeded,
}

impl SecondFactor {
    /// Whether a session in this state may act.
    pub fn complete(self) -> bool {
        matches!(self, SecondFactor::NotRequired | SecondFactor::Verified)
    }

    pub(crate) fn of(required: bool, enrolled: bool, verified: bool) -> SecondFactor {
        match (enrolled, verified, required) {
            (true, true, _) => SecondFactor::Verified,
            (true, false, _) => SecondFactor::CodeNeeded,
            (false, _, true) => SecondFactor::EnrolmentNeeded,
            (false, _, false) => SecondFactor::NotRequired,
        }
    }
}

/// A new secret, to be put into an authenticator app: by its `otpauth://` address (as a QR
/// code) or by typing the secret itself.
#[derive(Debug, Clone)]
pub struct Enrolment {
    /// The secret in base32, as apps take it when typed.
    pub secret: String,
    /// `otpauth://totp/...`, what a QR code carries.
    pub uri: String,
}

fn totp(secret: &[u8], account: &str) -> Result<Totp, StoreError> {
    Builder::new()
        .with_secret(secret)
        .with_step_duration(STEP_SECONDS)
        .with_skew(1)
        .with_issuer(Some("zorgkluis"))
        .with_account_name(account)
        .build()
        .map_err(|e| StoreError::Crypto(format!("second factor: {e}")))
}

fn now_seconds() -> u64 {
    u64::try_from(jiff::Timestamp::now().as_second()).unwrap_or(0)
}

fn new_enrolment(account: &str) -> Result<(Vec<u8>, Enrolment), StoreError> {
    // 160 bits, as RFC 4226 section 4 recommends.
    let raw = sealed::random::<20>()?.to_vec();
    let t = totp(&raw, account)?;
    let uri = t
        .to_url()
        .map_err(|e| StoreError::Crypto(format!("second factor: {e}")))?;
    let secret = Secret::from(raw.clone()).to_base32();
    Ok((raw, Enrolment { secret, uri }))
}

/// The code an authenticator app shows now for a base32 `secret` (the demo and tests log in
/// with it; it is no secret to whoever holds the secret).
pub fn current_code(secret: &str) -> Result<String, VaultError> {
    code_at(secret, now_seconds())
}

/// The code for a base32 `secret` at `unix_seconds`.
pub fn code_at(secret: &str, unix_seconds: u64) -> Result<String, VaultError> {
    let bytes = Secret::try_from_base32(secret.trim()).map_err(|_| VaultError::Invalid {
        field: "secret",
        message: "not a base32 secret".into(),
    })?;
    let t = totp(bytes.as_bytes(), "code")?;
    Ok(t.generate(unix_seconds).to_string())
}

/// A code as typed: six digits, spaces allowed between them.
fn plain_code(code: &str) -> Option<String> {
    let digits: String = code.chars().filter(|c| !c.is_whitespace()).collect();
    (digits.len() == 6 && digits.chars().all(|c| c.is_ascii_digit())).then_some(digits)
}

impl Vault {
    /// Whether staff in `role` must log in with a second factor: the reglement marks the role,
    /// or the role may read the audit log or review emergency accesses (the product's floor).
    pub fn second_factor_required(&self, role: &str) -> bool {
        let marked = self
            .inner
            .reglement
            .file
            .roles
            .iter()
            .any(|r| r.id.get_ref() == role && r.second_factor);
        let probe = Actor {
            user_id: String::new(),
            role: role.to_owned(),
            on_behalf_of: None,
            source: String::new(),
            supervised: false,
        };
        marked || self.may(&probe, Duty::ReadAudit) || self.may(&probe, Duty::ReviewEmergency)
    }
}

impl Accounts {
    async fn account_key(&self) -> Result<zeroize::Zeroizing<[u8; 32]>, StoreError> {
        self.inner.keys.read().await.account_secret_key()
    }

    /// Gives staff account `id` a new second-factor secret, replacing any it had, and ends its
    /// sessions: an administrator issuing the secret (or replacing a lost phone). Decided
    /// (`manage_accounts`) and logged with the account as the event's object.
    pub async fn provision_second_factor(
        &self,
        actor: &Actor,
        id: &str,
    ) -> Result<Enrolment, VaultError> {
        self.known_user(id).await?;
        let permit = self
            .authorize_account_change(actor, AuditAction::UserSecondFactor, id)
            .await?;
        let (raw, enrolment) = new_enrolment(id)?;
        let sealed_secret =
            sealed::seal_account_secret(&*self.account_key().await?, &self.inner.tenant, id, &raw)?;
        let mut stmts = vec![Stmt::must_change(
            "UPDATE users SET totp_secret = $1, totp_last_step = 0 WHERE tenant_id = $2 AND id = $3",
            vec![
                Arg::Blob(sealed_secret),
                Arg::Text(self.inner.tenant.clone()),
                Arg::Text(id.to_owned()),
            ],
        )];
        stmts.push(self.end_sessions(id));
        sealed::commit(&self.inner.writer, permit, stmts).await?;
        Ok(enrolment)
    }

    /// Takes the second factor away from staff account `id` (a lost phone; the role may then
    /// have to set up a new one at the next login) and ends its sessions. Decided
    /// (`manage_accounts`) and logged.
    pub async fn remove_second_factor(&self, actor: &Actor, id: &str) -> Result<(), VaultError> {
        self.known_user(id).await?;
        let permit = self
            .authorize_account_change(actor, AuditAction::UserSecondFactor, id)
            .await?;
        let stmts = vec![
            Stmt::must_change(
                "UPDATE users SET totp_secret = NULL, totp_last_step = 0 WHERE tenant_id = $1 AND id = $2",
                vec![
                    Arg::Text(self.inner.tenant.clone()),
                    Arg::Text(id.to_owned()),
                ],
            ),
            self.end_sessions(id),
        ];
        sealed::commit(&self.inner.writer, permit, stmts).await?;
        Ok(())
    }

    fn end_sessions(&self, id: &str) -> Stmt {
        Stmt::new(
            "DELETE FROM sessions WHERE tenant_id = $1 AND user_id = $2",
            vec![
                Arg::Text(self.inner.tenant.clone()),
                Arg::Text(id.to_owned()),
            ],
        )
    }

    /// Checks the code of a session that has given its password: on success the session is
    /// complete. A wrong code, a code used before, or a session that needs no code is `false`.
    /// Every attempt is logged.
    pub async fn verify_code(&self, session: &Session, code: &str) -> Result<bool, VaultError> {
        let user = &session.actor.user_id;
        let row = sqlx::query(
            "SELECT totp_secret, totp_last_step FROM users WHERE tenant_id = $1 AND id = $2 AND disabled_at IS NULL",
        )
        .bind(&self.inner.tenant)
        .bind(user)
        .fetch_optional(&*self.inner.pool)
        .await?;
        let stored = match row {
            Some(r) => {
                let secret: Option<Vec<u8>> = r.try_get(0)?;
                secret.map(|s| Ok::<_, sqlx::Error>((s, r.try_get::<i64, _>(1)?)))
            }
            None => None,
        };
        let step = match (stored.transpose()?, plain_code(code)) {
            (Some((sealed_secret, last)), Some(code)) => {
                let raw = sealed::open_account_secret(
                    &*self.account_key().await?,
                    &self.inner.tenant,
                    user,
                    &sealed_secret,
                )?;
                totp(&raw, user)?
                    .check(&code, now_seconds())
                    .and_then(|s| i64::try_from(s).ok())
                    .filter(|&s| s > last)
            }
            _ => None,
        };
        let Some(step) = step else {
            self.record_code(session, Outcome::Denied, Vec::new())
                .await?;
            return Ok(false);
        };
        let stmts = vec![
            // Only if no later code was accepted meanwhile (two tabs, one code).
            Stmt::must_change(
                "UPDATE users SET totp_last_step = $1 WHERE tenant_id = $2 AND id = $3 AND totp_last_step < $1",
                vec![
                    Arg::Int(step),
                    Arg::Text(self.inner.tenant.clone()),
                    Arg::Text(user.clone()),
                ],
            ),
            self.mark_session_verified(session),
        ];
        match self.record_code(session, Outcome::Allowed, stmts).await {
            Ok(()) => Ok(true),
            Err(VaultError::NotFound(_)) => {
                self.record_code(session, Outcome::Denied, Vec::new())
                    .await?;
                Ok(false)
            }
            Err(e) => Err(e),
        }
    }

    fn mark_session_verified(&self, session: &Session) -> Stmt {
        Stmt::must_change(
            "UPDATE sessions SET second_factor_at = $1, totp_pending = NULL WHERE tenant_id = $2 AND token_hash = $3",
            vec![
                Arg::Int(jiff::Timestamp::now().as_second()),
                Arg::Text(self.inner.tenant.clone()),
                Arg::Blob(crate::keys::sha256(&[session.token.as_bytes()]).to_vec()),
            ],
        )
    }

    async fn record_code(
        &self,
        session: &Session,
        outcome: Outcome,
        stmts: Vec<Stmt>,
    ) -> Result<(), VaultError> {
        let mut event = self.vault().event(
            &session.actor,
            AuditAction::LoginCode,
            None,
            None,
            "aanmelden",
        );
        event.outcome = outcome;
        match sealed::record(&self.inner.writer, Unpermitted::Session, vec![event], stmts).await {
            Ok(_) => Ok(()),
            Err(StoreError::NotFound(m)) => Err(VaultError::NotFound(m)),
            Err(e) => Err(e.into()),
        }
    }

    /// A new secret for the staff member of a session that must set one up
    /// ([`SecondFactor::EnrolmentNeeded`]), kept with the session until it is confirmed with
    /// a code from the app. `None` if the session is not waiting for an enrolment.
    pub async fn begin_enrolment(
        &self,
        session: &Session,
    ) -> Result<Option<Enrolment>, VaultError> {
        if session.second_factor != SecondFactor::EnrolmentNeeded {
            return Ok(None);
        }
        let user = &session.actor.user_id;
        let (raw, enrolment) = new_enrolment(user)?;
        let sealed_secret = sealed::seal_account_secret(
            &*self.account_key().await?,
            &self.inner.tenant,
            user,
            &raw,
        )?;
        // The session's own row, like its idle clock: nothing of the account changes yet.
        sqlx::query(
            "UPDATE sessions SET totp_pending = $1 WHERE tenant_id = $2 AND token_hash = $3",
        )
        .bind(sealed_secret)
        .bind(&self.inner.tenant)
        .bind(crate::keys::sha256(&[session.token.as_bytes()]).to_vec())
        .execute(&*self.inner.pool)
        .await?;
        Ok(Some(enrolment))
    }

    /// Confirms the secret [`Accounts::begin_enrolment`] gave with a code from the app: the
    /// account has its second factor from now on and the session is complete. Logged as the
    /// account's change by its own holder. `false` for a wrong code (the secret waits).
    pub async fn confirm_enrolment(
        &self,
        session: &Session,
        code: &str,
    ) -> Result<bool, VaultError> {
        let user = &session.actor.user_id;
        let pending: Option<Vec<u8>> = sqlx::query(
            "SELECT totp_pending FROM sessions WHERE tenant_id = $1 AND token_hash = $2",
        )
        .bind(&self.inner.tenant)
        .bind(crate::keys::sha256(&[session.token.as_bytes()]).to_vec())
        .fetch_optional(&*self.inner.pool)
        .await?
        .map(|r| r.try_get(0))
        .transpose()?
        .flatten();
        let step = match (&pending, plain_code(code)) {
            (Some(sealed_secret), Some(code)) => {
                let raw = sealed::open_account_secret(
                    &*self.account_key().await?,
                    &self.inner.tenant,
                    user,
                    sealed_secret,
                )?;
                totp(&raw, user)?
                    .check(&code, now_seconds())
                    .and_then(|s| i64::try_from(s).ok())
            }
            _ => None,
        };
        let (Some(step), Some(sealed_secret)) = (step, pending) else {
            self.record_code(session, Outcome::Denied, Vec::new())
                .await?;
            return Ok(false);
        };
        let mut event = self.vault().event(
            &session.actor,
            AuditAction::UserSecondFactor,
            None,
            None,
            "beheer",
        );
        event.object = Some(user.clone());
        let stmts = vec![
            // Only an account without one: a secret set meanwhile by an administrator stands.
            Stmt::must_change(
                "UPDATE users SET totp_secret = $1, totp_last_step = $2 WHERE tenant_id = $3 AND id = $4 AND totp_secret IS NULL",
                vec![
                    Arg::Blob(sealed_secret),
                    Arg::Int(step),
                    Arg::Text(self.inner.tenant.clone()),
                    Arg::Text(user.clone()),
                ],
            ),
            self.mark_session_verified(session),
        ];
        match sealed::record(&self.inner.writer, Unpermitted::Session, vec![event], stmts).await {
            Ok(_) => Ok(true),
            Err(StoreError::NotFound(_)) => Ok(false),
            Err(e) => Err(e.into()),
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_session_is_complete_only_with_the_code_where_one_is_needed() {
        assert_eq!(
            SecondFactor::of(false, false, false),
            SecondFactor::NotRequired
        );
        assert_eq!(
            SecondFactor::of(true, false, false),
            SecondFactor::EnrolmentNeeded
        );
        assert_eq!(
            SecondFactor::of(false, true, false),
            SecondFactor::CodeNeeded
        );
        assert_eq!(SecondFactor::of(true, true, true), SecondFactor::Verified);
        assert!(!SecondFactor::CodeNeeded.complete());
        assert!(!SecondFactor::EnrolmentNeeded.complete());
    }

    #[test]
    fn codes_are_six_digits_and_match_the_secret() {
        assert_eq!(plain_code(" 123 456 ").as_deref(), Some("123456"));
        assert_eq!(plain_code("12345"), None);
        assert_eq!(plain_code("12345a"), None);
        let (raw, enrolment) = new_enrolment("fg-1").unwrap();
        assert!(
            enrolment.uri.starts_with("otpauth://totp/zorgkluis:fg-1?"),
            "{}",
            enrolment.uri
        );
        let code = current_code(&enrolment.secret).unwrap();
        let t = totp(&raw, "fg-1").unwrap();
        assert!(t.check(&code, now_seconds()).is_some());
        assert!(current_code("not base32!").is_err());
    }
}
