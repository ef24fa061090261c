//! The versions of the reglement over HTTP (issue 17 part 4): the history for any caller; the
//! directie adopts (BG wonen 8.1); a caregiver is refused and the refusal logged; an effective
//! date inside the announcement period is a problem naming `effective`, an invalid file one
//! naming `file`, and neither stores a version.

use jiff::ToSpan as _;
use jiff::civil::Date;
use serde_json::json;

use crate::chain_length;

fn today() -> Date {
    zorgkluis_core::time::dutch_date(jiff::Timestamp::now())
}

zorgkluis_testkit::app_on_both_backends! {
    fn the_directie_adopts_a_version_over_the_api(app) {
        let (status, v) = app.get(Some("zorg-1"), "/api/v1/reglement/versions");
        assert_eq!(status, 200, "{v}");
        assert_eq!(v.as_array().map(Vec::len), Some(1), "{v}");
        assert_eq!(v[0]["in_force"], true);

        let file = zorgkluis_testkit::reglement_source("bg-wonen").replacen(
            "nummer = \"1-2020\"",
            "nummer = \"2-2026\"\naankondigingstermijn = \"4 weken\"\naankondigingsartikel = \"8.3\"",
            1,
        );
        let announced = today();
        let body = |effective: Date, file: &str| json!({
            "file": file,
            "file_name": "bg-wonen-2026.toml",
            "announced": announced.to_string(),
            "effective": effective.to_string(),
        });
        let soon = announced.checked_add(10.days()).unwrap();
        let (status, v) = app.post(Some("dir-1"), "/api/v1/reglement/versions", &body(soon, &file));
        assert_eq!((status, v["field"].clone()), (422, json!("effective")), "{v}");
        let broken = file.replacen("formaat = 1", "formaat = \"een\"", 1);
        let later = announced.checked_add(28.days()).unwrap();
        let (status, v) = app.post(Some("dir-1"), "/api/v1/reglement/versions", &body(later, &broken));
        assert_eq!((status, v["field"].clone()), (422, json!("file")), "{v}");

        let before = chain_length(&app);
        let (status, v) = app.post(Some("zorg-1"), "/api/v1/reglement/versions", &body(later, &file));
        assert_eq!((status, v["code"].clone()), (403, json!("access.denied")), "{v}");
        assert_eq!(chain_length(&app), before + 1, "the refusal is logged");

        let (status, v) = app.post(Some("dir-1"), "/api/v1/reglement/versions", &body(later, &file));
        assert_eq!(status, 201, "{v}");
        assert_eq!((v["version"].clone(), v["in_force"].clone()), (json!("2-2026"), json!(false)));
        let (_, v) = app.get(Some("dir-1"), "/api/v1/reglement/versions");
        assert_eq!(v.as_array().map(Vec::len), Some(2), "{v}");
        assert_eq!(v[0]["effective"], later.to_string());
    }
}
