//! What a retention run destroys is absent afterwards: from the SQLite database file, its WAL,
//! the key store and a backup made before the run, once that backup is restored.
//!
//! Records are sealed, so their text is never on disk in plain text, destroyed or not: that
//! assertion is made (a regression in sealing would show) but proves little by itself. What
//! the test really shows is that after the run nothing can decrypt the destroyed records:
//! - the sealed bytes of the destroyed records are gone from the live database file and WAL
//!   (zeroed by `secure_delete` and folded in by the checkpoint), not just unlinked;
//! - the wrapped keys that opened them (the whole file's person key and its category keys, the
//!   emptied category's key) are in no file of the installation, the older backup included,
//!   while the kept keys are still found by the same search (so the search can find a key);
//! - the older backup, which still holds the sealed bytes, opened with every key file the
//!   installation has (master key, key store) and without the erasure list, opens the kept
//!   records and none of the destroyed ones;
//! - restored, that backup loses the destroyed records again (the erasure list is re-applied,
//!   logged), keeps the others, and its file no longer holds their sealed bytes.

use std::collections::BTreeMap;

use zorgkluis_store::audit::AuditAction;
use zorgkluis_store::vault::{Actor, RunOptions, Vault, VaultError};
use zorgkluis_testkit::sqlx::{self, Connection as _, Row as _};
use zorgkluis_testkit::{Backend, STAFF, TENANT, TestStore, actor, add_staff, client_in_care};

fn today() -> jiff::civil::Date {
    zorgkluis_core::time::dutch_date(jiff::Timestamp::now())
}

fn zorg() -> Actor {
    actor("zorg-1", "zorgverlener")
}

fn admin() -> Actor {
    actor("admin-1", "administratie")
}

fn has(haystack: &[u8], needle: &[u8]) -> bool {
    !needle.is_empty() && haystack.windows(needle.len()).any(|w| w == needle)
}

async fn backdate(store: &TestStore, person: &str, day: &str) {
    let mut raw = store.raw().await;
    let at = format!("{day}T10:00:00Z");
    for sql in [
        "UPDATE persons SET created_at = $1 WHERE tenant_id = 'bg-wonen' AND id = $2",
        "UPDATE records SET created_at = $1 WHERE tenant_id = 'bg-wonen' AND person_id = $2",
    ] {
        sqlx::query(sql)
            .bind(&at)
            .bind(person)
            .execute(&mut raw)
            .await
            .unwrap();
    }
}

/// The sealed content of each record of `person` (of `category`, or all), by id.
async fn sealed_of(
    store: &TestStore,
    person: &str,
    category: Option<&str>,
) -> BTreeMap<String, Vec<u8>> {
    let mut raw = store.raw().await;
    let rows = sqlx::query(
        "SELECT id, category, content FROM records WHERE tenant_id = $1 AND person_id = $2",
    )
    .bind(TENANT)
    .bind(person)
    .fetch_all(&mut raw)
    .await
    .unwrap();
    rows.iter()
        .filter(|r| category.is_none_or(|c| r.try_get::<String, _>(1).unwrap() == c))
        .map(|r| (r.try_get(0).unwrap(), r.try_get(2).unwrap()))
        .collect()
}

/// The wrapped keys of `person` in the key store: the person's key, and per category.
async fn wrapped_keys(
    store: &TestStore,
    person: &str,
) -> (Option<Vec<u8>>, BTreeMap<String, Vec<u8>>) {
    sqlx::any::install_default_drivers();
    let url = format!(
        "sqlite://{}?mode=ro",
        store.location.key_store_file().display()
    );
    let mut conn = sqlx::AnyConnection::connect(&url).await.unwrap();
    let own =
        sqlx::query("SELECT wrapped_key FROM stored_keys WHERE tenant_id = $1 AND person_id = $2")
            .bind(TENANT)
            .bind(person)
            .fetch_optional(&mut conn)
            .await
            .unwrap()
            .map(|r| r.try_get(0).unwrap());
    let categories = sqlx::query(
        "SELECT category, wrapped_key FROM category_keys WHERE tenant_id = $1 AND person_id = $2",
    )
    .bind(TENANT)
    .bind(person)
    .fetch_all(&mut conn)
    .await
    .unwrap()
    .iter()
    .map(|r| (r.try_get(0).unwrap(), r.try_get(1).unwrap()))
    .collect();
    conn.close().await.unwrap();
    (own, categories)
}

/// The database file and its WAL (and the key store with any journal), as bytes.
fn live_files(store: &TestStore) -> Vec<(String, Vec<u8>)> {
    let db = store.location.sqlite_file().unwrap();
    let keys = store.location.key_store_file();
    let mut out = Vec::new();
    for path in [
        db.clone(),
        db.with_file_name(format!("{}-wal", db.file_name().unwrap().to_string_lossy())),
        keys.clone(),
        keys.with_file_name(format!(
            "{}-journal",
            keys.file_name().unwrap().to_string_lossy()
        )),
    ] {
        if let Ok(bytes) = std::fs::read(&path) {
            out.push((path.display().to_string(), bytes));
        }
    }
    out
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn retention_destroyed_text_is_absent_from_the_file_the_wal_and_a_restored_backup() {
    let store = TestStore::new(Backend::Sqlite).await;
    let vault = store.open().await;
    add_staff(&vault, STAFF).await;
    let marker = uuid::Uuid::new_v4().simple().to_string();
    let gone_text = |n: usize| format!("Synthetische notitie {n} zk-weg-{marker}");
    let fiscal_text = format!("Synthetische factuur zk-fiscaal-{marker}");
    let kept_text = format!("Synthetische wondzorg zk-blijft-{marker}");
    let recent_text = format!("Synthetische intake zk-nieuw-{marker}");

    // `gone`: everything from 2000, the whole file is due. `partial`: a fiscal record of 2010
    // (due) beside a health record of today (kept). `recent`: nothing due.
    let gone = client_in_care(&vault).await;
    for n in 0..2 {
        vault
            .add_record(&zorg(), &gone, "gezondheid", &gone_text(n), "zorgverlening")
            .await
            .unwrap();
    }
    vault
        .add_record(&zorg(), &gone, "rapportage", &gone_text(2), "zorgverlening")
        .await
        .unwrap();
    backdate(&store, &gone, "2000-03-01").await;
    let partial = client_in_care(&vault).await;
    vault
        .add_record(
            &admin(),
            &partial,
            "financieel",
            &fiscal_text,
            "administratie",
        )
        .await
        .unwrap();
    backdate(&store, &partial, "2010-03-01").await;
    vault
        .add_record(&zorg(), &partial, "gezondheid", &kept_text, "zorgverlening")
        .await
        .unwrap();
    let recent = client_in_care(&vault).await;
    vault
        .add_record(
            &zorg(),
            &recent,
            "gezondheid",
            &recent_text,
            "zorgverlening",
        )
        .await
        .unwrap();

    // What will be destroyed, as it is on disk now: sealed bytes and the wrapped keys.
    let mut destroyed_sealed = sealed_of(&store, &gone, None).await;
    destroyed_sealed.extend(sealed_of(&store, &partial, Some("financieel")).await);
    assert_eq!(destroyed_sealed.len(), 4);
    let kept_sealed = sealed_of(&store, &partial, Some("gezondheid")).await;
    let (gone_key, gone_category_keys) = wrapped_keys(&store, &gone).await;
    let (partial_key, partial_category_keys) = wrapped_keys(&store, &partial).await;
    let mut destroyed_keys: Vec<Vec<u8>> = vec![gone_key.expect("the file's key")];
    destroyed_keys.extend(gone_category_keys.values().cloned());
    assert_eq!(gone_category_keys.len(), 2, "{gone_category_keys:?}");
    destroyed_keys.push(partial_category_keys["financieel"].clone());
    let kept_keys = vec![
        partial_key.expect("the kept file's key"),
        partial_category_keys["gezondheid"].clone(),
    ];

    // The backup from before the run: it holds the sealed bytes of what the run destroys.
    vault.checkpoint_now().await.unwrap();
    let backup = store.dir.path().join("before-retention.db");
    vault.backup(&backup).await.unwrap();
    let backup_bytes = std::fs::read(&backup).unwrap();
    for (id, sealed) in &destroyed_sealed {
        assert!(
            has(&backup_bytes, sealed),
            "record {id} is not in the backup"
        );
    }

    let run = vault
        .retention_run(&Actor::system("test"), today(), RunOptions::default())
        .await
        .unwrap();
    let cert = run.certificate.unwrap();
    assert_eq!(cert.whole_files, 1, "{cert:?}");
    assert_eq!(cert.records, 4, "{cert:?}");

    // The live files, with the vault still open (what is on disk after the run's last write)
    // and again after it is closed.
    let mut still_open = Some(vault);
    for moment in ["open", "closed"] {
        if moment == "closed"
            && let Some(vault) = still_open.take()
        {
            vault.close().await;
        }
        for (path, bytes) in live_files(&store) {
            // Plain text: never there, destroyed or kept (sealed) - a check of the sealing.
            for text in [
                gone_text(0),
                gone_text(2),
                fiscal_text.clone(),
                kept_text.clone(),
            ] {
                assert!(!has(&bytes, text.as_bytes()), "{moment}: {text} in {path}");
            }
            // The sealed bytes of destroyed records: zeroed, not only unlinked.
            for (id, sealed) in &destroyed_sealed {
                assert!(
                    !has(&bytes, sealed),
                    "{moment}: sealed record {id} still in {path}"
                );
            }
        }
    }
    // The kept record's sealed bytes are still found in the live files (the search works).
    let live: Vec<u8> = live_files(&store)
        .into_iter()
        .flat_map(|(_, b)| b)
        .collect();
    for (id, sealed) in &kept_sealed {
        assert!(has(&live, sealed), "kept record {id} not found");
    }
    // No file of the installation (database, WAL, key store, master key, checkpoint log, the
    // older backup) holds a wrapped key that opened a destroyed record; the kept keys are found.
    let everything = zorgkluis_testkit::all_bytes(store.dir.path());
    for (n, key) in destroyed_keys.iter().enumerate() {
        assert!(!has(&everything, key), "destroyed key {n} is still on disk");
    }
    for key in &kept_keys {
        assert!(has(&everything, key), "a kept key is not found on disk");
    }

    // The older backup, opened elsewhere with every key file the installation still holds and
    // no erasure list: the destroyed records have no key, the kept ones open.
    let intruder = tempfile::tempdir().unwrap();
    std::fs::copy(&backup, intruder.path().join("zorgkluis.db")).unwrap();
    std::fs::copy(
        store.location.key_file(),
        intruder.path().join("master.key"),
    )
    .unwrap();
    std::fs::copy(
        store.location.key_store_file(),
        intruder.path().join("person-keys.db"),
    )
    .unwrap();
    let opened =
        zorgkluis_testkit::open_at(&zorgkluis_store::Location::embedded(intruder.path())).await;
    assert_undecryptable(
        &opened,
        &gone,
        &partial,
        &recent,
        &kept_text,
        &recent_text,
        "backup",
    )
    .await;
    opened.close().await;

    // Restored, the backup loses what the run destroyed again.
    zorgkluis_store::vault::restore(&store.location, Some(&backup))
        .await
        .unwrap();
    let vault = store.open().await;
    let gone_now = vault.dossier(&zorg(), &gone, "zorgverlening").await;
    assert!(
        matches!(gone_now, Err(VaultError::Erased(_))),
        "{gone_now:?}"
    );
    let fiscal = vault
        .read_category(&admin(), &partial, "financieel", "administratie", None)
        .await
        .unwrap();
    assert!(fiscal.is_empty(), "{fiscal:?}");
    let kept = vault
        .read_category(&zorg(), &partial, "gezondheid", "zorgverlening", None)
        .await
        .unwrap();
    assert_eq!(kept.len(), 1);
    assert_eq!(kept[0].text, kept_text);
    let fresh = vault
        .read_category(&zorg(), &recent, "gezondheid", "zorgverlening", None)
        .await
        .unwrap();
    assert_eq!(fresh[0].text, recent_text);
    let fg = actor("fg-1", "fg");
    for p in [&gone, &partial] {
        let log = vault.audit_for_person(&fg, p).await.unwrap();
        assert!(
            log.iter().any(|e| e.action == AuditAction::EraseReapplied),
            "the re-applied erasure of {p} is logged"
        );
    }
    for (path, bytes) in live_files(&store) {
        for (id, sealed) in &destroyed_sealed {
            assert!(
                !has(&bytes, sealed),
                "restored: sealed record {id} in {path}"
            );
        }
    }
    let report = vault.verify_audit().await.unwrap();
    assert!(report.ok(), "{:?}", report.findings);
    vault.close().await;
}

/// A copy of an older backup with the installation's key files: what it opens.
async fn assert_undecryptable(
    vault: &Vault,
    gone: &str,
    partial: &str,
    recent: &str,
    kept_text: &str,
    recent_text: &str,
    what: &str,
) {
    for category in ["gezondheid", "rapportage"] {
        let read = vault
            .read_category(&zorg(), gone, category, "zorgverlening", None)
            .await;
        assert!(read.is_err(), "{what}: the destroyed file opens: {read:?}");
    }
    let fiscal = vault
        .read_category(&admin(), partial, "financieel", "administratie", None)
        .await;
    assert!(
        fiscal.is_err(),
        "{what}: the destroyed category opens: {fiscal:?}"
    );
    let kept = vault
        .read_category(&zorg(), partial, "gezondheid", "zorgverlening", None)
        .await
        .unwrap();
    assert_eq!(kept[0].text, kept_text, "{what}");
    let fresh = vault
        .read_category(&zorg(), recent, "gezondheid", "zorgverlening", None)
        .await
        .unwrap();
    assert_eq!(fresh[0].text, recent_text, "{what}");
}

/// On PostgreSQL the database is backed up with `pg_dump`, outside the installation; the keys
/// are in the key store beside it, as on SQLite. After a run the wrapped keys of the destroyed
/// file and of the emptied category are in no file of the installation (so no dump, however
/// old, can be opened for them), the kept keys are, and the destroyed rows are gone from the
/// database while the kept ones open.
#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn retention_destroyed_keys_are_absent_from_the_key_store_on_postgres() {
    let store = TestStore::new(Backend::Postgres).await;
    let vault = store.open().await;
    add_staff(&vault, STAFF).await;
    let gone = client_in_care(&vault).await;
    vault
        .add_record(
            &zorg(),
            &gone,
            "gezondheid",
            "Synthetische notitie",
            "zorgverlening",
        )
        .await
        .unwrap();
    backdate(&store, &gone, "2000-03-01").await;
    let partial = client_in_care(&vault).await;
    vault
        .add_record(
            &admin(),
            &partial,
            "financieel",
            "Synthetische factuur",
            "administratie",
        )
        .await
        .unwrap();
    backdate(&store, &partial, "2010-03-01").await;
    vault
        .add_record(
            &zorg(),
            &partial,
            "gezondheid",
            "Synthetische wondzorg",
            "zorgverlening",
        )
        .await
        .unwrap();
    let (gone_key, gone_categories) = wrapped_keys(&store, &gone).await;
    let (partial_key, partial_categories) = wrapped_keys(&store, &partial).await;
    let mut destroyed: Vec<Vec<u8>> = vec![gone_key.unwrap()];
    destroyed.extend(gone_categories.into_values());
    destroyed.push(partial_categories["financieel"].clone());
    let kept = [
        partial_key.unwrap(),
        partial_categories["gezondheid"].clone(),
    ];
    let cert = vault
        .retention_run(&Actor::system("test"), today(), RunOptions::default())
        .await
        .unwrap()
        .certificate
        .unwrap();
    assert_eq!((cert.whole_files, cert.records), (1, 2), "{cert:?}");
    vault.close().await;
    let everything = zorgkluis_testkit::all_bytes(store.dir.path());
    for (n, key) in destroyed.iter().enumerate() {
        assert!(!has(&everything, key), "destroyed key {n} is still on disk");
    }
    for key in &kept {
        assert!(has(&everything, key), "a kept key is not found on disk");
    }
    let left = sealed_of(&store, &gone, None).await;
    assert!(left.is_empty());
    assert!(
        sealed_of(&store, &partial, Some("financieel"))
            .await
            .is_empty()
    );
    let vault = store.open().await;
    let notes = vault
        .read_category(&zorg(), &partial, "gezondheid", "zorgverlening", None)
        .await
        .unwrap();
    assert_eq!(notes[0].text, "Synthetische wondzorg");
    vault.close().await;
}
