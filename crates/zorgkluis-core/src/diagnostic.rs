//! Errors and warnings about a reglement, each at a file, line and column.

use std::fmt::Write as _;
use std::ops::Range;

use serde::Serialize;

use crate::i18n::{Lang, t};

#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize)]
#[serde(rename_all = "lowercase")]
pub enum Severity {
    Error,
    Warning,
}

#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct Diagnostic {
    pub severity: Severity,
    /// A stable machine code, such as `reglement.unknown_category`.
    pub code: &'static str,
    pub message: String,
    pub help: Option<String>,
    pub file: String,
    /// 1-based line.
    pub line: usize,
    /// 1-based column, in characters.
    pub column: usize,
    #[serde(skip)]
    pub span: Range<usize>,
}

/// Turns byte offsets of one source text into diagnostics with line and column.
pub struct Locator<'a> {
    file: &'a str,
    text: &'a str,
}

impl<'a> Locator<'a> {
    pub fn new(file: &'a str, text: &'a str) -> Locator<'a> {
        Locator { file, text }
    }

    /// The 1-based line and column (in characters) of a byte offset.
    pub fn position(&self, offset: usize) -> (usize, usize) {
        let offset = floor_char_boundary(self.text, offset.min(self.text.len()));
        let before = &self.text[..offset];
        let line = before.matches('\n').count() + 1;
        let line_start = before.rfind('\n').map_or(0, |i| i + 1);
        let column = before[line_start..].chars().count() + 1;
        (line, column)
    }

    pub fn diagnostic(
        &self,
        severity: Severity,
        code: &'static str,
        span: Range<usize>,
        message: String,
    ) -> Diagnostic {
        let (line, column) = self.position(span.start);
        Diagnostic {
            severity,
            code,
            message,
            help: None,
            file: self.file.to_owned(),
            line,
            column,
            span,
        }
    }
}

fn floor_char_boundary(text: &str, mut offset: usize) -> usize {
    while !text.is_char_boundary(offset) {
        offset -= 1;
    }
    offset
}

impl Diagnostic {
    pub fn with_help(mut self, help: Option<String>) -> Diagnostic {
        self.help = help;
        self
    }

    pub fn is_error(&self) -> bool {
        self.severity == Severity::Error
    }

    /// `file:line:column: fout[code]: message`, the source line, a caret under the column, and
    /// the help, as a compiler shows it.
    pub fn render(&self, source: &str, lang: Lang) -> String {
        let label = match self.severity {
            Severity::Error => t(lang, "reglement-severity-error"),
            Severity::Warning => t(lang, "reglement-severity-warning"),
        };
        let mut out = format!(
            "{}:{}:{}: {label}[{}]: {}\n",
            self.file, self.line, self.column, self.code, self.message
        );
        if let Some(text) = source.lines().nth(self.line - 1) {
            let gutter = self.line.to_string().len();
            let _ = writeln!(out, "{:gutter$} |", "");
            let _ = writeln!(out, "{} | {}", self.line, text);
            let _ = writeln!(
                out,
                "{:gutter$} | {}^",
                "",
                " ".repeat(self.column.saturating_sub(1))
            );
        }
        if let Some(help) = &self.help {
            let hint = t(lang, "reglement-help");
            let _ = writeln!(out, "  = {hint}: {help}");
        }
        out
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn positions_count_lines_and_characters() {
        let text = "a = 1\nnaam = \"cliënt\"\nx";
        let loc = Locator::new("f.toml", text);
        assert_eq!(loc.position(0), (1, 1));
        assert_eq!(loc.position(6), (2, 1));
        // The character after "cliënt" counts ë as one column.
        let offset = text.find("\"\nx").unwrap_or(0);
        assert_eq!(loc.position(offset), (2, 15));
        assert_eq!(loc.position(text.len()), (3, 2));
        // An offset inside a multi-byte character does not panic.
        let inside = text.find('ë').unwrap_or(0) + 1;
        assert_eq!(loc.position(inside), (2, 12));
    }

    #[test]
    fn render_points_at_the_column() {
        let text = "formaat = 1\nfoo = 2\n";
        let d = Locator::new("r.toml", text).diagnostic(
            Severity::Error,
            "reglement.syntax",
            12..15,
            "unknown field `foo`".into(),
        );
        let shown = d.render(text, Lang::Nl);
        assert!(shown.starts_with("r.toml:2:1: fout[reglement.syntax]: unknown field `foo`"));
        assert!(shown.contains("2 | foo = 2\n  | ^"));
    }
}
