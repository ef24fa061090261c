//! Retention runs: a plan as of a date, legal holds that keep data from destruction and
//! erasure, a run interrupted halfway that resumes without destroying anything twice, and its
//! certificate, on both backends.

use jiff::civil::{Date, date};
use zorgkluis_core::vocabulary::{ExtensionGround, HoldKind};
use zorgkluis_store::audit::{AuditAction, Outcome};
use zorgkluis_store::vault::{
    Actor, NewHold, NewRetentionExtension, RunOptions, Vault, VaultError,
};
use zorgkluis_testkit::{actor, add_staff, client_in_care, contains, on_both_backends};

const STAFF: &[(&str, &str)] = &[
    ("zorg-1", "zorgverlener"),
    ("admin-1", "administratie"),
    ("dir-1", "directie"),
];

fn today() -> Date {
    zorgkluis_core::time::dutch_date(jiff::Timestamp::now())
}

fn zorg() -> Actor {
    actor("zorg-1", "zorgverlener")
}

fn directie() -> Actor {
    actor("dir-1", "directie")
}

/// Sets the dates of a person and their records back, as if they were written on `day` (the
/// store's clock is the real one; test setup only).
async fn backdate(store: &zorgkluis_testkit::TestStore, person: &str, day: &str) {
    let mut raw = store.raw().await;
    let at = format!("{day}T10:00:00Z");
    for sql in [
        "UPDATE persons SET created_at = $1 WHERE tenant_id = 'bg-wonen' AND id = $2",
        "UPDATE records SET created_at = $1 WHERE tenant_id = 'bg-wonen' AND person_id = $2",
    ] {
        zorgkluis_testkit::sqlx::query(sql)
            .bind(&at)
            .bind(person)
            .execute(&mut raw)
            .await
            .unwrap();
    }
}

/// The organisation of the tests: `old` (everything written in 2000: the whole file is due),
/// `mixed` (a fiscal record of 2010, due; a health record of today, kept), `recent` (today).
async fn organisation(store: &zorgkluis_testkit::TestStore) -> (Vault, String, String, String) {
    let vault = store.open().await;
    add_staff(&vault, STAFF).await;
    let admin = actor("admin-1", "administratie");
    let old = client_in_care(&vault).await;
    for text in ["Val in de badkamer, 2000", "Controle bloeddruk, 2000"] {
        vault
            .add_record(&zorg(), &old, "gezondheid", text, "zorgverlening")
            .await
            .unwrap();
    }
    backdate(store, &old, "2000-03-01").await;
    let mixed = client_in_care(&vault).await;
    vault
        .add_record(
            &admin,
            &mixed,
            "financieel",
            "Factuur maart 2010",
            "administratie",
        )
        .await
        .unwrap();
    backdate(store, &mixed, "2010-03-01").await;
    vault
        .add_record(
            &zorg(),
            &mixed,
            "gezondheid",
            "Wondzorg vandaag",
            "zorgverlening",
        )
        .await
        .unwrap();
    let recent = client_in_care(&vault).await;
    vault
        .add_record(
            &zorg(),
            &recent,
            "gezondheid",
            "Intake vandaag",
            "zorgverlening",
        )
        .await
        .unwrap();
    (vault, old, mixed, recent)
}

on_both_backends! {
    async fn a_plan_names_what_is_due_per_person_and_category_with_the_articles(store) {
        let (vault, old, mixed, recent) = organisation(&store).await;
        let system = Actor::system("test");
        let plan = vault.retention_plan(&system, today()).await.unwrap();
        let ids: Vec<&str> = plan.persons.iter().map(|p| p.person_id.as_str()).collect();
        assert!(ids.contains(&old.as_str()) && ids.contains(&mixed.as_str()), "{ids:?}");
        assert!(!ids.contains(&recent.as_str()), "today's client is kept: {ids:?}");
        let old_plan = plan.persons.iter().find(|p| p.person_id == old).unwrap();
        assert!(old_plan.whole_file, "{old_plan:?}");
        let health = old_plan.entries.iter().find(|e| e.category == "gezondheid").unwrap();
        assert_eq!(health.records, 2);
        // Twenty years from the last change in 2000: kept until 1 March 2020, destroyed within
        // the three months of 3.4; the WGBO is the reglement's own term here.
        assert_eq!(health.retain_until, Some(date(2020, 3, 1)));
        assert_eq!(health.destroy_by, Some(date(2020, 6, 1)));
        assert!(health.overdue);
        assert!(health.articles.iter().any(|a| a.contains("3.4")), "{:?}", health.articles);
        // A plan shows no record ids.
        assert!(health.record_ids.is_empty());
        let mixed_plan = plan.persons.iter().find(|p| p.person_id == mixed).unwrap();
        assert!(!mixed_plan.whole_file, "the health record of today is kept");
        assert_eq!(mixed_plan.entries.len(), 1, "{mixed_plan:?}");
        let fiscal = &mixed_plan.entries[0];
        assert_eq!(fiscal.category, "financieel");
        // Seven years from the end of the fiscal year 2010 (8.3, art. 52 lid 4 AWR).
        assert_eq!(fiscal.retain_until, Some(date(2017, 12, 31)));
        assert!(fiscal.articles.iter().any(|a| a.contains("8.3")), "{:?}", fiscal.articles);
        assert_eq!(plan.whole_files, 1);
        assert_eq!(plan.due_records, 3);
        let by_cat = |c: &str| plan.categories.iter().find(|x| x.category == c).cloned();
        assert_eq!(by_cat("gezondheid").unwrap().due_records, 2);
        assert_eq!(by_cat("financieel").unwrap().due_persons, 1);
        // Looking ahead: in 2047 today's records are due too (twenty years from today).
        let later = vault.retention_plan(&system, date(2047, 1, 1)).await.unwrap();
        assert!(later.persons.iter().any(|p| p.person_id == recent && p.whole_file));
        // The plan is logged, and lists the persons it names.
        let log = vault.audit_for_person(&system, &old).await.unwrap();
        assert!(log.iter().any(|e| e.action == AuditAction::RetentionPlan), "{log:?}");
        vault.close().await;
    }

    async fn a_hold_keeps_a_file_from_destruction_and_erasure_until_released(store) {
        let (vault, old, _mixed, _recent) = organisation(&store).await;
        let system = Actor::system("test");
        let hold = NewHold {
            person: old.clone(),
            category: None,
            kind: HoldKind::Klacht,
            reason: "Klacht over de val van maart".into(),
            starts_on: today(),
            ends_on: None,
            review_on: Some(date(2027, 6, 1)),
        };
        // Only a role the reglement gives place_hold (BG wonen 3.5: the directie).
        let refused = vault.place_hold(&zorg(), &hold).await.unwrap_err();
        assert!(matches!(refused, VaultError::Denied(_)), "{refused}");
        let id = vault.place_hold(&directie(), &hold).await.unwrap();
        // The register shows it with its reason; the audit chain and the database file hold
        // no reason in plaintext.
        let register = vault.hold_register(&directie(), false).await.unwrap();
        assert_eq!(register.len(), 1);
        assert_eq!(register[0].reason.as_deref(), Some("Klacht over de val van maart"));
        assert_eq!(register[0].kind, HoldKind::Klacht);
        assert_eq!(register[0].law, "AVG art. 17 lid 3 sub e");
        assert!(vault.hold_register(&zorg(), false).await.is_err());
        if store.backend == zorgkluis_testkit::Backend::Sqlite {
            vault.checkpoint_now().await.unwrap();
            assert!(!contains(&zorgkluis_testkit::all_bytes(store.dir.path()), "val van maart"));
        }
        // The plan keeps the file back, citing the hold's law and the reglement's 3.5.
        let plan = vault.retention_plan(&system, today()).await.unwrap();
        assert!(!plan.persons.iter().any(|p| p.person_id == old), "held: not due");
        let held = plan.held.iter().find(|h| h.hold_id == id).unwrap();
        assert_eq!(held.records_kept, 2);
        assert!(held.articles.contains(&"3.5".to_owned()), "{:?}", held.articles);
        // Erasure is refused with a clear error, and logged as refused.
        let erase = vault
            .erase_person(&directie(), &old, "verzoek")
            .await;
        let Err(VaultError::Held { person, holds }) = erase else {
            panic!("erasure under a hold: {erase:?}");
        };
        assert_eq!(person, old);
        assert!(holds[0].contains("klacht"), "{holds:?}");
        let log = vault.audit_for_person(&system, &old).await.unwrap();
        assert!(
            log.iter().any(|e| e.action == AuditAction::Erase
                && e.outcome == zorgkluis_store::audit::Outcome::Denied),
            "the refused erasure is logged"
        );
        // A run destroys the fiscal record of the other client, and nothing of the held one.
        let run = vault.retention_run(&system, today(), RunOptions::default()).await.unwrap();
        let cert = run.certificate.unwrap();
        assert!(!cert.destroyed.iter().any(|d| d.person_id == old), "{cert:?}");
        assert!(cert.held.iter().any(|h| h.hold_id == id && h.person_id == old));
        assert!(vault.dossier(&zorg(), &old, "zorgverlening").await.unwrap().records.len() == 2);
        // Released, the next run shreds the file.
        vault.release_hold(&directie(), &id).await.unwrap();
        assert!(vault.release_hold(&directie(), &id).await.is_err(), "released once");
        let run = vault.retention_run(&system, today(), RunOptions::default()).await.unwrap();
        let cert = run.certificate.unwrap();
        assert_eq!(cert.whole_files, 1, "{cert:?}");
        assert!(matches!(
            vault.dossier(&zorg(), &old, "zorgverlening").await,
            Err(VaultError::Erased(_))
        ));
        assert!(vault.verify_audit().await.unwrap().ok());
        vault.close().await;
    }

    async fn a_category_hold_keeps_that_category_only(store) {
        let (vault, _old, mixed, _recent) = organisation(&store).await;
        let system = Actor::system("test");
        vault
            .place_hold(
                &directie(),
                &NewHold {
                    person: mixed.clone(),
                    category: Some("financieel".into()),
                    kind: HoldKind::WettelijkePlicht,
                    reason: "Boekenonderzoek".into(),
                    starts_on: today(),
                    ends_on: Some(date(2030, 1, 1)),
                    review_on: None,
                },
            )
            .await
            .unwrap();
        let plan = vault.retention_plan(&system, today()).await.unwrap();
        assert!(!plan.persons.iter().any(|p| p.person_id == mixed), "{:?}", plan.persons);
        assert_eq!(
            plan.categories.iter().find(|c| c.category == "financieel").map(|c| c.held_records),
            Some(1)
        );
        // After its end the hold keeps nothing (a plan may look ahead).
        let later = vault.retention_plan(&system, date(2030, 1, 2)).await.unwrap();
        assert!(later.persons.iter().any(|p| p.person_id == mixed));
        vault.close().await;
    }

    async fn a_run_killed_halfway_resumes_and_destroys_each_item_once(store) {
        let (vault, old, mixed, recent) = organisation(&store).await;
        let system = Actor::system("test");
        // A second old client, so that the run has three items: two whole files, one category.
        let old2 = client_in_care(&vault).await;
        vault
            .add_record(&zorg(), &old2, "zorgplan", "Zorgplan 2001", "zorgverlening")
            .await
            .unwrap();
        backdate(&store, &old2, "2001-05-01").await;
        // Not after today: a run destroys only what is due now.
        let future = vault
            .retention_run(&system, date(2047, 1, 1), RunOptions::default())
            .await
            .unwrap_err();
        assert!(matches!(future, VaultError::Invalid { field: "as_of", .. }), "{future}");
        let first = vault
            .retention_run(&system, today(), RunOptions { stop_after: Some(1) })
            .await
            .unwrap();
        assert_eq!(first.destroyed_now, 1);
        assert_eq!(first.remaining, 2);
        assert!(first.certificate.is_none());
        // The process dies: the vault is dropped with the run unfinished, and opened again.
        vault.close().await;
        let vault = store.open().await;
        // Another date is refused while the run is unfinished.
        let other = vault
            .retention_run(&system, date(2026, 1, 1), RunOptions::default())
            .await
            .unwrap_err();
        assert!(matches!(other, VaultError::Conflict { .. }), "{other}");
        let second = vault
            .retention_run(&system, today(), RunOptions::default())
            .await
            .unwrap();
        assert!(second.resumed);
        assert_eq!(second.run_id, first.run_id);
        assert_eq!(second.destroyed_now, 2, "the item done before the crash is not redone");
        let cert = second.certificate.unwrap();
        let mut destroyed: Vec<(&str, &str)> = cert
            .destroyed
            .iter()
            .map(|d| (d.person_id.as_str(), d.scope.as_str()))
            .collect();
        destroyed.sort();
        let mut expected = vec![
            (old.as_str(), "person"),
            (old2.as_str(), "person"),
            (mixed.as_str(), "records"),
        ];
        expected.sort();
        assert_eq!(destroyed, expected, "exactly what was due, each once");
        assert!(cert.skipped.is_empty(), "{:?}", cert.skipped);
        assert_eq!(cert.whole_files, 2);
        // 2 health records of `old`, 1 care plan of `old2`, 1 fiscal record of `mixed`.
        assert_eq!(cert.records, 4);
        let count = |c: &str| cert.counts.iter().find(|x| x.category == c).map(|x| x.records);
        assert_eq!(count("gezondheid"), Some(2));
        assert_eq!(count("financieel"), Some(1));
        // The certificate names ids, never content.
        let json = serde_json::to_string(&cert).unwrap();
        assert!(!json.contains("Factuur") && !json.contains("badkamer"), "{json}");
        // The mixed client keeps the health record of today, and loses the fiscal one.
        let view = vault.dossier(&actor("admin-1", "administratie"), &mixed, "administratie").await;
        assert!(view.map(|v| v.records.iter().all(|r| r.category != "financieel")).unwrap_or(true));
        let kept = vault.read_category(&zorg(), &mixed, "gezondheid", "zorgverlening", None).await.unwrap();
        assert_eq!(kept.len(), 1);
        assert!(vault.read_category(&zorg(), &recent, "gezondheid", "zorgverlening", None).await.is_ok());
        // Reprinted, the certificate is the same.
        let again = vault.retention_certificate(&system, &cert.run_id).await.unwrap();
        assert_eq!(again, cert);
        // A new run finds nothing due.
        let third = vault.retention_run(&system, today(), RunOptions::default()).await.unwrap();
        assert_ne!(third.run_id, cert.run_id);
        assert!(third.certificate.unwrap().destroyed.is_empty());
        // Every destruction is an event of the chain, which verifies.
        let log = vault.audit_for_person(&system, &mixed).await.unwrap();
        let destroy: Vec<_> = log.iter().filter(|e| e.action == AuditAction::Destroy).collect();
        assert_eq!(destroy.len(), 1, "{log:?}");
        assert_eq!(destroy[0].category.as_deref(), Some("financieel"));
        assert!(destroy[0].articles.contains("8.3"), "{}", destroy[0].articles);
        let report = vault.verify_audit().await.unwrap();
        assert!(report.ok(), "{report:?}");
        vault.close().await;
    }

    async fn a_record_added_after_the_plan_keeps_its_file(store) {
        let (vault, old, _mixed, _recent) = organisation(&store).await;
        let system = Actor::system("test");
        // The run stops before any item; then the old client gets a new record, a new last
        // change of the dossier: the WGBO's twenty years start again.
        let first = vault
            .retention_run(&system, today(), RunOptions { stop_after: Some(0) })
            .await
            .unwrap();
        assert_eq!(first.destroyed_now, 0);
        vault
            .add_record(&zorg(), &old, "rapportage", "Nieuwe rapportage", "zorgverlening")
            .await
            .unwrap();
        let run = vault.retention_run(&system, today(), RunOptions::default()).await.unwrap();
        let cert = run.certificate.unwrap();
        let skipped = cert.skipped.iter().find(|s| s.person_id == old).unwrap();
        assert_eq!(skipped.reason.as_deref(), Some("no_longer_due"));
        assert_eq!(
            vault.dossier(&zorg(), &old, "zorgverlening").await.unwrap().records.len(),
            3
        );
        vault.close().await;
    }

    async fn an_extension_keeps_a_category_past_its_term_until_withdrawn(store) {
        let (vault, old, mixed, _recent) = organisation(&store).await;
        let system = Actor::system("test");
        let next_year = today().checked_add(jiff::Span::new().years(1)).unwrap();
        let judgement = |reason: &str| NewRetentionExtension {
            person: old.clone(),
            category: "gezondheid".into(),
            ground: ExtensionGround::OordeelHulpverlener,
            until: next_year,
            reason: reason.into(),
        };
        // On the caregiver's judgement a reason is required; without one nothing is stored.
        let err = vault.extend_retention(&zorg(), &judgement("  ")).await.unwrap_err();
        assert!(matches!(err, VaultError::Invalid { field: "reason", .. }), "{err}");
        // The administration may not write health data, so it may not extend its retention.
        let err = vault
            .extend_retention(&actor("admin-1", "administratie"), &judgement("Erfelijke aandoening"))
            .await
            .unwrap_err();
        assert!(matches!(err, VaultError::Denied(_)), "{err}");
        // BG wonen 8.3 allows no extension of the fiscal administration on consent.
        let err = vault
            .extend_retention(
                &actor("admin-1", "administratie"),
                &NewRetentionExtension {
                    person: mixed.clone(),
                    category: "financieel".into(),
                    ground: ExtensionGround::Toestemming,
                    until: next_year,
                    reason: "Formulier 12".into(),
                },
            )
            .await
            .unwrap_err();
        assert!(matches!(err, VaultError::Invalid { field: "ground", .. }), "{err}");
        assert!(vault.retention_extensions(&directie()).await.unwrap().is_empty());

        let id = vault
            .extend_retention(&zorg(), &judgement("Erfelijke aandoening; van belang voor de kinderen"))
            .await
            .unwrap();
        // The old client's health records are kept now, so the file is no longer due.
        let plan = vault.retention_plan(&system, today()).await.unwrap();
        assert!(!plan.persons.iter().any(|p| p.person_id == old), "{:?}", plan.persons);
        // They are due again the day after the extension ends.
        let after = next_year.checked_add(jiff::Span::new().days(1)).unwrap();
        let later = vault.retention_plan(&system, after).await.unwrap();
        assert!(later.persons.iter().any(|p| p.person_id == old && p.whole_file));
        // The register shows it with the WGBO's article and the reason, for the directie.
        let list = vault.retention_extensions(&directie()).await.unwrap();
        assert_eq!(list.len(), 1);
        assert_eq!(list[0].id, id);
        assert_eq!(list[0].article, "art. 7:454 lid 3 BW");
        assert_eq!(list[0].decided_by, "zorg-1");
        assert_eq!(list[0].reason.as_deref(), Some("Erfelijke aandoening; van belang voor de kinderen"));
        // The decision is in the person's log, citing the article; so is the refusal to the
        // administration.
        let log = vault.audit_for_person(&system, &old).await.unwrap();
        let extend: Vec<_> = log.iter().filter(|e| e.action == AuditAction::RetentionExtend).collect();
        assert_eq!(extend.len(), 2, "{extend:?}");
        assert_eq!(extend[0].outcome, Outcome::Denied);
        assert_eq!(extend[1].outcome, Outcome::Allowed);
        assert!(extend[1].articles.contains("7:454"), "{}", extend[1].articles);
        // Withdrawn, the term counts again: the file is due today, and withdrawing twice is
        // refused.
        vault.withdraw_extension(&zorg(), &id).await.unwrap();
        let plan = vault.retention_plan(&system, today()).await.unwrap();
        assert!(plan.persons.iter().any(|p| p.person_id == old && p.whole_file));
        let err = vault.withdraw_extension(&zorg(), &id).await.unwrap_err();
        assert!(matches!(err, VaultError::Conflict { .. }), "{err}");
        let list = vault.retention_extensions(&directie()).await.unwrap();
        assert!(list[0].withdrawn_at.is_some());
        vault.close().await;
    }

    async fn a_transfer_of_the_whole_registration_suspends_every_term(store) {
        let (vault, old, mixed, _recent) = organisation(&store).await;
        let system = Actor::system("test");
        let before = vault.retention_plan(&system, today()).await.unwrap();
        assert_eq!(before.due_records, 3);
        // The caregiver may not decide it; BG wonen 3.5 makes the directie decide on keeping.
        let err = vault.start_transfer(&zorg(), "Zorggroep Noord", today()).await.unwrap_err();
        assert!(matches!(err, VaultError::Denied(_)), "{err}");
        let err = vault.start_transfer(&directie(), "  ", today()).await.unwrap_err();
        assert!(matches!(err, VaultError::Invalid { field: "recipient", .. }), "{err}");
        let id = vault.start_transfer(&directie(), "Zorggroep Noord", today()).await.unwrap();
        let err = vault.start_transfer(&directie(), "Zorggroep Zuid", today()).await.unwrap_err();
        assert!(matches!(err, VaultError::Conflict { field: "transfer", .. }), "{err}");
        // Nothing is due while it stands: what was due is held back, citing 3.7.
        let plan = vault.retention_plan(&system, today()).await.unwrap();
        assert_eq!((plan.due_records, plan.whole_files), (0, 0));
        assert!(plan.persons.is_empty());
        let transfer = plan.suspended_by_transfer.as_ref().unwrap();
        assert_eq!(transfer.id, id);
        assert_eq!(transfer.article, "3.7");
        assert_eq!(transfer.clients_told_on, None);
        let held: usize = plan.categories.iter().map(|c| c.held_records).sum();
        assert_eq!(held, 3, "{:?}", plan.categories);
        let run = vault.retention_run(&system, today(), RunOptions::default()).await.unwrap();
        assert!(run.certificate.unwrap().destroyed.is_empty());
        assert_eq!(vault.dossier(&zorg(), &old, "zorgverlening").await.unwrap().records.len(), 2);
        // The clients were told (not in the future); then it ends, and the terms apply again.
        let tomorrow = today().tomorrow().unwrap();
        let err = vault.record_transfer_told(&directie(), &id, tomorrow).await.unwrap_err();
        assert!(matches!(err, VaultError::Invalid { field: "told_on", .. }), "{err}");
        vault.record_transfer_told(&directie(), &id, today()).await.unwrap();
        let yesterday = today().yesterday().unwrap();
        let err = vault.end_transfer(&directie(), &id, yesterday).await.unwrap_err();
        assert!(matches!(err, VaultError::Invalid { field: "ended_on", .. }), "{err}");
        vault.end_transfer(&directie(), &id, today()).await.unwrap();
        let register = vault.registration_transfers(&directie()).await.unwrap();
        assert_eq!(register[0].clients_told_on, Some(today()));
        assert_eq!(register[0].ended_on, Some(today()));
        // On the day it ended it still stood; the day after, the terms count again.
        let after = vault.retention_plan(&system, tomorrow).await.unwrap();
        assert!(after.suspended_by_transfer.is_none());
        assert!(after.persons.iter().any(|p| p.person_id == mixed));
        let log = vault.audit_for_person(&system, &old).await.unwrap();
        assert!(!log.iter().any(|e| e.action == AuditAction::Destroy), "{log:?}");
        vault.close().await;
    }

    async fn a_transfer_is_refused_where_the_reglement_does_not_suspend_the_terms(store) {
        let vault = store.open_with("alpo-zorg").await;
        let err = vault
            .start_transfer(&Actor::system("test"), "Zorggroep Noord", today())
            .await
            .unwrap_err();
        assert!(matches!(err, VaultError::Invalid { field: "transfer", .. }), "{err}");
        vault.close().await;
    }
}
