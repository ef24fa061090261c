//! The request register (issue 12): who may file, the clock, the decision, the extension told
//! within the month, withdrawal; every change in the audit chain, bad input changing nothing.

use jiff::ToSpan as _;
use jiff::civil::Date;
use zorgkluis_core::Lang;
use zorgkluis_core::decide::request_deadlines;
use zorgkluis_core::vocabulary::{
    Channel, Ground, RequestOutcome, RequestStatus, RequestType, Requester,
};
use zorgkluis_store::audit::{AuditAction, Outcome};
use zorgkluis_store::vault::{
    Actor, NewPerson, NewRequest, PersonFacts, RequestDetails, RequestFilter, RequesterFacts,
    Vault, VaultError,
};
use zorgkluis_testkit::{Backend, STAFF, actor, add_staff, all_bytes, contains};

use crate::access_path::event_count;

fn today() -> Date {
    zorgkluis_core::time::dutch_date(jiff::Timestamp::now())
}

fn handler() -> Actor {
    actor("dir-1", "directie")
}

/// A client `years` old (and a day) today.
async fn client(vault: &Vault, years: i16) -> String {
    let born = today()
        .checked_sub(years.years())
        .unwrap()
        .checked_sub(1.day())
        .unwrap();
    vault
        .register_person(
            &actor("admin-1", "administratie"),
            &NewPerson {
                subject_category: "client".into(),
                bsn: None,
                facts: Some(PersonFacts {
                    name: "Synthetische Cliënt".into(),
                    birth_date: Some(born),
                    client_number: None,
                }),
            },
            "intake",
        )
        .await
        .unwrap()
}

fn request(person: &str, kind: Option<Requester>) -> NewRequest {
    NewRequest {
        person: person.to_owned(),
        request: RequestType::Inzage,
        channel: Channel::Schriftelijk,
        received: today(),
        requester: RequesterFacts {
            kind,
            ..RequesterFacts::default()
        },
        details: RequestDetails {
            categories: vec!["gezondheid".into()],
            changes: None,
            requester_name: None,
        },
    }
}

/// The core's deadline: the register uses it, never its own count.
fn respond_by(vault: &Vault, request: RequestType, received: Date) -> Date {
    request_deadlines(vault.reglement(), request, received, None)
        .unwrap()
        .respond_by
        .date
}

async fn rows(vault: &Vault) -> usize {
    vault
        .list_requests(&handler(), RequestFilter::default())
        .await
        .unwrap()
        .len()
}

zorgkluis_testkit::on_both_backends! {
    /// The subject files; the register shows it with its deadline, the request page opens what
    /// is asked, and its history is its events.
    async fn a_request_by_the_subject_is_filed_with_its_deadlines(store) {
        let vault = store.open().await;
        add_staff(&vault, STAFF).await;
        let person = client(&vault, 40).await;
        let mut new = request(&person, None);
        new.details.changes = Some("Mijn adres is Voorbeeldlaan 12".into());
        let filed = vault.file_request(&handler(), &new, Lang::Nl).await.unwrap();
        assert!(filed.requester.allowed);
        assert!(filed.identity_required, "BG wonen 4.4 asks for an identity check");
        assert_eq!(filed.respond_by, respond_by(&vault, RequestType::Inzage, today()));
        let shown = vault.request(&handler(), &filed.id).await.unwrap();
        assert_eq!(shown.status, RequestStatus::Ontvangen);
        assert_eq!(shown.details.unwrap().changes.as_deref(), Some("Mijn adres is Voorbeeldlaan 12"));
        let steps: Vec<&str> = shown.timeline.iter().map(|e| e.step.as_str()).collect();
        assert_eq!(steps, ["verzoek-ingediend", "verzoek-ingezien"]);
        let open = vault
            .list_requests(&handler(), RequestFilter { open: true, ..Default::default() })
            .await
            .unwrap();
        assert_eq!(open.len(), 1);
        assert_eq!(open[0].due, Some(filed.respond_by));
        // What is asked is sealed: neither the database nor the chain holds it.
        vault.checkpoint_now().await.unwrap();
        if store.backend == Backend::Sqlite {
            assert!(!contains(&all_bytes(store.dir.path()), "Voorbeeldlaan"), "sealed");
        }
        // A caregiver does not handle requests: denied, and logged.
        let denied = vault.request(&actor("zorg-1", "zorgverlener"), &filed.id).await;
        assert!(matches!(denied, Err(VaultError::Denied(_))), "{denied:?}");
        event_count(&vault).await;
        vault.close().await;
    }

    /// The WGBO ages: the parent of a 10-year-old files; of a 14-year-old too, with the minor's
    /// rights kept; of a 17-year-old not: the minor files himself.
    async fn who_may_file_for_a_minor(store) {
        let vault = store.open().await;
        let ten = client(&vault, 10).await;
        let filed = vault
            .file_request(&handler(), &request(&ten, Some(Requester::Ouder)), Lang::Nl)
            .await
            .unwrap();
        assert!(filed.requester.also_needed.is_empty());
        let fourteen = client(&vault, 14).await;
        let filed = vault
            .file_request(&handler(), &request(&fourteen, Some(Requester::Ouder)), Lang::Nl)
            .await
            .unwrap();
        assert!(
            filed.requester.also_needed.iter().any(|n| n.contains("eigen rechten")),
            "{:?}",
            filed.requester.also_needed
        );
        let shown = vault.request(&handler(), &filed.id).await.unwrap();
        assert_eq!(shown.requester.kind, Requester::Ouder);
        assert!(!shown.requester.also_needed.is_empty());
        let seventeen = client(&vault, 17).await;
        let refused = vault
            .file_request(&handler(), &request(&seventeen, Some(Requester::Ouder)), Lang::Nl)
            .await;
        match refused {
            Err(VaultError::Invalid { field: "requester_kind", message }) => {
                assert!(message.contains("art. 7:447 BW"), "{message}");
            }
            other => panic!("{other:?}"),
        }
        assert_eq!(rows(&vault).await, 2, "the refused request is not filed");
        // The refusal is in the log, denied, with the articles that decided it.
        let log = vault.audit_for_person(&actor("fg-1", "fg"), &seventeen).await.unwrap();
        let refusal = log
            .iter()
            .find(|e| e.action == AuditAction::RequestFile)
            .expect("the refusal is logged");
        assert_eq!(refusal.outcome, Outcome::Denied);
        assert!(refusal.articles.contains("art. 7:447 BW"), "{}", refusal.articles);
        event_count(&vault).await;
        vault.close().await;
    }

    /// A curator files for an adult under guardianship; a neighbour without an authorisation
    /// is refused with the reason; the subject files orally and the clock starts on receipt.
    async fn a_curator_a_neighbour_and_an_oral_request(store) {
        let vault = store.open().await;
        let adult = client(&vault, 50).await;
        let mut by_curator = request(&adult, Some(Requester::Curator));
        by_curator.requester.ground = Some(Ground::Curatele);
        vault.file_request(&handler(), &by_curator, Lang::Nl).await.unwrap();
        let mut neighbour = request(&adult, Some(Requester::Gemachtigde));
        neighbour.details.requester_name = Some("de buurman".into());
        match vault.file_request(&handler(), &neighbour, Lang::Nl).await {
            Err(VaultError::Invalid { field: "requester_kind", message }) => {
                assert!(message.contains("machtiging"), "{message}");
            }
            other => panic!("{other:?}"),
        }
        let mut oral = request(&adult, None);
        oral.channel = Channel::Mondeling;
        oral.received = today().checked_sub(3.days()).unwrap();
        let filed = vault.file_request(&handler(), &oral, Lang::Nl).await.unwrap();
        assert_eq!(filed.respond_by, respond_by(&vault, RequestType::Inzage, oral.received));
        assert!(
            filed.notes.iter().any(|n| n.contains("AVG art. 12 lid 2")),
            "the reglement's 'schriftelijk' is procedure: {:?}",
            filed.notes
        );
        assert_eq!(rows(&vault).await, 2);
        event_count(&vault).await;
        vault.close().await;
    }

    /// An extension told within the month moves the deadline by two months; one told after
    /// the deadline is refused with the reason, and changes nothing.
    async fn an_extension_must_be_told_within_the_month(store) {
        let vault = store.open().await;
        let person = client(&vault, 40).await;
        let mut recent = request(&person, None);
        recent.received = today().checked_sub(10.days()).unwrap();
        let filed = vault.file_request(&handler(), &recent, Lang::Nl).await.unwrap();
        let ext = vault
            .extend_request(&handler(), &filed.id, "veel dossiers uit meerdere jaren", today(), Lang::Nl)
            .await
            .unwrap();
        let extended = request_deadlines(vault.reglement(), RequestType::Inzage, recent.received, None)
            .unwrap()
            .respond_by_extended
            .unwrap();
        assert_eq!(ext.respond_by.date, extended.date);
        let shown = vault.request(&handler(), &filed.id).await.unwrap();
        assert_eq!(shown.respond_by, ext.respond_by.date);
        assert_eq!(
            shown.extension.unwrap().reason.as_deref(),
            Some("veel dossiers uit meerdere jaren")
        );
        let mut old = request(&person, None);
        old.received = today().checked_sub(40.days()).unwrap();
        let filed = vault.file_request(&handler(), &old, Lang::Nl).await.unwrap();
        let before = event_count(&vault).await;
        match vault.extend_request(&handler(), &filed.id, "te laat", today(), Lang::Nl).await {
            Err(VaultError::Invalid { field: "told", message }) => {
                assert!(message.contains("AVG art. 12 lid 3"), "{message}");
            }
            other => panic!("{other:?}"),
        }
        assert_eq!(event_count(&vault).await, before, "nothing changed");
        let shown = vault.request(&handler(), &filed.id).await.unwrap();
        assert!(shown.extension.is_none());
        assert!(shown.overdue);
        let overdue = vault
            .list_requests(&handler(), RequestFilter { open: true, overdue: true, ..Default::default() })
            .await
            .unwrap();
        assert_eq!(overdue.len(), 1);
        assert_eq!(overdue[0].id, filed.id);
        vault.close().await;
    }

    /// Identity, progress, decision, execution; and a withdrawn request. Every change is in
    /// the chain, which verifies.
    async fn a_request_is_decided_carried_out_or_withdrawn(store) {
        let vault = store.open().await;
        let person = client(&vault, 40).await;
        let mut new = request(&person, None);
        new.request = RequestType::Correctie;
        let filed = vault.file_request(&handler(), &new, Lang::Nl).await.unwrap();
        let id = &filed.id;
        // Granting before the identity is established is refused (BG wonen 4.7).
        let early = vault
            .decide_request(&handler(), id, RequestOutcome::Toegewezen, &[], today(), Lang::Nl)
            .await;
        assert!(matches!(early, Err(VaultError::Invalid { field: "status", .. })), "{early:?}");
        vault
            .advance_request(&handler(), id, RequestStatus::IdentiteitVastgesteld, today(), Lang::Nl)
            .await
            .unwrap();
        vault
            .advance_request(&handler(), id, RequestStatus::InBehandeling, today(), Lang::Nl)
            .await
            .unwrap();
        let decision = vault
            .decide_request(&handler(), id, RequestOutcome::Toegewezen, &[], today(), Lang::Nl)
            .await
            .unwrap();
        // Carried out within 14 working days (4.8), sooner than 30 days (4.7).
        assert!(decision.execute_by.is_some());
        vault
            .advance_request(&handler(), id, RequestStatus::Uitgevoerd, today(), Lang::Nl)
            .await
            .unwrap();
        let shown = vault.request(&handler(), id).await.unwrap();
        assert_eq!(shown.status, RequestStatus::Uitgevoerd);
        assert_eq!(shown.executed_on, Some(today()));
        let steps: Vec<&str> = shown
            .timeline
            .iter()
            .filter(|e| e.action != AuditAction::RequestRead)
            .map(|e| e.step.as_str())
            .collect();
        assert_eq!(
            steps,
            [
                "verzoek-ingediend",
                "verzoek-identiteit-vastgesteld",
                "verzoek-in-behandeling",
                "verzoek-besloten",
                "verzoek-uitgevoerd"
            ]
        );
        // Withdrawn: closed, and no longer open in the register.
        let other = vault.file_request(&handler(), &request(&person, None), Lang::Nl).await.unwrap();
        vault.withdraw_request(&handler(), &other.id, Lang::Nl).await.unwrap();
        let again = vault.withdraw_request(&handler(), &other.id, Lang::Nl).await;
        assert!(matches!(again, Err(VaultError::Invalid { field: "status", .. })), "{again:?}");
        let open = vault
            .list_requests(&handler(), RequestFilter { open: true, ..Default::default() })
            .await
            .unwrap();
        assert!(open.is_empty(), "{open:?}");
        // A refusal with the reglement's ground and its article.
        let refused = vault.file_request(&handler(), &request(&person, None), Lang::Nl).await.unwrap();
        let d = vault
            .decide_request(&handler(), &refused.id, RequestOutcome::Afgewezen, &["4.4/3".into()], today(), Lang::Nl)
            .await
            .unwrap();
        assert_eq!(d.grounds[0].articles, ["4.4"]);
        let report = vault.verify_audit().await.unwrap();
        assert!(report.ok(), "{:?}", report.findings);
        vault.close().await;
    }

    /// Bad input names the field and changes nothing: a received date in the future, a
    /// ground the reglement does not allow for the type, an unknown requester person.
    async fn bad_input_changes_nothing(store) {
        let vault = store.open().await;
        let person = client(&vault, 40).await;
        let filed = vault.file_request(&handler(), &request(&person, None), Lang::Nl).await.unwrap();
        let before = event_count(&vault).await;
        let mut future = request(&person, None);
        future.received = today().checked_add(1.day()).unwrap();
        let e = vault.file_request(&handler(), &future, Lang::Nl).await;
        assert!(matches!(e, Err(VaultError::Invalid { field: "received", .. })), "{e:?}");
        let e = vault
            .decide_request(
                &handler(),
                &filed.id,
                RequestOutcome::Afgewezen,
                &["wettelijke_bewaarplicht".into()],
                today(),
                Lang::Nl,
            )
            .await;
        match e {
            Err(VaultError::Invalid { field: "ground", message }) => {
                assert!(message.contains("kennelijk_ongegrond"), "lists the allowed: {message}");
            }
            other => panic!("{other:?}"),
        }
        let mut stranger = request(&person, Some(Requester::Gemachtigde));
        stranger.requester.person = Some("00000000-0000-0000-0000-000000000000".into());
        let e = vault.file_request(&handler(), &stranger, Lang::Nl).await;
        assert!(matches!(e, Err(VaultError::Invalid { field: "requester", .. })), "{e:?}");
        let e = vault.request(&handler(), "no-such-request").await;
        assert!(matches!(e, Err(VaultError::NotFound(_))), "{e:?}");
        assert_eq!(event_count(&vault).await, before, "nothing was written");
        assert_eq!(rows(&vault).await, 1);
        vault.close().await;
    }
}
