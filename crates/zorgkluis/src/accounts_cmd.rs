//! `zorgkluis user add` and `zorgkluis token add|revoke|list`: the organisation's staff accounts
//! and the API tokens of other systems, made by the command line's own role (which the product
//! grants managing accounts, and nothing of anyone's personal data).

use std::process::ExitCode;

use zorgkluis_core::i18n::t;
use zorgkluis_core::{Lang, t};
use zorgkluis_store::vault::Actor;

use crate::store_cmd::{self, Installation};

pub fn token_add(inst: &Installation, name: &str, role: &str, lang: Lang) -> ExitCode {
    store_cmd::with_vault(inst, lang, |vault| async move {
        let token = vault
            .accounts()
            .create_token(&Actor::system("cli"), name, role)
            .await
            .map_err(|e| e.to_string())?;
        eprintln!("{}", t(lang, "cli-token-keep"));
        Ok((token, true))
    })
}

pub fn token_revoke(inst: &Installation, name: &str, lang: Lang) -> ExitCode {
    store_cmd::with_vault(inst, lang, |vault| async move {
        vault
            .accounts()
            .revoke_token(&Actor::system("cli"), name)
            .await
            .map_err(|e| e.to_string())?;
        Ok((t!(lang, "cli-token-revoked", name = name), true))
    })
}

pub fn token_list(inst: &Installation, json: bool, lang: Lang) -> ExitCode {
    store_cmd::with_vault(inst, lang, |vault| async move {
        let tokens = vault
            .accounts()
            .tokens(&Actor::system("cli"))
            .await
            .map_err(|e| e.to_string())?;
        if json {
            let text = serde_json::to_string_pretty(&tokens).map_err(|e| e.to_string())?;
            return Ok((text, true));
        }
        let lines: Vec<String> = tokens
            .iter()
            .map(|tk| {
                let state = match &tk.revoked_at {
                    Some(at) => t!(lang, "cli-token-state-revoked", at = at),
                    None => t(lang, "cli-token-state-valid"),
                };
                format!("{}\t{}\t{}\t{state}", tk.name, tk.role, tk.created_at)
            })
            .collect();
        Ok((lines.join("\n"), true))
    })
}

/// `zorgkluis user add`: a staff account; the password comes from ZORGKLUIS_PASSWORD or the
/// first line of standard input, never from the command line (it would show in `ps`).
pub fn user_add(
    inst: &Installation,
    id: &str,
    role: &str,
    supervised: bool,
    lang: Lang,
) -> ExitCode {
    let password = match std::env::var("ZORGKLUIS_PASSWORD") {
        Ok(p) => p,
        Err(_) => {
            let mut line = String::new();
            if std::io::stdin().read_line(&mut line).is_err() {
                return ExitCode::from(2);
            }
            line.trim_end_matches(['\r', '\n']).to_owned()
        }
    };
    store_cmd::with_vault(inst, lang, |vault| async move {
        vault
            .accounts()
            .create_user(&Actor::system("cli"), id, role, &password, supervised)
            .await
            .map_err(|e| e.to_string())?;
        Ok((t!(lang, "cli-user-created", id = id, role = role), true))
    })
}
