//! The processor register (art. 28 AVG) and the privacy assets (BG wonen's E13) on the web, at
//! `/toezicht/verwerkers`: the agreements with the reviews due first (overdue ones marked), the
//! ended ones last, the assets below; forms to record an agreement, a review done and an asset,
//! for whoever keeps the incident register (`manage_incidents`); the oversight of the audit log
//! (`read_audit`) reads the page without the forms and without the sealed security measures.
//! Everything goes through the vault's processors room: the page is a logged read, each form a
//! logged change. Bad input is shown beside its field with what was typed, and changes nothing.

use axum::extract::{Path, State};
use axum::http::StatusCode;
use axum::response::{IntoResponse, Redirect, Response};
use jiff::civil::Date;
use maud::{Markup, html};
use serde::Deserialize;
use zorgkluis_core::i18n::t;
use zorgkluis_core::time::format_date;
use zorgkluis_core::vocabulary::Duty;
use zorgkluis_core::{Lang, t};
use zorgkluis_store::vault::{NewAsset, NewProcessor, ProcessorAgreement, VaultError};

use super::layout::{page, role_name};
use crate::{AppError, AppState, Caller};

/// The register's page.
pub(crate) const REGISTER_PATH: &str = "/toezicht/verwerkers";
/// Where the form that records an asset posts.
pub(crate) const ASSETS_PATH: &str = "/toezicht/verwerkers/systemen";

/// Where the review form of one agreement posts.
pub(crate) fn review_path(id: &str) -> String {
    format!("{REGISTER_PATH}/{id}/herziening")
}

fn today() -> Date {
    zorgkluis_core::time::dutch_date(jiff::Timestamp::now())
}

/// A comma-separated list from a form.
fn list(text: &str) -> Vec<String> {
    text.split(',')
        .map(|s| s.trim().to_owned())
        .filter(|s| !s.is_empty())
        .collect()
}

/// An optional date from a form, or the field named.
fn form_date(field: &'static str, value: &str) -> Result<Option<Date>, (&'static str, String)> {
    let v = value.trim();
    if v.is_empty() {
        return Ok(None);
    }
    v.parse()
        .map(Some)
        .map_err(|_| (field, "a date (YYYY-MM-DD)".to_owned()))
}

/// What was typed into the form that records an agreement.
#[derive(Deserialize, Default, Clone)]
pub(crate) struct AgreementForm {
    #[serde(default)]
    csrf: String,
    #[serde(default)]
    verwerker: String,
    #[serde(default)]
    kvk: String,
    #[serde(default)]
    verwerkingen: String,
    #[serde(default)]
    categorieen: String,
    #[serde(default)]
    subverwerkers: String,
    #[serde(default)]
    landen: String,
    #[serde(default)]
    getekend: String,
    #[serde(default)]
    herzien: String,
    #[serde(default)]
    beveiliging: String,
}

/// What was typed into a review form.
#[derive(Deserialize, Default, Clone)]
pub(crate) struct ReviewForm {
    #[serde(default)]
    csrf: String,
    #[serde(default)]
    op: String,
    #[serde(default)]
    volgende: String,
}

/// What was typed into the form that records an asset.
#[derive(Deserialize, Default, Clone)]
pub(crate) struct AssetForm {
    #[serde(default)]
    csrf: String,
    #[serde(default)]
    naam: String,
    #[serde(default)]
    soort: String,
    #[serde(default)]
    categorieen: String,
    #[serde(default)]
    land: String,
    #[serde(default)]
    plaats: String,
    #[serde(default)]
    overeenkomst: String,
    #[serde(default)]
    eigenaar: String,
}

/// Which form an error came from and which of its fields, with the message.
#[derive(Clone)]
enum Refusal {
    Agreement(&'static str, String),
    Review(String, &'static str, String),
    Asset(&'static str, String),
}

#[derive(Default)]
struct Typed {
    agreement: AgreementForm,
    review: Option<(String, ReviewForm)>,
    asset: AssetForm,
}

/// The error beside `field` of the agreement form, if it is that field's.
fn beside(error: &Option<Refusal>, form: &str, id: Option<&str>, field: &str) -> Markup {
    let message = match error {
        Some(Refusal::Agreement(f, m)) if form == "agreement" && *f == field => Some(m),
        Some(Refusal::Asset(f, m)) if form == "asset" && *f == field => Some(m),
        Some(Refusal::Review(i, f, m))
            if form == "review" && Some(i.as_str()) == id && *f == field =>
        {
            Some(m)
        }
        _ => None,
    };
    html! { @if let Some(m) = message { p.error role="alert" { (m) " (" (field) ")" } } }
}

/// "herziening uiterlijk 15 januari 2027", "herziening te laat sinds ...", or the end.
fn state(a: &ProcessorAgreement, day: Date, lang: Lang) -> String {
    let date = format_date(a.next_review, lang);
    match a.ended_on {
        Some(on) => t!(lang, "processors-ended", date = &format_date(on, lang)),
        None if a.overdue(day) => t!(lang, "processors-overdue", date = &date),
        None if a.review_due(day) => t!(lang, "processors-due-soon", date = &date),
        None => t!(lang, "processors-next-review", date = &date),
    }
}

async fn render(
    s: &AppState,
    caller: &Caller,
    typed: &Typed,
    error: Option<Refusal>,
) -> Result<Markup, AppError> {
    let lang = caller.lang;
    let day = today();
    let keeps = s.vault.may(&caller.actor, Duty::ManageIncidents);
    let agreements = s.vault.processors(&caller.actor).await?;
    let assets = s.vault.assets(&caller.actor).await?;
    let reglement = s.vault.reglement();
    let eea = zorgkluis_core::processor::eea_only(reglement);
    let processing_ids: Vec<&str> = reglement
        .file
        .processings
        .iter()
        .map(|p| p.get_ref().id.get_ref().as_str())
        .collect();
    let due = agreements.iter().filter(|a| a.review_due(day)).count();
    let overdue = agreements.iter().filter(|a| a.overdue(day)).count();
    let name_of = |id: &str| {
        agreements
            .iter()
            .find(|a| a.id == id)
            .map_or_else(|| id.to_owned(), |a| a.processor.clone())
    };
    let a = &typed.agreement;
    let x = &typed.asset;
    let interval = zorgkluis_core::processor::review_interval(reglement).describe(lang);
    let body = html! {
        p.sub { (t(lang, "processors-explained")) }
        p {
            @match &eea {
                Some(article) => (t!(lang, "processors-eea-only", article = article)),
                None => (t(lang, "processors-eea-not-demanded")),
            }
            " " (t!(lang, "processors-interval", interval = &interval))
        }
        ul.counts {
            li { strong { (agreements.iter().filter(|a| a.active()).count()) } (t(lang, "processors-count-active")) }
            li.late[due > 0] { strong { (due) } (t(lang, "processors-count-due")) }
            li.late[overdue > 0] { strong { (overdue) } (t(lang, "processors-count-overdue")) }
        }
        h2 { (t(lang, "processors-agreements")) }
        @if agreements.is_empty() {
            p.empty { (t(lang, "processors-none")) }
        } @else {
            table {
                thead { tr {
                    th scope="col" { (t(lang, "processors-review")) }
                    th scope="col" { (t(lang, "processors-processor")) }
                    th scope="col" { (t(lang, "processors-processings")) }
                    th scope="col" { (t(lang, "processors-countries")) }
                    th scope="col" { (t(lang, "processors-signed")) }
                } }
                tbody {
                    @for ag in &agreements {
                        tr.overdue[ag.overdue(day)] data-agreement=(ag.id) {
                            td {
                                strong.late[ag.overdue(day)] { (state(ag, day, lang)) }
                                @if let Some(r) = ag.reviewed_on {
                                    br; span.meta { (t!(lang, "processors-reviewed-on", date = &format_date(r, lang))) }
                                }
                                @if keeps && ag.active() {
                                    @let (op, volgende) = match &typed.review {
                                        Some((id, f)) if *id == ag.id => (f.op.clone(), f.volgende.clone()),
                                        _ => (day.to_string(), String::new()),
                                    };
                                    form method="post" action=(review_path(&ag.id)) {
                                        input type="hidden" name="csrf" value=(caller.csrf());
                                        label for={"op-" (ag.id)} { (t(lang, "processors-review-on")) }
                                        input id={"op-" (ag.id)} name="op" type="date" value=(op) required;
                                        (beside(&error, "review", Some(&ag.id), "on"))
                                        label for={"volgende-" (ag.id)} { (t(lang, "processors-next-optional")) }
                                        input id={"volgende-" (ag.id)} name="volgende" type="date" value=(volgende);
                                        (beside(&error, "review", Some(&ag.id), "next_review"))
                                        button type="submit" { (t(lang, "processors-review-done")) }
                                    }
                                }
                            }
                            td {
                                (ag.processor)
                                @if let Some(k) = &ag.kvk { br; span.meta { "KvK " (k) } }
                                @if !ag.subprocessors.is_empty() {
                                    br; span.meta { (t!(lang, "processors-subprocessors-list", list = &ag.subprocessors.join(", "))) }
                                }
                                @if let Some(sec) = ag.security.as_deref().filter(|s| !s.is_empty()) {
                                    br; span.meta { (t!(lang, "processors-security-list", text = sec)) }
                                }
                            }
                            td {
                                (ag.processings.join(", "))
                                br; span.meta { (ag.categories.join(", ")) }
                            }
                            td { (ag.countries.join(", ")) }
                            td { (format_date(ag.signed_on, lang)) }
                        }
                    }
                }
            }
        }
        h2 { (t(lang, "assets-title")) }
        @if assets.is_empty() {
            p.empty { (t(lang, "assets-none")) }
        } @else {
            table {
                thead { tr {
                    th scope="col" { (t(lang, "assets-name")) }
                    th scope="col" { (t(lang, "assets-categories")) }
                    th scope="col" { (t(lang, "assets-where")) }
                    th scope="col" { (t(lang, "assets-agreement")) }
                    th scope="col" { (t(lang, "assets-owner")) }
                } }
                tbody {
                    @for asset in &assets {
                        tr data-asset=(asset.id) {
                            td { (asset.name) br; span.meta { (asset.kind) } }
                            td { (asset.categories.join(", ")) }
                            td { (asset.country) @if let Some(l) = &asset.location { " · " (l) } }
                            td { @if let Some(ag) = &asset.agreement { (name_of(ag)) } }
                            td { (role_name(&reglement.taxonomy, &asset.owner_role, lang)) }
                        }
                    }
                }
            }
        }
        @if keeps {
            section.panel aria-labelledby="nieuwe-overeenkomst" {
                h2 id="nieuwe-overeenkomst" { (t(lang, "processors-new")) }
                form method="post" action=(REGISTER_PATH) {
                    input type="hidden" name="csrf" value=(caller.csrf());
                    label for="verwerker" { (t(lang, "processors-processor")) }
                    input id="verwerker" name="verwerker" value=(a.verwerker) required;
                    (beside(&error, "agreement", None, "processor"))
                    label for="kvk" { (t(lang, "processors-kvk")) }
                    input id="kvk" name="kvk" value=(a.kvk) inputmode="numeric";
                    (beside(&error, "agreement", None, "kvk"))
                    label for="verwerkingen" { (t(lang, "processors-processings")) }
                    input id="verwerkingen" name="verwerkingen" value=(a.verwerkingen) required aria-describedby="verwerkingen-uitleg";
                    p.meta id="verwerkingen-uitleg" { (t!(lang, "processors-processings-explained", list = &processing_ids.join(", "))) }
                    (beside(&error, "agreement", None, "processings"))
                    label for="categorieen" { (t(lang, "processors-categories")) }
                    input id="categorieen" name="categorieen" value=(a.categorieen) required aria-describedby="categorieen-uitleg";
                    p.meta id="categorieen-uitleg" { (t(lang, "processors-categories-explained")) }
                    (beside(&error, "agreement", None, "categories"))
                    label for="subverwerkers" { (t(lang, "processors-subprocessors")) }
                    input id="subverwerkers" name="subverwerkers" value=(a.subverwerkers);
                    label for="landen" { (t(lang, "processors-countries")) }
                    input id="landen" name="landen" value=(a.landen) required aria-describedby="landen-uitleg";
                    p.meta id="landen-uitleg" { (t(lang, "processors-countries-explained")) }
                    (beside(&error, "agreement", None, "countries"))
                    label for="getekend" { (t(lang, "processors-signed")) }
                    input id="getekend" name="getekend" type="date" value=(a.getekend) required;
                    (beside(&error, "agreement", None, "signed_on"))
                    label for="herzien" { (t(lang, "processors-next-optional")) }
                    input id="herzien" name="herzien" type="date" value=(a.herzien);
                    (beside(&error, "agreement", None, "next_review"))
                    label for="beveiliging" { (t(lang, "processors-security")) }
                    textarea id="beveiliging" name="beveiliging" rows="3" { (a.beveiliging) }
                    button.primary type="submit" { (t(lang, "processors-record")) }
                }
            }
            section.panel aria-labelledby="nieuw-systeem" {
                h2 id="nieuw-systeem" { (t(lang, "assets-new")) }
                form method="post" action=(ASSETS_PATH) {
                    input type="hidden" name="csrf" value=(caller.csrf());
                    label for="naam" { (t(lang, "assets-name")) }
                    input id="naam" name="naam" value=(x.naam) required;
                    (beside(&error, "asset", None, "name"))
                    label for="soort" { (t(lang, "assets-kind")) }
                    input id="soort" name="soort" value=(x.soort) required;
                    (beside(&error, "asset", None, "kind"))
                    label for="a-categorieen" { (t(lang, "assets-categories")) }
                    input id="a-categorieen" name="categorieen" value=(x.categorieen) required;
                    (beside(&error, "asset", None, "categories"))
                    label for="land" { (t(lang, "assets-country")) }
                    input id="land" name="land" value=(x.land) required maxlength="2";
                    (beside(&error, "asset", None, "country"))
                    label for="plaats" { (t(lang, "assets-location")) }
                    input id="plaats" name="plaats" value=(x.plaats);
                    label for="overeenkomst" { (t(lang, "assets-agreement")) }
                    select id="overeenkomst" name="overeenkomst" {
                        option value="" { (t(lang, "assets-no-agreement")) }
                        @for ag in agreements.iter().filter(|a| a.active()) {
                            option value=(ag.id) selected[x.overeenkomst == ag.id] { (ag.processor) }
                        }
                    }
                    (beside(&error, "asset", None, "agreement"))
                    label for="eigenaar" { (t(lang, "assets-owner")) }
                    select id="eigenaar" name="eigenaar" {
                        @for role in &reglement.file.roles {
                            @let id = role.id.get_ref();
                            option value=(id) selected[x.eigenaar == *id] { (role_name(&reglement.taxonomy, id, lang)) }
                        }
                    }
                    (beside(&error, "asset", None, "owner_role"))
                    button.primary type="submit" { (t(lang, "assets-record")) }
                }
            }
        }
    };
    Ok(page(
        &s.vault,
        caller,
        &t(lang, "processors-register"),
        body,
    ))
}

/// The register: the agreements, the assets, the forms.
pub(crate) async fn register(
    State(s): State<AppState>,
    caller: Caller,
) -> Result<Markup, AppError> {
    render(&s, &caller, &Typed::default(), None).await
}

async fn refused(
    s: &AppState,
    caller: &Caller,
    typed: Typed,
    e: Refusal,
) -> Result<Response, AppError> {
    let markup = render(s, caller, &typed, Some(e)).await?;
    Ok((StatusCode::UNPROCESSABLE_ENTITY, markup).into_response())
}

fn new_processor(f: &AgreementForm) -> Result<NewProcessor, (&'static str, String)> {
    Ok(NewProcessor {
        processor: f.verwerker.clone(),
        kvk: Some(f.kvk.clone()),
        processings: list(&f.verwerkingen),
        categories: list(&f.categorieen),
        subprocessors: list(&f.subverwerkers),
        countries: list(&f.landen.to_uppercase()),
        signed_on: form_date("signed_on", &f.getekend)?,
        next_review: form_date("next_review", &f.herzien)?,
        security: f.beveiliging.clone(),
    })
}

/// Records an agreement from the form; shown again with what was typed and the error beside
/// its field when the vault refuses it.
pub(crate) async fn record(
    State(s): State<AppState>,
    caller: Caller,
    axum::Form(form): axum::Form<AgreementForm>,
) -> Result<Response, AppError> {
    caller.check_csrf(&form.csrf)?;
    let (field, message) = match new_processor(&form) {
        Err(e) => e,
        Ok(new) => match s.vault.record_processor(&caller.actor, &new).await {
            Ok(_) => return Ok(Redirect::to(REGISTER_PATH).into_response()),
            Err(VaultError::Invalid { field, message }) => (field, message),
            Err(other) => return Err(other.into()),
        },
    };
    let typed = Typed {
        agreement: form,
        ..Typed::default()
    };
    refused(&s, &caller, typed, Refusal::Agreement(field, message)).await
}

/// Records a review done; the next review follows from the reglement's interval unless given.
pub(crate) async fn review(
    State(s): State<AppState>,
    caller: Caller,
    Path(id): Path<String>,
    axum::Form(form): axum::Form<ReviewForm>,
) -> Result<Response, AppError> {
    caller.check_csrf(&form.csrf)?;
    let parsed = form_date("on", &form.op).and_then(|on| {
        let on = on.ok_or(("on", "a date (YYYY-MM-DD)".to_owned()))?;
        Ok((on, form_date("next_review", &form.volgende)?))
    });
    let (field, message) = match parsed {
        Err(e) => e,
        Ok((on, next)) => match s.vault.review_processor(&caller.actor, &id, on, next).await {
            Ok(_) => return Ok(Redirect::to(REGISTER_PATH).into_response()),
            Err(VaultError::Invalid { field, message }) => (field, message),
            Err(other) => return Err(other.into()),
        },
    };
    let typed = Typed {
        review: Some((id.clone(), form)),
        ..Typed::default()
    };
    refused(&s, &caller, typed, Refusal::Review(id, field, message)).await
}

/// Records an asset from the form.
pub(crate) async fn record_asset(
    State(s): State<AppState>,
    caller: Caller,
    axum::Form(form): axum::Form<AssetForm>,
) -> Result<Response, AppError> {
    caller.check_csrf(&form.csrf)?;
    let new = NewAsset {
        name: form.naam.clone(),
        kind: form.soort.clone(),
        categories: list(&form.categorieen),
        country: form.land.trim().to_uppercase(),
        location: Some(form.plaats.clone()),
        agreement: Some(form.overeenkomst.clone()),
        owner_role: form.eigenaar.clone(),
    };
    let (field, message) = match s.vault.record_asset(&caller.actor, &new).await {
        Ok(_) => return Ok(Redirect::to(REGISTER_PATH).into_response()),
        Err(VaultError::Invalid { field, message }) => (field, message),
        Err(other) => return Err(other.into()),
    };
    let typed = Typed {
        asset: form,
        ..Typed::default()
    };
    refused(&s, &caller, typed, Refusal::Asset(field, message)).await
}

/// The dashboard's panel for whoever keeps the register: the reviews due, overdue first.
pub(crate) async fn panel(s: &AppState, caller: &Caller) -> Result<Option<Markup>, AppError> {
    if !s.vault.may(&caller.actor, Duty::ManageIncidents) {
        return Ok(None);
    }
    let lang = caller.lang;
    let day = today();
    let due = s.vault.reviews_due(&caller.actor, day).await?;
    if due.is_empty() {
        return Ok(None);
    }
    Ok(Some(html! {
        section.panel aria-labelledby="verwerkers-titel" {
            h2 id="verwerkers-titel" { (t(lang, "processors-panel")) }
            ul {
                @for a in due.iter().take(3) {
                    li { (a.processor) ": " strong.late[a.overdue(day)] { (state(a, day, lang)) } }
                }
            }
            p { a href=(REGISTER_PATH) { (t(lang, "processors-open")) } }
        }
    }))
}
