//! Erasure on request, per category: the fiscal seven years (art. 52 lid 4 AWR), the dossier's
//! three months and its exceptions (art. 7:455 BW), a legal hold (art. 17 lid 3 sub e AVG).

use jiff::civil::{Date, date};
use zorgkluis_core::decide::{
    DecisionError, ErasureDecision, ErasureFacts, ErasureOutcome, erasure_decision,
};
use zorgkluis_core::{Lang, Reglement};

fn seed(name: &str) -> Reglement {
    let path = format!("{}/../../reglementen/{name}", env!("CARGO_MANIFEST_DIR"));
    let text = std::fs::read_to_string(&path).expect("seed");
    Reglement::load(name, &text, Lang::Nl).expect("valid seed")
}

const RECEIVED: Date = date(2026, 3, 2);

fn facts(created: Date) -> ErasureFacts {
    ErasureFacts {
        received: RECEIVED,
        created: Some(created),
        last_change: None,
        care_ended: None,
        third_party_interest: false,
        statutory_duty: false,
        legal_hold: false,
    }
}

fn decide(r: &Reglement, category: &str, f: ErasureFacts) -> ErasureDecision {
    erasure_decision(r, category, &f, Lang::Nl).expect("decision")
}

fn ground_ids(d: &ErasureDecision) -> Vec<&str> {
    d.grounds.iter().map(|g| g.id.as_str()).collect()
}

#[test]
fn a_fiscal_record_inside_its_seven_years_is_refused_citing_the_awr() {
    // Recorded in 2022: the seven years run from the end of 2022 to the end of 2029.
    let d = decide(
        &seed("bg-wonen.toml"),
        "financieel",
        facts(date(2022, 5, 10)),
    );
    assert_eq!(d.decision, ErasureOutcome::Refuse);
    assert_eq!(ground_ids(&d), ["fiscale_bewaarplicht"]);
    let g = &d.grounds[0];
    assert!(g.article.contains("art. 52 lid 4 AWR"), "{}", g.article);
    assert!(
        g.article.contains("AVG art. 17 lid 3 sub b"),
        "{}",
        g.article
    );
    // The reglement's own term (BG wonen 8.3) is this obligation, and is cited with it.
    assert!(
        g.articles.iter().any(|a| a.starts_with("8.3")),
        "{:?}",
        g.articles
    );
    // Not the window of destruction after the term (3.5).
    assert!(!g.articles.contains(&"3.5".to_owned()), "{:?}", g.articles);
    assert!(g.reason.contains("31 december 2029"), "{}", g.reason);
    assert_eq!(d.retain_until, Some(date(2029, 12, 31)));
    assert_eq!(d.erase_by, None);
    let text = d.explain(Lang::Nl);
    assert!(text.contains("wordt afgewezen"), "{text}");
    assert!(text.contains("1 januari 2030"), "{text}");
}

#[test]
fn the_seven_years_count_from_the_end_of_the_fiscal_year_of_the_last_change() {
    let r = seed("bg-wonen.toml");
    // Recorded early in 2019: seven years from the recording ended in February 2026, but the
    // year ends the term, so it runs until the end of 2026.
    let d = decide(&r, "financieel", facts(date(2019, 1, 15)));
    assert_eq!(d.decision, ErasureOutcome::Refuse);
    assert_eq!(d.retain_until, Some(date(2026, 12, 31)));
    // A later change moves the start.
    let mut f = facts(date(2017, 6, 1));
    f.last_change = Some(date(2020, 2, 1));
    assert_eq!(
        decide(&r, "financieel", f).retain_until,
        Some(date(2027, 12, 31))
    );
}

#[test]
fn a_fiscal_record_after_its_seven_years_is_granted_within_the_avg_month() {
    let d = decide(
        &seed("bg-wonen.toml"),
        "financieel",
        facts(date(2018, 5, 10)),
    );
    assert_eq!(d.decision, ErasureOutcome::Grant, "{d:?}");
    assert!(d.grounds.is_empty());
    assert!(!d.dossier);
    // Outside the dossier the AVG's month binds, over the reglement's three months (3.8).
    assert_eq!(d.erase_by, Some(date(2026, 4, 2)));
    assert_eq!(d.articles, ["AVG art. 12 lid 3 en art. 17 lid 1"]);
    // BG wonen 3.8 names no ground of its own (a legal duty to keep is the law's ground, art.
    // 17 lid 3 sub b AVG); 1.5's excessive requests are the reglement's, for the handler.
    let ids: Vec<&str> = d.reglement_grounds.iter().map(|g| g.id.as_str()).collect();
    assert_eq!(ids, ["1.5/1"], "{:?}", d.reglement_grounds);
    assert!(d.explain(Lang::Nl).contains("wordt toegewezen"));
}

#[test]
fn care_notes_are_granted_within_the_three_months_of_7_455() {
    let d = decide(
        &seed("bg-wonen.toml"),
        "rapportage",
        facts(date(2024, 9, 1)),
    );
    assert_eq!(d.decision, ErasureOutcome::Grant, "{d:?}");
    assert!(d.dossier);
    assert_eq!(d.erase_by, Some(date(2026, 6, 2)));
    assert!(
        d.articles.iter().any(|a| a == "art. 7:455 lid 1 BW"),
        "{:?}",
        d.articles
    );
    // The WGBO's twenty years are no ground to refuse (art. 7:454 lid 3: "onverminderd 455").
    assert!(
        d.notes.iter().any(|n| n.contains("art. 7:454 lid 3 BW")),
        "{:?}",
        d.notes
    );
}

#[test]
fn a_stricter_reglement_period_governs_the_dossier() {
    // Aliantus erases within one month (Rechten 2), sooner than the law's three.
    let d = decide(
        &seed("aliantus.toml"),
        "rapportage",
        facts(date(2024, 9, 1)),
    );
    assert_eq!(d.erase_by, Some(date(2026, 4, 2)));
    assert_eq!(
        d.articles,
        ["Rechten 2 (AVG art. 12 lid 3 en art. 17 lid 1)"]
    );
}

#[test]
fn hereditary_information_of_interest_to_another_is_refused_citing_7_455_lid_2() {
    let mut f = facts(date(2024, 9, 1));
    f.third_party_interest = true;
    let d = decide(&seed("alpo-zorg.toml"), "erfelijk", f);
    assert_eq!(d.decision, ErasureOutcome::Refuse);
    assert_eq!(ground_ids(&d), ["aanmerkelijk_belang_ander"]);
    assert_eq!(d.grounds[0].articles, ["art. 7:455 lid 2 BW"]);
    assert!(d.grounds[0].reason.contains("aanmerkelijk belang"));
    assert_eq!(d.erase_by, None);
    // Outside the dossier another's interest is no ground under the AVG.
    let d = decide(&seed("alpo-zorg.toml"), "contact", f);
    assert_eq!(d.decision, ErasureOutcome::Grant);
    assert_eq!(d.notes.len(), 1, "{:?}", d.notes);
}

#[test]
fn a_legal_hold_is_refused_citing_17_3_e() {
    let mut f = facts(date(2024, 9, 1));
    f.legal_hold = true;
    let d = decide(&seed("bg-wonen.toml"), "rapportage", f);
    assert_eq!(d.decision, ErasureOutcome::Refuse);
    assert_eq!(ground_ids(&d), ["rechtsvordering"]);
    // With the reglement's own suspension of destruction (3.5).
    assert_eq!(d.grounds[0].articles, ["3.5", "AVG art. 17 lid 3 sub e"]);
    assert!(d.articles.contains(&"AVG art. 17 lid 3 sub e".to_owned()));
}

#[test]
fn a_statutory_duty_cites_the_avg_and_for_the_dossier_the_wgbo() {
    let mut f = facts(date(2024, 9, 1));
    f.statutory_duty = true;
    let r = seed("alpo-zorg.toml");
    let d = decide(&r, "rapportage", f);
    assert_eq!(ground_ids(&d), ["wettelijke_bewaarplicht"]);
    assert_eq!(
        d.grounds[0].articles,
        ["AVG art. 17 lid 3 sub b", "art. 7:455 lid 2 BW"]
    );
    let d = decide(&r, "contact", f);
    assert_eq!(d.grounds[0].articles, ["AVG art. 17 lid 3 sub b"]);
}

#[test]
fn every_ground_that_applies_is_given() {
    let mut f = facts(date(2024, 9, 1));
    f.statutory_duty = true;
    f.legal_hold = true;
    let d = decide(&seed("bg-wonen.toml"), "financieel", f);
    assert_eq!(
        ground_ids(&d),
        [
            "fiscale_bewaarplicht",
            "wettelijke_bewaarplicht",
            "rechtsvordering"
        ]
    );
}

#[test]
fn an_unknown_category_is_named() {
    let e = erasure_decision(
        &seed("bg-wonen.toml"),
        "rapportages",
        &facts(date(2024, 9, 1)),
        Lang::Nl,
    )
    .unwrap_err();
    match &e {
        DecisionError::UnknownId { id, suggestion, .. } => {
            assert_eq!(id, "rapportages");
            assert_eq!(suggestion.as_deref(), Some("rapportage"));
        }
        other => panic!("{other:?}"),
    }
    assert!(e.message(Lang::Nl).contains("rapportages"));
}

#[test]
fn a_fiscal_record_needs_its_date_and_dates_in_order() {
    let r = seed("bg-wonen.toml");
    let mut f = facts(date(2024, 9, 1));
    f.created = None;
    let e = erasure_decision(&r, "financieel", &f, Lang::Nl).unwrap_err();
    assert!(
        matches!(
            e,
            DecisionError::MissingFact {
                fact: "--created",
                ..
            }
        ),
        "{e:?}"
    );
    let mut f = facts(date(2024, 9, 1));
    f.last_change = Some(date(2024, 1, 1));
    let e = erasure_decision(&r, "financieel", &f, Lang::Nl).unwrap_err();
    assert!(matches!(e, DecisionError::FactsOutOfOrder { .. }), "{e:?}");
}
