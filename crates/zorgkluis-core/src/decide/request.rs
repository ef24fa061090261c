//! The request register's rules: what a data subject request may go through, from its receipt
//! to its execution or withdrawal, decided from the reglement and the law on the facts and the
//! date. Pure: the store keeps the register and calls these before it changes anything.
//!
//! - **Filing.** A received date in the future is refused. The channel is recorded, never
//!   judged: a reglement's "schriftelijk" is the organisation's procedure, and an oral, e-mailed
//!   or telephoned request is a request all the same (art. 12 lid 2 AVG: the controller
//!   facilitates the exercise of the rights); its clock starts on receipt. The deadlines come
//!   from [`request_deadlines`].
//! - **Status.** `ontvangen` → `identiteit_vastgesteld` → `in_behandeling` → `besloten` →
//!   `uitgevoerd`, or `ingetrokken` before it is carried out ([`transition`]). Where the
//!   reglement asks for an identity check, a request is taken into progress or granted only
//!   once the identity is established; where it is silent the AVG lets the controller ask for
//!   more only on reasonable doubt (art. 12 lid 6), so nothing waits for it.
//! - **Decision.** `toegewezen`, `deels_toegewezen` or `afgewezen`, with the grounds the
//!   reglement (`weigeringsgronden` of its `[[verzoeken]]` rules for the type) and the law
//!   allow for that type ([`allowed_grounds`]); a refusal, full or partial, names at least one.
//! - **Extension.** By two months (art. 12 lid 3 AVG), unless the reglement rules it out, and
//!   only if the requester is told within the first month: an extension told after the
//!   response deadline is refused with the reason.

use jiff::civil::Date;
use serde::{Deserialize, Serialize};

use super::{Deadline, DecisionError, care_laws, cite_list, request_deadlines};
use crate::i18n::Lang;
use crate::reglement::{Reglement, cite};
use crate::t;
use crate::vocabulary::{Channel, RequestOutcome, RequestStatus, RequestType};

const AVG_12_2: &str = "AVG art. 12 lid 2";
const AVG_12_3: &str = "AVG art. 12 lid 3";
const AVG_12_6: &str = "AVG art. 12 lid 6";

/// Why a step of a request was refused, naming the field it concerns.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct RequestError {
    /// The field (the option on the command line, the JSON field of the API) at fault.
    pub field: &'static str,
    pub kind: RequestErrorKind,
}

#[derive(Debug, Clone, PartialEq, Eq)]
pub enum RequestErrorKind {
    /// A date after today.
    InFuture {
        date: Date,
        today: Date,
    },
    /// A date before the request was received (or decided).
    BeforeReceipt {
        date: Date,
        received: Date,
    },
    Transition {
        from: RequestStatus,
        to: RequestStatus,
    },
    /// The reglement asks for an identity check before this step.
    IdentityNotEstablished {
        articles: Vec<String>,
    },
    GroundNotAllowed {
        ground: String,
        request: RequestType,
        allowed: Vec<String>,
    },
    /// A refusal, full or partial, must give its grounds.
    GroundsRequired,
    /// A request granted in full has no refusal grounds.
    GroundsWithGrant,
    ExtensionRuledOut {
        articles: Vec<String>,
    },
    /// The requester was told after the first month (the response deadline).
    ExtensionTooLate {
        told: Date,
        by: Date,
        articles: Vec<String>,
    },
    AlreadyExtended,
    /// A refused request has nothing to carry out.
    NothingToExecute,
    /// The extension's reason is empty.
    Empty,
    Deadline(DecisionError),
}

impl RequestError {
    fn new(field: &'static str, kind: RequestErrorKind) -> RequestError {
        RequestError { field, kind }
    }

    /// The message in the user's language (without the field, which the caller names).
    pub fn message(&self, lang: Lang) -> String {
        use RequestErrorKind as K;
        match &self.kind {
            K::InFuture { date, today } => t!(
                lang,
                "request-error-in-future",
                date = &date.to_string(),
                today = &today.to_string()
            ),
            K::BeforeReceipt { date, received } => t!(
                lang,
                "request-error-before-receipt",
                date = &date.to_string(),
                received = &received.to_string()
            ),
            K::Transition { from, to } => t!(
                lang,
                "request-error-transition",
                from = from.label(lang),
                to = to.label(lang)
            ),
            K::IdentityNotEstablished { articles } => t!(
                lang,
                "request-error-identity",
                articles = &cite_list(articles)
            ),
            K::GroundNotAllowed {
                ground,
                request,
                allowed,
            } => t!(
                lang,
                "request-error-ground",
                ground = ground,
                request = request.label(lang),
                allowed = &allowed.join(", ")
            ),
            K::GroundsRequired => t!(lang, "request-error-grounds-required"),
            K::GroundsWithGrant => t!(lang, "request-error-grounds-with-grant"),
            K::ExtensionRuledOut { articles } => t!(
                lang,
                "request-error-extension-ruled-out",
                articles = &cite_list(articles)
            ),
            K::ExtensionTooLate { told, by, articles } => t!(
                lang,
                "request-error-extension-too-late",
                told = &told.to_string(),
                by = &by.to_string(),
                articles = &cite_list(articles)
            ),
            K::AlreadyExtended => t!(lang, "request-error-already-extended"),
            K::NothingToExecute => t!(lang, "request-error-nothing-to-execute"),
            K::Empty => t!(lang, "request-error-empty"),
            K::Deadline(e) => e.message(lang),
        }
    }
}

impl std::fmt::Display for RequestError {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        write!(f, "{}: {}", self.field, self.message(Lang::En))
    }
}

impl std::error::Error for RequestError {}

/// A request as it arrives.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Filing {
    pub request: RequestType,
    pub channel: Channel,
    pub received: Date,
}

/// Whether the identity must be established before the request is granted, and why.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct IdentityCheck {
    pub required: bool,
    pub articles: Vec<String>,
}

/// What filing a request sets: its deadlines, the identity check, and notes for the handler.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct Filed {
    pub respond_by: Deadline,
    /// The furthest the response may be extended to, unless the reglement rules it out.
    pub respond_by_extended: Option<Deadline>,
    pub erase_by: Option<Deadline>,
    pub identity: IdentityCheck,
    /// Sentences for the handler (a request not in writing where the reglement asks for one).
    pub notes: Vec<String>,
}

/// Files a request received on `filing.received`, judged on `today`.
pub fn file(
    reglement: &Reglement,
    filing: &Filing,
    today: Date,
    lang: Lang,
) -> Result<Filed, RequestError> {
    if filing.received > today {
        return Err(RequestError::new(
            "received",
            RequestErrorKind::InFuture {
                date: filing.received,
                today,
            },
        ));
    }
    let deadlines = request_deadlines(reglement, filing.request, filing.received, None)
        .map_err(|e| RequestError::new("received", RequestErrorKind::Deadline(e)))?;
    let rules = rules_for(reglement, filing.request);
    let mut notes = Vec::new();
    let in_writing: Vec<String> = rules
        .iter()
        .filter(|r| r.in_writing == Some(true))
        .map(|r| cite(r.article.get_ref(), r.law.as_deref()))
        .collect();
    if !in_writing.is_empty() && filing.channel != Channel::Schriftelijk {
        notes.push(t!(
            lang,
            "request-note-not-in-writing",
            articles = &cite_list(&in_writing),
            channel = filing.channel.label(lang),
            law = AVG_12_2
        ));
    }
    Ok(Filed {
        respond_by: deadlines.respond_by,
        respond_by_extended: deadlines.respond_by_extended,
        erase_by: deadlines.erase_by,
        identity: identity_check(reglement, filing.request),
        notes,
    })
}

fn rules_for(
    reglement: &Reglement,
    request: RequestType,
) -> Vec<&crate::reglement::file::RequestRule> {
    reglement
        .file
        .requests
        .iter()
        .map(|r| r.get_ref())
        .filter(|r| r.types.contains(&request))
        .collect()
}

/// Whether the reglement asks for an identity check for this type (with its articles); where
/// it is silent the AVG's "reasonable doubt" (art. 12 lid 6) asks for none beforehand.
pub fn identity_check(reglement: &Reglement, request: RequestType) -> IdentityCheck {
    let articles: Vec<String> = rules_for(reglement, request)
        .iter()
        .filter(|r| r.identity_check == Some(true))
        .map(|r| cite(r.article.get_ref(), r.law.as_deref()))
        .collect();
    if articles.is_empty() {
        IdentityCheck {
            required: false,
            articles: vec![AVG_12_6.to_owned()],
        }
    } else {
        IdentityCheck {
            required: true,
            articles,
        }
    }
}

/// Whether a request may go from `from` to `to`.
pub fn may_transition(from: RequestStatus, to: RequestStatus) -> bool {
    use RequestStatus as S;
    matches!(
        (from, to),
        (
            S::Ontvangen,
            S::IdentiteitVastgesteld | S::InBehandeling | S::Besloten
        ) | (S::IdentiteitVastgesteld, S::InBehandeling | S::Besloten)
            | (S::InBehandeling, S::Besloten)
            | (S::Besloten, S::Uitgevoerd)
            | (
                S::Ontvangen | S::IdentiteitVastgesteld | S::InBehandeling | S::Besloten,
                S::Ingetrokken
            )
    )
}

/// What the rules need of a request in the register.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct RequestState {
    pub request: RequestType,
    pub status: RequestStatus,
    pub received: Date,
    /// The response deadline in force (the extended one, after an extension).
    pub respond_by: Date,
    pub extended: bool,
    /// Whether the identity was established (the request went through
    /// `identiteit_vastgesteld`).
    pub identity_established: bool,
    pub outcome: Option<RequestOutcome>,
    pub decided_on: Option<Date>,
}

/// Moves a request to `to` (identity established, in progress, withdrawn); the decision and
/// the execution have their own steps ([`decide`], [`execute`]).
pub fn transition(
    reglement: &Reglement,
    state: &RequestState,
    to: RequestStatus,
) -> Result<(), RequestError> {
    if !may_transition(state.status, to)
        || matches!(to, RequestStatus::Besloten | RequestStatus::Uitgevoerd)
    {
        return Err(RequestError::new(
            "status",
            RequestErrorKind::Transition {
                from: state.status,
                to,
            },
        ));
    }
    if to == RequestStatus::InBehandeling && !state.identity_established {
        let check = identity_check(reglement, state.request);
        if check.required {
            return Err(RequestError::new(
                "status",
                RequestErrorKind::IdentityNotEstablished {
                    articles: check.articles,
                },
            ));
        }
    }
    Ok(())
}

/// A ground for refusing a request, fully or partly, with the articles it rests on.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct RefusalGround {
    /// `{article}/{n}` for the reglement's n-th ground of the rule of that article ("4.4/3"),
    /// a word for the law's ("kennelijk_ongegrond").
    pub id: String,
    pub text: String,
    pub articles: Vec<String>,
}

/// The law's grounds: id, and the articles per care law (`wgbo` only where the WGBO governs).
struct LawGround {
    id: &'static str,
    /// Its text in the catalogue.
    key: &'static str,
    types: &'static [RequestType],
    articles: &'static [&'static str],
    wgbo: &'static [&'static str],
}

/// Every AVG right, and the log overview (which is also access, art. 15 AVG).
const AVG_RIGHTS: &[RequestType] = &[
    RequestType::Inzage,
    RequestType::Afschrift,
    RequestType::Correctie,
    RequestType::Aanvulling,
    RequestType::Verwijdering,
    RequestType::Afscherming,
    RequestType::Bezwaar,
    RequestType::Overdraagbaarheid,
    RequestType::InzageLogging,
];

const LAW_GROUNDS: &[LawGround] = &[
    LawGround {
        id: "identiteit_niet_vastgesteld",
        key: "request-ground-identiteit-niet-vastgesteld",
        types: RequestType::ALL,
        articles: &[
            "AVG art. 11 lid 2",
            "AVG art. 12 lid 2",
            "AVG art. 12 lid 6",
        ],
        wgbo: &[],
    },
    LawGround {
        id: "kennelijk_ongegrond",
        key: "request-ground-kennelijk-ongegrond",
        types: AVG_RIGHTS,
        articles: &["AVG art. 12 lid 5"],
        wgbo: &[],
    },
    LawGround {
        id: "uavg_41",
        key: "request-ground-uavg-41",
        types: AVG_RIGHTS,
        articles: &["UAVG art. 41 lid 1"],
        wgbo: &[],
    },
    LawGround {
        id: "rechten_van_anderen",
        key: "request-ground-rechten-van-anderen",
        types: &[
            RequestType::Inzage,
            RequestType::Afschrift,
            RequestType::InzageLogging,
        ],
        articles: &["AVG art. 15 lid 4"],
        wgbo: &["art. 7:456 BW"],
    },
    LawGround {
        id: "rechten_van_anderen",
        key: "request-ground-rechten-van-anderen",
        types: &[RequestType::Overdraagbaarheid],
        articles: &["AVG art. 20 lid 4"],
        wgbo: &[],
    },
    LawGround {
        id: "gegevens_juist",
        key: "request-ground-gegevens-juist",
        types: &[RequestType::Correctie],
        articles: &["AVG art. 16"],
        wgbo: &[],
    },
    LawGround {
        id: "wettelijke_bewaarplicht",
        key: "request-ground-wettelijke-bewaarplicht",
        types: &[RequestType::Verwijdering],
        articles: &["AVG art. 17 lid 3 sub b"],
        wgbo: &["art. 7:455 lid 2 BW"],
    },
    LawGround {
        id: "volksgezondheid",
        key: "request-ground-volksgezondheid",
        types: &[RequestType::Verwijdering],
        articles: &["AVG art. 17 lid 3 sub c"],
        wgbo: &[],
    },
    LawGround {
        id: "rechtsvordering",
        key: "request-ground-rechtsvordering",
        types: &[RequestType::Verwijdering],
        articles: &["AVG art. 17 lid 3 sub e"],
        wgbo: &[],
    },
    LawGround {
        id: "aanmerkelijk_belang_ander",
        key: "request-ground-aanmerkelijk-belang-ander",
        types: &[RequestType::Verwijdering],
        articles: &[],
        wgbo: &["art. 7:455 lid 2 BW"],
    },
    LawGround {
        id: "geen_grond_beperking",
        key: "request-ground-geen-grond-beperking",
        types: &[RequestType::Afscherming],
        articles: &["AVG art. 18 lid 1"],
        wgbo: &[],
    },
    LawGround {
        id: "dwingende_gronden",
        key: "request-ground-dwingende-gronden",
        types: &[RequestType::Bezwaar],
        articles: &["AVG art. 21 lid 1"],
        wgbo: &[],
    },
    LawGround {
        id: "geen_toestemming_of_overeenkomst",
        key: "request-ground-geen-toestemming-of-overeenkomst",
        types: &[RequestType::Overdraagbaarheid],
        articles: &["AVG art. 20 lid 1"],
        wgbo: &[],
    },
];

/// The grounds on which a request of this type may be refused: the reglement's own first (in
/// the organisation's words, with their article), then the law's.
pub fn allowed_grounds(
    reglement: &Reglement,
    request: RequestType,
    lang: Lang,
) -> Vec<RefusalGround> {
    let mut out: Vec<RefusalGround> = Vec::new();
    for r in rules_for(reglement, request) {
        for (n, text) in r.refusal_grounds.iter().enumerate() {
            let id = format!("{}/{}", r.article.get_ref(), n + 1);
            if out.iter().any(|g| g.id == id) {
                continue;
            }
            out.push(RefusalGround {
                id,
                text: text.clone(),
                articles: vec![cite(r.article.get_ref(), r.law.as_deref())],
            });
        }
    }
    let wgbo = care_laws(&reglement.file).wgbo;
    for g in LAW_GROUNDS.iter().filter(|g| g.types.contains(&request)) {
        let mut articles: Vec<String> = g.articles.iter().map(|a| (*a).to_owned()).collect();
        if wgbo {
            articles.extend(g.wgbo.iter().map(|a| (*a).to_owned()));
        }
        if articles.is_empty() {
            continue;
        }
        out.push(RefusalGround {
            id: g.id.to_owned(),
            text: crate::i18n::t(lang, g.key),
            articles,
        });
    }
    out
}

/// A decision on a request, with what it sets.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct Decision {
    pub outcome: RequestOutcome,
    pub decided_on: Date,
    pub grounds: Vec<RefusalGround>,
    /// When a grant must be carried out, where the reglement says.
    pub execute_by: Option<Deadline>,
    pub erase_by: Option<Deadline>,
}

/// Decides a request on `on` (judged on `today`) with `outcome` and the ids of its grounds.
pub fn decide(
    reglement: &Reglement,
    state: &RequestState,
    outcome: RequestOutcome,
    grounds: &[String],
    on: Date,
    today: Date,
    lang: Lang,
) -> Result<Decision, RequestError> {
    if !may_transition(state.status, RequestStatus::Besloten) {
        return Err(RequestError::new(
            "status",
            RequestErrorKind::Transition {
                from: state.status,
                to: RequestStatus::Besloten,
            },
        ));
    }
    check_date("decided", on, state.received, today)?;
    let allowed = allowed_grounds(reglement, state.request, lang);
    let mut chosen = Vec::new();
    for g in grounds {
        match allowed.iter().find(|a| a.id == *g) {
            Some(a) if !chosen.contains(a) => chosen.push(a.clone()),
            Some(_) => {}
            None => {
                return Err(RequestError::new(
                    "ground",
                    RequestErrorKind::GroundNotAllowed {
                        ground: g.clone(),
                        request: state.request,
                        allowed: allowed.iter().map(|a| a.id.clone()).collect(),
                    },
                ));
            }
        }
    }
    match outcome {
        RequestOutcome::Toegewezen if !chosen.is_empty() => {
            return Err(RequestError::new(
                "ground",
                RequestErrorKind::GroundsWithGrant,
            ));
        }
        RequestOutcome::DeelsToegewezen | RequestOutcome::Afgewezen if chosen.is_empty() => {
            return Err(RequestError::new(
                "ground",
                RequestErrorKind::GroundsRequired,
            ));
        }
        _ => {}
    }
    if outcome != RequestOutcome::Afgewezen && !state.identity_established {
        let check = identity_check(reglement, state.request);
        if check.required {
            return Err(RequestError::new(
                "status",
                RequestErrorKind::IdentityNotEstablished {
                    articles: check.articles,
                },
            ));
        }
    }
    let (execute_by, erase_by) = if outcome == RequestOutcome::Afgewezen {
        (None, None)
    } else {
        let d = request_deadlines(reglement, state.request, state.received, Some(on))
            .map_err(|e| RequestError::new("decided", RequestErrorKind::Deadline(e)))?;
        (d.execute_by, d.erase_by)
    };
    Ok(Decision {
        outcome,
        decided_on: on,
        grounds: chosen,
        execute_by,
        erase_by,
    })
}

fn check_date(
    field: &'static str,
    date: Date,
    not_before: Date,
    today: Date,
) -> Result<(), RequestError> {
    if date > today {
        return Err(RequestError::new(
            field,
            RequestErrorKind::InFuture { date, today },
        ));
    }
    if date < not_before {
        return Err(RequestError::new(
            field,
            RequestErrorKind::BeforeReceipt {
                date,
                received: not_before,
            },
        ));
    }
    Ok(())
}

/// An extension of the response deadline.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct Extension {
    pub told: Date,
    pub respond_by: Deadline,
}

/// Extends the response deadline, the requester told on `told` (judged on `today`). The
/// requester must be told within the first month, that is by the response deadline in force
/// (art. 12 lid 3 AVG; a reglement's shorter period is the month it grants itself).
pub fn extend(
    reglement: &Reglement,
    state: &RequestState,
    reason: &str,
    told: Date,
    today: Date,
) -> Result<Extension, RequestError> {
    if matches!(
        state.status,
        RequestStatus::Besloten | RequestStatus::Uitgevoerd | RequestStatus::Ingetrokken
    ) {
        return Err(RequestError::new(
            "status",
            RequestErrorKind::Transition {
                from: state.status,
                to: state.status,
            },
        ));
    }
    if state.extended {
        return Err(RequestError::new("told", RequestErrorKind::AlreadyExtended));
    }
    if reason.trim().is_empty() {
        return Err(RequestError::new("reason", RequestErrorKind::Empty));
    }
    check_date("told", told, state.received, today)?;
    let d = request_deadlines(reglement, state.request, state.received, None)
        .map_err(|e| RequestError::new("told", RequestErrorKind::Deadline(e)))?;
    let Some(extended) = d.respond_by_extended else {
        let articles = rules_for(reglement, state.request)
            .iter()
            .filter(|r| r.extension == Some(false))
            .map(|r| cite(r.article.get_ref(), r.law.as_deref()))
            .collect();
        return Err(RequestError::new(
            "told",
            RequestErrorKind::ExtensionRuledOut { articles },
        ));
    };
    if told > state.respond_by {
        let mut articles = d.respond_by.articles.clone();
        if !articles.iter().any(|a| a == AVG_12_3) {
            articles.push(AVG_12_3.to_owned());
        }
        return Err(RequestError::new(
            "told",
            RequestErrorKind::ExtensionTooLate {
                told,
                by: state.respond_by,
                articles,
            },
        ));
    }
    Ok(Extension {
        told,
        respond_by: extended,
    })
}

/// Marks a granted request carried out on `on` (judged on `today`).
pub fn execute(state: &RequestState, on: Date, today: Date) -> Result<(), RequestError> {
    if state.status != RequestStatus::Besloten {
        return Err(RequestError::new(
            "status",
            RequestErrorKind::Transition {
                from: state.status,
                to: RequestStatus::Uitgevoerd,
            },
        ));
    }
    if state.outcome == Some(RequestOutcome::Afgewezen) {
        return Err(RequestError::new(
            "status",
            RequestErrorKind::NothingToExecute,
        ));
    }
    check_date("on", on, state.decided_on.unwrap_or(state.received), today)
}

#[cfg(test)]
mod tests {
    use super::*;
    use jiff::civil::date;

    fn bg() -> Reglement {
        let source = include_str!("../../../../reglementen/bg-wonen.toml");
        Reglement::load("bg-wonen.toml", source, Lang::En).unwrap()
    }

    fn state(request: RequestType, status: RequestStatus) -> RequestState {
        RequestState {
            request,
            status,
            received: date(2026, 3, 2),
            respond_by: date(2026, 3, 30),
            extended: false,
            identity_established: false,
            outcome: None,
            decided_on: None,
        }
    }

    #[test]
    fn the_status_machine_goes_forward_only() {
        use RequestStatus as S;
        assert!(may_transition(S::Ontvangen, S::IdentiteitVastgesteld));
        assert!(may_transition(S::IdentiteitVastgesteld, S::InBehandeling));
        assert!(may_transition(S::InBehandeling, S::Besloten));
        assert!(may_transition(S::Besloten, S::Uitgevoerd));
        assert!(may_transition(S::Ontvangen, S::Ingetrokken));
        assert!(!may_transition(S::Besloten, S::InBehandeling));
        assert!(!may_transition(S::Uitgevoerd, S::Ingetrokken));
        assert!(!may_transition(S::Ingetrokken, S::Ontvangen));
        assert!(!may_transition(S::Ontvangen, S::Uitgevoerd));
    }

    #[test]
    fn an_oral_request_is_filed_with_a_note_and_its_clock_runs() {
        let r = bg();
        let filed = file(
            &r,
            &Filing {
                request: RequestType::Inzage,
                channel: Channel::Mondeling,
                received: date(2026, 3, 2),
            },
            date(2026, 3, 2),
            Lang::Nl,
        )
        .unwrap();
        assert_eq!(filed.respond_by.date, date(2026, 3, 30));
        assert!(filed.identity.required);
        assert_eq!(filed.notes.len(), 1);
        assert!(
            filed.notes[0].contains("AVG art. 12 lid 2"),
            "{:?}",
            filed.notes
        );
    }

    #[test]
    fn a_received_date_in_the_future_is_refused() {
        let e = file(
            &bg(),
            &Filing {
                request: RequestType::Inzage,
                channel: Channel::Email,
                received: date(2026, 3, 3),
            },
            date(2026, 3, 2),
            Lang::Nl,
        )
        .unwrap_err();
        assert_eq!(e.field, "received");
    }

    #[test]
    fn grounds_must_be_the_reglements_or_the_laws_for_the_type() {
        let r = bg();
        let mut s = state(RequestType::Inzage, RequestStatus::IdentiteitVastgesteld);
        s.identity_established = true;
        let ids: Vec<String> = allowed_grounds(&r, RequestType::Inzage, Lang::Nl)
            .into_iter()
            .map(|g| g.id)
            .collect();
        assert!(ids.contains(&"4.4/3".to_owned()), "{ids:?}");
        assert!(ids.contains(&"kennelijk_ongegrond".to_owned()));
        assert!(!ids.contains(&"wettelijke_bewaarplicht".to_owned()));
        let today = date(2026, 3, 10);
        let refused = decide(
            &r,
            &s,
            RequestOutcome::Afgewezen,
            &["4.4/3".into()],
            today,
            today,
            Lang::Nl,
        )
        .unwrap();
        assert_eq!(refused.grounds[0].articles, ["4.4"]);
        let e = decide(
            &r,
            &s,
            RequestOutcome::Afgewezen,
            &["wettelijke_bewaarplicht".into()],
            today,
            today,
            Lang::Nl,
        )
        .unwrap_err();
        assert_eq!(e.field, "ground");
        let e = decide(
            &r,
            &s,
            RequestOutcome::Afgewezen,
            &[],
            today,
            today,
            Lang::Nl,
        )
        .unwrap_err();
        assert_eq!(e.kind, RequestErrorKind::GroundsRequired);
    }

    #[test]
    fn a_grant_waits_for_the_identity_the_reglement_asks_for() {
        let r = bg();
        let s = state(RequestType::Inzage, RequestStatus::Ontvangen);
        let today = date(2026, 3, 10);
        let e = decide(
            &r,
            &s,
            RequestOutcome::Toegewezen,
            &[],
            today,
            today,
            Lang::Nl,
        )
        .unwrap_err();
        assert!(matches!(
            e.kind,
            RequestErrorKind::IdentityNotEstablished { .. }
        ));
        assert!(transition(&r, &s, RequestStatus::InBehandeling).is_err());
        assert!(transition(&r, &s, RequestStatus::IdentiteitVastgesteld).is_ok());
        // Objection: BG wonen asks no identity check for it.
        let s = state(RequestType::Bezwaar, RequestStatus::Ontvangen);
        assert!(transition(&r, &s, RequestStatus::InBehandeling).is_ok());
    }

    #[test]
    fn an_extension_must_be_told_within_the_first_month() {
        let r = bg();
        let s = state(RequestType::Inzage, RequestStatus::InBehandeling);
        let ok = extend(&r, &s, "veel dossiers", date(2026, 3, 20), date(2026, 4, 1)).unwrap();
        assert_eq!(ok.respond_by.date, date(2026, 6, 2));
        let late =
            extend(&r, &s, "veel dossiers", date(2026, 3, 31), date(2026, 4, 1)).unwrap_err();
        assert_eq!(late.field, "told");
        assert!(matches!(
            late.kind,
            RequestErrorKind::ExtensionTooLate { .. }
        ));
        assert!(late.message(Lang::Nl).contains("AVG art. 12 lid 3"));
    }

    /// AanZien 14 and 15 ("uiterlijk binnen vier weken") rule the extension out.
    #[test]
    fn a_reglement_may_rule_the_extension_out() {
        let source = include_str!("../../../../reglementen/aanzien.toml");
        let r = Reglement::load("aanzien.toml", source, Lang::En).unwrap();
        let s = state(RequestType::Inzage, RequestStatus::InBehandeling);
        let e = extend(&r, &s, "drukte", date(2026, 3, 10), date(2026, 3, 10)).unwrap_err();
        assert_eq!(
            e.kind,
            RequestErrorKind::ExtensionRuledOut {
                articles: vec!["14".into()]
            }
        );
    }

    /// The log overview is access too: its grounds are the AVG's, its deadline the month.
    #[test]
    fn the_log_overview_is_a_request_type_of_its_own() {
        let r = bg();
        let filed = file(
            &r,
            &Filing {
                request: RequestType::InzageLogging,
                channel: Channel::Portaal,
                received: date(2026, 3, 2),
            },
            date(2026, 3, 2),
            Lang::Nl,
        )
        .unwrap();
        assert_eq!(filed.respond_by.articles, ["AVG art. 12 lid 3"]);
        let ids: Vec<String> = allowed_grounds(&r, RequestType::InzageLogging, Lang::Nl)
            .into_iter()
            .map(|g| g.id)
            .collect();
        assert!(ids.contains(&"rechten_van_anderen".to_owned()), "{ids:?}");
    }
}
