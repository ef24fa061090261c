//! Carrying out the right of access (issue 13 parts 1 and 8) and of portability and transfer
//! (parts 6 and 7): the export of a decided `inzage`, `afschrift`, `inzage_logging`,
//! `overdraagbaarheid` or `overdracht` request, its review and release by the handler, and its
//! execution. The last two also go out as a FHIR R4 bundle ([`super::fhir`]); a transfer is
//! carried out by [`Vault::execute_transfer`] (`transfer_request.rs`).
//!
//! The export runs as the execution of the request, through the one access path: each category
//! of the person's data is decided by the reglement as an export by the handler and logged
//! (purpose `verzoek-<type>`, the request's id as the object) before anything is opened; a
//! category the reglement does not let the handler export is listed as not included, with the
//! decision's reason. The access overview (who accessed the file, when and why: art. 15e
//! Wabvpz, NEN 7513) is read under the duty of handling requests, as the birth date that
//! decides who may file is: compiling it is part of carrying out the decided request, and the
//! read is logged like every other. It names roles and the organisation, never user ids.
//!
//! Beside the data stands what art. 15 lid 1 AVG requires, derived from the reglement by the
//! core ([`zorgkluis_core::decide::information`]): the purposes and processings, categories,
//! recipients, retention per category (on the person's own dates), sources, the rights and
//! where to complain; and what the copy costs (the first free, art. 15 lid 3 AVG). For
//! `inzage_logging` the export is the access overview and the rights only.
//!
//! The review: the handler sees what will go out and withholds an entry about another person
//! with the reason (art. 15 lid 4 AVG, art. 7:456 BW), which is a partial refusal: only a
//! request decided `deels_toegewezen` on such a ground allows it. The export lists the withheld
//! entry (when it was recorded, the ground, the reason) but not its content. The reason is
//! sealed with the subject's key. The handler then releases the export; withholding after the
//! release takes the release back. The reglementen have no "second person approves" step, so
//! the release is the handler's. [`Vault::execute_export`] refuses an unreleased export, or one
//! whose dossier gained a record after the release, and marks the request carried out only
//! after the caller delivered the export.

use std::collections::{BTreeMap, HashMap};

use jiff::civil::Date;
use serde::Serialize;
use zorgkluis_core::decide::SYSTEM_ROLE;
use zorgkluis_core::decide::information::{
    self, ComplaintInfo, CopyFee, RightInfo, SubjectInformation,
};
use zorgkluis_core::decide::request::RefusalGround;
use zorgkluis_core::i18n::t;
use zorgkluis_core::taxonomy::IDENTIFICATION_CATEGORY;
use zorgkluis_core::vocabulary::{
    ConsentGiven, Duty, RequestOutcome, RequestStatus, RequestType, Requester,
};
use zorgkluis_core::{Lang, t};

use super::persons::PersonFacts;
use super::records::{Record, entry_root};
use super::requests::Row;
use super::{Actor, Vault, VaultError};
use crate::StoreError;
use crate::audit::{AuditAction, AuditEvent, Outcome};
use crate::db::HotArg;
use crate::sealed::{self, Sealed, SealedKind};
use crate::writer::{Arg, Stmt};

/// The format of the JSON export, documented in `docs/export.md`.
pub const EXPORT_FORMAT: &str = "zorgkluis-export/1";

/// The longest reason for withholding an entry.
const REASON_MAX: usize = 2000;

/// Whether a request of this type is carried out by an export (this room): inzage, afschrift,
/// inzage_logging, overdraagbaarheid and overdracht. Others are marked carried out as a step
/// of the request.
pub fn carried_out_by_export(request: RequestType) -> bool {
    matches!(
        request,
        RequestType::Inzage
            | RequestType::Afschrift
            | RequestType::InzageLogging
            | RequestType::Overdraagbaarheid
            | RequestType::Overdracht
    )
}

/// Whether the export of a request of this type also goes out as a FHIR R4 bundle (art. 20
/// AVG: a structured, commonly used, machine-readable format).
pub fn has_fhir_bundle(request: RequestType) -> bool {
    matches!(
        request,
        RequestType::Overdraagbaarheid | RequestType::Overdracht
    )
}

/// The export of a decided request: the person's data and what art. 15 lid 1 AVG requires
/// beside it, as the JSON export, the page and the printed copy show it.
#[derive(Debug, Clone, Serialize)]
pub struct SubjectExport {
    /// `zorgkluis-export/1`.
    pub format: &'static str,
    /// The language of the labels and texts.
    pub language: Lang,
    /// When this export was made (RFC 3339, UTC).
    pub generated_at: String,
    pub organisation: ExportOrganisation,
    pub request: ExportRequest,
    pub release: ExportRelease,
    pub subject: ExportSubject,
    /// Each category of the person's data, identification first: its entries, and those
    /// withheld. Empty for `inzage_logging`.
    pub categories: Vec<ExportCategory>,
    /// Categories the person has data in that the reglement does not let the handler export.
    pub not_included: Vec<NotIncluded>,
    /// The art. 15 lid 1 AVG information; none for `inzage_logging`.
    pub information: Option<SubjectInformation>,
    pub rights: Vec<RightInfo>,
    pub complaints: ComplaintInfo,
    /// Who accessed the file, when and why, oldest first.
    pub access_log: Vec<AccessEntry>,
    /// What the copy costs; none for `inzage_logging`.
    pub fee: Option<CopyFee>,
    /// To whom the person's data were actually given, from the disclosure ledger (AVG art.
    /// 15 lid 1 sub c: "de ontvangers aan wie de persoonsgegevens zijn verstrekt"), newest
    /// first; empty for `inzage_logging`.
    pub disclosed_to: Vec<ExportDisclosure>,
    /// The consents the person gave (withdrawn and expired ones too), newest first, when the
    /// identification category (where consents are kept) is exported; the evidence (text,
    /// signed form) is not opened. Empty for `inzage_logging`.
    pub consents: Vec<ExportConsent>,
}

/// A consent as the export shows it: who gave it, in which form, for what, for how long.
#[derive(Debug, Clone, Serialize)]
pub struct ExportConsent {
    pub id: String,
    pub given_by: Requester,
    pub form: ConsentGiven,
    pub given_on: Date,
    pub processing: Option<String>,
    /// The kind of recipient it is for.
    pub recipient: Option<String>,
    pub categories: Vec<String>,
    pub purpose: Option<String>,
    pub valid_from: Date,
    pub valid_until: Option<Date>,
    pub withdrawn_on: Option<Date>,
    /// In force on the day of the export.
    pub live: bool,
}

/// One disclosure of the ledger, for the client: the organisation, what and when, on which
/// basis; never the staff member who sent it.
#[derive(Debug, Clone, Serialize)]
pub struct ExportDisclosure {
    pub on: Date,
    pub recipient: String,
    pub recipient_kind: String,
    pub recipient_kind_label: String,
    pub categories: Vec<String>,
    pub category_labels: Vec<String>,
    pub purpose: String,
    /// With the client's consent (or a representative's).
    pub with_consent: bool,
    pub articles: Vec<String>,
    /// For a transfer to a successor: how it went (`persoonlijk`, `aangetekend`,
    /// `beveiligde_email`).
    pub channel: Option<String>,
    /// For a transfer: the `overdracht` request it carried out.
    pub request_id: Option<String>,
}

#[derive(Debug, Clone, Serialize)]
pub struct ExportOrganisation {
    pub name: String,
    pub controller: String,
    pub address: Option<String>,
}

#[derive(Debug, Clone, Serialize)]
pub struct ExportRequest {
    pub id: String,
    #[serde(rename = "type")]
    pub request_type: RequestType,
    pub label: String,
    pub received: Date,
    pub outcome: RequestOutcome,
    pub decided_on: Date,
    /// The grounds of a partial refusal (an entry withheld rests on one of them).
    pub grounds: Vec<RefusalGround>,
}

/// Where the review stands.
#[derive(Debug, Clone, Serialize)]
pub struct ExportRelease {
    pub released: bool,
    /// When the handler released it (RFC 3339, UTC).
    pub released_at: Option<String>,
    /// The day the request was carried out.
    pub executed_on: Option<Date>,
}

#[derive(Debug, Clone, Serialize)]
pub struct ExportSubject {
    pub person_id: String,
    /// Name, date of birth and client number, as far as recorded and exported.
    pub facts: Option<PersonFacts>,
}

#[derive(Debug, Clone, Serialize)]
pub struct ExportCategory {
    pub category: String,
    pub label: String,
    /// A special category (art. 9 or 10 AVG).
    pub special: bool,
    pub entries: Vec<ExportEntry>,
    pub withheld: Vec<WithheldEntry>,
}

/// An entry of the dossier: its current version, the versions it corrected, and the client's
/// own statements added to it.
#[derive(Debug, Clone, Serialize)]
pub struct ExportEntry {
    /// The original record's id, which names the entry.
    pub id: String,
    pub recorded_at: String,
    pub current: ExportVersion,
    /// The earlier versions, oldest first (a correction keeps them, art. 16 AVG).
    pub earlier: Vec<ExportVersion>,
    /// The client's statements added to it (aanvulling, art. 7:454 lid 2 BW).
    pub supplements: Vec<ExportVersion>,
}

#[derive(Debug, Clone, Serialize)]
pub struct ExportVersion {
    pub record_id: String,
    /// `original`, `correction` or `supplement`.
    pub kind: String,
    pub text: String,
    pub recorded_at: String,
}

/// An entry withheld from the export: that it exists, when it was recorded and why it is
/// withheld; never its content.
#[derive(Debug, Clone, Serialize)]
pub struct WithheldEntry {
    pub id: String,
    pub recorded_at: String,
    pub ground: RefusalGround,
    pub reason: String,
}

#[derive(Debug, Clone, Serialize)]
pub struct NotIncluded {
    pub category: String,
    pub label: String,
    pub reason: String,
    pub articles: Vec<String>,
}

/// One access of the file, for the client: the role and the organisation, never a user id.
#[derive(Debug, Clone, Serialize)]
pub struct AccessEntry {
    /// RFC 3339, UTC.
    pub at: String,
    pub role: String,
    pub role_label: String,
    pub organisation: String,
    pub action: AuditAction,
    pub action_label: String,
    pub category: Option<String>,
    pub category_label: Option<String>,
    /// Why: the purpose given, in words.
    pub purpose: String,
    /// Emergency access (outside the care team, with a reason).
    pub emergency: bool,
    pub outcome: Outcome,
}

/// An entry the handler withheld, as stored.
struct Held {
    ground: String,
    reason: Vec<u8>,
}

fn withheld_kind(request: &str, record: &str) -> SealedKind {
    SealedKind::Request {
        id: request.to_owned(),
        field: format!("withheld:{record}"),
    }
}

fn invalid(field: &'static str, message: String) -> VaultError {
    VaultError::Invalid { field, message }
}

/// The request can be exported: a type this room carries out, decided and not refused.
/// `executed_too`: a request carried out already may be shown again.
pub(super) fn check_exportable(
    row: &Row,
    executed_too: bool,
    lang: Lang,
) -> Result<(), VaultError> {
    if !carried_out_by_export(row.request_type) {
        return Err(invalid(
            "type",
            t!(
                lang,
                "export-error-type",
                kind = row.request_type.label(lang)
            ),
        ));
    }
    let decided = row.status == RequestStatus::Besloten
        || (executed_too && row.status == RequestStatus::Uitgevoerd);
    if !decided {
        return Err(invalid(
            "status",
            t!(
                lang,
                "export-error-not-decided",
                status = row.status.label(lang)
            ),
        ));
    }
    if row.outcome == Some(RequestOutcome::Afgewezen) {
        return Err(invalid("status", t(lang, "export-error-refused")));
    }
    Ok(())
}

impl Vault {
    /// The export of a decided (granted or partly granted) inzage, afschrift or inzage_logging
    /// request, as its handler reviews it; every read decided and logged with the request as
    /// its purpose and object.
    pub async fn subject_export(
        &self,
        actor: &Actor,
        request: &str,
        lang: Lang,
    ) -> Result<SubjectExport, VaultError> {
        let row = self.request_row(request).await?;
        self.may_handle(actor, &row, row.request_type.id()).await?;
        check_exportable(&row, true, lang)?;
        self.build_export(actor, &row, lang).await
    }

    /// Withholds an entry of the dossier (named by any of its records) from the export of a
    /// request decided `deels_toegewezen`, on one of the decision's grounds (the only one, when
    /// `ground` is left out), with the reason (sealed). Takes back a release.
    pub async fn withhold_export_entry(
        &self,
        actor: &Actor,
        request: &str,
        record: &str,
        ground: Option<&str>,
        reason: &str,
        lang: Lang,
    ) -> Result<(), VaultError> {
        let row = self.request_row(request).await?;
        self.may_handle(actor, &row, "achtergehouden").await?;
        check_exportable(&row, false, lang)?;
        if row.request_type == RequestType::InzageLogging {
            return Err(invalid("type", t(lang, "export-error-withhold-logging")));
        }
        if row.outcome != Some(RequestOutcome::DeelsToegewezen) {
            return Err(invalid(
                "outcome",
                t(lang, "export-error-withhold-needs-partial"),
            ));
        }
        let reason = reason.trim();
        if reason.is_empty() || reason.chars().count() > REASON_MAX {
            return Err(invalid(
                "reason",
                t!(lang, "export-error-reason", max = REASON_MAX as i64),
            ));
        }
        let ground = match ground {
            Some(g) => row.grounds.iter().find(|x| x.id == g).map(|x| x.id.clone()),
            None if row.grounds.len() == 1 => row.grounds.first().map(|x| x.id.clone()),
            None => None,
        };
        let Some(ground) = ground else {
            let ids: Vec<&str> = row.grounds.iter().map(|g| g.id.as_str()).collect();
            return Err(invalid(
                "ground",
                t!(lang, "export-error-ground", grounds = &ids.join(", ")),
            ));
        };
        let Some(entry) = self.entry_of(&row.person_id, record).await? else {
            return Err(VaultError::NotFound(format!("record {record}")));
        };
        let wrapped = self.wrapped_key(&row.person_id).await?;
        let permit = self
            .request_permit(
                actor,
                AuditAction::RequestChange,
                &row.person_id,
                "achtergehouden",
            )
            .await?
            .with_object(request);
        let key = self.unwrap(&row.person_id, &wrapped).await?;
        let sealed_reason = key.seal(
            reason.as_bytes(),
            &withheld_kind(request, &entry),
            &self.inner.tenant,
            &row.person_id,
        )?;
        let tenant = self.inner.tenant.clone();
        let statements = vec![
            Stmt::new(
                "INSERT INTO export_withheld (tenant_id, request_id, record_id, ground, reason, \
                 withheld_at, withheld_by) VALUES ($1, $2, $3, $4, $5, $6, $7) \
                 ON CONFLICT (tenant_id, request_id, record_id) DO UPDATE SET \
                 ground = excluded.ground, reason = excluded.reason, \
                 withheld_at = excluded.withheld_at, withheld_by = excluded.withheld_by",
                vec![
                    Arg::Text(tenant.clone()),
                    Arg::Text(request.to_owned()),
                    Arg::Text(entry),
                    Arg::Text(ground),
                    Arg::Blob(sealed_reason),
                    Arg::Text(crate::clock::now()),
                    Arg::Text(actor.user_id.clone()),
                ],
            ),
            Stmt::must_change(
                "UPDATE requests SET export_released_at = NULL, export_released_by = NULL \
                 WHERE tenant_id = $1 AND id = $2 AND status = $3",
                vec![
                    Arg::Text(tenant),
                    Arg::Text(request.to_owned()),
                    Arg::Text(RequestStatus::Besloten.id().to_owned()),
                ],
            ),
        ];
        self.commit_changes(permit, statements).await
    }

    /// Releases the export of a decided request for execution: the handler has reviewed what
    /// goes out.
    pub async fn release_export(
        &self,
        actor: &Actor,
        request: &str,
        lang: Lang,
    ) -> Result<(), VaultError> {
        let row = self.request_row(request).await?;
        self.may_handle(actor, &row, "vrijgegeven").await?;
        check_exportable(&row, false, lang)?;
        let permit = self
            .request_permit(
                actor,
                AuditAction::RequestChange,
                &row.person_id,
                "vrijgegeven",
            )
            .await?
            .with_object(request);
        let stmt = Stmt::must_change(
            "UPDATE requests SET export_released_at = $4, export_released_by = $5 \
             WHERE tenant_id = $1 AND id = $2 AND status = $3",
            vec![
                Arg::Text(self.inner.tenant.clone()),
                Arg::Text(request.to_owned()),
                Arg::Text(RequestStatus::Besloten.id().to_owned()),
                Arg::Text(crate::clock::now()),
                Arg::Text(actor.user_id.clone()),
            ],
        );
        self.commit_change(permit, stmt).await
    }

    /// Carries out a decided inzage, afschrift or inzage_logging request: makes its export as
    /// released (refused, naming why, if it was not released or the dossier gained a record
    /// since), hands it to `deliver` (which writes the files, or answers the API), and then
    /// marks the request carried out today. Nothing is marked when `deliver` fails.
    pub async fn execute_export<T>(
        &self,
        actor: &Actor,
        request: &str,
        lang: Lang,
        deliver: impl FnOnce(&SubjectExport) -> std::io::Result<T>,
    ) -> Result<(SubjectExport, T), VaultError> {
        let row = self.request_row(request).await?;
        self.may_handle(actor, &row, "uitgevoerd").await?;
        check_exportable(&row, false, lang)?;
        if row.request_type == RequestType::Overdracht {
            return Err(invalid(
                "recipient",
                t(lang, "export-error-transfer-recipient"),
            ));
        }
        let export = self.released_export(actor, &row, lang).await?;
        let delivered = deliver(&export).map_err(StoreError::Io)?;
        self.move_request(
            actor,
            &row,
            RequestStatus::Uitgevoerd,
            "uitgevoerd",
            crate::clock::today(),
            lang,
        )
        .await?;
        Ok((export, delivered))
    }

    /// The export of `row` (checked exportable, its handler `actor`) as it goes out today:
    /// refused, naming why, if it was not released or the dossier gained a record since.
    pub(super) async fn released_export(
        &self,
        actor: &Actor,
        row: &Row,
        lang: Lang,
    ) -> Result<SubjectExport, VaultError> {
        let Some(released_at) = &row.released_at else {
            return Err(invalid("release", t(lang, "export-error-not-released")));
        };
        let released: jiff::Timestamp = released_at
            .parse()
            .map_err(|_| StoreError::Crypto("a request row has a bad release moment".into()))?;
        let mut export = self.build_export(actor, row, lang).await?;
        let newer = export
            .categories
            .iter()
            .flat_map(|c| &c.entries)
            .flat_map(|e| std::iter::once(&e.current).chain(&e.supplements))
            .any(|v| {
                v.recorded_at
                    .parse::<jiff::Timestamp>()
                    .is_ok_and(|at| at > released)
            });
        if newer {
            return Err(VaultError::Conflict {
                field: "release",
                message: t(lang, "export-error-changed-since-release"),
            });
        }
        // What goes out is the export as carried out today.
        export.release.executed_on = Some(crate::clock::today());
        Ok(export)
    }

    /// The export of `row`, whose handler `actor` was found to be.
    async fn build_export(
        &self,
        actor: &Actor,
        row: &Row,
        lang: Lang,
    ) -> Result<SubjectExport, VaultError> {
        let person = row.person_id.as_str();
        let (Some(outcome), Some(decided_on)) = (row.outcome, row.decided_on) else {
            return Err(invalid(
                "status",
                t!(
                    lang,
                    "export-error-not-decided",
                    status = row.status.label(lang)
                ),
            ));
        };
        let reglement = &self.inner.reglement;
        let purpose = format!("verzoek-{}", row.request_type.id());
        // The request's own read (who the subject is, what was withheld and why) and the
        // access overview, read under the duty of handling the request, are decided first;
        // their events go into the same commit as the categories' (one durable write), and
        // nothing is opened before it.
        let wrapped = self.wrapped_key(person).await?;
        let request_permit = self
            .request_permit(
                actor,
                AuditAction::RequestRead,
                person,
                row.request_type.id(),
            )
            .await?
            .with_object(&row.id);
        let overview_permit = self
            .authorize_duty(
                actor,
                Duty::HandleRequests,
                false,
                AuditAction::ReadAudit,
                Some(person),
                &purpose,
            )
            .await?
            .with_object(&row.id);
        let also = vec![request_permit, overview_permit];
        let (view, receipts) = if row.request_type == RequestType::InzageLogging {
            let receipts = sealed::commit_all(&self.inner.writer, also, Vec::new()).await?;
            (None, receipts)
        } else {
            let (view, receipts) = self
                .export_for_request(actor, person, &purpose, &row.id, also)
                .await?;
            (Some(view), receipts)
        };
        let request_receipt = receipts
            .into_iter()
            .next()
            .ok_or_else(|| StoreError::Crypto("the request's read was not committed".into()))?;
        let held = self.withheld_of(&row.id).await?;
        let key = self.unwrap(person, &wrapped).await?;
        let mut withheld: HashMap<String, (RefusalGround, String)> = HashMap::new();
        for (record, h) in held {
            let sealed = Sealed::new(
                h.reason,
                &self.inner.tenant,
                person,
                withheld_kind(&row.id, &record),
            );
            let reason =
                String::from_utf8_lossy(&sealed.open(&key, &request_receipt)?).into_owned();
            let ground = row
                .grounds
                .iter()
                .find(|g| g.id == h.ground)
                .cloned()
                .unwrap_or(RefusalGround {
                    id: h.ground.clone(),
                    text: h.ground,
                    articles: Vec::new(),
                });
            withheld.insert(record, (ground, reason));
        }
        let mut export = SubjectExport {
            format: EXPORT_FORMAT,
            language: lang,
            generated_at: crate::clock::now(),
            organisation: ExportOrganisation {
                name: reglement.file.organisation.name.clone(),
                controller: reglement.file.organisation.controller.clone(),
                address: reglement.file.organisation.address.clone(),
            },
            request: ExportRequest {
                id: row.id.clone(),
                request_type: row.request_type,
                label: row.request_type.label(lang).to_owned(),
                received: row.received,
                outcome,
                decided_on,
                grounds: row.grounds.clone(),
            },
            release: ExportRelease {
                released: row.released_at.is_some(),
                released_at: row.released_at.clone(),
                executed_on: row.executed_on,
            },
            subject: ExportSubject {
                person_id: person.to_owned(),
                facts: None,
            },
            categories: Vec::new(),
            not_included: Vec::new(),
            information: None,
            rights: information::rights(reglement, lang),
            complaints: information::complaint_channels(reglement, lang),
            access_log: Vec::new(),
            fee: None,
            disclosed_to: Vec::new(),
            consents: Vec::new(),
        };
        match view {
            // Who the overview is of: the identification facts, which handling the request
            // opens (as for filing it).
            None => export.subject.facts = self.facts_with(person, &request_receipt).await?,
            Some(view) => {
                // Consents are kept in the identification category: exported with it (its read
                // decided and logged above), their evidence left sealed.
                if !view
                    .withheld
                    .iter()
                    .any(|w| w.category == super::consents::CONSENT_CATEGORY)
                {
                    let today = crate::clock::today();
                    export.consents = self
                        .stored_consents(Some(person), None)
                        .await?
                        .into_iter()
                        .map(|(c, _)| ExportConsent {
                            live: c.live_on(today),
                            id: c.id,
                            given_by: c.given_by,
                            form: c.form,
                            given_on: c.given_on,
                            processing: c.scope.processing,
                            recipient: c.scope.recipient,
                            categories: c.scope.categories,
                            purpose: c.scope.purpose,
                            valid_from: c.valid_from,
                            valid_until: c.valid_until,
                            withdrawn_on: c.withdrawal.map(|w| w.withdrawn_on),
                        })
                        .collect();
                }
                export.subject.facts = view.facts;
                export.categories = self.categories_of(view.records, &withheld, lang);
                export.not_included = view
                    .withheld
                    .into_iter()
                    .map(|w| NotIncluded {
                        label: category_label(self, &w.category, lang),
                        category: w.category,
                        reason: w.decision.explain(lang),
                        articles: w.decision.articles,
                    })
                    .collect();
                let subject_category = self.subject_category(person).await?;
                let mut facts = self.retention_facts_of(person).await?;
                facts.sort_by_key(|(c, _)| category_order(self, c));
                export.information = Some(information::subject_information(
                    reglement,
                    &subject_category,
                    &facts,
                    lang,
                ));
                let taxonomy = &reglement.taxonomy;
                export.disclosed_to = self
                    .ledger(Some(person), None)
                    .await?
                    .into_iter()
                    .map(|d| ExportDisclosure {
                        on: d.disclosed_on,
                        recipient_kind_label: taxonomy
                            .recipient(&d.recipient.kind)
                            .map_or(d.recipient.kind.clone(), |t| t.label(lang).to_owned()),
                        recipient: d.recipient.name,
                        recipient_kind: d.recipient.kind,
                        category_labels: d
                            .categories
                            .iter()
                            .map(|c| {
                                taxonomy
                                    .category(c)
                                    .map_or(c.clone(), |c| c.label(lang).to_owned())
                            })
                            .collect(),
                        categories: d.categories,
                        purpose: d.purpose,
                        with_consent: !d.consent_ids.is_empty(),
                        articles: d.articles,
                        channel: d.channel,
                        request_id: d.request_id,
                    })
                    .collect();
                let earlier = self.earlier_copies(person, &row.id).await?;
                export.fee = Some(information::copy_fee(
                    reglement,
                    row.request_type,
                    earlier,
                    lang,
                ));
            }
        }
        let events = self.events_about(person).await?;
        export.access_log = events.iter().map(|e| self.access_entry(e, lang)).collect();
        Ok(export)
    }

    /// The records of the categories the export includes, as entries by category
    /// (identification first, then in the taxonomy's order); withheld entries without content.
    fn categories_of(
        &self,
        records: Vec<Record>,
        withheld: &HashMap<String, (RefusalGround, String)>,
        lang: Lang,
    ) -> Vec<ExportCategory> {
        let taxonomy = &self.inner.reglement.taxonomy;
        let supersedes: HashMap<&str, Option<&str>> = records
            .iter()
            .map(|r| (r.id.as_str(), r.supersedes.as_deref()))
            .collect();
        // Per category, per entry (its root), the records in the order they were made.
        let mut by_category: BTreeMap<(usize, String), BTreeMap<String, Vec<&Record>>> =
            BTreeMap::new();
        let order = |c: &str| category_order(self, c);
        for r in &records {
            let root = entry_root(&supersedes, &r.id).to_owned();
            by_category
                .entry((order(&r.category), r.category.clone()))
                .or_default()
                .entry(root)
                .or_default()
                .push(r);
        }
        let version = |r: &Record| ExportVersion {
            record_id: r.id.clone(),
            kind: r.kind.clone(),
            text: r.text.clone(),
            recorded_at: r.created_at.clone(),
        };
        let mut out = Vec::new();
        for ((_, category), entries) in by_category {
            let mut c = ExportCategory {
                label: category_label(self, &category, lang),
                special: taxonomy
                    .category(&category)
                    .is_some_and(|d| d.special.is_some()),
                category,
                entries: Vec::new(),
                withheld: Vec::new(),
            };
            let mut rows: Vec<(String, Vec<&Record>)> = entries.into_iter().collect();
            rows.sort_by(|a, b| {
                let first =
                    |v: &Vec<&Record>| v.first().map(|r| (r.created_at.clone(), r.id.clone()));
                first(&a.1).cmp(&first(&b.1))
            });
            for (root, mut versions) in rows {
                versions.sort_by(|a, b| (&a.created_at, &a.id).cmp(&(&b.created_at, &b.id)));
                let recorded_at = versions
                    .iter()
                    .find(|r| r.id == root)
                    .or(versions.first())
                    .map(|r| r.created_at.clone())
                    .unwrap_or_default();
                if let Some((ground, reason)) = withheld.get(&root) {
                    c.withheld.push(WithheldEntry {
                        id: root,
                        recorded_at,
                        ground: ground.clone(),
                        reason: reason.clone(),
                    });
                    continue;
                }
                let (supplements, mut own): (Vec<&Record>, Vec<&Record>) =
                    versions.into_iter().partition(|r| r.kind == "supplement");
                let Some(current) = own.pop() else {
                    // Only statements of the client, their record gone: kept as entries.
                    for s in supplements {
                        c.entries.push(ExportEntry {
                            id: s.id.clone(),
                            recorded_at: s.created_at.clone(),
                            current: version(s),
                            earlier: Vec::new(),
                            supplements: Vec::new(),
                        });
                    }
                    continue;
                };
                c.entries.push(ExportEntry {
                    id: root,
                    recorded_at,
                    current: version(current),
                    earlier: own.into_iter().map(version).collect(),
                    supplements: supplements.into_iter().map(version).collect(),
                });
            }
            out.push(c);
        }
        out
    }

    /// An audit event as the client's overview shows it.
    fn access_entry(&self, e: &AuditEvent, lang: Lang) -> AccessEntry {
        let taxonomy = &self.inner.reglement.taxonomy;
        let role_label = match taxonomy.role(&e.role) {
            Some(r) => r.label(lang).to_owned(),
            None if e.role == SYSTEM_ROLE => t(lang, "export-role-system"),
            None => e.role.clone(),
        };
        AccessEntry {
            at: e.at.clone(),
            role: e.role.clone(),
            role_label,
            organisation: self.inner.reglement.file.organisation.name.clone(),
            action: e.action,
            action_label: t(
                lang,
                &format!("audit-action-{}", e.action.id().replace('_', "-")),
            ),
            category: e.category.clone(),
            category_label: e.category.as_deref().map(|c| category_label(self, c, lang)),
            purpose: e.purpose.replace(['-', '_'], " "),
            emergency: e.emergency,
            outcome: e.outcome,
        }
    }

    async fn withheld_of(&self, request: &str) -> Result<Vec<(String, Held)>, StoreError> {
        self.inner
            .pool
            .hot_rows(
                "SELECT record_id, ground, reason FROM export_withheld \
                 WHERE tenant_id = $1 AND request_id = $2 ORDER BY record_id",
                &[HotArg::Text(&self.inner.tenant), HotArg::Text(request)],
                |r| {
                    Ok((
                        r.text(0)?,
                        Held {
                            ground: r.text(1)?,
                            reason: r.blob(2)?,
                        },
                    ))
                },
            )
            .await
    }

    async fn subject_category(&self, person: &str) -> Result<String, VaultError> {
        self.inner
            .pool
            .hot_row(
                "SELECT subject_category FROM persons WHERE tenant_id = $1 AND id = $2",
                &[HotArg::Text(&self.inner.tenant), HotArg::Text(person)],
                |r| r.text(0),
            )
            .await?
            .ok_or_else(|| VaultError::NotFound(format!("person {person}")))
    }

    /// How many copies the person was given before: their other inzage and afschrift
    /// requests carried out.
    async fn earlier_copies(&self, person: &str, request: &str) -> Result<usize, StoreError> {
        let counted = self
            .inner
            .pool
            .hot_row(
                "SELECT COUNT(*) FROM requests WHERE tenant_id = $1 AND person_id = $2 AND id <> $3 \
                 AND status = $4 AND request_type IN ($5, $6)",
                &[
                    HotArg::Text(&self.inner.tenant),
                    HotArg::Text(person),
                    HotArg::Text(request),
                    HotArg::Text(RequestStatus::Uitgevoerd.id()),
                    HotArg::Text(RequestType::Inzage.id()),
                    HotArg::Text(RequestType::Afschrift.id()),
                ],
                |r| r.int(0),
            )
            .await?;
        Ok(counted.map_or(0, |n| usize::try_from(n).unwrap_or(0)))
    }
}

/// Where a category stands in the export: identification first, then the taxonomy's order.
fn category_order(vault: &Vault, id: &str) -> usize {
    if id == IDENTIFICATION_CATEGORY {
        0
    } else {
        vault
            .inner
            .reglement
            .taxonomy
            .categories
            .iter()
            .position(|d| d.id == id)
            .map_or(usize::MAX, |p| p + 1)
    }
}

fn category_label(vault: &Vault, id: &str, lang: Lang) -> String {
    vault
        .inner
        .reglement
        .taxonomy
        .category(id)
        .map_or_else(|| id.to_owned(), |c| c.label(lang).to_owned())
}
