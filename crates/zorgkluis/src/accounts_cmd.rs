//! `zorgkluis user add|disable|password` and `zorgkluis token add|revoke|list`: the organisation's staff accounts
//! and the API tokens of other systems, made by the command line's own role (which the product
//! grants managing accounts, and nothing of anyone's personal data).

use std::process::ExitCode;

use zorgkluis_core::i18n::t;
use zorgkluis_core::{Lang, t};
use zorgkluis_store::vault::Actor;

use crate::store_cmd::{self, Installation};

/// When a token made now with `--expires TEXT` stops working: a date (through that day, Dutch
/// time), an RFC 3339 moment, or a duration from now (`90d`, `12h`, `P30D`).
pub(crate) fn expiry(text: &str, now: jiff::Timestamp) -> Option<jiff::Timestamp> {
    let text = text.trim();
    if let Ok(at) = text.parse::<jiff::Timestamp>() {
        return Some(at);
    }
    if let Ok(day) = text.parse::<jiff::civil::Date>() {
        let next = day.tomorrow().ok()?;
        return next
            .to_zoned_datetime(zorgkluis_core::time::amsterdam())
            .ok()
            .map(|z| z.timestamp());
    }
    let span = text.parse::<jiff::Span>().ok()?;
    now.to_zoned_datetime(jiff::tz::TimeZone::UTC)
        .checked_add(span)
        .ok()
        .map(|z| z.timestamp())
}

pub fn token_add(
    inst: &Installation,
    name: &str,
    role: &str,
    expires: Option<&str>,
    lang: Lang,
) -> ExitCode {
    let expires = match expires {
        None => None,
        Some(text) => match expiry(text, jiff::Timestamp::now()) {
            Some(at) => Some(at),
            None => {
                eprintln!("{}", t!(lang, "cli-bad-expiry", value = text));
                return ExitCode::from(2);
            }
        },
    };
    store_cmd::with_vault(inst, lang, |vault| async move {
        let token = vault
            .accounts()
            .create_token_until(&Actor::system("cli"), name, role, expires)
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
                let expired = tk
                    .expires_at
                    .as_deref()
                    .and_then(|at| at.parse::<jiff::Timestamp>().ok())
                    .filter(|at| *at <= jiff::Timestamp::now());
                let state = match (&tk.revoked_at, expired, &tk.expires_at) {
                    (Some(at), _, _) => t!(lang, "cli-token-state-revoked", at = at),
                    (None, Some(at), _) => {
                        t!(lang, "cli-token-state-expired", at = &at.to_string())
                    }
                    (None, None, Some(at)) => t!(lang, "cli-token-state-expires", at = at),
                    (None, None, None) => t(lang, "cli-token-state-valid"),
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
    let Some(password) = read_password(lang) else {
        return ExitCode::from(2);
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

/// A password from ZORGKLUIS_PASSWORD, else the first line of standard input: at a terminal
/// after a prompt, without echoing what is typed.
fn read_password(lang: Lang) -> Option<String> {
    use std::io::IsTerminal as _;
    if let Ok(p) = std::env::var("ZORGKLUIS_PASSWORD") {
        return Some(p);
    }
    let stdin = std::io::stdin();
    let terminal = stdin.is_terminal();
    let mut restore = None;
    if terminal {
        eprint!("{} ", t(lang, "cli-password-prompt"));
        if let Ok(mut modes) = rustix::termios::tcgetattr(&stdin) {
            let old = modes.clone();
            modes.local_modes.remove(rustix::termios::LocalModes::ECHO);
            if rustix::termios::tcsetattr(&stdin, rustix::termios::OptionalActions::Now, &modes)
                .is_ok()
            {
                restore = Some(old);
            }
        }
    }
    let mut line = String::new();
    let read = stdin.read_line(&mut line);
    if let Some(old) = restore {
        let _ = rustix::termios::tcsetattr(&stdin, rustix::termios::OptionalActions::Now, &old);
    }
    if terminal {
        eprintln!();
    }
    read.ok()?;
    Some(line.trim_end_matches(['\r', '\n']).to_owned())
}

/// `zorgkluis user disable ID`.
pub fn user_disable(inst: &Installation, id: &str, lang: Lang) -> ExitCode {
    store_cmd::with_vault(inst, lang, |vault| async move {
        vault
            .accounts()
            .disable_user(&Actor::system("cli"), id)
            .await
            .map_err(|e| e.to_string())?;
        Ok((t!(lang, "cli-user-disabled", id = id), true))
    })
}

/// `zorgkluis user password ID`: the new password as for `user add`.
pub fn user_password(inst: &Installation, id: &str, lang: Lang) -> ExitCode {
    let Some(password) = read_password(lang) else {
        return ExitCode::from(2);
    };
    store_cmd::with_vault(inst, lang, |vault| async move {
        vault
            .accounts()
            .set_password(&Actor::system("cli"), id, &password)
            .await
            .map_err(|e| e.to_string())?;
        Ok((t!(lang, "cli-user-password-set", id = id), true))
    })
}

/// `zorgkluis user totp ID [--remove]`.
pub fn user_totp(inst: &Installation, id: &str, remove: bool, lang: Lang) -> ExitCode {
    store_cmd::with_vault(inst, lang, |vault| async move {
        let accounts = vault.accounts();
        let actor = Actor::system("cli");
        if remove {
            accounts
                .remove_second_factor(&actor, id)
                .await
                .map_err(|e| e.to_string())?;
            return Ok((t!(lang, "cli-user-totp-removed", id = id), true));
        }
        let enrolment = accounts
            .provision_second_factor(&actor, id)
            .await
            .map_err(|e| e.to_string())?;
        Ok((
            t!(
                lang,
                "cli-user-totp-set",
                id = id,
                secret = enrolment.secret.as_str(),
                uri = enrolment.uri.as_str()
            ),
            true,
        ))
    })
}

/// `zorgkluis user totp-code --secret KEY`: no installation needed.
pub fn totp_code(secret: &str, lang: Lang) -> ExitCode {
    match zorgkluis_store::accounts::current_code(secret) {
        Ok(code) => {
            println!("{code}");
            ExitCode::SUCCESS
        }
        Err(e) => {
            eprintln!("{}: {e}", t(lang, "cli-error"));
            ExitCode::from(2)
        }
    }
}
