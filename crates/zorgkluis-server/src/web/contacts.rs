//! The do-not-contact register on the web (Aliantus: "Om bij te houden wie we wel en niet mogen
//! benaderen (register niet-benaderen)"; issue 14 parts 4 and 6), for the roles the reglement
//! gives `check_contact`: the standing entries, newest first, with the clients' names where the
//! role may read them (ended ones on request); for a client chosen from the dossier or the list,
//! the check whether they may be approached for a purpose, with its article, and the form that
//! puts them on the register; and ending an entry when the person asks to be approached again.
//!
//! Listing and checking are the duty `check_contact`; putting on and ending are a write of the
//! person's contact data, decided by the reglement as the vault's register does, and a refusal
//! is shown on the page. Bad input is shown on the page naming the field, and records nothing.

use std::collections::BTreeMap;

use axum::Form;
use axum::extract::{Path, State};
use axum::http::StatusCode;
use axum::response::{IntoResponse, Redirect, Response};
use jiff::civil::Date;
use maud::{Markup, html};
use serde::Deserialize;
use zorgkluis_core::i18n::t;
use zorgkluis_core::time::format_date;
use zorgkluis_core::vocabulary::{ContactPurpose, Duty};
use zorgkluis_core::{Lang, t};
use zorgkluis_store::vault::{ContactCheck, DoNotContact, PersonFacts, VaultError};

use super::layout::{moment, page, person_name};
use crate::api::Query;
use crate::{AppError, AppState, Caller};

pub(crate) const PATH: &str = "/toezicht/niet-benaderen";
/// What the log records the page's reads of names for.
const PURPOSE: &str = "register niet-benaderen";
/// The form's value for "anything outside the care".
const ALL: &str = "alles";

fn today() -> Date {
    zorgkluis_core::time::dutch_date(jiff::Timestamp::now())
}

/// The register's page for a client (`?client=ID`), as the dossier and the list link to it.
pub(crate) fn client_path(person: &str) -> String {
    format!("{PATH}?client={person}")
}

fn purpose_label(purpose: Option<ContactPurpose>, lang: Lang) -> String {
    purpose.map_or_else(|| t(lang, "contacts-all"), |p| p.label(lang).to_owned())
}

/// An error beside the form, naming the field as the store does.
struct FieldError {
    field: &'static str,
    message: String,
}

fn field_error(field: &'static str, message: impl Into<String>) -> FieldError {
    FieldError {
        field,
        message: message.into(),
    }
}

fn error_html(e: &FieldError, lang: Lang) -> Markup {
    let key = match e.field {
        "person" => "contacts-error-person",
        "purpose" => "contacts-error-purpose",
        "asked_on" => "contacts-error-asked-on",
        _ => "contacts-error-entry",
    };
    html! {
        p.error id={ "fout-" (e.field) } role="alert" {
            (t(lang, key)) " (" (e.field) ": " (e.message) ") " (t(lang, "contacts-nothing-recorded"))
        }
    }
}

#[derive(Deserialize, Default)]
pub(crate) struct PageQuery {
    /// `ja`: also the ended entries.
    #[serde(default)]
    beeindigd: String,
    /// The client chosen (from the dossier or the list).
    #[serde(default)]
    client: String,
    /// A purpose to check the client for.
    #[serde(default)]
    doel: String,
}

/// What the put-on form was filled in with, to show again with an error.
#[derive(Deserialize, Default)]
pub(crate) struct BlockForm {
    #[serde(default)]
    csrf: String,
    #[serde(default)]
    persoon: String,
    #[serde(default)]
    doel: String,
    #[serde(default)]
    gevraagd_op: String,
}

/// The client the page is about: their name where the role may read it (logged).
struct Chosen {
    id: String,
    facts: Option<PersonFacts>,
}

/// What the page shows beside the register.
#[derive(Default)]
struct Extra<'a> {
    chosen: Option<Chosen>,
    check: Option<ContactCheck>,
    typed: Option<&'a BlockForm>,
    error: Option<FieldError>,
    refusal: Option<String>,
}

fn person_cell(names: &BTreeMap<String, PersonFacts>, id: &str, lang: Lang) -> Markup {
    html! {
        a href=(client_path(id)) {
            @match names.get(id) {
                Some(f) => { (person_name(Some(f), lang)) }
                None => { (t(lang, "retention-client-id")) " " code { (id) } }
            }
        }
    }
}

fn register_table(
    caller: &Caller,
    entries: &[DoNotContact],
    names: &BTreeMap<String, PersonFacts>,
) -> Markup {
    let lang = caller.lang;
    html! {
        table id="register" {
            caption.sub { (t(lang, "contacts-caption")) }
            thead { tr {
                th scope="col" { (t(lang, "client")) }
                th scope="col" { (t(lang, "client-number")) }
                th scope="col" { (t(lang, "contacts-col-purpose")) }
                th scope="col" { (t(lang, "contacts-col-asked-on")) }
                th scope="col" { (t(lang, "contacts-col-recorded-by")) }
                th scope="col" { (t(lang, "contacts-col-state")) }
            } }
            tbody {
                @for e in entries {
                    tr data-entry=(e.id) data-person=(e.person_id) {
                        td { (person_cell(names, &e.person_id, lang)) }
                        td { (names.get(&e.person_id).and_then(|f| f.client_number.as_deref()).unwrap_or("—")) }
                        td { (purpose_label(e.purpose, lang)) }
                        td { (format_date(e.asked_on, lang)) }
                        td { (e.recorded_by) br; span.meta { (moment(&e.recorded_at, lang)) } }
                        td {
                            @if let Some(at) = &e.ended_at {
                                (t!(lang, "contacts-ended-on", moment = &moment(at, lang), by = e.ended_by.as_deref().unwrap_or("—")))
                            } @else {
                                strong { (t(lang, "contacts-standing")) }
                                form.inline method="post" action={ (PATH) "/" (e.id) "/beeindigen" } {
                                    input type="hidden" name="csrf" value=(caller.csrf());
                                    button type="submit" { (t(lang, "contacts-end")) }
                                }
                            }
                        }
                    }
                }
            }
        }
    }
}

fn check_answer(c: &ContactCheck, who: &str, lang: Lang) -> Markup {
    let purpose = c.purpose.label(lang);
    html! {
        div.notice role="status" data-allowed=(if c.allowed { "true" } else { "false" }) {
            @if c.allowed {
                strong { (t(lang, "contacts-check-yes")) } " "
                (t!(lang, "contacts-check-yes-detail", name = who, purpose = purpose))
            } @else {
                strong { (t(lang, "contacts-check-no")) } " "
                (t!(lang, "contacts-check-no-detail", name = who, purpose = purpose, since = &c.asked_on.map(|d| format_date(d, lang)).unwrap_or_default()))
            }
            " (" (c.articles.join("; ")) ")"
        }
    }
}

fn purpose_options(selected: &str, with_all: bool, lang: Lang) -> Markup {
    html! {
        @if with_all {
            option value=(ALL) selected[selected == ALL] { (t(lang, "contacts-all")) }
        }
        @for p in ContactPurpose::ALL {
            option value=(p.id()) selected[selected == p.id()] { (p.label(lang)) }
        }
    }
}

/// The check and the put-on form for the chosen client.
fn client_panel(caller: &Caller, chosen: &Chosen, extra: &Extra<'_>, lang: Lang) -> Markup {
    let who = person_name(chosen.facts.as_ref(), lang);
    let typed = extra.typed;
    let chosen_purpose = extra
        .check
        .as_ref()
        .map(|c| c.purpose.id().to_owned())
        .unwrap_or_default();
    let asked = typed
        .map(|f| f.gevraagd_op.clone())
        .filter(|d| !d.trim().is_empty())
        .unwrap_or_else(|| today().to_string());
    html! {
        section.panel aria-labelledby="client-titel" data-person=(chosen.id) {
            h2 id="client-titel" { (who) }
            @if let Some(n) = chosen.facts.as_ref().and_then(|f| f.client_number.as_deref()) {
                p.sub { (t!(lang, "client-number-is", number = n)) }
            }
            @if let Some(c) = &extra.check { (check_answer(c, &who, lang)) }
            form method="get" action=(PATH) {
                input type="hidden" name="client" value=(chosen.id);
                label for="nagaan-doel" { (t(lang, "contacts-check-purpose")) }
                select id="nagaan-doel" name="doel" {
                    (purpose_options(&chosen_purpose, false, lang))
                }
                button.primary type="submit" { (t(lang, "contacts-check-button")) }
            }
            h3 { (t(lang, "contacts-block-title")) }
            p.sub { (t(lang, "contacts-block-explained")) }
            form method="post" action=(PATH) {
                input type="hidden" name="csrf" value=(caller.csrf());
                input type="hidden" name="persoon" value=(chosen.id);
                label for="blok-doel" { (t(lang, "contacts-block-purpose")) }
                select id="blok-doel" name="doel" {
                    (purpose_options(typed.map_or(ALL, |f| f.doel.as_str()), true, lang))
                }
                label for="blok-gevraagd" { (t(lang, "contacts-block-asked-on")) }
                input type="date" id="blok-gevraagd" name="gevraagd_op" value=(asked) max=(today().to_string()) required;
                button.primary type="submit" { (t(lang, "contacts-block-button")) }
            }
        }
    }
}

async fn render(
    s: &AppState,
    caller: &Caller,
    ended: bool,
    extra: Extra<'_>,
) -> Result<Markup, AppError> {
    let lang = caller.lang;
    let entries = s
        .vault
        .do_not_contact_register(&caller.actor, ended)
        .await?;
    let persons: Vec<String> = entries.iter().map(|e| e.person_id.clone()).collect();
    let names = s.vault.names_of(&caller.actor, &persons, PURPOSE).await?;
    let searches = s.vault.may(&caller.actor, Duty::SearchPersons);
    let body = html! {
        p.sub { (t(lang, "contacts-explained")) }
        @if let Some(r) = &extra.refusal { p.error role="alert" { (r) } }
        @if let Some(e) = &extra.error { (error_html(e, lang)) }
        @if let Some(chosen) = &extra.chosen {
            (client_panel(caller, chosen, &extra, lang))
        } @else {
            p.notice {
                (t(lang, "contacts-choose-client")) " "
                @if searches { a href="/clienten/zoeken" { (t(lang, "search-clients")) } }
            }
        }
        section aria-labelledby="register-titel" {
            h2 id="register-titel" { (t(lang, "contacts-register")) }
            p {
                @if ended {
                    a href=(PATH) { (t(lang, "contacts-only-standing")) }
                } @else {
                    a href={ (PATH) "?beeindigd=ja" } { (t(lang, "contacts-with-ended")) }
                }
            }
            @if entries.is_empty() {
                p.empty { (t(lang, "contacts-none")) }
            } @else {
                (register_table(caller, &entries, &names))
            }
        }
    };
    Ok(page(&s.vault, caller, &t(lang, "contacts-title"), body))
}

/// The chosen client: known (else an error naming the field), with the name where the role
/// may read it.
async fn chosen(s: &AppState, caller: &Caller, id: &str) -> Result<Chosen, FieldError> {
    let id = id.trim();
    if id.is_empty() {
        return Err(field_error("person", "no client chosen"));
    }
    match s.vault.check_person_known(id).await {
        Ok(()) => {}
        Err(VaultError::NotFound(_)) => {
            return Err(field_error(
                "person",
                format!("no person {id} is registered"),
            ));
        }
        Err(e) => return Err(field_error("person", e.to_string())),
    }
    let facts = s
        .vault
        .facts_for_page(&caller.actor, id, PURPOSE)
        .await
        .map_err(|e| field_error("person", e.to_string()))?;
    Ok(Chosen {
        id: id.to_owned(),
        facts,
    })
}

fn purpose_of(value: &str) -> Result<ContactPurpose, FieldError> {
    ContactPurpose::from_id(value.trim()).ok_or_else(|| {
        field_error(
            "purpose",
            format!("`{value}`: one of {}", ContactPurpose::ids().join(", ")),
        )
    })
}

/// The register, and for a chosen client the check (`?client=ID&doel=PURPOSE`).
pub(crate) async fn register(
    State(s): State<AppState>,
    caller: Caller,
    Query(q): Query<PageQuery>,
) -> Result<Response, AppError> {
    // Whoever may not see the register is refused before any client is looked at.
    if !s.vault.may(&caller.actor, Duty::CheckContact) {
        s.vault
            .do_not_contact_register(&caller.actor, false)
            .await?;
    }
    let ended = q.beeindigd == "ja";
    let mut extra = Extra::default();
    let wants_check = !q.doel.trim().is_empty();
    if !q.client.trim().is_empty() || wants_check {
        match chosen(&s, &caller, &q.client).await {
            Ok(c) => extra.chosen = Some(c),
            Err(e) => extra.error = Some(e),
        }
    }
    if wants_check && let Some(c) = &extra.chosen {
        match purpose_of(&q.doel) {
            Ok(purpose) => {
                extra.check = Some(s.vault.contact_check(&caller.actor, &c.id, purpose).await?);
            }
            Err(e) => extra.error = Some(e),
        }
    }
    let status = if extra.error.is_some() {
        StatusCode::UNPROCESSABLE_ENTITY
    } else {
        StatusCode::OK
    };
    let markup = render(&s, &caller, ended, extra).await?;
    Ok((status, markup).into_response())
}

/// Puts the chosen client on the register; bad input or a refusal is shown on the page.
pub(crate) async fn block(
    State(s): State<AppState>,
    caller: Caller,
    Form(form): Form<BlockForm>,
) -> Result<Response, AppError> {
    caller.check_csrf(&form.csrf)?;
    if !s.vault.may(&caller.actor, Duty::CheckContact) {
        s.vault
            .do_not_contact_register(&caller.actor, false)
            .await?;
    }
    let mut extra = Extra {
        typed: Some(&form),
        ..Extra::default()
    };
    let person = match chosen(&s, &caller, &form.persoon).await {
        Ok(c) => Some(c),
        Err(e) => {
            extra.error = Some(e);
            None
        }
    };
    let purpose = match form.doel.trim() {
        ALL => Ok(None),
        p => purpose_of(p).map(Some),
    };
    let asked_on = match form.gevraagd_op.trim() {
        "" => Ok(today()),
        d => d
            .parse::<Date>()
            .map_err(|_| field_error("asked_on", format!("`{d}`: a date, YYYY-MM-DD"))),
    };
    let mut status = StatusCode::UNPROCESSABLE_ENTITY;
    match (&person, purpose, asked_on) {
        (Some(c), Ok(purpose), Ok(asked_on)) => {
            match s
                .vault
                .block_contact(&caller.actor, &c.id, purpose, asked_on)
                .await
            {
                Ok(_) => return Ok(Redirect::to(&client_path(&c.id)).into_response()),
                Err(VaultError::Invalid { field, message })
                | Err(VaultError::Conflict { field, message }) => {
                    extra.error = Some(field_error(field, message));
                }
                Err(VaultError::Denied(d)) => {
                    extra.refusal = Some(d.explain(caller.lang));
                    status = StatusCode::FORBIDDEN;
                }
                Err(e) => return Err(e.into()),
            }
        }
        (_, Err(e), _) | (_, _, Err(e)) if extra.error.is_none() => extra.error = Some(e),
        _ => {}
    }
    extra.chosen = person;
    let markup = render(&s, &caller, false, extra).await?;
    Ok((status, markup).into_response())
}

#[derive(Deserialize)]
pub(crate) struct EndForm {
    #[serde(default)]
    csrf: String,
}

/// Ends an entry: the person asked to be approached again. A refusal is shown on the page.
pub(crate) async fn end(
    State(s): State<AppState>,
    caller: Caller,
    Path(id): Path<String>,
    Form(form): Form<EndForm>,
) -> Result<Response, AppError> {
    caller.check_csrf(&form.csrf)?;
    if !s.vault.may(&caller.actor, Duty::CheckContact) {
        s.vault
            .do_not_contact_register(&caller.actor, false)
            .await?;
    }
    let mut extra = Extra::default();
    let status = match s.vault.unblock_contact(&caller.actor, &id).await {
        Ok(()) => return Ok(Redirect::to(PATH).into_response()),
        Err(VaultError::Conflict { field, message }) => {
            extra.error = Some(field_error(field, message));
            StatusCode::CONFLICT
        }
        Err(VaultError::Denied(d)) => {
            extra.refusal = Some(d.explain(caller.lang));
            StatusCode::FORBIDDEN
        }
        Err(e) => return Err(e.into()),
    };
    let markup = render(&s, &caller, false, extra).await?;
    Ok((status, markup).into_response())
}
