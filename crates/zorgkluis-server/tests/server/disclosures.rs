//! The disclosure ledger in the web UI (issue 14 parts 2 and 6), on Rondomzorg's reglement:
//! the coordinator keeps the register of recipients (a bad code is shown beside its field);
//! the mentor in the care team reviews a disclosure before it is made, is refused without the
//! consent 2.3 asks (with the reason), discloses to the inspectorate without consent (2.3)
//! and is told the client must hear of it (2.5), records the letter; the coordinator reads the
//! ledger with the clients' names, filters it and downloads it as CSV; a caregiver without the
//! duty is refused; the client's export lists the disclosure.

use serde_json::json;
use zorgkluis_store::vault::Recipient;
use zorgkluis_testkit::{RONDOMZORG_STAFF, TestApp, actor};

use crate::chain_length;
use crate::refusals::Web;

fn today() -> jiff::civil::Date {
    zorgkluis_core::time::dutch_date(jiff::Timestamp::now())
}

/// A client of zorg-1 and mentor-1 with one health record; their id.
fn client(app: &TestApp) -> String {
    let person = app.client_named("Synthetische Verstrekcliënt", "111222333");
    let (status, v) = app.post(
        Some("admin-1"),
        &format!("/api/v1/persons/{person}/care-team"),
        &json!({"user": "mentor-1", "from": "2020-01-01"}),
    );
    assert_eq!(status, 204, "{v}");
    person
}

/// The register, read behind the server's back.
fn registered(app: &TestApp) -> Vec<Recipient> {
    app.block_on(
        app.vault
            .recipients(&actor("coord-1", "coordinator_clientbureau")),
    )
    .unwrap()
}

fn recipient_id(app: &TestApp, name: &str) -> String {
    registered(app)
        .into_iter()
        .find(|r| r.name == name)
        .unwrap_or_else(|| panic!("{name} is registered"))
        .id
}

/// Registers an organisation through the register's form, as the coordinator.
fn register(web: &Web, kind: &str, name: &str) {
    let (status, page) = web.post(
        "/toezicht/ontvangers",
        &format!(
            "soort={kind}&naam={}&agb=01234567&kvk=&land=NL",
            name.replace(' ', "+")
        ),
    );
    assert_eq!(status, 303, "{page}");
}

fn form(recipient: &str, step: &str) -> String {
    format!("ontvanger={recipient}&categorie=gezondheid&doel=overdracht+van+zorg&stap={step}")
}

/// The disclosures of the ledger, read behind the server's back.
fn ledger(app: &TestApp) -> Vec<zorgkluis_store::vault::Disclosure> {
    app.block_on(
        app.vault
            .disclosures(&actor("coord-1", "coordinator_clientbureau"), None),
    )
    .unwrap()
}

zorgkluis_testkit::app_on_both_backends! {
    /// The register: a code that is not 8 digits is shown beside its field and registers
    /// nothing; a good one is listed; a caregiver may not see the register.
    fn the_coordinator_keeps_the_register_and_errors_name_the_field(app, "rondomzorg", RONDOMZORG_STAFF) {
        let coord = Web::login(&app, "coord-1");
        let (status, page) = coord.get("/toezicht/ontvangers");
        assert_eq!(status, 200, "{page}");
        assert!(page.contains("Register van ontvangers") && page.contains("Inspectie Gezondheidszorg en Jeugd"), "{page}");
        for (body, field) in [
            ("soort=zorgaanbieder&naam=Praktijk+Voorbeeld&agb=123&kvk=&land=NL", "agb_code"),
            ("soort=buurman&naam=Praktijk+Voorbeeld&agb=&kvk=&land=NL", "kind"),
            ("soort=zorgaanbieder&naam=+&agb=&kvk=&land=NL", "name"),
            ("soort=zorgaanbieder&naam=Praktijk+Voorbeeld&agb=&kvk=1234567a&land=NL", "kvk_number"),
            ("soort=zorgaanbieder&naam=Praktijk+Voorbeeld&agb=&kvk=&land=nl", "country"),
        ] {
            let (status, page) = coord.post("/toezicht/ontvangers", body);
            assert_eq!(status, 422, "{body}: {page}");
            assert!(page.contains(&format!(r#"id="fout-{field}""#)), "{field}: {page}");
            assert!(page.contains(&format!(r#"aria-describedby="fout-{field}""#)), "{field}: {page}");
            // What was typed stays in the form.
            assert!(body.contains("naam=+") || page.contains("Praktijk Voorbeeld"), "{page}");
        }
        assert!(registered(&app).is_empty());
        register(&coord, "zorgaanbieder", "Huisartsenpraktijk Voorbeeld");
        let (_, page) = coord.get("/toezicht/ontvangers");
        assert!(page.contains("Huisartsenpraktijk Voorbeeld") && page.contains("01234567"), "{page}");
        let caregiver = Web::login(&app, "zorg-1");
        assert_eq!(caregiver.get("/toezicht/ontvangers").0, 403);
        assert_eq!(caregiver.post("/toezicht/ontvangers", "soort=zorgaanbieder&naam=X+Y&land=NL").0, 403);
        assert_eq!(registered(&app).len(), 1);
    }

    /// The form shows the decision before anything goes out; without the consent 2.3 asks,
    /// "Verstrekken" is refused with the reason and nothing is disclosed; the inspectorate (2.3)
    /// goes without consent, only once confirmed, and the result says the client must be told.
    fn the_mentor_reviews_before_disclosing_and_sees_the_notice_duty(app, "rondomzorg", RONDOMZORG_STAFF) {
        let person = client(&app);
        let coord = Web::login(&app, "coord-1");
        register(&coord, "zorgaanbieder", "Huisartsenpraktijk Voorbeeld");
        register(&coord, "inspectie", "Inspectie Voorbeeldregio");
        let huisarts = recipient_id(&app, "Huisartsenpraktijk Voorbeeld");
        let igj = recipient_id(&app, "Inspectie Voorbeeldregio");
        let mentor = Web::login(&app, "mentor-1");

        // The dossier offers the form to the mentor; not to the administration.
        let (status, dossier) = mentor.get(&format!("/clienten/{person}"));
        assert_eq!(status, 200, "{dossier}");
        assert!(dossier.contains(&format!("/clienten/{person}/verstrekken")), "{dossier}");
        let path = format!("/clienten/{person}/verstrekken");
        let (status, page) = mentor.get(&path);
        assert_eq!(status, 200, "{page}");
        assert!(page.contains("Gegevens verstrekken van Synthetische Verstrekcliënt"), "{page}");
        assert!(page.contains("Inspectie Voorbeeldregio") && page.contains("Beoordelen"), "{page}");

        // Review: not allowed, the written consent not found, 2.3; nothing disclosed.
        let (status, page) = mentor.post(&path, &form(&huisarts, "beoordelen"));
        assert_eq!(status, 200, "{page}");
        assert!(page.contains("Beoordeling vóór verstrekking"), "{page}");
        assert!(page.contains(r#"data-allowed="false""#) && page.contains("Niet toegestaan"), "{page}");
        assert!(page.contains("Niet gevonden") && page.contains("2.3"), "{page}");
        assert!(!page.contains(r#"value="verstrekken""#), "no button to disclose what may not go: {page}");
        assert!(ledger(&app).is_empty());
        // Sent anyway: refused with the reason, nothing in the ledger.
        let (status, page) = mentor.post(&path, &format!("{}&bevestigd=ja", form(&huisarts, "verstrekken")));
        assert_eq!(status, 422, "{page}");
        assert!(page.contains("Verstrekking geweigerd") && page.contains("2.3"), "{page}");
        assert!(ledger(&app).is_empty());

        // Bad input is shown beside its field.
        let (status, page) = mentor.post(&path, &format!("ontvanger={igj}&doel=overdracht&stap=beoordelen"));
        assert_eq!(status, 422, "{page}");
        assert!(page.contains(r#"id="fout-categories""#), "{page}");
        let (status, page) = mentor.post(&path, &format!("ontvanger={igj}&categorie=gezondheid&doel=Overdracht!&stap=beoordelen"));
        assert_eq!(status, 422, "{page}");
        assert!(page.contains(r#"id="fout-purpose""#), "{page}");

        // The inspectorate: allowed without consent, the client to be told (2.5).
        let (status, page) = mentor.post(&path, &form(&igj, "beoordelen"));
        assert_eq!(status, 200, "{page}");
        assert!(page.contains(r#"data-allowed="true""#) && page.contains("2.3"), "{page}");
        assert!(page.contains("De cliënt moet worden geïnformeerd"), "{page}");
        assert!(page.contains(r#"value="verstrekken""#), "{page}");
        // Not confirmed: nothing goes out.
        let (status, page) = mentor.post(&path, &form(&igj, "verstrekken"));
        assert_eq!(status, 422, "{page}");
        assert!(page.contains(r#"id="fout-bevestigd""#), "{page}");
        assert!(ledger(&app).is_empty());
        let (status, page) = mentor.post(&path, &format!("{}&bevestigd=ja", form(&igj, "verstrekken")));
        assert_eq!(status, 200, "{page}");
        let entries = ledger(&app);
        assert_eq!(entries.len(), 1);
        let d = &entries[0];
        assert!(d.notice_due());
        assert!(page.contains("Gegevens verstrekt") && page.contains("De cliënt moet worden geïnformeerd"), "{page}");
        assert!(page.contains(&format!("/verstrekkingen/{}/melding", d.id)), "{page}");
        assert!(page.contains(&d.payload_sha256), "{page}");
        assert!(page.contains("Synthetisch: pols 72"), "the extract: {page}");
        assert!(page.contains("data:application/json"), "the download: {page}");
    }

    /// Bemoeizorg (2.7) asks consent: the review refuses it and offers the conflict of duties
    /// (the huisarts's refusal does not: 2.3 does not allow it); with a justification the
    /// review allows it and carries the justification on; disclosed, the ledger says "op een
    /// conflict van plichten" and the officer's review of emergency access shows the
    /// justification.
    fn a_conflict_of_duties_is_justified_on_the_form_and_reviewed(app, "rondomzorg", RONDOMZORG_STAFF) {
        let person = client(&app);
        let coord = Web::login(&app, "coord-1");
        register(&coord, "zorgaanbieder", "Huisartsenpraktijk Voorbeeld");
        register(&coord, "bemoeizorgpartner", "Meldpunt Bemoeizorg Voorbeeldregio");
        let huisarts = recipient_id(&app, "Huisartsenpraktijk Voorbeeld");
        let partner = recipient_id(&app, "Meldpunt Bemoeizorg Voorbeeldregio");
        let mentor = Web::login(&app, "mentor-1");
        let path = format!("/clienten/{person}/verstrekken");

        let (_, page) = mentor.post(&path, &form(&huisarts, "beoordelen"));
        assert!(!page.contains(r#"name="conflict_van_plichten""#), "{page}");
        let (status, page) = mentor.post(&path, &form(&partner, "beoordelen"));
        assert_eq!(status, 200, "{page}");
        assert!(page.contains(r#"data-allowed="false""#) && page.contains("2.7"), "{page}");
        assert!(page.contains(r#"textarea id="conflict_van_plichten""#) && page.contains("Conflict van plichten"), "{page}");

        let why = "De cliënt mijdt elke zorg; zonder het meldpunt dreigt ernstige verwaarlozing";
        let with = format!("{}&conflict_van_plichten={}", form(&partner, "beoordelen"), why.replace(' ', "+").replace(';', "%3B"));
        let (status, page) = mentor.post(&path, &with);
        assert_eq!(status, 200, "{page}");
        assert!(page.contains(r#"data-allowed="true""#), "{page}");
        assert!(page.contains(r#"type="hidden" name="conflict_van_plichten""#) && page.contains(why), "{page}");
        assert!(ledger(&app).is_empty());
        let (status, page) = mentor.post(&path, &format!("{}&bevestigd=ja", with.replace("stap=beoordelen", "stap=verstrekken")));
        assert_eq!(status, 200, "{page}");
        let entries = ledger(&app);
        assert!(entries.len() == 1 && entries[0].conflict_of_duties && entries[0].notice_due());

        let (status, page) = coord.get("/toezicht/verstrekkingen");
        assert_eq!(status, 200, "{page}");
        assert!(page.contains("op een conflict van plichten"), "{page}");
        let (status, page) = coord.get("/toezicht/noodtoegang");
        assert_eq!(status, 200, "{page}");
        assert!(page.contains(why), "the justification, for the review: {page}");
        // The client's access log names the disclosure's exception, not an emergency access.
        let (status, page) = coord.get(&format!("/toezicht/clienten/{person}/logging"));
        assert_eq!(status, 200, "{page}");
        assert!(page.contains("zonder toestemming, op een conflict van plichten"), "{page}");
        assert!(!page.contains("buiten de zorgrelatie"), "{page}");
    }

    /// The notice: the letter, a date before the disclosure refused beside its field, the
    /// letter recorded and shown as recorded; the exception needs its reason.
    fn the_notice_to_the_client_is_recorded(app, "rondomzorg", RONDOMZORG_STAFF) {
        let person = client(&app);
        let coord = Web::login(&app, "coord-1");
        register(&coord, "inspectie", "Inspectie Voorbeeldregio");
        let igj = recipient_id(&app, "Inspectie Voorbeeldregio");
        let mentor = Web::login(&app, "mentor-1");
        let path = format!("/clienten/{person}/verstrekken");
        for _ in 0..2 {
            let (status, page) = mentor.post(&path, &format!("{}&bevestigd=ja", form(&igj, "verstrekken")));
            assert_eq!(status, 200, "{page}");
        }
        let entries = ledger(&app);
        let (second, first) = (&entries[0].id, &entries[1].id);
        let notice = format!("/verstrekkingen/{first}/melding");
        let (status, page) = mentor.get(&notice);
        assert_eq!(status, 200, "{page}");
        assert!(page.contains("zonder uw toestemming") && page.contains("Inspectie Voorbeeldregio"), "the letter: {page}");
        assert!(page.contains("Aan Synthetische Verstrekcliënt") || page.contains("Synthetische Verstrekcliënt"), "{page}");
        let yesterday = today().yesterday().unwrap();
        let (status, page) = mentor.post(&notice, &format!("uitkomst=verstuurd&datum={yesterday}&reden="));
        assert_eq!(status, 422, "{page}");
        assert!(page.contains(r#"id="fout-on""#), "{page}");
        let (status, page) = mentor.post(&notice, &format!("uitkomst=verstuurd&datum={}&reden=", today()));
        assert_eq!(status, 303, "{page}");
        let (status, page) = mentor.get(&notice);
        assert_eq!(status, 200, "{page}");
        assert!(page.contains("Vastgelegd: de brief is verstuurd op"), "{page}");
        assert!(page.contains("zonder uw toestemming"), "the letter as recorded: {page}");
        assert!(!page.contains(r#"name="uitkomst""#), "recorded once: {page}");

        let notice = format!("/verstrekkingen/{second}/melding");
        let (status, page) = mentor.post(&notice, &format!("uitkomst=uitzondering&datum={}&reden=+", today()));
        assert_eq!(status, 422, "{page}");
        assert!(page.contains(r#"id="fout-reason""#), "{page}");
        let (status, _) = mentor.post(&notice, &format!("uitkomst=uitzondering&datum={}&reden=Informeren+brengt+een+hulpverlener+in+gevaar", today()));
        assert_eq!(status, 303);
        let (_, page) = mentor.get(&notice);
        assert!(page.contains("Informeren brengt een hulpverlener in gevaar"), "{page}");
        assert!(ledger(&app).iter().all(|d| !d.notice_due()));
    }

    /// The ledger for the coordinator (read_audit): the clients by name, what is due first,
    /// filters and the CSV of the filtered list; a caregiver is refused; bad dates are named.
    fn the_ledger_is_filtered_and_downloaded_and_refused_without_the_duty(app, "rondomzorg", RONDOMZORG_STAFF) {
        let person = client(&app);
        let coord = Web::login(&app, "coord-1");
        register(&coord, "inspectie", "Inspectie Voorbeeldregio");
        register(&coord, "auditor", "Auditbureau Voorbeeld");
        let igj = recipient_id(&app, "Inspectie Voorbeeldregio");
        let mentor = Web::login(&app, "mentor-1");
        let path = format!("/clienten/{person}/verstrekken");
        for _ in 0..2 {
            let (status, page) = mentor.post(&path, &format!("{}&bevestigd=ja", form(&igj, "verstrekken")));
            assert_eq!(status, 200, "{page}");
        }
        let entries = ledger(&app);
        let (status, _) = mentor.post(&format!("/verstrekkingen/{}/melding", entries[1].id), &format!("uitkomst=verstuurd&datum={}", today()));
        assert_eq!(status, 303);

        let (status, page) = coord.get("/toezicht/verstrekkingen");
        assert_eq!(status, 200, "{page}");
        assert!(page.contains("Verstrekkingenregister") && page.contains("Synthetische Verstrekcliënt"), "{page}");
        assert!(page.contains("Te doen: cliënt informeren"), "{page}");
        let todo = page.find("Te doen: cliënt informeren").unwrap();
        let all = page.find(r#"id="alle""#).unwrap();
        assert!(todo < all, "the work first");
        assert!(page.contains(&format_date_nl(today())), "Dutch dates: {page}");
        assert!(page.contains("2 verstrekkingen"), "{page}");
        // Only the notices still due.
        let (status, page) = coord.get("/toezicht/verstrekkingen?melding=open");
        assert_eq!(status, 200, "{page}");
        assert!(page.contains("1 verstrekking<") || page.contains(">1 verstrekking"), "{page}");
        assert!(page.contains(&entries[0].id) && !page.contains(&format!(r#"data-disclosure="{}""#, entries[1].id)), "{page}");
        // Another recipient: none.
        let auditor = recipient_id(&app, "Auditbureau Voorbeeld");
        let (_, page) = coord.get(&format!("/toezicht/verstrekkingen?ontvanger={auditor}"));
        assert!(page.contains("Geen verstrekkingen gevonden"), "{page}");
        let (_, page) = coord.get(&format!("/toezicht/verstrekkingen?van={}", today().tomorrow().unwrap()));
        assert!(page.contains("Geen verstrekkingen gevonden"), "{page}");
        let (status, _) = coord.get("/toezicht/verstrekkingen?van=morgen");
        assert_eq!(status, 400);

        // The CSV of the filtered list: a header and one line per disclosure.
        let (status, csv) = coord.get("/toezicht/verstrekkingen/csv?melding=open");
        assert_eq!(status, 200, "{csv}");
        assert!(csv.starts_with('\u{feff}'), "a byte-order mark for the spreadsheet");
        let lines: Vec<&str> = csv.trim_end().split("\r\n").collect();
        assert_eq!(lines.len(), 2, "{csv}");
        assert!(lines[0].contains("\"Ontvanger\";"), "{csv}");
        assert!(lines[1].contains("\"Synthetische Verstrekcliënt\"") && lines[1].contains("\"Inspectie Voorbeeldregio\""), "{csv}");
        assert!(lines[1].contains("\"te_doen\"") && lines[1].contains(&entries[0].payload_sha256), "{csv}");
        let (_, csv) = coord.get("/toezicht/verstrekkingen/csv");
        assert_eq!(csv.trim_end().split("\r\n").count(), 3, "{csv}");

        // A caregiver without read_audit: refused, and the refusal logged.
        let caregiver = Web::login(&app, "zorg-1");
        let before = chain_length(&app);
        assert_eq!(caregiver.get("/toezicht/verstrekkingen").0, 403);
        assert_eq!(caregiver.get("/toezicht/verstrekkingen/csv").0, 403);
        assert_eq!(chain_length(&app), before + 2, "both refusals are logged");
    }

    /// An id that names no one is 404 before anything is read, decided or logged.
    fn an_unknown_client_or_disclosure_is_404_and_never_logged(app, "rondomzorg", RONDOMZORG_STAFF) {
        let mentor = Web::login(&app, "mentor-1");
        let coord = Web::login(&app, "coord-1");
        let before = chain_length(&app);
        for id in ["Jan%20de%20Vries%20111222333", "00000000-0000-4000-8000-000000000000"] {
            for web in [&mentor, &coord] {
                assert_eq!(web.get(&format!("/clienten/{id}/verstrekken")).0, 404);
                assert_eq!(web.post(&format!("/clienten/{id}/verstrekken"), "ontvanger=x&categorie=gezondheid&doel=x&stap=beoordelen").0, 404);
                assert_eq!(web.get(&format!("/verstrekkingen/{id}/melding")).0, 404);
                assert_eq!(web.post(&format!("/verstrekkingen/{id}/melding"), "uitkomst=verstuurd&datum=2026-01-01").0, 404);
                assert_eq!(web.post(&format!("/verstrekkingen/{id}/melding"), "uitkomst=ja&datum=gisteren").0, 404);
            }
        }
        assert_eq!(chain_length(&app), before, "an unknown id was logged");
    }

    /// The client's export lists to whom the data went (AVG art. 15 lid 1 sub c).
    fn the_export_shows_to_whom_the_data_were_disclosed(app, "rondomzorg", RONDOMZORG_STAFF) {
        let person = client(&app);
        let coord = Web::login(&app, "coord-1");
        register(&coord, "inspectie", "Inspectie Voorbeeldregio");
        let igj = recipient_id(&app, "Inspectie Voorbeeldregio");
        let mentor = Web::login(&app, "mentor-1");
        let (status, page) = mentor.post(&format!("/clienten/{person}/verstrekken"), &format!("{}&bevestigd=ja", form(&igj, "verstrekken")));
        assert_eq!(status, 200, "{page}");
        let (status, v) = app.post(Some("coord-1"), "/api/v1/requests", &json!({"person": person, "type": "inzage", "received": today().to_string()}));
        assert_eq!(status, 201, "{v}");
        let id = v["id"].as_str().unwrap().to_owned();
        let (status, v) = app.post(Some("coord-1"), &format!("/api/v1/requests/{id}/status"), &json!({"status": "identiteit_vastgesteld"}));
        assert_eq!(status, 204, "{v}");
        let (status, v) = app.post(Some("coord-1"), &format!("/api/v1/requests/{id}/decision"), &json!({"outcome": "toegewezen"}));
        assert_eq!(status, 200, "{v}");
        let (status, page) = coord.get(&format!("/verzoeken/{id}/export"));
        assert_eq!(status, 200, "{page}");
        assert!(page.contains("Aan wie uw gegevens zijn verstrekt"), "{page}");
        assert!(page.contains("Inspectie Voorbeeldregio") && page.contains("Zonder uw toestemming"), "{page}");
        assert!(!page.contains("mentor-1"), "the export names no staff member: {page}");
    }
}

fn format_date_nl(d: jiff::civil::Date) -> String {
    zorgkluis_core::time::format_date(d, zorgkluis_core::Lang::Nl)
}
