//! The do-not-contact register (issue 14 part 4): a person asks not to be approached for a
//! purpose or for anything outside the care; the check before a mailing says no, citing art.
//! 21 AVG, until they ask otherwise; bad input changes nothing; every step is logged.

use zorgkluis_core::vocabulary::ContactPurpose;
use zorgkluis_store::audit::AuditAction;
use zorgkluis_store::vault::{Actor, VaultError};
use zorgkluis_testkit::{actor, add_staff, client_in_care};

fn today() -> jiff::civil::Date {
    zorgkluis_core::time::dutch_date(jiff::Timestamp::now())
}

zorgkluis_testkit::on_both_backends! {
    async fn the_register_says_no_for_the_purpose_asked_until_the_person_asks_otherwise(store) {
        let vault = store.open().await;
        add_staff(&vault, &[("zorg-1", "zorgverlener"), ("admin-1", "administratie")]).await;
        let person = client_in_care(&vault).await;
        let admin = actor("admin-1", "administratie");
        let mailing = Actor::system("mailing");
        let check = |p| vault.contact_check(&mailing, &person, p);
        assert!(check(ContactPurpose::Nieuwsbrief).await.unwrap().allowed);

        // Bad input changes nothing: a day in the future, an unknown person.
        let tomorrow = today().tomorrow().unwrap();
        let err = vault.block_contact(&admin, &person, None, tomorrow).await.unwrap_err();
        assert!(matches!(err, VaultError::Invalid { field: "asked_on", .. }), "{err}");
        let err = vault.block_contact(&admin, "no-such-person", None, today()).await.unwrap_err();
        assert!(matches!(err, VaultError::NotFound(_)), "{err}");
        assert!(vault.do_not_contact_register(&mailing, true).await.unwrap().is_empty());

        let id = vault
            .block_contact(&admin, &person, Some(ContactPurpose::Fondsenwerving), today())
            .await
            .unwrap();
        let no = check(ContactPurpose::Fondsenwerving).await.unwrap();
        assert!(!no.allowed);
        assert_eq!(no.entry.as_deref(), Some(id.as_str()));
        assert_eq!(no.articles, vec!["AVG art. 21 lid 2 en 3".to_owned()]);
        // Another purpose is not covered.
        assert!(check(ContactPurpose::Tevredenheidsonderzoek).await.unwrap().allowed);
        let err = vault
            .block_contact(&admin, &person, Some(ContactPurpose::Fondsenwerving), today())
            .await
            .unwrap_err();
        assert!(matches!(err, VaultError::Conflict { field: "purpose", .. }), "{err}");
        // Nothing outside the care: every purpose says no.
        let all = vault.block_contact(&admin, &person, None, today()).await.unwrap();
        assert!(!check(ContactPurpose::Tevredenheidsonderzoek).await.unwrap().allowed);
        assert_eq!(vault.do_not_contact_register(&mailing, false).await.unwrap().len(), 2);

        // The person asks to be approached again for anything but fundraising.
        vault.unblock_contact(&admin, &all).await.unwrap();
        let err = vault.unblock_contact(&admin, &all).await.unwrap_err();
        assert!(matches!(err, VaultError::Conflict { .. }), "{err}");
        assert!(check(ContactPurpose::Nieuwsbrief).await.unwrap().allowed);
        assert!(!check(ContactPurpose::Fondsenwerving).await.unwrap().allowed);
        let register = vault.do_not_contact_register(&mailing, true).await.unwrap();
        assert_eq!(register.len(), 2);
        assert!(register.iter().any(|e| e.id == all && e.ended_at.is_some()));

        // A caregiver checks no mailing: the duty is the product's and the reglement's to give.
        let err = vault
            .contact_check(&actor("zorg-1", "zorgverlener"), &person, ContactPurpose::Nieuwsbrief)
            .await
            .unwrap_err();
        assert!(matches!(err, VaultError::Denied(_)), "{err}");
        let log = vault.audit_for_person(&mailing, &person).await.unwrap();
        for action in [AuditAction::ContactBlock, AuditAction::ContactUnblock, AuditAction::ContactCheck] {
            assert!(log.iter().any(|e| e.action == action), "{action:?}: {log:?}");
        }
        vault.close().await;
    }
}
