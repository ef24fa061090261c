//! The register of incidents and data breaches on the web, for the roles the reglement gives
//! `manage_incidents` (the FG in BG wonen): the incidents still waiting for the AP on top, by
//! the hours left of the 72 (art. 33 lid 1 AVG), then the rest by discovery.

use axum::extract::{Path, State};
use axum::response::{IntoResponse, Redirect, Response};
use jiff::Timestamp;
use maud::{Markup, html};
use serde::Deserialize;
use zorgkluis_core::Lang;
use zorgkluis_core::i18n::t;
use zorgkluis_core::incident::IncidentFacts;
use zorgkluis_core::t;
use zorgkluis_core::time::format_moment;
use zorgkluis_core::time::parse_moment;
use zorgkluis_core::vocabulary::BreachNature;
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

/// Which incidents the register shows: all (without it), those still waiting for the AP, or
/// those decided (notified, or decided not to be).
#[derive(Deserialize, Default)]
pub(crate) struct Filter {
    #[serde(default)]
    toon: String,
}

impl Filter {
    fn keeps(&self, i: &Incident) -> bool {
        match self.toon.as_str() {
            "open" => i.open(),
            "afgehandeld" => !i.open(),
            _ => true,
        }
    }
}

pub(crate) async fn register(
    State(s): State<AppState>,
    caller: Caller,
    crate::api::Query(filter): crate::api::Query<Filter>,
) -> Result<Markup, AppError> {
    if !matches!(filter.toon.as_str(), "" | "alle" | "open" | "afgehandeld") {
        return Err(AppError::invalid("toon", "open, afgehandeld or alle"));
    }
    let lang = caller.lang;
    let now = Timestamp::now();
    let every = by_urgency(s.vault.incidents(&caller.actor).await?);
    // The forms to notify the AP are the work still to do: beside the open ones only.
    let open_ones: Vec<&Incident> = every
        .iter()
        .filter(|i| i.open() && filter.toon != "afgehandeld")
        .collect();
    let all: Vec<&Incident> = every.iter().filter(|i| filter.keeps(i)).collect();
    let title = t(lang, "incidents-register");
    let body = html! {
        p.sub { (t(lang, "incidents-explained")) }
        p {
            a href=(super::downloads::register_path(zorgkluis_store::vault::Register::Incidenten, false)) download { (t(lang, "register-download-xlsx")) } " · "
            a href=(super::downloads::register_path(zorgkluis_store::vault::Register::Incidenten, true)) download { (t(lang, "register-download-csv")) }
        }
        form.filters method="get" action="/toezicht/incidenten" {
            label for="f-toon" { (t(lang, "incidents-show")) }
            select id="f-toon" name="toon" {
                option value="alle" selected[!matches!(filter.toon.as_str(), "open" | "afgehandeld")] { (t(lang, "incidents-show-all")) }
                option value="open" selected[filter.toon == "open"] { (t(lang, "incidents-show-open")) }
                option value="afgehandeld" selected[filter.toon == "afgehandeld"] { (t(lang, "incidents-show-decided")) }
            }
            " "
            button type="submit" { (t(lang, "incidents-filter-button")) }
        }
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
                    @for i in all.iter().copied() {
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
        @for i in open_ones.iter().copied() {
            section.panel aria-labelledby={ "melding-" (i.id) } {
                h2 id={ "melding-" (i.id) } { (t(lang, "incidents-notify")) ": " (i.facts.description) }
                form method="post" action={ "/toezicht/incidenten/" (i.id) "/melding" } {
                    input type="hidden" name="csrf" value=(caller.csrf());
                    label for={ "op-" (i.id) } { (t(lang, "incidents-notified-at")) }
                    input id={ "op-" (i.id) } name="op" type="datetime-local" required;
                    label for={ "nummer-" (i.id) } { (t(lang, "incidents-reference")) }
                    input id={ "nummer-" (i.id) } name="meldnummer";
                    label for={ "laat-" (i.id) } { (t(lang, "incidents-late-reason")) }
                    textarea id={ "laat-" (i.id) } name="reden_laat" {}
                    button.primary type="submit" { (t(lang, "incidents-notify-button")) }
                }
            }
        }
        section.panel aria-labelledby="nieuw-incident" {
            h2 id="nieuw-incident" { (t(lang, "incidents-new")) }
            form method="post" action="/toezicht/incidenten" {
                input type="hidden" name="csrf" value=(caller.csrf());
                label for="ontdekt" { (t(lang, "incidents-discovered")) }
                input id="ontdekt" name="ontdekt" type="datetime-local" required;
                fieldset {
                    legend { (t(lang, "incidents-nature")) }
                    @for n in BreachNature::ALL {
                        label.choice { input type="checkbox" name="aard" value=(n.id()); " " (n.label(lang)) }
                    }
                }
                fieldset {
                    legend { (t(lang, "incidents-categories")) }
                    @for c in &s.vault.reglement().taxonomy.categories {
                        label.choice { input type="checkbox" name="categorie" value=(c.id); " " (c.label(lang)) }
                    }
                }
                label for="betrokkenen" { (t(lang, "incidents-persons")) }
                input id="betrokkenen" name="betrokkenen" type="number" min="0";
                label for="wat" { (t(lang, "incidents-what")) }
                textarea id="wat" name="wat" required {}
                label for="hoe" { (t(lang, "incidents-how")) }
                input id="hoe" name="hoe";
                button.primary type="submit" { (t(lang, "incidents-record")) }
            }
        }
    };
    Ok(page(&s.vault, &caller, &title, body))
}

#[derive(Deserialize)]
pub(crate) struct NewIncidentForm {
    #[serde(default)]
    csrf: String,
    ontdekt: String,
    #[serde(default)]
    aard: Vec<String>,
    #[serde(default)]
    categorie: Vec<String>,
    #[serde(default)]
    betrokkenen: String,
    wat: String,
    #[serde(default)]
    hoe: String,
}

/// Records a new incident: checked by the store, which names the field that is wrong.
pub(crate) async fn record(
    State(s): State<AppState>,
    caller: Caller,
    axum_extra::extract::Form(form): axum_extra::extract::Form<NewIncidentForm>,
) -> Result<Response, AppError> {
    caller.check_csrf(&form.csrf)?;
    let discovered = parse_moment(&form.ontdekt)
        .ok_or_else(|| AppError::invalid("ontdekt", "a date and time"))?;
    let persons = match form.betrokkenen.trim() {
        "" => None,
        n => Some(
            n.parse::<u64>()
                .map_err(|_| AppError::invalid("betrokkenen", "a number"))?,
        ),
    };
    let facts = IncidentFacts {
        discovered: Some(discovered),
        discovered_by: caller.actor.user_id.clone(),
        how_discovered: form.hoe,
        description: form.wat,
        nature: form
            .aard
            .iter()
            .filter_map(|a| BreachNature::from_id(a))
            .collect(),
        categories: form.categorie,
        persons_min: persons,
        persons_max: persons,
        ..IncidentFacts::default()
    };
    s.vault.record_incident(&caller.actor, &facts).await?;
    Ok(Redirect::to("/toezicht/incidenten").into_response())
}

#[derive(Deserialize)]
pub(crate) struct NotifyForm {
    #[serde(default)]
    csrf: String,
    op: String,
    #[serde(default)]
    meldnummer: String,
    #[serde(default)]
    reden_laat: String,
}

/// Records the notification to the AP; after the 72 hours only with the reasons.
pub(crate) async fn notify(
    State(s): State<AppState>,
    caller: Caller,
    Path(id): Path<String>,
    axum::Form(form): axum::Form<NotifyForm>,
) -> Result<Response, AppError> {
    caller.check_csrf(&form.csrf)?;
    let at = parse_moment(&form.op).ok_or_else(|| AppError::invalid("op", "a date and time"))?;
    s.vault
        .record_ap_notification(&caller.actor, &id, at, &form.meldnummer, &form.reden_laat)
        .await?;
    Ok(Redirect::to("/toezicht/incidenten").into_response())
}
