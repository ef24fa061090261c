//! What wraps every response: a request log line without personal data, and the headers that
//! keep personal data out of caches and frames.

use axum::extract::Request;
use axum::response::Response;

/// One structured log line per request: method, the route *template* (never the ids in the
/// path, never a query or body), status and duration. No personal data.
pub(crate) async fn log_request(req: Request, next: axum::middleware::Next) -> Response {
    let method = req.method().clone();
    let route = req
        .extensions()
        .get::<axum::extract::MatchedPath>()
        .map_or_else(|| "<unmatched>".to_owned(), |p| p.as_str().to_owned());
    let start = std::time::Instant::now();
    let response = next.run(req).await;
    tracing::info!(
        method = %method,
        route = %route,
        status = response.status().as_u16(),
        micros = start.elapsed().as_micros() as u64,
        "request"
    );
    response
}

/// Personal data must not stay in a browser's or proxy's cache (shared ward computers, the Back
/// button after logout), nor be framed by another site.
pub(crate) async fn security_headers(req: Request, next: axum::middleware::Next) -> Response {
    use axum::http::header::{self, HeaderValue};
    let mut response = next.run(req).await;
    let h = response.headers_mut();
    h.insert(header::CACHE_CONTROL, HeaderValue::from_static("no-store"));
    h.insert(
        header::X_CONTENT_TYPE_OPTIONS,
        HeaderValue::from_static("nosniff"),
    );
    h.insert(header::X_FRAME_OPTIONS, HeaderValue::from_static("DENY"));
    h.insert(
        header::REFERRER_POLICY,
        HeaderValue::from_static("no-referrer"),
    );
    h.insert(
        header::CONTENT_SECURITY_POLICY,
        HeaderValue::from_static(
            "default-src 'self'; style-src 'self' 'unsafe-inline'; frame-ancestors 'none'",
        ),
    );
    response
}
