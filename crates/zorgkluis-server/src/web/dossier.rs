//! The dossier: whose it is (name, date of birth, client number), the records by category with
//! the newest first and earlier versions folded away, the client's own statements beside the
//! record they concern, what is withheld and why; correcting and supplementing a record; and
//! emergency access with a mandatory reason.

use std::collections::{BTreeMap, HashMap, HashSet};

use axum::Form;
use axum::extract::{Path, State};
use axum::http::StatusCode;
use axum::response::{IntoResponse, Redirect, Response};
use maud::{Markup, html};
use serde::Deserialize;
use zorgkluis_core::i18n::t;
use zorgkluis_core::taxonomy::{IDENTIFICATION_CATEGORY, Taxonomy};
use zorgkluis_core::vocabulary::Duty;
use zorgkluis_core::{Lang, t};
use zorgkluis_store::vault::{Amendment, Record, VaultError};

use super::layout::{category_label, moment, page, person_details};
use crate::api::Query;
use crate::{AppError, AppState, Caller};

/// One record as the dossier shows it: its current version, the versions it corrected, and the
/// client's statements about it.
struct Entry<'a> {
    current: &'a Record,
    earlier: Vec<&'a Record>,
    supplements: Vec<&'a Record>,
}

/// The records of one category as entries, newest first.
fn entries<'a>(records: &[&'a Record]) -> Vec<Entry<'a>> {
    let by_id: HashMap<&str, &Record> = records.iter().map(|r| (r.id.as_str(), *r)).collect();
    let corrected: HashSet<&str> = records
        .iter()
        .filter(|r| r.kind == "correction")
        .filter_map(|r| r.supersedes.as_deref())
        .collect();
    let mut out: Vec<Entry<'_>> = Vec::new();
    let mut chain_of: HashMap<&str, usize> = HashMap::new();
    for head in records
        .iter()
        .filter(|r| r.kind != "supplement" && !corrected.contains(r.id.as_str()))
    {
        let index = out.len();
        chain_of.insert(head.id.as_str(), index);
        let mut earlier = Vec::new();
        let mut at = *head;
        while at.kind == "correction" {
            let Some(prev) = at.supersedes.as_deref().and_then(|id| by_id.get(id)) else {
                break;
            };
            chain_of.insert(prev.id.as_str(), index);
            earlier.push(*prev);
            at = prev;
        }
        out.push(Entry {
            current: head,
            earlier,
            supplements: Vec::new(),
        });
    }
    for s in records.iter().filter(|r| r.kind == "supplement") {
        match s
            .supersedes
            .as_deref()
            .and_then(|id| chain_of.get(id).copied())
        {
            Some(i) => out[i].supplements.push(s),
            None => out.push(Entry {
                current: s,
                earlier: Vec::new(),
                supplements: Vec::new(),
            }),
        }
    }
    out.sort_by(|a, b| b.current.created_at.cmp(&a.current.created_at));
    out
}

fn record_meta(lang: Lang, r: &Record) -> Markup {
    html! { p.meta { (moment(&r.created_at, lang)) " · " (r.created_by) } }
}

fn entry_html(lang: Lang, caller: &Caller, e: &Entry<'_>) -> Markup {
    let r = e.current;
    html! {
        article.record data-category=(r.category) data-kind=(r.kind) data-id=(r.id) {
            @if r.kind == "correction" { p.kind { (t(lang, "corrected")) } }
            @if r.kind == "supplement" { p.kind { (t(lang, "client-supplement")) } }
            p.text { (r.text) }
            (record_meta(lang, r))
            @for s in &e.supplements {
                div.supplement data-kind="supplement" {
                    p.kind { (t(lang, "client-supplement")) }
                    p.text { (s.text) }
                    (record_meta(lang, s))
                }
            }
            @if !e.earlier.is_empty() {
                details.history {
                    summary { (t!(lang, "earlier-versions", count = e.earlier.len())) }
                    @for old in &e.earlier {
                        div.old { p.text { (old.text) } (record_meta(lang, old)) }
                    }
                }
            }
            @if r.kind != "supplement" {
                (amend_form(lang, caller, &r.id, "correctie", ["correct", "new-text", "save-correction"]))
                (amend_form(lang, caller, &r.id, "aanvulling", ["add-supplement", "client-statement", "save-supplement"]))
            }
        }
    }
}

/// A form that amends a record, folded until opened; the decision is made when it is sent,
/// and a role that may not amend gets a clear refusal.
fn amend_form(
    lang: Lang,
    caller: &Caller,
    record: &str,
    kind: &str,
    [open, label, button]: [&str; 3],
) -> Markup {
    let field = format!("{kind}-{record}");
    html! {
        details.amend data-form=(kind) {
            summary { (t(lang, open)) }
            form method="post" action={ "/gegevens/" (record) "/" (kind) } {
                input type="hidden" name="csrf" value=(caller.csrf());
                label for=(field) { (t(lang, label)) }
                textarea id=(field) name="tekst" rows="3" required {}
                button.primary type="submit" { (t(lang, button)) }
            }
        }
    }
}

fn records_by_category<'a>(
    taxonomy: &Taxonomy,
    lang: Lang,
    records: &'a [Record],
) -> BTreeMap<(bool, String), (String, Vec<&'a Record>)> {
    let mut groups: BTreeMap<(bool, String), (String, Vec<&Record>)> = BTreeMap::new();
    for r in records {
        // The identification category first, then by label.
        let label = category_label(taxonomy, &r.category, lang);
        groups
            .entry((r.category != IDENTIFICATION_CATEGORY, label.clone()))
            .or_insert_with(|| (r.category.clone(), Vec::new()))
            .1
            .push(r);
    }
    groups
}

pub(crate) async fn dossier(
    State(s): State<AppState>,
    caller: Caller,
    Path(person): Path<String>,
) -> Result<Response, AppError> {
    let lang = caller.lang;
    let vault = &s.vault;
    let view = match vault.dossier(&caller.actor, &person, "zorgverlening").await {
        Ok(view) => view,
        // Outside the care team with nothing to see: the refusal, and the way to break the
        // glass if the reglement allows it, without telling which categories the client has.
        Err(VaultError::Denied(decision)) => {
            let body = html! {
                p.error role="alert" { (decision.explain(lang)) }
                (emergency_link(&s, &caller, &person))
            };
            return Ok((
                StatusCode::FORBIDDEN,
                page(vault, &caller, &t(lang, "error-denied"), body),
            )
                .into_response());
        }
        Err(other) => return Err(other.into()),
    };
    let taxonomy = &vault.reglement().taxonomy;
    let title = match &view.facts {
        Some(f) => f.name.clone(),
        None => t(lang, "dossier"),
    };
    let glass: Vec<&str> = view
        .withheld
        .iter()
        .map(|w| w.category.as_str())
        .filter(|c| vault.may_break_glass(&caller.actor, c))
        .collect();
    let groups = records_by_category(taxonomy, lang, &view.records);
    // A standing legal hold is shown on the record (read with the identification facts, for
    // whoever may read those).
    let holds = if view.facts.is_some() {
        vault.holds_on_record(&caller.actor, &person).await?
    } else {
        Vec::new()
    };
    let places_holds = vault.may(&caller.actor, Duty::PlaceHold);
    let representation = if view.facts.is_some() {
        super::representation::panel(&s, &caller, &person, view.care_team).await?
    } else {
        html! {}
    };
    let body = html! {
        @if view.facts.is_some() { (super::consents::tabs(lang, &person, "dossier")) }
        (super::retention::dossier_notice(&caller, &s, &person, &holds))
        @if view.facts.is_some() {
            p.sub { (person_details(view.facts.as_ref(), lang)) }
        }
        @if view.facts.is_none() && view.withheld.iter().any(|w| w.category == IDENTIFICATION_CATEGORY) {
            p.sub { (t(lang, "name-withheld")) }
        }
        @for ((_, label), (category, records)) in &groups {
            section.category aria-labelledby={ "cat-" (category) } data-category=(category) {
                h2 id={ "cat-" (category) } { (label) }
                @for e in entries(records) { (entry_html(lang, &caller, &e)) }
            }
        }
        @if view.records.is_empty() { p.empty { (t(lang, "no-records")) } }
        @if !view.withheld.is_empty() {
            section aria-labelledby="withheld-title" {
                h2 id="withheld-title" { (t(lang, "withheld")) }
                @for w in &view.withheld {
                    div.withheld data-category=(w.category) {
                        strong { (category_label(taxonomy, &w.category, lang)) } ": " (w.decision.explain(lang))
                        @if glass.contains(&w.category.as_str()) {
                            " " a href={ "/clienten/" (person) "/noodtoegang?categorie=" (w.category) } { (t(lang, "emergency-access")) }
                        }
                    }
                }
            }
        }
        @if !view.care_team { (emergency_link(&s, &caller, &person)) }
        @if vault.may(&caller.actor, Duty::ReadAudit) {
            p { a href={ "/toezicht/clienten/" (person) "/logging" } { (t(lang, "access-log")) } }
        }
        @if vault.may_disclose(&caller.actor, view.care_team) {
            p { a href={ "/clienten/" (person) "/verstrekken" } { (t(lang, "ledger-form-title")) } }
        }
        @if vault.may(&caller.actor, Duty::CheckContact) {
            p { a href=(super::contacts::client_path(&person)) { (t(lang, "contacts-title")) } }
        }
        @if places_holds { (super::retention::place_form(&caller, &s, &person)) }
        (representation)
    };
    Ok(page(vault, &caller, &title, body).into_response())
}

/// For a caller outside the care team: a link to emergency access, if the reglement lets them
/// break the glass for any category.
fn emergency_link(s: &AppState, caller: &Caller, person: &str) -> Markup {
    let lang = caller.lang;
    html! {
        @if !glass_categories(s, caller).is_empty() {
            p.notice {
                (t(lang, "outside-care-team")) " "
                a.emergency href={ "/clienten/" (person) "/noodtoegang" } { (t(lang, "emergency-access")) }
            }
        }
    }
}

#[derive(Deserialize)]
pub(crate) struct AmendForm {
    #[serde(default)]
    csrf: String,
    #[serde(default)]
    tekst: String,
}

pub(crate) async fn correct(
    State(s): State<AppState>,
    caller: Caller,
    Path(record): Path<String>,
    Form(form): Form<AmendForm>,
) -> Result<Response, AppError> {
    amend(&s, &caller, &record, &form, Amendment::Correction).await
}

/// Adds the client's own statement to a record (aanvulling).
pub(crate) async fn supplement(
    State(s): State<AppState>,
    caller: Caller,
    Path(record): Path<String>,
    Form(form): Form<AmendForm>,
) -> Result<Response, AppError> {
    amend(&s, &caller, &record, &form, Amendment::Supplement).await
}

async fn amend(
    s: &AppState,
    caller: &Caller,
    record: &str,
    form: &AmendForm,
    kind: Amendment,
) -> Result<Response, AppError> {
    caller.check_csrf(&form.csrf)?;
    let lang = caller.lang;
    if form.tekst.trim().is_empty() {
        let body = html! { p.error role="alert" { (t(lang, "text-required")) } p { a href="javascript:history.back()" { (t(lang, "back")) } } };
        return Ok((
            StatusCode::UNPROCESSABLE_ENTITY,
            page(&s.vault, caller, &t(lang, "correct"), body),
        )
            .into_response());
    }
    let (_, person) = s
        .vault
        .amend(&caller.actor, kind, record, &form.tekst, kind.purpose())
        .await?;
    Ok(Redirect::to(&format!("/clienten/{person}")).into_response())
}

#[derive(Deserialize)]
pub(crate) struct EmergencyQuery {
    categorie: Option<String>,
}

pub(crate) async fn emergency_form(
    State(s): State<AppState>,
    caller: Caller,
    Path(person): Path<String>,
    Query(q): Query<EmergencyQuery>,
) -> Result<Markup, AppError> {
    let lang = caller.lang;
    Ok(page(
        &s.vault,
        &caller,
        &t(lang, "emergency-access"),
        emergency_body(&s, &caller, &person, q.categorie.as_deref(), None),
    ))
}

/// The categories the caller may break the glass for, with their labels.
fn glass_categories(s: &AppState, caller: &Caller) -> Vec<(String, String)> {
    let taxonomy = &s.vault.reglement().taxonomy;
    let mut out: Vec<(String, String)> = taxonomy
        .categories
        .iter()
        .filter(|c| s.vault.may_break_glass(&caller.actor, &c.id))
        .map(|c| (c.id.clone(), c.label(caller.lang).to_owned()))
        .collect();
    out.sort_by(|a, b| a.1.cmp(&b.1));
    out
}

fn emergency_body(
    s: &AppState,
    caller: &Caller,
    person: &str,
    chosen: Option<&str>,
    error: Option<&str>,
) -> Markup {
    let lang = caller.lang;
    let categories = glass_categories(s, caller);
    html! {
        p.notice { (t(lang, "emergency-explained")) }
        @if let Some(e) = error { p.error role="alert" { (e) } }
        @if categories.is_empty() {
            p.error { (t(lang, "emergency-not-permitted")) }
        } @else {
            form method="post" action={ "/clienten/" (person) "/noodtoegang" } {
                input type="hidden" name="csrf" value=(caller.csrf());
                label for="categorie" { (t(lang, "category")) }
                select id="categorie" name="categorie" {
                    @for (id, label) in &categories {
                        option value=(id) selected[chosen == Some(id.as_str())] { (label) }
                    }
                }
                label for="reden" { (t(lang, "reason-required-label")) }
                textarea id="reden" name="reden" rows="3" {}
                button.primary type="submit" { (t(lang, "break-the-glass")) }
            }
        }
    }
}

#[derive(Deserialize)]
pub(crate) struct EmergencyForm {
    #[serde(default)]
    csrf: String,
    #[serde(default)]
    categorie: String,
    #[serde(default)]
    reden: String,
}

pub(crate) async fn emergency(
    State(s): State<AppState>,
    caller: Caller,
    Path(person): Path<String>,
    Form(form): Form<EmergencyForm>,
) -> Result<Response, AppError> {
    caller.check_csrf(&form.csrf)?;
    let lang = caller.lang;
    let title = t(lang, "emergency-access");
    let refuse = |status: StatusCode, message: &str| {
        (
            status,
            page(
                &s.vault,
                &caller,
                &title,
                emergency_body(&s, &caller, &person, Some(&form.categorie), Some(message)),
            ),
        )
            .into_response()
    };
    if form.reden.trim().is_empty() {
        return Ok(refuse(
            StatusCode::UNPROCESSABLE_ENTITY,
            &t(lang, "reason-required"),
        ));
    }
    let read = s
        .vault
        .read_category(
            &caller.actor,
            &person,
            &form.categorie,
            "noodtoegang",
            Some(&form.reden),
        )
        .await;
    let records = match read {
        Ok(r) => r,
        Err(VaultError::Denied(d)) => {
            return Ok(refuse(StatusCode::FORBIDDEN, &d.explain(lang)));
        }
        Err(other) => return Err(other.into()),
    };
    let taxonomy = &s.vault.reglement().taxonomy;
    let label = category_label(taxonomy, &form.categorie, lang);
    let refs: Vec<&Record> = records.iter().collect();
    let body = html! {
        p.notice role="status" { (t(lang, "emergency-granted")) }
        section aria-labelledby="nood-cat" {
            h2 id="nood-cat" { (label) }
            @if records.is_empty() { p.empty { (t(lang, "no-records")) } }
            @for e in entries(&refs) {
                article.record data-category=(e.current.category) {
                    p.text { (e.current.text) }
                    (record_meta(lang, e.current))
                }
            }
        }
        p { a href={ "/clienten/" (person) } { (t(lang, "back-to-dossier")) } }
    };
    Ok(page(&s.vault, &caller, &title, body).into_response())
}
