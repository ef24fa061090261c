//! RFC 9457 problem details: a stable machine code, a Dutch title and detail, and the field
//! that was wrong.

use axum::Json;
use axum::http::{StatusCode, header};
use axum::response::{IntoResponse, Response};
use serde::Serialize;

#[derive(Debug, Clone, Serialize, utoipa::ToSchema)]
pub struct Problem {
    #[serde(rename = "type")]
    pub kind: String,
    pub title: String,
    pub status: u16,
    pub detail: String,
    /// A stable machine code, such as `request.invalid_field`.
    pub code: String,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub field: Option<String>,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub articles: Option<Vec<String>>,
}

impl Problem {
    pub fn new(status: StatusCode, code: &str, detail: &str) -> Problem {
        Problem {
            kind: format!("https://zorgkluis.nl/problemen/{code}"),
            title: status.canonical_reason().unwrap_or("Error").to_owned(),
            status: status.as_u16(),
            detail: detail.to_owned(),
            code: code.to_owned(),
            field: None,
            articles: None,
        }
    }
}

/// The field a serde message names: "missing field `text`", "unknown field `x`", "bsn: ...".
pub(crate) fn field_in(message: &str) -> Option<String> {
    if let Some(start) = message.find("field `") {
        let rest = &message[start + 7..];
        return rest.find('`').map(|end| rest[..end].to_owned());
    }
    message
        .split(": ")
        .nth(1)
        .and_then(|m| m.split(':').next())
        .filter(|f| !f.contains(' ') && !f.is_empty())
        .map(str::to_owned)
}

impl IntoResponse for Problem {
    fn into_response(self) -> Response {
        let status = StatusCode::from_u16(self.status).unwrap_or(StatusCode::INTERNAL_SERVER_ERROR);
        (
            status,
            [(header::CONTENT_TYPE, "application/problem+json")],
            Json(self),
        )
            .into_response()
    }
}

#[cfg(test)]
mod tests {
    use super::field_in;

    #[test]
    fn finds_the_field_in_serde_messages() {
        assert_eq!(
            field_in(
                "Failed to deserialize the JSON body into the target type: missing field `text` at line 1 column 2"
            ),
            Some("text".into())
        );
        assert_eq!(
            field_in(
                "Failed to deserialize the JSON body into the target type: unknown field `tekst`, expected one of"
            ),
            Some("tekst".into())
        );
        assert_eq!(
            field_in(
                "Failed to deserialize the JSON body into the target type: from: invalid type: integer"
            ),
            Some("from".into())
        );
    }
}
