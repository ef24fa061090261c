//! Persons: registration with their identification facts (name, date of birth, the
//! organisation's client number) and BSN, all sealed with the person's key, and client lists.
//! Finding them again is [`super::search`]; their identity checks [`super::identity`].
//!
//! A list or a search is one audited event for all the persons it shows (they are the event's
//! subjects, so each one's access log finds it), not one per person; it reveals their
//! identification facts only.

use jiff::civil::Date;
use serde::{Deserialize, Serialize};
use sqlx::Row as _;
use zorgkluis_core::taxonomy::{BSN_CATEGORY, IDENTIFICATION_CATEGORY, IdKind};
use zorgkluis_core::vocabulary::{Action, Duty};

use super::access::{ListScope, Situation};
use super::records::NewRecord;
use super::search::{name_words, search_tokens};
use super::{Actor, Vault, VaultError, WrappedKey};
use crate::StoreError;
use crate::audit::AuditAction;
use crate::db::HotArg;
use crate::keys::MasterKeys;
use crate::sealed::{self, DataKey, Denial, Permit, Receipt, Sealed, SealedKind, Unpermitted};
use crate::writer::{Arg, Stmt};

/// Who a person is, as the organisation records it: sealed with their key like all their data,
/// findable only through keyed hashes.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct PersonFacts {
    /// The full name as it is written ("Jan de Vries").
    pub name: String,
    pub birth_date: Option<Date>,
    /// The organisation's own number for the client.
    pub client_number: Option<String>,
}

/// A person to register.
#[derive(Debug, Clone)]
pub struct NewPerson {
    /// Client, family member, employee, ...: a subject category of the reglement.
    pub subject_category: String,
    /// A BSN, which must pass the 11-check.
    pub bsn: Option<String>,
    pub facts: Option<PersonFacts>,
}

/// One person as a list or a search shows them.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct ClientSummary {
    pub id: String,
    pub subject_category: String,
    /// None when the person has no recorded facts.
    pub facts: Option<PersonFacts>,
}

/// A page of a client list.
#[derive(Debug, Clone, Serialize)]
pub struct ClientPage {
    pub clients: Vec<ClientSummary>,
    /// Another page follows.
    pub more: bool,
}

/// A person's sealed identification facts, with what opens them.
pub(crate) struct SealedFacts {
    pub person: String,
    content: Sealed,
}

impl SealedFacts {
    pub(crate) fn open(&self, key: &DataKey, receipt: &Receipt) -> Result<PersonFacts, VaultError> {
        let plain = self.content.open(key, receipt)?;
        // The error names where, never what: serde's message would quote the values.
        serde_json::from_slice(&plain).map_err(|e| {
            VaultError::Store(StoreError::Crypto(format!(
                "the facts do not parse ({:?} at line {}, column {})",
                e.classify(),
                e.line(),
                e.column()
            )))
        })
    }
}

/// A keyed hash a person is found by (of a BSN, a client number).
type Hash = Vec<u8>;

/// A registration about to be written: the new person's id, what was stated, and the keyed
/// hashes it is found by.
pub(super) struct Registration<'a> {
    pub person: &'a str,
    pub new: &'a NewPerson,
    /// The BSN, trimmed and checked.
    pub bsn: Option<&'a str>,
    pub bsn_hash: Option<Vec<u8>>,
    pub client_number_hash: Option<Vec<u8>>,
    /// When the person was registered (RFC 3339): now, or the source system's date on import.
    pub created_at: String,
}

pub(super) fn invalid(field: &'static str, message: &str) -> VaultError {
    VaultError::Invalid {
        field,
        message: message.to_owned(),
    }
}

fn check_facts(facts: &PersonFacts, today: Date) -> Result<(), VaultError> {
    let name = facts.name.trim();
    if name.is_empty() || name.chars().count() > 200 || name.chars().any(char::is_control) {
        return Err(invalid(
            "name",
            "1 to 200 characters, no control characters",
        ));
    }
    if name_words(name).is_empty() {
        return Err(invalid("name", "a name has at least one letter or digit"));
    }
    if let Some(d) = facts.birth_date
        && (d > today || d.year() < 1900)
    {
        return Err(invalid("birth_date", "between 1900 and today"));
    }
    if let Some(n) = &facts.client_number {
        let n = n.trim();
        let plain = !n.is_empty()
            && n.len() <= 40
            && n.chars()
                .all(|c| c.is_ascii_alphanumeric() || matches!(c, '-' | '.' | '/'));
        if !plain {
            return Err(invalid(
                "client_number",
                "1 to 40 letters, digits, -, . or /",
            ));
        }
    }
    Ok(())
}

impl Vault {
    /// Registers a person with their identification facts and BSN (checked by the 11-check),
    /// stored sealed and findable by keyed hashes. The registration is a write of the
    /// identification category, and of the BSN's category when one is given; both are decided
    /// and logged, in one transaction with the person.
    pub async fn register_person(
        &self,
        actor: &Actor,
        new: &NewPerson,
        purpose: &str,
    ) -> Result<String, VaultError> {
        Self::check_purpose(purpose)?;
        let bsn = self.check_new_person(new)?;
        let person = uuid::Uuid::new_v4().to_string();
        let permits = match self.decide_registration(actor, &person, bsn.is_some(), purpose) {
            Ok(permits) => permits,
            Err(denial) => return Err(self.log_denial(denial).await),
        };
        let key = DataKey::generate_for(&self.inner.tenant, &person)?;
        self.reload_keys_if_rotated().await?;
        // Held until the wrapped key is committed: a rotation in this process waits, so it
        // cannot miss this row and leave it wrapped by a key it no longer uses.
        let keys = self.inner.keys.read().await;
        let (key_id, wrapped) = keys.wrap(&key, &self.inner.tenant, &person)?;
        let t = self.inner.tenant.clone();
        let (bsn_hash, client_number_hash) = self.registration_hashes(&keys, new, bsn)?;
        // A registration refused because the BSN or client number is taken is logged too: asking
        // whether one is registered is itself an access.
        if let Err(conflict) = self
            .refuse_duplicate(bsn_hash.as_deref(), client_number_hash.as_deref())
            .await
        {
            drop(keys);
            let events = permits.into_iter().map(sealed::Permit::refused).collect();
            sealed::record(&self.inner.writer, Unpermitted::Denial, events, Vec::new()).await?;
            return Err(conflict);
        }
        let duplicates_to_name = (bsn_hash.clone(), client_number_hash.clone());
        let statements = self.registration_statements(
            &keys,
            &key,
            Registration {
                person: &person,
                new,
                bsn,
                bsn_hash,
                client_number_hash,
                created_at: crate::clock::now(),
            },
            actor,
        )?;
        // The key is on disk in the store before the person exists: a registration that then
        // fails leaves a key nobody refers to, never a person without one.
        self.inner.keystore.put(
            &t,
            &person,
            &crate::keystore::StoredKey {
                master_key_id: key_id,
                wrapped,
            },
        )?;
        let committed = sealed::commit_all(&self.inner.writer, permits, statements).await;
        drop(keys);
        match committed {
            Ok(_) => Ok(person),
            // Registered meanwhile by another request: the unique index refuses the second,
            // and asking again names which of the two was taken.
            Err(e) if e.is_duplicate() => {
                let (bsn_hash, client_number_hash) = duplicates_to_name;
                self.refuse_duplicate(bsn_hash.as_deref(), client_number_hash.as_deref())
                    .await?;
                Err(VaultError::Conflict {
                    field: "bsn",
                    message: "a person with this BSN or client number is registered".into(),
                })
            }
            Err(e) => Err(e.into()),
        }
    }

    /// Decides a registration without writing anything: the write of the identification
    /// category (logged as `register`) and, with a BSN, of the BSN's; or the denial to log.
    pub(super) fn decide_registration(
        &self,
        actor: &Actor,
        person: &str,
        with_bsn: bool,
        purpose: &str,
    ) -> Result<Vec<Permit>, Box<Denial>> {
        let (register, _) = self.decide_data(
            actor,
            Action::Write,
            AuditAction::Register,
            person,
            IDENTIFICATION_CATEGORY,
            purpose,
            Situation::default(),
        )?;
        let mut permits = vec![register];
        if with_bsn {
            let (bsn_write, _) = self.decide_data(
                actor,
                Action::Write,
                AuditAction::Write,
                person,
                BSN_CATEGORY,
                purpose,
                Situation::default(),
            )?;
            permits.push(bsn_write);
        }
        Ok(permits)
    }

    /// The keyed hashes a registration is found by: of the BSN, and of the client number.
    pub(super) fn registration_hashes(
        &self,
        keys: &MasterKeys,
        new: &NewPerson,
        bsn: Option<&str>,
    ) -> Result<(Option<Hash>, Option<Hash>), VaultError> {
        let t = &self.inner.tenant;
        let bsn_hash = bsn.map(|b| keys.bsn_hash(t, b)).transpose()?;
        let client_number_hash = new
            .facts
            .as_ref()
            .and_then(|f| f.client_number.as_deref())
            .map(|n| keys.search_token(t, "clientnummer", n.trim()))
            .transpose()?;
        Ok((bsn_hash, client_number_hash))
    }

    /// What a registration states, checked: a subject category of the reglement, a BSN that
    /// passes the 11-check (returned trimmed), identification facts that can be right.
    pub(super) fn check_new_person<'a>(
        &self,
        new: &'a NewPerson,
    ) -> Result<Option<&'a str>, VaultError> {
        if !self
            .inner
            .reglement
            .taxonomy
            .contains(IdKind::Subject, &new.subject_category)
        {
            return Err(invalid(
                "subject_category",
                &format!("unknown subject category `{}`", new.subject_category),
            ));
        }
        let bsn = new.bsn.as_deref().map(str::trim);
        if let Some(b) = bsn
            && !zorgkluis_core::bsn::is_valid(b)
        {
            return Err(invalid(
                "bsn",
                "a BSN is nine digits that pass the 11-check",
            ));
        }
        if let Some(f) = &new.facts {
            check_facts(f, crate::clock::today())?;
        }
        Ok(bsn)
    }

    /// The statements that register a person: the person's row (with the keyed hashes of the
    /// BSN and client number), the row saying the key is in the key store, the sealed facts
    /// with their search hashes, and the BSN as a record of its category.
    pub(super) fn registration_statements(
        &self,
        keys: &MasterKeys,
        key: &DataKey,
        r: Registration<'_>,
        actor: &Actor,
    ) -> Result<Vec<Stmt>, VaultError> {
        let Registration {
            person,
            new,
            bsn,
            bsn_hash,
            client_number_hash,
            created_at,
        } = r;
        let t = self.inner.tenant.clone();
        let mut statements = vec![
            Stmt::new(
                "INSERT INTO persons (tenant_id, id, subject_category, bsn_hash, client_number_hash, created_at) \
                 VALUES ($1, $2, $3, $4, $5, $6)",
                vec![
                    Arg::Text(t.clone()),
                    Arg::Text(person.to_owned()),
                    Arg::Text(new.subject_category.clone()),
                    Arg::OptBlob(bsn_hash),
                    Arg::OptBlob(client_number_hash),
                    Arg::Text(created_at.clone()),
                ],
            ),
            Stmt::new(
                "INSERT INTO person_keys (tenant_id, person_id, master_key_id, wrapped_key) VALUES ($1, $2, $3, $4)",
                vec![
                    Arg::Text(t.clone()),
                    Arg::Text(person.to_owned()),
                    Arg::Text(crate::keystore::IN_STORE.to_owned()),
                    Arg::Blob(Vec::new()),
                ],
            ),
        ];
        if let Some(facts) = &new.facts {
            statements.extend(self.facts_statements(keys, key, person, facts, actor)?);
        }
        if let Some(b) = bsn {
            let (_, stmt) = self.insert_record_at(
                key,
                NewRecord {
                    person,
                    category: BSN_CATEGORY,
                    kind: "original",
                    supersedes: None,
                    text: b,
                },
                actor,
                created_at,
            )?;
            statements.push(stmt);
        }
        Ok(statements)
    }

    /// The statements that store a person's sealed identification facts and their search
    /// hashes.
    fn facts_statements(
        &self,
        keys: &MasterKeys,
        key: &DataKey,
        person: &str,
        facts: &PersonFacts,
        actor: &Actor,
    ) -> Result<Vec<Stmt>, VaultError> {
        let t = &self.inner.tenant;
        let plain = serde_json::to_vec(facts)
            .map_err(|e| VaultError::Store(StoreError::Crypto(e.to_string())))?;
        let kind = SealedKind::Facts {
            category: IDENTIFICATION_CATEGORY.to_owned(),
        };
        let sealed = key.seal(&plain, &kind, t, person)?;
        let mut out = vec![Stmt::new(
            "INSERT INTO person_facts (tenant_id, person_id, category, content, updated_at, updated_by) \
             VALUES ($1, $2, $3, $4, $5, $6)",
            vec![
                Arg::Text(t.clone()),
                Arg::Text(person.to_owned()),
                Arg::Text(IDENTIFICATION_CATEGORY.to_owned()),
                Arg::Blob(sealed),
                Arg::Text(crate::clock::now()),
                Arg::Text(actor.user_id.clone()),
            ],
        )];
        for token in search_tokens(keys, t, facts)? {
            out.push(Stmt::new(
                "INSERT INTO person_search (tenant_id, token, person_id) VALUES ($1, $2, $3)",
                vec![
                    Arg::Text(t.clone()),
                    Arg::Blob(token),
                    Arg::Text(person.to_owned()),
                ],
            ));
        }
        Ok(out)
    }

    /// A BSN or client number is one person's within the organisation.
    pub(super) async fn refuse_duplicate(
        &self,
        bsn_hash: Option<&[u8]>,
        client_number_hash: Option<&[u8]>,
    ) -> Result<(), VaultError> {
        for (field, column, hash) in [
            ("bsn", "bsn_hash", bsn_hash),
            ("client_number", "client_number_hash", client_number_hash),
        ] {
            let Some(hash) = hash else { continue };
            let found = sqlx::query(sqlx::AssertSqlSafe(format!(
                "SELECT 1 FROM persons WHERE tenant_id = $1 AND {column} = $2"
            )))
            .bind(&self.inner.tenant)
            .bind(hash)
            .fetch_optional(&*self.inner.pool)
            .await?;
            if found.is_some() {
                return Err(VaultError::Conflict {
                    field,
                    message: format!("a person with this {field} is registered"),
                });
            }
        }
        Ok(())
    }

    /// The subject's date of birth that decides who may act for him: the registered one
    /// (opened with `receipt`, a logged read of the identification facts), or `given` where
    /// none is registered; a given one that differs from the registered one is refused.
    pub(crate) async fn subject_born(
        &self,
        person: &str,
        key: &DataKey,
        receipt: &Receipt,
        given: Option<Date>,
    ) -> Result<Date, VaultError> {
        let born = match self
            .sealed_facts(std::slice::from_ref(&person.to_owned()))
            .await?
            .first()
        {
            Some(f) => f.open(key, receipt)?.birth_date,
            None => None,
        };
        match (born, given) {
            (Some(b), Some(given)) if b != given => Err(VaultError::Invalid {
                field: "subject_born",
                message: "differs from the date of birth registered for the person".into(),
            }),
            (Some(b), _) | (None, Some(b)) => Ok(b),
            (None, None) => Err(VaultError::Invalid {
                field: "subject_born",
                message: "the person has no date of birth registered: give it".into(),
            }),
        }
    }

    /// The sealed identification facts of `persons`.
    pub(crate) async fn sealed_facts(
        &self,
        persons: &[String],
    ) -> Result<Vec<SealedFacts>, StoreError> {
        if persons.is_empty() {
            return Ok(Vec::new());
        }
        let mut out = Vec::with_capacity(persons.len());
        // A handful at a time: ids are bound, never formatted into the SQL.
        for chunk in persons.chunks(100) {
            let marks: Vec<String> = (0..chunk.len()).map(|i| format!("${}", i + 3)).collect();
            let sql = format!(
                "SELECT person_id, content FROM person_facts WHERE tenant_id = $1 AND category = $2 \
                 AND person_id IN ({})",
                marks.join(", ")
            );
            let args: Vec<HotArg> = [self.inner.tenant.as_str(), IDENTIFICATION_CATEGORY]
                .into_iter()
                .chain(chunk.iter().map(String::as_str))
                .map(HotArg::Text)
                .collect();
            // Read with every view of a dossier: stepped in place (db::Pool::hot_query).
            let tenant = &self.inner.tenant;
            let found = self
                .inner
                .pool
                .hot_rows(&sql, &args, |r| {
                    let person = r.text(0)?;
                    let kind = SealedKind::Facts {
                        category: IDENTIFICATION_CATEGORY.to_owned(),
                    };
                    Ok(SealedFacts {
                        content: Sealed::new(r.blob(1)?, tenant, &person, kind),
                        person,
                    })
                })
                .await?;
            out.extend(found);
        }
        Ok(out)
    }

    /// The summaries of `persons`, in their order, opened with a receipt that covers them.
    pub(super) async fn summaries(
        &self,
        persons: &[(String, String, WrappedKey)],
        receipt: &Receipt,
    ) -> Result<Vec<ClientSummary>, VaultError> {
        let ids: Vec<String> = persons.iter().map(|p| p.0.clone()).collect();
        let facts = self.sealed_facts(&ids).await?;
        let mut out = Vec::with_capacity(persons.len());
        for (id, subject_category, wrapped) in persons {
            let facts = match facts.iter().find(|f| f.person == *id) {
                Some(f) => {
                    let key = self.unwrap(id, wrapped).await?;
                    Some(f.open(&key, receipt)?)
                }
                None => None,
            };
            out.push(ClientSummary {
                id: id.clone(),
                subject_category: subject_category.clone(),
                facts,
            });
        }
        Ok(out)
    }

    /// The persons of `scope` with their keys, a page in registration order; `only` narrows
    /// them to those ids (a search's candidates).
    pub(super) async fn persons_in_scope(
        &self,
        actor: &Actor,
        scope: ListScope,
        only: Option<&[String]>,
        offset: i64,
        limit: i64,
    ) -> Result<Vec<(String, String, WrappedKey)>, StoreError> {
        let care = "EXISTS (SELECT 1 FROM care_relationships c WHERE c.tenant_id = p.tenant_id \
                    AND c.person_id = p.id AND c.user_id = $2 AND c.valid_from <= $3 \
                    AND (c.valid_until IS NULL OR c.valid_until >= $3))";
        let mut sql = String::from(
            "SELECT p.id, p.subject_category, k.master_key_id, k.wrapped_key FROM persons p \
             JOIN person_keys k ON k.tenant_id = p.tenant_id AND k.person_id = p.id \
             WHERE p.tenant_id = $1 AND p.erased_at IS NULL",
        );
        // $2 and $3 are bound in every query, used or not, so the numbering stays fixed.
        sql.push_str(match scope {
            ListScope::All => " AND ($2 = $2 AND $3 = $3)",
            ListScope::OwnClients => " AND ",
        });
        if scope == ListScope::OwnClients {
            sql.push_str(care);
        }
        if let Some(ids) = only {
            let marks: Vec<String> = (0..ids.len()).map(|i| format!("${}", i + 6)).collect();
            sql.push_str(&format!(" AND p.id IN ({})", marks.join(", ")));
        }
        sql.push_str(" ORDER BY p.created_at, p.id LIMIT $4 OFFSET $5");
        let today = crate::clock::today().to_string();
        let mut query = sqlx::query(sqlx::AssertSqlSafe(sql))
            .bind(&self.inner.tenant)
            .bind(&actor.user_id)
            .bind(today)
            .bind(limit)
            .bind(offset);
        for id in only.unwrap_or(&[]) {
            query = query.bind(id);
        }
        let rows = query.fetch_all(&*self.inner.pool).await?;
        rows.iter()
            .map(|r| {
                Ok((
                    r.try_get(0)?,
                    r.try_get(1)?,
                    WrappedKey {
                        master_key_id: r.try_get(2)?,
                        wrapped: r.try_get(3)?,
                    },
                ))
            })
            .collect()
    }

    /// A page of the persons this actor works with, as the reglement's `list_persons` rule
    /// says: everyone, or their own clients (a care relationship today), and whether another
    /// page follows. One audited event for the page, with exactly the persons it shows as
    /// subjects; it reveals their identification facts.
    pub async fn list_clients(
        &self,
        actor: &Actor,
        offset: i64,
        limit: i64,
    ) -> Result<ClientPage, VaultError> {
        let (page, more, receipt) = self.list_page(actor, offset, limit).await?;
        Ok(ClientPage {
            clients: self.summaries(&page, &receipt).await?,
            more,
        })
    }

    /// The ids of a page of the persons this actor works with (see [`Vault::list_clients`]);
    /// nothing of them is decrypted.
    pub async fn list_persons(
        &self,
        actor: &Actor,
        offset: i64,
        limit: i64,
    ) -> Result<Vec<String>, VaultError> {
        let (page, _, _) = self.list_page(actor, offset, limit).await?;
        Ok(page.into_iter().map(|p| p.0).collect())
    }

    /// Decides and logs a page of the list: its persons with their keys, whether more follow,
    /// and the receipt that covers their identification facts.
    async fn list_page(
        &self,
        actor: &Actor,
        offset: i64,
        limit: i64,
    ) -> Result<(Vec<(String, String, WrappedKey)>, bool, Receipt), VaultError> {
        if !(1..=1000).contains(&limit) {
            return Err(invalid("limit", "between 1 and 1000"));
        }
        if offset < 0 {
            return Err(invalid("offset", "not negative"));
        }
        let scope = self.scope(actor, Duty::ListPersons);
        let permit = self
            .authorize_duty(
                actor,
                Duty::ListPersons,
                scope == Some(ListScope::OwnClients),
                AuditAction::ListPersons,
                None,
                "overzicht",
            )
            .await?;
        let scope = scope.unwrap_or(ListScope::OwnClients);
        // One more than the page, to know whether another follows; it is neither shown nor
        // logged.
        let mut page = self
            .persons_in_scope(actor, scope, None, offset, limit + 1)
            .await?;
        let more = page.len() as i64 > limit;
        page.truncate(limit as usize);
        let ids = page.iter().map(|p| p.0.clone()).collect();
        let receipt = sealed::commit(&self.inner.writer, permit.showing(ids), Vec::new()).await?;
        Ok((page, more, receipt))
    }

    /// Opens the identification facts of `person` with a receipt that covers them (an access
    /// log's header).
    pub(crate) async fn facts_with(
        &self,
        person: &str,
        receipt: &Receipt,
    ) -> Result<Option<PersonFacts>, VaultError> {
        let facts = self.sealed_facts(&[person.to_owned()]).await?;
        let Some(f) = facts.first() else {
            return Ok(None);
        };
        let key = self.data_key(person).await?;
        Ok(Some(f.open(&key, receipt)?))
    }
}
