//! The request register over the API (issue 12): filing with the check of who may file, the
//! register, the decision, the extension told within the month, the withdrawal; bad input is a
//! 422 naming the field and changes nothing; every change is in the chain, which verifies.

use serde_json::{Value, json};
use zorgkluis_testkit::TestApp;

use crate::chain_length;

fn today() -> jiff::civil::Date {
    zorgkluis_core::time::dutch_date(jiff::Timestamp::now())
}

fn days_ago(n: i64) -> String {
    today()
        .checked_sub(jiff::Span::new().days(n))
        .unwrap()
        .to_string()
}

/// A client born on `born`, registered by the administration; their id.
fn client_born(app: &TestApp, born: &str) -> String {
    let (status, v) = app.post(
        Some("admin-1"),
        "/api/v1/persons",
        &json!({"subject_category": "client", "name": "Synthetische Cliënt", "birth_date": born}),
    );
    assert_eq!(status, 201, "{v}");
    v["id"].as_str().unwrap().to_owned()
}

fn years_ago(years: i16) -> String {
    today()
        .checked_sub(jiff::Span::new().years(years).days(1))
        .unwrap()
        .to_string()
}

fn file(app: &TestApp, body: Value) -> (u16, Value) {
    app.post(Some("dir-1"), "/api/v1/requests", &body)
}

zorgkluis_testkit::app_on_both_backends! {
    /// A request by the subject from filing to execution, through the API.
    fn a_request_is_filed_decided_and_carried_out(app) {
        let person = app.client();
        let (status, filed) = file(&app, json!({
            "person": person, "type": "correctie", "received": today().to_string(),
            "channel": "telefonisch", "changes": "het telefoonnummer is 0612345678",
        }));
        assert_eq!(status, 201, "{filed}");
        assert_eq!(filed["requester"]["allowed"], true);
        assert_eq!(filed["identity_required"], true, "BG wonen 4.7");
        assert!(filed["notes"][0].as_str().unwrap().contains("AVG art. 12 lid 2"), "{filed}");
        let id = filed["id"].as_str().unwrap().to_owned();
        let (status, list) = app.get(Some("dir-1"), "/api/v1/requests?open=true");
        assert_eq!(status, 200, "{list}");
        assert_eq!(list[0]["id"], id.as_str());
        assert_eq!(list[0]["type"], "correctie");
        let (status, v) = app.post(Some("dir-1"), &format!("/api/v1/requests/{id}/status"), &json!({"status": "identiteit_vastgesteld"}));
        assert_eq!(status, 204, "{v}");
        let (status, d) = app.post(Some("dir-1"), &format!("/api/v1/requests/{id}/decision"), &json!({"outcome": "toegewezen"}));
        assert_eq!(status, 200, "{d}");
        assert!(d["execute_by"].is_string(), "{d}");
        let (status, v) = app.post(Some("dir-1"), &format!("/api/v1/requests/{id}/status"), &json!({"status": "uitgevoerd"}));
        assert_eq!(status, 204, "{v}");
        let (status, shown) = app.get(Some("dir-1"), &format!("/api/v1/requests/{id}"));
        assert_eq!(status, 200, "{shown}");
        assert_eq!(shown["status"], "uitgevoerd");
        assert_eq!(shown["details"]["changes"], "het telefoonnummer is 0612345678");
        let steps: Vec<&str> = shown["timeline"].as_array().unwrap().iter()
            .filter(|e| e["action"] != "request_read")
            .map(|e| e["step"].as_str().unwrap()).collect();
        assert_eq!(steps, ["verzoek-ingediend", "verzoek-identiteit-vastgesteld", "verzoek-besloten", "verzoek-uitgevoerd"]);
        // A caregiver does not handle requests: the reglement says no, citing why.
        let (status, v) = app.get(Some("zorg-1"), &format!("/api/v1/requests/{id}"));
        assert_eq!((status, v["code"].clone()), (403, json!("access.denied")), "{v}");
        let report = app.block_on(app.vault.verify_audit()).unwrap();
        assert!(report.ok(), "{:?}", report.findings);
    }

    /// Who may file: the parent of a 10- and a 14-year-old yes, of a 17-year-old no; a
    /// neighbour without an authorisation no, with the reason.
    fn who_may_file_over_the_api(app) {
        for (years, allowed) in [(10, true), (14, true), (17, false)] {
            let child = client_born(&app, &years_ago(years));
            let (status, v) = file(&app, json!({
                "person": child, "type": "inzage", "received": today().to_string(), "requester_kind": "ouder",
            }));
            if allowed {
                assert_eq!(status, 201, "{years}: {v}");
            } else {
                assert_eq!((status, v["field"].clone()), (422, json!("requester_kind")), "{years}: {v}");
                assert!(v["detail"].as_str().unwrap_or_default().contains("7:447") || v.to_string().contains("7:447"), "{v}");
            }
        }
        let adult = app.client();
        let (status, v) = file(&app, json!({
            "person": adult, "type": "inzage", "received": today().to_string(),
            "requester_kind": "gemachtigde", "requester_name": "de buurman",
        }));
        assert_eq!((status, v["field"].clone()), (422, json!("requester_kind")), "{v}");
        assert!(v.to_string().contains("machtiging"), "{v}");
        let (status, v) = file(&app, json!({
            "person": adult, "type": "inzage", "received": today().to_string(),
            "requester_kind": "curator", "ground": "curatele",
        }));
        assert_eq!(status, 201, "{v}");
    }

    /// An extension told within the month, one told too late; a withdrawal; bad input.
    fn extensions_withdrawals_and_bad_input(app) {
        let person = app.client();
        let (_, recent) = file(&app, json!({"person": person, "type": "inzage", "received": days_ago(10), "channel": "mondeling"}));
        let recent = recent["id"].as_str().unwrap().to_owned();
        let (status, v) = app.post(Some("dir-1"), &format!("/api/v1/requests/{recent}/extension"), &json!({"reason": "veel dossiers", "told": today().to_string()}));
        assert_eq!(status, 200, "{v}");
        let (_, old) = file(&app, json!({"person": person, "type": "inzage", "received": days_ago(40)}));
        let old = old["id"].as_str().unwrap().to_owned();
        let before = chain_length(&app);
        let (status, v) = app.post(Some("dir-1"), &format!("/api/v1/requests/{old}/extension"), &json!({"reason": "te laat", "told": today().to_string()}));
        assert_eq!((status, v["field"].clone()), (422, json!("told")), "{v}");
        assert!(v.to_string().contains("AVG art. 12 lid 3"), "{v}");
        let (status, v) = app.get(Some("dir-1"), "/api/v1/requests?overdue=true");
        assert_eq!(status, 200, "{v}");
        assert_eq!(v.as_array().unwrap().len(), 1, "{v}");
        assert_eq!(v[0]["id"], old.as_str());
        let after_list = chain_length(&app);
        assert_eq!(after_list, before + 1, "only the list was logged");
        let bad: [(Value, &str); 3] = [
            (json!({"person": person, "type": "inzagen", "received": today().to_string()}), "type"),
            (json!({"person": person, "type": "inzage", "received": "2999-01-01"}), "received"),
            (json!({"person": person, "type": "inzage", "received": today().to_string(), "channel": "duif"}), "channel"),
        ];
        for (body, field) in bad {
            let (status, v) = file(&app, body);
            assert_eq!((status, v["field"].clone()), (422, json!(field)), "{v}");
        }
        let (status, v) = app.post(Some("dir-1"), &format!("/api/v1/requests/{recent}/decision"), &json!({"outcome": "afgewezen", "grounds": ["wettelijke_bewaarplicht"]}));
        assert_eq!((status, v["field"].clone()), (422, json!("ground")), "{v}");
        assert_eq!(chain_length(&app), after_list, "bad input changed nothing");
        let (status, v) = app.post(Some("dir-1"), &format!("/api/v1/requests/{old}/withdrawal"), &json!({}));
        assert_eq!(status, 204, "{v}");
        let (_, v) = app.get(Some("dir-1"), &format!("/api/v1/requests/{old}"));
        assert_eq!(v["status"], "ingetrokken");
        let report = app.block_on(app.vault.verify_audit()).unwrap();
        assert!(report.ok(), "{:?}", report.findings);
    }
    /// An inzage carried out over the API: refused before its release, naming `release`;
    /// reviewed, released and executed, the answer is the export with the records and the
    /// access overview by role, and the request is carried out. A caregiver may not.
    fn an_inzage_is_carried_out_over_the_api(app) {
        let person = app.client();
        let (status, filed) = file(&app, json!({"person": person, "type": "inzage", "received": today().to_string()}));
        assert_eq!(status, 201, "{filed}");
        let id = filed["id"].as_str().unwrap().to_owned();
        let (status, v) = app.post(Some("dir-1"), &format!("/api/v1/requests/{id}/execute"), &json!({}));
        assert_eq!((status, v["field"].clone()), (422, json!("status")), "undecided: {v}");
        let (status, v) = app.post(Some("dir-1"), &format!("/api/v1/requests/{id}/status"), &json!({"status": "identiteit_vastgesteld"}));
        assert_eq!(status, 204, "{v}");
        let (status, v) = app.post(Some("dir-1"), &format!("/api/v1/requests/{id}/decision"), &json!({"outcome": "toegewezen"}));
        assert_eq!(status, 200, "{v}");
        let (status, v) = app.post(Some("dir-1"), &format!("/api/v1/requests/{id}/execute"), &json!({}));
        assert_eq!((status, v["field"].clone()), (422, json!("release")), "not released: {v}");
        let (status, v) = app.post(Some("dir-1"), &format!("/api/v1/requests/{id}/status"), &json!({"status": "uitgevoerd"}));
        assert_eq!((status, v["field"].clone()), (422, json!("status")), "carried out by its export: {v}");
        let (status, review) = app.get(Some("dir-1"), &format!("/api/v1/requests/{id}/export"));
        assert_eq!(status, 200, "{review}");
        assert_eq!(review["release"]["released"], false);
        let (status, v) = app.post(Some("dir-1"), &format!("/api/v1/requests/{id}/withheld"), &json!({"record": "x", "reason": "over de zus"}));
        assert_eq!((status, v["field"].clone()), (422, json!("outcome")), "granted in full: {v}");
        let (status, v) = app.post(Some("dir-1"), &format!("/api/v1/requests/{id}/release"), &json!({}));
        assert_eq!(status, 204, "{v}");
        let before = chain_length(&app);
        let (status, v) = app.post(Some("dir-1"), &format!("/api/v1/requests/{id}/execute?include=pdf"), &json!({}));
        assert_eq!((status, v["field"].clone()), (422, json!("include")), "{v}");
        assert_eq!(chain_length(&app), before, "a bad include changed nothing");
        // The JSON and the printable document from the one export carried out.
        let (status, both) = app.post(Some("dir-1"), &format!("/api/v1/requests/{id}/execute?include=html"), &json!({}));
        assert_eq!(status, 200, "{both}");
        let html = both["html"].as_str().expect("the document");
        assert!(html.contains("Synthetisch: pols 72") && html.contains("Synthetische Cliënt"), "{html}");
        let x = both["export"].clone();
        assert_eq!(x["format"], "zorgkluis-export/1");
        assert_eq!(x["request"]["type"], "inzage");
        assert_eq!(x["release"]["executed_on"], today().to_string());
        assert_eq!(x["subject"]["facts"]["name"], "Synthetische Cliënt");
        let health = x["categories"].as_array().unwrap().iter().find(|c| c["category"] == "gezondheid").expect("the health record");
        assert_eq!(health["entries"][0]["current"]["text"], "Synthetisch: pols 72");
        assert!(x["information"]["processings"].as_array().unwrap().iter().any(|p| p["id"] == "zorgverlening"), "{x}");
        assert!(x["access_log"].as_array().unwrap().iter().any(|a| a["role_label"] == "Zorgverlener" && a["action"] == "write"), "{x}");
        let log = x["access_log"].to_string();
        assert!(!log.contains("zorg-1") && !log.contains("dir-1"), "no user ids: {log}");
        let (_, shown) = app.get(Some("dir-1"), &format!("/api/v1/requests/{id}"));
        assert_eq!(shown["status"], "uitgevoerd");
        let (status, v) = app.post(Some("dir-1"), &format!("/api/v1/requests/{id}/execute"), &json!({}));
        assert_eq!((status, v["field"].clone()), (422, json!("status")), "once: {v}");
        let (status, v) = app.get(Some("zorg-1"), &format!("/api/v1/requests/{id}/export"));
        assert_eq!((status, v["code"].clone()), (403, json!("access.denied")), "{v}");
        let report = app.block_on(app.vault.verify_audit()).unwrap();
        assert!(report.ok(), "{:?}", report.findings);
    }
}

zorgkluis_testkit::app_on_both_backends! {
    /// A partial erasure over the API (issue 13): the care notes erased, the invoices kept on
    /// the fiscal seven years with the article; the certificate answers, the request is
    /// carried out, and an inzage afterwards shows the invoice and no note, also as HTML.
    fn an_erasure_is_carried_out_over_the_api_keeping_the_fiscal_records(app) {
        let person = app.client();
        let (status, v) = app.post(Some("admin-1"), &format!("/api/v1/persons/{person}/records"), &json!({"category": "financieel", "text": "Synthetische factuur december"}));
        assert_eq!(status, 201, "{v}");
        let (status, filed) = file(&app, json!({"person": person, "type": "verwijdering", "received": today().to_string(), "categories": ["gezondheid", "financieel"]}));
        assert_eq!(status, 201, "{filed}");
        let id = filed["id"].as_str().unwrap().to_owned();
        for step in ["identiteit_vastgesteld", "in_behandeling"] {
            let (status, v) = app.post(Some("dir-1"), &format!("/api/v1/requests/{id}/status"), &json!({"status": step}));
            assert_eq!(status, 204, "{v}");
        }
        let (status, v) = app.post(Some("dir-1"), &format!("/api/v1/requests/{id}/status"), &json!({"status": "uitgevoerd"}));
        assert_eq!((status, v["field"].clone()), (422, json!("status")), "carried out by erasing: {v}");
        let (status, v) = app.post(Some("dir-1"), &format!("/api/v1/requests/{id}/decision"), &json!({"outcome": "toegewezen"}));
        assert_eq!(status, 200, "{v}");
        let (status, v) = app.post(Some("dir-1"), &format!("/api/v1/requests/{id}/execute?include=html"), &json!({}));
        assert_eq!((status, v["field"].clone()), (422, json!("include")), "an erasure makes no document: {v}");
        let (status, c) = app.post(Some("dir-1"), &format!("/api/v1/requests/{id}/execute"), &json!({}));
        assert_eq!(status, 200, "{c}");
        assert_eq!(c["whole_file"], false);
        assert_eq!(c["erased"][0]["category"], "gezondheid");
        assert_eq!(c["erased"][0]["records"], 1);
        assert_eq!(c["refused"][0]["category"], "financieel");
        assert!(c["refused"][0]["grounds"][0]["article"].as_str().unwrap().contains("52 lid 4 AWR"), "{c}");
        assert!(!c.to_string().contains("pols 72"), "no content on the certificate: {c}");
        let (_, shown) = app.get(Some("dir-1"), &format!("/api/v1/requests/{id}"));
        assert_eq!(shown["status"], "uitgevoerd");

        // What is left: the invoice, no note.
        let (status, filed) = file(&app, json!({"person": person, "type": "inzage", "received": today().to_string()}));
        assert_eq!(status, 201, "{filed}");
        let inzage = filed["id"].as_str().unwrap().to_owned();
        let (status, v) = app.post(Some("dir-1"), &format!("/api/v1/requests/{inzage}/status"), &json!({"status": "identiteit_vastgesteld"}));
        assert_eq!(status, 204, "{v}");
        let (status, v) = app.post(Some("dir-1"), &format!("/api/v1/requests/{inzage}/decision"), &json!({"outcome": "toegewezen"}));
        assert_eq!(status, 200, "{v}");
        let (status, html) = app.get_html("dir-1", &format!("/api/v1/requests/{inzage}/export"));
        assert_eq!(status, 200, "{html}");
        assert!(html.contains("<html") && html.contains("Synthetische Cliënt"), "{html}");
        assert!(!html.contains("pols 72"), "the erased note is in the export");
        let report = app.block_on(app.vault.verify_audit()).unwrap();
        assert!(report.ok(), "{:?}", report.findings);
    }
}

/// The id of the restriction standing on `person` (read behind the server's back).
fn standing_restriction(app: &zorgkluis_testkit::TestApp, person: &str) -> String {
    let handler = zorgkluis_testkit::actor("dir-1", "directie");
    let list = app
        .block_on(app.vault.restrictions(&handler, person))
        .unwrap();
    list.into_iter().find(|r| r.lifted_at.is_none()).unwrap().id
}

zorgkluis_testkit::app_on_both_backends! {
    /// A restriction over the API (issue 13 part 4): carried out with its ground of art. 18
    /// lid 1, never by a status mark alone; without a ground the answer names `ground` and
    /// nothing is restricted; afterwards the caregiver's read of the category is refused.
    fn a_restriction_is_carried_out_over_the_api_on_its_ground(app) {
        let person = app.client();
        let (status, filed) = file(&app, json!({"person": person, "type": "afscherming", "received": today().to_string(), "categories": ["gezondheid"]}));
        assert_eq!(status, 201, "{filed}");
        let id = filed["id"].as_str().unwrap().to_owned();
        let (status, v) = app.post(Some("dir-1"), &format!("/api/v1/requests/{id}/status"), &json!({"status": "identiteit_vastgesteld"}));
        assert_eq!(status, 204, "{v}");
        let (status, v) = app.post(Some("dir-1"), &format!("/api/v1/requests/{id}/decision"), &json!({"outcome": "toegewezen"}));
        assert_eq!(status, 200, "{v}");
        let (status, v) = app.post(Some("dir-1"), &format!("/api/v1/requests/{id}/status"), &json!({"status": "uitgevoerd"}));
        assert_eq!((status, v["field"].clone()), (422, json!("status")), "carried out by restricting: {v}");
        let (status, v) = app.post(Some("dir-1"), &format!("/api/v1/requests/{id}/execute"), &json!({}));
        assert_eq!((status, v["field"].clone()), (422, json!("ground")), "{v}");
        let (status, v) = app.post(Some("dir-1"), &format!("/api/v1/requests/{id}/execute?ground=ruzie"), &json!({}));
        assert_eq!((status, v["field"].clone()), (422, json!("ground")), "{v}");
        let note = json!({"category": "gezondheid", "text": "Synthetisch: bloeddruk 120/80"});
        let (status, v) = app.post(Some("zorg-1"), &format!("/api/v1/persons/{person}/records"), &note);
        assert_eq!(status, 201, "nothing restricted yet: {v}");
        let (status, v) = app.post(Some("dir-1"), &format!("/api/v1/requests/{id}/execute?ground=juistheid_betwist"), &json!({}));
        assert_eq!(status, 200, "{v}");
        assert_eq!(v["restrictions"][0]["category"], "gezondheid");
        assert_eq!(v["restrictions"][0]["article"], "AVG art. 18 lid 1 sub a");
        let (_, shown) = app.get(Some("dir-1"), &format!("/api/v1/requests/{id}"));
        assert_eq!(shown["status"], "uitgevoerd");
        let (status, v) = app.post(Some("zorg-1"), &format!("/api/v1/persons/{person}/records"), &note);
        assert_eq!(status, 403, "the restricted category takes no new note: {v}");
        // Lifted once the client was told (art. 18 lid 3): not on a day in the future.
        let restriction = standing_restriction(&app, &person);
        let tomorrow = today().tomorrow().unwrap().to_string();
        let (status, v) = app.post(Some("dir-1"), &format!("/api/v1/restrictions/{restriction}/lift"), &json!({"told_on": tomorrow}));
        assert_eq!((status, v["field"].clone()), (422, json!("told_on")), "{v}");
        let (status, v) = app.post(Some("zorg-1"), &format!("/api/v1/restrictions/{restriction}/lift"), &json!({"told_on": today().to_string()}));
        assert_eq!(status, 403, "only the request handler lifts: {v}");
        let (status, v) = app.post(Some("dir-1"), &format!("/api/v1/restrictions/{restriction}/lift"), &json!({"told_on": today().to_string()}));
        assert_eq!(status, 204, "{v}");
        let (status, v) = app.post(Some("dir-1"), &format!("/api/v1/restrictions/{restriction}/lift"), &json!({"told_on": today().to_string()}));
        assert_eq!(status, 409, "once: {v}");
        let (status, v) = app.post(Some("zorg-1"), &format!("/api/v1/persons/{person}/records"), &note);
        assert_eq!(status, 201, "lifted, the category is in use again: {v}");
    }
}

zorgkluis_testkit::app_on_both_backends! {
    /// The restriction on the request page: the section with the grounds of art. 18 lid 1
    /// while the request is granted, the status step without "uitgevoerd", and after the form
    /// the restriction shown in force with its ground.
    fn a_restriction_is_carried_out_from_the_request_page(app) {
        let person = app.client();
        let (status, filed) = file(&app, json!({"person": person, "type": "afscherming", "received": today().to_string(), "categories": ["gezondheid"]}));
        assert_eq!(status, 201, "{filed}");
        let id = filed["id"].as_str().unwrap().to_owned();
        let (status, v) = app.post(Some("dir-1"), &format!("/api/v1/requests/{id}/status"), &json!({"status": "identiteit_vastgesteld"}));
        assert_eq!(status, 204, "{v}");
        let (status, v) = app.post(Some("dir-1"), &format!("/api/v1/requests/{id}/decision"), &json!({"outcome": "toegewezen"}));
        assert_eq!(status, 200, "{v}");
        let web = crate::refusals::Web::login(&app, "dir-1");
        let (status, page) = web.get(&format!("/verzoeken/{id}"));
        assert_eq!(status, 200, "{page}");
        assert!(page.contains("id=\"afschermen\""), "{page}");
        assert!(page.contains("value=\"juistheid_betwist\""), "{page}");
        assert!(!page.contains("<option value=\"uitgevoerd\""), "carried out by restricting only: {page}");
        let (status, body) = web.post(&format!("/verzoeken/{id}/afschermen"), "grond=ruzie");
        assert_eq!(status, 422, "{body}");
        let (status, body) = web.post(&format!("/verzoeken/{id}/afschermen"), "grond=juistheid_betwist");
        assert_eq!(status, 303, "{body}");
        let (_, page) = web.get(&format!("/verzoeken/{id}"));
        assert!(page.contains("id=\"afgeschermd\"") && page.contains("van kracht"), "{page}");
        assert!(page.contains("AVG art. 18 lid 1 sub a"), "{page}");
        assert!(!page.contains("id=\"afschermen\""), "carried out: {page}");
        // Lifted from the page once the client was told.
        let restriction = standing_restriction(&app, &person);
        let (status, body) = web.post(&format!("/afscherming/{restriction}/opheffen"), &format!("verzoek={id}&geinformeerd={}", today()));
        assert_eq!(status, 303, "{body}");
        let (_, page) = web.get(&format!("/verzoeken/{id}"));
        assert!(page.contains("opgeheven op") && !page.contains("van kracht"), "{page}");
    }
}

zorgkluis_testkit::app_on_both_backends! {
    /// The do-not-contact check over the API (issue 14 part 4): yes until the person is put on
    /// the register, then no with the entry and art. 21 AVG; a purpose it does not know named.
    fn the_do_not_contact_check_answers_over_the_api(app) {
        let person = app.client();
        let path = format!("/api/v1/persons/{person}/contact-check?purpose=nieuwsbrief");
        let (status, v) = app.get(Some("admin-1"), &path);
        // The administration is given no check_contact by BG wonen: refused, logged.
        assert_eq!(status, 403, "{v}");
        let (status, v) = app.post(Some("admin-1"), &format!("/api/v1/persons/{person}/do-not-contact"), &json!({"purpose": "reclame"}));
        assert_eq!((status, v["field"].clone()), (422, json!("purpose")), "{v}");
        let (status, v) = app.post(Some("admin-1"), &format!("/api/v1/persons/{person}/do-not-contact"), &json!({"purpose": "nieuwsbrief"}));
        assert_eq!(status, 201, "{v}");
        let entry = v["id"].as_str().unwrap().to_owned();
        let mailing = zorgkluis_store::vault::Actor::system("mailing");
        let c = app.block_on(app.vault.contact_check(&mailing, &person, zorgkluis_core::vocabulary::ContactPurpose::Nieuwsbrief)).unwrap();
        assert!(!c.allowed);
        assert_eq!(c.entry.as_deref(), Some(entry.as_str()));
    }
}
