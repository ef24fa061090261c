//! `zorgkluis consent give|withdraw|list|history`: consent records (issue 14 part 1), acting as
//! a staff member (`--as USER`) whose role the reglement lets record the person's
//! identification data. `give` checks the scope against the reglement, the period, the
//! evidence and who consents (the subject, or a representative on his ground; for a minor of
//! 12 up to 16 both: `--given-by betrokkene --also-by ouder`), and prints the id; `withdraw`
//! records the withdrawal beside the consent (AVG art. 7 lid 3); `list` shows the consents in
//! force today, `history` every one with its withdrawal. Bad input exits 2 naming the flag.

use std::process::ExitCode;

use clap::{Args, Subcommand};
use jiff::civil::Date;
use zorgkluis_core::decide::ConsentScope;
use zorgkluis_core::vocabulary::{ConsentGiven, Ground, Requester};
use zorgkluis_core::{Lang, t};
use zorgkluis_store::vault::{ConsentEvidence, ConsentRecord, NewConsent, VaultError};

use crate::reglement_cmd::parse_date;
use crate::retention_cmd::json;
use crate::store_cmd::{Installation, acting, with_vault};

fn parse_form(s: &str) -> Result<ConsentGiven, String> {
    ConsentGiven::from_id(s)
        .ok_or_else(|| format!("`{s}`: one of {}", ConsentGiven::ids().join(", ")))
}

fn parse_requester(s: &str) -> Result<Requester, String> {
    Requester::from_id(s).ok_or_else(|| format!("`{s}`: one of {}", Requester::ids().join(", ")))
}

fn parse_ground(s: &str) -> Result<Ground, String> {
    Ground::from_id(s).ok_or_else(|| format!("`{s}`: one of {}", Ground::ids().join(", ")))
}

/// What a consent is given as, on the command line.
#[derive(Args)]
pub struct GiveArgs {
    #[arg(long = "as")]
    user: String,
    #[arg(long)]
    person: String,
    /// mondeling, schriftelijk, uitdrukkelijk or elektronisch.
    #[arg(long, value_parser = parse_form)]
    form: ConsentGiven,
    /// Who consents: betrokkene (default), ouder, voogd, curator, mentor, gemachtigde.
    #[arg(long, value_parser = parse_requester, default_value = "betrokkene")]
    given_by: Requester,
    /// Who consents beside him: for a minor of 12 up to 16 the minor and a parent both.
    #[arg(long, value_parser = parse_requester)]
    also_by: Option<Requester>,
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
    /// The day it was given (today without it).
    #[arg(long, value_parser = parse_date)]
    given_on: Option<Date>,
    /// A processing of the reglement.
    #[arg(long)]
    processing: Option<String>,
    /// A recipient (kind) of the reglement's taxonomy.
    #[arg(long)]
    recipient: Option<String>,
    /// The data categories, comma-separated.
    #[arg(long, value_delimiter = ',', required = true)]
    categories: Vec<String>,
    /// A short label (lowercase).
    #[arg(long)]
    purpose: Option<String>,
    /// The first day it holds (the day it was given without it).
    #[arg(long, value_parser = parse_date)]
    valid_from: Option<Date>,
    /// The last day it holds, inclusive (for one day: the same as --valid-from).
    #[arg(long, value_parser = parse_date)]
    valid_until: Option<Date>,
    /// The text shown or read to the person (sealed).
    #[arg(long)]
    evidence_text: Option<String>,
    /// The version of that text.
    #[arg(long)]
    evidence_version: Option<String>,
    /// Where the signed form is kept (sealed).
    #[arg(long)]
    evidence_document: Option<String>,
    /// The SHA-256 of the signed form.
    #[arg(long)]
    evidence_sha256: Option<String>,
    #[arg(long)]
    json: bool,
}

#[derive(Subcommand)]
pub enum ConsentCommand {
    /// Record a consent; prints its id.
    Give(Box<GiveArgs>),
    /// Record that a consent is withdrawn (from today, or --on).
    Withdraw {
        consent_id: String,
        #[arg(long = "as")]
        user: String,
        /// Who withdraws it: betrokkene (default) or who acts for him.
        #[arg(long, value_parser = parse_requester, default_value = "betrokkene")]
        by: Requester,
        #[arg(long, value_parser = parse_date)]
        on: Option<Date>,
    },
    /// The person's consents in force today.
    List {
        #[arg(long = "as")]
        user: String,
        #[arg(long)]
        person: String,
        #[arg(long)]
        json: bool,
    },
    /// Every consent of the person, withdrawn and expired ones too, with the withdrawals.
    History {
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
        "withdrawn_on" => "--on".to_owned(),
        "withdrawn_by" => "--by".to_owned(),
        "evidence_text" => "--evidence-text".to_owned(),
        "consent" => "CONSENT_ID".to_owned(),
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

fn line(c: &ConsentRecord, lang: Lang) -> String {
    let scope = [
        c.scope.processing.as_deref(),
        c.scope.recipient.as_deref(),
        c.scope.purpose.as_deref(),
    ]
    .into_iter()
    .flatten()
    .collect::<Vec<_>>()
    .join(", ");
    let until = c
        .valid_until
        .map_or_else(|| t!(lang, "cli-consent-open-end"), |d| d.to_string());
    let by = match c.also_by {
        Some(also) => format!("{} + {}", c.given_by.label(lang), also.label(lang)),
        None => c.given_by.label(lang).to_owned(),
    };
    let mut out = t!(
        lang,
        "cli-consent-line",
        id = &c.id,
        form = c.form.label(lang),
        by = &by,
        scope = &scope,
        categories = &c.scope.categories.join(", "),
        from = &c.valid_from.to_string(),
        until = &until
    );
    if let Some(w) = &c.withdrawal {
        out.push_str(&t!(
            lang,
            "cli-consent-withdrawn",
            on = &w.withdrawn_on.to_string(),
            by = w.withdrawn_by.label(lang)
        ));
    }
    out
}

fn listing(list: &[ConsentRecord], as_json: bool, lang: Lang) -> Result<String, String> {
    if as_json {
        return json(&list);
    }
    if list.is_empty() {
        return Ok(t!(lang, "cli-consent-none"));
    }
    Ok(list
        .iter()
        .map(|c| line(c, lang))
        .collect::<Vec<_>>()
        .join("\n"))
}

pub fn run(inst: &Installation, cmd: ConsentCommand, lang: Lang) -> ExitCode {
    match cmd {
        ConsentCommand::Give(a) => with_vault(inst, lang, |v| async move {
            let actor = acting(&v, Some(&a.user)).await?;
            let given_on = a.given_on.unwrap_or_else(today);
            let new = NewConsent {
                person: a.person,
                given_by: a.given_by,
                also_by: a.also_by,
                representative_person: a.representative_person,
                representative_name: a.representative_name,
                ground: a.ground,
                authorisation: a.authorisation,
                subject_born: a.subject_born,
                form: a.form,
                given_on,
                scope: ConsentScope {
                    processing: a.processing,
                    recipient: a.recipient,
                    categories: a.categories,
                    purpose: a.purpose,
                },
                valid_from: a.valid_from.unwrap_or(given_on),
                valid_until: a.valid_until,
                evidence: ConsentEvidence {
                    text: a.evidence_text,
                    text_version: a.evidence_version,
                    document: a.evidence_document,
                    document_sha256: a.evidence_sha256,
                },
            };
            let id = v
                .give_consent(&actor, &new, lang)
                .await
                .map_err(|e| say(e, lang))?;
            let text = if a.json {
                json(&serde_json::json!({ "id": id }))?
            } else {
                id
            };
            Ok((text, true))
        }),
        ConsentCommand::Withdraw {
            consent_id,
            user,
            by,
            on,
        } => with_vault(inst, lang, |v| async move {
            let actor = acting(&v, Some(&user)).await?;
            v.withdraw_consent(&actor, &consent_id, by, on)
                .await
                .map_err(|e| say(e, lang))?;
            Ok((
                t!(lang, "cli-consent-withdraw-done", id = &consent_id),
                true,
            ))
        }),
        ConsentCommand::List {
            user,
            person,
            json: as_json,
        } => with_vault(inst, lang, |v| async move {
            let actor = acting(&v, Some(&user)).await?;
            let day = today();
            let list: Vec<ConsentRecord> = v
                .consents(&actor, &person)
                .await
                .map_err(|e| say(e, lang))?
                .into_iter()
                .filter(|c| c.live_on(day))
                .collect();
            Ok((listing(&list, as_json, lang)?, true))
        }),
        ConsentCommand::History {
            user,
            person,
            json: as_json,
        } => with_vault(inst, lang, |v| async move {
            let actor = acting(&v, Some(&user)).await?;
            let list = v
                .consents(&actor, &person)
                .await
                .map_err(|e| say(e, lang))?;
            Ok((listing(&list, as_json, lang)?, true))
        }),
    }
}
