//! Restriction of processing (art. 18 AVG): a standing restriction stops the care team's reads
//! and writes of what it covers, logged as denials; erasure stays possible; lifting it needs the
//! day the subject was told.

use zorgkluis_core::vocabulary::RestrictionGround;
use zorgkluis_store::audit::{AuditAction, Outcome};
use zorgkluis_store::vault::{NewRestriction, VaultError};
use zorgkluis_testkit::actor;

use super::access_path::{HEALTH_NOTE, seeded};

fn today() -> jiff::civil::Date {
    zorgkluis_core::time::dutch_date(jiff::Timestamp::now())
}

zorgkluis_testkit::on_both_backends! {
    async fn a_restriction_stops_a_caregivers_read_until_it_is_lifted(store) {
        let vault = store.open().await;
        let (person, _) = seeded(&vault).await;
        let (care, handler) = (actor("zorg-1", "zorgverlener"), actor("dir-1", "directie"));
        // Only the request handler restricts.
        let new = NewRestriction {
            person: person.clone(),
            category: Some("gezondheid".into()),
            ground: RestrictionGround::JuistheidBetwist,
            request: None,
        };
        assert!(matches!(vault.restrict(&care, &new).await, Err(VaultError::Denied(_))));
        let id = vault.restrict(&handler, &new).await.unwrap();

        let read = vault
            .read_category(&care, &person, "gezondheid", "zorgverlening", None)
            .await;
        match &read {
            // The reglement's article on restriction (BG wonen 4.8), from its `afscherming` forbid.
            Err(VaultError::Denied(d)) => assert!(
                d.policies.iter().any(|p| p.contains("afscherming"))
                    && d.articles.iter().any(|a| a.contains("4.8")),
                "{d:?}"
            ),
            other => panic!("{}: a restricted read went through: {other:?}", store.name()),
        }
        let write = vault
            .add_record(&care, &person, "gezondheid", "nieuwe notitie", "zorgverlening")
            .await;
        assert!(matches!(write, Err(VaultError::Denied(_))), "{write:?}");
        // Another category stays in use.
        vault
            .add_record(&care, &person, "rapportage", "dagrapportage", "zorgverlening")
            .await
            .unwrap();
        // The dossier lists the restricted category as withheld.
        let dossier = vault.dossier(&care, &person, "zorgverlening").await.unwrap();
        assert!(dossier.records.iter().all(|r| r.category != "gezondheid"));
        assert!(dossier.withheld.iter().any(|w| w.category == "gezondheid"));

        let log = vault.audit_for_person(&actor("fg-1", "fg"), &person).await.unwrap();
        assert!(log.iter().any(|e| e.action == AuditAction::Restrict));
        assert!(log.iter().any(|e| e.action == AuditAction::Read
            && e.outcome == Outcome::Denied
            && e.category.as_deref() == Some("gezondheid")));

        // Lifting needs the day the subject was told, not in the future.
        let tomorrow = today().tomorrow().unwrap();
        let early = vault.lift_restriction(&handler, &id, tomorrow).await;
        assert!(matches!(early, Err(VaultError::Invalid { field: "told_on", .. })), "{early:?}");
        vault.lift_restriction(&handler, &id, today()).await.unwrap();
        let again = vault.lift_restriction(&handler, &id, today()).await;
        assert!(matches!(again, Err(VaultError::Conflict { .. })), "{again:?}");
        let notes = vault
            .read_category(&care, &person, "gezondheid", "zorgverlening", None)
            .await
            .unwrap();
        assert_eq!(notes[0].text, HEALTH_NOTE);
        let listed = vault.restrictions(&handler, &person).await.unwrap();
        assert_eq!(listed.len(), 1);
        assert_eq!(listed[0].told_on, Some(today()));
        assert_eq!(listed[0].article, "AVG art. 18 lid 1 sub a");
        vault.close().await;
    }

    async fn a_restriction_request_is_carried_out_by_restricting_on_its_ground(store) {
        let vault = store.open().await;
        let (person, _) = seeded(&vault).await;
        let (care, director) = (actor("zorg-1", "zorgverlener"), actor("dir-1", "directie"));
        let id = crate::erasure::granted_request(
            &vault,
            &person,
            zorgkluis_core::vocabulary::RequestType::Afscherming,
            &["gezondheid"],
        )
        .await;
        // Marked carried out by hand: refused, nothing restricted.
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
        assert!(vault.restrictions(&director, &person).await.unwrap().is_empty());
        let placed = vault
            .execute_restriction(
                &director,
                &id,
                RestrictionGround::JuistheidBetwist,
                today(),
                zorgkluis_core::Lang::Nl,
            )
            .await
            .unwrap();
        assert_eq!(placed.len(), 1);
        assert_eq!(placed[0].category.as_deref(), Some("gezondheid"));
        assert_eq!(placed[0].request_id.as_deref(), Some(id.as_str()));
        assert_eq!(placed[0].article, "AVG art. 18 lid 1 sub a");
        // The caregiver reads the health data no more; other categories stay in use.
        let read = vault
            .read_category(&care, &person, "gezondheid", "zorgverlening", None)
            .await;
        assert!(matches!(read, Err(VaultError::Denied(_))), "{read:?}");
        vault
            .add_record(&care, &person, "rapportage", "dagrapportage", "zorgverlening")
            .await
            .unwrap();
        // The request is carried out; carrying it out again is refused and restricts nothing more.
        let request = vault.request(&director, &id).await.unwrap();
        assert_eq!(request.status, zorgkluis_core::vocabulary::RequestStatus::Uitgevoerd);
        let again = vault
            .execute_restriction(
                &director,
                &id,
                RestrictionGround::JuistheidBetwist,
                today(),
                zorgkluis_core::Lang::Nl,
            )
            .await;
        assert!(matches!(again, Err(VaultError::Invalid { field: "status", .. })), "{again:?}");
        assert_eq!(vault.restrictions(&director, &person).await.unwrap().len(), 1);
        // Another type of request is not carried out by restricting.
        let erasure = crate::erasure::granted_request(
            &vault,
            &person,
            zorgkluis_core::vocabulary::RequestType::Verwijdering,
            &["rapportage"],
        )
        .await;
        let wrong = vault
            .execute_restriction(
                &director,
                &erasure,
                RestrictionGround::Onrechtmatig,
                today(),
                zorgkluis_core::Lang::Nl,
            )
            .await;
        assert!(matches!(wrong, Err(VaultError::Invalid { field: "type", .. })), "{wrong:?}");
        vault.close().await;
    }
}
