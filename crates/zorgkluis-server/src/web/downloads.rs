//! The registers as spreadsheets on the web (issue 16 part 6): the workbook of every register
//! the caller's role may read (`/toezicht/registers.xlsx`), and one register as XLSX or CSV
//! (`/toezicht/registers/{register}?formaat=csv`). Each register is read through its own logged
//! read; one the role may not read is left out of the workbook and refused on its own.

use axum::extract::{Path, State};
use axum::http::{HeaderValue, header};
use axum::response::{IntoResponse, Response};
use serde::Deserialize;
use zorgkluis_store::spreadsheet::{Sheet, to_csv, to_xlsx};
use zorgkluis_store::vault::Register;

use crate::api::Query;
use crate::{AppError, AppState, Caller};

pub(crate) const WORKBOOK_PATH: &str = "/toezicht/registers.xlsx";
pub(crate) const REGISTER_PATH: &str = "/toezicht/registers/{register}";

const XLSX: &str = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet";

/// The link to one register's download.
pub(crate) fn register_path(register: Register, csv: bool) -> String {
    let path = REGISTER_PATH.replace("{register}", register.id());
    if csv {
        format!("{path}?formaat=csv")
    } else {
        path
    }
}

fn today() -> jiff::civil::Date {
    zorgkluis_core::time::dutch_date(jiff::Timestamp::now())
}

fn attachment(mut response: Response, content_type: &'static str, file: &str) -> Response {
    let headers = response.headers_mut();
    headers.insert(header::CONTENT_TYPE, HeaderValue::from_static(content_type));
    if let Ok(v) = HeaderValue::from_str(&format!("attachment; filename=\"{file}\"")) {
        headers.insert(header::CONTENT_DISPOSITION, v);
    }
    response
}

/// A sheet as a CSV download named `stem`.csv.
pub(crate) fn csv_response(sheet: &Sheet, stem: &str) -> Response {
    attachment(
        to_csv(sheet).into_response(),
        "text/csv; charset=utf-8",
        &format!("{stem}.csv"),
    )
}

/// Sheets as an XLSX download named `stem`.xlsx.
pub(crate) fn xlsx_response(sheets: &[Sheet], stem: &str) -> Result<Response, AppError> {
    let bytes = to_xlsx(sheets).map_err(|e| AppError::Internal {
        code: "xlsx",
        cause: e.to_string(),
    })?;
    Ok(attachment(
        bytes.into_response(),
        XLSX,
        &format!("{stem}.xlsx"),
    ))
}

pub(crate) async fn workbook(
    State(s): State<AppState>,
    caller: Caller,
) -> Result<Response, AppError> {
    let sheets = s
        .vault
        .register_workbook(&caller.actor, &[], caller.lang)
        .await?;
    xlsx_response(&sheets, &format!("registers-{}", today()))
}

#[derive(Deserialize, Default)]
pub(crate) struct FormatQuery {
    /// `xlsx` (without it) or `csv`.
    #[serde(default)]
    formaat: Option<String>,
}

pub(crate) async fn register(
    State(s): State<AppState>,
    caller: Caller,
    Path(id): Path<String>,
    Query(q): Query<FormatQuery>,
) -> Result<Response, AppError> {
    register_download(&s, &caller, &id, q.formaat.as_deref(), "formaat").await
}

/// One register as a download, for the web page and the API alike: xlsx (without a format) or
/// csv; an unknown register is not found before anything is read, an unknown format names
/// `field`.
pub(crate) async fn register_download(
    s: &AppState,
    caller: &Caller,
    id: &str,
    format: Option<&str>,
    field: &str,
) -> Result<Response, AppError> {
    let register = Register::from_id(id).ok_or(AppError::NotFound)?;
    let csv = match format {
        None | Some("xlsx") => false,
        Some("csv") => true,
        Some(other) => {
            return Err(AppError::invalid(field, &format!("`{other}`: xlsx or csv")));
        }
    };
    let sheet = s
        .vault
        .register_sheet(&caller.actor, register, caller.lang)
        .await?;
    let stem = format!("{}-{}", register.id(), today());
    if csv {
        Ok(csv_response(&sheet, &stem))
    } else {
        xlsx_response(&[sheet], &stem)
    }
}
