//! `zorgkluis retention plan|run|certificate`: what is due for destruction as of a date, the
//! run that destroys it (resumable: run it again after a crash and it continues), and the
//! destruction certificate of a run. The command line acts in its own role, `systeem`, which
//! the product grants `run_retention`; every plan, destruction and certificate is in the audit
//! log.

use std::process::ExitCode;

use clap::Subcommand;
use jiff::civil::Date;
use zorgkluis_core::decide::cite_list;
use zorgkluis_core::{Lang, t};
use zorgkluis_store::vault::{Actor, Certificate, RetentionPlan, RunOptions};

use crate::reglement_cmd::parse_date;
use crate::store_cmd::{Installation, with_vault};

#[derive(Subcommand)]
pub enum RetentionCommand {
    /// What is due for destruction as of DATE, per category and per person, and what legal
    /// holds keep back, citing the articles. Destroys nothing.
    Plan {
        #[arg(long = "as-of", value_parser = parse_date)]
        as_of: Date,
        #[arg(long)]
        json: bool,
    },
    /// Without --execute a dry run: shows what a run as of DATE would destroy and destroys
    /// nothing. With --execute destroys what is due as of DATE (not after today), or finishes
    /// the run a crash left unfinished, and writes the destruction certificate.
    Run {
        #[arg(long = "as-of", value_parser = parse_date)]
        as_of: Date,
        /// Destroy for real; without it the run is a dry run.
        #[arg(long)]
        execute: bool,
        #[arg(long)]
        json: bool,
    },
    /// Print the destruction certificate of a finished run again.
    Certificate {
        /// The run's id, as `retention run` printed it.
        run_id: String,
        #[arg(long)]
        json: bool,
        /// As an HTML page, to print or archive.
        #[arg(long, conflicts_with = "json")]
        html: bool,
    },
    #[command(flatten)]
    Holds(crate::retention_holds_cmd::HoldCommand),
}

fn date_or_dash(d: Option<Date>) -> String {
    d.map_or_else(|| "-".to_owned(), |d| d.to_string())
}

fn plan_text(plan: &RetentionPlan, lang: Lang) -> String {
    let mut out = vec![t!(
        lang,
        "cli-retention-plan-title",
        as_of = &plan.as_of.to_string(),
        files = plan.whole_files,
        records = plan.due_records,
        law = plan.law_version,
        version = &plan.reglement_version
    )];
    if let Some(transfer) = &plan.suspended_by_transfer {
        out.push(t!(
            lang,
            "cli-retention-plan-transfer",
            recipient = &transfer.recipient,
            from = &transfer.starts_on.to_string(),
            article = &transfer.article
        ));
        if transfer.clients_told_on.is_none() {
            out.push(t!(lang, "cli-retention-plan-transfer-untold"));
        }
    }
    if plan.persons.is_empty() {
        out.push(t!(lang, "cli-retention-nothing"));
    }
    for c in &plan.categories {
        out.push(t!(
            lang,
            "cli-retention-plan-category",
            category = &c.category,
            records = c.due_records,
            persons = c.due_persons,
            held = c.held_records,
            articles = &cite_list(&c.articles)
        ));
    }
    for p in &plan.persons {
        if p.whole_file {
            let cats: Vec<&str> = p.entries.iter().map(|e| e.category.as_str()).collect();
            out.push(t!(
                lang,
                "cli-retention-plan-whole",
                person = &p.person_id,
                categories = &cats.join(", ")
            ));
        }
        for e in &p.entries {
            out.push(t!(
                lang,
                "cli-retention-plan-entry",
                person = &p.person_id,
                category = &e.category,
                records = e.records,
                until = &date_or_dash(e.retain_until),
                by = &date_or_dash(e.destroy_by),
                articles = &cite_list(&e.articles)
            ));
        }
    }
    for h in &plan.held {
        out.push(t!(
            lang,
            "cli-retention-plan-held",
            person = &h.person_id,
            category = h.category.as_deref().unwrap_or("*"),
            hold = &h.hold_id,
            kind = h.kind.label(lang),
            articles = &cite_list(&h.articles),
            records = h.records_kept
        ));
    }
    out.join("\n")
}

fn certificate_text(c: &Certificate, lang: Lang) -> String {
    let mut out = vec![t!(
        lang,
        "cli-retention-certificate-title",
        run = &c.run_id,
        tenant = &c.tenant,
        as_of = &c.as_of.to_string(),
        by = &c.started_by,
        role = &c.started_role,
        started = &zorgkluis_core::time::format_stored_moment(&c.started_at, lang),
        finished = &zorgkluis_core::time::format_stored_moment(&c.finished_at, lang),
        law = &c.law_version,
        version = &c.reglement_version
    )];
    for count in &c.counts {
        out.push(t!(
            lang,
            "cli-retention-count",
            category = &count.category,
            records = count.records,
            persons = count.persons
        ));
    }
    for d in &c.destroyed {
        let what = if d.scope == "person" {
            t!(lang, "cli-retention-whole-file")
        } else {
            d.entries
                .iter()
                .map(|e| format!("{} ({})", e.category, e.records))
                .collect::<Vec<_>>()
                .join(", ")
        };
        let articles: Vec<String> = d
            .entries
            .iter()
            .flat_map(|e| e.articles.iter().cloned())
            .fold(Vec::new(), |mut acc, a| {
                if !acc.contains(&a) {
                    acc.push(a);
                }
                acc
            });
        out.push(t!(
            lang,
            "cli-retention-certificate-item",
            person = &d.person_id,
            what = &what,
            articles = &cite_list(&articles),
            at = &zorgkluis_core::time::format_stored_moment(&d.done_at, lang)
        ));
    }
    for s in &c.skipped {
        out.push(t!(
            lang,
            "cli-retention-certificate-skipped",
            person = &s.person_id,
            reason = s.reason.as_deref().unwrap_or("-")
        ));
    }
    for h in &c.held {
        out.push(t!(
            lang,
            "cli-retention-plan-held",
            person = &h.person_id,
            category = h.category.as_deref().unwrap_or("*"),
            hold = &h.hold_id,
            kind = h.kind.label(lang),
            articles = &cite_list(&h.articles),
            records = h.records_kept
        ));
    }
    out.join("\n")
}

fn escape(s: &str) -> String {
    s.replace('&', "&amp;")
        .replace('<', "&lt;")
        .replace('>', "&gt;")
        .replace('"', "&quot;")
}

/// The certificate as a page: its sentences, one paragraph each.
fn certificate_html(c: &Certificate, lang: Lang) -> String {
    let text = certificate_text(c, lang);
    let mut lines = text.lines();
    let title = lines.next().unwrap_or_default();
    let body: String = lines.map(|l| format!("<li>{}</li>\n", escape(l))).collect();
    format!(
        "<!doctype html>\n<html lang=\"{lang}\"><head><meta charset=\"utf-8\"><title>{heading} {run}</title></head>\n\
         <body><h1>{heading}</h1>\n<p>{title}</p>\n<ul>\n{body}</ul></body></html>",
        lang = if lang == Lang::En { "en" } else { "nl" },
        heading = escape(&t!(lang, "cli-retention-certificate-heading")),
        run = escape(&c.run_id),
        title = escape(title),
    )
}

pub(crate) fn json<T: serde::Serialize>(value: &T) -> Result<String, String> {
    serde_json::to_string_pretty(value).map_err(|e| e.to_string())
}

pub fn run(inst: &Installation, cmd: RetentionCommand, lang: Lang) -> ExitCode {
    let actor = Actor::system("cli");
    match cmd {
        RetentionCommand::Plan {
            as_of,
            json: as_json,
        } => with_vault(inst, lang, |v| async move {
            let plan = v
                .retention_plan(&actor, as_of)
                .await
                .map_err(|e| e.to_string())?;
            let text = if as_json {
                json(&plan)?
            } else {
                plan_text(&plan, lang)
            };
            Ok((text, true))
        }),
        RetentionCommand::Run {
            as_of,
            execute: false,
            json: as_json,
        } => with_vault(inst, lang, |v| async move {
            let plan = v
                .retention_plan(&actor, as_of)
                .await
                .map_err(|e| e.to_string())?;
            let text = if as_json {
                json(&serde_json::json!({ "dry_run": true, "plan": plan }))?
            } else {
                format!(
                    "{}\n{}",
                    plan_text(&plan, lang),
                    t!(lang, "cli-retention-dry-run")
                )
            };
            Ok((text, true))
        }),
        RetentionCommand::Run {
            as_of,
            execute: true,
            json: as_json,
        } => with_vault(inst, lang, |v| async move {
            let bar = crate::import_cmd::progress_bar(0);
            let outcome = v
                .retention_run_with_progress(&actor, as_of, RunOptions::default(), &|p| {
                    bar.set_length(p.total as u64);
                    bar.set_position(p.done as u64);
                })
                .await
                .map_err(|e| e.to_string())?;
            bar.finish_and_clear();
            let text = if as_json {
                json(&outcome)?
            } else {
                let mut out = Vec::new();
                if outcome.resumed {
                    out.push(t!(lang, "cli-retention-run-resumed", run = &outcome.run_id));
                }
                if let Some(c) = &outcome.certificate {
                    out.push(t!(
                        lang,
                        "cli-retention-run-done",
                        run = &c.run_id,
                        files = c.whole_files,
                        records = c.records,
                        skipped = c.skipped.len()
                    ));
                    out.push(certificate_text(c, lang));
                }
                out.join("\n")
            };
            Ok((text, true))
        }),
        RetentionCommand::Holds(cmd) => crate::retention_holds_cmd::run(inst, cmd, lang),
        RetentionCommand::Certificate {
            run_id,
            json: as_json,
            html,
        } => with_vault(inst, lang, |v| async move {
            let c = v
                .retention_certificate(&actor, &run_id)
                .await
                .map_err(|e| e.to_string())?;
            let text = if as_json {
                json(&c)?
            } else if html {
                certificate_html(&c, lang)
            } else {
                certificate_text(&c, lang)
            };
            Ok((text, true))
        }),
    }
}
