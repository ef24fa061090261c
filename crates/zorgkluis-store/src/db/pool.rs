//! The connection pool of the vault, and the hot path's own SQLite readers.

use std::path::PathBuf;

use futures_util::TryStreamExt as _;
use sqlx::pool::PoolConnection;
use sqlx::{AnyPool, Row};

use crate::StoreError;

use super::SQLITE_PRAGMAS;

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
    /// On PostgreSQL, native connections for the hot path's queries, whose rows are read where
    /// they arrive. Through the `Any` driver every row was first copied into an owned row (a
    /// vector of columns and a string per value), and all of them held until the last had come:
    /// for the retention plan's million records that was half its time (docs/BENCHMARKS.md).
    pg: Option<NativePostgres>,
}

/// The hot path's native PostgreSQL connections: a pool of their own, and the ones kept aside
/// after a completed query as for the main pool (measured: without keeping them, audited reads
/// at 32 callers fell from 5.0k to 2.7k/s).
struct NativePostgres {
    pool: sqlx::PgPool,
    kept: std::sync::Mutex<Vec<PoolConnection<sqlx::Postgres>>>,
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

/// An argument of a hot-path query.
#[derive(Debug, Clone, Copy)]
pub(crate) enum HotArg<'a> {
    Text(&'a str),
    Blob(&'a [u8]),
}

/// A result row of either driver, read by column position.
pub(crate) trait Columns {
    fn int(&self, i: usize) -> Result<i64, StoreError>;
    fn text(&self, i: usize) -> Result<String, StoreError>;
    fn opt_text(&self, i: usize) -> Result<Option<String>, StoreError>;
    fn blob(&self, i: usize) -> Result<Vec<u8>, StoreError>;
    fn opt_blob(&self, i: usize) -> Result<Option<Vec<u8>>, StoreError>;
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
    fn opt_blob(&self, i: usize) -> Result<Option<Vec<u8>>, StoreError> {
        Ok(self.try_get(i)?)
    }
}

impl Columns for sqlx::postgres::PgRow {
    fn int(&self, i: usize) -> Result<i64, StoreError> {
        // Natively a column's width matters: `COUNT(*)` is a bigint, an `INTEGER` column not.
        match self.try_get::<i64, _>(i) {
            Ok(n) => Ok(n),
            Err(_) => Ok(self.try_get::<i32, _>(i)?.into()),
        }
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
    fn opt_blob(&self, i: usize) -> Result<Option<Vec<u8>>, StoreError> {
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
    fn opt_blob(&self, i: usize) -> Result<Option<Vec<u8>>, StoreError> {
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
        if let Some(Ok(mut kept)) = self.pg.as_ref().map(|pg| pg.kept.lock()) {
            for conn in kept.drain(..) {
                drop(conn.detach());
            }
        }
    }
}

impl Pool {
    /// `sqlite_file`: the embedded database, whose hot queries are stepped in place;
    /// `postgres_url`: the server, whose hot queries take native connections (as many as the
    /// main pool may open, opened when first needed).
    pub(crate) fn new(
        any: AnyPool,
        keep_at_most: usize,
        sqlite_file: Option<PathBuf>,
        postgres_url: Option<&str>,
    ) -> Result<Pool, StoreError> {
        let pg = match postgres_url {
            Some(url) => Some(NativePostgres {
                pool: sqlx::postgres::PgPoolOptions::new()
                    .max_connections(any.options().get_max_connections())
                    // As the main pool: a broken connection fails its query and is replaced.
                    .test_before_acquire(false)
                    .connect_lazy(url)?,
                kept: std::sync::Mutex::new(Vec::new()),
            }),
            None => None,
        };
        Ok(Pool {
            any,
            kept: std::sync::Mutex::new(Vec::new()),
            keep_at_most,
            readers: sqlite_file.map(|file| SqliteReaders {
                file,
                idle: std::sync::Mutex::new(Vec::new()),
            }),
            pg,
        })
    }

    /// Runs one of the hot path's queries with its arguments (`$1`..): in place on SQLite,
    /// streamed from a native connection on PostgreSQL. `each` reads every row.
    pub(crate) async fn hot_query(
        &self,
        sql: &str,
        args: &[HotArg<'_>],
        mut each: impl FnMut(&dyn Columns) -> Result<(), StoreError>,
    ) -> Result<(), StoreError> {
        if let Some(readers) = &self.readers {
            let mut delivered = false;
            let done = readers.with(|conn| {
                let mut stmt = conn.prepare_cached(sql)?;
                let values: Vec<&dyn rusqlite::ToSql> = args
                    .iter()
                    .map(|a| match a {
                        HotArg::Text(t) => t as &dyn rusqlite::ToSql,
                        HotArg::Blob(b) => b as &dyn rusqlite::ToSql,
                    })
                    .collect();
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
        if let Some(pg) = &self.pg {
            let query = args.iter().fold(
                sqlx::query::<sqlx::Postgres>(sqlx::AssertSqlSafe(sql.to_owned())),
                |q, a| match a {
                    HotArg::Text(t) => q.bind(*t),
                    HotArg::Blob(b) => q.bind(*b),
                },
            );
            let kept = pg.kept.lock().ok().and_then(|mut k| k.pop());
            let mut conn = match kept {
                Some(conn) => conn,
                None => pg.pool.acquire().await?,
            };
            let mut rows = query.fetch(&mut *conn);
            while let Some(row) = rows.try_next().await? {
                each(&row)?;
            }
            drop(rows);
            if let Ok(mut kept) = pg.kept.lock()
                && kept.len() < self.keep_at_most
            {
                kept.push(conn);
            }
            return Ok(());
        }
        let mut conn = self.connection().await?;
        let query =
            args.iter().fold(
                sqlx::query(sqlx::AssertSqlSafe(sql.to_owned())),
                |q, a| match a {
                    HotArg::Text(t) => q.bind(*t),
                    HotArg::Blob(b) => q.bind(*b),
                },
            );
        let rows = query.fetch_all(&mut *conn).await?;
        self.keep(conn);
        rows.iter().try_for_each(|r| each(r))
    }

    /// [`Pool::hot_query`], each row read by `row` and collected.
    pub(crate) async fn hot_rows<T>(
        &self,
        sql: &str,
        args: &[HotArg<'_>],
        mut row: impl FnMut(&dyn Columns) -> Result<T, StoreError>,
    ) -> Result<Vec<T>, StoreError> {
        let mut out = Vec::new();
        self.hot_query(sql, args, |r| {
            out.push(row(r)?);
            Ok(())
        })
        .await?;
        Ok(out)
    }

    /// [`Pool::hot_rows`] of a query that finds at most one row.
    pub(crate) async fn hot_row<T>(
        &self,
        sql: &str,
        args: &[HotArg<'_>],
        row: impl FnMut(&dyn Columns) -> Result<T, StoreError>,
    ) -> Result<Option<T>, StoreError> {
        Ok(self.hot_rows(sql, args, row).await?.into_iter().next())
    }

    /// The hot path's native PostgreSQL connections, to close with the vault.
    pub(crate) fn native_postgres(&self) -> Option<sqlx::PgPool> {
        self.pg.as_ref().map(|pg| pg.pool.clone())
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
