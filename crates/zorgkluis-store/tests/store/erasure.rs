//! Erasure per category: the care notes crypto-shredded, the invoices kept; a certificate that
//! names categories and counts, never content; backups reached through the category's key.

use zorgkluis_store::audit::AuditAction;
use zorgkluis_store::vault::{
    CategoryErasure, NewHold, RefusalGround, RefusedCategory, Vault, VaultError,
};
use zorgkluis_testkit::{Backend, TestStore, actor, all_bytes, contains};

use super::access_path::{HEALTH_NOTE, seeded};

const INVOICE: &str = "Factuur december: 12 uur begeleiding";

/// The seeded person with a health note (zorg-1) and an invoice (administration).
async fn with_invoice(vault: &Vault) -> String {
    let (person, _) = seeded(vault).await;
    vault
        .add_record(
            &actor("admin-1", "administratie"),
            &person,
            "financieel",
            INVOICE,
            "declaratie",
        )
        .await
        .unwrap();
    person
}

fn care_notes() -> Vec<CategoryErasure> {
    vec![CategoryErasure {
        category: "gezondheid".into(),
        articles: vec!["AVG art. 17 lid 1".into(), "art. 7:455 BW".into()],
    }]
}

fn fiscal_refusal() -> Vec<RefusedCategory> {
    vec![RefusedCategory {
        category: "financieel".into(),
        grounds: vec![RefusalGround {
            id: "fiscale_bewaarplicht".into(),
            article: "art. 52 lid 4 AWR".into(),
            reason: "fiscale bewaarplicht van zeven jaar".into(),
        }],
    }]
}

zorgkluis_testkit::on_both_backends! {
    async fn a_partial_erasure_shreds_the_care_notes_and_keeps_the_invoices(store) {
        let vault = store.open().await;
        let person = with_invoice(&vault).await;
        let director = actor("dir-1", "directie");
        let certificate = vault
            .erase_categories(&director, &person, &care_notes(), fiscal_refusal(), None, "verzoek")
            .await
            .unwrap();
        assert!(!certificate.whole_file);
        assert_eq!(certificate.erased.len(), 1, "{}", store.name());
        assert_eq!(
            (certificate.erased[0].category.as_str(), certificate.erased[0].records),
            ("gezondheid", 1)
        );
        assert_eq!(certificate.refused[0].grounds[0].article, "art. 52 lid 4 AWR");
        assert_eq!(certificate.issued_by, "dir-1");

        let care = actor("zorg-1", "zorgverlener");
        let notes = vault
            .read_category(&care, &person, "gezondheid", "zorgverlening", None)
            .await
            .unwrap();
        assert!(notes.is_empty(), "{}: {notes:?}", store.name());
        let admin = actor("admin-1", "administratie");
        let invoices = vault
            .read_category(&admin, &person, "financieel", "declaratie", None)
            .await
            .unwrap();
        assert_eq!(invoices[0].text, INVOICE);
        // The person is still there, and a new note gets a new key.
        vault
            .add_record(&care, &person, "gezondheid", "nieuwe notitie", "zorgverlening")
            .await
            .unwrap();
        let notes = vault
            .read_category(&care, &person, "gezondheid", "zorgverlening", None)
            .await
            .unwrap();
        assert_eq!(notes.len(), 1);

        let stored = vault.erasure_certificates(&actor("dir-1", "directie"), &person).await.unwrap();
        assert_eq!(stored, vec![certificate]);
        let log = vault.audit_for_person(&actor("fg-1", "fg"), &person).await.unwrap();
        assert!(log.iter().any(|e| e.action == AuditAction::Erase
            && e.category.as_deref() == Some("gezondheid")));
        let report = vault.verify_audit().await.unwrap();
        assert!(report.ok(), "{:?}", report.findings);
        vault.close().await;
    }

    async fn a_standing_hold_refuses_a_partial_erasure_and_changes_nothing(store) {
        let vault = store.open().await;
        let person = with_invoice(&vault).await;
        vault
            .place_hold(
                &actor("dir-1", "directie"),
                &NewHold {
                    person: person.clone(),
                    category: Some("gezondheid".into()),
                    kind: zorgkluis_core::vocabulary::HoldKind::Klacht,
                    reason: "klacht over de zorg".into(),
                    starts_on: zorgkluis_core::time::dutch_date(jiff::Timestamp::now()),
                    ends_on: None,
                    review_on: None,
                },
            )
            .await
            .unwrap();
        let refused = vault
            .erase_categories(&actor("dir-1", "directie"), &person, &care_notes(), Vec::new(), None, "verzoek")
            .await;
        assert!(matches!(refused, Err(VaultError::Held { .. })), "{}: {refused:?}", store.name());
        let notes = vault
            .read_category(&actor("zorg-1", "zorgverlener"), &person, "gezondheid", "zorgverlening", None)
            .await
            .unwrap();
        assert_eq!(notes[0].text, HEALTH_NOTE);
        assert!(vault.erasure_certificates(&actor("dir-1", "directie"), &person).await.unwrap().is_empty());
        vault.close().await;
    }

    async fn erasing_the_identification_needs_every_category_granted(store) {
        let vault = store.open().await;
        let person = with_invoice(&vault).await;
        let mut granted = care_notes();
        granted.push(CategoryErasure { category: "naw".into(), articles: vec!["AVG art. 17".into()] });
        let refused = vault
            .erase_categories(&actor("dir-1", "directie"), &person, &granted, fiscal_refusal(), None, "verzoek")
            .await;
        match refused {
            Err(VaultError::Invalid { field, message }) => {
                assert_eq!(field, "categories");
                assert!(message.contains("financieel"), "{message}");
            }
            other => panic!("{}: {other:?}", store.name()),
        }
        vault.close().await;
    }
}

/// The category's key is gone from the key store: a backup made before the erasure, opened
/// with every key the installation still holds, opens the invoices and not the care notes; a
/// restore of it deletes the notes again, logged, and the chain verifies.
#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn a_backup_from_before_a_partial_erasure_opens_the_kept_categories_only() {
    let store = TestStore::new(Backend::Sqlite).await;
    let vault = store.open().await;
    let person = with_invoice(&vault).await;
    let backup = store.dir.path().join("before-erasure.db");
    vault.backup(&backup).await.unwrap();
    vault
        .erase_categories(
            &actor("dir-1", "directie"),
            &person,
            &care_notes(),
            Vec::new(),
            None,
            "verzoek",
        )
        .await
        .unwrap();
    vault.close().await;
    let bytes = all_bytes(store.dir.path());
    assert!(!contains(&bytes, HEALTH_NOTE) && !contains(&bytes, INVOICE));

    let (care, admin) = (
        actor("zorg-1", "zorgverlener"),
        actor("admin-1", "administratie"),
    );
    let intruder = tempfile::tempdir().unwrap();
    std::fs::copy(&backup, intruder.path().join("zorgkluis.db")).unwrap();
    std::fs::copy(
        store.location.key_file(),
        intruder.path().join("master.key"),
    )
    .unwrap();
    std::fs::copy(
        store.location.key_store_file(),
        intruder.path().join("person-keys.db"),
    )
    .unwrap();
    let opened =
        zorgkluis_testkit::open_at(&zorgkluis_store::Location::embedded(intruder.path())).await;
    let notes = opened
        .read_category(&care, &person, "gezondheid", "zorgverlening", None)
        .await;
    assert!(notes.is_err(), "the backup's care notes open: {notes:?}");
    let invoices = opened
        .read_category(&admin, &person, "financieel", "declaratie", None)
        .await
        .unwrap();
    assert_eq!(invoices[0].text, INVOICE);
    opened.close().await;

    zorgkluis_store::vault::restore(&store.location, Some(&backup))
        .await
        .unwrap();
    let vault = store.open().await;
    let notes = vault
        .read_category(&care, &person, "gezondheid", "zorgverlening", None)
        .await
        .unwrap();
    assert!(notes.is_empty(), "{notes:?}");
    let invoices = vault
        .read_category(&admin, &person, "financieel", "declaratie", None)
        .await
        .unwrap();
    assert_eq!(invoices[0].text, INVOICE);
    let log = vault
        .audit_for_person(&actor("fg-1", "fg"), &person)
        .await
        .unwrap();
    assert!(log.iter().any(|e| e.action == AuditAction::EraseReapplied));
    let report = vault.verify_audit().await.unwrap();
    assert!(report.ok(), "{:?}", report.findings);
    vault.close().await;
}

fn today() -> jiff::civil::Date {
    zorgkluis_core::time::dutch_date(jiff::Timestamp::now())
}

/// Files an erasure request for `person` (the categories it names; none for everything),
/// establishes the identity and grants it.
async fn granted_erasure(vault: &Vault, person: &str, categories: &[&str]) -> String {
    granted_request(
        vault,
        person,
        zorgkluis_core::vocabulary::RequestType::Verwijdering,
        categories,
    )
    .await
}

/// Files a request of `request` type for `person` (the categories it names), establishes the
/// identity and grants it, as the directie.
pub(super) async fn granted_request(
    vault: &Vault,
    person: &str,
    request: zorgkluis_core::vocabulary::RequestType,
    categories: &[&str],
) -> String {
    use zorgkluis_core::vocabulary::{Channel, RequestOutcome, RequestStatus};
    use zorgkluis_store::vault::{NewRequest, RequestDetails, RequesterFacts};
    let director = actor("dir-1", "directie");
    let filed = vault
        .file_request(
            &director,
            &NewRequest {
                person: person.to_owned(),
                request,
                channel: Channel::Schriftelijk,
                received: today(),
                requester: RequesterFacts::default(),
                details: RequestDetails {
                    categories: categories.iter().map(|c| (*c).to_owned()).collect(),
                    changes: None,
                    requester_name: None,
                },
            },
            zorgkluis_core::Lang::Nl,
        )
        .await
        .unwrap();
    for step in [
        RequestStatus::IdentiteitVastgesteld,
        RequestStatus::InBehandeling,
    ] {
        vault
            .advance_request(
                &director,
                &filed.id,
                step,
                today(),
                zorgkluis_core::Lang::Nl,
            )
            .await
            .unwrap();
    }
    vault
        .decide_request(
            &director,
            &filed.id,
            RequestOutcome::Toegewezen,
            &[],
            today(),
            zorgkluis_core::Lang::Nl,
        )
        .await
        .unwrap();
    filed.id
}

zorgkluis_testkit::on_both_backends! {
    async fn an_erasure_request_erases_the_care_notes_and_refuses_the_fiscal_records(store) {
        let vault = store.open().await;
        let person = with_invoice(&vault).await;
        let id = granted_erasure(&vault, &person, &["gezondheid", "financieel"]).await;
        let director = actor("dir-1", "directie");
        // Marked carried out without erasing: refused.
        let by_hand = vault
            .advance_request(
                &director,
                &id,
                zorgkluis_core::vocabulary::RequestStatus::Uitgevoerd,
                today(),
                zorgkluis_core::Lang::Nl,
            )
            .await;
        assert!(matches!(by_hand, Err(VaultError::Invalid { field: "status", .. })), "{by_hand:?}");
        let certificate = vault
            .execute_erasure(&director, &id, today(), zorgkluis_core::Lang::Nl)
            .await
            .unwrap();
        assert_eq!(certificate.request_id.as_deref(), Some(id.as_str()));
        assert_eq!(certificate.erased.len(), 1, "{}: {certificate:?}", store.name());
        assert_eq!(certificate.erased[0].category, "gezondheid");
        assert!(
            certificate.erased[0].articles.iter().any(|a| a.contains("7:455")),
            "{:?}",
            certificate.erased[0].articles
        );
        assert_eq!(certificate.refused[0].category, "financieel");
        assert!(
            certificate.refused[0].grounds.iter().any(|g| g.article.contains("52 lid 4 AWR")),
            "{:?}",
            certificate.refused[0].grounds
        );
        let view = vault.request(&director, &id).await.unwrap();
        assert_eq!(view.status, zorgkluis_core::vocabulary::RequestStatus::Uitgevoerd);
        let care = actor("zorg-1", "zorgverlener");
        assert!(vault
            .read_category(&care, &person, "gezondheid", "zorgverlening", None)
            .await
            .unwrap()
            .is_empty());
        let admin = actor("admin-1", "administratie");
        assert_eq!(
            vault
                .read_category(&admin, &person, "financieel", "declaratie", None)
                .await
                .unwrap()[0]
                .text,
            INVOICE
        );
        // Carried out once.
        let again = vault.execute_erasure(&director, &id, today(), zorgkluis_core::Lang::Nl).await;
        assert!(matches!(again, Err(VaultError::Invalid { field: "status", .. })), "{again:?}");
        vault.close().await;
    }

    async fn an_erasure_request_for_everything_without_fiscal_records_erases_the_whole_file(store) {
        let vault = store.open().await;
        let (person, _) = seeded(&vault).await;
        let id = granted_erasure(&vault, &person, &[]).await;
        let director = actor("dir-1", "directie");
        let certificate = vault
            .execute_erasure(&director, &id, today(), zorgkluis_core::Lang::Nl)
            .await
            .unwrap();
        assert!(certificate.whole_file, "{}: {certificate:?}", store.name());
        let gone = vault
            .read_category(&actor("zorg-1", "zorgverlener"), &person, "gezondheid", "zorgverlening", None)
            .await;
        assert!(matches!(gone, Err(VaultError::Erased(_))), "{gone:?}");
        assert_eq!(vault.erasure_certificates(&actor("dir-1", "directie"), &person).await.unwrap(), vec![certificate]);
        let report = vault.verify_audit().await.unwrap();
        assert!(report.ok(), "{:?}", report.findings);
        vault.close().await;
    }
}
