//! Consent records (issue 14 part 1): given with its evidence, listed, withdrawn beside the
//! record (never overwritten), found by the query a disclosure will ask on a day and in a form;
//! bad input names the field and stores nothing; every step is in the audit log.

use jiff::civil::{Date, date};
use zorgkluis_core::Lang;
use zorgkluis_core::decide::{ConsentQuery, ConsentScope};
use zorgkluis_core::vocabulary::{ConsentForm, ConsentGiven, Ground, Requester};
use zorgkluis_store::audit::{AuditAction, Outcome};
use zorgkluis_store::vault::{
    Actor, ConsentEvidence, NewConsent, NewPerson, PersonFacts, Vault, VaultError,
};
use zorgkluis_testkit::{actor, add_staff};

fn today() -> Date {
    zorgkluis_core::time::dutch_date(jiff::Timestamp::now())
}

/// A client born on `born`, registered by administration (synthetic).
async fn client_born(vault: &Vault, born: Date) -> String {
    vault
        .register_person(
            &actor("admin-1", "administratie"),
            &NewPerson {
                subject_category: "client".into(),
                bsn: None,
                facts: Some(PersonFacts {
                    name: "Testpersoon Toestemming".into(),
                    birth_date: Some(born),
                    client_number: None,
                }),
            },
            "intake",
        )
        .await
        .expect("register")
}

/// The audit consent of BG wonen 2.7: written, for the auditor, on the day of the audit.
pub(crate) fn audit_consent(person: &str, day: Date) -> NewConsent {
    NewConsent {
        person: person.to_owned(),
        given_by: Requester::Betrokkene,
        also_by: None,
        representative_person: None,
        representative_name: None,
        ground: None,
        authorisation: false,
        subject_born: None,
        form: ConsentGiven::Schriftelijk,
        given_on: day,
        scope: ConsentScope {
            processing: None,
            recipient: Some("auditor".into()),
            categories: vec!["gezondheid".into(), "zorgplan".into()],
            purpose: Some("audit".into()),
        },
        valid_from: day,
        valid_until: Some(day),
        evidence: ConsentEvidence {
            text: Some("Ik geef toestemming voor inzage in mijn dossier door de auditor.".into()),
            text_version: Some("audit-2026-1".into()),
            document: Some("scan-formulier-0001.pdf".into()),
            document_sha256: Some("ab".repeat(32)),
        },
    }
}

const AUDIT: ConsentQuery<'static> = ConsentQuery {
    processing: None,
    recipient: Some("auditor"),
    category: "gezondheid",
    purpose: None,
};

zorgkluis_testkit::on_both_backends! {
    async fn a_consent_is_given_listed_found_and_withdrawn_beside_its_record(store) {
        let vault = store.open().await;
        add_staff(&vault, &[("admin-1", "administratie")]).await;
        let admin = actor("admin-1", "administratie");
        let person = client_born(&vault, date(1980, 4, 1)).await;
        let day = today();
        let id = vault.give_consent(&admin, &audit_consent(&person, day), Lang::En).await.unwrap();

        let list = vault.consents(&admin, &person).await.unwrap();
        assert_eq!(list.len(), 1);
        let c = &list[0];
        assert_eq!(c.id, id);
        assert_eq!(c.form, ConsentGiven::Schriftelijk);
        assert_eq!(c.valid_from, day);
        assert_eq!(c.valid_until, Some(day));
        assert!(c.evidence.text.as_deref().unwrap().contains("auditor"));
        assert_eq!(c.evidence.text_version.as_deref(), Some("audit-2026-1"));
        assert_eq!(c.evidence.document.as_deref(), Some("scan-formulier-0001.pdf"));
        assert!(c.articles.contains(&"AVG art. 7 lid 1".to_owned()), "{:?}", c.articles);
        assert!(c.live_on(day));

        // The one-day consent holds on its day and not the day after.
        let found = vault
            .consent_for(&admin, &person, &AUDIT, ConsentForm::Schriftelijk, day)
            .await
            .unwrap();
        assert_eq!(found.as_ref().map(|c| c.id.as_str()), Some(id.as_str()));
        assert_eq!(found.unwrap().evidence.text, None, "the check opens no evidence");
        let tomorrow = day.tomorrow().unwrap();
        assert!(vault
            .consent_for(&admin, &person, &AUDIT, ConsentForm::Schriftelijk, tomorrow)
            .await
            .unwrap()
            .is_none());
        // Another category or recipient is not covered.
        let other = ConsentQuery { category: "rapportage", ..AUDIT };
        assert!(vault.consent_for(&admin, &person, &other, ConsentForm::Toestemming, day).await.unwrap().is_none());

        // Withdrawn: found no more; the record stays, the withdrawal beside it.
        vault.withdraw_consent(&admin, &id, Requester::Betrokkene, None).await.unwrap();
        assert!(vault
            .consent_for(&admin, &person, &AUDIT, ConsentForm::Schriftelijk, day)
            .await
            .unwrap()
            .is_none());
        let err = vault.withdraw_consent(&admin, &id, Requester::Betrokkene, None).await.unwrap_err();
        assert!(matches!(err, VaultError::Conflict { field: "consent", .. }), "{err}");
        let err = vault.withdraw_consent(&admin, "no-such-consent", Requester::Betrokkene, None).await.unwrap_err();
        assert!(matches!(err, VaultError::NotFound(_)), "{err}");
        let history = vault.consents(&admin, &person).await.unwrap();
        assert_eq!(history.len(), 1);
        let w = history[0].withdrawal.as_ref().expect("withdrawal recorded");
        assert_eq!((w.withdrawn_by, w.withdrawn_on), (Requester::Betrokkene, day));
        assert_eq!(w.recorded_by, "admin-1");
        assert_eq!(history[0].scope, list[0].scope, "the record itself is unchanged");
        assert!(!history[0].live_on(day));

        // The audit log holds the give and the withdrawal, with their articles.
        let log = vault.audit_for_person(&Actor::system("test"), &person).await.unwrap();
        let give = log.iter().find(|e| e.action == AuditAction::ConsentGive).expect("give");
        assert_eq!(give.object.as_deref(), Some(id.as_str()));
        assert!(give.articles.contains("AVG art. 7 lid 1"), "{}", give.articles);
        let withdraw = log.iter().find(|e| e.action == AuditAction::ConsentWithdraw).expect("withdraw");
        assert!(withdraw.articles.contains("AVG art. 7 lid 3"), "{}", withdraw.articles);
        assert!(log.iter().any(|e| e.action == AuditAction::ConsentCheck));
        vault.close().await;
    }

    async fn a_form_too_weak_for_the_rule_is_not_found(store) {
        let vault = store.open().await;
        add_staff(&vault, &[("admin-1", "administratie")]).await;
        let admin = actor("admin-1", "administratie");
        let person = client_born(&vault, date(1980, 4, 1)).await;
        let day = today();
        let electronic = NewConsent {
            form: ConsentGiven::Elektronisch,
            evidence: ConsentEvidence {
                document: None,
                document_sha256: None,
                ..audit_consent(&person, day).evidence
            },
            ..audit_consent(&person, day)
        };
        vault.give_consent(&admin, &electronic, Lang::En).await.unwrap();
        let ask = |needed| vault.consent_for(&admin, &person, &AUDIT, needed, day);
        assert!(ask(ConsentForm::Uitdrukkelijk).await.unwrap().is_some());
        assert!(ask(ConsentForm::Schriftelijk).await.unwrap().is_none(), "electronic is not written");
        vault.close().await;
    }

    async fn bad_input_names_the_field_and_stores_nothing(store) {
        let vault = store.open().await;
        add_staff(&vault, &[("admin-1", "administratie")]).await;
        let admin = actor("admin-1", "administratie");
        let person = client_born(&vault, date(1980, 4, 1)).await;
        let day = today();
        let give = |c: NewConsent| {
            let vault = &vault;
            let admin = &admin;
            async move { vault.give_consent(admin, &c, Lang::En).await.unwrap_err() }
        };
        let field = |e: VaultError| match e {
            VaultError::Invalid { field, .. } => field,
            other => panic!("not invalid input: {other}"),
        };
        let mut c = audit_consent(&person, day);
        c.scope.categories.push("hobbys".into());
        assert_eq!(field(give(c).await), "categories");
        let mut c = audit_consent(&person, day);
        c.scope.recipient = Some("bakker".into());
        assert_eq!(field(give(c).await), "recipient");
        let mut c = audit_consent(&person, day);
        c.valid_until = Some(day.yesterday().unwrap());
        c.valid_from = day;
        assert_eq!(field(give(c).await), "valid_until");
        let mut c = audit_consent(&person, day);
        c.evidence.document_sha256 = Some("not-a-hash".into());
        assert_eq!(field(give(c).await), "evidence_sha256");
        let mut c = audit_consent(&person, day);
        c.evidence.document = None;
        c.evidence.document_sha256 = None;
        assert_eq!(field(give(c).await), "evidence_document", "written needs the signed form");
        assert!(vault.consents(&admin, &person).await.unwrap().is_empty());
        let log = vault.audit_for_person(&Actor::system("test"), &person).await.unwrap();
        assert!(!log.iter().any(|e| e.action == AuditAction::ConsentGive), "nothing decided");
        vault.close().await;
    }

    async fn who_consents_is_checked_and_a_refusal_is_logged(store) {
        let vault = store.open().await;
        add_staff(&vault, &[("admin-1", "administratie")]).await;
        let admin = actor("admin-1", "administratie");
        let day = today();
        // An adult: a curator without the measure is refused, naming the ground.
        let adult = client_born(&vault, date(1970, 1, 1)).await;
        let curator = NewConsent {
            given_by: Requester::Curator,
            representative_name: Some("Curator Voorbeeld".into()),
            ..audit_consent(&adult, day)
        };
        let err = vault.give_consent(&admin, &curator, Lang::En).await.unwrap_err();
        assert!(matches!(err, VaultError::Invalid { field: "ground", .. }), "{err}");
        let with_ground = NewConsent { ground: Some(Ground::Curatele), ..curator };
        vault.give_consent(&admin, &with_ground, Lang::En).await.unwrap();
        let listed = vault.consents(&admin, &adult).await.unwrap();
        assert_eq!(listed.len(), 1);
        assert_eq!(listed[0].representative_name.as_deref(), Some("Curator Voorbeeld"));
        let log = vault.audit_for_person(&Actor::system("test"), &adult).await.unwrap();
        let refused = log
            .iter()
            .find(|e| e.action == AuditAction::ConsentGive && e.outcome == Outcome::Denied)
            .expect("the refusal is logged");
        assert!(refused.articles.contains("AVG art. 7 lid 1"), "{}", refused.articles);

        // A minor of 14: both the minor and a parent.
        let born = day.checked_sub(jiff::Span::new().years(14)).unwrap();
        let minor = client_born(&vault, born).await;
        let alone = audit_consent(&minor, day);
        let err = vault.give_consent(&admin, &alone, Lang::En).await.unwrap_err();
        assert!(matches!(err, VaultError::Invalid { field: "also_by", .. }), "{err}");
        let both = NewConsent { also_by: Some(Requester::Ouder), ..alone };
        vault.give_consent(&admin, &both, Lang::En).await.unwrap();
        let c = &vault.consents(&admin, &minor).await.unwrap()[0];
        assert_eq!((c.given_by, c.also_by), (Requester::Betrokkene, Some(Requester::Ouder)));
        assert!(c.articles.contains(&"UAVG art. 5 lid 1".to_owned()), "{:?}", c.articles);
        vault.close().await;
    }
}

zorgkluis_testkit::on_both_backends! {
    /// A category held on consent alone (Aliantus: religious preferences, the processing
    /// `levensbeschouwing` on explicit consent) is neither recorded nor read without a live
    /// consent, the refusal citing AVG art. 6 lid 1 sub a; with the consent it is; withdrawn,
    /// reading it is refused again. The client's own export and erasure stay possible.
    async fn data_held_on_consent_alone_wait_for_the_consent(store) {
        let vault = store.open_with("aliantus").await;
        add_staff(&vault, &[("admin-1", "administratie"), ("zorg-1", "zorgverlener")]).await;
        let person = zorgkluis_testkit::client_in_care(&vault).await;
        let zorg = actor("zorg-1", "zorgverlener");
        let refused = vault
            .add_record(&zorg, &person, "religie", "Vegetarisch, viert het suikerfeest", "zorgverlening")
            .await
            .unwrap_err();
        match &refused {
            VaultError::Denied(d) => assert!(
                d.articles.iter().any(|a| a.contains("AVG art. 6 lid 1 sub a")),
                "{:?}",
                d.articles
            ),
            other => panic!("{other}"),
        }
        let mut consent = audit_consent(&person, today());
        consent.form = ConsentGiven::Uitdrukkelijk;
        consent.valid_until = None;
        consent.subject_born = Some(date(1960, 1, 1));
        consent.scope = ConsentScope {
            processing: Some("levensbeschouwing".into()),
            recipient: None,
            categories: vec!["religie".into()],
            purpose: None,
        };
        let id = vault.give_consent(&zorg, &consent, Lang::Nl).await.unwrap();
        vault
            .add_record(&zorg, &person, "religie", "Vegetarisch, viert het suikerfeest", "zorgverlening")
            .await
            .unwrap();
        assert_eq!(vault.read_category(&zorg, &person, "religie", "zorgverlening", None).await.unwrap().len(), 1);
        vault.withdraw_consent(&zorg, &id, Requester::Betrokkene, None).await.unwrap();
        assert!(matches!(
            vault.read_category(&zorg, &person, "religie", "zorgverlening", None).await.unwrap_err(),
            VaultError::Denied(_)
        ));
        // Health data, which the medical file holds on the contract, needs no consent.
        vault.add_record(&zorg, &person, "gezondheid", "Synthetisch: bloeddruk", "zorgverlening").await.unwrap();
    }
}
