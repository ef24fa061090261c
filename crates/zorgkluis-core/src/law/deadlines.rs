//! Deadlines and fallbacks: the AVG's response period, the breach notification, the Wkkgz
//! complaint decision, the identity check.

use jiff::civil::Date;

use crate::period::{Period, Unit};

use super::{Source, Version, day, in_force};

/// A response period and how far it may be extended.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct ResponseRule {
    pub respond: Period,
    /// The response period plus the extension the law allows.
    pub extended: Period,
}

/// Art. 12 lid 3 AVG (in force 25 May 2018): "without undue delay and in any event within one
/// month of receipt of the request. That period may be extended by two further months where
/// necessary, taking into account the complexity and number of the requests." The subject must
/// be told of an extension, with the reasons, within the first month.
pub const AVG_RESPONSE: &[Version<ResponseRule>] = &[Version {
    in_force: day(2018, 5, 25),
    value: ResponseRule {
        respond: Period::new(1, Unit::Months),
        extended: Period::new(3, Unit::Months),
    },
    article: "AVG art. 12 lid 3",
    source: Source::Wet,
}];

/// Erasure where the reglement sets no period: "without undue delay" (art. 17 lid 1 AVG), at the
/// latest within the month of art. 12 lid 3.
pub const AVG_ERASURE: &str = "AVG art. 12 lid 3 en art. 17 lid 1";

/// Identity where the reglement is silent: "where the controller has reasonable doubts
/// concerning the identity of the natural person making the request referred to in Articles 15
/// to 21, the controller may request the provision of additional information necessary to
/// confirm the identity of the data subject" (art. 12 lid 6 AVG).
pub const AVG_IDENTITY: &str = "AVG art. 12 lid 6";

/// The AVG's response rule for a request received on `received`; none before the AVG applied.
pub fn avg_response(received: Date) -> Option<&'static Version<ResponseRule>> {
    in_force(AVG_RESPONSE, Some(received))
}

/// Art. 33 lid 1 AVG: notify the supervisory authority "without undue delay and, where
/// feasible, not later than 72 hours after having become aware of it". Real hours, counted on
/// the timeline, not on the clock ([`crate::decide::breach_deadline`]).
pub const BREACH_NOTIFICATION: Version<u32> = Version {
    in_force: day(2018, 5, 25),
    value: 72,
    article: "AVG art. 33 lid 1",
    source: Source::Wet,
};

/// Art. 17 Wkkgz (in force 1 January 2016): the complainant is told the provider's judgement,
/// in writing and with reasons, as soon as possible and at the latest six weeks after the
/// complaint was filed; the provider may extend that once by at most four weeks, telling the
/// complainant in writing before the six weeks end ([`crate::decide::complaint_deadline`]).
pub const COMPLAINT_WKKGZ: Version<ResponseRule> = Version {
    in_force: day(2016, 1, 1),
    value: ResponseRule {
        respond: Period::new(6, Unit::Weeks),
        extended: Period::new(10, Unit::Weeks),
    },
    article: "Wkkgz art. 17 lid 1",
    source: Source::Wet,
};
