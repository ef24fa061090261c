//! The writer's transactions: one trait ([`WriteTx`]) over the writer's own SQLite connection,
//! stepped in place, and a PostgreSQL transaction on the pool.

use sqlx::{AnyPool, Row};

use crate::StoreError;
use crate::db::{Backend, bind_numbered};

use super::{ANCHOR_ROW, Arg, HASH_AT, NEWEST_EVENT};
use crate::audit::AuditEvent;
use crate::db::events::{event_from_columns, event_from_row};

/// Where the writer commits.
pub(super) enum Database {
    /// The writer's own connection to the embedded database.
    Sqlite(rusqlite::Connection),
    Postgres(AnyPool),
}

/// One open transaction of the writer. Dropping it without `commit` rolls it back.
pub(super) trait WriteTx: Send {
    fn backend(&self) -> Backend;
    /// Runs a statement; `$n` (or `?`, in order) takes `args[n - 1]`. Returns the rows changed.
    fn execute(
        &mut self,
        sql: &str,
        args: &[&Arg],
    ) -> impl Future<Output = Result<u64, StoreError>> + Send;
    /// The newest event of a tenant's chain, as this transaction sees it.
    fn newest_event(
        &mut self,
        tenant: &str,
    ) -> impl Future<Output = Result<Option<AuditEvent>, StoreError>> + Send;
    /// The stored hash of event `seq` of a tenant's chain.
    fn hash_at(
        &mut self,
        tenant: &str,
        seq: i64,
    ) -> impl Future<Output = Result<Option<Vec<u8>>, StoreError>> + Send;
    /// The `keyed_from` the database records for a tenant's chain.
    fn recorded_keyed_from(
        &mut self,
        tenant: &str,
    ) -> impl Future<Output = Result<Option<i64>, StoreError>> + Send;
    fn commit(self) -> impl Future<Output = Result<(), StoreError>> + Send;
}

/// A transaction on the writer's SQLite connection. Its futures are ready at once: every
/// statement is stepped in place, on the blocking thread the batch runs on.
pub(super) struct SqliteSession<'c> {
    conn: &'c mut rusqlite::Connection,
    open: bool,
}

impl<'c> SqliteSession<'c> {
    fn begin(conn: &'c mut rusqlite::Connection) -> Result<SqliteSession<'c>, StoreError> {
        conn.execute_batch("BEGIN")?;
        Ok(SqliteSession { conn, open: true })
    }
}

impl rusqlite::ToSql for Arg {
    fn to_sql(&self) -> rusqlite::Result<rusqlite::types::ToSqlOutput<'_>> {
        match self {
            Arg::Text(s) => s.to_sql(),
            Arg::OptText(s) => s.to_sql(),
            Arg::Blob(b) => b.to_sql(),
            Arg::OptBlob(b) => b.to_sql(),
            Arg::Int(i) => i.to_sql(),
            Arg::OptInt(i) => i.to_sql(),
        }
    }
}

impl WriteTx for SqliteSession<'_> {
    fn backend(&self) -> Backend {
        Backend::Sqlite
    }

    async fn execute(&mut self, sql: &str, args: &[&Arg]) -> Result<u64, StoreError> {
        let mut stmt = self.conn.prepare_cached(sql)?;
        let values: Vec<&dyn rusqlite::ToSql> =
            args.iter().map(|a| *a as &dyn rusqlite::ToSql).collect();
        bind_numbered(&mut stmt, &values)?;
        Ok(stmt.raw_execute()? as u64)
    }

    async fn newest_event(&mut self, tenant: &str) -> Result<Option<AuditEvent>, StoreError> {
        let mut stmt = self.conn.prepare_cached(NEWEST_EVENT)?;
        let mut rows = stmt.query([tenant])?;
        match rows.next()? {
            Some(row) => Ok(Some(event_from_columns(row)?)),
            None => Ok(None),
        }
    }

    async fn hash_at(&mut self, tenant: &str, seq: i64) -> Result<Option<Vec<u8>>, StoreError> {
        let mut stmt = self.conn.prepare_cached(HASH_AT)?;
        let mut rows = stmt.query(rusqlite::params![tenant, seq])?;
        Ok(match rows.next()? {
            Some(row) => Some(row.get(0)?),
            None => None,
        })
    }

    async fn recorded_keyed_from(&mut self, tenant: &str) -> Result<Option<i64>, StoreError> {
        let mut stmt = self.conn.prepare_cached(ANCHOR_ROW)?;
        let mut rows = stmt.query([tenant])?;
        Ok(match rows.next()? {
            Some(row) => Some(row.get(0)?),
            None => None,
        })
    }

    async fn commit(mut self) -> Result<(), StoreError> {
        // A COMMIT that fails (busy, disk full) leaves the transaction open: `drop` rolls it
        // back, so the next batch starts clean.
        self.conn.execute_batch("COMMIT")?;
        self.open = false;
        Ok(())
    }
}

impl Drop for SqliteSession<'_> {
    fn drop(&mut self) {
        // An unfinished transaction is rolled back; SQLite may have done so already.
        if self.open && !self.conn.is_autocommit() {
            let _ = self.conn.execute_batch("ROLLBACK");
        }
    }
}

pub(super) struct PgSession {
    tx: sqlx::Transaction<'static, sqlx::Any>,
}

impl WriteTx for PgSession {
    fn backend(&self) -> Backend {
        Backend::Postgres
    }

    async fn execute(&mut self, sql: &str, args: &[&Arg]) -> Result<u64, StoreError> {
        // Only placeholders are formatted into the SQL the writer builds; every value is bound.
        let query =
            args.iter().fold(
                sqlx::query(sqlx::AssertSqlSafe(sql.to_owned())),
                |q, a| match a {
                    Arg::Text(s) => q.bind(s.as_str()),
                    Arg::OptText(s) => q.bind(s.as_deref()),
                    Arg::Blob(b) => q.bind(b.as_slice()),
                    Arg::OptBlob(b) => q.bind(b.as_deref()),
                    Arg::Int(i) => q.bind(*i),
                    Arg::OptInt(i) => q.bind(*i),
                },
            );
        Ok(query.execute(&mut *self.tx).await?.rows_affected())
    }

    async fn newest_event(&mut self, tenant: &str) -> Result<Option<AuditEvent>, StoreError> {
        let row = sqlx::query(NEWEST_EVENT)
            .bind(tenant)
            .fetch_optional(&mut *self.tx)
            .await?;
        row.map(|r| event_from_row(&r)).transpose()
    }

    async fn hash_at(&mut self, tenant: &str, seq: i64) -> Result<Option<Vec<u8>>, StoreError> {
        let row = sqlx::query(HASH_AT)
            .bind(tenant)
            .bind(seq)
            .fetch_optional(&mut *self.tx)
            .await?;
        Ok(row.map(|r| r.try_get(0)).transpose()?)
    }

    async fn recorded_keyed_from(&mut self, tenant: &str) -> Result<Option<i64>, StoreError> {
        let row = sqlx::query(ANCHOR_ROW)
            .bind(tenant)
            .fetch_optional(&mut *self.tx)
            .await?;
        Ok(row.map(|r| r.try_get(0)).transpose()?)
    }

    async fn commit(self) -> Result<(), StoreError> {
        self.tx.commit().await?;
        Ok(())
    }
}

/// A transaction of the writer's database, whichever it is.
pub(super) enum Transaction<'c> {
    Sqlite(SqliteSession<'c>),
    Postgres(PgSession),
}

pub(super) async fn begin(database: &mut Database) -> Result<Transaction<'_>, StoreError> {
    Ok(match database {
        Database::Sqlite(conn) => Transaction::Sqlite(SqliteSession::begin(conn)?),
        Database::Postgres(pool) => Transaction::Postgres(PgSession {
            tx: pool.begin().await?,
        }),
    })
}

impl WriteTx for Transaction<'_> {
    fn backend(&self) -> Backend {
        match self {
            Transaction::Sqlite(s) => s.backend(),
            Transaction::Postgres(s) => s.backend(),
        }
    }

    async fn execute(&mut self, sql: &str, args: &[&Arg]) -> Result<u64, StoreError> {
        match self {
            Transaction::Sqlite(s) => s.execute(sql, args).await,
            Transaction::Postgres(s) => s.execute(sql, args).await,
        }
    }

    async fn newest_event(&mut self, tenant: &str) -> Result<Option<AuditEvent>, StoreError> {
        match self {
            Transaction::Sqlite(s) => s.newest_event(tenant).await,
            Transaction::Postgres(s) => s.newest_event(tenant).await,
        }
    }

    async fn hash_at(&mut self, tenant: &str, seq: i64) -> Result<Option<Vec<u8>>, StoreError> {
        match self {
            Transaction::Sqlite(s) => s.hash_at(tenant, seq).await,
            Transaction::Postgres(s) => s.hash_at(tenant, seq).await,
        }
    }

    async fn recorded_keyed_from(&mut self, tenant: &str) -> Result<Option<i64>, StoreError> {
        match self {
            Transaction::Sqlite(s) => s.recorded_keyed_from(tenant).await,
            Transaction::Postgres(s) => s.recorded_keyed_from(tenant).await,
        }
    }

    async fn commit(self) -> Result<(), StoreError> {
        match self {
            Transaction::Sqlite(s) => s.commit().await,
            Transaction::Postgres(s) => s.commit().await,
        }
    }
}
