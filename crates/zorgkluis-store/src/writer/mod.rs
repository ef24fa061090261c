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
use std::path::Path;
use std::sync::{Arc, Mutex};
use std::time::{Duration, Instant};

use ed25519_dalek::SigningKey;
use sqlx::AnyPool;
use tokio::sync::{mpsc, oneshot};

mod session;

use crate::StoreError;
use crate::audit::{
    AuditAction, AuditEvent, ChainRule, Checkpoint, CheckpointKind, CheckpointLogPaths, GENESIS,
    NewCheckpoint, Outcome, append, line_hash, read_log, subjects_text,
};
use crate::db::{Backend, SQLITE_PRAGMAS};
use crate::keys::AuditKeys;

use crate::sealed::Admitted;
use session::{Database, WriteTx, begin};

/// The most jobs one transaction takes.
const MAX_BATCH: usize = 1024;
/// A checkpoint is signed after this many events, or this long after the oldest event not yet
/// anchored, whichever comes first; also when nothing else is written.
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
    OptInt(Option<i64>),
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

/// What the writer is asked to do.
enum Message {
    Job(Job),
    /// Check a tenant's chain tip and anchor it in a checkpoint now (when a vault opens).
    Anchor {
        tenant: String,
        reply: oneshot::Sender<Result<(), StoreError>>,
    },
    /// Sign a checkpoint of everything written so far (at shutdown, before a deadline).
    Checkpoint {
        reply: oneshot::Sender<Result<(), StoreError>>,
    },
}

#[derive(Clone)]
pub(crate) struct Writer {
    tx: mpsc::Sender<Message>,
    health: Arc<WriterHealth>,
}

/// What the writer knows is wrong, for `/ready` and the operator: a checkpoint that could not
/// be written (the newest events are unanchored), or a chain tip it refused.
#[derive(Debug, Default)]
pub(crate) struct WriterHealth {
    checkpoint_failure: Mutex<Option<String>>,
    chain_refusal: Mutex<Option<String>>,
}

impl WriterHealth {
    fn set(slot: &Mutex<Option<String>>, value: Option<String>) {
        if let Ok(mut s) = slot.lock() {
            *s = value;
        }
    }

    fn get(slot: &Mutex<Option<String>>) -> Option<String> {
        slot.lock().ok().and_then(|s| s.clone())
    }

    pub fn checkpoint_failure(&self) -> Option<String> {
        Self::get(&self.checkpoint_failure)
    }

    pub fn chain_refusal(&self) -> Option<String> {
        Self::get(&self.chain_refusal)
    }
}

/// The chains the writer appends to: the tip of each as the writer last saw it, and how each
/// is hashed.
struct Chains {
    /// The last seq and hash of each tenant's chain.
    tips: HashMap<String, (i64, Vec<u8>)>,
    rules: HashMap<String, ChainRule>,
    /// `keyed_from` of each tenant, as the checkpoint log stated it when the writer started.
    logged_keyed_from: HashMap<String, i64>,
    /// The tip of each tenant the checkpoint log anchored when the writer started: until the
    /// writer has seen a chain itself, the chain must still hold it.
    logged_tips: HashMap<String, (i64, Vec<u8>)>,
    audit: AuditKeys,
    health: Arc<WriterHealth>,
}

struct State {
    database: Database,
    chains: Chains,
    paths: CheckpointLogPaths,
    /// The tip of each tenant the checkpoint log anchors.
    anchored: HashMap<String, (i64, Vec<u8>)>,
    since_checkpoint: u64,
    /// When the oldest event no checkpoint anchors yet was committed.
    unanchored_since: Option<Instant>,
}

impl State {
    /// When the next checkpoint is due, if anything waits for one.
    fn checkpoint_due(&self) -> Option<tokio::time::Instant> {
        self.unanchored_since
            .map(|t| tokio::time::Instant::from_std(t + CHECKPOINT_AFTER))
    }

    fn runs_in_place(&self) -> bool {
        matches!(self.database, Database::Sqlite(_))
    }
}

impl Writer {
    /// Starts the writer for the database at `pool`; on SQLite it opens its own connection to
    /// `sqlite_file`, with the same settings as the pool's.
    pub fn spawn(
        pool: AnyPool,
        backend: Backend,
        sqlite_file: Option<&Path>,
        audit: AuditKeys,
        paths: CheckpointLogPaths,
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
        let log = read_log(&paths.log)?;
        let logged_keyed_from = log
            .checkpoints()
            .filter(|c| !c.legacy)
            .map(|c| (c.tenant_id.clone(), c.keyed_from))
            .collect();
        let health = Arc::new(WriterHealth::default());
        let (tx, rx) = mpsc::channel(4 * MAX_BATCH);
        let state = State {
            database,
            chains: Chains {
                tips: HashMap::new(),
                rules: HashMap::new(),
                logged_keyed_from,
                logged_tips: log.anchored(),
                audit,
                health: health.clone(),
            },
            paths,
            anchored: log.anchored(),
            since_checkpoint: 0,
            unanchored_since: None,
        };
        let handle = tokio::spawn(run(rx, state));
        Ok((Writer { tx, health }, handle))
    }

    pub fn health(&self) -> &WriterHealth {
        &self.health
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
            .send(Message::Job(Job {
                events,
                statements,
                reply,
            }))
            .await
            .map_err(|_| StoreError::Closed)?;
        answer.await.map_err(|_| StoreError::Closed)?
    }

    /// Checks `tenant`'s chain tip (it must verify, and be where this writer left it) and
    /// anchors it in a signed checkpoint, before anything else is written: a vault opening on
    /// a chain it did not write learns at once whether the chain is authentic.
    pub(crate) async fn anchor(&self, tenant: &str) -> Result<(), StoreError> {
        let (reply, answer) = oneshot::channel();
        self.tx
            .send(Message::Anchor {
                tenant: tenant.to_owned(),
                reply,
            })
            .await
            .map_err(|_| StoreError::Closed)?;
        answer.await.map_err(|_| StoreError::Closed)?
    }

    /// Signs a checkpoint of everything written so far, and returns once it is on disk.
    pub(crate) async fn checkpoint_now(&self) -> Result<(), StoreError> {
        let (reply, answer) = oneshot::channel();
        self.tx
            .send(Message::Checkpoint { reply })
            .await
            .map_err(|_| StoreError::Closed)?;
        answer.await.map_err(|_| StoreError::Closed)?
    }
}

/// One turn of the writer.
enum Work {
    Batch(Vec<Job>),
    Anchor(String, oneshot::Sender<Result<(), StoreError>>),
    Checkpoint(Option<oneshot::Sender<Result<(), StoreError>>>),
}

async fn run(mut rx: mpsc::Receiver<Message>, mut state: State) {
    let mut stashed: Option<Message> = None;
    loop {
        let message = match stashed.take() {
            Some(m) => Some(m),
            None => match state.checkpoint_due() {
                // Nothing may wait longer than a second for its checkpoint, written or not.
                Some(due) => match tokio::time::timeout_at(due, rx.recv()).await {
                    Ok(m) => m,
                    Err(_) => {
                        match work(state, Work::Checkpoint(None)).await {
                            Some(s) => state = s,
                            None => return,
                        }
                        continue;
                    }
                },
                None => rx.recv().await,
            },
        };
        let Some(message) = message else { break };
        let turn = match message {
            Message::Job(first) => {
                let mut batch = vec![first];
                while batch.len() < MAX_BATCH {
                    match rx.try_recv() {
                        Ok(Message::Job(job)) => batch.push(job),
                        Ok(other) => {
                            stashed = Some(other);
                            break;
                        }
                        Err(_) => break,
                    }
                }
                Work::Batch(batch)
            }
            Message::Anchor { tenant, reply } => Work::Anchor(tenant, reply),
            Message::Checkpoint { reply } => Work::Checkpoint(Some(reply)),
        };
        match work(state, turn).await {
            Some(s) => state = s,
            None => return,
        }
        if state.since_checkpoint >= CHECKPOINT_EVERY {
            match work(state, Work::Checkpoint(None)).await {
                Some(s) => state = s,
                None => return,
            }
        }
    }
    // The channel closed: the store is shutting down. Anchor what was written.
    let _ = work(state, Work::Checkpoint(None)).await;
}

/// Does one turn. Stepping SQLite blocks, the fsync of the commit included: then the turn goes
/// to a blocking thread, and the state with it. Should that thread die, the state is gone and
/// so is the writer (`None`): every waiting and later job gets `Closed`, none is acknowledged.
async fn work(mut state: State, turn: Work) -> Option<State> {
    if state.runs_in_place() {
        let runtime = tokio::runtime::Handle::current();
        tokio::task::spawn_blocking(move || {
            runtime.block_on(do_work(&mut state, turn));
            state
        })
        .await
        .ok()
    } else {
        do_work(&mut state, turn).await;
        Some(state)
    }
}

async fn do_work(state: &mut State, turn: Work) {
    match turn {
        Work::Batch(batch) => commit_batch(state, batch).await,
        Work::Anchor(tenant, reply) => {
            let checked = async {
                let mut session = begin(&mut state.database).await?;
                lock_tenant(&mut session, &mut state.chains, &tenant).await?;
                session.commit().await
            }
            .await;
            // A checkpoint that cannot be written does not keep the vault shut: it is logged,
            // shown on `/ready` and tried again every second.
            if checked.is_ok() {
                let _ = checkpoint(state).await;
            }
            let _ = reply.send(checked);
        }
        Work::Checkpoint(reply) => {
            let result = checkpoint(state).await;
            if let Some(reply) = reply {
                let _ = reply.send(result);
            }
        }
    }
}

/// Signs the tip of every chain that moved since its last checkpoint into the checkpoint log
/// (and its mirror), then records the newest line in the database, so that a log deleted or
/// set back is noticed. A failure is logged and shown on `/ready`; it is tried again after a
/// second, and the chain itself is not touched.
async fn checkpoint(state: &mut State) -> Result<(), StoreError> {
    let due: Vec<NewCheckpoint> = state
        .chains
        .tips
        .iter()
        .filter(|(tenant, tip)| state.anchored.get(*tenant) != Some(*tip))
        .filter_map(|(tenant, (seq, hash))| {
            let rule = state.chains.rules.get(tenant)?;
            Some(NewCheckpoint {
                kind: CheckpointKind::Anchor,
                tenant_id: tenant.clone(),
                seq: *seq,
                hash: hash.clone(),
                keyed_from: rule.keyed_from,
            })
        })
        .collect();
    let written = if due.is_empty() {
        Ok(Vec::new())
    } else if state.runs_in_place() {
        append_all(&state.paths, &state.chains.audit.signing, &due)
    } else {
        let (paths, key) = (state.paths.clone(), state.chains.audit.signing.clone());
        tokio::task::spawn_blocking(move || append_all(&paths, &key, &due))
            .await
            .unwrap_or_else(|e| Err(StoreError::Checkpoint(format!("checkpoint thread: {e}"))))
    };
    let recorded = match written {
        Ok(lines) => {
            for c in &lines {
                state
                    .anchored
                    .insert(c.tenant_id.clone(), (c.seq, c.hash.clone()));
            }
            record_anchors(&mut state.database, &lines).await
        }
        Err(e) => Err(e),
    };
    match recorded {
        Ok(()) => {
            state.since_checkpoint = 0;
            state.unanchored_since = None;
            WriterHealth::set(&state.chains.health.checkpoint_failure, None);
            Ok(())
        }
        Err(e) => {
            tracing::error!(error = %e, "audit checkpoint failed: the newest events are unanchored");
            WriterHealth::set(&state.chains.health.checkpoint_failure, Some(e.to_string()));
            state.unanchored_since = Some(Instant::now());
            Err(e)
        }
    }
}

fn append_all(
    paths: &CheckpointLogPaths,
    key: &SigningKey,
    due: &[NewCheckpoint],
) -> Result<Vec<Checkpoint>, StoreError> {
    due.iter()
        .map(|c| append(&paths.log, paths.mirror.as_deref(), key, c))
        .collect()
}

/// Records in the database the newest line of the checkpoint log that anchors each tenant:
/// a log that later lacks it was deleted or set back. Only ever moves forward.
async fn record_anchors(database: &mut Database, lines: &[Checkpoint]) -> Result<(), StoreError> {
    if lines.is_empty() {
        return Ok(());
    }
    let mut session = begin(database).await?;
    for c in lines {
        session
            .execute(
                RECORD_ANCHOR,
                &[
                    &Arg::Text(c.tenant_id.clone()),
                    &Arg::Int(c.keyed_from),
                    &Arg::Int(c.line as i64),
                    &Arg::Blob(line_hash(&c.text()).to_vec()),
                    &Arg::Int(c.seq),
                    &Arg::Blob(c.hash.clone()),
                ],
            )
            .await?;
    }
    session.commit().await
}

pub(crate) const RECORD_ANCHOR: &str = "INSERT INTO audit_anchors (tenant_id, keyed_from, line, line_hash, seq, hash) \
     VALUES ($1, $2, $3, $4, $5, $6) ON CONFLICT (tenant_id) DO UPDATE SET keyed_from = excluded.keyed_from, \
     line = excluded.line, line_hash = excluded.line_hash, seq = excluded.seq, hash = excluded.hash \
     WHERE audit_anchors.line < excluded.line";

pub(super) const NEWEST_EVENT: &str = "SELECT tenant_id, seq, at, user_id, role, on_behalf_of, person_id, action, \
     category, purpose, reason, emergency, source, outcome, articles, prev_hash, hash, object, subjects \
     FROM audit_events WHERE tenant_id = $1 ORDER BY seq DESC LIMIT 1";
pub(super) const HASH_AT: &str = "SELECT hash FROM audit_events WHERE tenant_id = $1 AND seq = $2";
pub(super) const ANCHOR_ROW: &str = "SELECT keyed_from FROM audit_anchors WHERE tenant_id = $1";

/// Refuses to append to a chain whose tip the writer cannot vouch for, and says so everywhere.
fn refuse(chains: &Chains, tenant: &str, why: String) -> StoreError {
    let message = format!("tenant {tenant}: {why}");
    tracing::error!(tenant, reason = %why, "audit chain refused: run `zorgkluis audit verify`");
    WriterHealth::set(&chains.health.chain_refusal, Some(message.clone()));
    StoreError::ChainRefused(message)
}

/// Takes the write lock of `tenant` (a no-op write: a row lock on PostgreSQL, the database
/// write lock on SQLite, taken before the snapshot the tip is read from, held until commit),
/// then reads its chain tip in this transaction and checks it: the tip must verify under the
/// chain's rule (someone without the key cannot have written it), and lie where this writer
/// left it or after it (another process of the installation may have appended; nobody may
/// have cut the chain back or replaced what the writer wrote).
async fn lock_tenant(
    session: &mut impl WriteTx,
    chains: &mut Chains,
    tenant: &str,
) -> Result<(), StoreError> {
    session
        .execute(
            "UPDATE tenants SET name = name WHERE id = $1",
            &[&Arg::Text(tenant.to_owned())],
        )
        .await?;
    let mine = chains
        .tips
        .remove(tenant)
        .or_else(|| chains.logged_tips.remove(tenant));
    let result = check_tip(session, chains, tenant, mine.clone()).await;
    // A refusal stands until the chain is put right: the tip it was checked against is kept,
    // so that the next write is checked against it again.
    if let (Err(StoreError::ChainRefused(_)), Some(mine)) = (&result, mine) {
        chains.logged_tips.insert(tenant.to_owned(), mine);
    }
    result
}

/// Reads `tenant`'s tip, checks it against what the writer (or the checkpoint log) last saw
/// and against the chain key, and makes it the tip the next event links to.
async fn check_tip(
    session: &mut impl WriteTx,
    chains: &mut Chains,
    tenant: &str,
    mine: Option<(i64, Vec<u8>)>,
) -> Result<(), StoreError> {
    let newest = match session.newest_event(tenant).await {
        Ok(e) => e,
        Err(StoreError::Verify(why)) => return Err(refuse(chains, tenant, why)),
        Err(e) => return Err(e),
    };
    let rule = match chains.rules.get(tenant) {
        Some(rule) => rule.clone(),
        None => {
            let keyed_from = match chains.logged_keyed_from.get(tenant) {
                Some(k) => *k,
                None => match session.recorded_keyed_from(tenant).await? {
                    Some(k) => k,
                    None => {
                        // The first write of a release with the chain key: every event from
                        // the next on is keyed. Recorded at once; the first checkpoint states it.
                        let k = newest.as_ref().map_or(1, |e| e.seq + 1);
                        session
                            .execute(
                                "INSERT INTO audit_anchors (tenant_id, keyed_from, line, line_hash, seq, hash) \
                                 VALUES ($1, $2, 0, $3, 0, $3) ON CONFLICT (tenant_id) DO NOTHING",
                                &[
                                    &Arg::Text(tenant.to_owned()),
                                    &Arg::Int(k),
                                    &Arg::Blob(GENESIS.to_vec()),
                                ],
                            )
                            .await?;
                        k
                    }
                },
            };
            let rule = ChainRule {
                key: chains.audit.chain_key(tenant)?,
                keyed_from,
            };
            chains.rules.insert(tenant.to_owned(), rule.clone());
            rule
        }
    };
    let tip = match (newest, mine) {
        (None, None) | (None, Some((0, _))) => {
            if rule.keyed_from > 1 {
                return Err(refuse(
                    chains,
                    tenant,
                    format!(
                        "the chain is empty but keyed from event {}",
                        rule.keyed_from
                    ),
                ));
            }
            (0, GENESIS.to_vec())
        }
        (None, Some((seq, _))) => {
            return Err(refuse(
                chains,
                tenant,
                format!("the chain ended at event {seq} and is now empty"),
            ));
        }
        (Some(e), mine) => {
            if e.seq + 1 < rule.keyed_from {
                return Err(refuse(
                    chains,
                    tenant,
                    format!(
                        "the chain ends at event {} but is keyed from event {}",
                        e.seq, rule.keyed_from
                    ),
                ));
            }
            if !e.verifies_at(&rule, e.seq) {
                return Err(refuse(
                    chains,
                    tenant,
                    format!("event {} at the tip of the chain does not verify", e.seq),
                ));
            }
            if let Some((seq, hash)) = mine {
                let replaced = if e.seq < seq {
                    Some(format!(
                        "the chain was cut back from event {seq} to {}",
                        e.seq
                    ))
                } else if (e.seq == seq && e.hash != hash)
                    || (e.seq > seq && seq > 0 && session.hash_at(tenant, seq).await? != Some(hash))
                {
                    Some(format!("event {seq} was replaced"))
                } else {
                    None
                };
                if let Some(why) = replaced {
                    return Err(refuse(chains, tenant, why));
                }
            }
            (e.seq, e.hash)
        }
    };
    chains.tips.insert(tenant.to_owned(), tip);
    Ok(())
}

/// Gives the job's event the next seq and hash of its tenant's chain, and moves the tip. The
/// tenant's tip was read and checked when its lock was taken.
fn chain(chains: &mut Chains, e: &NewEvent) -> Result<AuditEvent, StoreError> {
    let (Some((last_seq, prev)), Some(rule)) = (
        chains.tips.get(&e.tenant_id).cloned(),
        chains.rules.get(&e.tenant_id),
    ) else {
        return Err(StoreError::Commit(format!(
            "tenant {} was not locked",
            e.tenant_id
        )));
    };
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
    event.hash = event.hash_under(rule, &event.prev_hash, seq).to_vec();
    chains
        .tips
        .insert(e.tenant_id.clone(), (seq, event.hash.clone()));
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
    let before = state.chains.tips.clone();
    // The fast path runs the whole batch without savepoints and inserts its events in a few
    // multi-row statements. Jobs rarely fail; when one does, the batch is rolled back and run
    // again job by job, so the failing job fails alone.
    let fast = match begin(&mut state.database).await {
        Ok(session) => fast_path(session, &mut state.chains, &batch).await,
        Err(e) => Err(e),
    };
    let outcome = match fast {
        Ok(seqs) => Ok(seqs.into_iter().map(Ok).collect::<Vec<_>>()),
        Err(e @ (StoreError::Commit(_) | StoreError::ChainRefused(_))) => Err(e),
        Err(_) => {
            state.chains.tips = before.clone();
            match begin(&mut state.database).await {
                Ok(session) => slow_path(session, &mut state.chains, &batch).await,
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
            if committed > 0 && state.unanchored_since.is_none() {
                state.unanchored_since = Some(Instant::now());
            }
            WriterHealth::set(&state.chains.health.chain_refusal, None);
            for (job, result) in batch.into_iter().zip(results) {
                let _ = job.reply.send(result);
            }
        }
        Err(e) => {
            // Nothing of the batch is durable (or the commit's outcome is unknown): keep the
            // tips as they were before it, so the next batch checks the database against them.
            state.chains.tips = before;
            for job in batch {
                let _ = job.reply.send(Err(match &e {
                    StoreError::ChainRefused(m) => StoreError::ChainRefused(m.clone()),
                    other => StoreError::Commit(other.to_string()),
                }));
            }
        }
    }
}

/// Takes the write lock of each tenant in the batch and checks its chain tip.
async fn lock_tenants(
    session: &mut impl WriteTx,
    chains: &mut Chains,
    batch: &[Job],
) -> Result<(), StoreError> {
    let mut tenants: Vec<&String> = batch
        .iter()
        .flat_map(|j| j.events.iter().map(|e| &e.tenant_id))
        .collect();
    tenants.sort_unstable();
    tenants.dedup();
    for tenant in tenants {
        lock_tenant(session, chains, tenant).await?;
    }
    Ok(())
}

/// The whole batch in one transaction, its events in a few multi-row inserts.
async fn fast_path(
    mut session: impl WriteTx,
    chains: &mut Chains,
    batch: &[Job],
) -> Result<Vec<Vec<i64>>, StoreError> {
    lock_tenants(&mut session, chains, batch).await?;
    let mut events = Vec::with_capacity(batch.len());
    let mut seqs = Vec::with_capacity(batch.len());
    for job in batch {
        let mut mine = Vec::with_capacity(job.events.len());
        for e in &job.events {
            let event = chain(chains, e)?;
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
    chains: &mut Chains,
    batch: &[Job],
) -> Result<Vec<Result<Vec<i64>, StoreError>>, StoreError> {
    lock_tenants(&mut session, chains, batch).await?;
    let mut results = Vec::with_capacity(batch.len());
    for job in batch {
        session.execute("SAVEPOINT job", &[]).await?;
        // Every event of a job is of one tenant (checked in `submit_all`).
        let tenant = job
            .events
            .first()
            .map(|e| e.tenant_id.clone())
            .unwrap_or_default();
        let tenant_tip = chains.tips.get(&tenant).cloned();
        let applied = async {
            let mut events = Vec::with_capacity(job.events.len());
            for e in &job.events {
                events.push(chain(chains, e)?);
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
                    Some(t) => chains.tips.insert(tenant, t),
                    None => chains.tips.remove(&tenant),
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
            chains: Chains {
                tips: HashMap::new(),
                rules: HashMap::new(),
                logged_keyed_from: HashMap::new(),
                logged_tips: HashMap::new(),
                audit: crate::keys::MasterKeys::generate()
                    .unwrap()
                    .audit_keys()
                    .unwrap(),
                health: Arc::default(),
            },
            paths: CheckpointLogPaths {
                log: dir.join("checkpoints.log"),
                mirror: None,
            },
            anchored: HashMap::new(),
            since_checkpoint: 0,
            unanchored_since: None,
        };
        let (a, ra) = job(Vec::new());
        let (b, rb) = job(vec![Stmt::must_change(
            "DELETE FROM care_relationships WHERE tenant_id = $1 AND person_id = $2",
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
