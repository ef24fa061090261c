//! The complaints register over HTTP (issue 16 part 3): the Wkkgz clock (art. 17: six weeks,
//! extendable once by at most four when told before they end) on the API and on the web, for
//! the role the reglement gives `manage_complaints` (the directie in BG wonen, 4.9, and in
//! Rondomzorg, 4.12); refusals and bad input name the field and change nothing.

use jiff::civil::Date;
use serde_json::{Value, json};
use zorgkluis_core::Lang;
use zorgkluis_core::decide::complaint_deadline;
use zorgkluis_core::time::format_date;

use crate::refusals::Web;
use crate::{audit_of, chain_length, has, who_did_what};

fn today() -> Date {
    zorgkluis_core::time::dutch_date(jiff::Timestamp::now())
}

fn days_ago(days: i64) -> Date {
    today().checked_sub(jiff::Span::new().days(days)).unwrap()
}

/// The clock the core gives a complaint received on `received` under `seed`.
fn clock(seed: &str, received: Date, extended: bool) -> zorgkluis_core::decide::ComplaintAnswer {
    complaint_deadline(&zorgkluis_testkit::reglement(seed), received, extended).unwrap()
}

fn record(app: &zorgkluis_testkit::TestApp, body: &Value) -> String {
    let (status, v) = app.post(Some("dir-1"), "/api/v1/complaints", body);
    assert_eq!(status, 201, "{v}");
    v["id"].as_str().unwrap().to_owned()
}

zorgkluis_testkit::app_on_both_backends! {
    fn the_complaints_register_answers_over_the_api(app) {
        let person = app.client();
        let received = days_ago(10);
        let body = json!({
            "received": received.to_string(),
            "by": "vertegenwoordiger",
            "about": "Het dossier is zonder toestemming aan de school gegeven",
            "person": person,
        });
        // The FG of BG wonen keeps no complaints register (4.9 gives it the directie).
        let before = chain_length(&app);
        let (status, v) = app.post(Some("fg-1"), "/api/v1/complaints", &body);
        assert_eq!((status, v["code"].clone()), (403, json!("access.denied")), "{v}");
        assert_eq!(chain_length(&app), before + 1, "the refusal is logged");
        let (status, _) = app.get(Some("zorg-1"), "/api/v1/complaints");
        assert_eq!(status, 403);

        // Bad input names the field and records nothing.
        let before = chain_length(&app);
        for (status, field, wrong) in [
            (422, "by", json!({"received": received.to_string(), "by": "buurman", "about": "x"})),
            (400, "received", json!({"received": "gisteren", "by": "client", "about": "x"})),
            (422, "received", json!({"received": today().tomorrow().unwrap().to_string(), "by": "client", "about": "x"})),
            (422, "about", json!({"received": received.to_string(), "by": "client", "about": "  "})),
            (422, "person", json!({"received": received.to_string(), "by": "client", "about": "x", "person": "niemand"})),
        ] {
            let (s, v) = app.post(Some("dir-1"), "/api/v1/complaints", &wrong);
            assert_eq!((s, v["field"].clone()), (status, json!(field)), "{v}");
            assert_eq!(v["status"], status, "problem+json: {v}");
        }
        assert_eq!(chain_length(&app), before, "nothing recorded, nothing logged");

        let (status, v) = app.post(Some("dir-1"), "/api/v1/complaints", &body);
        assert_eq!(status, 201, "{v}");
        let id = v["id"].as_str().unwrap().to_owned();
        let expected = clock("bg-wonen", received, false);
        assert_eq!(v["decide_by"], expected.decide_by.to_string(), "{v}");
        assert_eq!(v["extension_told_by"], expected.extension_told_by.to_string(), "{v}");
        assert_eq!(v["articles"], json!(expected.articles), "{v}");
        assert!(v["articles"].as_array().unwrap().iter().any(|a| a.as_str().unwrap().starts_with("Wkkgz art. 17")), "{v}");
        assert_eq!((v["open"].clone(), v["overdue"].clone(), v["to_ap"].clone()), (json!(true), json!(false), json!(false)));
        assert_eq!(v["person"], person.as_str());
        // The client it concerns is the subject of its events: in her access log.
        let log = who_did_what(&audit_of(&app, &person));
        assert!(has(&log, "dir-1", "complaint_record", "allowed"), "{log:?}");

        // One received sixty days ago: the six weeks are over.
        let late = record(&app, &json!({"received": days_ago(60).to_string(), "by": "client", "about": "Wachttijd", "to_ap": true}));

        // An extension beyond what the law allows, or told too late, is refused naming the
        // field; the complaint stays as it was.
        let extension = |id: &str| format!("/api/v1/complaints/{id}/extension");
        let beyond = clock("bg-wonen", received, true).decide_by.tomorrow().unwrap();
        let (status, v) = app.post(Some("dir-1"), &extension(&id), &json!({"told": today().to_string(), "reason": "Dossieronderzoek", "decide_by": beyond.to_string()}));
        assert_eq!((status, v["field"].clone()), (422, json!("decide_by")), "{v}");
        let (status, v) = app.post(Some("dir-1"), &extension(&id), &json!({"told": "morgen", "reason": "Dossieronderzoek"}));
        assert_eq!((status, v["field"].clone()), (400, json!("told")), "{v}");
        let (status, v) = app.post(Some("dir-1"), &extension(&late), &json!({"told": today().to_string(), "reason": "Te laat bedacht"}));
        assert_eq!((status, v["field"].clone()), (422, json!("told")), "{v}");
        let (_, v) = app.get(Some("dir-1"), &format!("/api/v1/complaints/{late}"));
        assert_eq!((v["extended"].clone(), v["extension"].clone()), (json!(false), Value::Null), "{v}");
        assert_eq!(v["overdue"], true, "{v}");
        assert_eq!(v["to_ap"], true, "{v}");
        let (_, v) = app.get(Some("dir-1"), &format!("/api/v1/complaints/{id}"));
        assert_eq!(v["extended"], false, "{v}");

        // Told in time: ten weeks.
        let extended = clock("bg-wonen", received, true);
        let (status, v) = app.post(Some("dir-1"), &extension(&id), &json!({"told": today().to_string(), "reason": "Dossieronderzoek", "decide_by": extended.decide_by.to_string()}));
        assert_eq!(status, 200, "{v}");
        assert_eq!((v["extended"].clone(), v["decide_by"].clone()), (json!(true), json!(extended.decide_by.to_string())), "{v}");
        assert!(v["articles"].as_array().unwrap().contains(&json!("Wkkgz art. 17 lid 2")), "{v}");
        assert_eq!(v["extension"]["reason"], "Dossieronderzoek");

        // The decision: an unknown outcome names the field.
        let decision = format!("/api/v1/complaints/{id}/decision");
        let (status, v) = app.post(Some("dir-1"), &decision, &json!({"outcome": "terecht", "text": "x"}));
        assert_eq!((status, v["field"].clone()), (422, json!("outcome")), "{v}");
        let (status, v) = app.post(Some("dir-1"), &decision, &json!({"outcome": "deels_gegrond", "text": "Excuses; de verstrekking is teruggedraaid"}));
        assert_eq!(status, 200, "{v}");
        assert_eq!((v["open"].clone(), v["days_left"].clone()), (json!(false), Value::Null), "{v}");
        assert_eq!(v["decision"]["outcome"], "deels_gegrond");
        assert_eq!(v["decision"]["in_time"], true);
        let (status, v) = app.post(Some("dir-1"), &decision, &json!({"outcome": "gegrond", "text": "nog eens"}));
        assert_eq!((status, v["field"].clone()), (422, json!("on")), "decided once: {v}");

        let (status, v) = app.post(Some("dir-1"), &format!("/api/v1/complaints/{id}/referral"), &json!({}));
        assert_eq!(status, 200, "{v}");
        assert_eq!(v["referred"], today().to_string());
        let marks = format!("/api/v1/complaints/{id}/marks");
        let (status, v) = app.post(Some("dir-1"), &marks, &json!({}));
        assert_eq!((status, v["field"].clone()), (422, json!("officer_involved")), "{v}");
        let (status, v) = app.post(Some("dir-1"), &marks, &json!({"officer_involved": true}));
        assert_eq!(status, 200, "{v}");
        assert_eq!((v["officer_involved"].clone(), v["to_ap"].clone()), (json!(true), json!(false)), "{v}");

        // The register: open first (the overdue one), then the decided.
        let (status, v) = app.get(Some("dir-1"), "/api/v1/complaints");
        assert_eq!(status, 200, "{v}");
        let ids: Vec<&str> = v.as_array().unwrap().iter().map(|c| c["id"].as_str().unwrap()).collect();
        assert_eq!(ids, [late.as_str(), id.as_str()], "{v}");
        let (_, v) = app.get(Some("dir-1"), "/api/v1/complaints?open=true");
        assert_eq!(v.as_array().unwrap().len(), 1, "{v}");
        assert_eq!(v[0]["id"], late.as_str());
        assert!(v[0]["days_left"].as_i64().unwrap() < 0, "{v}");
        let (_, v) = app.get(Some("dir-1"), "/api/v1/complaints?open=false");
        assert_eq!(v[0]["id"], id.as_str(), "{v}");
        let (status, v) = app.get(Some("dir-1"), "/api/v1/complaints?open=misschien");
        assert_eq!((status, v["field"].clone()), (400, json!("open")), "{v}");
        let (status, _) = app.get(Some("dir-1"), "/api/v1/complaints/geen-klacht");
        assert_eq!(status, 404);
    }
}

zorgkluis_testkit::app_on_both_backends! {
    /// The register page and a complaint's page: recorded through the form (bad input shown
    /// with what was typed), listed with the client's name (a logged read in her access log),
    /// filtered; an extension told in time works, one told too late is refused naming the field
    /// and changes nothing; the decision; the dashboard's panel; a role without the duty 403.
    fn the_directie_keeps_the_complaints_register_on_the_web(app) {
        let person = app.client_named("Fenna Proefklacht", "111222333");
        let web = Web::login(&app, "dir-1");
        let (status, page) = web.get("/toezicht/klachten");
        assert_eq!(status, 200, "{page}");
        assert!(page.contains("Klachtenregister") && page.contains("Geen klachten"), "{page}");

        // Bad input: shown on the page with what was typed, nothing recorded.
        let received = days_ago(10);
        let form = format!(
            "ontvangen={received}&door=client&over=Niemand+belde+terug&client={person}&klachtenfunctionaris=ja&ap=ja"
        );
        let (status, page) = web.post("/toezicht/klachten", &form.replace("ontvangen=", "ontvangen=x"));
        assert_eq!(status, 422, "{page}");
        assert!(page.contains("(received)") && page.contains("Er is niets vastgelegd"), "{page}");
        assert!(page.contains("Niemand belde terug"), "what was typed stays: {page}");
        let (status, page) = web.post("/toezicht/klachten", &form.replace("over=Niemand+belde+terug", "over=+"));
        assert_eq!(status, 422, "{page}");
        assert!(page.contains("(about)"), "{page}");
        let (status, page) = web.post("/toezicht/klachten", &form.replace(&person, "niemand"));
        assert_eq!(status, 422, "{page}");
        assert!(page.contains("(person)"), "{page}");
        let (_, v) = app.get(Some("dir-1"), "/api/v1/complaints");
        assert_eq!(v.as_array().unwrap().len(), 0, "nothing recorded: {v}");

        let (status, _) = web.post("/toezicht/klachten", &form);
        assert_eq!(status, 303);
        let (_, v) = app.get(Some("dir-1"), "/api/v1/complaints");
        let id = v[0]["id"].as_str().unwrap().to_owned();
        assert_eq!((v[0]["officer_involved"].clone(), v[0]["to_ap"].clone()), (json!(true), json!(true)), "{v}");
        // And one sixty days old, over the API: past its six weeks.
        let late = record(&app, &json!({"received": days_ago(60).to_string(), "by": "nabestaande", "about": "Inzage na overlijden geweigerd"}));

        let (status, page) = web.get("/toezicht/klachten");
        assert_eq!(status, 200, "{page}");
        let c = clock("bg-wonen", received, false);
        let left = (c.decide_by - today()).get_days();
        assert!(page.contains(&format!("nog {left} dagen")), "{page}");
        assert!(page.contains(&format!("beslissen uiterlijk {}", format_date(c.decide_by, Lang::Nl))), "{page}");
        assert!(page.contains("dagen over de termijn"), "{page}");
        let over = page.find("Inzage na overlijden geweigerd").unwrap();
        assert!(over < page.find("Niemand belde terug").unwrap(), "overdue on top: {page}");
        assert!(page.contains("Fenna Proefklacht"), "the client by name: {page}");
        assert!(page.contains("met de klachtenfunctionaris") && page.contains("Directie"), "{page}");
        let log = audit_of(&app, &person);
        assert!(
            log.iter().any(|e| e.user_id == "dir-1" && e.purpose == "klachtenregister"),
            "reading her name is in her access log: {:?}", who_did_what(&log)
        );
        // Filters.
        let (_, page) = web.get("/toezicht/klachten?toon=beslist");
        assert!(!page.contains("Niemand belde terug") && page.contains("Geen klachten"), "{page}");
        let (_, page) = web.get("/toezicht/klachten?toon=open&privacy=ja");
        assert!(page.contains("Niemand belde terug") && !page.contains("Inzage na overlijden"), "{page}");
        let (status, _) = web.get("/toezicht/klachten?toon=raar");
        assert_eq!(status, 422);

        // The complaint's page: the extension's new date, computed by the law.
        let page_path = format!("/toezicht/klachten/{id}");
        let (status, page) = web.get(&page_path);
        assert_eq!(status, 200, "{page}");
        let extended = clock("bg-wonen", received, true);
        assert!(page.contains(&format!("wordt de laatste dag {}", format_date(extended.decide_by, Lang::Nl))), "{page}");
        assert!(page.contains("Wkkgz art. 17 lid 1"), "{page}");

        // Told too late: refused, naming the field, what was typed kept, nothing changed.
        let (status, page) = web.post(&format!("/toezicht/klachten/{late}/verlenging"), &format!("gemeld_op={}&reden=Veel+te+laat", today()));
        assert_eq!(status, 422, "{page}");
        assert!(page.contains("(told)") && page.contains("Er is niets vastgelegd"), "{page}");
        assert!(page.contains("Veel te laat"), "{page}");
        let (_, v) = app.get(Some("dir-1"), &format!("/api/v1/complaints/{late}"));
        assert_eq!((v["extended"].clone(), v["extension"].clone()), (json!(false), Value::Null), "{v}");

        // Told in time.
        let (status, _) = web.post(&format!("{page_path}/verlenging"), &format!("gemeld_op={}&reden=Gesprek+met+de+mentor", today()));
        assert_eq!(status, 303);
        let (_, page) = web.get(&page_path);
        assert!(page.contains(&format!("schriftelijk meegedeeld op {}", format_date(today(), Lang::Nl))), "{page}");
        assert!(page.contains(&format_date(extended.decide_by, Lang::Nl)), "{page}");
        assert!(!page.contains("Termijn verlengen"), "extended once: {page}");

        // The decision.
        let (status, page) = web.post(&format!("{page_path}/oordeel"), &format!("uitkomst=raak&beslist_op={}&toelichting=x", today()));
        assert_eq!(status, 422, "{page}");
        assert!(page.contains("(outcome)"), "{page}");
        let (status, _) = web.post(&format!("{page_path}/oordeel"), &format!("uitkomst=gegrond&beslist_op={}&toelichting=Terugbelafspraak+vastgelegd", today()));
        assert_eq!(status, 303);
        let (_, page) = web.get(&page_path);
        assert!(page.contains(&format!("gegrond, beslist op {}", format_date(today(), Lang::Nl))), "{page}");
        assert!(!page.contains("uitkomst"), "decided once: {page}");
        let (status, _) = web.post(&format!("{page_path}/geschilleninstantie"), &format!("voorgelegd_op={}", today()));
        assert_eq!(status, 303);
        let (status, _) = web.post(&format!("{page_path}/kenmerken"), "klachtenfunctionaris=ja");
        assert_eq!(status, 303);
        let (_, v) = app.get(Some("dir-1"), &format!("/api/v1/complaints/{id}"));
        assert_eq!((v["referred"].clone(), v["to_ap"].clone()), (json!(today().to_string()), json!(false)), "{v}");

        // The dashboard: the open one due soonest.
        let (_, home) = web.get("/");
        assert!(home.contains("1 open klacht") && home.contains("1 over de termijn"), "{home}");
        assert!(home.contains(&format!("href=\"/toezicht/klachten/{late}\"")), "{home}");

        // The FG of BG wonen has no duty here: refused, the form too.
        let fg = Web::login(&app, "fg-1");
        let (status, _) = fg.get("/toezicht/klachten");
        assert_eq!(status, 403);
        let (status, _) = fg.get(&page_path);
        assert_eq!(status, 403);
        let (status, _) = fg.post("/toezicht/klachten", &form);
        assert_eq!(status, 403);
        let (_, home) = fg.get("/");
        assert!(!home.contains("Klachtenregister"), "no panel without the duty: {home}");
        let (_, v) = app.get(Some("dir-1"), "/api/v1/complaints");
        assert_eq!(v.as_array().unwrap().len(), 2, "the FG recorded nothing: {v}");
        let (status, _) = web.get("/toezicht/klachten/geen-klacht");
        assert_eq!(status, 404);
    }
}

zorgkluis_testkit::app_on_both_backends! {
    /// Rondomzorg gives the register to its directie too (4.12), not to the mentor.
    fn rondomzorg_keeps_its_register_with_the_directie(app, "rondomzorg", zorgkluis_testkit::RONDOMZORG_STAFF) {
        let web = Web::login(&app, "dir-1");
        let (status, _) = web.post("/toezicht/klachten", &format!("ontvangen={}&door=client&over=Rooster+niet+doorgegeven", today()));
        assert_eq!(status, 303);
        let (status, page) = web.get("/toezicht/klachten");
        assert_eq!(status, 200, "{page}");
        assert!(page.contains("Rooster niet doorgegeven"), "{page}");
        let mentor = Web::login(&app, "mentor-1");
        let (status, _) = mentor.get("/toezicht/klachten");
        assert_eq!(status, 403);
        let (status, v) = app.post(Some("mentor-1"), "/api/v1/complaints", &json!({"received": today().to_string(), "by": "client", "about": "x"}));
        assert_eq!((status, v["code"].clone()), (403, json!("access.denied")), "{v}");
    }
}
