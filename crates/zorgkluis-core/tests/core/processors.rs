//! `[verwerkers]` and a processing's `verwerker_land`: a reglement that demands processing
//! inside the EEA refuses, with the country's position, a processor outside it; the same
//! processor passes when the reglement does not demand it; bad values name their key.

use jiff::civil::date;
use zorgkluis_core::period::{Period, Unit};
use zorgkluis_core::processor::{EEA_COUNTRIES, in_eea, next_review, review_interval};
use zorgkluis_core::{Diagnostic, Lang, Reglement};

const BASE: &str = r#"formaat = 1

[organisatie]
naam = "Zorg Voorbeeld"
verantwoordelijke = "Directie"

[versie]
nummer = "1"
vastgesteld = 2026-01-01
in_werking = 2026-01-01

[[verwerkingen]]
id = "zorg"
naam = "Zorgverlening"
artikel = "2"
doel = "Goede zorg"
grondslag = ["overeenkomst"]
uitzondering_art9 = ["gezondheidszorg"]
betrokkenen = ["client"]
categorieen = ["naw", "gezondheid"]
verwerker = "Leverancier van het ECD"
verwerker_land = "US"

[[bewaartermijnen]]
categorieen = ["naw", "gezondheid"]
termijn = "20 jaar"
vanaf = "laatste_wijziging"
artikel = "3"
"#;

const EEA_ONLY: &str =
    "\n[verwerkers]\nalleen_eer = true\nherzien = \"2 jaar\"\nartikel = \"5.1\"\n";

fn load(text: &str) -> Result<Reglement, Vec<Diagnostic>> {
    Reglement::load("test.toml", text, Lang::En)
}

fn errors(text: &str) -> Vec<Diagnostic> {
    match load(text) {
        Ok(_) => panic!("expected errors, but the reglement loaded"),
        Err(d) => d.into_iter().filter(Diagnostic::is_error).collect(),
    }
}

/// The 1-based line and column of the first occurrence of `needle`.
fn position_of(text: &str, needle: &str) -> (usize, usize) {
    let at = text.find(needle).expect("needle in text");
    let before = &text[..at];
    let line = before.matches('\n').count() + 1;
    let col = before[before.rfind('\n').map_or(0, |i| i + 1)..]
        .chars()
        .count()
        + 1;
    (line, col)
}

#[test]
fn a_processor_outside_the_eea_is_refused_where_the_reglement_demands_the_eea() {
    let text = format!("{BASE}{EEA_ONLY}");
    let found = errors(&text);
    assert_eq!(found.len(), 1, "{found:#?}");
    let d = &found[0];
    assert_eq!(d.code, "reglement.processor_outside_eea");
    assert_eq!((d.line, d.column), position_of(&text, "\"US\""));
    assert!(
        d.message.contains("US") && d.message.contains("zorg"),
        "{}",
        d.message
    );
    assert!(d.message.contains("5.1 (AVG art. 44–46)"), "{}", d.message);

    // Inside the EEA it passes, and the interval is the reglement's.
    let r = load(&text.replace("\"US\"", "\"NO\"")).expect("Norway is in the EEA");
    assert_eq!(review_interval(&r), Period::new(2, Unit::Years));
    assert_eq!(next_review(&r, date(2026, 3, 1)).unwrap(), date(2028, 3, 1));
}

#[test]
fn without_the_demand_a_processor_outside_the_eea_passes_and_a_year_is_the_default() {
    let r = load(BASE).expect("no demand for the EEA");
    assert!(r.warnings.is_empty(), "{:#?}", r.warnings);
    assert_eq!(review_interval(&r), Period::new(1, Unit::Years));
    assert_eq!(
        next_review(&r, date(2026, 2, 28)).unwrap(),
        date(2027, 2, 28)
    );
    let text = format!("{BASE}{}", EEA_ONLY.replace("true", "false"));
    load(&text).expect("alleen_eer = false demands nothing");
}

#[test]
fn bad_values_name_their_key_and_place() {
    let text = format!("{BASE}{EEA_ONLY}").replace("\"US\"", "\"nl\"");
    let found = errors(&text);
    assert_eq!(
        found[0].code, "reglement.processor_country_code",
        "{found:#?}"
    );
    assert_eq!(
        (found[0].line, found[0].column),
        position_of(&text, "\"nl\"")
    );

    let text = format!("{BASE}{EEA_ONLY}").replace("\"2 jaar\"", "\"2 eeuwen\"");
    let found = errors(&text);
    assert_eq!(found[0].code, "reglement.syntax", "{found:#?}");
    assert_eq!(found[0].line, position_of(&text, "herzien").0);

    let text = format!("{BASE}{EEA_ONLY}").replace("alleen_eer = true", "alleen_eer = \"ja\"");
    let found = errors(&text);
    assert_eq!(found[0].code, "reglement.syntax", "{found:#?}");
    assert_eq!(found[0].line, position_of(&text, "alleen_eer").0);

    let text = BASE.replace("verwerker = \"Leverancier van het ECD\"\n", "");
    let found = errors(&text);
    assert_eq!(
        found[0].code, "reglement.processor_country_without_processor",
        "{found:#?}"
    );
}

#[test]
fn the_eea_is_the_union_and_three_efta_states() {
    assert_eq!(EEA_COUNTRIES.len(), 30);
    for code in ["NL", "DE", "GR", "IS", "LI", "NO"] {
        assert!(in_eea(code), "{code}");
    }
    for code in ["US", "GB", "CH", "EL", "nl"] {
        assert!(!in_eea(code), "{code}");
    }
}
