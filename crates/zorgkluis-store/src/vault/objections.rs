//! Objections (bezwaar, art. 21 AVG; issue 13 part 5, issue 14 part 3): an objection against a
//! processing of the reglement, optionally narrowed to its disclosure to a recipient (kind) or
//! to categories (AanZien 10.2: an objection blocks the disclosure to the caregivers involved),
//! who made it (the subject, or a representative on his ground, checked as for a request of
//! type `bezwaar`), the day it was received and the grounds the person gave; then the decision
//! with the balancing: `toegewezen` (the processing stops for the person) or `afgewezen` with
//! the compelling legitimate grounds the organisation recorded (art. 21 lid 1 AVG: its
//! burden); and a withdrawal. Never overwritten: the decision and the withdrawal are recorded
//! beside the objection.
//!
//! Art. 21 lid 1 reaches only a processing on art. 6 lid 1 sub e or f AVG (the `grondslag` of
//! the processing in the reglement); an objection to another is recorded all the same and its
//! answer says the right does not apply. An objection to direct marketing (art. 21 lid 2 and 3)
//! is absolute and needs no balancing: that is the do-not-contact register
//! (`do_not_contact.rs`), not this room.
//!
//! An objection is a data subject request (the request type `bezwaar`): filing, deciding,
//! withdrawing and reading are the duty `handle_requests`, given to whom the reglement charges
//! with requests (BG wonen 4.7: the directie), decided by the policy and logged with the
//! person as subject. The rules are the core's (`decide::objection`); the disclosure decision
//! asks [`Vault::standing_objection`] inside its own logged access.

use jiff::civil::Date;
use serde::{Deserialize, Serialize};
use sqlx::Row as _;
use zorgkluis_core::Lang;
use zorgkluis_core::decide::{
    ObjectionApplies, ObjectionQuery, ObjectionScope, ObjectionStanding, ObjectionTerms,
    RepresentFacts, check_decision, check_objection_scope, check_received, objection_standing,
    processing_recipients, represent,
};
use zorgkluis_core::vocabulary::{Duty, Ground, ObjectionOutcome, RequestType, Requester};

use super::{Actor, Vault, VaultError};
use crate::StoreError;
use crate::audit::AuditAction;
use crate::sealed::{self, Permit, Sealed, SealedKind, Unpermitted};
use crate::writer::{Arg, Stmt};

/// The purpose label of objection events.
const PURPOSE: &str = "bezwaar";
/// The most characters of a free text.
const TEXT_MAX: usize = 4000;

/// An objection as it is made.
#[derive(Debug, Clone)]
pub struct NewObjection {
    pub person: String,
    pub scope: ObjectionScope,
    /// Who makes it: the subject (`betrokkene`), or a representative.
    pub made_by: Requester,
    /// A representative registered as a person of this organisation.
    pub representative_person: Option<String>,
    /// A representative who is no registered person (sealed).
    pub representative_name: Option<String>,
    /// The subject's legal status (curatele, mentorschap) or wilsonbekwaam.
    pub ground: Option<Ground>,
    /// A written authorisation of the subject (a proxy's).
    pub authorisation: bool,
    /// The subject's birth date where his identification facts hold none.
    pub subject_born: Option<Date>,
    pub received_on: Date,
    /// The reasons the person gave, "met zijn specifieke situatie verband houdende" (sealed).
    pub grounds: String,
}

/// An objection as filed: its id, and whether art. 21 lid 1 applies, with the answer.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct FiledObjection {
    pub id: String,
    pub applies: bool,
    pub articles: Vec<String>,
    /// The answer in a sentence, citing the articles.
    pub answer: String,
}

/// The decision on an objection, beside it.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct ObjectionDecision {
    pub outcome: ObjectionOutcome,
    pub decided_on: Date,
    /// The compelling legitimate grounds of a rejection (opened on a read only).
    pub compelling_grounds: Option<String>,
    pub articles: Vec<String>,
    pub decided_by: String,
    pub decided_role: String,
    pub decided_at: String,
}

/// A withdrawal, beside its objection.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct ObjectionWithdrawal {
    pub withdrawn_by: Requester,
    /// From this day on the objection blocks nothing.
    pub withdrawn_on: Date,
    pub recorded_by: String,
    pub recorded_role: String,
    pub recorded_at: String,
}

/// An objection as recorded, with its decision and withdrawal if any.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct ObjectionRecord {
    pub id: String,
    pub person_id: String,
    pub scope: ObjectionScope,
    pub made_by: Requester,
    pub representative_person: Option<String>,
    /// Opened on a read only.
    pub representative_name: Option<String>,
    pub ground: Option<Ground>,
    pub authorisation: bool,
    pub received_on: Date,
    /// The grounds the person gave (opened on a read only).
    pub grounds: Option<String>,
    /// Whether art. 21 lid 1 applied on the processing's grondslag when it was filed.
    pub applies: bool,
    /// The articles of its answer.
    pub articles: Vec<String>,
    /// The articles of the check of who made it.
    pub made_by_articles: Vec<String>,
    pub recorded_by: String,
    pub recorded_role: String,
    pub recorded_at: String,
    pub decision: Option<ObjectionDecision>,
    pub withdrawal: Option<ObjectionWithdrawal>,
}

impl ObjectionRecord {
    /// The record as the core's rule takes it.
    pub fn terms(&self) -> ObjectionTerms<'_> {
        ObjectionTerms {
            scope: &self.scope,
            applies: self.applies,
            received_on: self.received_on,
            decision: self.decision.as_ref().map(|d| (d.outcome, d.decided_on)),
            withdrawn_on: self.withdrawal.as_ref().map(|w| w.withdrawn_on),
        }
    }

    /// How it stands against its own scope on `day` (see [`objection_standing`]).
    pub fn standing_on(&self, day: Date) -> Option<ObjectionStanding> {
        let query = ObjectionQuery {
            processing: Some(&self.scope.processing),
            recipient: self.scope.recipient.as_deref(),
            category: self.scope.categories.first().map_or("", String::as_str),
        };
        objection_standing(&self.terms(), &query, &[], day)
    }

    /// Whether it still asks a decision (neither decided nor withdrawn).
    pub fn open(&self) -> bool {
        self.decision.is_none() && self.withdrawal.is_none()
    }
}

/// The sealed free text an objection is filed with.
#[derive(Debug, Default, Serialize, Deserialize)]
struct Details {
    #[serde(default)]
    grounds: Option<String>,
    #[serde(default)]
    representative_name: Option<String>,
}

fn text_kind(id: &str, field: &str) -> SealedKind {
    SealedKind::ObjectionText {
        id: id.to_owned(),
        field: field.to_owned(),
    }
}

fn invalid(field: &'static str, message: impl Into<String>) -> VaultError {
    VaultError::Invalid {
        field,
        message: message.into(),
    }
}

fn text(field: &'static str, value: &str, what: &str) -> Result<String, VaultError> {
    let v = value.trim();
    if v.is_empty() {
        return Err(invalid(field, what.to_owned()));
    }
    if v.chars().count() > TEXT_MAX {
        return Err(invalid(field, format!("at most {TEXT_MAX} characters")));
    }
    Ok(v.to_owned())
}

fn stored<T>(field: &'static str, value: &str, parsed: Option<T>) -> Result<T, StoreError> {
    parsed.ok_or_else(|| StoreError::Invalid {
        field,
        message: format!("stored value `{value}`"),
    })
}

fn stored_date(field: &'static str, value: &str) -> Result<Date, StoreError> {
    stored(field, value, value.parse().ok())
}

fn list(s: &str, sep: &str) -> Vec<String> {
    s.split(sep)
        .filter(|x| !x.is_empty())
        .map(str::to_owned)
        .collect()
}

const COLUMNS: &str = "o.id, o.person_id, o.processing, o.recipient, o.categories, o.made_by, \
     o.representative_person, o.ground, o.authorisation, o.received_on, o.applies, o.articles, \
     o.made_by_articles, o.details, o.recorded_by, o.recorded_role, o.recorded_at, \
     d.outcome, d.decided_on, d.compelling_grounds, d.articles, d.decided_by, d.decided_role, \
     d.decided_at, w.withdrawn_by, w.withdrawn_on, w.recorded_by, w.recorded_role, \
     w.recorded_at";

/// A stored objection with its sealed texts: the details, and a rejection's grounds.
type StoredObjection = (ObjectionRecord, Sealed, Option<Sealed>);

impl Vault {
    /// Records an objection; returns its id and whether art. 21 lid 1 applies, with the
    /// answer. Bad input (an unknown processing, recipient or category, a day in the future,
    /// no grounds) is refused before anything is read or written. Who made it is checked on
    /// the subject's birth date (read under the duty of handling requests, logged); a refusal
    /// is logged as a denied `objection_file` with the articles that decided it, and nothing
    /// is stored.
    pub async fn file_objection(
        &self,
        actor: &Actor,
        new: &NewObjection,
        lang: Lang,
    ) -> Result<FiledObjection, VaultError> {
        let reglement = &self.inner.reglement;
        let applies: ObjectionApplies = check_objection_scope(reglement, &new.scope)
            .map_err(|e| invalid(e.field, e.message))?;
        check_received(new.received_on, crate::clock::today())
            .map_err(|e| invalid(e.field, e.message))?;
        let grounds = text(
            "grounds",
            &new.grounds,
            "the reasons the person gives, from his particular situation (AVG art. 21 lid 1)",
        )?;
        if let Some(other) = &new.representative_person {
            if *other == new.person {
                return Err(invalid(
                    "representative_person",
                    "the subject objects as betrokkene, without a representative",
                ));
            }
            self.known_person(other).await.map_err(|_| {
                invalid(
                    "representative_person",
                    format!("no person {other} is registered"),
                )
            })?;
        }
        let wrapped = self.wrapped_key(&new.person).await?;
        // The subject's birth date decides who may object: read under the duty, and logged.
        let permit = self
            .objection_permit(
                actor,
                AuditAction::ObjectionRead,
                &new.person,
                "bezwaar-leeftijd",
            )
            .await?;
        let receipt = sealed::commit(&self.inner.writer, permit, Vec::new()).await?;
        let key = self.unwrap(&new.person, &wrapped).await?;
        let subject_born = self
            .subject_born(&new.person, &key, &receipt, new.subject_born)
            .await?;
        let who = represent(
            reglement,
            &RepresentFacts {
                request: RequestType::Bezwaar,
                requester: new.made_by,
                subject_born,
                on: new.received_on,
                subject_deceased: None,
                ground: new.ground,
                authorisation: new.authorisation,
            },
            lang,
        )
        .map_err(|e| invalid("subject_born", e.message(lang)))?;
        let permit = self
            .objection_permit(actor, AuditAction::ObjectionFile, &new.person, PURPOSE)
            .await?;
        if !who.allowed {
            // In the log, with the articles that decided it; nothing is stored.
            let mut event = permit.refused();
            event.articles = who.articles.join("; ");
            sealed::record(
                &self.inner.writer,
                Unpermitted::Denial,
                vec![event],
                Vec::new(),
            )
            .await?;
            return Err(invalid("made_by", who.explain(lang)));
        }
        let id = uuid::Uuid::now_v7().to_string();
        let details = serde_json::to_vec(&Details {
            grounds: Some(grounds),
            representative_name: new
                .representative_name
                .as_deref()
                .map(str::trim)
                .filter(|n| !n.is_empty())
                .map(str::to_owned),
        })
        .map_err(|e| StoreError::Crypto(format!("objection details: {e}")))?;
        let sealed_details = key.seal(
            &details,
            &text_kind(&id, "details"),
            &self.inner.tenant,
            &new.person,
        )?;
        let mut cited = applies.articles.clone();
        for a in &who.articles {
            if !cited.contains(a) {
                cited.push(a.clone());
            }
        }
        let permit = permit.citing(&cited).with_object(&id);
        let t = |s: &str| Arg::Text(s.to_owned());
        let opt = |s: Option<&str>| Arg::OptText(s.map(str::to_owned));
        let stmt = Stmt::new(
            "INSERT INTO objections (tenant_id, id, person_id, processing, recipient, categories, \
             made_by, representative_person, ground, authorisation, received_on, applies, \
             articles, made_by_articles, details, recorded_by, recorded_role, recorded_at) \
             VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10, $11, $12, $13, $14, $15, $16, $17, $18)",
            vec![
                t(&self.inner.tenant),
                t(&id),
                t(&new.person),
                t(&new.scope.processing),
                opt(new.scope.recipient.as_deref()),
                t(&new.scope.categories.join(",")),
                t(new.made_by.id()),
                opt(new.representative_person.as_deref()),
                opt(new.ground.map(|g| g.id())),
                Arg::Int(i64::from(new.authorisation)),
                t(&new.received_on.to_string()),
                Arg::Int(i64::from(applies.applies)),
                t(&applies.articles.join("; ")),
                t(&who.articles.join("; ")),
                Arg::Blob(sealed_details),
                t(&actor.user_id),
                t(&actor.role),
                t(&crate::clock::now()),
            ],
        );
        sealed::commit(&self.inner.writer, permit, vec![stmt]).await?;
        Ok(FiledObjection {
            answer: applies.explain(&new.scope.processing, lang),
            id,
            applies: applies.applies,
            articles: applies.articles,
        })
    }

    /// Whether an objection with `id` is recorded (nothing decided or logged: for an API that
    /// answers an unknown id with 404 before it looks at anything else).
    pub async fn check_objection_known(&self, id: &str) -> Result<(), VaultError> {
        match self.stored_objections(None, Some(id)).await?.is_empty() {
            true => Err(VaultError::NotFound(format!("objection {id}"))),
            false => Ok(()),
        }
    }

    async fn found_objection(&self, id: &str) -> Result<ObjectionRecord, VaultError> {
        self.stored_objections(None, Some(id))
            .await?
            .into_iter()
            .next()
            .map(|(o, _, _)| o)
            .ok_or_else(|| VaultError::NotFound(format!("objection {id}")))
    }

    /// Records the decision on objection `id`, beside it: `toegewezen`, or `afgewezen` with
    /// the compelling legitimate grounds (required where art. 21 lid 1 applies; sealed), on
    /// `decided_on` (today when none). A second decision, or one on a withdrawn objection, is
    /// refused: a decision is never overwritten.
    pub async fn decide_objection(
        &self,
        actor: &Actor,
        id: &str,
        outcome: ObjectionOutcome,
        compelling_grounds: Option<&str>,
        decided_on: Option<Date>,
    ) -> Result<Vec<String>, VaultError> {
        let found = self.found_objection(id).await?;
        if found.decision.is_some() {
            return Err(VaultError::Conflict {
                field: "objection",
                message: format!("objection {id} was decided already"),
            });
        }
        if found.withdrawal.is_some() {
            return Err(VaultError::Conflict {
                field: "objection",
                message: format!("objection {id} was withdrawn"),
            });
        }
        let today = crate::clock::today();
        let on = decided_on.unwrap_or(today);
        let applies = ObjectionApplies {
            applies: found.applies,
            bases: Vec::new(),
            articles: found.articles.clone(),
        };
        let articles = check_decision(
            &applies,
            outcome,
            compelling_grounds,
            found.received_on,
            on,
            today,
        )
        .map_err(|e| invalid(e.field, e.message))?;
        let grounds = match compelling_grounds.map(str::trim).filter(|g| !g.is_empty()) {
            Some(g) => Some(text("compelling_grounds", g, "")?),
            None => None,
        };
        let wrapped = self.wrapped_key(&found.person_id).await?;
        let permit = self
            .objection_permit(
                actor,
                AuditAction::ObjectionDecide,
                &found.person_id,
                "bezwaar-besluit",
            )
            .await?
            .citing(&articles)
            .with_object(id);
        let key = self.unwrap(&found.person_id, &wrapped).await?;
        let sealed_grounds = grounds
            .map(|g| {
                key.seal(
                    g.as_bytes(),
                    &text_kind(id, "compelling_grounds"),
                    &self.inner.tenant,
                    &found.person_id,
                )
            })
            .transpose()?;
        let stmt = Stmt::new(
            "INSERT INTO objection_decisions (tenant_id, objection_id, person_id, outcome, \
             decided_on, compelling_grounds, articles, decided_by, decided_role, decided_at) \
             VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10)",
            vec![
                Arg::Text(self.inner.tenant.clone()),
                Arg::Text(id.to_owned()),
                Arg::Text(found.person_id.clone()),
                Arg::Text(outcome.id().to_owned()),
                Arg::Text(on.to_string()),
                Arg::OptBlob(sealed_grounds),
                Arg::Text(articles.join("; ")),
                Arg::Text(actor.user_id.clone()),
                Arg::Text(actor.role.clone()),
                Arg::Text(crate::clock::now()),
            ],
        );
        sealed::commit(&self.inner.writer, permit, vec![stmt]).await?;
        Ok(articles)
    }

    /// Records that objection `id` is withdrawn by `withdrawn_by` (the subject or who acts for
    /// him), from `on` (today when none; not in the future, not before it was received). The
    /// objection and its decision stay as they were; a second withdrawal is refused.
    pub async fn withdraw_objection(
        &self,
        actor: &Actor,
        id: &str,
        withdrawn_by: Requester,
        on: Option<Date>,
    ) -> Result<(), VaultError> {
        let found = self.found_objection(id).await?;
        if found.withdrawal.is_some() {
            return Err(VaultError::Conflict {
                field: "objection",
                message: format!("objection {id} was withdrawn already"),
            });
        }
        let today = crate::clock::today();
        let on = on.unwrap_or(today);
        if on > today {
            return Err(invalid("withdrawn_on", format!("{on} is in the future")));
        }
        if on < found.received_on {
            return Err(invalid(
                "withdrawn_on",
                format!(
                    "{on} is before the objection was received ({})",
                    found.received_on
                ),
            ));
        }
        let permit = self
            .objection_permit(
                actor,
                AuditAction::ObjectionWithdraw,
                &found.person_id,
                "bezwaar-ingetrokken",
            )
            .await?
            .citing(&found.articles)
            .with_object(id);
        let stmt = Stmt::new(
            "INSERT INTO objection_withdrawals (tenant_id, objection_id, person_id, withdrawn_by, \
             withdrawn_on, recorded_by, recorded_role, recorded_at) \
             VALUES ($1, $2, $3, $4, $5, $6, $7, $8)",
            vec![
                Arg::Text(self.inner.tenant.clone()),
                Arg::Text(id.to_owned()),
                Arg::Text(found.person_id.clone()),
                Arg::Text(withdrawn_by.id().to_owned()),
                Arg::Text(on.to_string()),
                Arg::Text(actor.user_id.clone()),
                Arg::Text(actor.role.clone()),
                Arg::Text(crate::clock::now()),
            ],
        );
        sealed::commit(&self.inner.writer, permit, vec![stmt]).await?;
        Ok(())
    }

    /// Every objection of `person`, decided and withdrawn ones too, newest first, with the
    /// grounds given and the balancing opened (decided as the duty of handling requests,
    /// logged).
    pub async fn objections(
        &self,
        actor: &Actor,
        person: &str,
    ) -> Result<Vec<ObjectionRecord>, VaultError> {
        let wrapped = self.wrapped_key(person).await?;
        let permit = self
            .objection_permit(actor, AuditAction::ObjectionRead, person, "bezwaren")
            .await?;
        let receipt = sealed::commit(&self.inner.writer, permit, Vec::new()).await?;
        let key = self.unwrap(person, &wrapped).await?;
        let mut out = Vec::new();
        for (mut o, details, compelling) in self.stored_objections(Some(person), None).await? {
            let plain = details.open(&key, &receipt)?;
            let d: Details = serde_json::from_slice(&plain)
                .map_err(|e| StoreError::Crypto(format!("objection details: {e}")))?;
            o.grounds = d.grounds;
            o.representative_name = d.representative_name;
            if let (Some(decision), Some(sealed)) = (o.decision.as_mut(), compelling) {
                let plain = sealed.open(&key, &receipt)?;
                decision.compelling_grounds = Some(String::from_utf8_lossy(&plain).into_owned());
            }
            out.push(o);
        }
        Ok(out)
    }

    /// The objection of `person` that stands against `query` on `day`, with how it stands
    /// (upheld; pending, which restricts under AVG art. 18 lid 1 sub d; or raised where art.
    /// 21 lid 1 does not reach and the reglement's rule decides), if any: the one that blocks
    /// by law first, then the newest. No event of its own: it is asked inside an access that
    /// is logged already (the disclosure decision), and opens nothing (ids, dates, the
    /// standing).
    pub async fn standing_objection(
        &self,
        person: &str,
        query: &ObjectionQuery<'_>,
        day: Date,
    ) -> Result<Option<(ObjectionRecord, ObjectionStanding)>, VaultError> {
        let reglement = &self.inner.reglement;
        let mut raised = None;
        for (o, _, _) in self.stored_objections(Some(person), None).await? {
            let recipients = processing_recipients(reglement, &o.scope.processing);
            match objection_standing(&o.terms(), query, &recipients, day) {
                Some(s) if s.blocks_by_law() => return Ok(Some((o, s))),
                Some(s) if raised.is_none() => raised = Some((o, s)),
                _ => {}
            }
        }
        Ok(raised)
    }

    /// Decides the duty of handling requests for an objection step on `person` (a denial is
    /// logged).
    async fn objection_permit(
        &self,
        actor: &Actor,
        logged_as: AuditAction,
        person: &str,
        purpose: &str,
    ) -> Result<Permit, VaultError> {
        self.authorize_duty(
            actor,
            Duty::HandleRequests,
            false,
            logged_as,
            Some(person),
            purpose,
        )
        .await
    }

    /// The objections of one person, or the one with `id`, newest first, with their decisions
    /// and withdrawals; the free text sealed.
    async fn stored_objections(
        &self,
        person: Option<&str>,
        id: Option<&str>,
    ) -> Result<Vec<StoredObjection>, StoreError> {
        let (filter, value) = match (person, id) {
            (_, Some(id)) => ("o.id", id),
            (Some(p), None) => ("o.person_id", p),
            (None, None) => return Ok(Vec::new()),
        };
        let rows = sqlx::query(sqlx::AssertSqlSafe(format!(
            "SELECT {COLUMNS} FROM objections o \
             LEFT JOIN objection_decisions d \
             ON d.tenant_id = o.tenant_id AND d.objection_id = o.id \
             LEFT JOIN objection_withdrawals w \
             ON w.tenant_id = o.tenant_id AND w.objection_id = o.id \
             WHERE o.tenant_id = $1 AND {filter} = $2 ORDER BY o.recorded_at DESC, o.id DESC"
        )))
        .bind(&self.inner.tenant)
        .bind(value)
        .fetch_all(&*self.inner.pool)
        .await?;
        let mut out = Vec::with_capacity(rows.len());
        for r in rows {
            let id: String = r.try_get(0)?;
            let person_id: String = r.try_get(1)?;
            let requester = |field: &'static str, v: &str| stored(field, v, Requester::from_id(v));
            let categories: String = r.try_get(4)?;
            let made_by: String = r.try_get(5)?;
            let ground: Option<String> = r.try_get(7)?;
            let authorisation: i64 = r.try_get(8)?;
            let received_on: String = r.try_get(9)?;
            let applies: i64 = r.try_get(10)?;
            let articles: String = r.try_get(11)?;
            let made_by_articles: String = r.try_get(12)?;
            let outcome: Option<String> = r.try_get(17)?;
            let mut compelling = None;
            let decision = match outcome {
                Some(outcome) => {
                    let on: String = r.try_get(18)?;
                    let sealed: Option<Vec<u8>> = r.try_get(19)?;
                    compelling = sealed.map(|b| {
                        Sealed::new(
                            b,
                            &self.inner.tenant,
                            &person_id,
                            text_kind(&id, "compelling_grounds"),
                        )
                    });
                    let articles: String = r.try_get(20)?;
                    Some(ObjectionDecision {
                        outcome: stored("outcome", &outcome, ObjectionOutcome::from_id(&outcome))?,
                        decided_on: stored_date("decided_on", &on)?,
                        compelling_grounds: None,
                        articles: list(&articles, "; "),
                        decided_by: r.try_get(21)?,
                        decided_role: r.try_get(22)?,
                        decided_at: r.try_get(23)?,
                    })
                }
                None => None,
            };
            let withdrawn_by: Option<String> = r.try_get(24)?;
            let withdrawal = match withdrawn_by {
                Some(by) => {
                    let on: String = r.try_get(25)?;
                    Some(ObjectionWithdrawal {
                        withdrawn_by: requester("withdrawn_by", &by)?,
                        withdrawn_on: stored_date("withdrawn_on", &on)?,
                        recorded_by: r.try_get(26)?,
                        recorded_role: r.try_get(27)?,
                        recorded_at: r.try_get(28)?,
                    })
                }
                None => None,
            };
            let details = Sealed::new(
                r.try_get(13)?,
                &self.inner.tenant,
                &person_id,
                text_kind(&id, "details"),
            );
            out.push((
                ObjectionRecord {
                    scope: ObjectionScope {
                        processing: r.try_get(2)?,
                        recipient: r.try_get(3)?,
                        categories: list(&categories, ","),
                    },
                    made_by: requester("made_by", &made_by)?,
                    representative_person: r.try_get(6)?,
                    representative_name: None,
                    ground: ground
                        .as_deref()
                        .map(|g| stored("ground", g, Ground::from_id(g)))
                        .transpose()?,
                    authorisation: authorisation != 0,
                    received_on: stored_date("received_on", &received_on)?,
                    grounds: None,
                    applies: applies != 0,
                    articles: list(&articles, "; "),
                    made_by_articles: list(&made_by_articles, "; "),
                    recorded_by: r.try_get(14)?,
                    recorded_role: r.try_get(15)?,
                    recorded_at: r.try_get(16)?,
                    decision,
                    withdrawal,
                    id,
                    person_id,
                },
                details,
                compelling,
            ));
        }
        Ok(out)
    }
}
