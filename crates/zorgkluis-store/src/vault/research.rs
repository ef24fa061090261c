//! Research exports (issue 14 part 5; art. 7:458 BW, art. 24 UAVG; AanZien 10.2/10.4, Alpo
//! 10.6): a dataset of the clients' data in some categories for a named research project, sent
//! to a registered recipient of the research kind.
//!
//! Each client is decided as a disclosure (the access policy and the reglement's rule for the
//! recipient's kind, logged per category): on the ground of consent only the clients with a
//! live consent in the form the rule asks are in it; without consent the ground of art. 7:458
//! BW must hold (the core's `research_ground`), and the rule's own consent requirement yields to
//! it. A client who objected is never in it (art. 7:458 lid 2: "de betrokkene tegen een
//! verstrekking niet uitdrukkelijk bezwaar heeft gemaakt"). Pseudonymised, each client gets a
//! pseudonym from the project's own key; anonymised, there is no pseudonym and no free text,
//! the birth date becomes its year, and groups smaller than k are suppressed with the k achieved
//! reported. Each client whose data went out has an entry in the disclosure ledger (lid 3: noted
//! in the dossier), and the export itself is recorded with its counts.

use jiff::civil::Date;
use serde::Serialize;
use zorgkluis_core::Lang;
use zorgkluis_core::decide::{
    ObjectionQuery, QuasiRow, ResearchConditions, ResearchGround, ResearchMode, k_anonymise,
    research_ground,
};
use zorgkluis_core::taxonomy::{IDENTIFICATION_CATEGORY, IdKind};
use zorgkluis_core::vocabulary::Action;

use super::access::Situation;
use super::records::SealedRecord;
use super::{Actor, Vault, VaultError};
use crate::StoreError;
use crate::audit::AuditAction;
use crate::keys::sha256;
use crate::sealed::{self, Permit};
use crate::writer::{Arg, Stmt};

/// A research export to make.
#[derive(Debug, Clone)]
pub struct NewResearchExport {
    /// The project's id (lowercase, as a purpose label): its pseudonyms are its own.
    pub project: String,
    /// A registered recipient whose kind the reglement's research rule names.
    pub recipient: String,
    pub categories: Vec<String>,
    pub ground: ResearchGround,
    pub mode: ResearchMode,
    pub conditions: ResearchConditions,
    /// The smallest group an anonymised row may stand in (at least 2).
    pub min_k: usize,
}

/// One record as the dataset carries it (pseudonymised only).
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct ResearchRecord {
    pub category: String,
    pub created_on: String,
    pub text: String,
}

/// One client in the dataset.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct ResearchRow {
    /// The project's pseudonym (pseudonymised only).
    pub pseudonym: Option<String>,
    pub birth_year: Option<i16>,
    /// Records per category (both modes).
    pub counts: Vec<(String, usize)>,
    /// The records (pseudonymised only).
    pub records: Vec<ResearchRecord>,
}

/// The dataset and what it is.
#[derive(Debug, Clone, Serialize)]
pub struct ResearchDataset {
    pub id: String,
    pub project: String,
    pub ground: ResearchGround,
    pub mode: ResearchMode,
    pub categories: Vec<String>,
    pub articles: Vec<String>,
    pub rows: Vec<ResearchRow>,
    /// Clients left out because they objected.
    pub excluded_objection: usize,
    /// Clients left out for want of the consent the ground needs.
    pub excluded_consent: usize,
    /// Rows suppressed as too small a group (anonymised only).
    pub suppressed: usize,
    /// The k achieved (anonymised; 0 for pseudonymised).
    pub k: usize,
    pub payload_sha256: String,
    pub made_on: Date,
}

impl Vault {
    /// Makes a research export; see the module's comment. Bad input names the field and
    /// changes nothing; a client the access policy does not let the actor disclose refuses the
    /// export (logged).
    pub async fn research_export(
        &self,
        actor: &Actor,
        new: &NewResearchExport,
    ) -> Result<ResearchDataset, VaultError> {
        Self::check_purpose(&new.project).map_err(|_| VaultError::Invalid {
            field: "project",
            message: "a short lowercase id: letters, digits, space, - and _".into(),
        })?;
        let mut articles = research_ground(new.ground, new.mode, new.conditions).map_err(|e| {
            VaultError::Invalid {
                field: e.field,
                message: e.message,
            }
        })?;
        if new.mode == ResearchMode::Geanonimiseerd && new.min_k < 2 {
            return Err(VaultError::Invalid {
                field: "min_k",
                message: "an anonymised set needs groups of at least 2".into(),
            });
        }
        let mut categories = new.categories.clone();
        categories.sort();
        categories.dedup();
        if categories.is_empty() {
            return Err(VaultError::Invalid {
                field: "categories",
                message: "name at least one category".into(),
            });
        }
        for c in &categories {
            if !self.inner.reglement.taxonomy.contains(IdKind::Category, c) {
                return Err(VaultError::Invalid {
                    field: "categories",
                    message: format!("`{c}` is no category of the reglement"),
                });
            }
        }
        let Some(recipient) = self.stored_recipients_of(&new.recipient).await? else {
            return Err(VaultError::Invalid {
                field: "recipient",
                message: format!("`{}` is not in the register of recipients", new.recipient),
            });
        };
        let day = crate::clock::today();
        let id = uuid::Uuid::now_v7().to_string();
        let persons: Vec<String> = {
            use sqlx::Row as _;
            sqlx::query(
                "SELECT id FROM persons WHERE tenant_id = $1 AND erased_at IS NULL ORDER BY id",
            )
            .bind(&self.inner.tenant)
            .fetch_all(&*self.inner.pool)
            .await?
            .iter()
            .map(|r| r.try_get(0))
            .collect::<Result<_, _>>()?
        };
        let mut excluded_objection = 0;
        let mut excluded_consent = 0;
        // Decided first for everyone (nothing opened, nothing written), then logged at once.
        struct Included {
            person: String,
            care: bool,
            key: super::WrappedKey,
            permits: Vec<Permit>,
            consents: Vec<String>,
            rule_articles: Vec<String>,
            notice_articles: Vec<String>,
        }
        let mut included: Vec<Included> = Vec::new();
        'persons: for person in persons {
            let Some(facts) = self.write_facts(&actor.user_id, &person, "").await? else {
                continue;
            };
            let mut consents = Vec::new();
            let mut rule_articles = Vec::new();
            let mut notice_articles: Vec<String> = Vec::new();
            for category in &categories {
                // Any objection standing against this kind of recipient and category leaves
                // the client out, whatever its balancing (art. 7:458 lid 2 BW).
                let query = ObjectionQuery {
                    processing: None,
                    recipient: Some(&recipient.kind),
                    category,
                };
                if self
                    .standing_objection(&person, &query, day)
                    .await?
                    .is_some()
                {
                    excluded_objection += 1;
                    continue 'persons;
                }
                let (answer, consent) = self
                    .disclosure_answer(&person, &recipient.kind, category, &new.project, day, false)
                    .await?;
                let by_consent = consent.is_some();
                let allowed = match new.ground {
                    ResearchGround::Toestemming => {
                        answer.allowed && (by_consent || !answer.needs_consent)
                    }
                    // Art. 7:458 BW lets go without consent what the rule would ask it for.
                    _ => answer.allowed || (answer.needs_consent && !by_consent),
                };
                if !allowed {
                    if new.ground == ResearchGround::Toestemming && answer.needs_consent {
                        excluded_consent += 1;
                        continue 'persons;
                    }
                    // A rule that refuses this kind of recipient the category outright.
                    return Err(VaultError::Invalid {
                        field: "categories",
                        message: answer.explain(Lang::En),
                    });
                }
                consents.extend(consent);
                if answer.notify_subject {
                    for a in &answer.articles {
                        if !notice_articles.contains(a) {
                            notice_articles.push(a.clone());
                        }
                    }
                }
                for a in answer.articles {
                    if !rule_articles.contains(&a) {
                        rule_articles.push(a);
                    }
                }
            }
            let has_records = self
                .records_of(&person)
                .await?
                .iter()
                .any(|r| categories.contains(&r.category));
            if !has_records && !categories.iter().any(|c| c == IDENTIFICATION_CATEGORY) {
                continue;
            }
            let mut permits = Vec::new();
            for category in &categories {
                let (permit, _) = self
                    .authorize_data(
                        actor,
                        Action::Disclose,
                        AuditAction::Disclose,
                        &person,
                        category,
                        &new.project,
                        Situation {
                            care: facts.care,
                            restricted: facts.restricted,
                            ..Situation::default()
                        },
                    )
                    .await?;
                permits.push(permit.with_object(&id));
            }
            included.push(Included {
                person,
                care: facts.care,
                key: facts.key,
                permits,
                consents,
                rule_articles,
                notice_articles,
            });
        }
        for i in &included {
            for a in &i.rule_articles {
                if !articles.contains(a) {
                    articles.push(a.clone());
                }
            }
        }

        // Logged, then opened, one client at a time.
        let keys = self.inner.keys.read().await;
        let mut rows: Vec<QuasiRow<(usize, ResearchRow)>> = Vec::new();
        let mut first: Option<(String, bool)> = None;
        let mut ledger_rows = Vec::new();
        for (n, i) in included.into_iter().enumerate() {
            if first.is_none() {
                first = Some((i.person.clone(), i.care));
            }
            let receipts = sealed::commit_all(&self.inner.writer, i.permits, Vec::new()).await?;
            let key = self.unwrap(&i.person, &i.key).await?;
            let sealed_records: Vec<SealedRecord> = self.records_of(&i.person).await?;
            let mut records = Vec::new();
            let mut birth_year = None;
            for (category, receipt) in categories.iter().zip(&receipts) {
                let mine: Vec<SealedRecord> = sealed_records
                    .iter()
                    .filter(|r| &r.category == category)
                    .cloned()
                    .collect();
                let record_keys = self.record_keys(&key, &i.person, &mine)?;
                records.extend(super::records::open_records(&record_keys, mine, receipt)?);
                if category == IDENTIFICATION_CATEGORY
                    && let Some(f) = self
                        .sealed_facts(std::slice::from_ref(&i.person))
                        .await?
                        .first()
                {
                    birth_year = f.open(&key, receipt)?.birth_date.map(|d| d.year());
                }
            }
            let counts: Vec<(String, usize)> = categories
                .iter()
                .map(|c| {
                    (
                        c.clone(),
                        records.iter().filter(|r| &r.category == c).count(),
                    )
                })
                .collect();
            let pseudonymised = new.mode == ResearchMode::Gepseudonimiseerd;
            let row = ResearchRow {
                pseudonym: if pseudonymised {
                    Some(keys.research_pseudonym(&self.inner.tenant, &new.project, &i.person)?)
                } else {
                    None
                },
                birth_year,
                counts,
                records: if pseudonymised {
                    records
                        .iter()
                        .map(|r| ResearchRecord {
                            category: r.category.clone(),
                            created_on: r.created_at.get(..10).unwrap_or_default().to_owned(),
                            text: r.text.clone(),
                        })
                        .collect()
                } else {
                    Vec::new()
                },
            };
            let record_ids: Vec<String> = records.iter().map(|r| r.id.clone()).collect();
            ledger_rows.push((i.person, record_ids, i.consents, i.notice_articles));
            rows.push(QuasiRow {
                birth_year: row.birth_year,
                data: (n, row),
            });
        }
        drop(keys);
        let (rows, suppressed, k): (Vec<QuasiRow<(usize, ResearchRow)>>, usize, usize) =
            match new.mode {
                ResearchMode::Geanonimiseerd => {
                    let a = k_anonymise(rows, new.min_k);
                    (a.rows, a.suppressed, a.k)
                }
                ResearchMode::Gepseudonimiseerd => (rows, 0, 0),
            };
        // A suppressed row's client is in no ledger entry: nothing of his went out.
        let went_out: Vec<usize> = rows.iter().map(|r| r.data.0).collect();
        let rows: Vec<ResearchRow> = rows.into_iter().map(|r| r.data.1).collect();
        let payload = serde_json::to_vec(&rows)
            .map_err(|e| StoreError::Crypto(format!("research payload: {e}")))?;
        let payload_sha256 = hex::encode(sha256(&[&payload]));

        let t = |s: &str| Arg::Text(s.to_owned());
        let mut statements = vec![Stmt::new(
            "INSERT INTO research_exports (tenant_id, id, project, recipient_id, ground, mode, \
             categories, conditions, articles, persons, excluded_objection, excluded_consent, \
             suppressed, k, payload_sha256, made_by, made_at) \
             VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10, $11, $12, $13, $14, $15, $16, $17)",
            vec![
                t(&self.inner.tenant),
                t(&id),
                t(&new.project),
                t(&recipient.id),
                t(new.ground.id()),
                t(new.mode.id()),
                Arg::Text(to_json(&categories)),
                Arg::Text(to_json(&new.conditions)),
                Arg::Text(to_json(&articles)),
                Arg::Int(rows.len() as i64),
                Arg::Int(excluded_objection as i64),
                Arg::Int(excluded_consent as i64),
                Arg::Int(suppressed as i64),
                Arg::Int(k as i64),
                t(&payload_sha256),
                t(&actor.user_id),
                Arg::Text(crate::clock::now()),
            ],
        )];
        let at = crate::clock::now();
        for (person, record_ids, consents, notice) in went_out.iter().map(|n| &ledger_rows[*n]) {
            statements.push(Stmt::new(
                "INSERT INTO disclosures (tenant_id, id, person_id, recipient_id, categories, \
                 record_ids, payload_sha256, consent_ids, articles, purpose, disclosed_on, \
                 disclosed_by, disclosed_role, disclosed_at, notice_required, notice_articles) \
                 VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10, $11, $12, $13, $14, $15, $16)",
                vec![
                    t(&self.inner.tenant),
                    Arg::Text(uuid::Uuid::now_v7().to_string()),
                    t(person),
                    t(&recipient.id),
                    Arg::Text(to_json(&categories)),
                    Arg::Text(to_json(record_ids)),
                    t(&payload_sha256),
                    Arg::Text(to_json(consents)),
                    Arg::Text(to_json(&articles)),
                    t(&new.project),
                    Arg::Text(day.to_string()),
                    t(&actor.user_id),
                    t(&actor.role),
                    t(&at),
                    // Where the rule asks that the client be told (Alpo noot 8: individually).
                    Arg::Int(i64::from(!notice.is_empty())),
                    Arg::Text(to_json(notice)),
                ],
            ));
        }
        // The export's own event, decided as the disclosure of its first client (what it is
        // about): the dataset goes out only once the ledger holds it.
        let Some((person, care)) = first else {
            return Err(VaultError::Invalid {
                field: "categories",
                message: "no client's data can go to this project on this ground".into(),
            });
        };
        let (permit, _) = self
            .authorize_data(
                actor,
                Action::Disclose,
                AuditAction::ResearchExport,
                &person,
                &categories[0],
                &new.project,
                Situation {
                    care,
                    ..Situation::default()
                },
            )
            .await?;
        sealed::commit(
            &self.inner.writer,
            permit.citing(&articles).with_object(&id),
            statements,
        )
        .await?;
        Ok(ResearchDataset {
            id,
            project: new.project.clone(),
            ground: new.ground,
            mode: new.mode,
            categories,
            articles,
            rows,
            excluded_objection,
            excluded_consent,
            suppressed,
            k,
            payload_sha256,
            made_on: day,
        })
    }
}

fn to_json<T: Serialize + ?Sized>(value: &T) -> String {
    serde_json::to_string(value).unwrap_or_else(|_| "null".to_owned())
}
