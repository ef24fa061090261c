//! Retention over HTTP: the plan, a run started by the directie (BG wonen 3.5) in the
//! background and followed to its certificate, the hold register with a hold placed and
//! released, refusals that name the field and change nothing; the daily plan's effect on the
//! dashboard, and the pages of the web UI with a session.

use serde_json::{Value, json};
use zorgkluis_testkit::TestApp;

fn today() -> jiff::civil::Date {
    zorgkluis_core::time::dutch_date(jiff::Timestamp::now())
}

/// Sets a person's registration and records back to `day` (the store's clock is the real
/// one; test setup only).
pub(crate) fn backdate(app: &TestApp, person: &str, day: &str) {
    app.block_on(async {
        let mut raw = app.store.raw().await;
        let at = format!("{day}T10:00:00Z");
        for sql in [
            "UPDATE persons SET created_at = $1 WHERE tenant_id = 'bg-wonen' AND id = $2",
            "UPDATE records SET created_at = $1 WHERE tenant_id = 'bg-wonen' AND person_id = $2",
        ] {
            zorgkluis_testkit::sqlx::query(sql)
                .bind(&at)
                .bind(person)
                .execute(&mut raw)
                .await
                .unwrap();
        }
    });
}

/// Polls a run until it is finished; its last answer.
fn finished_run(app: &TestApp, who: &str, id: &str) -> Value {
    let mut last = Value::Null;
    for _ in 0..200 {
        let (status, v) = app.get(Some(who), &format!("/api/v1/retention/runs/{id}"));
        assert_eq!(status, 200, "{v}");
        if v["state"] == "finished" {
            return v;
        }
        assert!(v["state"] == "running", "{v}");
        last = v;
        std::thread::sleep(std::time::Duration::from_millis(50));
    }
    panic!("the run did not finish: {last}")
}

fn events(app: &TestApp) -> u64 {
    app.block_on(app.vault.verify_audit())
        .unwrap()
        .tenants
        .iter()
        .map(|t| t.events)
        .sum()
}

fn session_get(app: &TestApp, user: &str, path: &str) -> (u16, String) {
    let session = app.web_session(user);
    let mut resp = app
        .agent
        .get(format!("{}{path}", app.base))
        .header("Cookie", format!("zk_sessie={}", session.token))
        .call()
        .unwrap();
    (
        resp.status().as_u16(),
        resp.body_mut().read_to_string().unwrap_or_default(),
    )
}

zorgkluis_testkit::app_on_both_backends! {
    fn the_directie_plans_holds_and_runs_retention_over_the_api(app) {
        let old = app.client_named("Oud Dossier-Proef", "111222333");
        backdate(&app, &old, "2000-03-01");
        let recent = app.client_named("Nieuw Dossier-Proef", "123456782");
        let day = today().to_string();

        // The plan: what is due, for the role that decides on destruction only.
        let (status, v) = app.get(Some("zorg-1"), "/api/v1/retention/plan");
        assert_eq!((status, v["code"].clone()), (403, json!("access.denied")), "{v}");
        let (status, plan) = app.get(Some("dir-1"), &format!("/api/v1/retention/plan?as_of={day}"));
        assert_eq!(status, 200, "{plan}");
        let persons: Vec<&str> = plan["persons"].as_array().unwrap().iter().map(|p| p["person"].as_str().unwrap()).collect();
        assert_eq!(persons, vec![old.as_str()], "{plan}");
        assert_eq!(plan["persons"][0]["whole_file"], true, "{plan}");
        assert_eq!(plan["as_of"], day);
        let health = plan["categories"].as_array().unwrap().iter().find(|c| c["category"] == "gezondheid").unwrap();
        assert_eq!(health["due_records"], 1, "{plan}");
        assert!(health["articles"].to_string().contains("3.4"), "{health}");

        // Bad input names the field and changes nothing.
        let before = events(&app);
        let (status, v) = app.get(Some("dir-1"), "/api/v1/retention/plan?as_of=morgen");
        assert_eq!((status, v["field"].clone()), (400, json!("as_of")), "{v}");
        for (body, field, code) in [
            (json!({"person": old, "kind": "ruzie", "reason": "x"}), "kind", 422),
            (json!({"person": old, "kind": "klacht", "reason": "  "}), "reason", 422),
            (json!({"person": "00000000-0000-4000-8000-000000000000", "kind": "klacht", "reason": "x"}), "person", 422),
            (json!({"person": old, "kind": "klacht", "reason": "x", "category": "geen"}), "category", 422),
            (json!({"person": old, "kind": "klacht", "reason": "x", "starts_on": "2026-05-01", "ends_on": "2026-04-01"}), "ends_on", 422),
            (json!({"person": old, "kind": "klacht", "reason": "x", "starts_on": "1 mei"}), "starts_on", 400),
        ] {
            let (status, v) = app.post(Some("dir-1"), "/api/v1/retention/holds", &body);
            assert_eq!((status, v["field"].as_str()), (code, Some(field)), "{body}: {v}");
            assert_eq!(v["status"], code, "{v}");
        }
        let tomorrow = today().tomorrow().unwrap().to_string();
        let (status, v) = app.post(Some("dir-1"), "/api/v1/retention/runs", &json!({"as_of": tomorrow}));
        assert_eq!((status, v["field"].clone()), (422, json!("as_of")), "{v}");
        let (status, v) = app.post(Some("dir-1"), "/api/v1/retention/runs", &json!({"as_of": "gisteren"}));
        assert_eq!((status, v["field"].clone()), (400, json!("as_of")), "{v}");
        assert_eq!(events(&app), before, "refused input is neither decided nor logged");
        let (status, v) = app.post(Some("zorg-1"), "/api/v1/retention/runs", &json!({}));
        assert_eq!((status, v["code"].clone()), (403, json!("access.denied")), "{v}");
        let (status, v) = app.post(Some("zorg-1"), "/api/v1/retention/holds", &json!({"person": old, "kind": "klacht", "reason": "x"}));
        assert_eq!((status, v["code"].clone()), (403, json!("access.denied")), "{v}");

        // A complaint holds the old file back: the plan says so, a run leaves it.
        let (status, v) = app.post(
            Some("dir-1"),
            "/api/v1/retention/holds",
            &json!({"person": old, "kind": "klacht", "reason": "Klacht over de zorg in 1999", "review_on": "2027-06-01"}),
        );
        assert_eq!(status, 201, "{v}");
        let hold = v["id"].as_str().unwrap().to_owned();
        let (status, register) = app.get(Some("dir-1"), "/api/v1/retention/holds");
        assert_eq!(status, 200, "{register}");
        assert_eq!(register[0]["id"], hold.as_str());
        assert_eq!(register[0]["standing"], true);
        assert_eq!(register[0]["reason"], "Klacht over de zorg in 1999");
        assert_eq!(register[0]["placed_by"], "dir-1");
        assert_eq!(register[0]["review_on"], "2027-06-01");
        assert_eq!(register[0]["law"], "AVG art. 17 lid 3 sub e");
        let (status, v) = app.get(Some("zorg-1"), "/api/v1/retention/holds");
        assert_eq!(status, 403, "{v}");
        let (_, plan) = app.get(Some("dir-1"), "/api/v1/retention/plan");
        assert!(plan["persons"].as_array().unwrap().is_empty(), "{plan}");
        assert_eq!(plan["held"][0]["hold"], hold.as_str(), "{plan}");
        // The health record and the BSN's.
        assert_eq!(plan["held"][0]["records_kept"], 2, "{plan}");

        // Released, the file is due again; a second release is a conflict.
        let (status, v) = app.post(Some("zorg-1"), &format!("/api/v1/retention/holds/{hold}/release"), &json!({}));
        assert_eq!(status, 403, "{v}");
        let (status, v) = app.post(Some("dir-1"), &format!("/api/v1/retention/holds/{hold}/release"), &json!({}));
        assert_eq!(status, 204, "{v}");
        let (status, v) = app.post(Some("dir-1"), &format!("/api/v1/retention/holds/{hold}/release"), &json!({}));
        assert_eq!((status, v["code"].clone()), (409, json!("request.conflict")), "{v}");
        let (_, register) = app.get(Some("dir-1"), "/api/v1/retention/holds");
        assert_eq!(register[0]["standing"], false, "{register}");
        assert_eq!(register[0]["released_by"], "dir-1", "{register}");

        // The run: 202 with its id at once, carried out in the background, followed to its
        // certificate, which names who started it.
        let (status, started) = app.post(Some("dir-1"), "/api/v1/retention/runs", &json!({"as_of": day}));
        assert_eq!(status, 202, "{started}");
        let run = started["id"].as_str().unwrap().to_owned();
        assert_eq!(started["status"], format!("/api/v1/retention/runs/{run}"));
        let (status, v) = app.get(Some("zorg-1"), &format!("/api/v1/retention/runs/{run}"));
        assert_eq!(status, 403, "{v}");
        let done = finished_run(&app, "dir-1", &run);
        assert_eq!((done["total"].clone(), done["done"].clone(), done["remaining"].clone()), (json!(1), json!(1), json!(0)), "{done}");
        assert_eq!(done["destroyed"], 1, "{done}");
        let certificate = &done["certificate"];
        assert_eq!(certificate["started_by"], "dir-1", "{certificate}");
        assert_eq!(certificate["started_role"], "directie", "{certificate}");
        assert_eq!(certificate["whole_files"], 1, "{certificate}");
        assert_eq!(certificate["destroyed"][0]["person_id"], old.as_str(), "{certificate}");
        assert!(!certificate.to_string().contains("Oud Dossier"), "no name on a certificate: {certificate}");
        // The old file is gone; the recent one is untouched.
        let (status, _) = app.get(Some("zorg-1"), &format!("/api/v1/persons/{old}/records?category=gezondheid"));
        assert_eq!(status, 410);
        let (_, v) = app.get(Some("zorg-1"), &format!("/api/v1/persons/{recent}/records?category=gezondheid"));
        assert_eq!(v["total"], 1, "{v}");
        // Nothing left: a new run finishes at once with an empty certificate.
        let (status, again) = app.post(Some("dir-1"), "/api/v1/retention/runs", &json!({}));
        assert_eq!(status, 202, "{again}");
        let empty = finished_run(&app, "dir-1", again["id"].as_str().unwrap());
        assert_eq!(empty["certificate"]["records"], 0, "{empty}");
    }

    fn the_daily_plan_puts_what_is_due_on_the_dashboard_of_whoever_decides_and_the_fg(app) {
        let old = app.client_named("Oud Dossier-Proef", "111222333");
        backdate(&app, &old, "2000-03-01");
        let (status, home) = session_get(&app, "dir-1", "/");
        assert_eq!(status, 200);
        assert!(home.contains("Het bewaarplan van vandaag wordt nog gemaakt"), "{home}");
        // The function the daily interval calls, called here: a day is not waited for.
        let summary = app.block_on(app.jobs.plan_retention(&app.vault)).unwrap();
        // One whole file: its health record and its BSN's.
        assert_eq!((summary.dossiers, summary.whole_files, summary.records, summary.overdue), (1, 1, 2, 1), "{summary:?}");
        let plans: Vec<_> = app
            .block_on(app.vault.audit_for_person(&zorgkluis_store::vault::Actor::system("test"), &old))
            .unwrap()
            .into_iter()
            .filter(|e| e.action == zorgkluis_store::audit::AuditAction::RetentionPlan)
            .collect();
        assert_eq!(plans.len(), 1, "the plan is logged, with the person as its subject");
        assert_eq!(plans[0].role, "systeem", "planned in the product's own role");
        let (_, home) = session_get(&app, "dir-1", "/");
        assert!(home.contains("1 dossier / 2 gegevens te vernietigen"), "{home}");
        assert!(home.contains("waarvan 1 over de termijn"), "{home}");
        assert!(home.contains("href=\"/toezicht/bewaartermijnen\""), "{home}");
        // The FG supervises (BG wonen 1.9): the counts, without the way to the plan, which is
        // the directie's to open and decide on.
        let (status, page) = session_get(&app, "fg-1", "/");
        assert_eq!(status, 200);
        assert!(page.contains("1 dossier / 2 gegevens te vernietigen"), "{page}");
        assert!(page.contains("U houdt toezicht"), "{page}");
        assert!(!page.contains("href=\"/toezicht/bewaartermijnen\""), "{page}");
        // A caregiver neither decides nor supervises: no such panel.
        let (status, page) = session_get(&app, "zorg-1", "/");
        assert_eq!(status, 200);
        assert!(!page.contains("te vernietigen"), "{page}");
        // A transfer of the whole registration (BG wonen 3.7): the plan page says the terms
        // do not apply and the clients are still to be told.
        let director = zorgkluis_testkit::actor("dir-1", "directie");
        app.block_on(app.vault.start_transfer(&director, "Zorggroep Noord", today())).unwrap();
        let (status, page) = session_get(&app, "dir-1", "/toezicht/bewaartermijnen");
        assert_eq!(status, 200);
        assert!(page.contains("De bewaartermijnen gelden niet.") && page.contains("Zorggroep Noord (art. 3.7)"), "{page}");
        assert!(page.contains("nog niet geïnformeerd"), "{page}");
    }

    fn the_retention_pages_name_the_clients_due_and_the_dossier_shows_a_hold(app) {
        let old = app.client_named("Oud Dossier-Proef", "111222333");
        backdate(&app, &old, "2000-03-01");
        let (status, page) = session_get(&app, "dir-1", "/toezicht/bewaartermijnen");
        assert_eq!(status, 200, "{page}");
        assert!(page.contains("Oud Dossier-Proef"), "the directie reads names (BG wonen 3.1): {page}");
        assert!(page.contains("het hele dossier"), "{page}");
        assert!(page.contains("over de termijn"), "{page}");
        assert!(page.contains("Vernietigen wat verlopen is"), "{page}");
        assert!(page.contains("1 maart 2020"), "Dutch dates: {page}");
        let (status, _) = session_get(&app, "zorg-1", "/toezicht/bewaartermijnen");
        assert_eq!(status, 403);
        let (status, _) = session_get(&app, "zorg-1", "/toezicht/blokkades");
        assert_eq!(status, 403);
        let (status, _) = session_get(&app, "dir-1", "/toezicht/bewaartermijnen/vernietiging/00000000-0000-4000-8000-000000000000");
        assert_eq!(status, 404);
        let hold_reads = |app: &TestApp| {
            app.block_on(app.vault.audit_for_person(&zorgkluis_store::vault::Actor::system("test"), &old))
                .unwrap()
                .into_iter()
                .filter(|e| e.purpose == "juridische blokkade op het dossier")
                .count()
        };
        let (status, _) = session_get(&app, "zorg-1", &format!("/clienten/{old}"));
        assert_eq!(status, 200);
        assert_eq!(hold_reads(&app), 0, "no hold, nothing to show or log");
        // A standing hold is on the record: for the care team too, without its reason.
        let (status, v) = app.post(
            Some("dir-1"),
            "/api/v1/retention/holds",
            &json!({"person": old, "kind": "rechtszaak", "reason": "Geheime procedure 42", "category": "gezondheid"}),
        );
        assert_eq!(status, 201, "{v}");
        let (status, dossier) = session_get(&app, "zorg-1", &format!("/clienten/{old}"));
        assert_eq!(status, 200, "{dossier}");
        assert!(dossier.contains("Juridische blokkade:"), "{dossier}");
        assert!(dossier.contains("een gerechtelijke procedure"), "{dossier}");
        assert!(!dossier.contains("Geheime procedure"), "the reason is for who places holds: {dossier}");
        assert!(!dossier.contains("Blokkade opheffen"), "{dossier}");
        assert_eq!(hold_reads(&app), 1, "the hold shown is a logged read");
        let (_, dossier) = session_get(&app, "dir-1", &format!("/clienten/{old}"));
        assert!(dossier.contains("Blokkade opheffen") && dossier.contains("Bewaarplicht opschorten"), "{dossier}");
        let (status, register) = session_get(&app, "dir-1", "/toezicht/blokkades");
        assert_eq!(status, 200);
        assert!(register.contains("Geheime procedure 42") && register.contains("Oud Dossier-Proef"), "{register}");
    }
}

zorgkluis_testkit::app_on_both_backends! {
    /// A run needs the person's confirmed decision: the server checks the confirmation the
    /// form asks for, and without it starts nothing.
    fn a_run_without_the_confirmed_decision_starts_nothing(app) {
        let old = app.client_named("Oud Dossier-Proef", "111222333");
        backdate(&app, &old, "2000-03-01");
        let web = crate::refusals::Web::login(&app, "dir-1");
        let form = format!("peildatum={}", today());
        let (status, body) = web.post("/toezicht/bewaartermijnen/vernietigen", &form);
        assert_eq!(status, 422, "{body}");
        let director = zorgkluis_testkit::actor("dir-1", "directie");
        let runs = app.block_on(app.vault.retention_runs(&director)).unwrap();
        assert!(runs.is_empty(), "{runs:?}");
        let (status, body) = web.post("/toezicht/bewaartermijnen/vernietigen", &format!("{form}&bevestigd=ja"));
        assert_eq!(status, 303, "{body}");
    }
}
