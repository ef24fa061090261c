//! Periods as a reglement writes them: "4 weken", "14 werkdagen", "3 maanden", "20 jaar".

use std::fmt;
use std::str::FromStr;

use serde::{Deserialize, Deserializer, Serialize, Serializer};

use crate::i18n::Lang;
use crate::t;

#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub enum Unit {
    Days,
    WorkingDays,
    Weeks,
    Months,
    Years,
}

impl Unit {
    /// Accepted spellings, singular first: the error message lists the plurals.
    const SPELLINGS: &'static [(Unit, &'static str, &'static str)] = &[
        (Unit::Days, "dag", "dagen"),
        (Unit::WorkingDays, "werkdag", "werkdagen"),
        (Unit::Weeks, "week", "weken"),
        (Unit::Months, "maand", "maanden"),
        (Unit::Years, "jaar", "jaren"),
    ];
}

/// A period of time: an amount and a unit.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub struct Period {
    pub amount: u32,
    pub unit: Unit,
}

impl Period {
    pub const fn new(amount: u32, unit: Unit) -> Period {
        Period { amount, unit }
    }

    /// "4 weken" or "4 weeks".
    pub fn describe(self, lang: Lang) -> String {
        let count = self.amount;
        match self.unit {
            Unit::Days => t!(lang, "period-days", count = count),
            Unit::WorkingDays => t!(lang, "period-working-days", count = count),
            Unit::Weeks => t!(lang, "period-weeks", count = count),
            Unit::Months => t!(lang, "period-months", count = count),
            Unit::Years => t!(lang, "period-years", count = count),
        }
    }

    /// The longest this period can be, in days: for comparing periods of different units.
    pub fn max_days(self) -> u64 {
        let n = u64::from(self.amount);
        match self.unit {
            Unit::Days => n,
            Unit::Weeks => n * 7,
            // Every five working days take at least a week; holidays can add a few days more.
            Unit::WorkingDays => n * 7 / 5 + 5,
            Unit::Months => n * 31,
            Unit::Years => n * 366,
        }
    }

    /// The shortest this period can be, in days.
    pub fn min_days(self) -> u64 {
        let n = u64::from(self.amount);
        match self.unit {
            Unit::Days => n,
            Unit::Weeks => n * 7,
            Unit::WorkingDays => n,
            Unit::Months => n * 28,
            Unit::Years => n * 365,
        }
    }

    /// Whether this period can run past one calendar month (the AVG's response period).
    pub fn can_exceed_one_month(self) -> bool {
        match self.unit {
            Unit::Months => self.amount > 1,
            Unit::Years => self.amount > 0,
            _ => self.max_days() > 28,
        }
    }

    /// The length in whole years, when the unit allows it to be compared to a legal term.
    pub fn as_years(self) -> f64 {
        match self.unit {
            Unit::Years => f64::from(self.amount),
            Unit::Months => f64::from(self.amount) / 12.0,
            _ => self.min_days() as f64 / 365.25,
        }
    }
}

impl fmt::Display for Period {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(&self.describe(Lang::Nl))
    }
}

/// Why a period could not be read.
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
pub enum PeriodError {
    #[error(
        "a period is written as a number and a unit, such as \"4 weken\" or \"14 werkdagen\"; found `{0}`"
    )]
    Shape(String),
    #[error("the amount `{0}` is not a whole number of at most 1000; write it in digits")]
    Amount(String),
    #[error("unknown period unit `{0}`; expected one of: dagen, werkdagen, weken, maanden, jaren")]
    Unit(String),
}

impl FromStr for Period {
    type Err = PeriodError;

    fn from_str(s: &str) -> Result<Period, PeriodError> {
        let mut words = s.split_whitespace();
        let (Some(amount), Some(unit), None) = (words.next(), words.next(), words.next()) else {
            return Err(PeriodError::Shape(s.to_owned()));
        };
        let amount: u32 = amount
            .parse()
            .ok()
            .filter(|n| *n <= 1000)
            .ok_or_else(|| PeriodError::Amount(amount.to_owned()))?;
        let lower = unit.to_lowercase();
        let unit = Unit::SPELLINGS
            .iter()
            .find(|(_, one, many)| lower == *one || lower == *many)
            .map(|(u, _, _)| *u)
            .ok_or_else(|| PeriodError::Unit(unit.to_owned()))?;
        Ok(Period { amount, unit })
    }
}

impl<'de> Deserialize<'de> for Period {
    fn deserialize<D: Deserializer<'de>>(deserializer: D) -> Result<Period, D::Error> {
        let text = String::deserialize(deserializer)?;
        text.parse().map_err(serde::de::Error::custom)
    }
}

impl Serialize for Period {
    fn serialize<S: Serializer>(&self, serializer: S) -> Result<S::Ok, S::Error> {
        serializer.serialize_str(&self.describe(Lang::Nl))
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn parses_dutch_units() {
        assert_eq!("4 weken".parse(), Ok(Period::new(4, Unit::Weeks)));
        assert_eq!("1 week".parse(), Ok(Period::new(1, Unit::Weeks)));
        assert_eq!(
            " 14  werkdagen ".parse(),
            Ok(Period::new(14, Unit::WorkingDays))
        );
        assert_eq!("3 maanden".parse(), Ok(Period::new(3, Unit::Months)));
        assert_eq!("20 jaar".parse(), Ok(Period::new(20, Unit::Years)));
        assert_eq!("30 Dagen".parse(), Ok(Period::new(30, Unit::Days)));
    }

    #[test]
    fn rejects_what_it_cannot_read() {
        assert_eq!(
            "4 weekjes".parse::<Period>(),
            Err(PeriodError::Unit("weekjes".into()))
        );
        assert_eq!(
            "vier weken".parse::<Period>(),
            Err(PeriodError::Amount("vier".into()))
        );
        assert_eq!(
            "-1 dagen".parse::<Period>(),
            Err(PeriodError::Amount("-1".into()))
        );
        assert_eq!("4".parse::<Period>(), Err(PeriodError::Shape("4".into())));
        assert_eq!(
            "4 weken extra".parse::<Period>(),
            Err(PeriodError::Shape("4 weken extra".into()))
        );
    }

    #[test]
    fn describes_itself_in_both_languages() {
        assert_eq!(Period::new(1, Unit::Months).describe(Lang::Nl), "1 maand");
        assert_eq!(
            Period::new(14, Unit::WorkingDays).describe(Lang::En),
            "14 working days"
        );
    }
}
