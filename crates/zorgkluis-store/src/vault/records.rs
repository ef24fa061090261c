//! The dossier: records by category, added, corrected and supplemented with their history kept,
//! read one category at a time (the hot path) or as a whole, each category decided and logged
//! before anything is opened.

use serde::Serialize;
use zorgkluis_core::decide::AccessDecision;
use zorgkluis_core::taxonomy::IDENTIFICATION_CATEGORY;
use zorgkluis_core::vocabulary::Action;

use super::access::Situation;
use super::category_keys::RecordKeys;
use super::persons::PersonFacts;
use super::restrictions::RESTRICTED_SUBQUERY;
use super::{Actor, Vault, VaultError, WrappedKey};
use crate::StoreError;
use crate::audit::AuditAction;
use crate::db::{Columns, HotArg};
use crate::sealed::{self, DataKey, Permit, Receipt, Sealed, SealedKind, Unpermitted};
use crate::writer::{Arg, Stmt};

/// A decrypted dossier record, returned only after its access was logged.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct Record {
    pub id: String,
    pub person_id: String,
    pub category: String,
    /// `original`, `correction` (supersedes an earlier record) or `supplement` (the client's
    /// own statement added to an earlier record).
    pub kind: String,
    pub supersedes: Option<String>,
    pub text: String,
    pub created_at: String,
    pub created_by: String,
}

/// What a reader sees of a dossier: the person's identification facts and the records allowed,
/// and, for a member of the care team, what was withheld and why.
#[derive(Debug, Clone, Serialize)]
pub struct DossierView {
    /// Name, date of birth and client number, if the reader may see the identification
    /// category.
    pub facts: Option<PersonFacts>,
    pub records: Vec<Record>,
    /// The categories the person has records of that the reader may not see, with the reason.
    /// Only for a member of the care team: to anyone else the list would tell what kinds of
    /// records the person has (that there is a legal or a health file), so it stays empty.
    pub withheld: Vec<Withheld>,
    /// Whether the reader is in the person's care team today.
    pub care_team: bool,
}

#[derive(Debug, Clone, Serialize)]
pub struct Withheld {
    pub category: String,
    pub decision: AccessDecision,
}

/// The two ways a record is amended, from the web UI and from the API alike.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Amendment {
    /// A correction supersedes the record; the old one stays in the history (art. 16 AVG).
    Correction,
    /// The client's own statement beside the record (aanvulling, art. 7:454 lid 2 BW).
    Supplement,
}

impl Amendment {
    pub(super) fn action(self) -> Action {
        match self {
            Amendment::Correction => Action::Correct,
            Amendment::Supplement => Action::Write,
        }
    }

    pub(super) fn kind(self) -> &'static str {
        match self {
            Amendment::Correction => "correction",
            Amendment::Supplement => "supplement",
        }
    }

    /// The purpose the web UI logs for it.
    pub fn purpose(self) -> &'static str {
        match self {
            Amendment::Correction => "correctie",
            Amendment::Supplement => "aanvulling",
        }
    }
}

/// A record about to be sealed and inserted.
pub(crate) struct NewRecord<'a> {
    pub person: &'a str,
    pub category: &'a str,
    pub kind: &'a str,
    pub supersedes: Option<&'a str>,
    pub text: &'a str,
}

/// A dossier record as stored.
#[derive(Debug, Clone)]
pub(super) struct SealedRecord {
    id: String,
    person_id: String,
    pub(super) category: String,
    kind: String,
    supersedes: Option<String>,
    content: Sealed,
    created_at: String,
    created_by: String,
    /// Sealed with its category's key (see [`super::category_keys`]); rows written before
    /// category keys are sealed with the person's key.
    by_category: bool,
}

const RECORD_COLUMNS: &str =
    "id, person_id, category, kind, supersedes, content, created_at, created_by, key_scope";

impl SealedRecord {
    /// A `records` row in [`RECORD_COLUMNS`] order, from column `at` on.
    fn from_row(r: &dyn Columns, at: usize, tenant: &str) -> Result<SealedRecord, StoreError> {
        let (id, person_id, category) = (r.text(at)?, r.text(at + 1)?, r.text(at + 2)?);
        let kind = SealedKind::Record {
            id: id.clone(),
            category: category.clone(),
        };
        Ok(SealedRecord {
            content: Sealed::new(r.blob(at + 5)?, tenant, &person_id, kind),
            id,
            person_id,
            category,
            kind: r.text(at + 3)?,
            supersedes: r.opt_text(at + 4)?,
            created_at: r.text(at + 6)?,
            created_by: r.text(at + 7)?,
            by_category: r.opt_text(at + 8)?.is_some(),
        })
    }
}

/// What a read needs, in one query: whether the user is in the person's care team today, the
/// person's wrapped key, and the ciphertext of one category. None: no key (the person is
/// unknown or erased).
struct ReadFacts {
    care: bool,
    restricted: bool,
    key: WrappedKey,
    records: Vec<SealedRecord>,
}

const CARE_SUBQUERY: &str = "(SELECT COUNT(*) FROM care_relationships c WHERE c.tenant_id = k.tenant_id \
     AND c.user_id = $2 AND c.person_id = k.person_id AND c.valid_from <= $4 \
     AND (c.valid_until IS NULL OR c.valid_until >= $4))";

/// What a write needs to be decided, from the hot path's one query.
pub(crate) struct WriteFacts {
    pub(crate) care: bool,
    pub(crate) restricted: bool,
    pub(crate) key: WrappedKey,
}

impl Vault {
    /// The keys that open `records` of `person`: their categories' keys, and the person's
    /// own for rows sealed before category keys.
    pub(super) fn record_keys<'a>(
        &self,
        person_key: &'a DataKey,
        person: &str,
        records: &[SealedRecord],
    ) -> Result<RecordKeys<'a>, StoreError> {
        let mut keys = RecordKeys::new(person_key);
        for r in records.iter().filter(|r| r.by_category) {
            if !keys.has(&r.category) {
                let key = self.category_opening_key(person_key, person, &r.category)?;
                keys.add(&r.category, key);
            }
        }
        Ok(keys)
    }

    /// The care relationship, key and records of one category, in one query on the hot path.
    async fn read_facts(
        &self,
        user: &str,
        person: &str,
        category: &str,
    ) -> Result<Option<ReadFacts>, StoreError> {
        let sql = format!(
            "SELECT k.master_key_id, k.wrapped_key, {CARE_SUBQUERY}, {RESTRICTED_SUBQUERY}, r.id, r.person_id, r.category, r.kind, \
             r.supersedes, r.content, r.created_at, r.created_by, r.key_scope \
             FROM person_keys k LEFT JOIN records r \
             ON r.tenant_id = k.tenant_id AND r.person_id = k.person_id AND r.category = $5 \
             WHERE k.tenant_id = $1 AND k.person_id = $3 ORDER BY r.created_at, r.id"
        );
        let tenant = &self.inner.tenant;
        let today = crate::clock::today().to_string();
        let mut facts: Option<ReadFacts> = None;
        self.inner
            .pool
            .hot_query(
                &sql,
                &[
                    HotArg::Text(tenant),
                    HotArg::Text(user),
                    HotArg::Text(person),
                    HotArg::Text(&today),
                    HotArg::Text(category),
                ],
                |r| {
                    let facts = match &mut facts {
                        Some(f) => f,
                        None => facts.insert(ReadFacts {
                            care: r.int(2)? > 0,
                            restricted: r.int(3)? > 0,
                            key: WrappedKey {
                                master_key_id: r.text(0)?,
                                wrapped: r.blob(1)?,
                            },
                            records: Vec::new(),
                        }),
                    };
                    // The person without records of the category is one row without a record.
                    if r.opt_text(4)?.is_some() {
                        facts.records.push(SealedRecord::from_row(r, 4, tenant)?);
                    }
                    Ok(())
                },
            )
            .await?;
        Ok(facts)
    }

    /// What a write needs, in one query: the care relationship, the wrapped key, and whether
    /// a standing restriction covers `category`.
    pub(crate) async fn write_facts(
        &self,
        user: &str,
        person: &str,
        category: &str,
    ) -> Result<Option<WriteFacts>, StoreError> {
        let sql = format!(
            "SELECT k.master_key_id, k.wrapped_key, {CARE_SUBQUERY}, {RESTRICTED_SUBQUERY} \
             FROM person_keys k WHERE k.tenant_id = $1 AND k.person_id = $3"
        );
        let today = crate::clock::today().to_string();
        let mut facts = None;
        self.inner
            .pool
            .hot_query(
                &sql,
                &[
                    HotArg::Text(&self.inner.tenant),
                    HotArg::Text(user),
                    HotArg::Text(person),
                    HotArg::Text(&today),
                    HotArg::Text(category),
                ],
                |r| {
                    facts = Some(WriteFacts {
                        care: r.int(2)? > 0,
                        restricted: r.int(3)? > 0,
                        key: WrappedKey {
                            master_key_id: r.text(0)?,
                            wrapped: r.blob(1)?,
                        },
                    });
                    Ok(())
                },
            )
            .await?;
        Ok(facts)
    }

    /// Decides a change to `person`'s data (the care relationship and key come in one query on
    /// the hot path) and logs a denial: the permit, and the person's data key to seal with.
    pub(crate) async fn authorize_change(
        &self,
        actor: &Actor,
        action: Action,
        person: &str,
        category: &str,
        purpose: &str,
    ) -> Result<(Permit, DataKey), VaultError> {
        self.authorize_change_as(actor, action, action.into(), person, category, purpose)
            .await
    }

    /// [`Vault::authorize_change`], logged as `logged_as` (a change about the category that
    /// is not a record, such as an extension of its retention).
    pub(crate) async fn authorize_change_as(
        &self,
        actor: &Actor,
        action: Action,
        logged_as: AuditAction,
        person: &str,
        category: &str,
        purpose: &str,
    ) -> Result<(Permit, DataKey), VaultError> {
        let Some(facts) = self.write_facts(&actor.user_id, person, category).await? else {
            return Err(self.missing_person(person).await);
        };
        let (care, wrapped) = (facts.care, facts.key);
        let (permit, _) = self
            .authorize_data(
                actor,
                action,
                logged_as,
                person,
                category,
                purpose,
                Situation {
                    care,
                    restricted: facts.restricted,
                    ..Situation::default()
                },
            )
            .await?;
        let key = self.unwrap(person, &wrapped).await?;
        Ok((permit, key))
    }

    async fn record_row(&self, id: &str) -> Result<Option<SealedRecord>, StoreError> {
        let row = sqlx::query(sqlx::AssertSqlSafe(format!(
            "SELECT {RECORD_COLUMNS} FROM records WHERE tenant_id = $1 AND id = $2"
        )))
        .bind(&self.inner.tenant)
        .bind(id)
        .fetch_optional(&*self.inner.pool)
        .await?;
        row.as_ref()
            .map(|r| SealedRecord::from_row(r, 0, &self.inner.tenant))
            .transpose()
    }

    pub(super) async fn records_of(&self, person: &str) -> Result<Vec<SealedRecord>, StoreError> {
        // A whole dossier, on the path of every export and view: stepped in place, not row by
        // row through sqlx's worker (measured: most of a 100-record export's reading).
        let sql = format!(
            "SELECT {RECORD_COLUMNS} FROM records WHERE tenant_id = $1 AND person_id = $2 \
             ORDER BY created_at, id"
        );
        let tenant = &self.inner.tenant;
        let mut records = Vec::new();
        self.inner
            .pool
            .hot_query(&sql, &[HotArg::Text(tenant), HotArg::Text(person)], |r| {
                records.push(SealedRecord::from_row(r, 0, tenant)?);
                Ok(())
            })
            .await?;
        Ok(records)
    }

    /// The entry `record` belongs to in `person`'s dossier: the original its corrections and
    /// supplements go back to. None: no record of the person has that id. Reads ids only.
    pub(super) async fn entry_of(
        &self,
        person: &str,
        record: &str,
    ) -> Result<Option<String>, StoreError> {
        let records = self.records_of(person).await?;
        let supersedes: std::collections::HashMap<&str, Option<&str>> = records
            .iter()
            .map(|r| (r.id.as_str(), r.supersedes.as_deref()))
            .collect();
        Ok(supersedes
            .contains_key(record)
            .then(|| entry_root(&supersedes, record).to_owned()))
    }

    pub(crate) fn insert_record(
        &self,
        key: &DataKey,
        new: NewRecord<'_>,
        actor: &Actor,
    ) -> Result<(String, Stmt), VaultError> {
        self.insert_record_at(key, new, actor, crate::clock::now())
    }

    /// A record made at `created_at` (RFC 3339): now, or the source system's moment on import.
    pub(crate) fn insert_record_at(
        &self,
        key: &DataKey,
        new: NewRecord<'_>,
        actor: &Actor,
        created_at: String,
    ) -> Result<(String, Stmt), VaultError> {
        let NewRecord {
            person,
            category,
            kind,
            supersedes,
            text,
        } = new;
        // Time-ordered (v7): new records land at the end of the primary key's b-tree, so a
        // batch of inserts dirties a page or two instead of one per record (measured).
        let id = uuid::Uuid::now_v7().to_string();
        let key = self.sealing_key(key, person, category)?;
        let sealed = key.seal(
            text.as_bytes(),
            &SealedKind::Record {
                id: id.clone(),
                category: category.to_owned(),
            },
            &self.inner.tenant,
            person,
        )?;
        Ok((
            id.clone(),
            Stmt::new(
                "INSERT INTO records (tenant_id, id, person_id, category, kind, supersedes, content, created_at, created_by, key_scope) \
                 VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, 'category')",
                vec![
                    Arg::Text(self.inner.tenant.clone()),
                    Arg::Text(id),
                    Arg::Text(person.to_owned()),
                    Arg::Text(category.to_owned()),
                    Arg::Text(kind.to_owned()),
                    Arg::OptText(supersedes.map(str::to_owned)),
                    Arg::Blob(sealed),
                    Arg::Text(created_at),
                    Arg::Text(actor.user_id.clone()),
                ],
            ),
        ))
    }

    /// Adds a dossier record.
    pub async fn add_record(
        &self,
        actor: &Actor,
        person: &str,
        category: &str,
        text: &str,
        purpose: &str,
    ) -> Result<String, VaultError> {
        Self::check_purpose(purpose)?;
        self.check_category(category)?;
        let (permit, key) = self
            .authorize_change(actor, Action::Write, person, category, purpose)
            .await?;
        let (id, stmt) = self.insert_record(
            &key,
            NewRecord {
                person,
                category,
                kind: "original",
                supersedes: None,
                text,
            },
            actor,
        )?;
        sealed::commit(&self.inner.writer, permit, vec![stmt]).await?;
        Ok(id)
    }

    /// Corrects a record: a new record supersedes it; the old one stays in the history.
    pub async fn correct_record(
        &self,
        actor: &Actor,
        record_id: &str,
        text: &str,
        purpose: &str,
    ) -> Result<String, VaultError> {
        Ok(self
            .amend(actor, Amendment::Correction, record_id, text, purpose)
            .await?
            .0)
    }

    /// Adds the client's own statement to a record (aanvulling).
    pub async fn supplement_record(
        &self,
        actor: &Actor,
        record_id: &str,
        statement: &str,
        purpose: &str,
    ) -> Result<String, VaultError> {
        Ok(self
            .amend(actor, Amendment::Supplement, record_id, statement, purpose)
            .await?
            .0)
    }

    /// Amends a record; returns the new record's id and the person it belongs to.
    pub async fn amend(
        &self,
        actor: &Actor,
        amendment: Amendment,
        record_id: &str,
        text: &str,
        purpose: &str,
    ) -> Result<(String, String), VaultError> {
        Self::check_purpose(purpose)?;
        if text.trim().is_empty() {
            return Err(VaultError::Invalid {
                field: "text",
                message: "empty".into(),
            });
        }
        let old = self
            .record_row(record_id)
            .await?
            .ok_or_else(|| VaultError::NotFound(format!("record {record_id}")))?;
        let person = old.person_id;
        let (permit, key) = self
            .authorize_change(actor, amendment.action(), &person, &old.category, purpose)
            .await?;
        let (id, stmt) = self.insert_record(
            &key,
            NewRecord {
                person: &person,
                category: &old.category,
                kind: amendment.kind(),
                supersedes: Some(record_id),
                text,
            },
            actor,
        )?;
        sealed::commit(&self.inner.writer, permit, vec![stmt]).await?;
        Ok((id, person))
    }

    /// Reads one category of a person's dossier. With `emergency_reason`, breaks the glass where
    /// the reglement allows it; the access is flagged for review and the reason kept sealed.
    pub async fn read_category(
        &self,
        actor: &Actor,
        person: &str,
        category: &str,
        purpose: &str,
        emergency_reason: Option<&str>,
    ) -> Result<Vec<Record>, VaultError> {
        Self::check_purpose(purpose)?;
        self.check_category(category)?;
        // The ciphertext comes with the facts of the decision; it is opened only after the
        // access is decided and its audit event committed.
        let Some(facts) = self.read_facts(&actor.user_id, person, category).await? else {
            // Without a key there is nothing to read: the person is unknown or erased.
            return Err(self.missing_person(person).await);
        };
        let (mut permit, decision) = self
            .authorize_data(
                actor,
                Action::Read,
                AuditAction::Read,
                person,
                category,
                purpose,
                Situation {
                    care: facts.care,
                    emergency_reason,
                    restricted: facts.restricted,
                    without_consent: false,
                },
            )
            .await?;
        let key = self.unwrap(person, &facts.key).await?;
        if let Some(reason) = emergency_reason.filter(|_| decision.emergency) {
            let kind = SealedKind::EmergencyReason {
                user: actor.user_id.clone(),
                category: category.to_owned(),
            };
            permit = permit.with_reason(key.seal(
                reason.as_bytes(),
                &kind,
                &self.inner.tenant,
                person,
            )?);
        }
        let receipt = sealed::commit(&self.inner.writer, permit, Vec::new()).await?;
        let keys = self.record_keys(&key, person, &facts.records)?;
        open_records(&keys, facts.records, &receipt)
    }

    /// The whole dossier as this actor may see it: each category decided and logged; what is
    /// not allowed is listed as withheld, with the reason.
    pub async fn dossier(
        &self,
        actor: &Actor,
        person: &str,
        purpose: &str,
    ) -> Result<DossierView, VaultError> {
        let (view, _) = self
            .view(actor, person, purpose, Action::Read, None, Vec::new())
            .await?;
        Ok(view)
    }

    /// Exports a person's data (copy, portability): every category decided and logged.
    pub async fn export_person(
        &self,
        actor: &Actor,
        person: &str,
        purpose: &str,
    ) -> Result<DossierView, VaultError> {
        let (view, _) = self
            .view(actor, person, purpose, Action::Export, None, Vec::new())
            .await?;
        Ok(view)
    }

    /// Exports a person's data to carry out the data subject request `request` (its events'
    /// object): every category decided and logged; what the actor may not export is listed as
    /// withheld with the reason, for the request's handler to see what the export lacks.
    /// The events of `also` (the request's own reads, decided by the caller) are written in
    /// the same commit as the categories': their receipts, in order.
    pub(super) async fn export_for_request(
        &self,
        actor: &Actor,
        person: &str,
        purpose: &str,
        request: &str,
        also: Vec<Permit>,
    ) -> Result<(DossierView, Vec<Receipt>), VaultError> {
        self.view(actor, person, purpose, Action::Export, Some(request), also)
            .await
    }

    async fn view(
        &self,
        actor: &Actor,
        person: &str,
        purpose: &str,
        action: Action,
        request: Option<&str>,
        also: Vec<Permit>,
    ) -> Result<(DossierView, Vec<Receipt>), VaultError> {
        Self::check_purpose(purpose)?;
        let Some(WriteFacts {
            care, key: wrapped, ..
        }) = self.write_facts(&actor.user_id, person, "").await?
        else {
            return Err(self.missing_person(person).await);
        };
        let restricted = self.restricted_categories(person).await?;
        let sealed_records = self.records_of(person).await?;
        let facts = self.sealed_facts(&[person.to_owned()]).await?;
        // The identification category is always decided: it heads the dossier, and even an
        // empty dossier's view is logged.
        let mut categories: Vec<String> = sealed_records
            .iter()
            .map(|r| r.category.clone())
            .chain(std::iter::once(IDENTIFICATION_CATEGORY.to_owned()))
            .collect();
        categories.sort();
        categories.dedup();
        // Every category is decided first, then all their events are written at once, so they
        // share one commit.
        let mut permits = Vec::new();
        let mut denials = Vec::new();
        for category in categories {
            let situation = Situation {
                care,
                restricted: restricted
                    .iter()
                    .any(|r| r.as_deref().is_none_or(|c| c == category)),
                without_consent: self.consent_missing(person, &category).await?,
                ..Situation::default()
            };
            match self.decide_data(
                actor,
                action,
                action.into(),
                person,
                &category,
                purpose,
                situation,
            ) {
                Ok((permit, _)) => match request {
                    Some(id) => permits.push((category, permit.with_object(id))),
                    None => permits.push((category, permit)),
                },
                Err(mut denial) => {
                    denial.event.object = request.map(str::to_owned);
                    denials.push((category, denial));
                }
            }
        }
        let key = if permits.is_empty() {
            None
        } else {
            Some(self.unwrap(person, &wrapped).await?)
        };
        let writer = &self.inner.writer;
        let (categories, mut permits): (Vec<String>, Vec<_>) = permits.into_iter().unzip();
        // The caller's own permits share the commit: one durable write for the whole view.
        let also_count = also.len();
        permits.extend(also);
        let (mut withheld, denials): (Vec<String>, Vec<_>) = denials.into_iter().unzip();
        let (decisions, denied_events): (Vec<AccessDecision>, Vec<_>) =
            denials.into_iter().map(|d| (d.decision, d.event)).unzip();
        let (committed, logged) = tokio::join!(
            async {
                if permits.is_empty() {
                    Ok(Vec::new())
                } else {
                    sealed::commit_all(writer, permits, Vec::new()).await
                }
            },
            async {
                if denied_events.is_empty() {
                    Ok(Vec::new())
                } else {
                    sealed::record(writer, Unpermitted::Denial, denied_events, Vec::new()).await
                }
            }
        );
        logged?;
        let mut committed = committed?;
        let also_receipts = committed.split_off(committed.len() - also_count);
        // Outside the care team nothing tells which categories the person has: with nothing
        // allowed, the answer is the refusal of the identification category (decided for every
        // person, so also for one without records), and the withheld list stays empty. The
        // handler of a decided request sees what its export lacks.
        if !care && request.is_none() {
            if categories.is_empty() {
                let refusal = withheld
                    .iter()
                    .zip(&decisions)
                    .find(|(c, _)| c.as_str() == IDENTIFICATION_CATEGORY)
                    .or_else(|| withheld.iter().zip(&decisions).next())
                    .map(|(_, d)| d.clone());
                if let Some(decision) = refusal {
                    return Err(VaultError::Denied(decision));
                }
            }
            withheld.clear();
        }
        let mut view = DossierView {
            facts: None,
            records: Vec::new(),
            withheld: withheld
                .into_iter()
                .zip(decisions)
                .map(|(category, decision)| Withheld { category, decision })
                .collect(),
            care_team: care,
        };
        for (category, receipt) in categories.into_iter().zip(committed) {
            let Some(key) = &key else { continue };
            let mine: Vec<SealedRecord> = sealed_records
                .iter()
                .filter(|r| r.category == category)
                .cloned()
                .collect();
            let keys = self.record_keys(key, person, &mine)?;
            view.records.extend(open_records(&keys, mine, &receipt)?);
            if category == IDENTIFICATION_CATEGORY
                && let Some(f) = facts.iter().find(|f| f.person == person)
            {
                view.facts = Some(f.open(key, &receipt)?);
            }
        }
        view.records
            .sort_by(|a, b| (&a.created_at, &a.id).cmp(&(&b.created_at, &b.id)));
        Ok((view, also_receipts))
    }
}

pub(super) fn open_records(
    keys: &RecordKeys<'_>,
    sealed: Vec<SealedRecord>,
    receipt: &Receipt,
) -> Result<Vec<Record>, VaultError> {
    sealed
        .into_iter()
        .map(|r| {
            let key = keys.for_record(r.by_category, &r.category)?;
            let plain = r.content.open(key, receipt)?;
            Ok(Record {
                id: r.id,
                person_id: r.person_id,
                category: r.category,
                kind: r.kind,
                supersedes: r.supersedes,
                text: String::from_utf8_lossy(&plain).into_owned(),
                created_at: r.created_at,
                created_by: r.created_by,
            })
        })
        .collect()
}

/// The original a record's corrections and supplements go back to, following `supersedes`
/// (at most as many steps as there are records, so a cycle ends).
pub(super) fn entry_root<'a>(
    supersedes: &std::collections::HashMap<&'a str, Option<&'a str>>,
    record: &'a str,
) -> &'a str {
    let mut at = record;
    for _ in 0..=supersedes.len() {
        match supersedes.get(at).copied().flatten() {
            Some(earlier) if supersedes.contains_key(earlier) => at = earlier,
            _ => break,
        }
    }
    at
}
