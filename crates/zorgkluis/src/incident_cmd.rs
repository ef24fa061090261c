//! `zorgkluis incident add|list|show|decide|notify-ap|notify-persons|ap-form`: the register of
//! incidents and data breaches from the command line, with the AP's 72-hour clock. The command
//! line acts in its own role, which the product gives keeping the register; every step is
//! logged. Bad input exits 2 naming the flag or field.

use std::process::ExitCode;

use clap::Subcommand;
use jiff::Timestamp;
use zorgkluis_core::i18n::t;
use zorgkluis_core::incident::{IncidentFacts, ap_form};
use zorgkluis_core::time::format_moment;
use zorgkluis_core::vocabulary::{BreachNature, BreachRisk};
use zorgkluis_core::{Lang, t};
use zorgkluis_store::vault::{Actor, Incident};

use crate::reglement_cmd::parse_moment;
use crate::store_cmd::{self, Installation};

fn parse_nature(s: &str) -> Result<BreachNature, String> {
    BreachNature::from_id(s).ok_or_else(|| {
        format!(
            "unknown nature `{s}`; expected one of: {}",
            BreachNature::ids().join(", ")
        )
    })
}

fn parse_risk(s: &str) -> Result<BreachRisk, String> {
    BreachRisk::from_id(s).ok_or_else(|| {
        format!(
            "unknown risk `{s}`; expected one of: {}",
            BreachRisk::ids().join(", ")
        )
    })
}

/// `ja` or `nee` (or `yes`, `no`), for the command line's flags that take one.
pub(crate) fn parse_yes_no(s: &str) -> Result<bool, String> {
    match s {
        "ja" | "yes" => Ok(true),
        "nee" | "no" => Ok(false),
        _ => Err(format!("expected ja or nee, found `{s}`")),
    }
}

// Parsed once per run: the size of the `add` variant costs nothing worth a Box.
#[allow(clippy::large_enum_variant)]
#[derive(Subcommand)]
pub enum IncidentCommand {
    /// Record an incident; prints its id and when the AP must have been notified.
    Add {
        /// When it was discovered (Dutch time 2026-03-27T16:30, or with an offset); the AP's
        /// 72 hours run from then.
        #[arg(long, value_parser = parse_moment)]
        discovered: Timestamp,
        #[arg(long, value_parser = parse_moment)]
        started: Option<Timestamp>,
        #[arg(long, value_parser = parse_moment)]
        ended: Option<Timestamp>,
        /// vertrouwelijkheid, integriteit, beschikbaarheid (comma-separated).
        #[arg(long, value_parser = parse_nature, value_delimiter = ',', required = true)]
        nature: Vec<BreachNature>,
        /// Data categories, the reglement's ids (comma-separated).
        #[arg(long, value_delimiter = ',')]
        categories: Vec<String>,
        /// The number of persons affected (exact), or --persons-min and --persons-max.
        #[arg(long)]
        persons: Option<u64>,
        #[arg(long = "persons-min")]
        persons_min: Option<u64>,
        #[arg(long = "persons-max")]
        persons_max: Option<u64>,
        #[arg(long)]
        records: Option<u64>,
        /// The data were encrypted or otherwise unintelligible to whoever got them.
        #[arg(long)]
        encrypted: bool,
        /// verwaarloosbaar, beperkt, aanzienlijk or zeer_groot.
        #[arg(long, value_parser = parse_risk)]
        risk: Option<BreachRisk>,
        /// What happened.
        #[arg(long)]
        description: String,
        /// How it was discovered.
        #[arg(long = "how", default_value = "")]
        how_discovered: String,
        /// Who discovered it (a function or a user id).
        #[arg(long = "by", default_value = "")]
        discovered_by: String,
        #[arg(long, default_value = "")]
        consequences: String,
        #[arg(long, default_value = "")]
        measures: String,
        #[arg(long)]
        json: bool,
    },
    /// The register, what is due first on top: incidents still waiting for the AP by the hours
    /// left, then the rest by discovery.
    List {
        /// Only those still waiting for the AP.
        #[arg(long)]
        open: bool,
        #[arg(long)]
        json: bool,
    },
    /// One incident.
    Show {
        id: String,
        #[arg(long)]
        json: bool,
    },
    /// Record whether the AP is notified, and why (the assessment of the risk).
    Decide {
        id: String,
        #[arg(long = "notify-ap", value_parser = parse_yes_no)]
        notify_ap: bool,
        #[arg(long, value_parser = parse_risk)]
        risk: Option<BreachRisk>,
        #[arg(long)]
        reason: String,
    },
    /// Record the notification to the AP; after the 72 hours only with --late-reason.
    NotifyAp {
        id: String,
        #[arg(long, value_parser = parse_moment)]
        at: Timestamp,
        /// The AP's meldnummer.
        #[arg(long, default_value = "")]
        reference: String,
        #[arg(long = "late-reason", default_value = "")]
        late_reason: String,
    },
    /// Record that the persons affected were told.
    NotifyPersons {
        id: String,
        #[arg(long, value_parser = parse_moment)]
        at: Timestamp,
        #[arg(long)]
        count: u64,
        #[arg(long)]
        how: String,
    },
    /// The answers to the AP's notification form, chapter by chapter, with what is missing
    /// (the AP takes only its own online form: this prepares it).
    ApForm {
        id: String,
        #[arg(long)]
        json: bool,
    },
}

fn to_json<T: serde::Serialize>(value: &T) -> String {
    serde_json::to_string_pretty(value).unwrap_or_else(|_| "{}".to_owned())
}

/// One line of the register: hours left (or the state), discovery, nature, the description.
fn line(i: &Incident, now: Timestamp, lang: Lang) -> String {
    let state = if i.open() {
        let left = i.clock.hours_left(now);
        if left >= 0 {
            t!(lang, "cli-incident-hours-left", hours = &left.to_string())
        } else {
            t!(lang, "cli-incident-overdue", hours = &(-left).to_string())
        }
    } else if i.notification.notify_ap == Some(false) {
        t(lang, "cli-incident-not-notified")
    } else {
        t(lang, "cli-incident-notified")
    };
    let discovered = i
        .facts
        .discovered
        .map(|d| format_moment(d, lang))
        .unwrap_or_default();
    format!("{}  {state}  {discovered}  {}", i.id, i.facts.description)
}

fn details(i: &Incident, lang: Lang) -> String {
    let mut out = vec![line(i, Timestamp::now(), lang)];
    out.push(i.clock.explain(lang));
    if let Some(at) = i.notification.ap_notified {
        out.push(t!(
            lang,
            "cli-incident-ap-notified",
            at = &format_moment(at, lang),
            reference = if i.notification.ap_reference.is_empty() {
                "—"
            } else {
                i.notification.ap_reference.as_str()
            }
        ));
    }
    out.join("\n")
}

pub fn run(inst: &Installation, cmd: IncidentCommand, lang: Lang) -> ExitCode {
    let actor = Actor::system("cli");
    store_cmd::with_vault(inst, lang, |vault| async move {
        let fail = |e: zorgkluis_store::vault::VaultError| e.to_string();
        match cmd {
            IncidentCommand::Add {
                discovered,
                started,
                ended,
                nature,
                categories,
                persons,
                persons_min,
                persons_max,
                records,
                encrypted,
                risk,
                description,
                how_discovered,
                discovered_by,
                consequences,
                measures,
                json,
            } => {
                let facts = IncidentFacts {
                    discovered: Some(discovered),
                    started,
                    ended,
                    discovered_by,
                    how_discovered,
                    description,
                    nature,
                    categories,
                    persons_min: persons.or(persons_min),
                    persons_max: persons.or(persons_max),
                    records,
                    encrypted,
                    consequences,
                    risk,
                    measures,
                };
                let id = vault.record_incident(&actor, &facts).await.map_err(fail)?;
                let i = vault.incident(&actor, &id).await.map_err(fail)?;
                Ok((if json { to_json(&i) } else { details(&i, lang) }, true))
            }
            IncidentCommand::List { open, json } => {
                let now = Timestamp::now();
                let mut all = vault.incidents(&actor).await.map_err(fail)?;
                if open {
                    all.retain(Incident::open);
                }
                // What is due first on top: open ones by their deadline.
                all.sort_by_key(|i| (!i.open(), i.open().then(|| i.clock.deadline())));
                Ok((
                    if json {
                        to_json(&all)
                    } else if all.is_empty() {
                        t(lang, "cli-incident-none")
                    } else {
                        all.iter()
                            .map(|i| line(i, now, lang))
                            .collect::<Vec<_>>()
                            .join("\n")
                    },
                    true,
                ))
            }
            IncidentCommand::Show { id, json } => {
                let i = vault.incident(&actor, &id).await.map_err(fail)?;
                Ok((if json { to_json(&i) } else { details(&i, lang) }, true))
            }
            IncidentCommand::Decide {
                id,
                notify_ap,
                risk,
                reason,
            } => {
                let i = vault
                    .decide_incident_notification(&actor, &id, notify_ap, risk, &reason)
                    .await
                    .map_err(fail)?;
                Ok((details(&i, lang), true))
            }
            IncidentCommand::NotifyAp {
                id,
                at,
                reference,
                late_reason,
            } => {
                let i = vault
                    .record_ap_notification(&actor, &id, at, &reference, &late_reason)
                    .await
                    .map_err(fail)?;
                Ok((details(&i, lang), true))
            }
            IncidentCommand::NotifyPersons { id, at, count, how } => {
                let i = vault
                    .record_persons_notified(&actor, &id, at, count, &how)
                    .await
                    .map_err(fail)?;
                Ok((details(&i, lang), true))
            }
            IncidentCommand::ApForm { id, json } => {
                let i = vault.incident(&actor, &id).await.map_err(fail)?;
                let form = ap_form(
                    vault.reglement(),
                    &i.facts,
                    &i.notification,
                    Some(&i.clock),
                    Timestamp::now(),
                    lang,
                );
                if json {
                    return Ok((to_json(&form), true));
                }
                let mut out = Vec::new();
                for c in &form.chapters {
                    out.push(format!("{} {}", c.chapter, c.title));
                    for a in &c.answers {
                        let answer = a
                            .answer
                            .clone()
                            .unwrap_or_else(|| t(lang, "cli-incident-form-missing"));
                        out.push(format!("  {} {}: {answer}", a.question, a.label));
                    }
                }
                if !form.missing.is_empty() {
                    out.push(t!(
                        lang,
                        "cli-incident-form-open",
                        questions = &form.missing.join(", ")
                    ));
                }
                Ok((out.join("\n"), true))
            }
        }
    })
}
