//! The annual privacy report (BG wonen 8.2: "BG wonen stelt jaarlijks het Jaarverslag privacy
//! vast"; the FG reports to the highest management, art. 38 lid 3 AVG): the year's figures
//! from the events the registers hold, never typed again. Every figure lists the events it
//! counts (a request's, incident's or complaint's id, an audit event's number), so an auditor
//! can check it. Pure: the facts and the day the report is made are parameters; the store
//! gathers the facts, the renderers write HTML, PDF and JSON.

use jiff::Timestamp;
use jiff::civil::Date;
use serde::Serialize;

use crate::i18n::{Lang, t};
use crate::vocabulary::{RequestOutcome, RequestType};

/// A request filed in the year, as the request register holds it.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct RequestFact {
    pub id: String,
    pub kind: RequestType,
    pub received: Date,
    /// The deadline for the answer: the extended one where an extension was told.
    pub due: Date,
    pub extended: bool,
    /// The day it was decided; none while open or once withdrawn.
    pub answered: Option<Date>,
    /// Withdrawn by the requester before a decision: neither on time nor late.
    pub withdrawn: bool,
    pub outcome: Option<RequestOutcome>,
    /// The refusal grounds' ids ("kennelijk_ongegrond", "4.4/3").
    pub grounds: Vec<String>,
}

/// An incident discovered in the year.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct IncidentFact {
    pub id: String,
    pub discovered: Timestamp,
    /// The AP's 72 hours end here.
    pub deadline: Timestamp,
    /// Decided not to notify (a breach unlikely to result in a risk).
    pub not_notified: bool,
    pub ap_notified: Option<Timestamp>,
    pub persons_notified: bool,
}

/// A complaint received in the year.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct ComplaintFact {
    pub id: String,
    pub received: Date,
    pub decide_by: Date,
    pub extended: bool,
    pub decided: Option<Date>,
    pub to_ap: bool,
}

/// An emergency access of the year (an audit event).
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct EmergencyFact {
    pub seq: i64,
    /// A review of the emergency accesses that showed it took place later.
    pub reviewed: bool,
}

/// A disclosure of the year, by the kind of its recipient (the taxonomy's id).
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct DisclosureFact {
    pub id: String,
    pub recipient_kind: String,
}

/// A retention run finished in the year and how many items it destroyed.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct RunFact {
    pub id: String,
    pub destroyed: Vec<String>,
}

/// A log-review flag raised in the year.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct FlagFact {
    pub id: String,
    pub kind: String,
    pub closed: bool,
}

/// Everything the year's report counts.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct YearFacts {
    pub requests: Vec<RequestFact>,
    pub incidents: Vec<IncidentFact>,
    pub complaints: Vec<ComplaintFact>,
    pub emergencies: Vec<EmergencyFact>,
    pub flags: Vec<FlagFact>,
    pub disclosures: Vec<DisclosureFact>,
    /// The consents given in the year, by id.
    pub consents_given: Vec<String>,
    pub consents_withdrawn: Vec<String>,
    pub runs: Vec<RunFact>,
    /// The reglement versions that took effect in the year ("2026-1 (1 maart 2026)").
    pub versions: Vec<String>,
}

/// One figure: what it counts, its number, and the events it counts.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct Figure {
    pub id: String,
    pub label: String,
    pub value: usize,
    /// The events counted: ids, audit event numbers, or "id (+3 dagen)" for a late one.
    pub events: Vec<String>,
}

/// A part of the report: its figures, and whether they chart as bars (parts of one whole).
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct Section {
    pub id: &'static str,
    pub title: String,
    pub figures: Vec<Figure>,
    /// The figures to draw as bars (a breakdown), by id.
    pub chart: Vec<String>,
}

#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct AnnualReport {
    pub organisation: String,
    pub year: i16,
    /// The day the report was made; figures of a year not yet over count up to it.
    pub made_on: Date,
    pub sections: Vec<Section>,
}

impl AnnualReport {
    /// A figure by its section and id, for tests and the dashboard.
    pub fn figure(&self, section: &str, id: &str) -> Option<&Figure> {
        self.sections
            .iter()
            .find(|s| s.id == section)?
            .figures
            .iter()
            .find(|f| f.id == id)
    }
}

fn figure(id: impl Into<String>, label: String, events: Vec<String>) -> Figure {
    Figure {
        id: id.into(),
        label,
        value: events.len(),
        events,
    }
}

/// Days from `a` to `b` (positive when `b` is later).
fn days(a: Date, b: Date) -> i64 {
    a.until(b).map_or(0, |s| i64::from(s.get_days()))
}

fn late_event(id: &str, late_days: i64, lang: Lang) -> String {
    format!(
        "{id} ({})",
        crate::t!(lang, "annual-days-late", days = late_days)
    )
}

/// The report of `year` from its facts, made on `today`.
pub fn annual_report(
    organisation: &str,
    year: i16,
    facts: &YearFacts,
    today: Date,
    lang: Lang,
    recipient_label: impl Fn(&str) -> String,
) -> AnnualReport {
    let sections = vec![
        requests(facts, today, lang),
        incidents(facts, lang),
        complaints(facts, today, lang),
        oversight(facts, lang),
        disclosures(facts, lang, &recipient_label),
        consents_and_retention(facts, lang),
    ];
    AnnualReport {
        organisation: organisation.to_owned(),
        year,
        made_on: today,
        sections,
    }
}

fn requests(facts: &YearFacts, today: Date, lang: Lang) -> Section {
    let mut figures = vec![figure(
        "total",
        t(lang, "annual-requests-total"),
        facts.requests.iter().map(|r| r.id.clone()).collect(),
    )];
    let mut chart = Vec::new();
    for kind in RequestType::ALL {
        let of_kind: Vec<String> = facts
            .requests
            .iter()
            .filter(|r| r.kind == *kind)
            .map(|r| r.id.clone())
            .collect();
        if of_kind.is_empty() {
            continue;
        }
        let id = format!("type_{}", kind.id());
        chart.push(id.clone());
        figures.push(figure(id, kind.label(lang).to_owned(), of_kind));
    }
    // On time: answered by the deadline. Late: answered after it, or still open past it.
    let on_time = facts
        .requests
        .iter()
        .filter(|r| r.answered.is_some_and(|a| a <= r.due))
        .map(|r| r.id.clone())
        .collect();
    let late = facts
        .requests
        .iter()
        .filter(|r| !r.withdrawn)
        .filter_map(|r| {
            let end = r.answered.unwrap_or(today);
            (end > r.due).then(|| late_event(&r.id, days(r.due, end), lang))
        })
        .collect();
    let open = facts
        .requests
        .iter()
        .filter(|r| !r.withdrawn && r.answered.is_none() && today <= r.due)
        .map(|r| r.id.clone())
        .collect();
    figures.push(figure("on_time", t(lang, "annual-on-time"), on_time));
    figures.push(figure("late", t(lang, "annual-late"), late));
    figures.push(figure("open", t(lang, "annual-still-open"), open));
    figures.push(figure(
        "withdrawn",
        t(lang, "annual-withdrawn"),
        facts
            .requests
            .iter()
            .filter(|r| r.withdrawn)
            .map(|r| r.id.clone())
            .collect(),
    ));
    figures.push(figure(
        "extended",
        t(lang, "annual-extended"),
        facts
            .requests
            .iter()
            .filter(|r| r.extended)
            .map(|r| r.id.clone())
            .collect(),
    ));
    let refused: Vec<&RequestFact> = facts
        .requests
        .iter()
        .filter(|r| {
            matches!(
                r.outcome,
                Some(RequestOutcome::Afgewezen | RequestOutcome::DeelsToegewezen)
            )
        })
        .collect();
    figures.push(figure(
        "refused",
        t(lang, "annual-refused"),
        refused.iter().map(|r| r.id.clone()).collect(),
    ));
    let mut grounds: Vec<&str> = refused
        .iter()
        .flat_map(|r| r.grounds.iter().map(String::as_str))
        .collect();
    grounds.sort_unstable();
    grounds.dedup();
    for g in grounds {
        figures.push(figure(
            format!("ground_{g}"),
            crate::t!(lang, "annual-refused-on", ground = g),
            refused
                .iter()
                .filter(|r| r.grounds.iter().any(|x| x == g))
                .map(|r| r.id.clone())
                .collect(),
        ));
    }
    Section {
        id: "verzoeken",
        title: t(lang, "annual-requests"),
        figures,
        chart,
    }
}

fn incidents(facts: &YearFacts, lang: Lang) -> Section {
    let ids = |keep: &dyn Fn(&IncidentFact) -> bool| -> Vec<String> {
        facts
            .incidents
            .iter()
            .filter(|i| keep(i))
            .map(|i| i.id.clone())
            .collect()
    };
    let late = facts
        .incidents
        .iter()
        .filter_map(|i| {
            let at = i.ap_notified?;
            (at > i.deadline).then(|| {
                let hours = i.deadline.duration_until(at).as_hours();
                format!(
                    "{} ({})",
                    i.id,
                    crate::t!(lang, "annual-hours-late", hours = hours)
                )
            })
        })
        .collect();
    Section {
        id: "incidenten",
        title: t(lang, "annual-incidents"),
        figures: vec![
            figure("total", t(lang, "annual-incidents-total"), ids(&|_| true)),
            figure(
                "notified",
                t(lang, "annual-ap-notified"),
                ids(&|i| i.ap_notified.is_some()),
            ),
            figure(
                "within_72h",
                t(lang, "annual-within-72h"),
                ids(&|i| i.ap_notified.is_some_and(|at| at <= i.deadline)),
            ),
            figure("after_72h", t(lang, "annual-after-72h"), late),
            figure(
                "not_notified",
                t(lang, "annual-not-notified"),
                ids(&|i| i.not_notified),
            ),
            figure(
                "persons_told",
                t(lang, "annual-persons-told"),
                ids(&|i| i.persons_notified),
            ),
        ],
        chart: Vec::new(),
    }
}

fn complaints(facts: &YearFacts, today: Date, lang: Lang) -> Section {
    let ids = |keep: &dyn Fn(&ComplaintFact) -> bool| -> Vec<String> {
        facts
            .complaints
            .iter()
            .filter(|c| keep(c))
            .map(|c| c.id.clone())
            .collect()
    };
    let late = facts
        .complaints
        .iter()
        .filter_map(|c| {
            let end = c.decided.unwrap_or(today);
            (end > c.decide_by).then(|| late_event(&c.id, days(c.decide_by, end), lang))
        })
        .collect();
    Section {
        id: "klachten",
        title: t(lang, "annual-complaints"),
        figures: vec![
            figure("total", t(lang, "annual-complaints-total"), ids(&|_| true)),
            figure(
                "in_term",
                t(lang, "annual-decided-in-term"),
                ids(&|c| c.decided.is_some_and(|d| d <= c.decide_by)),
            ),
            figure("late", t(lang, "annual-late"), late),
            figure("extended", t(lang, "annual-extended"), ids(&|c| c.extended)),
            figure(
                "to_ap",
                t(lang, "annual-complaints-to-ap"),
                ids(&|c| c.to_ap),
            ),
        ],
        chart: Vec::new(),
    }
}

fn oversight(facts: &YearFacts, lang: Lang) -> Section {
    let seqs = |keep: &dyn Fn(&EmergencyFact) -> bool| -> Vec<String> {
        facts
            .emergencies
            .iter()
            .filter(|e| keep(e))
            .map(|e| format!("#{}", e.seq))
            .collect()
    };
    let mut figures = vec![
        figure("emergency", t(lang, "annual-emergency"), seqs(&|_| true)),
        figure(
            "emergency_reviewed",
            t(lang, "annual-emergency-reviewed"),
            seqs(&|e| e.reviewed),
        ),
        figure(
            "flags",
            t(lang, "annual-flags"),
            facts.flags.iter().map(|f| f.id.clone()).collect(),
        ),
        figure(
            "flags_closed",
            t(lang, "annual-flags-closed"),
            facts
                .flags
                .iter()
                .filter(|f| f.closed)
                .map(|f| f.id.clone())
                .collect(),
        ),
    ];
    let mut kinds: Vec<&str> = facts.flags.iter().map(|f| f.kind.as_str()).collect();
    kinds.sort_unstable();
    kinds.dedup();
    let mut chart = Vec::new();
    for k in kinds {
        let id = format!("flag_{k}");
        chart.push(id.clone());
        figures.push(figure(
            id,
            k.replace('_', " "),
            facts
                .flags
                .iter()
                .filter(|f| f.kind == k)
                .map(|f| f.id.clone())
                .collect(),
        ));
    }
    Section {
        id: "toezicht",
        title: t(lang, "annual-oversight"),
        figures,
        chart,
    }
}

fn disclosures(facts: &YearFacts, lang: Lang, label: &dyn Fn(&str) -> String) -> Section {
    let mut figures = vec![figure(
        "total",
        t(lang, "annual-disclosures-total"),
        facts.disclosures.iter().map(|d| d.id.clone()).collect(),
    )];
    let mut kinds: Vec<&str> = facts
        .disclosures
        .iter()
        .map(|d| d.recipient_kind.as_str())
        .collect();
    kinds.sort_unstable();
    kinds.dedup();
    let mut chart = Vec::new();
    for k in kinds {
        let id = format!("kind_{k}");
        chart.push(id.clone());
        figures.push(figure(
            id,
            label(k),
            facts
                .disclosures
                .iter()
                .filter(|d| d.recipient_kind == k)
                .map(|d| d.id.clone())
                .collect(),
        ));
    }
    Section {
        id: "verstrekkingen",
        title: t(lang, "annual-disclosures"),
        figures,
        chart,
    }
}

fn consents_and_retention(facts: &YearFacts, lang: Lang) -> Section {
    Section {
        id: "toestemming_en_bewaren",
        title: t(lang, "annual-consents-retention"),
        figures: vec![
            figure(
                "consents_given",
                t(lang, "annual-consents-given"),
                facts.consents_given.clone(),
            ),
            figure(
                "consents_withdrawn",
                t(lang, "annual-consents-withdrawn"),
                facts.consents_withdrawn.clone(),
            ),
            figure(
                "retention_runs",
                t(lang, "annual-retention-runs"),
                facts.runs.iter().map(|r| r.id.clone()).collect(),
            ),
            figure(
                "destroyed",
                t(lang, "annual-destroyed"),
                facts
                    .runs
                    .iter()
                    .flat_map(|r| r.destroyed.iter().cloned())
                    .collect(),
            ),
            figure(
                "versions",
                t(lang, "annual-versions"),
                facts.versions.clone(),
            ),
        ],
        chart: Vec::new(),
    }
}
