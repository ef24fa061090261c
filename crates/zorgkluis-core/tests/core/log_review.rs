//! The log review's rules (NEN 7513), each flagging and not flagging, with the day as a
//! parameter.

use jiff::Timestamp;
use jiff::civil::{Date, date};
use zorgkluis_core::diagnostic::Severity;
use zorgkluis_core::log_review::{
    CareSpan, Details, FlagKind, LogFact, LogFacts, LoggedAction, Window, emergency_term, review,
};
use zorgkluis_core::vocabulary::Action;
use zorgkluis_core::{Lang, Reglement};

fn seed() -> String {
    let path = format!(
        "{}/../../reglementen/bg-wonen.toml",
        env!("CARGO_MANIFEST_DIR")
    );
    std::fs::read_to_string(&path).expect("seed")
}

fn load(text: &str) -> Reglement {
    Reglement::load("test.toml", text, Lang::Nl).expect("valid")
}

/// 10:00 in Amsterdam on `day`.
fn at(day: Date) -> Timestamp {
    day.at(10, 0, 0, 0)
        .to_zoned_datetime(zorgkluis_core::time::amsterdam())
        .unwrap()
        .timestamp()
}

fn read(seq: i64, day: Date, user: &str, role: &str, person: &str) -> LogFact {
    LogFact {
        seq,
        at: at(day),
        user: user.into(),
        role: role.into(),
        person: Some(person.into()),
        action: LoggedAction::Data(Action::Read),
        category: Some("gezondheid".into()),
        allowed: true,
        emergency: false,
        articles: vec!["2.2".into()],
        subjects: Vec::new(),
    }
}

fn emergency(seq: i64, day: Date, person: &str) -> LogFact {
    LogFact {
        emergency: true,
        articles: vec!["8.3 (AVG art. 9 lid 2 sub h en lid 3 met UAVG art. 30 lid 3 sub a (zorgverlening); sub c (vitaal belang) alleen als de betrokkene geen toestemming kan geven; NEN 7513 logging)".into()],
        ..read(seq, day, "zorg-2", "zorgverlener", person)
    }
}

fn emergency_review(seq: i64, day: Date, persons: &[&str]) -> LogFact {
    LogFact {
        person: None,
        category: None,
        action: LoggedAction::EmergencyReview,
        subjects: persons.iter().map(|p| (*p).to_owned()).collect(),
        ..read(seq, day, "fg-1", "fg", "")
    }
}

fn window(from: Date, to: Date, today: Date) -> Window {
    Window { from, to, today }
}

#[test]
fn an_emergency_access_unreviewed_past_the_term_is_flagged_and_one_reviewed_in_time_is_not() {
    let r = load(&seed());
    let (term, article) = emergency_term(&r);
    assert_eq!(term.describe(Lang::Nl), "7 dagen", "bg wonen sets none");
    assert!(article.starts_with("productbeleid"), "{article}");
    let facts = LogFacts {
        events: vec![
            emergency(1, date(2026, 3, 2), "p-unreviewed"),
            emergency(2, date(2026, 3, 2), "p-reviewed"),
            emergency_review(3, date(2026, 3, 6), &["p-reviewed"]),
            emergency(4, date(2026, 3, 2), "p-late"),
            emergency_review(5, date(2026, 3, 12), &["p-late"]),
            emergency(6, date(2026, 3, 8), "p-running"),
        ],
        ..LogFacts::default()
    };
    let flags = review(
        &r,
        &facts,
        window(date(2026, 3, 1), date(2026, 3, 13), date(2026, 3, 13)),
    );
    let flagged: Vec<&str> = flags.iter().map(|f| f.persons[0].as_str()).collect();
    assert_eq!(flagged, ["p-unreviewed", "p-late"], "{flags:#?}");
    let f = &flags[0];
    assert_eq!(f.kind, FlagKind::NoodtoegangNietBeoordeeld);
    assert_eq!(f.seqs, [1]);
    assert_eq!(f.due, Some(date(2026, 3, 9)));
    assert_eq!(
        f.reason(Lang::Nl),
        "Noodtoegang op 2 maart 2026 is niet binnen 7 dagen beoordeeld (uiterlijk 9 maart 2026)."
    );
    assert!(f.articles.contains(&"NEN 7513".to_owned()));
    assert!(f.articles.contains(&"AVG art. 32 lid 1 sub d".to_owned()));
    match &flags[1].details {
        Details::NoodtoegangNietBeoordeeld { reviewed_late, .. } => {
            assert_eq!(*reviewed_late, Some(date(2026, 3, 12)))
        }
        other => panic!("{other:?}"),
    }
    // On the last day of the term nothing is late yet.
    let early = review(
        &r,
        &facts,
        window(date(2026, 3, 1), date(2026, 3, 13), date(2026, 3, 9)),
    );
    assert!(early.is_empty(), "{early:#?}");
}

#[test]
fn the_reglements_own_review_term_governs_and_cites_its_article() {
    let text = seed().replace(
        "duur = \"1 dag\"\nartikel = \"8.3\"",
        "duur = \"1 dag\"\nbeoordelen_binnen = \"2 werkdagen\"\nartikel = \"8.3\"",
    );
    let r = load(&text);
    let (term, article) = emergency_term(&r);
    assert_eq!(term.describe(Lang::Nl), "2 werkdagen");
    assert_eq!(article, "8.3");
    // Friday 6 March 2026: two working days end on Tuesday 10 March.
    let facts = LogFacts {
        events: vec![emergency(1, date(2026, 3, 6), "p")],
        ..LogFacts::default()
    };
    let w = |today| window(date(2026, 3, 1), date(2026, 3, 31), today);
    assert!(review(&r, &facts, w(date(2026, 3, 10))).is_empty());
    let flags = review(&r, &facts, w(date(2026, 3, 11)));
    assert_eq!(flags.len(), 1);
    assert!(
        flags[0].articles.contains(&"8.3".to_owned()),
        "{:?}",
        flags[0].articles
    );
}

#[test]
fn a_review_term_that_cannot_be_read_or_met_is_an_error_at_its_place() {
    for (value, code) in [
        ("\"0 dagen\"", "reglement.emergency_review_zero"),
        ("\"een week\"", ""),
    ] {
        let text = seed().replace(
            "duur = \"1 dag\"\nartikel = \"8.3\"",
            &format!("duur = \"1 dag\"\nbeoordelen_binnen = {value}\nartikel = \"8.3\""),
        );
        let errors = Reglement::load("test.toml", &text, Lang::Nl).expect_err(value);
        let e = errors
            .iter()
            .find(|d| d.severity == Severity::Error)
            .expect("an error");
        if !code.is_empty() {
            assert_eq!(e.code, code);
        }
        assert!(e.line > 400, "at the key's line: {e:?}");
    }
}

/// A month of reads: each of three caregivers reads five clients a day; on the last day
/// `zorg-1` reads forty.
fn month(last_day_reads: usize) -> LogFacts {
    let mut events = Vec::new();
    let mut seq = 0;
    let first = date(2026, 3, 1);
    for d in 0..30 {
        let day = first.checked_add(jiff::Span::new().days(d)).unwrap();
        for user in ["zorg-1", "zorg-2", "zorg-3"] {
            let n = if d == 29 && user == "zorg-1" {
                last_day_reads
            } else {
                5
            };
            for p in 0..n {
                seq += 1;
                events.push(read(
                    seq,
                    day,
                    user,
                    "zorgverlener",
                    &format!("{user}-c{p}"),
                ));
                // Reading a client twice is one dossier.
                seq += 1;
                events.push(read(
                    seq,
                    day,
                    user,
                    "zorgverlener",
                    &format!("{user}-c{p}"),
                ));
            }
        }
    }
    LogFacts {
        events,
        ..LogFacts::default()
    }
}

#[test]
fn forty_dossiers_in_a_day_against_a_usual_five_flag_that_user_only() {
    let r = load(&seed());
    let last = date(2026, 3, 30);
    let flags = review(&r, &month(40), window(last, last, last));
    assert_eq!(flags.len(), 1, "{flags:#?}");
    let f = &flags[0];
    assert_eq!(f.kind, FlagKind::OngewoonVeelDossiers);
    assert_eq!(f.user, "zorg-1");
    assert_eq!(f.persons.len(), 40);
    assert_eq!(f.seqs.len(), 80, "every read of the day is named");
    assert_eq!(
        f.details,
        Details::OngewoonVeelDossiers {
            count: 40,
            own_usual: Some(5),
            role_usual: Some(5),
            factor: 3,
            minimum: 10
        }
    );
    assert!(
        f.reason(Lang::Nl).starts_with(
            "40 verschillende dossiers gelezen op 30 maart 2026, tegen gewoonlijk 5 per dag"
        ),
        "{}",
        f.reason(Lang::Nl)
    );
    assert!(
        f.articles.iter().any(|a| a.starts_with("1.9")),
        "{:?}",
        f.articles
    );
    // Reviewing the earlier days finds nothing: five a day is the usual.
    assert!(
        review(
            &r,
            &month(40),
            window(date(2026, 3, 1), date(2026, 3, 29), last)
        )
        .is_empty()
    );
}

#[test]
fn a_busy_day_within_three_times_the_usual_is_not_flagged() {
    let r = load(&seed());
    let last = date(2026, 3, 30);
    assert!(
        review(&r, &month(15), window(last, last, last)).is_empty(),
        "15 is not above 3 × 5"
    );
    assert_eq!(review(&r, &month(16), window(last, last, last)).len(), 1);
}

#[test]
fn without_any_usual_day_nothing_is_compared() {
    let r = load(&seed());
    let day = date(2026, 3, 30);
    let events = (0..40)
        .map(|p| read(p, day, "zorg-9", "zorgverlener", &format!("c{p}")))
        .collect();
    let facts = LogFacts {
        events,
        ..LogFacts::default()
    };
    assert!(review(&r, &facts, window(day, day, day)).is_empty());
}

/// BG wonen with a broad rule: caregivers may read the identification facts of any client.
fn with_broad_rule() -> Reglement {
    let marker = "tekst = \"zorgverleners, die direct betrokken zijn bij de zorgverlening aan de cliënt voor zover noodzakelijk voor de uitoefening van hun taak\"\n";
    let text = seed().replacen(
        marker,
        &format!("{marker}\n[[verwerkingen.gebruikers]]\nrol = \"zorgverlener\"\nacties = [\"read\"]\ncategorieen = [\"naw\"]\nartikel = \"9.9\"\n"),
        1,
    );
    assert_ne!(text, seed());
    load(&text)
}

#[test]
fn a_read_outside_the_care_team_on_a_broad_rule_is_flagged_and_one_inside_it_is_not() {
    let r = with_broad_rule();
    let day = date(2026, 3, 10);
    let naw = |seq, person: &str, articles: &[&str]| LogFact {
        category: Some("naw".into()),
        articles: articles.iter().map(|a| (*a).to_owned()).collect(),
        ..read(seq, day, "zorg-1", "zorgverlener", person)
    };
    let facts = LogFacts {
        events: vec![
            // Only the broad rule allowed it: no care relationship.
            naw(1, "outside", &["9.9"]),
            // The care-bound rule allowed it too.
            naw(2, "inside", &["2.2", "9.9"]),
            // The care teams show a relationship that day.
            naw(3, "in-team", &["9.9"]),
            // Administration reads identification facts of everyone: its work.
            LogFact {
                category: Some("naw".into()),
                articles: vec!["3.1".into()],
                ..read(4, day, "admin-1", "administratie", "outside")
            },
        ],
        care: vec![CareSpan {
            user: "zorg-1".into(),
            person: "in-team".into(),
            from: date(2026, 1, 1),
            until: None,
        }],
        ..LogFacts::default()
    };
    let flags = review(&r, &facts, window(day, day, day));
    assert_eq!(flags.len(), 1, "{flags:#?}");
    let f = &flags[0];
    assert_eq!(f.kind, FlagKind::BuitenZorgrelatie);
    assert_eq!(
        (f.user.as_str(), f.persons[0].as_str()),
        ("zorg-1", "outside")
    );
    assert!(f.articles.contains(&"9.9".to_owned()));
    assert!(
        f.reason(Lang::Nl).contains("artikel 9.9"),
        "{}",
        f.reason(Lang::Nl)
    );
}

#[test]
fn accessing_a_colleagues_file_is_flagged_and_a_clients_is_not() {
    let r = load(&seed());
    let day = date(2026, 3, 10);
    let facts = LogFacts {
        events: vec![
            read(1, day, "zorg-1", "zorgverlener", "colleague"),
            read(2, day, "zorg-1", "zorgverlener", "client"),
            LogFact {
                allowed: false,
                ..read(3, day, "zorg-2", "zorgverlener", "colleague")
            },
        ],
        colleagues: ["colleague".to_owned()].into(),
        ..LogFacts::default()
    };
    let flags = review(&r, &facts, window(day, day, day));
    assert_eq!(
        flags.len(),
        1,
        "a refused access showed nothing: {flags:#?}"
    );
    assert_eq!(flags[0].kind, FlagKind::CollegaOfBekende);
    assert_eq!(flags[0].persons, ["colleague"]);
    assert_eq!(
        flags[0].reason(Lang::Nl),
        "Het dossier van een collega ingezien op 10 maart 2026 (gezondheid)."
    );
    // The same flag found again has the same key.
    assert_eq!(
        flags[0].key,
        review(&r, &facts, window(day, day, day))[0].key
    );
    // Outside the window: nothing.
    assert!(
        review(
            &r,
            &facts,
            window(date(2026, 3, 11), date(2026, 3, 12), date(2026, 3, 12))
        )
        .is_empty()
    );
}
