//! The log review (logcontrole, NEN 7513): the core's rules ([`zorgkluis_core::log_review`])
//! run over a window of the audit log, and the flags they find kept until the privacy officer
//! closes each with a note or makes it an incident. Reading the log is the duty `read_audit`,
//! decided and logged like every access: a run, a read of the flags, a closing and a flag made
//! an incident are each an event of their own. A run stores each flag once (the rule's key is
//! unique): running the review again adds nothing it found before. The note is sealed under
//! the register key, opened only with the receipt of a `read_audit` access. The table holds
//! ids, days and numbers; the flags' persons are shown by name only under the read that shows
//! them (its subjects).

use std::collections::{BTreeSet, HashMap};

use jiff::Timestamp;
use jiff::civil::Date;
use serde::Serialize;
use sqlx::Row as _;
use zorgkluis_core::Lang;
use zorgkluis_core::incident::IncidentFacts;
use zorgkluis_core::log_review::{
    BASELINE_DAYS, COLLEAGUE_SUBJECTS, CareSpan, Details, FlagKind, LogFact, LogFacts,
    LoggedAction, Window, due_order, review,
};
use zorgkluis_core::vocabulary::{Action, BreachNature, Duty};

use super::persons::PersonFacts;
use super::{Actor, Vault, VaultError};
use crate::StoreError;
use crate::audit::{AuditAction, Outcome};
use crate::db::events::{EVENT_COLUMNS, event_from_row};
use crate::sealed::{self, Permit, Receipt};
use crate::writer::{Arg, Stmt};

/// The purpose every event of the log review is logged with.
const PURPOSE: &str = "logcontrole";

/// A flag as the register keeps it.
#[derive(Debug, Clone, Serialize)]
pub struct LogReviewFlag {
    pub id: String,
    pub kind: FlagKind,
    /// The staff account whose accesses were flagged.
    pub user: String,
    pub role: String,
    pub persons: Vec<String>,
    /// Who each person is (in the order of `persons`), when the read opened it; none for a
    /// person erased since.
    pub facts: Vec<Option<PersonFacts>>,
    /// The events of the log the flag rests on.
    pub seqs: Vec<i64>,
    /// The day of the events.
    pub day: Date,
    /// For an emergency access, the last day of its review.
    pub due: Option<Date>,
    pub details: Details,
    /// The reason in Dutch, with the numbers ([`zorgkluis_core::log_review::reason`] for another
    /// language).
    pub reason: String,
    pub articles: Vec<String>,
    pub found_at: String,
    pub found_by: String,
    pub closed: Option<FlagClosing>,
    /// The incident the flag became.
    pub incident: Option<String>,
}

impl LogReviewFlag {
    pub fn open(&self) -> bool {
        self.closed.is_none()
    }
}

/// How a flag was closed: when, by whom, with what note (opened for the read that shows it).
#[derive(Debug, Clone, Serialize)]
pub struct FlagClosing {
    pub at: String,
    pub by: String,
    pub note: String,
}

/// What a run found: the flags it stored (new ones only) and how many it found again.
#[derive(Debug, Clone, Serialize)]
pub struct LogReviewRun {
    pub from: Date,
    pub to: Date,
    pub new: Vec<LogReviewFlag>,
    pub known: usize,
}

fn invalid(field: &'static str, message: &str) -> VaultError {
    VaultError::Invalid {
        field,
        message: message.to_owned(),
    }
}

fn logged_action(a: AuditAction) -> LoggedAction {
    match a {
        AuditAction::Read => LoggedAction::Data(Action::Read),
        AuditAction::Write => LoggedAction::Data(Action::Write),
        AuditAction::Correct => LoggedAction::Data(Action::Correct),
        AuditAction::Erase => LoggedAction::Data(Action::Erase),
        AuditAction::Disclose => LoggedAction::Data(Action::Disclose),
        AuditAction::Export => LoggedAction::Data(Action::Export),
        AuditAction::ReviewEmergency => LoggedAction::EmergencyReview,
        _ => LoggedAction::Other,
    }
}

fn words<T: std::str::FromStr>(s: &str) -> Vec<T> {
    s.split(' ')
        .filter(|w| !w.is_empty())
        .filter_map(|w| w.parse().ok())
        .collect()
}

fn note_entry(id: &str) -> String {
    format!("logcontrole/{id}")
}

const COLUMNS: &str = "id, kind, user_id, role, persons, seqs, day, due, details, articles, \
     found_at, found_by, closed_at, closed_by, note, incident_id";

/// A flag's row before its persons are shown.
struct Row {
    flag: LogReviewFlag,
    note: Option<Vec<u8>>,
}

fn flag_from_row(r: &sqlx::any::AnyRow) -> Result<Row, VaultError> {
    let id: String = r.try_get(0)?;
    let bad = |what: &str| StoreError::Verify(format!("log review flag {id}: bad {what}"));
    let kind: String = r.try_get(1)?;
    let kind = FlagKind::from_id(&kind).ok_or_else(|| bad("kind"))?;
    let day: String = r.try_get(6)?;
    let day: Date = day.parse().map_err(|_| bad("day"))?;
    let due: Option<String> = r.try_get(7)?;
    let details: String = r.try_get(8)?;
    let details: Details = serde_json::from_str(&details).map_err(|_| bad("details"))?;
    let articles: String = r.try_get(9)?;
    let closed_at: Option<String> = r.try_get(12)?;
    let closed_by: Option<String> = r.try_get(13)?;
    let persons: Vec<String> = words(&r.try_get::<String, _>(4)?);
    Ok(Row {
        flag: LogReviewFlag {
            reason: zorgkluis_core::log_review::reason(&details, day, Lang::Nl),
            kind,
            user: r.try_get(2)?,
            role: r.try_get(3)?,
            facts: vec![None; persons.len()],
            persons,
            seqs: words(&r.try_get::<String, _>(5)?),
            day,
            due: due.and_then(|d| d.parse().ok()),
            details,
            articles: articles
                .split("; ")
                .filter(|a| !a.is_empty())
                .map(str::to_owned)
                .collect(),
            found_at: r.try_get(10)?,
            found_by: r.try_get(11)?,
            closed: closed_at.map(|at| FlagClosing {
                at,
                by: closed_by.unwrap_or_default(),
                note: String::new(),
            }),
            incident: r.try_get(15)?,
            id,
        },
        note: r.try_get(14)?,
    })
}

impl Vault {
    async fn allow_log_review(
        &self,
        actor: &Actor,
        action: AuditAction,
        flag: Option<&str>,
    ) -> Result<Permit, VaultError> {
        let permit = self
            .authorize_duty(actor, Duty::ReadAudit, false, action, None, PURPOSE)
            .await?;
        Ok(match flag {
            Some(id) => permit.with_object(id),
            None => permit,
        })
    }

    /// Runs the log review over the days `from` to `to` (Dutch dates, inclusive; today when
    /// left out) and stores the flags it has not found before. Reads the window of the log and
    /// the 30 days before it (the usual day), the emergency reviews since, the care teams and
    /// which persons are staff.
    pub async fn run_log_review(
        &self,
        actor: &Actor,
        from: Option<Date>,
        to: Option<Date>,
    ) -> Result<LogReviewRun, VaultError> {
        let today = crate::clock::today();
        let to = to.unwrap_or(today);
        let from = from.unwrap_or(to);
        if to > today {
            return Err(invalid("to", "lies in the future"));
        }
        if from > to {
            return Err(invalid("from", "after the end of the window (to)"));
        }
        let permit = self
            .allow_log_review(actor, AuditAction::LogReviewRun, None)
            .await?;
        let facts = self.log_facts(from).await?;
        let window = Window { from, to, today };
        let flags = review(&self.inner.reglement, &facts, window);
        let known: BTreeSet<String> =
            sqlx::query("SELECT flag_key FROM log_review_flags WHERE tenant_id = $1 AND day >= $2")
                .bind(&self.inner.tenant)
                .bind(from.to_string())
                .fetch_all(&*self.inner.pool)
                .await?
                .iter()
                .map(|r| r.try_get::<String, _>(0))
                .collect::<Result<_, _>>()?;
        let now = crate::clock::now();
        let mut new = Vec::new();
        let mut statements = Vec::new();
        let mut persons = BTreeSet::new();
        let found_again = flags.iter().filter(|f| known.contains(&f.key)).count();
        for f in flags.into_iter().filter(|f| !known.contains(&f.key)) {
            let id = uuid::Uuid::now_v7().to_string();
            let details =
                serde_json::to_string(&f.details).map_err(|e| StoreError::Verify(e.to_string()))?;
            let join = |v: &[String]| v.join(" ");
            statements.push(Stmt::new(
                "INSERT INTO log_review_flags (tenant_id, id, flag_key, kind, user_id, role, persons, \
                 seqs, day, due, details, articles, found_at, found_by) \
                 VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10, $11, $12, $13, $14) \
                 ON CONFLICT (tenant_id, flag_key) DO NOTHING",
                vec![
                    Arg::Text(self.inner.tenant.clone()),
                    Arg::Text(id.clone()),
                    Arg::Text(f.key.clone()),
                    Arg::Text(f.kind.id().to_owned()),
                    Arg::Text(f.user.clone()),
                    Arg::Text(f.role.clone()),
                    Arg::Text(join(&f.persons)),
                    Arg::Text(
                        f.seqs
                            .iter()
                            .map(ToString::to_string)
                            .collect::<Vec<_>>()
                            .join(" "),
                    ),
                    Arg::Text(f.day.to_string()),
                    Arg::OptText(f.due.map(|d| d.to_string())),
                    Arg::Text(details),
                    Arg::Text(f.articles.join("; ")),
                    Arg::Text(now.clone()),
                    Arg::Text(actor.user_id.clone()),
                ],
            ));
            persons.extend(f.persons.iter().cloned());
            new.push(LogReviewFlag {
                id,
                reason: f.reason(Lang::Nl),
                kind: f.kind,
                user: f.user,
                role: f.role,
                facts: vec![None; f.persons.len()],
                persons: f.persons,
                seqs: f.seqs,
                day: f.day,
                due: f.due,
                details: f.details,
                articles: f.articles,
                found_at: now.clone(),
                found_by: actor.user_id.clone(),
                closed: None,
                incident: None,
            });
        }
        // The persons the new flags concern are the run's subjects: each one's access log
        // shows the review found something about their file (never who they are: the run
        // opens nothing).
        sealed::commit(
            &self.inner.writer,
            permit.showing(persons.into_iter().collect()),
            statements,
        )
        .await?;
        Ok(LogReviewRun {
            from,
            to,
            new,
            known: found_again,
        })
    }

    /// The facts of the log the review needs, from the 30 days before `from` on.
    async fn log_facts(&self, from: Date) -> Result<LogFacts, VaultError> {
        // A day's margin for the time zone; the core counts Dutch days itself.
        let start = from
            .checked_sub(jiff::Span::new().days(BASELINE_DAYS + 1))
            .map_err(|e| StoreError::Verify(e.to_string()))?;
        let rows = sqlx::query(sqlx::AssertSqlSafe(format!(
            "SELECT {EVENT_COLUMNS} FROM audit_events WHERE tenant_id = $1 AND at >= $2 ORDER BY seq"
        )))
        .bind(&self.inner.tenant)
        .bind(start.to_string())
        .fetch_all(&*self.inner.pool)
        .await?;
        let mut events = Vec::with_capacity(rows.len());
        for r in &rows {
            let e = event_from_row(r)?;
            let Ok(at) = e.at.parse::<Timestamp>() else {
                continue;
            };
            events.push(LogFact {
                seq: e.seq,
                at,
                action: logged_action(e.action),
                allowed: e.outcome == Outcome::Allowed,
                emergency: e.emergency,
                articles: e
                    .articles
                    .split("; ")
                    .filter(|a| !a.is_empty())
                    .map(str::to_owned)
                    .collect(),
                user: e.user_id,
                role: e.role,
                person: e.person_id,
                category: e.category,
                subjects: e.subjects,
            });
        }
        let care = sqlx::query(
            "SELECT user_id, person_id, valid_from, valid_until FROM care_relationships WHERE tenant_id = $1",
        )
        .bind(&self.inner.tenant)
        .fetch_all(&*self.inner.pool)
        .await?
        .iter()
        .filter_map(|r| {
            let from: String = r.try_get(2).ok()?;
            let until: Option<String> = r.try_get(3).ok()?;
            Some(CareSpan {
                user: r.try_get(0).ok()?,
                person: r.try_get(1).ok()?,
                from: from.get(..10)?.parse().ok()?,
                until: until.and_then(|u| u.get(..10)?.parse().ok()),
            })
        })
        .collect();
        let mut colleagues = BTreeSet::new();
        for subject in COLLEAGUE_SUBJECTS {
            for r in
                sqlx::query("SELECT id FROM persons WHERE tenant_id = $1 AND subject_category = $2")
                    .bind(&self.inner.tenant)
                    .bind(*subject)
                    .fetch_all(&*self.inner.pool)
                    .await?
            {
                colleagues.insert(r.try_get::<String, _>(0)?);
            }
        }
        Ok(LogFacts {
            events,
            care,
            colleagues,
        })
    }

    /// The flags, by what is due (emergency accesses past their term first, then the oldest),
    /// with who their persons are and the notes opened: one logged read, whose subjects are the
    /// persons shown. `open_only` leaves out the closed ones.
    pub async fn log_review_flags(
        &self,
        actor: &Actor,
        open_only: bool,
    ) -> Result<Vec<LogReviewFlag>, VaultError> {
        let permit = self
            .allow_log_review(actor, AuditAction::LogReviewRead, None)
            .await?;
        let sql = if open_only {
            format!(
                "SELECT {COLUMNS} FROM log_review_flags WHERE tenant_id = $1 AND closed_at IS NULL"
            )
        } else {
            format!("SELECT {COLUMNS} FROM log_review_flags WHERE tenant_id = $1")
        };
        let rows = sqlx::query(sqlx::AssertSqlSafe(sql))
            .bind(&self.inner.tenant)
            .fetch_all(&*self.inner.pool)
            .await?;
        let mut rows = rows
            .iter()
            .map(flag_from_row)
            .collect::<Result<Vec<_>, _>>()?;
        rows.sort_by(|a, b| {
            let key = |f: &LogReviewFlag| (due_order(f.kind, f.day, f.due), f.found_at.clone());
            key(&a.flag).cmp(&key(&b.flag))
        });
        let persons: Vec<String> = rows
            .iter()
            .flat_map(|r| r.flag.persons.iter().cloned())
            .collect::<BTreeSet<_>>()
            .into_iter()
            .collect();
        let receipt = sealed::commit(
            &self.inner.writer,
            permit.showing(persons.clone()),
            Vec::new(),
        )
        .await?;
        let facts = self.opened_facts(&persons, &receipt).await?;
        let key = self.inner.keys.read().await.register_text_key()?;
        let mut out = Vec::with_capacity(rows.len());
        for Row { mut flag, note } in rows {
            flag.facts = flag.persons.iter().map(|p| facts.get(p).cloned()).collect();
            if let (Some(closing), Some(sealed_note)) = (flag.closed.as_mut(), note) {
                let plain = sealed::open_audit_note(
                    &key,
                    &receipt,
                    &self.inner.tenant,
                    &note_entry(&flag.id),
                    &sealed_note,
                )?;
                closing.note = String::from_utf8_lossy(&plain).into_owned();
            }
            out.push(flag);
        }
        Ok(out)
    }

    /// The identification facts of `persons`, opened with `receipt` (an erased person's stay
    /// sealed for good).
    async fn opened_facts(
        &self,
        persons: &[String],
        receipt: &Receipt,
    ) -> Result<HashMap<String, PersonFacts>, VaultError> {
        let mut out = HashMap::new();
        for sealed_facts in self.sealed_facts(persons).await? {
            if let Ok(key) = self.data_key(&sealed_facts.person).await {
                out.insert(
                    sealed_facts.person.clone(),
                    sealed_facts.open(&key, receipt)?,
                );
            }
        }
        Ok(out)
    }

    /// How many flags are open, and how many of them are emergency accesses past their term,
    /// for the dashboard: counts only, logged only when refused.
    pub async fn log_review_open_count(&self, actor: &Actor) -> Result<(i64, i64), VaultError> {
        if !self.may(actor, Duty::ReadAudit) {
            self.allow_log_review(actor, AuditAction::LogReviewRead, None)
                .await?;
        }
        let row = sqlx::query(
            "SELECT COUNT(*), COALESCE(SUM(CASE WHEN kind = $2 THEN 1 ELSE 0 END), 0) \
             FROM log_review_flags WHERE tenant_id = $1 AND closed_at IS NULL",
        )
        .bind(&self.inner.tenant)
        .bind(FlagKind::NoodtoegangNietBeoordeeld.id())
        .fetch_one(&*self.inner.pool)
        .await?;
        Ok((row.try_get(0)?, row.try_get(1)?))
    }

    /// An open flag's row; an id that names no flag is not found, a closed one a conflict,
    /// before anything is decided or logged.
    async fn open_flag(&self, id: &str) -> Result<LogReviewFlag, VaultError> {
        let sql =
            format!("SELECT {COLUMNS} FROM log_review_flags WHERE tenant_id = $1 AND id = $2");
        let row = sqlx::query(sqlx::AssertSqlSafe(sql))
            .bind(&self.inner.tenant)
            .bind(id)
            .fetch_optional(&*self.inner.pool)
            .await?
            .ok_or_else(|| VaultError::NotFound(format!("log review flag {id}")))?;
        let flag = flag_from_row(&row)?.flag;
        if !flag.open() {
            return Err(VaultError::Conflict {
                field: "id",
                message: format!("log review flag {id} is closed already"),
            });
        }
        Ok(flag)
    }

    /// Closes a flag with the reviewer's note (what was found, why it is in order): sealed
    /// under the register key, with who and when.
    pub async fn close_log_review_flag(
        &self,
        actor: &Actor,
        id: &str,
        note: &str,
    ) -> Result<(), VaultError> {
        let note = note.trim();
        if note.is_empty() {
            return Err(invalid(
                "note",
                "what the review found (a flag closes with a note)",
            ));
        }
        self.open_flag(id).await?;
        let permit = self
            .allow_log_review(actor, AuditAction::LogReviewClose, Some(id))
            .await?;
        let key = self.inner.keys.read().await.register_text_key()?;
        let sealed_note =
            sealed::seal_register_text(&key, &self.inner.tenant, &note_entry(id), note.as_bytes())?;
        let stmt = Stmt::must_change(
            "UPDATE log_review_flags SET closed_at = $1, closed_by = $2, note = $3 \
             WHERE tenant_id = $4 AND id = $5 AND closed_at IS NULL",
            vec![
                Arg::Text(crate::clock::now()),
                Arg::Text(actor.user_id.clone()),
                Arg::Blob(sealed_note),
                Arg::Text(self.inner.tenant.clone()),
                Arg::Text(id.to_owned()),
            ],
        );
        sealed::commit(&self.inner.writer, permit, vec![stmt]).await?;
        Ok(())
    }

    /// Makes a flag an incident: records it in the incident register (`manage_incidents`,
    /// [`Vault::record_incident`]: discovered now, by the log review, a breach of
    /// confidentiality of the flag's categories) and closes the flag with a link to it.
    /// Returns the incident's id.
    pub async fn flag_to_incident(&self, actor: &Actor, id: &str) -> Result<String, VaultError> {
        let flag = self.open_flag(id).await?;
        // Both are decided before anything is written: a caller who may not keep the incident
        // register changes nothing.
        let permit = self
            .allow_log_review(actor, AuditAction::LogReviewIncident, Some(id))
            .await?;
        let categories: Vec<String> = match &flag.details {
            Details::NoodtoegangNietBeoordeeld { category, .. } => {
                category.iter().cloned().collect()
            }
            Details::BuitenZorgrelatie { category, .. } => vec![category.clone()],
            Details::CollegaOfBekende { categories } => categories.clone(),
            Details::OngewoonVeelDossiers { .. } => Vec::new(),
        }
        .into_iter()
        .filter(|c| {
            self.inner
                .reglement
                .taxonomy
                .contains(zorgkluis_core::taxonomy::IdKind::Category, c)
        })
        .collect();
        let persons = u64::try_from(flag.persons.len()).ok();
        let facts = IncidentFacts {
            discovered: Some(Timestamp::now()),
            started: None,
            ended: None,
            discovered_by: actor.user_id.clone(),
            how_discovered: format!("logcontrole (NEN 7513), melding {id}"),
            description: format!(
                "{}: {} (gebruiker {}, gebeurtenissen {})",
                flag.kind.label(Lang::Nl),
                flag.reason,
                flag.user,
                flag.seqs
                    .iter()
                    .map(ToString::to_string)
                    .collect::<Vec<_>>()
                    .join(", ")
            ),
            nature: vec![BreachNature::Vertrouwelijkheid],
            categories,
            persons_min: persons,
            persons_max: persons,
            records: None,
            encrypted: false,
            consequences: String::new(),
            risk: None,
            measures: String::new(),
        };
        let incident = self.record_incident(actor, &facts).await?;
        let stmt = Stmt::must_change(
            "UPDATE log_review_flags SET closed_at = $1, closed_by = $2, incident_id = $3 \
             WHERE tenant_id = $4 AND id = $5 AND closed_at IS NULL",
            vec![
                Arg::Text(crate::clock::now()),
                Arg::Text(actor.user_id.clone()),
                Arg::Text(incident.clone()),
                Arg::Text(self.inner.tenant.clone()),
                Arg::Text(id.to_owned()),
            ],
        );
        sealed::commit(&self.inner.writer, permit, vec![stmt]).await?;
        Ok(incident)
    }
}
