//! End-to-end tests of the web UI in a real browser: headless Chromium from Debian's packages,
//! driven through chromedriver (WebDriver) with fantoccini. With ZORGKLUIS_SCREENSHOTS=1 the
//! main pages are saved to docs/screenshots/.

use std::process::{Child, Command, Stdio};
use std::time::Duration;

use fantoccini::{Client, ClientBuilder, Locator};
use serde_json::json;

use crate::{App, PASSWORD};

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
            "chromedriver (Debian package chromium-driver) must be installed; .ci/run installs it",
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

async fn browser(driver: &Driver) -> Client {
    let profile = std::env::temp_dir().join(format!("zk-chromium-{}", uuid::Uuid::new_v4()));
    let caps = json!({
        "goog:chromeOptions": {
            "binary": "/usr/bin/chromium",
            "args": [
                "--headless=new", "--no-sandbox", "--disable-gpu", "--disable-dev-shm-usage",
                "--disable-quic", "--no-first-run", "--disable-background-networking",
                "--disable-component-update", "--disable-sync", "--window-size=1024,800",
                format!("--user-data-dir={}", profile.display()),
            ]
        }
    });
    let serde_json::Value::Object(caps) = caps else {
        unreachable!()
    };
    ClientBuilder::new(hyper_util::client::legacy::connect::HttpConnector::new())
        .capabilities(caps)
        .connect(&driver.url)
        .await
        .expect("a WebDriver session with headless Chromium")
}

async fn screenshot(c: &Client, name: &str) {
    if std::env::var("ZORGKLUIS_SCREENSHOTS").is_ok_and(|v| v == "1") {
        let png = c.screenshot().await.unwrap();
        let dir = std::path::Path::new(env!("CARGO_MANIFEST_DIR")).join("../../docs/screenshots");
        std::fs::create_dir_all(&dir).unwrap();
        std::fs::write(dir.join(format!("{name}.png")), png).unwrap();
    }
}

async fn login(c: &Client, base: &str, user: &str) {
    c.goto(&format!("{base}/login")).await.unwrap();
    c.find(Locator::Id("gebruiker"))
        .await
        .unwrap()
        .send_keys(user)
        .await
        .unwrap();
    c.find(Locator::Id("wachtwoord"))
        .await
        .unwrap()
        .send_keys(PASSWORD)
        .await
        .unwrap();
    c.find(Locator::Css("button[type=submit]"))
        .await
        .unwrap()
        .click()
        .await
        .unwrap();
    for _ in 0..50 {
        if !c.current_url().await.unwrap().as_str().ends_with("/login") {
            return;
        }
        tokio::time::sleep(Duration::from_millis(100)).await;
    }
    panic!("{user} could not log in");
}

async fn logout(c: &Client) {
    c.find(Locator::Css("header form button"))
        .await
        .unwrap()
        .click()
        .await
        .unwrap();
}

async fn text(c: &Client) -> String {
    c.find(Locator::Css("main"))
        .await
        .unwrap()
        .text()
        .await
        .unwrap()
}

/// The page's main text once it contains `needle` (a form post navigates asynchronously).
async fn text_with(c: &Client, needle: &str) -> String {
    let mut last = String::new();
    for _ in 0..50 {
        if let Ok(main) = c.find(Locator::Css("main")).await {
            last = main.text().await.unwrap_or_default();
            if last.contains(needle) {
                return last;
            }
        }
        tokio::time::sleep(Duration::from_millis(100)).await;
    }
    panic!("`{needle}` did not appear; the page says: {last}")
}

#[test]
fn staff_use_the_dossier_in_a_real_browser() {
    let app = App::start("sqlite");
    let mine = app.client();
    let (_, other) = app.post(
        Some("admin-1"),
        "/api/v1/persons",
        &json!({"subject_category": "client"}),
    );
    let other = other["id"].as_str().unwrap().to_owned();
    app.post(
        Some("admin-1"),
        &format!("/api/v1/persons/{other}/records"),
        &json!({"category": "naw", "text": "Demo Cliënt B, Voorbeeldstraat 2"}),
    );
    let base = app.base.clone();
    let driver = driver();
    let rt = tokio::runtime::Builder::new_current_thread()
        .enable_all()
        .build()
        .unwrap();
    rt.block_on(async {
        let c = browser(&driver).await;

        // A wrong password is refused on the page; a right one logs in.
        c.goto(&format!("{base}/login")).await.unwrap();
        screenshot(&c, "inloggen").await;
        c.find(Locator::Id("gebruiker"))
            .await
            .unwrap()
            .send_keys("zorg-1")
            .await
            .unwrap();
        c.find(Locator::Id("wachtwoord"))
            .await
            .unwrap()
            .send_keys("fout wachtwoord")
            .await
            .unwrap();
        c.find(Locator::Css("button[type=submit]"))
            .await
            .unwrap()
            .click()
            .await
            .unwrap();
        text_with(&c, "Onjuiste gebruikersnaam of wachtwoord").await;

        // A caregiver sees only the clients in their care team.
        login(&c, &base, "zorg-1").await;
        text_with(&c, "Mijn cliënten").await;
        let links = c.find_all(Locator::Css("#clienten a")).await.unwrap();
        assert_eq!(links.len(), 1, "only their own client");
        assert!(
            links[0]
                .attr("href")
                .await
                .unwrap()
                .unwrap()
                .ends_with(&mine)
        );
        screenshot(&c, "mijn-clienten").await;

        // A correction keeps the old value in the history.
        links[0].click().await.unwrap();
        c.find(Locator::Css(".record[data-category=gezondheid] summary"))
            .await
            .unwrap()
            .click()
            .await
            .unwrap();
        c.find(Locator::Css(".record[data-category=gezondheid] textarea"))
            .await
            .unwrap()
            .send_keys("Synthetisch: pols 70")
            .await
            .unwrap();
        c.find(Locator::Css(".record[data-category=gezondheid] button"))
            .await
            .unwrap()
            .click()
            .await
            .unwrap();
        let page = text_with(&c, "Synthetisch: pols 70").await;
        assert!(page.contains("Synthetisch: pols 72"), "{page}");
        assert!(page.contains("correctie"), "{page}");

        // The client's own statement is added beside the record, not in its place.
        let supplement = ".record[data-kind=correction] details.aanvulling";
        c.find(Locator::Css(&format!("{supplement} summary")))
            .await
            .unwrap()
            .click()
            .await
            .unwrap();
        c.find(Locator::Css(&format!("{supplement} textarea")))
            .await
            .unwrap()
            .send_keys("Cliënt: de pols was gemeten na het traplopen")
            .await
            .unwrap();
        c.find(Locator::Css(&format!("{supplement} button")))
            .await
            .unwrap()
            .click()
            .await
            .unwrap();
        let page = text_with(&c, "na het traplopen").await;
        assert!(page.contains("aanvulling van de cliënt"), "{page}");
        assert!(page.contains("Synthetisch: pols 70"), "the corrected record stays: {page}");
        screenshot(&c, "dossier-zorgverlener").await;
        logout(&c).await;
        text_with(&c, "Gebruikersnaam").await;
        c.goto(&format!("{base}/clienten")).await.unwrap();
        assert!(
            c.current_url().await.unwrap().as_str().ends_with("/login"),
            "logged out means logged out"
        );

        // Administration registers a client with an identity check; a bad BSN is refused.
        login(&c, &base, "admin-1").await;
        c.find(Locator::LinkText("Cliënt inschrijven")).await.unwrap().click().await.unwrap();
        text_with(&c, "Identiteitscontrole").await;
        let fill = |id: &'static str, value: &'static str| {
            let c = c.clone();
            async move { c.find(Locator::Id(id)).await.unwrap().send_keys(value).await.unwrap() }
        };
        fill("naw", "Demo Cliënt C, Voorbeeldstraat 3").await;
        fill("bsn", "123456789").await;
        fill("documentnummer", "XR7654321").await;
        c.execute("document.getElementById('gecontroleerd').value='2026-03-02';document.getElementById('geldig').value='2031-03-01';", vec![]).await.unwrap();
        screenshot(&c, "client-inschrijven").await;
        c.find(Locator::Css("button.primary")).await.unwrap().click().await.unwrap();
        text_with(&c, "Het BSN klopt niet").await;
        c.find(Locator::Id("naw")).await.unwrap().send_keys("Demo Cliënt C, Voorbeeldstraat 3").await.unwrap();
        c.find(Locator::Id("bsn")).await.unwrap().send_keys("123456782").await.unwrap();
        c.find(Locator::Id("documentnummer")).await.unwrap().send_keys("XR7654321").await.unwrap();
        c.execute("document.getElementById('gecontroleerd').value='2026-03-02';document.getElementById('geldig').value='2031-03-01';", vec![]).await.unwrap();
        c.find(Locator::Css("button.primary")).await.unwrap().click().await.unwrap();
        let page = text_with(&c, "Demo Cliënt C").await;
        assert!(page.contains("123456782"), "{page}");

        // Administration cannot open health records, and the page says why.
        c.goto(&format!("{base}/clienten/{mine}")).await.unwrap();
        text_with(&c, "Niet zichtbaar voor u").await;
        let withheld = c
            .find(Locator::Css(".withheld[data-category=gezondheid]"))
            .await
            .unwrap()
            .text()
            .await
            .unwrap();
        assert!(withheld.contains("Geweigerd"), "{withheld}");
        assert!(
            !text(&c).await.contains("pols"),
            "no health data on the page"
        );
        screenshot(&c, "dossier-administratie").await;
        logout(&c).await;

        // Emergency access demands a reason, then is granted and flagged.
        login(&c, &base, "zorg-2").await;
        c.goto(&format!("{base}/clienten/{mine}")).await.unwrap();
        c.find(Locator::LinkText("Noodtoegang"))
            .await
            .unwrap()
            .click()
            .await
            .unwrap();
        c.find(Locator::Css("button.primary"))
            .await
            .unwrap()
            .click()
            .await
            .unwrap();
        text_with(&c, "Noodtoegang vraagt een reden").await;
        screenshot(&c, "noodtoegang").await;
        c.find(Locator::Id("reden"))
            .await
            .unwrap()
            .send_keys("Cliënt onwel aangetroffen, eigen zorgverlener afwezig")
            .await
            .unwrap();
        c.find(Locator::Css("button.primary"))
            .await
            .unwrap()
            .click()
            .await
            .unwrap();
        let page = text_with(&c, "Noodtoegang verleend").await;
        assert!(page.contains("pols"), "{page}");
        logout(&c).await;

        // The privacy officer sees it in the review list and in the client's access log.
        login(&c, &base, "fg-1").await;
        c.goto(&format!("{base}/fg/noodtoegang")).await.unwrap();
        let review = text_with(&c, "zorg-2").await;
        assert!(review.contains("zorg-2"), "{review}");
        screenshot(&c, "fg-noodtoegang").await;
        c.goto(&format!("{base}/fg/clienten/{mine}/logging"))
            .await
            .unwrap();
        let log = text_with(&c, "Wie heeft dit dossier ingezien").await;
        assert!(log.contains("admin-1") && log.contains("denied"), "{log}");
        screenshot(&c, "fg-logging").await;

        // English is one click away.
        c.goto(&format!("{base}/clienten?taal=en")).await.unwrap();
        text_with(&c, "My clients").await;
        c.close().await.unwrap();
    });
}
