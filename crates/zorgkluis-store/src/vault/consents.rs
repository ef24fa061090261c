//! Consent records (issue 14 part 1): who gave a consent (the subject, or a representative
//! whose ground the core checks as for a request; for a minor of 12 up to 16 both), in which
//! form, when, for what (a processing, a recipient or kind of recipient, categories, a
//! purpose), from and until which day, and the evidence (the text shown and its version, or a
//! signed form's reference and SHA-256), so that the organisation can show it (AVG art. 7 lid
//! 1). A consent is withdrawn at any time (AVG art. 7 lid 3): the withdrawal is recorded beside
//! it, by whom and from which day, and the consent itself is never changed, so its history
//! stays.
//!
//! The rules are the core's (`decide::consent`): the scope's ids, the period, who consents, and
//! whether a consent covers a disclosure on a day ([`Vault::consent_for`]); this room keeps the
//! records. The free text (the text shown, the form's reference, a representative's name) is
//! sealed with the person's key and opened with the receipt of a read.
//!
//! The category: a consent is administrative data of the client relationship (who agreed to
//! what, on which day), kept with the identification facts (`naw`): the one category every
//! seed reglement has in its client processing, written by those who register clients and by
//! the caregivers in the care team, and never health data, so administration can record a
//! consent without reading the dossier. (`contact`, which the do-not-contact register uses,
//! is missing from Rondomzorg's client processing, whose audit consent, art. 2.8, is one of
//! the reasons for this room.) Recording or withdrawing a consent is decided as a write of
//! that category, listing them as a read; both are logged.

use jiff::civil::Date;
use serde::{Deserialize, Serialize};
use sqlx::Row as _;
use zorgkluis_core::Lang;
use zorgkluis_core::decide::{
    CONSENT_WITHDRAWAL_ARTICLE, ConsentQuery, ConsentScope, ConsentTerms, ConsenterFacts,
    check_period, check_scope, consent_basis, consent_covers, who_consents,
};
use zorgkluis_core::taxonomy::IDENTIFICATION_CATEGORY;
use zorgkluis_core::vocabulary::{Action, ConsentForm, ConsentGiven, Ground, Requester};

use super::access::Situation;
use super::{Actor, Vault, VaultError, WrappedKey};
use crate::StoreError;
use crate::audit::AuditAction;
use crate::sealed::{self, Permit, Sealed, SealedKind, Unpermitted};
use crate::writer::{Arg, Stmt};

/// The category consents are kept in (see the module's comment).
pub const CONSENT_CATEGORY: &str = IDENTIFICATION_CATEGORY;

/// The purpose label of consent events.
const PURPOSE: &str = "toestemming";

/// How the organisation shows the consent: the text shown and its version, or a signed form's
/// reference and SHA-256, or both.
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize, Deserialize)]
pub struct ConsentEvidence {
    /// The text shown or read to the person (sealed).
    pub text: Option<String>,
    /// The version of that text (a label, such as `audit-2026-1`).
    pub text_version: Option<String>,
    /// Where the signed form is kept (sealed: a file name may name the person).
    pub document: Option<String>,
    /// The SHA-256 of the signed form, 64 hex digits.
    pub document_sha256: Option<String>,
}

/// A consent as it is given.
#[derive(Debug, Clone)]
pub struct NewConsent {
    pub person: String,
    /// Who consents: the subject (`betrokkene`), or a representative.
    pub given_by: Requester,
    /// The second who consents beside the first (the minor of 12 up to 16 and a parent).
    pub also_by: Option<Requester>,
    /// A representative registered as a person of this organisation.
    pub representative_person: Option<String>,
    /// A representative who is no registered person: how the organisation knows him (sealed).
    pub representative_name: Option<String>,
    /// The subject's legal status (curatele, mentorschap) or wilsonbekwaam.
    pub ground: Option<Ground>,
    /// A written authorisation of the subject (a proxy's).
    pub authorisation: bool,
    /// The subject's birth date where his identification facts hold none.
    pub subject_born: Option<Date>,
    pub form: ConsentGiven,
    pub given_on: Date,
    pub scope: ConsentScope,
    pub valid_from: Date,
    /// The last day it holds (inclusive); none: until withdrawn.
    pub valid_until: Option<Date>,
    pub evidence: ConsentEvidence,
}

/// A withdrawal, beside its consent.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct ConsentWithdrawal {
    pub withdrawn_by: Requester,
    /// From this day on the consent covers nothing.
    pub withdrawn_on: Date,
    pub recorded_by: String,
    pub recorded_role: String,
    pub recorded_at: String,
}

/// A consent as recorded, with its withdrawal if any.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct ConsentRecord {
    pub id: String,
    pub person_id: String,
    pub given_by: Requester,
    pub also_by: Option<Requester>,
    pub representative_person: Option<String>,
    /// Opened on a read only.
    pub representative_name: Option<String>,
    pub ground: Option<Ground>,
    pub authorisation: bool,
    pub form: ConsentGiven,
    pub given_on: Date,
    pub scope: ConsentScope,
    pub valid_from: Date,
    pub valid_until: Option<Date>,
    /// The text and the document's reference are opened on a read only.
    pub evidence: ConsentEvidence,
    /// The articles the check of who consents cited.
    pub articles: Vec<String>,
    pub recorded_by: String,
    pub recorded_role: String,
    pub recorded_at: String,
    pub withdrawal: Option<ConsentWithdrawal>,
}

impl ConsentRecord {
    /// The record as the core's covering rule takes it.
    pub fn terms(&self) -> ConsentTerms<'_> {
        ConsentTerms {
            form: self.form,
            scope: &self.scope,
            valid_from: self.valid_from,
            valid_until: self.valid_until,
            withdrawn_on: self.withdrawal.as_ref().map(|w| w.withdrawn_on),
        }
    }

    /// In force on `day`: within its period and not withdrawn by then.
    pub fn live_on(&self, day: Date) -> bool {
        self.valid_from <= day
            && self.valid_until.is_none_or(|u| day <= u)
            && self
                .withdrawal
                .as_ref()
                .is_none_or(|w| day < w.withdrawn_on)
    }
}

/// The sealed free text of a consent.
#[derive(Debug, Default, Serialize, Deserialize)]
struct Details {
    #[serde(default)]
    text: Option<String>,
    #[serde(default)]
    document: Option<String>,
    #[serde(default)]
    representative_name: Option<String>,
}

fn details_kind(id: &str) -> SealedKind {
    SealedKind::ConsentDetails {
        id: id.to_owned(),
        category: CONSENT_CATEGORY.to_owned(),
    }
}

fn invalid(field: &'static str, message: impl Into<String>) -> VaultError {
    VaultError::Invalid {
        field,
        message: message.into(),
    }
}

fn non_empty(s: &Option<String>) -> Option<String> {
    s.as_deref()
        .map(str::trim)
        .filter(|s| !s.is_empty())
        .map(str::to_owned)
}

/// The evidence, trimmed and checked: a complete pair at least, a signed form for a written
/// consent, a hash of 64 hex digits (lowercased).
fn checked_evidence(
    form: ConsentGiven,
    e: &ConsentEvidence,
) -> Result<ConsentEvidence, VaultError> {
    let out = ConsentEvidence {
        text: non_empty(&e.text),
        text_version: non_empty(&e.text_version),
        document: non_empty(&e.document),
        document_sha256: non_empty(&e.document_sha256).map(|h| h.to_ascii_lowercase()),
    };
    match (&out.text, &out.text_version) {
        (Some(_), None) => {
            return Err(invalid("evidence_version", "the version of the text shown"));
        }
        (None, Some(_)) => return Err(invalid("evidence_text", "the text shown, of that version")),
        _ => {}
    }
    match (&out.document, &out.document_sha256) {
        (Some(_), None) => {
            return Err(invalid("evidence_sha256", "the SHA-256 of the signed form"));
        }
        (None, Some(_)) => {
            return Err(invalid(
                "evidence_document",
                "where the signed form is kept",
            ));
        }
        (Some(_), Some(h)) if h.len() != 64 || !h.chars().all(|c| c.is_ascii_hexdigit()) => {
            return Err(invalid("evidence_sha256", "64 hexadecimal digits"));
        }
        _ => {}
    }
    if form == ConsentGiven::Schriftelijk && out.document.is_none() {
        return Err(invalid(
            "evidence_document",
            "a written consent is shown by the signed form: its reference and SHA-256",
        ));
    }
    if out.text.is_none() && out.document.is_none() {
        return Err(invalid(
            "evidence",
            "the text shown and its version, or a signed form's reference and SHA-256 \
             (AVG art. 7 lid 1: the organisation shows the consent)",
        ));
    }
    Ok(out)
}

const COLUMNS: &str = "c.id, c.person_id, c.given_by, c.also_by, c.representative_person, \
     c.ground, c.authorisation, c.form, c.given_on, c.processing, c.recipient, c.categories, \
     c.purpose, c.valid_from, c.valid_until, c.evidence_version, c.evidence_sha256, c.details, \
     c.articles, c.recorded_by, c.recorded_role, c.recorded_at, w.withdrawn_by, \
     w.withdrawn_on, w.recorded_by, w.recorded_role, w.recorded_at";

fn stored<T>(field: &'static str, value: &str, parsed: Option<T>) -> Result<T, StoreError> {
    parsed.ok_or_else(|| StoreError::Invalid {
        field,
        message: format!("stored value `{value}`"),
    })
}

fn stored_date(field: &'static str, value: &str) -> Result<Date, StoreError> {
    stored(field, value, value.parse().ok())
}

impl Vault {
    /// Records a consent; returns its id. Bad input (an unknown id in the scope, an end before
    /// the start, incomplete evidence) is refused before anything is read or written. Who
    /// consents is checked on the subject's birth date (read under a read of the consent
    /// category, logged); a refusal is logged as a denied `consent_give` with the articles
    /// that decided it, and nothing is stored.
    pub async fn give_consent(
        &self,
        actor: &Actor,
        new: &NewConsent,
        lang: Lang,
    ) -> Result<String, VaultError> {
        let reglement = &self.inner.reglement;
        check_scope(reglement, &new.scope).map_err(|e| invalid(e.field, e.message))?;
        check_period(
            new.given_on,
            new.valid_from,
            new.valid_until,
            crate::clock::today(),
        )
        .map_err(|e| invalid(e.field, e.message))?;
        let evidence = checked_evidence(new.form, &new.evidence)?;
        if let Some(other) = &new.representative_person {
            if *other == new.person {
                return Err(invalid(
                    "representative_person",
                    "the subject consents as betrokkene, without a representative",
                ));
            }
            self.known_person(other).await.map_err(|_| {
                invalid(
                    "representative_person",
                    format!("no person {other} is registered"),
                )
            })?;
        }
        // The subject's birth date decides who consents: read, and logged.
        let (permit, wrapped) = self
            .consent_permit(
                actor,
                &new.person,
                AuditAction::ConsentRead,
                "toestemming-leeftijd",
            )
            .await?;
        let receipt = sealed::commit(&self.inner.writer, permit, Vec::new()).await?;
        let key = self.unwrap(&new.person, &wrapped).await?;
        let subject_born = self
            .subject_born(&new.person, &key, &receipt, new.subject_born)
            .await?;
        let checked = who_consents(
            reglement,
            &ConsenterFacts {
                given_by: new.given_by,
                also_by: new.also_by,
                subject_born,
                on: new.given_on,
                ground: new.ground,
                authorisation: new.authorisation,
            },
            lang,
        );
        let (permit, key) = self
            .authorize_change_as(
                actor,
                Action::Write,
                AuditAction::ConsentGive,
                &new.person,
                CONSENT_CATEGORY,
                PURPOSE,
            )
            .await?;
        let articles = match checked {
            Ok(articles) => articles,
            Err(refusal) => {
                // In the log, with the articles that decided it; nothing is stored.
                let mut event = permit.refused();
                event.articles = refusal.articles.join("; ");
                sealed::record(
                    &self.inner.writer,
                    Unpermitted::Denial,
                    vec![event],
                    Vec::new(),
                )
                .await?;
                return Err(invalid(refusal.field, refusal.to_string()));
            }
        };
        let id = uuid::Uuid::now_v7().to_string();
        let details = serde_json::to_vec(&Details {
            text: evidence.text.clone(),
            document: evidence.document.clone(),
            representative_name: non_empty(&new.representative_name),
        })
        .map_err(|e| StoreError::Crypto(format!("consent details: {e}")))?;
        let sealed_details = key.seal(
            &details,
            &details_kind(&id),
            &self.inner.tenant,
            &new.person,
        )?;
        let permit = permit.citing(&articles).with_object(&id);
        let t = |s: &str| Arg::Text(s.to_owned());
        let opt = |s: Option<&str>| Arg::OptText(s.map(str::to_owned));
        let stmt = Stmt::new(
            "INSERT INTO consents (tenant_id, id, person_id, given_by, also_by, \
             representative_person, ground, authorisation, form, given_on, processing, recipient, \
             categories, purpose, valid_from, valid_until, evidence_version, evidence_sha256, \
             details, articles, recorded_by, recorded_role, recorded_at) VALUES ($1, $2, $3, $4, \
             $5, $6, $7, $8, $9, $10, $11, $12, $13, $14, $15, $16, $17, $18, $19, $20, $21, $22, $23)",
            vec![
                t(&self.inner.tenant),
                t(&id),
                t(&new.person),
                t(new.given_by.id()),
                opt(new.also_by.map(|r| r.id())),
                opt(new.representative_person.as_deref()),
                opt(new.ground.map(|g| g.id())),
                Arg::Int(i64::from(new.authorisation)),
                t(new.form.id()),
                t(&new.given_on.to_string()),
                opt(new.scope.processing.as_deref()),
                opt(new.scope.recipient.as_deref()),
                t(&new.scope.categories.join(",")),
                opt(new.scope.purpose.as_deref()),
                t(&new.valid_from.to_string()),
                opt(new.valid_until.map(|d| d.to_string()).as_deref()),
                opt(evidence.text_version.as_deref()),
                opt(evidence.document_sha256.as_deref()),
                Arg::Blob(sealed_details),
                t(&articles.join("; ")),
                t(&actor.user_id),
                t(&actor.role),
                t(&crate::clock::now()),
            ],
        );
        sealed::commit(&self.inner.writer, permit, vec![stmt]).await?;
        Ok(id)
    }

    /// Whether a consent with `id` is recorded (nothing decided or logged: for an API that
    /// answers an unknown id with 404 before it looks at anything else).
    pub async fn check_consent_known(&self, id: &str) -> Result<(), VaultError> {
        match self.stored_consents(None, Some(id)).await?.is_empty() {
            true => Err(VaultError::NotFound(format!("consent {id}"))),
            false => Ok(()),
        }
    }

    /// Records that consent `id` is withdrawn by `withdrawn_by` (the subject or who acts for
    /// him), from `on` (today when none; not in the future, not before it was given). The
    /// consent itself stays as it was; a second withdrawal is refused. Returns the person's id
    /// (for a page to return to).
    pub async fn withdraw_consent(
        &self,
        actor: &Actor,
        id: &str,
        withdrawn_by: Requester,
        on: Option<Date>,
    ) -> Result<String, VaultError> {
        let found = self
            .stored_consents(None, Some(id))
            .await?
            .into_iter()
            .next()
            .map(|(c, _)| c)
            .ok_or_else(|| VaultError::NotFound(format!("consent {id}")))?;
        if found.withdrawal.is_some() {
            return Err(VaultError::Conflict {
                field: "consent",
                message: format!("consent {id} was withdrawn already"),
            });
        }
        let today = crate::clock::today();
        let on = on.unwrap_or(today);
        if on > today {
            return Err(invalid("withdrawn_on", format!("{on} is in the future")));
        }
        if on < found.given_on {
            return Err(invalid(
                "withdrawn_on",
                format!("{on} is before the consent was given ({})", found.given_on),
            ));
        }
        let (permit, _) = self
            .authorize_change_as(
                actor,
                Action::Write,
                AuditAction::ConsentWithdraw,
                &found.person_id,
                CONSENT_CATEGORY,
                "toestemming ingetrokken",
            )
            .await?;
        let permit = permit
            .citing(&[CONSENT_WITHDRAWAL_ARTICLE.to_owned()])
            .with_object(id);
        let stmt = Stmt::new(
            "INSERT INTO consent_withdrawals (tenant_id, consent_id, person_id, withdrawn_by, \
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
        Ok(found.person_id)
    }

    /// Every consent of `person`, withdrawn and expired ones too, newest first, with the
    /// evidence opened: the history (decided as a read of the consent category, logged).
    pub async fn consents(
        &self,
        actor: &Actor,
        person: &str,
    ) -> Result<Vec<ConsentRecord>, VaultError> {
        let (permit, wrapped) = self
            .consent_permit(actor, person, AuditAction::ConsentRead, "toestemmingen")
            .await?;
        let receipt = sealed::commit(&self.inner.writer, permit, Vec::new()).await?;
        let key = self.unwrap(person, &wrapped).await?;
        let stored = self.stored_consents(Some(person), None).await?;
        let mut out = Vec::with_capacity(stored.len());
        for (mut c, details) in stored {
            let plain = details.open(&key, &receipt)?;
            let d: Details = serde_json::from_slice(&plain)
                .map_err(|e| StoreError::Crypto(format!("consent details: {e}")))?;
            c.evidence.text = d.text;
            c.evidence.document = d.document;
            c.representative_name = d.representative_name;
            out.push(c);
        }
        Ok(out)
    }

    /// The live consent of `person` that covers `query` on `day` in a form that meets
    /// `needed`, if any (the newest, when several do); its evidence stays sealed. Decided as a
    /// read of the consent category and logged as `consent_check`, with the consent found as
    /// the event's object.
    pub async fn consent_for(
        &self,
        actor: &Actor,
        person: &str,
        query: &ConsentQuery<'_>,
        needed: ConsentForm,
        day: Date,
    ) -> Result<Option<ConsentRecord>, VaultError> {
        self.known_person(person).await?;
        let found = self.live_consent(person, query, needed, day).await?;
        let (mut permit, _) = self
            .consent_permit(
                actor,
                person,
                AuditAction::ConsentCheck,
                "toestemming-nagaan",
            )
            .await?;
        if let Some(c) = &found {
            permit = permit.citing(&c.articles).with_object(&c.id);
        }
        sealed::commit(&self.inner.writer, permit, Vec::new()).await?;
        Ok(found)
    }

    /// Whether `category` of `person` rests on consent alone (the core's `consent_basis`) and
    /// no live consent to its processing covers it today: then the access policy refuses all
    /// but erasure. Asked inside the access it decides, so it has no event of its own; for any
    /// other category it reads nothing.
    pub(crate) async fn consent_missing(
        &self,
        person: &str,
        category: &str,
    ) -> Result<bool, VaultError> {
        let Some(basis) = consent_basis(&self.inner.reglement, category) else {
            return Ok(false);
        };
        let query = ConsentQuery {
            processing: Some(basis.processing),
            recipient: None,
            category,
            purpose: None,
        };
        Ok(self
            .live_consent(person, &query, basis.form, crate::clock::today())
            .await?
            .is_none())
    }

    /// [`Vault::consent_for`] without its own event, for a decision whose access is logged
    /// already (the disclosure ledger): ids and dates only, nothing opened.
    pub(crate) async fn live_consent(
        &self,
        person: &str,
        query: &ConsentQuery<'_>,
        needed: ConsentForm,
        day: Date,
    ) -> Result<Option<ConsentRecord>, VaultError> {
        Ok(self
            .stored_consents(Some(person), None)
            .await?
            .into_iter()
            .map(|(c, _)| c)
            .find(|c| consent_covers(&c.terms(), query, needed, day)))
    }

    /// Decides a read of `person`'s consent category (logging a denial): the permit, and the
    /// person's wrapped key.
    async fn consent_permit(
        &self,
        actor: &Actor,
        person: &str,
        logged_as: AuditAction,
        purpose: &str,
    ) -> Result<(Permit, WrappedKey), VaultError> {
        let Some(facts) = self
            .write_facts(&actor.user_id, person, CONSENT_CATEGORY)
            .await?
        else {
            return Err(self.missing_person(person).await);
        };
        let (permit, _) = self
            .authorize_data(
                actor,
                Action::Read,
                logged_as,
                person,
                CONSENT_CATEGORY,
                purpose,
                Situation {
                    care: facts.care,
                    restricted: facts.restricted,
                    ..Situation::default()
                },
            )
            .await?;
        Ok((permit, facts.key))
    }

    /// The consents of one person, or the one with `id`, newest first, with their
    /// withdrawals; the free text sealed.
    pub(super) async fn stored_consents(
        &self,
        person: Option<&str>,
        id: Option<&str>,
    ) -> Result<Vec<(ConsentRecord, Sealed)>, StoreError> {
        let (filter, value) = match (person, id) {
            (_, Some(id)) => ("c.id", id),
            (Some(p), None) => ("c.person_id", p),
            (None, None) => return Ok(Vec::new()),
        };
        let rows = sqlx::query(sqlx::AssertSqlSafe(format!(
            "SELECT {COLUMNS} FROM consents c LEFT JOIN consent_withdrawals w \
             ON w.tenant_id = c.tenant_id AND w.consent_id = c.id \
             WHERE c.tenant_id = $1 AND {filter} = $2 ORDER BY c.recorded_at DESC, c.id DESC"
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
            let given_by: String = r.try_get(2)?;
            let also_by: Option<String> = r.try_get(3)?;
            let ground: Option<String> = r.try_get(5)?;
            let authorisation: i64 = r.try_get(6)?;
            let form: String = r.try_get(7)?;
            let given_on: String = r.try_get(8)?;
            let categories: String = r.try_get(11)?;
            let valid_from: String = r.try_get(13)?;
            let valid_until: Option<String> = r.try_get(14)?;
            let articles: String = r.try_get(18)?;
            let withdrawn_by: Option<String> = r.try_get(22)?;
            let withdrawal = match withdrawn_by {
                Some(by) => {
                    let on: String = r.try_get(23)?;
                    Some(ConsentWithdrawal {
                        withdrawn_by: requester("withdrawn_by", &by)?,
                        withdrawn_on: stored_date("withdrawn_on", &on)?,
                        recorded_by: r.try_get(24)?,
                        recorded_role: r.try_get(25)?,
                        recorded_at: r.try_get(26)?,
                    })
                }
                None => None,
            };
            let details = Sealed::new(
                r.try_get(17)?,
                &self.inner.tenant,
                &person_id,
                details_kind(&id),
            );
            out.push((
                ConsentRecord {
                    given_by: requester("given_by", &given_by)?,
                    also_by: also_by
                        .as_deref()
                        .map(|a| requester("also_by", a))
                        .transpose()?,
                    representative_person: r.try_get(4)?,
                    representative_name: None,
                    ground: ground
                        .as_deref()
                        .map(|g| stored("ground", g, Ground::from_id(g)))
                        .transpose()?,
                    authorisation: authorisation != 0,
                    form: stored("form", &form, ConsentGiven::from_id(&form))?,
                    given_on: stored_date("given_on", &given_on)?,
                    scope: ConsentScope {
                        processing: r.try_get(9)?,
                        recipient: r.try_get(10)?,
                        categories: categories
                            .split(',')
                            .filter(|c| !c.is_empty())
                            .map(str::to_owned)
                            .collect(),
                        purpose: r.try_get(12)?,
                    },
                    valid_from: stored_date("valid_from", &valid_from)?,
                    valid_until: valid_until
                        .as_deref()
                        .map(|d| stored_date("valid_until", d))
                        .transpose()?,
                    evidence: ConsentEvidence {
                        text: None,
                        text_version: r.try_get(15)?,
                        document: None,
                        document_sha256: r.try_get(16)?,
                    },
                    articles: articles
                        .split("; ")
                        .filter(|a| !a.is_empty())
                        .map(str::to_owned)
                        .collect(),
                    recorded_by: r.try_get(19)?,
                    recorded_role: r.try_get(20)?,
                    recorded_at: r.try_get(21)?,
                    withdrawal,
                    id,
                    person_id,
                },
                details,
            ));
        }
        Ok(out)
    }
}
