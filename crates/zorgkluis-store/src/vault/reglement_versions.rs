//! Versions of the reglement in force by date (issue 17 part 4; table `reglement_versions`,
//! migrations 1 and 28). A new version is adopted under the duty `adopt_reglement` (the
//! directie, e.g. Alpo zorg 17.1), with the day it was announced and the day it takes effect; an
//! effective date inside the announcement period the reglement states (Alpo zorg 17.2: four
//! weeks) is refused by the core's rule (`reglement::versions::check_effective`), and so is an
//! invalid file, before anything is decided or written. The adoption is one `reglement_adopt`
//! event whose commit writes the row.
//!
//! The vault keeps every stored version parsed ([`Vault::with_reglement_on`]), so that a
//! decision about a past date (a request's deadlines from its receipt, a complaint's term)
//! follows the version in force on that date. Which version decides today's accesses is chosen
//! when the vault is opened: the command line opens it with the version in force today
//! ([`Vault::reglement_source_in_force`]).

use std::sync::Arc;

use jiff::civil::Date;
use serde::Serialize;
use sqlx::Row as _;
use zorgkluis_core::reglement::versions::{Dated, check_effective, in_force_on};
use zorgkluis_core::vocabulary::Duty;
use zorgkluis_core::{Lang, Reglement};

use super::{Actor, Vault, VaultError};
use crate::StoreError;
use crate::audit::AuditAction;
use crate::keys::sha256;
use crate::sealed;
use crate::writer::{Arg, Stmt};

/// A stored version of the reglement, as the history lists it.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct ReglementVersion {
    /// `[versie] nummer` of the file.
    pub version: String,
    /// The file's SHA-256 (hex): which text this is.
    pub sha256: String,
    /// The file name it was adopted from, if adopted with `reglement adopt`.
    pub file_name: Option<String>,
    pub announced: Option<Date>,
    pub effective: Date,
    /// The staff account that adopted it; none for a version the installation was opened with.
    pub adopted_by: Option<String>,
    /// When it was stored (RFC 3339).
    pub adopted_at: String,
    /// In force today.
    pub in_force: bool,
}

/// A version to adopt: the file's text and name, and its dates.
#[derive(Debug, Clone)]
pub struct NewReglementVersion<'a> {
    pub file_name: &'a str,
    pub source: &'a str,
    pub announced: Date,
    pub effective: Date,
}

/// One version the vault holds parsed, for decisions about past dates.
pub(crate) struct HeldVersion {
    effective: Date,
    order: i64,
    pub(crate) reglement: Arc<Reglement>,
}

impl Dated for HeldVersion {
    fn effective(&self) -> Date {
        self.effective
    }
    fn adopted_order(&self) -> i64 {
        self.order
    }
}

fn day(text: &str) -> Result<Date, StoreError> {
    text.parse()
        .map_err(|e| StoreError::Verify(format!("reglement version date `{text}`: {e}")))
}

/// Every stored version, oldest effective first (of equal ones, the first stored first).
async fn stored(
    pool: &sqlx::AnyPool,
    tenant: &str,
) -> Result<Vec<(ReglementVersion, String)>, StoreError> {
    let rows = sqlx::query(
        "SELECT version, sha256, file_name, announced, effective, adopted_by, adopted_at, content \
         FROM reglement_versions WHERE tenant_id = $1 ORDER BY effective, adopted_at",
    )
    .bind(tenant)
    .fetch_all(pool)
    .await?;
    let mut out = Vec::with_capacity(rows.len());
    for r in &rows {
        let announced: Option<String> = r.try_get(3)?;
        out.push((
            ReglementVersion {
                version: r.try_get(0)?,
                sha256: r.try_get(1)?,
                file_name: r.try_get(2)?,
                announced: announced.as_deref().map(day).transpose()?,
                effective: day(&r.try_get::<String, _>(4)?)?,
                adopted_by: r.try_get(5)?,
                adopted_at: r.try_get(6)?,
                in_force: false,
            },
            r.try_get(7)?,
        ));
    }
    Ok(out)
}

/// The stored versions parsed, for [`Vault::with_reglement_on`]: the one the vault was opened
/// with is the vault's own; a stored text this build no longer reads is left out (the vault's
/// own version answers for its dates).
pub(crate) async fn held_versions(
    pool: &sqlx::AnyPool,
    tenant: &str,
    current: &Reglement,
    current_sha: &str,
) -> Result<Vec<HeldVersion>, StoreError> {
    let current = Arc::new(current.clone());
    let mut out = Vec::new();
    for (order, (v, content)) in stored(pool, tenant).await?.into_iter().enumerate() {
        let reglement = if v.sha256 == current_sha {
            current.clone()
        } else {
            match Reglement::load(&v.version, &content, Lang::Nl) {
                Ok(r) => Arc::new(r),
                Err(_) => continue,
            }
        };
        out.push(HeldVersion {
            effective: v.effective,
            order: i64::try_from(order).unwrap_or(i64::MAX),
            reglement,
        });
    }
    Ok(out)
}

impl Vault {
    /// Runs `f` with the version of the reglement in force on `day`: the stored version with
    /// the latest effective date on or before it; the vault's own version where none is (a day
    /// before the first version took effect).
    pub fn with_reglement_on<T>(&self, day: Date, f: impl FnOnce(&Reglement) -> T) -> T {
        let held = self.inner.versions.read().ok();
        match held.as_deref().and_then(|h| in_force_on(h, day)) {
            Some(v) => f(&v.reglement),
            None => f(&self.inner.reglement),
        }
    }

    /// The history of the reglement: every stored version, the newest effective first, with
    /// the one in force today marked. The reglement is no one's personal data: reading its
    /// history needs no duty.
    pub async fn reglement_versions(&self) -> Result<Vec<ReglementVersion>, VaultError> {
        let mut list: Vec<ReglementVersion> = stored(&self.inner.pool, &self.inner.tenant)
            .await?
            .into_iter()
            .map(|(v, _)| v)
            .collect();
        let today = crate::clock::today();
        if let Some(i) = list
            .iter()
            .enumerate()
            .filter(|(_, v)| v.effective <= today)
            .map(|(i, v)| (v.effective, i))
            .max()
            .map(|(_, i)| i)
        {
            list[i].in_force = true;
        }
        list.reverse();
        Ok(list)
    }

    /// The text of the version in force on `day`, with its SHA-256: what the command line opens
    /// the vault with, so that today's decisions follow today's version.
    pub async fn reglement_source_in_force(
        &self,
        day: Date,
    ) -> Result<Option<(String, String)>, VaultError> {
        let versions = stored(&self.inner.pool, &self.inner.tenant).await?;
        let Some(i) = versions
            .iter()
            .enumerate()
            .filter(|(_, (v, _))| v.effective <= day)
            .map(|(i, (v, _))| (v.effective, i))
            .max()
            .map(|(_, i)| i)
        else {
            return Ok(None);
        };
        let (v, content) = &versions[i];
        Ok(Some((v.sha256.clone(), content.clone())))
    }

    /// Adopts a new version of the reglement (the duty `adopt_reglement`). The file must be
    /// valid (field `file`, with its diagnostics), its effective date on or after its
    /// announcement and outside the announcement period of the version in force on the day of
    /// the announcement and of the new version itself (field `effective`, with the article); a
    /// text adopted before is a conflict. Nothing is written on refusal.
    pub async fn adopt_reglement(
        &self,
        actor: &Actor,
        new: &NewReglementVersion<'_>,
        lang: Lang,
    ) -> Result<ReglementVersion, VaultError> {
        let reglement =
            Reglement::load(new.file_name, new.source, lang).map_err(|d| VaultError::Invalid {
                field: "file",
                message: d
                    .iter()
                    .filter(|d| d.is_error())
                    .map(|d| d.render(new.source, lang))
                    .collect::<String>(),
            })?;
        let allowed = self.with_reglement_on(new.announced, |in_force| {
            check_effective(
                Some(in_force),
                &reglement,
                new.announced,
                new.effective,
                lang,
            )
        });
        if let Err(refusal) = allowed {
            return Err(VaultError::Invalid {
                field: "effective",
                message: refusal.message,
            });
        }
        let sha = hex::encode(sha256(&[new.source.as_bytes()]));
        let existing = sqlx::query(
            "SELECT adopted_by FROM reglement_versions WHERE tenant_id = $1 AND sha256 = $2",
        )
        .bind(&self.inner.tenant)
        .bind(&sha)
        .fetch_optional(&*self.inner.pool)
        .await?;
        let existing: Option<Option<String>> = existing.map(|r| r.try_get(0)).transpose()?;
        if let Some(Some(by)) = &existing {
            return Err(VaultError::Conflict {
                field: "file",
                message: format!("this text was adopted before (by {by}); adopt a changed file"),
            });
        }
        let permit = self
            .authorize_duty(
                actor,
                Duty::AdoptReglement,
                false,
                AuditAction::ReglementAdopt,
                None,
                "reglement",
            )
            .await?;
        let now = crate::clock::now();
        let t = |s: &str| Arg::Text(s.to_owned());
        let stmt = if existing.is_some() {
            // The text the installation was opened with, now adopted with its dates.
            Stmt::must_change(
                "UPDATE reglement_versions SET announced = $3, effective = $4, adopted_by = $5, \
                 adopted_at = $6, file_name = $7 \
                 WHERE tenant_id = $1 AND sha256 = $2 AND adopted_by IS NULL",
                vec![
                    t(&self.inner.tenant),
                    t(&sha),
                    t(&new.announced.to_string()),
                    t(&new.effective.to_string()),
                    t(&actor.user_id),
                    t(&now),
                    t(new.file_name),
                ],
            )
        } else {
            Stmt::new(
                "INSERT INTO reglement_versions (tenant_id, version, sha256, effective, content, \
                 adopted_at, announced, adopted_by, file_name) \
                 VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9)",
                vec![
                    t(&self.inner.tenant),
                    t(&reglement.file.version.number),
                    t(&sha),
                    t(&new.effective.to_string()),
                    t(new.source),
                    t(&now),
                    t(&new.announced.to_string()),
                    t(&actor.user_id),
                    t(new.file_name),
                ],
            )
        };
        match sealed::commit(&self.inner.writer, permit.with_object(&sha), vec![stmt]).await {
            Ok(_) => {}
            Err(StoreError::NotFound(_)) => {
                return Err(VaultError::Conflict {
                    field: "file",
                    message: "this text was adopted meanwhile".into(),
                });
            }
            Err(e) => return Err(e.into()),
        }
        let version = reglement.file.version.number.clone();
        self.reload_versions().await?;
        Ok(ReglementVersion {
            version,
            sha256: sha,
            file_name: Some(new.file_name.to_owned()),
            announced: Some(new.announced),
            effective: new.effective,
            adopted_by: Some(actor.user_id.clone()),
            adopted_at: now,
            in_force: new.effective <= crate::clock::today(),
        })
    }

    /// Reads the stored versions again (after an adoption).
    async fn reload_versions(&self) -> Result<(), VaultError> {
        let held = held_versions(
            &self.inner.pool,
            &self.inner.tenant,
            &self.inner.reglement,
            &self.inner.reglement_sha,
        )
        .await?;
        if let Ok(mut versions) = self.inner.versions.write() {
            *versions = held;
        }
        Ok(())
    }
}
