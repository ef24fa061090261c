//! `audit verify`: proves every tenant's hash chain and the signed checkpoints, or names the
//! first event that was altered, removed, inserted or reordered.
//!
//! Two passes, because intact chains are the rule and tampering the exception:
//!
//! 1. **The proof** reads the table in stretches, in parallel, and checks each event's hash
//!    and link without copying the row ([`Stretch`]); on SQLite it steps prepared statements
//!    on read-only connections of its own (rusqlite over the same SQLite library sqlx links),
//!    because handing rows one by one through sqlx's worker thread costs ten times the hashing.
//! 2. **The diagnosis** runs only when the proof fails: the sequential [`ChainWalker`] over the
//!    pool, which tells what happened and where.
//!
//! Both passes report the hashes at checkpointed positions; the checkpoints are then checked
//! against them the same way.

use std::collections::HashMap;
use std::path::Path;

use futures_util::TryStreamExt as _;
use serde::Serialize;
use sqlx::{AnyPool, Row as _};

use crate::StoreError;
use crate::audit::{
    ChainBreak, ChainRule, ChainWalker, EventFields, Finding, Stretch, join_stretches, read_log,
};

mod checkpoints;
use crate::db::{self, Backend, Location};
use crate::keys::MasterKeys;

/// The result of `audit verify`.
#[derive(Debug, Clone, Serialize)]
pub struct VerifyReport {
    /// How the chains were walked: proven in parallel, or walked in order (where the proof
    /// failed, or the backend has no parallel proof).
    pub method: VerifyMethod,
    pub tenants: Vec<TenantChain>,
    pub checkpoints: usize,
    pub findings: Vec<Finding>,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize)]
#[serde(rename_all = "snake_case")]
pub enum VerifyMethod {
    ParallelProof,
    SequentialWalk,
}

#[derive(Debug, Clone, Serialize)]
pub struct TenantChain {
    pub tenant_id: String,
    pub events: u64,
    pub last_seq: i64,
}

impl VerifyReport {
    pub fn ok(&self) -> bool {
        self.findings.is_empty()
    }
}

/// What walking the chains found, before the checkpoints are compared.
struct Chains {
    tenants: Vec<TenantChain>,
    findings: Vec<Finding>,
    /// The stored hash at each checkpointed position that exists.
    marked: HashMap<(String, i64), Vec<u8>>,
}

impl Chains {
    /// Adds a tenant proven by its stretches in seq order; false if they do not join into
    /// one intact chain.
    fn add(&mut self, tenant_id: String, stretches: Vec<Stretch>) -> bool {
        let Some((last_seq, _, events)) = join_stretches(&stretches) else {
            return false;
        };
        for stretch in stretches {
            for (seq, hash) in stretch.marks {
                self.marked.insert((tenant_id.clone(), seq), hash.to_vec());
            }
        }
        self.tenants.push(TenantChain {
            tenant_id,
            events,
            last_seq,
        });
        true
    }
}

/// The checkpointed positions of each tenant, sorted.
type Wanted = HashMap<String, Vec<i64>>;

fn is_wanted(wanted: Option<&Vec<i64>>, seq: i64) -> bool {
    wanted.is_some_and(|w| w.binary_search(&seq).is_ok())
}

/// Verifies the chain of every tenant against the signed checkpoints, their mirror and what the
/// database recorded of them.
pub(crate) async fn verify(
    pool: &AnyPool,
    location: &Location,
    keys: &MasterKeys,
) -> Result<VerifyReport, StoreError> {
    let audit = keys.audit_keys()?;
    let verifying = audit.signing.verifying_key();
    let paths = location.checkpoint_paths();
    // The database's record first: a line is on disk in the log before it is recorded, so a
    // checkpoint written meanwhile is in the log read after. Read the other way round, one
    // written between the two reads looked lost (a flaky test under load showed it).
    let recorded = checkpoints::recorded_anchors(pool).await?;
    let log = read_log(&paths.log)?;
    let mirror = paths.mirror.as_deref().map(read_log).transpose()?;
    let review = checkpoints::review_log(&log, mirror.as_ref(), &recorded, &verifying);
    let wanted = review.wanted();
    let rules = std::sync::Arc::new(Rules {
        audit,
        keyed_from: review.keyed_from.clone(),
        legacy: review.legacy.clone(),
    });
    let proof = match (location.backend(), location.sqlite_file()) {
        (Backend::Sqlite, Some(file)) if file.exists() => {
            let (wanted, rules) = (wanted.clone(), rules.clone());
            tokio::task::spawn_blocking(move || prove_sqlite(&file, &wanted, &rules, STRETCH_ROWS))
                .await
                .map_err(|e| StoreError::Commit(format!("verification thread: {e}")))??
        }
        (Backend::Postgres, _) => {
            prove_postgres(&location.database_url, &wanted, &rules, STRETCH_ROWS).await?
        }
        _ => None,
    };
    let (method, mut chains) = match proof {
        Some(chains) => (VerifyMethod::ParallelProof, chains),
        None => (
            VerifyMethod::SequentialWalk,
            diagnose(pool, &wanted, &rules).await?,
        ),
    };
    for f in subjects_index_findings(pool).await? {
        if !chains.findings.iter().any(|x| x.tenant_id == f.tenant_id) {
            chains.findings.push(f);
        }
    }
    chains
        .findings
        .extend(checkpoints::guard_findings(pool, location.backend()).await?);
    Ok(compare_checkpoints(method, chains, review))
}

/// How each tenant's chain is hashed: its key, and from which event on it is keyed.
struct Rules {
    audit: crate::keys::AuditKeys,
    /// As the checkpoint log (or else the database) states it.
    keyed_from: HashMap<String, i64>,
    /// Tenants the log anchors only in the first format: their chains predate the key.
    legacy: std::collections::HashSet<String>,
}

impl Rules {
    fn rule(&self, tenant: &[u8]) -> Result<ChainRule, StoreError> {
        let tenant = String::from_utf8_lossy(tenant);
        let keyed_from = match self.keyed_from.get(tenant.as_ref()) {
            Some(k) => *k,
            None if self.legacy.contains(tenant.as_ref()) => i64::MAX,
            // A chain nobody states a rule for is held to the strictest: keyed throughout.
            None => 1,
        };
        Ok(ChainRule {
            key: self.audit.chain_key(&tenant)?,
            keyed_from,
        })
    }
}

/// The first event per tenant whose index of subjects (`audit_subjects`, by which a person's
/// access log finds the lists that showed them) differs from its hashed `subjects`: a count
/// that differs, a person the event does not list, or an index row without its event. Only
/// events with subjects are looked at (a partial index), so this costs next to nothing.
async fn subjects_index_findings(pool: &AnyPool) -> Result<Vec<Finding>, StoreError> {
    // installation-wide: every tenant's lists are checked.
    const MISCOUNTED: &str = "SELECT e.tenant_id, e.seq FROM audit_events e WHERE e.subjects IS NOT NULL \
         AND LENGTH(e.subjects) - LENGTH(REPLACE(e.subjects, ' ', '')) + 1 <> \
         (SELECT COUNT(*) FROM audit_subjects s WHERE s.tenant_id = e.tenant_id AND s.seq = e.seq) \
         ORDER BY e.tenant_id, e.seq";
    // installation-wide: every tenant's index rows are checked.
    const UNLISTED: &str = "SELECT s.tenant_id, s.seq FROM audit_subjects s LEFT JOIN audit_events e \
         ON e.tenant_id = s.tenant_id AND e.seq = s.seq \
         WHERE e.seq IS NULL OR e.subjects IS NULL \
         OR ' ' || e.subjects || ' ' NOT LIKE '% ' || s.person_id || ' %' \
         ORDER BY s.tenant_id, s.seq";
    let mut findings: Vec<Finding> = Vec::new();
    for sql in [MISCOUNTED, UNLISTED] {
        let rows = sqlx::query(sql).fetch_all(pool).await?;
        for r in rows {
            let (tenant_id, seq): (String, i64) = (r.try_get(0)?, r.try_get(1)?);
            if !findings.iter().any(|f| f.tenant_id == tenant_id) {
                findings.push(Finding::at(&tenant_id, seq, ChainBreak::SubjectsAltered));
            }
        }
    }
    Ok(findings)
}

fn compare_checkpoints(
    method: VerifyMethod,
    chains: Chains,
    review: checkpoints::LogReview,
) -> VerifyReport {
    let Chains {
        tenants,
        mut findings,
        marked,
    } = chains;
    let named = |findings: &[Finding], tenant: &str| findings.iter().any(|f| f.tenant_id == tenant);
    for f in review.findings {
        if f.tenant_id.is_empty() || !named(&findings, &f.tenant_id) {
            findings.push(f);
        }
    }
    for c in &review.standing {
        let last = tenants
            .iter()
            .find(|t| t.tenant_id == c.tenant_id)
            .map_or(0, |t| t.last_seq);
        let problem = if c.seq > last {
            Some(ChainBreak::Truncated)
        } else if c.seq > 0 && marked.get(&(c.tenant_id.clone(), c.seq)) != Some(&c.hash) {
            Some(ChainBreak::Altered)
        } else {
            None
        };
        if let Some(problem) = problem
            && !named(&findings, &c.tenant_id)
        {
            let seq = if problem == ChainBreak::Truncated {
                last + 1
            } else {
                c.seq
            };
            findings.push(Finding::at(&c.tenant_id, seq, problem));
        }
    }
    // A chain with events that no checkpoint anchors: the log was removed, or never written.
    for t in &tenants {
        let anchored = review.standing.iter().any(|c| c.tenant_id == t.tenant_id);
        if t.events > 0 && !anchored && !named(&findings, &t.tenant_id) {
            findings.push(Finding::at(&t.tenant_id, 1, ChainBreak::Unanchored));
        }
    }
    VerifyReport {
        method,
        tenants,
        checkpoints: review.lines,
        findings,
    }
}

/// Rows per stretch: large enough that a stretch's query costs nothing next to its rows, small
/// enough that two threads finish close together.
const STRETCH_ROWS: i64 = 65_536;

/// The parallel proof on SQLite, by rowid ranges. The writer appends each tenant's events in
/// seq order, so in rowid order every tenant's events form its chain; rows out of that order
/// fail the proof and go to the diagnosis, which sorts by seq. Returns `None` if any chain is
/// not proven intact.
fn prove_sqlite(
    file: &Path,
    wanted: &Wanted,
    rules: &Rules,
    stretch_rows: i64,
) -> Result<Option<Chains>, StoreError> {
    let conn = open_read_only(file)?;
    // installation-wide: verification proves every tenant's chain.
    let (low, high): (Option<i64>, Option<i64>) =
        conn.query_row("SELECT MIN(rowid), MAX(rowid) FROM audit_events", [], |r| {
            Ok((r.get(0)?, r.get(1)?))
        })?;
    drop(conn);
    let ranges: Vec<(i64, i64)> = match (low, high) {
        (Some(low), Some(high)) => {
            // A rowid planted far beyond the others would make ranges without end: such a
            // table is not the writer's, and the diagnosis reads it by seq instead.
            let Some(span) = high
                .checked_sub(low)
                .filter(|s| *s / stretch_rows < 1 << 20)
            else {
                return Ok(None);
            };
            (0..=span / stretch_rows)
                .map(|i| {
                    let start = low + i * stretch_rows;
                    (start, start.saturating_add(stretch_rows - 1).min(high))
                })
                .collect()
        }
        _ => Vec::new(),
    };
    let threads = std::thread::available_parallelism()
        .map_or(1, |n| n.get())
        .clamp(1, 4)
        .min(ranges.len().max(1));
    let next = std::sync::atomic::AtomicUsize::new(0);
    let results: Vec<Result<Vec<(usize, TenantStretches)>, StoreError>> = std::thread::scope(
        |scope| {
            let workers: Vec<_> = (0..threads)
                .map(|_| {
                    scope.spawn(|| {
                        let conn = open_read_only(file)?;
                        let mut stmt = conn
                            // installation-wide: a stretch of rows of every tenant.
                            .prepare(&format!(
                                "SELECT {} FROM audit_events WHERE rowid BETWEEN ?1 AND ?2 ORDER BY rowid",
                                db::events::EVENT_COLUMNS
                            ))
                            ?;
                        let mut done = Vec::new();
                        loop {
                            let i = next.fetch_add(1, std::sync::atomic::Ordering::Relaxed);
                            let Some(&(from, to)) = ranges.get(i) else {
                                break;
                            };
                            done.push((i, prove_range(&mut stmt, from, to, wanted, rules)?));
                        }
                        Ok(done)
                    })
                })
                .collect();
            workers
                .into_iter()
                .map(|w| {
                    w.join().unwrap_or_else(|_| {
                        Err(StoreError::Commit("a verification thread failed".into()))
                    })
                })
                .collect()
        },
    );
    let mut by_range = Vec::new();
    for r in results {
        by_range.extend(r?);
    }
    by_range.sort_unstable_by_key(|(i, _)| *i);
    // Each tenant's stretches in rowid order.
    let mut per_tenant: std::collections::BTreeMap<Vec<u8>, Vec<Stretch>> = Default::default();
    for (_, stretches) in by_range {
        for (tenant, stretch) in stretches {
            per_tenant.entry(tenant).or_default().push(stretch);
        }
    }
    let mut chains = Chains {
        tenants: Vec::new(),
        findings: Vec::new(),
        marked: HashMap::new(),
    };
    for (tenant, stretches) in per_tenant {
        let Ok(tenant_id) = String::from_utf8(tenant) else {
            return Ok(None);
        };
        if !chains.add(tenant_id, stretches) {
            return Ok(None);
        }
    }
    Ok(Some(chains))
}

/// The stretches of one rowid range, one per tenant met in it.
type TenantStretches = Vec<(Vec<u8>, Stretch)>;

/// Checks the rows of one rowid range, a stretch per tenant met in it.
fn prove_range(
    stmt: &mut rusqlite::Statement<'_>,
    from: i64,
    to: i64,
    wanted: &Wanted,
    rules: &Rules,
) -> Result<TenantStretches, StoreError> {
    let mut stretches: TenantStretches = Vec::new();
    let mut rows = stmt.query([from, to])?;
    let mut current = usize::MAX;
    let mut current_wanted: Option<&Vec<i64>> = None;
    while let Some(row) = rows.next()? {
        let tenant = row.get_ref(0)?.as_bytes().unwrap_or_default();
        if stretches.get(current).is_none_or(|(t, _)| t != tenant) {
            current = match stretches.iter().position(|(t, _)| t == tenant) {
                Some(i) => i,
                None => {
                    stretches.push((tenant.to_vec(), Stretch::new(rules.rule(tenant)?)));
                    stretches.len() - 1
                }
            };
            current_wanted = std::str::from_utf8(tenant).ok().and_then(|t| wanted.get(t));
        }
        let Some((_, stretch)) = stretches.get_mut(current) else {
            continue;
        };
        match read_row(row) {
            Some((seq, prev, hash, fields)) => {
                stretch.push(seq, prev, hash, &fields, is_wanted(current_wanted, seq));
            }
            None => stretch.unreadable(),
        }
    }
    Ok(stretches)
}

type RowParts<'r> = (i64, &'r [u8], &'r [u8], EventFields<'r>);

/// A row of either driver, its columns borrowed where they lie. A column must hold the type
/// the writer gives it: on SQLite, whose columns take any value, TEXT cast to BLOB hashes the
/// same but no longer matches `person_id = ?` (the event would vanish from a client's access
/// log), so anything but the exact type is `None`, and the walk names the event.
trait EventRow<'r> {
    fn text(&self, i: usize) -> Option<Option<&'r [u8]>>;
    fn blob(&self, i: usize) -> Option<Option<&'r [u8]>>;
    fn int(&self, i: usize) -> Option<i64>;
}

impl<'r> EventRow<'r> for &'r rusqlite::Row<'_> {
    fn text(&self, i: usize) -> Option<Option<&'r [u8]>> {
        match self.get_ref(i).ok()? {
            rusqlite::types::ValueRef::Text(t) => Some(Some(t)),
            rusqlite::types::ValueRef::Null => Some(None),
            _ => None,
        }
    }
    fn blob(&self, i: usize) -> Option<Option<&'r [u8]>> {
        match self.get_ref(i).ok()? {
            rusqlite::types::ValueRef::Blob(b) => Some(Some(b)),
            rusqlite::types::ValueRef::Null => Some(None),
            _ => None,
        }
    }
    fn int(&self, i: usize) -> Option<i64> {
        match self.get_ref(i).ok()? {
            rusqlite::types::ValueRef::Integer(n) => Some(n),
            _ => None,
        }
    }
}

/// PostgreSQL types its columns (TEXT, BYTEA, INTEGER, BIGINT): each is decoded as its own.
impl<'r> EventRow<'r> for &'r sqlx::postgres::PgRow {
    fn text(&self, i: usize) -> Option<Option<&'r [u8]>> {
        use sqlx::Row as _;
        self.try_get::<Option<&'r str>, _>(i)
            .ok()
            .map(|t| t.map(str::as_bytes))
    }
    fn blob(&self, i: usize) -> Option<Option<&'r [u8]>> {
        use sqlx::Row as _;
        self.try_get::<Option<&'r [u8]>, _>(i).ok()
    }
    fn int(&self, i: usize) -> Option<i64> {
        use sqlx::{Column as _, Row as _, TypeInfo as _};
        if self.columns().get(i)?.type_info().name() == "INT4" {
            self.try_get::<i32, _>(i).ok().map(i64::from)
        } else {
            self.try_get::<i64, _>(i).ok()
        }
    }
}

/// The hashed fields of a row in [`db::events::EVENT_COLUMNS`] order, borrowed; `None` if a column
/// holds what no event written by the writer holds (then the walk names the event).
fn read_row<'r>(row: impl EventRow<'r>) -> Option<RowParts<'r>> {
    let text = |i: usize| row.text(i)?;
    let fields = EventFields {
        tenant_id: text(0)?,
        at: text(2)?,
        user_id: text(3)?,
        role: text(4)?,
        on_behalf_of: row.text(5)?,
        person_id: row.text(6)?,
        action: text(7)?,
        category: row.text(8)?,
        purpose: text(9)?,
        reason: row.blob(10)?,
        // Nonzero is an emergency, here as in the hash and in the review's `emergency <> 0`.
        emergency: row.int(11)? != 0,
        source: text(12)?,
        outcome: text(13)?,
        articles: text(14)?,
        object: row.text(17)?,
        subjects: row.text(18)?,
    };
    Some((row.int(1)?, row.blob(15)??, row.blob(16)??, fields))
}

fn open_read_only(file: &Path) -> Result<rusqlite::Connection, StoreError> {
    let conn = rusqlite::Connection::open_with_flags(
        file,
        rusqlite::OpenFlags::SQLITE_OPEN_READ_ONLY | rusqlite::OpenFlags::SQLITE_OPEN_NO_MUTEX,
    )?;
    conn.busy_timeout(std::time::Duration::from_secs(5))?;
    Ok(conn)
}

/// Each tenant with the lowest and highest seq of its events: a skip scan over the primary
/// key, one index probe per tenant rather than a pass over the table.
// installation-wide: the tenants whose chains are proven.
const TENANT_SPANS: &str = "WITH RECURSIVE t(id) AS ( \
       SELECT MIN(tenant_id) FROM audit_events \
       UNION ALL \
       SELECT (SELECT MIN(tenant_id) FROM audit_events WHERE tenant_id > t.id) FROM t WHERE t.id IS NOT NULL) \
     SELECT id, (SELECT MIN(seq) FROM audit_events WHERE tenant_id = t.id), \
            (SELECT MAX(seq) FROM audit_events WHERE tenant_id = t.id) \
     FROM t WHERE id IS NOT NULL ORDER BY id";

/// The parallel proof on PostgreSQL: each tenant's seq range in stretches, read in seq order
/// over the primary key on connections of its own, rows decoded in place.
async fn prove_postgres(
    url: &str,
    wanted: &Wanted,
    rules: &Rules,
    stretch_rows: i64,
) -> Result<Option<Chains>, StoreError> {
    use sqlx::Connection as _;
    let mut conn = sqlx::PgConnection::connect(url).await?;
    let spans: Vec<(String, i64, i64)> = sqlx::query_as(TENANT_SPANS).fetch_all(&mut conn).await?;
    conn.close().await?;
    let mut jobs: Vec<(usize, i64, i64)> = Vec::new();
    for (t, (_, low, high)) in spans.iter().enumerate() {
        let Some(span) = high
            .checked_sub(*low)
            .filter(|s| *s / stretch_rows < 1 << 20)
        else {
            return Ok(None);
        };
        for i in 0..=span / stretch_rows {
            let start = low + i * stretch_rows;
            jobs.push((t, start, start.saturating_add(stretch_rows - 1).min(*high)));
        }
    }
    let jobs = std::sync::Arc::new(jobs);
    let spans = std::sync::Arc::new(spans);
    let wanted = std::sync::Arc::new(wanted.clone());
    let tenant_rules: std::sync::Arc<Vec<ChainRule>> = std::sync::Arc::new(
        spans
            .iter()
            .map(|(t, _, _)| rules.rule(t.as_bytes()))
            .collect::<Result<_, _>>()?,
    );
    let next = std::sync::Arc::new(std::sync::atomic::AtomicUsize::new(0));
    let workers = std::thread::available_parallelism()
        .map_or(1, |n| n.get())
        .clamp(1, 4)
        .min(jobs.len().max(1));
    let mut tasks = tokio::task::JoinSet::new();
    for _ in 0..workers {
        let (jobs, spans, wanted, next, tenant_rules) = (
            jobs.clone(),
            spans.clone(),
            wanted.clone(),
            next.clone(),
            tenant_rules.clone(),
        );
        let url = url.to_owned();
        tasks.spawn(async move {
            let mut conn = sqlx::PgConnection::connect(&url).await?;
            let mut done = Vec::new();
            loop {
                let i = next.fetch_add(1, std::sync::atomic::Ordering::Relaxed);
                let Some(&(t, from, to)) = jobs.get(i) else {
                    break;
                };
                let tenant = spans[t].0.as_str();
                done.push((
                    i,
                    prove_pg_range(
                        &mut conn,
                        tenant,
                        from,
                        to,
                        wanted.get(tenant),
                        tenant_rules[t].clone(),
                    )
                    .await?,
                ));
            }
            conn.close().await?;
            Ok::<_, StoreError>(done)
        });
    }
    let mut by_job = Vec::new();
    while let Some(done) = tasks.join_next().await {
        by_job.extend(done.map_err(|e| StoreError::Verify(format!("verification task: {e}")))??);
    }
    by_job.sort_unstable_by_key(|(i, _)| *i);
    let mut per_tenant: Vec<Vec<Stretch>> = spans.iter().map(|_| Vec::new()).collect();
    for (i, stretch) in by_job {
        if let Some(&(t, _, _)) = jobs.get(i) {
            per_tenant[t].push(stretch);
        }
    }
    let mut chains = Chains {
        tenants: Vec::new(),
        findings: Vec::new(),
        marked: HashMap::new(),
    };
    for ((tenant_id, _, _), stretches) in spans.iter().zip(per_tenant) {
        if !chains.add(tenant_id.clone(), stretches) {
            return Ok(None);
        }
    }
    Ok(Some(chains))
}

async fn prove_pg_range(
    conn: &mut sqlx::PgConnection,
    tenant: &str,
    from: i64,
    to: i64,
    wanted: Option<&Vec<i64>>,
    rule: ChainRule,
) -> Result<Stretch, StoreError> {
    let sql = format!(
        "SELECT {} FROM audit_events WHERE tenant_id = $1 AND seq BETWEEN $2 AND $3 ORDER BY seq",
        db::events::EVENT_COLUMNS
    );
    let mut stretch = Stretch::new(rule);
    let mut rows = sqlx::query(sqlx::AssertSqlSafe(sql))
        .bind(tenant)
        .bind(from)
        .bind(to)
        .fetch(&mut *conn);
    while let Some(row) = rows.try_next().await? {
        let parts = read_row(&row);
        match parts {
            Some((seq, prev, hash, fields)) => {
                stretch.push(seq, prev, hash, &fields, is_wanted(wanted, seq));
            }
            None => stretch.unreadable(),
        }
    }
    Ok(stretch)
}

/// The sequential walk over the pool, in seq order: slower, and able to name what happened.
async fn diagnose(pool: &AnyPool, wanted: &Wanted, rules: &Rules) -> Result<Chains, StoreError> {
    let mut chains = Chains {
        tenants: Vec::new(),
        findings: Vec::new(),
        marked: HashMap::new(),
    };
    let mut walker: Option<ChainWalker> = None;
    let finish = |w: &mut ChainWalker, chains: &mut Chains, tenant: String| {
        w.finish();
        chains.tenants.push(TenantChain {
            tenant_id: tenant,
            events: w.events,
            last_seq: w.tip().0,
        });
        // A tenant is named once: an unreadable row may have named it already.
        if let Some(f) = w.finding.take()
            && !chains.findings.iter().any(|x| x.tenant_id == f.tenant_id)
        {
            chains.findings.push(f);
        }
    };
    // installation-wide: the walk goes through every tenant's chain.
    let sql = format!(
        "SELECT {} FROM audit_events ORDER BY tenant_id, seq",
        db::events::EVENT_COLUMNS
    );
    let mut rows = sqlx::query(sqlx::AssertSqlSafe(sql)).fetch(pool);
    let mut current = String::new();
    while let Some(row) = rows.try_next().await? {
        let event = match db::events::event_from_row(&row) {
            Ok(event) => event,
            Err(_) => {
                // A value of a type the writer never writes (TEXT cast to BLOB, say): the
                // event was altered. Its tenant and seq are read as they can be.
                let tenant: String = row
                    .try_get::<String, _>(0)
                    .unwrap_or_else(|_| current.clone());
                let seq: i64 = row.try_get(1).unwrap_or(0);
                if !chains.findings.iter().any(|f| f.tenant_id == tenant) {
                    chains
                        .findings
                        .push(Finding::at(&tenant, seq, ChainBreak::Altered));
                }
                continue;
            }
        };
        if walker.is_none() || event.tenant_id != current {
            if let Some(mut w) = walker.take() {
                finish(&mut w, &mut chains, std::mem::take(&mut current));
            }
            current = event.tenant_id.clone();
            walker = Some(ChainWalker::new(&current, rules.rule(current.as_bytes())?));
        }
        if is_wanted(wanted.get(&event.tenant_id), event.seq) {
            chains
                .marked
                .insert((event.tenant_id.clone(), event.seq), event.hash.clone());
        }
        if let Some(w) = walker.as_mut() {
            w.push(event);
        }
    }
    if let Some(mut w) = walker.take() {
        finish(&mut w, &mut chains, current);
    }
    Ok(chains)
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::audit::{AuditAction, AuditEvent, GENESIS, Outcome};

    /// The rules of a fresh installation: every chain keyed from its first event.
    fn rules() -> Rules {
        Rules {
            audit: MasterKeys::generate().unwrap().audit_keys().unwrap(),
            keyed_from: HashMap::new(),
            legacy: Default::default(),
        }
    }

    /// Events of two tenants, interleaved as two writers' batches would be.
    fn events(rules: &Rules) -> Vec<AuditEvent> {
        let mut tips: HashMap<&str, (i64, Vec<u8>)> = HashMap::new();
        let mut out = Vec::new();
        for i in 0..40 {
            let tenant = if i % 5 < 3 { "org-a" } else { "org-b" };
            let (seq, prev) = tips.get(tenant).cloned().unwrap_or((0, GENESIS.to_vec()));
            let mut e = AuditEvent {
                tenant_id: tenant.into(),
                seq: seq + 1,
                at: format!("2026-11-25T10:{:02}:00Z", i),
                user_id: "zorg-1".into(),
                role: "zorgverlener".into(),
                on_behalf_of: (i % 7 == 0).then(|| "vertegenwoordiger-1".into()),
                person_id: (i % 4 != 0).then(|| format!("p-{}", i % 3)),
                action: AuditAction::Read,
                category: Some("gezondheid".into()),
                purpose: "zorg".into(),
                reason: (i % 6 == 0).then(|| vec![i as u8; 12]),
                emergency: i % 6 == 0,
                source: "127.0.0.1".into(),
                outcome: Outcome::Allowed,
                articles: "2.2".into(),
                object: (i % 9 == 0).then(|| "zorg-2".into()),
                subjects: if i % 8 == 0 {
                    vec![format!("p-{i}"), "p-0".into()]
                } else {
                    Vec::new()
                },
                prev_hash: prev,
                hash: Vec::new(),
            };
            let rule = rules.rule(tenant.as_bytes()).unwrap();
            e.hash = e.hash_under(&rule, &e.prev_hash, e.seq).to_vec();
            tips.insert(tenant, (e.seq, e.hash.clone()));
            out.push(e);
        }
        out
    }

    /// A database of `events`; the directory goes when the first value is dropped.
    fn database(
        events: &[AuditEvent],
    ) -> (tempfile::TempDir, std::path::PathBuf, rusqlite::Connection) {
        let dir = tempfile::tempdir().unwrap();
        let file = dir.path().join("audit.db");
        let conn = rusqlite::Connection::open(&file).unwrap();
        conn.execute_batch(include_str!("../../migrations/sqlite/0001_init.sql"))
            .unwrap();
        conn.execute_batch(
            "ALTER TABLE audit_events ADD COLUMN object TEXT; ALTER TABLE audit_events ADD COLUMN subjects TEXT;",
        )
        .unwrap();
        for e in events {
            conn.execute(
                &format!(
                    "INSERT INTO audit_events ({}) VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8, ?9, ?10, ?11, ?12, ?13, ?14, ?15, ?16, ?17, ?18, ?19)",
                    db::events::EVENT_COLUMNS
                ),
                rusqlite::params![
                    e.tenant_id, e.seq, e.at, e.user_id, e.role, e.on_behalf_of, e.person_id,
                    e.action.id(), e.category, e.purpose, e.reason, i32::from(e.emergency), e.source,
                    e.outcome.id(), e.articles, e.prev_hash, e.hash, e.object,
                    crate::audit::subjects_text(&e.subjects)
                ],
            )
            .unwrap();
        }
        (dir, file, conn)
    }

    fn proven(file: &Path, rules: &Rules, stretch_rows: i64) -> Option<Vec<(String, u64, i64)>> {
        prove_sqlite(file, &Wanted::new(), rules, stretch_rows)
            .unwrap()
            .map(|c| {
                c.tenants
                    .into_iter()
                    .map(|t| (t.tenant_id, t.events, t.last_seq))
                    .collect()
            })
    }

    /// One row a stretch, stretches that end inside either tenant's run, and one stretch for all.
    const STRETCHES: [i64; 3] = [1, 7, 65_536];

    #[test]
    fn an_intact_log_is_proven_whatever_the_stretch_size() {
        let rules = rules();
        let (_dir, file, _conn) = database(&events(&rules));
        for rows in STRETCHES {
            assert_eq!(
                proven(&file, &rules, rows),
                Some(vec![("org-a".into(), 24, 24), ("org-b".into(), 16, 16)]),
                "stretches of {rows}"
            );
        }
    }

    #[test]
    fn no_tampering_is_proven_at_any_row_or_stretch_size() {
        let rules = rules();
        let (_dir, file, conn) = database(&events(&rules));
        conn.execute_batch(
            "DROP TRIGGER audit_events_no_update; DROP TRIGGER audit_events_no_delete;
             CREATE TABLE original AS SELECT rowid AS r, * FROM audit_events;",
        )
        .unwrap();
        // Each case is committed, since the proof reads on connections of its own.
        let restore = format!(
            "DELETE FROM audit_events; INSERT INTO audit_events (rowid, {0}) SELECT r, {0} FROM original;",
            db::events::EVENT_COLUMNS
        );
        let tampering = [
            "UPDATE audit_events SET action = 'export' WHERE rowid = ?1",
            "UPDATE audit_events SET on_behalf_of = 'x' WHERE rowid = ?1",
            "UPDATE audit_events SET person_id = IIF(person_id IS NULL, 'p-9', NULL) WHERE rowid = ?1",
            "UPDATE audit_events SET reason = IIF(reason IS NULL, X'01', NULL) WHERE rowid = ?1",
            "UPDATE audit_events SET emergency = 1 - emergency WHERE rowid = ?1",
            "UPDATE audit_events SET seq = seq + 100 WHERE rowid = ?1",
            "UPDATE audit_events SET tenant_id = 'org-c' WHERE rowid = ?1",
            "UPDATE audit_events SET hash = X'00' WHERE rowid = ?1",
            "UPDATE audit_events SET articles = 7 WHERE rowid = ?1",
            "UPDATE audit_events SET object = IIF(object IS NULL, 'zorg-9', NULL) WHERE rowid = ?1",
            "UPDATE audit_events SET subjects = IIF(subjects IS NULL, 'p-9', subjects || ' p-9') WHERE rowid = ?1",
            // The same bytes as another type: hashes the same, but `person_id = ?` and
            // `tenant_id = ?` no longer find the event.
            "UPDATE audit_events SET tenant_id = CAST(tenant_id AS BLOB) WHERE rowid = ?1",
            "UPDATE audit_events SET at = CAST(at AS BLOB) WHERE rowid = ?1",
            "UPDATE audit_events SET hash = hex(hash) WHERE rowid = ?1",
            "DELETE FROM audit_events WHERE rowid = ?1",
            // Moved to the end, as if inserted there out of its place.
            "UPDATE audit_events SET rowid = 1000 WHERE rowid = ?1",
        ];
        for row in 1..=40 {
            for sql in tampering {
                assert_eq!(conn.execute(sql, [row]).unwrap(), 1);
                for rows in STRETCHES {
                    // Deleting a tenant's newest event (rows 38 and 40) leaves a shorter chain
                    // that is intact, and moving it to the end changes nothing; only a signed
                    // checkpoint can tell the first (tested with the vault).
                    let last_of_tenant = (sql.starts_with("DELETE") || sql.contains("1000"))
                        && (row == 38 || row == 40);
                    let result = proven(&file, &rules, rows);
                    assert_eq!(
                        result.is_none(),
                        !last_of_tenant,
                        "{sql} at row {row}, stretches of {rows}: {result:?}"
                    );
                }
                conn.execute_batch(&restore).unwrap();
            }
        }
    }
}
