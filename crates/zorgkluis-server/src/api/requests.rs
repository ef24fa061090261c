//! `/api/v1/requests`: the request register of data subject requests, for the roles the
//! reglement gives `handle_requests`: filing (who may file is checked), the register (open,
//! overdue), a request with what is asked and its history, the decision, the extension and the
//! withdrawal, and the carrying out of an inzage, afschrift, inzage_logging, overdraagbaarheid
//! or overdracht by its export (reviewed, entries withheld, released, executed; the last two
//! also as a FHIR R4 bundle, an overdracht recorded as a disclosure to the successor). The rules are the core's; every change is
//! an audit event.

use axum::Json;
use axum::extract::{Path, State};
use axum::http::StatusCode;
use jiff::civil::Date;
use serde::{Deserialize, Serialize};
use zorgkluis_core::vocabulary::{
    Channel, Ground, RequestOutcome, RequestStatus, RequestType, Requester, RestrictionGround,
};
use zorgkluis_store::vault::{
    NewRequest as VaultRequest, RequestDetails, RequestFilter, RequestSummary, RequestView,
    RequesterFacts,
};

use super::{Body, Query, Refusals};
use crate::{AppError, AppState, Caller};

/// A word of a closed vocabulary, or 422 naming the field and listing the valid words.
fn word<T>(
    field: &str,
    value: &str,
    parse: fn(&str) -> Option<T>,
    ids: Vec<&str>,
) -> Result<T, AppError> {
    parse(value).ok_or_else(|| {
        AppError::invalid(
            field,
            &format!(
                "unknown value `{value}`; expected one of: {}",
                ids.join(", ")
            ),
        )
    })
}

fn today() -> Date {
    zorgkluis_core::time::dutch_date(jiff::Timestamp::now())
}

#[derive(Deserialize, utoipa::ToSchema)]
#[serde(deny_unknown_fields)]
pub(crate) struct NewRequest {
    /// The subject: a person id.
    person: String,
    /// inzage, afschrift, correctie, aanvulling, verwijdering, afscherming, bezwaar,
    /// overdraagbaarheid, overdracht or inzage_logging.
    #[serde(rename = "type")]
    request_type: String,
    #[schema(value_type = String, format = Date)]
    received: Date,
    /// schriftelijk (default), mondeling, email, telefonisch or portaal: never a reason to
    /// refuse (art. 12 lid 2 AVG).
    channel: Option<String>,
    /// The requester, if registered as a person.
    requester: Option<String>,
    /// betrokkene (default), ouder, voogd, curator, mentor, gemachtigde or nabestaande.
    requester_kind: Option<String>,
    /// How the organisation knows a requester who is no registered person (sealed).
    #[schema(max_length = 200)]
    requester_name: Option<String>,
    /// The subject's legal status, or an heir's ground (as `reglement represent --ground`).
    ground: Option<String>,
    /// A written authorisation of the subject.
    #[serde(default)]
    authorisation: bool,
    /// The subject's date of birth, where none is registered.
    #[schema(value_type = Option<String>, format = Date)]
    subject_born: Option<Date>,
    #[schema(value_type = Option<String>, format = Date)]
    subject_deceased: Option<Date>,
    /// The categories the request concerns.
    #[serde(default)]
    categories: Vec<String>,
    /// The changes wanted, in the requester's words (sealed).
    #[schema(max_length = 5000)]
    changes: Option<String>,
}

#[derive(Serialize, utoipa::ToSchema)]
pub(crate) struct RequesterCheck {
    allowed: bool,
    also_needed: Vec<String>,
    reason: String,
    articles: Vec<String>,
}

#[derive(Serialize, utoipa::ToSchema)]
pub(crate) struct Filed {
    id: String,
    #[schema(value_type = String, format = Date)]
    respond_by: Date,
    respond_by_articles: Vec<String>,
    /// The furthest the response may be extended to; absent where the reglement rules it out.
    #[schema(value_type = Option<String>, format = Date)]
    extendable_to: Option<Date>,
    #[schema(value_type = Option<String>, format = Date)]
    erase_by: Option<Date>,
    identity_required: bool,
    requester: RequesterCheck,
    notes: Vec<String>,
}

/// File a request received on a date (not in the future). Who may file is decided from the
/// subject's date of birth and the requester's kind (WGBO, Jeugdwet, the reglement); a
/// requester who may not is refused with the reason (422, `requester_kind`), and logged.
#[utoipa::path(post, path = "/api/v1/requests", request_body = NewRequest,
    responses((status = 201, body = Filed), Refusals),
    security(("token" = [])))]
pub(crate) async fn file_request(
    State(s): State<AppState>,
    caller: Caller,
    Body(body): Body<NewRequest>,
) -> Result<(StatusCode, Json<Filed>), AppError> {
    let request = word(
        "type",
        &body.request_type,
        RequestType::from_id,
        RequestType::ids(),
    )?;
    let channel = match &body.channel {
        Some(c) => word("channel", c, Channel::from_id, Channel::ids())?,
        None => Channel::Schriftelijk,
    };
    let kind = body
        .requester_kind
        .as_deref()
        .map(|k| word("requester_kind", k, Requester::from_id, Requester::ids()))
        .transpose()?;
    let ground = body
        .ground
        .as_deref()
        .map(|g| word("ground", g, Ground::from_id, Ground::ids()))
        .transpose()?;
    let new = VaultRequest {
        person: body.person,
        request,
        channel,
        received: body.received,
        requester: RequesterFacts {
            kind,
            person: body.requester,
            ground,
            authorisation: body.authorisation,
            subject_deceased: body.subject_deceased,
            subject_born: body.subject_born,
        },
        details: RequestDetails {
            categories: body.categories,
            changes: body.changes,
            requester_name: body.requester_name,
        },
    };
    let f = s
        .vault
        .file_request(&caller.actor, &new, caller.lang)
        .await?;
    Ok((
        StatusCode::CREATED,
        Json(Filed {
            id: f.id,
            respond_by: f.respond_by,
            respond_by_articles: f.respond_by_articles,
            extendable_to: f.extendable_to,
            erase_by: f.erase_by,
            identity_required: f.identity_required,
            requester: RequesterCheck {
                allowed: f.requester.allowed,
                also_needed: f.requester.also_needed,
                reason: f.requester.reason,
                articles: f.requester.articles,
            },
            notes: f.notes,
        }),
    ))
}

#[derive(Deserialize, utoipa::IntoParams)]
#[serde(deny_unknown_fields)]
#[into_params(parameter_in = Query)]
pub(crate) struct ListQuery {
    /// Only the requests not yet carried out, refused or withdrawn.
    #[serde(default)]
    open: bool,
    /// Only the open requests past their deadline.
    #[serde(default)]
    overdue: bool,
    /// Only the open requests whose deadline falls within the reminder window
    /// (`ZORGKLUIS_REMINDER_DAYS` working days, 5 unless set).
    #[serde(default)]
    due_soon: bool,
}

#[derive(Serialize, utoipa::ToSchema)]
pub(crate) struct Summary {
    id: String,
    person_id: String,
    #[serde(rename = "type")]
    request_type: String,
    channel: String,
    status: String,
    #[schema(value_type = String, format = Date)]
    received: Date,
    /// The deadline that runs: the response, or once granted the execution.
    #[schema(value_type = Option<String>, format = Date)]
    due: Option<Date>,
    overdue: bool,
    /// Not overdue, and the deadline that runs falls within the reminder window
    /// (`ZORGKLUIS_REMINDER_DAYS` working days from today, 5 unless set).
    due_soon: bool,
}

impl From<RequestSummary> for Summary {
    fn from(r: RequestSummary) -> Summary {
        Summary {
            id: r.id,
            person_id: r.person_id,
            request_type: r.request_type.id().to_owned(),
            channel: r.channel.id().to_owned(),
            status: r.status.id().to_owned(),
            received: r.received,
            due: r.due,
            overdue: r.overdue,
            due_soon: r.due_soon,
        }
    }
}

/// The register, overdue requests on top, then by the deadline that runs.
#[utoipa::path(get, path = "/api/v1/requests", params(ListQuery),
    responses((status = 200, body = Vec<Summary>), Refusals),
    security(("token" = [])))]
pub(crate) async fn list_requests(
    State(s): State<AppState>,
    caller: Caller,
    Query(q): Query<ListQuery>,
) -> Result<Json<Vec<Summary>>, AppError> {
    let list = s
        .vault
        .list_requests(
            &caller.actor,
            RequestFilter {
                open: q.open,
                overdue: q.overdue,
                due_soon: q.due_soon,
            },
        )
        .await?;
    Ok(Json(list.into_iter().map(Summary::from).collect()))
}

#[derive(Serialize, utoipa::ToSchema)]
pub(crate) struct RefusalGroundPart {
    /// `ARTICLE/N` for the reglement's, a word for the law's.
    id: String,
    text: String,
    articles: Vec<String>,
}

#[derive(Serialize, utoipa::ToSchema)]
pub(crate) struct DecisionPart {
    outcome: String,
    #[schema(value_type = String, format = Date)]
    decided_on: Date,
    grounds: Vec<RefusalGroundPart>,
}

#[derive(Serialize, utoipa::ToSchema)]
pub(crate) struct ExtensionPart {
    #[schema(value_type = String, format = Date)]
    told: Date,
    reason: Option<String>,
}

#[derive(Serialize, utoipa::ToSchema)]
pub(crate) struct RequesterPart {
    kind: String,
    person: Option<String>,
    ground: Option<String>,
    authorisation: bool,
    articles: Vec<String>,
    also_needed: Vec<String>,
}

#[derive(Serialize, utoipa::ToSchema)]
pub(crate) struct Step {
    seq: i64,
    at: String,
    user_id: String,
    role: String,
    action: String,
    step: String,
    outcome: String,
}

#[derive(Serialize, utoipa::ToSchema)]
pub(crate) struct Details {
    categories: Vec<String>,
    changes: Option<String>,
    requester_name: Option<String>,
}

#[derive(Serialize, utoipa::ToSchema)]
pub(crate) struct Request {
    id: String,
    person_id: String,
    #[serde(rename = "type")]
    request_type: String,
    channel: String,
    #[schema(value_type = String, format = Date)]
    received: Date,
    status: String,
    requester: RequesterPart,
    identity_required: bool,
    #[schema(value_type = Option<String>, format = Date)]
    identity_on: Option<Date>,
    #[schema(value_type = String, format = Date)]
    respond_by: Date,
    respond_by_articles: Vec<String>,
    #[schema(value_type = Option<String>, format = Date)]
    extendable_to: Option<Date>,
    #[schema(value_type = Option<String>, format = Date)]
    execute_by: Option<Date>,
    #[schema(value_type = Option<String>, format = Date)]
    erase_by: Option<Date>,
    extension: Option<ExtensionPart>,
    decision: Option<DecisionPart>,
    #[schema(value_type = Option<String>, format = Date)]
    executed_on: Option<Date>,
    overdue: bool,
    /// Not overdue, and the deadline that runs falls within the reminder window.
    due_soon: bool,
    /// What is asked; absent once the subject was erased.
    details: Option<Details>,
    timeline: Vec<Step>,
}

impl From<RequestView> for Request {
    fn from(r: RequestView) -> Request {
        Request {
            id: r.id,
            person_id: r.person_id,
            request_type: r.request_type.id().to_owned(),
            channel: r.channel.id().to_owned(),
            received: r.received,
            status: r.status.id().to_owned(),
            requester: RequesterPart {
                kind: r.requester.kind.id().to_owned(),
                person: r.requester.person,
                ground: r.requester.ground.map(|g| g.id().to_owned()),
                authorisation: r.requester.authorisation,
                articles: r.requester.articles,
                also_needed: r.requester.also_needed,
            },
            identity_required: r.identity_required,
            identity_on: r.identity_on,
            respond_by: r.respond_by,
            respond_by_articles: r.respond_by_articles,
            extendable_to: r.extendable_to,
            execute_by: r.execute_by,
            erase_by: r.erase_by,
            extension: r.extension.map(|x| ExtensionPart {
                told: x.told,
                reason: x.reason,
            }),
            decision: r.decision.map(|d| DecisionPart {
                outcome: d.outcome.id().to_owned(),
                decided_on: d.decided_on,
                grounds: d
                    .grounds
                    .into_iter()
                    .map(|g| RefusalGroundPart {
                        id: g.id,
                        text: g.text,
                        articles: g.articles,
                    })
                    .collect(),
            }),
            executed_on: r.executed_on,
            overdue: r.overdue,
            due_soon: r.due_soon,
            details: r.details.map(|d| Details {
                categories: d.categories,
                changes: d.changes,
                requester_name: d.requester_name,
            }),
            timeline: r
                .timeline
                .into_iter()
                .map(|e| Step {
                    seq: e.seq,
                    at: e.at,
                    user_id: e.user_id,
                    role: e.role,
                    action: e.action.id().to_owned(),
                    step: e.step,
                    outcome: e.outcome.id().to_owned(),
                })
                .collect(),
        }
    }
}

/// A request with what is asked and its history (its audit events).
#[utoipa::path(get, path = "/api/v1/requests/{id}", params(("id" = String, Path)),
    responses((status = 200, body = Request), Refusals),
    security(("token" = [])))]
pub(crate) async fn request(
    State(s): State<AppState>,
    caller: Caller,
    Path(id): Path<String>,
) -> Result<Json<Request>, AppError> {
    Ok(Json(s.vault.request(&caller.actor, &id).await?.into()))
}

#[derive(Deserialize, utoipa::ToSchema)]
#[serde(deny_unknown_fields)]
pub(crate) struct NewDecision {
    /// toegewezen, deels_toegewezen or afgewezen.
    outcome: String,
    /// The refusal grounds: the reglement's as `ARTICLE/N` ("4.4/3"), or the law's
    /// (kennelijk_ongegrond, identiteit_niet_vastgesteld, ...). None for a full grant.
    #[serde(default)]
    grounds: Vec<String>,
    /// The day of the decision (default today).
    #[schema(value_type = Option<String>, format = Date)]
    on: Option<Date>,
}

#[derive(Serialize, utoipa::ToSchema)]
pub(crate) struct Decided {
    outcome: String,
    #[schema(value_type = String, format = Date)]
    decided_on: Date,
    grounds: Vec<RefusalGroundPart>,
    /// When a grant must be carried out, where the reglement says.
    #[schema(value_type = Option<String>, format = Date)]
    execute_by: Option<Date>,
    #[schema(value_type = Option<String>, format = Date)]
    erase_by: Option<Date>,
}

/// Decide a request, with the grounds the reglement and the law allow for its type.
#[utoipa::path(post, path = "/api/v1/requests/{id}/decision", params(("id" = String, Path)), request_body = NewDecision,
    responses((status = 200, body = Decided), Refusals),
    security(("token" = [])))]
pub(crate) async fn decide_request(
    State(s): State<AppState>,
    caller: Caller,
    Path(id): Path<String>,
    Body(body): Body<NewDecision>,
) -> Result<Json<Decided>, AppError> {
    let outcome = word(
        "outcome",
        &body.outcome,
        RequestOutcome::from_id,
        RequestOutcome::ids(),
    )?;
    let d = s
        .vault
        .decide_request(
            &caller.actor,
            &id,
            outcome,
            &body.grounds,
            body.on.unwrap_or_else(today),
            caller.lang,
        )
        .await?;
    Ok(Json(Decided {
        outcome: d.outcome.id().to_owned(),
        decided_on: d.decided_on,
        grounds: d
            .grounds
            .into_iter()
            .map(|g| RefusalGroundPart {
                id: g.id,
                text: g.text,
                articles: g.articles,
            })
            .collect(),
        execute_by: d.execute_by.map(|x| x.date),
        erase_by: d.erase_by.map(|x| x.date),
    }))
}

#[derive(Deserialize, utoipa::ToSchema)]
#[serde(deny_unknown_fields)]
pub(crate) struct NewExtension {
    /// Why (sealed).
    #[schema(min_length = 1, max_length = 2000)]
    reason: String,
    /// The day the requester was told: within the first month (art. 12 lid 3 AVG).
    #[schema(value_type = String, format = Date)]
    told: Date,
}

#[derive(Serialize, utoipa::ToSchema)]
pub(crate) struct Extended {
    #[schema(value_type = String, format = Date)]
    told: Date,
    #[schema(value_type = String, format = Date)]
    respond_by: Date,
    articles: Vec<String>,
}

/// Extend the response period by two months; refused (422, `told`) when the requester was told
/// after the first month, or where the reglement rules the extension out.
#[utoipa::path(post, path = "/api/v1/requests/{id}/extension", params(("id" = String, Path)), request_body = NewExtension,
    responses((status = 200, body = Extended), Refusals),
    security(("token" = [])))]
pub(crate) async fn extend_request(
    State(s): State<AppState>,
    caller: Caller,
    Path(id): Path<String>,
    Body(body): Body<NewExtension>,
) -> Result<Json<Extended>, AppError> {
    let x = s
        .vault
        .extend_request(&caller.actor, &id, &body.reason, body.told, caller.lang)
        .await?;
    Ok(Json(Extended {
        told: x.told,
        respond_by: x.respond_by.date,
        articles: x.respond_by.articles,
    }))
}

/// Withdraw a request at the requester's word, before it is carried out.
#[utoipa::path(post, path = "/api/v1/requests/{id}/withdrawal", params(("id" = String, Path)),
    responses((status = 204, description = "Withdrawn"), Refusals),
    security(("token" = [])))]
pub(crate) async fn withdraw_request(
    State(s): State<AppState>,
    caller: Caller,
    Path(id): Path<String>,
) -> Result<StatusCode, AppError> {
    s.vault
        .withdraw_request(&caller.actor, &id, caller.lang)
        .await?;
    Ok(StatusCode::NO_CONTENT)
}

#[derive(Deserialize, utoipa::ToSchema)]
#[serde(deny_unknown_fields)]
pub(crate) struct NewStatus {
    /// identiteit_vastgesteld, in_behandeling or uitgevoerd.
    status: String,
    /// The day (identity established, carried out); default today.
    #[schema(value_type = Option<String>, format = Date)]
    on: Option<Date>,
}

/// Move a request on: the identity established, taken into progress, or carried out.
#[utoipa::path(post, path = "/api/v1/requests/{id}/status", params(("id" = String, Path)), request_body = NewStatus,
    responses((status = 204, description = "Moved on"), Refusals),
    security(("token" = [])))]
pub(crate) async fn advance_request(
    State(s): State<AppState>,
    caller: Caller,
    Path(id): Path<String>,
    Body(body): Body<NewStatus>,
) -> Result<StatusCode, AppError> {
    let to = word(
        "status",
        &body.status,
        RequestStatus::from_id,
        RequestStatus::ids(),
    )?;
    s.vault
        .advance_request(
            &caller.actor,
            &id,
            to,
            body.on.unwrap_or_else(today),
            caller.lang,
        )
        .await?;
    Ok(StatusCode::NO_CONTENT)
}

/// The export of a decided (granted or partly granted) inzage, afschrift or inzage_logging
/// request, as its handler reviews it before release (docs/export.md): the person's data by
/// category with its history, what is withheld and why, the art. 15 lid 1 AVG information, the
/// access overview (roles and the organisation, never user ids) and the fee. Every category
/// read is decided by the reglement and logged with the request as its purpose and object.
/// With `Accept: text/html` the same export as the printable Dutch document (to print or save
/// as PDF), as `zorgkluis request execute` writes it. With `format=fhir`, for an
/// overdraagbaarheid or overdracht, the FHIR R4 bundle of the export (`application/fhir+json`,
/// docs/export.md): it holds nothing the export withholds.
#[utoipa::path(get, path = "/api/v1/requests/{id}/export", params(("id" = String, Path),
        ("format" = Option<String>, Query, description = "json (default) or fhir (the FHIR R4 bundle of an overdraagbaarheid or overdracht)")),
    responses((status = 200, description = "The export (docs/export.md); with Accept: text/html, the printable document; with format=fhir, the FHIR R4 bundle",
        content(
            (Object = "application/json"),
            (String = "text/html"),
            (Object = "application/fhir+json")
        )), Refusals),
    security(("token" = [])))]
pub(crate) async fn export(
    State(s): State<AppState>,
    caller: Caller,
    Path(id): Path<String>,
    Query(q): Query<ExportQuery>,
    headers: axum::http::HeaderMap,
) -> Result<axum::response::Response, AppError> {
    use axum::response::IntoResponse as _;
    let fhir = match q.format.as_deref().unwrap_or("json") {
        "json" => false,
        "fhir" => true,
        other => {
            return Err(AppError::invalid(
                "format",
                &format!("unknown value `{other}`; expected one of: json, fhir"),
            ));
        }
    };
    if fhir
        && !zorgkluis_store::vault::has_fhir_bundle(
            s.vault.request(&caller.actor, &id).await?.request_type,
        )
    {
        return Err(AppError::invalid(
            "format",
            "a FHIR bundle is made for an overdraagbaarheid or overdracht only",
        ));
    }
    let export = s
        .vault
        .subject_export(&caller.actor, &id, caller.lang)
        .await?;
    if fhir {
        let bundle =
            zorgkluis_store::vault::fhir::bundle_json(&export).map_err(|e| AppError::Internal {
                code: "fhir",
                cause: e,
            })?;
        return Ok((
            [(axum::http::header::CONTENT_TYPE, "application/fhir+json")],
            bundle,
        )
            .into_response());
    }
    let html = headers
        .get(axum::http::header::ACCEPT)
        .and_then(|v| v.to_str().ok())
        .is_some_and(|v| v.contains("text/html"));
    Ok(if html {
        axum::response::Html(crate::web::export::export_html(&export)).into_response()
    } else {
        Json(export).into_response()
    })
}

#[derive(Deserialize)]
pub(crate) struct ExportQuery {
    format: Option<String>,
}

#[derive(Deserialize, utoipa::ToSchema)]
#[serde(deny_unknown_fields)]
pub(crate) struct NewWithholding {
    /// A record of the entry to withhold (any of its versions).
    record: String,
    /// One of the decision's grounds (its id); may be left out when the decision has one.
    ground: Option<String>,
    /// Why, for the client: it goes into the export (sealed).
    #[schema(min_length = 1, max_length = 2000)]
    reason: String,
}

/// Withhold an entry about another person from the export of a request decided
/// `deels_toegewezen` (art. 15 lid 4 AVG, art. 7:456 BW): the export names it with the ground
/// and the reason, never its content. Takes back a release.
#[utoipa::path(post, path = "/api/v1/requests/{id}/withheld", params(("id" = String, Path)), request_body = NewWithholding,
    responses((status = 204, description = "Withheld"), Refusals),
    security(("token" = [])))]
pub(crate) async fn withhold(
    State(s): State<AppState>,
    caller: Caller,
    Path(id): Path<String>,
    Body(body): Body<NewWithholding>,
) -> Result<StatusCode, AppError> {
    s.vault
        .withhold_export_entry(
            &caller.actor,
            &id,
            &body.record,
            body.ground.as_deref(),
            &body.reason,
            caller.lang,
        )
        .await?;
    Ok(StatusCode::NO_CONTENT)
}

/// Release the export of a decided request for execution: its handler reviewed what goes out.
#[utoipa::path(post, path = "/api/v1/requests/{id}/release", params(("id" = String, Path)),
    responses((status = 204, description = "Released"), Refusals),
    security(("token" = [])))]
pub(crate) async fn release(
    State(s): State<AppState>,
    caller: Caller,
    Path(id): Path<String>,
) -> Result<StatusCode, AppError> {
    s.vault
        .release_export(&caller.actor, &id, caller.lang)
        .await?;
    Ok(StatusCode::NO_CONTENT)
}

/// Carry out a decided request. An inzage, afschrift or inzage_logging: the released export is
/// answered (docs/export.md) and the request marked carried out today. A verwijdering: each
/// category it concerns is decided under the law (the fiscal seven years, another's interest
/// in the dossier, a legal hold), what may go is crypto-shredded, and the erasure certificate
/// is answered (`erased` with counts and articles, `refused` with grounds; never content). An
/// afscherming: what it names is restricted on `ground` (art. 18 lid 1 AVG), the restrictions
/// answered as `{"restrictions": [...]}`. An overdraagbaarheid: as an inzage (its FHIR bundle
/// at `GET /api/v1/requests/{id}/export?format=fhir`). An overdracht: to the successor
/// `recipient` (a registered recipient's id or name; a new name is registered as a
/// zorgaanbieder) by `channel` (persoonlijk, aangetekend, beveiligde_email), recorded as a
/// disclosure; answered as `{"export", "disclosure", "bundle"}` (the ledger entry with the
/// channel and the bundle's SHA-256, and the FHIR bundle). An unreleased export,
/// or one whose dossier gained an entry since its release, is refused naming `release`; a
/// request of another type naming `type`; an overdracht without a recipient or with an
/// unknown channel naming `recipient` or `channel`. With `include=html`, an export's answer
/// is `{"export", "html"}` (an overdracht's wrapper gains `html`): the printable document
/// beside the JSON from the one export carried out, as `zorgkluis request execute` writes both
/// files, so that the caller need not build and log the export a second time with
/// `GET /api/v1/requests/{id}/export`. Refused naming `include` for a verwijdering or
/// afscherming, which make no export, and for another value, before anything is done.
#[derive(Deserialize)]
pub(crate) struct ExecuteQuery {
    ground: Option<String>,
    recipient: Option<String>,
    channel: Option<String>,
    include: Option<String>,
}

/// Whether `include` asks for the printable document beside the JSON (its only value).
fn include_html(include: Option<&str>) -> Result<bool, AppError> {
    match include {
        None => Ok(false),
        Some("html") => Ok(true),
        Some(other) => Err(AppError::invalid(
            "include",
            &format!("unknown value `{other}`; expected one of: html"),
        )),
    }
}

#[utoipa::path(post, path = "/api/v1/requests/{id}/execute", params(("id" = String, Path),
        ("ground" = Option<String>, Query, description = "For an afscherming: juistheid_betwist, onrechtmatig, rechtsvordering or bezwaar_in_behandeling (art. 18 lid 1 AVG)"),
        ("recipient" = Option<String>, Query, description = "For an overdracht: the successor care provider (a registered recipient's id or name)"),
        ("channel" = Option<String>, Query, description = "For an overdracht: persoonlijk, aangetekend or beveiligde_email"),
        ("include" = Option<String>, Query, description = "html: answer the printable document beside the export, as {\"export\", \"html\"}")),
    responses((status = 200, body = Object, description = "The export as carried out (docs/export.md)"), Refusals),
    security(("token" = [])))]
pub(crate) async fn execute(
    State(s): State<AppState>,
    caller: Caller,
    Path(id): Path<String>,
    Query(q): Query<ExecuteQuery>,
) -> Result<axum::response::Response, AppError> {
    use axum::response::IntoResponse as _;
    let html = include_html(q.include.as_deref())?;
    // A transfer names its recipient and channel: checked (and the type) before anything is
    // read.
    if q.recipient.is_some() || q.channel.is_some() {
        let (export, outcome, bundle) = s
            .vault
            .execute_transfer(
                &caller.actor,
                &id,
                q.recipient.as_deref().unwrap_or_default(),
                q.channel.as_deref().unwrap_or_default(),
                caller.lang,
                |_, bundle| Ok(bundle.to_owned()),
            )
            .await?;
        let document = html.then(|| crate::web::export::export_html(&export));
        let answer = serde_json::from_str::<serde_json::Value>(&bundle).map(|bundle| {
            let mut answer = serde_json::json!({
                "export": export,
                "disclosure": outcome.disclosure,
                "after": outcome.after,
                "bundle": bundle,
            });
            if let Some(document) = document {
                answer["html"] = document.into();
            }
            answer
        });
        return Ok(Json(answer.map_err(|e| AppError::Internal {
            code: "serialize",
            cause: e.to_string(),
        })?)
        .into_response());
    }
    let request_type = s.vault.request_type(&id).await?;
    if html
        && matches!(
            request_type,
            RequestType::Afscherming | RequestType::Verwijdering
        )
    {
        return Err(AppError::invalid(
            "include",
            &format!(
                "a document is made for an export only, not for a {}",
                request_type.id()
            ),
        ));
    }
    // Each answer is serialised once, straight from its value (an export of a hundred entries
    // is most of the call's work).
    if request_type == RequestType::Afscherming {
        let ground = word(
            "ground",
            q.ground.as_deref().unwrap_or_default(),
            RestrictionGround::from_id,
            RestrictionGround::ids(),
        )?;
        let restrictions = s
            .vault
            .execute_restriction(&caller.actor, &id, ground, today(), caller.lang)
            .await?;
        Ok(Json(serde_json::json!({ "restrictions": restrictions })).into_response())
    } else if request_type == RequestType::Verwijdering {
        let certificate = s
            .vault
            .execute_erasure(&caller.actor, &id, today(), caller.lang)
            .await?;
        Ok(Json(certificate).into_response())
    } else {
        let (export, ()) = s
            .vault
            .execute_export(&caller.actor, &id, caller.lang, |_| Ok(()))
            .await?;
        Ok(if html {
            let html = crate::web::export::export_html(&export);
            Json(ExportWithDocument {
                export: &export,
                html,
            })
            .into_response()
        } else {
            Json(export).into_response()
        })
    }
}

/// The answer of `execute?include=html`: the export and its printable document.
#[derive(Serialize)]
struct ExportWithDocument<'a> {
    export: &'a zorgkluis_store::vault::SubjectExport,
    html: String,
}
