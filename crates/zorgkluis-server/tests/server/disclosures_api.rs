//! The disclosure ledger over the API (issue 14 part 2), on Rondomzorg's reglement: the
//! register of recipients (bad input naming the field; only who keeps it may add), a
//! preview that says what a disclosure would be decided, a disclosure refused without the
//! consent its rule needs and allowed without consent where the rule allows it (the
//! inspectorate, 2.3) with the notice to the client due (2.5), the notice recorded once, the ledger filtered
//! on what is due. Synthetic data.

use serde_json::{Value, json};
use zorgkluis_testkit::{Backend, TestApp};

fn ledger_over_the_api(app: TestApp) {
    let person = app.client();
    let vault = app.vault.clone();
    let p = person.clone();
    app.block_on(async move {
        let admin = zorgkluis_testkit::actor("admin-1", "administratie");
        // app.client() is in zorg-1's care team already, with one health record.
        vault
            .assign_care(&admin, "mentor-1", &p, jiff::civil::date(2020, 1, 1), None)
            .await
            .unwrap();
    });

    // The register.
    let bad = json!({"kind": "buurman", "name": "Buurman"});
    let (status, v) = app.post(Some("coord-1"), "/api/v1/recipients", &bad);
    assert_eq!((status, v["field"].clone()), (422, json!("kind")), "{v}");
    let (status, v) = app.post(
        Some("coord-1"),
        "/api/v1/recipients",
        &json!({"kind": "inspectie", "name": "Inspectie Voorbeeld", "agb_code": "12"}),
    );
    assert_eq!(
        (status, v["field"].clone()),
        (422, json!("agb_code")),
        "{v}"
    );
    let (status, v) = app.post(
        Some("zorg-1"),
        "/api/v1/recipients",
        &json!({"kind": "inspectie", "name": "Inspectie Voorbeeld"}),
    );
    assert_eq!(
        (status, v["code"].clone()),
        (403, json!("access.denied")),
        "{v}"
    );
    let (status, v) = app.get(Some("coord-1"), "/api/v1/recipients");
    assert_eq!((status, v.as_array().map(Vec::len)), (200, Some(0)), "{v}");
    let (status, igj) = app.post(
        Some("coord-1"),
        "/api/v1/recipients",
        &json!({"kind": "inspectie", "name": "Inspectie Voorbeeld", "kvk_number": "12345678"}),
    );
    assert_eq!(status, 201, "{igj}");
    assert_eq!(igj["country"], "NL");
    let (_, huisarts) = app.post(
        Some("coord-1"),
        "/api/v1/recipients",
        &json!({"kind": "zorgaanbieder", "name": "Huisartsenpraktijk Voorbeeld", "agb_code": "01234567"}),
    );
    let what = |recipient: &Value| json!({"recipient": recipient["id"], "categories": ["gezondheid"], "purpose": "overdracht"});

    // Preview, then the refusal without consent (2.3: the care provider needs it).
    let preview = format!("/api/v1/persons/{person}/disclosures/preview");
    let (status, v) = app.post(Some("mentor-1"), &preview, &what(&huisarts));
    assert_eq!(status, 200, "{v}");
    assert_eq!(
        (v[0]["allowed"].clone(), v[0]["needs_consent"].clone()),
        (json!(false), json!(true)),
        "{v}"
    );
    assert!(v[0]["explanation"].as_str().unwrap().contains("2.3"), "{v}");
    let send = format!("/api/v1/persons/{person}/disclosures");
    let (status, v) = app.post(Some("mentor-1"), &send, &what(&huisarts));
    assert_eq!((status, v["field"].clone()), (422, json!("consent")), "{v}");
    let (status, v) = app.post(
        Some("mentor-1"),
        &send,
        &json!({"recipient": "onbekend", "categories": ["gezondheid"], "purpose": "overdracht"}),
    );
    assert_eq!(
        (status, v["field"].clone()),
        (422, json!("recipient")),
        "{v}"
    );
    // A caregiver may not disclose (Rondomzorg 2.2 gives read, write and correct).
    let (status, v) = app.post(Some("zorg-1"), &send, &what(&igj));
    assert_eq!(status, 403, "{v}");

    // Bemoeizorg goes without consent; the client is to be told.
    let (status, v) = app.post(Some("mentor-1"), &send, &what(&igj));
    assert_eq!(status, 201, "{v}");
    assert_eq!(v["extract"].as_array().unwrap().len(), 1, "{v}");
    assert_eq!(v["disclosure"]["notice_due"], true, "{v}");
    assert_eq!(v["disclosure"]["recipient"]["name"], "Inspectie Voorbeeld");
    let id = v["disclosure"]["id"].as_str().unwrap().to_owned();

    let (status, v) = app.get(Some("coord-1"), "/api/v1/disclosures?notice_due=true");
    assert_eq!((status, v.as_array().map(Vec::len)), (200, Some(1)), "{v}");
    let (status, v) = app.get(Some("mentor-1"), "/api/v1/disclosures");
    assert_eq!(status, 403, "the ledger is the officer's: {v}");
    let (status, v) = app.get(
        Some("coord-1"),
        &format!("/api/v1/persons/{person}/disclosures"),
    );
    assert_eq!((status, v[0]["id"].clone()), (200, json!(id)), "{v}");

    let notice = format!("/api/v1/disclosures/{id}/notice");
    let (status, v) = app.post(Some("mentor-1"), &notice, &json!({"outcome": "misschien"}));
    assert_eq!((status, v["field"].clone()), (422, json!("outcome")), "{v}");
    let (status, v) = app.post(
        Some("mentor-1"),
        &notice,
        &json!({"outcome": "uitzondering"}),
    );
    assert_eq!((status, v["field"].clone()), (422, json!("reason")), "{v}");
    let (status, v) = app.post(Some("mentor-1"), &notice, &json!({"outcome": "verstuurd"}));
    assert_eq!(status, 201, "{v}");
    assert!(
        v["text"].as_str().unwrap().contains("Inspectie Voorbeeld"),
        "{v}"
    );
    let (status, v) = app.post(Some("mentor-1"), &notice, &json!({"outcome": "verstuurd"}));
    assert_eq!(status, 409, "once only: {v}");
    let (_, v) = app.get(Some("coord-1"), "/api/v1/disclosures?notice_due=true");
    assert_eq!(v.as_array().map(Vec::len), Some(0), "{v}");
    let (status, _) = app.post(
        Some("mentor-1"),
        "/api/v1/disclosures/no-such/notice",
        &json!({"outcome": "verstuurd"}),
    );
    assert_eq!(status, 404);

    // Whom to tell of a correction of the record (AVG art. 19), and that it was told.
    let record = v_record(&app, &person);
    let path = format!("/api/v1/records/{record}/recipients");
    let (status, v) = app.get(Some("zorg-1"), &path);
    assert_eq!(status, 200, "{v}");
    assert_eq!(v[0]["recipient"]["name"], "Inspectie Voorbeeld", "{v}");
    assert!(v[0]["told_on"].is_null());
    let told = format!("{path}/told");
    let (status, v) = app.post(Some("zorg-1"), &told, &json!({"recipient": igj["id"]}));
    assert_eq!((status, v["field"].clone()), (422, json!("told_on")), "{v}");
    let (status, v) = app.post(
        Some("zorg-1"),
        &told,
        &json!({"recipient": igj["id"], "told_on": "2026-01-05"}),
    );
    assert_eq!(status, 201, "{v}");
    let (_, v) = app.get(Some("zorg-1"), &path);
    assert_eq!(v[0]["told_on"], "2026-01-05", "{v}");

    // Bemoeizorg (2.7) asks consent; on a conflict of duties, justified, it goes without.
    let (_, partner) = app.post(
        Some("coord-1"),
        "/api/v1/recipients",
        &json!({"kind": "bemoeizorgpartner", "name": "Meldpunt Bemoeizorg Voorbeeld"}),
    );
    let (status, v) = app.post(Some("mentor-1"), &send, &what(&partner));
    assert_eq!((status, v["field"].clone()), (422, json!("consent")), "{v}");
    let (status, v) = app.post(Some("mentor-1"), &preview, &what(&partner));
    assert_eq!(status, 200, "{v}");
    assert_eq!(v[0]["conflict_of_duties_allowed"], true, "{v}");
    let mut justified = what(&partner);
    justified["conflict_of_duties"] = json!("   ");
    let (status, v) = app.post(Some("mentor-1"), &send, &justified);
    assert_eq!(
        (status, v["field"].clone()),
        (422, json!("conflict_of_duties")),
        "{v}"
    );
    justified["conflict_of_duties"] =
        json!("De cliënt mijdt elke zorg; zonder het meldpunt dreigt ernstige verwaarlozing");
    let (status, v) = app.post(Some("mentor-1"), &send, &justified);
    assert_eq!(status, 201, "{v}");
    assert_eq!(
        (
            v["disclosure"]["conflict_of_duties"].clone(),
            v["decisions"][0]["on_conflict_of_duties"].clone()
        ),
        (json!(true), json!(true)),
        "{v}"
    );
    assert_eq!(v["disclosure"]["notice_due"], true, "{v}");
}

/// The id of the person's one record, read as their caregiver.
fn v_record(app: &TestApp, person: &str) -> String {
    let (status, v) = app.get(
        Some("zorg-1"),
        &format!("/api/v1/persons/{person}/records?category=gezondheid"),
    );
    assert_eq!(status, 200, "{v}");
    v.as_array()
        .and_then(|a| a.first())
        .or_else(|| v["records"].as_array().and_then(|a| a.first()))
        .and_then(|r| r["id"].as_str())
        .unwrap_or_else(|| panic!("{v}"))
        .to_owned()
}

#[test]
fn the_ledger_over_the_api_sqlite() {
    ledger_over_the_api(TestApp::start_with(
        Backend::Sqlite,
        "rondomzorg",
        zorgkluis_testkit::RONDOMZORG_STAFF,
    ));
}

#[test]
fn the_ledger_over_the_api_postgres() {
    ledger_over_the_api(TestApp::start_with(
        Backend::Postgres,
        "rondomzorg",
        zorgkluis_testkit::RONDOMZORG_STAFF,
    ));
}

/// Alpo zorg's staff for the research export (10.6).
const ALPO_STAFF: &[(&str, &str)] = &[
    ("zorg-1", "zorgverlener"),
    ("admin-1", "administratie"),
    ("coord-1", "coordinator"),
];

zorgkluis_testkit::app_on_both_backends! {
    /// A research export over the API: a ground that does not hold names its field; an
    /// anonymised set of two clients born the same year has k = 2 and no pseudonym.
    fn a_research_export_over_the_api(app, "alpo-zorg", ALPO_STAFF) {
        app.client_named("Synthetische Cliënt Een", "111222333");
        app.client_named("Synthetische Cliënt Twee", "123456782");
        let vault = app.vault.clone();
        let recipient = app.block_on(async move {
            vault
                .register_recipient(
                    &zorgkluis_store::vault::Actor::system("test"),
                    &zorgkluis_store::vault::NewRecipient {
                        kind: "onderzoek".into(),
                        name: "Onderzoeksinstituut Voorbeeld".into(),
                        agb_code: None,
                        kvk_number: None,
                        country: "NL".into(),
                    },
                )
                .await
                .unwrap()
                .id
        });
        let body = json!({
            "project": "valpreventie", "recipient": recipient, "categories": ["naw"],
            "ground": "niet_te_verlangen", "mode": "geanonimiseerd",
            "public_interest": true, "necessary": true, "min_k": 2,
        });
        let mut bad = body.clone();
        bad["ground"] = json!("omdat het kan");
        let (status, v) = app.post(Some("coord-1"), "/api/v1/research-exports", &bad);
        assert_eq!((status, v["field"].clone()), (422, json!("ground")), "{v}");
        let mut bad = body.clone();
        bad["mode"] = json!("gepseudonimiseerd");
        let (status, v) = app.post(Some("coord-1"), "/api/v1/research-exports", &bad);
        assert_eq!((status, v["field"].clone()), (422, json!("mode")), "{v}");
        let mut bad = body.clone();
        bad["necessary"] = json!(false);
        let (status, v) = app.post(Some("coord-1"), "/api/v1/research-exports", &bad);
        assert_eq!((status, v["field"].clone()), (422, json!("necessary")), "{v}");

        let (status, v) = app.post(Some("coord-1"), "/api/v1/research-exports", &body);
        assert_eq!(status, 201, "{v}");
        assert_eq!((v["k"].clone(), v["rows"].as_array().map(Vec::len)), (json!(2), Some(2)), "{v}");
        assert!(v["rows"][0]["pseudonym"].is_null(), "{v}");
        assert_eq!(v["rows"][0]["birth_year"], 1950);
    }
}
