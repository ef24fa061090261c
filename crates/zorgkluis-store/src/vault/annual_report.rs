//! The annual privacy report's facts, gathered from what the registers and the audit log hold
//! (issue 16 part 7). Ids, dates and kinds only: no sealed text is opened and no person is
//! named, so the report is figures, each with the events it counts. Making it is the FG's
//! oversight (`read_audit`, art. 38 lid 3 en 39 AVG) or management's overview
//! (`view_overview`: figures without personal data, BG wonen 8.2 "stelt vast"), decided and
//! logged as one event.

use jiff::Timestamp;
use jiff::civil::Date;
use sqlx::Row as _;
use zorgkluis_core::Lang;
use zorgkluis_core::annual_report::{
    AnnualReport, ComplaintFact, DisclosureFact, EmergencyFact, IncidentFact, RunFact, YearFacts,
    annual_report,
};
use zorgkluis_core::decide::breach_deadline;
use zorgkluis_core::time::{dutch_date, format_date};
use zorgkluis_core::vocabulary::Duty;

use super::{Actor, Vault, VaultError};
use crate::StoreError;
use crate::audit::AuditAction;
use crate::sealed;

fn in_year(day: Date, year: i16) -> bool {
    day.year() == year
}

fn moment(text: &str) -> Result<Timestamp, StoreError> {
    text.parse()
        .map_err(|_| StoreError::Verify(format!("a stored moment `{text}` does not parse")))
}

fn day(text: &str) -> Result<Date, StoreError> {
    text.parse()
        .map_err(|_| StoreError::Verify(format!("a stored date `{text}` does not parse")))
}

impl Vault {
    /// The report of `year` (figures up to today while the year runs).
    pub async fn annual_report(
        &self,
        actor: &Actor,
        year: i16,
        lang: Lang,
    ) -> Result<AnnualReport, VaultError> {
        if !(2000..=2100).contains(&year) {
            return Err(VaultError::Invalid {
                field: "year",
                message: format!("{year}: a year from 2000 to 2100"),
            });
        }
        let duty = if self.may(actor, Duty::ReadAudit) {
            Duty::ReadAudit
        } else {
            Duty::ViewOverview
        };
        let permit = self
            .authorize_duty(
                actor,
                duty,
                false,
                AuditAction::AnnualReport,
                None,
                "jaarverslag-privacy",
            )
            .await?;
        sealed::commit(&self.inner.writer, permit, Vec::new()).await?;
        let facts = self.year_facts(year).await?;
        let reglement = &self.inner.reglement;
        Ok(annual_report(
            &reglement.file.organisation.name,
            year,
            &facts,
            crate::clock::today(),
            lang,
            |kind| {
                reglement
                    .taxonomy
                    .recipient(kind)
                    .map_or_else(|| kind.to_owned(), |r| r.label(lang).to_owned())
            },
        ))
    }

    async fn year_facts(&self, year: i16) -> Result<YearFacts, VaultError> {
        let tenant = &self.inner.tenant;
        let pool = &*self.inner.pool;
        let mut facts = YearFacts {
            requests: self.requests_received_in(year).await?,
            ..YearFacts::default()
        };

        let rows = sqlx::query(
            "SELECT id, discovered_at, notify_ap, ap_notified_at, persons_notified_at \
             FROM incidents WHERE tenant_id = $1 ORDER BY discovered_at, id",
        )
        .bind(tenant)
        .fetch_all(pool)
        .await?;
        for r in &rows {
            let discovered = moment(&r.try_get::<String, _>(1)?)?;
            if !in_year(dutch_date(discovered), year) {
                continue;
            }
            let clock = breach_deadline(&self.inner.reglement, discovered)
                .map_err(|e| StoreError::Verify(e.to_string()))?;
            facts.incidents.push(IncidentFact {
                id: r.try_get(0)?,
                discovered,
                deadline: clock.deadline(),
                not_notified: r.try_get::<Option<i64>, _>(2)? == Some(0),
                ap_notified: r
                    .try_get::<Option<String>, _>(3)?
                    .as_deref()
                    .map(moment)
                    .transpose()?,
                persons_notified: r.try_get::<Option<String>, _>(4)?.is_some(),
            });
        }

        let rows = sqlx::query(
            "SELECT id, received, extension_told, decided_on, to_ap FROM complaints \
             WHERE tenant_id = $1 ORDER BY received, id",
        )
        .bind(tenant)
        .fetch_all(pool)
        .await?;
        for r in &rows {
            let received = day(&r.try_get::<String, _>(1)?)?;
            if !in_year(received, year) {
                continue;
            }
            let extended = r.try_get::<Option<String>, _>(2)?.is_some();
            facts.complaints.push(ComplaintFact {
                id: r.try_get(0)?,
                received,
                decide_by: self.complaint_clock(received, extended)?.decide_by,
                extended,
                decided: r
                    .try_get::<Option<String>, _>(3)?
                    .as_deref()
                    .map(day)
                    .transpose()?,
                to_ap: r.try_get::<i64, _>(4)? != 0,
            });
        }

        // An emergency access counts as reviewed once a review of the emergency accesses
        // (which shows every one before it) took place after it.
        let last_review: Option<i64> = sqlx::query(
            "SELECT MAX(seq) FROM audit_events WHERE tenant_id = $1 AND action = $2 AND outcome = $3",
        )
        .bind(tenant)
        .bind(AuditAction::ReviewEmergency.id())
        .bind(crate::audit::Outcome::Allowed.id())
        .fetch_one(pool)
        .await?
        .try_get(0)?;
        let rows = sqlx::query(
            "SELECT seq, at FROM audit_events WHERE tenant_id = $1 AND emergency <> 0 \
             AND outcome = $2 ORDER BY seq",
        )
        .bind(tenant)
        .bind(crate::audit::Outcome::Allowed.id())
        .fetch_all(pool)
        .await?;
        for r in &rows {
            let seq: i64 = r.try_get(0)?;
            if in_year(dutch_date(moment(&r.try_get::<String, _>(1)?)?), year) {
                facts.emergencies.push(EmergencyFact {
                    seq,
                    reviewed: last_review.is_some_and(|l| l > seq),
                });
            }
        }

        for d in self.ledger(None, None).await? {
            if in_year(d.disclosed_on, year) {
                facts.disclosures.push(DisclosureFact {
                    id: d.id,
                    recipient_kind: d.recipient.kind,
                });
            }
        }

        let rows = sqlx::query(
            "SELECT id, given_on FROM consents WHERE tenant_id = $1 ORDER BY given_on, id",
        )
        .bind(tenant)
        .fetch_all(pool)
        .await?;
        for r in &rows {
            if in_year(day(&r.try_get::<String, _>(1)?)?, year) {
                facts.consents_given.push(r.try_get(0)?);
            }
        }
        let rows = sqlx::query(
            "SELECT consent_id, withdrawn_on FROM consent_withdrawals WHERE tenant_id = $1 \
             ORDER BY withdrawn_on, consent_id",
        )
        .bind(tenant)
        .fetch_all(pool)
        .await?;
        for r in &rows {
            if in_year(day(&r.try_get::<String, _>(1)?)?, year) {
                facts.consents_withdrawn.push(r.try_get(0)?);
            }
        }

        let rows = sqlx::query(
            "SELECT id, finished_at FROM retention_runs WHERE tenant_id = $1 \
             AND finished_at IS NOT NULL ORDER BY finished_at, id",
        )
        .bind(tenant)
        .fetch_all(pool)
        .await?;
        for r in &rows {
            let id: String = r.try_get(0)?;
            if !in_year(dutch_date(moment(&r.try_get::<String, _>(1)?)?), year) {
                continue;
            }
            let items = sqlx::query(
                "SELECT item FROM retention_run_items WHERE tenant_id = $1 AND run_id = $2 \
                 AND outcome = 'destroyed' ORDER BY item",
            )
            .bind(tenant)
            .bind(&id)
            .fetch_all(pool)
            .await?;
            let destroyed = items
                .iter()
                .map(|i| Ok(format!("{id}/{}", i.try_get::<i64, _>(0)?)))
                .collect::<Result<Vec<String>, sqlx::Error>>()?;
            facts.runs.push(RunFact { id, destroyed });
        }

        let rows = sqlx::query(
            "SELECT version, effective FROM reglement_versions WHERE tenant_id = $1 \
             ORDER BY effective, version",
        )
        .bind(tenant)
        .fetch_all(pool)
        .await?;
        for r in &rows {
            let version: String = r.try_get(0)?;
            let effective = day(&r.try_get::<String, _>(1)?)?;
            if in_year(effective, year) {
                facts
                    .versions
                    .push(format!("{version} ({})", format_date(effective, Lang::Nl)));
            }
        }
        Ok(facts)
    }
}
