//! Accounts over HTTP (review M5): disabling an account ends its session and its API token at
//! the next request; a password reset refuses weak passwords and ends the sessions; an API
//! token may expire.

use serde_json::json;
use zorgkluis_store::vault::{Actor, VaultError};
use zorgkluis_testkit::PASSWORD;

use crate::chain_length;
use crate::refusals::Web;

zorgkluis_testkit::app_on_both_backends! {
    fn disabling_an_account_ends_its_session_and_token_at_once(app) {
        let web = Web::login(&app, "zorg-1");
        assert_eq!(web.get("/").0, 200);
        assert_eq!(app.get(Some("zorg-1"), "/api/v1/persons").0, 200);

        // Only a role the reglement gives managing accounts may; a refusal is logged.
        let before = chain_length(&app);
        let (status, v) = app.post(Some("zorg-2"), "/api/v1/users/zorg-1/disable", &json!({}));
        assert_eq!((status, v["code"].clone()), (403, json!("access.denied")), "{v}");
        assert_eq!(chain_length(&app), before + 1);
        // (The home page lists zorg-1's clients: an event of its own.)
        assert_eq!(web.get("/").0, 200, "still in");

        let before = chain_length(&app);
        let (status, v) = app.post(Some("dir-1"), "/api/v1/users/zorg-1/disable", &json!({}));
        assert_eq!(status, 204, "{v}");
        assert_eq!(chain_length(&app), before + 1, "the disabling is logged");
        // The next request of the open session goes to the login page, the token is refused,
        // and logging in again fails.
        assert_eq!(web.get("/").0, 303);
        let (status, v) = app.get(Some("zorg-1"), "/api/v1/persons");
        assert_eq!((status, v["code"].clone()), (401, json!("auth.required")), "{v}");
        let again = app.block_on(app.vault.accounts().login("zorg-1", PASSWORD, "127.0.0.1"));
        assert!(matches!(again, Ok(None)), "{again:?}");
        // Twice is not found; an id that is no account is not found and not logged.
        let before = chain_length(&app);
        for id in ["zorg-1", "niemand", "Jan%20de%20Vries"] {
            let (status, v) = app.post(Some("dir-1"), &format!("/api/v1/users/{id}/disable"), &json!({}));
            assert_eq!(status, 404, "{id}: {v}");
        }
        assert_eq!(chain_length(&app), before);
        // Others carry on.
        assert_eq!(app.get(Some("zorg-2"), "/api/v1/persons").0, 200);
    }

    fn a_password_reset_refuses_weak_passwords_and_ends_the_sessions(app) {
        let web = Web::login(&app, "zorg-2");
        let path = "/api/v1/users/zorg-2/password";
        for weak in ["kort", "aaaaaaaaaaaabbbb", "Wachtwoord2026!", "ikbenzorg-2echtwaar", "zomer-2026-welkom!"] {
            let (status, v) = app.post(Some("dir-1"), path, &json!({"password": weak}));
            assert_eq!((status, v["field"].clone()), (422, json!("password")), "{weak}: {v}");
        }
        assert_eq!(web.get("/").0, 200, "nothing changed");
        let (status, v) = app.post(Some("zorg-1"), path, &json!({"password": "paars konijn op de fiets"}));
        assert_eq!(status, 403, "{v}");

        let (status, v) = app.post(Some("dir-1"), path, &json!({"password": "paars konijn op de fiets"}));
        assert_eq!(status, 204, "{v}");
        assert_eq!(web.get("/").0, 303, "the session ended");
        let accounts = app.vault.accounts();
        let old = app.block_on(accounts.login("zorg-2", PASSWORD, "127.0.0.1"));
        assert!(matches!(old, Ok(None)), "{old:?}");
        let new = app.block_on(accounts.login("zorg-2", "paars konijn op de fiets", "127.0.0.1"));
        assert!(matches!(new, Ok(Some(_))), "{new:?}");
        // Only the password changed: the API token still works.
        assert_eq!(app.get(Some("zorg-2"), "/api/v1/persons").0, 200);
    }

    fn an_api_token_stops_working_when_it_expires(app) {
        let accounts = app.vault.accounts();
        let system = Actor::system("test");
        let past = jiff::Timestamp::now() - jiff::SignedDuration::from_secs(1);
        let refused = app.block_on(accounts.create_token_until(&system, "oud", "administratie", Some(past)));
        assert!(matches!(refused, Err(VaultError::Invalid { field: "expires", .. })), "{refused:?}");

        let soon = jiff::Timestamp::now() + jiff::SignedDuration::from_secs(2);
        let token = app
            .block_on(accounts.create_token_until(&system, "kort", "administratie", Some(soon)))
            .unwrap();
        let call = || {
            let mut resp = app
                .agent
                .get(format!("{}/api/v1/persons", app.base))
                .header("Authorization", format!("Bearer {token}"))
                .call()
                .unwrap();
            (resp.status().as_u16(), resp.body_mut().read_to_string().unwrap_or_default())
        };
        assert_eq!(call().0, 200);
        let listed = app.block_on(accounts.tokens(&system)).unwrap();
        let kort = listed.iter().find(|t| t.name == "kort").unwrap();
        assert_eq!(kort.expires_at.as_deref(), Some(soon.to_string().as_str()));
        std::thread::sleep(std::time::Duration::from_millis(2100));
        let (status, body) = call();
        assert_eq!(status, 401, "{body}");
    }
}
