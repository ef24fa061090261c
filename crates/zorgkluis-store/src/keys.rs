//! The master keys that live outside the database and wrap the per-person data keys, and the
//! secrets derived from their root: the keyed hashes for lookups (BSN, search) and the key that
//! signs audit checkpoints. The data keys themselves, and sealing with AES-256-GCM, are in
//! [`crate::sealed`].
//!
//! AES-GCM was chosen over ChaCha20-Poly1305 because the fields are small and this machine has
//! AES-NI; `docs/BENCHMARKS.md` has the numbers.

use std::collections::BTreeMap;
use std::fmt;
use std::path::Path;

use hmac::{Hmac, Mac};
use sha2::{Digest, Sha256};
use zeroize::{Zeroize, Zeroizing};

use crate::StoreError;
use crate::sealed::{DataKey, KEY_LEN, random};

/// The master keys, by id; the newest wraps new data keys, older ones still unwrap until
/// `keys rotate` has re-wrapped everything.
pub struct MasterKeys {
    keys: BTreeMap<String, Zeroizing<[u8; KEY_LEN]>>,
    current: String,
    /// The secret BSN hashes and checkpoint signatures derive from. It is not rotated with the
    /// wrapping keys: rotating it would mean re-hashing every BSN and re-signing history.
    root: Zeroizing<[u8; KEY_LEN]>,
}

impl fmt::Debug for MasterKeys {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.debug_struct("MasterKeys")
            .field("ids", &self.keys.keys().collect::<Vec<_>>())
            .field("current", &self.current)
            .finish()
    }
}

impl MasterKeys {
    /// A fresh set with one key.
    pub fn generate() -> Result<MasterKeys, StoreError> {
        let mut keys = BTreeMap::new();
        keys.insert("k1".to_owned(), Zeroizing::new(random()?));
        Ok(MasterKeys {
            keys,
            current: "k1".to_owned(),
            root: Zeroizing::new(random()?),
        })
    }

    /// Reads the key file format: `root:hex`, then one `id:hex` line per wrapping key, the last
    /// line the current key.
    pub fn parse(text: &str) -> Result<MasterKeys, StoreError> {
        let mut keys = BTreeMap::new();
        let mut current = None;
        let mut root = None;
        for (n, line) in text.lines().enumerate() {
            let line = line.trim();
            if line.is_empty() || line.starts_with('#') {
                continue;
            }
            let bad = |why: &str| StoreError::KeyFile(format!("line {}: {why}", n + 1));
            let (id, hex_key) = line.split_once(':').ok_or_else(|| bad("expected id:hex"))?;
            let mut bytes = hex::decode(hex_key.trim()).map_err(|_| bad("the key is not hex"))?;
            let key: [u8; KEY_LEN] = bytes
                .as_slice()
                .try_into()
                .map_err(|_| bad("a key is 32 bytes (64 hex digits)"))?;
            bytes.zeroize();
            if id.trim() == "root" {
                root = Some(Zeroizing::new(key));
                continue;
            }
            keys.insert(id.trim().to_owned(), Zeroizing::new(key));
            current = Some(id.trim().to_owned());
        }
        let current =
            current.ok_or_else(|| StoreError::KeyFile("no key in the key file".into()))?;
        let root =
            root.ok_or_else(|| StoreError::KeyFile("no root line in the key file".into()))?;
        Ok(MasterKeys {
            keys,
            current,
            root,
        })
    }

    pub fn to_file_text(&self) -> Zeroizing<String> {
        let mut out = String::from(
            "# zorgkluis master keys: keep this file outside the database and its backups.\n",
        );
        out.push_str(&format!("root:{}\n", hex::encode(self.root.as_slice())));
        for (id, key) in self.keys.iter().filter(|(id, _)| **id != self.current) {
            out.push_str(&format!("{id}:{}\n", hex::encode(key.as_slice())));
        }
        if let Some(key) = self.keys.get(&self.current) {
            out.push_str(&format!(
                "{}:{}\n",
                self.current,
                hex::encode(key.as_slice())
            ));
        }
        Zeroizing::new(out)
    }

    /// Loads the key file, or `ZORGKLUIS_MASTER_KEY` (one `id:hex` line) when set.
    pub fn load(path: &Path) -> Result<MasterKeys, StoreError> {
        if let Ok(text) = std::env::var("ZORGKLUIS_MASTER_KEY") {
            return MasterKeys::parse(&text);
        }
        let text = Zeroizing::new(
            std::fs::read_to_string(path)
                .map_err(|e| StoreError::KeyFile(format!("{}: {e}", path.display())))?,
        );
        MasterKeys::parse(&text)
    }

    /// Writes the key file with owner-only permissions, atomically (write, fsync, rename).
    pub fn save(&self, path: &Path) -> Result<(), StoreError> {
        use std::io::Write as _;
        let tmp = path.with_extension("tmp");
        let io = |e: std::io::Error| StoreError::KeyFile(format!("{}: {e}", path.display()));
        {
            let mut options = std::fs::OpenOptions::new();
            options.write(true).create(true).truncate(true);
            #[cfg(unix)]
            std::os::unix::fs::OpenOptionsExt::mode(&mut options, 0o600);
            let mut file = options.open(&tmp).map_err(io)?;
            file.write_all(self.to_file_text().as_bytes()).map_err(io)?;
            file.sync_all().map_err(io)?;
        }
        std::fs::rename(&tmp, path).map_err(io)?;
        Ok(())
    }

    pub fn current_id(&self) -> &str {
        &self.current
    }

    /// Adds a new current key; the old ones stay to unwrap until everything is re-wrapped.
    pub fn add_new(&mut self) -> Result<String, StoreError> {
        // Ids only grow: an id is never reused for a different key.
        let highest = self
            .keys
            .keys()
            .filter_map(|id| id.strip_prefix('k').and_then(|n| n.parse::<u32>().ok()))
            .max()
            .unwrap_or(0);
        let id = format!("k{}", highest + 1);
        self.keys.insert(id.clone(), Zeroizing::new(random()?));
        self.current = id.clone();
        Ok(id)
    }

    /// The ids of the wrapping keys, current last.
    pub fn ids(&self) -> Vec<&str> {
        self.keys.keys().map(String::as_str).collect()
    }

    /// Drops every old key nothing in `in_use` is wrapped by (after rotation).
    pub fn retire_unused(&mut self, in_use: &[String]) {
        let current = self.current.clone();
        self.keys
            .retain(|id, _| *id == current || in_use.iter().any(|u| u == id));
    }

    /// Drops every key but the current one (after rotation).
    pub fn retire_old(&mut self) {
        let current = self.current.clone();
        self.keys.retain(|id, _| *id == current);
    }

    /// Wraps a data key for `person`, bound to the tenant and person id.
    pub(crate) fn wrap(
        &self,
        key: &DataKey,
        tenant: &str,
        person: &str,
    ) -> Result<(String, Vec<u8>), StoreError> {
        let master = self
            .keys
            .get(&self.current)
            .ok_or_else(|| StoreError::KeyFile("the current key is missing".into()))?;
        Ok((self.current.clone(), key.wrap(master, tenant, person)?))
    }

    /// Whether the key file held master key `key_id` when it was read.
    pub fn has(&self, key_id: &str) -> bool {
        self.keys.contains_key(key_id)
    }

    pub(crate) fn unwrap_key(
        &self,
        key_id: &str,
        wrapped: &[u8],
        tenant: &str,
        person: &str,
    ) -> Result<DataKey, StoreError> {
        let master = self.keys.get(key_id).ok_or_else(|| {
            StoreError::KeyFile(format!("master key `{key_id}` is not in the key file"))
        })?;
        DataKey::unwrap(master, wrapped, tenant, person)
    }

    /// A key derived from the root secret for one purpose (domain separation).
    fn derive(&self, purpose: &str) -> Result<Zeroizing<[u8; 32]>, StoreError> {
        let mut mac = <Hmac<Sha256> as hmac::KeyInit>::new_from_slice(self.root.as_slice())
            .map_err(|e| StoreError::Crypto(e.to_string()))?;
        mac.update(purpose.as_bytes());
        Ok(Zeroizing::new(mac.finalize().into_bytes().into()))
    }

    /// The pseudonym of a person in a research project: a keyed hash under a key of the
    /// project's own (derived from the root secret, the tenant and the project), so that the
    /// same project's exports share pseudonyms and two projects cannot link theirs.
    pub(crate) fn research_pseudonym(
        &self,
        tenant: &str,
        project: &str,
        person: &str,
    ) -> Result<String, StoreError> {
        let key = self.derive(&format!("research-pseudonym\0{tenant}\0{project}"))?;
        let mut mac = <Hmac<Sha256> as hmac::KeyInit>::new_from_slice(key.as_slice())
            .map_err(|e| StoreError::Crypto(e.to_string()))?;
        mac.update(person.as_bytes());
        Ok(hex::encode(&mac.finalize().into_bytes()[..16]))
    }

    /// The keyed hash of a BSN, for lookup without storing it in plaintext.
    pub fn bsn_hash(&self, tenant: &str, bsn: &str) -> Result<Vec<u8>, StoreError> {
        let key = self.derive("bsn-lookup")?;
        let mut mac = <Hmac<Sha256> as hmac::KeyInit>::new_from_slice(key.as_slice())
            .map_err(|e| StoreError::Crypto(e.to_string()))?;
        mac.update(tenant.as_bytes());
        mac.update(b"\0");
        mac.update(bsn.as_bytes());
        Ok(mac.finalize().into_bytes().to_vec())
    }

    /// The keyed hash by which a person is found on one of their identification facts
    /// (`kind`: a name word, the birth date, the client number), without storing the fact.
    pub fn search_token(
        &self,
        tenant: &str,
        kind: &str,
        value: &str,
    ) -> Result<Vec<u8>, StoreError> {
        let key = self.derive("person-search")?;
        let mut mac = <Hmac<Sha256> as hmac::KeyInit>::new_from_slice(key.as_slice())
            .map_err(|e| StoreError::Crypto(e.to_string()))?;
        for part in [tenant, kind, value] {
            mac.update(part.as_bytes());
            mac.update(b"\0");
        }
        Ok(mac.finalize().into_bytes().to_vec())
    }

    /// The keys of the audit log: the chain key of each tenant and the checkpoint signer. Both
    /// derive from the root secret, which is not rotated, so old events and checkpoints keep
    /// verifying after a rotation.
    pub fn audit_keys(&self) -> Result<AuditKeys, StoreError> {
        Ok(AuditKeys {
            chain: self.derive("audit-chain")?,
            signing: self.checkpoint_signing_key()?,
        })
    }

    /// The key that seals the secrets of staff accounts' second factor, so that a copy of the
    /// database alone cannot make their codes.
    pub(crate) fn account_secret_key(&self) -> Result<Zeroizing<[u8; 32]>, StoreError> {
        self.derive("account-second-factor")
    }

    /// The key that seals the free text of the organisation's registers (incidents), so that
    /// a copy of the database alone does not read them.
    pub(crate) fn register_text_key(&self) -> Result<Zeroizing<[u8; 32]>, StoreError> {
        self.derive("register-texts")
    }

    /// The Ed25519 key that signs audit checkpoints.
    pub fn checkpoint_signing_key(&self) -> Result<ed25519_dalek::SigningKey, StoreError> {
        let seed = self.derive("audit-checkpoint")?;
        Ok(ed25519_dalek::SigningKey::from_bytes(&seed))
    }
}

/// The secrets of the audit log, for the writer and `audit verify`.
pub struct AuditKeys {
    chain: Zeroizing<[u8; 32]>,
    pub signing: ed25519_dalek::SigningKey,
}

impl AuditKeys {
    /// The key that authenticates `tenant`'s chain.
    pub fn chain_key(&self, tenant: &str) -> Result<crate::audit::ChainKey, StoreError> {
        let mut mac = <Hmac<Sha256> as hmac::KeyInit>::new_from_slice(self.chain.as_slice())
            .map_err(|e| StoreError::Crypto(e.to_string()))?;
        mac.update(tenant.as_bytes());
        let tenant_key = Zeroizing::new(<[u8; 32]>::from(mac.finalize().into_bytes()));
        Ok(crate::audit::ChainKey::new(&tenant_key))
    }
}

/// SHA-256, as bytes.
pub fn sha256(parts: &[&[u8]]) -> [u8; 32] {
    let mut h = Sha256::new();
    for p in parts {
        h.update(p);
    }
    h.finalize().into()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn wrapped_keys_survive_rotation_only_until_retired() {
        let mut master = MasterKeys::generate().unwrap();
        let key = DataKey::generate().unwrap();
        let (id, wrapped) = master.wrap(&key, "t", "p1").unwrap();
        assert_ne!(
            master.search_token("t", "naam", "jansen").unwrap(),
            master.search_token("u", "naam", "jansen").unwrap(),
            "search tokens are per tenant"
        );
        assert!(
            master.unwrap_key(&id, &wrapped, "t", "p2").is_err(),
            "bound to the person"
        );
        let hash_before = master.bsn_hash("t", "123456782").unwrap();
        let signer_before = master.checkpoint_signing_key().unwrap().verifying_key();
        master.add_new().unwrap();
        let k = master.unwrap_key(&id, &wrapped, "t", "p1").unwrap();
        let (new_id, rewrapped) = master.wrap(&k, "t", "p1").unwrap();
        assert_ne!(new_id, id);
        master.retire_old();
        assert!(
            master.unwrap_key(&id, &wrapped, "t", "p1").is_err(),
            "the old key is gone"
        );
        let text = master.to_file_text();
        let reread = MasterKeys::parse(&text).unwrap();
        assert_eq!(reread.current_id(), new_id);
        assert!(reread.unwrap_key(&new_id, &rewrapped, "t", "p1").is_ok());
        assert_eq!(reread.bsn_hash("t", "123456782").unwrap(), hash_before);
        assert_eq!(
            reread.checkpoint_signing_key().unwrap().verifying_key(),
            signer_before,
            "checkpoints stay verifiable after rotation"
        );
    }

    #[test]
    fn key_file_errors_name_the_line() {
        let err = MasterKeys::parse("# c\nk1:zz\n").unwrap_err().to_string();
        assert!(err.contains("line 2"), "{err}");
        let err = MasterKeys::parse(&format!("k1:{}\n", "00".repeat(32)))
            .unwrap_err()
            .to_string();
        assert!(err.contains("root"), "{err}");
        let err = MasterKeys::parse("k1:00\n").unwrap_err().to_string();
        assert!(err.contains("32 bytes"), "{err}");
    }
}
