//! The do-not-contact register over the API (issue 14 part 4): the check a mailing system
//! makes before it approaches someone, and putting a person on the register.

use axum::Json;
use axum::extract::{Path, State};
use axum::http::StatusCode;
use jiff::civil::Date;
use serde::{Deserialize, Serialize};
use zorgkluis_core::vocabulary::ContactPurpose;
use zorgkluis_store::vault::ContactCheck;

use super::{Body, Query, Refusals};
use crate::{AppError, AppState, Caller};

fn purpose(value: &str) -> Result<ContactPurpose, AppError> {
    ContactPurpose::from_id(value).ok_or_else(|| {
        AppError::invalid(
            "purpose",
            &format!(
                "unknown value `{value}`; expected one of: {}",
                ContactPurpose::ids().join(", ")
            ),
        )
    })
}

#[derive(Deserialize, utoipa::IntoParams)]
#[into_params(parameter_in = Query)]
pub(crate) struct CheckQuery {
    /// nieuwsbrief, tevredenheidsonderzoek or fondsenwerving (required).
    #[param(pattern = "^[a-z0-9 _-]{1,60}$")]
    purpose: Option<String>,
}

#[derive(Serialize, utoipa::ToSchema)]
pub(crate) struct Check {
    person_id: String,
    #[schema(pattern = "^[a-z0-9 _-]{1,60}$")]
    purpose: String,
    /// Whether the register lets the person be approached for the purpose.
    allowed: bool,
    /// The entry that says no, if one does.
    entry: Option<String>,
    #[schema(value_type = Option<String>, format = Date)]
    asked_on: Option<Date>,
    articles: Vec<String>,
}

impl From<ContactCheck> for Check {
    fn from(c: ContactCheck) -> Check {
        Check {
            person_id: c.person_id,
            purpose: c.purpose.id().to_owned(),
            allowed: c.allowed,
            entry: c.entry,
            asked_on: c.asked_on,
            articles: c.articles,
        }
    }
}

/// Whether the person may be approached for `purpose` (the do-not-contact register; the duty
/// `check_contact`). The answer only, never contact data.
#[utoipa::path(get, path = "/api/v1/persons/{id}/contact-check", params(("id" = String, Path), CheckQuery),
    responses((status = 200, body = Check), Refusals),
    security(("token" = [])))]
pub(crate) async fn check(
    State(s): State<AppState>,
    caller: Caller,
    Path(id): Path<String>,
    Query(q): Query<CheckQuery>,
) -> Result<Json<Check>, AppError> {
    // An unknown person is 404 before the query is looked at, as on every route with an id.
    s.vault.check_person_known(&id).await?;
    let purpose = purpose(q.purpose.as_deref().unwrap_or_default())?;
    let answer = s.vault.contact_check(&caller.actor, &id, purpose).await?;
    Ok(Json(answer.into()))
}

#[derive(Deserialize, utoipa::ToSchema)]
#[serde(deny_unknown_fields)]
pub(crate) struct Block {
    /// What not to be approached for; absent: anything outside the care.
    #[schema(pattern = "^[a-z0-9 _-]{1,60}$")]
    purpose: Option<String>,
    /// The day the person asked (today when absent; not in the future).
    #[schema(value_type = Option<String>, format = Date)]
    asked_on: Option<Date>,
}

#[derive(Serialize, utoipa::ToSchema)]
pub(crate) struct Blocked {
    id: String,
}

/// Put the person on the do-not-contact register (decided as a change of their contact data).
#[utoipa::path(post, path = "/api/v1/persons/{id}/do-not-contact", params(("id" = String, Path)), request_body = Block,
    responses((status = 201, body = Blocked), Refusals),
    security(("token" = [])))]
pub(crate) async fn block(
    State(s): State<AppState>,
    caller: Caller,
    Path(id): Path<String>,
    Body(body): Body<Block>,
) -> Result<(StatusCode, Json<Blocked>), AppError> {
    let purpose = body.purpose.as_deref().map(purpose).transpose()?;
    let today = zorgkluis_core::time::dutch_date(jiff::Timestamp::now());
    let entry = s
        .vault
        .block_contact(&caller.actor, &id, purpose, body.asked_on.unwrap_or(today))
        .await?;
    Ok((StatusCode::CREATED, Json(Blocked { id: entry })))
}
