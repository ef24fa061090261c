//! `decide` at the scale of a large organisation: 1,000 users, 100,000 clients, each user in
//! ten care teams, the largest seed reglement. The entity data of one decision is built from
//! the request alone (user, role, record); the care relationship comes from an index, as the
//! store's one query gives it, never by loading all clients.
//!
//! Run: `cargo bench -p zorgkluis-policy --bench decide`. Criterion reports the mean and
//! median; the p50/p99 of single decisions are printed from a separate timed pass.
#![allow(clippy::unwrap_used, clippy::expect_used, clippy::panic)]

use std::collections::HashSet;
use std::hint::black_box;
use std::time::Instant;

use criterion::{Criterion, criterion_group, criterion_main};
use zorgkluis_core::decide::{AccessPolicy as _, AccessRequest};
use zorgkluis_core::taxonomy::IdKind;
use zorgkluis_core::vocabulary::Action;
use zorgkluis_core::{Lang, Reglement};
use zorgkluis_policy::CedarPolicy;

const USERS: usize = 1_000;
const CLIENTS: usize = 100_000;
const TEAMS: usize = 1_000;
const TEAMS_PER_USER: usize = 10;

/// A small deterministic generator, so every run draws the same requests.
struct Rng(u64);

impl Rng {
    fn next(&mut self, n: usize) -> usize {
        self.0 ^= self.0 << 13;
        self.0 ^= self.0 >> 7;
        self.0 ^= self.0 << 17;
        (self.0 % n as u64) as usize
    }
}

struct World {
    roles: Vec<String>,
    user_role: Vec<usize>,
    user_teams: Vec<HashSet<usize>>,
    client_team: Vec<usize>,
    categories: Vec<String>,
}

fn world(reglement: &Reglement) -> World {
    let mut rng = Rng(0x5eed);
    let roles: Vec<String> = reglement
        .taxonomy
        .ids(IdKind::Role)
        .into_iter()
        .map(str::to_owned)
        .collect();
    let categories = reglement
        .taxonomy
        .ids(IdKind::Category)
        .into_iter()
        .map(str::to_owned)
        .collect();
    World {
        user_role: (0..USERS).map(|_| rng.next(roles.len())).collect(),
        user_teams: (0..USERS)
            .map(|_| (0..TEAMS_PER_USER).map(|_| rng.next(TEAMS)).collect())
            .collect(),
        client_team: (0..CLIENTS).map(|_| rng.next(TEAMS)).collect(),
        roles,
        categories,
    }
}

fn bench(c: &mut Criterion) {
    // The largest seed by number of generated policies.
    let mut largest = None;
    for name in ["aliantus", "alpo-zorg", "rondomzorg", "aanzien", "bg-wonen"] {
        let path = format!(
            "{}/../../reglementen/{name}.toml",
            env!("CARGO_MANIFEST_DIR")
        );
        let source = std::fs::read_to_string(path).unwrap();
        let reglement = Reglement::load(name, &source, Lang::En).unwrap();
        let policy = CedarPolicy::compile(&reglement, None).unwrap();
        if largest
            .as_ref()
            .is_none_or(|(_, _, p): &(String, Reglement, CedarPolicy)| {
                policy.policy_count() > p.policy_count()
            })
        {
            largest = Some((name.to_owned(), reglement, policy));
        }
    }
    let (name, reglement, policy) = largest.unwrap();
    let w = world(&reglement);
    let mut rng = Rng(42);
    let decide_one = |rng: &mut Rng| {
        let user = rng.next(USERS);
        let client = rng.next(CLIENTS);
        let care = w.user_teams[user].contains(&w.client_team[client]);
        let action = Action::ALL[rng.next(Action::ALL.len())];
        let category = &w.categories[rng.next(w.categories.len())];
        let d = policy.decide(&AccessRequest {
            care_relationship: care,
            ..AccessRequest::new(&w.roles[w.user_role[user]], action, category)
        });
        black_box(d.allowed)
    };

    // Percentiles of single decisions.
    let mut times: Vec<u128> = (0..100_000)
        .map(|_| {
            let start = Instant::now();
            decide_one(&mut rng);
            start.elapsed().as_nanos()
        })
        .collect();
    times.sort_unstable();
    let pct =
        |p: f64| times[((times.len() as f64 * p) as usize).min(times.len() - 1)] as f64 / 1000.0;
    println!(
        "decide/{name}: {} policies; 100,000 single decisions: p50 {:.1} µs, p90 {:.1} µs, p99 {:.1} µs, max {:.1} µs",
        policy.policy_count(),
        pct(0.50),
        pct(0.90),
        pct(0.99),
        pct(1.0)
    );

    c.bench_function(&format!("decide/{name}"), |b| {
        b.iter(|| decide_one(&mut rng))
    });
}

criterion_group!(benches, bench);
criterion_main!(benches);
