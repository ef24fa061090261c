//! The data-breach clock. The Autoriteit Persoonsgegevens must be told without undue delay and
//! where feasible within 72 hours of the moment the organisation became aware of the breach
//! (art. 33 lid 1 AVG); later only with the reasons for the delay. The 72 hours are real hours
//! from discovery: nights, weekends, holidays and the change to or from summer time do not stop
//! them (EU Regulation 1182/71 extends only periods of days or longer past a holiday, art.
//! 3(4)). Its art. 3(1) would start an hour-period at the next full hour; the answer counts from
//! the moment itself, the earlier and safer reading, as the AP's own guidance does. The persons
//! affected are told without undue delay when the breach is likely to result in a high risk to
//! them (art. 34 lid 1 AVG), or always where the reglement says so.

use jiff::{SignedDuration, Timestamp};
use serde::Serialize;

use super::{DecisionError, cite_list};
use crate::i18n::Lang;
use crate::reglement::{Reglement, cite};
use crate::t;
use crate::time::{amsterdam, format_moment};

/// Art. 33 lid 1 AVG, from the law layer.
pub const AP_NOTIFICATION_HOURS: i64 = crate::law::BREACH_NOTIFICATION.value as i64;
const AVG_33_1: &str = crate::law::BREACH_NOTIFICATION.article;
const AVG_33_5: &str = "AVG art. 33 lid 5";
const AVG_34_1: &str = "AVG art. 34 lid 1";

/// When the persons affected are told.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize)]
#[serde(rename_all = "snake_case")]
pub enum TellPersons {
    /// When the breach is likely to result in a high risk to them (art. 34 lid 1 AVG).
    HoogRisico,
    /// Of every breach: the reglement asks more than the law.
    Altijd,
}

/// The clock of one breach.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct BreachAnswer {
    /// The moment of discovery, RFC 3339 with its Dutch offset.
    pub discovered: String,
    /// The last moment to notify the AP, RFC 3339 with its Dutch offset.
    pub notify_ap_by: String,
    pub hours: i64,
    pub tell_persons: TellPersons,
    pub articles: Vec<String>,
    #[serde(skip)]
    discovered_at: Timestamp,
    #[serde(skip)]
    deadline: Timestamp,
}

/// RFC 3339 with the offset Dutch clocks showed at `moment`: `2026-03-28T20:00:00+01:00`.
pub fn rfc3339_dutch(moment: Timestamp) -> String {
    moment
        .to_zoned_datetime(amsterdam())
        .strftime("%Y-%m-%dT%H:%M:%S%:z")
        .to_string()
}

/// The breach discovered at `discovered`: when the AP must have been told, and whom else to
/// tell.
pub fn breach_deadline(
    reglement: &Reglement,
    discovered: Timestamp,
) -> Result<BreachAnswer, DecisionError> {
    let deadline = discovered
        .checked_add(SignedDuration::from_hours(AP_NOTIFICATION_HOURS))
        .map_err(|_| DecisionError::OutOfRange(crate::calendar::OutOfRange))?;
    let mut articles = vec![AVG_33_1.to_owned(), AVG_34_1.to_owned()];
    let tell_persons = match &reglement.file.breaches {
        Some(b) if b.always_tell_persons => {
            articles.push(cite(b.article.get_ref(), b.law.as_deref()));
            TellPersons::Altijd
        }
        _ => TellPersons::HoogRisico,
    };
    articles.push(AVG_33_5.to_owned());
    Ok(BreachAnswer {
        discovered: rfc3339_dutch(discovered),
        notify_ap_by: rfc3339_dutch(deadline),
        hours: AP_NOTIFICATION_HOURS,
        tell_persons,
        articles,
        discovered_at: discovered,
        deadline,
    })
}

impl BreachAnswer {
    /// The last moment to notify the AP.
    pub fn deadline(&self) -> Timestamp {
        self.deadline
    }

    /// Whole hours left at `now` (negative once the 72 hours have passed).
    pub fn hours_left(&self, now: Timestamp) -> i64 {
        let left = self.deadline.duration_since(now);
        left.as_secs().div_euclid(3600)
    }

    /// Whether a notification made at `notified` was late: then its reasons must be given
    /// (art. 33 lid 1 AVG).
    pub fn late(&self, notified: Timestamp) -> bool {
        notified > self.deadline
    }

    /// The answer in words.
    pub fn explain(&self, lang: Lang) -> String {
        let tell = match self.tell_persons {
            TellPersons::HoogRisico => t!(lang, "breach-tell-persons-high-risk"),
            TellPersons::Altijd => t!(lang, "breach-tell-persons-always"),
        };
        [
            t!(
                lang,
                "breach-notify-ap",
                by = &format_moment(self.deadline, lang),
                discovered = &format_moment(self.discovered_at, lang),
                hours = &self.hours.to_string()
            ),
            tell,
            t!(lang, "breach-register"),
            t!(
                lang,
                "breach-articles",
                articles = &cite_list(&self.articles)
            ),
        ]
        .join("\n")
    }
}
