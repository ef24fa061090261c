//! Crash test of retention runs: a child process runs retention and is killed with SIGKILL at
//! a random moment in the middle of the run, many times on fresh stores; the parent then opens
//! the store (as a restarted server would) and resumes the run. Every record that was due is
//! destroyed exactly once, nothing that was not due is touched, the certificate agrees with
//! the plan, the destroyed keys are gone from the key store, and the audit chain verifies. It
//! counts items, it does not time them.

use std::collections::{BTreeMap, BTreeSet};
use std::io::{BufRead as _, BufReader};
use std::process::{Command, Stdio};

use zorgkluis_store::Location;
use zorgkluis_store::audit::{AuditAction, Outcome};
use zorgkluis_store::vault::{Actor, RunOptions, Vault, VaultError};
use zorgkluis_testkit::sqlx::{self, Connection as _, Row as _};
use zorgkluis_testkit::{Backend, STAFF, TENANT, TestStore, actor, add_staff, client_in_care};

const CHILD_DIR: &str = "ZK_RETENTION_CRASH_DIR";
const CHILD_URL: &str = "ZK_RETENTION_CRASH_URL";

/// Whole files due (two health records of 2000 each), clients with one due category (a
/// fiscal record of 2010 beside a health record of today), clients with nothing due.
const OLD: usize = 6;
const MIXED: usize = 4;
const RECENT: usize = 2;

fn today() -> jiff::civil::Date {
    zorgkluis_core::time::dutch_date(jiff::Timestamp::now())
}

/// A pseudo-random number from a fresh UUID: enough to vary the kill moment.
fn random_below(n: u64) -> u64 {
    let bytes = uuid::Uuid::new_v4().into_bytes();
    u64::from_le_bytes(bytes[..8].try_into().unwrap()) % n
}

fn zorg() -> Actor {
    actor("zorg-1", "zorgverlener")
}

fn admin() -> Actor {
    actor("admin-1", "administratie")
}

/// Sets the dates of a person and their records (so far) back to `day` (test setup only).
async fn backdate(store: &TestStore, person: &str, day: &str) {
    let mut raw = store.raw().await;
    let at = format!("{day}T10:00:00Z");
    for sql in [
        "UPDATE persons SET created_at = $1 WHERE tenant_id = 'bg-wonen' AND id = $2",
        "UPDATE records SET created_at = $1 WHERE tenant_id = 'bg-wonen' AND person_id = $2",
    ] {
        sqlx::query(sql)
            .bind(&at)
            .bind(person)
            .execute(&mut raw)
            .await
            .unwrap();
    }
}

/// The organisation of one round, and the ids of what is due and what is kept.
struct Organisation {
    old: Vec<String>,
    mixed: Vec<String>,
    recent: Vec<String>,
    /// Record ids due for destruction, and those that must stay.
    due_records: BTreeSet<String>,
    kept_records: BTreeSet<String>,
}

async fn organisation(store: &TestStore, vault: &Vault) -> Organisation {
    add_staff(vault, STAFF).await;
    let mut org = Organisation {
        old: Vec::new(),
        mixed: Vec::new(),
        recent: Vec::new(),
        due_records: BTreeSet::new(),
        kept_records: BTreeSet::new(),
    };
    for n in 0..OLD {
        let p = client_in_care(vault).await;
        for k in 0..2 {
            let id = vault
                .add_record(
                    &zorg(),
                    &p,
                    "gezondheid",
                    &format!("Synthetische notitie {n}-{k} uit 2000"),
                    "zorgverlening",
                )
                .await
                .unwrap();
            org.due_records.insert(id);
        }
        backdate(store, &p, "2000-03-01").await;
        org.old.push(p);
    }
    for n in 0..MIXED {
        let p = client_in_care(vault).await;
        let id = vault
            .add_record(
                &admin(),
                &p,
                "financieel",
                &format!("Synthetische factuur {n} 2010"),
                "administratie",
            )
            .await
            .unwrap();
        org.due_records.insert(id);
        backdate(store, &p, "2010-03-01").await;
        let id = vault
            .add_record(
                &zorg(),
                &p,
                "gezondheid",
                &format!("Synthetische notitie {n} van vandaag"),
                "zorgverlening",
            )
            .await
            .unwrap();
        org.kept_records.insert(id);
        org.mixed.push(p);
    }
    for n in 0..RECENT {
        let p = client_in_care(vault).await;
        let id = vault
            .add_record(
                &zorg(),
                &p,
                "gezondheid",
                &format!("Synthetische intake {n}"),
                "zorgverlening",
            )
            .await
            .unwrap();
        org.kept_records.insert(id);
        org.recent.push(p);
    }
    org
}

/// The rows of a store's table, read beside the vault (test inspection only).
async fn ids(store: &TestStore, sql: &str) -> BTreeSet<String> {
    let mut raw = store.raw().await;
    sqlx::query(sqlx::AssertSqlSafe(sql.to_owned()))
        .bind(TENANT)
        .fetch_all(&mut raw)
        .await
        .unwrap()
        .iter()
        .map(|r| r.try_get::<String, _>(0).unwrap())
        .collect()
}

/// The key store's rows (person keys and category keys), read beside the vault.
async fn key_store(location: &Location) -> (BTreeSet<String>, BTreeSet<(String, String)>) {
    sqlx::any::install_default_drivers();
    let url = format!("sqlite://{}?mode=ro", location.key_store_file().display());
    let mut conn = sqlx::AnyConnection::connect(&url).await.unwrap();
    let persons = sqlx::query("SELECT person_id FROM stored_keys WHERE tenant_id = $1")
        .bind(TENANT)
        .fetch_all(&mut conn)
        .await
        .unwrap()
        .iter()
        .map(|r| r.try_get::<String, _>(0).unwrap())
        .collect();
    let categories =
        sqlx::query("SELECT person_id, category FROM category_keys WHERE tenant_id = $1")
            .bind(TENANT)
            .fetch_all(&mut conn)
            .await
            .unwrap()
            .iter()
            .map(|r| (r.try_get(0).unwrap(), r.try_get(1).unwrap()))
            .collect();
    (persons, categories)
}

/// One round on a fresh store: builds the organisation, plans, lets a child run retention and
/// kills it, resumes and checks. True when the child was killed before it finished the run.
async fn round(backend: Backend, restarted: &mut usize) -> bool {
    let store = TestStore::new(backend).await;
    let name = store.name();
    let vault = store.open().await;
    let org = organisation(&store, &vault).await;
    let system = Actor::system("test");
    let plan = vault.retention_plan(&system, today()).await.unwrap();
    // What the plan says is due: each old client's whole file, each mixed client's fiscal
    // records; nothing of the recent clients.
    let mut planned: Vec<(String, &str)> = plan
        .persons
        .iter()
        .map(|p| {
            let scope = if p.whole_file { "person" } else { "records" };
            (p.person_id.clone(), scope)
        })
        .collect();
    planned.sort();
    let mut expected: Vec<(String, &str)> = org
        .old
        .iter()
        .map(|p| (p.clone(), "person"))
        .chain(org.mixed.iter().map(|p| (p.clone(), "records")))
        .collect();
    expected.sort();
    assert_eq!(planned, expected, "{name}: the plan");
    let items = planned.len();
    vault.close().await;

    // The child runs retention one item per call (each call returns only after its item is
    // committed), printing a line after each; it is killed after a random number of them and
    // a random delay of a few milliseconds, so the kill lands at a different point of an
    // item's work (its decision, the erasure list, the commit, the key store) each time.
    let url = match backend {
        Backend::Postgres => store.location.database_url.clone(),
        Backend::Sqlite => String::new(),
    };
    let mut child = Command::new(std::env::current_exe().unwrap())
        .args([
            "--exact",
            "retention_crash::retention_crash_child",
            "--ignored",
            "--nocapture",
            "--test-threads=1",
        ])
        .env(CHILD_DIR, store.dir.path())
        .env(CHILD_URL, &url)
        .stdout(Stdio::piped())
        .stderr(Stdio::null())
        .spawn()
        .unwrap();
    let stdout = child.stdout.take().unwrap();
    // Killed after 0 (the run just started) to items - 2 items: always before the last.
    let kill_after = random_below(items as u64 - 1) as usize;
    let delay = std::time::Duration::from_micros(random_below(20_000));
    let mut run_id = None;
    let mut done_lines = 0;
    let mut finished = false;
    let mut killed = false;
    let mut lines = BufReader::new(stdout).lines();
    while let Some(Ok(line)) = lines.next() {
        // libtest may print "test ... " before the child's first line.
        if let Some(id) = line.split("RUN ").nth(1) {
            run_id = Some(id.to_owned());
        } else if line.contains("ITEM ") {
            done_lines += 1;
        } else if line.contains("FINISHED") {
            finished = true;
        } else {
            continue;
        }
        if !killed && run_id.is_some() && done_lines == kill_after {
            std::thread::sleep(delay);
            // SIGKILL: no destructor, no flush, no final checkpoint.
            child.kill().unwrap();
            killed = true;
        }
    }
    let status = child.wait().unwrap();
    let run_id = run_id.unwrap_or_else(|| panic!("{name}: the child started no run"));
    let interrupted = !status.success() && !finished;
    assert!(
        done_lines <= items,
        "{name}: {done_lines} items reported of {items}"
    );

    // Restarted: opening re-applies the erasure list; the run resumes where it stopped.
    let vault = store.open().await;
    let outcome = vault
        .retention_run(&system, today(), RunOptions::default())
        .await
        .unwrap();
    assert!(
        outcome.certificate.is_some(),
        "{name}: the resumed run finishes"
    );
    // The child's run: finished by the resumed call, or by the child itself when the kill
    // came after its last item (then the call above started a new run, with nothing due).
    let cert = vault
        .retention_certificate(&system, &run_id)
        .await
        .unwrap_or_else(|e| panic!("{name}: the child's run has no certificate: {e}"));
    if interrupted {
        assert!(outcome.resumed, "{name}: {outcome:?}");
        assert_eq!(outcome.run_id, run_id, "{name}: the same run continues");
        assert!(
            outcome.destroyed_now <= items - done_lines,
            "{name}: {} destroyed after the crash, {done_lines} of {items} before",
            outcome.destroyed_now
        );
    }
    assert_eq!(cert.run_id, run_id, "{name}");

    // The certificate: exactly the planned items, each destroyed, none skipped.
    assert!(
        cert.skipped.is_empty(),
        "{name}: killed after {done_lines} items: skipped {:?}",
        cert.skipped
    );
    let mut destroyed: Vec<(String, &str)> = cert
        .destroyed
        .iter()
        .map(|d| {
            let scope = if d.scope == "person" {
                "person"
            } else {
                "records"
            };
            (d.person_id.clone(), scope)
        })
        .collect();
    destroyed.sort();
    assert_eq!(
        destroyed, expected,
        "{name}: killed after {done_lines} items: destroyed"
    );
    // Its counts are the plan's.
    assert_eq!(cert.whole_files, plan.whole_files, "{name}");
    assert_eq!(cert.records, plan.due_records, "{name}");
    assert_eq!(plan.due_records, org.due_records.len(), "{name}");
    let plan_counts: BTreeMap<&str, (usize, usize)> = plan
        .categories
        .iter()
        .filter(|c| c.due_records > 0)
        .map(|c| (c.category.as_str(), (c.due_records, c.due_persons)))
        .collect();
    let cert_counts: BTreeMap<&str, (usize, usize)> = cert
        .counts
        .iter()
        .filter(|c| c.records > 0)
        .map(|c| (c.category.as_str(), (c.records, c.persons)))
        .collect();
    assert_eq!(cert_counts, plan_counts, "{name}");
    assert_eq!(
        cert_counts.get("gezondheid"),
        Some(&(2 * OLD, OLD)),
        "{name}"
    );
    assert_eq!(
        cert_counts.get("financieel"),
        Some(&(MIXED, MIXED)),
        "{name}"
    );

    // Per record id: each due record is named by exactly one item of the run, that item is
    // destroyed, and the record is gone from the database; every kept record is still there.
    let mut raw = store.raw().await;
    let rows = sqlx::query(
        "SELECT detail, outcome FROM retention_run_items WHERE tenant_id = $1 AND run_id = $2",
    )
    .bind(TENANT)
    .bind(&run_id)
    .fetch_all(&mut raw)
    .await
    .unwrap();
    let mut named: BTreeMap<String, usize> = BTreeMap::new();
    for r in &rows {
        let detail: String = r.try_get(0).unwrap();
        let outcome: Option<String> = r.try_get(1).unwrap();
        assert_eq!(outcome.as_deref(), Some("destroyed"), "{name}: {detail}");
        let entries: Vec<serde_json::Value> = serde_json::from_str(&detail).unwrap();
        for e in entries {
            for id in e["record_ids"].as_array().into_iter().flatten() {
                *named.entry(id.as_str().unwrap().to_owned()).or_default() += 1;
            }
        }
    }
    assert_eq!(
        named.keys().cloned().collect::<BTreeSet<_>>(),
        org.due_records,
        "{name}"
    );
    assert!(named.values().all(|n| *n == 1), "{name}: {named:?}");
    let left = ids(&store, "SELECT id FROM records WHERE tenant_id = $1").await;
    assert!(
        left.is_disjoint(&org.due_records),
        "{name}: due records left"
    );
    assert_eq!(left, org.kept_records, "{name}: the kept records");

    // Per person: one destruction event of the run for each item, none for anyone else, and
    // no erasure re-applied at the restart stands in for one.
    let fg = actor("fg-1", "fg");
    for p in org.old.iter().chain(&org.mixed).chain(&org.recent) {
        let log = vault.audit_for_person(&fg, p).await.unwrap();
        let destroy: Vec<_> = log
            .iter()
            .filter(|e| e.action == AuditAction::Destroy && e.outcome == Outcome::Allowed)
            .collect();
        let reapplied = log
            .iter()
            .filter(|e| e.action == AuditAction::EraseReapplied)
            .count();
        let want = usize::from(!org.recent.contains(p));
        assert_eq!(
            destroy.len(),
            want,
            "{name}: destroy events of {p}: {log:?}"
        );
        // A kill between the erasure list and the commit of a whole file leaves the erasure to
        // the restart (one EraseReapplied, before the run's Destroy, which then deletes
        // nothing more); never for a category, never twice.
        let may_reapply = usize::from(org.old.contains(p));
        assert!(reapplied <= may_reapply, "{name}: {p}: {log:?}");
        if reapplied == 1 {
            let at = |a: AuditAction| log.iter().position(|e| e.action == a).unwrap();
            assert!(
                at(AuditAction::EraseReapplied) < at(AuditAction::Destroy),
                "{name}"
            );
            *restarted += 1;
        }
        assert!(
            destroy
                .iter()
                .all(|e| e.object.as_deref() == Some(run_id.as_str())),
            "{name}"
        );
        if org.mixed.contains(p) {
            assert_eq!(destroy[0].category.as_deref(), Some("financieel"), "{name}");
        }
    }

    // The files: the old clients' are erased, the others open with what they kept.
    for p in &org.old {
        let gone = vault.dossier(&zorg(), p, "zorgverlening").await;
        assert!(
            matches!(gone, Err(VaultError::Erased(_))),
            "{name}: {gone:?}"
        );
    }
    for p in org.mixed.iter().chain(&org.recent) {
        let kept = vault
            .read_category(&zorg(), p, "gezondheid", "zorgverlening", None)
            .await
            .unwrap();
        assert_eq!(kept.len(), 1, "{name}");
    }
    for p in &org.mixed {
        let fiscal = vault
            .read_category(&admin(), p, "financieel", "administratie", None)
            .await
            .unwrap();
        assert!(fiscal.is_empty(), "{name}: {fiscal:?}");
    }

    // The key store: no key of an erased file, no key of an emptied category, whatever moment
    // the kill came (a key left there would open the records in every older backup).
    let (person_keys, category_keys) = key_store(&store.location).await;
    for p in &org.old {
        assert!(!person_keys.contains(p), "{name}: the key of {p} survived");
        assert!(
            !category_keys.iter().any(|(q, _)| q == p),
            "{name}: a category key of {p} survived"
        );
    }
    for p in &org.mixed {
        assert!(person_keys.contains(p), "{name}");
        assert!(
            !category_keys.contains(&(p.clone(), "financieel".to_owned())),
            "{name}: killed after {done_lines} items: the fiscal key of {p} survived"
        );
        assert!(category_keys.contains(&(p.clone(), "gezondheid".to_owned())));
    }

    let report = vault.verify_audit().await.unwrap();
    assert!(report.ok(), "{name}: {:?}", report.findings);
    // A next run finds nothing due.
    let next = vault
        .retention_run(&system, today(), RunOptions::default())
        .await
        .unwrap();
    assert!(next.certificate.unwrap().destroyed.is_empty(), "{name}");
    vault.close().await;
    interrupted
}

async fn rounds(backend: Backend, n: usize) {
    let mut interrupted = 0;
    let mut restarted = 0;
    for _ in 0..n {
        interrupted += usize::from(round(backend, &mut restarted).await);
    }
    eprintln!(
        "{backend:?}: {interrupted} of {n} rounds killed mid-run; {restarted} whole files finished by the restart"
    );
    // The kill comes before the last item is reported; a child may still finish first now
    // and then, but most rounds must really be cut off in the middle of the run.
    assert!(
        interrupted * 2 >= n,
        "only {interrupted} of {n} rounds were killed mid-run"
    );
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn retention_run_killed_mid_run_resumes_exactly_once_on_sqlite() {
    rounds(Backend::Sqlite, 8).await;
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn retention_run_killed_mid_run_resumes_exactly_once_on_postgres() {
    rounds(Backend::Postgres, 8).await;
}

/// The child process of the retention crash tests, started by `round`; ignored in a normal
/// run. It starts the run (no item yet), then destroys one item per call, each call returning
/// after its item is committed.
#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
#[ignore = "the child process of retention_run_killed_mid_run_resumes_exactly_once_on_*"]
async fn retention_crash_child() {
    use std::io::Write as _;
    let Ok(dir) = std::env::var(CHILD_DIR) else {
        return;
    };
    let url = std::env::var(CHILD_URL).ok().filter(|u| !u.is_empty());
    let location = Location::new(url.as_deref(), std::path::Path::new(&dir));
    let vault = zorgkluis_testkit::open_at(&location).await;
    let system = Actor::system("test");
    let say = |line: String| {
        let mut out = std::io::stdout().lock();
        let _ = writeln!(out, "{line}");
        let _ = out.flush();
    };
    let started = vault
        .retention_run(
            &system,
            today(),
            RunOptions {
                stop_after: Some(0),
            },
        )
        .await
        .unwrap();
    say(format!("RUN {}", started.run_id));
    loop {
        let step = vault
            .retention_run(
                &system,
                today(),
                RunOptions {
                    stop_after: Some(1),
                },
            )
            .await
            .unwrap();
        say(format!("ITEM {}", step.destroyed_now));
        if step.certificate.is_some() {
            say("FINISHED".to_owned());
            break;
        }
    }
    vault.close().await;
}
