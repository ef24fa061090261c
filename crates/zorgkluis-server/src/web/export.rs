//! The export of a request (issue 13 parts 1, 8, 9) as a document for the client, in the
//! reader's language: the person's data by category with its history, what was withheld and
//! why, and beside it what art. 15 lid 1 AVG asks (the purposes, recipients, retention, the
//! rights, where to complain), the access overview and the fee; for inzage in de logging the
//! overview and the rights. Printable, and saved as PDF from the browser like the letters.
//!
//! The same document is the file `zorgkluis request execute` writes ([`export_html`]) and the
//! page `/verzoeken/{id}/export`, where the handler reviews it: withholds an entry about
//! another person with the reason, releases the export and records it carried out. The review
//! is not printed.

use axum::Form;
use axum::extract::{Path, State};
use axum::response::{IntoResponse, Redirect, Response};
use maud::{DOCTYPE, Markup, PreEscaped, html};
use serde::Deserialize;
use zorgkluis_core::decide::cite_list;
use zorgkluis_core::i18n::t;
use zorgkluis_core::time::{format_date, format_stored_moment};
use zorgkluis_core::vocabulary::{RequestOutcome, RequestType};
use zorgkluis_core::{Lang, t};
use zorgkluis_store::vault::{ExportEntry, ExportVersion, SubjectExport};

use super::layout::{exception_label, outcome_label, page, person_details, person_name};
use crate::{AppError, AppState, Caller};

/// What the review adds to the document on the handler's page.
struct Review<'a> {
    csrf: &'a str,
    /// Entries may be withheld: a partly granted inzage or afschrift not yet carried out.
    withhold: bool,
}

fn title(x: &SubjectExport, lang: Lang) -> String {
    match x.request.request_type {
        RequestType::Afschrift => t(lang, "export-title-copy"),
        RequestType::InzageLogging => t(lang, "export-title-logging"),
        _ => t(lang, "export-title-access"),
    }
}

/// "Inzage" for "inzage": a label that heads a line of a list.
fn capitalised(label: &str) -> String {
    let mut chars = label.chars();
    chars.next().map_or_else(String::new, |first| {
        first.to_uppercase().chain(chars).collect()
    })
}

fn moment(stored: &str, lang: Lang) -> String {
    format_stored_moment(stored, lang)
}

fn version(v: &ExportVersion, lang: Lang) -> Markup {
    html! {
        p.meta { (t!(lang, "export-recorded-on", moment = &moment(&v.recorded_at, lang))) }
        p.text { (v.text) }
    }
}

fn entry(x: &SubjectExport, e: &ExportEntry, review: Option<&Review<'_>>, lang: Lang) -> Markup {
    html! {
        div.record {
            (version(&e.current, lang))
            @if !e.earlier.is_empty() {
                // Shown in full, newest first: a printed copy has no folds.
                div.history {
                    p.kind { (t!(lang, "export-earlier", count = e.earlier.len() as i64)) }
                    @for v in e.earlier.iter().rev() { div.earlier { (version(v, lang)) } }
                }
            }
            @for s in &e.supplements {
                div.supplement {
                    p.kind { (t!(lang, "export-supplement", moment = &moment(&s.recorded_at, lang))) }
                    p.text { (s.text) }
                }
            }
            @if let Some(r) = review.filter(|r| r.withhold) {
                details.no-print {
                    summary { (t(lang, "export-withhold")) }
                    form method="post" action={ "/verzoeken/" (x.request.id) "/export/achterhouden" } {
                        input type="hidden" name="csrf" value=(r.csrf);
                        input type="hidden" name="regel" value=(e.id);
                        @let ground_id = format!("grond-{}", e.id);
                        @let reason_id = format!("reden-{}", e.id);
                        label for=(ground_id) { (t(lang, "export-withhold-ground")) }
                        select id=(ground_id) name="grond" {
                            @for g in &x.request.grounds {
                                option value=(g.id) { (g.text) " (" (cite_list(&g.articles)) ")" }
                            }
                        }
                        label for=(reason_id) { (t(lang, "export-withhold-reason")) }
                        textarea id=(reason_id) name="reden" required maxlength="2000" {}
                        button type="submit" { (t(lang, "export-withhold-button")) }
                    }
                }
            }
        }
    }
}

/// The document itself, with the handler's review where `review` is given.
fn document(x: &SubjectExport, review: Option<&Review<'_>>) -> Markup {
    let lang = x.language;
    let org = &x.organisation;
    let logging = x.request.request_type == RequestType::InzageLogging;
    let facts = x.subject.facts.as_ref();
    html! {
        article.export {
            @if !x.release.released && x.release.executed_on.is_none() {
                p.notice role="note" { strong { (t(lang, "export-draft")) } }
            }
            p { strong { (org.name) } @if let Some(a) = &org.address { br; (a) } }
            p { (t!(lang, "letter-to", name = &person_name(facts, lang))) }
            p {
                (t!(lang, "export-request-line",
                    kind = x.request.label.as_str(),
                    received = &format_date(x.request.received, lang),
                    decided = &format_date(x.request.decided_on, lang),
                    outcome = x.request.outcome.label(lang)))
                " " (t!(lang, "export-made-on", moment = &moment(&x.generated_at, lang)))
            }
            section aria-labelledby="wie" {
                h2 id="wie" { (t(lang, "export-who")) }
                p { strong { (person_name(facts, lang)) }
                    @let details = person_details(facts, lang);
                    @if !details.is_empty() { " · " (details) } }
            }
            @if !logging {
                section aria-labelledby="dossier" {
                    h2 id="dossier" { (t(lang, "export-dossier")) }
                    @if x.categories.is_empty() { p.empty { (t(lang, "export-empty-dossier")) } }
                    @for c in &x.categories {
                        h3 { (c.label) @if c.special { " " span.meta { "(" (t(lang, "export-special")) ")" } } }
                        @for e in &c.entries { (entry(x, e, review, lang)) }
                        @for w in &c.withheld {
                            div.withheld {
                                p { (t!(lang, "export-withheld",
                                    moment = &moment(&w.recorded_at, lang),
                                    ground = w.ground.text.as_str(),
                                    articles = &cite_list(&w.ground.articles))) }
                                p { (t!(lang, "export-withheld-reason", reason = w.reason.as_str())) }
                            }
                        }
                    }
                    @if !x.not_included.is_empty() {
                        h3 { (t(lang, "export-not-included")) }
                        p { (t!(lang, "export-not-included-explained", organisation = org.name.as_str())) }
                        ul { @for n in &x.not_included { li { (n.label) ": " (n.reason) } } }
                    }
                }
            }
            @if let Some(info) = &x.information {
                section aria-labelledby="doelen" {
                    h2 id="doelen" { (t(lang, "export-processings")) }
                    @for p in &info.processings {
                        h3 { (p.name) " " span.meta { "(" (cite_list(std::slice::from_ref(&p.article))) ")" } }
                        dl {
                            dt { (t(lang, "register-purpose")) } dd { (p.purpose) }
                            dt { (t(lang, "register-legal-basis")) } dd { (p.legal_basis.join("; ")) }
                            @if !p.special_category_exceptions.is_empty() {
                                dt { (t(lang, "register-special-exception")) } dd { (p.special_category_exceptions.join("; ")) }
                            }
                            dt { (t(lang, "register-personal-data")) }
                            dd { (p.categories.iter().map(|c| c.label.as_str()).collect::<Vec<_>>().join(", ")) }
                            @if !p.sources.is_empty() { dt { (t(lang, "register-sources")) } dd { (p.sources.join("; ")) } }
                            @if !p.recipients.is_empty() {
                                dt { (t(lang, "register-recipients")) }
                                dd { (p.recipients.iter().map(|r| r.label.as_str()).collect::<Vec<_>>().join(", ")) }
                            }
                            @if let Some(v) = &p.processor { dt { (t(lang, "register-processor")) } dd { (v) } }
                            dt { (t(lang, "register-transfers")) } dd { (p.transfers) }
                        }
                    }
                }
                section aria-labelledby="verstrekking" {
                    h2 id="verstrekking" { (t(lang, "export-disclosures")) }
                    p.sub { (t(lang, "export-disclosures-explained")) }
                    ul {
                        @for d in &info.disclosures {
                            li {
                                strong { (d.recipients.iter().map(|r| r.label.as_str()).collect::<Vec<_>>().join(", ")) }
                                ": "
                                @if d.categories.is_empty() { (t(lang, "export-all-categories")) }
                                @else { (d.categories.iter().map(|c| c.label.as_str()).collect::<Vec<_>>().join(", ")) }
                                "; " (d.consent)
                                @if !d.conditions.is_empty() { "; " (d.conditions.join("; ")) }
                                " (" (cite_list(&d.articles)) ")"
                            }
                        }
                    }
                }
                (disclosed_to(x, lang))
                section aria-labelledby="bewaren" {
                    h2 id="bewaren" { (t(lang, "export-retention")) }
                    table {
                        thead { tr { th scope="col" { (t(lang, "register-personal-data")) } th scope="col" { (t(lang, "register-retention")) } } }
                        tbody {
                            @for r in &info.retention {
                                tr { td { (r.label) } td { (r.text) @if !r.articles.is_empty() { " (" (cite_list(&r.articles)) ")" } } }
                            }
                        }
                    }
                }
            }
            section aria-labelledby="logging" {
                h2 id="logging" { (t(lang, "export-access-log")) }
                p.sub { (t(lang, "export-access-log-explained")) }
                table {
                    thead { tr {
                        th scope="col" { (t(lang, "when")) } th scope="col" { (t(lang, "who")) }
                        th scope="col" { (t(lang, "what")) } th scope="col" { (t(lang, "why")) }
                        th scope="col" { (t(lang, "outcome")) }
                    } }
                    tbody {
                        @for a in &x.access_log {
                            tr.emergency[a.emergency] {
                                td { (moment(&a.at, lang)) }
                                td { (a.role_label) ", " (a.organisation) }
                                td { (a.action_label) @if let Some(c) = &a.category_label { ": " (c) } }
                                td { (a.purpose) @if a.emergency { " — " strong { (exception_label(a.action, lang)) } } }
                                td { (outcome_label(a.outcome, lang)) }
                            }
                        }
                    }
                }
            }
            section aria-labelledby="rechten" {
                h2 id="rechten" { (t(lang, "export-rights")) }
                ul { @for r in &x.rights { li { (capitalised(&r.label)) " (" (cite_list(&r.articles)) ")" } } }
                h3 { (t(lang, "export-complaints")) }
                p { (t!(lang, "export-complain-own", officer = x.complaints.organisation.as_str())) }
                @if let Some(body) = &x.complaints.dispute_body { p { (t!(lang, "letter-complain-dispute", body = body.as_str())) } }
                @if let Some(dpo) = &x.complaints.dpo { p { (t!(lang, "export-dpo", dpo = dpo.as_str())) } }
                p { (x.complaints.authority) " " (x.complaints.court) }
            }
            @if let Some(info) = &x.information {
                section aria-labelledby="besluiten" {
                    h2 id="besluiten" { (t(lang, "export-automated")) }
                    p { (info.automated_decisions) }
                }
            }
            @if let Some(fee) = &x.fee {
                section aria-labelledby="kosten" {
                    h2 id="kosten" { (t(lang, "export-fee")) }
                    p { (fee.text) " (" (cite_list(&fee.articles)) ")" }
                }
            }
        }
    }
}

/// To whom the client's data went, from the ledger (AVG art. 15 lid 1 sub c): the
/// organisation, what and when, with or without their consent; never who sent it.
fn disclosed_to(x: &SubjectExport, lang: Lang) -> Markup {
    html! {
        section aria-labelledby="verstrekt-aan" {
            h2 id="verstrekt-aan" { (t(lang, "export-disclosed-to")) }
            @if x.disclosed_to.is_empty() {
                p { (t(lang, "export-disclosed-to-none")) }
            } @else {
                table {
                    thead { tr {
                        th scope="col" { (t(lang, "export-disclosed-on")) }
                        th scope="col" { (t(lang, "export-disclosed-recipient")) }
                        th scope="col" { (t(lang, "register-personal-data")) }
                        th scope="col" { (t(lang, "export-disclosed-basis")) }
                    } }
                    tbody {
                        @for d in &x.disclosed_to {
                            tr {
                                td { (format_date(d.on, lang)) }
                                td { (d.recipient) br; span.meta { (d.recipient_kind_label) } }
                                td { (d.category_labels.join(", ")) br; span.meta { (d.purpose) } }
                                td {
                                    @if d.with_consent { (t(lang, "export-disclosed-with-consent")) }
                                    @else { (t(lang, "export-disclosed-without-consent")) }
                                    @if !d.articles.is_empty() { " (" (cite_list(&d.articles)) ")" }
                                }
                            }
                        }
                    }
                }
            }
        }
    }
}

const DOCUMENT_CSS: &str = "body{font-family:system-ui,sans-serif;color:#1a1a1a;line-height:1.45;max-width:52rem;margin:1.5rem auto;padding:0 1rem}\
h2{margin-top:1.6rem;border-bottom:1px solid #ccc}table{border-collapse:collapse;width:100%}th,td{border-bottom:1px solid #ccc;padding:.35rem;text-align:left;vertical-align:top}\
.record{border:1px solid #ccc;border-radius:4px;padding:.5rem .8rem;margin:.5rem 0;break-inside:avoid}.text{white-space:pre-wrap;margin:.2rem 0}.meta{color:#4a4a4a;font-size:.9rem;margin:.2rem 0}\
.supplement{border-left:4px solid #0b4f6c;background:#eef5f8;padding:.4rem .6rem;margin:.4rem 0 0}.kind{font-weight:600;color:#0b4f6c;margin:.4rem 0 .2rem}.earlier{border-top:1px dashed #ccc;margin-top:.3rem;color:#333}.withheld{border-left:4px solid #a4161a;background:#fdecea;padding:.5rem;margin:.5rem 0}\
.notice{border-left:4px solid #b36b00;background:#fff4e0;padding:.6rem}dt{font-weight:600}dd{margin:0 0 .4rem 0}.sub{color:#444}\
@media print{body{margin:0}details{display:block}details>summary{list-style:none}.no-print{display:none}}";

/// The export as a page of its own, to print or save as PDF: the file the command line writes.
pub fn export_html(x: &SubjectExport) -> String {
    let lang = x.language;
    html! {
        (DOCTYPE)
        html lang=(lang.tag()) {
            head {
                meta charset="utf-8";
                meta name="viewport" content="width=device-width, initial-scale=1";
                title { (title(x, lang)) " — " (x.organisation.name) }
                style { (PreEscaped(DOCUMENT_CSS)) }
            }
            body {
                main {
                    h1 { (title(x, lang)) }
                    (document(x, None))
                }
            }
        }
    }
    .into_string()
}

/// The handler's page: the review (not printed), then the document.
pub(crate) async fn export_page(
    State(s): State<AppState>,
    caller: Caller,
    Path(id): Path<String>,
) -> Result<Markup, AppError> {
    let lang = caller.lang;
    let x = s.vault.subject_export(&caller.actor, &id, lang).await?;
    let csrf = caller.csrf();
    let open = x.release.executed_on.is_none();
    let review = Review {
        csrf,
        withhold: open
            && x.request.outcome == RequestOutcome::DeelsToegewezen
            && x.request.request_type != RequestType::InzageLogging,
    };
    let action = |step: &str| format!("/verzoeken/{id}/export/{step}");
    let body = html! {
        section.panel.no-print aria-labelledby="beoordeling" {
            h2 id="beoordeling" { (t(lang, "export-review")) }
            @if open { p { (t(lang, "export-review-explained")) } }
            p {
                strong {
                    @if let Some(on) = x.release.executed_on { (t!(lang, "export-status-executed", date = &format_date(on, lang))) }
                    @else if let Some(at) = &x.release.released_at { (t!(lang, "export-status-released", moment = &moment(at, lang))) }
                    @else { (t(lang, "export-status-draft")) }
                }
            }
            @if open && !review.withhold && x.request.request_type != RequestType::InzageLogging {
                p.sub { (t(lang, "export-withhold-hint")) }
            }
            @if open && !x.release.released {
                form method="post" action=(action("vrijgeven")) {
                    input type="hidden" name="csrf" value=(csrf);
                    button.primary type="submit" { (t(lang, "export-release-button")) }
                }
            }
            @if zorgkluis_store::vault::has_fhir_bundle(x.request.request_type) {
                p { a href=(action("fhir")) download={ (x.request.request_type.id()) "-" (id) ".fhir.json" } { (t(lang, "export-fhir-link")) } }
            }
            @if open && x.release.released && x.request.request_type == RequestType::Overdracht {
                p { (t(lang, "export-transfer-explained")) }
                form method="post" action=(action("uitvoeren")) {
                    input type="hidden" name="csrf" value=(csrf);
                    label for="ontvanger" { (t(lang, "export-transfer-recipient")) }
                    input id="ontvanger" name="ontvanger" type="text" maxlength="200" required;
                    fieldset {
                        legend { (t(lang, "export-transfer-channel")) }
                        @for c in s.vault.transfer_channels() {
                            label.choice { input type="radio" name="kanaal" value=(c.id()) required; " " (c.label(lang)) }
                        }
                    }
                    button.primary type="submit" { (t(lang, "export-transfer-button")) }
                }
            } @else if open && x.release.released {
                p { (t(lang, "export-execute-explained")) }
                form method="post" action=(action("uitvoeren")) {
                    input type="hidden" name="csrf" value=(csrf);
                    button.primary type="submit" { (t(lang, "export-execute-button")) }
                }
            }
            p { a href={ "/verzoeken/" (id) } { (t(lang, "export-back")) } }
        }
        (document(&x, Some(&review)))
    };
    Ok(page(&s.vault, &caller, &title(&x, lang), body))
}

#[derive(Deserialize)]
pub(crate) struct WithholdForm {
    #[serde(default)]
    csrf: String,
    regel: String,
    grond: Option<String>,
    reden: String,
}

pub(crate) async fn withhold(
    State(s): State<AppState>,
    caller: Caller,
    Path(id): Path<String>,
    Form(form): Form<WithholdForm>,
) -> Result<Response, AppError> {
    caller.check_csrf(&form.csrf)?;
    s.vault
        .withhold_export_entry(
            &caller.actor,
            &id,
            &form.regel,
            form.grond.as_deref(),
            &form.reden,
            caller.lang,
        )
        .await?;
    Ok(Redirect::to(&format!("/verzoeken/{id}/export")).into_response())
}

#[derive(Deserialize)]
pub(crate) struct CsrfForm {
    #[serde(default)]
    csrf: String,
}

#[derive(Deserialize)]
pub(crate) struct ExecuteForm {
    #[serde(default)]
    csrf: String,
    /// For an overdracht: the successor care provider.
    #[serde(default)]
    ontvanger: String,
    /// For an overdracht: the channel.
    #[serde(default)]
    kanaal: String,
}

pub(crate) async fn release(
    State(s): State<AppState>,
    caller: Caller,
    Path(id): Path<String>,
    Form(form): Form<CsrfForm>,
) -> Result<Response, AppError> {
    caller.check_csrf(&form.csrf)?;
    s.vault
        .release_export(&caller.actor, &id, caller.lang)
        .await?;
    Ok(Redirect::to(&format!("/verzoeken/{id}/export")).into_response())
}

/// Carries the export out: the handler prints or saves it (and the FHIR bundle) from the
/// page; this records it. An overdracht goes to the successor named on the form by the
/// channel chosen, recorded as a disclosure.
pub(crate) async fn execute(
    State(s): State<AppState>,
    caller: Caller,
    Path(id): Path<String>,
    Form(form): Form<ExecuteForm>,
) -> Result<Response, AppError> {
    caller.check_csrf(&form.csrf)?;
    // The transfer form names the recipient and the channel; the store checks them (and the
    // type) before anything is read.
    if !form.ontvanger.is_empty() || !form.kanaal.is_empty() {
        let (_, outcome, _) = s
            .vault
            .execute_transfer(
                &caller.actor,
                &id,
                &form.ontvanger,
                &form.kanaal,
                caller.lang,
                |_, _| Ok(()),
            )
            .await?;
        // Erased after the transfer of care: the request's page shows the certificate.
        if outcome.after.certificate.is_some() {
            return Ok(Redirect::to(&format!("/verzoeken/{id}")).into_response());
        }
    } else {
        s.vault
            .execute_export(&caller.actor, &id, caller.lang, |_| Ok(()))
            .await?;
    }
    Ok(Redirect::to(&format!("/verzoeken/{id}/export")).into_response())
}

/// The FHIR R4 bundle of an overdraagbaarheid or overdracht, to download (every read of it
/// decided and logged as the export's).
pub(crate) async fn fhir_bundle(
    State(s): State<AppState>,
    caller: Caller,
    Path(id): Path<String>,
) -> Result<Response, AppError> {
    let x = s
        .vault
        .subject_export(&caller.actor, &id, caller.lang)
        .await?;
    if !zorgkluis_store::vault::has_fhir_bundle(x.request.request_type) {
        return Err(AppError::invalid(
            "format",
            "a FHIR bundle is made for an overdraagbaarheid or overdracht only",
        ));
    }
    let bundle = zorgkluis_store::vault::fhir::bundle_json(&x).map_err(|e| AppError::Internal {
        code: "fhir",
        cause: e,
    })?;
    let file = format!(
        "attachment; filename=\"{}-{}.fhir.json\"",
        x.request.request_type.id(),
        x.request.id
    );
    Ok((
        [
            (
                axum::http::header::CONTENT_TYPE,
                "application/fhir+json".to_owned(),
            ),
            (axum::http::header::CONTENT_DISPOSITION, file),
        ],
        bundle,
    )
        .into_response())
}
