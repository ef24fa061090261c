//! The registers as spreadsheets on the web (issue 16 part 6), on BG wonen: the FG downloads
//! the workbook of the registers the FG keeps or reads, one register as CSV, the ledger as
//! XLSX; a register the role may not read is refused (and logged), an unknown one is 404, a
//! format that does not exist names `formaat`.

use zorgkluis_core::incident::IncidentFacts;
use zorgkluis_core::vocabulary::BreachNature;
use zorgkluis_store::spreadsheet::read_xlsx;
use zorgkluis_testkit::{TestApp, actor};

use crate::chain_length;
use crate::refusals::Web;

const XLSX: &str = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet";

fn incident(app: &TestApp) {
    app.block_on(app.vault.record_incident(
        &actor("fg-1", "fg"),
        &IncidentFacts {
            discovered: Some(jiff::Timestamp::now()),
            description: "Een usb-stick met een cliëntenlijst is zoek".into(),
            nature: vec![BreachNature::Vertrouwelijkheid],
            ..IncidentFacts::default()
        },
    ))
    .unwrap();
}

zorgkluis_testkit::app_on_both_backends! {
    fn the_privacy_officer_takes_the_registers_to_excel(app) {
        incident(&app);
        let fg = Web::login(&app, "fg-1");
        let (_, home) = fg.get("/");
        assert!(home.contains("/toezicht/registers.xlsx"), "the dashboard links the workbook");
        let before = chain_length(&app);
        let (status, kind, bytes) = fg.get_bytes("/toezicht/registers.xlsx");
        assert_eq!((status, kind.as_str()), (200, XLSX));
        assert!(chain_length(&app) > before, "the registers' reads are logged");
        let tabs: Vec<String> = read_xlsx(&bytes).unwrap().into_iter().map(|s| s.name).collect();
        assert_eq!(tabs, ["Verwerkingen", "Incidenten", "Verstrekkingen", "Verwerkers", "Privacymiddelen"]);

        let (_, page) = fg.get("/toezicht/incidenten");
        assert!(page.contains("/toezicht/registers/incidenten?formaat=csv"), "{page}");
        // The register's filter: the open incident under "open", not under "afgehandeld".
        let (_, open) = fg.get("/toezicht/incidenten?toon=open");
        assert!(open.contains("Een usb-stick met een cliëntenlijst is zoek"), "{open}");
        let (_, decided) = fg.get("/toezicht/incidenten?toon=afgehandeld");
        assert!(!decided.contains("Een usb-stick met een cliëntenlijst is zoek"), "{decided}");
        assert_eq!(fg.get("/toezicht/incidenten?toon=misschien").0, 422);
        let (status, csv) = fg.get("/toezicht/registers/incidenten?formaat=csv");
        assert_eq!(status, 200);
        assert!(csv.contains("\"Een usb-stick met een cliëntenlijst is zoek\""), "{csv}");
        let (status, kind, bytes) = fg.get_bytes("/toezicht/registers/incidenten");
        assert_eq!((status, kind.as_str()), (200, XLSX));
        assert_eq!(read_xlsx(&bytes).unwrap()[0].rows.len(), 1);
        let (status, kind, _) = fg.get_bytes("/toezicht/verstrekkingen/xlsx");
        assert_eq!((status, kind.as_str()), (200, XLSX));

        // BG wonen's complaints are the directie's (4.9): refused for the FG, and logged.
        let before = chain_length(&app);
        assert_eq!(fg.get("/toezicht/registers/klachten").0, 403);
        assert_eq!(chain_length(&app), before + 1);
        assert_eq!(fg.get("/toezicht/registers/salarissen").0, 404);
        let (status, page) = fg.get("/toezicht/registers/incidenten?formaat=pdf");
        assert_eq!(status, 422);
        assert!(page.contains("formaat"), "{page}");

        // A caregiver keeps no register: no link, and the ledger's workbook is refused.
        let caregiver = Web::login(&app, "zorg-1");
        let (_, home) = caregiver.get("/");
        assert!(!home.contains("/toezicht/registers.xlsx"));
        assert_eq!(caregiver.get("/toezicht/verstrekkingen/xlsx").0, 403);
    }

    /// Over the API, one register as CSV or XLSX for the token's role; an unknown register is
    /// 404, an unknown format names `format`, a register the role may not read is 403.
    fn another_system_fetches_a_register(app) {
        incident(&app);
        let (status, csv) = app.get_html("fg-1", "/api/v1/registers/incidenten?format=csv");
        assert_eq!(status, 200);
        assert!(csv.contains("\"Een usb-stick met een cliëntenlijst is zoek\""), "{csv}");
        let (status, _) = app.get_html("fg-1", "/api/v1/registers/incidenten");
        assert_eq!(status, 200);
        let (status, v) = app.get(Some("fg-1"), "/api/v1/registers/incidenten?format=pdf");
        assert_eq!(status, 422, "{v}");
        assert!(v.to_string().contains("format"), "{v}");
        assert_eq!(app.get(Some("fg-1"), "/api/v1/registers/salarissen").0, 404);
        assert_eq!(app.get(Some("zorg-1"), "/api/v1/registers/incidenten").0, 403);
    }
}
