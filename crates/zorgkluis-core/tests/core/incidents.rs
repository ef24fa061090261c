//! The clocks of a data breach (72 real hours to the AP, art. 33 AVG) and of a complaint
//! (Wkkgz art. 17: six weeks, extendable once by four, a holiday end moved by the Algemene
//! termijnenwet), with the clock as a parameter.

use jiff::civil::date;
use jiff::{SignedDuration, Timestamp};
use zorgkluis_core::decide::{TellPersons, breach_deadline, complaint_deadline};
use zorgkluis_core::diagnostic::Severity;
use zorgkluis_core::{Lang, Reglement};

fn seed_text() -> String {
    seed_named("bg-wonen.toml")
}

/// Alpo zorg's reglement says nothing of breaches beyond the law.
fn seed_named(name: &str) -> String {
    let path = format!("{}/../../reglementen/{name}", env!("CARGO_MANIFEST_DIR"));
    std::fs::read_to_string(&path).expect("seed")
}

fn load(text: &str) -> Reglement {
    Reglement::load("test.toml", text, Lang::Nl).expect("valid")
}

fn moment(s: &str) -> Timestamp {
    s.parse().unwrap()
}

#[test]
fn a_breach_found_on_a_friday_afternoon_is_notified_by_monday_afternoon() {
    let r = load(&seed_named("alpo-zorg.toml"));
    // Friday 27 November 2026, 15:10 in Amsterdam (CET, UTC+1).
    let a = breach_deadline(&r, moment("2026-11-27T14:10:00Z")).unwrap();
    assert_eq!(a.discovered, "2026-11-27T15:10:00+01:00");
    assert_eq!(
        a.notify_ap_by, "2026-11-30T15:10:00+01:00",
        "the weekend counts"
    );
    assert_eq!(a.hours, 72);
    assert_eq!(a.tell_persons, TellPersons::HoogRisico);
    assert!(
        a.articles.contains(&"AVG art. 33 lid 1".to_owned()),
        "{:?}",
        a.articles
    );
    assert!(a.articles.contains(&"AVG art. 34 lid 1".to_owned()));
    let text = a.explain(Lang::Nl);
    assert!(text.contains("30 november 2026, 15:10"), "{text}");
}

#[test]
fn the_breach_clock_runs_in_real_hours_across_the_start_of_summer_time() {
    let r = load(&seed_text());
    // Saturday 28 March 2026, 20:00 CET; the clocks go forward in the night to Sunday.
    let a = breach_deadline(&r, moment("2026-03-28T19:00:00Z")).unwrap();
    assert_eq!(a.discovered, "2026-03-28T20:00:00+01:00");
    assert_eq!(
        a.notify_ap_by, "2026-03-31T21:00:00+02:00",
        "72 real hours: 21:00 on the clock"
    );
    // And across its end: Saturday 24 October 2026, 20:00 CEST.
    let a = breach_deadline(&r, moment("2026-10-24T18:00:00Z")).unwrap();
    assert_eq!(a.notify_ap_by, "2026-10-27T19:00:00+01:00");
}

#[test]
fn a_notification_after_80_hours_is_late_and_the_hours_left_count_down() {
    let r = load(&seed_text());
    let found = moment("2026-06-05T08:00:00Z");
    let a = breach_deadline(&r, found).unwrap();
    let after = |h: i64| found.checked_add(SignedDuration::from_hours(h)).unwrap();
    assert_eq!(a.hours_left(after(0)), 72);
    assert_eq!(a.hours_left(after(70)), 2);
    assert!(!a.late(after(72)), "the 72nd hour itself is in time");
    assert!(a.late(after(80)));
    assert_eq!(a.hours_left(after(80)), -8);
}

#[test]
fn a_reglement_that_always_tells_the_persons_says_so_and_is_cited() {
    let text = format!(
        "{}\n[datalekken]\nbetrokkenen_altijd_informeren = true\nartikel = \"1.3\"\n",
        seed_named("alpo-zorg.toml")
    );
    let a = breach_deadline(&load(&text), moment("2026-06-05T08:00:00Z")).unwrap();
    assert_eq!(a.tell_persons, TellPersons::Altijd);
    assert!(a.articles.contains(&"1.3".to_owned()), "{:?}", a.articles);
    assert!(a.explain(Lang::Nl).contains("bij elk datalek"));
    // BG wonen says so in its 1.3.
    let bg = breach_deadline(&load(&seed_text()), moment("2026-06-05T08:00:00Z")).unwrap();
    assert_eq!(bg.tell_persons, TellPersons::Altijd);
}

#[test]
fn six_weeks_that_end_on_christmas_end_on_the_next_working_day() {
    let r = load(&seed_text());
    // 13 November + 6 weeks = Friday 25 December; 26 December is a Saturday as well.
    let a = complaint_deadline(&r, date(2026, 11, 13), false).unwrap();
    assert_eq!(a.decide_by, date(2026, 12, 28));
    assert!(a.articles.contains(&"Wkkgz art. 17 lid 1".to_owned()));
    assert!(
        a.articles
            .contains(&"Algemene termijnenwet art. 1".to_owned()),
        "{:?}",
        a.articles
    );
    // Extended: ten weeks from receipt, 22 January 2027 (a Friday).
    let x = complaint_deadline(&r, date(2026, 11, 13), true).unwrap();
    assert_eq!(x.decide_by, date(2027, 1, 22));
    assert!(x.articles.contains(&"Wkkgz art. 17 lid 2".to_owned()));
    assert!(
        !x.articles
            .contains(&"Algemene termijnenwet art. 1".to_owned())
    );
}

#[test]
fn an_extension_counts_only_when_told_before_the_six_weeks_end() {
    let r = load(&seed_text());
    let a = complaint_deadline(&r, date(2026, 9, 1), false).unwrap();
    assert_eq!(a.decide_by, date(2026, 10, 13));
    assert!(a.extension_in_time(date(2026, 10, 12)));
    assert!(a.extension_in_time(date(2026, 10, 13)), "on the last day");
    assert!(!a.extension_in_time(date(2026, 10, 14)), "too late");
    assert!(
        !a.extension_in_time(date(2026, 8, 31)),
        "before the complaint"
    );
}

fn with_complaints(term: &str, extension: &str) -> String {
    format!(
        "{}\n[klachten]\ntermijn = \"{term}\"\nverlenging = \"{extension}\"\nklachtenfunctionaris = \"De onafhankelijke klachtenfunctionaris\"\ngeschilleninstantie = \"Geschilleninstantie Voorbeeldzorg\"\nartikel = \"7.1\"\n",
        seed_text()
    )
}

#[test]
fn a_reglement_may_be_quicker_than_the_wkkgz_but_not_slower() {
    let quick = load(&with_complaints("3 weken", "2 weken"));
    let a = complaint_deadline(&quick, date(2026, 9, 1), false).unwrap();
    assert_eq!(a.decide_by, date(2026, 9, 22), "3 weeks");
    assert_eq!(a.term, "3 weken");
    let a = complaint_deadline(&quick, date(2026, 9, 1), true).unwrap();
    assert_eq!(a.decide_by, date(2026, 10, 6), "3 + 2 weeks");
    assert!(a.articles.contains(&"7.1".to_owned()));
    assert_eq!(
        a.officer.as_deref(),
        Some("De onafhankelijke klachtenfunctionaris")
    );

    let text = with_complaints("8 weken", "6 weken");
    let slow = load(&text);
    let a = complaint_deadline(&slow, date(2026, 9, 1), true).unwrap();
    assert_eq!(a.decide_by, date(2026, 11, 10), "the law's 6 + 4 weeks");
    assert!(!a.articles.contains(&"7.1".to_owned()), "{:?}", a.articles);
    let codes: Vec<&str> = slow
        .warnings
        .iter()
        .filter(|d| d.severity == Severity::Warning)
        .map(|d| d.code)
        .filter(|c| c.starts_with("reglement.complaint"))
        .collect();
    assert_eq!(
        codes,
        [
            "reglement.complaint_term_beyond_law",
            "reglement.complaint_extension_beyond_law"
        ]
    );
    let line = slow
        .warnings
        .iter()
        .find(|d| d.code == "reglement.complaint_term_beyond_law")
        .unwrap()
        .line;
    assert_eq!(
        text.lines().nth(line - 1).unwrap(),
        "termijn = \"8 weken\"",
        "the warning names the line"
    );
}
