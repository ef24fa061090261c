//! The disclosure ledger in the web UI (issue 14 parts 2 and 6): the form that discloses part
//! of a dossier to a registered organisation, showing the decision with its articles before
//! anything goes out ("Beoordelen") and disclosing only once that is confirmed; the result
//! with the extract to print or download; the notice to the client of a disclosure without
//! consent (the Dutch letter, recorded as sent on a day or left out under the reglement's
//! exception with a reason); the ledger for the roles with `read_audit` (the FG), filtered,
//! with what is still to be done first and a CSV export; and the register of recipients (the
//! duty `manage_recipients`). Every page asks the vault; the store logs.

use std::collections::{BTreeMap, BTreeSet};

use axum::Form;
use axum::extract::{Path, State};
use axum::http::StatusCode;
use axum::response::{IntoResponse, Redirect, Response};
use jiff::civil::Date;
use maud::{Markup, html};
use serde::Deserialize;
use zorgkluis_core::decide::{DisclosureAnswer, cite_list};
use zorgkluis_core::i18n::t;
use zorgkluis_core::time::format_date;
use zorgkluis_core::{Lang, t};
use zorgkluis_store::vault::{
    Disclosure, DisclosureOutcome, NewDisclosure, NewRecipient, NoticeOutcome, PersonFacts,
    Recipient, VaultError,
};

use super::layout::{category_label, moment, page, person_name, role_name};
use crate::api::Query;
use crate::{AppError, AppState, Caller};

pub(crate) const LEDGER_PATH: &str = "/toezicht/verstrekkingen";
pub(crate) const LEDGER_CSV_PATH: &str = "/toezicht/verstrekkingen/csv";
pub(crate) const LEDGER_XLSX_PATH: &str = "/toezicht/verstrekkingen/xlsx";
pub(crate) const RECIPIENTS_PATH: &str = "/toezicht/ontvangers";

/// Purposes offered as suggestions on the form (the store takes any short label).
const PURPOSES: &[&str] = &[
    "overdracht van zorg",
    "verwijzing",
    "bemoeizorg",
    "audit",
    "financiering",
];

fn today() -> Date {
    zorgkluis_core::time::dutch_date(jiff::Timestamp::now())
}

fn form_path(person: &str) -> String {
    format!("/clienten/{person}/verstrekken")
}

pub(crate) fn notice_path(disclosure: &str) -> String {
    format!("/verstrekkingen/{disclosure}/melding")
}

fn kind_label(s: &AppState, kind: &str, lang: Lang) -> String {
    s.vault
        .reglement()
        .taxonomy
        .recipient(kind)
        .map_or_else(|| kind.to_owned(), |t| t.label(lang).to_owned())
}

fn categories_text(s: &AppState, categories: &[String], lang: Lang) -> String {
    let taxonomy = &s.vault.reglement().taxonomy;
    categories
        .iter()
        .map(|c| category_label(taxonomy, c, lang))
        .collect::<Vec<_>>()
        .join(", ")
}

/// "Huisartsenpraktijk Voorbeeld (zorgaanbieder) · AGB 01234567".
fn recipient_line(s: &AppState, r: &Recipient, lang: Lang) -> String {
    let mut out = format!("{} ({})", r.name, kind_label(s, &r.kind, lang));
    if let Some(agb) = &r.agb_code {
        out.push_str(&format!(" · AGB {agb}"));
    }
    if let Some(kvk) = &r.kvk_number {
        out.push_str(&format!(" · KvK {kvk}"));
    }
    if r.country != "NL" {
        out.push_str(&format!(" · {}", r.country));
    }
    out
}

/// The basis of an entry in words: with the client's consent, or without it and why.
fn basis_text(d: &Disclosure, lang: Lang) -> String {
    let articles = cite_list(&d.articles);
    let basis = if d.consent_ids.is_empty() {
        t!(lang, "ledger-basis-without", articles = &articles)
    } else {
        t!(lang, "ledger-basis-with", articles = &articles)
    };
    if d.conflict_of_duties {
        format!("{basis}, {}", t(lang, "ledger-on-conflict-of-duties"))
    } else {
        basis
    }
}

/// Where the notice to the client stands.
fn notice_state(d: &Disclosure, lang: Lang) -> String {
    match (&d.notice, d.notice_required) {
        (Some(n), _) if n.outcome == NoticeOutcome::Verstuurd => {
            t!(
                lang,
                "ledger-notice-sent-on",
                date = &format_date(n.on, lang)
            )
        }
        (Some(n), _) => t!(
            lang,
            "ledger-notice-exception-on",
            date = &format_date(n.on, lang)
        ),
        (None, true) => t(lang, "ledger-notice-due"),
        (None, false) => t(lang, "ledger-notice-not-needed"),
    }
}

// --- The disclosure form ----------------------------------------------------------------------

/// What the form holds (the categories may repeat).
#[derive(Deserialize, Default, Clone)]
pub(crate) struct DiscloseForm {
    #[serde(default)]
    csrf: String,
    #[serde(default)]
    ontvanger: String,
    #[serde(default)]
    categorie: Vec<String>,
    #[serde(default)]
    doel: String,
    /// `beoordelen` (show the decision) or `verstrekken` (disclose).
    #[serde(default)]
    stap: String,
    /// The disclosure confirmed ("ja"): the browser asks for it, the server checks it.
    #[serde(default)]
    bevestigd: String,
    /// Why a conflict of duties requires the disclosure without the consent its rule asks
    /// (only where a rule allows that); empty otherwise.
    #[serde(default)]
    conflict_van_plichten: String,
}

impl DiscloseForm {
    fn new_disclosure(&self, person: &str) -> NewDisclosure {
        NewDisclosure {
            person: person.to_owned(),
            recipient: self.ontvanger.trim().to_owned(),
            categories: self.categorie.clone(),
            purpose: self.doel.trim().to_owned(),
            conflict_of_duties: Some(self.conflict_van_plichten.trim().to_owned())
                .filter(|j| !j.is_empty()),
        }
    }
}

/// An error shown beside the field it is about (`field` as the store names it).
struct FieldError {
    field: String,
    message: String,
}

fn field_error(field: &str, message: &str) -> FieldError {
    FieldError {
        field: field.to_owned(),
        message: message.to_owned(),
    }
}

fn error_for(errors: Option<&FieldError>, field: &str, lang: Lang) -> Markup {
    html! {
        @if let Some(e) = errors.filter(|e| e.field == field) {
            p.error id={ "fout-" (field) } role="alert" { (field_message(field, &e.message, lang)) }
        }
    }
}

/// The store's message in the caller's words where the page knows the field.
fn field_message(field: &str, message: &str, lang: Lang) -> String {
    let key = match field {
        "recipient" => "ledger-error-recipient",
        "categories" => "ledger-error-categories",
        "purpose" => "ledger-error-purpose",
        "bevestigd" => "ledger-error-confirm",
        "kind" => "ledger-error-kind",
        "name" => "ledger-error-name",
        "agb_code" => "ledger-error-agb",
        "kvk_number" => "ledger-error-kvk",
        "country" => "ledger-error-country",
        "on" => "ledger-error-on",
        "reason" => "ledger-error-reason",
        "outcome" => "ledger-error-outcome",
        "conflict_of_duties" => "ledger-error-conflict-of-duties",
        _ => return message.to_owned(),
    };
    t(lang, key)
}

/// The client's name for the form's heading (logged as a read of the identification data).
async fn client_heading(
    s: &AppState,
    caller: &Caller,
    person: &str,
) -> Result<Option<PersonFacts>, AppError> {
    Ok(s.vault
        .facts_for_page(&caller.actor, person, "verstrekken")
        .await?)
}

fn title(facts: Option<&PersonFacts>, lang: Lang) -> String {
    match facts {
        Some(f) => t!(lang, "ledger-form-title-of", name = f.name.as_str()),
        None => t(lang, "ledger-form-title"),
    }
}

/// The fields of the form, filled with what was chosen.
fn form_fields(
    s: &AppState,
    actor: &zorgkluis_store::vault::Actor,
    recipients: &[Recipient],
    form: &DiscloseForm,
    errors: Option<&FieldError>,
    lang: Lang,
) -> Markup {
    let taxonomy = &s.vault.reglement().taxonomy;
    // What the caller may disclose (in the care team: the form is opened from the dossier),
    // and whatever was chosen already.
    let offered = s.vault.disclosable_categories(actor, true);
    let mut categories: Vec<(String, String)> = taxonomy
        .categories
        .iter()
        .filter(|c| offered.contains(&c.id) || form.categorie.contains(&c.id))
        .map(|c| (c.id.clone(), c.label(lang).to_owned()))
        .collect();
    categories.sort_by(|a, b| a.1.cmp(&b.1));
    html! {
        label for="ontvanger" { (t(lang, "ledger-recipient")) }
        select id="ontvanger" name="ontvanger" required {
            option value="" { (t(lang, "ledger-choose-recipient")) }
            @for r in recipients {
                option value=(r.id) selected[form.ontvanger == r.id] { (recipient_line(s, r, lang)) }
            }
        }
        (error_for(errors, "recipient", lang))
        fieldset {
            legend { (t(lang, "ledger-categories")) }
            @for (id, label) in &categories {
                label.choice {
                    input type="checkbox" name="categorie" value=(id) checked[form.categorie.contains(id)];
                    (label)
                }
            }
        }
        (error_for(errors, "categories", lang))
        label for="doel" { (t(lang, "ledger-purpose")) }
        input id="doel" name="doel" list="doelen" value=(form.doel) required maxlength="60" aria-describedby="doel-uitleg";
        datalist id="doelen" { @for p in PURPOSES { option value=(p) {} } }
        p.meta id="doel-uitleg" { (t(lang, "ledger-purpose-hint")) }
        (error_for(errors, "purpose", lang))
    }
}

/// The form, and beneath it the decision where it was asked for.
fn form_page(
    s: &AppState,
    caller: &Caller,
    person: &str,
    facts: Option<&PersonFacts>,
    recipients: &[Recipient],
    form: &DiscloseForm,
    errors: Option<&FieldError>,
) -> Markup {
    let lang = caller.lang;
    html! {
        p.sub { (t(lang, "ledger-form-explained")) }
        @if recipients.is_empty() {
            p.notice { (t(lang, "ledger-no-recipients")) }
        }
        @if let Some(e) = errors.filter(|e| !matches!(e.field.as_str(), "recipient" | "categories" | "purpose")) {
            p.error role="alert" { (field_message(&e.field, &e.message, lang)) }
        }
        form method="post" action=(form_path(person)) {
            input type="hidden" name="csrf" value=(caller.csrf());
            (form_fields(s, &caller.actor, recipients, form, errors, lang))
            button.primary type="submit" name="stap" value="beoordelen" { (t(lang, "ledger-review-button")) }
        }
        p { a href={ "/clienten/" (person) } { (t(lang, "back-to-dossier")) } }
        @if facts.is_none() { p.meta { (t(lang, "ledger-no-name")) } }
    }
}

/// The recipients to choose from: the register, read as the form's question (who may
/// disclose need not keep the register; the list is the ledger's own, without the duty).
async fn recipients_for_form(s: &AppState, caller: &Caller) -> Result<Vec<Recipient>, AppError> {
    Ok(s.vault.recipient_choices(&caller.actor).await?)
}

pub(crate) async fn form(
    State(s): State<AppState>,
    caller: Caller,
    Path(person): Path<String>,
) -> Result<Markup, AppError> {
    let facts = client_heading(&s, &caller, &person).await?;
    let recipients = recipients_for_form(&s, &caller).await?;
    let body = form_page(
        &s,
        &caller,
        &person,
        facts.as_ref(),
        &recipients,
        &DiscloseForm::default(),
        None,
    );
    Ok(page(
        &s.vault,
        &caller,
        &title(facts.as_ref(), caller.lang),
        body,
    ))
}

/// One category's decision, as a row of the review.
fn decision_row(s: &AppState, d: &DisclosureAnswer, lang: Lang) -> Markup {
    let taxonomy = &s.vault.reglement().taxonomy;
    html! {
        tr data-category=(d.category) data-allowed=(d.allowed) {
            td { (category_label(taxonomy, &d.category, lang)) }
            td {
                @if d.allowed { strong.allowed { (t(lang, "ledger-allowed")) } }
                @else { strong.late { (t(lang, "ledger-not-allowed")) } }
            }
            td {
                @if d.needs_consent {
                    (t!(lang, "ledger-consent-needed", form = d.consent_form.label(lang)))
                    br;
                    @if d.allowed { (t(lang, "ledger-consent-found")) }
                    @else { strong.late { (t(lang, "ledger-consent-missing")) } }
                } @else {
                    (t(lang, "ledger-consent-not-needed"))
                }
            }
            td { (cite_list(&d.articles)) }
            td {
                @if d.conditions.is_empty() { "—" } @else { (d.conditions.join("; ")) }
                @if d.by_default { br; span.meta { (t(lang, "ledger-by-default")) } }
            }
            td {
                @if d.notify_subject { strong { (t(lang, "ledger-client-told-yes")) } }
                @else { (t(lang, "ledger-client-told-no")) }
            }
        }
    }
}

fn decisions_table(s: &AppState, decisions: &[DisclosureAnswer], lang: Lang) -> Markup {
    html! {
        table.decisions style="table-layout:fixed;overflow-wrap:break-word" {
            caption { (t(lang, "ledger-decision-caption")) }
            thead { tr {
                th scope="col" { (t(lang, "category")) }
                th scope="col" { (t(lang, "ledger-decision")) }
                th scope="col" { (t(lang, "ledger-consent")) }
                th scope="col" { (t(lang, "retention-articles")) }
                th scope="col" { (t(lang, "ledger-conditions")) }
                th scope="col" { (t(lang, "ledger-client-told")) }
            } }
            tbody { @for d in decisions { (decision_row(s, d, lang)) } }
        }
    }
}

/// The review: what was chosen, fixed (a change goes back to the form), the decision per
/// category, and, if everything may go, the confirmation and the button that discloses.
#[allow(clippy::too_many_arguments)]
fn review_page(
    s: &AppState,
    caller: &Caller,
    person: &str,
    recipients: &[Recipient],
    form: &DiscloseForm,
    decisions: &[DisclosureAnswer],
    error: Option<&FieldError>,
) -> Markup {
    let lang = caller.lang;
    let recipient = recipients.iter().find(|r| r.id == form.ontvanger);
    let all_allowed = decisions.iter().all(|d| d.allowed);
    let notify = decisions.iter().any(|d| d.notify_subject);
    // Refused only for the consent a conflict of duties may stand in for: the caregiver may
    // disclose on one, with the justification.
    let conflict_possible = !all_allowed
        && decisions
            .iter()
            .filter(|d| !d.allowed)
            .all(|d| d.conflict_of_duties_allowed && !d.banned && d.needs_consent);
    html! {
        section.panel aria-labelledby="beoordeling" {
            h2 id="beoordeling" { (t(lang, "ledger-review-title")) }
            dl.facts {
                dt { (t(lang, "ledger-recipient")) }
                dd { @if let Some(r) = recipient { (recipient_line(s, r, lang)) } @else { (form.ontvanger) } }
                dt { (t(lang, "ledger-categories")) }
                dd { (categories_text(s, &form.categorie, lang)) }
                dt { (t(lang, "ledger-purpose")) }
                dd { (form.doel) }
                @if !form.conflict_van_plichten.trim().is_empty() {
                    dt { (t(lang, "ledger-conflict-of-duties")) }
                    dd { (form.conflict_van_plichten.trim()) }
                }
            }
            (decisions_table(s, decisions, lang))
            @if let Some(e) = error.filter(|e| e.field == "consent") {
                p.error role="alert" { strong { (t(lang, "ledger-refused")) } " " (e.message) }
            }
            @if all_allowed {
                @if notify { p.notice { strong { (t(lang, "ledger-will-tell")) } " " (t(lang, "ledger-will-tell-explained")) } }
                form method="post" action=(form_path(person)) {
                    input type="hidden" name="csrf" value=(caller.csrf());
                    input type="hidden" name="ontvanger" value=(form.ontvanger);
                    @for c in &form.categorie { input type="hidden" name="categorie" value=(c); }
                    input type="hidden" name="doel" value=(form.doel);
                    @if !form.conflict_van_plichten.trim().is_empty() {
                        input type="hidden" name="conflict_van_plichten" value=(form.conflict_van_plichten.trim());
                    }
                    label.choice {
                        input type="checkbox" id="bevestigd" name="bevestigd" value="ja" required;
                        (t(lang, "ledger-confirm"))
                    }
                    (error_for(error, "bevestigd", lang))
                    (error_for(error, "conflict_of_duties", lang))
                    button.primary type="submit" name="stap" value="verstrekken" { (t(lang, "ledger-disclose-button")) }
                }
            } @else {
                p.error role="alert" { (t(lang, "ledger-cannot-disclose")) }
                @if conflict_possible {
                    form.conflict method="post" action=(form_path(person)) {
                        input type="hidden" name="csrf" value=(caller.csrf());
                        input type="hidden" name="ontvanger" value=(form.ontvanger);
                        @for c in &form.categorie { input type="hidden" name="categorie" value=(c); }
                        input type="hidden" name="doel" value=(form.doel);
                        h3 { (t(lang, "ledger-conflict-of-duties")) }
                        p.meta id="conflict_uitleg" { (t(lang, "ledger-conflict-of-duties-hint")) }
                        label for="conflict_van_plichten" { (t(lang, "ledger-conflict-of-duties-reason")) }
                        textarea id="conflict_van_plichten" name="conflict_van_plichten" rows="4" required aria-describedby="conflict_uitleg" {}
                        (error_for(error, "conflict_of_duties", lang))
                        p { button type="submit" name="stap" value="beoordelen" { (t(lang, "ledger-conflict-of-duties-button")) } }
                    }
                }
            }
        }
        details.amend open[!all_allowed] {
            summary { (t(lang, "ledger-change")) }
            form method="post" action=(form_path(person)) {
                input type="hidden" name="csrf" value=(caller.csrf());
                (form_fields(s, &caller.actor, recipients, form, None, lang))
                button.primary type="submit" name="stap" value="beoordelen" { (t(lang, "ledger-review-button")) }
            }
        }
        p { a href={ "/clienten/" (person) } { (t(lang, "back-to-dossier")) } }
    }
}

/// The form sent: "Beoordelen" shows the decision; "Verstrekken", confirmed, discloses and
/// shows the result. Bad input is shown beside its field (422), a refusal with its reason.
pub(crate) async fn submit(
    State(s): State<AppState>,
    caller: Caller,
    Path(person): Path<String>,
    axum_extra::extract::Form(form): axum_extra::extract::Form<DiscloseForm>,
) -> Result<Response, AppError> {
    caller.check_csrf(&form.csrf)?;
    let lang = caller.lang;
    // An unknown client is 404 before anything else is read or decided.
    let facts = client_heading(&s, &caller, &person).await?;
    let recipients = recipients_for_form(&s, &caller).await?;
    let page_title = title(facts.as_ref(), lang);
    let show = |status: StatusCode, body: Markup| {
        (status, page(&s.vault, &caller, &page_title, body)).into_response()
    };
    let new = form.new_disclosure(&person);
    let preview = match s.vault.disclosure_preview(&caller.actor, &new).await {
        Ok(p) => p,
        Err(VaultError::Invalid { field, message }) => {
            let e = field_error(field, &message);
            let body = form_page(
                &s,
                &caller,
                &person,
                facts.as_ref(),
                &recipients,
                &form,
                Some(&e),
            );
            return Ok(show(StatusCode::UNPROCESSABLE_ENTITY, body));
        }
        Err(VaultError::Denied(d)) => {
            let body = html! {
                p.error role="alert" { (d.explain(lang)) }
                p { a href={ "/clienten/" (person) } { (t(lang, "back-to-dossier")) } }
            };
            return Ok(show(StatusCode::FORBIDDEN, body));
        }
        Err(e) => return Err(e.into()),
    };
    if form.stap != "verstrekken" {
        let body = review_page(&s, &caller, &person, &recipients, &form, &preview, None);
        return Ok(show(StatusCode::OK, body));
    }
    if form.bevestigd != "ja" {
        let e = field_error("bevestigd", "confirm the disclosure");
        let body = review_page(&s, &caller, &person, &recipients, &form, &preview, Some(&e));
        return Ok(show(StatusCode::UNPROCESSABLE_ENTITY, body));
    }
    match s.vault.disclose(&caller.actor, &new, lang).await {
        Ok(out) => {
            let body = result_page(&s, &caller, facts.as_ref(), &out);
            Ok(page(&s.vault, &caller, &t(lang, "ledger-result-title"), body).into_response())
        }
        Err(VaultError::Invalid { field, message }) => {
            let e = field_error(field, &message);
            let body = review_page(&s, &caller, &person, &recipients, &form, &preview, Some(&e));
            Ok(show(StatusCode::UNPROCESSABLE_ENTITY, body))
        }
        Err(e) => Err(e.into()),
    }
}

/// The extract as a file to download, byte for byte the payload whose SHA-256 the ledger
/// keeps: a `data:` address, so nothing of it is stored or served again.
fn download_href(payload: &str) -> String {
    let mut out = String::from("data:application/json;charset=utf-8,");
    for b in payload.bytes() {
        if b.is_ascii_alphanumeric() || matches!(b, b'-' | b'_' | b'.' | b'~') {
            out.push(char::from(b));
        } else {
            out.push_str(&format!("%{b:02X}"));
        }
    }
    out
}

/// What went out: the entry, the notice duty, the extract to print or download.
fn result_page(
    s: &AppState,
    caller: &Caller,
    facts: Option<&PersonFacts>,
    out: &DisclosureOutcome,
) -> Markup {
    let lang = caller.lang;
    let d = &out.disclosure;
    let taxonomy = &s.vault.reglement().taxonomy;
    let payload = serde_json::to_string(&out.extract).unwrap_or_default();
    html! {
        @if d.notice_required {
            div.notice.hold role="alert" data-notice="due" {
                p { strong { (t(lang, "ledger-must-tell")) } }
                p { (t!(lang, "ledger-must-tell-explained", articles = &cite_list(&d.notice_articles))) }
                p { a.button href=(notice_path(&d.id)) { (t(lang, "ledger-to-notice")) } }
            }
        } @else {
            p.notice role="status" { (t(lang, "ledger-done")) }
        }
        dl.facts data-disclosure=(d.id) {
            dt { (t(lang, "client")) } dd { (person_name(facts, lang)) }
            dt { (t(lang, "ledger-recipient")) } dd { (recipient_line(s, &d.recipient, lang)) }
            dt { (t(lang, "ledger-categories")) } dd { (categories_text(s, &d.categories, lang)) }
            dt { (t(lang, "ledger-purpose")) } dd { (d.purpose) }
            dt { (t(lang, "ledger-record-count")) } dd { (d.record_ids.len()) }
            dt { (t(lang, "ledger-basis")) } dd { (basis_text(d, lang)) }
            dt { (t(lang, "ledger-disclosed-on")) } dd { (format_date(d.disclosed_on, lang)) }
            dt { (t(lang, "ledger-sha256")) } dd { code { (d.payload_sha256) } }
            dt { (t(lang, "retention-run-id")) } dd { code { (d.id) } }
        }
        section aria-labelledby="uittreksel" {
            h2 id="uittreksel" { (t(lang, "ledger-extract")) }
            p.sub.no-print {
                (t(lang, "ledger-extract-explained")) " "
                a href=(download_href(&payload)) download={ "verstrekking-" (d.id) ".json" } { (t(lang, "ledger-download")) }
            }
            @if out.extract.is_empty() { p.empty { (t(lang, "no-records")) } }
            @for r in &out.extract {
                article.record data-category=(r.category) {
                    p.kind { (category_label(taxonomy, &r.category, lang)) }
                    p.text { (r.text) }
                    p.meta { (moment(&r.created_at, lang)) }
                }
            }
        }
        p.no-print { a href={ "/clienten/" (d.person_id) } { (t(lang, "back-to-dossier")) } }
    }
}

// --- The notice to the client -------------------------------------------------------------

#[derive(Deserialize, Default)]
pub(crate) struct NoticeForm {
    #[serde(default)]
    csrf: String,
    /// `verstuurd` or `uitzondering`.
    #[serde(default)]
    uitkomst: String,
    #[serde(default)]
    datum: String,
    #[serde(default)]
    reden: String,
}

/// The letter as a printable block, with the organisation and the client.
fn letter(s: &AppState, facts: Option<&PersonFacts>, on: Date, text: &str, lang: Lang) -> Markup {
    let org = &s.vault.reglement().file.organisation;
    html! {
        article.letter style="border:1px solid #ccc;border-radius:4px;padding:.4rem 1.5rem;max-width:44rem" {
            p { strong { (org.name) } @if let Some(a) = &org.address { br; (a) } }
            p { (format_date(on, lang)) }
            p { (t!(lang, "letter-to", name = &person_name(facts, lang))) }
            @for para in text.split("\n\n") { p { (para) } }
            p { (t(lang, "letter-closing")) br; (org.controller) }
        }
    }
}

async fn notice_body(
    s: &AppState,
    caller: &Caller,
    id: &str,
    form: &NoticeForm,
    error: Option<&FieldError>,
) -> Result<Markup, AppError> {
    let lang = caller.lang;
    let entry = s.vault.disclosure_entry(&caller.actor, id).await?;
    let d = &entry.disclosure;
    let facts = s
        .vault
        .facts_for_page(&caller.actor, &d.person_id, "verstrekking-melden")
        .await?;
    let exception = s
        .vault
        .reglement()
        .file
        .disclosure
        .notify_without_consent
        .as_ref()
        .and_then(|n| n.exception.clone());
    let recorded = match &d.notice {
        Some(_) => Some(s.vault.disclosure_notice_letter(&caller.actor, id).await?),
        None => None,
    };
    let chosen = if form.uitkomst.is_empty() {
        "verstuurd"
    } else {
        form.uitkomst.as_str()
    };
    let day = if form.datum.is_empty() {
        today().to_string()
    } else {
        form.datum.clone()
    };
    Ok(html! {
        dl.facts.no-print data-disclosure=(d.id) {
            dt { (t(lang, "client")) } dd { a href={ "/clienten/" (d.person_id) } { (person_name(facts.as_ref(), lang)) } }
            dt { (t(lang, "ledger-recipient")) } dd { (recipient_line(s, &d.recipient, lang)) }
            dt { (t(lang, "ledger-categories")) } dd { (categories_text(s, &d.categories, lang)) }
            dt { (t(lang, "ledger-disclosed-on")) } dd { (format_date(d.disclosed_on, lang)) }
            dt { (t(lang, "ledger-basis")) } dd { (basis_text(d, lang)) }
            dt { (t(lang, "ledger-notice")) } dd { strong { (notice_state(d, lang)) } }
        }
        @if let Some(l) = &recorded {
            @if l.outcome == NoticeOutcome::Verstuurd {
                p.notice.no-print role="status" { (t!(lang, "ledger-notice-recorded-sent", date = &format_date(l.on, lang))) }
                (letter(s, facts.as_ref(), l.on, &l.text, lang))
                p.no-print { (t(lang, "retention-print")) }
            } @else {
                div.notice role="status" {
                    p { strong { (t!(lang, "ledger-notice-recorded-exception", date = &format_date(l.on, lang))) } }
                    p { (t!(lang, "ledger-notice-reason", reason = l.text.as_str())) }
                }
            }
        } @else if !d.notice_required {
            p.notice { (t(lang, "ledger-notice-not-needed-explained")) }
        } @else {
            p.notice.hold.no-print role="alert" {
                strong { (t(lang, "ledger-must-tell")) } " "
                (t!(lang, "ledger-must-tell-explained", articles = &cite_list(&d.notice_articles)))
            }
            h2.no-print { (t(lang, "ledger-letter")) }
            (letter(s, facts.as_ref(), today(), &entry.draft_letter, lang))
            section.panel.no-print aria-labelledby="vastleggen" {
                h2 id="vastleggen" { (t(lang, "ledger-record-notice")) }
                @if let Some(e) = error.filter(|e| !matches!(e.field.as_str(), "on" | "reason")) {
                    p.error role="alert" { (field_message(&e.field, &e.message, lang)) }
                }
                form method="post" action=(notice_path(&d.id)) {
                    input type="hidden" name="csrf" value=(caller.csrf());
                    fieldset {
                        legend { (t(lang, "ledger-notice-how")) }
                        label.choice {
                            input type="radio" name="uitkomst" value="verstuurd" checked[chosen == "verstuurd"];
                            (t(lang, "ledger-notice-sent-option"))
                        }
                        @if let Some(x) = &exception {
                            label.choice {
                                input type="radio" name="uitkomst" value="uitzondering" checked[chosen == "uitzondering"];
                                (t!(lang, "ledger-notice-exception-option", exception = x.as_str()))
                            }
                        }
                    }
                    label for="datum" { (t(lang, "ledger-notice-date")) }
                    input type="date" id="datum" name="datum" value=(day) required;
                    (error_for(error, "on", lang))
                    @if exception.is_some() {
                        label for="reden" { (t(lang, "ledger-notice-reason-label")) }
                        textarea id="reden" name="reden" rows="3" aria-describedby="reden-uitleg" { (form.reden) }
                        p.meta id="reden-uitleg" { (t(lang, "ledger-notice-reason-hint")) }
                        (error_for(error, "reason", lang))
                    }
                    button.primary type="submit" { (t(lang, "ledger-notice-button")) }
                }
            }
        }
        p.no-print {
            @if s.vault.may(&caller.actor, zorgkluis_core::vocabulary::Duty::ReadAudit) {
                a href=(LEDGER_PATH) { (t(lang, "ledger-back")) } " · "
            }
            a href={ "/clienten/" (d.person_id) } { (t(lang, "back-to-dossier")) }
        }
    })
}

pub(crate) async fn notice_page(
    State(s): State<AppState>,
    caller: Caller,
    Path(id): Path<String>,
) -> Result<Markup, AppError> {
    let body = notice_body(&s, &caller, &id, &NoticeForm::default(), None).await?;
    Ok(page(
        &s.vault,
        &caller,
        &t(caller.lang, "ledger-notice-title"),
        body,
    ))
}

pub(crate) async fn record_notice(
    State(s): State<AppState>,
    caller: Caller,
    Path(id): Path<String>,
    Form(form): Form<NoticeForm>,
) -> Result<Response, AppError> {
    caller.check_csrf(&form.csrf)?;
    let lang = caller.lang;
    let refuse = async |e: FieldError| -> Result<Response, AppError> {
        // The page is read again (an unknown id is 404 there, before anything is decided).
        let body = notice_body(&s, &caller, &id, &form, Some(&e)).await?;
        Ok((
            StatusCode::UNPROCESSABLE_ENTITY,
            page(&s.vault, &caller, &t(lang, "ledger-notice-title"), body),
        )
            .into_response())
    };
    let outcome = match form.uitkomst.as_str() {
        "verstuurd" => NoticeOutcome::Verstuurd,
        "uitzondering" => NoticeOutcome::Uitzondering,
        _ => return refuse(field_error("outcome", "verstuurd or uitzondering")).await,
    };
    let Ok(on) = form.datum.trim().parse::<Date>() else {
        return refuse(field_error("on", "a date: YYYY-MM-DD")).await;
    };
    let reason = Some(form.reden.as_str()).filter(|r| !r.trim().is_empty());
    match s
        .vault
        .record_disclosure_notice(&caller.actor, &id, outcome, on, reason)
        .await
    {
        Ok(_) | Err(VaultError::Conflict { .. }) => {
            Ok(Redirect::to(&notice_path(&id)).into_response())
        }
        Err(VaultError::Invalid { field, message }) => refuse(field_error(field, &message)).await,
        Err(e) => Err(e.into()),
    }
}

// --- The ledger for the FG ------------------------------------------------------------------

/// The filters of the ledger, as the query has them (all optional).
#[derive(Deserialize, Default)]
pub(crate) struct LedgerQuery {
    #[serde(default)]
    ontvanger: String,
    #[serde(default)]
    categorie: String,
    #[serde(default)]
    van: String,
    #[serde(default)]
    tot: String,
    /// `open`: only the entries whose notice to the client is still due.
    #[serde(default)]
    melding: String,
}

struct Filter {
    recipient: Option<String>,
    category: Option<String>,
    from: Option<Date>,
    until: Option<Date>,
    notice_due: bool,
}

fn query_date(field: &str, value: &str) -> Result<Option<Date>, AppError> {
    let value = value.trim();
    if value.is_empty() {
        return Ok(None);
    }
    value.parse().map(Some).map_err(|_| AppError::Malformed {
        field: Some(field.to_owned()),
        message: format!("{field}: a date: YYYY-MM-DD"),
        query: true,
    })
}

impl LedgerQuery {
    fn filter(&self) -> Result<Filter, AppError> {
        let some = |v: &str| Some(v.trim().to_owned()).filter(|v| !v.is_empty());
        Ok(Filter {
            recipient: some(&self.ontvanger),
            category: some(&self.categorie),
            from: query_date("van", &self.van)?,
            until: query_date("tot", &self.tot)?,
            notice_due: self.melding == "open",
        })
    }

    /// The same filters as a query string, for the CSV link.
    fn encoded(&self) -> String {
        let mut parts = Vec::new();
        for (k, v) in [
            ("ontvanger", &self.ontvanger),
            ("categorie", &self.categorie),
            ("van", &self.van),
            ("tot", &self.tot),
            ("melding", &self.melding),
        ] {
            if !v.trim().is_empty() {
                parts.push(format!("{k}={}", percent(v.trim())));
            }
        }
        parts.join("&")
    }
}

fn percent(v: &str) -> String {
    v.bytes()
        .map(|b| {
            if b.is_ascii_alphanumeric() || matches!(b, b'-' | b'_' | b'.') {
                char::from(b).to_string()
            } else {
                format!("%{b:02X}")
            }
        })
        .collect()
}

impl Filter {
    fn keeps(&self, d: &Disclosure) -> bool {
        self.recipient.as_ref().is_none_or(|r| *r == d.recipient.id)
            && self
                .category
                .as_ref()
                .is_none_or(|c| d.categories.contains(c))
            && self.from.is_none_or(|f| d.disclosed_on >= f)
            && self.until.is_none_or(|u| d.disclosed_on <= u)
            && (!self.notice_due || d.notice_due())
    }
}

/// The ledger (newest first) filtered, with the names of the clients where the role may read
/// them.
async fn filtered(
    s: &AppState,
    caller: &Caller,
    q: &LedgerQuery,
) -> Result<
    (
        Vec<Disclosure>,
        Vec<Disclosure>,
        BTreeMap<String, PersonFacts>,
    ),
    AppError,
> {
    let filter = q.filter()?;
    let all = s.vault.disclosures(&caller.actor, None).await?;
    let shown: Vec<Disclosure> = all.iter().filter(|d| filter.keeps(d)).cloned().collect();
    let persons: Vec<String> = shown.iter().map(|d| d.person_id.clone()).collect();
    let names = s
        .vault
        .names_of(&caller.actor, &persons, "verstrekkingen")
        .await?;
    Ok((all, shown, names))
}

fn client_cell(names: &BTreeMap<String, PersonFacts>, id: &str, lang: Lang) -> Markup {
    match names.get(id) {
        Some(f) => html! { a href={ "/clienten/" (id) } { (person_name(Some(f), lang)) } },
        None => html! { span.id { (t(lang, "retention-client-id")) " " code { (id) } } },
    }
}

pub(crate) async fn ledger(
    State(s): State<AppState>,
    caller: Caller,
    Query(q): Query<LedgerQuery>,
) -> Result<Markup, AppError> {
    let lang = caller.lang;
    let (all, shown, names) = filtered(&s, &caller, &q).await?;
    let taxonomy = &s.vault.reglement().taxonomy;
    // The work first: the notices still due, the oldest first.
    let mut due: Vec<&Disclosure> = shown.iter().filter(|d| d.notice_due()).collect();
    due.sort_by(|a, b| (&a.disclosed_at, &a.id).cmp(&(&b.disclosed_at, &b.id)));
    let mut recipients: Vec<&Recipient> = Vec::new();
    for d in &all {
        if !recipients.iter().any(|r| r.id == d.recipient.id) {
            recipients.push(&d.recipient);
        }
    }
    recipients.sort_by(|a, b| a.name.cmp(&b.name));
    let used: BTreeSet<&str> = all
        .iter()
        .flat_map(|d| d.categories.iter().map(String::as_str))
        .collect();
    let query = q.encoded();
    let with_query = |path: &str| {
        if query.is_empty() {
            path.to_owned()
        } else {
            format!("{path}?{query}")
        }
    };
    let (csv, xlsx) = (with_query(LEDGER_CSV_PATH), with_query(LEDGER_XLSX_PATH));
    let body = html! {
        p.sub { (t(lang, "ledger-explained")) }
        ul.counts {
            li { strong { (all.len()) } (t!(lang, "ledger-count-all", count = all.len() as i64)) }
            li.late[!due.is_empty()] { strong { (all.iter().filter(|d| d.notice_due()).count()) } (t(lang, "ledger-count-due")) }
        }
        form.filters method="get" action=(LEDGER_PATH) {
            fieldset style="display:flex;flex-wrap:wrap;gap:0 1rem;align-items:flex-end" {
                legend { (t(lang, "ledger-filter")) }
                div style="flex:1 1 14rem" {
                    label for="f-ontvanger" { (t(lang, "ledger-recipient")) }
                    select id="f-ontvanger" name="ontvanger" {
                        option value="" { (t(lang, "ledger-all")) }
                        @for r in &recipients { option value=(r.id) selected[q.ontvanger == r.id] { (r.name) } }
                    }
                }
                div style="flex:1 1 14rem" {
                    label for="f-categorie" { (t(lang, "category")) }
                    select id="f-categorie" name="categorie" {
                        option value="" { (t(lang, "ledger-all")) }
                        @for c in &used { option value=(c) selected[q.categorie == *c] { (category_label(taxonomy, c, lang)) } }
                    }
                }
                div style="flex:1 1 10rem" {
                    label for="f-van" { (t(lang, "ledger-from")) }
                    input type="date" id="f-van" name="van" value=(q.van);
                }
                div style="flex:1 1 10rem" {
                    label for="f-tot" { (t(lang, "ledger-until")) }
                    input type="date" id="f-tot" name="tot" value=(q.tot);
                }
                label.choice style="flex:1 1 100%" {
                    input type="checkbox" name="melding" value="open" checked[q.melding == "open"];
                    (t(lang, "ledger-only-due"))
                }
                button.primary type="submit" { (t(lang, "ledger-filter-button")) }
            }
        }
        p {
            a href=(xlsx) download { (t(lang, "ledger-xlsx")) } " · "
            a href=(csv) download { (t(lang, "ledger-csv")) } " "
            span.meta { (t(lang, "ledger-csv-explained")) }
        }
        @if !due.is_empty() {
            section aria-labelledby="te-doen" {
                h2 id="te-doen" { (t(lang, "ledger-todo")) }
                table {
                    thead { tr {
                        th scope="col" { (t(lang, "ledger-disclosed-on")) }
                        th scope="col" { (t(lang, "client")) }
                        th scope="col" { (t(lang, "ledger-recipient")) }
                        th scope="col" { (t(lang, "ledger-todo-what")) }
                    } }
                    tbody {
                        @for d in &due {
                            tr.overdue data-disclosure=(d.id) {
                                td { (format_date(d.disclosed_on, lang)) }
                                td { (client_cell(&names, &d.person_id, lang)) }
                                td { (d.recipient.name) }
                                td { a href=(notice_path(&d.id)) { (t(lang, "ledger-to-notice")) } }
                            }
                        }
                    }
                }
            }
        }
        section aria-labelledby="alle" {
            h2 id="alle" { (t!(lang, "ledger-shown", count = shown.len() as i64)) }
            @if shown.is_empty() {
                p.empty { (t(lang, "ledger-none")) }
            } @else {
                table {
                    thead { tr {
                        th scope="col" { (t(lang, "ledger-disclosed-on")) }
                        th scope="col" { (t(lang, "client")) }
                        th scope="col" { (t(lang, "ledger-recipient")) }
                        th scope="col" { (t(lang, "ledger-categories")) }
                        th scope="col" { (t(lang, "ledger-basis")) }
                        th scope="col" { (t(lang, "ledger-by")) }
                        th scope="col" { (t(lang, "ledger-notice")) }
                    } }
                    tbody {
                        @for d in &shown {
                            tr.overdue[d.notice_due()] data-disclosure=(d.id) {
                                td { (format_date(d.disclosed_on, lang)) }
                                td { (client_cell(&names, &d.person_id, lang)) }
                                td { (d.recipient.name) br; span.meta { (kind_label(&s, &d.recipient.kind, lang)) } }
                                td { (categories_text(&s, &d.categories, lang)) br; span.meta { (t!(lang, "ledger-records", count = d.record_ids.len() as i64)) " · " (d.purpose) } }
                                td { (basis_text(d, lang)) }
                                td { (d.disclosed_by) br; span.meta { (role_name(taxonomy, &d.disclosed_role, lang)) } }
                                td { a href=(notice_path(&d.id)) { (notice_state(d, lang)) } }
                            }
                        }
                    }
                }
            }
        }
    };
    Ok(page(&s.vault, &caller, &t(lang, "ledger-title"), body))
}

pub(crate) async fn ledger_csv(
    State(s): State<AppState>,
    caller: Caller,
    Query(q): Query<LedgerQuery>,
) -> Result<Response, AppError> {
    let sheet = ledger_as_sheet(&s, &caller, &q).await?;
    Ok(super::downloads::csv_response(
        &sheet,
        &format!("verstrekkingen-{}", today()),
    ))
}

/// The filtered ledger as an XLSX workbook of one tab.
pub(crate) async fn ledger_xlsx(
    State(s): State<AppState>,
    caller: Caller,
    Query(q): Query<LedgerQuery>,
) -> Result<Response, AppError> {
    let sheet = ledger_as_sheet(&s, &caller, &q).await?;
    super::downloads::xlsx_response(&[sheet], &format!("verstrekkingen-{}", today()))
}

/// The filtered ledger as a sheet: one line per disclosure, the client's name where the caller
/// may read it.
async fn ledger_as_sheet(
    s: &AppState,
    caller: &Caller,
    q: &LedgerQuery,
) -> Result<zorgkluis_store::spreadsheet::Sheet, AppError> {
    let (_, shown, names) = filtered(s, caller, q).await?;
    Ok(zorgkluis_store::vault::ledger_sheet(
        s.vault.reglement(),
        &shown,
        &names,
        caller.lang,
    ))
}

// --- The register of recipients ---------------------------------------------------------------

#[derive(Deserialize, Default)]
pub(crate) struct RecipientForm {
    #[serde(default)]
    csrf: String,
    #[serde(default)]
    soort: String,
    #[serde(default)]
    naam: String,
    #[serde(default)]
    agb: String,
    #[serde(default)]
    kvk: String,
    #[serde(default)]
    land: String,
}

fn register_body(
    s: &AppState,
    caller: &Caller,
    recipients: &[Recipient],
    form: &RecipientForm,
    error: Option<&FieldError>,
) -> Markup {
    let lang = caller.lang;
    let mut kinds: Vec<(String, String)> = s
        .vault
        .reglement()
        .taxonomy
        .recipients
        .iter()
        .map(|k| (k.id.clone(), k.label(lang).to_owned()))
        .collect();
    kinds.sort_by(|a, b| a.1.cmp(&b.1));
    let country = if form.land.trim().is_empty() {
        "NL"
    } else {
        form.land.as_str()
    };
    let invalid = |field: &str| error.is_some_and(|e| e.field == field);
    let described = |field: &str| invalid(field).then(|| format!("fout-{field}"));
    html! {
        p.sub { (t(lang, "recipients-explained")) }
        @if recipients.is_empty() {
            p.empty { (t(lang, "recipients-none")) }
        } @else {
            table {
                thead { tr {
                    th scope="col" { (t(lang, "recipients-name")) }
                    th scope="col" { (t(lang, "recipients-kind")) }
                    th scope="col" { (t(lang, "recipients-agb")) }
                    th scope="col" { (t(lang, "recipients-kvk")) }
                    th scope="col" { (t(lang, "recipients-country")) }
                    th scope="col" { (t(lang, "recipients-registered")) }
                } }
                tbody {
                    @for r in recipients {
                        tr data-recipient=(r.id) {
                            td { (r.name) }
                            td { (kind_label(s, &r.kind, lang)) }
                            td { (r.agb_code.as_deref().unwrap_or("—")) }
                            td { (r.kvk_number.as_deref().unwrap_or("—")) }
                            td { (r.country) }
                            td { (moment(&r.registered_at, lang)) br; span.meta { (r.registered_by) } }
                        }
                    }
                }
            }
        }
        section.panel aria-labelledby="nieuwe-ontvanger" {
            h2 id="nieuwe-ontvanger" { (t(lang, "recipients-new")) }
            @if let Some(e) = error.filter(|e| !matches!(e.field.as_str(), "kind" | "name" | "agb_code" | "kvk_number" | "country")) {
                p.error role="alert" { (field_message(&e.field, &e.message, lang)) }
            }
            form method="post" action=(RECIPIENTS_PATH) {
                input type="hidden" name="csrf" value=(caller.csrf());
                label for="soort" { (t(lang, "recipients-kind")) }
                select id="soort" name="soort" required aria-invalid=[invalid("kind").then_some("true")] aria-describedby=[described("kind")] {
                    option value="" { (t(lang, "recipients-choose-kind")) }
                    @for (id, label) in &kinds { option value=(id) selected[form.soort == *id] { (label) } }
                }
                (error_for(error, "kind", lang))
                label for="naam" { (t(lang, "recipients-name")) }
                input id="naam" name="naam" value=(form.naam) required maxlength="200" aria-invalid=[invalid("name").then_some("true")] aria-describedby=[described("name")];
                (error_for(error, "name", lang))
                label for="agb" { (t(lang, "recipients-agb")) }
                input id="agb" name="agb" value=(form.agb) inputmode="numeric" aria-invalid=[invalid("agb_code").then_some("true")] aria-describedby=[described("agb_code")];
                (error_for(error, "agb_code", lang))
                label for="kvk" { (t(lang, "recipients-kvk")) }
                input id="kvk" name="kvk" value=(form.kvk) inputmode="numeric" aria-invalid=[invalid("kvk_number").then_some("true")] aria-describedby=[described("kvk_number")];
                (error_for(error, "kvk_number", lang))
                p.meta { (t(lang, "recipients-codes-hint")) }
                label for="land" { (t(lang, "recipients-country")) }
                input id="land" name="land" value=(country) required maxlength="2" aria-invalid=[invalid("country").then_some("true")] aria-describedby=[described("country")];
                (error_for(error, "country", lang))
                button.primary type="submit" { (t(lang, "recipients-register-button")) }
            }
        }
    }
}

pub(crate) async fn register(
    State(s): State<AppState>,
    caller: Caller,
) -> Result<Markup, AppError> {
    let recipients = s.vault.recipients(&caller.actor).await?;
    let body = register_body(&s, &caller, &recipients, &RecipientForm::default(), None);
    Ok(page(
        &s.vault,
        &caller,
        &t(caller.lang, "recipients-title"),
        body,
    ))
}

pub(crate) async fn register_recipient(
    State(s): State<AppState>,
    caller: Caller,
    Form(form): Form<RecipientForm>,
) -> Result<Response, AppError> {
    caller.check_csrf(&form.csrf)?;
    let lang = caller.lang;
    let optional = |v: &str| Some(v.trim().to_owned()).filter(|v| !v.is_empty());
    let new = NewRecipient {
        kind: form.soort.trim().to_owned(),
        name: form.naam.clone(),
        agb_code: optional(&form.agb),
        kvk_number: optional(&form.kvk),
        country: if form.land.trim().is_empty() {
            "NL".to_owned()
        } else {
            form.land.trim().to_owned()
        },
    };
    match s.vault.register_recipient(&caller.actor, &new).await {
        Ok(_) => Ok(Redirect::to(RECIPIENTS_PATH).into_response()),
        Err(VaultError::Invalid { field, message }) => {
            let recipients = s.vault.recipients(&caller.actor).await?;
            let e = field_error(field, &message);
            let body = register_body(&s, &caller, &recipients, &form, Some(&e));
            Ok((
                StatusCode::UNPROCESSABLE_ENTITY,
                page(&s.vault, &caller, &t(lang, "recipients-title"), body),
            )
                .into_response())
        }
        Err(e) => Err(e.into()),
    }
}
