//! Objections over the API (art. 21 AVG): a person's objections with their decisions, filing
//! one (the answer says whether the right applies on the processing's grondslag), deciding one
//! with the balancing, and withdrawing one, each decided by the reglement (the duty of
//! handling requests) and logged as the vault's objection room does.

use axum::Json;
use axum::extract::{Path, State};
use axum::http::StatusCode;
use jiff::civil::Date;
use serde::{Deserialize, Serialize};
use zorgkluis_core::decide::ObjectionScope;
use zorgkluis_core::vocabulary::{Ground, ObjectionOutcome, Requester};
use zorgkluis_store::vault::{FiledObjection, NewObjection, ObjectionRecord};

use super::{Body, Refusals};
use crate::{AppError, AppState, Caller};

fn today() -> Date {
    zorgkluis_core::time::dutch_date(jiff::Timestamp::now())
}

fn requester(field: &'static str, value: &str) -> Result<Requester, AppError> {
    Requester::from_id(value).ok_or_else(|| {
        AppError::invalid(
            field,
            &format!(
                "unknown value `{value}`; expected one of: {}",
                Requester::ids().join(", ")
            ),
        )
    })
}

/// What an objection is against: a processing of the reglement, optionally only its
/// disclosure to a recipient (kind), only some categories (none: all).
#[derive(Serialize, Deserialize, utoipa::ToSchema)]
#[serde(deny_unknown_fields)]
pub(crate) struct Scope {
    processing: String,
    recipient: Option<String>,
    #[serde(default)]
    categories: Vec<String>,
}

#[derive(Deserialize, utoipa::ToSchema)]
#[serde(deny_unknown_fields)]
pub(crate) struct File {
    scope: Scope,
    /// The reasons the person gives, from his particular situation (stored sealed).
    grounds: String,
    /// betrokkene (when absent), ouder, voogd, curator, mentor, gemachtigde.
    made_by: Option<String>,
    representative_person: Option<String>,
    /// A representative who is no registered person (stored sealed).
    representative_name: Option<String>,
    /// curatele, mentorschap or wilsonbekwaam.
    ground: Option<String>,
    #[serde(default)]
    authorisation: bool,
    /// The subject's date of birth, where none is registered.
    #[schema(value_type = Option<String>, format = Date)]
    subject_born: Option<Date>,
    /// The day it was received (today when absent).
    #[schema(value_type = Option<String>, format = Date)]
    received_on: Option<Date>,
}

/// The objection filed: its id and whether art. 21 lid 1 AVG applies, with the answer.
#[derive(Serialize, utoipa::ToSchema)]
pub(crate) struct Filed {
    id: String,
    applies: bool,
    articles: Vec<String>,
    answer: String,
}

impl From<FiledObjection> for Filed {
    fn from(f: FiledObjection) -> Filed {
        Filed {
            id: f.id,
            applies: f.applies,
            articles: f.articles,
            answer: f.answer,
        }
    }
}

#[derive(Serialize, utoipa::ToSchema)]
pub(crate) struct DecisionOut {
    /// toegewezen or afgewezen.
    outcome: String,
    #[schema(value_type = String, format = Date)]
    decided_on: Date,
    compelling_grounds: Option<String>,
    articles: Vec<String>,
    decided_by: String,
    decided_at: String,
}

#[derive(Serialize, utoipa::ToSchema)]
pub(crate) struct WithdrawalOut {
    withdrawn_by: String,
    #[schema(value_type = String, format = Date)]
    withdrawn_on: Date,
    recorded_by: String,
    recorded_at: String,
}

#[derive(Serialize, utoipa::ToSchema)]
pub(crate) struct ObjectionOut {
    id: String,
    person_id: String,
    scope: Scope,
    made_by: String,
    representative_person: Option<String>,
    representative_name: Option<String>,
    ground: Option<String>,
    authorisation: bool,
    #[schema(value_type = String, format = Date)]
    received_on: Date,
    grounds: Option<String>,
    /// Whether art. 21 lid 1 AVG applied on the processing's grondslag when it was filed.
    applies: bool,
    articles: Vec<String>,
    recorded_by: String,
    recorded_at: String,
    decision: Option<DecisionOut>,
    withdrawal: Option<WithdrawalOut>,
    /// How it stands against its own processing today: `upheld`, `pending` (restricted, AVG
    /// art. 18 lid 1 sub d), `raised` (left to the reglement), or none.
    standing: Option<String>,
}

impl From<ObjectionRecord> for ObjectionOut {
    fn from(o: ObjectionRecord) -> ObjectionOut {
        let standing = o.standing_on(today()).map(|s| s.id().to_owned());
        ObjectionOut {
            standing,
            id: o.id,
            person_id: o.person_id,
            scope: Scope {
                processing: o.scope.processing,
                recipient: o.scope.recipient,
                categories: o.scope.categories,
            },
            made_by: o.made_by.id().to_owned(),
            representative_person: o.representative_person,
            representative_name: o.representative_name,
            ground: o.ground.map(|g| g.id().to_owned()),
            authorisation: o.authorisation,
            received_on: o.received_on,
            grounds: o.grounds,
            applies: o.applies,
            articles: o.articles,
            recorded_by: o.recorded_by,
            recorded_at: o.recorded_at,
            decision: o.decision.map(|d| DecisionOut {
                outcome: d.outcome.id().to_owned(),
                decided_on: d.decided_on,
                compelling_grounds: d.compelling_grounds,
                articles: d.articles,
                decided_by: d.decided_by,
                decided_at: d.decided_at,
            }),
            withdrawal: o.withdrawal.map(|w| WithdrawalOut {
                withdrawn_by: w.withdrawn_by.id().to_owned(),
                withdrawn_on: w.withdrawn_on,
                recorded_by: w.recorded_by,
                recorded_at: w.recorded_at,
            }),
        }
    }
}

/// The person's objections, decided and withdrawn ones too, newest first, with the grounds
/// given and the balancing (the duty of handling requests).
#[utoipa::path(get, path = "/api/v1/persons/{id}/objections", params(("id" = String, Path)),
    responses((status = 200, body = Vec<ObjectionOut>), Refusals),
    security(("token" = [])))]
pub(crate) async fn list(
    State(s): State<AppState>,
    caller: Caller,
    Path(id): Path<String>,
) -> Result<Json<Vec<ObjectionOut>>, AppError> {
    s.vault.check_person_known(&id).await?;
    let list = s.vault.objections(&caller.actor, &id).await?;
    Ok(Json(list.into_iter().map(ObjectionOut::from).collect()))
}

/// Record an objection of the person (art. 21 AVG) against a processing of the reglement: the
/// ids must be the reglement's, who objects is checked as for a request of type bezwaar, and
/// the answer says whether the right applies (only on art. 6 lid 1 sub e or f AVG). An
/// objection to direct marketing is the do-not-contact register.
#[utoipa::path(post, path = "/api/v1/persons/{id}/objections", params(("id" = String, Path)), request_body = File,
    responses((status = 201, body = Filed), Refusals),
    security(("token" = [])))]
pub(crate) async fn file(
    State(s): State<AppState>,
    caller: Caller,
    Path(id): Path<String>,
    Body(body): Body<File>,
) -> Result<(StatusCode, Json<Filed>), AppError> {
    s.vault.check_person_known(&id).await?;
    let ground = body
        .ground
        .as_deref()
        .map(|g| {
            Ground::from_id(g).ok_or_else(|| {
                AppError::invalid(
                    "ground",
                    &format!(
                        "unknown value `{g}`; expected one of: {}",
                        Ground::ids().join(", ")
                    ),
                )
            })
        })
        .transpose()?;
    let new = NewObjection {
        person: id,
        scope: ObjectionScope {
            processing: body.scope.processing,
            recipient: body.scope.recipient,
            categories: body.scope.categories,
        },
        made_by: body
            .made_by
            .as_deref()
            .map(|r| requester("made_by", r))
            .transpose()?
            .unwrap_or(Requester::Betrokkene),
        representative_person: body.representative_person,
        representative_name: body.representative_name,
        ground,
        authorisation: body.authorisation,
        subject_born: body.subject_born,
        received_on: body.received_on.unwrap_or_else(today),
        grounds: body.grounds,
    };
    let filed = s
        .vault
        .file_objection(&caller.actor, &new, caller.lang)
        .await?;
    Ok((StatusCode::CREATED, Json(filed.into())))
}

#[derive(Deserialize, utoipa::ToSchema)]
#[serde(deny_unknown_fields)]
pub(crate) struct Decide {
    /// toegewezen (the processing stops for the person) or afgewezen.
    outcome: String,
    /// The compelling legitimate grounds that override the person's interests (stored
    /// sealed; required for afgewezen where art. 21 lid 1 applies).
    compelling_grounds: Option<String>,
    /// The day of the decision (today when absent; not in the future).
    #[schema(value_type = Option<String>, format = Date)]
    decided_on: Option<Date>,
}

#[derive(Serialize, utoipa::ToSchema)]
pub(crate) struct Decided {
    id: String,
    outcome: String,
    articles: Vec<String>,
}

/// Decide an objection with the balancing (art. 21 lid 1 AVG), recorded beside it: never
/// overwritten, so a second decision is a conflict.
#[utoipa::path(post, path = "/api/v1/objections/{id}/decide", params(("id" = String, Path)), request_body = Decide,
    responses((status = 200, body = Decided), Refusals),
    security(("token" = [])))]
pub(crate) async fn decide(
    State(s): State<AppState>,
    caller: Caller,
    Path(id): Path<String>,
    Body(body): Body<Decide>,
) -> Result<Json<Decided>, AppError> {
    s.vault.check_objection_known(&id).await?;
    let outcome = ObjectionOutcome::from_id(&body.outcome).ok_or_else(|| {
        AppError::invalid(
            "outcome",
            &format!(
                "unknown value `{}`; expected one of: {}",
                body.outcome,
                ObjectionOutcome::ids().join(", ")
            ),
        )
    })?;
    let articles = s
        .vault
        .decide_objection(
            &caller.actor,
            &id,
            outcome,
            body.compelling_grounds.as_deref(),
            body.decided_on,
        )
        .await?;
    Ok(Json(Decided {
        id,
        outcome: outcome.id().to_owned(),
        articles,
    }))
}

#[derive(Deserialize, utoipa::ToSchema)]
#[serde(deny_unknown_fields)]
pub(crate) struct Withdraw {
    /// Who withdraws it: betrokkene (when absent) or who acts for him.
    by: Option<String>,
    /// From which day (today when absent; not in the future).
    #[schema(value_type = Option<String>, format = Date)]
    on: Option<Date>,
}

#[derive(Serialize, utoipa::ToSchema)]
pub(crate) struct Withdrawn {
    id: String,
}

/// Withdraw an objection. The objection and its decision stay as they were; the withdrawal is
/// recorded beside them.
#[utoipa::path(post, path = "/api/v1/objections/{id}/withdraw", params(("id" = String, Path)), request_body = Withdraw,
    responses((status = 200, body = Withdrawn), Refusals),
    security(("token" = [])))]
pub(crate) async fn withdraw(
    State(s): State<AppState>,
    caller: Caller,
    Path(id): Path<String>,
    Body(body): Body<Withdraw>,
) -> Result<Json<Withdrawn>, AppError> {
    s.vault.check_objection_known(&id).await?;
    let by = body
        .by
        .as_deref()
        .map(|r| requester("by", r))
        .transpose()?
        .unwrap_or(Requester::Betrokkene);
    s.vault
        .withdraw_objection(&caller.actor, &id, by, body.on)
        .await?;
    Ok(Json(Withdrawn { id }))
}
