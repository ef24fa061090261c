//! The disclosure ledger (issue 14 part 2): an extract of a dossier sent to an organisation.
//!
//! Recipients are organisations in a register of their own: the kind from the reglement's
//! taxonomy (which the disclosure rules name), a name, an AGB code or KvK number, a country.
//! A disclosure is an access with action `disclose`, decided per category twice over: by the
//! access policy (may this role disclose this category of this client) and by the reglement's
//! disclosure rules (may this kind of recipient receive it, is consent needed and in which
//! form; the live consent records answer that, `consents.rs`). Each category's access is
//! logged before anything is opened. The extract goes out only once the ledger holds it: what
//! went out (categories, record ids, the SHA-256 of the payload), to whom, on which basis (the
//! consents, or the articles that allow it without), by whom and when.
//!
//! The ledger answers "to whom were my data given" (AVG art. 15 lid 1 sub c; the subject's
//! export lists it), names whom to tell of a correction or erasure (AVG art. 19), and carries
//! the duty to tell the subject of a disclosure without consent where the reglement asks it
//! (Rondomzorg and BG wonen 2.5): the notice is recorded beside the disclosure, the letter
//! sealed with the person's key, or the reglement's exception ("unless that would endanger
//! someone") with its reason.

use jiff::civil::Date;
use serde::Serialize;
use sqlx::Row as _;
use zorgkluis_core::Lang;
use zorgkluis_core::decide::{
    ConsentQuery, DisclosureAnswer, DisclosureFacts, DisclosureQuery, ObjectionQuery,
    ObjectionStanding, disclose_on,
};
use zorgkluis_core::taxonomy::IdKind;
use zorgkluis_core::vocabulary::{Action, Duty};

use super::access::Situation;
use super::records::{Record, SealedRecord};
use super::{Actor, Vault, VaultError};
use crate::StoreError;
use crate::audit::AuditAction;
use crate::keys::sha256;
use crate::sealed::{self, Permit, Sealed, SealedKind, Unpermitted};
use crate::writer::{Arg, Stmt};

/// An organisation to register as a recipient.
#[derive(Debug, Clone, Default)]
pub struct NewRecipient {
    /// The kind of recipient, an id of the reglement's taxonomy (`zorgaanbieder`, `auditor`).
    pub kind: String,
    pub name: String,
    /// The AGB code of a care provider (8 digits).
    pub agb_code: Option<String>,
    /// The number in the Chamber of Commerce's register (8 digits).
    pub kvk_number: Option<String>,
    /// ISO 3166-1 alpha-2 (`NL`); outside the EEA a transfer needs its own ground (AVG ch. V).
    pub country: String,
}

/// A registered recipient.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct Recipient {
    pub id: String,
    pub kind: String,
    pub name: String,
    pub agb_code: Option<String>,
    pub kvk_number: Option<String>,
    pub country: String,
    pub registered_by: String,
    pub registered_at: String,
}

/// A disclosure to make.
#[derive(Debug, Clone)]
pub struct NewDisclosure {
    pub person: String,
    /// A registered recipient's id.
    pub recipient: String,
    pub categories: Vec<String>,
    pub purpose: String,
    /// The caregiver's justification of a conflict of duties, where the disclosure goes
    /// without the consent its rule asks on that ground (`conflict_van_plichten`).
    pub conflict_of_duties: Option<String>,
}

/// How the subject was told of a disclosure, or why not.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize)]
#[serde(rename_all = "snake_case")]
pub enum NoticeOutcome {
    /// The letter went out on the day.
    Verstuurd,
    /// Not told, under the reglement's exception (recorded with the reason).
    Uitzondering,
}

impl NoticeOutcome {
    pub fn id(self) -> &'static str {
        match self {
            NoticeOutcome::Verstuurd => "verstuurd",
            NoticeOutcome::Uitzondering => "uitzondering",
        }
    }

    fn parse(text: &str) -> Result<NoticeOutcome, StoreError> {
        match text {
            "verstuurd" => Ok(NoticeOutcome::Verstuurd),
            "uitzondering" => Ok(NoticeOutcome::Uitzondering),
            other => Err(StoreError::Invalid {
                field: "outcome",
                message: format!("stored outcome `{other}`"),
            }),
        }
    }
}

/// The notice recorded beside a disclosure.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct DisclosureNotice {
    pub outcome: NoticeOutcome,
    pub on: Date,
    pub recorded_by: String,
    pub recorded_at: String,
}

/// An entry of the ledger: ids, kinds and dates, no content.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct Disclosure {
    pub id: String,
    pub person_id: String,
    pub recipient: Recipient,
    pub categories: Vec<String>,
    pub record_ids: Vec<String>,
    /// SHA-256 of the payload as it went out (the JSON of [`DisclosureOutcome::extract`]).
    pub payload_sha256: String,
    /// The consents that allowed it; empty where no consent was needed.
    pub consent_ids: Vec<String>,
    /// The articles that decided it.
    pub articles: Vec<String>,
    pub purpose: String,
    pub disclosed_on: Date,
    pub disclosed_by: String,
    pub disclosed_role: String,
    pub disclosed_at: String,
    /// The reglement asks that the subject be told (a disclosure without consent).
    pub notice_required: bool,
    pub notice_articles: Vec<String>,
    pub notice: Option<DisclosureNotice>,
    /// How a transfer to a successor went (`persoonlijk`, `aangetekend`, `beveiligde_email`);
    /// none for a disclosure made from the disclosure form.
    pub channel: Option<String>,
    /// The `overdracht` request a transfer carried out.
    pub request_id: Option<String>,
    /// It went without the consent its rule asks, on a conflict of duties the caregiver
    /// justified (the justification is on its audit events, for the privacy officer's review).
    pub conflict_of_duties: bool,
}

impl Disclosure {
    /// A notice the reglement asks for and nobody has recorded yet.
    pub fn notice_due(&self) -> bool {
        self.notice_required && self.notice.is_none()
    }
}

/// What [`Vault::disclose`] hands over: the ledger entry and the extract it records.
#[derive(Debug, Clone, Serialize)]
pub struct DisclosureOutcome {
    pub disclosure: Disclosure,
    /// Each category's decision, with its articles.
    pub decisions: Vec<DisclosureAnswer>,
    pub extract: Vec<Record>,
}

/// The letter that tells the subject, as recorded.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct NoticeLetter {
    pub disclosure_id: String,
    pub outcome: NoticeOutcome,
    pub on: Date,
    /// The letter (Dutch), or the reason of the exception.
    pub text: String,
}

const PURPOSE_NOTICE: &str = "verstrekking-melden";

/// A disclosure decided, not yet made.
struct Decided {
    recipient: Recipient,
    categories: Vec<String>,
    facts: super::records::WriteFacts,
    permits: Vec<Permit>,
    decisions: Vec<DisclosureAnswer>,
    consent_ids: Vec<String>,
    day: Date,
}

fn eight_digits(field: &'static str, value: Option<&str>) -> Result<Option<String>, VaultError> {
    let Some(v) = value.map(str::trim).filter(|v| !v.is_empty()) else {
        return Ok(None);
    };
    if v.len() != 8 || !v.bytes().all(|b| b.is_ascii_digit()) {
        return Err(VaultError::Invalid {
            field,
            message: format!("`{v}` is not 8 digits"),
        });
    }
    Ok(Some(v.to_owned()))
}

fn json_list(field: &'static str, text: &str) -> Result<Vec<String>, StoreError> {
    serde_json::from_str(text).map_err(|e| StoreError::Invalid {
        field,
        message: e.to_string(),
    })
}

fn to_json(list: &[String]) -> String {
    serde_json::to_string(list).unwrap_or_else(|_| "[]".to_owned())
}

fn stored_date(field: &'static str, text: &str) -> Result<Date, StoreError> {
    text.parse().map_err(|_| StoreError::Invalid {
        field,
        message: format!("stored date `{text}`"),
    })
}

const RECIPIENT_COLUMNS: &str =
    "r.id, r.kind, r.name, r.agb_code, r.kvk_number, r.country, r.registered_by, r.registered_at";

fn recipient_from(row: &sqlx::any::AnyRow, at: usize) -> Result<Recipient, StoreError> {
    Ok(Recipient {
        id: row.try_get(at)?,
        kind: row.try_get(at + 1)?,
        name: row.try_get(at + 2)?,
        agb_code: row.try_get(at + 3)?,
        kvk_number: row.try_get(at + 4)?,
        country: row.try_get(at + 5)?,
        registered_by: row.try_get(at + 6)?,
        registered_at: row.try_get(at + 7)?,
    })
}

impl Vault {
    /// Registers an organisation as a recipient (the duty `manage_recipients`). The kind must
    /// be one of the reglement's recipients; an AGB code or KvK number has 8 digits.
    pub async fn register_recipient(
        &self,
        actor: &Actor,
        new: &NewRecipient,
    ) -> Result<Recipient, VaultError> {
        if !self
            .inner
            .reglement
            .taxonomy
            .contains(IdKind::Recipient, &new.kind)
        {
            return Err(VaultError::Invalid {
                field: "kind",
                message: format!("`{}` is no recipient of the reglement", new.kind),
            });
        }
        let name = new.name.trim();
        if name.is_empty() || name.chars().count() > 200 {
            return Err(VaultError::Invalid {
                field: "name",
                message: "give the organisation's name (at most 200 characters)".into(),
            });
        }
        let agb_code = eight_digits("agb_code", new.agb_code.as_deref())?;
        let kvk_number = eight_digits("kvk_number", new.kvk_number.as_deref())?;
        let country = new.country.trim();
        if country.len() != 2 || !country.bytes().all(|b| b.is_ascii_uppercase()) {
            return Err(VaultError::Invalid {
                field: "country",
                message: format!("`{country}` is no ISO 3166 country code such as NL"),
            });
        }
        let permit = self
            .authorize_duty(
                actor,
                Duty::ManageRecipients,
                false,
                AuditAction::RecipientRegister,
                None,
                "ontvangers",
            )
            .await?;
        let recipient = Recipient {
            id: uuid::Uuid::now_v7().to_string(),
            kind: new.kind.clone(),
            name: name.to_owned(),
            agb_code,
            kvk_number,
            country: country.to_owned(),
            registered_by: actor.user_id.clone(),
            registered_at: crate::clock::now(),
        };
        let t = |s: &str| Arg::Text(s.to_owned());
        sealed::commit(
            &self.inner.writer,
            permit.with_object(&recipient.id),
            vec![Stmt::new(
                "INSERT INTO recipients (tenant_id, id, kind, name, agb_code, kvk_number, country, \
                 registered_by, registered_at) VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9)",
                vec![
                    t(&self.inner.tenant),
                    t(&recipient.id),
                    t(&recipient.kind),
                    t(&recipient.name),
                    Arg::OptText(recipient.agb_code.clone()),
                    Arg::OptText(recipient.kvk_number.clone()),
                    t(&recipient.country),
                    t(&recipient.registered_by),
                    t(&recipient.registered_at),
                ],
            )],
        )
        .await?;
        Ok(recipient)
    }

    /// The register of recipients (the duty `manage_recipients`), by name.
    pub async fn recipients(&self, actor: &Actor) -> Result<Vec<Recipient>, VaultError> {
        let permit = self
            .authorize_duty(
                actor,
                Duty::ManageRecipients,
                false,
                AuditAction::RecipientList,
                None,
                "ontvangers",
            )
            .await?;
        sealed::commit(&self.inner.writer, permit, Vec::new()).await?;
        Ok(self.stored_recipients(None).await?)
    }

    /// Whether a recipient is registered: `NotFound` if not (before anything else is read).
    pub async fn check_recipient_known(&self, id: &str) -> Result<(), VaultError> {
        match self.stored_recipients(Some(id)).await?.is_empty() {
            true => Err(VaultError::NotFound(format!("recipient {id}"))),
            false => Ok(()),
        }
    }

    /// Whether a disclosure is in the ledger: `NotFound` if not (before anything else is read).
    pub async fn check_disclosure_known(&self, id: &str) -> Result<(), VaultError> {
        match self.ledger(None, Some(id)).await?.is_empty() {
            true => Err(VaultError::NotFound(format!("disclosure {id}"))),
            false => Ok(()),
        }
    }

    /// The registered recipient `id`, if there is one.
    pub(super) async fn stored_recipients_of(
        &self,
        id: &str,
    ) -> Result<Option<Recipient>, StoreError> {
        Ok(self.stored_recipients(Some(id)).await?.into_iter().next())
    }

    pub(super) async fn stored_recipients(
        &self,
        id: Option<&str>,
    ) -> Result<Vec<Recipient>, StoreError> {
        let rows = sqlx::query(sqlx::AssertSqlSafe(format!(
            "SELECT {RECIPIENT_COLUMNS} FROM recipients r WHERE r.tenant_id = $1 \
             AND ($2 = '' OR r.id = $2) ORDER BY r.name, r.id"
        )))
        .bind(&self.inner.tenant)
        .bind(id.unwrap_or(""))
        .fetch_all(&*self.inner.pool)
        .await?;
        rows.iter().map(|r| recipient_from(r, 0)).collect()
    }

    /// What a disclosure would be decided, before it is made (the form shows it): each
    /// category's answer with its articles, whether consent is needed and found, whether the
    /// client must be told. Nothing is opened; the question is logged as a consent check (or
    /// the access policy's denial).
    pub async fn disclosure_preview(
        &self,
        actor: &Actor,
        new: &NewDisclosure,
    ) -> Result<Vec<DisclosureAnswer>, VaultError> {
        let decided = self.decide_disclosure(actor, new).await?;
        // Decided again as what it is logged as: the question, not a disclosure.
        let (permit, _) = self
            .authorize_data(
                actor,
                Action::Disclose,
                AuditAction::ConsentCheck,
                &new.person,
                &decided.categories[0],
                &new.purpose,
                Situation {
                    care: decided.facts.care,
                    ..Situation::default()
                },
            )
            .await?;
        let articles: Vec<String> = decided
            .decisions
            .iter()
            .flat_map(|d| d.articles.iter().cloned())
            .collect();
        sealed::commit(&self.inner.writer, permit.citing(&articles), Vec::new()).await?;
        Ok(decided.decisions)
    }

    /// Discloses the records of `categories` of a person to a registered recipient; see the
    /// module's comment. Refused as a whole when one category may not go: by the access policy
    /// (the denial logged, `Denied`), or by the reglement (without the consent it needs, or
    /// against a standing objection: logged as a refused `disclose` with the articles, and an
    /// `Invalid` error naming `consent`).
    pub async fn disclose(
        &self,
        actor: &Actor,
        new: &NewDisclosure,
        lang: Lang,
    ) -> Result<DisclosureOutcome, VaultError> {
        let Decided {
            recipient,
            categories,
            facts,
            mut permits,
            decisions,
            consent_ids,
            day,
        } = self.decide_disclosure(actor, new).await?;
        let person = new.person.as_str();
        let id = uuid::Uuid::now_v7().to_string();
        if let Some(refused) = decisions.iter().position(|d| !d.allowed) {
            let answer = &decisions[refused];
            let mut event = permits.swap_remove(refused).refused();
            event.articles = answer.articles.join("; ");
            sealed::record(
                &self.inner.writer,
                Unpermitted::Denial,
                vec![event],
                Vec::new(),
            )
            .await?;
            return Err(VaultError::Invalid {
                field: "consent",
                message: answer.explain(lang),
            });
        }
        let mut articles: Vec<String> = Vec::new();
        let mut notice_articles: Vec<String> = Vec::new();
        for d in &decisions {
            for a in &d.articles {
                if !articles.contains(a) {
                    articles.push(a.clone());
                }
                if d.notify_subject && !notice_articles.contains(a) {
                    notice_articles.push(a.clone());
                }
            }
        }
        let notice_required = decisions.iter().any(|d| d.notify_subject);
        let on_conflict = decisions.iter().any(|d| d.on_conflict_of_duties);
        if new.conflict_of_duties.is_some() && !on_conflict {
            return Err(VaultError::Invalid {
                field: "conflict_of_duties",
                message: "no category of this disclosure rests on a conflict of duties: the \
                          consent is there, none is needed, or no rule lets a conflict of \
                          duties stand in for it"
                    .into(),
            });
        }

        // Logged before anything is opened, each category's event citing its decision; one
        // that goes on a conflict of duties carries the justification, sealed, and is flagged
        // for the privacy officer's review.
        let key = self.unwrap(person, &facts.key).await?;
        let justification = new.conflict_of_duties.as_deref().map(str::trim);
        let mut flagged = Vec::with_capacity(permits.len());
        for ((p, d), category) in permits.into_iter().zip(&decisions).zip(&categories) {
            let p = p.citing(&d.articles).with_object(&id);
            flagged.push(match justification.filter(|_| d.on_conflict_of_duties) {
                Some(text) => p.on_conflict_of_duties(key.seal(
                    text.as_bytes(),
                    &SealedKind::EmergencyReason {
                        user: actor.user_id.clone(),
                        category: category.clone(),
                    },
                    &self.inner.tenant,
                    person,
                )?),
                None => p,
            });
        }
        let receipts = sealed::commit_all(&self.inner.writer, flagged, Vec::new()).await?;
        let sealed_records: Vec<SealedRecord> = self.records_of(person).await?;
        let mut extract = Vec::new();
        for (category, receipt) in categories.iter().zip(&receipts) {
            let mine: Vec<SealedRecord> = sealed_records
                .iter()
                .filter(|r| &r.category == category)
                .cloned()
                .collect();
            let keys = self.record_keys(&key, person, &mine)?;
            extract.extend(super::records::open_records(&keys, mine, receipt)?);
        }
        extract.sort_by(|a, b| (&a.created_at, &a.id).cmp(&(&b.created_at, &b.id)));
        let payload = serde_json::to_vec(&extract)
            .map_err(|e| StoreError::Crypto(format!("disclosure payload: {e}")))?;
        let record_ids: Vec<String> = extract.iter().map(|r| r.id.clone()).collect();
        let disclosure = Disclosure {
            id: id.clone(),
            person_id: person.to_owned(),
            recipient,
            categories: categories.clone(),
            record_ids,
            payload_sha256: hex::encode(sha256(&[&payload])),
            consent_ids,
            articles,
            purpose: new.purpose.clone(),
            disclosed_on: day,
            disclosed_by: actor.user_id.clone(),
            disclosed_role: actor.role.clone(),
            disclosed_at: crate::clock::now(),
            notice_required,
            notice_articles,
            notice: None,
            channel: None,
            request_id: None,
            conflict_of_duties: on_conflict,
        };
        // The extract goes out only once the ledger holds it: its own event, decided again as
        // the disclosure of the first category (what the entry is about).
        let (permit, _) = self
            .authorize_data(
                actor,
                Action::Disclose,
                AuditAction::DisclosureRecord,
                person,
                &categories[0],
                &new.purpose,
                Situation {
                    care: facts.care,
                    restricted: false,
                    ..Situation::default()
                },
            )
            .await?;
        let t = |s: &str| Arg::Text(s.to_owned());
        let d = &disclosure;
        sealed::commit(
            &self.inner.writer,
            permit.citing(&d.articles).with_object(&d.id),
            vec![Stmt::new(
                "INSERT INTO disclosures (tenant_id, id, person_id, recipient_id, categories, \
                 record_ids, payload_sha256, consent_ids, articles, purpose, disclosed_on, \
                 disclosed_by, disclosed_role, disclosed_at, notice_required, notice_articles, \
                 conflict_of_duties) \
                 VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10, $11, $12, $13, $14, $15, $16, \
                 $17)",
                vec![
                    t(&self.inner.tenant),
                    t(&d.id),
                    t(&d.person_id),
                    t(&d.recipient.id),
                    Arg::Text(to_json(&d.categories)),
                    Arg::Text(to_json(&d.record_ids)),
                    t(&d.payload_sha256),
                    Arg::Text(to_json(&d.consent_ids)),
                    Arg::Text(to_json(&d.articles)),
                    t(&d.purpose),
                    Arg::Text(d.disclosed_on.to_string()),
                    t(&d.disclosed_by),
                    t(&d.disclosed_role),
                    t(&d.disclosed_at),
                    Arg::Int(i64::from(d.notice_required)),
                    Arg::Text(to_json(&d.notice_articles)),
                    Arg::Int(i64::from(d.conflict_of_duties)),
                ],
            )],
        )
        .await?;
        Ok(DisclosureOutcome {
            disclosure,
            decisions,
            extract,
        })
    }

    /// The checks and decisions a disclosure and its preview share: the input (naming the
    /// field), the access policy per category (a denial logged), then the reglement's rules
    /// with the live consents.
    async fn decide_disclosure(
        &self,
        actor: &Actor,
        new: &NewDisclosure,
    ) -> Result<Decided, VaultError> {
        Self::check_purpose(&new.purpose)?;
        if new
            .conflict_of_duties
            .as_deref()
            .is_some_and(|j| j.trim().is_empty())
        {
            return Err(VaultError::Invalid {
                field: "conflict_of_duties",
                message: "say why the conflict of duties requires the disclosure without consent"
                    .into(),
            });
        }
        if new.categories.is_empty() {
            return Err(VaultError::Invalid {
                field: "categories",
                message: "name at least one category".into(),
            });
        }
        let mut categories = new.categories.clone();
        categories.sort();
        categories.dedup();
        for c in &categories {
            if !self.inner.reglement.taxonomy.contains(IdKind::Category, c) {
                return Err(VaultError::Invalid {
                    field: "categories",
                    message: format!("`{c}` is no category of the reglement"),
                });
            }
        }
        let Some(recipient) = self
            .stored_recipients(Some(&new.recipient))
            .await?
            .into_iter()
            .next()
        else {
            return Err(VaultError::Invalid {
                field: "recipient",
                message: format!(
                    "`{}` is not in the register of recipients: register the organisation first",
                    new.recipient
                ),
            });
        };
        let person = new.person.as_str();
        let Some(facts) = self.write_facts(&actor.user_id, person, "").await? else {
            return Err(self.missing_person(person).await);
        };
        let day = crate::clock::today();
        let restricted = self.restricted_categories(person).await?;
        let mut permits: Vec<Permit> = Vec::new();
        for category in &categories {
            let situation = Situation {
                care: facts.care,
                restricted: restricted
                    .iter()
                    .any(|r| r.as_deref().is_none_or(|c| c == category)),
                ..Situation::default()
            };
            let (permit, _) = self
                .authorize_data(
                    actor,
                    Action::Disclose,
                    AuditAction::Disclose,
                    person,
                    category,
                    &new.purpose,
                    situation,
                )
                .await?;
            permits.push(permit);
        }
        let mut decisions = Vec::new();
        let mut consent_ids: Vec<String> = Vec::new();
        for category in &categories {
            let (answer, consent) = self
                .disclosure_answer(
                    person,
                    &recipient.kind,
                    category,
                    &new.purpose,
                    day,
                    new.conflict_of_duties.is_some(),
                )
                .await?;
            if let Some(c) = consent
                && !consent_ids.contains(&c)
            {
                consent_ids.push(c);
            }
            decisions.push(answer);
        }
        Ok(Decided {
            recipient,
            categories,
            facts,
            permits,
            decisions,
            consent_ids,
            day,
        })
    }

    /// The reglement's answer for one category, with the live consent it needs (the id of the
    /// consent that allowed it). The first answer names the form a consent must have; the
    /// consent records then say whether there is one. `conflict_of_duties`: the caregiver
    /// judges one (a rule may let it stand in for a missing consent).
    pub(super) async fn disclosure_answer(
        &self,
        person: &str,
        kind: &str,
        category: &str,
        purpose: &str,
        day: Date,
        conflict_of_duties: bool,
    ) -> Result<(DisclosureAnswer, Option<String>), VaultError> {
        let reglement = &self.inner.reglement;
        let invalid = |e: zorgkluis_core::decide::DecisionError| VaultError::Invalid {
            field: "categories",
            message: e.message(Lang::En),
        };
        // An upheld objection, or one whose balancing is pending, blocks by law whatever the
        // rule; one the law does not reach (art. 21 lid 1 covers only processing on art. 6
        // lid 1 sub e or f) blocks where the reglement's rule says an objection does.
        let standing = self
            .standing_objection(
                person,
                &ObjectionQuery {
                    processing: None,
                    recipient: Some(kind),
                    category,
                },
                day,
            )
            .await?;
        let objection = standing.is_some();
        // The rules in force on the day, for the purpose of the disclosure.
        let asked = DisclosureQuery {
            on: Some(day),
            purpose: Some(purpose),
        };
        let first = disclose_on(
            reglement,
            kind,
            category,
            DisclosureFacts {
                consent: false,
                objection,
                conflict_of_duties,
            },
            asked,
        )
        .map_err(invalid)?;
        if let Some((o, how)) = standing.filter(|(_, how)| how.blocks_by_law()) {
            let mut refused = first;
            refused.allowed = false;
            refused.notify_subject = false;
            refused.objection_blocks = true;
            let law = match how {
                ObjectionStanding::Pending => "AVG art. 18 lid 1 sub d",
                _ => "AVG art. 21 lid 1",
            };
            refused.articles.push(law.to_owned());
            refused
                .conditions
                .push(format!("bezwaar {} ({})", o.id, o.received_on));
            return Ok((refused, None));
        }
        if !first.needs_consent {
            return Ok((first, None));
        }
        let query = ConsentQuery {
            processing: None,
            recipient: Some(kind),
            category,
            purpose: Some(purpose),
        };
        let consent = self
            .live_consent(person, &query, first.consent_form, day)
            .await?;
        let answer = disclose_on(
            reglement,
            kind,
            category,
            DisclosureFacts {
                consent: consent.is_some(),
                objection,
                conflict_of_duties,
            },
            asked,
        )
        .map_err(invalid)?;
        Ok((answer, consent.map(|c| c.id)))
    }

    /// Records how the subject was told of a disclosure: the letter sent on `on` (composed
    /// here, in Dutch, and sealed with the person's key), or not sent under the reglement's
    /// exception, with the reason (required). Decided as a disclosure of the entry's first
    /// category: whoever may disclose it tells the client. Once only.
    pub async fn record_disclosure_notice(
        &self,
        actor: &Actor,
        disclosure: &str,
        outcome: NoticeOutcome,
        on: Date,
        reason: Option<&str>,
    ) -> Result<NoticeLetter, VaultError> {
        let Some(d) = self
            .ledger(None, Some(disclosure))
            .await?
            .into_iter()
            .next()
        else {
            return Err(VaultError::NotFound(format!("disclosure {disclosure}")));
        };
        if d.notice.is_some() {
            return Err(VaultError::Conflict {
                field: "disclosure",
                message: "its notice is recorded already".into(),
            });
        }
        if on < d.disclosed_on || on > crate::clock::today() {
            return Err(VaultError::Invalid {
                field: "on",
                message: format!(
                    "{on} is before the disclosure ({}) or in the future",
                    d.disclosed_on
                ),
            });
        }
        let text = match outcome {
            NoticeOutcome::Verstuurd => self.notice_letter(&d),
            NoticeOutcome::Uitzondering => {
                let exception = self
                    .inner
                    .reglement
                    .file
                    .disclosure
                    .notify_without_consent
                    .as_ref()
                    .and_then(|n| n.exception.clone());
                let Some(exception) = exception else {
                    return Err(VaultError::Invalid {
                        field: "outcome",
                        message: "the reglement names no exception to telling the subject".into(),
                    });
                };
                let Some(reason) = reason.map(str::trim).filter(|r| !r.is_empty()) else {
                    return Err(VaultError::Invalid {
                        field: "reason",
                        message: format!(
                            "say why telling the subject is left out (the reglement: {exception})"
                        ),
                    });
                };
                reason.to_owned()
            }
        };
        let Some(facts) = self
            .write_facts(&actor.user_id, &d.person_id, &d.categories[0])
            .await?
        else {
            return Err(self.missing_person(&d.person_id).await);
        };
        let (permit, _) = self
            .authorize_data(
                actor,
                Action::Disclose,
                AuditAction::DisclosureNotice,
                &d.person_id,
                &d.categories[0],
                PURPOSE_NOTICE,
                Situation {
                    care: facts.care,
                    restricted: false,
                    ..Situation::default()
                },
            )
            .await?;
        let key = self.unwrap(&d.person_id, &facts.key).await?;
        let sealed_text = key.seal(
            text.as_bytes(),
            &SealedKind::DisclosureNotice {
                id: d.id.clone(),
                category: d.categories[0].clone(),
            },
            &self.inner.tenant,
            &d.person_id,
        )?;
        let t = |s: &str| Arg::Text(s.to_owned());
        sealed::commit(
            &self.inner.writer,
            permit.citing(&d.notice_articles).with_object(&d.id),
            vec![Stmt::new(
                "INSERT INTO disclosure_notices (tenant_id, disclosure_id, outcome, on_day, \
                 sealed_text, recorded_by, recorded_at) VALUES ($1, $2, $3, $4, $5, $6, $7)",
                vec![
                    t(&self.inner.tenant),
                    t(&d.id),
                    t(outcome.id()),
                    Arg::Text(on.to_string()),
                    Arg::Blob(sealed_text),
                    t(&actor.user_id),
                    Arg::Text(crate::clock::now()),
                ],
            )],
        )
        .await?;
        Ok(NoticeLetter {
            disclosure_id: d.id,
            outcome,
            on,
            text,
        })
    }

    /// The letter that tells the subject of a disclosure without consent (Dutch: it goes to
    /// the client).
    pub(super) fn notice_letter(&self, d: &Disclosure) -> String {
        let lang = Lang::Nl;
        let taxonomy = &self.inner.reglement.taxonomy;
        let categories: Vec<&str> = d
            .categories
            .iter()
            .map(|c| taxonomy.category(c).map_or(c.as_str(), |c| c.label(lang)))
            .collect();
        let kind = taxonomy
            .recipient(&d.recipient.kind)
            .map_or(d.recipient.kind.as_str(), |t| t.label(lang));
        [
            zorgkluis_core::t!(lang, "notice-letter-subject"),
            zorgkluis_core::t!(lang, "letter-salutation"),
            zorgkluis_core::t!(
                lang,
                "notice-letter-text",
                date = &zorgkluis_core::time::format_date(d.disclosed_on, lang),
                recipient = &format!("{} ({kind})", d.recipient.name),
                categories = &categories.join(", "),
                purpose = d.purpose.as_str(),
                articles = &d.articles.join("; ")
            ),
            zorgkluis_core::t!(
                lang,
                "notice-letter-why",
                articles = &d.notice_articles.join("; ")
            ),
            zorgkluis_core::t!(lang, "notice-letter-rights"),
        ]
        .join("\n\n")
    }

    /// The ledger (the duty `read_audit`: the FG's), of one person or of everyone, newest
    /// first, with the persons shown as the event's subjects.
    pub async fn disclosures(
        &self,
        actor: &Actor,
        person: Option<&str>,
    ) -> Result<Vec<Disclosure>, VaultError> {
        if let Some(p) = person {
            self.known_person(p).await?;
        }
        let permit = self
            .authorize_duty(
                actor,
                Duty::ReadAudit,
                false,
                AuditAction::DisclosureList,
                person,
                "verstrekkingen",
            )
            .await?;
        let ledger = self.ledger(person, None).await?;
        let mut persons: Vec<String> = ledger.iter().map(|d| d.person_id.clone()).collect();
        persons.sort();
        persons.dedup();
        sealed::commit(&self.inner.writer, permit.showing(persons), Vec::new()).await?;
        Ok(ledger)
    }

    /// The ledger's entries of a person (or everyone), or the one with `id`, newest first.
    pub(crate) async fn ledger(
        &self,
        person: Option<&str>,
        id: Option<&str>,
    ) -> Result<Vec<Disclosure>, StoreError> {
        let rows = sqlx::query(sqlx::AssertSqlSafe(format!(
            "SELECT d.id, d.person_id, d.categories, d.record_ids, d.payload_sha256, \
             d.consent_ids, d.articles, d.purpose, d.disclosed_on, d.disclosed_by, \
             d.disclosed_role, d.disclosed_at, d.notice_required, d.notice_articles, \
             n.outcome, n.on_day, n.recorded_by, n.recorded_at, {RECIPIENT_COLUMNS}, \
             d.channel, d.request_id, d.conflict_of_duties \
             FROM disclosures d \
             JOIN recipients r ON r.tenant_id = d.tenant_id AND r.id = d.recipient_id \
             LEFT JOIN disclosure_notices n ON n.tenant_id = d.tenant_id \
             AND n.disclosure_id = d.id \
             WHERE d.tenant_id = $1 AND ($2 = '' OR d.person_id = $2) \
             AND ($3 = '' OR d.id = $3) ORDER BY d.disclosed_at DESC, d.id DESC"
        )))
        .bind(&self.inner.tenant)
        .bind(person.unwrap_or(""))
        .bind(id.unwrap_or(""))
        .fetch_all(&*self.inner.pool)
        .await?;
        rows.iter()
            .map(|r| {
                let notice = match r.try_get::<Option<String>, _>(14)? {
                    Some(outcome) => Some(DisclosureNotice {
                        outcome: NoticeOutcome::parse(&outcome)?,
                        on: stored_date("on_day", &r.try_get::<String, _>(15)?)?,
                        recorded_by: r.try_get(16)?,
                        recorded_at: r.try_get(17)?,
                    }),
                    None => None,
                };
                Ok(Disclosure {
                    id: r.try_get(0)?,
                    person_id: r.try_get(1)?,
                    categories: json_list("categories", &r.try_get::<String, _>(2)?)?,
                    record_ids: json_list("record_ids", &r.try_get::<String, _>(3)?)?,
                    payload_sha256: r.try_get(4)?,
                    consent_ids: json_list("consent_ids", &r.try_get::<String, _>(5)?)?,
                    articles: json_list("articles", &r.try_get::<String, _>(6)?)?,
                    purpose: r.try_get(7)?,
                    disclosed_on: stored_date("disclosed_on", &r.try_get::<String, _>(8)?)?,
                    disclosed_by: r.try_get(9)?,
                    disclosed_role: r.try_get(10)?,
                    disclosed_at: r.try_get(11)?,
                    notice_required: r.try_get::<i64, _>(12)? != 0,
                    notice_articles: json_list("notice_articles", &r.try_get::<String, _>(13)?)?,
                    notice,
                    recipient: recipient_from(r, 18)?,
                    channel: r.try_get(26)?,
                    request_id: r.try_get(27)?,
                    conflict_of_duties: r.try_get::<i64, _>(28)? != 0,
                })
            })
            .collect()
    }

    /// The letter recorded for a disclosure's notice, opened with a read of the entry's first
    /// category (or the reason of the exception).
    pub async fn disclosure_notice_letter(
        &self,
        actor: &Actor,
        disclosure: &str,
    ) -> Result<NoticeLetter, VaultError> {
        let Some(d) = self
            .ledger(None, Some(disclosure))
            .await?
            .into_iter()
            .next()
        else {
            return Err(VaultError::NotFound(format!("disclosure {disclosure}")));
        };
        let Some(notice) = &d.notice else {
            return Err(VaultError::NotFound(format!(
                "notice of disclosure {disclosure}"
            )));
        };
        let row = sqlx::query(
            "SELECT sealed_text FROM disclosure_notices WHERE tenant_id = $1 AND disclosure_id = $2",
        )
        .bind(&self.inner.tenant)
        .bind(&d.id)
        .fetch_one(&*self.inner.pool)
        .await?;
        let Some(facts) = self
            .write_facts(&actor.user_id, &d.person_id, &d.categories[0])
            .await?
        else {
            return Err(self.missing_person(&d.person_id).await);
        };
        let (permit, _) = self
            .authorize_data(
                actor,
                Action::Read,
                AuditAction::Read,
                &d.person_id,
                &d.categories[0],
                PURPOSE_NOTICE,
                Situation {
                    care: facts.care,
                    restricted: facts.restricted,
                    ..Situation::default()
                },
            )
            .await?;
        let receipt =
            sealed::commit(&self.inner.writer, permit.with_object(&d.id), Vec::new()).await?;
        let key = self.unwrap(&d.person_id, &facts.key).await?;
        let sealed = Sealed::new(
            row.try_get(0)?,
            &self.inner.tenant,
            &d.person_id,
            SealedKind::DisclosureNotice {
                id: d.id.clone(),
                category: d.categories[0].clone(),
            },
        );
        let text = String::from_utf8_lossy(&sealed.open(&key, &receipt)?).into_owned();
        Ok(NoticeLetter {
            disclosure_id: d.id.clone(),
            outcome: notice.outcome,
            on: notice.on,
            text,
        })
    }
}
