//! What the review found the server let through or left unlogged, each checked over HTTP: free
//! text must not reach the audit chain (a care-team member, a login name), web registration
//! checks what the API checks, and refusals of the server's own pages are logged.

use serde_json::json;
use zorgkluis_testkit::{TestApp, all_bytes, contains};

use crate::{audit_of, chain_length, has, who_did_what};

/// A web agent that does not follow redirects, with a session of `user`.
pub(crate) struct Web {
    agent: ureq::Agent,
    base: String,
    pub token: String,
    pub csrf: String,
}

impl Web {
    pub(crate) fn login(app: &TestApp, user: &str) -> Web {
        Web::of(app, app.web_session(user))
    }

    /// The browser of a session made elsewhere (one that still owes its second factor).
    pub(crate) fn of(app: &TestApp, session: zorgkluis_store::accounts::Session) -> Web {
        Web {
            agent: ureq::Agent::config_builder()
                .http_status_as_error(false)
                .max_redirects(0)
                .build()
                .into(),
            base: app.base.clone(),
            token: session.token,
            csrf: session.csrf,
        }
    }

    pub(crate) fn get(&self, path: &str) -> (u16, String) {
        let mut resp = self
            .agent
            .get(format!("{}{path}", self.base))
            .header("Cookie", format!("zk_sessie={}", self.token))
            .call()
            .unwrap();
        let status = resp.status().as_u16();
        (status, resp.body_mut().read_to_string().unwrap_or_default())
    }

    /// A download: the status, the content type and the bytes.
    pub(crate) fn get_bytes(&self, path: &str) -> (u16, String, Vec<u8>) {
        let mut resp = self
            .agent
            .get(format!("{}{path}", self.base))
            .header("Cookie", format!("zk_sessie={}", self.token))
            .call()
            .unwrap();
        let status = resp.status().as_u16();
        let kind = resp
            .headers()
            .get("content-type")
            .and_then(|v| v.to_str().ok())
            .unwrap_or_default()
            .to_owned();
        let bytes = resp.body_mut().read_to_vec().unwrap_or_default();
        (status, kind, bytes)
    }

    /// Posts a form without the session's anti-forgery token.
    pub(crate) fn post_without_csrf(&self, path: &str, form: &str) -> (u16, String) {
        let mut resp = self
            .agent
            .post(format!("{}{path}", self.base))
            .header("Content-Type", "application/x-www-form-urlencoded")
            .header("Cookie", format!("zk_sessie={}", self.token))
            .send(form.to_owned())
            .unwrap();
        let status = resp.status().as_u16();
        (status, resp.body_mut().read_to_string().unwrap_or_default())
    }

    /// Posts a form (`a=b&c=d`, already encoded) with the session's anti-forgery token.
    pub(crate) fn post(&self, path: &str, form: &str) -> (u16, String) {
        let mut resp = self
            .agent
            .post(format!("{}{path}", self.base))
            .header("Content-Type", "application/x-www-form-urlencoded")
            .header("Cookie", format!("zk_sessie={}", self.token))
            .send(format!("{form}&csrf={}", self.csrf))
            .unwrap();
        let status = resp.status().as_u16();
        (status, resp.body_mut().read_to_string().unwrap_or_default())
    }
}

/// Every byte the store keeps (database, WAL), to look for text that must not be there.
fn stored(app: &TestApp) -> Vec<u8> {
    all_bytes(app.store.dir.path())
}

zorgkluis_testkit::app_on_both_backends! {
    /// A care-team member is a staff account of the organisation, never free text (which would
    /// stay in the chain for good): an empty or made-up one is refused naming the field, and
    /// nothing of it is logged.
    fn a_care_team_member_must_be_an_account_and_free_text_never_reaches_the_chain(app) {
        let id = app.client();
        let path = format!("/api/v1/persons/{id}/care-team");
        let before = chain_length(&app);
        for user in ["", "   ", "Mw. J. de Vries, BSN 111222333, diagnose schizofrenie", "zorg-99"] {
            let (status, v) = app.post(Some("admin-1"), &path, &json!({"user": user, "from": "2024-01-01"}));
            assert_eq!((status, v["field"].clone()), (422, json!("user")), "{user:?}: {v}");
            assert_eq!(v["code"], "request.invalid_field", "{v}");
        }
        assert_eq!(chain_length(&app), before, "a refused assignment is not an access");
        if app.backend() == "sqlite" {
            assert!(!contains(&stored(&app), "schizofrenie"));
        }
        // Refused before the member is even looked at, for a role without the duty: logged, but
        // without the text.
        let (status, _) = app.post(Some("zorg-1"), &path, &json!({"user": "diagnose schizofrenie", "from": "2024-01-01"}));
        assert_eq!(status, 403);
        let denied: Vec<_> = audit_of(&app, &id)
            .into_iter()
            .filter(|e| e.action.id() == "assign_care" && e.outcome.id() == "denied")
            .collect();
        assert_eq!(denied.len(), 1, "{denied:?}");
        assert_eq!(denied[0].object, None);
        if app.backend() == "sqlite" {
            assert!(!contains(&stored(&app), "schizofrenie"));
        }
    }

    /// A failed login with a name that is no account is logged as `onbekend`, never with what
    /// was typed (a password typed in the wrong field, say).
    fn a_failed_login_with_an_unknown_name_is_logged_without_the_name(app) {
        let before = chain_length(&app);
        let typed = "Zomer2026!-BSN738291006-diagnose";
        let (status, _) = crate::login::login(&app, "127.0.0.1", typed, "wat-dan-ook-lang-genoeg");
        assert_eq!(status, 401);
        let (status, _) = crate::login::login(&app, "127.0.0.1", "zorg-1", "fout-wachtwoord-lang");
        assert_eq!(status, 401);
        assert_eq!(chain_length(&app), before + 2, "both attempts are logged");
        if app.backend() == "sqlite" {
            let bytes = stored(&app);
            assert!(!contains(&bytes, "Zomer2026"), "the typed name is stored");
            assert!(contains(&bytes, "onbekend"));
        }
    }

    /// The web registration checks the identity document exactly as the API does (one
    /// function): a document type of the fixed list, valid on the day it was checked.
    fn web_registration_checks_the_identity_document_like_the_api(app) {
        let web = Web::login(&app, "admin-1");
        let (_, v) = app.get(Some("admin-1"), "/api/v1/persons");
        let persons = v["persons"].as_array().unwrap().len();
        let form = |doc: &str, checked: &str, valid: &str| {
            format!("naam=Karel+Proef&geboortedatum=1950-01-01&bsn=123456782&documenttype={doc}\
                     &documentnummer=X1234&gecontroleerd={checked}&geldig={valid}")
        };
        for (doc, checked, valid, message) in [
            ("Jan+Jansen+geb.+01-01-1950+%3Cscript%3E", "2025-01-01", "2030-01-01", "soort document"),
            ("paspoort", "2025-01-01", "2020-01-01", "geldig zijn op de dag"),
        ] {
            let (status, page) = web.post("/clienten/nieuw", &form(doc, checked, valid));
            assert_eq!(status, 422, "{doc} {valid}: {page}");
            assert!(page.to_lowercase().contains(message), "{message}: {page}");
            assert!(!page.contains("<script>"), "{page}");
        }
        let (_, v) = app.get(Some("admin-1"), "/api/v1/persons");
        assert_eq!(v["persons"].as_array().unwrap().len(), persons, "nobody was registered: {v}");
        if app.backend() == "sqlite" {
            assert!(!contains(&stored(&app), "Jan Jansen geb."));
        }
        let (status, page) = web.post("/clienten/nieuw", &form("paspoort", "2025-01-01", "2030-01-01"));
        assert_eq!(status, 303, "{page}");
    }

    /// A caregiver who opens the privacy officer's pages is refused, and the refusal is in the
    /// audit log like any other.
    fn refusals_of_the_officers_pages_are_logged(app) {
        let id = app.client();
        let web = Web::login(&app, "zorg-1");
        let before = chain_length(&app);
        let (status, _) = web.get(&format!("/toezicht/clienten/{id}/logging"));
        assert_eq!(status, 403);
        let (status, _) = web.get("/toezicht/noodtoegang");
        assert_eq!(status, 403);
        assert_eq!(chain_length(&app), before + 2, "both refusals are logged");
        assert!(has(&who_did_what(&audit_of(&app, &id)), "zorg-1", "read_audit", "denied"));
        // The officer's own view of the log shows the refusal.
        let officer = Web::login(&app, "fg-1");
        let (status, page) = officer.get(&format!("/toezicht/clienten/{id}/logging"));
        assert_eq!(status, 200);
        assert!(page.contains(r#"data-outcome="denied""#), "{page}");
    }

    /// A caregiver outside the care team who asks for the whole dossier is refused like for a
    /// single category, without learning which kinds of records the client has, and the
    /// attempt is logged, also for a client without any records.
    fn outside_the_care_team_the_dossier_is_refused_without_naming_its_categories(app) {
        let id = app.client();
        let empty = crate::register(&app, &json!({"subject_category": "client", "name": "Zonder Dossier"}));
        for person in [&id, &empty] {
            let before = chain_length(&app);
            let (status, v) = app.get(Some("zorg-2"), &format!("/api/v1/persons/{person}/records"));
            assert_eq!((status, v["code"].clone()), (403, json!("access.denied")), "{v}");
            assert_eq!(v["articles"], json!(["2.2"]), "{v}");
            let text = v.to_string();
            assert!(!text.contains("gezondheid") && v.get("withheld").is_none(), "{text}");
            // One denied read per category the client has (the identification category always),
            // for the officer's eyes: logged, records or not.
            let logged = chain_length(&app) - before;
            if *person == empty {
                assert_eq!(logged, 1);
            } else {
                assert!(logged > 1, "{logged}");
            }
            assert!(has(&who_did_what(&audit_of(&app, person)), "zorg-2", "read", "denied"));
        }
        // Both answers are the same: nothing tells the two clients apart.
        let a = app.get(Some("zorg-2"), &format!("/api/v1/persons/{id}/records"));
        let b = app.get(Some("zorg-2"), &format!("/api/v1/persons/{empty}/records"));
        assert_eq!(a, b);
        // The web page: the refusal and the way to emergency access, no category named.
        let web = Web::login(&app, "zorg-2");
        let (status, page) = web.get(&format!("/clienten/{id}"));
        assert_eq!(status, 403, "{page}");
        assert!(page.contains(&format!("/clienten/{id}/noodtoegang")), "{page}");
        assert!(!page.contains("data-category") && !page.contains("Gezondheid"), "{page}");
        // The care team itself still sees what is withheld from it and why.
        let (status, v) = app.get(Some("zorg-1"), &format!("/api/v1/persons/{id}/records"));
        assert_eq!(status, 200, "{v}");
        assert!(v["records"].as_array().unwrap().iter().any(|r| r["category"] == "gezondheid"), "{v}");
    }
}
