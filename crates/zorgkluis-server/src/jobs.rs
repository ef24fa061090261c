//! The server's background work on retention: the daily plan and the runs started from the web
//! or the API.
//!
//! - **The daily plan** ([`Jobs::plan_retention`], called by [`daily`] once at start-up and
//!   then every day): what is due as of today, planned under the product's own role
//!   (`systeem`, which the product grants `run_retention`; the plan is logged like every plan),
//!   kept as counts for the dashboard of the roles that decide on destruction. Nothing is
//!   destroyed by it: a run needs a person's decision.
//! - **A run** ([`Jobs::start_run`]) is started as the person who decided it (the certificate
//!   names them) and carried out in a task of its own; its progress is read from the store
//!   ([`Vault::retention_run_status`]). One run at a time: a second start while one is under
//!   way is refused. A run the server did not finish (a restart) is finished by starting it
//!   again with its date, as the store's runs resume.

use std::sync::{Arc, Mutex};
use std::time::Duration;

use jiff::civil::Date;
use zorgkluis_store::vault::{Actor, RetentionPlan, RunOptions, RunStatus, Vault, VaultError};

use crate::AppError;

/// What the daily plan found, in counts (no person).
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct RetentionSummary {
    pub as_of: Date,
    /// Persons with something due (their whole file, or records of some categories).
    pub dossiers: usize,
    /// Of those, whose whole file is due.
    pub whole_files: usize,
    /// Records due.
    pub records: usize,
    /// Persons with something past the date it had to be destroyed by.
    pub overdue: usize,
    /// Standing holds, and the records they keep that would otherwise be due.
    pub holds: usize,
    pub held_records: usize,
}

impl RetentionSummary {
    pub fn of(plan: &RetentionPlan) -> RetentionSummary {
        RetentionSummary {
            as_of: plan.as_of,
            dossiers: plan.persons.len(),
            whole_files: plan.whole_files,
            records: plan.due_records,
            overdue: plan
                .persons
                .iter()
                .filter(|p| p.entries.iter().any(|e| e.overdue))
                .count(),
            holds: plan.held.len(),
            held_records: plan.held.iter().map(|h| h.records_kept).sum(),
        }
    }
}

/// A run this server carries out (or carried out).
struct Running {
    run_id: String,
    task: tokio::task::JoinHandle<()>,
}

#[derive(Default)]
struct Inner {
    summary: Mutex<Option<RetentionSummary>>,
    running: tokio::sync::Mutex<Option<Running>>,
    /// Runs whose task failed: the run id and the error's code (the cause is in the log).
    failed: Mutex<Vec<(String, &'static str)>>,
}

/// The server's background work, shared by the handlers (a handle: clones share it).
#[derive(Clone, Default)]
pub struct Jobs {
    inner: Arc<Inner>,
}

/// How a run stands as far as this server knows.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum RunState {
    /// Its task is carrying it out.
    Running,
    /// Its task ended with an error (`code`); started again with its date, it continues.
    Failed(&'static str),
    /// Not under way here: finished, or left unfinished by an earlier server.
    Idle,
}

impl RunState {
    /// The state of a run as the API and the pages name it (`running`, `finished`, `failed`
    /// or `unfinished`), and a failed run's error code.
    pub fn describe(self, status: &RunStatus) -> (&'static str, Option<&'static str>) {
        match (status.finished(), self) {
            (true, _) => ("finished", None),
            (false, RunState::Running) => ("running", None),
            (false, RunState::Failed(code)) => ("failed", Some(code)),
            (false, RunState::Idle) => ("unfinished", None),
        }
    }
}

impl Jobs {
    /// Plans retention as of today under the product's own role and keeps the summary: the
    /// work of the daily job (a test calls it directly).
    pub async fn plan_retention(&self, vault: &Vault) -> Result<RetentionSummary, VaultError> {
        let today = zorgkluis_core::time::dutch_date(jiff::Timestamp::now());
        let plan = vault
            .retention_plan(&Actor::system("server"), today)
            .await?;
        let summary = RetentionSummary::of(&plan);
        if let Ok(mut kept) = self.inner.summary.lock() {
            *kept = Some(summary.clone());
        }
        Ok(summary)
    }

    /// The last daily plan's summary, if one was made.
    pub fn retention_summary(&self) -> Option<RetentionSummary> {
        self.inner.summary.lock().ok().and_then(|s| s.clone())
    }

    /// Starts (or continues) a run as of `as_of` as `actor`, and carries it out in a task of
    /// its own; its id. The run is written (or found) before this returns, so its progress can
    /// be read at once; a run that has nothing to do is finished already.
    pub async fn start_run(
        &self,
        vault: &Vault,
        actor: &Actor,
        as_of: Date,
    ) -> Result<String, AppError> {
        let mut running = self.inner.running.lock().await;
        if let Some(r) = running.as_ref().filter(|r| !r.task.is_finished()) {
            return Err(AppError::Conflict {
                field: "run".to_owned(),
                message: format!("run {} is under way: wait until it is finished", r.run_id),
            });
        }
        // Writes the run and its items (or finds the unfinished one), destroying nothing.
        let first = vault
            .retention_run(
                actor,
                as_of,
                RunOptions {
                    stop_after: Some(0),
                },
            )
            .await?;
        let run_id = first.run_id.clone();
        if first.certificate.is_some() {
            // Nothing to destroy: finished at once.
            self.refresh(vault).await;
            *running = None;
            return Ok(run_id);
        }
        let (jobs, vault, actor, id) = (self.clone(), vault.clone(), actor.clone(), run_id.clone());
        let task = tokio::spawn(async move {
            match vault
                .retention_run(&actor, as_of, RunOptions::default())
                .await
            {
                Ok(outcome) => {
                    tracing::info!(run = %id, destroyed = outcome.destroyed_now, "retention run finished");
                }
                Err(e) => {
                    let code = AppError::from(e);
                    let code = match &code {
                        AppError::Internal { code, cause } => {
                            tracing::error!(run = %id, code = %code, cause = %cause, "retention run failed");
                            *code
                        }
                        other => {
                            tracing::warn!(run = %id, error = ?other, "retention run stopped");
                            "retention.stopped"
                        }
                    };
                    if let Ok(mut failed) = jobs.inner.failed.lock() {
                        failed.push((id.clone(), code));
                    }
                }
            }
            jobs.refresh(&vault).await;
        });
        *running = Some(Running {
            run_id: run_id.clone(),
            task,
        });
        Ok(run_id)
    }

    /// How run `run_id` stands in this server.
    pub async fn run_state(&self, run_id: &str) -> RunState {
        let running = self.inner.running.lock().await;
        if running
            .as_ref()
            .is_some_and(|r| r.run_id == run_id && !r.task.is_finished())
        {
            return RunState::Running;
        }
        drop(running);
        let failed = self.inner.failed.lock().ok().and_then(|f| {
            f.iter()
                .rev()
                .find(|(id, _)| id == run_id)
                .map(|(_, code)| *code)
        });
        failed.map_or(RunState::Idle, RunState::Failed)
    }

    /// Stops the run under way (at shutdown; it continues when started again).
    pub(crate) async fn stop(&self) {
        if let Some(r) = self.inner.running.lock().await.take() {
            r.task.abort();
            let _ = r.task.await;
        }
    }

    /// The summary again after something changed what is due (a run finished).
    async fn refresh(&self, vault: &Vault) {
        if let Err(e) = self.plan_retention(vault).await {
            tracing::warn!(cause = %e, "planning retention failed");
        }
    }
}

/// The daily job: a plan at start-up, then one every `every` (a day in production).
pub(crate) async fn daily(vault: Vault, jobs: Jobs, every: Duration) {
    let mut interval = tokio::time::interval(every);
    interval.set_missed_tick_behavior(tokio::time::MissedTickBehavior::Delay);
    loop {
        interval.tick().await;
        match jobs.plan_retention(&vault).await {
            Ok(s) => tracing::info!(
                dossiers = s.dossiers,
                records = s.records,
                overdue = s.overdue,
                held = s.holds,
                "retention planned"
            ),
            Err(e) => tracing::warn!(cause = %e, "planning retention failed"),
        }
    }
}
