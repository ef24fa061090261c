//! Deadlines for data subject requests: respond by (from receipt), execute by (from the
//! decision), erase by (for erasure). Where the reglement states two deadlines for the same act,
//! both are computed and the earlier, the stricter, governs.

use jiff::civil::Date;
use serde::Serialize;

use super::{DecisionError, cite_list, push_article};
use crate::i18n::Lang;
use crate::law;
use crate::period::Period;
use crate::reglement::{Reglement, cite};
use crate::t;
use crate::vocabulary::{Fee, RequestType};

/// One rule's deadline, considered before the stricter was chosen.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct Candidate {
    pub date: Date,
    pub period: String,
    pub from: Date,
    pub article: String,
}

/// A deadline: the governing date, the period and the articles that set it, and every rule
/// considered.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct Deadline {
    pub date: Date,
    pub period: String,
    pub from: Date,
    pub articles: Vec<String>,
    pub considered: Vec<Candidate>,
}

#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct DeadlineAnswer {
    pub request: RequestType,
    pub received: Date,
    pub decided: Option<Date>,
    pub respond_by: Deadline,
    /// The furthest the response may be extended to (art. 12(3) AVG), unless the reglement
    /// rules the extension out.
    pub respond_by_extended: Option<Deadline>,
    pub execute_by: Option<Deadline>,
    pub erase_by: Option<Deadline>,
    pub identity_check: bool,
    /// Where the reglement says nothing of an identity check: the law that answers it (art. 12
    /// lid 6 AVG: additional information where there is reasonable doubt).
    pub identity_law: Option<String>,
    pub in_writing: bool,
    pub fee: Option<Fee>,
    pub refusal_grounds: Vec<String>,
    pub handler: Option<String>,
}

/// The deadlines of a request of type `request`, received on `received` and, if decided, decided
/// on `decided`.
pub fn request_deadlines(
    reglement: &Reglement,
    request: RequestType,
    received: Date,
    decided: Option<Date>,
) -> Result<DeadlineAnswer, DecisionError> {
    let calendar = &reglement.calendar;
    let rules: Vec<_> = reglement
        .file
        .requests
        .iter()
        .map(|r| r.get_ref())
        .filter(|r| r.types.contains(&request))
        .collect();
    let candidate =
        |from: Date, period: Period, article: String| -> Result<Candidate, DecisionError> {
            Ok(Candidate {
                date: calendar.period_end(from, period)?,
                period: period.describe(Lang::Nl),
                from,
                article,
            })
        };
    let cited =
        |r: &crate::reglement::file::RequestRule| cite(r.article.get_ref(), r.law.as_deref());

    let mut respond = Vec::new();
    for r in &rules {
        if let Some(p) = r.respond.as_ref().map(|p| *p.get_ref()) {
            respond.push(candidate(received, p, cited(r))?);
        }
    }
    // The AVG's month (art. 12(3), from the law layer, in force on the day of receipt) binds
    // whatever the reglement says: where the reglement is silent it is the deadline, and where
    // the reglement's period can run longer (30 days in February) the month governs. The
    // transfer of a record is no AVG right.
    let avg = law::avg_response(received);
    if let Some(rule) = avg {
        let month = candidate(received, rule.value.respond, rule.article.to_owned())?;
        let reglement_first = respond.iter().map(|c| c.date).min();
        if request != RequestType::Overdracht && reglement_first.is_none_or(|d| month.date < d) {
            respond.push(month);
        }
        if respond.is_empty() {
            respond.push(candidate(
                received,
                rule.value.respond,
                rule.article.to_owned(),
            )?);
        }
    }

    let extension_ruled_out = rules.iter().any(|r| r.extension == Some(false));
    let respond_by_extended = match avg {
        Some(rule) if !extension_ruled_out => governing(vec![candidate(
            received,
            rule.value.extended,
            rule.article.to_owned(),
        )?]),
        _ => None,
    };

    let mut execute = Vec::new();
    // An execution period counted from receipt binds whether or not the request is decided.
    for r in &rules {
        if let Some(p) = r.execute_from_receipt.as_ref().map(|p| *p.get_ref()) {
            execute.push(candidate(received, p, cited(r))?);
        }
    }
    if let Some(decided) = decided {
        for r in &rules {
            if let Some(p) = r.execute.as_ref().map(|p| *p.get_ref()) {
                execute.push(candidate(decided, p, cited(r))?);
            }
        }
    }

    let erase_by = if request == RequestType::Verwijdering {
        erase_deadline(reglement, received, &execute, Dossier::default(), false)?
    } else {
        None
    };

    let mut refusal_grounds = Vec::new();
    for r in &rules {
        for g in &r.refusal_grounds {
            if !refusal_grounds.contains(g) {
                refusal_grounds.push(g.clone());
            }
        }
    }
    let respond_by = governing(respond).ok_or(DecisionError::BeforeLaw { date: received })?;
    let identity_stated = rules.iter().any(|r| r.identity_check.is_some());
    Ok(DeadlineAnswer {
        request,
        received,
        decided,
        respond_by,
        respond_by_extended,
        execute_by: governing(execute),
        erase_by,
        identity_check: rules.iter().any(|r| r.identity_check == Some(true)),
        identity_law: (!identity_stated).then(|| law::AVG_IDENTITY.to_owned()),
        in_writing: rules.iter().any(|r| r.in_writing == Some(true)),
        fee: rules
            .iter()
            .find_map(|r| r.fee.as_ref().map(|f| *f.get_ref())),
        refusal_grounds,
        handler: rules.iter().find_map(|r| r.handler.clone()),
    })
}

/// Which dossier law, if any, governs the data to be erased: its own destruction period on
/// request binds beside the reglement's.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq)]
pub(crate) struct Dossier {
    /// The medical dossier of art. 7:454 BW (WGBO).
    pub wgbo: bool,
    /// The youth-care dossier of art. 7.3.8 Jeugdwet.
    pub jeugdwet: bool,
}

/// The citation of the Jeugdwet's destruction on request, worded like art. 7:455 BW.
pub(crate) const JEUGDWET_DESTRUCTION: &str = "art. 7.3.9 Jeugdwet";

/// The erase-by deadline of an erasure request received on `received`: the reglement's
/// `verwijderen` periods and the execution periods of a decision (`execute`), the stricter
/// governing. For a dossier of the WGBO or the Jeugdwet, destruction "binnen drie maanden na
/// een daartoe strekkend verzoek" (art. 7:455 lid 1 BW, art. 7.3.9 Jeugdwet) binds whatever the
/// reglement says; for other data the AVG's month (art. 12 lid 3 and art. 17 lid 1 AVG): where
/// the reglement is silent, and, with `avg_binds` (data known to be outside a dossier), whatever
/// the reglement says, as a longer period of its own cannot extend the month in advance. A
/// request for "everything" (the register's deadline) keeps the reglement's period, which may
/// be the dossier's three months.
pub(crate) fn erase_deadline(
    reglement: &Reglement,
    received: Date,
    execute: &[Candidate],
    dossier: Dossier,
    avg_binds: bool,
) -> Result<Option<Deadline>, DecisionError> {
    let calendar = &reglement.calendar;
    let candidate = |period: Period, article: String| -> Result<Candidate, DecisionError> {
        Ok(Candidate {
            date: calendar.period_end(received, period)?,
            period: period.describe(Lang::Nl),
            from: received,
            article,
        })
    };
    let mut erase = Vec::new();
    for r in reglement
        .file
        .requests
        .iter()
        .map(|r| r.get_ref())
        .filter(|r| r.types.contains(&RequestType::Verwijdering))
    {
        if let Some(p) = r.erase.as_ref().map(|p| *p.get_ref()) {
            erase.push(candidate(p, cite(r.article.get_ref(), r.law.as_deref()))?);
        }
    }
    // A decision to erase must also be carried out within the execution period.
    erase.extend(execute.iter().cloned());
    let on_request = law::DOSSIER_DESTRUCTION_ON_REQUEST;
    if received >= on_request.in_force {
        if dossier.wgbo {
            erase.push(candidate(on_request.value, on_request.article.to_owned())?);
        }
        if dossier.jeugdwet
            && law::JEUGDWET_RETENTION
                .versions
                .first()
                .is_some_and(|v| received >= v.in_force)
        {
            erase.push(candidate(
                on_request.value,
                JEUGDWET_DESTRUCTION.to_owned(),
            )?);
        }
    }
    if let Some(rule) = law::avg_response(received)
        && (erase.is_empty() || avg_binds)
    {
        erase.push(candidate(rule.value.respond, law::AVG_ERASURE.to_owned())?);
    }
    Ok(governing(erase))
}

/// The earliest of the candidates governs; ties share the citation.
fn governing(candidates: Vec<Candidate>) -> Option<Deadline> {
    let first = candidates.iter().min_by_key(|c| c.date)?.clone();
    let mut articles = Vec::new();
    for c in candidates.iter().filter(|c| c.date == first.date) {
        push_article(&mut articles, c.article.clone());
    }
    Some(Deadline {
        date: first.date,
        period: first.period,
        from: first.from,
        articles,
        considered: candidates,
    })
}

impl DeadlineAnswer {
    /// The answer in plain sentences that cite the articles.
    pub fn explain(&self, lang: Lang) -> String {
        let request = self.request.label(lang);
        let mut lines = Vec::new();
        let d = &self.respond_by;
        lines.push(t!(
            lang,
            "deadline-respond",
            request = request,
            received = &self.received.to_string(),
            date = &d.date.to_string(),
            period = &describe(&d.period, lang),
            articles = &cite_list(&d.articles)
        ));
        if d.considered.len() > 1 {
            lines.push(stricter_note(d, lang));
        }
        if let Some(x) = &self.respond_by_extended {
            lines.push(t!(
                lang,
                "deadline-extension",
                date = &x.date.to_string(),
                articles = &cite_list(&x.articles)
            ));
        }
        if let Some(e) = &self.execute_by {
            lines.push(if self.decided == Some(e.from) {
                t!(
                    lang,
                    "deadline-execute",
                    decided = &e.from.to_string(),
                    date = &e.date.to_string(),
                    period = &describe(&e.period, lang),
                    articles = &cite_list(&e.articles)
                )
            } else {
                t!(
                    lang,
                    "deadline-execute-from-receipt",
                    received = &e.from.to_string(),
                    date = &e.date.to_string(),
                    period = &describe(&e.period, lang),
                    articles = &cite_list(&e.articles)
                )
            });
            if e.considered.len() > 1 {
                lines.push(stricter_note(e, lang));
            }
        }
        if let Some(e) = &self.erase_by {
            lines.push(t!(
                lang,
                "deadline-erase",
                date = &e.date.to_string(),
                articles = &cite_list(&e.articles)
            ));
            if e.considered.len() > 1 {
                lines.push(stricter_note(e, lang));
            }
        }
        if self.identity_check {
            lines.push(t!(lang, "deadline-identity-check"));
        }
        if let Some(article) = &self.identity_law {
            lines.push(t!(lang, "deadline-identity-law", article = article));
        }
        if let Some(handler) = &self.handler {
            lines.push(t!(lang, "deadline-handler", handler = handler));
        }
        if !self.refusal_grounds.is_empty() {
            lines.push(t!(
                lang,
                "deadline-refusal-grounds",
                grounds = &self.refusal_grounds.join("; ")
            ));
        }
        if let Some(fee) = self.fee {
            lines.push(t!(lang, "deadline-fee", fee = fee.label(lang)));
        }
        lines.join("\n")
    }
}

/// The note under a deadline that more than one rule sets, indented below it.
fn stricter_note(d: &Deadline, lang: Lang) -> String {
    let all: Vec<String> = d
        .considered
        .iter()
        .map(|c| {
            format!(
                "{} ({}, {})",
                c.date,
                describe(&c.period, lang),
                cite_list(std::slice::from_ref(&c.article))
            )
        })
        .collect();
    format!(
        "  {}",
        t!(lang, "deadline-several", deadlines = &all.join("; "))
    )
}

/// Periods are stored in Dutch ("4 weken"), as the reglement writes them; this renders one in
/// the reader's language.
fn describe(dutch: &str, lang: Lang) -> String {
    dutch
        .parse::<Period>()
        .map(|p| p.describe(lang))
        .unwrap_or_else(|_| dutch.to_owned())
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::decide::{test_reglement, test_reglement_errors};

    fn date(s: &str) -> Date {
        s.parse().unwrap()
    }

    const TRANSFER: &str = "[[verzoeken]]\ntypes = [\"overdracht\"]\nreageren = \"4 weken\"\n\
                            uitvoeren_na_ontvangst = \"1 maand\"\nartikel = \"6.4\"\n";

    #[test]
    fn execution_from_receipt_binds_without_a_decision() {
        let r = test_reglement(TRANSFER);
        // 2 March + 1 month = Thursday 2 April.
        let a = request_deadlines(&r, RequestType::Overdracht, date("2026-03-02"), None).unwrap();
        let e = a
            .execute_by
            .clone()
            .expect("an execution deadline from receipt");
        assert_eq!(e.date, date("2026-04-02"));
        assert_eq!(e.from, date("2026-03-02"));
        assert_eq!(e.articles, vec!["6.4".to_owned()]);
        assert!(a.explain(Lang::En).contains("after receipt"));
    }

    #[test]
    fn execution_from_receipt_and_from_the_decision_the_earlier_governs() {
        let rule = format!("{TRANSFER}uitvoeren = \"10 werkdagen\"\n");
        let r = test_reglement(&rule);
        // From the decision of 25 March: 10 working days = 8 April; from receipt: 2 April.
        let a = request_deadlines(
            &r,
            RequestType::Overdracht,
            date("2026-03-02"),
            Some(date("2026-03-25")),
        )
        .unwrap();
        let e = a.execute_by.unwrap();
        assert_eq!(e.date, date("2026-04-02"));
        assert_eq!(e.considered.len(), 2);
        // A quick decision: 10 working days from 3 March end on 17 March, before the month.
        let a = request_deadlines(
            &r,
            RequestType::Overdracht,
            date("2026-03-02"),
            Some(date("2026-03-03")),
        )
        .unwrap();
        assert_eq!(a.execute_by.unwrap().date, date("2026-03-17"));
    }

    #[test]
    fn a_zero_execution_period_from_receipt_is_an_error() {
        let rule = TRANSFER.replace("\"1 maand\"", "\"0 dagen\"");
        assert!(test_reglement_errors(&rule).contains(&"reglement.execute_from_receipt_zero"));
    }
}
