//! Carrying out overdraagbaarheid and overdracht (issue 13 parts 6 and 7): the export goes out
//! as JSON and as a FHIR R4 bundle that reads back into the model, whose references all
//! resolve inside it and that holds nothing the export withheld; a transfer to a successor is
//! a disclosure in the ledger with the channel, the request and the SHA-256 of the bundle, the
//! original stays, and a later access export lists it; bad input changes nothing.

use std::collections::BTreeSet;

use base64::Engine as _;
use fhir_r4::resources::{Bundle, Resource};
use fhir_r4::validate::Validate as _;
use serde_json::Value;
use sha2::Digest as _;
use zorgkluis_core::Lang;
use zorgkluis_core::decide::ERASURE_AFTER_TRANSFER;
use zorgkluis_core::vocabulary::{
    AfterTransfer, Channel, RequestOutcome, RequestStatus, RequestType,
};
use zorgkluis_store::vault::{SubjectExport, VaultError, fhir};
use zorgkluis_testkit::actor;

use crate::access_path::event_count;
use crate::consents::audit_consent;
use crate::export::{caregiver, client_with_dossier, decided, decided_via, handler, today};

/// BG wonen's reglement without its `[overdracht]`: silent on transfers, so the law's default
/// holds (every channel, the original kept).
fn silent_on_transfer() -> String {
    let bg = zorgkluis_testkit::reglement_source("bg-wonen");
    let start = bg
        .find("\n[overdracht]\n")
        .expect("BG wonen has [overdracht]")
        + 1;
    let end = start + bg[start..].find("\n\n").expect("a blank line after it");
    format!("{}{}", &bg[..start], &bg[end..])
}

/// Every `"reference"` string anywhere in `v`.
fn references(v: &Value, out: &mut Vec<String>) {
    match v {
        Value::Object(m) => {
            for (k, x) in m {
                match (k.as_str(), x) {
                    ("reference", Value::String(s)) => out.push(s.clone()),
                    _ => references(x, out),
                }
            }
        }
        Value::Array(a) => a.iter().for_each(|x| references(x, out)),
        _ => {}
    }
}

/// The bundle read back into the FHIR model, checked: it validates, every entry has a full
/// URL and a resource that reads as one, and every reference resolves to an entry. The
/// resources, by entry.
fn checked(text: &str) -> Vec<(String, Resource)> {
    let Resource::Bundle(bundle) = serde_json::from_str(text).expect("a FHIR R4 resource") else {
        panic!("not a Bundle: {text}");
    };
    let bundle: Bundle = *bundle;
    assert!(bundle.validate().is_empty(), "{:?}", bundle.validate());
    assert_eq!(serde_json::to_value(&bundle.r#type).unwrap(), "collection");
    let mut urls = BTreeSet::new();
    let mut out = Vec::new();
    for e in &bundle.entry {
        let url = e
            .full_url
            .as_ref()
            .expect("every entry has a fullUrl")
            .0
            .clone();
        assert!(url.starts_with("urn:uuid:"), "{url}");
        assert!(urls.insert(url.clone()), "full URLs are unique: {url}");
        let value = e.resource.clone().expect("every entry has a resource");
        let resource: Resource = serde_json::from_value(value).expect("a FHIR R4 resource");
        out.push((url, resource));
    }
    let mut refs = Vec::new();
    references(&serde_json::from_str(text).unwrap(), &mut refs);
    assert!(!refs.is_empty());
    for r in &refs {
        assert!(urls.contains(r), "reference {r} resolves to an entry");
    }
    for (_, r) in &out {
        let issues = match r {
            Resource::Patient(p) => p.validate(),
            Resource::Organization(o) => o.validate(),
            Resource::DocumentReference(d) => d.validate(),
            Resource::Consent(c) => c.validate(),
            Resource::Provenance(p) => p.validate(),
            other => panic!("an unexpected resource {other:?}"),
        };
        assert!(issues.is_empty(), "{issues:?}");
    }
    out
}

fn records_of(export: &SubjectExport) -> usize {
    export
        .categories
        .iter()
        .flat_map(|c| &c.entries)
        .map(|e| e.earlier.len() + 1 + e.supplements.len())
        .sum()
}

zorgkluis_testkit::on_both_backends! {
    /// A partly granted portability request, an entry about the sister withheld (art. 20 lid 4
    /// AVG): the JSON export and the FHIR bundle go out; the bundle has the Patient with the
    /// client's name and birth date, the organisation, one DocumentReference per record (the
    /// correction replacing the earlier version), the consent and the provenance; the withheld
    /// entry and the financial category the directie may not export are in neither.
    async fn a_portability_request_goes_out_as_a_fhir_bundle_that_validates(store) {
        let vault = store.open().await;
        let person = client_with_dossier(&vault).await;
        let about_sister = vault
            .add_record(&caregiver(), &person, "rapportage", "Zus Proefmans vertelde over haar schulden", "zorgverlening")
            .await
            .unwrap();
        let admin = actor("admin-1", "administratie");
        vault.give_consent(&admin, &audit_consent(&person, today()), Lang::Nl).await.unwrap();
        let id = decided(&vault, &person, RequestType::Overdraagbaarheid, RequestOutcome::DeelsToegewezen, &["rechten_van_anderen"]).await;
        vault
            .withhold_export_entry(&handler(), &id, &about_sister, None, "Betreft de zus van cliënt", Lang::Nl)
            .await
            .unwrap();
        vault.release_export(&handler(), &id, Lang::Nl).await.unwrap();
        let (export, (json, bundle)) = vault
            .execute_export(&handler(), &id, Lang::Nl, |x| {
                let bundle = fhir::bundle_json(x).map_err(std::io::Error::other)?;
                Ok((serde_json::to_string(x).unwrap(), bundle))
            })
            .await
            .unwrap();
        assert_eq!(vault.request(&handler(), &id).await.unwrap().status, RequestStatus::Uitgevoerd);
        assert!(json.contains("Rustige week") && !json.contains("Proefmans"));
        assert_eq!(export.consents.len(), 1);
        let resources = checked(&bundle);
        let count = |f: fn(&Resource) -> bool| resources.iter().filter(|(_, r)| f(r)).count();
        assert_eq!(count(|r| matches!(r, Resource::Patient(_))), 1);
        assert_eq!(count(|r| matches!(r, Resource::Organization(_))), 1);
        assert_eq!(count(|r| matches!(r, Resource::Consent(_))), 1);
        assert_eq!(count(|r| matches!(r, Resource::Provenance(_))), 1);
        // The corrected health record (2 versions) and the other report: 3 records.
        assert_eq!(records_of(&export), 3);
        assert_eq!(count(|r| matches!(r, Resource::DocumentReference(_))), 3);
        let Some((patient_url, Resource::Patient(patient))) = resources.iter().find(|(_, r)| matches!(r, Resource::Patient(_))) else {
            panic!("no patient");
        };
        assert_eq!(patient.name[0].text.as_ref().unwrap().0, "Synthetische Proefcliënt");
        assert_eq!(patient.birth_date.as_ref().unwrap().0, "1950-03-02");
        assert!(patient.identifier.iter().all(|i| i.system.as_ref().is_none_or(|s| !s.0.contains("bsn"))), "no BSN: it is no part of the export");
        let mut texts = Vec::new();
        let mut replaced = Vec::new();
        for (url, r) in &resources {
            let Resource::DocumentReference(d) = r else { continue };
            assert_eq!(d.subject.as_ref().unwrap().reference.as_ref().unwrap().0, *patient_url);
            let data = &d.content.first().attachment.data.as_ref().unwrap().0;
            let text = String::from_utf8(base64::engine::general_purpose::STANDARD.decode(data).unwrap()).unwrap();
            for rel in &d.relates_to {
                assert_eq!(serde_json::to_value(&rel.code).unwrap(), "replaces");
                replaced.push((url.clone(), rel.target.reference.as_ref().unwrap().0.clone(), text.clone()));
            }
            texts.push((text, serde_json::to_value(&d.status).unwrap()));
        }
        assert!(texts.contains(&("Diabetes type 2, metformine 500 mg".into(), "current".into())), "{texts:?}");
        assert!(texts.contains(&("Diabetes type 2, metformine".into(), "superseded".into())), "{texts:?}");
        assert!(texts.contains(&("Rustige week, goed gegeten".into(), "current".into())), "{texts:?}");
        assert_eq!(replaced.len(), 1, "the correction replaces the earlier version");
        assert_eq!(replaced[0].2, "Diabetes type 2, metformine 500 mg");
        assert!(!texts.iter().any(|(t, _)| t.contains("Proefmans") || t.contains("Eigen bijdrage")));
        assert!(!bundle.contains("Proefmans") && !bundle.contains(&about_sister), "the withheld entry is absent");
        vault.close().await;
    }

    /// A transfer to a successor: an unknown channel or no recipient is refused, naming the
    /// field, with nothing logged or recorded; carried out, the bundle and export are handed
    /// over, the ledger holds the disclosure (the successor registered as a zorgaanbieder, the
    /// channel, the request, the SHA-256 of the bundle that went), the dossier still holds the
    /// records, and a later inzage lists the transfer among `disclosed_to`.
    async fn a_transfer_is_a_disclosure_with_channel_and_hash(store) {
        let vault = store.open_with_source("bg-wonen.toml", &silent_on_transfer()).await;
        let person = client_with_dossier(&vault).await;
        let id = decided(&vault, &person, RequestType::Overdracht, RequestOutcome::Toegewezen, &[]).await;
        vault.release_export(&handler(), &id, Lang::Nl).await.unwrap();
        let before = event_count(&vault).await;
        let mut delivered = false;
        let e = vault
            .execute_transfer(&handler(), &id, "Zorggroep De Opvolger", "fax", Lang::Nl, |_, _| {
                delivered = true;
                Ok(())
            })
            .await;
        assert!(matches!(&e, Err(VaultError::Invalid { field: "channel", message }) if message.contains("fax")), "{e:?}");
        let e = vault
            .execute_transfer(&handler(), &id, "  ", "aangetekend", Lang::Nl, |_, _| Ok(()))
            .await;
        assert!(matches!(e, Err(VaultError::Invalid { field: "recipient", .. })), "{e:?}");
        // An overdracht is not carried out without its recipient and channel.
        let e = vault.execute_export(&handler(), &id, Lang::Nl, |_| Ok(())).await;
        assert!(matches!(e, Err(VaultError::Invalid { field: "recipient", .. })), "{e:?}");
        assert!(!delivered);
        assert_eq!(event_count(&vault).await, before, "bad input changes nothing");
        let fg = actor("fg-1", "fg");
        assert!(vault.disclosures(&fg, Some(&person)).await.unwrap().is_empty());
        assert_eq!(vault.request(&handler(), &id).await.unwrap().status, RequestStatus::Besloten);

        let (export, outcome, handed) = vault
            .execute_transfer(&handler(), &id, "Zorggroep De Opvolger", "aangetekend", Lang::Nl, |x, bundle| {
                Ok((serde_json::to_string(x).unwrap(), bundle.to_owned()))
            })
            .await
            .unwrap();
        let (json, bundle) = handed;
        assert!(json.contains("Rustige week"));
        let resources = checked(&bundle);
        assert_eq!(
            resources.iter().filter(|(_, r)| matches!(r, Resource::DocumentReference(_))).count(),
            records_of(&export)
        );
        let d = &outcome.disclosure;
        assert_eq!(d.channel.as_deref(), Some("aangetekend"));
        assert_eq!(d.request_id.as_deref(), Some(id.as_str()));
        assert_eq!(d.payload_sha256, hex::encode(sha2::Sha256::digest(bundle.as_bytes())));
        assert_eq!(d.categories, ["gezondheid", "rapportage"]);
        assert_eq!(d.record_ids.len(), 3);
        assert_eq!(d.articles, ["AVG art. 20 lid 2"]);
        let ledger = vault.disclosures(&fg, Some(&person)).await.unwrap();
        assert_eq!(ledger.len(), 1);
        assert_eq!(&ledger[0], d, "the ledger holds what the transfer recorded");
        assert_eq!(ledger[0].recipient.name, "Zorggroep De Opvolger");
        assert_eq!(ledger[0].recipient.kind, "zorgaanbieder");
        let shown = vault.request(&handler(), &id).await.unwrap();
        assert_eq!(shown.status, RequestStatus::Uitgevoerd);
        assert_eq!(shown.executed_on, Some(today()));
        // Once carried out, not again.
        let again = vault
            .execute_transfer(&handler(), &id, "Zorggroep De Opvolger", "persoonlijk", Lang::Nl, |_, _| Ok(()))
            .await;
        assert!(matches!(again, Err(VaultError::Invalid { field: "status", .. })), "{again:?}");

        // The original stays; a later inzage names the transfer.
        let inzage = decided(&vault, &person, RequestType::Inzage, RequestOutcome::Toegewezen, &[]).await;
        let later = vault.subject_export(&handler(), &inzage, Lang::Nl).await.unwrap();
        assert_eq!(records_of(&later), 3, "the records stay in the vault");
        assert_eq!(later.disclosed_to.len(), 1);
        let t = &later.disclosed_to[0];
        assert_eq!(t.recipient, "Zorggroep De Opvolger");
        assert_eq!(t.channel.as_deref(), Some("aangetekend"));
        assert_eq!(t.request_id.as_deref(), Some(id.as_str()));

        // A second transfer to the same successor, named by its register id, registers nobody new.
        let next = decided(&vault, &person, RequestType::Overdracht, RequestOutcome::Toegewezen, &[]).await;
        vault.release_export(&handler(), &next, Lang::Nl).await.unwrap();
        let (_, second, ()) = vault
            .execute_transfer(&handler(), &next, &d.recipient.id, "beveiligde_email", Lang::Nl, |_, _| Ok(()))
            .await
            .unwrap();
        assert_eq!(second.disclosure.recipient.id, d.recipient.id);
        vault.close().await;
    }

    /// BG wonen 3.9: the client's consent in writing, so a transfer of a request that came in
    /// orally is refused naming `consent`, nothing logged; after a transfer of care every
    /// category is decided as an erasure on the client's request (art. 7:455 lid 1 BW): the
    /// health record and the report erased, the financial record kept for the fiscal seven
    /// years (art. 52 lid 4 AWR); the certificate cites the transfer request, the successor is
    /// to be told, and the ledger keeps the transfer.
    async fn after_a_transfer_of_care_bg_wonen_erases_what_the_law_lets_go(store) {
        let vault = store.open().await;
        let person = client_with_dossier(&vault).await;
        let oral = decided_via(&vault, &person, RequestType::Overdracht, RequestOutcome::Toegewezen, &[], Channel::Mondeling).await;
        vault.release_export(&handler(), &oral, Lang::Nl).await.unwrap();
        let before = event_count(&vault).await;
        let e = vault
            .execute_transfer(&handler(), &oral, "Zorggroep De Opvolger", "aangetekend", Lang::En, |_, _| Ok(()))
            .await;
        assert!(
            matches!(&e, Err(VaultError::Invalid { field: "consent", message }) if message.contains("3.9") && message.contains("in writing")),
            "{e:?}"
        );
        assert_eq!(event_count(&vault).await, before, "a refused transfer changes nothing");
        assert_eq!(vault.request(&handler(), &oral).await.unwrap().status, RequestStatus::Besloten);

        let id = decided(&vault, &person, RequestType::Overdracht, RequestOutcome::Toegewezen, &[]).await;
        vault.release_export(&handler(), &id, Lang::Nl).await.unwrap();
        let (_, outcome, ()) = vault
            .execute_transfer(&handler(), &id, "Zorggroep De Opvolger", "beveiligde_email", Lang::Nl, |_, _| Ok(()))
            .await
            .unwrap();
        assert_eq!(outcome.disclosure.articles, ["AVG art. 20 lid 2", "3.9"]);
        let after = &outcome.after;
        assert_eq!(after.kind, AfterTransfer::Wissen);
        assert_eq!(after.articles, ["3.9", ERASURE_AFTER_TRANSFER]);
        assert_eq!(after.tell_recipient.as_deref(), Some("Zorggroep De Opvolger"));
        let c = after.certificate.as_ref().expect("an erasure certificate");
        assert_eq!(c.request_id.as_deref(), Some(id.as_str()));
        assert!(!c.whole_file, "the financial record is kept, and so is whom it is of");
        let mut erased: Vec<&str> = c.erased.iter().map(|e| e.category.as_str()).collect();
        erased.sort();
        assert_eq!(erased, ["gezondheid", "rapportage"], "{c:?}");
        let kept = c.refused.iter().find(|r| r.category == "financieel").expect("financieel kept");
        assert!(kept.grounds.iter().any(|g| g.article.contains("52 lid 4 AWR")), "{kept:?}");
        assert!(vault
            .read_category(&caregiver(), &person, "gezondheid", "zorgverlening", None)
            .await
            .unwrap()
            .is_empty());
        let admin = actor("admin-1", "administratie");
        assert_eq!(
            vault.read_category(&admin, &person, "financieel", "declaratie", None).await.unwrap()[0].text,
            "Eigen bijdrage CAK"
        );
        let fg = actor("fg-1", "fg");
        let ledger = vault.disclosures(&fg, Some(&person)).await.unwrap();
        assert_eq!(ledger.len(), 1, "the ledger keeps the transfer");
        assert_eq!(vault.request(&handler(), &id).await.unwrap().status, RequestStatus::Uitgevoerd);
        let report = vault.verify_audit().await.unwrap();
        assert!(report.ok(), "{:?}", report.findings);
        vault.close().await;
    }
}
