//! Dutch time: the Europe/Amsterdam zone from the time-zone database (embedded at build time
//! by jiff, so the binary needs none on the machine), and dates and times written the Dutch way
//! ("1 december 2026, 09:51"). Pure: the moment is always a parameter.

use jiff::Timestamp;
use jiff::civil::Date;
use jiff::tz::TimeZone;

use crate::i18n::{Lang, t};

/// The Netherlands' time zone (CET/CEST).
pub fn amsterdam() -> TimeZone {
    jiff::tz::get!("Europe/Amsterdam")
}

/// The Dutch calendar date at `moment`: care relationships begin and end on Dutch dates.
pub fn dutch_date(moment: Timestamp) -> Date {
    moment.to_zoned_datetime(amsterdam()).date()
}

/// A date as a Dutch reader writes it: "1 december 2026" (English: "1 December 2026").
pub fn format_date(date: Date, lang: Lang) -> String {
    format!(
        "{} {} {}",
        date.day(),
        t(lang, &format!("month-{}", date.month())),
        date.year()
    )
}

/// A moment in Dutch time: "1 december 2026, 09:51".
pub fn format_moment(moment: Timestamp, lang: Lang) -> String {
    let local = moment.to_zoned_datetime(amsterdam());
    format!(
        "{}, {:02}:{:02}",
        format_date(local.date(), lang),
        local.hour(),
        local.minute()
    )
}

/// A stored RFC 3339 moment (`2026-12-01T08:51:36.251628861Z`) in Dutch time, or the text as
/// it is if it is not one.
pub fn format_stored_moment(stored: &str, lang: Lang) -> String {
    match stored.parse::<Timestamp>() {
        Ok(moment) => format_moment(moment, lang),
        Err(_) => stored.to_owned(),
    }
}

/// A stored date (`2026-12-01`) the Dutch way, or the text as it is.
pub fn format_stored_date(stored: &str, lang: Lang) -> String {
    match stored.parse::<Date>() {
        Ok(date) => format_date(date, lang),
        Err(_) => stored.to_owned(),
    }
}

/// A moment as typed: with an offset (RFC 3339), or a Dutch wall-clock time
/// (`2026-03-27T16:30`, `2026-03-27 16:30`, as a browser's `datetime-local` sends it). A time
/// the clocks skip when summer time starts is read as the hour after; one they pass twice, as
/// the first.
pub fn parse_moment(s: &str) -> Option<Timestamp> {
    if let Ok(t) = s.parse::<Timestamp>() {
        return Some(t);
    }
    if s.len() < 16 {
        return None;
    }
    s.replacen(' ', "T", 1)
        .parse::<jiff::civil::DateTime>()
        .ok()
        .and_then(|dt| dt.to_zoned_datetime(amsterdam()).ok())
        .map(|z| z.timestamp())
}

#[cfg(test)]
mod tests {
    use super::*;
    use jiff::civil::date;

    fn at(s: &str) -> Date {
        dutch_date(s.parse().unwrap())
    }

    #[test]
    fn dutch_dates_follow_cet_and_cest() {
        // Winter: UTC+1. 23:30 UTC on 31 January is already 1 February in Amsterdam.
        assert_eq!(at("2026-01-31T23:30:00Z"), date(2026, 2, 1));
        assert_eq!(at("2026-01-31T22:30:00Z"), date(2026, 1, 31));
        // Summer (29 March to 25 October 2026): UTC+2.
        assert_eq!(at("2026-06-30T22:30:00Z"), date(2026, 7, 1));
        assert_eq!(at("2026-06-30T21:30:00Z"), date(2026, 6, 30));
        // The switches of 2026: 29 March and 25 October, 01:00 UTC.
        assert_eq!(at("2026-03-28T22:59:00Z"), date(2026, 3, 28));
        assert_eq!(at("2026-03-29T00:30:00Z"), date(2026, 3, 29));
        assert_eq!(at("2026-10-24T22:30:00Z"), date(2026, 10, 25));
        assert_eq!(at("2026-10-31T23:30:00Z"), date(2026, 11, 1));
    }

    #[test]
    fn moments_are_written_in_dutch_time_and_words() {
        let m: Timestamp = "2026-12-01T08:51:36.251628861Z".parse().unwrap();
        assert_eq!(format_moment(m, Lang::Nl), "1 december 2026, 09:51");
        assert_eq!(format_moment(m, Lang::En), "1 December 2026, 09:51");
        let summer: Timestamp = "2026-07-14T22:05:00Z".parse().unwrap();
        assert_eq!(format_moment(summer, Lang::Nl), "15 juli 2026, 00:05");
        assert_eq!(format_stored_date("2026-03-02", Lang::Nl), "2 maart 2026");
        assert_eq!(format_stored_moment("not a time", Lang::Nl), "not a time");
    }
}
