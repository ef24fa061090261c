//! Consent records over HTTP (issue 14 part 1): given with its evidence, listed with the
//! history, withdrawn beside the record; bad input names the field and records nothing; a role
//! the reglement does not let record the person's data is refused.

use serde_json::json;

fn today() -> jiff::civil::Date {
    zorgkluis_core::time::dutch_date(jiff::Timestamp::now())
}

zorgkluis_testkit::app_on_both_backends! {
    fn a_consent_is_given_listed_and_withdrawn_over_the_api(app) {
        let person = app.client();
        let path = format!("/api/v1/persons/{person}/consents");
        let day = today().to_string();
        let body = json!({
            "form": "schriftelijk",
            "scope": {"recipient": "auditor", "categories": ["gezondheid"], "purpose": "audit"},
            "valid_from": day,
            "valid_until": day,
            "evidence": {"document": "formulier-audit.pdf", "document_sha256": "ab".repeat(32)},
        });

        // Bad input names the field and records nothing.
        let mut bad = body.clone();
        bad["scope"]["categories"] = json!(["gezondheid", "hobbys"]);
        let (status, v) = app.post(Some("admin-1"), &path, &bad);
        assert_eq!((status, v["field"].clone()), (422, json!("categories")), "{v}");
        let mut bad = body.clone();
        bad["valid_until"] = json!(today().yesterday().unwrap().to_string());
        let (status, v) = app.post(Some("admin-1"), &path, &bad);
        assert_eq!((status, v["field"].clone()), (422, json!("valid_until")), "{v}");
        let mut bad = body.clone();
        bad["form"] = json!("telepathisch");
        let (status, v) = app.post(Some("admin-1"), &path, &bad);
        assert_eq!((status, v["field"].clone()), (422, json!("form")), "{v}");
        let (status, v) = app.get(Some("admin-1"), &path);
        assert_eq!(status, 200, "{v}");
        assert_eq!(v.as_array().unwrap().len(), 0);

        // The directie reads naw and contact only (BG wonen 3.1): it records no consent.
        let (status, v) = app.post(Some("dir-1"), &path, &body);
        assert_eq!((status, v["code"].clone()), (403, json!("access.denied")), "{v}");

        let (status, v) = app.post(Some("admin-1"), &path, &body);
        assert_eq!(status, 201, "{v}");
        let id = v["id"].as_str().unwrap().to_owned();
        let (status, v) = app.get(Some("zorg-1"), &path);
        assert_eq!(status, 200, "{v}");
        assert_eq!(v[0]["id"], id.as_str());
        assert_eq!(v[0]["in_force"], true);
        assert_eq!(v[0]["evidence"]["document"], "formulier-audit.pdf");
        assert!(v[0]["articles"].as_array().unwrap().contains(&json!("AVG art. 7 lid 1")), "{v}");

        let withdraw = format!("/api/v1/consents/{id}/withdraw");
        let (status, v) = app.post(Some("admin-1"), &withdraw, &json!({"by": "niemand"}));
        assert_eq!((status, v["field"].clone()), (422, json!("by")), "{v}");
        let (status, v) = app.post(Some("admin-1"), &withdraw, &json!({}));
        assert_eq!(status, 200, "{v}");
        let (status, v) = app.post(Some("admin-1"), &withdraw, &json!({}));
        assert_eq!(status, 409, "{v}");
        let (_, v) = app.get(Some("admin-1"), &path);
        assert_eq!(v[0]["in_force"], false);
        assert_eq!(v[0]["withdrawal"]["withdrawn_by"], "betrokkene");
        assert_eq!(v[0]["scope"]["recipient"], "auditor", "the record itself stays");
    }
}
