//! Consent as it is recorded (issue 14 part 1): whether the form a consent was given in meets
//! the form a rule needs, whether its scope is one the reglement knows, whether a recorded
//! consent covers a disclosure or a processing on a given day, and who gives consent for the
//! subject. Pure: the store keeps the records and asks these functions.
//!
//! The law read here:
//! - a consent is "elke vrije, specifieke, geïnformeerde en ondubbelzinnige wilsuiting ...
//!   door middel van een verklaring of een ondubbelzinnige actieve handeling" (AVG art. 4 punt
//!   11): said aloud it is a consent;
//! - explicit consent (AVG art. 9 lid 2 sub a) is an express statement: recorded in a signed
//!   form, or in an electronic form the subject fills in; an oral one is not kept as explicit
//!   here (the controller must be able to show it, AVG art. 7 lid 1);
//! - written consent is what the reglementen ask on top of the law (BG wonen and Rondomzorg
//!   2.4, 2.7, 5.1): only a signed form meets it. An electronic form is not taken as writing
//!   (art. 6:227a BW would need conditions this product does not check);
//! - the controller shows that consent was given (AVG art. 7 lid 1) and the subject withdraws
//!   it at any time, without affecting what was lawful before (AVG art. 7 lid 3);
//! - under 16 the legal representative consents instead of the minor (UAVG art. 5 lid 1; art.
//!   8 AVG for information society services); where the WGBO governs, from 12 up to 16 the
//!   minor and the parents with authority (or the guardian) both consent (art. 7:450 lid 2 BW,
//!   art. 7:465 lid 1 BW): the record names both. Where neither care law governs the
//!   product still asks both from 12: the minor's own will beside UAVG art. 5 (the product's
//!   choice, the stricter reading);
//! - from 16 the minor consents alone (art. 7:447 BW); a curator or mentor consents for an
//!   adult under curatele or mentorschap (UAVG art. 5; art. 7:465 lid 2 BW); the record of an
//!   adult under such a measure who consents himself names the representative beside him.

use jiff::civil::Date;
use serde::{Deserialize, Serialize};

use super::{RepresentFacts, age_on, care_laws, push_article, represent};
use crate::i18n::Lang;
use crate::reglement::Reglement;
use crate::taxonomy::{IdKind, did_you_mean};
use crate::vocabulary::{ConsentForm, ConsentGiven, Ground, LegalBasis, RequestType, Requester};

/// Showing that consent was given: the record exists for it.
pub const CONSENT_RECORD_ARTICLE: &str = "AVG art. 7 lid 1";
/// Withdrawal at any time, as easy as giving it.
pub const CONSENT_WITHDRAWAL_ARTICLE: &str = "AVG art. 7 lid 3";
/// A minor under 16: the legal representative's consent.
const UAVG_5_MINOR: &str = "UAVG art. 5 lid 1";
/// An adult under curatele or mentorschap: the representative's consent.
const UAVG_5_MEASURE: &str = "UAVG art. 5";
const OWN_RIGHTS: i32 = 12;
const ALONE: i32 = 16;
const ADULT: i32 = 18;

/// Whether a consent given in `given` meets a rule that needs `needed` (see the module's
/// reading of the law): oral consent meets plain consent only; an explicit statement or an
/// electronic form meets explicit consent; only a signed form meets written consent.
pub fn form_meets(given: ConsentGiven, needed: ConsentForm) -> bool {
    match needed {
        ConsentForm::Geen | ConsentForm::Toestemming => true,
        ConsentForm::Uitdrukkelijk => matches!(
            given,
            ConsentGiven::Uitdrukkelijk | ConsentGiven::Elektronisch | ConsentGiven::Schriftelijk
        ),
        ConsentForm::Schriftelijk => given == ConsentGiven::Schriftelijk,
    }
}

/// What a consent is for: a processing of the reglement, a recipient (or kind of recipient)
/// of its taxonomy, or both; the categories it covers; and the purpose, a short label.
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize, Deserialize)]
pub struct ConsentScope {
    pub processing: Option<String>,
    pub recipient: Option<String>,
    pub categories: Vec<String>,
    pub purpose: Option<String>,
}

/// Bad input about a consent, naming the field.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct ConsentInputError {
    pub field: &'static str,
    pub message: String,
}

impl ConsentInputError {
    fn new(field: &'static str, message: impl Into<String>) -> ConsentInputError {
        ConsentInputError {
            field,
            message: message.into(),
        }
    }
}

impl std::fmt::Display for ConsentInputError {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        write!(f, "{}: {}", self.field, self.message)
    }
}

fn unknown(kind: &str, id: &str, known: &[&str]) -> String {
    match did_you_mean(id, known) {
        Some(s) => format!("unknown {kind} `{id}` (did you mean `{s}`?)"),
        None => format!("unknown {kind} `{id}`; known: {}", known.join(", ")),
    }
}

/// Whether `purpose` is a label the audit chain may hold (lowercase letters, digits, space,
/// `-` and `_`, at most 60).
pub fn purpose_label(purpose: &str) -> bool {
    !purpose.is_empty()
        && purpose.len() <= 60
        && purpose
            .chars()
            .all(|c| c.is_ascii_lowercase() || c.is_ascii_digit() || matches!(c, ' ' | '-' | '_'))
}

/// Checks a scope against the reglement: the processing among its processings, the recipient
/// and every category in its taxonomy, at least one category, and a processing or a recipient
/// named (a consent is specific, AVG art. 4 punt 11).
pub fn check_scope(reglement: &Reglement, scope: &ConsentScope) -> Result<(), ConsentInputError> {
    if scope.processing.is_none() && scope.recipient.is_none() {
        return Err(ConsentInputError::new(
            "scope",
            "name the processing, the recipient, or both: a consent is specific (AVG art. 4 punt 11)",
        ));
    }
    if let Some(p) = &scope.processing {
        let known: Vec<&str> = reglement
            .file
            .processings
            .iter()
            .map(|x| x.get_ref().id.get_ref().as_str())
            .collect();
        if !known.contains(&p.as_str()) {
            return Err(ConsentInputError::new(
                "processing",
                unknown("processing", p, &known),
            ));
        }
    }
    if let Some(r) = &scope.recipient
        && !reglement.taxonomy.contains(IdKind::Recipient, r)
    {
        return Err(ConsentInputError::new(
            "recipient",
            unknown("recipient", r, &reglement.taxonomy.ids(IdKind::Recipient)),
        ));
    }
    if scope.categories.is_empty() {
        return Err(ConsentInputError::new(
            "categories",
            "name at least one data category",
        ));
    }
    for c in &scope.categories {
        if !reglement.taxonomy.contains(IdKind::Category, c) {
            return Err(ConsentInputError::new(
                "categories",
                unknown(
                    "data category",
                    c,
                    &reglement.taxonomy.ids(IdKind::Category),
                ),
            ));
        }
    }
    if let Some(p) = &scope.purpose
        && !purpose_label(p)
    {
        return Err(ConsentInputError::new(
            "purpose",
            "a short label of lowercase letters, digits, spaces, - or _ (at most 60)",
        ));
    }
    Ok(())
}

/// Checks a consent's days: given on `given_on`, not after `today`; valid from `valid_from`
/// (not before it was given: a consent does not reach back) up to and including
/// `valid_until`. A consent for one day has `valid_from == valid_until`.
pub fn check_period(
    given_on: Date,
    valid_from: Date,
    valid_until: Option<Date>,
    today: Date,
) -> Result<(), ConsentInputError> {
    if given_on > today {
        return Err(ConsentInputError::new(
            "given_on",
            format!("{given_on} is in the future"),
        ));
    }
    if valid_from < given_on {
        return Err(ConsentInputError::new(
            "valid_from",
            format!(
                "{valid_from} is before the consent was given ({given_on}): a consent does not reach back"
            ),
        ));
    }
    if let Some(until) = valid_until
        && until < valid_from
    {
        return Err(ConsentInputError::new(
            "valid_until",
            format!(
                "{until} is before valid_from {valid_from} (a consent for one day ends on the day it starts)"
            ),
        ));
    }
    Ok(())
}

/// What a decision asks a consent for: a disclosure to a recipient, or a processing, of one
/// category, for a purpose if it has one.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct ConsentQuery<'a> {
    pub processing: Option<&'a str>,
    pub recipient: Option<&'a str>,
    pub category: &'a str,
    pub purpose: Option<&'a str>,
}

/// A recorded consent, as far as covering is concerned.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct ConsentTerms<'a> {
    pub form: ConsentGiven,
    pub scope: &'a ConsentScope,
    pub valid_from: Date,
    pub valid_until: Option<Date>,
    /// The day it was withdrawn: from then on it covers nothing (AVG art. 7 lid 3); the days
    /// before stay covered.
    pub withdrawn_on: Option<Date>,
}

/// Whether the consent covers `query` on `day` in a form that meets `needed`. Every part of
/// the scope the consent names must match what is asked; a recipient asked for must be named
/// by the consent (a consent to a processing is no consent to give the data to others); a
/// purpose asked for must be the consent's, where it names one.
pub fn consent_covers(
    terms: &ConsentTerms<'_>,
    query: &ConsentQuery<'_>,
    needed: ConsentForm,
    day: Date,
) -> bool {
    let scope = terms.scope;
    let in_force = terms.valid_from <= day
        && terms.valid_until.is_none_or(|u| day <= u)
        && terms.withdrawn_on.is_none_or(|w| day < w);
    let recipient = match (query.recipient, scope.recipient.as_deref()) {
        (Some(asked), Some(given)) => asked == given,
        (Some(_), None) => false,
        (None, _) => true,
    };
    let processing = match (query.processing, scope.processing.as_deref()) {
        (Some(asked), Some(given)) => asked == given,
        (None, Some(_)) => query.recipient.is_some(),
        (_, None) => scope.recipient.is_some(),
    };
    let purpose = match (query.purpose, scope.purpose.as_deref()) {
        (Some(asked), Some(given)) => asked == given,
        _ => true,
    };
    in_force
        && recipient
        && processing
        && purpose
        && scope.categories.iter().any(|c| c == query.category)
        && form_meets(terms.form, needed)
}

/// Who gave a consent, and for whom, as of the day it was given.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct ConsenterFacts {
    pub given_by: Requester,
    /// The second who consents with the first: the minor of 12 up to 16 beside the parent, or
    /// the parent beside the minor; the curator or mentor beside an adult under the measure.
    pub also_by: Option<Requester>,
    pub subject_born: Date,
    pub on: Date,
    /// The legal status of an adult subject (curatele, mentorschap), or that the subject is
    /// unable to weigh his interests (wilsonbekwaam).
    pub ground: Option<Ground>,
    /// A written authorisation of the subject (a proxy's).
    pub authorisation: bool,
}

/// Who may not consent, or who is missing: the field, why, and the articles that decide.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct ConsenterRefusal {
    pub field: &'static str,
    pub reason: String,
    pub articles: Vec<String>,
}

impl std::fmt::Display for ConsenterRefusal {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        write!(f, "{} ({})", self.reason, self.articles.join("; "))
    }
}

fn parent(r: Requester) -> bool {
    matches!(r, Requester::Ouder | Requester::Voogd)
}

/// Whether these consenters may give consent for the subject, as of the day: the articles
/// that allow it, or the refusal naming the field. A representative's authority (the parent
/// of a minor, the curator or mentor with the matching measure, the proxy with his written
/// authorisation) is decided by [`represent`], as for filing a request; the rules of consent
/// itself (the ages of UAVG art. 5 and the WGBO's double consent) are added here.
pub fn who_consents(
    reglement: &Reglement,
    facts: &ConsenterFacts,
    lang: Lang,
) -> Result<Vec<String>, ConsenterRefusal> {
    let laws = care_laws(&reglement.file);
    let mut articles = vec![CONSENT_RECORD_ARTICLE.to_owned()];
    let refuse = |field: &'static str, reason: String, articles: &[String]| ConsenterRefusal {
        field,
        reason,
        articles: articles.to_vec(),
    };
    if facts.on < facts.subject_born {
        return Err(refuse(
            "subject_born",
            format!(
                "the subject was born on {}, after the consent was given ({})",
                facts.subject_born, facts.on
            ),
            &articles,
        ));
    }
    let mut kinds = vec![facts.given_by];
    kinds.extend(facts.also_by);
    if kinds.contains(&Requester::Nabestaande) {
        push_article(&mut articles, "AVG overweging 27".to_owned());
        return Err(refuse(
            if facts.given_by == Requester::Nabestaande {
                "given_by"
            } else {
                "also_by"
            },
            "consent is the living subject's, or his representative's: an heir gives none".into(),
            &articles,
        ));
    }
    if facts.also_by == Some(facts.given_by) {
        return Err(refuse(
            "also_by",
            format!("`{}` is named twice", facts.given_by),
            &articles,
        ));
    }
    let age = age_on(facts.subject_born, facts.on);
    // The representative's authority, as for a request: the answers for representatives do
    // not depend on the request type (only the subject's and the heirs' do).
    let authority = |kind: Requester, articles: &mut Vec<String>| -> Result<(), String> {
        let answer = represent(
            reglement,
            &RepresentFacts {
                request: RequestType::Inzage,
                requester: kind,
                subject_born: facts.subject_born,
                on: facts.on,
                subject_deceased: None,
                ground: facts.ground,
                authorisation: facts.authorisation,
            },
            lang,
        )
        .map_err(|e| e.message(lang))?;
        for a in answer.articles {
            push_article(articles, a);
        }
        if answer.allowed {
            Ok(())
        } else {
            Err(answer.reason)
        }
    };
    let representative = facts.given_by != Requester::Betrokkene;
    if representative && let Err(why) = authority(facts.given_by, &mut articles) {
        let field = match facts.given_by {
            Requester::Curator | Requester::Mentor if facts.ground.is_none() => "ground",
            Requester::Gemachtigde if !facts.authorisation => "authorisation",
            _ => "given_by",
        };
        return Err(refuse(
            field,
            format!(
                "a {} gives no consent for this subject: {why}",
                facts.given_by
            ),
            &articles,
        ));
    }
    let incapable = facts.ground == Some(Ground::Wilsonbekwaam);
    if age < OWN_RIGHTS {
        push_article(&mut articles, UAVG_5_MINOR.to_owned());
        if !parent(facts.given_by) && facts.given_by != Requester::Gemachtigde {
            if laws.wgbo {
                push_article(&mut articles, "art. 7:465 lid 1 BW".to_owned());
            }
            return Err(refuse(
                "given_by",
                format!(
                    "the subject is {age}: under 12 the parents with authority or the guardian consent for him"
                ),
                &articles,
            ));
        }
        return Ok(articles);
    }
    if age < ALONE {
        push_article(&mut articles, UAVG_5_MINOR.to_owned());
        if laws.wgbo {
            push_article(&mut articles, "art. 7:450 lid 2 BW".to_owned());
            push_article(&mut articles, "art. 7:465 lid 1 BW".to_owned());
        }
        if incapable && parent(facts.given_by) {
            // The minor who cannot weigh his interests: the parents act for him alone.
            return Ok(articles);
        }
        let minor = kinds.contains(&Requester::Betrokkene);
        let parents = kinds.iter().any(|k| parent(*k));
        if !minor
            || !parents
            || kinds
                .iter()
                .any(|k| !parent(*k) && *k != Requester::Betrokkene)
        {
            let missing = if !minor {
                "the minor himself (betrokkene)"
            } else {
                "a parent with authority or the guardian (ouder, voogd)"
            };
            return Err(refuse(
                if parents || minor {
                    "also_by"
                } else {
                    "given_by"
                },
                format!(
                    "the subject is {age}: from 12 up to 16 the minor and a parent with authority \
                     or the guardian both consent; missing: {missing}"
                ),
                &articles,
            ));
        }
        return Ok(articles);
    }
    if age < ADULT {
        if laws.wgbo {
            push_article(&mut articles, "art. 7:447 BW".to_owned());
        }
        if facts.given_by == Requester::Betrokkene && incapable {
            return Err(refuse(
                "given_by",
                "the subject cannot weigh his interests in the matter: his representative consents"
                    .into(),
                &articles,
            ));
        }
        if parent(facts.given_by) && !incapable {
            return Err(refuse(
                "given_by",
                format!("the subject is {age}: from 16 the minor consents himself"),
                &articles,
            ));
        }
        return Ok(articles);
    }
    // An adult.
    if facts.given_by == Requester::Betrokkene {
        if incapable {
            if laws.wgbo {
                push_article(&mut articles, "art. 7:465 lid 2 BW".to_owned());
            }
            return Err(refuse(
                "given_by",
                "the subject cannot weigh his interests in the matter: his curator, mentor or \
                 written proxy consents"
                    .into(),
                &articles,
            ));
        }
        let measure = match facts.ground {
            Some(Ground::Curatele) => Some(Requester::Curator),
            Some(Ground::Mentorschap) => Some(Requester::Mentor),
            _ => None,
        };
        if let Some(rep) = measure {
            push_article(&mut articles, UAVG_5_MEASURE.to_owned());
            if facts.also_by != Some(rep) {
                return Err(refuse(
                    "also_by",
                    format!(
                        "the subject is under {}: the {rep} consents beside him",
                        facts.ground.map_or("", |g| g.id())
                    ),
                    &articles,
                ));
            }
            authority(rep, &mut articles).map_err(|why| refuse("also_by", why, &articles))?;
        } else if let Some(other) = facts.also_by {
            return Err(refuse(
                "also_by",
                format!("an adult consents alone; `{other}` is not needed"),
                &articles,
            ));
        }
        return Ok(articles);
    }
    if matches!(facts.given_by, Requester::Curator | Requester::Mentor) {
        push_article(&mut articles, UAVG_5_MEASURE.to_owned());
    }
    Ok(articles)
}

#[cfg(test)]
mod basis_tests {
    use super::*;

    #[test]
    fn a_category_held_on_consent_alone_needs_it() {
        let aliantus = crate::reglement::Reglement::load(
            "aliantus.toml",
            &std::fs::read_to_string(concat!(
                env!("CARGO_MANIFEST_DIR"),
                "/../../reglementen/aliantus.toml"
            ))
            .unwrap(),
            Lang::En,
        )
        .unwrap();
        // Religious preferences: only the processing `levensbeschouwing`, on consent.
        let basis = consent_basis(&aliantus, "religie").unwrap();
        assert_eq!(basis.processing, "levensbeschouwing");
        assert_eq!(
            basis.form,
            ConsentForm::Uitdrukkelijk,
            "special data: explicit"
        );
        // Health data is shared on consent too, but the medical file holds it on the contract.
        assert_eq!(consent_basis(&aliantus, "gezondheid"), None);
        assert_eq!(consent_basis(&aliantus, "hobby"), None);
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use jiff::civil::date;

    #[test]
    fn the_form_given_meets_the_form_needed_conservatively() {
        use ConsentForm as N;
        use ConsentGiven as G;
        let table = [
            (G::Mondeling, [true, true, false, false]),
            (G::Elektronisch, [true, true, true, false]),
            (G::Uitdrukkelijk, [true, true, true, false]),
            (G::Schriftelijk, [true, true, true, true]),
        ];
        for (given, meets) in table {
            for (needed, want) in [N::Geen, N::Toestemming, N::Uitdrukkelijk, N::Schriftelijk]
                .into_iter()
                .zip(meets)
            {
                assert_eq!(form_meets(given, needed), want, "{given} for {needed}");
            }
        }
    }

    fn scope() -> ConsentScope {
        ConsentScope {
            processing: None,
            recipient: Some("auditor".into()),
            categories: vec!["gezondheid".into(), "zorgplan".into()],
            purpose: Some("audit".into()),
        }
    }

    fn terms(scope: &ConsentScope) -> ConsentTerms<'_> {
        ConsentTerms {
            form: ConsentGiven::Schriftelijk,
            scope,
            valid_from: date(2026, 3, 2),
            valid_until: Some(date(2026, 3, 2)),
            withdrawn_on: None,
        }
    }

    const ASK: ConsentQuery<'static> = ConsentQuery {
        processing: None,
        recipient: Some("auditor"),
        category: "gezondheid",
        purpose: None,
    };

    #[test]
    fn a_consent_for_one_day_covers_that_day_only() {
        let s = scope();
        let t = terms(&s);
        let needed = ConsentForm::Schriftelijk;
        assert!(consent_covers(&t, &ASK, needed, date(2026, 3, 2)));
        assert!(!consent_covers(&t, &ASK, needed, date(2026, 3, 3)));
        assert!(!consent_covers(&t, &ASK, needed, date(2026, 3, 1)));
    }

    #[test]
    fn a_withdrawn_consent_covers_the_days_before_only() {
        let s = scope();
        let t = ConsentTerms {
            valid_until: None,
            withdrawn_on: Some(date(2026, 3, 10)),
            ..terms(&s)
        };
        let needed = ConsentForm::Toestemming;
        assert!(consent_covers(&t, &ASK, needed, date(2026, 3, 9)));
        assert!(!consent_covers(&t, &ASK, needed, date(2026, 3, 10)));
        assert!(!consent_covers(&t, &ASK, needed, date(2027, 1, 1)));
    }

    #[test]
    fn the_scope_must_match_what_is_asked() {
        let s = scope();
        let t = terms(&s);
        let day = date(2026, 3, 2);
        let needed = ConsentForm::Toestemming;
        let other_category = ConsentQuery {
            category: "rapportage",
            ..ASK
        };
        assert!(!consent_covers(&t, &other_category, needed, day));
        let other_recipient = ConsentQuery {
            recipient: Some("huisarts"),
            ..ASK
        };
        assert!(!consent_covers(&t, &other_recipient, needed, day));
        let other_purpose = ConsentQuery {
            purpose: Some("onderzoek"),
            ..ASK
        };
        assert!(!consent_covers(&t, &other_purpose, needed, day));
        let same_purpose = ConsentQuery {
            purpose: Some("audit"),
            ..ASK
        };
        assert!(consent_covers(&t, &same_purpose, needed, day));
        // A consent to a processing is no consent to give the data to a recipient.
        let processing_only = ConsentScope {
            processing: Some("beeld_en_geluid".into()),
            recipient: None,
            categories: vec!["beeldmateriaal".into()],
            purpose: None,
        };
        let t = ConsentTerms {
            scope: &processing_only,
            ..terms(&s)
        };
        let photo = ConsentQuery {
            processing: Some("beeld_en_geluid"),
            recipient: None,
            category: "beeldmateriaal",
            purpose: None,
        };
        assert!(consent_covers(&t, &photo, needed, day));
        let photo_out = ConsentQuery {
            recipient: Some("gemeente"),
            ..photo
        };
        assert!(!consent_covers(&t, &photo_out, needed, day));
        let other_processing = ConsentQuery {
            processing: Some("zorgverlening"),
            ..photo
        };
        assert!(!consent_covers(&t, &other_processing, needed, day));
    }

    #[test]
    fn a_form_too_weak_is_no_consent_for_the_rule() {
        let s = scope();
        let t = ConsentTerms {
            form: ConsentGiven::Elektronisch,
            ..terms(&s)
        };
        let day = date(2026, 3, 2);
        assert!(consent_covers(&t, &ASK, ConsentForm::Uitdrukkelijk, day));
        assert!(!consent_covers(&t, &ASK, ConsentForm::Schriftelijk, day));
    }

    #[test]
    fn the_period_is_checked_naming_the_field() {
        let today = date(2026, 3, 2);
        assert!(check_period(today, today, Some(today), today).is_ok());
        let e = check_period(today, today, Some(date(2026, 3, 1)), today).unwrap_err();
        assert_eq!(e.field, "valid_until");
        let e = check_period(today, date(2026, 3, 1), None, today).unwrap_err();
        assert_eq!(e.field, "valid_from");
        let e = check_period(date(2026, 3, 3), date(2026, 3, 3), None, today).unwrap_err();
        assert_eq!(e.field, "given_on");
    }

    fn bg_wonen() -> Reglement {
        let source = include_str!("../../../../reglementen/bg-wonen.toml");
        Reglement::load("bg-wonen.toml", source, Lang::En).unwrap()
    }

    fn by(given_by: Requester, also_by: Option<Requester>, born: Date) -> ConsenterFacts {
        ConsenterFacts {
            given_by,
            also_by,
            subject_born: born,
            on: date(2026, 3, 2),
            ground: None,
            authorisation: false,
        }
    }

    #[test]
    fn a_minor_of_12_up_to_16_and_his_parent_both_consent() {
        let r = bg_wonen();
        let born = date(2012, 1, 10); // 14 on the day
        let refused = |f: &ConsenterFacts| who_consents(&r, f, Lang::En).unwrap_err();
        let e = refused(&by(Requester::Betrokkene, None, born));
        assert_eq!(e.field, "also_by", "{e}");
        assert!(e.articles.contains(&"UAVG art. 5 lid 1".to_owned()));
        assert!(e.articles.contains(&"art. 7:450 lid 2 BW".to_owned()));
        let e = refused(&by(Requester::Ouder, None, born));
        assert_eq!(e.field, "also_by", "{e}");
        let both = who_consents(
            &r,
            &by(Requester::Ouder, Some(Requester::Betrokkene), born),
            Lang::En,
        )
        .unwrap();
        assert!(both.contains(&"AVG art. 7 lid 1".to_owned()));
        assert!(
            who_consents(
                &r,
                &by(Requester::Betrokkene, Some(Requester::Voogd), born),
                Lang::En
            )
            .is_ok()
        );
    }

    #[test]
    fn under_12_the_parent_consents_and_from_16_the_minor_alone() {
        let r = bg_wonen();
        let child = date(2017, 5, 1);
        let e = who_consents(&r, &by(Requester::Betrokkene, None, child), Lang::En).unwrap_err();
        assert_eq!(e.field, "given_by");
        assert!(who_consents(&r, &by(Requester::Ouder, None, child), Lang::En).is_ok());
        let sixteen = date(2009, 3, 2);
        assert!(who_consents(&r, &by(Requester::Betrokkene, None, sixteen), Lang::En).is_ok());
        let e = who_consents(&r, &by(Requester::Ouder, None, sixteen), Lang::En).unwrap_err();
        assert_eq!(e.field, "given_by");
    }

    #[test]
    fn a_representative_needs_his_ground() {
        let r = bg_wonen();
        let adult = date(1950, 6, 1);
        let e = who_consents(&r, &by(Requester::Curator, None, adult), Lang::En).unwrap_err();
        assert_eq!(e.field, "ground", "{e}");
        let with_ground = ConsenterFacts {
            ground: Some(Ground::Curatele),
            ..by(Requester::Curator, None, adult)
        };
        assert!(who_consents(&r, &with_ground, Lang::En).is_ok());
        let e = who_consents(&r, &by(Requester::Gemachtigde, None, adult), Lang::En).unwrap_err();
        assert_eq!(e.field, "authorisation", "{e}");
        let e = who_consents(&r, &by(Requester::Ouder, None, adult), Lang::En).unwrap_err();
        assert_eq!(e.field, "given_by", "{e}");
        let e = who_consents(&r, &by(Requester::Nabestaande, None, adult), Lang::En).unwrap_err();
        assert_eq!(e.field, "given_by", "{e}");
        // An adult under curatele who consents himself: the curator beside him.
        let own = ConsenterFacts {
            ground: Some(Ground::Curatele),
            ..by(Requester::Betrokkene, None, adult)
        };
        assert_eq!(
            who_consents(&r, &own, Lang::En).unwrap_err().field,
            "also_by"
        );
        let both = ConsenterFacts {
            also_by: Some(Requester::Curator),
            ..own
        };
        assert!(who_consents(&r, &both, Lang::En).is_ok());
    }

    #[test]
    fn a_scope_names_known_ids_only() {
        let r = bg_wonen();
        assert!(check_scope(&r, &scope()).is_ok());
        let bad = |s: ConsentScope| check_scope(&r, &s).unwrap_err().field;
        assert_eq!(
            bad(ConsentScope {
                categories: vec!["gezondheid".into(), "hobbys".into()],
                ..scope()
            }),
            "categories"
        );
        assert_eq!(
            bad(ConsentScope {
                categories: vec![],
                ..scope()
            }),
            "categories"
        );
        assert_eq!(
            bad(ConsentScope {
                recipient: Some("bakker".into()),
                ..scope()
            }),
            "recipient"
        );
        assert_eq!(
            bad(ConsentScope {
                processing: Some("marketing".into()),
                ..scope()
            }),
            "processing"
        );
        assert_eq!(
            bad(ConsentScope {
                processing: None,
                recipient: None,
                ..scope()
            }),
            "scope"
        );
        assert_eq!(
            bad(ConsentScope {
                purpose: Some("Audit!".into()),
                ..scope()
            }),
            "purpose"
        );
    }
}

/// A category processed on consent alone: the processing, and the form a consent must have
/// (explicit for special data, AVG art. 9 lid 2 sub a).
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct ConsentBasis<'a> {
    pub processing: &'a str,
    pub form: ConsentForm,
}

/// Whether `category` rests on consent alone: every processing of the reglement that holds it
/// has `toestemming` as its only ground (a category another processing holds on a contract or
/// the law does not need it). The first such processing names the consent asked for.
pub fn consent_basis<'a>(reglement: &'a Reglement, category: &str) -> Option<ConsentBasis<'a>> {
    let holding: Vec<_> = reglement
        .file
        .processings
        .iter()
        .map(|p| p.get_ref())
        .filter(|p| p.categories.iter().any(|c| c.get_ref() == category))
        .collect();
    let only_consent = |p: &&crate::reglement::file::Processing| {
        !p.legal_basis.is_empty() && p.legal_basis.iter().all(|b| *b == LegalBasis::Toestemming)
    };
    if holding.is_empty() || !holding.iter().all(only_consent) {
        return None;
    }
    let special = reglement
        .taxonomy
        .category(category)
        .is_some_and(|c| c.special.is_some());
    Some(ConsentBasis {
        processing: holding[0].id.get_ref(),
        form: if special {
            ConsentForm::Uitdrukkelijk
        } else {
            ConsentForm::Toestemming
        },
    })
}
