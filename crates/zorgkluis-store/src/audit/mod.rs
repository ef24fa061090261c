//! The NEN 7513 audit log: who (user and role, on whose behalf), for whom (person), what
//! (action and category), when, why (purpose, emergency reason), from where, and the outcome
//! with the articles that decided it.
//!
//! Events are hash-chained per tenant: each event's hash is SHA-256 over the previous event's
//! hash and the event's own fields, so changing, removing, inserting or reordering an event
//! breaks the chain. Because anyone can recompute SHA-256, the newest hash is periodically
//! anchored by an Ed25519-signed checkpoint in a file outside the database, which also detects
//! cutting off the newest events. No personal plaintext is hashed: ids and categories only, and
//! a free-text reason as ciphertext sealed with the person's key, so crypto-shredding a person
//! leaves the chain verifiable.

use std::fmt;
use std::io::Write as _;
use std::path::Path;

use ed25519_dalek::{Signature, Signer as _, SigningKey, Verifier as _, VerifyingKey};
use serde::Serialize;

use crate::StoreError;
use crate::keys::sha256;

pub const GENESIS: [u8; 32] = [0; 32];

/// The allowed or denied outcome of an access.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize)]
#[serde(rename_all = "lowercase")]
pub enum Outcome {
    Allowed,
    Denied,
}

impl Outcome {
    pub fn as_str(self) -> &'static str {
        match self {
            Outcome::Allowed => "allowed",
            Outcome::Denied => "denied",
        }
    }
}

/// An event as stored.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct AuditEvent {
    pub tenant_id: String,
    pub seq: i64,
    /// RFC 3339, UTC.
    pub at: String,
    pub user_id: String,
    pub role: String,
    pub on_behalf_of: Option<String>,
    pub person_id: Option<String>,
    pub action: String,
    pub category: Option<String>,
    pub purpose: String,
    /// The emergency or other free-text reason, sealed with the person's data key.
    #[serde(skip)]
    pub reason: Option<Vec<u8>>,
    pub emergency: bool,
    pub source: String,
    pub outcome: String,
    /// The deciding articles, separated by "; ".
    pub articles: String,
    #[serde(serialize_with = "as_hex")]
    pub prev_hash: Vec<u8>,
    #[serde(serialize_with = "as_hex")]
    pub hash: Vec<u8>,
}

fn as_hex<S: serde::Serializer>(bytes: &[u8], s: S) -> Result<S::Ok, S::Error> {
    s.serialize_str(&hex::encode(bytes))
}

fn put(out: &mut Vec<u8>, field: Option<&[u8]>) {
    match field {
        // A length prefix keeps ("ab", "c") and ("a", "bc") apart; u32::MAX marks "absent".
        Some(bytes) => {
            out.extend_from_slice(&(bytes.len() as u32).to_be_bytes());
            out.extend_from_slice(bytes);
        }
        None => out.extend_from_slice(&u32::MAX.to_be_bytes()),
    }
}

/// The fields an event's hash covers, borrowed from an [`AuditEvent`] or straight from a
/// database row, so that `audit verify` hashes rows without copying them.
#[derive(Debug, Clone, Copy)]
pub struct EventFields<'a> {
    pub tenant_id: &'a [u8],
    pub at: &'a [u8],
    pub user_id: &'a [u8],
    pub role: &'a [u8],
    pub on_behalf_of: Option<&'a [u8]>,
    pub person_id: Option<&'a [u8]>,
    pub action: &'a [u8],
    pub category: Option<&'a [u8]>,
    pub purpose: &'a [u8],
    pub reason: Option<&'a [u8]>,
    pub emergency: bool,
    pub source: &'a [u8],
    pub outcome: &'a [u8],
    pub articles: &'a [u8],
}

impl EventFields<'_> {
    /// Writes the fixed, unambiguous encoding of the fields at position `seq` into `out`.
    fn encode(&self, seq: i64, out: &mut Vec<u8>) {
        out.clear();
        out.extend_from_slice(b"zk-audit-1");
        put(out, Some(self.tenant_id));
        out.extend_from_slice(&seq.to_be_bytes());
        put(out, Some(self.at));
        put(out, Some(self.user_id));
        put(out, Some(self.role));
        put(out, self.on_behalf_of);
        put(out, self.person_id);
        put(out, Some(self.action));
        put(out, self.category);
        put(out, Some(self.purpose));
        put(out, self.reason);
        out.push(u8::from(self.emergency));
        put(out, Some(self.source));
        put(out, Some(self.outcome));
        put(out, Some(self.articles));
    }

    /// The chain hash of these fields after `prev` at position `seq`; `scratch` is reused so
    /// that a long walk does not allocate per event.
    pub fn chain_hash(&self, prev: &[u8], seq: i64, scratch: &mut Vec<u8>) -> [u8; 32] {
        self.encode(seq, scratch);
        sha256(&[prev, scratch.as_slice()])
    }
}

impl AuditEvent {
    pub fn fields(&self) -> EventFields<'_> {
        EventFields {
            tenant_id: self.tenant_id.as_bytes(),
            at: self.at.as_bytes(),
            user_id: self.user_id.as_bytes(),
            role: self.role.as_bytes(),
            on_behalf_of: self.on_behalf_of.as_deref().map(str::as_bytes),
            person_id: self.person_id.as_deref().map(str::as_bytes),
            action: self.action.as_bytes(),
            category: self.category.as_deref().map(str::as_bytes),
            purpose: self.purpose.as_bytes(),
            reason: self.reason.as_deref(),
            emergency: self.emergency,
            source: self.source.as_bytes(),
            outcome: self.outcome.as_bytes(),
            articles: self.articles.as_bytes(),
        }
    }

    /// The hash of this event after `prev`, were it at position `seq`.
    pub fn compute_hash(&self, prev: &[u8], seq: i64) -> [u8; 32] {
        self.fields()
            .chain_hash(prev, seq, &mut Vec::with_capacity(256))
    }

    fn verifies_at(&self, seq: i64) -> bool {
        self.compute_hash(&self.prev_hash, seq).as_slice() == self.hash.as_slice()
    }
}

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
pub enum Problem {
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
}

#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct Finding {
    pub tenant_id: String,
    pub seq: i64,
    pub problem: Problem,
}

impl fmt::Display for Finding {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        let what = match self.problem {
            Problem::Altered => "was altered",
            Problem::Removed => "was removed",
            Problem::Inserted => "was inserted",
            Problem::Reordered => "was moved out of order",
            Problem::Truncated => {
                "and the events after it were cut off (a signed checkpoint names it)"
            }
            Problem::BadCheckpoint => "has a checkpoint that does not verify",
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

    fn found(&mut self, seq: i64, problem: Problem) {
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
                Problem::Inserted
            } else {
                Problem::Altered
            };
            self.found(failed.seq, problem);
            return;
        }
        if event.seq > self.expected_seq {
            self.found(self.expected_seq, Problem::Removed);
            return;
        }
        if !event.verifies_at(event.seq) {
            if event.verifies_at(event.seq + 1) || event.verifies_at(event.seq - 1) {
                self.found(event.seq, Problem::Reordered);
            } else {
                self.pending = Some(event);
            }
            return;
        }
        if event.prev_hash != self.expected_prev {
            self.found(event.seq, Problem::Inserted);
            return;
        }
        self.expected_seq = event.seq + 1;
        self.expected_prev = event.hash;
    }

    /// Ends the walk: a failed last row is altered (or inserted at the end).
    pub fn finish(&mut self) {
        if let Some(failed) = self.pending.take() {
            let problem = if failed.prev_hash == self.expected_prev {
                Problem::Altered
            } else {
                Problem::Inserted
            };
            self.found(failed.seq, problem);
        }
    }
}

/// A signed statement that event `seq` of `tenant_id` had hash `hash`.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Checkpoint {
    pub tenant_id: String,
    pub seq: i64,
    pub hash: Vec<u8>,
    pub signature: Vec<u8>,
}

fn checkpoint_message(tenant_id: &str, seq: i64, hash: &[u8]) -> Vec<u8> {
    format!(
        "zorgkluis-checkpoint\0{tenant_id}\0{seq}\0{}",
        hex::encode(hash)
    )
    .into_bytes()
}

impl Checkpoint {
    pub fn sign(key: &SigningKey, tenant_id: &str, seq: i64, hash: &[u8]) -> Checkpoint {
        let signature = key.sign(&checkpoint_message(tenant_id, seq, hash));
        Checkpoint {
            tenant_id: tenant_id.to_owned(),
            seq,
            hash: hash.to_vec(),
            signature: signature.to_bytes().to_vec(),
        }
    }

    pub fn verify(&self, key: &VerifyingKey) -> bool {
        let Ok(bytes) = <[u8; 64]>::try_from(self.signature.as_slice()) else {
            return false;
        };
        key.verify(
            &checkpoint_message(&self.tenant_id, self.seq, &self.hash),
            &Signature::from_bytes(&bytes),
        )
        .is_ok()
    }

    fn line(&self) -> String {
        format!(
            "{} {} {} {}\n",
            self.tenant_id,
            self.seq,
            hex::encode(&self.hash),
            hex::encode(&self.signature)
        )
    }
}

/// Appends a checkpoint to the file and syncs it.
pub fn append_checkpoint(path: &Path, checkpoint: &Checkpoint) -> Result<(), StoreError> {
    // A crash during an earlier append can leave a torn last line: cut it off first, or the
    // next line would be glued to it.
    if let Ok(text) = std::fs::read(path)
        && !text.is_empty()
        && text.last() != Some(&b'\n')
    {
        let keep = text.iter().rposition(|b| *b == b'\n').map_or(0, |i| i + 1);
        let file = std::fs::OpenOptions::new().write(true).open(path)?;
        file.set_len(keep as u64)?;
        file.sync_data()?;
    }
    let mut file = std::fs::OpenOptions::new()
        .create(true)
        .append(true)
        .open(path)?;
    file.write_all(checkpoint.line().as_bytes())?;
    file.sync_data()?;
    Ok(())
}

/// Reads the checkpoint file; a missing file has no checkpoints.
pub fn read_checkpoints(path: &Path) -> Result<Vec<Checkpoint>, StoreError> {
    let text = match std::fs::read_to_string(path) {
        Ok(t) => t,
        Err(e) if e.kind() == std::io::ErrorKind::NotFound => return Ok(Vec::new()),
        Err(e) => return Err(e.into()),
    };
    let mut out = Vec::new();
    for (n, line) in text.lines().enumerate() {
        let bad =
            || StoreError::Checkpoint(format!("{}: line {} is malformed", path.display(), n + 1));
        let mut parts = line.split(' ');
        let (Some(tenant), Some(seq), Some(hash), Some(sig), None) = (
            parts.next(),
            parts.next(),
            parts.next(),
            parts.next(),
            parts.next(),
        ) else {
            // A torn last line (crash during append) is not a checkpoint.
            if n + 1 == text.lines().count() && !text.ends_with('\n') {
                break;
            }
            return Err(bad());
        };
        out.push(Checkpoint {
            tenant_id: tenant.to_owned(),
            seq: seq.parse().map_err(|_| bad())?,
            hash: hex::decode(hash).map_err(|_| bad())?,
            signature: hex::decode(sig).map_err(|_| bad())?,
        });
    }
    Ok(out)
}

#[cfg(test)]
mod tests {
    use super::*;

    fn event(seq: i64, prev: &[u8], action: &str) -> AuditEvent {
        let mut e = AuditEvent {
            tenant_id: "t".into(),
            seq,
            at: "2026-01-01T00:00:00Z".into(),
            user_id: "u".into(),
            role: "zorgverlener".into(),
            on_behalf_of: None,
            person_id: Some("p".into()),
            action: action.into(),
            category: Some("gezondheid".into()),
            purpose: "zorg".into(),
            reason: None,
            emergency: false,
            source: "127.0.0.1".into(),
            outcome: "allowed".into(),
            articles: "2.2".into(),
            prev_hash: prev.to_vec(),
            hash: Vec::new(),
        };
        e.hash = e.compute_hash(prev, seq).to_vec();
        e
    }

    fn chain(n: i64) -> Vec<AuditEvent> {
        let mut out: Vec<AuditEvent> = Vec::new();
        for seq in 1..=n {
            let prev = out.last().map_or(GENESIS.to_vec(), |e| e.hash.clone());
            out.push(event(seq, &prev, "read"));
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
        altered[4].action = "write".into();
        assert_eq!(
            walk(altered).map(|f| (f.seq, f.problem)),
            Some((5, Problem::Altered))
        );

        let mut removed = chain(10);
        removed.remove(4);
        assert_eq!(
            walk(removed).map(|f| (f.seq, f.problem)),
            Some((5, Problem::Removed))
        );

        let mut swapped = chain(10);
        swapped.swap(4, 5);
        swapped[4].seq = 5;
        swapped[5].seq = 6;
        assert_eq!(
            walk(swapped).map(|f| (f.seq, f.problem)),
            Some((5, Problem::Reordered))
        );

        let mut inserted = chain(10);
        for e in inserted.iter_mut().skip(4) {
            e.seq += 1;
        }
        let forged = event(5, &inserted[3].hash.clone(), "export");
        let mut forged = forged;
        forged.hash = vec![7; 32];
        inserted.insert(4, forged);
        assert_eq!(
            walk(inserted).map(|f| (f.seq, f.problem)),
            Some((5, Problem::Inserted))
        );

        let mut appended = chain(10);
        let mut extra = event(11, &[9; 32], "read");
        extra.hash = extra.compute_hash(&[9; 32], 11).to_vec();
        appended.push(extra);
        assert_eq!(
            walk(appended).map(|f| (f.seq, f.problem)),
            Some((11, Problem::Inserted))
        );
    }

    #[test]
    fn a_torn_checkpoint_line_is_cut_before_the_next_append() {
        let dir = std::env::temp_dir().join(format!("zk-cp-{}", uuid::Uuid::new_v4()));
        std::fs::create_dir_all(&dir).unwrap();
        let path = dir.join("cp.log");
        let key = SigningKey::from_bytes(&[3; 32]);
        append_checkpoint(&path, &Checkpoint::sign(&key, "t", 1, &[1; 32])).unwrap();
        let mut text = std::fs::read_to_string(&path).unwrap();
        text.push_str("t 2 abcd");
        std::fs::write(&path, &text).unwrap();
        assert_eq!(
            read_checkpoints(&path).unwrap().len(),
            1,
            "a torn last line is no checkpoint"
        );
        append_checkpoint(&path, &Checkpoint::sign(&key, "t", 3, &[3; 32])).unwrap();
        let all = read_checkpoints(&path).unwrap();
        assert_eq!(all.iter().map(|c| c.seq).collect::<Vec<_>>(), [1, 3]);
        assert!(all.iter().all(|c| c.verify(&key.verifying_key())));
        let _ = std::fs::remove_dir_all(dir);
    }

    #[test]
    fn checkpoints_sign_and_verify() {
        let key = SigningKey::from_bytes(&[3; 32]);
        let c = Checkpoint::sign(&key, "t", 10, &[1; 32]);
        assert!(c.verify(&key.verifying_key()));
        let mut forged = c.clone();
        forged.seq = 9;
        assert!(!forged.verify(&key.verifying_key()));
    }
}
