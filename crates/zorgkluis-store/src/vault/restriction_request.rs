//! Carrying out a decided request for restriction (afscherming, art. 18 AVG): each category
//! the request names (everything of the person when it names none) is restricted on the ground
//! of art. 18 lid 1 the handler gives, tied to the request, and the request is marked carried
//! out. Carried out again after a crash halfway, it restricts only what this request has not
//! restricted yet. Lifting is [`Vault::lift_restriction`], which records that the subject was
//! told first (art. 18 lid 3).

use jiff::civil::Date;
use zorgkluis_core::i18n::Lang;
use zorgkluis_core::vocabulary::{RequestStatus, RequestType, RestrictionGround};

use super::restrictions::{NewRestriction, Restriction};
use super::{Actor, Vault, VaultError};

impl Vault {
    /// Carries out restriction request `id`, granted and not yet carried out, on `on`, on
    /// `ground`; returns the restrictions standing for it.
    pub async fn execute_restriction(
        &self,
        actor: &Actor,
        id: &str,
        ground: RestrictionGround,
        on: Date,
        lang: Lang,
    ) -> Result<Vec<Restriction>, VaultError> {
        let request = self
            .request_to_execute(actor, id, RequestType::Afscherming, "restriction")
            .await?;
        let person = request.person_id.clone();
        let asked: Vec<Option<String>> = match request.details.as_ref().map(|d| &d.categories) {
            Some(c) if !c.is_empty() => c.iter().cloned().map(Some).collect(),
            _ => vec![None],
        };
        let mine = |all: &[Restriction]| -> Vec<Restriction> {
            all.iter()
                .filter(|r| r.lifted_at.is_none() && r.request_id.as_deref() == Some(id))
                .cloned()
                .collect()
        };
        let before = mine(&self.restrictions(actor, &person).await?);
        for category in asked {
            if before.iter().any(|r| r.category == category) {
                continue;
            }
            self.restrict(
                actor,
                &NewRestriction {
                    person: person.clone(),
                    category,
                    ground,
                    request: Some(id.to_owned()),
                },
            )
            .await?;
        }
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
        Ok(mine(&self.restrictions(actor, &person).await?))
    }
}
