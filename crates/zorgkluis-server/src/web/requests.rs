//! The work queue of data subject requests, for the roles the reglement gives
//! `handle_requests`: the open requests by what is due, overdue ones on top, each with the
//! client's name, the kind of request, when it came in, the deadline that runs and the calendar
//! days left to it (the AVG's month and the seeds' weeks are calendar periods).

use axum::extract::State;
use jiff::civil::Date;
use maud::{Markup, html};
use zorgkluis_core::Lang;
use zorgkluis_core::i18n::t;
use zorgkluis_core::t;
use zorgkluis_core::time::format_date;

use super::layout::{page, person_name};
use crate::{AppError, AppState, Caller};

/// "nog 5 dagen", "vandaag", "3 dagen te laat".
pub(crate) fn days_left(due: Date, today: Date, lang: Lang) -> String {
    let days = (due - today).get_days();
    match days {
        0 => t(lang, "requests-due-today"),
        d if d > 0 => t!(lang, "requests-days-left", days = d),
        d => t!(lang, "requests-days-late", days = -d),
    }
}

pub(crate) async fn queue(State(s): State<AppState>, caller: Caller) -> Result<Markup, AppError> {
    let lang = caller.lang;
    let queue = s.vault.request_queue(&caller.actor).await?;
    let today = zorgkluis_core::time::dutch_date(jiff::Timestamp::now());
    let title = t(lang, "requests-queue");
    let body = html! {
        p.sub { (t(lang, "requests-queue-explained")) }
        @if queue.is_empty() {
            p.empty { (t(lang, "requests-none")) }
        } @else {
            table {
                caption { (t!(lang, "requests-open-count", count = queue.len() as i64)) }
                thead { tr {
                    th scope="col" { (t(lang, "requests-due")) }
                    th scope="col" { (t(lang, "client")) }
                    th scope="col" { (t(lang, "requests-type")) }
                    th scope="col" { (t(lang, "requests-received")) }
                    th scope="col" { (t(lang, "requests-channel")) }
                    th scope="col" { (t(lang, "requests-status")) }
                } }
                tbody {
                    @for (r, facts) in &queue {
                        tr.overdue[r.overdue] {
                            td {
                                @if let Some(due) = r.due {
                                    strong { (days_left(due, today, lang)) }
                                    br;
                                    (format_date(due, lang))
                                } @else { "—" }
                            }
                            td { (person_name(facts.as_ref(), lang)) }
                            td { (r.request_type.label(lang)) }
                            td { (format_date(r.received, lang)) }
                            td { (r.channel.label(lang)) }
                            td { (r.status.label(lang)) }
                        }
                    }
                }
            }
        }
    };
    Ok(page(&s.vault, &caller, &title, body))
}
