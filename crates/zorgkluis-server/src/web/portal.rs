//! The clients' portal (issue 12 part 5): a client, or a representative, logs in with the
//! portal account the organisation issued, files a request for himself or for a person he
//! represents on the day, and follows it: its status, its deadlines, the steps taken in plain
//! words, and the letters the organisation sent. Every read goes through the vault as the
//! portal account (its own duty, limited there to its own requests); a portal session never
//! reaches a staff page, and a request that is not the holder's is not found.

use axum::Form;
use axum::extract::{Path, Query, State};
use axum::http::StatusCode;
use axum::response::{IntoResponse, Redirect, Response};
use maud::{Markup, html};
use serde::Deserialize;
use zorgkluis_core::Lang;
use zorgkluis_core::i18n::t;
use zorgkluis_core::t;
use zorgkluis_core::time::format_date;
use zorgkluis_core::vocabulary::{RequestStatus, RequestType};
use zorgkluis_store::audit::{AuditAction, Outcome};
use zorgkluis_store::vault::{PortalFiling, RequestDetails, RequestView};

use super::layout::{bare_page, person_name, portal_page};
use super::requests::days_left;
use crate::{AppError, AppState, Caller};

/// The portal's home: my requests and those of the persons I represent.
pub(crate) const PATH: &str = "/portaal";
/// Filing a request.
pub(crate) const FILE_PATH: &str = "/portaal/verzoek";

/// Whether `path` is one of the portal's pages.
pub(crate) fn is_portal_path(path: &str) -> bool {
    path == PATH || path.starts_with("/portaal/")
}

fn today() -> jiff::civil::Date {
    zorgkluis_core::time::dutch_date(jiff::Timestamp::now())
}

/// The portal's home: every request where the holder is the subject or the requester, the
/// first due on top, each with what it is, for whom, its state and its deadline.
pub(crate) async fn home(State(s): State<AppState>, caller: Caller) -> Result<Markup, AppError> {
    let lang = caller.lang;
    let items = s.vault.portal_requests(&caller.actor).await?;
    let today = today();
    let title = t(lang, "portal-title");
    let body = html! {
        p.sub { (t(lang, "portal-explained")) }
        p { a.button href=(FILE_PATH) { (t(lang, "portal-file-link")) } }
        @if items.is_empty() {
            p.empty { (t(lang, "portal-none")) }
        } @else {
            table {
                caption { (t(lang, "portal-my-requests")) }
                thead { tr {
                    th scope="col" { (t(lang, "requests-type")) }
                    th scope="col" { (t(lang, "portal-for")) }
                    th scope="col" { (t(lang, "requests-received")) }
                    th scope="col" { (t(lang, "requests-status")) }
                    th scope="col" { (t(lang, "requests-due")) }
                } }
                tbody {
                    @for item in &items {
                        @let r = &item.summary;
                        tr {
                            td { a href={ "/portaal/verzoeken/" (r.id) } { (r.request_type.label(lang)) } }
                            td { @if item.own { (t(lang, "portal-yourself")) } @else { (person_name(item.subject.as_ref(), lang)) } }
                            td { (format_date(r.received, lang)) }
                            td { (r.status.label(lang)) }
                            td {
                                @if let Some(due) = r.due {
                                    (format_date(due, lang)) " (" (days_left(due, today, lang)) ")"
                                } @else { "—" }
                            }
                        }
                    }
                }
            }
        }
    };
    Ok(portal_page(&caller, &title, body))
}

/// The types a client files through the portal, in the taxonomy's order.
fn types() -> &'static [RequestType] {
    RequestType::ALL
}

/// The filing form: the type, for whom (myself, or a person I represent today), what I ask.
pub(crate) async fn file_form(
    State(s): State<AppState>,
    caller: Caller,
) -> Result<Markup, AppError> {
    filing_page(&s, &caller, &FileForm::default(), None).await
}

/// The form, with what was entered and, after a refusal, its message above the form.
async fn filing_page(
    s: &AppState,
    caller: &Caller,
    entered: &FileForm,
    error: Option<&str>,
) -> Result<Markup, AppError> {
    let lang = caller.lang;
    let represented = s.vault.portal_represented(&caller.actor, today()).await?;
    let title = t(lang, "portal-file-title");
    let body = html! {
        p.sub { (t(lang, "portal-file-explained")) }
        @if let Some(e) = error { p.error role="alert" { (e) } }
        form method="post" action=(FILE_PATH) {
            input type="hidden" name="csrf" value=(caller.csrf());
            label for="soort" { (t(lang, "portal-file-type")) }
            select id="soort" name="soort" required {
                @for ty in types() {
                    option value=(ty.id()) selected[entered.soort == ty.id()] { (ty.label(lang)) }
                }
            }
            label for="voor" { (t(lang, "portal-file-for")) }
            select id="voor" name="voor" {
                option value="" { (t(lang, "portal-yourself")) }
                @for (link, facts) in &represented {
                    option value=(link.subject) selected[entered.voor == link.subject] { (person_name(facts.as_ref(), lang)) " (" (link.ground.label(lang)) ")" }
                }
            }
            label for="toelichting" { (t(lang, "portal-file-asked")) }
            textarea id="toelichting" name="toelichting" { (entered.toelichting) }
            button.primary type="submit" { (t(lang, "portal-file-button")) }
        }
        p { a href=(PATH) { (t(lang, "portal-back")) } }
    };
    Ok(portal_page(caller, &title, body))
}

#[derive(Deserialize, Default)]
pub(crate) struct FileForm {
    #[serde(default)]
    csrf: String,
    #[serde(default)]
    soort: String,
    #[serde(default)]
    voor: String,
    #[serde(default)]
    toelichting: String,
}

/// Files the request through the vault as the portal account (channel `portaal`, received
/// today); on to its page. Bad input answers 422 with the form again, what was entered kept
/// and the refusal above it (naming what to change); nothing is filed.
pub(crate) async fn file(
    State(s): State<AppState>,
    caller: Caller,
    Form(form): Form<FileForm>,
) -> Result<Response, AppError> {
    caller.check_csrf(&form.csrf)?;
    let Some(request) = RequestType::from_id(form.soort.trim()) else {
        return refused(
            &s,
            &caller,
            &form,
            &t(caller.lang, "portal-file-error-type"),
        )
        .await;
    };
    let asked = form.toelichting.trim();
    if asked.chars().count() > 4000 {
        return refused(
            &s,
            &caller,
            &form,
            &t(caller.lang, "portal-file-error-long"),
        )
        .await;
    }
    let voor = form.voor.trim();
    let filing = PortalFiling {
        request,
        subject: (!voor.is_empty()).then(|| voor.to_owned()),
        details: RequestDetails {
            changes: (!asked.is_empty()).then(|| asked.to_owned()),
            ..RequestDetails::default()
        },
    };
    match s
        .vault
        .portal_file(&caller.actor, &filing, caller.lang)
        .await
    {
        Ok(filed) => Ok(Redirect::to(&format!("/portaal/verzoeken/{}", filed.id)).into_response()),
        // The vault's refusal in the client's language (who may file, for whom): the form
        // again with it.
        Err(zorgkluis_store::vault::VaultError::Invalid { message, .. }) => {
            refused(&s, &caller, &form, &message).await
        }
        Err(other) => Err(other.into()),
    }
}

/// The filing form again, answered 422, with the refusal above it.
async fn refused(
    s: &AppState,
    caller: &Caller,
    form: &FileForm,
    message: &str,
) -> Result<Response, AppError> {
    let page = filing_page(s, caller, form, Some(message)).await?;
    Ok((StatusCode::UNPROCESSABLE_ENTITY, page).into_response())
}

/// A step of the request's history in plain words, or `None` for what the client need not
/// see (reads, the handler's internal steps).
fn step_words(step: &str, lang: Lang) -> Option<String> {
    let key = match step.strip_prefix("verzoek-")? {
        "ingediend" => "portal-step-filed",
        "identiteit-vastgesteld" => "portal-step-identity",
        "in-behandeling" => "portal-step-in-progress",
        "verlengd" => "portal-step-extended",
        "besloten" => "portal-step-decided",
        "uitgevoerd" => "portal-step-executed",
        "ingetrokken" => "portal-step-withdrawn",
        _ => return None,
    };
    Some(t(lang, key))
}

/// What the status means for the client.
fn status_words(status: RequestStatus, lang: Lang) -> String {
    t(
        lang,
        match status {
            RequestStatus::Ontvangen => "portal-status-received",
            RequestStatus::IdentiteitVastgesteld => "portal-status-identity",
            RequestStatus::InBehandeling => "portal-status-in-progress",
            RequestStatus::Besloten => "portal-status-decided",
            RequestStatus::Uitgevoerd => "portal-status-executed",
            RequestStatus::Ingetrokken => "portal-status-withdrawn",
        },
    )
}

fn request_body(r: &RequestView, lang: Lang) -> Markup {
    let today = today();
    html! {
        p.sub {
            (t!(lang, "request-received-on", date = &format_date(r.received, lang)))
            " · " (r.channel.label(lang))
        }
        section.panel aria-labelledby="stand" {
            h2 id="stand" { (t(lang, "portal-status")) }
            p { strong { (r.status.label(lang)) } ": " (status_words(r.status, lang)) }
            @if r.identity_required && r.identity_on.is_none() {
                p { (t(lang, "portal-identity-needed")) }
            }
        }
        section.panel aria-labelledby="termijnen" {
            h2 id="termijnen" { (t(lang, "request-deadlines")) }
            ul {
                li {
                    (t!(lang, "request-respond-by", date = &format_date(r.respond_by, lang)))
                    @if r.decision.is_none() && !matches!(r.status, RequestStatus::Uitgevoerd | RequestStatus::Ingetrokken) {
                        " (" (days_left(r.respond_by, today, lang)) ")"
                    }
                }
                @if let Some(x) = &r.extension {
                    li { (t!(lang, "portal-extended", date = &format_date(x.told, lang)))
                        @if let Some(until) = r.extendable_to { " " (t!(lang, "portal-extended-until", date = &format_date(until, lang))) } }
                }
                @if let Some(e) = r.execute_by { li { (t!(lang, "request-execute-by", date = &format_date(e, lang))) } }
                @if let Some(e) = r.erase_by { li { (t!(lang, "request-erase-by", date = &format_date(e, lang))) } }
            }
        }
        @if let Some(d) = &r.decision {
            section.panel aria-labelledby="besluit" {
                h2 id="besluit" { (t(lang, "request-decision")) }
                p { strong { (d.outcome.label(lang)) } " · " (format_date(d.decided_on, lang)) }
                @for g in &d.grounds { p { (g.text) } }
            }
        }
        section.panel aria-labelledby="geschiedenis" {
            h2 id="geschiedenis" { (t(lang, "portal-history")) }
            ol {
                @for e in r.timeline.iter().filter(|e| e.action != AuditAction::RequestRead && e.outcome == Outcome::Allowed) {
                    @if let Some(words) = step_words(&e.step, lang) {
                        li { (super::layout::moment(&e.at, lang)) ": " (words) }
                    }
                }
            }
        }
        section.panel aria-labelledby="brieven" {
            h2 id="brieven" { (t(lang, "letters")) }
            ul {
                @for (kind, label) in super::letters::available(r) {
                    li { a href={ "/portaal/verzoeken/" (r.id) "/brief?soort=" (kind) } { (t(lang, label)) } }
                }
            }
        }
        p { a href=(PATH) { (t(lang, "portal-back")) } }
    }
}

/// One of my requests: its status, deadlines, history and letters. Another's is not found.
pub(crate) async fn request_page(
    State(s): State<AppState>,
    caller: Caller,
    Path(id): Path<String>,
) -> Result<Markup, AppError> {
    let lang = caller.lang;
    let r = s.vault.request(&caller.actor, &id).await?;
    let title = t!(lang, "request-title", kind = r.request_type.label(lang));
    Ok(portal_page(&caller, &title, request_body(&r, lang)))
}

/// A letter the organisation sent about one of my requests.
pub(crate) async fn letter(
    State(s): State<AppState>,
    caller: Caller,
    Path(id): Path<String>,
    Query(q): Query<super::letters::LetterQuery>,
) -> Result<Markup, AppError> {
    let lang = caller.lang;
    let r = s.vault.request(&caller.actor, &id).await?;
    let title = t(lang, "letter-page-title");
    Ok(bare_page(
        lang,
        &title,
        super::letters::body(&s, &r, q.soort, lang)?,
    ))
}
