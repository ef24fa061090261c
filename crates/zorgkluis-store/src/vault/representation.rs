//! Persons with the facts the law turns on, and who represents them: the date of death, the
//! legal status (curatele, mentorschap, beschermingsbewind) with its start, and links from a
//! subject to another registered person who acts for him on a ground of representation (ouder
//! met gezag, voogd, curator, mentor, schriftelijk gemachtigde with the date of the written
//! authorisation, nabestaande), valid from and until a date, ended with a date.
//!
//! These are registration data, as the seeds treat them: the administration that registers a
//! person keeps them (BG wonen 3.1, Rondomzorg I.B), and the seeds that name them list them as
//! their own category, "juridische gegevens (curator, bewindvoerder, e.d.)" (Rondomzorg 1.2,
//! BG wonen's `juridisch`). So a change is a write of the category `juridisch`, and showing
//! them a read of it, decided by the reglement like any category and logged (purpose
//! `vertegenwoordiging`, the link's id as the event's object); a reglement that processes no
//! `juridisch` category keeps them with the identification facts (`naw`), which the
//! administration registers. Filing a request reads them under the duty of handling requests,
//! like the subject's birth date (see [`super::requests`]).
//!
//! Everything but ids and validity dates is sealed with the subject's key. Legal facts are
//! kept as versions (the newest holds); a link is never rewritten: ending it sets its end date
//! once, and the link stays in the history.

use jiff::civil::Date;
use serde::{Deserialize, Serialize};
use zorgkluis_core::taxonomy::IDENTIFICATION_CATEGORY;
use zorgkluis_core::vocabulary::{Action, Duty, Ground, Requester};

use super::access::Situation;
use super::{Actor, Vault, VaultError};
use crate::StoreError;
use crate::audit::AuditAction;
use crate::db::Columns;
use crate::sealed::{self, DataKey, Permit, Receipt, Sealed, SealedKind, Unpermitted};
use crate::writer::{Arg, Stmt};

/// The purpose label of every event of this room.
const PURPOSE: &str = "vertegenwoordiging";

/// The legal statuses an adult can be under.
pub const LEGAL_STATUSES: [Ground; 3] = [
    Ground::Curatele,
    Ground::Mentorschap,
    Ground::Beschermingsbewind,
];

/// The facts of a person the law turns on, as the organisation records them.
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize, Deserialize)]
pub struct LegalFacts {
    /// The date of death.
    #[serde(default)]
    pub deceased: Option<Date>,
    /// Curatele, mentorschap or beschermingsbewind.
    #[serde(default)]
    pub legal_status: Option<Ground>,
    /// The day the legal status began (the court's decision took effect).
    #[serde(default)]
    pub legal_status_since: Option<Date>,
}

impl LegalFacts {
    /// The legal status in force on `day`.
    pub fn status_on(&self, day: Date) -> Option<Ground> {
        match (self.legal_status, self.legal_status_since) {
            (Some(s), Some(since)) if since <= day => Some(s),
            _ => None,
        }
    }
}

/// What a link holds sealed.
#[derive(Debug, Clone, Serialize, Deserialize)]
struct LinkContent {
    ground: Requester,
    #[serde(default)]
    authorised_on: Option<Date>,
}

/// A representative to link to a subject.
#[derive(Debug, Clone)]
pub struct NewRepresentative {
    pub subject: String,
    /// The representative: another registered person.
    pub representative: String,
    /// The ground of representation (any requester kind but `betrokkene`).
    pub ground: Requester,
    pub valid_from: Date,
    /// The last day the link holds; open when none.
    pub valid_until: Option<Date>,
    /// The date of the written authorisation: required for a gemachtigde; for a parent of a
    /// minor of 16 or older, the minor's written consent.
    pub authorised_on: Option<Date>,
}

/// A representative of a subject, as the register keeps him.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct Representative {
    pub id: String,
    pub subject: String,
    pub representative: String,
    pub ground: Requester,
    pub authorised_on: Option<Date>,
    pub valid_from: Date,
    pub valid_until: Option<Date>,
    /// The day the link was ended: from that day it no longer holds.
    pub ended_on: Option<Date>,
    /// The representative's name, where the reader may see it (the dossier's panel).
    pub representative_name: Option<String>,
}

impl Representative {
    /// Whether the link holds on `day`.
    pub fn valid_on(&self, day: Date) -> bool {
        self.valid_from <= day
            && self.valid_until.is_none_or(|u| day <= u)
            && self.ended_on.is_none_or(|e| day < e)
    }
}

/// A person's legal facts with his representatives, the ended ones too.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct Representation {
    pub person: String,
    pub facts: LegalFacts,
    /// Newest first.
    pub representatives: Vec<Representative>,
}

/// A subject a person may act for on a day.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct ActingFor {
    /// The link.
    pub id: String,
    pub subject: String,
    pub ground: Requester,
    pub valid_until: Option<Date>,
}

/// What filing a request finds stored: the subject's legal facts, and the links of the
/// requester to him.
pub(super) struct FilingFacts {
    pub legal: LegalFacts,
    pub links: Vec<Representative>,
}

struct SealedLink {
    id: String,
    subject: String,
    representative: String,
    valid_from: Date,
    valid_until: Option<Date>,
    ended_on: Option<Date>,
    content: Vec<u8>,
}

const LINK_COLUMNS: &str =
    "id, subject_id, representative_id, valid_from, valid_until, ended_on, content";

fn bad(what: &str) -> StoreError {
    StoreError::Crypto(format!("a representation row has a bad {what}"))
}

fn date(s: &str) -> Result<Date, StoreError> {
    s.parse().map_err(|_| bad("date"))
}

fn invalid(field: &'static str, message: impl Into<String>) -> VaultError {
    VaultError::Invalid {
        field,
        message: message.into(),
    }
}

/// The category of legal status data in the built-in taxonomy.
pub const LEGAL_CATEGORY: &str = "juridisch";

fn facts_kind(id: &str, category: &str) -> SealedKind {
    SealedKind::Representation {
        id: id.to_owned(),
        field: "legal_facts".to_owned(),
        category: category.to_owned(),
    }
}

fn link_kind(id: &str, category: &str) -> SealedKind {
    SealedKind::Representation {
        id: id.to_owned(),
        field: "link".to_owned(),
        category: category.to_owned(),
    }
}

impl SealedLink {
    fn from_row(r: &dyn Columns) -> Result<SealedLink, StoreError> {
        Ok(SealedLink {
            id: r.text(0)?,
            subject: r.text(1)?,
            representative: r.text(2)?,
            valid_from: date(&r.text(3)?)?,
            valid_until: r.opt_text(4)?.as_deref().map(date).transpose()?,
            ended_on: r.opt_text(5)?.as_deref().map(date).transpose()?,
            content: r.blob(6)?,
        })
    }

    fn open(
        &self,
        tenant: &str,
        category: &str,
        key: &DataKey,
        receipt: &Receipt,
    ) -> Result<Representative, VaultError> {
        let sealed = Sealed::new(
            self.content.clone(),
            tenant,
            &self.subject,
            link_kind(&self.id, category),
        );
        let plain = sealed.open(key, receipt)?;
        let content: LinkContent =
            serde_json::from_slice(&plain).map_err(|_| bad("link content"))?;
        Ok(Representative {
            id: self.id.clone(),
            subject: self.subject.clone(),
            representative: self.representative.clone(),
            ground: content.ground,
            authorised_on: content.authorised_on,
            valid_from: self.valid_from,
            valid_until: self.valid_until,
            ended_on: self.ended_on,
            representative_name: None,
        })
    }
}

/// Legal facts that can be right on `today`.
fn check_legal_facts(f: &LegalFacts, today: Date) -> Result<(), VaultError> {
    if let Some(d) = f.deceased
        && (d > today || d.year() < 1900)
    {
        return Err(invalid(
            "deceased",
            "a date of death lies between 1900 and today",
        ));
    }
    match (f.legal_status, f.legal_status_since) {
        (Some(s), _) if !LEGAL_STATUSES.contains(&s) => {
            return Err(invalid(
                "legal_status",
                "one of curatele, mentorschap, beschermingsbewind",
            ));
        }
        (Some(_), None) => {
            return Err(invalid(
                "legal_status_since",
                "the day the legal status began is needed with it",
            ));
        }
        (None, Some(_)) => {
            return Err(invalid(
                "legal_status",
                "a start date without a legal status: give the status",
            ));
        }
        (Some(_), Some(since)) => {
            if since > today || since.year() < 1900 {
                return Err(invalid("legal_status_since", "between 1900 and today"));
            }
            if f.deceased.is_some_and(|d| since > d) {
                return Err(invalid(
                    "legal_status_since",
                    "after the date of death registered with it",
                ));
            }
        }
        (None, None) => {}
    }
    Ok(())
}

fn check_representative(new: &NewRepresentative, today: Date) -> Result<(), VaultError> {
    if new.representative == new.subject {
        return Err(invalid(
            "by",
            "a person does not represent himself: the subject files as betrokkene",
        ));
    }
    if new.ground == Requester::Betrokkene {
        return Err(invalid(
            "ground",
            "one of ouder, voogd, curator, mentor, gemachtigde, nabestaande",
        ));
    }
    if new.valid_from.year() < 1900 {
        return Err(invalid("from", "from 1900"));
    }
    if let Some(until) = new.valid_until
        && until < new.valid_from
    {
        return Err(invalid(
            "until",
            format!("lies before the start of the link ({})", new.valid_from),
        ));
    }
    match new.authorised_on {
        None if new.ground == Requester::Gemachtigde => Err(invalid(
            "authorised_on",
            "a gemachtigde acts on a dated written authorisation: give its date",
        )),
        Some(d) if d > today || d.year() < 1900 => {
            Err(invalid("authorised_on", "between 1900 and today"))
        }
        _ => Ok(()),
    }
}

impl Vault {
    /// The category legal facts and representatives are kept in: `juridisch` where a
    /// processing of the reglement covers it, else the identification facts' (`naw`).
    pub fn representation_category(&self) -> &'static str {
        let legal = self.inner.reglement.file.processings.iter().any(|p| {
            p.get_ref()
                .categories
                .iter()
                .any(|c| c.get_ref() == LEGAL_CATEGORY)
        });
        if legal {
            LEGAL_CATEGORY
        } else {
            IDENTIFICATION_CATEGORY
        }
    }

    /// Records `person`'s legal facts (a new version; the earlier ones stay): a write of
    /// [`Vault::representation_category`], decided and logged.
    pub async fn set_legal_facts(
        &self,
        actor: &Actor,
        person: &str,
        facts: &LegalFacts,
    ) -> Result<(), VaultError> {
        check_legal_facts(facts, crate::clock::today())?;
        let (permit, key) = self
            .authorize_change_as(
                actor,
                Action::Write,
                AuditAction::Write,
                person,
                self.representation_category(),
                PURPOSE,
            )
            .await?;
        let id = uuid::Uuid::now_v7().to_string();
        let plain = serde_json::to_vec(facts).map_err(|e| StoreError::Crypto(e.to_string()))?;
        let sealed = key.seal(
            &plain,
            &facts_kind(&id, self.representation_category()),
            &self.inner.tenant,
            person,
        )?;
        let stmt = Stmt::new(
            "INSERT INTO person_legal_facts (tenant_id, id, person_id, content, recorded_at, recorded_by) \
             VALUES ($1, $2, $3, $4, $5, $6)",
            vec![
                Arg::Text(self.inner.tenant.clone()),
                Arg::Text(id.clone()),
                Arg::Text(person.to_owned()),
                Arg::Blob(sealed),
                Arg::Text(crate::clock::now()),
                Arg::Text(actor.user_id.clone()),
            ],
        );
        sealed::commit(&self.inner.writer, permit.with_object(&id), vec![stmt]).await?;
        Ok(())
    }

    /// `person`'s legal facts (none recorded: all empty): a read of
    /// [`Vault::representation_category`], decided and logged.
    pub async fn legal_facts(&self, actor: &Actor, person: &str) -> Result<LegalFacts, VaultError> {
        let (receipt, key) = self.read_representation(actor, person).await?;
        self.stored_legal_facts(person, &key, &receipt).await
    }

    /// `person`'s legal facts and representatives (the ended ones too, newest first), with
    /// each representative's name where the actor may read it (each such read decided and
    /// logged; a denial leaves the name out and is logged).
    pub async fn representation(
        &self,
        actor: &Actor,
        person: &str,
    ) -> Result<Representation, VaultError> {
        let (receipt, key) = self.read_representation(actor, person).await?;
        let facts = self.stored_legal_facts(person, &key, &receipt).await?;
        let mut representatives = Vec::new();
        for link in self.links_of(person, None).await? {
            representatives.push(link.open(
                &self.inner.tenant,
                self.representation_category(),
                &key,
                &receipt,
            )?);
        }
        representatives.reverse();
        self.name_representatives(actor, &mut representatives)
            .await?;
        Ok(Representation {
            person: person.to_owned(),
            facts,
            representatives,
        })
    }

    /// Links `new.representative` to `new.subject`: a write of the subject's
    /// [`Vault::representation_category`], decided and logged with the link's id as the event's object.
    pub async fn add_representative(
        &self,
        actor: &Actor,
        new: &NewRepresentative,
    ) -> Result<Representative, VaultError> {
        check_representative(new, crate::clock::today())?;
        self.known_person(&new.representative).await.map_err(|_| {
            invalid(
                "by",
                format!("no person {} is registered", new.representative),
            )
        })?;
        let (permit, key) = self
            .authorize_change_as(
                actor,
                Action::Write,
                AuditAction::Write,
                &new.subject,
                self.representation_category(),
                PURPOSE,
            )
            .await?;
        let id = uuid::Uuid::now_v7().to_string();
        let content = LinkContent {
            ground: new.ground,
            authorised_on: new.authorised_on,
        };
        let plain = serde_json::to_vec(&content).map_err(|e| StoreError::Crypto(e.to_string()))?;
        let sealed = key.seal(
            &plain,
            &link_kind(&id, self.representation_category()),
            &self.inner.tenant,
            &new.subject,
        )?;
        let stmt = Stmt::new(
            "INSERT INTO representatives (tenant_id, id, subject_id, representative_id, valid_from, \
             valid_until, content, created_at, created_by) VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9)",
            vec![
                Arg::Text(self.inner.tenant.clone()),
                Arg::Text(id.clone()),
                Arg::Text(new.subject.clone()),
                Arg::Text(new.representative.clone()),
                Arg::Text(new.valid_from.to_string()),
                Arg::OptText(new.valid_until.map(|d| d.to_string())),
                Arg::Blob(sealed),
                Arg::Text(crate::clock::now()),
                Arg::Text(actor.user_id.clone()),
            ],
        );
        sealed::commit(&self.inner.writer, permit.with_object(&id), vec![stmt]).await?;
        Ok(Representative {
            id,
            subject: new.subject.clone(),
            representative: new.representative.clone(),
            ground: new.ground,
            authorised_on: new.authorised_on,
            valid_from: new.valid_from,
            valid_until: new.valid_until,
            ended_on: None,
            representative_name: None,
        })
    }

    /// Ends a link on `on` (from that day it no longer holds); the link stays. A write of the
    /// subject's representation category, decided and logged.
    pub async fn end_representation(
        &self,
        actor: &Actor,
        link: &str,
        on: Date,
    ) -> Result<(), VaultError> {
        let Some(row) = self.link_row(link).await? else {
            return Err(VaultError::NotFound(format!("representative {link}")));
        };
        if row.ended_on.is_some() {
            return Err(VaultError::Conflict {
                field: "on",
                message: "the link was ended already".into(),
            });
        }
        if on < row.valid_from {
            return Err(invalid(
                "on",
                format!("lies before the start of the link ({})", row.valid_from),
            ));
        }
        let (permit, _) = self
            .authorize_change_as(
                actor,
                Action::Write,
                AuditAction::Write,
                &row.subject,
                self.representation_category(),
                PURPOSE,
            )
            .await?;
        let stmt = Stmt::must_change(
            "UPDATE representatives SET ended_on = $3, ended_at = $4, ended_by = $5 \
             WHERE tenant_id = $1 AND id = $2 AND ended_on IS NULL",
            vec![
                Arg::Text(self.inner.tenant.clone()),
                Arg::Text(link.to_owned()),
                Arg::Text(on.to_string()),
                Arg::Text(crate::clock::now()),
                Arg::Text(actor.user_id.clone()),
            ],
        );
        match sealed::commit(&self.inner.writer, permit.with_object(link), vec![stmt]).await {
            Ok(_) => Ok(()),
            Err(StoreError::NotFound(_)) => Err(VaultError::Conflict {
                field: "on",
                message: "the link was ended meanwhile".into(),
            }),
            Err(e) => Err(e.into()),
        }
    }

    /// The subjects `person` may act for on `on`: the links to him that hold that day. Each
    /// subject's link is opened with a read of his representation category, decided and
    /// logged; the subjects the actor may not read are left out (the denial logged), and so
    /// are erased ones.
    pub async fn acting_for(
        &self,
        actor: &Actor,
        person: &str,
        on: Date,
    ) -> Result<Vec<ActingFor>, VaultError> {
        self.known_person(person).await?;
        // A portal account asks for whom it acts itself, and for no one else.
        if self
            .portal_holder(actor)
            .await?
            .is_some_and(|holder| holder != person)
        {
            return Err(VaultError::NotFound(format!("person {person}")));
        }
        let rows = sqlx::query(sqlx::AssertSqlSafe(format!(
            "SELECT {LINK_COLUMNS} FROM representatives WHERE tenant_id = $1 \
             AND representative_id = $2 AND valid_from <= $3 \
             AND (valid_until IS NULL OR valid_until >= $3) AND (ended_on IS NULL OR ended_on > $3) \
             ORDER BY created_at, id"
        )))
        .bind(&self.inner.tenant)
        .bind(person)
        .bind(on.to_string())
        .fetch_all(&*self.inner.pool)
        .await?;
        let mut out = Vec::new();
        for r in &rows {
            let link = SealedLink::from_row(r)?;
            let read = match self.read_representation(actor, &link.subject).await {
                Ok(read) => read,
                Err(VaultError::Denied(_) | VaultError::Erased(_)) => continue,
                Err(e) => return Err(e),
            };
            let (receipt, key) = read;
            let opened = link.open(
                &self.inner.tenant,
                self.representation_category(),
                &key,
                &receipt,
            )?;
            out.push(ActingFor {
                id: opened.id,
                subject: opened.subject,
                ground: opened.ground,
                valid_until: opened.valid_until,
            });
        }
        Ok(out)
    }

    /// What a filing finds stored for `subject` (opened with the filing's receipt, which
    /// covers them): his legal facts and the links of `requester` to him.
    pub(super) async fn filing_facts(
        &self,
        subject: &str,
        requester: Option<&str>,
        key: &DataKey,
        receipt: &Receipt,
    ) -> Result<FilingFacts, VaultError> {
        let legal = self.stored_legal_facts(subject, key, receipt).await?;
        let mut links = Vec::new();
        if let Some(requester) = requester {
            for link in self.links_of(subject, Some(requester)).await? {
                links.push(link.open(
                    &self.inner.tenant,
                    self.representation_category(),
                    key,
                    receipt,
                )?);
            }
        }
        Ok(FilingFacts { legal, links })
    }

    /// Decides and logs a read of `person`'s representation category: the receipt, and the
    /// key that opens his facts.
    async fn read_representation(
        &self,
        actor: &Actor,
        person: &str,
    ) -> Result<(Receipt, DataKey), VaultError> {
        if actor.role == zorgkluis_core::decide::PORTAL_ROLE {
            // A portal account opens the links to it under its own duty (the caller,
            // `acting_for`, has checked that they are its links).
            let permit = self
                .authorize_duty(
                    actor,
                    Duty::PortalRequests,
                    false,
                    AuditAction::Read,
                    Some(person),
                    PURPOSE,
                )
                .await?;
            let key = self.data_key(person).await?;
            let receipt = sealed::commit(&self.inner.writer, permit, Vec::new()).await?;
            return Ok((receipt, key));
        }
        let (permit, key) = self
            .authorize_change_as(
                actor,
                Action::Read,
                AuditAction::Read,
                person,
                self.representation_category(),
                PURPOSE,
            )
            .await?;
        let receipt = sealed::commit(&self.inner.writer, permit, Vec::new()).await?;
        Ok((receipt, key))
    }

    /// The newest legal facts of `person`, opened with `receipt`.
    async fn stored_legal_facts(
        &self,
        person: &str,
        key: &DataKey,
        receipt: &Receipt,
    ) -> Result<LegalFacts, VaultError> {
        let row = sqlx::query(
            "SELECT id, content FROM person_legal_facts WHERE tenant_id = $1 AND person_id = $2 \
             ORDER BY recorded_at DESC, id DESC LIMIT 1",
        )
        .bind(&self.inner.tenant)
        .bind(person)
        .fetch_optional(&*self.inner.pool)
        .await?;
        let Some(r) = row else {
            return Ok(LegalFacts::default());
        };
        let id = r.text(0)?;
        let sealed = Sealed::new(
            r.blob(1)?,
            &self.inner.tenant,
            person,
            facts_kind(&id, self.representation_category()),
        );
        let plain = sealed.open(key, receipt)?;
        Ok(serde_json::from_slice(&plain).map_err(|_| bad("legal facts"))?)
    }

    /// The links of `subject` (to `representative` only, if given), oldest first.
    async fn links_of(
        &self,
        subject: &str,
        representative: Option<&str>,
    ) -> Result<Vec<SealedLink>, StoreError> {
        let rows = match representative {
            Some(rep) => {
                sqlx::query(sqlx::AssertSqlSafe(format!(
                    "SELECT {LINK_COLUMNS} FROM representatives WHERE tenant_id = $1 \
                     AND subject_id = $2 AND representative_id = $3 ORDER BY created_at, id"
                )))
                .bind(&self.inner.tenant)
                .bind(subject)
                .bind(rep)
                .fetch_all(&*self.inner.pool)
                .await?
            }
            None => {
                sqlx::query(sqlx::AssertSqlSafe(format!(
                    "SELECT {LINK_COLUMNS} FROM representatives WHERE tenant_id = $1 \
                     AND subject_id = $2 ORDER BY created_at, id"
                )))
                .bind(&self.inner.tenant)
                .bind(subject)
                .fetch_all(&*self.inner.pool)
                .await?
            }
        };
        rows.iter()
            .map(|r| SealedLink::from_row(r))
            .collect::<Result<_, _>>()
    }

    async fn link_row(&self, id: &str) -> Result<Option<SealedLink>, StoreError> {
        let row = sqlx::query(sqlx::AssertSqlSafe(format!(
            "SELECT {LINK_COLUMNS} FROM representatives WHERE tenant_id = $1 AND id = $2"
        )))
        .bind(&self.inner.tenant)
        .bind(id)
        .fetch_optional(&*self.inner.pool)
        .await?;
        row.as_ref().map(|r| SealedLink::from_row(r)).transpose()
    }

    /// Fills in the representatives' names the actor may read: one decided read of each
    /// one's identification category, all logged in one commit; denials are logged and leave
    /// the name out.
    async fn name_representatives(
        &self,
        actor: &Actor,
        list: &mut [Representative],
    ) -> Result<(), VaultError> {
        let mut persons: Vec<String> = list.iter().map(|r| r.representative.clone()).collect();
        persons.sort();
        persons.dedup();
        let mut permits: Vec<(String, Permit)> = Vec::new();
        let mut denials = Vec::new();
        for p in persons {
            let Some(facts) = self
                .write_facts(&actor.user_id, &p, IDENTIFICATION_CATEGORY)
                .await?
            else {
                // Erased: no name to show.
                continue;
            };
            match self.decide_data(
                actor,
                Action::Read,
                AuditAction::Read,
                &p,
                IDENTIFICATION_CATEGORY,
                PURPOSE,
                Situation {
                    care: facts.care,
                    restricted: facts.restricted,
                    ..Situation::default()
                },
            ) {
                Ok((permit, _)) => permits.push((p, permit)),
                Err(denial) => denials.push(denial.event),
            }
        }
        if !denials.is_empty() {
            sealed::record(&self.inner.writer, Unpermitted::Denial, denials, Vec::new()).await?;
        }
        if permits.is_empty() {
            return Ok(());
        }
        let (ids, permits): (Vec<String>, Vec<Permit>) = permits.into_iter().unzip();
        let receipts = sealed::commit_all(&self.inner.writer, permits, Vec::new()).await?;
        for (p, receipt) in ids.iter().zip(&receipts) {
            let name = match self.facts_with(p, receipt).await {
                Ok(f) => f.map(|f| f.name),
                Err(VaultError::Erased(_)) => None,
                Err(e) => return Err(e),
            };
            for r in list.iter_mut().filter(|r| r.representative == *p) {
                r.representative_name.clone_from(&name);
            }
        }
        Ok(())
    }
}
