//! Research exports (issue 14 part 5), on Alpo zorg's reglement (10.6: explicit consent, or
//! the conditions of art. 7:458 BW without it): the client who objected is never in the set;
//! on consent only the clients who gave it are; pseudonyms are the project's own; an
//! anonymised set suppresses small groups and reports the k achieved; each client in the set
//! has an entry in the ledger; a ground that does not hold names its field.

use jiff::civil::{Date, date};
use zorgkluis_core::Lang;
use zorgkluis_core::decide::{
    ConsentScope, ObjectionScope, ResearchConditions, ResearchGround, ResearchMode,
};
use zorgkluis_core::vocabulary::{ConsentGiven, Requester};
use zorgkluis_store::vault::{
    Actor, ConsentEvidence, NewConsent, NewObjection, NewPerson, NewRecipient, NewResearchExport,
    PersonFacts, Vault, VaultError,
};
use zorgkluis_testkit::{actor, add_staff};

fn today() -> Date {
    zorgkluis_core::time::dutch_date(jiff::Timestamp::now())
}

fn coordinator() -> Actor {
    actor("coord-1", "coordinator")
}

/// Six synthetic clients in zorg-1's care, born 1950 (three), 1962 (two) and 1980, each with
/// a report; a research recipient. The clients, oldest first, and the recipient.
async fn organisation(vault: &Vault) -> (Vec<String>, String) {
    add_staff(
        vault,
        &[
            ("admin-1", "administratie"),
            ("zorg-1", "zorgverlener"),
            ("coord-1", "coordinator"),
            ("dir-1", "directie"),
        ],
    )
    .await;
    let admin = actor("admin-1", "administratie");
    let mut clients = Vec::new();
    for (n, year) in [1950, 1950, 1950, 1962, 1962, 1980].into_iter().enumerate() {
        let person = vault
            .register_person(
                &admin,
                &NewPerson {
                    subject_category: "client".into(),
                    bsn: None,
                    facts: Some(PersonFacts {
                        name: format!("Synthetische Onderzoekscliënt {n}"),
                        birth_date: Some(date(year, 5, 1 + n as i8)),
                        client_number: None,
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
        vault
            .add_record(
                &actor("zorg-1", "zorgverlener"),
                &person,
                "rapportage",
                &format!("Synthetisch verslag {n}"),
                "zorgverlening",
            )
            .await
            .unwrap();
        clients.push(person);
    }
    let recipient = vault
        .register_recipient(
            &Actor::system("test"),
            &NewRecipient {
                kind: "onderzoek".into(),
                name: "Universitair Onderzoeksinstituut Voorbeeld".into(),
                agb_code: None,
                kvk_number: Some("87654321".into()),
                country: "NL".into(),
            },
        )
        .await
        .unwrap()
        .id;
    (clients, recipient)
}

fn export(recipient: &str, ground: ResearchGround, mode: ResearchMode) -> NewResearchExport {
    NewResearchExport {
        project: "valpreventie-2026".into(),
        recipient: recipient.to_owned(),
        categories: vec!["naw".into(), "rapportage".into()],
        ground,
        mode,
        conditions: ResearchConditions {
            public_interest: true,
            necessary: true,
            safeguards: true,
        },
        min_k: 2,
    }
}

async fn consent(vault: &Vault, person: &str) {
    vault
        .give_consent(
            &actor("admin-1", "administratie"),
            &NewConsent {
                person: person.to_owned(),
                given_by: Requester::Betrokkene,
                also_by: None,
                representative_person: None,
                representative_name: None,
                ground: None,
                authorisation: false,
                subject_born: None,
                form: ConsentGiven::Uitdrukkelijk,
                given_on: today(),
                scope: ConsentScope {
                    processing: None,
                    recipient: Some("onderzoek".into()),
                    categories: vec!["naw".into(), "rapportage".into()],
                    purpose: None,
                },
                valid_from: today(),
                valid_until: None,
                evidence: ConsentEvidence {
                    text: Some("Ik doe mee aan het onderzoek naar valpreventie.".into()),
                    text_version: Some("onderzoek-1".into()),
                    document: None,
                    document_sha256: None,
                },
            },
            Lang::Nl,
        )
        .await
        .unwrap();
}

async fn object(vault: &Vault, person: &str) {
    vault
        .file_objection(
            &actor("dir-1", "directie"),
            &NewObjection {
                person: person.to_owned(),
                scope: ObjectionScope {
                    processing: "zorgverlening".into(),
                    recipient: Some("onderzoek".into()),
                    categories: Vec::new(),
                },
                made_by: Requester::Betrokkene,
                representative_person: None,
                representative_name: None,
                ground: None,
                authorisation: false,
                subject_born: None,
                received_on: today(),
                grounds: "Ik wil niet dat mijn gegevens voor onderzoek worden gebruikt.".into(),
            },
            Lang::Nl,
        )
        .await
        .unwrap();
}

zorgkluis_testkit::on_both_backends! {
    /// On consent: only the two who gave it, one of whom objected afterwards and is left out;
    /// the pseudonym is stable within the project and differs in another; the ledger notes it.
    async fn on_consent_only_who_consented_and_never_who_objected(store) {
        let vault = store.open_with("alpo-zorg").await;
        let (clients, recipient) = organisation(&vault).await;
        consent(&vault, &clients[0]).await;
        consent(&vault, &clients[1]).await;
        object(&vault, &clients[1]).await;
        let set = vault
            .research_export(&coordinator(), &export(&recipient, ResearchGround::Toestemming, ResearchMode::Gepseudonimiseerd))
            .await
            .unwrap();
        assert_eq!(set.rows.len(), 1, "{set:?}");
        assert_eq!((set.excluded_objection, set.excluded_consent), (1, 4));
        let row = &set.rows[0];
        assert_eq!(row.birth_year, Some(1950));
        assert_eq!(row.records.len(), 1);
        assert!(row.records[0].text.starts_with("Synthetisch verslag"));
        let json = serde_json::to_string(&set).unwrap();
        assert!(!json.contains(&clients[0]), "no person id in the set");
        assert!(!json.contains("Onderzoekscliënt"), "no name in the set");

        let again = vault
            .research_export(&coordinator(), &export(&recipient, ResearchGround::Toestemming, ResearchMode::Gepseudonimiseerd))
            .await
            .unwrap();
        assert_eq!(again.rows[0].pseudonym, row.pseudonym, "the project's pseudonym is stable");
        let other = NewResearchExport {
            project: "mobiliteit-2027".into(),
            ..export(&recipient, ResearchGround::Toestemming, ResearchMode::Gepseudonimiseerd)
        };
        let other = vault.research_export(&coordinator(), &other).await.unwrap();
        assert_ne!(other.rows[0].pseudonym, row.pseudonym, "two projects cannot link");

        // Noted in the dossier (art. 7:458 lid 3 BW): the ledger of the client in the set.
        let ledger = vault.disclosures(&Actor::system("test"), Some(&clients[0])).await.unwrap();
        assert_eq!(ledger.len(), 3);
        assert!(ledger.iter().all(|d| d.purpose.starts_with("valpreventie") || d.purpose.starts_with("mobiliteit")));
        // Alpo 10.6 asks that each client be told (noot 8).
        assert!(ledger.iter().all(|d| d.notice_due()), "{ledger:?}");
        let none = vault.disclosures(&Actor::system("test"), Some(&clients[1])).await.unwrap();
        assert!(none.is_empty(), "the client who objected gave nothing");
    }

    /// Without consent (art. 7:458 lid 1 sub b): anonymised only; no pseudonym, no text; the
    /// lone client of 1980 suppressed, k = 2; the objector left out.
    async fn an_anonymised_set_suppresses_small_groups_and_reports_k(store) {
        let vault = store.open_with("alpo-zorg").await;
        let (clients, recipient) = organisation(&vault).await;
        object(&vault, &clients[3]).await;
        let pseudo = vault
            .research_export(&coordinator(), &export(&recipient, ResearchGround::NietTeVerlangen, ResearchMode::Gepseudonimiseerd))
            .await
            .unwrap_err();
        assert!(matches!(pseudo, VaultError::Invalid { field: "mode", .. }), "{pseudo}");
        let mut unsafe_set = export(&recipient, ResearchGround::VragenNietMogelijk, ResearchMode::Gepseudonimiseerd);
        unsafe_set.conditions.safeguards = false;
        assert!(matches!(
            vault.research_export(&coordinator(), &unsafe_set).await.unwrap_err(),
            VaultError::Invalid { field: "safeguards", .. }
        ));

        let set = vault
            .research_export(&coordinator(), &export(&recipient, ResearchGround::NietTeVerlangen, ResearchMode::Geanonimiseerd))
            .await
            .unwrap();
        assert_eq!(set.excluded_objection, 1);
        // 1950 ×3, 1962 ×1 (the other objected), 1980 ×1: both lone rows suppressed.
        assert_eq!((set.rows.len(), set.suppressed, set.k), (3, 2, 3), "{set:?}");
        assert!(set.rows.iter().all(|r| r.pseudonym.is_none() && r.records.is_empty()));
        assert!(set.rows.iter().all(|r| r.counts.contains(&("rapportage".to_owned(), 1))));
        assert!(set.articles.iter().any(|a| a.contains("7:458 lid 1 sub b")), "{:?}", set.articles);
        // Only the clients whose rows went out are noted.
        let noted = |p: &str| {
            let vault = vault.clone();
            let p = p.to_owned();
            async move { vault.disclosures(&Actor::system("test"), Some(&p)).await.unwrap().len() }
        };
        assert_eq!(noted(&clients[0]).await, 1);
        assert_eq!(noted(&clients[4]).await, 0, "suppressed: nothing of his went out");
        assert_eq!(noted(&clients[5]).await, 0);
    }
}
