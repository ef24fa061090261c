//! The `zorgkluis` command line.

mod accounts_cmd;
mod complaint_cmd;
mod consent_cmd;
mod contact_cmd;
mod demo;
mod disclosure_cmd;
mod import_cmd;
mod incident_cmd;
mod log_review_cmd;
mod objection_cmd;
mod person_cmd;
mod portal_cmd;
mod processor_cmd;
mod register_cmd;
mod reglement_cmd;
mod reglement_version_cmd;
mod report_cmd;
mod request_cmd;
mod research_cmd;
mod retention_cmd;
mod retention_holds_cmd;
mod serve_cmd;
mod store_cmd;

use std::path::PathBuf;

/// mimalloc rather than the system allocator: under load glibc's malloc took a fifth of the
/// server's CPU, most of it in its locks (measured, docs/BENCHMARKS.md).
#[global_allocator]
static ALLOCATOR: mimalloc::MiMalloc = mimalloc::MiMalloc;
use std::process::ExitCode;

use clap::{Parser, Subcommand, ValueEnum};
use zorgkluis_core::Lang;

#[derive(Parser)]
#[command(
    name = "zorgkluis",
    version,
    about = "zorgkluis: het privacyreglement van een zorgaanbieder, uitvoerbaar gemaakt\n\
             (zorgkluis: a care provider's privacy regulation, made executable)"
)]
struct Cli {
    /// Language of messages: nl (default) or en. Also from ZORGKLUIS_LANG.
    #[arg(long, global = true, value_enum)]
    lang: Option<LangArg>,
    #[command(flatten)]
    installation: store_cmd::Installation,
    #[command(subcommand)]
    command: Command,
}

#[derive(Clone, Copy, ValueEnum)]
enum LangArg {
    Nl,
    En,
}

#[derive(Subcommand)]
enum UserCommand {
    /// Add a staff account; the password is read from ZORGKLUIS_PASSWORD or standard input.
    Add {
        #[arg(long)]
        id: String,
        #[arg(long)]
        role: String,
        /// A trainee with a supervisor assigned.
        #[arg(long)]
        supervised: bool,
    },
    /// Disable an account (someone who left): its logins, sessions and API token end at once.
    Disable {
        /// The account's id.
        id: String,
    },
    /// Set an account's password (a change, or an administrator's reset): read from
    /// ZORGKLUIS_PASSWORD, a prompt, or the first line of standard input. Ends its sessions.
    Password {
        /// The account's id.
        id: String,
    },
    /// Give an account a new second factor (TOTP) and print its key and otpauth address for
    /// the authenticator app (a new phone; replaces the old one), or take it away with
    /// --remove. Ends its sessions.
    Totp {
        /// The account's id.
        id: String,
        /// Take the second factor away; a role that needs one sets up a new one at login.
        #[arg(long)]
        remove: bool,
    },
    /// Print the code an authenticator app shows now for a key (for the demo and for tests;
    /// whoever holds the key can make its codes anyway).
    TotpCode {
        /// The key in base32, as `user totp` printed it.
        #[arg(long)]
        secret: String,
    },
}

#[derive(Subcommand)]
enum TokenCommand {
    /// Make a token that acts as NAME in ROLE; it is printed once.
    Add {
        #[arg(long)]
        name: String,
        #[arg(long)]
        role: String,
        /// When it stops working: a date (valid through that day, Dutch time), a moment
        /// (2027-01-01T12:00:00Z) or a duration from now (90d, 12h). Without: until revoked.
        #[arg(long)]
        expires: Option<String>,
    },
    /// Revoke token NAME: from now on it stands for nobody.
    Revoke {
        #[arg(long)]
        name: String,
    },
    /// The tokens: name, role, made, revoked (never the tokens themselves).
    List {
        #[arg(long)]
        json: bool,
    },
}

#[derive(Subcommand)]
enum ResearchCommand {
    /// Make a dataset for a research project; the JSON to --out or standard output.
    Export(Box<research_cmd::ExportArgs>),
}

#[derive(Subcommand)]
enum Command {
    /// Check, show and simulate a reglement before adopting it.
    #[command(subcommand)]
    Reglement(reglement_cmd::ReglementCommand),
    /// Create an installation: data directory, master key file, configuration, database.
    Init {
        /// The organisation's reglement.
        #[arg(long)]
        reglement: PathBuf,
        /// The organisation's id (lowercase letters, digits, -).
        #[arg(long, default_value = "default")]
        tenant: String,
        /// PostgreSQL (postgres://...) instead of the embedded SQLite file; also DATABASE_URL.
        #[arg(long = "database-url")]
        database_url: Option<String>,
    },
    /// Serve the JSON API of an installation (listen address: --listen or ZORGKLUIS_LISTEN,
    /// default 127.0.0.1:8080).
    Serve {
        #[arg(long)]
        listen: Option<String>,
    },
    /// Create the demo organisation (once) with synthetic clients and staff, and serve it.
    Demo {
        #[arg(long)]
        listen: Option<String>,
        /// PostgreSQL (postgres://...) instead of the embedded SQLite file, when the demo
        /// directory is made (the peer comparison measures both backends).
        #[arg(long = "database-url")]
        database_url: Option<String>,
    },
    /// Staff accounts.
    #[command(subcommand)]
    User(UserCommand),
    /// API tokens for other systems.
    #[command(subcommand)]
    Token(TokenCommand),
    /// The register of incidents and data breaches, with the AP's 72-hour clock.
    #[command(subcommand)]
    Incident(incident_cmd::IncidentCommand),
    /// The annual privacy report from the year's events (HTML, PDF or JSON).
    #[command(subcommand)]
    Report(report_cmd::ReportCommand),
    /// The registers as a spreadsheet: export them (XLSX, or one as CSV), import incidents and
    /// complaints kept in Excel.
    #[command(subcommand)]
    Register(register_cmd::RegisterCommand),
    /// The log review (NEN 7513): rules over the audit log that flag what deserves a look.
    #[command(subcommand, name = "logcontrole")]
    Logcontrole(log_review_cmd::LogReviewCommand),
    /// The complaints register, with the Wkkgz clock (six weeks, extendable once by four).
    #[command(subcommand)]
    Complaint(complaint_cmd::ComplaintCommand),
    /// The processor register (art. 28 AVG): agreements, where the data are processed, their
    /// reviews.
    #[command(subcommand)]
    Processor(processor_cmd::ProcessorCommand),
    /// The privacy assets: the systems that keep personal data, which categories, and where.
    #[command(subcommand)]
    Asset(processor_cmd::AssetCommand),
    /// The do-not-contact register: who may not be approached for newsletters, surveys or
    /// fundraising, and the check before such contact.
    #[command(subcommand)]
    Contact(contact_cmd::ContactCommand),
    /// Consent records: give (with its evidence), withdraw, list what is in force, the
    /// history; acting as a staff member (--as).
    #[command(subcommand)]
    Consent(consent_cmd::ConsentCommand),
    /// The register of recipients: the organisations data are disclosed to.
    #[command(subcommand)]
    Recipient(disclosure_cmd::RecipientCommand),
    /// The disclosure ledger: preview and send a disclosure (--as), list the ledger, record
    /// the notice to the client, whom to tell of a correction.
    #[command(subcommand)]
    Disclosure(disclosure_cmd::DisclosureCommand),
    /// Research exports: a dataset for a named project, on consent or art. 7:458 BW,
    /// pseudonymised or anonymised (k reported), noted in each client's ledger.
    #[command(subcommand)]
    Research(ResearchCommand),
    /// Objections (art. 21 AVG) per processing: file, decide with the balancing, withdraw,
    /// list; acting as a staff member who handles requests (--as).
    #[command(subcommand)]
    Objection(objection_cmd::ObjectionCommand),
    /// The NEN 7513 audit log.
    #[command(subcommand)]
    Audit(store_cmd::AuditCommand),
    /// Data subject requests: the request register, acting as a staff member (--as).
    #[command(subcommand)]
    Request(request_cmd::RequestCommand),
    /// Portal accounts of clients and representatives: issue (login name and initial
    /// password, shown once) and revoke.
    #[command(subcommand)]
    Portal(portal_cmd::PortalCommand),
    /// The master keys.
    #[command(subcommand)]
    Keys(store_cmd::KeysCommand),
    /// Write an online backup of the embedded database to FILE.
    Backup { file: PathBuf },
    /// Retention: what is due for destruction as of a date, the run that destroys it, and its
    /// destruction certificate.
    #[command(subcommand)]
    Retention(retention_cmd::RetentionCommand),
    /// Import persons, their care teams and their dossier records from a JSON Lines file
    /// (docs/import.md), acting as a staff member (--as). The whole file is checked first; a
    /// file with any error imports nothing (exit 2).
    Import(import_cmd::ImportArgs),
    /// Restore the embedded database from FILE (for PostgreSQL: after pg_restore, without a
    /// file); erasures made since the backup stay in force.
    Restore { file: Option<PathBuf> },
    /// A person's facts the law turns on (date of death, legal status) and representatives,
    /// acting as a staff member (--as).
    #[command(subcommand)]
    Person(person_cmd::PersonCommand),
}

/// The language: the flag, else ZORGKLUIS_LANG, else Dutch.
fn language(flag: Option<LangArg>) -> Lang {
    match flag {
        Some(LangArg::Nl) => Lang::Nl,
        Some(LangArg::En) => Lang::En,
        None => match std::env::var("ZORGKLUIS_LANG").as_deref() {
            Ok("en") => Lang::En,
            _ => Lang::Nl,
        },
    }
}

fn main() -> ExitCode {
    let cli = Cli::parse();
    // Structured (JSON) logs on stderr; level from ZORGKLUIS_LOG (default: info). The server
    // logs ids and route templates only, never personal data.
    let _ = tracing_subscriber::fmt()
        .json()
        .with_writer(std::io::stderr)
        .with_env_filter(
            tracing_subscriber::EnvFilter::try_from_env("ZORGKLUIS_LOG")
                .unwrap_or_else(|_| tracing_subscriber::EnvFilter::new("info")),
        )
        .try_init();
    let lang = language(cli.lang);
    match cli.command {
        Command::Reglement(reglement_cmd::ReglementCommand::Adopt(args)) => {
            reglement_version_cmd::adopt(&cli.installation, args, lang)
        }
        Command::Reglement(reglement_cmd::ReglementCommand::History { json }) => {
            reglement_version_cmd::history(&cli.installation, json, lang)
        }
        Command::Reglement(cmd) => reglement_cmd::run(cmd, lang),
        Command::Init {
            reglement,
            tenant,
            database_url,
        } => store_cmd::init(
            &cli.installation,
            &reglement,
            &tenant,
            database_url.or_else(|| std::env::var("DATABASE_URL").ok()),
            lang,
        ),
        Command::Serve { listen } => serve_cmd::serve(&cli.installation, listen, lang),
        Command::Demo {
            listen,
            database_url,
        } => serve_cmd::demo(cli.installation.data_dir(), listen, database_url, lang),
        Command::User(UserCommand::Add {
            id,
            role,
            supervised,
        }) => accounts_cmd::user_add(&cli.installation, &id, &role, supervised, lang),
        Command::User(UserCommand::Disable { id }) => {
            accounts_cmd::user_disable(&cli.installation, &id, lang)
        }
        Command::User(UserCommand::Totp { id, remove }) => {
            accounts_cmd::user_totp(&cli.installation, &id, remove, lang)
        }
        Command::User(UserCommand::TotpCode { secret }) => accounts_cmd::totp_code(&secret, lang),
        Command::User(UserCommand::Password { id }) => {
            accounts_cmd::user_password(&cli.installation, &id, lang)
        }
        Command::Token(TokenCommand::Add {
            name,
            role,
            expires,
        }) => accounts_cmd::token_add(&cli.installation, &name, &role, expires.as_deref(), lang),
        Command::Token(TokenCommand::Revoke { name }) => {
            accounts_cmd::token_revoke(&cli.installation, &name, lang)
        }
        Command::Token(TokenCommand::List { json }) => {
            accounts_cmd::token_list(&cli.installation, json, lang)
        }
        Command::Incident(cmd) => incident_cmd::run(&cli.installation, cmd, lang),
        Command::Logcontrole(cmd) => log_review_cmd::run(&cli.installation, cmd, lang),
        Command::Complaint(cmd) => complaint_cmd::run(&cli.installation, cmd, lang),
        Command::Processor(cmd) => processor_cmd::run(&cli.installation, cmd, lang),
        Command::Asset(cmd) => processor_cmd::run_asset(&cli.installation, cmd, lang),
        Command::Register(cmd) => register_cmd::run(&cli.installation, cmd, lang),
        Command::Report(cmd) => report_cmd::run(&cli.installation, cmd, lang),
        Command::Contact(cmd) => contact_cmd::run(&cli.installation, cmd, lang),
        Command::Consent(cmd) => consent_cmd::run(&cli.installation, cmd, lang),
        Command::Recipient(cmd) => disclosure_cmd::recipients(&cli.installation, cmd, lang),
        Command::Disclosure(cmd) => disclosure_cmd::run(&cli.installation, cmd, lang),
        Command::Research(ResearchCommand::Export(args)) => {
            research_cmd::run(&cli.installation, *args, lang)
        }
        Command::Objection(cmd) => objection_cmd::run(&cli.installation, cmd, lang),
        Command::Audit(cmd) => store_cmd::audit(&cli.installation, cmd, lang),
        Command::Request(cmd) => request_cmd::run(&cli.installation, cmd, lang),
        Command::Portal(cmd) => portal_cmd::run(&cli.installation, cmd, lang),
        Command::Keys(cmd) => store_cmd::keys(&cli.installation, cmd, lang),
        Command::Backup { file } => store_cmd::backup(&cli.installation, file, lang),
        Command::Restore { file } => store_cmd::restore(&cli.installation, file, lang),
        Command::Retention(cmd) => retention_cmd::run(&cli.installation, cmd, lang),
        Command::Import(args) => import_cmd::run(&cli.installation, args, lang),
        Command::Person(cmd) => person_cmd::run(&cli.installation, cmd, lang),
    }
}
