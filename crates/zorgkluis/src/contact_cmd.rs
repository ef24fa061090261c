//! `zorgkluis contact block|unblock|check|list`: the do-not-contact register (Aliantus: the
//! "register niet-benaderen"). `check` answers whether a person may be approached for a
//! purpose (exit 0: yes, exit 1: the register says no), for a mailing to consult before it
//! goes; it acts in the product's own role unless `--as` names a staff member. Putting someone
//! on the register and taking them off is a staff member's change of the person's contact data.

use std::process::ExitCode;

use clap::Subcommand;
use jiff::civil::Date;
use zorgkluis_core::vocabulary::ContactPurpose;
use zorgkluis_core::{Lang, t};

use crate::reglement_cmd::parse_date;
use crate::retention_cmd::json;
use crate::store_cmd::{Installation, acting, with_vault};

fn parse_purpose(s: &str) -> Result<ContactPurpose, String> {
    ContactPurpose::from_id(s)
        .ok_or_else(|| format!("`{s}`: one of {}", ContactPurpose::ids().join(", ")))
}

#[derive(Subcommand)]
pub enum ContactCommand {
    /// Put a person on the register: not to be approached for --purpose (for anything outside
    /// the care without it), from the day they asked. Prints the entry's id.
    Block {
        #[arg(long = "as")]
        user: String,
        #[arg(long)]
        person: String,
        #[arg(long, value_parser = parse_purpose)]
        purpose: Option<ContactPurpose>,
        /// The day the person asked (today without it).
        #[arg(long, value_parser = parse_date)]
        on: Option<Date>,
        #[arg(long)]
        json: bool,
    },
    /// Take an entry off the register: the person asked to be approached again.
    Unblock {
        entry_id: String,
        #[arg(long = "as")]
        user: String,
    },
    /// Whether the person may be approached for PURPOSE: exit 0 yes, exit 1 no.
    Check {
        #[arg(long)]
        person: String,
        /// nieuwsbrief, tevredenheidsonderzoek or fondsenwerving.
        #[arg(long, value_parser = parse_purpose)]
        purpose: ContactPurpose,
        /// A staff member whose role the reglement gives check_contact (the product's own
        /// role without it).
        #[arg(long = "as")]
        user: Option<String>,
        #[arg(long)]
        json: bool,
    },
    /// The standing entries (with --all also the ended ones).
    List {
        #[arg(long)]
        all: bool,
        #[arg(long = "as")]
        user: Option<String>,
        #[arg(long)]
        json: bool,
    },
}

fn today() -> Date {
    zorgkluis_core::time::dutch_date(jiff::Timestamp::now())
}

fn purpose_label(p: Option<ContactPurpose>, lang: Lang) -> String {
    p.map_or_else(|| t!(lang, "cli-contact-all"), |p| p.label(lang).to_owned())
}

pub fn run(inst: &Installation, cmd: ContactCommand, lang: Lang) -> ExitCode {
    match cmd {
        ContactCommand::Block {
            user,
            person,
            purpose,
            on,
            json: as_json,
        } => with_vault(inst, lang, |v| async move {
            let actor = acting(&v, Some(&user)).await?;
            let id = v
                .block_contact(&actor, &person, purpose, on.unwrap_or_else(today))
                .await
                .map_err(|e| e.to_string())?;
            let text = if as_json {
                json(&serde_json::json!({ "id": id }))?
            } else {
                id
            };
            Ok((text, true))
        }),
        ContactCommand::Unblock { entry_id, user } => with_vault(inst, lang, |v| async move {
            let actor = acting(&v, Some(&user)).await?;
            v.unblock_contact(&actor, &entry_id)
                .await
                .map_err(|e| e.to_string())?;
            Ok((t!(lang, "cli-contact-unblocked", id = &entry_id), true))
        }),
        ContactCommand::Check {
            person,
            purpose,
            user,
            json: as_json,
        } => with_vault(inst, lang, |v| async move {
            let actor = acting(&v, user.as_deref()).await?;
            let c = v
                .contact_check(&actor, &person, purpose)
                .await
                .map_err(|e| e.to_string())?;
            let text = if as_json {
                json(&c)?
            } else if c.allowed {
                t!(
                    lang,
                    "cli-contact-allowed",
                    person = &person,
                    purpose = purpose.label(lang)
                )
            } else {
                t!(
                    lang,
                    "cli-contact-refused",
                    person = &person,
                    purpose = purpose.label(lang),
                    since = &c.asked_on.map(|d| d.to_string()).unwrap_or_default(),
                    articles = &c.articles.join("; ")
                )
            };
            Ok((text, c.allowed))
        }),
        ContactCommand::List {
            all,
            user,
            json: as_json,
        } => with_vault(inst, lang, |v| async move {
            let actor = acting(&v, user.as_deref()).await?;
            let list = v
                .do_not_contact_register(&actor, all)
                .await
                .map_err(|e| e.to_string())?;
            let text = if as_json {
                json(&list)?
            } else if list.is_empty() {
                t!(lang, "cli-contact-none")
            } else {
                list.iter()
                    .map(|e| {
                        t!(
                            lang,
                            "cli-contact-line",
                            id = &e.id,
                            person = &e.person_id,
                            purpose = &purpose_label(e.purpose, lang),
                            since = &e.asked_on.to_string(),
                            by = &e.recorded_by,
                            ended = if e.ended_at.is_some() { "yes" } else { "no" }
                        )
                    })
                    .collect::<Vec<_>>()
                    .join("\n")
            };
            Ok((text, true))
        }),
    }
}
