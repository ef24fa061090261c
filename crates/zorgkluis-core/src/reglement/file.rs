//! The reglement file as written: TOML with Dutch keys (the privacy officer's language), read
//! into English-named types. Spans are kept on everything a later check may point at, so that an
//! error names the file, line and column. `docs/reglement.md` documents every key.

use std::collections::BTreeMap;

use jiff::civil::Date;
use serde::{Deserialize, Deserializer};
use toml::Spanned;

use crate::period::Period;
use crate::taxonomy::Special;
use crate::vocabulary::{
    Action, Anchor, Art9Exception, ConsentForm, Duty, Fee, LegalBasis, RequestType,
};

/// An id from the taxonomy, with its place in the file.
pub type Id = Spanned<String>;

/// A calendar date, written as a TOML date (`2020-01-01`) or an ISO string.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord)]
pub struct Day(pub Date);

impl<'de> Deserialize<'de> for Day {
    fn deserialize<D: Deserializer<'de>>(deserializer: D) -> Result<Day, D::Error> {
        use serde::de::Error;
        let expected = "a date such as 2020-01-01";
        match toml::Value::deserialize(deserializer)? {
            toml::Value::Datetime(dt) => match (dt.date, dt.time, dt.offset) {
                (Some(d), None, None) => {
                    let year = i16::try_from(d.year).map_err(D::Error::custom)?;
                    Date::new(year, d.month as i8, d.day as i8)
                        .map(Day)
                        .map_err(|e| D::Error::custom(format!("invalid date: {e}")))
                }
                _ => Err(D::Error::custom(format!(
                    "expected {expected} without a time, found `{dt}`"
                ))),
            },
            toml::Value::String(s) => s
                .parse::<Date>()
                .map(Day)
                .map_err(|_| D::Error::custom(format!("expected {expected}, found `{s}`"))),
            other => Err(D::Error::custom(format!(
                "expected {expected}, found a {}",
                other.type_str()
            ))),
        }
    }
}

#[derive(Debug, Clone, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct ReglementFile {
    /// The version of this file format; 1 for now.
    #[serde(rename = "formaat")]
    pub format: Spanned<u32>,
    #[serde(rename = "organisatie")]
    pub organisation: Organisation,
    #[serde(rename = "versie")]
    pub version: Version,
    #[serde(rename = "kalender", default)]
    pub calendar: Calendar,
    #[serde(rename = "taxonomie", default)]
    pub taxonomy: TaxonomyExtension,
    #[serde(rename = "rollen", default)]
    pub roles: Vec<RoleDecl>,
    #[serde(rename = "verwerkingen", default)]
    pub processings: Vec<Spanned<Processing>>,
    /// Who runs the registration: care teams, the audit log, the emergency review, client
    /// lists and search, accounts. Nothing of it is allowed unless a rule here grants it.
    #[serde(rename = "beheer", default)]
    pub duties: Vec<Spanned<DutyRule>>,
    #[serde(rename = "bewaartermijnen", default)]
    pub retention: Vec<Spanned<RetentionRule>>,
    #[serde(rename = "vernietiging")]
    pub destruction: Option<Destruction>,
    #[serde(rename = "verzoeken", default)]
    pub requests: Vec<Spanned<RequestRule>>,
    #[serde(rename = "verstrekkingen", default)]
    pub disclosures: Vec<Spanned<DisclosureRule>>,
    #[serde(rename = "verstrekking", default)]
    pub disclosure: DisclosureGeneral,
    /// Disclosures that no consent lifts ("nooit voor commerciële doeleinden, ook niet met
    /// toestemming").
    #[serde(rename = "verstrekkingsverboden", default)]
    pub disclosure_bans: Vec<Spanned<DisclosureBan>>,
    #[serde(rename = "koppelen")]
    pub linking: Option<Linking>,
    #[serde(rename = "noodtoegang")]
    pub emergency: Option<Emergency>,
    #[serde(rename = "nabestaanden")]
    pub heirs: Option<Heirs>,
    #[serde(rename = "vertegenwoordiging")]
    pub representation: Option<Representation>,
    /// How the organisation handles a data breach beyond what art. 33 and 34 AVG require.
    #[serde(rename = "datalekken")]
    pub breaches: Option<Breaches>,
    /// The complaint procedure's terms, where the organisation sets its own (Wkkgz otherwise).
    #[serde(rename = "klachten")]
    pub complaints: Option<Complaints>,
    /// Processor agreements: whether processing must stay inside the EEA, and how often an
    /// agreement is reviewed.
    #[serde(rename = "verwerkers")]
    pub processors: Option<Processors>,
    /// How a dossier goes to a successor care provider, and what happens after a transfer of
    /// care (an `overdracht` request).
    #[serde(rename = "overdracht")]
    pub transfer: Option<TransferRule>,
    /// One dossier shared by two subjects (couples or family therapy): its parts.
    #[serde(rename = "gedeeld_dossier")]
    pub shared_dossier: Option<SharedDossier>,
    /// When and how the subject is told of the processing (art. 13 and 14 AVG).
    #[serde(rename = "informatieplicht")]
    pub information_duty: Option<InformationDuty>,
    /// The organisation's own Cedar policies, a file beside the reglement; validated against the
    /// generated schema by `reglement check`.
    #[serde(rename = "cedar_beleid")]
    pub custom_policies: Option<Spanned<String>>,
    /// Topics on which the source document is silent, and the law that fills the gap.
    #[serde(rename = "stilte", default)]
    pub silences: Vec<Silence>,
}

#[derive(Debug, Clone, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Organisation {
    #[serde(rename = "naam")]
    pub name: String,
    /// The controller (verantwoordelijke), as the document names it.
    #[serde(rename = "verantwoordelijke")]
    pub controller: String,
    #[serde(rename = "adres")]
    pub address: Option<String>,
    pub website: Option<String>,
    /// The data protection officer (FG): a function and a contact, never a personal name.
    #[serde(rename = "fg")]
    pub dpo: Option<Dpo>,
    /// The laws the document says it implements.
    #[serde(rename = "wettelijk_kader", default)]
    pub legal_frame: Vec<String>,
    /// The law that applies where the document is silent.
    #[serde(rename = "aanvullend_recht")]
    pub supplementary_law: Option<SupplementaryLaw>,
}

#[derive(Debug, Clone, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Dpo {
    #[serde(rename = "functie")]
    pub function: String,
    pub email: Option<String>,
    #[serde(rename = "telefoon")]
    pub phone: Option<String>,
    #[serde(rename = "extern", default)]
    pub external: bool,
}

#[derive(Debug, Clone, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct SupplementaryLaw {
    #[serde(rename = "wet")]
    pub law: String,
    #[serde(rename = "artikel")]
    pub article: Option<Spanned<String>>,
}

#[derive(Debug, Clone, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Version {
    #[serde(rename = "nummer")]
    pub number: String,
    #[serde(rename = "vastgesteld")]
    pub adopted: Day,
    #[serde(rename = "vastgesteld_door")]
    pub adopted_by: Option<String>,
    /// The day the version was announced to those it concerns.
    #[serde(rename = "bekendgemaakt")]
    pub announced: Option<Day>,
    #[serde(rename = "in_werking")]
    pub effective: Spanned<Day>,
    /// How long after the announcement a change takes effect.
    #[serde(rename = "aankondigingstermijn")]
    pub announcement_period: Option<Period>,
    /// The article that states the announcement period (Alpo zorg 17.2); the `[versie]`
    /// article where left out.
    #[serde(rename = "aankondigingsartikel")]
    pub announcement_article: Option<Spanned<String>>,
    #[serde(rename = "artikel")]
    pub article: Option<String>,
}

#[derive(Debug, Clone, Default, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Calendar {
    #[serde(rename = "goede_vrijdag", default)]
    pub good_friday: bool,
    #[serde(rename = "extra_vrije_dagen", default)]
    pub extra_days_off: Vec<Day>,
}

#[derive(Debug, Clone, Default, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct TaxonomyExtension {
    #[serde(rename = "categorieen", default)]
    pub categories: BTreeMap<Id, CategoryExtension>,
    #[serde(rename = "rollen", default)]
    pub roles: BTreeMap<Id, TermExtension>,
    #[serde(rename = "betrokkenen", default)]
    pub subjects: BTreeMap<Id, TermExtension>,
    #[serde(rename = "ontvangers", default)]
    pub recipients: BTreeMap<Id, TermExtension>,
}

#[derive(Debug, Clone, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct CategoryExtension {
    pub nl: String,
    pub en: String,
    #[serde(rename = "bijzonder")]
    pub special: Option<SpecialKind>,
    #[serde(rename = "erfelijk", default)]
    pub hereditary: bool,
    #[serde(rename = "administratief", default)]
    pub administrative: bool,
    #[serde(rename = "medisch_dossier", default)]
    pub medical_record: bool,
    #[serde(rename = "fiscaal", default)]
    pub fiscal: bool,
}

#[derive(Debug, Clone, Copy, Deserialize)]
pub enum SpecialKind {
    #[serde(rename = "art9")]
    Art9,
    #[serde(rename = "art10")]
    Art10,
}

impl From<SpecialKind> for Special {
    fn from(kind: SpecialKind) -> Special {
        match kind {
            SpecialKind::Art9 => Special::Art9,
            SpecialKind::Art10 => Special::Art10,
        }
    }
}

#[derive(Debug, Clone, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct TermExtension {
    pub nl: String,
    pub en: String,
}

/// A role the organisation uses, as the document describes it.
#[derive(Debug, Clone, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct RoleDecl {
    pub id: Id,
    #[serde(rename = "omschrijving")]
    pub description: String,
    #[serde(rename = "artikel")]
    pub article: Spanned<String>,
    /// Staff in this role log in with a second factor (a code from an authenticator app).
    /// Roles that may read the audit log or review emergency accesses always do.
    #[serde(rename = "tweede_factor", default)]
    pub second_factor: bool,
}

/// A processing (verwerking): one entry of the processing register (art. 30 AVG).
#[derive(Debug, Clone, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Processing {
    pub id: Id,
    #[serde(rename = "naam")]
    pub name: String,
    #[serde(rename = "artikel")]
    pub article: Spanned<String>,
    #[serde(rename = "tekst")]
    pub quote: Option<String>,
    #[serde(rename = "doel")]
    pub purpose: String,
    /// Missing is reported by validation, with the processing's position.
    #[serde(rename = "grondslag", default)]
    pub legal_basis: Vec<LegalBasis>,
    #[serde(rename = "uitzondering_art9", default)]
    pub art9_exceptions: Vec<Art9Exception>,
    #[serde(rename = "betrokkenen", default)]
    pub subjects: Vec<Id>,
    #[serde(rename = "categorieen", default)]
    pub categories: Vec<Id>,
    #[serde(rename = "bronnen", default)]
    pub sources: Vec<String>,
    #[serde(rename = "werking")]
    pub workings: Option<String>,
    #[serde(rename = "verantwoordelijke")]
    pub controller: Option<String>,
    /// The processor (verwerker, bewerker), if any.
    #[serde(rename = "verwerker")]
    pub processor: Option<String>,
    /// The country where the processor processes the data (ISO 3166-1 alpha-2, `NL`): the
    /// structured form of where `doorgifte` says the data go, checked against `[verwerkers]`.
    #[serde(rename = "verwerker_land")]
    pub processor_country: Option<Spanned<String>>,
    /// The one purpose the processor may process for (an id, `declaratie`): anything else is
    /// outside its agreement (art. 28 lid 3 sub a AVG). Needs `verwerker`.
    #[serde(rename = "verwerker_doel")]
    pub processor_purpose: Option<Id>,
    #[serde(rename = "ontvangers", default)]
    pub recipients: Vec<Id>,
    #[serde(rename = "beveiliging")]
    pub security: Option<String>,
    /// Transfers outside the EEA (art. 30(1)(e) AVG).
    #[serde(rename = "doorgifte")]
    pub transfers: Option<String>,
    #[serde(rename = "in_werking")]
    pub effective: Option<Day>,
    #[serde(rename = "gebruikers", default)]
    pub users: Vec<UserRule>,
}

/// Who may use a processing: a role, what it may do, and on which condition.
#[derive(Debug, Clone, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct UserRule {
    #[serde(rename = "rol")]
    pub role: Id,
    #[serde(rename = "acties")]
    pub actions: Vec<Action>,
    /// The categories this role may use; all of the processing's when left out.
    #[serde(rename = "categorieen")]
    pub categories: Option<Vec<Id>>,
    /// Only for clients with whom the user has a care relationship.
    #[serde(rename = "zorgrelatie", default)]
    pub care_relationship: bool,
    /// Only while a supervisor is assigned (trainees).
    #[serde(rename = "begeleiding", default)]
    pub supervised: bool,
    /// The reglement's text gives this role the special categories of this rule: the product's
    /// own minimisation (administration and planners never see special categories) gives way
    /// for them. Only for those two roles, and only where the rule has a special category.
    #[serde(rename = "bijzondere_gegevens")]
    pub special_granted: Option<Spanned<bool>>,
    #[serde(rename = "artikel")]
    pub article: Spanned<String>,
    #[serde(rename = "tekst")]
    pub quote: Option<String>,
}

impl UserRule {
    /// Whether the rule grants its role special categories past the product's minimisation.
    pub fn grants_special(&self) -> bool {
        self.special_granted.as_ref().is_some_and(|s| *s.get_ref())
    }
}

/// The roles the product keeps from special categories unless a rule's text grants them
/// (`bijzondere_gegevens`): its minimisation, not an article of law.
pub const MINIMISED_ROLES: [&str; 2] = ["administratie", "planner"];

/// A duty of running the registration, granted to a role.
#[derive(Debug, Clone, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct DutyRule {
    #[serde(rename = "rol")]
    pub role: Id,
    #[serde(rename = "taken")]
    pub duties: Vec<Duty>,
    /// Only for clients with whom the user has a care relationship (lists and search).
    #[serde(rename = "zorgrelatie", default)]
    pub care_relationship: bool,
    #[serde(rename = "artikel")]
    pub article: Spanned<String>,
    #[serde(rename = "wet")]
    pub law: Option<String>,
    #[serde(rename = "tekst")]
    pub quote: Option<String>,
}

/// How long data of some categories is kept.
#[derive(Debug, Clone, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct RetentionRule {
    #[serde(rename = "categorieen")]
    pub categories: Vec<Id>,
    #[serde(rename = "termijn")]
    pub period: Spanned<Period>,
    #[serde(rename = "vanaf")]
    pub from: Anchor,
    /// Destruction must follow within this window after the period ends.
    #[serde(rename = "vernietigen_binnen")]
    pub destroy_within: Option<Period>,
    #[serde(rename = "verlengbaar_met_toestemming", default)]
    pub extendable_with_consent: bool,
    /// The rule applies unless this event follows the record's creation ("zes maanden, tenzij
    /// een behandeling volgt"); then the category's other rules govern.
    #[serde(rename = "tenzij")]
    pub unless: Option<Spanned<crate::vocabulary::RetentionEvent>>,
    /// The processings the rule holds for (their ids); every processing when left out. One
    /// category can then be kept for one processing longer than for another.
    #[serde(rename = "verwerkingen", default)]
    pub processings: Vec<Id>,
    /// The categories are kept as long as the dossier they identify ("zo lang als het
    /// dossier"): besides the rule's own term, the dossier's statutory term of the day (art.
    /// 7:454 lid 3 BW, art. 7.3.8 Jeugdwet) binds them as it binds the medical categories.
    #[serde(rename = "volgt_dossier")]
    pub follows_dossier: Option<Spanned<bool>>,
    #[serde(rename = "artikel")]
    pub article: Spanned<String>,
    #[serde(rename = "wet")]
    pub law: Option<String>,
    #[serde(rename = "tekst")]
    pub quote: Option<String>,
}

impl RetentionRule {
    /// Whether the rule says its categories follow the dossier (`volgt_dossier = true`).
    pub fn follows_dossier(&self) -> bool {
        self.follows_dossier.as_ref().is_some_and(|f| *f.get_ref())
    }
}

/// The general destruction rule: the window after expiry, and what suspends it.
#[derive(Debug, Clone, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Destruction {
    #[serde(rename = "binnen")]
    pub within: Period,
    /// What suspends destruction (a complaint, a court case): a legal hold.
    #[serde(rename = "opschorting", default)]
    pub suspended_by: Vec<String>,
    #[serde(rename = "artikel")]
    pub article: Spanned<String>,
    #[serde(rename = "tekst")]
    pub quote: Option<String>,
    /// The terms do not apply while the whole registration is transferred to another
    /// organisation for the continuity of care (BG wonen and Rondomzorg 3.7).
    #[serde(rename = "overdracht")]
    pub transfer: Option<TransferSuspension>,
}

/// A transfer of the whole registration suspends retention and destruction; the clients are
/// told, so that they can object.
#[derive(Debug, Clone, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct TransferSuspension {
    #[serde(rename = "artikel")]
    pub article: Spanned<String>,
    #[serde(rename = "tekst")]
    pub quote: Option<String>,
}

/// Deadlines and procedure for data subject requests of some types.
#[derive(Debug, Clone, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct RequestRule {
    pub types: Vec<RequestType>,
    /// Respond (decide and tell the requester) within this period after receipt.
    #[serde(rename = "reageren")]
    pub respond: Option<Spanned<Period>>,
    /// Carry out the decision within this period after the decision.
    #[serde(rename = "uitvoeren")]
    pub execute: Option<Spanned<Period>>,
    /// Carry out the request within this period after its receipt, whenever it is decided ("zo
    /// spoedig mogelijk, uiterlijk binnen een maand na het verzoek, overgedragen"); beside
    /// `uitvoeren`, the earlier governs.
    #[serde(rename = "uitvoeren_na_ontvangst")]
    pub execute_from_receipt: Option<Spanned<Period>>,
    /// Erase within this period after receipt of the request.
    #[serde(rename = "verwijderen")]
    pub erase: Option<Spanned<Period>>,
    /// Whether the response period may be extended (art. 12(3) AVG); the law allows it when
    /// left out.
    #[serde(rename = "verlenging")]
    pub extension: Option<bool>,
    #[serde(rename = "identiteitscontrole")]
    pub identity_check: Option<bool>,
    #[serde(rename = "schriftelijk")]
    pub in_writing: Option<bool>,
    #[serde(rename = "vergoeding")]
    pub fee: Option<Spanned<Fee>>,
    #[serde(rename = "weigeringsgronden", default)]
    pub refusal_grounds: Vec<String>,
    #[serde(rename = "behandelaar")]
    pub handler: Option<String>,
    #[serde(rename = "artikel")]
    pub article: Spanned<String>,
    #[serde(rename = "wet")]
    pub law: Option<String>,
    #[serde(rename = "tekst")]
    pub quote: Option<String>,
}

/// Which recipients may receive which categories, and on which conditions.
#[derive(Debug, Clone, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct DisclosureRule {
    #[serde(rename = "ontvangers")]
    pub recipients: Vec<Id>,
    /// The categories covered; all categories when left out.
    #[serde(rename = "categorieen")]
    pub categories: Option<Vec<Id>>,
    #[serde(rename = "toestemming")]
    pub consent: ConsentForm,
    /// An objection of the subject blocks the disclosure.
    #[serde(rename = "bezwaar_blokkeert", default)]
    pub objection_blocks: bool,
    /// The subject must be told of the disclosure.
    #[serde(rename = "informeren", default)]
    pub notify: bool,
    #[serde(rename = "voorwaarden", default)]
    pub conditions: Vec<String>,
    /// Without the consent the rule asks, the disclosure may still go on a conflict of duties
    /// the caregiver judges and justifies (the professional secrecy gives way to a greater
    /// harm to avert); only on a rule that asks consent.
    #[serde(rename = "conflict_van_plichten")]
    pub conflict_of_duties: Option<Spanned<bool>>,
    /// The purposes the disclosure serves (ids, `melding_infectieziekte`); where given, a
    /// question for another purpose passes the rule by. All purposes when left out.
    #[serde(rename = "doelen", default)]
    pub purposes: Vec<Id>,
    /// The first day the rule holds (a temporary measure); always when left out.
    #[serde(rename = "geldig_vanaf")]
    pub valid_from: Option<Spanned<Day>>,
    /// The last day the rule holds, included; always when left out.
    #[serde(rename = "geldig_tot")]
    pub valid_until: Option<Spanned<Day>>,
    #[serde(rename = "artikel")]
    pub article: Spanned<String>,
    #[serde(rename = "wet")]
    pub law: Option<String>,
    #[serde(rename = "tekst")]
    pub quote: Option<String>,
}

impl DisclosureRule {
    /// Whether the rule lets a conflict of duties stand in for the missing consent.
    pub fn allows_conflict_of_duties(&self) -> bool {
        self.conflict_of_duties
            .as_ref()
            .is_some_and(|b| *b.get_ref())
    }

    /// Whether the rule has dates at all (a temporary measure).
    pub fn is_dated(&self) -> bool {
        self.valid_from.is_some() || self.valid_until.is_some()
    }

    /// Whether the rule holds on `day`.
    pub fn holds_on(&self, day: Date) -> bool {
        self.valid_from
            .as_ref()
            .is_none_or(|f| f.get_ref().0 <= day)
            && self
                .valid_until
                .as_ref()
                .is_none_or(|u| day <= u.get_ref().0)
    }
}

/// A disclosure no consent lifts: to these recipients, of these categories, for these purposes
/// (each left out: all). At least one of the three is given.
#[derive(Debug, Clone, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct DisclosureBan {
    #[serde(rename = "ontvangers")]
    pub recipients: Option<Vec<Id>>,
    #[serde(rename = "categorieen")]
    pub categories: Option<Vec<Id>>,
    /// The purposes banned (ids, as the disclosure rules' `doelen`).
    #[serde(rename = "doelen", default)]
    pub purposes: Vec<Id>,
    #[serde(rename = "artikel")]
    pub article: Spanned<String>,
    #[serde(rename = "wet")]
    pub law: Option<String>,
    #[serde(rename = "tekst")]
    pub quote: Option<String>,
}

impl DisclosureBan {
    /// Whether the ban covers this recipient and category, whatever the purpose.
    pub fn covers(&self, recipient: &str, category: &str) -> bool {
        self.recipients
            .as_ref()
            .is_none_or(|r| r.iter().any(|id| id.get_ref() == recipient))
            && self
                .categories
                .as_ref()
                .is_none_or(|c| c.iter().any(|id| id.get_ref() == category))
    }
}

/// Disclosure rules that hold for every recipient.
#[derive(Debug, Clone, Default, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct DisclosureGeneral {
    /// What a recipient that no rule names needs.
    #[serde(rename = "standaard")]
    pub default: Option<DefaultConsent>,
    /// The subject is told of every disclosure made without their consent.
    #[serde(rename = "informeren_zonder_toestemming")]
    pub notify_without_consent: Option<NotifyRule>,
    /// Hereditary data only about the person who provided it.
    #[serde(rename = "erfelijk")]
    pub hereditary: Option<Cited>,
}

#[derive(Debug, Clone, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct DefaultConsent {
    #[serde(rename = "toestemming")]
    pub consent: ConsentForm,
    #[serde(rename = "artikel")]
    pub article: Spanned<String>,
    #[serde(rename = "wet")]
    pub law: Option<String>,
    #[serde(rename = "tekst")]
    pub quote: Option<String>,
}

#[derive(Debug, Clone, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct NotifyRule {
    /// When the subject is not told (e.g. "gevaar voor personen of zaken").
    #[serde(rename = "uitzondering")]
    pub exception: Option<String>,
    #[serde(rename = "artikel")]
    pub article: Spanned<String>,
    #[serde(rename = "tekst")]
    pub quote: Option<String>,
}

/// A rule that is only an article and its text.
#[derive(Debug, Clone, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Cited {
    #[serde(rename = "artikel")]
    pub article: Spanned<String>,
    #[serde(rename = "wet")]
    pub law: Option<String>,
    #[serde(rename = "tekst")]
    pub quote: Option<String>,
}

/// Linking separate registrations needs consent in this form.
#[derive(Debug, Clone, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Linking {
    #[serde(rename = "toestemming")]
    pub consent: ConsentForm,
    #[serde(rename = "artikel")]
    pub article: Spanned<String>,
    #[serde(rename = "tekst")]
    pub quote: Option<String>,
}

/// Emergency access (break the glass) outside the care relationship.
#[derive(Debug, Clone, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Emergency {
    #[serde(rename = "toegestaan")]
    pub allowed: bool,
    /// The roles that may break the glass.
    #[serde(rename = "rollen", default)]
    pub roles: Vec<Id>,
    /// How long an emergency access lasts.
    #[serde(rename = "duur")]
    pub duration: Option<Period>,
    /// How soon the privacy officer reviews an emergency access (the log review); the
    /// product's default where left out ([`crate::log_review::EMERGENCY_REVIEW_DEFAULT`]).
    #[serde(rename = "beoordelen_binnen")]
    pub review_within: Option<Spanned<Period>>,
    #[serde(rename = "artikel")]
    pub article: Spanned<String>,
    #[serde(rename = "wet")]
    pub law: Option<String>,
    #[serde(rename = "tekst")]
    pub quote: Option<String>,
}

/// Whether heirs may see a deceased client's record.
#[derive(Debug, Clone, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Heirs {
    #[serde(rename = "inzage")]
    pub access: bool,
    #[serde(rename = "uitzonderingen", default)]
    pub exceptions: Vec<HeirException>,
    /// Who judges an heir's request and its ground (a role id: the caregiver, `huisarts`).
    #[serde(rename = "beoordelaar")]
    pub judge: Option<Id>,
    #[serde(rename = "artikel")]
    pub article: Spanned<String>,
    #[serde(rename = "wet")]
    pub law: Option<String>,
    #[serde(rename = "tekst")]
    pub quote: Option<String>,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, Deserialize, serde::Serialize)]
pub enum HeirException {
    /// The client recorded before death that heirs may see the record.
    #[serde(rename = "vastgelegd_voor_overlijden")]
    RecordedBeforeDeath,
    /// A weighty interest of the heir (or former representative).
    #[serde(rename = "zwaarwegend_belang")]
    WeightyInterest,
    /// A suspected medical error.
    #[serde(rename = "medische_fout")]
    MedicalError,
    /// Presumed consent of the deceased: older KNMG doctrine and case law under art. 7:457 BW;
    /// the legislator left it out of art. 7:458a BW (Kamerstukken 34 994), so it rests on the
    /// reglement alone.
    #[serde(rename = "veronderstelde_toestemming")]
    PresumedConsent,
    /// Whoever had authority over a child who died before the age of 16 (art. 7:458a lid 2
    /// BW, art. 7.3.12a lid 2 Jeugdwet).
    #[serde(rename = "gezag_overleden_minderjarige")]
    AuthorityOverDeceasedChild,
}

impl HeirException {
    /// The id as written in a reglement.
    pub fn id(self) -> &'static str {
        match self {
            HeirException::RecordedBeforeDeath => "vastgelegd_voor_overlijden",
            HeirException::WeightyInterest => "zwaarwegend_belang",
            HeirException::MedicalError => "medische_fout",
            HeirException::PresumedConsent => "veronderstelde_toestemming",
            HeirException::AuthorityOverDeceasedChild => "gezag_overleden_minderjarige",
        }
    }
}

/// Who consents, and files requests, for a minor or a person under guardianship.
#[derive(Debug, Clone, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Representation {
    /// Below this age the representative consents, and parents may file a request without the
    /// minor's consent. Where the WGBO or the Jeugdwet governs the dossier, their 12 and 16
    /// years govern (art. 7:468 BW: no derogation to the patient's detriment).
    #[serde(rename = "leeftijd")]
    pub age: Spanned<u8>,
    #[serde(rename = "curatele_of_mentorschap", default)]
    pub guardianship: bool,
    /// The laws that govern the client's dossier and so who may act for the client; inferred
    /// from `wettelijk_kader` (and the other `wet` keys) when left out.
    #[serde(rename = "dossierwetten")]
    pub care_laws: Option<Spanned<Vec<CareLaw>>>,
    #[serde(rename = "artikel")]
    pub article: Spanned<String>,
    #[serde(rename = "wet")]
    pub law: Option<String>,
    #[serde(rename = "tekst")]
    pub quote: Option<String>,
}

/// A law that governs a client's dossier, with its own rules on representation and heirs.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Deserialize, serde::Serialize)]
pub enum CareLaw {
    /// The WGBO, art. 7:446-468 BW (a geneeskundige behandelingsovereenkomst).
    #[serde(rename = "wgbo")]
    Wgbo,
    /// The Jeugdwet, its paragraph 7.3 (youth care).
    #[serde(rename = "jeugdwet")]
    Jeugdwet,
}

/// A topic the source document is silent on, and the law that applies instead.
#[derive(Debug, Clone, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Silence {
    #[serde(rename = "onderwerp")]
    pub topic: String,
    #[serde(rename = "terugval")]
    pub fallback: String,
    #[serde(rename = "toelichting")]
    pub note: Option<String>,
}

/// Whom the organisation tells of a data breach. The AP's 72 hours (art. 33 AVG) are the law's
/// and cannot be set here.
#[derive(Debug, Clone, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Breaches {
    /// The persons affected are told of every breach, not only of one with a high risk to them
    /// (art. 34 AVG asks the latter).
    #[serde(rename = "betrokkenen_altijd_informeren", default)]
    pub always_tell_persons: bool,
    #[serde(rename = "artikel")]
    pub article: Spanned<String>,
    #[serde(rename = "wet")]
    pub law: Option<String>,
    #[serde(rename = "tekst")]
    pub quote: Option<String>,
}

/// The complaint procedure's terms. The Wkkgz (art. 17) is the ceiling: six weeks, extendable
/// once by at most four; a reglement may only be quicker.
#[derive(Debug, Clone, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Complaints {
    /// Decide within this period after receipt.
    #[serde(rename = "termijn")]
    pub term: Option<Spanned<Period>>,
    /// At most this extension, told before the term ends.
    #[serde(rename = "verlenging")]
    pub extension: Option<Spanned<Period>>,
    /// The complaints officer (klachtenfunctionaris), as a function, never a personal name.
    #[serde(rename = "klachtenfunctionaris")]
    pub officer: Option<String>,
    /// The dispute body the organisation is a member of (geschilleninstantie).
    #[serde(rename = "geschilleninstantie")]
    pub dispute_body: Option<String>,
    /// Where a complaint can be filed, in the document's words ("mondeling bij de huisarts",
    /// "schriftelijk bij de klachtenfunctionaris", "de Autoriteit Persoonsgegevens").
    #[serde(rename = "kanalen")]
    pub channels: Option<Spanned<Vec<String>>>,
    #[serde(rename = "artikel")]
    pub article: Spanned<String>,
    #[serde(rename = "wet")]
    pub law: Option<String>,
    #[serde(rename = "tekst")]
    pub quote: Option<String>,
}

/// Processor agreements (art. 28 AVG). `alleen_eer` demands processing inside the European
/// Economic Area, tighter than the transfer rules of art. 44-46 AVG; `herzien` is how often an
/// agreement is reviewed.
#[derive(Debug, Clone, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Processors {
    #[serde(rename = "alleen_eer", default)]
    pub eea_only: bool,
    /// The review interval ("1 jaar"); a year when left out.
    #[serde(rename = "herzien")]
    pub review: Option<Spanned<Period>>,
    #[serde(rename = "artikel")]
    pub article: Spanned<String>,
    #[serde(rename = "wet")]
    pub law: Option<String>,
    #[serde(rename = "tekst")]
    pub quote: Option<String>,
}

/// The transfer of a dossier to a successor care provider (art. 20 lid 2 AVG; BG wonen and
/// Rondomzorg 3.9): the channels it may take, the client's consent it needs, and whether the
/// organisation erases its own data after the transfer of care.
#[derive(Debug, Clone, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct TransferRule {
    /// The channels allowed; all of [`crate::vocabulary::TransferChannel`] when left out.
    #[serde(rename = "kanalen")]
    pub channels: Option<Spanned<Vec<crate::vocabulary::TransferChannel>>>,
    /// The form of the client's consent to the transfer: `schriftelijk` means the request
    /// must have come in writing (by letter, e-mail or the portal).
    #[serde(rename = "toestemming")]
    pub consent: Option<Spanned<crate::vocabulary::ConsentForm>>,
    /// `bewaren` (the original stays; when left out) or `wissen`.
    #[serde(rename = "na_overdracht", default = "keep_after_transfer")]
    pub after: Spanned<crate::vocabulary::AfterTransfer>,
    /// The successor is told of the erasure that followed the transfer.
    #[serde(rename = "ontvanger_informeren")]
    pub inform_recipient: Option<Spanned<bool>>,
    #[serde(rename = "artikel")]
    pub article: Spanned<String>,
    #[serde(rename = "tekst")]
    pub quote: Option<String>,
}

/// The information duty (art. 13 and 14 AVG): how the subject is told when his data are
/// collected from him, and how soon when they come from someone else (at most a month, art. 14
/// lid 3 sub a AVG).
#[derive(Debug, Clone, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct InformationDuty {
    /// How and when the subject is told at collection ("bij de inschrijving, met de
    /// privacyverklaring").
    #[serde(rename = "bij_verzameling")]
    pub at_collection: Option<String>,
    /// How soon the subject is told of data obtained from others; the law's month where left
    /// out or longer.
    #[serde(rename = "derden_binnen")]
    pub from_others_within: Option<Spanned<Period>>,
    #[serde(rename = "artikel")]
    pub article: Spanned<String>,
    #[serde(rename = "wet")]
    pub law: Option<String>,
    #[serde(rename = "tekst")]
    pub quote: Option<String>,
}

fn keep_after_transfer() -> Spanned<crate::vocabulary::AfterTransfer> {
    Spanned::new(0..0, crate::vocabulary::AfterTransfer::Bewaren)
}

/// A dossier two subjects share (couples or family therapy): joint parts both may see, parts of
/// one of them, and the therapist's personal work notes, which are no part of the dossier.
#[derive(Debug, Clone, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct SharedDossier {
    #[serde(rename = "delen", default)]
    pub parts: Vec<SharedPart>,
    #[serde(rename = "artikel")]
    pub article: Spanned<String>,
    #[serde(rename = "wet")]
    pub law: Option<String>,
    #[serde(rename = "tekst")]
    pub quote: Option<String>,
}

/// A part of a shared dossier.
#[derive(Debug, Clone, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct SharedPart {
    pub id: Id,
    #[serde(rename = "soort")]
    pub kind: Spanned<crate::vocabulary::SharedPartKind>,
    /// The categories the part holds; for the record, and checked (work notes are no category
    /// of the medical dossier).
    #[serde(rename = "categorieen", default)]
    pub categories: Vec<Id>,
    #[serde(rename = "omschrijving")]
    pub description: Option<String>,
    #[serde(rename = "artikel")]
    pub article: Spanned<String>,
    #[serde(rename = "wet")]
    pub law: Option<String>,
    #[serde(rename = "tekst")]
    pub quote: Option<String>,
}
