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
        checkpoint_file: PathBuf,
        signing: SigningKey,
    ) -> (Writer, tokio::task::JoinHandle<()>) {
        let (tx, rx) = mpsc::channel(4 * MAX_BATCH);
        let state = State {
            pool,
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
        };
    }
    q
}

/// Appends the job's event to the chain and runs its statements.
async fn apply(
    conn: &mut sqlx::AnyConnection,
    tips: &mut HashMap<String, (i64, Vec<u8>)>,
    job: &Job,
) -> Result<(i64, Vec<u8>), StoreError> {
    let e = &job.event;
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
        prev_hash: prev.clone(),
        hash: Vec::new(),
    };
    event.hash = event.compute_hash(&prev, seq).to_vec();
    sqlx::query(
        "INSERT INTO audit_events (tenant_id, seq, at, user_id, role, on_behalf_of, person_id, action, \
         category, purpose, reason, emergency, source, outcome, articles, prev_hash, hash) \
         VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10, $11, $12, $13, $14, $15, $16, $17)",
    )
    .bind(&event.tenant_id)
    .bind(event.seq)
    .bind(&event.at)
    .bind(&event.user_id)
    .bind(&event.role)
    .bind(event.on_behalf_of.as_deref())
    .bind(event.person_id.as_deref())
    .bind(&event.action)
    .bind(event.category.as_deref())
    .bind(&event.purpose)
    .bind(event.reason.as_deref())
    .bind(i32::from(event.emergency))
    .bind(&event.source)
    .bind(&event.outcome)
    .bind(&event.articles)
    .bind(event.prev_hash.as_slice())
    .bind(event.hash.as_slice())
    .execute(&mut *conn)
    .await?;
    for stmt in &job.statements {
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
    Ok((seq, event.hash))
}

async fn commit_batch(state: &mut State, batch: Vec<Job>) {
    let before = state.tips.clone();
    let outcome = async {
        let mut tx = state.pool.begin().await?;
        let mut results = Vec::with_capacity(batch.len());
        for job in &batch {
            sqlx::query("SAVEPOINT job").execute(&mut *tx).await?;
            let tenant_tip = state.tips.get(&job.event.tenant_id).cloned();
            match apply(&mut tx, &mut state.tips, job).await {
                Ok((seq, hash)) => {
                    sqlx::query("RELEASE SAVEPOINT job")
                        .execute(&mut *tx)
                        .await?;
                    state.tips.insert(job.event.tenant_id.clone(), (seq, hash));
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
        // Dropping an uncommitted transaction rolls it back, on every early return above.
        tx.commit().await?;
        Ok::<_, StoreError>(results)
    }
    .await;
    match outcome {
        Ok(results) => {
            let committed = results.iter().filter(|r| r.is_ok()).count() as u64;
            state.since_checkpoint += committed;
            for (job, result) in batch.into_iter().zip(results) {
                let _ = job.reply.send(result.map(|seq| Receipt { seq }));
            }
        }
        Err(e) => {
            // Nothing of the batch is durable: forget the chain tips it made.
            state.tips = before;
            let message = e.to_string();
            for job in batch {
                let _ = job.reply.send(Err(StoreError::Commit(message.clone())));
            }
        }
    }
}
