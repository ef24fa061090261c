//! Staff accounts over the API, for the roles the reglement gives `manage_accounts`: disabling
//! an account (someone who left) and an administrator's password reset. Both end the
//! account's sessions at once; disabling also its API token.

use axum::extract::{Path, State};
use axum::http::StatusCode;
use serde::Deserialize;

use super::{Body, Refusals};
use crate::{AppError, AppState, Caller};

/// Disable a staff account: it can no longer log in, and its sessions and API token end now.
#[utoipa::path(post, path = "/api/v1/users/{id}/disable", params(("id" = String, Path)),
    responses((status = 204, description = "Disabled"), Refusals),
    security(("token" = [])))]
pub(crate) async fn disable_user(
    State(s): State<AppState>,
    caller: Caller,
    Path(user): Path<String>,
) -> Result<StatusCode, AppError> {
    s.accounts.disable_user(&caller.actor, &user).await?;
    Ok(StatusCode::NO_CONTENT)
}

#[derive(Deserialize, utoipa::ToSchema)]
#[serde(deny_unknown_fields)]
pub(crate) struct NewPassword {
    /// At least 12 characters, 5 of them different; not the user id, not a common word with a
    /// few digits.
    #[schema(min_length = 12, max_length = 1024)]
    password: String,
}

/// Set a staff account's password (a reset): its sessions end.
#[utoipa::path(post, path = "/api/v1/users/{id}/password", params(("id" = String, Path)), request_body = NewPassword,
    responses((status = 204, description = "Password set"), Refusals),
    security(("token" = [])))]
pub(crate) async fn set_password(
    State(s): State<AppState>,
    caller: Caller,
    Path(user): Path<String>,
    Body(body): Body<NewPassword>,
) -> Result<StatusCode, AppError> {
    s.accounts
        .set_password(&caller.actor, &user, &body.password)
        .await?;
    Ok(StatusCode::NO_CONTENT)
}
