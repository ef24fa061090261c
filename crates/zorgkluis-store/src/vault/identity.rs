//! Identity checks: the document shown when a person's identity was established (art. 12
//! lid 6 AVG; the seeds ask for it before access and at registration), recorded as a write of
//! the identity document category with the document number sealed.

use jiff::civil::Date;
use zorgkluis_core::taxonomy::IDENTITY_DOCUMENT_CATEGORY;
use zorgkluis_core::vocabulary::Action;

use super::persons::invalid;
use super::{Actor, Vault, VaultError};
use crate::sealed::{self, SealedKind};
use crate::writer::{Arg, Stmt};

/// The document types an identity check may record.
pub const DOCUMENT_TYPES: &[&str] = &[
    "paspoort",
    "identiteitskaart",
    "rijbewijs",
    "verblijfsdocument",
];

/// Checks an identity check before anything is written: a known document type, a plain
/// document number, a document valid on the day it was checked, a check not in the future.
pub fn check_identity_document(
    checked_on: Date,
    document_type: &str,
    document_number: &str,
    valid_until: Date,
) -> Result<(), VaultError> {
    if !DOCUMENT_TYPES.contains(&document_type) {
        return Err(invalid(
            "document_type",
            &format!("one of {}", DOCUMENT_TYPES.join(", ")),
        ));
    }
    let number = document_number.trim();
    let plain = !number.is_empty()
        && number.len() <= 40
        && number
            .chars()
            .all(|c| c.is_ascii_alphanumeric() || c == '-');
    if !plain {
        return Err(invalid("document_number", "1 to 40 letters, digits or -"));
    }
    if valid_until < checked_on {
        return Err(invalid(
            "valid_until",
            "the document had expired when it was checked",
        ));
    }
    if checked_on > crate::clock::today() {
        return Err(invalid("checked_on", "not in the future"));
    }
    Ok(())
}

impl Vault {
    /// Records the identity check of a person (date, document type and number, valid until):
    /// a write of the identity document category.
    pub async fn record_identity_check(
        &self,
        actor: &Actor,
        person: &str,
        checked_on: Date,
        document_type: &str,
        document_number: &str,
        valid_until: Date,
    ) -> Result<String, VaultError> {
        check_identity_document(checked_on, document_type, document_number, valid_until)?;
        let number = document_number.trim();
        let (permit, key) = self
            .authorize_change(
                actor,
                Action::Write,
                person,
                IDENTITY_DOCUMENT_CATEGORY,
                "identiteitscontrole",
            )
            .await?;
        let id = uuid::Uuid::new_v4().to_string();
        let sealed = key.seal(
            number.as_bytes(),
            &SealedKind::IdentityDocument { id: id.clone() },
            &self.inner.tenant,
            person,
        )?;
        let stmt = Stmt::new(
            "INSERT INTO identity_checks (tenant_id, id, person_id, checked_on, document_type, document_number, valid_until, checked_by) \
             VALUES ($1, $2, $3, $4, $5, $6, $7, $8)",
            vec![
                Arg::Text(self.inner.tenant.clone()),
                Arg::Text(id.clone()),
                Arg::Text(person.to_owned()),
                Arg::Text(checked_on.to_string()),
                Arg::Text(document_type.to_owned()),
                Arg::Blob(sealed),
                Arg::Text(valid_until.to_string()),
                Arg::Text(actor.user_id.clone()),
            ],
        );
        sealed::commit(&self.inner.writer, permit, vec![stmt]).await?;
        Ok(id)
    }
}
