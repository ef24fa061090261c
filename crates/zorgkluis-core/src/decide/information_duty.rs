//! The information duty: when the subject must be told of the processing of his data. Data
//! collected from the subject himself: at the moment they are obtained (art. 13 lid 1 AVG).
//! Data obtained from someone else (a specialist's letter, a laboratory's result): within a
//! reasonable period, at the latest within one month (art. 14 lid 3 sub a AVG), or within the
//! reglement's `[informatieplicht] derden_binnen` where that is sooner. The month is a period of
//! an EU act: one that ends on a Saturday, Sunday or public holiday ends on the next working
//! day (Regulation 1182/71 art. 3 lid 4), as the calendar counts it.
//!
//! The exceptions of art. 14 lid 5 AVG (the subject already has the information, telling him
//! is impossible or would take a disproportionate effort, the law prescribes the obtaining, or
//! professional secrecy, such as the doctor's) need the handler's judgement: the answer lists
//! them, it does not weigh them.

use jiff::civil::Date;
use serde::Serialize;

use super::{DecisionError, cite_list, push_article};
use crate::i18n::Lang;
use crate::period::{Period, Unit};
use crate::reglement::{Reglement, cite};
use crate::t;

const AT_COLLECTION: &str = "AVG art. 13 lid 1";
const FROM_OTHERS: &str = "AVG art. 14 lid 3 sub a";
const EXCEPTIONS: &str = "AVG art. 14 lid 5";
/// The longest art. 14 lid 3 sub a AVG allows.
const ONE_MONTH: Period = Period::new(1, Unit::Months);

#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct InformationDutyAnswer {
    pub obtained: Date,
    /// The data came from the subject himself (art. 13) or from someone else (art. 14).
    pub from_subject: bool,
    /// The last day to tell the subject.
    pub inform_by: Date,
    /// The period that governs, as the reglement or the law writes it.
    pub period: String,
    /// How the reglement says the subject is told, if it says so.
    pub how: Option<String>,
    pub articles: Vec<String>,
}

/// When the subject must be told of data obtained on `obtained`, from himself or not.
pub fn information_due(
    reglement: &Reglement,
    obtained: Date,
    from_subject: bool,
) -> Result<InformationDutyAnswer, DecisionError> {
    let own = reglement.file.information_duty.as_ref();
    let own_article = own.map(|i| cite(i.article.get_ref(), i.law.as_deref()));
    let mut articles = Vec::new();
    let (inform_by, period) = if from_subject {
        articles.push(AT_COLLECTION.to_owned());
        (obtained, "0 dagen".to_owned())
    } else {
        let calendar = &reglement.calendar;
        let month = calendar.period_end(obtained, ONE_MONTH)?;
        let mut governing = (month, ONE_MONTH);
        if let Some(p) = own.and_then(|i| i.from_others_within.as_ref()) {
            let p = *p.get_ref();
            let end = calendar.period_end(obtained, p)?;
            if end <= month {
                governing = (end, p);
            }
        }
        // The reglement's own term, where it is not the law's month, is cited first.
        if governing.1 != ONE_MONTH {
            articles.extend(own_article.clone());
        }
        articles.push(FROM_OTHERS.to_owned());
        push_article(&mut articles, EXCEPTIONS.to_owned());
        (governing.0, governing.1.describe(Lang::Nl))
    };
    if let Some(a) = own_article {
        push_article(&mut articles, a);
    }
    Ok(InformationDutyAnswer {
        obtained,
        from_subject,
        inform_by,
        period,
        how: own.and_then(|i| i.at_collection.clone()),
        articles,
    })
}

impl InformationDutyAnswer {
    pub fn explain(&self, lang: Lang) -> String {
        let articles = cite_list(&self.articles);
        let mut lines = vec![if self.from_subject {
            t!(
                lang,
                "information-duty-at-collection",
                date = &self.inform_by.to_string(),
                articles = &articles
            )
        } else {
            t!(
                lang,
                "information-duty-from-others",
                obtained = &self.obtained.to_string(),
                date = &self.inform_by.to_string(),
                articles = &articles
            )
        }];
        if let Some(how) = &self.how {
            lines.push(t!(lang, "information-duty-how", how = how));
        }
        lines.join("\n")
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::decide::{test_reglement, test_reglement_errors};

    fn date(s: &str) -> Date {
        s.parse().unwrap()
    }

    const DUTY: &str = "[informatieplicht]\nbij_verzameling = \"bij de inschrijving\"\n\
        derden_binnen = \"2 weken\"\nartikel = \"2.6\"\n";

    #[test]
    fn data_from_the_subject_at_once_from_others_within_the_shorter_term() {
        let r = test_reglement(DUTY);
        let own = information_due(&r, date("2026-03-02"), true).unwrap();
        assert_eq!(own.inform_by, date("2026-03-02"));
        assert_eq!(own.articles, vec!["AVG art. 13 lid 1", "2.6"]);
        // 2 March + 2 weeks = Monday 16 March, before the month.
        let letter = information_due(&r, date("2026-03-02"), false).unwrap();
        assert_eq!(letter.inform_by, date("2026-03-16"));
        assert_eq!(
            letter.articles,
            vec!["2.6", "AVG art. 14 lid 3 sub a", "AVG art. 14 lid 5"]
        );
        assert!(letter.explain(Lang::En).contains("bij de inschrijving"));
    }

    #[test]
    fn without_a_term_the_month_of_the_law() {
        let r = test_reglement("");
        // 31 January + 1 month = Saturday 28 February; Monday 2 March.
        let a = information_due(&r, date("2026-01-31"), false).unwrap();
        assert_eq!(a.inform_by, date("2026-03-02"));
        assert_eq!(
            a.articles,
            vec!["AVG art. 14 lid 3 sub a", "AVG art. 14 lid 5"]
        );
    }

    #[test]
    fn a_term_beyond_the_month_warns_and_the_law_governs() {
        let long = DUTY.replace("\"2 weken\"", "\"6 weken\"");
        assert!(test_reglement_errors(&long).contains(&"reglement.information_beyond_month"));
        let r = test_reglement(&long);
        let a = information_due(&r, date("2026-03-02"), false).unwrap();
        assert_eq!(a.inform_by, date("2026-04-02"));
        assert_eq!(a.period, "1 maand");
    }
}
