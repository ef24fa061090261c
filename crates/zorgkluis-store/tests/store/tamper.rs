//! Tampering with the audit log directly in the database, as an intruder with file or superuser
//! access would: `audit verify` catches each change and names the event.

use zorgkluis_store::Backend;
use zorgkluis_store::audit::Problem;
use zorgkluis_store::vault::VerifyMethod;

use crate::common::{Fixture, actor};

/// Twenty events for one person, then closed (which signs a final checkpoint).
async fn twenty_events(f: &Fixture) {
    let vault = f.open().await;
    let admin = actor("admin-1", "administratie");
    let person = vault
        .register_person(&admin, "client", None, "intake")
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
    assert_eq!(report.method, VerifyMethod::ParallelProof, "{}", f.name);
    vault.close().await;
}

/// Runs SQL with the append-only triggers out of the way.
async fn tamper(f: &Fixture, statements: &[&str]) {
    let mut raw = f.raw().await;
    let unlock: &[&str] = match f.location.backend() {
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
            .unwrap_or_else(|e| panic!("{}: {sql}: {e}", f.name));
    }
}

async fn first_finding(f: &Fixture) -> (i64, Problem) {
    let vault = f.open().await;
    let report = vault.verify_audit().await.unwrap();
    vault.close().await;
    let finding = report
        .findings
        .first()
        .unwrap_or_else(|| panic!("{}: tampering not detected", f.name));
    // A broken chain fails the parallel proof and is named by the walk in seq order; a chain
    // cut short is intact, and only its signed checkpoint tells, as a forged checkpoint
    // tells of itself.
    if !matches!(finding.problem, Problem::Truncated | Problem::BadCheckpoint) {
        assert_eq!(report.method, VerifyMethod::SequentialWalk, "{}", f.name);
    }
    (finding.seq, finding.problem.clone())
}

async fn case(statements: &[&str], expected: (i64, Problem)) {
    for f in Fixture::both().await {
        twenty_events(&f).await;
        tamper(&f, statements).await;
        assert_eq!(
            first_finding(&f).await,
            expected,
            "{}: {statements:?}",
            f.name
        );
        f.drop_database().await;
    }
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn a_changed_event_is_named() {
    case(
        &["UPDATE audit_events SET action = 'export' WHERE seq = 5"],
        (5, Problem::Altered),
    )
    .await;
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn a_deleted_event_is_named() {
    case(
        &["DELETE FROM audit_events WHERE seq = 7"],
        (7, Problem::Removed),
    )
    .await;
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn an_inserted_event_is_named() {
    case(
        &[
            "UPDATE audit_events SET seq = -seq WHERE seq >= 5",
            "UPDATE audit_events SET seq = 1 - seq WHERE seq < 0",
            "INSERT INTO audit_events (tenant_id, seq, at, user_id, role, on_behalf_of, person_id, action, category, \
             purpose, reason, emergency, source, outcome, articles, prev_hash, hash) \
             SELECT tenant_id, 5, at, 'intruder', role, on_behalf_of, person_id, 'export', category, purpose, reason, \
             emergency, source, outcome, articles, hash, prev_hash FROM audit_events WHERE seq = 4",
        ],
        (5, Problem::Inserted),
    )
    .await;
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn swapped_events_are_named() {
    case(
        &[
            "UPDATE audit_events SET seq = -5 WHERE seq = 5",
            "UPDATE audit_events SET seq = 5 WHERE seq = 6",
            "UPDATE audit_events SET seq = 6 WHERE seq = -5",
        ],
        (5, Problem::Reordered),
    )
    .await;
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn cutting_off_the_newest_events_is_caught_by_the_signed_checkpoint() {
    case(
        &["DELETE FROM audit_events WHERE seq > 17"],
        (18, Problem::Truncated),
    )
    .await;
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn a_forged_checkpoint_is_caught() {
    let f = Fixture::sqlite();
    twenty_events(&f).await;
    let path = f.location.checkpoint_file();
    let text = std::fs::read_to_string(&path).unwrap();
    let forged = text.replacen(" 20 ", " 25 ", 1);
    assert_ne!(forged, text);
    std::fs::write(&path, forged).unwrap();
    assert_eq!(first_finding(&f).await.1, Problem::BadCheckpoint);
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn the_database_itself_refuses_to_change_the_log() {
    for f in Fixture::both().await {
        twenty_events(&f).await;
        let mut raw = f.raw().await;
        for sql in [
            "UPDATE audit_events SET action = 'x' WHERE seq = 1",
            "DELETE FROM audit_events WHERE seq = 1",
        ] {
            let result = sqlx::query(sql).execute(&mut raw).await;
            assert!(result.is_err(), "{}: {sql} was allowed", f.name);
        }
        f.drop_database().await;
    }
}

/// SQLite stores any value in any column: the same bytes as a BLOB instead of TEXT hash the
/// same, but hide the event from queries by person (the client's access log). Named all the
/// same. (PostgreSQL's typed columns refuse the change.)
#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn text_stored_as_another_type_is_named() {
    let f = Fixture::sqlite();
    twenty_events(&f).await;
    tamper(
        &f,
        &["UPDATE audit_events SET person_id = CAST(person_id AS BLOB) WHERE seq = 5"],
    )
    .await;
    assert_eq!(first_finding(&f).await, (5, Problem::Altered));
}
