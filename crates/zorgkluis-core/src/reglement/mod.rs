//! The reglement: a care provider's privacy regulation as a validated, executable file.
//!
//! [`Reglement::load`] reads the TOML, checks it (see [`validate`]) and gives the reglement the
//! decision functions work on; anything wrong comes back as diagnostics with file positions.

pub mod diff;
pub mod file;
mod validate;
pub mod versions;

use crate::calendar::HolidayCalendar;
use crate::diagnostic::{Diagnostic, Locator, Severity};
use crate::i18n::Lang;
use crate::taxonomy::Taxonomy;

pub use file::ReglementFile;

/// The format version this build reads.
pub const FORMAT_VERSION: u32 = 1;

/// A reglement that passed validation.
#[derive(Debug, Clone)]
pub struct Reglement {
    /// The file name it was read from, for messages.
    pub source_name: String,
    pub file: ReglementFile,
    /// The built-in taxonomy with this reglement's extensions.
    pub taxonomy: Taxonomy,
    pub calendar: HolidayCalendar,
    /// What is legal but doubtful.
    pub warnings: Vec<Diagnostic>,
}

impl Reglement {
    /// Reads and validates a reglement. On failure, every error and warning found, in file order.
    pub fn load(source_name: &str, source: &str, lang: Lang) -> Result<Reglement, Vec<Diagnostic>> {
        let locator = Locator::new(source_name, source);
        let file: ReglementFile = toml::from_str(source).map_err(|e| {
            let span = e.span().unwrap_or(0..0);
            vec![locator.diagnostic(
                Severity::Error,
                "reglement.syntax",
                span,
                e.message().trim().to_owned(),
            )]
        })?;
        let (taxonomy, calendar, mut diagnostics) = validate::validate(&file, &locator, lang);
        diagnostics.sort_by_key(|d| (d.line, d.column));
        if diagnostics.iter().any(Diagnostic::is_error) {
            return Err(diagnostics);
        }
        Ok(Reglement {
            source_name: source_name.to_owned(),
            file,
            taxonomy,
            calendar,
            warnings: diagnostics,
        })
    }

    pub fn name(&self) -> &str {
        &self.file.organisation.name
    }
}

/// A citation: the article of the document, and the law it falls back to where it is silent.
pub fn cite(article: &str, law: Option<&str>) -> String {
    match law {
        Some(law) => format!("{article} ({law})"),
        None => article.to_owned(),
    }
}
