//! Logging in and out. The login form carries an anti-forgery token matched against a cookie
//! (double submit, compared in constant time); attempts are counted before the password is
//! checked and slowed down per account and network ([`super::throttle`]).

use std::net::SocketAddr;

use axum::Form;
use axum::extract::{ConnectInfo, State};
use axum::http::StatusCode;
use axum::response::{IntoResponse, Redirect, Response};
use axum_extra::extract::cookie::{Cookie, CookieJar, SameSite};
use maud::{Markup, html};
use serde::Deserialize;
use zorgkluis_core::Lang;
use zorgkluis_core::i18n::t;
use zorgkluis_core::t;

use super::SESSION_COOKIE;
use super::layout::bare_page;
use crate::caller::PendingSession;
use crate::error::language;
use crate::{AppError, AppState};

/// The login form's anti-forgery token (double submit: in this cookie and in the form).
const LOGIN_COOKIE: &str = "zk_login";

pub(crate) async fn login_form(
    State(s): State<AppState>,
    headers: axum::http::HeaderMap,
    jar: CookieJar,
) -> impl IntoResponse {
    let lang = language(&headers, false);
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
    bare_page(
        lang,
        &t(lang, "login"),
        html! {
            @if let Some(e) = error { p.error role="alert" { (e) } }
            form method="post" action="/login" {
                input type="hidden" name="csrf" value=(nonce);
                label for="gebruiker" { (t(lang, "username")) }
                input id="gebruiker" name="gebruiker" autocomplete="username" required autofocus;
                label for="wachtwoord" { (t(lang, "password")) }
                input id="wachtwoord" name="wachtwoord" type="password" autocomplete="current-password" required;
                button.primary type="submit" { (t(lang, "login-button")) }
            }
        },
    )
}

#[derive(Deserialize)]
pub(crate) struct LoginForm {
    gebruiker: String,
    wachtwoord: String,
    /// Missing is refused like wrong, with a fresh form.
    #[serde(default)]
    csrf: String,
}

fn same_token(a: &str, b: &str) -> bool {
    use subtle::ConstantTimeEq as _;
    !a.is_empty() && bool::from(a.as_bytes().ct_eq(b.as_bytes()))
}

pub(crate) async fn login(
    State(s): State<AppState>,
    ConnectInfo(from): ConnectInfo<SocketAddr>,
    headers: axum::http::HeaderMap,
    jar: CookieJar,
    Form(form): Form<LoginForm>,
) -> Response {
    let lang = language(&headers, false);
    let sent_from_our_form = jar
        .get(LOGIN_COOKIE)
        .is_some_and(|c| same_token(&form.csrf, c.value()));
    // Every answer but success shows a fresh form with a fresh token.
    let (jar, nonce) = login_nonce(jar, s.secure_cookies);
    let refuse = |status: StatusCode, msg: &str| {
        (
            status,
            jar.clone(),
            login_page(lang, Some(&t(lang, msg)), &nonce),
        )
            .into_response()
    };
    if !sent_from_our_form {
        return refuse(StatusCode::FORBIDDEN, "form-expired");
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
        return refuse(StatusCode::UNAUTHORIZED, "wrong-login");
    }
    // Counted before the password is checked, so attempts sent at once cannot all get past.
    let reservation = match s.throttle.reserve(&form.gebruiker, from.ip()) {
        Ok(r) => r,
        Err(wait) => {
            let seconds = wait.as_secs() + u64::from(wait.subsec_nanos() > 0);
            let mut answer = (
                StatusCode::TOO_MANY_REQUESTS,
                jar.clone(),
                login_page(
                    lang,
                    Some(&t!(lang, "too-many-attempts-wait", seconds = seconds)),
                    &nonce,
                ),
            )
                .into_response();
            answer
                .headers_mut()
                .insert(axum::http::header::RETRY_AFTER, seconds.into());
            return answer;
        }
    };
    let ip = from.ip().to_string();
    // Argon2id takes ~19 MiB and tens of milliseconds: a few at a time, whatever comes in.
    let Ok(_permit) = s.login_slots.acquire().await else {
        reservation.refund();
        return refuse(StatusCode::SERVICE_UNAVAILABLE, "error-internal");
    };
    match s
        .accounts
        .login(&form.gebruiker, &form.wachtwoord, &ip)
        .await
    {
        Ok(Some(session)) => {
            reservation.succeeded();
            // A second factor owed comes next; the session opens nothing else until then.
            let next = if session.actor.role == zorgkluis_core::decide::PORTAL_ROLE {
                super::portal::PATH
            } else if session.second_factor.complete() {
                "/"
            } else {
                super::second_factor::page_for(session.second_factor)
            };
            let mut c = Cookie::new(SESSION_COOKIE, session.token);
            c.set_http_only(true);
            c.set_same_site(SameSite::Strict);
            c.set_path("/");
            c.set_secure(s.secure_cookies);
            let jar = jar
                .remove(Cookie::build(LOGIN_COOKIE).path("/login"))
                .add(c);
            (jar, Redirect::to(next)).into_response()
        }
        // The reservation stays: it was a failure.
        Ok(None) => refuse(StatusCode::UNAUTHORIZED, "wrong-login"),
        Err(e) => {
            reservation.refund();
            tracing::error!(cause = %e, "login failed");
            refuse(StatusCode::INTERNAL_SERVER_ERROR, "error-internal")
        }
    }
}

#[derive(Deserialize)]
pub(crate) struct CsrfForm {
    #[serde(default)]
    csrf: String,
}

/// Also for a session that still owes its second factor.
pub(crate) async fn logout(
    State(s): State<AppState>,
    pending: PendingSession,
    jar: CookieJar,
    Form(form): Form<CsrfForm>,
) -> Result<Response, AppError> {
    if !same_token(&form.csrf, &pending.session.csrf) {
        return Err(AppError::Forged);
    }
    s.accounts.logout(&pending.session).await?;
    Ok((
        jar.remove(Cookie::build(SESSION_COOKIE).path("/")),
        Redirect::to("/login"),
    )
        .into_response())
}
