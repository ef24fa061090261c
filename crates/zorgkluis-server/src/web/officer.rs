//! Supervision: a client's access log (who saw the file, when and why, NEN 7513) and the review
//! of emergency accesses with the reasons given, for the roles the reglement gives
//! `read_audit` and `review_emergency`.

use axum::extract::{Path, State};
use maud::{Markup, html};
use zorgkluis_core::Lang;
use zorgkluis_core::i18n::t;
use zorgkluis_store::audit::AuditEvent;
use zorgkluis_store::vault::Reason;

use super::layout::{
    action_label, category_label, exception_label, moment, outcome_label, page, person_details,
    person_name, role_name,
};
use crate::{AppError, AppState, Caller};

fn what(s: &AppState, lang: Lang, e: &AuditEvent) -> String {
    let taxonomy = &s.vault.reglement().taxonomy;
    let mut out = action_label(e.action, lang);
    if let Some(c) = &e.category {
        out.push_str(": ");
        out.push_str(&category_label(taxonomy, c, lang));
    }
    out
}

fn who(s: &AppState, lang: Lang, e: &AuditEvent) -> String {
    let taxonomy = &s.vault.reglement().taxonomy;
    format!("{} ({})", e.user_id, role_name(taxonomy, &e.role, lang))
}

fn reason(lang: Lang, r: &Reason) -> String {
    match r {
        Reason::Given(text) => text.clone(),
        Reason::Erased => t(lang, "reason-erased"),
        Reason::Unreadable => t(lang, "reason-unreadable"),
        Reason::None => t(lang, "reason-none"),
    }
}

pub(crate) async fn access_log(
    State(s): State<AppState>,
    caller: Caller,
    Path(person): Path<String>,
) -> Result<Markup, AppError> {
    let lang = caller.lang;
    let log = s.vault.access_log(&caller.actor, &person).await?;
    let title = t(lang, "access-log");
    let body = html! {
        p.sub {
            strong { (person_name(log.facts.as_ref(), lang)) }
            @let details = person_details(log.facts.as_ref(), lang);
            @if !details.is_empty() { " · " (details) }
        }
        table {
            caption { (t(lang, "access-log-caption")) }
            thead { tr {
                th scope="col" { (t(lang, "when")) } th scope="col" { (t(lang, "who")) }
                th scope="col" { (t(lang, "what")) } th scope="col" { (t(lang, "why")) }
                th scope="col" { (t(lang, "outcome")) }
            } }
            tbody {
                @for e in log.events.iter().rev() {
                    tr.emergency[e.emergency] data-outcome=(e.outcome.id()) {
                        td { (moment(&e.at, lang)) }
                        td { (who(&s, lang, e)) }
                        td { (what(&s, lang, e)) }
                        td { (e.purpose) @if e.emergency { " — " strong { (exception_label(e.action, lang)) } } }
                        td { (outcome_label(e.outcome, lang)) }
                    }
                }
            }
        }
    };
    Ok(page(&s.vault, &caller, &title, body))
}

pub(crate) async fn emergency_review(
    State(s): State<AppState>,
    caller: Caller,
) -> Result<Markup, AppError> {
    let lang = caller.lang;
    let accesses = s.vault.emergency_review(&caller.actor, 200).await?;
    let title = t(lang, "emergency-review");
    let body = html! {
        p.sub { (t(lang, "emergency-review-explained")) }
        @if accesses.is_empty() {
            p.empty { (t(lang, "emergency-none")) }
        } @else {
            table {
                thead { tr {
                    th scope="col" { (t(lang, "when")) } th scope="col" { (t(lang, "who")) }
                    th scope="col" { (t(lang, "client")) } th scope="col" { (t(lang, "what")) }
                    th scope="col" { (t(lang, "reason")) } th scope="col" { (t(lang, "outcome")) }
                } }
                tbody {
                    @for a in &accesses {
                        tr.emergency {
                            td { (moment(&a.event.at, lang)) }
                            td { (who(&s, lang, &a.event)) }
                            td {
                                @match &a.event.person_id {
                                    Some(p) => a href={ "/toezicht/clienten/" (p) "/logging" } { (person_name(a.facts.as_ref(), lang)) },
                                    None => "—",
                                }
                            }
                            td { (what(&s, lang, &a.event)) }
                            td.reason { (reason(lang, &a.reason)) }
                            td { (outcome_label(a.event.outcome, lang)) }
                        }
                    }
                }
            }
        }
    };
    Ok(page(&s.vault, &caller, &title, body))
}
