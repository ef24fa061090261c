//! `zorgkluis person facts|represent|representatives|end-representation`: a person's facts the
//! law turns on (date of death, legal status) and his representatives, from the command line,
//! acting as a staff member (`--as`) whose role may read or write the category the reglement
//! keeps them in (`juridisch`, else `naw`). Bad input exits 2 naming the flag.

use std::process::ExitCode;

use clap::{Args, Subcommand};
use jiff::civil::Date;
use zorgkluis_core::i18n::t;
use zorgkluis_core::vocabulary::{Ground, Requester};
use zorgkluis_core::{Lang, t};
use zorgkluis_store::vault::{
    LEGAL_STATUSES, LegalFacts, NewRepresentative, Representative, Vault, VaultError,
};

use crate::reglement_cmd::{parse_date, parse_requester};
use crate::store_cmd::{self, Installation};

/// Who acts: a staff account (its role decides).
#[derive(Args, Clone)]
pub struct Acting {
    /// The staff account the command line acts as.
    #[arg(long = "as")]
    user: String,
}

#[derive(Subcommand)]
pub enum PersonCommand {
    /// Show a person's date of death and legal status, or record them (a new version; the
    /// earlier ones stay) when a flag is given.
    Facts {
        #[command(flatten)]
        acting: Acting,
        /// The person id.
        id: String,
        /// The date of death (YYYY-MM-DD).
        #[arg(long, value_parser = parse_date)]
        deceased: Option<Date>,
        /// curatele, mentorschap, beschermingsbewind, or geen (none).
        #[arg(long = "legal-status", value_parser = parse_legal_status)]
        legal_status: Option<LegalStatusArg>,
        /// The day the legal status began.
        #[arg(long = "legal-status-since", value_parser = parse_date)]
        legal_status_since: Option<Date>,
        #[arg(long)]
        json: bool,
    },
    /// Link a representative to the person: another registered person, on a ground.
    Represent {
        #[command(flatten)]
        acting: Acting,
        /// The person represented.
        id: String,
        /// The representative's person id.
        #[arg(long)]
        by: String,
        /// ouder, voogd, curator, mentor, gemachtigde or nabestaande.
        #[arg(long, value_parser = parse_requester)]
        ground: Requester,
        /// The first day the link holds (default today).
        #[arg(long, value_parser = parse_date)]
        from: Option<Date>,
        /// The last day the link holds (default: open).
        #[arg(long, value_parser = parse_date)]
        until: Option<Date>,
        /// The date of the written authorisation (a gemachtigde's; a minor's consent).
        #[arg(long = "authorised-on", value_parser = parse_date)]
        authorised_on: Option<Date>,
        #[arg(long)]
        json: bool,
    },
    /// The person's representatives, the ended ones too, newest first.
    Representatives {
        #[command(flatten)]
        acting: Acting,
        id: String,
        #[arg(long)]
        json: bool,
    },
    /// End a representative's link on DATE (from that day it no longer holds); it stays in
    /// the history.
    #[command(name = "end-representation")]
    EndRepresentation {
        #[command(flatten)]
        acting: Acting,
        /// The link's id, as `person represent` printed it.
        link: String,
        #[arg(long, value_parser = parse_date)]
        on: Date,
    },
}

/// A legal status, or none (`geen`) to clear it.
#[derive(Debug, Clone, Copy)]
pub struct LegalStatusArg(Option<Ground>);

fn parse_legal_status(s: &str) -> Result<LegalStatusArg, String> {
    if s == "geen" {
        return Ok(LegalStatusArg(None));
    }
    match Ground::from_id(s) {
        Some(g) if LEGAL_STATUSES.contains(&g) => Ok(LegalStatusArg(Some(g))),
        _ => Err(format!(
            "unknown legal status `{s}`; expected one of: curatele, mentorschap, beschermingsbewind, geen"
        )),
    }
}

/// The command line's flag for a field the vault names.
fn flag(field: &str) -> String {
    format!("--{}", field.replace('_', "-"))
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

fn json<T: serde::Serialize>(value: &T) -> Result<String, String> {
    serde_json::to_string_pretty(value).map_err(|e| e.to_string())
}

fn today() -> Date {
    zorgkluis_core::time::dutch_date(jiff::Timestamp::now())
}

async fn actor(vault: &Vault, acting: &Acting) -> Result<zorgkluis_store::vault::Actor, String> {
    vault
        .accounts()
        .staff_actor(&acting.user, "cli")
        .await
        .map_err(|e| say(e, Lang::En))
}

fn facts_lines(f: &LegalFacts, lang: Lang) -> String {
    let mut lines = vec![match f.deceased {
        Some(d) => t!(lang, "cli-person-deceased", date = &d.to_string()),
        None => t(lang, "cli-person-alive"),
    }];
    lines.push(match (f.legal_status, f.legal_status_since) {
        (Some(s), Some(since)) => t!(
            lang,
            "cli-person-legal-status",
            status = s.label(lang),
            since = &since.to_string()
        ),
        _ => t(lang, "cli-person-no-legal-status"),
    });
    lines.join("\n")
}

fn validity(r: &Representative, lang: Lang) -> String {
    let mut s = match r.valid_until {
        Some(u) => t!(
            lang,
            "cli-person-valid-between",
            from = &r.valid_from.to_string(),
            until = &u.to_string()
        ),
        None => t!(
            lang,
            "cli-person-valid-from",
            from = &r.valid_from.to_string()
        ),
    };
    if let Some(d) = r.authorised_on {
        s.push_str(", ");
        s.push_str(&t!(lang, "cli-person-authorised", date = &d.to_string()));
    }
    if let Some(e) = r.ended_on {
        s.push_str(", ");
        s.push_str(&t!(lang, "cli-person-ended", date = &e.to_string()));
    }
    s
}

pub fn run(inst: &Installation, cmd: PersonCommand, lang: Lang) -> ExitCode {
    store_cmd::with_vault(inst, lang, |vault| async move {
        match cmd {
            PersonCommand::Facts {
                acting,
                id,
                deceased,
                legal_status,
                legal_status_since,
                json: as_json,
            } => {
                let actor = actor(&vault, &acting).await?;
                vault
                    .check_person_known(&id)
                    .await
                    .map_err(|e| say(e, lang))?;
                let mut facts = vault
                    .legal_facts(&actor, &id)
                    .await
                    .map_err(|e| say(e, lang))?;
                let change =
                    deceased.is_some() || legal_status.is_some() || legal_status_since.is_some();
                if change {
                    if deceased.is_some() {
                        facts.deceased = deceased;
                    }
                    if let Some(LegalStatusArg(s)) = legal_status {
                        facts.legal_status = s;
                        facts.legal_status_since = if s.is_some() {
                            legal_status_since
                        } else {
                            None
                        };
                    } else if legal_status_since.is_some() {
                        facts.legal_status_since = legal_status_since;
                    }
                    vault
                        .set_legal_facts(&actor, &id, &facts)
                        .await
                        .map_err(|e| say(e, lang))?;
                }
                if as_json {
                    return Ok((json(&facts)?, true));
                }
                let mut out = String::new();
                if change {
                    out = format!("{}\n", t!(lang, "cli-person-facts-recorded", id = &id));
                }
                out.push_str(&facts_lines(&facts, lang));
                Ok((out, true))
            }
            PersonCommand::Represent {
                acting,
                id,
                by,
                ground,
                from,
                until,
                authorised_on,
                json: as_json,
            } => {
                let actor = actor(&vault, &acting).await?;
                let link = vault
                    .add_representative(
                        &actor,
                        &NewRepresentative {
                            subject: id.clone(),
                            representative: by.clone(),
                            ground,
                            valid_from: from.unwrap_or_else(today),
                            valid_until: until,
                            authorised_on,
                        },
                    )
                    .await
                    .map_err(|e| say(e, lang))?;
                if as_json {
                    return Ok((json(&link)?, true));
                }
                Ok((
                    t!(
                        lang,
                        "cli-person-linked",
                        id = &link.id,
                        by = &by,
                        ground = ground.label(lang),
                        person = &id,
                        validity = &validity(&link, lang)
                    ),
                    true,
                ))
            }
            PersonCommand::Representatives {
                acting,
                id,
                json: as_json,
            } => {
                let actor = actor(&vault, &acting).await?;
                let r = vault
                    .representation(&actor, &id)
                    .await
                    .map_err(|e| say(e, lang))?;
                if as_json {
                    return Ok((json(&r)?, true));
                }
                let mut lines = vec![facts_lines(&r.facts, lang)];
                if r.representatives.is_empty() {
                    lines.push(t(lang, "cli-person-no-representatives"));
                }
                for rep in &r.representatives {
                    let name = rep
                        .representative_name
                        .clone()
                        .unwrap_or_else(|| rep.representative.clone());
                    lines.push(format!(
                        "{}\t{name}\t{}\t{}",
                        rep.id,
                        rep.ground.label(lang),
                        validity(rep, lang)
                    ));
                }
                Ok((lines.join("\n"), true))
            }
            PersonCommand::EndRepresentation { acting, link, on } => {
                let actor = actor(&vault, &acting).await?;
                vault
                    .end_representation(&actor, &link, on)
                    .await
                    .map_err(|e| say(e, lang))?;
                Ok((
                    t!(
                        lang,
                        "cli-person-ended-now",
                        id = &link,
                        date = &on.to_string()
                    ),
                    true,
                ))
            }
        }
    })
}
