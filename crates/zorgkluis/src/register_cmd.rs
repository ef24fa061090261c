//! `zorgkluis register export|import`: the registers as a spreadsheet (issue 16 part 6). The
//! export writes the registers the acting role may read (the product's own role, or a staff
//! member with `--as`) as one XLSX workbook, or one register as CSV; each register's read is
//! logged. The import reads the incident and complaint tabs of an XLSX workbook kept by hand;
//! one problem anywhere imports nothing, every problem named by sheet, row and column (exit 2).

use std::io::Write as _;
use std::path::PathBuf;
use std::process::ExitCode;

use clap::{Subcommand, ValueEnum};
use zorgkluis_core::Lang;
use zorgkluis_core::i18n::t;
use zorgkluis_store::spreadsheet::{to_csv, to_xlsx};
use zorgkluis_store::vault::Register;

use crate::store_cmd::{Installation, acting, with_vault};

fn parse_register(s: &str) -> Result<Register, String> {
    Register::from_id(s).ok_or_else(|| format!("`{s}`: one of {}", Register::ids().join(", ")))
}

#[derive(Clone, Copy, ValueEnum)]
pub enum SheetFormat {
    Xlsx,
    Csv,
}

#[derive(Subcommand)]
pub enum RegisterCommand {
    /// Write the registers (all the acting role may read, or those named with --register) as
    /// an XLSX workbook to --out, or one register as CSV (to --out or standard output).
    Export {
        /// verwerkingen, incidenten, verzoeken, klachten or verstrekkingen (repeatable).
        #[arg(long = "register", value_parser = parse_register)]
        registers: Vec<Register>,
        #[arg(long, value_enum, default_value = "xlsx")]
        format: SheetFormat,
        #[arg(long)]
        out: Option<PathBuf>,
        /// A staff member whose role reads the registers (the product's own role without it).
        #[arg(long = "as")]
        user: Option<String>,
    },
    /// Import the incident and complaint tabs of an XLSX workbook (in the export's columns).
    Import {
        file: PathBuf,
        #[arg(long = "as")]
        user: Option<String>,
        #[arg(long)]
        json: bool,
    },
}

pub fn run(inst: &Installation, cmd: RegisterCommand, lang: Lang) -> ExitCode {
    match cmd {
        RegisterCommand::Export {
            registers,
            format,
            out,
            user,
        } => {
            if matches!(format, SheetFormat::Xlsx) && out.is_none() {
                eprintln!(
                    "{}: --out: {}",
                    t(lang, "cli-error"),
                    t(lang, "cli-register-xlsx-needs-out")
                );
                return ExitCode::from(2);
            }
            if matches!(format, SheetFormat::Csv) && registers.len() != 1 {
                eprintln!(
                    "{}: --register: {}",
                    t(lang, "cli-error"),
                    t(lang, "cli-register-csv-one")
                );
                return ExitCode::from(2);
            }
            with_vault(inst, lang, |v| async move {
                let actor = acting(&v, user.as_deref()).await?;
                let sheets = match format {
                    SheetFormat::Xlsx => v
                        .register_workbook(&actor, &registers, lang)
                        .await
                        .map_err(|e| e.to_string())?,
                    SheetFormat::Csv => vec![
                        v.register_sheet(&actor, registers[0], lang)
                            .await
                            .map_err(|e| e.to_string())?,
                    ],
                };
                let bytes = match format {
                    SheetFormat::Xlsx => to_xlsx(&sheets).map_err(|e| e.to_string())?,
                    SheetFormat::Csv => to_csv(&sheets[0]).into_bytes(),
                };
                let tabs: Vec<String> = sheets
                    .iter()
                    .map(|s| format!("{} ({})", s.name, s.rows.len()))
                    .collect();
                match out {
                    Some(path) => {
                        std::fs::write(&path, &bytes)
                            .map_err(|e| format!("--out {}: {e}", path.display()))?;
                        Ok((
                            zorgkluis_core::t!(
                                lang,
                                "cli-register-written",
                                file = &path.display().to_string(),
                                registers = &tabs.join(", ")
                            ),
                            true,
                        ))
                    }
                    None => {
                        std::io::stdout()
                            .write_all(&bytes)
                            .map_err(|e| e.to_string())?;
                        Ok((String::new(), true))
                    }
                }
            })
        }
        RegisterCommand::Import { file, user, json } => {
            let bytes = match std::fs::read(&file) {
                Ok(b) => b,
                Err(e) => {
                    eprintln!("{}: {}: {e}", t(lang, "cli-error"), file.display());
                    return ExitCode::from(2);
                }
            };
            with_vault(inst, lang, |v| async move {
                let actor = acting(&v, user.as_deref()).await?;
                let outcome = v
                    .import_register_workbook(&actor, &bytes)
                    .await
                    .map_err(|e| format!("{}: {e}", file.display()))?;
                if json {
                    let text = serde_json::to_string_pretty(&outcome).map_err(|e| e.to_string())?;
                    return if outcome.problems.is_empty() {
                        Ok((text, true))
                    } else {
                        Err(text)
                    };
                }
                if !outcome.problems.is_empty() {
                    let lines: Vec<String> =
                        outcome.problems.iter().map(ToString::to_string).collect();
                    return Err(format!(
                        "{}\n{}",
                        zorgkluis_core::t!(
                            lang,
                            "cli-register-import-refused",
                            count = outcome.problems.len()
                        ),
                        lines.join("\n")
                    ));
                }
                let counts: Vec<String> = outcome
                    .imported
                    .iter()
                    .map(|(r, n)| format!("{r}: {n}"))
                    .collect();
                let mut text =
                    zorgkluis_core::t!(lang, "cli-register-imported", counts = &counts.join(", "));
                if !outcome.skipped.is_empty() {
                    text.push('\n');
                    text.push_str(&zorgkluis_core::t!(
                        lang,
                        "cli-register-skipped",
                        tabs = &outcome.skipped.join(", ")
                    ));
                }
                Ok((text, true))
            })
        }
    }
}
