//! The second factor after the password: the page that asks for the code of an account that
//! has one, and the page where staff whose role needs one set it up (a QR code for the
//! authenticator app, or the key to type). Code attempts count against the same throttle as
//! passwords ([`super::throttle`]); every attempt is in the audit chain (the store logs it).

use std::net::SocketAddr;

use axum::Form;
use axum::extract::{ConnectInfo, State};
use axum::http::StatusCode;
use axum::response::{IntoResponse, Redirect, Response};
use maud::{Markup, PreEscaped, html};
use serde::Deserialize;
use zorgkluis_core::Lang;
use zorgkluis_core::i18n::t;
use zorgkluis_core::t;
use zorgkluis_store::accounts::{Enrolment, SecondFactor};

use super::layout::bare_page;
use crate::caller::PendingSession;
use crate::{AppError, AppState};

pub(crate) const CODE_PATH: &str = "/login/code";
pub(crate) const ENROL_PATH: &str = "/login/tweede-factor";

/// The page a session owing its second factor is sent to.
pub(crate) fn page_for(state: SecondFactor) -> &'static str {
    match state {
        SecondFactor::EnrolmentNeeded => ENROL_PATH,
        _ => CODE_PATH,
    }
}

#[derive(Deserialize)]
pub(crate) struct CodeForm {
    #[serde(default)]
    code: String,
    #[serde(default)]
    csrf: String,
}

fn logout_form(lang: Lang, csrf: &str) -> Markup {
    html! {
        form method="post" action="/uitloggen" {
            input type="hidden" name="csrf" value=(csrf);
            button type="submit" { (t(lang, "logout")) }
        }
    }
}

fn code_field(lang: Lang) -> Markup {
    html! {
        label for="code" { (t(lang, "second-factor-code")) }
        input id="code" name="code" inputmode="numeric" pattern="[0-9 ]{6,7}" maxlength="7"
            autocomplete="one-time-code" required autofocus;
    }
}

fn code_page(lang: Lang, csrf: &str, error: bool) -> Markup {
    bare_page(
        lang,
        &t(lang, "second-factor-code-title"),
        html! {
            @if error { p.error role="alert" { (t(lang, "second-factor-wrong")) } }
            p { (t(lang, "second-factor-code-intro")) }
            form method="post" action=(CODE_PATH) {
                input type="hidden" name="csrf" value=(csrf);
                (code_field(lang))
                button.primary type="submit" { (t(lang, "second-factor-confirm")) }
            }
            p { (t(lang, "second-factor-lost")) }
            (logout_form(lang, csrf))
        },
    )
}

/// Where a session that is complete (or that this page cannot help) goes instead.
fn elsewhere(state: SecondFactor, here: &str) -> Option<Redirect> {
    if state.complete() {
        Some(Redirect::to("/"))
    } else if page_for(state) != here {
        Some(Redirect::to(page_for(state)))
    } else {
        None
    }
}

pub(crate) async fn code_form(p: PendingSession) -> Response {
    if let Some(r) = elsewhere(p.session.second_factor, CODE_PATH) {
        return r.into_response();
    }
    code_page(p.lang, &p.session.csrf, false).into_response()
}

/// Counts the attempt like a password (per account and network), then checks the code.
async fn throttled<F>(
    s: &AppState,
    p: &PendingSession,
    from: SocketAddr,
    check: F,
    refused: impl Fn() -> Markup,
) -> Result<Response, AppError>
where
    F: std::future::Future<Output = Result<bool, zorgkluis_store::vault::VaultError>>,
{
    let reservation = match s.throttle.reserve(&p.session.actor.user_id, from.ip()) {
        Ok(r) => r,
        Err(wait) => {
            let seconds = wait.as_secs() + u64::from(wait.subsec_nanos() > 0);
            let mut answer = (
                StatusCode::TOO_MANY_REQUESTS,
                bare_page(
                    p.lang,
                    &t(p.lang, "second-factor-code-title"),
                    html! { p.error role="alert" { (t!(p.lang, "too-many-attempts-wait", seconds = seconds)) } },
                ),
            )
                .into_response();
            answer
                .headers_mut()
                .insert(axum::http::header::RETRY_AFTER, seconds.into());
            return Ok(answer);
        }
    };
    match check.await {
        Ok(true) => {
            reservation.succeeded();
            Ok(Redirect::to("/").into_response())
        }
        Ok(false) => Ok((StatusCode::UNAUTHORIZED, refused()).into_response()),
        Err(e) => {
            reservation.refund();
            Err(e.into())
        }
    }
}

pub(crate) async fn code(
    State(s): State<AppState>,
    ConnectInfo(from): ConnectInfo<SocketAddr>,
    p: PendingSession,
    Form(form): Form<CodeForm>,
) -> Result<Response, AppError> {
    check_csrf(&p, &form.csrf)?;
    if let Some(r) = elsewhere(p.session.second_factor, CODE_PATH) {
        return Ok(r.into_response());
    }
    let check = s.accounts.verify_code(&p.session, &form.code);
    throttled(&s, &p, from, check, || {
        code_page(p.lang, &p.session.csrf, true)
    })
    .await
}

fn check_csrf(p: &PendingSession, sent: &str) -> Result<(), AppError> {
    use subtle::ConstantTimeEq as _;
    let expected = p.session.csrf.as_bytes();
    if !sent.is_empty() && bool::from(expected.ct_eq(sent.as_bytes())) {
        Ok(())
    } else {
        Err(AppError::Forged)
    }
}

/// The QR code of the `otpauth://` address as inline SVG (made here, from our own address).
fn qr_svg(uri: &str) -> Option<String> {
    let code = qrcode::QrCode::new(uri.as_bytes()).ok()?;
    Some(
        code.render::<qrcode::render::svg::Color>()
            .min_dimensions(200, 200)
            .quiet_zone(true)
            .build(),
    )
}

fn enrol_page(lang: Lang, csrf: &str, enrolment: Option<&Enrolment>, error: bool) -> Markup {
    bare_page(
        lang,
        &t(lang, "second-factor-enrol-title"),
        html! {
            @if error { p.error role="alert" { (t(lang, "second-factor-wrong")) } }
            p { (t(lang, "second-factor-enrol-intro")) }
            @if let Some(e) = enrolment {
                @if let Some(svg) = qr_svg(&e.uri) {
                    figure.qr role="img" aria-label=(t(lang, "second-factor-key")) { (PreEscaped(svg)) }
                }
                p { (t(lang, "second-factor-key")) ": " code.secret { (e.secret) } }
            }
            form method="post" action=(ENROL_PATH) {
                input type="hidden" name="csrf" value=(csrf);
                (code_field(lang))
                button.primary type="submit" { (t(lang, "second-factor-enrol-button")) }
            }
            (logout_form(lang, csrf))
        },
    )
}

/// A new key each time the page is shown; the one shown last is the one the code confirms.
pub(crate) async fn enrol_form(
    State(s): State<AppState>,
    p: PendingSession,
) -> Result<Response, AppError> {
    if let Some(r) = elsewhere(p.session.second_factor, ENROL_PATH) {
        return Ok(r.into_response());
    }
    let enrolment = s.accounts.begin_enrolment(&p.session).await?;
    Ok(enrol_page(p.lang, &p.session.csrf, enrolment.as_ref(), false).into_response())
}

pub(crate) async fn enrol(
    State(s): State<AppState>,
    ConnectInfo(from): ConnectInfo<SocketAddr>,
    p: PendingSession,
    Form(form): Form<CodeForm>,
) -> Result<Response, AppError> {
    check_csrf(&p, &form.csrf)?;
    if let Some(r) = elsewhere(p.session.second_factor, ENROL_PATH) {
        return Ok(r.into_response());
    }
    let check = s.accounts.confirm_enrolment(&p.session, &form.code);
    // A wrong code keeps the key shown before: the app holds that one.
    throttled(&s, &p, from, check, || {
        enrol_page(p.lang, &p.session.csrf, None, true)
    })
    .await
}
