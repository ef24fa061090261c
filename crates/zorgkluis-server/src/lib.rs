//! The zorgkluis HTTP server: a JSON API under `/api/v1` over the one access path, for other
//! systems (an ECD, an intake form, billing) with per-system API tokens that carry a role.
//! Every request that touches personal data goes through the `Vault`: decided by the
//! reglement, logged in the audit chain, then decrypted. Errors are RFC 9457 problem details
//! that name the field.

mod messages;
mod problem;
pub mod web;

use std::net::SocketAddr;

use axum::extract::rejection::JsonRejection;
use axum::extract::{ConnectInfo, FromRequest, Path, Query, Request, State};
use axum::http::{HeaderMap, StatusCode};
use axum::response::{IntoResponse, Response};
use axum::routing::{get, post};
use axum::{Json, Router};
use jiff::civil::Date;
use serde::{Deserialize, Serialize};
use zorgkluis_store::vault::{Actor, Vault, VaultError};

pub use problem::Problem;

#[derive(Clone)]
pub struct AppState {
    pub vault: Vault,
    pub throttle: web::Throttle,
    /// Password checks running at once.
    pub login_slots: std::sync::Arc<tokio::sync::Semaphore>,
    /// Mark the session cookie Secure (behind TLS).
    pub secure_cookies: bool,
}

/// The routes: the web UI and the API.
pub fn router(vault: Vault) -> Router {
    let secure_cookies = std::env::var("ZORGKLUIS_SECURE_COOKIES").is_ok_and(|v| v == "1");
    Router::new()
        .route("/", get(web::root))
        .route("/login", get(web::login_form).post(web::login))
        .route("/uitloggen", post(web::logout))
        .route("/clienten", get(web::clients))
        .route(
            "/clienten/nieuw",
            get(web::register_form).post(web::register),
        )
        .route("/clienten/{id}", get(web::dossier))
        .route(
            "/clienten/{id}/noodtoegang",
            get(web::emergency_form).post(web::emergency),
        )
        .route("/gegevens/{id}/correctie", post(web::correct))
        .route("/gegevens/{id}/aanvulling", post(web::supplement))
        .route("/fg/clienten/{id}/logging", get(web::access_log))
        .route("/fg/noodtoegang", get(web::emergency_review))
        .route("/health", get(health))
        .route("/ready", get(ready))
        .route("/api/v1/openapi.json", get(openapi))
        .route("/api/v1/persons", post(register_person).get(list_persons))
        .route(
            "/api/v1/persons/{id}/records",
            get(dossier).post(add_record),
        )
        .route(
            "/api/v1/persons/{id}/emergency-access",
            post(emergency_access),
        )
        .route("/api/v1/persons/{id}/care-team", post(assign_care))
        .route("/api/v1/persons/{id}/care-team/end", post(end_care))
        .route("/api/v1/persons/{id}/identity-checks", post(identity_check))
        .route("/api/v1/records/{id}/supplements", post(supplement_record))
        .route("/api/v1/persons/{id}/audit", get(audit))
        .route("/api/v1/records/{id}/corrections", post(correct_record))
        .layer(axum::middleware::from_fn(security_headers))
        .layer(axum::middleware::from_fn(log_request))
        .with_state(AppState {
            vault,
            throttle: web::Throttle::default(),
            login_slots: std::sync::Arc::new(tokio::sync::Semaphore::new(2)),
            secure_cookies,
        })
}

/// Serves until `shutdown` completes; requests in flight finish first.
pub async fn serve(
    listener: tokio::net::TcpListener,
    vault: Vault,
    shutdown: impl std::future::Future<Output = ()> + Send + 'static,
) -> std::io::Result<()> {
    axum::serve(
        listener,
        router(vault).into_make_service_with_connect_info::<SocketAddr>(),
    )
    .with_graceful_shutdown(shutdown)
    .await
}

/// The OpenAPI document of this API, generated from the code.
#[derive(utoipa::OpenApi)]
#[openapi(
    info(title = "zorgkluis", description = "Het privacyreglement van een zorgaanbieder, uitvoerbaar gemaakt."),
    paths(register_person, list_persons, dossier, add_record, correct_record, supplement_record, emergency_access, assign_care, end_care, identity_check, audit),
    components(schemas(NewPerson, Created, NewRecord, Correction, EmergencyAccess, CareAssignment, CareEnd, IdentityCheck, Problem)),
    modifiers(&BearerToken)
)]
pub struct ApiDoc;

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

async fn openapi() -> Response {
    use utoipa::OpenApi as _;
    match ApiDoc::openapi().to_json() {
        Ok(json) => (
            [(axum::http::header::CONTENT_TYPE, "application/json")],
            json,
        )
            .into_response(),
        Err(_) => Problem::new(
            StatusCode::INTERNAL_SERVER_ERROR,
            "openapi.error",
            "OpenAPI",
        )
        .into_response(),
    }
}

/// One structured log line per request: method, the route *template* (never the ids in the
/// path, never a query or body), status and duration. No personal data.
async fn log_request(req: Request, next: axum::middleware::Next) -> Response {
    let method = req.method().clone();
    let route = req
        .extensions()
        .get::<axum::extract::MatchedPath>()
        .map_or_else(|| "<unmatched>".to_owned(), |p| p.as_str().to_owned());
    let start = std::time::Instant::now();
    let response = next.run(req).await;
    tracing::info!(
        method = %method,
        route = %route,
        status = response.status().as_u16(),
        micros = start.elapsed().as_micros() as u64,
        "request"
    );
    response
}

/// Personal data must not stay in a browser's or proxy's cache (shared ward computers, the Back
/// button after logout), nor be framed by another site.
async fn security_headers(req: Request, next: axum::middleware::Next) -> Response {
    use axum::http::header::{self, HeaderValue};
    let mut response = next.run(req).await;
    let h = response.headers_mut();
    h.insert(header::CACHE_CONTROL, HeaderValue::from_static("no-store"));
    h.insert(
        header::X_CONTENT_TYPE_OPTIONS,
        HeaderValue::from_static("nosniff"),
    );
    h.insert(header::X_FRAME_OPTIONS, HeaderValue::from_static("DENY"));
    h.insert(
        header::REFERRER_POLICY,
        HeaderValue::from_static("no-referrer"),
    );
    h.insert(
        header::CONTENT_SECURITY_POLICY,
        HeaderValue::from_static(
            "default-src 'self'; style-src 'self' 'unsafe-inline'; frame-ancestors 'none'",
        ),
    );
    response
}

async fn health() -> Json<serde_json::Value> {
    Json(serde_json::json!({ "status": "ok" }))
}

async fn ready(State(s): State<AppState>) -> Response {
    if s.vault.ready().await {
        Json(serde_json::json!({ "status": "ready" })).into_response()
    } else {
        Problem::new(
            StatusCode::SERVICE_UNAVAILABLE,
            "store.unavailable",
            "De database antwoordt niet.",
        )
        .into_response()
    }
}

/// The caller: an API token in `Authorization: Bearer ...`, from this address.
async fn actor(state: &AppState, headers: &HeaderMap, from: SocketAddr) -> Result<Actor, Problem> {
    let token = headers
        .get(axum::http::header::AUTHORIZATION)
        .and_then(|v| v.to_str().ok())
        .and_then(|v| v.strip_prefix("Bearer "))
        .ok_or_else(Problem::unauthorized)?;
    state
        .vault
        .actor_for_token(token.trim(), &from.ip().to_string())
        .await
        .map_err(Problem::from)?
        .ok_or_else(Problem::unauthorized)
}

/// A JSON body whose rejection is a problem detail naming the field.
struct Body<T>(T);

impl<S, T> FromRequest<S> for Body<T>
where
    Json<T>: FromRequest<S, Rejection = JsonRejection>,
    S: Send + Sync,
{
    type Rejection = Problem;

    async fn from_request(req: Request, state: &S) -> Result<Self, Self::Rejection> {
        match Json::<T>::from_request(req, state).await {
            Ok(Json(v)) => Ok(Body(v)),
            Err(rejection) => Err(Problem::bad_body(&rejection.body_text())),
        }
    }
}

#[derive(Deserialize, utoipa::ToSchema)]
#[serde(deny_unknown_fields)]
struct NewPerson {
    subject_category: String,
    bsn: Option<String>,
    #[serde(default = "default_purpose")]
    purpose: String,
}

fn default_purpose() -> String {
    "api".to_owned()
}

#[derive(Serialize, utoipa::ToSchema)]
struct Created {
    id: String,
}

/// Register a person (client, family member, employee, ...); a BSN must pass the 11-check.
#[utoipa::path(post, path = "/api/v1/persons", request_body = NewPerson,
    responses((status = 201, body = Created), (status = 401, body = Problem), (status = 403, body = Problem), (status = 400, body = Problem), (status = 422, body = Problem)),
    security(("token" = [])))]
async fn register_person(
    State(s): State<AppState>,
    ConnectInfo(from): ConnectInfo<SocketAddr>,
    headers: HeaderMap,
    Body(body): Body<NewPerson>,
) -> Result<(StatusCode, Json<Created>), Problem> {
    let actor = actor(&s, &headers, from).await?;
    let id = s
        .vault
        .register_person(
            &actor,
            &body.subject_category,
            body.bsn.as_deref(),
            &body.purpose,
        )
        .await?;
    Ok((StatusCode::CREATED, Json(Created { id })))
}

#[derive(Deserialize)]
#[serde(deny_unknown_fields)]
struct Page {
    #[serde(default)]
    offset: i64,
    #[serde(default = "default_limit")]
    limit: i64,
}

/// The ids of the caller's persons: a caregiver's own clients, everyone for other roles.
#[utoipa::path(get, path = "/api/v1/persons",
    params(("offset" = Option<i64>, Query), ("limit" = Option<i64>, Query, description = "1 to 1000, default 100")),
    responses((status = 200, description = "{persons: [id], offset, limit}"), (status = 401, body = Problem), (status = 422, body = Problem)),
    security(("token" = [])))]
async fn list_persons(
    State(s): State<AppState>,
    ConnectInfo(from): ConnectInfo<SocketAddr>,
    headers: HeaderMap,
    query: Result<Query<Page>, axum::extract::rejection::QueryRejection>,
) -> Result<Json<serde_json::Value>, Problem> {
    let actor = actor(&s, &headers, from).await?;
    let Query(page) = query.map_err(|r| Problem::bad_query(&r.body_text()))?;
    if !(1..=1000).contains(&page.limit) {
        return Err(Problem::invalid("limit", "between 1 and 1000"));
    }
    if page.offset < 0 {
        return Err(Problem::invalid("offset", "not negative"));
    }
    let ids = s
        .vault
        .list_persons(&actor, page.offset, page.limit)
        .await?;
    Ok(Json(
        serde_json::json!({ "persons": ids, "offset": page.offset, "limit": page.limit }),
    ))
}

#[derive(Deserialize)]
#[serde(deny_unknown_fields)]
struct DossierQuery {
    category: Option<String>,
    #[serde(default = "default_purpose")]
    purpose: String,
    #[serde(default)]
    offset: usize,
    #[serde(default = "default_limit")]
    limit: usize,
}

fn default_limit<T: From<u8>>() -> T {
    T::from(100)
}

/// A person's dossier as the caller may see it: with `category`, that category (decided and
/// logged; `emergency` breaks the glass with a reason); without, every category, and what is
/// withheld with the reason.
#[utoipa::path(get, path = "/api/v1/persons/{id}/records",
    params(("id" = String, Path), ("category" = Option<String>, Query), ("purpose" = Option<String>, Query),
("offset" = Option<usize>, Query), ("limit" = Option<usize>, Query)),
    responses((status = 200, description = "{records, withheld, total, offset, limit}"), (status = 401, body = Problem),
        (status = 403, body = Problem), (status = 404, body = Problem), (status = 410, body = Problem)),
    security(("token" = [])))]
async fn dossier(
    State(s): State<AppState>,
    ConnectInfo(from): ConnectInfo<SocketAddr>,
    headers: HeaderMap,
    Path(person): Path<String>,
    query: Result<Query<DossierQuery>, axum::extract::rejection::QueryRejection>,
) -> Result<Json<serde_json::Value>, Problem> {
    let actor = actor(&s, &headers, from).await?;
    let Query(q) = query.map_err(|r| Problem::bad_query(&r.body_text()))?;
    if q.limit == 0 || q.limit > 1000 {
        return Err(Problem::invalid("limit", "between 1 and 1000"));
    }
    let (records, withheld) = match &q.category {
        Some(category) => {
            let records = s
                .vault
                .read_category(&actor, &person, category, &q.purpose, None)
                .await?;
            (records, Vec::new())
        }
        None => {
            let view = s.vault.dossier(&actor, &person, &q.purpose).await?;
            (view.records, view.withheld)
        }
    };
    let total = records.len();
    let page: Vec<_> = records.into_iter().skip(q.offset).take(q.limit).collect();
    let withheld: Vec<serde_json::Value> = withheld
        .iter()
        .map(|w| {
            serde_json::json!({
                "category": w.category,
                "articles": w.decision.articles,
                "explanation": w.decision.explain(zorgkluis_core::Lang::Nl),
            })
        })
        .collect();
    Ok(Json(serde_json::json!({
        "records": page,
        "withheld": withheld,
        "total": total,
        "offset": q.offset,
        "limit": q.limit,
    })))
}

#[derive(Deserialize, utoipa::ToSchema)]
#[serde(deny_unknown_fields)]
struct NewRecord {
    category: String,
    text: String,
    #[serde(default = "default_purpose")]
    purpose: String,
}

/// Add a dossier record in a category.
#[utoipa::path(post, path = "/api/v1/persons/{id}/records", params(("id" = String, Path)), request_body = NewRecord,
    responses((status = 201, body = Created), (status = 401, body = Problem), (status = 403, body = Problem), (status = 422, body = Problem)),
    security(("token" = [])))]
async fn add_record(
    State(s): State<AppState>,
    ConnectInfo(from): ConnectInfo<SocketAddr>,
    headers: HeaderMap,
    Path(person): Path<String>,
    Body(body): Body<NewRecord>,
) -> Result<(StatusCode, Json<Created>), Problem> {
    let actor = actor(&s, &headers, from).await?;
    if body.text.trim().is_empty() {
        return Err(Problem::invalid("text", "empty"));
    }
    let id = s
        .vault
        .add_record(&actor, &person, &body.category, &body.text, &body.purpose)
        .await?;
    Ok((StatusCode::CREATED, Json(Created { id })))
}

#[derive(Deserialize, utoipa::ToSchema)]
#[serde(deny_unknown_fields)]
struct Correction {
    text: String,
    #[serde(default = "default_purpose")]
    purpose: String,
}

/// Correct a record: a new record supersedes it; the old one stays in the history.
#[utoipa::path(post, path = "/api/v1/records/{id}/corrections", params(("id" = String, Path)), request_body = Correction,
    responses((status = 201, body = Created), (status = 401, body = Problem), (status = 403, body = Problem), (status = 404, body = Problem)),
    security(("token" = [])))]
async fn correct_record(
    State(s): State<AppState>,
    ConnectInfo(from): ConnectInfo<SocketAddr>,
    headers: HeaderMap,
    Path(record): Path<String>,
    Body(body): Body<Correction>,
) -> Result<(StatusCode, Json<Created>), Problem> {
    amend(
        &s,
        &headers,
        from,
        &record,
        &body,
        web::Amendment::Correction,
    )
    .await
}

/// A correction or supplement over the API: the same checks, a different vault call.
async fn amend(
    s: &AppState,
    headers: &HeaderMap,
    from: SocketAddr,
    record: &str,
    body: &Correction,
    kind: web::Amendment,
) -> Result<(StatusCode, Json<Created>), Problem> {
    let actor = actor(s, headers, from).await?;
    if body.text.trim().is_empty() {
        return Err(Problem::invalid("text", "empty"));
    }
    let id = kind
        .apply(&s.vault, &actor, record, &body.text, &body.purpose)
        .await?;
    Ok((StatusCode::CREATED, Json(Created { id })))
}

#[derive(Deserialize, utoipa::ToSchema)]
#[serde(deny_unknown_fields)]
struct CareAssignment {
    user: String,
    #[schema(value_type = String, format = Date)]
    from: Date,
    #[schema(value_type = Option<String>, format = Date)]
    until: Option<Date>,
}

/// Only roles that plan or manage care teams may change them.
const CARE_TEAM_ROLES: &[&str] = &["administratie", "planner", "directie"];

/// Put a caregiver in a person's care team (administration, planners, management).
#[utoipa::path(post, path = "/api/v1/persons/{id}/care-team", params(("id" = String, Path)), request_body = CareAssignment,
    responses((status = 204), (status = 401, body = Problem), (status = 403, body = Problem), (status = 422, body = Problem)),
    security(("token" = [])))]
async fn assign_care(
    State(s): State<AppState>,
    ConnectInfo(from): ConnectInfo<SocketAddr>,
    headers: HeaderMap,
    Path(person): Path<String>,
    Body(body): Body<CareAssignment>,
) -> Result<StatusCode, Problem> {
    let actor = actor(&s, &headers, from).await?;
    if !CARE_TEAM_ROLES.contains(&actor.role.as_str()) {
        return Err(Problem::new(
            StatusCode::FORBIDDEN,
            "access.denied",
            "Deze rol beheert geen zorgteams.",
        ));
    }
    if body.until.is_some_and(|u| u < body.from) {
        return Err(Problem::invalid("until", "before from"));
    }
    s.vault
        .assign_care(&actor, &body.user, &person, body.from, body.until)
        .await?;
    Ok(StatusCode::NO_CONTENT)
}

#[derive(Deserialize, utoipa::ToSchema)]
#[serde(deny_unknown_fields)]
struct EmergencyAccess {
    category: String,
    /// Why: kept sealed with the person's key, reviewed by the privacy officer.
    reason: String,
    #[serde(default = "default_purpose")]
    purpose: String,
}

/// Break the glass: read one category outside the care team, with a reason, where the
/// reglement allows it. The reason travels in the body (never a URL) and is stored sealed.
#[utoipa::path(post, path = "/api/v1/persons/{id}/emergency-access", params(("id" = String, Path)), request_body = EmergencyAccess,
    responses((status = 200, description = "{records, review_required: true}"), (status = 401, body = Problem), (status = 403, body = Problem), (status = 422, body = Problem)),
    security(("token" = [])))]
async fn emergency_access(
    State(s): State<AppState>,
    ConnectInfo(from): ConnectInfo<SocketAddr>,
    headers: HeaderMap,
    Path(person): Path<String>,
    Body(body): Body<EmergencyAccess>,
) -> Result<Json<serde_json::Value>, Problem> {
    let actor = actor(&s, &headers, from).await?;
    let records = s
        .vault
        .read_category(
            &actor,
            &person,
            &body.category,
            &body.purpose,
            Some(&body.reason),
        )
        .await?;
    Ok(Json(
        serde_json::json!({ "records": records, "review_required": true }),
    ))
}

#[derive(Deserialize, utoipa::ToSchema)]
#[serde(deny_unknown_fields)]
struct CareEnd {
    user: String,
    #[schema(value_type = String, format = Date)]
    on: Date,
}

/// End a caregiver's care relationship with a person (inclusive end date).
#[utoipa::path(post, path = "/api/v1/persons/{id}/care-team/end", params(("id" = String, Path)), request_body = CareEnd,
    responses((status = 204), (status = 401, body = Problem), (status = 403, body = Problem), (status = 404, body = Problem)),
    security(("token" = [])))]
async fn end_care(
    State(s): State<AppState>,
    ConnectInfo(from): ConnectInfo<SocketAddr>,
    headers: HeaderMap,
    Path(person): Path<String>,
    Body(body): Body<CareEnd>,
) -> Result<StatusCode, Problem> {
    let actor = actor(&s, &headers, from).await?;
    if !CARE_TEAM_ROLES.contains(&actor.role.as_str()) {
        return Err(Problem::new(
            StatusCode::FORBIDDEN,
            "access.denied",
            "Deze rol beheert geen zorgteams.",
        ));
    }
    s.vault
        .end_care(&actor, &body.user, &person, body.on)
        .await?;
    Ok(StatusCode::NO_CONTENT)
}

#[derive(Deserialize, utoipa::ToSchema)]
#[serde(deny_unknown_fields)]
struct IdentityCheck {
    #[schema(value_type = String, format = Date)]
    checked_on: Date,
    document_type: String,
    document_number: String,
    #[schema(value_type = String, format = Date)]
    valid_until: Date,
}

/// Record the identity check of a person (document type and number, valid until).
#[utoipa::path(post, path = "/api/v1/persons/{id}/identity-checks", params(("id" = String, Path)), request_body = IdentityCheck,
    responses((status = 201, body = Created), (status = 401, body = Problem), (status = 403, body = Problem), (status = 422, body = Problem)),
    security(("token" = [])))]
async fn identity_check(
    State(s): State<AppState>,
    ConnectInfo(from): ConnectInfo<SocketAddr>,
    headers: HeaderMap,
    Path(person): Path<String>,
    Body(body): Body<IdentityCheck>,
) -> Result<(StatusCode, Json<Created>), Problem> {
    let actor = actor(&s, &headers, from).await?;
    const TYPES: &[&str] = &[
        "paspoort",
        "identiteitskaart",
        "rijbewijs",
        "verblijfsdocument",
    ];
    if !TYPES.contains(&body.document_type.as_str()) {
        return Err(Problem::invalid(
            "document_type",
            &format!("one of {}", TYPES.join(", ")),
        ));
    }
    if body.valid_until < body.checked_on {
        return Err(Problem::invalid(
            "valid_until",
            "the document had expired when it was checked",
        ));
    }
    let id = s
        .vault
        .record_identity_check(
            &actor,
            &person,
            body.checked_on,
            &body.document_type,
            &body.document_number,
            body.valid_until,
        )
        .await?;
    Ok((StatusCode::CREATED, Json(Created { id })))
}

/// Add the client's own statement to a record (aanvulling).
#[utoipa::path(post, path = "/api/v1/records/{id}/supplements", params(("id" = String, Path)), request_body = Correction,
    responses((status = 201, body = Created), (status = 401, body = Problem), (status = 403, body = Problem), (status = 404, body = Problem)),
    security(("token" = [])))]
async fn supplement_record(
    State(s): State<AppState>,
    ConnectInfo(from): ConnectInfo<SocketAddr>,
    headers: HeaderMap,
    Path(record): Path<String>,
    Body(body): Body<Correction>,
) -> Result<(StatusCode, Json<Created>), Problem> {
    amend(
        &s,
        &headers,
        from,
        &record,
        &body,
        web::Amendment::Supplement,
    )
    .await
}

/// Who looked at this file (NEN 7513): for the privacy officer.
#[utoipa::path(get, path = "/api/v1/persons/{id}/audit", params(("id" = String, Path)),
    responses((status = 200, description = "{events}"), (status = 401, body = Problem), (status = 403, body = Problem)),
    security(("token" = [])))]
async fn audit(
    State(s): State<AppState>,
    ConnectInfo(from): ConnectInfo<SocketAddr>,
    headers: HeaderMap,
    Path(person): Path<String>,
) -> Result<Json<serde_json::Value>, Problem> {
    let actor = actor(&s, &headers, from).await?;
    if actor.role != "fg" {
        return Err(Problem::new(
            StatusCode::FORBIDDEN,
            "access.denied",
            "Alleen de functionaris gegevensbescherming leest de logging.",
        ));
    }
    let events = s.vault.audit_for_person(&actor, &person).await?;
    Ok(Json(serde_json::json!({ "events": events })))
}

impl From<VaultError> for Problem {
    fn from(e: VaultError) -> Problem {
        match e {
            VaultError::Denied(d) => Problem::denied(&d),
            VaultError::NotFound(what) => Problem::new(
                StatusCode::NOT_FOUND,
                "not_found",
                &format!("Niet gevonden: {what}"),
            ),
            VaultError::Erased(_) => Problem::new(
                StatusCode::GONE,
                "person.erased",
                "De gegevens van deze persoon zijn verwijderd.",
            ),
            VaultError::Invalid { field, message } => Problem::invalid(field, &message),
            VaultError::Store(_) => Problem::new(
                StatusCode::INTERNAL_SERVER_ERROR,
                "store.error",
                "Interne fout; niets is gewijzigd.",
            ),
        }
    }
}
