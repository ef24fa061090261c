//! The registers in Excel (issue 16 part 6): the workbook holds the registers the caller's role
//! may read, each read logged; a workbook of incidents and complaints kept by hand imports by
//! the register's own rules, and one error anywhere imports nothing and names the sheet, the
//! row and the column; a clean workbook round-trips through the export.

use jiff::civil::date;
use jiff::{SignedDuration, Timestamp};
use zorgkluis_core::Lang;
use zorgkluis_core::incident::IncidentFacts;
use zorgkluis_core::vocabulary::{BreachNature, ComplainantKind, ComplaintOutcome};
use zorgkluis_store::spreadsheet::{Cell, ReadCell, Sheet, read_xlsx, to_xlsx};
use zorgkluis_store::vault::{
    Actor, COMPLAINT_IMPORTED, INCIDENT_IMPORTED, NewComplaint, Register, Vault,
};
use zorgkluis_testkit::actor;

use crate::access_path::event_count;

/// Aliantus' FG keeps both the incident register (Datalekken) and complaints (Klachten 2).
fn fg() -> Actor {
    actor("fg-1", "fg")
}

fn days_ago(d: i64) -> Timestamp {
    Timestamp::now()
        .checked_sub(SignedDuration::from_hours(24 * d))
        .unwrap()
}

/// An incident tab as an organisation keeps it: Dutch headers, Dutch dates typed as text,
/// the columns in the export's order.
fn incident_tab(rows: Vec<Vec<Cell>>) -> Sheet {
    Sheet {
        name: "Incidenten".into(),
        header: [
            "Ontdekt",
            "Begonnen",
            "Beëindigd",
            "Ontdekt door",
            "Hoe ontdekt",
            "Omschrijving",
            "Aard",
            "Categorieën",
            "Personen (minimaal)",
            "Personen (maximaal)",
            "Aantal records",
            "Versleuteld",
            "Gevolgen",
            "Risico",
            "Maatregelen",
            "Melden bij AP",
            "Reden besluit",
            "Gemeld bij AP",
            "Meldnummer AP",
            "Reden te laat",
            "Betrokkenen geïnformeerd",
            "Aantal geïnformeerd",
            "Hoe geïnformeerd",
        ]
        .map(String::from)
        .to_vec(),
        rows,
    }
}

/// A breach found `found` days ago, told to the AP `hours` after, with `late` as the reason.
fn breach_row(found: i64, hours: i64, late: &str) -> Vec<Cell> {
    let discovered = days_ago(found);
    let notified = discovered
        .checked_add(SignedDuration::from_hours(hours))
        .unwrap();
    vec![
        Cell::Moment(discovered),
        Cell::Empty,
        Cell::Empty,
        Cell::text("zorg-1"),
        Cell::text("Melding van een collega"),
        Cell::text("Een e-mail met een zorgplan ging naar de verkeerde familie"),
        Cell::text("vertrouwelijkheid"),
        Cell::text("naw, gezondheid"),
        Cell::Number(1.0),
        Cell::Number(1.0),
        Cell::Number(1.0),
        Cell::YesNo(false),
        Cell::text("Gezondheidsgegevens bij een onbevoegde"),
        Cell::text("aanzienlijk"),
        Cell::text("Ontvanger gevraagd de e-mail te verwijderen"),
        Cell::YesNo(true),
        Cell::text("Gezondheidsgegevens: meer dan een verwaarloosbaar risico"),
        Cell::Moment(notified),
        Cell::text("M-2026-0042"),
        Cell::text(late),
        Cell::Moment(notified),
        Cell::Number(1.0),
        Cell::text("Per brief"),
    ]
}

fn complaint_tab(rows: Vec<Vec<Cell>>) -> Sheet {
    Sheet {
        name: "Klachten".into(),
        header: [
            "Ontvangen",
            "Klager",
            "Cliënt (id)",
            "Waarover",
            "Klachtenfunctionaris",
            "Verlenging gemeld",
            "Reden verlenging",
            "Besloten op",
            "Uitkomst",
            "Toelichting",
            "Geschilleninstantie",
            "Klacht bij AP",
        ]
        .map(String::from)
        .to_vec(),
        rows,
    }
}

fn complaint_row(told: Option<jiff::civil::Date>) -> Vec<Cell> {
    vec![
        Cell::Date(date(2026, 9, 1)),
        Cell::text("client"),
        Cell::Empty,
        Cell::text("Het zorgplan is zonder overleg aan de huisarts gestuurd"),
        Cell::YesNo(true),
        Cell::date(told),
        Cell::text(if told.is_some() {
            "Het verslag van de nachtdienst ontbreekt"
        } else {
            ""
        }),
        Cell::Date(date(2026, 11, 2)),
        Cell::text("deels_gegrond"),
        Cell::text("Toestemming wordt voortaan vooraf gevraagd"),
        Cell::Empty,
        Cell::YesNo(false),
    ]
}

/// A processor tab as kept by hand: a few of the export's columns, in another order.
fn processor_tab(processing: &str) -> Sheet {
    Sheet {
        name: "Verwerkers".into(),
        header: [
            "Verwerker",
            "Getekend op",
            "Verwerkingen",
            "Categorieën",
            "Landen",
            "Beveiligingsmaatregelen",
        ]
        .map(String::from)
        .to_vec(),
        rows: vec![vec![
            Cell::text("Voorbeeld ECD BV"),
            Cell::Date(date(2026, 2, 1)),
            Cell::text(processing),
            Cell::text("naw, gezondheid"),
            Cell::text("NL, DE"),
            Cell::text("Versleuteld, twee factoren"),
        ]],
    }
}

/// The cells of `sheet` as an import reads them, in the order of `header`.
fn as_read(sheet: &Sheet) -> Vec<Vec<ReadCell>> {
    let bytes = to_xlsx(std::slice::from_ref(sheet)).unwrap();
    read_xlsx(&bytes)
        .unwrap()
        .remove(0)
        .rows
        .into_iter()
        .map(|(_, mut cells)| {
            cells.resize(sheet.header.len(), ReadCell::Empty);
            cells
        })
        .collect()
}

async fn workbook(vault: &Vault, sheets: &[Sheet]) -> zorgkluis_store::vault::ImportOutcome {
    vault
        .import_register_workbook(&fg(), &to_xlsx(sheets).unwrap())
        .await
        .unwrap()
}

zorgkluis_testkit::on_both_backends! {
    async fn the_workbook_holds_the_registers_the_role_may_read(store) {
        let vault = store.open().await;
        // BG wonen: the FG keeps incidents and reads the ledger; complaints are the directie's.
        vault
            .record_incident(
                &fg(),
                &IncidentFacts {
                    discovered: Some(days_ago(1)),
                    description: "Een laptop is gestolen uit de auto".into(),
                    nature: vec![BreachNature::Vertrouwelijkheid],
                    ..IncidentFacts::default()
                },
            )
            .await
            .unwrap();
        let directie = actor("dir-1", "directie");
        vault
            .record_complaint(
                &directie,
                &NewComplaint {
                    received: date(2026, 9, 1),
                    by: ComplainantKind::Client,
                    person: None,
                    about: "Geen antwoord op een inzageverzoek".into(),
                    officer_involved: false,
                },
            )
            .await
            .unwrap();
        vault
            .record_processor(&fg(), &crate::processors::agreement(date(2026, 1, 15), &["NL"]))
            .await
            .unwrap();
        let before = event_count(&vault).await;
        let sheets = vault.register_workbook(&fg(), &[], Lang::Nl).await.unwrap();
        let tabs: Vec<&str> = sheets.iter().map(|s| s.name.as_str()).collect();
        assert_eq!(
            tabs,
            ["Verwerkingen", "Incidenten", "Verstrekkingen", "Verwerkers", "Privacymiddelen"],
            "{}",
            store.name()
        );
        assert!(event_count(&vault).await > before, "each register's read is logged");
        let incidents = &sheets[1];
        assert_eq!(incidents.rows.len(), 1);
        assert!(incidents.rows[0].contains(&Cell::text("Een laptop is gestolen uit de auto")));
        assert!(sheets[0].rows.len() >= 5, "a row per processing of the reglement");
        let processors = &sheets[3];
        assert_eq!(processors.rows.len(), 1);
        assert!(processors.rows[0].contains(&Cell::text("Voorbeeld ECD BV")));
        assert!(processors.rows[0].contains(&Cell::Date(date(2027, 1, 15))), "the review a year on");

        let of_directie = vault.register_workbook(&directie, &[], Lang::En).await.unwrap();
        let tabs: Vec<&str> = of_directie.iter().map(|s| s.name.as_str()).collect();
        assert!(tabs.contains(&"Complaints") && !tabs.contains(&"Incidents"), "{tabs:?}");
        // Written and read back as XLSX, every tab is there.
        let read = read_xlsx(&to_xlsx(&sheets).unwrap()).unwrap();
        assert_eq!(read.len(), 5);
        assert_eq!(read[1].rows.len(), 1);
    }

    async fn one_error_imports_nothing_and_names_sheet_row_and_column(store) {
        let vault = store.open_with("aliantus").await;
        let mut bad = breach_row(3, 10, "");
        bad[0] = Cell::text("31-02-2026 10:00");
        let outcome = workbook(&vault, &[incident_tab(vec![breach_row(5, 10, ""), bad])]).await;
        assert!(outcome.imported.is_empty());
        assert_eq!(outcome.problems.len(), 1, "{:?}", outcome.problems);
        let p = &outcome.problems[0];
        assert_eq!((p.sheet.as_str(), p.row, p.column.as_deref()), ("Incidenten", 3, Some("A")));
        assert_eq!(p.field.as_deref(), Some("Ontdekt"));
        assert!(vault.incidents(&fg()).await.unwrap().is_empty(), "nothing imported");

        // Told to the AP after 80 hours without the reasons: refused in its column.
        let outcome = workbook(&vault, &[incident_tab(vec![breach_row(6, 80, "")])]).await;
        let p = &outcome.problems[0];
        assert_eq!((p.row, p.field.as_deref()), (2, Some("Reden te laat")), "{p}");

        // An extension told after the six weeks (on 20 October; they ended 13 October) is
        // refused in its column, and the clean incident tab beside it is not imported either.
        let outcome = workbook(
            &vault,
            &[
                incident_tab(vec![breach_row(5, 10, "")]),
                complaint_tab(vec![complaint_row(Some(date(2026, 10, 20)))]),
            ],
        )
        .await;
        assert_eq!(outcome.problems.len(), 1, "{:?}", outcome.problems);
        let p = &outcome.problems[0];
        assert_eq!((p.sheet.as_str(), p.row, p.column.as_deref()), ("Klachten", 2, Some("F")));
        assert!(vault.incidents(&fg()).await.unwrap().is_empty());
        assert!(vault.complaints(&fg()).await.unwrap().is_empty());

        // A processing the reglement does not have is named in its column.
        let outcome = workbook(&vault, &[processor_tab("salarissen")]).await;
        let p = &outcome.problems[0];
        assert_eq!((p.row, p.column.as_deref(), p.field.as_deref()), (2, Some("C"), Some("Verwerkingen")), "{p}");
        assert!(vault.processors(&fg()).await.unwrap().is_empty());

        // A column the register does not have would be lost: named, nothing imported.
        let mut tab = incident_tab(vec![breach_row(5, 10, "")]);
        tab.header.push("Opmerkingen".into());
        tab.rows[0].push(Cell::text("zie map"));
        let outcome = workbook(&vault, &[tab]).await;
        let p = &outcome.problems[0];
        assert_eq!((p.row, p.column.as_deref()), (1, Some("X")), "{p}");
    }

    async fn a_clean_workbook_imports_and_round_trips(store) {
        let vault = store.open_with("aliantus").await;
        let incidents = incident_tab(vec![
            breach_row(5, 10, ""),
            breach_row(9, 80, "Het lek kwam pas na het weekend bij de FG"),
        ]);
        let complaints = complaint_tab(vec![complaint_row(Some(date(2026, 10, 6)))]);
        let before = event_count(&vault).await;
        let outcome = workbook(
            &vault,
            &[incidents.clone(), complaints.clone(), processor_tab("zorgverlening")],
        )
        .await;
        assert!(outcome.problems.is_empty(), "{:?}", outcome.problems);
        assert_eq!(
            outcome.imported,
            [
                ("incidenten".to_owned(), 2),
                ("klachten".to_owned(), 1),
                ("verwerkers".to_owned(), 1)
            ]
        );
        assert_eq!(event_count(&vault).await, before + 4, "an event per imported row");
        let agreements = vault.processors(&fg()).await.unwrap();
        assert_eq!(agreements.len(), 1);
        assert_eq!(agreements[0].next_review, date(2027, 2, 1), "a year on, as recorded ones");
        assert_eq!(agreements[0].countries, ["NL", "DE"]);

        let stored = vault.incidents(&fg()).await.unwrap();
        assert_eq!(stored.len(), 2);
        let late = stored
            .iter()
            .find(|i| !i.notification.late_reason.is_empty())
            .unwrap();
        assert!(late.clock.late(late.notification.ap_notified.unwrap()));
        let c = &vault.complaints(&fg()).await.unwrap()[0];
        assert_eq!(c.decision.as_ref().unwrap().outcome, ComplaintOutcome::DeelsGegrond);
        assert_eq!(c.clock.decide_by, date(2026, 11, 10), "ten weeks with the extension");

        // Exported again, the imported columns hold what the sheet held.
        let export = vault
            .register_workbook(&fg(), &[Register::Incidenten, Register::Klachten], Lang::Nl)
            .await
            .unwrap();
        let again = |sheet: &Sheet, columns: std::ops::Range<usize>| -> Vec<Vec<ReadCell>> {
            let mut rows: Vec<Vec<ReadCell>> = as_read(sheet)
                .into_iter()
                .map(|r| r[columns.clone()].to_vec())
                .collect();
            rows.sort_by_key(|r| format!("{r:?}"));
            rows
        };
        let mut source = as_read(&incidents);
        source.sort_by_key(|r| format!("{r:?}"));
        assert_eq!(again(&export[0], INCIDENT_IMPORTED), source);
        assert_eq!(again(&export[1], COMPLAINT_IMPORTED), as_read(&complaints));
    }
}
