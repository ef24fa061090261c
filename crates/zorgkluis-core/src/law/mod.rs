//! The law beneath the reglement: the statutes the seeds rely on (AVG, UAVG, WGBO = boek 7
//! titel 7 afdeling 5 BW, Jeugdwet, Wkkgz, Wabvpz, AWR) as a built-in, versioned set of
//! floors (a minimum a reglement cannot shorten), ceilings (a maximum it cannot lengthen) and
//! deadlines and fallbacks (what holds where the reglement is silent).
//!
//! A reglement may be stricter than the law, never looser: every answer applies these rules and
//! cites them, and `reglement check` warns where a term is looser. Each rule carries the date it
//! is in force from, so an answer "as of" a date applies the law of that date (the WGBO's
//! retention was 10 years from 1 April 1995, 15 from 1 April 2005 and is 20, counted from the
//! last change of the dossier, from 1 January 2020).
//!
//! Each citation says what it is: law (`wet`), guidance of the supervisory authority
//! (`richtsnoer`, binding only through the open norm of the law it explains) or the product's own
//! policy (`productbeleid`), never passed off as an article of law.

mod deadlines;
mod retention;
mod silence;

pub use deadlines::{
    AVG_ERASURE, AVG_IDENTITY, AVG_RESPONSE, BREACH_NOTIFICATION, COMPLAINT_WKKGZ, ResponseRule,
    avg_response,
};
pub use retention::{
    AWR_RETENTION, CAMERA_FOOTAGE, CAMERA_FOOTAGE_ID, Ceiling, DOSSIER_DESTRUCTION_ON_REQUEST,
    Floor, JEUGDWET_RETENTION, JOB_APPLICATION, JOB_APPLICATION_ID, Limit, Term, WGBO_RETENTION,
    ceilings_for, dossier_floors, floors_for,
};
pub use silence::{TOPICS, Topic, topics_for};

use jiff::civil::{Date, date};
use serde::Serialize;

use crate::i18n::Lang;
use crate::t;

/// The version of the built-in law: the day its texts were last checked against the statutes.
pub const VERSION: &str = "2026-12-01";

/// The citation of a built-in choice of the product, which no law makes: "productbeleid
/// zorgkluis", with what it rests on.
pub const PRODUCT_POLICY: &str = "productbeleid zorgkluis";

/// What a citation is.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize)]
#[serde(rename_all = "snake_case")]
pub enum Source {
    /// A statute or regulation: binds by itself.
    Wet,
    /// Guidance of the supervisory authority (the Autoriteit Persoonsgegevens): how it reads an
    /// open norm of the law, such as "no longer than necessary" (art. 5(1)(e) AVG).
    Richtsnoer,
    /// The product's own policy, not an article of law.
    Productbeleid,
}

impl Source {
    pub fn id(self) -> &'static str {
        match self {
            Source::Wet => "wet",
            Source::Richtsnoer => "richtsnoer",
            Source::Productbeleid => "productbeleid",
        }
    }

    /// "wet", "richtsnoer van de Autoriteit Persoonsgegevens, geen wet", ...
    pub fn label(self, lang: Lang) -> String {
        match self {
            Source::Wet => t!(lang, "law-source-wet"),
            Source::Richtsnoer => t!(lang, "law-source-richtsnoer"),
            Source::Productbeleid => t!(lang, "law-source-productbeleid"),
        }
    }
}

/// One rule of the law as it reads from a date until the next version of the same rule.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Version<T: 'static> {
    /// The first day this text is in force.
    pub in_force: Date,
    pub value: T,
    /// The article, as answers cite it ("art. 7:454 lid 3 BW").
    pub article: &'static str,
    pub source: Source,
}

/// The version of a rule in force on `on`; with no date, the current one (the last). None
/// before the first version: the rule did not exist yet.
pub fn in_force<T>(
    versions: &'static [Version<T>],
    on: Option<Date>,
) -> Option<&'static Version<T>> {
    match on {
        None => versions.last(),
        Some(day) => versions.iter().rev().find(|v| v.in_force <= day),
    }
}

/// Shorthand for the tables: a date that is always valid.
pub(crate) const fn day(y: i16, m: i8, d: i8) -> Date {
    date(y, m, d)
}
