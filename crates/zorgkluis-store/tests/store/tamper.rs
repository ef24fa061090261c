//! Tampering with the audit log directly in the database, as an intruder with file or superuser
//! access would: `audit verify` catches each change and names the event.

use zorgkluis_store::audit::ChainBreak;
use zorgkluis_store::vault::{NewPerson, VerifyMethod};
use zorgkluis_testkit::{Backend, TestStore, actor};

/// Twenty events for one person, then closed (which signs a final checkpoint).
async fn twenty_events(store: &TestStore) {
    let vault = store.open().await;
    let admin = actor("admin-1", "administratie");
    let person = vault
        .register_person(
            &admin,
            &NewPerson {
                subject_category: "client".into(),
                bsn: None,
                facts: None,
            },
            "intake",
        )
        .await
        .unwrap();
    for i in 0..19 {
        vault
            .add_record(&admin, &person, "naw", &format!("adres {i}"), "beheer")
            .await
            .unwrap();
    }
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

/// Runs SQL with the append-only triggers out of the way.
async fn tamper(store: &TestStore, statements: &[&str]) {
    let mut raw = store.raw().await;
    let unlock: &[&str] = match store.backend {
        Backend::Sqlite => &[
            "DROP TRIGGER audit_events_no_update",
            "DROP TRIGGER audit_events_no_delete",
        ],
        Backend::Postgres => &["ALTER TABLE audit_events DISABLE TRIGGER USER"],
    };
    for sql in unlock.iter().chain(statements) {
        sqlx::query(sqlx::AssertSqlSafe(sql.to_string()))
            .execute(&mut raw)
            .await
            .unwrap_or_else(|e| panic!("{}: {sql}: {e}", store.name()));
    }
}

async fn first_finding(store: &TestStore) -> (i64, ChainBreak) {
    let vault = store.open().await;
    let report = vault.verify_audit().await.unwrap();
    vault.close().await;
    let finding = report
        .findings
        .first()
        .unwrap_or_else(|| panic!("{}: tampering not detected", store.name()));
    // A broken chain fails the parallel proof and is named by the walk in seq order; a chain
    // cut short is intact, and only its signed checkpoint tells, as a forged checkpoint
    // tells of itself.
    // The index of list subjects is checked beside the chain, which stays proven.
    if !matches!(
        finding.problem,
        ChainBreak::Truncated | ChainBreak::BadCheckpoint | ChainBreak::SubjectsAltered
    ) {
        assert_eq!(
            report.method,
            VerifyMethod::SequentialWalk,
            "{}",
            store.name()
        );
    }
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

zorgkluis_testkit::on_both_backends! {
    async fn a_changed_event_is_named(store) {
        case(
            &store,
            &["UPDATE audit_events SET action = 'export' WHERE seq = 5"],
            (5, ChainBreak::Altered),
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

    async fn cutting_off_the_newest_events_is_caught_by_the_signed_checkpoint(store) {
        case(
            &store,
            &["DELETE FROM audit_events WHERE seq > 17"],
            (18, ChainBreak::Truncated),
        )
        .await;
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
        let unlock: &[&str] = match store.backend {
            Backend::Sqlite => &["DROP TRIGGER audit_subjects_no_delete"],
            Backend::Postgres => &["ALTER TABLE audit_subjects DISABLE TRIGGER USER"],
        };
        let mut raw = store.raw().await;
        for sql in unlock
            .iter()
            .chain(&["DELETE FROM audit_subjects WHERE seq = 21"])
        {
            sqlx::query(sqlx::AssertSqlSafe(sql.to_string()))
                .execute(&mut raw)
                .await
                .unwrap();
        }
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
        let vault = store.open().await;
        let report = vault.verify_audit().await.unwrap();
        vault.close().await;
        assert!(
            report
                .findings
                .iter()
                .any(|f| f.problem == ChainBreak::SubjectsAltered),
            "{}: {report:?}",
            store.name()
        );
    }

    async fn a_forged_checkpoint_is_caught(store) {
        twenty_events(&store).await;
        let path = store.location.checkpoint_file();
        let text = std::fs::read_to_string(&path).unwrap();
        let forged = text.replacen(" 20 ", " 25 ", 1);
        assert_ne!(forged, text, "{}", store.name());
        std::fs::write(&path, forged).unwrap();
        assert_eq!(
            first_finding(&store).await.1,
            ChainBreak::BadCheckpoint,
            "{}",
            store.name()
        );
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
        for sql in [
            "UPDATE audit_events SET action = 'x' WHERE seq = 1",
            "DELETE FROM audit_events WHERE seq = 1",
            "UPDATE audit_subjects SET seq = 1",
            "DELETE FROM audit_subjects",
        ] {
            let result = sqlx::query(sql).execute(&mut raw).await;
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
