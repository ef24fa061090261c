//! Reading the audit log: a client's access log (who saw the file, when and why) and the
//! review of emergency accesses with the reasons given. Both are duties the reglement grants
//! (`read_audit`, `review_emergency`), decided and logged like every access.

use serde::Serialize;
use sqlx::Row as _;
use zorgkluis_core::vocabulary::Duty;

use super::persons::PersonFacts;
use super::{Actor, Vault, VaultError};
use crate::audit::{AuditAction, AuditEvent};
use crate::db::HotArg;
use crate::db::events::{
    EVENT_COLUMNS, EVENT_COLUMNS_BUT_SUBJECTS, event_from_columns, event_from_row,
};
use crate::sealed::{self, Sealed, SealedKind};

/// A person's access log: who they are, and every event about them, oldest first.
#[derive(Debug, Clone, Serialize)]
pub struct AccessLog {
    pub facts: Option<PersonFacts>,
    pub events: Vec<AuditEvent>,
}

/// An emergency access as the privacy officer reviews it: the event, who it was about, and the
/// reason the user gave (opened for this review, which is itself logged).
#[derive(Debug, Clone, Serialize)]
pub struct EmergencyAccess {
    pub event: AuditEvent,
    pub facts: Option<PersonFacts>,
    pub reason: Reason,
}

/// The reason given for an emergency access, as the review can show it.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
#[serde(rename_all = "snake_case")]
pub enum Reason {
    Given(String),
    /// The person was erased: their key, and with it the reason, is gone.
    Erased,
    /// The reason does not open (it was not sealed as this release or the one before seals
    /// reasons): it is kept, but cannot be read.
    Unreadable,
    /// The event has no reason (an emergency flag without one).
    None,
}

impl Vault {
    /// The overview a client may ask for: who looked at the file, when and why, including the
    /// lists and searches that showed them. Reading it is logged too.
    pub async fn audit_for_person(
        &self,
        actor: &Actor,
        person: &str,
    ) -> Result<Vec<AuditEvent>, VaultError> {
        Ok(self.access_log(actor, person).await?.events)
    }

    /// [`Vault::audit_for_person`] with the person's identification facts, for the page that
    /// shows it.
    pub async fn access_log(&self, actor: &Actor, person: &str) -> Result<AccessLog, VaultError> {
        self.known_person(person).await?;
        let permit = self
            .authorize_duty(
                actor,
                Duty::ReadAudit,
                false,
                AuditAction::ReadAudit,
                Some(person),
                "inzage logging",
            )
            .await?;
        let receipt = sealed::commit(&self.inner.writer, permit, Vec::new()).await?;
        let events = self.events_about(person).await?;
        // An erased person's log stays readable; who they were does not.
        let facts = match self.facts_with(person, &receipt).await {
            Ok(f) => f,
            Err(VaultError::Erased(_) | VaultError::NotFound(_)) => None,
            Err(e) => return Err(e),
        };
        Ok(AccessLog { facts, events })
    }

    /// Every event about `person`, oldest first: those of their data, and the lists and
    /// searches that showed them. A list that showed this person showed others too: their ids
    /// are not this person's to see, so of a list's subjects only the person is kept. Read
    /// only after an access that may read the log was committed.
    pub(super) async fn events_about(&self, person: &str) -> Result<Vec<AuditEvent>, VaultError> {
        // The subjects column is replaced by the person alone where a list showed them: an
        // import's or a queue's list names thousands, and reading them all for every event
        // was most of an access export's time.
        // Hundreds of rows for a client whose file is read often: stepped in place on the hot
        // path, not sent one by one through sqlx's worker.
        let sql = format!(
            "SELECT {EVENT_COLUMNS_BUT_SUBJECTS}, CASE WHEN EXISTS (SELECT 1 FROM audit_subjects s \
             WHERE s.tenant_id = $1 AND s.person_id = $2 AND s.seq = audit_events.seq) THEN $2 END \
             FROM audit_events WHERE tenant_id = $1 AND seq IN \
             (SELECT seq FROM audit_events WHERE tenant_id = $1 AND person_id = $2 \
             UNION SELECT seq FROM audit_subjects WHERE tenant_id = $1 AND person_id = $2) ORDER BY seq"
        );
        let mut events = Vec::new();
        self.inner
            .pool
            .hot_query(
                &sql,
                &[HotArg::Text(&self.inner.tenant), HotArg::Text(person)],
                |r| {
                    events.push(event_from_columns(r)?);
                    Ok(())
                },
            )
            .await?;
        Ok(events)
    }

    /// Emergency accesses, newest first, for the privacy officer's review: with whom they were
    /// about and the reason given, opened for this review. One logged event, whose subjects are
    /// the persons shown.
    pub async fn emergency_review(
        &self,
        actor: &Actor,
        limit: i64,
    ) -> Result<Vec<EmergencyAccess>, VaultError> {
        let permit = self
            .authorize_duty(
                actor,
                Duty::ReviewEmergency,
                false,
                AuditAction::ReviewEmergency,
                None,
                "beoordeling noodtoegang",
            )
            .await?;
        let rows = sqlx::query(sqlx::AssertSqlSafe(format!(
            "SELECT {EVENT_COLUMNS} FROM audit_events WHERE tenant_id = $1 AND emergency <> 0 ORDER BY seq DESC LIMIT $2"
        )))
        .bind(&self.inner.tenant)
        .bind(limit.clamp(1, 1000))
        .fetch_all(&*self.inner.pool)
        .await?;
        let events = rows
            .iter()
            .map(event_from_row)
            .collect::<Result<Vec<_>, _>>()?;
        let mut persons: Vec<String> = events.iter().filter_map(|e| e.person_id.clone()).collect();
        persons.sort();
        persons.dedup();
        let receipt = sealed::commit(
            &self.inner.writer,
            permit.showing(persons.clone()),
            Vec::new(),
        )
        .await?;
        let facts = self.sealed_facts(&persons).await?;
        let mut keys = std::collections::HashMap::new();
        for p in &persons {
            // An erased person's reason and facts stay sealed for good.
            if let Ok(key) = self.data_key(p).await {
                keys.insert(p.clone(), key);
            }
        }
        let mut out = Vec::with_capacity(events.len());
        for event in events {
            let key = event.person_id.as_ref().and_then(|p| keys.get(p));
            let reason = match (key, &event.reason, &event.person_id) {
                (Some(key), Some(bytes), Some(person)) => {
                    let bound = SealedKind::EmergencyReason {
                        user: event.user_id.clone(),
                        category: event.category.clone().unwrap_or_default(),
                    };
                    // Reasons sealed before they were bound to whom and what they concern
                    // open with the context of that release.
                    let opened = [bound, SealedKind::LegacyEmergencyReason]
                        .into_iter()
                        .find_map(|kind| {
                            Sealed::new(bytes.clone(), &self.inner.tenant, person, kind)
                                .open(key, &receipt)
                                .ok()
                        });
                    match opened {
                        Some(plain) => Reason::Given(String::from_utf8_lossy(&plain).into_owned()),
                        None => Reason::Unreadable,
                    }
                }
                (None, Some(_), Some(_)) => Reason::Erased,
                _ => Reason::None,
            };
            let facts = match (key, &event.person_id) {
                (Some(key), Some(person)) => match facts.iter().find(|f| f.person == *person) {
                    Some(f) => Some(f.open(key, &receipt)?),
                    None => None,
                },
                _ => None,
            };
            out.push(EmergencyAccess {
                event,
                facts,
                reason,
            });
        }
        Ok(out)
    }

    /// How many emergency accesses the log holds (the officer's dashboard); counts only.
    pub async fn emergency_count(&self, actor: &Actor) -> Result<i64, VaultError> {
        // Counting reveals no one: it is logged only when refused.
        if !self.may(actor, Duty::ReviewEmergency) {
            self.authorize_duty(
                actor,
                Duty::ReviewEmergency,
                false,
                AuditAction::ReviewEmergency,
                None,
                "beoordeling noodtoegang",
            )
            .await?;
        }
        let row = sqlx::query(
            "SELECT COUNT(*) FROM audit_events WHERE tenant_id = $1 AND emergency <> 0",
        )
        .bind(&self.inner.tenant)
        .fetch_one(&*self.inner.pool)
        .await?;
        Ok(row.try_get(0)?)
    }
}
