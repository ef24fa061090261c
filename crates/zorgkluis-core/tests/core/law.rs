//! The law beneath the reglement: statutory minimums over shorter reglement terms (with the law
//! cited and the reglement's own term kept beside it), the law of an earlier date, maximums that
//! stay strict, the AVG month, the breach and complaint clocks, and the warnings of `reglement
//! check` on the seeds.

use jiff::civil::{Date, date};
use zorgkluis_core::decide::{self, DecisionError, RetentionAnswer, RetentionFacts};
use zorgkluis_core::law::{self, Limit, Source};
use zorgkluis_core::register::ProcessingRegister;
use zorgkluis_core::vocabulary::{Anchor, RequestType};
use zorgkluis_core::{Lang, Reglement};

fn seed(name: &str) -> Reglement {
    let path = format!("{}/../../reglementen/{name}", env!("CARGO_MANIFEST_DIR"));
    let text = std::fs::read_to_string(&path).expect("seed");
    Reglement::load(name, &text, Lang::Nl).expect("valid seed")
}

/// A seed as it stood before the seed review, where its own words were looser than the law:
/// the law layer must still answer with the law.
fn seed_before_review(name: &str, now: &str, before: &str) -> Reglement {
    let path = format!("{}/../../reglementen/{name}", env!("CARGO_MANIFEST_DIR"));
    let text = std::fs::read_to_string(&path).expect("seed");
    assert!(text.contains(now), "{name} holds {now:?}");
    Reglement::load(name, &text.replace(now, before), Lang::Nl).expect("valid seed")
}

fn retention(r: &Reglement, category: &str, facts: RetentionFacts) -> RetentionAnswer {
    decide::retention(r, category, facts).expect("an answer")
}

/// A record made on 1 March 2021 and last changed on 15 June 2023.
const FACTS: RetentionFacts = RetentionFacts {
    created: Some(date(2021, 3, 1)),
    last_change: Some(date(2023, 6, 15)),
    care_ended: None,
    legal_hold: false,
    as_of: None,
    last_treatment: None,
};

const WGBO: &str = "art. 7:454 lid 3 BW";

#[test]
fn health_data_is_kept_the_statutory_twenty_years_where_a_seed_says_less() {
    // The law's end: twenty years from the last change, whatever the reglement counts from.
    let law_end = date(2043, 6, 15);
    // (seed, the reglement's own end for gezondheid)
    let shorter = [
        ("aliantus.toml", date(2036, 3, 1)),    // 15 years from creation
        ("alpo-zorg.toml", date(2031, 3, 1)),   // 10 years from creation
        ("rondomzorg.toml", date(2030, 6, 15)), // 7 years from the last change
    ];
    for (name, own) in shorter {
        let a = retention(&seed(name), "gezondheid", FACTS);
        assert_eq!(a.retain_until, Some(law_end), "{name}");
        assert_eq!(a.period, "20 jaar", "{name}");
        assert_eq!(a.from, Anchor::LaatsteWijziging, "{name}");
        assert_eq!(a.articles[0], WGBO, "{name}: {:?}", a.articles);
        let l = &a.law[0];
        assert_eq!(
            (l.limit, l.rule.as_str(), l.article.as_str(), l.source),
            (Limit::Minimum, "wgbo_dossier", WGBO, Source::Wet),
            "{name}"
        );
        assert_eq!(l.in_force, date(2020, 1, 1));
        assert_eq!(l.version, law::VERSION);
        let own_term = a.reglement_term.as_ref().expect("the reglement's own term");
        assert_eq!(own_term.retain_until, Some(own), "{name}");
        let text = a.explain(Lang::Nl);
        assert!(
            text.contains("De wet gaat voor") && text.contains(WGBO),
            "{name}: {text}"
        );
    }
    // Rondomzorg's youth care: the Jeugdwet says the same, and is cited beside the WGBO.
    let a = retention(&seed("rondomzorg.toml"), "hulpvraag", FACTS);
    let rules: Vec<&str> = a.law.iter().map(|l| l.rule.as_str()).collect();
    assert_eq!(rules, ["wgbo_dossier", "jeugdwet_dossier"]);
    assert!(a.articles.contains(&"art. 7.3.8 Jeugdwet".to_owned()));

    // BG wonen writes the law's own term: answered as written, citing its own article.
    let a = retention(&seed("bg-wonen.toml"), "gezondheid", FACTS);
    assert_eq!(a.retain_until, Some(law_end));
    assert_eq!(a.articles, ["3.4", "3.8"]);
    assert!(a.law.is_empty() && a.reglement_term.is_none());

    // Welfare work keeps no medical record: AanZien's client history is answered as written.
    let a = retention(
        &seed("aanzien.toml"),
        "voorgeschiedenis",
        RetentionFacts {
            care_ended: Some(date(2024, 1, 31)),
            ..FACTS
        },
    );
    assert_eq!(a.retain_until, Some(date(2029, 1, 31)));
    assert!(a.law.is_empty());
}

#[test]
fn a_reglement_term_longer_than_the_law_stands() {
    // Alpo's fiscal records: 7 years after the financial year, longer than the AWR's 7 years
    // from the recording.
    let a = retention(&seed("alpo-zorg.toml"), "financieel", FACTS);
    assert_eq!(a.retain_until, Some(date(2030, 12, 31)));
    assert!(a.law.is_empty(), "{:?}", a.law);
}

#[test]
fn an_answer_as_of_a_date_before_2020_applies_the_law_of_then() {
    let alpo = seed("alpo-zorg.toml");
    let facts = RetentionFacts {
        created: Some(date(2010, 3, 1)),
        last_change: Some(date(2012, 1, 1)),
        ..FACTS
    };
    // In 2019 the WGBO said fifteen years from the making: Alpo's ten fell short.
    let a = retention(
        &alpo,
        "gezondheid",
        RetentionFacts {
            as_of: Some(date(2019, 6, 1)),
            ..facts
        },
    );
    assert_eq!(a.retain_until, Some(date(2025, 3, 1)));
    assert_eq!((a.period.as_str(), a.from), ("15 jaar", Anchor::Aanmaak));
    assert_eq!(a.law[0].in_force, date(2005, 4, 1));
    // From 1 January 2020: twenty years from the last change.
    let a = retention(
        &alpo,
        "gezondheid",
        RetentionFacts {
            as_of: Some(date(2020, 1, 1)),
            ..facts
        },
    );
    assert_eq!(a.retain_until, Some(date(2032, 1, 1)));
    // In 2004 the WGBO's own term was ten years from the making: Alpo's ten stood.
    let a = retention(
        &alpo,
        "gezondheid",
        RetentionFacts {
            as_of: Some(date(2004, 6, 1)),
            ..facts
        },
    );
    assert_eq!(a.retain_until, Some(date(2020, 3, 1)));
    assert!(a.law.is_empty());
    // Aliantus's fifteen years from the making were the law until 2020.
    let a = retention(
        &seed("aliantus.toml"),
        "gezondheid",
        RetentionFacts {
            as_of: Some(date(2019, 12, 31)),
            ..facts
        },
    );
    assert_eq!(a.retain_until, Some(date(2025, 3, 1)));
    assert!(a.law.is_empty());
}

/// `volgt_dossier`: name and address take the dossier's statutory term of the day, the same
/// versioned floor the medical categories get, cited after the rule; a category without it
/// keeps the reglement's term.
#[test]
fn a_category_that_follows_the_dossier_takes_the_dossiers_term_of_the_day() {
    let alpo = seed("alpo-zorg.toml");
    let facts = RetentionFacts {
        created: Some(date(2010, 3, 1)),
        last_change: Some(date(2012, 1, 1)),
        ..FACTS
    };
    let on = |day: Date| RetentionFacts {
        as_of: Some(day),
        ..facts
    };
    // 2019: fifteen years from the making, as for the health data.
    let naw = retention(&alpo, "naw", on(date(2019, 6, 1)));
    let health = retention(&alpo, "gezondheid", on(date(2019, 6, 1)));
    assert_eq!(naw.retain_until, Some(date(2025, 3, 1)));
    assert_eq!(naw.retain_until, health.retain_until);
    assert_eq!(naw.law[0].rule, "wgbo_dossier");
    assert_eq!(naw.law[0].in_force, date(2005, 4, 1));
    assert_eq!(naw.articles, ["Bijlage 2 art. 6", "art. 7:454 lid 3 BW"]);
    assert!(naw.follows_dossier && !health.follows_dossier);
    assert!(
        naw.explain(Lang::Nl)
            .contains("Deze gegevens volgen het dossier"),
        "{}",
        naw.explain(Lang::Nl)
    );
    assert!(
        naw.explain(Lang::En)
            .contains("These data follow the dossier")
    );
    assert_eq!(
        naw.reglement_term.as_ref().map(|t| t.period.as_str()),
        Some("10 jaar")
    );
    // Since 2020: twenty years from the last change.
    let naw = retention(&alpo, "naw", on(date(2026, 1, 1)));
    assert_eq!(naw.retain_until, Some(date(2032, 1, 1)));
    assert_eq!(
        (naw.period.as_str(), naw.from),
        ("20 jaar", Anchor::LaatsteWijziging)
    );
    // Without `volgt_dossier` the same rule leaves name and address at the reglement's terms.
    let without = seed_before_review("alpo-zorg.toml", "volgt_dossier = true\n", "");
    let naw = retention(&without, "naw", on(date(2026, 1, 1)));
    assert_eq!(naw.retain_until, Some(date(2020, 3, 1)));
    assert!(naw.law.is_empty());
}

#[test]
fn a_maximum_stays_strict() {
    // BG wonen: four weeks of footage, then the year of 3.5 would keep it 13 months.
    let facts = RetentionFacts {
        created: Some(date(2026, 4, 27)),
        ..RetentionFacts::default()
    };
    // BG wonen 7.1 as it stood before the review, without its own zero-day window.
    let before = seed_before_review(
        "bg-wonen.toml",
        "vernietigen_binnen = \"0 dagen\"\nartikel = \"7.1\"",
        "artikel = \"7.1\"",
    );
    let a = retention(&before, "camerabeelden", facts);
    assert_eq!(a.destroy_by, Some(date(2026, 5, 25)));
    let l = &a.law[0];
    assert_eq!((l.limit, l.source), (Limit::Maximum, Source::Richtsnoer));
    assert_eq!(l.rule, "ap_camerabeelden");
    assert!(a.articles.contains(&l.article), "{:?}", a.articles);
    let own = a.reglement_term.as_ref().expect("own term");
    assert_eq!(own.destroy_by, Some(date(2027, 5, 25)));
    assert!(own.articles.contains(&"3.5".to_owned()));
    let text = a.explain(Lang::Nl);
    assert!(
        text.contains("geen wet"),
        "guidance is cited as guidance: {text}"
    );
    // A recorded incident holds the footage: no destruction date while it lasts.
    let held = retention(
        &seed("bg-wonen.toml"),
        "camerabeelden",
        RetentionFacts {
            legal_hold: true,
            ..facts
        },
    );
    assert_eq!(held.destroy_by, None);
    // Aliantus keeps footage four weeks with no window: as written.
    let a = retention(&seed("aliantus.toml"), "camerabeelden", facts);
    assert_eq!(a.destroy_by, Some(date(2026, 5, 25)));
    assert!(a.law.is_empty());
}

/// A reglement of its own for what the seeds never write: a medical term of the law's length
/// counted from the making, and camera footage kept three months.
const LOOSE: &str = r#"formaat = 1

[organisatie]
naam = "Zorg Voorbeeld"
verantwoordelijke = "Directie"
wettelijk_kader = ["AVG", "WGBO"]

[versie]
nummer = "1"
vastgesteld = 2026-01-01
in_werking = 2026-01-01

[taxonomie.categorieen.camerabeelden]
nl = "Camerabeelden"
en = "Camera footage"

[[verwerkingen]]
id = "zorg"
naam = "Zorg"
artikel = "2"
doel = "Zorg"
grondslag = ["overeenkomst"]
uitzondering_art9 = ["gezondheidszorg"]
categorieen = ["gezondheid", "camerabeelden"]

[[bewaartermijnen]]
categorieen = ["gezondheid"]
termijn = "20 jaar"
vanaf = "aanmaak"
artikel = "5"

[[bewaartermijnen]]
categorieen = ["camerabeelden"]
termijn = "3 maanden"
vanaf = "aanmaak"
artikel = "6"
"#;

#[test]
fn check_warns_where_a_term_is_looser_than_the_law_and_the_answer_follows_the_law() {
    let r = Reglement::load("voorbeeld.toml", LOOSE, Lang::Nl).expect("valid, with warnings");
    let codes: Vec<&str> = r.warnings.iter().map(|d| d.code).collect();
    assert_eq!(
        codes,
        [
            "reglement.retention_start_law",
            "reglement.retention_above_ceiling"
        ]
    );
    let start = &r.warnings[0];
    assert_eq!((start.line, start.column), (28, 11));
    assert!(start.message.contains(WGBO), "{}", start.message);
    // Twenty years from the making would end before twenty from the last change.
    let a = retention(&r, "gezondheid", FACTS);
    assert_eq!(a.retain_until, Some(date(2043, 6, 15)));
    assert_eq!(a.from, Anchor::LaatsteWijziging);
    assert_eq!(
        a.reglement_term.as_ref().and_then(|t| t.retain_until),
        Some(date(2041, 3, 1))
    );
    // Three months of footage: the answer keeps the four weeks.
    let a = retention(
        &r,
        "camerabeelden",
        RetentionFacts {
            created: Some(date(2026, 1, 5)),
            ..RetentionFacts::default()
        },
    );
    assert_eq!(a.retain_until, Some(date(2026, 2, 2)));
    assert_eq!(a.destroy_by, Some(date(2026, 2, 2)));
    assert_eq!(a.period, "4 weken");
}

#[test]
fn the_warnings_of_reglement_check_on_the_seeds() {
    let expected: [(&str, &[&str]); 5] = [
        ("aanzien.toml", &[]),
        (
            // The Geheimhouding/Delen conflict on `zorgaanbieder` is gone since the review.
            "aliantus.toml",
            &["retention_below_wgbo", "retention_below_wgbo"],
        ),
        (
            "alpo-zorg.toml",
            &[
                "retention_below_wgbo",
                "retention_below_wgbo",
                "retention_below_wgbo",
                "retention_below_wgbo",
                "retention_below_wgbo",
                "fee_for_first_copy",
                "recipient_not_registered",
            ],
        ),
        (
            // 7.1's own zero-day window: no destruction window past the camera maximum.
            "bg-wonen.toml",
            &[
                "fee_for_first_copy",
                "respond_beyond_one_month",
                "conflicting_consent",
            ],
        ),
        (
            "rondomzorg.toml",
            &[
                "retention_below_wgbo",
                "retention_below_wgbo",
                "retention_below_wgbo",
                "fee_for_first_copy",
                "respond_beyond_one_month",
            ],
        ),
    ];
    for (name, codes) in expected {
        let r = seed(name);
        let found: Vec<&str> = r
            .warnings
            .iter()
            .map(|d| d.code.trim_start_matches("reglement."))
            .collect();
        assert_eq!(found, codes, "{name}");
        // Every warning of the law layer names the statute and says the answer follows it.
        for d in r
            .warnings
            .iter()
            .filter(|d| d.code == "reglement.retention_below_wgbo")
        {
            let help = d.help.as_deref().unwrap_or_default();
            assert!(
                help.contains(WGBO) && help.contains("volgt de wet"),
                "{name}: {help}"
            );
        }
    }
    let r = seed("rondomzorg.toml");
    let help = r.warnings[0].help.as_deref().unwrap_or_default();
    assert!(help.contains("art. 7.3.8 Jeugdwet"), "{help}");
}

#[test]
fn the_avg_month_is_cited_from_the_law_layer() {
    let month = &law::AVG_RESPONSE[0];
    assert_eq!(month.article, "AVG art. 12 lid 3");
    assert_eq!(month.in_force, date(2018, 5, 25));
    // BG wonen 4.2 says 30 days for an objection: from 1 February 2027 the month ends first
    // (Monday 1 March; the thirty days, Wednesday 3 March) and governs.
    let bg = seed("bg-wonen.toml");
    let a = decide::request_deadlines(&bg, RequestType::Bezwaar, date(2027, 2, 1), None)
        .expect("answer");
    assert_eq!(a.respond_by.date, date(2027, 3, 1));
    assert_eq!(a.respond_by.articles, [month.article]);
    assert_eq!(
        a.respond_by.considered.len(),
        2,
        "the reglement's 30 days considered too"
    );
    // Three months from 1 February 2027: 1 May, a Saturday, so Monday 3 May.
    let extended = a.respond_by_extended.expect("extension");
    assert_eq!(extended.date, date(2027, 5, 3));
    // Where the reglement says nothing of identity, art. 12 lid 6 answers.
    let r = seed("rondomzorg.toml");
    let a = decide::request_deadlines(&r, RequestType::Afscherming, date(2026, 4, 1), None)
        .expect("answer");
    assert_eq!(a.identity_law.as_deref(), Some(law::AVG_IDENTITY));
    assert!(a.explain(Lang::Nl).contains("AVG art. 12 lid 6"));
    let a = decide::request_deadlines(
        &seed("aliantus.toml"),
        RequestType::Inzage,
        date(2026, 4, 1),
        None,
    )
    .expect("answer");
    assert_eq!(a.identity_law, None, "Aliantus states its identity check");
}

#[test]
fn before_the_avg_the_layer_has_no_month() {
    let r = Reglement::load("voorbeeld.toml", LOOSE, Lang::Nl).expect("valid");
    let received = date(2018, 5, 24);
    assert_eq!(
        decide::request_deadlines(&r, RequestType::Inzage, received, None),
        Err(DecisionError::BeforeLaw { date: received })
    );
    let a = decide::request_deadlines(&r, RequestType::Inzage, date(2018, 5, 25), None)
        .expect("the AVG's first day");
    assert_eq!(a.respond_by.date, date(2018, 6, 25));
}

#[test]
fn breach_and_complaint_clocks() {
    let r = seed("bg-wonen.toml");
    // 72 hours are hours: not moved off the Sunday they end on.
    let aware: jiff::Timestamp = "2026-12-24T15:00:00Z".parse().expect("moment");
    let b = decide::breach_deadline(&r, aware).expect("in range");
    assert_eq!(b.notify_ap_by, "2026-12-27T16:00:00+01:00");
    assert!(b.articles.contains(&"AVG art. 33 lid 1".to_owned()));
    // Six weeks from Tuesday 24 March 2026 end on 5 May, a holiday (art. 3 Atw): the 6th.
    let c = decide::complaint_deadline(&r, date(2026, 3, 24), false).expect("in range");
    assert_eq!(c.decide_by, date(2026, 5, 6));
    assert!(c.articles.contains(&"Wkkgz art. 17 lid 1".to_owned()));
    let x = decide::complaint_deadline(&r, date(2026, 3, 24), true).expect("in range");
    assert_eq!(x.decide_by, date(2026, 6, 2));
}

#[test]
fn the_law_answers_the_silences_it_knows() {
    let topics = |s: &str| -> Vec<&str> { law::topics_for(s).iter().map(|t| t.id).collect() };
    assert_eq!(
        topics("Bewaartermijn van camerabeelden (het cameraprotocol ...)"),
        ["camerabeelden"]
    );
    assert_eq!(
        topics("Bewaartermijn van sollicitatiegegevens"),
        ["sollicitatie"]
    );
    // A complaint as a legal hold is not the Wkkgz's complaint term.
    assert!(topics("Opschorting van vernietiging bij een klacht of procedure").is_empty());
    let register = ProcessingRegister::from_reglement(&seed("bg-wonen.toml"), Lang::Nl);
    let camera = register
        .silences
        .iter()
        .find(|s| s.starts_with("Bewaartermijn camerabeelden"))
        .expect("the silence");
    assert!(
        camera.contains("de wettelijke laag: camerabeelden ten hoogste 4 weken"),
        "{camera}"
    );
}

#[test]
fn every_version_table_is_in_date_order() {
    let floors = [
        &law::WGBO_RETENTION,
        &law::JEUGDWET_RETENTION,
        &law::AWR_RETENTION,
    ];
    for f in floors {
        assert!(
            f.versions.windows(2).all(|w| w[0].in_force < w[1].in_force),
            "{}",
            f.id
        );
    }
    let first: Date = law::WGBO_RETENTION.versions[0].in_force;
    assert_eq!(
        law::in_force(
            law::WGBO_RETENTION.versions,
            Some(first.yesterday().expect("day"))
        ),
        None
    );
}
