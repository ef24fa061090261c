//! Persons with the facts the law turns on and their representatives over the API (issue 12
//! part 1): the links and facts are recorded by the administration, and filing a request by a
//! registered person takes who he is to the subject from them; a requester who is not linked is
//! a 422 naming `requester`, logged and nothing filed; bad input names the field and changes
//! nothing; the chain verifies.

use serde_json::{Value, json};
use zorgkluis_testkit::TestApp;

use crate::chain_length;
use crate::refusals::Web;

fn today() -> jiff::civil::Date {
    zorgkluis_core::time::dutch_date(jiff::Timestamp::now())
}

fn years_ago(years: i16) -> String {
    today()
        .checked_sub(jiff::Span::new().years(years).days(1))
        .unwrap()
        .to_string()
}

fn days_ago(n: i64) -> String {
    today()
        .checked_sub(jiff::Span::new().days(n))
        .unwrap()
        .to_string()
}

fn person(app: &TestApp, category: &str, name: &str, born: &str) -> String {
    let (status, v) = app.post(
        Some("admin-1"),
        "/api/v1/persons",
        &json!({"subject_category": category, "name": name, "birth_date": born}),
    );
    assert_eq!(status, 201, "{v}");
    v["id"].as_str().unwrap().to_owned()
}

fn link(app: &TestApp, subject: &str, body: Value) -> (u16, Value) {
    app.post(
        Some("admin-1"),
        &format!("/api/v1/persons/{subject}/representatives"),
        &body,
    )
}

fn file(app: &TestApp, subject: &str, by: &str) -> (u16, Value) {
    app.post(
        Some("dir-1"),
        "/api/v1/requests",
        &json!({"person": subject, "type": "inzage", "received": today().to_string(), "requester": by}),
    )
}

zorgkluis_testkit::app_on_both_backends! {
    /// Parents of a child of 10 and of 14 file (the 14-year-old's rights kept), the parent of
    /// a 17-year-old is refused; a curator of an adult under curatele files; a neighbour who is
    /// registered but not linked is refused naming `requester`; a gemachtigde whose link ended
    /// before the received date is refused.
    fn who_files_follows_the_stored_links(app) {
        let parent = person(&app, "vertegenwoordiger", "Synthetische Ouder", &years_ago(45));
        let mut answers = Vec::new();
        for age in [10, 14, 17] {
            let child = person(&app, "client", "Synthetisch Kind", &years_ago(age));
            let (status, v) = link(&app, &child, json!({"by": parent, "ground": "ouder", "from": years_ago(1)}));
            assert_eq!(status, 201, "{v}");
            answers.push(file(&app, &child, &parent));
        }
        assert_eq!(answers[0].0, 201, "{}", answers[0].1);
        assert_eq!(answers[0].1["requester"]["allowed"], true);
        assert_eq!(answers[1].0, 201, "{}", answers[1].1);
        assert!(!answers[1].1["requester"]["also_needed"].as_array().unwrap().is_empty(), "{}", answers[1].1);
        assert_eq!((answers[2].0, answers[2].1["field"].clone()), (422, json!("requester")), "{}", answers[2].1);

        let client = person(&app, "client", "Synthetische Cliënt", &years_ago(40));
        let curator = person(&app, "vertegenwoordiger", "Synthetische Curator", &years_ago(50));
        let (status, v) = app.put(Some("admin-1"), &format!("/api/v1/persons/{client}/legal-facts"),
            &json!({"legal_status": "curatele", "legal_status_since": days_ago(100)}));
        assert_eq!(status, 200, "{v}");
        let (status, v) = link(&app, &client, json!({"by": curator, "ground": "curator"}));
        assert_eq!(status, 201, "{v}");
        let (status, v) = file(&app, &client, &curator);
        assert_eq!(status, 201, "{v}");
        assert_eq!(v["requester"]["allowed"], true, "{v}");
        let (status, v) = app.get(Some("admin-1"), &format!("/api/v1/persons/{client}/representatives"));
        assert_eq!(status, 200, "{v}");
        assert_eq!(v["facts"]["legal_status"], "curatele");
        assert_eq!(v["representatives"][0]["ground"], "curator");
        assert_eq!(v["representatives"][0]["by"], curator.as_str());

        let neighbour = person(&app, "vertegenwoordiger", "Synthetische Buurman", &years_ago(60));
        let before = chain_length(&app);
        let (_, open_before) = app.get(Some("dir-1"), "/api/v1/requests");
        let (status, v) = file(&app, &client, &neighbour);
        assert_eq!((status, v["field"].clone()), (422, json!("requester")), "{v}");
        assert!(chain_length(&app) > before, "the refusal is logged");
        let (_, open_after) = app.get(Some("dir-1"), "/api/v1/requests");
        assert_eq!(open_before.as_array().unwrap().len(), open_after.as_array().unwrap().len(), "nothing filed");

        let proxy = person(&app, "vertegenwoordiger", "Synthetische Gemachtigde", &years_ago(30));
        let (status, v) = link(&app, &client, json!({"by": proxy, "ground": "gemachtigde", "from": days_ago(60), "authorised_on": days_ago(60)}));
        assert_eq!(status, 201, "{v}");
        let link_id = v["id"].as_str().unwrap().to_owned();
        let (status, v) = app.post(Some("admin-1"), &format!("/api/v1/representatives/{link_id}/end"), &json!({"on": days_ago(5)}));
        assert_eq!(status, 204, "{v}");
        let (status, v) = file(&app, &client, &proxy);
        assert_eq!((status, v["field"].clone()), (422, json!("requester")), "{v}");
        let (status, v) = app.post(Some("admin-1"), &format!("/api/v1/representatives/{link_id}/end"), &json!({"on": days_ago(1)}));
        assert_eq!((status, v["field"].clone()), (409, json!("on")), "{v}");
        let report = app.block_on(app.vault.verify_audit()).unwrap();
        assert!(report.ok(), "{:?}", report.findings);
    }

    /// Bad input is a 422 naming the field and changes nothing; a caregiver outside the care
    /// team may not add a representative (403, logged).
    fn bad_representation_input_is_named_and_changes_nothing(app) {
        let client = person(&app, "client", "Synthetische Cliënt", &years_ago(40));
        let other = person(&app, "vertegenwoordiger", "Synthetische Ander", &years_ago(40));
        let before = chain_length(&app);
        let cases = [
            (json!({"by": other, "ground": "mentor", "from": "2026-01-10", "until": "2026-01-09"}), "until"),
            (json!({"by": other, "ground": "gemachtigde"}), "authorised_on"),
            (json!({"by": client, "ground": "mentor"}), "by"),
            (json!({"by": "00000000-0000-4000-8000-000000000001", "ground": "mentor"}), "by"),
            (json!({"by": other, "ground": "buurman"}), "ground"),
            (json!({"by": other, "ground": "betrokkene"}), "ground"),
        ];
        for (body, field) in cases {
            let (status, v) = link(&app, &client, body);
            assert_eq!((status, v["field"].clone()), (422, json!(field)), "{v}");
        }
        let tomorrow = today().checked_add(jiff::Span::new().days(1)).unwrap().to_string();
        for (body, field) in [
            (json!({"deceased": tomorrow}), "deceased"),
            (json!({"legal_status": "mentorschap"}), "legal_status_since"),
            (json!({"legal_status": "bewind", "legal_status_since": "2020-01-01"}), "legal_status"),
        ] {
            let (status, v) = app.put(Some("admin-1"), &format!("/api/v1/persons/{client}/legal-facts"), &body);
            assert_eq!((status, v["field"].clone()), (422, json!(field)), "{v}");
        }
        assert_eq!(chain_length(&app), before, "nothing was written");
        let (status, v) = link(&app, &client, json!({"by": other, "ground": "mentor"}));
        assert_eq!(status, 201, "{v}");
        let (status, v) = app.post(Some("zorg-2"), &format!("/api/v1/persons/{client}/representatives"), &json!({"by": other, "ground": "mentor"}));
        assert_eq!((status, v["code"].clone()), (403, json!("access.denied")), "{v}");
        let (status, v) = app.get(Some("admin-1"), &format!("/api/v1/persons/{client}/legal-facts"));
        assert_eq!(status, 200, "{v}");
        assert!(v["deceased"].is_null(), "{v}");
    }

    /// The dossier's panel "Vertegenwoordiging": the legal status and representatives with
    /// names and Dutch dates, the form for the administration; bad input is a 422 with the
    /// error beside its field, and changes nothing.
    fn the_dossier_shows_the_representation_panel(app) {
        let client = person(&app, "client", "Synthetische Cliënt", &years_ago(40));
        let mentor = person(&app, "vertegenwoordiger", "Synthetische Mentor", &years_ago(50));
        let (status, v) = app.put(Some("admin-1"), &format!("/api/v1/persons/{client}/legal-facts"),
            &json!({"legal_status": "mentorschap", "legal_status_since": "2025-03-03"}));
        assert_eq!(status, 200, "{v}");
        let web = Web::login(&app, "admin-1");
        let (status, html) = web.post(&format!("/clienten/{client}/vertegenwoordiger"),
            &format!("persoon={mentor}&grond=mentor&vanaf=2025-03-03&tot=&machtiging="));
        assert_eq!(status, 303, "{html}");
        let (status, html) = web.get(&format!("/clienten/{client}"));
        assert_eq!(status, 200, "{html}");
        assert!(html.contains("Vertegenwoordiging"), "{html}");
        assert!(html.contains("mentorschap, sinds 3 maart 2025"), "{html}");
        assert!(html.contains("Synthetische Mentor"), "{html}");
        assert!(html.contains("vanaf 3 maart 2025"), "{html}");
        assert!(html.contains("data-form=\"vertegenwoordiger\""), "the administration may add");
        let before = chain_length(&app);
        let (status, html) = web.post(&format!("/clienten/{client}/vertegenwoordiger"),
            &format!("persoon={mentor}&grond=gemachtigde&vanaf=2025-03-03&tot=&machtiging="));
        assert_eq!(status, 422, "{html}");
        assert!(html.contains("id=\"fout-authorised_on\""), "{html}");
        let (_, v) = app.get(Some("admin-1"), &format!("/api/v1/persons/{client}/representatives"));
        assert_eq!(v["representatives"].as_array().unwrap().len(), 1, "nothing added");
        // The failed form was not written (the page shown again reads the panel: logged reads).
        assert!(chain_length(&app) > before);
    }
}
