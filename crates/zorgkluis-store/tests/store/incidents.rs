//! The register of incidents and data breaches (art. 33 lid 5 AVG): only the role the reglement
//! gives `manage_incidents` keeps and reads it, each step logged; the AP's 72 hours run from the
//! discovery; a late notification needs its reasons, and a breach with more than a negligible
//! risk cannot be left unnotified; the free text is sealed; bad input changes nothing.

use jiff::{SignedDuration, Timestamp};
use zorgkluis_core::incident::IncidentFacts;
use zorgkluis_core::vocabulary::{BreachNature, BreachRisk};
use zorgkluis_store::vault::{Actor, VaultError};
use zorgkluis_testkit::{Backend, actor, all_bytes, contains};

use crate::access_path::event_count;

fn fg() -> Actor {
    actor("fg-1", "fg")
}

const DESCRIPTION: &str = "Een overdrachtslijst van team Oost lag op de parkeerplaats";

fn hours_ago(h: i64) -> Timestamp {
    Timestamp::now()
        .checked_sub(SignedDuration::from_hours(h))
        .unwrap()
}

fn facts(discovered: Timestamp) -> IncidentFacts {
    IncidentFacts {
        discovered: Some(discovered),
        ended: None,
        started: Some(
            discovered
                .checked_sub(SignedDuration::from_hours(2))
                .unwrap(),
        ),
        discovered_by: "zorg-1".into(),
        how_discovered: "Gevonden door een collega".into(),
        description: DESCRIPTION.into(),
        nature: vec![BreachNature::Vertrouwelijkheid],
        categories: vec!["naw".into(), "gezondheid".into()],
        persons_min: Some(6),
        persons_max: Some(6),
        records: Some(6),
        encrypted: false,
        consequences: "Namen en diagnoses ingezien door onbevoegden".into(),
        risk: None,
        measures: String::new(),
    }
}

fn invalid_field(e: &VaultError) -> &'static str {
    match e {
        VaultError::Invalid { field, .. } => field,
        other => panic!("not an invalid field: {other:?}"),
    }
}

zorgkluis_testkit::on_both_backends! {
    async fn the_privacy_officer_keeps_the_register_and_the_clock_runs_from_discovery(store) {
        let vault = store.open().await;
        let before = event_count(&vault).await;
        let refused = vault
            .record_incident(&actor("zorg-1", "zorgverlener"), &facts(hours_ago(1)))
            .await;
        assert!(matches!(refused, Err(VaultError::Denied(_))), "{refused:?}");
        assert_eq!(event_count(&vault).await, before + 1, "the refusal is logged");

        let found = hours_ago(10);
        let id = vault.record_incident(&fg(), &facts(found)).await.unwrap();
        let all = vault.incidents(&fg()).await.unwrap();
        assert_eq!(all.len(), 1);
        let i = &all[0];
        assert_eq!(i.id, id);
        assert_eq!(i.facts.description, DESCRIPTION);
        assert!(i.open());
        assert_eq!(
            i.clock.deadline(),
            found.checked_add(SignedDuration::from_hours(72)).unwrap()
        );
        assert_eq!(i.clock.hours_left(Timestamp::now()), 61, "{}", store.name());
        // BG wonen tells the persons of every breach (1.3).
        assert_eq!(i.clock.tell_persons, zorgkluis_core::decide::TellPersons::Altijd);
        assert!(
            vault.incidents(&actor("admin-1", "administratie")).await.is_err(),
            "administration does not read the register"
        );

        // Told within the hours: no reason needed; the persons told too.
        let told = vault
            .record_ap_notification(&fg(), &id, hours_ago(9), "M-2026-0042", "")
            .await
            .unwrap();
        assert!(!told.open());
        assert_eq!(told.notification.ap_reference, "M-2026-0042");
        let told = vault
            .record_persons_notified(&fg(), &id, hours_ago(8), 6, "Per brief")
            .await
            .unwrap();
        assert_eq!(told.notification.persons_notified_count, Some(6));
        let again = vault.incident(&fg(), &id).await.unwrap();
        assert_eq!(again.notification.persons_notified_how, "Per brief");

        vault.close().await;
        if store.backend == Backend::Sqlite {
            let bytes = all_bytes(store.dir.path());
            assert!(!contains(&bytes, "parkeerplaats"), "the description is sealed");
            assert!(!contains(&bytes, "Per brief"));
        }
        let vault = store.open().await;
        let report = vault.verify_audit().await.unwrap();
        assert!(report.ok(), "{}: {:?}", store.name(), report.findings);
    }

    async fn a_late_notification_needs_its_reasons_and_a_real_risk_is_notified(store) {
        let vault = store.open().await;
        let found = hours_ago(100);
        let id = vault.record_incident(&fg(), &facts(found)).await.unwrap();
        // Told after 80 hours.
        let at = found.checked_add(SignedDuration::from_hours(80)).unwrap();
        let before = event_count(&vault).await;
        let e = vault
            .record_ap_notification(&fg(), &id, at, "M-1", " ")
            .await
            .unwrap_err();
        assert_eq!(invalid_field(&e), "late_reason");
        let i = vault.incident(&fg(), &id).await.unwrap();
        assert!(i.notification.ap_notified.is_none(), "nothing changed");
        assert!(event_count(&vault).await > before, "the read is logged");
        let i = vault
            .record_ap_notification(&fg(), &id, at, "M-1", "De lijst werd pas na het weekend gemist")
            .await
            .unwrap();
        assert!(i.clock.late(at));
        assert_eq!(i.notification.late_reason, "De lijst werd pas na het weekend gemist");

        let other = vault.record_incident(&fg(), &facts(hours_ago(2))).await.unwrap();
        let e = vault
            .decide_incident_notification(&fg(), &other, false, Some(BreachRisk::Aanzienlijk), "Niet nodig")
            .await
            .unwrap_err();
        assert_eq!(invalid_field(&e), "notify_ap");
        let i = vault
            .decide_incident_notification(
                &fg(),
                &other,
                false,
                Some(BreachRisk::Verwaarloosbaar),
                "De lijst was binnen een minuut terug, in een afgesloten ruimte",
            )
            .await
            .unwrap();
        assert_eq!(i.notification.notify_ap, Some(false));
        assert!(!i.open());
    }

    async fn bad_input_names_the_field_and_records_nothing(store) {
        let vault = store.open().await;
        let before = event_count(&vault).await;
        let future = Timestamp::now().checked_add(SignedDuration::from_hours(1)).unwrap();
        let e = vault.record_incident(&fg(), &facts(future)).await.unwrap_err();
        assert_eq!(invalid_field(&e), "discovered");
        let mut f = facts(hours_ago(1));
        f.categories.push("geheime_dingen".into());
        assert_eq!(invalid_field(&vault.record_incident(&fg(), &f).await.unwrap_err()), "categories");
        let mut f = facts(hours_ago(1));
        f.nature.clear();
        assert_eq!(invalid_field(&vault.record_incident(&fg(), &f).await.unwrap_err()), "nature");
        let mut f = facts(hours_ago(1));
        f.persons_min = Some(10);
        f.persons_max = Some(2);
        assert_eq!(invalid_field(&vault.record_incident(&fg(), &f).await.unwrap_err()), "persons_max");
        assert_eq!(event_count(&vault).await, before, "nothing logged, nothing recorded");
        assert!(matches!(
            vault.incident(&fg(), "geen-incident").await,
            Err(VaultError::NotFound(_))
        ));
        assert_eq!(event_count(&vault).await, before);
        assert!(vault.incidents(&fg()).await.unwrap().is_empty());
    }
}
