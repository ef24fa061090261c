//! The do-not-contact register on the web (issue 14 parts 4 and 6), on Aliantus' reglement,
//! where the directie keeps it (Doeleinden, read as "we" is Aliantus): a client put on it
//! through the form is listed by name; a check for that purpose answers "niet benaderen" with
//! the article, another purpose is allowed; ending the entry makes the check allowed; a bad
//! purpose, a missing or unknown client and a day in the future name the field and record
//! nothing; a role without `check_contact` is refused.

use zorgkluis_store::vault::DoNotContact;
use zorgkluis_testkit::{STAFF, TestApp, actor};

use crate::refusals::Web;

const PATH: &str = "/toezicht/niet-benaderen";

fn today() -> jiff::civil::Date {
    zorgkluis_core::time::dutch_date(jiff::Timestamp::now())
}

/// The register with the ended entries, read behind the server's back.
fn register(app: &TestApp) -> Vec<DoNotContact> {
    app.block_on(
        app.vault
            .do_not_contact_register(&actor("dir-1", "directie"), true),
    )
    .unwrap()
}

zorgkluis_testkit::app_on_both_backends! {
    fn the_directie_keeps_the_register_and_checks_a_client(app, "aliantus", STAFF) {
        let person = app.client_named("Synthetische Contactcliënt", "111222333");
        let dir = Web::login(&app, "dir-1");

        // The home page and the dossier lead to the register.
        let (status, home) = dir.get("/");
        assert_eq!(status, 200, "{home}");
        assert!(home.contains(&format!("href=\"{PATH}\"")), "{home}");
        let (_, dossier) = dir.get(&format!("/clienten/{person}"));
        assert!(dossier.contains(&format!("{PATH}?client={person}")), "{dossier}");

        let (status, page) = dir.get(PATH);
        assert_eq!(status, 200, "{page}");
        assert!(page.contains("Niemand staat op het register"), "{page}");
        assert!(page.contains("Kies eerst een cliënt"), "{page}");
        let (status, page) = dir.get(&format!("{PATH}?client={person}"));
        assert_eq!(status, 200, "{page}");
        assert!(page.contains("Synthetische Contactcliënt"), "{page}");
        assert!(page.contains(r#"name="persoon""#), "the form to put on: {page}");

        // Bad input names the field and records nothing.
        let day = today();
        let tomorrow = day.tomorrow().unwrap();
        for (body, field) in [
            (format!("persoon={person}&doel=reclamefolders&gevraagd_op={day}"), "purpose"),
            (format!("persoon=&doel=nieuwsbrief&gevraagd_op={day}"), "person"),
            (format!("persoon=00000000-0000-4000-8000-000000000000&doel=nieuwsbrief&gevraagd_op={day}"), "person"),
            (format!("persoon={person}&doel=nieuwsbrief&gevraagd_op={tomorrow}"), "asked_on"),
            (format!("persoon={person}&doel=nieuwsbrief&gevraagd_op=gisteren"), "asked_on"),
        ] {
            let (status, page) = dir.post(PATH, &body);
            assert_eq!(status, 422, "{body}: {page}");
            assert!(page.contains(&format!(r#"id="fout-{field}""#)), "{field}: {page}");
            assert!(page.contains("Er is niets vastgelegd"), "{page}");
        }
        assert!(register(&app).is_empty());

        // Put on for newsletters, through the form.
        let (status, page) = dir.post(PATH, &format!("persoon={person}&doel=nieuwsbrief&gevraagd_op={day}"));
        assert_eq!(status, 303, "{page}");
        let entries = register(&app);
        assert_eq!(entries.len(), 1);
        assert_eq!(entries[0].person_id, person);
        let (_, page) = dir.get(PATH);
        assert!(page.contains("Synthetische Contactcliënt"), "listed by name: {page}");
        assert!(page.contains("nieuwsbrieven en informatie"), "{page}");
        let dutch = zorgkluis_core::time::format_date(day, zorgkluis_core::Lang::Nl);
        assert!(page.contains(&dutch), "the day asked, in Dutch: {page}");
        assert!(page.contains("dir-1"), "who recorded it: {page}");
        // The same entry twice: refused naming the field.
        let (status, page) = dir.post(PATH, &format!("persoon={person}&doel=nieuwsbrief&gevraagd_op={day}"));
        assert_eq!(status, 422, "{page}");
        assert!(page.contains(r#"id="fout-purpose""#), "{page}");
        assert_eq!(register(&app).len(), 1);

        // The check: not for newsletters, with the article; fundraising is allowed.
        let (status, page) = dir.get(&format!("{PATH}?client={person}&doel=nieuwsbrief"));
        assert_eq!(status, 200, "{page}");
        assert!(page.contains(r#"data-allowed="false""#) && page.contains("Nee, niet benaderen"), "{page}");
        assert!(page.contains("AVG art. 21 lid 2 en 3"), "{page}");
        let (_, page) = dir.get(&format!("{PATH}?client={person}&doel=fondsenwerving"));
        assert!(page.contains(r#"data-allowed="true""#) && page.contains("Ja, benaderen mag"), "{page}");
        let (status, page) = dir.get(&format!("{PATH}?client={person}&doel=spam"));
        assert_eq!(status, 422, "{page}");
        assert!(page.contains(r#"id="fout-purpose""#), "{page}");
        let (status, page) = dir.get(&format!("{PATH}?doel=nieuwsbrief"));
        assert_eq!(status, 422, "{page}");
        assert!(page.contains(r#"id="fout-person""#), "{page}");

        // A caregiver and the administration have no check_contact: refused, nothing recorded.
        for user in ["zorg-1", "admin-1"] {
            let web = Web::login(&app, user);
            assert_eq!(web.get(PATH).0, 403, "{user}");
            assert_eq!(web.get(&format!("{PATH}?client={person}&doel=nieuwsbrief")).0, 403, "{user}");
            let (status, _) = web.post(PATH, &format!("persoon={person}&doel=fondsenwerving&gevraagd_op={day}"));
            assert_eq!(status, 403, "{user}");
            let (status, _) = web.post(&format!("{PATH}/{}/beeindigen", entries[0].id), "x=1");
            assert_eq!(status, 403, "{user}");
        }
        assert_eq!(register(&app).len(), 1);
        assert!(register(&app)[0].ended_at.is_none());

        // The client asks to be approached again: the entry ends, the check allows.
        let (status, page) = dir.post(&format!("{PATH}/{}/beeindigen", entries[0].id), "x=1");
        assert_eq!(status, 303, "{page}");
        let (_, page) = dir.get(&format!("{PATH}?client={person}&doel=nieuwsbrief"));
        assert!(page.contains(r#"data-allowed="true""#), "{page}");
        assert!(page.contains("Niemand staat op het register"), "{page}");
        let (_, page) = dir.get(&format!("{PATH}?beeindigd=ja"));
        assert!(page.contains("Beëindigd op") && page.contains("Synthetische Contactcliënt"), "{page}");
        let (status, _) = dir.post(&format!("{PATH}/{}/beeindigen", entries[0].id), "x=1");
        assert_eq!(status, 409, "ended already");
        let (status, _) = dir.post(&format!("{PATH}/00000000-0000-4000-8000-000000000000/beeindigen"), "x=1");
        assert_eq!(status, 404);
    }
}
