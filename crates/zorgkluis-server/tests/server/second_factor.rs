//! The second factor of staff (issue 11, part 5): the FG reads the audit log only after a code
//! from an authenticator app; a code counts once; a role that needs one and has none sets one
//! up before anything else opens; an administrator can replace or remove it; every attempt is
//! in the audit chain; the secret is not in the database in the clear.

use zorgkluis_store::accounts::{SecondFactor, current_code};
use zorgkluis_store::vault::Actor;
use zorgkluis_testkit::sqlx::{self, Row as _};
use zorgkluis_testkit::{PASSWORD, TestApp, fresh_code};

use crate::chain_length;
use crate::refusals::Web;

/// How many `login_code` events with `outcome` the chain holds for `user`.
fn code_events(app: &TestApp, user: &str, outcome: &str) -> i64 {
    app.block_on(async {
        let mut conn = app.store.raw().await;
        sqlx::query(
            "SELECT COUNT(*) FROM audit_events WHERE user_id = $1 AND action = 'login_code' AND outcome = $2",
        )
        .bind(user)
        .bind(outcome)
        .fetch_one(&mut conn)
        .await
        .unwrap()
        .try_get::<i64, _>(0)
        .unwrap()
    })
}

fn password_session(app: &TestApp, user: &str) -> zorgkluis_store::accounts::Session {
    app.block_on(app.vault.accounts().login(user, PASSWORD, "127.0.0.1"))
        .unwrap()
        .expect("the password is right")
}

zorgkluis_testkit::app_on_both_backends! {
    /// The password alone opens nothing for the FG: every page sends the session to the code;
    /// a wrong code is refused and logged; the right one opens the supervision pages; the same
    /// code does not open a second session.
    fn the_privacy_officer_reads_the_log_only_after_the_code(app) {
        let key = app.second_factors["fg-1"].clone();
        let session = password_session(&app, "fg-1");
        assert_eq!(session.second_factor, SecondFactor::CodeNeeded);
        let web = Web::of(&app, session.clone());
        for page in ["/", "/toezicht/noodtoegang", "/clienten/zoeken"] {
            let (status, _) = web.get(page);
            assert_eq!(status, 303, "{page} waits for the code");
        }
        let (status, page) = web.get("/login/code");
        assert_eq!(status, 200);
        assert!(page.contains("authenticator-app"), "{page}");

        let before = chain_length(&app);
        let (status, page) = web.post("/login/code", "code=000000");
        assert_eq!(status, 401, "{page}");
        assert!(page.contains("klopt niet"), "{page}");
        let (status, _) = web.post("/login/code", "code=12ab56");
        assert_eq!(status, 401);
        assert_eq!(code_events(&app, "fg-1", "denied"), 2);
        assert_eq!(chain_length(&app), before + 2, "every attempt is logged");
        assert_eq!(web.get("/toezicht/noodtoegang").0, 303, "still waiting");

        let code = fresh_code(&key);
        let (status, _) = web.post("/login/code", &format!("code={code}"));
        assert_eq!(status, 303, "the right code");
        assert_eq!(code_events(&app, "fg-1", "allowed"), 1);
        let (status, page) = web.get("/toezicht/noodtoegang");
        assert_eq!(status, 200, "{page}");

        // The same code again, in a second session within its half minute: refused.
        let second = password_session(&app, "fg-1");
        let verified = app
            .block_on(app.vault.accounts().verify_code(&second, &code))
            .unwrap();
        assert!(!verified, "a code counts once");
        assert_eq!(Web::of(&app, second).get("/").0, 303);

        // A caregiver's role needs none: the password is enough.
        let caregiver = password_session(&app, "zorg-1");
        assert_eq!(caregiver.second_factor, SecondFactor::NotRequired);
        assert_eq!(Web::of(&app, caregiver).get("/").0, 200);
        // Systems keep their API tokens (a 256-bit secret, not a password).
        let (status, _) = app.get(Some("fg-1"), "/api/v1/openapi.json");
        assert_eq!(status, 200);
    }

    /// A role that needs a second factor and has none sets it up first: the page shows a new
    /// key (and its QR code); the key's code confirms it; from then on the code is asked at
    /// every login. The key is sealed in the database.
    fn an_officer_without_a_second_factor_sets_one_up_before_anything_else(app) {
        let system = Actor::system("test");
        app.block_on(app.vault.accounts().create_user(&system, "fg-2", "fg", PASSWORD, false))
            .unwrap();
        let session = password_session(&app, "fg-2");
        assert_eq!(session.second_factor, SecondFactor::EnrolmentNeeded);
        let web = Web::of(&app, session);
        let (status, _) = web.get("/toezicht/noodtoegang");
        assert_eq!(status, 303, "nothing opens before the second factor is set up");
        assert_eq!(web.get("/login/code").0, 303, "there is no code to give yet");

        let (status, page) = web.get("/login/tweede-factor");
        assert_eq!(status, 200);
        assert!(page.contains("<svg"), "a QR code: {page}");
        let key = page
            .split("<code class=\"secret\">")
            .nth(1)
            .and_then(|rest| rest.split('<').next())
            .expect("the key on the page")
            .to_owned();
        assert_eq!(key.len(), 32, "160 bits in base32: {key}");
        assert_eq!(web.post("/login/tweede-factor", "code=000000").0, 401);
        let code = current_code(&key).unwrap();
        let (status, _) = web.post("/login/tweede-factor", &format!("code={code}"));
        assert_eq!(status, 303, "confirmed");
        assert_eq!(web.get("/toezicht/noodtoegang").0, 200);

        let next = password_session(&app, "fg-2");
        assert_eq!(next.second_factor, SecondFactor::CodeNeeded, "asked from now on");
        // Sealed (version, nonce, the 20 bytes, tag), not the 20 bytes themselves.
        let stored: Vec<u8> = app.block_on(async {
            let mut conn = app.store.raw().await;
            sqlx::query("SELECT totp_secret FROM users WHERE id = 'fg-2'")
                .fetch_one(&mut conn)
                .await
                .unwrap()
                .try_get(0)
                .unwrap()
        });
        assert_eq!(stored.len(), 1 + 12 + 20 + 16, "the secret is sealed");
    }

    /// `user totp` (here the store call behind it) replaces a lost phone's key and ends the
    /// sessions; `--remove` sends the role back to setting one up. Both are decided
    /// (`manage_accounts`) and logged; a caregiver may not.
    fn an_administrator_replaces_or_removes_a_second_factor(app) {
        let officer = Web::login(&app, "fg-1");
        assert_eq!(officer.get("/toezicht/noodtoegang").0, 200);
        let accounts = app.vault.accounts();
        let caregiver = zorgkluis_testkit::actor("zorg-1", "zorgverlener");
        let refused = app.block_on(accounts.provision_second_factor(&caregiver, "fg-1"));
        assert!(refused.is_err(), "{refused:?}");

        let before = chain_length(&app);
        let enrolment = app
            .block_on(accounts.provision_second_factor(&Actor::system("test"), "fg-1"))
            .unwrap();
        assert_eq!(chain_length(&app), before + 1, "logged");
        assert_eq!(officer.get("/toezicht/noodtoegang").0, 303, "the session ended");
        let old_key = &app.second_factors["fg-1"];
        let session = password_session(&app, "fg-1");
        let old_code = current_code(old_key).unwrap();
        let new_code = current_code(&enrolment.secret).unwrap();
        if old_code != new_code {
            assert!(
                !app.block_on(accounts.verify_code(&session, &old_code)).unwrap(),
                "the old phone's code no longer works"
            );
        }
        assert!(app.block_on(accounts.verify_code(&session, &new_code)).unwrap());

        app.block_on(accounts.remove_second_factor(&Actor::system("test"), "fg-1"))
            .unwrap();
        let session = password_session(&app, "fg-1");
        assert_eq!(session.second_factor, SecondFactor::EnrolmentNeeded);
    }
}
