//! The checkpoint log: Ed25519-signed statements of a tenant's chain tip, in a file outside the
//! database, so that cutting off, rewriting or rolling back the newest events is detected.
//!
//! The log is a chain of its own. Every line (`2 …`, the second format) carries its line
//! number and the SHA-256 of the line before it, and is signed as a whole: a line deleted,
//! changed or put in another place breaks the numbering or the link, and a log cut short or
//! replaced by an older copy is told by the database, which records the newest line it saw
//! (`audit_anchors`), and by an optional mirror on another volume. A line is an `anchor` (the
//! tip of a chain) or a `restore` (the chain was set back to a backup's tip; the anchors of
//! events after it record what the restore lost). Lines of the first format (`tenant seq hash
//! signature`), written by earlier releases, still verify.
//!
//! Appends take an exclusive lock on the file, so that the server and a command run beside it
//! never give two lines the same number.

use std::io::{Read as _, Seek as _, SeekFrom, Write as _};
use std::path::Path;

use ed25519_dalek::{Signature, Signer as _, SigningKey, Verifier as _, VerifyingKey};

use crate::StoreError;
use crate::keys::sha256;

/// Where the checkpoint log is written: the log itself, and a mirror on another volume (or
/// under another administrator) if the installation has one.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct CheckpointLogPaths {
    pub log: std::path::PathBuf,
    pub mirror: Option<std::path::PathBuf>,
}

/// What a line states.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum CheckpointKind {
    /// Event `seq` of the tenant's chain had hash `hash`.
    Anchor,
    /// The tenant's chain was restored to a backup whose tip is event `seq` with hash `hash`;
    /// the events after it that earlier lines anchored were lost by the restore.
    Restore,
}

impl CheckpointKind {
    fn id(self) -> &'static str {
        match self {
            CheckpointKind::Anchor => "anchor",
            CheckpointKind::Restore => "restore",
        }
    }
}

/// A signed line of the log.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Checkpoint {
    /// Its line number in the log, from 1 (lines of the first format have none of their own).
    pub line: u64,
    pub kind: CheckpointKind,
    pub tenant_id: String,
    pub seq: i64,
    pub hash: Vec<u8>,
    /// From which event on the tenant's chain is keyed ([`super::ChainRule`]); 0 for a line
    /// of the first format, which does not say.
    pub keyed_from: i64,
    /// When it was signed (RFC 3339, UTC); empty for the first format.
    pub at: String,
    /// The SHA-256 of the line before it (zeros for the first line); empty for the first format.
    pub prev_line: Vec<u8>,
    pub signature: Vec<u8>,
    /// The first format: signed over tenant, seq and hash only.
    pub legacy: bool,
}

/// The fields of a new line, before it has its place in the log.
#[derive(Debug, Clone)]
pub struct NewCheckpoint {
    pub kind: CheckpointKind,
    pub tenant_id: String,
    pub seq: i64,
    pub hash: Vec<u8>,
    pub keyed_from: i64,
}

fn legacy_message(tenant_id: &str, seq: i64, hash: &[u8]) -> Vec<u8> {
    format!(
        "zorgkluis-checkpoint\0{tenant_id}\0{seq}\0{}",
        hex::encode(hash)
    )
    .into_bytes()
}

impl Checkpoint {
    /// The text of the line up to its signature: what is signed.
    fn body(&self) -> String {
        format!(
            "2 {} {} {} {} {} {} {} {}",
            self.line,
            self.kind.id(),
            self.tenant_id,
            self.seq,
            hex::encode(&self.hash),
            self.keyed_from,
            self.at,
            hex::encode(&self.prev_line)
        )
    }

    fn sign(new: &NewCheckpoint, key: &SigningKey, line: u64, prev_line: [u8; 32]) -> Checkpoint {
        let mut c = Checkpoint {
            line,
            kind: new.kind,
            tenant_id: new.tenant_id.clone(),
            seq: new.seq,
            hash: new.hash.clone(),
            keyed_from: new.keyed_from,
            at: jiff::Timestamp::now().to_string(),
            prev_line: prev_line.to_vec(),
            signature: Vec::new(),
            legacy: false,
        };
        c.signature = key
            .sign(format!("zorgkluis-checkpoint-2\0{}", c.body()).as_bytes())
            .to_bytes()
            .to_vec();
        c
    }

    /// Whether the signature is the installation's.
    pub fn verify(&self, key: &VerifyingKey) -> bool {
        let Ok(bytes) = <[u8; 64]>::try_from(self.signature.as_slice()) else {
            return false;
        };
        let message = if self.legacy {
            legacy_message(&self.tenant_id, self.seq, &self.hash)
        } else {
            format!("zorgkluis-checkpoint-2\0{}", self.body()).into_bytes()
        };
        key.verify(&message, &Signature::from_bytes(&bytes)).is_ok()
    }

    /// The line as written, without its newline.
    pub fn text(&self) -> String {
        if self.legacy {
            format!(
                "{} {} {} {}",
                self.tenant_id,
                self.seq,
                hex::encode(&self.hash),
                hex::encode(&self.signature)
            )
        } else {
            format!("{} {}", self.body(), hex::encode(&self.signature))
        }
    }

    /// Parses a line of either format; `None` if it is neither.
    fn parse(text: &str, line: u64) -> Option<Checkpoint> {
        let parts: Vec<&str> = text.split(' ').collect();
        match parts.as_slice() {
            [tenant, seq, hash, sig] => Some(Checkpoint {
                line,
                kind: CheckpointKind::Anchor,
                tenant_id: (*tenant).to_owned(),
                seq: seq.parse().ok()?,
                hash: hex::decode(hash).ok()?,
                keyed_from: 0,
                at: String::new(),
                prev_line: Vec::new(),
                signature: hex::decode(sig).ok()?,
                legacy: true,
            }),
            [
                "2",
                number,
                kind,
                tenant,
                seq,
                hash,
                keyed_from,
                at,
                prev,
                sig,
            ] => Some(Checkpoint {
                line: number.parse().ok()?,
                kind: match *kind {
                    "anchor" => CheckpointKind::Anchor,
                    "restore" => CheckpointKind::Restore,
                    _ => return None,
                },
                tenant_id: (*tenant).to_owned(),
                seq: seq.parse().ok()?,
                hash: hex::decode(hash).ok()?,
                keyed_from: keyed_from.parse().ok()?,
                at: (*at).to_owned(),
                prev_line: hex::decode(prev).ok()?,
                signature: hex::decode(sig).ok()?,
                legacy: false,
            }),
            _ => None,
        }
    }
}

/// The SHA-256 of a line's text (without its newline): the next line's `prev_line`.
pub fn line_hash(text: &str) -> [u8; 32] {
    sha256(&[text.as_bytes()])
}

/// A line of the log as read: its number, its text, and what it says if it can be read.
#[derive(Debug, Clone)]
pub struct LogLine {
    pub number: u64,
    pub text: String,
    pub checkpoint: Option<Checkpoint>,
}

/// The log as read: its lines, and whether the last one was torn (written without its newline,
/// as a crash during an append leaves it).
#[derive(Debug, Clone, Default)]
pub struct CheckpointLog {
    pub lines: Vec<LogLine>,
    pub torn_tail: Option<String>,
    /// Whether the file exists at all.
    pub exists: bool,
}

impl CheckpointLog {
    /// The checkpoints that can be read, in order.
    pub fn checkpoints(&self) -> impl Iterator<Item = &Checkpoint> {
        self.lines.iter().filter_map(|l| l.checkpoint.as_ref())
    }

    /// The `keyed_from` of `tenant` the newest line of the second format states, if any.
    pub fn keyed_from(&self, tenant: &str) -> Option<i64> {
        self.checkpoints()
            .filter(|c| !c.legacy && c.tenant_id == tenant)
            .last()
            .map(|c| c.keyed_from)
    }

    /// The newest tip of each tenant the log anchors (after any restore line).
    pub fn anchored(&self) -> std::collections::HashMap<String, (i64, Vec<u8>)> {
        self.checkpoints()
            .map(|c| (c.tenant_id.clone(), (c.seq, c.hash.clone())))
            .collect()
    }
}

/// Reads the log at `path`; a missing file is an empty log that does not exist.
pub fn read_log(path: &Path) -> Result<CheckpointLog, StoreError> {
    let bytes = match std::fs::read(path) {
        Ok(b) => b,
        Err(e) if e.kind() == std::io::ErrorKind::NotFound => return Ok(CheckpointLog::default()),
        Err(e) => return Err(e.into()),
    };
    let text = String::from_utf8_lossy(&bytes);
    let (complete, torn) = match text.rfind('\n') {
        Some(i) => (&text[..i + 1], &text[i + 1..]),
        None => ("", &text[..]),
    };
    let lines = complete
        .lines()
        .enumerate()
        .map(|(i, line)| LogLine {
            number: i as u64 + 1,
            text: line.to_owned(),
            checkpoint: Checkpoint::parse(line, i as u64 + 1),
        })
        .collect();
    Ok(CheckpointLog {
        lines,
        torn_tail: (!torn.is_empty()).then(|| torn.to_owned()),
        exists: true,
    })
}

/// Opens (or creates, owner-only) a log file for appending.
fn open_for_append(path: &Path) -> Result<std::fs::File, StoreError> {
    let mut options = std::fs::OpenOptions::new();
    options.read(true).append(true).create(true);
    #[cfg(unix)]
    std::os::unix::fs::OpenOptionsExt::mode(&mut options, 0o600);
    Ok(options.open(path)?)
}

/// The number and hash of the last complete line of an open log, cutting off a torn tail
/// first (or the next line would be glued to it).
fn last_line(file: &mut std::fs::File) -> Result<(u64, [u8; 32]), StoreError> {
    let len = file.metadata()?.len();
    if len == 0 {
        return Ok((0, [0; 32]));
    }
    // The last line of the second format names its own number: reading the tail is enough.
    let tail_len = len.min(8192);
    file.seek(SeekFrom::Start(len - tail_len))?;
    let mut tail = Vec::with_capacity(tail_len as usize);
    file.read_to_end(&mut tail)?;
    if tail.last() != Some(&b'\n') {
        let keep = match tail.iter().rposition(|b| *b == b'\n') {
            Some(i) => len - tail_len + i as u64 + 1,
            None if tail_len == len => 0,
            None => {
                return Err(StoreError::Checkpoint(
                    "the checkpoint log ends in a line longer than 8 KiB".into(),
                ));
            }
        };
        file.set_len(keep)?;
        file.sync_data()?;
        return last_line(file);
    }
    let body = &tail[..tail.len() - 1];
    let start = body.iter().rposition(|b| *b == b'\n').map_or(0, |i| i + 1);
    let text = String::from_utf8_lossy(&body[start..]).into_owned();
    if let Some(c) = Checkpoint::parse(&text, 0)
        && !c.legacy
    {
        return Ok((c.line, line_hash(&text)));
    }
    // A line of the first format (or something else) last: count the lines.
    file.seek(SeekFrom::Start(0))?;
    let mut all = Vec::new();
    file.read_to_end(&mut all)?;
    let count = all.iter().filter(|b| **b == b'\n').count() as u64;
    Ok((count, line_hash(&text)))
}

/// Appends `new` as the next line of the log at `path` (and its mirror, when there is one),
/// each synced before this returns. Returns the line as written.
pub fn append(
    path: &Path,
    mirror: Option<&Path>,
    key: &SigningKey,
    new: &NewCheckpoint,
) -> Result<Checkpoint, StoreError> {
    let mut file = open_for_append(path)?;
    file.lock()?;
    let (number, prev) = last_line(&mut file)?;
    let checkpoint = Checkpoint::sign(new, key, number + 1, prev);
    let text = format!("{}\n", checkpoint.text());
    file.write_all(text.as_bytes())?;
    file.sync_data()?;
    if let Some(mirror) = mirror {
        // The mirror takes the same line at the same number; a mirror that fell behind (newly
        // configured, or away for a while) first gets the lines it lacks.
        let mut copy = open_for_append(mirror)?;
        copy.lock()?;
        let (have, _) = last_line(&mut copy)?;
        if have < number {
            let log = read_log(path)?;
            for line in log
                .lines
                .iter()
                .filter(|l| l.number > have && l.number <= number)
            {
                copy.write_all(format!("{}\n", line.text).as_bytes())?;
            }
        }
        if have <= number {
            copy.write_all(text.as_bytes())?;
            copy.sync_data()?;
        } else {
            return Err(StoreError::Checkpoint(format!(
                "the checkpoint mirror {} has {have} lines and the log {number}: the log was cut short or replaced",
                mirror.display()
            )));
        }
    }
    // A copy in the service's own log (journald, syslog), a third place to compare with.
    tracing::info!(target: "zorgkluis::checkpoint", line = %checkpoint.text(), "audit checkpoint");
    Ok(checkpoint)
}

#[cfg(test)]
mod tests {
    use super::*;

    fn anchor(seq: i64) -> NewCheckpoint {
        NewCheckpoint {
            kind: CheckpointKind::Anchor,
            tenant_id: "t".into(),
            seq,
            hash: vec![seq as u8; 32],
            keyed_from: 1,
        }
    }

    #[test]
    fn lines_are_numbered_linked_and_signed() {
        let dir = tempfile::tempdir().unwrap();
        let path = dir.path().join("cp.log");
        let key = SigningKey::from_bytes(&[3; 32]);
        for seq in 1..=3 {
            append(&path, None, &key, &anchor(seq)).unwrap();
        }
        let log = read_log(&path).unwrap();
        let lines: Vec<&Checkpoint> = log.checkpoints().collect();
        assert_eq!(lines.iter().map(|c| c.line).collect::<Vec<_>>(), [1, 2, 3]);
        assert_eq!(lines[0].prev_line, vec![0; 32]);
        assert_eq!(lines[2].prev_line, line_hash(&log.lines[1].text).to_vec());
        assert!(lines.iter().all(|c| c.verify(&key.verifying_key())));
        let mut edited = lines[1].clone();
        edited.seq = 9;
        assert!(!edited.verify(&key.verifying_key()));
        assert_eq!(log.keyed_from("t"), Some(1));
        #[cfg(unix)]
        {
            use std::os::unix::fs::PermissionsExt as _;
            let mode = std::fs::metadata(&path).unwrap().permissions().mode();
            assert_eq!(mode & 0o777, 0o600, "owner only");
        }
    }

    #[test]
    fn a_torn_line_is_cut_before_the_next_append() {
        let dir = tempfile::tempdir().unwrap();
        let path = dir.path().join("cp.log");
        let key = SigningKey::from_bytes(&[3; 32]);
        append(&path, None, &key, &anchor(1)).unwrap();
        let mut text = std::fs::read_to_string(&path).unwrap();
        text.push_str("2 2 anchor t 2 abcd");
        std::fs::write(&path, &text).unwrap();
        let log = read_log(&path).unwrap();
        assert_eq!(log.lines.len(), 1);
        assert!(log.torn_tail.is_some());
        append(&path, None, &key, &anchor(3)).unwrap();
        let log = read_log(&path).unwrap();
        assert_eq!(log.torn_tail, None);
        let seqs: Vec<(u64, i64)> = log.checkpoints().map(|c| (c.line, c.seq)).collect();
        assert_eq!(seqs, [(1, 1), (2, 3)]);
    }

    #[test]
    fn lines_of_the_first_format_are_read_and_followed() {
        let dir = tempfile::tempdir().unwrap();
        let path = dir.path().join("cp.log");
        let key = SigningKey::from_bytes(&[3; 32]);
        let signature = key.sign(&legacy_message("t", 4, &[4; 32])).to_bytes();
        let old = format!("t 4 {} {}", hex::encode([4; 32]), hex::encode(signature));
        std::fs::write(&path, format!("{old}\n{old}\n")).unwrap();
        append(&path, None, &key, &anchor(5)).unwrap();
        let log = read_log(&path).unwrap();
        let all: Vec<&Checkpoint> = log.checkpoints().collect();
        assert_eq!(all.len(), 3);
        assert!(all[0].legacy && all[0].verify(&key.verifying_key()));
        assert_eq!(
            (all[2].line, all[2].prev_line.clone()),
            (3, line_hash(&old).to_vec())
        );
    }

    #[test]
    fn the_mirror_takes_every_line_and_catches_up() {
        let dir = tempfile::tempdir().unwrap();
        let (path, mirror) = (dir.path().join("cp.log"), dir.path().join("mirror.log"));
        let key = SigningKey::from_bytes(&[3; 32]);
        append(&path, None, &key, &anchor(1)).unwrap();
        append(&path, Some(&mirror), &key, &anchor(2)).unwrap();
        assert_eq!(
            std::fs::read_to_string(&path).unwrap(),
            std::fs::read_to_string(&mirror).unwrap()
        );
        // A log cut short: the mirror is ahead, and the append says so.
        let first = read_log(&path).unwrap().lines[0].text.clone();
        std::fs::write(&path, format!("{first}\n")).unwrap();
        let err = append(&path, Some(&mirror), &key, &anchor(3)).unwrap_err();
        assert!(err.to_string().contains("cut short"), "{err}");
    }
}
