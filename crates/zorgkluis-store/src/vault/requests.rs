//! The request register: data subject requests, from receipt to execution or withdrawal.
//!
//! Handling requests is a duty the reglement grants (`handle_requests`), decided and logged like
//! every access. The rules come from the core (`decide::request` for the status machine, the
//! grounds and the extension; `decide::represent` for who may file; `decide::request_deadlines`
//! for the clock); this room only keeps the register. What is asked (categories, the changes
//! wanted, a requester who is no registered person) and an extension's reason are sealed with
//! the subject's key and opened only with the receipt of a committed event; the audit chain
//! holds ids only (the request's id as the event's object, the step as its purpose label).
//!
//! Bad input (a received date in the future, a ground the reglement does not allow for the
//! type, a step the status does not allow) is refused before anything is written. A requester
//! who may not file is refused after the subject's birth date was read (logged) and the refusal
//! is logged as a denied filing with the articles that decided it.

use jiff::civil::Date;
use serde::{Deserialize, Serialize};
use zorgkluis_core::calendar::HolidayCalendar;
use zorgkluis_core::decide::request::{
    self as rules, Filing, RefusalGround, RequestError, RequestState,
};
use zorgkluis_core::decide::{RepresentAnswer, RepresentFacts, represent};
use zorgkluis_core::vocabulary::{
    Channel, Duty, Ground, RequestOutcome, RequestStatus, RequestType, Requester,
};
use zorgkluis_core::{Lang, t};

use super::{Actor, Vault, VaultError};
use crate::StoreError;
use crate::audit::{AuditAction, Outcome};
use crate::db::{Columns, HotArg};
use crate::sealed::{self, Receipt, Sealed, SealedKind, Unpermitted};
use crate::writer::{Arg, Stmt};

/// The purpose label of every request event; the step is in the event's purpose too.
pub(super) const PURPOSE: &str = "verzoek";

/// The steps a portal account takes, under its own duty: reading the subject's birth date to
/// file, filing, and reading its own requests.
const PORTAL_STEPS: [&str; 3] = ["indienen", "ingediend", "ingezien"];

/// Who files a request.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct RequesterFacts {
    /// `None`: the subject.
    pub kind: Option<Requester>,
    /// The requester, if registered as a person of this organisation.
    pub person: Option<String>,
    /// The legal status of an adult subject, or an heir's ground.
    pub ground: Option<Ground>,
    /// A written authorisation (the proxy's, or a minor's consent to his parents).
    pub authorisation: bool,
    pub subject_deceased: Option<Date>,
    /// The subject's birth date where his identification facts hold none.
    pub subject_born: Option<Date>,
}

/// What is asked: personal data, sealed with the subject's key.
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize, Deserialize)]
pub struct RequestDetails {
    /// The categories the request concerns.
    #[serde(default)]
    pub categories: Vec<String>,
    /// The changes wanted (correction, supplement), in the requester's words.
    #[serde(default)]
    pub changes: Option<String>,
    /// A requester who is no registered person: how the organisation knows him.
    #[serde(default)]
    pub requester_name: Option<String>,
}

/// A request as it arrives.
#[derive(Debug, Clone)]
pub struct NewRequest {
    pub person: String,
    pub request: RequestType,
    pub channel: Channel,
    pub received: Date,
    pub requester: RequesterFacts,
    pub details: RequestDetails,
}

/// What filing set.
#[derive(Debug, Clone, Serialize)]
pub struct FiledRequest {
    pub id: String,
    pub respond_by: Date,
    pub respond_by_articles: Vec<String>,
    pub extendable_to: Option<Date>,
    pub erase_by: Option<Date>,
    pub identity_required: bool,
    /// Who may file: the answer, with what is still needed.
    pub requester: RepresentAnswer,
    pub notes: Vec<String>,
}

/// Which requests a list shows.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq)]
pub struct RequestFilter {
    /// Not yet carried out, refused or withdrawn.
    pub open: bool,
    /// Open, and past their response deadline (or, once decided, their execution deadline).
    pub overdue: bool,
    /// Open, not overdue, and its running deadline within the installation's reminder window
    /// (`ZORGKLUIS_REMINDER_DAYS` working days, 5 unless set).
    pub due_soon: bool,
}

/// One request in the register's list: ids, words and dates, nothing sealed.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct RequestSummary {
    pub id: String,
    pub person_id: String,
    pub request_type: RequestType,
    pub channel: Channel,
    pub status: RequestStatus,
    pub received: Date,
    /// The deadline that is running: the response, or once granted the execution.
    pub due: Option<Date>,
    pub overdue: bool,
    /// Its running deadline falls within the reminder window (see [`RequestFilter::due_soon`]).
    pub due_soon: bool,
}

#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct RequesterView {
    pub kind: Requester,
    pub person: Option<String>,
    pub ground: Option<Ground>,
    pub authorisation: bool,
    pub articles: Vec<String>,
    pub also_needed: Vec<String>,
}

#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct ExtensionView {
    pub told: Date,
    /// The reason, opened for the handler; `None` once the subject was erased.
    pub reason: Option<String>,
}

#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct DecisionView {
    pub outcome: RequestOutcome,
    pub decided_on: Date,
    pub grounds: Vec<RefusalGround>,
}

/// One step in a request's history, from its audit events.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct TimelineEntry {
    pub seq: i64,
    pub at: String,
    pub user_id: String,
    pub role: String,
    pub action: AuditAction,
    /// The step (`verzoek-ingediend`, `verzoek-besloten`, ...).
    pub step: String,
    pub outcome: Outcome,
}

/// A request with everything the register holds, opened for its handler.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct RequestView {
    pub id: String,
    pub person_id: String,
    pub request_type: RequestType,
    pub channel: Channel,
    pub received: Date,
    pub status: RequestStatus,
    pub requester: RequesterView,
    pub identity_required: bool,
    pub identity_on: Option<Date>,
    pub respond_by: Date,
    pub respond_by_articles: Vec<String>,
    pub extendable_to: Option<Date>,
    pub execute_by: Option<Date>,
    pub erase_by: Option<Date>,
    pub extension: Option<ExtensionView>,
    pub decision: Option<DecisionView>,
    pub executed_on: Option<Date>,
    pub overdue: bool,
    /// Its running deadline falls within the reminder window.
    pub due_soon: bool,
    /// What is asked; `None` once the subject was erased (the key is gone).
    pub details: Option<RequestDetails>,
    pub timeline: Vec<TimelineEntry>,
    /// The subject's identification facts, for the page that shows the request (not in the
    /// API's answer, which names the subject by id); `None` once the subject was erased.
    #[serde(skip)]
    pub subject: Option<crate::vault::PersonFacts>,
}

/// A request as stored.
pub(super) struct Row {
    pub(super) id: String,
    pub(super) person_id: String,
    pub(super) request_type: RequestType,
    pub(super) channel: Channel,
    pub(super) received: Date,
    pub(super) status: RequestStatus,
    pub(super) requester: RequesterView,
    pub(super) identity_required: bool,
    pub(super) identity_on: Option<Date>,
    pub(super) respond_by: Date,
    pub(super) respond_by_articles: Vec<String>,
    pub(super) extendable_to: Option<Date>,
    pub(super) execute_by: Option<Date>,
    pub(super) erase_by: Option<Date>,
    pub(super) extension_told: Option<Date>,
    pub(super) extension_reason: Option<Vec<u8>>,
    pub(super) outcome: Option<RequestOutcome>,
    pub(super) decided_on: Option<Date>,
    pub(super) grounds: Vec<RefusalGround>,
    pub(super) executed_on: Option<Date>,
    pub(super) details: Vec<u8>,
    /// When the handler released the export of an inzage, afschrift or inzage_logging for
    /// execution (RFC 3339); none until then, and again after a later withholding.
    pub(super) released_at: Option<String>,
}

const COLUMNS: &str = "id, person_id, request_type, channel, received, status, requester_kind, \
     requester_person, requester_ground, authorisation, requester_articles, requester_needs, \
     identity_required, identity_on, respond_by, respond_by_articles, extendable_to, execute_by, \
     erase_by, extension_told, extension_reason, outcome, decided_on, grounds, executed_on, details, \
     export_released_at";

fn bad(what: &str) -> StoreError {
    StoreError::Crypto(format!("a request row has a bad {what}"))
}

fn date(s: &str) -> Result<Date, StoreError> {
    s.parse().map_err(|_| bad("date"))
}

fn opt_date(s: Option<String>) -> Result<Option<Date>, StoreError> {
    s.as_deref().map(date).transpose()
}

fn split(s: &str) -> Vec<String> {
    s.split("; ")
        .filter(|a| !a.is_empty())
        .map(str::to_owned)
        .collect()
}

impl Row {
    fn from_row(r: &dyn Columns) -> Result<Row, StoreError> {
        let word = |i: usize| r.text(i);
        let request_type = RequestType::from_id(&word(2)?).ok_or_else(|| bad("type"))?;
        let channel = Channel::from_id(&word(3)?).ok_or_else(|| bad("channel"))?;
        let status = RequestStatus::from_id(&word(5)?).ok_or_else(|| bad("status"))?;
        let kind = Requester::from_id(&word(6)?).ok_or_else(|| bad("requester"))?;
        let ground = r
            .opt_text(8)?
            .map(|g| Ground::from_id(&g).ok_or_else(|| bad("ground")))
            .transpose()?;
        let outcome = r
            .opt_text(21)?
            .map(|o| RequestOutcome::from_id(&o).ok_or_else(|| bad("outcome")))
            .transpose()?;
        let grounds = match r.opt_text(23)? {
            Some(json) => serde_json::from_str(&json).map_err(|_| bad("grounds"))?,
            None => Vec::new(),
        };
        let reason = r.opt_text(19)?.map(|_| r.blob(20)).transpose()?;
        Ok(Row {
            id: word(0)?,
            person_id: word(1)?,
            request_type,
            channel,
            received: date(&word(4)?)?,
            status,
            requester: RequesterView {
                kind,
                person: r.opt_text(7)?,
                ground,
                authorisation: r.int(9)? != 0,
                articles: split(&word(10)?),
                also_needed: split(&word(11)?),
            },
            identity_required: r.int(12)? != 0,
            identity_on: opt_date(r.opt_text(13)?)?,
            respond_by: date(&word(14)?)?,
            respond_by_articles: split(&word(15)?),
            extendable_to: opt_date(r.opt_text(16)?)?,
            execute_by: opt_date(r.opt_text(17)?)?,
            erase_by: opt_date(r.opt_text(18)?)?,
            extension_told: opt_date(r.opt_text(19)?)?,
            extension_reason: reason,
            outcome,
            decided_on: opt_date(r.opt_text(22)?)?,
            grounds,
            executed_on: opt_date(r.opt_text(24)?)?,
            details: r.blob(25)?,
            released_at: r.opt_text(26)?,
        })
    }

    pub(super) fn state(&self) -> RequestState {
        RequestState {
            request: self.request_type,
            status: self.status,
            received: self.received,
            respond_by: self.respond_by,
            extended: self.extension_told.is_some(),
            identity_established: self.identity_on.is_some(),
            outcome: self.outcome,
            decided_on: self.decided_on,
        }
    }

    /// The deadline that runs now: the response until decided, then the execution (or the
    /// erasure) of a grant; none once carried out, refused or withdrawn.
    fn due(&self) -> Option<Date> {
        match self.status {
            RequestStatus::Uitgevoerd | RequestStatus::Ingetrokken => None,
            RequestStatus::Besloten => match self.outcome {
                Some(RequestOutcome::Afgewezen) | None => None,
                // A grant runs until it is carried out: by its execution (or erasure)
                // deadline, or where the reglement sets none, by the response deadline.
                _ => match (self.execute_by, self.erase_by) {
                    (Some(a), Some(b)) => Some(a.min(b)),
                    (None, None) => Some(self.respond_by),
                    (a, b) => a.or(b),
                },
            },
            _ => Some(self.respond_by),
        }
    }

    fn summary(&self, today: Date, reminder: (&HolidayCalendar, u32)) -> RequestSummary {
        let due = self.due();
        RequestSummary {
            id: self.id.clone(),
            person_id: self.person_id.clone(),
            request_type: self.request_type,
            channel: self.channel,
            status: self.status,
            received: self.received,
            due,
            overdue: due.is_some_and(|d| d < today),
            due_soon: zorgkluis_core::decide::due_soon(reminder.0, due, today, reminder.1),
        }
    }
}

fn invalid(e: RequestError, lang: Lang) -> VaultError {
    VaultError::Invalid {
        field: e.field,
        message: e.message(lang),
    }
}

fn details_kind(id: &str) -> SealedKind {
    SealedKind::Request {
        id: id.to_owned(),
        field: "details".to_owned(),
    }
}

fn reason_kind(id: &str) -> SealedKind {
    SealedKind::Request {
        id: id.to_owned(),
        field: "extension_reason".to_owned(),
    }
}

/// Why the stored facts refuse a filing; `denied`: the requester is not linked to the subject
/// on the received date, which is logged as a denied filing.
struct StoredRefusal {
    error: VaultError,
    denied: bool,
}

/// Who files, from the stored facts where they are: the requester's link to the subject valid
/// on `received` gives the kind and the written authorisation; the subject's registered date of
/// death and the legal status in force then fill in the rest (a flag fills in what is not
/// stored, and one that contradicts what is stored is refused naming it).
fn stored_requester(
    given: &RequesterFacts,
    stored: &super::representation::FilingFacts,
    received: Date,
) -> Result<RequesterFacts, StoredRefusal> {
    let refuse = |field: &'static str, message: String| StoredRefusal {
        error: VaultError::Invalid { field, message },
        denied: false,
    };
    let mut out = given.clone();
    match (stored.legal.deceased, given.subject_deceased) {
        (Some(d), Some(g)) if d != g => {
            return Err(refuse(
                "subject_deceased",
                format!("differs from the date of death registered for the person ({d})"),
            ));
        }
        (Some(d), _) => out.subject_deceased = Some(d),
        (None, _) => {}
    }
    if out.subject_deceased.is_none()
        && let Some(status) = stored.legal.status_on(received)
    {
        match given.ground {
            Some(g) if g != status && super::representation::LEGAL_STATUSES.contains(&g) => {
                return Err(refuse(
                    "ground",
                    format!(
                        "differs from the legal status registered for the person ({})",
                        status.id()
                    ),
                ));
            }
            // Another ground (wilsonbekwaam) says something the status does not.
            Some(g) if g != status => {}
            _ => out.ground = Some(status),
        }
    }
    let Some(person) = &given.person else {
        return Ok(out);
    };
    let valid: Vec<_> = stored
        .links
        .iter()
        .filter(|l| l.valid_on(received))
        .filter(|l| given.kind.is_none_or(|k| k == l.ground))
        .collect();
    let Some(link) = valid.first() else {
        let message = match (stored.links.is_empty(), given.kind) {
            (true, _) => format!(
                "{person} is not registered as a representative of the subject; link him first                  (person represent)"
            ),
            (false, Some(k)) if stored.links.iter().any(|l| l.valid_on(received)) => format!(
                "{person} is registered as a representative of the subject, but not as {}",
                k.id()
            ),
            (false, _) => format!(
                "the link of {person} to the subject did not hold on {received} (the day the                  request was received)"
            ),
        };
        return Err(StoredRefusal {
            error: VaultError::Invalid {
                field: "requester",
                message,
            },
            denied: true,
        });
    };
    out.kind = Some(link.ground);
    out.authorisation = given.authorisation || link.authorised_on.is_some_and(|d| d <= received);
    Ok(out)
}

impl Vault {
    pub(super) async fn request_row(&self, id: &str) -> Result<Row, VaultError> {
        // Every step of a request reads it first: stepped in place (db::Pool::hot_query).
        let sql = format!("SELECT {COLUMNS} FROM requests WHERE tenant_id = $1 AND id = $2");
        let args = [HotArg::Text(&self.inner.tenant), HotArg::Text(id)];
        match self.inner.pool.hot_row(&sql, &args, Row::from_row).await? {
            Some(row) => Ok(row),
            None => Err(VaultError::NotFound(format!("request {id}"))),
        }
    }

    /// Refuses early, without logging, what the actor may not do anyway: the denial is then
    /// decided and logged by `authorize_duty`, before any detail of the request is judged.
    pub(super) async fn request_permit(
        &self,
        actor: &Actor,
        action: AuditAction,
        person: &str,
        step: &str,
    ) -> Result<sealed::Permit, VaultError> {
        let purpose = format!("{PURPOSE}-{step}");
        // A portal account files and follows under the portal duty; for every other step it
        // asks the handler's, which the policy denies it (and logs).
        let duty =
            if actor.role == zorgkluis_core::decide::PORTAL_ROLE && PORTAL_STEPS.contains(&step) {
                Duty::PortalRequests
            } else {
                Duty::HandleRequests
            };
        self.authorize_duty(actor, duty, false, action, Some(person), &purpose)
            .await
    }

    /// Files a request: checks the dates and who may file (the subject's birth date read
    /// under the duty, logged), then writes the request with its deadlines in the same commit
    /// as its `request_file` event.
    pub async fn file_request(
        &self,
        actor: &Actor,
        new: &NewRequest,
        lang: Lang,
    ) -> Result<FiledRequest, VaultError> {
        self.check_portal_filing(actor, new).await?;
        let today = crate::clock::today();
        // The deadlines run by the version of the reglement in force on the day of receipt.
        let filed = self
            .with_reglement_on(new.received, |reglement| {
                rules::file(
                    reglement,
                    &Filing {
                        request: new.request,
                        channel: new.channel,
                        received: new.received,
                    },
                    today,
                    lang,
                )
            })
            .map_err(|e| invalid(e, lang))?;
        if let Some(other) = &new.requester.person {
            if *other == new.person {
                return Err(VaultError::Invalid {
                    field: "requester",
                    message: "the subject files as betrokkene, without --requester".into(),
                });
            }
            self.known_person(other)
                .await
                .map_err(|_| VaultError::Invalid {
                    field: "requester",
                    message: format!("no person {other} is registered"),
                })?;
        }
        let wrapped = self.wrapped_key(&new.person).await?;
        // The subject's birth date decides who may file: read under the duty, and logged.
        let permit = self
            .request_permit(actor, AuditAction::RequestRead, &new.person, "indienen")
            .await?;
        let receipt = sealed::commit(&self.inner.writer, permit, Vec::new()).await?;
        let key = self.unwrap(&new.person, &wrapped).await?;
        let subject_born = self
            .subject_born(&new.person, &key, &receipt, new.requester.subject_born)
            .await?;
        // The stored facts decide: the subject's date of death and legal status, and the
        // requester's link to him on the received date; a flag fills in what is not stored.
        let stored = self
            .filing_facts(&new.person, new.requester.person.as_deref(), &key, &receipt)
            .await?;
        let requester = match stored_requester(&new.requester, &stored, new.received) {
            Ok(r) => r,
            Err(e) => {
                if e.denied {
                    // Not linked to the subject on the received date: a denied filing, logged;
                    // nothing is filed.
                    let permit = self
                        .request_permit(actor, AuditAction::RequestFile, &new.person, "ingediend")
                        .await?;
                    sealed::record(
                        &self.inner.writer,
                        Unpermitted::Denial,
                        vec![permit.refused()],
                        Vec::new(),
                    )
                    .await?;
                }
                return Err(e.error);
            }
        };
        let kind = requester.kind.unwrap_or(Requester::Betrokkene);
        let answer = represent(
            &self.inner.reglement,
            &RepresentFacts {
                request: new.request,
                requester: kind,
                subject_born,
                on: new.received,
                subject_deceased: requester.subject_deceased,
                ground: requester.ground,
                authorisation: requester.authorisation,
            },
            lang,
        )
        .map_err(|e| VaultError::Invalid {
            field: "subject_born",
            message: e.message(lang),
        })?;
        let permit = self
            .request_permit(actor, AuditAction::RequestFile, &new.person, "ingediend")
            .await?;
        if !answer.allowed {
            // The refusal is in the log, with the articles that decided it; nothing is filed.
            let mut event = permit.refused();
            event.articles = answer.articles.join("; ");
            sealed::record(
                &self.inner.writer,
                Unpermitted::Denial,
                vec![event],
                Vec::new(),
            )
            .await?;
            return Err(VaultError::Invalid {
                // A registered requester is named by his id; otherwise by the kind given.
                field: if requester.person.is_some() {
                    "requester"
                } else {
                    "requester_kind"
                },
                message: answer.explain(lang),
            });
        }
        let id = uuid::Uuid::now_v7().to_string();
        let details = serde_json::to_vec(&new.details)
            .map_err(|e| StoreError::Crypto(format!("request details: {e}")))?;
        let sealed_details = key.seal(
            &details,
            &details_kind(&id),
            &self.inner.tenant,
            &new.person,
        )?;
        let t = |s: String| Arg::Text(s);
        let stmt = Stmt::new(
            "INSERT INTO requests (tenant_id, id, person_id, request_type, channel, received, status, \
             requester_kind, requester_person, requester_ground, authorisation, requester_articles, \
             requester_needs, identity_required, respond_by, respond_by_articles, extendable_to, \
             erase_by, details, created_at) \
             VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10, $11, $12, $13, $14, $15, $16, $17, $18, $19, $20)",
            vec![
                t(self.inner.tenant.clone()),
                t(id.clone()),
                t(new.person.clone()),
                t(new.request.id().to_owned()),
                t(new.channel.id().to_owned()),
                t(new.received.to_string()),
                t(RequestStatus::Ontvangen.id().to_owned()),
                t(kind.id().to_owned()),
                Arg::OptText(requester.person.clone()),
                Arg::OptText(requester.ground.map(|g| g.id().to_owned())),
                Arg::Int(i64::from(requester.authorisation)),
                t(answer.articles.join("; ")),
                t(answer.also_needed.join("; ")),
                Arg::Int(i64::from(filed.identity.required)),
                t(filed.respond_by.date.to_string()),
                t(filed.respond_by.articles.join("; ")),
                Arg::OptText(
                    filed
                        .respond_by_extended
                        .as_ref()
                        .map(|d| d.date.to_string()),
                ),
                Arg::OptText(filed.erase_by.as_ref().map(|d| d.date.to_string())),
                Arg::Blob(sealed_details),
                t(crate::clock::now()),
            ],
        );
        sealed::commit(&self.inner.writer, permit.with_object(&id), vec![stmt]).await?;
        Ok(FiledRequest {
            id,
            respond_by: filed.respond_by.date,
            respond_by_articles: filed.respond_by.articles,
            extendable_to: filed.respond_by_extended.map(|d| d.date),
            erase_by: filed.erase_by.map(|d| d.date),
            identity_required: filed.identity.required,
            requester: answer,
            notes: filed.notes,
        })
    }

    /// The requests where `person` is the subject or the registered requester, most urgent
    /// first. Nothing is decided or logged here: the portal's permit does.
    pub(super) async fn requests_of_holder(
        &self,
        person: &str,
    ) -> Result<Vec<RequestSummary>, VaultError> {
        let rows = sqlx::query(sqlx::AssertSqlSafe(format!(
            "SELECT {COLUMNS} FROM requests WHERE tenant_id = $1 \
             AND (person_id = $2 OR requester_person = $2) ORDER BY received, id"
        )))
        .bind(&self.inner.tenant)
        .bind(person)
        .fetch_all(&*self.inner.pool)
        .await?;
        let today = crate::clock::today();
        let mut list = Vec::with_capacity(rows.len());
        for r in &rows {
            list.push(Row::from_row(r)?.summary(today, self.reminder()));
        }
        list.sort_by(|a, b| (a.due.is_none(), a.due, &a.id).cmp(&(b.due.is_none(), b.due, &b.id)));
        Ok(list)
    }

    /// The working-day calendar and the window of the reminders (see
    /// [`RequestFilter::due_soon`]).
    pub(crate) fn reminder(&self) -> (&HolidayCalendar, u32) {
        (
            &self.inner.reglement.calendar,
            self.inner.location.reminder_days,
        )
    }

    /// The register: every request (or the open, or the overdue ones), most urgent first. One
    /// event for the list, with the persons shown as its subjects.
    pub async fn list_requests(
        &self,
        actor: &Actor,
        filter: RequestFilter,
    ) -> Result<Vec<RequestSummary>, VaultError> {
        Ok(self.listed_requests(actor, filter).await?.0)
    }

    /// The open requests as a work queue, most urgent first, each with the subject's
    /// identification facts (opened with the list's own receipt, which covers them; `None`
    /// once the subject was erased). One event, as for the list.
    pub async fn request_queue(
        &self,
        actor: &Actor,
    ) -> Result<Vec<(RequestSummary, Option<crate::vault::PersonFacts>)>, VaultError> {
        let filter = RequestFilter {
            open: true,
            ..RequestFilter::default()
        };
        let (list, receipt) = self.listed_requests(actor, filter).await?;
        let mut queue = Vec::with_capacity(list.len());
        for s in list {
            let facts = match self.facts_with(&s.person_id, &receipt).await {
                Ok(f) => f,
                Err(VaultError::Erased(_)) => None,
                Err(e) => return Err(e),
            };
            queue.push((s, facts));
        }
        Ok(queue)
    }

    /// The requests received in `year`, as the annual report counts them: ids, dates and
    /// outcomes, nothing sealed opened.
    pub(super) async fn requests_received_in(
        &self,
        year: i16,
    ) -> Result<Vec<zorgkluis_core::annual_report::RequestFact>, VaultError> {
        let rows = sqlx::query(sqlx::AssertSqlSafe(format!(
            "SELECT {COLUMNS} FROM requests WHERE tenant_id = $1 ORDER BY received, id"
        )))
        .bind(&self.inner.tenant)
        .fetch_all(&*self.inner.pool)
        .await?;
        let mut out = Vec::new();
        for r in &rows {
            let row = Row::from_row(r)?;
            if row.received.year() != year {
                continue;
            }
            let extended = row.extension_told.is_some();
            out.push(zorgkluis_core::annual_report::RequestFact {
                kind: row.request_type,
                received: row.received,
                due: if extended {
                    row.extendable_to.unwrap_or(row.respond_by)
                } else {
                    row.respond_by
                },
                extended,
                answered: row.decided_on,
                withdrawn: row.status == RequestStatus::Ingetrokken && row.decided_on.is_none(),
                outcome: row.outcome,
                grounds: row.grounds.into_iter().map(|g| g.id).collect(),
                id: row.id,
            });
        }
        Ok(out)
    }

    async fn listed_requests(
        &self,
        actor: &Actor,
        filter: RequestFilter,
    ) -> Result<(Vec<RequestSummary>, crate::sealed::Receipt), VaultError> {
        let permit = self
            .authorize_duty(
                actor,
                Duty::HandleRequests,
                false,
                AuditAction::RequestRead,
                None,
                "verzoek-register",
            )
            .await?;
        let rows = sqlx::query(sqlx::AssertSqlSafe(format!(
            "SELECT {COLUMNS} FROM requests WHERE tenant_id = $1 ORDER BY received, id"
        )))
        .bind(&self.inner.tenant)
        .fetch_all(&*self.inner.pool)
        .await?;
        let today = crate::clock::today();
        let mut list = Vec::new();
        for r in &rows {
            let row = Row::from_row(r)?;
            let s = row.summary(today, self.reminder());
            if (filter.open || filter.overdue || filter.due_soon) && s.due.is_none() {
                continue;
            }
            if filter.overdue && !s.overdue {
                continue;
            }
            if filter.due_soon && !s.due_soon {
                continue;
            }
            list.push(s);
        }
        // Overdue first, then by the deadline that runs, then the closed ones.
        list.sort_by(|a, b| {
            (!a.overdue, a.due.is_none(), a.due, &a.id).cmp(&(
                !b.overdue,
                b.due.is_none(),
                b.due,
                &b.id,
            ))
        });
        let mut persons: Vec<String> = list.iter().map(|s| s.person_id.clone()).collect();
        persons.sort();
        persons.dedup();
        let receipt =
            sealed::commit(&self.inner.writer, permit.showing(persons), Vec::new()).await?;
        Ok((list, receipt))
    }

    /// The type of a request, to choose how it is carried out: no personal data, so not
    /// logged; what the caller may do with the request is decided by the step it then takes.
    pub async fn request_type(&self, id: &str) -> Result<RequestType, VaultError> {
        Ok(self.request_row(id).await?.request_type)
    }

    /// A request with what is asked and its history, opened for its handler.
    pub async fn request(&self, actor: &Actor, id: &str) -> Result<RequestView, VaultError> {
        let row = self.request_row(id).await?;
        self.check_portal_request(actor, id, &row.person_id, row.requester.person.as_deref())
            .await?;
        let permit = self
            .request_permit(actor, AuditAction::RequestRead, &row.person_id, "ingezien")
            .await?
            .with_object(id);
        let receipt = sealed::commit(&self.inner.writer, permit, Vec::new()).await?;
        let (details, reason) = self.open_request(&row, &receipt).await?;
        let subject = match self.facts_with(&row.person_id, &receipt).await {
            Ok(f) => f,
            Err(VaultError::Erased(_)) => None,
            Err(e) => return Err(e),
        };
        let timeline = self.request_timeline(id).await?;
        let today = crate::clock::today();
        let summary = row.summary(today, self.reminder());
        let (overdue, due_soon) = (summary.overdue, summary.due_soon);
        Ok(RequestView {
            id: row.id,
            person_id: row.person_id,
            request_type: row.request_type,
            channel: row.channel,
            received: row.received,
            status: row.status,
            requester: row.requester,
            identity_required: row.identity_required,
            identity_on: row.identity_on,
            respond_by: row.respond_by,
            respond_by_articles: row.respond_by_articles,
            extendable_to: row.extendable_to,
            execute_by: row.execute_by,
            erase_by: row.erase_by,
            extension: row
                .extension_told
                .map(|told| ExtensionView { told, reason }),
            decision: match (row.outcome, row.decided_on) {
                (Some(outcome), Some(decided_on)) => Some(DecisionView {
                    outcome,
                    decided_on,
                    grounds: row.grounds,
                }),
                _ => None,
            },
            executed_on: row.executed_on,
            overdue,
            due_soon,
            details,
            timeline,
            subject,
        })
    }

    /// Opens what is asked and the extension's reason; nothing once the subject was erased.
    async fn open_request(
        &self,
        row: &Row,
        receipt: &Receipt,
    ) -> Result<(Option<RequestDetails>, Option<String>), VaultError> {
        let key = match self.data_key(&row.person_id).await {
            Ok(k) => k,
            Err(VaultError::Erased(_)) => return Ok((None, None)),
            Err(e) => return Err(e),
        };
        let tenant = &self.inner.tenant;
        let sealed = Sealed::new(
            row.details.clone(),
            tenant,
            &row.person_id,
            details_kind(&row.id),
        );
        let plain = sealed.open(&key, receipt)?;
        let details: RequestDetails = serde_json::from_slice(&plain)
            .map_err(|_| StoreError::Crypto("the request details do not parse".into()))?;
        let reason = match &row.extension_reason {
            Some(bytes) => {
                let sealed =
                    Sealed::new(bytes.clone(), tenant, &row.person_id, reason_kind(&row.id));
                Some(String::from_utf8_lossy(&sealed.open(&key, receipt)?).into_owned())
            }
            None => None,
        };
        Ok((Some(details), reason))
    }

    /// The events that acted on a request, in order.
    async fn request_timeline(&self, id: &str) -> Result<Vec<TimelineEntry>, VaultError> {
        let rows = sqlx::query(
            // The seqs by the object's index first: with `object = $2 ORDER BY seq` the planner
            // walks the whole chain in seq order (measured: 0.2 s at a million events).
            "SELECT seq, at, user_id, role, action, purpose, outcome FROM audit_events \
             WHERE tenant_id = $1 AND seq IN \
             (SELECT seq FROM audit_events WHERE tenant_id = $1 AND object = $2) ORDER BY seq",
        )
        .bind(&self.inner.tenant)
        .bind(id)
        .fetch_all(&*self.inner.pool)
        .await?;
        let mut out = Vec::with_capacity(rows.len());
        for r in &rows {
            let action = AuditAction::from_id(&r.text(4)?).ok_or_else(|| bad("event action"))?;
            let outcome = Outcome::from_id(&r.text(6)?).ok_or_else(|| bad("event outcome"))?;
            out.push(TimelineEntry {
                seq: r.int(0)?,
                at: r.text(1)?,
                user_id: r.text(2)?,
                role: r.text(3)?,
                action,
                step: r.text(5)?,
                outcome,
            });
        }
        Ok(out)
    }

    /// Checks the actor may handle requests before a step's rules are judged, so that whoever
    /// may not learns nothing of the request; the denial is logged.
    pub(super) async fn may_handle(
        &self,
        actor: &Actor,
        row: &Row,
        step: &str,
    ) -> Result<(), VaultError> {
        if self.may(actor, Duty::HandleRequests) {
            return Ok(());
        }
        Err(self
            .request_permit(actor, AuditAction::RequestChange, &row.person_id, step)
            .await
            .err()
            .unwrap_or_else(|| VaultError::Invalid {
                field: "actor",
                message: "the policy answered differently twice".into(),
            }))
    }

    /// Moves a request on: `identiteit_vastgesteld` (on `on`), `in_behandeling`,
    /// `ingetrokken`, or `uitgevoerd` (carried out on `on`).
    pub async fn advance_request(
        &self,
        actor: &Actor,
        id: &str,
        to: RequestStatus,
        on: Date,
        lang: Lang,
    ) -> Result<(), VaultError> {
        let row = self.request_row(id).await?;
        let step = match to {
            RequestStatus::IdentiteitVastgesteld => "identiteit-vastgesteld",
            RequestStatus::InBehandeling => "in-behandeling",
            RequestStatus::Ingetrokken => "ingetrokken",
            RequestStatus::Uitgevoerd => "uitgevoerd",
            RequestStatus::Ontvangen | RequestStatus::Besloten => {
                return Err(VaultError::Invalid {
                    field: "status",
                    message: format!("`{to}` is reached by filing or by a decision"),
                });
            }
        };
        self.may_handle(actor, &row, step).await?;
        if to == RequestStatus::Uitgevoerd && super::export::carried_out_by_export(row.request_type)
        {
            return Err(VaultError::Invalid {
                field: "status",
                message: t!(
                    lang,
                    "export-error-execute-by-export",
                    kind = row.request_type.label(lang)
                ),
            });
        }
        // An erasure is carried out by erasing (Vault::execute_erasure), a restriction by
        // restricting (Vault::execute_restriction), never by a mark alone.
        if to == RequestStatus::Uitgevoerd && row.request_type == RequestType::Verwijdering {
            return Err(VaultError::Invalid {
                field: "status",
                message: t!(lang, "request-error-execute-erasure"),
            });
        }
        if to == RequestStatus::Uitgevoerd && row.request_type == RequestType::Afscherming {
            return Err(VaultError::Invalid {
                field: "status",
                message: t!(lang, "request-error-execute-restriction"),
            });
        }
        self.move_request(actor, &row, to, step, on, lang).await
    }

    /// Moves a request on (see [`Vault::advance_request`]), once the actor was found to handle
    /// requests; for an export, carried out as released (the release must still stand).
    pub(super) async fn move_request(
        &self,
        actor: &Actor,
        row: &Row,
        to: RequestStatus,
        step: &str,
        on: Date,
        lang: Lang,
    ) -> Result<(), VaultError> {
        self.move_request_with(actor, row, (to, step, on), Vec::new(), Vec::new(), lang)
            .await
    }

    /// [`Vault::move_request`], with other changes and their events in the same transaction
    /// (the disclosure a transfer records), committed before the request's own event.
    pub(super) async fn move_request_with(
        &self,
        actor: &Actor,
        row: &Row,
        (to, step, on): (RequestStatus, &str, Date),
        mut permits: Vec<sealed::Permit>,
        mut statements: Vec<Stmt>,
        lang: Lang,
    ) -> Result<(), VaultError> {
        let id = row.id.as_str();
        let state = row.state();
        let today = crate::clock::today();
        if to == RequestStatus::Uitgevoerd {
            rules::execute(&state, on, today).map_err(|e| invalid(e, lang))?;
        } else {
            rules::transition(&self.inner.reglement, &state, to).map_err(|e| invalid(e, lang))?;
            if to == RequestStatus::IdentiteitVastgesteld && (on > today || on < row.received) {
                return Err(VaultError::Invalid {
                    field: "on",
                    message: format!("between {} and today", row.received),
                });
            }
        }
        let permit = self
            .request_permit(actor, AuditAction::RequestChange, &row.person_id, step)
            .await?
            .with_object(id);
        let (identity_on, executed_on) = match to {
            RequestStatus::IdentiteitVastgesteld => (Some(on.to_string()), None),
            RequestStatus::Uitgevoerd => (None, Some(on.to_string())),
            _ => (None, None),
        };
        // The release an export was carried out under must be the one still recorded.
        let stmt = Stmt::must_change(
            "UPDATE requests SET status = $3, identity_on = COALESCE($5, identity_on), \
             executed_on = COALESCE($6, executed_on) \
             WHERE tenant_id = $1 AND id = $2 AND status = $4 \
             AND ($7 = '' OR export_released_at = $7)",
            vec![
                Arg::Text(self.inner.tenant.clone()),
                Arg::Text(id.to_owned()),
                Arg::Text(to.id().to_owned()),
                Arg::Text(row.status.id().to_owned()),
                Arg::OptText(identity_on),
                Arg::OptText(executed_on),
                Arg::Text(row.released_at.clone().unwrap_or_default()),
            ],
        );
        if permits.is_empty() {
            return self
                .commit_changes(permit, [statements, vec![stmt]].concat())
                .await;
        }
        permits.push(permit);
        statements.push(stmt);
        match sealed::commit_all(&self.inner.writer, permits, statements).await {
            Ok(_) => Ok(()),
            Err(StoreError::NotFound(_)) => Err(VaultError::Conflict {
                field: "status",
                message: "the request changed meanwhile; read it again".into(),
            }),
            Err(e) => Err(e.into()),
        }
    }

    /// Withdraws a request (at the requester's word), before it is carried out.
    pub async fn withdraw_request(
        &self,
        actor: &Actor,
        id: &str,
        lang: Lang,
    ) -> Result<(), VaultError> {
        self.advance_request(
            actor,
            id,
            RequestStatus::Ingetrokken,
            crate::clock::today(),
            lang,
        )
        .await
    }

    /// Decides a request on `on`, with the ids of its refusal grounds (see
    /// [`rules::allowed_grounds`]); a grant sets the execution deadline.
    pub async fn decide_request(
        &self,
        actor: &Actor,
        id: &str,
        outcome: RequestOutcome,
        grounds: &[String],
        on: Date,
        lang: Lang,
    ) -> Result<rules::Decision, VaultError> {
        let row = self.request_row(id).await?;
        self.may_handle(actor, &row, "besloten").await?;
        let decision = self
            .with_reglement_on(row.received, |reglement| {
                rules::decide(
                    reglement,
                    &row.state(),
                    outcome,
                    grounds,
                    on,
                    crate::clock::today(),
                    lang,
                )
            })
            .map_err(|e| invalid(e, lang))?;
        let permit = self
            .request_permit(
                actor,
                AuditAction::RequestChange,
                &row.person_id,
                "besloten",
            )
            .await?
            .with_object(id);
        let grounds_json = serde_json::to_string(&decision.grounds)
            .map_err(|e| StoreError::Crypto(format!("grounds: {e}")))?;
        let stmt = Stmt::must_change(
            "UPDATE requests SET status = $3, outcome = $5, decided_on = $6, grounds = $7, \
             execute_by = $8, erase_by = COALESCE($9, erase_by) \
             WHERE tenant_id = $1 AND id = $2 AND status = $4",
            vec![
                Arg::Text(self.inner.tenant.clone()),
                Arg::Text(id.to_owned()),
                Arg::Text(RequestStatus::Besloten.id().to_owned()),
                Arg::Text(row.status.id().to_owned()),
                Arg::Text(outcome.id().to_owned()),
                Arg::Text(on.to_string()),
                Arg::Text(grounds_json),
                Arg::OptText(decision.execute_by.as_ref().map(|d| d.date.to_string())),
                Arg::OptText(decision.erase_by.as_ref().map(|d| d.date.to_string())),
            ],
        );
        self.commit_change(permit, stmt).await?;
        Ok(decision)
    }

    /// Extends the response deadline, the requester told on `told` with `reason` (sealed).
    pub async fn extend_request(
        &self,
        actor: &Actor,
        id: &str,
        reason: &str,
        told: Date,
        lang: Lang,
    ) -> Result<rules::Extension, VaultError> {
        let row = self.request_row(id).await?;
        self.may_handle(actor, &row, "verlengd").await?;
        let extension = self
            .with_reglement_on(row.received, |reglement| {
                rules::extend(reglement, &row.state(), reason, told, crate::clock::today())
            })
            .map_err(|e| invalid(e, lang))?;
        let wrapped = self.wrapped_key(&row.person_id).await?;
        let permit = self
            .request_permit(
                actor,
                AuditAction::RequestChange,
                &row.person_id,
                "verlengd",
            )
            .await?
            .with_object(id);
        let key = self.unwrap(&row.person_id, &wrapped).await?;
        let sealed_reason = key.seal(
            reason.as_bytes(),
            &reason_kind(id),
            &self.inner.tenant,
            &row.person_id,
        )?;
        let stmt = Stmt::must_change(
            "UPDATE requests SET extension_told = $5, extension_reason = $6, respond_by = $7, \
             respond_by_articles = $8 \
             WHERE tenant_id = $1 AND id = $2 AND status = $3 AND extension_told IS NULL AND respond_by = $4",
            vec![
                Arg::Text(self.inner.tenant.clone()),
                Arg::Text(id.to_owned()),
                Arg::Text(row.status.id().to_owned()),
                Arg::Text(row.respond_by.to_string()),
                Arg::Text(told.to_string()),
                Arg::Blob(sealed_reason),
                Arg::Text(extension.respond_by.date.to_string()),
                Arg::Text(extension.respond_by.articles.join("; ")),
            ],
        );
        self.commit_change(permit, stmt).await?;
        Ok(extension)
    }

    pub(super) async fn commit_change(
        &self,
        permit: sealed::Permit,
        stmt: Stmt,
    ) -> Result<(), VaultError> {
        self.commit_changes(permit, vec![stmt]).await
    }

    /// Commits a change of a request with its event, in one transaction; a statement that must
    /// change a row and changes none means the request changed meanwhile.
    pub(super) async fn commit_changes(
        &self,
        permit: sealed::Permit,
        statements: Vec<Stmt>,
    ) -> Result<(), VaultError> {
        match sealed::commit(&self.inner.writer, permit, statements).await {
            Ok(_) => Ok(()),
            // Someone else changed it between reading and writing.
            Err(StoreError::NotFound(_)) => Err(VaultError::Conflict {
                field: "status",
                message: "the request changed meanwhile; read it again".into(),
            }),
            Err(e) => Err(e.into()),
        }
    }
}
