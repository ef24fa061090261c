//! Staff accounts, their sessions and the API tokens of other systems: who may act, kept apart
//! from the personal data they act on. Making an account or a token is a duty the reglement
//! grants (`manage_accounts`), decided and logged; every login and logout is logged.

mod portal;
mod second_factor;
mod tokens;

use std::sync::Arc;

use sqlx::Row as _;
use zorgkluis_core::vocabulary::Duty;

use crate::StoreError;
use crate::audit::{AuditAction, Outcome};
use crate::keys::sha256;
use crate::sealed::{self, Unpermitted};
use crate::vault::{Actor, Inner, Vault, VaultError};
use crate::writer::{Arg, Stmt};

pub use portal::IssuedPortalAccount;
pub use second_factor::{Enrolment, STEP_SECONDS, SecondFactor, code_at, current_code};
pub use tokens::TokenInfo;

/// Sessions end after 30 minutes without activity, and after 12 hours in any case.
pub const SESSION_IDLE_SECONDS: i64 = 30 * 60;
pub const SESSION_MAX_SECONDS: i64 = 12 * 60 * 60;

/// The user id logged for a failed login with a name that is no account: the typed text could
/// be anything (a password typed in the wrong field) and must not enter the chain.
pub const UNKNOWN_USER: &str = "onbekend";

/// An open session of a logged-in user.
#[derive(Debug, Clone)]
pub struct Session {
    /// The cookie's secret; only its hash is stored.
    pub token: String,
    /// The token every state-changing form must carry.
    pub csrf: String,
    pub actor: Actor,
    /// Whether the password was enough, or a code is still to be given or set up.
    pub second_factor: SecondFactor,
}

/// The accounts of one organisation.
#[derive(Clone)]
pub struct Accounts {
    inner: Arc<Inner>,
}

/// Ids of staff, tokens and systems go into the audit chain: plain ids, never free text.
pub(crate) fn check_id(field: &'static str, id: &str) -> Result<(), VaultError> {
    let plain = !id.is_empty()
        && id.len() <= 100
        && id
            .chars()
            .all(|c| c.is_ascii_alphanumeric() || matches!(c, '.' | '_' | '-' | '@'));
    // The command line's actor and the name logged for unknown logins are the product's own.
    let reserved = id == "system" || id == UNKNOWN_USER;
    if plain && !reserved {
        Ok(())
    } else {
        Err(VaultError::Invalid {
            field,
            message: "1 to 100 letters, digits, ., _, - or @, not `system` or `onbekend`".into(),
        })
    }
}

/// A password a staff account may have: at least 12 characters, not mostly one character
/// repeated, not the account's id or a common word with a little around it.
pub(crate) fn check_password(id: &str, password: &str) -> Result<(), VaultError> {
    let refuse = |message: &str| {
        Err(VaultError::Invalid {
            field: "password",
            message: message.into(),
        })
    };
    if password.chars().count() < 12 {
        return refuse("at least 12 characters");
    }
    if password.len() > 1024 {
        return refuse("at most 1024 bytes");
    }
    let distinct: std::collections::BTreeSet<char> = password.chars().collect();
    if distinct.len() < 5 {
        return refuse("at least 5 different characters");
    }
    let lower = password.to_lowercase();
    if !id.is_empty() && lower.contains(&id.to_lowercase()) {
        return refuse("must not contain the user id");
    }
    // What is left of it without the commonest words, digits and punctuation.
    const COMMON: &[&str] = &[
        "wachtwoord",
        "password",
        "welkom",
        "welcome",
        "zorgkluis",
        "qwerty",
        "azerty",
        "geheim",
        "secret",
        "letmein",
        "admin",
        "zomer",
        "winter",
        "lente",
        "herfst",
    ];
    let mut rest = lower;
    for word in COMMON {
        rest = rest.replace(word, "");
    }
    if rest.chars().filter(|c| c.is_alphabetic()).count() < 4 {
        return refuse("a common word with digits or signs is too easy to guess");
    }
    Ok(())
}

/// An Argon2id hash of `password`, off the async threads.
async fn hash_password(password: &str) -> Result<String, StoreError> {
    let password = password.to_owned();
    tokio::task::spawn_blocking(move || {
        use argon2::password_hash::PasswordHasher as _;
        argon2::Argon2::default()
            .hash_password(password.as_bytes())
            .map(|h| h.to_string())
    })
    .await
    .map_err(|e| StoreError::Crypto(e.to_string()))?
    .map_err(|e| StoreError::Crypto(e.to_string()))
}

fn secret() -> Result<String, StoreError> {
    Ok(hex::encode(crate::sealed::random::<32>()?))
}

impl Accounts {
    pub(crate) fn new(inner: Arc<Inner>) -> Accounts {
        Accounts { inner }
    }

    /// The vault these accounts act on, for its deciding and logging.
    /// Decides a change to the staff account or token `object` (`manage_accounts`), to be
    /// logged with it as the event's object.
    pub(crate) async fn authorize_account_change(
        &self,
        actor: &Actor,
        action: AuditAction,
        object: &str,
    ) -> Result<crate::sealed::Permit, VaultError> {
        let permit = self
            .vault()
            .authorize_duty(actor, Duty::ManageAccounts, false, action, None, "beheer")
            .await?;
        Ok(permit.with_object(object))
    }

    fn vault(&self) -> Vault {
        Vault {
            inner: self.inner.clone(),
        }
    }

    /// Creates a staff account with an Argon2id password hash.
    pub async fn create_user(
        &self,
        actor: &Actor,
        id: &str,
        role: &str,
        password: &str,
        supervised: bool,
    ) -> Result<(), VaultError> {
        check_id("id", id)?;
        let vault = self.vault();
        vault.check_role(role)?;
        check_password(id, password)?;
        let permit = self
            .authorize_account_change(actor, AuditAction::UserCreate, id)
            .await?;
        let exists = sqlx::query("SELECT 1 FROM users WHERE tenant_id = $1 AND id = $2")
            .bind(&self.inner.tenant)
            .bind(id)
            .fetch_optional(&*self.inner.pool)
            .await?;
        if exists.is_some() {
            return Err(VaultError::Conflict {
                field: "id",
                message: "this user exists".into(),
            });
        }
        let hash = hash_password(password).await?;
        let stmt = Stmt::new(
            "INSERT INTO users (tenant_id, id, role, password_hash, supervised, created_at) VALUES ($1, $2, $3, $4, $5, $6)",
            vec![
                Arg::Text(self.inner.tenant.clone()),
                Arg::Text(id.to_owned()),
                Arg::Text(role.to_owned()),
                Arg::Text(hash),
                Arg::Int(i64::from(supervised)),
                Arg::Text(crate::clock::now()),
            ],
        );
        match sealed::commit(&self.inner.writer, permit, vec![stmt]).await {
            Ok(_) => Ok(()),
            Err(e) if e.is_duplicate() => Err(VaultError::Conflict {
                field: "id",
                message: "this user exists".into(),
            }),
            Err(e) => Err(e.into()),
        }
    }

    /// An id that names no account is not found, before anything is decided or logged: what
    /// was typed in its place never reaches the audit chain.
    async fn known_user(&self, id: &str) -> Result<(), VaultError> {
        let found = sqlx::query("SELECT 1 FROM users WHERE tenant_id = $1 AND id = $2")
            .bind(&self.inner.tenant)
            .bind(id)
            .fetch_optional(&*self.inner.pool)
            .await?;
        match found {
            Some(_) => Ok(()),
            None => Err(VaultError::NotFound(format!("user {id}"))),
        }
    }

    /// The statements that end every session of `id` and revoke the API token named `id` (a
    /// token made for the staff member acts as them).
    fn end_access(&self, id: &str) -> Vec<Stmt> {
        vec![
            Stmt::new(
                "DELETE FROM sessions WHERE tenant_id = $1 AND user_id = $2",
                vec![
                    Arg::Text(self.inner.tenant.clone()),
                    Arg::Text(id.to_owned()),
                ],
            ),
            Stmt::new(
                "UPDATE api_tokens SET revoked_at = $1 WHERE tenant_id = $2 AND name = $3 AND revoked_at IS NULL",
                vec![
                    Arg::Text(crate::clock::now()),
                    Arg::Text(self.inner.tenant.clone()),
                    Arg::Text(id.to_owned()),
                ],
            ),
        ]
    }

    /// The actor of an enabled staff account, for the command line acting as that staff
    /// member (`zorgkluis request --as ID`): the account's role decides, as it would at login.
    /// No password is asked: whoever runs the command line holds the installation's keys.
    pub async fn staff_actor(&self, id: &str, source: &str) -> Result<Actor, VaultError> {
        check_id("as", id)?;
        let row = sqlx::query(
            "SELECT role, supervised FROM users WHERE tenant_id = $1 AND id = $2 AND disabled_at IS NULL \
             AND kind = 'personeel'",
        )
        .bind(&self.inner.tenant)
        .bind(id)
        .fetch_optional(&*self.inner.pool)
        .await?;
        let Some(row) = row else {
            return Err(VaultError::Invalid {
                field: "as",
                message: format!("no enabled staff account {id}"),
            });
        };
        Ok(Actor {
            user_id: id.to_owned(),
            role: row.try_get(0)?,
            on_behalf_of: None,
            source: source.to_owned(),
            supervised: row.try_get::<i64, _>(1)? != 0,
        })
    }

    /// Disables the staff account `id` (someone who left): from now on it cannot log in, and
    /// its open sessions and its API token end at once. Decided (`manage_accounts`) and logged
    /// with the account as the event's object; the account stays, so the log keeps meaning one
    /// person by one id.
    pub async fn disable_user(&self, actor: &Actor, id: &str) -> Result<(), VaultError> {
        self.known_user(id).await?;
        let permit = self
            .authorize_account_change(actor, AuditAction::UserDisable, id)
            .await?;
        let mut stmts = vec![Stmt::must_change(
            "UPDATE users SET disabled_at = $1 WHERE tenant_id = $2 AND id = $3 AND disabled_at IS NULL",
            vec![
                Arg::Text(crate::clock::now()),
                Arg::Text(self.inner.tenant.clone()),
                Arg::Text(id.to_owned()),
            ],
        )];
        stmts.extend(self.end_access(id));
        match sealed::commit(&self.inner.writer, permit, stmts).await {
            Ok(_) => Ok(()),
            Err(StoreError::NotFound(_)) => Err(VaultError::NotFound(format!(
                "user {id} (or it is disabled already)"
            ))),
            Err(e) => Err(e.into()),
        }
    }

    /// Sets the password of staff account `id`: an administrator's reset, or a change made
    /// for the staff member. The same rules as a new account's; every open session of the
    /// account ends (whoever knew the old password is out). Decided (`manage_accounts`) and
    /// logged with the account as the event's object.
    pub async fn set_password(
        &self,
        actor: &Actor,
        id: &str,
        password: &str,
    ) -> Result<(), VaultError> {
        self.known_user(id).await?;
        check_password(id, password)?;
        let permit = self
            .authorize_account_change(actor, AuditAction::UserPassword, id)
            .await?;
        let hash = hash_password(password).await?;
        let stmts = vec![
            Stmt::must_change(
                "UPDATE users SET password_hash = $1 WHERE tenant_id = $2 AND id = $3",
                vec![
                    Arg::Text(hash),
                    Arg::Text(self.inner.tenant.clone()),
                    Arg::Text(id.to_owned()),
                ],
            ),
            Stmt::new(
                "DELETE FROM sessions WHERE tenant_id = $1 AND user_id = $2",
                vec![
                    Arg::Text(self.inner.tenant.clone()),
                    Arg::Text(id.to_owned()),
                ],
            ),
        ];
        match sealed::commit(&self.inner.writer, permit, stmts).await {
            Ok(_) => Ok(()),
            Err(StoreError::NotFound(_)) => Err(VaultError::NotFound(format!("user {id}"))),
            Err(e) => Err(e.into()),
        }
    }

    /// Checks a password and opens a session. Every attempt is logged; a failure does not say
    /// whether the user exists, and a name that is no account is logged as [`UNKNOWN_USER`].
    pub async fn login(
        &self,
        user: &str,
        password: &str,
        source: &str,
    ) -> Result<Option<Session>, VaultError> {
        let row = sqlx::query(
            "SELECT role, password_hash, supervised, CASE WHEN totp_secret IS NULL THEN 0 ELSE 1 END FROM users WHERE tenant_id = $1 AND id = $2 AND disabled_at IS NULL",
        )
        .bind(&self.inner.tenant)
        .bind(user)
        .fetch_optional(&*self.inner.pool)
        .await?;
        let found = match &row {
            Some(r) => Some((
                r.try_get::<String, _>(0)?,
                r.try_get::<String, _>(1)?,
                r.try_get::<i64, _>(2)? != 0,
                r.try_get::<i64, _>(3)? != 0,
            )),
            None => None,
        };
        // Verify against a real hash even for an unknown user, so timing does not tell.
        const DUMMY: &str = "$argon2id$v=19$m=19456,t=2,p=1$c29tZXNhbHRzb21lc2FsdA$1BVh6LzCVsoN3ZXhs+4nLpGCz8RDtN/5m9vnGWr+JPQ";
        let hash = found.as_ref().map_or(DUMMY.to_owned(), |f| f.1.clone());
        let password = password.to_owned();
        let ok = tokio::task::spawn_blocking(move || {
            use argon2::password_hash::PasswordVerifier as _;
            argon2::password_hash::phc::PasswordHash::new(&hash).is_ok_and(|h| {
                argon2::Argon2::default()
                    .verify_password(password.as_bytes(), &h)
                    .is_ok()
            })
        })
        .await
        .map_err(|e| StoreError::Crypto(e.to_string()))?;
        let actor = match &found {
            Some((role, _, supervised, _)) => Actor {
                user_id: user.to_owned(),
                role: role.clone(),
                on_behalf_of: None,
                source: source.to_owned(),
                supervised: *supervised,
            },
            None => Actor {
                user_id: UNKNOWN_USER.to_owned(),
                role: UNKNOWN_USER.to_owned(),
                on_behalf_of: None,
                source: source.to_owned(),
                supervised: false,
            },
        };
        let vault = self.vault();
        let mut event = vault.event(&actor, AuditAction::Login, None, None, "aanmelden");
        if found.is_none() || !ok {
            event.outcome = Outcome::Denied;
            sealed::record(
                &self.inner.writer,
                Unpermitted::Session,
                vec![event],
                Vec::new(),
            )
            .await?;
            return Ok(None);
        }
        let token = secret()?;
        let csrf = secret()?;
        let now_s = jiff::Timestamp::now().as_second();
        let stmt = Stmt::new(
            "INSERT INTO sessions (tenant_id, token_hash, user_id, csrf, created_at, last_seen) VALUES ($1, $2, $3, $4, $5, $6)",
            vec![
                Arg::Text(self.inner.tenant.clone()),
                Arg::Blob(sha256(&[token.as_bytes()]).to_vec()),
                Arg::Text(user.to_owned()),
                Arg::Text(csrf.clone()),
                Arg::Int(now_s),
                Arg::Int(now_s),
            ],
        );
        sealed::record(
            &self.inner.writer,
            Unpermitted::Session,
            vec![event],
            vec![stmt],
        )
        .await?;
        let enrolled = found.as_ref().is_some_and(|f| f.3);
        let second_factor =
            SecondFactor::of(vault.second_factor_required(&actor.role), enrolled, false);
        Ok(Some(Session {
            token,
            csrf,
            actor,
            second_factor,
        }))
    }

    /// The session of a cookie token, if it is open: not idle longer than
    /// [`SESSION_IDLE_SECONDS`], not older than [`SESSION_MAX_SECONDS`]. Refreshes its idle
    /// clock.
    pub async fn session(&self, token: &str, source: &str) -> Result<Option<Session>, VaultError> {
        let hash = sha256(&[token.as_bytes()]).to_vec();
        let mut conn = self.inner.pool.connection().await?;
        let row = sqlx::query(
            "SELECT s.user_id, s.csrf, s.created_at, s.last_seen, u.role, u.supervised, \
             CASE WHEN u.totp_secret IS NULL THEN 0 ELSE 1 END, \
             CASE WHEN s.second_factor_at IS NULL THEN 0 ELSE 1 END FROM sessions s \
             JOIN users u ON u.tenant_id = s.tenant_id AND u.id = s.user_id \
             WHERE s.tenant_id = $1 AND s.token_hash = $2 AND u.disabled_at IS NULL",
        )
        .bind(&self.inner.tenant)
        .bind(&hash)
        .fetch_optional(&mut *conn)
        .await?;
        self.inner.pool.keep(conn);
        let Some(r) = row else { return Ok(None) };
        let now_s = jiff::Timestamp::now().as_second();
        let (created, last): (i64, i64) = (r.try_get(2)?, r.try_get(3)?);
        if now_s - last > SESSION_IDLE_SECONDS || now_s - created > SESSION_MAX_SECONDS {
            sqlx::query("DELETE FROM sessions WHERE tenant_id = $1 AND token_hash = $2")
                .bind(&self.inner.tenant)
                .bind(&hash)
                .execute(&*self.inner.pool)
                .await?;
            return Ok(None);
        }
        if now_s - last > 30 {
            sqlx::query(
                "UPDATE sessions SET last_seen = $1 WHERE tenant_id = $2 AND token_hash = $3",
            )
            .bind(now_s)
            .bind(&self.inner.tenant)
            .bind(&hash)
            .execute(&*self.inner.pool)
            .await?;
        }
        let actor = Actor {
            user_id: r.try_get(0)?,
            role: r.try_get(4)?,
            on_behalf_of: None,
            source: source.to_owned(),
            supervised: r.try_get::<i64, _>(5)? != 0,
        };
        let second_factor = SecondFactor::of(
            self.vault().second_factor_required(&actor.role),
            r.try_get::<i64, _>(6)? != 0,
            r.try_get::<i64, _>(7)? != 0,
        );
        Ok(Some(Session {
            token: token.to_owned(),
            csrf: r.try_get(1)?,
            actor,
            second_factor,
        }))
    }

    /// Ends a session.
    pub async fn logout(&self, session: &Session) -> Result<(), VaultError> {
        let event = self
            .vault()
            .event(&session.actor, AuditAction::Logout, None, None, "afmelden");
        let stmt = Stmt::new(
            "DELETE FROM sessions WHERE tenant_id = $1 AND token_hash = $2",
            vec![
                Arg::Text(self.inner.tenant.clone()),
                Arg::Blob(sha256(&[session.token.as_bytes()]).to_vec()),
            ],
        );
        sealed::record(
            &self.inner.writer,
            Unpermitted::Session,
            vec![event],
            vec![stmt],
        )
        .await?;
        Ok(())
    }
}
