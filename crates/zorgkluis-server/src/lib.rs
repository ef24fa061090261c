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
pub mod jobs;
mod middleware;
mod problem;
mod serve;
pub mod web;

use std::sync::Arc;
use std::time::Duration;

use axum::Router;
use zorgkluis_store::accounts::Accounts;
use zorgkluis_store::vault::Vault;

pub use caller::Caller;
pub use error::AppError;
pub use jobs::{Jobs, RetentionSummary};
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
    /// The background work: the daily retention plan, retention runs.
    pub jobs: Jobs,
}

/// How the server is set up: read once, by the command line.
#[derive(Debug, Clone)]
pub struct ServerConfig {
    /// Mark cookies Secure: the server is reached over TLS (behind a proxy).
    pub secure_cookies: bool,
    /// A request head must arrive within this; it is also how long a connection may idle
    /// between requests.
    pub header_timeout: Duration,
    /// A request body must arrive within this after its head.
    pub body_timeout: Duration,
    /// After the shutdown signal, requests in flight get this long; then the connections still
    /// open are dropped.
    pub shutdown_deadline: Duration,
    /// How often the retention plan for the dashboard is made (at start-up, then every so
    /// long); `None`: never (tests call [`Jobs::plan_retention`] themselves).
    pub retention_plan_every: Option<Duration>,
}

impl Default for ServerConfig {
    fn default() -> ServerConfig {
        ServerConfig {
            secure_cookies: false,
            // Longer than clients keep idle pooled connections (ureq 15 s): a client that
            // reuses one the server has just closed fails its request.
            header_timeout: Duration::from_secs(30),
            body_timeout: Duration::from_secs(30),
            shutdown_deadline: Duration::from_secs(10),
            retention_plan_every: Some(Duration::from_secs(24 * 60 * 60)),
        }
    }
}

/// A number of seconds (fractions allowed) from the environment, if it is set and valid.
fn seconds_from_env(name: &str) -> Option<Duration> {
    let value = std::env::var(name).ok()?;
    match value.trim().parse::<f64>() {
        Ok(s) if s.is_finite() && s > 0.0 && s <= 86_400.0 => Some(Duration::from_secs_f64(s)),
        _ => {
            tracing::warn!(
                variable = name,
                "not a number of seconds between 0 and 86400: ignored"
            );
            None
        }
    }
}

impl ServerConfig {
    /// The configuration from the environment: `ZORGKLUIS_SECURE_COOKIES=1`, and in seconds
    /// `ZORGKLUIS_HEADER_TIMEOUT` (30), `ZORGKLUIS_BODY_TIMEOUT` (30) and
    /// `ZORGKLUIS_SHUTDOWN_DEADLINE` (10).
    pub fn from_env() -> ServerConfig {
        let default = ServerConfig::default();
        ServerConfig {
            secure_cookies: std::env::var("ZORGKLUIS_SECURE_COOKIES").is_ok_and(|v| v == "1"),
            header_timeout: seconds_from_env("ZORGKLUIS_HEADER_TIMEOUT")
                .unwrap_or(default.header_timeout),
            body_timeout: seconds_from_env("ZORGKLUIS_BODY_TIMEOUT")
                .unwrap_or(default.body_timeout),
            shutdown_deadline: seconds_from_env("ZORGKLUIS_SHUTDOWN_DEADLINE")
                .unwrap_or(default.shutdown_deadline),
            retention_plan_every: default.retention_plan_every,
        }
    }
}

/// The routes: the web UI and the API.
pub fn router(vault: Vault, config: &ServerConfig) -> Router {
    router_with(vault, config, Jobs::default())
}

/// [`router`] sharing `jobs` with whoever runs them.
pub fn router_with(vault: Vault, config: &ServerConfig, jobs: Jobs) -> Router {
    let state = AppState {
        accounts: vault.accounts(),
        vault,
        throttle: web::throttle::Throttle::default(),
        login_slots: Arc::new(tokio::sync::Semaphore::new(2)),
        secure_cookies: config.secure_cookies,
        jobs,
    };
    Router::new()
        .merge(web::routes())
        .merge(api::routes())
        .layer(axum::middleware::from_fn(error::render))
        .layer(axum::middleware::from_fn_with_state(
            config.body_timeout,
            serve::body_deadline,
        ))
        .layer(axum::middleware::from_fn(middleware::security_headers))
        .layer(axum::middleware::from_fn(middleware::log_request))
        .with_state(state)
}

/// Serves until `shutdown` completes; requests in flight then get the configured deadline to
/// finish (see [`ServerConfig`]).
pub async fn serve(
    listener: tokio::net::TcpListener,
    vault: Vault,
    shutdown: impl std::future::Future<Output = ()> + Send + 'static,
) -> std::io::Result<()> {
    serve_with(listener, vault, &ServerConfig::from_env(), shutdown).await
}

/// [`serve`] with an explicit configuration: HTTP/1.1 with a header read (and keep-alive idle)
/// timeout, a body read timeout and a shutdown deadline. When it returns, no connection holds
/// the vault any more, so closing the vault (and the audit log's final checkpoint) follows.
pub fn serve_with(
    listener: tokio::net::TcpListener,
    vault: Vault,
    config: &ServerConfig,
    shutdown: impl std::future::Future<Output = ()> + Send + 'static,
) -> impl std::future::Future<Output = std::io::Result<()>> + Send + 'static {
    serve_with_jobs(listener, vault, config, Jobs::default(), shutdown)
}

/// [`serve_with`] with the background work in `jobs` (a test keeps the handle to run the
/// daily plan itself): the daily retention plan runs beside the server, and it and any
/// retention run under way stop before this returns (a run continues when started again).
pub fn serve_with_jobs(
    listener: tokio::net::TcpListener,
    vault: Vault,
    config: &ServerConfig,
    jobs: Jobs,
    shutdown: impl std::future::Future<Output = ()> + Send + 'static,
) -> impl std::future::Future<Output = std::io::Result<()>> + Send + 'static {
    let app = router_with(vault.clone(), config, jobs.clone());
    let (header_timeout, deadline) = (config.header_timeout, config.shutdown_deadline);
    let every = config.retention_plan_every;
    async move {
        let daily = every.map(|every| tokio::spawn(jobs::daily(vault, jobs.clone(), every)));
        let served = serve::run(listener, app, header_timeout, deadline, shutdown).await;
        if let Some(daily) = daily {
            daily.abort();
            let _ = daily.await;
        }
        jobs.stop().await;
        served
    }
}
