//! Tampering with the audit log as an intruder would: with write access to the database (and
//! the append-only guard out of the way), or with write access to the checkpoint log. Every
//! case of the security review is named by `audit verify` at the right event, never reported as
//! intact and never a crash; the writer refuses to append to a chain it did not write.

use std::path::Path;

use sqlx::Row as _;
use zorgkluis_store::StoreError;
use zorgkluis_store::audit::{AuditAction, AuditEvent, ChainBreak, ChainRule, Finding, Outcome};
use zorgkluis_store::keys::MasterKeys;
use zorgkluis_store::vault::{NewPerson, Vault, VaultError, VerifyMethod};
use zorgkluis_testkit::{Backend, TestStore, actor};

const COLUMNS: &str = "tenant_id, seq, at, user_id, role, on_behalf_of, person_id, action, category, \
     purpose, reason, emergency, source, outcome, articles, prev_hash, hash, object, subjects";

async fn add_records(vault: &Vault, person: &str, n: usize) {
    let admin = actor("admin-1", "administratie");
    for i in 0..n {
        vault
            .add_record(&admin, person, "naw", &format!("adres {i}"), "beheer")
            .await
            .unwrap();
    }
}

/// Twenty events for one person, then closed (which signs a final checkpoint).
async fn twenty_events(store: &TestStore) {
    let vault = store.open().await;
    let person = zorgkluis_testkit::register_client(&vault).await;
    add_records(&vault, &person, 19).await;
    let report = vault.verify_audit().await.unwrap();
    assert!(report.ok(), "{:?}", report.findings);
    assert_eq!(report.tenants[0].events, 20, "{}", store.name());
    assert_eq!(
        report.method,
        VerifyMethod::ParallelProof,
        "{}",
        store.name()
    );
    vault.close().await;
}

async fn run_sql(raw: &mut sqlx::AnyConnection, store: &TestStore, statements: &[&str]) {
    for sql in statements {
        sqlx::query(sqlx::AssertSqlSafe(sql.to_string()))
            .execute(&mut *raw)
            .await
            .unwrap_or_else(|e| panic!("{}: {sql}: {e}", store.name()));
    }
}

const SQLITE_GUARD: [&str; 3] = [
    "CREATE TRIGGER audit_events_no_update BEFORE UPDATE ON audit_events \
     BEGIN SELECT RAISE(ABORT, 'audit_events is append-only'); END",
    "CREATE TRIGGER audit_events_no_delete BEFORE DELETE ON audit_events \
     BEGIN SELECT RAISE(ABORT, 'audit_events is append-only'); END",
    "CREATE TRIGGER audit_events_next_seq BEFORE INSERT ON audit_events \
     WHEN NEW.seq IS NOT COALESCE((SELECT MAX(seq) FROM audit_events WHERE tenant_id = NEW.tenant_id), 0) + 1 \
     BEGIN SELECT RAISE(ABORT, 'audit_events is append-only: seq must follow the chain tip'); END",
];

async fn drop_guard(raw: &mut sqlx::AnyConnection, store: &TestStore) {
    let unlock: &[&str] = match store.backend {
        Backend::Sqlite => &[
            "DROP TRIGGER audit_events_no_update",
            "DROP TRIGGER audit_events_no_delete",
            "DROP TRIGGER audit_events_next_seq",
        ],
        Backend::Postgres => &["ALTER TABLE audit_events DISABLE TRIGGER USER"],
    };
    run_sql(raw, store, unlock).await;
}

/// Puts the guard back, as an intruder covering their tracks would.
async fn restore_guard(raw: &mut sqlx::AnyConnection, store: &TestStore) {
    match store.backend {
        Backend::Sqlite => run_sql(raw, store, &SQLITE_GUARD).await,
        Backend::Postgres => {
            run_sql(
                raw,
                store,
                &["ALTER TABLE audit_events ENABLE TRIGGER USER"],
            )
            .await;
        }
    }
}

/// Runs SQL with the append-only guard out of the way, and puts it back.
async fn tamper(store: &TestStore, statements: &[&str]) {
    let mut raw = store.raw().await;
    drop_guard(&mut raw, store).await;
    run_sql(&mut raw, store, statements).await;
    restore_guard(&mut raw, store).await;
}

async fn events(raw: &mut sqlx::AnyConnection) -> Vec<AuditEvent> {
    let rows = sqlx::query(sqlx::AssertSqlSafe(format!(
        "SELECT {COLUMNS} FROM audit_events ORDER BY seq"
    )))
    .fetch_all(&mut *raw)
    .await
    .unwrap();
    rows.iter()
        .map(|r| AuditEvent {
            tenant_id: r.get(0),
            seq: r.get(1),
            at: r.get(2),
            user_id: r.get(3),
            role: r.get(4),
            on_behalf_of: r.get(5),
            person_id: r.get(6),
            action: AuditAction::from_id(&r.get::<String, _>(7)).unwrap(),
            category: r.get(8),
            purpose: r.get(9),
            reason: r.get(10),
            emergency: r.get::<i32, _>(11) != 0,
            source: r.get(12),
            outcome: Outcome::from_id(&r.get::<String, _>(13)).unwrap(),
            articles: r.get(14),
            prev_hash: r.get(15),
            hash: r.get(16),
            object: r.get(17),
            subjects: r
                .get::<Option<String>, _>(18)
                .map(|s| s.split(' ').map(str::to_owned).collect())
                .unwrap_or_default(),
        })
        .collect()
}

/// What an intruder without the key computes: plain SHA-256, as the chain was before it had
/// one (a rule keyed from nowhere, whatever its key).
fn without_key() -> ChainRule {
    ChainRule {
        key: MasterKeys::generate()
            .unwrap()
            .audit_keys()
            .unwrap()
            .chain_key("bg-wonen")
            .unwrap(),
        keyed_from: i64::MAX,
    }
}

/// Rewrites the chain from event `from` on with hashes computed without the key, after
/// `change` has done its work on the events: the best an intruder with the database can do.
async fn rehash_from(store: &TestStore, from: i64, change: impl Fn(&mut AuditEvent)) {
    let mut raw = store.raw().await;
    drop_guard(&mut raw, store).await;
    let mut all = events(&mut raw).await;
    let rule = without_key();
    let mut prev = all
        .iter()
        .find(|e| e.seq == from - 1)
        .map_or(vec![0; 32], |e| e.hash.clone());
    for e in all.iter_mut().filter(|e| e.seq >= from) {
        change(e);
        e.prev_hash = prev.clone();
        e.hash = e.hash_under(&rule, &prev, e.seq).to_vec();
        prev = e.hash.clone();
        sqlx::query(
            "UPDATE audit_events SET action = $1, user_id = $2, prev_hash = $3, hash = $4 \
             WHERE tenant_id = $5 AND seq = $6",
        )
        .bind(e.action.id())
        .bind(&e.user_id)
        .bind(&e.prev_hash)
        .bind(&e.hash)
        .bind(&e.tenant_id)
        .bind(e.seq)
        .execute(&mut raw)
        .await
        .unwrap();
    }
    restore_guard(&mut raw, store).await;
}

/// Appends an event after the tip whose hash is computed as an intruder can: without the key.
async fn append_forged(store: &TestStore, raw: &mut sqlx::AnyConnection, good_hash: bool) {
    let all = events(raw).await;
    let tip = all.last().unwrap();
    let mut forged = tip.clone();
    forged.seq = tip.seq + 1;
    forged.user_id = "zorg-2".into();
    forged.action = AuditAction::Export;
    forged.prev_hash = tip.hash.clone();
    forged.hash = if good_hash {
        forged
            .hash_under(&without_key(), &tip.hash, forged.seq)
            .to_vec()
    } else {
        vec![7; 32]
    };
    sqlx::query(sqlx::AssertSqlSafe(format!(
        "INSERT INTO audit_events ({COLUMNS}) SELECT tenant_id, $1, at, $2, role, on_behalf_of, person_id, $3, \
         category, purpose, reason, emergency, source, outcome, articles, $4, $5, object, subjects \
         FROM audit_events WHERE seq = $6"
    )))
    .bind(forged.seq)
    .bind(&forged.user_id)
    .bind(forged.action.id())
    .bind(&forged.prev_hash)
    .bind(&forged.hash)
    .bind(tip.seq)
    .execute(&mut *raw)
    .await
    .unwrap_or_else(|e| panic!("{}: append: {e}", store.name()));
}

async fn report(store: &TestStore) -> Vec<Finding> {
    let vault = store.open().await;
    let report = vault.verify_audit().await.unwrap();
    vault.close().await;
    report.findings
}

async fn first_finding(store: &TestStore) -> (i64, ChainBreak) {
    let findings = report(store).await;
    let finding = findings
        .first()
        .unwrap_or_else(|| panic!("{}: tampering not detected", store.name()));
    (finding.seq, finding.problem.clone())
}

async fn case(store: &TestStore, statements: &[&str], expected: (i64, ChainBreak)) {
    twenty_events(store).await;
    tamper(store, statements).await;
    assert_eq!(
        first_finding(store).await,
        expected,
        "{}: {statements:?}",
        store.name()
    );
}

fn is_refusal(e: &VaultError) -> bool {
    matches!(e, VaultError::Store(StoreError::ChainRefused(_)))
}

/// Waits until the writer has anchored what it wrote (at most a second after it was written).
async fn anchored(vault: &Vault, path: &Path, lines_before: usize) {
    for _ in 0..40 {
        let lines = std::fs::read_to_string(path).map_or(0, |t| t.lines().count());
        if lines > lines_before && vault.audit_problem().is_none() {
            return;
        }
        tokio::time::sleep(std::time::Duration::from_millis(100)).await;
    }
    panic!("no checkpoint within 4 s: {:?}", vault.audit_problem());
}

fn lines(path: &Path) -> usize {
    std::fs::read_to_string(path).map_or(0, |t| t.lines().count())
}

zorgkluis_testkit::on_both_backends! {
    async fn a_changed_event_is_named(store) {
        case(
            &store,
            &["UPDATE audit_events SET action = 'export' WHERE seq = 5"],
            (5, ChainBreak::Altered),
        )
        .await;
    }

    async fn a_changed_user_is_named(store) {
        case(
            &store,
            &["UPDATE audit_events SET user_id = 'zorg-9' WHERE seq = 8"],
            (8, ChainBreak::Altered),
        )
        .await;
    }

    async fn a_flipped_emergency_is_named(store) {
        case(
            &store,
            &["UPDATE audit_events SET emergency = 1 - emergency WHERE seq = 5"],
            (5, ChainBreak::Altered),
        )
        .await;
    }

    async fn the_newest_outcome_changed_is_named(store) {
        case(
            &store,
            &["UPDATE audit_events SET outcome = 'denied' WHERE seq = 20"],
            (20, ChainBreak::Altered),
        )
        .await;
    }

    async fn a_deleted_event_is_named(store) {
        case(
            &store,
            &["DELETE FROM audit_events WHERE seq = 7"],
            (7, ChainBreak::Removed),
        )
        .await;
    }

    /// The review's L11: delete and renumber was named elsewhere.
    async fn a_deleted_and_renumbered_event_is_named_removed(store) {
        case(
            &store,
            &[
                "DELETE FROM audit_events WHERE seq = 10",
                "UPDATE audit_events SET seq = -(seq - 1) WHERE seq > 10",
                "UPDATE audit_events SET seq = -seq WHERE seq < 0",
            ],
            (10, ChainBreak::Removed),
        )
        .await;
    }

    /// Delete, renumber and rehash (the review reported "event 22 cut off"): without the key
    /// the new hashes are recognisably forged from the first one on.
    async fn delete_renumber_and_rehash_is_named_forged(store) {
        twenty_events(&store).await;
        tamper(
            &store,
            &[
                "DELETE FROM audit_events WHERE seq = 10",
                "UPDATE audit_events SET seq = -(seq - 1) WHERE seq > 10",
                "UPDATE audit_events SET seq = -seq WHERE seq < 0",
            ],
        )
        .await;
        rehash_from(&store, 10, |_| {}).await;
        assert_eq!(first_finding(&store).await, (10, ChainBreak::Forged), "{}", store.name());
    }

    /// A rewrite from event 5 (the review: "event 22 was altered") is named at 5.
    async fn a_rewrite_from_an_event_is_named_there(store) {
        twenty_events(&store).await;
        rehash_from(&store, 5, |e| {
            if e.seq == 5 {
                e.action = AuditAction::Export;
            }
        })
        .await;
        assert_eq!(first_finding(&store).await, (5, ChainBreak::Forged), "{}", store.name());
    }

    async fn an_inserted_event_is_named(store) {
        case(
            &store,
            &[
                "UPDATE audit_events SET seq = -seq WHERE seq >= 5",
                "UPDATE audit_events SET seq = 1 - seq WHERE seq < 0",
                "INSERT INTO audit_events (tenant_id, seq, at, user_id, role, on_behalf_of, person_id, action, category, \
                 purpose, reason, emergency, source, outcome, articles, prev_hash, hash) \
                 SELECT tenant_id, 5, at, 'intruder', role, on_behalf_of, person_id, 'export', category, purpose, reason, \
                 emergency, source, outcome, articles, hash, prev_hash FROM audit_events WHERE seq = 4",
            ],
            (5, ChainBreak::Inserted),
        )
        .await;
    }

    /// An insertion with a hash that links (the review: "event 11 moved out of order"):
    /// computed without the key, it is named forged at its own place.
    async fn an_inserted_event_with_a_linking_hash_is_named_forged(store) {
        twenty_events(&store).await;
        tamper(
            &store,
            &[
                "UPDATE audit_events SET seq = -seq WHERE seq >= 10",
                "UPDATE audit_events SET seq = 1 - seq WHERE seq < 0",
                "INSERT INTO audit_events (tenant_id, seq, at, user_id, role, on_behalf_of, person_id, action, category, \
                 purpose, reason, emergency, source, outcome, articles, prev_hash, hash) \
                 SELECT tenant_id, 10, at, 'zorg-2', role, on_behalf_of, person_id, 'export', category, purpose, reason, \
                 emergency, source, outcome, articles, hash, hash FROM audit_events WHERE seq = 9",
            ],
        )
        .await;
        rehash_from(&store, 10, |_| {}).await;
        assert_eq!(first_finding(&store).await, (10, ChainBreak::Forged), "{}", store.name());
    }

    async fn swapped_events_are_named(store) {
        case(
            &store,
            &[
                "UPDATE audit_events SET seq = -5 WHERE seq = 5",
                "UPDATE audit_events SET seq = 5 WHERE seq = 6",
                "UPDATE audit_events SET seq = 6 WHERE seq = -5",
            ],
            (5, ChainBreak::Reordered),
        )
        .await;
    }

    /// The review's C1: an event appended at the tip with a self-computed hash passed, and the
    /// server signed it into a checkpoint. Now it is named, and the writer will not build on it.
    async fn a_forged_event_at_the_tip_is_named_and_refused(store) {
        twenty_events(&store).await;
        let mut raw = store.raw().await;
        append_forged(&store, &mut raw, true).await;
        drop(raw);
        let vault = store.open().await;
        let refused = vault
            .register_person(
                &actor("admin-1", "administratie"),
                &NewPerson {
                    subject_category: "client".into(),
                    bsn: None,
                    facts: None,
                },
                "intake",
            )
            .await;
        assert!(
            refused.as_ref().is_err_and(is_refusal),
            "{}: {refused:?}",
            store.name()
        );
        assert!(vault.audit_problem().is_some(), "{}", store.name());
        let report = vault.verify_audit().await.unwrap();
        vault.close().await;
        assert_eq!(
            (report.findings[0].seq, report.findings[0].problem.clone()),
            (21, ChainBreak::Forged),
            "{}",
            store.name()
        );
        let text = std::fs::read_to_string(store.location.checkpoint_file()).unwrap();
        assert!(
            !text.lines().any(|l| l.contains(" anchor bg-wonen 21 ")),
            "{}: the forged event was signed into a checkpoint",
            store.name()
        );
    }

    async fn an_event_appended_with_a_wrong_hash_is_named(store) {
        twenty_events(&store).await;
        let mut raw = store.raw().await;
        append_forged(&store, &mut raw, false).await;
        drop(raw);
        assert_eq!(first_finding(&store).await, (21, ChainBreak::Altered), "{}", store.name());
    }

    /// A forged event appended while the server runs: the next write is refused, not chained.
    async fn the_running_writer_refuses_a_tip_it_did_not_write(store) {
        twenty_events(&store).await;
        let vault = store.open().await;
        let person = zorgkluis_testkit::register_client(&vault).await;
        let mut raw = store.raw().await;
        append_forged(&store, &mut raw, true).await;
        let refused = vault
            .add_record(&actor("admin-1", "administratie"), &person, "naw", "x", "beheer")
            .await;
        assert!(
            refused.as_ref().is_err_and(is_refusal),
            "{}: {refused:?}",
            store.name()
        );
        // Still refused on the next try: the refusal stands until the chain is put right.
        let again = vault
            .add_record(&actor("admin-1", "administratie"), &person, "naw", "y", "beheer")
            .await;
        assert!(again.as_ref().is_err_and(is_refusal), "{}: {again:?}", store.name());
        vault.close().await;
    }

    async fn cutting_off_the_newest_events_is_caught_by_the_signed_checkpoint(store) {
        case(
            &store,
            &["DELETE FROM audit_events WHERE seq > 17"],
            (18, ChainBreak::Truncated),
        )
        .await;
    }

    async fn emptying_the_chain_is_caught(store) {
        case(
            &store,
            &["DELETE FROM audit_events"],
            (1, ChainBreak::Truncated),
        )
        .await;
    }

    /// The review's C2: the newest events stayed unanchored until the next write. Now they are
    /// anchored within a second, and cutting them off while the server runs is caught.
    async fn the_newest_events_are_anchored_within_a_second(store) {
        twenty_events(&store).await;
        let vault = store.open().await;
        let person = zorgkluis_testkit::register_client(&vault).await;
        let log = store.location.checkpoint_file();
        let before = lines(&log);
        add_records(&vault, &person, 2).await;
        anchored(&vault, &log, before).await;
        tamper(&store, &["DELETE FROM audit_events WHERE seq > 21"]).await;
        let report = vault.verify_audit().await.unwrap();
        vault.close().await;
        assert_eq!(
            (report.findings[0].seq, report.findings[0].problem.clone()),
            (22, ChainBreak::Truncated),
            "{}",
            store.name()
        );
    }

    /// Dropping the table and recreating it with a chain of the intruder's own.
    async fn a_dropped_and_recreated_table_is_caught(store) {
        twenty_events(&store).await;
        let mut raw = store.raw().await;
        let copy = match store.backend {
            Backend::Sqlite => "CREATE TABLE kept AS SELECT * FROM audit_events WHERE seq <= 12",
            Backend::Postgres => "CREATE TABLE kept AS SELECT * FROM audit_events WHERE seq <= 12",
        };
        run_sql(&mut raw, &store, &[copy, "DROP TABLE audit_events"]).await;
        run_sql(
            &mut raw,
            &store,
            &[
                "CREATE TABLE audit_events AS SELECT * FROM kept",
                "DROP TABLE kept",
            ],
        )
        .await;
        drop(raw);
        let findings = report(&store).await;
        assert!(
            findings.iter().any(|f| f.problem == ChainBreak::Truncated && f.seq == 13),
            "{}: {findings:?}",
            store.name()
        );
        assert!(
            findings.iter().any(|f| f.problem == ChainBreak::GuardRemoved),
            "{}: the guard went with the table: {findings:?}",
            store.name()
        );
    }

    async fn a_removed_guard_is_named(store) {
        twenty_events(&store).await;
        let mut raw = store.raw().await;
        drop_guard(&mut raw, &store).await;
        drop(raw);
        assert_eq!(first_finding(&store).await, (0, ChainBreak::GuardRemoved), "{}", store.name());
    }

    /// The subjects a list showed are covered by the hash: taking a person out of them (to
    /// hide from their access log that a list showed them) is named.
    async fn changed_list_subjects_are_named(store) {
        twenty_events(&store).await;
        let vault = store.open().await;
        let admin = actor("admin-1", "administratie");
        let listed = vault.list_persons(&admin, 0, 10).await.unwrap();
        assert_eq!(listed.len(), 1, "{}", store.name());
        vault.close().await;
        tamper(
            &store,
            &["UPDATE audit_events SET subjects = NULL WHERE seq = 21"],
        )
        .await;
        assert_eq!(
            first_finding(&store).await,
            (21, ChainBreak::Altered),
            "{}",
            store.name()
        );
    }

    /// The index by which a person's access log finds the lists that showed them is checked
    /// against the events' hashed subjects: removing a row (to hide from a person's log that a
    /// list showed them) or adding one is named.
    async fn a_changed_index_of_list_subjects_is_named(store) {
        twenty_events(&store).await;
        let vault = store.open().await;
        let admin = actor("admin-1", "administratie");
        assert_eq!(vault.list_persons(&admin, 0, 10).await.unwrap().len(), 1);
        assert!(vault.verify_audit().await.unwrap().ok(), "{}", store.name());
        vault.close().await;
        let (unlock, relock): (&[&str], &[&str]) = match store.backend {
            Backend::Sqlite => (
                &["DROP TRIGGER audit_subjects_no_delete"],
                &["CREATE TRIGGER audit_subjects_no_delete BEFORE DELETE ON audit_subjects \
                   BEGIN SELECT RAISE(ABORT, 'audit_subjects is append-only'); END"],
            ),
            Backend::Postgres => (
                &["ALTER TABLE audit_subjects DISABLE TRIGGER USER"],
                &["ALTER TABLE audit_subjects ENABLE TRIGGER USER"],
            ),
        };
        let mut raw = store.raw().await;
        run_sql(&mut raw, &store, unlock).await;
        run_sql(&mut raw, &store, &["DELETE FROM audit_subjects WHERE seq = 21"]).await;
        run_sql(&mut raw, &store, relock).await;
        drop(raw);
        assert_eq!(
            first_finding(&store).await,
            (21, ChainBreak::SubjectsAltered),
            "{}: a removed index row",
            store.name()
        );
        let mut raw = store.raw().await;
        sqlx::query(
            "INSERT INTO audit_subjects (tenant_id, person_id, seq) VALUES ('bg-wonen', 'somebody-else', 20)",
        )
        .execute(&mut raw)
        .await
        .unwrap();
        drop(raw);
        let findings = report(&store).await;
        assert!(
            findings.iter().any(|f| f.problem == ChainBreak::SubjectsAltered),
            "{}: {findings:?}",
            store.name()
        );
    }

    async fn a_forged_checkpoint_is_caught(store) {
        twenty_events(&store).await;
        let path = store.location.checkpoint_file();
        let text = std::fs::read_to_string(&path).unwrap();
        let forged = text.replacen(" bg-wonen 20 ", " bg-wonen 25 ", 1);
        assert_ne!(forged, text, "{}", store.name());
        std::fs::write(&path, forged).unwrap();
        let findings = report(&store).await;
        assert!(
            findings
                .iter()
                .any(|f| f.problem == ChainBreak::BadCheckpoint && f.line.is_some()),
            "{}: {findings:?}",
            store.name()
        );
    }

    /// The review's L7: a garbage line stopped verification. Now it is a finding naming the line.
    async fn a_garbage_checkpoint_line_is_a_finding(store) {
        twenty_events(&store).await;
        let path = store.location.checkpoint_file();
        let count = lines(&path) as u64;
        let mut text = std::fs::read_to_string(&path).unwrap();
        text.push_str("this is not a checkpoint\n2 torn");
        std::fs::write(&path, text).unwrap();
        let findings = report(&store).await;
        let lines_named: Vec<Option<u64>> = findings
            .iter()
            .filter(|f| f.problem == ChainBreak::BadCheckpoint)
            .map(|f| f.line)
            .collect();
        assert!(
            lines_named.contains(&Some(count + 1)),
            "{}: {findings:?}",
            store.name()
        );
    }

    /// The review's C3: a deleted checkpoint file let a truncation pass. The database records
    /// the newest line it saw, and the chain is no longer anchored at all.
    async fn a_deleted_checkpoint_log_is_caught(store) {
        twenty_events(&store).await;
        std::fs::remove_file(store.location.checkpoint_file()).unwrap();
        tamper(&store, &["DELETE FROM audit_events WHERE seq > 15"]).await;
        let findings = report(&store).await;
        assert!(
            findings.iter().any(|f| f.problem == ChainBreak::CheckpointsLost),
            "{}: {findings:?}",
            store.name()
        );
    }

    /// An older copy of the checkpoint log put back (to hide a truncation) lacks the line the
    /// database recorded.
    async fn a_rolled_back_checkpoint_log_is_caught(store) {
        twenty_events(&store).await;
        let path = store.location.checkpoint_file();
        let old = std::fs::read(&path).unwrap();
        let vault = store.open().await;
        let person = zorgkluis_testkit::register_client(&vault).await;
        add_records(&vault, &person, 3).await;
        vault.close().await;
        std::fs::write(&path, old).unwrap();
        tamper(&store, &["DELETE FROM audit_events WHERE seq > 21"]).await;
        let findings = report(&store).await;
        assert!(
            findings.iter().any(|f| f.problem == ChainBreak::CheckpointsLost),
            "{}: {findings:?}",
            store.name()
        );
    }

    /// With a mirror on another volume, a rolled-back log is caught even when the intruder
    /// also controls the database (and deletes what it recorded).
    async fn the_mirror_catches_a_rolled_back_log(store) {
        let mut store = store;
        let mirror = store.dir.path().join("mirror").join("checkpoints.log");
        std::fs::create_dir_all(mirror.parent().unwrap()).unwrap();
        store.location.checkpoint_mirror = Some(mirror.clone());
        twenty_events(&store).await;
        assert_eq!(
            std::fs::read(&mirror).unwrap(),
            std::fs::read(store.location.checkpoint_file()).unwrap(),
            "{}",
            store.name()
        );
        let path = store.location.checkpoint_file();
        let old = std::fs::read(&path).unwrap();
        let vault = store.open().await;
        let person = zorgkluis_testkit::register_client(&vault).await;
        add_records(&vault, &person, 3).await;
        vault.close().await;
        std::fs::write(&path, old).unwrap();
        tamper(
            &store,
            &["DELETE FROM audit_events WHERE seq > 21", "DELETE FROM audit_anchors"],
        )
        .await;
        let findings = report(&store).await;
        assert!(
            findings.iter().any(|f| f.problem == ChainBreak::MirrorDiffers),
            "{}: {findings:?}",
            store.name()
        );
    }

    /// A chain that no checkpoint anchors (the log and the database's record of it removed).
    async fn a_chain_without_checkpoints_is_named(store) {
        twenty_events(&store).await;
        std::fs::remove_file(store.location.checkpoint_file()).unwrap();
        tamper(&store, &["DELETE FROM audit_anchors"]).await;
        // Verified without opening the vault, which would anchor the chain anew.
        let findings = zorgkluis_store::vault::verify_installation(&store.location)
            .await
            .unwrap()
            .findings;
        assert_eq!(
            findings.first().map(|f| (f.seq, f.problem.clone())),
            Some((1, ChainBreak::Unanchored)),
            "{}: {findings:?}",
            store.name()
        );
    }

    /// The review's M4: a checkpoint that cannot be written was silent. Now it shows (on
    /// `/ready` through `audit_problem`), the writer retries, and it recovers.
    async fn a_failing_checkpoint_shows_and_recovers(store) {
        twenty_events(&store).await;
        let vault = store.open().await;
        let person = zorgkluis_testkit::register_client(&vault).await;
        let log = store.location.checkpoint_file();
        let aside = log.with_extension("aside");
        std::fs::rename(&log, &aside).unwrap();
        std::fs::create_dir(&log).unwrap();
        add_records(&vault, &person, 1).await;
        let mut shown = None;
        for _ in 0..40 {
            shown = vault.audit_problem();
            if shown.is_some() {
                break;
            }
            tokio::time::sleep(std::time::Duration::from_millis(100)).await;
        }
        assert!(
            shown.as_ref().is_some_and(|p| p.code() == "audit.checkpoint_failed"),
            "{}: {shown:?}",
            store.name()
        );
        std::fs::remove_dir(&log).unwrap();
        std::fs::rename(&aside, &log).unwrap();
        let before = lines(&log);
        anchored(&vault, &log, before).await;
        let report = vault.verify_audit().await.unwrap();
        vault.close().await;
        assert!(report.ok(), "{}: {:?}", store.name(), report.findings);
    }

    async fn the_database_itself_refuses_to_change_the_log(store) {
        twenty_events(&store).await;
        // A list, so that the subjects table has a row to refuse changing.
        let vault = store.open().await;
        let listed = vault
            .list_persons(&actor("admin-1", "administratie"), 0, 10)
            .await
            .unwrap();
        assert_eq!(listed.len(), 1, "{}", store.name());
        vault.close().await;
        let mut raw = store.raw().await;
        let replace = match store.backend {
            // SQLite's REPLACE deletes without firing the DELETE trigger (the review's L6).
            Backend::Sqlite => format!(
                "INSERT OR REPLACE INTO audit_events ({COLUMNS}) SELECT tenant_id, seq, at, 'x', role, on_behalf_of, \
                 person_id, action, category, purpose, reason, emergency, source, outcome, articles, prev_hash, hash, \
                 object, subjects FROM audit_events WHERE seq = 5"
            ),
            Backend::Postgres => format!(
                "INSERT INTO audit_events ({COLUMNS}) SELECT tenant_id, seq, at, 'x', role, on_behalf_of, \
                 person_id, action, category, purpose, reason, emergency, source, outcome, articles, prev_hash, hash, \
                 object, subjects FROM audit_events WHERE seq = 5 ON CONFLICT (tenant_id, seq) DO UPDATE SET user_id = 'x'"
            ),
        };
        let between = format!(
            "INSERT INTO audit_events ({COLUMNS}) SELECT tenant_id, 1000, at, user_id, role, on_behalf_of, \
             person_id, action, category, purpose, reason, emergency, source, outcome, articles, prev_hash, hash, \
             object, subjects FROM audit_events WHERE seq = 5"
        );
        // Two events in one statement, the first where the next belongs and the second one
        // further (the PostgreSQL guard checks each statement's rows together).
        let gap = format!(
            "INSERT INTO audit_events ({COLUMNS}) SELECT tenant_id, (SELECT MAX(seq) FROM audit_events) + seq, at, \
             user_id, role, on_behalf_of, person_id, action, category, purpose, reason, emergency, source, outcome, \
             articles, prev_hash, hash, object, subjects FROM audit_events WHERE seq IN (1, 3)"
        );
        for sql in [
            "UPDATE audit_events SET action = 'x' WHERE seq = 1".to_owned(),
            "DELETE FROM audit_events WHERE seq = 1".to_owned(),
            "UPDATE audit_subjects SET seq = 1".to_owned(),
            "DELETE FROM audit_subjects".to_owned(),
            replace,
            between,
            gap,
        ] {
            let result = sqlx::query(sqlx::AssertSqlSafe(sql.clone())).execute(&mut raw).await;
            assert!(result.is_err(), "{}: {sql} was allowed", store.name());
        }
    }
}

/// SQLite stores any value in any column: the same bytes as a BLOB instead of TEXT hash the
/// same, but hide the event from queries by person (the client's access log). Named all the
/// same. (PostgreSQL's typed columns refuse the change.)
#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn sqlite_text_stored_as_another_type_is_named() {
    let store = TestStore::new(Backend::Sqlite).await;
    twenty_events(&store).await;
    tamper(
        &store,
        &["UPDATE audit_events SET person_id = CAST(person_id AS BLOB) WHERE seq = 5"],
    )
    .await;
    assert_eq!(first_finding(&store).await, (5, ChainBreak::Altered));
}

/// With the guard dropped, `INSERT OR REPLACE` changes an event in place: still named.
#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn sqlite_insert_or_replace_without_the_guard_is_named() {
    let store = TestStore::new(Backend::Sqlite).await;
    twenty_events(&store).await;
    let replace = format!(
        "INSERT OR REPLACE INTO audit_events ({COLUMNS}) SELECT tenant_id, seq, at, 'zorg-9', role, on_behalf_of, \
         person_id, action, category, purpose, reason, emergency, source, outcome, articles, prev_hash, hash, \
         object, subjects FROM audit_events WHERE seq = 5"
    );
    tamper(&store, &[&replace]).await;
    assert_eq!(first_finding(&store).await, (5, ChainBreak::Altered));
}
