//! Objections (art. 21 AVG): filed against a processing of the reglement with the answer
//! whether the right applies on its grondslag, decided with the balancing beside the record
//! (never overwritten), withdrawn; the standing objection the disclosure decision asks for
//! (upheld and pending block, rejected and withdrawn do not); bad input names the field and
//! stores nothing; every step is in the audit log. Synthetic data.

use jiff::civil::{Date, date};
use zorgkluis_core::Lang;
use zorgkluis_core::decide::{ObjectionQuery, ObjectionScope, ObjectionStanding};
use zorgkluis_core::vocabulary::{ObjectionOutcome, Requester};
use zorgkluis_store::audit::{AuditAction, Outcome};
use zorgkluis_store::vault::{Actor, NewObjection, NewPerson, PersonFacts, Vault, VaultError};
use zorgkluis_testkit::{actor, add_staff};

fn today() -> Date {
    zorgkluis_core::time::dutch_date(jiff::Timestamp::now())
}

fn dir() -> Actor {
    actor("dir-1", "directie")
}

async fn client_born(vault: &Vault, born: Date) -> String {
    vault
        .register_person(
            &actor("admin-1", "administratie"),
            &NewPerson {
                subject_category: "client".into(),
                bsn: None,
                facts: Some(PersonFacts {
                    name: "Testpersoon Bezwaar".into(),
                    birth_date: Some(born),
                    client_number: None,
                }),
            },
            "intake",
        )
        .await
        .expect("register")
}

/// An objection to BG wonen's camera surveillance (7.1, a legitimate interest).
fn camera(person: &str, day: Date) -> NewObjection {
    NewObjection {
        person: person.to_owned(),
        scope: ObjectionScope {
            processing: "cameratoezicht".into(),
            recipient: None,
            categories: vec![],
        },
        made_by: Requester::Betrokkene,
        representative_person: None,
        representative_name: None,
        ground: None,
        authorisation: false,
        subject_born: None,
        received_on: day,
        grounds: "De camera in de gang kijkt mijn kamer in.".into(),
    }
}

const CAMERA: ObjectionQuery<'static> = ObjectionQuery {
    processing: Some("cameratoezicht"),
    recipient: None,
    category: "camerabeelden",
};

fn field(e: VaultError) -> &'static str {
    match e {
        VaultError::Invalid { field, .. } => field,
        other => panic!("not invalid input: {other}"),
    }
}

zorgkluis_testkit::on_both_backends! {
    async fn an_objection_is_filed_pending_blocks_and_upheld_blocks(store) {
        let vault = store.open().await;
        add_staff(&vault, &[("admin-1", "administratie"), ("dir-1", "directie")]).await;
        let person = client_born(&vault, date(1975, 6, 1)).await;
        let day = today();
        let filed = vault.file_objection(&dir(), &camera(&person, day), Lang::En).await.unwrap();
        assert!(filed.applies, "camera surveillance rests on a legitimate interest");
        assert_eq!(filed.articles, vec!["AVG art. 21 lid 1".to_owned()]);
        assert!(filed.answer.contains("art. 18 lid 1 sub d"), "{}", filed.answer);

        // Pending: the balancing is not done; restricted meanwhile (art. 18 lid 1 sub d).
        let (o, standing) = vault.standing_objection(&person, &CAMERA, day).await.unwrap().expect("pending blocks");
        assert_eq!((o.id.as_str(), standing), (filed.id.as_str(), ObjectionStanding::Pending));
        assert_eq!(o.grounds, None, "the query opens nothing");
        // Another processing is not touched.
        let other = ObjectionQuery { processing: Some("zorgverlening"), category: "rapportage", ..CAMERA };
        assert!(vault.standing_objection(&person, &other, day).await.unwrap().is_none());

        vault.decide_objection(&dir(), &filed.id, ObjectionOutcome::Toegewezen, None, None).await.unwrap();
        let (_, standing) = vault.standing_objection(&person, &CAMERA, day).await.unwrap().expect("upheld blocks");
        assert_eq!(standing, ObjectionStanding::Upheld);
        // Never overwritten: a second decision is refused.
        let err = vault
            .decide_objection(&dir(), &filed.id, ObjectionOutcome::Afgewezen, Some("x"), None)
            .await
            .unwrap_err();
        assert!(matches!(err, VaultError::Conflict { field: "objection", .. }), "{err}");

        // Withdrawn: blocks no more; the record and its decision stay.
        vault.withdraw_objection(&dir(), &filed.id, Requester::Betrokkene, None).await.unwrap();
        assert!(vault.standing_objection(&person, &CAMERA, day).await.unwrap().is_none());
        let err = vault.withdraw_objection(&dir(), &filed.id, Requester::Betrokkene, None).await.unwrap_err();
        assert!(matches!(err, VaultError::Conflict { .. }), "{err}");
        let list = vault.objections(&dir(), &person).await.unwrap();
        assert_eq!(list.len(), 1);
        let o = &list[0];
        assert_eq!(o.grounds.as_deref(), Some("De camera in de gang kijkt mijn kamer in."));
        assert_eq!(o.decision.as_ref().unwrap().outcome, ObjectionOutcome::Toegewezen);
        assert_eq!(o.decision.as_ref().unwrap().decided_by, "dir-1");
        assert_eq!(o.withdrawal.as_ref().unwrap().withdrawn_on, day);

        let log = vault.audit_for_person(&Actor::system("test"), &person).await.unwrap();
        let file = log.iter().find(|e| e.action == AuditAction::ObjectionFile).expect("file");
        assert_eq!(file.object.as_deref(), Some(filed.id.as_str()));
        assert!(file.articles.contains("AVG art. 21 lid 1"), "{}", file.articles);
        assert!(log.iter().any(|e| e.action == AuditAction::ObjectionDecide && e.outcome == Outcome::Allowed));
        assert!(log.iter().any(|e| e.action == AuditAction::ObjectionWithdraw));
        assert!(log.iter().any(|e| e.action == AuditAction::ObjectionRead));
        vault.close().await;
    }

    async fn a_rejection_needs_the_compelling_grounds_and_then_does_not_block(store) {
        let vault = store.open().await;
        add_staff(&vault, &[("admin-1", "administratie"), ("dir-1", "directie")]).await;
        let person = client_born(&vault, date(1975, 6, 1)).await;
        let day = today();
        let filed = vault.file_objection(&dir(), &camera(&person, day), Lang::En).await.unwrap();
        let err = vault
            .decide_objection(&dir(), &filed.id, ObjectionOutcome::Afgewezen, None, None)
            .await
            .unwrap_err();
        assert_eq!(field(err), "compelling_grounds");
        let err = vault
            .decide_objection(&dir(), &filed.id, ObjectionOutcome::Afgewezen, Some("   "), None)
            .await
            .unwrap_err();
        assert_eq!(field(err), "compelling_grounds");
        assert!(vault.objections(&dir(), &person).await.unwrap()[0].decision.is_none(), "nothing stored");
        let grounds = "Camera alleen op de gang bij de nooduitgang; nodig voor de veiligheid van medebewoners.";
        let articles = vault
            .decide_objection(&dir(), &filed.id, ObjectionOutcome::Afgewezen, Some(grounds), None)
            .await
            .unwrap();
        assert!(articles.contains(&"AVG art. 12 lid 4".to_owned()), "{articles:?}");
        assert!(vault.standing_objection(&person, &CAMERA, day).await.unwrap().is_none(), "rejected: no block");
        let o = &vault.objections(&dir(), &person).await.unwrap()[0];
        assert_eq!(o.decision.as_ref().unwrap().compelling_grounds.as_deref(), Some(grounds));
        // A decision on a withdrawn objection is refused.
        let second = vault.file_objection(&dir(), &camera(&person, day), Lang::En).await.unwrap();
        vault.withdraw_objection(&dir(), &second.id, Requester::Betrokkene, None).await.unwrap();
        let err = vault
            .decide_objection(&dir(), &second.id, ObjectionOutcome::Toegewezen, None, None)
            .await
            .unwrap_err();
        assert!(matches!(err, VaultError::Conflict { .. }), "{err}");
        vault.close().await;
    }

    async fn an_objection_where_the_right_does_not_apply_is_recorded_with_the_answer(store) {
        let vault = store.open().await;
        add_staff(&vault, &[("admin-1", "administratie"), ("dir-1", "directie")]).await;
        let person = client_born(&vault, date(1975, 6, 1)).await;
        let day = today();
        // BG wonen's care rests on the agreement and the law: art. 21 lid 1 does not reach it.
        let care = NewObjection {
            scope: ObjectionScope {
                processing: "zorgverlening".into(),
                recipient: Some("zorgaanbieder".into()),
                categories: vec!["gezondheid".into()],
            },
            ..camera(&person, day)
        };
        let filed = vault.file_objection(&dir(), &care, Lang::Nl).await.unwrap();
        assert!(!filed.applies);
        assert!(filed.articles.contains(&"AVG art. 6 lid 1 sub b".to_owned()), "{:?}", filed.articles);
        assert!(filed.answer.contains("geldt niet"), "{}", filed.answer);
        // Undecided: raised, left to the reglement's rule (bezwaar_blokkeert), not a block by law.
        let disclose = ObjectionQuery { processing: None, recipient: Some("zorgaanbieder"), category: "gezondheid" };
        let (_, standing) = vault.standing_objection(&person, &disclose, day).await.unwrap().expect("raised");
        assert_eq!(standing, ObjectionStanding::Raised);
        assert!(!standing.blocks_by_law());
        // A rejection needs no balancing where the right does not apply.
        vault.decide_objection(&dir(), &filed.id, ObjectionOutcome::Afgewezen, None, None).await.unwrap();
        assert!(vault.standing_objection(&person, &disclose, day).await.unwrap().is_none());
        vault.close().await;
    }

    async fn bad_input_names_the_field_and_stores_nothing(store) {
        let vault = store.open().await;
        add_staff(&vault, &[("admin-1", "administratie"), ("dir-1", "directie")]).await;
        let person = client_born(&vault, date(1975, 6, 1)).await;
        let day = today();
        let mut o = camera(&person, day);
        o.scope.processing = "camertoezicht".into();
        let err = vault.file_objection(&dir(), &o, Lang::En).await.unwrap_err();
        assert!(err.to_string().contains("cameratoezicht"), "did you mean: {err}");
        assert_eq!(field(err), "processing");
        let mut o = camera(&person, day);
        o.scope.recipient = Some("bakker".into());
        assert_eq!(field(vault.file_objection(&dir(), &o, Lang::En).await.unwrap_err()), "recipient");
        let mut o = camera(&person, day);
        o.scope.categories = vec!["hobbys".into()];
        assert_eq!(field(vault.file_objection(&dir(), &o, Lang::En).await.unwrap_err()), "categories");
        let mut o = camera(&person, day);
        o.received_on = day.tomorrow().unwrap();
        assert_eq!(field(vault.file_objection(&dir(), &o, Lang::En).await.unwrap_err()), "received_on");
        let mut o = camera(&person, day);
        o.grounds = " ".into();
        assert_eq!(field(vault.file_objection(&dir(), &o, Lang::En).await.unwrap_err()), "grounds");
        // A curator without the measure is refused, naming who made it, and logged.
        let o = NewObjection { made_by: Requester::Curator, ..camera(&person, day) };
        let err = vault.file_objection(&dir(), &o, Lang::En).await.unwrap_err();
        assert!(matches!(err, VaultError::Invalid { .. }), "{err}");
        assert!(vault.objections(&dir(), &person).await.unwrap().is_empty(), "nothing stored");
        let log = vault.audit_for_person(&Actor::system("test"), &person).await.unwrap();
        assert!(log.iter().any(|e| e.action == AuditAction::ObjectionFile && e.outcome == Outcome::Denied));
        assert!(!log.iter().any(|e| e.action == AuditAction::ObjectionFile && e.outcome == Outcome::Allowed));
        // A role without the duty of handling requests is refused, and that is logged.
        let err = vault
            .file_objection(&actor("admin-1", "administratie"), &camera(&person, day), Lang::En)
            .await
            .unwrap_err();
        assert!(matches!(err, VaultError::Denied(_)), "{err}");
        let err = vault.decide_objection(&dir(), "no-such-objection", ObjectionOutcome::Toegewezen, None, None).await.unwrap_err();
        assert!(matches!(err, VaultError::NotFound(_)), "{err}");
        vault.close().await;
    }
}
