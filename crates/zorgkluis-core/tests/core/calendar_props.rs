//! Deadline arithmetic: hand-checked dates across month ends and holidays, and properties over
//! arbitrary dates and periods.

use jiff::ToSpan;
use jiff::civil::{Date, date};
use proptest::prelude::*;
use zorgkluis_core::calendar::HolidayCalendar;
use zorgkluis_core::period::{Period, Unit};

fn p(s: &str) -> Period {
    s.parse().expect("period")
}

/// Each row was checked by hand against a calendar; the comment says why the answer is what
/// it is.
#[test]
fn hand_checked_period_ends() {
    let cal = HolidayCalendar::default();
    let table: &[(Date, &str, Date, &str)] = &[
        (
            date(2026, 3, 2),
            "4 weken",
            date(2026, 3, 30),
            "Monday to Monday",
        ),
        (
            date(2026, 1, 31),
            "1 maand",
            date(2026, 3, 2),
            "February lacks the 31st: Sat 28 Feb, so Mon 2 Mar",
        ),
        (
            date(2024, 1, 31),
            "1 maand",
            date(2024, 2, 29),
            "leap year: Thu 29 Feb",
        ),
        (
            date(2025, 11, 30),
            "3 maanden",
            date(2026, 3, 2),
            "Sat 28 Feb, so Mon 2 Mar",
        ),
        (
            date(2024, 2, 29),
            "1 jaar",
            date(2025, 2, 28),
            "no 29 Feb in 2025: Fri 28 Feb",
        ),
        (
            date(2025, 12, 24),
            "1 dag",
            date(2025, 12, 29),
            "Christmas, Boxing Day, weekend",
        ),
        (
            date(2026, 12, 24),
            "3 dagen",
            date(2026, 12, 29),
            "art. 2 Atw: 25th holiday, 26-27 weekend; two working days needed: 28th and 29th",
        ),
        (
            date(2026, 4, 2),
            "4 dagen",
            date(2026, 4, 7),
            "Easter Monday 6 April; Good Friday is no Atw holiday",
        ),
        (
            date(2026, 4, 27),
            "4 weken",
            date(2026, 5, 26),
            "ends on Whit Monday 25 May",
        ),
        (
            date(2026, 4, 7),
            "4 weken",
            date(2026, 5, 6),
            "ends on 5 May",
        ),
        (
            date(2026, 12, 2),
            "30 dagen",
            date(2027, 1, 4),
            "ends on New Year's Day, a Friday",
        ),
        (
            date(2027, 4, 22),
            "2 weken",
            date(2027, 5, 7),
            "ends on Ascension Day 2027 (Easter 28 March + 39)",
        ),
        (
            date(2026, 5, 1),
            "14 werkdagen",
            date(2026, 5, 26),
            "skips 5 May, Ascension 14 May, Whit Monday 25 May",
        ),
        (
            date(2026, 12, 18),
            "14 werkdagen",
            date(2027, 1, 11),
            "skips Christmas, New Year and weekends",
        ),
        (
            date(2026, 5, 22),
            "1 werkdag",
            date(2026, 5, 26),
            "Friday; Monday is Whit Monday",
        ),
    ];
    let mut wrong = Vec::new();
    for (start, period, expected, why) in table {
        let got = cal.period_end(*start, p(period)).expect("in range");
        if got != *expected {
            wrong.push(format!(
                "{start} + {period}: expected {expected} ({why}), got {got}"
            ));
        }
    }
    assert!(wrong.is_empty(), "{}", wrong.join("\n"));
}

#[test]
fn good_friday_counts_when_the_organisation_says_so() {
    let cal = HolidayCalendar {
        good_friday: true,
        ..HolidayCalendar::default()
    };
    // Thu 2 April 2026 + 1 working day: Good Friday, weekend, Easter Monday; Tuesday 7 April.
    assert_eq!(
        cal.period_end(date(2026, 4, 2), p("1 werkdag")),
        Ok(date(2026, 4, 7))
    );
    let plain = HolidayCalendar::default();
    assert_eq!(
        plain.period_end(date(2026, 4, 2), p("1 werkdag")),
        Ok(date(2026, 4, 3))
    );
}

fn any_date() -> impl Strategy<Value = Date> {
    // 1990 to 2100: the years a care record's deadlines fall in.
    (0i64..40_000).prop_map(|d| date(1990, 1, 1).checked_add(d.days()).expect("in range"))
}

fn any_period() -> impl Strategy<Value = Period> {
    let unit = prop_oneof![
        Just(Unit::Days),
        Just(Unit::WorkingDays),
        Just(Unit::Weeks),
        Just(Unit::Months),
        Just(Unit::Years),
    ];
    (0u32..120, unit).prop_map(|(amount, unit)| Period::new(amount, unit))
}

proptest! {
    #![proptest_config(ProptestConfig::with_cases(2_000))]

    /// A deadline never ends on a weekend or public holiday.
    #[test]
    fn never_ends_on_a_day_off(start in any_date(), period in any_period()) {
        let cal = HolidayCalendar::default();
        let end = cal.period_end(start, period).expect("in range");
        prop_assert!(cal.is_working_day(end) || (period.amount == 0 && period.unit == Unit::WorkingDays),
            "{start} + {period} ends on {end}, a day off");
    }

    /// A later receipt never gives an earlier deadline.
    #[test]
    fn monotonic_in_the_start_date(a in any_date(), gap in 0i64..400, period in any_period()) {
        let cal = HolidayCalendar::default();
        let b = a.checked_add(gap.days()).expect("in range");
        let (ea, eb) = (cal.period_end(a, period).expect("in range"), cal.period_end(b, period).expect("in range"));
        prop_assert!(ea <= eb, "{a} + {period} = {ea}, but later {b} + {period} = {eb}");
    }

    /// A deadline is never before the plain end of the period, and at most a week after it
    /// (the longest run of days off plus the two working days of art. 2 Atw).
    #[test]
    fn close_to_the_plain_end(start in any_date(), period in any_period()) {
        let cal = HolidayCalendar::default();
        let plain = cal.add_period(start, period).expect("in range");
        let end = cal.period_end(start, period).expect("in range");
        prop_assert!(end >= plain);
        prop_assert!((end - plain).get_days() <= 7, "{start} + {period}: {plain} -> {end}");
        if period.amount > 0 {
            prop_assert!(end > start);
        }
    }

    /// A period of at least three days holds at least two working days (art. 2 Atw).
    #[test]
    fn at_least_two_working_days(start in any_date(), amount in 3u32..40) {
        let cal = HolidayCalendar::default();
        let end = cal.period_end(start, Period::new(amount, Unit::Days)).expect("in range");
        let mut day = start;
        let mut working = 0;
        while day < end {
            day = day.tomorrow().expect("in range");
            if cal.is_working_day(day) {
                working += 1;
            }
        }
        prop_assert!(working >= 2);
    }
}
