//! The single writer: every change and every audit event goes through one task that appends to
//! the hash chain and commits in groups.
//!
//! Group commit: jobs that arrive while a commit is in flight are collected into the next
//! transaction, so one fsync acknowledges many writes. Each job runs inside a savepoint, so a
//! failing job (a constraint, a missing row) fails alone and leaves the chain as it was. A job
//! is acknowledged only after its transaction committed: nothing acknowledged is lost.

use std::collections::HashMap;
use std::path::PathBuf;
use std::time::{Duration, Instant};

use ed25519_dalek::SigningKey;
use sqlx::{AnyPool, Row};
use tokio::sync::{mpsc, oneshot};

use crate::StoreError;
use crate::audit::{AuditEvent, Checkpoint, GENESIS, append_checkpoint};
use crate::db::Backend;

/// The most jobs one transaction takes.
const MAX_BATCH: usize = 1024;
/// A checkpoint is signed after this many events, or this much time, whichever comes first.
const CHECKPOINT_EVERY: u64 = 10_000;
const CHECKPOINT_AFTER: Duration = Duration::from_secs(1);

/// Proof that an audit event was committed: only the writer makes one.
#[derive(Debug)]
pub struct Receipt {
    seq: i64,
}

impl Receipt {
    /// The audit event's position in its tenant's chain.
    pub fn seq(&self) -> i64 {
        self.seq
    }
}

/// A value bound into a statement.
#[derive(Debug, Clone)]
pub(crate) enum Arg {
    Text(String),
    OptText(Option<String>),
    Blob(Vec<u8>),
    OptBlob(Option<Vec<u8>>),
    Int(i64),
}

/// One statement of a job.
#[derive(Debug, Clone)]
pub(crate) struct Stmt {
    pub sql: &'static str,
    pub args: Vec<Arg>,
    /// The statement must change a row, or the job fails (the row it names is not there).
    pub must_change: bool,
}

impl Stmt {
    pub fn new(sql: &'static str, args: Vec<Arg>) -> Stmt {
        Stmt {
            sql,
            args,
            must_change: false,
        }
    }

    pub fn must_change(sql: &'static str, args: Vec<Arg>) -> Stmt {
        Stmt {
            sql,
            args,
            must_change: true,
        }
    }
}

/// An audit event before the chain gives it a seq and hash.
#[derive(Debug, Clone)]
pub(crate) struct NewEvent {
    pub tenant_id: String,
    pub user_id: String,
    pub role: String,
    pub on_behalf_of: Option<String>,
    pub person_id: Option<String>,
    pub action: String,
    pub category: Option<String>,
    pub purpose: String,
    pub reason: Option<Vec<u8>>,
    pub emergency: bool,
    pub source: String,
    pub outcome: String,
    pub articles: String,
}

struct Job {
    event: NewEvent,
    statements: Vec<Stmt>,
    reply: oneshot::Sender<Result<Receipt, StoreError>>,
}

#[derive(Clone)]
pub(crate) struct Writer {
    tx: mpsc::Sender<Job>,
}

struct State {
    pool: AnyPool,
    backend: Backend,
    /// The last seq and hash of each tenant's chain.
    tips: HashMap<String, (i64, Vec<u8>)>,
    checkpoint_file: PathBuf,
    signing: SigningKey,
    since_checkpoint: u64,
    last_checkpoint: Instant,
}

impl Writer {
    pub fn spawn(
        pool: AnyPool,
        backend: Backend,
        checkpoint_file: PathBuf,
        signing: SigningKey,
    ) -> (Writer, tokio::task::JoinHandle<()>) {
        let (tx, rx) = mpsc::channel(4 * MAX_BATCH);
        let state = State {
            pool,
            backend,
            tips: HashMap::new(),
            checkpoint_file,
            signing,
            since_checkpoint: 0,
            last_checkpoint: Instant::now(),
        };
        let handle = tokio::spawn(run(rx, state));
        (Writer { tx }, handle)
    }

    /// Appends `event` and runs `statements` in one transaction; returns once it is durable.
    pub async fn submit(
        &self,
        event: NewEvent,
        statements: Vec<Stmt>,
    ) -> Result<Receipt, StoreError> {
        let (reply, answer) = oneshot::channel();
        self.tx
            .send(Job {
                event,
                statements,
                reply,
            })
            .await
            .map_err(|_| StoreError::Closed)?;
        answer.await.map_err(|_| StoreError::Closed)?
    }
}

async fn run(mut rx: mpsc::Receiver<Job>, mut state: State) {
    while let Some(first) = rx.recv().await {
        let mut batch = vec![first];
        while batch.len() < MAX_BATCH {
            match rx.try_recv() {
                Ok(job) => batch.push(job),
                Err(_) => break,
            }
        }
        commit_batch(&mut state, batch).await;
        if state.since_checkpoint >= CHECKPOINT_EVERY
            || (state.since_checkpoint > 0 && state.last_checkpoint.elapsed() >= CHECKPOINT_AFTER)
        {
            checkpoint(&mut state).await;
        }
    }
    // The channel closed: the store is shutting down. Anchor what was written.
    if state.since_checkpoint > 0 {
        checkpoint(&mut state).await;
    }
}

/// Signs the tip of every tenant's chain into the checkpoint file.
async fn checkpoint(state: &mut State) {
    let checkpoints: Vec<Checkpoint> = state
        .tips
        .iter()
        .filter(|(_, (seq, _))| *seq > 0)
        .map(|(tenant, (seq, hash))| Checkpoint::sign(&state.signing, tenant, *seq, hash))
        .collect();
    let path = state.checkpoint_file.clone();
    let written = tokio::task::spawn_blocking(move || {
        checkpoints
            .iter()
            .try_for_each(|c| append_checkpoint(&path, c))
    })
    .await;
    // A failed checkpoint leaves the chain itself intact; the next one is tried soon.
    if matches!(written, Ok(Ok(()))) {
        state.since_checkpoint = 0;
        state.last_checkpoint = Instant::now();
    }
}

async fn tip(
    conn: &mut sqlx::AnyConnection,
    tips: &mut HashMap<String, (i64, Vec<u8>)>,
    tenant: &str,
) -> Result<(i64, Vec<u8>), StoreError> {
    if let Some(t) = tips.get(tenant) {
        return Ok(t.clone());
    }
    let row = sqlx::query(
        "SELECT seq, hash FROM audit_events WHERE tenant_id = $1 ORDER BY seq DESC LIMIT 1",
    )
    .bind(tenant)
    .fetch_optional(&mut *conn)
    .await?;
    let t = match row {
        Some(r) => (r.try_get::<i64, _>(0)?, r.try_get::<Vec<u8>, _>(1)?),
        None => (0, GENESIS.to_vec()),
    };
    tips.insert(tenant.to_owned(), t.clone());
    Ok(t)
}

fn bind<'q>(
    mut q: sqlx::query::Query<'q, sqlx::Any, sqlx::any::AnyArguments>,
    args: &'q [Arg],
) -> sqlx::query::Query<'q, sqlx::Any, sqlx::any::AnyArguments> {
    for a in args {
        q = match a {
            Arg::Text(s) => q.bind(s.as_str()),
            Arg::OptText(s) => q.bind(s.as_deref()),
            Arg::Blob(b) => q.bind(b.as_slice()),
            Arg::OptBlob(b) => q.bind(b.as_deref()),
            Arg::Int(i) => q.bind(*i),
        };
    }
    q
}

/// Gives the job's event the next seq and hash of its tenant's chain, and moves the tip.
async fn chain(
    conn: &mut sqlx::AnyConnection,
    tips: &mut HashMap<String, (i64, Vec<u8>)>,
    e: &NewEvent,
) -> Result<AuditEvent, StoreError> {
    let (last_seq, prev) = tip(conn, tips, &e.tenant_id).await?;
    let seq = last_seq + 1;
    let mut event = AuditEvent {
        tenant_id: e.tenant_id.clone(),
        seq,
        at: jiff::Timestamp::now().to_string(),
        user_id: e.user_id.clone(),
        role: e.role.clone(),
        on_behalf_of: e.on_behalf_of.clone(),
        person_id: e.person_id.clone(),
        action: e.action.clone(),
        category: e.category.clone(),
        purpose: e.purpose.clone(),
        reason: e.reason.clone(),
        emergency: e.emergency,
        source: e.source.clone(),
        outcome: e.outcome.clone(),
        articles: e.articles.clone(),
        prev_hash: prev,
        hash: Vec::new(),
    };
    event.hash = event.compute_hash(&event.prev_hash, seq).to_vec();
    tips.insert(e.tenant_id.clone(), (seq, event.hash.clone()));
    Ok(event)
}

/// Rows per INSERT: 17 parameters each stays far below every backend's parameter limit.
const ROWS_PER_INSERT: usize = 64;

/// `prefix` followed by the placeholders of `rows` rows of `width` values each.
fn multi_row_insert(prefix: &str, width: usize, rows: usize, backend: Backend) -> String {
    let mut sql = String::with_capacity(prefix.len() + rows * width * 5);
    sql.push_str(prefix);
    for row in 0..rows {
        sql.push_str(if row == 0 { " (" } else { ", (" });
        for k in 1..=width {
            if k > 1 {
                sql.push_str(", ");
            }
            // SQLite looks a numbered parameter up by name in a linear list, which makes a
            // thousand `$n` quadratic (measured: a fifth of all time); plain `?` is bound by
            // position.
            match backend {
                Backend::Sqlite => sql.push('?'),
                Backend::Postgres => {
                    sql.push('$');
                    sql.push_str(&(row * width + k).to_string());
                }
            }
        }
        sql.push(')');
    }
    sql
}

/// Inserts events with one multi-row INSERT per chunk.
async fn insert_events(
    conn: &mut sqlx::AnyConnection,
    backend: Backend,
    events: &[AuditEvent],
) -> Result<(), StoreError> {
    const PREFIX: &str = "INSERT INTO audit_events (tenant_id, seq, at, user_id, role, on_behalf_of, person_id, action, \
         category, purpose, reason, emergency, source, outcome, articles, prev_hash, hash) VALUES";
    for chunk in events.chunks(ROWS_PER_INSERT) {
        // Only placeholders are formatted into the SQL; every value is bound.
        let sql = multi_row_insert(PREFIX, 17, chunk.len(), backend);
        let mut q = sqlx::query(sqlx::AssertSqlSafe(sql));
        for e in chunk {
            q = q
                .bind(e.tenant_id.clone())
                .bind(e.seq)
                .bind(e.at.clone())
                .bind(e.user_id.clone())
                .bind(e.role.clone())
                .bind(e.on_behalf_of.clone())
                .bind(e.person_id.clone())
                .bind(e.action.clone())
                .bind(e.category.clone())
                .bind(e.purpose.clone())
                .bind(e.reason.clone())
                .bind(i32::from(e.emergency))
                .bind(e.source.clone())
                .bind(e.outcome.clone())
                .bind(e.articles.clone())
                .bind(e.prev_hash.clone())
                .bind(e.hash.clone());
        }
        q.execute(&mut *conn).await?;
    }
    Ok(())
}

/// The part before `VALUES` of a plain one-row insert (`INSERT INTO t (..) VALUES ($1, .., $n)`,
/// nothing after), and its number of values: such inserts can be merged into one statement.
fn one_row_insert(sql: &str) -> Option<(&str, usize)> {
    if !sql.starts_with("INSERT INTO ") {
        return None;
    }
    let at = sql.rfind(" VALUES (")?;
    let values = sql[at + " VALUES (".len()..].strip_suffix(')')?;
    let width = values.split(", ").count();
    let numbered = values
        .split(", ")
        .enumerate()
        .all(|(i, v)| v.strip_prefix('$') == Some(&(i + 1).to_string()));
    numbered.then_some((&sql[..at + " VALUES".len()], width))
}

/// Runs the statements of a batch's jobs in order; runs of the same one-row insert become
/// multi-row inserts, so a batch of a thousand new records costs a few statements, not a
/// thousand round trips to the database.
async fn run_batch_statements(
    conn: &mut sqlx::AnyConnection,
    backend: Backend,
    statements: &[&Stmt],
) -> Result<(), StoreError> {
    let mut i = 0;
    while i < statements.len() {
        let stmt = statements[i];
        let run = match one_row_insert(stmt.sql) {
            Some(_) => statements[i..]
                .iter()
                .take(ROWS_PER_INSERT)
                .take_while(|s| s.sql == stmt.sql)
                .count(),
            None => 1,
        };
        match (one_row_insert(stmt.sql), run) {
            (Some((prefix, width)), run) if run > 1 => {
                let sql = multi_row_insert(prefix, width, run, backend);
                let mut q = sqlx::query(sqlx::AssertSqlSafe(sql));
                for s in &statements[i..i + run] {
                    q = bind(q, &s.args);
                }
                q.execute(&mut *conn).await?;
            }
            _ => run_statements(conn, std::slice::from_ref(stmt)).await?,
        }
        i += run;
    }
    Ok(())
}

async fn run_statements(
    conn: &mut sqlx::AnyConnection,
    statements: &[Stmt],
) -> Result<(), StoreError> {
    for stmt in statements {
        let result = bind(sqlx::query(stmt.sql), &stmt.args)
            .execute(&mut *conn)
            .await?;
        if stmt.must_change && result.rows_affected() == 0 {
            return Err(StoreError::NotFound(
                stmt.sql
                    .split_whitespace()
                    .take(3)
                    .collect::<Vec<_>>()
                    .join(" "),
            ));
        }
    }
    Ok(())
}

async fn commit_batch(state: &mut State, batch: Vec<Job>) {
    let before = state.tips.clone();
    // The fast path runs the whole batch without savepoints and inserts its events in a few
    // multi-row statements. Jobs rarely fail; when one does, the batch is rolled back and run
    // again job by job, so the failing job fails alone.
    let outcome = match fast_path(state, &batch).await {
        Ok(seqs) => Ok(seqs.into_iter().map(Ok).collect()),
        Err(_) => {
            state.tips = before.clone();
            slow_path(state, &batch).await
        }
    };
    match outcome {
        Ok(results) => {
            let committed = results
                .iter()
                .filter(|r: &&Result<i64, StoreError>| r.is_ok())
                .count() as u64;
            state.since_checkpoint += committed;
            for (job, result) in batch.into_iter().zip(results) {
                let _ = job.reply.send(result.map(|seq| Receipt { seq }));
            }
        }
        Err(e) => {
            // Nothing of the batch is durable (or the commit's outcome is unknown): forget
            // every cached tip, so the next batch reads them from the database.
            drop(before);
            state.tips.clear();
            let message = e.to_string();
            for job in batch {
                let _ = job.reply.send(Err(StoreError::Commit(message.clone())));
            }
        }
    }
}

/// Takes the write lock of each tenant in the batch, then forgets the cached chain tips so
/// they are read inside this transaction. Another process (the CLI while the server runs)
/// may have appended events: a tip cached from an earlier batch could be stale.
async fn lock_tenants(
    conn: &mut sqlx::AnyConnection,
    state: &mut State,
    batch: &[Job],
) -> Result<(), StoreError> {
    let mut tenants: Vec<&str> = batch.iter().map(|j| j.event.tenant_id.as_str()).collect();
    tenants.sort_unstable();
    tenants.dedup();
    for tenant in tenants {
        // A no-op write: a row lock on PostgreSQL, the database write lock on SQLite (taken
        // before the snapshot the tip is read from), held until commit.
        sqlx::query("UPDATE tenants SET name = name WHERE id = $1")
            .bind(tenant)
            .execute(&mut *conn)
            .await?;
        state.tips.remove(tenant);
    }
    Ok(())
}

async fn fast_path(state: &mut State, batch: &[Job]) -> Result<Vec<i64>, StoreError> {
    let mut tx = state.pool.begin().await?;
    lock_tenants(&mut tx, state, batch).await?;
    let mut events = Vec::with_capacity(batch.len());
    for job in batch {
        events.push(chain(&mut tx, &mut state.tips, &job.event).await?);
    }
    insert_events(&mut tx, state.backend, &events).await?;
    let statements: Vec<&Stmt> = batch.iter().flat_map(|j| &j.statements).collect();
    run_batch_statements(&mut tx, state.backend, &statements).await?;
    // Dropping an uncommitted transaction rolls it back, on every early return above.
    tx.commit().await?;
    Ok(events.iter().map(|e| e.seq).collect())
}

async fn slow_path(
    state: &mut State,
    batch: &[Job],
) -> Result<Vec<Result<i64, StoreError>>, StoreError> {
    let mut tx = state.pool.begin().await?;
    lock_tenants(&mut tx, state, batch).await?;
    let mut results = Vec::with_capacity(batch.len());
    for job in batch {
        sqlx::query("SAVEPOINT job").execute(&mut *tx).await?;
        let tenant_tip = state.tips.get(&job.event.tenant_id).cloned();
        let applied = async {
            let event = chain(&mut tx, &mut state.tips, &job.event).await?;
            insert_events(&mut tx, state.backend, std::slice::from_ref(&event)).await?;
            run_statements(&mut tx, &job.statements).await?;
            Ok::<_, StoreError>(event.seq)
        }
        .await;
        match applied {
            Ok(seq) => {
                sqlx::query("RELEASE SAVEPOINT job")
                    .execute(&mut *tx)
                    .await?;
                results.push(Ok(seq));
            }
            Err(e) => {
                sqlx::query("ROLLBACK TO SAVEPOINT job")
                    .execute(&mut *tx)
                    .await?;
                sqlx::query("RELEASE SAVEPOINT job")
                    .execute(&mut *tx)
                    .await?;
                match tenant_tip {
                    Some(t) => state.tips.insert(job.event.tenant_id.clone(), t),
                    None => state.tips.remove(&job.event.tenant_id),
                };
                results.push(Err(e));
            }
        }
    }
    tx.commit().await?;
    Ok(results)
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::db::{Location, connect};

    fn event(tenant: &str) -> NewEvent {
        NewEvent {
            tenant_id: tenant.into(),
            user_id: "u".into(),
            role: "fg".into(),
            on_behalf_of: None,
            person_id: None,
            action: "test".into(),
            category: None,
            purpose: "test".into(),
            reason: None,
            emergency: false,
            source: "test".into(),
            outcome: "allowed".into(),
            articles: String::new(),
        }
    }

    fn job(statements: Vec<Stmt>) -> (Job, oneshot::Receiver<Result<Receipt, StoreError>>) {
        let (reply, answer) = oneshot::channel();
        (
            Job {
                event: event("t"),
                statements,
                reply,
            },
            answer,
        )
    }

    #[test]
    fn only_plain_one_row_inserts_are_merged() {
        assert_eq!(
            one_row_insert("INSERT INTO records (a, b, c) VALUES ($1, $2, $3)"),
            Some(("INSERT INTO records (a, b, c) VALUES", 3))
        );
        for other in [
            "INSERT INTO tenants (id, name) VALUES ($1, $2) ON CONFLICT (id) DO NOTHING",
            "INSERT INTO t (a, b) VALUES ($2, $1)",
            "INSERT INTO t (a, b) VALUES ($1, 'x')",
            "INSERT INTO t (a) SELECT a FROM u WHERE b = $1",
            "UPDATE t SET a = $1 WHERE b = $2",
        ] {
            assert_eq!(one_row_insert(other), None, "{other}");
        }
        assert_eq!(
            multi_row_insert("INSERT INTO t (a, b) VALUES", 2, 2, Backend::Postgres),
            "INSERT INTO t (a, b) VALUES ($1, $2), ($3, $4)"
        );
        assert_eq!(
            multi_row_insert("INSERT INTO t (a, b) VALUES", 2, 2, Backend::Sqlite),
            "INSERT INTO t (a, b) VALUES (?, ?), (?, ?)"
        );
    }

    /// A batch with one failing job: the others commit with consecutive seqs, the failing one
    /// gets its own error, and the chain has no gap.
    #[tokio::test]
    async fn a_failing_job_fails_alone_in_its_batch() {
        let dir = std::env::temp_dir().join(format!("zk-writer-{}", uuid::Uuid::new_v4()));
        std::fs::create_dir_all(&dir).unwrap();
        let pool = connect(&Location::embedded(&dir), 2).await.unwrap();
        sqlx::query("INSERT INTO tenants (id, name, created_at) VALUES ('t', 't', 'now')")
            .execute(&pool)
            .await
            .unwrap();
        let mut state = State {
            pool: pool.clone(),
            backend: Backend::Sqlite,
            tips: HashMap::new(),
            checkpoint_file: dir.join("checkpoints.log"),
            signing: SigningKey::from_bytes(&[1; 32]),
            since_checkpoint: 0,
            last_checkpoint: Instant::now(),
        };
        let (a, ra) = job(Vec::new());
        let (b, rb) = job(vec![Stmt::must_change(
            "DELETE FROM person_keys WHERE tenant_id = $1 AND person_id = $2",
            vec![Arg::Text("t".into()), Arg::Text("nobody".into())],
        )]);
        let (c, rc) = job(Vec::new());
        commit_batch(&mut state, vec![a, b, c]).await;
        assert_eq!(ra.await.unwrap().unwrap().seq(), 1);
        assert!(matches!(rb.await.unwrap(), Err(StoreError::NotFound(_))));
        assert_eq!(rc.await.unwrap().unwrap().seq(), 2);
        let count: i64 = sqlx::query("SELECT COUNT(*) FROM audit_events")
            .fetch_one(&pool)
            .await
            .unwrap()
            .try_get(0)
            .unwrap();
        assert_eq!(count, 2);
        pool.close().await;
        let _ = std::fs::remove_dir_all(dir);
    }
}
