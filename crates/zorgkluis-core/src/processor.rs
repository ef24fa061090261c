//! Processors (verwerkers, art. 28 AVG) and where they process: the European Economic Area as a
//! list of countries, and the review interval of a processor agreement. A reglement may demand
//! processing inside the EEA (`[verwerkers] alleen_eer`), tightening the transfer rules of
//! chapter V AVG (art. 44-46), which allow a transfer outside it on conditions.

use jiff::civil::Date;

use crate::calendar::OutOfRange;
use crate::period::{Period, Unit};
use crate::reglement::Reglement;

/// The countries of the European Economic Area as ISO 3166-1 alpha-2 codes: the 27 member
/// states of the European Union (Treaty on European Union art. 52; Greece is `GR` in ISO 3166,
/// `EL` only in EU usage) and the three EFTA states in the EEA Agreement (Iceland,
/// Liechtenstein, Norway; Agreement on the European Economic Area, OJ L 1, 3.1.1994, art. 2
/// and 126). Source: the EEA Agreement and the EU's list of member states (europa.eu, 2024).
pub const EEA_COUNTRIES: [&str; 30] = [
    "AT", "BE", "BG", "HR", "CY", "CZ", "DK", "EE", "FI", "FR", "DE", "GR", "HU", "IE", "IT", "LV",
    "LT", "LU", "MT", "NL", "PL", "PT", "RO", "SK", "SI", "ES", "SE", "IS", "LI", "NO",
];

/// The article of the law a demand for processing inside the EEA tightens.
pub const TRANSFER_LAW: &str = "AVG art. 44–46";

/// The review interval when the reglement names none: the product's default, once a year (the
/// law sets no interval; art. 28 lid 3 sub h and art. 32 lid 1 sub d AVG ask the controller to
/// verify and regularly evaluate).
pub const DEFAULT_REVIEW: Period = Period::new(1, Unit::Years);

/// Whether `code` is written as an ISO 3166-1 alpha-2 code: two capital letters.
pub fn is_country_code(code: &str) -> bool {
    code.len() == 2 && code.bytes().all(|b| b.is_ascii_uppercase())
}

/// Whether the country `code` lies inside the European Economic Area.
pub fn in_eea(code: &str) -> bool {
    EEA_COUNTRIES.contains(&code)
}

/// Whether the reglement demands processing inside the EEA, with its citation.
pub fn eea_only(reglement: &Reglement) -> Option<String> {
    let p = reglement.file.processors.as_ref()?;
    p.eea_only.then(|| {
        crate::reglement::cite(
            p.article.get_ref(),
            Some(p.law.as_deref().unwrap_or(TRANSFER_LAW)),
        )
    })
}

/// The interval between reviews of a processor agreement: the reglement's, or the default.
pub fn review_interval(reglement: &Reglement) -> Period {
    reglement
        .file
        .processors
        .as_ref()
        .and_then(|p| p.review.as_ref())
        .map_or(DEFAULT_REVIEW, |p| *p.get_ref())
}

/// The next review of an agreement signed or last reviewed on `from`.
pub fn next_review(reglement: &Reglement, from: Date) -> Result<Date, OutOfRange> {
    reglement
        .calendar
        .add_period(from, review_interval(reglement))
}
