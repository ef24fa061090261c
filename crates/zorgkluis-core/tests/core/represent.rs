//! Who may file a data subject request: the WGBO and Jeugdwet ages, curatele and mentorschap,
//! a written proxy, heirs after the death, and a reglement that differs from the law.

use jiff::civil::{Date, date};
use proptest::prelude::*;
use zorgkluis_core::decide::{
    DecisionError, RepresentAnswer, RepresentFacts, age_on, care_laws, represent,
};
use zorgkluis_core::vocabulary::{Ground, RequestType, Requester};
use zorgkluis_core::{Lang, Reglement};

fn seed(name: &str) -> Reglement {
    let path = format!("{}/../../reglementen/{name}", env!("CARGO_MANIFEST_DIR"));
    let text = std::fs::read_to_string(&path).expect("seed");
    Reglement::load(name, &text, Lang::Nl).expect("valid seed")
}

/// A small reglement without any care law (welfare work), with its own age and heirs rule.
fn welfare(age: u8, heirs: &str) -> Reglement {
    let text = format!(
        r#"formaat = 1

[organisatie]
naam = "Welzijn Voorbeeld"
verantwoordelijke = "Directie"
wettelijk_kader = ["AVG", "Wmo"]

[versie]
nummer = "1"
vastgesteld = 2026-01-01
in_werking = 2026-01-01

[[verwerkingen]]
id = "hulp"
naam = "Hulpverlening"
artikel = "2"
doel = "Hulp en begeleiding"
grondslag = ["overeenkomst"]
betrokkenen = ["client"]
categorieen = ["naw"]

[[bewaartermijnen]]
categorieen = ["naw"]
termijn = "2 jaar"
vanaf = "einde_zorg"
artikel = "3"

[vertegenwoordiging]
leeftijd = {age}
artikel = "1.4"
{heirs}
"#
    );
    Reglement::load("welzijn.toml", &text, Lang::Nl).expect("valid")
}

fn facts(requester: Requester, born: Date, on: Date) -> RepresentFacts {
    RepresentFacts {
        request: RequestType::Inzage,
        requester,
        subject_born: born,
        on,
        subject_deceased: None,
        ground: None,
        authorisation: false,
    }
}

fn ask(r: &Reglement, f: RepresentFacts) -> RepresentAnswer {
    represent(r, &f, Lang::Nl).expect("answer")
}

const ON: Date = date(2026, 3, 2);

#[test]
fn an_adult_subject_files_himself_citing_the_right() {
    let a = ask(
        &seed("alpo-zorg.toml"),
        facts(Requester::Betrokkene, date(1980, 5, 1), ON),
    );
    assert!(a.allowed);
    assert!(a.also_needed.is_empty());
    assert_eq!(a.articles, ["art. 7:456 BW", "AVG art. 15"]);
    assert!(a.reason.contains("45 jaar"), "{}", a.reason);
}

#[test]
fn a_parent_of_a_ten_year_old_files_for_the_child() {
    let a = ask(
        &seed("alpo-zorg.toml"),
        facts(Requester::Ouder, date(2016, 1, 10), ON),
    );
    assert!(a.allowed, "{}", a.reason);
    assert_eq!(a.articles, ["art. 7:465 lid 1 BW"]);
    assert!(a.also_needed.is_empty());
}

#[test]
fn a_parent_of_a_fourteen_year_old_files_with_the_judgement_and_the_minors_rights_kept() {
    let a = ask(
        &seed("alpo-zorg.toml"),
        facts(Requester::Ouder, date(2012, 1, 10), ON),
    );
    assert!(a.allowed);
    assert!(a.articles.contains(&"art. 7:450 lid 2 BW".to_owned()));
    assert_eq!(a.also_needed.len(), 2, "{:?}", a.also_needed);
    assert!(a.also_needed[0].contains("goed hulpverlener"));
    assert!(a.also_needed[1].contains("eigen rechten"));
}

#[test]
fn a_parent_of_a_seventeen_year_old_needs_the_minors_consent() {
    let r = seed("alpo-zorg.toml");
    let without = ask(&r, facts(Requester::Ouder, date(2009, 1, 10), ON));
    assert!(!without.allowed);
    assert_eq!(
        without.also_needed,
        ["schriftelijke toestemming van de minderjarige"]
    );
    assert!(without.reason.contains("zelf in"), "{}", without.reason);
    assert!(without.articles.contains(&"art. 7:447 BW".to_owned()));
    let with = ask(
        &r,
        RepresentFacts {
            authorisation: true,
            ..facts(Requester::Ouder, date(2009, 1, 10), ON)
        },
    );
    assert!(with.allowed, "{}", with.reason);
}

#[test]
fn a_child_of_ten_cannot_file_alone_but_one_of_twelve_can() {
    let r = seed("bg-wonen.toml");
    let ten = ask(&r, facts(Requester::Betrokkene, date(2016, 1, 10), ON));
    assert!(!ten.allowed);
    assert!(ten.reason.contains("onder 12 jaar"), "{}", ten.reason);
    // BG wonen names both the WGBO and the Jeugdwet: both are cited.
    assert!(ten.articles.contains(&"art. 7:465 lid 1 BW".to_owned()));
    assert!(ten.articles.contains(&"art. 7.3.10 Jeugdwet".to_owned()));
    let twelve = ask(&r, facts(Requester::Betrokkene, date(2014, 1, 10), ON));
    assert!(twelve.allowed, "{}", twelve.reason);
}

#[test]
fn the_twelfth_and_sixteenth_birthdays_are_the_boundaries() {
    let r = seed("alpo-zorg.toml");
    let born = date(2010, 3, 2);
    let day_before_12 = ask(&r, facts(Requester::Betrokkene, born, date(2022, 3, 1)));
    let on_12 = ask(&r, facts(Requester::Betrokkene, born, date(2022, 3, 2)));
    assert!(!day_before_12.allowed);
    assert!(on_12.allowed);
    let day_before_16 = ask(&r, facts(Requester::Ouder, born, date(2026, 3, 1)));
    let on_16 = ask(&r, facts(Requester::Ouder, born, date(2026, 3, 2)));
    assert!(day_before_16.allowed, "{}", day_before_16.reason);
    assert!(!on_16.allowed, "{}", on_16.reason);
}

#[test]
fn a_leap_day_child_turns_a_year_older_on_the_first_of_march() {
    let r = seed("alpo-zorg.toml");
    // The 12th and 16th birthdays of a leap-day child fall on a 29 February.
    let born = date(2012, 2, 29);
    assert_eq!(age_on(born, date(2024, 2, 28)), 11);
    assert_eq!(age_on(born, date(2024, 2, 29)), 12);
    let parent = |born, on| ask(&r, facts(Requester::Ouder, born, on));
    assert!(parent(born, date(2028, 2, 28)).allowed, "15 on 28 February");
    assert!(
        !parent(born, date(2028, 2, 29)).allowed,
        "16 on 29 February"
    );
    // In a year without 29 February the year turns on 1 March, not on 28 February.
    assert_eq!(age_on(born, date(2027, 2, 28)), 14);
    assert_eq!(age_on(born, date(2027, 3, 1)), 15);
    let born = date(2008, 2, 29);
    let curator = |on| {
        ask(
            &r,
            RepresentFacts {
                ground: Some(Ground::Curatele),
                ..facts(Requester::Curator, born, on)
            },
        )
    };
    let feb_28 = curator(date(2026, 2, 28));
    assert!(!feb_28.allowed, "still 17: {}", feb_28.reason);
    assert!(feb_28.reason.contains("17 jaar"), "{}", feb_28.reason);
    assert!(curator(date(2026, 3, 1)).allowed, "18 on 1 March 2026");
}

#[test]
fn a_curator_acts_for_an_adult_under_curatele() {
    let r = seed("alpo-zorg.toml");
    let f = RepresentFacts {
        ground: Some(Ground::Curatele),
        ..facts(Requester::Curator, date(1960, 1, 10), ON)
    };
    let a = ask(&r, f);
    assert!(a.allowed, "{}", a.reason);
    assert_eq!(a.articles, ["art. 7:465 lid 2 BW"]);
    assert!(a.also_needed[0].contains("redelijke waardering"));
    // A mentor is not a curator.
    let mentor = ask(
        &r,
        RepresentFacts {
            ground: Some(Ground::Curatele),
            ..facts(Requester::Mentor, date(1960, 1, 10), ON)
        },
    );
    assert!(!mentor.allowed);
    // Nor is anyone a curator of a minor.
    let minor = ask(
        &r,
        RepresentFacts {
            ground: Some(Ground::Curatele),
            ..facts(Requester::Curator, date(2010, 1, 10), ON)
        },
    );
    assert!(!minor.allowed);
}

#[test]
fn beschermingsbewind_gives_no_right_to_the_medical_file() {
    let r = seed("alpo-zorg.toml");
    let a = ask(
        &r,
        RepresentFacts {
            ground: Some(Ground::Beschermingsbewind),
            ..facts(Requester::Curator, date(1960, 1, 10), ON)
        },
    );
    assert!(!a.allowed);
    assert!(a.reason.contains("Beschermingsbewind"), "{}", a.reason);
    assert!(a.reason.contains("medisch"), "{}", a.reason);
    assert!(a.articles.contains(&"art. 1:431 BW".to_owned()));
    // The subject under bewind files himself.
    let own = ask(
        &r,
        RepresentFacts {
            ground: Some(Ground::Beschermingsbewind),
            ..facts(Requester::Betrokkene, date(1960, 1, 10), ON)
        },
    );
    assert!(own.allowed);
}

#[test]
fn a_written_proxy_needs_the_authorisation() {
    let r = seed("bg-wonen.toml");
    let without = ask(&r, facts(Requester::Gemachtigde, date(1970, 1, 1), ON));
    assert!(!without.allowed);
    assert!(without.reason.contains("machtiging"), "{}", without.reason);
    assert_eq!(
        without.also_needed,
        ["een schriftelijke machtiging van de betrokkene"]
    );
    let with = ask(
        &r,
        RepresentFacts {
            authorisation: true,
            ..facts(Requester::Gemachtigde, date(1970, 1, 1), ON)
        },
    );
    assert!(with.allowed);
    assert!(with.articles.contains(&"art. 7:465 lid 3 BW".to_owned()));
}

fn heir(ground: Option<Ground>) -> RepresentFacts {
    RepresentFacts {
        subject_deceased: Some(date(2025, 11, 1)),
        ground,
        ..facts(Requester::Nabestaande, date(1940, 1, 10), ON)
    }
}

#[test]
fn an_heir_on_a_ground_of_the_seeds_nabestaanden() {
    let r = seed("bg-wonen.toml");
    let a = ask(&r, heir(Some(Ground::VastgelegdVoorOverlijden)));
    assert!(a.allowed, "{}", a.reason);
    assert!(
        a.articles
            .contains(&"art. 7:458a lid 1 sub a BW".to_owned())
    );
    assert!(a.also_needed[0].contains("vastgelegde toestemming"));
    // No ground: refused, naming the grounds that apply here.
    let none = ask(&r, heir(None));
    assert!(!none.allowed);
    assert!(
        none.reason.contains("zwaarwegend_belang"),
        "{}",
        none.reason
    );
    // Heirs may see, not correct.
    let correct = ask(
        &r,
        RepresentFacts {
            request: RequestType::Correctie,
            ..heir(Some(Ground::ZwaarwegendBelang))
        },
    );
    assert!(!correct.allowed);
}

#[test]
fn the_law_gives_heirs_what_a_youth_care_seed_leaves_out() {
    // Rondomzorg 2.9 as it stood before the seed review, with no exceptions; art. 7.3.12a
    // Jeugdwet gives a weighty interest all the same.
    let path = format!(
        "{}/../../reglementen/rondomzorg.toml",
        env!("CARGO_MANIFEST_DIR")
    );
    let text = std::fs::read_to_string(&path).expect("seed");
    let listed = r#"uitzonderingen = ["vastgelegd_voor_overlijden", "zwaarwegend_belang", "gezag_overleden_minderjarige"]"#;
    assert!(
        text.contains(listed),
        "the seed names the Jeugdwet's grounds"
    );
    let before = text.replace(listed, "uitzonderingen = []");
    let r = Reglement::load("rondomzorg.toml", &before, Lang::Nl).expect("valid");
    let named = ask(
        &seed("rondomzorg.toml"),
        heir(Some(Ground::ZwaarwegendBelang)),
    );
    assert!(named.allowed, "{}", named.reason);
    assert!(
        !named.reason.contains("de wet geeft hem wel"),
        "{}",
        named.reason
    );
    let a = ask(&r, heir(Some(Ground::ZwaarwegendBelang)));
    assert!(a.allowed, "{}", a.reason);
    assert!(
        a.articles
            .contains(&"art. 7.3.12a lid 1 sub b Jeugdwet".to_owned())
    );
    assert!(a.reason.contains("de wet geeft hem wel"), "{}", a.reason);
    // The Jeugdwet has no incident ground, and Rondomzorg none of its own.
    let incident = ask(&r, heir(Some(Ground::MedischeFout)));
    assert!(!incident.allowed);
}

#[test]
fn presumed_consent_is_no_ground_of_the_law() {
    let r = seed("alpo-zorg.toml");
    let a = ask(&r, heir(Some(Ground::PresumedConsent)));
    assert!(!a.allowed, "{}", a.reason);
}

#[test]
fn parents_of_a_child_who_died_before_sixteen() {
    let r = seed("alpo-zorg.toml");
    let child = RepresentFacts {
        subject_deceased: Some(date(2025, 6, 1)),
        ..facts(Requester::Ouder, date(2012, 1, 10), ON)
    };
    let a = ask(&r, child);
    assert!(a.allowed, "{}", a.reason);
    assert!(a.articles.contains(&"art. 7:458a lid 2 BW".to_owned()));
    assert!(a.also_needed[0].contains("goed hulpverlener"));
    let older = RepresentFacts {
        subject_born: date(2008, 1, 10),
        ..child
    };
    assert!(!ask(&r, older).allowed);
}

#[test]
fn the_dead_file_nothing_and_representation_ends() {
    let r = seed("alpo-zorg.toml");
    let own = ask(
        &r,
        RepresentFacts {
            subject_deceased: Some(date(2025, 11, 1)),
            ..facts(Requester::Betrokkene, date(1940, 1, 10), ON)
        },
    );
    assert!(!own.allowed);
    let proxy = ask(
        &r,
        RepresentFacts {
            subject_deceased: Some(date(2025, 11, 1)),
            authorisation: true,
            ..facts(Requester::Gemachtigde, date(1940, 1, 10), ON)
        },
    );
    assert!(!proxy.allowed);
    assert!(proxy.articles.contains(&"art. 3:72 BW".to_owned()));
    // And an heir of the living is no heir.
    let alive = ask(&r, facts(Requester::Nabestaande, date(1940, 1, 10), ON));
    assert!(!alive.allowed);
}

#[test]
fn without_a_care_law_the_reglement_sets_the_age_and_the_heirs_rule() {
    let r = welfare(
        14,
        "[nabestaanden]\ninzage = false\nuitzonderingen = [\"vastgelegd_voor_overlijden\"]\nartikel = \"5\"\n",
    );
    assert!(!care_laws(&r.file).any());
    // Parents of a 15-year-old need consent here: the reglement's own 14.
    let fifteen = ask(&r, facts(Requester::Ouder, date(2010, 6, 1), ON));
    assert!(!fifteen.allowed, "{}", fifteen.reason);
    assert!(fifteen.articles.contains(&"1.4".to_owned()));
    let thirteen = ask(&r, facts(Requester::Ouder, date(2012, 6, 1), ON));
    assert!(thirteen.allowed);
    // Heirs: only what the reglement lists; no weighty interest without a care law.
    assert!(ask(&r, heir(Some(Ground::VastgelegdVoorOverlijden))).allowed);
    let weighty = ask(&r, heir(Some(Ground::ZwaarwegendBelang)));
    assert!(!weighty.allowed);
    assert!(weighty.articles.contains(&"AVG overweging 27".to_owned()));
    // A care-law seed with another age keeps the law's 16, and says so.
    let alpo = seed("alpo-zorg.toml");
    assert!(care_laws(&alpo.file).wgbo);
}

#[test]
fn the_employee_files_through_the_teamleider_where_the_seed_says_so() {
    let a = ask(
        &seed("aanzien.toml"),
        facts(Requester::Betrokkene, date(1985, 4, 4), ON),
    );
    assert!(a.allowed);
    assert!(a.reason.contains("teamleider"), "{}", a.reason);
    assert!(a.reason.contains("medewerker"), "{}", a.reason);
}

#[test]
fn english_reasons_with_lang_en() {
    let r = seed("alpo-zorg.toml");
    let a = represent(
        &r,
        &facts(Requester::Ouder, date(2012, 1, 10), ON),
        Lang::En,
    )
    .expect("answer");
    assert!(a.reason.starts_with("For a minor of 14"), "{}", a.reason);
    assert!(a.also_needed[0].contains("good care provider"));
}

#[test]
fn impossible_dates_are_errors_naming_the_option() {
    let r = seed("alpo-zorg.toml");
    let unborn = represent(
        &r,
        &facts(Requester::Betrokkene, date(2027, 1, 1), ON),
        Lang::Nl,
    );
    assert!(matches!(
        unborn,
        Err(DecisionError::FactsOutOfOrder {
            earlier: "--subject-born",
            ..
        })
    ));
    let future_death = represent(
        &r,
        &RepresentFacts {
            subject_deceased: Some(date(2027, 1, 1)),
            ..facts(Requester::Nabestaande, date(1950, 1, 1), ON)
        },
        Lang::Nl,
    );
    let Err(e) = future_death else {
        panic!("a death after --on is no fact");
    };
    assert!(e.message(Lang::Nl).contains("--subject-deceased"));
}

#[test]
fn a_reglement_age_outside_12_to_18_is_an_error_at_its_position() {
    let text = std::fs::read_to_string(concat!(
        env!("CARGO_MANIFEST_DIR"),
        "/../../reglementen/bg-wonen.toml"
    ))
    .expect("seed");
    let broken = text.replacen(
        "[vertegenwoordiging]\nleeftijd = 16",
        "[vertegenwoordiging]\nleeftijd = 21",
        1,
    );
    assert_ne!(broken, text);
    let errors = Reglement::load("bg.toml", &broken, Lang::En).expect_err("invalid");
    let e = errors
        .iter()
        .find(|d| d.code == "reglement.representation_age")
        .expect("age error");
    let line = broken[..broken.find("leeftijd = 21").expect("key")]
        .matches('\n')
        .count()
        + 1;
    assert_eq!((e.line, e.column), (line, 12));
    // Another age under the WGBO is a warning: the law's 16 governs.
    let fourteen = text.replacen(
        "[vertegenwoordiging]\nleeftijd = 16",
        "[vertegenwoordiging]\nleeftijd = 14",
        1,
    );
    let r = Reglement::load("bg.toml", &fourteen, Lang::Nl).expect("valid");
    assert!(
        r.warnings
            .iter()
            .any(|w| w.code == "reglement.representation_age_law")
    );
    let a = ask(&r, facts(Requester::Ouder, date(2011, 1, 10), ON));
    assert!(a.allowed, "15 is under the law's 16: {}", a.reason);
    assert!(a.reason.contains("14 jaar"), "{}", a.reason);
    // An unknown care law is an error at its position too.
    let unknown = text.replacen(
        "[vertegenwoordiging]\nleeftijd = 16",
        "[vertegenwoordiging]\ndossierwetten = [\"wmo\"]\nleeftijd = 16",
        1,
    );
    let errors = Reglement::load("bg.toml", &unknown, Lang::En).expect_err("invalid");
    let line = unknown[..unknown.find("dossierwetten").expect("key")]
        .matches('\n')
        .count()
        + 1;
    assert_eq!(errors[0].line, line, "{}", errors[0].message);
}

proptest! {
    /// Any combination of facts gets an answer with a reason and at least one article, never a
    /// panic; dates in an impossible order are errors.
    #[test]
    fn every_combination_is_answered(
        requester in 0..Requester::ALL.len(),
        ground in 0..=Ground::ALL.len(),
        request in 0..RequestType::ALL.len(),
        born in 0i64..40_000,
        age_days in 0i64..40_000,
        died in proptest::option::of(0i64..40_000),
        authorisation: bool,
        seed_index in 0usize..5,
    ) {
        let seeds = ["aanzien.toml", "aliantus.toml", "alpo-zorg.toml", "bg-wonen.toml", "rondomzorg.toml"];
        let r = seed(seeds[seed_index]);
        let base = date(1920, 1, 1);
        let subject_born = base.checked_add(jiff::Span::new().days(born)).expect("date");
        let on = subject_born.checked_add(jiff::Span::new().days(age_days)).expect("date");
        let subject_deceased = died.map(|d| subject_born.checked_add(jiff::Span::new().days(d)).expect("date"));
        let f = RepresentFacts {
            request: RequestType::ALL[request],
            requester: Requester::ALL[requester],
            subject_born,
            on,
            subject_deceased,
            ground: Ground::ALL.get(ground).copied(),
            authorisation,
        };
        match represent(&r, &f, Lang::Nl) {
            Ok(a) => {
                prop_assert!(!a.reason.is_empty());
                prop_assert!(!a.articles.is_empty(), "{}", a.reason);
            }
            Err(e) => prop_assert!(subject_deceased.is_some_and(|d| d > on), "{e}"),
        }
    }
}
