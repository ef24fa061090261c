//! Reminders: an open request is "due soon" (binnenkort) when the deadline that runs now falls
//! within a number of working days from today. An overdue request is not due soon: it is
//! overdue, which is shown apart.

use jiff::civil::Date;

use crate::calendar::HolidayCalendar;

/// How many working days ahead a reminder looks when the installation sets nothing.
pub const DEFAULT_REMINDER_DAYS: u32 = 5;

/// The largest reminder window accepted: half a year of working days.
pub const MAX_REMINDER_DAYS: u32 = 130;

/// Whether a request whose running deadline is `due` is due soon on `today`: the deadline lies
/// on or after today and no later than `days` working days after today (today itself not
/// counted, as in the periods of the Algemene termijnenwet). `None` (nothing runs: decided,
/// carried out, withdrawn) is never due soon. With `days` 0 only a deadline of today is.
pub fn due_soon(calendar: &HolidayCalendar, due: Option<Date>, today: Date, days: u32) -> bool {
    let Some(due) = due else {
        return false;
    };
    if due < today {
        return false;
    }
    match calendar.add_working_days(today, days) {
        Ok(limit) => due <= limit,
        // Past the end of the calendar: every later deadline is within reach.
        Err(_) => true,
    }
}

/// Reads a reminder window as the environment gives it: a whole number of working days from 0
/// up to [`MAX_REMINDER_DAYS`]. `None` for anything else, so that the caller names the variable.
pub fn parse_reminder_days(text: &str) -> Option<u32> {
    let n: u32 = text.trim().parse().ok()?;
    (n <= MAX_REMINDER_DAYS).then_some(n)
}

#[cfg(test)]
mod tests {
    use super::*;
    use jiff::civil::date;

    #[test]
    fn counts_working_days_not_calendar_days() {
        let cal = HolidayCalendar::default();
        // Friday 18 December 2026; five working days on: 21, 22, 23, 24, 28 December.
        let today = date(2026, 12, 18);
        assert!(due_soon(&cal, Some(date(2026, 12, 28)), today, 5));
        assert!(!due_soon(&cal, Some(date(2026, 12, 29)), today, 5));
        assert!(due_soon(&cal, Some(today), today, 0));
        assert!(!due_soon(&cal, Some(date(2026, 12, 21)), today, 0));
    }

    #[test]
    fn overdue_and_closed_are_not_due_soon() {
        let cal = HolidayCalendar::default();
        let today = date(2026, 12, 2);
        assert!(!due_soon(&cal, Some(date(2026, 12, 1)), today, 5));
        assert!(!due_soon(&cal, None, today, 5));
    }

    #[test]
    fn parses_the_window() {
        assert_eq!(parse_reminder_days(" 7 "), Some(7));
        assert_eq!(parse_reminder_days("0"), Some(0));
        assert_eq!(parse_reminder_days("-1"), None);
        assert_eq!(parse_reminder_days("vijf"), None);
        assert_eq!(parse_reminder_days("131"), None);
    }
}
