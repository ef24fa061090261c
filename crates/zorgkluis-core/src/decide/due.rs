//! Retention per record as of a date: whether a record (or a person's category) is due for
//! destruction, kept, extended, held, or not yet started, from the reglement, the law layer
//! and the record's facts. What [`super::retention`] answers as dates, this answers as a status
//! on a given day, with an extension where the reglement or the dossier law allows one.
//!
//! An extension keeps data past its term on one of two grounds: the client's consent, where
//! a rule of the category says `verlengbaar_met_toestemming` (BG wonen 3.6, Rondomzorg 3.6), or
//! the caregiver's judgement, with a reason and who decided, where the WGBO or the Jeugdwet
//! governs the category ("of zoveel langer als redelijkerwijs uit de zorg van een goed
//! hulpverlener voortvloeit", art. 7:454 lid 3 BW, art. 7.3.8 Jeugdwet). A maximum of the law
//! (camera footage, application data) is never extended: it stays strict.

use jiff::civil::Date;
use serde::Serialize;

use super::retention::{RetentionAnswer, RetentionFacts, retention};
use super::{DecisionError, push_article};
use crate::law;
use crate::reglement::{Reglement, cite};
use crate::vocabulary::ExtensionGround;

/// An extension of a record's retention beyond its term.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Extension {
    /// The last day the data is kept under the extension.
    pub until: Date,
    pub ground: ExtensionGround,
    /// The staff member who decided (or recorded the consent): an id, never a name.
    pub decided_by: String,
    /// Whether a reason was given (the reason itself is personal data and stays sealed in the
    /// store; the decision only needs to know it is there).
    pub reason_given: bool,
}

/// Where a record stands on the day asked.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize)]
#[serde(rename_all = "snake_case")]
pub enum DueStatus {
    /// Its retention has ended: it is to be destroyed (by `destroy_by`).
    Due,
    /// Its retention runs.
    Kept,
    /// Its term ended, but an extension keeps it.
    Extended,
    /// A legal hold keeps it, whatever its term.
    Held,
    /// Its term has not started (it counts from the end of care, which is not known).
    Pending,
}

impl DueStatus {
    pub fn id(self) -> &'static str {
        match self {
            DueStatus::Due => "due",
            DueStatus::Kept => "kept",
            DueStatus::Extended => "extended",
            DueStatus::Held => "held",
            DueStatus::Pending => "pending",
        }
    }
}

/// The answer for one record (or one category of a person) on one day.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct Due {
    pub category: String,
    pub status: DueStatus,
    /// The day asked.
    pub as_of: Date,
    /// The last day of retention, the extension included.
    pub retain_until: Option<Date>,
    /// The day destruction must be done by (none while kept, held or pending).
    pub destroy_by: Option<Date>,
    /// Past `destroy_by`: the destruction is late.
    pub overdue: bool,
    /// The articles the status rests on: the retention's, and the extension's.
    pub articles: Vec<String>,
    /// The retention answer it follows from (the law applied, the reglement's own term).
    pub retention: RetentionAnswer,
}

/// Whether `category` may be kept longer on `ground`, and the article that allows it.
pub fn extension_allowed(
    reglement: &Reglement,
    category: &str,
    ground: ExtensionGround,
) -> Result<String, DecisionError> {
    let refused = || DecisionError::ExtensionNotAllowed {
        category: category.to_owned(),
        ground,
    };
    let Some(cat) = reglement.taxonomy.category(category) else {
        return Err(refused());
    };
    // A maximum of the law stays strict.
    if !law::ceilings_for(cat).is_empty() {
        return Err(refused());
    }
    match ground {
        ExtensionGround::Toestemming => reglement
            .file
            .retention
            .iter()
            .map(|r| r.get_ref())
            .find(|r| {
                r.extendable_with_consent && r.categories.iter().any(|c| c.get_ref() == category)
            })
            .map(|r| cite(r.article.get_ref(), r.law.as_deref()))
            .ok_or_else(refused),
        ExtensionGround::OordeelHulpverlener => law::floors_for(&reglement.file, cat)
            .into_iter()
            .find(|f| f.id == law::WGBO_RETENTION.id || f.id == law::JEUGDWET_RETENTION.id)
            .and_then(|f| f.versions.last())
            .map(|v| v.article.to_owned())
            .ok_or_else(refused),
    }
}

/// Where a record of `category` with these facts stands on `as_of`, under the law of that day
/// (unless `facts.as_of` names another), with an extension if there is one.
pub fn retention_due(
    reglement: &Reglement,
    category: &str,
    facts: RetentionFacts,
    extension: Option<&Extension>,
    as_of: Date,
) -> Result<Due, DecisionError> {
    let facts = RetentionFacts {
        as_of: facts.as_of.or(Some(as_of)),
        ..facts
    };
    let answer = retention(reglement, category, facts)?;
    let mut articles = answer.articles.clone();
    let mut retain_until = answer.retain_until;
    let mut extended = false;
    if let (Some(ext), Some(until)) = (extension, answer.retain_until) {
        if ext.ground == ExtensionGround::OordeelHulpverlener && !ext.reason_given {
            return Err(DecisionError::ExtensionWithoutReason {
                category: category.to_owned(),
            });
        }
        let article = extension_allowed(reglement, category, ext.ground)?;
        if ext.until > until {
            retain_until = Some(ext.until);
            extended = as_of > until;
            push_article(&mut articles, article);
        }
    }
    let (status, destroy_by) = if answer.suspended {
        (DueStatus::Held, None)
    } else {
        match retain_until {
            None => (DueStatus::Pending, None),
            Some(u) if as_of > u => {
                // Destroyed within the answer's window after the end, counted from the end the
                // extension set.
                let by = match (answer.destroy_by, answer.retain_until) {
                    (Some(by), Some(own)) if u > own => {
                        let window = by.since(own).map_err(crate::calendar::OutOfRange::from)?;
                        Some(
                            u.checked_add(window)
                                .map_err(crate::calendar::OutOfRange::from)?,
                        )
                    }
                    (by, _) => by,
                };
                (DueStatus::Due, by.or(Some(u)))
            }
            Some(_) if extended => (DueStatus::Extended, None),
            Some(_) => (DueStatus::Kept, None),
        }
    };
    Ok(Due {
        category: category.to_owned(),
        status,
        as_of,
        retain_until,
        destroy_by,
        overdue: destroy_by.is_some_and(|by| as_of > by),
        articles,
        retention: answer,
    })
}
