//! Restriction of processing (afscherming, art. 18 AVG): a person's data, or one category of
//! it, is kept but held back from every use but storage and erasure until the restriction is
//! lifted. The policy engine receives it as a fact of every decision (`resource.restricted`,
//! the reglement's `afscherming` forbid), so a caregiver in the care team reads nothing of it;
//! the read is refused and logged like any other.
//!
//! Placing and lifting are the request handler's (duty `handle_requests`), often as the
//! execution of a request of type `afscherming`. The subject is told before the restriction
//! is lifted (art. 18 lid 3 AVG): a lift records the day they were told, which cannot be in
//! the future. The ground is one of art. 18 lid 1, an id: no free text enters the register.

use jiff::civil::Date;
use serde::Serialize;
use sqlx::Row as _;
use zorgkluis_core::vocabulary::{Duty, RestrictionGround};

use super::{Actor, Vault, VaultError};
use crate::StoreError;
use crate::audit::AuditAction;
use crate::db::HotArg;
use crate::sealed;
use crate::writer::{Arg, Stmt};

/// A restriction to place.
#[derive(Debug, Clone)]
pub struct NewRestriction {
    pub person: String,
    /// One category only; none for everything of the person.
    pub category: Option<String>,
    pub ground: RestrictionGround,
    /// The request it carries out, if any.
    pub request: Option<String>,
}

/// A restriction as the register shows it.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct Restriction {
    pub id: String,
    pub person_id: String,
    pub category: Option<String>,
    pub ground: RestrictionGround,
    pub article: &'static str,
    pub request_id: Option<String>,
    pub placed_by: String,
    pub placed_at: String,
    pub lifted_at: Option<String>,
    pub lifted_by: Option<String>,
    /// The day the subject was told it would be lifted.
    pub told_on: Option<Date>,
}

impl Restriction {
    pub fn covers(&self, category: &str) -> bool {
        self.lifted_at.is_none() && self.category.as_deref().is_none_or(|c| c == category)
    }
}

/// The subquery that says whether a standing restriction covers category `$5` of the person
/// `k.person_id` (for the hot path's one query).
pub(crate) const RESTRICTED_SUBQUERY: &str = "(SELECT COUNT(*) FROM restrictions x \
     WHERE x.tenant_id = k.tenant_id AND x.person_id = k.person_id AND x.lifted_at IS NULL \
     AND (x.category IS NULL OR x.category = $5))";

impl Vault {
    async fn restriction_permit(
        &self,
        actor: &Actor,
        action: AuditAction,
        person: &str,
        category: Option<&str>,
        purpose: &str,
        article: &str,
    ) -> Result<sealed::Permit, VaultError> {
        let event = self.event(actor, action, Some(person), category, purpose);
        let question = sealed::Question::Duty(zorgkluis_core::decide::DutyRequest {
            supervised: actor.supervised,
            ..zorgkluis_core::decide::DutyRequest::new(&actor.role, Duty::HandleRequests)
        });
        let (permit, _) = self.authorize(question, event).await?;
        Ok(permit.citing(&[article.to_owned()]))
    }

    /// Restricts the processing of a person's data (or one category); returns its id.
    pub async fn restrict(
        &self,
        actor: &Actor,
        new: &NewRestriction,
    ) -> Result<String, VaultError> {
        if let Some(c) = &new.category {
            self.check_category(c)?;
        }
        self.known_person(&new.person).await?;
        let id = uuid::Uuid::now_v7().to_string();
        let mut permit = self
            .restriction_permit(
                actor,
                AuditAction::Restrict,
                &new.person,
                new.category.as_deref(),
                "afscherming",
                new.ground.article(),
            )
            .await?;
        if let Some(r) = &new.request {
            permit = permit.with_object(r);
        }
        let stmt = Stmt::new(
            "INSERT INTO restrictions (tenant_id, id, person_id, category, ground, request_id, \
             placed_by, placed_at) VALUES ($1, $2, $3, $4, $5, $6, $7, $8)",
            vec![
                Arg::Text(self.inner.tenant.clone()),
                Arg::Text(id.clone()),
                Arg::Text(new.person.clone()),
                Arg::OptText(new.category.clone()),
                Arg::Text(new.ground.id().to_owned()),
                Arg::OptText(new.request.clone()),
                Arg::Text(actor.user_id.clone()),
                Arg::Text(crate::clock::now()),
            ],
        );
        sealed::commit(&self.inner.writer, permit, vec![stmt]).await?;
        Ok(id)
    }

    /// Lifts a standing restriction; the subject was told on `told_on` (art. 18 lid 3 AVG).
    pub async fn lift_restriction(
        &self,
        actor: &Actor,
        id: &str,
        told_on: Date,
    ) -> Result<(), VaultError> {
        let found = self
            .stored_restrictions(None)
            .await?
            .into_iter()
            .find(|r| r.id == id)
            .ok_or_else(|| VaultError::NotFound(format!("restriction {id}")))?;
        if found.lifted_at.is_some() {
            return Err(VaultError::Conflict {
                field: "restriction",
                message: format!("restriction {id} was lifted already"),
            });
        }
        let placed_on = found.placed_at.get(..10).unwrap_or_default();
        if told_on > crate::clock::today() || told_on.to_string().as_str() < placed_on {
            return Err(VaultError::Invalid {
                field: "told_on",
                message: format!(
                    "the day the subject was told, between {placed_on} and today (art. 18 lid 3 AVG: before the restriction is lifted)"
                ),
            });
        }
        let permit = self
            .restriction_permit(
                actor,
                AuditAction::RestrictionLift,
                &found.person_id,
                found.category.as_deref(),
                "afscherming opgeheven",
                "AVG art. 18 lid 3",
            )
            .await?;
        let stmt = Stmt::must_change(
            "UPDATE restrictions SET lifted_at = $3, lifted_by = $4, told_on = $5 \
             WHERE tenant_id = $1 AND id = $2 AND lifted_at IS NULL",
            vec![
                Arg::Text(self.inner.tenant.clone()),
                Arg::Text(id.to_owned()),
                Arg::Text(crate::clock::now()),
                Arg::Text(actor.user_id.clone()),
                Arg::Text(told_on.to_string()),
            ],
        );
        sealed::commit(&self.inner.writer, permit, vec![stmt]).await?;
        Ok(())
    }

    /// A person's restrictions, standing and lifted, oldest first (the handler's view; logged).
    pub async fn restrictions(
        &self,
        actor: &Actor,
        person: &str,
    ) -> Result<Vec<Restriction>, VaultError> {
        self.known_person(person).await?;
        let permit = self
            .restriction_permit(
                actor,
                AuditAction::RequestRead,
                person,
                None,
                "afscherming",
                "AVG art. 18",
            )
            .await?;
        sealed::commit(&self.inner.writer, permit, Vec::new()).await?;
        self.stored_restrictions(Some(person))
            .await
            .map_err(Into::into)
    }

    /// The categories of a person a standing restriction covers; `None` in the list: all.
    pub(crate) async fn restricted_categories(
        &self,
        person: &str,
    ) -> Result<Vec<Option<String>>, StoreError> {
        // Asked by every decision about the person's data: stepped in place.
        self.inner
            .pool
            .hot_rows(
                "SELECT category FROM restrictions WHERE tenant_id = $1 AND person_id = $2 \
                 AND lifted_at IS NULL",
                &[HotArg::Text(&self.inner.tenant), HotArg::Text(person)],
                |r| r.opt_text(0),
            )
            .await
    }

    async fn stored_restrictions(
        &self,
        person: Option<&str>,
    ) -> Result<Vec<Restriction>, StoreError> {
        let rows = sqlx::query(
            "SELECT id, person_id, category, ground, request_id, placed_by, placed_at, lifted_at, \
             lifted_by, told_on FROM restrictions WHERE tenant_id = $1 AND ($2 = '' OR person_id = $2) \
             ORDER BY placed_at, id",
        )
        .bind(&self.inner.tenant)
        .bind(person.unwrap_or(""))
        .fetch_all(&*self.inner.pool)
        .await?;
        rows.iter()
            .map(|r| {
                let ground: String = r.try_get(3)?;
                let ground =
                    RestrictionGround::from_id(&ground).ok_or_else(|| StoreError::Invalid {
                        field: "ground",
                        message: format!("unknown restriction ground {ground}"),
                    })?;
                let told: Option<String> = r.try_get(9)?;
                Ok(Restriction {
                    id: r.try_get(0)?,
                    person_id: r.try_get(1)?,
                    category: r.try_get(2)?,
                    ground,
                    article: ground.article(),
                    request_id: r.try_get(4)?,
                    placed_by: r.try_get(5)?,
                    placed_at: r.try_get(6)?,
                    lifted_at: r.try_get(7)?,
                    lifted_by: r.try_get(8)?,
                    told_on: told
                        .map(|t| {
                            t.parse().map_err(|e| StoreError::Invalid {
                                field: "told_on",
                                message: format!("{t}: {e}"),
                            })
                        })
                        .transpose()?,
                })
            })
            .collect()
    }
}
