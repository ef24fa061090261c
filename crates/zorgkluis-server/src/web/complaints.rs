//! The complaints register on the web (Wkkgz art. 13 and 17), for the roles the reglement gives
//! `manage_complaints` (the directie in BG wonen and Rondomzorg): the open complaints on top by
//! the last day of the decision (six weeks, extendable once by at most four when the
//! complainant is told in writing before the six weeks end), then the decided ones; a page per
//! complaint with its facts and the forms to extend, decide, refer it to the
//! geschilleninstantie and mark it; and a form to record one. Everything goes through the
//! vault's complaints room: each page is a logged read of the register, each form a logged
//! change; the name of a client a complaint concerns is read as the identification facts are
//! everywhere (`names_of`), so it shows in that client's access log. Bad input is shown on the
//! page with what was typed, naming the field, and changes nothing.

use std::collections::BTreeMap;

use axum::extract::{Path, Query, State};
use axum::http::StatusCode;
use axum::response::{IntoResponse, Redirect, Response};
use jiff::civil::Date;
use maud::{Markup, html};
use serde::Deserialize;
use zorgkluis_core::decide::complaint_deadline;
use zorgkluis_core::i18n::t;
use zorgkluis_core::time::format_date;
use zorgkluis_core::vocabulary::{ComplainantKind, ComplaintOutcome, Duty};
use zorgkluis_core::{Lang, t};
use zorgkluis_store::vault::{Complaint, NewComplaint, PersonFacts, VaultError};

use super::layout::{page, person_name, role_name};
use crate::{AppError, AppState, Caller};

/// The register's page.
pub(crate) const REGISTER_PATH: &str = "/toezicht/klachten";

/// The page of one complaint.
pub(crate) fn path(id: &str) -> String {
    format!("{REGISTER_PATH}/{id}")
}

fn today() -> Date {
    zorgkluis_core::time::dutch_date(jiff::Timestamp::now())
}

/// What is due first: the open complaints by the last day of their decision (the overdue
/// first, as their day passed), then the decided ones in the register's order (newest receipt
/// first).
pub(crate) fn by_urgency(mut all: Vec<Complaint>) -> Vec<Complaint> {
    all.sort_by_key(|c| (!c.open(), c.open().then_some(c.clock.decide_by)));
    all
}

/// Days from `today` to the last day of the decision (negative once it has passed).
pub(crate) fn days_left(c: &Complaint, today: Date) -> i64 {
    i64::from((c.clock.decide_by - today).get_days())
}

/// "nog 12 dagen", "vandaag de laatste dag", "3 dagen over de termijn", or what was decided.
pub(crate) fn state(c: &Complaint, today: Date, lang: Lang) -> String {
    match &c.decision {
        None => match days_left(c, today) {
            0 => t(lang, "complaints-due-today"),
            d if d > 0 => t!(lang, "complaints-days-left", days = d),
            d => t!(lang, "complaints-days-over", days = -d),
        },
        Some(d) => {
            let (outcome, date) = (d.outcome.label(lang), format_date(d.on, lang));
            if c.decided_in_time() == Some(true) {
                t!(lang, "complaints-decided", outcome = outcome, date = &date)
            } else {
                t!(
                    lang,
                    "complaints-decided-late",
                    outcome = outcome,
                    date = &date
                )
            }
        }
    }
}

/// Who handles complaints: the roles the reglement gives the duty, with the
/// klachtenfunctionaris (Wkkgz art. 15) where they are involved.
fn handler(s: &AppState, c: &Complaint, lang: Lang) -> String {
    let reglement = s.vault.reglement();
    let mut roles: Vec<String> = Vec::new();
    for rule in &reglement.file.duties {
        let rule = rule.get_ref();
        if rule.duties.contains(&Duty::ManageComplaints) {
            let name = role_name(&reglement.taxonomy, rule.role.get_ref(), lang);
            if !roles.contains(&name) {
                roles.push(name);
            }
        }
    }
    let roles = roles.join(", ");
    if c.officer_involved {
        let officer = c
            .clock
            .officer
            .clone()
            .unwrap_or_else(|| t(lang, "complaints-officer"));
        t!(
            lang,
            "complaints-handler-with-officer",
            handler = &roles,
            officer = &officer
        )
    } else {
        roles
    }
}

/// Who complained, with the name of the client it concerns where the role may read it.
fn by_whom(c: &Complaint, names: &BTreeMap<String, PersonFacts>, lang: Lang) -> Markup {
    html! {
        (c.by.label(lang))
        @if let Some(p) = &c.person {
            br;
            @match names.get(p) {
                Some(f) => span.client { (t(lang, "client")) ": " (person_name(Some(f), lang)) },
                None => span.client { (t(lang, "client")) ": " code { (p) } },
            }
        }
    }
}

/// The marks beside the state: extended, referred, with the AP.
fn marks(c: &Complaint, lang: Lang) -> Vec<String> {
    let mut out = Vec::new();
    if c.extension.is_some() {
        out.push(t(lang, "complaints-mark-extended"));
    }
    if c.referred.is_some() {
        out.push(t(lang, "complaints-mark-referred"));
    }
    if c.to_ap {
        out.push(t(lang, "complaints-mark-ap"));
    }
    out
}

/// The register's filters: `toon=open|beslist|alle`, `privacy=ja` for the complaints the
/// complainant also took to the Autoriteit Persoonsgegevens.
#[derive(Deserialize, Default, Clone)]
pub(crate) struct Filter {
    #[serde(default)]
    toon: String,
    #[serde(default)]
    privacy: String,
}

impl Filter {
    fn keeps(&self, c: &Complaint) -> bool {
        let shown = match self.toon.as_str() {
            "open" => c.open(),
            "beslist" => !c.open(),
            _ => true,
        };
        shown && (self.privacy != "ja" || c.to_ap)
    }

    fn check(&self) -> Result<(), AppError> {
        if !matches!(self.toon.as_str(), "" | "alle" | "open" | "beslist") {
            return Err(AppError::invalid("toon", "open, beslist or alle"));
        }
        if !matches!(self.privacy.as_str(), "" | "ja") {
            return Err(AppError::invalid("privacy", "ja, or left out"));
        }
        Ok(())
    }
}

/// What was typed into the form that records a complaint, to show again with an error.
#[derive(Deserialize, Default, Clone)]
pub(crate) struct NewForm {
    #[serde(default)]
    csrf: String,
    #[serde(default)]
    ontvangen: String,
    #[serde(default)]
    door: String,
    #[serde(default)]
    over: String,
    #[serde(default)]
    client: String,
    #[serde(default)]
    klachtenfunctionaris: String,
    #[serde(default)]
    ap: String,
}

/// A date from a form, or the field named.
fn form_date(field: &'static str, value: &str) -> Result<Date, (&'static str, String)> {
    value
        .trim()
        .parse()
        .map_err(|_| (field, "a date (YYYY-MM-DD)".to_owned()))
}

/// A field's label on the forms, for an error message.
fn field_label(lang: Lang, field: &str) -> String {
    let key = match field {
        "received" => "complaints-received",
        "by" => "complaints-by",
        "about" => "complaints-about",
        "person" => "complaints-client-id",
        "told" => "complaints-told-on",
        "reason" => "complaints-extension-reason",
        "outcome" => "complaints-outcome",
        "on" => "complaints-on",
        "text" => "complaints-decision-text",
        _ => "complaints-register",
    };
    t(lang, key)
}

fn refusal(lang: Lang, field: &str, message: &str) -> String {
    t!(
        lang,
        "complaints-error",
        field = &field_label(lang, field),
        name = field,
        message = message
    )
}

async fn render_register(
    s: &AppState,
    caller: &Caller,
    filter: &Filter,
    typed: &NewForm,
    error: Option<String>,
) -> Result<Markup, AppError> {
    let lang = caller.lang;
    let day = today();
    let all = by_urgency(s.vault.complaints(&caller.actor).await?);
    let shown: Vec<&Complaint> = all.iter().filter(|c| filter.keeps(c)).collect();
    let persons: Vec<String> = shown.iter().filter_map(|c| c.person.clone()).collect();
    let names = s
        .vault
        .names_of(&caller.actor, &persons, "klachtenregister")
        .await?;
    let open = all.iter().filter(|c| c.open()).count();
    let overdue = all.iter().filter(|c| c.overdue(day)).count();
    let received = if typed.ontvangen.is_empty() {
        day.to_string()
    } else {
        typed.ontvangen.clone()
    };
    let body = html! {
        p.sub { (t(lang, "complaints-explained")) }
        p {
            a href=(super::downloads::register_path(zorgkluis_store::vault::Register::Klachten, false)) download { (t(lang, "register-download-xlsx")) } " · "
            a href=(super::downloads::register_path(zorgkluis_store::vault::Register::Klachten, true)) download { (t(lang, "register-download-csv")) }
        }
        ul.counts {
            li { strong { (open) } (t!(lang, "complaints-count-open", count = open as i64)) }
            li.late[overdue > 0] { strong { (overdue) } (t(lang, "complaints-count-overdue")) }
            li { strong { (all.len() - open) } (t(lang, "complaints-count-decided")) }
        }
        form.filters method="get" action=(REGISTER_PATH) {
            fieldset style="display:flex;flex-wrap:wrap;gap:0 1rem;align-items:flex-end" {
                legend { (t(lang, "complaints-filter")) }
                div style="flex:1 1 14rem" {
                    label for="f-toon" { (t(lang, "complaints-show")) }
                    select id="f-toon" name="toon" {
                        option value="alle" selected[!matches!(filter.toon.as_str(), "open" | "beslist")] { (t(lang, "complaints-show-all")) }
                        option value="open" selected[filter.toon == "open"] { (t(lang, "complaints-show-open")) }
                        option value="beslist" selected[filter.toon == "beslist"] { (t(lang, "complaints-show-decided")) }
                    }
                }
                label.choice style="flex:1 1 100%" {
                    input type="checkbox" name="privacy" value="ja" checked[filter.privacy == "ja"];
                    (t(lang, "complaints-only-privacy"))
                }
                button.primary type="submit" { (t(lang, "complaints-filter-button")) }
            }
        }
        @if shown.is_empty() {
            p.empty { (t(lang, "complaints-none")) }
        } @else {
            table {
                thead { tr {
                    th scope="col" { (t(lang, "complaints-due")) }
                    th scope="col" { (t(lang, "complaints-received")) }
                    th scope="col" { (t(lang, "complaints-by")) }
                    th scope="col" { (t(lang, "complaints-about")) }
                    th scope="col" { (t(lang, "complaints-handler")) }
                } }
                tbody {
                    @for c in &shown {
                        tr.overdue[c.overdue(day)] data-complaint=(c.id) {
                            td {
                                strong { (state(c, day, lang)) }
                                @if c.open() {
                                    br;
                                    (t!(lang, "complaints-decide-by", date = &format_date(c.clock.decide_by, lang)))
                                }
                                @for m in marks(c, lang) { br; span.meta { (m) } }
                            }
                            td { (format_date(c.received, lang)) }
                            td { (by_whom(c, &names, lang)) }
                            td { a href=(path(&c.id)) { (c.about) } }
                            td { (handler(s, c, lang)) }
                        }
                    }
                }
            }
        }
        section.panel aria-labelledby="nieuwe-klacht" {
            h2 id="nieuwe-klacht" { (t(lang, "complaints-new")) }
            @if let Some(e) = &error { p.error role="alert" { (e) } }
            form method="post" action=(REGISTER_PATH) {
                input type="hidden" name="csrf" value=(caller.csrf());
                label for="ontvangen" { (t(lang, "complaints-received")) }
                input id="ontvangen" name="ontvangen" type="date" value=(received) required;
                label for="door" { (t(lang, "complaints-by")) }
                select id="door" name="door" {
                    @for k in ComplainantKind::ALL {
                        option value=(k.id()) selected[typed.door == k.id()] { (k.label(lang)) }
                    }
                }
                label for="over" { (t(lang, "complaints-about")) }
                textarea id="over" name="over" rows="3" required { (typed.over) }
                label for="client" { (t(lang, "complaints-client-id")) }
                input id="client" name="client" value=(typed.client) aria-describedby="client-uitleg";
                p.meta id="client-uitleg" { (t(lang, "complaints-client-explained")) }
                label.choice {
                    input type="checkbox" name="klachtenfunctionaris" value="ja" checked[typed.klachtenfunctionaris == "ja"];
                    (t(lang, "complaints-officer-involved"))
                }
                label.choice {
                    input type="checkbox" name="ap" value="ja" checked[typed.ap == "ja"];
                    (t(lang, "complaints-privacy"))
                }
                button.primary type="submit" { (t(lang, "complaints-record")) }
            }
        }
    };
    Ok(page(
        &s.vault,
        caller,
        &t(lang, "complaints-register"),
        body,
    ))
}

/// The register with its filters and the form to record a complaint.
pub(crate) async fn register(
    State(s): State<AppState>,
    caller: Caller,
    Query(filter): Query<Filter>,
) -> Result<Markup, AppError> {
    filter.check()?;
    render_register(&s, &caller, &filter, &NewForm::default(), None).await
}

fn new_complaint(f: &NewForm) -> Result<NewComplaint, (&'static str, String)> {
    let received = form_date("received", &f.ontvangen)?;
    let by = ComplainantKind::from_id(f.door.trim())
        .ok_or_else(|| ("by", ComplainantKind::ids().join(", ")))?;
    Ok(NewComplaint {
        received,
        by,
        person: Some(f.client.trim().to_owned()).filter(|p| !p.is_empty()),
        about: f.over.clone(),
        officer_involved: f.klachtenfunctionaris == "ja",
    })
}

/// Records a complaint from the form: checked by the vault, which names the field that is
/// wrong; shown again with what was typed, nothing recorded. A privacy complaint the
/// complainant also took to the AP is marked so in the same request.
pub(crate) async fn record(
    State(s): State<AppState>,
    caller: Caller,
    axum::Form(form): axum::Form<NewForm>,
) -> Result<Response, AppError> {
    caller.check_csrf(&form.csrf)?;
    let lang = caller.lang;
    let error = match new_complaint(&form) {
        Err((field, message)) => refusal(lang, field, &message),
        Ok(new) => match s.vault.record_complaint(&caller.actor, &new).await {
            Ok(id) => {
                if form.ap == "ja" {
                    s.vault
                        .mark_complaint(&caller.actor, &id, None, Some(true))
                        .await?;
                }
                return Ok(Redirect::to(&path(&id)).into_response());
            }
            Err(VaultError::Invalid { field, message }) => refusal(lang, field, &message),
            Err(other) => return Err(other.into()),
        },
    };
    let markup = render_register(&s, &caller, &Filter::default(), &form, Some(error)).await?;
    Ok((StatusCode::UNPROCESSABLE_ENTITY, markup).into_response())
}

/// What was typed into one of a complaint's forms, to show again with an error.
#[derive(Deserialize, Default, Clone)]
pub(crate) struct ChangeForm {
    #[serde(default)]
    csrf: String,
    #[serde(default)]
    gemeld_op: String,
    #[serde(default)]
    reden: String,
    #[serde(default)]
    uitkomst: String,
    #[serde(default)]
    beslist_op: String,
    #[serde(default)]
    toelichting: String,
    #[serde(default)]
    voorgelegd_op: String,
    #[serde(default)]
    klachtenfunctionaris: String,
    #[serde(default)]
    ap: String,
}

/// The forms of a complaint's page, to place an error beside the one it came from.
#[derive(Clone, Copy, PartialEq, Eq)]
enum Form {
    Extend,
    Decide,
    Refer,
    Mark,
}

fn error_in(error: &Option<(Form, String)>, form: Form) -> Markup {
    html! {
        @if let Some((f, e)) = error {
            @if *f == form { p.error role="alert" { (e) } }
        }
    }
}

async fn render_complaint(
    s: &AppState,
    caller: &Caller,
    id: &str,
    typed: &ChangeForm,
    error: Option<(Form, String)>,
) -> Result<Markup, AppError> {
    let lang = caller.lang;
    let day = today();
    let c = s.vault.complaint(&caller.actor, id).await?;
    let persons: Vec<String> = c.person.iter().cloned().collect();
    let names = s.vault.names_of(&caller.actor, &persons, "klacht").await?;
    let extended = complaint_deadline(s.vault.reglement(), c.received, true)
        .map_err(|e| AppError::invalid("received", &e.to_string()))?;
    let or_today = |v: &str| {
        if v.is_empty() {
            day.to_string()
        } else {
            v.to_owned()
        }
    };
    let base = path(&c.id);
    let body = html! {
        p { a href=(REGISTER_PATH) { (t(lang, "complaints-back")) } }
        dl.facts {
            dt { (t(lang, "complaints-state")) }
            dd { strong.late[c.overdue(day)] { (state(&c, day, lang)) } }
            dt { (t(lang, "complaints-decide-by-label")) }
            dd { (format_date(c.clock.decide_by, lang)) " · " (c.clock.term) @if c.extension.is_some() { " " (t(lang, "complaints-plus-extension")) } }
            dt { (t(lang, "complaints-received")) }
            dd { (format_date(c.received, lang)) }
            dt { (t(lang, "complaints-by")) }
            dd { (by_whom(&c, &names, lang)) }
            dt { (t(lang, "complaints-about")) }
            dd { (c.about) }
            dt { (t(lang, "complaints-handler")) }
            dd { (handler(s, &c, lang)) }
            @if let Some(e) = &c.extension {
                dt { (t(lang, "complaints-extension")) }
                dd { (t!(lang, "complaints-extension-told", date = &format_date(e.told, lang))) ": " (e.reason) }
            }
            @if let Some(d) = &c.decision {
                dt { (t(lang, "complaints-decision")) }
                dd { (d.outcome.label(lang)) ", " (format_date(d.on, lang)) ": " (d.text) }
            }
            dt { (t(lang, "complaints-dispute-body")) }
            dd {
                @match c.referred {
                    Some(on) => (t!(lang, "complaints-referred-on", date = &format_date(on, lang))),
                    None => (t(lang, "complaints-not-referred")),
                }
                @if let Some(b) = &c.clock.dispute_body { " (" (b) ")" }
            }
            dt { (t(lang, "complaints-ap")) }
            dd { @if c.to_ap { (t(lang, "complaints-ap-yes")) } @else { (t(lang, "complaints-ap-no")) } }
            dt { (t(lang, "complaints-articles")) }
            dd { (c.clock.articles.join("; ")) }
        }
        @if c.open() && c.extension.is_none() {
            section.panel aria-labelledby="verlengen" {
                h2 id="verlengen" { (t(lang, "complaints-extend")) }
                p { (t!(lang, "complaints-extend-explained",
                    date = &format_date(extended.decide_by, lang),
                    told = &format_date(c.clock.extension_told_by, lang))) }
                @if day > c.clock.extension_told_by {
                    p.notice { (t!(lang, "complaints-extend-too-late", date = &format_date(c.clock.extension_told_by, lang))) }
                }
                (error_in(&error, Form::Extend))
                form method="post" action={ (base) "/verlenging" } {
                    input type="hidden" name="csrf" value=(caller.csrf());
                    label for="gemeld_op" { (t(lang, "complaints-told-on")) }
                    input id="gemeld_op" name="gemeld_op" type="date" value=(or_today(&typed.gemeld_op)) required;
                    label for="reden" { (t(lang, "complaints-extension-reason")) }
                    textarea id="reden" name="reden" rows="2" required { (typed.reden) }
                    button.primary type="submit" { (t(lang, "complaints-extend-button")) }
                }
            }
        }
        @if c.open() {
            section.panel aria-labelledby="oordeel" {
                h2 id="oordeel" { (t(lang, "complaints-decide")) }
                (error_in(&error, Form::Decide))
                form method="post" action={ (base) "/oordeel" } {
                    input type="hidden" name="csrf" value=(caller.csrf());
                    fieldset {
                        legend { (t(lang, "complaints-outcome")) }
                        @for o in ComplaintOutcome::ALL {
                            label.choice {
                                input type="radio" name="uitkomst" value=(o.id()) checked[typed.uitkomst == o.id()] required;
                                (o.label(lang))
                            }
                        }
                    }
                    label for="beslist_op" { (t(lang, "complaints-on")) }
                    input id="beslist_op" name="beslist_op" type="date" value=(or_today(&typed.beslist_op)) required;
                    label for="toelichting" { (t(lang, "complaints-decision-text")) }
                    textarea id="toelichting" name="toelichting" rows="3" required { (typed.toelichting) }
                    button.primary type="submit" { (t(lang, "complaints-decide-button")) }
                }
            }
        }
        @if c.referred.is_none() {
            section.panel aria-labelledby="voorleggen" {
                h2 id="voorleggen" { (t(lang, "complaints-refer")) }
                (error_in(&error, Form::Refer))
                form method="post" action={ (base) "/geschilleninstantie" } {
                    input type="hidden" name="csrf" value=(caller.csrf());
                    label for="voorgelegd_op" { (t(lang, "complaints-referred-label")) }
                    input id="voorgelegd_op" name="voorgelegd_op" type="date" value=(or_today(&typed.voorgelegd_op)) required;
                    button.primary type="submit" { (t(lang, "complaints-refer-button")) }
                }
            }
        }
        section.panel aria-labelledby="kenmerken" {
            h2 id="kenmerken" { (t(lang, "complaints-marks")) }
            (error_in(&error, Form::Mark))
            form method="post" action={ (base) "/kenmerken" } {
                input type="hidden" name="csrf" value=(caller.csrf());
                label.choice {
                    input type="checkbox" name="klachtenfunctionaris" value="ja" checked[c.officer_involved];
                    (t(lang, "complaints-officer-involved"))
                }
                label.choice {
                    input type="checkbox" name="ap" value="ja" checked[c.to_ap];
                    (t(lang, "complaints-privacy"))
                }
                button.primary type="submit" { (t(lang, "complaints-marks-button")) }
            }
        }
    };
    Ok(page(
        &s.vault,
        caller,
        &t!(
            lang,
            "complaints-title",
            date = &format_date(c.received, lang)
        ),
        body,
    ))
}

/// One complaint: its facts, its clock and its forms.
pub(crate) async fn complaint_page(
    State(s): State<AppState>,
    caller: Caller,
    Path(id): Path<String>,
) -> Result<Markup, AppError> {
    render_complaint(&s, &caller, &id, &ChangeForm::default(), None).await
}

/// Runs one change from a complaint's page: back to the page when done, or the page again
/// with the error beside its form (422) when the vault or the form names a field.
async fn change(
    s: &AppState,
    caller: &Caller,
    id: &str,
    form: &ChangeForm,
    which: Form,
    result: Result<(), (&'static str, String)>,
) -> Result<Response, AppError> {
    let lang = caller.lang;
    match result {
        Ok(()) => Ok(Redirect::to(&path(id)).into_response()),
        Err((field, message)) => {
            let error = refusal(lang, field, &message);
            let markup = render_complaint(s, caller, id, form, Some((which, error))).await?;
            Ok((StatusCode::UNPROCESSABLE_ENTITY, markup).into_response())
        }
    }
}

/// A refusal that names a field stays on the page; anything else is the request's error.
fn named(
    result: Result<Complaint, VaultError>,
) -> Result<Result<(), (&'static str, String)>, AppError> {
    match result {
        Ok(_) => Ok(Ok(())),
        Err(VaultError::Invalid { field, message }) => Ok(Err((field, message))),
        Err(other) => Err(other.into()),
    }
}

/// Records the extension told to the complainant; told after the six weeks it is refused by
/// the vault, naming `told` (Wkkgz art. 17 lid 2).
pub(crate) async fn extend(
    State(s): State<AppState>,
    caller: Caller,
    Path(id): Path<String>,
    axum::Form(form): axum::Form<ChangeForm>,
) -> Result<Response, AppError> {
    caller.check_csrf(&form.csrf)?;
    let result = match form_date("told", &form.gemeld_op) {
        Err(e) => Err(e),
        Ok(told) => named(
            s.vault
                .extend_complaint(&caller.actor, &id, told, &form.reden)
                .await,
        )?,
    };
    change(&s, &caller, &id, &form, Form::Extend, result).await
}

/// Records the decision (Wkkgz art. 17 lid 1).
pub(crate) async fn decide(
    State(s): State<AppState>,
    caller: Caller,
    Path(id): Path<String>,
    axum::Form(form): axum::Form<ChangeForm>,
) -> Result<Response, AppError> {
    caller.check_csrf(&form.csrf)?;
    let parsed = ComplaintOutcome::from_id(form.uitkomst.trim())
        .ok_or_else(|| ("outcome", ComplaintOutcome::ids().join(", ")))
        .and_then(|o| Ok((o, form_date("on", &form.beslist_op)?)));
    let result = match parsed {
        Err(e) => Err(e),
        Ok((outcome, on)) => named(
            s.vault
                .decide_complaint(&caller.actor, &id, on, outcome, &form.toelichting)
                .await,
        )?,
    };
    change(&s, &caller, &id, &form, Form::Decide, result).await
}

/// Records that the complaint was put to the geschilleninstantie (Wkkgz art. 21).
pub(crate) async fn refer(
    State(s): State<AppState>,
    caller: Caller,
    Path(id): Path<String>,
    axum::Form(form): axum::Form<ChangeForm>,
) -> Result<Response, AppError> {
    caller.check_csrf(&form.csrf)?;
    let result = match form_date("on", &form.voorgelegd_op) {
        Err(e) => Err(e),
        Ok(on) => named(s.vault.refer_complaint(&caller.actor, &id, on).await)?,
    };
    change(&s, &caller, &id, &form, Form::Refer, result).await
}

/// Records whether the klachtenfunctionaris is involved and whether the complainant also went
/// to the AP (art. 77 AVG): the form sends both, as the boxes stand.
pub(crate) async fn mark(
    State(s): State<AppState>,
    caller: Caller,
    Path(id): Path<String>,
    axum::Form(form): axum::Form<ChangeForm>,
) -> Result<Response, AppError> {
    caller.check_csrf(&form.csrf)?;
    let result = named(
        s.vault
            .mark_complaint(
                &caller.actor,
                &id,
                Some(form.klachtenfunctionaris == "ja"),
                Some(form.ap == "ja"),
            )
            .await,
    )?;
    change(&s, &caller, &id, &form, Form::Mark, result).await
}

/// The dashboard's panel: the open complaints whose decision is due soonest (no text, no
/// names: the register shows those), for the roles that handle complaints.
pub(crate) async fn panel(s: &AppState, caller: &Caller) -> Result<Option<Markup>, AppError> {
    let vault = &s.vault;
    if !vault.may(&caller.actor, Duty::ManageComplaints) {
        return Ok(None);
    }
    let lang = caller.lang;
    let day = today();
    let open: Vec<Complaint> = by_urgency(vault.complaints(&caller.actor).await?)
        .into_iter()
        .filter(Complaint::open)
        .collect();
    let overdue = open.iter().filter(|c| c.overdue(day)).count();
    Ok(Some(html! {
        section.panel aria-labelledby="klachten-titel" {
            h2 id="klachten-titel" { (t(lang, "complaints-register")) }
            @if open.is_empty() {
                p { (t(lang, "complaints-none-open")) }
            } @else {
                p {
                    (t!(lang, "complaints-open-count", count = open.len() as i64))
                    @if overdue > 0 { ", " strong.late { (t!(lang, "complaints-overdue-count", count = overdue as i64)) } }
                }
                ul {
                    @for c in open.iter().take(3) {
                        li {
                            a href=(path(&c.id)) { (t!(lang, "complaints-received-on", date = &format_date(c.received, lang))) }
                            ": " strong.late[days_left(c, day) < 7] { (state(c, day, lang)) }
                            " (" (t!(lang, "complaints-decide-by", date = &format_date(c.clock.decide_by, lang))) ")"
                        }
                    }
                }
            }
            p { a href=(REGISTER_PATH) { (t(lang, "complaints-open")) } }
        }
    }))
}
