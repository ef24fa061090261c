//! `zorgkluis request file|list|show|decide|extend|withdraw` (and `identify`, `start`, `done`),
//! and carrying out an inzage, afschrift or inzage_logging: `review`, `withhold`, `release`,
//! `execute` (which writes the export and prints its paths): the request register from the
//! command line, acting as a staff member (`--as`) whose role the reglement gives
//! `handle_requests`. Bad input exits 2 naming the flag.

use std::path::{Path, PathBuf};
use std::process::ExitCode;

use clap::{Args, Subcommand};
use jiff::civil::Date;
use zorgkluis_core::decide::cite_list;
use zorgkluis_core::i18n::t;
use zorgkluis_core::vocabulary::{
    Channel, Ground, RequestOutcome, RequestStatus, RequestType, Requester, RestrictionGround,
};
use zorgkluis_core::{Lang, t};
use zorgkluis_store::vault::{
    NewRequest, RequestDetails, RequestFilter, RequesterFacts, SubjectExport, Vault, VaultError,
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
        /// Only the open requests due within the reminder window (ZORGKLUIS_REMINDER_DAYS
        /// working days, 5 unless set), overdue ones not included.
        #[arg(long)]
        due_soon: bool,
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
    /// The decision was carried out (on DATE, default today): for a request other than an
    /// inzage, afschrift or inzage_logging, which `execute` carries out.
    Done {
        #[command(flatten)]
        acting: Acting,
        id: String,
        #[arg(long, value_parser = parse_date)]
        on: Option<Date>,
    },
    /// The export of a decided inzage, afschrift or inzage_logging as JSON, to review what
    /// goes out before releasing it (every read logged).
    Review {
        #[command(flatten)]
        acting: Acting,
        id: String,
    },
    /// Withhold an entry about another person from a partly granted request's export, on one
    /// of the decision's grounds, with the reason (art. 15 lid 4 AVG, art. 7:456 BW).
    Withhold {
        #[command(flatten)]
        acting: Acting,
        id: String,
        /// A record of the entry (any of its versions).
        #[arg(long)]
        record: String,
        /// One of the decision's grounds; may be left out when it has one.
        #[arg(long)]
        ground: Option<String>,
        /// Why, for the client: it goes into the export (sealed).
        #[arg(long)]
        reason: String,
    },
    /// Release the export for execution: what goes out was reviewed.
    Release {
        #[command(flatten)]
        acting: Acting,
        id: String,
    },
    /// Lift a standing restriction (its id, as `request execute` printed it) once the client
    /// was told (art. 18 lid 3 AVG).
    Lift {
        #[command(flatten)]
        acting: Acting,
        restriction_id: String,
        /// The day the client was told.
        #[arg(long = "told-on", value_parser = parse_date)]
        told_on: Date,
    },
    /// Carry out a decided, released inzage, afschrift, inzage_logging, overdraagbaarheid or
    /// overdracht: write its export (HTML to print or save as PDF, and JSON; for the last two
    /// also the FHIR R4 bundle, `.fhir.json`) into DIR, print their paths, and mark the
    /// request carried out today. An overdracht goes to --recipient by --channel and is
    /// recorded as a disclosure. A verwijdering erases what may go and prints the certificate;
    /// an afscherming restricts what it names on --ground.
    Execute {
        #[command(flatten)]
        acting: Acting,
        id: String,
        /// The directory to write the export into (default: the current directory).
        #[arg(long)]
        out: Option<PathBuf>,
        /// For an afscherming: the ground of art. 18 lid 1 AVG (juistheid_betwist,
        /// onrechtmatig, rechtsvordering, bezwaar_in_behandeling).
        #[arg(long, value_parser = parse_restriction_ground)]
        ground: Option<RestrictionGround>,
        /// For an overdracht: the successor care provider, a registered recipient's id or
        /// name (a name not registered yet is registered as a zorgaanbieder).
        #[arg(long)]
        recipient: Option<String>,
        /// For an overdracht: how it goes: persoonlijk, aangetekend or beveiligde_email.
        #[arg(long)]
        channel: Option<String>,
        /// Print `{"files": [...], ...}` instead of the paths.
        #[arg(long)]
        json: bool,
    },
}

fn parse_restriction_ground(s: &str) -> Result<RestrictionGround, String> {
    RestrictionGround::from_id(s).ok_or_else(|| {
        format!(
            "unknown ground `{s}`; expected one of: {}",
            RestrictionGround::ids().join(", ")
        )
    })
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
                due_soon,
                json: as_json,
            } => {
                let actor = actor(&vault, &acting).await?;
                let filter = RequestFilter {
                    open,
                    overdue,
                    due_soon,
                };
                let list = vault
                    .list_requests(&actor, filter)
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
                        } else if r.due_soon {
                            format!("\t{}", t(lang, "cli-request-due-soon"))
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
            RequestCommand::Done { acting, id, on } => {
                advance(&vault, &acting, &id, RequestStatus::Uitgevoerd, on, lang).await
            }
            RequestCommand::Review { acting, id } => {
                let actor = actor(&vault, &acting).await?;
                let export = vault
                    .subject_export(&actor, &id, lang)
                    .await
                    .map_err(|e| say_step(e, lang))?;
                Ok((json(&export)?, true))
            }
            RequestCommand::Withhold {
                acting,
                id,
                record,
                ground,
                reason,
            } => {
                let actor = actor(&vault, &acting).await?;
                vault
                    .withhold_export_entry(&actor, &id, &record, ground.as_deref(), &reason, lang)
                    .await
                    .map_err(|e| say_step(e, lang))?;
                Ok((
                    t!(lang, "cli-request-withheld", id = &id, record = &record),
                    true,
                ))
            }
            RequestCommand::Lift {
                acting,
                restriction_id,
                told_on,
            } => {
                let actor = actor(&vault, &acting).await?;
                vault
                    .lift_restriction(&actor, &restriction_id, told_on)
                    .await
                    .map_err(|e| say_step(e, lang))?;
                Ok((t!(lang, "cli-request-lifted", id = &restriction_id), true))
            }
            RequestCommand::Release { acting, id } => {
                let actor = actor(&vault, &acting).await?;
                vault
                    .release_export(&actor, &id, lang)
                    .await
                    .map_err(|e| say_step(e, lang))?;
                Ok((t!(lang, "cli-request-released", id = &id), true))
            }
            RequestCommand::Execute {
                acting,
                id,
                out,
                ground,
                recipient,
                channel,
                json: as_json,
            } => {
                let actor = actor(&vault, &acting).await?;
                let request = vault
                    .request(&actor, &id)
                    .await
                    .map_err(|e| say_step(e, lang))?;
                if request.request_type == RequestType::Afscherming {
                    let Some(ground) = ground else {
                        return Err(t!(lang, "cli-request-restriction-ground"));
                    };
                    let restrictions = vault
                        .execute_restriction(
                            &actor,
                            &id,
                            ground,
                            zorgkluis_core::time::dutch_date(jiff::Timestamp::now()),
                            lang,
                        )
                        .await
                        .map_err(|e| say_step(e, lang))?;
                    if as_json {
                        return Ok((json(&restrictions)?, true));
                    }
                    let lines: Vec<String> = restrictions
                        .iter()
                        .map(|r| {
                            t!(
                                lang,
                                "cli-request-restricted",
                                id = &r.id,
                                category = r.category.as_deref().unwrap_or("*"),
                                ground = r.ground.label(lang),
                                article = r.article
                            )
                        })
                        .collect();
                    return Ok((lines.join("\n"), true));
                }
                if request.request_type == RequestType::Verwijdering {
                    let certificate = vault
                        .execute_erasure(
                            &actor,
                            &id,
                            zorgkluis_core::time::dutch_date(jiff::Timestamp::now()),
                            lang,
                        )
                        .await
                        .map_err(|e| say_step(e, lang))?;
                    if as_json {
                        return Ok((json(&certificate)?, true));
                    }
                    return Ok((erasure_lines(&certificate, lang), true));
                }
                let dir = out.unwrap_or_else(|| PathBuf::from("."));
                if request.request_type == RequestType::Overdracht {
                    let Some(recipient) = recipient else {
                        return Err(format!(
                            "--recipient: {}",
                            t(lang, "export-error-transfer-recipient")
                        ));
                    };
                    let Some(channel) = channel else {
                        return Err(format!(
                            "--channel: {}",
                            t(lang, "export-error-transfer-recipient")
                        ));
                    };
                    let staged = Staged::default();
                    let carried = vault
                        .execute_transfer(&actor, &id, &recipient, &channel, lang, |x, bundle| {
                            staged.write(&dir, x, Some(bundle))
                        })
                        .await;
                    let (export, outcome, ()) = carried.map_err(|e| {
                        staged.discard();
                        say_step(e, lang)
                    })?;
                    let files = staged.publish().map_err(|e| e.to_string())?;
                    let d = &outcome.disclosure;
                    if as_json {
                        let answer = serde_json::json!({
                            "files": files,
                            "request": id,
                            "type": export.request.request_type,
                            "executed_on": export.release.executed_on,
                            "disclosure": d.id,
                            "recipient": d.recipient.name,
                            "channel": d.channel,
                            "bundle_sha256": d.payload_sha256,
                            "after": outcome.after,
                        });
                        return Ok((json(&answer)?, true));
                    }
                    let mut lines = vec![t!(
                        lang,
                        "cli-request-transferred",
                        id = &id,
                        recipient = &d.recipient.name,
                        channel = d.channel.as_deref().unwrap_or_default(),
                        disclosure = &d.id
                    )];
                    lines.extend(files);
                    // After a transfer of care the reglement may erase: its certificate, and
                    // whom to tell.
                    if let Some(certificate) = &outcome.after.certificate {
                        lines.push(erasure_lines(certificate, lang));
                    }
                    if let Some(successor) = &outcome.after.tell_recipient {
                        lines.push(t!(
                            lang,
                            "cli-request-tell-successor",
                            recipient = successor
                        ));
                    }
                    return Ok((lines.join("\n"), true));
                }
                let fhir = zorgkluis_store::vault::has_fhir_bundle(request.request_type);
                let staged = Staged::default();
                let carried = vault
                    .execute_export(&actor, &id, lang, |x| {
                        let bundle = match fhir {
                            true => Some(
                                zorgkluis_store::vault::fhir::bundle_json(x)
                                    .map_err(std::io::Error::other)?,
                            ),
                            false => None,
                        };
                        staged.write(&dir, x, bundle.as_deref())
                    })
                    .await;
                let (export, ()) = carried.map_err(|e| {
                    staged.discard();
                    say_step(e, lang)
                })?;
                let files = staged.publish().map_err(|e| e.to_string())?;
                if as_json {
                    let answer = serde_json::json!({
                        "files": files,
                        "request": id,
                        "type": export.request.request_type,
                        "executed_on": export.release.executed_on,
                    });
                    return Ok((json(&answer)?, true));
                }
                let mut lines = vec![t!(
                    lang,
                    "cli-request-executed",
                    id = &id,
                    request = export.request.request_type.label(lang)
                )];
                lines.extend(files);
                Ok((lines.join("\n"), true))
            }
        }
    })
}

/// The erasure certificate as the terminal shows it: what was erased, what was kept and why.
fn erasure_lines(c: &zorgkluis_store::vault::ErasureCertificate, lang: Lang) -> String {
    let mut lines = vec![t!(
        lang,
        "cli-erasure-certificate",
        id = &c.id,
        request = c.request_id.as_deref().unwrap_or("-"),
        whole = if c.whole_file { "yes" } else { "no" }
    )];
    for e in &c.erased {
        lines.push(t!(
            lang,
            "cli-erasure-erased",
            category = &e.category,
            records = e.records,
            articles = &e.articles.join("; ")
        ));
    }
    for r in &c.refused {
        for g in &r.grounds {
            lines.push(t!(
                lang,
                "cli-erasure-refused",
                category = &r.category,
                reason = &g.reason,
                article = &g.article
            ));
        }
    }
    lines.join("\n")
}

/// An error of a step that has no flag of its own (the request's type, its status, its
/// release): the field, and why.
fn say_step(e: VaultError, lang: Lang) -> String {
    match e {
        VaultError::Invalid { field, message } | VaultError::Conflict { field, message }
            if matches!(field, "type" | "status" | "release" | "outcome") =>
        {
            format!("{field}: {message}")
        }
        other => say(other, lang),
    }
}

/// The export files of one execution: written under temporary names (`.<name>.partial`)
/// before the request is marked carried out (or the transfer recorded), and given their own
/// names only after that commit, so that a failed commit leaves no file that looks delivered.
#[derive(Default)]
struct Staged(std::sync::Mutex<Vec<(std::path::PathBuf, std::path::PathBuf)>>);

impl Staged {
    /// Writes the export into `dir` as `<type>-<id>.html` (to print or save as PDF) and
    /// `<type>-<id>.json`, and a FHIR bundle as `<type>-<id>.fhir.json`, under temporary
    /// names, readable by the owner only; refused if a file of that name exists.
    fn write(&self, dir: &Path, x: &SubjectExport, fhir: Option<&str>) -> std::io::Result<()> {
        use std::io::Write as _;
        std::fs::create_dir_all(dir)?;
        let stem = format!("{}-{}", x.request.request_type.id(), x.request.id);
        let json = serde_json::to_string_pretty(x).map_err(std::io::Error::other)?;
        let html = zorgkluis_server::web::export::export_html(x);
        let mut outputs = vec![("html", html), ("json", json)];
        if let Some(bundle) = fhir {
            outputs.push(("fhir.json", bundle.to_owned()));
        }
        for (ext, text) in outputs {
            let name = format!("{stem}.{ext}");
            let path = dir.join(&name);
            if path.exists() {
                return Err(std::io::Error::new(
                    std::io::ErrorKind::AlreadyExists,
                    format!("{}: already exists", path.display()),
                ));
            }
            let partial = dir.join(format!(".{name}.partial"));
            let mut options = std::fs::OpenOptions::new();
            options.write(true).create_new(true);
            #[cfg(unix)]
            {
                use std::os::unix::fs::OpenOptionsExt as _;
                options.mode(0o600);
            }
            let mut file = options.open(&partial).map_err(|e| {
                std::io::Error::new(e.kind(), format!("{}: {e}", partial.display()))
            })?;
            self.lock().push((partial, path));
            file.write_all(text.as_bytes())?;
            file.sync_all()?;
        }
        Ok(())
    }

    fn lock(&self) -> std::sync::MutexGuard<'_, Vec<(std::path::PathBuf, std::path::PathBuf)>> {
        self.0
            .lock()
            .unwrap_or_else(std::sync::PoisonError::into_inner)
    }

    /// After the commit: each file under its own name (a hard link, which never replaces an
    /// existing file), the temporary name removed; their paths.
    fn publish(&self) -> std::io::Result<Vec<String>> {
        let mut files = Vec::new();
        let staged = std::mem::take(&mut *self.lock());
        for (partial, path) in &staged {
            std::fs::hard_link(partial, path)
                .map_err(|e| std::io::Error::new(e.kind(), format!("{}: {e}", path.display())))?;
            std::fs::remove_file(partial)?;
            files.push(path.display().to_string());
        }
        if let Some(dir) = staged.first().and_then(|(_, p)| p.parent()) {
            std::fs::File::open(dir)?.sync_all()?;
        }
        Ok(files)
    }

    /// The commit failed: the temporary files go.
    fn discard(&self) {
        for (partial, _) in std::mem::take(&mut *self.lock()) {
            let _ = std::fs::remove_file(partial);
        }
    }
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
