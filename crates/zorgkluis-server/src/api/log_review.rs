//! `/api/v1/log-review`: the log review (logcontrole, NEN 7513) for the roles the reglement
//! gives `read_audit`: run the rules over a window of the log, read the flags by what is due,
//! close one with a note, or make it an incident. Every step is an audit event.

use axum::Json;
use axum::extract::{Path, State};
use axum::http::StatusCode;
use jiff::civil::Date;
use serde::{Deserialize, Serialize};
use zorgkluis_store::vault::LogReviewFlag;

use super::{Body, Created, Query, Refusals};
use crate::{AppError, AppState, Caller};

fn day(field: &str, value: Option<&str>) -> Result<Option<Date>, AppError> {
    value
        .filter(|v| !v.trim().is_empty())
        .map(|v| {
            v.trim()
                .parse()
                .map_err(|_| AppError::invalid(field, "a date: 2026-03-02"))
        })
        .transpose()
}

#[derive(Deserialize, utoipa::ToSchema)]
#[serde(deny_unknown_fields)]
pub(crate) struct NewRun {
    /// The first day reviewed (YYYY-MM-DD, a Dutch date); `to` when left out.
    from: Option<String>,
    /// The last day reviewed; today when left out.
    to: Option<String>,
}

#[derive(Deserialize, utoipa::ToSchema)]
#[serde(deny_unknown_fields)]
pub(crate) struct Closing {
    /// What the review found: a flag closes only with a note.
    #[schema(min_length = 1)]
    note: String,
}

#[derive(Deserialize, utoipa::IntoParams)]
#[serde(deny_unknown_fields)]
pub(crate) struct FlagFilter {
    /// Only the open flags (the default); `false` for all.
    open: Option<bool>,
}

/// A flag of the log review.
#[derive(Serialize, utoipa::ToSchema)]
pub(crate) struct FlagOut {
    id: String,
    /// noodtoegang_niet_beoordeeld, ongewoon_veel_dossiers, buiten_zorgrelatie, collega_of_bekende.
    kind: String,
    user: String,
    role: String,
    persons: Vec<String>,
    /// The seqs of the audit events the flag rests on.
    events: Vec<i64>,
    /// The day of the events (YYYY-MM-DD).
    day: String,
    /// For an emergency access, the last day of its review.
    due: Option<String>,
    /// The reason, in Dutch, with the numbers.
    reason: String,
    /// The numbers behind the reason, by kind.
    #[schema(value_type = Object)]
    details: serde_json::Value,
    articles: Vec<String>,
    open: bool,
    closed_at: Option<String>,
    closed_by: Option<String>,
    note: Option<String>,
    incident: Option<String>,
}

impl From<&LogReviewFlag> for FlagOut {
    fn from(f: &LogReviewFlag) -> FlagOut {
        FlagOut {
            id: f.id.clone(),
            kind: f.kind.id().to_owned(),
            user: f.user.clone(),
            role: f.role.clone(),
            persons: f.persons.clone(),
            events: f.seqs.clone(),
            day: f.day.to_string(),
            due: f.due.map(|d| d.to_string()),
            reason: f.reason.clone(),
            details: serde_json::to_value(&f.details).unwrap_or_default(),
            articles: f.articles.clone(),
            open: f.open(),
            closed_at: f.closed.as_ref().map(|c| c.at.clone()),
            closed_by: f.closed.as_ref().map(|c| c.by.clone()),
            note: f
                .closed
                .as_ref()
                .map(|c| c.note.clone())
                .filter(|n| !n.is_empty()),
            incident: f.incident.clone(),
        }
    }
}

/// What a run found.
#[derive(Serialize, utoipa::ToSchema)]
pub(crate) struct RunOut {
    from: String,
    to: String,
    /// The flags this run stored.
    new: Vec<FlagOut>,
    /// How many it found that were stored before.
    known: usize,
}

/// Run the log review over the days `from` to `to`. 422 names `from` or `to` when the window
/// cannot be (in the future, or reversed).
#[utoipa::path(post, path = "/api/v1/log-review/runs", request_body = NewRun,
    responses((status = 201, body = RunOut), Refusals),
    security(("token" = [])))]
pub(crate) async fn run(
    State(s): State<AppState>,
    caller: Caller,
    Body(body): Body<NewRun>,
) -> Result<(StatusCode, Json<RunOut>), AppError> {
    let from = day("from", body.from.as_deref())?;
    let to = day("to", body.to.as_deref())?;
    let run = s.vault.run_log_review(&caller.actor, from, to).await?;
    Ok((
        StatusCode::CREATED,
        Json(RunOut {
            from: run.from.to_string(),
            to: run.to.to_string(),
            new: run.new.iter().map(FlagOut::from).collect(),
            known: run.known,
        }),
    ))
}

/// The flags by what is due: emergency accesses past their term first, then the oldest.
#[utoipa::path(get, path = "/api/v1/log-review/flags", params(FlagFilter),
    responses((status = 200, body = Vec<FlagOut>), Refusals),
    security(("token" = [])))]
pub(crate) async fn flags(
    State(s): State<AppState>,
    caller: Caller,
    Query(filter): Query<FlagFilter>,
) -> Result<Json<Vec<FlagOut>>, AppError> {
    let flags = s
        .vault
        .log_review_flags(&caller.actor, filter.open.unwrap_or(true))
        .await?;
    Ok(Json(flags.iter().map(FlagOut::from).collect()))
}

/// Close a flag with a note. 422 names `note` when it is empty; 409 when the flag is closed.
#[utoipa::path(post, path = "/api/v1/log-review/flags/{id}/close", params(("id" = String, Path)),
    request_body = Closing,
    responses((status = 204), Refusals),
    security(("token" = [])))]
pub(crate) async fn close(
    State(s): State<AppState>,
    caller: Caller,
    Path(id): Path<String>,
    Body(body): Body<Closing>,
) -> Result<StatusCode, AppError> {
    s.vault
        .close_log_review_flag(&caller.actor, &id, &body.note)
        .await?;
    Ok(StatusCode::NO_CONTENT)
}

/// Make a flag an incident in the incident register (which needs `manage_incidents` too);
/// answers the incident's id.
#[utoipa::path(post, path = "/api/v1/log-review/flags/{id}/incident", params(("id" = String, Path)),
    responses((status = 201, body = Created), Refusals),
    security(("token" = [])))]
pub(crate) async fn incident(
    State(s): State<AppState>,
    caller: Caller,
    Path(id): Path<String>,
) -> Result<(StatusCode, Json<Created>), AppError> {
    let id = s.vault.flag_to_incident(&caller.actor, &id).await?;
    Ok((StatusCode::CREATED, Json(Created { id })))
}
