//! `zorgkluis retention hold|release|holds`, `extend|withdraw-extension|extensions` and
//! `transfer start|told|end` and `transfers`: the legal holds that keep a person's data from
//! destruction and erasure, the extensions of a category's retention on the client's consent or
//! the caregiver's judgement, and the transfer of the whole registration that suspends every
//! term where the reglement says so (BG wonen and Rondomzorg 3.7). Each is a
//! person's decision, so each names the staff member who takes it (`--as USER`): the reglement
//! decides whether that user's role may (`place_hold` for holds; a write of the category for an
//! extension), and the audit log records it.

use std::process::ExitCode;

use clap::Subcommand;
use jiff::civil::Date;
use zorgkluis_core::vocabulary::{ExtensionGround, HoldKind};
use zorgkluis_core::{Lang, t};
use zorgkluis_store::vault::{
    Actor, Hold, NewHold, NewRetentionExtension, RegistrationTransfer, RetentionExtension, Vault,
};

use crate::reglement_cmd::parse_date;
use crate::retention_cmd::json;
use crate::store_cmd::{Installation, with_vault};

fn parse_kind(s: &str) -> Result<HoldKind, String> {
    HoldKind::from_id(s).ok_or_else(|| format!("`{s}`: one of {}", HoldKind::ids().join(", ")))
}

fn parse_ground(s: &str) -> Result<ExtensionGround, String> {
    ExtensionGround::from_id(s)
        .ok_or_else(|| format!("`{s}`: one of {}", ExtensionGround::ids().join(", ")))
}

#[derive(Subcommand)]
pub enum HoldCommand {
    /// Place a legal hold: nothing of the person (or of --category) is destroyed or erased
    /// while it stands. Prints the hold's id.
    Hold {
        /// The staff member who decides (a role the reglement gives place_hold).
        #[arg(long = "as")]
        user: String,
        #[arg(long)]
        person: String,
        /// A complaint, a court case, a Wkkgz investigation, the caregiver's judgement or a
        /// specific law: klacht, rechtszaak, wkkgz_onderzoek, oordeel_hulpverlener,
        /// wettelijke_plicht.
        #[arg(long, value_parser = parse_kind)]
        kind: HoldKind,
        #[arg(long)]
        reason: String,
        /// One category only; without it, everything of the person.
        #[arg(long)]
        category: Option<String>,
        /// The first day it stands (today without it).
        #[arg(long, value_parser = parse_date)]
        from: Option<Date>,
        /// The last day it stands (until released without it).
        #[arg(long, value_parser = parse_date)]
        until: Option<Date>,
        /// When it is to be looked at again.
        #[arg(long, value_parser = parse_date)]
        review: Option<Date>,
        #[arg(long)]
        json: bool,
    },
    /// Release a standing legal hold.
    Release {
        hold_id: String,
        #[arg(long = "as")]
        user: String,
    },
    /// The hold register: the standing holds (with --all also the released), with reasons.
    Holds {
        #[arg(long = "as")]
        user: String,
        #[arg(long)]
        all: bool,
        #[arg(long)]
        json: bool,
    },
    /// Keep a person's category past its term, on the client's consent (where the reglement
    /// allows it) or on the caregiver's judgement with the reason (where the WGBO or the
    /// Jeugdwet governs). Prints the extension's id.
    Extend {
        /// The staff member who decides (one who may write the category for the person).
        #[arg(long = "as")]
        user: String,
        #[arg(long)]
        person: String,
        #[arg(long)]
        category: String,
        /// toestemming or oordeel_hulpverlener.
        #[arg(long, value_parser = parse_ground)]
        ground: ExtensionGround,
        /// The last day it is kept.
        #[arg(long, value_parser = parse_date)]
        until: Date,
        /// Why (required on the caregiver's judgement; for consent, where it is recorded).
        #[arg(long, default_value = "")]
        reason: String,
        #[arg(long)]
        json: bool,
    },
    /// Withdraw an extension (the consent is withdrawn, the reason lapsed).
    WithdrawExtension {
        extension_id: String,
        #[arg(long = "as")]
        user: String,
    },
    /// The extensions decided, withdrawn ones too, with reasons.
    Extensions {
        #[arg(long = "as")]
        user: String,
        #[arg(long)]
        json: bool,
    },
    /// The transfer of the whole registration to another organisation: while it stands, no
    /// term applies and nothing is destroyed (where the reglement says so).
    #[command(subcommand)]
    Transfer(TransferCommand),
    /// The transfers of the registration, newest first.
    Transfers {
        #[arg(long = "as")]
        user: String,
        #[arg(long)]
        json: bool,
    },
}

#[derive(Subcommand)]
pub enum TransferCommand {
    /// Start it: prints the transfer's id. Tell the clients (and record it with `told`).
    Start {
        #[arg(long = "as")]
        user: String,
        /// The organisation that takes the registration over.
        #[arg(long)]
        to: String,
        /// The first day it stands (today without it).
        #[arg(long, value_parser = parse_date)]
        on: Option<Date>,
        #[arg(long)]
        json: bool,
    },
    /// Record the day the clients were told, so that they could object.
    Told {
        transfer_id: String,
        #[arg(long = "as")]
        user: String,
        #[arg(long, value_parser = parse_date)]
        on: Date,
    },
    /// End it: from the next day the terms apply again.
    End {
        transfer_id: String,
        #[arg(long = "as")]
        user: String,
        #[arg(long, value_parser = parse_date)]
        on: Date,
    },
}

async fn staff(v: &Vault, user: &str) -> Result<Actor, String> {
    v.accounts()
        .staff_actor(user, "cli")
        .await
        .map_err(|e| format!("--as: {e}"))
}

fn date_or_dash(d: Option<Date>) -> String {
    d.map_or_else(|| "-".to_owned(), |d| d.to_string())
}

fn hold_line(h: &Hold, lang: Lang) -> String {
    t!(
        lang,
        "cli-hold-line",
        id = &h.id,
        person = &h.person_id,
        category = h.category.as_deref().unwrap_or("*"),
        kind = h.kind.label(lang),
        law = h.law,
        from = &h.starts_on.to_string(),
        until = &date_or_dash(h.ends_on),
        review = &date_or_dash(h.review_on),
        by = &h.placed_by,
        reason = h.reason.as_deref().unwrap_or("-"),
        released = if h.released_at.is_some() { "yes" } else { "no" }
    )
}

fn extension_line(e: &RetentionExtension, lang: Lang) -> String {
    t!(
        lang,
        "cli-extension-line",
        id = &e.id,
        person = &e.person_id,
        category = &e.category,
        ground = e.ground.label(lang),
        until = &e.until.to_string(),
        article = &e.article,
        by = &e.decided_by,
        reason = e.reason.as_deref().unwrap_or("-"),
        withdrawn = if e.withdrawn_at.is_some() {
            "yes"
        } else {
            "no"
        }
    )
}

fn transfer_line(t: &RegistrationTransfer, lang: Lang) -> String {
    t!(
        lang,
        "cli-transfer-line",
        id = &t.id,
        recipient = &t.recipient,
        from = &t.starts_on.to_string(),
        until = &date_or_dash(t.ended_on),
        told = &date_or_dash(t.clients_told_on),
        by = &t.started_by,
        article = &t.article
    )
}

fn today() -> Date {
    zorgkluis_core::time::dutch_date(jiff::Timestamp::now())
}

fn id_out(id: &str, as_json: bool) -> Result<String, String> {
    if as_json {
        json(&serde_json::json!({ "id": id }))
    } else {
        Ok(id.to_owned())
    }
}

pub fn run(inst: &Installation, cmd: HoldCommand, lang: Lang) -> ExitCode {
    match cmd {
        HoldCommand::Hold {
            user,
            person,
            kind,
            reason,
            category,
            from,
            until,
            review,
            json: as_json,
        } => with_vault(inst, lang, |v| async move {
            let actor = staff(&v, &user).await?;
            let new = NewHold {
                person,
                category,
                kind,
                reason,
                starts_on: from.unwrap_or_else(today),
                ends_on: until,
                review_on: review,
            };
            let id = v
                .place_hold(&actor, &new)
                .await
                .map_err(|e| e.to_string())?;
            Ok((id_out(&id, as_json)?, true))
        }),
        HoldCommand::Release { hold_id, user } => with_vault(inst, lang, |v| async move {
            let actor = staff(&v, &user).await?;
            v.release_hold(&actor, &hold_id)
                .await
                .map_err(|e| e.to_string())?;
            Ok((t!(lang, "cli-hold-released", id = &hold_id), true))
        }),
        HoldCommand::Holds {
            user,
            all,
            json: as_json,
        } => with_vault(inst, lang, |v| async move {
            let actor = staff(&v, &user).await?;
            let holds = v
                .hold_register(&actor, all)
                .await
                .map_err(|e| e.to_string())?;
            let text = if as_json {
                json(&holds)?
            } else if holds.is_empty() {
                t!(lang, "cli-holds-none")
            } else {
                holds
                    .iter()
                    .map(|h| hold_line(h, lang))
                    .collect::<Vec<_>>()
                    .join("\n")
            };
            Ok((text, true))
        }),
        HoldCommand::Extend {
            user,
            person,
            category,
            ground,
            until,
            reason,
            json: as_json,
        } => with_vault(inst, lang, |v| async move {
            let actor = staff(&v, &user).await?;
            let new = NewRetentionExtension {
                person,
                category,
                ground,
                until,
                reason,
            };
            let id = v
                .extend_retention(&actor, &new)
                .await
                .map_err(|e| e.to_string())?;
            Ok((id_out(&id, as_json)?, true))
        }),
        HoldCommand::WithdrawExtension { extension_id, user } => {
            with_vault(inst, lang, |v| async move {
                let actor = staff(&v, &user).await?;
                v.withdraw_extension(&actor, &extension_id)
                    .await
                    .map_err(|e| e.to_string())?;
                Ok((
                    t!(lang, "cli-extension-withdrawn", id = &extension_id),
                    true,
                ))
            })
        }
        HoldCommand::Transfer(TransferCommand::Start {
            user,
            to,
            on,
            json: as_json,
        }) => with_vault(inst, lang, |v| async move {
            let actor = staff(&v, &user).await?;
            let id = v
                .start_transfer(&actor, &to, on.unwrap_or_else(today))
                .await
                .map_err(|e| e.to_string())?;
            Ok((id_out(&id, as_json)?, true))
        }),
        HoldCommand::Transfer(TransferCommand::Told {
            transfer_id,
            user,
            on,
        }) => with_vault(inst, lang, |v| async move {
            let actor = staff(&v, &user).await?;
            v.record_transfer_told(&actor, &transfer_id, on)
                .await
                .map_err(|e| e.to_string())?;
            Ok((t!(lang, "cli-transfer-told", id = &transfer_id), true))
        }),
        HoldCommand::Transfer(TransferCommand::End {
            transfer_id,
            user,
            on,
        }) => with_vault(inst, lang, |v| async move {
            let actor = staff(&v, &user).await?;
            v.end_transfer(&actor, &transfer_id, on)
                .await
                .map_err(|e| e.to_string())?;
            Ok((t!(lang, "cli-transfer-ended", id = &transfer_id), true))
        }),
        HoldCommand::Transfers {
            user,
            json: as_json,
        } => with_vault(inst, lang, |v| async move {
            let actor = staff(&v, &user).await?;
            let list = v
                .registration_transfers(&actor)
                .await
                .map_err(|e| e.to_string())?;
            let text = if as_json {
                json(&list)?
            } else if list.is_empty() {
                t!(lang, "cli-transfers-none")
            } else {
                list.iter()
                    .map(|x| transfer_line(x, lang))
                    .collect::<Vec<_>>()
                    .join("\n")
            };
            Ok((text, true))
        }),
        HoldCommand::Extensions {
            user,
            json: as_json,
        } => with_vault(inst, lang, |v| async move {
            let actor = staff(&v, &user).await?;
            let list = v
                .retention_extensions(&actor)
                .await
                .map_err(|e| e.to_string())?;
            let text = if as_json {
                json(&list)?
            } else if list.is_empty() {
                t!(lang, "cli-extensions-none")
            } else {
                list.iter()
                    .map(|e| extension_line(e, lang))
                    .collect::<Vec<_>>()
                    .join("\n")
            };
            Ok((text, true))
        }),
    }
}
