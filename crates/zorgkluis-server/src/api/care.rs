//! The care team over the API: putting a staff member in a client's care team and ending it,
//! as the reglement's `manage_care_team` rule allows.

use axum::extract::{Path, State};
use axum::http::StatusCode;
use jiff::civil::Date;
use serde::Deserialize;

use super::{Body, Refusals};
use crate::{AppError, AppState, Caller};

#[derive(Deserialize, utoipa::ToSchema)]
#[serde(deny_unknown_fields)]
pub(crate) struct CareAssignment {
    /// The staff member's user id (an account of the organisation).
    user: String,
    #[schema(value_type = String, format = Date)]
    from: Date,
    #[schema(value_type = Option<String>, format = Date)]
    until: Option<Date>,
}

/// Put a staff member in a person's care team (the roles the reglement gives
/// `manage_care_team`).
#[utoipa::path(post, path = "/api/v1/persons/{id}/care-team", params(("id" = String, Path)), request_body = CareAssignment,
    responses((status = 204, description = "In the care team"), Refusals),
    security(("token" = [])))]
pub(crate) async fn assign_care(
    State(s): State<AppState>,
    caller: Caller,
    Path(person): Path<String>,
    Body(body): Body<CareAssignment>,
) -> Result<StatusCode, AppError> {
    s.vault
        .assign_care(&caller.actor, &body.user, &person, body.from, body.until)
        .await?;
    Ok(StatusCode::NO_CONTENT)
}

#[derive(Deserialize, utoipa::ToSchema)]
#[serde(deny_unknown_fields)]
pub(crate) struct CareEnd {
    user: String,
    #[schema(value_type = String, format = Date)]
    on: Date,
}

/// End a staff member's care relationship with a person (inclusive end date).
#[utoipa::path(post, path = "/api/v1/persons/{id}/care-team/end", params(("id" = String, Path)), request_body = CareEnd,
    responses((status = 204, description = "The relationship ends on that day"), Refusals),
    security(("token" = [])))]
pub(crate) async fn end_care(
    State(s): State<AppState>,
    caller: Caller,
    Path(person): Path<String>,
    Body(body): Body<CareEnd>,
) -> Result<StatusCode, AppError> {
    s.vault
        .end_care(&caller.actor, &body.user, &person, body.on)
        .await?;
    Ok(StatusCode::NO_CONTENT)
}
