//! Crash test: a child process writes continuously and is killed with SIGKILL at a random
//! moment; every write it acknowledged must be there after reopening, each with its audit
//! event, and the chain must verify. It counts acknowledged writes, it does not time them.

use std::io::{BufRead as _, BufReader};
use std::process::{Command, Stdio};

use zorgkluis_store::Location;
use zorgkluis_store::audit::{AuditAction, Outcome};
use zorgkluis_testkit::{Backend, STAFF, TestStore, actor, add_staff};

const CHILD_DIR: &str = "ZK_CRASH_DIR";
const CHILD_URL: &str = "ZK_CRASH_URL";

/// A pseudo-random number from a fresh UUID: enough to vary the kill moment.
fn random_below(n: u64) -> u64 {
    let bytes = uuid::Uuid::new_v4().into_bytes();
    u64::from_le_bytes(bytes[..8].try_into().unwrap()) % n
}

/// Runs one round on a fresh store: returns how many writes were acknowledged before the kill.
async fn round(store: &TestStore) -> usize {
    let url = match store.backend {
        Backend::Postgres => store.location.database_url.clone(),
        Backend::Sqlite => String::new(),
    };
    let mut child = Command::new(std::env::current_exe().unwrap())
        .args([
            "--exact",
            "crash::crash_child",
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
    let kill_after = 5 + random_below(150) as usize;
    let mut person = None;
    let mut acked = Vec::new();
    let mut lines = BufReader::new(stdout).lines();
    while let Some(Ok(line)) = lines.next() {
        // libtest may print "test crash::crash_child ... " before the child's first line.
        if let Some(p) = line.split("PERSON ").nth(1) {
            person = Some(p.to_owned());
        } else if let Some(text) = line.split("ACK ").nth(1) {
            acked.push(text.to_owned());
            if acked.len() == kill_after {
                // SIGKILL: no destructor, no flush, no final checkpoint.
                child.kill().unwrap();
            }
        }
    }
    let status = child.wait().unwrap();
    assert!(
        !status.success(),
        "{}: the child was not killed",
        store.name()
    );
    let person = person.expect("child registered a person");

    let vault = store.open().await;
    let care = actor("zorg-1", "zorgverlener");
    let records = vault
        .read_category(&care, &person, "rapportage", "controle", None)
        .await
        .unwrap();
    let texts: std::collections::HashSet<&str> = records.iter().map(|r| r.text.as_str()).collect();
    for a in &acked {
        assert!(
            texts.contains(a.as_str()),
            "{}: acknowledged write {a} lost",
            store.name()
        );
    }
    let log = vault
        .audit_for_person(&actor("fg-1", "fg"), &person)
        .await
        .unwrap();
    let writes = log
        .iter()
        .filter(|e| e.action == AuditAction::Write && e.outcome == Outcome::Allowed)
        .count();
    assert!(
        writes >= acked.len() && writes == records.len(),
        "{}: {writes} write events, {} records",
        store.name(),
        records.len()
    );
    let report = vault.verify_audit().await.unwrap();
    assert!(report.ok(), "{}: {:?}", store.name(), report.findings);
    vault.close().await;
    acked.len()
}

/// `rounds` rounds, each on a fresh store of `backend`.
async fn rounds(backend: Backend, rounds: usize) {
    let mut total = 0;
    for _ in 0..rounds {
        let store = TestStore::new(backend).await;
        total += round(&store).await;
    }
    assert!(
        total > rounds * 5,
        "only {total} acknowledged writes over {rounds} rounds"
    );
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn acknowledged_writes_survive_sigkill_on_sqlite() {
    rounds(Backend::Sqlite, 12).await;
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn acknowledged_writes_survive_sigkill_on_postgres() {
    rounds(Backend::Postgres, 4).await;
}

/// The child process of the crash tests, started by `round` with ZK_CRASH_DIR set; ignored in
/// a normal run.
#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
#[ignore = "the child process of acknowledged_writes_survive_sigkill_on_*"]
async fn crash_child() {
    let Ok(dir) = std::env::var(CHILD_DIR) else {
        return;
    };
    let url = std::env::var(CHILD_URL).ok().filter(|u| !u.is_empty());
    let location = Location::new(url.as_deref(), std::path::Path::new(&dir));
    zorgkluis_store::vault::init(&location).unwrap();
    let vault = zorgkluis_testkit::open_at(&location).await;
    // A care team takes a staff member with an account.
    add_staff(&vault, STAFF).await;
    let person = zorgkluis_testkit::client_in_care(&vault).await;
    println!("PERSON {person}");
    // Eight concurrent writers, so commits group.
    let mut tasks = Vec::new();
    for w in 0..8 {
        let vault = vault.clone();
        let person = person.clone();
        tasks.push(tokio::spawn(async move {
            let care = actor("zorg-1", "zorgverlener");
            for n in 0.. {
                let text = format!("w{w}-n{n}");
                vault
                    .add_record(&care, &person, "rapportage", &text, "zorg")
                    .await
                    .unwrap();
                use std::io::Write as _;
                let mut out = std::io::stdout().lock();
                let _ = writeln!(out, "ACK {text}");
                let _ = out.flush();
            }
        }));
    }
    for t in tasks {
        let _ = t.await;
    }
}
