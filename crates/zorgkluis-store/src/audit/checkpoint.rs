//! Signed checkpoints: an Ed25519 signature over a tenant's chain tip, appended to a file
//! outside the database, so that cutting off the newest events is detected.

use std::io::Write as _;
use std::path::Path;

use ed25519_dalek::{Signature, Signer as _, SigningKey, Verifier as _, VerifyingKey};

use crate::StoreError;

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

    #[test]
    fn a_torn_checkpoint_line_is_cut_before_the_next_append() {
        let dir = tempfile::tempdir().unwrap();
        let path = dir.path().join("cp.log");
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
