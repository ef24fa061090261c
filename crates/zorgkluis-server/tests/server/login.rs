//! The login throttle over HTTP: attempts are counted before the password is checked, and an
//! attack from one network does not keep a colleague on another out.

use std::io::{Read as _, Write as _};

use zorgkluis_testkit::{Backend, PASSWORD, TestApp};

/// A login form post as `user`, on a connection from `source` (an address of 127.0.0.0/8 to
/// bind to; the server sees it as the caller's address), connected but not yet sent.
pub(crate) struct Attempt {
    stream: std::net::TcpStream,
    raw: String,
}

impl Attempt {
    pub(crate) fn connect(app: &TestApp, source: &str, user: &str, password: &str) -> Attempt {
        let host: std::net::SocketAddr = app.base.strip_prefix("http://").unwrap().parse().unwrap();
        let body = format!(
            "csrf=n1&gebruiker={user}&wachtwoord={}",
            password.replace(' ', "+")
        );
        let raw = format!(
            "POST /login HTTP/1.1\r\nHost: {host}\r\nConnection: close\r\nCookie: zk_login=n1\r\n\
             Content-Type: application/x-www-form-urlencoded\r\nContent-Length: {}\r\n\r\n{body}",
            body.len()
        );
        let socket = tokio::net::TcpSocket::new_v4().unwrap();
        socket.bind(format!("{source}:0").parse().unwrap()).unwrap();
        let stream = app
            .block_on(socket.connect(host))
            .unwrap()
            .into_std()
            .unwrap();
        stream.set_nonblocking(false).unwrap();
        Attempt { stream, raw }
    }

    /// Sends it: the status and the head of the answer.
    pub(crate) fn send(mut self) -> (u16, String) {
        self.stream.write_all(self.raw.as_bytes()).unwrap();
        let mut answer = Vec::new();
        self.stream.read_to_end(&mut answer).unwrap();
        let answer = String::from_utf8_lossy(&answer).into_owned();
        let head = answer
            .split("\r\n\r\n")
            .next()
            .unwrap_or_default()
            .to_owned();
        let status = head
            .split(' ')
            .nth(1)
            .and_then(|s| s.parse().ok())
            .unwrap_or_else(|| panic!("no status: {answer}"));
        (status, head)
    }
}

pub(crate) fn login(app: &TestApp, source: &str, user: &str, password: &str) -> (u16, String) {
    Attempt::connect(app, source, user, password).send()
}

fn retry_after(head: &str) -> Option<u64> {
    head.lines()
        .find_map(|l| {
            l.to_ascii_lowercase()
                .strip_prefix("retry-after:")
                .map(|v| v.trim().to_owned())
        })
        .and_then(|v| v.parse().ok())
}

/// Forty wrong passwords for one account, sent at once from eight networks (five addresses
/// each): each network may try five, but the account's ceiling admits ten, and only those are
/// checked (each checked attempt is one login event in the chain); the rest are told how long
/// to wait. The account's owner, at the network they logged in from before, gets in at once;
/// from a network new to them after at most the short ceiling; and another account on an
/// attacking network is not slowed at all.
#[test]
fn attempts_sent_at_once_are_counted_before_the_password_check_and_nobody_is_locked_out() {
    let app = TestApp::start(Backend::Sqlite);
    let desk = "127.0.100.20";
    assert_eq!(login(&app, desk, "zorg-1", PASSWORD).0, 303);

    let before = crate::chain_length(&app);
    let attempts: Vec<Attempt> = (0..40)
        .map(|i| {
            let source = format!("127.0.{}.{}", 2 + i / 5, 1 + i % 5);
            Attempt::connect(&app, &source, "zorg-1", &format!("fout-{i}"))
        })
        .collect();
    let start = std::sync::Barrier::new(attempts.len());
    let answers: Vec<(u16, String)> = std::thread::scope(|s| {
        let handles: Vec<_> = attempts
            .into_iter()
            .map(|a| {
                let start = &start;
                s.spawn(move || {
                    start.wait();
                    a.send()
                })
            })
            .collect();
        handles.into_iter().map(|h| h.join().unwrap()).collect()
    });
    let checked = crate::chain_length(&app) - before;
    let refused = answers.iter().filter(|a| a.0 == 401).count() as u64;
    let waiting: Vec<&String> = answers
        .iter()
        .filter(|a| a.0 == 429)
        .map(|a| &a.1)
        .collect();
    let statuses: Vec<u16> = answers.iter().map(|a| a.0).collect();
    assert_eq!(refused + waiting.len() as u64, 40, "{statuses:?}");
    assert_eq!(checked, refused, "every checked attempt is logged");
    assert_eq!(
        checked, 10,
        "password checks: the account's ceiling; {statuses:?}"
    );
    assert!(
        waiting
            .iter()
            .all(|h| retry_after(h).is_some_and(|s| (1..=120).contains(&s))),
        "{waiting:?}"
    );

    // At their desk, at once.
    let (status, head) = login(&app, desk, "zorg-1", PASSWORD);
    assert_eq!(status, 303, "{head}");
    // From a network new to them: at most the ceiling's short wait.
    let mut waited = 0;
    let status = loop {
        let (status, head) = login(&app, "127.0.200.1", "zorg-1", PASSWORD);
        match retry_after(&head) {
            Some(s) if status == 429 && waited < 130 => {
                waited += s;
                std::thread::sleep(std::time::Duration::from_secs(s));
            }
            _ => break status,
        }
    };
    assert_eq!(status, 303, "after {waited} s");
    assert!(waited <= 120, "{waited} s");
    // Another account on an attacking network.
    assert_eq!(login(&app, "127.0.2.1", "zorg-2", PASSWORD).0, 303);
}
