//! `zorgkluis logcontrole run|list|close|incident`: the log review (NEN 7513) from the command
//! line. The command line acts in its own role, which the product gives reading the audit log
//! (and keeping the incident register); every step is logged. Bad input exits 2 naming the flag
//! or field.

use std::process::ExitCode;

use clap::Subcommand;
use jiff::civil::Date;
use zorgkluis_core::log_review::reason;
use zorgkluis_core::time::format_date;
use zorgkluis_core::{Lang, t};
use zorgkluis_store::vault::{Actor, LogReviewFlag};

use crate::reglement_cmd::parse_date;
use crate::store_cmd::{self, Installation};

#[derive(Subcommand)]
pub enum LogReviewCommand {
    /// Run the review over the days --from to --to (Dutch dates; today when left out) and
    /// store what it flags that it did not flag before.
    Run {
        #[arg(long, value_parser = parse_date)]
        from: Option<Date>,
        #[arg(long, value_parser = parse_date)]
        to: Option<Date>,
        #[arg(long)]
        json: bool,
    },
    /// The open flags by what is due (emergency accesses past their term first); --all with the
    /// closed ones.
    List {
        #[arg(long)]
        all: bool,
        #[arg(long)]
        json: bool,
    },
    /// Close a flag with a note (what the review found).
    Close {
        id: String,
        #[arg(long)]
        note: String,
    },
    /// Make a flag an incident in the incident register; prints the incident's id.
    Incident { id: String },
}

fn to_json<T: serde::Serialize>(value: &T) -> String {
    serde_json::to_string_pretty(value).unwrap_or_else(|_| "{}".to_owned())
}

/// One flag: id, kind and day, whose accesses, the reason.
fn line(f: &LogReviewFlag, lang: Lang) -> String {
    let state = match (&f.incident, &f.closed) {
        (Some(i), _) => format!(
            " [{}]",
            t!(lang, "cli-log-review-incident", id = i.as_str())
        ),
        (None, Some(c)) => format!(
            " [{}]",
            t!(lang, "cli-log-review-closed", by = c.by.as_str())
        ),
        (None, None) => String::new(),
    };
    format!(
        "{}  {} · {} · {}{state}\n    {}",
        f.id,
        f.kind.label(lang),
        format_date(f.day, lang),
        f.user,
        reason(&f.details, f.day, lang)
    )
}

pub fn run(inst: &Installation, cmd: LogReviewCommand, lang: Lang) -> ExitCode {
    let actor = Actor::system("cli");
    store_cmd::with_vault(inst, lang, |vault| async move {
        let fail = |e: zorgkluis_store::vault::VaultError| e.to_string();
        match cmd {
            LogReviewCommand::Run { from, to, json } => {
                let run = vault.run_log_review(&actor, from, to).await.map_err(fail)?;
                if json {
                    return Ok((to_json(&run), true));
                }
                let mut out = vec![t!(
                    lang,
                    "cli-log-review-ran",
                    from = &format_date(run.from, lang),
                    to = &format_date(run.to, lang),
                    new = run.new.len(),
                    known = run.known
                )];
                out.extend(run.new.iter().map(|f| line(f, lang)));
                Ok((out.join("\n"), true))
            }
            LogReviewCommand::List { all, json } => {
                let flags = vault.log_review_flags(&actor, !all).await.map_err(fail)?;
                Ok((
                    if json {
                        to_json(&flags)
                    } else if flags.is_empty() {
                        t!(lang, "cli-log-review-none")
                    } else {
                        flags
                            .iter()
                            .map(|f| line(f, lang))
                            .collect::<Vec<_>>()
                            .join("\n")
                    },
                    true,
                ))
            }
            LogReviewCommand::Close { id, note } => {
                vault
                    .close_log_review_flag(&actor, &id, &note)
                    .await
                    .map_err(fail)?;
                Ok((
                    t!(lang, "cli-log-review-closed-now", id = id.as_str()),
                    true,
                ))
            }
            LogReviewCommand::Incident { id } => {
                let incident = vault.flag_to_incident(&actor, &id).await.map_err(fail)?;
                Ok((incident, true))
            }
        }
    })
}
