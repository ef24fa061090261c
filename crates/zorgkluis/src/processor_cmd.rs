//! `zorgkluis processor add|list|show|review|end` and `zorgkluis asset add|list`: the processor
//! register (art. 28 AVG) and the privacy assets (BG wonen's E13) from the command line. The
//! command line acts in its own role, which the product gives keeping the registers; every
//! step is logged. A reglement that demands the EEA refuses a country outside it. Bad input
//! exits 2 naming the flag or field.

use std::process::ExitCode;

use clap::Subcommand;
use jiff::Timestamp;
use jiff::civil::Date;
use zorgkluis_core::i18n::t;
use zorgkluis_core::processor::is_country_code;
use zorgkluis_core::time::{dutch_date, format_date};
use zorgkluis_core::{Lang, t};
use zorgkluis_store::vault::{Actor, NewAsset, NewProcessor, PrivacyAsset, ProcessorAgreement};

use crate::reglement_cmd::parse_date;
use crate::store_cmd::{self, Installation};

fn parse_country(s: &str) -> Result<String, String> {
    if is_country_code(s) {
        Ok(s.to_owned())
    } else {
        Err(format!(
            "expected an ISO 3166-1 alpha-2 code (two capitals, such as NL), found `{s}`"
        ))
    }
}

#[derive(Subcommand)]
pub enum ProcessorCommand {
    /// Record a processor agreement; prints it with its next review.
    Add {
        /// The processor's name (an organisation).
        #[arg(long)]
        processor: String,
        /// Its KvK number (eight digits).
        #[arg(long)]
        kvk: Option<String>,
        /// A processing of the reglement it carries out (repeat for more).
        #[arg(long = "processing", required = true)]
        processings: Vec<String>,
        /// A category of data it processes (repeat for more).
        #[arg(long = "category", required = true)]
        categories: Vec<String>,
        /// A sub-processor, by name (repeat for more).
        #[arg(long = "subprocessor")]
        subprocessors: Vec<String>,
        /// A country where the data are processed, ISO 3166-1 alpha-2 (repeat for more).
        #[arg(long = "country", required = true, value_parser = parse_country)]
        countries: Vec<String>,
        /// When the agreement was signed (YYYY-MM-DD).
        #[arg(long, value_parser = parse_date)]
        signed: Date,
        /// The next review (YYYY-MM-DD); the reglement's interval after signing when left out.
        #[arg(long, value_parser = parse_date)]
        next_review: Option<Date>,
        /// The security measures (kept sealed).
        #[arg(long, default_value = "")]
        security: String,
        #[arg(long)]
        json: bool,
    },
    /// The register, the reviews due first (overdue ones on top), then the ended agreements.
    List {
        /// Only those whose review is due (within a month, or overdue).
        #[arg(long)]
        due: bool,
        #[arg(long)]
        json: bool,
    },
    /// One agreement.
    Show {
        id: String,
        #[arg(long)]
        json: bool,
    },
    /// Record a review done; the next review is the reglement's interval later unless given.
    Review {
        id: String,
        #[arg(long, value_parser = parse_date)]
        on: Date,
        #[arg(long, value_parser = parse_date)]
        next_review: Option<Date>,
        #[arg(long)]
        json: bool,
    },
    /// Record the end of an agreement.
    End {
        id: String,
        #[arg(long, value_parser = parse_date)]
        on: Date,
    },
}

#[derive(Subcommand)]
pub enum AssetCommand {
    /// Record a privacy asset: a system, the categories it keeps, and where.
    Add {
        #[arg(long)]
        name: String,
        /// What kind of system (applicatie, server, archief).
        #[arg(long)]
        kind: String,
        /// A category it keeps (repeat for more).
        #[arg(long = "category", required = true)]
        categories: Vec<String>,
        /// The country where it keeps them, ISO 3166-1 alpha-2.
        #[arg(long, value_parser = parse_country)]
        country: String,
        /// Where in that country (a data centre, an office).
        #[arg(long)]
        location: Option<String>,
        /// The processor agreement it falls under (its id).
        #[arg(long)]
        agreement: Option<String>,
        /// The role that owns it.
        #[arg(long)]
        owner: String,
        #[arg(long)]
        json: bool,
    },
    /// Every asset, by name.
    List {
        #[arg(long)]
        json: bool,
    },
}

fn today() -> Date {
    dutch_date(Timestamp::now())
}

fn to_json(value: &serde_json::Value) -> String {
    serde_json::to_string_pretty(value).unwrap_or_else(|_| "{}".to_owned())
}

/// The agreement as JSON, with whether its review is due and overdue on top.
fn view(a: &ProcessorAgreement, today: Date) -> serde_json::Value {
    let mut v = serde_json::to_value(a).unwrap_or_default();
    if let Some(o) = v.as_object_mut() {
        o.insert("review_due".into(), a.review_due(today).into());
        o.insert("overdue".into(), a.overdue(today).into());
    }
    v
}

fn line(a: &ProcessorAgreement, today: Date, lang: Lang) -> String {
    let date = format_date(a.next_review, lang);
    let state = match a.ended_on {
        Some(on) => t!(lang, "cli-processor-ended", date = &format_date(on, lang)),
        None if a.overdue(today) => t!(lang, "cli-processor-overdue", date = &date),
        None => t!(lang, "cli-processor-next-review", date = &date),
    };
    format!(
        "{}  {}  {state}  {}  {}",
        a.id,
        a.processor,
        a.processings.join(", "),
        a.countries.join(", ")
    )
}

fn details(a: &ProcessorAgreement, lang: Lang) -> String {
    let mut out = vec![
        line(a, today(), lang),
        t!(
            lang,
            "cli-processor-signed",
            date = &format_date(a.signed_on, lang)
        ),
        t!(
            lang,
            "cli-processor-categories",
            list = &a.categories.join(", ")
        ),
    ];
    if !a.subprocessors.is_empty() {
        out.push(t!(
            lang,
            "cli-processor-subprocessors",
            list = &a.subprocessors.join(", ")
        ));
    }
    if let Some(s) = a.security.as_deref().filter(|s| !s.is_empty()) {
        out.push(t!(lang, "cli-processor-security", text = s));
    }
    out.join("\n")
}

fn asset_line(a: &PrivacyAsset) -> String {
    format!(
        "{}  {} ({})  {}  {}{}  {}",
        a.id,
        a.name,
        a.kind,
        a.categories.join(", "),
        a.country,
        a.location
            .as_deref()
            .map(|l| format!(" {l}"))
            .unwrap_or_default(),
        a.owner_role
    )
}

pub fn run(inst: &Installation, cmd: ProcessorCommand, lang: Lang) -> ExitCode {
    let actor = Actor::system("cli");
    store_cmd::with_vault(inst, lang, |vault| async move {
        let fail = |e: zorgkluis_store::vault::VaultError| e.to_string();
        let today = today();
        let one = |a: &ProcessorAgreement, json: bool| {
            if json {
                to_json(&view(a, today))
            } else {
                details(a, lang)
            }
        };
        match cmd {
            ProcessorCommand::Add {
                processor,
                kvk,
                processings,
                categories,
                subprocessors,
                countries,
                signed,
                next_review,
                security,
                json,
            } => {
                let new = NewProcessor {
                    processor,
                    kvk,
                    processings,
                    categories,
                    subprocessors,
                    countries,
                    signed_on: Some(signed),
                    next_review,
                    security,
                };
                let id = vault.record_processor(&actor, &new).await.map_err(fail)?;
                let a = vault.processor(&actor, &id).await.map_err(fail)?;
                Ok((one(&a, json), true))
            }
            ProcessorCommand::List { due, json } => {
                let mut all = vault.processors(&actor).await.map_err(fail)?;
                if due {
                    all.retain(|a| a.review_due(today));
                }
                Ok((
                    if json {
                        to_json(&all.iter().map(|a| view(a, today)).collect())
                    } else if all.is_empty() {
                        t(lang, "cli-processor-none")
                    } else {
                        all.iter()
                            .map(|a| line(a, today, lang))
                            .collect::<Vec<_>>()
                            .join("\n")
                    },
                    true,
                ))
            }
            ProcessorCommand::Show { id, json } => {
                let a = vault.processor(&actor, &id).await.map_err(fail)?;
                Ok((one(&a, json), true))
            }
            ProcessorCommand::Review {
                id,
                on,
                next_review,
                json,
            } => {
                let a = vault
                    .review_processor(&actor, &id, on, next_review)
                    .await
                    .map_err(fail)?;
                Ok((one(&a, json), true))
            }
            ProcessorCommand::End { id, on } => {
                let a = vault.end_processor(&actor, &id, on).await.map_err(fail)?;
                Ok((details(&a, lang), true))
            }
        }
    })
}

pub fn run_asset(inst: &Installation, cmd: AssetCommand, lang: Lang) -> ExitCode {
    let actor = Actor::system("cli");
    store_cmd::with_vault(inst, lang, |vault| async move {
        let fail = |e: zorgkluis_store::vault::VaultError| e.to_string();
        match cmd {
            AssetCommand::Add {
                name,
                kind,
                categories,
                country,
                location,
                agreement,
                owner,
                json,
            } => {
                let new = NewAsset {
                    name,
                    kind,
                    categories,
                    country,
                    location,
                    agreement,
                    owner_role: owner,
                };
                let id = vault.record_asset(&actor, &new).await.map_err(fail)?;
                let all = vault.assets(&actor).await.map_err(fail)?;
                let a = all
                    .iter()
                    .find(|a| a.id == id)
                    .ok_or_else(|| format!("asset {id} not found"))?;
                Ok((
                    if json {
                        to_json(&serde_json::to_value(a).unwrap_or_default())
                    } else {
                        asset_line(a)
                    },
                    true,
                ))
            }
            AssetCommand::List { json } => {
                let all = vault.assets(&actor).await.map_err(fail)?;
                Ok((
                    if json {
                        to_json(&serde_json::to_value(&all).unwrap_or_default())
                    } else if all.is_empty() {
                        t(lang, "cli-asset-none")
                    } else {
                        all.iter().map(asset_line).collect::<Vec<_>>().join("\n")
                    },
                    true,
                ))
            }
        }
    })
}
