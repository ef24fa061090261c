//! The register of privacy incidents and data breaches (art. 33 lid 5 AVG): every incident with
//! its facts, the AP's 72-hour clock from discovery, the decision whether to notify with its
//! reason, the notification (a late one only with the reasons for the delay, art. 33 lid 1),
//! and the persons told. Keeping and reading it is a duty the reglement grants
//! (`manage_incidents`), decided and logged like every access; the free text is sealed under
//! the register key and opened only with the receipt of that access. The chain holds ids only.

use jiff::Timestamp;
use serde::{Deserialize, Serialize};
use sqlx::Row as _;
use zorgkluis_core::decide::{BreachAnswer, breach_deadline};
use zorgkluis_core::incident::{IncidentFacts, Notification};
use zorgkluis_core::taxonomy::IdKind;
use zorgkluis_core::vocabulary::{BreachNature, BreachRisk, Duty};

use super::{Actor, Vault, VaultError};
use crate::StoreError;
use crate::audit::AuditAction;
use crate::sealed::{self, Receipt};
use crate::writer::{Arg, Stmt};

/// One incident as the register holds it.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct Incident {
    pub id: String,
    pub facts: IncidentFacts,
    pub notification: Notification,
    /// The AP's clock, from the discovery.
    pub clock: BreachAnswer,
}

impl Incident {
    /// Still waiting for the AP: no decision not to notify, and not notified yet.
    pub fn open(&self) -> bool {
        self.notification.notify_ap != Some(false) && self.notification.ap_notified.is_none()
    }

    /// What a notification decision must say before the incident is read: the reason.
    fn decision_input(reason: &str) -> Result<(), VaultError> {
        if reason.trim().is_empty() {
            return Err(invalid("reason", "why the AP is or is not notified"));
        }
        Ok(())
    }

    /// Records whether the AP is notified, with the reason (the assessment of the risk).
    pub(crate) fn decide_notification(
        &mut self,
        notify_ap: bool,
        risk: Option<BreachRisk>,
        reason: &str,
    ) -> Result<(), VaultError> {
        Self::decision_input(reason)?;
        if let Some(r) = risk {
            self.facts.risk = Some(r);
        }
        if !notify_ap
            && self
                .facts
                .risk
                .is_some_and(|r| r != BreachRisk::Verwaarloosbaar)
        {
            // Art. 33 lid 1: only a breach unlikely to result in a risk goes unnotified.
            return Err(invalid(
                "notify_ap",
                "a breach with more than a negligible risk is notified (art. 33 lid 1 AVG)",
            ));
        }
        self.notification.notify_ap = Some(notify_ap);
        self.notification.decision_reason = reason.trim().to_owned();
        Ok(())
    }

    /// Records the notification to the AP: when, its meldnummer, and (after the 72 hours) the
    /// reasons for the delay, without which a late notification is refused.
    pub(crate) fn ap_notified(
        &mut self,
        at: Timestamp,
        reference: &str,
        late_reason: &str,
    ) -> Result<(), VaultError> {
        not_future(at)?;
        if self.facts.discovered.is_some_and(|d| at < d) {
            return Err(invalid("at", "before the discovery"));
        }
        if self.clock.late(at) && late_reason.trim().is_empty() {
            return Err(invalid(
                "late_reason",
                "notified after the 72 hours: the reasons for the delay (art. 33 lid 1 AVG)",
            ));
        }
        self.notification.notify_ap = Some(true);
        self.notification.ap_notified = Some(at);
        self.notification.ap_reference = reference.trim().to_owned();
        self.notification.late_reason = late_reason.trim().to_owned();
        Ok(())
    }

    fn persons_told_input(how: &str) -> Result<(), VaultError> {
        if how.trim().is_empty() {
            return Err(invalid("how", "how the persons were told"));
        }
        Ok(())
    }

    /// Records that the persons affected were told: when, how many, how.
    pub(crate) fn persons_told(
        &mut self,
        at: Timestamp,
        count: u64,
        how: &str,
    ) -> Result<(), VaultError> {
        not_future(at)?;
        Self::persons_told_input(how)?;
        if self.facts.discovered.is_some_and(|d| at < d) {
            return Err(invalid("at", "before the discovery"));
        }
        self.notification.persons_notified = Some(at);
        self.notification.persons_notified_count = Some(count);
        self.notification.persons_notified_how = how.trim().to_owned();
        Ok(())
    }
}

/// The free text of an incident, sealed as one.
#[derive(Debug, Default, Serialize, Deserialize)]
struct Texts {
    discovered_by: String,
    how_discovered: String,
    description: String,
    consequences: String,
    measures: String,
    decision_reason: String,
    late_reason: String,
    persons_notified_how: String,
}

fn invalid(field: &'static str, message: &str) -> VaultError {
    VaultError::Invalid {
        field,
        message: message.to_owned(),
    }
}

/// A moment that must not lie in the future.
fn not_future(at: Timestamp) -> Result<(), VaultError> {
    if at > Timestamp::now() {
        return Err(invalid("at", "lies in the future"));
    }
    Ok(())
}

fn parse_list<T>(text: &str, parse: impl Fn(&str) -> Option<T>) -> Vec<T> {
    text.split(',')
        .filter(|s| !s.is_empty())
        .filter_map(parse)
        .collect()
}

fn moment(text: Option<String>) -> Option<Timestamp> {
    text.and_then(|t| t.parse().ok())
}

fn count(n: Option<u64>) -> Option<i64> {
    n.and_then(|n| i64::try_from(n).ok())
}

const COLUMNS: &str = "id, discovered_at, started_at, ended_at, nature, categories, persons_min, \
     persons_max, records, encrypted, risk, notify_ap, ap_notified_at, ap_reference, \
     persons_notified_at, persons_notified_count, texts";

impl Vault {
    async fn register_key(&self) -> Result<zeroize::Zeroizing<[u8; 32]>, StoreError> {
        self.inner.keys.read().await.register_text_key()
    }

    pub(super) async fn allow_incidents(
        &self,
        actor: &Actor,
        action: AuditAction,
        id: Option<&str>,
    ) -> Result<crate::sealed::Permit, VaultError> {
        let permit = self
            .authorize_duty(
                actor,
                Duty::ManageIncidents,
                false,
                action,
                None,
                "incidentregister",
            )
            .await?;
        Ok(match id {
            Some(id) => permit.with_object(id),
            None => permit,
        })
    }

    pub(super) fn check_facts(
        &self,
        f: &IncidentFacts,
        now: Timestamp,
    ) -> Result<Timestamp, VaultError> {
        let discovered = f
            .discovered
            .ok_or_else(|| invalid("discovered", "when the incident was discovered"))?;
        if discovered > now {
            return Err(invalid("discovered", "lies in the future"));
        }
        if f.started.is_some_and(|s| s > discovered) {
            return Err(invalid("started", "after the discovery"));
        }
        if let (Some(s), Some(e)) = (f.started, f.ended)
            && e < s
        {
            return Err(invalid("ended", "before the start"));
        }
        if f.nature.is_empty() {
            return Err(invalid(
                "nature",
                "vertrouwelijkheid, integriteit and/or beschikbaarheid",
            ));
        }
        for c in &f.categories {
            if !self.inner.reglement.taxonomy.contains(IdKind::Category, c) {
                return Err(invalid(
                    "categories",
                    &format!("unknown data category `{c}`"),
                ));
            }
        }
        if let (Some(a), Some(b)) = (f.persons_min, f.persons_max)
            && a > b
        {
            return Err(invalid("persons_max", "below persons_min"));
        }
        if f.description.trim().is_empty() {
            return Err(invalid("description", "what happened"));
        }
        Ok(discovered)
    }

    /// Records an incident; returns its id. The AP's clock starts at `facts.discovered`.
    pub async fn record_incident(
        &self,
        actor: &Actor,
        facts: &IncidentFacts,
    ) -> Result<String, VaultError> {
        let discovered = self.check_facts(facts, Timestamp::now())?;
        let id = uuid::Uuid::now_v7().to_string();
        let permit = self
            .allow_incidents(actor, AuditAction::IncidentRecord, Some(&id))
            .await?;
        let texts = Texts {
            discovered_by: facts.discovered_by.clone(),
            how_discovered: facts.how_discovered.clone(),
            description: facts.description.clone(),
            consequences: facts.consequences.clone(),
            measures: facts.measures.clone(),
            ..Texts::default()
        };
        let sealed_texts = self.seal_texts(&id, &texts).await?;
        let ids = |v: Vec<&str>| v.join(",");
        let stmt = Stmt::new(
            "INSERT INTO incidents (tenant_id, id, discovered_at, started_at, ended_at, nature, categories, \
             persons_min, persons_max, records, encrypted, risk, texts, created_at) \
             VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10, $11, $12, $13, $14)",
            vec![
                Arg::Text(self.inner.tenant.clone()),
                Arg::Text(id.clone()),
                Arg::Text(discovered.to_string()),
                Arg::OptText(facts.started.map(|t| t.to_string())),
                Arg::OptText(facts.ended.map(|t| t.to_string())),
                Arg::Text(ids(facts.nature.iter().map(|n| n.id()).collect())),
                Arg::Text(facts.categories.join(",")),
                Arg::OptInt(count(facts.persons_min)),
                Arg::OptInt(count(facts.persons_max)),
                Arg::OptInt(count(facts.records)),
                Arg::Int(i64::from(facts.encrypted)),
                Arg::OptText(facts.risk.map(|r| r.id().to_owned())),
                Arg::Blob(sealed_texts),
                Arg::Text(crate::clock::now()),
            ],
        );
        sealed::commit(&self.inner.writer, permit, vec![stmt]).await?;
        Ok(id)
    }

    /// The statement that inserts a whole incident, its notification included (an import).
    pub(super) async fn incident_insert(&self, i: &Incident) -> Result<Stmt, VaultError> {
        let (f, n) = (&i.facts, &i.notification);
        let texts = Texts {
            discovered_by: f.discovered_by.clone(),
            how_discovered: f.how_discovered.clone(),
            description: f.description.clone(),
            consequences: f.consequences.clone(),
            measures: f.measures.clone(),
            decision_reason: n.decision_reason.clone(),
            late_reason: n.late_reason.clone(),
            persons_notified_how: n.persons_notified_how.clone(),
        };
        let sealed_texts = self.seal_texts(&i.id, &texts).await?;
        let ids = |v: Vec<&str>| v.join(",");
        Ok(Stmt::new(
            "INSERT INTO incidents (tenant_id, id, discovered_at, started_at, ended_at, nature, categories, \
             persons_min, persons_max, records, encrypted, risk, texts, created_at, notify_ap, \
             ap_notified_at, ap_reference, persons_notified_at, persons_notified_count) \
             VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10, $11, $12, $13, $14, $15, $16, $17, $18, $19)",
            vec![
                Arg::Text(self.inner.tenant.clone()),
                Arg::Text(i.id.clone()),
                Arg::OptText(f.discovered.map(|t| t.to_string())),
                Arg::OptText(f.started.map(|t| t.to_string())),
                Arg::OptText(f.ended.map(|t| t.to_string())),
                Arg::Text(ids(f.nature.iter().map(|n| n.id()).collect())),
                Arg::Text(f.categories.join(",")),
                Arg::OptInt(count(f.persons_min)),
                Arg::OptInt(count(f.persons_max)),
                Arg::OptInt(count(f.records)),
                Arg::Int(i64::from(f.encrypted)),
                Arg::OptText(f.risk.map(|r| r.id().to_owned())),
                Arg::Blob(sealed_texts),
                Arg::Text(crate::clock::now()),
                Arg::OptInt(n.notify_ap.map(i64::from)),
                Arg::OptText(n.ap_notified.map(|t| t.to_string())),
                Arg::OptText(Some(n.ap_reference.clone()).filter(|s| !s.is_empty())),
                Arg::OptText(n.persons_notified.map(|t| t.to_string())),
                Arg::OptInt(count(n.persons_notified_count)),
            ],
        ))
    }

    async fn seal_texts(&self, id: &str, texts: &Texts) -> Result<Vec<u8>, VaultError> {
        let json = serde_json::to_vec(texts).map_err(|e| StoreError::Crypto(e.to_string()))?;
        Ok(sealed::seal_register_text(
            &*self.register_key().await?,
            &self.inner.tenant,
            id,
            &json,
        )?)
    }

    /// Every incident, newest discovery first (one logged read of the register).
    pub async fn incidents(&self, actor: &Actor) -> Result<Vec<Incident>, VaultError> {
        let permit = self
            .allow_incidents(actor, AuditAction::IncidentRead, None)
            .await?;
        let receipt = sealed::commit(&self.inner.writer, permit, Vec::new()).await?;
        let sql = format!(
            "SELECT {COLUMNS} FROM incidents WHERE tenant_id = $1 ORDER BY discovered_at DESC, id"
        );
        let rows = sqlx::query(sqlx::AssertSqlSafe(sql))
            .bind(&self.inner.tenant)
            .fetch_all(&*self.inner.pool)
            .await?;
        let key = self.register_key().await?;
        rows.iter()
            .map(|r| self.incident_from_row(r, &key, &receipt))
            .collect()
    }

    /// One incident (a logged read).
    pub async fn incident(&self, actor: &Actor, id: &str) -> Result<Incident, VaultError> {
        self.known_incident(id).await?;
        let permit = self
            .allow_incidents(actor, AuditAction::IncidentRead, Some(id))
            .await?;
        let receipt = sealed::commit(&self.inner.writer, permit, Vec::new()).await?;
        let key = self.register_key().await?;
        let row = self.incident_row(id).await?;
        self.incident_from_row(&row, &key, &receipt)
    }

    async fn incident_row(&self, id: &str) -> Result<sqlx::any::AnyRow, VaultError> {
        let sql = format!("SELECT {COLUMNS} FROM incidents WHERE tenant_id = $1 AND id = $2");
        sqlx::query(sqlx::AssertSqlSafe(sql))
            .bind(&self.inner.tenant)
            .bind(id)
            .fetch_optional(&*self.inner.pool)
            .await?
            .ok_or_else(|| VaultError::NotFound(format!("incident {id}")))
    }

    /// An id that names no incident is not found before anything is decided or logged.
    async fn known_incident(&self, id: &str) -> Result<(), VaultError> {
        let found = sqlx::query("SELECT 1 FROM incidents WHERE tenant_id = $1 AND id = $2")
            .bind(&self.inner.tenant)
            .bind(id)
            .fetch_optional(&*self.inner.pool)
            .await?;
        match found {
            Some(_) => Ok(()),
            None => Err(VaultError::NotFound(format!("incident {id}"))),
        }
    }

    fn incident_from_row(
        &self,
        r: &sqlx::any::AnyRow,
        key: &[u8; 32],
        receipt: &Receipt,
    ) -> Result<Incident, VaultError> {
        let id: String = r.try_get(0)?;
        let sealed_texts: Vec<u8> = r.try_get(16)?;
        let plain =
            sealed::open_register_text(key, receipt, &self.inner.tenant, &id, &sealed_texts)?;
        let texts: Texts =
            serde_json::from_slice(&plain).map_err(|e| StoreError::Crypto(e.to_string()))?;
        let discovered = moment(Some(r.try_get(1)?))
            .ok_or_else(|| StoreError::Verify(format!("incident {id}: bad discovery time")))?;
        let uint = |i: usize| -> Result<Option<u64>, sqlx::Error> {
            Ok(r.try_get::<Option<i64>, _>(i)?
                .and_then(|n| u64::try_from(n).ok()))
        };
        let facts = IncidentFacts {
            discovered: Some(discovered),
            started: moment(r.try_get(2)?),
            ended: moment(r.try_get(3)?),
            discovered_by: texts.discovered_by,
            how_discovered: texts.how_discovered,
            description: texts.description,
            nature: parse_list(&r.try_get::<String, _>(4)?, BreachNature::from_id),
            categories: parse_list(&r.try_get::<String, _>(5)?, |s| Some(s.to_owned())),
            persons_min: uint(6)?,
            persons_max: uint(7)?,
            records: uint(8)?,
            encrypted: r.try_get::<i64, _>(9)? != 0,
            consequences: texts.consequences,
            risk: r
                .try_get::<Option<String>, _>(10)?
                .as_deref()
                .and_then(BreachRisk::from_id),
            measures: texts.measures,
        };
        let notification = Notification {
            notify_ap: r.try_get::<Option<i64>, _>(11)?.map(|n| n != 0),
            decision_reason: texts.decision_reason,
            ap_notified: moment(r.try_get(12)?),
            ap_reference: r.try_get::<Option<String>, _>(13)?.unwrap_or_default(),
            late_reason: texts.late_reason,
            persons_notified: moment(r.try_get(14)?),
            persons_notified_count: uint(15)?,
            persons_notified_how: texts.persons_notified_how,
        };
        Ok(Incident {
            clock: breach_deadline(&self.inner.reglement, discovered)
                .map_err(|e| StoreError::Verify(e.to_string()))?,
            id,
            facts,
            notification,
        })
    }

    /// Changes an incident: reads it (the change's own receipt opens its text), lets `change`
    /// amend it, and writes it back with the change's event.
    async fn change_incident(
        &self,
        actor: &Actor,
        id: &str,
        change: impl FnOnce(&mut Incident) -> Result<(), VaultError>,
    ) -> Result<Incident, VaultError> {
        self.known_incident(id).await?;
        // Decided before anything is opened: the read that opens the text is logged first,
        // the change with its statement after.
        let read = self
            .allow_incidents(actor, AuditAction::IncidentRead, Some(id))
            .await?;
        let permit = self
            .allow_incidents(actor, AuditAction::IncidentChange, Some(id))
            .await?;
        let receipt = sealed::commit(&self.inner.writer, read, Vec::new()).await?;
        let row = self.incident_row(id).await?;
        let key = self.register_key().await?;
        let mut incident = self.incident_from_row(&row, &key, &receipt)?;
        change(&mut incident)?;
        let n = &incident.notification;
        let f = &incident.facts;
        let texts = Texts {
            discovered_by: f.discovered_by.clone(),
            how_discovered: f.how_discovered.clone(),
            description: f.description.clone(),
            consequences: f.consequences.clone(),
            measures: f.measures.clone(),
            decision_reason: n.decision_reason.clone(),
            late_reason: n.late_reason.clone(),
            persons_notified_how: n.persons_notified_how.clone(),
        };
        let sealed_texts = self.seal_texts(id, &texts).await?;
        let stmt = Stmt::must_change(
            "UPDATE incidents SET risk = $1, notify_ap = $2, ap_notified_at = $3, ap_reference = $4, \
             persons_notified_at = $5, persons_notified_count = $6, texts = $7 \
             WHERE tenant_id = $8 AND id = $9",
            vec![
                Arg::OptText(f.risk.map(|r| r.id().to_owned())),
                Arg::OptInt(n.notify_ap.map(i64::from)),
                Arg::OptText(n.ap_notified.map(|t| t.to_string())),
                Arg::OptText(Some(n.ap_reference.clone()).filter(|s| !s.is_empty())),
                Arg::OptText(n.persons_notified.map(|t| t.to_string())),
                Arg::OptInt(count(n.persons_notified_count)),
                Arg::Blob(sealed_texts),
                Arg::Text(self.inner.tenant.clone()),
                Arg::Text(id.to_owned()),
            ],
        );
        sealed::commit(&self.inner.writer, permit, vec![stmt]).await?;
        Ok(incident)
    }

    /// Records whether the AP is notified, with the reason (the assessment of the risk).
    pub async fn decide_incident_notification(
        &self,
        actor: &Actor,
        id: &str,
        notify_ap: bool,
        risk: Option<BreachRisk>,
        reason: &str,
    ) -> Result<Incident, VaultError> {
        Incident::decision_input(reason)?;
        self.change_incident(actor, id, |i| {
            i.decide_notification(notify_ap, risk, reason)
        })
        .await
    }

    /// Records the notification to the AP: when, its meldnummer, and (after the 72 hours) the
    /// reasons for the delay, without which a late notification is refused.
    pub async fn record_ap_notification(
        &self,
        actor: &Actor,
        id: &str,
        at: Timestamp,
        reference: &str,
        late_reason: &str,
    ) -> Result<Incident, VaultError> {
        not_future(at)?;
        self.change_incident(actor, id, |i| i.ap_notified(at, reference, late_reason))
            .await
    }

    /// Records that the persons affected were told: when, how many, how.
    pub async fn record_persons_notified(
        &self,
        actor: &Actor,
        id: &str,
        at: Timestamp,
        count: u64,
        how: &str,
    ) -> Result<Incident, VaultError> {
        not_future(at)?;
        Incident::persons_told_input(how)?;
        self.change_incident(actor, id, |i| i.persons_told(at, count, how))
            .await
    }
}
