//! `zorgkluis recipient add|list` and `zorgkluis disclosure preview|send|list|notice|letter|tell`:
//! the register of recipients and the disclosure ledger (issue 14 part 2).
//!
//! A recipient is registered by whoever keeps the register (`manage_recipients`; the command
//! line's own role without `--as`). A disclosure is a staff member's decision (`--as USER`,
//! whose role the reglement lets disclose): `preview` shows what it would be decided, `send`
//! makes it and writes the extract (JSON) to `--out` or standard output; `notice` records how
//! the client was told (`--sent-on`) or why not (`--exception --reason`); `tell` names the
//! recipients of a record to tell of its correction (AVG art. 19). Bad input exits 2 naming the
//! flag.

use std::path::PathBuf;
use std::process::ExitCode;

use clap::Subcommand;
use jiff::civil::Date;
use zorgkluis_core::decide::DisclosureAnswer;
use zorgkluis_core::{Lang, t};
use zorgkluis_store::vault::{
    Disclosure, NewDisclosure, NewRecipient, NoticeOutcome, Recipient, Telling, VaultError,
};

use crate::reglement_cmd::parse_date;
use crate::retention_cmd::json;
use crate::store_cmd::{Installation, acting, with_vault};

#[derive(Subcommand)]
pub enum RecipientCommand {
    /// Register an organisation as a recipient; prints its id.
    Add {
        /// The kind of recipient, from the reglement (zorgaanbieder, auditor, ...).
        #[arg(long)]
        kind: String,
        #[arg(long)]
        name: String,
        /// The AGB code (8 digits).
        #[arg(long)]
        agb_code: Option<String>,
        /// The KvK number (8 digits).
        #[arg(long)]
        kvk_number: Option<String>,
        /// ISO 3166 country code.
        #[arg(long, default_value = "NL")]
        country: String,
        #[arg(long = "as")]
        user: Option<String>,
        #[arg(long)]
        json: bool,
    },
    /// The register of recipients.
    List {
        #[arg(long = "as")]
        user: Option<String>,
        #[arg(long)]
        json: bool,
    },
}

/// What to disclose, on the command line.
#[derive(clap::Args)]
pub struct WhatArgs {
    #[arg(long = "as")]
    user: String,
    #[arg(long)]
    person: String,
    /// A registered recipient's id (`zorgkluis recipient list`).
    #[arg(long)]
    recipient: String,
    /// The data categories, comma-separated.
    #[arg(long, value_delimiter = ',', required = true)]
    categories: Vec<String>,
    /// A short label (lowercase).
    #[arg(long)]
    purpose: String,
    /// Why a conflict of duties requires the disclosure without the consent its rule asks,
    /// where the rule allows that (`conflict_van_plichten`); logged for the privacy officer's
    /// review.
    #[arg(long, value_name = "REASON")]
    conflict_of_duties: Option<String>,
    #[arg(long)]
    json: bool,
}

#[derive(Subcommand)]
pub enum DisclosureCommand {
    /// What a disclosure would be decided, per category, before it is made.
    Preview(WhatArgs),
    /// Make the disclosure: decided, logged, entered in the ledger; the extract (JSON) goes to
    /// --out, or to standard output.
    Send {
        #[command(flatten)]
        what: WhatArgs,
        #[arg(long)]
        out: Option<PathBuf>,
    },
    /// The ledger (of one person with --person), newest first.
    List {
        #[arg(long = "as")]
        user: Option<String>,
        #[arg(long)]
        person: Option<String>,
        /// Only the disclosures whose notice to the client is still to be recorded.
        #[arg(long)]
        notice_due: bool,
        #[arg(long)]
        json: bool,
    },
    /// Record that the client was told (--sent-on DATE), or why not (--exception --reason).
    Notice {
        disclosure_id: String,
        #[arg(long = "as")]
        user: String,
        #[arg(long, value_parser = parse_date, conflicts_with = "exception")]
        sent_on: Option<Date>,
        #[arg(long, requires = "reason")]
        exception: bool,
        #[arg(long)]
        reason: Option<String>,
        #[arg(long)]
        json: bool,
    },
    /// The letter recorded for a disclosure's notice (or the exception's reason).
    Letter {
        disclosure_id: String,
        #[arg(long = "as")]
        user: String,
    },
    /// Record that a recipient was told of the correction or erasure of a record (--on), or
    /// why that proved impossible or disproportionate (--not-told REASON) (AVG art. 19).
    Told {
        #[arg(long)]
        record: String,
        #[arg(long)]
        recipient: String,
        #[arg(long = "as")]
        user: String,
        #[arg(long, value_parser = parse_date, conflicts_with = "not_told")]
        on: Option<Date>,
        #[arg(long)]
        not_told: Option<String>,
        /// The request the correction or erasure carried out.
        #[arg(long)]
        request: Option<String>,
    },
    /// The recipients to tell of the correction of a record (AVG art. 19).
    Tell {
        #[arg(long)]
        record: String,
        #[arg(long = "as")]
        user: String,
        #[arg(long)]
        json: bool,
    },
}

/// The command line's flag for a field the vault names.
fn flag(field: &str) -> String {
    match field {
        "on" => "--sent-on".to_owned(),
        "told_on" => "--on".to_owned(),
        "outcome" => "--exception".to_owned(),
        "disclosure" => "DISCLOSURE_ID".to_owned(),
        "consent" => "--recipient/--categories (toestemming)".to_owned(),
        other => format!("--{}", other.replace('_', "-")),
    }
}

fn say(e: VaultError, lang: Lang) -> String {
    match e {
        VaultError::Invalid { field, message } | VaultError::Conflict { field, message } => {
            format!("{}: {message}", flag(field))
        }
        VaultError::Denied(d) => d.explain(lang),
        other => other.to_string(),
    }
}

fn today() -> Date {
    zorgkluis_core::time::dutch_date(jiff::Timestamp::now())
}

fn recipient_line(r: &Recipient) -> String {
    let code = r
        .agb_code
        .as_deref()
        .map(|c| format!("AGB {c}"))
        .or_else(|| r.kvk_number.as_deref().map(|k| format!("KvK {k}")))
        .unwrap_or_default();
    format!("{}: {} ({}) {code} {}", r.id, r.name, r.kind, r.country)
}

fn disclosure_line(d: &Disclosure, lang: Lang) -> String {
    let notice = match (&d.notice, d.notice_required) {
        (Some(n), _) => t!(
            lang,
            "cli-disclosure-noticed",
            outcome = n.outcome.id(),
            on = &n.on.to_string()
        ),
        (None, true) => t!(lang, "cli-disclosure-notice-due"),
        (None, false) => String::new(),
    };
    t!(
        lang,
        "cli-disclosure-line",
        id = &d.id,
        on = &d.disclosed_on.to_string(),
        person = &d.person_id,
        recipient = &d.recipient.name,
        categories = &d.categories.join(", "),
        records = d.record_ids.len().to_string().as_str(),
        notice = &notice
    )
}

fn answers(list: &[DisclosureAnswer], lang: Lang) -> String {
    list.iter()
        .map(|a| a.explain(lang))
        .collect::<Vec<_>>()
        .join("\n")
}

impl WhatArgs {
    fn disclosure(&self) -> NewDisclosure {
        NewDisclosure {
            person: self.person.clone(),
            recipient: self.recipient.clone(),
            categories: self.categories.clone(),
            purpose: self.purpose.clone(),
            conflict_of_duties: self.conflict_of_duties.clone(),
        }
    }
}

pub fn recipients(inst: &Installation, cmd: RecipientCommand, lang: Lang) -> ExitCode {
    match cmd {
        RecipientCommand::Add {
            kind,
            name,
            agb_code,
            kvk_number,
            country,
            user,
            json: as_json,
        } => with_vault(inst, lang, |v| async move {
            let actor = acting(&v, user.as_deref()).await?;
            let r = v
                .register_recipient(
                    &actor,
                    &NewRecipient {
                        kind,
                        name,
                        agb_code,
                        kvk_number,
                        country,
                    },
                )
                .await
                .map_err(|e| say(e, lang))?;
            Ok((if as_json { json(&r)? } else { r.id }, true))
        }),
        RecipientCommand::List {
            user,
            json: as_json,
        } => with_vault(inst, lang, |v| async move {
            let actor = acting(&v, user.as_deref()).await?;
            let list = v.recipients(&actor).await.map_err(|e| say(e, lang))?;
            let text = if as_json {
                json(&list)?
            } else if list.is_empty() {
                t!(lang, "cli-recipient-none")
            } else {
                list.iter()
                    .map(recipient_line)
                    .collect::<Vec<_>>()
                    .join("\n")
            };
            Ok((text, true))
        }),
    }
}

pub fn run(inst: &Installation, cmd: DisclosureCommand, lang: Lang) -> ExitCode {
    match cmd {
        DisclosureCommand::Preview(what) => with_vault(inst, lang, |v| async move {
            let actor = acting(&v, Some(&what.user)).await?;
            let list = v
                .disclosure_preview(&actor, &what.disclosure())
                .await
                .map_err(|e| say(e, lang))?;
            let allowed = list.iter().all(|a| a.allowed);
            let text = if what.json {
                json(&list)?
            } else {
                answers(&list, lang)
            };
            // Exit 1 where it would be refused, so a script can ask before it sends.
            Ok((text, allowed))
        }),
        DisclosureCommand::Send { what, out } => with_vault(inst, lang, |v| async move {
            let actor = acting(&v, Some(&what.user)).await?;
            let done = v
                .disclose(&actor, &what.disclosure(), lang)
                .await
                .map_err(|e| say(e, lang))?;
            let extract = json(&done.extract)?;
            let mut text = match &out {
                Some(path) => {
                    std::fs::write(path, &extract).map_err(|e| format!("--out: {e}"))?;
                    if what.json {
                        json(&done.disclosure)?
                    } else {
                        disclosure_line(&done.disclosure, lang)
                    }
                }
                None if what.json => json(&done)?,
                None => extract,
            };
            if done.disclosure.notice_required && !what.json {
                text.push('\n');
                text.push_str(&t!(
                    lang,
                    "cli-disclosure-tell-client",
                    articles = &done.disclosure.notice_articles.join("; ")
                ));
            }
            Ok((text, true))
        }),
        DisclosureCommand::List {
            user,
            person,
            notice_due,
            json: as_json,
        } => with_vault(inst, lang, |v| async move {
            let actor = acting(&v, user.as_deref()).await?;
            let list: Vec<Disclosure> = v
                .disclosures(&actor, person.as_deref())
                .await
                .map_err(|e| say(e, lang))?
                .into_iter()
                .filter(|d| !notice_due || d.notice_due())
                .collect();
            let text = if as_json {
                json(&list)?
            } else if list.is_empty() {
                t!(lang, "cli-disclosure-none")
            } else {
                list.iter()
                    .map(|d| disclosure_line(d, lang))
                    .collect::<Vec<_>>()
                    .join("\n")
            };
            Ok((text, true))
        }),
        DisclosureCommand::Notice {
            disclosure_id,
            user,
            sent_on,
            exception,
            reason,
            json: as_json,
        } => with_vault(inst, lang, |v| async move {
            let actor = acting(&v, Some(&user)).await?;
            let (outcome, on) = match (exception, sent_on) {
                (true, _) => (NoticeOutcome::Uitzondering, today()),
                (false, Some(on)) => (NoticeOutcome::Verstuurd, on),
                (false, None) => {
                    return Err(
                        "--sent-on: give the day the letter went out, or --exception --reason"
                            .into(),
                    );
                }
            };
            let letter = v
                .record_disclosure_notice(&actor, &disclosure_id, outcome, on, reason.as_deref())
                .await
                .map_err(|e| say(e, lang))?;
            Ok((if as_json { json(&letter)? } else { letter.text }, true))
        }),
        DisclosureCommand::Letter {
            disclosure_id,
            user,
        } => with_vault(inst, lang, |v| async move {
            let actor = acting(&v, Some(&user)).await?;
            let letter = v
                .disclosure_notice_letter(&actor, &disclosure_id)
                .await
                .map_err(|e| say(e, lang))?;
            Ok((letter.text, true))
        }),
        DisclosureCommand::Told {
            record,
            recipient,
            user,
            on,
            not_told,
            request,
        } => with_vault(inst, lang, |v| async move {
            let actor = acting(&v, Some(&user)).await?;
            let telling = match (on, not_told) {
                (Some(on), _) => Telling::Told(on),
                (None, Some(why)) => Telling::NotTold(why),
                (None, None) => {
                    return Err("--on: give the day it was told, or --not-told REASON".into());
                }
            };
            v.record_recipient_told(&actor, &record, &recipient, &telling, request.as_deref())
                .await
                .map_err(|e| say(e, lang))?;
            Ok((t!(lang, "cli-recipient-told-done"), true))
        }),
        DisclosureCommand::Tell {
            record,
            user,
            json: as_json,
        } => with_vault(inst, lang, |v| async move {
            let actor = acting(&v, Some(&user)).await?;
            let list = v
                .recipients_to_tell(&actor, &record)
                .await
                .map_err(|e| say(e, lang))?;
            let text = if as_json {
                json(&list)?
            } else if list.is_empty() {
                t!(lang, "cli-disclosure-tell-none")
            } else {
                list.iter()
                    .map(|t| {
                        let days: Vec<String> =
                            t.disclosures.iter().map(|(_, d)| d.to_string()).collect();
                        let done = match &t.notice {
                            Some(n) => match (&n.told_on, &n.not_told) {
                                (Some(on), _) => {
                                    t!(lang, "cli-recipient-told-on", on = &on.to_string())
                                }
                                (None, Some(why)) => {
                                    t!(lang, "cli-recipient-not-told", reason = why.as_str())
                                }
                                (None, None) => String::new(),
                            },
                            None => t!(lang, "cli-recipient-to-tell"),
                        };
                        format!(
                            "{} ({}): {done}",
                            recipient_line(&t.recipient),
                            days.join(", ")
                        )
                    })
                    .collect::<Vec<_>>()
                    .join("\n")
            };
            Ok((text, true))
        }),
    }
}
