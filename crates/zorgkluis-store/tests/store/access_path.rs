//! The one access path on both backends: decided, logged, then decrypted; erasure, backup and
//! restore, key rotation, accounts and tokens.

use jiff::civil::date;
use zorgkluis_store::audit::{AuditAction, Outcome};
use zorgkluis_store::vault::{Actor, NewPerson, PersonFacts, Vault, VaultError};
use zorgkluis_testkit::{Backend, STAFF, TestStore, actor, add_staff, all_bytes, contains};

pub(crate) const BSN: &str = "111222333";
pub(crate) const NAME: &str = "Synthetische Cliënt Bakker";
pub(crate) const HEALTH_NOTE: &str =
    "Synthetische notitie: bloeddruk 135/85, medicatie ongewijzigd";

/// The events in every tenant's chain, as `audit verify` counts them.
pub(crate) async fn event_count(vault: &Vault) -> u64 {
    let report = vault.verify_audit().await.unwrap();
    assert!(report.ok(), "{:?}", report.findings);
    report.tenants.iter().map(|t| t.events).sum()
}

/// The staff accounts, a person with a BSN and a name, a caregiver (zorg-1) in their care
/// team and a health record by that caregiver. Returns the person and the record.
pub(crate) async fn seeded(vault: &Vault) -> (String, String) {
    add_staff(vault, STAFF).await;
    let admin = actor("admin-1", "administratie");
    let person = vault
        .register_person(
            &admin,
            &NewPerson {
                subject_category: "client".into(),
                bsn: Some(BSN.into()),
                facts: Some(PersonFacts {
                    name: NAME.into(),
                    birth_date: Some(date(1950, 3, 1)),
                    client_number: Some("BG-0001".into()),
                }),
            },
            "intake",
        )
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

zorgkluis_testkit::on_both_backends! {
    async fn caregiver_in_team_reads_others_are_denied_and_every_attempt_is_logged(store) {
        let vault = store.open().await;
        let (person, _) = seeded(&vault).await;

        let care = actor("zorg-1", "zorgverlener");
        let records = vault
            .read_category(&care, &person, "gezondheid", "zorgverlening", None)
            .await
            .unwrap();
        assert_eq!(records.len(), 1, "{}", store.name());
        assert_eq!(records[0].text, HEALTH_NOTE);

        let stranger = actor("zorg-2", "zorgverlener");
        let denied = vault
            .read_category(&stranger, &person, "gezondheid", "zorgverlening", None)
            .await;
        assert!(
            matches!(denied, Err(VaultError::Denied(_))),
            "{}: {denied:?}",
            store.name()
        );

        let admin = actor("admin-1", "administratie");
        let denied = vault
            .read_category(&admin, &person, "gezondheid", "beheer", None)
            .await;
        assert!(
            matches!(denied, Err(VaultError::Denied(ref d)) if !d.allowed),
            "{}",
            store.name()
        );

        let log = vault
            .audit_for_person(&actor("fg-1", "fg"), &person)
            .await
            .unwrap();
        let summary: Vec<(String, AuditAction, Outcome)> = log
            .iter()
            .map(|e| (e.user_id.clone(), e.action, e.outcome))
            .collect();
        for expected in [
            ("admin-1", AuditAction::Register, Outcome::Allowed),
            ("zorg-1", AuditAction::Write, Outcome::Allowed),
            ("zorg-1", AuditAction::Read, Outcome::Allowed),
            ("zorg-2", AuditAction::Read, Outcome::Denied),
            ("admin-1", AuditAction::Read, Outcome::Denied),
        ] {
            let e = (expected.0.to_owned(), expected.1, expected.2);
            assert!(
                summary.contains(&e),
                "{}: {expected:?} not in {summary:?}",
                store.name()
            );
        }
        let read = log
            .iter()
            .find(|e| e.user_id == "zorg-1" && e.action == AuditAction::Read)
            .unwrap();
        assert_eq!(read.articles, "2.2");
        assert_eq!(read.category.as_deref(), Some("gezondheid"));
        assert!(vault.verify_audit().await.unwrap().ok(), "{}", store.name());
        vault.close().await;
    }

    async fn emergency_access_needs_a_reason_and_is_flagged(store) {
        let vault = store.open().await;
        let (person, _) = seeded(&vault).await;
        let other = actor("zorg-9", "zorgverlener");
        let no_reason = vault
            .read_category(&other, &person, "gezondheid", "spoed", Some("  "))
            .await;
        assert!(
            matches!(no_reason, Err(VaultError::Denied(_))),
            "{}",
            store.name()
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
        assert_eq!(emergency.len(), 1, "{}", store.name());
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
        assert!(
            matches!(denied, Err(VaultError::Denied(_))),
            "{}",
            store.name()
        );
        vault.close().await;
    }

    async fn correction_keeps_history_and_supplement_adds_a_statement(store) {
        let vault = store.open().await;
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
        assert_eq!(records.len(), 2, "{}", store.name());
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
            store.name()
        );
        vault.close().await;
    }

    async fn bad_input_is_named_and_changes_nothing(store) {
        let vault = store.open().await;
        let admin = actor("admin-1", "administratie");
        let person = |subject: &str, bsn: Option<&str>, facts: Option<PersonFacts>| NewPerson {
            subject_category: subject.into(),
            bsn: bsn.map(str::to_owned),
            facts,
        };
        let bad_bsn = vault
            .register_person(&admin, &person("client", Some("123456789"), None), "intake")
            .await;
        assert!(
            matches!(bad_bsn, Err(VaultError::Invalid { field: "bsn", .. })),
            "{}",
            store.name()
        );
        let bad_subject = vault
            .register_person(&admin, &person("klant", None, None), "intake")
            .await;
        assert!(matches!(
            bad_subject,
            Err(VaultError::Invalid {
                field: "subject_category",
                ..
            })
        ));
        let facts = |name: &str, birth_date, client_number: Option<&str>| PersonFacts {
            name: name.into(),
            birth_date,
            client_number: client_number.map(str::to_owned),
        };
        for (bad, field) in [
            (facts("  ", None, None), "name"),
            (facts(" -- ", None, None), "name"),
            (facts("Jan", Some(date(2999, 1, 1)), None), "birth_date"),
            (
                facts("Jan", None, Some("nummer met spaties")),
                "client_number",
            ),
        ] {
            let refused = vault
                .register_person(&admin, &person("client", None, Some(bad.clone())), "intake")
                .await;
            assert!(
                matches!(refused, Err(VaultError::Invalid { field: f, .. }) if f == field),
                "{}: {bad:?}: {refused:?}",
                store.name()
            );
        }
        let report = vault.verify_audit().await.unwrap();
        assert_eq!(
            report.tenants.iter().map(|t| t.events).sum::<u64>(),
            0,
            "nothing was written"
        );
        vault.close().await;
    }

    async fn bsn_lookup_uses_a_keyed_hash_and_no_plaintext_is_stored(store) {
        let vault = store.open().await;
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
        if store.backend == Backend::Sqlite {
            let bytes = all_bytes(store.dir.path());
            assert!(!contains(&bytes, BSN), "BSN in plaintext on disk");
            assert!(
                !contains(&bytes, "bloeddruk"),
                "record text in plaintext on disk"
            );
            assert!(!contains(&bytes, "Bakker"), "a name in plaintext on disk");
        }
        vault.close().await;
    }

    async fn erasure_destroys_the_key_and_the_chain_still_verifies(store) {
        let vault = store.open().await;
        let (person, _) = seeded(&vault).await;
        let care = actor("zorg-1", "zorgverlener");
        let denied = vault.erase_person(&care, &person, "verzoek").await;
        assert!(
            matches!(denied, Err(VaultError::Denied(_))),
            "a caregiver may not erase"
        );
        let director = actor("dir-1", "directie");
        // The purpose goes into the chain, which erasure cannot reach: a label, never a note.
        let note = vault
            .erase_person(&director, &person, "verzoek van 1 maart, art. 3.8")
            .await;
        assert!(
            matches!(
                note,
                Err(VaultError::Invalid {
                    field: "purpose",
                    ..
                })
            ),
            "{}: {note:?}",
            store.name()
        );
        vault
            .erase_person(&director, &person, "verzoek art 3 8")
            .await
            .unwrap();
        let after = vault
            .read_category(&care, &person, "gezondheid", "zorgverlening", None)
            .await;
        assert!(
            matches!(after, Err(VaultError::Erased(_))),
            "{}: {after:?}",
            store.name()
        );
        let admin = actor("admin-1", "administratie");
        assert_eq!(
            vault.find_by_bsn(&admin, BSN, "intake").await.unwrap(),
            None
        );
        let report = vault.verify_audit().await.unwrap();
        assert!(report.ok(), "{}: {:?}", store.name(), report.findings);
        vault.close().await;
    }

    async fn key_rotation_rewraps_without_touching_content(store) {
        let vault = store.open().await;
        let (person, _) = seeded(&vault).await;
        // Closing signs a checkpoint with the key derived before rotation.
        vault.close().await;
        let vault = store.open().await;
        let before = std::fs::read_to_string(store.location.key_file()).unwrap();
        for _ in 0..2 {
            assert_eq!(vault.rotate_keys(&actor("fg-1", "fg")).await.unwrap(), 1);
        }
        let after = std::fs::read_to_string(store.location.key_file()).unwrap();
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
            !after.contains("k1:") && !after.contains("k2:"),
            "old keys that wrap nothing are retired: {after}"
        );
        vault.close().await;
        let vault = store.open().await;
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
            store.name()
        );
        vault.close().await;
    }

    async fn dossier_view_withholds_what_the_role_may_not_see(store) {
        let vault = store.open().await;
        let (person, _) = seeded(&vault).await;
        let admin = actor("admin-1", "administratie");
        let view = vault.dossier(&admin, &person, "beheer").await.unwrap();
        assert!(
            view.records.iter().all(|r| r.category == "bsn"),
            "{:?}",
            view.records
        );
        // Administration is not in the care team: what it may not see is not named either
        // (that there are health records is itself health data), but its refusal is logged.
        assert!(view.withheld.is_empty() && !view.care_team, "{view:?}");
        let log = vault
            .audit_for_person(&Actor::system("test"), &person)
            .await
            .unwrap();
        assert!(
            log.iter().any(|e| e.user_id == "admin-1"
                && e.category.as_deref() == Some("gezondheid")
                && e.outcome == Outcome::Denied),
            "{log:?}"
        );
        vault.close().await;
    }

    async fn staff_log_in_with_argon2id_passwords_and_sessions_end(store) {
        let vault = store.open().await;
        let accounts = vault.accounts();
        let system = Actor::system("test");
        let short = accounts
            .create_user(&system, "zorg-1", "zorgverlener", "kort", false)
            .await;
        assert!(matches!(
            short,
            Err(VaultError::Invalid {
                field: "password",
                ..
            })
        ));
        for bad in ["", "zorg 1"] {
            let refused = accounts
                .create_user(&system, bad, "zorgverlener", "een lang wachtwoord", false)
                .await;
            assert!(
                matches!(refused, Err(VaultError::Invalid { field: "id", .. })),
                "{}: {bad:?}: {refused:?}",
                store.name()
            );
        }
        // Administration does not make accounts (BG wonen gives that to the directie).
        let denied = accounts
            .create_user(
                &actor("admin-1", "administratie"),
                "zorg-1",
                "zorgverlener",
                "een lang wachtwoord",
                false,
            )
            .await;
        assert!(
            matches!(denied, Err(VaultError::Denied(_))),
            "{}: {denied:?}",
            store.name()
        );
        accounts
            .create_user(
                &system,
                "zorg-1",
                "zorgverlener",
                "een lang wachtwoord",
                false,
            )
            .await
            .unwrap();
        let twice = accounts
            .create_user(
                &system,
                "zorg-1",
                "zorgverlener",
                "een lang wachtwoord",
                false,
            )
            .await;
        assert!(
            matches!(twice, Err(VaultError::Conflict { field: "id", .. })),
            "{}: {twice:?}",
            store.name()
        );
        assert!(
            accounts
                .login("zorg-1", "verkeerd wachtwoord", "127.0.0.1")
                .await
                .unwrap()
                .is_none()
        );
        assert!(
            accounts
                .login("niemand", "een lang wachtwoord", "127.0.0.1")
                .await
                .unwrap()
                .is_none()
        );
        let session = accounts
            .login("zorg-1", "een lang wachtwoord", "127.0.0.1")
            .await
            .unwrap()
            .expect("session");
        assert_eq!(session.actor.role, "zorgverlener");
        let again = accounts
            .session(&session.token, "127.0.0.1")
            .await
            .unwrap()
            .expect("open");
        assert_eq!(again.csrf, session.csrf);
        assert!(
            accounts
                .session("not-a-token", "127.0.0.1")
                .await
                .unwrap()
                .is_none()
        );
        accounts.logout(&session).await.unwrap();
        assert!(
            accounts
                .session(&session.token, "127.0.0.1")
                .await
                .unwrap()
                .is_none()
        );
        let bytes = all_bytes(store.dir.path());
        assert!(
            !contains(&bytes, "een lang wachtwoord"),
            "no plaintext password on disk"
        );
        assert!(vault.verify_audit().await.unwrap().ok(), "{}", store.name());
        // The accounts share the vault: closing waits until they are gone.
        drop(accounts);
        vault.close().await;
    }

    /// The CLI appends events while the server runs: two vaults on one database keep one chain.
    async fn two_processes_append_to_one_chain(store) {
        let server = store.open().await;
        let cli = store.open().await;
        let (person, _) = seeded(&server).await;
        // The staff accounts, the registration (identification and BSN), the care team and
        // the record.
        let seeded_events = event_count(&server).await;
        assert_eq!(seeded_events, STAFF.len() as u64 + 4, "{}", store.name());
        let care = actor("zorg-1", "zorgverlener");
        for _ in 0..5 {
            cli.log_operation(&actor("fg-1", "fg"), AuditAction::Backup)
                .await
                .unwrap();
            server
                .read_category(&care, &person, "gezondheid", "zorg", None)
                .await
                .unwrap();
        }
        let report = server.verify_audit().await.unwrap();
        assert!(report.ok(), "{}: {:?}", store.name(), report.findings);
        assert_eq!(
            report.tenants[0].events,
            seeded_events + 10,
            "{}",
            store.name()
        );
        cli.close().await;
        server.close().await;
    }

    /// A revoked API token stands for nobody, revoking is logged, and the list shows it.
    async fn a_revoked_token_stands_for_nobody(store) {
        let vault = store.open().await;
        let accounts = vault.accounts();
        let director = actor("dir-1", "directie");
        let admin = actor("admin-1", "administratie");
        let denied = accounts.create_token(&admin, "ecd", "zorgverlener").await;
        assert!(
            matches!(denied, Err(VaultError::Denied(_))),
            "{}: administration made a token",
            store.name()
        );
        let spaced = accounts
            .create_token(&director, "mijn ecd", "zorgverlener")
            .await;
        assert!(
            matches!(spaced, Err(VaultError::Invalid { field: "name", .. })),
            "{}: {spaced:?}",
            store.name()
        );
        let token = accounts
            .create_token(&director, "ecd", "zorgverlener")
            .await
            .unwrap();
        let before = accounts.actor_for_token(&token, "test").await.unwrap();
        assert_eq!(
            before.map(|a| a.role),
            Some("zorgverlener".into()),
            "{}",
            store.name()
        );

        let not_by_admin = accounts.revoke_token(&admin, "ecd").await;
        assert!(
            matches!(not_by_admin, Err(VaultError::Denied(_))),
            "{}: {not_by_admin:?}",
            store.name()
        );
        accounts.revoke_token(&director, "ecd").await.unwrap();
        assert!(
            accounts
                .actor_for_token(&token, "test")
                .await
                .unwrap()
                .is_none(),
            "{}: a revoked token still works",
            store.name()
        );
        let again = accounts.revoke_token(&director, "ecd").await.unwrap_err();
        assert!(
            matches!(again, VaultError::NotFound(_)),
            "{}: {again}",
            store.name()
        );
        let unknown = accounts
            .revoke_token(&director, "billing")
            .await
            .unwrap_err();
        assert!(
            matches!(unknown, VaultError::NotFound(_)),
            "{}: {unknown}",
            store.name()
        );
        for blank in [" ", ""] {
            let empty = accounts.revoke_token(&director, blank).await.unwrap_err();
            assert!(
                matches!(empty, VaultError::Invalid { field: "name", .. }),
                "{}: {empty}",
                store.name()
            );
        }

        assert!(
            matches!(accounts.tokens(&admin).await, Err(VaultError::Denied(_))),
            "{}: administration lists the tokens",
            store.name()
        );
        let tokens = accounts.tokens(&director).await.unwrap();
        assert_eq!(tokens.len(), 1, "{}", store.name());
        assert!(tokens[0].revoked_at.is_some(), "{}", store.name());
        // The name stays taken: a new token gets a new name.
        let taken = accounts
            .create_token(&director, "ecd", "zorgverlener")
            .await;
        assert!(
            matches!(taken, Err(VaultError::Conflict { field: "name", .. })),
            "{}: {taken:?}",
            store.name()
        );

        let report = vault.verify_audit().await.unwrap();
        assert!(report.ok(), "{}", store.name());
        drop(accounts);
        vault.close().await;
    }

    /// `keys rotate` from another process (the CLI) while the server runs: the server reads the
    /// key file again when it meets a data key wrapped by a master key it has not seen, and its
    /// own later rotation starts from the file, keeping the other's key.
    async fn keys_rotated_by_another_process_are_picked_up(store) {
        let server = store.open().await;
        let (person, _) = seeded(&server).await;
        let cli = store.open().await;
        assert_eq!(cli.rotate_keys(&actor("fg-1", "fg")).await.unwrap(), 1);
        cli.close().await;

        let care = actor("zorg-1", "zorgverlener");
        let records = server
            .read_category(&care, &person, "gezondheid", "zorgverlening", None)
            .await
            .unwrap_or_else(|e| panic!("{}: {e}", store.name()));
        assert_eq!(records.len(), 1, "{}", store.name());

        // A client the server registers now is wrapped by the new key, k2.
        let admin = actor("admin-1", "administratie");
        let newcomer = server
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
        // The key is in the key store, not the database: the database row only says so.
        let wrapped_by = |person: &str| -> String {
            rusqlite::Connection::open(store.location.key_store_file())
                .unwrap()
                .query_row(
                    "SELECT master_key_id FROM stored_keys WHERE person_id = ?1",
                    [person],
                    |r| r.get(0),
                )
                .unwrap()
        };
        assert_eq!(wrapped_by(&newcomer), "k2", "{}", store.name());
        let mut raw = store.raw().await;
        let in_db: String =
            sqlx::query_scalar("SELECT master_key_id FROM person_keys WHERE person_id = $1")
                .bind(&newcomer)
                .fetch_one(&mut raw)
                .await
                .unwrap();
        assert_eq!(in_db, "@store", "{}", store.name());
        drop(raw);
        // The CLI's rotation could not retire k1: the server had the installation open.
        let file = std::fs::read_to_string(store.location.key_file()).unwrap();
        assert!(file.contains("k1:"), "{}: {file}", store.name());

        // The server's own rotation, alone now: k3 wraps both, and k1 and k2 are retired.
        assert_eq!(server.rotate_keys(&actor("fg-1", "fg")).await.unwrap(), 2);
        assert_eq!(wrapped_by(&person), "k3", "{}", store.name());
        let file = std::fs::read_to_string(store.location.key_file()).unwrap();
        assert!(file.contains("k3:"), "{}: {file}", store.name());
        for id in ["k1:", "k2:"] {
            assert!(
                !file.contains(id),
                "{}: {id} still in {file}",
                store.name()
            );
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
    }
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn a_restored_sqlite_backup_cannot_bring_an_erased_person_back() {
    let store = TestStore::new(Backend::Sqlite).await;
    let vault = store.open().await;
    let (person, _) = seeded(&vault).await;
    let backup = store.dir.path().join("backup-before-erasure.db");
    vault.backup(&backup).await.unwrap();
    vault
        .erase_person(&actor("dir-1", "directie"), &person, "verzoek")
        .await
        .unwrap();
    vault.close().await;

    // No plaintext in the database, its WAL, or the backup made before the erasure.
    let bytes = all_bytes(store.dir.path());
    assert!(!contains(&bytes, "bloeddruk") && !contains(&bytes, BSN));

    zorgkluis_store::vault::restore(&store.location, Some(&backup))
        .await
        .unwrap();
    let vault = store.open().await;
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
        log.iter().any(|e| e.action == AuditAction::EraseReapplied),
        "the re-erasure is logged"
    );
    vault.close().await;
}

/// The review's H1: a backup made before an erasure, opened with every key the installation
/// still holds after it (the master key file, the person key store and its mirror) and without
/// the list of erasures, opens nothing of the erased person; the others stay readable.
#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn a_backup_from_before_an_erasure_opens_nothing_of_the_erased_person() {
    let mut store = TestStore::new(Backend::Sqlite).await;
    let mirror = store.dir.path().join("elsewhere").join("person-keys.db");
    store.location.key_store_mirror = Some(mirror.clone());
    let vault = store.open().await;
    let (erased, _) = seeded(&vault).await;
    let care = actor("zorg-1", "zorgverlener");
    let kept = zorgkluis_testkit::client_in_care(&vault).await;
    vault
        .add_record(
            &care,
            &kept,
            "gezondheid",
            "blijft leesbaar",
            "zorgverlening",
        )
        .await
        .unwrap();
    let backup = store.dir.path().join("before-erasure.db");
    vault.backup(&backup).await.unwrap();
    vault
        .erase_person(&actor("dir-1", "directie"), &erased, "verzoek")
        .await
        .unwrap();
    vault.close().await;

    // Once with the key store, once with its mirror: both were pruned by the erasure.
    for keys in [store.location.key_store_file(), mirror] {
        let intruder = tempfile::tempdir().unwrap();
        std::fs::copy(&backup, intruder.path().join("zorgkluis.db")).unwrap();
        std::fs::copy(
            store.location.key_file(),
            intruder.path().join("master.key"),
        )
        .unwrap();
        std::fs::copy(&keys, intruder.path().join("person-keys.db")).unwrap();
        let location = zorgkluis_store::Location::embedded(intruder.path());
        assert!(!location.erased_file().exists());
        let opened = zorgkluis_testkit::open_at(&location).await;
        let gone = opened
            .read_category(&care, &erased, "gezondheid", "zorgverlening", None)
            .await;
        assert!(
            matches!(gone, Err(VaultError::Erased(_))),
            "{}: {gone:?}",
            keys.display()
        );
        let other = opened
            .read_category(&care, &kept, "gezondheid", "zorgverlening", None)
            .await
            .unwrap();
        assert_eq!(other[0].text, "blijft leesbaar");
        opened.close().await;
        let bytes = all_bytes(intruder.path());
        assert!(!contains(&bytes, "bloeddruk") && !contains(&bytes, BSN));
    }
}

/// The review's H3: a restore beside a running server destroyed the database. Now it is
/// refused while the installation is open, changes nothing, and then restores in one rename;
/// the restored chain verifies, with a signed `restore` line for what it set back.
#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn restore_is_refused_while_the_installation_is_open() {
    let store = TestStore::new(Backend::Sqlite).await;
    let vault = store.open().await;
    let (person, _) = seeded(&vault).await;
    let backup = store.dir.path().join("backup.db");
    vault.backup(&backup).await.unwrap();
    let care = actor("zorg-1", "zorgverlener");
    vault
        .add_record(&care, &person, "gezondheid", "na de back-up", "zorg")
        .await
        .unwrap();
    let db_file = store.location.sqlite_file().unwrap();
    let before = std::fs::read(&db_file).unwrap();
    let refused = zorgkluis_store::vault::restore(&store.location, Some(&backup)).await;
    assert!(
        matches!(refused, Err(zorgkluis_store::StoreError::Busy(_))),
        "{refused:?}"
    );
    assert_eq!(
        std::fs::read(&db_file).unwrap(),
        before,
        "nothing was touched"
    );
    let records = vault
        .read_category(&care, &person, "gezondheid", "zorg", None)
        .await
        .unwrap();
    assert_eq!(records.len(), 2, "the server kept working");
    vault.close().await;

    zorgkluis_store::vault::restore(&store.location, Some(&backup))
        .await
        .unwrap();
    let log = std::fs::read_to_string(store.location.checkpoint_file()).unwrap();
    assert!(
        log.lines().any(|l| l.contains(" restore bg-wonen ")),
        "{log}"
    );
    let vault = store.open().await;
    let records = vault
        .read_category(&care, &person, "gezondheid", "zorg", None)
        .await
        .unwrap();
    assert_eq!(records.len(), 1, "the backup's state");
    let report = vault.verify_audit().await.unwrap();
    assert!(report.ok(), "{:?}", report.findings);
    vault.close().await;
}

/// The review's L10: the database, its backups and the checkpoint log are owner-only.
#[cfg(unix)]
#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn the_installation_files_are_owner_only() {
    use std::os::unix::fs::PermissionsExt as _;
    let store = TestStore::new(Backend::Sqlite).await;
    let vault = store.open().await;
    seeded(&vault).await;
    let backup = store.dir.path().join("backup.db");
    vault.backup(&backup).await.unwrap();
    vault.close().await;
    for file in [
        store.location.sqlite_file().unwrap(),
        backup,
        store.location.checkpoint_file(),
        store.location.key_file(),
    ] {
        let mode = std::fs::metadata(&file).unwrap().permissions().mode() & 0o777;
        assert_eq!(mode, 0o600, "{}", file.display());
    }
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn a_sqlite_backup_from_before_a_rotation_still_restores() {
    let store = TestStore::new(Backend::Sqlite).await;
    let vault = store.open().await;
    let (person, _) = seeded(&vault).await;
    let backup = store.dir.path().join("before-rotation.db");
    vault.backup(&backup).await.unwrap();
    vault.rotate_keys(&actor("fg-1", "fg")).await.unwrap();
    vault.close().await;
    zorgkluis_store::vault::restore(&store.location, Some(&backup))
        .await
        .unwrap();
    let vault = store.open().await;
    let care = actor("zorg-1", "zorgverlener");
    let records = vault
        .read_category(&care, &person, "gezondheid", "zorg", None)
        .await
        .unwrap();
    assert_eq!(records[0].text, HEALTH_NOTE);
    vault.close().await;
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn postgres_backup_with_pg_dump_and_restore_keeps_erasures() {
    let store = TestStore::new(Backend::Postgres).await;
    let vault = store.open().await;
    let (person, _) = seeded(&vault).await;
    vault.close().await;
    let dump = store.dir.path().join("zorgkluis.dump");
    let status = std::process::Command::new("pg_dump")
        .args(["--format=custom", "--file"])
        .arg(&dump)
        .arg(format!("--dbname={}", store.location.database_url))
        .status()
        .expect("pg_dump is installed with the PostgreSQL client");
    assert!(status.success());

    let vault = store.open().await;
    vault
        .erase_person(&actor("dir-1", "directie"), &person, "verzoek")
        .await
        .unwrap();
    vault.close().await;

    // Restore into a fresh database, as the procedure in docs/operations.md does.
    let restored = TestStore::new(Backend::Postgres).await;
    let status = std::process::Command::new("pg_restore")
        .args(["--no-owner", "--exit-on-error"])
        .arg(format!("--dbname={}", restored.location.database_url))
        .arg(&dump)
        .status()
        .expect("pg_restore");
    assert!(status.success());
    let location =
        zorgkluis_store::Location::new(Some(&restored.location.database_url), store.dir.path());
    zorgkluis_store::vault::restore(&location, None)
        .await
        .unwrap();
    let vault = zorgkluis_testkit::open_at(&location).await;
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
        log.iter().any(|e| e.action == AuditAction::EraseReapplied),
        "the re-erasure is logged"
    );
    vault.close().await;
}

/// A vault may outlive its runtime (dropped at the end of a program): the connections it keeps
/// aside for the hot path must then close without one, not panic.
mod a_vault_dropped_after_its_runtime_closes_quietly {
    use super::*;

    fn run(backend: Backend) {
        let rt = tokio::runtime::Builder::new_multi_thread()
            .worker_threads(2)
            .enable_all()
            .build()
            .unwrap();
        let (store, vault) = rt.block_on(async {
            let store = TestStore::new(backend).await;
            let vault = store.open().await;
            let (person, _) = seeded(&vault).await;
            // A read keeps its connection aside.
            let records = vault
                .read_category(
                    &actor("zorg-1", "zorgverlener"),
                    &person,
                    "gezondheid",
                    "zorg",
                    None,
                )
                .await
                .unwrap();
            assert_eq!(records.len(), 1, "{}", store.name());
            (store, vault)
        });
        drop(rt);
        // Panics here if closing needs the runtime that is gone.
        drop(vault);
        drop(store);
    }

    #[test]
    fn sqlite() {
        run(Backend::Sqlite);
    }

    #[test]
    fn postgres() {
        run(Backend::Postgres);
    }
}
