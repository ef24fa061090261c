//! `zorgkluis report annual --year YYYY --format html|pdf|json [--out FILE]`: the annual privacy
//! report (BG wonen 8.2) from the year's events, every figure with the events it counts. Made in
//! the command line's own role (which reads the log) or a staff member's (`--as`); logged.

use std::io::Write as _;
use std::path::PathBuf;
use std::process::ExitCode;

use clap::{Subcommand, ValueEnum};
use zorgkluis_core::Lang;

use crate::store_cmd::{Installation, acting, with_vault};

#[derive(Clone, Copy, ValueEnum)]
pub enum ReportFormat {
    Html,
    Pdf,
    Json,
}

#[derive(Subcommand)]
pub enum ReportCommand {
    /// The annual privacy report of --year, to --out or standard output.
    Annual {
        #[arg(long)]
        year: i16,
        #[arg(long, value_enum, default_value = "html")]
        format: ReportFormat,
        #[arg(long)]
        out: Option<PathBuf>,
        /// A staff member whose role makes the report (the product's own role without it).
        #[arg(long = "as")]
        user: Option<String>,
    },
}

pub fn run(inst: &Installation, cmd: ReportCommand, lang: Lang) -> ExitCode {
    let ReportCommand::Annual {
        year,
        format,
        out,
        user,
    } = cmd;
    with_vault(inst, lang, |v| async move {
        let actor = acting(&v, user.as_deref()).await?;
        let report = v
            .annual_report(&actor, year, lang)
            .await
            .map_err(|e| match e {
                zorgkluis_store::vault::VaultError::Invalid { message, .. } => {
                    format!("--year: {message}")
                }
                e => e.to_string(),
            })?;
        let bytes = match format {
            ReportFormat::Json => serde_json::to_vec_pretty(&report).map_err(|e| e.to_string())?,
            ReportFormat::Html => {
                zorgkluis_core::annual_report_render::to_html(&report, lang).into_bytes()
            }
            ReportFormat::Pdf => zorgkluis_core::annual_report_render::to_pdf(&report, lang),
        };
        match out {
            Some(path) => {
                std::fs::write(&path, &bytes)
                    .map_err(|e| format!("--out {}: {e}", path.display()))?;
                Ok((path.display().to_string(), true))
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
