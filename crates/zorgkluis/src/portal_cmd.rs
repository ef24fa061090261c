//! `zorgkluis portal issue|revoke`: the portal accounts the organisation issues to a client or
//! a representative (no DigiD here), to file and follow requests through the client portal.
//! Made by the command line's own role, or by a staff member (`--as`) whose role manages
//! accounts; decided and logged like any account change.

use std::process::ExitCode;

use clap::{Args, Subcommand};
use zorgkluis_core::i18n::t;
use zorgkluis_core::{Lang, t};
use zorgkluis_store::vault::{Actor, Vault, VaultError};

use crate::store_cmd::{self, Installation};

/// Who issues: the command line itself, or a staff account.
#[derive(Args, Clone)]
pub struct Issuer {
    /// The staff account the command line acts as (its role must manage accounts); without
    /// it, the command line's own role.
    #[arg(long = "as")]
    user: Option<String>,
}

#[derive(Subcommand)]
pub enum PortalCommand {
    /// Issue a portal account to a registered person: prints the login name and the initial
    /// password, once.
    Issue {
        #[command(flatten)]
        issuer: Issuer,
        /// The person (a client or a representative) the account is for.
        #[arg(long)]
        person: String,
        #[arg(long)]
        json: bool,
    },
    /// Revoke a person's portal account: it cannot log in any more, its sessions end.
    Revoke {
        #[command(flatten)]
        issuer: Issuer,
        #[arg(long)]
        person: String,
    },
}

fn say(e: VaultError, lang: Lang) -> String {
    match e {
        VaultError::Invalid { field, message } | VaultError::Conflict { field, message } => {
            format!("--{field}: {message}")
        }
        VaultError::NotFound(what) => format!("--person: not found: {what}"),
        VaultError::Erased(p) => format!("--person: person {p} was erased"),
        VaultError::Denied(d) => d.explain(lang),
        other => other.to_string(),
    }
}

async fn actor(vault: &Vault, issuer: &Issuer, lang: Lang) -> Result<Actor, String> {
    match &issuer.user {
        None => Ok(Actor::system("cli")),
        Some(user) => vault
            .accounts()
            .staff_actor(user, "cli")
            .await
            .map_err(|e| say(e, lang)),
    }
}

pub fn run(inst: &Installation, cmd: PortalCommand, lang: Lang) -> ExitCode {
    store_cmd::with_vault(inst, lang, |vault| async move {
        match cmd {
            PortalCommand::Issue {
                issuer,
                person,
                json,
            } => {
                let actor = actor(&vault, &issuer, lang).await?;
                let issued = vault
                    .accounts()
                    .issue_portal(&actor, &person)
                    .await
                    .map_err(|e| say(e, lang))?;
                if json {
                    let text = serde_json::to_string_pretty(&issued).map_err(|e| e.to_string())?;
                    return Ok((text, true));
                }
                eprintln!("{}", t(lang, "cli-portal-keep"));
                Ok((
                    t!(
                        lang,
                        "cli-portal-issued",
                        login = &issued.login,
                        password = &issued.initial_password,
                        person = &issued.person_id
                    ),
                    true,
                ))
            }
            PortalCommand::Revoke { issuer, person } => {
                let actor = actor(&vault, &issuer, lang).await?;
                let login = vault
                    .accounts()
                    .revoke_portal(&actor, &person)
                    .await
                    .map_err(|e| say(e, lang))?;
                Ok((
                    t!(lang, "cli-portal-revoked", login = &login, person = &person),
                    true,
                ))
            }
        }
    })
}
