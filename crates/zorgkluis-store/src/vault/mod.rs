//! The one access path. Every read, write, correction, erasure and export of personal data is
//! (a) decided by the reglement, (b) written to the audit log in the same transaction as the
//! change (for a read: committed before anything is decrypted), and (c) only then decrypted or
//! committed. Denied attempts are logged too.
//!
//! The vault is split by what it does, one room each: [`access`] (deciding and logging, the
//! only caller of the policy engine), [`persons`] (registration, identification facts, search,
//! lists, identity checks), [`records`] (the dossier), [`care`] (care teams), [`audit_log`]
//! (reading the log: a client's access log, the emergency review), [`erasure`] and
//! [`operations`] (keys, backup, restore, verification, the overview). New capabilities get a
//! room of their own beside these: data-subject requests in `requests` and their carrying
//! out as an export in `export`, consent records in `consents`, objections (art. 21 AVG) in
//! `objections` and the disclosure ledger in `disclosures`, retention runs in `retention`, the
//! registers of incidents and complaints in `incidents` and `complaints`, bulk import in
//! `import`; registers that hold no personal data of a client, and reports, live beside the
//! vault.

mod access;
mod annual_report;
mod audit_log;
mod care;
mod category_keys;
mod complaints;
mod consents;
mod disclosure_pages;
mod disclosures;
mod do_not_contact;
mod erasure;
mod erasure_request;
mod export;
mod extensions;
pub mod fhir;
mod holds;
mod identity;
mod import;
mod incidents;
mod log_review;
mod objections;
mod operations;
mod persons;
mod portal;
mod processors;
mod recipient_notices;
mod records;
mod register_import;
mod register_sheets;
mod reglement_versions;
mod representation;
mod requests;
mod research;
mod restriction_request;
mod restrictions;
mod retention;
mod retention_status;
mod search;
mod transfer_request;
mod transfers;

use std::sync::Arc;

use tokio::sync::RwLock;
use zorgkluis_core::decide::{AccessDecision, AccessPolicy, SYSTEM_ROLE};
use zorgkluis_core::taxonomy::IdKind;
use zorgkluis_core::{Lang, Reglement};

use crate::StoreError;
use crate::db::{self, Backend, Location};
use crate::keys::{MasterKeys, sha256};
use crate::sealed::DataKey;
use crate::writer::Writer;

pub use crate::verify::{TenantChain, VerifyMethod, VerifyReport};
pub use access::ListScope;
pub use audit_log::{AccessLog, EmergencyAccess, Reason};
pub use complaints::{Complaint, ComplaintDecision, Extension, NewComplaint, parse_outcome};
pub use consents::{
    CONSENT_CATEGORY, ConsentEvidence, ConsentRecord, ConsentWithdrawal, NewConsent,
};
pub use disclosure_pages::DisclosureEntry;
pub use disclosures::{
    Disclosure, DisclosureNotice, DisclosureOutcome, NewDisclosure, NewRecipient, NoticeLetter,
    NoticeOutcome, Recipient,
};
pub use do_not_contact::{ContactCheck, DO_NOT_CONTACT_ARTICLE, DoNotContact};
pub use erasure::{
    CategoryErasure, ErasedCategory, ErasureCertificate, RefusalGround, RefusedCategory,
};
pub use export::{
    AccessEntry, EXPORT_FORMAT, ExportCategory, ExportConsent, ExportDisclosure, ExportEntry,
    ExportOrganisation, ExportRelease, ExportRequest, ExportSubject, ExportVersion, NotIncluded,
    SubjectExport, WithheldEntry, carried_out_by_export, has_fhir_bundle,
};
pub use extensions::{NewRetentionExtension, RetentionExtension};
pub use holds::{Hold, NewHold};
pub use identity::{DOCUMENT_TYPES, check_identity_document};
pub use import::{
    ImportCare, ImportItem, ImportPerson, ImportPlan, ImportProblem, ImportRecord, ImportedPerson,
    RECORDS_PER_JOB,
};
pub use incidents::Incident;
pub use log_review::{FlagClosing, LogReviewFlag, LogReviewRun};
pub use objections::{
    FiledObjection, NewObjection, ObjectionDecision, ObjectionRecord, ObjectionWithdrawal,
};
pub use operations::{Overview, restore, verify_installation};
pub use persons::{ClientPage, ClientSummary, NewPerson, PersonFacts};
pub use portal::{PortalFiling, PortalItem};
pub use processors::{
    NewAsset, NewProcessor, PrivacyAsset, ProcessorAgreement, REVIEW_REMINDER_DAYS,
};
pub use recipient_notices::{ART_19, RecipientNotice, Telling, ToTell};
pub use records::{Amendment, DossierView, Record, Withheld};
pub use register_import::{ImportOutcome, SheetProblem};
pub use register_sheets::{
    COMPLAINT_COLUMNS, COMPLAINT_IMPORTED, Column, INCIDENT_COLUMNS, INCIDENT_IMPORTED, Register,
    ledger_sheet,
};
pub use reglement_versions::{NewReglementVersion, ReglementVersion};
pub use representation::{
    ActingFor, LEGAL_STATUSES, LegalFacts, NewRepresentative, Representation, Representative,
};
pub use requests::{
    DecisionView, ExtensionView, FiledRequest, NewRequest, RequestDetails, RequestFilter,
    RequestSummary, RequestView, RequesterFacts, RequesterView, TimelineEntry,
};
pub use research::{NewResearchExport, ResearchDataset, ResearchRecord, ResearchRow};
pub use restrictions::{NewRestriction, Restriction};
pub use retention::{
    Certificate, CertificateItem, HeldItem, PersonPlan, PlanCategory, PlanEntry, RetentionPlan,
    RunOptions, RunOutcome, RunProgress,
};
pub use retention_status::RunStatus;
pub use search::{SearchCriteria, SearchResult};
pub use transfer_request::{
    AfterTransferOutcome, TRANSFER_ARTICLE, TransferChannel, TransferOutcome,
};
pub use transfers::RegistrationTransfer;

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
    /// The command line on the installation: its own role, which the product grants setting
    /// up accounts and reading the audit log, and nothing of anyone's personal data.
    pub fn system(source: &str) -> Actor {
        Actor {
            user_id: "system".to_owned(),
            role: SYSTEM_ROLE.to_owned(),
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
    /// What was asked for exists already (a BSN, a client number, a care relationship).
    #[error("conflict on {field}: {message}")]
    Conflict {
        field: &'static str,
        message: String,
    },
    /// A standing legal hold keeps the person's data: nothing of it is erased or destroyed
    /// until the hold is released (or ends).
    #[error(
        "person {person} is under a legal hold ({}): nothing of theirs is erased or destroyed until it is released",
        .holds.join("; ")
    )]
    Held { person: String, holds: Vec<String> },
    #[error(transparent)]
    Store(#[from] StoreError),
}

impl From<sqlx::Error> for VaultError {
    fn from(e: sqlx::Error) -> VaultError {
        VaultError::Store(StoreError::Database(e))
    }
}

pub(crate) struct Inner {
    pub(crate) pool: db::Pool,
    /// The one engine that decides every access (Cedar, compiled from the reglement).
    pub(crate) policy: Arc<dyn AccessPolicy>,
    pub(crate) writer: Writer,
    writer_task: std::sync::Mutex<Option<tokio::task::JoinHandle<()>>>,
    pub(crate) keys: RwLock<MasterKeys>,
    /// When the key file was last read, to notice a rotation by another process.
    keys_modified: std::sync::Mutex<Option<std::time::SystemTime>>,
    pub(crate) reglement: Reglement,
    pub(crate) tenant: String,
    pub(crate) location: Location,
    /// Held while the vault is open, so that `restore` cannot replace the files under it.
    pub(crate) lock: crate::lock::InstallationLock,
    /// Every person's wrapped data key, outside the database.
    pub(crate) keystore: crate::keystore::KeyStore,
    /// Every stored version of the reglement, parsed, for decisions about past dates.
    pub(crate) versions: std::sync::RwLock<Vec<reglement_versions::HeldVersion>>,
    /// The SHA-256 of the text the vault was opened with.
    pub(crate) reglement_sha: String,
}

/// The vault of one organisation (tenant).
#[derive(Clone)]
pub struct Vault {
    pub(crate) inner: Arc<Inner>,
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
        let lock = crate::lock::InstallationLock::shared(location)?;
        let keystore = crate::keystore::KeyStore::open(
            &location.key_store_file(),
            location.key_store_mirror.as_deref(),
        )?;
        let pool = db::connect(location, 8).await?;
        let (writer, writer_task) = Writer::spawn(
            pool.clone(),
            location.backend(),
            location.sqlite_file().as_deref(),
            keys.audit_keys()?,
            location.checkpoint_paths(),
        )?;
        let now = crate::clock::now();
        sqlx::query("INSERT INTO tenants (id, name, created_at) VALUES ($1, $2, $3) ON CONFLICT (id) DO NOTHING")
            .bind(tenant)
            .bind(reglement.name())
            .bind(&now)
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
        .bind(&now)
        .execute(&pool)
        .await?;
        let reglement_sha = hex::encode(sha256(&[reglement_source.as_bytes()]));
        let versions =
            reglement_versions::held_versions(&pool, tenant, &reglement, &reglement_sha).await?;
        let vault = Vault {
            inner: Arc::new(Inner {
                pool: db::Pool::new(
                    pool,
                    4,
                    location.sqlite_file(),
                    (location.backend() == Backend::Postgres)
                        .then_some(location.database_url.as_str()),
                )?,
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
                lock,
                keystore,
                versions: std::sync::RwLock::new(versions),
                reglement_sha,
            }),
        };
        // Before anything else is written: the chain must be the one this installation wrote.
        // A chain the writer refuses still opens, so that `audit verify` can say what
        // happened; nothing is written to it (every access fails closed) until it is put right.
        match vault.inner.writer.anchor(tenant).await {
            Ok(()) => {
                vault.reapply_erasures().await?;
                vault.move_keys_to_store().await?;
            }
            Err(StoreError::ChainRefused(_)) => {}
            Err(e) => return Err(e.into()),
        }
        Ok(vault)
    }

    pub fn reglement(&self) -> &Reglement {
        &self.inner.reglement
    }

    pub fn tenant(&self) -> &str {
        &self.inner.tenant
    }

    /// The SHA-256 (hex) of the reglement's text the vault was opened with.
    pub fn reglement_sha(&self) -> &str {
        &self.inner.reglement_sha
    }

    pub fn backend(&self) -> Backend {
        self.inner.location.backend()
    }

    /// The staff accounts, sessions and API tokens of this organisation.
    pub fn accounts(&self) -> crate::accounts::Accounts {
        crate::accounts::Accounts::new(self.inner.clone())
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
        let native = self.inner.pool.native_postgres();
        // The writer ends when the last sender is gone, after its final checkpoint.
        drop(self);
        if let Some(task) = task {
            let _ = task.await;
        }
        pool.close().await;
        if let Some(native) = native {
            native.close().await;
        }
    }

    /// The error for a person without a data key: unknown, or erased.
    async fn missing_person(&self, person: &str) -> VaultError {
        let row = sqlx::query("SELECT erased_at FROM persons WHERE tenant_id = $1 AND id = $2")
            .bind(&self.inner.tenant)
            .bind(person)
            .fetch_optional(&*self.inner.pool)
            .await;
        match row {
            Ok(Some(_)) => VaultError::Erased(person.to_owned()),
            Ok(None) => VaultError::NotFound(format!("person {person}")),
            Err(e) => VaultError::Store(e.into()),
        }
    }

    /// `person` names a person of this organisation, erased or not; NotFound otherwise. Asked
    /// before a duty about a person is decided, so that an id that names no one (whatever was
    /// typed into a URL) never goes into the audit chain, which keeps ids, never free text.
    /// Whether `person` is registered here (erased counts as known): `NotFound` otherwise.
    /// Nothing is decided or logged; an API answers 404 before it reads further input.
    pub async fn check_person_known(&self, person: &str) -> Result<(), VaultError> {
        self.known_person(person).await
    }

    async fn known_person(&self, person: &str) -> Result<(), VaultError> {
        match self.missing_person(person).await {
            VaultError::Erased(_) => Ok(()),
            e => Err(e),
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

    fn note_key_file_written(&self) {
        if let Ok(mut m) = self.inner.keys_modified.lock() {
            *m = std::fs::metadata(self.inner.location.key_file())
                .and_then(|m| m.modified())
                .ok();
        }
    }

    /// Unwraps a person's data key. Unwrapping reveals nothing: only a receipt opens data.
    async fn unwrap(&self, person: &str, w: &WrappedKey) -> Result<DataKey, VaultError> {
        let stored;
        let w = if w.master_key_id == crate::keystore::IN_STORE {
            // The database says the person has a key; the store holds it. None there: erased
            // (by another process, whose row deletion this read has not seen yet).
            let Some(k) = self.inner.keystore.get(&self.inner.tenant, person)? else {
                return Err(VaultError::Erased(person.to_owned()));
            };
            stored = WrappedKey {
                master_key_id: k.master_key_id,
                wrapped: k.wrapped,
            };
            &stored
        } else {
            w
        };
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

    /// The person's wrapped key, or why there is none (unknown or erased).
    async fn wrapped_key(&self, person: &str) -> Result<WrappedKey, VaultError> {
        // Before every opening of a person's data: stepped in place (db::Pool::hot_query).
        let found = self
            .inner
            .pool
            .hot_row(
                "SELECT master_key_id, wrapped_key FROM person_keys WHERE tenant_id = $1 AND person_id = $2",
                &[db::HotArg::Text(&self.inner.tenant), db::HotArg::Text(person)],
                |r| {
                    Ok(WrappedKey {
                        master_key_id: r.text(0)?,
                        wrapped: r.blob(1)?,
                    })
                },
            )
            .await?;
        match found {
            Some(key) => Ok(key),
            None => Err(self.missing_person(person).await),
        }
    }

    async fn data_key(&self, person: &str) -> Result<DataKey, VaultError> {
        let wrapped = self.wrapped_key(person).await?;
        self.unwrap(person, &wrapped).await
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

    pub(crate) fn check_role(&self, role: &str) -> Result<(), VaultError> {
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

    /// Whether the database answers (readiness).
    pub async fn ready(&self) -> bool {
        sqlx::query("SELECT 1")
            .execute(&*self.inner.pool)
            .await
            .is_ok()
    }

    /// What keeps the audit log from being anchored, if anything: a chain the writer refused
    /// (it did not write its tip), or a checkpoint that could not be written. Shown on
    /// `/ready`; the writer retries checkpoints every second.
    pub fn audit_problem(&self) -> Option<AuditProblem> {
        let health = self.inner.writer.health();
        health
            .chain_refusal()
            .map(AuditProblem::ChainRefused)
            .or_else(|| {
                health
                    .checkpoint_failure()
                    .map(AuditProblem::CheckpointFailed)
            })
    }

    /// Signs a checkpoint of everything written so far and returns once it is on disk (at
    /// shutdown, say, when the vault may not be closed in time).
    pub async fn checkpoint_now(&self) -> Result<(), VaultError> {
        Ok(self.inner.writer.checkpoint_now().await?)
    }
}

/// Why the audit log is not being anchored (the details are for the operator's log).
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum AuditProblem {
    ChainRefused(String),
    CheckpointFailed(String),
}

impl AuditProblem {
    /// A stable code, safe to show to anyone (`/ready`).
    pub fn code(&self) -> &'static str {
        match self {
            AuditProblem::ChainRefused(_) => "audit.chain_refused",
            AuditProblem::CheckpointFailed(_) => "audit.checkpoint_failed",
        }
    }
}

impl std::fmt::Display for AuditProblem {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        match self {
            AuditProblem::ChainRefused(why) => write!(f, "audit chain refused: {why}"),
            AuditProblem::CheckpointFailed(why) => write!(f, "checkpoint not written: {why}"),
        }
    }
}

/// A person's wrapped data key.
pub(crate) struct WrappedKey {
    pub master_key_id: String,
    pub wrapped: Vec<u8>,
}
