//! A key per category of a person's records, so that one category can be crypto-shredded
//! while the rest of the file is kept (erase the care notes, keep the invoices: art. 17(3)
//! AVG with art. 52 AWR). The category keys live in the key store beside the person's key,
//! wrapped by it ([`crate::keystore`]); destroying one there reaches every backup of the
//! database, and destroying the person's key takes them all.
//!
//! A category's key is made with its first record. Records written before category keys
//! existed stay sealed with the person's key (`records.key_scope` is NULL for them): their
//! partial erasure deletes the rows, and only a whole erasure reaches older backups of them
//! (docs/operations.md).

use std::collections::HashMap;

use super::Vault;
use crate::StoreError;
use crate::sealed::DataKey;

/// The keys that open one person's records: per category, and the person's own for rows
/// sealed before category keys.
pub(crate) struct RecordKeys<'a> {
    person: &'a DataKey,
    categories: HashMap<String, DataKey>,
}

impl<'a> RecordKeys<'a> {
    pub(crate) fn new(person: &'a DataKey) -> RecordKeys<'a> {
        RecordKeys {
            person,
            categories: HashMap::new(),
        }
    }

    pub(crate) fn has(&self, category: &str) -> bool {
        self.categories.contains_key(category)
    }

    pub(crate) fn add(&mut self, category: &str, key: DataKey) {
        self.categories.insert(category.to_owned(), key);
    }

    pub(crate) fn for_record(
        &self,
        by_category: bool,
        category: &str,
    ) -> Result<&DataKey, StoreError> {
        if !by_category {
            return Ok(self.person);
        }
        self.categories.get(category).ok_or_else(|| {
            StoreError::Crypto(format!("no key for the records of category {category}"))
        })
    }
}

impl Vault {
    /// The key new records of `category` are sealed with: the category's key, made (and on
    /// disk in the key store and its mirror) on first use.
    pub(crate) fn sealing_key(
        &self,
        person_key: &DataKey,
        person: &str,
        category: &str,
    ) -> Result<DataKey, StoreError> {
        let store = &self.inner.keystore;
        let tenant = &self.inner.tenant;
        if let Some(wrapped) = store.category_key(tenant, person, category)? {
            return person_key.category_key(category, &wrapped);
        }
        let (candidate, wrapped) = person_key.new_category_key(category)?;
        let kept = store.add_category_key(tenant, person, category, &wrapped)?;
        if kept == wrapped {
            Ok(candidate)
        } else {
            // Another write made the category's key first: seal with that one.
            person_key.category_key(category, &kept)
        }
    }

    /// The key that opens records of `category` sealed with their category's key. None in the
    /// store: the category was erased (its rows are deleted with it, or are deleted again
    /// after a restore), so there is nothing to open.
    pub(crate) fn category_opening_key(
        &self,
        person_key: &DataKey,
        person: &str,
        category: &str,
    ) -> Result<DataKey, StoreError> {
        match self
            .inner
            .keystore
            .category_key(&self.inner.tenant, person, category)?
        {
            Some(wrapped) => person_key.category_key(category, &wrapped),
            None => Err(StoreError::Crypto(format!(
                "the key of category {category} of person {person} is destroyed"
            ))),
        }
    }
}
