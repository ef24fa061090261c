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
        // Every data key not yet wrapped by the new key, in the key store and (from releases
        // before it, for organisations whose vault has not opened since) in the database. A
        // server running meanwhile may register persons with the old key until it notices the
        // new file: further passes catch them.
        let current = keys.current_id().to_owned();
        let store = &self.inner.keystore;
        let mut count = 0;
        for _pass in 0..5 {
            let due: Vec<_> = store
                .all()?
                .into_iter()
                .filter(|(_, _, k)| k.master_key_id != current)
                .collect();
            // installation-wide: a rotation re-wraps the keys of every tenant of the database.
            let rows = sqlx::query(
                "SELECT tenant_id, person_id, master_key_id, wrapped_key FROM person_keys \
                 WHERE master_key_id <> $1 AND master_key_id <> $2",
            )
            .bind(&current)
            .bind(crate::keystore::IN_STORE)
            .fetch_all(&*self.inner.pool)
            .await?;
            if due.is_empty() && rows.is_empty() {
                break;
            }
            for (tenant, person, k) in &due {
                let key = keys.unwrap_key(&k.master_key_id, &k.wrapped, tenant, person)?;
                let (master_key_id, wrapped) = keys.wrap(&key, tenant, person)?;
                store.put(
                    tenant,
                    person,
                    &crate::keystore::StoredKey {
                        master_key_id,
                        wrapped,
                    },
                )?;
                count += 1;
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
        // Old master keys that wrap nothing any more are retired, so that a backup of the
        // database from before the key store (which holds keys wrapped by them) opens nothing
        // of a person erased since. Only while no other process has the installation open: a
        // server that has not yet read the new key file could still wrap with an old key.
        // installation-wide: the master keys any tenant's database rows still use.
        let in_db: Vec<String> = sqlx::query_scalar(
            "SELECT DISTINCT master_key_id FROM person_keys WHERE master_key_id <> $1",
        )
        .bind(crate::keystore::IN_STORE)
        .fetch_all(&*self.inner.pool)
        .await?;
        let mut in_use = store.master_keys_in_use()?;
        in_use.extend(in_db);
        let file = self.inner.location.key_file();
        let retired = self.inner.lock.alone(|| {
            let before = keys.ids().len();
            keys.retire_unused(&in_use);
            if keys.ids().len() < before {
                keys.save(&file)
            } else {
                Ok(())
            }
        })?;
        match retired {
            Some(saved) => {
                saved?;
                self.note_key_file_written();
            }
            None => tracing::info!(
                "old master keys kept: another process has the installation open; rotate again with the server stopped to retire them"
            ),
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
        crate::db::owner_only(destination)?;
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

/// Verifies the installation's audit log without opening the vault: nothing is written, not
/// even the checkpoint an opening vault makes of the chain it finds.
pub async fn verify_installation(location: &Location) -> Result<VerifyReport, StoreError> {
    let keys = MasterKeys::load(&location.key_file())?;
    let pool = crate::db::connect(location, 2).await?;
    let report = crate::verify::verify(&pool, location, &keys).await;
    pool.close().await;
    report
}

/// Restores from a backup, refused while any other process has the installation open. For the
/// embedded database `backup` is the file `backup` wrote: it is copied beside the database,
/// checked, and moved into place in one rename, so the database is at every moment either the
/// old one or the backup. For PostgreSQL, restore the dump with `pg_restore` first and pass
/// `None`. Either way every tenant's restored tip is stated in a signed `restore` line of the
/// checkpoint log (the anchors of events after it record what the restore lost), and opening
/// the vault re-applies every erasure made since.
pub async fn restore(location: &Location, backup: Option<&Path>) -> Result<(), StoreError> {
    let _exclusive = crate::lock::InstallationLock::exclusive(location)?;
    let keys = MasterKeys::load(&location.key_file())?;
    let paths = location.checkpoint_paths();
    let log = crate::audit::read_log(&paths.log)?;
    match (location.sqlite_file(), backup) {
        (Some(db_file), Some(backup)) => {
            if !backup.exists() {
                return Err(StoreError::NotFound(backup.display().to_string()));
            }
            let name = db_file
                .file_name()
                .map(|n| n.to_string_lossy().into_owned())
                .unwrap_or_default();
            let staged = db_file.with_file_name(format!("{name}.restoring"));
            std::fs::copy(backup, &staged)?;
            crate::db::owner_only(&staged)?;
            let restored = (|| {
                let conn = rusqlite::Connection::open(&staged)?;
                let check: String = conn.query_row("PRAGMA quick_check", [], |r| r.get(0))?;
                if check != "ok" {
                    return Err(StoreError::Invalid {
                        field: "file",
                        message: format!("the backup is damaged: {check}"),
                    });
                }
                let (tips, has_anchors) = sqlite_tips(&conn)?;
                let lines = state_restore(&log, &paths, &keys, tips)?;
                // A backup from before the anchors table gets it, and the row, from the
                // migration and the first checkpoint when the vault opens.
                if has_anchors {
                    for line in &lines {
                        record_restore_line(&conn, line)?;
                    }
                }
                conn.execute_batch("PRAGMA journal_mode = DELETE")?;
                drop(conn);
                std::fs::File::open(&staged)?.sync_all()?;
                Ok::<_, StoreError>(())
            })();
            if let Err(e) = restored {
                let _ = std::fs::remove_file(&staged);
                return Err(e);
            }
            // Fold the live database's WAL in first: a WAL left beside the new file would be
            // replayed into it.
            if db_file.exists() {
                let live = rusqlite::Connection::open(&db_file)?;
                live.query_row("PRAGMA wal_checkpoint(TRUNCATE)", [], |_| Ok(()))?;
                drop(live);
            }
            for suffix in ["-wal", "-shm"] {
                let side = db_file.with_file_name(format!("{name}{suffix}"));
                if side.exists() {
                    std::fs::remove_file(side)?;
                }
            }
            std::fs::rename(&staged, &db_file)?;
            if let Some(dir) = db_file.parent() {
                std::fs::File::open(dir)?.sync_all()?;
            }
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
        (None, None) => {
            let pool = crate::db::connect(location, 1).await?;
            let rows = sqlx::query(RESTORED_TIPS)
                .bind(crate::audit::GENESIS.to_vec())
                .fetch_all(&pool)
                .await?;
            let mut tips = Vec::new();
            for r in rows {
                tips.push(RestoredTip {
                    tenant_id: r.try_get(0)?,
                    seq: r.try_get(1)?,
                    hash: r.try_get(2)?,
                    recorded_keyed_from: r.try_get(3)?,
                });
            }
            let lines = state_restore(&log, &paths, &keys, tips)?;
            for c in &lines {
                sqlx::query(crate::writer::RECORD_ANCHOR)
                    .bind(&c.tenant_id)
                    .bind(c.keyed_from)
                    .bind(c.line as i64)
                    .bind(crate::audit::line_hash(&c.text()).to_vec())
                    .bind(c.seq)
                    .bind(&c.hash)
                    .execute(&pool)
                    .await?;
            }
            pool.close().await;
        }
    }
    Ok(())
}

/// A tenant's chain as the backup left it.
struct RestoredTip {
    tenant_id: String,
    seq: i64,
    hash: Vec<u8>,
    /// `keyed_from` as the backup's database recorded it, if it did.
    recorded_keyed_from: Option<i64>,
}

// installation-wide: every tenant's chain is restored.
const RESTORED_TIPS: &str = "SELECT t.id, COALESCE(e.seq, 0), COALESCE(e.hash, $1), a.keyed_from      FROM tenants t      LEFT JOIN audit_events e ON e.tenant_id = t.id        AND e.seq = (SELECT MAX(seq) FROM audit_events m WHERE m.tenant_id = t.id)      LEFT JOIN audit_anchors a ON a.tenant_id = t.id ORDER BY t.id";

fn sqlite_tips(conn: &rusqlite::Connection) -> Result<(Vec<RestoredTip>, bool), StoreError> {
    // A backup from before the anchors table has none to read.
    let has_anchors: bool = conn.query_row(
        // installation-wide: the schema of the backup file.
        "SELECT COUNT(*) > 0 FROM sqlite_master WHERE name = 'audit_anchors'",
        [],
        |r| r.get(0),
    )?;
    let sql = if has_anchors {
        RESTORED_TIPS.replace("$1", "?1")
    } else {
        RESTORED_TIPS
            .replace("$1", "?1")
            .replace("a.keyed_from", "NULL")
            .replace("LEFT JOIN audit_anchors a ON a.tenant_id = t.id ", "")
    };
    let mut stmt = conn.prepare(&sql)?;
    let rows = stmt.query_map([crate::audit::GENESIS.to_vec()], |r| {
        Ok(RestoredTip {
            tenant_id: r.get(0)?,
            seq: r.get(1)?,
            hash: r.get(2)?,
            recorded_keyed_from: r.get(3)?,
        })
    })?;
    Ok((rows.collect::<Result<_, _>>()?, has_anchors))
}

/// Appends a signed `restore` line per tenant: the tip the chain was set back to, and from
/// which event on it is keyed (never after its next event, or that event would be written
/// without the key).
fn state_restore(
    log: &crate::audit::CheckpointLog,
    paths: &crate::audit::CheckpointLogPaths,
    keys: &MasterKeys,
    tips: Vec<RestoredTip>,
) -> Result<Vec<crate::audit::Checkpoint>, StoreError> {
    let signing = keys.checkpoint_signing_key()?;
    let mut tips = tips;
    // A tenant the log anchors but the backup does not have was set back to nothing.
    for c in log.checkpoints() {
        if !tips.iter().any(|t| t.tenant_id == c.tenant_id) {
            tips.push(RestoredTip {
                tenant_id: c.tenant_id.clone(),
                seq: 0,
                hash: crate::audit::GENESIS.to_vec(),
                recorded_keyed_from: None,
            });
        }
    }
    let mut lines = Vec::new();
    for tip in tips {
        let stated = log
            .keyed_from(&tip.tenant_id)
            .or(tip.recorded_keyed_from)
            .unwrap_or(i64::MAX);
        let new = crate::audit::NewCheckpoint {
            kind: crate::audit::CheckpointKind::Restore,
            keyed_from: stated.min(tip.seq + 1),
            tenant_id: tip.tenant_id,
            seq: tip.seq,
            hash: tip.hash,
        };
        lines.push(crate::audit::append(
            &paths.log,
            paths.mirror.as_deref(),
            &signing,
            &new,
        )?);
    }
    Ok(lines)
}

fn record_restore_line(
    conn: &rusqlite::Connection,
    c: &crate::audit::Checkpoint,
) -> Result<(), StoreError> {
    conn.execute(
        &crate::writer::RECORD_ANCHOR.replace('$', "?"),
        rusqlite::params![
            c.tenant_id,
            c.keyed_from,
            c.line as i64,
            crate::audit::line_hash(&c.text()).to_vec(),
            c.seq,
            c.hash
        ],
    )?;
    Ok(())
}
