//! `zorgkluis reglement ...`: the reglement simulator, so a privacy officer can test a
//! regulation before adopting it.
//!
//! Exit codes: 0 done; 1 the reglement has errors; 2 bad input (a file that cannot be read, a
//! bad date, an unknown id).

use std::io::Write as _;
use std::path::{Path, PathBuf};
use std::process::ExitCode;

use clap::{Subcommand, ValueEnum};
use jiff::civil::Date;
use serde::Serialize;
use zorgkluis_core::Lang;
use zorgkluis_core::Reglement;
use zorgkluis_core::decide::{self, DecisionError, DisclosureFacts, RetentionFacts};
use zorgkluis_core::register::ProcessingRegister;
use zorgkluis_core::vocabulary::RequestType;

#[derive(Subcommand)]
pub enum ReglementCommand {
    /// Validate reglement files: exit 0 when valid (warnings on stderr), 1 with the errors.
    Check {
        #[arg(required = true)]
        files: Vec<PathBuf>,
    },
    /// Show the processing register (art. 30 AVG) the reglement defines.
    Show {
        file: PathBuf,
        #[arg(long, value_enum, default_value = "markdown")]
        format: Format,
    },
    /// The deadlines of a data subject request.
    Deadline {
        file: PathBuf,
        /// inzage, afschrift, correctie, aanvulling, verwijdering, afscherming, bezwaar,
        /// overdraagbaarheid or overdracht.
        #[arg(long, value_parser = parse_request_type)]
        request: RequestType,
        /// The day the request was received (YYYY-MM-DD).
        #[arg(long, value_parser = parse_date)]
        received: Date,
        /// The day the request was decided (YYYY-MM-DD).
        #[arg(long, value_parser = parse_date)]
        decided: Option<Date>,
        #[arg(long)]
        json: bool,
    },
    /// How long data of a category is kept, and when it must be destroyed.
    Retention {
        file: PathBuf,
        #[arg(long)]
        category: String,
        #[arg(long, value_parser = parse_date)]
        created: Option<Date>,
        #[arg(long = "last-change", value_parser = parse_date)]
        last_change: Option<Date>,
        #[arg(long = "care-ended", value_parser = parse_date)]
        care_ended: Option<Date>,
        /// A complaint or court case holds the data.
        #[arg(long = "legal-hold")]
        legal_hold: bool,
        #[arg(long)]
        json: bool,
    },
    /// May a recipient receive a category of data, and on which conditions.
    Disclose {
        file: PathBuf,
        #[arg(long)]
        recipient: String,
        #[arg(long)]
        category: String,
        /// The subject gave consent in the form the rule asks.
        #[arg(long)]
        consent: bool,
        /// The subject objected.
        #[arg(long)]
        objection: bool,
        #[arg(long)]
        json: bool,
    },
}

#[derive(Clone, Copy, ValueEnum)]
pub enum Format {
    Markdown,
    Html,
    Json,
}

fn parse_date(s: &str) -> Result<Date, String> {
    let valid_shape = s.len() == 10 && s.as_bytes().get(4) == Some(&b'-');
    match s.parse::<Date>() {
        Ok(d) if valid_shape => Ok(d),
        _ => Err(format!("expected a date as YYYY-MM-DD, found `{s}`")),
    }
}

fn parse_request_type(s: &str) -> Result<RequestType, String> {
    RequestType::from_id(s).ok_or_else(|| {
        format!(
            "unknown request type `{s}`; expected one of: {}",
            RequestType::ids().join(", ")
        )
    })
}

/// Bad input on the command line: exit code 2.
const BAD_INPUT: u8 = 2;
/// The reglement has errors: exit code 1.
const INVALID: u8 = 1;

pub fn run(cmd: ReglementCommand, lang: Lang) -> ExitCode {
    match cmd {
        ReglementCommand::Check { files } => check(&files, lang),
        ReglementCommand::Show { file, format } => with_reglement(&file, lang, |r| {
            let register = ProcessingRegister::from_reglement(r, lang);
            Ok(match format {
                Format::Markdown => register.to_markdown(lang),
                Format::Html => register.to_html(lang),
                Format::Json => to_json(&register),
            })
        }),
        ReglementCommand::Deadline {
            file,
            request,
            received,
            decided,
            json,
        } => with_reglement(&file, lang, |r| {
            let answer = decide::request_deadlines(r, request, received, decided)?;
            Ok(if json {
                to_json(&answer)
            } else {
                answer.explain(lang)
            })
        }),
        ReglementCommand::Retention {
            file,
            category,
            created,
            last_change,
            care_ended,
            legal_hold,
            json,
        } => with_reglement(&file, lang, |r| {
            let facts = RetentionFacts {
                created,
                last_change,
                care_ended,
                legal_hold,
            };
            let answer = decide::retention(r, &category, facts)?;
            Ok(if json {
                to_json(&answer)
            } else {
                answer.explain(lang)
            })
        }),
        ReglementCommand::Disclose {
            file,
            recipient,
            category,
            consent,
            objection,
            json,
        } => with_reglement(&file, lang, |r| {
            let facts = DisclosureFacts { consent, objection };
            let answer = decide::disclose(r, &recipient, &category, facts)?;
            Ok(if json {
                to_json(&answer)
            } else {
                answer.explain(lang)
            })
        }),
    }
}

fn to_json<T: Serialize>(value: &T) -> String {
    // Serialising plain data structs to a string cannot fail; an empty object is a safe answer.
    serde_json::to_string_pretty(value).unwrap_or_else(|_| "{}".to_owned())
}

fn read(path: &Path, lang: Lang) -> Result<String, ExitCode> {
    std::fs::read_to_string(path).map_err(|e| {
        eprintln!(
            "{}: {}: {e}",
            path.display(),
            lang.pick("kan het bestand niet lezen", "cannot read the file")
        );
        ExitCode::from(BAD_INPUT)
    })
}

fn check(files: &[PathBuf], lang: Lang) -> ExitCode {
    let mut failed = false;
    for path in files {
        let source = match read(path, lang) {
            Ok(s) => s,
            Err(code) => return code,
        };
        let name = path.display().to_string();
        match Reglement::load(&name, &source, lang) {
            Ok(r) => {
                for w in &r.warnings {
                    eprint!("{}", w.render(&source, lang));
                }
                let _ = writeln!(
                    std::io::stdout(),
                    "{name}: {} ({}, {} {})",
                    lang.pick("geldig", "valid"),
                    r.name(),
                    r.warnings.len(),
                    lang.pick("waarschuwingen", "warnings")
                );
            }
            Err(diagnostics) => {
                failed = true;
                for d in &diagnostics {
                    eprint!("{}", d.render(&source, lang));
                }
                let errors = diagnostics.iter().filter(|d| d.is_error()).count();
                let _ = writeln!(
                    std::io::stdout(),
                    "{name}: {} ({errors} {})",
                    lang.pick("ongeldig", "invalid"),
                    lang.pick("fouten", "errors")
                );
            }
        }
    }
    if failed {
        ExitCode::from(INVALID)
    } else {
        ExitCode::SUCCESS
    }
}

/// Loads a valid reglement and runs `answer` on it, printing its result.
fn with_reglement(
    path: &Path,
    lang: Lang,
    answer: impl FnOnce(&Reglement) -> Result<String, DecisionError>,
) -> ExitCode {
    let source = match read(path, lang) {
        Ok(s) => s,
        Err(code) => return code,
    };
    let reglement = match Reglement::load(&path.display().to_string(), &source, lang) {
        Ok(r) => r,
        Err(diagnostics) => {
            for d in &diagnostics {
                eprint!("{}", d.render(&source, lang));
            }
            return ExitCode::from(INVALID);
        }
    };
    match answer(&reglement) {
        Ok(text) => {
            // A closed pipe (`| head`) is the reader's choice, not an error worth a panic.
            let _ = writeln!(std::io::stdout(), "{text}");
            ExitCode::SUCCESS
        }
        Err(e) => {
            eprintln!("{}: {}", lang.pick("fout", "error"), e.message(lang));
            ExitCode::from(BAD_INPUT)
        }
    }
}
