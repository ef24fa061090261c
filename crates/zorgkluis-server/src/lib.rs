//! The zorgkluis HTTP server: the web UI for staff (`web/…`, Dutch first) and a JSON API under
//! `/api/v1` for other systems (`api/…`, an ECD, an intake form, billing, with per-system API
//! tokens that carry a role), each split by resource. Every request that touches personal data
//! goes through the `Vault`: decided by the reglement, logged in the audit chain, then
//! decrypted. The server decides nothing itself: what a caller may do and see is asked of the
//! vault, whose policy engine answers from the reglement.
//!
//! Both faces share one caller extractor ([`caller::Caller`]: an API token or a session) and
//! one error type ([`error::AppError`]), rendered as RFC 9457 problem details for the API and
//! as an HTML page for the web, and logged once (ids only).

pub mod api;
mod caller;
mod error;
mod middleware;
mod problem;
pub mod web;

use std::net::SocketAddr;
use std::sync::Arc;

use axum::Router;
use zorgkluis_store::accounts::Accounts;
use zorgkluis_store::vault::Vault;

pub use caller::Caller;
pub use error::AppError;
pub use problem::Problem;

/// What every handler shares: the vault, its accounts, and the web UI's login throttle.
#[derive(Clone)]
pub struct AppState {
    pub vault: Vault,
    pub accounts: Accounts,
    pub throttle: web::throttle::Throttle,
    /// Password checks running at once.
    pub login_slots: Arc<tokio::sync::Semaphore>,
    /// Mark the session cookie Secure (behind TLS).
    pub secure_cookies: bool,
}

/// How the server is set up: read once, by the command line.
#[derive(Debug, Clone, Default)]
pub struct ServerConfig {
    /// Mark cookies Secure: the server is reached over TLS (behind a proxy).
    pub secure_cookies: bool,
}

impl ServerConfig {
    /// The configuration from the environment: `ZORGKLUIS_SECURE_COOKIES=1`.
    pub fn from_env() -> ServerConfig {
        ServerConfig {
            secure_cookies: std::env::var("ZORGKLUIS_SECURE_COOKIES").is_ok_and(|v| v == "1"),
        }
    }
}

/// The routes: the web UI and the API.
pub fn router(vault: Vault, config: &ServerConfig) -> Router {
    let state = AppState {
        accounts: vault.accounts(),
        vault,
        throttle: web::throttle::Throttle::default(),
        login_slots: Arc::new(tokio::sync::Semaphore::new(2)),
        secure_cookies: config.secure_cookies,
    };
    Router::new()
        .merge(web::routes())
        .merge(api::routes())
        .layer(axum::middleware::from_fn(error::render))
        .layer(axum::middleware::from_fn(middleware::security_headers))
        .layer(axum::middleware::from_fn(middleware::log_request))
        .with_state(state)
}

/// Serves until `shutdown` completes; requests in flight finish first.
pub async fn serve(
    listener: tokio::net::TcpListener,
    vault: Vault,
    shutdown: impl std::future::Future<Output = ()> + Send + 'static,
) -> std::io::Result<()> {
    serve_with(listener, vault, &ServerConfig::from_env(), shutdown).await
}

/// [`serve`] with an explicit configuration.
pub async fn serve_with(
    listener: tokio::net::TcpListener,
    vault: Vault,
    config: &ServerConfig,
    shutdown: impl std::future::Future<Output = ()> + Send + 'static,
) -> std::io::Result<()> {
    axum::serve(
        listener,
        router(vault, config).into_make_service_with_connect_info::<SocketAddr>(),
    )
    .with_graceful_shutdown(shutdown)
    .await
}
