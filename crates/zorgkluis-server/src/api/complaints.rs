//! `/api/v1/complaints`: the complaints register for other systems (a client portal passing
//! on a complaint, a quality system following the terms), for the roles the reglement gives
//! `manage_complaints`. The decision is due within six weeks of receipt, extendable once by at
//! most four when the complainant is told in writing before the six weeks end (Wkkgz art. 17);
//! `decide_by` and `articles` are named as the simulator (`zorgkluis reglement complaint`)
//! names them. Every step is an audit event; bad input names the field and changes nothing.

use axum::Json;
use axum::extract::{Path, State};
use axum::http::StatusCode;
use jiff::civil::Date;
use serde::{Deserialize, Serialize};
use zorgkluis_core::decide::complaint_deadline;
use zorgkluis_core::time::dutch_date;
use zorgkluis_core::vocabulary::ComplainantKind;
use zorgkluis_store::vault::{Complaint, NewComplaint, parse_outcome};

use super::{Body, Query, Refusals};
use crate::web::complaints::{by_urgency, days_left};
use crate::{AppError, AppState, Caller};

fn today() -> Date {
    dutch_date(jiff::Timestamp::now())
}

#[derive(Deserialize, utoipa::ToSchema)]
#[serde(deny_unknown_fields)]
pub(crate) struct ComplaintIn {
    /// When it was received (YYYY-MM-DD); the six weeks run from then.
    #[schema(value_type = String, format = Date)]
    received: Date,
    /// client, vertegenwoordiger or nabestaande (Wkkgz art. 1 lid 1).
    by: String,
    /// What it is about (kept sealed).
    #[schema(min_length = 1)]
    about: String,
    /// The id of the client it concerns, where it concerns one.
    person: Option<String>,
    /// The klachtenfunctionaris is involved (Wkkgz art. 15).
    #[serde(default)]
    officer_involved: bool,
    /// A privacy complaint the complainant also lodged with the Autoriteit
    /// Persoonsgegevens (art. 77 AVG).
    #[serde(default)]
    to_ap: bool,
}

#[derive(Deserialize, utoipa::ToSchema)]
#[serde(deny_unknown_fields)]
pub(crate) struct ComplaintExtensionIn {
    /// The day the complainant was told in writing: before the six weeks end (Wkkgz art. 17
    /// lid 2), or the extension is refused naming `told`.
    #[schema(value_type = String, format = Date)]
    told: Date,
    /// Why careful handling needs more time (sealed).
    #[schema(min_length = 1)]
    reason: String,
    /// The new last day as the letter to the complainant names it, if it names one: no later
    /// than the extension of at most four weeks allows (or the reglement's shorter one), or
    /// 422 naming `decide_by`. The register keeps the day the law and the reglement give.
    #[schema(value_type = Option<String>, format = Date)]
    decide_by: Option<Date>,
}

#[derive(Deserialize, utoipa::ToSchema)]
#[serde(deny_unknown_fields)]
pub(crate) struct ComplaintDecisionIn {
    /// gegrond, deels_gegrond or ongegrond.
    outcome: String,
    /// The reasoned decision (Wkkgz art. 17 lid 1; sealed).
    #[schema(min_length = 1)]
    text: String,
    /// The day of the decision (default today).
    #[schema(value_type = Option<String>, format = Date)]
    on: Option<Date>,
}

#[derive(Deserialize, utoipa::ToSchema)]
#[serde(deny_unknown_fields)]
pub(crate) struct ComplaintReferralIn {
    /// The day the complaint was put to the geschilleninstantie (Wkkgz art. 21; default today).
    #[schema(value_type = Option<String>, format = Date)]
    on: Option<Date>,
}

#[derive(Deserialize, utoipa::ToSchema)]
#[serde(deny_unknown_fields)]
pub(crate) struct ComplaintMarksIn {
    /// Whether the klachtenfunctionaris is involved (Wkkgz art. 15).
    officer_involved: Option<bool>,
    /// Whether the complainant also complained to the Autoriteit Persoonsgegevens (art. 77
    /// AVG).
    to_ap: Option<bool>,
}

#[derive(Deserialize, utoipa::IntoParams)]
#[serde(deny_unknown_fields)]
#[into_params(parameter_in = Query)]
pub(crate) struct ComplaintListQuery {
    /// true: only the complaints not decided yet; false: only the decided ones; left out: all.
    open: Option<bool>,
}

#[derive(Serialize, utoipa::ToSchema)]
pub(crate) struct ComplaintExtensionOut {
    #[schema(value_type = String, format = Date)]
    told: Date,
    reason: String,
}

#[derive(Serialize, utoipa::ToSchema)]
pub(crate) struct ComplaintDecisionOut {
    #[schema(value_type = String, format = Date)]
    on: Date,
    outcome: String,
    text: String,
    /// Decided on or before `decide_by`.
    in_time: bool,
}

/// A complaint as the register holds it, with its clock.
#[derive(Serialize, utoipa::ToSchema)]
pub(crate) struct ComplaintOut {
    id: String,
    #[schema(value_type = String, format = Date)]
    received: Date,
    /// client, vertegenwoordiger or nabestaande.
    by: String,
    /// The client it concerns.
    person: Option<String>,
    about: String,
    officer_involved: bool,
    /// The reglement's klachtenfunctionaris, where it names one.
    officer: Option<String>,
    /// Not decided yet.
    open: bool,
    /// Still open after `decide_by`.
    overdue: bool,
    /// Days from today to `decide_by` while open (negative once past).
    days_left: Option<i64>,
    /// The last day of the decision, with the extension where one was told in time.
    #[schema(value_type = String, format = Date)]
    decide_by: Date,
    /// The last day to tell the complainant of an extension (the end of the first term).
    #[schema(value_type = String, format = Date)]
    extension_told_by: Date,
    extended: bool,
    /// The first term, as the reglement or the law writes it.
    term: String,
    extension: Option<ComplaintExtensionOut>,
    decision: Option<ComplaintDecisionOut>,
    /// When it was put to the geschilleninstantie.
    #[schema(value_type = Option<String>, format = Date)]
    referred: Option<Date>,
    /// The reglement's geschilleninstantie, where it names one.
    dispute_body: Option<String>,
    to_ap: bool,
    articles: Vec<String>,
}

impl From<&Complaint> for ComplaintOut {
    fn from(c: &Complaint) -> ComplaintOut {
        let day = today();
        ComplaintOut {
            id: c.id.clone(),
            received: c.received,
            by: c.by.id().to_owned(),
            person: c.person.clone(),
            about: c.about.clone(),
            officer_involved: c.officer_involved,
            officer: c.clock.officer.clone(),
            open: c.open(),
            overdue: c.overdue(day),
            days_left: c.open().then(|| days_left(c, day)),
            decide_by: c.clock.decide_by,
            extension_told_by: c.clock.extension_told_by,
            extended: c.clock.extended,
            term: c.clock.term.clone(),
            extension: c.extension.as_ref().map(|e| ComplaintExtensionOut {
                told: e.told,
                reason: e.reason.clone(),
            }),
            decision: c.decision.as_ref().map(|d| ComplaintDecisionOut {
                on: d.on,
                outcome: d.outcome.id().to_owned(),
                text: d.text.clone(),
                in_time: d.on <= c.clock.decide_by,
            }),
            referred: c.referred,
            dispute_body: c.clock.dispute_body.clone(),
            to_ap: c.to_ap,
            articles: c.clock.articles.clone(),
        }
    }
}

/// Record a complaint. 422 names the field that is wrong (a receipt in the future, an unknown
/// complainant, an empty `about`, a `person` who is no client).
#[utoipa::path(post, path = "/api/v1/complaints", request_body = ComplaintIn,
    responses((status = 201, body = ComplaintOut), Refusals),
    security(("token" = [])))]
pub(crate) async fn record_complaint(
    State(s): State<AppState>,
    caller: Caller,
    Body(body): Body<ComplaintIn>,
) -> Result<(StatusCode, Json<ComplaintOut>), AppError> {
    let by = ComplainantKind::from_id(&body.by).ok_or_else(|| {
        AppError::invalid(
            "by",
            &format!(
                "unknown complainant `{}`; expected one of: {}",
                body.by,
                ComplainantKind::ids().join(", ")
            ),
        )
    })?;
    let new = NewComplaint {
        received: body.received,
        by,
        person: body.person,
        about: body.about,
        officer_involved: body.officer_involved,
    };
    let id = s.vault.record_complaint(&caller.actor, &new).await?;
    let c = if body.to_ap {
        s.vault
            .mark_complaint(&caller.actor, &id, None, Some(true))
            .await?
    } else {
        s.vault.complaint(&caller.actor, &id).await?
    };
    Ok((StatusCode::CREATED, Json(ComplaintOut::from(&c))))
}

/// The register: the open complaints first by `decide_by`, then the decided, newest first.
#[utoipa::path(get, path = "/api/v1/complaints", params(ComplaintListQuery),
    responses((status = 200, body = Vec<ComplaintOut>), Refusals),
    security(("token" = [])))]
pub(crate) async fn list_complaints(
    State(s): State<AppState>,
    caller: Caller,
    Query(q): Query<ComplaintListQuery>,
) -> Result<Json<Vec<ComplaintOut>>, AppError> {
    let all = by_urgency(s.vault.complaints(&caller.actor).await?);
    Ok(Json(
        all.iter()
            .filter(|c| q.open.is_none_or(|open| c.open() == open))
            .map(ComplaintOut::from)
            .collect(),
    ))
}

/// One complaint.
#[utoipa::path(get, path = "/api/v1/complaints/{id}", params(("id" = String, Path)),
    responses((status = 200, body = ComplaintOut), Refusals),
    security(("token" = [])))]
pub(crate) async fn complaint(
    State(s): State<AppState>,
    caller: Caller,
    Path(id): Path<String>,
) -> Result<Json<ComplaintOut>, AppError> {
    let c = s.vault.complaint(&caller.actor, &id).await?;
    Ok(Json(ComplaintOut::from(&c)))
}

/// Record the extension told to the complainant. Told after the six weeks ended, or a second
/// time, it is refused naming `told` (Wkkgz art. 17 lid 2); a `decide_by` beyond the
/// extension the law (at most four weeks) or the reglement allows is refused naming it.
#[utoipa::path(post, path = "/api/v1/complaints/{id}/extension", params(("id" = String, Path)),
    request_body = ComplaintExtensionIn,
    responses((status = 200, body = ComplaintOut), Refusals),
    security(("token" = [])))]
pub(crate) async fn extend_complaint(
    State(s): State<AppState>,
    caller: Caller,
    Path(id): Path<String>,
    Body(body): Body<ComplaintExtensionIn>,
) -> Result<Json<ComplaintOut>, AppError> {
    if let Some(asked) = body.decide_by {
        let c = s.vault.complaint(&caller.actor, &id).await?;
        let allowed = complaint_deadline(s.vault.reglement(), c.received, true)
            .map_err(|e| AppError::invalid("decide_by", &e.to_string()))?;
        if asked > allowed.decide_by {
            return Err(AppError::invalid(
                "decide_by",
                &format!(
                    "beyond the extension of at most four weeks (Wkkgz art. 17 lid 2): the \
                     extended term ends on {} at the latest",
                    allowed.decide_by
                ),
            ));
        }
    }
    let c = s
        .vault
        .extend_complaint(&caller.actor, &id, body.told, &body.reason)
        .await?;
    Ok(Json(ComplaintOut::from(&c)))
}

/// Record the decision (Wkkgz art. 17 lid 1). One after `decide_by` is recorded, late.
#[utoipa::path(post, path = "/api/v1/complaints/{id}/decision", params(("id" = String, Path)),
    request_body = ComplaintDecisionIn,
    responses((status = 200, body = ComplaintOut), Refusals),
    security(("token" = [])))]
pub(crate) async fn decide_complaint(
    State(s): State<AppState>,
    caller: Caller,
    Path(id): Path<String>,
    Body(body): Body<ComplaintDecisionIn>,
) -> Result<Json<ComplaintOut>, AppError> {
    let outcome = parse_outcome(&body.outcome)?;
    let c = s
        .vault
        .decide_complaint(
            &caller.actor,
            &id,
            body.on.unwrap_or_else(today),
            outcome,
            &body.text,
        )
        .await?;
    Ok(Json(ComplaintOut::from(&c)))
}

/// Record that the complaint was put to the geschilleninstantie (Wkkgz art. 21).
#[utoipa::path(post, path = "/api/v1/complaints/{id}/referral", params(("id" = String, Path)),
    request_body = ComplaintReferralIn,
    responses((status = 200, body = ComplaintOut), Refusals),
    security(("token" = [])))]
pub(crate) async fn refer_complaint(
    State(s): State<AppState>,
    caller: Caller,
    Path(id): Path<String>,
    Body(body): Body<ComplaintReferralIn>,
) -> Result<Json<ComplaintOut>, AppError> {
    let c = s
        .vault
        .refer_complaint(&caller.actor, &id, body.on.unwrap_or_else(today))
        .await?;
    Ok(Json(ComplaintOut::from(&c)))
}

/// Record whether the klachtenfunctionaris is involved and whether the complainant also went
/// to the Autoriteit Persoonsgegevens; a field left out stays as it was, and at least one is
/// given (else 422 naming `officer_involved`).
#[utoipa::path(post, path = "/api/v1/complaints/{id}/marks", params(("id" = String, Path)),
    request_body = ComplaintMarksIn,
    responses((status = 200, body = ComplaintOut), Refusals),
    security(("token" = [])))]
pub(crate) async fn mark_complaint(
    State(s): State<AppState>,
    caller: Caller,
    Path(id): Path<String>,
    Body(body): Body<ComplaintMarksIn>,
) -> Result<Json<ComplaintOut>, AppError> {
    if body.officer_involved.is_none() && body.to_ap.is_none() {
        return Err(AppError::invalid(
            "officer_involved",
            "give officer_involved, to_ap or both",
        ));
    }
    let c = s
        .vault
        .mark_complaint(&caller.actor, &id, body.officer_involved, body.to_ap)
        .await?;
    Ok(Json(ComplaintOut::from(&c)))
}
