//! Erasure by crypto-shredding: a person's data key is destroyed and their ciphertext deleted.
//! The erasure is first written to a list outside the database, so a restored backup cannot
//! bring the person back; the audit trail stays verifiable.
//!
//! A partial erasure ([`Vault::erase_categories`]) destroys the keys of some categories of a
//! person's records ([`super::category_keys`]) and deletes their rows, and keeps the rest (the
//! invoices a fiscal duty keeps). Each erasure leaves a certificate: what was erased, what was
//! refused and why, who decided, the articles; never a name or any content.

use serde::{Deserialize, Serialize};
use sqlx::Row as _;
use zorgkluis_core::taxonomy::IDENTIFICATION_CATEGORY;
use zorgkluis_core::vocabulary::Action;

use super::{Actor, Vault, VaultError};
use crate::StoreError;
use crate::audit::AuditAction;
use crate::db::Backend;
use crate::sealed::{self, Unpermitted};
use crate::writer::{Arg, Stmt};

/// A category to erase, as decided, with the articles the decision rests on.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct CategoryErasure {
    pub category: String,
    pub articles: Vec<String>,
}

/// What an erasure did: the certificate it leaves.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct ErasureCertificate {
    pub id: String,
    pub person_id: String,
    pub request_id: Option<String>,
    pub issued_at: String,
    pub issued_by: String,
    /// Everything of the person was erased (their key destroyed), not some categories.
    pub whole_file: bool,
    pub erased: Vec<ErasedCategory>,
    pub refused: Vec<RefusedCategory>,
}

#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct ErasedCategory {
    pub category: String,
    pub records: usize,
    pub articles: Vec<String>,
}

/// A category whose erasure was refused, with the grounds (each citing its article).
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct RefusedCategory {
    pub category: String,
    pub grounds: Vec<RefusalGround>,
}

#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct RefusalGround {
    pub id: String,
    pub article: String,
    pub reason: String,
}

/// The certificate's body as stored (the columns carry the rest).
#[derive(Serialize, Deserialize)]
struct CertificateBody {
    erased: Vec<ErasedCategory>,
    refused: Vec<RefusedCategory>,
}

impl Vault {
    /// Erases some categories of a person's records, as decided (the refused ones go on the
    /// certificate with their grounds): each category's erasure is decided by the reglement
    /// and logged, a standing hold on one refuses the whole erasure (logged, nothing changes),
    /// then the categories' rows are deleted and their keys destroyed, and the certificate is
    /// written in the same transaction. Erasing the identification category erases the whole
    /// file, as [`Vault::erase_person`] does, and needs every category of the person granted.
    pub async fn erase_categories(
        &self,
        actor: &Actor,
        person: &str,
        granted: &[CategoryErasure],
        refused: Vec<RefusedCategory>,
        request: Option<&str>,
        purpose: &str,
    ) -> Result<ErasureCertificate, VaultError> {
        Self::check_purpose(purpose)?;
        if granted.is_empty() {
            return Err(VaultError::Invalid {
                field: "categories",
                message: "nothing to erase: no category was granted".into(),
            });
        }
        let counts = self.record_counts(person).await?;
        let whole = granted
            .iter()
            .any(|g| g.category == IDENTIFICATION_CATEGORY);
        if whole {
            let missing: Vec<&String> = counts
                .keys()
                .filter(|c| !granted.iter().any(|g| &g.category == *c))
                .collect();
            if !missing.is_empty() {
                return Err(VaultError::Invalid {
                    field: "categories",
                    message: format!(
                        "erasing {IDENTIFICATION_CATEGORY} erases the whole file; these categories were not granted: {}",
                        missing
                            .iter()
                            .map(|c| c.as_str())
                            .collect::<Vec<_>>()
                            .join(", ")
                    ),
                });
            }
        }
        let mut permits = Vec::new();
        for g in granted {
            self.check_category(&g.category)?;
            let (permit, _key) = self
                .authorize_change(actor, Action::Erase, person, &g.category, purpose)
                .await?;
            let permit = permit.citing(&g.articles);
            permits.push(match request {
                Some(r) => permit.with_object(r),
                None => permit,
            });
        }
        let holds = self
            .standing_holds(Some(person), crate::clock::today())
            .await?;
        let holding: Vec<String> = holds
            .iter()
            .filter(|h| granted.iter().any(|g| h.covers(&g.category)))
            .map(|h| format!("{} ({}, {})", h.id, h.kind.id(), h.law))
            .collect();
        if !holding.is_empty() {
            sealed::record(
                &self.inner.writer,
                Unpermitted::Denial,
                permits.into_iter().map(|p| p.refused()).collect(),
                Vec::new(),
            )
            .await?;
            return Err(VaultError::Held {
                person: person.to_owned(),
                holds: holding,
            });
        }
        let certificate = ErasureCertificate {
            id: uuid::Uuid::now_v7().to_string(),
            person_id: person.to_owned(),
            request_id: request.map(str::to_owned),
            issued_at: crate::clock::now(),
            issued_by: actor.user_id.clone(),
            whole_file: whole,
            erased: granted
                .iter()
                .map(|g| ErasedCategory {
                    category: g.category.clone(),
                    records: counts.get(&g.category).copied().unwrap_or(0),
                    articles: g.articles.clone(),
                })
                .collect(),
            refused,
        };
        let mut stmts = if whole {
            self.remember_erasure(person)?;
            self.erase_statements(person)
        } else {
            let mut stmts = Vec::new();
            for g in granted {
                self.remember_category_erasure(person, &g.category)?;
                stmts.push(self.erase_category_statement(person, &g.category));
            }
            stmts
        };
        stmts.push(self.certificate_statement(&certificate)?);
        sealed::commit_all(&self.inner.writer, permits, stmts).await?;
        if whole {
            self.inner.keystore.destroy(&self.inner.tenant, person)?;
        } else {
            for g in granted {
                self.inner
                    .keystore
                    .destroy_category(&self.inner.tenant, person, &g.category)?;
            }
        }
        self.flush_deleted_pages().await?;
        Ok(certificate)
    }

    /// The certificates of a person's erasures, oldest first: read by the request handler
    /// (duty `handle_requests`) and logged, for they tell what of the person was erased.
    pub async fn erasure_certificates(
        &self,
        actor: &Actor,
        person: &str,
    ) -> Result<Vec<ErasureCertificate>, VaultError> {
        self.known_person(person).await?;
        let permit = self
            .authorize_duty(
                actor,
                zorgkluis_core::vocabulary::Duty::HandleRequests,
                false,
                AuditAction::RequestRead,
                Some(person),
                "verwijderingsverklaring",
            )
            .await?;
        sealed::commit(&self.inner.writer, permit, Vec::new()).await?;
        let rows = sqlx::query(
            "SELECT id, person_id, request_id, issued_at, issued_by, whole_file, body \
             FROM erasure_certificates WHERE tenant_id = $1 AND person_id = $2 ORDER BY issued_at, id",
        )
        .bind(&self.inner.tenant)
        .bind(person)
        .fetch_all(&*self.inner.pool)
        .await?;
        rows.iter()
            .map(|r| {
                let body: String = r.try_get(6)?;
                let body: CertificateBody =
                    serde_json::from_str(&body).map_err(|e| StoreError::Invalid {
                        field: "certificate",
                        message: e.to_string(),
                    })?;
                Ok(ErasureCertificate {
                    id: r.try_get(0)?,
                    person_id: r.try_get(1)?,
                    request_id: r.try_get(2)?,
                    issued_at: r.try_get(3)?,
                    issued_by: r.try_get(4)?,
                    whole_file: r.try_get::<i64, _>(5)? != 0,
                    erased: body.erased,
                    refused: body.refused,
                })
            })
            .collect()
    }

    fn certificate_statement(&self, c: &ErasureCertificate) -> Result<Stmt, StoreError> {
        let body = serde_json::to_string(&CertificateBody {
            erased: c.erased.clone(),
            refused: c.refused.clone(),
        })
        .map_err(|e| StoreError::Invalid {
            field: "certificate",
            message: e.to_string(),
        })?;
        Ok(Stmt::new(
            "INSERT INTO erasure_certificates (tenant_id, id, person_id, request_id, issued_at, \
             issued_by, whole_file, body) VALUES ($1, $2, $3, $4, $5, $6, $7, $8)",
            vec![
                Arg::Text(self.inner.tenant.clone()),
                Arg::Text(c.id.clone()),
                Arg::Text(c.person_id.clone()),
                Arg::OptText(c.request_id.clone()),
                Arg::Text(c.issued_at.clone()),
                Arg::Text(c.issued_by.clone()),
                Arg::Int(i64::from(c.whole_file)),
                Arg::Text(body),
            ],
        ))
    }

    /// The number of records of each category of a person.
    async fn record_counts(
        &self,
        person: &str,
    ) -> Result<std::collections::BTreeMap<String, usize>, StoreError> {
        let rows = sqlx::query(
            "SELECT category, COUNT(*) FROM records WHERE tenant_id = $1 AND person_id = $2              GROUP BY category",
        )
        .bind(&self.inner.tenant)
        .bind(person)
        .fetch_all(&*self.inner.pool)
        .await?;
        rows.iter()
            .map(|r| {
                let n: i64 = r.try_get(1)?;
                Ok((r.try_get(0)?, usize::try_from(n).unwrap_or(0)))
            })
            .collect()
    }

    fn erase_category_statement(&self, person: &str, category: &str) -> Stmt {
        Stmt::new(
            "DELETE FROM records WHERE tenant_id = $1 AND person_id = $2 AND category = $3",
            vec![
                Arg::Text(self.inner.tenant.clone()),
                Arg::Text(person.to_owned()),
                Arg::Text(category.to_owned()),
            ],
        )
    }

    /// Erases a person: decided as an erasure of their identification category, then every
    /// sealed datum of theirs and their key are deleted, and their lookup hashes with them.
    pub async fn erase_person(
        &self,
        actor: &Actor,
        person: &str,
        purpose: &str,
    ) -> Result<(), VaultError> {
        Self::check_purpose(purpose)?;
        // The key is the one thing an erasure destroys, not one it needs.
        let (permit, _key) = self
            .authorize_change(
                actor,
                Action::Erase,
                person,
                IDENTIFICATION_CATEGORY,
                purpose,
            )
            .await?;
        // A standing legal hold keeps everything of the person (AVG art. 17 lid 3 sub b, e):
        // the erasure is logged as refused and nothing changes.
        let holds = self
            .standing_holds(Some(person), crate::clock::today())
            .await?;
        if !holds.is_empty() {
            sealed::record(
                &self.inner.writer,
                Unpermitted::Denial,
                vec![permit.refused()],
                Vec::new(),
            )
            .await?;
            return Err(VaultError::Held {
                person: person.to_owned(),
                holds: holds
                    .iter()
                    .map(|h| format!("{} ({}, {})", h.id, h.kind.id(), h.law))
                    .collect(),
            });
        }
        self.remember_erasure(person)?;
        sealed::commit(&self.inner.writer, permit, self.erase_statements(person)).await?;
        self.inner.keystore.destroy(&self.inner.tenant, person)?;
        self.flush_deleted_pages().await?;
        Ok(())
    }

    pub(crate) fn erase_statements(&self, person: &str) -> Vec<Stmt> {
        let t = || Arg::Text(self.inner.tenant.clone());
        let p = || Arg::Text(person.to_owned());
        vec![
            Stmt::new(
                "DELETE FROM records WHERE tenant_id = $1 AND person_id = $2",
                vec![t(), p()],
            ),
            // Only released or lapsed holds are left when a person is erased; their sealed
            // reasons go with the key anyway.
            Stmt::new(
                "DELETE FROM legal_holds WHERE tenant_id = $1 AND person_id = $2",
                vec![t(), p()],
            ),
            Stmt::new(
                "DELETE FROM identity_checks WHERE tenant_id = $1 AND person_id = $2",
                vec![t(), p()],
            ),
            Stmt::new(
                "DELETE FROM person_facts WHERE tenant_id = $1 AND person_id = $2",
                vec![t(), p()],
            ),
            // The facts the law turns on (migration 26): the legal status versions, and every
            // representation link where the person is the subject or the representative.
            Stmt::new(
                "DELETE FROM person_legal_facts WHERE tenant_id = $1 AND person_id = $2",
                vec![t(), p()],
            ),
            Stmt::new(
                "DELETE FROM representatives WHERE tenant_id = $1 \
                 AND (subject_id = $2 OR representative_id = $2)",
                vec![t(), p()],
            ),
            // The person's portal accounts (migration 27), with their open sessions: the
            // login name goes, the events that name it stay in the chain.
            Stmt::new(
                "DELETE FROM sessions WHERE tenant_id = $1 AND user_id IN \
                 (SELECT id FROM users WHERE tenant_id = $1 AND person_id = $2)",
                vec![t(), p()],
            ),
            Stmt::new(
                "DELETE FROM users WHERE tenant_id = $1 AND person_id = $2",
                vec![t(), p()],
            ),
            Stmt::new(
                "DELETE FROM person_search WHERE tenant_id = $1 AND person_id = $2",
                vec![t(), p()],
            ),
            Stmt::must_change(
                "DELETE FROM person_keys WHERE tenant_id = $1 AND person_id = $2",
                vec![t(), p()],
            ),
            Stmt::new(
                "UPDATE persons SET erased_at = $3, bsn_hash = NULL, client_number_hash = NULL \
                 WHERE tenant_id = $1 AND id = $2",
                vec![t(), p(), Arg::Text(crate::clock::now())],
            ),
        ]
    }

    /// Moves the wrapped keys that releases before the key store kept in the database into
    /// the store, and leaves the database only the row that says the person has a key. A
    /// backup of the database made from then on holds no key; backups made before still do
    /// (docs/operations.md says what to do with them).
    pub(crate) async fn move_keys_to_store(&self) -> Result<(), VaultError> {
        let rows = sqlx::query(
            "SELECT person_id, master_key_id, wrapped_key FROM person_keys \
             WHERE tenant_id = $1 AND master_key_id <> $2",
        )
        .bind(&self.inner.tenant)
        .bind(crate::keystore::IN_STORE)
        .fetch_all(&*self.inner.pool)
        .await?;
        for r in rows {
            use sqlx::Row as _;
            let person: String = r.try_get(0)?;
            // A restored backup from before the store: the store may hold a newer wrap.
            if self
                .inner
                .keystore
                .get(&self.inner.tenant, &person)?
                .is_none()
            {
                self.inner.keystore.put(
                    &self.inner.tenant,
                    &person,
                    &crate::keystore::StoredKey {
                        master_key_id: r.try_get(1)?,
                        wrapped: r.try_get(2)?,
                    },
                )?;
            }
            sqlx::query(
                "UPDATE person_keys SET master_key_id = $1, wrapped_key = $2 \
                 WHERE tenant_id = $3 AND person_id = $4",
            )
            .bind(crate::keystore::IN_STORE)
            .bind(Vec::<u8>::new())
            .bind(&self.inner.tenant)
            .bind(&person)
            .execute(&*self.inner.pool)
            .await?;
        }
        self.flush_deleted_pages().await?;
        Ok(())
    }

    pub(crate) fn remember_erasure(&self, person: &str) -> Result<(), StoreError> {
        self.remember_line(&format!("{} {person}\n", self.inner.tenant))
    }

    /// A line `tenant person category`: one category of the person was erased.
    pub(crate) fn remember_category_erasure(
        &self,
        person: &str,
        category: &str,
    ) -> Result<(), StoreError> {
        self.remember_line(&format!("{} {person} {category}\n", self.inner.tenant))
    }

    fn remember_line(&self, line: &str) -> Result<(), StoreError> {
        use std::io::Write as _;
        let path = self.inner.location.erased_file();
        let mut file = std::fs::OpenOptions::new()
            .create(true)
            .append(true)
            .open(&path)?;
        file.write_all(line.as_bytes())?;
        file.sync_data()?;
        Ok(())
    }

    /// SQLite keeps old pages in the WAL until a checkpoint: fold them into the (zeroed) file.
    pub(crate) async fn flush_deleted_pages(&self) -> Result<(), StoreError> {
        if self.backend() == Backend::Sqlite {
            sqlx::query("PRAGMA wal_checkpoint(TRUNCATE)")
                .execute(&*self.inner.pool)
                .await?;
        }
        Ok(())
    }

    /// Destroys again the keys of persons erased after the backup that was restored.
    pub(crate) async fn reapply_erasures(&self) -> Result<(), VaultError> {
        let text = match std::fs::read_to_string(self.inner.location.erased_file()) {
            Ok(t) => t,
            Err(e) if e.kind() == std::io::ErrorKind::NotFound => return Ok(()),
            Err(e) => return Err(StoreError::Io(e).into()),
        };
        let mut again = 0;
        for line in text.lines() {
            let mut fields = line.split(' ');
            let (Some(tenant), Some(person)) = (fields.next(), fields.next()) else {
                continue;
            };
            if tenant != self.inner.tenant {
                continue;
            }
            if let Some(category) = fields.next() {
                again += self.reapply_category_erasure(person, category).await?;
                continue;
            }
            // The store's key goes whatever the database says: the erasure may have been cut
            // short after its commit, or the store restored from an older copy.
            self.inner.keystore.destroy(tenant, person)?;
            let has_key =
                sqlx::query("SELECT 1 FROM person_keys WHERE tenant_id = $1 AND person_id = $2")
                    .bind(tenant)
                    .bind(person)
                    .fetch_optional(&*self.inner.pool)
                    .await?
                    .is_some();
            if has_key {
                let event = self.event(
                    &Actor::system("restore"),
                    AuditAction::EraseReapplied,
                    Some(person),
                    None,
                    "verwijdering na herstel",
                );
                sealed::record(
                    &self.inner.writer,
                    Unpermitted::ErasureReapplied,
                    vec![event],
                    self.erase_statements(person),
                )
                .await?;
                again += 1;
            }
        }
        if again > 0 {
            self.flush_deleted_pages().await?;
        }
        Ok(())
    }

    /// Destroys again a category's key and deletes its rows where a restored backup brought
    /// them back; 1 when rows were deleted.
    async fn reapply_category_erasure(
        &self,
        person: &str,
        category: &str,
    ) -> Result<usize, VaultError> {
        let tenant = &self.inner.tenant;
        self.inner
            .keystore
            .destroy_category(tenant, person, category)?;
        let back = sqlx::query(
            "SELECT 1 FROM records WHERE tenant_id = $1 AND person_id = $2 AND category = $3 LIMIT 1",
        )
        .bind(tenant)
        .bind(person)
        .bind(category)
        .fetch_optional(&*self.inner.pool)
        .await?
        .is_some();
        if !back {
            return Ok(0);
        }
        let event = self.event(
            &Actor::system("restore"),
            AuditAction::EraseReapplied,
            Some(person),
            Some(category),
            "verwijdering na herstel",
        );
        sealed::record(
            &self.inner.writer,
            Unpermitted::ErasureReapplied,
            vec![event],
            vec![self.erase_category_statement(person, category)],
        )
        .await?;
        Ok(1)
    }
}
