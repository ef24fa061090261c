//! Objection (bezwaar, art. 21 AVG; issue 13 part 5, issue 14 part 3): whether the right
//! applies to a processing of the reglement, whether a decision on an objection is complete,
//! and whether a recorded objection blocks a processing or a disclosure on a day. Pure: the
//! store keeps the objections and asks these functions.
//!
//! The law read here:
//! - "De betrokkene heeft te allen tijde het recht om vanwege met zijn specifieke situatie
//!   verband houdende redenen bezwaar te maken tegen de verwerking van hem betreffende
//!   persoonsgegevens op basis van artikel 6, lid 1, onder e) of f) ... De
//!   verwerkingsverantwoordelijke staakt de verwerking van de persoonsgegevens tenzij hij
//!   dwingende gerechtvaardigde gronden voor de verwerking aanvoert die zwaarder wegen dan de
//!   belangen, rechten en vrijheden van de betrokkene of die verband houden met de instelling,
//!   uitoefening of onderbouwing van een rechtsvordering" (AVG art. 21 lid 1). So the right
//!   exists against a processing on a public task (art. 6 lid 1 sub e) or a legitimate interest
//!   (sub f) only; an objection to another processing is recorded, and the answer says the
//!   right does not apply (where consent is the basis the person withdraws it, art. 7 lid 3);
//! - the burden is the controller's: a rejection records its compelling grounds, and without
//!   them the processing stops (an upheld objection);
//! - while the balancing is pending the person has a right to restriction (AVG art. 18 lid 1
//!   sub d: "in afwachting van het antwoord op de vraag of de gerechtvaardigde gronden van de
//!   verwerkingsverantwoordelijke zwaarder wegen dan die van de betrokkene"): a pending
//!   objection to which art. 21 lid 1 applies blocks, as an upheld one does;
//! - a rejection is told to the person with its reasons and the possibility to complain to the
//!   AP or go to court (AVG art. 12 lid 4);
//! - an objection to direct marketing (art. 21 lid 2 and 3) is absolute, with no balancing:
//!   that is the do-not-contact register, not this.

use jiff::civil::Date;
use serde::Serialize;

use crate::i18n::Lang;
use crate::reglement::Reglement;
use crate::t;
use crate::taxonomy::{IdKind, did_you_mean};
use crate::vocabulary::{LegalBasis, ObjectionOutcome};

/// The right to object, and the controller's burden of compelling grounds.
pub const OBJECTION_ARTICLE: &str = "AVG art. 21 lid 1";
/// The restriction while the balancing is pending.
pub const OBJECTION_PENDING_ARTICLE: &str = "AVG art. 18 lid 1 sub d";
/// A rejection is told with its reasons and where to complain.
pub const OBJECTION_REFUSAL_ARTICLE: &str = "AVG art. 12 lid 4";
/// Where consent is the basis: withdrawing it.
const CONSENT_WITHDRAWAL: &str = "AVG art. 7 lid 3";

/// Bad input about an objection, naming the field.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct ObjectionInputError {
    pub field: &'static str,
    pub message: String,
}

impl ObjectionInputError {
    fn new(field: &'static str, message: impl Into<String>) -> ObjectionInputError {
        ObjectionInputError {
            field,
            message: message.into(),
        }
    }
}

impl std::fmt::Display for ObjectionInputError {
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

/// What an objection is against: a processing of the reglement, and optionally only its
/// disclosure to a recipient (kind) or only some categories (none: all the processing's).
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize)]
pub struct ObjectionScope {
    pub processing: String,
    pub recipient: Option<String>,
    pub categories: Vec<String>,
}

/// Whether art. 21 lid 1 applies to the processing, on its legal bases, with the articles.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct ObjectionApplies {
    pub applies: bool,
    /// The processing's legal bases, as the reglement records them (`grondslag`).
    pub bases: Vec<LegalBasis>,
    pub articles: Vec<String>,
}

impl ObjectionApplies {
    /// The answer in a sentence, citing the articles.
    pub fn explain(&self, processing: &str, lang: Lang) -> String {
        let bases = self
            .bases
            .iter()
            .map(|b| b.label(lang))
            .collect::<Vec<_>>()
            .join(", ");
        if self.applies {
            return t!(
                lang,
                "objection-applies",
                processing = processing,
                bases = &bases
            );
        }
        let mut s = t!(
            lang,
            "objection-not-applies",
            processing = processing,
            bases = &bases
        );
        if self.bases.contains(&LegalBasis::Toestemming) {
            s.push(' ');
            s.push_str(&t!(lang, "objection-not-applies-consent"));
        }
        s
    }
}

/// Checks an objection's scope against the reglement (the processing among its processings,
/// the recipient and the categories in its taxonomy) and says whether art. 21 lid 1 applies:
/// only where the processing rests on art. 6 lid 1 sub e or f AVG (on one of them, where it
/// names several bases).
pub fn check_objection_scope(
    reglement: &Reglement,
    scope: &ObjectionScope,
) -> Result<ObjectionApplies, ObjectionInputError> {
    let known: Vec<&str> = reglement
        .file
        .processings
        .iter()
        .map(|x| x.get_ref().id.get_ref().as_str())
        .collect();
    let Some(processing) = reglement
        .file
        .processings
        .iter()
        .map(|p| p.get_ref())
        .find(|p| p.id.get_ref() == &scope.processing)
    else {
        return Err(ObjectionInputError::new(
            "processing",
            unknown("processing", &scope.processing, &known),
        ));
    };
    if let Some(r) = &scope.recipient
        && !reglement.taxonomy.contains(IdKind::Recipient, r)
    {
        return Err(ObjectionInputError::new(
            "recipient",
            unknown("recipient", r, &reglement.taxonomy.ids(IdKind::Recipient)),
        ));
    }
    for c in &scope.categories {
        if !reglement.taxonomy.contains(IdKind::Category, c) {
            return Err(ObjectionInputError::new(
                "categories",
                unknown(
                    "data category",
                    c,
                    &reglement.taxonomy.ids(IdKind::Category),
                ),
            ));
        }
    }
    Ok(applies_on(&processing.legal_basis))
}

/// Whether art. 21 lid 1 applies on these bases, with the articles the answer cites.
pub fn applies_on(bases: &[LegalBasis]) -> ObjectionApplies {
    let applies = bases.iter().any(|b| {
        matches!(
            b,
            LegalBasis::AlgemeenBelang | LegalBasis::GerechtvaardigdBelang
        )
    });
    let mut articles = vec![OBJECTION_ARTICLE.to_owned()];
    if !applies {
        for b in bases {
            articles.push(basis_article(*b).to_owned());
        }
        if bases.contains(&LegalBasis::Toestemming) {
            articles.push(CONSENT_WITHDRAWAL.to_owned());
        }
    }
    ObjectionApplies {
        applies,
        bases: bases.to_vec(),
        articles,
    }
}

fn basis_article(b: LegalBasis) -> &'static str {
    match b {
        LegalBasis::Toestemming => "AVG art. 6 lid 1 sub a",
        LegalBasis::Overeenkomst => "AVG art. 6 lid 1 sub b",
        LegalBasis::WettelijkePlicht => "AVG art. 6 lid 1 sub c",
        LegalBasis::VitaalBelang => "AVG art. 6 lid 1 sub d",
        LegalBasis::AlgemeenBelang => "AVG art. 6 lid 1 sub e",
        LegalBasis::GerechtvaardigdBelang => "AVG art. 6 lid 1 sub f",
    }
}

/// Checks the day an objection was received: not in the future.
pub fn check_received(received_on: Date, today: Date) -> Result<(), ObjectionInputError> {
    if received_on > today {
        return Err(ObjectionInputError::new(
            "received_on",
            format!("{received_on} is in the future"),
        ));
    }
    Ok(())
}

/// Checks a decision and returns the articles it cites: decided on a day from its receipt up
/// to today; a rejection of an objection to which art. 21 lid 1 applies records the
/// compelling legitimate grounds (`compelling_grounds`: the controller's burden), and is told
/// with its reasons (art. 12 lid 4). Where the right does not apply, a rejection needs no
/// balancing: the articles say why.
pub fn check_decision(
    applies: &ObjectionApplies,
    outcome: ObjectionOutcome,
    compelling_grounds: Option<&str>,
    received_on: Date,
    decided_on: Date,
    today: Date,
) -> Result<Vec<String>, ObjectionInputError> {
    if decided_on > today {
        return Err(ObjectionInputError::new(
            "decided_on",
            format!("{decided_on} is in the future"),
        ));
    }
    if decided_on < received_on {
        return Err(ObjectionInputError::new(
            "decided_on",
            format!("{decided_on} is before the objection was received ({received_on})"),
        ));
    }
    let grounds = compelling_grounds.map(str::trim).filter(|g| !g.is_empty());
    let mut articles = applies.articles.clone();
    match outcome {
        ObjectionOutcome::Afgewezen if applies.applies && grounds.is_none() => {
            return Err(ObjectionInputError::new(
                "compelling_grounds",
                "a rejection records the compelling legitimate grounds that override the \
                 person's interests, rights and freedoms, or the legal claim (AVG art. 21 lid \
                 1: without them the processing stops)",
            ));
        }
        ObjectionOutcome::Afgewezen => articles.push(OBJECTION_REFUSAL_ARTICLE.to_owned()),
        ObjectionOutcome::Toegewezen => {}
    }
    Ok(articles)
}

/// A recorded objection, as far as blocking is concerned.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct ObjectionTerms<'a> {
    pub scope: &'a ObjectionScope,
    /// Whether art. 21 lid 1 applies (recorded when it was filed).
    pub applies: bool,
    pub received_on: Date,
    /// The decision and its day.
    pub decision: Option<(ObjectionOutcome, Date)>,
    /// From this day on it blocks nothing.
    pub withdrawn_on: Option<Date>,
}

/// What a decision asks: a processing, or a disclosure to a recipient (within a processing
/// where the caller knows it), of one category.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct ObjectionQuery<'a> {
    pub processing: Option<&'a str>,
    pub recipient: Option<&'a str>,
    pub category: &'a str,
}

/// Why an objection blocks.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize)]
#[serde(rename_all = "snake_case")]
pub enum ObjectionStanding {
    /// Upheld: the processing stops for the person (art. 21 lid 1).
    Upheld,
    /// The balancing is pending: restricted meanwhile (art. 18 lid 1 sub d).
    Pending,
    /// Made and undecided, against a processing art. 21 lid 1 does not reach: it blocks a
    /// disclosure only where the reglement's rule says an objection does (`bezwaar_blokkeert`,
    /// AanZien 10.2: "tenzij de cliënt bezwaar heeft gemaakt"), which [`super::disclose`]
    /// decides from `DisclosureFacts::objection`.
    Raised,
}

impl ObjectionStanding {
    /// Its id in JSON: `upheld`, `pending`, `raised`.
    pub fn id(self) -> &'static str {
        match self {
            ObjectionStanding::Upheld => "upheld",
            ObjectionStanding::Pending => "pending",
            ObjectionStanding::Raised => "raised",
        }
    }

    /// The article of the law it blocks under; none for [`ObjectionStanding::Raised`], whose
    /// article is the reglement's rule.
    pub fn article(self) -> Option<&'static str> {
        match self {
            ObjectionStanding::Upheld => Some(OBJECTION_ARTICLE),
            ObjectionStanding::Pending => Some(OBJECTION_PENDING_ARTICLE),
            ObjectionStanding::Raised => None,
        }
    }

    /// Whether the law itself blocks (upheld, or pending under art. 18 lid 1 sub d), whatever
    /// the reglement's disclosure rule says; otherwise the rule decides.
    pub fn blocks_by_law(self) -> bool {
        self.article().is_some()
    }
}

/// Whether the objection concerns `query`: the same processing where one is asked; a
/// disclosure asked without a processing is covered by an objection to the disclosure to that
/// recipient, or by an objection to a whole processing that names the recipient among its
/// own (`processing_recipients`); an objection narrowed to a recipient does not cover the
/// processing itself or other recipients; its categories, where it names some, include the
/// one asked.
pub fn objection_covers(
    terms: &ObjectionTerms<'_>,
    query: &ObjectionQuery<'_>,
    processing_recipients: &[&str],
) -> bool {
    let scope = terms.scope;
    let processing = query.processing.is_none_or(|p| p == scope.processing);
    let recipient = match (query.recipient, scope.recipient.as_deref()) {
        (Some(asked), Some(objected)) => asked == objected,
        (None, Some(_)) => false,
        (Some(asked), None) => query.processing.is_some() || processing_recipients.contains(&asked),
        (None, None) => query.processing.is_some(),
    };
    let category =
        scope.categories.is_empty() || scope.categories.iter().any(|c| c == query.category);
    processing && recipient && category
}

/// Whether the objection stands against `query` on `day`, and how: received by then, not
/// withdrawn by then, and upheld by then, or undecided by then (pending while art. 21 lid 1
/// applies: the restriction of art. 18 lid 1 sub d; raised where it does not). A rejection
/// ends it from its day; an upheld objection to which the right did not apply still blocks
/// (the organisation chose to stop).
pub fn objection_standing(
    terms: &ObjectionTerms<'_>,
    query: &ObjectionQuery<'_>,
    processing_recipients: &[&str],
    day: Date,
) -> Option<ObjectionStanding> {
    if day < terms.received_on
        || terms.withdrawn_on.is_some_and(|w| w <= day)
        || !objection_covers(terms, query, processing_recipients)
    {
        return None;
    }
    match terms.decision.filter(|(_, on)| *on <= day) {
        Some((ObjectionOutcome::Toegewezen, _)) => Some(ObjectionStanding::Upheld),
        Some((ObjectionOutcome::Afgewezen, _)) => None,
        None if terms.applies => Some(ObjectionStanding::Pending),
        None => Some(ObjectionStanding::Raised),
    }
}

/// The recipients a processing of the reglement names (`ontvangers`), for
/// [`objection_standing`].
pub fn processing_recipients<'a>(reglement: &'a Reglement, processing: &str) -> Vec<&'a str> {
    reglement
        .file
        .processings
        .iter()
        .map(|p| p.get_ref())
        .find(|p| p.id.get_ref() == processing)
        .map(|p| p.recipients.iter().map(|r| r.get_ref().as_str()).collect())
        .unwrap_or_default()
}

#[cfg(test)]
mod tests {
    use super::*;
    use jiff::civil::date;

    fn scope(recipient: Option<&str>, categories: &[&str]) -> ObjectionScope {
        ObjectionScope {
            processing: "clientzorg".into(),
            recipient: recipient.map(str::to_owned),
            categories: categories.iter().map(|c| (*c).to_owned()).collect(),
        }
    }

    fn terms(scope: &ObjectionScope) -> ObjectionTerms<'_> {
        ObjectionTerms {
            scope,
            applies: true,
            received_on: date(2026, 3, 2),
            decision: None,
            withdrawn_on: None,
        }
    }

    const DISCLOSE: ObjectionQuery<'static> = ObjectionQuery {
        processing: None,
        recipient: Some("huisarts"),
        category: "gezondheid",
    };

    #[test]
    fn art_21_applies_on_a_public_task_or_legitimate_interest_only() {
        assert!(applies_on(&[LegalBasis::GerechtvaardigdBelang]).applies);
        assert!(applies_on(&[LegalBasis::AlgemeenBelang]).applies);
        assert!(applies_on(&[LegalBasis::Toestemming, LegalBasis::GerechtvaardigdBelang]).applies);
        let no = applies_on(&[LegalBasis::Overeenkomst, LegalBasis::WettelijkePlicht]);
        assert!(!no.applies);
        assert_eq!(
            no.articles,
            vec![
                "AVG art. 21 lid 1".to_owned(),
                "AVG art. 6 lid 1 sub b".to_owned(),
                "AVG art. 6 lid 1 sub c".to_owned()
            ]
        );
        let consent = applies_on(&[LegalBasis::Toestemming]);
        assert!(consent.articles.contains(&"AVG art. 7 lid 3".to_owned()));
        assert!(
            consent
                .explain("nieuwsbrief", Lang::En)
                .contains("withdraw")
        );
    }

    #[test]
    fn pending_blocks_upheld_blocks_rejected_and_withdrawn_do_not() {
        let s = scope(Some("huisarts"), &[]);
        let day = date(2026, 3, 10);
        let pending = terms(&s);
        assert_eq!(
            objection_standing(&pending, &DISCLOSE, &[], day),
            Some(ObjectionStanding::Pending)
        );
        assert_eq!(
            ObjectionStanding::Pending.article(),
            Some("AVG art. 18 lid 1 sub d")
        );
        assert!(ObjectionStanding::Pending.blocks_by_law());
        // Not before it was received.
        assert_eq!(
            objection_standing(&pending, &DISCLOSE, &[], date(2026, 3, 1)),
            None
        );

        let upheld = ObjectionTerms {
            decision: Some((ObjectionOutcome::Toegewezen, date(2026, 3, 5))),
            ..pending
        };
        assert_eq!(
            objection_standing(&upheld, &DISCLOSE, &[], day),
            Some(ObjectionStanding::Upheld)
        );

        let rejected = ObjectionTerms {
            decision: Some((ObjectionOutcome::Afgewezen, date(2026, 3, 5))),
            ..pending
        };
        assert_eq!(objection_standing(&rejected, &DISCLOSE, &[], day), None);
        // Before the rejection's day it was pending, and blocked.
        assert_eq!(
            objection_standing(&rejected, &DISCLOSE, &[], date(2026, 3, 4)),
            Some(ObjectionStanding::Pending)
        );

        let withdrawn = ObjectionTerms {
            withdrawn_on: Some(date(2026, 3, 8)),
            ..upheld
        };
        assert_eq!(objection_standing(&withdrawn, &DISCLOSE, &[], day), None);
        assert_eq!(
            objection_standing(&withdrawn, &DISCLOSE, &[], date(2026, 3, 7)),
            Some(ObjectionStanding::Upheld)
        );
    }

    #[test]
    fn a_pending_objection_where_the_right_does_not_apply_is_left_to_the_reglement() {
        let s = scope(None, &[]);
        let t = ObjectionTerms {
            applies: false,
            ..terms(&s)
        };
        let q = ObjectionQuery {
            processing: Some("clientzorg"),
            recipient: None,
            category: "gezondheid",
        };
        let raised = objection_standing(&t, &q, &[], date(2026, 3, 10)).unwrap();
        assert_eq!(raised, ObjectionStanding::Raised);
        assert!(!raised.blocks_by_law());
        let upheld = ObjectionTerms {
            decision: Some((ObjectionOutcome::Toegewezen, date(2026, 3, 3))),
            ..t
        };
        assert_eq!(
            objection_standing(&upheld, &q, &[], date(2026, 3, 10)),
            Some(ObjectionStanding::Upheld)
        );
    }

    #[test]
    fn what_an_objection_covers() {
        // Narrowed to the disclosure to the GP: not the processing, not another recipient.
        let gp = scope(Some("huisarts"), &["gezondheid"]);
        let t = terms(&gp);
        assert!(objection_covers(&t, &DISCLOSE, &[]));
        let other = ObjectionQuery {
            recipient: Some("apotheek"),
            ..DISCLOSE
        };
        assert!(!objection_covers(&t, &other, &[]));
        let category = ObjectionQuery {
            category: "naw",
            ..DISCLOSE
        };
        assert!(!objection_covers(&t, &category, &[]));
        let processing = ObjectionQuery {
            processing: Some("clientzorg"),
            recipient: None,
            category: "gezondheid",
        };
        assert!(!objection_covers(&t, &processing, &[]));

        // The whole processing: the processing itself, and a disclosure to its own recipients.
        let whole = scope(None, &[]);
        let t = terms(&whole);
        assert!(objection_covers(&t, &processing, &[]));
        assert!(objection_covers(&t, &DISCLOSE, &["huisarts"]));
        assert!(!objection_covers(&t, &DISCLOSE, &["apotheek"]));
        let elsewhere = ObjectionQuery {
            processing: Some("onderzoek"),
            ..processing
        };
        assert!(!objection_covers(&t, &elsewhere, &[]));
    }

    #[test]
    fn a_rejection_needs_the_compelling_grounds_where_the_right_applies() {
        let applies = applies_on(&[LegalBasis::GerechtvaardigdBelang]);
        let (received, today) = (date(2026, 3, 2), date(2026, 3, 10));
        let err = check_decision(
            &applies,
            ObjectionOutcome::Afgewezen,
            Some("  "),
            received,
            today,
            today,
        )
        .unwrap_err();
        assert_eq!(err.field, "compelling_grounds");
        let ok = check_decision(
            &applies,
            ObjectionOutcome::Afgewezen,
            Some("veiligheid van medebewoners"),
            received,
            today,
            today,
        )
        .unwrap();
        assert!(ok.contains(&"AVG art. 12 lid 4".to_owned()), "{ok:?}");
        assert!(
            check_decision(
                &applies,
                ObjectionOutcome::Toegewezen,
                None,
                received,
                today,
                today
            )
            .is_ok()
        );
        let not = applies_on(&[LegalBasis::Overeenkomst]);
        assert!(
            check_decision(
                &not,
                ObjectionOutcome::Afgewezen,
                None,
                received,
                today,
                today
            )
            .is_ok()
        );
        let err = check_decision(
            &applies,
            ObjectionOutcome::Toegewezen,
            None,
            received,
            date(2026, 3, 1),
            today,
        )
        .unwrap_err();
        assert_eq!(err.field, "decided_on");
        let err = check_decision(
            &applies,
            ObjectionOutcome::Toegewezen,
            None,
            received,
            date(2026, 3, 11),
            today,
        )
        .unwrap_err();
        assert_eq!(err.field, "decided_on");
    }

    fn bg_wonen() -> Reglement {
        let source = include_str!("../../../../reglementen/bg-wonen.toml");
        Reglement::load("bg-wonen.toml", source, Lang::En).unwrap()
    }

    #[test]
    fn the_scope_is_checked_against_the_reglement_and_its_grondslag() {
        let r = bg_wonen();
        let mut s = ObjectionScope {
            processing: "cameratoezicht".into(),
            recipient: None,
            categories: vec![],
        };
        // BG wonen's camera surveillance rests on a legitimate interest: the right applies.
        let a = check_objection_scope(&r, &s).unwrap();
        assert!(a.applies, "{a:?}");
        assert_eq!(a.articles, vec!["AVG art. 21 lid 1".to_owned()]);
        // Its care rests on the agreement and the law: recorded, the right does not apply.
        s.processing = "zorgverlening".into();
        let a = check_objection_scope(&r, &s).unwrap();
        assert!(!a.applies);
        assert!(a.explain("zorgverlening", Lang::Nl).contains("geldt niet"));
        s.processing = "zorgverlenin".into();
        let e = check_objection_scope(&r, &s).unwrap_err();
        assert_eq!(e.field, "processing");
        assert!(e.message.contains("zorgverlening"), "{e}");
        s.processing = "zorgverlening".into();
        s.recipient = Some("buurman".into());
        assert_eq!(
            check_objection_scope(&r, &s).unwrap_err().field,
            "recipient"
        );
        s.recipient = None;
        s.categories = vec!["hobbys".into()];
        assert_eq!(
            check_objection_scope(&r, &s).unwrap_err().field,
            "categories"
        );
        assert!(!processing_recipients(&r, "zorgverlening").is_empty());
    }
}
