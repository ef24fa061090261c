//! `/api/v1/incidents`: the register for other systems, with the AP's 72 hours from the
//! discovery; refusals and bad input answered with the field, nothing recorded.

use serde_json::json;

use crate::chain_length;

zorgkluis_testkit::app_on_both_backends! {
    fn the_incident_register_answers_over_the_api(app) {
        let body = json!({
            "discovered": "2026-11-27T15:10:00+01:00",
            "nature": ["vertrouwelijkheid"],
            "categories": ["naw", "gezondheid"],
            "persons_min": 4,
            "persons_max": 9,
            "description": "Een laptop met een lokale kopie is gestolen",
        });
        let before = chain_length(&app);
        let (status, v) = app.post(Some("zorg-1"), "/api/v1/incidents", &body);
        assert_eq!((status, v["code"].clone()), (403, json!("access.denied")), "{v}");
        assert_eq!(chain_length(&app), before + 1, "the refusal is logged");

        let (status, v) = app.post(Some("fg-1"), "/api/v1/incidents", &body);
        assert_eq!(status, 201, "{v}");
        assert_eq!(v["notify_ap_by"], "2026-11-30T15:10:00+01:00", "{v}");
        assert_eq!(v["open"], true);
        let id = v["id"].as_str().unwrap().to_owned();

        let (status, v) = app.post(
            Some("fg-1"),
            &format!("/api/v1/incidents/{id}/notification"),
            &json!({"at": "2026-12-01T10:00:00+01:00", "reference": "M-9"}),
        );
        assert_eq!((status, v["field"].clone()), (422, json!("late_reason")), "{v}");
        let (status, v) = app.post(
            Some("fg-1"),
            &format!("/api/v1/incidents/{id}/notification"),
            &json!({"at": "2026-12-01T10:00:00+01:00", "reference": "M-9",
                    "late_reason": "De diefstal werd pas maandag als datalek herkend"}),
        );
        assert_eq!(status, 200, "{v}");
        assert_eq!(v["open"], false);
        assert_eq!(v["ap_notified"], "2026-12-01T10:00:00+01:00");

        let (status, v) = app.get(Some("fg-1"), "/api/v1/incidents");
        assert_eq!(status, 200, "{v}");
        assert_eq!(v.as_array().unwrap().len(), 1);
        assert_eq!(v[0]["ap_reference"], "M-9");

        let before = chain_length(&app);
        for (field, wrong) in [
            ("nature", json!({"discovered": "2026-11-27T15:10", "nature": ["zichtbaarheid"], "description": "x"})),
            ("discovered", json!({"discovered": "gisteren", "nature": ["integriteit"], "description": "x"})),
            ("categories", json!({"discovered": "2026-11-27T15:10", "nature": ["integriteit"], "categories": ["geheim"], "description": "x"})),
        ] {
            let (status, v) = app.post(Some("fg-1"), "/api/v1/incidents", &wrong);
            assert_eq!((status, v["field"].clone()), (422, json!(field)), "{v}");
        }
        assert_eq!(chain_length(&app), before, "nothing recorded, nothing logged");
        let (status, _) = app.get(Some("fg-1"), "/api/v1/incidents/geen-incident");
        assert_eq!(status, 404);
    }
}
