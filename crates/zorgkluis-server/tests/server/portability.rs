//! Overdraagbaarheid and overdracht over the API and the request page (issue 13 parts 6, 7, 9):
//! the FHIR R4 bundle of the export (`GET /api/v1/requests/{id}/export?format=fhir`, and the
//! download on the export page), whose references resolve inside it; a transfer carried out
//! with a recipient and a channel, recorded as a disclosure that a later inzage lists; bad
//! input is a 422 naming the field and changes nothing.

use std::collections::BTreeSet;

use serde_json::{Value, json};
use zorgkluis_testkit::TestApp;

use crate::chain_length;
use crate::refusals::Web;

fn today() -> String {
    zorgkluis_core::time::dutch_date(jiff::Timestamp::now()).to_string()
}

/// A request of `kind` of the client, decided granted; its id.
fn decided(app: &TestApp, person: &str, kind: &str) -> String {
    let (status, v) = app.post(
        Some("dir-1"),
        "/api/v1/requests",
        &json!({"person": person, "type": kind, "received": today()}),
    );
    assert_eq!(status, 201, "{v}");
    let id = v["id"].as_str().unwrap().to_owned();
    let (status, v) = app.post(
        Some("dir-1"),
        &format!("/api/v1/requests/{id}/status"),
        &json!({"status": "identiteit_vastgesteld"}),
    );
    assert_eq!(status, 204, "{v}");
    let (status, v) = app.post(
        Some("dir-1"),
        &format!("/api/v1/requests/{id}/decision"),
        &json!({"outcome": "toegewezen"}),
    );
    assert_eq!(status, 200, "{v}");
    id
}

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

/// A collection bundle whose every reference resolves to an entry's fullUrl; its resources'
/// types, in order.
fn resolved(bundle: &Value) -> Vec<String> {
    assert_eq!(bundle["resourceType"], "Bundle", "{bundle}");
    assert_eq!(bundle["type"], "collection");
    let entries = bundle["entry"].as_array().expect("entries");
    let urls: BTreeSet<&str> = entries
        .iter()
        .map(|e| e["fullUrl"].as_str().expect("a fullUrl"))
        .collect();
    assert_eq!(urls.len(), entries.len(), "unique full URLs");
    let mut refs = Vec::new();
    references(bundle, &mut refs);
    assert!(!refs.is_empty());
    for r in &refs {
        assert!(urls.contains(r.as_str()), "{r} resolves");
    }
    entries
        .iter()
        .map(|e| e["resource"]["resourceType"].as_str().unwrap().to_owned())
        .collect()
}

zorgkluis_testkit::app_on_both_backends! {
    /// A portability request over the API: its export as the FHIR bundle (the Patient, the
    /// health record as a DocumentReference); `format` other than json or fhir, or fhir for an
    /// inzage, is a 422 naming `format`. Executed, the request is carried out.
    fn a_portability_export_is_a_fhir_bundle_over_the_api(app) {
        let person = app.client();
        let id = decided(&app, &person, "overdraagbaarheid");
        let (status, bundle) = app.get(Some("dir-1"), &format!("/api/v1/requests/{id}/export?format=fhir"));
        assert_eq!(status, 200, "{bundle}");
        let kinds = resolved(&bundle);
        assert_eq!(kinds.iter().filter(|k| *k == "Patient").count(), 1, "{kinds:?}");
        assert_eq!(kinds.iter().filter(|k| *k == "DocumentReference").count(), 1, "the health record: {kinds:?}");
        assert!(kinds.contains(&"Organization".to_owned()) && kinds.contains(&"Provenance".to_owned()), "{kinds:?}");
        let patient = bundle["entry"].as_array().unwrap().iter().find(|e| e["resource"]["resourceType"] == "Patient").unwrap();
        assert_eq!(patient["resource"]["name"][0]["text"], "Synthetische Cliënt");
        assert_eq!(patient["resource"]["birthDate"], "1950-03-02");
        // The BSN is exported (its category): the Patient's identifier, not a document.
        assert_eq!(patient["resource"]["identifier"][0]["system"], "http://fhir.nl/fhir/NamingSystem/bsn");
        assert_eq!(patient["resource"]["identifier"][0]["value"], "111222333");
        let before = chain_length(&app);
        let (status, v) = app.get(Some("dir-1"), &format!("/api/v1/requests/{id}/export?format=xml"));
        assert_eq!((status, v["field"].clone()), (422, json!("format")), "{v}");
        let inzage = decided(&app, &person, "inzage");
        let (status, v) = app.get(Some("dir-1"), &format!("/api/v1/requests/{inzage}/export?format=fhir"));
        assert_eq!((status, v["field"].clone()), (422, json!("format")), "{v}");
        let (status, v) = app.post(Some("dir-1"), &format!("/api/v1/requests/{id}/release"), &json!({}));
        assert_eq!(status, 204, "{v}");
        let (status, x) = app.post(Some("dir-1"), &format!("/api/v1/requests/{id}/execute"), &json!({}));
        assert_eq!(status, 200, "{x}");
        assert_eq!(x["request"]["type"], "overdraagbaarheid");
        let (_, shown) = app.get(Some("dir-1"), &format!("/api/v1/requests/{id}"));
        assert_eq!(shown["status"], "uitgevoerd");
        assert!(chain_length(&app) > before);
    }

    /// A transfer over the API: without a recipient, or with an unknown channel, 422 naming the
    /// field and nothing changed; carried out, the answer holds the export, the ledger entry
    /// (channel, request, the bundle's SHA-256), the bundle, and what followed (BG wonen 3.9:
    /// the erasure certificate, the successor to tell); the ledger keeps the transfer.
    fn a_transfer_is_carried_out_and_recorded_over_the_api(app) {
        let person = app.client();
        let id = decided(&app, &person, "overdracht");
        let (status, v) = app.post(Some("dir-1"), &format!("/api/v1/requests/{id}/release"), &json!({}));
        assert_eq!(status, 204, "{v}");
        let before = chain_length(&app);
        let execute = |query: &str| app.post(Some("dir-1"), &format!("/api/v1/requests/{id}/execute{query}"), &json!({}));
        let (status, v) = execute("?channel=aangetekend");
        assert_eq!((status, v["field"].clone()), (422, json!("recipient")), "{v}");
        let (status, v) = execute("?recipient=Zorggroep%20De%20Opvolger&channel=fax");
        assert_eq!((status, v["field"].clone()), (422, json!("channel")), "{v}");
        assert_eq!(chain_length(&app), before, "bad input changed nothing");
        let (status, x) = execute("?recipient=Zorggroep%20De%20Opvolger&channel=persoonlijk&include=html");
        assert_eq!(status, 200, "{x}");
        assert_eq!(x["export"]["request"]["type"], "overdracht");
        assert!(x["html"].as_str().is_some_and(|h| h.contains("<html")), "the document beside it: {x}");
        let d = &x["disclosure"];
        assert_eq!(d["channel"], "persoonlijk");
        assert_eq!(d["request_id"], id.as_str());
        assert_eq!(d["recipient"]["name"], "Zorggroep De Opvolger");
        assert_eq!(d["recipient"]["kind"], "zorgaanbieder");
        assert_eq!(d["payload_sha256"].as_str().unwrap().len(), 64);
        assert_eq!(d["articles"], json!(["AVG art. 20 lid 2", "3.9"]));
        let kinds = resolved(&x["bundle"]);
        assert!(kinds.contains(&"DocumentReference".to_owned()), "{kinds:?}");
        let (_, shown) = app.get(Some("dir-1"), &format!("/api/v1/requests/{id}"));
        assert_eq!(shown["status"], "uitgevoerd");
        // BG wonen 3.9: after the transfer of care everything is erased (nothing here is kept
        // by law), and the successor is to be told.
        let after = &x["after"];
        assert_eq!(after["kind"], "wissen", "{after}");
        assert_eq!(after["certificate"]["request_id"], id.as_str(), "{after}");
        assert_eq!(after["certificate"]["whole_file"], true, "{after}");
        assert_eq!(after["tell_recipient"], "Zorggroep De Opvolger");
        let fg = zorgkluis_testkit::actor("fg-1", "fg");
        let ledger = app.block_on(app.vault.disclosures(&fg, Some(&person))).unwrap();
        assert_eq!(ledger.len(), 1, "the ledger keeps the transfer");
        assert_eq!(ledger[0].channel.as_deref(), Some("persoonlijk"));
        let report = app.block_on(app.vault.verify_audit()).unwrap();
        assert!(report.ok(), "{:?}", report.findings);
    }

    /// The export page of a transfer: the FHIR download, and the form with the recipient and
    /// the channel; an unknown channel answers 422 and changes nothing; the form carries it out.
    fn the_request_page_downloads_the_bundle_and_carries_out_a_transfer(app) {
        let person = app.client();
        let id = decided(&app, &person, "overdracht");
        let (status, v) = app.post(Some("dir-1"), &format!("/api/v1/requests/{id}/release"), &json!({}));
        assert_eq!(status, 204, "{v}");
        let web = Web::login(&app, "dir-1");
        let (status, page) = web.get(&format!("/verzoeken/{id}/export"));
        assert_eq!(status, 200, "{page}");
        assert!(page.contains(&format!("/verzoeken/{id}/export/fhir")), "{page}");
        assert!(page.contains("FHIR-bundel downloaden"), "{page}");
        assert!(page.contains("name=\"ontvanger\"") && page.contains("value=\"beveiligde_email\""), "{page}");
        let (status, kind, bytes) = web.get_bytes(&format!("/verzoeken/{id}/export/fhir"));
        assert_eq!(status, 200);
        assert_eq!(kind, "application/fhir+json");
        let bundle: Value = serde_json::from_slice(&bytes).unwrap();
        resolved(&bundle);
        let before = chain_length(&app);
        let (status, page) = web.post(&format!("/verzoeken/{id}/export/uitvoeren"), "ontvanger=Zorggroep+De+Opvolger&kanaal=duif");
        assert_eq!(status, 422, "{page}");
        assert_eq!(chain_length(&app), before, "bad input changed nothing");
        let (status, page) = web.post(&format!("/verzoeken/{id}/export/uitvoeren"), "ontvanger=Zorggroep+De+Opvolger&kanaal=aangetekend");
        assert_eq!(status, 303, "{page}");
        let (_, shown) = app.get(Some("dir-1"), &format!("/api/v1/requests/{id}"));
        assert_eq!(shown["status"], "uitgevoerd");
    }
}
