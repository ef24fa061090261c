//! Carrying out a decided erasure request (art. 17 AVG, art. 7:455 BW): each category the
//! request concerns (all of the person's when it names none) is decided by the core
//! ([`zorgkluis_core::decide::erasure_decision`]) on the facts a retention run uses too
//! (`retention_facts_of`): when its records were made and last changed, whether care ended, whether a standing hold covers it, whether
//! it is hereditary information (of substantial interest to the client's relatives). What is
//! granted is erased as one partial erasure ([`Vault::erase_categories`]); what is refused goes
//! on the certificate with its grounds and articles. The identification goes only when every
//! category goes, and then the whole file is crypto-shredded.

use std::collections::BTreeMap;

use jiff::civil::Date;
use zorgkluis_core::decide::{ErasureFacts, ErasureOutcome, RetentionFacts, erasure_decision};
use zorgkluis_core::i18n::Lang;
use zorgkluis_core::taxonomy::{BSN_CATEGORY, IDENTIFICATION_CATEGORY};
use zorgkluis_core::vocabulary::{RequestOutcome, RequestStatus, RequestType};

use super::erasure::{CategoryErasure, ErasureCertificate, RefusalGround, RefusedCategory};
use super::{Actor, RequestView, Vault, VaultError};

impl Vault {
    /// Request `id`, which must be of `kind` (`what` names it in the refusal), granted in full
    /// or in part, and not yet carried out: the request an execution starts from.
    pub(super) async fn request_to_execute(
        &self,
        actor: &Actor,
        id: &str,
        kind: RequestType,
        what: &str,
    ) -> Result<RequestView, VaultError> {
        let request = self.request(actor, id).await?;
        if request.request_type != kind {
            return Err(VaultError::Invalid {
                field: "type",
                message: format!(
                    "request {id} is a request for {}, not for {what}",
                    request.request_type.id()
                ),
            });
        }
        let granted = request
            .decision
            .as_ref()
            .is_some_and(|d| d.outcome != RequestOutcome::Afgewezen);
        if request.status != RequestStatus::Besloten || !granted {
            return Err(VaultError::Invalid {
                field: "status",
                message: format!(
                    "only a granted request that is not yet carried out is carried out; this one is `{}`",
                    request.status.id()
                ),
            });
        }
        Ok(request)
    }

    /// Carries out erasure request `id`, decided (granted in full or in part) and not yet carried
    /// out, on `on`: erases what the law and the reglement let go, marks the request carried
    /// out, and returns the certificate.
    pub async fn execute_erasure(
        &self,
        actor: &Actor,
        id: &str,
        on: Date,
        lang: Lang,
    ) -> Result<ErasureCertificate, VaultError> {
        let request = self
            .request_to_execute(actor, id, RequestType::Verwijdering, "erasure")
            .await?;
        let person = request.person_id.clone();
        let asked = request
            .details
            .as_ref()
            .map(|d| d.categories.clone())
            .unwrap_or_default();
        let (granted, refused) = self
            .erasure_plan(&person, &asked, request.received, on, lang)
            .await?;
        if granted.is_empty() {
            return Err(nothing_erasable(&refused));
        }
        let certificate = self
            .erase_categories(actor, &person, &granted, refused, Some(id), "verzoek")
            .await?;
        let row = self.request_row(id).await?;
        self.move_request(
            actor,
            &row,
            RequestStatus::Uitgevoerd,
            "uitgevoerd",
            on,
            lang,
        )
        .await?;
        Ok(certificate)
    }

    /// Decides the erasure of `asked` (every category of the person's when empty) on `on`, for
    /// a request received on `received`: the categories granted, with their articles, and those
    /// refused, with their grounds. A request for everything takes the identification and the
    /// BSN along when nothing is kept.
    pub(super) async fn erasure_plan(
        &self,
        person: &str,
        asked: &[String],
        received: Date,
        on: Date,
        lang: Lang,
    ) -> Result<(Vec<CategoryErasure>, Vec<RefusedCategory>), VaultError> {
        // The same facts of the person's records a retention run decides on.
        let dates: BTreeMap<String, RetentionFacts> =
            self.retention_facts_of(person).await?.into_iter().collect();
        let care_ended = dates.values().find_map(|f| f.care_ended);
        let everything = asked.is_empty();
        let asked: Vec<String> = if everything {
            dates
                .keys()
                .filter(|c| c.as_str() != IDENTIFICATION_CATEGORY)
                .cloned()
                .collect()
        } else {
            asked.to_vec()
        };
        let holds = self.standing_holds(Some(person), on).await?;
        let reglement = &self.inner.reglement;
        let mut granted = Vec::new();
        let mut refused = Vec::new();
        for category in &asked {
            let d = dates.get(category);
            let facts = ErasureFacts {
                received,
                created: d.and_then(|d| d.created),
                last_change: d.and_then(|d| d.last_change),
                care_ended,
                third_party_interest: reglement
                    .taxonomy
                    .category(category)
                    .is_some_and(|c| c.hereditary),
                statutory_duty: false,
                legal_hold: holds.iter().any(|h| h.covers(category)),
            };
            let decision = erasure_decision(reglement, category, &facts, lang).map_err(|e| {
                VaultError::Invalid {
                    field: "categories",
                    message: e.to_string(),
                }
            })?;
            match decision.decision {
                ErasureOutcome::Grant => granted.push(CategoryErasure {
                    category: category.clone(),
                    articles: decision.articles,
                }),
                ErasureOutcome::Refuse => refused.push(RefusedCategory {
                    category: category.clone(),
                    grounds: decision
                        .grounds
                        .into_iter()
                        .map(|g| RefusalGround {
                            id: g.id,
                            article: g.article,
                            reason: g.reason,
                        })
                        .collect(),
                }),
            }
        }
        // A request for everything takes the identification and the BSN along when nothing is
        // kept; while something is kept, so is who it is of.
        if everything && refused.is_empty() {
            for c in [IDENTIFICATION_CATEGORY, BSN_CATEGORY] {
                if !granted.iter().any(|g| g.category == c) {
                    granted.push(CategoryErasure {
                        category: c.to_owned(),
                        articles: vec!["AVG art. 17 lid 1".to_owned()],
                    });
                }
            }
        }
        Ok((granted, refused))
    }
}

/// The refusal of an erasure of which nothing may go, naming `categories` and each ground.
pub(super) fn nothing_erasable(refused: &[RefusedCategory]) -> VaultError {
    VaultError::Invalid {
        field: "categories",
        message: refused
            .iter()
            .map(|r| {
                let why: Vec<&str> = r.grounds.iter().map(|g| g.article.as_str()).collect();
                format!("{}: {}", r.category, why.join("; "))
            })
            .collect::<Vec<_>>()
            .join(", ")
            + " (nothing may be erased)",
    }
}
