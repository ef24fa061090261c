//! Carrying out a transfer to a successor care provider (issue 13 part 7; art. 20 lid 2 AVG, the
//! WGBO's dossier that follows the client; BG wonen and Rondomzorg 3.9): the decided, released
//! `overdracht` request's export goes to the named care provider as the FHIR R4 bundle, the JSON
//! export and the printable copy, by one of three channels, and the transfer is recorded as a
//! disclosure in the ledger (`disclosures.rs`): the recipient, the categories and records that
//! went, the channel, the request, the SHA-256 of the bundle as it went out. The original stays
//! in the vault; a later access export lists the transfer among `disclosed_to`.
//!
//! The successor is a recipient of the register (named by its id or its name), or, when it is
//! not registered yet, registered with the transfer as a `zorgaanbieder` in the Netherlands.
//! The reads of the data were decided and logged as the request's export; the ledger entry is
//! written under the duty of handling requests, with the transfer's article, in the same
//! transaction that marks the request carried out, and only after the caller delivered.

use serde::Serialize;
use zorgkluis_core::Lang;
use zorgkluis_core::decide::{TransferAnswer, transfer_decision};
use zorgkluis_core::i18n::t;
use zorgkluis_core::t;
pub use zorgkluis_core::vocabulary::TransferChannel;
use zorgkluis_core::vocabulary::{AfterTransfer, RequestStatus, RequestType};

use super::disclosures::{Disclosure, Recipient};
use super::erasure::{ErasureCertificate, RefusedCategory};
use super::export::{SubjectExport, check_exportable};
use super::{Actor, Vault, VaultError};
use crate::StoreError;
use crate::audit::AuditAction;
use crate::keys::sha256;
use crate::writer::{Arg, Stmt};

/// The article a transfer rests on.
pub const TRANSFER_ARTICLE: &str = "AVG art. 20 lid 2";

/// The kind of recipient a successor registered with its transfer is.
const SUCCESSOR_KIND: &str = "zorgaanbieder";

/// What a transfer hands over beside the caller's own delivery.
#[derive(Debug, Clone, Serialize)]
pub struct TransferOutcome {
    /// The ledger entry: recipient, categories, channel, request, the bundle's SHA-256.
    pub disclosure: Disclosure,
    /// What followed the transfer of care, by the reglement's `[overdracht]`.
    pub after: AfterTransferOutcome,
    /// The FHIR R4 bundle as it went out (JSON).
    #[serde(skip)]
    pub bundle: String,
}

/// What followed a transfer: the original kept, or the organisation's data erased as far as
/// the law lets it go (the certificate), and whether the successor is to be told.
#[derive(Debug, Clone, Serialize)]
pub struct AfterTransferOutcome {
    /// `bewaren` or `wissen`.
    pub kind: AfterTransfer,
    /// The reglement's article and the law it rests on.
    pub articles: Vec<String>,
    /// The erasure certificate; none when the original is kept or nothing may go.
    pub certificate: Option<ErasureCertificate>,
    /// What the law keeps, with its grounds, when nothing could be erased.
    pub kept: Vec<RefusedCategory>,
    /// The successor to tell of the erasure (`ontvanger_informeren`), by name.
    pub tell_recipient: Option<String>,
}

impl Vault {
    /// The channels the reglement allows a transfer to take (all when it is silent).
    pub fn transfer_channels(&self) -> Vec<TransferChannel> {
        zorgkluis_core::decide::transfer_channels(&self.inner.reglement)
    }

    /// Carries out a decided, released `overdracht` request: makes its export and FHIR bundle,
    /// hands both to `deliver` (which writes the files, or answers the API), then records the
    /// transfer to `recipient` by `channel` in the ledger and marks the request carried out
    /// today, in one transaction. Bad input (the channel, the recipient) is refused before
    /// anything is read, naming the field; nothing is recorded when `deliver` fails. A channel
    /// the reglement does not allow is refused naming `channel`, a request that did not come
    /// in the form of consent it asks naming `consent`. After the transfer of care, a reglement
    /// that erases (`na_overdracht = "wissen"`) has every category decided as an erasure on the
    /// client's request and erases what may go, in its own commit after the transfer's.
    pub async fn execute_transfer<T>(
        &self,
        actor: &Actor,
        request: &str,
        recipient: &str,
        channel: &str,
        lang: Lang,
        deliver: impl FnOnce(&SubjectExport, &str) -> std::io::Result<T>,
    ) -> Result<(SubjectExport, TransferOutcome, T), VaultError> {
        let Some(channel) = TransferChannel::from_id(channel.trim()) else {
            return Err(VaultError::Invalid {
                field: "channel",
                message: t!(
                    lang,
                    "transfer-error-channel",
                    channel = channel,
                    channels = &TransferChannel::ids().join(", ")
                ),
            });
        };
        let name = recipient.trim();
        if name.is_empty() || name.chars().count() > 200 {
            return Err(VaultError::Invalid {
                field: "recipient",
                message: t(lang, "transfer-error-recipient"),
            });
        }
        let row = self.request_row(request).await?;
        self.may_handle(actor, &row, "uitgevoerd").await?;
        check_exportable(&row, false, lang)?;
        if row.request_type != RequestType::Overdracht {
            return Err(VaultError::Invalid {
                field: "type",
                message: t!(
                    lang,
                    "transfer-error-type",
                    kind = row.request_type.label(lang)
                ),
            });
        }
        let rules = transfer_decision(&self.inner.reglement, channel, row.channel, lang);
        if !rules.allowed {
            return Err(VaultError::Invalid {
                field: if rules.channels.contains(&channel) {
                    "consent"
                } else {
                    "channel"
                },
                message: rules.reason,
            });
        }
        let known = self
            .stored_recipients(None)
            .await?
            .into_iter()
            .find(|r| r.id == name || r.name.to_lowercase() == name.to_lowercase());
        let (recipient, register) = match known {
            Some(r) => (r, None),
            None => {
                if !self
                    .inner
                    .reglement
                    .taxonomy
                    .contains(zorgkluis_core::taxonomy::IdKind::Recipient, SUCCESSOR_KIND)
                {
                    return Err(VaultError::Invalid {
                        field: "recipient",
                        message: t(lang, "transfer-error-recipient-unknown"),
                    });
                }
                let r = Recipient {
                    id: uuid::Uuid::now_v7().to_string(),
                    kind: SUCCESSOR_KIND.to_owned(),
                    name: name.to_owned(),
                    agb_code: None,
                    kvk_number: None,
                    country: "NL".to_owned(),
                    registered_by: actor.user_id.clone(),
                    registered_at: crate::clock::now(),
                };
                let stmt = Stmt::new(
                    "INSERT INTO recipients (tenant_id, id, kind, name, agb_code, kvk_number, \
                     country, registered_by, registered_at) \
                     VALUES ($1, $2, $3, $4, NULL, NULL, $5, $6, $7)",
                    vec![
                        Arg::Text(self.inner.tenant.clone()),
                        Arg::Text(r.id.clone()),
                        Arg::Text(r.kind.clone()),
                        Arg::Text(r.name.clone()),
                        Arg::Text(r.country.clone()),
                        Arg::Text(r.registered_by.clone()),
                        Arg::Text(r.registered_at.clone()),
                    ],
                );
                (r, Some(stmt))
            }
        };

        let export = self.released_export(actor, &row, lang).await?;
        let bundle = super::fhir::bundle_json(&export)
            .map_err(|e| StoreError::Crypto(format!("FHIR bundle: {e}")))?;
        let categories: Vec<String> = export
            .categories
            .iter()
            .filter(|c| !c.entries.is_empty())
            .map(|c| c.category.clone())
            .collect();
        let record_ids: Vec<String> = export
            .categories
            .iter()
            .flat_map(|c| &c.entries)
            .flat_map(|e| {
                e.earlier
                    .iter()
                    .chain(std::iter::once(&e.current))
                    .chain(&e.supplements)
            })
            .map(|v| v.record_id.clone())
            .collect();
        let today = crate::clock::today();
        let disclosure = Disclosure {
            id: uuid::Uuid::now_v7().to_string(),
            person_id: row.person_id.clone(),
            recipient,
            categories,
            record_ids,
            payload_sha256: hex::encode(sha256(&[bundle.as_bytes()])),
            consent_ids: Vec::new(),
            // The law's article, and the reglement's own where it rules on transfers.
            articles: std::iter::once(TRANSFER_ARTICLE.to_owned())
                .chain(
                    self.inner
                        .reglement
                        .file
                        .transfer
                        .as_ref()
                        .map(|t| t.article.get_ref().clone()),
                )
                .collect(),
            purpose: format!("verzoek-{}", RequestType::Overdracht.id()),
            disclosed_on: today,
            disclosed_by: actor.user_id.clone(),
            disclosed_role: actor.role.clone(),
            disclosed_at: crate::clock::now(),
            notice_required: false,
            conflict_of_duties: false,
            notice_articles: Vec::new(),
            notice: None,
            channel: Some(channel.id().to_owned()),
            request_id: Some(row.id.clone()),
        };

        let delivered = deliver(&export, &bundle).map_err(StoreError::Io)?;

        let permit = self
            .request_permit(
                actor,
                AuditAction::DisclosureRecord,
                &row.person_id,
                RequestType::Overdracht.id(),
            )
            .await?
            .citing(&disclosure.articles)
            .with_object(&disclosure.id);
        let json = |list: &[String]| serde_json::to_string(list).unwrap_or_else(|_| "[]".into());
        let d = &disclosure;
        let mut statements: Vec<Stmt> = register.into_iter().collect();
        statements.push(Stmt::new(
            "INSERT INTO disclosures (tenant_id, id, person_id, recipient_id, categories, \
             record_ids, payload_sha256, consent_ids, articles, purpose, disclosed_on, \
             disclosed_by, disclosed_role, disclosed_at, notice_required, notice_articles, \
             channel, request_id) VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10, $11, $12, \
             $13, $14, $15, $16, $17, $18)",
            vec![
                Arg::Text(self.inner.tenant.clone()),
                Arg::Text(d.id.clone()),
                Arg::Text(d.person_id.clone()),
                Arg::Text(d.recipient.id.clone()),
                Arg::Text(json(&d.categories)),
                Arg::Text(json(&d.record_ids)),
                Arg::Text(d.payload_sha256.clone()),
                Arg::Text(json(&d.consent_ids)),
                Arg::Text(json(&d.articles)),
                Arg::Text(d.purpose.clone()),
                Arg::Text(d.disclosed_on.to_string()),
                Arg::Text(d.disclosed_by.clone()),
                Arg::Text(d.disclosed_role.clone()),
                Arg::Text(d.disclosed_at.clone()),
                Arg::Int(0),
                Arg::Text("[]".to_owned()),
                Arg::OptText(d.channel.clone()),
                Arg::OptText(d.request_id.clone()),
            ],
        ));
        self.move_request_with(
            actor,
            &row,
            (RequestStatus::Uitgevoerd, "uitgevoerd", today),
            vec![permit],
            statements,
            lang,
        )
        .await?;
        let after = self
            .after_transfer(actor, &row, &disclosure, rules, lang)
            .await?;
        Ok((
            export,
            TransferOutcome {
                disclosure,
                after,
                bundle,
            },
            delivered,
        ))
    }

    /// What follows a transfer that was recorded: by the reglement, the original kept, or
    /// every category decided as an erasure on the client's request (the law keeping what it
    /// keeps) and what may go erased, the certificate citing the transfer request.
    async fn after_transfer(
        &self,
        actor: &Actor,
        row: &super::requests::Row,
        disclosure: &Disclosure,
        rules: TransferAnswer,
        lang: Lang,
    ) -> Result<AfterTransferOutcome, VaultError> {
        let mut after = AfterTransferOutcome {
            kind: rules.after,
            articles: rules.articles,
            certificate: None,
            kept: Vec::new(),
            tell_recipient: None,
        };
        if rules.after == AfterTransfer::Bewaren {
            return Ok(after);
        }
        let today = crate::clock::today();
        let (granted, refused) = self
            .erasure_plan(&row.person_id, &[], row.received, today, lang)
            .await?;
        if granted.is_empty() {
            after.kept = refused;
            return Ok(after);
        }
        after.certificate = Some(
            self.erase_categories(
                actor,
                &row.person_id,
                &granted,
                refused,
                Some(&row.id),
                "na-overdracht",
            )
            .await?,
        );
        if rules.inform_recipient {
            after.tell_recipient = Some(disclosure.recipient.name.clone());
        }
        Ok(after)
    }
}
