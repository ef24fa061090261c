//! The checkpoint log under review: its own chain of lines, its mirror, the newest line the
//! database recorded, and the append-only guard of the audit tables. Every line that cannot be
//! read or does not belong where it stands is a finding, never a reason to stop.

use std::collections::{HashMap, HashSet};

use ed25519_dalek::VerifyingKey;
use sqlx::{AnyPool, Row as _};

use crate::StoreError;
use crate::audit::{ChainBreak, Checkpoint, CheckpointKind, CheckpointLog, Finding, line_hash};
use crate::db::Backend;

/// The newest checkpoint line the writer recorded in the database for a tenant.
#[derive(Debug, Clone)]
pub(super) struct Recorded {
    keyed_from: i64,
    line: u64,
    line_hash: Vec<u8>,
    seq: i64,
}

pub(super) async fn recorded_anchors(
    pool: &AnyPool,
) -> Result<HashMap<String, Recorded>, StoreError> {
    // installation-wide: every tenant's recorded line is compared with the log.
    let rows = sqlx::query("SELECT tenant_id, keyed_from, line, line_hash, seq FROM audit_anchors")
        .fetch_all(pool)
        .await?;
    let mut recorded = HashMap::new();
    for r in rows {
        let line: i64 = r.try_get(2)?;
        recorded.insert(
            r.try_get::<String, _>(0)?,
            Recorded {
                keyed_from: r.try_get(1)?,
                line: u64::try_from(line).unwrap_or(0),
                line_hash: r.try_get(3)?,
                seq: r.try_get(4)?,
            },
        );
    }
    Ok(recorded)
}

/// What the log says, once every line has been checked.
pub(super) struct LogReview {
    pub findings: Vec<Finding>,
    /// The checkpoints that stand: signed, in their place, and not set aside by a later
    /// restore line.
    pub standing: Vec<Checkpoint>,
    /// Lines that could be read (for the report).
    pub lines: usize,
    /// How each tenant's chain is hashed, as the log (or else the database) states it.
    pub keyed_from: HashMap<String, i64>,
    /// Tenants the log anchors only in the first format: their chains predate the key.
    pub legacy: HashSet<String>,
}

impl LogReview {
    pub(super) fn wanted(&self) -> HashMap<String, Vec<i64>> {
        let mut wanted: HashMap<String, Vec<i64>> = HashMap::new();
        for c in &self.standing {
            wanted.entry(c.tenant_id.clone()).or_default().push(c.seq);
        }
        for seqs in wanted.values_mut() {
            seqs.sort_unstable();
            seqs.dedup();
        }
        wanted
    }
}

/// The tenant a line names, as far as it can be read: for a finding about a line that does not
/// parse.
fn tenant_of(text: &str) -> String {
    let words: Vec<&str> = text.split(' ').collect();
    let guess = if words.first() == Some(&"2") {
        words.get(3)
    } else {
        words.first()
    };
    guess
        .filter(|t| {
            !t.is_empty()
                && t.len() <= 64
                && t.chars()
                    .all(|c| c.is_ascii_lowercase() || c.is_ascii_digit() || c == '-')
        })
        .map_or_else(String::new, |t| (*t).to_owned())
}

pub(super) fn review_log(
    log: &CheckpointLog,
    mirror: Option<&CheckpointLog>,
    recorded: &HashMap<String, Recorded>,
    verifying: &VerifyingKey,
) -> LogReview {
    let mut findings = Vec::new();
    let mut per_tenant: Vec<(String, Vec<Checkpoint>)> = Vec::new();
    let mut keyed_from: HashMap<String, i64> = HashMap::new();
    let mut legacy = HashSet::new();
    let mut prev: [u8; 32] = [0; 32];
    let mut lines = 0;
    for l in &log.lines {
        let this_prev = prev;
        prev = line_hash(&l.text);
        let Some(c) = &l.checkpoint else {
            findings.push(
                Finding::at(&tenant_of(&l.text), 0, ChainBreak::BadCheckpoint).on_line(l.number),
            );
            continue;
        };
        lines += 1;
        let in_place = c.legacy || (c.line == l.number && c.prev_line == this_prev);
        if !c.verify(verifying) || !in_place {
            findings.push(
                Finding::at(&c.tenant_id, c.seq, ChainBreak::BadCheckpoint).on_line(l.number),
            );
            continue;
        }
        if c.legacy {
            legacy.insert(c.tenant_id.clone());
        } else {
            // The position from which a chain is keyed is fixed; only a restore to a backup
            // from before it may move it back.
            let moved = keyed_from.get(&c.tenant_id).is_some_and(|k| {
                *k != c.keyed_from && !(c.kind == CheckpointKind::Restore && c.keyed_from < *k)
            });
            if moved {
                findings.push(
                    Finding::at(&c.tenant_id, c.seq, ChainBreak::BadCheckpoint).on_line(l.number),
                );
                continue;
            }
            keyed_from.insert(c.tenant_id.clone(), c.keyed_from);
        }
        let i = match per_tenant.iter().position(|(t, _)| *t == c.tenant_id) {
            Some(i) => i,
            None => {
                per_tenant.push((c.tenant_id.clone(), Vec::new()));
                per_tenant.len() - 1
            }
        };
        let standing = &mut per_tenant[i].1;
        if c.kind == CheckpointKind::Restore {
            // The events after the backup's tip were lost by the restore, on purpose.
            standing.retain(|s| s.seq <= c.seq);
        }
        standing.push(c.clone());
    }
    if log.torn_tail.is_some() {
        let line = log.lines.len() as u64 + 1;
        let tenant = log.torn_tail.as_deref().map(tenant_of).unwrap_or_default();
        findings.push(Finding::at(&tenant, 0, ChainBreak::BadCheckpoint).on_line(line));
    }
    for (tenant, r) in recorded {
        if r.line == 0 {
            continue;
        }
        let kept = log
            .lines
            .get(r.line as usize - 1)
            .is_some_and(|l| line_hash(&l.text).as_slice() == r.line_hash.as_slice());
        if !kept {
            findings.push(Finding::at(tenant, r.seq, ChainBreak::CheckpointsLost).on_line(r.line));
        }
        keyed_from.entry(tenant.clone()).or_insert(r.keyed_from);
    }
    if let Some(mirror) = mirror {
        if !mirror.exists && !log.lines.is_empty() {
            findings.push(Finding::at("", 0, ChainBreak::MirrorDiffers).on_line(1));
        }
        let differs = mirror.lines.iter().find(|m| {
            log.lines
                .get(m.number as usize - 1)
                .is_none_or(|l| l.text != m.text)
        });
        if let Some(m) = differs {
            let (tenant, seq) = m
                .checkpoint
                .as_ref()
                .map_or_else(|| (tenant_of(&m.text), 0), |c| (c.tenant_id.clone(), c.seq));
            findings.push(Finding::at(&tenant, seq, ChainBreak::MirrorDiffers).on_line(m.number));
        }
    }
    LogReview {
        findings,
        standing: per_tenant.into_iter().flat_map(|(_, c)| c).collect(),
        lines,
        keyed_from,
        legacy,
    }
}

/// The append-only guard of the audit tables, as the migrations made it: a finding if any
/// trigger is gone or disabled (on SQLite, anyone who can write the file can drop them).
pub(super) async fn guard_findings(
    pool: &AnyPool,
    backend: Backend,
) -> Result<Vec<Finding>, StoreError> {
    let (expected, sql): (&[&str], &str) = match backend {
        Backend::Sqlite => (
            &[
                "audit_events_no_update",
                "audit_events_no_delete",
                "audit_events_next_seq",
                "audit_subjects_no_update",
                "audit_subjects_no_delete",
            ],
            // installation-wide: the schema's triggers.
            "SELECT name FROM sqlite_master WHERE type = 'trigger' \
             AND tbl_name IN ('audit_events', 'audit_subjects') AND sql LIKE '%RAISE(ABORT%'",
        ),
        Backend::Postgres => (
            &[
                "audit_events_no_update",
                "audit_events_no_truncate",
                "audit_events_next_seq",
                "audit_subjects_no_update",
                "audit_subjects_no_truncate",
            ],
            // installation-wide: the schema's triggers.
            "SELECT t.tgname::text FROM pg_trigger t JOIN pg_class c ON c.oid = t.tgrelid \
             WHERE NOT t.tgisinternal AND t.tgenabled <> 'D' \
             AND c.relname IN ('audit_events', 'audit_subjects') \
             AND c.relnamespace = current_schema()::regnamespace",
        ),
    };
    let present: HashSet<String> = sqlx::query(sql)
        .fetch_all(pool)
        .await?
        .iter()
        .map(|r| r.try_get::<String, _>(0))
        .collect::<Result<_, _>>()?;
    Ok(if expected.iter().all(|t| present.contains(*t)) {
        Vec::new()
    } else {
        vec![Finding::at("", 0, ChainBreak::GuardRemoved)]
    })
}
