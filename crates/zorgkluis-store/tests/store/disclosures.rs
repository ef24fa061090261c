//! The disclosure ledger (issue 14 part 2), on Rondomzorg's reglement: a disclosure is refused
//! without the consent its rule needs and allowed once a written consent is recorded; refused
//! again after the withdrawal; a one-day consent holds on its day only; a disclosure without
//! consent (2.5) records the duty to tell the client, then the letter or the exception; a
//! correction lists the recipients from the ledger (AVG art. 19); the client's export lists
//! them (art. 15 lid 1 sub c); bad input names the field and changes nothing.

use jiff::civil::Date;
use sha2::Digest as _;
use zorgkluis_core::Lang;
use zorgkluis_core::decide::{ConsentScope, ObjectionScope};
use zorgkluis_core::vocabulary::{
    Channel, ConsentGiven, RequestOutcome, RequestStatus, RequestType, Requester,
};
use zorgkluis_store::audit::{AuditAction, Outcome};
use zorgkluis_store::vault::{
    Actor, ConsentEvidence, NewConsent, NewDisclosure, NewObjection, NewPerson, NewRecipient,
    NewRequest, NoticeOutcome, PersonFacts, RequestDetails, RequesterFacts, Telling, Vault,
    VaultError,
};
use zorgkluis_testkit::{actor, add_staff};

fn today() -> Date {
    zorgkluis_core::time::dutch_date(jiff::Timestamp::now())
}

fn coordinator() -> Actor {
    actor("coord-1", "coordinator_clientbureau")
}

fn mentor() -> Actor {
    actor("mentor-1", "mentor")
}

fn caregiver() -> Actor {
    actor("zorg-1", "zorgverlener")
}

/// A client of zorg-1 and mentor-1 with one health record (synthetic); its id and the record's.
async fn client(vault: &Vault) -> (String, String) {
    add_staff(
        vault,
        &[
            ("admin-1", "administratie"),
            ("zorg-1", "zorgverlener"),
            ("mentor-1", "mentor"),
            ("coord-1", "coordinator_clientbureau"),
        ],
    )
    .await;
    let admin = actor("admin-1", "administratie");
    let person = vault
        .register_person(
            &admin,
            &NewPerson {
                subject_category: "client".into(),
                bsn: None,
                facts: Some(PersonFacts {
                    name: "Synthetische Verstrekcliënt".into(),
                    birth_date: Some(jiff::civil::date(1970, 6, 1)),
                    client_number: None,
                }),
            },
            "intake",
        )
        .await
        .unwrap();
    for user in ["zorg-1", "mentor-1"] {
        vault
            .assign_care(&admin, user, &person, jiff::civil::date(2020, 1, 1), None)
            .await
            .unwrap();
    }
    let record = vault
        .add_record(
            &caregiver(),
            &person,
            "gezondheid",
            "Diagnose vastgesteld, behandeling gestart",
            "zorgverlening",
        )
        .await
        .unwrap();
    (person, record)
}

async fn recipient(vault: &Vault, kind: &str, name: &str) -> String {
    vault
        .register_recipient(
            &coordinator(),
            &NewRecipient {
                kind: kind.into(),
                name: name.into(),
                agb_code: Some("01234567".into()),
                kvk_number: None,
                country: "NL".into(),
            },
        )
        .await
        .unwrap()
        .id
}

fn written_consent(person: &str, recipient: &str, from: Date, until: Option<Date>) -> NewConsent {
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
        given_on: from,
        scope: ConsentScope {
            processing: None,
            recipient: Some(recipient.into()),
            categories: vec!["gezondheid".into()],
            purpose: None,
        },
        valid_from: from,
        valid_until: until,
        evidence: ConsentEvidence {
            text: Some("Ik geef toestemming voor het verstrekken van mijn gegevens.".into()),
            text_version: Some("verstrekking-1".into()),
            document: Some("getekend-formulier-0001.pdf".into()),
            document_sha256: Some("cd".repeat(32)),
        },
    }
}

fn disclosure(person: &str, recipient: &str) -> NewDisclosure {
    NewDisclosure {
        person: person.to_owned(),
        recipient: recipient.to_owned(),
        categories: vec!["gezondheid".into()],
        purpose: "overdracht van zorg".into(),
        conflict_of_duties: None,
    }
}

fn consent_refusal(e: VaultError) {
    match e {
        VaultError::Invalid { field, message } => {
            assert_eq!(field, "consent");
            assert!(message.contains("2.3"), "{message}");
        }
        other => panic!("expected a refusal for want of consent, got {other}"),
    }
}

async fn refused_disclosures(vault: &Vault, person: &str) -> usize {
    vault
        .access_log(&coordinator(), person)
        .await
        .unwrap()
        .events
        .into_iter()
        .filter(|e| e.action == AuditAction::Disclose && e.outcome == Outcome::Denied)
        .count()
}

zorgkluis_testkit::on_both_backends! {
    /// Refused without consent, allowed after a written one (the extract and the ledger entry
    /// agree: record ids, the payload's SHA-256, the consent that allowed it), refused again
    /// once it is withdrawn; every refusal in the log.
    async fn a_disclosure_needs_the_live_consent_its_rule_asks(store) {
        let vault = store.open_with("rondomzorg").await;
        let (person, record) = client(&vault).await;
        let huisarts = recipient(&vault, "zorgaanbieder", "Huisartsenpraktijk Voorbeeld").await;
        let mentor = mentor();

        let preview = vault.disclosure_preview(&mentor, &disclosure(&person, &huisarts)).await.unwrap();
        assert_eq!(preview.len(), 1);
        assert!(preview[0].needs_consent && !preview[0].allowed, "{preview:?}");
        consent_refusal(vault.disclose(&mentor, &disclosure(&person, &huisarts), Lang::Nl).await.unwrap_err());
        assert_eq!(refused_disclosures(&vault, &person).await, 1);
        assert!(vault.disclosures(&coordinator(), Some(&person)).await.unwrap().is_empty());

        let consent = vault
            .give_consent(&caregiver(), &written_consent(&person, "zorgaanbieder", today(), None), Lang::Nl)
            .await
            .unwrap();
        let preview = vault.disclosure_preview(&mentor, &disclosure(&person, &huisarts)).await.unwrap();
        assert!(preview[0].allowed, "{preview:?}");
        let out = vault.disclose(&mentor, &disclosure(&person, &huisarts), Lang::Nl).await.unwrap();
        assert_eq!(out.extract.len(), 1);
        assert_eq!(out.extract[0].id, record);
        let d = &out.disclosure;
        assert_eq!(d.record_ids, vec![record.clone()]);
        assert_eq!(d.consent_ids, vec![consent.clone()]);
        assert_eq!(
            d.payload_sha256,
            hex::encode(sha2::Sha256::digest(serde_json::to_vec(&out.extract).unwrap()))
        );
        assert!(!d.notice_required, "given with consent: nobody need be told");
        assert!(d.articles.iter().any(|a| a.contains("2.3")), "{:?}", d.articles);

        let ledger = vault.disclosures(&coordinator(), Some(&person)).await.unwrap();
        assert_eq!(ledger.len(), 1);
        assert_eq!(ledger[0], out.disclosure);
        assert_eq!(ledger[0].recipient.name, "Huisartsenpraktijk Voorbeeld");

        vault.withdraw_consent(&caregiver(), &consent, Requester::Betrokkene, None).await.unwrap();
        consent_refusal(vault.disclose(&mentor, &disclosure(&person, &huisarts), Lang::Nl).await.unwrap_err());
        assert_eq!(refused_disclosures(&vault, &person).await, 2);
        assert_eq!(vault.disclosures(&coordinator(), Some(&person)).await.unwrap().len(), 1);
    }

    /// The audit consent of Rondomzorg 2.8 holds on the day of the audit only: yesterday's
    /// does not allow today's disclosure; today's does.
    async fn a_one_day_consent_holds_on_its_day_only(store) {
        let vault = store.open_with("rondomzorg").await;
        let (person, _) = client(&vault).await;
        let auditor = recipient(&vault, "auditor", "Auditbureau Voorbeeld").await;
        let yesterday = today().yesterday().unwrap();
        vault
            .give_consent(&caregiver(), &written_consent(&person, "auditor", yesterday, Some(yesterday)), Lang::Nl)
            .await
            .unwrap();
        let audit = NewDisclosure { purpose: "audit".into(), ..disclosure(&person, &auditor) };
        match vault.disclose(&mentor(), &audit, Lang::Nl).await.unwrap_err() {
            VaultError::Invalid { field, message } => {
                assert_eq!(field, "consent");
                assert!(message.contains("2.8"), "{message}");
            }
            other => panic!("{other}"),
        }
        vault
            .give_consent(&caregiver(), &written_consent(&person, "auditor", today(), Some(today())), Lang::Nl)
            .await
            .unwrap();
        vault.disclose(&mentor(), &audit, Lang::Nl).await.unwrap();
    }

    /// The inspectorate (2.3, "ingevolge wettelijke voorschriften") receives without consent: the ledger says the client must be told (2.5);
    /// the letter is recorded with its day and can be read back; another such disclosure is
    /// left untold only under the reglement's exception, with a reason.
    async fn a_disclosure_without_consent_records_the_notice_to_the_client(store) {
        let vault = store.open_with("rondomzorg").await;
        let (person, _) = client(&vault).await;
        let partner = recipient(&vault, "inspectie", "Inspectie Voorbeeldregio").await;
        let out = vault.disclose(&mentor(), &disclosure(&person, &partner), Lang::Nl).await.unwrap();
        let d = out.disclosure;
        assert!(d.consent_ids.is_empty());
        assert!(d.notice_required && d.notice_due());
        assert!(d.notice_articles.iter().any(|a| a == "2.5"), "{:?}", d.notice_articles);

        // Not before the disclosure, not in the future; the exception needs its reason.
        let early = vault
            .record_disclosure_notice(&mentor(), &d.id, NoticeOutcome::Verstuurd, today().yesterday().unwrap(), None)
            .await
            .unwrap_err();
        assert!(matches!(early, VaultError::Invalid { field: "on", .. }), "{early}");
        let letter = vault
            .record_disclosure_notice(&mentor(), &d.id, NoticeOutcome::Verstuurd, today(), None)
            .await
            .unwrap();
        assert!(letter.text.contains("Inspectie Voorbeeldregio"), "{}", letter.text);
        assert!(letter.text.contains("zonder uw toestemming"), "{}", letter.text);
        assert!(letter.text.contains("2.5"), "{}", letter.text);
        let again = vault
            .record_disclosure_notice(&mentor(), &d.id, NoticeOutcome::Verstuurd, today(), None)
            .await
            .unwrap_err();
        assert!(matches!(again, VaultError::Conflict { .. }), "{again}");
        let ledger = vault.disclosures(&coordinator(), Some(&person)).await.unwrap();
        let notice = ledger[0].notice.as_ref().expect("notice recorded");
        assert_eq!((notice.outcome, notice.on), (NoticeOutcome::Verstuurd, today()));
        assert!(!ledger[0].notice_due());
        let read = vault.disclosure_notice_letter(&mentor(), &d.id).await.unwrap();
        assert_eq!(read.text, letter.text);

        let second = vault.disclose(&mentor(), &disclosure(&person, &partner), Lang::Nl).await.unwrap();
        let id = second.disclosure.id;
        let no_reason = vault
            .record_disclosure_notice(&mentor(), &id, NoticeOutcome::Uitzondering, today(), Some(" "))
            .await
            .unwrap_err();
        assert!(matches!(no_reason, VaultError::Invalid { field: "reason", .. }), "{no_reason}");
        vault
            .record_disclosure_notice(&mentor(), &id, NoticeOutcome::Uitzondering, today(), Some("De cliënt is in crisis; informeren brengt een hulpverlener in gevaar"))
            .await
            .unwrap();
        let ledger = vault.disclosures(&coordinator(), Some(&person)).await.unwrap();
        assert!(ledger.iter().all(|d| !d.notice_due()));
    }

    /// Bemoeizorg (2.7) asks consent; without it the mentor may disclose on a conflict of
    /// duties, with the justification: a blank one, or one given where consent is not needed,
    /// is refused naming `conflict_of_duties` with nothing recorded; the entry says it went
    /// on a conflict of duties, the client is to be told (2.5), and the privacy officer's
    /// review lists each category's event with the justification.
    async fn a_disclosure_on_a_conflict_of_duties_is_justified_and_reviewed(store) {
        let vault = store.open_with("rondomzorg").await;
        let (person, _) = client(&vault).await;
        let partner = recipient(&vault, "bemoeizorgpartner", "Meldpunt Bemoeizorg Voorbeeldregio").await;
        let inspectie = recipient(&vault, "inspectie", "Inspectie Voorbeeldregio").await;
        let e = vault.disclose(&mentor(), &disclosure(&person, &partner), Lang::En).await.unwrap_err();
        assert!(
            matches!(&e, VaultError::Invalid { field: "consent", message } if message.contains("2.7") && message.contains("conflict of duties")),
            "{e}"
        );
        let denied = refused_disclosures(&vault, &person).await;
        assert_eq!(denied, 1);

        let blank = NewDisclosure { conflict_of_duties: Some("  ".into()), ..disclosure(&person, &partner) };
        let e = vault.disclose(&mentor(), &blank, Lang::En).await.unwrap_err();
        assert!(matches!(e, VaultError::Invalid { field: "conflict_of_duties", .. }), "{e}");
        let needless = NewDisclosure { conflict_of_duties: Some("Gevaar voor de buren".into()), ..disclosure(&person, &inspectie) };
        let e = vault.disclose(&mentor(), &needless, Lang::En).await.unwrap_err();
        assert!(matches!(e, VaultError::Invalid { field: "conflict_of_duties", .. }), "{e}");
        assert!(vault.disclosures(&coordinator(), Some(&person)).await.unwrap().is_empty());
        assert_eq!(refused_disclosures(&vault, &person).await, denied);

        let why = "De cliënt weigert elke hulp; zonder overleg met het meldpunt dreigt huisuitzetting en ernstige verwaarlozing";
        let justified = NewDisclosure { conflict_of_duties: Some(why.into()), ..disclosure(&person, &partner) };
        let preview = vault.disclosure_preview(&mentor(), &justified).await.unwrap();
        assert!(preview[0].allowed && preview[0].on_conflict_of_duties, "{preview:?}");
        let out = vault.disclose(&mentor(), &justified, Lang::Nl).await.unwrap();
        let d = out.disclosure;
        assert!(d.conflict_of_duties && d.consent_ids.is_empty() && d.notice_required);
        let ledger = vault.disclosures(&coordinator(), Some(&person)).await.unwrap();
        assert!(ledger[0].conflict_of_duties);

        let review = vault.emergency_review(&coordinator(), 10).await.unwrap();
        let mine: Vec<_> = review
            .iter()
            .filter(|a| a.event.action == AuditAction::Disclose && a.event.person_id.as_deref() == Some(person.as_str()))
            .collect();
        assert_eq!(mine.len(), 1, "{review:?}");
        assert_eq!(mine[0].reason, zorgkluis_store::vault::Reason::Given(why.to_owned()));
        assert_eq!(mine[0].event.category.as_deref(), Some("gezondheid"));
        assert!(vault.verify_audit().await.unwrap().ok());
    }

    /// A rule with dates holds on its days only (issue 17): Rondomzorg's 2.3 for the inspectorate, as if it had been
    /// a measure that ended in 2020, no longer lets the mentor disclose without consent today;
    /// the refusal is logged and the ledger stays empty.
    async fn a_rule_that_ended_no_longer_allows_a_disclosure(store) {
        let source = zorgkluis_testkit::reglement_source("rondomzorg").replacen(
            "ontvangers = [\"inspectie\"]\n",
            "ontvangers = [\"inspectie\"]\ngeldig_tot = 2020-12-31\n",
            1,
        );
        let vault = store.open_with_source("rondomzorg.toml", &source).await;
        let (person, _) = client(&vault).await;
        let partner = recipient(&vault, "inspectie", "Inspectie Voorbeeldregio").await;
        let e = vault.disclose(&mentor(), &disclosure(&person, &partner), Lang::En).await.unwrap_err();
        assert!(matches!(e, VaultError::Invalid { .. }), "{e}");
        assert_eq!(refused_disclosures(&vault, &person).await, 1);
        assert!(vault.disclosures(&coordinator(), Some(&person)).await.unwrap().is_empty());
    }

    /// After a correction, the recipients the ledger says received the record are named (AVG
    /// art. 19); the client's export lists the disclosures (art. 15 lid 1 sub c).
    async fn the_ledger_names_whom_to_tell_and_the_export_lists_it(store) {
        let vault = store.open_with("rondomzorg").await;
        let (person, record) = client(&vault).await;
        let partner = recipient(&vault, "inspectie", "Inspectie Voorbeeldregio").await;
        let huisarts = recipient(&vault, "zorgaanbieder", "Huisartsenpraktijk Voorbeeld").await;
        vault.disclose(&mentor(), &disclosure(&person, &partner), Lang::Nl).await.unwrap();
        assert!(vault.recipients_to_tell(&caregiver(), &record).await.unwrap().len() == 1);

        vault.correct_record(&caregiver(), &record, "Diagnose herzien", "correctie").await.unwrap();
        let tell = vault.recipients_to_tell(&caregiver(), &record).await.unwrap();
        assert_eq!(tell.len(), 1);
        assert_eq!(tell[0].recipient.id, partner);
        assert_eq!(tell[0].disclosures.len(), 1);
        // The huisarts never received it.
        assert!(tell.iter().all(|t| t.recipient.id != huisarts));

        let filed = vault
            .file_request(
                &coordinator(),
                &NewRequest {
                    person: person.clone(),
                    request: RequestType::Inzage,
                    channel: Channel::Schriftelijk,
                    received: today(),
                    requester: RequesterFacts::default(),
                    details: RequestDetails::default(),
                },
                Lang::Nl,
            )
            .await
            .unwrap();
        vault
            .advance_request(&coordinator(), &filed.id, RequestStatus::IdentiteitVastgesteld, today(), Lang::Nl)
            .await
            .unwrap();
        vault
            .decide_request(&coordinator(), &filed.id, RequestOutcome::Toegewezen, &[], today(), Lang::Nl)
            .await
            .unwrap();
        let export = vault.subject_export(&coordinator(), &filed.id, Lang::Nl).await.unwrap();
        assert_eq!(export.disclosed_to.len(), 1);
        let entry = &export.disclosed_to[0];
        assert_eq!(entry.recipient, "Inspectie Voorbeeldregio");
        assert_eq!(entry.categories, vec!["gezondheid".to_owned()]);
        assert!(!entry.with_consent);
        let json = serde_json::to_string(&export).unwrap();
        assert!(!json.contains("mentor-1"), "the export names no staff member");
    }

    /// An objection the reglement's rule lets block (3.7: the client may object to the
    /// transfer of the registration) refuses the next disclosure to that kind of recipient;
    /// before it, the same disclosure went.
    async fn an_objection_blocks_where_the_rule_says_so(store) {
        let vault = store.open_with("rondomzorg").await;
        let (person, _) = client(&vault).await;
        let taker = recipient(&vault, "overnemende_organisatie", "Zorggroep Voorbeeld").await;
        vault.disclose(&coordinator(), &disclosure(&person, &taker), Lang::Nl).await.unwrap();
        vault
            .file_objection(
                &coordinator(),
                &NewObjection {
                    person: person.clone(),
                    scope: ObjectionScope {
                        processing: "zorgverlening".into(),
                        recipient: Some("overnemende_organisatie".into()),
                        categories: vec!["gezondheid".into()],
                    },
                    made_by: Requester::Betrokkene,
                    representative_person: None,
                    representative_name: None,
                    ground: None,
                    authorisation: false,
                    subject_born: None,
                    received_on: today(),
                    grounds: "Ik wil niet dat mijn dossier naar een andere organisatie gaat.".into(),
                },
                Lang::Nl,
            )
            .await
            .unwrap();
        let preview = vault.disclosure_preview(&coordinator(), &disclosure(&person, &taker)).await.unwrap();
        assert!(!preview[0].allowed && preview[0].objection_blocks, "{preview:?}");
        assert!(matches!(
            vault.disclose(&coordinator(), &disclosure(&person, &taker), Lang::Nl).await.unwrap_err(),
            VaultError::Invalid { field: "consent", .. }
        ));
        assert_eq!(vault.disclosures(&coordinator(), Some(&person)).await.unwrap().len(), 1);
    }

    /// A correction lists the two earlier recipients of the record (AVG art. 19); each is
    /// recorded as told on a day, or not told with the reason; once only; a recipient that never
    /// received the record is refused naming the field.
    async fn a_correction_lists_two_earlier_recipients_and_each_notice_is_recorded(store) {
        let vault = store.open_with("rondomzorg").await;
        let (person, record) = client(&vault).await;
        let partner = recipient(&vault, "inspectie", "Inspectie Voorbeeldregio").await;
        let taker = recipient(&vault, "overnemende_organisatie", "Zorggroep Voorbeeld").await;
        let never = recipient(&vault, "auditor", "Auditbureau Voorbeeld").await;
        vault.disclose(&mentor(), &disclosure(&person, &partner), Lang::Nl).await.unwrap();
        vault.disclose(&coordinator(), &disclosure(&person, &taker), Lang::Nl).await.unwrap();
        vault.correct_record(&caregiver(), &record, "Diagnose herzien", "correctie").await.unwrap();

        let tell = vault.recipients_to_tell(&caregiver(), &record).await.unwrap();
        let mut names: Vec<&str> = tell.iter().map(|t| t.recipient.name.as_str()).collect();
        names.sort();
        assert_eq!(names, ["Inspectie Voorbeeldregio", "Zorggroep Voorbeeld"]);
        assert!(tell.iter().all(|t| t.notice.is_none()));

        vault
            .record_recipient_told(&caregiver(), &record, &partner, &Telling::Told(today()), None)
            .await
            .unwrap();
        let blank = vault
            .record_recipient_told(&caregiver(), &record, &taker, &Telling::NotTold(" ".into()), None)
            .await
            .unwrap_err();
        assert!(matches!(blank, VaultError::Invalid { field: "not_told", .. }), "{blank}");
        vault
            .record_recipient_told(&caregiver(), &record, &taker, &Telling::NotTold("De organisatie bestaat niet meer".into()), None)
            .await
            .unwrap();
        let again = vault
            .record_recipient_told(&caregiver(), &record, &partner, &Telling::Told(today()), None)
            .await
            .unwrap_err();
        assert!(matches!(again, VaultError::Conflict { .. }), "{again}");
        let stranger = vault
            .record_recipient_told(&caregiver(), &record, &never, &Telling::Told(today()), None)
            .await
            .unwrap_err();
        assert!(matches!(stranger, VaultError::Invalid { field: "recipient", .. }), "{stranger}");

        let tell = vault.recipients_to_tell(&caregiver(), &record).await.unwrap();
        let of = |id: &str| tell.iter().find(|t| t.recipient.id == id).unwrap().notice.clone().unwrap();
        assert_eq!(of(&partner).told_on, Some(today()));
        assert_eq!(of(&taker).not_told.as_deref(), Some("De organisatie bestaat niet meer"));
        // Who may not correct the record may not record this either.
        assert!(matches!(
            vault.recipients_to_tell(&actor("admin-1", "administratie"), &record).await.unwrap_err(),
            VaultError::Denied(_)
        ));
    }

    /// Bad input names the field and changes nothing: an unknown kind, a code that is not 8
    /// digits, a country that is no code; a disclosure to an unregistered recipient, of an
    /// unknown category, by a mentor outside the care team (denied by the policy).
    async fn bad_input_names_the_field_and_changes_nothing(store) {
        let vault = store.open_with("rondomzorg").await;
        let (person, _) = client(&vault).await;
        let good = NewRecipient {
            kind: "zorgaanbieder".into(),
            name: "Wijkverpleging Voorbeeld".into(),
            agb_code: None,
            kvk_number: Some("12345678".into()),
            country: "NL".into(),
        };
        for (bad, field) in [
            (NewRecipient { kind: "buurman".into(), ..good.clone() }, "kind"),
            (NewRecipient { name: " ".into(), ..good.clone() }, "name"),
            (NewRecipient { agb_code: Some("123".into()), ..good.clone() }, "agb_code"),
            (NewRecipient { kvk_number: Some("1234567a".into()), ..good.clone() }, "kvk_number"),
            (NewRecipient { country: "nl".into(), ..good.clone() }, "country"),
        ] {
            match vault.register_recipient(&coordinator(), &bad).await.unwrap_err() {
                VaultError::Invalid { field: f, .. } => assert_eq!(f, field),
                other => panic!("{field}: {other}"),
            }
        }
        assert!(vault.recipients(&coordinator()).await.unwrap().is_empty());
        // Only who keeps the register may add to it.
        assert!(matches!(
            vault.register_recipient(&caregiver(), &good).await.unwrap_err(),
            VaultError::Denied(_)
        ));
        let id = vault.register_recipient(&coordinator(), &good).await.unwrap().id;
        assert_eq!(vault.recipients(&coordinator()).await.unwrap().len(), 1);
        assert!(vault.check_recipient_known(&id).await.is_ok());
        assert!(matches!(vault.check_recipient_known("onbekend").await, Err(VaultError::NotFound(_))));

        let unregistered = vault.disclose(&mentor(), &disclosure(&person, "onbekend"), Lang::Nl).await.unwrap_err();
        assert!(matches!(unregistered, VaultError::Invalid { field: "recipient", .. }), "{unregistered}");
        let unknown = NewDisclosure { categories: vec!["hobby".into()], ..disclosure(&person, &id) };
        assert!(matches!(
            vault.disclose(&mentor(), &unknown, Lang::Nl).await.unwrap_err(),
            VaultError::Invalid { field: "categories", .. }
        ));
        let none = NewDisclosure { categories: Vec::new(), ..disclosure(&person, &id) };
        assert!(matches!(
            vault.disclose(&mentor(), &none, Lang::Nl).await.unwrap_err(),
            VaultError::Invalid { field: "categories", .. }
        ));
        add_staff(&vault, &[("mentor-2", "mentor")]).await;
        assert!(matches!(
            vault.disclose(&actor("mentor-2", "mentor"), &disclosure(&person, &id), Lang::Nl).await.unwrap_err(),
            VaultError::Denied(_)
        ));
        assert!(vault.disclosures(&coordinator(), None).await.unwrap().is_empty());
    }
}
