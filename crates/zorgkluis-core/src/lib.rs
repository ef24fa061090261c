//! The core of zorgkluis: the reglement (a care provider's privacy regulation as a validated
//! file), the Dutch care taxonomy, and the pure decision functions every other part calls.
//!
//! Nothing here does IO or reads the clock (see `clippy.toml`): the date of "today" is always a
//! parameter, so every decision can be replayed and tested.

pub mod annual_report;
pub mod annual_report_render;
pub mod bsn;
pub mod calendar;
pub mod decide;
pub mod diagnostic;
pub mod i18n;
pub mod incident;
pub mod law;
pub mod log_review;
pub mod period;
pub mod processor;
pub mod register;
pub mod reglement;
pub mod taxonomy;
pub mod time;
pub mod vocabulary;

pub use diagnostic::{Diagnostic, Severity};
pub use i18n::Lang;
pub use reglement::Reglement;
