//! The JSON API under `/api/v1`, one file per resource: persons (registration, lists, search,
//! identity checks), records (the dossier, amendments, emergency access), the care team, the
//! audit log, the request register. Each route is registered together with its OpenAPI operation
//! ([`utoipa_axum::routes!`]), so the document at `/api/v1/openapi.json` describes exactly the
//! routes the router serves. Consent records are in `consents`, objections in
//! `objections`; disclosures and the registers (incidents, complaints) get a file of their own here as they come.

mod audit;
mod care;
mod complaints;
mod consents;
mod contact;
mod disclosures;
mod incidents;
mod log_review;
mod objections;
mod persons;
mod processors;
mod records;
mod registers;
mod reglement;
mod representation;
mod requests;
mod restrictions;
mod retention;
mod users;

use std::sync::LazyLock;

use axum::extract::rejection::{JsonRejection, QueryRejection};
use axum::extract::{FromRequest, FromRequestParts, Request, State};
use axum::http::StatusCode;
use axum::http::request::Parts;
use axum::response::{IntoResponse, Response};
use axum::routing::get;
use axum::{Json, Router};
use serde::Serialize;
use utoipa::OpenApi as _;
use utoipa_axum::router::OpenApiRouter;
use utoipa_axum::routes;

use crate::AppState;
use crate::error::AppError;
use crate::problem::{Problem, field_in};

/// The description the generated operations are gathered under.
#[derive(utoipa::OpenApi)]
#[openapi(
    info(
        title = "zorgkluis",
        description = "Het privacyreglement van een zorgaanbieder, uitvoerbaar gemaakt. Elke toegang tot persoonsgegevens wordt beslist door het reglement, vastgelegd in de NEN 7513-logging en pas daarna geopend."
    ),
    components(schemas(Problem)),
    modifiers(&BearerToken)
)]
struct ApiDoc;

struct BearerToken;

impl utoipa::Modify for BearerToken {
    fn modify(&self, openapi: &mut utoipa::openapi::OpenApi) {
        use utoipa::openapi::security::{HttpAuthScheme, HttpBuilder, SecurityScheme};
        let components = openapi.components.get_or_insert_with(Default::default);
        components.add_security_scheme(
            "token",
            SecurityScheme::Http(HttpBuilder::new().scheme(HttpAuthScheme::Bearer).build()),
        );
    }
}

/// The refusals every operation may answer with, as problem details.
#[derive(utoipa::IntoResponses)]
#[allow(dead_code)]
pub(crate) enum Refusals {
    #[response(
        status = 400,
        description = "The body or query is not what the operation takes",
        content_type = "application/problem+json"
    )]
    Malformed(Problem),
    #[response(
        status = 401,
        description = "No valid API token",
        content_type = "application/problem+json"
    )]
    Unauthenticated(Problem),
    #[response(
        status = 403,
        description = "The reglement does not allow it (the articles are cited)",
        content_type = "application/problem+json"
    )]
    Denied(Problem),
    #[response(
        status = 404,
        description = "Not found",
        content_type = "application/problem+json"
    )]
    NotFound(Problem),
    #[response(
        status = 405,
        description = "The path does not take this method",
        content_type = "application/problem+json"
    )]
    MethodNotAllowed(Problem),
    #[response(
        status = 408,
        description = "The body did not arrive within the body read timeout",
        content_type = "application/problem+json"
    )]
    TimedOut(Problem),
    #[response(
        status = 409,
        description = "It exists already",
        content_type = "application/problem+json"
    )]
    Conflict(Problem),
    #[response(
        status = 410,
        description = "The person's data was erased",
        content_type = "application/problem+json"
    )]
    Erased(Problem),
    #[response(
        status = 422,
        description = "A field is invalid (named in `field`)",
        content_type = "application/problem+json"
    )]
    Invalid(Problem),
    #[response(
        status = 500,
        description = "The server failed; nothing was changed",
        content_type = "application/problem+json"
    )]
    Internal(Problem),
}

/// The API routes and their OpenAPI document, built together.
fn api() -> (Router<AppState>, utoipa::openapi::OpenApi) {
    OpenApiRouter::with_openapi(ApiDoc::openapi())
        .routes(routes!(persons::register_person, persons::list_persons))
        .routes(routes!(persons::search_persons))
        .routes(routes!(persons::identity_check))
        .routes(routes!(records::dossier, records::add_record))
        .routes(routes!(records::correct_record))
        .routes(routes!(records::supplement_record))
        .routes(routes!(records::emergency_access))
        .routes(routes!(care::assign_care))
        .routes(routes!(care::end_care))
        .routes(routes!(users::disable_user))
        .routes(routes!(users::set_password))
        .routes(routes!(audit::audit))
        .routes(routes!(registers::register))
        .routes(routes!(requests::file_request, requests::list_requests))
        .routes(routes!(requests::request))
        .routes(routes!(requests::decide_request))
        .routes(routes!(requests::extend_request))
        .routes(routes!(requests::withdraw_request))
        .routes(routes!(requests::advance_request))
        .routes(routes!(requests::export))
        .routes(routes!(requests::withhold))
        .routes(routes!(requests::release))
        .routes(routes!(requests::execute))
        .routes(routes!(restrictions::lift))
        .routes(routes!(contact::check))
        .routes(routes!(contact::block))
        .routes(routes!(consents::list, consents::give))
        .routes(routes!(consents::withdraw))
        .routes(routes!(
            disclosures::recipients,
            disclosures::register_recipient
        ))
        .routes(routes!(
            disclosures::person_disclosures,
            disclosures::disclose
        ))
        .routes(routes!(disclosures::preview))
        .routes(routes!(disclosures::ledger))
        .routes(routes!(disclosures::notice))
        .routes(routes!(disclosures::recipients_to_tell))
        .routes(routes!(disclosures::recipient_told))
        .routes(routes!(disclosures::research_export))
        .routes(routes!(objections::list, objections::file))
        .routes(routes!(objections::decide))
        .routes(routes!(objections::withdraw))
        .routes(routes!(
            incidents::record_incident,
            incidents::list_incidents
        ))
        .routes(routes!(incidents::incident))
        .routes(routes!(incidents::notify_ap))
        .routes(routes!(
            complaints::record_complaint,
            complaints::list_complaints
        ))
        .routes(routes!(complaints::complaint))
        .routes(routes!(complaints::extend_complaint))
        .routes(routes!(complaints::decide_complaint))
        .routes(routes!(complaints::refer_complaint))
        .routes(routes!(complaints::mark_complaint))
        .routes(routes!(log_review::run))
        .routes(routes!(log_review::flags))
        .routes(routes!(log_review::close))
        .routes(routes!(log_review::incident))
        .routes(routes!(
            processors::record_processor,
            processors::list_processors
        ))
        .routes(routes!(processors::processor))
        .routes(routes!(processors::review_processor))
        .routes(routes!(processors::record_asset, processors::list_assets))
        .routes(routes!(retention::plan))
        .routes(routes!(retention::start_run))
        .routes(routes!(retention::run))
        .routes(routes!(retention::holds, retention::place_hold))
        .routes(routes!(retention::release_hold))
        .routes(routes!(
            representation::legal_facts,
            representation::set_legal_facts
        ))
        .routes(routes!(
            representation::representatives,
            representation::add_representative
        ))
        .routes(routes!(representation::end_representative))
        .routes(routes!(reglement::versions, reglement::adopt))
        .split_for_parts()
}

static OPENAPI_JSON: LazyLock<String> = LazyLock::new(|| {
    api()
        .1
        .to_json()
        .unwrap_or_else(|e| format!("{{\"error\": \"{e}\"}}"))
});

/// The API's routes, with the health checks and the OpenAPI document.
pub(crate) fn routes() -> Router<AppState> {
    api()
        .0
        .route("/api/v1/openapi.json", get(openapi))
        .route("/health", get(health))
        .route("/ready", get(ready))
}

/// The OpenAPI document of the API, generated from the code.
pub fn openapi_json() -> &'static str {
    &OPENAPI_JSON
}

async fn openapi() -> Response {
    (
        [(axum::http::header::CONTENT_TYPE, "application/json")],
        openapi_json(),
    )
        .into_response()
}

#[derive(Serialize)]
struct Status {
    status: &'static str,
    #[serde(skip_serializing_if = "Option::is_none")]
    reason: Option<&'static str>,
}

async fn health() -> Json<Status> {
    Json(Status {
        status: "ok",
        reason: None,
    })
}

/// Ready when the database answers and the audit log is being anchored: a chain the writer
/// refuses, or a checkpoint that cannot be written, takes the instance out of rotation (503)
/// with a code; the cause is in the server's log.
async fn ready(State(s): State<AppState>) -> Response {
    let not_ready = if !s.vault.ready().await {
        Some("store.unavailable")
    } else {
        s.vault.audit_problem().map(|p| p.code())
    };
    match not_ready {
        None => Json(Status {
            status: "ready",
            reason: None,
        })
        .into_response(),
        Some(code) => (
            StatusCode::SERVICE_UNAVAILABLE,
            Json(Status {
                status: "unavailable",
                reason: Some(code),
            }),
        )
            .into_response(),
    }
}

/// A JSON body whose rejection is a problem detail naming the field.
pub(crate) struct Body<T>(pub T);

impl<S, T> FromRequest<S> for Body<T>
where
    Json<T>: FromRequest<S, Rejection = JsonRejection>,
    S: Send + Sync,
{
    type Rejection = AppError;

    async fn from_request(req: Request, state: &S) -> Result<Self, Self::Rejection> {
        match Json::<T>::from_request(req, state).await {
            Ok(Json(v)) => Ok(Body(v)),
            Err(rejection) => {
                let message = rejection.body_text();
                Err(AppError::Malformed {
                    field: field_in(&message),
                    message,
                    query: false,
                })
            }
        }
    }
}

/// A query string whose rejection is a problem detail naming the field.
pub(crate) struct Query<T>(pub T);

impl<S, T> FromRequestParts<S> for Query<T>
where
    axum::extract::Query<T>: FromRequestParts<S, Rejection = QueryRejection>,
    S: Send + Sync,
{
    type Rejection = AppError;

    async fn from_request_parts(parts: &mut Parts, state: &S) -> Result<Self, Self::Rejection> {
        match axum::extract::Query::<T>::from_request_parts(parts, state).await {
            Ok(axum::extract::Query(v)) => Ok(Query(v)),
            Err(rejection) => {
                let message = rejection.body_text();
                Err(AppError::Malformed {
                    field: field_in(&message),
                    message,
                    query: true,
                })
            }
        }
    }
}

/// What a creation answers: the new id.
#[derive(Serialize, utoipa::ToSchema)]
pub(crate) struct Created {
    pub id: String,
}

pub(crate) fn default_purpose() -> String {
    "api".to_owned()
}

pub(crate) fn default_limit<T: From<u8>>() -> T {
    T::from(100)
}
