//! `zorgkluis complaint add|list|show|extend|decide|refer|mark`: the complaints register from the
//! command line, with the Wkkgz clock (art. 17: a decision within six weeks, extendable once by
//! at most four when told in writing before the six weeks end). The command line acts in its
//! own role, which the product gives keeping the register; every step is logged. Bad input
//! exits 2 naming the flag or field.

use std::process::ExitCode;

use clap::Subcommand;
use jiff::Timestamp;
use jiff::civil::Date;
use zorgkluis_core::i18n::t;
use zorgkluis_core::time::{dutch_date, format_date};
use zorgkluis_core::vocabulary::{ComplainantKind, ComplaintOutcome};
use zorgkluis_core::{Lang, t};
use zorgkluis_store::vault::{Actor, Complaint, NewComplaint};

use crate::incident_cmd::parse_yes_no;
use crate::reglement_cmd::parse_date;
use crate::store_cmd::{self, Installation};

fn parse_kind(s: &str) -> Result<ComplainantKind, String> {
    ComplainantKind::from_id(s).ok_or_else(|| {
        format!(
            "unknown complainant `{s}`; expected one of: {}",
            ComplainantKind::ids().join(", ")
        )
    })
}

fn parse_outcome(s: &str) -> Result<ComplaintOutcome, String> {
    ComplaintOutcome::from_id(s).ok_or_else(|| {
        format!(
            "unknown outcome `{s}`; expected one of: {}",
            ComplaintOutcome::ids().join(", ")
        )
    })
}

#[derive(Subcommand)]
pub enum ComplaintCommand {
    /// Record a complaint; prints its id and the last day of the decision.
    Add {
        /// When it was received (YYYY-MM-DD); the six weeks run from then.
        #[arg(long, value_parser = parse_date)]
        received: Date,
        /// Who complained: client, vertegenwoordiger or nabestaande.
        #[arg(long, value_parser = parse_kind)]
        by: ComplainantKind,
        /// What it is about (kept sealed).
        #[arg(long)]
        about: String,
        /// The client it concerns (their id), where it concerns one.
        #[arg(long)]
        person: Option<String>,
        /// The klachtenfunctionaris is involved (Wkkgz art. 15).
        #[arg(long)]
        officer: bool,
        #[arg(long)]
        json: bool,
    },
    /// The register, what is due first on top: open complaints by their last day (overdue
    /// ones first), then the decided ones, newest first.
    List {
        /// Only those not decided yet.
        #[arg(long)]
        open: bool,
        #[arg(long)]
        json: bool,
    },
    /// One complaint.
    Show {
        id: String,
        #[arg(long)]
        json: bool,
    },
    /// Record the extension told to the complainant in writing; refused when told after the
    /// six weeks ended (Wkkgz art. 17 lid 2).
    Extend {
        id: String,
        #[arg(long, value_parser = parse_date)]
        told: Date,
        #[arg(long)]
        reason: String,
    },
    /// Record the decision (Wkkgz art. 17 lid 1).
    Decide {
        id: String,
        #[arg(long, value_parser = parse_date)]
        on: Date,
        /// gegrond, deels_gegrond or ongegrond.
        #[arg(long, value_parser = parse_outcome)]
        outcome: ComplaintOutcome,
        #[arg(long)]
        text: String,
    },
    /// Record that the complaint was put to the geschilleninstantie (Wkkgz art. 21).
    Refer {
        id: String,
        #[arg(long, value_parser = parse_date)]
        on: Date,
    },
    /// Record whether the klachtenfunctionaris is involved, and whether the complainant went
    /// to the Autoriteit Persoonsgegevens (art. 77 AVG).
    Mark {
        id: String,
        #[arg(long, value_parser = parse_yes_no)]
        officer: Option<bool>,
        #[arg(long, value_parser = parse_yes_no)]
        ap: Option<bool>,
    },
}

fn today() -> Date {
    dutch_date(Timestamp::now())
}

/// Days from `today` to the last day (negative once it has passed).
fn days_left(c: &Complaint, today: Date) -> i64 {
    c.clock
        .decide_by
        .since(today)
        .map(|s| i64::from(s.get_days()))
        .unwrap_or_default()
}

/// The complaint as JSON, with its last day, the days left and whether it is overdue on top.
fn view(c: &Complaint, today: Date) -> serde_json::Value {
    let mut v = serde_json::to_value(c).unwrap_or_default();
    if let Some(o) = v.as_object_mut() {
        o.insert("decide_by".into(), c.clock.decide_by.to_string().into());
        o.insert("overdue".into(), c.overdue(today).into());
        o.insert(
            "days_left".into(),
            if c.open() {
                days_left(c, today).into()
            } else {
                serde_json::Value::Null
            },
        );
    }
    v
}

fn to_json(value: &serde_json::Value) -> String {
    serde_json::to_string_pretty(value).unwrap_or_else(|_| "{}".to_owned())
}

/// One line of the register: the state (days left, overdue, or the outcome), received, by
/// whom, what about.
fn line(c: &Complaint, today: Date, lang: Lang) -> String {
    let state = match &c.decision {
        None => {
            let left = days_left(c, today);
            let by = format_date(c.clock.decide_by, lang);
            if left >= 0 {
                t!(
                    lang,
                    "cli-complaint-days-left",
                    days = &left.to_string(),
                    date = &by
                )
            } else {
                t!(
                    lang,
                    "cli-complaint-overdue",
                    days = &(-left).to_string(),
                    date = &by
                )
            }
        }
        Some(d) => {
            let (outcome, date) = (d.outcome.label(lang), format_date(d.on, lang));
            if c.decided_in_time() == Some(true) {
                t!(
                    lang,
                    "cli-complaint-decided",
                    outcome = outcome,
                    date = &date
                )
            } else {
                t!(
                    lang,
                    "cli-complaint-decided-late",
                    outcome = outcome,
                    date = &date
                )
            }
        }
    };
    format!(
        "{}  {state}  {}  {}  {}",
        c.id,
        t!(
            lang,
            "cli-complaint-received",
            date = &format_date(c.received, lang)
        ),
        c.by.label(lang),
        c.about
    )
}

fn details(c: &Complaint, lang: Lang) -> String {
    let today = today();
    let mut out = vec![line(c, today, lang), c.clock.explain(lang)];
    if let Some(e) = &c.extension {
        out.push(t!(
            lang,
            "cli-complaint-extension",
            date = &format_date(e.told, lang),
            reason = &e.reason
        ));
    }
    if let Some(d) = &c.decision {
        out.push(t!(lang, "cli-complaint-decision", text = &d.text));
    }
    if c.officer_involved {
        out.push(t(lang, "cli-complaint-officer-involved"));
    }
    if let Some(on) = c.referred {
        out.push(t!(
            lang,
            "cli-complaint-referred",
            date = &format_date(on, lang)
        ));
    }
    if c.to_ap {
        out.push(t(lang, "cli-complaint-to-ap"));
    }
    out.join("\n")
}

pub fn run(inst: &Installation, cmd: ComplaintCommand, lang: Lang) -> ExitCode {
    let actor = Actor::system("cli");
    store_cmd::with_vault(inst, lang, |vault| async move {
        let fail = |e: zorgkluis_store::vault::VaultError| e.to_string();
        let today = today();
        match cmd {
            ComplaintCommand::Add {
                received,
                by,
                about,
                person,
                officer,
                json,
            } => {
                let new = NewComplaint {
                    received,
                    by,
                    person,
                    about,
                    officer_involved: officer,
                };
                let id = vault.record_complaint(&actor, &new).await.map_err(fail)?;
                let c = vault.complaint(&actor, &id).await.map_err(fail)?;
                Ok((
                    if json {
                        to_json(&view(&c, today))
                    } else {
                        details(&c, lang)
                    },
                    true,
                ))
            }
            ComplaintCommand::List { open, json } => {
                let mut all = vault.complaints(&actor).await.map_err(fail)?;
                if open {
                    all.retain(Complaint::open);
                }
                // What is due first on top: open ones by their last day (the overdue first,
                // as their day passed), then the decided, newest receipt first (kept order).
                all.sort_by_key(|c| (!c.open(), c.open().then_some(c.clock.decide_by)));
                Ok((
                    if json {
                        to_json(&all.iter().map(|c| view(c, today)).collect())
                    } else if all.is_empty() {
                        t(lang, "cli-complaint-none")
                    } else {
                        all.iter()
                            .map(|c| line(c, today, lang))
                            .collect::<Vec<_>>()
                            .join("\n")
                    },
                    true,
                ))
            }
            ComplaintCommand::Show { id, json } => {
                let c = vault.complaint(&actor, &id).await.map_err(fail)?;
                Ok((
                    if json {
                        to_json(&view(&c, today))
                    } else {
                        details(&c, lang)
                    },
                    true,
                ))
            }
            ComplaintCommand::Extend { id, told, reason } => {
                let c = vault
                    .extend_complaint(&actor, &id, told, &reason)
                    .await
                    .map_err(fail)?;
                Ok((details(&c, lang), true))
            }
            ComplaintCommand::Decide {
                id,
                on,
                outcome,
                text,
            } => {
                let c = vault
                    .decide_complaint(&actor, &id, on, outcome, &text)
                    .await
                    .map_err(fail)?;
                Ok((details(&c, lang), true))
            }
            ComplaintCommand::Refer { id, on } => {
                let c = vault.refer_complaint(&actor, &id, on).await.map_err(fail)?;
                Ok((details(&c, lang), true))
            }
            ComplaintCommand::Mark { id, officer, ap } => {
                let c = vault
                    .mark_complaint(&actor, &id, officer, ap)
                    .await
                    .map_err(fail)?;
                Ok((details(&c, lang), true))
            }
        }
    })
}
