//! The clock of the store: the moment an event or a record is written (UTC, RFC 3339), and
//! today's date in the Netherlands, on which care relationships begin and end.

use jiff::civil::Date;

pub(crate) fn now() -> String {
    jiff::Timestamp::now().to_string()
}

/// Today in the Netherlands (Europe/Amsterdam, from the time-zone database).
pub(crate) fn today() -> Date {
    zorgkluis_core::time::dutch_date(jiff::Timestamp::now())
}
