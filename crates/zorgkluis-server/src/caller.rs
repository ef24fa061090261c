//! Who is calling: the one extractor of both faces. Under `/api/` the caller is the system whose
//! API token is in `Authorization: Bearer …`; elsewhere it is the staff member whose session
//! cookie the browser sends. Either way the handler gets an [`Actor`] from the caller's address,
//! and the language to answer in; without a valid token or session the request is refused
//! ([`AppError::Unauthenticated`]: 401 for the API, the login page for the web).

use std::net::SocketAddr;

use axum::extract::{ConnectInfo, FromRequestParts};
use axum::http::request::Parts;
use axum_extra::extract::cookie::CookieJar;
use zorgkluis_core::Lang;
use zorgkluis_store::accounts::Session;
use zorgkluis_store::vault::Actor;

use crate::AppState;
use crate::error::{AppError, language};

/// The caller of a request.
pub struct Caller {
    pub actor: Actor,
    /// The web session (its anti-forgery token); `None` for an API token.
    pub session: Option<Session>,
    pub lang: Lang,
}

impl Caller {
    /// A web form's anti-forgery token must be its session's, compared in constant time.
    pub fn check_csrf(&self, sent: &str) -> Result<(), AppError> {
        use subtle::ConstantTimeEq as _;
        let expected = self.session.as_ref().map(|s| s.csrf.as_bytes());
        match expected {
            Some(e) if !sent.is_empty() && bool::from(e.ct_eq(sent.as_bytes())) => Ok(()),
            _ => Err(AppError::Forged),
        }
    }

    /// The session's anti-forgery token, for the forms of a page.
    pub fn csrf(&self) -> &str {
        self.session.as_ref().map_or("", |s| s.csrf.as_str())
    }
}

fn source(parts: &Parts) -> String {
    parts
        .extensions
        .get::<ConnectInfo<SocketAddr>>()
        .map_or_else(|| "0.0.0.0".to_owned(), |c| c.0.ip().to_string())
}

impl FromRequestParts<AppState> for Caller {
    type Rejection = AppError;

    async fn from_request_parts(parts: &mut Parts, state: &AppState) -> Result<Caller, AppError> {
        let api = parts.uri.path().starts_with("/api/");
        let lang = language(&parts.headers, api);
        let from = source(parts);
        if api {
            let token = parts
                .headers
                .get(axum::http::header::AUTHORIZATION)
                .and_then(|v| v.to_str().ok())
                .and_then(|v| v.strip_prefix("Bearer "))
                .map(str::trim)
                .filter(|t| !t.is_empty())
                .ok_or(AppError::Unauthenticated)?;
            let actor = state
                .accounts
                .actor_for_token(token, &from)
                .await?
                .ok_or(AppError::Unauthenticated)?;
            return Ok(Caller {
                actor,
                session: None,
                lang,
            });
        }
        let session = web_session(parts, state, &from).await?;
        // Until the second factor is given, the session is only good for the page that asks
        // for it ([`PendingSession`]).
        if !session.second_factor.complete() {
            return Err(AppError::SecondFactorNeeded(session.second_factor));
        }
        // A portal account is never staff, and staff do not use the clients' portal.
        let path = parts.uri.path();
        let portal_path = crate::web::portal::is_portal_path(path);
        let portal = session.actor.role == zorgkluis_core::decide::PORTAL_ROLE;
        if portal && !portal_path && path != "/uitloggen" {
            return Err(AppError::WrongSide {
                portal: true,
                home: path == "/",
            });
        }
        if !portal && portal_path {
            return Err(AppError::WrongSide {
                portal: false,
                home: false,
            });
        }
        Ok(Caller {
            actor: session.actor.clone(),
            session: Some(session),
            lang,
        })
    }
}

async fn web_session(parts: &Parts, state: &AppState, from: &str) -> Result<Session, AppError> {
    let jar = CookieJar::from_headers(&parts.headers);
    let token = jar
        .get(crate::web::SESSION_COOKIE)
        .map(|c| c.value().to_owned())
        .ok_or(AppError::Unauthenticated)?;
    state
        .accounts
        .session(&token, from)
        .await?
        .ok_or(AppError::Unauthenticated)
}

/// A web session whatever its second factor: for the pages that ask for the code or set one
/// up, and nothing else.
pub struct PendingSession {
    pub session: Session,
    pub lang: Lang,
}

impl FromRequestParts<AppState> for PendingSession {
    type Rejection = AppError;

    async fn from_request_parts(
        parts: &mut Parts,
        state: &AppState,
    ) -> Result<PendingSession, AppError> {
        let lang = language(&parts.headers, false);
        let from = source(parts);
        Ok(PendingSession {
            session: web_session(parts, state, &from).await?,
            lang,
        })
    }
}
