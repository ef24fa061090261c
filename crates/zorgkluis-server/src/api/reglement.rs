//! `/api/v1/reglement/versions`: the versions of the reglement in force by date (issue 17 part
//! 4). The history for any caller (the reglement is no one's personal data); adopting a version
//! for a role with `adopt_reglement` (the directie), with the day it was announced and the day it
//! takes effect. An invalid file is refused naming `file` with its diagnostics, an effective date
//! inside the announcement period naming `effective` with the article; nothing is stored then.

use axum::Json;
use axum::extract::State;
use axum::http::StatusCode;
use jiff::civil::Date;
use serde::{Deserialize, Serialize};
use zorgkluis_store::vault::{NewReglementVersion, ReglementVersion};

use super::{Body, Refusals};
use crate::{AppError, AppState, Caller};

#[derive(Deserialize, utoipa::ToSchema)]
#[serde(deny_unknown_fields)]
pub(crate) struct VersionIn {
    /// The new version's reglement file (TOML), as text.
    #[schema(min_length = 1)]
    file: String,
    /// The file's name, for the history and the diagnostics.
    #[schema(min_length = 1)]
    file_name: String,
    /// The day it was announced to those it concerns (YYYY-MM-DD).
    #[schema(value_type = String, format = Date)]
    announced: Date,
    /// The day it takes effect: not inside the announcement period.
    #[schema(value_type = String, format = Date)]
    effective: Date,
}

/// A stored version of the reglement.
#[derive(Serialize, utoipa::ToSchema)]
pub(crate) struct VersionOut {
    /// `[versie] nummer`.
    version: String,
    /// The file's SHA-256 (hex).
    sha256: String,
    file_name: Option<String>,
    #[schema(value_type = Option<String>, format = Date)]
    announced: Option<Date>,
    #[schema(value_type = String, format = Date)]
    effective: Date,
    /// The staff account that adopted it; none for the version the installation was opened
    /// with.
    adopted_by: Option<String>,
    adopted_at: String,
    /// In force today.
    in_force: bool,
}

impl From<ReglementVersion> for VersionOut {
    fn from(v: ReglementVersion) -> VersionOut {
        VersionOut {
            version: v.version,
            sha256: v.sha256,
            file_name: v.file_name,
            announced: v.announced,
            effective: v.effective,
            adopted_by: v.adopted_by,
            adopted_at: v.adopted_at,
            in_force: v.in_force,
        }
    }
}

#[utoipa::path(get, path = "/api/v1/reglement/versions",
    responses((status = 200, body = Vec<VersionOut>), Refusals),
    security(("token" = [])))]
pub(crate) async fn versions(
    State(s): State<AppState>,
    _caller: Caller,
) -> Result<Json<Vec<VersionOut>>, AppError> {
    let all = s.vault.reglement_versions().await?;
    Ok(Json(all.into_iter().map(VersionOut::from).collect()))
}

#[utoipa::path(post, path = "/api/v1/reglement/versions", request_body = VersionIn,
    responses((status = 201, body = VersionOut), Refusals),
    security(("token" = [])))]
pub(crate) async fn adopt(
    State(s): State<AppState>,
    caller: Caller,
    Body(body): Body<VersionIn>,
) -> Result<(StatusCode, Json<VersionOut>), AppError> {
    let new = NewReglementVersion {
        file_name: &body.file_name,
        source: &body.file,
        announced: body.announced,
        effective: body.effective,
    };
    let v = s
        .vault
        .adopt_reglement(&caller.actor, &new, caller.lang)
        .await?;
    Ok((StatusCode::CREATED, Json(VersionOut::from(v))))
}
