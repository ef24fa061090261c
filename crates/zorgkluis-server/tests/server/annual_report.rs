//! The annual privacy report on the web (issue 16 part 7; BG wonen 8.2), on BG wonen: the FG
//! finds it on the dashboard, reads this year's figures (an incident recorded today counts),
//! picks last year, downloads the PDF and the JSON (each figure with its events); every making
//! is logged. Management, who adopts it, reads it too. A caregiver is refused; a year that is not one is 422 naming `jaar`.

use zorgkluis_core::incident::IncidentFacts;
use zorgkluis_core::vocabulary::BreachNature;
use zorgkluis_testkit::{TestApp, actor};

use crate::chain_length;
use crate::refusals::Web;

fn this_year() -> i16 {
    zorgkluis_core::time::dutch_date(jiff::Timestamp::now()).year()
}

/// A download with its headers: status, content type, content disposition, bytes.
fn download(app: &TestApp, web: &Web, path: &str) -> (u16, String, String, Vec<u8>) {
    let agent: ureq::Agent = ureq::Agent::config_builder()
        .http_status_as_error(false)
        .max_redirects(0)
        .build()
        .into();
    let mut resp = agent
        .get(format!("{}{path}", app.base))
        .header("Cookie", format!("zk_sessie={}", web.token))
        .call()
        .unwrap();
    let header = |name: &str| {
        resp.headers()
            .get(name)
            .and_then(|v| v.to_str().ok())
            .unwrap_or_default()
            .to_owned()
    };
    let (kind, disposition) = (header("content-type"), header("content-disposition"));
    let status = resp.status().as_u16();
    (
        status,
        kind,
        disposition,
        resp.body_mut().read_to_vec().unwrap_or_default(),
    )
}

zorgkluis_testkit::app_on_both_backends! {
    fn the_privacy_officer_reads_and_downloads_the_annual_report(app) {
        let incident = app
            .block_on(app.vault.record_incident(
                &actor("fg-1", "fg"),
                &IncidentFacts {
                    discovered: Some(jiff::Timestamp::now()),
                    description: "Een map met overdrachten is zoek".into(),
                    nature: vec![BreachNature::Vertrouwelijkheid],
                    ..IncidentFacts::default()
                },
            ))
            .unwrap();
        let year = this_year();
        let fg = Web::login(&app, "fg-1");
        let (_, home) = fg.get("/");
        assert!(home.contains("href=\"/toezicht/jaarverslag\""), "the dashboard links it: {home}");

        let before = chain_length(&app);
        let (status, page) = fg.get("/toezicht/jaarverslag");
        assert_eq!(status, 200, "{page}");
        assert_eq!(chain_length(&app), before + 1, "making the report is logged");
        assert!(page.contains(&format!("<h1>Jaarverslag privacy {year} — BG wonen</h1>")), "{page}");
        assert!(page.contains("<th scope=\"row\">Incidenten ontdekt</th><td class=\"value\">1</td>"), "{page}");
        assert!(page.contains(&incident), "the incident is among the events: {page}");
        assert!(page.contains(&format!("href=\"/toezicht/jaarverslag.pdf?jaar={year}\"")), "{page}");
        assert!(page.contains(&format!("href=\"/toezicht/jaarverslag.json?jaar={year}\"")), "{page}");
        assert!(page.contains("name=\"jaar\""), "the year picker: {page}");
        assert_eq!(page.matches("<details>").count(), 6, "the events per section");

        // Last year knows nothing of today's incident.
        let (status, last) = fg.get(&format!("/toezicht/jaarverslag?jaar={}", year - 1));
        assert_eq!(status, 200);
        assert!(last.contains(&format!("Jaarverslag privacy {} — BG wonen", year - 1)));
        assert!(last.contains("<th scope=\"row\">Incidenten ontdekt</th><td class=\"value\">0</td>"), "{last}");

        let (status, kind, disposition, pdf) =
            download(&app, &fg, &format!("/toezicht/jaarverslag.pdf?jaar={year}"));
        assert_eq!((status, kind.as_str()), (200, "application/pdf"));
        assert_eq!(disposition, format!("attachment; filename=\"jaarverslag-privacy-{year}.pdf\""));
        assert!(pdf.starts_with(b"%PDF-"));
        assert!(pdf.trim_ascii_end().ends_with(b"%%EOF"));

        let (status, kind, disposition, json) =
            download(&app, &fg, &format!("/toezicht/jaarverslag.json?jaar={year}"));
        assert_eq!((status, kind.as_str()), (200, "application/json"));
        assert_eq!(disposition, format!("attachment; filename=\"jaarverslag-privacy-{year}.json\""));
        let v: serde_json::Value = serde_json::from_slice(&json).unwrap();
        assert_eq!(v["year"], year);
        let incidents = v["sections"]
            .as_array()
            .unwrap()
            .iter()
            .find(|s| s["id"] == "incidenten")
            .unwrap();
        assert_eq!(incidents["figures"][0]["id"], "total");
        assert_eq!(incidents["figures"][0]["value"], 1);
        assert_eq!(incidents["figures"][0]["events"][0], incident.as_str());

        // A year that is not one: 422 naming the field, and nothing made or logged.
        let before = chain_length(&app);
        for bad in ["1999", "twintig", &(year + 1).to_string()] {
            let (status, page) = fg.get(&format!("/toezicht/jaarverslag?jaar={bad}"));
            assert_eq!(status, 422, "{bad}");
            assert!(page.contains("jaar"), "{page}");
            assert!(page.contains(bad), "what was typed is shown: {page}");
        }
        assert_eq!(download(&app, &fg, "/toezicht/jaarverslag.pdf?jaar=0").0, 422);
        assert_eq!(chain_length(&app), before);

        // Management adopts it (BG wonen 8.2): its overview links it too.
        let directie = Web::login(&app, "dir-1");
        let (_, home) = directie.get("/");
        assert!(home.contains("href=\"/toezicht/jaarverslag\""), "{home}");
        assert_eq!(directie.get("/toezicht/jaarverslag").0, 200);

        // A caregiver makes no report: no link, and refused (logged).
        let caregiver = Web::login(&app, "zorg-1");
        let (_, home) = caregiver.get("/");
        assert!(!home.contains("/toezicht/jaarverslag"));
        let before = chain_length(&app);
        assert_eq!(caregiver.get("/toezicht/jaarverslag").0, 403);
        assert_eq!(chain_length(&app), before + 1);
        assert_eq!(download(&app, &caregiver, "/toezicht/jaarverslag.pdf").0, 403);
        assert_eq!(download(&app, &caregiver, "/toezicht/jaarverslag.json").0, 403);
    }
}
