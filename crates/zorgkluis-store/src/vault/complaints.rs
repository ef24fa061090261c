//! The complaints register (Wkkgz art. 13 and 17): every complaint with when it was received,
//! who complained (the client, a representative, a surviving relative: art. 1 lid 1), the client
//! it concerns, what about, whether the klachtenfunctionaris (art. 15) is involved; the clock of
//! the decision (six weeks, extendable once by at most four when the complainant is told in
//! writing before the six weeks end: art. 17 lid 1 and 2), the decision with its outcome, the
//! referral to the geschilleninstantie (art. 21) and a privacy complaint to the AP (art. 77 AVG).
//! Keeping and reading it is a duty the reglement grants (`manage_complaints`), decided and
//! logged like every access, with the complaint's id as the event's object and the client it
//! concerns as its subject; the free text is sealed under the register key and opened only
//! with the receipt of that access. The chain holds ids only.

use jiff::civil::Date;
use serde::{Deserialize, Serialize};
use sqlx::Row as _;
use zorgkluis_core::decide::{ComplaintAnswer, complaint_deadline};
use zorgkluis_core::vocabulary::{ComplainantKind, ComplaintOutcome, Duty};

use super::{Actor, Vault, VaultError};
use crate::StoreError;
use crate::audit::AuditAction;
use crate::sealed::{self, Receipt};
use crate::writer::{Arg, Stmt};

/// A complaint as it is filed.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct NewComplaint {
    pub received: Date,
    pub by: ComplainantKind,
    /// The client it concerns, where it concerns one.
    pub person: Option<String>,
    /// What it is about (sealed).
    pub about: String,
    /// Whether the klachtenfunctionaris is involved (Wkkgz art. 15).
    pub officer_involved: bool,
}

/// The extension of the term, told to the complainant in writing (Wkkgz art. 17 lid 2).
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct Extension {
    pub told: Date,
    pub reason: String,
}

/// The decision on a complaint (Wkkgz art. 17 lid 1).
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct ComplaintDecision {
    pub on: Date,
    pub outcome: ComplaintOutcome,
    pub text: String,
}

/// One complaint as the register holds it.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct Complaint {
    pub id: String,
    pub received: Date,
    pub by: ComplainantKind,
    pub person: Option<String>,
    pub about: String,
    pub officer_involved: bool,
    pub extension: Option<Extension>,
    pub decision: Option<ComplaintDecision>,
    /// When the complaint was put to the geschilleninstantie (Wkkgz art. 21).
    pub referred: Option<Date>,
    /// Whether the complainant also complained to the Autoriteit Persoonsgegevens (art. 77 AVG).
    pub to_ap: bool,
    /// The clock of the decision, with the extension where one was told in time.
    pub clock: ComplaintAnswer,
}

impl Complaint {
    /// Not decided yet.
    pub fn open(&self) -> bool {
        self.decision.is_none()
    }

    /// Still open after its last day.
    pub fn overdue(&self, today: Date) -> bool {
        self.open() && self.clock.decide_by < today
    }

    /// What an extension must say before the complaint is read: a day not in the future and
    /// the reason.
    fn extension_input(told: Date, reason: &str, today: Date) -> Result<(), VaultError> {
        not_after("told", told, today)?;
        if reason.trim().is_empty() {
            return Err(invalid(
                "reason",
                "why careful handling needs more time (Wkkgz art. 17 lid 2)",
            ));
        }
        Ok(())
    }

    /// What a decision must say before the complaint is read: a day not in the future and
    /// the reasoned text.
    fn decision_input(on: Date, text: &str, today: Date) -> Result<(), VaultError> {
        not_after("on", on, today)?;
        if text.trim().is_empty() {
            return Err(invalid(
                "text",
                "the reasoned decision (Wkkgz art. 17 lid 1)",
            ));
        }
        Ok(())
    }

    /// Extends the term, told to the complainant on `told` with its reason. Told after the
    /// six weeks ended it does not extend the term and is refused, naming `told` (Wkkgz art.
    /// 17 lid 2); so is a second extension.
    pub(crate) fn extend(
        &mut self,
        told: Date,
        reason: &str,
        today: Date,
    ) -> Result<(), VaultError> {
        Self::extension_input(told, reason, today)?;
        if self.extension.is_some() {
            return Err(invalid(
                "told",
                "the term is extended once only (Wkkgz art. 17 lid 2)",
            ));
        }
        if self.decision.is_some() {
            return Err(invalid("told", "the complaint is decided already"));
        }
        if told < self.received {
            return Err(invalid("told", "before the complaint was received"));
        }
        if !self.clock.extension_in_time(told) {
            return Err(invalid(
                "told",
                &format!(
                    "told after the term ended on {}: an extension is told in writing before \
                     it ends (Wkkgz art. 17 lid 2)",
                    self.clock.extension_told_by
                ),
            ));
        }
        self.extension = Some(Extension {
            told,
            reason: reason.trim().to_owned(),
        });
        Ok(())
    }

    /// Records the decision (Wkkgz art. 17 lid 1). A decision after the term is recorded
    /// (late, as the register then shows), one before the receipt is refused naming `on`.
    pub(crate) fn decide(
        &mut self,
        on: Date,
        outcome: ComplaintOutcome,
        text: &str,
        today: Date,
    ) -> Result<(), VaultError> {
        Self::decision_input(on, text, today)?;
        if on < self.received {
            return Err(invalid("on", "before the complaint was received"));
        }
        if self.decision.is_some() {
            return Err(invalid("on", "the complaint is decided already"));
        }
        self.decision = Some(ComplaintDecision {
            on,
            outcome,
            text: text.trim().to_owned(),
        });
        Ok(())
    }

    /// Records that the complaint was put to the geschilleninstantie (Wkkgz art. 21).
    pub(crate) fn refer(&mut self, on: Date, today: Date) -> Result<(), VaultError> {
        not_after("on", on, today)?;
        if on < self.received {
            return Err(invalid("on", "before the complaint was received"));
        }
        self.referred = Some(on);
        Ok(())
    }

    /// Decided within the term (None while open).
    pub fn decided_in_time(&self) -> Option<bool> {
        self.decision.as_ref().map(|d| d.on <= self.clock.decide_by)
    }
}

/// The free text of a complaint, sealed as one.
#[derive(Debug, Default, Serialize, Deserialize)]
struct Texts {
    about: String,
    extension_reason: String,
    decision_text: String,
}

fn invalid(field: &'static str, message: &str) -> VaultError {
    VaultError::Invalid {
        field,
        message: message.to_owned(),
    }
}

/// A day that must not lie after `today`.
fn not_after(field: &'static str, day: Date, today: Date) -> Result<(), VaultError> {
    if day > today {
        return Err(invalid(field, "lies in the future"));
    }
    Ok(())
}

fn date(text: Option<String>) -> Option<Date> {
    text.and_then(|t| t.parse().ok())
}

/// The entry under which a complaint's text is sealed: apart from an incident's.
fn entry(id: &str) -> String {
    format!("complaint/{id}")
}

const COLUMNS: &str = "id, received, complainant_kind, person_id, officer_involved, \
     extension_told, decided_on, outcome, referred_on, to_ap, texts";

impl Vault {
    pub(super) async fn allow_complaints(
        &self,
        actor: &Actor,
        action: AuditAction,
        id: Option<&str>,
        person: Option<&str>,
    ) -> Result<crate::sealed::Permit, VaultError> {
        let permit = self
            .authorize_duty(
                actor,
                Duty::ManageComplaints,
                false,
                action,
                person,
                "klachtenregister",
            )
            .await?;
        Ok(match id {
            Some(id) => permit.with_object(id),
            None => permit,
        })
    }

    pub(super) fn complaint_clock(
        &self,
        received: Date,
        extended: bool,
    ) -> Result<ComplaintAnswer, VaultError> {
        self.with_reglement_on(received, |reglement| {
            complaint_deadline(reglement, received, extended)
        })
        .map_err(|e| invalid("received", &e.to_string()))
    }

    /// What a new complaint must say: received not in the future, what it is about, and a
    /// term the law and the reglement can count.
    pub(super) fn check_new_complaint(&self, new: &NewComplaint) -> Result<(), VaultError> {
        not_after("received", new.received, crate::clock::today())?;
        if new.about.trim().is_empty() {
            return Err(invalid("about", "what the complaint is about"));
        }
        self.complaint_clock(new.received, false)?;
        Ok(())
    }

    /// The statement that inserts a whole complaint, its extension and decision included (an
    /// import).
    pub(super) async fn complaint_insert(&self, c: &Complaint) -> Result<Stmt, VaultError> {
        let texts = Texts {
            about: c.about.clone(),
            extension_reason: c
                .extension
                .as_ref()
                .map(|e| e.reason.clone())
                .unwrap_or_default(),
            decision_text: c
                .decision
                .as_ref()
                .map(|d| d.text.clone())
                .unwrap_or_default(),
        };
        let sealed_texts = self.seal_complaint_texts(&c.id, &texts).await?;
        Ok(Stmt::new(
            "INSERT INTO complaints (tenant_id, id, received, complainant_kind, person_id, \
             officer_involved, to_ap, texts, created_at, extension_told, decided_on, outcome, \
             referred_on) VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10, $11, $12, $13)",
            vec![
                Arg::Text(self.inner.tenant.clone()),
                Arg::Text(c.id.clone()),
                Arg::Text(c.received.to_string()),
                Arg::Text(c.by.id().to_owned()),
                Arg::OptText(c.person.clone()),
                Arg::Int(i64::from(c.officer_involved)),
                Arg::Int(i64::from(c.to_ap)),
                Arg::Blob(sealed_texts),
                Arg::Text(crate::clock::now()),
                Arg::OptText(c.extension.as_ref().map(|e| e.told.to_string())),
                Arg::OptText(c.decision.as_ref().map(|d| d.on.to_string())),
                Arg::OptText(c.decision.as_ref().map(|d| d.outcome.id().to_owned())),
                Arg::OptText(c.referred.map(|d| d.to_string())),
            ],
        ))
    }

    /// Records a complaint; returns its id. The clock starts at `new.received`.
    pub async fn record_complaint(
        &self,
        actor: &Actor,
        new: &NewComplaint,
    ) -> Result<String, VaultError> {
        self.check_new_complaint(new)?;
        let person = new
            .person
            .as_deref()
            .map(str::trim)
            .filter(|p| !p.is_empty());
        if let Some(p) = person {
            self.known_person(p).await.map_err(|e| match e {
                VaultError::NotFound(_) => {
                    invalid("person", "names no client of this organisation")
                }
                e => e,
            })?;
        }
        let id = uuid::Uuid::now_v7().to_string();
        let permit = self
            .allow_complaints(actor, AuditAction::ComplaintRecord, Some(&id), person)
            .await?;
        let texts = Texts {
            about: new.about.trim().to_owned(),
            ..Texts::default()
        };
        let sealed_texts = self.seal_complaint_texts(&id, &texts).await?;
        let stmt = Stmt::new(
            "INSERT INTO complaints (tenant_id, id, received, complainant_kind, person_id, \
             officer_involved, to_ap, texts, created_at) \
             VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9)",
            vec![
                Arg::Text(self.inner.tenant.clone()),
                Arg::Text(id.clone()),
                Arg::Text(new.received.to_string()),
                Arg::Text(new.by.id().to_owned()),
                Arg::OptText(person.map(str::to_owned)),
                Arg::Int(i64::from(new.officer_involved)),
                Arg::Int(0),
                Arg::Blob(sealed_texts),
                Arg::Text(crate::clock::now()),
            ],
        );
        sealed::commit(&self.inner.writer, permit, vec![stmt]).await?;
        Ok(id)
    }

    async fn seal_complaint_texts(&self, id: &str, texts: &Texts) -> Result<Vec<u8>, VaultError> {
        let json = serde_json::to_vec(texts).map_err(|e| StoreError::Crypto(e.to_string()))?;
        Ok(sealed::seal_register_text(
            &*self.inner.keys.read().await.register_text_key()?,
            &self.inner.tenant,
            &entry(id),
            &json,
        )?)
    }

    /// Every complaint, newest receipt first (one logged read of the register).
    pub async fn complaints(&self, actor: &Actor) -> Result<Vec<Complaint>, VaultError> {
        let permit = self
            .allow_complaints(actor, AuditAction::ComplaintRead, None, None)
            .await?;
        let receipt = sealed::commit(&self.inner.writer, permit, Vec::new()).await?;
        let sql = format!(
            "SELECT {COLUMNS} FROM complaints WHERE tenant_id = $1 ORDER BY received DESC, id"
        );
        let rows = sqlx::query(sqlx::AssertSqlSafe(sql))
            .bind(&self.inner.tenant)
            .fetch_all(&*self.inner.pool)
            .await?;
        let key = self.inner.keys.read().await.register_text_key()?;
        rows.iter()
            .map(|r| self.complaint_from_row(r, &key, &receipt))
            .collect()
    }

    /// One complaint (a logged read).
    pub async fn complaint(&self, actor: &Actor, id: &str) -> Result<Complaint, VaultError> {
        let person = self.known_complaint(id).await?;
        let permit = self
            .allow_complaints(
                actor,
                AuditAction::ComplaintRead,
                Some(id),
                person.as_deref(),
            )
            .await?;
        let receipt = sealed::commit(&self.inner.writer, permit, Vec::new()).await?;
        let key = self.inner.keys.read().await.register_text_key()?;
        let row = self.complaint_row(id).await?;
        self.complaint_from_row(&row, &key, &receipt)
    }

    async fn complaint_row(&self, id: &str) -> Result<sqlx::any::AnyRow, VaultError> {
        let sql = format!("SELECT {COLUMNS} FROM complaints WHERE tenant_id = $1 AND id = $2");
        sqlx::query(sqlx::AssertSqlSafe(sql))
            .bind(&self.inner.tenant)
            .bind(id)
            .fetch_optional(&*self.inner.pool)
            .await?
            .ok_or_else(|| VaultError::NotFound(format!("complaint {id}")))
    }

    /// An id that names no complaint is not found before anything is decided or logged; the
    /// client it concerns, if any, is the subject of its events.
    async fn known_complaint(&self, id: &str) -> Result<Option<String>, VaultError> {
        let found =
            sqlx::query("SELECT person_id FROM complaints WHERE tenant_id = $1 AND id = $2")
                .bind(&self.inner.tenant)
                .bind(id)
                .fetch_optional(&*self.inner.pool)
                .await?;
        match found {
            Some(row) => Ok(row.try_get::<Option<String>, _>(0)?),
            None => Err(VaultError::NotFound(format!("complaint {id}"))),
        }
    }

    fn complaint_from_row(
        &self,
        r: &sqlx::any::AnyRow,
        key: &[u8; 32],
        receipt: &Receipt,
    ) -> Result<Complaint, VaultError> {
        let id: String = r.try_get(0)?;
        let sealed_texts: Vec<u8> = r.try_get(10)?;
        let plain = sealed::open_register_text(
            key,
            receipt,
            &self.inner.tenant,
            &entry(&id),
            &sealed_texts,
        )?;
        let texts: Texts =
            serde_json::from_slice(&plain).map_err(|e| StoreError::Crypto(e.to_string()))?;
        let bad = |what: &str| StoreError::Verify(format!("complaint {id}: bad {what}"));
        let received = date(Some(r.try_get(1)?)).ok_or_else(|| bad("received date"))?;
        let by = ComplainantKind::from_id(&r.try_get::<String, _>(2)?)
            .ok_or_else(|| bad("complainant kind"))?;
        let extension = date(r.try_get(5)?).map(|told| Extension {
            told,
            reason: texts.extension_reason,
        });
        let decision = match (date(r.try_get(6)?), r.try_get::<Option<String>, _>(7)?) {
            (Some(on), Some(outcome)) => Some(ComplaintDecision {
                on,
                outcome: ComplaintOutcome::from_id(&outcome).ok_or_else(|| bad("outcome"))?,
                text: texts.decision_text,
            }),
            _ => None,
        };
        let clock = self
            .with_reglement_on(received, |reglement| {
                complaint_deadline(reglement, received, extension.is_some())
            })
            .map_err(|e| StoreError::Verify(e.to_string()))?;
        Ok(Complaint {
            received,
            by,
            person: r.try_get(3)?,
            about: texts.about,
            officer_involved: r.try_get::<i64, _>(4)? != 0,
            extension,
            decision,
            referred: date(r.try_get(8)?),
            to_ap: r.try_get::<i64, _>(9)? != 0,
            clock,
            id,
        })
    }

    /// Changes a complaint: reads it (the change's own receipt opens its text), lets `change`
    /// amend it, and writes it back with the change's event. A change refused by `change`
    /// leaves the complaint as it was (only the read is logged).
    async fn change_complaint(
        &self,
        actor: &Actor,
        id: &str,
        change: impl FnOnce(&mut Complaint) -> Result<(), VaultError>,
    ) -> Result<Complaint, VaultError> {
        let person = self.known_complaint(id).await?;
        // Decided before anything is opened: the read that opens the text is logged first,
        // the change with its statement after.
        let read = self
            .allow_complaints(
                actor,
                AuditAction::ComplaintRead,
                Some(id),
                person.as_deref(),
            )
            .await?;
        let permit = self
            .allow_complaints(
                actor,
                AuditAction::ComplaintChange,
                Some(id),
                person.as_deref(),
            )
            .await?;
        let receipt = sealed::commit(&self.inner.writer, read, Vec::new()).await?;
        let row = self.complaint_row(id).await?;
        let key = self.inner.keys.read().await.register_text_key()?;
        let mut complaint = self.complaint_from_row(&row, &key, &receipt)?;
        change(&mut complaint)?;
        complaint.clock =
            self.complaint_clock(complaint.received, complaint.extension.is_some())?;
        let c = &complaint;
        let texts = Texts {
            about: c.about.clone(),
            extension_reason: c
                .extension
                .as_ref()
                .map(|e| e.reason.clone())
                .unwrap_or_default(),
            decision_text: c
                .decision
                .as_ref()
                .map(|d| d.text.clone())
                .unwrap_or_default(),
        };
        let sealed_texts = self.seal_complaint_texts(id, &texts).await?;
        let stmt = Stmt::must_change(
            "UPDATE complaints SET officer_involved = $1, extension_told = $2, decided_on = $3, \
             outcome = $4, referred_on = $5, to_ap = $6, texts = $7 \
             WHERE tenant_id = $8 AND id = $9",
            vec![
                Arg::Int(i64::from(c.officer_involved)),
                Arg::OptText(c.extension.as_ref().map(|e| e.told.to_string())),
                Arg::OptText(c.decision.as_ref().map(|d| d.on.to_string())),
                Arg::OptText(c.decision.as_ref().map(|d| d.outcome.id().to_owned())),
                Arg::OptText(c.referred.map(|d| d.to_string())),
                Arg::Int(i64::from(c.to_ap)),
                Arg::Blob(sealed_texts),
                Arg::Text(self.inner.tenant.clone()),
                Arg::Text(id.to_owned()),
            ],
        );
        sealed::commit(&self.inner.writer, permit, vec![stmt]).await?;
        Ok(complaint)
    }

    /// Records the extension of the term, told to the complainant on `told` with its reason.
    /// Told after the six weeks ended it does not extend the term and is refused, naming
    /// `told` (Wkkgz art. 17 lid 2); so is a second extension.
    pub async fn extend_complaint(
        &self,
        actor: &Actor,
        id: &str,
        told: Date,
        reason: &str,
    ) -> Result<Complaint, VaultError> {
        Complaint::extension_input(told, reason, crate::clock::today())?;
        self.change_complaint(actor, id, |c| c.extend(told, reason, crate::clock::today()))
            .await
    }

    /// Records the decision: its date, outcome and text (Wkkgz art. 17 lid 1). A decision
    /// after the term is recorded (late, as the register then shows), one before the receipt
    /// is refused naming `on`.
    pub async fn decide_complaint(
        &self,
        actor: &Actor,
        id: &str,
        on: Date,
        outcome: ComplaintOutcome,
        text: &str,
    ) -> Result<Complaint, VaultError> {
        Complaint::decision_input(on, text, crate::clock::today())?;
        self.change_complaint(actor, id, |c| {
            c.decide(on, outcome, text, crate::clock::today())
        })
        .await
    }

    /// Records that the complaint was put to the geschilleninstantie (Wkkgz art. 21).
    pub async fn refer_complaint(
        &self,
        actor: &Actor,
        id: &str,
        on: Date,
    ) -> Result<Complaint, VaultError> {
        not_after("on", on, crate::clock::today())?;
        self.change_complaint(actor, id, |c| c.refer(on, crate::clock::today()))
            .await
    }

    /// Records whether the klachtenfunctionaris is involved (Wkkgz art. 15) and whether the
    /// complainant also went to the Autoriteit Persoonsgegevens (art. 77 AVG).
    pub async fn mark_complaint(
        &self,
        actor: &Actor,
        id: &str,
        officer_involved: Option<bool>,
        to_ap: Option<bool>,
    ) -> Result<Complaint, VaultError> {
        self.change_complaint(actor, id, |c| {
            if let Some(o) = officer_involved {
                c.officer_involved = o;
            }
            if let Some(a) = to_ap {
                c.to_ap = a;
            }
            Ok(())
        })
        .await
    }
}

/// An outcome by its id, or `Invalid` naming `outcome`.
pub fn parse_outcome(id: &str) -> Result<ComplaintOutcome, VaultError> {
    ComplaintOutcome::from_id(id).ok_or_else(|| {
        invalid(
            "outcome",
            &format!(
                "unknown outcome `{id}`; expected one of: {}",
                ComplaintOutcome::ids().join(", ")
            ),
        )
    })
}
