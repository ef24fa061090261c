//! The server's timeouts and its shutdown deadline, on a server with short ones: a client that
//! sends half a header, idles, or trickles a body is cut off; one that stalls cannot keep the
//! process from stopping, and the vault closes after it.

use std::io::{Read as _, Write as _};
use std::net::TcpStream;
use std::time::{Duration, Instant};

use zorgkluis_server::ServerConfig;
use zorgkluis_store::vault::Actor;
use zorgkluis_testkit::{Backend, TestStore};

struct Server {
    runtime: tokio::runtime::Runtime,
    address: std::net::SocketAddr,
    stop: Option<tokio::sync::oneshot::Sender<()>>,
    served: Option<tokio::task::JoinHandle<std::io::Result<()>>>,
    vault: zorgkluis_store::vault::Vault,
    token: String,
    _store: TestStore,
}

fn start(config: ServerConfig) -> Server {
    let runtime = tokio::runtime::Builder::new_multi_thread()
        .worker_threads(2)
        .enable_all()
        .build()
        .unwrap();
    let (store, vault, token, listener) = runtime.block_on(async {
        let store = TestStore::new(Backend::Sqlite).await;
        let vault = store.open().await;
        let token = vault
            .accounts()
            .create_token(&Actor::system("test"), "intake", "administratie")
            .await
            .unwrap();
        let listener = tokio::net::TcpListener::bind("127.0.0.1:0").await.unwrap();
        (store, vault, token, listener)
    });
    let address = listener.local_addr().unwrap();
    let (stop, stopped) = tokio::sync::oneshot::channel::<()>();
    let served = runtime.spawn(zorgkluis_server::serve_with(
        listener,
        vault.clone(),
        &config,
        async {
            let _ = stopped.await;
        },
    ));
    Server {
        runtime,
        address,
        stop: Some(stop),
        served: Some(served),
        vault,
        token,
        _store: store,
    }
}

impl Server {
    fn connect(&self) -> TcpStream {
        let s = TcpStream::connect(self.address).unwrap();
        s.set_read_timeout(Some(Duration::from_secs(20))).unwrap();
        s
    }
}

/// Reads until the server closes the connection: what it sent, and how long that took.
fn until_closed(mut s: TcpStream) -> (String, Duration) {
    let start = Instant::now();
    let mut got = Vec::new();
    let _ = s.read_to_end(&mut got);
    (String::from_utf8_lossy(&got).into_owned(), start.elapsed())
}

fn short() -> ServerConfig {
    ServerConfig {
        header_timeout: Duration::from_secs(1),
        body_timeout: Duration::from_secs(1),
        shutdown_deadline: Duration::from_secs(1),
        ..ServerConfig::default()
    }
}

#[test]
fn half_a_header_an_idle_connection_and_a_trickled_body_are_cut_off() {
    let server = start(short());

    // Half a request head: closed after the header timeout, unanswered.
    let mut s = server.connect();
    s.write_all(b"GET /health HTTP/1.1\r\nHost: zorgkluis\r\nX-Half: ")
        .unwrap();
    let (answer, took) = until_closed(s);
    assert!(!answer.contains("200 OK"), "{answer}");
    assert!(
        took >= Duration::from_millis(900) && took < Duration::from_secs(5),
        "{took:?}"
    );

    // A kept-alive connection answered once, then idle: closed after the same timeout.
    let mut s = server.connect();
    s.write_all(b"GET /health HTTP/1.1\r\nHost: zorgkluis\r\n\r\n")
        .unwrap();
    let (answer, took) = until_closed(s);
    assert!(answer.starts_with("HTTP/1.1 200"), "{answer}");
    assert_eq!(answer.matches("HTTP/1.1").count(), 1, "{answer}");
    assert!(
        took >= Duration::from_millis(900) && took < Duration::from_secs(5),
        "{took:?}"
    );

    // A body that does not arrive: 408 after the body timeout, and the connection closes.
    let body = r#"{"subject_category": "client", "name": "Traag"}"#;
    let mut s = server.connect();
    write!(
        s,
        "POST /api/v1/persons HTTP/1.1\r\nHost: zorgkluis\r\nAuthorization: Bearer {}\r\n\
         Content-Type: application/json\r\nContent-Length: {}\r\n\r\n{}",
        server.token,
        body.len(),
        &body[..10]
    )
    .unwrap();
    let (answer, took) = until_closed(s);
    assert!(answer.starts_with("HTTP/1.1 408"), "{answer}");
    assert!(answer.contains("request.timeout"), "{answer}");
    assert!(
        took >= Duration::from_millis(900) && took < Duration::from_secs(5),
        "{took:?}"
    );

    // Without a valid token the same request is refused at once, before its body is read.
    let mut s = server.connect();
    write!(
        s,
        "POST /api/v1/persons HTTP/1.1\r\nHost: zorgkluis\r\nConnection: close\r\n\
         Content-Type: application/json\r\nContent-Length: {}\r\n\r\n{}",
        body.len(),
        &body[..10]
    )
    .unwrap();
    let start = Instant::now();
    let mut head = [0u8; 12];
    s.read_exact(&mut head).unwrap();
    assert_eq!(&head, b"HTTP/1.1 401");
    assert!(
        start.elapsed() < Duration::from_millis(900),
        "{:?}",
        start.elapsed()
    );

    // The whole body in time is served.
    let mut s = server.connect();
    write!(
        s,
        "POST /api/v1/persons HTTP/1.1\r\nHost: zorgkluis\r\nConnection: close\r\nAuthorization: Bearer {}\r\n\
         Content-Type: application/json\r\nContent-Length: {}\r\n\r\n{}",
        server.token,
        body.len(),
        &body[..10]
    )
    .unwrap();
    std::thread::sleep(Duration::from_millis(300));
    s.write_all(&body.as_bytes()[10..]).unwrap();
    let (answer, _) = until_closed(s);
    assert!(answer.starts_with("HTTP/1.1 201"), "{answer}");
}

/// A shutdown with a client stalled halfway through its request head (the header timeout is
/// long here): the server stops by the deadline anyway, and the vault, which the stalled
/// connection's task held, closes after it.
#[test]
fn a_stalled_client_cannot_hold_up_the_shutdown_beyond_its_deadline() {
    let mut server = start(ServerConfig {
        header_timeout: Duration::from_secs(120),
        shutdown_deadline: Duration::from_secs(1),
        ..ServerConfig::default()
    });
    let mut stalled = server.connect();
    stalled
        .write_all(b"GET /health HTTP/1.1\r\nHost: zorgkluis\r\n")
        .unwrap();
    // A request in flight is answered before the server stops.
    let mut idle = server.connect();
    idle.write_all(b"GET /health HTTP/1.1\r\nHost: zorgkluis\r\n\r\n")
        .unwrap();
    let mut head = [0u8; 12];
    idle.read_exact(&mut head).unwrap();
    assert_eq!(&head, b"HTTP/1.1 200");
    std::thread::sleep(Duration::from_millis(200));

    let start = Instant::now();
    server.stop.take().unwrap().send(()).unwrap();
    let served = server.served.take().unwrap();
    let result = server
        .runtime
        .block_on(async { tokio::time::timeout(Duration::from_secs(10), served).await });
    let took = start.elapsed();
    assert!(matches!(result, Ok(Ok(Ok(())))), "{result:?}");
    assert!(
        took >= Duration::from_millis(900) && took < Duration::from_secs(4),
        "{took:?}"
    );
    // New connections are refused, and the stalled one was closed.
    assert!(TcpStream::connect(server.address).is_err());
    let (answer, took) = until_closed(stalled);
    assert!(
        answer.is_empty() && took < Duration::from_secs(2),
        "{answer} {took:?}"
    );
    // Nothing holds the vault any more: it closes (the writer ends) at once.
    let vault = server.vault;
    let closed = server
        .runtime
        .block_on(async { tokio::time::timeout(Duration::from_secs(5), vault.close()).await });
    assert!(closed.is_ok(), "the vault did not close");
}
