//! The client portal and the reminders (issue 12 part 5) over HTTP: a portal account issued to
//! a client logs in, files an inzage for himself and follows it; a parent files for a child of
//! 10 he represents; a portal session never reaches a staff page or another client's request;
//! a request due within the reminder window is marked due soon in the API and on the queue.

use serde_json::{Value, json};
use zorgkluis_store::vault::Actor;
use zorgkluis_testkit::TestApp;

use crate::chain_length;
use crate::refusals::Web;

fn today() -> jiff::civil::Date {
    zorgkluis_core::time::dutch_date(jiff::Timestamp::now())
}

fn ago(span: jiff::Span) -> String {
    today().checked_sub(span).unwrap().to_string()
}

fn person(app: &TestApp, category: &str, name: &str, born: &str) -> String {
    let (status, v) = app.post(
        Some("admin-1"),
        "/api/v1/persons",
        &json!({"subject_category": category, "name": name, "birth_date": born}),
    );
    assert_eq!(status, 201, "{v}");
    v["id"].as_str().unwrap().to_owned()
}

/// Issues a portal account to `person` and logs it in: its browser.
fn portal_login(app: &TestApp, person: &str) -> Web {
    let accounts = app.vault.accounts();
    let issued = app
        .block_on(accounts.issue_portal(&Actor::system("test"), person))
        .unwrap();
    let session = app
        .block_on(accounts.login(&issued.login, &issued.initial_password, "127.0.0.1"))
        .unwrap()
        .expect("the portal account logs in");
    Web::of(app, session)
}

/// The requests about `subject`, as the handler's register lists them.
fn requests_of(app: &TestApp, subject: &str) -> Vec<Value> {
    let (status, v) = app.get(Some("dir-1"), "/api/v1/requests");
    assert_eq!(status, 200, "{v}");
    v.as_array()
        .unwrap()
        .iter()
        .filter(|r| r["person_id"] == subject)
        .cloned()
        .collect()
}

zorgkluis_testkit::app_on_both_backends! {
    /// A client files an inzage through the portal and follows it; another client's request
    /// is not found; staff pages and the staff API are out of reach; staff cannot use the
    /// portal; bad input is a 422 naming the field and files nothing.
    fn a_client_files_and_follows_a_request_through_the_portal(app) {
        let client = person(&app, "client", "Synthetische Portaalcliënt", "1970-03-04");
        let other = app.client();
        let (status, v) = app.post(Some("dir-1"), "/api/v1/requests",
            &json!({"person": other, "type": "correctie", "received": today().to_string()}));
        assert_eq!(status, 201, "{v}");
        let others = v["id"].as_str().unwrap().to_owned();
        let web = portal_login(&app, &client);
        let (status, page) = web.get("/portaal");
        assert_eq!(status, 200, "{page}");
        assert!(page.contains("U hebt nog geen verzoeken ingediend"), "{page}");
        let (status, form) = web.get("/portaal/verzoek");
        assert_eq!(status, 200, "{form}");
        assert!(form.contains("name=\"soort\""), "{form}");
        let (status, _) = web.post("/portaal/verzoek", "soort=inzage&voor=&toelichting=mijn+dossier");
        assert_eq!(status, 303);
        let filed = requests_of(&app, &client);
        assert_eq!(filed.len(), 1, "{filed:?}");
        let id = filed[0]["id"].as_str().unwrap().to_owned();
        assert_eq!(filed[0]["channel"], "portaal");
        let (_, shown) = app.get(Some("dir-1"), &format!("/api/v1/requests/{id}"));
        assert_eq!(shown["requester"]["kind"], "betrokkene", "{shown}");
        assert_eq!(shown["details"]["changes"], "mijn dossier");
        let (status, page) = web.get("/portaal");
        assert_eq!(status, 200);
        assert!(page.contains(&format!("/portaal/verzoeken/{id}")), "{page}");
        assert!(page.contains("uzelf"), "{page}");
        let respond_by = zorgkluis_core::time::format_date(
            shown["respond_by"].as_str().unwrap().parse().unwrap(), zorgkluis_core::Lang::Nl);
        let (status, page) = web.get(&format!("/portaal/verzoeken/{id}"));
        assert_eq!(status, 200, "{page}");
        assert!(page.contains(&respond_by), "the deadline {respond_by}: {page}");
        assert!(page.contains("uw verzoek is ontvangen"), "{page}");
        let (status, letter) = web.get(&format!("/portaal/verzoeken/{id}/brief?soort=ontvangst"));
        assert_eq!(status, 200, "{letter}");
        assert!(letter.contains(&respond_by), "{letter}");
        // Another client's request is not found, nor its letter.
        assert_eq!(web.get(&format!("/portaal/verzoeken/{others}")).0, 404);
        assert_eq!(web.get(&format!("/portaal/verzoeken/{others}/brief?soort=ontvangst")).0, 404);
        // A portal session is never staff: a staff page is refused, the home page sends it on.
        let staff_page = format!("/verzoeken/{id}");
        for path in ["/verzoeken", staff_page.as_str(), "/clienten", "/toezicht/noodtoegang"] {
            let (status, body) = web.get(path);
            assert_eq!(status, 403, "{path}: {body}");
        }
        assert_eq!(web.get("/").0, 303);
        let (status, _) = web.post(&format!("/verzoeken/{id}/besluit"), "uitkomst=toegewezen&op=2026-01-01");
        assert_eq!(status, 403);
        // Staff do not use the portal.
        let staff = Web::login(&app, "dir-1");
        assert_eq!(staff.get("/portaal").0, 403);
        // Bad input: 422 with the form again, what was written kept and the refusal above
        // it; nothing filed, nothing logged.
        let before = chain_length(&app);
        let (status, body) = web.post("/portaal/verzoek", "soort=inzagen&voor=&toelichting=mijn+eigen+vraag");
        assert_eq!(status, 422, "{body}");
        assert!(body.contains("role=\"alert\">Kies wat u vraagt."), "{body}");
        assert!(body.contains("action=\"/portaal/verzoek\""), "the form again: {body}");
        assert!(body.contains(">mijn eigen vraag</textarea>"), "what was written is kept: {body}");
        assert_eq!(chain_length(&app), before);
        let (status, body) = web.post("/portaal/verzoek", &format!("soort=inzage&voor={other}"));
        assert_eq!(status, 422, "{body}");
        assert!(body.contains("role=\"alert\""), "{body}");
        assert!(body.contains("value=\"inzage\" selected"), "the type chosen is kept: {body}");
        assert_eq!(requests_of(&app, &other).len(), 1, "nothing filed for the other client");
        // Without the session's token the form is refused.
        let (status, _) = web.post_without_csrf("/portaal/verzoek", "soort=inzage");
        assert_eq!(status, 403);
        // Revoked: the session ends at once.
        let login = app.block_on(app.vault.accounts().revoke_portal(&Actor::system("test"), &client)).unwrap();
        assert!(login.starts_with("portaal-"));
        assert_eq!(web.get("/portaal").0, 303, "back to the login page");
        assert!(app.block_on(app.vault.verify_audit()).unwrap().ok(), "the chain verifies");
    }

    /// A parent with authority over a child of 10 files an inzage for the child through the
    /// portal; the stored link decides; the child's request shows on the parent's portal.
    fn a_parent_files_for_a_child_of_ten_through_the_portal(app) {
        let parent = person(&app, "vertegenwoordiger", "Synthetische Ouder", "1985-01-01");
        let child = person(&app, "client", "Synthetisch Kind", &ago(jiff::Span::new().years(10).days(1)));
        let (status, v) = app.post(Some("admin-1"), &format!("/api/v1/persons/{child}/representatives"),
            &json!({"by": parent, "ground": "ouder", "from": ago(jiff::Span::new().years(1))}));
        assert_eq!(status, 201, "{v}");
        let web = portal_login(&app, &parent);
        let (status, form) = web.get("/portaal/verzoek");
        assert_eq!(status, 200);
        assert!(form.contains(&format!("value=\"{child}\"")), "the child is offered: {form}");
        assert!(form.contains("Synthetisch Kind"), "{form}");
        let (status, body) = web.post("/portaal/verzoek", &format!("soort=inzage&voor={child}"));
        assert_eq!(status, 303, "{body}");
        let filed = requests_of(&app, &child);
        assert_eq!(filed.len(), 1);
        let id = filed[0]["id"].as_str().unwrap();
        let (_, shown) = app.get(Some("dir-1"), &format!("/api/v1/requests/{id}"));
        assert_eq!(shown["requester"]["kind"], "ouder", "{shown}");
        assert_eq!(shown["requester"]["person"], parent.as_str());
        assert_eq!(shown["channel"], "portaal");
        let (_, page) = web.get("/portaal");
        assert!(page.contains("Synthetisch Kind"), "{page}");
        assert_eq!(web.get(&format!("/portaal/verzoeken/{id}")).0, 200);
    }

    /// A request whose deadline falls within the reminder window is due soon in the API (list
    /// and show, and `?due_soon=true`) and marked "binnenkort" on the queue and the home page;
    /// one received today is not, nor an overdue one.
    fn requests_due_within_the_window_are_due_soon(app) {
        let client = app.client();
        let file = |received: String| {
            let (status, v) = app.post(Some("dir-1"), "/api/v1/requests",
                &json!({"person": client, "type": "inzage", "received": received}));
            assert_eq!(status, 201, "{v}");
            v["id"].as_str().unwrap().to_owned()
        };
        // 26 days ago: BG wonen's four weeks (4.4) end in two days (or the next working day).
        let soon = file(ago(jiff::Span::new().days(26)));
        let fresh = file(today().to_string());
        let late = file(ago(jiff::Span::new().months(2)));
        let (status, list) = app.get(Some("dir-1"), "/api/v1/requests");
        assert_eq!(status, 200);
        let flag = |id: &str| list.as_array().unwrap().iter().find(|r| r["id"] == id).unwrap()["due_soon"].clone();
        assert_eq!(flag(&soon), json!(true), "{list}");
        assert_eq!(flag(&fresh), json!(false));
        assert_eq!(flag(&late), json!(false), "overdue is not due soon");
        let (_, only) = app.get(Some("dir-1"), "/api/v1/requests?due_soon=true");
        let ids: Vec<&str> = only.as_array().unwrap().iter().map(|r| r["id"].as_str().unwrap()).collect();
        assert_eq!(ids, [soon.as_str()], "{only}");
        let (_, shown) = app.get(Some("dir-1"), &format!("/api/v1/requests/{soon}"));
        assert_eq!(shown["due_soon"], true, "{shown}");
        let fg = Web::login(&app, "dir-1");
        let (_, queue) = fg.get("/verzoeken");
        assert_eq!(queue.matches("class=\"soon\"").count(), 1, "{queue}");
        assert!(queue.contains("binnenkort"));
        let (_, home) = fg.get("/");
        assert!(home.contains("1 binnenkort"), "{home}");
    }
}
