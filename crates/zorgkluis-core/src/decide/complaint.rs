//! The complaint's clock (Wkkgz art. 17): the care provider decides on a complaint within six
//! weeks of receiving it (lid 1) and may extend that once by at most four weeks where careful
//! handling requires it, telling the complainant in writing before the six weeks end (lid 2).
//! A reglement may set shorter terms; a longer one does not bind the complainant, so the law's
//! governs. Both are statutory terms: one that ends on a Saturday, Sunday or public holiday ends
//! on the next working day (Algemene termijnenwet art. 1).

use jiff::civil::Date;
use serde::Serialize;

use super::{DecisionError, cite_list};
use crate::i18n::Lang;
use crate::period::{Period, Unit};
use crate::reglement::{Reglement, cite};
use crate::t;

/// Wkkgz art. 17 lid 1 and lid 2, from the law layer (its six weeks, and the ten they may
/// be extended to).
pub const WKKGZ_TERM: Period = crate::law::COMPLAINT_WKKGZ.value.respond;
pub const WKKGZ_EXTENSION: Period = Period::new(
    crate::law::COMPLAINT_WKKGZ.value.extended.amount - WKKGZ_TERM.amount,
    Unit::Weeks,
);
const WKKGZ_17_1: &str = crate::law::COMPLAINT_WKKGZ.article;
const WKKGZ_17_2: &str = "Wkkgz art. 17 lid 2";
const ATW_1: &str = "Algemene termijnenwet art. 1";

#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct ComplaintAnswer {
    pub received: Date,
    /// The last day of the decision.
    pub decide_by: Date,
    pub extended: bool,
    /// The last day to tell the complainant of an extension (the end of the first term).
    pub extension_told_by: Date,
    /// The term that governs, as the reglement or the law writes it.
    pub term: String,
    pub officer: Option<String>,
    pub dispute_body: Option<String>,
    /// Where a complaint can be filed, as the reglement lists them.
    pub channels: Vec<String>,
    pub articles: Vec<String>,
}

/// The complaint received on `received`: when it must be decided, `extended` or not.
pub fn complaint_deadline(
    reglement: &Reglement,
    received: Date,
    extended: bool,
) -> Result<ComplaintAnswer, DecisionError> {
    let calendar = &reglement.calendar;
    let own = reglement.file.complaints.as_ref();
    let own_article = own.map(|c| cite(c.article.get_ref(), c.law.as_deref()));
    let mut articles = vec![WKKGZ_17_1.to_owned()];

    // The first term: the reglement's where it ends earlier, else the law's.
    let law_end = calendar.add_period(received, WKKGZ_TERM)?;
    let (mut term, mut term_end) = (WKKGZ_TERM, law_end);
    if let Some(p) = own.and_then(|c| c.term.as_ref()).map(|p| *p.get_ref()) {
        let end = calendar.add_period(received, p)?;
        if end <= law_end {
            (term, term_end) = (p, end);
            articles.extend(own_article.clone());
        }
    }
    let first = calendar.period_end(received, term)?;
    let mut shifted = first != term_end;

    let decide_by = if extended {
        articles.push(WKKGZ_17_2.to_owned());
        let mut extension = WKKGZ_EXTENSION;
        let law_ext_end = calendar.add_period(term_end, WKKGZ_EXTENSION)?;
        if let Some(p) = own.and_then(|c| c.extension.as_ref()).map(|p| *p.get_ref())
            && calendar.add_period(term_end, p)? <= law_ext_end
        {
            extension = p;
            if !articles.iter().any(|a| Some(a) == own_article.as_ref()) {
                articles.extend(own_article.clone());
            }
        }
        let unshifted = calendar.add_period(term_end, extension)?;
        let end = calendar.working_day_on_or_after(unshifted)?;
        shifted = end != unshifted;
        end
    } else {
        first
    };
    if shifted {
        articles.push(ATW_1.to_owned());
    }
    Ok(ComplaintAnswer {
        received,
        decide_by,
        extended,
        extension_told_by: first,
        term: term.describe(Lang::Nl),
        officer: own.and_then(|c| c.officer.clone()),
        dispute_body: own.and_then(|c| c.dispute_body.clone()),
        channels: own
            .and_then(|c| c.channels.as_ref())
            .map(|c| c.get_ref().clone())
            .unwrap_or_default(),
        articles,
    })
}

impl ComplaintAnswer {
    /// Whether an extension told on `told` was told in time: before the first term ended
    /// (Wkkgz art. 17 lid 2). One told later does not extend the term.
    pub fn extension_in_time(&self, told: Date) -> bool {
        told >= self.received && told <= self.extension_told_by
    }

    /// The answer in words.
    pub fn explain(&self, lang: Lang) -> String {
        let mut lines = vec![t!(
            lang,
            "complaint-decide-by",
            received = &crate::time::format_date(self.received, lang),
            date = &crate::time::format_date(self.decide_by, lang)
        )];
        lines.push(if self.extended {
            t!(lang, "complaint-extended")
        } else {
            t!(
                lang,
                "complaint-extension-possible",
                date = &crate::time::format_date(self.extension_told_by, lang)
            )
        });
        if let Some(o) = &self.officer {
            lines.push(t!(lang, "complaint-officer", officer = o));
        }
        if let Some(d) = &self.dispute_body {
            lines.push(t!(lang, "complaint-dispute-body", body = d));
        }
        if !self.channels.is_empty() {
            lines.push(t!(
                lang,
                "complaint-channels",
                channels = &self.channels.join("; ")
            ));
        }
        lines.push(t!(
            lang,
            "breach-articles",
            articles = &cite_list(&self.articles)
        ));
        lines.join("\n")
    }
}
