//! Proving a tenant's chain: the fast parallel proof of stretches, and the sequential walk
//! that names the first event where the chain breaks.

use std::fmt;

use serde::Serialize;

use super::{AuditEvent, ChainRule, EventFields, GENESIS};

/// The fast proof that a stretch of one tenant's chain is intact: consecutive seqs, each
/// event linked to the one before and hashing to its stored hash. Stretches are checked in
/// parallel and joined by [`join_stretches`]; where anything is off, the sequential
/// [`ChainWalker`] names the event. A stretch tells only *whether* it is intact, not *what*
/// is wrong.
#[derive(Debug)]
pub struct Stretch {
    /// How this tenant's chain is hashed.
    rule: ChainRule,
    /// Seq and `prev_hash` of the first event seen.
    first: Option<(i64, [u8; 32])>,
    /// Seq and hash of the last event seen.
    last: Option<(i64, [u8; 32])>,
    pub events: u64,
    intact: bool,
    /// Hashes at the positions asked for (signed checkpoints).
    pub marks: Vec<(i64, [u8; 32])>,
    scratch: Vec<u8>,
}

impl Stretch {
    pub fn new(rule: ChainRule) -> Stretch {
        Stretch {
            rule,
            first: None,
            last: None,
            events: 0,
            intact: true,
            marks: Vec::new(),
            scratch: Vec::with_capacity(512),
        }
    }

    /// Checks the next event of the stretch; `marked` asks to keep its hash.
    pub fn push(
        &mut self,
        seq: i64,
        prev: &[u8],
        hash: &[u8],
        fields: &EventFields<'_>,
        marked: bool,
    ) {
        self.events += 1;
        if !self.intact {
            return;
        }
        let (Ok(prev), Ok(hash)) = (<[u8; 32]>::try_from(prev), <[u8; 32]>::try_from(hash)) else {
            self.intact = false;
            return;
        };
        match self.last {
            Some((last_seq, last_hash)) => {
                if seq != last_seq + 1 || prev != last_hash {
                    self.intact = false;
                    return;
                }
            }
            None => self.first = Some((seq, prev)),
        }
        if self.rule.expected(fields, &prev, seq, &mut self.scratch) != hash {
            self.intact = false;
            return;
        }
        if marked {
            self.marks.push((seq, hash));
        }
        self.last = Some((seq, hash));
    }

    /// Marks the stretch broken for a row that could not even be read as an event.
    pub fn unreadable(&mut self) {
        self.events += 1;
        self.intact = false;
    }
}

/// Joins one tenant's stretches, in seq order, into the proof of its whole chain: the seq and
/// hash of its tip and the number of events, or `None` if any link is broken.
pub fn join_stretches(stretches: &[Stretch]) -> Option<(i64, [u8; 32], u64)> {
    let mut tip = (0, GENESIS);
    let mut events = 0;
    for s in stretches {
        if !s.intact {
            return None;
        }
        events += s.events;
        match (s.first, s.last) {
            (Some((first_seq, first_prev)), Some(last)) => {
                if first_seq != tip.0 + 1 || first_prev != tip.1 {
                    return None;
                }
                tip = last;
            }
            (None, None) => {}
            _ => return None,
        }
    }
    Some((tip.0, tip.1, events))
}

/// What went wrong with the chain, at the first event where it did.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
#[serde(rename_all = "snake_case")]
pub enum ChainBreak {
    /// The event's content no longer matches its hash.
    Altered,
    /// The event is missing.
    Removed,
    /// An event that was never part of the chain stands here.
    Inserted,
    /// The event belongs at another position.
    Reordered,
    /// The chain ends before a signed checkpoint: the newest events were cut off.
    Truncated,
    /// A checkpoint's signature does not verify, or it names a different hash.
    BadCheckpoint,
    /// The index of the persons a list showed does not match the event's hashed subjects: a
    /// person's access log would miss the list, or show one that did not show them.
    SubjectsAltered,
    /// The event's hash was computed without the chain key: written, or rewritten, by someone
    /// with access to the database but not to the key.
    Forged,
    /// The chain has events but no signed checkpoint anchors any of them: the checkpoint log
    /// is missing, or was never written.
    Unanchored,
    /// The database records a checkpoint (up to this event) that the checkpoint log no longer
    /// has: the log was deleted, cut short or replaced by an older copy.
    CheckpointsLost,
    /// The checkpoint mirror holds a checkpoint (up to this event) that the checkpoint log
    /// lacks or holds otherwise: the log was cut short, replaced or edited.
    MirrorDiffers,
    /// The database's append-only guard on the audit tables was removed or changed.
    GuardRemoved,
}

impl ChainBreak {
    /// The id, as in `--json` (`snake_case`).
    pub fn id(&self) -> &'static str {
        match self {
            ChainBreak::Altered => "altered",
            ChainBreak::Removed => "removed",
            ChainBreak::Inserted => "inserted",
            ChainBreak::Reordered => "reordered",
            ChainBreak::Truncated => "truncated",
            ChainBreak::BadCheckpoint => "bad_checkpoint",
            ChainBreak::SubjectsAltered => "subjects_altered",
            ChainBreak::Forged => "forged",
            ChainBreak::Unanchored => "unanchored",
            ChainBreak::CheckpointsLost => "checkpoints_lost",
            ChainBreak::MirrorDiffers => "mirror_differs",
            ChainBreak::GuardRemoved => "guard_removed",
        }
    }
}

#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct Finding {
    pub tenant_id: String,
    /// The event the finding names (0 where it concerns the whole log, such as a guard).
    pub seq: i64,
    pub problem: ChainBreak,
    /// The line of the checkpoint log (or its mirror) the finding is about, if it is about one.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub line: Option<u64>,
}

impl Finding {
    pub fn at(tenant_id: &str, seq: i64, problem: ChainBreak) -> Finding {
        Finding {
            tenant_id: tenant_id.to_owned(),
            seq,
            problem,
            line: None,
        }
    }

    pub fn on_line(mut self, line: u64) -> Finding {
        self.line = Some(line);
        self
    }
}

impl fmt::Display for Finding {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        let what = match self.problem {
            ChainBreak::Altered => "was altered",
            ChainBreak::Removed => "was removed",
            ChainBreak::Inserted => "was inserted",
            ChainBreak::Reordered => "was moved out of order",
            ChainBreak::Truncated => {
                "and the events after it were cut off (a signed checkpoint names it)"
            }
            ChainBreak::BadCheckpoint => "has a checkpoint that does not verify",
            ChainBreak::SubjectsAltered => {
                "lists persons its index of subjects does not (or the other way round)"
            }
            ChainBreak::Forged => "has a hash computed without the audit key (forged)",
            ChainBreak::Unanchored => "and all after it are anchored by no signed checkpoint",
            ChainBreak::CheckpointsLost => {
                "was anchored by a checkpoint the checkpoint log no longer has"
            }
            ChainBreak::MirrorDiffers => {
                "was anchored by a checkpoint of the mirror that the checkpoint log lacks"
            }
            ChainBreak::GuardRemoved => "(the append-only guard of the audit tables is gone)",
        };
        write!(f, "tenant {}: event {} {what}", self.tenant_id, self.seq)?;
        if let Some(line) = self.line {
            write!(f, " (checkpoint line {line})")?;
        }
        Ok(())
    }
}

/// A row the walker holds until the next row shows what happened to it.
#[derive(Debug)]
enum Held {
    /// It does not verify at its position: altered, or inserted if the next row is the one
    /// that belonged there.
    Failed(AuditEvent),
    /// It verifies one position later: swapped with the next row, or moved up after the event
    /// before it was removed.
    Early(AuditEvent),
}

/// Walks one tenant's events in seq order and finds the first break in the chain.
#[derive(Debug)]
pub struct ChainWalker {
    tenant_id: String,
    rule: ChainRule,
    expected_seq: i64,
    expected_prev: Vec<u8>,
    held: Option<Held>,
    pub finding: Option<Finding>,
    pub events: u64,
}

impl ChainWalker {
    pub fn new(tenant_id: &str, rule: ChainRule) -> ChainWalker {
        ChainWalker {
            tenant_id: tenant_id.to_owned(),
            rule,
            expected_seq: 1,
            expected_prev: GENESIS.to_vec(),
            held: None,
            finding: None,
            events: 0,
        }
    }

    fn found(&mut self, seq: i64, problem: ChainBreak) {
        self.finding = Some(Finding::at(&self.tenant_id, seq, problem));
    }

    /// The seq and hash of the last event accepted.
    pub fn tip(&self) -> (i64, &[u8]) {
        (self.expected_seq - 1, &self.expected_prev)
    }

    /// Feeds the next event; stops looking after the first finding.
    pub fn push(&mut self, event: AuditEvent) {
        if self.finding.is_some() {
            return;
        }
        self.events += 1;
        match self.held.take() {
            Some(Held::Failed(failed)) => {
                let problem = if event.verifies_at(&self.rule, failed.seq)
                    && event.prev_hash == self.expected_prev
                {
                    ChainBreak::Inserted
                } else {
                    ChainBreak::Altered
                };
                self.found(failed.seq, problem);
                return;
            }
            Some(Held::Early(early)) => {
                let problem = if event.verifies_at(&self.rule, event.seq - 1) {
                    ChainBreak::Reordered
                } else {
                    ChainBreak::Removed
                };
                self.found(early.seq, problem);
                return;
            }
            None => {}
        }
        if event.seq > self.expected_seq {
            self.found(self.expected_seq, ChainBreak::Removed);
            return;
        }
        if !event.verifies_at(&self.rule, event.seq) {
            if self.rule.is_keyed(event.seq) && event.hashed_without_key(event.seq) {
                self.found(event.seq, ChainBreak::Forged);
            } else if event.verifies_at(&self.rule, event.seq + 1) {
                self.held = Some(Held::Early(event));
            } else if event.verifies_at(&self.rule, event.seq - 1) {
                self.found(event.seq, ChainBreak::Reordered);
            } else {
                self.held = Some(Held::Failed(event));
            }
            return;
        }
        if event.prev_hash != self.expected_prev {
            self.found(event.seq, ChainBreak::Inserted);
            return;
        }
        self.expected_seq = event.seq + 1;
        self.expected_prev = event.hash;
    }

    /// Ends the walk: a held last row is altered (or inserted at the end), or moved up after
    /// a removal.
    pub fn finish(&mut self) {
        match self.held.take() {
            Some(Held::Failed(failed)) => {
                let problem = if failed.prev_hash == self.expected_prev {
                    ChainBreak::Altered
                } else {
                    ChainBreak::Inserted
                };
                self.found(failed.seq, problem);
            }
            Some(Held::Early(early)) => self.found(early.seq, ChainBreak::Removed),
            None => {}
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::audit::AuditAction;
    use crate::audit::tests::{event, event_under, rule};

    fn chain(n: i64) -> Vec<AuditEvent> {
        let mut out: Vec<AuditEvent> = Vec::new();
        for seq in 1..=n {
            let prev = out.last().map_or(GENESIS.to_vec(), |e| e.hash.clone());
            out.push(event(seq, &prev, AuditAction::Read));
        }
        out
    }

    fn walk(events: Vec<AuditEvent>) -> Option<Finding> {
        let mut w = ChainWalker::new("t", rule(1));
        for e in events {
            w.push(e);
        }
        w.finish();
        w.finding
    }

    #[test]
    fn an_intact_chain_verifies() {
        assert_eq!(walk(chain(10)), None);
    }

    #[test]
    fn each_kind_of_tampering_is_named() {
        let mut altered = chain(10);
        altered[4].action = AuditAction::Write;
        assert_eq!(
            walk(altered).map(|f| (f.seq, f.problem)),
            Some((5, ChainBreak::Altered))
        );

        let mut removed = chain(10);
        removed.remove(4);
        assert_eq!(
            walk(removed).map(|f| (f.seq, f.problem)),
            Some((5, ChainBreak::Removed))
        );

        let mut swapped = chain(10);
        swapped.swap(4, 5);
        swapped[4].seq = 5;
        swapped[5].seq = 6;
        assert_eq!(
            walk(swapped).map(|f| (f.seq, f.problem)),
            Some((5, ChainBreak::Reordered))
        );

        let mut inserted = chain(10);
        for e in inserted.iter_mut().skip(4) {
            e.seq += 1;
        }
        let mut forged = event(5, &inserted[3].hash.clone(), AuditAction::Export);
        forged.hash = vec![7; 32];
        inserted.insert(4, forged);
        assert_eq!(
            walk(inserted).map(|f| (f.seq, f.problem)),
            Some((5, ChainBreak::Inserted))
        );

        let mut appended = chain(10);
        let extra = event(11, &[9; 32], AuditAction::Read);
        appended.push(extra);
        assert_eq!(
            walk(appended).map(|f| (f.seq, f.problem)),
            Some((11, ChainBreak::Inserted))
        );

        let mut listed = chain(10);
        listed[6].subjects = vec!["p9".into()];
        assert_eq!(
            walk(listed).map(|f| (f.seq, f.problem)),
            Some((7, ChainBreak::Altered))
        );

        // Removed, and the events after it renumbered: the removal is named, not a reorder.
        let mut renumbered = chain(10);
        renumbered.remove(4);
        for e in renumbered.iter_mut().skip(4) {
            e.seq -= 1;
        }
        assert_eq!(
            walk(renumbered).map(|f| (f.seq, f.problem)),
            Some((5, ChainBreak::Removed))
        );
        // The same with the newest but one: the newest moved up.
        let mut renumbered = chain(10);
        renumbered.remove(8);
        renumbered[8].seq = 9;
        assert_eq!(
            walk(renumbered).map(|f| (f.seq, f.problem)),
            Some((9, ChainBreak::Removed))
        );

        // Appended, or rewritten from event 5, by someone without the key: SHA-256 hashes
        // that link, each named where it starts.
        let forge = |events: &mut Vec<AuditEvent>, from: usize| {
            for i in from..events.len() {
                let prev = if i == 0 {
                    GENESIS.to_vec()
                } else {
                    events[i - 1].hash.clone()
                };
                let seq = events[i].seq;
                events[i].action = AuditAction::Export;
                events[i].prev_hash = prev.clone();
                events[i].hash = event_under(&rule(i64::MAX), seq, &prev, AuditAction::Export)
                    .hash
                    .clone();
            }
        };
        let mut rewritten = chain(10);
        forge(&mut rewritten, 4);
        assert_eq!(
            walk(rewritten).map(|f| (f.seq, f.problem)),
            Some((5, ChainBreak::Forged))
        );
        let mut appended = chain(10);
        appended.push(event(11, &appended[9].hash.clone(), AuditAction::Read));
        forge(&mut appended, 10);
        assert_eq!(
            walk(appended).map(|f| (f.seq, f.problem)),
            Some((11, ChainBreak::Forged))
        );
    }

    #[test]
    fn events_before_the_key_verify_as_they_were_written() {
        let legacy = rule(6);
        let mut events: Vec<AuditEvent> = Vec::new();
        for seq in 1..=10 {
            let prev = events.last().map_or(GENESIS.to_vec(), |e| e.hash.clone());
            events.push(event_under(&legacy, seq, &prev, AuditAction::Read));
        }
        let mut w = ChainWalker::new("t", legacy.clone());
        for e in events.clone() {
            w.push(e);
        }
        w.finish();
        assert_eq!(w.finding, None);
        // Under a rule that wants the key from event 3, event 3 is not authentic.
        let mut w = ChainWalker::new("t", rule(3));
        for e in events {
            w.push(e);
        }
        w.finish();
        assert_eq!(
            w.finding.map(|f| (f.seq, f.problem)),
            Some((3, ChainBreak::Forged))
        );
    }
}
