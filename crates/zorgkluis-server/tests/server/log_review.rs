//! `/api/v1/log-review`: the log review (NEN 7513) for other systems: a caregiver reading a
//! colleague's file is flagged once however often the review runs; a flag closes only with a
//! note, or becomes an incident; a window that cannot be names its field, and only the role
//! with `read_audit` runs it.

use serde_json::json;

use crate::{chain_length, register};

zorgkluis_testkit::app_on_both_backends! {
    fn the_log_review_flags_a_colleagues_file_once_and_closes_it_with_a_note(app) {
        let colleague = register(&app, &json!({"subject_category": "medewerker", "name": "Synthetische Collega Smit"}));
        let client = register(&app, &json!({"subject_category": "client", "name": "Synthetische Cliënt Visser"}));
        for p in [&colleague, &client] {
            let (status, v) = app.post(Some("admin-1"), &format!("/api/v1/persons/{p}/care-team"), &json!({"user": "zorg-1", "from": "2020-01-01"}));
            assert_eq!(status, 204, "{v}");
            let (status, v) = app.get(Some("zorg-1"), &format!("/api/v1/persons/{p}/records?category=gezondheid"));
            assert_eq!(status, 200, "{v}");
        }

        let before = chain_length(&app);
        let (status, v) = app.post(Some("zorg-1"), "/api/v1/log-review/runs", &json!({}));
        assert_eq!((status, v["code"].clone()), (403, json!("access.denied")), "{v}");
        assert_eq!(chain_length(&app), before + 1, "the refusal is logged");

        let before = chain_length(&app);
        for (field, body) in [
            ("from", json!({"from": "2026-13-01"})),
            ("to", json!({"to": "2999-01-01"})),
            ("from", json!({"from": "2026-03-10", "to": "2026-03-01"})),
        ] {
            let (status, v) = app.post(Some("fg-1"), "/api/v1/log-review/runs", &body);
            assert_eq!((status, v["field"].clone()), (422, json!(field)), "{v}");
        }
        assert_eq!(chain_length(&app), before, "nothing run, nothing logged");

        let (status, v) = app.post(Some("fg-1"), "/api/v1/log-review/runs", &json!({}));
        assert_eq!(status, 201, "{v}");
        let new = v["new"].as_array().unwrap();
        assert_eq!(new.len(), 1, "{v}");
        assert_eq!(new[0]["kind"], "collega_of_bekende");
        assert_eq!(new[0]["user"], "zorg-1");
        assert_eq!(new[0]["persons"], json!([colleague]));
        assert!(new[0]["articles"].as_array().unwrap().contains(&json!("NEN 7513")), "{v}");
        let id = new[0]["id"].as_str().unwrap().to_owned();

        let (status, v) = app.post(Some("fg-1"), "/api/v1/log-review/runs", &json!({}));
        assert_eq!(status, 201, "{v}");
        assert_eq!((v["new"].as_array().unwrap().len(), v["known"].clone()), (0, json!(1)), "no duplicate: {v}");

        let (status, v) = app.get(Some("fg-1"), "/api/v1/log-review/flags");
        assert_eq!(status, 200, "{v}");
        assert_eq!(v.as_array().unwrap().len(), 1);
        assert!(v[0]["reason"].as_str().unwrap().starts_with("Het dossier van een collega ingezien op"), "{v}");

        let before = chain_length(&app);
        let (status, v) = app.post(Some("fg-1"), &format!("/api/v1/log-review/flags/{id}/close"), &json!({"note": " "}));
        assert_eq!((status, v["field"].clone()), (422, json!("note")), "{v}");
        assert_eq!(chain_length(&app), before, "nothing closed, nothing logged");
        let (_, v) = app.get(Some("fg-1"), "/api/v1/log-review/flags");
        assert_eq!(v[0]["open"], true);

        let (status, v) = app.post(Some("fg-1"), &format!("/api/v1/log-review/flags/{id}/incident"), &json!({}));
        assert_eq!(status, 201, "{v}");
        let incident = v["id"].as_str().unwrap().to_owned();
        let (_, v) = app.get(Some("fg-1"), "/api/v1/incidents");
        assert!(v.as_array().unwrap().iter().any(|i| i["id"] == json!(incident)), "{v}");
        let (status, v) = app.post(Some("fg-1"), &format!("/api/v1/log-review/flags/{id}/close"), &json!({"note": "al een incident"}));
        assert_eq!(status, 409, "{v}");

        let (_, v) = app.get(Some("fg-1"), "/api/v1/log-review/flags");
        assert_eq!(v, json!([]), "no open flags");
        let (_, v) = app.get(Some("fg-1"), "/api/v1/log-review/flags?open=false");
        assert_eq!(v[0]["incident"], json!(incident), "{v}");
        assert_eq!(v[0]["open"], false);
    }
}
