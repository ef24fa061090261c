//! Malformed reglements: each error names the right line and column, and no input makes the
//! parser panic.

use proptest::prelude::*;
use zorgkluis_core::{Diagnostic, Lang, Reglement};

/// A small valid reglement that each test breaks in one place.
const MINIMAL: &str = r#"formaat = 1

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

[[bewaartermijnen]]
categorieen = ["naw", "gezondheid"]
termijn = "20 jaar"
vanaf = "laatste_wijziging"
artikel = "3"

[[verzoeken]]
types = ["inzage"]
reageren = "4 weken"
artikel = "4"
"#;

/// A `[vertegenwoordiging]` that names the WGBO as the dossier's law (for `volgt_dossier`).
const WGBO: &str =
    "\n[vertegenwoordiging]\nleeftijd = 16\ndossierwetten = [\"wgbo\"]\nartikel = \"1\"\n";

fn load(text: &str) -> Result<Reglement, Vec<Diagnostic>> {
    Reglement::load("test.toml", text, Lang::En)
}

/// The 1-based line and column of the first occurrence of `needle`, plus `offset` characters.
fn position_of(text: &str, needle: &str, offset: usize) -> (usize, usize) {
    let at = text.find(needle).expect("needle in text");
    let before = &text[..at];
    let line = before.matches('\n').count() + 1;
    let col = before[before.rfind('\n').map_or(0, |i| i + 1)..]
        .chars()
        .count()
        + 1
        + offset;
    (line, col)
}

/// Loads `text`, expects exactly one error with `code`, and returns it.
fn single_error(text: &str, code: &str) -> Diagnostic {
    let errors: Vec<Diagnostic> = match load(text) {
        Ok(_) => panic!("expected error {code}, but the reglement loaded"),
        Err(d) => d.into_iter().filter(Diagnostic::is_error).collect(),
    };
    assert_eq!(errors.len(), 1, "{errors:#?}");
    assert_eq!(errors[0].code, code, "{errors:#?}");
    errors[0].clone()
}

#[test]
fn minimal_is_valid_without_warnings() {
    let r = load(MINIMAL).expect("valid");
    assert!(r.warnings.is_empty(), "{:#?}", r.warnings);
}

#[test]
fn broken_toml_names_line_and_column() {
    let text = MINIMAL.replace("naam = \"Zorgverlening\"", "naam = \"Zorgverlening");
    let d = single_error(&text, "reglement.syntax");
    assert_eq!(
        (d.line, d.file.as_str()),
        (
            position_of(&text, "naam = \"Zorgverlening", 0).0,
            "test.toml"
        )
    );
}

#[test]
fn unknown_category_suggests_the_near_one() {
    let text = MINIMAL.replace(
        "categorieen = [\"naw\", \"gezondheid\"]\n\n[[bewaar",
        "categorieen = [\"naw\", \"gezondheids\"]\n\n[[bewaar",
    );
    let d = single_error(&text, "reglement.unknown_category");
    assert_eq!((d.line, d.column), position_of(&text, "\"gezondheids\"", 0));
    assert_eq!(d.help.as_deref(), Some("did you mean `gezondheid`?"));
}

#[test]
fn unknown_recipient_is_an_error_at_its_place() {
    let text = MINIMAL.replace(
        "categorieen = [\"naw\", \"gezondheid\"]\n\n[[bewaar",
        "categorieen = [\"naw\", \"gezondheid\"]\nontvangers = [\"huisart\"]\n\n[[bewaar",
    );
    let d = single_error(&text, "reglement.unknown_recipient");
    assert_eq!((d.line, d.column), position_of(&text, "\"huisart\"", 0));
    assert_eq!(d.help.as_deref(), Some("did you mean `huisarts`?"));
}

#[test]
fn missing_legal_basis_points_at_the_processing() {
    let text = MINIMAL.replace("grondslag = [\"overeenkomst\"]\n", "");
    let d = single_error(&text, "reglement.missing_legal_basis");
    assert_eq!((d.line, d.column), position_of(&text, "\"zorg\"", 0));
}

#[test]
fn special_category_needs_an_exception() {
    let text = MINIMAL.replace("uitzondering_art9 = [\"gezondheidszorg\"]\n", "");
    let d = single_error(&text, "reglement.special_category_without_exception");
    assert_eq!((d.line, d.column), position_of(&text, "\"gezondheid\"]", 0));
}

#[test]
fn category_without_retention_rule() {
    let text = MINIMAL.replace(
        "categorieen = [\"naw\", \"gezondheid\"]\n\n[[bewaar",
        "categorieen = [\"naw\", \"gezondheid\", \"bsn\"]\n\n[[bewaar",
    );
    let d = single_error(&text, "reglement.no_retention");
    assert_eq!((d.line, d.column), position_of(&text, "\"bsn\"", 0));
}

#[test]
fn impossible_deadline_unit() {
    let text = MINIMAL.replace("reageren = \"4 weken\"", "reageren = \"4 weekjes\"");
    let d = single_error(&text, "reglement.syntax");
    assert_eq!((d.line, d.column), position_of(&text, "\"4 weekjes\"", 0));
    assert!(
        d.message.contains("weekjes") && d.message.contains("werkdagen"),
        "{}",
        d.message
    );
}

#[test]
fn misspelt_key_is_rejected() {
    let text = MINIMAL.replace("grondslag = ", "grondslagen = ");
    let errors = load(&text).expect_err("invalid");
    let d = &errors[0];
    assert_eq!(d.code, "reglement.syntax");
    assert_eq!(d.line, position_of(&text, "grondslagen", 0).0);
    assert!(d.message.contains("grondslagen"), "{}", d.message);
}

#[test]
fn unknown_request_type_lists_the_known_ones() {
    let text = MINIMAL.replace("types = [\"inzage\"]", "types = [\"inzien\"]");
    let d = single_error(&text, "reglement.syntax");
    assert_eq!((d.line, d.column), position_of(&text, "\"inzien\"", 0));
    assert!(d.message.contains("overdraagbaarheid"), "{}", d.message);
}

#[test]
fn change_within_the_announcement_period() {
    let text = MINIMAL.replace(
        "in_werking = 2026-01-01",
        "bekendgemaakt = 2026-01-01\naankondigingstermijn = \"4 weken\"\nin_werking = 2026-01-15",
    );
    let d = single_error(&text, "reglement.announcement_period");
    assert!(d.message.contains("2026-01-29"), "{}", d.message);
}

#[test]
fn short_medical_retention_is_a_warning_citing_the_wgbo() {
    let text = MINIMAL.replace("termijn = \"20 jaar\"", "termijn = \"10 jaar\"");
    let r = load(&text).expect("still valid");
    let codes: Vec<&str> = r.warnings.iter().map(|w| w.code).collect();
    assert_eq!(codes, ["reglement.retention_below_wgbo"]);
    assert!(r.warnings[0].message.contains("7:454"));
}

#[test]
fn several_errors_are_all_reported_in_file_order() {
    let text = MINIMAL
        .replace("grondslag = [\"overeenkomst\"]\n", "")
        .replace("betrokkenen = [\"client\"]", "betrokkenen = [\"klant\"]");
    let errors = load(&text).expect_err("invalid");
    let codes: Vec<&str> = errors.iter().map(|d| d.code).collect();
    assert_eq!(
        codes,
        ["reglement.missing_legal_basis", "reglement.unknown_subject"]
    );
}

#[test]
fn dutch_messages_by_default() {
    let text = MINIMAL.replace("betrokkenen = [\"client\"]", "betrokkenen = [\"klant\"]");
    let errors = Reglement::load("t.toml", &text, Lang::Nl).expect_err("invalid");
    assert!(
        errors[0]
            .message
            .starts_with("onbekende categorie betrokkenen"),
        "{}",
        errors[0].message
    );
}

fn seed() -> String {
    let path = concat!(
        env!("CARGO_MANIFEST_DIR"),
        "/../../reglementen/bg-wonen.toml"
    );
    std::fs::read_to_string(path).expect("bg-wonen.toml")
}

proptest! {
    #![proptest_config(ProptestConfig::with_cases(3_000))]

    /// Arbitrary text never panics the parser.
    #[test]
    fn arbitrary_text_never_panics(text in any::<String>()) {
        let _ = load(&text);
    }

    /// Text that looks like TOML never panics the parser.
    #[test]
    fn toml_like_text_never_panics(text in "[a-z_\\[\\]=\" .,0-9\\n{}#-]{0,400}") {
        let _ = load(&text);
    }

    /// A real reglement, cut, spliced or with one character changed, never panics the parser,
    /// and every diagnostic points inside the text.
    #[test]
    fn mutated_seed_never_panics(cut in 0usize..30_000, len in 0usize..200, ch in any::<char>(), mode in 0u8..3) {
        let text = seed();
        let mut at = cut.min(text.len());
        while !text.is_char_boundary(at) { at -= 1; }
        let mut end = (at + len).min(text.len());
        while !text.is_char_boundary(end) { end -= 1; }
        let mutated = match mode {
            0 => text[..at].to_owned(),
            1 => format!("{}{}", &text[..at], &text[end..]),
            _ => format!("{}{ch}{}", &text[..at], &text[end..]),
        };
        if let Err(diagnostics) = load(&mutated) {
            let lines = mutated.lines().count().max(1);
            for d in diagnostics {
                prop_assert!(d.line >= 1 && d.line <= lines + 1, "{d:?}");
                prop_assert!(d.column >= 1);
                let _ = d.render(&mutated, Lang::Nl);
            }
        }
    }
}

/// The worked example in docs/reglement.md is valid and answers as the text there says.
#[test]
fn documented_worked_example_is_valid() {
    let doc = std::fs::read_to_string(concat!(
        env!("CARGO_MANIFEST_DIR"),
        "/../../docs/reglement.md"
    ))
    .expect("docs/reglement.md");
    let example = doc
        .split("## Worked example")
        .nth(1)
        .and_then(|rest| rest.split("```toml\n").nth(1))
        .and_then(|block| block.split("```").next())
        .expect("a toml block under ## Worked example");
    let r = load(example).unwrap_or_else(|d| panic!("{d:#?}"));
    assert!(r.warnings.is_empty(), "{:#?}", r.warnings);
    let a = zorgkluis_core::decide::request_deadlines(
        &r,
        zorgkluis_core::vocabulary::RequestType::Correctie,
        jiff::civil::date(2026, 4, 1),
        Some(jiff::civil::date(2026, 4, 15)),
    )
    .expect("deadlines");
    assert_eq!(a.respond_by.date, jiff::civil::date(2026, 4, 29));
    assert_eq!(
        a.execute_by.map(|d| d.date),
        Some(jiff::civil::date(2026, 4, 30))
    );
}

#[test]
fn the_products_own_roles_cannot_be_declared() {
    for reserved in ["systeem", "nabestaande"] {
        let text = format!(
            "{MINIMAL}\n[taxonomie.rollen.{reserved}]\nnl = \"Eigen rol\"\nen = \"Own role\"\n"
        );
        let d = single_error(&text, "reglement.reserved_role");
        assert_eq!(
            (d.line, d.column),
            position_of(&text, &format!("rollen.{reserved}"), 7),
            "{d:#?}"
        );
        assert!(d.message.contains(reserved), "{}", d.message);
    }
}

#[test]
fn a_duty_rule_names_a_known_role_and_limits_only_lists_to_own_clients() {
    let unknown = format!(
        "{MINIMAL}\n[[beheer]]\nrol = \"planer\"\ntaken = [\"list_persons\"]\nartikel = \"5\"\n"
    );
    let d = single_error(&unknown, "reglement.unknown_role");
    assert_eq!((d.line, d.column), position_of(&unknown, "\"planer\"", 0));
    let scoped = format!(
        "{MINIMAL}\n[[beheer]]\nrol = \"zorgverlener\"\ntaken = [\"read_audit\"]\nzorgrelatie = true\nartikel = \"5\"\n"
    );
    let d = single_error(&scoped, "reglement.duty_not_scoped");
    assert!(d.message.contains("read_audit"), "{}", d.message);
    let bad_duty = format!(
        "{MINIMAL}\n[[beheer]]\nrol = \"zorgverlener\"\ntaken = [\"alles\"]\nartikel = \"5\"\n"
    );
    let d = single_error(&bad_duty, "reglement.syntax");
    assert!(
        d.message.contains("list_persons"),
        "lists the duties: {}",
        d.message
    );
    let empty =
        format!("{MINIMAL}\n[[beheer]]\nrol = \"zorgverlener\"\ntaken = []\nartikel = \"5\"\n");
    single_error(&empty, "reglement.no_duties");
}

#[test]
fn a_special_grant_to_a_role_the_product_does_not_minimise_is_named_at_its_key() {
    // `bijzondere_gegevens` lifts the product's minimisation for administratie and planner
    // only; on a caregiver it changes nothing and is an error at the key's value.
    let text = MINIMAL.replace(
        "categorieen = [\"naw\", \"gezondheid\"]\n\n[[bewaartermijnen]]",
        "categorieen = [\"naw\", \"gezondheid\"]\n\n[[verwerkingen.gebruikers]]\nrol = \"zorgverlener\"\nacties = [\"read\"]\nbijzondere_gegevens = true\nartikel = \"2\"\n\n[[bewaartermijnen]]",
    );
    let d = single_error(&text, "reglement.special_grant_without_effect");
    assert_eq!(
        (d.line, d.column),
        position_of(&text, "bijzondere_gegevens = true", 22)
    );
    assert!(d.message.contains("zorgverlener"), "{}", d.message);
    // On the administration, for a rule with a special category, it loads.
    let ok = text.replace("rol = \"zorgverlener\"", "rol = \"administratie\"");
    assert!(load(&ok).is_ok());
    // On the administration without a special category, it is an error again.
    let plain = ok.replace(
        "acties = [\"read\"]\nbijzondere_gegevens",
        "acties = [\"read\"]\ncategorieen = [\"naw\"]\nbijzondere_gegevens",
    );
    single_error(&plain, "reglement.special_grant_without_effect");
}

#[test]
fn transfer_rules_that_cannot_hold_are_errors_at_their_key() {
    let inform = format!(
        "{MINIMAL}\n[overdracht]\nna_overdracht = \"bewaren\"\nontvanger_informeren = true\nartikel = \"9\"\n"
    );
    let d = single_error(&inform, "reglement.transfer_inform_without_erasure");
    assert_eq!(
        (d.line, d.column),
        position_of(&inform, "true\nartikel = \"9\"", 0)
    );
    let none = format!("{MINIMAL}\n[overdracht]\nkanalen = []\nartikel = \"9\"\n");
    let d = single_error(&none, "reglement.transfer_channels_empty");
    assert_eq!((d.line, d.column), position_of(&none, "[]", 0));
    let unknown = format!("{MINIMAL}\n[overdracht]\nkanalen = [\"fax\"]\nartikel = \"9\"\n");
    let d = single_error(&unknown, "reglement.syntax");
    assert_eq!(d.line, position_of(&unknown, "\"fax\"", 0).0);
    assert!(d.message.contains("beveiligde_email"), "{}", d.message);
    let fine = format!(
        "{MINIMAL}\n[overdracht]\nkanalen = [\"persoonlijk\"]\nna_overdracht = \"wissen\"\nontvanger_informeren = true\nartikel = \"9\"\n"
    );
    load(&fine).expect("a transfer in person, erasing after it, is valid");
}

/// The keys of issue 17 (a GP practice, a couples-therapy practice): every error names the line
/// and column of the value at fault.
#[test]
fn the_practice_keys_are_checked_at_their_position() {
    let cases: Vec<(String, &str, &str)> = vec![
        (
            format!(
                "{MINIMAL}\n[[verzoeken]]\ntypes = [\"overdracht\"]\n\
                 uitvoeren_na_ontvangst = \"0 dagen\"\nartikel = \"6.4\"\n"
            ),
            "reglement.execute_from_receipt_zero",
            "\"0 dagen\"",
        ),
        (
            format!(
                "{MINIMAL}\n[[verstrekkingen]]\nontvangers = [\"huisarts\"]\ntoestemming = \"geen\"\n\
                 geldig_vanaf = 2026-10-01\ngeldig_tot = 2026-09-30\nartikel = \"4.10\"\n"
            ),
            "reglement.validity_reversed",
            "2026-09-30",
        ),
        (
            format!(
                "{MINIMAL}\n[[verstrekkingen]]\nontvangers = [\"huisarts\"]\ntoestemming = \"geen\"\n\
                 conflict_van_plichten = true\nartikel = \"2.7\"\n"
            ),
            "reglement.conflict_of_duties_without_consent",
            "true",
        ),
        (
            format!(
                "{MINIMAL}\n[[verstrekkingen]]\nontvangers = [\"huisarts\"]\ntoestemming = \"geen\"\n\
                 doelen = [\"Melding GGD\"]\nartikel = \"4.4\"\n"
            ),
            "reglement.invalid_purpose",
            "\"Melding GGD\"",
        ),
        (
            format!("{MINIMAL}\n[[verstrekkingsverboden]]\nartikel = \"4.7\"\n"),
            "reglement.ban_without_scope",
            "\"4.7\"",
        ),
        (
            format!(
                "{MINIMAL}\n[[verstrekkingsverboden]]\nontvangers = [\"comercieel\"]\nartikel = \"4.7\"\n"
            ),
            "reglement.unknown_recipient",
            "\"comercieel\"",
        ),
        (
            format!(
                "{MINIMAL}\n[[verwerkingen]]\nid = \"declaratie\"\nnaam = \"Declaratie\"\n\
                 artikel = \"2.2\"\ndoel = \"Declareren\"\ngrondslag = [\"wettelijke_plicht\"]\n\
                 categorieen = [\"naw\"]\nverwerker_doel = \"declareren\"\n"
            ),
            "reglement.processor_purpose_without_processor",
            "\"declareren\"",
        ),
        (
            format!(
                "{MINIMAL}\n[[bewaartermijnen]]\ncategorieen = [\"naw\"]\ntermijn = \"7 jaar\"\n\
                 vanaf = \"aanmaak\"\nverwerkingen = [\"zorgg\"]\nartikel = \"3.1\"\n"
            ),
            "reglement.unknown_processing",
            "\"zorgg\"",
        ),
        (
            format!(
                "{MINIMAL}\n[[bewaartermijnen]]\ncategorieen = [\"bsn\"]\ntermijn = \"7 jaar\"\n\
                 vanaf = \"aanmaak\"\nverwerkingen = [\"zorg\"]\nartikel = \"3.1\"\n"
            ),
            "reglement.retention_category_outside_processing",
            "\"bsn\"",
        ),
        (
            format!(
                "{MINIMAL}\n[nabestaanden]\ninzage = false\nbeoordelaar = \"huisarts\"\nartikel = \"8\"\n"
            ),
            "reglement.unknown_role",
            "\"huisarts\"",
        ),
        (
            format!("{MINIMAL}\n[klachten]\nkanalen = []\nartikel = \"10\"\n"),
            "reglement.complaint_no_channels",
            "[]",
        ),
        (
            format!("{MINIMAL}\n[gedeeld_dossier]\nartikel = \"4.1\"\n"),
            "reglement.shared_dossier_no_parts",
            "\"4.1\"",
        ),
        (
            format!(
                "{MINIMAL}\n[gedeeld_dossier]\nartikel = \"4.1\"\n[[gedeeld_dossier.delen]]\n\
                 id = \"notities\"\nsoort = \"werkaantekeningen\"\ncategorieen = [\"rapportage\"]\n\
                 artikel = \"4.4\"\n"
            ),
            "reglement.work_notes_in_dossier",
            "\"rapportage\"",
        ),
        (
            format!(
                "{MINIMAL}{WGBO}\n[[bewaartermijnen]]\ncategorieen = [\"naw\"]\ntermijn = \"6 maanden\"\n\
                 vanaf = \"aanmaak\"\ntenzij = \"behandeling\"\nvolgt_dossier = true\nartikel = \"3.2\"\n"
            ),
            "reglement.follows_dossier_conditional",
            "true\nartikel = \"3.2\"",
        ),
        (
            format!(
                "{MINIMAL}{WGBO}\n[[bewaartermijnen]]\ncategorieen = [\"naw\", \"sollicitatie\"]\n\
                 termijn = \"4 weken\"\nvanaf = \"laatste_wijziging\"\nvolgt_dossier = true\nartikel = \"3.3\"\n"
            ),
            "reglement.follows_dossier_ceiling",
            "\"sollicitatie\"",
        ),
        (
            format!(
                "{MINIMAL}\n[[bewaartermijnen]]\ncategorieen = [\"naw\"]\ntermijn = \"7 jaar\"\n\
                 vanaf = \"laatste_wijziging\"\nvolgt_dossier = true\nartikel = \"3.4\"\n"
            ),
            "reglement.follows_dossier_no_dossier_law",
            "true\nartikel = \"3.4\"",
        ),
    ];
    for (text, code, needle) in cases {
        let d = single_error(&text, code);
        assert_eq!(
            (d.line, d.column),
            position_of(&text, needle, 0),
            "{code}: {d:#?}"
        );
        assert_eq!(d.file, "test.toml");
    }
}

/// A retention rule for an unknown processing suggests the closest one.
#[test]
fn an_unknown_processing_gets_a_suggestion() {
    let text = format!(
        "{MINIMAL}\n[[bewaartermijnen]]\ncategorieen = [\"naw\"]\ntermijn = \"7 jaar\"\n\
         vanaf = \"aanmaak\"\nverwerkingen = [\"zorgg\"]\nartikel = \"3.1\"\n"
    );
    let d = single_error(&text, "reglement.unknown_processing");
    assert!(
        d.help.as_deref().is_some_and(|h| h.contains("zorg")),
        "{d:#?}"
    );
}

/// The second worked example in docs/reglement.md (a small GP practice) is valid without a
/// warning and answers as the text there says.
#[test]
fn documented_gp_example_is_valid_and_answers_as_written() {
    use jiff::civil::date;
    use zorgkluis_core::decide::{self, DisclosureFacts, DisclosureQuery, RetentionFacts};
    use zorgkluis_core::vocabulary::{Ground, RequestType, Requester};
    let doc = std::fs::read_to_string(concat!(
        env!("CARGO_MANIFEST_DIR"),
        "/../../docs/reglement.md"
    ))
    .expect("docs/reglement.md");
    let example = doc
        .split("## Second worked example")
        .nth(1)
        .and_then(|rest| rest.split("```toml\n").nth(1))
        .and_then(|block| block.split("```").next())
        .expect("a toml block under ## Second worked example");
    let r = load(example).unwrap_or_else(|d| panic!("{d:#?}"));
    assert!(r.warnings.is_empty(), "{:#?}", r.warnings);

    let transfer =
        decide::request_deadlines(&r, RequestType::Overdracht, date(2026, 1, 31), None).unwrap();
    assert_eq!(transfer.respond_by.date, date(2026, 3, 2));
    assert_eq!(transfer.execute_by.map(|e| e.date), Some(date(2026, 3, 2)));

    let campaign = |on| DisclosureQuery {
        on: Some(on),
        purpose: Some("vaccinatie_uitnodiging"),
    };
    let none = DisclosureFacts::default();
    let during = decide::disclose_on(&r, "ggd", "naw", none, campaign(date(2026, 11, 2))).unwrap();
    assert!(during.allowed && during.objection_blocks);
    assert_eq!(during.articles, vec!["4.10"]);
    let after = decide::disclose_on(&r, "ggd", "naw", none, campaign(date(2027, 1, 4))).unwrap();
    assert!(!after.allowed && after.by_default);
    assert_eq!(after.articles, vec!["4.8"]);
    assert_eq!(after.not_in_force[0].article, "4.10");

    let consent = DisclosureFacts {
        consent: true,
        ..DisclosureFacts::default()
    };
    assert!(
        decide::disclose(&r, "commerciele_partij", "naw", consent)
            .unwrap()
            .banned
    );
    let commercial = DisclosureQuery {
        on: None,
        purpose: Some("commercieel"),
    };
    let pharmacy = decide::disclose_on(&r, "apotheek", "naw", consent, commercial).unwrap();
    assert!(pharmacy.banned && !pharmacy.allowed);
    assert!(
        decide::disclose(&r, "apotheek", "gezondheid", none)
            .unwrap()
            .allowed
    );

    assert!(
        decide::processor_use(&r, "declaratie", "declaratie")
            .unwrap()
            .allowed
    );
    let marketing = decide::processor_use(&r, "declaratie", "marketing").unwrap();
    assert!(!marketing.allowed);
    assert!(
        marketing
            .articles
            .contains(&"AVG art. 28 lid 10".to_owned())
    );

    let recorded = RetentionFacts {
        created: Some(date(2026, 3, 2)),
        ..RetentionFacts::default()
    };
    let declared = decide::retention_in(&r, "declaratie", "bsn", recorded).unwrap();
    assert_eq!(declared.retain_until, Some(date(2033, 12, 31)));
    let dossier = decide::retention_in(&r, "medisch_dossier", "bsn", recorded).unwrap();
    assert_eq!(dossier.retain_until, Some(date(2046, 3, 2)));
    let any = decide::retention(&r, "bsn", recorded).unwrap();
    assert_eq!(any.retain_until, dossier.retain_until);

    let registered = RetentionFacts {
        created: Some(date(2026, 1, 10)),
        ..RetentionFacts::default()
    };
    let waiting = decide::retention(&r, "aanmelding", registered).unwrap();
    assert_eq!(waiting.retain_until, Some(date(2026, 7, 10)));
    let treated = RetentionFacts {
        last_treatment: Some(date(2026, 2, 1)),
        ..registered
    };
    let kept = decide::retention(&r, "aanmelding", treated).unwrap();
    assert_eq!(kept.retain_until, Some(date(2046, 2, 1)));

    let heir = decide::RepresentFacts {
        request: RequestType::Inzage,
        requester: Requester::Nabestaande,
        subject_born: date(1940, 2, 1),
        on: date(2026, 3, 2),
        subject_deceased: Some(date(2026, 1, 10)),
        ground: Some(Ground::ZwaarwegendBelang),
        authorisation: false,
    };
    let a = decide::represent(&r, &heir, Lang::En).unwrap();
    assert!(a.allowed);
    assert!(
        a.articles
            .contains(&"art. 7:458a lid 1 sub c BW".to_owned())
    );
    assert!(
        a.also_needed
            .iter()
            .any(|n| n.contains("the judgement of General practitioner"))
    );
}
