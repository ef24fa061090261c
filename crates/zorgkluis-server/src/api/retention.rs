//! `/api/v1/retention`: retention for other systems, for the roles the reglement gives
//! `run_retention` (the plan, runs and their certificates) and `place_hold` (the hold
//! register). A run destroys, so it is started by a caller who decided it (the certificate
//! names them), carried out in the background (`202` with its id) and followed by its
//! progress. Every plan, destruction, certificate and hold is an audit event.

use axum::Json;
use axum::extract::{Path, State};
use axum::http::StatusCode;
use jiff::civil::Date;
use serde::{Deserialize, Serialize};
use zorgkluis_core::vocabulary::HoldKind;
use zorgkluis_store::vault::{Hold, NewHold, RetentionPlan, VaultError};

use super::{Body, Query, Refusals};
use crate::{AppError, AppState, Caller};

fn today() -> Date {
    zorgkluis_core::time::dutch_date(jiff::Timestamp::now())
}

#[derive(Deserialize, utoipa::IntoParams)]
#[serde(deny_unknown_fields)]
pub(crate) struct PlanQuery {
    /// The date to plan as of (YYYY-MM-DD); today when absent. A plan may look ahead.
    #[param(value_type = Option<String>, format = Date)]
    as_of: Option<Date>,
}

/// Per category: what is due and what holds keep back.
#[derive(Serialize, utoipa::ToSchema)]
pub(crate) struct PlanCategoryOut {
    category: String,
    due_records: usize,
    due_persons: usize,
    held_records: usize,
    articles: Vec<String>,
}

/// The due records of one category of a person.
#[derive(Serialize, utoipa::ToSchema)]
pub(crate) struct PlanEntryOut {
    category: String,
    records: usize,
    #[schema(value_type = Option<String>, format = Date)]
    retain_until: Option<Date>,
    #[schema(value_type = Option<String>, format = Date)]
    destroy_by: Option<Date>,
    /// Past `destroy_by` on the plan's date.
    overdue: bool,
    articles: Vec<String>,
}

/// A person with something due: the whole file (crypto-shredded by a run) or some categories.
#[derive(Serialize, utoipa::ToSchema)]
pub(crate) struct PlanPersonOut {
    person: String,
    whole_file: bool,
    entries: Vec<PlanEntryOut>,
}

/// A standing hold and what it keeps back.
#[derive(Serialize, utoipa::ToSchema)]
pub(crate) struct HeldOut {
    hold: String,
    person: String,
    /// None: everything of the person.
    category: Option<String>,
    kind: String,
    articles: Vec<String>,
    #[schema(value_type = Option<String>, format = Date)]
    ends_on: Option<Date>,
    #[schema(value_type = Option<String>, format = Date)]
    review_on: Option<Date>,
    records_kept: usize,
}

/// What is due for destruction as of a date (ids, categories, dates and articles).
#[derive(Serialize, utoipa::ToSchema)]
pub(crate) struct PlanOut {
    #[schema(value_type = String, format = Date)]
    as_of: Date,
    law_version: String,
    reglement_version: String,
    whole_files: usize,
    due_records: usize,
    categories: Vec<PlanCategoryOut>,
    persons: Vec<PlanPersonOut>,
    held: Vec<HeldOut>,
}

impl From<RetentionPlan> for PlanOut {
    fn from(p: RetentionPlan) -> PlanOut {
        PlanOut {
            as_of: p.as_of,
            law_version: p.law_version.to_owned(),
            reglement_version: p.reglement_version,
            whole_files: p.whole_files,
            due_records: p.due_records,
            categories: p
                .categories
                .into_iter()
                .map(|c| PlanCategoryOut {
                    category: c.category,
                    due_records: c.due_records,
                    due_persons: c.due_persons,
                    held_records: c.held_records,
                    articles: c.articles,
                })
                .collect(),
            persons: p
                .persons
                .into_iter()
                .map(|p| PlanPersonOut {
                    person: p.person_id,
                    whole_file: p.whole_file,
                    entries: p
                        .entries
                        .into_iter()
                        .map(|e| PlanEntryOut {
                            category: e.category,
                            records: e.records,
                            retain_until: e.retain_until,
                            destroy_by: e.destroy_by,
                            overdue: e.overdue,
                            articles: e.articles,
                        })
                        .collect(),
                })
                .collect(),
            held: p
                .held
                .into_iter()
                .map(|h| HeldOut {
                    hold: h.hold_id,
                    person: h.person_id,
                    category: h.category,
                    kind: h.kind.id().to_owned(),
                    articles: h.articles,
                    ends_on: h.ends_on,
                    review_on: h.review_on,
                    records_kept: h.records_kept,
                })
                .collect(),
        }
    }
}

/// The retention plan: what is due as of `as_of`, per category and per person, and what
/// legal holds keep back. Destroys nothing.
#[utoipa::path(get, path = "/api/v1/retention/plan", params(PlanQuery),
    responses((status = 200, body = PlanOut), Refusals),
    security(("token" = [])))]
pub(crate) async fn plan(
    State(s): State<AppState>,
    caller: Caller,
    Query(q): Query<PlanQuery>,
) -> Result<Json<PlanOut>, AppError> {
    let as_of = q.as_of.unwrap_or_else(today);
    let plan = s.vault.retention_plan(&caller.actor, as_of).await?;
    Ok(Json(PlanOut::from(plan)))
}

#[derive(Deserialize, utoipa::ToSchema)]
#[serde(deny_unknown_fields)]
pub(crate) struct NewRun {
    /// Destroy what is due as of this date (YYYY-MM-DD, not after today); today when absent.
    /// An unfinished run is continued with its own date.
    #[schema(value_type = Option<String>, format = Date)]
    as_of: Option<Date>,
}

/// A run started: its id, and where its progress is.
#[derive(Serialize, utoipa::ToSchema)]
pub(crate) struct RunStarted {
    id: String,
    status: String,
}

/// Start a run as the caller: it destroys what is due as of `as_of` in the background and
/// writes the destruction certificate, naming the caller. `202` with the run's id; `409` while
/// another run is under way (or an unfinished one has another date).
#[utoipa::path(post, path = "/api/v1/retention/runs", request_body = NewRun,
    responses((status = 202, body = RunStarted), Refusals),
    security(("token" = [])))]
pub(crate) async fn start_run(
    State(s): State<AppState>,
    caller: Caller,
    Body(body): Body<NewRun>,
) -> Result<(StatusCode, Json<RunStarted>), AppError> {
    let as_of = body.as_of.unwrap_or_else(today);
    let id = s.jobs.start_run(&s.vault, &caller.actor, as_of).await?;
    Ok((
        StatusCode::ACCEPTED,
        Json(RunStarted {
            status: format!("/api/v1/retention/runs/{id}"),
            id,
        }),
    ))
}

/// A run's progress, and its certificate once finished.
#[derive(Serialize, utoipa::ToSchema)]
pub(crate) struct RunOut {
    id: String,
    #[schema(value_type = String, format = Date)]
    as_of: Date,
    /// running, finished, failed (started again with its date, it continues) or unfinished
    /// (left by an earlier server: start it again with its date).
    state: String,
    /// The error's code, for a failed run.
    #[serde(skip_serializing_if = "Option::is_none")]
    error: Option<String>,
    started_at: String,
    started_by: String,
    started_role: String,
    finished_at: Option<String>,
    /// Items: a person's whole file, or the records of one category of a person.
    total: usize,
    done: usize,
    remaining: usize,
    destroyed: usize,
    skipped: usize,
    /// The destruction certificate (ids, categories, counts, dates, articles, who started it;
    /// never a name or any content), once finished.
    #[schema(value_type = Option<Object>)]
    certificate: Option<serde_json::Value>,
}

/// A run's progress: items in total, done and remaining; with the certificate once finished.
#[utoipa::path(get, path = "/api/v1/retention/runs/{id}", params(("id" = String, Path)),
    responses((status = 200, body = RunOut), Refusals),
    security(("token" = [])))]
pub(crate) async fn run(
    State(s): State<AppState>,
    caller: Caller,
    Path(id): Path<String>,
) -> Result<Json<RunOut>, AppError> {
    let status = s.vault.retention_run_status(&caller.actor, &id).await?;
    let (state, error) = s.jobs.run_state(&id).await.describe(&status);
    let certificate = if status.finished() {
        let c = s.vault.retention_certificate(&caller.actor, &id).await?;
        Some(serde_json::to_value(&c).map_err(|e| AppError::Internal {
            code: "retention.certificate",
            cause: e.to_string(),
        })?)
    } else {
        None
    };
    Ok(Json(RunOut {
        id: status.run_id.clone(),
        as_of: status.as_of,
        state: state.to_owned(),
        error: error.map(str::to_owned),
        started_at: status.started_at.clone(),
        started_by: status.started_by.clone(),
        started_role: status.started_role.clone(),
        finished_at: status.finished_at.clone(),
        total: status.total,
        done: status.done,
        remaining: status.remaining(),
        destroyed: status.destroyed,
        skipped: status.skipped,
        certificate,
    }))
}

/// A legal hold as the register holds it.
#[derive(Serialize, utoipa::ToSchema)]
pub(crate) struct HoldOut {
    id: String,
    person: String,
    /// None: everything of the person.
    category: Option<String>,
    kind: String,
    /// The law the hold rests on.
    law: String,
    reason: Option<String>,
    placed_by: String,
    placed_role: String,
    placed_at: String,
    #[schema(value_type = String, format = Date)]
    starts_on: Date,
    #[schema(value_type = Option<String>, format = Date)]
    ends_on: Option<Date>,
    #[schema(value_type = Option<String>, format = Date)]
    review_on: Option<Date>,
    released_at: Option<String>,
    released_by: Option<String>,
    /// Whether it stands today (started, not released, not ended).
    standing: bool,
}

impl From<&Hold> for HoldOut {
    fn from(h: &Hold) -> HoldOut {
        HoldOut {
            id: h.id.clone(),
            person: h.person_id.clone(),
            category: h.category.clone(),
            kind: h.kind.id().to_owned(),
            law: h.law.to_owned(),
            reason: h.reason.clone(),
            placed_by: h.placed_by.clone(),
            placed_role: h.placed_role.clone(),
            placed_at: h.placed_at.clone(),
            starts_on: h.starts_on,
            ends_on: h.ends_on,
            review_on: h.review_on,
            released_at: h.released_at.clone(),
            released_by: h.released_by.clone(),
            standing: h.stands_on(today()),
        }
    }
}

/// The hold register: every hold, standing and released, newest first, with the reasons.
#[utoipa::path(get, path = "/api/v1/retention/holds",
    responses((status = 200, body = Vec<HoldOut>), Refusals),
    security(("token" = [])))]
pub(crate) async fn holds(
    State(s): State<AppState>,
    caller: Caller,
) -> Result<Json<Vec<HoldOut>>, AppError> {
    let holds = s.vault.hold_register(&caller.actor, true).await?;
    Ok(Json(holds.iter().map(HoldOut::from).collect()))
}

#[derive(Deserialize, utoipa::ToSchema)]
#[serde(deny_unknown_fields)]
pub(crate) struct NewHoldIn {
    /// The person whose data the hold keeps.
    person: String,
    /// One category (the reglement's id); absent for everything of the person.
    category: Option<String>,
    /// klacht, rechtszaak, wkkgz_onderzoek, oordeel_hulpverlener or wettelijke_plicht.
    kind: String,
    /// Why (sealed with the person's key; never in the audit log).
    #[schema(min_length = 1)]
    reason: String,
    /// From when (today when absent).
    #[schema(value_type = Option<String>, format = Date)]
    starts_on: Option<Date>,
    /// The hold lapses after this day; absent: until it is released.
    #[schema(value_type = Option<String>, format = Date)]
    ends_on: Option<Date>,
    /// When the hold is to be looked at again.
    #[schema(value_type = Option<String>, format = Date)]
    review_on: Option<Date>,
}

/// Place a legal hold: destruction and erasure of what it covers wait until it is released
/// or ends. `201` with its id.
#[utoipa::path(post, path = "/api/v1/retention/holds", request_body = NewHoldIn,
    responses((status = 201, body = super::Created), Refusals),
    security(("token" = [])))]
pub(crate) async fn place_hold(
    State(s): State<AppState>,
    caller: Caller,
    Body(body): Body<NewHoldIn>,
) -> Result<(StatusCode, Json<super::Created>), AppError> {
    let kind = HoldKind::from_id(&body.kind).ok_or_else(|| {
        AppError::invalid(
            "kind",
            &format!(
                "unknown value `{}`; expected one of: {}",
                body.kind,
                HoldKind::ids().join(", ")
            ),
        )
    })?;
    let category = body.category.filter(|c| !c.trim().is_empty());
    let new = NewHold {
        person: body.person,
        category,
        kind,
        reason: body.reason,
        starts_on: body.starts_on.unwrap_or_else(today),
        ends_on: body.ends_on,
        review_on: body.review_on,
    };
    let id = s
        .vault
        .place_hold(&caller.actor, &new)
        .await
        .map_err(|e| match e {
            VaultError::NotFound(_) => AppError::invalid("person", "no person has this id"),
            other => other.into(),
        })?;
    Ok((StatusCode::CREATED, Json(super::Created { id })))
}

/// Release a standing hold: from now on it keeps nothing. `204`.
#[utoipa::path(post, path = "/api/v1/retention/holds/{id}/release", params(("id" = String, Path)),
    responses((status = 204, description = "Released"), Refusals),
    security(("token" = [])))]
pub(crate) async fn release_hold(
    State(s): State<AppState>,
    caller: Caller,
    Path(id): Path<String>,
) -> Result<StatusCode, AppError> {
    s.vault.release_hold(&caller.actor, &id).await?;
    Ok(StatusCode::NO_CONTENT)
}
