//! Test fixtures: a fresh store per test on SQLite (a temporary directory) and on PostgreSQL
//! (a fresh database on 127.0.0.1:5432, user postgres, dropped afterwards).

use std::path::{Path, PathBuf};

use sqlx::Connection as _;
use zorgkluis_core::{Lang, Reglement};
use zorgkluis_store::Location;
use zorgkluis_store::vault::{self, Actor, Vault};

pub const PG_ADMIN: &str = "postgres://postgres@127.0.0.1:5432/postgres";

pub fn reglement_source() -> String {
    std::fs::read_to_string(concat!(
        env!("CARGO_MANIFEST_DIR"),
        "/../../reglementen/bg-wonen.toml"
    ))
    .expect("bg-wonen.toml")
}

pub fn reglement() -> Reglement {
    Reglement::load("bg-wonen.toml", &reglement_source(), Lang::En).expect("valid")
}

/// The Cedar policies of the reglement: the one engine every access is decided by.
pub fn policy() -> std::sync::Arc<dyn zorgkluis_core::decide::AccessPolicy> {
    std::sync::Arc::new(
        zorgkluis_policy::CedarPolicy::compile(&reglement(), None).expect("policies compile"),
    )
}

/// A temporary directory removed when dropped.
pub struct TempDir(pub PathBuf);

impl TempDir {
    pub fn new() -> TempDir {
        let dir = std::env::temp_dir().join(format!("zorgkluis-store-{}", uuid::Uuid::new_v4()));
        std::fs::create_dir_all(&dir).expect("temp dir");
        TempDir(dir)
    }

    pub fn path(&self) -> &Path {
        &self.0
    }
}

impl Drop for TempDir {
    fn drop(&mut self) {
        let _ = std::fs::remove_dir_all(&self.0);
    }
}

/// One backend under test, with its own database and data directory.
pub struct Fixture {
    pub name: &'static str,
    pub dir: TempDir,
    pub location: Location,
    pg_database: Option<String>,
}

impl Fixture {
    pub fn sqlite() -> Fixture {
        let dir = TempDir::new();
        let location = Location::embedded(dir.path());
        Fixture {
            name: "sqlite",
            dir,
            location,
            pg_database: None,
        }
    }

    /// A fresh PostgreSQL database. Fails (never skips) when the server is not there.
    pub async fn postgres() -> Fixture {
        let name = format!("zk_test_{}", uuid::Uuid::new_v4().simple());
        let mut admin = sqlx::PgConnection::connect(PG_ADMIN)
            .await
            .expect("PostgreSQL on 127.0.0.1:5432 (user postgres) must be running for these tests");
        sqlx::query(sqlx::AssertSqlSafe(format!("CREATE DATABASE {name}")))
            .execute(&mut admin)
            .await
            .expect("create test database");
        let dir = TempDir::new();
        let url = format!("postgres://postgres@127.0.0.1:5432/{name}");
        let location = Location::new(Some(&url), dir.path());
        Fixture {
            name: "postgres",
            dir,
            location,
            pg_database: Some(name),
        }
    }

    pub async fn both() -> Vec<Fixture> {
        vec![Fixture::sqlite(), Fixture::postgres().await]
    }

    pub async fn open(&self) -> Vault {
        vault::init(&self.location).expect("init");
        Vault::open(
            &self.location,
            "bg-wonen",
            reglement(),
            &reglement_source(),
            policy(),
        )
        .await
        .unwrap_or_else(|e| panic!("{}: open: {e}", self.name))
    }

    /// A raw connection to the same database, to tamper with it as an intruder would.
    pub async fn raw(&self) -> sqlx::AnyConnection {
        sqlx::any::install_default_drivers();
        sqlx::AnyConnection::connect(&self.location.database_url)
            .await
            .expect("raw connection")
    }

    pub async fn drop_database(&self) {
        if let Some(name) = &self.pg_database
            && let Ok(mut admin) = sqlx::PgConnection::connect(PG_ADMIN).await
        {
            let _ = sqlx::query(sqlx::AssertSqlSafe(format!(
                "DROP DATABASE IF EXISTS {name} WITH (FORCE)"
            )))
            .execute(&mut admin)
            .await;
        }
    }
}

pub fn actor(user: &str, role: &str) -> Actor {
    Actor {
        user_id: user.to_owned(),
        role: role.to_owned(),
        on_behalf_of: None,
        source: "127.0.0.1".to_owned(),
        supervised: false,
    }
}

/// Every file below `dir` (database, WAL, backups), concatenated, to search for plaintext.
pub fn all_bytes(dir: &Path) -> Vec<u8> {
    let mut out = Vec::new();
    for entry in std::fs::read_dir(dir).expect("read dir").flatten() {
        let path = entry.path();
        if path.is_dir() {
            out.extend(all_bytes(&path));
        } else if let Ok(bytes) = std::fs::read(&path) {
            out.extend(bytes);
        }
    }
    out
}

pub fn contains(haystack: &[u8], needle: &str) -> bool {
    haystack
        .windows(needle.len())
        .any(|w| w == needle.as_bytes())
}
