//! `zorgkluis request file|list|show|decide|extend|withdraw` (and `identify`, `start`,
//! `execute`): the request register from the command line, acting as a staff member (`--as`)
//! whose role the reglement gives `handle_requests`. Bad input exits 2 naming the flag.

use std::process::ExitCode;

use clap::{Args, Subcommand};
use jiff::civil::Date;
use zorgkluis_core::decide::cite_list;
use zorgkluis_core::i18n::t;
use zorgkluis_core::vocabulary::{
    Channel, Ground, RequestOutcome, RequestStatus, RequestType, Requester,
};
use zorgkluis_core::{Lang, t};
use zorgkluis_store::vault::{
    NewRequest, RequestDetails, RequestFilter, RequesterFacts, Vault, VaultError,
};

use crate::reglement_cmd::{parse_date, parse_ground, parse_request_type, parse_requester};
use crate::store_cmd::{self, Installation};

/// Who acts: a staff account (its role decides).
#[derive(Args, Clone)]
pub struct Acting {
    /// The staff account the command line acts as; its role must be given handle_requests.
    #[arg(long = "as")]
    user: String,
}

#[derive(Subcommand)]
pub enum RequestCommand {
    /// File a request received on DATE; prints its id and deadlines.
    File {
        #[command(flatten)]
        acting: Acting,
        /// The subject: a person id.
        #[arg(long)]
        person: String,
        /// inzage, afschrift, correctie, aanvulling, verwijdering, afscherming, bezwaar,
        /// overdraagbaarheid, overdracht or inzage_logging.
        #[arg(long = "type", value_parser = parse_request_type)]
        request_type: RequestType,
        /// The day it was received (YYYY-MM-DD); its clock starts then.
        #[arg(long, value_parser = parse_date)]
        received: Date,
        /// schriftelijk (default), mondeling, email, telefonisch or portaal. Never a reason
        /// to refuse (art. 12 lid 2 AVG).
        #[arg(long, value_parser = parse_channel, default_value = "schriftelijk")]
        channel: Channel,
        /// The requester, if registered as a person; without: the requester is not registered.
        #[arg(long)]
        requester: Option<String>,
        /// Who files: betrokkene (default), ouder, voogd, curator, mentor, gemachtigde or
        /// nabestaande (as `reglement represent --requester`).
        #[arg(long = "requester-kind", value_parser = parse_requester)]
        requester_kind: Option<Requester>,
        /// How the organisation knows a requester who is no registered person (sealed).
        #[arg(long = "requester-name")]
        requester_name: Option<String>,
        /// The subject's legal status, or an heir's ground (as `reglement represent --ground`).
        #[arg(long, value_parser = parse_ground)]
        ground: Option<Ground>,
        /// The subject's written authorisation (a proxy's, or a minor's consent to his parent).
        #[arg(long)]
        authorisation: bool,
        /// The subject's date of birth, where none is registered.
        #[arg(long = "subject-born", value_parser = parse_date)]
        subject_born: Option<Date>,
        #[arg(long = "subject-deceased", value_parser = parse_date)]
        subject_deceased: Option<Date>,
        /// A category the request concerns (repeatable).
        #[arg(long = "category")]
        categories: Vec<String>,
        /// The changes wanted, in the requester's words (sealed).
        #[arg(long)]
        changes: Option<String>,
        #[arg(long)]
        json: bool,
    },
    /// The register, most urgent first: overdue on top.
    List {
        #[command(flatten)]
        acting: Acting,
        /// Only the requests not yet carried out, refused or withdrawn.
        #[arg(long)]
        open: bool,
        /// Only the open requests past their deadline.
        #[arg(long)]
        overdue: bool,
        #[arg(long)]
        json: bool,
    },
    /// A request with what is asked and its history.
    Show {
        #[command(flatten)]
        acting: Acting,
        id: String,
        #[arg(long)]
        json: bool,
    },
    /// Decide: toegewezen, deels_toegewezen or afgewezen, with the refusal grounds.
    Decide {
        #[command(flatten)]
        acting: Acting,
        id: String,
        #[arg(long, value_parser = parse_outcome)]
        outcome: RequestOutcome,
        /// A refusal ground (repeatable): the reglement's as ARTICLE/N ("4.4/3"), or the law's
        /// (kennelijk_ongegrond, identiteit_niet_vastgesteld, ...).
        #[arg(long = "ground")]
        grounds: Vec<String>,
        /// The day of the decision (default today).
        #[arg(long, value_parser = parse_date)]
        on: Option<Date>,
    },
    /// Extend the response period by two months; the requester told on DATE (within the
    /// first month, art. 12 lid 3 AVG).
    Extend {
        #[command(flatten)]
        acting: Acting,
        id: String,
        /// Why (sealed: it may name the subject's circumstances).
        #[arg(long)]
        reason: String,
        #[arg(long, value_parser = parse_date)]
        told: Date,
    },
    /// Withdraw a request at the requester's word.
    Withdraw {
        #[command(flatten)]
        acting: Acting,
        id: String,
    },
    /// The requester's identity was established (on DATE, default today).
    Identify {
        #[command(flatten)]
        acting: Acting,
        id: String,
        #[arg(long, value_parser = parse_date)]
        on: Option<Date>,
    },
    /// The request is taken into progress.
    Start {
        #[command(flatten)]
        acting: Acting,
        id: String,
    },
    /// The decision was carried out (on DATE, default today).
    Execute {
        #[command(flatten)]
        acting: Acting,
        id: String,
        #[arg(long, value_parser = parse_date)]
        on: Option<Date>,
    },
}

fn parse_channel(s: &str) -> Result<Channel, String> {
    Channel::from_id(s).ok_or_else(|| {
        format!(
            "unknown channel `{s}`; expected one of: {}",
            Channel::ids().join(", ")
        )
    })
}

fn parse_outcome(s: &str) -> Result<RequestOutcome, String> {
    RequestOutcome::from_id(s).ok_or_else(|| {
        format!(
            "unknown outcome `{s}`; expected one of: {}",
            RequestOutcome::ids().join(", ")
        )
    })
}

/// The command line's flag for a field the vault names.
fn flag(field: &str) -> String {
    match field {
        "requester_kind" => "--requester-kind".to_owned(),
        "subject_born" => "--subject-born".to_owned(),
        "decided" => "--on".to_owned(),
        "status" => "status".to_owned(),
        other => format!("--{other}"),
    }
}

/// An error of the vault as the command line says it: the flag, and why.
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

fn json<T: serde::Serialize>(value: &T) -> Result<String, String> {
    serde_json::to_string_pretty(value).map_err(|e| e.to_string())
}

async fn actor(vault: &Vault, acting: &Acting) -> Result<zorgkluis_store::vault::Actor, String> {
    vault
        .accounts()
        .staff_actor(&acting.user, "cli")
        .await
        .map_err(|e| say(e, Lang::En))
}

pub fn run(inst: &Installation, cmd: RequestCommand, lang: Lang) -> ExitCode {
    store_cmd::with_vault(inst, lang, |vault| async move {
        match cmd {
            RequestCommand::File {
                acting,
                person,
                request_type,
                received,
                channel,
                requester,
                requester_kind,
                requester_name,
                ground,
                authorisation,
                subject_born,
                subject_deceased,
                categories,
                changes,
                json: as_json,
            } => {
                let actor = actor(&vault, &acting).await?;
                let new = NewRequest {
                    person,
                    request: request_type,
                    channel,
                    received,
                    requester: RequesterFacts {
                        kind: requester_kind,
                        person: requester,
                        ground,
                        authorisation,
                        subject_deceased,
                        subject_born,
                    },
                    details: RequestDetails {
                        categories,
                        changes,
                        requester_name,
                    },
                };
                let filed = vault
                    .file_request(&actor, &new, lang)
                    .await
                    .map_err(|e| say(e, lang))?;
                if as_json {
                    return Ok((json(&filed)?, true));
                }
                let mut lines = vec![t!(
                    lang,
                    "cli-request-filed",
                    id = &filed.id,
                    request = request_type.label(lang),
                    received = &received.to_string(),
                    date = &filed.respond_by.to_string(),
                    articles = &cite_list(&filed.respond_by_articles)
                )];
                if let Some(d) = filed.extendable_to {
                    lines.push(t!(lang, "cli-request-extendable", date = &d.to_string()));
                }
                if let Some(d) = filed.erase_by {
                    lines.push(t!(lang, "cli-request-erase-by", date = &d.to_string()));
                }
                if filed.identity_required {
                    lines.push(t(lang, "cli-request-identity"));
                }
                lines.push(filed.requester.explain(lang));
                lines.extend(filed.notes);
                Ok((lines.join("\n"), true))
            }
            RequestCommand::List {
                acting,
                open,
                overdue,
                json: as_json,
            } => {
                let actor = actor(&vault, &acting).await?;
                let list = vault
                    .list_requests(&actor, RequestFilter { open, overdue })
                    .await
                    .map_err(|e| say(e, lang))?;
                if as_json {
                    return Ok((json(&list)?, true));
                }
                if list.is_empty() {
                    return Ok((t(lang, "cli-request-none"), true));
                }
                let lines: Vec<String> = list
                    .iter()
                    .map(|r| {
                        let due = r.due.map(|d| d.to_string()).unwrap_or_else(|| "-".into());
                        let late = if r.overdue {
                            format!("\t{}", t(lang, "cli-request-overdue"))
                        } else {
                            String::new()
                        };
                        format!(
                            "{}\t{}\t{}\t{}\t{due}{late}",
                            r.id,
                            r.person_id,
                            r.request_type.label(lang),
                            r.status.label(lang)
                        )
                    })
                    .collect();
                Ok((lines.join("\n"), true))
            }
            RequestCommand::Show {
                acting,
                id,
                json: as_json,
            } => {
                let actor = actor(&vault, &acting).await?;
                let r = vault.request(&actor, &id).await.map_err(|e| say(e, lang))?;
                if as_json {
                    return Ok((json(&r)?, true));
                }
                let mut lines = vec![t!(
                    lang,
                    "cli-request-show",
                    id = &r.id,
                    request = r.request_type.label(lang),
                    person = &r.person_id,
                    status = r.status.label(lang),
                    received = &r.received.to_string(),
                    channel = r.channel.label(lang),
                    requester = r.requester.kind.label(lang),
                    date = &r.respond_by.to_string(),
                    articles = &cite_list(&r.respond_by_articles)
                )];
                if let Some(d) = &r.decision {
                    let grounds: Vec<String> = d
                        .grounds
                        .iter()
                        .map(|g| format!("{} ({})", g.text, cite_list(&g.articles)))
                        .collect();
                    lines.push(t!(
                        lang,
                        "cli-request-decision",
                        outcome = d.outcome.label(lang),
                        on = &d.decided_on.to_string(),
                        grounds = &grounds.join("; ")
                    ));
                }
                for e in &r.timeline {
                    lines.push(format!(
                        "  {}  {}  {} ({})",
                        e.at, e.step, e.user_id, e.role
                    ));
                }
                Ok((lines.join("\n"), true))
            }
            RequestCommand::Decide {
                acting,
                id,
                outcome,
                grounds,
                on,
            } => {
                let actor = actor(&vault, &acting).await?;
                let on = on.unwrap_or_else(today);
                let d = vault
                    .decide_request(&actor, &id, outcome, &grounds, on, lang)
                    .await
                    .map_err(|e| say(e, lang))?;
                let mut lines = vec![t!(
                    lang,
                    "cli-request-decided",
                    id = &id,
                    outcome = outcome.label(lang),
                    on = &on.to_string()
                )];
                if let Some(e) = d.execute_by.as_ref().or(d.erase_by.as_ref()) {
                    lines.push(t!(
                        lang,
                        "cli-request-execute-by",
                        date = &e.date.to_string(),
                        articles = &cite_list(&e.articles)
                    ));
                }
                Ok((lines.join("\n"), true))
            }
            RequestCommand::Extend {
                acting,
                id,
                reason,
                told,
            } => {
                let actor = actor(&vault, &acting).await?;
                let x = vault
                    .extend_request(&actor, &id, &reason, told, lang)
                    .await
                    .map_err(|e| say(e, lang))?;
                Ok((
                    t!(
                        lang,
                        "cli-request-extended",
                        id = &id,
                        date = &x.respond_by.date.to_string(),
                        told = &told.to_string(),
                        articles = &cite_list(&x.respond_by.articles)
                    ),
                    true,
                ))
            }
            RequestCommand::Withdraw { acting, id } => {
                advance(&vault, &acting, &id, RequestStatus::Ingetrokken, None, lang).await
            }
            RequestCommand::Identify { acting, id, on } => {
                advance(
                    &vault,
                    &acting,
                    &id,
                    RequestStatus::IdentiteitVastgesteld,
                    on,
                    lang,
                )
                .await
            }
            RequestCommand::Start { acting, id } => {
                advance(
                    &vault,
                    &acting,
                    &id,
                    RequestStatus::InBehandeling,
                    None,
                    lang,
                )
                .await
            }
            RequestCommand::Execute { acting, id, on } => {
                advance(&vault, &acting, &id, RequestStatus::Uitgevoerd, on, lang).await
            }
        }
    })
}

async fn advance(
    vault: &Vault,
    acting: &Acting,
    id: &str,
    to: RequestStatus,
    on: Option<Date>,
    lang: Lang,
) -> Result<(String, bool), String> {
    let actor = actor(vault, acting).await?;
    vault
        .advance_request(&actor, id, to, on.unwrap_or_else(today), lang)
        .await
        .map_err(|e| say(e, lang))?;
    Ok((
        t!(lang, "cli-request-status", id = id, status = to.label(lang)),
        true,
    ))
}
