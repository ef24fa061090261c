//! The policy crate's tests, in one binary.
#![allow(clippy::unwrap_used, clippy::expect_used, clippy::panic)]

mod custom;
mod matrix;
mod rules;

use zorgkluis_core::{Lang, Reglement};
use zorgkluis_policy::CedarPolicy;

pub const SEEDS: [&str; 5] = ["aliantus", "alpo-zorg", "rondomzorg", "aanzien", "bg-wonen"];

pub fn root() -> std::path::PathBuf {
    std::path::Path::new(env!("CARGO_MANIFEST_DIR")).join("../..")
}

pub fn seed(name: &str) -> (Reglement, CedarPolicy) {
    let path = root().join("reglementen").join(format!("{name}.toml"));
    let source = std::fs::read_to_string(&path).unwrap();
    let reglement = Reglement::load(&format!("{name}.toml"), &source, Lang::En).unwrap();
    let policy =
        CedarPolicy::compile(&reglement, None).unwrap_or_else(|d| panic!("{name}: {d:#?}"));
    (reglement, policy)
}
