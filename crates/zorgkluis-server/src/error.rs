//! One error type for both faces. A handler returns [`AppError`]; the [`render`] layer turns
//! it into RFC 9457 problem details under `/api/` and into an HTML page elsewhere, in the
//! caller's language, and logs it once: failures of the server as errors, with their cause
//! (which names no person: the store's errors carry ids and codes, never content).

use std::sync::Arc;

use axum::extract::Request;
use axum::http::{HeaderMap, StatusCode};
use axum::response::{IntoResponse, Redirect, Response};
use zorgkluis_core::decide::AccessDecision;
use zorgkluis_core::i18n::t;
use zorgkluis_core::{Lang, t};
use zorgkluis_store::vault::VaultError;

use crate::problem::Problem;

#[derive(Debug)]
pub enum AppError {
    /// No valid API token (API) or open session (web).
    Unauthenticated,
    /// A web session that has given its password but still owes its second factor: the code,
    /// or setting one up.
    SecondFactorNeeded(zorgkluis_store::accounts::SecondFactor),
    /// The reglement does not allow it; the decision says why, citing its articles.
    Denied(AccessDecision),
    NotFound,
    /// The person's data was erased.
    Erased,
    /// A field of the request is wrong: which, and why.
    Invalid {
        field: String,
        message: String,
    },
    /// What the request would create exists already.
    Conflict {
        field: String,
        message: String,
    },
    /// The body or the query is not what the route takes.
    Malformed {
        field: Option<String>,
        message: String,
        query: bool,
    },
    /// A web form without its session's anti-forgery token.
    Forged,
    /// The request's body did not arrive within the body read timeout.
    TimedOut,
    /// A portal session on a staff page (`portal`), or a staff session on a portal page: the
    /// two sides never mix. `home`: the staff home page, which sends a portal session on to
    /// the portal.
    WrongSide {
        portal: bool,
        home: bool,
    },
    /// The server failed: a stable code and the cause, for the log only.
    Internal {
        code: &'static str,
        cause: String,
    },
}

impl AppError {
    pub fn invalid(field: &str, message: &str) -> AppError {
        AppError::Invalid {
            field: field.to_owned(),
            message: message.to_owned(),
        }
    }

    fn status(&self) -> StatusCode {
        match self {
            AppError::Unauthenticated | AppError::SecondFactorNeeded(_) => StatusCode::UNAUTHORIZED,
            AppError::Denied(_) | AppError::Forged | AppError::WrongSide { .. } => {
                StatusCode::FORBIDDEN
            }
            AppError::NotFound => StatusCode::NOT_FOUND,
            AppError::Erased => StatusCode::GONE,
            AppError::Invalid { .. } => StatusCode::UNPROCESSABLE_ENTITY,
            AppError::Conflict { .. } => StatusCode::CONFLICT,
            AppError::Malformed { .. } => StatusCode::BAD_REQUEST,
            AppError::TimedOut => StatusCode::REQUEST_TIMEOUT,
            AppError::Internal { .. } => StatusCode::INTERNAL_SERVER_ERROR,
        }
    }

    /// The problem details of the API.
    pub fn problem(&self, lang: Lang) -> Problem {
        let status = self.status();
        match self {
            AppError::Unauthenticated => {
                Problem::new(status, "auth.required", &t(lang, "problem-auth-required"))
            }
            AppError::SecondFactorNeeded(_) => Problem::new(
                status,
                "auth.second_factor",
                &t(lang, "problem-second-factor"),
            ),
            AppError::Denied(d) => Problem {
                articles: Some(d.articles.clone()),
                ..Problem::new(status, "access.denied", &d.explain(lang))
            },
            AppError::NotFound => Problem::new(status, "not_found", &t(lang, "problem-not-found")),
            AppError::Erased => Problem::new(status, "person.erased", &t(lang, "error-erased")),
            AppError::Invalid { field, message } => Problem {
                field: Some(field.clone()),
                ..Problem::new(
                    status,
                    "request.invalid_field",
                    &t!(
                        lang,
                        "problem-invalid-field",
                        field = field,
                        message = message
                    ),
                )
            },
            AppError::Conflict { field, message } => Problem {
                field: Some(field.clone()),
                ..Problem::new(
                    status,
                    "request.conflict",
                    &t!(lang, "problem-conflict", field = field, message = message),
                )
            },
            AppError::Malformed {
                field,
                message,
                query,
            } => Problem {
                field: field.clone(),
                ..Problem::new(
                    status,
                    if *query {
                        "request.malformed_query"
                    } else {
                        "request.malformed"
                    },
                    message,
                )
            },
            AppError::Forged => Problem::new(status, "request.forged", &t(lang, "error-csrf")),
            AppError::WrongSide { portal, .. } => Problem::new(
                status,
                "access.wrong_side",
                &t(
                    lang,
                    if *portal {
                        "error-portal-not-staff"
                    } else {
                        "error-staff-not-portal"
                    },
                ),
            ),
            AppError::TimedOut => {
                Problem::new(status, "request.timeout", &t(lang, "request-timeout"))
            }
            AppError::Internal { code, .. } => {
                Problem::new(status, code, &t(lang, "error-internal"))
            }
        }
    }

    /// The page of the web UI.
    fn page(&self, lang: Lang) -> Response {
        let (title, detail) = match self {
            // Logged out, or never in: the login page is the answer.
            AppError::Unauthenticated => return Redirect::to("/login").into_response(),
            AppError::SecondFactorNeeded(state) => {
                return Redirect::to(crate::web::second_factor::page_for(*state)).into_response();
            }
            AppError::Denied(d) => (t(lang, "error-denied"), d.explain(lang)),
            AppError::NotFound => (t(lang, "error-not-found"), String::new()),
            AppError::Erased => (t(lang, "error-erased"), String::new()),
            AppError::Invalid { field, message } | AppError::Conflict { field, message } => (
                t(lang, "error-invalid"),
                t!(
                    lang,
                    "problem-invalid-field",
                    field = field,
                    message = message
                ),
            ),
            AppError::Malformed { message, .. } => (t(lang, "error-invalid"), message.clone()),
            AppError::Forged => (t(lang, "error-csrf"), String::new()),
            AppError::WrongSide { home: true, .. } => {
                return Redirect::to(crate::web::portal::PATH).into_response();
            }
            AppError::WrongSide { portal, .. } => (
                t(lang, "error-denied"),
                t(
                    lang,
                    if *portal {
                        "error-portal-not-staff"
                    } else {
                        "error-staff-not-portal"
                    },
                ),
            ),
            AppError::TimedOut => (t(lang, "request-timeout"), String::new()),
            AppError::Internal { .. } => (t(lang, "error-internal"), String::new()),
        };
        (
            self.status(),
            crate::web::layout::error_page(lang, &title, &detail),
        )
            .into_response()
    }
}

impl From<VaultError> for AppError {
    fn from(e: VaultError) -> AppError {
        match e {
            VaultError::Denied(d) => AppError::Denied(d),
            VaultError::NotFound(_) => AppError::NotFound,
            VaultError::Erased(_) => AppError::Erased,
            VaultError::Invalid { field, message } => AppError::Invalid {
                field: field.to_owned(),
                message,
            },
            VaultError::Conflict { field, message } => AppError::Conflict {
                field: field.to_owned(),
                message,
            },
            held @ VaultError::Held { .. } => AppError::Conflict {
                field: "legal_hold".to_owned(),
                message: held.to_string(),
            },
            VaultError::Store(e) => AppError::Internal {
                code: "store.error",
                cause: e.to_string(),
            },
        }
    }
}

/// The error travels to [`render`] in the response's extensions.
#[derive(Clone)]
struct Failure(Arc<AppError>);

impl IntoResponse for AppError {
    fn into_response(self) -> Response {
        let mut response = self.status().into_response();
        response.extensions_mut().insert(Failure(Arc::new(self)));
        response
    }
}

/// The caller's language: for the web the cookie the language switch sets, for the API the
/// `Accept-Language` header; Dutch when neither says English.
pub(crate) fn language(headers: &HeaderMap, api: bool) -> Lang {
    if api {
        let english = headers
            .get(axum::http::header::ACCEPT_LANGUAGE)
            .and_then(|v| v.to_str().ok())
            .is_some_and(|v| v.trim_start().starts_with("en"));
        return if english { Lang::En } else { Lang::Nl };
    }
    let jar = axum_extra::extract::cookie::CookieJar::from_headers(headers);
    match jar.get(crate::web::LANG_COOKIE).map(|c| c.value()) {
        Some("en") => Lang::En,
        _ => Lang::Nl,
    }
}

/// Renders the errors handlers return, for the face the request came in on, and logs them.
pub(crate) async fn render(req: Request, next: axum::middleware::Next) -> Response {
    let api = req.uri().path().starts_with("/api/");
    let lang = language(req.headers(), api);
    let route = req
        .extensions()
        .get::<axum::extract::MatchedPath>()
        .map_or_else(|| "<unmatched>".to_owned(), |p| p.as_str().to_owned());
    let mut response = next.run(req).await;
    let Some(Failure(error)) = response.extensions_mut().remove::<Failure>() else {
        // The router's own refusals (no such path, not this method) are problem details too.
        let status = response.status();
        if api
            && matches!(
                status,
                StatusCode::NOT_FOUND | StatusCode::METHOD_NOT_ALLOWED
            )
        {
            let problem = if status == StatusCode::NOT_FOUND {
                AppError::NotFound.problem(lang)
            } else {
                Problem::new(
                    status,
                    "request.method_not_allowed",
                    &t(lang, "problem-method-not-allowed"),
                )
            };
            let allow = response.headers().get(axum::http::header::ALLOW).cloned();
            let mut answer = problem.into_response();
            if let Some(allow) = allow {
                answer
                    .headers_mut()
                    .insert(axum::http::header::ALLOW, allow);
            }
            return answer;
        }
        return response;
    };
    match &*error {
        AppError::Internal { code, cause } => {
            tracing::error!(route = %route, code = %code, cause = %cause, "request failed");
        }
        other => tracing::debug!(route = %route, status = other.status().as_u16(), "refused"),
    }
    error.answer(api, lang)
}

impl AppError {
    /// The answer for the face a request came in on: problem details for the API, a page for
    /// the web.
    pub(crate) fn answer(&self, api: bool, lang: Lang) -> Response {
        if api {
            self.problem(lang).into_response()
        } else {
            self.page(lang)
        }
    }
}
