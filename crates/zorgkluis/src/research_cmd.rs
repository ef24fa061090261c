//! `zorgkluis research export`: a dataset for a named research project (issue 14 part 5; art.
//! 7:458 BW, art. 24 UAVG), acting as a staff member whose role may disclose to the research
//! recipient (`--as USER`, or the command line's own role). The dataset (JSON) goes to `--out`
//! or standard output; a summary (clients in it, left out for an objection or for want of
//! consent, rows suppressed, the k achieved) to standard error. Bad input exits 2 naming the
//! flag.

use std::io::Write as _;
use std::path::PathBuf;
use std::process::ExitCode;

use clap::Args;
use zorgkluis_core::decide::{ResearchConditions, ResearchGround, ResearchMode};
use zorgkluis_core::{Lang, t};
use zorgkluis_store::vault::{NewResearchExport, VaultError};

use crate::retention_cmd::json;
use crate::store_cmd::{Installation, acting, with_vault};

fn parse_ground(s: &str) -> Result<ResearchGround, String> {
    ResearchGround::from_id(s).ok_or_else(|| {
        format!("`{s}`: one of toestemming, vragen_niet_mogelijk, niet_te_verlangen")
    })
}

fn parse_mode(s: &str) -> Result<ResearchMode, String> {
    ResearchMode::from_id(s)
        .ok_or_else(|| format!("`{s}`: one of gepseudonimiseerd, geanonimiseerd"))
}

#[derive(Args)]
pub struct ExportArgs {
    #[arg(long = "as")]
    user: Option<String>,
    /// The project's id (lowercase): its pseudonyms are its own.
    #[arg(long)]
    project: String,
    /// A registered recipient of the research kind (`zorgkluis recipient list`).
    #[arg(long)]
    recipient: String,
    /// The data categories, comma-separated.
    #[arg(long, value_delimiter = ',', required = true)]
    categories: Vec<String>,
    /// toestemming, vragen_niet_mogelijk (art. 7:458 lid 1 sub a BW) or niet_te_verlangen (sub b).
    #[arg(long, value_parser = parse_ground)]
    ground: ResearchGround,
    /// gepseudonimiseerd or geanonimiseerd.
    #[arg(long, value_parser = parse_mode)]
    mode: ResearchMode,
    /// The research serves a public interest (art. 7:458 lid 2 sub a BW).
    #[arg(long)]
    public_interest: bool,
    /// It cannot be done without these data (lid 2 sub b).
    #[arg(long)]
    necessary: bool,
    /// Safeguards for the clients' privacy are in place (lid 1 sub a).
    #[arg(long)]
    safeguards: bool,
    /// The smallest group an anonymised row may stand in.
    #[arg(long, default_value_t = 5)]
    min_k: usize,
    #[arg(long)]
    out: Option<PathBuf>,
}

fn flag(field: &str) -> String {
    format!("--{}", field.replace('_', "-"))
}

pub fn run(inst: &Installation, a: ExportArgs, lang: Lang) -> ExitCode {
    with_vault(inst, lang, |v| async move {
        let actor = acting(&v, a.user.as_deref()).await?;
        let set = v
            .research_export(
                &actor,
                &NewResearchExport {
                    project: a.project,
                    recipient: a.recipient,
                    categories: a.categories,
                    ground: a.ground,
                    mode: a.mode,
                    conditions: ResearchConditions {
                        public_interest: a.public_interest,
                        necessary: a.necessary,
                        safeguards: a.safeguards,
                    },
                    min_k: a.min_k,
                },
            )
            .await
            .map_err(|e| match e {
                VaultError::Invalid { field, message } => format!("{}: {message}", flag(field)),
                VaultError::Denied(d) => d.explain(lang),
                other => other.to_string(),
            })?;
        let summary = t!(
            lang,
            "cli-research-summary",
            rows = set.rows.len().to_string().as_str(),
            objection = set.excluded_objection.to_string().as_str(),
            consent = set.excluded_consent.to_string().as_str(),
            suppressed = set.suppressed.to_string().as_str(),
            k = set.k.to_string().as_str(),
            sha = &set.payload_sha256
        );
        let _ = writeln!(std::io::stderr(), "{summary}");
        let text = json(&set)?;
        match &a.out {
            Some(path) => {
                std::fs::write(path, &text).map_err(|e| format!("--out: {e}"))?;
                Ok((set.id, true))
            }
            None => Ok((text, true)),
        }
    })
}
