//! The processor register and the privacy assets over HTTP (issue 16 part 4): kept by whoever
//! keeps the incident register (BG wonen's FG, 1.3), on the API and on the web; the next review
//! a year after signing (BG wonen names no interval); bad input names the field and records
//! nothing; a role without the duty is refused and the refusal logged.

use jiff::ToSpan as _;
use jiff::civil::Date;
use serde_json::json;

use crate::chain_length;
use crate::refusals::Web;

fn today() -> Date {
    zorgkluis_core::time::dutch_date(jiff::Timestamp::now())
}

zorgkluis_testkit::app_on_both_backends! {
    fn the_processor_register_answers_over_the_api_and_the_web(app) {
        let signed = today().checked_sub(340.days()).unwrap();
        let body = json!({
            "processor": "Voorbeeld ECD BV",
            "processings": ["zorgverlening"],
            "categories": ["naw", "gezondheid"],
            "countries": ["NL"],
            "signed_on": signed.to_string(),
            "security": "Versleuteld opgeslagen",
        });
        let before = chain_length(&app);
        let (status, v) = app.post(Some("zorg-1"), "/api/v1/processors", &body);
        assert_eq!((status, v["code"].clone()), (403, json!("access.denied")), "{v}");
        assert_eq!(chain_length(&app), before + 1, "the refusal is logged");

        let before = chain_length(&app);
        let mut wrong = body.clone();
        wrong["processings"] = json!(["verkoop"]);
        let (status, v) = app.post(Some("fg-1"), "/api/v1/processors", &wrong);
        assert_eq!((status, v["field"].clone()), (422, json!("processings")), "{v}");
        let mut wrong = body.clone();
        wrong["categories"] = json!(["gezondhied"]);
        let (status, v) = app.post(Some("fg-1"), "/api/v1/processors", &wrong);
        assert_eq!((status, v["field"].clone()), (422, json!("categories")), "{v}");
        assert_eq!(chain_length(&app), before, "nothing recorded, nothing logged");

        let (status, v) = app.post(Some("fg-1"), "/api/v1/processors", &body);
        assert_eq!(status, 201, "{v}");
        let id = v["id"].as_str().unwrap().to_owned();
        assert_eq!(v["next_review"], signed.checked_add(1.year()).unwrap().to_string(), "{v}");
        assert_eq!((v["review_due"].clone(), v["overdue"].clone()), (json!(true), json!(false)), "{v}");
        assert_eq!(v["security"], "Versleuteld opgeslagen");

        let (status, v) = app.post(Some("fg-1"), "/api/v1/assets", &json!({
            "name": "ECD", "kind": "applicatie", "categories": ["gezondheid"], "country": "NL",
            "agreement": id, "owner_role": "fg",
        }));
        assert_eq!(status, 201, "{v}");
        let (_, v) = app.get(Some("fg-1"), "/api/v1/assets");
        assert_eq!(v[0]["agreement"], id.as_str(), "{v}");

        // The dashboard's reminder, and the page with the review due.
        let web = Web::login(&app, "fg-1");
        let (status, home) = web.get("/");
        assert_eq!(status, 200);
        assert!(home.contains("Herziening verwerkersovereenkomst nodig") && home.contains("Voorbeeld ECD BV"), "{home}");
        let (status, page) = web.get("/toezicht/verwerkers");
        assert_eq!(status, 200, "{page}");
        assert!(page.contains("herziening binnenkort"), "{page}");
        assert!(page.contains("Versleuteld opgeslagen") && page.contains("ECD"), "{page}");

        // A review with a bad date: shown beside its field, nothing changed.
        let (status, page) = web.post(&format!("/toezicht/verwerkers/{id}/herziening"), "op=morgen");
        assert_eq!(status, 422, "{page}");
        assert!(page.contains("(on)"), "{page}");
        let (status, _) = web.post(&format!("/toezicht/verwerkers/{id}/herziening"), &format!("op={}", today()));
        assert_eq!(status, 303);
        let (_, v) = app.get(Some("fg-1"), &format!("/api/v1/processors/{id}"));
        assert_eq!(v["next_review"], today().checked_add(1.year()).unwrap().to_string(), "{v}");
        assert_eq!(v["review_due"], false, "{v}");
        let (_, home) = web.get("/");
        assert!(!home.contains("Herziening verwerkersovereenkomst nodig"), "no review due: {home}");

        // An agreement from the form with an unknown country: the error beside it, what was typed kept.
        let form = "verwerker=Voorbeeld+Archief+BV&verwerkingen=zorgverlening&categorieen=naw&landen=XX1&getekend=2026-01-05";
        let (status, page) = web.post("/toezicht/verwerkers", form);
        assert_eq!(status, 422, "{page}");
        assert!(page.contains("(countries)") && page.contains("Voorbeeld Archief BV"), "{page}");
        let (status, _) = web.post("/toezicht/verwerkers", &form.replace("XX1", "nl"));
        assert_eq!(status, 303);
        let (_, v) = app.get(Some("fg-1"), "/api/v1/processors");
        assert_eq!(v.as_array().unwrap().len(), 2, "{v}");

        // A caregiver neither reads nor keeps it.
        let (status, _) = Web::login(&app, "zorg-1").get("/toezicht/verwerkers");
        assert_eq!(status, 403);
    }
}
