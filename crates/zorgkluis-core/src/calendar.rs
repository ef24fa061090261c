//! Dutch working days and the periods of the Algemene termijnenwet (Atw) and EU Regulation
//! 1182/71: when a period that starts on a date ends.
//!
//! The public holidays are those of art. 3 lid 1 Atw: New Year's Day, Easter Monday, Ascension
//! Day, Whit Monday, King's Day (27 April, or 26 April when the 27th is a Sunday; before 2014
//! Queen's Day on 30 April, or the 29th), 5 May (every year: "de vijfde mei"), and both
//! Christmas days. Not applied by default, and open (docs/review-answers.md, L19): art. 3 lid 2
//! Atw equates Good Friday with them ("Voor de toepassing van deze wet wordt de Goede Vrijdag
//! met de in het vorige lid genoemde dagen gelijkgesteld"), and lid 3 lets a decree equate
//! further days (2 January and 15 May 2026, 7 May 2027, ...); and the holidays of Regulation
//! 1182/71 are those the Netherlands notified (its art. 2 lid 1), which this list stands for
//! unverified. An organisation may add Good Friday and days of its own in `[kalender]`.

use std::collections::BTreeSet;

use jiff::ToSpan;
use jiff::civil::{Date, Weekday};
use serde::Serialize;

use crate::period::{Period, Unit};

/// Why a date could not be computed: it falls outside the years the date library supports.
#[derive(Debug, Clone, Copy, PartialEq, Eq, thiserror::Error)]
#[error("the date falls outside the supported range (years 1 to 9999)")]
pub struct OutOfRange;

impl From<jiff::Error> for OutOfRange {
    fn from(_: jiff::Error) -> OutOfRange {
        OutOfRange
    }
}

/// The working-day calendar of one organisation.
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize)]
pub struct HolidayCalendar {
    /// Good Friday counts as a holiday (art. 3 lid 2 Atw equates it for the Atw's terms; not
    /// applied by default, see the module's note).
    pub good_friday: bool,
    /// Further days off the organisation declares.
    pub extra: BTreeSet<Date>,
}

/// Easter Sunday in the Gregorian calendar (the anonymous algorithm of Meeus, Jones and Butcher).
pub fn easter_sunday(year: i16) -> Result<Date, OutOfRange> {
    let y = i32::from(year);
    let a = y % 19;
    let b = y / 100;
    let c = y % 100;
    let d = b / 4;
    let e = b % 4;
    let f = (b + 8) / 25;
    let g = (b - f + 1) / 3;
    let h = (19 * a + b - d - g + 15) % 30;
    let i = c / 4;
    let k = c % 4;
    let l = (32 + 2 * e + 2 * i - h - k) % 7;
    let m = (a + 11 * h + 22 * l) / 451;
    let month = (h + l - 7 * m + 114) / 31;
    let day = (h + l - 7 * m + 114) % 31 + 1;
    // Month is 3 or 4 and day at most 31 by construction of the algorithm.
    Ok(Date::new(year, month as i8, day as i8)?)
}

/// The day King's Day (or before 2014 Queen's Day) is celebrated in `year`.
fn kings_day(year: i16) -> Result<Date, OutOfRange> {
    let (day, moved) = if year >= 2014 { (27, 26) } else { (30, 29) };
    let date = Date::new(year, 4, day)?;
    Ok(if date.weekday() == Weekday::Sunday {
        Date::new(year, 4, moved)?
    } else {
        date
    })
}

impl HolidayCalendar {
    /// The Dutch name of the public holiday on `date`, if it is one.
    pub fn holiday_name(&self, date: Date) -> Option<&'static str> {
        let year = date.year();
        let fixed = match (date.month(), date.day()) {
            (1, 1) => Some("Nieuwjaarsdag"),
            (5, 5) => Some("Bevrijdingsdag"),
            (12, 25) => Some("Eerste Kerstdag"),
            (12, 26) => Some("Tweede Kerstdag"),
            _ => None,
        };
        if fixed.is_some() {
            return fixed;
        }
        if kings_day(year).is_ok_and(|d| d == date) {
            return Some("Koningsdag");
        }
        if let Ok(easter) = easter_sunday(year) {
            let offset = (date - easter).get_days();
            match offset {
                -2 if self.good_friday => return Some("Goede Vrijdag"),
                1 => return Some("Tweede Paasdag"),
                39 => return Some("Hemelvaartsdag"),
                50 => return Some("Tweede Pinksterdag"),
                _ => {}
            }
        }
        if self.extra.contains(&date) {
            return Some("Vrije dag van de organisatie");
        }
        None
    }

    /// Monday to Friday, except public holidays.
    pub fn is_working_day(&self, date: Date) -> bool {
        !matches!(date.weekday(), Weekday::Saturday | Weekday::Sunday)
            && self.holiday_name(date).is_none()
    }

    /// `date` itself if it is a working day, else the first working day after it.
    pub fn working_day_on_or_after(&self, mut date: Date) -> Result<Date, OutOfRange> {
        while !self.is_working_day(date) {
            date = date.tomorrow()?;
        }
        Ok(date)
    }

    /// The date `n` working days after `start` (the start day itself is not counted).
    pub fn add_working_days(&self, start: Date, n: u32) -> Result<Date, OutOfRange> {
        let mut date = start;
        let mut counted = 0;
        while counted < n {
            date = date.tomorrow()?;
            if self.is_working_day(date) {
                counted += 1;
            }
        }
        Ok(date)
    }

    /// `start` plus `period` in plain calendar arithmetic (working days counted as such), with
    /// no shift off weekends: for retention terms and announcement periods, which are no
    /// deadlines to act by. A month or year period that lands on a day the month lacks ends on
    /// the month's last day.
    pub fn add_period(&self, start: Date, period: Period) -> Result<Date, OutOfRange> {
        let n = i64::from(period.amount);
        Ok(match period.unit {
            Unit::WorkingDays => self.add_working_days(start, period.amount)?,
            Unit::Days => start.checked_add(n.days())?,
            Unit::Weeks => start.checked_add(n.weeks())?,
            Unit::Months => start.checked_add(n.months())?,
            Unit::Years => start.checked_add(n.years())?,
        })
    }

    /// The last day of a period that starts on `start` (the day of the event: a receipt or a
    /// decision), by EU Regulation 1182/71 and the Algemene termijnenwet:
    /// - the day of the event is not counted (1182/71 art. 3(1));
    /// - a period in months or years ends on the same date, or on the month's last day when the
    ///   month lacks that date (1182/71 art. 3(2)(c));
    /// - a period of at least three days contains at least two working days (art. 2 Atw);
    /// - a period ending on a Saturday, Sunday or public holiday ends on the next working day
    ///   (art. 1 Atw, 1182/71 art. 3(4)).
    pub fn period_end(&self, start: Date, period: Period) -> Result<Date, OutOfRange> {
        let end = self.add_period(start, period)?;
        if period.unit == Unit::WorkingDays {
            return Ok(end);
        }
        let end = if (end - start).get_days() >= 3 {
            self.at_least_two_working_days(start, end)?
        } else {
            end
        };
        self.working_day_on_or_after(end)
    }

    /// Art. 2 Atw: extends `end` until the days after `start` up to `end` hold two working days.
    fn at_least_two_working_days(&self, start: Date, mut end: Date) -> Result<Date, OutOfRange> {
        let mut count = 0;
        let mut day = start;
        while day < end && count < 2 {
            day = day.tomorrow()?;
            if self.is_working_day(day) {
                count += 1;
            }
        }
        while count < 2 {
            end = end.tomorrow()?;
            if self.is_working_day(end) {
                count += 1;
            }
        }
        Ok(end)
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use jiff::civil::date;

    #[test]
    fn easter_matches_known_years() {
        assert_eq!(easter_sunday(2024), Ok(date(2024, 3, 31)));
        assert_eq!(easter_sunday(2025), Ok(date(2025, 4, 20)));
        assert_eq!(easter_sunday(2026), Ok(date(2026, 4, 5)));
        assert_eq!(easter_sunday(2027), Ok(date(2027, 3, 28)));
        assert_eq!(easter_sunday(2038), Ok(date(2038, 4, 25)));
        assert_eq!(easter_sunday(2285), Ok(date(2285, 3, 22)));
    }

    #[test]
    fn holidays_of_2026() {
        let cal = HolidayCalendar::default();
        let names: Vec<_> = [
            date(2026, 1, 1),
            date(2026, 4, 6),
            date(2026, 4, 27),
            date(2026, 5, 5),
            date(2026, 5, 14),
            date(2026, 5, 25),
            date(2026, 12, 25),
            date(2026, 12, 26),
        ]
        .into_iter()
        .map(|d| cal.holiday_name(d))
        .collect();
        assert!(names.iter().all(Option::is_some), "{names:?}");
        assert_eq!(cal.holiday_name(date(2026, 4, 3)), None, "Good Friday");
        let with_good_friday = HolidayCalendar {
            good_friday: true,
            ..HolidayCalendar::default()
        };
        assert_eq!(
            with_good_friday.holiday_name(date(2026, 4, 3)),
            Some("Goede Vrijdag")
        );
    }

    #[test]
    fn kings_day_moves_off_sunday() {
        // 27 April 2025 was a Sunday: King's Day was on Saturday the 26th.
        let cal = HolidayCalendar::default();
        assert_eq!(cal.holiday_name(date(2025, 4, 26)), Some("Koningsdag"));
        assert_eq!(cal.holiday_name(date(2025, 4, 27)), None);
        assert_eq!(cal.holiday_name(date(2013, 4, 30)), Some("Koningsdag"));
    }

    #[test]
    fn working_days_skip_weekends_and_holidays() {
        let cal = HolidayCalendar::default();
        // Thursday 24 December 2026: 25th, 26th (Sat), 27th (Sun) are off; Monday 28th is next.
        assert_eq!(
            cal.add_working_days(date(2026, 12, 24), 1),
            Ok(date(2026, 12, 28))
        );
        assert_eq!(
            cal.add_working_days(date(2026, 12, 24), 0),
            Ok(date(2026, 12, 24))
        );
    }
}
