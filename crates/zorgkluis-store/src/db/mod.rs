//! The database: where it is, how to connect, and the migrations of each backend. The
//! queries live with the room that owns their tables (`vault/…`, `accounts/…`); what they
//! share is here: the pool ([`pool`]) and the audit event's row ([`events`]).

pub(crate) mod events;
pub(crate) mod pool;

use std::borrow::Cow;
use std::path::{Path, PathBuf};

use sqlx::any::AnyPoolOptions;
use sqlx::migrate::{Migration, MigrationType, Migrator};
use sqlx::{AnyPool, SqlStr};

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
        }
    }

    /// A database URL (`postgres://...` or `sqlite://...`), or the embedded default.
    pub fn new(database_url: Option<&str>, data_dir: &Path) -> Location {
        match database_url {
            Some(url) => Location {
                database_url: url.to_owned(),
                data_dir: data_dir.to_owned(),
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
        self.data_dir.join("master.key")
    }

    pub fn checkpoint_file(&self) -> PathBuf {
        self.data_dir.join("audit-checkpoints.log")
    }

    /// Persons whose data key was destroyed: re-applied at every start, so a restored backup
    /// cannot bring an erased person back.
    pub fn erased_file(&self) -> PathBuf {
        self.data_dir.join("erased-persons.log")
    }
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
];

fn migrator(backend: Backend) -> Migrator {
    Migrator::with_migrations(
        MIGRATIONS
            .iter()
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
    migrator(backend).run(&pool).await?;
    Ok(pool)
}
