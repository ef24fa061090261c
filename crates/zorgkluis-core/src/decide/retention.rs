//! Retention: from a data category and the record's dates to the day retention ends
//! (`retain_until`) and the day destruction must be done (`destroy_by`).
//!
//! Several rules may cover one category: the data is then kept until the latest of them ends
//! (a retention obligation cannot be cut short by another rule), and destroyed within the
//! shortest destruction window that applies (the stricter rule).

use jiff::civil::Date;
use serde::Serialize;

use super::{DecisionError, cite_list, known_id, push_article};
use crate::i18n::Lang;
use crate::period::Period;
use crate::reglement::{Reglement, cite};
use crate::t;
use crate::taxonomy::IdKind;
use crate::vocabulary::Anchor;

/// What is known of a record.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq)]
pub struct RetentionFacts {
    pub created: Option<Date>,
    /// The last change; the creation date when it was never changed.
    pub last_change: Option<Date>,
    /// The end of care; none while care goes on.
    pub care_ended: Option<Date>,
    /// A complaint or court case holds the record.
    pub legal_hold: bool,
}

#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct RetentionAnswer {
    pub category: String,
    /// The last day the data must (or may) be kept; none while the period has not started.
    pub retain_until: Option<Date>,
    /// The day destruction must be done by; none while retention runs open or a hold applies.
    pub destroy_by: Option<Date>,
    pub articles: Vec<String>,
    pub period: String,
    pub from: Anchor,
    /// Why the dates are open, if they are.
    pub pending: Option<String>,
    /// A legal hold suspends destruction.
    pub suspended: bool,
    /// The client may consent to keeping the data longer.
    pub extendable_with_consent: bool,
}

/// The retention of `category` for a record with these facts.
pub fn retention(
    reglement: &Reglement,
    category: &str,
    facts: RetentionFacts,
) -> Result<RetentionAnswer, DecisionError> {
    known_id(reglement, IdKind::Category, category)?;
    let rules: Vec<_> = reglement
        .file
        .retention
        .iter()
        .map(|r| r.get_ref())
        .filter(|r| r.categories.iter().any(|c| c.get_ref() == category))
        .collect();
    if rules.is_empty() {
        return Err(DecisionError::NoRetentionRule(category.to_owned()));
    }
    let last_change = facts.last_change.or(facts.created);

    // Each rule's end of retention, or why it is still open.
    let mut ends: Vec<(Option<Date>, &crate::reglement::file::RetentionRule)> = Vec::new();
    for rule in &rules {
        let anchor = match rule.from {
            Anchor::Aanmaak => Some(facts.created.ok_or_else(|| missing("--created", rule))?),
            Anchor::LaatsteWijziging => {
                Some(last_change.ok_or_else(|| missing("--last-change", rule))?)
            }
            Anchor::EindeZorg => facts.care_ended,
            Anchor::EindeBoekjaar => {
                let d = last_change.ok_or_else(|| missing("--created", rule))?;
                Some(Date::new(d.year(), 12, 31).map_err(crate::calendar::OutOfRange::from)?)
            }
        };
        let end = match anchor {
            Some(a) => Some(reglement.calendar.add_period(a, *rule.period.get_ref())?),
            None => None,
        };
        ends.push((end, rule));
    }

    let mut articles = Vec::new();
    let open = ends.iter().find(|(end, _)| end.is_none());
    let (retain_until, governing) = match open {
        Some((_, rule)) => (None, *rule),
        None => {
            let latest = ends.iter().filter_map(|(e, _)| *e).max();
            let rule = ends
                .iter()
                .find(|(e, _)| *e == latest)
                .map_or(rules[0], |(_, r)| *r);
            (latest, rule)
        }
    };
    for (end, rule) in &ends {
        if *end == retain_until || end.is_none() {
            push_article(
                &mut articles,
                cite(rule.article.get_ref(), rule.law.as_deref()),
            );
        }
    }
    let pending = open.map(|_| "einde_zorg".to_owned());

    // The destruction window: the shortest that applies.
    let mut windows: Vec<(Period, String)> = rules
        .iter()
        .filter_map(|r| {
            r.destroy_within
                .map(|p| (p, cite(r.article.get_ref(), r.law.as_deref())))
        })
        .collect();
    if let Some(d) = &reglement.file.destruction {
        windows.push((d.within, d.article.get_ref().clone()));
    }
    let window = windows.into_iter().min_by_key(|(p, _)| p.min_days());
    let suspended = facts.legal_hold;
    let destroy_by = match (retain_until, &window, suspended) {
        (_, _, true) | (None, _, _) => None,
        (Some(until), Some((p, _)), false) => Some(reglement.calendar.add_period(until, *p)?),
        (Some(until), None, false) => Some(until),
    };
    if let Some((_, article)) = &window
        && retain_until.is_some()
    {
        push_article(&mut articles, article.clone());
    }
    if suspended {
        let hold_article = match &reglement.file.destruction {
            Some(d) if !d.suspended_by.is_empty() => d.article.get_ref().clone(),
            _ => "AVG art. 17 lid 3 sub e".to_owned(),
        };
        push_article(&mut articles, hold_article);
    }
    Ok(RetentionAnswer {
        category: category.to_owned(),
        retain_until,
        destroy_by,
        articles,
        period: governing.period.get_ref().describe(Lang::Nl),
        from: governing.from,
        pending,
        suspended,
        extendable_with_consent: rules.iter().any(|r| r.extendable_with_consent),
    })
}

fn missing(flag: &'static str, rule: &crate::reglement::file::RetentionRule) -> DecisionError {
    DecisionError::MissingFact {
        fact: flag,
        article: rule.article.get_ref().clone(),
        from: rule.from,
    }
}

impl RetentionAnswer {
    pub fn explain(&self, lang: Lang) -> String {
        let articles = cite_list(&self.articles);
        let from = self.from.label(lang);
        // The period is stored in Dutch ("20 jaar"), as the reglement writes it.
        let period = self
            .period
            .parse::<Period>()
            .map_or(self.period.clone(), |p| p.describe(lang));
        let category = self.category.as_str();
        let mut sentences = vec![match self.retain_until {
            Some(until) => t!(
                lang,
                "retention-kept-until",
                category = category,
                until = &until.to_string(),
                period = &period,
                from = from,
                articles = &articles
            ),
            None => t!(
                lang,
                "retention-not-started",
                category = category,
                period = &period,
                from = from,
                articles = &articles
            ),
        }];
        if let Some(by) = self.destroy_by {
            sentences.push(t!(lang, "retention-destroy-by", date = &by.to_string()));
        }
        if self.suspended {
            sentences.push(t!(lang, "retention-suspended"));
        }
        if self.extendable_with_consent {
            sentences.push(t!(lang, "retention-extendable"));
        }
        sentences.join(" ")
    }
}
