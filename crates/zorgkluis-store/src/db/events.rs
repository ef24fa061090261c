//! The audit event as a row: its columns, in the order every reader selects them.

use sqlx::Row;

use crate::StoreError;
use crate::audit::{AuditAction, AuditEvent, Outcome};
use crate::db::Columns;

/// The columns of `audit_events`, in the order [`event_from_row`] and `audit verify` read them.
macro_rules! event_columns_but_subjects {
    () => {
        "tenant_id, seq, at, user_id, role, on_behalf_of, person_id, action, \
         category, purpose, reason, emergency, source, outcome, articles, prev_hash, hash, object"
    };
}
pub(crate) const EVENT_COLUMNS: &str = concat!(event_columns_but_subjects!(), ", subjects");
/// The columns before `subjects`, for a query that computes its own last column in its place
/// (a client's access log needs only whether a list showed them, not the list's thousands).
pub(crate) const EVENT_COLUMNS_BUT_SUBJECTS: &str = event_columns_but_subjects!();

pub(crate) fn event_from_row(r: &sqlx::any::AnyRow) -> Result<AuditEvent, StoreError> {
    let action: String = r.try_get(7)?;
    let outcome: String = r.try_get(13)?;
    let subjects: Option<String> = r.try_get(18)?;
    Ok(AuditEvent {
        tenant_id: r.try_get(0)?,
        seq: r.try_get(1)?,
        at: r.try_get(2)?,
        user_id: r.try_get(3)?,
        role: r.try_get(4)?,
        on_behalf_of: r.try_get(5)?,
        person_id: r.try_get(6)?,
        action: AuditAction::from_id(&action)
            .ok_or_else(|| StoreError::Verify(format!("unknown audit action `{action}`")))?,
        category: r.try_get(8)?,
        purpose: r.try_get(9)?,
        reason: r.try_get(10)?,
        emergency: r.try_get::<i32, _>(11)? != 0,
        source: r.try_get(12)?,
        outcome: Outcome::from_id(&outcome)
            .ok_or_else(|| StoreError::Verify(format!("unknown audit outcome `{outcome}`")))?,
        articles: r.try_get(14)?,
        prev_hash: r.try_get(15)?,
        hash: r.try_get(16)?,
        object: r.try_get(17)?,
        subjects: subjects
            .map(|s| s.split(' ').map(str::to_owned).collect())
            .unwrap_or_default(),
    })
}

/// The same, from a row of the hot path (`Pool::hot_query`: a person's access overview reads
/// hundreds of events, each of which would otherwise cross sqlx's worker channel and be copied
/// into an `AnyRow`) or one the writer steps on its own SQLite connection. A column of another
/// type than the writer gives it is an error (the tip check then refuses the chain).
pub(crate) fn event_from_columns(r: &dyn Columns) -> Result<AuditEvent, StoreError> {
    let action = r.text(7)?;
    let outcome = r.text(13)?;
    let subjects = r.opt_text(18)?;
    Ok(AuditEvent {
        tenant_id: r.text(0)?,
        seq: r.int(1)?,
        at: r.text(2)?,
        user_id: r.text(3)?,
        role: r.text(4)?,
        on_behalf_of: r.opt_text(5)?,
        person_id: r.opt_text(6)?,
        action: AuditAction::from_id(&action)
            .ok_or_else(|| StoreError::Verify(format!("unknown audit action `{action}`")))?,
        category: r.opt_text(8)?,
        purpose: r.text(9)?,
        reason: r.opt_blob(10)?,
        emergency: r.int(11)? != 0,
        source: r.text(12)?,
        outcome: Outcome::from_id(&outcome)
            .ok_or_else(|| StoreError::Verify(format!("unknown audit outcome `{outcome}`")))?,
        articles: r.text(14)?,
        prev_hash: r.blob(15)?,
        hash: r.blob(16)?,
        object: r.opt_text(17)?,
        subjects: subjects
            .map(|s| s.split(' ').map(str::to_owned).collect())
            .unwrap_or_default(),
    })
}
