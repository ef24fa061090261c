//! Proving a tenant's chain: the fast parallel proof of stretches, and the sequential walk
//! that names the first event where the chain breaks.

use std::fmt;

use serde::Serialize;

use super::{AuditEvent, EventFields, GENESIS};

/// The fast proof that a stretch of one tenant's chain is intact: consecutive seqs, each
/// event linked to the one before and hashing to its stored hash. Stretches are checked in
/// parallel and joined by [`join_stretches`]; where anything is off, the sequential
/// [`ChainWalker`] names the event. A stretch tells only *whether* it is intact, not *what*
/// is wrong.
#[derive(Debug, Default)]
pub struct Stretch {
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
    pub fn new() -> Stretch {
        Stretch {
            intact: true,
            scratch: Vec::with_capacity(512),
            ..Stretch::default()
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
        if fields.chain_hash(&prev, seq, &mut self.scratch) != hash {
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
}

#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct Finding {
    pub tenant_id: String,
    pub seq: i64,
    pub problem: ChainBreak,
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
        };
        write!(f, "tenant {}: event {} {what}", self.tenant_id, self.seq)
    }
}

/// Walks one tenant's events in seq order and finds the first break in the chain.
#[derive(Debug)]
pub struct ChainWalker {
    tenant_id: String,
    expected_seq: i64,
    expected_prev: Vec<u8>,
    /// A row that failed, held until the next row shows whether it was inserted.
    pending: Option<AuditEvent>,
    pub finding: Option<Finding>,
    pub events: u64,
}

impl ChainWalker {
    pub fn new(tenant_id: &str) -> ChainWalker {
        ChainWalker {
            tenant_id: tenant_id.to_owned(),
            expected_seq: 1,
            expected_prev: GENESIS.to_vec(),
            pending: None,
            finding: None,
            events: 0,
        }
    }

    fn found(&mut self, seq: i64, problem: ChainBreak) {
        self.finding = Some(Finding {
            tenant_id: self.tenant_id.clone(),
            seq,
            problem,
        });
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
        if let Some(failed) = self.pending.take() {
            // The failed row is an intruder if this row is the one that belonged there.
            let problem = if event.verifies_at(failed.seq) && event.prev_hash == self.expected_prev
            {
                ChainBreak::Inserted
            } else {
                ChainBreak::Altered
            };
            self.found(failed.seq, problem);
            return;
        }
        if event.seq > self.expected_seq {
            self.found(self.expected_seq, ChainBreak::Removed);
            return;
        }
        if !event.verifies_at(event.seq) {
            if event.verifies_at(event.seq + 1) || event.verifies_at(event.seq - 1) {
                self.found(event.seq, ChainBreak::Reordered);
            } else {
                self.pending = Some(event);
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

    /// Ends the walk: a failed last row is altered (or inserted at the end).
    pub fn finish(&mut self) {
        if let Some(failed) = self.pending.take() {
            let problem = if failed.prev_hash == self.expected_prev {
                ChainBreak::Altered
            } else {
                ChainBreak::Inserted
            };
            self.found(failed.seq, problem);
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::audit::AuditAction;
    use crate::audit::tests::event;

    fn chain(n: i64) -> Vec<AuditEvent> {
        let mut out: Vec<AuditEvent> = Vec::new();
        for seq in 1..=n {
            let prev = out.last().map_or(GENESIS.to_vec(), |e| e.hash.clone());
            out.push(event(seq, &prev, AuditAction::Read));
        }
        out
    }

    fn walk(events: Vec<AuditEvent>) -> Option<Finding> {
        let mut w = ChainWalker::new("t");
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
        let mut extra = event(11, &[9; 32], AuditAction::Read);
        extra.hash = extra.compute_hash(&[9; 32], 11).to_vec();
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
    }
}
