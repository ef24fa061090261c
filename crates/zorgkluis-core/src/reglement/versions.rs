//! Versions of the reglement in force by date (issue 17 part 4): the announcement rule a
//! reglement states (`[versie] aankondigingstermijn` with `aankondigingsartikel`, Alpo zorg
//! 17.2: "De wijzigingen in het reglement zijn van kracht vier weken nadat ze bekend zijn gemaakt
//! aan betrokkenen"), whether an effective date is allowed given the announcement date, and which
//! of the adopted versions is in force on a date. Pure: the dates are parameters.

use jiff::civil::Date;
use serde::Serialize;

use super::Reglement;
use crate::i18n::Lang;
use crate::period::Period;
use crate::t;
use crate::time::format_date;

/// How long after its announcement a new version may take effect, and the article that says so.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct AnnouncementRule {
    /// "4 weken", as the reglement writes it (in Dutch).
    pub period: String,
    #[serde(skip)]
    pub term: Period,
    /// The article that states the period (`aankondigingsartikel`, else the `[versie]` article).
    pub article: String,
}

/// The announcement rule a reglement states, if any.
pub fn announcement_rule(reglement: &Reglement) -> Option<AnnouncementRule> {
    let v = &reglement.file.version;
    let term = v.announcement_period?;
    let article = v
        .announcement_article
        .as_ref()
        .map(|a| a.get_ref().clone())
        .or_else(|| v.article.clone())
        .unwrap_or_default();
    Some(AnnouncementRule {
        period: term.describe(Lang::Nl),
        term,
        article: if article.is_empty() {
            article
        } else {
            format!("{} art. {article}", reglement.name())
        },
    })
}

/// Why an effective date is refused: the field it concerns (`effective`), the earliest day
/// allowed, the article, and the sentence in the caller's language.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct EffectiveRefusal {
    pub field: &'static str,
    pub effective: Date,
    pub announced: Date,
    /// The first day the version may take effect; none when the effective date lies before the
    /// announcement itself.
    pub earliest: Option<Date>,
    pub articles: Vec<String>,
    pub message: String,
}

impl std::fmt::Display for EffectiveRefusal {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.write_str(&self.message)
    }
}

/// What allowed an effective date: the rule that governed (none where neither the version in
/// force nor the new one states an announcement period) and the earliest day it allowed.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct EffectiveAllowed {
    pub rule: Option<AnnouncementRule>,
    pub earliest: Date,
}

/// Whether a new version announced on `announced` may take effect on `effective`.
///
/// The announcement period of the version in force on the day of the announcement governs how
/// that version may be changed (Alpo zorg 17.2 binds the change it announces); the new version's
/// own period is applied too, and the longer of the two governs. An effective date before the
/// announcement is refused whatever the reglement says: a change nobody was told of cannot bind
/// those it concerns.
pub fn check_effective(
    in_force: Option<&Reglement>,
    new: &Reglement,
    announced: Date,
    effective: Date,
    lang: Lang,
) -> Result<EffectiveAllowed, EffectiveRefusal> {
    if effective < announced {
        return Err(EffectiveRefusal {
            field: "effective",
            effective,
            announced,
            earliest: None,
            articles: Vec::new(),
            message: t!(
                lang,
                "version-effective-before-announced",
                effective = &format_date(effective, lang),
                announced = &format_date(announced, lang)
            ),
        });
    }
    let calendar = &new.calendar;
    let mut governing: Option<(Date, AnnouncementRule)> = None;
    for rule in in_force
        .into_iter()
        .chain(std::iter::once(new))
        .filter_map(announcement_rule)
    {
        let Ok(earliest) = calendar.add_period(announced, rule.term) else {
            continue;
        };
        if governing.as_ref().is_none_or(|(e, _)| earliest > *e) {
            governing = Some((earliest, rule));
        }
    }
    match governing {
        Some((earliest, rule)) if effective < earliest => Err(EffectiveRefusal {
            field: "effective",
            effective,
            announced,
            earliest: Some(earliest),
            articles: vec![rule.article.clone()],
            message: t!(
                lang,
                "version-effective-in-announcement-period",
                effective = &format_date(effective, lang),
                period = &rule.term.describe(lang),
                announced = &format_date(announced, lang),
                earliest = &format_date(earliest, lang),
                article = &rule.article
            ),
        }),
        Some((earliest, rule)) => Ok(EffectiveAllowed {
            rule: Some(rule),
            earliest,
        }),
        None => Ok(EffectiveAllowed {
            rule: None,
            earliest: announced,
        }),
    }
}

/// An adopted version as the history holds it: when it takes effect, and in which order it
/// was adopted.
pub trait Dated {
    fn effective(&self) -> Date;
    /// A later adoption with the same effective date replaces the earlier one.
    fn adopted_order(&self) -> i64;
}

/// The version in force on `day`: the one with the latest effective date on or before `day`
/// (of those, the one adopted last). None before the first version took effect.
pub fn in_force_on<T: Dated>(versions: &[T], day: Date) -> Option<&T> {
    versions
        .iter()
        .filter(|v| v.effective() <= day)
        .max_by_key(|v| (v.effective(), v.adopted_order()))
}
