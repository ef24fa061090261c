//! The JSON API over HTTP on 127.0.0.1, on SQLite and on PostgreSQL (one test each, from
//! `zorgkluis_testkit::app_on_both_backends!`): allowed, denied and malformed requests for every
//! route; no personal data without a token, a decision by the reglement and an audit event;
//! every refusal logged; no reaching another client's record by changing ids.
#![allow(clippy::unwrap_used, clippy::expect_used, clippy::panic)]

mod accounts;
mod annual_report;
mod browser;
mod complaints;
mod consents;
mod contacts;
mod disclosures;
mod disclosures_api;
mod incidents;
mod log_review;
mod login;
mod objections;
mod portability;
mod portal;
mod processors;
mod refusals;
mod registers;
mod reglement_versions;
mod representation;
mod requests;
mod retention;
mod second_factor;
mod timeouts;

use std::collections::BTreeSet;

use serde_json::{Value, json};
use zorgkluis_store::audit::AuditEvent;
use zorgkluis_store::vault::Actor;
use zorgkluis_testkit::{Backend, PASSWORD, TestApp};

/// An answer with its content type, for the tests that look at more than the body.
struct Answer {
    status: u16,
    content_type: String,
    body: Value,
}

/// `method path` with the given headers, on a connection of its own; any method but GET sends
/// `{}` as JSON. The request goes out in one write: a server that answers before it reads the
/// body (a missing token is refused first) and then closes may otherwise reset the connection
/// under its answer when the body arrives after it (a client that writes head and body apart,
/// as ureq does, sees that now and then). One write makes the answer the test's subject.
fn request(app: &TestApp, method: &str, path: &str, headers: &[(&str, &str)]) -> Answer {
    use std::io::{Read as _, Write as _};
    let host = app.base.strip_prefix("http://").unwrap();
    let body = if method.eq_ignore_ascii_case("get") {
        ""
    } else {
        "{}"
    };
    let mut raw = format!(
        "{} {path} HTTP/1.1\r\nHost: {host}\r\nConnection: close\r\n",
        method.to_uppercase()
    );
    for (name, value) in headers {
        raw.push_str(&format!("{name}: {value}\r\n"));
    }
    if !body.is_empty() {
        raw.push_str("Content-Type: application/json\r\n");
    }
    raw.push_str(&format!("Content-Length: {}\r\n\r\n{body}", body.len()));
    let mut stream = std::net::TcpStream::connect(host).unwrap();
    stream.write_all(raw.as_bytes()).unwrap();
    let mut answer = Vec::new();
    stream
        .read_to_end(&mut answer)
        .unwrap_or_else(|e| panic!("{method} {path}: {e}"));
    let answer = String::from_utf8(answer).unwrap();
    let (head, body) = answer
        .split_once("\r\n\r\n")
        .unwrap_or_else(|| panic!("{method} {path}: no HTTP answer: {answer}"));
    let mut lines = head.lines();
    let status = lines
        .next()
        .and_then(|l| l.split(' ').nth(1))
        .and_then(|s| s.parse().ok())
        .unwrap_or_else(|| panic!("{method} {path}: no status line: {head}"));
    let header = |name: &str| {
        head.lines()
            .skip(1)
            .filter_map(|l| l.split_once(':'))
            .find(|(k, _)| k.trim().eq_ignore_ascii_case(name))
            .map(|(_, v)| v.trim().to_owned())
    };
    assert!(
        header("transfer-encoding").is_none(),
        "{method} {path}: a chunked answer: {head}"
    );
    Answer {
        status,
        content_type: header("content-type").unwrap_or_default(),
        body: serde_json::from_str(body).unwrap_or(Value::Null),
    }
}

fn bearer(app: &TestApp, who: &str) -> String {
    format!("Bearer {}", app.tokens[who])
}

/// A person's audit log, read behind the server's back (as the command line would).
fn audit_of(app: &TestApp, person: &str) -> Vec<AuditEvent> {
    app.block_on(app.vault.audit_for_person(&Actor::system("test"), person))
        .unwrap_or_else(|e| panic!("{}: audit of {person}: {e}", app.backend()))
}

/// (user, action, outcome) of every event of a log.
fn who_did_what(events: &[AuditEvent]) -> Vec<(String, &'static str, &'static str)> {
    events
        .iter()
        .map(|e| (e.user_id.clone(), e.action.id(), e.outcome.id()))
        .collect()
}

fn has(log: &[(String, &str, &str)], user: &str, action: &str, outcome: &str) -> bool {
    log.iter()
        .any(|(u, a, o)| u == user && *a == action && *o == outcome)
}

/// The id of a client's first health record, as zorg-1 (in the care team) reads it.
fn first_record(app: &TestApp, person: &str) -> String {
    let (status, v) = app.get(
        Some("zorg-1"),
        &format!("/api/v1/persons/{person}/records?category=gezondheid"),
    );
    assert_eq!(status, 200, "{v}");
    v["records"][0]["id"].as_str().unwrap().to_owned()
}

/// The served OpenAPI document.
fn openapi(app: &TestApp) -> Value {
    let a = request(app, "get", "/api/v1/openapi.json", &[]);
    assert_eq!(a.status, 200, "{}", a.body);
    assert!(
        a.content_type.starts_with("application/json"),
        "{}",
        a.content_type
    );
    a.body
}

/// Every (method, path template) of an OpenAPI document.
fn operations(doc: &Value) -> Vec<(String, String)> {
    const METHODS: &[&str] = &[
        "get", "put", "post", "delete", "options", "head", "patch", "trace",
    ];
    let mut out = Vec::new();
    for (path, item) in doc["paths"].as_object().expect("paths") {
        for (method, _) in item.as_object().expect("a path item") {
            if METHODS.contains(&method.as_str()) {
                out.push((method.clone(), path.clone()));
            }
        }
    }
    out
}

/// The operations the API has; the document must list at least these.
const OPERATIONS: &[(&str, &str)] = &[
    ("get", "/api/v1/registers/{id}"),
    ("post", "/api/v1/persons"),
    ("get", "/api/v1/persons"),
    ("post", "/api/v1/persons/search"),
    ("post", "/api/v1/persons/{id}/identity-checks"),
    ("get", "/api/v1/persons/{id}/records"),
    ("post", "/api/v1/persons/{id}/records"),
    ("post", "/api/v1/records/{id}/corrections"),
    ("post", "/api/v1/records/{id}/supplements"),
    ("post", "/api/v1/persons/{id}/emergency-access"),
    ("post", "/api/v1/persons/{id}/care-team"),
    ("post", "/api/v1/persons/{id}/care-team/end"),
    ("get", "/api/v1/persons/{id}/audit"),
    ("post", "/api/v1/requests"),
    ("get", "/api/v1/requests"),
    ("get", "/api/v1/requests/{id}"),
    ("post", "/api/v1/requests/{id}/decision"),
    ("post", "/api/v1/requests/{id}/extension"),
    ("post", "/api/v1/requests/{id}/withdrawal"),
    ("post", "/api/v1/requests/{id}/status"),
    ("get", "/api/v1/requests/{id}/export"),
    ("post", "/api/v1/requests/{id}/withheld"),
    ("post", "/api/v1/requests/{id}/release"),
    ("post", "/api/v1/requests/{id}/execute"),
    ("post", "/api/v1/restrictions/{id}/lift"),
    ("get", "/api/v1/persons/{id}/contact-check"),
    ("post", "/api/v1/persons/{id}/do-not-contact"),
    ("get", "/api/v1/persons/{id}/consents"),
    ("post", "/api/v1/persons/{id}/consents"),
    ("post", "/api/v1/consents/{id}/withdraw"),
    ("get", "/api/v1/persons/{id}/objections"),
    ("post", "/api/v1/persons/{id}/objections"),
    ("post", "/api/v1/objections/{id}/decide"),
    ("post", "/api/v1/objections/{id}/withdraw"),
    ("get", "/api/v1/recipients"),
    ("post", "/api/v1/recipients"),
    ("post", "/api/v1/persons/{id}/disclosures/preview"),
    ("get", "/api/v1/persons/{id}/disclosures"),
    ("post", "/api/v1/persons/{id}/disclosures"),
    ("get", "/api/v1/disclosures"),
    ("post", "/api/v1/disclosures/{id}/notice"),
    ("get", "/api/v1/records/{id}/recipients"),
    ("post", "/api/v1/records/{id}/recipients/told"),
    ("post", "/api/v1/research-exports"),
    ("post", "/api/v1/complaints"),
    ("get", "/api/v1/complaints"),
    ("get", "/api/v1/complaints/{id}"),
    ("post", "/api/v1/complaints/{id}/extension"),
    ("post", "/api/v1/complaints/{id}/decision"),
    ("post", "/api/v1/complaints/{id}/referral"),
    ("post", "/api/v1/complaints/{id}/marks"),
    ("post", "/api/v1/processors"),
    ("get", "/api/v1/processors"),
    ("get", "/api/v1/processors/{id}"),
    ("post", "/api/v1/processors/{id}/review"),
    ("post", "/api/v1/assets"),
    ("get", "/api/v1/assets"),
    ("get", "/api/v1/retention/plan"),
    ("post", "/api/v1/retention/runs"),
    ("get", "/api/v1/retention/runs/{id}"),
    ("get", "/api/v1/retention/holds"),
    ("post", "/api/v1/retention/holds"),
    ("post", "/api/v1/retention/holds/{id}/release"),
    ("post", "/api/v1/log-review/runs"),
    ("get", "/api/v1/log-review/flags"),
    ("post", "/api/v1/log-review/flags/{id}/close"),
    ("post", "/api/v1/log-review/flags/{id}/incident"),
    ("get", "/api/v1/persons/{id}/legal-facts"),
    ("put", "/api/v1/persons/{id}/legal-facts"),
    ("get", "/api/v1/persons/{id}/representatives"),
    ("post", "/api/v1/persons/{id}/representatives"),
    ("post", "/api/v1/representatives/{id}/end"),
    ("get", "/api/v1/reglement/versions"),
    ("post", "/api/v1/reglement/versions"),
];

/// Registers a person as admin-1; their id.
fn register(app: &TestApp, body: &Value) -> String {
    let (status, v) = app.post(Some("admin-1"), "/api/v1/persons", body);
    assert_eq!(status, 201, "{v}");
    v["id"].as_str().unwrap().to_owned()
}

/// The names a search answer shows.
fn names(v: &Value) -> BTreeSet<String> {
    v["persons"]
        .as_array()
        .unwrap_or_else(|| panic!("a search answer: {v}"))
        .iter()
        .map(|p| p["name"].as_str().unwrap_or("<no name>").to_owned())
        .collect()
}

fn set(names: &[&str]) -> BTreeSet<String> {
    names.iter().map(|n| (*n).to_owned()).collect()
}

/// Login CSRF: the login form carries a token that must match its cookie. A form posted from
/// another site carries no cookie (SameSite=Strict) and is refused with a fresh form.
/// Every state-changing form of a session carries the session's anti-forgery token: a post
/// without it, or with another, is refused (403) and changes nothing.
#[test]
fn every_session_form_without_its_csrf_token_is_refused_and_changes_nothing() {
    let app = TestApp::start(Backend::Sqlite);
    let person = app.client();
    let (_, v) = app.get(
        Some("zorg-1"),
        &format!("/api/v1/persons/{person}/records?category=gezondheid"),
    );
    let record = v["records"][0]["id"].as_str().unwrap().to_owned();
    let session = app
        .block_on(app.vault.accounts().login("zorg-1", PASSWORD, "127.0.0.1"))
        .unwrap()
        .expect("a session");
    let agent: ureq::Agent = ureq::Agent::config_builder()
        .http_status_as_error(false)
        .max_redirects(0)
        .build()
        .into();
    let events = || {
        app.block_on(app.vault.verify_audit())
            .unwrap()
            .tenants
            .iter()
            .map(|t| t.events)
            .sum::<u64>()
    };
    let forms = [
        (format!("/gegevens/{record}/correctie"), "tekst=vervalst".to_owned()),
        (format!("/gegevens/{record}/aanvulling"), "tekst=vervalst".to_owned()),
        (
            format!("/clienten/{person}/noodtoegang"),
            "categorie=gezondheid&reden=vervalst".to_owned(),
        ),
        (
            "/clienten/nieuw".to_owned(),
            "naam=Vals&geboortedatum=1950-01-01&bsn=123456782&documenttype=paspoort&documentnummer=X1&gecontroleerd=2026-01-01&geldig=2030-01-01".to_owned(),
        ),
        ("/clienten/zoeken".to_owned(), "naam=vries".to_owned()),
        (
            "/toezicht/bewaartermijnen/vernietigen".to_owned(),
            "peildatum=2026-01-01&bevestigd=ja".to_owned(),
        ),
        (
            format!("/clienten/{person}/blokkade"),
            "soort=klacht&categorie=&reden=vervalst&vanaf=2026-01-01".to_owned(),
        ),
        (
            "/toezicht/blokkades/00000000-0000-4000-8000-000000000000/opheffen".to_owned(),
            "terug=/toezicht/blokkades".to_owned(),
        ),
        (
            format!("/clienten/{person}/toestemmingen"),
            "vorm=mondeling&ontvanger=auditor&categorieen=gezondheid&tekst=vervalst&tekst_versie=1"
                .to_owned(),
        ),
        (
            "/toestemmingen/00000000-0000-4000-8000-000000000000/intrekken".to_owned(),
            "x=1".to_owned(),
        ),
        (
            format!("/clienten/{person}/verstrekken"),
            "ontvanger=x&categorie=gezondheid&doel=vervalst&stap=verstrekken&bevestigd=ja"
                .to_owned(),
        ),
        (
            "/verstrekkingen/00000000-0000-4000-8000-000000000000/melding".to_owned(),
            "uitkomst=verstuurd&datum=2026-01-01".to_owned(),
        ),
        (
            "/toezicht/ontvangers".to_owned(),
            "soort=zorgaanbieder&naam=Vals&land=NL".to_owned(),
        ),
        (
            "/toezicht/klachten".to_owned(),
            "ontvangen=2026-01-05&door=client&over=vervalst".to_owned(),
        ),
        (
            "/toezicht/klachten/00000000-0000-4000-8000-000000000000/verlenging".to_owned(),
            "gemeld_op=2026-01-05&reden=vervalst".to_owned(),
        ),
        (
            "/toezicht/klachten/00000000-0000-4000-8000-000000000000/oordeel".to_owned(),
            "uitkomst=gegrond&beslist_op=2026-01-05&toelichting=vervalst".to_owned(),
        ),
        (
            "/toezicht/klachten/00000000-0000-4000-8000-000000000000/geschilleninstantie"
                .to_owned(),
            "voorgelegd_op=2026-01-05".to_owned(),
        ),
        (
            "/toezicht/klachten/00000000-0000-4000-8000-000000000000/kenmerken".to_owned(),
            "ap=ja".to_owned(),
        ),
        (
            "/toezicht/verwerkers".to_owned(),
            "verwerker=Vals&verwerkingen=zorgverlening&categorieen=naw&landen=NL&getekend=2026-01-05"
                .to_owned(),
        ),
        (
            "/toezicht/verwerkers/00000000-0000-4000-8000-000000000000/herziening".to_owned(),
            "op=2026-01-05".to_owned(),
        ),
        (
            "/toezicht/verwerkers/systemen".to_owned(),
            "naam=Vals&soort=server&categorieen=naw&land=NL&eigenaar=fg".to_owned(),
        ),
        (
            "/toezicht/niet-benaderen".to_owned(),
            format!("persoon={person}&doel=nieuwsbrief&gevraagd_op=2026-01-01"),
        ),
        (
            "/toezicht/niet-benaderen/00000000-0000-4000-8000-000000000000/beeindigen".to_owned(),
            "x=1".to_owned(),
        ),
        (
            "/toezicht/logcontrole/uitvoeren".to_owned(),
            "vanaf=2026-01-01".to_owned(),
        ),
        (
            format!("/clienten/{person}/vertegenwoordiger"),
            format!("persoon={person}&grond=mentor&vanaf=2026-01-01"),
        ),
        (
            "/toezicht/logcontrole/00000000-0000-4000-8000-000000000000/afhandelen".to_owned(),
            "notitie=vervalst".to_owned(),
        ),
        (
            "/toezicht/logcontrole/00000000-0000-4000-8000-000000000000/incident".to_owned(),
            "x=1".to_owned(),
        ),
        ("/uitloggen".to_owned(), "x=1".to_owned()),
    ];
    let before = events();
    for (path, body) in &forms {
        for csrf in ["", "&csrf=0123456789abcdef"] {
            let resp = agent
                .post(format!("{}{path}", app.base))
                .header("Content-Type", "application/x-www-form-urlencoded")
                .header("Cookie", format!("zk_sessie={}", session.token))
                .send(format!("{body}{csrf}"))
                .unwrap();
            assert_eq!(resp.status().as_u16(), 403, "{path} with {csrf:?}");
        }
    }
    assert_eq!(events(), before, "nothing was decided, read or written");
    // The session is still open: the refused logout did not end it.
    let resp = agent
        .get(format!("{}/", app.base))
        .header("Cookie", format!("zk_sessie={}", session.token))
        .call()
        .unwrap();
    assert_eq!(resp.status().as_u16(), 200);
    // And with its token, the same form does its work.
    let resp = agent
        .post(format!("{}/gegevens/{record}/correctie", app.base))
        .header("Content-Type", "application/x-www-form-urlencoded")
        .header("Cookie", format!("zk_sessie={}", session.token))
        .send(format!("tekst=echt&csrf={}", session.csrf))
        .unwrap();
    assert_eq!(resp.status().as_u16(), 303);
    assert!(events() > before);
}

#[test]
fn a_login_form_posted_from_elsewhere_is_refused() {
    let app = TestApp::start(Backend::Sqlite);
    let agent: ureq::Agent = ureq::Agent::config_builder()
        .http_status_as_error(false)
        .max_redirects(0)
        .build()
        .into();
    let url = format!("{}/login", app.base);
    let hidden = |html: &str| {
        let at = html.find(r#"name="csrf" value=""#).expect("a csrf field") + 19;
        html[at..at + 64].to_owned()
    };
    let cookie = |resp: &ureq::http::Response<ureq::Body>| {
        resp.headers()
            .get_all("set-cookie")
            .iter()
            .filter_map(|v| v.to_str().ok())
            .find_map(|v| v.strip_prefix("zk_login="))
            .map(|v| v.split(';').next().unwrap().to_owned())
    };
    let post = |cookie: Option<&str>, body: String| {
        let mut req = agent
            .post(&url)
            .header("Content-Type", "application/x-www-form-urlencoded");
        if let Some(c) = cookie {
            req = req.header("Cookie", format!("zk_login={c}"));
        }
        req.send(body).unwrap()
    };
    let password = PASSWORD.replace(' ', "+");

    let mut form = agent.get(&url).call().unwrap();
    let nonce = cookie(&form).expect("the form sets its cookie");
    assert_eq!(hidden(&form.body_mut().read_to_string().unwrap()), nonce);

    // From another site: no cookie, or no field, or a cookie that is not the form's.
    for (c, body) in [
        (
            None,
            format!("gebruiker=zorg-1&wachtwoord={password}&csrf={nonce}"),
        ),
        (
            Some(nonce.as_str()),
            format!("gebruiker=zorg-1&wachtwoord={password}"),
        ),
        (
            Some("0".repeat(64).as_str()),
            format!("gebruiker=zorg-1&wachtwoord={password}&csrf={nonce}"),
        ),
    ] {
        let mut resp = post(c, body);
        assert_eq!(resp.status(), 403);
        assert!(
            resp.headers()
                .get_all("set-cookie")
                .iter()
                .all(|v| !v.to_str().unwrap().starts_with("zk_sessie="))
        );
        let fresh = cookie(&resp).expect("a fresh token");
        let page = resp.body_mut().read_to_string().unwrap();
        assert!(page.contains("verlopen"), "{page}");
        assert_eq!(hidden(&page), fresh);
        assert_ne!(fresh, nonce);
    }

    // From our own form: in.
    let resp = post(
        Some(&nonce),
        format!("gebruiker=zorg-1&wachtwoord={password}&csrf={nonce}"),
    );
    assert_eq!(resp.status(), 303);
    assert!(
        resp.headers()
            .get_all("set-cookie")
            .iter()
            .any(|v| v.to_str().unwrap().starts_with("zk_sessie=")),
        "a session cookie"
    );
}

#[test]
fn no_response_may_be_cached_or_framed() {
    let app = TestApp::start(Backend::Sqlite);
    let id = app.client();
    let token = bearer(&app, "zorg-1");
    // An answer with personal data, and a refusal.
    for (path, status) in [
        (
            format!("/api/v1/persons/{id}/records?category=gezondheid"),
            200,
        ),
        (format!("/api/v1/persons/{id}/audit"), 403),
    ] {
        let resp = app
            .agent
            .get(format!("{}{path}", app.base))
            .header("Authorization", &token)
            .call()
            .unwrap();
        assert_eq!(resp.status().as_u16(), status, "{path}");
        let h = resp.headers();
        assert_eq!(h.get("cache-control").unwrap(), "no-store", "{path}");
        assert_eq!(h.get("x-frame-options").unwrap(), "DENY", "{path}");
        assert_eq!(
            h.get("x-content-type-options").unwrap(),
            "nosniff",
            "{path}"
        );
        assert!(
            h.get("content-security-policy")
                .unwrap()
                .to_str()
                .unwrap()
                .contains("frame-ancestors 'none'"),
            "{path}"
        );
    }
}

zorgkluis_testkit::app_on_both_backends! {
    fn health_and_readiness_need_no_token(app) {
        assert_eq!(app.get(None, "/health"), (200, json!({"status": "ok"})));
        assert_eq!(app.get(None, "/ready"), (200, json!({"status": "ready"})));
    }

    /// The routes come from the served document, so a route added to the router is checked
    /// without touching this test.
    fn every_api_route_in_the_openapi_document_needs_a_valid_token(app) {
        let person = app.client();
        let record = first_record(&app, &person);
        let doc = openapi(&app);
        let ops = operations(&doc);
        for (method, path) in OPERATIONS {
            assert!(
                ops.iter().any(|(m, p)| m == method && p == path),
                "{method} {path} missing from the OpenAPI document: {ops:?}"
            );
        }
        let before = audit_of(&app, &person).last().unwrap().seq;
        let forged = format!("Bearer zk_{}", "0".repeat(64));
        let refusals: [&[(&str, &str)]; 4] = [
            &[],
            &[("Authorization", "Bearer zk_forged")],
            &[("Authorization", forged.as_str())],
            // A real token, but not as a bearer token.
            &[("Authorization", app.tokens["admin-1"].as_str())],
        ];
        for (method, template) in &ops {
            let id = if template.starts_with("/api/v1/records/") { &record } else { &person };
            let path = template.replace("{id}", id);
            assert!(!path.contains('{'), "{path}: an unknown path parameter");
            for headers in refusals {
                let a = request(&app, method, &path, headers);
                assert_eq!(a.status, 401, "{method} {path} with {headers:?}: {}", a.body);
                assert_eq!(a.content_type, "application/problem+json", "{method} {path}");
                assert_eq!(a.body["code"], "auth.required", "{method} {path}: {}", a.body);
                assert_eq!(a.body["status"], 401, "{method} {path}: {}", a.body);
            }
        }
        // Nothing was read or written: the only event since is this read of the log.
        let since: Vec<_> = audit_of(&app, &person)
            .into_iter()
            .filter(|e| e.seq > before)
            .collect();
        assert!(since.iter().all(|e| e.user_id == "system"), "{:?}", who_did_what(&since));
        let (_, v) = app.get(Some("zorg-1"), &format!("/api/v1/persons/{person}/records?category=gezondheid"));
        assert_eq!(v["total"], 1, "{v}");
    }

    fn the_openapi_document_describes_every_route(app) {
        let doc = openapi(&app);
        assert!(doc["openapi"].as_str().unwrap().starts_with('3'), "{doc}");
        let paths = doc["paths"].as_object().unwrap();
        for (method, path) in OPERATIONS {
            assert!(
                paths.get(*path).is_some_and(|p| p[method].is_object()),
                "{method} {path} missing from the OpenAPI document"
            );
        }
        let ops = operations(&doc);
        assert!(ops.len() >= OPERATIONS.len(), "{ops:?}");
        for (method, path) in &ops {
            let op = &doc["paths"][path][method];
            let security = op["security"]
                .as_array()
                .unwrap_or_else(|| panic!("{method} {path}: no security"));
            assert!(
                security.iter().any(|s| s.get("token").is_some()),
                "{method} {path}: not secured by the token: {security:?}"
            );
            for status in ["400", "401", "403", "404", "405", "408", "409", "422", "500"] {
                let content = &op["responses"][status]["content"]["application/problem+json"];
                assert!(
                    content.is_object(),
                    "{method} {path}: no {status} as application/problem+json: {}",
                    op["responses"]
                );
                assert!(
                    content["schema"]["$ref"]
                        .as_str()
                        .is_some_and(|r| r.ends_with("/Problem")),
                    "{method} {path}: the {status} is not a Problem: {content}"
                );
            }
        }
        assert!(doc["components"]["schemas"]["Problem"].is_object());
        assert_eq!(
            doc["components"]["securitySchemes"]["token"]["scheme"],
            "bearer"
        );
        // Every `purpose`, in a body or a query, states the rule the vault applies (L9).
        let mut purposes = 0;
        for (name, schema) in doc["components"]["schemas"].as_object().unwrap() {
            if let Some(p) = schema["properties"].get("purpose") {
                if name == "EventOut" {
                    continue;
                }
                assert_eq!(p["pattern"], "^[a-z0-9 _-]{1,60}$", "{name}: {p}");
                purposes += 1;
            }
        }
        for (method, path) in &ops {
            for param in doc["paths"][path][method]["parameters"].as_array().into_iter().flatten() {
                if param["name"] == "purpose" {
                    assert_eq!(param["schema"]["pattern"], "^[a-z0-9 _-]{1,60}$", "{method} {path}");
                    purposes += 1;
                }
            }
        }
        assert!(purposes >= 5, "{purposes}");
        // The router's own refusals are problem details as documented.
        let a = request(&app, "delete", "/api/v1/persons", &[("Authorization", &bearer(&app, "admin-1"))]);
        assert_eq!((a.status, a.content_type.as_str()), (405, "application/problem+json"), "{}", a.body);
        assert_eq!(a.body["code"], "request.method_not_allowed");
        let a = request(&app, "get", "/api/v1/nergens", &[("Authorization", &bearer(&app, "admin-1"))]);
        assert_eq!((a.status, a.content_type.as_str()), (404, "application/problem+json"), "{}", a.body);
    }

    fn the_care_team_reads_others_are_denied_and_the_officer_sees_who_looked(app) {
        let id = app.client();
        let (status, v) = app.get(
            Some("zorg-1"),
            &format!("/api/v1/persons/{id}/records?category=gezondheid"),
        );
        assert_eq!(status, 200, "{v}");
        assert_eq!(v["records"][0]["text"], "Synthetisch: pols 72");

        let (status, v) = app.get(
            Some("zorg-2"),
            &format!("/api/v1/persons/{id}/records?category=gezondheid"),
        );
        assert_eq!(status, 403, "{v}");
        assert_eq!(v["code"], "access.denied");
        assert_eq!(v["articles"], json!(["2.2"]));
        assert!(v["detail"].as_str().unwrap().contains("zorgteam"), "{v}");

        // Administration sees the dossier without the health data, headed by who the client
        // is; outside the care team it is not told which categories it may not see (L4).
        let (status, v) = app.get(Some("admin-1"), &format!("/api/v1/persons/{id}/records"));
        assert_eq!(status, 200, "{v}");
        assert!(
            v["records"]
                .as_array()
                .unwrap()
                .iter()
                .all(|r| r["category"] != "gezondheid"),
            "{v}"
        );
        assert_eq!(v["withheld"], json!([]), "{v}");
        assert_eq!(v["facts"]["name"], "Synthetische Cliënt", "{v}");
        assert_eq!(v["facts"]["birth_date"], "1950-03-02", "{v}");

        let (status, v) = app.get(Some("fg-1"), &format!("/api/v1/persons/{id}/audit"));
        assert_eq!(status, 200, "{v}");
        let who: Vec<(&str, &str)> = v["events"]
            .as_array()
            .unwrap()
            .iter()
            .map(|e| {
                (
                    e["user_id"].as_str().unwrap(),
                    e["outcome"].as_str().unwrap(),
                )
            })
            .collect();
        assert!(
            who.contains(&("zorg-1", "allowed")) && who.contains(&("zorg-2", "denied")),
            "{who:?}"
        );
        assert_eq!(
            app.get(Some("zorg-1"), &format!("/api/v1/persons/{id}/audit")).0,
            403
        );
    }

    fn changing_ids_does_not_reach_another_clients_record(app) {
        let mine = app.client();
        let other = register(&app, &json!({"subject_category": "client"}));
        // zorg-1 is in the team of `mine`, not of `other`.
        let (status, v) = app.get(
            Some("zorg-1"),
            &format!("/api/v1/persons/{other}/records?category=gezondheid"),
        );
        assert_eq!(status, 403, "{v}");
        let (status, v) = app.post(
            Some("zorg-1"),
            &format!("/api/v1/persons/{other}/records"),
            &json!({"category": "gezondheid", "text": "x"}),
        );
        assert_eq!(status, 403, "{v}");
        let (status, v) = app.get(
            Some("zorg-1"),
            "/api/v1/persons/00000000-0000-0000-0000-000000000000/records?category=naw",
        );
        assert_eq!(status, 404, "{v}");
        // A record id reaches its own client's file, whoever's id is in the path: zorg-2 is in
        // nobody's team.
        let record = first_record(&app, &mine);
        let (status, v) = app.post(
            Some("zorg-2"),
            &format!("/api/v1/records/{record}/corrections"),
            &json!({"text": "x"}),
        );
        assert_eq!(status, 403, "{v}");
        let (status, v) = app.post(
            Some("zorg-1"),
            "/api/v1/records/00000000-0000-0000-0000-000000000000/corrections",
            &json!({"text": "x"}),
        );
        assert_eq!(status, 404, "{v}");
        let (status, v) = app.get(
            Some("zorg-1"),
            &format!("/api/v1/persons/{mine}/records?category=gezondheid"),
        );
        assert_eq!(status, 200, "{v}");
        assert_eq!(v["total"], 1, "{v}");
    }

    fn malformed_requests_name_the_field_and_change_nothing(app) {
        let id = app.client();
        let (status, v) = app.post(
            Some("admin-1"),
            "/api/v1/persons",
            &json!({"subject_category": "client", "bsn": "123456789"}),
        );
        assert_eq!((status, v["field"].clone()), (422, json!("bsn")), "{v}");
        let (status, v) = app.post(
            Some("admin-1"),
            "/api/v1/persons",
            &json!({"bsn": "111222333"}),
        );
        assert_eq!(
            (status, v["field"].clone()),
            (400, json!("subject_category")),
            "{v}"
        );
        let (status, v) = app.post(
            Some("zorg-1"),
            &format!("/api/v1/persons/{id}/records"),
            &json!({"category": "gezondheid", "tekst": "x"}),
        );
        assert_eq!((status, v["field"].clone()), (400, json!("tekst")), "{v}");
        let (status, v) = app.post(
            Some("zorg-1"),
            &format!("/api/v1/persons/{id}/records"),
            &json!({"category": "gezondhied", "text": "x"}),
        );
        assert_eq!(
            (status, v["field"].clone()),
            (422, json!("category")),
            "{v}"
        );
        let (status, v) = app.post_raw(
            "zorg-1",
            &format!("/api/v1/persons/{id}/records"),
            "{not json",
        );
        assert_eq!(status, 400, "{v}");
        assert_eq!(v["code"], "request.malformed");
        let (status, v) = app.post(
            Some("admin-1"),
            &format!("/api/v1/persons/{id}/care-team"),
            &json!({"user": "zorg-2", "from": "2020-02-30"}),
        );
        assert_eq!((status, v["field"].clone()), (400, json!("from")), "{v}");
        let (status, v) = app.get(
            Some("zorg-1"),
            &format!("/api/v1/persons/{id}/records?limit=0"),
        );
        assert_eq!((status, v["field"].clone()), (422, json!("limit")), "{v}");
        // Nothing above added a record, a person or a care relationship.
        let (_, v) = app.get(
            Some("zorg-1"),
            &format!("/api/v1/persons/{id}/records?category=gezondheid"),
        );
        assert_eq!(v["total"], 1, "{v}");
        let (_, v) = app.get(Some("admin-1"), "/api/v1/persons");
        assert_eq!(v["persons"], json!([id]), "{v}");
        let (status, _) = app.get(
            Some("zorg-2"),
            &format!("/api/v1/persons/{id}/records?category=gezondheid"),
        );
        assert_eq!(status, 403, "zorg-2 was not put in the care team");
    }

    fn a_correction_keeps_the_old_value_and_only_the_care_team_corrects(app) {
        let id = app.client();
        let record = first_record(&app, &id);
        let (status, v) = app.post(
            Some("zorg-1"),
            &format!("/api/v1/records/{record}/corrections"),
            &json!({"text": "Synthetisch: pols 70"}),
        );
        assert_eq!(status, 201, "{v}");
        let correction = v["id"].as_str().unwrap().to_owned();
        let (_, v) = app.get(
            Some("zorg-1"),
            &format!("/api/v1/persons/{id}/records?category=gezondheid"),
        );
        let texts: Vec<&str> = v["records"]
            .as_array()
            .unwrap()
            .iter()
            .map(|r| r["text"].as_str().unwrap())
            .collect();
        assert_eq!(texts.len(), 2, "{v}");
        assert!(texts.contains(&"Synthetisch: pols 72") && texts.contains(&"Synthetisch: pols 70"));
        assert!(
            v["records"].as_array().unwrap().iter().any(|r| r["id"] == correction.as_str()
                && r["kind"] == "correction"
                && r["supersedes"] == record.as_str()),
            "{v}"
        );
        let (status, v) = app.post(
            Some("admin-1"),
            &format!("/api/v1/records/{record}/corrections"),
            &json!({"text": "x"}),
        );
        assert_eq!(status, 403, "administration cannot correct health data: {v}");
        assert_eq!(v["code"], "access.denied", "{v}");
    }

    fn emergency_access_over_the_api_needs_a_reason(app) {
        let id = app.client();
        let path = format!("/api/v1/persons/{id}/emergency-access");
        let (status, v) = app.post(
            Some("zorg-2"),
            &path,
            &json!({"category": "gezondheid", "reason": " "}),
        );
        assert_eq!(status, 403, "{v}");
        let (status, v) = app.post(
            Some("zorg-2"),
            &path,
            &json!({"category": "gezondheid", "reason": "onwel"}),
        );
        assert_eq!(status, 200, "{v}");
        assert_eq!(v["review_required"], true);
        assert_eq!(v["records"][0]["text"], "Synthetisch: pols 72", "{v}");
        let (status, v) = app.post(
            Some("admin-1"),
            &path,
            &json!({"category": "gezondheid", "reason": "onwel"}),
        );
        assert_eq!(
            status, 403,
            "administration cannot break the glass into health data: {v}"
        );
        let (_, v) = app.get(Some("fg-1"), &format!("/api/v1/persons/{id}/audit"));
        assert!(
            v["events"]
                .as_array()
                .unwrap()
                .iter()
                .any(|e| e["emergency"] == true && e["user_id"] == "zorg-2"),
            "{v}"
        );
        // A purpose is a label for the hash chain, not free text.
        let (status, v) = app.post(
            Some("zorg-2"),
            &path,
            &json!({"category": "gezondheid", "reason": "onwel", "purpose": "Mevrouw J. was gevallen"}),
        );
        assert_eq!((status, v["field"].clone()), (422, json!("purpose")), "{v}");
    }

    fn a_caregiver_lists_only_their_own_clients(app) {
        let mine = app.client();
        let other = register(&app, &json!({"subject_category": "client"}));
        let (status, v) = app.get(Some("zorg-1"), "/api/v1/persons");
        assert_eq!(status, 200, "{v}");
        assert_eq!(v["persons"], json!([mine]));
        assert_eq!((v["offset"].clone(), v["limit"].clone()), (json!(0), json!(100)), "{v}");
        let (_, v) = app.get(Some("admin-1"), "/api/v1/persons?limit=10");
        let all: Vec<&str> = v["persons"]
            .as_array()
            .unwrap()
            .iter()
            .map(|p| p.as_str().unwrap())
            .collect();
        assert!(all.contains(&mine.as_str()) && all.contains(&other.as_str()), "{v}");
        assert_eq!(
            app.get(Some("admin-1"), "/api/v1/persons?limit=1&offset=1")
                .1["persons"]
                .as_array()
                .unwrap()
                .len(),
            1
        );
        let (status, v) = app.get(Some("admin-1"), "/api/v1/persons?limit=5000");
        assert_eq!((status, v["field"].clone()), (422, json!("limit")), "{v}");
        let (status, v) = app.get(Some("admin-1"), "/api/v1/persons?offset=-1");
        assert_eq!((status, v["field"].clone()), (422, json!("offset")), "{v}");
        assert_eq!(app.get(None, "/api/v1/persons").0, 401);
        // One event per page, with the page's persons as its subjects: zorg-1's list is in
        // their client's log and not in the other's.
        let lists = |person: &str, user: &str| -> Vec<(i64, Vec<String>)> {
            audit_of(&app, person)
                .into_iter()
                .filter(|e| e.action.id() == "list_persons" && e.user_id == user)
                .map(|e| (e.seq, e.subjects))
                .collect()
        };
        let subjects = |l: Vec<(i64, Vec<String>)>| l.into_iter().map(|e| e.1).collect::<Vec<_>>();
        assert_eq!(subjects(lists(&mine, "zorg-1")), vec![vec![mine.clone()]]);
        assert!(lists(&other, "zorg-1").is_empty());
        // admin-1's page of 10 showed both: the same event is in each one's log, naming only
        // them; the refused pages (limit, offset) are no event.
        let (in_mine, in_other) = (lists(&mine, "admin-1"), lists(&other, "admin-1"));
        assert_eq!(in_mine.len() + in_other.len(), 3, "two pages");
        let page = in_other[0].0;
        assert!(in_mine.iter().any(|e| e.0 == page), "{in_mine:?} {in_other:?}");
        assert_eq!(in_other[0].1, vec![other.clone()]);
        assert!(in_mine.iter().all(|e| e.1 == vec![mine.clone()]), "{in_mine:?}");
    }

    fn identity_checks_supplements_and_ending_care(app) {
        let id = app.client();
        let check = json!({"checked_on": "2026-03-02", "document_type": "paspoort", "document_number": "XR1234567", "valid_until": "2031-03-01"});
        let (status, v) = app.post(
            Some("admin-1"),
            &format!("/api/v1/persons/{id}/identity-checks"),
            &check,
        );
        assert_eq!(status, 201, "{v}");
        let bad = json!({"checked_on": "2026-03-02", "document_type": "bibliotheekpas", "document_number": "1", "valid_until": "2031-03-01"});
        let (status, v) = app.post(
            Some("admin-1"),
            &format!("/api/v1/persons/{id}/identity-checks"),
            &bad,
        );
        assert_eq!(
            (status, v["field"].clone()),
            (422, json!("document_type")),
            "{v}"
        );
        let (status, v) = app.post(
            Some("zorg-2"),
            &format!("/api/v1/persons/{id}/identity-checks"),
            &check,
        );
        assert_eq!(
            status, 403,
            "a caregiver outside the team records no identity check: {v}"
        );

        let record = first_record(&app, &id);
        let (status, v) = app.post(
            Some("zorg-1"),
            &format!("/api/v1/records/{record}/supplements"),
            &json!({"text": "Cliënt: ik voelde me die dag goed."}),
        );
        assert_eq!(status, 201, "{v}");
        let (_, v) = app.get(
            Some("zorg-1"),
            &format!("/api/v1/persons/{id}/records?category=gezondheid"),
        );
        assert!(
            v["records"]
                .as_array()
                .unwrap()
                .iter()
                .any(|r| r["kind"] == "supplement" && r["supersedes"] == record.as_str()),
            "{v}"
        );

        let (status, v) = app.post(
            Some("admin-1"),
            &format!("/api/v1/persons/{id}/care-team/end"),
            &json!({"user": "zorg-1", "on": "2021-01-01"}),
        );
        assert_eq!(status, 204, "{v}");
        let (status, _) = app.get(
            Some("zorg-1"),
            &format!("/api/v1/persons/{id}/records?category=gezondheid"),
        );
        assert_eq!(status, 403, "the care relationship ended");
        let (status, v) = app.post(
            Some("admin-1"),
            &format!("/api/v1/persons/{id}/care-team/end"),
            &json!({"user": "zorg-1", "on": "2021-01-01"}),
        );
        assert_eq!(status, 404, "no open relation left: {v}");
        let (status, v) = app.post(
            Some("zorg-1"),
            &format!("/api/v1/persons/{id}/care-team/end"),
            &json!({"user": "zorg-1", "on": "2021-01-01"}),
        );
        assert_eq!((status, v["code"].clone()), (403, json!("access.denied")), "{v}");
        let log = who_did_what(&audit_of(&app, &id));
        assert!(has(&log, "admin-1", "end_care", "allowed"), "{log:?}");
        assert!(has(&log, "zorg-1", "end_care", "denied"), "{log:?}");
    }

    /// Who is in the care team decides who reads health data, so it is the reglement's
    /// `manage_care_team` duty (administratie in BG wonen), never a caregiver's own choice.
    fn a_caregiver_cannot_put_anyone_in_a_care_team_and_the_attempt_is_logged(app) {
        let id = app.client();
        let path = format!("/api/v1/persons/{id}/care-team");
        for user in ["zorg-2", "zorg-1"] {
            for who in ["zorg-1", "zorg-2"] {
                let (status, v) = app.post(Some(who), &path, &json!({"user": user, "from": "2024-01-01"}));
                assert_eq!(status, 403, "{who} puts {user} in the team: {v}");
                assert_eq!(v["code"], "access.denied", "{v}");
                // No rule gives a caregiver the duty: nothing to cite, but the field is there.
                assert!(v["articles"].is_array(), "{v}");
            }
        }
        let (status, v) = app.get(
            Some("zorg-2"),
            &format!("/api/v1/persons/{id}/records?category=gezondheid"),
        );
        assert_eq!(status, 403, "zorg-2 is not in the team: {v}");
        let denied: Vec<String> = audit_of(&app, &id)
            .into_iter()
            .filter(|e| e.action.id() == "assign_care" && e.outcome.id() == "denied")
            .map(|e| e.user_id)
            .collect();
        assert_eq!(denied.iter().filter(|u| *u == "zorg-1").count(), 2, "{denied:?}");
        assert_eq!(denied.iter().filter(|u| *u == "zorg-2").count(), 2, "{denied:?}");

        let (status, v) = app.post(Some("admin-1"), &path, &json!({"user": "zorg-2", "from": "2024-01-01"}));
        assert_eq!(status, 204, "{v}");
        let (status, v) = app.get(
            Some("zorg-2"),
            &format!("/api/v1/persons/{id}/records?category=gezondheid"),
        );
        assert_eq!(status, 200, "zorg-2 is in the team now: {v}");
        assert!(
            audit_of(&app, &id).iter().any(|e| e.action.id() == "assign_care"
                && e.outcome.id() == "allowed"
                && e.user_id == "admin-1"
                && e.object.as_deref() == Some("zorg-2")),
            "the assignment is logged with the staff member as its object"
        );
    }

    fn only_the_privacy_officer_reads_the_audit_log_and_every_attempt_is_logged(app) {
        let id = app.client();
        let path = format!("/api/v1/persons/{id}/audit");
        for who in ["zorg-1", "admin-1", "dir-1"] {
            let (status, v) = app.get(Some(who), &path);
            assert_eq!(status, 403, "{who}: {v}");
            assert_eq!(v["code"], "access.denied", "{who}: {v}");
            assert!(v["articles"].is_array(), "{who}: {v}");
            assert!(v.get("events").is_none(), "{who}: {v}");
        }
        let (status, v) = app.get(Some("fg-1"), &path);
        assert_eq!(status, 200, "{v}");
        let events = v["events"].as_array().unwrap();
        let attempts = |user: &str, outcome: &str| {
            events
                .iter()
                .filter(|e| e["user_id"] == user && e["action"] == "read_audit" && e["outcome"] == outcome)
                .count()
        };
        assert_eq!(attempts("zorg-1", "denied"), 1, "{v}");
        assert_eq!(attempts("admin-1", "denied"), 1, "{v}");
        assert_eq!(attempts("dir-1", "denied"), 1, "{v}");
        // The officer's own reading is in the log too.
        assert_eq!(attempts("fg-1", "allowed"), 1, "{v}");
        assert!(
            events.iter().all(|e| e["person_id"] == id.as_str() || e["subjects"].as_array().unwrap().contains(&json!(id))),
            "{v}"
        );
    }

    fn registration_with_facts_and_search_by_name_birth_date_client_number_and_bsn(app) {
        let eva = register(&app, &json!({
            "subject_category": "client", "bsn": "111222333", "name": "Éva de Vries",
            "birth_date": "1961-04-12", "client_number": "BGW-1001"
        }));
        let jan = register(&app, &json!({
            "subject_category": "client", "bsn": "123456782", "name": "Jan de Vries",
            "birth_date": "1958-11-30", "client_number": "BGW-1002"
        }));
        let (status, v) = app.post(
            Some("admin-1"),
            &format!("/api/v1/persons/{eva}/care-team"),
            &json!({"user": "zorg-1", "from": "2020-01-01"}),
        );
        assert_eq!(status, 204, "{v}");

        // The criteria travel in the body (never the address), written here as a query string.
        let search = |who: &str, query: &str| {
            let mut body = serde_json::Map::new();
            for pair in query.split('&').filter(|p| !p.is_empty()) {
                let (k, v) = pair.split_once('=').unwrap();
                let v = v.replace("%20", " ");
                let value = if k == "limit" { json!(v.parse::<i64>().unwrap()) } else { json!(v) };
                body.insert(k.to_owned(), value);
            }
            app.post(Some(who), "/api/v1/persons/search", &serde_json::Value::Object(body))
        };
        let (status, v) = search("admin-1", "name=de%20vries");
        assert_eq!(status, 200, "{v}");
        assert_eq!(names(&v), set(&["Éva de Vries", "Jan de Vries"]), "{v}");
        assert_eq!(v["truncated"], false, "{v}");
        let found_eva = v["persons"].as_array().unwrap().iter().find(|p| p["id"] == eva.as_str()).unwrap();
        assert_eq!(
            found_eva,
            &json!({"id": eva, "subject_category": "client", "name": "Éva de Vries",
                    "birth_date": "1961-04-12", "client_number": "BGW-1001"})
        );

        // Case and accents aside; every word must match.
        assert_eq!(names(&search("admin-1", "name=EVA").1), set(&["Éva de Vries"]));
        assert_eq!(names(&search("admin-1", "name=jan%20vries").1), set(&["Jan de Vries"]));
        assert_eq!(names(&search("admin-1", "name=piet%20de%20vries").1), set(&[]));
        assert_eq!(names(&search("admin-1", "client_number=BGW-1002").1), set(&["Jan de Vries"]));
        assert_eq!(names(&search("admin-1", "bsn=123456782").1), set(&["Jan de Vries"]));
        assert_eq!(names(&search("admin-1", "birth_date=1961-04-12").1), set(&["Éva de Vries"]));
        assert_eq!(
            names(&search("admin-1", "name=vries&birth_date=1958-11-30").1),
            set(&["Jan de Vries"])
        );
        let (status, v) = search("admin-1", "name=vries&limit=1");
        assert_eq!(status, 200, "{v}");
        assert_eq!((v["persons"].as_array().unwrap().len(), v["truncated"].clone()), (1, json!(true)), "{v}");

        // A caregiver finds only the clients in their care team.
        let (status, v) = search("zorg-1", "name=de%20vries");
        assert_eq!(status, 200, "{v}");
        assert_eq!(names(&v), set(&["Éva de Vries"]), "{v}");
        // Searching by BSN is a read of the BSN, which a caregiver has only in a care
        // relationship: refused (and logged) before anyone is looked up.
        let (status, v) = search("zorg-1", "bsn=123456782");
        assert_eq!((status, v["code"].clone()), (403, json!("access.denied")), "{v}");
        assert_eq!(names(&search("zorg-2", "name=de%20vries").1), set(&[]));

        // What is not a search is refused, naming the field.
        let (status, v) = search("admin-1", "");
        assert_eq!((status, v["field"].clone()), (422, json!("name")), "{v}");
        let (status, v) = search("admin-1", "name=%20");
        assert_eq!((status, v["field"].clone()), (422, json!("name")), "{v}");
        let (status, v) = search("admin-1", "birth_date=1961-13-01");
        assert_eq!((status, v["field"].clone()), (400, json!("birth_date")), "{v}");
        assert_eq!(v["code"], "request.malformed", "{v}");
        let (status, v) = search("admin-1", "bsn=123456789");
        assert_eq!((status, v["field"].clone()), (422, json!("bsn")), "{v}");

        // The dossier is headed by who the client is.
        let (status, v) = app.get(Some("admin-1"), &format!("/api/v1/persons/{jan}/records"));
        assert_eq!(status, 200, "{v}");
        assert_eq!(
            v["facts"],
            json!({"name": "Jan de Vries", "birth_date": "1958-11-30", "client_number": "BGW-1002"})
        );

        // Each search is in the log of the persons it showed; what was searched for never is.
        let mut logs = String::new();
        for person in [&eva, &jan] {
            let (status, v) = app.get(Some("fg-1"), &format!("/api/v1/persons/{person}/audit"));
            assert_eq!(status, 200, "{v}");
            let searches: Vec<&Value> = v["events"]
                .as_array()
                .unwrap()
                .iter()
                .filter(|e| e["action"] == "search_persons")
                .collect();
            assert!(searches.len() >= 4, "{person}: {searches:?}");
            assert!(
                searches.iter().all(|e| e["subjects"].as_array().unwrap().contains(&json!(person))),
                "{searches:?}"
            );
            logs.push_str(&serde_json::to_string(&v).unwrap().to_lowercase());
        }
        for word in ["vries", "eva", "éva", "jan", "piet", "bgw-100", "111222333", "123456782", "123456789", "1961-04-12", "1958-11-30", "1961-13-01"] {
            assert!(!logs.contains(word), "`{word}` is in the audit log: {logs}");
        }
    }

    fn duplicates_and_unknown_staff_are_refused_naming_the_field(app) {
        let id = app.client();
        let (status, v) = app.post(
            Some("admin-1"),
            "/api/v1/persons",
            &json!({"subject_category": "client", "bsn": "111222333", "name": "Een Ander"}),
        );
        assert_eq!(status, 409, "{v}");
        assert_eq!((v["code"].clone(), v["field"].clone()), (json!("request.conflict"), json!("bsn")), "{v}");
        register(&app, &json!({"subject_category": "client", "name": "Eerste", "client_number": "C-7"}));
        let (status, v) = app.post(
            Some("admin-1"),
            "/api/v1/persons",
            &json!({"subject_category": "client", "name": "Tweede", "client_number": "C-7"}),
        );
        assert_eq!(status, 409, "{v}");
        assert_eq!((v["code"].clone(), v["field"].clone()), (json!("request.conflict"), json!("client_number")), "{v}");
        let (_, v) = app.get(Some("admin-1"), "/api/v1/persons");
        assert_eq!(v["persons"].as_array().unwrap().len(), 2, "no duplicate was registered: {v}");

        // client() put zorg-1 in the team from 2020-01-01 already.
        let path = format!("/api/v1/persons/{id}/care-team");
        let (status, v) = app.post(Some("admin-1"), &path, &json!({"user": "zorg-1", "from": "2020-01-01"}));
        assert_eq!(status, 409, "{v}");
        assert_eq!(v["code"], "request.conflict", "{v}");
        let (status, v) = app.post(Some("admin-1"), &path, &json!({"user": "zorg-99", "from": "2020-01-01"}));
        assert_eq!((status, v["field"].clone()), (422, json!("user")), "{v}");
        assert_eq!(v["code"], "request.invalid_field", "{v}");
        let (status, v) = app.post(Some("admin-1"), &format!("{path}/end"), &json!({"user": "zorg-99", "on": "2021-01-01"}));
        assert_eq!((status, v["field"].clone()), (422, json!("user")), "{v}");
        // zorg-1 still reads, once in the team.
        let (status, v) = app.get(Some("zorg-1"), &format!("/api/v1/persons/{id}/records?category=gezondheid"));
        assert_eq!(status, 200, "{v}");
    }

    fn accept_language_en_gives_an_english_detail_and_dutch_is_the_default(app) {
        let id = app.client();
        let path = format!("/api/v1/persons/{id}/records?category=gezondheid");
        let token = bearer(&app, "zorg-2");
        let dutch = request(&app, "get", &path, &[("Authorization", &token)]);
        let english = request(&app, "get", &path, &[("Authorization", &token), ("Accept-Language", "en-GB,en;q=0.9")]);
        for a in [&dutch, &english] {
            assert_eq!(a.status, 403, "{}", a.body);
            assert_eq!(a.content_type, "application/problem+json");
            assert_eq!(a.body["code"], "access.denied");
            assert_eq!(a.body["articles"], json!(["2.2"]));
        }
        let nl = dutch.body["detail"].as_str().unwrap();
        let en = english.body["detail"].as_str().unwrap();
        assert!(nl.contains("zorgteam"), "{nl}");
        assert!(en.contains("care team") && !en.contains("zorgteam"), "{en}");
        assert_ne!(nl, en);
        // Also before the caller is known.
        let a = request(&app, "get", &path, &[("Accept-Language", "en")]);
        assert_eq!(a.status, 401);
        assert!(a.body["detail"].as_str().unwrap().starts_with("Authentication required"), "{}", a.body);
        let a = request(&app, "get", &path, &[]);
        assert!(a.body["detail"].as_str().unwrap().starts_with("Aanmelden vereist"), "{}", a.body);
    }
}

/// The events in the audit chain, counted behind the server's back.
fn chain_length(app: &TestApp) -> u64 {
    let report = app.block_on(app.vault.verify_audit()).unwrap();
    assert!(report.ok(), "{}: {:?}", app.backend(), report.findings);
    report.tenants.iter().map(|t| t.events).sum()
}

zorgkluis_testkit::app_on_both_backends! {
    /// What is typed into a URL in place of an id (here a name and a BSN) must never reach the
    /// audit chain, which keeps ids only and cannot be erased: an id that names no person or
    /// record is 404 on every route that takes one, for every role, before anything is decided
    /// or logged.
    fn an_id_that_names_no_one_is_404_on_every_route_and_is_never_logged(app) {
        let person = app.client();
        let check = json!({"checked_on": "2026-03-02", "document_type": "paspoort", "document_number": "XR1234567", "valid_until": "2031-03-01"});
        // A valid body for every operation with an id, so that only the id is wrong.
        let bodies: &[(&str, &str, Value)] = &[
            ("get", "/api/v1/persons/{id}/records", Value::Null),
            ("post", "/api/v1/persons/{id}/records", json!({"category": "gezondheid", "text": "x"})),
            ("post", "/api/v1/persons/{id}/identity-checks", check),
            ("post", "/api/v1/persons/{id}/emergency-access", json!({"category": "gezondheid", "reason": "onwel"})),
            ("post", "/api/v1/persons/{id}/care-team", json!({"user": "zorg-1", "from": "2020-01-01"})),
            ("post", "/api/v1/persons/{id}/care-team/end", json!({"user": "zorg-1", "on": "2021-01-01"})),
            ("get", "/api/v1/persons/{id}/audit", Value::Null),
            ("post", "/api/v1/records/{id}/corrections", json!({"text": "x"})),
            ("post", "/api/v1/records/{id}/supplements", json!({"text": "x"})),
            ("post", "/api/v1/users/{id}/disable", json!({})),
            ("post", "/api/v1/users/{id}/password", json!({"password": "paars konijn op de fiets"})),
            ("get", "/api/v1/requests/{id}", Value::Null),
            ("post", "/api/v1/requests/{id}/decision", json!({"outcome": "toegewezen"})),
            ("post", "/api/v1/requests/{id}/extension", json!({"reason": "x", "told": "2026-01-05"})),
            ("post", "/api/v1/requests/{id}/withdrawal", json!({})),
            ("post", "/api/v1/requests/{id}/status", json!({"status": "in_behandeling"})),
            ("get", "/api/v1/requests/{id}/export", Value::Null),
            ("post", "/api/v1/requests/{id}/withheld", json!({"record": "x", "reason": "over de zus"})),
            ("post", "/api/v1/requests/{id}/release", json!({})),
            ("post", "/api/v1/requests/{id}/execute", json!({})),
            ("post", "/api/v1/restrictions/{id}/lift", json!({"told_on": "2026-01-05"})),
            ("get", "/api/v1/persons/{id}/contact-check", Value::Null),
            ("post", "/api/v1/persons/{id}/do-not-contact", json!({})),
            ("get", "/api/v1/persons/{id}/consents", Value::Null),
            ("post", "/api/v1/persons/{id}/consents", json!({"form": "mondeling", "scope": {"recipient": "huisarts", "categories": ["gezondheid"]}, "evidence": {"text": "x", "text_version": "1"}})),
            ("post", "/api/v1/consents/{id}/withdraw", json!({})),
            ("get", "/api/v1/persons/{id}/objections", Value::Null),
            ("post", "/api/v1/persons/{id}/objections", json!({"scope": {"processing": "cameratoezicht"}, "grounds": "x"})),
            ("post", "/api/v1/objections/{id}/decide", json!({"outcome": "toegewezen"})),
            ("post", "/api/v1/objections/{id}/withdraw", json!({})),
            ("post", "/api/v1/persons/{id}/disclosures/preview", json!({"recipient": "x", "categories": ["gezondheid"], "purpose": "overdracht"})),
            ("get", "/api/v1/persons/{id}/disclosures", Value::Null),
            ("post", "/api/v1/persons/{id}/disclosures", json!({"recipient": "x", "categories": ["gezondheid"], "purpose": "overdracht"})),
            ("post", "/api/v1/disclosures/{id}/notice", json!({"outcome": "verstuurd"})),
            ("get", "/api/v1/records/{id}/recipients", Value::Null),
            ("post", "/api/v1/records/{id}/recipients/told", json!({"recipient": "x", "told_on": "2026-01-05"})),
            ("get", "/api/v1/registers/{id}", Value::Null),
            ("get", "/api/v1/incidents/{id}", Value::Null),
            ("post", "/api/v1/incidents/{id}/notification", json!({"at": "2026-01-05T10:00:00+01:00"})),
            ("get", "/api/v1/complaints/{id}", Value::Null),
            ("post", "/api/v1/complaints/{id}/extension", json!({"told": "2026-01-05", "reason": "x"})),
            ("post", "/api/v1/complaints/{id}/decision", json!({"outcome": "gegrond", "text": "x"})),
            ("post", "/api/v1/complaints/{id}/referral", json!({"on": "2026-01-05"})),
            ("post", "/api/v1/complaints/{id}/marks", json!({"to_ap": true})),
            ("get", "/api/v1/processors/{id}", Value::Null),
            ("post", "/api/v1/processors/{id}/review", json!({"on": "2026-01-05"})),
            ("get", "/api/v1/retention/runs/{id}", Value::Null),
            ("post", "/api/v1/retention/holds/{id}/release", json!({})),
            ("post", "/api/v1/log-review/flags/{id}/close", json!({"note": "x"})),
            ("post", "/api/v1/log-review/flags/{id}/incident", json!({})),
            ("get", "/api/v1/persons/{id}/legal-facts", Value::Null),
            ("put", "/api/v1/persons/{id}/legal-facts", json!({"deceased": "2026-01-05"})),
            ("get", "/api/v1/persons/{id}/representatives", Value::Null),
            ("post", "/api/v1/persons/{id}/representatives", json!({"by": "00000000-0000-4000-8000-000000000001", "ground": "mentor"})),
            ("post", "/api/v1/representatives/{id}/end", json!({"on": "2026-01-05"})),
        ];
        for (method, path) in operations(&openapi(&app)) {
            if path.contains("{id}") {
                assert!(
                    bodies.iter().any(|(m, p, _)| *m == method && *p == path),
                    "{method} {path}: a route with an id this test does not try"
                );
            }
        }
        let before = chain_length(&app);
        for id in ["Jan%20de%20Vries%20111222333", "00000000-0000-4000-8000-000000000000"] {
            for who in ["zorg-1", "zorg-2", "admin-1", "fg-1", "dir-1"] {
                for (method, template, body) in bodies {
                    let path = template.replace("{id}", id);
                    let (status, v) = if *method == "get" {
                        app.get(Some(who), &path)
                    } else if *method == "put" {
                        app.put(Some(who), &path, body)
                    } else {
                        app.post(Some(who), &path, body)
                    };
                    assert_eq!((status, v["code"].clone()), (404, json!("not_found")), "{who}: {method} {path}: {v}");
                }
                let (status, v) = app.get(Some(who), &format!("/api/v1/persons/{id}/records?category=gezondheid"));
                assert_eq!(status, 404, "{who}: {v}");
            }
        }
        assert_eq!(chain_length(&app), before, "an unknown id was logged");
        // The same requests about a real person are decided and logged.
        let (status, v) = app.get(Some("zorg-1"), &format!("/api/v1/persons/{person}/audit"));
        assert_eq!((status, v["code"].clone()), (403, json!("access.denied")), "{v}");
        assert_eq!(chain_length(&app), before + 1);
    }
}
