//! The app served on a port, for HTTP and browser tests.

use std::collections::HashMap;

use serde_json::Value;
use zorgkluis_store::vault::{Actor, Vault};

use crate::{Backend, PASSWORD, STAFF, TestStore, add_second_factors, add_staff};

/// One HTTP test per backend (`name::sqlite`, `name::postgres`), each against its own
/// [`TestApp`].
#[macro_export]
macro_rules! app_on_both_backends {
    ($($(#[$meta:meta])* fn $name:ident($app:ident) $body:block)+) => {$(
        $(#[$meta])*
        mod $name {
            #[allow(unused_imports)]
            use super::*;

            fn run($app: $crate::TestApp) $body

            #[test]
            fn sqlite() {
                run($crate::TestApp::start($crate::Backend::Sqlite))
            }

            #[test]
            fn postgres() {
                run($crate::TestApp::start($crate::Backend::Postgres))
            }
        }
    )+};
    // The app under another seed reglement with its own staff: `fn name(app, "rondomzorg",
    // RONDOMZORG_STAFF)`.
    ($($(#[$meta:meta])* fn $name:ident($app:ident, $seed:literal, $staff:expr) $body:block)+) => {$(
        $(#[$meta])*
        mod $name {
            #[allow(unused_imports)]
            use super::*;

            fn run($app: $crate::TestApp) $body

            #[test]
            fn sqlite() {
                run($crate::TestApp::start_with($crate::Backend::Sqlite, $seed, $staff))
            }

            #[test]
            fn postgres() {
                run($crate::TestApp::start_with($crate::Backend::Postgres, $seed, $staff))
            }
        }
    )+};
}

/// The app served on a free port of 127.0.0.1 with its own store, a staff account with
/// [`PASSWORD`] and an API token for everyone in [`STAFF`].
pub struct TestApp {
    pub base: String,
    pub tokens: HashMap<&'static str, String>,
    /// The second-factor keys of the staff whose role needs one (the FG).
    pub second_factors: HashMap<&'static str, String>,
    pub agent: ureq::Agent,
    /// The vault the server serves, for looking behind its back (the audit log).
    pub vault: Vault,
    /// The server's background work: its daily retention plan does not run by itself here
    /// (it would write to the audit log at a moment of its own); a test runs it with
    /// `app.block_on(app.jobs.plan_retention(&app.vault))`.
    pub jobs: zorgkluis_server::Jobs,
    // Dropped after the runtime, so the server is gone before its database is.
    runtime: Option<tokio::runtime::Runtime>,
    pub store: TestStore,
}

/// A response: status and JSON body (`Null` when the body is not JSON).
pub type Reply = (u16, Value);

impl TestApp {
    pub fn start(backend: Backend) -> TestApp {
        TestApp::start_with(backend, "bg-wonen", STAFF)
    }

    /// The app under the seed reglement `seed` (`rondomzorg`), with accounts and tokens for
    /// `staff` (whose roles must be the reglement's).
    pub fn start_with(
        backend: Backend,
        seed: &str,
        staff: &'static [(&'static str, &'static str)],
    ) -> TestApp {
        let runtime = tokio::runtime::Builder::new_multi_thread()
            .worker_threads(2)
            .enable_all()
            .build()
            .unwrap();
        let jobs = zorgkluis_server::Jobs::default();
        let (store, vault, base, tokens, second_factors) = runtime.block_on(async {
            let store = TestStore::new(backend).await;
            let vault = store.open_with(seed).await;
            add_staff(&vault, staff).await;
            let second_factors = add_second_factors(&vault, staff).await;
            let system = Actor::system("test");
            let mut tokens = HashMap::new();
            for (name, role) in staff {
                let token = vault
                    .accounts()
                    .create_token(&system, name, role)
                    .await
                    .unwrap();
                tokens.insert(*name, token);
            }
            let listener = tokio::net::TcpListener::bind("127.0.0.1:0").await.unwrap();
            let base = format!("http://{}", listener.local_addr().unwrap());
            let config = zorgkluis_server::ServerConfig {
                retention_plan_every: None,
                ..zorgkluis_server::ServerConfig::from_env()
            };
            tokio::spawn(zorgkluis_server::serve_with_jobs(
                listener,
                vault.clone(),
                &config,
                jobs.clone(),
                std::future::pending(),
            ));
            (store, vault, base, tokens, second_factors)
        });
        let agent: ureq::Agent = ureq::Agent::config_builder()
            .http_status_as_error(false)
            .build()
            .into();
        TestApp {
            base,
            tokens,
            second_factors,
            agent,
            vault,
            jobs,
            runtime: Some(runtime),
            store,
        }
    }

    /// A web session of `user`, logged in with [`PASSWORD`] and, where the account has one,
    /// its second factor: as the browser would have it after the login pages.
    pub fn web_session(&self, user: &str) -> zorgkluis_store::accounts::Session {
        let accounts = self.vault.accounts();
        let mut session = self
            .block_on(accounts.login(user, PASSWORD, "127.0.0.1"))
            .unwrap()
            .expect("a session");
        if let Some(key) = self.second_factors.get(user) {
            let verified = self
                .block_on(accounts.verify_code(&session, &crate::fresh_code(key)))
                .unwrap();
            assert!(verified, "{user}'s code");
            session.second_factor = zorgkluis_store::accounts::SecondFactor::Verified;
        }
        session
    }

    pub fn backend(&self) -> &'static str {
        self.store.name()
    }

    /// Runs a future on the app's runtime (to read the vault behind the server's back).
    pub fn block_on<F: std::future::Future>(&self, f: F) -> F::Output {
        match &self.runtime {
            Some(rt) => rt.block_on(f),
            None => panic!("the app has stopped"),
        }
    }

    fn read(mut resp: ureq::http::Response<ureq::Body>) -> Reply {
        (
            resp.status().as_u16(),
            resp.body_mut().read_json().unwrap_or(Value::Null),
        )
    }

    /// GET `path`, with the API token of `who` (a user of [`STAFF`]) or none.
    pub fn get(&self, who: Option<&str>, path: &str) -> Reply {
        let mut req = self.agent.get(format!("{}{path}", self.base));
        if let Some(w) = who {
            req = req.header("Authorization", format!("Bearer {}", self.tokens[w]));
        }
        Self::read(req.call().unwrap())
    }

    /// GET `path` as HTML (`Accept: text/html`), with the API token of `who`: the status and
    /// the body's text.
    pub fn get_html(&self, who: &str, path: &str) -> (u16, String) {
        let mut resp = self
            .agent
            .get(format!("{}{path}", self.base))
            .header("Authorization", format!("Bearer {}", self.tokens[who]))
            .header("Accept", "text/html")
            .call()
            .unwrap();
        (
            resp.status().as_u16(),
            resp.body_mut().read_to_string().unwrap_or_default(),
        )
    }

    /// POST a JSON body to `path`.
    pub fn post(&self, who: Option<&str>, path: &str, body: &Value) -> Reply {
        let mut req = self.agent.post(format!("{}{path}", self.base));
        if let Some(w) = who {
            req = req.header("Authorization", format!("Bearer {}", self.tokens[w]));
        }
        Self::read(req.send_json(body).unwrap())
    }

    /// PUT a JSON body to `path`.
    pub fn put(&self, who: Option<&str>, path: &str, body: &Value) -> Reply {
        let mut req = self.agent.put(format!("{}{path}", self.base));
        if let Some(w) = who {
            req = req.header("Authorization", format!("Bearer {}", self.tokens[w]));
        }
        Self::read(req.send_json(body).unwrap())
    }

    /// POST a raw body as JSON (for malformed bodies).
    pub fn post_raw(&self, who: &str, path: &str, body: &str) -> Reply {
        let resp = self
            .agent
            .post(format!("{}{path}", self.base))
            .header("Authorization", format!("Bearer {}", self.tokens[who]))
            .header("Content-Type", "application/json")
            .send(body)
            .unwrap();
        Self::read(resp)
    }

    /// A client with a name, a health record, and zorg-1 in the care team; their id.
    pub fn client(&self) -> String {
        self.client_named("Synthetische Cliënt", "111222333")
    }

    /// A client with the given name and BSN, a health record, and zorg-1 in the care team.
    pub fn client_named(&self, name: &str, bsn: &str) -> String {
        let (status, v) = self.post(
            Some("admin-1"),
            "/api/v1/persons",
            &serde_json::json!({"subject_category": "client", "bsn": bsn, "name": name, "birth_date": "1950-03-02"}),
        );
        assert_eq!(status, 201, "{v}");
        let id = v["id"].as_str().unwrap().to_owned();
        let (status, v) = self.post(
            Some("admin-1"),
            &format!("/api/v1/persons/{id}/care-team"),
            &serde_json::json!({"user": "zorg-1", "from": "2020-01-01"}),
        );
        assert_eq!(status, 204, "{v}");
        let (status, v) = self.post(
            Some("zorg-1"),
            &format!("/api/v1/persons/{id}/records"),
            &serde_json::json!({"category": "gezondheid", "text": "Synthetisch: pols 72"}),
        );
        assert_eq!(status, 201, "{v}");
        id
    }
}

impl Drop for TestApp {
    fn drop(&mut self) {
        // Stop the server (and its tasks) before the store's database is dropped.
        if let Some(rt) = self.runtime.take() {
            rt.shutdown_background();
        }
    }
}
