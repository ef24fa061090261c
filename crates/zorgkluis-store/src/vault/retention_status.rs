//! What the web and the API show of retention besides the plan and the certificate
//! ([`super::retention`]): the progress of a run (counts only), the runs of the organisation,
//! the names of the persons a plan or a register lists (opened only for a role that may read
//! the identification facts of clients outside its care, each decided and logged), and the
//! holds that stand on a person's record, for the notice on the dossier.

use std::collections::BTreeMap;

use jiff::civil::Date;
use serde::Serialize;
use sqlx::Row as _;
use zorgkluis_core::taxonomy::IDENTIFICATION_CATEGORY;
use zorgkluis_core::vocabulary::{Action, Duty};

use super::holds::Hold;
use super::{Actor, PersonFacts, Vault, VaultError};
use crate::StoreError;
use crate::audit::AuditAction;
use crate::sealed;

/// The progress of a retention run: counts, dates and who started it; never a person.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct RunStatus {
    pub run_id: String,
    pub as_of: Date,
    pub started_at: String,
    pub started_by: String,
    pub started_role: String,
    /// Set once every item is done and the certificate is written.
    pub finished_at: Option<String>,
    /// Items of the run (a whole file, or the records of one category of a person).
    pub total: usize,
    /// Items done: destroyed or skipped.
    pub done: usize,
    pub destroyed: usize,
    pub skipped: usize,
}

impl RunStatus {
    pub fn remaining(&self) -> usize {
        self.total.saturating_sub(self.done)
    }

    pub fn finished(&self) -> bool {
        self.finished_at.is_some()
    }
}

fn count(row: &sqlx::any::AnyRow, i: usize) -> Result<usize, StoreError> {
    let n: i64 = row.try_get(i)?;
    Ok(usize::try_from(n).unwrap_or(0))
}

impl Vault {
    /// The progress of run `run_id`. An id that names no run is not found before anything is
    /// decided; counts reveal no one, so the read is logged only when refused.
    pub async fn retention_run_status(
        &self,
        actor: &Actor,
        run_id: &str,
    ) -> Result<RunStatus, VaultError> {
        let found = self.run_statuses(Some(run_id)).await?;
        let status = found
            .into_iter()
            .next()
            .ok_or_else(|| VaultError::NotFound(format!("retention run {run_id}")))?;
        self.may_see_runs(actor).await?;
        Ok(status)
    }

    /// Every run of the organisation, newest first (counts only; logged only when refused).
    pub async fn retention_runs(&self, actor: &Actor) -> Result<Vec<RunStatus>, VaultError> {
        self.may_see_runs(actor).await?;
        Ok(self.run_statuses(None).await?)
    }

    async fn may_see_runs(&self, actor: &Actor) -> Result<(), VaultError> {
        if !self.may(actor, Duty::RunRetention) {
            // Decided and logged as the refusal it is.
            self.authorize_duty(
                actor,
                Duty::RunRetention,
                false,
                AuditAction::RetentionRun,
                None,
                "voortgang vernietiging",
            )
            .await?;
        }
        Ok(())
    }

    async fn run_statuses(&self, run_id: Option<&str>) -> Result<Vec<RunStatus>, StoreError> {
        let tenant = &self.inner.tenant;
        let pool = &*self.inner.pool;
        let one = if run_id.is_some() {
            "id = $2"
        } else {
            "$2 = ''"
        };
        let rows = sqlx::query(sqlx::AssertSqlSafe(format!(
            "SELECT id, as_of, started_at, started_by, started_role, finished_at \
             FROM retention_runs WHERE tenant_id = $1 AND {one} ORDER BY started_at DESC, id DESC"
        )))
        .bind(tenant)
        .bind(run_id.unwrap_or(""))
        .fetch_all(pool)
        .await?;
        let one = if run_id.is_some() {
            "run_id = $2"
        } else {
            "$2 = ''"
        };
        let counts = sqlx::query(sqlx::AssertSqlSafe(format!(
            "SELECT run_id, COUNT(*), COUNT(done_at), \
             COUNT(CASE WHEN outcome = 'destroyed' THEN 1 END) \
             FROM retention_run_items WHERE tenant_id = $1 AND {one} GROUP BY run_id"
        )))
        .bind(tenant)
        .bind(run_id.unwrap_or(""))
        .fetch_all(pool)
        .await?;
        let mut by_run: BTreeMap<String, (usize, usize, usize)> = BTreeMap::new();
        for r in &counts {
            by_run.insert(r.try_get(0)?, (count(r, 1)?, count(r, 2)?, count(r, 3)?));
        }
        let mut out = Vec::with_capacity(rows.len());
        for r in &rows {
            let id: String = r.try_get(0)?;
            let as_of: String = r.try_get(1)?;
            let (total, done, destroyed) = by_run.get(&id).copied().unwrap_or_default();
            out.push(RunStatus {
                as_of: as_of.parse().map_err(|_| StoreError::Invalid {
                    field: "as_of",
                    message: format!("stored date `{as_of}`"),
                })?,
                run_id: id,
                started_at: r.try_get(2)?,
                started_by: r.try_get(3)?,
                started_role: r.try_get(4)?,
                finished_at: r.try_get(5)?,
                total,
                done,
                destroyed,
                skipped: done.saturating_sub(destroyed),
            });
        }
        Ok(out)
    }

    /// The identification facts of `persons` for a list a page shows them in (a retention plan,
    /// the hold register), opened only when `actor` may read the identification facts of
    /// clients outside their own care (the list is not of their clients). Each person's facts
    /// are decided as a read of the identification category, as for the dossier (a restriction
    /// or an erasure keeps the name hidden), and the reads are logged together; nothing is
    /// logged or opened for an empty list or a role that may not read them, whose page shows
    /// ids instead.
    pub async fn names_of(
        &self,
        actor: &Actor,
        persons: &[String],
        purpose: &str,
    ) -> Result<BTreeMap<String, PersonFacts>, VaultError> {
        let mut persons: Vec<String> = persons.to_vec();
        persons.sort();
        persons.dedup();
        if persons.is_empty()
            || !self.may_without_care(actor, Action::Read, IDENTIFICATION_CATEGORY)
        {
            return Ok(BTreeMap::new());
        }
        let mut allowed = Vec::with_capacity(persons.len());
        for p in &persons {
            match self
                .authorize_change(actor, Action::Read, p, IDENTIFICATION_CATEGORY, purpose)
                .await
            {
                Ok((permit, key)) => allowed.push((p.clone(), permit, key)),
                // Refused (and logged) or erased: the page shows the id.
                Err(VaultError::Denied(_) | VaultError::Erased(_) | VaultError::NotFound(_)) => {}
                Err(e) => return Err(e),
            }
        }
        if allowed.is_empty() {
            return Ok(BTreeMap::new());
        }
        let (ids, (permits, keys)): (Vec<String>, (Vec<_>, Vec<_>)) = allowed
            .into_iter()
            .map(|(p, permit, key)| (p, (permit, key)))
            .unzip();
        let receipts = sealed::commit_all(&self.inner.writer, permits, Vec::new()).await?;
        let facts = self.sealed_facts(&ids).await?;
        let mut out = BTreeMap::new();
        for ((id, key), receipt) in ids.iter().zip(&keys).zip(&receipts) {
            if let Some(f) = facts.iter().find(|f| f.person == *id) {
                out.insert(id.clone(), f.open(key, receipt)?);
            }
        }
        Ok(out)
    }

    /// The holds that stand today on `person`'s record, for the notice on the dossier: kind,
    /// law, category and dates, never the reason (that is for the roles that place holds).
    /// Decided as a read of the person's identification facts (with the caller's care
    /// relationship) and logged when a hold stands; when none does there is nothing to show
    /// and nothing is logged, so the client's access log does not repeat every dossier view.
    pub async fn holds_on_record(
        &self,
        actor: &Actor,
        person: &str,
    ) -> Result<Vec<Hold>, VaultError> {
        let today = crate::clock::today();
        let holds = self.standing_holds(Some(person), today).await?;
        if holds.is_empty() {
            return Ok(holds);
        }
        let (permit, _) = self
            .authorize_change(
                actor,
                Action::Read,
                person,
                IDENTIFICATION_CATEGORY,
                "juridische blokkade op het dossier",
            )
            .await?;
        sealed::commit(&self.inner.writer, permit, Vec::new()).await?;
        Ok(holds)
    }
}
