//! The duties of running the registration, each decided by the reglement and logged like every
//! access: who keeps the care teams, who reads the audit log, who reviews emergency accesses.

use jiff::civil::date;
use zorgkluis_store::audit::{AuditAction, AuditEvent, Outcome};
use zorgkluis_store::vault::{Actor, NewPerson, PersonFacts, Vault, VaultError};
use zorgkluis_testkit::{Backend, STAFF, actor, add_staff, all_bytes, contains};

use crate::access_path::{HEALTH_NOTE, event_count};

fn admin() -> Actor {
    actor("admin-1", "administratie")
}

fn fg() -> Actor {
    actor("fg-1", "fg")
}

fn facts(name: &str) -> PersonFacts {
    PersonFacts {
        name: name.into(),
        birth_date: Some(date(1948, 11, 30)),
        client_number: None,
    }
}

async fn register(vault: &Vault, name: &str) -> String {
    vault
        .register_person(
            &admin(),
            &NewPerson {
                subject_category: "client".into(),
                bsn: None,
                facts: Some(facts(name)),
            },
            "intake",
        )
        .await
        .unwrap()
}

/// The events of `user` doing `action` in `log`, with their outcomes.
fn by<'a>(log: &'a [AuditEvent], user: &str, action: AuditAction) -> Vec<&'a AuditEvent> {
    log.iter()
        .filter(|e| e.user_id == user && e.action == action)
        .collect()
}

zorgkluis_testkit::on_both_backends! {
    /// The care team decides who reads health data: a caregiver who could put themselves in it
    /// could read any file. BG wonen gives the care teams to the administration.
    async fn a_caregiver_cannot_put_anyone_into_a_care_team_and_administration_can(store) {
        let vault = store.open().await;
        add_staff(&vault, STAFF).await;
        let person = register(&vault, "Synthetische Cliënt Smit").await;
        let caregiver = actor("zorg-1", "zorgverlener");
        for member in ["zorg-1", "zorg-2"] {
            let denied = vault
                .assign_care(&caregiver, member, &person, date(2020, 1, 1), None)
                .await;
            assert!(
                matches!(denied, Err(VaultError::Denied(ref d)) if !d.allowed),
                "{}: zorg-1 put {member} in the team: {denied:?}",
                store.name()
            );
        }
        // Nothing came of it: zorg-1 has no client and cannot write in the file.
        let clients = vault.list_clients(&caregiver, 0, 10).await.unwrap().clients;
        assert!(clients.is_empty(), "{}: {clients:?}", store.name());
        let write = vault
            .add_record(
                &caregiver,
                &person,
                "gezondheid",
                HEALTH_NOTE,
                "zorgverlening",
            )
            .await;
        assert!(
            matches!(write, Err(VaultError::Denied(_))),
            "{}: {write:?}",
            store.name()
        );

        vault
            .assign_care(&admin(), "zorg-1", &person, date(2020, 1, 1), None)
            .await
            .unwrap();
        vault
            .add_record(
                &caregiver,
                &person,
                "gezondheid",
                HEALTH_NOTE,
                "zorgverlening",
            )
            .await
            .unwrap();

        let log = vault.audit_for_person(&fg(), &person).await.unwrap();
        let attempts = by(&log, "zorg-1", AuditAction::AssignCare);
        assert_eq!(attempts.len(), 2, "{}: {log:?}", store.name());
        assert!(
            attempts.iter().all(|e| e.outcome == Outcome::Denied),
            "{}: {attempts:?}",
            store.name()
        );
        let assigned = by(&log, "admin-1", AuditAction::AssignCare);
        assert_eq!(assigned.len(), 1, "{}: {log:?}", store.name());
        assert_eq!(assigned[0].outcome, Outcome::Allowed);
        assert_eq!(
            assigned[0].object.as_deref(),
            Some("zorg-1"),
            "the staff member is the object"
        );
        assert!(vault.verify_audit().await.unwrap().ok(), "{}", store.name());
        vault.close().await;
    }

    /// Only the roles the reglement grants `read_audit` read a client's access log (BG wonen:
    /// the privacy officer; the product: the command line); every other attempt is refused and
    /// logged.
    async fn only_the_roles_the_reglement_grants_read_the_audit_log(store) {
        let vault = store.open().await;
        let person = register(&vault, "Synthetische Cliënt Visser").await;
        for reader in [
            actor("zorg-1", "zorgverlener"),
            admin(),
            actor("dir-1", "directie"),
        ] {
            let denied = vault.audit_for_person(&reader, &person).await;
            assert!(
                matches!(denied, Err(VaultError::Denied(ref d)) if !d.allowed),
                "{}: {} read the audit log: {denied:?}",
                store.name(),
                reader.user_id
            );
            let denied = vault.access_log(&reader, &person).await;
            assert!(
                matches!(denied, Err(VaultError::Denied(_))),
                "{}: {} read the access log",
                store.name(),
                reader.user_id
            );
        }
        let by_system = vault
            .audit_for_person(&Actor::system("test"), &person)
            .await
            .unwrap();
        assert!(!by_system.is_empty(), "{}", store.name());

        let access_log = vault.access_log(&fg(), &person).await.unwrap();
        assert_eq!(
            access_log.facts.map(|f| f.name).as_deref(),
            Some("Synthetische Cliënt Visser"),
            "{}",
            store.name()
        );
        let log = access_log.events;
        for (user, tries) in [("zorg-1", 2), ("admin-1", 2), ("dir-1", 2)] {
            let attempts = by(&log, user, AuditAction::ReadAudit);
            assert_eq!(attempts.len(), tries, "{}: {user}: {log:?}", store.name());
            assert!(
                attempts
                    .iter()
                    .all(|e| e.outcome == Outcome::Denied
                        && e.person_id.as_deref() == Some(&*person)),
                "{}: {attempts:?}",
                store.name()
            );
        }
        let allowed: Vec<_> = log
            .iter()
            .filter(|e| e.action == AuditAction::ReadAudit && e.outcome == Outcome::Allowed)
            .map(|e| e.user_id.as_str())
            .collect();
        // The system's read, and the officer's own read, logged before the log is read.
        assert_eq!(allowed, ["system", "fg-1"], "{}", store.name());
        vault.close().await;
    }

    /// The privacy officer's review of emergency accesses shows who broke the glass, about whom
    /// and why (the reason opened for the review only), and the review is itself logged.
    async fn the_emergency_review_shows_the_reason_and_the_person_and_is_logged(store) {
        let vault = store.open().await;
        add_staff(&vault, STAFF).await;
        let person = register(&vault, "Synthetische Cliënt de Jong").await;
        let other = register(&vault, "Synthetische Cliënt Mulder").await;
        vault
            .assign_care(&admin(), "zorg-1", &person, date(2020, 1, 1), None)
            .await
            .unwrap();
        vault
            .add_record(
                &actor("zorg-1", "zorgverlener"),
                &person,
                "gezondheid",
                HEALTH_NOTE,
                "zorgverlening",
            )
            .await
            .unwrap();
        const REASON: &str = "Cliënt onwel in de nacht, huisarts onbereikbaar";
        let night = actor("zorg-2", "zorgverlener");
        let read = vault
            .read_category(&night, &person, "gezondheid", "spoed", Some(REASON))
            .await
            .unwrap();
        assert_eq!(read.len(), 1, "{}", store.name());
        if store.backend == Backend::Sqlite {
            assert!(
                !contains(&all_bytes(store.dir.path()), "huisarts onbereikbaar"),
                "the reason in plaintext on disk"
            );
        }

        let before_refusals = event_count(&vault).await;
        for refused in [
            actor("zorg-1", "zorgverlener"),
            admin(),
            actor("dir-1", "directie"),
        ] {
            let denied = vault.emergency_review(&refused, 10).await;
            assert!(
                matches!(denied, Err(VaultError::Denied(_))),
                "{}: {} reviewed: {denied:?}",
                store.name(),
                refused.user_id
            );
        }
        let before = event_count(&vault).await;
        assert_eq!(
            before,
            before_refusals + 3,
            "{}: each refusal is logged",
            store.name()
        );
        let review = vault.emergency_review(&fg(), 10).await.unwrap();
        assert_eq!(
            event_count(&vault).await,
            before + 1,
            "{}: one event for the review",
            store.name()
        );
        assert_eq!(review.len(), 1, "{}: {review:?}", store.name());
        let access = &review[0];
        assert_eq!(access.event.user_id, "zorg-2");
        assert_eq!(access.event.action, AuditAction::Read);
        assert!(access.event.emergency);
        assert_eq!(access.event.person_id.as_deref(), Some(person.as_str()));
        assert_eq!(access.event.category.as_deref(), Some("gezondheid"));
        assert_eq!(
            access.reason,
            zorgkluis_store::vault::Reason::Given(REASON.into()),
            "{}",
            store.name()
        );
        assert_eq!(
            access.facts.as_ref().map(|f| f.name.as_str()),
            Some("Synthetische Cliënt de Jong"),
            "{}",
            store.name()
        );

        let log = vault.audit_for_person(&fg(), &person).await.unwrap();
        let reviews = by(&log, "fg-1", AuditAction::ReviewEmergency);
        assert_eq!(reviews.len(), 1, "{}: {log:?}", store.name());
        assert_eq!(reviews[0].outcome, Outcome::Allowed);
        assert_eq!(
            reviews[0].subjects,
            std::slice::from_ref(&person),
            "{}",
            store.name()
        );
        // The reason is not in the log as text: only sealed, in the emergency event.
        for e in &log {
            let text = serde_json::to_string(e).unwrap();
            assert!(!text.contains("huisarts"), "{}: {text}", store.name());
        }
        // A person nobody broke the glass for is not in the review.
        let untouched = vault.audit_for_person(&fg(), &other).await.unwrap();
        assert!(
            untouched
                .iter()
                .all(|e| e.action != AuditAction::ReviewEmergency),
            "{}: {untouched:?}",
            store.name()
        );
        let refused = by(&log, "zorg-1", AuditAction::ReviewEmergency);
        assert!(
            refused.is_empty(),
            "a refused review shows no one: {refused:?}"
        );
        assert!(vault.verify_audit().await.unwrap().ok(), "{}", store.name());
        vault.close().await;
    }
}
