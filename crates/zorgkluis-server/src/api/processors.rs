//! `/api/v1/processors` and `/api/v1/assets`: the processor register (art. 28 AVG) and the
//! privacy assets (BG wonen's E13) for other systems (a contract manager, a CMDB), for whoever
//! keeps the incident register (`manage_incidents`); the audit-log oversight (`read_audit`)
//! reads them without the security measures. A reglement that demands processing inside the
//! EEA refuses a country outside it, naming the field and the article. Every step is an audit
//! event; bad input names the field and changes nothing.

use axum::Json;
use axum::extract::{Path, State};
use axum::http::StatusCode;
use jiff::civil::Date;
use serde::{Deserialize, Serialize};
use zorgkluis_core::time::dutch_date;
use zorgkluis_store::vault::{NewAsset, NewProcessor, PrivacyAsset, ProcessorAgreement};

use super::{Body, Refusals};
use crate::{AppError, AppState, Caller};

fn today() -> Date {
    dutch_date(jiff::Timestamp::now())
}

#[derive(Deserialize, utoipa::ToSchema)]
#[serde(deny_unknown_fields)]
pub(crate) struct ProcessorIn {
    /// The processor's name (an organisation).
    #[schema(min_length = 1)]
    processor: String,
    /// Its KvK number (eight digits).
    kvk: Option<String>,
    /// The reglement's processings it carries out (their ids).
    processings: Vec<String>,
    /// The categories of data it processes (ids, the processings' own).
    categories: Vec<String>,
    /// Its sub-processors, by name.
    #[serde(default)]
    subprocessors: Vec<String>,
    /// Where the data are processed: ISO 3166-1 alpha-2 codes.
    countries: Vec<String>,
    /// When the agreement was signed (YYYY-MM-DD).
    #[schema(value_type = String, format = Date)]
    signed_on: Date,
    /// The next review; the reglement's interval after signing when left out.
    #[schema(value_type = Option<String>, format = Date)]
    next_review: Option<Date>,
    /// The security measures (sealed).
    #[serde(default)]
    security: String,
}

#[derive(Deserialize, utoipa::ToSchema)]
#[serde(deny_unknown_fields)]
pub(crate) struct ReviewIn {
    /// The day of the review (default today).
    #[schema(value_type = Option<String>, format = Date)]
    on: Option<Date>,
    /// The next review; the reglement's interval after the review when left out.
    #[schema(value_type = Option<String>, format = Date)]
    next_review: Option<Date>,
}

#[derive(Deserialize, utoipa::ToSchema)]
#[serde(deny_unknown_fields)]
pub(crate) struct AssetIn {
    /// The system's name.
    #[schema(min_length = 1)]
    name: String,
    /// What kind of system (applicatie, server, archief).
    #[schema(min_length = 1)]
    kind: String,
    /// The categories it keeps (ids).
    categories: Vec<String>,
    /// The country where it keeps them (ISO 3166-1 alpha-2).
    country: String,
    /// Where in that country.
    location: Option<String>,
    /// The id of the processor agreement it falls under.
    agreement: Option<String>,
    /// The role that owns it.
    owner_role: String,
}

/// A processor agreement with its review state.
#[derive(Serialize, utoipa::ToSchema)]
pub(crate) struct ProcessorOut {
    id: String,
    processor: String,
    kvk: Option<String>,
    processings: Vec<String>,
    categories: Vec<String>,
    subprocessors: Vec<String>,
    countries: Vec<String>,
    #[schema(value_type = String, format = Date)]
    signed_on: Date,
    #[schema(value_type = Option<String>, format = Date)]
    reviewed_on: Option<Date>,
    #[schema(value_type = String, format = Date)]
    next_review: Date,
    #[schema(value_type = Option<String>, format = Date)]
    ended_on: Option<Date>,
    /// The security measures; left out for a reader who does not keep the register.
    security: Option<String>,
    /// The review is due within a month, or overdue.
    review_due: bool,
    overdue: bool,
}

impl From<&ProcessorAgreement> for ProcessorOut {
    fn from(a: &ProcessorAgreement) -> ProcessorOut {
        let day = today();
        ProcessorOut {
            id: a.id.clone(),
            processor: a.processor.clone(),
            kvk: a.kvk.clone(),
            processings: a.processings.clone(),
            categories: a.categories.clone(),
            subprocessors: a.subprocessors.clone(),
            countries: a.countries.clone(),
            signed_on: a.signed_on,
            reviewed_on: a.reviewed_on,
            next_review: a.next_review,
            ended_on: a.ended_on,
            security: a.security.clone(),
            review_due: a.review_due(day),
            overdue: a.overdue(day),
        }
    }
}

/// A privacy asset.
#[derive(Serialize, utoipa::ToSchema)]
pub(crate) struct AssetOut {
    id: String,
    name: String,
    kind: String,
    categories: Vec<String>,
    country: String,
    location: Option<String>,
    agreement: Option<String>,
    owner_role: String,
}

impl From<&PrivacyAsset> for AssetOut {
    fn from(a: &PrivacyAsset) -> AssetOut {
        AssetOut {
            id: a.id.clone(),
            name: a.name.clone(),
            kind: a.kind.clone(),
            categories: a.categories.clone(),
            country: a.country.clone(),
            location: a.location.clone(),
            agreement: a.agreement.clone(),
            owner_role: a.owner_role.clone(),
        }
    }
}

#[utoipa::path(post, path = "/api/v1/processors", request_body = ProcessorIn,
    responses((status = 201, body = ProcessorOut), Refusals),
    security(("token" = [])))]
pub(crate) async fn record_processor(
    State(s): State<AppState>,
    caller: Caller,
    Body(body): Body<ProcessorIn>,
) -> Result<(StatusCode, Json<ProcessorOut>), AppError> {
    let new = NewProcessor {
        processor: body.processor,
        kvk: body.kvk,
        processings: body.processings,
        categories: body.categories,
        subprocessors: body.subprocessors,
        countries: body.countries,
        signed_on: Some(body.signed_on),
        next_review: body.next_review,
        security: body.security,
    };
    let id = s.vault.record_processor(&caller.actor, &new).await?;
    let a = s.vault.processor(&caller.actor, &id).await?;
    Ok((StatusCode::CREATED, Json(ProcessorOut::from(&a))))
}

#[utoipa::path(get, path = "/api/v1/processors",
    responses((status = 200, body = Vec<ProcessorOut>), Refusals),
    security(("token" = [])))]
pub(crate) async fn list_processors(
    State(s): State<AppState>,
    caller: Caller,
) -> Result<Json<Vec<ProcessorOut>>, AppError> {
    let all = s.vault.processors(&caller.actor).await?;
    Ok(Json(all.iter().map(ProcessorOut::from).collect()))
}

#[utoipa::path(get, path = "/api/v1/processors/{id}", params(("id" = String, Path)),
    responses((status = 200, body = ProcessorOut), Refusals),
    security(("token" = [])))]
pub(crate) async fn processor(
    State(s): State<AppState>,
    caller: Caller,
    Path(id): Path<String>,
) -> Result<Json<ProcessorOut>, AppError> {
    let a = s.vault.processor(&caller.actor, &id).await?;
    Ok(Json(ProcessorOut::from(&a)))
}

#[utoipa::path(post, path = "/api/v1/processors/{id}/review", params(("id" = String, Path)),
    request_body = ReviewIn,
    responses((status = 200, body = ProcessorOut), Refusals),
    security(("token" = [])))]
pub(crate) async fn review_processor(
    State(s): State<AppState>,
    caller: Caller,
    Path(id): Path<String>,
    Body(body): Body<ReviewIn>,
) -> Result<Json<ProcessorOut>, AppError> {
    let a = s
        .vault
        .review_processor(
            &caller.actor,
            &id,
            body.on.unwrap_or_else(today),
            body.next_review,
        )
        .await?;
    Ok(Json(ProcessorOut::from(&a)))
}

#[utoipa::path(post, path = "/api/v1/assets", request_body = AssetIn,
    responses((status = 201, body = AssetOut), Refusals),
    security(("token" = [])))]
pub(crate) async fn record_asset(
    State(s): State<AppState>,
    caller: Caller,
    Body(body): Body<AssetIn>,
) -> Result<(StatusCode, Json<AssetOut>), AppError> {
    let new = NewAsset {
        name: body.name,
        kind: body.kind,
        categories: body.categories,
        country: body.country,
        location: body.location,
        agreement: body.agreement,
        owner_role: body.owner_role,
    };
    let id = s.vault.record_asset(&caller.actor, &new).await?;
    let all = s.vault.assets(&caller.actor).await?;
    let a = all
        .iter()
        .find(|a| a.id == id)
        .ok_or_else(|| AppError::invalid("id", "the asset was not found after recording"))?;
    Ok((StatusCode::CREATED, Json(AssetOut::from(a))))
}

#[utoipa::path(get, path = "/api/v1/assets",
    responses((status = 200, body = Vec<AssetOut>), Refusals),
    security(("token" = [])))]
pub(crate) async fn list_assets(
    State(s): State<AppState>,
    caller: Caller,
) -> Result<Json<Vec<AssetOut>>, AppError> {
    let all = s.vault.assets(&caller.actor).await?;
    Ok(Json(all.iter().map(AssetOut::from).collect()))
}
