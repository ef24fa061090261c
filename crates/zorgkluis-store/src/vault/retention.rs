//! Retention runs: what is due for destruction as of a date (a plan), and a run that destroys
//! it, resumable after a crash, with a destruction certificate.
//!
//! The decision is the core's ([`zorgkluis_core::decide::retention_due`]: the reglement's terms
//! under the law layer); this room supplies each record's facts: its creation, the last change
//! of the person's dossier (the newest record, or the registration), and the end of care (the
//! day the last care relationship ended, when none is open). A standing legal hold
//! ([`super::holds`]) keeps what it covers, however long ago its term ended. A fiscal category
//! counts from its own newest record (the end of that fiscal year, art. 52 AWR), not from the
//! dossier's.
//!
//! Where everything of a person is due (every record, the identification facts and identity
//! checks) the whole file is crypto-shredded through the erasure machinery: the person's key
//! is destroyed, and the erased-persons list reaches every backup. Where only some categories
//! are due, their records are deleted, and where a category's last records go, the category's
//! key is destroyed ([`super::category_keys`]), which reaches every backup; records deleted
//! from a category that keeps others stay sealed in older backups under the kept key.
//!
//! A run is fixed when it starts: its items (one per person's whole file, or per person and
//! category) are written with the run in one transaction. Each item is destroyed in one
//! transaction with its audit event and the mark that it is done (a statement that must change
//! the item's row while it is not done), so a run killed at any moment and started again
//! continues with the items not done, never destroys one twice and never leaves one half done.
//! Before an item is destroyed it is decided again on the data as it is then: a record added
//! since (a new last change), a hold placed since or an erasure since make it skipped, with the
//! reason, never destroyed on an outdated plan. When every item is done the certificate is
//! written: what was destroyed (ids, categories, counts, dates, the articles), what was
//! skipped, what was held and why, under the run's id; never a name or any content.

use std::collections::BTreeMap;

use jiff::civil::Date;
use serde::{Deserialize, Serialize};
use sqlx::Row as _;
use zorgkluis_core::decide::{DueStatus, Extension, RetentionFacts, retention_due};
use zorgkluis_core::taxonomy::{IDENTIFICATION_CATEGORY, IDENTITY_DOCUMENT_CATEGORY};
use zorgkluis_core::vocabulary::{Duty, HoldKind};

use super::holds::Hold;
use super::transfers::RegistrationTransfer;
use super::{Actor, Vault, VaultError};
use crate::StoreError;
use crate::audit::AuditAction;
use crate::db::HotArg;
use crate::sealed::{self, Permit};
use crate::writer::{Arg, Stmt};

/// What is due, as of a date.
#[derive(Debug, Clone, Serialize)]
pub struct RetentionPlan {
    pub as_of: Date,
    /// The version of the law layer the terms follow.
    pub law_version: &'static str,
    pub reglement_version: String,
    /// Per category: how many records (of how many persons) are due, and held back.
    pub categories: Vec<PlanCategory>,
    /// Per person with something due: the whole file, or the categories due.
    pub persons: Vec<PersonPlan>,
    /// The standing holds, and what each keeps back that would otherwise be due.
    pub held: Vec<HeldItem>,
    /// Persons whose whole file is due (crypto-shredded by a run).
    pub whole_files: usize,
    /// Records due, in whole files and in categories.
    pub due_records: usize,
    /// A transfer of the whole registration that suspends every term on the plan's date
    /// (BG wonen 3.7): what would be due is counted as held back, and a run destroys nothing.
    pub suspended_by_transfer: Option<RegistrationTransfer>,
}

#[derive(Debug, Clone, Serialize, PartialEq, Eq)]
pub struct PlanCategory {
    pub category: String,
    pub due_records: usize,
    pub due_persons: usize,
    pub held_records: usize,
    pub articles: Vec<String>,
}

#[derive(Debug, Clone, Serialize, Deserialize, PartialEq, Eq)]
pub struct PersonPlan {
    pub person_id: String,
    /// Everything of the person is due: the run crypto-shreds the file.
    pub whole_file: bool,
    pub entries: Vec<PlanEntry>,
}

/// The due records of one category of a person.
#[derive(Debug, Clone, Serialize, Deserialize, PartialEq, Eq)]
pub struct PlanEntry {
    pub category: String,
    /// How many records are due (for the identification facts of a whole file: 0).
    pub records: usize,
    pub retain_until: Option<Date>,
    pub destroy_by: Option<Date>,
    /// Past `destroy_by` on the plan's date.
    pub overdue: bool,
    pub articles: Vec<String>,
    /// The records a run deletes (ids; not shown in a plan).
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub record_ids: Vec<String>,
}

/// A standing hold, and what it keeps back.
#[derive(Debug, Clone, Serialize, Deserialize, PartialEq, Eq)]
pub struct HeldItem {
    pub hold_id: String,
    pub person_id: String,
    /// None: everything of the person.
    pub category: Option<String>,
    pub kind: HoldKind,
    /// Why destruction waits: the hold's law and the reglement's article on suspension.
    pub articles: Vec<String>,
    pub ends_on: Option<Date>,
    pub review_on: Option<Date>,
    /// Records whose term has ended that the hold keeps.
    pub records_kept: usize,
}

/// Options of a run (a test's interruption).
#[derive(Debug, Clone, Copy, Default)]
pub struct RunOptions {
    /// Stop after destroying this many items, as a crash would (the run stays unfinished).
    pub stop_after: Option<usize>,
}

/// Where a run stands: its items, and how many are done (destroyed or skipped).
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize)]
pub struct RunProgress {
    pub total: usize,
    pub done: usize,
}

#[derive(Debug, Clone, Serialize)]
pub struct RunOutcome {
    pub run_id: String,
    /// This call continued a run an earlier one left unfinished.
    pub resumed: bool,
    /// Items destroyed by this call.
    pub destroyed_now: usize,
    /// Items left for a next call (an interrupted run).
    pub remaining: usize,
    /// The certificate, once every item is done.
    pub certificate: Option<Certificate>,
}

/// The destruction certificate (vernietigingsverklaring) of a run: ids, categories, counts,
/// dates and articles; never a name or any content.
#[derive(Debug, Clone, Serialize, Deserialize, PartialEq, Eq)]
pub struct Certificate {
    pub run_id: String,
    pub tenant: String,
    pub as_of: Date,
    pub started_at: String,
    pub finished_at: String,
    pub started_by: String,
    pub started_role: String,
    pub reglement_version: String,
    pub law_version: String,
    pub destroyed: Vec<CertificateItem>,
    pub skipped: Vec<CertificateItem>,
    pub held: Vec<HeldItem>,
    /// Per category: records destroyed and persons they belonged to.
    pub counts: Vec<CertificateCount>,
    pub whole_files: usize,
    pub records: usize,
}

#[derive(Debug, Clone, Serialize, Deserialize, PartialEq, Eq)]
pub struct CertificateItem {
    pub item: i64,
    pub person_id: String,
    /// `person` (the whole file, crypto-shredded) or `records` (records of one category).
    pub scope: String,
    pub entries: Vec<PlanEntry>,
    pub done_at: String,
    /// Why it was skipped (a skipped item only).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub reason: Option<String>,
}

#[derive(Debug, Clone, Serialize, Deserialize, PartialEq, Eq)]
pub struct CertificateCount {
    pub category: String,
    pub records: usize,
    pub persons: usize,
}

/// What the store knows of a person for retention.
#[derive(Debug, Default)]
struct PersonData {
    created: Option<Date>,
    /// Records: id, category, creation day.
    records: Vec<(String, String, Date)>,
    /// Categories of identification facts, and the days identity checks were recorded.
    fact_categories: Vec<String>,
    identity_checks: Vec<Date>,
    /// Care relationships' ends; `None` for one still open.
    care_until: Vec<Option<Date>>,
    /// Standing extensions, per category (the latest decided governs).
    extensions: BTreeMap<String, Extension>,
}

fn stored_day(field: &'static str, text: &str) -> Result<Date, StoreError> {
    if let Ok(ts) = text.parse::<jiff::Timestamp>() {
        return Ok(zorgkluis_core::time::dutch_date(ts));
    }
    text.parse().map_err(|_| StoreError::Invalid {
        field,
        message: format!("stored date `{text}`"),
    })
}

/// A stored item of a run.
struct RunItem {
    item: i64,
    person_id: String,
    category: Option<String>,
    scope: String,
    detail: Vec<PlanEntry>,
    done_at: Option<String>,
    outcome: Option<String>,
}

const WHOLE: &str = "person";
const RECORDS: &str = "records";
const PURPOSE: &str = "bewaartermijn verstreken";

impl Vault {
    /// The decision to destroy what a run found due of `person`, citing the retention's
    /// articles, with the run as the event's object.
    async fn destroy_permit(
        &self,
        actor: &Actor,
        person: &str,
        run_id: &str,
        articles: &[String],
    ) -> Result<Permit, VaultError> {
        Ok(self
            .authorize_duty(
                actor,
                Duty::RunRetention,
                false,
                AuditAction::Destroy,
                Some(person),
                PURPOSE,
            )
            .await?
            .citing(articles)
            .with_object(run_id))
    }

    /// The retention plan as of `as_of`: what is due, per category and per person, and what
    /// holds keep back. Decided as `run_retention` and logged (its subjects the persons it
    /// lists); it reveals ids, categories and dates only.
    pub async fn retention_plan(
        &self,
        actor: &Actor,
        as_of: Date,
    ) -> Result<RetentionPlan, VaultError> {
        let plan = self.compute_plan(None, as_of).await?;
        let permit = self
            .authorize_retention(actor, AuditAction::RetentionPlan, None, "bewaarplan")
            .await?;
        let persons = plan
            .persons
            .iter()
            .map(|p| p.person_id.clone())
            .chain(plan.held.iter().map(|h| h.person_id.clone()))
            .collect::<std::collections::BTreeSet<_>>()
            .into_iter()
            .collect();
        sealed::commit(&self.inner.writer, permit.showing(persons), Vec::new()).await?;
        let mut plan = plan;
        for p in &mut plan.persons {
            for e in &mut p.entries {
                e.record_ids.clear();
            }
        }
        Ok(plan)
    }

    /// Runs retention as of `as_of` (not after today: nothing is destroyed before its term
    /// ends): destroys what is due, or continues the run an earlier call left unfinished.
    pub async fn retention_run(
        &self,
        actor: &Actor,
        as_of: Date,
        options: RunOptions,
    ) -> Result<RunOutcome, VaultError> {
        self.retention_run_with_progress(actor, as_of, options, &|_| {})
            .await
    }

    /// [`Vault::retention_run`], telling `progress` where the run stands after it is fixed
    /// and after each item (for a terminal's progress bar).
    pub async fn retention_run_with_progress(
        &self,
        actor: &Actor,
        as_of: Date,
        options: RunOptions,
        progress: &(dyn Fn(RunProgress) + Send + Sync),
    ) -> Result<RunOutcome, VaultError> {
        if as_of > crate::clock::today() {
            return Err(VaultError::Invalid {
                field: "as_of",
                message: format!(
                    "{as_of} is after today: a run destroys only what is due now (a plan may look ahead)"
                ),
            });
        }
        let (run_id, resumed) = match self.open_run().await? {
            Some((id, open_as_of)) => {
                if open_as_of != as_of {
                    return Err(VaultError::Conflict {
                        field: "as_of",
                        message: format!(
                            "run {id} as of {open_as_of} is unfinished: run it again with --as-of {open_as_of} to finish it first"
                        ),
                    });
                }
                let permit = self
                    .authorize_retention(
                        actor,
                        AuditAction::RetentionRun,
                        None,
                        "bewaartermijnen hervatten",
                    )
                    .await?
                    .with_object(&id);
                sealed::commit(&self.inner.writer, permit, Vec::new()).await?;
                (id, true)
            }
            None => (self.start_run(actor, as_of).await?, false),
        };
        let items = self.run_items(&run_id).await?;
        // Items are done in order, so only the last one done can have been cut short after its
        // commit, before its category's key went (a kill): that step is done again.
        if resumed
            && let Some(last) = items.iter().rev().find(|i| i.done_at.is_some())
            && last.scope == RECORDS
            && last.outcome.as_deref() == Some("destroyed")
        {
            self.shred_emptied_category(&last.person_id, last.category.as_deref().unwrap_or(""))
                .await?;
        }
        let mut destroyed_now = 0;
        let mut erased_any = false;
        let pending: Vec<&RunItem> = items.iter().filter(|i| i.done_at.is_none()).collect();
        let total = items.len();
        progress(RunProgress {
            total,
            done: total - pending.len(),
        });
        for (n, item) in pending.iter().enumerate() {
            if options.stop_after.is_some_and(|stop| destroyed_now >= stop) {
                return Ok(RunOutcome {
                    run_id,
                    resumed,
                    destroyed_now,
                    remaining: pending.len() - n,
                    certificate: None,
                });
            }
            if self.run_item(actor, &run_id, as_of, item).await? {
                destroyed_now += 1;
                erased_any |= item.scope == WHOLE;
            }
            progress(RunProgress {
                total,
                done: total - pending.len() + n + 1,
            });
        }
        if erased_any || destroyed_now > 0 {
            self.flush_deleted_pages().await?;
        }
        let certificate = self.finish_run(actor, &run_id).await?;
        Ok(RunOutcome {
            run_id,
            resumed,
            destroyed_now,
            remaining: 0,
            certificate: Some(certificate),
        })
    }

    /// A finished run's certificate, as it was written (decided as `run_retention`, logged).
    pub async fn retention_certificate(
        &self,
        actor: &Actor,
        run_id: &str,
    ) -> Result<Certificate, VaultError> {
        let row =
            sqlx::query("SELECT certificate FROM retention_runs WHERE tenant_id = $1 AND id = $2")
                .bind(&self.inner.tenant)
                .bind(run_id)
                .fetch_optional(&*self.inner.pool)
                .await?
                .ok_or_else(|| VaultError::NotFound(format!("retention run {run_id}")))?;
        let text: Option<String> = row.try_get(0)?;
        let text = text.ok_or_else(|| VaultError::Conflict {
            field: "run",
            message: format!("run {run_id} is unfinished: run it again to finish it"),
        })?;
        let permit = self
            .authorize_retention(
                actor,
                AuditAction::RetentionCertificate,
                None,
                "vernietigingsverklaring inzien",
            )
            .await?
            .with_object(run_id);
        sealed::commit(&self.inner.writer, permit, Vec::new()).await?;
        serde_json::from_str(&text).map_err(|e| {
            VaultError::Store(StoreError::Invalid {
                field: "certificate",
                message: e.to_string(),
            })
        })
    }

    async fn authorize_retention(
        &self,
        actor: &Actor,
        action: AuditAction,
        person: Option<&str>,
        purpose: &str,
    ) -> Result<Permit, VaultError> {
        self.authorize_duty(actor, Duty::RunRetention, false, action, person, purpose)
            .await
    }

    /// The unfinished run, if any: its id and date.
    async fn open_run(&self) -> Result<Option<(String, Date)>, StoreError> {
        let row = sqlx::query(
            "SELECT id, as_of FROM retention_runs WHERE tenant_id = $1 AND finished_at IS NULL",
        )
        .bind(&self.inner.tenant)
        .fetch_optional(&*self.inner.pool)
        .await?;
        match row {
            Some(r) => {
                let as_of: String = r.try_get(1)?;
                Ok(Some((r.try_get(0)?, stored_day("as_of", &as_of)?)))
            }
            None => Ok(None),
        }
    }

    /// Plans and writes a new run with its items, in one transaction with its event.
    async fn start_run(&self, actor: &Actor, as_of: Date) -> Result<String, VaultError> {
        let plan = self.compute_plan(None, as_of).await?;
        let id = uuid::Uuid::now_v7().to_string();
        let permit = self
            .authorize_retention(
                actor,
                AuditAction::RetentionRun,
                None,
                "bewaartermijnen uitvoeren",
            )
            .await?
            .with_object(&id);
        let t = || Arg::Text(self.inner.tenant.clone());
        let held = serde_json::to_string(&plan.held).map_err(|e| StoreError::Invalid {
            field: "held",
            message: e.to_string(),
        })?;
        let mut stmts = vec![Stmt::new(
            "INSERT INTO retention_runs (tenant_id, id, as_of, started_at, started_by, started_role, \
             reglement_version, law_version, held) VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9)",
            vec![
                t(),
                Arg::Text(id.clone()),
                Arg::Text(as_of.to_string()),
                Arg::Text(crate::clock::now()),
                Arg::Text(actor.user_id.clone()),
                Arg::Text(actor.role.clone()),
                Arg::Text(plan.reglement_version.clone()),
                Arg::Text(plan.law_version.to_owned()),
                Arg::Text(held),
            ],
        )];
        let mut n = 0i64;
        for person in &plan.persons {
            let mut push = |category: Option<String>, scope: &str, entries: &[PlanEntry]| {
                n += 1;
                let detail = serde_json::to_string(entries).unwrap_or_default();
                stmts.push(Stmt::new(
                    "INSERT INTO retention_run_items (tenant_id, run_id, item, person_id, category, \
                     scope, detail) VALUES ($1, $2, $3, $4, $5, $6, $7)",
                    vec![
                        t(),
                        Arg::Text(id.clone()),
                        Arg::Int(n),
                        Arg::Text(person.person_id.clone()),
                        Arg::OptText(category),
                        Arg::Text(scope.to_owned()),
                        Arg::Text(detail),
                    ],
                ));
            };
            if person.whole_file {
                push(None, WHOLE, &person.entries);
            } else {
                for e in &person.entries {
                    push(Some(e.category.clone()), RECORDS, std::slice::from_ref(e));
                }
            }
        }
        sealed::commit(&self.inner.writer, permit, stmts).await?;
        Ok(id)
    }

    async fn run_items(&self, run_id: &str) -> Result<Vec<RunItem>, StoreError> {
        let rows = sqlx::query(
            "SELECT item, person_id, category, scope, detail, done_at, outcome FROM retention_run_items \
             WHERE tenant_id = $1 AND run_id = $2 ORDER BY item",
        )
        .bind(&self.inner.tenant)
        .bind(run_id)
        .fetch_all(&*self.inner.pool)
        .await?;
        let mut out = Vec::with_capacity(rows.len());
        for r in rows {
            let detail: String = r.try_get(4)?;
            out.push(RunItem {
                item: r.try_get(0)?,
                person_id: r.try_get(1)?,
                category: r.try_get(2)?,
                scope: r.try_get(3)?,
                detail: serde_json::from_str(&detail).map_err(|e| StoreError::Invalid {
                    field: "detail",
                    message: e.to_string(),
                })?,
                done_at: r.try_get(5)?,
                outcome: r.try_get(6)?,
            });
        }
        Ok(out)
    }

    /// Decides one item again on the data as it is now and destroys it, or marks it skipped.
    /// True when it destroyed something.
    async fn run_item(
        &self,
        actor: &Actor,
        run_id: &str,
        as_of: Date,
        item: &RunItem,
    ) -> Result<bool, VaultError> {
        let person = item.person_id.as_str();
        let now = self.compute_plan(Some(person), as_of).await?;
        let current = now.persons.iter().find(|p| p.person_id == person);
        let t = || Arg::Text(self.inner.tenant.clone());
        let done = |outcome: &str, detail: Option<String>| {
            let mut args = vec![
                t(),
                Arg::Text(run_id.to_owned()),
                Arg::Int(item.item),
                Arg::Text(crate::clock::now()),
                Arg::Text(outcome.to_owned()),
            ];
            match detail {
                Some(d) => {
                    args.push(Arg::Text(d));
                    Stmt::must_change(
                        "UPDATE retention_run_items SET done_at = $4, outcome = $5, detail = $6 \
                         WHERE tenant_id = $1 AND run_id = $2 AND item = $3 AND done_at IS NULL",
                        args,
                    )
                }
                None => Stmt::must_change(
                    "UPDATE retention_run_items SET done_at = $4, outcome = $5 \
                     WHERE tenant_id = $1 AND run_id = $2 AND item = $3 AND done_at IS NULL",
                    args,
                ),
            }
        };
        let articles: Vec<String> = {
            let mut a: Vec<String> = Vec::new();
            for e in &item.detail {
                for x in &e.articles {
                    if !a.contains(x) {
                        a.push(x.clone());
                    }
                }
            }
            a
        };
        // Skipped: the item is closed with its reason and logged; nothing is destroyed.
        let skip = |reason: &str| done(&format!("skipped: {reason}"), None);
        if item.scope == WHOLE {
            let still = current.is_some_and(|p| p.whole_file);
            if !still {
                let erased = self.known_person(person).await.is_err()
                    || self.wrapped_key(person).await.is_err();
                if erased && self.erased_at_restart(person).await? {
                    // Killed after the erasure list named the person and before the commit:
                    // opening the vault again carried the erasure out (EraseReapplied). It is
                    // this run's destruction: the item is done as destroyed, with its event.
                    let permit = self
                        .destroy_permit(actor, person, run_id, &articles)
                        .await?;
                    sealed::commit(&self.inner.writer, permit, vec![done("destroyed", None)])
                        .await?;
                    return Ok(true);
                }
                let reason = if erased {
                    "erased"
                } else if now.suspended_by_transfer.is_some() {
                    "transfer"
                } else if !self.standing_holds(Some(person), as_of).await?.is_empty() {
                    "held"
                } else {
                    "no_longer_due"
                };
                self.close_item(actor, run_id, person, None, skip(reason))
                    .await?;
                return Ok(false);
            }
            let permit = self
                .destroy_permit(actor, person, run_id, &articles)
                .await?;
            self.remember_erasure(person)?;
            let mut stmts = self.erase_statements(person);
            stmts.push(done("destroyed", None));
            sealed::commit(&self.inner.writer, permit, stmts).await?;
            self.inner.keystore.destroy(&self.inner.tenant, person)?;
            return Ok(true);
        }
        // Records of one category: those planned that are still due now.
        let category = item.category.clone().unwrap_or_default();
        let planned: Vec<&String> = item.detail.iter().flat_map(|e| &e.record_ids).collect();
        let now_due: Vec<String> = current
            .and_then(|p| p.entries.iter().find(|e| e.category == category))
            .map(|e| e.record_ids.clone())
            .unwrap_or_default();
        let ids: Vec<String> = planned
            .into_iter()
            .filter(|id| now_due.contains(id))
            .cloned()
            .collect();
        if ids.is_empty() {
            let reason = if now.suspended_by_transfer.is_some() {
                "transfer"
            } else if self
                .standing_holds(Some(person), as_of)
                .await?
                .iter()
                .any(|h| h.covers(&category))
            {
                "held"
            } else {
                "no_longer_due"
            };
            self.close_item(actor, run_id, person, Some(&category), skip(reason))
                .await?;
            return Ok(false);
        }
        let permit = self
            .destroy_permit(actor, person, run_id, &articles)
            .await?;
        let mut entries = item.detail.clone();
        for e in &mut entries {
            e.record_ids.retain(|id| ids.contains(id));
            e.records = e.record_ids.len();
        }
        let mut stmts: Vec<Stmt> = ids
            .iter()
            .map(|id| {
                Stmt::must_change(
                    "DELETE FROM records WHERE tenant_id = $1 AND person_id = $2 AND id = $3",
                    vec![t(), Arg::Text(person.to_owned()), Arg::Text(id.clone())],
                )
            })
            .collect();
        stmts.push(done(
            "destroyed",
            Some(serde_json::to_string(&entries).unwrap_or_default()),
        ));
        sealed::commit(&self.inner.writer, permit.about_category(&category), stmts).await?;
        self.shred_emptied_category(person, &category).await?;
        Ok(true)
    }

    /// After a category's records were destroyed: where its last records went, its key goes
    /// too (and the erasure list names it), which reaches the backups.
    async fn shred_emptied_category(&self, person: &str, category: &str) -> Result<(), VaultError> {
        let left = sqlx::query(
            "SELECT 1 FROM records WHERE tenant_id = $1 AND person_id = $2 AND category = $3 LIMIT 1",
        )
        .bind(&self.inner.tenant)
        .bind(person)
        .bind(category)
        .fetch_optional(&*self.inner.pool)
        .await?;
        if left.is_none() {
            self.remember_category_erasure(person, category)?;
            self.inner
                .keystore
                .destroy_category(&self.inner.tenant, person, category)?;
        }
        Ok(())
    }

    /// Whether `person`'s erasure was carried out by a restart (re-applied from the erasure
    /// list) rather than by an erasure of its own: a run killed between writing the list and
    /// its commit leaves exactly that.
    async fn erased_at_restart(&self, person: &str) -> Result<bool, VaultError> {
        // The last erasure of the whole file: re-applied, or an erasure's own (allowed) event.
        let events = self.events_about(person).await?;
        let last = events.iter().rev().find(|e| {
            (e.action == AuditAction::EraseReapplied && e.category.is_none())
                || (e.action == AuditAction::Erase && e.outcome == crate::audit::Outcome::Allowed)
        });
        Ok(last.is_some_and(|e| e.action == AuditAction::EraseReapplied))
    }

    /// Closes a skipped item, logged as part of the run (nothing of the person changes).
    async fn close_item(
        &self,
        actor: &Actor,
        run_id: &str,
        person: &str,
        category: Option<&str>,
        stmt: Stmt,
    ) -> Result<(), VaultError> {
        let mut permit = self
            .authorize_retention(
                actor,
                AuditAction::RetentionRun,
                Some(person),
                "vernietiging overgeslagen",
            )
            .await?
            .with_object(run_id);
        if let Some(c) = category {
            permit = permit.about_category(c);
        }
        sealed::commit(&self.inner.writer, permit, vec![stmt]).await?;
        Ok(())
    }

    /// Writes the certificate of a run whose items are all done.
    async fn finish_run(&self, actor: &Actor, run_id: &str) -> Result<Certificate, VaultError> {
        let row = sqlx::query(
            "SELECT as_of, started_at, started_by, started_role, reglement_version, law_version, held \
             FROM retention_runs WHERE tenant_id = $1 AND id = $2",
        )
        .bind(&self.inner.tenant)
        .bind(run_id)
        .fetch_one(&*self.inner.pool)
        .await?;
        let as_of: String = row.try_get(0)?;
        let held: String = row.try_get(6)?;
        let items = self.run_items(run_id).await?;
        let mut destroyed = Vec::new();
        let mut skipped = Vec::new();
        let mut counts: BTreeMap<String, (usize, std::collections::BTreeSet<String>)> =
            BTreeMap::new();
        let mut whole_files = 0;
        let mut records = 0;
        for i in items {
            let outcome = i.outcome.unwrap_or_default();
            let entry = CertificateItem {
                item: i.item,
                person_id: i.person_id.clone(),
                scope: i.scope.clone(),
                entries: i
                    .detail
                    .into_iter()
                    .map(|mut e| {
                        e.record_ids.clear();
                        e
                    })
                    .collect(),
                done_at: i.done_at.unwrap_or_default(),
                reason: outcome.strip_prefix("skipped: ").map(str::to_owned),
            };
            if outcome == "destroyed" {
                if i.scope == WHOLE {
                    whole_files += 1;
                }
                for e in &entry.entries {
                    let c = counts.entry(e.category.clone()).or_default();
                    c.0 += e.records;
                    c.1.insert(i.person_id.clone());
                    records += e.records;
                }
                destroyed.push(entry);
            } else {
                skipped.push(entry);
            }
        }
        let certificate = Certificate {
            run_id: run_id.to_owned(),
            tenant: self.inner.tenant.clone(),
            as_of: stored_day("as_of", &as_of)?,
            started_at: row.try_get(1)?,
            finished_at: crate::clock::now(),
            started_by: row.try_get(2)?,
            started_role: row.try_get(3)?,
            reglement_version: row.try_get(4)?,
            law_version: row.try_get(5)?,
            destroyed,
            skipped,
            held: serde_json::from_str(&held).map_err(|e| StoreError::Invalid {
                field: "held",
                message: e.to_string(),
            })?,
            counts: counts
                .into_iter()
                .map(|(category, (records, persons))| CertificateCount {
                    category,
                    records,
                    persons: persons.len(),
                })
                .collect(),
            whole_files,
            records,
        };
        let text = serde_json::to_string(&certificate).map_err(|e| StoreError::Invalid {
            field: "certificate",
            message: e.to_string(),
        })?;
        let permit = self
            .authorize_retention(
                actor,
                AuditAction::RetentionCertificate,
                None,
                "vernietigingsverklaring",
            )
            .await?
            .with_object(run_id);
        sealed::commit(
            &self.inner.writer,
            permit,
            vec![Stmt::must_change(
                "UPDATE retention_runs SET finished_at = $3, certificate = $4 \
                 WHERE tenant_id = $1 AND id = $2 AND finished_at IS NULL",
                vec![
                    Arg::Text(self.inner.tenant.clone()),
                    Arg::Text(run_id.to_owned()),
                    Arg::Text(certificate.finished_at.clone()),
                    Arg::Text(text),
                ],
            )],
        )
        .await?;
        Ok(certificate)
    }

    /// What the store knows of every person (or one) for retention: registration, records,
    /// facts, identity checks, care relationships and standing extensions, a query each.
    async fn retention_data(
        &self,
        person: Option<&str>,
    ) -> Result<BTreeMap<String, PersonData>, StoreError> {
        let tenant = &self.inner.tenant;
        let who = person.unwrap_or("");
        let mut data: BTreeMap<String, PersonData> = BTreeMap::new();
        // One person's rows by the index, or everyone's: `($2 = '' OR person_id = $2)` would
        // make the planner scan every record of the organisation for one person.
        let (of_person, of_id) = if person.is_some() {
            ("person_id = $2", "id = $2")
        } else {
            ("$2 = ''", "$2 = ''")
        };
        // Stepped in place on SQLite, as the records below: for one person (an export's
        // retention section) each query handed to sqlx's worker cost more than its rows.
        let args = [HotArg::Text(tenant), HotArg::Text(who)];
        let pool = &self.inner.pool;
        pool.hot_query(
            &format!(
                "SELECT id, created_at FROM persons WHERE tenant_id = $1 AND erased_at IS NULL \
                 AND {of_id}"
            ),
            &args,
            |r| {
                let created = r.text(1)?;
                data.entry(r.text(0)?).or_default().created =
                    Some(stored_day("created_at", &created)?);
                Ok(())
            },
        )
        .await?;
        // Every record of the organisation: stepped in place on SQLite (a million rows handed
        // one by one from sqlx's worker thread were 80% of a plan's 13.8 s; docs/BENCHMARKS.md),
        // through the pool elsewhere.
        pool.hot_query(
            &format!(
                "SELECT person_id, id, category, created_at FROM records WHERE tenant_id = $1 \
                 AND {of_person}"
            ),
            &args,
            |r| {
                if let Some(p) = data.get_mut(&r.text(0)?) {
                    let at = r.text(3)?;
                    p.records
                        .push((r.text(1)?, r.text(2)?, stored_day("created_at", &at)?));
                }
                Ok(())
            },
        )
        .await?;
        // The categories of the identification facts, the identity checks and the care
        // relationships, one table each.
        for (table, column) in [
            ("person_facts", "category"),
            ("identity_checks", "checked_on"),
            ("care_relationships", "valid_until"),
        ] {
            let sql = format!(
                "SELECT person_id, {column} FROM {table} WHERE tenant_id = $1 AND {of_person}"
            );
            pool.hot_query(&sql, &args, |r| {
                let Some(p) = data.get_mut(&r.text(0)?) else {
                    return Ok(());
                };
                match table {
                    "person_facts" => p.fact_categories.push(r.text(1)?),
                    "identity_checks" => p.identity_checks.push(stored_day(column, &r.text(1)?)?),
                    _ => p
                        .care_until
                        .push(r.opt_text(1)?.map(|u| stored_day(column, &u)).transpose()?),
                }
                Ok(())
            })
            .await?;
        }
        // Newest first: the first standing extension of a category governs it.
        for (e, _) in self.stored_extensions(person).await? {
            if let (Some(p), Some(ext)) = (data.get_mut(&e.person_id), e.standing()) {
                p.extensions.entry(e.category).or_insert(ext);
            }
        }
        Ok(data)
    }

    /// The facts each category of `person`'s data counts its retention from, as a run counts
    /// them: the categories of the records (from the newest of each), and the identification
    /// facts (from the registration). For the export's retention section.
    pub(super) async fn retention_facts_of(
        &self,
        person: &str,
    ) -> Result<Vec<(String, RetentionFacts)>, VaultError> {
        let data = self.retention_data(Some(person)).await?;
        let Some((p, created)) = data.get(person).and_then(|p| Some((p, p.created?))) else {
            return Ok(Vec::new());
        };
        let reglement = &self.inner.reglement;
        let dates = DossierDates::of(reglement, p, created);
        let mut newest: BTreeMap<&str, Date> = BTreeMap::new();
        newest.insert(IDENTIFICATION_CATEGORY, created);
        for (_, category, made) in &p.records {
            let day = newest.entry(category.as_str()).or_insert(*made);
            *day = (*day).max(*made);
        }
        Ok(newest
            .into_iter()
            .map(|(c, made)| (c.to_owned(), dates.facts(reglement, p, c, made)))
            .collect())
    }

    /// The plan for everyone (or one person), with the record ids a run would delete.
    async fn compute_plan(
        &self,
        person: Option<&str>,
        as_of: Date,
    ) -> Result<RetentionPlan, VaultError> {
        let data = self.retention_data(person).await?;
        let holds = self.standing_holds(person, as_of).await?;
        let reglement = &self.inner.reglement;
        let mut plan = RetentionPlan {
            as_of,
            law_version: zorgkluis_core::law::VERSION,
            reglement_version: reglement.file.version.number.clone(),
            categories: Vec::new(),
            persons: Vec::new(),
            held: Vec::new(),
            whole_files: 0,
            due_records: 0,
            suspended_by_transfer: None,
        };
        let mut categories: BTreeMap<String, PlanCategory> = BTreeMap::new();
        let suspension = reglement
            .file
            .destruction
            .as_ref()
            .filter(|d| !d.suspended_by.is_empty())
            .map(|d| d.article.get_ref().clone());
        for (id, p) in &data {
            let mine: Vec<&Hold> = holds.iter().filter(|h| h.person_id == *id).collect();
            let mut held_counts: BTreeMap<String, usize> = BTreeMap::new();
            let (entries, whole) = person_plan(reglement, p, as_of, &mine, &mut held_counts)?;
            for h in &mine {
                let kept: usize = held_counts
                    .iter()
                    .filter(|(c, _)| h.covers(c))
                    .map(|(_, n)| *n)
                    .sum();
                let mut articles = vec![h.kind.law().to_owned()];
                if let Some(a) = &suspension {
                    articles.push(a.clone());
                }
                plan.held.push(HeldItem {
                    hold_id: h.id.clone(),
                    person_id: id.clone(),
                    category: h.category.clone(),
                    kind: h.kind,
                    articles,
                    ends_on: h.ends_on,
                    review_on: h.review_on,
                    records_kept: kept,
                });
            }
            for (c, n) in &held_counts {
                let cat = categories.entry(c.clone()).or_insert_with(|| PlanCategory {
                    category: c.clone(),
                    due_records: 0,
                    due_persons: 0,
                    held_records: 0,
                    articles: Vec::new(),
                });
                cat.held_records += n;
            }
            if entries.is_empty() {
                continue;
            }
            for e in &entries {
                let cat = categories
                    .entry(e.category.clone())
                    .or_insert_with(|| PlanCategory {
                        category: e.category.clone(),
                        due_records: 0,
                        due_persons: 0,
                        held_records: 0,
                        articles: Vec::new(),
                    });
                cat.due_records += e.records;
                cat.due_persons += 1;
                for a in &e.articles {
                    if !cat.articles.contains(a) {
                        cat.articles.push(a.clone());
                    }
                }
                plan.due_records += e.records;
            }
            if whole {
                plan.whole_files += 1;
            }
            plan.persons.push(PersonPlan {
                person_id: id.clone(),
                whole_file: whole,
                entries,
            });
        }
        plan.categories = categories.into_values().collect();
        if let Some(transfer) = self.transfer_standing_on(as_of).await? {
            // The terms do not apply: what would be due is held back, nothing goes.
            for c in &mut plan.categories {
                c.held_records += c.due_records;
                c.due_records = 0;
                c.due_persons = 0;
            }
            plan.persons.clear();
            plan.whole_files = 0;
            plan.due_records = 0;
            plan.suspended_by_transfer = Some(transfer);
        }
        Ok(plan)
    }
}

/// The dates a person's retention counts from: the last change of the dossier and the end of
/// care.
struct DossierDates {
    last_change: Option<Date>,
    care_ended: Option<Date>,
    /// The newest entry of the medical dossier: the last treatment recorded.
    last_treatment: Option<Date>,
}

impl DossierDates {
    fn of(reglement: &zorgkluis_core::Reglement, p: &PersonData, created: Date) -> DossierDates {
        // The last change of the dossier: the newest record, or the registration.
        let last_change = p
            .records
            .iter()
            .map(|(_, _, d)| *d)
            .chain(std::iter::once(created))
            .max();
        // The end of care: the day the last care relationship ended, once none is open.
        let care_ended = if !p.care_until.is_empty() && p.care_until.iter().all(Option::is_some) {
            p.care_until.iter().flatten().max().copied()
        } else {
            None
        };
        // The last treatment: the newest entry of a category of the medical dossier.
        let last_treatment = p
            .records
            .iter()
            .filter(|(_, c, _)| {
                reglement
                    .taxonomy
                    .category(c)
                    .is_some_and(|c| c.medical_record)
            })
            .map(|(_, _, d)| *d)
            .max();
        DossierDates {
            last_change,
            care_ended,
            last_treatment,
        }
    }

    /// The facts of a record of `category` made on `made`. The fiscal administration's last
    /// change is its own newest record (its year ends the term, art. 52 AWR); everything else
    /// counts from the dossier's last change, as the WGBO does (art. 7:454 lid 3 BW).
    fn facts(
        &self,
        reglement: &zorgkluis_core::Reglement,
        p: &PersonData,
        category: &str,
        made: Date,
    ) -> RetentionFacts {
        let fiscal_change = || {
            p.records
                .iter()
                .filter(|(_, c, _)| c == category)
                .map(|(_, _, d)| *d)
                .max()
        };
        RetentionFacts {
            created: Some(made),
            last_change: match reglement.taxonomy.category(category) {
                Some(c) if c.fiscal && !c.medical_record => fiscal_change().or(Some(made)),
                _ => self.last_change,
            },
            care_ended: self.care_ended,
            last_treatment: self.last_treatment,
            legal_hold: false,
            as_of: None,
        }
    }
}

/// One person's due entries, and whether the whole file is due. `held` counts, per category,
/// the records a hold keeps that would otherwise be due.
fn person_plan(
    reglement: &zorgkluis_core::Reglement,
    p: &PersonData,
    as_of: Date,
    holds: &[&Hold],
    held: &mut BTreeMap<String, usize>,
) -> Result<(Vec<PlanEntry>, bool), VaultError> {
    let Some(created) = p.created else {
        return Ok((Vec::new(), false));
    };
    let dates = DossierDates::of(reglement, p, created);
    let facts = |category: &str, made: Date| dates.facts(reglement, p, category, made);
    // Per category: the due records, and whether anything of it stays.
    struct Acc {
        entry: PlanEntry,
        stays: bool,
    }
    let mut by_category: BTreeMap<String, Acc> = BTreeMap::new();
    let mut consider =
        |category: &str, made: Date, record: Option<&str>| -> Result<(), VaultError> {
            let acc = by_category
                .entry(category.to_owned())
                .or_insert_with(|| Acc {
                    entry: PlanEntry {
                        category: category.to_owned(),
                        records: 0,
                        retain_until: None,
                        destroy_by: None,
                        overdue: false,
                        articles: Vec::new(),
                        record_ids: Vec::new(),
                    },
                    stays: false,
                });
            // A category without a rule, or whose term cannot be computed, is kept: nothing is
            // destroyed on a guess.
            let extension = p.extensions.get(category);
            let Ok(due) =
                retention_due(reglement, category, facts(category, made), extension, as_of)
            else {
                acc.stays = true;
                return Ok(());
            };
            if due.status != DueStatus::Due {
                acc.stays = true;
                return Ok(());
            }
            if holds.iter().any(|h| h.covers(category)) {
                acc.stays = true;
                if record.is_some() {
                    *held.entry(category.to_owned()).or_default() += 1;
                }
                return Ok(());
            }
            let e = &mut acc.entry;
            if let Some(id) = record {
                e.records += 1;
                e.record_ids.push(id.to_owned());
            }
            e.retain_until = e.retain_until.max(due.retain_until);
            e.destroy_by = match (e.destroy_by, due.destroy_by) {
                (Some(a), Some(b)) => Some(a.min(b)),
                (a, b) => a.or(b),
            };
            e.overdue |= due.overdue;
            for a in due.articles {
                if !e.articles.contains(&a) {
                    e.articles.push(a);
                }
            }
            Ok(())
        };
    for (id, category, made) in &p.records {
        consider(category, *made, Some(id))?;
    }
    // The identification facts, and identity checks, go only with the whole file.
    let mut file_parts: Vec<String> = vec![IDENTIFICATION_CATEGORY.to_owned()];
    consider(IDENTIFICATION_CATEGORY, created, None)?;
    for c in &p.fact_categories {
        consider(c, created, None)?;
        file_parts.push(c.clone());
    }
    for day in &p.identity_checks {
        consider(IDENTITY_DOCUMENT_CATEGORY, *day, None)?;
        file_parts.push(IDENTITY_DOCUMENT_CATEGORY.to_owned());
    }
    let whole = holds.is_empty() && by_category.values().all(|a| !a.stays);
    let entries: Vec<PlanEntry> = by_category
        .into_values()
        .filter(|a| whole || !a.entry.record_ids.is_empty())
        .map(|a| a.entry)
        .filter(|e| whole || !file_parts.contains(&e.category) || e.records > 0)
        .collect();
    Ok((entries, whole))
}
