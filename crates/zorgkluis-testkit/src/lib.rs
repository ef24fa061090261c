//! The test harness of zorgkluis, shared by the store's, the server's and the command line's
//! tests: a fresh store per test on SQLite (a temporary directory) or PostgreSQL (a fresh
//! database on 127.0.0.1:5432, user postgres, dropped when the store is, also when the test
//! panics), the app served on a free port with a staff account and an API token per role, and
//! [`on_both_backends!`], which makes one test per backend so a failure on one never hides the
//! other's result.
#![allow(clippy::unwrap_used, clippy::expect_used, clippy::panic)]

use std::path::Path;
use std::sync::Arc;

pub use sqlx;
use sqlx::Connection as _;
use zorgkluis_core::decide::AccessPolicy;
use zorgkluis_core::{Lang, Reglement};
use zorgkluis_store::Location;
use zorgkluis_store::vault::{self, Actor, Vault};

/// The PostgreSQL server every PostgreSQL test uses; it must run (the tests never skip).
pub const PG_ADMIN: &str = "postgres://postgres@127.0.0.1:5432/postgres";
/// Every test account's password (synthetic, on loopback).
pub const PASSWORD: &str = "een lang wachtwoord";
/// The organisation of the tests: the demo's, BG wonen.
pub const TENANT: &str = "bg-wonen";

/// The staff of the test organisation: user id (also the API token's name) and role.
pub const STAFF: &[(&str, &str)] = &[
    ("zorg-1", "zorgverlener"),
    ("zorg-2", "zorgverlener"),
    ("admin-1", "administratie"),
    ("fg-1", "fg"),
    ("dir-1", "directie"),
];

/// The staff of a test organisation under Rondomzorg's reglement (disclosures: the mentor in
/// the care team and the coordinator of the client office disclose; the coordinator keeps the
/// register of recipients and reads the ledger).
pub const RONDOMZORG_STAFF: &[(&str, &str)] = &[
    ("zorg-1", "zorgverlener"),
    ("zorg-2", "zorgverlener"),
    ("admin-1", "administratie"),
    ("mentor-1", "mentor"),
    ("coord-1", "coordinator_clientbureau"),
    ("dir-1", "directie"),
];

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Backend {
    Sqlite,
    Postgres,
}

/// The repository's root, for the seed reglementen.
pub fn root() -> &'static Path {
    Path::new(concat!(env!("CARGO_MANIFEST_DIR"), "/../.."))
}

/// The source text of a seed reglement (`bg-wonen`, `alpo-zorg`, ...).
pub fn reglement_source(seed: &str) -> String {
    std::fs::read_to_string(root().join("reglementen").join(format!("{seed}.toml")))
        .unwrap_or_else(|e| panic!("reglementen/{seed}.toml: {e}"))
}

/// A seed reglement, validated.
pub fn reglement(seed: &str) -> Reglement {
    Reglement::load(&format!("{seed}.toml"), &reglement_source(seed), Lang::En)
        .unwrap_or_else(|d| panic!("{seed}: {d:?}"))
}

/// The Cedar policies of a reglement: the one engine every access is decided by.
pub fn policy(reglement: &Reglement) -> Arc<dyn AccessPolicy> {
    Arc::new(zorgkluis_policy::CedarPolicy::compile(reglement, None).expect("policies compile"))
}

/// An actor in a role, from loopback.
pub fn actor(user: &str, role: &str) -> Actor {
    Actor {
        user_id: user.to_owned(),
        role: role.to_owned(),
        on_behalf_of: None,
        source: "127.0.0.1".to_owned(),
        supervised: false,
    }
}

/// A fresh store on one backend: its data directory (removed when dropped) and, on
/// PostgreSQL, its own database (dropped when dropped, also when the test panics).
pub struct TestStore {
    pub backend: Backend,
    pub dir: tempfile::TempDir,
    pub location: Location,
    pg_database: Option<String>,
}

impl TestStore {
    /// A fresh store. PostgreSQL must be running on 127.0.0.1:5432: the test fails, never
    /// skips, when it is not.
    pub async fn new(backend: Backend) -> TestStore {
        let dir = tempfile::Builder::new()
            .prefix("zorgkluis-test-")
            .tempdir()
            .expect("temp dir");
        match backend {
            Backend::Sqlite => TestStore {
                backend,
                location: Location::embedded(dir.path()),
                dir,
                pg_database: None,
            },
            Backend::Postgres => {
                let name = format!("zk_test_{}", uuid::Uuid::new_v4().simple());
                let mut admin = sqlx::PgConnection::connect(PG_ADMIN).await.expect(
                    "PostgreSQL on 127.0.0.1:5432 (user postgres) must be running for these tests",
                );
                sqlx::query(sqlx::AssertSqlSafe(format!("CREATE DATABASE {name}")))
                    .execute(&mut admin)
                    .await
                    .expect("create test database");
                let url = format!("postgres://postgres@127.0.0.1:5432/{name}");
                TestStore {
                    backend,
                    location: Location::new(Some(&url), dir.path()),
                    dir,
                    pg_database: Some(name),
                }
            }
        }
    }

    pub fn name(&self) -> &'static str {
        match self.backend {
            Backend::Sqlite => "sqlite",
            Backend::Postgres => "postgres",
        }
    }

    /// The vault of the test organisation under BG wonen's reglement.
    pub async fn open(&self) -> Vault {
        self.open_with("bg-wonen").await
    }

    /// The vault of the test organisation under a seed reglement.
    pub async fn open_with(&self, seed: &str) -> Vault {
        self.open_with_source(&format!("{seed}.toml"), &reglement_source(seed))
            .await
    }

    /// The vault of the test organisation under a reglement's text: a seed changed for one
    /// test, to show what a rule changes.
    pub async fn open_with_source(&self, name: &str, source: &str) -> Vault {
        vault::init(&self.location).expect("init");
        let reglement =
            Reglement::load(name, source, Lang::En).unwrap_or_else(|d| panic!("{name}: {d:#?}"));
        let policy = policy(&reglement);
        Vault::open(&self.location, TENANT, reglement, source, policy)
            .await
            .unwrap_or_else(|e| panic!("{}: open: {e}", self.name()))
    }

    /// A raw connection to the same database, to tamper with it as an intruder would.
    pub async fn raw(&self) -> sqlx::AnyConnection {
        sqlx::any::install_default_drivers();
        sqlx::AnyConnection::connect(&self.location.database_url)
            .await
            .expect("raw connection")
    }
}

impl Drop for TestStore {
    fn drop(&mut self) {
        let Some(name) = self.pg_database.take() else {
            return;
        };
        // Dropping may happen inside a runtime (the end of a test) or while unwinding from a
        // panic: a thread of its own with its own runtime does the work either way.
        let dropped = std::thread::spawn(move || {
            let rt = tokio::runtime::Builder::new_current_thread()
                .enable_all()
                .build()
                .ok()?;
            rt.block_on(async {
                let mut admin = sqlx::PgConnection::connect(PG_ADMIN).await.ok()?;
                sqlx::query(sqlx::AssertSqlSafe(format!(
                    "DROP DATABASE IF EXISTS {name} WITH (FORCE)"
                )))
                .execute(&mut admin)
                .await
                .ok()
            })
        });
        let _ = dropped.join();
    }
}

/// The test organisation's vault (BG wonen) at another location: a restored or copied
/// installation, or a child process's.
pub async fn open_at(location: &Location) -> Vault {
    let reglement = reglement("bg-wonen");
    let policy = policy(&reglement);
    Vault::open(
        location,
        TENANT,
        reglement,
        &reglement_source("bg-wonen"),
        policy,
    )
    .await
    .unwrap_or_else(|e| panic!("open at {}: {e}", location.data_dir.display()))
}

/// Registers a client without facts, as administration.
pub async fn register_client(vault: &Vault) -> String {
    vault
        .register_person(
            &actor("admin-1", "administratie"),
            &vault::NewPerson {
                subject_category: "client".into(),
                bsn: None,
                facts: None,
            },
            "intake",
        )
        .await
        .expect("register a client")
}

/// Registers a client and puts zorg-1 (who must have an account) in their care team.
pub async fn client_in_care(vault: &Vault) -> String {
    let person = register_client(vault).await;
    vault
        .assign_care(
            &actor("admin-1", "administratie"),
            "zorg-1",
            &person,
            jiff::civil::date(2020, 1, 1),
            None,
        )
        .await
        .expect("assign care");
    person
}

/// Staff accounts for `staff` (id, role), with [`PASSWORD`], made by the command line's role.
pub async fn add_staff(vault: &Vault, staff: &[(&str, &str)]) {
    let accounts = vault.accounts();
    let system = Actor::system("test");
    for (id, role) in staff {
        accounts
            .create_user(&system, id, role, PASSWORD, false)
            .await
            .unwrap_or_else(|e| panic!("user {id}: {e}"));
    }
}

/// Gives every account of `staff` whose role needs a second factor one, as an administrator
/// would; returns user id and key.
pub async fn add_second_factors(
    vault: &Vault,
    staff: &[(&'static str, &str)],
) -> std::collections::HashMap<&'static str, String> {
    let system = Actor::system("test");
    let mut keys = std::collections::HashMap::new();
    for (id, role) in staff {
        if vault.second_factor_required(role) {
            let enrolment = vault
                .accounts()
                .provision_second_factor(&system, id)
                .await
                .unwrap_or_else(|e| panic!("second factor of {id}: {e}"));
            keys.insert(*id, enrolment.secret);
        }
    }
    keys
}

/// A code for `key` the server has not seen yet: a code counts once, so a test that logs in
/// twice within one time step gets the next step's code (which the server accepts, one step
/// of clock skew), and waits for the step after that only when both are used.
pub fn fresh_code(key: &str) -> String {
    use std::collections::HashMap;
    use std::sync::Mutex;
    use zorgkluis_store::accounts::{STEP_SECONDS, code_at};
    static USED: Mutex<Option<HashMap<String, u64>>> = Mutex::new(None);
    loop {
        let now = std::time::SystemTime::now()
            .duration_since(std::time::UNIX_EPOCH)
            .unwrap()
            .as_secs();
        let step_now = now / STEP_SECONDS;
        let mut used = USED.lock().unwrap();
        let last = used.get_or_insert_with(HashMap::new).get(key).copied();
        let step = last.map_or(step_now, |l| (l + 1).max(step_now));
        if step <= step_now + 1 {
            used.get_or_insert_with(HashMap::new)
                .insert(key.to_owned(), step);
            return code_at(key, step * STEP_SECONDS).unwrap();
        }
        drop(used);
        std::thread::sleep(std::time::Duration::from_millis(500));
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

/// One test per backend, each a test of its own (`name::sqlite`, `name::postgres`), so that a
/// failure on one never hides the other's result:
///
/// ```text
/// on_both_backends! {
///     async fn caregivers_read(store) { let vault = store.open().await; ... }
/// }
/// ```
#[macro_export]
macro_rules! on_both_backends {
    ($($(#[$meta:meta])* async fn $name:ident($store:ident) $body:block)+) => {$(
        $(#[$meta])*
        mod $name {
            #[allow(unused_imports)]
            use super::*;

            async fn run($store: $crate::TestStore) $body

            #[tokio::test(flavor = "multi_thread", worker_threads = 2)]
            async fn sqlite() {
                run($crate::TestStore::new($crate::Backend::Sqlite).await).await
            }

            #[tokio::test(flavor = "multi_thread", worker_threads = 2)]
            async fn postgres() {
                run($crate::TestStore::new($crate::Backend::Postgres).await).await
            }
        }
    )+};
}

#[cfg(feature = "app")]
mod app;
#[cfg(feature = "app")]
pub use app::{Reply, TestApp};
