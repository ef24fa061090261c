//! Throughput of the one access path: audited reads and writes on SQLite and PostgreSQL with 1
//! and 8 concurrent callers, `audit verify`, the raw fsync rate of the disk, the AEAD choice for
//! small fields, and retention: a plan over a million records and what a run costs per
//! destroyed record. Results and their reading are in docs/BENCHMARKS.md.
//!
//! Run: `cargo bench -p zorgkluis-store` (PostgreSQL on 127.0.0.1:5432, user postgres).
#![allow(clippy::unwrap_used, clippy::expect_used, clippy::panic)]

use std::io::Write as _;
use std::path::PathBuf;
use std::sync::Arc;
use std::time::{Duration, Instant};

use criterion::{BenchmarkId, Criterion, Throughput, criterion_group, criterion_main};
use jiff::civil::date;
use sqlx::Connection as _;
use zorgkluis_core::{Lang, Reglement};
use zorgkluis_store::Location;
use zorgkluis_store::audit::AuditAction;
use zorgkluis_store::vault::{
    self, Actor, ImportCare, ImportPerson, ImportRecord, NewPerson, PersonFacts, RunOptions, Vault,
};

const PG_ADMIN: &str = "postgres://postgres@127.0.0.1:5432/postgres";

fn actor(user: &str, role: &str) -> Actor {
    Actor {
        user_id: user.into(),
        role: role.into(),
        on_behalf_of: None,
        source: "bench".into(),
        supervised: false,
    }
}

fn source() -> String {
    std::fs::read_to_string(concat!(
        env!("CARGO_MANIFEST_DIR"),
        "/../../reglementen/bg-wonen.toml"
    ))
    .unwrap()
}

fn temp_dir() -> PathBuf {
    let dir = std::env::temp_dir().join(format!("zk-bench-{}", uuid::Uuid::new_v4()));
    std::fs::create_dir_all(&dir).unwrap();
    dir
}

async fn location(backend: &str) -> Location {
    let dir = temp_dir();
    if backend == "postgres" {
        let name = format!("zk_bench_{}", uuid::Uuid::new_v4().simple());
        let mut admin = sqlx::PgConnection::connect(PG_ADMIN).await.unwrap();
        sqlx::query(sqlx::AssertSqlSafe(format!("CREATE DATABASE {name}")))
            .execute(&mut admin)
            .await
            .unwrap();
        Location::new(
            Some(&format!("postgres://postgres@127.0.0.1:5432/{name}")),
            &dir,
        )
    } else {
        Location::embedded(&dir)
    }
}

/// A vault with one client, a caregiver in the care team, and one health record.
async fn seeded(backend: &str) -> (Vault, String) {
    let loc = location(backend).await;
    vault::init(&loc).unwrap();
    let src = source();
    let reglement = Reglement::load("bg-wonen.toml", &src, Lang::En).unwrap();
    let policy = Arc::new(zorgkluis_policy::CedarPolicy::compile(&reglement, None).unwrap());
    let vault = Vault::open(&loc, "bench", reglement, &src, policy)
        .await
        .unwrap();
    vault
        .accounts()
        .create_user(
            &Actor::system("bench"),
            "zorg",
            "zorgverlener",
            "een lang wachtwoord",
            false,
        )
        .await
        .unwrap();
    let admin = actor("admin", "administratie");
    let person = vault
        .register_person(
            &admin,
            &NewPerson {
                subject_category: "client".into(),
                bsn: Some("111222333".into()),
                facts: Some(PersonFacts {
                    name: "Synthetische Cliënt".into(),
                    birth_date: Some(date(1950, 3, 2)),
                    client_number: Some("C-1".into()),
                }),
            },
            "intake",
        )
        .await
        .unwrap();
    vault
        .assign_care(&admin, "zorg", &person, date(2020, 1, 1), None)
        .await
        .unwrap();
    let care = actor("zorg", "zorgverlener");
    vault
        .add_record(
            &care,
            &person,
            "gezondheid",
            "Synthetische rapportage van een bezoek, zo'n honderd tekens lang, voor de meting.",
            "zorg",
        )
        .await
        .unwrap();
    (vault, person)
}

/// Runs `iters` operations spread over `callers` concurrent tasks; returns the elapsed time.
async fn concurrent<F, Fut>(iters: u64, callers: u64, op: Arc<F>) -> Duration
where
    F: Fn() -> Fut + Send + Sync + 'static,
    Fut: std::future::Future<Output = ()> + Send,
{
    let start = Instant::now();
    let mut tasks = Vec::new();
    for c in 0..callers {
        let n = iters / callers + u64::from(c < iters % callers);
        let op = op.clone();
        tasks.push(tokio::spawn(async move {
            for _ in 0..n {
                op().await;
            }
        }));
    }
    for t in tasks {
        t.await.unwrap();
    }
    start.elapsed()
}

fn access_path(c: &mut Criterion) {
    let rt = tokio::runtime::Builder::new_multi_thread()
        .enable_all()
        .build()
        .unwrap();
    for backend in ["sqlite", "postgres"] {
        let (vault, person) = rt.block_on(seeded(backend));
        let mut group = c.benchmark_group(format!("audited_read/{backend}"));
        group.throughput(Throughput::Elements(1));
        group
            .sample_size(10)
            .measurement_time(Duration::from_secs(4))
            .warm_up_time(Duration::from_secs(1));
        for callers in [1u64, 8, 32] {
            let (v, p) = (vault.clone(), person.clone());
            let op = Arc::new(move || {
                let (v, p) = (v.clone(), p.clone());
                async move {
                    let r = v
                        .read_category(
                            &actor("zorg", "zorgverlener"),
                            &p,
                            "gezondheid",
                            "zorg",
                            None,
                        )
                        .await
                        .unwrap();
                    assert_eq!(r.len(), 1);
                }
            });
            group.bench_with_input(
                BenchmarkId::from_parameter(callers),
                &callers,
                |b, &callers| {
                    b.to_async(&rt)
                        .iter_custom(|iters| concurrent(iters, callers, op.clone()));
                },
            );
        }
        group.finish();

        let mut group = c.benchmark_group(format!("audited_write/{backend}"));
        group.throughput(Throughput::Elements(1));
        group
            .sample_size(10)
            .measurement_time(Duration::from_secs(4))
            .warm_up_time(Duration::from_secs(1));
        for callers in [1u64, 8, 32] {
            let (v, p) = (vault.clone(), person.clone());
            let op = Arc::new(move || {
                let (v, p) = (v.clone(), p.clone());
                async move {
                    v.add_record(
                        &actor("zorg", "zorgverlener"),
                        &p,
                        "rapportage",
                        "Synthetische rapportage",
                        "zorg",
                    )
                    .await
                    .unwrap();
                }
            });
            group.bench_with_input(
                BenchmarkId::from_parameter(callers),
                &callers,
                |b, &callers| {
                    b.to_async(&rt)
                        .iter_custom(|iters| concurrent(iters, callers, op.clone()));
                },
            );
        }
        group.finish();
        rt.block_on(vault.close());
    }
}

fn verify(c: &mut Criterion) {
    let rt = tokio::runtime::Builder::new_multi_thread()
        .enable_all()
        .build()
        .unwrap();
    const EVENTS: u64 = 200_000;
    let mut group = c.benchmark_group("audit_verify");
    group
        .sample_size(10)
        .measurement_time(Duration::from_secs(8));
    // Every event but the seeded vault's few is one of these, so the throughput is set to
    // EVENTS; the check below counts them exactly.
    group.throughput(Throughput::Elements(EVENTS));
    for backend in ["sqlite", "postgres"] {
        // Seeded inside the benchmark, so that a run filtered to other benchmarks skips it.
        let mut seeded_vault: Option<(Vault, u64)> = None;
        group.bench_function(backend, |b| {
            let (vault, events) = seeded_vault.get_or_insert_with(|| {
                let (vault, _) = rt.block_on(seeded(backend));
                let v = vault.clone();
                let op = Arc::new(move || {
                    let v = v.clone();
                    async move {
                        v.log_operation(&actor("fg", "fg"), AuditAction::Backup)
                            .await
                            .unwrap()
                    }
                });
                rt.block_on(concurrent(EVENTS, 64, op));
                let events = rt.block_on(vault.verify_audit()).unwrap().tenants[0].events;
                assert!(events >= EVENTS);
                (vault, events)
            });
            let (vault, events) = (vault.clone(), *events);
            b.to_async(&rt).iter(|| async {
                let report = vault.verify_audit().await.unwrap();
                assert!(report.ok());
                assert_eq!(report.tenants[0].events, events);
            });
        });
        if let Some((vault, _)) = seeded_vault {
            rt.block_on(vault.close());
        }
    }
    group.finish();
}

/// The disk's own rate of durable appends: write 4 KiB and fsync, one at a time.
fn raw_fsync(c: &mut Criterion) {
    let dir = temp_dir();
    let mut file = std::fs::File::create(dir.join("fsync.bin")).unwrap();
    let block = [7u8; 4096];
    let mut group = c.benchmark_group("raw_fsync");
    group.throughput(Throughput::Elements(1));
    group
        .sample_size(10)
        .measurement_time(Duration::from_secs(3));
    group.bench_function("write_4k_fdatasync", |b| {
        b.iter(|| {
            file.write_all(&block).unwrap();
            file.sync_data().unwrap();
        });
    });
    group.finish();
}

/// AES-256-GCM against ChaCha20-Poly1305 on the field sizes a dossier has.
fn aead(c: &mut Criterion) {
    use aes_gcm::aead::{Aead, KeyInit};
    let aes = aes_gcm::Aes256Gcm::new_from_slice(&[1; 32]).unwrap();
    let chacha = chacha20poly1305::ChaCha20Poly1305::new_from_slice(&[1; 32]).unwrap();
    let mut group = c.benchmark_group("seal");
    for size in [16usize, 128, 4096] {
        let plain = vec![b'x'; size];
        group.throughput(Throughput::Bytes(size as u64));
        group.bench_with_input(BenchmarkId::new("aes256gcm", size), &plain, |b, p| {
            b.iter(|| {
                aes.encrypt(&aes_gcm::Nonce::from([3; 12]), p.as_slice())
                    .unwrap()
            });
        });
        group.bench_with_input(
            BenchmarkId::new("chacha20poly1305", size),
            &plain,
            |b, p| {
                b.iter(|| {
                    chacha
                        .encrypt(&chacha20poly1305::Nonce::from([3; 12]), p.as_slice())
                        .unwrap()
                });
            },
        );
    }
    group.finish();
}

/// A day in `year` as an import moment.
fn moment(year: i16, n: usize) -> jiff::Timestamp {
    let day = date(year, 1 + (n % 12) as i8, 1 + (n % 28) as i8);
    format!("{day}T10:00:00Z").parse().unwrap()
}

/// A synthetic client of `records` records. `old`: registered in 2001, every record of
/// 2001-2004 (the whole file is due: twenty years from the last change, 3.4). Otherwise
/// registered in 2015, care notes of 2015-2024 (kept) and one record in ten an invoice of
/// 2015-2018 (due: seven years after the fiscal year of the newest, 8.3).
fn synthetic_client(n: usize, records: usize, old: bool) -> ImportPerson {
    let first = if old { 2001 } else { 2015 };
    ImportPerson {
        new: NewPerson {
            subject_category: "client".into(),
            bsn: None,
            facts: Some(PersonFacts {
                name: format!("Synthetische Cliënt {n}"),
                birth_date: Some(date(1940 + (n % 50) as i16, 3, 2)),
                client_number: Some(format!("C-{n}")),
            }),
        },
        registered: Some(moment(first, 0)),
        care: vec![ImportCare {
            user: "zorg".into(),
            from: date(2000, 1, 1),
            until: None,
        }],
        records: (0..records)
            .map(|r| {
                let invoice = r % 10 == 9;
                let year = if old {
                    2001 + (r % 4) as i16
                } else if invoice {
                    2015 + ((r / 10) % 4) as i16
                } else {
                    2015 + (r % 10) as i16
                };
                ImportRecord {
                    category: if invoice { "financieel" } else { "rapportage" }.into(),
                    amends: None,
                    text: if invoice {
                        format!("Factuur {r}: begeleiding, 4 uur")
                    } else {
                        format!(
                            "Rapportage {r}: bezoek verlopen volgens plan; cliënt rustig, geen bijzonderheden."
                        )
                    },
                    // The day varies per client too, so that no two clients' dossiers share
                    // their dates (as in a real organisation).
                    created: Some(moment(year, r + 7 * n)),
                    author: if invoice { None } else { Some("zorg".into()) },
                }
            })
            .collect(),
    }
}

/// A vault of BG wonen with `persons` synthetic clients of `records` records each (every
/// `old_every`-th client old, none for 0; see [`synthetic_client`]), imported through the
/// access path.
async fn organisation(backend: &str, persons: usize, records: usize, old_every: usize) -> Vault {
    organisation_with_ids(backend, persons, records, old_every)
        .await
        .0
}

/// [`organisation`], with the ids of the imported persons in the order they were made.
async fn organisation_with_ids(
    backend: &str,
    persons: usize,
    records: usize,
    old_every: usize,
) -> (Vault, Vec<String>) {
    let loc = location(backend).await;
    vault::init(&loc).unwrap();
    let src = source();
    let reglement = Reglement::load("bg-wonen.toml", &src, Lang::En).unwrap();
    let policy = Arc::new(zorgkluis_policy::CedarPolicy::compile(&reglement, None).unwrap());
    let vault = Vault::open(&loc, "bench", reglement, &src, policy)
        .await
        .unwrap();
    let system = Actor::system("bench");
    for (id, role) in [
        ("zorg", "zorgverlener"),
        ("admin", "administratie"),
        ("dir", "directie"),
    ] {
        vault
            .accounts()
            .create_user(&system, id, role, "een lang wachtwoord", false)
            .await
            .unwrap();
    }
    let admin = vault
        .accounts()
        .staff_actor("admin", "bench")
        .await
        .unwrap();
    let all: Vec<ImportPerson> = (0..persons)
        .map(|n| synthetic_client(n, records, old_every != 0 && n % old_every == 0))
        .collect();
    let mut ids = Vec::with_capacity(persons);
    for batch in all.chunks(1000) {
        let plan = vault
            .check_import(&admin, batch, "migratie")
            .await
            .unwrap()
            .unwrap_or_else(|p| panic!("{:?}", p.first()));
        let imported = vault
            .import(&admin, &plan, batch, "migratie", 64, &|_| ())
            .await
            .unwrap_or_else(|(i, e)| panic!("{i}: {e}"));
        ids.extend(imported.into_iter().map(|p| p.id));
    }
    (vault, ids)
}

fn today() -> jiff::civil::Date {
    zorgkluis_core::time::dutch_date(jiff::Timestamp::now())
}

/// The plan over a million records: 10,000 clients of 100 records; a tenth of them old (their
/// 100,000 records due as whole files), the others with ten due invoices each (90,000
/// records in 9,000 category items).
fn retention_plan(c: &mut Criterion) {
    let rt = tokio::runtime::Builder::new_multi_thread()
        .enable_all()
        .build()
        .unwrap();
    const PERSONS: usize = 10_000;
    const RECORDS: usize = 100;
    let mut group = c.benchmark_group("retention_plan");
    group
        .sample_size(10)
        .measurement_time(Duration::from_secs(20))
        .warm_up_time(Duration::from_secs(1));
    group.throughput(Throughput::Elements((PERSONS * RECORDS) as u64));
    for backend in ["sqlite", "postgres"] {
        let mut built: Option<Vault> = None;
        group.bench_function(backend, |b| {
            let vault = built
                .get_or_insert_with(|| {
                    let started = Instant::now();
                    let v = rt.block_on(organisation(backend, PERSONS, RECORDS, 10));
                    eprintln!(
                        "{backend}: {} records imported in {:?}",
                        PERSONS * RECORDS,
                        started.elapsed()
                    );
                    v
                })
                .clone();
            b.to_async(&rt).iter(|| async {
                let plan = vault
                    .retention_plan(&Actor::system("bench"), today())
                    .await
                    .unwrap();
                assert_eq!(plan.whole_files, PERSONS / 10);
                assert_eq!(
                    plan.due_records,
                    PERSONS / 10 * RECORDS + PERSONS / 10 * 9 * 10
                );
            });
        });
        if let Some(vault) = built {
            rt.block_on(vault.close());
        }
    }
    group.finish();
}

/// A run's cost per destroyed record: a fresh organisation per sample (set up outside the
/// time), then one run as of today. `whole_files`: 500 clients of 10 records of 2001-2004, each
/// crypto-shredded whole (5,000 records); `categories`: 500 clients of 20 records, two of them
/// invoices of 2015 and 2016, due (1,000 records in 500 category items; the category emptied,
/// its key destroyed), the care notes kept.
fn retention_run(c: &mut Criterion) {
    let rt = tokio::runtime::Builder::new_multi_thread()
        .enable_all()
        .build()
        .unwrap();
    const PERSONS: usize = 500;
    let mut group = c.benchmark_group("retention_run");
    group
        .sample_size(10)
        .measurement_time(Duration::from_secs(10))
        .warm_up_time(Duration::from_millis(1));
    for backend in ["sqlite", "postgres"] {
        for (name, records, old_every, destroyed) in [
            ("whole_files", 10, 1, PERSONS * 10),
            ("categories", 20, 0, PERSONS * 2),
        ] {
            group.throughput(Throughput::Elements(destroyed as u64));
            group.bench_function(BenchmarkId::new(backend, name), |b| {
                b.to_async(&rt).iter_custom(|iters| async move {
                    let mut total = Duration::ZERO;
                    for _ in 0..iters {
                        let vault = organisation(backend, PERSONS, records, old_every).await;
                        let started = Instant::now();
                        let run = vault
                            .retention_run(&Actor::system("bench"), today(), RunOptions::default())
                            .await
                            .unwrap();
                        total += started.elapsed();
                        let cert = run.certificate.unwrap();
                        assert_eq!(cert.records, destroyed, "{backend} {name}");
                        assert_eq!(cert.destroyed.len(), PERSONS);
                        vault.close().await;
                    }
                    total
                });
            });
        }
    }
    group.finish();
}

/// An inzage of `person` filed today by `dir`, its identity established, taken into progress,
/// granted and its export released: ready to be carried out. Its id.
async fn released_inzage(vault: &Vault, dir: &Actor, person: &str) -> String {
    use zorgkluis_core::vocabulary::{Channel, RequestOutcome, RequestStatus, RequestType};
    use zorgkluis_store::vault::{NewRequest, RequestDetails, RequesterFacts};
    let on = today();
    let filed = vault
        .file_request(
            dir,
            &NewRequest {
                person: person.to_owned(),
                request: RequestType::Inzage,
                channel: Channel::Email,
                received: on,
                requester: RequesterFacts::default(),
                details: RequestDetails::default(),
            },
            Lang::Nl,
        )
        .await
        .unwrap();
    for to in [
        RequestStatus::IdentiteitVastgesteld,
        RequestStatus::InBehandeling,
    ] {
        vault
            .advance_request(dir, &filed.id, to, on, Lang::Nl)
            .await
            .unwrap();
    }
    vault
        .decide_request(
            dir,
            &filed.id,
            RequestOutcome::Toegewezen,
            &[],
            on,
            Lang::Nl,
        )
        .await
        .unwrap();
    vault
        .release_export(dir, &filed.id, Lang::Nl)
        .await
        .unwrap();
    filed.id
}

/// An access request carried out, as the API's client does it (the peer comparison's flow,
/// `scripts/peer/zorgkluis_dsr.py`, without HTTP): filed, identity established, taken into
/// progress, granted, released, executed (the export of a client with 100 records) and the
/// export built once more for the HTML page. In an organisation of 2,000 clients of 100 records.
/// Each sample files a new request for the next client, so no step repeats on the same request.
fn request_flow(c: &mut Criterion) {
    let rt = tokio::runtime::Builder::new_multi_thread()
        .enable_all()
        .build()
        .unwrap();
    const PERSONS: usize = 2_000;
    const RECORDS: usize = 100;
    let mut group = c.benchmark_group("request_flow");
    group
        .sample_size(20)
        .measurement_time(Duration::from_secs(10))
        .warm_up_time(Duration::from_secs(1));
    for backend in ["sqlite", "postgres"] {
        let (vault, ids) = rt.block_on(organisation_with_ids(backend, PERSONS, RECORDS, 0));
        let dir = rt
            .block_on(vault.accounts().staff_actor("dir", "bench"))
            .unwrap();
        let next = std::sync::atomic::AtomicUsize::new(0);
        group.bench_function(BenchmarkId::new("access", backend), |b| {
            b.to_async(&rt).iter(|| async {
                // Adults only: a minor's request is filed by the parents (WGBO).
                let person =
                    &ids[next.fetch_add(1, std::sync::atomic::Ordering::Relaxed) % PERSONS];
                let id = released_inzage(&vault, &dir, person).await;
                let (export, json) = vault
                    .execute_export(&dir, &id, Lang::Nl, |e| {
                        serde_json::to_vec(e).map_err(std::io::Error::other)
                    })
                    .await
                    .unwrap();
                assert_eq!(
                    export
                        .categories
                        .iter()
                        .map(|c| c.entries.len())
                        .sum::<usize>(),
                    RECORDS - RECORDS / 10,
                    "the care notes (every tenth record is an invoice, which BG wonen's \
                     directie does not export)"
                );
                assert!(
                    export
                        .not_included
                        .iter()
                        .any(|c| c.category == "financieel")
                );
                assert!(json.len() > 10_000);
                let again = vault.subject_export(&dir, &id, Lang::Nl).await.unwrap();
                assert_eq!(again.categories.len(), export.categories.len());
            });
        });
        rt.block_on(vault.close());
    }
    group.finish();
}

/// How the export of an access request grows with the person's dossier: clients of 10, 100,
/// 1,000 and 10,000 records, each with an inzage decided and released once; per iteration one
/// export built (every category decided and logged, the records opened, the art. 15
/// information, the access overview) and serialised as JSON. The iterations go round a pool of
/// such clients, because every export adds its own reads to the client's access overview: on
/// one client the overview, not the dossier, would grow with the number of iterations.
fn export_growth(c: &mut Criterion) {
    let rt = tokio::runtime::Builder::new_multi_thread()
        .enable_all()
        .build()
        .unwrap();
    let mut group = c.benchmark_group("export_growth");
    group
        .sample_size(10)
        .measurement_time(Duration::from_secs(5))
        .warm_up_time(Duration::from_secs(1));
    for backend in ["sqlite", "postgres"] {
        for records in [10usize, 100, 1_000, 10_000] {
            let pool = (10_000 / records).clamp(2, 300);
            let (vault, ids) = rt.block_on(organisation_with_ids(backend, pool, records, 0));
            let dir = rt
                .block_on(vault.accounts().staff_actor("dir", "bench"))
                .unwrap();
            let requests: Vec<String> = rt.block_on(async {
                let mut out = Vec::new();
                for person in &ids {
                    out.push(released_inzage(&vault, &dir, person).await);
                }
                out
            });
            let next = std::sync::atomic::AtomicUsize::new(0);
            group.throughput(Throughput::Elements(records as u64));
            group.bench_function(BenchmarkId::new(backend, records), |b| {
                b.to_async(&rt).iter(|| async {
                    let id = &requests
                        [next.fetch_add(1, std::sync::atomic::Ordering::Relaxed) % requests.len()];
                    let export = vault.subject_export(&dir, id, Lang::Nl).await.unwrap();
                    let json = serde_json::to_vec(&export).unwrap();
                    assert_eq!(
                        export
                            .categories
                            .iter()
                            .map(|c| c.entries.len())
                            .sum::<usize>(),
                        records - records / 10,
                        "the care notes (the invoices are not the directie's to export)"
                    );
                    json.len()
                });
            });
            rt.block_on(vault.close());
        }
    }
    group.finish();
}

criterion_group!(
    benches,
    request_flow,
    export_growth,
    raw_fsync,
    aead,
    access_path,
    verify,
    retention_plan,
    retention_run
);
criterion_main!(benches);
