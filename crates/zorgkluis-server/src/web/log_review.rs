//! The log review (logcontrole, NEN 7513) on the web, for the roles the reglement gives
//! `read_audit` (the FG in BG wonen): the open flags by what is due (emergency accesses past
//! their term on top, then the oldest), each with whose accesses, whose file, the reason and
//! the events (to the client's access log); closing one with a note, making it an incident,
//! and running the review. A note left empty is refused on the page, with what was typed.

use axum::extract::{Path, State};
use axum::response::{IntoResponse, Redirect, Response};
use maud::{Markup, html};
use serde::Deserialize;
use zorgkluis_core::i18n::t;
use zorgkluis_core::log_review::{FlagKind, reason};
use zorgkluis_core::t;
use zorgkluis_core::time::format_date;
use zorgkluis_core::vocabulary::Duty;
use zorgkluis_store::vault::{LogReviewFlag, VaultError};

use super::layout::{moment, page, person_name, role_name};
use crate::{AppError, AppState, Caller};

pub(crate) const PATH: &str = "/toezicht/logcontrole";

/// A refusal to show on the page: the form it belongs to (a flag's id, or the run), the field
/// and what was typed.
struct FormError {
    form: String,
    field: &'static str,
    typed: String,
}

pub(crate) async fn page_get(
    State(s): State<AppState>,
    caller: Caller,
) -> Result<Markup, AppError> {
    render(&s, &caller, None).await
}

async fn render(
    s: &AppState,
    caller: &Caller,
    error: Option<FormError>,
) -> Result<Markup, AppError> {
    let lang = caller.lang;
    let taxonomy = &s.vault.reglement().taxonomy;
    let flags = s.vault.log_review_flags(&caller.actor, false).await?;
    let (open, closed): (Vec<&LogReviewFlag>, Vec<&LogReviewFlag>) =
        flags.iter().partition(|f| f.open());
    let incidents = s.vault.may(&caller.actor, Duty::ManageIncidents);
    let today = zorgkluis_core::time::dutch_date(jiff::Timestamp::now());
    let error_for = |form: &str, field: &str| -> Markup {
        html! {
            @if let Some(e) = error.as_ref().filter(|e| e.form == form && e.field == field) {
                p.error id={ "fout-" (form) } role="alert" { (t(lang, match e.field {
                    "note" => "log-review-error-note",
                    "from" => "log-review-error-from",
                    _ => "log-review-error-to",
                })) }
            }
        }
    };
    let typed = |form: &str| -> String {
        error
            .as_ref()
            .filter(|e| e.form == form)
            .map(|e| e.typed.clone())
            .unwrap_or_default()
    };
    let title = t(lang, "log-review-title");
    let body = html! {
        p.sub { (t(lang, "log-review-explained")) }
        h2 { (t!(lang, "log-review-open-count", count = open.len())) }
        @if open.is_empty() {
            p.empty { (t(lang, "log-review-none-open")) }
        }
        @for f in &open {
            @let overdue = f.kind == FlagKind::NoodtoegangNietBeoordeeld;
            section.panel.overdue[overdue] aria-labelledby={ "melding-" (f.id) } {
                h3 id={ "melding-" (f.id) } {
                    (f.kind.label(lang)) " · " (format_date(f.day, lang))
                }
                @if let Some(due) = f.due {
                    p { strong.late[due < today] { (t!(lang, "log-review-due", date = &format_date(due, lang))) } }
                }
                dl {
                    dt { (t(lang, "log-review-user")) }
                    dd { (f.user) " (" (role_name(taxonomy, &f.role, lang)) ")" }
                    dt { (t(lang, "log-review-clients")) }
                    dd {
                        @for (i, p) in f.persons.iter().enumerate() {
                            @if i > 0 { ", " }
                            a href={ "/toezicht/clienten/" (p) "/logging" } {
                                (person_name(f.facts.get(i).and_then(Option::as_ref), lang))
                            }
                        }
                    }
                    dt { (t(lang, "log-review-reason")) }
                    dd { (reason(&f.details, f.day, lang)) }
                    dt { (t(lang, "log-review-events")) }
                    dd { (t!(lang, "log-review-events-count", count = f.seqs.len())) ": "
                        (f.seqs.iter().take(12).map(|s| format!("#{s}")).collect::<Vec<_>>().join(", "))
                        @if f.seqs.len() > 12 { " …" } }
                    dt { (t(lang, "log-review-articles")) }
                    dd { (f.articles.join("; ")) }
                }
                form method="post" action={ (PATH) "/" (f.id) "/afhandelen" } {
                    input type="hidden" name="csrf" value=(caller.csrf());
                    label for={ "notitie-" (f.id) } { (t(lang, "log-review-note")) }
                    textarea id={ "notitie-" (f.id) } name="notitie" { (typed(&f.id)) }
                    (error_for(&f.id, "note"))
                    button.primary type="submit" { (t(lang, "log-review-close-button")) }
                }
                @if incidents {
                    form method="post" action={ (PATH) "/" (f.id) "/incident" } {
                        input type="hidden" name="csrf" value=(caller.csrf());
                        button type="submit" { (t(lang, "log-review-incident-button")) }
                    }
                }
            }
        }
        section.panel aria-labelledby="controle-titel" {
            h2 id="controle-titel" { (t(lang, "log-review-run")) }
            form method="post" action={ (PATH) "/uitvoeren" } {
                input type="hidden" name="csrf" value=(caller.csrf());
                label for="vanaf" { (t(lang, "log-review-from")) }
                input id="vanaf" name="vanaf" type="date" value=(typed("vanaf"));
                (error_for("vanaf", "from"))
                label for="tot" { (t(lang, "log-review-to")) }
                input id="tot" name="tot" type="date" value=(typed("tot"));
                (error_for("tot", "to"))
                button.primary type="submit" { (t(lang, "log-review-run-button")) }
            }
        }
        @if !closed.is_empty() {
            table {
                caption { (t(lang, "log-review-closed")) }
                thead { tr {
                    th scope="col" { (t(lang, "log-review-kind")) }
                    th scope="col" { (t(lang, "log-review-user")) }
                    th scope="col" { (t(lang, "log-review-closed-at")) }
                    th scope="col" { (t(lang, "log-review-outcome")) }
                } }
                tbody {
                    @for f in closed.iter().rev() {
                        tr {
                            td { (f.kind.label(lang)) " · " (format_date(f.day, lang)) }
                            td { (f.user) }
                            td { @if let Some(c) = &f.closed { (moment(&c.at, lang)) " · " (c.by) } }
                            td {
                                @if let Some(i) = &f.incident {
                                    a href="/toezicht/incidenten" { (t!(lang, "log-review-became-incident", id = i.as_str())) }
                                } @else if let Some(c) = &f.closed { (c.note) }
                            }
                        }
                    }
                }
            }
        }
    };
    Ok(page(&s.vault, caller, &title, body))
}

/// A refusal the page shows at its form; anything else goes to the error page.
async fn refused(
    s: &AppState,
    caller: &Caller,
    e: VaultError,
    form: &str,
    typed: &str,
) -> Result<Response, AppError> {
    match e {
        VaultError::Invalid { field, .. } if matches!(field, "note" | "from" | "to") => {
            let error = FormError {
                form: form.to_owned(),
                field,
                typed: typed.to_owned(),
            };
            Ok((
                axum::http::StatusCode::UNPROCESSABLE_ENTITY,
                render(s, caller, Some(error)).await?,
            )
                .into_response())
        }
        e => Err(e.into()),
    }
}

#[derive(Deserialize)]
pub(crate) struct RunForm {
    #[serde(default)]
    csrf: String,
    #[serde(default)]
    vanaf: String,
    #[serde(default)]
    tot: String,
}

/// Runs the review over the days given (today when none).
pub(crate) async fn run(
    State(s): State<AppState>,
    caller: Caller,
    axum::Form(form): axum::Form<RunForm>,
) -> Result<Response, AppError> {
    caller.check_csrf(&form.csrf)?;
    let parse = |v: &str, field: &'static str| -> Result<Option<jiff::civil::Date>, VaultError> {
        match v.trim() {
            "" => Ok(None),
            d => d.parse().map(Some).map_err(|_| VaultError::Invalid {
                field,
                message: "a date".into(),
            }),
        }
    };
    let dates = parse(&form.vanaf, "from").and_then(|from| Ok((from, parse(&form.tot, "to")?)));
    let result = match dates {
        Ok((from, to)) => s
            .vault
            .run_log_review(&caller.actor, from, to)
            .await
            .map(|_| ()),
        Err(e) => Err(e),
    };
    match result {
        Ok(()) => Ok(Redirect::to(PATH).into_response()),
        Err(e) => {
            let (form_id, typed) = match &e {
                VaultError::Invalid { field: "to", .. } => ("tot", form.tot.as_str()),
                _ => ("vanaf", form.vanaf.as_str()),
            };
            refused(&s, &caller, e, form_id, typed).await
        }
    }
}

#[derive(Deserialize)]
pub(crate) struct CloseForm {
    #[serde(default)]
    csrf: String,
    #[serde(default)]
    notitie: String,
}

/// Closes a flag with the reviewer's note.
pub(crate) async fn close(
    State(s): State<AppState>,
    caller: Caller,
    Path(id): Path<String>,
    axum::Form(form): axum::Form<CloseForm>,
) -> Result<Response, AppError> {
    caller.check_csrf(&form.csrf)?;
    match s
        .vault
        .close_log_review_flag(&caller.actor, &id, &form.notitie)
        .await
    {
        Ok(()) => Ok(Redirect::to(PATH).into_response()),
        Err(e) => refused(&s, &caller, e, &id, &form.notitie).await,
    }
}

#[derive(Deserialize)]
pub(crate) struct IncidentForm {
    #[serde(default)]
    csrf: String,
}

/// Makes a flag an incident, and goes to the incident register.
pub(crate) async fn incident(
    State(s): State<AppState>,
    caller: Caller,
    Path(id): Path<String>,
    axum::Form(form): axum::Form<IncidentForm>,
) -> Result<Response, AppError> {
    caller.check_csrf(&form.csrf)?;
    s.vault.flag_to_incident(&caller.actor, &id).await?;
    Ok(Redirect::to("/toezicht/incidenten").into_response())
}
