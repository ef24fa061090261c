//! Consent records over the API (issue 14 part 1): a person's consents with their history,
//! giving one with its evidence, and withdrawing one (AVG art. 7 lid 3), each decided by the
//! reglement and logged as the vault's consent room does.

use axum::Json;
use axum::extract::{Path, State};
use axum::http::StatusCode;
use jiff::civil::Date;
use serde::{Deserialize, Serialize};
use zorgkluis_core::decide::ConsentScope;
use zorgkluis_core::vocabulary::{ConsentGiven, Ground, Requester};
use zorgkluis_store::vault::{ConsentEvidence, ConsentRecord, NewConsent};

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

/// The evidence of a consent: the text shown and its version, or a signed form's reference
/// and SHA-256.
#[derive(Serialize, Deserialize, utoipa::ToSchema)]
#[serde(deny_unknown_fields)]
pub(crate) struct Evidence {
    /// The text shown or read to the person (stored sealed).
    text: Option<String>,
    text_version: Option<String>,
    /// Where the signed form is kept (stored sealed).
    document: Option<String>,
    #[schema(pattern = "^[0-9a-fA-F]{64}$")]
    document_sha256: Option<String>,
}

/// What a consent covers: a processing and/or a recipient (kind) of the reglement, its
/// categories, and a purpose label.
#[derive(Serialize, Deserialize, utoipa::ToSchema)]
#[serde(deny_unknown_fields)]
pub(crate) struct Scope {
    processing: Option<String>,
    recipient: Option<String>,
    categories: Vec<String>,
    #[schema(pattern = "^[a-z0-9 _-]{1,60}$")]
    purpose: Option<String>,
}

#[derive(Deserialize, utoipa::ToSchema)]
#[serde(deny_unknown_fields)]
pub(crate) struct Give {
    /// mondeling, schriftelijk, uitdrukkelijk or elektronisch.
    form: String,
    /// betrokkene (when absent), ouder, voogd, curator, mentor, gemachtigde.
    given_by: Option<String>,
    /// Who consents beside him: for a minor of 12 up to 16 the minor and a parent both.
    also_by: Option<String>,
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
    /// The day it was given (today when absent).
    #[schema(value_type = Option<String>, format = Date)]
    given_on: Option<Date>,
    scope: Scope,
    /// The first day it holds (the day it was given when absent).
    #[schema(value_type = Option<String>, format = Date)]
    valid_from: Option<Date>,
    /// The last day it holds, inclusive (one day: the same as valid_from).
    #[schema(value_type = Option<String>, format = Date)]
    valid_until: Option<Date>,
    evidence: Evidence,
}

#[derive(Serialize, utoipa::ToSchema)]
pub(crate) struct Given {
    id: String,
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
pub(crate) struct ConsentOut {
    id: String,
    person_id: String,
    given_by: String,
    also_by: Option<String>,
    representative_person: Option<String>,
    representative_name: Option<String>,
    ground: Option<String>,
    authorisation: bool,
    form: String,
    #[schema(value_type = String, format = Date)]
    given_on: Date,
    scope: Scope,
    #[schema(value_type = String, format = Date)]
    valid_from: Date,
    #[schema(value_type = Option<String>, format = Date)]
    valid_until: Option<Date>,
    evidence: Evidence,
    /// Whether it is in force today.
    in_force: bool,
    articles: Vec<String>,
    recorded_by: String,
    recorded_at: String,
    withdrawal: Option<WithdrawalOut>,
}

impl From<ConsentRecord> for ConsentOut {
    fn from(c: ConsentRecord) -> ConsentOut {
        ConsentOut {
            in_force: c.live_on(today()),
            id: c.id,
            person_id: c.person_id,
            given_by: c.given_by.id().to_owned(),
            also_by: c.also_by.map(|r| r.id().to_owned()),
            representative_person: c.representative_person,
            representative_name: c.representative_name,
            ground: c.ground.map(|g| g.id().to_owned()),
            authorisation: c.authorisation,
            form: c.form.id().to_owned(),
            given_on: c.given_on,
            scope: Scope {
                processing: c.scope.processing,
                recipient: c.scope.recipient,
                categories: c.scope.categories,
                purpose: c.scope.purpose,
            },
            valid_from: c.valid_from,
            valid_until: c.valid_until,
            evidence: Evidence {
                text: c.evidence.text,
                text_version: c.evidence.text_version,
                document: c.evidence.document,
                document_sha256: c.evidence.document_sha256,
            },
            articles: c.articles,
            recorded_by: c.recorded_by,
            recorded_at: c.recorded_at,
            withdrawal: c.withdrawal.map(|w| WithdrawalOut {
                withdrawn_by: w.withdrawn_by.id().to_owned(),
                withdrawn_on: w.withdrawn_on,
                recorded_by: w.recorded_by,
                recorded_at: w.recorded_at,
            }),
        }
    }
}

/// The person's consents, withdrawn and expired ones too, newest first, with their evidence
/// (decided as a read of the category consents are kept in).
#[utoipa::path(get, path = "/api/v1/persons/{id}/consents", params(("id" = String, Path)),
    responses((status = 200, body = Vec<ConsentOut>), Refusals),
    security(("token" = [])))]
pub(crate) async fn list(
    State(s): State<AppState>,
    caller: Caller,
    Path(id): Path<String>,
) -> Result<Json<Vec<ConsentOut>>, AppError> {
    s.vault.check_person_known(&id).await?;
    let list = s.vault.consents(&caller.actor, &id).await?;
    Ok(Json(list.into_iter().map(ConsentOut::from).collect()))
}

/// Record a consent of the person: the scope's ids must be the reglement's, the period may be
/// one day, the evidence shows it (AVG art. 7 lid 1), and who consents is checked (a minor of
/// 12 up to 16 and a parent both).
#[utoipa::path(post, path = "/api/v1/persons/{id}/consents", params(("id" = String, Path)), request_body = Give,
    responses((status = 201, body = Given), Refusals),
    security(("token" = [])))]
pub(crate) async fn give(
    State(s): State<AppState>,
    caller: Caller,
    Path(id): Path<String>,
    Body(body): Body<Give>,
) -> Result<(StatusCode, Json<Given>), AppError> {
    s.vault.check_person_known(&id).await?;
    let form = ConsentGiven::from_id(&body.form).ok_or_else(|| {
        AppError::invalid(
            "form",
            &format!(
                "unknown value `{}`; expected one of: {}",
                body.form,
                ConsentGiven::ids().join(", ")
            ),
        )
    })?;
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
    let given_on = body.given_on.unwrap_or_else(today);
    let new = NewConsent {
        person: id,
        given_by: body
            .given_by
            .as_deref()
            .map(|r| requester("given_by", r))
            .transpose()?
            .unwrap_or(Requester::Betrokkene),
        also_by: body
            .also_by
            .as_deref()
            .map(|r| requester("also_by", r))
            .transpose()?,
        representative_person: body.representative_person,
        representative_name: body.representative_name,
        ground,
        authorisation: body.authorisation,
        subject_born: body.subject_born,
        form,
        given_on,
        scope: ConsentScope {
            processing: body.scope.processing,
            recipient: body.scope.recipient,
            categories: body.scope.categories,
            purpose: body.scope.purpose,
        },
        valid_from: body.valid_from.unwrap_or(given_on),
        valid_until: body.valid_until,
        evidence: ConsentEvidence {
            text: body.evidence.text,
            text_version: body.evidence.text_version,
            document: body.evidence.document,
            document_sha256: body.evidence.document_sha256,
        },
    };
    let consent = s
        .vault
        .give_consent(&caller.actor, &new, caller.lang)
        .await?;
    Ok((StatusCode::CREATED, Json(Given { id: consent })))
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

/// Withdraw a consent (AVG art. 7 lid 3: at any time). The consent stays as it was; the
/// withdrawal is recorded beside it.
#[utoipa::path(post, path = "/api/v1/consents/{id}/withdraw", params(("id" = String, Path)), request_body = Withdraw,
    responses((status = 200, body = Withdrawn), Refusals),
    security(("token" = [])))]
pub(crate) async fn withdraw(
    State(s): State<AppState>,
    caller: Caller,
    Path(id): Path<String>,
    Body(body): Body<Withdraw>,
) -> Result<Json<Withdrawn>, AppError> {
    s.vault.check_consent_known(&id).await?;
    let by = body
        .by
        .as_deref()
        .map(|r| requester("by", r))
        .transpose()?
        .unwrap_or(Requester::Betrokkene);
    s.vault
        .withdraw_consent(&caller.actor, &id, by, body.on)
        .await?;
    Ok(Json(Withdrawn { id }))
}
