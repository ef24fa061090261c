//! Objections over HTTP (art. 21 AVG): filed with the answer whether the right applies, bad
//! input naming the field and recording nothing, a rejection without the compelling grounds
//! refused, decided and withdrawn beside the record; a role without the duty of handling
//! requests refused. Synthetic data.

use serde_json::json;

zorgkluis_testkit::app_on_both_backends! {
    fn an_objection_is_filed_decided_and_withdrawn_over_the_api(app) {
        let person = app.client();
        let path = format!("/api/v1/persons/{person}/objections");
        let body = json!({
            "scope": {"processing": "cameratoezicht"},
            "grounds": "De camera in de gang kijkt mijn kamer in.",
        });

        // Bad input names the field and records nothing.
        let mut bad = body.clone();
        bad["scope"]["processing"] = json!("camertoezicht");
        let (status, v) = app.post(Some("dir-1"), &path, &bad);
        assert_eq!((status, v["field"].clone()), (422, json!("processing")), "{v}");
        let mut bad = body.clone();
        bad["scope"]["categories"] = json!(["hobbys"]);
        let (status, v) = app.post(Some("dir-1"), &path, &bad);
        assert_eq!((status, v["field"].clone()), (422, json!("categories")), "{v}");
        let mut bad = body.clone();
        bad["made_by"] = json!("buurman");
        let (status, v) = app.post(Some("dir-1"), &path, &bad);
        assert_eq!((status, v["field"].clone()), (422, json!("made_by")), "{v}");
        let (status, v) = app.get(Some("dir-1"), &path);
        assert_eq!(status, 200, "{v}");
        assert_eq!(v.as_array().unwrap().len(), 0);

        // Administration does not handle requests (BG wonen 4.7: the directie does).
        let (status, v) = app.post(Some("admin-1"), &path, &body);
        assert_eq!((status, v["code"].clone()), (403, json!("access.denied")), "{v}");

        let (status, v) = app.post(Some("dir-1"), &path, &body);
        assert_eq!(status, 201, "{v}");
        assert_eq!(v["applies"], true, "{v}");
        let id = v["id"].as_str().unwrap().to_owned();
        let (_, v) = app.get(Some("dir-1"), &path);
        assert_eq!(v[0]["id"], id.as_str());
        assert_eq!(v[0]["standing"], "pending", "{v}");
        assert_eq!(v[0]["grounds"], "De camera in de gang kijkt mijn kamer in.");

        let decide = format!("/api/v1/objections/{id}/decide");
        let (status, v) = app.post(Some("dir-1"), &decide, &json!({"outcome": "afgewezen"}));
        assert_eq!((status, v["field"].clone()), (422, json!("compelling_grounds")), "{v}");
        let (status, v) = app.post(Some("dir-1"), &decide, &json!({"outcome": "misschien"}));
        assert_eq!((status, v["field"].clone()), (422, json!("outcome")), "{v}");
        let (status, v) = app.post(Some("dir-1"), &decide, &json!({"outcome": "toegewezen"}));
        assert_eq!(status, 200, "{v}");
        let (status, v) = app.post(Some("dir-1"), &decide, &json!({"outcome": "toegewezen"}));
        assert_eq!(status, 409, "never overwritten: {v}");
        let (_, v) = app.get(Some("dir-1"), &path);
        assert_eq!(v[0]["standing"], "upheld", "{v}");
        assert_eq!(v[0]["decision"]["outcome"], "toegewezen");

        let withdraw = format!("/api/v1/objections/{id}/withdraw");
        let (status, v) = app.post(Some("dir-1"), &withdraw, &json!({}));
        assert_eq!(status, 200, "{v}");
        let (_, v) = app.get(Some("dir-1"), &path);
        assert_eq!(v[0]["standing"], serde_json::Value::Null, "{v}");
        assert_eq!(v[0]["withdrawal"]["withdrawn_by"], "betrokkene");

        let (status, _) = app.post(Some("dir-1"), "/api/v1/objections/no-such/decide", &json!({"outcome": "toegewezen"}));
        assert_eq!(status, 404);
    }
}
