//! The store's integration tests, in one binary; each test runs on SQLite and on PostgreSQL as
//! two tests of its own (`name::sqlite`, `name::postgres`, see `zorgkluis_testkit`), except
//! the few that concern one backend only, which say so in their name.
#![allow(clippy::unwrap_used, clippy::expect_used, clippy::panic)]

mod access_path;
mod annual_report;
mod citus;
mod complaints;
mod consents;
mod crash;
mod disclosures;
mod do_not_contact;
mod duties;
mod erasure;
mod export;
mod incidents;
mod log_review;
mod objections;
mod persons;
mod portability;
mod portal;
mod processors;
mod registers;
mod reglement_versions;
mod representation;
mod requests;
mod research;
mod restrictions;
mod retention;
mod retention_absence;
mod retention_crash;
mod retention_years;
mod tamper;
