//! The single writer: every change and every audit event goes through one task that appends to
//! the hash chain and commits in groups.
//!
//! Group commit: jobs that arrive while a commit is in flight are collected into the next
//! transaction, so one fsync acknowledges many writes. A batch runs as one transaction; if any
//! job in it fails (a constraint, a missing row), the batch is rolled back and run again with
//! each job in a savepoint, so the failing job fails alone and leaves the chain as it was. A
//! job is acknowledged only after its transaction committed: nothing acknowledged is lost.
//!
//! A batch runs through a [`WriteTx`] ([`session`]). On SQLite that is the writer's own connection
//! (rusqlite), stepped in place on a blocking thread: measured, handing every statement to
//! sqlx's SQLite worker thread and back cost more than the statements themselves once callers
//! kept both cores busy. On PostgreSQL each statement is a network round trip anyway, awaited
//! on the runtime through the sqlx pool.

use std::collections::HashMap;
use std::path::{Path, PathBuf};
use std::time::{Duration, Instant};

use ed25519_dalek::SigningKey;
use sqlx::AnyPool;
use tokio::sync::{mpsc, oneshot};

mod session;

use crate::StoreError;
use crate::audit::{
    AuditAction, AuditEvent, Checkpoint, GENESIS, Outcome, append_checkpoint, subjects_text,
};
use crate::db::{Backend, SQLITE_PRAGMAS};

use crate::sealed::Admitted;
use session::{Database, WriteTx, begin};

/// The most jobs one transaction takes.
const MAX_BATCH: usize = 1024;
/// A checkpoint is signed after this many events, or this much time, whichever comes first.
const CHECKPOINT_EVERY: u64 = 10_000;
const CHECKPOINT_AFTER: Duration = Duration::from_secs(1);

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
    pub action: AuditAction,
    pub category: Option<String>,
    pub purpose: String,
    pub reason: Option<Vec<u8>>,
    pub emergency: bool,
    pub source: String,
    pub outcome: Outcome,
    pub articles: String,
    pub object: Option<String>,
    pub subjects: Vec<String>,
}

/// Events appended together with statements, in one transaction. Every event of a job belongs
/// to the same tenant (a vault writes for one).
struct Job {
    events: Vec<NewEvent>,
    statements: Vec<Stmt>,
    reply: oneshot::Sender<Result<Vec<i64>, StoreError>>,
}

#[derive(Clone)]
pub(crate) struct Writer {
    tx: mpsc::Sender<Job>,
}

struct State {
    database: Database,
    /// The last seq and hash of each tenant's chain.
    tips: HashMap<String, (i64, Vec<u8>)>,
    checkpoint_file: PathBuf,
    signing: SigningKey,
    since_checkpoint: u64,
    last_checkpoint: Instant,
}

impl Writer {
    /// Starts the writer for the database at `pool`; on SQLite it opens its own connection to
    /// `sqlite_file`, with the same settings as the pool's.
    pub fn spawn(
        pool: AnyPool,
        backend: Backend,
        sqlite_file: Option<&Path>,
        checkpoint_file: PathBuf,
        signing: SigningKey,
    ) -> Result<(Writer, tokio::task::JoinHandle<()>), StoreError> {
        let database = match (backend, sqlite_file) {
            (Backend::Sqlite, Some(file)) => {
                let conn = rusqlite::Connection::open(file)?;
                conn.execute_batch(SQLITE_PRAGMAS)?;
                // Multi-row inserts come in up to ROWS_PER_INSERT sizes per table.
                conn.set_prepared_statement_cache_capacity(4 * ROWS_PER_INSERT);
                Database::Sqlite(conn)
            }
            (Backend::Sqlite, None) => {
                return Err(StoreError::Invalid {
                    field: "database_url",
                    message: "the embedded database must be a file".into(),
                });
            }
            (Backend::Postgres, _) => Database::Postgres(pool),
        };
        let (tx, rx) = mpsc::channel(4 * MAX_BATCH);
        let state = State {
            database,
            tips: HashMap::new(),
            checkpoint_file,
            signing,
            since_checkpoint: 0,
            last_checkpoint: Instant::now(),
        };
        let handle = tokio::spawn(run(rx, state));
        Ok((Writer { tx }, handle))
    }

    /// Appends `event` and runs `statements` in one transaction; returns the event's seq once
    /// it is durable. Only [`crate::sealed`] can admit a job: through a permit (`commit`, which
    /// turns it into a receipt) or with the reason it needs none (`record`).
    pub(crate) async fn submit(
        &self,
        admitted: Admitted,
        event: NewEvent,
        statements: Vec<Stmt>,
    ) -> Result<i64, StoreError> {
        let seqs = self.submit_all(admitted, vec![event], statements).await?;
        seqs.first()
            .copied()
            .ok_or_else(|| StoreError::Commit("no event was appended".into()))
    }

    /// Appends `events` (of one tenant, at least one) and runs `statements`, all in one
    /// transaction; returns their seqs, in order, once durable.
    pub(crate) async fn submit_all(
        &self,
        _admitted: Admitted,
        events: Vec<NewEvent>,
        statements: Vec<Stmt>,
    ) -> Result<Vec<i64>, StoreError> {
        let one_tenant = events
            .first()
            .is_some_and(|first| events.iter().all(|e| e.tenant_id == first.tenant_id));
        if !one_tenant {
            return Err(StoreError::Invalid {
                field: "events",
                message: "a job appends at least one event, all of one tenant".into(),
            });
        }
        let (reply, answer) = oneshot::channel();
        self.tx
            .send(Job {
                events,
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
        // Stepping SQLite blocks, the fsync of the commit included: the batch goes to a
        // blocking thread, and the state with it. Should that thread die, the state is gone
        // and so is the writer: every waiting and later job gets `Closed`, none is
        // acknowledged.
        let ran = if matches!(state.database, Database::Sqlite(_)) {
            let runtime = tokio::runtime::Handle::current();
            tokio::task::spawn_blocking(move || {
                runtime.block_on(commit_batch(&mut state, batch));
                state
            })
            .await
        } else {
            commit_batch(&mut state, batch).await;
            Ok(state)
        };
        let Ok(ran) = ran else { return };
        state = ran;
        if state.since_checkpoint >= CHECKPOINT_EVERY
            || (state.since_checkpoint > 0 && state.last_checkpoint.elapsed() >= CHECKPOINT_AFTER)
        {
            match tokio::task::spawn_blocking(move || {
                checkpoint(&mut state);
                state
            })
            .await
            {
                Ok(s) => state = s,
                Err(_) => return,
            }
        }
    }
    // The channel closed: the store is shutting down. Anchor what was written.
    if state.since_checkpoint > 0 {
        let _ = tokio::task::spawn_blocking(move || checkpoint(&mut state)).await;
    }
}

/// Signs the tip of every tenant's chain into the checkpoint file.
fn checkpoint(state: &mut State) {
    let written = state
        .tips
        .iter()
        .filter(|(_, (seq, _))| *seq > 0)
        .map(|(tenant, (seq, hash))| Checkpoint::sign(&state.signing, tenant, *seq, hash))
        .try_for_each(|c| append_checkpoint(&state.checkpoint_file, &c));
    // A failed checkpoint leaves the chain itself intact; the next one is tried soon.
    if written.is_ok() {
        state.since_checkpoint = 0;
        state.last_checkpoint = Instant::now();
    }
}

pub(super) const NEWEST_EVENT: &str =
    "SELECT seq, hash FROM audit_events WHERE tenant_id = $1 ORDER BY seq DESC LIMIT 1";

/// Seq and hash of the tip of a tenant's chain: cached, or read in the transaction.
async fn tip(
    session: &mut impl WriteTx,
    tips: &mut HashMap<String, (i64, Vec<u8>)>,
    tenant: &str,
) -> Result<(i64, Vec<u8>), StoreError> {
    if let Some(t) = tips.get(tenant) {
        return Ok(t.clone());
    }
    let t = session
        .newest_event(tenant)
        .await?
        .unwrap_or((0, GENESIS.to_vec()));
    tips.insert(tenant.to_owned(), t.clone());
    Ok(t)
}

/// Gives the job's event the next seq and hash of its tenant's chain, and moves the tip.
async fn chain(
    session: &mut impl WriteTx,
    tips: &mut HashMap<String, (i64, Vec<u8>)>,
    e: &NewEvent,
) -> Result<AuditEvent, StoreError> {
    let (last_seq, prev) = tip(session, tips, &e.tenant_id).await?;
    let seq = last_seq + 1;
    let mut event = AuditEvent {
        tenant_id: e.tenant_id.clone(),
        seq,
        at: jiff::Timestamp::now().to_string(),
        user_id: e.user_id.clone(),
        role: e.role.clone(),
        on_behalf_of: e.on_behalf_of.clone(),
        person_id: e.person_id.clone(),
        action: e.action,
        category: e.category.clone(),
        purpose: e.purpose.clone(),
        reason: e.reason.clone(),
        emergency: e.emergency,
        source: e.source.clone(),
        outcome: e.outcome,
        articles: e.articles.clone(),
        object: e.object.clone(),
        subjects: e.subjects.clone(),
        prev_hash: prev,
        hash: Vec::new(),
    };
    event.hash = event.compute_hash(&event.prev_hash, seq).to_vec();
    tips.insert(e.tenant_id.clone(), (seq, event.hash.clone()));
    Ok(event)
}

/// Rows per INSERT: 19 parameters each stays far below every backend's parameter limit.
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

/// The values of an audit event in the column order of [`insert_events`].
fn event_args(e: &AuditEvent) -> [Arg; EVENT_WIDTH] {
    [
        Arg::Text(e.tenant_id.clone()),
        Arg::Int(e.seq),
        Arg::Text(e.at.clone()),
        Arg::Text(e.user_id.clone()),
        Arg::Text(e.role.clone()),
        Arg::OptText(e.on_behalf_of.clone()),
        Arg::OptText(e.person_id.clone()),
        Arg::Text(e.action.id().to_owned()),
        Arg::OptText(e.category.clone()),
        Arg::Text(e.purpose.clone()),
        Arg::OptBlob(e.reason.clone()),
        Arg::Int(i64::from(e.emergency)),
        Arg::Text(e.source.clone()),
        Arg::Text(e.outcome.id().to_owned()),
        Arg::Text(e.articles.clone()),
        Arg::Blob(e.prev_hash.clone()),
        Arg::Blob(e.hash.clone()),
        Arg::OptText(e.object.clone()),
        Arg::OptText(subjects_text(&e.subjects)),
    ]
}

const EVENT_WIDTH: usize = 19;

/// Inserts events with one multi-row INSERT per chunk, and the index by which each person's
/// access log finds the lists that showed them.
async fn insert_events(
    session: &mut impl WriteTx,
    events: &[AuditEvent],
) -> Result<(), StoreError> {
    const PREFIX: &str = "INSERT INTO audit_events (tenant_id, seq, at, user_id, role, on_behalf_of, person_id, action, \
         category, purpose, reason, emergency, source, outcome, articles, prev_hash, hash, object, subjects) VALUES";
    for chunk in events.chunks(ROWS_PER_INSERT) {
        let values: Vec<[Arg; EVENT_WIDTH]> = chunk.iter().map(event_args).collect();
        let args: Vec<&Arg> = values.iter().flatten().collect();
        let sql = multi_row_insert(PREFIX, EVENT_WIDTH, chunk.len(), session.backend());
        session.execute(&sql, &args).await?;
    }
    const SUBJECTS: &str = "INSERT INTO audit_subjects (tenant_id, person_id, seq) VALUES";
    let subjects: Vec<[Arg; 3]> = events
        .iter()
        .flat_map(|e| {
            e.subjects.iter().map(|p| {
                [
                    Arg::Text(e.tenant_id.clone()),
                    Arg::Text(p.clone()),
                    Arg::Int(e.seq),
                ]
            })
        })
        .collect();
    for chunk in subjects.chunks(ROWS_PER_INSERT) {
        let args: Vec<&Arg> = chunk.iter().flatten().collect();
        let sql = multi_row_insert(SUBJECTS, 3, chunk.len(), session.backend());
        session.execute(&sql, &args).await?;
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

/// Runs one statement of a job; fails the job if it had to change a row and did not.
async fn run_statement(session: &mut impl WriteTx, stmt: &Stmt) -> Result<(), StoreError> {
    let args: Vec<&Arg> = stmt.args.iter().collect();
    let changed = session.execute(stmt.sql, &args).await?;
    if stmt.must_change && changed == 0 {
        return Err(StoreError::NotFound(
            stmt.sql
                .split_whitespace()
                .take(3)
                .collect::<Vec<_>>()
                .join(" "),
        ));
    }
    Ok(())
}

/// Runs the statements of a batch's jobs in order; runs of the same one-row insert become
/// multi-row inserts, so a batch of a thousand new records costs a few statements, not a
/// thousand.
async fn run_batch_statements(
    session: &mut impl WriteTx,
    statements: &[&Stmt],
) -> Result<(), StoreError> {
    let mut i = 0;
    while i < statements.len() {
        let stmt = statements[i];
        let merged = one_row_insert(stmt.sql).map(|(prefix, width)| {
            let run = statements[i..]
                .iter()
                .take(ROWS_PER_INSERT)
                .take_while(|s| s.sql == stmt.sql)
                .count();
            (prefix, width, run)
        });
        match merged {
            Some((prefix, width, run)) if run > 1 => {
                let args: Vec<&Arg> = statements[i..i + run]
                    .iter()
                    .flat_map(|s| &s.args)
                    .collect();
                let sql = multi_row_insert(prefix, width, run, session.backend());
                session.execute(&sql, &args).await?;
                i += run;
            }
            _ => {
                run_statement(session, stmt).await?;
                i += 1;
            }
        }
    }
    Ok(())
}

async fn commit_batch(state: &mut State, batch: Vec<Job>) {
    let before = state.tips.clone();
    // The fast path runs the whole batch without savepoints and inserts its events in a few
    // multi-row statements. Jobs rarely fail; when one does, the batch is rolled back and run
    // again job by job, so the failing job fails alone.
    let fast = match begin(&mut state.database).await {
        Ok(session) => fast_path(session, &mut state.tips, &batch).await,
        Err(e) => Err(e),
    };
    let outcome = match fast {
        Ok(seqs) => Ok(seqs.into_iter().map(Ok).collect::<Vec<_>>()),
        Err(e @ StoreError::Commit(_)) => Err(e),
        Err(_) => {
            state.tips = before.clone();
            match begin(&mut state.database).await {
                Ok(session) => slow_path(session, &mut state.tips, &batch).await,
                Err(e) => Err(e),
            }
        }
    };
    match outcome {
        Ok(results) => {
            let committed: u64 = results
                .iter()
                .map(|r: &Result<Vec<i64>, StoreError>| r.as_ref().map_or(0, |s| s.len() as u64))
                .sum();
            state.since_checkpoint += committed;
            for (job, result) in batch.into_iter().zip(results) {
                let _ = job.reply.send(result);
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
    session: &mut impl WriteTx,
    tips: &mut HashMap<String, (i64, Vec<u8>)>,
    batch: &[Job],
) -> Result<(), StoreError> {
    let mut tenants: Vec<&String> = batch
        .iter()
        .flat_map(|j| j.events.iter().map(|e| &e.tenant_id))
        .collect();
    tenants.sort_unstable();
    tenants.dedup();
    for tenant in tenants {
        // A no-op write: a row lock on PostgreSQL, the database write lock on SQLite (taken
        // before the snapshot the tip is read from), held until commit.
        session
            .execute(
                "UPDATE tenants SET name = name WHERE id = $1",
                &[&Arg::Text(tenant.clone())],
            )
            .await?;
        tips.remove(tenant.as_str());
    }
    Ok(())
}

/// The whole batch in one transaction, its events in a few multi-row inserts.
async fn fast_path(
    mut session: impl WriteTx,
    tips: &mut HashMap<String, (i64, Vec<u8>)>,
    batch: &[Job],
) -> Result<Vec<Vec<i64>>, StoreError> {
    lock_tenants(&mut session, tips, batch).await?;
    let mut events = Vec::with_capacity(batch.len());
    let mut seqs = Vec::with_capacity(batch.len());
    for job in batch {
        let mut mine = Vec::with_capacity(job.events.len());
        for e in &job.events {
            let event = chain(&mut session, tips, e).await?;
            mine.push(event.seq);
            events.push(event);
        }
        seqs.push(mine);
    }
    insert_events(&mut session, &events).await?;
    let statements: Vec<&Stmt> = batch.iter().flat_map(|j| &j.statements).collect();
    run_batch_statements(&mut session, &statements).await?;
    // Dropping an uncommitted session rolls it back, on every early return above. A COMMIT
    // that fails may still have committed (a connection lost in flight): that is no job's
    // fault, and running the batch again could append its events twice.
    session
        .commit()
        .await
        .map_err(|e| StoreError::Commit(e.to_string()))?;
    Ok(seqs)
}

/// The batch job by job, each in a savepoint, so that a failing job fails alone.
async fn slow_path(
    mut session: impl WriteTx,
    tips: &mut HashMap<String, (i64, Vec<u8>)>,
    batch: &[Job],
) -> Result<Vec<Result<Vec<i64>, StoreError>>, StoreError> {
    lock_tenants(&mut session, tips, batch).await?;
    let mut results = Vec::with_capacity(batch.len());
    for job in batch {
        session.execute("SAVEPOINT job", &[]).await?;
        // Every event of a job is of one tenant (checked in `submit_all`).
        let tenant = job
            .events
            .first()
            .map(|e| e.tenant_id.clone())
            .unwrap_or_default();
        let tenant_tip = tips.get(&tenant).cloned();
        let applied = async {
            let mut events = Vec::with_capacity(job.events.len());
            for e in &job.events {
                events.push(chain(&mut session, tips, e).await?);
            }
            insert_events(&mut session, &events).await?;
            for stmt in &job.statements {
                run_statement(&mut session, stmt).await?;
            }
            Ok::<_, StoreError>(events.iter().map(|e| e.seq).collect::<Vec<_>>())
        }
        .await;
        match applied {
            Ok(seq) => {
                session.execute("RELEASE SAVEPOINT job", &[]).await?;
                results.push(Ok(seq));
            }
            Err(e) => {
                session.execute("ROLLBACK TO SAVEPOINT job", &[]).await?;
                session.execute("RELEASE SAVEPOINT job", &[]).await?;
                match tenant_tip {
                    Some(t) => tips.insert(tenant, t),
                    None => tips.remove(&tenant),
                };
                results.push(Err(e));
            }
        }
    }
    session.commit().await?;
    Ok(results)
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::db::{Location, connect};
    use sqlx::Row as _;

    fn event(tenant: &str) -> NewEvent {
        NewEvent {
            tenant_id: tenant.into(),
            user_id: "u".into(),
            role: "fg".into(),
            on_behalf_of: None,
            person_id: None,
            action: AuditAction::Backup,
            category: None,
            purpose: "test".into(),
            reason: None,
            emergency: false,
            source: "test".into(),
            outcome: Outcome::Allowed,
            articles: String::new(),
            object: None,
            subjects: Vec::new(),
        }
    }

    fn job(statements: Vec<Stmt>) -> (Job, oneshot::Receiver<Result<Vec<i64>, StoreError>>) {
        let (reply, answer) = oneshot::channel();
        (
            Job {
                events: vec![event("t")],
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
        let tmp = tempfile::tempdir().unwrap();
        let dir = tmp.path();
        let pool = connect(&Location::embedded(dir), 2).await.unwrap();
        sqlx::query("INSERT INTO tenants (id, name, created_at) VALUES ('t', 't', 'now')")
            .execute(&pool)
            .await
            .unwrap();
        let conn = rusqlite::Connection::open(dir.join("zorgkluis.db")).unwrap();
        conn.execute_batch(SQLITE_PRAGMAS).unwrap();
        let mut state = State {
            database: Database::Sqlite(conn),
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
        assert_eq!(ra.await.unwrap().unwrap(), [1]);
        assert!(matches!(rb.await.unwrap(), Err(StoreError::NotFound(_))));
        assert_eq!(rc.await.unwrap().unwrap(), [2]);
        let count: i64 = sqlx::query("SELECT COUNT(*) FROM audit_events")
            .fetch_one(&pool)
            .await
            .unwrap()
            .try_get(0)
            .unwrap();
        assert_eq!(count, 2);
        pool.close().await;
    }
}
