//! `zorgkluis objection file|decide|withdraw|list`: objections (art. 21 AVG), acting as a staff
//! member (`--as USER`) whose role the reglement gives `handle_requests`. `file` checks the
//! processing, recipient and categories against the reglement and who objects (the subject,
//! or a representative on his ground), and prints the id with the answer: whether art. 21 lid
//! 1 applies on the processing's grondslag (art. 6 lid 1 sub e or f AVG); `decide` records the
//! balancing beside it (`toegewezen`, or `afgewezen --compelling-grounds TEXT`); `withdraw`
//! records a withdrawal; `list` shows the person's objections with their decisions. Bad input
//! exits 2 naming the flag. An objection to direct marketing is the do-not-contact register
//! (`zorgkluis contact block`), absolute and without balancing (art. 21 lid 2 and 3).

use std::process::ExitCode;

use clap::{Args, Subcommand};
use jiff::civil::Date;
use zorgkluis_core::decide::ObjectionScope;
use zorgkluis_core::vocabulary::{Ground, ObjectionOutcome, Requester};
use zorgkluis_core::{Lang, t};
use zorgkluis_store::vault::{NewObjection, ObjectionRecord, VaultError};

use crate::reglement_cmd::parse_date;
use crate::retention_cmd::json;
use crate::store_cmd::{Installation, acting, with_vault};

fn parse_requester(s: &str) -> Result<Requester, String> {
    Requester::from_id(s).ok_or_else(|| format!("`{s}`: one of {}", Requester::ids().join(", ")))
}

fn parse_ground(s: &str) -> Result<Ground, String> {
    Ground::from_id(s).ok_or_else(|| format!("`{s}`: one of {}", Ground::ids().join(", ")))
}

fn parse_outcome(s: &str) -> Result<ObjectionOutcome, String> {
    ObjectionOutcome::from_id(s)
        .ok_or_else(|| format!("`{s}`: one of {}", ObjectionOutcome::ids().join(", ")))
}

/// What an objection is filed as, on the command line.
#[derive(Args)]
pub struct FileArgs {
    #[arg(long = "as")]
    user: String,
    #[arg(long)]
    person: String,
    /// The processing of the reglement objected to.
    #[arg(long)]
    processing: String,
    /// Only its disclosure to this recipient (kind) of the reglement's taxonomy.
    #[arg(long)]
    recipient: Option<String>,
    /// Only these data categories, comma-separated (all the processing's without it).
    #[arg(long, value_delimiter = ',')]
    categories: Vec<String>,
    /// The reasons the person gives, from his particular situation (sealed).
    #[arg(long)]
    grounds: String,
    /// Who objects: betrokkene (default), ouder, voogd, curator, mentor, gemachtigde.
    #[arg(long, value_parser = parse_requester, default_value = "betrokkene")]
    made_by: Requester,
    /// A representative registered as a person.
    #[arg(long)]
    representative_person: Option<String>,
    /// A representative who is no registered person (sealed).
    #[arg(long)]
    representative_name: Option<String>,
    /// The subject's legal status: curatele, mentorschap; or wilsonbekwaam.
    #[arg(long, value_parser = parse_ground)]
    ground: Option<Ground>,
    /// The subject's written authorisation (a proxy's) is there.
    #[arg(long)]
    authorisation: bool,
    /// The subject's date of birth, where none is registered.
    #[arg(long, value_parser = parse_date)]
    subject_born: Option<Date>,
    /// The day it was received (today without it).
    #[arg(long, value_parser = parse_date)]
    received: Option<Date>,
    #[arg(long)]
    json: bool,
}

#[derive(Subcommand)]
pub enum ObjectionCommand {
    /// Record an objection; prints its id and whether art. 21 lid 1 applies.
    File(Box<FileArgs>),
    /// Record the decision with the balancing: toegewezen, or afgewezen with the compelling
    /// legitimate grounds.
    Decide {
        objection_id: String,
        #[arg(long = "as")]
        user: String,
        #[arg(long, value_parser = parse_outcome)]
        outcome: ObjectionOutcome,
        /// The compelling legitimate grounds that override (sealed; required for afgewezen
        /// where the right applies).
        #[arg(long)]
        compelling_grounds: Option<String>,
        /// The day of the decision (today without it).
        #[arg(long, value_parser = parse_date)]
        on: Option<Date>,
        #[arg(long)]
        json: bool,
    },
    /// Record that an objection is withdrawn (from today, or --on).
    Withdraw {
        objection_id: String,
        #[arg(long = "as")]
        user: String,
        /// Who withdraws it: betrokkene (default) or who acts for him.
        #[arg(long, value_parser = parse_requester, default_value = "betrokkene")]
        by: Requester,
        #[arg(long, value_parser = parse_date)]
        on: Option<Date>,
    },
    /// Every objection of the person, with its decision and withdrawal.
    List {
        #[arg(long = "as")]
        user: String,
        #[arg(long)]
        person: String,
        #[arg(long)]
        json: bool,
    },
}

/// The command line's flag for a field the vault names.
fn flag(field: &str) -> String {
    match field {
        "withdrawn_on" | "decided_on" => "--on".to_owned(),
        "withdrawn_by" => "--by".to_owned(),
        "received_on" => "--received".to_owned(),
        "objection" => "OBJECTION_ID".to_owned(),
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

fn line(o: &ObjectionRecord, lang: Lang) -> String {
    let mut scope = o.scope.processing.clone();
    if let Some(r) = &o.scope.recipient {
        scope.push_str(&format!(" → {r}"));
    }
    if !o.scope.categories.is_empty() {
        scope.push_str(&format!(" ({})", o.scope.categories.join(", ")));
    }
    let status = match (&o.decision, &o.withdrawal) {
        (_, Some(w)) => t!(
            lang,
            "cli-objection-withdrawn",
            on = &w.withdrawn_on.to_string()
        ),
        (Some(d), None) => t!(
            lang,
            "cli-objection-decided",
            outcome = d.outcome.label(lang),
            on = &d.decided_on.to_string()
        ),
        (None, None) => t!(lang, "cli-objection-pending"),
    };
    t!(
        lang,
        "cli-objection-line",
        id = &o.id,
        scope = &scope,
        by = o.made_by.label(lang),
        received = &o.received_on.to_string(),
        applies = if o.applies { "yes" } else { "no" },
        status = &status
    )
}

pub fn run(inst: &Installation, cmd: ObjectionCommand, lang: Lang) -> ExitCode {
    match cmd {
        ObjectionCommand::File(a) => with_vault(inst, lang, |v| async move {
            let actor = acting(&v, Some(&a.user)).await?;
            let new = NewObjection {
                person: a.person,
                scope: ObjectionScope {
                    processing: a.processing,
                    recipient: a.recipient,
                    categories: a.categories,
                },
                made_by: a.made_by,
                representative_person: a.representative_person,
                representative_name: a.representative_name,
                ground: a.ground,
                authorisation: a.authorisation,
                subject_born: a.subject_born,
                received_on: a.received.unwrap_or_else(today),
                grounds: a.grounds,
            };
            let filed = v
                .file_objection(&actor, &new, lang)
                .await
                .map_err(|e| say(e, lang))?;
            let text = if a.json {
                json(&filed)?
            } else {
                format!("{}\n{}", filed.id, filed.answer)
            };
            Ok((text, true))
        }),
        ObjectionCommand::Decide {
            objection_id,
            user,
            outcome,
            compelling_grounds,
            on,
            json: as_json,
        } => with_vault(inst, lang, |v| async move {
            let actor = acting(&v, Some(&user)).await?;
            let articles = v
                .decide_objection(
                    &actor,
                    &objection_id,
                    outcome,
                    compelling_grounds.as_deref(),
                    on,
                )
                .await
                .map_err(|e| say(e, lang))?;
            let text = if as_json {
                json(&serde_json::json!({
                    "id": objection_id,
                    "outcome": outcome,
                    "articles": articles,
                }))?
            } else {
                t!(
                    lang,
                    "cli-objection-decide-done",
                    id = &objection_id,
                    outcome = outcome.label(lang),
                    articles = &articles.join("; ")
                )
            };
            Ok((text, true))
        }),
        ObjectionCommand::Withdraw {
            objection_id,
            user,
            by,
            on,
        } => with_vault(inst, lang, |v| async move {
            let actor = acting(&v, Some(&user)).await?;
            v.withdraw_objection(&actor, &objection_id, by, on)
                .await
                .map_err(|e| say(e, lang))?;
            Ok((
                t!(lang, "cli-objection-withdraw-done", id = &objection_id),
                true,
            ))
        }),
        ObjectionCommand::List {
            user,
            person,
            json: as_json,
        } => with_vault(inst, lang, |v| async move {
            let actor = acting(&v, Some(&user)).await?;
            let list = v
                .objections(&actor, &person)
                .await
                .map_err(|e| say(e, lang))?;
            let text = if as_json {
                json(&list)?
            } else if list.is_empty() {
                t!(lang, "cli-objection-none")
            } else {
                list.iter()
                    .map(|o| line(o, lang))
                    .collect::<Vec<_>>()
                    .join("\n")
            };
            Ok((text, true))
        }),
    }
}
