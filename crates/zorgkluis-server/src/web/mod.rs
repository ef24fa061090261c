//! The web UI for staff, server-rendered in Dutch (English with `?taal=en`), one file per part:
//! logging in ([`auth`]) with a second factor where the role needs one ([`second_factor`]), the home page by what the caller may do ([`home`]), clients: lists,
//! search and registration ([`clients`]), the dossier with its amendments and emergency access
//! ([`dossier`]), and supervision: a client's access log and the emergency review
//! ([`officer`]), and the work queue of data subject requests ([`requests`]) with the export
//! that carries out an inzage, afschrift or inzage in de logging ([`export`]), and retention: the plan, runs with their certificates and the hold register ([`retention`]); the disclosure ledger: the disclosure form, the notice to the client, the FG's ledger and the register of recipients ([`disclosures`]); the complaints register with a page per complaint ([`complaints`]); the annual privacy report with its PDF and JSON ([`annual_report`]). Every page reads through the same `Vault` as the API; what a page offers is
//! asked of the vault, so a reglement with other role ids works as well.

mod annual_report;
pub mod auth;
mod clients;
pub(crate) mod complaints;
mod consents;
pub(crate) mod contacts;
pub(crate) mod disclosures;
mod dossier;
pub(crate) mod downloads;
pub mod export;
mod home;
pub(crate) mod incidents;
pub(crate) mod layout;
mod letters;
pub(crate) mod log_review;
mod officer;
pub(crate) mod portal;
pub(crate) mod processors;
mod representation;
mod requests;
pub(crate) mod retention;
pub(crate) mod second_factor;
pub mod throttle;

use axum::Router;
use axum::extract::Request;
use axum::response::{IntoResponse, Redirect, Response};
use axum::routing::{get, post};
use axum_extra::extract::cookie::{Cookie, CookieJar, SameSite};

use crate::AppState;

pub const SESSION_COOKIE: &str = "zk_sessie";
pub(crate) const LANG_COOKIE: &str = "zk_taal";

pub(crate) fn routes() -> Router<AppState> {
    Router::new()
        .route("/", get(home::home))
        .route("/login", get(auth::login_form).post(auth::login))
        .route(
            second_factor::CODE_PATH,
            get(second_factor::code_form).post(second_factor::code),
        )
        .route(
            second_factor::ENROL_PATH,
            get(second_factor::enrol_form).post(second_factor::enrol),
        )
        .route("/uitloggen", post(auth::logout))
        .route("/clienten", get(clients::list))
        .route(
            "/clienten/zoeken",
            get(clients::search_page).post(clients::search),
        )
        .route(
            "/clienten/nieuw",
            get(clients::register_form).post(clients::register),
        )
        .route("/clienten/{id}", get(dossier::dossier))
        .route(
            "/clienten/{id}/toestemmingen",
            get(consents::consents_page).post(consents::give),
        )
        .route("/toestemmingen/{id}/intrekken", post(consents::withdraw))
        .route(
            "/clienten/{id}/noodtoegang",
            get(dossier::emergency_form).post(dossier::emergency),
        )
        .route("/gegevens/{id}/correctie", post(dossier::correct))
        .route("/gegevens/{id}/aanvulling", post(dossier::supplement))
        .route("/toezicht/clienten/{id}/logging", get(officer::access_log))
        .route("/toezicht/noodtoegang", get(officer::emergency_review))
        .route(
            "/toezicht/incidenten",
            get(incidents::register).post(incidents::record),
        )
        .route("/toezicht/incidenten/{id}/melding", post(incidents::notify))
        .route(
            complaints::REGISTER_PATH,
            get(complaints::register).post(complaints::record),
        )
        .route("/toezicht/klachten/{id}", get(complaints::complaint_page))
        .route(
            "/toezicht/klachten/{id}/verlenging",
            post(complaints::extend),
        )
        .route("/toezicht/klachten/{id}/oordeel", post(complaints::decide))
        .route(
            "/toezicht/klachten/{id}/geschilleninstantie",
            post(complaints::refer),
        )
        .route("/toezicht/klachten/{id}/kenmerken", post(complaints::mark))
        .route(log_review::PATH, get(log_review::page_get))
        .route("/toezicht/logcontrole/uitvoeren", post(log_review::run))
        .route(
            "/toezicht/logcontrole/{id}/afhandelen",
            post(log_review::close),
        )
        .route(
            "/toezicht/logcontrole/{id}/incident",
            post(log_review::incident),
        )
        .route(
            processors::REGISTER_PATH,
            get(processors::register).post(processors::record),
        )
        .route(processors::ASSETS_PATH, post(processors::record_asset))
        .route(
            "/toezicht/verwerkers/{id}/herziening",
            post(processors::review),
        )
        .route(retention::PLAN_PATH, get(retention::plan_page))
        .route(
            "/toezicht/bewaartermijnen/vernietigen",
            post(retention::start_run),
        )
        .route(
            "/toezicht/bewaartermijnen/vernietiging/{id}",
            get(retention::run_page),
        )
        .route(retention::HOLDS_PATH, get(retention::register))
        .route(
            "/toezicht/blokkades/{id}/opheffen",
            post(retention::release),
        )
        .route("/clienten/{id}/blokkade", post(retention::place))
        .route(
            "/clienten/{id}/verstrekken",
            get(disclosures::form).post(disclosures::submit),
        )
        .route(
            "/verstrekkingen/{id}/melding",
            get(disclosures::notice_page).post(disclosures::record_notice),
        )
        .route(disclosures::LEDGER_PATH, get(disclosures::ledger))
        .route(disclosures::LEDGER_CSV_PATH, get(disclosures::ledger_csv))
        .route(disclosures::LEDGER_XLSX_PATH, get(disclosures::ledger_xlsx))
        .route(annual_report::PATH, get(annual_report::report_page))
        .route(annual_report::PDF_PATH, get(annual_report::report_pdf))
        .route(annual_report::JSON_PATH, get(annual_report::report_json))
        .route(downloads::WORKBOOK_PATH, get(downloads::workbook))
        .route(downloads::REGISTER_PATH, get(downloads::register))
        .route(
            disclosures::RECIPIENTS_PATH,
            get(disclosures::register).post(disclosures::register_recipient),
        )
        .route(
            contacts::PATH,
            get(contacts::register).post(contacts::block),
        )
        .route(
            "/toezicht/niet-benaderen/{id}/beeindigen",
            post(contacts::end),
        )
        .route(portal::PATH, get(portal::home))
        .route(portal::FILE_PATH, get(portal::file_form).post(portal::file))
        .route("/portaal/verzoeken/{id}", get(portal::request_page))
        .route("/portaal/verzoeken/{id}/brief", get(portal::letter))
        .route("/verzoeken", get(requests::queue))
        .route("/verzoeken/{id}", get(requests::request_page))
        .route("/verzoeken/{id}/brief", get(letters::letter))
        .route("/verzoeken/{id}/besluit", post(requests::decide))
        .route("/verzoeken/{id}/verlenging", post(requests::extend))
        .route("/verzoeken/{id}/stap", post(requests::step))
        .route("/verzoeken/{id}/verwijderen", post(requests::erase))
        .route("/verzoeken/{id}/afschermen", post(requests::restrict))
        .route(
            "/afscherming/{id}/opheffen",
            post(requests::lift_restriction),
        )
        .route("/verzoeken/{id}/export", get(export::export_page))
        .route(
            "/verzoeken/{id}/export/achterhouden",
            post(export::withhold),
        )
        .route("/verzoeken/{id}/export/vrijgeven", post(export::release))
        .route("/verzoeken/{id}/export/uitvoeren", post(export::execute))
        .route("/verzoeken/{id}/export/fhir", get(export::fhir_bundle))
        .route(
            "/clienten/{id}/vertegenwoordiger",
            post(representation::add),
        )
        .layer(axum::middleware::from_fn(switch_language))
}

/// `?taal=nl|en` on any page: remember the choice in a cookie and show the page again without
/// the parameter, in that language.
async fn switch_language(req: Request, next: axum::middleware::Next) -> Response {
    let chosen = req.uri().query().and_then(|q| {
        q.split('&')
            .find_map(|p| p.strip_prefix("taal="))
            .filter(|l| matches!(*l, "nl" | "en"))
            .map(str::to_owned)
    });
    let Some(lang) = chosen else {
        return next.run(req).await;
    };
    let rest: Vec<&str> = req
        .uri()
        .query()
        .unwrap_or("")
        .split('&')
        .filter(|p| !p.starts_with("taal=") && !p.is_empty())
        .collect();
    let path = req.uri().path();
    let target = if rest.is_empty() {
        path.to_owned()
    } else {
        format!("{path}?{}", rest.join("&"))
    };
    let mut c = Cookie::new(LANG_COOKIE, lang);
    c.set_path("/");
    c.set_same_site(SameSite::Lax);
    let jar = CookieJar::from_headers(req.headers()).add(c);
    (jar, Redirect::to(&target)).into_response()
}
