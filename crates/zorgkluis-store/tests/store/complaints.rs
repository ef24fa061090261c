//! The complaints register (Wkkgz art. 13 and 17): only the role the reglement gives
//! `manage_complaints` keeps and reads it (BG wonen 4.9: the directie), each step logged with
//! the complaint's id as its object; the decision is due six weeks after receipt, ten when an
//! extension is told in writing before the six weeks end (art. 17 lid 2), and one told later is
//! refused; the free text is sealed; bad input names its field and changes nothing.

use jiff::civil::{Date, date};
use zorgkluis_core::vocabulary::{ComplainantKind, ComplaintOutcome};
use zorgkluis_store::vault::{Actor, NewComplaint, VaultError};
use zorgkluis_testkit::{Backend, actor, all_bytes, contains};

use crate::access_path::event_count;

fn directie() -> Actor {
    actor("dir-1", "directie")
}

const ABOUT: &str = "Mevrouw klaagt dat haar medicatieoverzicht aan de buurvrouw is meegegeven";
const EXTENSION_REASON: &str = "Het verslag van de avonddienst is nog niet binnen";
const DECISION: &str = "De overdracht is besproken in het team; het protocol is aangescherpt";

/// A Tuesday; six weeks later (13 October) and ten weeks later (10 November) are working days.
const RECEIVED: Date = date(2026, 9, 1);

fn complaint(received: Date) -> NewComplaint {
    NewComplaint {
        received,
        by: ComplainantKind::Vertegenwoordiger,
        person: None,
        about: ABOUT.into(),
        officer_involved: true,
    }
}

fn invalid_field(e: &VaultError) -> &'static str {
    match e {
        VaultError::Invalid { field, .. } => field,
        other => panic!("not an invalid field: {other:?}"),
    }
}

/// The actions and outcomes logged with `object`, in order.
async fn events_of(store: &zorgkluis_testkit::TestStore, object: &str) -> Vec<(String, String)> {
    use sqlx::Row as _;
    let mut conn = store.raw().await;
    sqlx::query("SELECT action, outcome FROM audit_events WHERE object = $1 ORDER BY seq")
        .bind(object)
        .fetch_all(&mut conn)
        .await
        .unwrap()
        .iter()
        .map(|r| (r.get::<String, _>(0), r.get::<String, _>(1)))
        .collect()
}

zorgkluis_testkit::on_both_backends! {
    async fn the_directie_keeps_the_register_and_the_decision_is_due_in_six_weeks(store) {
        let vault = store.open().await;
        let before = event_count(&vault).await;
        let refused = vault
            .record_complaint(&actor("zorg-1", "zorgverlener"), &complaint(RECEIVED))
            .await;
        assert!(matches!(refused, Err(VaultError::Denied(_))), "{refused:?}");
        assert_eq!(event_count(&vault).await, before + 1, "the refusal is logged");
        assert!(
            vault.complaints(&actor("zorg-1", "zorgverlener")).await.is_err(),
            "a caregiver does not read the register"
        );

        let id = vault.record_complaint(&directie(), &complaint(RECEIVED)).await.unwrap();
        let all = vault.complaints(&directie()).await.unwrap();
        assert_eq!(all.len(), 1);
        let c = &all[0];
        assert_eq!(c.id, id);
        assert_eq!(c.about, ABOUT);
        assert_eq!(c.by, ComplainantKind::Vertegenwoordiger);
        assert!(c.officer_involved);
        assert!(c.open());
        assert_eq!(c.clock.decide_by, date(2026, 10, 13), "six weeks (Wkkgz art. 17 lid 1)");
        assert_eq!(c.clock.extension_told_by, date(2026, 10, 13));
        assert!(c.clock.articles.iter().any(|a| a.contains("Wkkgz art. 17")), "{:?}", c.clock.articles);
        assert!(c.overdue(date(2026, 10, 14)));

        // Told in time: ten weeks.
        let c = vault
            .extend_complaint(&directie(), &id, date(2026, 10, 12), EXTENSION_REASON)
            .await
            .unwrap();
        assert_eq!(c.clock.decide_by, date(2026, 11, 10), "ten weeks (art. 17 lid 2)");
        assert_eq!(c.extension.as_ref().unwrap().reason, EXTENSION_REASON);
        // Once only.
        let e = vault
            .extend_complaint(&directie(), &id, date(2026, 10, 12), "Nog eens")
            .await
            .unwrap_err();
        assert_eq!(invalid_field(&e), "told");

        let c = vault
            .decide_complaint(&directie(), &id, date(2026, 11, 2), ComplaintOutcome::DeelsGegrond, DECISION)
            .await
            .unwrap();
        assert!(!c.open());
        assert_eq!(c.decided_in_time(), Some(true));
        let again = vault.complaint(&directie(), &id).await.unwrap();
        let d = again.decision.unwrap();
        assert_eq!((d.on, d.outcome, d.text.as_str()), (date(2026, 11, 2), ComplaintOutcome::DeelsGegrond, DECISION));
        assert_eq!(again.clock.decide_by, date(2026, 11, 10));

        // Every step logged with the complaint as its object; a change is the read that opens
        // its text, then the change.
        let actions: Vec<String> = events_of(&store, &id).await.into_iter().map(|(a, _)| a).collect();
        assert_eq!(
            actions,
            [
                "complaint_record",
                "complaint_read", "complaint_change",
                "complaint_read",
                "complaint_read", "complaint_change",
                "complaint_read",
            ],
            "{}",
            store.name()
        );

        vault.close().await;
        if store.backend == Backend::Sqlite {
            let bytes = all_bytes(store.dir.path());
            assert!(!contains(&bytes, "buurvrouw"), "what it is about is sealed");
            assert!(!contains(&bytes, "avonddienst"), "the extension's reason is sealed");
            assert!(!contains(&bytes, "aangescherpt"), "the decision's text is sealed");
        }
        let vault = store.open().await;
        let report = vault.verify_audit().await.unwrap();
        assert!(report.ok(), "{}: {:?}", store.name(), report.findings);
    }

    async fn an_extension_told_too_late_is_refused_and_changes_nothing(store) {
        let vault = store.open().await;
        let id = vault.record_complaint(&directie(), &complaint(RECEIVED)).await.unwrap();
        let before = event_count(&vault).await;
        // The six weeks ended on 13 October.
        let e = vault
            .extend_complaint(&directie(), &id, date(2026, 10, 14), EXTENSION_REASON)
            .await
            .unwrap_err();
        assert_eq!(invalid_field(&e), "told");
        let c = vault.complaint(&directie(), &id).await.unwrap();
        assert!(c.extension.is_none(), "nothing changed");
        assert_eq!(c.clock.decide_by, date(2026, 10, 13));
        assert!(!c.clock.extended);
        let logged = events_of(&store, &id).await;
        assert!(
            !logged[1..].iter().any(|(a, _)| a == "complaint_change"),
            "no change logged: {logged:?}"
        );
        assert!(event_count(&vault).await > before, "the read is logged");
    }

    async fn bad_input_names_the_field_and_records_nothing(store) {
        let vault = store.open().await;
        let id = vault.record_complaint(&directie(), &complaint(RECEIVED)).await.unwrap();
        let before = event_count(&vault).await;
        let future = zorgkluis_core::time::dutch_date(jiff::Timestamp::now())
            .tomorrow()
            .unwrap();
        let e = vault.record_complaint(&directie(), &complaint(future)).await.unwrap_err();
        assert_eq!(invalid_field(&e), "received");
        let mut c = complaint(RECEIVED);
        c.about = "  ".into();
        assert_eq!(invalid_field(&vault.record_complaint(&directie(), &c).await.unwrap_err()), "about");
        let mut c = complaint(RECEIVED);
        c.person = Some("geen-client".into());
        assert_eq!(invalid_field(&vault.record_complaint(&directie(), &c).await.unwrap_err()), "person");
        assert_eq!(event_count(&vault).await, before, "nothing logged, nothing recorded");
        assert_eq!(
            invalid_field(&zorgkluis_store::vault::parse_outcome("terecht").unwrap_err()),
            "outcome"
        );

        // A decision before the receipt: only the read is logged, nothing changes.
        let e = vault
            .decide_complaint(&directie(), &id, date(2026, 8, 31), ComplaintOutcome::Ongegrond, DECISION)
            .await
            .unwrap_err();
        assert_eq!(invalid_field(&e), "on");
        assert!(vault.complaint(&directie(), &id).await.unwrap().open());
        let before = event_count(&vault).await;
        assert!(matches!(
            vault.complaint(&directie(), "geen-klacht").await,
            Err(VaultError::NotFound(_))
        ));
        assert_eq!(event_count(&vault).await, before);
        assert_eq!(vault.complaints(&directie()).await.unwrap().len(), 1);
    }

    async fn a_complaint_about_a_client_is_in_their_access_log(store) {
        let vault = store.open().await;
        let person = zorgkluis_testkit::register_client(&vault).await;
        let mut c = complaint(RECEIVED);
        c.person = Some(person.clone());
        c.by = ComplainantKind::Client;
        let id = vault.record_complaint(&directie(), &c).await.unwrap();
        let c = vault.refer_complaint(&directie(), &id, date(2026, 11, 20)).await.unwrap();
        assert_eq!(c.referred, Some(date(2026, 11, 20)));
        let c = vault.mark_complaint(&directie(), &id, None, Some(true)).await.unwrap();
        assert!(c.to_ap);
        assert_eq!(c.person.as_deref(), Some(person.as_str()));
        use sqlx::Row as _;
        let mut conn = store.raw().await;
        let n: i64 = sqlx::query(
            "SELECT COUNT(*) FROM audit_events WHERE object = $1 AND person_id = $2",
        )
        .bind(&id)
        .bind(&person)
        .fetch_one(&mut conn)
        .await
        .unwrap()
        .get(0);
        assert_eq!(n, 5, "record, and read + change twice, each about the client");
    }
}
