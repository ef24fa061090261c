//! The dossier over the API: reading it (a category, or everything with what is withheld),
//! adding records, corrections and the client's own statements, and emergency access.

use axum::Json;
use axum::extract::{Path, State};
use axum::http::StatusCode;
use jiff::civil::Date;
use serde::{Deserialize, Serialize};
use zorgkluis_store::vault::{Amendment, PersonFacts, Record, Withheld};

use super::{Body, Created, Query, Refusals, default_limit, default_purpose};
use crate::{AppError, AppState, Caller};

#[derive(Deserialize, utoipa::IntoParams)]
#[serde(deny_unknown_fields)]
#[into_params(parameter_in = Query)]
pub(crate) struct DossierQuery {
    /// One category (decided and logged); without it, every category.
    category: Option<String>,
    #[serde(default = "default_purpose")]
    #[param(pattern = "^[a-z0-9 _-]{1,60}$")]
    purpose: String,
    /// 0 to 1,000,000.
    #[serde(default)]
    #[param(minimum = 0, maximum = 1000000)]
    offset: usize,
    /// 1 to 1000, default 100.
    #[serde(default = "default_limit")]
    #[param(minimum = 1, maximum = 1000)]
    limit: usize,
}

/// The furthest a page may start, as the OpenAPI document says.
const MAX_OFFSET: usize = 1_000_000;

/// A record as the API returns it, after its access was decided and logged.
#[derive(Serialize, utoipa::ToSchema)]
pub(crate) struct RecordOut {
    id: String,
    person_id: String,
    category: String,
    /// `original`, `correction` or `supplement`.
    kind: String,
    supersedes: Option<String>,
    text: String,
    created_at: String,
    created_by: String,
}

impl From<Record> for RecordOut {
    fn from(r: Record) -> RecordOut {
        RecordOut {
            id: r.id,
            person_id: r.person_id,
            category: r.category,
            kind: r.kind,
            supersedes: r.supersedes,
            text: r.text,
            created_at: r.created_at,
            created_by: r.created_by,
        }
    }
}

/// A category the caller may not see, and why.
#[derive(Serialize, utoipa::ToSchema)]
pub(crate) struct WithheldOut {
    category: String,
    articles: Vec<String>,
    explanation: String,
}

/// The identification facts heading a dossier.
#[derive(Serialize, utoipa::ToSchema)]
pub(crate) struct FactsOut {
    name: String,
    #[schema(value_type = Option<String>, format = Date)]
    birth_date: Option<Date>,
    client_number: Option<String>,
}

impl From<PersonFacts> for FactsOut {
    fn from(f: PersonFacts) -> FactsOut {
        FactsOut {
            name: f.name,
            birth_date: f.birth_date,
            client_number: f.client_number,
        }
    }
}

#[derive(Serialize, utoipa::ToSchema)]
pub(crate) struct DossierAnswer {
    /// Name, date of birth and client number, when the caller may see them (whole dossier).
    #[serde(skip_serializing_if = "Option::is_none")]
    facts: Option<FactsOut>,
    records: Vec<RecordOut>,
    withheld: Vec<WithheldOut>,
    total: usize,
    offset: usize,
    limit: usize,
}

fn withheld_out(w: Vec<Withheld>, caller: &Caller) -> Vec<WithheldOut> {
    w.into_iter()
        .map(|w| WithheldOut {
            explanation: w.decision.explain(caller.lang),
            articles: w.decision.articles,
            category: w.category,
        })
        .collect()
}

/// A person's dossier as the caller may see it: with `category`, that category (decided and
/// logged); without, every category, and what is withheld with the reason.
#[utoipa::path(get, path = "/api/v1/persons/{id}/records", params(("id" = String, Path), DossierQuery),
    responses((status = 200, body = DossierAnswer), Refusals),
    security(("token" = [])))]
pub(crate) async fn dossier(
    State(s): State<AppState>,
    caller: Caller,
    Path(person): Path<String>,
    Query(q): Query<DossierQuery>,
) -> Result<Json<DossierAnswer>, AppError> {
    if q.limit == 0 || q.limit > 1000 {
        return Err(AppError::invalid("limit", "between 1 and 1000"));
    }
    if q.offset > MAX_OFFSET {
        return Err(AppError::invalid("offset", "between 0 and 1000000"));
    }
    let (facts, records, withheld) = match &q.category {
        Some(category) => {
            let records = s
                .vault
                .read_category(&caller.actor, &person, category, &q.purpose, None)
                .await?;
            (None, records, Vec::new())
        }
        None => {
            let view = s.vault.dossier(&caller.actor, &person, &q.purpose).await?;
            (view.facts, view.records, view.withheld)
        }
    };
    let total = records.len();
    Ok(Json(DossierAnswer {
        facts: facts.map(FactsOut::from),
        records: records
            .into_iter()
            .skip(q.offset)
            .take(q.limit)
            .map(RecordOut::from)
            .collect(),
        withheld: withheld_out(withheld, &caller),
        total,
        offset: q.offset,
        limit: q.limit,
    }))
}

#[derive(Deserialize, utoipa::ToSchema)]
#[serde(deny_unknown_fields)]
pub(crate) struct NewRecord {
    category: String,
    #[schema(min_length = 1)]
    text: String,
    #[serde(default = "default_purpose")]
    #[schema(pattern = "^[a-z0-9 _-]{1,60}$")]
    purpose: String,
}

/// Add a dossier record in a category.
#[utoipa::path(post, path = "/api/v1/persons/{id}/records", params(("id" = String, Path)), request_body = NewRecord,
    responses((status = 201, body = Created), Refusals),
    security(("token" = [])))]
pub(crate) async fn add_record(
    State(s): State<AppState>,
    caller: Caller,
    Path(person): Path<String>,
    Body(body): Body<NewRecord>,
) -> Result<(StatusCode, Json<Created>), AppError> {
    if body.text.trim().is_empty() {
        return Err(AppError::invalid("text", "empty"));
    }
    let id = s
        .vault
        .add_record(
            &caller.actor,
            &person,
            &body.category,
            &body.text,
            &body.purpose,
        )
        .await?;
    Ok((StatusCode::CREATED, Json(Created { id })))
}

#[derive(Deserialize, utoipa::ToSchema)]
#[serde(deny_unknown_fields)]
pub(crate) struct Correction {
    #[schema(min_length = 1)]
    text: String,
    #[serde(default = "default_purpose")]
    #[schema(pattern = "^[a-z0-9 _-]{1,60}$")]
    purpose: String,
}

async fn amend(
    s: &AppState,
    caller: &Caller,
    record: &str,
    body: &Correction,
    kind: Amendment,
) -> Result<(StatusCode, Json<Created>), AppError> {
    let (id, _) = s
        .vault
        .amend(&caller.actor, kind, record, &body.text, &body.purpose)
        .await?;
    Ok((StatusCode::CREATED, Json(Created { id })))
}

/// Correct a record: a new record supersedes it; the old one stays in the history.
#[utoipa::path(post, path = "/api/v1/records/{id}/corrections", params(("id" = String, Path)), request_body = Correction,
    responses((status = 201, body = Created), Refusals),
    security(("token" = [])))]
pub(crate) async fn correct_record(
    State(s): State<AppState>,
    caller: Caller,
    Path(record): Path<String>,
    Body(body): Body<Correction>,
) -> Result<(StatusCode, Json<Created>), AppError> {
    amend(&s, &caller, &record, &body, Amendment::Correction).await
}

/// Add the client's own statement to a record (aanvulling).
#[utoipa::path(post, path = "/api/v1/records/{id}/supplements", params(("id" = String, Path)), request_body = Correction,
    responses((status = 201, body = Created), Refusals),
    security(("token" = [])))]
pub(crate) async fn supplement_record(
    State(s): State<AppState>,
    caller: Caller,
    Path(record): Path<String>,
    Body(body): Body<Correction>,
) -> Result<(StatusCode, Json<Created>), AppError> {
    amend(&s, &caller, &record, &body, Amendment::Supplement).await
}

#[derive(Deserialize, utoipa::ToSchema)]
#[serde(deny_unknown_fields)]
pub(crate) struct EmergencyAccess {
    category: String,
    /// Why: kept sealed with the person's key, reviewed by the privacy officer.
    #[schema(min_length = 1)]
    reason: String,
    #[serde(default = "default_purpose")]
    #[schema(pattern = "^[a-z0-9 _-]{1,60}$")]
    purpose: String,
}

#[derive(Serialize, utoipa::ToSchema)]
pub(crate) struct EmergencyAnswer {
    records: Vec<RecordOut>,
    /// Always true: the privacy officer reviews every emergency access.
    review_required: bool,
}

/// Break the glass: read one category outside the care team, with a reason, where the
/// reglement allows it. The reason travels in the body (never a URL) and is stored sealed.
#[utoipa::path(post, path = "/api/v1/persons/{id}/emergency-access", params(("id" = String, Path)), request_body = EmergencyAccess,
    responses((status = 200, body = EmergencyAnswer), Refusals),
    security(("token" = [])))]
pub(crate) async fn emergency_access(
    State(s): State<AppState>,
    caller: Caller,
    Path(person): Path<String>,
    Body(body): Body<EmergencyAccess>,
) -> Result<Json<EmergencyAnswer>, AppError> {
    let records = s
        .vault
        .read_category(
            &caller.actor,
            &person,
            &body.category,
            &body.purpose,
            Some(&body.reason),
        )
        .await?;
    Ok(Json(EmergencyAnswer {
        records: records.into_iter().map(RecordOut::from).collect(),
        review_required: true,
    }))
}
