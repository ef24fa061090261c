//! Erasure by crypto-shredding: a person's data key is destroyed and their ciphertext deleted.
//! The erasure is first written to a list outside the database, so a restored backup cannot
//! bring the person back; the audit trail stays verifiable.

use zorgkluis_core::taxonomy::IDENTIFICATION_CATEGORY;
use zorgkluis_core::vocabulary::Action;

use super::{Actor, Vault, VaultError};
use crate::StoreError;
use crate::audit::AuditAction;
use crate::db::Backend;
use crate::sealed::{self, Unpermitted};
use crate::writer::{Arg, Stmt};

impl Vault {
    /// Erases a person: decided as an erasure of their identification category, then every
    /// sealed datum of theirs and their key are deleted, and their lookup hashes with them.
    pub async fn erase_person(
        &self,
        actor: &Actor,
        person: &str,
        purpose: &str,
    ) -> Result<(), VaultError> {
        Self::check_purpose(purpose)?;
        // The key is the one thing an erasure destroys, not one it needs.
        let (permit, _key) = self
            .authorize_change(
                actor,
                Action::Erase,
                person,
                IDENTIFICATION_CATEGORY,
                purpose,
            )
            .await?;
        // A standing legal hold keeps everything of the person (AVG art. 17 lid 3 sub b, e):
        // the erasure is logged as refused and nothing changes.
        let holds = self
            .standing_holds(Some(person), crate::clock::today())
            .await?;
        if !holds.is_empty() {
            sealed::record(
                &self.inner.writer,
                Unpermitted::Denial,
                vec![permit.refused()],
                Vec::new(),
            )
            .await?;
            return Err(VaultError::Held {
                person: person.to_owned(),
                holds: holds
                    .iter()
                    .map(|h| format!("{} ({}, {})", h.id, h.kind.id(), h.law))
                    .collect(),
            });
        }
        self.remember_erasure(person)?;
        sealed::commit(&self.inner.writer, permit, self.erase_statements(person)).await?;
        self.inner.keystore.destroy(&self.inner.tenant, person)?;
        self.flush_deleted_pages().await?;
        Ok(())
    }

    pub(crate) fn erase_statements(&self, person: &str) -> Vec<Stmt> {
        let t = || Arg::Text(self.inner.tenant.clone());
        let p = || Arg::Text(person.to_owned());
        vec![
            Stmt::new(
                "DELETE FROM records WHERE tenant_id = $1 AND person_id = $2",
                vec![t(), p()],
            ),
            // Only released or lapsed holds are left when a person is erased; their sealed
            // reasons go with the key anyway.
            Stmt::new(
                "DELETE FROM legal_holds WHERE tenant_id = $1 AND person_id = $2",
                vec![t(), p()],
            ),
            Stmt::new(
                "DELETE FROM identity_checks WHERE tenant_id = $1 AND person_id = $2",
                vec![t(), p()],
            ),
            Stmt::new(
                "DELETE FROM person_facts WHERE tenant_id = $1 AND person_id = $2",
                vec![t(), p()],
            ),
            Stmt::new(
                "DELETE FROM person_search WHERE tenant_id = $1 AND person_id = $2",
                vec![t(), p()],
            ),
            Stmt::must_change(
                "DELETE FROM person_keys WHERE tenant_id = $1 AND person_id = $2",
                vec![t(), p()],
            ),
            Stmt::new(
                "UPDATE persons SET erased_at = $3, bsn_hash = NULL, client_number_hash = NULL \
                 WHERE tenant_id = $1 AND id = $2",
                vec![t(), p(), Arg::Text(crate::clock::now())],
            ),
        ]
    }

    /// Moves the wrapped keys that releases before the key store kept in the database into
    /// the store, and leaves the database only the row that says the person has a key. A
    /// backup of the database made from then on holds no key; backups made before still do
    /// (docs/operations.md says what to do with them).
    pub(crate) async fn move_keys_to_store(&self) -> Result<(), VaultError> {
        let rows = sqlx::query(
            "SELECT person_id, master_key_id, wrapped_key FROM person_keys \
             WHERE tenant_id = $1 AND master_key_id <> $2",
        )
        .bind(&self.inner.tenant)
        .bind(crate::keystore::IN_STORE)
        .fetch_all(&*self.inner.pool)
        .await?;
        for r in rows {
            use sqlx::Row as _;
            let person: String = r.try_get(0)?;
            // A restored backup from before the store: the store may hold a newer wrap.
            if self
                .inner
                .keystore
                .get(&self.inner.tenant, &person)?
                .is_none()
            {
                self.inner.keystore.put(
                    &self.inner.tenant,
                    &person,
                    &crate::keystore::StoredKey {
                        master_key_id: r.try_get(1)?,
                        wrapped: r.try_get(2)?,
                    },
                )?;
            }
            sqlx::query(
                "UPDATE person_keys SET master_key_id = $1, wrapped_key = $2 \
                 WHERE tenant_id = $3 AND person_id = $4",
            )
            .bind(crate::keystore::IN_STORE)
            .bind(Vec::<u8>::new())
            .bind(&self.inner.tenant)
            .bind(&person)
            .execute(&*self.inner.pool)
            .await?;
        }
        self.flush_deleted_pages().await?;
        Ok(())
    }

    pub(crate) fn remember_erasure(&self, person: &str) -> Result<(), StoreError> {
        use std::io::Write as _;
        let path = self.inner.location.erased_file();
        let mut file = std::fs::OpenOptions::new()
            .create(true)
            .append(true)
            .open(&path)?;
        file.write_all(format!("{} {person}\n", self.inner.tenant).as_bytes())?;
        file.sync_data()?;
        Ok(())
    }

    /// SQLite keeps old pages in the WAL until a checkpoint: fold them into the (zeroed) file.
    pub(crate) async fn flush_deleted_pages(&self) -> Result<(), StoreError> {
        if self.backend() == Backend::Sqlite {
            sqlx::query("PRAGMA wal_checkpoint(TRUNCATE)")
                .execute(&*self.inner.pool)
                .await?;
        }
        Ok(())
    }

    /// Destroys again the keys of persons erased after the backup that was restored.
    pub(crate) async fn reapply_erasures(&self) -> Result<(), VaultError> {
        let text = match std::fs::read_to_string(self.inner.location.erased_file()) {
            Ok(t) => t,
            Err(e) if e.kind() == std::io::ErrorKind::NotFound => return Ok(()),
            Err(e) => return Err(StoreError::Io(e).into()),
        };
        let mut again = 0;
        for line in text.lines() {
            let Some((tenant, person)) = line.split_once(' ') else {
                continue;
            };
            if tenant != self.inner.tenant {
                continue;
            }
            // The store's key goes whatever the database says: the erasure may have been cut
            // short after its commit, or the store restored from an older copy.
            self.inner.keystore.destroy(tenant, person)?;
            let has_key =
                sqlx::query("SELECT 1 FROM person_keys WHERE tenant_id = $1 AND person_id = $2")
                    .bind(tenant)
                    .bind(person)
                    .fetch_optional(&*self.inner.pool)
                    .await?
                    .is_some();
            if has_key {
                let event = self.event(
                    &Actor::system("restore"),
                    AuditAction::EraseReapplied,
                    Some(person),
                    None,
                    "verwijdering na herstel",
                );
                sealed::record(
                    &self.inner.writer,
                    Unpermitted::ErasureReapplied,
                    vec![event],
                    self.erase_statements(person),
                )
                .await?;
                again += 1;
            }
        }
        if again > 0 {
            self.flush_deleted_pages().await?;
        }
        Ok(())
    }
}
