//! Commands on an installation: `init`, `audit verify`, `audit show`, `keys rotate`,
//! `backup`, `restore`.
//!
//! An installation is a data directory holding `zorgkluis.toml` (tenant, reglement, database),
//! the master key file, the signed audit checkpoints and the list of erased persons; the
//! database is the SQLite file beside them, or PostgreSQL at `--database-url`/`DATABASE_URL`.

use std::io::Write as _;
use std::path::{Path, PathBuf};
use std::process::ExitCode;

use clap::{Args, Subcommand};
use serde::{Deserialize, Serialize};
use zorgkluis_core::i18n::t;
use zorgkluis_core::{Lang, Reglement, t};
use zorgkluis_policy::{CedarPolicy, CustomPolicies};
use zorgkluis_store::Location;
use zorgkluis_store::audit::AuditAction;
use zorgkluis_store::vault::{self, Actor, Vault};

const CONFIG: &str = "zorgkluis.toml";

#[derive(Args, Clone)]
pub struct Installation {
    /// The data directory (default ./zorgkluis-data; also ZORGKLUIS_DATA_DIR).
    #[arg(long = "data-dir", global = true)]
    data_dir: Option<PathBuf>,
}

impl Installation {
    /// The directory given with --data-dir, if any.
    pub fn data_dir(&self) -> Option<PathBuf> {
        self.data_dir.clone()
    }

    pub fn at(dir: &Path) -> Installation {
        Installation {
            data_dir: Some(dir.to_owned()),
        }
    }

    fn dir(&self) -> PathBuf {
        self.data_dir
            .clone()
            .or_else(|| std::env::var_os("ZORGKLUIS_DATA_DIR").map(PathBuf::from))
            .unwrap_or_else(|| PathBuf::from("zorgkluis-data"))
    }
}

/// What `init` records in the data directory.
#[derive(Serialize, Deserialize)]
struct Config {
    tenant: String,
    reglement: PathBuf,
    database_url: Option<String>,
    /// The master key file, if not `master.key` in the installation directory.
    key_file: Option<PathBuf>,
    /// The checkpoint log, best kept where the database's administrator cannot write.
    checkpoint_log: Option<PathBuf>,
    /// A second copy of the checkpoint log, on another volume.
    checkpoint_mirror: Option<PathBuf>,
    /// The person key store, if not `person-keys.db` in the installation directory.
    key_store: Option<PathBuf>,
    /// The key store's mirror, on another volume (erasures reach it too).
    key_store_mirror: Option<PathBuf>,
}

#[derive(Subcommand)]
pub enum AuditCommand {
    /// Prove the audit chain and its signed checkpoints, or name the first event that was
    /// altered, removed, inserted or reordered. Exit 1 when it does not verify.
    Verify {
        #[arg(long)]
        json: bool,
    },
    /// Who looked at a person's file, when and why (NEN 7513).
    Show {
        #[arg(long)]
        person: String,
        #[arg(long)]
        json: bool,
    },
}

#[derive(Subcommand)]
pub enum KeysCommand {
    /// Wrap every person's data key with a new master key; content is not re-encrypted.
    Rotate,
}

/// "fout: `what`: `detail`" on stderr, and exit code 2.
fn fail(lang: Lang, what: &str, detail: impl std::fmt::Display) -> ExitCode {
    eprintln!("{}: {what}: {detail}", t(lang, "cli-error"));
    ExitCode::from(2)
}

fn runtime() -> Result<tokio::runtime::Runtime, std::io::Error> {
    tokio::runtime::Builder::new_multi_thread()
        .enable_all()
        .build()
}

fn load_config(dir: &Path, lang: Lang) -> Result<Config, String> {
    let path = dir.join(CONFIG);
    let text = std::fs::read_to_string(&path).map_err(|e| {
        t!(
            lang,
            "cli-no-configuration",
            file = &path.display().to_string(),
            error = &e.to_string()
        )
    })?;
    toml::from_str(&text).map_err(|e| format!("{}: {e}", path.display()))
}

/// Where the installation's files are: the configuration file's paths, each overridden by its
/// environment variable. A path whose directory does not exist, or a copy that is the file it
/// copies (or the key file), is refused naming the field and its variable, before anything
/// is opened or created.
fn location(dir: &Path, config: &Config, lang: Lang) -> Result<Location, String> {
    let url = std::env::var("DATABASE_URL")
        .ok()
        .or_else(|| config.database_url.clone());
    // The environment wins over the configuration file, as for the database URL.
    let path = |var: &str, configured: &Option<PathBuf>| {
        std::env::var_os(var)
            .map(PathBuf::from)
            .or_else(|| configured.clone())
    };
    let fields = [
        ("key_file", "ZORGKLUIS_KEY_FILE", &config.key_file),
        (
            "checkpoint_log",
            "ZORGKLUIS_CHECKPOINT_LOG",
            &config.checkpoint_log,
        ),
        (
            "checkpoint_mirror",
            "ZORGKLUIS_CHECKPOINT_MIRROR",
            &config.checkpoint_mirror,
        ),
        ("key_store", "ZORGKLUIS_KEY_STORE", &config.key_store),
        (
            "key_store_mirror",
            "ZORGKLUIS_KEY_STORE_MIRROR",
            &config.key_store_mirror,
        ),
    ];
    for (field, var, configured) in fields {
        let Some(p) = path(var, configured) else {
            continue;
        };
        let parent = p.parent().filter(|d| !d.as_os_str().is_empty());
        if parent.is_some_and(|d| !d.is_dir()) {
            return Err(t!(
                lang,
                "cli-location-no-directory",
                field = field,
                var = var,
                path = &p.display().to_string()
            ));
        }
    }
    // The reminder window of the requests: checked here, before anything is opened, so that
    // `serve` and every command refuse a bad value at start-up.
    let reminder_days = match std::env::var("ZORGKLUIS_REMINDER_DAYS") {
        Err(_) => zorgkluis_core::decide::DEFAULT_REMINDER_DAYS,
        Ok(text) => zorgkluis_core::decide::parse_reminder_days(&text).ok_or_else(|| {
            t!(
                lang,
                "cli-reminder-days-invalid",
                var = "ZORGKLUIS_REMINDER_DAYS",
                value = &text,
                max = i64::from(zorgkluis_core::decide::MAX_REMINDER_DAYS)
            )
        })?,
    };
    let location = Location {
        reminder_days,
        key_path: path("ZORGKLUIS_KEY_FILE", &config.key_file),
        checkpoint_log: path("ZORGKLUIS_CHECKPOINT_LOG", &config.checkpoint_log),
        checkpoint_mirror: path("ZORGKLUIS_CHECKPOINT_MIRROR", &config.checkpoint_mirror),
        key_store: path("ZORGKLUIS_KEY_STORE", &config.key_store),
        key_store_mirror: path("ZORGKLUIS_KEY_STORE_MIRROR", &config.key_store_mirror),
        ..Location::new(url.as_deref(), dir)
    };
    let same = |a: &Path, b: &Path| {
        a == b
            || std::fs::canonicalize(a)
                .is_ok_and(|a| std::fs::canonicalize(b).is_ok_and(|b| a == b))
    };
    let key = location.key_file();
    let checks = [
        (
            "checkpoint_mirror",
            "ZORGKLUIS_CHECKPOINT_MIRROR",
            &location.checkpoint_mirror,
            location.checkpoint_file(),
        ),
        (
            "key_store_mirror",
            "ZORGKLUIS_KEY_STORE_MIRROR",
            &location.key_store_mirror,
            location.key_store_file(),
        ),
    ];
    for (field, var, copy, original) in checks {
        if let Some(copy) = copy
            && (same(copy, &original) || same(copy, &key))
        {
            return Err(t!(
                lang,
                "cli-location-same-file",
                field = field,
                var = var,
                path = &copy.display().to_string()
            ));
        }
    }
    for (field, var, file) in [
        (
            "checkpoint_log",
            "ZORGKLUIS_CHECKPOINT_LOG",
            location.checkpoint_file(),
        ),
        (
            "key_store",
            "ZORGKLUIS_KEY_STORE",
            location.key_store_file(),
        ),
    ] {
        if same(&file, &key) {
            return Err(t!(
                lang,
                "cli-location-same-file",
                field = field,
                var = var,
                path = &file.display().to_string()
            ));
        }
    }
    Ok(location)
}

/// Opens the installation with the version of the reglement in force today: the file the
/// configuration names, unless a version adopted with `reglement adopt` has taken effect since
/// (issue 17 part 4); then the vault is opened again with that version's stored text.
pub async fn open(inst: &Installation, lang: Lang) -> Result<Vault, String> {
    let vault = open_with(inst, lang, None).await?;
    let today = zorgkluis_core::time::dutch_date(jiff::Timestamp::now());
    match vault.reglement_source_in_force(today).await {
        Ok(Some((sha, text))) if sha != vault.reglement_sha() => {
            vault.close().await;
            open_with(inst, lang, Some(text)).await
        }
        _ => Ok(vault),
    }
}

/// Opens the installation with the configured reglement file, or with `text` (a stored
/// version) in its place.
async fn open_with(inst: &Installation, lang: Lang, text: Option<String>) -> Result<Vault, String> {
    let dir = inst.dir();
    let config = load_config(&dir, lang)?;
    let source = match text {
        Some(text) => text,
        None => std::fs::read_to_string(&config.reglement)
            .map_err(|e| format!("{}: {e}", config.reglement.display()))?,
    };
    let reglement = Reglement::load(&config.reglement.display().to_string(), &source, lang)
        .map_err(|d| {
            d.iter()
                .map(|d| d.render(&source, lang))
                .collect::<String>()
        })?;
    let custom = match &reglement.file.custom_policies {
        Some(name) => {
            let file = config
                .reglement
                .parent()
                .unwrap_or(Path::new("."))
                .join(name.get_ref());
            let text =
                std::fs::read_to_string(&file).map_err(|e| format!("{}: {e}", file.display()))?;
            Some((file.display().to_string(), text))
        }
        None => None,
    };
    let parts = custom
        .as_ref()
        .map(|(file, text)| CustomPolicies { file, text });
    let policy = CedarPolicy::compile(&reglement, parts).map_err(|d| {
        d.iter()
            .map(|d| format!("{}:{}:{}: {}\n", d.file, d.line, d.column, d.message))
            .collect::<String>()
    })?;
    Vault::open(
        &location(&dir, &config, lang)?,
        &config.tenant,
        reglement,
        &source,
        std::sync::Arc::new(policy),
    )
    .await
    .map_err(|e| e.to_string())
}

/// `zorgkluis init`: the data directory, the master key file (owner-only), the configuration
/// and the migrated database.
pub fn init(
    inst: &Installation,
    reglement: &Path,
    tenant: &str,
    database_url: Option<String>,
    lang: Lang,
) -> ExitCode {
    let dir = inst.dir();
    let source = match std::fs::read_to_string(reglement) {
        Ok(s) => s,
        Err(e) => {
            return fail(
                lang,
                &t(lang, "cli-cannot-read-reglement"),
                format!("{}: {e}", reglement.display()),
            );
        }
    };
    if let Err(d) = Reglement::load(&reglement.display().to_string(), &source, lang) {
        for d in &d {
            eprint!("{}", d.render(&source, lang));
        }
        return ExitCode::from(1);
    }
    let reglement = std::fs::canonicalize(reglement).unwrap_or_else(|_| reglement.to_owned());
    let config = Config {
        tenant: tenant.to_owned(),
        reglement,
        database_url: database_url.clone(),
        key_file: None,
        checkpoint_log: None,
        checkpoint_mirror: None,
        key_store: None,
        key_store_mirror: None,
    };
    let loc = match location(&dir, &config, lang) {
        Ok(l) => l,
        Err(e) => return fail(lang, &t(lang, "cli-configuration"), e),
    };
    let created = match vault::init(&loc) {
        Ok(c) => c,
        Err(e) => {
            return fail(lang, &t(lang, "cli-cannot-create-installation"), e);
        }
    };
    let text = match toml::to_string(&config) {
        Ok(t) => t,
        Err(e) => return fail(lang, &t(lang, "cli-configuration"), e),
    };
    if let Err(e) = std::fs::write(dir.join(CONFIG), text) {
        return fail(lang, &t(lang, "cli-cannot-write-configuration"), e);
    }
    let opened = runtime().map_err(|e| e.to_string()).and_then(|rt| {
        rt.block_on(async {
            let v = open(inst, lang).await?;
            v.close().await;
            Ok::<_, String>(())
        })
    });
    if let Err(e) = opened {
        return fail(lang, &t(lang, "cli-cannot-open-database"), e);
    }
    let _ = writeln!(
        std::io::stdout(),
        "{}",
        t!(
            lang,
            "cli-init-done",
            dir = &dir.display().to_string(),
            tenant = tenant,
            key = if created { "new" } else { "existing" }
        )
    );
    ExitCode::SUCCESS
}

/// The staff member a command acts as (`--as USER`, checked against the accounts), or the
/// command line's own role where none is given.
pub async fn acting(v: &Vault, user: Option<&str>) -> Result<Actor, String> {
    match user {
        Some(u) => v
            .accounts()
            .staff_actor(u, "cli")
            .await
            .map_err(|e| format!("--as: {e}")),
        None => Ok(Actor::system("cli")),
    }
}

pub fn with_vault<F, Fut>(inst: &Installation, lang: Lang, work: F) -> ExitCode
where
    F: FnOnce(Vault) -> Fut,
    Fut: std::future::Future<Output = Result<(String, bool), String>>,
{
    let rt = match runtime() {
        Ok(rt) => rt,
        Err(e) => return fail(lang, &t(lang, "cli-runtime"), e),
    };
    rt.block_on(async {
        let vault = match open(inst, lang).await {
            Ok(v) => v,
            Err(e) => {
                return fail(lang, &t(lang, "cli-cannot-open-installation"), e);
            }
        };
        let closer = vault.clone();
        let result = work(vault).await;
        closer.close().await;
        match result {
            Ok((text, ok)) => {
                let _ = writeln!(std::io::stdout(), "{text}");
                if ok {
                    ExitCode::SUCCESS
                } else {
                    ExitCode::from(1)
                }
            }
            Err(e) => fail(lang, &t(lang, "cli-failed"), e),
        }
    })
}

pub fn audit(inst: &Installation, cmd: AuditCommand, lang: Lang) -> ExitCode {
    let actor = Actor::system("cli");
    match cmd {
        AuditCommand::Verify { json } => with_vault(inst, lang, |v| async move {
            let report = v.verify_audit().await.map_err(|e| e.to_string())?;
            let text = if json {
                serde_json::to_string_pretty(&report).map_err(|e| e.to_string())?
            } else if report.ok() {
                let events: u64 = report.tenants.iter().map(|t| t.events).sum();
                t!(
                    lang,
                    "cli-audit-intact",
                    events = events,
                    checkpoints = report.checkpoints
                )
            } else {
                report
                    .findings
                    .iter()
                    .map(|f| finding_text(lang, f))
                    .collect::<Vec<_>>()
                    .join("\n")
            };
            Ok((text, report.ok()))
        }),
        AuditCommand::Show { person, json } => with_vault(inst, lang, |v| async move {
            let events = v
                .audit_for_person(&actor, &person)
                .await
                .map_err(|e| e.to_string())?;
            let text = if json {
                serde_json::to_string_pretty(&events).map_err(|e| e.to_string())?
            } else {
                let mut out = t!(lang, "cli-audit-title", person = &person);
                out.push('\n');
                for e in &events {
                    out.push_str(&t!(
                        lang,
                        "cli-audit-event",
                        at = &zorgkluis_core::time::format_stored_moment(&e.at, lang),
                        user = &e.user_id,
                        role = &e.role,
                        action = &e.action.to_string(),
                        category = e.category.as_deref().unwrap_or("-"),
                        purpose = &e.purpose,
                        outcome = e.outcome.id(),
                        emergency = if e.emergency { "yes" } else { "no" }
                    ));
                    out.push('\n');
                }
                out
            };
            Ok((text, true))
        }),
    }
}

pub fn keys(inst: &Installation, cmd: KeysCommand, lang: Lang) -> ExitCode {
    match cmd {
        KeysCommand::Rotate => with_vault(inst, lang, |v| async move {
            let n = v
                .rotate_keys(&Actor::system("cli"))
                .await
                .map_err(|e| e.to_string())?;
            Ok((t!(lang, "cli-keys-rewrapped", count = n), true))
        }),
    }
}

pub fn backup(inst: &Installation, file: PathBuf, lang: Lang) -> ExitCode {
    with_vault(inst, lang, |v| async move {
        v.backup(&file).await.map_err(|e| e.to_string())?;
        Ok((
            t!(
                lang,
                "cli-backup-written",
                file = &file.display().to_string()
            ),
            true,
        ))
    })
}

/// A finding of `audit verify` in the user's language.
fn finding_text(lang: Lang, f: &zorgkluis_store::audit::Finding) -> String {
    let tenant = if f.tenant_id.is_empty() {
        t(lang, "cli-finding-installation")
    } else {
        f.tenant_id.clone()
    };
    let text = t!(
        lang,
        &format!("cli-finding-{}", f.problem.id()),
        tenant = &tenant,
        seq = f.seq
    );
    match f.line {
        Some(line) => format!("{text} {}", t!(lang, "cli-finding-line", line = line)),
        None => text,
    }
}

pub fn restore(inst: &Installation, file: Option<PathBuf>, lang: Lang) -> ExitCode {
    let dir = inst.dir();
    let config = match load_config(&dir, lang) {
        Ok(c) => c,
        Err(e) => return fail(lang, &t(lang, "cli-configuration"), e),
    };
    let loc = match location(&dir, &config, lang) {
        Ok(l) => l,
        Err(e) => return fail(lang, &t(lang, "cli-configuration"), e),
    };
    let restored = runtime()
        .map_err(zorgkluis_store::StoreError::from)
        .and_then(|rt| rt.block_on(vault::restore(&loc, file.as_deref())));
    if let Err(e) = restored {
        return fail(lang, &t(lang, "cli-restore-failed"), e);
    }
    // Opening re-applies every erasure made since the backup, and anchors the restored chain.
    with_vault(inst, lang, |v| async move {
        let from = file.map_or_else(|| "pg_restore".to_owned(), |f| f.display().to_string());
        v.log_operation(&Actor::system("cli"), AuditAction::Restore)
            .await
            .map_err(|e| e.to_string())?;
        let report = v.verify_audit().await.map_err(|e| e.to_string())?;
        Ok((t!(lang, "cli-restored-from", source = &from), report.ok()))
    })
}
