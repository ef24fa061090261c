//! The annual privacy report on the web (issue 16 part 7; BG wonen 8.2): the year's figures
//! inside the site's frame (`/toezicht/jaarverslag?jaar=2026`, this year without `jaar`), a
//! year picker, and the same report as PDF and as JSON (each figure with the events it counts)
//! to download. Who may make it is the vault's decision (the FG's oversight or management's
//! overview), and each making is logged there; the figures and their HTML come from the core,
//! so the page, the PDF, the JSON and the command line show the same report.

use axum::extract::State;
use axum::http::{HeaderValue, header};
use axum::response::{IntoResponse, Response};
use maud::{Markup, PreEscaped, html};
use serde::Deserialize;
use zorgkluis_core::annual_report::AnnualReport;
use zorgkluis_core::annual_report_render::{STYLE, made_on, sections_html, title, to_pdf};
use zorgkluis_core::i18n::t;
use zorgkluis_core::t;

use super::layout::page;
use crate::api::Query;
use crate::{AppError, AppState, Caller};

pub(crate) const PATH: &str = "/toezicht/jaarverslag";
pub(crate) const PDF_PATH: &str = "/toezicht/jaarverslag.pdf";
pub(crate) const JSON_PATH: &str = "/toezicht/jaarverslag.json";

/// The first year a report can be asked for.
const FIRST_YEAR: i16 = 2000;

pub(crate) fn this_year() -> i16 {
    zorgkluis_core::time::dutch_date(jiff::Timestamp::now()).year()
}

#[derive(Deserialize, Default)]
pub(crate) struct YearQuery {
    /// The year; this year without it (or empty, as an untouched picker sends it).
    #[serde(default)]
    jaar: Option<String>,
}

/// The year asked for: 2000 up to this year, or a 422 naming `jaar`.
fn year(q: &YearQuery, caller: &Caller) -> Result<i16, AppError> {
    let last = this_year();
    let Some(text) = q.jaar.as_deref().map(str::trim).filter(|s| !s.is_empty()) else {
        return Ok(last);
    };
    match text.parse::<i16>() {
        Ok(y) if (FIRST_YEAR..=last).contains(&y) => Ok(y),
        _ => Err(AppError::invalid(
            "jaar",
            &t!(
                caller.lang,
                "annual-web-bad-year",
                value = text,
                last = &last.to_string()
            ),
        )),
    }
}

async fn report(s: &AppState, caller: &Caller, q: &YearQuery) -> Result<AnnualReport, AppError> {
    let year = year(q, caller)?;
    Ok(s.vault
        .annual_report(&caller.actor, year, caller.lang)
        .await?)
}

fn with_year(path: &str, year: i16) -> String {
    format!("{path}?jaar={year}")
}

pub(crate) async fn report_page(
    State(s): State<AppState>,
    caller: Caller,
    Query(q): Query<YearQuery>,
) -> Result<Markup, AppError> {
    let lang = caller.lang;
    let report = report(&s, &caller, &q).await?;
    let year = report.year;
    let body = html! {
        p.sub { (made_on(&report, lang)) }
        div.no-print {
            form method="get" action=(PATH) aria-label=(t(lang, "annual-web-pick")) {
                label for="jaar" { (t(lang, "annual-web-year")) }
                input id="jaar" name="jaar" type="number" inputmode="numeric"
                    min=(FIRST_YEAR) max=(this_year()) value=(year) style="max-width:8rem";
                button.primary type="submit" { (t(lang, "annual-web-show")) }
            }
            p {
                a href=(with_year(PDF_PATH, year)) download { (t(lang, "annual-web-download-pdf")) }
                " · "
                a href=(with_year(JSON_PATH, year)) download { (t(lang, "annual-web-download-json")) }
            }
        }
        div.jaarverslag {
            style { (PreEscaped(STYLE)) }
            (PreEscaped(sections_html(&report, lang)))
        }
    };
    Ok(page(&s.vault, &caller, &title(&report, lang), body))
}

fn attachment(mut response: Response, content_type: &'static str, file: &str) -> Response {
    let headers = response.headers_mut();
    headers.insert(header::CONTENT_TYPE, HeaderValue::from_static(content_type));
    if let Ok(v) = HeaderValue::from_str(&format!("attachment; filename=\"{file}\"")) {
        headers.insert(header::CONTENT_DISPOSITION, v);
    }
    response
}

pub(crate) async fn report_pdf(
    State(s): State<AppState>,
    caller: Caller,
    Query(q): Query<YearQuery>,
) -> Result<Response, AppError> {
    let report = report(&s, &caller, &q).await?;
    Ok(attachment(
        to_pdf(&report, caller.lang).into_response(),
        "application/pdf",
        &format!("jaarverslag-privacy-{}.pdf", report.year),
    ))
}

pub(crate) async fn report_json(
    State(s): State<AppState>,
    caller: Caller,
    Query(q): Query<YearQuery>,
) -> Result<Response, AppError> {
    let report = report(&s, &caller, &q).await?;
    let body = serde_json::to_vec_pretty(&report).map_err(|e| AppError::Internal {
        code: "json",
        cause: e.to_string(),
    })?;
    Ok(attachment(
        body.into_response(),
        "application/json",
        &format!("jaarverslag-privacy-{}.json", report.year),
    ))
}
