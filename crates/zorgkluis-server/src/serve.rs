//! Serving connections: HTTP/1.1 through hyper with the timeouts a server facing the network
//! needs, and a graceful shutdown that ends by a deadline.
//!
//! - **Header read timeout** (hyper's `header_read_timeout`): a request head must arrive
//!   complete within it, or the connection is closed. Hyper starts that clock whenever it waits
//!   for a head, so it is also the **idle keep-alive timeout**: a connection idle between
//!   requests is closed after it too.
//! - **Body read timeout** ([`body_deadline`]): a request's body must arrive complete within it,
//!   counted from when its head arrived; otherwise `408`. The caller (API token or session) is
//!   an extractor of the request's head, so it is checked before the body is read: a request
//!   without a valid token is refused without waiting for its body.
//! - **Shutdown**: when the shutdown future completes the listener closes, connections finish
//!   the request they are in and close; those still open after the deadline are dropped, so the
//!   process stops even when a client holds a connection open.

use std::pin::Pin;
use std::sync::Arc;
use std::sync::atomic::{AtomicBool, Ordering};
use std::task::{Context, Poll};
use std::time::Duration;

use axum::Router;
use axum::body::{Body, Bytes};
use axum::extract::{ConnectInfo, Request, State};
use axum::response::Response;
use http_body::{Frame, SizeHint};
use hyper_util::rt::{TokioIo, TokioTimer};
use hyper_util::server::graceful::GracefulShutdown;
use tower::ServiceExt as _;

use crate::AppError;

/// Serves `app` on `listener` until `shutdown` completes, then for at most `deadline` more.
pub(crate) async fn run(
    listener: tokio::net::TcpListener,
    app: Router,
    header_timeout: Duration,
    deadline: Duration,
    shutdown: impl std::future::Future<Output = ()> + Send + 'static,
) -> std::io::Result<()> {
    let mut builder = hyper::server::conn::http1::Builder::new();
    builder
        .timer(TokioTimer::new())
        .header_read_timeout(header_timeout);
    let graceful = GracefulShutdown::new();
    let mut connections = tokio::task::JoinSet::new();
    let mut shutdown = std::pin::pin!(shutdown);
    loop {
        let (stream, peer) = tokio::select! {
            () = &mut shutdown => break,
            // Reap the tasks of connections that closed.
            Some(_) = connections.join_next(), if !connections.is_empty() => continue,
            accepted = listener.accept() => match accepted {
                Ok(accepted) => accepted,
                Err(e) => {
                    // Out of file descriptors and the like: wait instead of spinning.
                    tracing::error!(cause = %e, "accepting a connection failed");
                    tokio::time::sleep(Duration::from_millis(100)).await;
                    continue;
                }
            },
        };
        let _ = stream.set_nodelay(true);
        let app = app.clone();
        let service = hyper::service::service_fn(move |mut req: Request<hyper::body::Incoming>| {
            req.extensions_mut().insert(ConnectInfo(peer));
            app.clone().oneshot(req.map(Body::new))
        });
        let connection = graceful.watch(builder.serve_connection(TokioIo::new(stream), service));
        connections.spawn(async move {
            if let Err(e) = connection.await {
                tracing::debug!(cause = %e, "connection ended");
            }
        });
    }
    drop(listener);
    tracing::info!(
        open = connections.len(),
        "shutting down: finishing the requests in flight"
    );
    tokio::select! {
        () = graceful.shutdown() => {}
        () = tokio::time::sleep(deadline) => {
            tracing::warn!(
                open = connections.len(),
                deadline_s = deadline.as_secs_f64(),
                "shutdown deadline passed: dropping the connections still open"
            );
        }
    }
    // Whatever is left is dropped, and with it every handle on the vault it held.
    connections.shutdown().await;
    Ok(())
}

/// The body of a request, failing once its deadline passes.
struct DeadlineBody {
    inner: Body,
    deadline: Pin<Box<tokio::time::Sleep>>,
    passed: Arc<AtomicBool>,
    /// Read to its end.
    read: Arc<AtomicBool>,
}

impl http_body::Body for DeadlineBody {
    type Data = Bytes;
    type Error = axum::Error;

    fn poll_frame(
        mut self: Pin<&mut Self>,
        cx: &mut Context<'_>,
    ) -> Poll<Option<Result<Frame<Bytes>, axum::Error>>> {
        let this = &mut *self;
        // What has arrived is taken first.
        if let Poll::Ready(frame) = Pin::new(&mut this.inner).poll_frame(cx) {
            if frame.is_none() || this.inner.is_end_stream() {
                this.read.store(true, Ordering::Relaxed);
            }
            return Poll::Ready(frame);
        }
        if this.deadline.as_mut().poll(cx).is_ready() {
            this.passed.store(true, Ordering::Relaxed);
            return Poll::Ready(Some(Err(axum::Error::new(std::io::Error::new(
                std::io::ErrorKind::TimedOut,
                "the request body did not arrive in time",
            )))));
        }
        Poll::Pending
    }

    fn is_end_stream(&self) -> bool {
        self.inner.is_end_stream()
    }

    fn size_hint(&self) -> SizeHint {
        self.inner.size_hint()
    }
}

/// Gives a request's body until `timeout` after its head arrived; a body that has not arrived
/// by then makes the answer `408`, whatever the handler made of the failed read. An answer
/// to a request whose body was not read closes the connection.
pub(crate) async fn body_deadline(
    State(timeout): State<Duration>,
    req: Request,
    next: axum::middleware::Next,
) -> Response {
    use http_body::Body as _;
    if req.body().is_end_stream() {
        return next.run(req).await;
    }
    let api = req.uri().path().starts_with("/api/");
    let lang = crate::error::language(req.headers(), api);
    let passed = Arc::new(AtomicBool::new(false));
    let read = Arc::new(AtomicBool::new(false));
    let req = req.map(|inner| {
        Body::new(DeadlineBody {
            inner,
            deadline: Box::pin(tokio::time::sleep(timeout)),
            passed: passed.clone(),
            read: read.clone(),
        })
    });
    let mut response = next.run(req).await;
    if passed.load(Ordering::Relaxed) {
        response = AppError::TimedOut.answer(api, lang);
    }
    // An answer given before the body was read (a refusal, a route that takes none): hyper
    // will not read the rest, so the connection cannot carry another request. Saying so keeps
    // a client from sending its next request on it.
    if !read.load(Ordering::Relaxed) {
        response.headers_mut().insert(
            axum::http::header::CONNECTION,
            axum::http::HeaderValue::from_static("close"),
        );
    }
    response
}
