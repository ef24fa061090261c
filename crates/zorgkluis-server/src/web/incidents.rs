//! The register of incidents and data breaches on the web, for the roles the reglement gives
//! `manage_incidents` (the FG in BG wonen): the incidents still waiting for the AP on top, by
//! the hours left of the 72 (art. 33 lid 1 AVG), then the rest by discovery.

use axum::extract::State;
use jiff::Timestamp;
use maud::{Markup, html};
use zorgkluis_core::Lang;
use zorgkluis_core::i18n::t;
use zorgkluis_core::t;
use zorgkluis_core::time::format_moment;
use zorgkluis_store::vault::Incident;

use super::layout::page;
use crate::{AppError, AppState, Caller};

/// "nog 39 uur", "8 uur over de termijn", or what was decided.
pub(crate) fn state(i: &Incident, now: Timestamp, lang: Lang) -> String {
    if i.open() {
        let left = i.clock.hours_left(now);
        if left >= 0 {
            t!(lang, "incidents-hours-left", hours = left)
        } else {
            t!(lang, "incidents-hours-late", hours = -left)
        }
    } else if i.notification.notify_ap == Some(false) {
        t(lang, "incidents-not-notified")
    } else {
        t(lang, "incidents-notified")
    }
}

/// The number of persons affected: exact, a range, or a bound.
fn persons(i: &Incident) -> String {
    match (i.facts.persons_min, i.facts.persons_max) {
        (Some(a), Some(b)) if a == b => a.to_string(),
        (Some(a), Some(b)) => format!("{a}–{b}"),
        (Some(a), None) => format!("≥ {a}"),
        (None, Some(b)) => format!("≤ {b}"),
        (None, None) => "—".to_owned(),
    }
}

/// The register, what is due first: open incidents by their deadline, then the rest.
pub(crate) fn by_urgency(mut all: Vec<Incident>) -> Vec<Incident> {
    all.sort_by_key(|i| (!i.open(), i.open().then(|| i.clock.deadline())));
    all
}

pub(crate) async fn register(
    State(s): State<AppState>,
    caller: Caller,
) -> Result<Markup, AppError> {
    let lang = caller.lang;
    let now = Timestamp::now();
    let all = by_urgency(s.vault.incidents(&caller.actor).await?);
    let title = t(lang, "incidents-register");
    let body = html! {
        p.sub { (t(lang, "incidents-explained")) }
        @if all.is_empty() {
            p.empty { (t(lang, "incidents-none")) }
        } @else {
            table {
                thead { tr {
                    th scope="col" { (t(lang, "incidents-ap")) }
                    th scope="col" { (t(lang, "incidents-discovered")) }
                    th scope="col" { (t(lang, "incidents-what")) }
                    th scope="col" { (t(lang, "incidents-persons")) }
                    th scope="col" { (t(lang, "incidents-risk")) }
                } }
                tbody {
                    @for i in &all {
                        tr.overdue[i.open() && i.clock.hours_left(now) < 0] {
                            td {
                                strong { (state(i, now, lang)) }
                                br;
                                (t!(lang, "incidents-by", moment = &format_moment(i.clock.deadline(), lang)))
                            }
                            td { (i.facts.discovered.map(|d| format_moment(d, lang)).unwrap_or_default()) }
                            td { (i.facts.description) }
                            td { (persons(i)) }
                            td { (i.facts.risk.map(|r| r.label(lang).to_owned()).unwrap_or_else(|| t(lang, "incidents-risk-open"))) }
                        }
                    }
                }
            }
        }
    };
    Ok(page(&s.vault, &caller, &title, body))
}
