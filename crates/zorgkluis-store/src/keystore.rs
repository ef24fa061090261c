//! The person key store: every person's wrapped data key, in a SQLite file of its own beside
//! the master key file and apart from the database, so that a backup of the database holds
//! ciphertext only. An erasure deletes the person's key here and in the store's mirror (the
//! one copy the installation keeps, on another volume), with SQLite's `secure_delete` zeroing
//! the freed bytes: a backup of the database made before the erasure, opened with every key
//! the installation still holds, decrypts nothing of the erased person.
//!
//! The database keeps a row per person in `person_keys` whose `master_key_id` is
//! [`IN_STORE`]: the row says the person has a key (and takes part in the hot path's joins);
//! the key itself is only here. Rows of releases before the store hold the wrapped key in the
//! database; opening a vault moves them here.
//!
//! Beside each person's key the store keeps a key per category of their records, wrapped by
//! the person's key: erasing one category (the care notes, not the invoices) destroys its key
//! here, which reaches every backup of the database as the person's erasure does. Wrapped by
//! the person's key rather than a master key, a category key needs nothing at a rotation.

use std::collections::HashMap;
use std::path::{Path, PathBuf};
use std::sync::{Mutex, RwLock};

use crate::StoreError;

/// The `master_key_id` of a `person_keys` row whose key is in the store.
pub(crate) const IN_STORE: &str = "@store";

/// A wrapped data key as the store holds it.
#[derive(Debug, Clone, PartialEq, Eq)]
pub(crate) struct StoredKey {
    pub master_key_id: String,
    pub wrapped: Vec<u8>,
}

const SCHEMA: &str = "PRAGMA journal_mode = DELETE; PRAGMA synchronous = FULL; \
     PRAGMA secure_delete = ON; PRAGMA busy_timeout = 10000; \
     CREATE TABLE IF NOT EXISTS stored_keys ( \
        tenant_id TEXT NOT NULL, person_id TEXT NOT NULL, \
        master_key_id TEXT NOT NULL, wrapped_key BLOB NOT NULL, \
        PRIMARY KEY (tenant_id, person_id)); \
     CREATE TABLE IF NOT EXISTS category_keys ( \
        tenant_id TEXT NOT NULL, person_id TEXT NOT NULL, category TEXT NOT NULL, \
        wrapped_key BLOB NOT NULL, \
        PRIMARY KEY (tenant_id, person_id, category));";

/// Whose category key: tenant, person, category.
type CategoryId = (String, String, String);
/// A category key wrapped by its person's key.
type WrappedCategoryKey = Vec<u8>;

fn open(path: &Path) -> Result<rusqlite::Connection, StoreError> {
    if let Some(dir) = path.parent() {
        std::fs::create_dir_all(dir)?;
    }
    if !path.exists() {
        let mut options = std::fs::OpenOptions::new();
        options.write(true).create(true).truncate(false);
        #[cfg(unix)]
        std::os::unix::fs::OpenOptionsExt::mode(&mut options, 0o600);
        options.open(path)?;
    }
    let conn = rusqlite::Connection::open(path)?;
    conn.execute_batch(SCHEMA)?;
    Ok(conn)
}

/// The store and its mirror, with the keys read so far kept in memory (an erasure in this
/// process removes them; another process's erasure is seen through the database row, which
/// every read needs first).
pub(crate) struct KeyStore {
    primary: Mutex<rusqlite::Connection>,
    mirror: Option<(PathBuf, Mutex<rusqlite::Connection>)>,
    cache: RwLock<HashMap<(String, String), StoredKey>>,
    category_cache: RwLock<HashMap<CategoryId, Vec<u8>>>,
}

impl std::fmt::Debug for KeyStore {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.write_str("KeyStore(..)")
    }
}

fn poisoned<T>(_: T) -> StoreError {
    StoreError::Crypto("the key store's lock was poisoned".into())
}

impl KeyStore {
    /// Opens (or creates, owner-only) the store and its mirror; a mirror that lacks keys the
    /// store has (newly configured, or replaced) gets them.
    pub(crate) fn open(primary: &Path, mirror: Option<&Path>) -> Result<KeyStore, StoreError> {
        let store = KeyStore {
            primary: Mutex::new(open(primary)?),
            mirror: match mirror {
                Some(m) => Some((m.to_owned(), Mutex::new(open(m)?))),
                None => None,
            },
            cache: RwLock::new(HashMap::new()),
            category_cache: RwLock::new(HashMap::new()),
        };
        store.catch_up_mirror()?;
        Ok(store)
    }

    fn catch_up_mirror(&self) -> Result<(), StoreError> {
        let Some((_, mirror)) = &self.mirror else {
            return Ok(());
        };
        let all = self.all()?;
        let mirror = mirror.lock().map_err(poisoned)?;
        let tx = mirror.unchecked_transaction()?;
        for (tenant, person, key) in all {
            tx.execute(
                // installation-wide: the key store is a file of its own, not the distributed database.
                "INSERT OR IGNORE INTO stored_keys (tenant_id, person_id, master_key_id, wrapped_key) \
                 VALUES (?1, ?2, ?3, ?4)",
                rusqlite::params![tenant, person, key.master_key_id, key.wrapped],
            )?;
        }
        for (tenant, person, category, wrapped) in self.all_category_keys()? {
            tx.execute(
                // installation-wide: the key store is a file of its own, not the distributed database.
                "INSERT OR IGNORE INTO category_keys (tenant_id, person_id, category, wrapped_key) \
                 VALUES (?1, ?2, ?3, ?4)",
                rusqlite::params![tenant, person, category, wrapped],
            )?;
        }
        tx.commit()?;
        Ok(())
    }

    fn all_category_keys(
        &self,
    ) -> Result<Vec<(String, String, String, WrappedCategoryKey)>, StoreError> {
        let conn = self.primary.lock().map_err(poisoned)?;
        let mut stmt = conn.prepare(
            // installation-wide: the key store is a file of its own, not the distributed database.
            "SELECT tenant_id, person_id, category, wrapped_key FROM category_keys",
        )?;
        let rows = stmt.query_map([], |r| Ok((r.get(0)?, r.get(1)?, r.get(2)?, r.get(3)?)))?;
        Ok(rows.collect::<Result<_, _>>()?)
    }

    /// The wrapped key of one category of a person's records, if it has one.
    pub(crate) fn category_key(
        &self,
        tenant: &str,
        person: &str,
        category: &str,
    ) -> Result<Option<Vec<u8>>, StoreError> {
        let id = (tenant.to_owned(), person.to_owned(), category.to_owned());
        if let Some(k) = self.category_cache.read().map_err(poisoned)?.get(&id) {
            return Ok(Some(k.clone()));
        }
        let found: Option<Vec<u8>> = {
            let conn = self.primary.lock().map_err(poisoned)?;
            let mut stmt = conn.prepare_cached(
                // installation-wide: the key store is a file of its own, not the distributed database.
                "SELECT wrapped_key FROM category_keys \
                 WHERE tenant_id = ?1 AND person_id = ?2 AND category = ?3",
            )?;
            let mut rows = stmt.query(rusqlite::params![tenant, person, category])?;
            match rows.next()? {
                Some(r) => Some(r.get(0)?),
                None => None,
            }
        };
        if let Some(k) = &found {
            self.category_cache
                .write()
                .map_err(poisoned)?
                .insert(id, k.clone());
        }
        Ok(found)
    }

    /// Stores `wrapped` as the category's key unless it has one already, and returns the key
    /// it has: of two first writes to a category at once, both seal with the same key.
    pub(crate) fn add_category_key(
        &self,
        tenant: &str,
        person: &str,
        category: &str,
        wrapped: &[u8],
    ) -> Result<Vec<u8>, StoreError> {
        let primary = self.primary.lock().map_err(poisoned)?;
        // installation-wide: the key store is a file of its own, not the distributed database.
        primary.execute(
            "INSERT OR IGNORE INTO category_keys (tenant_id, person_id, category, wrapped_key) \
             VALUES (?1, ?2, ?3, ?4)",
            rusqlite::params![tenant, person, category, wrapped],
        )?;
        let kept: Vec<u8> = primary.query_row(
            // installation-wide: the key store is a file of its own, not the distributed database.
            "SELECT wrapped_key FROM category_keys \
             WHERE tenant_id = ?1 AND person_id = ?2 AND category = ?3",
            rusqlite::params![tenant, person, category],
            |r| r.get(0),
        )?;
        if let Some((_, mirror)) = &self.mirror {
            mirror.lock().map_err(poisoned)?.execute(
                // installation-wide: the key store is a file of its own, not the distributed database.
                "INSERT INTO category_keys (tenant_id, person_id, category, wrapped_key) \
                 VALUES (?1, ?2, ?3, ?4) ON CONFLICT (tenant_id, person_id, category) \
                 DO UPDATE SET wrapped_key = excluded.wrapped_key",
                rusqlite::params![tenant, person, category, kept],
            )?;
        }
        drop(primary);
        self.category_cache.write().map_err(poisoned)?.insert(
            (tenant.to_owned(), person.to_owned(), category.to_owned()),
            kept.clone(),
        );
        Ok(kept)
    }

    /// Stores the category keys of new persons (a bulk import) in one transaction, in the
    /// store and its mirror; a category that has a key keeps it.
    pub(crate) fn add_category_keys(
        &self,
        tenant: &str,
        keys: &[(String, String, WrappedCategoryKey)],
    ) -> Result<(), StoreError> {
        self.each(|conn| {
            let tx = conn.unchecked_transaction()?;
            {
                let mut stmt = tx.prepare_cached(
                    // installation-wide: the key store is a file of its own, not the distributed database.
                    "INSERT OR IGNORE INTO category_keys (tenant_id, person_id, category, wrapped_key) \
                     VALUES (?1, ?2, ?3, ?4)",
                )?;
                for (person, category, wrapped) in keys {
                    stmt.execute(rusqlite::params![tenant, person, category, wrapped])?;
                }
            }
            tx.commit()?;
            Ok(())
        })?;
        // The cache learns them from the store on first use: a key kept from before wins.
        Ok(())
    }

    /// Destroys the key of one category of a person's records, in the store and its mirror,
    /// the freed bytes zeroed.
    pub(crate) fn destroy_category(
        &self,
        tenant: &str,
        person: &str,
        category: &str,
    ) -> Result<(), StoreError> {
        self.category_cache.write().map_err(poisoned)?.remove(&(
            tenant.to_owned(),
            person.to_owned(),
            category.to_owned(),
        ));
        self.each(|conn| {
            conn.execute(
                // installation-wide: the key store is a file of its own, not the distributed database.
                "DELETE FROM category_keys WHERE tenant_id = ?1 AND person_id = ?2 AND category = ?3",
                rusqlite::params![tenant, person, category],
            )?;
            Ok(())
        })
    }

    fn each(
        &self,
        f: impl Fn(&rusqlite::Connection) -> Result<(), StoreError>,
    ) -> Result<(), StoreError> {
        let primary = self.primary.lock().map_err(poisoned)?;
        f(&primary)?;
        if let Some((_, mirror)) = &self.mirror {
            let mirror = mirror.lock().map_err(poisoned)?;
            f(&mirror)?;
        }
        Ok(())
    }

    /// Stores (or replaces, at a rotation) a person's wrapped key, in the store and its mirror,
    /// each on disk before this returns.
    pub(crate) fn put(
        &self,
        tenant: &str,
        person: &str,
        key: &StoredKey,
    ) -> Result<(), StoreError> {
        self.each(|conn| {
            conn.execute(
                // installation-wide: the key store is a file of its own, not the distributed database.
                "INSERT INTO stored_keys (tenant_id, person_id, master_key_id, wrapped_key) VALUES (?1, ?2, ?3, ?4) \
                 ON CONFLICT (tenant_id, person_id) DO UPDATE SET master_key_id = excluded.master_key_id, \
                 wrapped_key = excluded.wrapped_key",
                rusqlite::params![tenant, person, key.master_key_id, key.wrapped],
            )?;
            Ok(())
        })?;
        self.cache
            .write()
            .map_err(poisoned)?
            .insert((tenant.to_owned(), person.to_owned()), key.clone());
        Ok(())
    }

    /// Stores many new persons' wrapped keys (a bulk import) in one transaction, in the store
    /// and its mirror, each on disk before this returns: one sync for the lot instead of one
    /// per person.
    pub(crate) fn put_all(
        &self,
        tenant: &str,
        keys: &[(String, StoredKey)],
    ) -> Result<(), StoreError> {
        self.each(|conn| {
            let tx = conn.unchecked_transaction()?;
            {
                let mut stmt = tx.prepare_cached(
                    // installation-wide: the key store is a file of its own, not the distributed database.
                    "INSERT INTO stored_keys (tenant_id, person_id, master_key_id, wrapped_key) VALUES (?1, ?2, ?3, ?4) \
                     ON CONFLICT (tenant_id, person_id) DO UPDATE SET master_key_id = excluded.master_key_id, \
                     wrapped_key = excluded.wrapped_key",
                )?;
                for (person, key) in keys {
                    stmt.execute(rusqlite::params![
                        tenant,
                        person,
                        key.master_key_id,
                        key.wrapped
                    ])?;
                }
            }
            tx.commit()?;
            Ok(())
        })?;
        let mut cache = self.cache.write().map_err(poisoned)?;
        for (person, key) in keys {
            cache.insert((tenant.to_owned(), person.clone()), key.clone());
        }
        Ok(())
    }

    pub(crate) fn get(&self, tenant: &str, person: &str) -> Result<Option<StoredKey>, StoreError> {
        let id = (tenant.to_owned(), person.to_owned());
        if let Some(k) = self.cache.read().map_err(poisoned)?.get(&id) {
            return Ok(Some(k.clone()));
        }
        let found = {
            let conn = self.primary.lock().map_err(poisoned)?;
            let mut stmt = conn.prepare_cached(
                // installation-wide: the key store is a file of its own, not the distributed database.
                "SELECT master_key_id, wrapped_key FROM stored_keys WHERE tenant_id = ?1 AND person_id = ?2",
            )?;
            let mut rows = stmt.query(rusqlite::params![tenant, person])?;
            match rows.next()? {
                Some(r) => Some(StoredKey {
                    master_key_id: r.get(0)?,
                    wrapped: r.get(1)?,
                }),
                None => None,
            }
        };
        if let Some(k) = &found {
            self.cache.write().map_err(poisoned)?.insert(id, k.clone());
        }
        Ok(found)
    }

    /// Destroys a person's key, and their category keys, in the store and its mirror: deleted with the freed bytes
    /// zeroed (`secure_delete`), in rollback-journal mode so no copy stays in a WAL.
    pub(crate) fn destroy(&self, tenant: &str, person: &str) -> Result<(), StoreError> {
        self.cache
            .write()
            .map_err(poisoned)?
            .remove(&(tenant.to_owned(), person.to_owned()));
        self.category_cache
            .write()
            .map_err(poisoned)?
            .retain(|(t, p, _), _| !(t == tenant && p == person));
        self.each(|conn| {
            conn.execute(
                // installation-wide: the key store is a file of its own, not the distributed database.
                "DELETE FROM stored_keys WHERE tenant_id = ?1 AND person_id = ?2",
                rusqlite::params![tenant, person],
            )?;
            conn.execute(
                // installation-wide: the key store is a file of its own, not the distributed database.
                "DELETE FROM category_keys WHERE tenant_id = ?1 AND person_id = ?2",
                rusqlite::params![tenant, person],
            )?;
            Ok(())
        })
    }

    /// Every key of the store, for a rotation.
    pub(crate) fn all(&self) -> Result<Vec<(String, String, StoredKey)>, StoreError> {
        let conn = self.primary.lock().map_err(poisoned)?;
        let mut stmt = conn.prepare(
            // installation-wide: the key store is a file of its own, not the distributed database.
            "SELECT tenant_id, person_id, master_key_id, wrapped_key FROM stored_keys ORDER BY tenant_id, person_id",
        )?;
        let rows = stmt.query_map([], |r| {
            Ok((
                r.get(0)?,
                r.get(1)?,
                StoredKey {
                    master_key_id: r.get(2)?,
                    wrapped: r.get(3)?,
                },
            ))
        })?;
        Ok(rows.collect::<Result<_, _>>()?)
    }

    /// The master keys that wrap at least one key, in the store or its mirror.
    pub(crate) fn master_keys_in_use(&self) -> Result<Vec<String>, StoreError> {
        let in_use = std::sync::Mutex::new(Vec::new());
        self.each(|conn| {
            // installation-wide: the key store is a file of its own, not the distributed database.
            let mut stmt = conn.prepare("SELECT DISTINCT master_key_id FROM stored_keys")?;
            let ids = stmt.query_map([], |r| r.get::<_, String>(0))?;
            let mut in_use = in_use.lock().map_err(poisoned)?;
            for id in ids {
                in_use.push(id?);
            }
            Ok(())
        })?;
        let mut ids = in_use.into_inner().map_err(poisoned)?;
        ids.sort();
        ids.dedup();
        Ok(ids)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn key(id: &str, byte: u8) -> StoredKey {
        StoredKey {
            master_key_id: id.into(),
            wrapped: vec![byte; 60],
        }
    }

    #[test]
    fn a_destroyed_key_is_gone_from_the_store_its_mirror_and_their_bytes() {
        let dir = tempfile::tempdir().unwrap();
        let (primary, mirror) = (dir.path().join("keys.db"), dir.path().join("m/keys.db"));
        let store = KeyStore::open(&primary, Some(&mirror)).unwrap();
        store.put("t", "p1", &key("k1", 0xAB)).unwrap();
        store.put("t", "p2", &key("k1", 0xCD)).unwrap();
        assert_eq!(store.get("t", "p1").unwrap(), Some(key("k1", 0xAB)));
        store.destroy("t", "p1").unwrap();
        assert_eq!(store.get("t", "p1").unwrap(), None);
        drop(store);
        for file in [&primary, &mirror] {
            let bytes = std::fs::read(file).unwrap();
            assert!(
                !bytes.windows(60).any(|w| w == [0xAB; 60]),
                "{}",
                file.display()
            );
            assert!(
                bytes.windows(60).any(|w| w == [0xCD; 60]),
                "{}",
                file.display()
            );
        }
        let reopened = KeyStore::open(&primary, None).unwrap();
        assert_eq!(reopened.get("t", "p1").unwrap(), None);
        assert_eq!(reopened.get("t", "p2").unwrap(), Some(key("k1", 0xCD)));
    }

    #[test]
    fn a_category_key_is_kept_once_and_destroyed_alone_or_with_its_person() {
        let dir = tempfile::tempdir().unwrap();
        let (primary, mirror) = (dir.path().join("keys.db"), dir.path().join("m/keys.db"));
        let store = KeyStore::open(&primary, Some(&mirror)).unwrap();
        store.put("t", "p1", &key("k1", 1)).unwrap();
        let first = store
            .add_category_key("t", "p1", "zorgdossier", &[0xAB; 60])
            .unwrap();
        // A second first write loses: the key already kept is the one to seal with.
        let second = store
            .add_category_key("t", "p1", "zorgdossier", &[0xEF; 60])
            .unwrap();
        assert_eq!((first.clone(), second), (vec![0xAB; 60], vec![0xAB; 60]));
        store
            .add_category_key("t", "p1", "financieel", &[0xCD; 60])
            .unwrap();
        store.destroy_category("t", "p1", "zorgdossier").unwrap();
        assert_eq!(store.category_key("t", "p1", "zorgdossier").unwrap(), None);
        assert_eq!(
            store.category_key("t", "p1", "financieel").unwrap(),
            Some(vec![0xCD; 60])
        );
        drop(store);
        for file in [&primary, &mirror] {
            let bytes = std::fs::read(file).unwrap();
            assert!(
                !bytes.windows(60).any(|w| w == [0xAB; 60]),
                "{}",
                file.display()
            );
            assert!(
                bytes.windows(60).any(|w| w == [0xCD; 60]),
                "{}",
                file.display()
            );
        }
        let store = KeyStore::open(&mirror, None).unwrap();
        assert_eq!(
            store.category_key("t", "p1", "financieel").unwrap(),
            Some(vec![0xCD; 60])
        );
        store.destroy("t", "p1").unwrap();
        assert_eq!(store.category_key("t", "p1", "financieel").unwrap(), None);
    }

    #[test]
    fn a_new_mirror_catches_up() {
        let dir = tempfile::tempdir().unwrap();
        let primary = dir.path().join("keys.db");
        let store = KeyStore::open(&primary, None).unwrap();
        store.put("t", "p1", &key("k1", 1)).unwrap();
        drop(store);
        let mirror = dir.path().join("mirror.db");
        let store = KeyStore::open(&primary, Some(&mirror)).unwrap();
        drop(store);
        let from_mirror = KeyStore::open(&mirror, None).unwrap();
        assert_eq!(from_mirror.get("t", "p1").unwrap(), Some(key("k1", 1)));
    }
}
