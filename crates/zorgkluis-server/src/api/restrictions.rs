//! Lifting a restriction of processing (art. 18 AVG) over the API: the restriction a request
//! placed ([`super::requests::execute`]) is lifted by the request handler once the subject was
//! told (art. 18 lid 3), never before.

use axum::extract::{Path, State};
use axum::http::StatusCode;
use jiff::civil::Date;
use serde::Deserialize;

use super::{Body, Refusals};
use crate::{AppError, AppState, Caller};

#[derive(Deserialize, utoipa::ToSchema)]
#[serde(deny_unknown_fields)]
pub(crate) struct Lift {
    /// The day the subject was told it would be lifted: not before it was placed, not after
    /// today.
    #[schema(value_type = String, format = Date)]
    told_on: Date,
}

/// Lift a standing restriction; refused (422, `told_on`) for a day before it was placed or in
/// the future, 409 once lifted.
#[utoipa::path(post, path = "/api/v1/restrictions/{id}/lift", params(("id" = String, Path)), request_body = Lift,
    responses((status = 204, description = "Lifted"), Refusals),
    security(("token" = [])))]
pub(crate) async fn lift(
    State(s): State<AppState>,
    caller: Caller,
    Path(id): Path<String>,
    Body(body): Body<Lift>,
) -> Result<StatusCode, AppError> {
    s.vault
        .lift_restriction(&caller.actor, &id, body.told_on)
        .await?;
    Ok(StatusCode::NO_CONTENT)
}
