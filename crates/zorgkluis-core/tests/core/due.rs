//! Retention per record as of a date: due, kept, held or extended, and the extensions the
//! reglement (consent) or the dossier law (the caregiver's judgement) allow.

use jiff::civil::date;
use zorgkluis_core::decide::{
    DecisionError, DueStatus, Extension, RetentionFacts, extension_allowed, retention_due,
};
use zorgkluis_core::vocabulary::ExtensionGround;
use zorgkluis_core::{Lang, Reglement};

fn seed(name: &str) -> Reglement {
    let path = format!("{}/../../reglementen/{name}", env!("CARGO_MANIFEST_DIR"));
    let text = std::fs::read_to_string(&path).expect("seed");
    Reglement::load(name, &text, Lang::Nl).expect("valid seed")
}

/// A health record made and last changed on 1 March 2000.
const OLD: RetentionFacts = RetentionFacts {
    created: Some(date(2000, 3, 1)),
    last_change: Some(date(2000, 3, 1)),
    care_ended: None,
    legal_hold: false,
    as_of: None,
    last_treatment: None,
};

#[test]
fn a_record_is_kept_until_its_term_ends_and_due_the_day_after() {
    let r = seed("bg-wonen.toml");
    let kept = retention_due(&r, "gezondheid", OLD, None, date(2020, 3, 1)).unwrap();
    assert_eq!(kept.status, DueStatus::Kept);
    assert_eq!(kept.destroy_by, None);
    let due = retention_due(&r, "gezondheid", OLD, None, date(2020, 3, 2)).unwrap();
    assert_eq!(due.status, DueStatus::Due);
    assert_eq!(due.retain_until, Some(date(2020, 3, 1)));
    // BG wonen 3.4: within three months.
    assert_eq!(due.destroy_by, Some(date(2020, 6, 1)));
    assert!(!due.overdue);
    assert!(
        retention_due(&r, "gezondheid", OLD, None, date(2020, 6, 2))
            .unwrap()
            .overdue
    );
    let held = RetentionFacts {
        legal_hold: true,
        ..OLD
    };
    assert_eq!(
        retention_due(&r, "gezondheid", held, None, date(2030, 1, 1))
            .unwrap()
            .status,
        DueStatus::Held
    );
}

#[test]
fn the_law_of_the_day_asked_binds_a_shorter_reglement_term() {
    // Alpo zorg keeps 10 years from creation; on 1 June 2026 the WGBO's 20 years from the
    // last change govern, so a record of 2010 is not due.
    let r = seed("alpo-zorg.toml");
    let facts = RetentionFacts {
        created: Some(date(2010, 1, 4)),
        last_change: Some(date(2010, 1, 4)),
        ..OLD
    };
    let d = retention_due(&r, "gezondheid", facts, None, date(2026, 6, 1)).unwrap();
    assert_eq!(d.status, DueStatus::Kept, "{d:?}");
    assert_eq!(d.retain_until, Some(date(2030, 1, 4)));
    assert!(
        d.articles.iter().any(|a| a == "art. 7:454 lid 3 BW"),
        "{:?}",
        d.articles
    );
}

#[test]
fn consent_extends_where_the_reglement_allows_it_and_never_a_maximum() {
    let r = seed("bg-wonen.toml");
    // BG wonen 3.4 says verlengbaar_met_toestemming (3.6).
    assert_eq!(
        extension_allowed(&r, "gezondheid", ExtensionGround::Toestemming).unwrap(),
        "3.4"
    );
    let ext = Extension {
        until: date(2025, 3, 1),
        ground: ExtensionGround::Toestemming,
        decided_by: "dir-1".into(),
        reason_given: false,
    };
    let d = retention_due(&r, "gezondheid", OLD, Some(&ext), date(2024, 1, 1)).unwrap();
    assert_eq!(d.status, DueStatus::Extended);
    assert_eq!(d.retain_until, Some(date(2025, 3, 1)));
    // Past the extension: due, with the window counted from its end.
    let d = retention_due(&r, "gezondheid", OLD, Some(&ext), date(2025, 3, 2)).unwrap();
    assert_eq!(d.status, DueStatus::Due);
    assert_eq!(d.destroy_by, Some(date(2025, 6, 1)));
    // Camera footage: the four weeks stay strict.
    assert!(matches!(
        extension_allowed(&r, "camerabeelden", ExtensionGround::Toestemming),
        Err(DecisionError::ExtensionNotAllowed { .. })
    ));
}

#[test]
fn the_caregivers_judgement_extends_the_medical_record_with_a_reason() {
    let r = seed("bg-wonen.toml");
    assert_eq!(
        extension_allowed(&r, "gezondheid", ExtensionGround::OordeelHulpverlener).unwrap(),
        "art. 7:454 lid 3 BW"
    );
    // Not for fiscal records: no dossier law gives the caregiver that judgement there.
    assert!(extension_allowed(&r, "financieel", ExtensionGround::OordeelHulpverlener).is_err());
    let without = Extension {
        until: date(2030, 1, 1),
        ground: ExtensionGround::OordeelHulpverlener,
        decided_by: "zorg-1".into(),
        reason_given: false,
    };
    let e = retention_due(&r, "gezondheid", OLD, Some(&without), date(2026, 1, 1)).unwrap_err();
    assert!(
        matches!(e, DecisionError::ExtensionWithoutReason { .. }),
        "{e}"
    );
    assert!(e.message(Lang::Nl).contains("reden"));
    let with = Extension {
        reason_given: true,
        ..without
    };
    let d = retention_due(&r, "gezondheid", OLD, Some(&with), date(2026, 1, 1)).unwrap();
    assert_eq!(d.status, DueStatus::Extended);
    assert!(d.articles.contains(&"art. 7:454 lid 3 BW".to_owned()));
}

/// BG wonen with a category for registrations that did not (yet) lead to care, kept six
/// months unless a treatment follows, and otherwise fifteen years from the last treatment:
/// a rule other Dutch practices write ("zes maanden, tenzij een behandeling volgt").
fn with_registrations(rules: &str) -> Result<Reglement, Vec<zorgkluis_core::Diagnostic>> {
    let path = format!(
        "{}/../../reglementen/bg-wonen.toml",
        env!("CARGO_MANIFEST_DIR")
    );
    let text = std::fs::read_to_string(&path).expect("seed").replace(
        "[taxonomie.categorieen.camerabeelden]",
        "[taxonomie.categorieen.aanmelding]\nnl = \"Aanmelding\"\nen = \"Registration\"\n\n\
         [taxonomie.categorieen.camerabeelden]",
    );
    Reglement::load("aanmelding.toml", &format!("{text}\n{rules}"), Lang::Nl)
}

const SIX_MONTHS_UNLESS_TREATED: &str = r#"
[[bewaartermijnen]]
categorieen = ["aanmelding"]
termijn = "6 maanden"
vanaf = "aanmaak"
tenzij = "behandeling"
artikel = "9.1"
"#;

const FIFTEEN_YEARS_FROM_TREATMENT: &str = r#"
[[bewaartermijnen]]
categorieen = ["aanmelding"]
termijn = "15 jaar"
vanaf = "laatste_behandeling"
artikel = "9.2"
"#;

#[test]
fn six_months_unless_a_treatment_follows_then_the_other_rule_governs() {
    let r = with_registrations(&format!(
        "{SIX_MONTHS_UNLESS_TREATED}{FIFTEEN_YEARS_FROM_TREATMENT}"
    ))
    .expect("valid");
    let registered = RetentionFacts {
        created: Some(date(2026, 1, 5)),
        last_change: Some(date(2026, 1, 5)),
        ..RetentionFacts::default()
    };
    // No treatment followed: six months from the registration (9.1), then due.
    let kept = retention_due(&r, "aanmelding", registered, None, date(2026, 7, 5)).unwrap();
    assert_eq!(kept.status, DueStatus::Kept);
    assert_eq!(kept.retain_until, Some(date(2026, 7, 5)));
    assert!(
        kept.articles.contains(&"9.1".to_owned()),
        "{:?}",
        kept.articles
    );
    assert!(
        !kept.articles.contains(&"9.2".to_owned()),
        "{:?}",
        kept.articles
    );
    let due = retention_due(&r, "aanmelding", registered, None, date(2026, 7, 6)).unwrap();
    assert_eq!(due.status, DueStatus::Due);
    // A treatment followed on 1 February: the six months no longer apply; fifteen years from
    // the last treatment do (9.2).
    let treated = RetentionFacts {
        last_treatment: Some(date(2026, 2, 1)),
        ..registered
    };
    let kept = retention_due(&r, "aanmelding", treated, None, date(2026, 7, 6)).unwrap();
    assert_eq!(kept.status, DueStatus::Kept);
    assert_eq!(kept.retain_until, Some(date(2041, 2, 1)));
    assert!(
        kept.articles.contains(&"9.2".to_owned()),
        "{:?}",
        kept.articles
    );
    assert!(
        !kept.articles.contains(&"9.1".to_owned()),
        "{:?}",
        kept.articles
    );
}

#[test]
fn a_rule_counted_from_the_last_treatment_waits_for_one() {
    let r = with_registrations(&format!(
        "{SIX_MONTHS_UNLESS_TREATED}{FIFTEEN_YEARS_FROM_TREATMENT}"
    ))
    .expect("valid");
    // A treatment recorded before the registration does not follow it: the six months run.
    let earlier = RetentionFacts {
        created: Some(date(2026, 3, 1)),
        last_treatment: Some(date(2025, 6, 1)),
        ..RetentionFacts::default()
    };
    let answer = retention_due(&r, "aanmelding", earlier, None, date(2026, 4, 1)).unwrap();
    assert_eq!(answer.retain_until, Some(date(2026, 9, 1)));
    // Only the rule from the last treatment, and none recorded: pending, naming its start.
    let only_from_treatment = with_registrations(FIFTEEN_YEARS_FROM_TREATMENT).expect("valid");
    let pending = retention_due(
        &only_from_treatment,
        "aanmelding",
        RetentionFacts {
            created: Some(date(2026, 3, 1)),
            ..RetentionFacts::default()
        },
        None,
        date(2030, 1, 1),
    )
    .unwrap();
    assert_eq!(pending.status, DueStatus::Pending);
    assert_eq!(
        pending.retention.pending.as_deref(),
        Some("laatste_behandeling")
    );
}

#[test]
fn a_category_with_only_conditional_rules_is_an_error_naming_it() {
    let errors = with_registrations(SIX_MONTHS_UNLESS_TREATED).unwrap_err();
    let error = errors
        .iter()
        .find(|d| d.code == "reglement.retention_only_conditional")
        .unwrap_or_else(|| panic!("{errors:#?}"));
    assert!(error.message.contains("aanmelding"), "{error:?}");
    assert!(error.message.contains("tenzij"), "{error:?}");
}
