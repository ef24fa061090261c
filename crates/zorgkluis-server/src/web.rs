//! The web UI for staff, server-rendered in Dutch (English with `?taal=en`): log in, my
//! clients, the dossier with what the role may not see clearly withheld, emergency access with
//! a mandatory reason, and for the privacy officer the access log of a client and the emergency
//! accesses to review. Every page reads through the same `Vault` as the API.

use std::collections::HashMap;
use std::net::SocketAddr;
use std::sync::{Arc, Mutex};
use std::time::{Duration, Instant};

use axum::Form;
use axum::extract::{ConnectInfo, Path, Query, State};
use axum::http::StatusCode;
use axum::response::{IntoResponse, Redirect, Response};
use axum_extra::extract::cookie::{Cookie, CookieJar, SameSite};
use maud::{DOCTYPE, Markup, html};
use serde::Deserialize;
use zorgkluis_core::Lang;
use zorgkluis_store::vault::{Actor, Session, Vault, VaultError};

use crate::AppState;
use crate::messages::{Msg, t};

pub const SESSION_COOKIE: &str = "zk_sessie";
const LANG_COOKIE: &str = "zk_taal";
/// The login form's anti-forgery token (double submit: in this cookie and in the form).
const LOGIN_COOKIE: &str = "zk_login";

/// Failed logins per user name and per address: after five, that name or address waits a
/// minute (throttling).
#[derive(Clone, Default)]
pub struct Throttle(Arc<Mutex<HashMap<String, (u32, Instant)>>>);

const MAX_FAILURES: u32 = 5;
const LOCKOUT: Duration = Duration::from_secs(60);

impl Throttle {
    fn locked(&self, user: &str) -> bool {
        let Ok(map) = self.0.lock() else { return true };
        map.get(user)
            .is_some_and(|(n, at)| *n >= MAX_FAILURES && at.elapsed() < LOCKOUT)
    }

    fn failed(&self, user: &str) {
        if let Ok(mut map) = self.0.lock() {
            // Forget lockouts that ended, so the map cannot grow without bound.
            if map.len() > 10_000 {
                map.retain(|_, (_, at)| at.elapsed() < LOCKOUT);
            }
            let entry = map.entry(user.to_owned()).or_insert((0, Instant::now()));
            if entry.1.elapsed() >= LOCKOUT {
                *entry = (0, Instant::now());
            }
            entry.0 += 1;
            entry.1 = Instant::now();
        }
    }

    fn succeeded(&self, user: &str) {
        if let Ok(mut map) = self.0.lock() {
            map.remove(user);
        }
    }
}

fn lang(jar: &CookieJar) -> Lang {
    match jar.get(LANG_COOKIE).map(Cookie::value) {
        Some("en") => Lang::En,
        _ => Lang::Nl,
    }
}

fn page(lang: Lang, title: &str, session: Option<&Session>, body: Markup) -> Markup {
    html! {
        (DOCTYPE)
        html lang=(if lang == Lang::En { "en" } else { "nl" }) {
            head {
                meta charset="utf-8";
                meta name="viewport" content="width=device-width, initial-scale=1";
                title { (title) " — zorgkluis" }
                style { (maud::PreEscaped(CSS)) }
            }
            body {
                header {
                    a.brand href="/clienten" { "zorgkluis" }
                    nav aria-label=(t(lang, Msg::Navigation)) {
                        @if let Some(s) = session {
                            span.who { (s.actor.user_id) " (" (s.actor.role) ")" }
                            @if s.actor.role == "fg" {
                                a href="/fg/noodtoegang" { (t(lang, Msg::EmergencyReview)) }
                            }
                            form method="post" action="/uitloggen" {
                                input type="hidden" name="csrf" value=(s.csrf);
                                button type="submit" { (t(lang, Msg::Logout)) }
                            }
                        }
                        a href="?taal=nl" lang="nl" { "NL" }
                        a href="?taal=en" lang="en" { "EN" }
                    }
                }
                main { h1 { (title) } (body) }
            }
        }
    }
}

const CSS: &str = "body{font-family:system-ui,sans-serif;margin:0;color:#1a1a1a;background:#fff}\
header{display:flex;justify-content:space-between;align-items:center;padding:.6rem 1rem;background:#0b4f6c;color:#fff;flex-wrap:wrap}\
header a,header button{color:#fff;margin-left:.8rem;font-size:1rem}header form{display:inline}\
header button{background:none;border:1px solid #fff;border-radius:4px;padding:.2rem .6rem;cursor:pointer}\
.brand{font-weight:bold;margin-left:0}main{max-width:52rem;margin:1rem auto;padding:0 1rem}\
label{display:block;margin-top:.8rem;font-weight:600}input,select,textarea{font-size:1rem;padding:.5rem;width:100%;max-width:30rem;box-sizing:border-box}\
button.primary{margin-top:1rem;font-size:1rem;padding:.6rem 1.2rem;background:#0b4f6c;color:#fff;border:0;border-radius:4px;cursor:pointer}\
:focus-visible{outline:3px solid #f0a202;outline-offset:2px}.withheld{border-left:4px solid #a4161a;background:#fdecea;padding:.6rem;margin:.6rem 0}\
.notice{border-left:4px solid #f0a202;background:#fff4e0;padding:.6rem}.error{color:#a4161a;font-weight:600}\
table{border-collapse:collapse;width:100%}th,td{border-bottom:1px solid #ccc;padding:.4rem;text-align:left;vertical-align:top}\
.record{border:1px solid #ccc;border-radius:4px;padding:.6rem;margin:.4rem 0}.meta{color:#555;font-size:.9rem}";

/// The logged-in session, or a redirect to the login page.
async fn session(state: &AppState, jar: &CookieJar, from: SocketAddr) -> Result<Session, Response> {
    let Some(token) = jar.get(SESSION_COOKIE).map(|c| c.value().to_owned()) else {
        return Err(Redirect::to("/login").into_response());
    };
    match state.vault.session(&token, &from.ip().to_string()).await {
        Ok(Some(s)) => Ok(s),
        _ => Err(Redirect::to("/login").into_response()),
    }
}

/// A logged-in request: the session and the language. Extracting it redirects to the login
/// page when there is no open session.
pub struct Web {
    pub session: Session,
    pub lang: Lang,
}

impl axum::extract::FromRequestParts<AppState> for Web {
    type Rejection = Response;

    async fn from_request_parts(
        parts: &mut axum::http::request::Parts,
        state: &AppState,
    ) -> Result<Web, Response> {
        let jar = CookieJar::from_headers(&parts.headers);
        let from = parts
            .extensions
            .get::<ConnectInfo<SocketAddr>>()
            .map_or_else(|| SocketAddr::from(([0, 0, 0, 0], 0)), |c| c.0);
        let session = session(state, &jar, from).await?;
        Ok(Web {
            session,
            lang: lang(&jar),
        })
    }
}

/// Every state-changing form carries its session's CSRF token: the refusal when it does not.
fn bad_csrf(session: &Session, sent: &str) -> Option<Response> {
    (sent != session.csrf).then(|| (StatusCode::FORBIDDEN, "CSRF").into_response())
}

#[derive(Deserialize)]
pub struct LangQuery {
    taal: Option<String>,
}

/// Applies `?taal=nl|en`, remembering the choice in a cookie.
fn with_lang(jar: CookieJar, q: &LangQuery) -> (CookieJar, Lang) {
    match q.taal.as_deref() {
        Some(l @ ("nl" | "en")) => {
            let mut c = Cookie::new(LANG_COOKIE, l.to_owned());
            c.set_path("/");
            c.set_same_site(SameSite::Lax);
            let lang = if l == "en" { Lang::En } else { Lang::Nl };
            (jar.add(c), lang)
        }
        _ => {
            let l = lang(&jar);
            (jar, l)
        }
    }
}

pub async fn login_form(
    State(s): State<AppState>,
    jar: CookieJar,
    Query(q): Query<LangQuery>,
) -> impl IntoResponse {
    let (jar, lang) = with_lang(jar, &q);
    let (jar, nonce) = login_nonce(jar, s.secure_cookies);
    (jar, login_page(lang, None, &nonce))
}

/// A fresh anti-forgery token for the login form, also set as a cookie. A form posted from
/// another site cannot carry the cookie (SameSite=Strict), so an attacker cannot log a victim
/// in to the attacker's own account (login CSRF). Empty if no randomness could be had, and
/// an empty token is never accepted.
fn login_nonce(jar: CookieJar, secure: bool) -> (CookieJar, String) {
    let mut bytes = [0u8; 32];
    let nonce = match getrandom::fill(&mut bytes) {
        Ok(()) => hex::encode(bytes),
        Err(_) => String::new(),
    };
    let mut c = Cookie::new(LOGIN_COOKIE, nonce.clone());
    c.set_http_only(true);
    c.set_same_site(SameSite::Strict);
    c.set_path("/login");
    c.set_secure(secure);
    (jar.add(c), nonce)
}

fn login_page(lang: Lang, error: Option<&str>, nonce: &str) -> Markup {
    page(
        lang,
        t(lang, Msg::Login),
        None,
        html! {
            @if let Some(e) = error { p.error role="alert" { (e) } }
            form method="post" action="/login" {
                input type="hidden" name="csrf" value=(nonce);
                label for="gebruiker" { (t(lang, Msg::Username)) }
                input id="gebruiker" name="gebruiker" autocomplete="username" required autofocus;
                label for="wachtwoord" { (t(lang, Msg::Password)) }
                input id="wachtwoord" name="wachtwoord" type="password" autocomplete="current-password" required;
                button.primary type="submit" { (t(lang, Msg::LoginButton)) }
            }
        },
    )
}

#[derive(Deserialize)]
pub struct LoginForm {
    gebruiker: String,
    wachtwoord: String,
    /// Missing is refused like wrong, with a fresh form.
    #[serde(default)]
    csrf: String,
}

pub async fn login(
    State(s): State<AppState>,
    ConnectInfo(from): ConnectInfo<SocketAddr>,
    jar: CookieJar,
    Form(form): Form<LoginForm>,
) -> Response {
    let lang = lang(&jar);
    let sent_from_our_form = !form.csrf.is_empty()
        && jar
            .get(LOGIN_COOKIE)
            .is_some_and(|c| c.value() == form.csrf);
    // Every answer but success shows a fresh form with a fresh token.
    let (jar, nonce) = login_nonce(jar, s.secure_cookies);
    let refuse = |status: StatusCode, msg: Msg| {
        (
            status,
            jar.clone(),
            login_page(lang, Some(t(lang, msg)), &nonce),
        )
            .into_response()
    };
    if !sent_from_our_form {
        return refuse(StatusCode::FORBIDDEN, Msg::FormExpired);
    }
    // A user name is an id, not free text: anything else is refused before it is hashed
    // against or written to the audit log.
    let plausible = !form.gebruiker.is_empty()
        && form.gebruiker.len() <= 100
        && !form
            .gebruiker
            .chars()
            .any(|c| c.is_whitespace() || c.is_control());
    if !plausible || form.wachtwoord.len() > 1024 {
        return refuse(StatusCode::UNAUTHORIZED, Msg::WrongLogin);
    }
    let ip = from.ip().to_string();
    if s.throttle.locked(&form.gebruiker) || s.throttle.locked(&ip) {
        return refuse(StatusCode::TOO_MANY_REQUESTS, Msg::TooManyAttempts);
    }
    // Argon2id takes ~19 MiB and tens of milliseconds: a few at a time, whatever comes in.
    let Ok(_permit) = s.login_slots.acquire().await else {
        return refuse(StatusCode::SERVICE_UNAVAILABLE, Msg::InternalError);
    };
    match s.vault.login(&form.gebruiker, &form.wachtwoord, &ip).await {
        Ok(Some(session)) => {
            s.throttle.succeeded(&form.gebruiker);
            let mut c = Cookie::new(SESSION_COOKIE, session.token);
            c.set_http_only(true);
            c.set_same_site(SameSite::Strict);
            c.set_path("/");
            c.set_secure(s.secure_cookies);
            let jar = jar
                .remove(Cookie::build(LOGIN_COOKIE).path("/login"))
                .add(c);
            (jar, Redirect::to("/clienten")).into_response()
        }
        Ok(None) => {
            s.throttle.failed(&form.gebruiker);
            s.throttle.failed(&ip);
            refuse(StatusCode::UNAUTHORIZED, Msg::WrongLogin)
        }
        Err(_) => refuse(StatusCode::INTERNAL_SERVER_ERROR, Msg::InternalError),
    }
}

#[derive(Deserialize)]
pub struct CsrfForm {
    csrf: String,
}

pub async fn logout(
    State(s): State<AppState>,
    Web { session, .. }: Web,
    jar: CookieJar,
    Form(form): Form<CsrfForm>,
) -> Response {
    if let Some(refused) = bad_csrf(&session, &form.csrf) {
        return refused;
    }
    let _ = s.vault.logout(&session).await;
    (
        jar.remove(Cookie::build(SESSION_COOKIE).path("/")),
        Redirect::to("/login"),
    )
        .into_response()
}

pub async fn root() -> Redirect {
    Redirect::to("/clienten")
}

/// A client's display name: their NAW record, if this user may read it (an audited read).
async fn display_name(s: &AppState, session: &Session, person: &str) -> Option<String> {
    s.vault
        .read_category(&session.actor, person, "naw", "overzicht", None)
        .await
        .ok()
        .and_then(|r| {
            r.last()
                .map(|r| r.text.split(',').next().unwrap_or(&r.text).to_owned())
        })
}

pub async fn clients(
    State(s): State<AppState>,
    Web { session, .. }: Web,
    jar: CookieJar,
    Query(q): Query<LangQuery>,
) -> Response {
    let (jar, lang) = with_lang(jar, &q);
    let ids = s
        .vault
        .list_persons(&session.actor, 0, 200)
        .await
        .unwrap_or_default();
    let mut rows = Vec::new();
    for id in &ids {
        rows.push((id.clone(), display_name(&s, &session, id).await));
    }
    let body = html! {
        @if session.actor.role == "administratie" {
            p { a href="/clienten/nieuw" { (t(lang, Msg::RegisterClient)) } }
        }
        @if rows.is_empty() { p { (t(lang, Msg::NoClients)) } }
        ul id="clienten" {
            @for (id, name) in &rows {
                li { a href={ "/clienten/" (id) } { (name.as_deref().unwrap_or(id)) } }
            }
        }
    };
    (
        jar,
        page(lang, t(lang, Msg::MyClients), Some(&session), body),
    )
        .into_response()
}

fn records_html(lang: Lang, records: &[zorgkluis_store::vault::Record]) -> Markup {
    records_with_forms(lang, records, None)
}

/// Records, each with a correction form and a form for the client's own statement (aanvulling,
/// art. 16 AVG) when a session is given. The decision is made when a form is sent; a role that
/// may not amend gets a clear refusal.
fn records_with_forms(
    lang: Lang,
    records: &[zorgkluis_store::vault::Record],
    session: Option<&Session>,
) -> Markup {
    html! {
        @for r in records {
            div.record data-category=(r.category) data-kind=(r.kind) {
                strong { (r.category) }
                @if r.kind == "correction" { " — " (t(lang, Msg::Correction)) }
                @if r.kind == "supplement" { " — " (t(lang, Msg::Supplement)) }
                p.text { (r.text) }
                p.meta { (r.created_at) " · " (r.created_by) }
                @if let Some(s) = session {
                    (amend_form(lang, s, &r.id, "correctie", [Msg::Correct, Msg::NewText, Msg::SaveCorrection]))
                    (amend_form(lang, s, &r.id, "aanvulling", [Msg::AddSupplement, Msg::ClientStatement, Msg::SaveSupplement]))
                }
            }
        }
    }
}

/// A folded form that amends a record: `kind` is the path's last part ("correctie",
/// "aanvulling") and the details' class; `texts` are its summary, label and button.
fn amend_form(lang: Lang, session: &Session, record: &str, kind: &str, texts: [Msg; 3]) -> Markup {
    let [summary, label, button] = texts;
    let field = format!("{kind}-{record}");
    html! {
        details class=(kind) {
            summary { (t(lang, summary)) }
            form method="post" action={ "/gegevens/" (record) "/" (kind) } {
                input type="hidden" name="csrf" value=(session.csrf);
                label for=(field) { (t(lang, label)) }
                textarea id=(field) name="tekst" rows="2" required {}
                button.primary type="submit" { (t(lang, button)) }
            }
        }
    }
}

#[derive(Deserialize)]
pub struct CorrectionForm {
    csrf: String,
    tekst: String,
}

pub async fn correct(
    State(s): State<AppState>,
    web: Web,
    Path(record): Path<String>,
    Form(form): Form<CorrectionForm>,
) -> Response {
    amend(s, web, record, form, Amendment::Correction).await
}

/// Adds the client's own statement to a record (aanvulling).
pub async fn supplement(
    State(s): State<AppState>,
    web: Web,
    Path(record): Path<String>,
    Form(form): Form<CorrectionForm>,
) -> Response {
    amend(s, web, record, form, Amendment::Supplement).await
}

/// The two ways a record is amended, from the web UI and from the API alike.
#[derive(Clone, Copy)]
pub(crate) enum Amendment {
    Correction,
    Supplement,
}

impl Amendment {
    /// Amends `record` with `text` through the vault (decided and logged there); returns the
    /// new record's id.
    pub(crate) async fn apply(
        self,
        vault: &Vault,
        actor: &Actor,
        record: &str,
        text: &str,
        purpose: &str,
    ) -> Result<String, VaultError> {
        match self {
            Amendment::Correction => vault.correct_record(actor, record, text, purpose).await,
            Amendment::Supplement => vault.supplement_record(actor, record, text, purpose).await,
        }
    }

    /// The purpose the web UI logs for it.
    fn purpose(self) -> &'static str {
        match self {
            Amendment::Correction => "correctie",
            Amendment::Supplement => "aanvulling",
        }
    }
}

async fn amend(
    s: AppState,
    Web { session, lang }: Web,
    record: String,
    form: CorrectionForm,
    kind: Amendment,
) -> Response {
    if let Some(refused) = bad_csrf(&session, &form.csrf) {
        return refused;
    }
    if form.tekst.trim().is_empty() {
        return (
            StatusCode::UNPROCESSABLE_ENTITY,
            page(
                lang,
                t(lang, Msg::NewText),
                Some(&session),
                html! { p.error { (t(lang, Msg::NewText)) } },
            ),
        )
            .into_response();
    }
    let done = kind
        .apply(
            &s.vault,
            &session.actor,
            &record,
            &form.tekst,
            kind.purpose(),
        )
        .await;
    match done {
        Ok(_) => match s.vault.record_person(&record).await {
            Some(person) => Redirect::to(&format!("/clienten/{person}")).into_response(),
            None => Redirect::to("/clienten").into_response(),
        },
        Err(VaultError::Denied(d)) => (
            StatusCode::FORBIDDEN,
            page(
                lang,
                t(lang, Msg::Correct),
                Some(&session),
                html! { p.error role="alert" { (d.explain(lang)) } },
            ),
        )
            .into_response(),
        Err(_) => (
            StatusCode::NOT_FOUND,
            page(lang, t(lang, Msg::NotFound), Some(&session), html! {}),
        )
            .into_response(),
    }
}

pub async fn dossier(
    State(s): State<AppState>,
    Web { session, .. }: Web,
    jar: CookieJar,
    Path(person): Path<String>,
    Query(q): Query<LangQuery>,
) -> Response {
    let (jar, lang) = with_lang(jar, &q);
    let view = match s
        .vault
        .dossier(&session.actor, &person, "zorgverlening")
        .await
    {
        Ok(v) => v,
        Err(VaultError::NotFound(_)) | Err(VaultError::Invalid { .. }) => {
            return (
                StatusCode::NOT_FOUND,
                page(lang, t(lang, Msg::NotFound), Some(&session), html! {}),
            )
                .into_response();
        }
        Err(VaultError::Erased(_)) => {
            return (
                StatusCode::GONE,
                page(lang, t(lang, Msg::Erased), Some(&session), html! {}),
            )
                .into_response();
        }
        Err(_) => {
            return (
                StatusCode::INTERNAL_SERVER_ERROR,
                t(lang, Msg::InternalError),
            )
                .into_response();
        }
    };
    let body = html! {
        @if !view.withheld.is_empty() {
            section aria-labelledby="withheld-title" {
                h2 id="withheld-title" { (t(lang, Msg::Withheld)) }
                @for w in &view.withheld {
                    div.withheld data-category=(w.category) {
                        strong { (w.category) } ": " (w.decision.explain(lang))
                    }
                }
                @if matches!(session.actor.role.as_str(), "zorgverlener" | "stagiair") {
                    p { a href={ "/clienten/" (person) "/noodtoegang" } { (t(lang, Msg::EmergencyAccess)) } }
                }
            }
        }
        section aria-labelledby="records-title" {
            h2 id="records-title" { (t(lang, Msg::Records)) }
            @if view.records.is_empty() { p { (t(lang, Msg::NoRecords)) } }
            (records_with_forms(lang, &view.records, Some(&session)))
        }
        @if session.actor.role == "fg" {
            p { a href={ "/fg/clienten/" (person) "/logging" } { (t(lang, Msg::AccessLog)) } }
        }
    };
    (jar, page(lang, t(lang, Msg::Dossier), Some(&session), body)).into_response()
}

pub async fn emergency_form(Web { session, lang }: Web, Path(person): Path<String>) -> Response {
    page(
        lang,
        t(lang, Msg::EmergencyAccess),
        Some(&session),
        emergency_body(lang, &session, &person, None),
    )
    .into_response()
}

fn emergency_body(lang: Lang, session: &Session, person: &str, error: Option<&str>) -> Markup {
    html! {
        p.notice { (t(lang, Msg::EmergencyExplained)) }
        @if let Some(e) = error { p.error role="alert" { (e) } }
        form method="post" action={ "/clienten/" (person) "/noodtoegang" } {
            input type="hidden" name="csrf" value=(session.csrf);
            label for="categorie" { (t(lang, Msg::Category)) }
            select id="categorie" name="categorie" {
                @for c in ["gezondheid", "zorgplan", "rapportage"] { option value=(c) { (c) } }
            }
            label for="reden" { (t(lang, Msg::Reason)) }
            textarea id="reden" name="reden" rows="3" {}
            button.primary type="submit" { (t(lang, Msg::BreakTheGlass)) }
        }
    }
}

#[derive(Deserialize)]
pub struct EmergencyForm {
    csrf: String,
    categorie: String,
    reden: String,
}

pub async fn emergency(
    State(s): State<AppState>,
    Web { session, lang }: Web,
    Path(person): Path<String>,
    Form(form): Form<EmergencyForm>,
) -> Response {
    if let Some(refused) = bad_csrf(&session, &form.csrf) {
        return refused;
    }
    if form.reden.trim().is_empty() {
        let body = emergency_body(lang, &session, &person, Some(t(lang, Msg::ReasonRequired)));
        return (
            StatusCode::UNPROCESSABLE_ENTITY,
            page(lang, t(lang, Msg::EmergencyAccess), Some(&session), body),
        )
            .into_response();
    }
    match s
        .vault
        .read_category(
            &session.actor,
            &person,
            &form.categorie,
            "noodtoegang",
            Some(&form.reden),
        )
        .await
    {
        Ok(records) => {
            let body = html! {
                p.notice role="status" { (t(lang, Msg::EmergencyGranted)) }
                (records_html(lang, &records))
            };
            page(lang, t(lang, Msg::EmergencyAccess), Some(&session), body).into_response()
        }
        Err(VaultError::Denied(d)) => {
            let body = emergency_body(lang, &session, &person, Some(&d.explain(lang)));
            (
                StatusCode::FORBIDDEN,
                page(lang, t(lang, Msg::EmergencyAccess), Some(&session), body),
            )
                .into_response()
        }
        Err(_) => (
            StatusCode::NOT_FOUND,
            page(lang, t(lang, Msg::NotFound), Some(&session), html! {}),
        )
            .into_response(),
    }
}

fn events_table(lang: Lang, events: &[zorgkluis_store::audit::AuditEvent]) -> Markup {
    html! {
        table {
            thead { tr {
                th scope="col" { (t(lang, Msg::When)) } th scope="col" { (t(lang, Msg::Who)) }
                th scope="col" { (t(lang, Msg::What)) } th scope="col" { (t(lang, Msg::Why)) }
                th scope="col" { (t(lang, Msg::Outcome)) }
            } }
            tbody {
                @for e in events {
                    tr.emergency[e.emergency] {
                        td { (e.at) } td { (e.user_id) " (" (e.role) ")" }
                        td { (e.action) " " (e.category.as_deref().unwrap_or("")) }
                        td { (e.purpose) @if e.emergency { " — " strong { (t(lang, Msg::EmergencyShort)) } } }
                        td { (e.outcome) }
                    }
                }
            }
        }
    }
}

pub async fn access_log(
    State(s): State<AppState>,
    Web { session, lang }: Web,
    Path(person): Path<String>,
) -> Response {
    if session.actor.role != "fg" {
        return (
            StatusCode::FORBIDDEN,
            page(lang, t(lang, Msg::OnlyOfficer), Some(&session), html! {}),
        )
            .into_response();
    }
    let events = s
        .vault
        .audit_for_person(&session.actor, &person)
        .await
        .unwrap_or_default();
    page(
        lang,
        t(lang, Msg::AccessLog),
        Some(&session),
        events_table(lang, &events),
    )
    .into_response()
}

pub async fn emergency_review(State(s): State<AppState>, Web { session, lang }: Web) -> Response {
    if session.actor.role != "fg" {
        return (
            StatusCode::FORBIDDEN,
            page(lang, t(lang, Msg::OnlyOfficer), Some(&session), html! {}),
        )
            .into_response();
    }
    let events = s
        .vault
        .emergency_events(&session.actor, 200)
        .await
        .unwrap_or_default();
    page(
        lang,
        t(lang, Msg::EmergencyReview),
        Some(&session),
        events_table(lang, &events),
    )
    .into_response()
}

fn register_body(lang: Lang, session: &Session, error: Option<&str>) -> Markup {
    html! {
        @if let Some(e) = error { p.error role="alert" { (e) } }
        form method="post" action="/clienten/nieuw" {
            input type="hidden" name="csrf" value=(session.csrf);
            label for="naw" { (t(lang, Msg::NameAddress)) }
            input id="naw" name="naw" required autocomplete="off";
            label for="bsn" { (t(lang, Msg::Bsn)) }
            input id="bsn" name="bsn" inputmode="numeric" pattern="[0-9]{9}" required autocomplete="off";
            fieldset {
                legend { (t(lang, Msg::IdentityCheck)) }
                label for="documenttype" { (t(lang, Msg::DocumentType)) }
                select id="documenttype" name="documenttype" {
                    @for d in ["paspoort", "identiteitskaart", "rijbewijs", "verblijfsdocument"] { option value=(d) { (d) } }
                }
                label for="documentnummer" { (t(lang, Msg::DocumentNumber)) }
                input id="documentnummer" name="documentnummer" required autocomplete="off";
                label for="gecontroleerd" { (t(lang, Msg::CheckedOn)) }
                input id="gecontroleerd" name="gecontroleerd" type="date" required;
                label for="geldig" { (t(lang, Msg::ValidUntil)) }
                input id="geldig" name="geldig" type="date" required;
            }
            button.primary type="submit" { (t(lang, Msg::Register)) }
        }
    }
}

pub async fn register_form(Web { session, lang }: Web) -> Response {
    page(
        lang,
        t(lang, Msg::RegisterClient),
        Some(&session),
        register_body(lang, &session, None),
    )
    .into_response()
}

#[derive(Deserialize)]
pub struct RegisterForm {
    csrf: String,
    naw: String,
    bsn: String,
    documenttype: String,
    documentnummer: String,
    gecontroleerd: String,
    geldig: String,
}

/// Registers a client with their BSN after an identity check (administration): the person, the
/// NAW record and the identity check, each decided and logged.
pub async fn register(
    State(s): State<AppState>,
    Web { session, lang }: Web,
    Form(form): Form<RegisterForm>,
) -> Response {
    if let Some(refused) = bad_csrf(&session, &form.csrf) {
        return refused;
    }
    let fail = |status: StatusCode, message: &str| {
        (
            status,
            page(
                lang,
                t(lang, Msg::RegisterClient),
                Some(&session),
                register_body(lang, &session, Some(message)),
            ),
        )
            .into_response()
    };
    let (Ok(checked), Ok(valid)) = (
        form.gecontroleerd.parse::<jiff::civil::Date>(),
        form.geldig.parse::<jiff::civil::Date>(),
    ) else {
        return fail(StatusCode::UNPROCESSABLE_ENTITY, t(lang, Msg::BadDate));
    };
    if form.naw.trim().is_empty() || form.documentnummer.trim().is_empty() {
        return fail(StatusCode::UNPROCESSABLE_ENTITY, t(lang, Msg::Required));
    }
    let person = match s
        .vault
        .register_person(
            &session.actor,
            "client",
            Some(form.bsn.trim()),
            "inschrijving",
        )
        .await
    {
        Ok(p) => p,
        Err(VaultError::Invalid { field: "bsn", .. }) => {
            return fail(StatusCode::UNPROCESSABLE_ENTITY, t(lang, Msg::BadBsn));
        }
        Err(VaultError::Denied(d)) => return fail(StatusCode::FORBIDDEN, &d.explain(lang)),
        Err(_) => {
            return fail(
                StatusCode::INTERNAL_SERVER_ERROR,
                t(lang, Msg::InternalError),
            );
        }
    };
    let naw = s
        .vault
        .add_record(
            &session.actor,
            &person,
            "naw",
            form.naw.trim(),
            "inschrijving",
        )
        .await;
    let check = s
        .vault
        .record_identity_check(
            &session.actor,
            &person,
            checked,
            &form.documenttype,
            form.documentnummer.trim(),
            valid,
        )
        .await;
    match (naw, check) {
        (Ok(_), Ok(_)) => Redirect::to(&format!("/clienten/{person}")).into_response(),
        (Err(VaultError::Denied(d)), _) | (_, Err(VaultError::Denied(d))) => {
            fail(StatusCode::FORBIDDEN, &d.explain(lang))
        }
        _ => fail(
            StatusCode::INTERNAL_SERVER_ERROR,
            t(lang, Msg::InternalError),
        ),
    }
}
