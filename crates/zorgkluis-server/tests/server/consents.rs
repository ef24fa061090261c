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

zorgkluis_testkit::app_on_both_backends! {
    /// The consent tab of the dossier: the history in Dutch dates, the form that records a
    /// consent (bad input shown on the page naming the field, nothing recorded), and the
    /// withdraw button; the dossier links to the tab.
    fn the_consent_tab_records_lists_and_withdraws(app) {
        let person = app.client();
        let web = crate::refusals::Web::login(&app, "admin-1");
        let tab = format!("/clienten/{person}/toestemmingen");
        let (status, page) = web.get(&tab);
        assert_eq!(status, 200, "{page}");
        assert!(page.contains("Er zijn geen toestemmingen vastgelegd"), "{page}");
        let (_, dossier) = web.get(&format!("/clienten/{person}"));
        assert!(dossier.contains(&format!("href=\"{tab}\"")), "the dossier links its tab");

        let day = today();
        let good = format!(
            "vorm=schriftelijk&gegeven_door=betrokkene&gegeven_op={day}&ontvanger=auditor\
             &categorieen=gezondheid&categorieen=zorgplan&doel=audit&geldig_van={day}&geldig_tot={day}\
             &document=formulier-audit-0001.pdf&document_sha256={}",
            "ab".repeat(32)
        );
        // Bad input: shown on the tab with the field, nothing recorded.
        let bad = good.replace("categorieen=zorgplan", "categorieen=hobbys");
        let (status, page) = web.post(&tab, &bad);
        assert_eq!(status, 422, "{page}");
        assert!(page.contains("(categories)") && page.contains("Er is niets vastgelegd"), "{page}");
        let bad = good.replace("&document=formulier-audit-0001.pdf", "&document=");
        let (status, page) = web.post(&tab, &bad);
        assert_eq!(status, 422, "{page}");
        assert!(page.contains("(evidence_document)"), "{page}");
        let (_, v) = app.get(Some("admin-1"), &format!("/api/v1/persons/{person}/consents"));
        assert_eq!(v.as_array().unwrap().len(), 0, "nothing recorded: {v}");

        let (status, _) = web.post(&tab, &good);
        assert_eq!(status, 303);
        let (_, page) = web.get(&tab);
        let dutch = zorgkluis_core::time::format_date(day, zorgkluis_core::Lang::Nl);
        assert!(page.contains(&format!("vanaf {dutch}")), "{page}");
        assert!(page.contains("alleen op die dag"), "{page}");
        assert!(page.contains("ondertekend formulier formulier-audit-0001.pdf"), "{page}");
        assert!(page.contains("Intrekken"), "{page}");

        // The directie reads naw only (BG wonen 3.1): refused.
        let dir = crate::refusals::Web::login(&app, "dir-1");
        let (status, _) = dir.post(&tab, &good);
        assert_eq!(status, 403);

        let (_, v) = app.get(Some("admin-1"), &format!("/api/v1/persons/{person}/consents"));
        let id = v[0]["id"].as_str().unwrap().to_owned();
        let (status, _) = web.post(&format!("/toestemmingen/{id}/intrekken"), "x=1");
        assert_eq!(status, 303);
        let (_, page) = web.get(&tab);
        assert!(page.contains(&format!("ingetrokken per {dutch}")), "{page}");
        assert!(!page.contains(">Intrekken<"), "{page}");
        let (status, _) = web.post("/toestemmingen/no-such/intrekken", "x=1");
        assert_eq!(status, 404);
    }
}

zorgkluis_testkit::app_on_both_backends! {
    /// The consent tab's "Namens de cliënt": for a client of 14, a parent alone is refused
    /// naming the second consenter's field (the minor must consent too, UAVG art. 5) and
    /// nothing is recorded; the parent and the minor together are recorded, and the history
    /// shows both and the representative's name.
    fn a_minor_of_fourteen_consents_with_a_parent_on_the_form(app) {
        let born = today().checked_sub(jiff::Span::new().years(14)).unwrap();
        let (status, v) = app.post(
            Some("admin-1"),
            "/api/v1/persons",
            &json!({"subject_category": "client", "bsn": "111222333", "name": "Synthetische Jonge Cliënt", "birth_date": born.to_string()}),
        );
        assert_eq!(status, 201, "{v}");
        let person = v["id"].as_str().unwrap().to_owned();
        let web = crate::refusals::Web::login(&app, "admin-1");
        let tab = format!("/clienten/{person}/toestemmingen");
        let (_, page) = web.get(&tab);
        assert!(page.contains("Namens de cliënt") && page.contains(r#"name="ook_door""#), "{page}");

        let day = today();
        let by_parent = format!(
            "vorm=schriftelijk&gegeven_door=ouder&vertegenwoordiger=Synthetische+Ouder&gegeven_op={day}\
             &ontvanger=auditor&categorieen=gezondheid&doel=audit\
             &document=formulier-jeugd-0001.pdf&document_sha256={}",
            "cd".repeat(32)
        );
        let (status, page) = web.post(&tab, &by_parent);
        assert_eq!(status, 422, "{page}");
        assert!(page.contains("Ook gegeven door (also_by)"), "the field is named: {page}");
        assert!(page.contains("Er is niets vastgelegd"), "{page}");
        assert!(page.contains("Synthetische Ouder"), "what was typed stays: {page}");
        let consents = format!("/api/v1/persons/{person}/consents");
        let (_, v) = app.get(Some("admin-1"), &consents);
        assert_eq!(v.as_array().unwrap().len(), 0, "nothing recorded: {v}");
        // An unknown ground is named too.
        let (status, page) = web.post(&tab, &format!("{by_parent}&ook_door=betrokkene&grond=bewind"));
        assert_eq!(status, 422, "{page}");
        assert!(page.contains("(ground)"), "{page}");

        let (status, page) = web.post(&tab, &format!("{by_parent}&ook_door=betrokkene"));
        assert_eq!(status, 303, "{page}");
        let (_, v) = app.get(Some("admin-1"), &consents);
        assert_eq!(v.as_array().unwrap().len(), 1, "{v}");
        assert_eq!((v[0]["given_by"].clone(), v[0]["also_by"].clone()), (json!("ouder"), json!("betrokkene")), "{v}");
        let (_, page) = web.get(&tab);
        assert!(page.contains("ouder met gezag + betrokkene"), "both in the history: {page}");
        assert!(page.contains("vertegenwoordiger: Synthetische Ouder"), "{page}");
    }
}
