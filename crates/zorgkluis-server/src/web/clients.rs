//! Clients: the list of the caller's clients, search, and registration with an identity check.
//! A list page and a search are each one audited event for all the clients they show.

use axum::Form;
use axum::extract::State;
use axum::http::StatusCode;
use axum::response::{IntoResponse, Redirect, Response};
use jiff::civil::Date;
use maud::{Markup, html};
use serde::Deserialize;
use zorgkluis_core::i18n::t;
use zorgkluis_core::{Lang, t};
use zorgkluis_store::vault::{
    ClientSummary, DOCUMENT_TYPES, NewPerson, PersonFacts, SearchCriteria, VaultError,
    check_identity_document,
};

use super::layout::{page, person_name};
use crate::api::Query;
use crate::{AppError, AppState, Caller};

/// The clients of a list or a search: name (to the dossier), date of birth, client number.
pub(crate) fn client_table(lang: Lang, clients: &[ClientSummary]) -> Markup {
    html! {
        table id="clienten" {
            thead { tr {
                th scope="col" { (t(lang, "name")) }
                th scope="col" { (t(lang, "birth-date")) }
                th scope="col" { (t(lang, "client-number")) }
            } }
            tbody {
                @for c in clients {
                    tr {
                        td { a href={ "/clienten/" (c.id) } { (person_name(c.facts.as_ref(), lang)) } }
                        td { (c.facts.as_ref().and_then(|f| f.birth_date).map(|d| zorgkluis_core::time::format_date(d, lang)).unwrap_or_default()) }
                        td { (c.facts.as_ref().and_then(|f| f.client_number.clone()).unwrap_or_default()) }
                    }
                }
            }
        }
    }
}

#[derive(Deserialize)]
pub(crate) struct ListQuery {
    #[serde(default)]
    pagina: i64,
}

const PAGE: i64 = 50;

/// The caller's clients: their own (a care relationship today) or all, as the reglement's
/// `list_persons` rule says; a page of fifty, sorted by name.
pub(crate) async fn list(
    State(s): State<AppState>,
    caller: Caller,
    Query(q): Query<ListQuery>,
) -> Result<Markup, AppError> {
    let lang = caller.lang;
    let page_no = q.pagina.max(0);
    let listed = s
        .vault
        .list_clients(&caller.actor, page_no * PAGE, PAGE)
        .await?;
    let more = listed.more;
    let mut clients = listed.clients;
    clients.sort_by_key(|c| c.facts.as_ref().map(|f| f.name.to_lowercase()));
    let title = match s
        .vault
        .scope(&caller.actor, zorgkluis_core::vocabulary::Duty::ListPersons)
    {
        Some(zorgkluis_store::vault::ListScope::OwnClients) => t(lang, "my-clients"),
        _ => t(lang, "clients"),
    };
    let body = html! {
        @if clients.is_empty() {
            p.empty { (t(lang, "no-clients")) }
        } @else {
            (client_table(lang, &clients))
        }
        p {
            @if page_no > 0 { a href={ "/clienten?pagina=" (page_no - 1) } { (t(lang, "previous-page")) } " " }
            @if more { a href={ "/clienten?pagina=" (page_no + 1) } { (t(lang, "next-page")) } }
        }
    };
    Ok(page(&s.vault, &caller, &title, body))
}

/// What the search form was filled in with. It is posted, never sent in the address: a name
/// or a BSN in a URL would stay in the browser's history and in proxies' logs.
#[derive(Deserialize, Default)]
pub(crate) struct SearchForm {
    #[serde(default)]
    csrf: String,
    #[serde(default)]
    naam: String,
    #[serde(default)]
    geboortedatum: String,
    #[serde(default)]
    clientnummer: String,
    #[serde(default)]
    bsn: String,
}

impl SearchForm {
    fn is_empty(&self) -> bool {
        [
            &self.naam,
            &self.geboortedatum,
            &self.clientnummer,
            &self.bsn,
        ]
        .iter()
        .all(|f| f.trim().is_empty())
    }
}

pub(crate) fn search_form(lang: Lang, caller: &Caller, q: &SearchForm) -> Markup {
    html! {
        form method="post" action="/clienten/zoeken" role="search" {
            input type="hidden" name="csrf" value=(caller.csrf());
            label for="naam" { (t(lang, "name")) }
            input id="naam" name="naam" value=(q.naam) autocomplete="off";
            label for="geboortedatum" { (t(lang, "birth-date")) }
            input id="geboortedatum" name="geboortedatum" type="date" value=(q.geboortedatum);
            label for="clientnummer" { (t(lang, "client-number")) }
            input id="clientnummer" name="clientnummer" value=(q.clientnummer) autocomplete="off";
            label for="zoek-bsn" { (t(lang, "bsn")) }
            input id="zoek-bsn" name="bsn" inputmode="numeric" value=(q.bsn) autocomplete="off";
            button.primary type="submit" { (t(lang, "search")) }
        }
    }
}

/// A field's error in the user's words.
fn field_message(lang: Lang, field: &str) -> String {
    let id = format!("invalid-{}", field.replace('_', "-"));
    let text = t(lang, &id);
    if text == id {
        t(lang, "invalid-generic")
    } else {
        text
    }
}

/// The search form.
pub(crate) async fn search_page(
    State(s): State<AppState>,
    caller: Caller,
) -> Result<Markup, AppError> {
    let lang = caller.lang;
    Ok(page(
        &s.vault,
        &caller,
        &t(lang, "search-clients"),
        search_form(lang, &caller, &SearchForm::default()),
    ))
}

/// Search by name, date of birth, client number or BSN (the reglement's `search_persons`
/// rule); one audited event, whose subjects are the clients found.
pub(crate) async fn search(
    State(s): State<AppState>,
    caller: Caller,
    Form(q): Form<SearchForm>,
) -> Result<Response, AppError> {
    caller.check_csrf(&q.csrf)?;
    let lang = caller.lang;
    let title = t(lang, "search-clients");
    let show = |status: StatusCode, results: Markup| {
        (
            status,
            page(
                &s.vault,
                &caller,
                &title,
                html! { (search_form(lang, &caller, &q)) (results) },
            ),
        )
            .into_response()
    };
    if q.is_empty() {
        let e = html! { p.error role="alert" { (field_message(lang, "search-empty")) } };
        return Ok(show(StatusCode::UNPROCESSABLE_ENTITY, e));
    }
    let birth_date = match q.geboortedatum.trim() {
        "" => None,
        d => match d.parse::<Date>() {
            Ok(d) => Some(d),
            Err(_) => {
                let e = html! { p.error role="alert" { (field_message(lang, "birth_date")) } };
                return Ok(show(StatusCode::UNPROCESSABLE_ENTITY, e));
            }
        },
    };
    let criteria = SearchCriteria {
        name: Some(q.naam.clone()),
        birth_date,
        client_number: Some(q.clientnummer.clone()),
        bsn: Some(q.bsn.clone()),
    };
    let found = match s.vault.search_persons(&caller.actor, &criteria, 50).await {
        Ok(found) => found,
        Err(VaultError::Invalid { field, .. }) => {
            let e = html! { p.error role="alert" { (field_message(lang, field)) } };
            return Ok(show(StatusCode::UNPROCESSABLE_ENTITY, e));
        }
        Err(other) => return Err(other.into()),
    };
    let results = html! {
        section aria-labelledby="resultaten" {
            h2 id="resultaten" { (t!(lang, "search-results", count = found.persons.len())) }
            @if found.persons.is_empty() {
                p.empty { (t(lang, "search-none")) }
            } @else {
                (client_table(lang, &found.persons))
            }
            @if found.truncated { p.notice { (t(lang, "search-truncated")) } }
        }
    };
    Ok(show(StatusCode::OK, results))
}

#[derive(Deserialize, Default)]
pub(crate) struct RegisterForm {
    #[serde(default)]
    csrf: String,
    #[serde(default)]
    naam: String,
    #[serde(default)]
    geboortedatum: String,
    #[serde(default)]
    clientnummer: String,
    #[serde(default)]
    adres: String,
    #[serde(default)]
    bsn: String,
    #[serde(default)]
    documenttype: String,
    #[serde(default)]
    documentnummer: String,
    #[serde(default)]
    gecontroleerd: String,
    #[serde(default)]
    geldig: String,
}

fn register_body(lang: Lang, caller: &Caller, form: &RegisterForm, error: Option<&str>) -> Markup {
    html! {
        @if let Some(e) = error { p.error role="alert" { (e) } }
        form method="post" action="/clienten/nieuw" {
            input type="hidden" name="csrf" value=(caller.csrf());
            label for="naam" { (t(lang, "name")) }
            input id="naam" name="naam" value=(form.naam) required autocomplete="off";
            label for="geboortedatum" { (t(lang, "birth-date")) }
            input id="geboortedatum" name="geboortedatum" type="date" value=(form.geboortedatum) required;
            label for="clientnummer" { (t(lang, "client-number-optional")) }
            input id="clientnummer" name="clientnummer" value=(form.clientnummer) autocomplete="off";
            label for="adres" { (t(lang, "address")) }
            input id="adres" name="adres" value=(form.adres) autocomplete="off";
            label for="bsn" { (t(lang, "bsn-nine-digits")) }
            input id="bsn" name="bsn" inputmode="numeric" pattern="[0-9]{9}" value=(form.bsn) required autocomplete="off";
            fieldset {
                legend { (t(lang, "identity-check")) }
                label for="documenttype" { (t(lang, "document-type")) }
                select id="documenttype" name="documenttype" {
                    @for d in DOCUMENT_TYPES {
                        option value=(d) selected[form.documenttype == *d] { (t(lang, &format!("document-{d}"))) }
                    }
                }
                label for="documentnummer" { (t(lang, "document-number")) }
                input id="documentnummer" name="documentnummer" value=(form.documentnummer) required autocomplete="off";
                label for="gecontroleerd" { (t(lang, "checked-on")) }
                input id="gecontroleerd" name="gecontroleerd" type="date" value=(form.gecontroleerd) required;
                label for="geldig" { (t(lang, "valid-until")) }
                input id="geldig" name="geldig" type="date" value=(form.geldig) required;
            }
            button.primary type="submit" { (t(lang, "register")) }
        }
    }
}

pub(crate) async fn register_form(
    State(s): State<AppState>,
    caller: Caller,
) -> Result<Markup, AppError> {
    let lang = caller.lang;
    Ok(page(
        &s.vault,
        &caller,
        &t(lang, "register-client"),
        register_body(lang, &caller, &RegisterForm::default(), None),
    ))
}

/// Registers a client with their name, date of birth, BSN and identity check: everything is
/// checked before anything is written, then the person, the address record and the identity
/// check are each decided and logged.
pub(crate) async fn register(
    State(s): State<AppState>,
    caller: Caller,
    Form(form): Form<RegisterForm>,
) -> Result<Response, AppError> {
    caller.check_csrf(&form.csrf)?;
    let lang = caller.lang;
    let refuse = |status: StatusCode, message: String| {
        (
            status,
            page(
                &s.vault,
                &caller,
                &t(lang, "register-client"),
                register_body(lang, &caller, &form, Some(&message)),
            ),
        )
            .into_response()
    };
    let date = |text: &str, field: &str| {
        text.trim()
            .parse::<Date>()
            .map_err(|_| field_message(lang, field))
    };
    let parsed = (|| {
        let birth = date(&form.geboortedatum, "birth_date")?;
        let checked = date(&form.gecontroleerd, "checked_on")?;
        let valid = date(&form.geldig, "valid_until")?;
        Ok::<_, String>((birth, checked, valid))
    })();
    let (birth, checked, valid) = match parsed {
        Ok(p) => p,
        Err(message) => return Ok(refuse(StatusCode::UNPROCESSABLE_ENTITY, message)),
    };
    if let Err(VaultError::Invalid { field, .. }) =
        check_identity_document(checked, &form.documenttype, &form.documentnummer, valid)
    {
        return Ok(refuse(
            StatusCode::UNPROCESSABLE_ENTITY,
            field_message(lang, field),
        ));
    }
    let client_number = Some(form.clientnummer.trim().to_owned()).filter(|n| !n.is_empty());
    let new = NewPerson {
        subject_category: "client".into(),
        bsn: Some(form.bsn.trim().to_owned()),
        facts: Some(PersonFacts {
            name: form.naam.trim().to_owned(),
            birth_date: Some(birth),
            client_number,
        }),
    };
    let actor = &caller.actor;
    let person = match s.vault.register_person(actor, &new, "inschrijving").await {
        Ok(p) => p,
        Err(VaultError::Invalid { field, .. }) => {
            return Ok(refuse(
                StatusCode::UNPROCESSABLE_ENTITY,
                field_message(lang, field),
            ));
        }
        Err(VaultError::Conflict { field, .. }) => {
            return Ok(refuse(
                StatusCode::CONFLICT,
                t(lang, &format!("conflict-{}", field.replace('_', "-"))),
            ));
        }
        Err(other) => return Err(other.into()),
    };
    if !form.adres.trim().is_empty() {
        s.vault
            .add_record(
                actor,
                &person,
                zorgkluis_core::taxonomy::IDENTIFICATION_CATEGORY,
                form.adres.trim(),
                "inschrijving",
            )
            .await?;
    }
    s.vault
        .record_identity_check(
            actor,
            &person,
            checked,
            &form.documenttype,
            &form.documentnummer,
            valid,
        )
        .await?;
    Ok(Redirect::to(&format!("/clienten/{person}")).into_response())
}
