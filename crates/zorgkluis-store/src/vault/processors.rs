//! The processor register (art. 28 AVG) and the register of privacy assets (BG wonen's E13;
//! Aliantus "Delen", Rondomzorg 1.6): every processor agreement with the processings and
//! categories it covers, its sub-processors, the countries where the data are processed, when it
//! was signed, reviewed and is next reviewed, its security measures and its end; every system
//! that keeps personal data, which categories it keeps, where, under which agreement, and the
//! role that owns it. A reglement that demands processing inside the EEA (`[verwerkers]
//! alleen_eer`) has an agreement or an asset outside it refused, naming the field and the
//! article.
//!
//! Keeping the registers is the duty of whoever keeps the incident register
//! (`manage_incidents`: the same officer keeps BG wonen's E12 and E13); the oversight of the
//! audit log (`read_audit`) reads them too, without the sealed security measures. Every step is
//! decided and logged like every access, the agreement's or asset's id as the event's object;
//! the chain holds ids only. None of it concerns a client, so no event has a subject.

use std::collections::BTreeSet;

use jiff::civil::Date;
use serde::{Deserialize, Serialize};
use sqlx::Row as _;
use zorgkluis_core::processor::{eea_only, in_eea, is_country_code, next_review};
use zorgkluis_core::taxonomy::IdKind;
use zorgkluis_core::vocabulary::Duty;

use super::{Actor, Vault, VaultError};
use crate::StoreError;
use crate::audit::AuditAction;
use crate::sealed::{self, Permit, Receipt};
use crate::writer::{Arg, Stmt};

/// How many days before its date a review shows as due (the reminder's lead).
pub const REVIEW_REMINDER_DAYS: i64 = 30;

/// A processor agreement as it is recorded.
#[derive(Debug, Clone, Default, PartialEq, Eq, Deserialize)]
pub struct NewProcessor {
    /// The processor's name (an organisation).
    pub processor: String,
    /// Its number in the Handelsregister (eight digits), where known.
    pub kvk: Option<String>,
    /// The reglement's processings it carries out.
    pub processings: Vec<String>,
    /// The categories of data it processes: the processings' own.
    pub categories: Vec<String>,
    /// Its sub-processors (art. 28 lid 2 and 4 AVG), by name.
    pub subprocessors: Vec<String>,
    /// Where the data are processed: ISO 3166-1 alpha-2 codes.
    pub countries: Vec<String>,
    pub signed_on: Option<Date>,
    /// The next review; computed from the reglement's interval when left out.
    pub next_review: Option<Date>,
    /// The security measures (art. 28 lid 3 sub c, art. 32 AVG), sealed.
    pub security: String,
}

/// One processor agreement as the register holds it.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct ProcessorAgreement {
    pub id: String,
    pub processor: String,
    pub kvk: Option<String>,
    pub processings: Vec<String>,
    pub categories: Vec<String>,
    pub subprocessors: Vec<String>,
    pub countries: Vec<String>,
    pub signed_on: Date,
    pub reviewed_on: Option<Date>,
    pub next_review: Date,
    pub ended_on: Option<Date>,
    /// The security measures; `None` when the reader does not keep the register (the oversight
    /// reads the register without them).
    pub security: Option<String>,
}

impl ProcessorAgreement {
    pub fn active(&self) -> bool {
        self.ended_on.is_none()
    }

    /// Its review is due: active, and the next review lies within the reminder's lead.
    pub fn review_due(&self, today: Date) -> bool {
        self.active() && i64::from((self.next_review - today).get_days()) <= REVIEW_REMINDER_DAYS
    }

    /// Its review date has passed.
    pub fn overdue(&self, today: Date) -> bool {
        self.active() && self.next_review < today
    }
}

/// A privacy asset as it is recorded.
#[derive(Debug, Clone, Default, PartialEq, Eq, Deserialize)]
pub struct NewAsset {
    /// The system's name ("ECD", "fileserver").
    pub name: String,
    /// What kind of system (application, server, archive, paper).
    pub kind: String,
    pub categories: Vec<String>,
    /// The country where it keeps them (ISO 3166-1 alpha-2).
    pub country: String,
    /// Where in that country (a data centre, an office).
    pub location: Option<String>,
    /// The processor agreement it falls under, if a processor runs it.
    pub agreement: Option<String>,
    /// The role that owns it.
    pub owner_role: String,
}

/// One privacy asset as the register holds it.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct PrivacyAsset {
    pub id: String,
    pub name: String,
    pub kind: String,
    pub categories: Vec<String>,
    pub country: String,
    pub location: Option<String>,
    pub agreement: Option<String>,
    pub owner_role: String,
}

/// The free text of an agreement, sealed as one.
#[derive(Debug, Default, Serialize, Deserialize)]
struct Texts {
    security: String,
}

fn invalid(field: &'static str, message: &str) -> VaultError {
    VaultError::Invalid {
        field,
        message: message.to_owned(),
    }
}

fn not_after(field: &'static str, day: Date, today: Date) -> Result<(), VaultError> {
    if day > today {
        return Err(invalid(field, "lies in the future"));
    }
    Ok(())
}

/// The trimmed, non-empty, distinct entries of a list, in their order.
fn cleaned(list: &[String]) -> Vec<String> {
    let mut seen = BTreeSet::new();
    list.iter()
        .map(|s| s.trim().to_owned())
        .filter(|s| !s.is_empty() && seen.insert(s.clone()))
        .collect()
}

fn list_json(list: &[String]) -> String {
    serde_json::to_string(list).unwrap_or_else(|_| "[]".to_owned())
}

fn list_from(text: &str) -> Result<Vec<String>, VaultError> {
    serde_json::from_str(text).map_err(|e| StoreError::Verify(e.to_string()).into())
}

fn date(text: Option<String>) -> Option<Date> {
    text.and_then(|t| t.parse().ok())
}

/// The entry under which an agreement's text is sealed: apart from an incident's.
fn entry(id: &str) -> String {
    format!("processor/{id}")
}

const COLUMNS: &str = "id, processor, kvk, processings, categories, subprocessors, countries, \
     signed_on, reviewed_on, next_review, ended_on, texts";

const ASSET_COLUMNS: &str =
    "id, name, kind, categories, country, location, agreement_id, owner_role";

impl Vault {
    /// Keeping the registers: the incident register's keeper's duty.
    pub(super) async fn allow_processors(
        &self,
        actor: &Actor,
        action: AuditAction,
        id: Option<&str>,
    ) -> Result<Permit, VaultError> {
        let permit = self
            .authorize_duty(
                actor,
                Duty::ManageIncidents,
                false,
                action,
                None,
                "verwerkersregister",
            )
            .await?;
        Ok(match id {
            Some(id) => permit.with_object(id),
            None => permit,
        })
    }

    /// Reading the registers: the keeper (who opens the security measures) or the oversight of
    /// the audit log (who does not). Whether the texts are opened is the answer's second half.
    async fn allow_processor_read(
        &self,
        actor: &Actor,
        action: AuditAction,
        id: Option<&str>,
    ) -> Result<(Permit, bool), VaultError> {
        if self.may(actor, Duty::ManageIncidents) || !self.may(actor, Duty::ReadAudit) {
            return Ok((self.allow_processors(actor, action, id).await?, true));
        }
        let permit = self
            .authorize_duty(
                actor,
                Duty::ReadAudit,
                false,
                action,
                None,
                "verwerkersregister",
            )
            .await?;
        Ok((
            match id {
                Some(id) => permit.with_object(id),
                None => permit,
            },
            false,
        ))
    }

    /// Whether the reglement demands the EEA, and a country outside it then: refused naming
    /// `field` and the article.
    fn check_countries(&self, field: &'static str, countries: &[String]) -> Result<(), VaultError> {
        if countries.is_empty() {
            return Err(invalid(
                field,
                "where the data are processed (ISO 3166-1 alpha-2, NL)",
            ));
        }
        for c in countries {
            if !is_country_code(c) {
                return Err(invalid(
                    field,
                    &format!("`{c}` is not an ISO 3166-1 alpha-2 code (two capitals, such as NL)"),
                ));
            }
        }
        if let Some(article) = eea_only(&self.inner.reglement)
            && let Some(outside) = countries.iter().find(|c| !in_eea(c))
        {
            return Err(invalid(
                field,
                &format!(
                    "{outside} lies outside the EEA, and the reglement demands processing inside \
                     it ({article})"
                ),
            ));
        }
        Ok(())
    }

    /// Each category known to the reglement.
    fn check_categories(&self, categories: &[String]) -> Result<(), VaultError> {
        if categories.is_empty() {
            return Err(invalid("categories", "which categories of data"));
        }
        let taxonomy = &self.inner.reglement.taxonomy;
        if let Some(bad) = categories
            .iter()
            .find(|c| !taxonomy.contains(IdKind::Category, c))
        {
            return Err(invalid(
                "categories",
                &format!("`{bad}` is no category of this reglement"),
            ));
        }
        Ok(())
    }

    /// What a new agreement must say; its lists cleaned and its next review computed.
    pub(super) fn checked_processor(&self, new: &NewProcessor) -> Result<NewProcessor, VaultError> {
        let today = crate::clock::today();
        let processor = new.processor.trim();
        if processor.is_empty() {
            return Err(invalid("processor", "the processor's name"));
        }
        let kvk = new.kvk.as_deref().map(str::trim).filter(|k| !k.is_empty());
        if let Some(k) = kvk
            && !(k.len() == 8 && k.bytes().all(|b| b.is_ascii_digit()))
        {
            return Err(invalid("kvk", "a KvK number has eight digits"));
        }
        let processings = cleaned(&new.processings);
        if processings.is_empty() {
            return Err(invalid(
                "processings",
                "which of the reglement's processings",
            ));
        }
        let known = &self.inner.reglement.file.processings;
        let mut allowed: BTreeSet<&str> = BTreeSet::new();
        for id in &processings {
            let Some(p) = known.iter().find(|p| p.get_ref().id.get_ref() == id) else {
                return Err(invalid(
                    "processings",
                    &format!("`{id}` is no processing of this reglement"),
                ));
            };
            allowed.extend(p.get_ref().categories.iter().map(|c| c.get_ref().as_str()));
        }
        let categories = cleaned(&new.categories);
        self.check_categories(&categories)?;
        if let Some(bad) = categories.iter().find(|c| !allowed.contains(c.as_str())) {
            return Err(invalid(
                "categories",
                &format!("`{bad}` is not processed in {}", processings.join(", ")),
            ));
        }
        let countries = cleaned(&new.countries);
        self.check_countries("countries", &countries)?;
        let signed_on = new
            .signed_on
            .ok_or_else(|| invalid("signed_on", "when the agreement was signed"))?;
        not_after("signed_on", signed_on, today)?;
        let next = match new.next_review {
            Some(d) => d,
            None => next_review(&self.inner.reglement, signed_on)
                .map_err(|_| invalid("signed_on", "out of range"))?,
        };
        if next <= signed_on {
            return Err(invalid("next_review", "after the agreement was signed"));
        }
        Ok(NewProcessor {
            processor: processor.to_owned(),
            kvk: kvk.map(str::to_owned),
            processings,
            categories,
            subprocessors: cleaned(&new.subprocessors),
            countries,
            signed_on: Some(signed_on),
            next_review: Some(next),
            security: new.security.trim().to_owned(),
        })
    }

    async fn seal_processor_texts(&self, id: &str, texts: &Texts) -> Result<Vec<u8>, VaultError> {
        let json = serde_json::to_vec(texts).map_err(|e| StoreError::Crypto(e.to_string()))?;
        Ok(sealed::seal_register_text(
            &*self.inner.keys.read().await.register_text_key()?,
            &self.inner.tenant,
            &entry(id),
            &json,
        )?)
    }

    /// The statement that inserts a checked agreement (recorded here, or imported with the
    /// review and the end it already had).
    pub(super) async fn processor_insert(
        &self,
        id: &str,
        new: &NewProcessor,
        reviewed_on: Option<Date>,
        ended_on: Option<Date>,
    ) -> Result<Stmt, VaultError> {
        let texts = Texts {
            security: new.security.clone(),
        };
        let sealed_texts = self.seal_processor_texts(id, &texts).await?;
        let (signed, next) = (
            new.signed_on.unwrap_or_default(),
            new.next_review.unwrap_or_default(),
        );
        Ok(Stmt::new(
            "INSERT INTO processor_agreements (tenant_id, id, processor, kvk, processings, \
             categories, subprocessors, countries, signed_on, next_review, texts, created_at, \
             reviewed_on, ended_on) \
             VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10, $11, $12, $13, $14)",
            vec![
                Arg::Text(self.inner.tenant.clone()),
                Arg::Text(id.to_owned()),
                Arg::Text(new.processor.clone()),
                Arg::OptText(new.kvk.clone()),
                Arg::Text(list_json(&new.processings)),
                Arg::Text(list_json(&new.categories)),
                Arg::Text(list_json(&new.subprocessors)),
                Arg::Text(list_json(&new.countries)),
                Arg::Text(signed.to_string()),
                Arg::Text(next.to_string()),
                Arg::Blob(sealed_texts),
                Arg::Text(crate::clock::now()),
                Arg::OptText(reviewed_on.map(|d| d.to_string())),
                Arg::OptText(ended_on.map(|d| d.to_string())),
            ],
        ))
    }

    /// Records a processor agreement; returns its id. Bad input names its field before
    /// anything is decided or logged.
    pub async fn record_processor(
        &self,
        actor: &Actor,
        new: &NewProcessor,
    ) -> Result<String, VaultError> {
        let new = self.checked_processor(new)?;
        let id = uuid::Uuid::now_v7().to_string();
        let permit = self
            .allow_processors(actor, AuditAction::ProcessorRecord, Some(&id))
            .await?;
        let stmt = self.processor_insert(&id, &new, None, None).await?;
        sealed::commit(&self.inner.writer, permit, vec![stmt]).await?;
        Ok(id)
    }

    /// Every agreement, what is due first: active ones by their next review (overdue first),
    /// then the ended ones (one logged read of the register).
    pub async fn processors(&self, actor: &Actor) -> Result<Vec<ProcessorAgreement>, VaultError> {
        let (permit, opens) = self
            .allow_processor_read(actor, AuditAction::ProcessorRead, None)
            .await?;
        let receipt = sealed::commit(&self.inner.writer, permit, Vec::new()).await?;
        let sql = format!(
            "SELECT {COLUMNS} FROM processor_agreements WHERE tenant_id = $1 \
             ORDER BY next_review, id"
        );
        let rows = sqlx::query(sqlx::AssertSqlSafe(sql))
            .bind(&self.inner.tenant)
            .fetch_all(&*self.inner.pool)
            .await?;
        let key = self.inner.keys.read().await.register_text_key()?;
        let mut all = rows
            .iter()
            .map(|r| self.processor_from_row(r, opens.then_some((&*key, &receipt))))
            .collect::<Result<Vec<_>, _>>()?;
        all.sort_by_key(|a| (!a.active(), a.next_review));
        Ok(all)
    }

    /// The active agreements whose review is due within the reminder's lead (overdue ones
    /// first): the reminders of the dashboard.
    pub async fn reviews_due(
        &self,
        actor: &Actor,
        today: Date,
    ) -> Result<Vec<ProcessorAgreement>, VaultError> {
        let mut all = self.processors(actor).await?;
        all.retain(|a| a.review_due(today));
        Ok(all)
    }

    /// One agreement (a logged read).
    pub async fn processor(
        &self,
        actor: &Actor,
        id: &str,
    ) -> Result<ProcessorAgreement, VaultError> {
        self.processor_row(id).await?;
        let (permit, opens) = self
            .allow_processor_read(actor, AuditAction::ProcessorRead, Some(id))
            .await?;
        let receipt = sealed::commit(&self.inner.writer, permit, Vec::new()).await?;
        let key = self.inner.keys.read().await.register_text_key()?;
        let row = self.processor_row(id).await?;
        self.processor_from_row(&row, opens.then_some((&*key, &receipt)))
    }

    async fn processor_row(&self, id: &str) -> Result<sqlx::any::AnyRow, VaultError> {
        let sql =
            format!("SELECT {COLUMNS} FROM processor_agreements WHERE tenant_id = $1 AND id = $2");
        sqlx::query(sqlx::AssertSqlSafe(sql))
            .bind(&self.inner.tenant)
            .bind(id)
            .fetch_optional(&*self.inner.pool)
            .await?
            .ok_or_else(|| VaultError::NotFound(format!("processor agreement {id}")))
    }

    fn processor_from_row(
        &self,
        r: &sqlx::any::AnyRow,
        open: Option<(&[u8; 32], &Receipt)>,
    ) -> Result<ProcessorAgreement, VaultError> {
        let id: String = r.try_get(0)?;
        let bad = |what: &str| StoreError::Verify(format!("processor agreement {id}: bad {what}"));
        let security = match open {
            Some((key, receipt)) => {
                let sealed_texts: Vec<u8> = r.try_get(11)?;
                let plain = sealed::open_register_text(
                    key,
                    receipt,
                    &self.inner.tenant,
                    &entry(&id),
                    &sealed_texts,
                )?;
                let texts: Texts = serde_json::from_slice(&plain)
                    .map_err(|e| StoreError::Crypto(e.to_string()))?;
                Some(texts.security)
            }
            None => None,
        };
        Ok(ProcessorAgreement {
            processor: r.try_get(1)?,
            kvk: r.try_get(2)?,
            processings: list_from(&r.try_get::<String, _>(3)?)?,
            categories: list_from(&r.try_get::<String, _>(4)?)?,
            subprocessors: list_from(&r.try_get::<String, _>(5)?)?,
            countries: list_from(&r.try_get::<String, _>(6)?)?,
            signed_on: date(Some(r.try_get(7)?)).ok_or_else(|| bad("signing date"))?,
            reviewed_on: date(r.try_get(8)?),
            next_review: date(Some(r.try_get(9)?)).ok_or_else(|| bad("review date"))?,
            ended_on: date(r.try_get(10)?),
            security,
            id,
        })
    }

    /// Changes an agreement's dates: checks `change` against the stored agreement, then writes
    /// the dates with the change's event. A change `change` refuses writes nothing and logs
    /// nothing beyond the decision's refusal.
    async fn change_processor(
        &self,
        actor: &Actor,
        id: &str,
        change: impl FnOnce(&mut ProcessorAgreement) -> Result<(), VaultError>,
    ) -> Result<ProcessorAgreement, VaultError> {
        let row = self.processor_row(id).await?;
        let mut agreement = self.processor_from_row(&row, None)?;
        change(&mut agreement)?;
        let permit = self
            .allow_processors(actor, AuditAction::ProcessorChange, Some(id))
            .await?;
        let a = &agreement;
        let stmt = Stmt::must_change(
            "UPDATE processor_agreements SET reviewed_on = $1, next_review = $2, ended_on = $3 \
             WHERE tenant_id = $4 AND id = $5",
            vec![
                Arg::OptText(a.reviewed_on.map(|d| d.to_string())),
                Arg::Text(a.next_review.to_string()),
                Arg::OptText(a.ended_on.map(|d| d.to_string())),
                Arg::Text(self.inner.tenant.clone()),
                Arg::Text(id.to_owned()),
            ],
        );
        sealed::commit(&self.inner.writer, permit, vec![stmt]).await?;
        Ok(agreement)
    }

    /// Records a review done on `on`: the next review is `next`, or `on` plus the reglement's
    /// interval.
    pub async fn review_processor(
        &self,
        actor: &Actor,
        id: &str,
        on: Date,
        next: Option<Date>,
    ) -> Result<ProcessorAgreement, VaultError> {
        not_after("on", on, crate::clock::today())?;
        let reglement = self.inner.reglement.clone();
        self.change_processor(actor, id, |a| {
            if !a.active() {
                return Err(invalid("on", "the agreement has ended"));
            }
            if on < a.signed_on {
                return Err(invalid("on", "before the agreement was signed"));
            }
            let next = match next {
                Some(d) => d,
                None => next_review(&reglement, on).map_err(|_| invalid("on", "out of range"))?,
            };
            if next <= on {
                return Err(invalid("next_review", "after the review"));
            }
            a.reviewed_on = Some(on);
            a.next_review = next;
            Ok(())
        })
        .await
    }

    /// Records that the agreement ended on `on` (no more reviews due).
    pub async fn end_processor(
        &self,
        actor: &Actor,
        id: &str,
        on: Date,
    ) -> Result<ProcessorAgreement, VaultError> {
        not_after("on", on, crate::clock::today())?;
        self.change_processor(actor, id, |a| {
            if !a.active() {
                return Err(invalid("on", "the agreement has ended already"));
            }
            if on < a.signed_on {
                return Err(invalid("on", "before the agreement was signed"));
            }
            a.ended_on = Some(on);
            Ok(())
        })
        .await
    }

    /// Records a privacy asset; returns its id. Bad input names its field before anything is
    /// decided or logged.
    pub async fn record_asset(&self, actor: &Actor, new: &NewAsset) -> Result<String, VaultError> {
        let name = new.name.trim();
        if name.is_empty() {
            return Err(invalid("name", "the system's name"));
        }
        let kind = new.kind.trim();
        if kind.is_empty() {
            return Err(invalid(
                "kind",
                "what kind of system (application, server, archive)",
            ));
        }
        let categories = cleaned(&new.categories);
        self.check_categories(&categories)?;
        let country = new.country.trim().to_owned();
        self.check_countries("country", std::slice::from_ref(&country))?;
        let owner = new.owner_role.trim();
        if !self.inner.reglement.taxonomy.contains(IdKind::Role, owner) {
            return Err(invalid(
                "owner_role",
                &format!("`{owner}` is no role of this reglement"),
            ));
        }
        let agreement = new
            .agreement
            .as_deref()
            .map(str::trim)
            .filter(|a| !a.is_empty());
        if let Some(a) = agreement {
            self.processor_row(a).await.map_err(|e| match e {
                VaultError::NotFound(_) => invalid("agreement", "names no processor agreement"),
                e => e,
            })?;
        }
        let id = uuid::Uuid::now_v7().to_string();
        let permit = self
            .allow_processors(actor, AuditAction::AssetRecord, Some(&id))
            .await?;
        let stmt = Stmt::new(
            "INSERT INTO privacy_assets (tenant_id, id, name, kind, categories, country, \
             location, agreement_id, owner_role, created_at) \
             VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10)",
            vec![
                Arg::Text(self.inner.tenant.clone()),
                Arg::Text(id.clone()),
                Arg::Text(name.to_owned()),
                Arg::Text(kind.to_owned()),
                Arg::Text(list_json(&categories)),
                Arg::Text(country),
                Arg::OptText(
                    new.location
                        .as_deref()
                        .map(str::trim)
                        .filter(|l| !l.is_empty())
                        .map(str::to_owned),
                ),
                Arg::OptText(agreement.map(str::to_owned)),
                Arg::Text(owner.to_owned()),
                Arg::Text(crate::clock::now()),
            ],
        );
        sealed::commit(&self.inner.writer, permit, vec![stmt]).await?;
        Ok(id)
    }

    /// Every privacy asset, by name (one logged read of the register).
    pub async fn assets(&self, actor: &Actor) -> Result<Vec<PrivacyAsset>, VaultError> {
        let (permit, _) = self
            .allow_processor_read(actor, AuditAction::AssetRead, None)
            .await?;
        sealed::commit(&self.inner.writer, permit, Vec::new()).await?;
        let sql = format!(
            "SELECT {ASSET_COLUMNS} FROM privacy_assets WHERE tenant_id = $1 ORDER BY name, id"
        );
        let rows = sqlx::query(sqlx::AssertSqlSafe(sql))
            .bind(&self.inner.tenant)
            .fetch_all(&*self.inner.pool)
            .await?;
        rows.iter()
            .map(|r| {
                Ok(PrivacyAsset {
                    id: r.try_get(0)?,
                    name: r.try_get(1)?,
                    kind: r.try_get(2)?,
                    categories: list_from(&r.try_get::<String, _>(3)?)?,
                    country: r.try_get(4)?,
                    location: r.try_get(5)?,
                    agreement: r.try_get(6)?,
                    owner_role: r.try_get(7)?,
                })
            })
            .collect()
    }
}
