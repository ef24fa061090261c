//! Bulk import: persons with their care teams and dossier records, from another system (a
//! migration), through the one access path. Every write is decided by the reglement for the
//! staff member who makes it and logged with its own audit event, exactly as the same write one
//! at a time would be; what changes is how many go into one transaction.
//!
//! An import is checked whole before anything is written ([`Vault::check_import`]): what each
//! registration, care relationship and record states, the references between them, duplicates
//! within the import and against the organisation's persons (a BSN or client number is one
//! person's), the staff accounts named, and whether the reglement allows each write. Only an
//! import without problems is written ([`Vault::import`]): each person is one writer job (the
//! registration, the care relationships and the first records; a long file continues in jobs
//! of [`RECORDS_PER_JOB`]), and many persons are written at once, so that the writer's group
//! commit puts hundreds of jobs in one transaction. The persons' keys go into the key store
//! together, one sync per batch of persons instead of one each.

use std::collections::HashMap;
use std::sync::Arc;

use futures_util::stream::{self, StreamExt as _, TryStreamExt as _};
use jiff::Timestamp;
use jiff::civil::Date;
use zorgkluis_core::decide::{AccessDecision, AccessRequest, DutyRequest};
use zorgkluis_core::vocabulary::{Action, Duty};

use super::access::Situation;
use super::persons::{NewPerson, Registration};
use super::records::{Amendment, NewRecord};
use super::{Actor, Vault, VaultError};
use crate::audit::AuditAction;
use crate::keys::MasterKeys;
use crate::keystore::StoredKey;
use crate::sealed::{self, DataKey, Permit, Unpermitted};
use crate::writer::Stmt;

/// Records written in one job after a person's first: bounds a job for a very long file.
pub const RECORDS_PER_JOB: usize = 256;

/// The purpose the care relationships of an import are logged with, as `assign_care` does.
const CARE_PURPOSE: &str = "zorgrelatie";

/// A person to import, with their care team and records.
#[derive(Debug, Clone)]
pub struct ImportPerson {
    pub new: NewPerson,
    /// When the person was registered in the source system; now when not given.
    pub registered: Option<Timestamp>,
    pub care: Vec<ImportCare>,
    pub records: Vec<ImportRecord>,
}

/// A member of the person's care team.
#[derive(Debug, Clone)]
pub struct ImportCare {
    /// A staff account of the organisation.
    pub user: Arc<str>,
    pub from: Date,
    pub until: Option<Date>,
}

/// A dossier record to import.
#[derive(Debug, Clone)]
pub struct ImportRecord {
    pub category: Arc<str>,
    /// None for an original record; a correction or a supplement names the record it amends.
    pub amends: Option<(Amendment, usize)>,
    pub text: String,
    /// When it was made in the source system; now when not given.
    pub created: Option<Timestamp>,
    /// The staff account that wrote it (its role decides); the importer when not given.
    pub author: Option<Arc<str>>,
}

/// What of a person's import a problem concerns.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum ImportItem {
    Person,
    Care(usize),
    Record(usize),
}

/// A reason the import cannot be written, at the person (index in the import) and item.
#[derive(Debug)]
pub struct ImportProblem {
    pub person: usize,
    pub item: ImportItem,
    /// The field at fault, as the import file names it.
    pub field: &'static str,
    pub error: VaultError,
    /// The other person of a duplicate within the import.
    pub also: Option<usize>,
}

/// An import that was checked: the staff accounts it writes as.
#[derive(Debug)]
pub struct ImportPlan {
    authors: HashMap<String, Actor>,
}

/// A person written: their id, and their records' ids in the import's order.
#[derive(Debug, Clone)]
pub struct ImportedPerson {
    pub id: String,
    pub records: Vec<String>,
}

fn invalid(field: &'static str, message: impl Into<String>) -> VaultError {
    VaultError::Invalid {
        field,
        message: message.into(),
    }
}

/// Whether `user` is in the care team the import gives, today (the day the writes are decided).
fn in_care(care: &[ImportCare], user: &str, today: Date) -> bool {
    care.iter()
        .any(|c| &*c.user == user && c.from <= today && c.until.is_none_or(|u| u >= today))
}

/// The moment an import states, or now; never in the future.
fn moment(at: Option<Timestamp>) -> String {
    at.map_or_else(crate::clock::now, |t| t.to_string())
}

impl Vault {
    /// Checks a whole import without writing any of it: every problem, each at its person and
    /// item. Nothing is decided for real and nothing logged, except a registration refused
    /// because its BSN or client number is the organisation's already: asking that is an
    /// access, logged as refused, as a registration one at a time does.
    pub async fn check_import(
        &self,
        actor: &Actor,
        persons: &[ImportPerson],
        purpose: &str,
    ) -> Result<Result<ImportPlan, Vec<ImportProblem>>, VaultError> {
        Self::check_purpose(purpose)?;
        let mut problems = Vec::new();
        let today = crate::clock::today();
        let now = Timestamp::now();
        let problem = |person, item, field, error| ImportProblem {
            person,
            item,
            field,
            error,
            also: None,
        };

        // The staff accounts the import names, each looked up once.
        let mut authors: HashMap<String, Actor> = HashMap::new();
        authors.insert(actor.user_id.clone(), actor.clone());
        let mut unknown: HashMap<String, String> = HashMap::new();
        let mut staff: HashMap<Arc<str>, bool> = HashMap::new();
        for p in persons {
            for r in &p.records {
                if let Some(a) = &r.author
                    && !authors.contains_key(&**a)
                    && !unknown.contains_key(&**a)
                {
                    match self.accounts().staff_actor(a, &actor.source).await {
                        Ok(found) => {
                            authors.insert(a.to_string(), found);
                        }
                        Err(e) => {
                            let message = match e {
                                VaultError::Invalid { message, .. } => message,
                                other => other.to_string(),
                            };
                            unknown.insert(a.to_string(), message);
                        }
                    }
                }
            }
            for c in &p.care {
                if !staff.contains_key(&c.user) {
                    let known = self.check_staff(&c.user).await.is_ok();
                    staff.insert(c.user.clone(), known);
                }
            }
        }
        let may_assign_care = self.inner.policy.decide_duty(&DutyRequest {
            supervised: actor.supervised,
            ..DutyRequest::new(&actor.role, Duty::ManageCareTeam)
        });
        // A write is decided by its role, action, category and care relationship: once each.
        let mut decisions: HashMap<(&str, Action, &str, bool), Option<AccessDecision>> =
            HashMap::new();

        let mut bsns: HashMap<String, usize> = HashMap::new();
        let mut client_numbers: HashMap<String, usize> = HashMap::new();
        let keys = self.inner.keys.read().await;
        for (i, p) in persons.iter().enumerate() {
            let bsn = match self.check_new_person(&p.new) {
                Ok(bsn) => bsn,
                Err(e) => {
                    let field = match &e {
                        VaultError::Invalid { field, .. } => *field,
                        _ => "subject_category",
                    };
                    problems.push(problem(i, ImportItem::Person, field, e));
                    None
                }
            };
            if p.registered.is_some_and(|t| t > now) {
                problems.push(problem(
                    i,
                    ImportItem::Person,
                    "registered",
                    invalid("registered", "after now"),
                ));
            }
            let client_number = p
                .new
                .facts
                .as_ref()
                .and_then(|f| f.client_number.as_deref())
                .map(str::trim);
            for (field, value, seen) in [
                ("bsn", bsn, &mut bsns),
                ("client_number", client_number, &mut client_numbers),
            ] {
                let Some(value) = value else { continue };
                if let Some(&first) = seen.get(value) {
                    problems.push(ImportProblem {
                        also: Some(first),
                        ..problem(
                            i,
                            ImportItem::Person,
                            field,
                            VaultError::Conflict {
                                field,
                                message: format!(
                                    "the same {field} as another person of the import"
                                ),
                            },
                        )
                    });
                } else {
                    seen.insert(value.to_owned(), i);
                }
            }
            // A placeholder id: the decision depends on the role and category, not the person.
            match self.decide_registration(actor, "import-check", bsn.is_some(), purpose) {
                Ok(permits) => {
                    let (bsn_hash, client_number_hash) =
                        self.registration_hashes(&keys, &p.new, bsn)?;
                    if let Err(conflict) = self
                        .refuse_duplicate(bsn_hash.as_deref(), client_number_hash.as_deref())
                        .await
                    {
                        let field = match &conflict {
                            VaultError::Conflict { field, .. } => *field,
                            _ => "bsn",
                        };
                        let events = permits.into_iter().map(Permit::refused).collect();
                        sealed::record(&self.inner.writer, Unpermitted::Denial, events, Vec::new())
                            .await?;
                        problems.push(problem(i, ImportItem::Person, field, conflict));
                    }
                }
                Err(denial) => problems.push(problem(
                    i,
                    ImportItem::Person,
                    "as",
                    VaultError::Denied(denial.decision),
                )),
            }

            for (j, c) in p.care.iter().enumerate() {
                let at = ImportItem::Care(j);
                if c.until.is_some_and(|u| u < c.from) {
                    problems.push(problem(i, at, "until", invalid("until", "before from")));
                }
                if staff.get(&c.user) == Some(&false) {
                    problems.push(problem(
                        i,
                        at,
                        "user",
                        invalid("user", "no staff account with this id"),
                    ));
                }
                if !may_assign_care.allowed {
                    problems.push(problem(
                        i,
                        at,
                        "as",
                        VaultError::Denied(may_assign_care.clone()),
                    ));
                }
            }

            for (j, r) in p.records.iter().enumerate() {
                let at = ImportItem::Record(j);
                if let Err(e) = self.check_category(&r.category) {
                    problems.push(problem(i, at, "category", e));
                    continue;
                }
                if r.text.trim().is_empty() {
                    problems.push(problem(i, at, "text", invalid("text", "empty")));
                }
                if r.created.is_some_and(|t| t > now) {
                    problems.push(problem(i, at, "created", invalid("created", "after now")));
                }
                if let Some((_, k)) = r.amends {
                    match p.records.get(k) {
                        Some(earlier) if k < j && earlier.category != r.category => {
                            problems.push(problem(
                                i,
                                at,
                                "category",
                                invalid(
                                    "category",
                                    format!(
                                        "`{}`, but the record it amends is `{}`",
                                        r.category, earlier.category
                                    ),
                                ),
                            ));
                        }
                        Some(_) if k < j => {}
                        _ => problems.push(problem(
                            i,
                            at,
                            "supersedes",
                            invalid("supersedes", "not an earlier record of this person"),
                        )),
                    }
                }
                let author_id = r.author.as_deref().unwrap_or(&actor.user_id);
                let Some(author) = authors.get(author_id) else {
                    let message = unknown.get(author_id).cloned().unwrap_or_default();
                    problems.push(problem(i, at, "by", invalid("by", message)));
                    continue;
                };
                let action = r.amends.map_or(Action::Write, |(a, _)| a.action());
                let care = in_care(&p.care, author_id, today);
                let denied = decisions
                    .entry((author_id, action, &r.category, care))
                    .or_insert_with(|| {
                        let d = self.inner.policy.decide(&AccessRequest {
                            care_relationship: care,
                            supervised: author.supervised,
                            ..AccessRequest::new(&author.role, action, &r.category)
                        });
                        (!d.allowed).then_some(d)
                    });
                if let Some(d) = denied {
                    problems.push(problem(i, at, "by", VaultError::Denied(d.clone())));
                }
            }
        }
        drop(keys);
        if problems.is_empty() {
            Ok(Ok(ImportPlan { authors }))
        } else {
            Ok(Err(problems))
        }
    }

    /// Writes persons an import check passed, `concurrency` at a time; `progress` is told the
    /// number of records (and registrations) of each job once it is committed. The persons'
    /// keys are put in the key store first, together. On an error (a BSN registered meanwhile,
    /// the disk), the index of the person it stopped at: what was committed before stays.
    pub async fn import(
        &self,
        actor: &Actor,
        plan: &ImportPlan,
        persons: &[ImportPerson],
        purpose: &str,
        concurrency: usize,
        progress: &(dyn Fn(usize) + Send + Sync),
    ) -> Result<Vec<ImportedPerson>, (usize, VaultError)> {
        Self::check_purpose(purpose).map_err(|e| (0, e))?;
        self.reload_keys_if_rotated().await.map_err(|e| (0, e))?;
        // Held until the batch is committed: a rotation in this process waits, so it cannot
        // miss these rows and leave them wrapped by a key it no longer uses.
        let keys = self.inner.keys.read().await;
        let mut prepared = Vec::with_capacity(persons.len());
        let mut stored = Vec::with_capacity(persons.len());
        let mut category_keys = Vec::new();
        for (i, p) in persons.iter().enumerate() {
            let person = uuid::Uuid::new_v4().to_string();
            let key =
                DataKey::generate_for(&self.inner.tenant, &person).map_err(|e| (i, e.into()))?;
            // The keys of the person's categories too, made here so the lot goes to the key
            // store in one transaction, not one per person and category.
            let mut categories: Vec<&str> = p.records.iter().map(|r| &*r.category).collect();
            if p.new.bsn.is_some() {
                categories.push(zorgkluis_core::taxonomy::BSN_CATEGORY);
            }
            categories.sort_unstable();
            categories.dedup();
            for c in categories {
                let (_, wrapped) = key.new_category_key(c).map_err(|e| (i, e.into()))?;
                category_keys.push((person.clone(), c.to_owned(), wrapped));
            }
            let (master_key_id, wrapped) = keys
                .wrap(&key, &self.inner.tenant, &person)
                .map_err(|e| (i, e.into()))?;
            stored.push((
                person.clone(),
                StoredKey {
                    master_key_id,
                    wrapped,
                },
            ));
            prepared.push((person, key));
        }
        // On disk before the persons exist: an import that then fails leaves keys nobody
        // refers to, never a person without one.
        self.inner
            .keystore
            .put_all(&self.inner.tenant, &stored)
            .map_err(|e| (0, e.into()))?;
        self.inner
            .keystore
            .add_category_keys(&self.inner.tenant, &category_keys)
            .map_err(|e| (0, e.into()))?;
        drop(stored);
        let keys = &*keys;
        let today = crate::clock::today();
        let mut done: Vec<(usize, ImportedPerson)> =
            stream::iter(persons.iter().zip(prepared).enumerate())
                .map(|(i, (p, (id, key)))| async move {
                    self.import_person(actor, plan, keys, (&id, &key), p, purpose, today, progress)
                        .await
                        .map(|records| (i, ImportedPerson { id, records }))
                        .map_err(|e| (i, e))
                })
                .buffer_unordered(concurrency.max(1))
                .try_collect()
                .await?;
        done.sort_by_key(|(i, _)| *i);
        Ok(done.into_iter().map(|(_, p)| p).collect())
    }

    /// One person: the registration, the care team and the first records in one job, the rest
    /// in jobs of [`RECORDS_PER_JOB`]; the records' ids.
    #[allow(clippy::too_many_arguments)]
    async fn import_person(
        &self,
        actor: &Actor,
        plan: &ImportPlan,
        keys: &MasterKeys,
        (person, key): (&str, &DataKey),
        p: &ImportPerson,
        purpose: &str,
        today: Date,
        progress: &(dyn Fn(usize) + Send + Sync),
    ) -> Result<Vec<String>, VaultError> {
        let bsn = self.check_new_person(&p.new)?;
        let mut permits = match self.decide_registration(actor, person, bsn.is_some(), purpose) {
            Ok(permits) => permits,
            Err(denial) => return Err(self.log_denial(denial).await),
        };
        let (bsn_hash, client_number_hash) = self.registration_hashes(keys, &p.new, bsn)?;
        let mut statements: Vec<Stmt> = self.registration_statements(
            keys,
            key,
            Registration {
                person,
                new: &p.new,
                bsn,
                bsn_hash,
                client_number_hash,
                created_at: moment(p.registered),
            },
            actor,
        )?;
        for c in &p.care {
            let permit = self
                .authorize_duty(
                    actor,
                    Duty::ManageCareTeam,
                    false,
                    AuditAction::AssignCare,
                    Some(person),
                    CARE_PURPOSE,
                )
                .await?;
            permits.push(permit.with_object(&c.user));
            statements.push(self.care_statement(&c.user, person, c.from, c.until));
        }
        let mut ids: Vec<String> = Vec::with_capacity(p.records.len());
        let mut written = 1;
        for (j, r) in p.records.iter().enumerate() {
            let author = match &r.author {
                Some(a) => plan
                    .authors
                    .get(&**a)
                    .ok_or_else(|| invalid("by", "not checked"))?,
                None => actor,
            };
            let action = r.amends.map_or(Action::Write, |(a, _)| a.action());
            let situation = Situation {
                care: in_care(&p.care, &author.user_id, today),
                // A person the import registers has no consent recorded yet: data held on
                // consent alone waits until the consent is.
                without_consent: zorgkluis_core::decide::consent_basis(
                    &self.inner.reglement,
                    &r.category,
                )
                .is_some(),
                ..Situation::default()
            };
            let (permit, _) = match self.decide_data(
                author,
                action,
                action.into(),
                person,
                &r.category,
                purpose,
                situation,
            ) {
                Ok(allowed) => allowed,
                Err(denial) => return Err(self.log_denial(denial).await),
            };
            let supersedes = match r.amends {
                Some((_, k)) => Some(
                    ids.get(k)
                        .ok_or_else(|| invalid("supersedes", "not an earlier record"))?
                        .clone(),
                ),
                None => None,
            };
            let (id, stmt) = self.insert_record_at(
                key,
                NewRecord {
                    person,
                    category: &r.category,
                    kind: r.amends.map_or("original", |(a, _)| a.kind()),
                    supersedes: supersedes.as_deref(),
                    text: &r.text,
                },
                author,
                moment(r.created),
            )?;
            ids.push(id);
            permits.push(permit);
            statements.push(stmt);
            written += 1;
            if (j + 1) % RECORDS_PER_JOB == 0 {
                let job = (
                    std::mem::take(&mut permits),
                    std::mem::take(&mut statements),
                );
                sealed::commit_all(&self.inner.writer, job.0, job.1).await?;
                progress(written);
                written = 0;
            }
        }
        if !permits.is_empty() {
            sealed::commit_all(&self.inner.writer, permits, statements).await?;
            progress(written);
        }
        Ok(ids)
    }
}
