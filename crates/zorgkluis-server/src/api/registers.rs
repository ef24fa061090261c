//! The registers as spreadsheets over the API (issue 16 part 6), for systems that keep their
//! own copy: one register as XLSX or CSV, read through the register's own logged read.

use axum::extract::{Path, State};
use axum::response::Response;
use serde::Deserialize;

use super::{Query, Refusals};
use crate::{AppError, AppState, Caller};

#[derive(Deserialize, utoipa::IntoParams)]
#[into_params(parameter_in = Query)]
pub(crate) struct FormatQuery {
    /// `xlsx` (without it) or `csv`.
    #[param(pattern = "^[a-z]{1,10}$")]
    format: Option<String>,
}

/// One register (verwerkingen, incidenten, verzoeken, klachten or verstrekkingen) as an XLSX
/// workbook or as CSV (separated by `;`, with a byte-order mark), in the caller's language.
#[utoipa::path(get, path = "/api/v1/registers/{id}",
    params(("id" = String, Path, description = "The register: verwerkingen, incidenten, verzoeken, klachten or verstrekkingen"), FormatQuery),
    responses((status = 200, description = "The register",
        content(
            (Vec<u8> = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"),
            (String = "text/csv")
        )), Refusals),
    security(("token" = [])))]
pub(crate) async fn register(
    State(s): State<AppState>,
    caller: Caller,
    Path(id): Path<String>,
    Query(q): Query<FormatQuery>,
) -> Result<Response, AppError> {
    crate::web::downloads::register_download(&s, &caller, &id, q.format.as_deref(), "format").await
}
