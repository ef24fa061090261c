//! `zorgkluis serve`, `zorgkluis demo` and `zorgkluis token add`.

use std::io::Write as _;
use std::path::{Path, PathBuf};
use std::process::ExitCode;

use jiff::civil::date;
use zorgkluis_core::Lang;
use zorgkluis_store::vault::{Actor, Vault};

use crate::store_cmd::{self, Installation};

/// The demo organisation's reglement, built into the binary so `demo` works anywhere.
const DEMO_REGLEMENT: &str = include_str!("../../../reglementen/bg-wonen.toml");
const DEMO_TENANT: &str = "bg-wonen";
/// The demo staff's password: a demo, on loopback, with synthetic data only.
pub const DEMO_PASSWORD: &str = "demo-wachtwoord";
/// Staff of the demo organisation: token name (the user id) and role.
const DEMO_STAFF: &[(&str, &str)] = &[
    ("zorg-1", "zorgverlener"),
    ("zorg-2", "zorgverlener"),
    ("admin-1", "administratie"),
    ("dir-1", "directie"),
    ("fg-1", "fg"),
];

fn listen_address(flag: Option<String>) -> String {
    flag.or_else(|| std::env::var("ZORGKLUIS_LISTEN").ok())
        .unwrap_or_else(|| "127.0.0.1:8080".to_owned())
}

/// Waits for Ctrl-C or SIGTERM.
async fn shutdown_signal() {
    let ctrl_c = async {
        let _ = tokio::signal::ctrl_c().await;
    };
    #[cfg(unix)]
    let term = async {
        match tokio::signal::unix::signal(tokio::signal::unix::SignalKind::terminate()) {
            Ok(mut s) => {
                s.recv().await;
            }
            Err(_) => std::future::pending::<()>().await,
        }
    };
    #[cfg(not(unix))]
    let term = std::future::pending::<()>();
    tokio::select! { () = ctrl_c => {}, () = term => {} }
}

async fn run_server(vault: Vault, listen: &str, lang: Lang) -> Result<(), String> {
    let listener = tokio::net::TcpListener::bind(listen)
        .await
        .map_err(|e| format!("{listen}: {e}"))?;
    let address = listener.local_addr().map_err(|e| e.to_string())?;
    let _ = writeln!(
        std::io::stdout(),
        "{} http://{address}",
        lang.pick("zorgkluis luistert op", "zorgkluis listens on")
    );
    let closer = vault.clone();
    zorgkluis_server::serve(listener, vault, shutdown_signal())
        .await
        .map_err(|e| e.to_string())?;
    closer.close().await;
    Ok(())
}

/// Opens the installation and serves it until a shutdown signal; errors exit with 2.
async fn open_and_serve(inst: &Installation, listen: &str, lang: Lang) -> ExitCode {
    let served = match store_cmd::open(inst, lang).await {
        Ok(vault) => run_server(vault, listen, lang).await,
        Err(e) => Err(e),
    };
    match served {
        Ok(()) => ExitCode::SUCCESS,
        Err(e) => {
            eprintln!("{}: {e}", lang.pick("fout", "error"));
            ExitCode::from(2)
        }
    }
}

pub fn serve(inst: &Installation, listen: Option<String>, lang: Lang) -> ExitCode {
    let listen = listen_address(listen);
    let Ok(rt) = tokio::runtime::Builder::new_multi_thread()
        .enable_all()
        .build()
    else {
        return ExitCode::from(2);
    };
    rt.block_on(async { open_and_serve(inst, &listen, lang).await })
}

pub fn token_add(inst: &Installation, name: &str, role: &str, lang: Lang) -> ExitCode {
    store_cmd::with_vault(inst, lang, |vault| async move {
        let token = vault
            .create_token(&Actor::system("cli"), name, role)
            .await
            .map_err(|e| e.to_string())?;
        eprintln!(
            "{}",
            lang.pick(
                "Bewaar deze token: hij wordt niet nog eens getoond.",
                "Keep this token: it is not shown again."
            )
        );
        Ok((token, true))
    })
}

pub fn token_revoke(inst: &Installation, name: &str, lang: Lang) -> ExitCode {
    store_cmd::with_vault(inst, lang, |vault| async move {
        vault
            .revoke_token(&Actor::system("cli"), name)
            .await
            .map_err(|e| e.to_string())?;
        Ok((
            format!(
                "{}: {name}",
                lang.pick("Token ingetrokken", "Token revoked")
            ),
            true,
        ))
    })
}

pub fn token_list(inst: &Installation, json: bool, lang: Lang) -> ExitCode {
    store_cmd::with_vault(inst, lang, |vault| async move {
        let tokens = vault.tokens().await.map_err(|e| e.to_string())?;
        if json {
            let text = serde_json::to_string_pretty(&tokens).map_err(|e| e.to_string())?;
            return Ok((text, true));
        }
        let lines: Vec<String> = tokens
            .iter()
            .map(|t| {
                let state = match &t.revoked_at {
                    Some(at) => format!("{} {at}", lang.pick("ingetrokken", "revoked")),
                    None => lang.pick("geldig", "valid").to_owned(),
                };
                format!("{}\t{}\t{}\t{state}", t.name, t.role, t.created_at)
            })
            .collect();
        Ok((lines.join("\n"), true))
    })
}

/// Synthetic BSNs: nine digits that pass the 11-check, counted up from a fixed start.
fn synthetic_bsns(n: usize) -> Vec<String> {
    (100_000_000u32..)
        .map(|x| x.to_string())
        .filter(|s| zorgkluis_core::bsn::is_valid(s))
        .take(n)
        .collect()
}

/// Fills the demo organisation once: staff tokens, synthetic clients with care teams. Returns the tokens (kept in the data directory, owner-only, for the demo).
async fn seed(
    dir: &Path,
    inst: &Installation,
    lang: Lang,
) -> Result<Vec<(String, String, String)>, String> {
    let tokens_file = dir.join("demo-tokens.txt");
    if let Ok(text) = std::fs::read_to_string(&tokens_file) {
        return Ok(text
            .lines()
            .filter_map(|l| {
                let mut p = l.split(' ');
                Some((
                    p.next()?.to_owned(),
                    p.next()?.to_owned(),
                    p.next()?.to_owned(),
                ))
            })
            .collect());
    }
    let vault = store_cmd::open(inst, lang).await?;
    let system = Actor::system("demo");
    let mut tokens = Vec::new();
    for (name, role) in DEMO_STAFF {
        let t = vault
            .create_token(&system, name, role)
            .await
            .map_err(|e| e.to_string())?;
        tokens.push(((*name).to_owned(), (*role).to_owned(), t));
    }
    let admin = Actor {
        user_id: "admin-1".into(),
        role: "administratie".into(),
        on_behalf_of: None,
        source: "demo".into(),
        supervised: false,
    };
    for (i, bsn) in synthetic_bsns(12).iter().enumerate() {
        let n = i + 1;
        let person = vault
            .register_person(&admin, "client", Some(bsn), "intake")
            .await
            .map_err(|e| e.to_string())?;
        vault
            .add_record(
                &admin,
                &person,
                "naw",
                &format!("Demo Cliënt {n:02}, Voorbeeldstraat {n}, 1000 AA Demostad"),
                "intake",
            )
            .await
            .map_err(|e| e.to_string())?;
        let caregiver = if n <= 6 { "zorg-1" } else { "zorg-2" };
        vault
            .assign_care(&admin, caregiver, &person, date(2025, 1, 1), None)
            .await
            .map_err(|e| e.to_string())?;
        let care = Actor {
            user_id: caregiver.into(),
            role: "zorgverlener".into(),
            on_behalf_of: None,
            source: "demo".into(),
            supervised: false,
        };
        vault
            .add_record(
                &care,
                &person,
                "gezondheid",
                &format!("Synthetische rapportage {n}: bloeddruk en medicatie gecontroleerd."),
                "zorgverlening",
            )
            .await
            .map_err(|e| e.to_string())?;
    }
    vault.close().await;
    let text: String = tokens
        .iter()
        .map(|(n, r, t)| format!("{n} {r} {t}\n"))
        .collect();
    let mut options = std::fs::OpenOptions::new();
    options.write(true).create_new(true);
    #[cfg(unix)]
    std::os::unix::fs::OpenOptionsExt::mode(&mut options, 0o600);
    options
        .open(&tokens_file)
        .and_then(|mut f| f.write_all(text.as_bytes()))
        .map_err(|e| e.to_string())?;
    Ok(tokens)
}

/// `zorgkluis demo`: the demo organisation (BG wonen) with synthetic clients, staff in every
/// role and care teams, in an embedded SQLite database; then the server.
pub fn demo(data_dir: Option<PathBuf>, listen: Option<String>, lang: Lang) -> ExitCode {
    let dir = data_dir.unwrap_or_else(|| PathBuf::from("zorgkluis-demo"));
    let inst = Installation::at(&dir);
    let listen = listen_address(listen);
    if !dir.join("demo-tokens.txt").exists() {
        // A fresh installation of the demo organisation (init runs its own runtime).
        let reglement = dir.join("bg-wonen.toml");
        let written =
            std::fs::create_dir_all(&dir).and_then(|()| std::fs::write(&reglement, DEMO_REGLEMENT));
        if let Err(e) = written {
            eprintln!("{}: {}: {e}", lang.pick("fout", "error"), dir.display());
            return ExitCode::from(2);
        }
        let code = store_cmd::init(&inst, &reglement, DEMO_TENANT, None, lang);
        if code != ExitCode::SUCCESS {
            return code;
        }
    }
    let Ok(rt) = tokio::runtime::Builder::new_multi_thread()
        .enable_all()
        .build()
    else {
        return ExitCode::from(2);
    };
    rt.block_on(async {
        let tokens = match seed(&dir, &inst, lang).await {
            Ok(t) => t,
            Err(e) => {
                eprintln!("{}: {e}", lang.pick("fout", "error"));
                return ExitCode::from(2);
            }
        };
        let mut out = String::new();
        out.push_str(&format!(
            "{} http://{listen}/login: {} {DEMO_PASSWORD}\n",
            lang.pick("Inloggen op", "Log in at"),
            lang.pick(
                "gebruikers zorg-1, zorg-2, admin-1, dir-1, fg-1, wachtwoord",
                "users zorg-1, zorg-2, admin-1, dir-1, fg-1, password"
            ),
        ));
        out.push_str(lang.pick(
            "Demo-organisatie BG wonen, 12 synthetische cliënten. API-tokens per medewerker:\n",
            "Demo organisation BG wonen, 12 synthetic clients. API tokens per staff member:\n",
        ));
        for (name, role, token) in &tokens {
            out.push_str(&format!("  {name:<8} {role:<14} {token}\n"));
        }
        out.push_str(lang.pick(
            "zorg-1 zorgt voor cliënt 1-6, zorg-2 voor 7-12. Voorbeeld:\n",
            "zorg-1 cares for clients 1-6, zorg-2 for 7-12. Example:\n",
        ));
        out.push_str(&format!(
            "  curl -H 'Authorization: Bearer <token van admin-1>' http://{listen}/api/v1/persons/<id>/records\n"
        ));
        let _ = write!(std::io::stdout(), "{out}");
        open_and_serve(&inst, &listen, lang).await
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
            .create_user(&Actor::system("cli"), id, role, &password, supervised)
            .await
            .map_err(|e| e.to_string())?;
        Ok((
            format!(
                "{} {id} ({role})",
                lang.pick("Gebruiker aangemaakt:", "User created:")
            ),
            true,
        ))
    })
}
