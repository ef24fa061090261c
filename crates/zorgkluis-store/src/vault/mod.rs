//! The one access path. Every read, write, correction, erasure and export of personal data is
//! (a) decided by the reglement, (b) written to the audit log in the same transaction as the
//! change (for a read: committed before anything is decrypted), and (c) only then decrypted or
//! committed. Denied attempts are logged too.

use std::path::Path;
use std::sync::Arc;

use jiff::civil::Date;
use serde::Serialize;
use sqlx::Row;
use tokio::sync::RwLock;
use zorgkluis_core::decide::{AccessDecision, AccessPolicy, AccessRequest};
use zorgkluis_core::taxonomy::IdKind;
use zorgkluis_core::vocabulary::Action;
use zorgkluis_core::{Lang, Reglement};

use crate::StoreError;
use crate::audit::AuditEvent;
use crate::db::{self, Backend, Location, SealedRecord};
use crate::keys::{DataKey, MasterKeys, sha256};
pub use crate::verify::{TenantChain, VerifyMethod, VerifyReport};
use crate::writer::{Arg, NewEvent, Receipt, Stmt, Writer};

/// Sessions end after 30 minutes without activity, and after 12 hours in any case.
pub const SESSION_IDLE_SECONDS: i64 = 30 * 60;
pub const SESSION_MAX_SECONDS: i64 = 12 * 60 * 60;

/// An open session of a logged-in user.
#[derive(Debug, Clone)]
pub struct Session {
    /// The cookie's secret; only its hash is stored.
    pub token: String,
    /// The token every state-changing form must carry.
    pub csrf: String,
    pub actor: Actor,
}

/// Who acts, in which role, on whose behalf, and from where.
#[derive(Debug, Clone)]
pub struct Actor {
    pub user_id: String,
    pub role: String,
    pub on_behalf_of: Option<String>,
    /// Client address or system name.
    pub source: String,
    /// A supervisor is assigned (trainees).
    pub supervised: bool,
}

impl Actor {
    /// The command line acting as the privacy officer's tool.
    pub fn system(source: &str) -> Actor {
        Actor {
            user_id: "system".to_owned(),
            role: "fg".to_owned(),
            on_behalf_of: None,
            source: source.to_owned(),
            supervised: false,
        }
    }
}

#[derive(Debug, thiserror::Error)]
pub enum VaultError {
    #[error("denied: {}", .0.explain(Lang::En))]
    Denied(AccessDecision),
    #[error("not found: {0}")]
    NotFound(String),
    #[error("person {0} was erased")]
    Erased(String),
    #[error("invalid {field}: {message}")]
    Invalid {
        field: &'static str,
        message: String,
    },
    #[error(transparent)]
    Store(#[from] StoreError),
}

impl From<sqlx::Error> for VaultError {
    fn from(e: sqlx::Error) -> VaultError {
        VaultError::Store(StoreError::Database(e))
    }
}

/// A decrypted dossier record, returned only after its access was logged.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct Record {
    pub id: String,
    pub person_id: String,
    pub category: String,
    /// `original`, `correction` (supersedes an earlier record) or `supplement` (the client's
    /// own statement added to an earlier record).
    pub kind: String,
    pub supersedes: Option<String>,
    pub text: String,
    pub created_at: String,
    pub created_by: String,
}

/// What a reader sees of a dossier: the records allowed, and what was withheld and why.
#[derive(Debug, Clone, Serialize)]
pub struct DossierView {
    pub records: Vec<Record>,
    pub withheld: Vec<Withheld>,
}

#[derive(Debug, Clone, Serialize)]
pub struct Withheld {
    pub category: String,
    pub decision: AccessDecision,
}

/// A record about to be sealed and inserted.
struct NewRecord<'a> {
    person: &'a str,
    category: &'a str,
    kind: &'a str,
    supersedes: Option<&'a str>,
    text: &'a str,
}

/// An API token as `token list` shows it.
#[derive(Debug, Clone, Serialize)]
pub struct TokenInfo {
    pub name: String,
    pub role: String,
    pub created_at: String,
    pub revoked_at: Option<String>,
}

struct Inner {
    pool: db::Pool,
    /// The one engine that decides every access (Cedar, compiled from the reglement).
    policy: Arc<dyn AccessPolicy>,
    writer: Writer,
    writer_task: std::sync::Mutex<Option<tokio::task::JoinHandle<()>>>,
    keys: RwLock<MasterKeys>,
    /// When the key file was last read, to notice a rotation by another process.
    keys_modified: std::sync::Mutex<Option<std::time::SystemTime>>,
    reglement: Reglement,
    tenant: String,
    location: Location,
}

/// The vault of one organisation (tenant).
#[derive(Clone)]
pub struct Vault {
    inner: Arc<Inner>,
}

fn record_context(tenant: &str, record: &str, category: &str) -> Vec<u8> {
    format!("record\0{tenant}\0{record}\0{category}").into_bytes()
}

/// Today in the Netherlands: care relationships begin and end on Dutch dates. Central European
/// Time, with summer time from the last Sunday of March to the last Sunday of October (01:00
/// UTC, EU rule), computed rather than read from a time-zone database the build does not ship.
fn today() -> Date {
    today_in_nl(jiff::Timestamp::now())
}

fn today_in_nl(now: jiff::Timestamp) -> Date {
    use jiff::ToSpan;
    let utc = now.to_zoned_datetime(jiff::tz::TimeZone::UTC);
    let year = utc.date().year();
    let last_sunday = |month: i8| {
        let last = jiff::civil::Date::new(year, month, 31).unwrap_or(utc.date());
        let back = i64::from(last.weekday().to_sunday_zero_offset());
        last.checked_sub(back.days()).unwrap_or(last)
    };
    let utc_time = utc.date().to_datetime(utc.time());
    let start = last_sunday(3).at(1, 0, 0, 0);
    let end = last_sunday(10).at(1, 0, 0, 0);
    let offset: i64 = if utc_time >= start && utc_time < end {
        2
    } else {
        1
    };
    utc_time
        .checked_add(offset.hours())
        .map_or(utc.date(), |t| t.date())
}

fn now() -> String {
    jiff::Timestamp::now().to_string()
}

/// Tenant ids go into file names and checkpoint lines: keep them plain.
fn valid_tenant(id: &str) -> bool {
    !id.is_empty()
        && id.len() <= 64
        && id
            .chars()
            .all(|c| c.is_ascii_lowercase() || c.is_ascii_digit() || c == '-')
}

/// Creates the data directory and the master key file, if they are not there yet.
pub fn init(location: &Location) -> Result<bool, StoreError> {
    std::fs::create_dir_all(&location.data_dir)?;
    let key_file = location.key_file();
    if key_file.exists() || std::env::var("ZORGKLUIS_MASTER_KEY").is_ok() {
        return Ok(false);
    }
    MasterKeys::generate()?.save(&key_file)?;
    Ok(true)
}

impl Vault {
    /// Opens the vault of `tenant`, with its reglement (the adopted file and its source text)
    /// and the access policy compiled from it.
    pub async fn open(
        location: &Location,
        tenant: &str,
        reglement: Reglement,
        reglement_source: &str,
        policy: Arc<dyn AccessPolicy>,
    ) -> Result<Vault, VaultError> {
        if !valid_tenant(tenant) {
            return Err(VaultError::Invalid {
                field: "tenant",
                message: "lowercase letters, digits and -, at most 64".into(),
            });
        }
        let keys = MasterKeys::load(&location.key_file())?;
        let pool = db::connect(location, 8).await?;
        let (writer, writer_task) = Writer::spawn(
            pool.clone(),
            location.backend(),
            location.sqlite_file().as_deref(),
            location.checkpoint_file(),
            keys.checkpoint_signing_key()?,
        )?;
        sqlx::query("INSERT INTO tenants (id, name, created_at) VALUES ($1, $2, $3) ON CONFLICT (id) DO NOTHING")
            .bind(tenant)
            .bind(reglement.name())
            .bind(now())
            .execute(&pool)
            .await?;
        sqlx::query(
            "INSERT INTO reglement_versions (tenant_id, version, sha256, effective, content, adopted_at) \
             VALUES ($1, $2, $3, $4, $5, $6) ON CONFLICT (tenant_id, sha256) DO NOTHING",
        )
        .bind(tenant)
        .bind(&reglement.file.version.number)
        .bind(hex::encode(sha256(&[reglement_source.as_bytes()])))
        .bind(reglement.file.version.effective.get_ref().0.to_string())
        .bind(reglement_source)
        .bind(now())
        .execute(&pool)
        .await?;
        let vault = Vault {
            inner: Arc::new(Inner {
                pool: db::Pool::new(pool, 4, location.sqlite_file()),
                policy,
                writer,
                writer_task: std::sync::Mutex::new(Some(writer_task)),
                keys: RwLock::new(keys),
                keys_modified: std::sync::Mutex::new(
                    std::fs::metadata(location.key_file())
                        .and_then(|m| m.modified())
                        .ok(),
                ),
                reglement,
                tenant: tenant.to_owned(),
                location: location.clone(),
            }),
        };
        vault.reapply_erasures().await?;
        Ok(vault)
    }

    pub fn reglement(&self) -> &Reglement {
        &self.inner.reglement
    }

    pub fn tenant(&self) -> &str {
        &self.inner.tenant
    }

    pub fn backend(&self) -> Backend {
        self.inner.location.backend()
    }

    /// Stops accepting work and waits until everything acknowledged is anchored by a signed
    /// checkpoint. Waits for other clones of this vault to be dropped too.
    pub async fn close(self) {
        let task = self
            .inner
            .writer_task
            .lock()
            .ok()
            .and_then(|mut t| t.take());
        let pool = self.inner.pool.clone();
        // The writer ends when the last sender is gone, after its final checkpoint.
        drop(self);
        if let Some(task) = task {
            let _ = task.await;
        }
        pool.close().await;
    }

    fn event(
        &self,
        actor: &Actor,
        person: Option<&str>,
        action: &str,
        category: Option<&str>,
        purpose: &str,
    ) -> NewEvent {
        NewEvent {
            tenant_id: self.inner.tenant.clone(),
            user_id: actor.user_id.clone(),
            role: actor.role.clone(),
            on_behalf_of: actor.on_behalf_of.clone(),
            person_id: person.map(str::to_owned),
            action: action.to_owned(),
            category: category.map(str::to_owned),
            purpose: purpose.to_owned(),
            reason: None,
            emergency: false,
            source: actor.source.clone(),
            outcome: "allowed".to_owned(),
            articles: String::new(),
        }
    }

    /// Decides an access; the event carries the outcome and the articles.
    async fn decide(
        &self,
        actor: &Actor,
        person: &str,
        action: Action,
        category: &str,
        purpose: &str,
        emergency_reason: Option<&str>,
    ) -> Result<(AccessDecision, NewEvent), VaultError> {
        let care = db::in_care_team(
            &self.inner.pool,
            &self.inner.tenant,
            &actor.user_id,
            person,
            &today().to_string(),
        )
        .await?;
        Ok(self.judge(
            actor,
            person,
            action,
            category,
            purpose,
            emergency_reason,
            care,
        ))
    }

    /// Decides an access whose care relationship is known.
    #[allow(clippy::too_many_arguments)]
    fn judge(
        &self,
        actor: &Actor,
        person: &str,
        action: Action,
        category: &str,
        purpose: &str,
        emergency_reason: Option<&str>,
        care: bool,
    ) -> (AccessDecision, NewEvent) {
        let decision = self.inner.policy.decide(&AccessRequest {
            care_relationship: care,
            supervised: actor.supervised,
            emergency_reason,
            ..AccessRequest::new(&actor.role, action, category)
        });
        let mut event = self.event(actor, Some(person), action.id(), Some(category), purpose);
        event.outcome = if decision.allowed {
            "allowed"
        } else {
            "denied"
        }
        .to_owned();
        event.articles = decision.articles.join("; ");
        event.emergency = decision.emergency;
        (decision, event)
    }

    /// The error for a person without a data key: unknown, or erased.
    async fn missing_person(&self, person: &str) -> VaultError {
        match db::person(&self.inner.pool, &self.inner.tenant, person).await {
            Ok(Some(_)) => VaultError::Erased(person.to_owned()),
            Ok(None) => VaultError::NotFound(format!("person {person}")),
            Err(e) => VaultError::Store(e),
        }
    }

    /// Reads the key file again if it changed since it was read (`keys rotate` in another
    /// process), so that new data keys are wrapped by the newest master key.
    async fn reload_keys_if_rotated(&self) -> Result<(), VaultError> {
        if std::env::var("ZORGKLUIS_MASTER_KEY").is_ok() {
            return Ok(());
        }
        let file = self.inner.location.key_file();
        let modified = std::fs::metadata(&file).and_then(|m| m.modified()).ok();
        let seen = self.inner.keys_modified.lock().ok().and_then(|m| *m);
        if modified.is_some() && modified != seen {
            let mut keys = self.inner.keys.write().await;
            *keys = MasterKeys::load(&file)?;
            if let Ok(mut m) = self.inner.keys_modified.lock() {
                *m = modified;
            }
        }
        Ok(())
    }

    async fn unwrap(&self, person: &str, w: &db::WrappedKey) -> Result<DataKey, VaultError> {
        {
            let keys = self.inner.keys.read().await;
            if keys.has(&w.master_key_id) {
                return Ok(keys.unwrap_key(
                    &w.master_key_id,
                    &w.wrapped,
                    &self.inner.tenant,
                    person,
                )?);
            }
        }
        // Wrapped by a master key this process has not seen: `keys rotate` ran in another
        // process (the CLI, while the server runs) and added it to the key file. Read the file
        // again; the new key becomes this process's current key too.
        let mut keys = self.inner.keys.write().await;
        if !keys.has(&w.master_key_id) {
            *keys = MasterKeys::load(&self.inner.location.key_file())?;
        }
        Ok(keys.unwrap_key(&w.master_key_id, &w.wrapped, &self.inner.tenant, person)?)
    }

    /// Logs a denied access and returns the denial.
    async fn deny(&self, decision: AccessDecision, event: NewEvent) -> VaultError {
        match self.inner.writer.submit(event, Vec::new()).await {
            Ok(_) => VaultError::Denied(decision),
            Err(e) => VaultError::Store(e),
        }
    }

    async fn data_key(&self, person: &str) -> Result<DataKey, VaultError> {
        match db::wrapped_key(&self.inner.pool, &self.inner.tenant, person).await? {
            Some(w) => self.unwrap(person, &w).await,
            None => Err(self.missing_person(person).await),
        }
    }

    /// A purpose goes into the hash chain, which crypto-shredding cannot reach: it must be a
    /// short label ("zorgverlening"), never free text that could hold personal data.
    fn check_purpose(purpose: &str) -> Result<(), VaultError> {
        let label = !purpose.is_empty()
            && purpose.len() <= 60
            && purpose.chars().all(|c| {
                c.is_ascii_lowercase() || c.is_ascii_digit() || matches!(c, ' ' | '-' | '_')
            });
        if label {
            Ok(())
        } else {
            Err(VaultError::Invalid {
                field: "purpose",
                message: "a short label of lowercase letters, digits, spaces, - or _ (at most 60)"
                    .into(),
            })
        }
    }

    fn check_role(&self, role: &str) -> Result<(), VaultError> {
        if self.inner.reglement.taxonomy.contains(IdKind::Role, role) {
            Ok(())
        } else {
            Err(VaultError::Invalid {
                field: "role",
                message: format!("unknown role `{role}`"),
            })
        }
    }

    fn check_category(&self, category: &str) -> Result<(), VaultError> {
        if self
            .inner
            .reglement
            .taxonomy
            .contains(IdKind::Category, category)
        {
            Ok(())
        } else {
            Err(VaultError::Invalid {
                field: "category",
                message: format!("unknown data category `{category}`"),
            })
        }
    }

    /// Registers a person; with a BSN (checked by the 11-check), stored sealed and findable by
    /// its keyed hash.
    pub async fn register_person(
        &self,
        actor: &Actor,
        subject_category: &str,
        bsn: Option<&str>,
        purpose: &str,
    ) -> Result<String, VaultError> {
        Self::check_purpose(purpose)?;
        if !self
            .inner
            .reglement
            .taxonomy
            .contains(IdKind::Subject, subject_category)
        {
            return Err(VaultError::Invalid {
                field: "subject_category",
                message: format!("unknown subject category `{subject_category}`"),
            });
        }
        if let Some(b) = bsn
            && !zorgkluis_core::bsn::is_valid(b)
        {
            return Err(VaultError::Invalid {
                field: "bsn",
                message: "a BSN is nine digits that pass the 11-check".into(),
            });
        }
        let person = uuid::Uuid::new_v4().to_string();
        let decision = self.inner.policy.decide(&AccessRequest {
            supervised: actor.supervised,
            ..AccessRequest::new(&actor.role, Action::Write, "naw")
        });
        let mut event = self.event(actor, Some(&person), "register", Some("naw"), purpose);
        event.articles = decision.articles.join("; ");
        if !decision.allowed {
            event.outcome = "denied".into();
            return Err(self.deny(decision, event).await);
        }
        let key = DataKey::generate()?;
        self.reload_keys_if_rotated().await?;
        // Held until the wrapped key is committed: a rotation in this process waits, so it
        // cannot miss this row and leave it wrapped by a key it no longer uses.
        let keys = self.inner.keys.read().await;
        let (key_id, wrapped) = keys.wrap(&key, &self.inner.tenant, &person)?;
        let t = self.inner.tenant.clone();
        let bsn_hash = match bsn {
            Some(b) => Some(keys.bsn_hash(&t, b)?),
            None => None,
        };
        let mut statements = vec![
            Stmt::new(
                "INSERT INTO persons (tenant_id, id, subject_category, bsn_hash, created_at) VALUES ($1, $2, $3, $4, $5)",
                vec![
                    Arg::Text(t.clone()),
                    Arg::Text(person.clone()),
                    Arg::Text(subject_category.to_owned()),
                    Arg::OptBlob(bsn_hash),
                    Arg::Text(now()),
                ],
            ),
            Stmt::new(
                "INSERT INTO person_keys (tenant_id, person_id, master_key_id, wrapped_key) VALUES ($1, $2, $3, $4)",
                vec![
                    Arg::Text(t.clone()),
                    Arg::Text(person.clone()),
                    Arg::Text(key_id),
                    Arg::Blob(wrapped),
                ],
            ),
        ];
        if let Some(b) = bsn {
            statements.push(
                self.insert_record(
                    &key,
                    NewRecord {
                        person: &person,
                        category: "bsn",
                        kind: "original",
                        supersedes: None,
                        text: b,
                    },
                    actor,
                )?
                .1,
            );
        }
        self.inner.writer.submit(event, statements).await?;
        drop(keys);
        Ok(person)
    }

    fn insert_record(
        &self,
        key: &DataKey,
        new: NewRecord<'_>,
        actor: &Actor,
    ) -> Result<(String, Stmt), VaultError> {
        let NewRecord {
            person,
            category,
            kind,
            supersedes,
            text,
        } = new;
        // Time-ordered (v7): new records land at the end of the primary key's b-tree, so a
        // batch of inserts dirties a page or two instead of one per record (measured).
        let id = uuid::Uuid::now_v7().to_string();
        let sealed = key.seal(
            text.as_bytes(),
            &record_context(&self.inner.tenant, &id, category),
        )?;
        Ok((
            id.clone(),
            Stmt::new(
                "INSERT INTO records (tenant_id, id, person_id, category, kind, supersedes, content, created_at, created_by) \
                 VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9)",
                vec![
                    Arg::Text(self.inner.tenant.clone()),
                    Arg::Text(id),
                    Arg::Text(person.to_owned()),
                    Arg::Text(category.to_owned()),
                    Arg::Text(kind.to_owned()),
                    Arg::OptText(supersedes.map(str::to_owned)),
                    Arg::Blob(sealed),
                    Arg::Text(now()),
                    Arg::Text(actor.user_id.clone()),
                ],
            ),
        ))
    }

    /// Adds a dossier record.
    pub async fn add_record(
        &self,
        actor: &Actor,
        person: &str,
        category: &str,
        text: &str,
        purpose: &str,
    ) -> Result<String, VaultError> {
        Self::check_purpose(purpose)?;
        self.check_category(category)?;
        let facts = db::write_facts(
            &self.inner.pool,
            &self.inner.tenant,
            &actor.user_id,
            person,
            &today().to_string(),
        )
        .await?;
        let Some((care, wrapped)) = facts else {
            return Err(self.missing_person(person).await);
        };
        let (decision, event) =
            self.judge(actor, person, Action::Write, category, purpose, None, care);
        if !decision.allowed {
            return Err(self.deny(decision, event).await);
        }
        let key = self.unwrap(person, &wrapped).await?;
        let (id, stmt) = self.insert_record(
            &key,
            NewRecord {
                person,
                category,
                kind: "original",
                supersedes: None,
                text,
            },
            actor,
        )?;
        self.inner.writer.submit(event, vec![stmt]).await?;
        Ok(id)
    }

    /// Corrects a record: a new record supersedes it; the old one stays in the history.
    pub async fn correct_record(
        &self,
        actor: &Actor,
        record_id: &str,
        text: &str,
        purpose: &str,
    ) -> Result<String, VaultError> {
        self.amend(
            actor,
            record_id,
            text,
            purpose,
            Action::Correct,
            "correction",
        )
        .await
    }

    /// Adds the client's own statement to a record (aanvulling).
    pub async fn supplement_record(
        &self,
        actor: &Actor,
        record_id: &str,
        statement: &str,
        purpose: &str,
    ) -> Result<String, VaultError> {
        self.amend(
            actor,
            record_id,
            statement,
            purpose,
            Action::Write,
            "supplement",
        )
        .await
    }

    async fn amend(
        &self,
        actor: &Actor,
        record_id: &str,
        text: &str,
        purpose: &str,
        action: Action,
        kind: &str,
    ) -> Result<String, VaultError> {
        Self::check_purpose(purpose)?;
        let old = db::record(&self.inner.pool, &self.inner.tenant, record_id)
            .await?
            .ok_or_else(|| VaultError::NotFound(format!("record {record_id}")))?;
        let (decision, event) = self
            .decide(actor, &old.person_id, action, &old.category, purpose, None)
            .await?;
        if !decision.allowed {
            return Err(self.deny(decision, event).await);
        }
        let key = self.data_key(&old.person_id).await?;
        let (id, stmt) = self.insert_record(
            &key,
            NewRecord {
                person: &old.person_id,
                category: &old.category,
                kind,
                supersedes: Some(record_id),
                text,
            },
            actor,
        )?;
        self.inner.writer.submit(event, vec![stmt]).await?;
        Ok(id)
    }

    /// Reads one category of a person's dossier. With `emergency_reason`, breaks the glass where
    /// the reglement allows it; the access is flagged for review.
    pub async fn read_category(
        &self,
        actor: &Actor,
        person: &str,
        category: &str,
        purpose: &str,
        emergency_reason: Option<&str>,
    ) -> Result<Vec<Record>, VaultError> {
        Self::check_purpose(purpose)?;
        self.check_category(category)?;
        // The ciphertext comes with the facts of the decision; it is opened only after the
        // access is decided and its audit event committed.
        let facts = db::read_facts(
            &self.inner.pool,
            &self.inner.tenant,
            &actor.user_id,
            person,
            &today().to_string(),
            category,
        )
        .await?;
        // Without a key there is nothing to read: the person is unknown or erased.
        let Some(facts) = facts else {
            return Err(self.missing_person(person).await);
        };
        let (decision, mut event) = self.judge(
            actor,
            person,
            Action::Read,
            category,
            purpose,
            emergency_reason,
            facts.care,
        );
        if !decision.allowed {
            return Err(self.deny(decision, event).await);
        }
        let key = self.unwrap(person, &facts.key).await?;
        if let Some(reason) = emergency_reason.filter(|_| decision.emergency) {
            event.reason = Some(key.seal(reason.as_bytes(), b"audit-reason")?);
        }
        let receipt = self.inner.writer.submit(event, Vec::new()).await?;
        self.open_records(&key, facts.records, &receipt)
    }

    fn open_records(
        &self,
        key: &DataKey,
        sealed: Vec<SealedRecord>,
        receipt: &Receipt,
    ) -> Result<Vec<Record>, VaultError> {
        sealed
            .into_iter()
            .map(|r| {
                let plain = r.content.open(
                    key,
                    &record_context(&self.inner.tenant, &r.id, &r.category),
                    receipt,
                )?;
                Ok(Record {
                    id: r.id,
                    person_id: r.person_id,
                    category: r.category,
                    kind: r.kind,
                    supersedes: r.supersedes,
                    text: String::from_utf8_lossy(&plain).into_owned(),
                    created_at: r.created_at,
                    created_by: r.created_by,
                })
            })
            .collect()
    }

    /// The whole dossier as this actor may see it: each category decided and logged; what is
    /// not allowed is listed as withheld, with the reason.
    pub async fn dossier(
        &self,
        actor: &Actor,
        person: &str,
        purpose: &str,
    ) -> Result<DossierView, VaultError> {
        self.view(actor, person, purpose, Action::Read).await
    }

    /// Exports a person's data (copy, portability): every category decided and logged.
    pub async fn export_person(
        &self,
        actor: &Actor,
        person: &str,
        purpose: &str,
    ) -> Result<DossierView, VaultError> {
        self.view(actor, person, purpose, Action::Export).await
    }

    async fn view(
        &self,
        actor: &Actor,
        person: &str,
        purpose: &str,
        action: Action,
    ) -> Result<DossierView, VaultError> {
        Self::check_purpose(purpose)?;
        let key = self.data_key(person).await?;
        let sealed = db::records(&self.inner.pool, &self.inner.tenant, person, None).await?;
        let mut categories: Vec<String> = sealed.iter().map(|r| r.category.clone()).collect();
        categories.sort();
        categories.dedup();
        let mut records = Vec::new();
        let mut withheld = Vec::new();
        for category in categories {
            let (decision, event) = self
                .decide(actor, person, action, &category, purpose, None)
                .await?;
            let receipt = self.inner.writer.submit(event, Vec::new()).await?;
            if decision.allowed {
                let mine: Vec<SealedRecord> = sealed
                    .iter()
                    .filter(|r| r.category == category)
                    .cloned()
                    .collect();
                records.extend(self.open_records(&key, mine, &receipt)?);
            } else {
                withheld.push(Withheld { category, decision });
            }
        }
        Ok(DossierView { records, withheld })
    }

    /// Finds a person by BSN (through its keyed hash); the lookup is logged.
    pub async fn find_by_bsn(
        &self,
        actor: &Actor,
        bsn: &str,
        purpose: &str,
    ) -> Result<Option<String>, VaultError> {
        Self::check_purpose(purpose)?;
        if !zorgkluis_core::bsn::is_valid(bsn) {
            return Err(VaultError::Invalid {
                field: "bsn",
                message: "a BSN is nine digits that pass the 11-check".into(),
            });
        }
        let hash = self
            .inner
            .keys
            .read()
            .await
            .bsn_hash(&self.inner.tenant, bsn)?;
        let found = db::person_by_bsn_hash(&self.inner.pool, &self.inner.tenant, &hash).await?;
        let decision = self.inner.policy.decide(&AccessRequest {
            supervised: actor.supervised,
            ..AccessRequest::new(&actor.role, Action::Read, "bsn")
        });
        let mut event = self.event(actor, found.as_deref(), "find_by_bsn", Some("bsn"), purpose);
        event.articles = decision.articles.join("; ");
        if !decision.allowed {
            event.outcome = "denied".into();
            return Err(self.deny(decision, event).await);
        }
        self.inner.writer.submit(event, Vec::new()).await?;
        Ok(found)
    }

    /// Records the identity check of a person (date, document type and number, valid until).
    pub async fn record_identity_check(
        &self,
        actor: &Actor,
        person: &str,
        checked_on: Date,
        document_type: &str,
        document_number: &str,
        valid_until: Date,
    ) -> Result<String, VaultError> {
        if document_number.trim().is_empty() {
            return Err(VaultError::Invalid {
                field: "document_number",
                message: "empty".into(),
            });
        }
        let (decision, event) = self
            .decide(
                actor,
                person,
                Action::Write,
                "identiteitsbewijs",
                "identiteitscontrole",
                None,
            )
            .await?;
        if !decision.allowed {
            return Err(self.deny(decision, event).await);
        }
        let key = self.data_key(person).await?;
        let id = uuid::Uuid::new_v4().to_string();
        let sealed = key.seal(
            document_number.as_bytes(),
            format!("identity\0{}\0{id}", self.inner.tenant).as_bytes(),
        )?;
        let stmt = Stmt::new(
            "INSERT INTO identity_checks (tenant_id, id, person_id, checked_on, document_type, document_number, valid_until, checked_by) \
             VALUES ($1, $2, $3, $4, $5, $6, $7, $8)",
            vec![
                Arg::Text(self.inner.tenant.clone()),
                Arg::Text(id.clone()),
                Arg::Text(person.to_owned()),
                Arg::Text(checked_on.to_string()),
                Arg::Text(document_type.to_owned()),
                Arg::Blob(sealed),
                Arg::Text(valid_until.to_string()),
                Arg::Text(actor.user_id.clone()),
            ],
        );
        self.inner.writer.submit(event, vec![stmt]).await?;
        Ok(id)
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
        if db::person(&self.inner.pool, &self.inner.tenant, person)
            .await?
            .is_none()
        {
            return Err(VaultError::NotFound(format!("person {person}")));
        }
        let mut event = self.event(actor, Some(person), "assign_care", None, "zorgrelatie");
        event.articles = format!("zorgrelatie {user}");
        let stmt = Stmt::new(
            "INSERT INTO care_relationships (tenant_id, user_id, person_id, valid_from, valid_until) VALUES ($1, $2, $3, $4, $5)",
            vec![
                Arg::Text(self.inner.tenant.clone()),
                Arg::Text(user.to_owned()),
                Arg::Text(person.to_owned()),
                Arg::Text(from.to_string()),
                Arg::OptText(until.map(|d| d.to_string())),
            ],
        );
        self.inner.writer.submit(event, vec![stmt]).await?;
        Ok(())
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
        let mut event = self.event(actor, Some(person), "end_care", None, "zorgrelatie");
        event.articles = format!("zorgrelatie {user} tot en met {on}");
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
        self.submit_change(event, stmt, || {
            format!("an open care relationship of {user}")
        })
        .await
    }

    /// Submits a statement that must change a row; if there is none, `missing` names what
    /// was not found.
    async fn submit_change(
        &self,
        event: NewEvent,
        stmt: Stmt,
        missing: impl FnOnce() -> String,
    ) -> Result<(), VaultError> {
        match self.inner.writer.submit(event, vec![stmt]).await {
            Ok(_) => Ok(()),
            Err(StoreError::NotFound(_)) => Err(VaultError::NotFound(missing())),
            Err(other) => Err(VaultError::Store(other)),
        }
    }

    /// Erases a person by destroying their data key (crypto-shredding) and deleting their
    /// ciphertext. The erasure is first written to the list outside the database, so a restored
    /// backup cannot bring the person back; the audit trail stays verifiable.
    pub async fn erase_person(
        &self,
        actor: &Actor,
        person: &str,
        purpose: &str,
    ) -> Result<(), VaultError> {
        let (decision, event) = self
            .decide(actor, person, Action::Erase, "naw", purpose, None)
            .await?;
        if !decision.allowed {
            return Err(self.deny(decision, event).await);
        }
        match db::person(&self.inner.pool, &self.inner.tenant, person).await? {
            None => return Err(VaultError::NotFound(format!("person {person}"))),
            Some(p) if p.erased => return Err(VaultError::Erased(person.to_owned())),
            Some(_) => {}
        }
        self.remember_erasure(person)?;
        self.inner
            .writer
            .submit(event, self.erase_statements(person))
            .await?;
        self.flush_deleted_pages().await?;
        Ok(())
    }

    fn erase_statements(&self, person: &str) -> Vec<Stmt> {
        let t = || Arg::Text(self.inner.tenant.clone());
        let p = || Arg::Text(person.to_owned());
        vec![
            Stmt::new(
                "DELETE FROM records WHERE tenant_id = $1 AND person_id = $2",
                vec![t(), p()],
            ),
            Stmt::new(
                "DELETE FROM identity_checks WHERE tenant_id = $1 AND person_id = $2",
                vec![t(), p()],
            ),
            Stmt::must_change(
                "DELETE FROM person_keys WHERE tenant_id = $1 AND person_id = $2",
                vec![t(), p()],
            ),
            Stmt::new(
                "UPDATE persons SET erased_at = $3, bsn_hash = NULL WHERE tenant_id = $1 AND id = $2",
                vec![t(), p(), Arg::Text(now())],
            ),
        ]
    }

    fn remember_erasure(&self, person: &str) -> Result<(), StoreError> {
        use std::io::Write as _;
        let path = self.inner.location.erased_file();
        let mut file = std::fs::OpenOptions::new()
            .create(true)
            .append(true)
            .open(&path)?;
        file.write_all(format!("{} {person}\n", self.inner.tenant).as_bytes())?;
        file.sync_data()?;
        Ok(())
    }

    /// SQLite keeps old pages in the WAL until a checkpoint: fold them into the (zeroed) file.
    async fn flush_deleted_pages(&self) -> Result<(), StoreError> {
        if self.backend() == Backend::Sqlite {
            sqlx::query("PRAGMA wal_checkpoint(TRUNCATE)")
                .execute(&*self.inner.pool)
                .await?;
        }
        Ok(())
    }

    /// Destroys again the keys of persons erased after the backup that was restored.
    async fn reapply_erasures(&self) -> Result<(), VaultError> {
        let text = match std::fs::read_to_string(self.inner.location.erased_file()) {
            Ok(t) => t,
            Err(e) if e.kind() == std::io::ErrorKind::NotFound => return Ok(()),
            Err(e) => return Err(StoreError::Io(e).into()),
        };
        let mut again = 0;
        for line in text.lines() {
            let Some((tenant, person)) = line.split_once(' ') else {
                continue;
            };
            if tenant != self.inner.tenant {
                continue;
            }
            if db::wrapped_key(&self.inner.pool, tenant, person)
                .await?
                .is_some()
            {
                let event = self.event(
                    &Actor::system("restore"),
                    Some(person),
                    "erase_reapplied",
                    None,
                    "verwijdering na herstel",
                );
                self.inner
                    .writer
                    .submit(event, self.erase_statements(person))
                    .await?;
                again += 1;
            }
        }
        if again > 0 {
            self.flush_deleted_pages().await?;
        }
        Ok(())
    }

    /// The overview a client may ask for: who looked at the file, when and why. Reading it is
    /// logged too.
    pub async fn audit_for_person(
        &self,
        actor: &Actor,
        person: &str,
    ) -> Result<Vec<AuditEvent>, VaultError> {
        let mut event = self.event(actor, Some(person), "read_audit", None, "inzage logging");
        event.articles = "NEN 7513".into();
        self.inner.writer.submit(event, Vec::new()).await?;
        Ok(db::events_for_person(&self.inner.pool, &self.inner.tenant, person).await?)
    }

    /// Proves every tenant's chain and the signed checkpoints, or names the first event that
    /// was altered, removed, inserted or reordered, or the checkpoint the chain falls short of.
    pub async fn verify_audit(&self) -> Result<VerifyReport, VaultError> {
        let keys = self.inner.keys.read().await;
        Ok(crate::verify::verify(&self.inner.pool, &self.inner.location, &keys).await?)
    }

    /// Rotates the master key: a new key wraps every data key again; content is not touched.
    pub async fn rotate_keys(&self, actor: &Actor) -> Result<usize, VaultError> {
        if std::env::var("ZORGKLUIS_MASTER_KEY").is_ok() {
            return Err(VaultError::Invalid {
                field: "ZORGKLUIS_MASTER_KEY",
                message: "the keys come from the environment: rotate them in the secrets manager and with a key file".into(),
            });
        }
        let mut keys = self.inner.keys.write().await;
        // Another process may have rotated since this one read the file: start from the file,
        // or the new key could take an id already in use and the save drop the other's key.
        *keys = MasterKeys::load(&self.inner.location.key_file())?;
        keys.add_new()?;
        // The new key is saved before anything is wrapped with it, and the old ones stay in the
        // file until every wrap is done: a crash in between loses nothing.
        keys.save(&self.inner.location.key_file())?;
        if let Ok(mut m) = self.inner.keys_modified.lock() {
            *m = std::fs::metadata(self.inner.location.key_file())
                .and_then(|m| m.modified())
                .ok();
        }
        // Every data key not yet wrapped by the new key. A server running meanwhile may
        // register persons with the old key until it notices the new file: further passes
        // catch them. The old keys stay in the file, unused for wrapping: backups made before
        // this rotation are wrapped by them. To retire a compromised key for good, discard
        // those backups and remove its line (docs/operations.md).
        let current = keys.current_id().to_owned();
        let mut count = 0;
        for _pass in 0..5 {
            let rows = sqlx::query(
                "SELECT tenant_id, person_id, master_key_id, wrapped_key FROM person_keys WHERE master_key_id <> $1",
            )
            .bind(&current)
            .fetch_all(&*self.inner.pool)
            .await?;
            if rows.is_empty() {
                break;
            }
            let mut tx = self.inner.pool.begin().await?;
            for r in &rows {
                let (tenant, person): (String, String) = (r.try_get(0)?, r.try_get(1)?);
                let (key_id, wrapped): (String, Vec<u8>) = (r.try_get(2)?, r.try_get(3)?);
                let key = keys.unwrap_key(&key_id, &wrapped, &tenant, &person)?;
                let (new_id, new_wrapped) = keys.wrap(&key, &tenant, &person)?;
                sqlx::query("UPDATE person_keys SET master_key_id = $1, wrapped_key = $2 WHERE tenant_id = $3 AND person_id = $4 AND master_key_id = $5")
                    .bind(new_id)
                    .bind(new_wrapped)
                    .bind(&tenant)
                    .bind(&person)
                    .bind(&key_id)
                    .execute(&mut *tx)
                    .await?;
                count += 1;
            }
            tx.commit().await?;
        }
        drop(keys);
        let mut event = self.event(actor, None, "keys_rotate", None, "sleutelrotatie");
        event.articles = format!("{count} sleutels");
        self.inner.writer.submit(event, Vec::new()).await?;
        Ok(count)
    }

    /// An online backup of the embedded database (SQLite `VACUUM INTO`). Keys, checkpoints and
    /// the erasure list stay outside it.
    pub async fn backup(&self, destination: &Path) -> Result<(), VaultError> {
        if self.backend() != Backend::Sqlite {
            return Err(VaultError::Invalid {
                field: "backend",
                message: "back up PostgreSQL with pg_dump (docs/operations.md)".into(),
            });
        }
        if destination.exists() {
            return Err(VaultError::Invalid {
                field: "destination",
                message: "the file exists".into(),
            });
        }
        sqlx::query("VACUUM INTO $1")
            .bind(destination.display().to_string())
            .execute(&*self.inner.pool)
            .await?;
        self.log_operation(
            &Actor::system("backup"),
            "backup",
            &destination.display().to_string(),
        )
        .await
    }

    /// Makes an API token for another system, acting in `role`. Returns the token: it is shown
    /// once, only its hash is kept.
    pub async fn create_token(
        &self,
        actor: &Actor,
        name: &str,
        role: &str,
    ) -> Result<String, VaultError> {
        if name.trim().is_empty() || name.len() > 100 {
            return Err(VaultError::Invalid {
                field: "name",
                message: "1 to 100 characters".into(),
            });
        }
        self.check_role(role)?;
        let exists = sqlx::query("SELECT 1 FROM api_tokens WHERE tenant_id = $1 AND name = $2")
            .bind(&self.inner.tenant)
            .bind(name)
            .fetch_optional(&*self.inner.pool)
            .await?;
        if exists.is_some() {
            return Err(VaultError::Invalid {
                field: "name",
                message: "a token with this name exists".into(),
            });
        }
        let mut secret = [0u8; 32];
        getrandom::fill(&mut secret).map_err(|e| StoreError::Crypto(e.to_string()))?;
        let token = format!("zk_{}", hex::encode(secret));
        let mut event = self.event(actor, None, "token_create", None, "beheer");
        event.articles = format!("{name} ({role})");
        let stmt = Stmt::new(
            "INSERT INTO api_tokens (tenant_id, name, role, token_hash, created_at) VALUES ($1, $2, $3, $4, $5)",
            vec![
                Arg::Text(self.inner.tenant.clone()),
                Arg::Text(name.to_owned()),
                Arg::Text(role.to_owned()),
                Arg::Blob(sha256(&[token.as_bytes()]).to_vec()),
                Arg::Text(now()),
            ],
        );
        self.inner
            .writer
            .submit(event, vec![stmt])
            .await
            .map_err(|e| match e {
                // Made meanwhile by another process: the primary key refuses the second.
                StoreError::Database(_) | StoreError::Sqlite(_) => VaultError::Invalid {
                    field: "name",
                    message: "a token with this name exists".into(),
                },
                other => VaultError::Store(other),
            })?;
        Ok(token)
    }

    /// Revokes the API token `name`: from now on it stands for nobody. Logged.
    pub async fn revoke_token(&self, actor: &Actor, name: &str) -> Result<(), VaultError> {
        if name.trim().is_empty() || name.len() > 100 {
            return Err(VaultError::Invalid {
                field: "name",
                message: "1 to 100 characters".into(),
            });
        }
        let mut event = self.event(actor, None, "token_revoke", None, "beheer");
        event.articles = name.to_owned();
        let stmt = Stmt::must_change(
            "UPDATE api_tokens SET revoked_at = $1 WHERE tenant_id = $2 AND name = $3 AND revoked_at IS NULL",
            vec![
                Arg::Text(now()),
                Arg::Text(self.inner.tenant.clone()),
                Arg::Text(name.to_owned()),
            ],
        );
        self.submit_change(event, stmt, || {
            format!("token {name} (or it is revoked already)")
        })
        .await
    }

    /// The API tokens: name, role, made, revoked. Never the tokens themselves (only their
    /// hashes are stored).
    pub async fn tokens(&self) -> Result<Vec<TokenInfo>, VaultError> {
        let rows = sqlx::query(
            "SELECT name, role, created_at, revoked_at FROM api_tokens WHERE tenant_id = $1 ORDER BY name",
        )
        .bind(&self.inner.tenant)
        .fetch_all(&*self.inner.pool)
        .await?;
        rows.iter()
            .map(|r| {
                Ok(TokenInfo {
                    name: r.try_get(0)?,
                    role: r.try_get(1)?,
                    created_at: r.try_get(2)?,
                    revoked_at: r.try_get(3)?,
                })
            })
            .collect()
    }

    /// The actor an API token stands for, if it is valid.
    pub async fn actor_for_token(
        &self,
        token: &str,
        source: &str,
    ) -> Result<Option<Actor>, VaultError> {
        let mut conn = self.inner.pool.connection().await?;
        let row = sqlx::query(
            "SELECT name, role FROM api_tokens WHERE tenant_id = $1 AND token_hash = $2 AND revoked_at IS NULL",
        )
        .bind(&self.inner.tenant)
        .bind(sha256(&[token.as_bytes()]).to_vec())
        .fetch_optional(&mut *conn)
        .await?;
        self.inner.pool.keep(conn);
        Ok(match row {
            Some(r) => Some(Actor {
                user_id: r.try_get::<String, _>(0)?,
                role: r.try_get(1)?,
                on_behalf_of: None,
                source: source.to_owned(),
                supervised: false,
            }),
            None => None,
        })
    }

    /// The ids of the persons this actor works with: a caregiver's or trainee's own clients (a
    /// care relationship today), everyone for other roles. Ids only, no personal data; the
    /// listing is logged.
    pub async fn list_persons(
        &self,
        actor: &Actor,
        offset: i64,
        limit: i64,
    ) -> Result<Vec<String>, VaultError> {
        let own_clients = matches!(actor.role.as_str(), "zorgverlener" | "stagiair");
        let rows = if own_clients {
            sqlx::query(
                "SELECT p.id FROM persons p JOIN care_relationships c ON c.tenant_id = p.tenant_id AND c.person_id = p.id \
                 WHERE p.tenant_id = $1 AND p.erased_at IS NULL AND c.user_id = $2 AND c.valid_from <= $3 \
                 AND (c.valid_until IS NULL OR c.valid_until >= $3) ORDER BY p.created_at, p.id LIMIT $4 OFFSET $5",
            )
            .bind(&self.inner.tenant)
            .bind(&actor.user_id)
            .bind(today().to_string())
            .bind(limit)
            .bind(offset)
            .fetch_all(&*self.inner.pool)
            .await?
        } else {
            sqlx::query(
                "SELECT id FROM persons WHERE tenant_id = $1 AND erased_at IS NULL ORDER BY created_at, id LIMIT $2 OFFSET $3",
            )
            .bind(&self.inner.tenant)
            .bind(limit)
            .bind(offset)
            .fetch_all(&*self.inner.pool)
            .await?
        };
        let mut event = self.event(actor, None, "list_persons", None, "overzicht");
        event.articles = if own_clients {
            "zorgrelatie".into()
        } else {
            String::new()
        };
        self.inner.writer.submit(event, Vec::new()).await?;
        Ok(rows
            .iter()
            .map(|r| r.try_get::<String, _>(0))
            .collect::<Result<_, _>>()?)
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
        if id.trim().is_empty() || id.len() > 100 || id.contains(char::is_whitespace) {
            return Err(VaultError::Invalid {
                field: "id",
                message: "1 to 100 characters, no spaces".into(),
            });
        }
        self.check_role(role)?;
        if password.chars().count() < 12 {
            return Err(VaultError::Invalid {
                field: "password",
                message: "at least 12 characters".into(),
            });
        }
        let exists = sqlx::query("SELECT 1 FROM users WHERE tenant_id = $1 AND id = $2")
            .bind(&self.inner.tenant)
            .bind(id)
            .fetch_optional(&*self.inner.pool)
            .await?;
        if exists.is_some() {
            return Err(VaultError::Invalid {
                field: "id",
                message: "this user exists".into(),
            });
        }
        let password = password.to_owned();
        let hash = tokio::task::spawn_blocking(move || {
            use argon2::password_hash::PasswordHasher as _;
            argon2::Argon2::default()
                .hash_password(password.as_bytes())
                .map(|h| h.to_string())
        })
        .await
        .map_err(|e| StoreError::Crypto(e.to_string()))?
        .map_err(|e| StoreError::Crypto(e.to_string()))?;
        let mut event = self.event(actor, None, "user_create", None, "beheer");
        event.articles = format!("{id} ({role})");
        let stmt = Stmt::new(
            "INSERT INTO users (tenant_id, id, role, password_hash, supervised, created_at) VALUES ($1, $2, $3, $4, $5, $6)",
            vec![
                Arg::Text(self.inner.tenant.clone()),
                Arg::Text(id.to_owned()),
                Arg::Text(role.to_owned()),
                Arg::Text(hash),
                Arg::Int(i64::from(supervised)),
                Arg::Text(now()),
            ],
        );
        self.inner.writer.submit(event, vec![stmt]).await?;
        Ok(())
    }

    /// Checks a password and opens a session. Every attempt is logged; a failure does not say
    /// whether the user exists.
    pub async fn login(
        &self,
        user: &str,
        password: &str,
        source: &str,
    ) -> Result<Option<Session>, VaultError> {
        let row = sqlx::query(
            "SELECT role, password_hash, supervised FROM users WHERE tenant_id = $1 AND id = $2 AND disabled_at IS NULL",
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
        let actor = Actor {
            user_id: user.to_owned(),
            role: found
                .as_ref()
                .map_or_else(|| "onbekend".to_owned(), |f| f.0.clone()),
            on_behalf_of: None,
            source: source.to_owned(),
            supervised: found.as_ref().is_some_and(|f| f.2),
        };
        let mut event = self.event(&actor, None, "login", None, "aanmelden");
        let Some(_) = found.filter(|_| ok) else {
            event.outcome = "denied".into();
            self.inner.writer.submit(event, Vec::new()).await?;
            return Ok(None);
        };
        let mut secret = [0u8; 32];
        getrandom::fill(&mut secret).map_err(|e| StoreError::Crypto(e.to_string()))?;
        let token = hex::encode(secret);
        getrandom::fill(&mut secret).map_err(|e| StoreError::Crypto(e.to_string()))?;
        let csrf = hex::encode(secret);
        let now_s = jiff::Timestamp::now().as_second();
        let stmt = Stmt::new(
            "INSERT INTO sessions (token_hash, tenant_id, user_id, csrf, created_at, last_seen) VALUES ($1, $2, $3, $4, $5, $6)",
            vec![
                Arg::Blob(sha256(&[token.as_bytes()]).to_vec()),
                Arg::Text(self.inner.tenant.clone()),
                Arg::Text(user.to_owned()),
                Arg::Text(csrf.clone()),
                Arg::Int(now_s),
                Arg::Int(now_s),
            ],
        );
        self.inner.writer.submit(event, vec![stmt]).await?;
        Ok(Some(Session { token, csrf, actor }))
    }

    /// The session of a cookie token, if it is open: not idle longer than `SESSION_IDLE`, not
    /// older than `SESSION_MAX`. Refreshes its idle clock.
    pub async fn session(&self, token: &str, source: &str) -> Result<Option<Session>, VaultError> {
        let hash = sha256(&[token.as_bytes()]).to_vec();
        let mut conn = self.inner.pool.connection().await?;
        let row = sqlx::query(
            "SELECT s.user_id, s.csrf, s.created_at, s.last_seen, u.role, u.supervised FROM sessions s \
             JOIN users u ON u.tenant_id = s.tenant_id AND u.id = s.user_id \
             WHERE s.token_hash = $1 AND s.tenant_id = $2 AND u.disabled_at IS NULL",
        )
        .bind(&hash)
        .bind(&self.inner.tenant)
        .fetch_optional(&mut *conn)
        .await?;
        self.inner.pool.keep(conn);
        let Some(r) = row else { return Ok(None) };
        let now_s = jiff::Timestamp::now().as_second();
        let (created, last): (i64, i64) = (r.try_get(2)?, r.try_get(3)?);
        if now_s - last > SESSION_IDLE_SECONDS || now_s - created > SESSION_MAX_SECONDS {
            sqlx::query("DELETE FROM sessions WHERE token_hash = $1")
                .bind(&hash)
                .execute(&*self.inner.pool)
                .await?;
            return Ok(None);
        }
        if now_s - last > 30 {
            sqlx::query("UPDATE sessions SET last_seen = $1 WHERE token_hash = $2")
                .bind(now_s)
                .bind(&hash)
                .execute(&*self.inner.pool)
                .await?;
        }
        Ok(Some(Session {
            token: token.to_owned(),
            csrf: r.try_get(1)?,
            actor: Actor {
                user_id: r.try_get(0)?,
                role: r.try_get(4)?,
                on_behalf_of: None,
                source: source.to_owned(),
                supervised: r.try_get::<i64, _>(5)? != 0,
            },
        }))
    }

    /// Ends a session.
    pub async fn logout(&self, session: &Session) -> Result<(), VaultError> {
        let event = self.event(&session.actor, None, "logout", None, "afmelden");
        let stmt = Stmt::new(
            "DELETE FROM sessions WHERE token_hash = $1",
            vec![Arg::Blob(sha256(&[session.token.as_bytes()]).to_vec())],
        );
        self.inner.writer.submit(event, vec![stmt]).await?;
        Ok(())
    }

    /// Emergency accesses, newest first, for the privacy officer's review.
    pub async fn emergency_events(
        &self,
        actor: &Actor,
        limit: i64,
    ) -> Result<Vec<AuditEvent>, VaultError> {
        let mut event = self.event(actor, None, "read_audit", None, "beoordeling noodtoegang");
        event.articles = "NEN 7513".into();
        self.inner.writer.submit(event, Vec::new()).await?;
        let rows = sqlx::query(sqlx::AssertSqlSafe(format!(
            "SELECT {} FROM audit_events WHERE tenant_id = $1 AND emergency <> 0 ORDER BY seq DESC LIMIT $2",
            db::EVENT_COLUMNS
        )))
        .bind(&self.inner.tenant)
        .bind(limit)
        .fetch_all(&*self.inner.pool)
        .await?;
        Ok(rows
            .iter()
            .map(db::event_from_row)
            .collect::<Result<_, _>>()?)
    }

    /// The person a record belongs to (an id, no content), to return to their dossier.
    pub async fn record_person(&self, record: &str) -> Option<String> {
        db::record(&self.inner.pool, &self.inner.tenant, record)
            .await
            .ok()
            .flatten()
            .map(|r| r.person_id)
    }

    /// Whether the database answers (readiness).
    pub async fn ready(&self) -> bool {
        sqlx::query("SELECT 1")
            .execute(&*self.inner.pool)
            .await
            .is_ok()
    }

    /// Logs an operation on the installation (backup, restore) that touches no one's data.
    pub async fn log_operation(
        &self,
        actor: &Actor,
        action: &str,
        note: &str,
    ) -> Result<(), VaultError> {
        let mut event = self.event(actor, None, action, None, "beheer");
        event.articles = note.to_owned();
        self.inner.writer.submit(event, Vec::new()).await?;
        Ok(())
    }
}

/// Restores from a backup. The vault must be closed. For the embedded database `backup` is the
/// file `backup` wrote; for PostgreSQL, restore the dump with `pg_restore` first and pass
/// `None`. Either way the checkpoints of events after the backup are kept aside (they record
/// what the restore lost), and opening the vault re-applies every erasure made since.
pub fn restore(location: &Location, backup: Option<&Path>) -> Result<(), StoreError> {
    match (location.sqlite_file(), backup) {
        (Some(db_file), Some(backup)) => {
            if !backup.exists() {
                return Err(StoreError::NotFound(backup.display().to_string()));
            }
            let name = db_file
                .file_name()
                .map(|n| n.to_string_lossy().into_owned())
                .unwrap_or_default();
            for suffix in ["-wal", "-shm"] {
                let side = db_file.with_file_name(format!("{name}{suffix}"));
                if side.exists() {
                    std::fs::remove_file(side)?;
                }
            }
            std::fs::copy(backup, &db_file)?;
        }
        (Some(_), None) => {
            return Err(StoreError::Invalid {
                field: "file",
                message: "the embedded database is restored from a backup file".into(),
            });
        }
        (None, Some(_)) => {
            return Err(StoreError::Invalid {
                field: "file",
                message: "restore PostgreSQL with pg_restore, then run restore without a file (docs/operations.md)".into(),
            });
        }
        (None, None) => {}
    }
    let checkpoints = location.checkpoint_file();
    if checkpoints.exists() {
        let stamp = jiff::Timestamp::now().as_second();
        std::fs::rename(
            &checkpoints,
            location
                .data_dir
                .join(format!("audit-checkpoints.before-restore-{stamp}.log")),
        )?;
    }
    Ok(())
}

#[cfg(test)]
mod tests {
    use super::today_in_nl;
    use jiff::civil::date;

    fn at(s: &str) -> jiff::civil::Date {
        today_in_nl(s.parse().unwrap())
    }

    #[test]
    fn dutch_dates_follow_cet_and_cest() {
        // Winter: UTC+1. 23:30 UTC on 31 January is already 1 February in Amsterdam.
        assert_eq!(at("2026-01-31T23:30:00Z"), date(2026, 2, 1));
        assert_eq!(at("2026-01-31T22:30:00Z"), date(2026, 1, 31));
        // Summer (29 March to 25 October 2026): UTC+2.
        assert_eq!(at("2026-06-30T22:30:00Z"), date(2026, 7, 1));
        assert_eq!(at("2026-06-30T21:30:00Z"), date(2026, 6, 30));
        // The switch: 29 March 2026, 01:00 UTC.
        assert_eq!(at("2026-03-28T22:59:00Z"), date(2026, 3, 28));
        assert_eq!(at("2026-10-31T23:30:00Z"), date(2026, 11, 1));
    }
}
