//! `/api/v1/persons`: registering persons with their identification facts, the caller's list,
//! searching, and identity checks.

use axum::Json;
use axum::extract::{Path, State};
use axum::http::StatusCode;
use jiff::civil::Date;
use serde::{Deserialize, Serialize};
use zorgkluis_store::vault::{
    ClientSummary, NewPerson as VaultPerson, PersonFacts, SearchCriteria,
};

use super::{Body, Created, Query, Refusals, default_limit, default_purpose};
use crate::{AppError, AppState, Caller};

#[derive(Deserialize, utoipa::ToSchema)]
#[serde(deny_unknown_fields)]
pub(crate) struct NewPerson {
    /// A subject category of the reglement: `client`, `medewerker`, ...
    subject_category: String,
    /// Nine digits that pass the 11-check.
    #[schema(pattern = "^[0-9]{9}$")]
    bsn: Option<String>,
    /// The full name ("Jan de Vries"); with it, the person is found by search.
    #[schema(min_length = 1, max_length = 200)]
    name: Option<String>,
    #[schema(value_type = Option<String>, format = Date)]
    birth_date: Option<Date>,
    /// The organisation's own number for the client.
    #[schema(min_length = 1, max_length = 40)]
    client_number: Option<String>,
    #[serde(default = "default_purpose")]
    #[schema(pattern = "^[a-z0-9 _-]{1,60}$")]
    purpose: String,
}

/// Register a person (client, family member, employee, ...) with their name, date of birth and
/// client number, and a BSN that passes the 11-check; all sealed, findable by search.
#[utoipa::path(post, path = "/api/v1/persons", request_body = NewPerson,
    responses((status = 201, body = Created), Refusals),
    security(("token" = [])))]
pub(crate) async fn register_person(
    State(s): State<AppState>,
    caller: Caller,
    Body(body): Body<NewPerson>,
) -> Result<(StatusCode, Json<Created>), AppError> {
    let facts = match (body.name, body.birth_date, body.client_number) {
        (Some(name), birth_date, client_number) => Some(PersonFacts {
            name,
            birth_date,
            client_number,
        }),
        (None, None, None) => None,
        (None, _, _) => {
            return Err(AppError::invalid(
                "name",
                "a date of birth or client number goes with a name",
            ));
        }
    };
    let person = VaultPerson {
        subject_category: body.subject_category,
        bsn: body.bsn,
        facts,
    };
    let id = s
        .vault
        .register_person(&caller.actor, &person, &body.purpose)
        .await?;
    Ok((StatusCode::CREATED, Json(Created { id })))
}

#[derive(Deserialize, utoipa::IntoParams)]
#[serde(deny_unknown_fields)]
#[into_params(parameter_in = Query)]
pub(crate) struct Page {
    /// 0 to 1,000,000.
    #[serde(default)]
    #[param(minimum = 0, maximum = 1000000)]
    offset: i64,
    /// 1 to 1000, default 100.
    #[serde(default = "default_limit")]
    #[param(minimum = 1, maximum = 1000)]
    limit: i64,
}

#[derive(Serialize, utoipa::ToSchema)]
pub(crate) struct PersonList {
    /// The ids of the persons on this page.
    persons: Vec<String>,
    offset: i64,
    limit: i64,
}

/// The ids of the caller's persons, as the reglement's `list_persons` rule says: a caregiver's
/// own clients, everyone for the roles that see all. One audited event per page.
#[utoipa::path(get, path = "/api/v1/persons", params(Page),
    responses((status = 200, body = PersonList), Refusals),
    security(("token" = [])))]
pub(crate) async fn list_persons(
    State(s): State<AppState>,
    caller: Caller,
    Query(page): Query<Page>,
) -> Result<Json<PersonList>, AppError> {
    if page.offset > 1_000_000 {
        return Err(AppError::invalid("offset", "between 0 and 1000000"));
    }
    let persons = s
        .vault
        .list_persons(&caller.actor, page.offset, page.limit)
        .await?;
    Ok(Json(PersonList {
        persons,
        offset: page.offset,
        limit: page.limit,
    }))
}

/// What to search for: every criterion given must match. Sent in the body, never in the
/// address, so no name or BSN ends up in a proxy's log.
#[derive(Deserialize, utoipa::ToSchema)]
#[serde(deny_unknown_fields)]
pub(crate) struct Search {
    /// Words of the name; each must be a word of the person's name (case and accents aside).
    name: Option<String>,
    #[schema(value_type = Option<String>, format = Date)]
    birth_date: Option<Date>,
    client_number: Option<String>,
    /// Searching by BSN is also a read of the BSN, decided and logged as one.
    #[schema(pattern = "^[0-9]{9}$")]
    bsn: Option<String>,
    /// 1 to 200, default 50.
    #[serde(default = "default_search_limit")]
    #[schema(minimum = 1, maximum = 200)]
    limit: i64,
}

fn default_search_limit() -> i64 {
    50
}

/// One person found, with the identification facts the search may show.
#[derive(Serialize, utoipa::ToSchema)]
pub(crate) struct Found {
    id: String,
    subject_category: String,
    name: Option<String>,
    #[schema(value_type = Option<String>, format = Date)]
    birth_date: Option<Date>,
    client_number: Option<String>,
}

impl From<ClientSummary> for Found {
    fn from(c: ClientSummary) -> Found {
        let facts = c.facts;
        Found {
            id: c.id,
            subject_category: c.subject_category,
            name: facts.as_ref().map(|f| f.name.clone()),
            birth_date: facts.as_ref().and_then(|f| f.birth_date),
            client_number: facts.and_then(|f| f.client_number),
        }
    }
}

#[derive(Serialize, utoipa::ToSchema)]
pub(crate) struct SearchAnswer {
    persons: Vec<Found>,
    /// There were more than `limit`: narrow the search.
    truncated: bool,
}

/// Search the persons the caller may search (the reglement's `search_persons` rule) by name,
/// date of birth, client number or BSN. Nothing is decrypted to compare; the search is one
/// audited event, whose subjects are the persons found (the criteria are never logged).
#[utoipa::path(post, path = "/api/v1/persons/search", request_body = Search,
    responses((status = 200, body = SearchAnswer), Refusals),
    security(("token" = [])))]
pub(crate) async fn search_persons(
    State(s): State<AppState>,
    caller: Caller,
    Body(q): Body<Search>,
) -> Result<Json<SearchAnswer>, AppError> {
    let criteria = SearchCriteria {
        name: q.name,
        birth_date: q.birth_date,
        client_number: q.client_number,
        bsn: q.bsn,
    };
    let found = s
        .vault
        .search_persons(&caller.actor, &criteria, q.limit)
        .await?;
    Ok(Json(SearchAnswer {
        persons: found.persons.into_iter().map(Found::from).collect(),
        truncated: found.truncated,
    }))
}

#[derive(Deserialize, utoipa::ToSchema)]
#[serde(deny_unknown_fields)]
pub(crate) struct IdentityCheck {
    #[schema(value_type = String, format = Date)]
    checked_on: Date,
    /// `paspoort`, `identiteitskaart`, `rijbewijs` or `verblijfsdocument`.
    document_type: String,
    #[schema(pattern = "^[A-Za-z0-9-]{1,40}$")]
    document_number: String,
    #[schema(value_type = String, format = Date)]
    valid_until: Date,
}

/// Record the identity check of a person (document type and number, valid until).
#[utoipa::path(post, path = "/api/v1/persons/{id}/identity-checks", params(("id" = String, Path)), request_body = IdentityCheck,
    responses((status = 201, body = Created), Refusals),
    security(("token" = [])))]
pub(crate) async fn identity_check(
    State(s): State<AppState>,
    caller: Caller,
    Path(person): Path<String>,
    Body(body): Body<IdentityCheck>,
) -> Result<(StatusCode, Json<Created>), AppError> {
    let id = s
        .vault
        .record_identity_check(
            &caller.actor,
            &person,
            body.checked_on,
            &body.document_type,
            &body.document_number,
            body.valid_until,
        )
        .await?;
    Ok((StatusCode::CREATED, Json(Created { id })))
}
