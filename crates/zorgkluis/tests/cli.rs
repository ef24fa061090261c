//! The `zorgkluis` command line as a user runs it: exit codes, JSON fields and messages.
#![allow(clippy::unwrap_used, clippy::expect_used, clippy::panic)]

use std::path::PathBuf;
use std::process::{Command, Output};

fn root() -> PathBuf {
    PathBuf::from(env!("CARGO_MANIFEST_DIR")).join("../..")
}

fn seed() -> String {
    root()
        .join("reglementen/bg-wonen.toml")
        .display()
        .to_string()
}

fn zorgkluis(args: &[&str]) -> Output {
    Command::new(env!("CARGO_BIN_EXE_zorgkluis"))
        .args(args)
        .env_remove("ZORGKLUIS_LANG")
        .output()
        .expect("run zorgkluis")
}

fn stdout(o: &Output) -> String {
    String::from_utf8_lossy(&o.stdout).into_owned()
}

fn stderr(o: &Output) -> String {
    String::from_utf8_lossy(&o.stderr).into_owned()
}

fn json(o: &Output) -> serde_json::Value {
    assert_eq!(o.status.code(), Some(0), "{}", stderr(o));
    serde_json::from_slice(&o.stdout).expect("JSON on stdout")
}

/// A file in a fresh temporary directory, removed with the directory when dropped.
struct TempFile {
    path: PathBuf,
    dir: tempfile::TempDir,
}

impl TempFile {
    fn new(name: &str, text: &str) -> TempFile {
        let dir = tempfile::Builder::new()
            .prefix("zorgkluis-cli-")
            .tempdir()
            .expect("temp dir");
        let path = dir.path().join(name);
        std::fs::write(&path, text).expect("write temp file");
        TempFile { path, dir }
    }

    fn path(&self) -> String {
        self.path.display().to_string()
    }
}

#[test]
fn check_accepts_a_valid_reglement_with_warnings_on_stderr() {
    let o = zorgkluis(&["reglement", "check", &seed()]);
    assert_eq!(o.status.code(), Some(0), "{}", stderr(&o));
    assert!(stdout(&o).contains("geldig (BG wonen"), "{}", stdout(&o));
    assert!(
        stderr(&o).contains("waarschuwing[reglement.fee_for_first_copy]"),
        "{}",
        stderr(&o)
    );
}

#[test]
fn check_rejects_an_invalid_reglement_with_exit_1_and_position() {
    let text = std::fs::read_to_string(seed()).expect("seed").replacen(
        "\"rapportage\", \"naw\"",
        "\"rapportages\", \"naw\"",
        1,
    );
    let file = TempFile::new("kapot.toml", &text);
    let line = text
        .lines()
        .position(|l| l.contains("\"rapportages\""))
        .expect("changed line")
        + 1;
    let o = zorgkluis(&["--lang", "en", "reglement", "check", &file.path()]);
    assert_eq!(o.status.code(), Some(1));
    let err = stderr(&o);
    assert!(
        err.contains(&format!("kapot.toml:{line}:"))
            && err.contains("error[reglement.unknown_category]"),
        "{err}"
    );
    assert!(err.contains("did you mean `rapportage`?"), "{err}");
    assert!(stdout(&o).contains("invalid"), "{}", stdout(&o));
}

#[test]
fn check_of_a_missing_file_is_bad_input() {
    let o = zorgkluis(&["reglement", "check", "/nonexistent/reglement.toml"]);
    assert_eq!(o.status.code(), Some(2));
    assert!(
        stderr(&o).contains("/nonexistent/reglement.toml"),
        "{}",
        stderr(&o)
    );
}

#[test]
fn deadline_json_has_the_three_dates_with_articles() {
    let o = zorgkluis(&[
        "reglement",
        "deadline",
        &seed(),
        "--request",
        "verwijdering",
        "--received",
        "2026-04-24",
        "--decided",
        "2026-05-01",
        "--json",
    ]);
    let v = json(&o);
    assert_eq!(v["respond_by"]["date"], "2026-05-22");
    assert_eq!(
        v["respond_by"]["articles"],
        serde_json::json!(["4.7", "4.8"])
    );
    assert_eq!(v["execute_by"]["date"], "2026-05-26");
    assert_eq!(v["execute_by"]["articles"], serde_json::json!(["4.8"]));
    assert_eq!(v["erase_by"]["date"], "2026-05-26");
    assert_eq!(
        v["erase_by"]["considered"].as_array().map(Vec::len),
        Some(3)
    );
}

#[test]
fn deadline_without_json_is_a_dutch_sentence_citing_articles() {
    let o = zorgkluis(&[
        "reglement",
        "deadline",
        &seed(),
        "--request",
        "inzage",
        "--received",
        "2026-03-02",
    ]);
    assert_eq!(o.status.code(), Some(0));
    let out = stdout(&o);
    assert!(
        out.contains("moet uiterlijk 2026-03-30 beantwoord zijn"),
        "{out}"
    );
    assert!(out.contains("art. 4.4, 4.5"), "{out}");
    let en = zorgkluis(&[
        "--lang",
        "en",
        "reglement",
        "deadline",
        &seed(),
        "--request",
        "inzage",
        "--received",
        "2026-03-02",
    ]);
    assert!(
        stdout(&en).contains("must be answered by 2026-03-30"),
        "{}",
        stdout(&en)
    );
}

#[test]
fn a_bad_date_is_exit_2_naming_the_flag() {
    for bad in ["2026-02-30", "30-03-2026", "morgen"] {
        let o = zorgkluis(&[
            "reglement",
            "deadline",
            &seed(),
            "--request",
            "inzage",
            "--received",
            bad,
        ]);
        assert_eq!(o.status.code(), Some(2), "{bad}");
        assert!(stderr(&o).contains("--received"), "{}", stderr(&o));
    }
}

#[test]
fn an_unknown_request_type_is_exit_2_listing_the_types() {
    let o = zorgkluis(&[
        "reglement",
        "deadline",
        &seed(),
        "--request",
        "inzien",
        "--received",
        "2026-03-02",
    ]);
    assert_eq!(o.status.code(), Some(2));
    assert!(stderr(&o).contains("overdraagbaarheid"), "{}", stderr(&o));
}

#[test]
fn retention_json_fields() {
    let o = zorgkluis(&[
        "reglement",
        "retention",
        &seed(),
        "--category",
        "gezondheid",
        "--created",
        "2019-03-01",
        "--last-change",
        "2024-02-29",
        "--json",
    ]);
    let v = json(&o);
    assert_eq!(v["retain_until"], "2044-02-29");
    assert_eq!(v["destroy_by"], "2044-05-29");
    assert_eq!(v["articles"], serde_json::json!(["3.4", "3.8"]));
}

fn seed_named(name: &str) -> String {
    root().join("reglementen").join(name).display().to_string()
}

#[test]
fn reglement_retention_json_shows_the_laws_answer_and_its_article() {
    // Aliantus writes 15 years from creation; the WGBO says 20 from the last change.
    let o = zorgkluis(&[
        "reglement",
        "retention",
        &seed_named("aliantus.toml"),
        "--category",
        "gezondheid",
        "--created",
        "2021-03-01",
        "--last-change",
        "2023-06-15",
        "--json",
    ]);
    let v = json(&o);
    assert_eq!(v["retain_until"], "2043-06-15");
    assert_eq!(v["articles"][0], "art. 7:454 lid 3 BW");
    assert_eq!(v["period"], "20 jaar");
    assert_eq!(v["from"], "laatste_wijziging");
    assert_eq!(v["law"][0]["article"], "art. 7:454 lid 3 BW");
    assert_eq!(v["law"][0]["limit"], "minimum");
    assert_eq!(v["law"][0]["source"], "wet");
    assert_eq!(v["reglement_term"]["retain_until"], "2036-03-01");
    assert_eq!(v["reglement_term"]["articles"][0], "Verantwoordelijk");
}

#[test]
fn reglement_retention_on_a_date_applies_the_law_of_then() {
    let alpo = seed_named("alpo-zorg.toml");
    let run = |on: &str| {
        zorgkluis(&[
            "reglement",
            "retention",
            &alpo,
            "--category",
            "gezondheid",
            "--created",
            "2010-03-01",
            "--on",
            on,
        ])
    };
    let o = run("2019-06-01");
    assert_eq!(o.status.code(), Some(0), "{}", stderr(&o));
    let text = stdout(&o);
    assert!(
        text.contains("2025-03-01") && text.contains("15 jaar"),
        "{text}"
    );
    assert!(text.contains("art. 7:454 lid 3 BW"), "{text}");
    let o = run("2026-12-01");
    assert!(stdout(&o).contains("2030-03-01"), "{}", stdout(&o));
    let o = run("2019-02-30");
    assert_eq!(o.status.code(), Some(2));
    assert!(stderr(&o).contains("--on"), "{}", stderr(&o));
}

#[test]
fn reglement_retention_camera_footage_keeps_the_maximum() {
    // BG wonen 7.1 without its own zero-day window (as before the seed review): the year of 3.5
    // would keep the footage 13 months; the law's maximum answers.
    let text = std::fs::read_to_string(seed()).expect("seed").replacen(
        "vernietigen_binnen = \"0 dagen\"\nartikel = \"7.1\"",
        "artikel = \"7.1\"",
        1,
    );
    let file = TempFile::new("bg-wonen-camera.toml", &text);
    let o = zorgkluis(&[
        "reglement",
        "retention",
        &file.path(),
        "--category",
        "camerabeelden",
        "--created",
        "2026-04-27",
        "--json",
    ]);
    let v = json(&o);
    assert_eq!(v["destroy_by"], "2026-05-25");
    assert_eq!(v["law"][0]["limit"], "maximum");
    assert_eq!(v["law"][0]["source"], "richtsnoer");
    assert_eq!(v["reglement_term"]["destroy_by"], "2027-05-25");
}

#[test]
fn reglement_check_warns_naming_the_law() {
    let o = zorgkluis(&["reglement", "check", &seed_named("rondomzorg.toml")]);
    assert_eq!(o.status.code(), Some(0), "{}", stderr(&o));
    let err = stderr(&o);
    // The warning names the line of the 7-year term, wherever it moves in the file.
    let line: usize = err
        .lines()
        .find(|l| l.contains("reglement.retention_below_wgbo"))
        .and_then(|l| l.split("rondomzorg.toml:").nth(1))
        .and_then(|rest| rest.split(':').next())
        .and_then(|n| n.parse().ok())
        .expect("file:line:column");
    let text = std::fs::read_to_string(seed_named("rondomzorg.toml")).unwrap();
    assert_eq!(
        text.lines().nth(line - 1),
        Some("termijn = \"7 jaar\""),
        "{err}"
    );
    assert!(err.contains("reglement.retention_below_wgbo"), "{err}");
    assert!(err.contains("art. 7.3.8 Jeugdwet"), "{err}");
    assert!(
        !err.contains("reglement.destruction_above_ceiling"),
        "7.1's own window: {err}"
    );
}

#[test]
fn retention_needs_the_date_its_rule_counts_from() {
    let o = zorgkluis(&[
        "reglement",
        "retention",
        &seed(),
        "--category",
        "camerabeelden",
    ]);
    assert_eq!(o.status.code(), Some(2));
    assert!(stderr(&o).contains("--created"), "{}", stderr(&o));
}

#[test]
fn disclose_json_fields() {
    let o = zorgkluis(&[
        "reglement",
        "disclose",
        &seed(),
        "--recipient",
        "gemeente",
        "--category",
        "bsn",
        "--json",
    ]);
    let v = json(&o);
    assert_eq!(v["allowed"], true);
    assert_eq!(v["needs_consent"], false);
    assert_eq!(v["consent_form"], "geen");
    assert_eq!(v["notify_subject"], true);
    assert_eq!(v["articles"], serde_json::json!(["2.3", "2.5"]));
}

#[test]
fn disclose_with_consent_and_objection_flags() {
    let seed = seed();
    let run = |extra: &[&str]| {
        let mut a = vec![
            "reglement",
            "disclose",
            seed.as_str(),
            "--recipient",
            "auditor",
            "--category",
            "gezondheid",
            "--json",
        ];
        a.extend_from_slice(extra);
        json(&zorgkluis(&a))
    };
    assert_eq!(run(&[])["allowed"], false);
    assert_eq!(run(&["--consent"])["allowed"], true);
    assert_eq!(run(&["--consent", "--objection"])["allowed"], false);
    assert_eq!(run(&[])["consent_form"], "schriftelijk");
}

/// The GP practice's 4.10, a temporary measure (1 October to 31 December 2026): the GGD
/// receives contact data for a vaccination invitation on a day inside it, not after it (the
/// default then governs and the dated rule is named); and 4.7's ban, which no consent lifts.
#[test]
fn disclose_takes_the_day_and_the_purpose() {
    let gp = seed_named("huisartsenpraktijk.toml");
    let run = |extra: &[&str]| {
        let mut a = vec!["reglement", "disclose", gp.as_str(), "--json"];
        a.extend_from_slice(extra);
        json(&zorgkluis(&a))
    };
    let ggd = [
        "--recipient",
        "ggd",
        "--category",
        "contact",
        "--purpose",
        "vaccinatie_uitnodiging",
    ];
    let inside = run(&[&ggd[..], &["--on", "2026-11-02"]].concat());
    assert_eq!(inside["allowed"], true, "{inside}");
    assert!(
        inside["articles"][0].as_str().unwrap().starts_with("4.10 "),
        "{inside}"
    );
    assert_eq!(inside["not_in_force"], serde_json::json!([]), "{inside}");
    let after = run(&[&ggd[..], &["--on", "2027-01-04"]].concat());
    assert_eq!(after["allowed"], false, "{after}");
    assert!(
        after["not_in_force"][0]["article"]
            .as_str()
            .unwrap()
            .starts_with("4.10 "),
        "{after}"
    );
    let o = zorgkluis(&[
        "reglement",
        "disclose",
        gp.as_str(),
        "--recipient",
        "ggd",
        "--category",
        "contact",
        "--on",
        "2027-13-01",
    ]);
    assert_eq!(o.status.code(), Some(2), "a bad day is bad input");
    assert!(stderr(&o).contains("--on"), "{}", stderr(&o));
    let banned = run(&[
        "--recipient",
        "commerciele_partij",
        "--category",
        "naw",
        "--consent",
    ]);
    assert_eq!(banned["allowed"], false, "{banned}");
    assert_eq!(banned["banned"], true, "{banned}");
}

#[test]
fn an_unknown_recipient_is_exit_2_with_a_suggestion() {
    let o = zorgkluis(&[
        "reglement",
        "disclose",
        &seed(),
        "--recipient",
        "gemeent",
        "--category",
        "bsn",
    ]);
    assert_eq!(o.status.code(), Some(2));
    assert!(
        stderr(&o).contains("bedoelt u `gemeente`?"),
        "{}",
        stderr(&o)
    );
}

#[test]
fn show_renders_the_register_in_three_formats() {
    let md = zorgkluis(&["reglement", "show", &seed()]);
    assert_eq!(md.status.code(), Some(0));
    let md = stdout(&md);
    assert!(md.starts_with("# Verwerkingsregister — BG wonen"), "{md}");
    assert!(
        md.contains("| Grondslag | uitvoering van een overeenkomst"),
        "{md}"
    );

    let html = stdout(&zorgkluis(&[
        "reglement",
        "show",
        &seed(),
        "--format",
        "html",
    ]));
    assert!(
        html.starts_with("<!DOCTYPE html>") && html.contains("<html lang=\"nl\">"),
        "{html}"
    );
    assert!(
        html.contains("<th scope=\"row\">Bewaartermijnen</th>"),
        "{html}"
    );

    let v = json(&zorgkluis(&[
        "reglement",
        "show",
        &seed(),
        "--format",
        "json",
    ]));
    let ids: Vec<&str> = v["processings"]
        .as_array()
        .expect("processings")
        .iter()
        .filter_map(|p| p["id"].as_str())
        .collect();
    assert!(
        ids.contains(&"zorgverlening") && ids.contains(&"cameratoezicht"),
        "{ids:?}"
    );
}

#[test]
fn decisions_refuse_an_invalid_reglement() {
    let file = TempFile::new("leeg.toml", "formaat = 1\n");
    let o = zorgkluis(&[
        "reglement",
        "deadline",
        &file.path(),
        "--request",
        "inzage",
        "--received",
        "2026-03-02",
    ]);
    assert_eq!(o.status.code(), Some(1));
    assert!(stderr(&o).contains("leeg.toml:1:1"), "{}", stderr(&o));
}

#[test]
fn an_installation_from_init_to_restore() {
    let dir = TempFile::new("placeholder", "");
    let data = dir.dir.path().join("data");
    let data = data.display().to_string();
    let run = |args: &[&str]| {
        let mut all = vec!["--data-dir", data.as_str()];
        all.extend_from_slice(args);
        zorgkluis(&all)
    };
    let o = run(&["init", "--reglement", &seed(), "--tenant", "bg-wonen"]);
    assert_eq!(o.status.code(), Some(0), "{}", stderr(&o));
    assert!(stdout(&o).contains("Installatie klaar"), "{}", stdout(&o));
    let key = std::path::Path::new(&data).join("master.key");
    #[cfg(unix)]
    {
        use std::os::unix::fs::PermissionsExt as _;
        let mode = std::fs::metadata(&key).unwrap().permissions().mode() & 0o777;
        assert_eq!(mode, 0o600, "the key file is owner-only");
    }
    let backup = std::path::Path::new(&data)
        .join("backup.db")
        .display()
        .to_string();
    assert_eq!(run(&["backup", &backup]).status.code(), Some(0));
    assert_eq!(run(&["keys", "rotate"]).status.code(), Some(0));
    let verify = run(&["audit", "verify", "--json"]);
    let report = json(&verify);
    assert_eq!(report["findings"], serde_json::json!([]));
    let restored = run(&["restore", &backup]);
    assert_eq!(restored.status.code(), Some(0), "{}", stderr(&restored));
    let verify = run(&["audit", "verify"]);
    assert_eq!(verify.status.code(), Some(0), "{}", stdout(&verify));
    assert!(
        stdout(&verify).starts_with("Auditlog intact"),
        "{}",
        stdout(&verify)
    );
}

#[test]
fn audit_commands_without_an_installation_say_what_to_do() {
    let dir = TempFile::new("placeholder", "");
    let data = dir.dir.path().join("none").display().to_string();
    let o = zorgkluis(&["--data-dir", &data, "audit", "verify"]);
    assert_eq!(o.status.code(), Some(2));
    assert!(stderr(&o).contains("zorgkluis init"), "{}", stderr(&o));
}

#[test]
fn init_refuses_an_invalid_reglement_and_creates_nothing() {
    let bad = TempFile::new("kapot.toml", "formaat = 1\n");
    let data = bad.dir.path().join("data");
    let o = zorgkluis(&[
        "--data-dir",
        &data.display().to_string(),
        "init",
        "--reglement",
        &bad.path(),
    ]);
    assert_eq!(o.status.code(), Some(1));
    assert!(!data.exists(), "nothing was created");
}

#[test]
fn decide_json_fields_and_explanation() {
    let o = zorgkluis(&[
        "reglement",
        "decide",
        &seed(),
        "--role",
        "zorgverlener",
        "--action",
        "read",
        "--category",
        "gezondheid",
        "--care-relationship",
        "--json",
    ]);
    let v = json(&o);
    assert_eq!(v["decision"], "allow");
    assert_eq!(v["articles"], serde_json::json!(["2.2"]));
    assert_eq!(
        v["explanation"],
        "Toegestaan volgens het reglement (art. 2.2)."
    );

    let o = zorgkluis(&[
        "reglement",
        "decide",
        &seed(),
        "--role",
        "administratie",
        "--action",
        "read",
        "--category",
        "gezondheid",
        "--json",
    ]);
    let v = json(&o);
    assert_eq!(v["decision"], "deny");
    assert!(
        v["explanation"].as_str().unwrap().starts_with("Geweigerd"),
        "{v}"
    );

    let o = zorgkluis(&[
        "reglement",
        "decide",
        &seed(),
        "--role",
        "zorgverlener",
        "--action",
        "read",
        "--category",
        "gezondheid",
        "--emergency",
        "bewusteloos aangetroffen",
        "--json",
    ]);
    let v = json(&o);
    assert_eq!(v["decision"], "allow");
    assert_eq!(v["review_required"], true);
}

#[test]
fn decide_rejects_unknown_ids_and_actions_with_exit_2() {
    let o = zorgkluis(&[
        "reglement",
        "decide",
        &seed(),
        "--role",
        "zorgverlenner",
        "--action",
        "read",
        "--category",
        "naw",
    ]);
    assert_eq!(o.status.code(), Some(2));
    assert!(stderr(&o).contains("`zorgverlener`"), "{}", stderr(&o));
    let o = zorgkluis(&[
        "reglement",
        "decide",
        &seed(),
        "--role",
        "zorgverlener",
        "--action",
        "lezen",
        "--category",
        "naw",
    ]);
    assert_eq!(o.status.code(), Some(2));
    assert!(stderr(&o).contains("read, write"), "{}", stderr(&o));
}

#[test]
fn policies_prints_cedar_with_articles() {
    let o = zorgkluis(&["reglement", "policies", &seed()]);
    assert_eq!(o.status.code(), Some(0));
    let out = stdout(&o);
    assert!(
        out.contains("@artikel(\"2.2\")") && out.contains("permit ("),
        "{out}"
    );
    assert!(out.contains("forbid ("), "{out}");
    let schema = stdout(&zorgkluis(&["reglement", "policies", &seed(), "--schema"]));
    assert!(schema.contains("namespace Zorgkluis"), "{schema}");
}

#[test]
fn check_validates_the_organisations_own_policies() {
    let text = std::fs::read_to_string(seed()).unwrap().replacen(
        "formaat = 1\n",
        "formaat = 1\ncedar_beleid = \"eigen.cedar\"\n",
        1,
    );
    let reglement = TempFile::new("r.toml", &text);
    let dir = reglement.dir.path();
    std::fs::write(
        dir.join("eigen.cedar"),
        "permit (principal, action, resource)\nwhen { resource.team == \"a\" };\n",
    )
    .unwrap();
    let o = zorgkluis(&["--lang", "en", "reglement", "check", &reglement.path()]);
    assert_eq!(o.status.code(), Some(1), "{}", stdout(&o));
    assert!(stderr(&o).contains("eigen.cedar:2:"), "{}", stderr(&o));
    std::fs::write(dir.join("eigen.cedar"), "forbid (principal, action == Zorgkluis::Action::\"export\", resource)\nwhen { resource.special };\n").unwrap();
    let o = zorgkluis(&["reglement", "check", &reglement.path()]);
    assert_eq!(o.status.code(), Some(0), "{}", stderr(&o));
}

/// The README's first command: `zorgkluis demo` creates the demo organisation and serves it.
#[test]
fn demo_creates_the_organisation_and_serves_it() {
    use std::io::{BufRead as _, Read as _, Write as _};
    let dir = TempFile::new("placeholder", "");
    let data = dir.dir.path().join("demo").display().to_string();
    let mut child = Command::new(env!("CARGO_BIN_EXE_zorgkluis"))
        .args(["--data-dir", &data, "demo", "--listen", "127.0.0.1:0"])
        .env_remove("ZORGKLUIS_LANG")
        .stdout(std::process::Stdio::piped())
        .stderr(std::process::Stdio::null())
        .spawn()
        .unwrap();
    let mut lines = std::io::BufReader::new(child.stdout.take().unwrap()).lines();
    let mut printed = Vec::new();
    let address = loop {
        let line = lines.next().expect("the demo prints its address").unwrap();
        if let Some(a) = line
            .split("http://")
            .nth(1)
            .filter(|_| line.contains("luistert op"))
        {
            break a.trim().to_owned();
        }
        printed.push(line);
    };
    let admin_token = printed
        .iter()
        .find(|l| l.trim_start().starts_with("admin-1"))
        .and_then(|l| l.split_whitespace().nth(2))
        .expect("a token for admin-1")
        .to_owned();
    let get = |path: &str, token: Option<&str>| {
        let mut s = std::net::TcpStream::connect(&address).unwrap();
        let auth = token
            .map(|t| format!("Authorization: Bearer {t}\r\n"))
            .unwrap_or_default();
        write!(
            s,
            "GET {path} HTTP/1.1\r\nHost: {address}\r\n{auth}Connection: close\r\n\r\n"
        )
        .unwrap();
        let mut out = String::new();
        s.read_to_string(&mut out).unwrap();
        out
    };
    assert!(get("/health", None).starts_with("HTTP/1.1 200"));
    let persons = get("/api/v1/persons", Some(&admin_token));
    assert!(persons.starts_with("HTTP/1.1 200"), "{persons}");
    assert!(
        persons.matches('-').count() >= 12 * 4,
        "twelve client ids: {persons}"
    );

    // Every login the demo prints works in the real login form, with the printed password,
    // and lands on that user's own home page.
    let logins = printed
        .iter()
        .find(|l| l.starts_with("Inloggen op "))
        .expect("the demo prints its logins");
    let (users, password) = logins
        .split_once(": gebruikers ")
        .and_then(|(_, rest)| rest.split_once(", wachtwoord "))
        .expect("Inloggen op URL: gebruikers A, B, wachtwoord W");
    let users: Vec<&str> = users.split(", ").collect();
    let mut expected_users: Vec<&str> = HOME_PAGES.iter().map(|(u, _)| *u).collect();
    expected_users.sort_unstable();
    let mut printed_users = users.clone();
    printed_users.sort_unstable();
    assert_eq!(printed_users, expected_users, "{logins}");
    // The staff whose role needs a second factor get a key, printed with the command that
    // gives its code.
    let keys: std::collections::HashMap<&str, &str> = printed
        .iter()
        .filter_map(|l| l.split_once(" logt in met een tweede factor: zet sleutel "))
        .filter_map(|(user, rest)| Some((user, rest.split_once(' ')?.0)))
        .collect();
    assert_eq!(keys.keys().collect::<Vec<_>>(), [&"fg-1"], "{printed:?}");
    let web = Web::new(&address);
    let mut first_client = None;
    for user in &users {
        let home = web.login(user, password, keys.get(user).copied());
        let heading = HOME_PAGES.iter().find(|(u, _)| u == user).unwrap().1;
        assert!(
            home.contains(&format!("<h1>{heading}</h1>")),
            "{user} lands on {heading}: {home}"
        );
        let own = match *user {
            "zorg-1" => Some(&DEMO_CLIENTS[..6]),
            "zorg-2" => Some(&DEMO_CLIENTS[6..]),
            _ => None,
        };
        if let Some(own) = own {
            for name in own {
                assert!(home.contains(name), "{user} sees {name}: {home}");
            }
            for name in DEMO_CLIENTS.iter().filter(|n| !own.contains(n)) {
                assert!(!home.contains(name), "{user} does not see {name}");
            }
            if *user == "zorg-1" {
                // The link whose text is the first client's name: `/clienten/<id>">Anna ...`.
                let before = home
                    .split_once(&format!("\">{}</a>", DEMO_CLIENTS[0]))
                    .map(|(before, _)| before);
                first_client = before
                    .and_then(|b| b.rsplit_once("/clienten/"))
                    .map(|(_, id)| id.to_owned());
            }
        }
    }
    // A wrong password is refused with the form again, in Dutch.
    let (status, page) = web.try_login("zorg-1", "niet-het-wachtwoord", None);
    assert_eq!(status, 401, "{page}");
    assert!(
        page.contains("Onjuiste gebruikersnaam of wachtwoord."),
        "{page}"
    );
    child.kill().unwrap();
    let _ = child.wait();

    // The audit log of zorg-1's first client shows who looked, in Dutch time and words.
    let person = first_client.expect("zorg-1's home page links to a client");
    let o = zorgkluis(&["--data-dir", &data, "audit", "show", "--person", &person]);
    assert_eq!(o.status.code(), Some(0), "{}", stderr(&o));
    let out = stdout(&o);
    let mut lines = out.lines();
    assert_eq!(
        lines.next(),
        Some(format!("Wie heeft dit dossier ingezien: {person}").as_str()),
        "{out}"
    );
    let events: Vec<&str> = lines.filter(|l| !l.is_empty()).collect();
    assert!(events.len() >= 4, "register, records, care team: {out}");
    for line in &events {
        assert!(starts_with_dutch_moment(line), "a Dutch time: {line}");
        assert!(line.contains("  doel: "), "{line}");
    }
    assert!(
        events
            .iter()
            .any(|l| l.contains("  zorg-1 (zorgverlener)  write gezondheid  ")),
        "zorg-1 wrote the health record: {out}"
    );
}

/// The demo's staff and the title of their home page.
const HOME_PAGES: &[(&str, &str)] = &[
    ("zorg-1", "Mijn cliënten"),
    ("zorg-2", "Mijn cliënten"),
    ("admin-1", "Inschrijving en zoeken"),
    ("fg-1", "Privacydashboard"),
    ("dir-1", "Overzicht van de organisatie"),
];

/// The demo's synthetic clients in the order it registers them: zorg-1 cares for the first
/// six, zorg-2 for the others (crates/zorgkluis/src/demo.rs).
const DEMO_CLIENTS: &[&str] = &[
    "Anna van Dalenveld",
    "Bram Kortewind",
    "Chantal Hoogerbrug",
    "Daan Westerkamp",
    "Eva Lindeboom",
    "Fatima el Amrani-Proef",
    "Gerrit Zonnebloem",
    "Hanna de Wilgenhof",
    "Ismail Bergwaard",
    "Joke Ravensteyn-Demo",
    "Karel Duinkerk",
    "Lotte Vermeulenhof",
];

/// "1 december 2026, 09:51" at the start of `line`.
fn starts_with_dutch_moment(line: &str) -> bool {
    const MONTHS: &[&str] = &[
        "januari",
        "februari",
        "maart",
        "april",
        "mei",
        "juni",
        "juli",
        "augustus",
        "september",
        "oktober",
        "november",
        "december",
    ];
    let mut words = line.splitn(4, ' ');
    let (Some(day), Some(month), Some(year), Some(rest)) =
        (words.next(), words.next(), words.next(), words.next())
    else {
        return false;
    };
    let digits = |s: &str, n: std::ops::RangeInclusive<usize>| {
        n.contains(&s.len()) && s.bytes().all(|b| b.is_ascii_digit())
    };
    let time = rest.get(..5).unwrap_or("");
    digits(day, 1..=2)
        && MONTHS.contains(&month)
        && year.strip_suffix(',').is_some_and(|y| digits(y, 4..=4))
        && time.as_bytes().get(2) == Some(&b':')
        && digits(&time[..2], 2..=2)
        && digits(&time[3..], 2..=2)
}

/// A browser without a cookie store: the login form's cookie and the session cookie are
/// carried by hand, and redirects are not followed (so their cookies can be read).
struct Web {
    base: String,
    agent: ureq::Agent,
}

impl Web {
    fn new(address: &str) -> Web {
        let agent: ureq::Agent = ureq::Agent::config_builder()
            .http_status_as_error(false)
            .max_redirects(0)
            .build()
            .into();
        Web {
            base: format!("http://{address}"),
            agent,
        }
    }

    /// The `name=value` pairs a response sets, without those it removes.
    fn cookies(resp: &ureq::http::Response<ureq::Body>) -> Vec<(String, String)> {
        resp.headers()
            .get_all("set-cookie")
            .iter()
            .filter_map(|v| v.to_str().ok())
            .filter_map(|v| v.split(';').next()?.split_once('='))
            .filter(|(_, value)| !value.is_empty())
            .map(|(n, v)| (n.trim().to_owned(), v.trim().to_owned()))
            .collect()
    }

    /// Posts the login form as `user`: the status and the page it answers with (for a
    /// success, the redirect's target fetched with the session cookie).
    fn try_login(&self, user: &str, password: &str, key: Option<&str>) -> (u16, String) {
        let mut form = self
            .agent
            .get(format!("{}/login", self.base))
            .call()
            .unwrap();
        assert_eq!(form.status().as_u16(), 200);
        let login_cookie = Self::cookies(&form)
            .into_iter()
            .find(|(n, _)| n == "zk_login")
            .expect("the login form sets zk_login");
        let html = form.body_mut().read_to_string().unwrap();
        let csrf = html
            .split("name=\"csrf\" value=\"")
            .nth(1)
            .and_then(|rest| rest.split('"').next())
            .expect("the form's hidden csrf field")
            .to_owned();
        assert_eq!(csrf, login_cookie.1, "double submit: the same token");
        let mut resp = self
            .agent
            .post(format!("{}/login", self.base))
            .header("Cookie", format!("zk_login={}", login_cookie.1))
            .send_form([
                ("gebruiker", user),
                ("wachtwoord", password),
                ("csrf", csrf.as_str()),
            ])
            .unwrap();
        let status = resp.status().as_u16();
        if status != 303 {
            return (status, resp.body_mut().read_to_string().unwrap_or_default());
        }
        let location = resp
            .headers()
            .get("location")
            .and_then(|v| v.to_str().ok())
            .unwrap_or_default()
            .to_owned();
        let session: Vec<String> = Self::cookies(&resp)
            .into_iter()
            .filter(|(n, _)| n != "zk_login")
            .map(|(n, v)| format!("{n}={v}"))
            .collect();
        assert!(!session.is_empty(), "a session cookie for {user}");
        let location = match key {
            Some(key) => self.give_code(&location, &session.join("; "), key),
            None => location,
        };
        let mut home = self
            .agent
            .get(format!("{}{location}", self.base))
            .header("Cookie", session.join("; "))
            .call()
            .unwrap();
        (
            home.status().as_u16(),
            home.body_mut().read_to_string().unwrap(),
        )
    }

    /// Logs in as `user` and returns the home page it lands on.
    /// The second factor's page at `location` (where the login sent the session), with the
    /// code the printed command gives for `key`; returns where that sends the session.
    fn give_code(&self, location: &str, cookie: &str, key: &str) -> String {
        assert_eq!(
            location, "/login/code",
            "the code is asked after the password"
        );
        let mut page = self
            .agent
            .get(format!("{}{location}", self.base))
            .header("Cookie", cookie)
            .call()
            .unwrap();
        let html = page.body_mut().read_to_string().unwrap();
        assert!(html.contains("authenticator-app"), "{html}");
        let csrf = html
            .split("name=\"csrf\" value=\"")
            .nth(1)
            .and_then(|rest| rest.split('"').next())
            .expect("the form's hidden csrf field")
            .to_owned();
        let o = zorgkluis(&["user", "totp-code", "--secret", key]);
        assert_eq!(o.status.code(), Some(0), "{}", stderr(&o));
        let code = stdout(&o).trim().to_owned();
        assert_eq!(code.len(), 6, "{code}");
        let resp = self
            .agent
            .post(format!("{}{location}", self.base))
            .header("Cookie", cookie)
            .send_form([("code", code.as_str()), ("csrf", csrf.as_str())])
            .unwrap();
        assert_eq!(resp.status().as_u16(), 303, "the code is taken");
        resp.headers()
            .get("location")
            .and_then(|v| v.to_str().ok())
            .unwrap_or_default()
            .to_owned()
    }

    fn login(&self, user: &str, password: &str, key: Option<&str>) -> String {
        let (status, page) = self.try_login(user, password, key);
        assert_eq!(status, 200, "{user} logs in: {page}");
        page
    }
}

#[test]
fn token_add_prints_a_token_once() {
    let dir = TempFile::new("placeholder", "");
    let data = dir.dir.path().join("data").display().to_string();
    assert_eq!(
        zorgkluis(&["--data-dir", &data, "init", "--reglement", &seed()])
            .status
            .code(),
        Some(0)
    );
    let o = zorgkluis(&[
        "--data-dir",
        &data,
        "token",
        "add",
        "--name",
        "ecd",
        "--role",
        "zorgverlener",
    ]);
    assert_eq!(o.status.code(), Some(0), "{}", stderr(&o));
    assert!(
        stdout(&o).trim().starts_with("zk_") && stdout(&o).trim().len() == 67,
        "{}",
        stdout(&o)
    );
    let o = zorgkluis(&[
        "--data-dir",
        &data,
        "token",
        "add",
        "--name",
        "ecd",
        "--role",
        "zorgverlener",
    ]);
    assert_eq!(o.status.code(), Some(2), "the name is taken");
    let o = zorgkluis(&[
        "--data-dir",
        &data,
        "token",
        "add",
        "--name",
        "x",
        "--role",
        "baas",
    ]);
    assert_eq!(o.status.code(), Some(2));
    assert!(stderr(&o).contains("role"), "{}", stderr(&o));

    let list = |json: bool| {
        let mut args = vec!["--data-dir", &data, "token", "list"];
        if json {
            args.push("--json");
        }
        zorgkluis(&args)
    };
    let o = list(false);
    assert_eq!(o.status.code(), Some(0), "{}", stderr(&o));
    assert!(
        stdout(&o).starts_with("ecd\tzorgverlener\t") && stdout(&o).contains("geldig"),
        "{}",
        stdout(&o)
    );
    assert!(!stdout(&o).contains("zk_"), "a list never shows a token");
    let revoke = || zorgkluis(&["--data-dir", &data, "token", "revoke", "--name", "ecd"]);
    let o = revoke();
    assert_eq!(o.status.code(), Some(0), "{}", stderr(&o));
    assert!(stdout(&o).contains("ingetrokken"), "{}", stdout(&o));
    let o = revoke();
    assert_eq!(o.status.code(), Some(2), "revoked already");
    assert!(stderr(&o).contains("token ecd"), "{}", stderr(&o));
    let o = list(true);
    let tokens: serde_json::Value = serde_json::from_str(&stdout(&o)).unwrap();
    assert_eq!(tokens[0]["name"], "ecd");
    assert!(tokens[0]["revoked_at"].is_string(), "{tokens}");
}

/// `user disable`, `user password`, `user totp` and `token add --expires` (review M5, the
/// second factor): each refuses bad
/// input naming it, with exit 2, and does its work.
#[test]
fn accounts_are_disabled_passwords_set_and_tokens_expire_from_the_command_line() {
    let dir = TempFile::new("placeholder", "");
    let data = dir.dir.path().join("data").display().to_string();
    let run = |args: &[&str], password: Option<&str>| {
        let mut cmd = Command::new(env!("CARGO_BIN_EXE_zorgkluis"));
        cmd.arg("--data-dir")
            .arg(&data)
            .args(args)
            .env_remove("ZORGKLUIS_LANG");
        match password {
            Some(p) => cmd.env("ZORGKLUIS_PASSWORD", p),
            None => cmd.env_remove("ZORGKLUIS_PASSWORD"),
        };
        cmd.stdin(std::process::Stdio::null())
            .output()
            .expect("run zorgkluis")
    };
    let o = run(
        &["init", "--reglement", &seed(), "--tenant", "bg-wonen"],
        None,
    );
    assert_eq!(o.status.code(), Some(0), "{}", stderr(&o));
    let o = run(
        &["user", "add", "--id", "j.jansen", "--role", "zorgverlener"],
        Some("paars konijn op de fiets"),
    );
    assert_eq!(o.status.code(), Some(0), "{}", stderr(&o));

    // Weak passwords are refused, at account creation as at a reset.
    for weak in ["kort", "Wachtwoord2026!", "j.jansen-en-nog-wat"] {
        let o = run(&["user", "password", "j.jansen"], Some(weak));
        assert_eq!(o.status.code(), Some(2), "{weak}: {}", stdout(&o));
        assert!(stderr(&o).contains("password"), "{weak}: {}", stderr(&o));
    }
    let o = run(
        &["user", "add", "--id", "p.pieters", "--role", "zorgverlener"],
        Some("welkom12345!"),
    );
    assert_eq!(o.status.code(), Some(2), "{}", stdout(&o));
    let o = run(
        &["user", "password", "j.jansen"],
        Some("groene appel in de herfstzon"),
    );
    assert_eq!(o.status.code(), Some(0), "{}", stderr(&o));
    assert!(
        stdout(&o).contains("Wachtwoord ingesteld voor j.jansen"),
        "{}",
        stdout(&o)
    );
    // Read from standard input when the variable is not set.
    let mut child = Command::new(env!("CARGO_BIN_EXE_zorgkluis"))
        .args(["--data-dir", &data, "user", "password", "j.jansen"])
        .env_remove("ZORGKLUIS_PASSWORD")
        .env_remove("ZORGKLUIS_LANG")
        .stdin(std::process::Stdio::piped())
        .stdout(std::process::Stdio::piped())
        .stderr(std::process::Stdio::piped())
        .spawn()
        .unwrap();
    {
        use std::io::Write as _;
        child
            .stdin
            .take()
            .unwrap()
            .write_all(b"blauwe fiets langs de gracht\n")
            .unwrap();
    }
    let o = child.wait_with_output().unwrap();
    assert_eq!(o.status.code(), Some(0), "{}", stderr(&o));

    // A second factor: the key and its otpauth address are printed; the printed key gives
    // six-digit codes; a key that is no base32 and an id that is no account are refused.
    let o = run(&["user", "totp", "j.jansen"], None);
    assert_eq!(o.status.code(), Some(0), "{}", stderr(&o));
    let out = stdout(&o);
    assert!(
        out.contains("Tweede factor ingesteld voor j.jansen"),
        "{out}"
    );
    assert!(out.contains("otpauth://totp/zorgkluis:j.jansen?"), "{out}");
    let key = out
        .split("sleutel: ")
        .nth(1)
        .and_then(|rest| rest.split_whitespace().next())
        .expect("the key is printed")
        .to_owned();
    let o = run(&["user", "totp-code", "--secret", &key], None);
    assert_eq!(o.status.code(), Some(0), "{}", stderr(&o));
    let code = stdout(&o).trim().to_owned();
    assert!(
        code.len() == 6 && code.chars().all(|c| c.is_ascii_digit()),
        "{code}"
    );
    let o = run(&["user", "totp-code", "--secret", "geen base32!"], None);
    assert_eq!(o.status.code(), Some(2));
    assert!(stderr(&o).contains("secret"), "{}", stderr(&o));
    let o = run(&["user", "totp", "niemand"], None);
    assert_eq!(o.status.code(), Some(2), "{}", stdout(&o));
    let o = run(&["user", "totp", "j.jansen", "--remove"], None);
    assert_eq!(o.status.code(), Some(0), "{}", stderr(&o));
    assert!(
        stdout(&o).contains("Tweede factor verwijderd"),
        "{}",
        stdout(&o)
    );

    let o = run(&["user", "disable", "j.jansen"], None);
    assert_eq!(o.status.code(), Some(0), "{}", stderr(&o));
    assert!(
        stdout(&o).contains("Account uitgeschakeld: j.jansen"),
        "{}",
        stdout(&o)
    );
    let o = run(&["user", "disable", "j.jansen"], None);
    assert_eq!(o.status.code(), Some(2), "disabled already: {}", stdout(&o));
    let o = run(&["user", "disable", "niemand"], None);
    assert_eq!(o.status.code(), Some(2), "{}", stdout(&o));

    // Tokens: an expiry that is no date, moment or duration, or one in the past, is refused.
    let o = run(
        &[
            "token",
            "add",
            "--name",
            "ecd",
            "--role",
            "zorgverlener",
            "--expires",
            "morgen",
        ],
        None,
    );
    assert_eq!(o.status.code(), Some(2));
    assert!(stderr(&o).contains("--expires `morgen`"), "{}", stderr(&o));
    let o = run(
        &[
            "token",
            "add",
            "--name",
            "ecd",
            "--role",
            "zorgverlener",
            "--expires",
            "2020-01-01",
        ],
        None,
    );
    assert_eq!(o.status.code(), Some(2));
    assert!(stderr(&o).contains("expires"), "{}", stderr(&o));
    let o = run(
        &[
            "token",
            "add",
            "--name",
            "ecd",
            "--role",
            "zorgverlener",
            "--expires",
            "90d",
        ],
        None,
    );
    assert_eq!(o.status.code(), Some(0), "{}", stderr(&o));
    let o = run(
        &[
            "token",
            "add",
            "--name",
            "billing",
            "--role",
            "administratie",
            "--expires",
            "2099-12-31",
        ],
        None,
    );
    assert_eq!(o.status.code(), Some(0), "{}", stderr(&o));
    let o = run(&["token", "list", "--json"], None);
    let tokens = json(&o);
    let expiry = |name: &str| {
        tokens
            .as_array()
            .unwrap()
            .iter()
            .find(|t| t["name"] == name)
            .and_then(|t| t["expires_at"].as_str())
            .and_then(|at| at.parse::<jiff::Timestamp>().ok())
            .unwrap_or_else(|| panic!("{name}: {tokens}"))
    };
    let in_90_days = jiff::Timestamp::now() + jiff::SignedDuration::from_hours(90 * 24);
    assert!((expiry("ecd") - in_90_days).abs() < jiff::SignedDuration::from_mins(5));
    // Through 31 December, Dutch time: midnight in Amsterdam is 23:00 UTC in winter.
    assert_eq!(expiry("billing").to_string(), "2099-12-31T23:00:00Z");
    let o = run(&["token", "list"], None);
    assert!(stdout(&o).contains("geldig tot"), "{}", stdout(&o));
}

fn erase(extra: &[&str]) -> Output {
    let seed = seed();
    let mut args = vec!["reglement", "erase", seed.as_str()];
    args.extend_from_slice(extra);
    zorgkluis(&args)
}

#[test]
fn erase_json_has_the_decision_its_grounds_with_articles_and_erase_by() {
    let refused = json(&erase(&[
        "--category",
        "financieel",
        "--received",
        "2026-03-02",
        "--created",
        "2022-05-10",
        "--legal-hold",
        "--json",
    ]));
    assert_eq!(refused["decision"], "refuse", "{refused}");
    assert_eq!(refused["erase_by"], serde_json::Value::Null);
    let grounds = refused["grounds"].as_array().expect("grounds");
    let ids: Vec<&str> = grounds
        .iter()
        .map(|g| g["id"].as_str().expect("id"))
        .collect();
    assert_eq!(ids, ["fiscale_bewaarplicht", "rechtsvordering"]);
    assert!(
        grounds[0]["article"]
            .as_str()
            .expect("article")
            .contains("art. 52 lid 4 AWR"),
        "{refused}"
    );
    assert!(
        grounds[1]["article"]
            .as_str()
            .expect("article")
            .contains("AVG art. 17 lid 3 sub e")
    );
    // The reason is prose: its date written out, the JSON's own fields keep ISO dates.
    assert!(
        grounds[0]["reason"]
            .as_str()
            .expect("reason")
            .to_lowercase()
            .contains("31 december 2029"),
        "{refused}"
    );

    let granted = json(&erase(&[
        "--category",
        "rapportage",
        "--received",
        "2026-03-02",
        "--created",
        "2024-09-01",
        "--json",
    ]));
    assert_eq!(granted["decision"], "grant", "{granted}");
    assert_eq!(granted["erase_by"], "2026-06-02");
    assert_eq!(granted["grounds"], serde_json::json!([]));

    // Plain text is Dutch and cites the article.
    let o = erase(&[
        "--category",
        "erfelijk",
        "--received",
        "2026-03-02",
        "--third-party-interest",
    ]);
    assert_eq!(o.status.code(), Some(0), "{}", stderr(&o));
    let text = stdout(&o);
    assert!(
        text.starts_with("Verwijdering van `erfelijk` wordt afgewezen"),
        "{text}"
    );
    assert!(text.contains("art. 7:455 lid 2 BW"), "{text}");
}

#[test]
fn erase_with_a_bad_date_or_category_is_exit_2_naming_it() {
    for (flag, bad) in [
        ("--received", "2026-02-30"),
        ("--created", "01-03-2020"),
        ("--last-change", "gisteren"),
        ("--care-ended", "2026-13-01"),
    ] {
        let mut args = vec!["--category", "rapportage"];
        if flag != "--received" {
            args.extend(["--received", "2026-03-02"]);
        }
        args.extend([flag, bad]);
        let o = erase(&args);
        assert_eq!(o.status.code(), Some(2), "{flag} {bad}");
        assert!(stderr(&o).contains(flag), "{flag}: {}", stderr(&o));
    }
    let o = erase(&["--category", "rapportages", "--received", "2026-03-02"]);
    assert_eq!(o.status.code(), Some(2));
    assert!(stderr(&o).contains("rapportages"), "{}", stderr(&o));
    // A fiscal record needs the date its seven years count from.
    let o = erase(&["--category", "financieel", "--received", "2026-03-02"]);
    assert_eq!(o.status.code(), Some(2));
    assert!(stderr(&o).contains("--created"), "{}", stderr(&o));
}

fn represent(extra: &[&str]) -> Output {
    let alpo = root()
        .join("reglementen/alpo-zorg.toml")
        .display()
        .to_string();
    let mut args = vec![
        "reglement",
        "represent",
        alpo.as_str(),
        "--request",
        "inzage",
    ];
    args.extend_from_slice(extra);
    zorgkluis(&args)
}

#[test]
fn represent_json_has_exactly_the_four_fields() {
    let o = represent(&[
        "--requester",
        "ouder",
        "--subject-born",
        "2012-01-10",
        "--on",
        "2026-03-02",
        "--json",
    ]);
    let v = json(&o);
    let keys: Vec<&String> = v.as_object().expect("object").keys().collect();
    assert_eq!(keys, ["allowed", "also_needed", "reason", "articles"]);
    assert_eq!(v["allowed"], true);
    assert_eq!(v["also_needed"].as_array().expect("list").len(), 2);
    assert!(
        v["articles"][0]
            .as_str()
            .expect("article")
            .contains("7:450")
    );
    assert!(
        v["reason"].as_str().expect("reason").contains("14 jaar"),
        "{v}"
    );
}

#[test]
fn represent_a_proxy_with_and_without_authorisation() {
    let base = [
        "--requester",
        "gemachtigde",
        "--subject-born",
        "1970-01-01",
        "--on",
        "2026-03-02",
        "--json",
    ];
    let without = json(&represent(&base));
    assert_eq!(without["allowed"], false);
    assert!(
        without["reason"]
            .as_str()
            .expect("reason")
            .contains("machtiging")
    );
    let mut with = base.to_vec();
    with.push("--authorisation");
    assert_eq!(json(&represent(&with))["allowed"], true);
}

#[test]
fn represent_an_heir_in_english_and_in_plain_text() {
    let o = zorgkluis(&[
        "--lang",
        "en",
        "reglement",
        "represent",
        &seed(),
        "--request",
        "afschrift",
        "--requester",
        "nabestaande",
        "--subject-born",
        "1940-01-10",
        "--subject-deceased",
        "2025-11-01",
        "--on",
        "2026-03-02",
        "--ground",
        "zwaarwegend_belang",
    ]);
    assert_eq!(o.status.code(), Some(0), "{}", stderr(&o));
    let text = stdout(&o);
    assert!(text.starts_with("After the death on 2025-11-01"), "{text}");
    assert!(text.contains("Also needed: "), "{text}");
    assert!(text.contains("art. 7:458a lid 1 sub c BW"), "{text}");
}

#[test]
fn represent_rejects_bad_input_with_exit_2_naming_the_flag() {
    let cases: [(&[&str], &str); 5] = [
        (
            &[
                "--requester",
                "buurman",
                "--subject-born",
                "1970-01-01",
                "--on",
                "2026-03-02",
            ],
            "--requester",
        ),
        (
            &[
                "--requester",
                "ouder",
                "--subject-born",
                "2016-02-30",
                "--on",
                "2026-03-02",
            ],
            "--subject-born",
        ),
        (
            &[
                "--requester",
                "ouder",
                "--subject-born",
                "2016-01-01",
                "--on",
                "morgen",
            ],
            "--on",
        ),
        (
            &[
                "--requester",
                "curator",
                "--subject-born",
                "1960-01-01",
                "--on",
                "2026-03-02",
                "--ground",
                "bewind",
            ],
            "--ground",
        ),
        (
            &[
                "--requester",
                "betrokkene",
                "--subject-born",
                "2027-01-01",
                "--on",
                "2026-03-02",
            ],
            "--subject-born",
        ),
    ];
    for (args, flag) in cases {
        let o = represent(args);
        assert_eq!(o.status.code(), Some(2), "{args:?}: {}", stderr(&o));
        assert!(stderr(&o).contains(flag), "{args:?}: {}", stderr(&o));
    }
    let o = zorgkluis(&[
        "reglement",
        "represent",
        &seed(),
        "--request",
        "inzien",
        "--requester",
        "betrokkene",
        "--subject-born",
        "1970-01-01",
        "--on",
        "2026-03-02",
    ]);
    assert_eq!(o.status.code(), Some(2));
    assert!(stderr(&o).contains("--request"), "{}", stderr(&o));
}

/// A configured location that cannot be right (a directory that does not exist, a mirror
/// that is the file it mirrors) is refused naming the field and its variable, with exit 2,
/// before anything is opened: the installation still verifies afterwards.
#[test]
fn a_bad_location_is_refused_naming_the_field() {
    let dir = TempFile::new("placeholder", "");
    let data = dir.dir.path().join("data").display().to_string();
    let run = |args: &[&str], env: &[(&str, String)]| {
        let mut cmd = Command::new(env!("CARGO_BIN_EXE_zorgkluis"));
        cmd.arg("--data-dir")
            .arg(&data)
            .args(args)
            .env_remove("ZORGKLUIS_LANG");
        for (k, v) in env {
            cmd.env(k, v);
        }
        cmd.output().expect("run zorgkluis")
    };
    let o = run(
        &["init", "--reglement", &seed(), "--tenant", "bg-wonen"],
        &[],
    );
    assert_eq!(o.status.code(), Some(0), "{}", stderr(&o));
    let missing = dir.dir.path().join("bestaat-niet/checkpoints.log");
    let o = run(
        &["audit", "verify"],
        &[("ZORGKLUIS_CHECKPOINT_LOG", missing.display().to_string())],
    );
    assert_eq!(o.status.code(), Some(2), "{}", stdout(&o));
    let err = stderr(&o);
    assert!(
        err.contains("`checkpoint_log`") && err.contains("ZORGKLUIS_CHECKPOINT_LOG"),
        "{err}"
    );
    assert!(err.contains("bestaat niet"), "{err}");
    let log = dir.dir.path().join("checkpoints.log").display().to_string();
    let o = run(
        &["audit", "verify"],
        &[
            ("ZORGKLUIS_CHECKPOINT_LOG", log.clone()),
            ("ZORGKLUIS_CHECKPOINT_MIRROR", log),
        ],
    );
    assert_eq!(o.status.code(), Some(2), "{}", stdout(&o));
    assert!(stderr(&o).contains("`checkpoint_mirror`"), "{}", stderr(&o));
    let key = format!("{data}/master.key");
    let o = run(&["audit", "verify"], &[("ZORGKLUIS_KEY_STORE", key)]);
    assert_eq!(o.status.code(), Some(2), "{}", stdout(&o));
    assert!(stderr(&o).contains("`key_store`"), "{}", stderr(&o));
    assert!(!missing.exists());
    let o = run(&["audit", "verify"], &[]);
    assert_eq!(o.status.code(), Some(0), "nothing changed: {}", stderr(&o));
}

/// `reglement breach` and `reglement complaint`: the JSON fields scripts read, and a moment or
/// date that is none refused naming the flag.
#[test]
fn the_breach_and_complaint_clocks_answer_in_json() {
    let o = zorgkluis(&[
        "reglement",
        "breach",
        &seed(),
        "--discovered",
        "2026-03-28T20:00",
        "--json",
    ]);
    assert_eq!(o.status.code(), Some(0), "{}", stderr(&o));
    let v: serde_json::Value = serde_json::from_str(&stdout(&o)).unwrap();
    assert_eq!(v["notify_ap_by"], "2026-03-31T21:00:00+02:00", "{v}");
    assert!(
        v["articles"]
            .as_array()
            .unwrap()
            .iter()
            .any(|a| a == "AVG art. 33 lid 1"),
        "{v}"
    );
    let o = zorgkluis(&["reglement", "breach", &seed(), "--discovered", "vrijdag"]);
    assert_eq!(o.status.code(), Some(2));
    assert!(stderr(&o).contains("--discovered"), "{}", stderr(&o));

    let o = zorgkluis(&[
        "reglement",
        "complaint",
        &seed(),
        "--received",
        "2026-11-13",
        "--extended",
        "--json",
    ]);
    assert_eq!(o.status.code(), Some(0), "{}", stderr(&o));
    let v: serde_json::Value = serde_json::from_str(&stdout(&o)).unwrap();
    assert_eq!(v["decide_by"], "2027-01-22", "{v}");
    assert!(
        v["articles"]
            .as_array()
            .unwrap()
            .iter()
            .any(|a| a == "Wkkgz art. 17 lid 2"),
        "{v}"
    );
    let o = zorgkluis(&[
        "reglement",
        "complaint",
        &seed(),
        "--received",
        "13-11-2026",
    ]);
    assert_eq!(o.status.code(), Some(2));
    assert!(stderr(&o).contains("--received"), "{}", stderr(&o));
}

/// An installation with a client born in 1980 and the directie's account `dir-1`, which BG
/// wonen gives the requests (4.7). No command registers persons, so the library does.
fn installation_with_a_client() -> (TempFile, String, String) {
    let dir = TempFile::new("placeholder", "");
    let data = dir.dir.path().join("data").display().to_string();
    let o = zorgkluis(&[
        "--data-dir",
        &data,
        "init",
        "--reglement",
        &seed(),
        "--tenant",
        "bg-wonen",
    ]);
    assert_eq!(o.status.code(), Some(0), "{}", stderr(&o));
    let add = Command::new(env!("CARGO_BIN_EXE_zorgkluis"))
        .args([
            "--data-dir",
            &data,
            "user",
            "add",
            "--id",
            "dir-1",
            "--role",
            "directie",
        ])
        .env("ZORGKLUIS_PASSWORD", "een-lang-genoeg-wachtwoord")
        .output()
        .unwrap();
    assert_eq!(add.status.code(), Some(0), "{}", stderr(&add));
    let source = std::fs::read_to_string(seed()).unwrap();
    let reglement =
        zorgkluis_core::Reglement::load("bg-wonen.toml", &source, zorgkluis_core::Lang::En)
            .unwrap();
    let policy =
        std::sync::Arc::new(zorgkluis_policy::CedarPolicy::compile(&reglement, None).unwrap());
    let location = zorgkluis_store::Location::embedded(std::path::Path::new(&data));
    let person = tokio::runtime::Runtime::new().unwrap().block_on(async {
        let vault =
            zorgkluis_store::vault::Vault::open(&location, "bg-wonen", reglement, &source, policy)
                .await
                .unwrap();
        let admin = zorgkluis_store::vault::Actor {
            user_id: "admin-1".into(),
            role: "administratie".into(),
            on_behalf_of: None,
            source: "test".into(),
            supervised: false,
        };
        let person = vault
            .register_person(
                &admin,
                &zorgkluis_store::vault::NewPerson {
                    subject_category: "client".into(),
                    bsn: None,
                    facts: Some(zorgkluis_store::vault::PersonFacts {
                        name: "Synthetische Cliënt".into(),
                        birth_date: Some(jiff::civil::date(1980, 5, 1)),
                        client_number: None,
                    }),
                },
                "intake",
            )
            .await
            .unwrap();
        vault.close().await;
        person
    });
    (dir, data, person)
}

#[test]
fn a_request_is_filed_listed_decided_and_shown() {
    let (_dir, data, person) = installation_with_a_client();
    let run = |args: &[&str]| {
        let mut all = vec!["--data-dir", data.as_str(), "request"];
        all.extend_from_slice(args);
        zorgkluis(&all)
    };
    let today = zorgkluis_core::time::dutch_date(jiff::Timestamp::now()).to_string();
    let filed = json(&run(&[
        "file",
        "--as",
        "dir-1",
        "--person",
        &person,
        "--type",
        "correctie",
        "--received",
        &today,
        "--channel",
        "email",
        "--changes",
        "mijn adres klopt niet",
        "--json",
    ]));
    let id = filed["id"].as_str().expect("the request's id").to_owned();
    assert_eq!(filed["identity_required"], true, "BG wonen 4.7");
    assert!(filed["respond_by"].as_str().is_some(), "{filed}");
    assert!(filed["requester"]["allowed"].as_bool().unwrap());
    let list = json(&run(&["list", "--as", "dir-1", "--open", "--json"]));
    assert_eq!(list[0]["id"], id.as_str());
    assert_eq!(list[0]["status"], "ontvangen");
    let o = run(&["identify", "--as", "dir-1", &id]);
    assert_eq!(o.status.code(), Some(0), "{}", stderr(&o));
    let o = run(&[
        "decide",
        "--as",
        "dir-1",
        &id,
        "--outcome",
        "afgewezen",
        "--ground",
        "1.5/1",
    ]);
    assert_eq!(o.status.code(), Some(0), "{}", stderr(&o));
    assert!(stdout(&o).contains("afgewezen"), "{}", stdout(&o));
    let shown = json(&run(&["show", "--as", "dir-1", &id, "--json"]));
    assert_eq!(shown["status"], "besloten");
    assert_eq!(shown["channel"], "email");
    assert_eq!(shown["decision"]["outcome"], "afgewezen");
    assert_eq!(
        shown["decision"]["grounds"][0]["articles"][0],
        "1.5 (AVG art. 12 lid 3 en lid 5)"
    );
    assert_eq!(shown["details"]["changes"], "mijn adres klopt niet");
    let steps: Vec<&str> = shown["timeline"]
        .as_array()
        .unwrap()
        .iter()
        .filter(|e| e["action"] != "request_read")
        .map(|e| e["step"].as_str().unwrap())
        .collect();
    assert_eq!(
        steps,
        [
            "verzoek-ingediend",
            "verzoek-identiteit-vastgesteld",
            "verzoek-besloten"
        ]
    );
    let verify = zorgkluis(&["--data-dir", &data, "audit", "verify"]);
    assert_eq!(verify.status.code(), Some(0), "{}", stderr(&verify));
}

/// `request execute --ground` carries out a decided afscherming by restricting, and `request
/// lift` lifts it once the client was told; without a ground it exits 2 naming the flag.
#[test]
fn request_execute_restricts_on_its_ground_and_lift_lifts_it() {
    let (_dir, data, person) = installation_with_a_client();
    let run = |args: &[&str]| {
        let mut all = vec!["--data-dir", data.as_str(), "request"];
        all.extend_from_slice(args);
        zorgkluis(&all)
    };
    let today = zorgkluis_core::time::dutch_date(jiff::Timestamp::now()).to_string();
    let filed = json(&run(&[
        "file",
        "--as",
        "dir-1",
        "--person",
        &person,
        "--type",
        "afscherming",
        "--received",
        &today,
        "--json",
    ]));
    let id = filed["id"].as_str().unwrap().to_owned();
    for step in [
        vec!["identify", "--as", "dir-1", &id],
        vec!["decide", "--as", "dir-1", &id, "--outcome", "toegewezen"],
    ] {
        let o = run(&step);
        assert_eq!(o.status.code(), Some(0), "{step:?}: {}", stderr(&o));
    }
    let o = run(&["execute", "--as", "dir-1", &id]);
    assert_eq!(o.status.code(), Some(2), "{}", stdout(&o));
    assert!(stderr(&o).contains("--ground"), "{}", stderr(&o));
    let placed = json(&run(&[
        "execute",
        "--as",
        "dir-1",
        &id,
        "--ground",
        "bezwaar_in_behandeling",
        "--json",
    ]));
    assert_eq!(
        placed[0]["category"],
        serde_json::Value::Null,
        "everything: {placed}"
    );
    assert_eq!(placed[0]["article"], "AVG art. 18 lid 1 sub d");
    let restriction = placed[0]["id"].as_str().unwrap().to_owned();
    let shown = json(&run(&["show", "--as", "dir-1", &id, "--json"]));
    assert_eq!(shown["status"], "uitgevoerd");
    let o = run(&["lift", "--as", "dir-1", &restriction, "--told-on", &today]);
    assert_eq!(o.status.code(), Some(0), "{}", stderr(&o));
    assert!(stdout(&o).contains("opgeheven"), "{}", stdout(&o));
    let o = run(&["lift", "--as", "dir-1", &restriction, "--told-on", &today]);
    assert_eq!(o.status.code(), Some(2), "lifted once: {}", stdout(&o));
}

/// `request execute` carries out a decided inzage once its export was released: it writes the
/// export as HTML (to print or save as PDF) and JSON, prints their paths and marks the request
/// carried out. Unreleased, or of a type it does not carry out, it exits 2 naming why, and
/// writes nothing.
#[test]
fn request_execute_writes_the_export_files_and_prints_their_paths() {
    let (dir, data, person) = installation_with_a_client();
    let run = |args: &[&str]| {
        let mut all = vec!["--data-dir", data.as_str(), "request"];
        all.extend_from_slice(args);
        zorgkluis(&all)
    };
    let today = zorgkluis_core::time::dutch_date(jiff::Timestamp::now()).to_string();
    let decided = |kind: &str| {
        let filed = json(&run(&[
            "file",
            "--as",
            "dir-1",
            "--person",
            &person,
            "--type",
            kind,
            "--received",
            &today,
            "--json",
        ]));
        let id = filed["id"].as_str().unwrap().to_owned();
        for step in [
            vec!["identify", "--as", "dir-1", &id],
            vec!["decide", "--as", "dir-1", &id, "--outcome", "toegewezen"],
        ] {
            let o = run(&step);
            assert_eq!(o.status.code(), Some(0), "{step:?}: {}", stderr(&o));
        }
        id
    };
    let out = dir.dir.path().join("export");
    let out = out.display().to_string();
    let id = decided("inzage");
    // Not released: refused naming the release, nothing written.
    let o = run(&["execute", "--as", "dir-1", &id, "--out", &out]);
    assert_eq!(o.status.code(), Some(2), "{}", stdout(&o));
    assert!(stderr(&o).contains("release: "), "{}", stderr(&o));
    assert!(!std::path::Path::new(&out).exists(), "nothing written");
    // A correction is not carried out by an export: the type is named.
    let correction = decided("correctie");
    let o = run(&["execute", "--as", "dir-1", &correction, "--out", &out]);
    assert_eq!(o.status.code(), Some(2));
    assert!(stderr(&o).contains("correctie"), "{}", stderr(&o));
    // Reviewed and released, it is carried out: two files, their paths printed.
    let review = json(&run(&["review", "--as", "dir-1", &id]));
    assert_eq!(review["release"]["released"], false);
    let o = run(&["release", "--as", "dir-1", &id]);
    assert_eq!(o.status.code(), Some(0), "{}", stderr(&o));
    let done = json(&run(&[
        "execute", "--as", "dir-1", &id, "--out", &out, "--json",
    ]));
    assert_eq!(done["executed_on"], today.as_str());
    assert_eq!(done["type"], "inzage");
    let files: Vec<&str> = done["files"]
        .as_array()
        .unwrap()
        .iter()
        .map(|f| f.as_str().unwrap())
        .collect();
    assert_eq!(files.len(), 2, "{done}");
    assert!(
        files[0].ends_with(&format!("inzage-{id}.html")),
        "{files:?}"
    );
    assert!(
        files[1].ends_with(&format!("inzage-{id}.json")),
        "{files:?}"
    );
    let html = std::fs::read_to_string(files[0]).unwrap();
    assert!(html.starts_with("<!DOCTYPE html>"), "{html}");
    assert!(html.contains("Inzage in uw persoonsgegevens"), "{html}");
    assert!(
        html.contains("Synthetische Cliënt") && html.contains("@media print"),
        "{html}"
    );
    let export: serde_json::Value =
        serde_json::from_str(&std::fs::read_to_string(files[1]).unwrap()).unwrap();
    assert_eq!(export["format"], "zorgkluis-export/1");
    assert_eq!(export["subject"]["facts"]["name"], "Synthetische Cliënt");
    assert!(
        export["information"]["processings"]
            .as_array()
            .is_some_and(|p| !p.is_empty())
    );
    #[cfg(unix)]
    {
        use std::os::unix::fs::PermissionsExt as _;
        let mode = std::fs::metadata(files[1]).unwrap().permissions().mode();
        assert_eq!(mode & 0o077, 0, "readable by the owner only: {mode:o}");
    }
    let shown = json(&run(&["show", "--as", "dir-1", &id, "--json"]));
    assert_eq!(shown["status"], "uitgevoerd");
    assert_eq!(shown["executed_on"], today.as_str());
    let partials = || {
        std::fs::read_dir(&out)
            .unwrap()
            .filter(|e| {
                e.as_ref()
                    .unwrap()
                    .file_name()
                    .to_string_lossy()
                    .ends_with(".partial")
            })
            .count()
    };
    assert_eq!(partials(), 0, "the files under their own names only");
    // A file of the export's name is never written over: refused before the request is
    // marked, and the temporary files are gone.
    let second = decided("inzage");
    let o = run(&["release", "--as", "dir-1", &second]);
    assert_eq!(o.status.code(), Some(0), "{}", stderr(&o));
    let taken = std::path::Path::new(&out).join(format!("inzage-{second}.json"));
    std::fs::write(&taken, "van iemand anders").unwrap();
    let o = run(&["execute", "--as", "dir-1", &second, "--out", &out]);
    assert_ne!(o.status.code(), Some(0), "{}", stdout(&o));
    assert!(stderr(&o).contains("already exists"), "{}", stderr(&o));
    assert_eq!(
        std::fs::read_to_string(&taken).unwrap(),
        "van iemand anders"
    );
    assert_eq!(partials(), 0, "the temporary files removed");
    let shown = json(&run(&["show", "--as", "dir-1", &second, "--json"]));
    assert_eq!(shown["status"], "besloten", "not marked carried out");
    // Once: carried out, it is not carried out again.
    let o = run(&["execute", "--as", "dir-1", &id, "--out", &out]);
    assert_eq!(o.status.code(), Some(2));
    assert!(stderr(&o).contains("status: "), "{}", stderr(&o));
    let verify = zorgkluis(&["--data-dir", &data, "audit", "verify"]);
    assert_eq!(verify.status.code(), Some(0), "{}", stderr(&verify));
    // An erasure is carried out by erasing (here the whole file: it has nothing a law keeps):
    // the certificate is printed.
    let erasure = decided("verwijdering");
    let o = run(&["execute", "--as", "dir-1", &erasure]);
    assert_eq!(o.status.code(), Some(0), "{}", stderr(&o));
    assert!(
        stdout(&o).contains("Verwijderingsverklaring") && stdout(&o).contains("verwijderd: "),
        "{}",
        stdout(&o)
    );
    let again = run(&["execute", "--as", "dir-1", &erasure, "--json"]);
    assert_eq!(again.status.code(), Some(2), "carried out once");
    assert!(stderr(&again).contains("status: "), "{}", stderr(&again));
}

/// `request execute` carries out an overdraagbaarheid by writing the export and its FHIR R4
/// bundle (`.fhir.json`), and an overdracht to `--recipient` by `--channel`: without either
/// flag, or with an unknown channel, it exits 2 naming the flag and writes nothing; carried
/// out, it prints the disclosure with the channel and the bundle's SHA-256.
#[test]
fn request_execute_writes_the_fhir_bundle_and_records_a_transfer() {
    let (dir, data, person) = installation_with_a_client();
    let run = |args: &[&str]| {
        let mut all = vec!["--data-dir", data.as_str(), "request"];
        all.extend_from_slice(args);
        zorgkluis(&all)
    };
    let today = zorgkluis_core::time::dutch_date(jiff::Timestamp::now()).to_string();
    let released = |kind: &str| {
        let filed = json(&run(&[
            "file",
            "--as",
            "dir-1",
            "--person",
            &person,
            "--type",
            kind,
            "--received",
            &today,
            "--json",
        ]));
        let id = filed["id"].as_str().unwrap().to_owned();
        for step in [
            vec!["identify", "--as", "dir-1", &id],
            vec!["decide", "--as", "dir-1", &id, "--outcome", "toegewezen"],
            vec!["release", "--as", "dir-1", &id],
        ] {
            let o = run(&step);
            assert_eq!(o.status.code(), Some(0), "{step:?}: {}", stderr(&o));
        }
        id
    };
    let files_of = |done: &serde_json::Value| -> Vec<String> {
        done["files"]
            .as_array()
            .unwrap()
            .iter()
            .map(|f| f.as_str().unwrap().to_owned())
            .collect()
    };
    let bundle_of = |path: &str| -> serde_json::Value {
        let bundle: serde_json::Value =
            serde_json::from_str(&std::fs::read_to_string(path).unwrap()).unwrap();
        assert_eq!(bundle["resourceType"], "Bundle");
        assert_eq!(bundle["type"], "collection");
        bundle
    };
    let out = dir.dir.path().join("export").display().to_string();
    let portability = released("overdraagbaarheid");
    let done = json(&run(&[
        "execute",
        "--as",
        "dir-1",
        &portability,
        "--out",
        &out,
        "--json",
    ]));
    let files = files_of(&done);
    assert_eq!(files.len(), 3, "{done}");
    assert!(files[1].ends_with(&format!("overdraagbaarheid-{portability}.json")));
    assert!(files[2].ends_with(&format!("overdraagbaarheid-{portability}.fhir.json")));
    let bundle = bundle_of(&files[2]);
    let patient = bundle["entry"]
        .as_array()
        .unwrap()
        .iter()
        .find(|e| e["resource"]["resourceType"] == "Patient")
        .expect("a Patient");
    assert_eq!(
        patient["resource"]["name"][0]["text"],
        "Synthetische Cliënt"
    );
    assert!(
        patient["fullUrl"]
            .as_str()
            .unwrap()
            .starts_with("urn:uuid:")
    );

    let transfer = released("overdracht");
    let out2 = dir.dir.path().join("overdracht").display().to_string();
    let base = [
        "execute",
        "--as",
        "dir-1",
        transfer.as_str(),
        "--out",
        out2.as_str(),
    ];
    let with = |extra: &[&str]| {
        let mut all: Vec<&str> = base.to_vec();
        all.extend_from_slice(extra);
        run(&all)
    };
    let o = with(&["--channel", "aangetekend"]);
    assert_eq!(o.status.code(), Some(2), "{}", stdout(&o));
    assert!(stderr(&o).contains("--recipient"), "{}", stderr(&o));
    let o = with(&["--recipient", "Zorggroep De Opvolger"]);
    assert_eq!(o.status.code(), Some(2), "{}", stdout(&o));
    assert!(stderr(&o).contains("--channel"), "{}", stderr(&o));
    let o = with(&["--recipient", "Zorggroep De Opvolger", "--channel", "fax"]);
    assert_eq!(o.status.code(), Some(2), "{}", stdout(&o));
    assert!(
        stderr(&o).contains("--channel") && stderr(&o).contains("fax"),
        "{}",
        stderr(&o)
    );
    assert!(!std::path::Path::new(&out2).exists(), "nothing written");
    let shown = json(&run(&["show", "--as", "dir-1", &transfer, "--json"]));
    assert_eq!(shown["status"], "besloten", "bad input changes nothing");
    let done = json(&with(&[
        "--recipient",
        "Zorggroep De Opvolger",
        "--channel",
        "beveiligde_email",
        "--json",
    ]));
    assert_eq!(done["type"], "overdracht");
    assert_eq!(done["recipient"], "Zorggroep De Opvolger");
    assert_eq!(done["channel"], "beveiligde_email");
    assert_eq!(done["bundle_sha256"].as_str().unwrap().len(), 64, "{done}");
    let files = files_of(&done);
    assert_eq!(files.len(), 3, "{done}");
    bundle_of(&files[2]);
    let shown = json(&run(&["show", "--as", "dir-1", &transfer, "--json"]));
    assert_eq!(shown["status"], "uitgevoerd");
    // BG wonen 3.9: after the transfer of care the data here is erased, the successor told.
    assert_eq!(done["after"]["kind"], "wissen", "{done}");
    assert_eq!(
        done["after"]["certificate"]["request_id"],
        transfer.as_str(),
        "{done}"
    );
    assert_eq!(
        done["after"]["tell_recipient"], "Zorggroep De Opvolger",
        "{done}"
    );
    let verify = zorgkluis(&["--data-dir", &data, "audit", "verify"]);
    assert_eq!(verify.status.code(), Some(0), "{}", stderr(&verify));
}

#[test]
fn a_bad_request_flag_is_exit_2_naming_it() {
    let (_dir, data, person) = installation_with_a_client();
    let run = |args: &[&str]| {
        let mut all = vec!["--data-dir", data.as_str(), "request"];
        all.extend_from_slice(args);
        zorgkluis(&all)
    };
    let o = run(&[
        "file",
        "--as",
        "dir-1",
        "--person",
        &person,
        "--type",
        "inzagen",
        "--received",
        "2026-01-05",
    ]);
    assert_eq!(o.status.code(), Some(2));
    assert!(stderr(&o).contains("--type"), "{}", stderr(&o));
    assert!(
        stderr(&o).contains("inzage_logging"),
        "lists the types: {}",
        stderr(&o)
    );
    let o = run(&[
        "file",
        "--as",
        "dir-1",
        "--person",
        &person,
        "--type",
        "inzage",
        "--received",
        "2999-01-05",
    ]);
    assert_eq!(o.status.code(), Some(2));
    assert!(stderr(&o).contains("--received"), "{}", stderr(&o));
    let o = run(&[
        "file",
        "--as",
        "dir-1",
        "--person",
        &person,
        "--type",
        "inzage",
        "--received",
        "2026-01-05",
        "--requester-kind",
        "buurman",
    ]);
    assert_eq!(o.status.code(), Some(2));
    assert!(stderr(&o).contains("--requester-kind"), "{}", stderr(&o));
    let o = run(&["list", "--as", "zorg-9"]);
    assert_eq!(o.status.code(), Some(2));
    assert!(stderr(&o).contains("--as"), "{}", stderr(&o));
    // Nothing was filed.
    let list = json(&run(&["list", "--as", "dir-1", "--json"]));
    assert_eq!(list, serde_json::json!([]));
}

/// `incident add|list|notify-ap|ap-form`: the register from the command line. A notification
/// after the 72 hours without its reasons is refused naming `late_reason`, and changes nothing.
#[test]
fn the_incident_register_keeps_the_aps_clock() {
    let dir = TempFile::new("placeholder", "");
    let data = dir.dir.path().join("data").display().to_string();
    let run = |args: &[&str]| {
        let mut all = vec!["--data-dir", data.as_str()];
        all.extend_from_slice(args);
        zorgkluis(&all)
    };
    let o = run(&["init", "--reglement", &seed(), "--tenant", "bg-wonen"]);
    assert_eq!(o.status.code(), Some(0), "{}", stderr(&o));
    let o = run(&[
        "incident",
        "add",
        "--discovered",
        "2026-03-28T20:00",
        "--nature",
        "vertrouwelijkheid",
        "--categories",
        "naw,gezondheid",
        "--persons-min",
        "4",
        "--persons-max",
        "9",
        "--description",
        "Een laptop met een lokale kopie is gestolen",
        "--json",
    ]);
    assert_eq!(o.status.code(), Some(0), "{}", stderr(&o));
    let v: serde_json::Value = serde_json::from_str(&stdout(&o)).unwrap();
    assert_eq!(
        v["clock"]["notify_ap_by"], "2026-03-31T21:00:00+02:00",
        "{v}"
    );
    let id = v["id"].as_str().unwrap().to_owned();

    let o = run(&["incident", "notify-ap", &id, "--at", "2026-04-02T10:00"]);
    assert_eq!(o.status.code(), Some(2), "{}", stdout(&o));
    assert!(stderr(&o).contains("late_reason"), "{}", stderr(&o));
    let o = run(&["incident", "list", "--open", "--json"]);
    let open: serde_json::Value = serde_json::from_str(&stdout(&o)).unwrap();
    assert_eq!(open.as_array().unwrap().len(), 1, "still open: {open}");

    let o = run(&[
        "incident",
        "notify-ap",
        &id,
        "--at",
        "2026-04-02T10:00",
        "--reference",
        "M-7",
        "--late-reason",
        "De diefstal werd pas na de paasdagen als datalek herkend",
    ]);
    assert_eq!(o.status.code(), Some(0), "{}", stderr(&o));
    let o = run(&["incident", "list", "--open", "--json"]);
    assert_eq!(stdout(&o).trim(), "[]");

    let o = run(&["incident", "ap-form", &id, "--json"]);
    assert_eq!(o.status.code(), Some(0), "{}", stderr(&o));
    let form: serde_json::Value = serde_json::from_str(&stdout(&o)).unwrap();
    let missing: Vec<&str> = form["missing"]
        .as_array()
        .unwrap()
        .iter()
        .filter_map(|q| q.as_str())
        .collect();
    assert!(
        missing.contains(&"9.3"),
        "the risk is not assessed yet: {missing:?}"
    );
    assert!(
        !missing.contains(&"4.5"),
        "the late reason is given: {missing:?}"
    );
    assert!(!missing.contains(&"7.3"), "4 to 9 persons: {missing:?}");

    let o = run(&[
        "incident",
        "add",
        "--discovered",
        "gisteren",
        "--nature",
        "integriteit",
        "--description",
        "x",
    ]);
    assert_eq!(o.status.code(), Some(2));
    assert!(stderr(&o).contains("--discovered"), "{}", stderr(&o));
}

/// `complaint add|list|extend`: the complaints register from the command line. The decision is
/// due six weeks after receipt (Wkkgz art. 17 lid 1); an extension told after those six weeks
/// is refused naming `told` (lid 2), exits 2 and changes nothing.
#[test]
fn the_complaints_register_keeps_the_wkkgz_clock() {
    let dir = TempFile::new("placeholder", "");
    let data = dir.dir.path().join("data").display().to_string();
    let run = |args: &[&str]| {
        let mut all = vec!["--data-dir", data.as_str()];
        all.extend_from_slice(args);
        zorgkluis(&all)
    };
    let o = run(&["init", "--reglement", &seed(), "--tenant", "bg-wonen"]);
    assert_eq!(o.status.code(), Some(0), "{}", stderr(&o));
    let o = run(&[
        "complaint",
        "add",
        "--received",
        "2026-09-01",
        "--by",
        "vertegenwoordiger",
        "--about",
        "De dochter van mevrouw klaagt over een gemiste afspraak",
        "--officer",
        "--json",
    ]);
    assert_eq!(o.status.code(), Some(0), "{}", stderr(&o));
    let v: serde_json::Value = serde_json::from_str(&stdout(&o)).unwrap();
    assert_eq!(v["decide_by"], "2026-10-13", "{v}");
    let id = v["id"].as_str().unwrap().to_owned();

    let o = run(&["complaint", "list", "--open", "--json"]);
    assert_eq!(o.status.code(), Some(0), "{}", stderr(&o));
    let open: serde_json::Value = serde_json::from_str(&stdout(&o)).unwrap();
    let open = open.as_array().unwrap();
    assert_eq!(open.len(), 1, "{open:?}");
    assert_eq!(open[0]["id"], id.as_str());
    assert_eq!(open[0]["overdue"], true, "its six weeks have passed");
    assert_eq!(open[0]["by"], "vertegenwoordiger");

    // Told a week after the six weeks ended.
    let o = run(&[
        "complaint",
        "extend",
        &id,
        "--told",
        "2026-10-20",
        "--reason",
        "Het gesprek met de klager is nog niet gevoerd",
    ]);
    assert_eq!(o.status.code(), Some(2), "{}", stdout(&o));
    assert!(stderr(&o).contains("told"), "{}", stderr(&o));
    let o = run(&["complaint", "show", &id, "--json"]);
    let c: serde_json::Value = serde_json::from_str(&stdout(&o)).unwrap();
    assert_eq!(
        c["extension"],
        serde_json::Value::Null,
        "nothing changed: {c}"
    );
    assert_eq!(c["decide_by"], "2026-10-13");

    let o = run(&[
        "complaint",
        "decide",
        &id,
        "--on",
        "2026-10-12",
        "--outcome",
        "terecht",
        "--text",
        "x",
    ]);
    assert_eq!(o.status.code(), Some(2));
    assert!(stderr(&o).contains("--outcome"), "{}", stderr(&o));
}

/// An installation of BG wonen with one client whose file was written in 2000 (due today) and
/// one of today (kept), made through the vault as the server would, then dated back.
fn retention_installation() -> (TempFile, String, String, String) {
    let dir = TempFile::new("placeholder", "");
    let data = dir.dir.path().join("data").display().to_string();
    let o = zorgkluis(&[
        "--data-dir",
        &data,
        "init",
        "--reglement",
        &seed(),
        "--tenant",
        "bg-wonen",
    ]);
    assert_eq!(o.status.code(), Some(0), "{}", stderr(&o));
    let rt = tokio::runtime::Runtime::new().unwrap();
    let (old, recent) = rt.block_on(async {
        use zorgkluis_testkit::sqlx;
        let location = zorgkluis_store::Location::embedded(std::path::Path::new(&data));
        let vault = zorgkluis_testkit::open_at(&location).await;
        zorgkluis_testkit::add_staff(
            &vault,
            &[
                ("zorg-1", "zorgverlener"),
                ("admin-1", "administratie"),
                ("dir-1", "directie"),
            ],
        )
        .await;
        let zorg = zorgkluis_testkit::actor("zorg-1", "zorgverlener");
        let old = zorgkluis_testkit::client_in_care(&vault).await;
        vault
            .add_record(
                &zorg,
                &old,
                "gezondheid",
                "Val in de badkamer",
                "zorgverlening",
            )
            .await
            .unwrap();
        let recent = zorgkluis_testkit::client_in_care(&vault).await;
        vault
            .add_record(&zorg, &recent, "gezondheid", "Intake", "zorgverlening")
            .await
            .unwrap();
        vault.close().await;
        sqlx::any::install_default_drivers();
        let mut raw = <sqlx::AnyConnection as sqlx::Connection>::connect(&location.database_url)
            .await
            .unwrap();
        for sql in [
            "UPDATE persons SET created_at = '2000-03-01T10:00:00Z' WHERE id = $1",
            "UPDATE records SET created_at = '2000-03-01T10:00:00Z' WHERE person_id = $1",
        ] {
            sqlx::query(sql).bind(&old).execute(&mut raw).await.unwrap();
        }
        (old, recent)
    });
    (dir, data, old, recent)
}

fn today() -> String {
    zorgkluis_core::time::dutch_date(jiff::Timestamp::now()).to_string()
}

#[test]
fn retention_plan_and_run_json_destroy_what_is_due_with_a_certificate() {
    let (_dir, data, old, recent) = retention_installation();
    let run = |args: &[&str]| {
        let mut all = vec!["--data-dir", data.as_str()];
        all.extend_from_slice(args);
        zorgkluis(&all)
    };
    let today = today();
    let plan = json(&run(&["retention", "plan", "--as-of", &today, "--json"]));
    assert_eq!(plan["whole_files"], 1, "{plan}");
    assert_eq!(plan["persons"][0]["person_id"], old.as_str());
    assert_eq!(plan["persons"][0]["whole_file"], true);
    let health = &plan["persons"][0]["entries"][0];
    assert_eq!(health["category"], "gezondheid");
    assert_eq!(health["retain_until"], "2020-03-01");
    assert!(health["articles"].to_string().contains("3.4"), "{health}");
    assert!(
        health.get("record_ids").is_none(),
        "a plan shows no record ids"
    );
    // In Dutch, without --json: the sentence with the counts and the articles.
    let text = run(&["retention", "plan", "--as-of", &today]);
    assert!(
        stdout(&text).starts_with("Bewaarplan per"),
        "{}",
        stdout(&text)
    );
    assert!(stdout(&text).contains("art. 3.4"), "{}", stdout(&text));
    // Without --execute a run is a dry run: it shows the plan and destroys nothing.
    let dry = json(&run(&["retention", "run", "--as-of", &today, "--json"]));
    assert_eq!(dry["dry_run"], true, "{dry}");
    assert_eq!(dry["plan"]["whole_files"], 1, "{dry}");
    let dry_text = run(&["retention", "run", "--as-of", &today]);
    assert!(
        stdout(&dry_text).contains("Proefdraaien: er is niets vernietigd"),
        "{}",
        stdout(&dry_text)
    );
    let plan = json(&run(&["retention", "plan", "--as-of", &today, "--json"]));
    assert_eq!(plan["whole_files"], 1, "the dry run destroyed nothing");
    let outcome = json(&run(&[
        "retention",
        "run",
        "--as-of",
        &today,
        "--execute",
        "--json",
    ]));
    let cert = &outcome["certificate"];
    assert_eq!(cert["whole_files"], 1, "{outcome}");
    assert_eq!(cert["records"], 1);
    assert_eq!(cert["destroyed"][0]["person_id"], old.as_str());
    assert_eq!(cert["destroyed"][0]["scope"], "person");
    assert!(!cert.to_string().contains(&recent), "only what was due");
    assert!(
        !cert.to_string().contains("badkamer"),
        "no content in a certificate"
    );
    let id = outcome["run_id"].as_str().unwrap().to_owned();
    let again = json(&run(&["retention", "certificate", &id, "--json"]));
    assert_eq!(&again, cert, "reprinted as written");
    let html = run(&["retention", "certificate", &id, "--html"]);
    assert!(
        stdout(&html).contains("<h1>Vernietigingsverklaring</h1>"),
        "{}",
        stdout(&html)
    );
    // Nothing is due any more; the audit log verifies.
    let plan = json(&run(&["retention", "plan", "--as-of", &today, "--json"]));
    assert_eq!(plan["whole_files"], 0, "{plan}");
    assert_eq!(run(&["audit", "verify"]).status.code(), Some(0));
}

#[test]
fn retention_with_a_bad_as_of_is_exit_2_naming_the_flag() {
    let (_dir, data, _old, _recent) = retention_installation();
    let run = |args: &[&str]| {
        let mut all = vec!["--data-dir", data.as_str()];
        all.extend_from_slice(args);
        zorgkluis(&all)
    };
    let bad = run(&["retention", "plan", "--as-of", "2026-13-01"]);
    assert_eq!(bad.status.code(), Some(2));
    assert!(stderr(&bad).contains("--as-of"), "{}", stderr(&bad));
    // A run may not look ahead: nothing is destroyed before its term ends.
    let future = run(&[
        "retention",
        "run",
        "--as-of",
        "2099-01-01",
        "--execute",
        "--json",
    ]);
    assert_eq!(future.status.code(), Some(2), "{}", stdout(&future));
    assert!(stderr(&future).contains("as_of"), "{}", stderr(&future));
    let plan = json(&run(&["retention", "plan", "--as-of", &today(), "--json"]));
    assert_eq!(plan["whole_files"], 1, "the refused run destroyed nothing");
}

#[test]
fn retention_holds_and_extensions_on_the_command_line_name_who_decided() {
    let (_dir, data, old, _recent) = retention_installation();
    let run = |args: &[&str]| {
        let mut all = vec!["--data-dir", data.as_str()];
        all.extend_from_slice(args);
        zorgkluis(&all)
    };
    let today = today();
    let hold = |user: &str| {
        run(&[
            "retention",
            "hold",
            "--as",
            user,
            "--person",
            &old,
            "--kind",
            "klacht",
            "--reason",
            "Klacht over de zorg, dossier K-7",
            "--json",
        ])
    };
    // The caregiver may not place a hold in BG wonen (3.5: the directie decides).
    let refused = hold("zorg-1");
    assert_eq!(refused.status.code(), Some(2), "{}", stdout(&refused));
    let bad_kind = run(&[
        "retention",
        "hold",
        "--as",
        "dir-1",
        "--person",
        &old,
        "--kind",
        "ruzie",
        "--reason",
        "x",
    ]);
    assert_eq!(bad_kind.status.code(), Some(2));
    assert!(
        stderr(&bad_kind).contains("klacht"),
        "{}",
        stderr(&bad_kind)
    );
    let placed = hold("dir-1");
    assert_eq!(placed.status.code(), Some(0), "{}", stderr(&placed));
    let hold_id = json(&placed)["id"].as_str().unwrap().to_owned();
    let plan = json(&run(&["retention", "plan", "--as-of", &today, "--json"]));
    assert_eq!(plan["whole_files"], 0, "the hold keeps the file: {plan}");
    assert_eq!(plan["held"][0]["hold_id"], hold_id.as_str());
    let register = json(&run(&["retention", "holds", "--as", "dir-1", "--json"]));
    assert_eq!(register[0]["reason"], "Klacht over de zorg, dossier K-7");
    assert_eq!(register[0]["placed_by"], "dir-1");
    let released = run(&["retention", "release", &hold_id, "--as", "dir-1"]);
    assert_eq!(released.status.code(), Some(0), "{}", stderr(&released));
    assert!(
        stdout(&run(&["retention", "holds", "--as", "dir-1"])).contains("Er staat geen blokkade")
    );

    // The caregiver keeps the health data a year longer on her judgement, with the reason.
    let next_year = (zorgkluis_core::time::dutch_date(jiff::Timestamp::now())
        + jiff::Span::new().years(1))
    .to_string();
    let no_reason = run(&[
        "retention",
        "extend",
        "--as",
        "zorg-1",
        "--person",
        &old,
        "--category",
        "gezondheid",
        "--ground",
        "oordeel_hulpverlener",
        "--until",
        &next_year,
    ]);
    assert_eq!(no_reason.status.code(), Some(2));
    assert!(
        stderr(&no_reason).contains("reason"),
        "{}",
        stderr(&no_reason)
    );
    let extended = run(&[
        "retention",
        "extend",
        "--as",
        "zorg-1",
        "--person",
        &old,
        "--category",
        "gezondheid",
        "--ground",
        "oordeel_hulpverlener",
        "--until",
        &next_year,
        "--reason",
        "Erfelijke aandoening, van belang voor de kinderen",
        "--json",
    ]);
    assert_eq!(extended.status.code(), Some(0), "{}", stderr(&extended));
    let ext_id = json(&extended)["id"].as_str().unwrap().to_owned();
    let plan = json(&run(&["retention", "plan", "--as-of", &today, "--json"]));
    assert_eq!(
        plan["whole_files"], 0,
        "the extension keeps the file: {plan}"
    );
    let list = json(&run(&[
        "retention",
        "extensions",
        "--as",
        "dir-1",
        "--json",
    ]));
    assert_eq!(list[0]["article"], "art. 7:454 lid 3 BW");
    assert_eq!(list[0]["decided_by"], "zorg-1");
    let withdrawn = run(&["retention", "withdraw-extension", &ext_id, "--as", "zorg-1"]);
    assert_eq!(withdrawn.status.code(), Some(0), "{}", stderr(&withdrawn));
    let plan = json(&run(&["retention", "plan", "--as-of", &today, "--json"]));
    assert_eq!(
        plan["whole_files"], 1,
        "withdrawn, the term counts again: {plan}"
    );

    // The whole registration goes to another organisation (BG wonen 3.7): no term applies.
    let started = run(&[
        "retention",
        "transfer",
        "start",
        "--as",
        "dir-1",
        "--to",
        "Zorggroep Noord",
        "--json",
    ]);
    assert_eq!(started.status.code(), Some(0), "{}", stderr(&started));
    let transfer_id = json(&started)["id"].as_str().unwrap().to_owned();
    let text = stdout(&run(&["retention", "plan", "--as-of", &today]));
    assert!(text.contains("Zorggroep Noord (art. 3.7)"), "{text}");
    assert!(
        text.contains("nog niet over de overdracht geïnformeerd"),
        "{text}"
    );
    let outcome = json(&run(&[
        "retention",
        "run",
        "--as-of",
        &today,
        "--execute",
        "--json",
    ]));
    assert_eq!(outcome["certificate"]["whole_files"], 0, "{outcome}");
    let told = run(&[
        "retention",
        "transfer",
        "told",
        &transfer_id,
        "--as",
        "dir-1",
        "--on",
        &today,
    ]);
    assert_eq!(told.status.code(), Some(0), "{}", stderr(&told));
    let ended = run(&[
        "retention",
        "transfer",
        "end",
        &transfer_id,
        "--as",
        "dir-1",
        "--on",
        &today,
    ]);
    assert_eq!(ended.status.code(), Some(0), "{}", stderr(&ended));
    let list = json(&run(&["retention", "transfers", "--as", "dir-1", "--json"]));
    assert_eq!(list[0]["clients_told_on"], today.as_str());
    assert_eq!(run(&["audit", "verify"]).status.code(), Some(0));
}

/// The do-not-contact register on the command line (issue 14 part 4): `contact check` exits 0
/// when the person may be approached for the purpose and 1 when the register says no.
#[test]
fn contact_check_answers_from_the_do_not_contact_register() {
    let (_dir, data, old, _recent) = retention_installation();
    let run = |args: &[&str]| {
        let mut all = vec!["--data-dir", data.as_str(), "contact"];
        all.extend_from_slice(args);
        zorgkluis(&all)
    };
    let check = |purpose: &str| run(&["check", "--person", &old, "--purpose", purpose, "--json"]);
    let yes = check("nieuwsbrief");
    assert_eq!(yes.status.code(), Some(0), "{}", stderr(&yes));
    assert_eq!(json(&yes)["allowed"], true);
    let bad = check("reclame");
    assert_eq!(bad.status.code(), Some(2));
    assert!(stderr(&bad).contains("--purpose"), "{}", stderr(&bad));
    let blocked = run(&[
        "block",
        "--as",
        "admin-1",
        "--person",
        &old,
        "--purpose",
        "nieuwsbrief",
        "--json",
    ]);
    assert_eq!(blocked.status.code(), Some(0), "{}", stderr(&blocked));
    let entry = json(&blocked)["id"].as_str().unwrap().to_owned();
    let no = check("nieuwsbrief");
    assert_eq!(no.status.code(), Some(1), "{}", stdout(&no));
    let answer: serde_json::Value = serde_json::from_str(&stdout(&no)).unwrap();
    assert_eq!(answer["allowed"], false);
    assert_eq!(answer["entry"], entry.as_str());
    let text = run(&["check", "--person", &old, "--purpose", "nieuwsbrief"]);
    assert!(
        stdout(&text).contains("mag niet benaderd worden"),
        "{}",
        stdout(&text)
    );
    assert_eq!(check("fondsenwerving").status.code(), Some(0));
    let list = json(&run(&["list", "--json"]));
    assert_eq!(list[0]["person_id"], old.as_str());
    let o = run(&["unblock", &entry, "--as", "admin-1"]);
    assert_eq!(o.status.code(), Some(0), "{}", stderr(&o));
    assert_eq!(check("nieuwsbrief").status.code(), Some(0));
}

/// An installation of BG wonen with an administrator and a caregiver, for `import`.
fn import_installation() -> (TempFile, String) {
    let dir = TempFile::new("placeholder", "");
    let data = dir.dir.path().join("data").display().to_string();
    let o = zorgkluis(&[
        "--data-dir",
        &data,
        "init",
        "--reglement",
        &seed(),
        "--tenant",
        "bg-wonen",
    ]);
    assert_eq!(o.status.code(), Some(0), "{}", stderr(&o));
    tokio::runtime::Runtime::new().unwrap().block_on(async {
        let location = zorgkluis_store::Location::embedded(std::path::Path::new(&data));
        let vault = zorgkluis_testkit::open_at(&location).await;
        zorgkluis_testkit::add_staff(
            &vault,
            &[("zorg-1", "zorgverlener"), ("admin-1", "administratie")],
        )
        .await;
        vault.close().await;
    });
    (dir, data)
}

/// Synthetic clients: a person with a care team, notes by the caregiver (one corrected) and an
/// invoice by the administrator, and a person with a name only.
const IMPORT_GOOD: &str = r#"{"type": "person", "ref": "c1", "subject_category": "client", "name": "Anna Synthetisch", "birth_date": "1950-03-02", "client_number": "C-1", "bsn": "111222333", "registered": "2015-01-05"}
{"type": "care", "person": "c1", "user": "zorg-1", "from": "2020-01-01"}
{"type": "record", "person": "c1", "ref": "r1", "category": "rapportage", "text": "Bezoek: gaat goed.", "created": "2021-04-01", "by": "zorg-1"}

{"type": "record", "person": "c1", "category": "rapportage", "kind": "correction", "supersedes": "r1", "text": "Bezoek: gaat redelijk.", "created": "2021-04-02T10:15", "by": "zorg-1"}
{"type": "record", "person": "c1", "category": "financieel", "text": "Factuur april 2021", "created": "2021-04-30"}
{"type": "person", "ref": "c2", "name": "Bert Synthetisch"}
"#;

#[test]
fn import_writes_a_good_file_through_the_vault_and_it_reads_back() {
    let (dir, data) = import_installation();
    let file = dir.dir.path().join("import.jsonl");
    std::fs::write(&file, IMPORT_GOOD).unwrap();
    let o = zorgkluis(&[
        "--data-dir",
        &data,
        "import",
        &file.display().to_string(),
        "--as",
        "admin-1",
        "--json",
    ]);
    let v = json(&o);
    assert_eq!(v["persons"], 2, "{v}");
    assert_eq!(v["care"], 1);
    assert_eq!(v["records"], 3);
    let c1 = v["ids"]["c1"].as_str().expect("id of c1").to_owned();
    assert!(v["ids"]["c2"].is_string(), "{v}");

    tokio::runtime::Runtime::new().unwrap().block_on(async {
        let location = zorgkluis_store::Location::embedded(std::path::Path::new(&data));
        let vault = zorgkluis_testkit::open_at(&location).await;
        let zorg = zorgkluis_testkit::actor("zorg-1", "zorgverlener");
        let notes = vault
            .read_category(&zorg, &c1, "rapportage", "zorgverlening", None)
            .await
            .expect("the caregiver in the care team reads the notes");
        let texts: Vec<(&str, &str)> = notes
            .iter()
            .map(|r| (r.kind.as_str(), r.text.as_str()))
            .collect();
        assert_eq!(
            texts,
            [
                ("original", "Bezoek: gaat goed."),
                ("correction", "Bezoek: gaat redelijk.")
            ]
        );
        assert_eq!(notes[1].supersedes.as_deref(), Some(notes[0].id.as_str()));
        assert!(notes[0].created_at.starts_with("2021-04-01"), "{notes:?}");
        assert_eq!(notes[0].created_by, "zorg-1");
        let view = vault.dossier(&zorg, &c1, "zorgverlening").await.unwrap();
        assert_eq!(view.facts.unwrap().client_number.as_deref(), Some("C-1"));
        let admin = zorgkluis_testkit::actor("admin-1", "administratie");
        let invoices = vault
            .read_category(&admin, &c1, "financieel", "administratie", None)
            .await
            .unwrap();
        assert_eq!(invoices[0].created_by, "admin-1");
        vault.close().await;
    });
    // Every write is in the audit chain, and it verifies.
    let o = zorgkluis(&["--data-dir", &data, "audit", "verify"]);
    assert_eq!(o.status.code(), Some(0), "{}", stdout(&o));
    // The same file again: its BSN and client number are registered now; nothing is written.
    let o = zorgkluis(&[
        "--data-dir",
        &data,
        "import",
        &file.display().to_string(),
        "--as",
        "admin-1",
    ]);
    assert_eq!(o.status.code(), Some(2), "{}", stdout(&o));
    assert!(stderr(&o).contains(":1: veld bsn:"), "{}", stderr(&o));
}

#[test]
fn import_of_a_file_with_an_error_names_the_line_and_field_and_writes_nothing() {
    let (dir, data) = import_installation();
    let file = dir.dir.path().join("import.jsonl");
    let bad = IMPORT_GOOD.replacen(
        r#""created": "2021-04-01", "by": "zorg-1""#,
        r#""created": "2021-04-31", "by": "zorg-1""#,
        1,
    );
    assert_ne!(bad, IMPORT_GOOD);
    std::fs::write(&file, &bad).unwrap();
    let path = file.display().to_string();
    let o = zorgkluis(&["--data-dir", &data, "import", &path, "--as", "admin-1"]);
    assert_eq!(o.status.code(), Some(2), "{}", stdout(&o));
    let err = stderr(&o);
    assert!(
        err.contains(&format!("{path}:3: veld created:")),
        "the line and the field: {err}"
    );
    assert!(err.contains("niet geïmporteerd, 1 fout"), "{err}");

    // English, and a record the reglement does not allow its author to write.
    let denied = IMPORT_GOOD.replacen(r#", "by": "zorg-1""#, "", 1);
    std::fs::write(&file, &denied).unwrap();
    let o = zorgkluis(&[
        "--lang",
        "en",
        "--data-dir",
        &data,
        "import",
        &path,
        "--as",
        "admin-1",
    ]);
    assert_eq!(o.status.code(), Some(2), "{}", stdout(&o));
    assert!(
        stderr(&o).contains(":3: field by: `admin-1`, `rapportage`"),
        "{}",
        stderr(&o)
    );

    // Nothing of either file is in the store.
    tokio::runtime::Runtime::new().unwrap().block_on(async {
        let location = zorgkluis_store::Location::embedded(std::path::Path::new(&data));
        let vault = zorgkluis_testkit::open_at(&location).await;
        let admin = zorgkluis_testkit::actor("admin-1", "administratie");
        let persons = vault.list_persons(&admin, 0, 100).await.unwrap();
        assert_eq!(persons, Vec::<String>::new());
        vault.close().await;
    });
}

/// Consent records on the command line (issue 14 part 1): `consent give` prints the id, bad
/// input exits 2 naming the flag and records nothing, `withdraw` ends it beside the record,
/// `list` shows what is in force and `history` all.
#[test]
fn consent_give_list_withdraw_and_history() {
    let (dir, data) = import_installation();
    let file = dir.dir.path().join("import.jsonl");
    std::fs::write(&file, IMPORT_GOOD).unwrap();
    let imported = json(&zorgkluis(&[
        "--data-dir",
        &data,
        "import",
        &file.display().to_string(),
        "--as",
        "admin-1",
        "--json",
    ]));
    let person = imported["ids"]["c1"].as_str().unwrap().to_owned();
    let run = |args: &[&str]| {
        let mut all = vec!["--data-dir", data.as_str(), "consent"];
        all.extend_from_slice(args);
        zorgkluis(&all)
    };
    let hash = "c0".repeat(32);
    let give = |extra: &[&str]| {
        let mut args = vec![
            "give",
            "--as",
            "admin-1",
            "--person",
            &person,
            "--form",
            "schriftelijk",
            "--recipient",
            "auditor",
            "--categories",
            "gezondheid,zorgplan",
            "--purpose",
            "audit",
            "--evidence-document",
            "formulier-audit.pdf",
            "--evidence-sha256",
            &hash,
        ];
        args.extend_from_slice(extra);
        run(&args)
    };
    // Bad input: the flag is named, exit 2, nothing recorded.
    let bad = give(&["--categories", "hobbys"]);
    assert_eq!(bad.status.code(), Some(2), "{}", stdout(&bad));
    assert!(stderr(&bad).contains("--categories"), "{}", stderr(&bad));
    let bad = give(&[
        "--valid-from",
        "2026-03-10",
        "--valid-until",
        "2026-03-09",
        "--given-on",
        "2026-03-01",
    ]);
    assert_eq!(bad.status.code(), Some(2));
    assert!(stderr(&bad).contains("--valid-until"), "{}", stderr(&bad));
    let bad = run(&[
        "give",
        "--as",
        "admin-1",
        "--person",
        &person,
        "--form",
        "telepathisch",
        "--recipient",
        "auditor",
        "--categories",
        "gezondheid",
    ]);
    assert_eq!(bad.status.code(), Some(2));
    assert!(stderr(&bad).contains("--form"), "{}", stderr(&bad));
    let history = |json_flag: bool| {
        let mut args = vec!["history", "--as", "admin-1", "--person", person.as_str()];
        if json_flag {
            args.push("--json");
        }
        run(&args)
    };
    assert_eq!(json(&history(true)).as_array().unwrap().len(), 0);

    let id = json(&give(&["--json"]))["id"].as_str().unwrap().to_owned();
    let listed = json(&run(&[
        "list", "--as", "admin-1", "--person", &person, "--json",
    ]));
    assert_eq!(listed[0]["id"], id.as_str());
    assert_eq!(listed[0]["form"], "schriftelijk");
    assert_eq!(listed[0]["evidence"]["document"], "formulier-audit.pdf");
    let text = stdout(&run(&["list", "--as", "admin-1", "--person", &person]));
    assert!(text.contains("tot intrekking"), "{text}");

    let o = run(&["withdraw", &id, "--as", "admin-1"]);
    assert_eq!(o.status.code(), Some(0), "{}", stderr(&o));
    assert!(stdout(&o).contains("ingetrokken"), "{}", stdout(&o));
    let again = run(&["withdraw", &id, "--as", "admin-1"]);
    assert_eq!(again.status.code(), Some(2));
    let listed = json(&run(&[
        "list", "--as", "admin-1", "--person", &person, "--json",
    ]));
    assert_eq!(
        listed.as_array().unwrap().len(),
        0,
        "withdrawn: not in force"
    );
    let all = json(&history(true));
    assert_eq!(all[0]["withdrawal"]["withdrawn_by"], "betrokkene");
    assert!(stdout(&history(false)).contains("ingetrokken per"));
    let verify = zorgkluis(&["--data-dir", &data, "audit", "verify"]);
    assert_eq!(verify.status.code(), Some(0), "{}", stderr(&verify));
}

/// A Rondomzorg installation with a client in mentor-1's care team and one health record
/// (synthetic): the data directory, the client and the record.
fn rondomzorg_installation_with_a_client() -> (TempFile, String, String, String) {
    let dir = TempFile::new("placeholder", "");
    let data = dir.dir.path().join("data").display().to_string();
    let o = zorgkluis(&[
        "--data-dir",
        &data,
        "init",
        "--reglement",
        &seed_named("rondomzorg.toml"),
        "--tenant",
        zorgkluis_testkit::TENANT,
    ]);
    assert_eq!(o.status.code(), Some(0), "{}", stderr(&o));
    let (person, record) = tokio::runtime::Runtime::new().unwrap().block_on(async {
        let location = zorgkluis_store::Location::embedded(std::path::Path::new(&data));
        let reglement = zorgkluis_testkit::reglement("rondomzorg");
        let policy = zorgkluis_testkit::policy(&reglement);
        let vault = zorgkluis_store::vault::Vault::open(
            &location,
            zorgkluis_testkit::TENANT,
            reglement,
            &zorgkluis_testkit::reglement_source("rondomzorg"),
            policy,
        )
        .await
        .unwrap();
        zorgkluis_testkit::add_staff(
            &vault,
            &[
                ("admin-1", "administratie"),
                ("zorg-1", "zorgverlener"),
                ("mentor-1", "mentor"),
            ],
        )
        .await;
        let admin = zorgkluis_testkit::actor("admin-1", "administratie");
        let person = zorgkluis_testkit::register_client(&vault).await;
        for user in ["zorg-1", "mentor-1"] {
            vault
                .assign_care(&admin, user, &person, jiff::civil::date(2020, 1, 1), None)
                .await
                .unwrap();
        }
        let record = vault
            .add_record(
                &zorgkluis_testkit::actor("zorg-1", "zorgverlener"),
                &person,
                "gezondheid",
                "Synthetische notitie",
                "zorgverlening",
            )
            .await
            .unwrap();
        vault.close().await;
        (person, record)
    });
    (dir, data, person, record)
}

#[test]
fn a_disclosure_is_previewed_sent_noticed_and_named_for_a_correction() {
    let (dir, data, person, record) = rondomzorg_installation_with_a_client();
    let run = |args: &[&str]| {
        let mut all = vec!["--data-dir", data.as_str()];
        all.extend_from_slice(args);
        zorgkluis(&all)
    };
    // The register: bad input names the flag, exit 2, nothing registered.
    let bad = run(&[
        "recipient",
        "add",
        "--kind",
        "inspectie",
        "--name",
        "Inspectie Voorbeeld",
        "--agb-code",
        "123",
    ]);
    assert_eq!(bad.status.code(), Some(2), "{}", stdout(&bad));
    assert!(stderr(&bad).contains("--agb-code"), "{}", stderr(&bad));
    assert_eq!(
        json(&run(&["recipient", "list", "--json"]))
            .as_array()
            .unwrap()
            .len(),
        0
    );
    let added = json(&run(&[
        "recipient",
        "add",
        "--kind",
        "inspectie",
        "--name",
        "Inspectie Voorbeeld",
        "--kvk-number",
        "12345678",
        "--json",
    ]));
    let recipient = added["id"].as_str().unwrap().to_owned();
    assert_eq!(added["country"], "NL");

    let what = [
        "--as",
        "mentor-1",
        "--person",
        &person,
        "--recipient",
        &recipient,
        "--categories",
        "gezondheid",
        "--purpose",
        "toezicht",
    ];
    let mut preview = vec!["disclosure", "preview", "--json"];
    preview.extend_from_slice(&what);
    let answers = json(&run(&preview));
    assert_eq!(answers[0]["allowed"], true);
    assert_eq!(answers[0]["notify_subject"], true);

    // Unregistered: named, exit 2.
    let bad = run(&[
        "disclosure",
        "send",
        "--as",
        "mentor-1",
        "--person",
        &person,
        "--recipient",
        "onbekend",
        "--categories",
        "gezondheid",
        "--purpose",
        "toezicht",
    ]);
    assert_eq!(bad.status.code(), Some(2), "{}", stdout(&bad));
    assert!(stderr(&bad).contains("--recipient"), "{}", stderr(&bad));

    let out = dir.dir.path().join("extract.json");
    let out_arg = out.display().to_string();
    let mut send = vec!["disclosure", "send", "--json", "--out", out_arg.as_str()];
    send.extend_from_slice(&what);
    let entry = json(&run(&send));
    let extract: serde_json::Value = serde_json::from_slice(&std::fs::read(&out).unwrap()).unwrap();
    assert_eq!(extract[0]["id"], record.as_str());
    assert_eq!(entry["record_ids"][0], record.as_str());
    assert_eq!(entry["notice_required"], true);
    let id = entry["id"].as_str().unwrap().to_owned();

    let due = json(&run(&["disclosure", "list", "--notice-due", "--json"]));
    assert_eq!(due.as_array().unwrap().len(), 1);
    let today = zorgkluis_core::time::dutch_date(jiff::Timestamp::now()).to_string();
    let bad = run(&["disclosure", "notice", &id, "--as", "mentor-1"]);
    assert_eq!(bad.status.code(), Some(2));
    assert!(stderr(&bad).contains("--sent-on"), "{}", stderr(&bad));
    let letter = run(&[
        "disclosure",
        "notice",
        &id,
        "--as",
        "mentor-1",
        "--sent-on",
        &today,
    ]);
    assert_eq!(letter.status.code(), Some(0), "{}", stderr(&letter));
    assert!(
        stdout(&letter).contains("Inspectie Voorbeeld"),
        "{}",
        stdout(&letter)
    );
    assert!(
        stdout(&letter).contains("zonder uw toestemming"),
        "{}",
        stdout(&letter)
    );
    let due = json(&run(&["disclosure", "list", "--notice-due", "--json"]));
    assert_eq!(due.as_array().unwrap().len(), 0);
    let again = run(&["disclosure", "letter", &id, "--as", "mentor-1"]);
    assert_eq!(stdout(&again), stdout(&letter));

    let tell = json(&run(&[
        "disclosure",
        "tell",
        "--record",
        &record,
        "--as",
        "zorg-1",
        "--json",
    ]));
    assert_eq!(tell[0]["recipient"]["name"], "Inspectie Voorbeeld");
    assert!(tell[0]["notice"].is_null());
    let bad = run(&[
        "disclosure",
        "told",
        "--record",
        &record,
        "--recipient",
        &recipient,
        "--as",
        "zorg-1",
    ]);
    assert_eq!(bad.status.code(), Some(2));
    assert!(stderr(&bad).contains("--on"), "{}", stderr(&bad));
    let told = run(&[
        "disclosure",
        "told",
        "--record",
        &record,
        "--recipient",
        &recipient,
        "--as",
        "zorg-1",
        "--on",
        &today,
    ]);
    assert_eq!(told.status.code(), Some(0), "{}", stderr(&told));
    let tell = run(&["disclosure", "tell", "--record", &record, "--as", "zorg-1"]);
    assert!(
        stdout(&tell).contains(&format!("geïnformeerd op {today}")),
        "{}",
        stdout(&tell)
    );
    let verify = run(&["audit", "verify"]);
    assert_eq!(verify.status.code(), Some(0), "{}", stderr(&verify));
}

/// Objections on the command line (art. 21 AVG): `objection file` prints the id and whether
/// the right applies; bad input exits 2 naming the flag and records nothing; `decide
/// afgewezen` without the compelling grounds names the flag; `list` shows the decision beside
/// the objection, `withdraw` records a withdrawal.
#[test]
fn objection_file_decide_withdraw_and_list() {
    let (dir, data) = import_installation();
    let file = dir.dir.path().join("import.jsonl");
    std::fs::write(&file, IMPORT_GOOD).unwrap();
    let imported = json(&zorgkluis(&[
        "--data-dir",
        &data,
        "import",
        &file.display().to_string(),
        "--as",
        "admin-1",
        "--json",
    ]));
    let person = imported["ids"]["c1"].as_str().unwrap().to_owned();
    tokio::runtime::Runtime::new().unwrap().block_on(async {
        let location = zorgkluis_store::Location::embedded(std::path::Path::new(&data));
        let vault = zorgkluis_testkit::open_at(&location).await;
        zorgkluis_testkit::add_staff(&vault, &[("dir-1", "directie")]).await;
        vault.close().await;
    });
    let run = |args: &[&str]| {
        let mut all = vec!["--data-dir", data.as_str(), "objection"];
        all.extend_from_slice(args);
        zorgkluis(&all)
    };
    let file_it = |processing: &str, extra: &[&str]| {
        let mut args = vec![
            "file",
            "--as",
            "dir-1",
            "--person",
            &person,
            "--processing",
            processing,
            "--grounds",
            "De camera kijkt mijn kamer in.",
        ];
        args.extend_from_slice(extra);
        run(&args)
    };
    // Bad input: the flag named, exit 2, nothing recorded.
    let bad = file_it("camertoezicht", &[]);
    assert_eq!(bad.status.code(), Some(2), "{}", stdout(&bad));
    assert!(stderr(&bad).contains("--processing"), "{}", stderr(&bad));
    assert!(stderr(&bad).contains("cameratoezicht"), "{}", stderr(&bad));
    let bad = file_it("cameratoezicht", &["--categories", "hobbys"]);
    assert_eq!(bad.status.code(), Some(2));
    assert!(stderr(&bad).contains("--categories"), "{}", stderr(&bad));
    let bad = file_it("cameratoezicht", &["--received", "2999-01-01"]);
    assert_eq!(bad.status.code(), Some(2));
    assert!(stderr(&bad).contains("--received"), "{}", stderr(&bad));
    let list = |as_json: bool| {
        let mut args = vec!["list", "--as", "dir-1", "--person", person.as_str()];
        if as_json {
            args.push("--json");
        }
        run(&args)
    };
    assert_eq!(json(&list(true)).as_array().unwrap().len(), 0);

    let filed = json(&file_it("cameratoezicht", &["--json"]));
    assert_eq!(filed["applies"], true, "{filed}");
    let id = filed["id"].as_str().unwrap().to_owned();
    let text = stdout(&file_it("zorgverlening", &[]));
    assert!(text.contains("geldt niet"), "{text}");

    let o = run(&["decide", &id, "--as", "dir-1", "--outcome", "afgewezen"]);
    assert_eq!(o.status.code(), Some(2), "{}", stdout(&o));
    assert!(
        stderr(&o).contains("--compelling-grounds"),
        "{}",
        stderr(&o)
    );
    let o = run(&[
        "decide",
        &id,
        "--as",
        "dir-1",
        "--outcome",
        "afgewezen",
        "--compelling-grounds",
        "Alleen de nooduitgang in beeld; veiligheid van medebewoners.",
        "--json",
    ]);
    assert_eq!(o.status.code(), Some(0), "{}", stderr(&o));
    assert!(
        json(&o)["articles"]
            .to_string()
            .contains("AVG art. 12 lid 4")
    );
    let again = run(&["decide", &id, "--as", "dir-1", "--outcome", "toegewezen"]);
    assert_eq!(again.status.code(), Some(2), "never overwritten");
    let o = run(&["withdraw", &id, "--as", "dir-1"]);
    assert_eq!(o.status.code(), Some(0), "{}", stderr(&o));
    let all = json(&list(true));
    let ours = all
        .as_array()
        .unwrap()
        .iter()
        .find(|o| o["id"] == id.as_str())
        .unwrap();
    assert_eq!(ours["decision"]["outcome"], "afgewezen");
    assert_eq!(ours["withdrawal"]["withdrawn_by"], "betrokkene");
    assert!(stdout(&list(false)).contains("ingetrokken per"));
    // A role without the duty of handling requests is refused.
    let o = file_it("cameratoezicht", &[]);
    assert_eq!(o.status.code(), Some(0));
    let denied = run(&["list", "--as", "admin-1", "--person", &person]);
    assert_ne!(denied.status.code(), Some(0));
    let verify = zorgkluis(&["--data-dir", &data, "audit", "verify"]);
    assert_eq!(verify.status.code(), Some(0), "{}", stderr(&verify));
}

#[test]
fn a_research_export_names_its_ground_and_reports_k() {
    let dir = TempFile::new("placeholder", "");
    let data = dir.dir.path().join("data").display().to_string();
    let o = zorgkluis(&[
        "--data-dir",
        &data,
        "init",
        "--reglement",
        &seed_named("alpo-zorg.toml"),
        "--tenant",
        zorgkluis_testkit::TENANT,
    ]);
    assert_eq!(o.status.code(), Some(0), "{}", stderr(&o));
    tokio::runtime::Runtime::new().unwrap().block_on(async {
        let location = zorgkluis_store::Location::embedded(std::path::Path::new(&data));
        let reglement = zorgkluis_testkit::reglement("alpo-zorg");
        let policy = zorgkluis_testkit::policy(&reglement);
        let vault = zorgkluis_store::vault::Vault::open(
            &location,
            zorgkluis_testkit::TENANT,
            reglement,
            &zorgkluis_testkit::reglement_source("alpo-zorg"),
            policy,
        )
        .await
        .unwrap();
        zorgkluis_testkit::add_staff(
            &vault,
            &[("admin-1", "administratie"), ("coord-1", "coordinator")],
        )
        .await;
        let admin = zorgkluis_testkit::actor("admin-1", "administratie");
        for n in 0..2 {
            vault
                .register_person(
                    &admin,
                    &zorgkluis_store::vault::NewPerson {
                        subject_category: "client".into(),
                        bsn: None,
                        facts: Some(zorgkluis_store::vault::PersonFacts {
                            name: format!("Synthetische Cliënt {n}"),
                            birth_date: Some(jiff::civil::date(1955, 1, 2 + n)),
                            client_number: None,
                        }),
                    },
                    "intake",
                )
                .await
                .unwrap();
        }
        vault.close().await;
    });
    let run = |args: &[&str]| {
        let mut all = vec!["--data-dir", data.as_str()];
        all.extend_from_slice(args);
        zorgkluis(&all)
    };
    let added = json(&run(&[
        "recipient",
        "add",
        "--kind",
        "onderzoek",
        "--name",
        "Onderzoeksinstituut Voorbeeld",
        "--json",
    ]));
    let recipient = added["id"].as_str().unwrap().to_owned();
    let export = |extra: &[&str]| {
        let mut args = vec![
            "research",
            "export",
            "--as",
            "coord-1",
            "--project",
            "valpreventie",
            "--recipient",
            &recipient,
            "--categories",
            "naw",
            "--ground",
            "niet_te_verlangen",
            "--public-interest",
            "--necessary",
            "--min-k",
            "2",
        ];
        args.extend_from_slice(extra);
        run(&args)
    };
    let bad = export(&["--mode", "gepseudonimiseerd"]);
    assert_eq!(bad.status.code(), Some(2), "{}", stdout(&bad));
    assert!(stderr(&bad).contains("--mode"), "{}", stderr(&bad));
    let out = dir.dir.path().join("set.json");
    let good = export(&[
        "--mode",
        "geanonimiseerd",
        "--out",
        &out.display().to_string(),
    ]);
    assert_eq!(good.status.code(), Some(0), "{}", stderr(&good));
    assert!(stderr(&good).contains("bereikte k: 2"), "{}", stderr(&good));
    let set: serde_json::Value = serde_json::from_slice(&std::fs::read(&out).unwrap()).unwrap();
    assert_eq!(set["rows"].as_array().unwrap().len(), 2);
    assert_eq!(set["rows"][0]["birth_year"], 1955);
    assert!(set["rows"][0]["pseudonym"].is_null());
    assert_eq!(set["k"], 2);
}

/// The registers as a spreadsheet: exported as XLSX (the registers the command line's role may
/// read) and as CSV, and the workbook imported into another installation; a workbook with an
/// error imports nothing and names the row and column (exit 2).
#[test]
fn the_registers_go_to_excel_and_come_back() {
    let dir = TempFile::new("placeholder", "");
    let installation = |name: &str| {
        let data = dir.dir.path().join(name).display().to_string();
        move |args: &[&str]| {
            let mut all = vec!["--data-dir", data.as_str()];
            all.extend_from_slice(args);
            zorgkluis(&all)
        }
    };
    let first = installation("first");
    let second = installation("second");
    for run in [&first, &second] {
        let o = run(&["init", "--reglement", &seed(), "--tenant", "bg-wonen"]);
        assert_eq!(o.status.code(), Some(0), "{}", stderr(&o));
    }
    let o = first(&[
        "incident",
        "add",
        "--discovered",
        "2026-03-28T20:00",
        "--nature",
        "vertrouwelijkheid",
        "--categories",
        "naw,gezondheid",
        "--description",
        "Een overdrachtsmap is in de trein blijven liggen",
    ]);
    assert_eq!(o.status.code(), Some(0), "{}", stderr(&o));

    let xlsx = dir.dir.path().join("registers.xlsx");
    let xlsx_path = xlsx.display().to_string();
    let o = first(&["register", "export", "--out", &xlsx_path]);
    assert_eq!(o.status.code(), Some(0), "{}", stderr(&o));
    assert!(stdout(&o).contains("Incidenten (1)"), "{}", stdout(&o));
    assert!(
        std::fs::read(&xlsx).unwrap().starts_with(b"PK"),
        "a zip: XLSX"
    );

    let o = first(&[
        "register",
        "export",
        "--format",
        "csv",
        "--register",
        "incidenten",
    ]);
    assert_eq!(o.status.code(), Some(0), "{}", stderr(&o));
    assert!(stdout(&o).contains("Een overdrachtsmap is in de trein blijven liggen"));
    assert!(
        stdout(&o).contains("\"2026-03-28T20:00:00+01:00\""),
        "{}",
        stdout(&o)
    );
    let o = first(&["register", "export", "--format", "csv"]);
    assert_eq!(o.status.code(), Some(2));
    assert!(stderr(&o).contains("--register"), "{}", stderr(&o));
    let o = first(&["register", "export"]);
    assert_eq!(o.status.code(), Some(2));
    assert!(stderr(&o).contains("--out"), "{}", stderr(&o));

    // The whole export into the second installation: the incident comes across, the tabs
    // made from the reglement and the events are read past.
    let o = second(&["register", "import", &xlsx_path]);
    assert_eq!(o.status.code(), Some(0), "{}", stderr(&o));
    assert!(stdout(&o).contains("incidenten: 1"), "{}", stdout(&o));
    assert!(stdout(&o).contains("Verwerkingen"), "{}", stdout(&o));
    let listed = json(&second(&["incident", "list", "--json"]));
    assert_eq!(listed.as_array().unwrap().len(), 1, "{listed}");
    assert_eq!(
        listed[0]["facts"]["description"],
        "Een overdrachtsmap is in de trein blijven liggen"
    );

    // A tab no register has: named, nothing imported.
    let bad = dir.dir.path().join("bad.xlsx");
    let sheet = zorgkluis_store::spreadsheet::Sheet {
        name: "Datalekken 2025".into(),
        header: vec!["Ontdekt".into()],
        rows: vec![],
    };
    std::fs::write(
        &bad,
        zorgkluis_store::spreadsheet::to_xlsx(&[sheet]).unwrap(),
    )
    .unwrap();
    let o = second(&["register", "import", &bad.display().to_string()]);
    assert_eq!(o.status.code(), Some(2), "{}", stdout(&o));
    assert!(
        stderr(&o).contains("Datalekken 2025, rij 1"),
        "{}",
        stderr(&o)
    );
    let listed = json(&second(&["incident", "list", "--json"]));
    assert_eq!(listed.as_array().unwrap().len(), 1, "nothing more imported");
}

/// `logcontrole run|list|close|incident`: the log review from the command line. A window that
/// cannot be, a bad date or an unknown flag exits 2 naming what is wrong; a run over a log
/// without anything to flag stores nothing, and running it again neither.
#[test]
fn the_log_review_runs_from_the_command_line() {
    let dir = TempFile::new("placeholder", "");
    let data = dir.dir.path().join("data").display().to_string();
    let run = |args: &[&str]| {
        let mut all = vec!["--data-dir", data.as_str()];
        all.extend_from_slice(args);
        zorgkluis(&all)
    };
    let o = run(&["init", "--reglement", &seed(), "--tenant", "bg-wonen"]);
    assert_eq!(o.status.code(), Some(0), "{}", stderr(&o));
    for _ in 0..2 {
        let o = run(&["logcontrole", "run", "--json"]);
        assert_eq!(o.status.code(), Some(0), "{}", stderr(&o));
        let v = json(&o);
        assert_eq!(v["new"], serde_json::json!([]), "{v}");
        assert_eq!(v["known"], 0, "{v}");
    }
    let o = run(&["logcontrole", "run"]);
    assert!(stdout(&o).starts_with("Logcontrole van "), "{}", stdout(&o));
    assert!(
        stdout(&o).contains("0 nieuwe melding(en)"),
        "{}",
        stdout(&o)
    );
    let o = run(&["logcontrole", "list", "--all", "--json"]);
    assert_eq!(json(&o), serde_json::json!([]));
    let o = run(&["logcontrole", "list"]);
    assert_eq!(stdout(&o).trim(), "Geen meldingen.");

    let o = run(&[
        "logcontrole",
        "run",
        "--from",
        "2026-03-10",
        "--to",
        "2026-03-01",
    ]);
    assert_eq!(o.status.code(), Some(2));
    assert!(stderr(&o).contains("invalid from"), "{}", stderr(&o));
    let o = run(&["logcontrole", "run", "--from", "2026-13-01"]);
    assert_eq!(o.status.code(), Some(2));
    assert!(stderr(&o).contains("--from"), "{}", stderr(&o));
    let o = run(&["logcontrole", "close", "geen-melding", "--note", "in orde"]);
    assert_eq!(o.status.code(), Some(2));
    assert!(stderr(&o).contains("not found"), "{}", stderr(&o));
    let o = run(&["logcontrole", "close", "geen-melding", "--note", " "]);
    assert_eq!(o.status.code(), Some(2));
    assert!(stderr(&o).contains("invalid note"), "{}", stderr(&o));
    let o = run(&["logcontrole", "incident", "geen-melding"]);
    assert_eq!(o.status.code(), Some(2));
    // Each run was logged under read_audit.
    let o = run(&["audit", "verify"]);
    assert_eq!(o.status.code(), Some(0), "{}", stderr(&o));
}

/// `report annual`: the year's report as JSON (every figure with its events), HTML and PDF, to
/// standard output or --out; a year out of range exits 2 naming --year.
#[test]
fn the_annual_report_comes_from_the_years_events() {
    let dir = TempFile::new("placeholder", "");
    let data = dir.dir.path().join("data").display().to_string();
    let run = |args: &[&str]| {
        let mut all = vec!["--data-dir", data.as_str()];
        all.extend_from_slice(args);
        zorgkluis(&all)
    };
    let o = run(&["init", "--reglement", &seed(), "--tenant", "bg-wonen"]);
    assert_eq!(o.status.code(), Some(0), "{}", stderr(&o));
    let o = run(&[
        "incident",
        "add",
        "--discovered",
        "2026-03-28T20:00",
        "--nature",
        "vertrouwelijkheid",
        "--description",
        "Een overdrachtsmap is in de trein blijven liggen",
        "--json",
    ]);
    let id = json(&o)["id"].as_str().unwrap().to_owned();

    let report = json(&run(&[
        "report", "annual", "--year", "2026", "--format", "json",
    ]));
    let incidents = report["sections"]
        .as_array()
        .unwrap()
        .iter()
        .find(|s| s["id"] == "incidenten")
        .unwrap();
    let total = &incidents["figures"][0];
    assert_eq!(
        (total["id"].as_str(), total["value"].as_u64()),
        (Some("total"), Some(1))
    );
    assert_eq!(total["events"][0], id.as_str(), "{total}");
    let last_year = json(&run(&[
        "report", "annual", "--year", "2025", "--format", "json",
    ]));
    assert!(
        !last_year.to_string().contains(&id),
        "a year counts its own events only"
    );

    let o = run(&["report", "annual", "--year", "2026"]);
    assert_eq!(o.status.code(), Some(0), "{}", stderr(&o));
    assert!(
        stdout(&o).contains("Jaarverslag privacy 2026"),
        "HTML by default"
    );
    let pdf = dir.dir.path().join("jaarverslag.pdf");
    let o = run(&[
        "report",
        "annual",
        "--year",
        "2026",
        "--format",
        "pdf",
        "--out",
        &pdf.display().to_string(),
    ]);
    assert_eq!(o.status.code(), Some(0), "{}", stderr(&o));
    assert!(std::fs::read(&pdf).unwrap().starts_with(b"%PDF-"));
    let o = run(&["report", "annual", "--year", "1850"]);
    assert_eq!(o.status.code(), Some(2));
    assert!(stderr(&o).contains("--year"), "{}", stderr(&o));
}

/// `processor add|list|review|end` and `asset add|list`: the processor register from the
/// command line. The next review is a year after signing (BG wonen names no interval); a
/// review moves it a year on; an unknown processing exits 2 naming the field and records
/// nothing; a bad country exits 2 naming `--country`.
#[test]
fn the_processor_register_keeps_its_reviews() {
    let dir = TempFile::new("placeholder", "");
    let data = dir.dir.path().join("data").display().to_string();
    let run = |args: &[&str]| {
        let mut all = vec!["--data-dir", data.as_str()];
        all.extend_from_slice(args);
        zorgkluis(&all)
    };
    let o = run(&["init", "--reglement", &seed(), "--tenant", "bg-wonen"]);
    assert_eq!(o.status.code(), Some(0), "{}", stderr(&o));
    let add = |processing: &str, country: &str| {
        run(&[
            "processor",
            "add",
            "--processor",
            "Voorbeeld ECD BV",
            "--processing",
            processing,
            "--category",
            "gezondheid",
            "--country",
            country,
            "--signed",
            "2025-01-15",
            "--security",
            "Versleuteld",
            "--json",
        ])
    };
    let o = add("verkoop", "NL");
    assert_eq!(o.status.code(), Some(2), "{}", stdout(&o));
    assert!(
        stderr(&o).contains("processings") && stderr(&o).contains("verkoop"),
        "{}",
        stderr(&o)
    );
    let o = add("zorgverlening", "nl");
    assert_eq!(o.status.code(), Some(2));
    assert!(stderr(&o).contains("--country"), "{}", stderr(&o));
    let o = run(&["processor", "list", "--json"]);
    assert_eq!(json(&o), serde_json::json!([]), "nothing was recorded");

    let o = add("zorgverlening", "NL");
    assert_eq!(o.status.code(), Some(0), "{}", stderr(&o));
    let v = json(&o);
    assert_eq!(v["next_review"], "2026-01-15", "{v}");
    assert_eq!(v["security"], "Versleuteld");
    let id = v["id"].as_str().unwrap().to_owned();
    let o = run(&["processor", "list", "--due", "--json"]);
    let due = json(&o);
    assert_eq!(due.as_array().map(Vec::len), Some(1), "{due}");
    assert_eq!(due[0]["overdue"], true, "15 January has passed");

    let o = run(&["processor", "review", &id, "--on", "2026-01-20", "--json"]);
    assert_eq!(o.status.code(), Some(0), "{}", stderr(&o));
    assert_eq!(json(&o)["next_review"], "2027-01-20");

    let o = run(&[
        "asset",
        "add",
        "--name",
        "ECD",
        "--kind",
        "applicatie",
        "--category",
        "gezondheid",
        "--country",
        "NL",
        "--agreement",
        &id,
        "--owner",
        "fg",
        "--json",
    ]);
    assert_eq!(o.status.code(), Some(0), "{}", stderr(&o));
    let o = run(&["asset", "list", "--json"]);
    let assets = json(&o);
    assert_eq!(assets[0]["agreement"], id.as_str(), "{assets}");
    let o = run(&["processor", "end", &id, "--on", "2026-02-01"]);
    assert_eq!(o.status.code(), Some(0), "{}", stderr(&o));
    let o = run(&["processor", "list", "--due", "--json"]);
    assert_eq!(
        json(&o),
        serde_json::json!([]),
        "an ended agreement is never due"
    );
}

#[test]
fn a_persons_legal_facts_and_representatives_on_the_command_line() {
    let (_dir, data, person) = installation_with_a_client();
    // The administration keeps legal data (BG wonen 3.1: `juridisch`).
    let add = Command::new(env!("CARGO_BIN_EXE_zorgkluis"))
        .args([
            "--data-dir",
            &data,
            "user",
            "add",
            "--id",
            "admin-1",
            "--role",
            "administratie",
        ])
        .env("ZORGKLUIS_PASSWORD", "een-lang-genoeg-wachtwoord")
        .output()
        .unwrap();
    assert_eq!(add.status.code(), Some(0), "{}", stderr(&add));
    let run = |args: &[&str]| {
        let mut all = vec!["--data-dir", data.as_str(), "person"];
        all.extend_from_slice(args);
        zorgkluis(&all)
    };
    let o = run(&[
        "facts",
        "--as",
        "admin-1",
        &person,
        "--legal-status",
        "curatele",
        "--legal-status-since",
        "2025-01-01",
    ]);
    assert_eq!(o.status.code(), Some(0), "{}", stderr(&o));
    assert!(
        stdout(&o).contains("curatele, sinds 2025-01-01"),
        "{}",
        stdout(&o)
    );
    let shown = json(&run(&["facts", "--as", "admin-1", &person, "--json"]));
    assert_eq!(shown["legal_status"], "curatele");
    let tomorrow = zorgkluis_core::time::dutch_date(jiff::Timestamp::now())
        .checked_add(jiff::Span::new().days(1))
        .unwrap()
        .to_string();
    let bad: [(&[&str], &str); 3] = [
        (
            &["facts", "--as", "admin-1", &person, "--deceased", &tomorrow],
            "--deceased",
        ),
        (
            &[
                "represent",
                "--as",
                "admin-1",
                &person,
                "--by",
                &person,
                "--ground",
                "mentor",
            ],
            "--by",
        ),
        (
            &[
                "represent",
                "--as",
                "admin-1",
                &person,
                "--by",
                "00000000-0000-4000-8000-000000000001",
                "--ground",
                "gemachtigde",
            ],
            "--authorised-on",
        ),
    ];
    for (args, flag) in bad {
        let o = run(args);
        assert_eq!(o.status.code(), Some(2), "{args:?}: {}", stderr(&o));
        assert!(stderr(&o).contains(flag), "{args:?}: {}", stderr(&o));
    }
    let r = json(&run(&[
        "representatives",
        "--as",
        "admin-1",
        &person,
        "--json",
    ]));
    assert_eq!(r["representatives"].as_array().unwrap().len(), 0, "{r}");
    assert!(r["facts"]["deceased"].is_null(), "nothing changed: {r}");
    let o = zorgkluis(&["--data-dir", data.as_str(), "audit", "verify"]);
    assert_eq!(o.status.code(), Some(0), "{}", stderr(&o));
}

/// `reglement adopt|history|diff` (issue 17 part 4): a version whose effective date falls inside
/// its announcement period exits 2 naming `--effective` and the article, an invalid file exits 1
/// with its position, without `--as` the command line may not adopt (exit 2 naming `--as`); none
/// of them stores a version. Four weeks after the announcement it is adopted, in force from then,
/// and the installation opens with it; `diff` lists the changes per article, in Dutch and English.
#[test]
fn a_new_version_is_adopted_after_its_announcement_period_and_diffed() {
    let dir = TempFile::new("placeholder", "");
    let data = dir.dir.path().join("data").display().to_string();
    let run = |args: &[&str]| {
        Command::new(env!("CARGO_BIN_EXE_zorgkluis"))
            .arg("--data-dir")
            .arg(&data)
            .args(args)
            .env_remove("ZORGKLUIS_LANG")
            .env("ZORGKLUIS_PASSWORD", "groene appel in de herfstzon")
            .stdin(std::process::Stdio::null())
            .output()
            .expect("run zorgkluis")
    };
    let o = run(&["init", "--reglement", &seed(), "--tenant", "bg-wonen"]);
    assert_eq!(o.status.code(), Some(0), "{}", stderr(&o));
    let o = run(&["user", "add", "--id", "dir-1", "--role", "directie"]);
    assert_eq!(o.status.code(), Some(0), "{}", stderr(&o));

    let old = std::fs::read_to_string(seed()).unwrap();
    let text = old
        .replacen(
            "nummer = \"1-2020\"",
            "nummer = \"2-2026\"\naankondigingstermijn = \"4 weken\"\naankondigingsartikel = \"8.3\"",
            1,
        )
        .replacen("termijn = \"20 jaar\"", "termijn = \"25 jaar\"", 1);
    assert!(text.contains("25 jaar"));
    let new = TempFile::new("bg-wonen-2026.toml", &text);
    let path = new.path();
    let adopt = |effective: &str, extra: &[&str]| {
        let mut args = vec![
            "reglement",
            "adopt",
            path.as_str(),
            "--announced",
            "2026-11-02",
            "--effective",
            effective,
        ];
        args.extend_from_slice(extra);
        run(&args)
    };
    let history = || json(&run(&["reglement", "history", "--json"]));

    let o = adopt("2026-11-20", &["--as", "dir-1"]);
    assert_eq!(o.status.code(), Some(2), "{}", stdout(&o));
    assert!(stderr(&o).contains("--effective"), "{}", stderr(&o));
    assert!(
        stderr(&o).contains("8.3") && stderr(&o).contains("30 november 2026"),
        "{}",
        stderr(&o)
    );
    assert_eq!(
        history().as_array().map(Vec::len),
        Some(1),
        "nothing stored"
    );

    let o = adopt("2026-11-30", &[]);
    assert_eq!(o.status.code(), Some(2), "{}", stdout(&o));
    assert!(stderr(&o).contains("--as"), "{}", stderr(&o));

    let broken = TempFile::new(
        "kapot.toml",
        &text.replacen("formaat = 1", "formaat = \"een\"", 1),
    );
    let o = run(&[
        "reglement",
        "adopt",
        &broken.path(),
        "--announced",
        "2026-11-02",
        "--effective",
        "2026-11-30",
        "--as",
        "dir-1",
    ]);
    assert_eq!(o.status.code(), Some(1), "{}", stdout(&o));
    assert!(stderr(&o).contains("kapot.toml:"), "{}", stderr(&o));
    assert_eq!(
        history().as_array().map(Vec::len),
        Some(1),
        "nothing stored"
    );

    let o = adopt("2026-11-30", &["--as", "dir-1", "--json"]);
    let adopted = json(&o);
    assert_eq!(adopted["version"], "2-2026", "{adopted}");
    assert_eq!(adopted["adopted_by"], "dir-1");
    let h = history();
    assert_eq!(h.as_array().map(Vec::len), Some(2), "{h}");
    assert_eq!(h[0]["version"], "2-2026");
    assert_eq!(h[0]["in_force"], true, "in force since 30 November: {h}");
    assert_eq!(h[1]["in_force"], false);
    let o = run(&["reglement", "history"]);
    assert!(
        stdout(&o).contains("vastgesteld door dir-1") && stdout(&o).contains("nu van kracht"),
        "{}",
        stdout(&o)
    );

    let o = zorgkluis(&["reglement", "diff", &seed(), &new.path()]);
    assert_eq!(o.status.code(), Some(0), "{}", stderr(&o));
    let out = stdout(&o);
    assert!(
        out.contains("Wijzigingen van versie 1-2020 naar versie 2-2026"),
        "{out}"
    );
    assert!(out.contains("Artikel 3.4"), "{out}");
    assert!(out.contains("25 jaar"), "{out}");
    assert!(out.contains("Antwoorden die veranderen"), "{out}");
    let o = zorgkluis(&[
        "--lang",
        "en",
        "reglement",
        "diff",
        &seed(),
        &new.path(),
        "--json",
    ]);
    let d = json(&o);
    let changes = d["changes"].as_array().unwrap();
    assert!(
        changes
            .iter()
            .any(|c| c["topic"] == "bewaartermijn" && c["kind"] == "changed"),
        "{d}"
    );
    assert!(
        changes
            .iter()
            .any(|c| c["text"].as_str().unwrap().contains("changed")),
        "{d}"
    );
}

/// `portal issue` prints a login name and an initial password once, logged; a second issue
/// while one is live, an unknown person and a revoke of nothing are exit 2 naming `--person`;
/// `portal revoke` ends it, and a new issue gets a new login name.
#[test]
fn portal_accounts_are_issued_and_revoked() {
    let (_dir, data, person) = installation_with_a_client();
    let run = |args: &[&str]| {
        let mut all = vec!["--data-dir", data.as_str(), "portal"];
        all.extend_from_slice(args);
        zorgkluis(&all)
    };
    let issued = json(&run(&["issue", "--person", &person, "--json"]));
    let login = issued["login"].as_str().expect("a login name").to_owned();
    assert!(login.starts_with("portaal-"), "{issued}");
    assert_eq!(issued["person_id"], person.as_str());
    assert!(
        issued["initial_password"].as_str().unwrap().len() >= 16,
        "{issued}"
    );
    let again = run(&["issue", "--person", &person]);
    assert_eq!(again.status.code(), Some(2), "{}", stderr(&again));
    assert!(stderr(&again).contains("--person"), "{}", stderr(&again));
    let unknown = run(&["issue", "--person", "00000000-0000-0000-0000-000000000000"]);
    assert_eq!(unknown.status.code(), Some(2));
    assert!(
        stderr(&unknown).contains("--person"),
        "{}",
        stderr(&unknown)
    );
    let revoked = run(&["revoke", "--person", &person]);
    assert_eq!(revoked.status.code(), Some(0), "{}", stderr(&revoked));
    assert!(stdout(&revoked).contains(&login), "{}", stdout(&revoked));
    let twice = run(&["revoke", "--person", &person]);
    assert_eq!(twice.status.code(), Some(2));
    assert!(stderr(&twice).contains("--person"), "{}", stderr(&twice));
    let new = json(&run(&["issue", "--person", &person, "--json"]));
    assert_ne!(new["login"], login.as_str(), "a new login name");
    // A staff member whose role manages accounts (BG wonen 3.2: the directie) revokes it; an
    // account that is not staff is refused naming `--as`.
    let by_staff = run(&["revoke", "--as", "dir-1", "--person", &person]);
    assert_eq!(by_staff.status.code(), Some(0), "{}", stderr(&by_staff));
    let nobody = run(&["issue", "--as", "niemand", "--person", &person]);
    assert_eq!(nobody.status.code(), Some(2));
    assert!(stderr(&nobody).contains("--as"), "{}", stderr(&nobody));
    let verify = zorgkluis(&["--data-dir", &data, "audit", "verify"]);
    assert_eq!(verify.status.code(), Some(0), "{}", stderr(&verify));
}

/// `request list --due-soon` shows the open requests due within ZORGKLUIS_REMINDER_DAYS
/// working days; `due_soon` is in `list --json` and `show --json`; a bad value of the
/// variable stops the command, naming it.
#[test]
fn request_list_due_soon_follows_the_reminder_window() {
    let (_dir, data, person) = installation_with_a_client();
    let run = |days: Option<&str>, args: &[&str]| {
        let mut cmd = Command::new(env!("CARGO_BIN_EXE_zorgkluis"));
        cmd.args(["--data-dir", data.as_str(), "request"])
            .args(args)
            .env_remove("ZORGKLUIS_LANG");
        match days {
            Some(d) => cmd.env("ZORGKLUIS_REMINDER_DAYS", d),
            None => cmd.env_remove("ZORGKLUIS_REMINDER_DAYS"),
        };
        cmd.output().unwrap()
    };
    let today = zorgkluis_core::time::dutch_date(jiff::Timestamp::now());
    // 26 days ago: BG wonen's four weeks end in two days (or the next working day).
    let received = today
        .checked_sub(jiff::Span::new().days(26))
        .unwrap()
        .to_string();
    let filed = json(&run(
        None,
        &[
            "file",
            "--as",
            "dir-1",
            "--person",
            &person,
            "--type",
            "inzage",
            "--received",
            &received,
            "--json",
        ],
    ));
    let id = filed["id"].as_str().unwrap().to_owned();
    let fresh = json(&run(
        None,
        &[
            "file",
            "--as",
            "dir-1",
            "--person",
            &person,
            "--type",
            "inzage",
            "--received",
            &today.to_string(),
            "--json",
        ],
    ));
    let soon = json(&run(
        None,
        &["list", "--as", "dir-1", "--due-soon", "--json"],
    ));
    let ids: Vec<&str> = soon
        .as_array()
        .unwrap()
        .iter()
        .map(|r| r["id"].as_str().unwrap())
        .collect();
    assert_eq!(ids, [id.as_str()], "{soon}");
    assert_eq!(soon[0]["due_soon"], true);
    let all = json(&run(None, &["list", "--as", "dir-1", "--json"]));
    let fresh_row = all
        .as_array()
        .unwrap()
        .iter()
        .find(|r| r["id"] == fresh["id"])
        .unwrap();
    assert_eq!(fresh_row["due_soon"], false, "{all}");
    let text = run(None, &["list", "--as", "dir-1", "--open"]);
    assert!(
        stdout(&text).contains("due soon") || stdout(&text).contains("binnenkort"),
        "{}",
        stdout(&text)
    );
    // A window of 0 working days: only what is due today.
    let none = json(&run(
        Some("0"),
        &["list", "--as", "dir-1", "--due-soon", "--json"],
    ));
    let shown = json(&run(None, &["show", "--as", "dir-1", &id, "--json"]));
    assert_eq!(shown["due_soon"], true, "{shown}");
    assert!(
        none.as_array()
            .unwrap()
            .iter()
            .all(|r| r["due"] == today.to_string()),
        "{none}"
    );
    let bad = run(Some("vijf"), &["list", "--as", "dir-1"]);
    assert_eq!(bad.status.code(), Some(2));
    assert!(
        stderr(&bad).contains("ZORGKLUIS_REMINDER_DAYS"),
        "{}",
        stderr(&bad)
    );
}
