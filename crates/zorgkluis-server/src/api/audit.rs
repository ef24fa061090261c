//! The audit log over the API: who looked at a person's file (NEN 7513), for the roles the
//! reglement gives `read_audit`.

use axum::Json;
use axum::extract::{Path, State};
use serde::Serialize;
use zorgkluis_store::audit::AuditEvent;

use super::Refusals;
use crate::{AppError, AppState, Caller};

/// One event of the log.
#[derive(Serialize, utoipa::ToSchema)]
pub(crate) struct EventOut {
    seq: i64,
    /// RFC 3339, UTC.
    at: String,
    user_id: String,
    role: String,
    on_behalf_of: Option<String>,
    person_id: Option<String>,
    /// What was done: `read`, `write`, `list_persons`, `assign_care`, ...
    action: String,
    category: Option<String>,
    purpose: String,
    emergency: bool,
    source: String,
    /// `allowed` or `denied`.
    outcome: String,
    /// The articles that decided it, separated by "; ".
    articles: String,
    /// The staff member or token the event acted on.
    object: Option<String>,
    /// The persons a list or search showed.
    subjects: Vec<String>,
}

impl From<AuditEvent> for EventOut {
    fn from(e: AuditEvent) -> EventOut {
        EventOut {
            seq: e.seq,
            at: e.at,
            user_id: e.user_id,
            role: e.role,
            on_behalf_of: e.on_behalf_of,
            person_id: e.person_id,
            action: e.action.id().to_owned(),
            category: e.category,
            purpose: e.purpose,
            emergency: e.emergency,
            source: e.source,
            outcome: e.outcome.id().to_owned(),
            articles: e.articles,
            object: e.object,
            subjects: e.subjects,
        }
    }
}

#[derive(Serialize, utoipa::ToSchema)]
pub(crate) struct AuditAnswer {
    events: Vec<EventOut>,
}

/// Who looked at this file, when and why (NEN 7513); reading it is logged too.
#[utoipa::path(get, path = "/api/v1/persons/{id}/audit", params(("id" = String, Path)),
    responses((status = 200, body = AuditAnswer), Refusals),
    security(("token" = [])))]
pub(crate) async fn audit(
    State(s): State<AppState>,
    caller: Caller,
    Path(person): Path<String>,
) -> Result<Json<AuditAnswer>, AppError> {
    let events = s.vault.audit_for_person(&caller.actor, &person).await?;
    Ok(Json(AuditAnswer {
        events: events.into_iter().map(EventOut::from).collect(),
    }))
}
