//! `zorgkluis reglement adopt FILE --announced DATE --effective DATE [--as USER]` and
//! `zorgkluis reglement history`: the versions of the installation's reglement in force by date
//! (issue 17 part 4). An invalid file is refused with its diagnostics (exit 1), an effective date
//! inside the announcement period with exit 2 naming `--effective` and the article; nothing is
//! stored on refusal. The version in force today is the one the installation opens with
//! (`store_cmd::open`).

use std::path::PathBuf;
use std::process::ExitCode;

use clap::Args;
use jiff::civil::Date;
use zorgkluis_core::i18n::t;
use zorgkluis_core::time::format_date;
use zorgkluis_core::{Lang, Reglement, t};
use zorgkluis_store::vault::{NewReglementVersion, ReglementVersion, VaultError};

use crate::reglement_cmd::{INVALID, compile, parse_date, read, to_json};
use crate::store_cmd::{self, Installation};

#[derive(Args)]
pub struct AdoptArgs {
    /// The new version's reglement file.
    pub file: PathBuf,
    /// The day it was announced to those it concerns (YYYY-MM-DD).
    #[arg(long, value_parser = parse_date)]
    pub announced: Date,
    /// The day it takes effect (YYYY-MM-DD): not inside the announcement period.
    #[arg(long, value_parser = parse_date)]
    pub effective: Date,
    /// The staff member who adopts it (a role with `adopt_reglement`: the directie).
    #[arg(long = "as")]
    pub as_user: Option<String>,
    #[arg(long)]
    pub json: bool,
}

pub fn adopt(inst: &Installation, args: AdoptArgs, lang: Lang) -> ExitCode {
    let source = match read(&args.file, lang) {
        Ok(s) => s,
        Err(code) => return code,
    };
    let name = args.file.display().to_string();
    // The file first, without the installation: its diagnostics, and its policies compiled.
    let reglement = match Reglement::load(&name, &source, lang) {
        Ok(r) => r,
        Err(diagnostics) => {
            for d in &diagnostics {
                eprint!("{}", d.render(&source, lang));
            }
            return ExitCode::from(INVALID);
        }
    };
    if let Err(code) = compile(&args.file, &reglement, &source, lang) {
        return code;
    }
    let file_name = args
        .file
        .file_name()
        .map_or_else(|| name.clone(), |n| n.to_string_lossy().into_owned());
    // Every refusal below exits 2 (bad input), naming the flag.
    store_cmd::with_vault(inst, lang, |v| async move {
        let actor = store_cmd::acting(&v, args.as_user.as_deref()).await?;
        let new = NewReglementVersion {
            file_name: &file_name,
            source: &source,
            announced: args.announced,
            effective: args.effective,
        };
        match v.adopt_reglement(&actor, &new, lang).await {
            Ok(adopted) => Ok((
                if args.json {
                    to_json(&adopted)
                } else {
                    t!(
                        lang,
                        "cli-reglement-adopted",
                        version = &adopted.version,
                        announced = &format_date(args.announced, lang),
                        effective = &format_date(adopted.effective, lang),
                        by = &actor.user_id
                    )
                },
                true,
            )),
            Err(VaultError::Invalid { field, message }) => Err(format!("--{field}: {message}")),
            Err(VaultError::Denied(d)) if args.as_user.is_none() => Err(format!(
                "--as: {} ({})",
                t(lang, "cli-reglement-adopt-as"),
                d.explain(lang)
            )),
            Err(e) => Err(e.to_string()),
        }
    })
}

fn describe(v: &ReglementVersion, lang: Lang) -> String {
    let mut line = t!(
        lang,
        "cli-reglement-version",
        version = &v.version,
        effective = &format_date(v.effective, lang),
        sha = v.sha256.get(..12).unwrap_or(&v.sha256)
    );
    if let Some(announced) = v.announced {
        line.push_str("; ");
        line.push_str(&t!(
            lang,
            "cli-reglement-version-announced",
            announced = &format_date(announced, lang)
        ));
    }
    line.push_str("; ");
    line.push_str(&match &v.adopted_by {
        Some(by) => t!(lang, "cli-reglement-version-adopted-by", by = by),
        None => t(lang, "cli-reglement-version-installed"),
    });
    if v.in_force {
        line.push_str(" — ");
        line.push_str(&t(lang, "cli-reglement-version-in-force"));
    }
    line
}

pub fn history(inst: &Installation, json: bool, lang: Lang) -> ExitCode {
    store_cmd::with_vault(inst, lang, |v| async move {
        let versions = v.reglement_versions().await.map_err(|e| e.to_string())?;
        Ok((
            if json {
                to_json(&versions)
            } else {
                versions
                    .iter()
                    .map(|v| describe(v, lang))
                    .collect::<Vec<_>>()
                    .join("\n")
            },
            true,
        ))
    })
}
