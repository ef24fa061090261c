//! Running the installation: proving the audit log, rotating the master keys, backup and
//! restore, and the organisation's overview (counts, no personal data).

use std::path::Path;

use serde::Serialize;
use sqlx::Row as _;
use zorgkluis_core::vocabulary::Duty;

use super::{Actor, Vault, VaultError};
use crate::StoreError;
use crate::audit::AuditAction;
use crate::db::{Backend, Location};
use crate::keys::MasterKeys;
use crate::sealed::{self, Unpermitted};
use crate::verify::VerifyReport;

/// What management sees of the organisation: counts only.
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize)]
pub struct Overview {
    /// Persons registered and not erased.
    pub persons: i64,
    pub erased: i64,
    /// Care relationships in force today.
    pub care_relationships: i64,
    pub records: i64,
    /// Audit events, and of them the emergency accesses and the denied attempts.
    pub events: i64,
    pub emergency_accesses: i64,
    pub denied: i64,
}

impl Vault {
    /// Proves every tenant's chain and the signed checkpoints, or names the first event that
    /// was altered, removed, inserted or reordered, or the checkpoint the chain falls short of.
    pub async fn verify_audit(&self) -> Result<VerifyReport, VaultError> {
        let keys = self.inner.keys.read().await;
        Ok(crate::verify::verify(&self.inner.pool, &self.inner.location, &keys).await?)
    }

    /// Rotates the master key: a new key wraps every data key again; content is not touched.
    pub async fn rotate_keys(&self, actor: &Actor) -> Result<usize, VaultError> {
        if std::env::var("ZORGKLUIS_MASTER_KEY").is_ok() {
            return Err(VaultError::Invalid {
                field: "ZORGKLUIS_MASTER_KEY",
                message: "the keys come from the environment: rotate them in the secrets manager and with a key file".into(),
            });
        }
        let mut keys = self.inner.keys.write().await;
        // Another process may have rotated since this one read the file: start from the file,
        // or the new key could take an id already in use and the save drop the other's key.
        *keys = MasterKeys::load(&self.inner.location.key_file())?;
        keys.add_new()?;
        // The new key is saved before anything is wrapped with it, and the old ones stay in the
        // file until every wrap is done: a crash in between loses nothing.
        keys.save(&self.inner.location.key_file())?;
        self.note_key_file_written();
        // Every data key not yet wrapped by the new key. A server running meanwhile may
        // register persons with the old key until it notices the new file: further passes
        // catch them. The old keys stay in the file, unused for wrapping: backups made before
        // this rotation are wrapped by them. To retire a compromised key for good, discard
        // those backups and remove its line (docs/operations.md).
        let current = keys.current_id().to_owned();
        let mut count = 0;
        for _pass in 0..5 {
            // installation-wide: a rotation re-wraps the keys of every tenant of the database.
            let rows = sqlx::query(
                "SELECT tenant_id, person_id, master_key_id, wrapped_key FROM person_keys WHERE master_key_id <> $1",
            )
            .bind(&current)
            .fetch_all(&*self.inner.pool)
            .await?;
            if rows.is_empty() {
                break;
            }
            let mut tx = self.inner.pool.begin().await?;
            for r in &rows {
                let (tenant, person): (String, String) = (r.try_get(0)?, r.try_get(1)?);
                let (key_id, wrapped): (String, Vec<u8>) = (r.try_get(2)?, r.try_get(3)?);
                let key = keys.unwrap_key(&key_id, &wrapped, &tenant, &person)?;
                let (new_id, new_wrapped) = keys.wrap(&key, &tenant, &person)?;
                sqlx::query("UPDATE person_keys SET master_key_id = $1, wrapped_key = $2 WHERE tenant_id = $3 AND person_id = $4 AND master_key_id = $5")
                    .bind(new_id)
                    .bind(new_wrapped)
                    .bind(&tenant)
                    .bind(&person)
                    .bind(&key_id)
                    .execute(&mut *tx)
                    .await?;
                count += 1;
            }
            tx.commit().await?;
        }
        drop(keys);
        self.log_operation(actor, AuditAction::KeysRotate).await?;
        Ok(count)
    }

    /// An online backup of the embedded database (SQLite `VACUUM INTO`). Keys, checkpoints and
    /// the erasure list stay outside it.
    pub async fn backup(&self, destination: &Path) -> Result<(), VaultError> {
        if self.backend() != Backend::Sqlite {
            return Err(VaultError::Invalid {
                field: "backend",
                message: "back up PostgreSQL with pg_dump (docs/operations.md)".into(),
            });
        }
        if destination.exists() {
            return Err(VaultError::Invalid {
                field: "destination",
                message: "the file exists".into(),
            });
        }
        sqlx::query("VACUUM INTO $1")
            .bind(destination.display().to_string())
            .execute(&*self.inner.pool)
            .await?;
        // The path is not logged: the chain keeps ids, never free text.
        self.log_operation(&Actor::system("backup"), AuditAction::Backup)
            .await
    }

    /// Logs an operation on the installation (backup, restore, key rotation) that touches no
    /// one's data.
    pub async fn log_operation(
        &self,
        actor: &Actor,
        action: AuditAction,
    ) -> Result<(), VaultError> {
        let event = self.event(actor, action, None, None, "beheer");
        sealed::record(
            &self.inner.writer,
            Unpermitted::Operation,
            vec![event],
            Vec::new(),
        )
        .await?;
        Ok(())
    }

    /// The organisation's overview for management (the reglement's `view_overview` rule):
    /// counts, no personal data; decided and logged.
    pub async fn overview(&self, actor: &Actor) -> Result<Overview, VaultError> {
        let permit = self
            .authorize_duty(
                actor,
                Duty::ViewOverview,
                false,
                AuditAction::ViewOverview,
                None,
                "overzicht",
            )
            .await?;
        sealed::commit(&self.inner.writer, permit, Vec::new()).await?;
        let t = &self.inner.tenant;
        let today = crate::clock::today().to_string();
        let count = |sql: &'static str| async move {
            let row = sqlx::query(sql)
                .bind(t)
                .fetch_one(&*self.inner.pool)
                .await?;
            Ok::<i64, VaultError>(row.try_get(0)?)
        };
        let care = sqlx::query(
            "SELECT COUNT(*) FROM care_relationships WHERE tenant_id = $1 AND valid_from <= $2 \
             AND (valid_until IS NULL OR valid_until >= $2)",
        )
        .bind(t)
        .bind(&today)
        .fetch_one(&*self.inner.pool)
        .await?;
        Ok(Overview {
            persons: count(
                "SELECT COUNT(*) FROM persons WHERE tenant_id = $1 AND erased_at IS NULL",
            )
            .await?,
            erased: count(
                "SELECT COUNT(*) FROM persons WHERE tenant_id = $1 AND erased_at IS NOT NULL",
            )
            .await?,
            care_relationships: care.try_get(0)?,
            records: count("SELECT COUNT(*) FROM records WHERE tenant_id = $1").await?,
            events: count("SELECT COUNT(*) FROM audit_events WHERE tenant_id = $1").await?,
            emergency_accesses: count(
                "SELECT COUNT(*) FROM audit_events WHERE tenant_id = $1 AND emergency <> 0",
            )
            .await?,
            denied: count(
                "SELECT COUNT(*) FROM audit_events WHERE tenant_id = $1 AND outcome = 'denied'",
            )
            .await?,
        })
    }
}

/// Restores from a backup. The vault must be closed. For the embedded database `backup` is the
/// file `backup` wrote; for PostgreSQL, restore the dump with `pg_restore` first and pass
/// `None`. Either way the checkpoints of events after the backup are kept aside (they record
/// what the restore lost), and opening the vault re-applies every erasure made since.
pub fn restore(location: &Location, backup: Option<&Path>) -> Result<(), StoreError> {
    match (location.sqlite_file(), backup) {
        (Some(db_file), Some(backup)) => {
            if !backup.exists() {
                return Err(StoreError::NotFound(backup.display().to_string()));
            }
            let name = db_file
                .file_name()
                .map(|n| n.to_string_lossy().into_owned())
                .unwrap_or_default();
            for suffix in ["-wal", "-shm"] {
                let side = db_file.with_file_name(format!("{name}{suffix}"));
                if side.exists() {
                    std::fs::remove_file(side)?;
                }
            }
            std::fs::copy(backup, &db_file)?;
        }
        (Some(_), None) => {
            return Err(StoreError::Invalid {
                field: "file",
                message: "the embedded database is restored from a backup file".into(),
            });
        }
        (None, Some(_)) => {
            return Err(StoreError::Invalid {
                field: "file",
                message: "restore PostgreSQL with pg_restore, then run restore without a file (docs/operations.md)".into(),
            });
        }
        (None, None) => {}
    }
    let checkpoints = location.checkpoint_file();
    if checkpoints.exists() {
        let stamp = jiff::Timestamp::now().as_second();
        std::fs::rename(
            &checkpoints,
            location
                .data_dir
                .join(format!("audit-checkpoints.before-restore-{stamp}.log")),
        )?;
    }
    Ok(())
}
