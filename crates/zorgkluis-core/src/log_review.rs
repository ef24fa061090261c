//! The log review (logcontrole, NEN 7513): rules over a window of the audit log that flag what
//! deserves the privacy officer's look. Four rules:
//!
//! - `noodtoegang_niet_beoordeeld`: an emergency access the review did not show within the
//!   reglement's term (`[noodtoegang] beoordelen_binnen`), or the product's default.
//! - `ongewoon_veel_dossiers`: a user read far more distinct dossiers in a day than that user's
//!   own usual day over the 30 days before and than the usual day of the role.
//! - `buiten_zorgrelatie`: a read outside a care relationship that a broad rule (one that does
//!   not ask for a care relationship) allowed, of special category data or of a category the
//!   same role otherwise reads only in a care relationship.
//! - `collega_of_bekende`: an access to the file of a colleague (a person registered as staff).
//!
//! Pure: the store fills [`LogFacts`] from the log and the care teams, the day is a parameter.
//! Each flag carries its numbers ([`Details`]), the reason in words ([`Flag::reason`]) and the
//! articles it rests on: NEN 7513, AVG art. 32 lid 1 sub d, and the reglement's own article
//! where it has one.

use std::collections::{BTreeMap, BTreeSet};

use jiff::Timestamp;
use jiff::civil::Date;
use serde::{Deserialize, Serialize};

use crate::i18n::Lang;
use crate::period::{Period, Unit};
use crate::reglement::{Reglement, cite};
use crate::t;
use crate::time::{dutch_date, format_date};
use crate::vocabulary::{Action, Duty};

/// The norm of the log and its review (NEN 7513:2018, "controle van de logging").
pub const NEN_7513: &str = "NEN 7513";
/// "A process for regularly testing, assessing and evaluating the effectiveness of technical
/// and organisational measures" (art. 32 lid 1 sub d AVG): reviewing the log is one.
pub const AVG_32_1_D: &str = "AVG art. 32 lid 1 sub d";

/// The emergency review term where the reglement sets none. Product policy, not law: NEN 7513
/// asks that emergency accesses are reviewed, not how soon; a week lets an officer who reviews
/// weekly see each access once, while the user still remembers why.
pub const EMERGENCY_REVIEW_DEFAULT: Period = Period::new(7, Unit::Days);
/// How the product cites its default term.
pub const EMERGENCY_REVIEW_DEFAULT_ARTICLE: &str =
    "productbeleid zorgkluis: noodtoegang beoordeeld binnen 7 dagen";

/// How many days before a day make a user's and a role's usual day.
pub const BASELINE_DAYS: i32 = 30;
/// A day counts as far more than usual above this many times the usual. Product policy: the
/// number of dossiers a caregiver reads varies with shifts and admissions by a factor of two,
/// rarely three; three times the usual, against both the user's own and the role's, leaves the
/// busy day alone and shows the day someone browses.
pub const VOLUME_FACTOR: u32 = 3;
/// Below this many distinct dossiers in a day nothing is flagged, however quiet the usual day.
/// Product policy: a caregiver covering a ward for a colleague reads ten files without anything
/// to look at; the factor of three on a usual day of two would flag that.
pub const VOLUME_MINIMUM: u32 = 10;
/// How the product cites the volume rule's threshold.
pub const VOLUME_ARTICLE: &str =
    "productbeleid zorgkluis: meer dan 3 keer het gewone aantal dossiers per dag, en minstens 10";
/// The subject categories whose persons are the organisation's own staff: their file is a
/// colleague's. The store has no marking of known persons (a public figure, a staff member's
/// relative) yet; only colleagues are flagged.
pub const COLLEAGUE_SUBJECTS: &[&str] = &["medewerker", "vrijwilliger"];

/// What a flag is about.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum FlagKind {
    NoodtoegangNietBeoordeeld,
    OngewoonVeelDossiers,
    BuitenZorgrelatie,
    CollegaOfBekende,
}

impl FlagKind {
    pub const ALL: [FlagKind; 4] = [
        FlagKind::NoodtoegangNietBeoordeeld,
        FlagKind::OngewoonVeelDossiers,
        FlagKind::BuitenZorgrelatie,
        FlagKind::CollegaOfBekende,
    ];

    pub fn id(self) -> &'static str {
        match self {
            FlagKind::NoodtoegangNietBeoordeeld => "noodtoegang_niet_beoordeeld",
            FlagKind::OngewoonVeelDossiers => "ongewoon_veel_dossiers",
            FlagKind::BuitenZorgrelatie => "buiten_zorgrelatie",
            FlagKind::CollegaOfBekende => "collega_of_bekende",
        }
    }

    pub fn from_id(id: &str) -> Option<FlagKind> {
        FlagKind::ALL.into_iter().find(|k| k.id() == id)
    }

    /// "Noodtoegang niet op tijd beoordeeld", ...
    pub fn label(self, lang: Lang) -> String {
        match self {
            FlagKind::NoodtoegangNietBeoordeeld => t!(lang, "log-review-kind-emergency"),
            FlagKind::OngewoonVeelDossiers => t!(lang, "log-review-kind-volume"),
            FlagKind::BuitenZorgrelatie => t!(lang, "log-review-kind-outside-care"),
            FlagKind::CollegaOfBekende => t!(lang, "log-review-kind-colleague"),
        }
    }
}

/// What a logged event did, as far as the review needs to know.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum LoggedAction {
    /// An action on a category of a person's data.
    Data(Action),
    /// The review of emergency accesses: the persons it showed are the event's subjects.
    EmergencyReview,
    /// Anything else (lists, searches, registers, accounts).
    Other,
}

/// One event of the log, as the review reads it.
#[derive(Debug, Clone)]
pub struct LogFact {
    pub seq: i64,
    pub at: Timestamp,
    pub user: String,
    pub role: String,
    pub person: Option<String>,
    pub action: LoggedAction,
    pub category: Option<String>,
    pub allowed: bool,
    pub emergency: bool,
    /// The articles that decided the access (the event's `articles`).
    pub articles: Vec<String>,
    /// The persons a list or a review showed.
    pub subjects: Vec<String>,
}

/// A member of a person's care team, from a day until a day (inclusive; open when none).
#[derive(Debug, Clone)]
pub struct CareSpan {
    pub user: String,
    pub person: String,
    pub from: Date,
    pub until: Option<Date>,
}

/// What the review reads: the events (the window and the [`BASELINE_DAYS`] before it, and the
/// emergency reviews after it), the care teams, and who is a colleague.
#[derive(Debug, Clone, Default)]
pub struct LogFacts {
    pub events: Vec<LogFact>,
    pub care: Vec<CareSpan>,
    /// Persons registered as staff ([`COLLEAGUE_SUBJECTS`]).
    pub colleagues: BTreeSet<String>,
}

/// The days reviewed (Dutch dates, inclusive) and today, on which terms are judged.
#[derive(Debug, Clone, Copy)]
pub struct Window {
    pub from: Date,
    pub to: Date,
    pub today: Date,
}

/// The numbers behind a flag, by kind.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[serde(tag = "kind", rename_all = "snake_case")]
pub enum Details {
    NoodtoegangNietBeoordeeld {
        /// The term, as the reglement (or the product) writes it.
        term: String,
        /// The last day of the review.
        due: Date,
        category: Option<String>,
        /// A review that showed the access after the term.
        reviewed_late: Option<Date>,
    },
    OngewoonVeelDossiers {
        count: u32,
        /// The user's own median day over the days before (days with reads only).
        own_usual: Option<u32>,
        /// The median day of the role's users over the same days.
        role_usual: Option<u32>,
        factor: u32,
        minimum: u32,
    },
    BuitenZorgrelatie {
        category: String,
        /// The article of the broad rule that allowed it.
        article: String,
    },
    CollegaOfBekende {
        categories: Vec<String>,
    },
}

/// One flag: what deserves a look, about whom, from which events, and why.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct Flag {
    pub kind: FlagKind,
    /// The same flag found again has the same key (the store keeps one).
    pub key: String,
    pub user: String,
    pub role: String,
    pub persons: Vec<String>,
    pub seqs: Vec<i64>,
    /// The day of the events.
    pub day: Date,
    /// For an emergency access, the end of its review term.
    pub due: Option<Date>,
    pub details: Details,
    pub articles: Vec<String>,
}

impl Flag {
    /// The reason in words, with the numbers.
    pub fn reason(&self, lang: Lang) -> String {
        reason(&self.details, self.day, lang)
    }
}

/// The reason of a flag of `day` with these details, in words.
pub fn reason(details: &Details, day: Date, lang: Lang) -> String {
    let date = format_date(day, lang);
    match details {
        Details::NoodtoegangNietBeoordeeld {
            term,
            due,
            reviewed_late,
            ..
        } => {
            let due = format_date(*due, lang);
            match reviewed_late {
                Some(r) => t!(
                    lang,
                    "log-review-reason-emergency-late",
                    date = &date,
                    term = term.as_str(),
                    due = &due,
                    reviewed = &format_date(*r, lang)
                ),
                None => t!(
                    lang,
                    "log-review-reason-emergency",
                    date = &date,
                    term = term.as_str(),
                    due = &due
                ),
            }
        }
        Details::OngewoonVeelDossiers {
            count,
            own_usual,
            role_usual,
            factor,
            minimum,
        } => {
            let (count, factor, minimum) = (*count, *factor, *minimum);
            match (own_usual, role_usual) {
                (Some(own), Some(role)) => t!(
                    lang,
                    "log-review-reason-volume",
                    count = count,
                    date = &date,
                    own = *own,
                    role = *role,
                    factor = factor,
                    minimum = minimum
                ),
                (Some(own), None) => t!(
                    lang,
                    "log-review-reason-volume-own",
                    count = count,
                    date = &date,
                    own = *own,
                    factor = factor,
                    minimum = minimum
                ),
                (None, Some(role)) => t!(
                    lang,
                    "log-review-reason-volume-role",
                    count = count,
                    date = &date,
                    role = *role,
                    factor = factor,
                    minimum = minimum
                ),
                (None, None) => t!(
                    lang,
                    "log-review-reason-volume-bare",
                    count = count,
                    date = &date
                ),
            }
        }
        Details::BuitenZorgrelatie { category, article } => t!(
            lang,
            "log-review-reason-outside-care",
            date = &date,
            category = category.as_str(),
            article = article.as_str()
        ),
        Details::CollegaOfBekende { categories } => t!(
            lang,
            "log-review-reason-colleague",
            date = &date,
            categories = &categories.join(", ")
        ),
    }
}

/// The emergency review term and what it rests on: the reglement's `[noodtoegang]
/// beoordelen_binnen`, or the product's default.
pub fn emergency_term(reglement: &Reglement) -> (Period, String) {
    let emergency = reglement.file.emergency.as_ref();
    match emergency.and_then(|e| e.review_within.as_ref()) {
        Some(p) => (
            *p.get_ref(),
            emergency
                .map(|e| e.article.get_ref().clone())
                .unwrap_or_default(),
        ),
        None => (
            EMERGENCY_REVIEW_DEFAULT,
            EMERGENCY_REVIEW_DEFAULT_ARTICLE.to_owned(),
        ),
    }
}

/// The articles every flag cites, with the reglement's own (`own`) where there is one.
fn articles(own: impl IntoIterator<Item = String>) -> Vec<String> {
    let mut out = vec![NEN_7513.to_owned(), AVG_32_1_D.to_owned()];
    for a in own {
        if !a.is_empty() && !out.contains(&a) {
            out.push(a);
        }
    }
    out
}

/// The reglement's articles for the review itself: the rules that give the log to be read
/// (`read_audit`).
fn review_articles(reglement: &Reglement) -> Vec<String> {
    reglement
        .file
        .duties
        .iter()
        .map(|d| d.get_ref())
        .filter(|d| d.duties.contains(&Duty::ReadAudit))
        .map(|d| cite(d.article.get_ref(), d.law.as_deref()))
        .collect()
}

/// The median of `values` (the upper of the two middle ones); none of nothing.
fn median(mut values: Vec<u32>) -> Option<u32> {
    values.sort_unstable();
    values.get(values.len() / 2).copied()
}

/// A user on a day.
type UserDay<'a> = (&'a str, Date);
/// A user's access to a person on a day.
type Access<'a> = (&'a str, &'a str, Date);

fn in_care(care: &[CareSpan], user: &str, person: &str, day: Date) -> bool {
    care.iter().any(|c| {
        c.user == user && c.person == person && c.from <= day && c.until.is_none_or(|u| u >= day)
    })
}

/// A read of a dossier: an allowed read or export of one person's data.
fn reads_dossier(f: &LogFact) -> bool {
    f.allowed
        && f.person.is_some()
        && matches!(f.action, LoggedAction::Data(Action::Read | Action::Export))
}

/// The reglement's user rules for `role` doing `action` on `category`: (whether it asks for a
/// care relationship, its article).
fn rules_for(
    reglement: &Reglement,
    role: &str,
    action: Action,
    category: &str,
) -> Vec<(bool, String)> {
    let mut out = Vec::new();
    for p in &reglement.file.processings {
        let p = p.get_ref();
        for u in &p.users {
            let cats: Vec<&str> = match &u.categories {
                Some(c) => c.iter().map(|c| c.get_ref().as_str()).collect(),
                None => p.categories.iter().map(|c| c.get_ref().as_str()).collect(),
            };
            if u.role.get_ref() == role && u.actions.contains(&action) && cats.contains(&category) {
                out.push((u.care_relationship, u.article.get_ref().clone()));
            }
        }
    }
    out
}

/// Runs the four rules over `facts` for the days of `window`.
pub fn review(reglement: &Reglement, facts: &LogFacts, window: Window) -> Vec<Flag> {
    let in_window = |day: Date| day >= window.from && day <= window.to;
    let mut flags = Vec::new();
    emergencies(reglement, facts, window, &in_window, &mut flags);
    volume(reglement, facts, &in_window, &mut flags);
    outside_care(reglement, facts, &in_window, &mut flags);
    colleagues(reglement, facts, &in_window, &mut flags);
    flags
}

fn emergencies(
    reglement: &Reglement,
    facts: &LogFacts,
    window: Window,
    in_window: &impl Fn(Date) -> bool,
    flags: &mut Vec<Flag>,
) {
    let (term, own) = emergency_term(reglement);
    for e in &facts.events {
        let (true, true, Some(person), LoggedAction::Data(_)) =
            (e.allowed, e.emergency, &e.person, e.action)
        else {
            continue;
        };
        let day = dutch_date(e.at);
        if !in_window(day) {
            continue;
        }
        let Ok(due) = reglement.calendar.add_period(day, term) else {
            continue;
        };
        if window.today <= due {
            continue; // the term still runs
        }
        // The review showed the access when it listed its person after it was made.
        let reviews: Vec<Date> = facts
            .events
            .iter()
            .filter(|r| {
                r.allowed
                    && r.action == LoggedAction::EmergencyReview
                    && r.at >= e.at
                    && r.subjects.iter().any(|s| s == person)
            })
            .map(|r| dutch_date(r.at))
            .collect();
        if reviews.iter().any(|r| *r <= due) {
            continue;
        }
        flags.push(Flag {
            kind: FlagKind::NoodtoegangNietBeoordeeld,
            key: format!("{}:{}", FlagKind::NoodtoegangNietBeoordeeld.id(), e.seq),
            user: e.user.clone(),
            role: e.role.clone(),
            persons: vec![person.clone()],
            seqs: vec![e.seq],
            day,
            due: Some(due),
            details: Details::NoodtoegangNietBeoordeeld {
                term: term.describe(Lang::Nl),
                due,
                category: e.category.clone(),
                reviewed_late: reviews.into_iter().min(),
            },
            articles: articles([own.clone()]),
        });
    }
}

fn volume(
    reglement: &Reglement,
    facts: &LogFacts,
    in_window: &impl Fn(Date) -> bool,
    flags: &mut Vec<Flag>,
) {
    // (user, day) -> the distinct persons read, with the seqs.
    let mut days: BTreeMap<UserDay<'_>, (BTreeSet<&str>, Vec<i64>)> = BTreeMap::new();
    let mut roles: BTreeMap<&str, &str> = BTreeMap::new();
    for f in facts.events.iter().filter(|f| reads_dossier(f)) {
        let Some(person) = &f.person else { continue };
        let entry = days.entry((f.user.as_str(), dutch_date(f.at))).or_default();
        entry.0.insert(person);
        entry.1.push(f.seq);
        roles.insert(f.user.as_str(), f.role.as_str());
    }
    let counts: BTreeMap<(&str, Date), u32> = days
        .iter()
        .map(|(k, (persons, _))| (*k, u32::try_from(persons.len()).unwrap_or(u32::MAX)))
        .collect();
    for (&(user, day), (persons, seqs)) in &days {
        if !in_window(day) {
            continue;
        }
        let count = counts[&(user, day)];
        if count < VOLUME_MINIMUM {
            continue;
        }
        let Some(start) = day.checked_sub(jiff::Span::new().days(BASELINE_DAYS)).ok() else {
            continue;
        };
        let before = |d: Date| d >= start && d < day;
        let role = roles.get(user).copied().unwrap_or_default();
        let own_usual = median(
            counts
                .iter()
                .filter(|((u, d), _)| *u == user && before(*d))
                .map(|(_, n)| *n)
                .collect(),
        );
        let role_usual = median(
            counts
                .iter()
                .filter(|((u, d), _)| roles.get(u) == Some(&role) && before(*d))
                .map(|(_, n)| *n)
                .collect(),
        );
        if own_usual.is_none() && role_usual.is_none() {
            continue; // nothing to compare with: no usual day yet
        }
        let above =
            |usual: Option<u32>| usual.is_none_or(|u| count > u.saturating_mul(VOLUME_FACTOR));
        if !(above(own_usual) && above(role_usual)) {
            continue;
        }
        let mut own = review_articles(reglement);
        own.push(VOLUME_ARTICLE.to_owned());
        flags.push(Flag {
            kind: FlagKind::OngewoonVeelDossiers,
            key: format!("{}:{user}:{day}", FlagKind::OngewoonVeelDossiers.id()),
            user: user.to_owned(),
            role: role.to_owned(),
            persons: persons.iter().map(|p| (*p).to_owned()).collect(),
            seqs: seqs.clone(),
            day,
            due: None,
            details: Details::OngewoonVeelDossiers {
                count,
                own_usual,
                role_usual,
                factor: VOLUME_FACTOR,
                minimum: VOLUME_MINIMUM,
            },
            articles: articles(own),
        });
    }
}

/// Reads outside a care relationship allowed by a broad rule. The log records the articles of
/// every rule that allowed a read: when none of them asks for a care relationship the read rested
/// on a broad rule. It deserves a look when the data are special (art. 9 or 10 AVG) or the role
/// reads the same data otherwise only in a care relationship, and the care teams show the user
/// was not in the client's team that day. Emergency reads have a rule of their own.
fn outside_care(
    reglement: &Reglement,
    facts: &LogFacts,
    in_window: &impl Fn(Date) -> bool,
    flags: &mut Vec<Flag>,
) {
    let mut found: BTreeMap<Access<'_>, (Vec<i64>, &str, &str, String)> = BTreeMap::new();
    for f in &facts.events {
        let (true, false, Some(person), Some(category), LoggedAction::Data(Action::Read)) =
            (f.allowed, f.emergency, &f.person, &f.category, f.action)
        else {
            continue;
        };
        let day = dutch_date(f.at);
        if !in_window(day) || in_care(&facts.care, &f.user, person, day) {
            continue;
        }
        let rules = rules_for(reglement, &f.role, Action::Read, category);
        let cited: Vec<&(bool, String)> = rules
            .iter()
            .filter(|(_, article)| f.articles.iter().any(|a| a == article))
            .collect();
        let Some((_, broad_article)) = cited.iter().find(|(care, _)| !care) else {
            continue;
        };
        if cited.iter().any(|(care, _)| *care) {
            continue; // a care-bound rule allowed it too: the user was in the team
        }
        let special = reglement
            .taxonomy
            .category(category)
            .is_some_and(|c| c.special.is_some());
        let care_bound_role = rules.iter().any(|(care, _)| *care);
        if !special && !care_bound_role {
            continue;
        }
        let entry = found
            .entry((f.user.as_str(), person.as_str(), day))
            .or_insert_with(|| {
                (
                    Vec::new(),
                    f.role.as_str(),
                    category.as_str(),
                    broad_article.clone(),
                )
            });
        entry.0.push(f.seq);
    }
    for ((user, person, day), (seqs, role, category, article)) in found {
        flags.push(Flag {
            kind: FlagKind::BuitenZorgrelatie,
            key: format!("{}:{user}:{person}:{day}", FlagKind::BuitenZorgrelatie.id()),
            user: user.to_owned(),
            role: role.to_owned(),
            persons: vec![person.to_owned()],
            seqs,
            day,
            due: None,
            details: Details::BuitenZorgrelatie {
                category: category.to_owned(),
                article: article.clone(),
            },
            articles: articles([article]),
        });
    }
}

fn colleagues(
    reglement: &Reglement,
    facts: &LogFacts,
    in_window: &impl Fn(Date) -> bool,
    flags: &mut Vec<Flag>,
) {
    let mut found: BTreeMap<Access<'_>, (Vec<i64>, &str, BTreeSet<String>)> = BTreeMap::new();
    for f in &facts.events {
        let (true, Some(person), LoggedAction::Data(_)) = (f.allowed, &f.person, f.action) else {
            continue;
        };
        let day = dutch_date(f.at);
        if !in_window(day) || !facts.colleagues.contains(person) {
            continue;
        }
        let entry = found
            .entry((f.user.as_str(), person.as_str(), day))
            .or_insert_with(|| (Vec::new(), f.role.as_str(), BTreeSet::new()));
        entry.0.push(f.seq);
        entry.2.extend(f.category.clone());
    }
    for ((user, person, day), (seqs, role, categories)) in found {
        flags.push(Flag {
            kind: FlagKind::CollegaOfBekende,
            key: format!("{}:{user}:{person}:{day}", FlagKind::CollegaOfBekende.id()),
            user: user.to_owned(),
            role: role.to_owned(),
            persons: vec![person.to_owned()],
            seqs,
            day,
            due: None,
            details: Details::CollegaOfBekende {
                categories: categories.into_iter().collect(),
            },
            articles: articles(review_articles(reglement)),
        });
    }
}

/// The order of what is due: emergency accesses past their term first (the longest overdue
/// first), then the oldest day first. Sort flags by this key.
pub fn due_order(kind: FlagKind, day: Date, due: Option<Date>) -> (u8, Date, Date) {
    (
        u8::from(kind != FlagKind::NoodtoegangNietBeoordeeld),
        due.unwrap_or(day),
        day,
    )
}
