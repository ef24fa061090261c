//! The database: where it is, how to connect, the migrations of each backend, and the reads.
//! Reads return ciphertext ([`Sealed`]); opening it takes a [`Receipt`] of the audit event
//! that logged the access, so no path decrypts personal data without an audit event.

use std::borrow::Cow;
use std::path::{Path, PathBuf};

use sqlx::any::AnyPoolOptions;
use sqlx::migrate::{Migration, MigrationType, Migrator};
use sqlx::pool::PoolConnection;
use sqlx::{AnyPool, Row, SqlStr};
use zeroize::Zeroizing;

use crate::StoreError;
use crate::audit::AuditEvent;
use crate::keys::DataKey;
use crate::writer::Receipt;

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
        include_str!("../migrations/sqlite/0001_init.sql"),
        include_str!("../migrations/postgres/0001_init.sql"),
    ),
    (
        2,
        "api_tokens",
        include_str!("../migrations/sqlite/0002_api_tokens.sql"),
        include_str!("../migrations/postgres/0002_api_tokens.sql"),
    ),
    (
        3,
        "users_sessions",
        include_str!("../migrations/sqlite/0003_users_sessions.sql"),
        include_str!("../migrations/postgres/0003_users_sessions.sql"),
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

/// The pool, and a few of its connections kept aside for the one-query accesses of the hot
/// path. sqlx tests a connection with a ping every time it goes back to its pool: a round trip
/// to SQLite's worker thread or to PostgreSQL, which made a one-query access cost two
/// (measured: a third more audited writes per second without it). A connection is kept aside
/// only after its query completed ([`Pool::keep`]); one whose query failed or was cancelled is
/// dropped back into sqlx's pool, which tests it.
pub(crate) struct Pool {
    any: AnyPool,
    kept: std::sync::Mutex<Vec<PoolConnection<sqlx::Any>>>,
    /// At most this many are kept aside, so that the rest of the pool serves everything else.
    keep_at_most: usize,
    /// On SQLite, the connections the hot path steps in place.
    readers: Option<SqliteReaders>,
}

/// Connections to the embedded database of the hot path's own, for the queries that decide a
/// read or a write ([`Pool::hot_query`]). They are stepped on the caller's thread: in WAL mode
/// a reader never waits for the writer and the query takes microseconds, while handing it to
/// sqlx's worker thread and back cost more than the query itself (measured: audited reads at
/// 32 callers 18.6k -> 25.5k/s).
struct SqliteReaders {
    file: PathBuf,
    idle: std::sync::Mutex<Vec<rusqlite::Connection>>,
}

impl SqliteReaders {
    fn with<T>(
        &self,
        work: impl FnOnce(&rusqlite::Connection) -> Result<T, StoreError>,
    ) -> Result<T, StoreError> {
        let idle = self.idle.lock().ok().and_then(|mut i| i.pop());
        let conn = match idle {
            Some(conn) => conn,
            None => {
                let conn = rusqlite::Connection::open(&self.file)?;
                conn.execute_batch(SQLITE_PRAGMAS)?;
                // On the caller's thread, waiting is not an option: a reader that finds the
                // database locked (WAL recovery after a crash, say) gives up at once and the
                // query goes through the pool, which waits on a thread of its own.
                conn.busy_timeout(std::time::Duration::from_millis(20))?;
                conn
            }
        };
        let out = work(&conn);
        // A connection whose query failed is closed rather than reused.
        if out.is_ok()
            && let Ok(mut idle) = self.idle.lock()
            && idle.len() < MAX_IDLE_READERS
        {
            idle.push(conn);
        }
        out
    }
}

fn is_busy(e: &rusqlite::Error) -> bool {
    matches!(
        e.sqlite_error_code(),
        Some(rusqlite::ErrorCode::DatabaseBusy | rusqlite::ErrorCode::DatabaseLocked)
    )
}

/// More readers than this are closed after use: two cores never run more at once.
const MAX_IDLE_READERS: usize = 4;

/// A result row of either driver, read by column position.
pub(crate) trait Columns {
    fn int(&self, i: usize) -> Result<i64, StoreError>;
    fn text(&self, i: usize) -> Result<String, StoreError>;
    fn opt_text(&self, i: usize) -> Result<Option<String>, StoreError>;
    fn blob(&self, i: usize) -> Result<Vec<u8>, StoreError>;
}

impl Columns for sqlx::any::AnyRow {
    fn int(&self, i: usize) -> Result<i64, StoreError> {
        Ok(self.try_get(i)?)
    }
    fn text(&self, i: usize) -> Result<String, StoreError> {
        Ok(self.try_get(i)?)
    }
    fn opt_text(&self, i: usize) -> Result<Option<String>, StoreError> {
        Ok(self.try_get(i)?)
    }
    fn blob(&self, i: usize) -> Result<Vec<u8>, StoreError> {
        Ok(self.try_get(i)?)
    }
}

impl Columns for rusqlite::Row<'_> {
    fn int(&self, i: usize) -> Result<i64, StoreError> {
        Ok(self.get(i)?)
    }
    fn text(&self, i: usize) -> Result<String, StoreError> {
        Ok(self.get(i)?)
    }
    fn opt_text(&self, i: usize) -> Result<Option<String>, StoreError> {
        Ok(self.get(i)?)
    }
    fn blob(&self, i: usize) -> Result<Vec<u8>, StoreError> {
        Ok(self.get(i)?)
    }
}

/// Binds `args` to a prepared SQLite statement: `$n` takes `args[n - 1]`, `?` the next by
/// position.
pub(crate) fn bind_numbered(
    stmt: &mut rusqlite::Statement<'_>,
    args: &[&dyn rusqlite::ToSql],
) -> Result<(), StoreError> {
    let mut highest = 0;
    for i in 1..=stmt.parameter_count() {
        let at = match stmt.parameter_name(i) {
            Some(name) => name
                .strip_prefix('$')
                .and_then(|n| n.parse::<usize>().ok())
                .ok_or_else(|| StoreError::Invalid {
                    field: "sql",
                    message: format!("parameter {name} is not $n"),
                })?,
            None => i,
        };
        let arg = args
            .get(at.wrapping_sub(1))
            .ok_or_else(|| StoreError::Invalid {
                field: "sql",
                message: format!("no value for parameter {at}"),
            })?;
        stmt.raw_bind_parameter(i, arg)?;
        highest = highest.max(at);
    }
    // A value too many would shift a merged insert's later rows into the wrong columns.
    if args.len() != highest {
        return Err(StoreError::Invalid {
            field: "sql",
            message: format!("{} values for {highest} parameters", args.len()),
        });
    }
    Ok(())
}

impl std::ops::Deref for Pool {
    type Target = AnyPool;

    fn deref(&self) -> &AnyPool {
        &self.any
    }
}

impl Drop for Pool {
    fn drop(&mut self) {
        // A pooled connection returns to its pool through a task on the runtime, and there may
        // be none left when the vault goes (at the end of a program): detached, a connection
        // just closes.
        if let Ok(mut kept) = self.kept.lock() {
            for conn in kept.drain(..) {
                drop(conn.detach());
            }
        }
    }
}

impl Pool {
    /// `sqlite_file`: the embedded database, whose hot queries are stepped in place.
    pub(crate) fn new(any: AnyPool, keep_at_most: usize, sqlite_file: Option<PathBuf>) -> Pool {
        Pool {
            any,
            kept: std::sync::Mutex::new(Vec::new()),
            keep_at_most,
            readers: sqlite_file.map(|file| SqliteReaders {
                file,
                idle: std::sync::Mutex::new(Vec::new()),
            }),
        }
    }

    /// Runs one of the hot path's queries with text arguments (`$1`..): in place on SQLite,
    /// on a kept connection on PostgreSQL. `each` reads every row.
    pub(crate) async fn hot_query(
        &self,
        sql: &str,
        args: &[&str],
        mut each: impl FnMut(&dyn Columns) -> Result<(), StoreError>,
    ) -> Result<(), StoreError> {
        if let Some(readers) = &self.readers {
            let mut delivered = false;
            let done = readers.with(|conn| {
                let mut stmt = conn.prepare_cached(sql)?;
                let values: Vec<&dyn rusqlite::ToSql> =
                    args.iter().map(|a| a as &dyn rusqlite::ToSql).collect();
                bind_numbered(&mut stmt, &values)?;
                let mut rows = stmt.raw_query();
                while let Some(row) = rows.next()? {
                    delivered = true;
                    each(row)?;
                }
                Ok(())
            });
            match done {
                Err(StoreError::Sqlite(e)) if !delivered && is_busy(&e) => {}
                other => return other,
            }
        }
        let mut conn = self.connection().await?;
        let query = args
            .iter()
            .fold(sqlx::query(sqlx::AssertSqlSafe(sql.to_owned())), |q, a| {
                q.bind(*a)
            });
        let rows = query.fetch_all(&mut *conn).await?;
        self.keep(conn);
        rows.iter().try_for_each(|r| each(r))
    }

    /// A connection kept aside, or one from the pool.
    pub(crate) async fn connection(&self) -> Result<PoolConnection<sqlx::Any>, sqlx::Error> {
        let kept = self.kept.lock().ok().and_then(|mut k| k.pop());
        match kept {
            Some(conn) => Ok(conn),
            None => self.any.acquire().await,
        }
    }

    /// Keeps a connection whose work completed aside for the next access.
    pub(crate) fn keep(&self, conn: PoolConnection<sqlx::Any>) {
        if let Ok(mut kept) = self.kept.lock()
            && kept.len() < self.keep_at_most
        {
            kept.push(conn);
        }
    }
}

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

/// Personal data as stored: ciphertext. Opening it needs the person's key and the receipt of
/// the audit event that logged the access.
#[derive(Debug, Clone)]
pub struct Sealed(Vec<u8>);

impl Sealed {
    pub(crate) fn open(
        &self,
        key: &DataKey,
        context: &[u8],
        _logged: &Receipt,
    ) -> Result<Zeroizing<Vec<u8>>, StoreError> {
        key.open(&self.0, context)
    }
}

/// A person's wrapped data key.
pub(crate) struct WrappedKey {
    pub master_key_id: String,
    pub wrapped: Vec<u8>,
}

pub(crate) async fn wrapped_key(
    pool: &AnyPool,
    tenant: &str,
    person: &str,
) -> Result<Option<WrappedKey>, StoreError> {
    let row = sqlx::query(
        "SELECT master_key_id, wrapped_key FROM person_keys WHERE tenant_id = $1 AND person_id = $2",
    )
    .bind(tenant)
    .bind(person)
    .fetch_optional(pool)
    .await?;
    Ok(match row {
        Some(r) => Some(WrappedKey {
            master_key_id: r.try_get(0)?,
            wrapped: r.try_get(1)?,
        }),
        None => None,
    })
}

/// A person as stored: no personal content besides ids.
#[derive(Debug, Clone)]
pub struct PersonRow {
    pub erased: bool,
}

pub(crate) async fn person(
    pool: &AnyPool,
    tenant: &str,
    person: &str,
) -> Result<Option<PersonRow>, StoreError> {
    let row = sqlx::query("SELECT erased_at FROM persons WHERE tenant_id = $1 AND id = $2")
        .bind(tenant)
        .bind(person)
        .fetch_optional(pool)
        .await?;
    Ok(match row {
        Some(r) => Some(PersonRow {
            erased: r.try_get::<Option<String>, _>(0)?.is_some(),
        }),
        None => None,
    })
}

/// A dossier record as stored.
#[derive(Debug, Clone)]
pub struct SealedRecord {
    pub id: String,
    pub person_id: String,
    pub category: String,
    pub kind: String,
    pub supersedes: Option<String>,
    pub content: Sealed,
    pub created_at: String,
    pub created_by: String,
}

pub(crate) async fn records(
    pool: &AnyPool,
    tenant: &str,
    person: &str,
    category: Option<&str>,
) -> Result<Vec<SealedRecord>, StoreError> {
    let rows = match category {
        Some(c) => {
            sqlx::query(
                "SELECT id, person_id, category, kind, supersedes, content, created_at, created_by \
                 FROM records WHERE tenant_id = $1 AND person_id = $2 AND category = $3 ORDER BY created_at, id",
            )
            .bind(tenant)
            .bind(person)
            .bind(c)
            .fetch_all(pool)
            .await?
        }
        None => {
            sqlx::query(
                "SELECT id, person_id, category, kind, supersedes, content, created_at, created_by \
                 FROM records WHERE tenant_id = $1 AND person_id = $2 ORDER BY created_at, id",
            )
            .bind(tenant)
            .bind(person)
            .fetch_all(pool)
            .await?
        }
    };
    rows.iter()
        .map(sealed_record)
        .collect::<Result<_, _>>()
        .map_err(StoreError::from)
}

/// A `records` row: id, person_id, category, kind, supersedes, content, created_at, created_by.
fn sealed_record(r: &sqlx::any::AnyRow) -> Result<SealedRecord, sqlx::Error> {
    Ok(SealedRecord {
        id: r.try_get(0)?,
        person_id: r.try_get(1)?,
        category: r.try_get(2)?,
        kind: r.try_get(3)?,
        supersedes: r.try_get(4)?,
        content: Sealed(r.try_get(5)?),
        created_at: r.try_get(6)?,
        created_by: r.try_get(7)?,
    })
}

pub(crate) async fn record(
    pool: &AnyPool,
    tenant: &str,
    id: &str,
) -> Result<Option<SealedRecord>, StoreError> {
    let row = sqlx::query(
        "SELECT id, person_id, category, kind, supersedes, content, created_at, created_by \
         FROM records WHERE tenant_id = $1 AND id = $2",
    )
    .bind(tenant)
    .bind(id)
    .fetch_optional(pool)
    .await?;
    Ok(row.as_ref().map(sealed_record).transpose()?)
}

/// What a read needs, in one query: whether the user is in the person's care team on `day`,
/// the person's wrapped key, and the ciphertext of one category. None: no key (the person is
/// unknown or erased).
pub(crate) struct ReadFacts {
    pub care: bool,
    pub key: WrappedKey,
    pub records: Vec<SealedRecord>,
}

const CARE_SUBQUERY: &str = "(SELECT COUNT(*) FROM care_relationships c WHERE c.tenant_id = k.tenant_id \
     AND c.user_id = $2 AND c.person_id = k.person_id AND c.valid_from <= $4 \
     AND (c.valid_until IS NULL OR c.valid_until >= $4))";

pub(crate) async fn read_facts(
    pool: &Pool,
    tenant: &str,
    user: &str,
    person: &str,
    day: &str,
    category: &str,
) -> Result<Option<ReadFacts>, StoreError> {
    let sql = format!(
        "SELECT k.master_key_id, k.wrapped_key, {CARE_SUBQUERY}, r.id, r.kind, r.supersedes, r.content, \
         r.created_at, r.created_by \
         FROM person_keys k LEFT JOIN records r \
         ON r.tenant_id = k.tenant_id AND r.person_id = k.person_id AND r.category = $5 \
         WHERE k.tenant_id = $1 AND k.person_id = $3 ORDER BY r.created_at, r.id"
    );
    let mut facts: Option<ReadFacts> = None;
    pool.hot_query(&sql, &[tenant, user, person, day, category], |r| {
        let facts = match &mut facts {
            Some(f) => f,
            None => facts.insert(ReadFacts {
                care: r.int(2)? > 0,
                key: WrappedKey {
                    master_key_id: r.text(0)?,
                    wrapped: r.blob(1)?,
                },
                records: Vec::new(),
            }),
        };
        // The person without records of the category is one row without a record.
        if let Some(id) = r.opt_text(3)? {
            facts.records.push(SealedRecord {
                id,
                person_id: person.to_owned(),
                category: category.to_owned(),
                kind: r.text(4)?,
                supersedes: r.opt_text(5)?,
                content: Sealed(r.blob(6)?),
                created_at: r.text(7)?,
                created_by: r.text(8)?,
            });
        }
        Ok(())
    })
    .await?;
    Ok(facts)
}

/// What a write needs, in one query: the care relationship and the wrapped key.
pub(crate) async fn write_facts(
    pool: &Pool,
    tenant: &str,
    user: &str,
    person: &str,
    day: &str,
) -> Result<Option<(bool, WrappedKey)>, StoreError> {
    let sql = format!(
        "SELECT k.master_key_id, k.wrapped_key, {CARE_SUBQUERY} FROM person_keys k \
         WHERE k.tenant_id = $1 AND k.person_id = $3"
    );
    let mut facts = None;
    pool.hot_query(&sql, &[tenant, user, person, day], |r| {
        facts = Some((
            r.int(2)? > 0,
            WrappedKey {
                master_key_id: r.text(0)?,
                wrapped: r.blob(1)?,
            },
        ));
        Ok(())
    })
    .await?;
    Ok(facts)
}

/// Whether `user` has a care relationship with `person` on `day` (YYYY-MM-DD).
pub(crate) async fn in_care_team(
    pool: &AnyPool,
    tenant: &str,
    user: &str,
    person: &str,
    day: &str,
) -> Result<bool, StoreError> {
    let row = sqlx::query(
        "SELECT COUNT(*) FROM care_relationships WHERE tenant_id = $1 AND user_id = $2 AND person_id = $3 \
         AND valid_from <= $4 AND (valid_until IS NULL OR valid_until >= $4)",
    )
    .bind(tenant)
    .bind(user)
    .bind(person)
    .bind(day)
    .fetch_one(pool)
    .await?;
    Ok(row.try_get::<i64, _>(0)? > 0)
}

pub(crate) async fn person_by_bsn_hash(
    pool: &AnyPool,
    tenant: &str,
    hash: &[u8],
) -> Result<Option<String>, StoreError> {
    let row = sqlx::query(
        "SELECT id FROM persons WHERE tenant_id = $1 AND bsn_hash = $2 AND erased_at IS NULL",
    )
    .bind(tenant)
    .bind(hash)
    .fetch_optional(pool)
    .await?;
    Ok(row.map(|r| r.try_get(0)).transpose()?)
}

pub(crate) fn event_from_row(r: &sqlx::any::AnyRow) -> Result<AuditEvent, sqlx::Error> {
    Ok(AuditEvent {
        tenant_id: r.try_get(0)?,
        seq: r.try_get(1)?,
        at: r.try_get(2)?,
        user_id: r.try_get(3)?,
        role: r.try_get(4)?,
        on_behalf_of: r.try_get(5)?,
        person_id: r.try_get(6)?,
        action: r.try_get(7)?,
        category: r.try_get(8)?,
        purpose: r.try_get(9)?,
        reason: r.try_get(10)?,
        emergency: r.try_get::<i32, _>(11)? != 0,
        source: r.try_get(12)?,
        outcome: r.try_get(13)?,
        articles: r.try_get(14)?,
        prev_hash: r.try_get(15)?,
        hash: r.try_get(16)?,
    })
}

pub(crate) const EVENT_COLUMNS: &str = "tenant_id, seq, at, user_id, role, on_behalf_of, person_id, action, \
     category, purpose, reason, emergency, source, outcome, articles, prev_hash, hash";

pub(crate) async fn events_for_person(
    pool: &AnyPool,
    tenant: &str,
    person: &str,
) -> Result<Vec<AuditEvent>, StoreError> {
    let rows = sqlx::query(sqlx::AssertSqlSafe(format!(
        "SELECT {EVENT_COLUMNS} FROM audit_events WHERE tenant_id = $1 AND person_id = $2 ORDER BY seq"
    )))
    .bind(tenant)
    .bind(person)
    .fetch_all(pool)
    .await?;
    Ok(rows.iter().map(event_from_row).collect::<Result<_, _>>()?)
}

#[cfg(test)]
mod tests {
    use super::*;

    fn bound(sql: &str, args: &[&dyn rusqlite::ToSql]) -> Result<Vec<String>, StoreError> {
        let conn = rusqlite::Connection::open_in_memory()?;
        let mut stmt = conn.prepare(sql)?;
        bind_numbered(&mut stmt, args)?;
        let mut rows = stmt.raw_query();
        let mut out = Vec::new();
        while let Some(row) = rows.next()? {
            for i in 0..row.as_ref().column_count() {
                out.push(row.get::<_, String>(i)?);
            }
        }
        Ok(out)
    }

    #[test]
    fn numbered_parameters_take_their_own_argument_in_any_order() {
        // SQLite numbers `$n` by first appearance; the binder goes by the number written.
        assert_eq!(
            bound("SELECT $3, $1, $2, $1", &[&"a", &"b", &"c"]).unwrap(),
            ["c", "a", "b", "a"]
        );
        assert_eq!(bound("SELECT ?, ?", &[&"x", &"y"]).unwrap(), ["x", "y"]);
    }

    #[test]
    fn a_parameter_without_an_argument_is_named() {
        let err = bound("SELECT $1, $4", &[&"a"]).unwrap_err().to_string();
        assert!(err.contains("no value for parameter 4"), "{err}");
        let err = bound("SELECT :name", &[&"a"]).unwrap_err().to_string();
        assert!(err.contains(":name"), "{err}");
        let err = bound("SELECT ?, ?", &[&"a", &"b", &"c"])
            .unwrap_err()
            .to_string();
        assert!(err.contains("3 values for 2 parameters"), "{err}");
    }
}
