//! The core's integration tests, in one binary (one link on a 2-core machine).

mod calendar_props;
mod invalid;
mod scenarios;
