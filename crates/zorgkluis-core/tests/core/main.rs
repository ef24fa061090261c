//! The core's integration tests, in one binary (one link on a 2-core machine).
#![allow(clippy::unwrap_used, clippy::expect_used, clippy::panic)]

mod annual_report;
mod calendar_props;
mod due;
mod erasure;
mod i18n;
mod incidents;
mod invalid;
mod law;
mod log_review;
mod processors;
mod represent;
mod scenarios;
mod versions;
