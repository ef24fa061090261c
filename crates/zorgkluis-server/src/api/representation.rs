//! A person's facts the law turns on (date of death, legal status) and his representatives
//! over the API: `/api/v1/persons/{id}/legal-facts`, `/api/v1/persons/{id}/representatives`
//! and `/api/v1/representatives/{id}/end`. Reading and changing them is a read or write of the
//! category the reglement keeps them in (`juridisch`, else `naw`), decided and logged.

use axum::Json;
use axum::extract::{Path, State};
use axum::http::StatusCode;
use jiff::civil::Date;
use serde::{Deserialize, Serialize};
use zorgkluis_core::vocabulary::{Ground, Requester};
use zorgkluis_store::vault::{LEGAL_STATUSES, LegalFacts as VaultFacts, NewRepresentative};

use super::{Body, Created, Refusals};
use crate::{AppError, AppState, Caller};

/// The facts of a person the law turns on.
#[derive(Deserialize, Serialize, utoipa::ToSchema)]
#[serde(deny_unknown_fields)]
pub(crate) struct LegalFacts {
    /// The date of death; absent while none is registered.
    #[schema(value_type = Option<String>, format = Date)]
    #[serde(default)]
    deceased: Option<Date>,
    /// curatele, mentorschap or beschermingsbewind; absent for none.
    #[serde(default)]
    legal_status: Option<String>,
    /// The day the legal status began (with `legal_status`).
    #[schema(value_type = Option<String>, format = Date)]
    #[serde(default)]
    legal_status_since: Option<Date>,
}

impl From<VaultFacts> for LegalFacts {
    fn from(f: VaultFacts) -> LegalFacts {
        LegalFacts {
            deceased: f.deceased,
            legal_status: f.legal_status.map(|g| g.id().to_owned()),
            legal_status_since: f.legal_status_since,
        }
    }
}

/// A person's date of death and legal status.
#[utoipa::path(get, path = "/api/v1/persons/{id}/legal-facts", params(("id" = String, Path)),
    responses((status = 200, body = LegalFacts), Refusals),
    security(("token" = [])))]
pub(crate) async fn legal_facts(
    State(s): State<AppState>,
    caller: Caller,
    Path(person): Path<String>,
) -> Result<Json<LegalFacts>, AppError> {
    let facts = s.vault.legal_facts(&caller.actor, &person).await?;
    Ok(Json(facts.into()))
}

/// Record a person's date of death and legal status, as a whole (a new version; the earlier
/// ones stay). A date of death in the future, a status without its start, is refused (422
/// naming the field).
#[utoipa::path(put, path = "/api/v1/persons/{id}/legal-facts", params(("id" = String, Path)),
    request_body = LegalFacts,
    responses((status = 200, body = LegalFacts), Refusals),
    security(("token" = [])))]
pub(crate) async fn set_legal_facts(
    State(s): State<AppState>,
    caller: Caller,
    Path(person): Path<String>,
    Body(body): Body<LegalFacts>,
) -> Result<Json<LegalFacts>, AppError> {
    s.vault.check_person_known(&person).await?;
    let legal_status = match body.legal_status.as_deref() {
        None => None,
        Some(v) => match Ground::from_id(v) {
            Some(g) if LEGAL_STATUSES.contains(&g) => Some(g),
            _ => {
                return Err(AppError::invalid(
                    "legal_status",
                    &format!(
                        "unknown value `{v}`; expected one of: curatele, mentorschap, beschermingsbewind"
                    ),
                ));
            }
        },
    };
    let facts = VaultFacts {
        deceased: body.deceased,
        legal_status,
        legal_status_since: body.legal_status_since,
    };
    s.vault
        .set_legal_facts(&caller.actor, &person, &facts)
        .await?;
    Ok(Json(facts.into()))
}

#[derive(Deserialize, utoipa::ToSchema)]
#[serde(deny_unknown_fields)]
pub(crate) struct NewLink {
    /// The representative: another registered person's id.
    by: String,
    /// ouder, voogd, curator, mentor, gemachtigde or nabestaande.
    ground: String,
    /// The first day the link holds (default today).
    #[schema(value_type = Option<String>, format = Date)]
    from: Option<Date>,
    /// The last day the link holds (default: open).
    #[schema(value_type = Option<String>, format = Date)]
    until: Option<Date>,
    /// The date of the written authorisation: required for a gemachtigde.
    #[schema(value_type = Option<String>, format = Date)]
    authorised_on: Option<Date>,
}

#[derive(Serialize, utoipa::ToSchema)]
pub(crate) struct Link {
    id: String,
    subject: String,
    /// The representative's person id.
    by: String,
    ground: String,
    #[schema(value_type = Option<String>, format = Date)]
    authorised_on: Option<Date>,
    #[schema(value_type = String, format = Date)]
    from: Date,
    #[schema(value_type = Option<String>, format = Date)]
    until: Option<Date>,
    /// From this day the link no longer holds.
    #[schema(value_type = Option<String>, format = Date)]
    ended_on: Option<Date>,
}

#[derive(Serialize, utoipa::ToSchema)]
pub(crate) struct Representatives {
    facts: LegalFacts,
    /// Newest first, the ended ones too.
    representatives: Vec<Link>,
}

/// A person's legal facts and representatives, the ended ones too.
#[utoipa::path(get, path = "/api/v1/persons/{id}/representatives", params(("id" = String, Path)),
    responses((status = 200, body = Representatives), Refusals),
    security(("token" = [])))]
pub(crate) async fn representatives(
    State(s): State<AppState>,
    caller: Caller,
    Path(person): Path<String>,
) -> Result<Json<Representatives>, AppError> {
    let r = s.vault.representation(&caller.actor, &person).await?;
    Ok(Json(Representatives {
        facts: r.facts.into(),
        representatives: r
            .representatives
            .into_iter()
            .map(|l| Link {
                id: l.id,
                subject: l.subject,
                by: l.representative,
                ground: l.ground.id().to_owned(),
                authorised_on: l.authorised_on,
                from: l.valid_from,
                until: l.valid_until,
                ended_on: l.ended_on,
            })
            .collect(),
    }))
}

/// Link a representative to a person: another registered person, on a ground of
/// representation, valid from and until a date. Linking a person to himself, an unknown
/// person, an end before the start, a gemachtigde without the date of his authorisation: 422
/// naming the field, nothing changed.
#[utoipa::path(post, path = "/api/v1/persons/{id}/representatives", params(("id" = String, Path)),
    request_body = NewLink,
    responses((status = 201, body = Created), Refusals),
    security(("token" = [])))]
pub(crate) async fn add_representative(
    State(s): State<AppState>,
    caller: Caller,
    Path(person): Path<String>,
    Body(body): Body<NewLink>,
) -> Result<(StatusCode, Json<Created>), AppError> {
    s.vault.check_person_known(&person).await?;
    let ground = Requester::from_id(&body.ground)
        .filter(|g| *g != Requester::Betrokkene)
        .ok_or_else(|| {
            AppError::invalid(
                "ground",
                &format!(
                    "unknown value `{}`; expected one of: ouder, voogd, curator, mentor, gemachtigde, nabestaande",
                    body.ground
                ),
            )
        })?;
    let link = s
        .vault
        .add_representative(
            &caller.actor,
            &NewRepresentative {
                subject: person,
                representative: body.by,
                ground,
                valid_from: body
                    .from
                    .unwrap_or_else(|| zorgkluis_core::time::dutch_date(jiff::Timestamp::now())),
                valid_until: body.until,
                authorised_on: body.authorised_on,
            },
        )
        .await?;
    Ok((StatusCode::CREATED, Json(Created { id: link.id })))
}

#[derive(Deserialize, utoipa::ToSchema)]
#[serde(deny_unknown_fields)]
pub(crate) struct EndLink {
    /// From this day the link no longer holds.
    #[schema(value_type = String, format = Date)]
    on: Date,
}

/// End a representative's link on a day; it stays in the history. Ended already: 409.
#[utoipa::path(post, path = "/api/v1/representatives/{id}/end", params(("id" = String, Path)),
    request_body = EndLink,
    responses((status = 204, description = "The link ends on that day"), Refusals),
    security(("token" = [])))]
pub(crate) async fn end_representative(
    State(s): State<AppState>,
    caller: Caller,
    Path(link): Path<String>,
    Body(body): Body<EndLink>,
) -> Result<StatusCode, AppError> {
    s.vault
        .end_representation(&caller.actor, &link, body.on)
        .await?;
    Ok(StatusCode::NO_CONTENT)
}
