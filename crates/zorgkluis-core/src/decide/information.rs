//! What a subject is told beside his data when he exercises his right of access (art. 15 lid 1
//! AVG): the purposes and processings, the categories, the recipients, how long each category
//! is kept, where the data came from, his rights and where to complain, all derived from the
//! reglement; and what a copy costs (art. 15 lid 3 AVG: the first copy is free, further copies
//! as the reglement's fee rule says).
//!
//! The recipients come from the reglement (the processings' recipients and its disclosure
//! rules): what may be disclosed, not what was. Once the disclosure ledger exists, the
//! disclosures actually made go beside them.

use jiff::civil::Date;
use serde::Serialize;

use super::{CareLaws, RetentionFacts, care_laws, push_article, retention};
use crate::i18n::{Lang, t};
use crate::reglement::{Reglement, cite};
use crate::t;
use crate::vocabulary::{Fee, RequestType};

/// An id of the taxonomy with its label in the reader's language.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct Labelled {
    pub id: String,
    pub label: String,
}

/// One processing that concerns the subject (art. 15 lid 1 sub a, b, c, g AVG).
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct ProcessingInfo {
    pub id: String,
    pub name: String,
    /// The article of the reglement that describes it.
    pub article: String,
    pub purpose: String,
    pub legal_basis: Vec<String>,
    pub special_category_exceptions: Vec<String>,
    /// The subject's categories this processing uses.
    pub categories: Vec<Labelled>,
    /// Where the data comes from (art. 15 lid 1 sub g AVG).
    pub sources: Vec<String>,
    pub recipients: Vec<Labelled>,
    pub processor: Option<String>,
    /// Transfers outside the EEA (art. 15 lid 2 AVG).
    pub transfers: String,
}

/// A disclosure rule of the reglement that covers some of the subject's categories: to whom,
/// on what condition (art. 15 lid 1 sub c AVG).
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct DisclosureInfo {
    pub recipients: Vec<Labelled>,
    /// The categories covered; empty: all of the subject's.
    pub categories: Vec<Labelled>,
    /// The consent the disclosure needs, in words.
    pub consent: String,
    pub conditions: Vec<String>,
    pub articles: Vec<String>,
}

/// A right of the subject and the articles it rests on (art. 15 lid 1 sub e AVG).
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct RightInfo {
    pub request_type: RequestType,
    pub label: String,
    /// The law's articles first, then the reglement's rules for it.
    pub articles: Vec<String>,
}

/// Where the subject can complain (art. 15 lid 1 sub f AVG, art. 77 and 79 AVG).
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct ComplaintInfo {
    /// The organisation's own: its complaints officer, or the organisation.
    pub organisation: String,
    pub dispute_body: Option<String>,
    /// The Autoriteit Persoonsgegevens and the court, in words with their articles.
    pub authority: String,
    pub court: String,
    /// The data protection officer, where the reglement names one: a function and a contact.
    pub dpo: Option<String>,
    /// Where a complaint can be filed, as the reglement lists them (`[klachten] kanalen`).
    pub channels: Vec<String>,
}

/// How long one category of the subject's data is kept (art. 15 lid 1 sub d AVG).
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct CategoryRetention {
    pub category: String,
    pub label: String,
    /// The last day of retention; none while it has not started (it runs from the end of
    /// care) or where no rule covers the category.
    pub retain_until: Option<Date>,
    pub articles: Vec<String>,
    /// The rule in words: the period and what it runs from, or that none is set.
    pub text: String,
}

/// Everything art. 15 lid 1 AVG asks beside the data, for one subject.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct SubjectInformation {
    pub processings: Vec<ProcessingInfo>,
    pub disclosures: Vec<DisclosureInfo>,
    /// `reglement`: the recipients are those the reglement allows, not a ledger of disclosures.
    pub recipients_source: &'static str,
    pub retention: Vec<CategoryRetention>,
    /// Automated decision-making (art. 15 lid 1 sub h AVG), as far as the reglement says.
    pub automated_decisions: String,
}

/// What the copy costs (art. 15 lid 3 AVG).
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct CopyFee {
    /// No earlier copy was given to the subject.
    pub first_copy: bool,
    /// What may be charged: `geen` for the first copy; for a further one the reglement's rule
    /// (none where it has no rule for the type).
    pub fee: Option<Fee>,
    pub text: String,
    pub articles: Vec<String>,
}

fn label_category(reglement: &Reglement, id: &str, lang: Lang) -> Labelled {
    Labelled {
        id: id.to_owned(),
        label: reglement
            .taxonomy
            .category(id)
            .map_or_else(|| id.to_owned(), |c| c.label(lang).to_owned()),
    }
}

fn label_recipient(reglement: &Reglement, id: &str, lang: Lang) -> Labelled {
    Labelled {
        id: id.to_owned(),
        label: reglement
            .taxonomy
            .recipient(id)
            .map_or_else(|| id.to_owned(), |c| c.label(lang).to_owned()),
    }
}

/// The information for a subject of `subject_category` with data in `categories` (each with
/// the facts its retention runs from).
pub fn subject_information(
    reglement: &Reglement,
    subject_category: &str,
    categories: &[(String, RetentionFacts)],
    lang: Lang,
) -> SubjectInformation {
    let f = &reglement.file;
    let has = |c: &str| categories.iter().any(|(id, _)| id == c);
    let processings = f
        .processings
        .iter()
        .map(|p| p.get_ref())
        .filter(|p| p.subjects.iter().any(|s| s.get_ref() == subject_category))
        .filter(|p| p.categories.iter().any(|c| has(c.get_ref())))
        .map(|p| ProcessingInfo {
            id: p.id.get_ref().clone(),
            name: p.name.clone(),
            article: p.article.get_ref().clone(),
            purpose: p.purpose.clone(),
            legal_basis: p
                .legal_basis
                .iter()
                .map(|b| b.label(lang).to_owned())
                .collect(),
            special_category_exceptions: p
                .art9_exceptions
                .iter()
                .map(|e| e.label(lang).to_owned())
                .collect(),
            categories: p
                .categories
                .iter()
                .filter(|c| has(c.get_ref()))
                .map(|c| label_category(reglement, c.get_ref(), lang))
                .collect(),
            sources: p.sources.clone(),
            recipients: p
                .recipients
                .iter()
                .map(|r| label_recipient(reglement, r.get_ref(), lang))
                .collect(),
            processor: p.processor.clone(),
            transfers: p
                .transfers
                .clone()
                .unwrap_or_else(|| t(lang, "register-no-transfers")),
        })
        .collect();
    let disclosures = f
        .disclosures
        .iter()
        .map(|d| d.get_ref())
        .filter(|d| {
            d.categories
                .as_ref()
                .is_none_or(|cs| cs.iter().any(|c| has(c.get_ref())))
        })
        .map(|d| DisclosureInfo {
            recipients: d
                .recipients
                .iter()
                .map(|r| label_recipient(reglement, r.get_ref(), lang))
                .collect(),
            categories: d
                .categories
                .iter()
                .flatten()
                .filter(|c| has(c.get_ref()))
                .map(|c| label_category(reglement, c.get_ref(), lang))
                .collect(),
            consent: d.consent.label(lang).to_owned(),
            conditions: scoped_conditions(d),
            articles: vec![cite(d.article.get_ref(), d.law.as_deref())],
        })
        .collect();
    let retention = categories
        .iter()
        .map(|(c, facts)| category_retention(reglement, c, *facts, lang))
        .collect();
    SubjectInformation {
        processings,
        disclosures,
        recipients_source: "reglement",
        retention,
        automated_decisions: t(lang, "export-no-automated-decisions"),
    }
}

/// The retention of one category of the subject's data, from the core's retention answer.
pub fn category_retention(
    reglement: &Reglement,
    category: &str,
    facts: RetentionFacts,
    lang: Lang,
) -> CategoryRetention {
    let label = label_category(reglement, category, lang).label;
    match retention(reglement, category, facts) {
        Ok(a) => {
            let period = a
                .period
                .parse::<crate::period::Period>()
                .map_or_else(|_| a.period.clone(), |p| p.describe(lang));
            let text = match a.retain_until {
                Some(until) => t!(
                    lang,
                    "export-retention-until",
                    period = &period,
                    from = a.from.label(lang),
                    date = &crate::time::format_date(until, lang)
                ),
                None => t!(
                    lang,
                    "export-retention-open",
                    period = &period,
                    from = a.from.label(lang)
                ),
            };
            CategoryRetention {
                category: category.to_owned(),
                label,
                retain_until: a.retain_until,
                articles: a.articles,
                text,
            }
        }
        Err(_) => CategoryRetention {
            category: category.to_owned(),
            label,
            retain_until: None,
            articles: vec!["AVG art. 5 lid 1 sub e".to_owned()],
            text: t(lang, "export-retention-none"),
        },
    }
}

/// The subject's rights, each with the law's articles and the reglement's rules for it.
pub fn rights(reglement: &Reglement, lang: Lang) -> Vec<RightInfo> {
    let laws = care_laws(&reglement.file);
    let types = RequestType::ALL.iter().copied().filter(|r| {
        *r != RequestType::Overdracht
            || reglement
                .file
                .requests
                .iter()
                .any(|rule| rule.get_ref().types.contains(r))
    });
    types
        .map(|request| {
            let mut articles: Vec<String> = right_articles(laws, request)
                .into_iter()
                .map(str::to_owned)
                .collect();
            for rule in reglement.file.requests.iter().map(|r| r.get_ref()) {
                if rule.types.contains(&request) {
                    push_article(
                        &mut articles,
                        cite(rule.article.get_ref(), rule.law.as_deref()),
                    );
                }
            }
            RightInfo {
                request_type: request,
                label: request.label(lang).to_owned(),
                articles,
            }
        })
        .collect()
}

/// The articles of the right itself: for the log overview the Wabvpz's, then the care laws'
/// for the dossier (the WGBO's, the Jeugdwet's, where they govern), then the AVG's.
pub fn right_articles(laws: CareLaws, request: RequestType) -> Vec<&'static str> {
    let (avg, wgbo, jeugdwet): (Option<&str>, Option<&str>, Option<&str>) = match request {
        RequestType::Inzage => (
            Some("AVG art. 15"),
            Some("art. 7:456 BW"),
            Some("art. 7.3.10 Jeugdwet"),
        ),
        RequestType::Afschrift => (
            Some("AVG art. 15 lid 3"),
            Some("art. 7:456 BW"),
            Some("art. 7.3.10 Jeugdwet"),
        ),
        RequestType::Correctie => (Some("AVG art. 16"), None, None),
        RequestType::Aanvulling => (Some("AVG art. 16"), Some("art. 7:454 lid 2 BW"), None),
        RequestType::Verwijdering => (
            Some("AVG art. 17"),
            Some("art. 7:455 BW"),
            Some("art. 7.3.9 Jeugdwet"),
        ),
        RequestType::Afscherming => (Some("AVG art. 18"), None, None),
        RequestType::Bezwaar => (Some("AVG art. 21"), None, None),
        RequestType::Overdraagbaarheid => (Some("AVG art. 20"), None, None),
        RequestType::Overdracht => (None, None, None),
        // The client's overview of who accessed his data: the AVG's right of access, and for
        // a care provider the Wabvpz's electronic overview of the logging.
        RequestType::InzageLogging => (Some("AVG art. 15"), None, None),
    };
    let mut out = Vec::new();
    if request == RequestType::InzageLogging {
        out.push("art. 15e Wabvpz");
    }
    if laws.wgbo
        && let Some(w) = wgbo
    {
        out.push(w);
    }
    if laws.jeugdwet
        && let Some(j) = jeugdwet
    {
        out.push(j);
    }
    out.extend(avg);
    out
}

/// Where the subject can complain: the reglement's complaints officer (or the organisation),
/// its dispute body, the Autoriteit Persoonsgegevens and the court.
pub fn complaint_channels(reglement: &Reglement, lang: Lang) -> ComplaintInfo {
    let f = &reglement.file;
    let own = f.complaints.as_ref();
    ComplaintInfo {
        organisation: own
            .and_then(|c| c.officer.clone())
            .unwrap_or_else(|| f.organisation.name.clone()),
        dispute_body: own.and_then(|c| c.dispute_body.clone()),
        authority: t(lang, "export-complain-authority"),
        court: t(lang, "export-complain-court"),
        dpo: f.organisation.dpo.as_ref().map(|d| {
            let contact: Vec<&str> = [d.email.as_deref(), d.phone.as_deref()]
                .into_iter()
                .flatten()
                .collect();
            if contact.is_empty() {
                d.function.clone()
            } else {
                format!("{} ({})", d.function, contact.join(", "))
            }
        }),
        channels: own
            .and_then(|c| c.channels.as_ref())
            .map(|c| c.get_ref().clone())
            .unwrap_or_default(),
    }
}

/// What a copy of a request of type `request` costs, `earlier` copies having been given to the
/// subject before: the first free (art. 15 lid 3 AVG, whatever the reglement says), a further
/// one as the reglement's fee rule for the type says.
pub fn copy_fee(
    reglement: &Reglement,
    request: RequestType,
    earlier: usize,
    lang: Lang,
) -> CopyFee {
    const AVG_15_3: &str = "AVG art. 15 lid 3";
    if earlier == 0 {
        return CopyFee {
            first_copy: true,
            fee: Some(Fee::Geen),
            text: t(lang, "export-fee-first"),
            articles: vec![AVG_15_3.to_owned()],
        };
    }
    let rule = reglement
        .file
        .requests
        .iter()
        .map(|r| r.get_ref())
        .filter(|r| r.types.contains(&request))
        .find_map(|r| {
            r.fee
                .as_ref()
                .map(|f| (*f.get_ref(), cite(r.article.get_ref(), r.law.as_deref())))
        });
    match rule {
        Some((fee, article)) => CopyFee {
            first_copy: false,
            fee: Some(fee),
            text: t!(lang, "export-fee-further", fee = fee.label(lang)),
            articles: vec![article, AVG_15_3.to_owned()],
        },
        None => CopyFee {
            first_copy: false,
            fee: None,
            text: t(lang, "export-fee-further-silent"),
            articles: vec![AVG_15_3.to_owned()],
        },
    }
}

/// A disclosure rule's conditions, with its purposes and its days where it has them: the
/// subject reads a temporary rule as temporary.
fn scoped_conditions(d: &crate::reglement::file::DisclosureRule) -> Vec<String> {
    let mut out = d.conditions.clone();
    if !d.purposes.is_empty() {
        let purposes: Vec<&str> = d.purposes.iter().map(|p| p.get_ref().as_str()).collect();
        out.push(format!("alleen voor: {}", purposes.join(", ")));
    }
    if d.is_dated() {
        let day = |x: &Option<toml::Spanned<crate::reglement::file::Day>>| {
            x.as_ref()
                .map_or_else(|| "-".to_owned(), |x| x.get_ref().0.to_string())
        };
        out.push(format!(
            "geldig van {} tot en met {}",
            day(&d.valid_from),
            day(&d.valid_until)
        ));
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    fn bg() -> Reglement {
        let source = include_str!("../../../../reglementen/bg-wonen.toml");
        Reglement::load("bg-wonen.toml", source, Lang::En).unwrap()
    }

    /// The GP practice's temporary measure and purpose-bound rules read as such in the
    /// subject's information, and its complaint channels are listed.
    #[test]
    fn a_temporary_rule_reads_as_temporary() {
        let source = include_str!("../../../../reglementen/huisartsenpraktijk.toml");
        let r = Reglement::load("huisartsenpraktijk.toml", source, Lang::En).unwrap();
        let facts = RetentionFacts {
            created: Some(jiff::civil::date(2026, 3, 2)),
            ..RetentionFacts::default()
        };
        let info = subject_information(&r, "client", &[("naw".to_owned(), facts)], Lang::Nl);
        let campaign = info
            .disclosures
            .iter()
            .find(|d| d.articles[0].starts_with("4.10"))
            .expect("the campaign rule");
        assert!(
            campaign
                .conditions
                .contains(&"geldig van 2026-10-01 tot en met 2026-12-31".to_owned())
        );
        assert!(
            campaign
                .conditions
                .contains(&"alleen voor: vaccinatie_uitnodiging".to_owned())
        );
        assert_eq!(complaint_channels(&r, Lang::Nl).channels.len(), 3);
    }

    #[test]
    fn the_first_copy_is_free_whatever_the_reglement_says() {
        let r = bg();
        // BG wonen 4.6 lets the directie ask a fee for the copy: not for the first.
        let first = copy_fee(&r, RequestType::Afschrift, 0, Lang::Nl);
        assert!(first.first_copy);
        assert_eq!(first.fee, Some(Fee::Geen));
        assert_eq!(first.articles, ["AVG art. 15 lid 3"]);
        let second = copy_fee(&r, RequestType::Afschrift, 1, Lang::Nl);
        assert!(!second.first_copy);
        assert_eq!(second.fee, Some(Fee::Redelijk));
        assert_eq!(second.articles, ["4.6", "AVG art. 15 lid 3"]);
    }

    #[test]
    fn the_information_concerns_the_subjects_processings_and_categories() {
        let r = bg();
        let facts = RetentionFacts {
            created: Some(jiff::civil::date(2024, 5, 1)),
            last_change: Some(jiff::civil::date(2025, 1, 10)),
            ..RetentionFacts::default()
        };
        let info = subject_information(
            &r,
            "client",
            &[("naw".into(), facts), ("gezondheid".into(), facts)],
            Lang::Nl,
        );
        let ids: Vec<&str> = info.processings.iter().map(|p| p.id.as_str()).collect();
        // The website's visitors are another subject category; camera footage and photos are
        // categories this client has no data in. I.B names incident analysis and research as
        // purposes for the client's health data too.
        assert_eq!(
            ids,
            [
                "zorgverlening",
                "clientadministratie",
                "incidentanalyse",
                "onderzoek"
            ]
        );
        let care = &info.processings[0];
        let cats: Vec<&str> = care.categories.iter().map(|c| c.id.as_str()).collect();
        assert_eq!(cats, ["naw", "gezondheid"]);
        assert!(care.recipients.iter().any(|r| r.id == "inspectie"));
        assert!(!care.sources.is_empty());
        // Health data: 20 years from the last change (BG wonen 3.4, the WGBO).
        let health = info
            .retention
            .iter()
            .find(|c| c.category == "gezondheid")
            .unwrap();
        assert_eq!(health.retain_until, Some(jiff::civil::date(2045, 1, 10)));
        assert!(
            info.disclosures
                .iter()
                .any(|d| d.recipients.iter().any(|r| r.id == "inspectie"))
        );
        let rights = rights(&r, Lang::Nl);
        let logging = rights
            .iter()
            .find(|x| x.request_type == RequestType::InzageLogging)
            .unwrap();
        assert_eq!(logging.articles[0], "art. 15e Wabvpz");
        let access = rights
            .iter()
            .find(|x| x.request_type == RequestType::Inzage)
            .unwrap();
        assert!(access.articles.iter().any(|a| a == "4.4"), "{access:?}");
    }
}
