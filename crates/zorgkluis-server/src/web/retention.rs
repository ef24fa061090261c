//! Retention for the roles that decide on destruction (`run_retention`) and place legal holds
//! (`place_hold`): the plan as of today with the clients due by name (where the role may read
//! identification facts), the standing holds and the runs; the decision to destroy, started
//! as the logged-in user and carried out in the background with its progress; the destruction
//! certificate, printable; the hold register, and placing and releasing a hold from the
//! client's dossier, where a standing hold is shown at the top.

use std::collections::BTreeMap;

use axum::Form;
use axum::extract::{Path, State};
use axum::http::{HeaderValue, StatusCode};
use axum::response::{IntoResponse, Redirect, Response};
use jiff::civil::Date;
use maud::{Markup, html};
use serde::Deserialize;
use zorgkluis_core::decide::cite_list;
use zorgkluis_core::i18n::t;
use zorgkluis_core::time::format_date;
use zorgkluis_core::vocabulary::{Duty, HoldKind};
use zorgkluis_core::{Lang, t};
use zorgkluis_store::vault::{
    Certificate, CertificateItem, HeldItem, Hold, NewHold, PersonFacts, PersonPlan, PlanEntry,
    RunStatus,
};

use super::layout::{category_label, moment, page, person_name, role_name};
use crate::jobs::RunState;
use crate::{AppError, AppState, Caller};

pub(crate) const PLAN_PATH: &str = "/toezicht/bewaartermijnen";
pub(crate) const HOLDS_PATH: &str = "/toezicht/blokkades";
/// The clients a plan page lists by name, the most overdue first; the rest are counted.
const SHOWN: usize = 200;

fn today() -> Date {
    zorgkluis_core::time::dutch_date(jiff::Timestamp::now())
}

fn date_or_dash(d: Option<Date>, lang: Lang) -> String {
    d.map_or_else(|| "—".to_owned(), |d| format_date(d, lang))
}

fn run_path(id: &str) -> String {
    format!("{PLAN_PATH}/vernietiging/{id}")
}

/// A person as a page lists them: the name where the role may read it (a link to the
/// dossier), the id otherwise.
fn person_cell(names: &BTreeMap<String, PersonFacts>, id: &str, lang: Lang) -> Markup {
    match names.get(id) {
        Some(f) => html! { a href={ "/clienten/" (id) } { (person_name(Some(f), lang)) } },
        None => html! { span.id { (t(lang, "retention-client-id")) " " code { (id) } } },
    }
}

/// "Gezondheid (2 records), Zorgplan (1 record)".
fn entries_text(s: &AppState, entries: &[PlanEntry], lang: Lang) -> String {
    let taxonomy = &s.vault.reglement().taxonomy;
    entries
        .iter()
        .map(|e| {
            let label = category_label(taxonomy, &e.category, lang);
            if e.records > 0 {
                format!(
                    "{label} ({})",
                    t!(lang, "retention-records", count = e.records as i64)
                )
            } else {
                label
            }
        })
        .collect::<Vec<_>>()
        .join(", ")
}

/// A count of records; identification facts (which go only with the whole file) count none.
fn records_or_dash(n: usize) -> String {
    if n == 0 {
        "—".to_owned()
    } else {
        n.to_string()
    }
}

fn articles_of(entries: &[PlanEntry]) -> Vec<String> {
    let mut out: Vec<String> = Vec::new();
    for a in entries.iter().flat_map(|e| &e.articles) {
        if !out.contains(a) {
            out.push(a.clone());
        }
    }
    out
}

/// The first date by which something of the person had to be destroyed.
fn destroy_by(p: &PersonPlan) -> Option<Date> {
    p.entries.iter().filter_map(|e| e.destroy_by).min()
}

fn kind_label(kind: HoldKind, lang: Lang) -> String {
    kind.label(lang).to_owned()
}

fn scope_label(s: &AppState, category: Option<&str>, lang: Lang) -> String {
    match category {
        Some(c) => category_label(&s.vault.reglement().taxonomy, c, lang),
        None => t(lang, "hold-whole-file"),
    }
}

/// How a run stands, in words.
fn state_label(status: &RunStatus, here: RunState, lang: Lang) -> String {
    match here.describe(status).0 {
        "finished" => t(lang, "retention-state-finished"),
        "running" => t(lang, "retention-state-running"),
        "failed" => t(lang, "retention-state-failed"),
        _ => t(lang, "retention-state-unfinished"),
    }
}

pub(crate) async fn plan_page(
    State(s): State<AppState>,
    caller: Caller,
) -> Result<Markup, AppError> {
    let lang = caller.lang;
    let vault = &s.vault;
    let actor = &caller.actor;
    let as_of = today();
    let plan = vault.retention_plan(actor, as_of).await?;
    let runs = vault.retention_runs(actor).await?;
    let mut persons: Vec<&PersonPlan> = plan.persons.iter().collect();
    // The most overdue first: by the date it had to be destroyed by.
    persons.sort_by_key(|p| (destroy_by(p).is_none(), destroy_by(p), p.person_id.clone()));
    let hidden = persons.len().saturating_sub(SHOWN);
    persons.truncate(SHOWN);
    let listed: Vec<String> = persons
        .iter()
        .map(|p| p.person_id.clone())
        .chain(plan.held.iter().take(SHOWN).map(|h| h.person_id.clone()))
        .collect();
    let names = vault.names_of(actor, &listed, "bewaarplan").await?;
    let mut under_way = None;
    let mut unfinished = None;
    for r in runs.iter().filter(|r| !r.finished()) {
        match s.jobs.run_state(&r.run_id).await {
            RunState::Running => under_way = Some(r),
            _ => unfinished = Some(r),
        }
    }
    let taxonomy = &vault.reglement().taxonomy;
    let overdue = plan
        .persons
        .iter()
        .filter(|p| p.entries.iter().any(|e| e.overdue))
        .count();
    let body = html! {
        p.sub { (t!(lang, "retention-plan-explained", date = &format_date(as_of, lang), version = plan.reglement_version.as_str(), law = plan.law_version)) }
        @if let Some(transfer) = &plan.suspended_by_transfer {
            p.notice.hold {
                strong { (t(lang, "retention-transfer-title")) } " "
                (t!(lang, "retention-transfer-text", recipient = transfer.recipient.as_str(), date = &format_date(transfer.starts_on, lang), article = transfer.article.as_str()))
                @if transfer.clients_told_on.is_none() { " " strong { (t(lang, "retention-transfer-untold")) } }
            }
        }
        @if let Some(r) = under_way {
            p.notice role="status" {
                (t!(lang, "retention-run-under-way", done = r.done as i64, total = r.total as i64)) " "
                a href=(run_path(&r.run_id)) { (t(lang, "retention-run-follow")) }
            }
        }
        @if let Some(r) = unfinished {
            div.notice {
                p { (t!(lang, "retention-run-unfinished", date = &format_date(r.as_of, lang), left = r.remaining() as i64)) }
                (run_form(&caller, r.as_of, "retention-run-resume", false))
            }
        }
        ul.counts {
            li { strong { (plan.persons.len()) } (t!(lang, "retention-count-dossiers", count = plan.persons.len() as i64)) }
            li { strong { (plan.whole_files) } (t!(lang, "retention-count-whole-files", count = plan.whole_files as i64)) }
            li { strong { (plan.due_records) } (t!(lang, "retention-count-records", count = plan.due_records as i64)) }
            li { strong { (overdue) } (t!(lang, "retention-count-overdue", count = overdue as i64)) }
            li { strong { (plan.held.len()) } (t!(lang, "retention-count-holds", count = plan.held.len() as i64)) }
        }
        section aria-labelledby="per-categorie" {
            h2 id="per-categorie" { (t(lang, "retention-per-category")) }
            @if plan.categories.is_empty() {
                p.empty { (t(lang, "retention-nothing-due")) }
            } @else {
                table {
                    thead { tr {
                        th scope="col" { (t(lang, "category")) }
                        th scope="col" { (t(lang, "retention-due-records")) }
                        th scope="col" { (t(lang, "retention-due-persons")) }
                        th scope="col" { (t(lang, "retention-held-records")) }
                        th scope="col" { (t(lang, "retention-articles")) }
                    } }
                    tbody {
                        @for c in &plan.categories {
                            tr data-category=(c.category) {
                                td { (category_label(taxonomy, &c.category, lang)) }
                                td { (records_or_dash(c.due_records)) }
                                td { (c.due_persons) }
                                td { (c.held_records) }
                                td { (cite_list(&c.articles)) }
                            }
                        }
                    }
                }
            }
        }
        @if !persons.is_empty() {
            section aria-labelledby="clienten-verlopen" {
                h2 id="clienten-verlopen" { (t(lang, "retention-persons-due")) }
                table {
                    thead { tr {
                        th scope="col" { (t(lang, "client")) }
                        th scope="col" { (t(lang, "what")) }
                        th scope="col" { (t(lang, "retention-retain-until")) }
                        th scope="col" { (t(lang, "retention-destroy-by-column")) }
                        th scope="col" { (t(lang, "retention-articles")) }
                    } }
                    tbody {
                        @for p in &persons {
                            @let late = p.entries.iter().any(|e| e.overdue);
                            tr.overdue[late] data-person=(p.person_id) {
                                td { (person_cell(&names, &p.person_id, lang)) }
                                td {
                                    @if p.whole_file { strong { (t(lang, "retention-whole-file")) } ": " }
                                    (entries_text(&s, &p.entries, lang))
                                }
                                td { (date_or_dash(p.entries.iter().filter_map(|e| e.retain_until).max(), lang)) }
                                td {
                                    (date_or_dash(destroy_by(p), lang))
                                    @if late { " " strong.late { (t(lang, "retention-overdue")) } }
                                }
                                td { (cite_list(&articles_of(&p.entries))) }
                            }
                        }
                    }
                }
                @if hidden > 0 { p.sub { (t!(lang, "retention-more-persons", count = hidden as i64)) } }
            }
        }
        section aria-labelledby="blokkades" {
            h2 id="blokkades" { (t(lang, "retention-holds")) }
            @if plan.held.is_empty() {
                p.empty { (t(lang, "retention-no-holds")) }
            } @else {
                (held_table(&s, &plan.held, &names, lang))
            }
            @if vault.may(actor, Duty::PlaceHold) {
                p { a href=(HOLDS_PATH) { (t(lang, "hold-register-open")) } }
            }
        }
        @if !persons.is_empty() && under_way.is_none() && unfinished.is_none() {
            section.panel aria-labelledby="vernietigen" {
                h2 id="vernietigen" { (t(lang, "retention-destroy-title")) }
                p { (t(lang, "retention-destroy-explained")) }
                (run_form(&caller, as_of, "retention-destroy-button", true))
            }
        }
        section aria-labelledby="vernietigingen" {
            h2 id="vernietigingen" { (t(lang, "retention-runs")) }
            @if runs.is_empty() {
                p.empty { (t(lang, "retention-no-runs")) }
            } @else {
                table {
                    thead { tr {
                        th scope="col" { (t(lang, "retention-started")) }
                        th scope="col" { (t(lang, "retention-as-of")) }
                        th scope="col" { (t(lang, "who")) }
                        th scope="col" { (t(lang, "retention-destroyed")) }
                        th scope="col" { (t(lang, "retention-skipped")) }
                        th scope="col" { (t(lang, "retention-state")) }
                    } }
                    tbody {
                        @for r in &runs {
                            tr {
                                td { a href=(run_path(&r.run_id)) { (moment(&r.started_at, lang)) } }
                                td { (format_date(r.as_of, lang)) }
                                td { (r.started_by) " (" (role_name(taxonomy, &r.started_role, lang)) ")" }
                                td { (r.destroyed) }
                                td { (r.skipped) }
                                td { (state_label(r, s.jobs.run_state(&r.run_id).await, lang)) }
                            }
                        }
                    }
                }
            }
        }
    };
    Ok(page(vault, &caller, &t(lang, "retention-title"), body))
}

/// The form that starts (or continues) a run as of `as_of`; a new one asks for the decision
/// to be confirmed.
fn run_form(caller: &Caller, as_of: Date, button: &str, confirm: bool) -> Markup {
    let lang = caller.lang;
    html! {
        form method="post" action={ (PLAN_PATH) "/vernietigen" } {
            input type="hidden" name="csrf" value=(caller.csrf());
            input type="hidden" name="peildatum" value=(as_of.to_string());
            @if confirm {
                label.choice {
                    input type="checkbox" id="bevestigd" name="bevestigd" value="ja" required;
                    (t(lang, "retention-destroy-confirm"))
                }
            }
            button.primary type="submit" { (t(lang, button)) }
        }
    }
}

fn held_table(
    s: &AppState,
    held: &[HeldItem],
    names: &BTreeMap<String, PersonFacts>,
    lang: Lang,
) -> Markup {
    html! {
        table {
            thead { tr {
                th scope="col" { (t(lang, "client")) }
                th scope="col" { (t(lang, "hold-kind")) }
                th scope="col" { (t(lang, "what")) }
                th scope="col" { (t(lang, "retention-held-records")) }
                th scope="col" { (t(lang, "hold-until")) }
                th scope="col" { (t(lang, "retention-articles")) }
            } }
            tbody {
                @for h in held {
                    tr data-hold=(h.hold_id) {
                        td { (person_cell(names, &h.person_id, lang)) }
                        td { (kind_label(h.kind, lang)) }
                        td { (scope_label(s, h.category.as_deref(), lang)) }
                        td { (h.records_kept) }
                        td { (hold_dates(h.ends_on, h.review_on, lang)) }
                        td { (cite_list(&h.articles)) }
                    }
                }
            }
        }
    }
}

fn hold_dates(ends: Option<Date>, review: Option<Date>, lang: Lang) -> String {
    let mut parts = Vec::new();
    if let Some(e) = ends {
        parts.push(t!(lang, "hold-ends-on", date = &format_date(e, lang)));
    }
    if let Some(r) = review {
        parts.push(t!(lang, "hold-review-on", date = &format_date(r, lang)));
    }
    if parts.is_empty() {
        parts.push(t(lang, "hold-until-released"));
    }
    parts.join(", ")
}

#[derive(Deserialize)]
pub(crate) struct RunForm {
    #[serde(default)]
    csrf: String,
    #[serde(default)]
    peildatum: String,
    /// The decision confirmed ("ja"): the browser asks for it, the server checks it.
    #[serde(default)]
    bevestigd: String,
}

/// Starts the run the caller decided (or continues the unfinished one) and shows its page.
pub(crate) async fn start_run(
    State(s): State<AppState>,
    caller: Caller,
    Form(form): Form<RunForm>,
) -> Result<Response, AppError> {
    caller.check_csrf(&form.csrf)?;
    if form.bevestigd != "ja" {
        return Err(AppError::invalid(
            "bevestigd",
            "confirm the decision to destroy what has expired",
        ));
    }
    let as_of: Date = form
        .peildatum
        .parse()
        .map_err(|_| AppError::invalid("peildatum", "a date: YYYY-MM-DD"))?;
    let id = s.jobs.start_run(&s.vault, &caller.actor, as_of).await?;
    Ok(Redirect::to(&run_path(&id)).into_response())
}

/// A run: its progress while it is carried out (the page refreshes itself), its certificate
/// once finished.
pub(crate) async fn run_page(
    State(s): State<AppState>,
    caller: Caller,
    Path(id): Path<String>,
) -> Result<Response, AppError> {
    let lang = caller.lang;
    let status = s.vault.retention_run_status(&caller.actor, &id).await?;
    let here = s.jobs.run_state(&id).await;
    if status.finished() {
        let c = s.vault.retention_certificate(&caller.actor, &id).await?;
        let body = certificate_html(&s, &c, lang);
        return Ok(
            page(&s.vault, &caller, &t(lang, "retention-certificate"), body).into_response(),
        );
    }
    let body = html! {
        p { (t!(lang, "retention-progress", done = status.done as i64, total = status.total as i64, left = status.remaining() as i64)) }
        progress max=(status.total.max(1)) value=(status.done) aria-label=(t(lang, "retention-progress-label")) {}
        p.sub { (t!(lang, "retention-run-started-by", by = status.started_by.as_str(), at = &moment(&status.started_at, lang), date = &format_date(status.as_of, lang))) }
        @match here {
            RunState::Running => p { a href=(run_path(&id)) { (t(lang, "retention-refresh")) } },
            _ => {
                p.notice { (t(lang, "retention-run-stopped")) }
                (run_form(&caller, status.as_of, "retention-run-resume", false))
            }
        }
        p { a href=(PLAN_PATH) { (t(lang, "retention-back")) } }
    };
    let mut response =
        page(&s.vault, &caller, &t(lang, "retention-run-title"), body).into_response();
    if here == RunState::Running {
        response
            .headers_mut()
            .insert("refresh", HeaderValue::from_static("2"));
    }
    Ok(response)
}

fn skip_reason(reason: Option<&str>, lang: Lang) -> String {
    match reason {
        Some("erased") => t(lang, "retention-skip-erased"),
        Some("held") => t(lang, "retention-skip-held"),
        Some("no_longer_due") => t(lang, "retention-skip-no-longer-due"),
        Some(other) => other.to_owned(),
        None => "—".to_owned(),
    }
}

fn item_what(s: &AppState, i: &CertificateItem, lang: Lang) -> String {
    if i.scope == "person" {
        format!(
            "{}: {}",
            t(lang, "retention-whole-file"),
            entries_text(s, &i.entries, lang)
        )
    } else {
        entries_text(s, &i.entries, lang)
    }
}

/// The destruction certificate: who started the run, when, under which versions; what was
/// destroyed per category and item (ids, never a name or content), skipped and held back.
fn certificate_html(s: &AppState, c: &Certificate, lang: Lang) -> Markup {
    let taxonomy = &s.vault.reglement().taxonomy;
    let organisation = &s.vault.reglement().file.organisation.name;
    html! {
        article.certificate data-run=(c.run_id) {
            dl.facts {
                dt { (t(lang, "retention-organisation")) } dd { (organisation) }
                dt { (t(lang, "retention-as-of")) } dd { (format_date(c.as_of, lang)) }
                dt { (t(lang, "retention-started-by")) } dd { (c.started_by) " (" (role_name(taxonomy, &c.started_role, lang)) ")" }
                dt { (t(lang, "retention-started")) } dd { (moment(&c.started_at, lang)) }
                dt { (t(lang, "retention-finished")) } dd { (moment(&c.finished_at, lang)) }
                dt { (t(lang, "retention-versions")) } dd { (t!(lang, "retention-versions-are", version = c.reglement_version.as_str(), law = c.law_version.as_str())) }
                dt { (t(lang, "retention-run-id")) } dd { code { (c.run_id) } }
            }
            p { (t!(lang, "retention-certificate-summary", files = c.whole_files as i64, records = c.records as i64, skipped = c.skipped.len() as i64)) }
            section aria-labelledby="verklaring-per-categorie" {
                h2 id="verklaring-per-categorie" { (t(lang, "retention-per-category")) }
                @if c.counts.is_empty() {
                    p.empty { (t(lang, "retention-nothing-destroyed")) }
                } @else {
                    table {
                        thead { tr {
                            th scope="col" { (t(lang, "category")) }
                            th scope="col" { (t(lang, "retention-destroyed-records")) }
                            th scope="col" { (t(lang, "retention-due-persons")) }
                        } }
                        tbody {
                            @for n in &c.counts {
                                tr { td { (category_label(taxonomy, &n.category, lang)) } td { (records_or_dash(n.records)) } td { (n.persons) } }
                            }
                        }
                    }
                }
            }
            @if !c.destroyed.is_empty() {
                section aria-labelledby="verklaring-vernietigd" {
                    h2 id="verklaring-vernietigd" { (t(lang, "retention-destroyed-items")) }
                    table {
                        thead { tr {
                            th scope="col" { (t(lang, "retention-client-id")) }
                            th scope="col" { (t(lang, "what")) }
                            th scope="col" { (t(lang, "retention-retain-until")) }
                            th scope="col" { (t(lang, "retention-articles")) }
                            th scope="col" { (t(lang, "retention-destroyed-at")) }
                        } }
                        tbody {
                            @for i in &c.destroyed {
                                tr {
                                    td { code { (i.person_id) } }
                                    td { (item_what(s, i, lang)) }
                                    td { (date_or_dash(i.entries.iter().filter_map(|e| e.retain_until).max(), lang)) }
                                    td { (cite_list(&articles_of(&i.entries))) }
                                    td { (moment(&i.done_at, lang)) }
                                }
                            }
                        }
                    }
                }
            }
            @if !c.skipped.is_empty() {
                section aria-labelledby="verklaring-overgeslagen" {
                    h2 id="verklaring-overgeslagen" { (t(lang, "retention-skipped-items")) }
                    table {
                        thead { tr {
                            th scope="col" { (t(lang, "retention-client-id")) }
                            th scope="col" { (t(lang, "what")) }
                            th scope="col" { (t(lang, "reason")) }
                        } }
                        tbody {
                            @for i in &c.skipped {
                                tr {
                                    td { code { (i.person_id) } }
                                    td { (item_what(s, i, lang)) }
                                    td { (skip_reason(i.reason.as_deref(), lang)) }
                                }
                            }
                        }
                    }
                }
            }
            @if !c.held.is_empty() {
                section aria-labelledby="verklaring-blokkades" {
                    h2 id="verklaring-blokkades" { (t(lang, "retention-holds")) }
                    (held_table(s, &c.held, &BTreeMap::new(), lang))
                }
            }
            p.sub { (t(lang, "retention-certificate-no-names")) }
            p.no-print { (t(lang, "retention-print")) " " a href=(PLAN_PATH) { (t(lang, "retention-back")) } }
        }
    }
}

/// The hold register: standing and released holds, with the reasons.
pub(crate) async fn register(
    State(s): State<AppState>,
    caller: Caller,
) -> Result<Markup, AppError> {
    let lang = caller.lang;
    let holds = s.vault.hold_register(&caller.actor, true).await?;
    let persons: Vec<String> = holds.iter().map(|h| h.person_id.clone()).collect();
    let names = s
        .vault
        .names_of(&caller.actor, &persons, "register blokkades")
        .await?;
    let taxonomy = &s.vault.reglement().taxonomy;
    let day = today();
    let body = html! {
        p.sub { (t(lang, "hold-register-explained")) }
        @if holds.is_empty() {
            p.empty { (t(lang, "hold-none")) }
        } @else {
            table {
                thead { tr {
                    th scope="col" { (t(lang, "client")) }
                    th scope="col" { (t(lang, "hold-kind")) }
                    th scope="col" { (t(lang, "what")) }
                    th scope="col" { (t(lang, "reason")) }
                    th scope="col" { (t(lang, "hold-term")) }
                    th scope="col" { (t(lang, "retention-state")) }
                } }
                tbody {
                    @for h in &holds {
                        tr data-hold=(h.id) {
                            td { (person_cell(&names, &h.person_id, lang)) }
                            td { (kind_label(h.kind, lang)) br; span.meta { (h.law) } }
                            td { (scope_label(&s, h.category.as_deref(), lang)) }
                            td.reason { (h.reason.as_deref().unwrap_or("—")) }
                            td {
                                (t!(lang, "hold-since", date = &format_date(h.starts_on, lang))) "; "
                                (hold_dates(h.ends_on, h.review_on, lang)) br;
                                span.meta { (t!(lang, "hold-placed-by", by = h.placed_by.as_str(), role = &role_name(taxonomy, &h.placed_role, lang), moment = &moment(&h.placed_at, lang))) }
                            }
                            td { (hold_state(&caller, h, day, HOLDS_PATH)) }
                        }
                    }
                }
            }
        }
    };
    Ok(page(&s.vault, &caller, &t(lang, "hold-register"), body))
}

/// Whether a hold stands, was released (when, by whom) or ended; a standing one with the
/// button that releases it.
fn hold_state(caller: &Caller, h: &Hold, day: Date, back: &str) -> Markup {
    let lang = caller.lang;
    html! {
        @if let Some(at) = &h.released_at {
            (t!(lang, "hold-released-on", moment = &moment(at, lang), by = h.released_by.as_deref().unwrap_or("—")))
        } @else if h.stands_on(day) {
            strong { (t(lang, "hold-standing")) }
            (release_form(caller, &h.id, back))
        } @else if h.starts_on > day {
            (t(lang, "hold-not-yet"))
        } @else {
            (t(lang, "hold-ended"))
        }
    }
}

fn release_form(caller: &Caller, hold: &str, back: &str) -> Markup {
    let lang = caller.lang;
    html! {
        form.inline method="post" action={ (HOLDS_PATH) "/" (hold) "/opheffen" } {
            input type="hidden" name="csrf" value=(caller.csrf());
            input type="hidden" name="terug" value=(back);
            button type="submit" { (t(lang, "hold-release")) }
        }
    }
}

#[derive(Deserialize)]
pub(crate) struct ReleaseForm {
    #[serde(default)]
    csrf: String,
    #[serde(default)]
    terug: String,
}

/// Where a form may send the browser back to: a page of this site, never elsewhere.
fn back_to(target: &str) -> &str {
    if (target.starts_with("/clienten/") || target == HOLDS_PATH)
        && !target.contains("//")
        && !target.contains('\\')
    {
        target
    } else {
        HOLDS_PATH
    }
}

pub(crate) async fn release(
    State(s): State<AppState>,
    caller: Caller,
    Path(id): Path<String>,
    Form(form): Form<ReleaseForm>,
) -> Result<Response, AppError> {
    caller.check_csrf(&form.csrf)?;
    s.vault.release_hold(&caller.actor, &id).await?;
    Ok(Redirect::to(back_to(&form.terug)).into_response())
}

/// The notice at the top of a dossier: the holds that stand on it, and for the roles that
/// place holds, the button that releases each.
pub(crate) fn dossier_notice(
    caller: &Caller,
    s: &AppState,
    person: &str,
    holds: &[Hold],
) -> Markup {
    let lang = caller.lang;
    let releases = s.vault.may(&caller.actor, Duty::PlaceHold);
    let back = format!("/clienten/{person}");
    html! {
        @for h in holds {
            div.notice.hold role="status" data-hold=(h.id) {
                strong { (t(lang, "hold-notice")) } " "
                (kind_label(h.kind, lang)) " — " (scope_label(s, h.category.as_deref(), lang)) ", "
                (t!(lang, "hold-since", date = &format_date(h.starts_on, lang)))
                @if h.ends_on.is_some() || h.review_on.is_some() { ", " (hold_dates(h.ends_on, h.review_on, lang)) }
                " (" (h.law) "). " (t(lang, "hold-notice-effect"))
                @if releases { (release_form(caller, &h.id, &back)) }
            }
        }
    }
}

/// The form on the dossier that places a hold, for the roles that place holds.
pub(crate) fn place_form(caller: &Caller, s: &AppState, person: &str) -> Markup {
    let lang = caller.lang;
    let taxonomy = &s.vault.reglement().taxonomy;
    let mut categories: Vec<(String, String)> = taxonomy
        .categories
        .iter()
        .map(|c| (c.id.clone(), c.label(lang).to_owned()))
        .collect();
    categories.sort_by(|a, b| a.1.cmp(&b.1));
    let day = today().to_string();
    html! {
        details.amend data-form="blokkade" {
            summary { (t(lang, "hold-place-open")) }
            form method="post" action={ "/clienten/" (person) "/blokkade" } {
                input type="hidden" name="csrf" value=(caller.csrf());
                label for="blokkade-soort" { (t(lang, "hold-kind")) }
                select id="blokkade-soort" name="soort" {
                    @for k in HoldKind::ALL { option value=(k.id()) { (kind_label(*k, lang)) } }
                }
                label for="blokkade-categorie" { (t(lang, "what")) }
                select id="blokkade-categorie" name="categorie" {
                    option value="" { (t(lang, "hold-whole-file")) }
                    @for (id, label) in &categories { option value=(id) { (label) } }
                }
                label for="blokkade-reden" { (t(lang, "hold-reason-label")) }
                textarea id="blokkade-reden" name="reden" rows="3" required {}
                label for="blokkade-vanaf" { (t(lang, "hold-starts-label")) }
                input type="date" id="blokkade-vanaf" name="vanaf" value=(day) required;
                label for="blokkade-tot" { (t(lang, "hold-ends-label")) }
                input type="date" id="blokkade-tot" name="tot";
                label for="blokkade-herbeoordeling" { (t(lang, "hold-review-label")) }
                input type="date" id="blokkade-herbeoordeling" name="herbeoordeling";
                button.primary type="submit" { (t(lang, "hold-place-button")) }
            }
        }
    }
}

#[derive(Deserialize)]
pub(crate) struct PlaceForm {
    #[serde(default)]
    csrf: String,
    #[serde(default)]
    soort: String,
    #[serde(default)]
    categorie: String,
    #[serde(default)]
    reden: String,
    #[serde(default)]
    vanaf: String,
    #[serde(default)]
    tot: String,
    #[serde(default)]
    herbeoordeling: String,
}

fn form_date(field: &str, value: &str) -> Result<Option<Date>, AppError> {
    let value = value.trim();
    if value.is_empty() {
        return Ok(None);
    }
    value
        .parse()
        .map(Some)
        .map_err(|_| AppError::invalid(field, "a date: YYYY-MM-DD"))
}

/// Places a hold from the dossier, and shows the dossier with its notice.
pub(crate) async fn place(
    State(s): State<AppState>,
    caller: Caller,
    Path(person): Path<String>,
    Form(form): Form<PlaceForm>,
) -> Result<Response, AppError> {
    caller.check_csrf(&form.csrf)?;
    let lang = caller.lang;
    let kind = HoldKind::from_id(&form.soort)
        .ok_or_else(|| AppError::invalid("soort", &HoldKind::ids().join(", ")))?;
    if form.reden.trim().is_empty() {
        let body = html! {
            p.error role="alert" { (t(lang, "hold-reason-required")) }
            p { a href={ "/clienten/" (person) } { (t(lang, "back-to-dossier")) } }
        };
        return Ok((
            StatusCode::UNPROCESSABLE_ENTITY,
            page(&s.vault, &caller, &t(lang, "hold-place-open"), body),
        )
            .into_response());
    }
    let new = NewHold {
        person: person.clone(),
        category: Some(form.categorie.trim().to_owned()).filter(|c| !c.is_empty()),
        kind,
        reason: form.reden.trim().to_owned(),
        starts_on: form_date("vanaf", &form.vanaf)?.unwrap_or_else(today),
        ends_on: form_date("tot", &form.tot)?,
        review_on: form_date("herbeoordeling", &form.herbeoordeling)?,
    };
    s.vault.place_hold(&caller.actor, &new).await?;
    Ok(Redirect::to(&format!("/clienten/{person}")).into_response())
}
