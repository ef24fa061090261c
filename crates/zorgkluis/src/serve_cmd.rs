//! `zorgkluis serve` and `zorgkluis demo`: the web UI and the API of an installation, until a
//! shutdown signal.

use std::io::Write as _;
use std::path::PathBuf;
use std::process::ExitCode;

use zorgkluis_core::i18n::t;
use zorgkluis_core::{Lang, t};
use zorgkluis_store::vault::Vault;

use crate::demo;
use crate::store_cmd::{self, Installation};

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

async fn bind(listen: &str) -> Result<tokio::net::TcpListener, String> {
    tokio::net::TcpListener::bind(listen)
        .await
        .map_err(|e| format!("{listen}: {e}"))
}

async fn run_server(
    vault: Vault,
    listener: tokio::net::TcpListener,
    lang: Lang,
) -> Result<(), String> {
    let address = listener.local_addr().map_err(|e| e.to_string())?;
    let _ = writeln!(
        std::io::stdout(),
        "{}",
        t!(
            lang,
            "cli-listening",
            address = &format!("http://{address}")
        )
    );
    let closer = vault.clone();
    let config = zorgkluis_server::ServerConfig::from_env();
    let served = zorgkluis_server::serve_with(listener, vault, &config, shutdown_signal()).await;
    // The server has stopped: its requests finished, or the shutdown deadline passed and the
    // connections still open were dropped, so nothing holds the vault any more and what follows
    // runs within the deadline, also when a client stalls.
    // The final checkpoint first, so that it is on disk even if closing should wait on a
    // clone of the vault; closing then anchors anything written since.
    if let Err(e) = closer.checkpoint_now().await {
        tracing::error!(error = %e, "final audit checkpoint failed");
    }
    closer.close().await;
    served.map_err(|e| e.to_string())
}

fn runtime() -> Option<tokio::runtime::Runtime> {
    tokio::runtime::Builder::new_multi_thread()
        .enable_all()
        .build()
        .ok()
}

fn failed(lang: Lang, e: &str) -> ExitCode {
    eprintln!("{}: {e}", t(lang, "cli-error"));
    ExitCode::from(2)
}

pub fn serve(inst: &Installation, listen: Option<String>, lang: Lang) -> ExitCode {
    let listen = listen_address(listen);
    let Some(rt) = runtime() else {
        return ExitCode::from(2);
    };
    rt.block_on(async {
        let served = match store_cmd::open(inst, lang).await {
            Ok(vault) => match bind(&listen).await {
                Ok(listener) => run_server(vault, listener, lang).await,
                Err(e) => Err(e),
            },
            Err(e) => Err(e),
        };
        match served {
            Ok(()) => ExitCode::SUCCESS,
            Err(e) => failed(lang, &e),
        }
    })
}

/// `zorgkluis demo`: the demo organisation (BG wonen) with synthetic clients, staff in every
/// role with a web account each, and care teams, in an embedded SQLite database (or the
/// PostgreSQL database `database_url` names); then the server.
pub fn demo(
    data_dir: Option<PathBuf>,
    listen: Option<String>,
    database_url: Option<String>,
    lang: Lang,
) -> ExitCode {
    let dir = data_dir.unwrap_or_else(|| PathBuf::from("zorgkluis-demo"));
    let inst = Installation::at(&dir);
    let listen = listen_address(listen);
    // The demo always runs the reglement built into this binary, also in a directory an older
    // release made.
    let reglement = dir.join("bg-wonen.toml");
    let written =
        std::fs::create_dir_all(&dir).and_then(|()| std::fs::write(&reglement, demo::REGLEMENT));
    if let Err(e) = written {
        return failed(lang, &format!("{}: {e}", dir.display()));
    }
    if !dir.join("zorgkluis.toml").exists() {
        // A fresh installation of the demo organisation (init runs its own runtime).
        let code = store_cmd::init(&inst, &reglement, demo::TENANT, database_url, lang);
        if code != ExitCode::SUCCESS {
            return code;
        }
    }
    let Some(rt) = runtime() else {
        return ExitCode::from(2);
    };
    rt.block_on(async {
        let vault = match store_cmd::open(&inst, lang).await {
            Ok(v) => v,
            Err(e) => return failed(lang, &e),
        };
        let tokens = match demo::seed(&vault, &dir).await {
            Ok(t) => t,
            Err(e) => return failed(lang, &e),
        };
        let second_factors = match demo::second_factors(&vault, &dir).await {
            Ok(k) => k,
            Err(e) => return failed(lang, &e),
        };
        // Bound before the logins are printed, so they name the real port (also for :0).
        let listener = match bind(&listen).await {
            Ok(l) => l,
            Err(e) => return failed(lang, &e),
        };
        let listen = match listener.local_addr() {
            Ok(a) => a.to_string(),
            Err(e) => return failed(lang, &e.to_string()),
        };
        let users: Vec<&str> = demo::STAFF.iter().map(|(u, _)| *u).collect();
        let mut out = String::new();
        out.push_str(&t!(
            lang,
            "cli-demo-logins",
            url = &format!("http://{listen}/login"),
            users = &users.join(", "),
            password = demo::PASSWORD
        ));
        out.push('\n');
        for (user, key) in &second_factors {
            out.push_str(&t!(
                lang,
                "cli-demo-second-factor",
                user = user.as_str(),
                key = key.as_str()
            ));
            out.push('\n');
        }
        out.push_str(&t(lang, "cli-demo-tokens"));
        out.push('\n');
        for (name, role, token) in &tokens {
            out.push_str(&format!("  {name:<8} {role:<14} {token}\n"));
        }
        out.push_str(&t(lang, "cli-demo-care"));
        out.push('\n');
        out.push_str(&format!(
            "  curl -H 'Authorization: Bearer <{}>' http://{listen}/api/v1/persons\n",
            t(lang, "cli-demo-token-of")
        ));
        let _ = write!(std::io::stdout(), "{out}");
        match run_server(vault, listener, lang).await {
            Ok(()) => ExitCode::SUCCESS,
            Err(e) => failed(lang, &e),
        }
    })
}
