//! End-to-end tests of the web UI in a real browser: headless Chromium from Debian's packages,
//! driven through chromedriver (WebDriver) with fantoccini. Every page visited is checked with
//! axe-core (injected from `ZORGKLUIS_AXE`, which `scripts/test.sh` sets up): no serious or
//! critical accessibility violation. With ZORGKLUIS_SCREENSHOTS=1 the pages are saved to
//! docs/screenshots/.

use std::process::{Child, Command, Stdio};
use std::time::Duration;

use fantoccini::{Client, ClientBuilder, Locator};
use serde_json::json;
use zorgkluis_testkit::{Backend, PASSWORD, TestApp};

/// chromedriver on a free port, stopped when dropped.
struct Driver {
    child: Child,
    url: String,
}

impl Drop for Driver {
    fn drop(&mut self) {
        let _ = self.child.kill();
        let _ = self.child.wait();
    }
}

fn driver() -> Driver {
    let port = std::net::TcpListener::bind("127.0.0.1:0")
        .unwrap()
        .local_addr()
        .unwrap()
        .port();
    let child = Command::new("chromedriver")
        .arg(format!("--port={port}"))
        .stdout(Stdio::null())
        .stderr(Stdio::null())
        .spawn()
        .expect(
            "chromedriver (Debian package chromium-driver) must be installed: run scripts/test.sh",
        );
    for _ in 0..100 {
        if std::net::TcpStream::connect(("127.0.0.1", port)).is_ok() {
            break;
        }
        std::thread::sleep(Duration::from_millis(100));
    }
    Driver {
        child,
        url: format!("http://127.0.0.1:{port}"),
    }
}

/// The axe-core script every page is checked with.
fn axe_source() -> String {
    let path = std::env::var("ZORGKLUIS_AXE").expect(
        "ZORGKLUIS_AXE must name axe-core's axe.min.js: run the tests with scripts/test.sh",
    );
    std::fs::read_to_string(&path).unwrap_or_else(|e| panic!("{path}: {e}"))
}

struct Browser {
    c: Client,
    base: String,
    axe: String,
    _profile: tempfile::TempDir,
}

async fn browser(driver: &Driver, base: &str) -> Browser {
    let profile = tempfile::tempdir().unwrap();
    let caps = json!({
        "goog:chromeOptions": {
            "binary": "/usr/bin/chromium",
            "args": [
                "--headless=new", "--no-sandbox", "--disable-gpu", "--disable-dev-shm-usage",
                "--disable-quic", "--no-first-run", "--disable-background-networking",
                "--disable-component-update", "--disable-sync", "--window-size=1100,900",
                format!("--user-data-dir={}", profile.path().display()),
            ]
        }
    });
    let serde_json::Value::Object(caps) = caps else {
        unreachable!()
    };
    let c = ClientBuilder::new(hyper_util::client::legacy::connect::HttpConnector::new())
        .capabilities(caps)
        .connect(&driver.url)
        .await
        .expect("a WebDriver session with headless Chromium");
    Browser {
        c,
        base: base.to_owned(),
        axe: axe_source(),
        _profile: profile,
    }
}

impl Browser {
    async fn goto(&self, path: &str) {
        self.c.goto(&format!("{}{path}", self.base)).await.unwrap();
    }

    async fn path(&self) -> String {
        self.c.current_url().await.unwrap().path().to_owned()
    }

    async fn text(&self) -> String {
        self.c
            .find(Locator::Css("main"))
            .await
            .unwrap()
            .text()
            .await
            .unwrap()
    }

    /// The page's main text once it contains `needle` (a form post navigates asynchronously).
    async fn text_with(&self, needle: &str) -> String {
        let mut last = String::new();
        for _ in 0..50 {
            if let Ok(main) = self.c.find(Locator::Css("main")).await {
                last = main.text().await.unwrap_or_default();
                if last.contains(needle) {
                    return last;
                }
            }
            tokio::time::sleep(Duration::from_millis(100)).await;
        }
        panic!("`{needle}` did not appear; the page says: {last}")
    }

    async fn fill(&self, id: &str, value: &str) {
        let field = self.c.find(Locator::Id(id)).await.unwrap();
        field.clear().await.unwrap();
        field.send_keys(value).await.unwrap();
    }

    /// Sets a date field (WebDriver typing into a date input depends on the locale).
    async fn date(&self, id: &str, value: &str) {
        self.c
            .execute(
                "document.getElementById(arguments[0]).value = arguments[1];",
                vec![json!(id), json!(value)],
            )
            .await
            .unwrap();
    }

    async fn click(&self, css: &str) {
        self.c
            .find(Locator::Css(css))
            .await
            .unwrap_or_else(|e| panic!("{css}: {e}"))
            .click()
            .await
            .unwrap();
    }

    async fn click_link(&self, text: &str) {
        self.c
            .find(Locator::LinkText(text))
            .await
            .unwrap_or_else(|e| panic!("link {text}: {e}"))
            .click()
            .await
            .unwrap();
    }

    /// The page has no serious or critical accessibility violation (axe-core), and is saved
    /// as `name` when screenshots are asked for.
    async fn check(&self, name: &str) {
        self.c.execute(&self.axe, vec![]).await.unwrap();
        let found = self
            .c
            .execute_async(
                "const done = arguments[arguments.length - 1];
                 axe.run(document, { resultTypes: ['violations'] })
                   .then(r => done(r.violations
                     .filter(v => v.impact === 'serious' || v.impact === 'critical')
                     .map(v => v.id + ' (' + v.impact + '): ' + v.nodes.map(n => n.target.join(' ')).join(', '))))
                   .catch(e => done(['axe failed: ' + e]));",
                vec![],
            )
            .await
            .unwrap();
        let violations: Vec<String> = serde_json::from_value(found).unwrap();
        assert!(
            violations.is_empty(),
            "{name}: accessibility violations: {violations:#?}"
        );
        if std::env::var("ZORGKLUIS_SCREENSHOTS").is_ok_and(|v| v == "1") {
            let png = self.c.screenshot().await.unwrap();
            let dir =
                std::path::Path::new(env!("CARGO_MANIFEST_DIR")).join("../../docs/screenshots");
            std::fs::create_dir_all(&dir).unwrap();
            std::fs::write(dir.join(format!("{name}.png")), png).unwrap();
        }
    }

    /// Logs in with the password; where the account has a second factor (`key`), gives its
    /// code on the page that asks for it (saved as `tweede-factor-code`).
    async fn login_with(&self, user: &str, key: Option<&str>) {
        self.password_login(user).await;
        if let Some(key) = key {
            assert_eq!(
                self.path().await,
                "/login/code",
                "{user} is asked for the code"
            );
            self.text_with("authenticator-app").await;
            self.check("tweede-factor-code").await;
            self.fill("code", &zorgkluis_testkit::fresh_code(key)).await;
            self.click("button.primary").await;
            self.wait_until_not("/login/code").await;
        }
    }

    async fn password_login(&self, user: &str) {
        self.goto("/login").await;
        self.fill("gebruiker", user).await;
        self.fill("wachtwoord", PASSWORD).await;
        self.click("button[type=submit]").await;
        self.wait_until_not("/login").await;
    }

    async fn wait_until_not(&self, path: &str) {
        for _ in 0..50 {
            if self.path().await != path {
                return;
            }
            tokio::time::sleep(Duration::from_millis(100)).await;
        }
        panic!("still on {path}");
    }

    /// Scrolls the first element `css` names to the top of the window (for a screenshot).
    async fn scroll_to(&self, css: &str) {
        self.c
            .execute(
                "document.querySelector(arguments[0]).scrollIntoView({block: 'start'});",
                vec![json!(css)],
            )
            .await
            .unwrap();
    }

    async fn logout(&self) {
        self.click("header form button").await;
        self.text_with("Gebruikersnaam").await;
    }
}

/// No page shows a stored RFC 3339 moment: every time is written in Dutch time and words.
fn no_raw_timestamps(page: &str) {
    let raw = page
        .split_whitespace()
        .any(|w| w.len() >= 20 && w.contains('T') && w.ends_with('Z') && w.starts_with("20"));
    assert!(!raw, "a raw timestamp on the page: {page}");
}

#[test]
fn staff_do_their_work_in_a_real_browser() {
    let app = TestApp::start(Backend::Sqlite);
    // A privacy officer who has no second factor yet.
    app.block_on(app.vault.accounts().create_user(
        &zorgkluis_store::vault::Actor::system("test"),
        "fg-2",
        "fg",
        PASSWORD,
        false,
    ))
    .unwrap();
    let mine = app.client_named("Éva de Vries-Proef", "111222333");
    let (status, other) = app.post(
        Some("admin-1"),
        "/api/v1/persons",
        &json!({"subject_category": "client", "name": "Jan Bakkerveld", "birth_date": "1961-11-17", "client_number": "C-2002"}),
    );
    assert_eq!(status, 201, "{other}");
    // Jan's dossier, written by zorg-2 in his care team: a health record and two reports, one
    // of them about his sister.
    let jan = other["id"].as_str().unwrap().to_owned();
    let (status, v) = app.post(
        Some("admin-1"),
        &format!("/api/v1/persons/{jan}/care-team"),
        &json!({"user": "zorg-2", "from": "2020-01-01"}),
    );
    assert_eq!(status, 204, "{v}");
    let mut sister = String::new();
    for (category, text) in [
        ("gezondheid", "Synthetisch: hypertensie, lisinopril 10 mg"),
        ("rapportage", "Synthetisch: rustige week, wandelt dagelijks"),
        (
            "rapportage",
            "Synthetisch: zus belde over haar eigen opname",
        ),
    ] {
        let (status, v) = app.post(
            Some("zorg-2"),
            &format!("/api/v1/persons/{jan}/records"),
            &json!({"category": category, "text": text}),
        );
        assert_eq!(status, 201, "{v}");
        sister = v["id"].as_str().unwrap().to_owned();
    }
    // A copy Jan asked for and got, partly: the report about his sister withheld (art. 15 lid
    // 4 AVG), carried out over the API before the day starts.
    let (status, v) = app.post(
        Some("dir-1"),
        "/api/v1/requests",
        &json!({"person": jan, "type": "afschrift", "received": zorgkluis_core::time::dutch_date(jiff::Timestamp::now()).to_string()}),
    );
    assert_eq!(status, 201, "{v}");
    let copy = v["id"].as_str().unwrap().to_owned();
    for (path, body) in [
        ("status", json!({"status": "identiteit_vastgesteld"})),
        (
            "decision",
            json!({"outcome": "deels_toegewezen", "grounds": ["rechten_van_anderen"]}),
        ),
        (
            "withheld",
            json!({"record": sister, "reason": "Gaat over de gezondheid van de zus van de cliënt"}),
        ),
        ("release", json!({})),
        ("execute", json!({})),
    ] {
        let (status, v) = app.post(
            Some("dir-1"),
            &format!("/api/v1/requests/{copy}/{path}"),
            &body,
        );
        assert!(status == 200 || status == 204, "{path}: {status} {v}");
    }
    // Two requests for the directie's queue (BG wonen 4.7): one forty days old, one of today.
    let today = zorgkluis_core::time::dutch_date(jiff::Timestamp::now());
    let forty_days_ago = today.checked_sub(jiff::Span::new().days(40)).unwrap();
    for (kind, received) in [("inzage", forty_days_ago), ("correctie", today)] {
        let (status, v) = app.post(
            Some("dir-1"),
            "/api/v1/requests",
            &json!({"person": other["id"], "type": kind, "received": received.to_string()}),
        );
        assert_eq!(status, 201, "{v}");
    }
    // A data breach found thirty hours ago, for the FG's register.
    let found = jiff::Timestamp::now()
        .checked_sub(jiff::SignedDuration::from_hours(30))
        .unwrap();
    app.block_on(app.vault.record_incident(
        &zorgkluis_store::vault::Actor::system("test"),
        &zorgkluis_core::incident::IncidentFacts {
            discovered: Some(found),
            description: "Een overdrachtslijst lag in de trein".into(),
            nature: vec![zorgkluis_core::vocabulary::BreachNature::Vertrouwelijkheid],
            categories: vec!["naw".into(), "gezondheid".into()],
            persons_min: Some(6),
            persons_max: Some(6),
            ..Default::default()
        },
    ))
    .unwrap();
    // A colleague registered as staff, whose file zorg-2 reads: for the log review.
    let (status, v) = app.post(
        Some("admin-1"),
        "/api/v1/persons",
        &json!({"subject_category": "medewerker", "name": "Synthetische Collega Mulder"}),
    );
    assert_eq!(status, 201, "{v}");
    let colleague = v["id"].as_str().unwrap().to_owned();
    let (status, v) = app.post(
        Some("admin-1"),
        &format!("/api/v1/persons/{colleague}/care-team"),
        &json!({"user": "zorg-2", "from": "2020-01-01"}),
    );
    assert_eq!(status, 204, "{v}");
    let (status, v) = app.get(
        Some("zorg-2"),
        &format!("/api/v1/persons/{colleague}/records?category=gezondheid"),
    );
    assert_eq!(status, 200, "{v}");
    let base = app.base.clone();
    let driver = driver();
    let rt = tokio::runtime::Builder::new_current_thread()
        .enable_all()
        .build()
        .unwrap();
    rt.block_on(async {
        let b = browser(&driver, &base).await;

        // A wrong password is refused on the page; a right one logs in.
        b.goto("/login").await;
        b.check("inloggen").await;
        b.fill("gebruiker", "zorg-1").await;
        b.fill("wachtwoord", "fout wachtwoord").await;
        b.click("button[type=submit]").await;
        b.text_with("Onjuiste gebruikersnaam of wachtwoord").await;

        // A caregiver's home is their own clients, by name, and nobody else's.
        b.login_with("zorg-1", None).await;
        let home = b.text_with("Mijn cliënten").await;
        assert!(home.contains("Éva de Vries-Proef"), "{home}");
        assert!(home.contains("2 maart 1950"), "Dutch date of birth: {home}");
        assert!(!home.contains("Bakkerveld"), "not their client: {home}");
        let links = b.c.find_all(Locator::Css("#clienten a")).await.unwrap();
        assert_eq!(links.len(), 1, "only their own client");
        assert!(
            links[0]
                .attr("href")
                .await
                .unwrap()
                .unwrap()
                .ends_with(&mine)
        );
        b.check("mijn-clienten").await;

        // The dossier says whose it is, groups by category, and keeps history folded.
        links[0].click().await.unwrap();
        let page = b.text_with("Éva de Vries-Proef").await;
        assert!(page.contains("geboren 2 maart 1950"), "{page}");
        assert!(
            page.contains("Gezondheidsgegevens"),
            "category label: {page}"
        );
        assert!(!page.contains("gezondheid\n"), "no category ids: {page}");
        no_raw_timestamps(&page);
        b.click(".record[data-category=gezondheid] details[data-form=correctie] summary")
            .await;
        b.c.find(Locator::Css(
            ".record[data-category=gezondheid] details[data-form=correctie] textarea",
        ))
        .await
        .unwrap()
        .send_keys("Synthetisch: pols 70")
        .await
        .unwrap();
        b.click(".record[data-category=gezondheid] details[data-form=correctie] button")
            .await;
        let page = b.text_with("Synthetisch: pols 70").await;
        assert!(page.contains("Gecorrigeerd"), "{page}");
        assert!(
            page.contains("Eerdere versie (1)"),
            "history folded: {page}"
        );
        b.click(".record[data-kind=correction] details.history summary")
            .await;
        b.text_with("Synthetisch: pols 72").await;

        // The client's own statement is added beside the record, not in its place.
        b.click(".record[data-kind=correction] details[data-form=aanvulling] summary")
            .await;
        b.c.find(Locator::Css(
            ".record[data-kind=correction] details[data-form=aanvulling] textarea",
        ))
        .await
        .unwrap()
        .send_keys("Cliënt: de pols was gemeten na het traplopen")
        .await
        .unwrap();
        b.click(".record[data-kind=correction] details[data-form=aanvulling] button")
            .await;
        let page = b.text_with("na het traplopen").await;
        assert!(page.contains("Aanvulling van de cliënt"), "{page}");
        assert!(
            page.contains("Synthetisch: pols 70"),
            "the corrected record stays: {page}"
        );
        b.check("dossier-zorgverlener").await;
        b.logout().await;
        b.goto("/clienten").await;
        assert_eq!(b.path().await, "/login", "logged out means logged out");

        // Administration registers and searches; a bad BSN is refused and nothing is written.
        b.login_with("admin-1", None).await;
        b.text_with("Inschrijving en zoeken").await;
        b.check("start-administratie").await;
        b.click_link("Cliënt inschrijven").await;
        b.text_with("Identiteitscontrole").await;
        b.fill("naam", "Karel Duinkerk-Proef").await;
        b.date("geboortedatum", "1966-05-12").await;
        b.fill("clientnummer", "C-3003").await;
        b.fill("adres", "Voorbeeldstraat 3, 1000 AA Demostad").await;
        b.fill("bsn", "123456789").await;
        b.fill("documentnummer", "XR7654321").await;
        b.date("gecontroleerd", "2026-03-02").await;
        b.date("geldig", "2031-03-01").await;
        b.check("client-inschrijven").await;
        b.click("button.primary").await;
        b.text_with("Het BSN klopt niet").await;
        assert_eq!(
            b.c.find(Locator::Id("naam"))
                .await
                .unwrap()
                .prop("value")
                .await
                .unwrap()
                .as_deref(),
            Some("Karel Duinkerk-Proef"),
            "the form keeps what was filled in"
        );
        b.fill("bsn", "123456782").await;
        b.click("button.primary").await;
        let page = b.text_with("Karel Duinkerk-Proef").await;
        assert!(page.contains("123456782"), "{page}");
        assert!(page.contains("cliëntnummer C-3003"), "{page}");

        b.goto("/clienten/zoeken").await;
        b.fill("naam", "de vries").await;
        b.click("form[role=search] button").await;
        let page = b.text_with("1 cliënt gevonden").await;
        assert!(page.contains("Éva de Vries-Proef"), "{page}");
        b.check("clienten-zoeken").await;

        // Administration cannot open health records, and outside the care team it is not
        // told which kinds it may not see.
        b.goto(&format!("/clienten/{mine}")).await;
        let page = b.text_with("Éva de Vries-Proef").await;
        assert!(!page.contains("pols"), "no health data on the page: {page}");
        assert!(
            !page.contains("Niet zichtbaar voor u") && !page.contains("Gezondheid"),
            "no list of what is withheld: {page}"
        );
        b.check("dossier-administratie").await;

        // The consent tab: administration records a written consent for the auditor on one
        // day (BG wonen 2.7), with the signed form as its evidence, and sees it in the history.
        b.click_link("Toestemmingen").await;
        b.text_with("Er zijn geen toestemmingen vastgelegd").await;
        let day = zorgkluis_core::time::dutch_date(jiff::Timestamp::now());
        b.click("#toestemming-vorm option[value=schriftelijk]").await;
        b.click("#toestemming-ontvanger option[value=auditor]").await;
        b.click("#toestemming-categorieen option[value=gezondheid]").await;
        b.fill("toestemming-doel", "audit").await;
        b.date("toestemming-van", &day.to_string()).await;
        b.date("toestemming-tot", &day.to_string()).await;
        b.fill("toestemming-document", "formulier-audit-0001.pdf").await;
        b.fill("toestemming-hash", &"c0".repeat(32)).await;
        b.click("form[action$=toestemmingen] button.primary").await;
        let page = b.text_with("alleen op die dag").await;
        assert!(
            page.contains(&zorgkluis_core::time::format_date(day, zorgkluis_core::Lang::Nl)),
            "a Dutch date: {page}"
        );
        assert!(page.contains("ondertekend formulier formulier-audit-0001.pdf"), "{page}");
        no_raw_timestamps(&page);
        b.check("toestemmingen").await;
        b.logout().await;

        // Emergency access demands a reason, then is granted and flagged.
        b.login_with("zorg-2", None).await;
        b.goto(&format!("/clienten/{mine}")).await;
        b.text_with("niet bij het zorgteam").await;
        assert!(
            !b.text().await.contains("Gezondheid"),
            "no category is named outside the care team"
        );
        b.check("dossier-buiten-zorgteam").await;
        b.click("a.emergency").await;
        b.c.find(Locator::Css("#categorie option[value=gezondheid]"))
            .await
            .unwrap()
            .click()
            .await
            .unwrap();
        b.click("button.primary").await;
        b.text_with("Noodtoegang vraagt een reden").await;
        b.check("noodtoegang").await;
        b.fill(
            "reden",
            "Cliënt onwel aangetroffen, eigen zorgverlener afwezig",
        )
        .await;
        b.click("button.primary").await;
        let page = b.text_with("Noodtoegang verleend").await;
        assert!(page.contains("pols"), "{page}");
        b.logout().await;

        // The privacy officer's dashboard, the review with the reason, the client's log.
        b.login_with("fg-1", Some(&app.second_factors["fg-1"]))
            .await;
        let page = b.text_with("Privacydashboard").await;
        assert!(page.contains("1 noodtoegang vastgelegd"), "{page}");
        assert!(
            page.contains("1 datalek nog te melden: nog 41 uur"),
            "{page}"
        );
        b.check("fg-dashboard").await;
        b.click_link("Naar het register").await;
        let register = b.text_with("Incidenten en datalekken").await;
        assert!(
            register.contains("Een overdrachtslijst lag in de trein"),
            "{register}"
        );
        assert!(
            register.contains("nog 41 uur") && register.contains("nog niet beoordeeld"),
            "{register}"
        );
        no_raw_timestamps(&register);
        b.check("incidenten").await;
        // A breach found eighty hours ago, recorded on the page: it goes on top, overdue.
        let eighty = jiff::Timestamp::now()
            .checked_sub(jiff::SignedDuration::from_hours(80))
            .unwrap()
            .to_zoned_datetime(zorgkluis_core::time::amsterdam())
            .strftime("%Y-%m-%dT%H:%M")
            .to_string();
        b.date("ontdekt", &eighty).await;
        b.click("input[name=aard][value=vertrouwelijkheid]").await;
        b.click("input[name=categorie][value=naw]").await;
        b.fill(
            "wat",
            "Een adreslijst is naar een verkeerd e-mailadres gestuurd",
        )
        .await;
        b.click("form[action='/toezicht/incidenten'] button.primary")
            .await;
        let register = b.text_with("verkeerd e-mailadres").await;
        let late = register.find("uur te laat").expect("the late one");
        assert!(
            late < register.find("nog 41 uur").unwrap(),
            "overdue on top: {register}"
        );
        // Notified now, after the 72 hours, without the reasons: refused, naming the field.
        let now = jiff::Timestamp::now()
            .to_zoned_datetime(zorgkluis_core::time::amsterdam())
            .strftime("%Y-%m-%dT%H:%M")
            .to_string();
        let first =
            b.c.find(Locator::Css("form[action$=melding] input[name=op]"))
                .await
                .unwrap()
                .attr("id")
                .await
                .unwrap()
                .unwrap();
        b.date(&first, &now).await;
        b.click("form[action$=melding] button").await;
        b.text_with("late_reason").await;
        b.goto("/").await;
        b.click_link("Noodtoegang beoordelen").await;
        let review = b.text_with("eigen zorgverlener afwezig").await;
        assert!(
            review.contains("zorg-2") && review.contains("Éva de Vries-Proef"),
            "{review}"
        );
        no_raw_timestamps(&review);
        b.check("fg-noodtoegang").await;
        b.click_link("Éva de Vries-Proef").await;
        let log = b.text_with("Wie heeft dit dossier ingezien").await;
        assert!(
            log.contains("admin-1") && log.contains("Geweigerd"),
            "{log}"
        );
        assert!(
            log.contains("In een cliëntenlijst getoond"),
            "the list that showed her: {log}"
        );
        assert!(log.contains("Gezondheidsgegevens"), "{log}");
        no_raw_timestamps(&log);
        b.check("fg-logging").await;
        // The log review: run it, a colleague's file flagged; a close without a note is
        // refused on the page, one with a note closes it.
        b.goto("/").await;
        b.click_link("Naar de logcontrole").await;
        b.text_with("Geen open meldingen").await;
        b.click("form[action='/toezicht/logcontrole/uitvoeren'] button.primary")
            .await;
        let review = b.text_with("Dossier van een collega").await;
        assert!(
            review.contains("Synthetische Collega Mulder") && review.contains("zorg-2"),
            "{review}"
        );
        assert!(review.contains("Het dossier van een collega ingezien op"), "{review}");
        no_raw_timestamps(&review);
        b.check("logcontrole").await;
        b.click("form[action$=afhandelen] button.primary").await;
        b.text_with("Schrijf een notitie").await;
        let note =
            b.c.find(Locator::Css("form[action$=afhandelen] textarea"))
                .await
                .unwrap()
                .attr("id")
                .await
                .unwrap()
                .unwrap();
        b.fill(&note, "Mulder is ook cliënt van zorg-2; in orde")
            .await;
        b.click("form[action$=afhandelen] button.primary").await;
        let closed = b.text_with("Afgehandelde meldingen").await;
        assert!(closed.contains("in orde") && closed.contains("Geen open meldingen"), "{closed}");
        // The annual privacy report from the dashboard: this year's figures and charts.
        b.goto("/").await;
        b.click_link("Naar het jaarverslag").await;
        let report = b.text_with("Verzoeken van betrokkenen").await;
        assert!(report.contains("Incidenten ontdekt 2"), "{report}");
        assert!(report.contains("Download als PDF"), "{report}");
        no_raw_timestamps(&report);
        b.check("jaarverslag").await;
        b.scroll_to("#jv-verzoeken-extended").await;
        b.check("jaarverslag-grafiek").await;
        b.logout().await;

        // A second privacy officer without a second factor sets one up before anything else:
        // the key from the page into the "app", its code back.
        b.password_login("fg-2").await;
        assert_eq!(b.path().await, "/login/tweede-factor");
        b.goto("/toezicht/noodtoegang").await;
        assert_eq!(
            b.path().await,
            "/login/tweede-factor",
            "nothing else opens yet"
        );
        let page = b.text_with("Tweede factor instellen").await;
        assert!(page.contains("NEN 7513"), "{page}");
        b.check("tweede-factor-instellen").await;
        let key =
            b.c.find(Locator::Css("code.secret"))
                .await
                .unwrap()
                .text()
                .await
                .unwrap();
        b.fill("code", "000000").await;
        b.click("button.primary").await;
        b.text_with("klopt niet").await;
        b.fill("code", &zorgkluis_testkit::fresh_code(&key)).await;
        b.click("button.primary").await;
        b.text_with("Privacydashboard").await;
        b.logout().await;

        // Management sees the organisation in counts, no personal data.
        b.login_with("dir-1", None).await;
        let page = b.text_with("Overzicht van de organisatie").await;
        assert!(page.contains("cliënten ingeschreven"), "{page}");
        assert!(!page.contains("Vries"), "no names on the overview: {page}");
        assert!(
            page.contains("2 open verzoeken, waarvan 1 te laat"),
            "{page}"
        );
        assert!(page.contains("waarvan 1 te laat"), "{page}");
        b.check("start-directie").await;
        b.click_link("Naar de verzoeken").await;
        let queue = b.text_with("Verzoeken van betrokkenen").await;
        let late = queue.find("dagen te laat").expect("the overdue request");
        let left = queue.find("nog ").expect("the request of today");
        assert!(late < left, "overdue on top: {queue}");
        assert!(
            queue.contains("Jan Bakkerveld") && queue.contains("inzage"),
            "{queue}"
        );
        no_raw_timestamps(&queue);
        b.check("verzoeken").await;
        // The overdue one, on top: its page, its deadlines, the decision and its history.
        b.click_link("Jan Bakkerveld").await;
        let request = b.text_with("Verzoek tot inzage").await;
        assert!(request.contains("Beantwoorden uiterlijk"), "{request}");
        assert!(request.contains("dagen te laat"), "{request}");
        no_raw_timestamps(&request);
        b.check("verzoek").await;
        // BG wonen establishes the requester's identity first (4.4): the first step offered.
        b.click("form[action$=stap] button").await;
        b.text_with("identiteit-vastgesteld").await;
        b.click("input[value=toegewezen]").await;
        b.click("form[action$=besluit] button.primary").await;
        let after = b.text_with("verzoek-besloten").await;
        assert!(after.contains("toegewezen"), "{after}");
        assert!(
            !after.contains("Besluit vastleggen"),
            "decided once: {after}"
        );
        // Its letters: the confirmation of receipt with the deadline, and the decision.
        b.click_link("Ontvangstbevestiging").await;
        let letter = b.text_with("Geachte heer, mevrouw,").await;
        assert!(letter.contains("Aan: Jan Bakkerveld"), "{letter}");
        assert!(
            letter.contains("Wij beantwoorden het uiterlijk"),
            "{letter}"
        );
        no_raw_timestamps(&letter);
        b.check("brief-ontvangst").await;
        b.c.back().await.unwrap();
        b.click_link("Besluit").await;
        let letter = b
            .text_with("hebben wij op uw verzoek tot inzage besloten: toegewezen")
            .await;
        assert!(
            !letter.contains("Autoriteit Persoonsgegevens"),
            "granted: no complaint channels: {letter}"
        );
        // Carried out with its export: reviewed (a draft until released), released, recorded.
        b.c.back().await.unwrap();
        b.click_link("Export bekijken en vrijgeven").await;
        let export = b.text_with("Inzage in uw persoonsgegevens").await;
        assert!(export.contains("Concept: nog niet vrijgegeven"), "{export}");
        assert!(export.contains("Aan: Jan Bakkerveld"), "{export}");
        assert!(export.contains("hypertensie, lisinopril"), "{export}");
        assert!(
            export.contains("Waarvoor wij uw gegevens gebruiken"),
            "{export}"
        );
        assert!(
            export.contains("Hoe lang wij uw gegevens bewaren"),
            "{export}"
        );
        assert!(
            export.contains("Zorgverlener, BG wonen"),
            "the log by role: {export}"
        );
        assert!(
            !export.contains("zorg-2"),
            "no user ids in the export: {export}"
        );
        // The copy of today was his first: this one is free unless excessive (BG wonen 1.5).
        assert!(
            export.contains("kosteloos, tenzij het verzoek buitensporig is"),
            "{export}"
        );
        no_raw_timestamps(&export);
        b.check("verzoek-export").await;
        b.scroll_to("#logging").await;
        b.check("verzoek-export-logging").await;
        b.click("form[action$=vrijgeven] button").await;
        b.text_with("Vrijgegeven op").await;
        b.click("form[action$=uitvoeren] button").await;
        let done = b.text_with("Uitgevoerd op").await;
        assert!(!done.contains("Concept"), "{done}");
        // The copy carried out before: the report about the sister named, with the reason,
        // never its content.
        b.goto(&format!("/verzoeken/{copy}/export")).await;
        let copied = b.text_with("Afschrift van uw persoonsgegevens").await;
        assert!(
            copied.contains("Gaat over de gezondheid van de zus"),
            "{copied}"
        );
        assert!(!copied.contains("haar eigen opname"), "{copied}");
        assert!(copied.contains("rustige week"), "{copied}");
        assert!(copied.contains("AVG art. 15 lid 4"), "{copied}");
        no_raw_timestamps(&copied);
        b.check("verzoek-afschrift").await;
        b.scroll_to(".withheld").await;
        b.check("verzoek-afschrift-achtergehouden").await;

        // Jan asks to erase his health data and his invoices: decided over the API, carried
        // out from the request page. The notes go; the invoice stays on the fiscal seven years.
        let (status, v) = app.post(
            Some("admin-1"),
            &format!("/api/v1/persons/{jan}/records"),
            &json!({"category": "financieel", "text": "Synthetisch: factuur november"}),
        );
        assert_eq!(status, 201, "{v}");
        let (status, v) = app.post(
            Some("dir-1"),
            "/api/v1/requests",
            &json!({"person": jan, "type": "verwijdering", "received": zorgkluis_core::time::dutch_date(jiff::Timestamp::now()).to_string(), "categories": ["gezondheid", "financieel"]}),
        );
        assert_eq!(status, 201, "{v}");
        let erasure = v["id"].as_str().unwrap().to_owned();
        for (path, body) in [
            ("status", json!({"status": "identiteit_vastgesteld"})),
            ("status", json!({"status": "in_behandeling"})),
            ("decision", json!({"outcome": "toegewezen"})),
        ] {
            let (status, v) = app.post(
                Some("dir-1"),
                &format!("/api/v1/requests/{erasure}/{path}"),
                &body,
            );
            assert!(status == 200 || status == 204, "{path}: {status} {v}");
        }
        b.goto(&format!("/verzoeken/{erasure}")).await;
        b.text_with("Uitvoeren: verwijderen").await;
        b.click("form[action$=verwijderen] button").await;
        let certificate = b.text_with("Verwijderingsverklaring").await;
        assert!(
            certificate.contains("verwijderd (1 record)")
                && certificate.contains("bewaard")
                && certificate.contains("52 lid 4 AWR"),
            "{certificate}"
        );
        assert!(!certificate.contains("hypertensie"), "{certificate}");
        assert!(
            !certificate.contains("Uitvoeren: verwijderen"),
            "carried out once: {certificate}"
        );
        no_raw_timestamps(&certificate);
        b.scroll_to("[aria-labelledby^=verklaring]").await;
        b.check("verzoek-verwijdering").await;

        // English is one click away, and stays.
        b.goto("/?taal=en").await;
        b.text_with("The organisation's overview").await;
        b.goto("/clienten/zoeken").await;
        b.text_with("Search clients").await;
        b.check("search-english").await;
        b.c.close().await.unwrap();
    });
}

/// Retention in a real browser: the directie sees on the dashboard what the daily plan found,
/// opens the plan (the clients due by name, a held one among the holds), decides and sees the
/// certificate; then releases a hold and places one from the dossier, where it shows at the
/// top, and reads the hold register.
#[test]
fn the_directie_destroys_what_has_expired_and_keeps_what_a_hold_keeps() {
    let app = TestApp::start(Backend::Sqlite);
    let old = app.client_named("Gerrit van Oud-Proef", "111222333");
    crate::retention::backdate(&app, &old, "2000-03-01");
    let held = app.client_named("Hennie Blok-Proef", "123456782");
    crate::retention::backdate(&app, &held, "2001-05-01");
    let (status, v) = app.post(
        Some("dir-1"),
        "/api/v1/retention/holds",
        &json!({"person": held, "kind": "klacht", "reason": "Klacht van de dochter over de zorg in 2001", "review_on": "2027-06-01"}),
    );
    assert_eq!(status, 201, "{v}");
    // The daily job, run now.
    app.block_on(app.jobs.plan_retention(&app.vault)).unwrap();
    let driver = driver();
    let rt = tokio::runtime::Runtime::new().unwrap();
    rt.block_on(async {
        let b = browser(&driver, &app.base).await;
        b.login_with("dir-1", None).await;
        let home = b.text_with("Bewaartermijnen").await;
        assert!(
            home.contains("1 dossier / 2 gegevens te vernietigen, waarvan 1 over de termijn"),
            "{home}"
        );
        assert!(
            home.contains("1 juridische blokkade houdt 2 records tegen"),
            "{home}"
        );
        b.scroll_to("[aria-labelledby=bewaartermijnen-titel]").await;
        b.check("start-directie-bewaartermijnen").await;
        b.click_link("Naar de bewaartermijnen").await;
        let plan = b.text_with("Cliënten met verlopen gegevens").await;
        assert!(plan.contains("Gerrit van Oud-Proef"), "{plan}");
        assert!(plan.contains("het hele dossier"), "{plan}");
        assert!(
            plan.contains("1 maart 2020") && plan.contains("over de termijn"),
            "{plan}"
        );
        assert!(
            plan.contains("Hennie Blok-Proef"),
            "the held client among the holds: {plan}"
        );
        assert!(
            plan.contains("een klacht waarbij de gegevens betrokken zijn"),
            "{plan}"
        );
        no_raw_timestamps(&plan);
        b.check("bewaartermijnen").await;
        b.scroll_to("#clienten-verlopen").await;
        b.check("bewaartermijnen-clienten").await;
        b.scroll_to("#vernietigen").await;
        b.check("bewaartermijnen-besluit").await;
        b.click("#bevestigd").await;
        b.click("form[action$=vernietigen] button.primary").await;
        let certificate = b.text_with("Kenmerk").await;
        assert!(
            certificate.contains("Vernietigingsverklaring"),
            "{certificate}"
        );
        assert!(certificate.contains("dir-1 (Directie)"), "{certificate}");
        assert!(
            certificate.contains("1 heel dossier en 2 records vernietigd"),
            "{certificate}"
        );
        assert!(
            !certificate.contains("Gerrit"),
            "no name on the certificate: {certificate}"
        );
        no_raw_timestamps(&certificate);
        b.check("vernietigingsverklaring").await;
        // The file is gone; the held one stays, its hold on the record.
        b.goto(&format!("/clienten/{held}")).await;
        let dossier = b.text_with("Juridische blokkade:").await;
        assert!(
            dossier.contains("een klacht waarbij de gegevens betrokken zijn"),
            "{dossier}"
        );
        assert!(dossier.contains("herbeoordeling 1 juni 2027"), "{dossier}");
        b.check("dossier-blokkade").await;
        b.click(".notice.hold form button").await;
        // Released: the dossier again, without the notice (the page may be loading).
        let mut released = false;
        for _ in 0..50 {
            tokio::time::sleep(Duration::from_millis(100)).await;
            if let Ok(main) = b.c.find(Locator::Css("main")).await
                && let Ok(text) = main.text().await
                && text.contains("Bewaarplicht opschorten")
                && !text.contains("Juridische blokkade:")
            {
                released = true;
                break;
            }
        }
        assert!(released, "released: {}", b.text().await);
        // A court case on the health data, placed from the dossier.
        b.click("details[data-form=blokkade] summary").await;
        b.click("#blokkade-soort option[value=rechtszaak]").await;
        b.click("#blokkade-categorie option[value=gezondheid]")
            .await;
        b.fill(
            "blokkade-reden",
            "Rechtszaak van de familie, rolnummer synthetisch",
        )
        .await;
        b.date("blokkade-herbeoordeling", "2027-01-15").await;
        b.scroll_to("details[data-form=blokkade]").await;
        b.check("dossier-blokkade-plaatsen").await;
        b.click("details[data-form=blokkade] button.primary").await;
        let dossier = b.text_with("een gerechtelijke procedure").await;
        assert!(
            dossier.contains("herbeoordeling 15 januari 2027"),
            "{dossier}"
        );
        // The register: the court case standing, the complaint released, with their reasons.
        b.click_link("Blokkades").await;
        let register = b.text_with("Register van juridische blokkades").await;
        assert!(register.contains("Hennie Blok-Proef"), "{register}");
        assert!(register.contains("Rechtszaak van de familie"), "{register}");
        assert!(register.contains("Opgeheven op"), "{register}");
        assert!(register.contains("Van kracht"), "{register}");
        no_raw_timestamps(&register);
        b.check("blokkades").await;
        b.c.close().await.unwrap();
    });
}

/// The disclosure ledger in a real browser, on Rondomzorg's reglement: the coordinator
/// registers two organisations; the mentor reviews a disclosure to the huisarts (refused: no
/// written consent), then discloses to the inspectorate without consent, is told the
/// client must hear of it, and records the letter; the coordinator reads the ledger.
#[test]
fn a_disclosure_is_reviewed_made_told_and_followed_up_in_a_real_browser() {
    let app = TestApp::start_with(
        Backend::Sqlite,
        "rondomzorg",
        zorgkluis_testkit::RONDOMZORG_STAFF,
    );
    let person = app.client_named("Femke Verstrek-Proef", "111222333");
    let (status, v) = app.post(
        Some("admin-1"),
        &format!("/api/v1/persons/{person}/care-team"),
        &json!({"user": "mentor-1", "from": "2020-01-01"}),
    );
    assert_eq!(status, 204, "{v}");
    let coord_key = app.second_factors.get("coord-1").cloned();
    let driver = driver();
    let rt = tokio::runtime::Runtime::new().unwrap();
    rt.block_on(async {
        let b = browser(&driver, &app.base).await;
        b.login_with("coord-1", coord_key.as_deref()).await;
        b.goto("/toezicht/ontvangers").await;
        b.text_with("Register van ontvangers").await;
        // A code of the wrong length is named beside its field.
        b.click("#soort option[value=zorgaanbieder]").await;
        b.fill("naam", "Huisartsenpraktijk De Linde-Proef").await;
        b.fill("agb", "0123").await;
        b.click("form[action='/toezicht/ontvangers'] button.primary")
            .await;
        b.text_with("Een AGB-code heeft 8 cijfers").await;
        b.scroll_to("#nieuwe-ontvanger").await;
        b.check("ontvangers-fout").await;
        b.fill("agb", "01234567").await;
        b.click("form[action='/toezicht/ontvangers'] button.primary")
            .await;
        b.text_with("Huisartsenpraktijk De Linde-Proef").await;
        b.click("#soort option[value=inspectie]").await;
        b.fill("naam", "Inspectie Regio Proef").await;
        b.fill("kvk", "12345678").await;
        b.click("form[action='/toezicht/ontvangers'] button.primary")
            .await;
        b.text_with("Inspectie Regio Proef").await;
        b.click("#soort option[value=bemoeizorgpartner]").await;
        b.fill("naam", "Meldpunt Bemoeizorg Proef").await;
        b.fill("kvk", "87654321").await;
        b.click("form[action='/toezicht/ontvangers'] button.primary")
            .await;
        let register = b.text_with("Meldpunt Bemoeizorg Proef").await;
        assert!(
            register.contains("Inspectie Gezondheidszorg en Jeugd"),
            "{register}"
        );
        no_raw_timestamps(&register);
        b.check("ontvangers").await;
        b.logout().await;

        b.login_with("mentor-1", None).await;
        b.goto(&format!("/clienten/{person}")).await;
        b.text_with("Femke Verstrek-Proef").await;
        b.click_link("Gegevens verstrekken").await;
        b.text_with("Gegevens verstrekken van Femke Verstrek-Proef")
            .await;
        b.click("#ontvanger option:nth-child(2)").await;
        b.click("input[name=categorie][value=gezondheid]").await;
        b.fill("doel", "overdracht van zorg").await;
        b.check("verstrekken-formulier").await;
        b.click("button[value=beoordelen]").await;
        let review = b.text_with("Beoordeling vóór verstrekking").await;
        assert!(review.contains("Niet toegestaan"), "{review}");
        assert!(review.contains("Niet gevonden"), "{review}");
        b.check("verstrekken-geweigerd").await;
        // The inspectorate: allowed without consent, the client to be told.
        b.click("#ontvanger option:nth-child(3)").await;
        b.click("details.amend button[value=beoordelen]").await;
        let review = b.text_with("De cliënt moet worden geïnformeerd").await;
        assert!(
            review.contains("Toegestaan") && review.contains("2.3"),
            "{review}"
        );
        b.check("verstrekken-beoordeling").await;
        b.click("#bevestigd").await;
        b.click("button[value=verstrekken]").await;
        let result = b.text_with("Het uittreksel").await;
        assert!(result.contains("Synthetisch: pols 72"), "{result}");
        assert!(result.contains("Controlegetal (SHA-256)"), "{result}");
        b.check("verstrekt").await;
        b.click_link("Naar de melding aan de cliënt").await;
        let notice = b.text_with("zonder uw toestemming").await;
        assert!(notice.contains("Femke Verstrek-Proef"), "{notice}");
        b.check("verstrekking-melding").await;
        b.scroll_to("#vastleggen").await;
        b.check("verstrekking-melding-formulier").await;
        b.click("form[action$=melding] button.primary").await;
        let recorded = b.text_with("Vastgelegd: de brief is verstuurd op").await;
        no_raw_timestamps(&recorded);
        b.check("verstrekking-melding-vastgelegd").await;

        // Bemoeizorg (2.7) asks consent; the review offers the conflict of duties, and with
        // the justification it may go.
        b.goto(&format!("/clienten/{person}/verstrekken")).await;
        b.text_with("Gegevens verstrekken van Femke Verstrek-Proef")
            .await;
        b.click("#ontvanger option:nth-child(4)").await;
        b.click("input[name=categorie][value=gezondheid]").await;
        b.fill("doel", "bemoeizorg").await;
        b.click("button[value=beoordelen]").await;
        let review = b.text_with("Verantwoording").await;
        assert!(
            review.contains("Niet toegestaan") && review.contains("2.7"),
            "{review}"
        );
        b.scroll_to("form.conflict").await;
        b.check("verstrekken-conflict-van-plichten").await;
        b.fill(
            "conflict_van_plichten",
            "De cliënt mijdt elke zorg; zonder het meldpunt dreigt ernstige verwaarlozing",
        )
        .await;
        b.click("form.conflict button[value=beoordelen]").await;
        let review = b.text_with("De cliënt moet worden geïnformeerd").await;
        assert!(
            review.contains("Toegestaan") && review.contains("ernstige verwaarlozing"),
            "{review}"
        );
        b.click("#bevestigd").await;
        b.click("button[value=verstrekken]").await;
        b.text_with("Het uittreksel").await;
        b.logout().await;

        b.login_with("coord-1", coord_key.as_deref()).await;
        b.goto("/toezicht/verstrekkingen").await;
        let ledger = b.text_with("Verstrekkingenregister").await;
        assert!(ledger.contains("Femke Verstrek-Proef"), "{ledger}");
        assert!(ledger.contains("Brief verstuurd op"), "{ledger}");
        assert!(ledger.contains("op een conflict van plichten"), "{ledger}");
        no_raw_timestamps(&ledger);
        b.check("verstrekkingen").await;
        b.scroll_to("#alle").await;
        b.check("verstrekkingen-lijst").await;
        b.c.close().await.unwrap();
    });
}

/// The complaints register in a real browser (Wkkgz art. 17): BG wonen's directie records a
/// complaint about a client on the register page, sees it listed by the day its decision is
/// due below one already past its six weeks, opens its page, and extends it in time; an
/// extension told too late is refused beside its field.
#[test]
fn the_directie_keeps_the_complaints_register_in_a_real_browser() {
    let app = TestApp::start(Backend::Sqlite);
    let person = app.client_named("Floor Klacht-Proef", "111222333");
    let today = zorgkluis_core::time::dutch_date(jiff::Timestamp::now());
    let ago = |days: i64| {
        today
            .checked_sub(jiff::Span::new().days(days))
            .unwrap()
            .to_string()
    };
    let (status, v) = app.post(
        Some("dir-1"),
        "/api/v1/complaints",
        &json!({"received": ago(50), "by": "nabestaande", "about": "Inzage in het dossier van een overleden cliënt geweigerd", "to_ap": true}),
    );
    assert_eq!(status, 201, "{v}");
    let late = v["id"].as_str().unwrap().to_owned();
    let driver = driver();
    let rt = tokio::runtime::Runtime::new().unwrap();
    rt.block_on(async {
        let b = browser(&driver, &app.base).await;
        b.login_with("dir-1", None).await;
        let home = b.text_with("Klachtenregister").await;
        assert!(home.contains("1 open klacht"), "{home}");
        b.scroll_to("#klachten-titel").await;
        b.check("start-directie-klachten").await;
        b.click_link("Naar het klachtenregister").await;
        b.text_with("Klacht vastleggen").await;
        b.date("ontvangen", &ago(12)).await;
        b.click("#door option[value=vertegenwoordiger]").await;
        b.fill(
            "over",
            "De zorgverlener besprak het dossier waar medebewoners bij waren",
        )
        .await;
        b.fill("client", &person).await;
        b.click("input[name=klachtenfunctionaris]").await;
        b.click("form[method=post][action='/toezicht/klachten'] button.primary")
            .await;
        let page = b.text_with("Termijn verlengen").await;
        assert!(page.contains("Floor Klacht-Proef"), "{page}");
        assert!(page.contains("Wkkgz art. 17 lid 1"), "{page}");
        no_raw_timestamps(&page);
        b.check("klacht").await;
        b.fill(
            "reden",
            "Gesprek met de betrokken zorgverlener na zijn verlof",
        )
        .await;
        b.click("form[action$=verlenging] button.primary").await;
        let page = b.text_with("schriftelijk meegedeeld op").await;
        assert!(!page.contains("Termijn verlengen"), "extended once: {page}");
        b.click_link("Terug naar het klachtenregister").await;
        let register = b.text_with("medebewoners").await;
        let over = register
            .find("dagen over de termijn")
            .expect("the late one");
        assert!(
            over < register.find("nog ").expect("the one in time"),
            "overdue on top: {register}"
        );
        assert!(register.contains("Floor Klacht-Proef"), "{register}");
        assert!(register.contains("ook bij de AP"), "{register}");
        no_raw_timestamps(&register);
        b.check("klachten").await;
        // Told today, after the six weeks: refused, the field named beside the form.
        b.goto(&format!("/toezicht/klachten/{late}")).await;
        let page = b.text_with("Termijn verlengen").await;
        assert!(page.contains("De eerste termijn is voorbij"), "{page}");
        b.fill("reden", "Pas nu bedacht").await;
        b.click("form[action$=verlenging] button.primary").await;
        let refused = b.text_with("(told)").await;
        assert!(refused.contains("Er is niets vastgelegd"), "{refused}");
        b.scroll_to("#verlengen").await;
        b.check("klacht-te-laat").await;
        b.c.close().await.unwrap();
    });
}

/// The do-not-contact register in a real browser, on Aliantus' reglement (the directie keeps
/// it, Doeleinden): from the home page and the client's dossier to the register, the client
/// put on for newsletters, the check that answers "niet benaderen" with its article.
#[test]
fn the_directie_keeps_the_do_not_contact_register_in_a_real_browser() {
    let app = TestApp::start_with(Backend::Sqlite, "aliantus", zorgkluis_testkit::STAFF);
    let person = app.client_named("Sanne Benader-Proef", "111222333");
    let driver = driver();
    let rt = tokio::runtime::Runtime::new().unwrap();
    rt.block_on(async {
        let b = browser(&driver, &app.base).await;
        b.login_with("dir-1", None).await;
        b.text_with("Register niet-benaderen").await;
        b.goto(&format!("/clienten/{person}")).await;
        b.text_with("Sanne Benader-Proef").await;
        b.click_link("Register niet-benaderen").await;
        b.text_with("Op het register zetten").await;
        b.click("#blok-doel option[value=nieuwsbrief]").await;
        b.click("form[method=post][action='/toezicht/niet-benaderen'] button.primary")
            .await;
        b.text_with("Staat op het register").await;
        b.click("#nagaan-doel option[value=nieuwsbrief]").await;
        b.click("form[method=get] button.primary").await;
        let page = b.text_with("Nee, niet benaderen").await;
        assert!(page.contains("AVG art. 21 lid 2 en 3"), "{page}");
        assert!(page.contains("nieuwsbrieven en informatie"), "{page}");
        no_raw_timestamps(&page);
        b.check("niet-benaderen").await;
        b.scroll_to("#register-titel").await;
        b.check("niet-benaderen-register").await;
        b.c.close().await.unwrap();
    });
}

/// The processor register in a real browser (issue 16 part 4): BG wonen's FG sees the overdue
/// review on top, marked, with Dutch dates, the assets below, and the forms; a review with
/// the next date before it is refused beside its field.
#[test]
fn the_fg_keeps_the_processor_register_in_a_real_browser() {
    let app = TestApp::start(Backend::Sqlite);
    let today = zorgkluis_core::time::dutch_date(jiff::Timestamp::now());
    let ago = |days: i64| {
        today
            .checked_sub(jiff::Span::new().days(days))
            .unwrap()
            .to_string()
    };
    let mut late = String::new();
    for (name, signed, countries) in [
        ("Voorbeeld Hosting BV", ago(200), json!(["NL", "DE"])),
        ("Voorbeeld ECD BV", ago(380), json!(["NL"])),
    ] {
        let (status, v) = app.post(
            Some("fg-1"),
            "/api/v1/processors",
            &json!({"processor": name, "processings": ["zorgverlening"], "categories": ["naw", "gezondheid"],
                    "countries": countries, "signed_on": signed, "subprocessors": ["Voorbeeld Back-up BV"],
                    "security": "Versleuteling in rust en tijdens transport; NEN 7510-gecertificeerd"}),
        );
        assert_eq!(status, 201, "{v}");
        late = v["id"].as_str().unwrap().to_owned();
    }
    let (status, v) = app.post(
        Some("fg-1"),
        "/api/v1/assets",
        &json!({"name": "Elektronisch cliëntdossier", "kind": "applicatie", "categories": ["naw", "gezondheid"],
                "country": "NL", "location": "Datacentrum", "agreement": late, "owner_role": "fg"}),
    );
    assert_eq!(status, 201, "{v}");
    let driver = driver();
    let rt = tokio::runtime::Runtime::new().unwrap();
    rt.block_on(async {
        let b = browser(&driver, &app.base).await;
        b.login_with("fg-1", Some(&app.second_factors["fg-1"]))
            .await;
        let home = b.text_with("Herziening verwerkersovereenkomst nodig").await;
        assert!(home.contains("Voorbeeld ECD BV"), "{home}");
        b.click_link("Naar het verwerkersregister").await;
        let page = b.text_with("Verwerkersovereenkomsten").await;
        let overdue = page.find("herziening te laat").expect("the overdue one");
        assert!(
            overdue < page.find("Voorbeeld Hosting BV").expect("the later one"),
            "overdue on top: {page}"
        );
        assert!(page.contains("Elektronisch cliëntdossier"), "{page}");
        no_raw_timestamps(&page);
        b.check("verwerkers").await;
        b.c.close().await.unwrap();
    });
}

/// The client portal in a real browser (issue 12 part 5): a client logs in with the portal
/// account the organisation issued, files an inzage and sees it with its deadline; a parent
/// files for a child of 10 he represents. Both backends.
fn clients_file_and_follow_requests_in_the_portal(backend: Backend) {
    let app = TestApp::start(backend);
    let today = zorgkluis_core::time::dutch_date(jiff::Timestamp::now());
    let person = |category: &str, name: &str, born: String| {
        let (status, v) = app.post(
            Some("admin-1"),
            "/api/v1/persons",
            &json!({"subject_category": category, "name": name, "birth_date": born}),
        );
        assert_eq!(status, 201, "{v}");
        v["id"].as_str().unwrap().to_owned()
    };
    let client = person("client", "Synthetische Portaalcliënt", "1970-03-04".into());
    let parent = person(
        "vertegenwoordiger",
        "Synthetische Ouder",
        "1985-01-01".into(),
    );
    let child = person(
        "client",
        "Synthetisch Kind",
        today
            .checked_sub(jiff::Span::new().years(10).days(1))
            .unwrap()
            .to_string(),
    );
    let (status, v) = app.post(
        Some("admin-1"),
        &format!("/api/v1/persons/{child}/representatives"),
        &json!({"by": parent, "ground": "ouder",
                "from": today.checked_sub(jiff::Span::new().years(1)).unwrap().to_string()}),
    );
    assert_eq!(status, 201, "{v}");
    let issue = |p: &str| {
        app.block_on(
            app.vault
                .accounts()
                .issue_portal(&zorgkluis_store::vault::Actor::system("test"), p),
        )
        .unwrap()
    };
    let (mine, theirs) = (issue(&client), issue(&parent));
    let driver = driver();
    let rt = tokio::runtime::Runtime::new().unwrap();
    rt.block_on(async {
        let b = browser(&driver, &app.base).await;
        let login = |user: String, password: String| {
            let b = &b;
            async move {
                b.goto("/login").await;
                b.fill("gebruiker", &user).await;
                b.fill("wachtwoord", &password).await;
                b.click("button[type=submit]").await;
                b.wait_until_not("/login").await;
            }
        };
        login(mine.login.clone(), mine.initial_password.clone()).await;
        assert_eq!(b.path().await, "/portaal");
        b.text_with("U hebt nog geen verzoeken ingediend").await;
        b.click_link("Een verzoek indienen").await;
        b.text_with("Wat vraagt u?").await;
        b.c.find(Locator::Css("#soort option[value=inzage]"))
            .await
            .unwrap()
            .click()
            .await
            .unwrap();
        b.fill("toelichting", "Ik wil mijn dossier inzien.").await;
        b.click("button.primary").await;
        let page = b.text_with("Stand van zaken").await;
        assert!(page.contains("uw verzoek is ontvangen"), "{page}");
        assert!(
            page.contains("Uiterlijk") || page.contains("uiterlijk"),
            "the deadline: {page}"
        );
        no_raw_timestamps(&page);
        b.check("portaal-verzoek").await;
        b.click_link("Terug naar mijn verzoeken").await;
        let home = b.text_with("uzelf").await;
        assert!(home.contains("inzage"), "{home}");
        b.check("portaal").await;
        b.logout().await;
        // A parent files for his child of 10.
        login(theirs.login.clone(), theirs.initial_password.clone()).await;
        b.click_link("Een verzoek indienen").await;
        b.text_with("Voor wie?").await;
        b.c.find(Locator::Css(&format!("#voor option[value='{child}']")))
            .await
            .unwrap()
            .click()
            .await
            .unwrap();
        b.click("button.primary").await;
        b.text_with("Stand van zaken").await;
        b.click_link("Terug naar mijn verzoeken").await;
        let home = b.text_with("Synthetisch Kind").await;
        assert!(home.contains("inzage"), "{home}");
        b.c.close().await.unwrap();
    });
    let (_, list) = app.get(Some("dir-1"), "/api/v1/requests");
    let of_child: Vec<&serde_json::Value> = list
        .as_array()
        .unwrap()
        .iter()
        .filter(|r| r["person_id"] == child.as_str())
        .collect();
    assert_eq!(of_child.len(), 1, "{list}");
    assert_eq!(of_child[0]["channel"], "portaal");
}

#[test]
fn clients_file_and_follow_requests_in_the_portal_sqlite() {
    clients_file_and_follow_requests_in_the_portal(Backend::Sqlite);
}

#[test]
fn clients_file_and_follow_requests_in_the_portal_postgres() {
    clients_file_and_follow_requests_in_the_portal(Backend::Postgres);
}

/// A transfer of care carried out from the export page (issue 13 part 7, BG wonen 3.9): the
/// handler names the successor and picks one of the reglement's channels; the transfer is
/// recorded, and what the law lets go is erased after it, the request's page showing the
/// certificate with what is kept and why (the invoice, on the fiscal seven years).
fn a_transfer_of_care_is_carried_out_from_its_export_page(backend: Backend) {
    let app = TestApp::start(backend);
    let person = app.client_named("Synthetische Overdrachtcliënt", "111222333");
    let (status, v) = app.post(
        Some("admin-1"),
        &format!("/api/v1/persons/{person}/records"),
        &json!({"category": "financieel", "text": "Synthetisch: factuur oktober"}),
    );
    assert_eq!(status, 201, "{v}");
    let today = zorgkluis_core::time::dutch_date(jiff::Timestamp::now()).to_string();
    let (status, v) = app.post(
        Some("dir-1"),
        "/api/v1/requests",
        &json!({"person": person, "type": "overdracht", "received": today, "channel": "schriftelijk"}),
    );
    assert_eq!(status, 201, "{v}");
    let id = v["id"].as_str().unwrap().to_owned();
    for (path, body) in [
        ("status", json!({"status": "identiteit_vastgesteld"})),
        ("status", json!({"status": "in_behandeling"})),
        ("decision", json!({"outcome": "toegewezen"})),
        ("release", json!({})),
    ] {
        let (status, v) = app.post(
            Some("dir-1"),
            &format!("/api/v1/requests/{id}/{path}"),
            &body,
        );
        assert!(status == 200 || status == 204, "{path}: {status} {v}");
    }
    let driver = driver();
    let rt = tokio::runtime::Runtime::new().unwrap();
    rt.block_on(async {
        let b = browser(&driver, &app.base).await;
        b.login_with("dir-1", None).await;
        b.goto(&format!("/verzoeken/{id}/export")).await;
        let page = b.text_with("Overdracht").await;
        for channel in [
            "persoonlijk overhandigd",
            "aangetekend per post",
            "beveiligde e-mail",
        ] {
            assert!(page.contains(channel), "{channel}: {page}");
        }
        assert!(page.contains("Synthetisch: pols 72"), "what goes: {page}");
        no_raw_timestamps(&page);
        b.scroll_to("form[action$=uitvoeren]").await;
        b.check("overdracht").await;
        b.fill("ontvanger", "Zorggroep De Opvolger").await;
        b.click("input[value=aangetekend]").await;
        b.click("form[action$=uitvoeren] button").await;
        b.wait_until_not(&format!("/verzoeken/{id}/export")).await;
        assert_eq!(b.path().await, format!("/verzoeken/{id}"));
        let done = b.text_with("Verwijderingsverklaring").await;
        assert!(
            done.contains("Na de overdracht van de zorg is gewist"),
            "{done}"
        );
        assert!(
            done.contains("52 lid 4 AWR"),
            "the invoice is kept, with its ground: {done}"
        );
        assert!(done.contains("7:455"), "{done}");
        no_raw_timestamps(&done);
        b.scroll_to("section.panel[aria-labelledby^=verklaring]")
            .await;
        b.check("overdracht-gewist").await;
        b.c.close().await.unwrap();
    });
    let (_, shown) = app.get(Some("dir-1"), &format!("/api/v1/requests/{id}"));
    assert_eq!(shown["status"], "uitgevoerd");
    let fg = zorgkluis_testkit::actor("fg-1", "fg");
    let ledger = app
        .block_on(app.vault.disclosures(&fg, Some(&person)))
        .unwrap();
    assert_eq!(ledger.len(), 1, "the transfer is in the ledger");
    assert_eq!(ledger[0].channel.as_deref(), Some("aangetekend"));
    assert_eq!(ledger[0].recipient.name, "Zorggroep De Opvolger");
}

#[test]
fn a_transfer_of_care_is_carried_out_from_its_export_page_sqlite() {
    a_transfer_of_care_is_carried_out_from_its_export_page(Backend::Sqlite);
}

#[test]
fn a_transfer_of_care_is_carried_out_from_its_export_page_postgres() {
    a_transfer_of_care_is_carried_out_from_its_export_page(Backend::Postgres);
}
