//! The database: where it is, how to connect, and the migrations of each backend. The
//! queries live with the room that owns their tables (`vault/…`, `accounts/…`); what they
//! share is here: the pool ([`pool`]) and the audit event's row ([`events`]).

pub(crate) mod events;
pub(crate) mod pool;

use std::borrow::Cow;
use std::path::{Path, PathBuf};

use sqlx::any::AnyPoolOptions;
use sqlx::migrate::{Migration, MigrationType, Migrator};
use sqlx::{AnyPool, Row as _, SqlStr};

use crate::StoreError;

pub(crate) use pool::{Columns, HotArg, Pool, bind_numbered};

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Backend {
    Sqlite,
    Postgres,
}

/// Where an installation keeps its database and the files that must live outside it: the
/// master key file, the signed audit checkpoints and the list of erased persons.
#[derive(Debug, Clone)]
pub struct Location {
    pub database_url: String,
    pub data_dir: PathBuf,
    /// The master key file, where it is not `master.key` in the data directory.
    pub key_path: Option<PathBuf>,
    /// The checkpoint log, where it is not in the data directory: it belongs where the
    /// database's administrator cannot write.
    pub checkpoint_log: Option<PathBuf>,
    /// A second copy of the checkpoint log, on another volume or under another account.
    pub checkpoint_mirror: Option<PathBuf>,
    /// The person key store, where it is not `person-keys.db` in the data directory.
    pub key_store: Option<PathBuf>,
    /// The one copy of the key store the installation keeps (erasures reach it too).
    pub key_store_mirror: Option<PathBuf>,
    /// How many working days ahead a request counts as due soon (`ZORGKLUIS_REMINDER_DAYS`,
    /// read with the rest of the installation's settings).
    pub reminder_days: u32,
}

impl Location {
    /// The embedded default: one SQLite file in `data_dir`.
    pub fn embedded(data_dir: &Path) -> Location {
        Location {
            database_url: format!(
                "sqlite://{}?mode=rwc",
                data_dir.join("zorgkluis.db").display()
            ),
            data_dir: data_dir.to_owned(),
            key_path: None,
            checkpoint_log: None,
            checkpoint_mirror: None,
            key_store: None,
            key_store_mirror: None,
            reminder_days: zorgkluis_core::decide::DEFAULT_REMINDER_DAYS,
        }
    }

    /// A database URL (`postgres://...` or `sqlite://...`), or the embedded default.
    pub fn new(database_url: Option<&str>, data_dir: &Path) -> Location {
        match database_url {
            Some(url) => Location {
                database_url: url.to_owned(),
                ..Location::embedded(data_dir)
            },
            None => Location::embedded(data_dir),
        }
    }

    pub fn backend(&self) -> Backend {
        if self.database_url.starts_with("postgres") {
            Backend::Postgres
        } else {
            Backend::Sqlite
        }
    }

    /// The SQLite database file, for the embedded backend.
    pub fn sqlite_file(&self) -> Option<PathBuf> {
        if self.backend() != Backend::Sqlite {
            return None;
        }
        let options: sqlx::sqlite::SqliteConnectOptions = self.database_url.parse().ok()?;
        let file = options.get_filename();
        (file != Path::new(":memory:")).then(|| file.to_owned())
    }

    pub fn key_file(&self) -> PathBuf {
        self.key_path
            .clone()
            .unwrap_or_else(|| self.data_dir.join("master.key"))
    }

    pub fn checkpoint_file(&self) -> PathBuf {
        self.checkpoint_log
            .clone()
            .unwrap_or_else(|| self.data_dir.join("audit-checkpoints.log"))
    }

    /// The person key store: outside the database, so that no backup of it holds a key.
    pub fn key_store_file(&self) -> PathBuf {
        self.key_store
            .clone()
            .unwrap_or_else(|| self.data_dir.join("person-keys.db"))
    }

    /// The checkpoint log and its mirror.
    pub fn checkpoint_paths(&self) -> crate::audit::CheckpointLogPaths {
        crate::audit::CheckpointLogPaths {
            log: self.checkpoint_file(),
            mirror: self.checkpoint_mirror.clone(),
        }
    }

    /// The lock file every process that opens the installation holds shared, and `restore`
    /// holds exclusively.
    pub fn lock_file(&self) -> PathBuf {
        self.data_dir.join("zorgkluis.lock")
    }

    /// Persons whose data key was destroyed: re-applied at every start, so a restored backup
    /// cannot bring an erased person back.
    pub fn erased_file(&self) -> PathBuf {
        self.data_dir.join("erased-persons.log")
    }
}

/// Makes a file readable and writable by its owner only (the database, its backups, the
/// checkpoint log): a umask of 022 would leave them readable by every local user.
pub(crate) fn owner_only(path: &Path) -> Result<(), crate::StoreError> {
    #[cfg(unix)]
    {
        use std::os::unix::fs::PermissionsExt as _;
        std::fs::set_permissions(path, std::fs::Permissions::from_mode(0o600))?;
    }
    Ok(())
}

/// The versioned migrations: version, name, and the SQL of each backend, embedded in the
/// binary and run at start-up.
const MIGRATIONS: &[(i64, &str, &str, &str)] = &[
    (
        1,
        "init",
        include_str!("../../migrations/sqlite/0001_init.sql"),
        include_str!("../../migrations/postgres/0001_init.sql"),
    ),
    (
        2,
        "api_tokens",
        include_str!("../../migrations/sqlite/0002_api_tokens.sql"),
        include_str!("../../migrations/postgres/0002_api_tokens.sql"),
    ),
    (
        3,
        "users_sessions",
        include_str!("../../migrations/sqlite/0003_users_sessions.sql"),
        include_str!("../../migrations/postgres/0003_users_sessions.sql"),
    ),
    (
        4,
        "facts_search_audit_subjects",
        include_str!("../../migrations/sqlite/0004_facts_search_audit_subjects.sql"),
        include_str!("../../migrations/postgres/0004_facts_search_audit_subjects.sql"),
    ),
    (
        5,
        "audit_anchors",
        include_str!("../../migrations/sqlite/0005_audit_anchors.sql"),
        include_str!("../../migrations/postgres/0005_audit_anchors.sql"),
    ),
    (
        6,
        "account_lifecycle",
        include_str!("../../migrations/sqlite/0006_account_lifecycle.sql"),
        include_str!("../../migrations/postgres/0006_account_lifecycle.sql"),
    ),
    (
        7,
        "second_factor",
        include_str!("../../migrations/sqlite/0007_second_factor.sql"),
        include_str!("../../migrations/postgres/0007_second_factor.sql"),
    ),
    (
        8,
        "audit_guard_per_statement",
        include_str!("../../migrations/sqlite/0008_audit_guard_per_statement.sql"),
        include_str!("../../migrations/postgres/0008_audit_guard_per_statement.sql"),
    ),
    (
        9,
        "requests",
        include_str!("../../migrations/sqlite/0009_requests.sql"),
        include_str!("../../migrations/postgres/0009_requests.sql"),
    ),
    (
        10,
        "retention",
        include_str!("../../migrations/sqlite/0010_retention.sql"),
        include_str!("../../migrations/postgres/0010_retention.sql"),
    ),
    (
        11,
        "incidents",
        include_str!("../../migrations/sqlite/0011_incidents.sql"),
        include_str!("../../migrations/postgres/0011_incidents.sql"),
    ),
    (
        12,
        "complaints",
        include_str!("../../migrations/sqlite/0012_complaints.sql"),
        include_str!("../../migrations/postgres/0012_complaints.sql"),
    ),
    (
        13,
        "export_review",
        include_str!("../../migrations/sqlite/0013_export_review.sql"),
        include_str!("../../migrations/postgres/0013_export_review.sql"),
    ),
    (
        15,
        "category_keys_erasures",
        include_str!("../../migrations/sqlite/0015_category_keys_erasures.sql"),
        include_str!("../../migrations/postgres/0015_category_keys_erasures.sql"),
    ),
    (
        16,
        "restrictions",
        include_str!("../../migrations/sqlite/0016_restrictions.sql"),
        include_str!("../../migrations/postgres/0016_restrictions.sql"),
    ),
    (
        17,
        "retention_extensions_transfers",
        include_str!("../../migrations/sqlite/0017_retention_extensions_transfers.sql"),
        include_str!("../../migrations/postgres/0017_retention_extensions_transfers.sql"),
    ),
    (
        18,
        "do_not_contact",
        include_str!("../../migrations/sqlite/0018_do_not_contact.sql"),
        include_str!("../../migrations/postgres/0018_do_not_contact.sql"),
    ),
    (
        19,
        "consents",
        include_str!("../../migrations/sqlite/0019_consents.sql"),
        include_str!("../../migrations/postgres/0019_consents.sql"),
    ),
    (
        20,
        "disclosures",
        include_str!("../../migrations/sqlite/0020_disclosures.sql"),
        include_str!("../../migrations/postgres/0020_disclosures.sql"),
    ),
    (
        21,
        "objections",
        include_str!("../../migrations/sqlite/0021_objections.sql"),
        include_str!("../../migrations/postgres/0021_objections.sql"),
    ),
    (
        22,
        "research_exports",
        include_str!("../../migrations/sqlite/0022_research_exports.sql"),
        include_str!("../../migrations/postgres/0022_research_exports.sql"),
    ),
    (
        23,
        "recipient_notices",
        include_str!("../../migrations/sqlite/0023_recipient_notices.sql"),
        include_str!("../../migrations/postgres/0023_recipient_notices.sql"),
    ),
    (
        24,
        "log_review",
        include_str!("../../migrations/sqlite/0024_log_review.sql"),
        include_str!("../../migrations/postgres/0024_log_review.sql"),
    ),
    (
        25,
        "processors",
        include_str!("../../migrations/sqlite/0025_processors.sql"),
        include_str!("../../migrations/postgres/0025_processors.sql"),
    ),
    (
        26,
        "representation",
        include_str!("../../migrations/sqlite/0026_representation.sql"),
        include_str!("../../migrations/postgres/0026_representation.sql"),
    ),
    (
        27,
        "portal_accounts",
        include_str!("../../migrations/sqlite/0027_portal_accounts.sql"),
        include_str!("../../migrations/postgres/0027_portal_accounts.sql"),
    ),
    (
        28,
        "reglement_adoption",
        include_str!("../../migrations/sqlite/0028_reglement_adoption.sql"),
        include_str!("../../migrations/postgres/0028_reglement_adoption.sql"),
    ),
    (
        29,
        "transfer_disclosures",
        include_str!("../../migrations/sqlite/0029_transfer_disclosures.sql"),
        include_str!("../../migrations/postgres/0029_transfer_disclosures.sql"),
    ),
    (
        30,
        "conflict_of_duties",
        include_str!("../../migrations/sqlite/0030_conflict_of_duties.sql"),
        include_str!("../../migrations/postgres/0030_conflict_of_duties.sql"),
    ),
];

fn migrator(backend: Backend) -> Migrator {
    migrator_up_to(backend, i64::MAX)
}

/// The migrations up to `version`: all of them, or (in tests) the schema of an older release.
fn migrator_up_to(backend: Backend, version: i64) -> Migrator {
    Migrator::with_migrations(
        MIGRATIONS
            .iter()
            .filter(|(v, ..)| *v <= version)
            .map(|(version, name, sqlite, postgres)| {
                let sql = match backend {
                    Backend::Sqlite => *sqlite,
                    Backend::Postgres => *postgres,
                };
                Migration::new(
                    *version,
                    Cow::Borrowed(*name),
                    MigrationType::Simple,
                    SqlStr::from_static(sql),
                    false,
                )
            })
            .collect(),
    )
}

/// The settings of every SQLite connection, the pool's and the writer's. WAL with
/// synchronous=FULL: a commit is on disk when it returns, so an acknowledged write survives a
/// crash or power loss. secure_delete zeroes deleted content (wrapped keys of erased persons).
pub(crate) const SQLITE_PRAGMAS: &str = "PRAGMA journal_mode=WAL; PRAGMA synchronous=FULL; \
     PRAGMA foreign_keys=ON; PRAGMA busy_timeout=10000; PRAGMA secure_delete=ON;";

/// Connects and runs the migrations of the backend.
pub(crate) async fn connect(
    location: &Location,
    max_connections: u32,
) -> Result<AnyPool, StoreError> {
    sqlx::any::install_default_drivers();
    let backend = location.backend();
    // The database is created owner-only; SQLite gives its WAL and shared-memory files the
    // database file's mode.
    if let Some(file) = location.sqlite_file()
        && !file.exists()
    {
        let mut options = std::fs::OpenOptions::new();
        options.write(true).create_new(true);
        #[cfg(unix)]
        std::os::unix::fs::OpenOptionsExt::mode(&mut options, 0o600);
        match options.open(&file) {
            Ok(_) => {}
            Err(e) if e.kind() == std::io::ErrorKind::AlreadyExists => {}
            Err(e) => return Err(e.into()),
        }
    }
    let pool = AnyPoolOptions::new()
        .max_connections(max_connections)
        // A broken connection fails its query and is replaced; pinging before every acquire
        // would add a round trip to every audited access.
        .test_before_acquire(false)
        .after_connect(move |conn, _meta| {
            Box::pin(async move {
                if backend == Backend::Sqlite {
                    sqlx::raw_sql(SQLITE_PRAGMAS).execute(&mut *conn).await?;
                }
                Ok(())
            })
        })
        .connect(&location.database_url)
        .await?;
    check_upgrade(&pool, backend).await?;
    migrator(backend).run(&pool).await?;
    Ok(pool)
}

/// Before the migration that makes a BSN one person's per organisation (4): releases before it
/// let the same BSN be registered twice, and the migration cannot choose between them. Such
/// persons are named (ids only) so the operator can decide, and nothing is migrated.
async fn check_upgrade(pool: &AnyPool, backend: Backend) -> Result<(), StoreError> {
    // installation-wide: the schema's own tables, before any organisation's.
    let migrations_table = match backend {
        Backend::Sqlite => {
            "SELECT COUNT(*) FROM sqlite_master WHERE type = 'table' AND name = '_sqlx_migrations'"
        }
        Backend::Postgres => {
            "SELECT COUNT(*) FROM information_schema.tables WHERE table_name = '_sqlx_migrations'"
        }
    };
    let has_table: i64 = sqlx::query(migrations_table)
        .fetch_one(pool)
        .await?
        .try_get(0)?;
    if has_table == 0 {
        return Ok(());
    }
    let applied: i64 =
        // installation-wide: which migrations the database has.
        sqlx::query("SELECT COUNT(*) FROM _sqlx_migrations WHERE version = 4 AND success")
            .fetch_one(pool)
            .await?
            .try_get(0)?;
    if applied > 0 {
        return Ok(());
    }
    // installation-wide: the upgrade checks every organisation's persons.
    let rows = sqlx::query(
        "SELECT p.tenant_id, p.id FROM persons p WHERE p.bsn_hash IS NOT NULL AND EXISTS \
         (SELECT 1 FROM persons q WHERE q.tenant_id = p.tenant_id AND q.bsn_hash = p.bsn_hash \
         AND q.id <> p.id) ORDER BY p.tenant_id, p.id",
    )
    .fetch_all(pool)
    .await?;
    if rows.is_empty() {
        return Ok(());
    }
    let ids: Vec<String> = rows
        .iter()
        .map(|r| {
            Ok(format!(
                "{} {}",
                r.try_get::<String, _>(0)?,
                r.try_get::<String, _>(1)?
            ))
        })
        .collect::<Result<_, sqlx::Error>>()?;
    Err(StoreError::Upgrade(format!(
        "{} persons share a BSN with another person of their organisation, which this release \
         no longer allows: {}. Decide which person the BSN belongs to and clear the others' \
         lookup (`UPDATE persons SET bsn_hash = NULL WHERE tenant_id = .. AND id = ..`; their \
         BSN record stays), then start again (docs/operations.md, \"Upgrading\")",
        ids.len(),
        ids.join(", ")
    )))
}

#[cfg(test)]
mod tests {
    use super::*;

    /// An installation of the release before migration 4 with the same BSN registered twice is
    /// not migrated: the error names both persons, and once the operator has decided, the
    /// upgrade goes through.
    #[tokio::test]
    async fn an_upgrade_with_a_bsn_registered_twice_names_the_persons_and_waits() {
        sqlx::any::install_default_drivers();
        let dir = tempfile::tempdir().unwrap();
        let location = Location::embedded(dir.path());
        {
            let pool = AnyPoolOptions::new()
                .connect(&location.database_url)
                .await
                .unwrap();
            migrator_up_to(Backend::Sqlite, 3).run(&pool).await.unwrap();
            sqlx::query("INSERT INTO tenants (id, name, created_at) VALUES ('t', 'T', 'now')")
                .execute(&pool)
                .await
                .unwrap();
            for id in ["p-1", "p-2", "p-3"] {
                let hash: &[u8] = if id == "p-3" { b"other" } else { b"same" };
                sqlx::query(
                    "INSERT INTO persons (tenant_id, id, subject_category, bsn_hash, created_at) \
                     VALUES ('t', $1, 'client', $2, 'now')",
                )
                .bind(id)
                .bind(hash)
                .execute(&pool)
                .await
                .unwrap();
            }
            pool.close().await;
        }
        let refused = connect(&location, 2).await.map(|_| ()).unwrap_err();
        let message = refused.to_string();
        assert!(matches!(refused, StoreError::Upgrade(_)), "{message}");
        assert!(
            message.contains("t p-1") && message.contains("t p-2"),
            "{message}"
        );
        assert!(!message.contains("p-3"), "{message}");
        let pool = AnyPoolOptions::new()
            .connect(&location.database_url)
            .await
            .unwrap();
        let version: i64 = sqlx::query("SELECT MAX(version) FROM _sqlx_migrations")
            .fetch_one(&pool)
            .await
            .unwrap()
            .try_get(0)
            .unwrap();
        assert_eq!(version, 3, "nothing was migrated");
        sqlx::query("UPDATE persons SET bsn_hash = NULL WHERE tenant_id = 't' AND id = 'p-2'")
            .execute(&pool)
            .await
            .unwrap();
        pool.close().await;
        let pool = connect(&location, 2).await.unwrap();
        let version: i64 = sqlx::query("SELECT MAX(version) FROM _sqlx_migrations")
            .fetch_one(&pool)
            .await
            .unwrap()
            .try_get(0)
            .unwrap();
        assert_eq!(Some(version), MIGRATIONS.last().map(|m| m.0));
        pool.close().await;
    }
}
