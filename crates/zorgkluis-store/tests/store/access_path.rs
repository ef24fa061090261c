//! The one access path on both backends: decided, logged, then decrypted; erasure, backup and
//! restore, key rotation.

use jiff::civil::date;
use zorgkluis_store::vault::{Vault, VaultError};

use crate::common::{Fixture, actor, all_bytes, contains};

const BSN: &str = "111222333";
const HEALTH_NOTE: &str = "Synthetische notitie: bloeddruk 135/85, medicatie ongewijzigd";

/// A person with a BSN and a health record, and a caregiver in their care team.
async fn seeded(vault: &Vault) -> (String, String) {
    let admin = actor("admin-1", "administratie");
    let person = vault
        .register_person(&admin, "client", Some(BSN), "intake")
        .await
        .unwrap();
    vault
        .assign_care(&admin, "zorg-1", &person, date(2020, 1, 1), None)
        .await
        .unwrap();
    let care = actor("zorg-1", "zorgverlener");
    let record = vault
        .add_record(&care, &person, "gezondheid", HEALTH_NOTE, "zorgverlening")
        .await
        .unwrap();
    (person, record)
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn caregiver_in_team_reads_others_are_denied_and_every_attempt_is_logged() {
    for f in Fixture::both().await {
        let vault = f.open().await;
        let (person, _) = seeded(&vault).await;

        let care = actor("zorg-1", "zorgverlener");
        let records = vault
            .read_category(&care, &person, "gezondheid", "zorgverlening", None)
            .await
            .unwrap();
        assert_eq!(records.len(), 1, "{}", f.name);
        assert_eq!(records[0].text, HEALTH_NOTE);

        let stranger = actor("zorg-2", "zorgverlener");
        let denied = vault
            .read_category(&stranger, &person, "gezondheid", "zorgverlening", None)
            .await;
        assert!(
            matches!(denied, Err(VaultError::Denied(_))),
            "{}: {denied:?}",
            f.name
        );

        let admin = actor("admin-1", "administratie");
        let denied = vault
            .read_category(&admin, &person, "gezondheid", "beheer", None)
            .await;
        assert!(
            matches!(denied, Err(VaultError::Denied(ref d)) if !d.allowed),
            "{}",
            f.name
        );

        let log = vault
            .audit_for_person(&actor("fg-1", "fg"), &person)
            .await
            .unwrap();
        let summary: Vec<(String, String, String)> = log
            .iter()
            .map(|e| (e.user_id.clone(), e.action.clone(), e.outcome.clone()))
            .collect();
        for expected in [
            ("admin-1", "register", "allowed"),
            ("zorg-1", "write", "allowed"),
            ("zorg-1", "read", "allowed"),
            ("zorg-2", "read", "denied"),
            ("admin-1", "read", "denied"),
        ] {
            let e = (
                expected.0.to_owned(),
                expected.1.to_owned(),
                expected.2.to_owned(),
            );
            assert!(
                summary.contains(&e),
                "{}: {expected:?} not in {summary:?}",
                f.name
            );
        }
        let read = log
            .iter()
            .find(|e| e.user_id == "zorg-1" && e.action == "read")
            .unwrap();
        assert_eq!(read.articles, "2.2");
        assert_eq!(read.category.as_deref(), Some("gezondheid"));
        assert!(vault.verify_audit().await.unwrap().ok(), "{}", f.name);
        vault.close().await;
        f.drop_database().await;
    }
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn emergency_access_needs_a_reason_and_is_flagged() {
    for f in Fixture::both().await {
        let vault = f.open().await;
        let (person, _) = seeded(&vault).await;
        let other = actor("zorg-9", "zorgverlener");
        let no_reason = vault
            .read_category(&other, &person, "gezondheid", "spoed", Some("  "))
            .await;
        assert!(
            matches!(no_reason, Err(VaultError::Denied(_))),
            "{}",
            f.name
        );
        let read = vault
            .read_category(
                &other,
                &person,
                "gezondheid",
                "spoed",
                Some("Cliënt onwel in de nacht, huisarts onbereikbaar"),
            )
            .await
            .unwrap();
        assert_eq!(read.len(), 1);
        let log = vault
            .audit_for_person(&actor("fg-1", "fg"), &person)
            .await
            .unwrap();
        let emergency: Vec<_> = log.iter().filter(|e| e.emergency).collect();
        assert_eq!(emergency.len(), 1, "{}", f.name);
        assert!(emergency[0].reason.is_some(), "the reason is kept, sealed");
        assert!(
            emergency[0].articles.contains("8.3"),
            "{}",
            emergency[0].articles
        );
        // Administration cannot break the glass into health data.
        let admin = actor("admin-1", "administratie");
        let denied = vault
            .read_category(&admin, &person, "gezondheid", "spoed", Some("reden"))
            .await;
        assert!(matches!(denied, Err(VaultError::Denied(_))), "{}", f.name);
        vault.close().await;
        f.drop_database().await;
    }
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn correction_keeps_history_and_supplement_adds_a_statement() {
    for f in Fixture::both().await {
        let vault = f.open().await;
        let (person, record) = seeded(&vault).await;
        let care = actor("zorg-1", "zorgverlener");
        let corrected = vault
            .correct_record(
                &care,
                &record,
                "Synthetische notitie: bloeddruk 125/80",
                "correctie",
            )
            .await
            .unwrap();
        let records = vault
            .read_category(&care, &person, "gezondheid", "zorgverlening", None)
            .await
            .unwrap();
        assert_eq!(records.len(), 2, "{}", f.name);
        let new = records.iter().find(|r| r.id == corrected).unwrap();
        assert_eq!(new.kind, "correction");
        assert_eq!(new.supersedes.as_deref(), Some(record.as_str()));
        assert!(
            records.iter().any(|r| r.text == HEALTH_NOTE),
            "old value kept"
        );
        let missing = vault
            .correct_record(&care, "no-such-record", "x", "correctie")
            .await;
        assert!(
            matches!(missing, Err(VaultError::NotFound(_))),
            "{}",
            f.name
        );
        vault.close().await;
        f.drop_database().await;
    }
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn bad_input_is_named_and_changes_nothing() {
    for f in Fixture::both().await {
        let vault = f.open().await;
        let admin = actor("admin-1", "administratie");
        let bad_bsn = vault
            .register_person(&admin, "client", Some("123456789"), "intake")
            .await;
        assert!(
            matches!(bad_bsn, Err(VaultError::Invalid { field: "bsn", .. })),
            "{}",
            f.name
        );
        let bad_subject = vault.register_person(&admin, "klant", None, "intake").await;
        assert!(matches!(
            bad_subject,
            Err(VaultError::Invalid {
                field: "subject_category",
                ..
            })
        ));
        let report = vault.verify_audit().await.unwrap();
        assert_eq!(
            report.tenants.iter().map(|t| t.events).sum::<u64>(),
            0,
            "nothing was written"
        );
        vault.close().await;
        f.drop_database().await;
    }
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn bsn_lookup_uses_a_keyed_hash_and_no_plaintext_is_stored() {
    for f in Fixture::both().await {
        let vault = f.open().await;
        let (person, _) = seeded(&vault).await;
        let admin = actor("admin-1", "administratie");
        assert_eq!(
            vault
                .find_by_bsn(&admin, BSN, "intake")
                .await
                .unwrap()
                .as_deref(),
            Some(person.as_str())
        );
        assert_eq!(
            vault
                .find_by_bsn(&admin, "123456782", "intake")
                .await
                .unwrap(),
            None
        );
        if f.name == "sqlite" {
            let bytes = all_bytes(f.dir.path());
            assert!(!contains(&bytes, BSN), "BSN in plaintext on disk");
            assert!(
                !contains(&bytes, "bloeddruk"),
                "record text in plaintext on disk"
            );
        }
        vault.close().await;
        f.drop_database().await;
    }
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn erasure_destroys_the_key_and_the_chain_still_verifies() {
    for f in Fixture::both().await {
        let vault = f.open().await;
        let (person, _) = seeded(&vault).await;
        let care = actor("zorg-1", "zorgverlener");
        let denied = vault.erase_person(&care, &person, "verzoek").await;
        assert!(
            matches!(denied, Err(VaultError::Denied(_))),
            "a caregiver may not erase"
        );
        vault
            .erase_person(&actor("dir-1", "directie"), &person, "verzoek 3.8")
            .await
            .unwrap();
        let after = vault
            .read_category(&care, &person, "gezondheid", "zorgverlening", None)
            .await;
        assert!(
            matches!(after, Err(VaultError::Erased(_))),
            "{}: {after:?}",
            f.name
        );
        let admin = actor("admin-1", "administratie");
        assert_eq!(
            vault.find_by_bsn(&admin, BSN, "intake").await.unwrap(),
            None
        );
        let report = vault.verify_audit().await.unwrap();
        assert!(report.ok(), "{}: {:?}", f.name, report.findings);
        vault.close().await;
        f.drop_database().await;
    }
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn a_restored_backup_cannot_bring_an_erased_person_back() {
    let f = Fixture::sqlite();
    let vault = f.open().await;
    let (person, _) = seeded(&vault).await;
    let backup = f.dir.path().join("backup-before-erasure.db");
    vault.backup(&backup).await.unwrap();
    vault
        .erase_person(&actor("dir-1", "directie"), &person, "verzoek")
        .await
        .unwrap();
    vault.close().await;

    // No plaintext in the database, its WAL, or the backup made before the erasure.
    let bytes = all_bytes(f.dir.path());
    assert!(!contains(&bytes, "bloeddruk") && !contains(&bytes, BSN));

    zorgkluis_store::vault::restore(&f.location, Some(&backup)).unwrap();
    let vault = f.open().await;
    let care = actor("zorg-1", "zorgverlener");
    let after = vault
        .read_category(&care, &person, "gezondheid", "zorgverlening", None)
        .await;
    assert!(matches!(after, Err(VaultError::Erased(_))), "{after:?}");
    let report = vault.verify_audit().await.unwrap();
    assert!(report.ok(), "{:?}", report.findings);
    let log = vault
        .audit_for_person(&actor("fg-1", "fg"), &person)
        .await
        .unwrap();
    assert!(
        log.iter().any(|e| e.action == "erase_reapplied"),
        "the re-erasure is logged"
    );
    vault.close().await;
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn key_rotation_rewraps_without_touching_content() {
    for f in Fixture::both().await {
        let vault = f.open().await;
        let (person, _) = seeded(&vault).await;
        // Closing signs a checkpoint with the key derived before rotation.
        vault.close().await;
        let vault = f.open().await;
        let before = std::fs::read_to_string(f.location.key_file()).unwrap();
        for _ in 0..2 {
            assert_eq!(vault.rotate_keys(&actor("fg-1", "fg")).await.unwrap(), 1);
        }
        let after = std::fs::read_to_string(f.location.key_file()).unwrap();
        assert_ne!(before, after);
        assert!(
            after
                .trim_end()
                .lines()
                .last()
                .is_some_and(|l| l.starts_with("k3:")),
            "k3 is current: {after}"
        );
        assert!(
            after.contains("k1:"),
            "old keys stay for older backups: {after}"
        );
        vault.close().await;
        let vault = f.open().await;
        let care = actor("zorg-1", "zorgverlener");
        let records = vault
            .read_category(&care, &person, "gezondheid", "zorgverlening", None)
            .await
            .unwrap();
        assert_eq!(records[0].text, HEALTH_NOTE);
        let report = vault.verify_audit().await.unwrap();
        assert!(
            report.checkpoints >= 2 && report.ok(),
            "{}: {report:?}",
            f.name
        );
        vault.close().await;
        f.drop_database().await;
    }
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn dossier_view_withholds_what_the_role_may_not_see() {
    for f in Fixture::both().await {
        let vault = f.open().await;
        let (person, _) = seeded(&vault).await;
        let admin = actor("admin-1", "administratie");
        let view = vault.dossier(&admin, &person, "beheer").await.unwrap();
        assert!(
            view.records.iter().all(|r| r.category == "bsn"),
            "{:?}",
            view.records
        );
        assert_eq!(view.withheld.len(), 1);
        assert_eq!(view.withheld[0].category, "gezondheid");
        vault.close().await;
        f.drop_database().await;
    }
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn postgres_backup_with_pg_dump_and_restore_keeps_erasures() {
    let f = Fixture::postgres().await;
    let vault = f.open().await;
    let (person, _) = seeded(&vault).await;
    vault.close().await;
    let dump = f.dir.path().join("zorgkluis.dump");
    let status = std::process::Command::new("pg_dump")
        .args(["--format=custom", "--file"])
        .arg(&dump)
        .arg(format!("--dbname={}", f.location.database_url))
        .status()
        .expect("pg_dump is installed with the PostgreSQL client");
    assert!(status.success());

    let vault = f.open().await;
    vault
        .erase_person(&actor("dir-1", "directie"), &person, "verzoek")
        .await
        .unwrap();
    vault.close().await;

    // Restore into a fresh database, as the procedure in docs/operations.md does.
    let restored = Fixture::postgres().await;
    let status = std::process::Command::new("pg_restore")
        .args(["--no-owner", "--exit-on-error"])
        .arg(format!("--dbname={}", restored.location.database_url))
        .arg(&dump)
        .status()
        .expect("pg_restore");
    assert!(status.success());
    let location =
        zorgkluis_store::Location::new(Some(&restored.location.database_url), f.dir.path());
    zorgkluis_store::vault::restore(&location, None).unwrap();
    let vault = zorgkluis_store::vault::Vault::open(
        &location,
        "bg-wonen",
        crate::common::reglement(),
        &crate::common::reglement_source(),
        crate::common::policy(),
    )
    .await
    .unwrap();
    let care = actor("zorg-1", "zorgverlener");
    let after = vault
        .read_category(&care, &person, "gezondheid", "zorgverlening", None)
        .await;
    assert!(matches!(after, Err(VaultError::Erased(_))), "{after:?}");
    let report = vault.verify_audit().await.unwrap();
    assert!(report.ok(), "{:?}", report.findings);
    vault.close().await;
    f.drop_database().await;
    restored.drop_database().await;
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn staff_log_in_with_argon2id_passwords_and_sessions_end() {
    for f in Fixture::both().await {
        let vault = f.open().await;
        let system = zorgkluis_store::vault::Actor::system("test");
        let short = vault
            .create_user(&system, "zorg-1", "zorgverlener", "kort", false)
            .await;
        assert!(matches!(
            short,
            Err(VaultError::Invalid {
                field: "password",
                ..
            })
        ));
        vault
            .create_user(
                &system,
                "zorg-1",
                "zorgverlener",
                "een lang wachtwoord",
                false,
            )
            .await
            .unwrap();
        assert!(
            vault
                .login("zorg-1", "verkeerd wachtwoord", "127.0.0.1")
                .await
                .unwrap()
                .is_none()
        );
        assert!(
            vault
                .login("niemand", "een lang wachtwoord", "127.0.0.1")
                .await
                .unwrap()
                .is_none()
        );
        let session = vault
            .login("zorg-1", "een lang wachtwoord", "127.0.0.1")
            .await
            .unwrap()
            .expect("session");
        assert_eq!(session.actor.role, "zorgverlener");
        let again = vault
            .session(&session.token, "127.0.0.1")
            .await
            .unwrap()
            .expect("open");
        assert_eq!(again.csrf, session.csrf);
        assert!(
            vault
                .session("not-a-token", "127.0.0.1")
                .await
                .unwrap()
                .is_none()
        );
        vault.logout(&session).await.unwrap();
        assert!(
            vault
                .session(&session.token, "127.0.0.1")
                .await
                .unwrap()
                .is_none()
        );
        let bytes = crate::common::all_bytes(f.dir.path());
        assert!(
            !crate::common::contains(&bytes, "een lang wachtwoord"),
            "no plaintext password on disk"
        );
        vault.close().await;
        f.drop_database().await;
    }
}

/// The CLI appends events while the server runs: two vaults on one database keep one chain.
#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn two_processes_append_to_one_chain() {
    for f in Fixture::both().await {
        let server = f.open().await;
        let cli = f.open().await;
        let (person, _) = seeded(&server).await;
        let care = actor("zorg-1", "zorgverlener");
        for i in 0..5 {
            cli.log_operation(&actor("fg-1", "fg"), "backup", &format!("{i}"))
                .await
                .unwrap();
            server
                .read_category(&care, &person, "gezondheid", "zorg", None)
                .await
                .unwrap();
        }
        let report = server.verify_audit().await.unwrap();
        assert!(report.ok(), "{}: {:?}", f.name, report.findings);
        assert_eq!(report.tenants[0].events, 3 + 10, "{}", f.name);
        cli.close().await;
        server.close().await;
        f.drop_database().await;
    }
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn a_backup_from_before_a_rotation_still_restores() {
    let f = Fixture::sqlite();
    let vault = f.open().await;
    let (person, _) = seeded(&vault).await;
    let backup = f.dir.path().join("before-rotation.db");
    vault.backup(&backup).await.unwrap();
    vault.rotate_keys(&actor("fg-1", "fg")).await.unwrap();
    vault.close().await;
    zorgkluis_store::vault::restore(&f.location, Some(&backup)).unwrap();
    let vault = f.open().await;
    let care = actor("zorg-1", "zorgverlener");
    let records = vault
        .read_category(&care, &person, "gezondheid", "zorg", None)
        .await
        .unwrap();
    assert_eq!(records[0].text, HEALTH_NOTE);
    vault.close().await;
}

/// A vault may outlive its runtime (dropped at the end of a program): the connections it keeps
/// aside for the hot path must then close without one, not panic.
#[test]
fn a_vault_dropped_after_its_runtime_closes_quietly() {
    for backend in ["sqlite", "postgres"] {
        let rt = tokio::runtime::Builder::new_multi_thread()
            .worker_threads(2)
            .enable_all()
            .build()
            .unwrap();
        let (f, vault) = rt.block_on(async {
            let f = match backend {
                "sqlite" => Fixture::sqlite(),
                _ => Fixture::postgres().await,
            };
            let vault = f.open().await;
            let (person, _) = seeded(&vault).await;
            // A read keeps its connection aside.
            vault
                .read_category(
                    &actor("zorg-1", "zorgverlener"),
                    &person,
                    "gezondheid",
                    "zorg",
                    None,
                )
                .await
                .unwrap();
            (f, vault)
        });
        drop(rt);
        drop(vault);
        if backend == "postgres" {
            let rt = tokio::runtime::Runtime::new().unwrap();
            rt.block_on(f.drop_database());
        }
    }
}

/// A revoked API token stands for nobody, revoking is logged, and the list shows it.
#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn a_revoked_token_stands_for_nobody() {
    for f in Fixture::both().await {
        let vault = f.open().await;
        let admin = actor("admin-1", "administratie");
        let token = vault
            .create_token(&admin, "ecd", "zorgverlener")
            .await
            .unwrap();
        let before = vault.actor_for_token(&token, "test").await.unwrap();
        assert_eq!(
            before.map(|a| a.role),
            Some("zorgverlener".into()),
            "{}",
            f.name
        );

        vault.revoke_token(&admin, "ecd").await.unwrap();
        assert!(
            vault
                .actor_for_token(&token, "test")
                .await
                .unwrap()
                .is_none(),
            "{}: a revoked token still works",
            f.name
        );
        let again = vault.revoke_token(&admin, "ecd").await.unwrap_err();
        assert!(
            matches!(again, VaultError::NotFound(_)),
            "{}: {again}",
            f.name
        );
        let unknown = vault.revoke_token(&admin, "billing").await.unwrap_err();
        assert!(
            matches!(unknown, VaultError::NotFound(_)),
            "{}: {unknown}",
            f.name
        );
        let empty = vault.revoke_token(&admin, " ").await.unwrap_err();
        assert!(
            matches!(empty, VaultError::Invalid { field: "name", .. }),
            "{}: {empty}",
            f.name
        );

        let tokens = vault.tokens().await.unwrap();
        assert_eq!(tokens.len(), 1, "{}", f.name);
        assert!(tokens[0].revoked_at.is_some(), "{}", f.name);
        // The name stays taken: a new token gets a new name.
        assert!(
            vault
                .create_token(&admin, "ecd", "zorgverlener")
                .await
                .is_err()
        );

        let report = vault.verify_audit().await.unwrap();
        assert!(report.ok(), "{}", f.name);
        vault.close().await;
        f.drop_database().await;
    }
}

/// `keys rotate` from another process (the CLI) while the server runs: the server reads the
/// key file again when it meets a data key wrapped by a master key it has not seen, and its own
/// later rotation starts from the file, keeping the other's key.
#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn keys_rotated_by_another_process_are_picked_up() {
    for f in Fixture::both().await {
        let server = f.open().await;
        let (person, _) = seeded(&server).await;
        let cli = f.open().await;
        assert_eq!(cli.rotate_keys(&actor("fg-1", "fg")).await.unwrap(), 1);
        cli.close().await;

        let care = actor("zorg-1", "zorgverlener");
        let records = server
            .read_category(&care, &person, "gezondheid", "zorgverlening", None)
            .await
            .unwrap_or_else(|e| panic!("{}: {e}", f.name));
        assert_eq!(records.len(), 1, "{}", f.name);

        // A client the server registers now is wrapped by the new key, k2.
        let admin = actor("admin-1", "administratie");
        let newcomer = server
            .register_person(&admin, "client", None, "intake")
            .await
            .unwrap();
        let mut raw = f.raw().await;
        let wrapped_by: String =
            sqlx::query_scalar("SELECT master_key_id FROM person_keys WHERE person_id = $1")
                .bind(&newcomer)
                .fetch_one(&mut raw)
                .await
                .unwrap();
        assert_eq!(wrapped_by, "k2", "{}", f.name);
        drop(raw);

        // The server's own rotation: k3 wraps both, and k2 (the CLI's) stays in the file.
        assert_eq!(server.rotate_keys(&actor("fg-1", "fg")).await.unwrap(), 2);
        let file = std::fs::read_to_string(f.location.key_file()).unwrap();
        for id in ["k1:", "k2:", "k3:"] {
            assert!(file.contains(id), "{}: {id} missing from {file}", f.name);
        }
        assert_eq!(
            server
                .read_category(&care, &person, "gezondheid", "zorgverlening", None)
                .await
                .unwrap()
                .len(),
            1
        );
        server.close().await;
        f.drop_database().await;
    }
}
