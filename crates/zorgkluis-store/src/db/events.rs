//! The audit event as a row: its columns, in the order every reader selects them.

use sqlx::Row;

use crate::StoreError;
use crate::audit::{AuditAction, AuditEvent, Outcome};

/// The columns of `audit_events`, in the order [`event_from_row`] and `audit verify` read them.
pub(crate) const EVENT_COLUMNS: &str = "tenant_id, seq, at, user_id, role, on_behalf_of, person_id, action, \
     category, purpose, reason, emergency, source, outcome, articles, prev_hash, hash, object, subjects";

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
