//! The store's integration tests, in one binary, each on SQLite and on PostgreSQL.
#![allow(clippy::unwrap_used, clippy::expect_used, clippy::panic)]

mod access_path;
mod common;
mod crash;
mod tamper;
