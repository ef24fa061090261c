//! The `zorgkluis` command line.

mod reglement_cmd;

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
    #[command(subcommand)]
    command: Command,
}

#[derive(Clone, Copy, ValueEnum)]
enum LangArg {
    Nl,
    En,
}

#[derive(Subcommand)]
enum Command {
    /// Check, show and simulate a reglement before adopting it.
    #[command(subcommand)]
    Reglement(reglement_cmd::ReglementCommand),
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
    let lang = language(cli.lang);
    match cli.command {
        Command::Reglement(cmd) => reglement_cmd::run(cmd, lang),
    }
}
