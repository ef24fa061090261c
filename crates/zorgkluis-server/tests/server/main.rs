//! The JSON API over HTTP on 127.0.0.1, on SQLite and on PostgreSQL: allowed, denied and
//! malformed requests for every endpoint; no personal data without a token, a decision and an
//! audit event; no reaching another client's record by changing ids.
#![allow(clippy::unwrap_used, clippy::expect_used, clippy::panic)]

mod browser;

use std::sync::Arc;

use serde_json::{Value, json};
use sqlx::Connection as _;
use zorgkluis_core::{Lang, Reglement};
use zorgkluis_store::Location;
use zorgkluis_store::vault::{self, Actor, Vault};

const PG_ADMIN: &str = "postgres://postgres@127.0.0.1:5432/postgres";
/// Every test user's password (synthetic, on loopback).
pub const PASSWORD: &str = "een lang wachtwoord";

/// A running server with its own store, and a token per role.
struct App {
    base: String,
    tokens: std::collections::HashMap<&'static str, String>,
    agent: ureq::Agent,
    _dir: TempDir,
    pg: Option<String>,
    runtime: Option<tokio::runtime::Runtime>,
}

struct TempDir(std::path::PathBuf);

impl Drop for TempDir {
    fn drop(&mut self) {
        let _ = std::fs::remove_dir_all(&self.0);
    }
}

impl App {
    fn start(backend: &str) -> App {
        let runtime = tokio::runtime::Builder::new_multi_thread()
            .worker_threads(2)
            .enable_all()
            .build()
            .unwrap();
        let dir = TempDir(std::env::temp_dir().join(format!("zk-server-{}", uuid::Uuid::new_v4())));
        std::fs::create_dir_all(&dir.0).unwrap();
        let (base, tokens, pg) = runtime.block_on(async {
            let mut pg = None;
            let location = if backend == "postgres" {
                let name = format!("zk_api_{}", uuid::Uuid::new_v4().simple());
                let mut admin = sqlx::PgConnection::connect(PG_ADMIN)
                    .await
                    .expect("PostgreSQL must run on 127.0.0.1:5432");
                sqlx::query(sqlx::AssertSqlSafe(format!("CREATE DATABASE {name}")))
                    .execute(&mut admin)
                    .await
                    .unwrap();
                let url = format!("postgres://postgres@127.0.0.1:5432/{name}");
                pg = Some(name);
                Location::new(Some(&url), &dir.0)
            } else {
                Location::embedded(&dir.0)
            };
            vault::init(&location).unwrap();
            let source = std::fs::read_to_string(concat!(
                env!("CARGO_MANIFEST_DIR"),
                "/../../reglementen/bg-wonen.toml"
            ))
            .unwrap();
            let reglement = Reglement::load("bg-wonen.toml", &source, Lang::En).unwrap();
            let policy =
                Arc::new(zorgkluis_policy::CedarPolicy::compile(&reglement, None).unwrap());
            let vault = Vault::open(&location, "bg-wonen", reglement, &source, policy)
                .await
                .unwrap();
            let admin = Actor::system("test");
            let mut tokens = std::collections::HashMap::new();
            for (name, role) in [
                ("zorg-1", "zorgverlener"),
                ("zorg-2", "zorgverlener"),
                ("admin-1", "administratie"),
                ("fg-1", "fg"),
                ("dir-1", "directie"),
            ] {
                tokens.insert(name, vault.create_token(&admin, name, role).await.unwrap());
                vault
                    .create_user(&admin, name, role, PASSWORD, false)
                    .await
                    .unwrap();
            }
            let listener = tokio::net::TcpListener::bind("127.0.0.1:0").await.unwrap();
            let base = format!("http://{}", listener.local_addr().unwrap());
            tokio::spawn(zorgkluis_server::serve(
                listener,
                vault,
                std::future::pending(),
            ));
            (base, tokens, pg)
        });
        let agent: ureq::Agent = ureq::Agent::config_builder()
            .http_status_as_error(false)
            .build()
            .into();
        App {
            base,
            tokens,
            agent,
            _dir: dir,
            pg,
            runtime: Some(runtime),
        }
    }

    fn get(&self, who: Option<&str>, path: &str) -> (u16, Value) {
        let mut req = self.agent.get(format!("{}{path}", self.base));
        if let Some(w) = who {
            req = req.header("Authorization", format!("Bearer {}", self.tokens[w]));
        }
        let mut resp = req.call().unwrap();
        (
            resp.status().as_u16(),
            resp.body_mut().read_json().unwrap_or(Value::Null),
        )
    }

    fn post(&self, who: Option<&str>, path: &str, body: &Value) -> (u16, Value) {
        let mut req = self.agent.post(format!("{}{path}", self.base));
        if let Some(w) = who {
            req = req.header("Authorization", format!("Bearer {}", self.tokens[w]));
        }
        let mut resp = req.send_json(body).unwrap();
        (
            resp.status().as_u16(),
            resp.body_mut().read_json().unwrap_or(Value::Null),
        )
    }

    fn post_raw(&self, who: &str, path: &str, body: &str) -> (u16, Value) {
        let mut resp = self
            .agent
            .post(format!("{}{path}", self.base))
            .header("Authorization", format!("Bearer {}", self.tokens[who]))
            .header("Content-Type", "application/json")
            .send(body)
            .unwrap();
        (
            resp.status().as_u16(),
            resp.body_mut().read_json().unwrap_or(Value::Null),
        )
    }

    /// A client with a health record, and zorg-1 in the care team.
    fn client(&self) -> String {
        let (status, v) = self.post(
            Some("admin-1"),
            "/api/v1/persons",
            &json!({"subject_category": "client", "bsn": "111222333"}),
        );
        assert_eq!(status, 201, "{v}");
        let id = v["id"].as_str().unwrap().to_owned();
        let (status, v) = self.post(
            Some("admin-1"),
            &format!("/api/v1/persons/{id}/care-team"),
            &json!({"user": "zorg-1", "from": "2020-01-01"}),
        );
        assert_eq!(status, 204, "{v}");
        let (status, v) = self.post(
            Some("zorg-1"),
            &format!("/api/v1/persons/{id}/records"),
            &json!({"category": "gezondheid", "text": "Synthetisch: pols 72"}),
        );
        assert_eq!(status, 201, "{v}");
        id
    }
}

impl Drop for App {
    fn drop(&mut self) {
        if let Some(rt) = self.runtime.take() {
            if let Some(name) = self.pg.take() {
                rt.block_on(async {
                    if let Ok(mut admin) = sqlx::PgConnection::connect(PG_ADMIN).await {
                        let _ = sqlx::query(sqlx::AssertSqlSafe(format!(
                            "DROP DATABASE IF EXISTS {name} WITH (FORCE)"
                        )))
                        .execute(&mut admin)
                        .await;
                    }
                });
            }
            rt.shutdown_background();
        }
    }
}

fn both() -> Vec<App> {
    vec![App::start("sqlite"), App::start("postgres")]
}

#[test]
fn health_and_readiness_need_no_token() {
    for app in both() {
        assert_eq!(app.get(None, "/health"), (200, json!({"status": "ok"})));
        assert_eq!(app.get(None, "/ready").0, 200);
    }
}

#[test]
fn no_response_may_be_cached_or_framed() {
    let app = App::start("sqlite");
    let id = app.client();
    let resp = app
        .agent
        .get(format!(
            "{}/api/v1/persons/{id}/records?category=gezondheid",
            app.base
        ))
        .header("Authorization", format!("Bearer {}", app.tokens["zorg-1"]))
        .call()
        .unwrap();
    let h = resp.headers();
    assert_eq!(h.get("cache-control").unwrap(), "no-store");
    assert_eq!(h.get("x-frame-options").unwrap(), "DENY");
    assert!(
        h.get("content-security-policy")
            .unwrap()
            .to_str()
            .unwrap()
            .contains("frame-ancestors 'none'")
    );
}

#[test]
fn every_api_endpoint_answers_401_without_a_valid_token() {
    let app = App::start("sqlite");
    let id = app.client();
    let paths = [
        format!("/api/v1/persons/{id}/records"),
        format!("/api/v1/persons/{id}/audit"),
    ];
    for p in &paths {
        let (status, v) = app.get(None, p);
        assert_eq!(status, 401, "{p}: {v}");
        assert_eq!(v["code"], "auth.required");
    }
    for (p, body) in [
        (
            "/api/v1/persons".to_owned(),
            json!({"subject_category": "client"}),
        ),
        (
            format!("/api/v1/persons/{id}/records"),
            json!({"category": "naw", "text": "x"}),
        ),
        (
            format!("/api/v1/persons/{id}/care-team"),
            json!({"user": "u", "from": "2020-01-01"}),
        ),
        (
            "/api/v1/records/x/corrections".to_owned(),
            json!({"text": "x"}),
        ),
    ] {
        assert_eq!(app.post(None, &p, &body).0, 401, "{p}");
    }
    let mut resp = app
        .agent
        .get(format!("{}/api/v1/persons/{id}/records", app.base))
        .header("Authorization", "Bearer zk_forged")
        .call()
        .unwrap();
    assert_eq!(resp.status().as_u16(), 401);
    assert!(
        resp.body_mut()
            .read_to_string()
            .unwrap()
            .contains("auth.required")
    );
}

#[test]
fn the_care_team_reads_others_are_denied_and_the_officer_sees_who_looked() {
    for app in both() {
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

        // Administration sees the dossier with health data clearly withheld.
        let (status, v) = app.get(Some("admin-1"), &format!("/api/v1/persons/{id}/records"));
        assert_eq!(status, 200, "{v}");
        assert!(
            v["records"]
                .as_array()
                .unwrap()
                .iter()
                .all(|r| r["category"] != "gezondheid")
        );
        assert_eq!(v["withheld"][0]["category"], "gezondheid");

        let (status, v) = app.get(Some("fg-1"), &format!("/api/v1/persons/{id}/audit"));
        assert_eq!(status, 200);
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
            app.get(Some("zorg-1"), &format!("/api/v1/persons/{id}/audit"))
                .0,
            403
        );
    }
}

#[test]
fn changing_ids_does_not_reach_another_clients_record() {
    let app = App::start("sqlite");
    let mine = app.client();
    let (_, other) = app.post(
        Some("admin-1"),
        "/api/v1/persons",
        &json!({"subject_category": "client"}),
    );
    let other = other["id"].as_str().unwrap();
    // zorg-1 is in the team of `mine`, not of `other`.
    let (status, _) = app.get(
        Some("zorg-1"),
        &format!("/api/v1/persons/{other}/records?category=gezondheid"),
    );
    assert_eq!(status, 403);
    let (status, _) = app.post(
        Some("zorg-1"),
        &format!("/api/v1/persons/{other}/records"),
        &json!({"category": "gezondheid", "text": "x"}),
    );
    assert_eq!(status, 403);
    let (status, _) = app.get(
        Some("zorg-1"),
        "/api/v1/persons/00000000-0000-0000-0000-000000000000/records?category=naw",
    );
    assert_eq!(status, 404);
    let (status, v) = app.get(
        Some("zorg-1"),
        &format!("/api/v1/persons/{mine}/records?category=gezondheid"),
    );
    assert_eq!(status, 200, "{v}");
}

#[test]
fn malformed_requests_name_the_field_and_change_nothing() {
    for app in both() {
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
        // Nothing above added a record: the caregiver still sees exactly one.
        let (_, v) = app.get(
            Some("zorg-1"),
            &format!("/api/v1/persons/{id}/records?category=gezondheid"),
        );
        assert_eq!(v["total"], 1, "{v}");
    }
}

#[test]
fn a_correction_keeps_the_old_value_and_only_the_care_team_corrects() {
    let app = App::start("sqlite");
    let id = app.client();
    let (_, v) = app.get(
        Some("zorg-1"),
        &format!("/api/v1/persons/{id}/records?category=gezondheid"),
    );
    let record = v["records"][0]["id"].as_str().unwrap().to_owned();
    let (status, v) = app.post(
        Some("zorg-1"),
        &format!("/api/v1/records/{record}/corrections"),
        &json!({"text": "Synthetisch: pols 70"}),
    );
    assert_eq!(status, 201, "{v}");
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
    assert_eq!(texts.len(), 2);
    assert!(texts.contains(&"Synthetisch: pols 72") && texts.contains(&"Synthetisch: pols 70"));
    let (status, _) = app.post(
        Some("admin-1"),
        &format!("/api/v1/records/{record}/corrections"),
        &json!({"text": "x"}),
    );
    assert_eq!(status, 403, "administration cannot correct health data");
}

#[test]
fn emergency_access_over_the_api_needs_a_reason() {
    let app = App::start("sqlite");
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

#[test]
fn a_caregiver_lists_only_their_own_clients() {
    for app in both() {
        let mine = app.client();
        let (_, other) = app.post(
            Some("admin-1"),
            "/api/v1/persons",
            &json!({"subject_category": "client"}),
        );
        let other = other["id"].as_str().unwrap().to_owned();
        let (status, v) = app.get(Some("zorg-1"), "/api/v1/persons");
        assert_eq!(status, 200, "{v}");
        assert_eq!(v["persons"], json!([mine]));
        let (_, v) = app.get(Some("admin-1"), "/api/v1/persons?limit=10");
        let all: Vec<&str> = v["persons"]
            .as_array()
            .unwrap()
            .iter()
            .map(|p| p.as_str().unwrap())
            .collect();
        assert!(all.contains(&mine.as_str()) && all.contains(&other.as_str()));
        assert_eq!(
            app.get(Some("admin-1"), "/api/v1/persons?limit=1&offset=1")
                .1["persons"]
                .as_array()
                .unwrap()
                .len(),
            1
        );
        let (status, v) = app.get(Some("admin-1"), "/api/v1/persons?limit=5000");
        assert_eq!((status, v["field"].clone()), (422, json!("limit")));
        assert_eq!(app.get(None, "/api/v1/persons").0, 401);
    }
}

#[test]
fn the_openapi_document_describes_every_api_route() {
    let app = App::start("sqlite");
    let (status, doc) = app.get(None, "/api/v1/openapi.json");
    assert_eq!(status, 200);
    assert!(doc["openapi"].as_str().unwrap().starts_with('3'), "{doc}");
    let paths = doc["paths"].as_object().unwrap();
    for (path, method) in [
        ("/api/v1/persons", "post"),
        ("/api/v1/persons", "get"),
        ("/api/v1/persons/{id}/records", "get"),
        ("/api/v1/persons/{id}/records", "post"),
        ("/api/v1/persons/{id}/care-team", "post"),
        ("/api/v1/persons/{id}/audit", "get"),
        ("/api/v1/records/{id}/corrections", "post"),
        ("/api/v1/records/{id}/supplements", "post"),
        ("/api/v1/persons/{id}/care-team/end", "post"),
        ("/api/v1/persons/{id}/emergency-access", "post"),
        ("/api/v1/persons/{id}/identity-checks", "post"),
    ] {
        assert!(
            paths[path][method].is_object(),
            "{method} {path} missing from the OpenAPI document"
        );
    }
    assert!(doc["components"]["schemas"]["Problem"].is_object());
    assert_eq!(
        doc["components"]["securitySchemes"]["token"]["scheme"],
        "bearer"
    );
}

#[test]
fn identity_checks_supplements_and_ending_care() {
    for app in both() {
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
        let (status, _) = app.post(
            Some("zorg-2"),
            &format!("/api/v1/persons/{id}/identity-checks"),
            &check,
        );
        assert_eq!(
            status, 403,
            "a caregiver outside the team records no identity check"
        );

        let (_, v) = app.get(
            Some("zorg-1"),
            &format!("/api/v1/persons/{id}/records?category=gezondheid"),
        );
        let record = v["records"][0]["id"].as_str().unwrap().to_owned();
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
                .any(|r| r["kind"] == "supplement"),
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
        assert_eq!(
            app.post(
                Some("zorg-1"),
                &format!("/api/v1/persons/{id}/care-team/end"),
                &json!({"user": "zorg-1", "on": "2021-01-01"})
            )
            .0,
            403
        );
    }
}

/// Login CSRF: the login form carries a token that must match its cookie. A form posted from
/// another site carries no cookie (SameSite=Strict) and is refused with a fresh form.
#[test]
fn a_login_form_posted_from_elsewhere_is_refused() {
    let app = App::start("sqlite");
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

    // From another site: no cookie, or no field.
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
