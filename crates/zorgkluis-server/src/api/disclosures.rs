//! The disclosure ledger over the API (issue 14 part 2): the register of recipients, what a
//! disclosure would be decided, the disclosure itself (the extract handed over only once the
//! ledger holds it), the ledger, and the notice to the client. Each step is decided by the
//! reglement and logged as the vault's disclosure room does.

use axum::Json;
use axum::extract::{Path, State};
use axum::http::StatusCode;
use jiff::civil::Date;
use serde::{Deserialize, Serialize};
use zorgkluis_core::decide::DisclosureAnswer;
use zorgkluis_store::vault::{
    Disclosure, NewDisclosure, NewRecipient, NoticeLetter, NoticeOutcome, Recipient, Telling,
};

use super::records::RecordOut;
use super::{Body, Query, Refusals};
use crate::{AppError, AppState, Caller};

#[derive(Deserialize, utoipa::ToSchema)]
#[serde(deny_unknown_fields)]
pub(crate) struct NewRecipientIn {
    /// The kind of recipient, an id of the reglement's taxonomy (`zorgaanbieder`).
    kind: String,
    name: String,
    /// 8 digits.
    #[schema(pattern = "^[0-9]{8}$")]
    agb_code: Option<String>,
    /// 8 digits.
    #[schema(pattern = "^[0-9]{8}$")]
    kvk_number: Option<String>,
    /// ISO 3166-1 alpha-2; NL when absent.
    #[schema(pattern = "^[A-Z]{2}$")]
    country: Option<String>,
}

#[derive(Serialize, utoipa::ToSchema)]
pub(crate) struct RecipientOut {
    id: String,
    kind: String,
    name: String,
    agb_code: Option<String>,
    kvk_number: Option<String>,
    country: String,
    registered_by: String,
    registered_at: String,
}

impl From<Recipient> for RecipientOut {
    fn from(r: Recipient) -> RecipientOut {
        RecipientOut {
            id: r.id,
            kind: r.kind,
            name: r.name,
            agb_code: r.agb_code,
            kvk_number: r.kvk_number,
            country: r.country,
            registered_by: r.registered_by,
            registered_at: r.registered_at,
        }
    }
}

/// The register of recipients (the duty `manage_recipients`).
#[utoipa::path(get, path = "/api/v1/recipients",
    responses((status = 200, body = Vec<RecipientOut>), Refusals),
    security(("token" = [])))]
pub(crate) async fn recipients(
    State(s): State<AppState>,
    caller: Caller,
) -> Result<Json<Vec<RecipientOut>>, AppError> {
    let list = s.vault.recipients(&caller.actor).await?;
    Ok(Json(list.into_iter().map(RecipientOut::from).collect()))
}

/// Register an organisation as a recipient: its kind must be one of the reglement's.
#[utoipa::path(post, path = "/api/v1/recipients", request_body = NewRecipientIn,
    responses((status = 201, body = RecipientOut), Refusals),
    security(("token" = [])))]
pub(crate) async fn register_recipient(
    State(s): State<AppState>,
    caller: Caller,
    Body(body): Body<NewRecipientIn>,
) -> Result<(StatusCode, Json<RecipientOut>), AppError> {
    let r = s
        .vault
        .register_recipient(
            &caller.actor,
            &NewRecipient {
                kind: body.kind,
                name: body.name,
                agb_code: body.agb_code,
                kvk_number: body.kvk_number,
                country: body.country.unwrap_or_else(|| "NL".to_owned()),
            },
        )
        .await?;
    Ok((StatusCode::CREATED, Json(r.into())))
}

#[derive(Deserialize, utoipa::ToSchema)]
#[serde(deny_unknown_fields)]
pub(crate) struct DisclosureIn {
    /// A registered recipient's id.
    recipient: String,
    categories: Vec<String>,
    #[schema(pattern = "^[a-z0-9 _-]{1,60}$")]
    purpose: String,
    /// Why a conflict of duties requires the disclosure without the consent its rule asks,
    /// where the rule allows that (`conflict_van_plichten`); logged for the privacy officer's
    /// review.
    #[serde(default)]
    conflict_of_duties: Option<String>,
}

impl DisclosureIn {
    fn into_new(self, person: String) -> NewDisclosure {
        NewDisclosure {
            person,
            recipient: self.recipient,
            categories: self.categories,
            purpose: self.purpose,
            conflict_of_duties: self.conflict_of_duties,
        }
    }
}

/// The reglement's answer for one category.
#[derive(Serialize, utoipa::ToSchema)]
pub(crate) struct DecisionOut {
    recipient: String,
    category: String,
    allowed: bool,
    needs_consent: bool,
    /// geen, toestemming, uitdrukkelijk or schriftelijk.
    consent_form: String,
    objection_blocks: bool,
    /// The client must be told of it.
    notify_subject: bool,
    articles: Vec<String>,
    conditions: Vec<String>,
    /// A rule lets a conflict of duties stand in for the missing consent.
    conflict_of_duties_allowed: bool,
    /// It goes without that consent, on the conflict of duties given.
    on_conflict_of_duties: bool,
    /// The decision in a sentence, in the caller's language.
    explanation: String,
}

fn decision(a: DisclosureAnswer, caller: &Caller) -> DecisionOut {
    DecisionOut {
        explanation: a.explain(caller.lang),
        recipient: a.recipient,
        category: a.category,
        allowed: a.allowed,
        needs_consent: a.needs_consent,
        consent_form: a.consent_form.id().to_owned(),
        objection_blocks: a.objection_blocks,
        notify_subject: a.notify_subject,
        articles: a.articles,
        conditions: a.conditions,
        conflict_of_duties_allowed: a.conflict_of_duties_allowed,
        on_conflict_of_duties: a.on_conflict_of_duties,
    }
}

#[derive(Serialize, utoipa::ToSchema)]
pub(crate) struct NoticeOut {
    /// verstuurd or uitzondering.
    outcome: String,
    #[schema(value_type = String, format = Date)]
    on: Date,
    recorded_by: String,
    recorded_at: String,
}

/// An entry of the ledger: ids, kinds and dates, no content.
#[derive(Serialize, utoipa::ToSchema)]
pub(crate) struct DisclosureOut {
    id: String,
    person_id: String,
    recipient: RecipientOut,
    categories: Vec<String>,
    record_ids: Vec<String>,
    /// SHA-256 (hex) of the extract as it went out (its JSON).
    payload_sha256: String,
    /// The consents that allowed it; empty where none was needed.
    consent_ids: Vec<String>,
    articles: Vec<String>,
    #[schema(pattern = "^[a-z0-9 _-]{1,60}$")]
    purpose: String,
    #[schema(value_type = String, format = Date)]
    disclosed_on: Date,
    disclosed_by: String,
    disclosed_role: String,
    disclosed_at: String,
    /// The reglement asks that the client be told.
    notice_required: bool,
    notice_articles: Vec<String>,
    /// Still to be told: required and not recorded.
    notice_due: bool,
    notice: Option<NoticeOut>,
    /// It went without the consent its rule asks, on a conflict of duties.
    conflict_of_duties: bool,
}

impl From<Disclosure> for DisclosureOut {
    fn from(d: Disclosure) -> DisclosureOut {
        DisclosureOut {
            notice_due: d.notice_due(),
            id: d.id,
            person_id: d.person_id,
            recipient: d.recipient.into(),
            categories: d.categories,
            record_ids: d.record_ids,
            payload_sha256: d.payload_sha256,
            consent_ids: d.consent_ids,
            articles: d.articles,
            purpose: d.purpose,
            disclosed_on: d.disclosed_on,
            disclosed_by: d.disclosed_by,
            disclosed_role: d.disclosed_role,
            disclosed_at: d.disclosed_at,
            notice_required: d.notice_required,
            notice_articles: d.notice_articles,
            conflict_of_duties: d.conflict_of_duties,
            notice: d.notice.map(|n| NoticeOut {
                outcome: n.outcome.id().to_owned(),
                on: n.on,
                recorded_by: n.recorded_by,
                recorded_at: n.recorded_at,
            }),
        }
    }
}

#[derive(Serialize, utoipa::ToSchema)]
pub(crate) struct Disclosed {
    disclosure: DisclosureOut,
    decisions: Vec<DecisionOut>,
    /// What went out: the records of the categories, oldest first.
    extract: Vec<RecordOut>,
}

/// What a disclosure of the person's data would be decided, per category, before it is
/// made: allowed or not, the consent needed and whether a live one covers it, an objection,
/// whether the client must be told, the articles. Logged as a consent check.
#[utoipa::path(post, path = "/api/v1/persons/{id}/disclosures/preview", params(("id" = String, Path)),
    request_body = DisclosureIn,
    responses((status = 200, body = Vec<DecisionOut>), Refusals),
    security(("token" = [])))]
pub(crate) async fn preview(
    State(s): State<AppState>,
    caller: Caller,
    Path(id): Path<String>,
    Body(body): Body<DisclosureIn>,
) -> Result<Json<Vec<DecisionOut>>, AppError> {
    s.vault.check_person_known(&id).await?;
    let list = s
        .vault
        .disclosure_preview(&caller.actor, &body.into_new(id))
        .await?;
    Ok(Json(
        list.into_iter().map(|a| decision(a, &caller)).collect(),
    ))
}

/// Disclose the records of the categories to a registered recipient: each category decided
/// by the access policy and by the reglement (with the live consents and objections) and
/// logged; the extract is returned once the ledger holds it. Refused as a whole (422 naming
/// `consent`) when one category may not go.
#[utoipa::path(post, path = "/api/v1/persons/{id}/disclosures", params(("id" = String, Path)),
    request_body = DisclosureIn,
    responses((status = 201, body = Disclosed), Refusals),
    security(("token" = [])))]
pub(crate) async fn disclose(
    State(s): State<AppState>,
    caller: Caller,
    Path(id): Path<String>,
    Body(body): Body<DisclosureIn>,
) -> Result<(StatusCode, Json<Disclosed>), AppError> {
    s.vault.check_person_known(&id).await?;
    let done = s
        .vault
        .disclose(&caller.actor, &body.into_new(id), caller.lang)
        .await?;
    Ok((
        StatusCode::CREATED,
        Json(Disclosed {
            disclosure: done.disclosure.into(),
            decisions: done
                .decisions
                .into_iter()
                .map(|a| decision(a, &caller))
                .collect(),
            extract: done.extract.into_iter().map(RecordOut::from).collect(),
        }),
    ))
}

/// The person's entries of the ledger, newest first (the duty `read_audit`).
#[utoipa::path(get, path = "/api/v1/persons/{id}/disclosures", params(("id" = String, Path)),
    responses((status = 200, body = Vec<DisclosureOut>), Refusals),
    security(("token" = [])))]
pub(crate) async fn person_disclosures(
    State(s): State<AppState>,
    caller: Caller,
    Path(id): Path<String>,
) -> Result<Json<Vec<DisclosureOut>>, AppError> {
    s.vault.check_person_known(&id).await?;
    let list = s.vault.disclosures(&caller.actor, Some(&id)).await?;
    Ok(Json(list.into_iter().map(DisclosureOut::from).collect()))
}

#[derive(Deserialize, utoipa::IntoParams)]
#[into_params(parameter_in = Query)]
pub(crate) struct LedgerQuery {
    /// Only the entries whose notice to the client is still to be recorded.
    notice_due: Option<bool>,
}

/// The whole ledger, newest first (the duty `read_audit`: the privacy officer's).
#[utoipa::path(get, path = "/api/v1/disclosures", params(LedgerQuery),
    responses((status = 200, body = Vec<DisclosureOut>), Refusals),
    security(("token" = [])))]
pub(crate) async fn ledger(
    State(s): State<AppState>,
    caller: Caller,
    Query(q): Query<LedgerQuery>,
) -> Result<Json<Vec<DisclosureOut>>, AppError> {
    let due = q.notice_due.unwrap_or(false);
    let list = s.vault.disclosures(&caller.actor, None).await?;
    Ok(Json(
        list.into_iter()
            .filter(|d| !due || d.notice_due())
            .map(DisclosureOut::from)
            .collect(),
    ))
}

#[derive(Deserialize, utoipa::ToSchema)]
#[serde(deny_unknown_fields)]
pub(crate) struct NoticeIn {
    /// verstuurd (the letter went out on `on`) or uitzondering (not told, with the reason).
    outcome: String,
    /// The day the letter went out (today when absent).
    #[schema(value_type = Option<String>, format = Date)]
    on: Option<Date>,
    /// Why the client is not told (required for uitzondering; stored sealed).
    reason: Option<String>,
}

#[derive(Serialize, utoipa::ToSchema)]
pub(crate) struct LetterOut {
    disclosure_id: String,
    outcome: String,
    #[schema(value_type = String, format = Date)]
    on: Date,
    /// The letter (Dutch), or the reason of the exception.
    text: String,
}

impl From<NoticeLetter> for LetterOut {
    fn from(l: NoticeLetter) -> LetterOut {
        LetterOut {
            disclosure_id: l.disclosure_id,
            outcome: l.outcome.id().to_owned(),
            on: l.on,
            text: l.text,
        }
    }
}

/// Record how the client was told of a disclosure (the letter, composed in Dutch and kept
/// sealed), or why not under the reglement's exception. Once only.
#[utoipa::path(post, path = "/api/v1/disclosures/{id}/notice", params(("id" = String, Path)),
    request_body = NoticeIn,
    responses((status = 201, body = LetterOut), Refusals),
    security(("token" = [])))]
pub(crate) async fn notice(
    State(s): State<AppState>,
    caller: Caller,
    Path(id): Path<String>,
    Body(body): Body<NoticeIn>,
) -> Result<(StatusCode, Json<LetterOut>), AppError> {
    s.vault.check_disclosure_known(&id).await?;
    let outcome = match body.outcome.as_str() {
        "verstuurd" => NoticeOutcome::Verstuurd,
        "uitzondering" => NoticeOutcome::Uitzondering,
        other => {
            return Err(AppError::invalid(
                "outcome",
                &format!("unknown value `{other}`; expected one of: verstuurd, uitzondering"),
            ));
        }
    };
    let on = body
        .on
        .unwrap_or_else(|| zorgkluis_core::time::dutch_date(jiff::Timestamp::now()));
    let letter = s
        .vault
        .record_disclosure_notice(&caller.actor, &id, outcome, on, body.reason.as_deref())
        .await?;
    Ok((StatusCode::CREATED, Json(letter.into())))
}

#[derive(Serialize, utoipa::ToSchema)]
pub(crate) struct ToTellOut {
    recipient: RecipientOut,
    /// The disclosures that gave it the record.
    disclosure_ids: Vec<String>,
    /// The day it was told, if recorded.
    #[schema(value_type = Option<String>, format = Date)]
    told_on: Option<Date>,
    /// Why it was not told (impossible, or a disproportionate effort), if recorded.
    not_told: Option<String>,
}

/// Whom to tell of the correction, restriction or erasure of a record (AVG art. 19): the
/// recipients the ledger says received it, and what was recorded of telling each.
#[utoipa::path(get, path = "/api/v1/records/{id}/recipients", params(("id" = String, Path)),
    responses((status = 200, body = Vec<ToTellOut>), Refusals),
    security(("token" = [])))]
pub(crate) async fn recipients_to_tell(
    State(s): State<AppState>,
    caller: Caller,
    Path(id): Path<String>,
) -> Result<Json<Vec<ToTellOut>>, AppError> {
    let list = s.vault.recipients_to_tell(&caller.actor, &id).await?;
    Ok(Json(
        list.into_iter()
            .map(|t| ToTellOut {
                recipient: t.recipient.into(),
                disclosure_ids: t.disclosures.into_iter().map(|(d, _)| d).collect(),
                told_on: t.notice.as_ref().and_then(|n| n.told_on),
                not_told: t.notice.and_then(|n| n.not_told),
            })
            .collect(),
    ))
}

#[derive(Deserialize, utoipa::ToSchema)]
#[serde(deny_unknown_fields)]
pub(crate) struct ToldIn {
    recipient: String,
    /// The day it was told; or `not_told` with the reason.
    #[schema(value_type = Option<String>, format = Date)]
    told_on: Option<Date>,
    not_told: Option<String>,
    /// The request the correction or erasure carried out.
    request: Option<String>,
}

#[derive(Serialize, utoipa::ToSchema)]
pub(crate) struct Told {
    record: String,
    recipient: String,
}

/// Record that a recipient was told of the correction, restriction or erasure of a record, or
/// why not (AVG art. 19). Once per record and recipient.
#[utoipa::path(post, path = "/api/v1/records/{id}/recipients/told", params(("id" = String, Path)),
    request_body = ToldIn,
    responses((status = 201, body = Told), Refusals),
    security(("token" = [])))]
pub(crate) async fn recipient_told(
    State(s): State<AppState>,
    caller: Caller,
    Path(id): Path<String>,
    Body(body): Body<ToldIn>,
) -> Result<(StatusCode, Json<Told>), AppError> {
    let telling = match (body.told_on, body.not_told) {
        (Some(on), _) => Telling::Told(on),
        (None, Some(why)) => Telling::NotTold(why),
        (None, None) => {
            return Err(AppError::invalid(
                "told_on",
                "give the day it was told, or not_told with the reason",
            ));
        }
    };
    s.vault
        .record_recipient_told(
            &caller.actor,
            &id,
            &body.recipient,
            &telling,
            body.request.as_deref(),
        )
        .await?;
    Ok((
        StatusCode::CREATED,
        Json(Told {
            record: id,
            recipient: body.recipient,
        }),
    ))
}

#[derive(Deserialize, utoipa::ToSchema)]
#[serde(deny_unknown_fields)]
pub(crate) struct ResearchIn {
    /// The project's id (lowercase): its pseudonyms are its own.
    #[schema(pattern = "^[a-z0-9 _-]{1,60}$")]
    project: String,
    /// A registered recipient of the research kind.
    recipient: String,
    categories: Vec<String>,
    /// toestemming, vragen_niet_mogelijk (art. 7:458 lid 1 sub a BW) or niet_te_verlangen (sub b).
    ground: String,
    /// gepseudonimiseerd or geanonimiseerd.
    mode: String,
    /// The research serves a public interest (art. 7:458 lid 2 sub a BW).
    #[serde(default)]
    public_interest: bool,
    /// It cannot be done without these data (lid 2 sub b).
    #[serde(default)]
    necessary: bool,
    /// Safeguards for the clients' privacy are in place (lid 1 sub a).
    #[serde(default)]
    safeguards: bool,
    /// The smallest group an anonymised row may stand in (5 when absent).
    min_k: Option<usize>,
}

/// Make a research export (art. 7:458 BW, art. 24 UAVG): each client decided as a disclosure
/// to the research recipient and logged, the clients who objected left out, on consent only
/// who gave it; pseudonymised with the project's own key or anonymised (small groups
/// suppressed, the k achieved reported); each client in it noted in the ledger.
#[utoipa::path(post, path = "/api/v1/research-exports", request_body = ResearchIn,
    responses((status = 201, body = Object), Refusals),
    security(("token" = [])))]
pub(crate) async fn research_export(
    State(s): State<AppState>,
    caller: Caller,
    Body(body): Body<ResearchIn>,
) -> Result<(StatusCode, Json<zorgkluis_store::vault::ResearchDataset>), AppError> {
    use zorgkluis_core::decide::{ResearchConditions, ResearchGround, ResearchMode};
    let ground = ResearchGround::from_id(&body.ground).ok_or_else(|| {
        AppError::invalid(
            "ground",
            "expected one of: toestemming, vragen_niet_mogelijk, niet_te_verlangen",
        )
    })?;
    let mode = ResearchMode::from_id(&body.mode).ok_or_else(|| {
        AppError::invalid("mode", "expected one of: gepseudonimiseerd, geanonimiseerd")
    })?;
    let set = s
        .vault
        .research_export(
            &caller.actor,
            &zorgkluis_store::vault::NewResearchExport {
                project: body.project,
                recipient: body.recipient,
                categories: body.categories,
                ground,
                mode,
                conditions: ResearchConditions {
                    public_interest: body.public_interest,
                    necessary: body.necessary,
                    safeguards: body.safeguards,
                },
                min_k: body.min_k.unwrap_or(5),
            },
        )
        .await?;
    Ok((StatusCode::CREATED, Json(set)))
}
