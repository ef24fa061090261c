//! `/api/v1/incidents`: the register of incidents and data breaches for other systems (a
//! security tool reporting what it found), for the roles the reglement gives
//! `manage_incidents`. The AP's 72 hours run from the discovery; a notification after them is
//! refused without its reasons. Every step is an audit event.

use axum::Json;
use axum::extract::{Path, State};
use axum::http::StatusCode;
use jiff::Timestamp;
use serde::{Deserialize, Serialize};
use zorgkluis_core::decide::rfc3339_dutch;
use zorgkluis_core::incident::IncidentFacts;
use zorgkluis_core::time::parse_moment;
use zorgkluis_core::vocabulary::{BreachNature, BreachRisk};
use zorgkluis_store::vault::Incident;

use super::{Body, Refusals};
use crate::{AppError, AppState, Caller};

fn moment(field: &str, value: &str) -> Result<Timestamp, AppError> {
    parse_moment(value).ok_or_else(|| {
        AppError::invalid(
            field,
            "a moment: 2026-03-27T16:30:00+01:00, or Dutch time 2026-03-27T16:30",
        )
    })
}

#[derive(Deserialize, utoipa::ToSchema)]
#[serde(deny_unknown_fields)]
pub(crate) struct NewIncident {
    /// When it was discovered (RFC 3339, or Dutch time); the AP's 72 hours run from then.
    discovered: String,
    started: Option<String>,
    ended: Option<String>,
    /// vertrouwelijkheid, integriteit, beschikbaarheid.
    #[schema(min_items = 1)]
    nature: Vec<String>,
    /// The reglement's category ids.
    #[serde(default)]
    categories: Vec<String>,
    #[schema(minimum = 0)]
    persons_min: Option<u64>,
    #[schema(minimum = 0)]
    persons_max: Option<u64>,
    #[schema(minimum = 0)]
    records: Option<u64>,
    #[serde(default)]
    encrypted: bool,
    /// verwaarloosbaar, beperkt, aanzienlijk, zeer_groot.
    risk: Option<String>,
    /// What happened.
    #[schema(min_length = 1)]
    description: String,
    #[serde(default)]
    how_discovered: String,
    #[serde(default)]
    discovered_by: String,
    #[serde(default)]
    consequences: String,
    #[serde(default)]
    measures: String,
}

#[derive(Deserialize, utoipa::ToSchema)]
#[serde(deny_unknown_fields)]
pub(crate) struct NewNotification {
    /// When the AP was notified (RFC 3339, or Dutch time).
    at: String,
    /// The AP's meldnummer.
    #[serde(default)]
    reference: String,
    /// Required when `at` lies after the 72 hours (art. 33 lid 1 AVG).
    #[serde(default)]
    late_reason: String,
}

/// An incident as the register holds it.
#[derive(Serialize, utoipa::ToSchema)]
pub(crate) struct IncidentOut {
    id: String,
    /// RFC 3339 with the Dutch offset.
    discovered: String,
    /// The last moment to notify the AP (RFC 3339 with the Dutch offset).
    notify_ap_by: String,
    /// Whole hours left at the moment of the answer; negative once past.
    hours_left: i64,
    /// Still waiting for the AP.
    open: bool,
    nature: Vec<String>,
    categories: Vec<String>,
    persons_min: Option<u64>,
    persons_max: Option<u64>,
    records: Option<u64>,
    encrypted: bool,
    risk: Option<String>,
    description: String,
    notify_ap: Option<bool>,
    ap_notified: Option<String>,
    ap_reference: String,
    late_reason: String,
    articles: Vec<String>,
}

impl From<&Incident> for IncidentOut {
    fn from(i: &Incident) -> IncidentOut {
        let f = &i.facts;
        let n = &i.notification;
        IncidentOut {
            id: i.id.clone(),
            discovered: i.clock.discovered.clone(),
            notify_ap_by: i.clock.notify_ap_by.clone(),
            hours_left: i.clock.hours_left(Timestamp::now()),
            open: i.open(),
            nature: f.nature.iter().map(|n| n.id().to_owned()).collect(),
            categories: f.categories.clone(),
            persons_min: f.persons_min,
            persons_max: f.persons_max,
            records: f.records,
            encrypted: f.encrypted,
            risk: f.risk.map(|r| r.id().to_owned()),
            description: f.description.clone(),
            notify_ap: n.notify_ap,
            ap_notified: n.ap_notified.map(rfc3339_dutch),
            ap_reference: n.ap_reference.clone(),
            late_reason: n.late_reason.clone(),
            articles: i.clock.articles.clone(),
        }
    }
}

/// Record an incident. 422 names the field that is wrong (a discovery in the future, an
/// unknown category, no nature).
#[utoipa::path(post, path = "/api/v1/incidents", request_body = NewIncident,
    responses((status = 201, body = IncidentOut), Refusals),
    security(("token" = [])))]
pub(crate) async fn record_incident(
    State(s): State<AppState>,
    caller: Caller,
    Body(body): Body<NewIncident>,
) -> Result<(StatusCode, Json<IncidentOut>), AppError> {
    let mut nature = Vec::new();
    for n in &body.nature {
        nature.push(BreachNature::from_id(n).ok_or_else(|| {
            AppError::invalid(
                "nature",
                "vertrouwelijkheid, integriteit or beschikbaarheid",
            )
        })?);
    }
    let risk = body
        .risk
        .as_deref()
        .map(|r| {
            BreachRisk::from_id(r).ok_or_else(|| {
                AppError::invalid(
                    "risk",
                    "verwaarloosbaar, beperkt, aanzienlijk or zeer_groot",
                )
            })
        })
        .transpose()?;
    let facts = IncidentFacts {
        discovered: Some(moment("discovered", &body.discovered)?),
        started: body
            .started
            .as_deref()
            .map(|m| moment("started", m))
            .transpose()?,
        ended: body
            .ended
            .as_deref()
            .map(|m| moment("ended", m))
            .transpose()?,
        discovered_by: body.discovered_by,
        how_discovered: body.how_discovered,
        description: body.description,
        nature,
        categories: body.categories,
        persons_min: body.persons_min,
        persons_max: body.persons_max,
        records: body.records,
        encrypted: body.encrypted,
        consequences: body.consequences,
        risk,
        measures: body.measures,
    };
    let id = s.vault.record_incident(&caller.actor, &facts).await?;
    let incident = s.vault.incident(&caller.actor, &id).await?;
    Ok((StatusCode::CREATED, Json(IncidentOut::from(&incident))))
}

/// The register: the incidents still waiting for the AP first, by their deadline.
#[utoipa::path(get, path = "/api/v1/incidents",
    responses((status = 200, body = Vec<IncidentOut>), Refusals),
    security(("token" = [])))]
pub(crate) async fn list_incidents(
    State(s): State<AppState>,
    caller: Caller,
) -> Result<Json<Vec<IncidentOut>>, AppError> {
    let all = crate::web::incidents::by_urgency(s.vault.incidents(&caller.actor).await?);
    Ok(Json(all.iter().map(IncidentOut::from).collect()))
}

/// One incident.
#[utoipa::path(get, path = "/api/v1/incidents/{id}", params(("id" = String, Path)),
    responses((status = 200, body = IncidentOut), Refusals),
    security(("token" = [])))]
pub(crate) async fn incident(
    State(s): State<AppState>,
    caller: Caller,
    Path(id): Path<String>,
) -> Result<Json<IncidentOut>, AppError> {
    let i = s.vault.incident(&caller.actor, &id).await?;
    Ok(Json(IncidentOut::from(&i)))
}

/// Record the notification to the AP.
#[utoipa::path(post, path = "/api/v1/incidents/{id}/notification", params(("id" = String, Path)),
    request_body = NewNotification,
    responses((status = 200, body = IncidentOut), Refusals),
    security(("token" = [])))]
pub(crate) async fn notify_ap(
    State(s): State<AppState>,
    caller: Caller,
    Path(id): Path<String>,
    Body(body): Body<NewNotification>,
) -> Result<Json<IncidentOut>, AppError> {
    let at = moment("at", &body.at)?;
    let i = s
        .vault
        .record_ap_notification(&caller.actor, &id, at, &body.reference, &body.late_reason)
        .await?;
    Ok(Json(IncidentOut::from(&i)))
}
