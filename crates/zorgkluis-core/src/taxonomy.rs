//! The built-in Dutch care taxonomy: the ids a reglement uses for data categories, roles, subject
//! categories and recipients, with Dutch and English labels. A reglement may extend each list
//! (see [`crate::reglement`]); the closed vocabularies (request types, legal bases, ...) live in
//! [`crate::vocabulary`].

use serde::Serialize;

use crate::i18n::Lang;

/// The category of the identification facts (name, date of birth, client number): what a list,
/// a search or an access log shows of whom it is about.
pub const IDENTIFICATION_CATEGORY: &str = "naw";
/// The category of the BSN.
pub const BSN_CATEGORY: &str = "bsn";
/// The category of identity document details (the identity check).
pub const IDENTITY_DOCUMENT_CATEGORY: &str = "identiteitsbewijs";

/// Why a data category is special: art. 9 AVG (special categories) or art. 10 AVG (criminal
/// data, which the UAVG treats alike).
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize)]
#[serde(rename_all = "snake_case")]
pub enum Special {
    Art9,
    Art10,
}

/// A data category (soort persoonsgegevens).
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct DataCategory {
    pub id: String,
    pub nl: String,
    pub en: String,
    /// Special category data (art. 9/10 AVG): processing needs an exception.
    pub special: Option<Special>,
    /// Hereditary data: may only be disclosed about the person who provided it.
    pub hereditary: bool,
    /// Administrative data that administration and planners may need for management.
    pub administrative: bool,
    /// Part of the medical record (WGBO): kept 20 years by law.
    pub medical_record: bool,
    /// Fiscal records (art. 52 AWR): kept 7 years by law.
    pub fiscal: bool,
}

/// An entry of one of the open id lists (roles, subject categories, recipients).
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct Term {
    pub id: String,
    pub nl: String,
    pub en: String,
}

impl Term {
    pub fn label(&self, lang: Lang) -> &str {
        match lang {
            Lang::Nl => &self.nl,
            Lang::En => &self.en,
        }
    }
}

impl DataCategory {
    pub fn label(&self, lang: Lang) -> &str {
        match lang {
            Lang::Nl => &self.nl,
            Lang::En => &self.en,
        }
    }
}

/// Flags of a built-in data category, kept short so the table below stays readable.
#[derive(Clone, Copy)]
struct Flags {
    special: Option<Special>,
    hereditary: bool,
    administrative: bool,
    medical_record: bool,
    fiscal: bool,
}

const PLAIN: Flags = Flags {
    special: None,
    hereditary: false,
    administrative: false,
    medical_record: false,
    fiscal: false,
};
const ADMIN: Flags = Flags {
    administrative: true,
    ..PLAIN
};
const FISCAL: Flags = Flags {
    administrative: true,
    fiscal: true,
    ..PLAIN
};
const ART9: Flags = Flags {
    special: Some(Special::Art9),
    ..PLAIN
};
const MEDICAL: Flags = Flags {
    special: Some(Special::Art9),
    medical_record: true,
    ..PLAIN
};
const HEREDITARY: Flags = Flags {
    special: Some(Special::Art9),
    hereditary: true,
    medical_record: true,
    ..PLAIN
};
const ART10: Flags = Flags {
    special: Some(Special::Art10),
    ..PLAIN
};

const DATA_CATEGORIES: &[(&str, &str, &str, Flags)] = &[
    (
        "naw",
        "Naam, adres, woonplaats, geboortedatum en geslacht",
        "Name, address, date of birth and gender",
        ADMIN,
    ),
    (
        "contact",
        "Contactgegevens (telefoon, e-mail)",
        "Contact details (phone, e-mail)",
        ADMIN,
    ),
    (
        "bsn",
        "Burgerservicenummer",
        "Citizen service number (BSN)",
        ADMIN,
    ),
    (
        "identiteitsbewijs",
        "Gegevens van het identiteitsbewijs",
        "Identity document details",
        ADMIN,
    ),
    (
        "verzekering",
        "Verzekeringsgegevens",
        "Insurance details",
        ADMIN,
    ),
    (
        "financieel",
        "Financiële en administratieve gegevens",
        "Financial and administrative data",
        FISCAL,
    ),
    (
        "indicatie",
        "Indicatie, beschikking en soort zorg",
        "Care assessment, decision and kind of care",
        ADMIN,
    ),
    (
        "gezondheid",
        "Gezondheidsgegevens (medisch dossier)",
        "Health data (medical record)",
        MEDICAL,
    ),
    (
        "zorgplan",
        "Zorgplan en zorgafspraken",
        "Care plan and care agreements",
        MEDICAL,
    ),
    (
        "rapportage",
        "Rapportage en evaluaties van de zorg",
        "Care reports and evaluations",
        MEDICAL,
    ),
    (
        "juridisch",
        "Juridische gegevens (curatele, bewind, mentorschap)",
        "Legal status (guardianship, administration)",
        PLAIN,
    ),
    (
        "religie",
        "Godsdienst of levensovertuiging",
        "Religion or belief",
        ART9,
    ),
    (
        "etniciteit",
        "Ras of etnische afkomst",
        "Racial or ethnic origin",
        ART9,
    ),
    (
        "politiek",
        "Politieke gezindheid",
        "Political opinions",
        ART9,
    ),
    (
        "seksueel",
        "Seksueel leven of seksuele gerichtheid",
        "Sex life or sexual orientation",
        ART9,
    ),
    (
        "vakbond",
        "Lidmaatschap van een vakvereniging",
        "Trade union membership",
        ART9,
    ),
    (
        "strafrechtelijk",
        "Strafrechtelijke gegevens",
        "Criminal records",
        ART10,
    ),
    (
        "erfelijk",
        "Erfelijke eigenschappen",
        "Hereditary (genetic) data",
        HEREDITARY,
    ),
    (
        "beeldmateriaal",
        "Beeldmateriaal (foto's, camerabeelden)",
        "Images (photos, camera footage)",
        PLAIN,
    ),
    (
        "website",
        "Websitegegevens (cookies, IP-adres, bezoek)",
        "Website data (cookies, IP address, visits)",
        PLAIN,
    ),
    (
        "sollicitatie",
        "Sollicitatiegegevens (cv, motivatiebrief)",
        "Application data (CV, motivation letter)",
        PLAIN,
    ),
    (
        "personeel",
        "Personeels- en salarisgegevens",
        "Personnel and payroll data",
        FISCAL,
    ),
];

const ROLES: &[(&str, &str, &str)] = &[
    ("zorgverlener", "Zorgverlener", "Caregiver"),
    (
        "stagiair",
        "Stagiair of leerling (onder begeleiding)",
        "Trainee (under supervision)",
    ),
    ("planner", "Planner", "Planner"),
    (
        "administratie",
        "Administratie en secretariaat",
        "Administration",
    ),
    ("directie", "Directie", "Management"),
    (
        "fg",
        "Functionaris gegevensbescherming",
        "Data protection officer",
    ),
    (
        "verwerker",
        "Medewerker van een verwerker",
        "Processor's staff",
    ),
];

const SUBJECTS: &[(&str, &str, &str)] = &[
    ("client", "Cliënt", "Client"),
    (
        "gezinslid",
        "Gezinslid of inwonende",
        "Family member or housemate",
    ),
    (
        "vertegenwoordiger",
        "Wettelijk vertegenwoordiger",
        "Legal representative",
    ),
    ("medewerker", "Medewerker", "Employee"),
    ("sollicitant", "Sollicitant", "Job applicant"),
    ("vrijwilliger", "Vrijwilliger", "Volunteer"),
    ("websitebezoeker", "Websitebezoeker", "Website visitor"),
];

const RECIPIENTS: &[(&str, &str, &str)] = &[
    ("zorgverzekeraar", "Zorgverzekeraar", "Health insurer"),
    ("zorgkantoor", "Zorgkantoor", "Care office (Wlz)"),
    ("gemeente", "Gemeente", "Municipality"),
    (
        "svb",
        "Sociale Verzekeringsbank",
        "Social Insurance Bank (SVB)",
    ),
    ("huisarts", "Huisarts", "General practitioner"),
    ("apotheek", "Apotheek", "Pharmacy"),
    (
        "zorgaanbieder",
        "Andere zorgaanbieder, direct betrokken bij de zorg",
        "Other care provider directly involved in the care",
    ),
    ("hoofdaannemer", "Hoofdaannemer", "Main contractor"),
    ("facturatie", "Facturatiebedrijf", "Billing company"),
    (
        "onderzoek",
        "Wetenschappelijk onderzoek en statistiek",
        "Scientific research and statistics",
    ),
    ("pensioenfonds", "Pensioenfonds", "Pension fund"),
    ("belastingdienst", "Belastingdienst", "Tax authority"),
    ("arbodienst", "Arbodienst", "Occupational health service"),
    (
        "uitkeringsinstantie",
        "Uitvoerings- en uitkeringsinstantie",
        "Benefits agency",
    ),
    (
        "arbeidsinspectie",
        "Arbeidsinspectie",
        "Labour inspectorate",
    ),
    (
        "verzekeraar",
        "Verzekeraar (persoonlijke en collectieve verzekeringen)",
        "Insurer (personal and group insurance)",
    ),
    (
        "inspectie",
        "Inspectie Gezondheidszorg en Jeugd",
        "Health and Youth Care Inspectorate",
    ),
];

fn terms(table: &[(&str, &str, &str)]) -> Vec<Term> {
    table
        .iter()
        .map(|(id, nl, en)| Term {
            id: (*id).to_owned(),
            nl: (*nl).to_owned(),
            en: (*en).to_owned(),
        })
        .collect()
}

/// The vocabulary a reglement speaks: the built-in taxonomy plus the reglement's own extensions.
#[derive(Debug, Clone, Serialize)]
pub struct Taxonomy {
    pub categories: Vec<DataCategory>,
    pub roles: Vec<Term>,
    pub subjects: Vec<Term>,
    pub recipients: Vec<Term>,
}

impl Taxonomy {
    /// The built-in taxonomy, without extensions.
    pub fn builtin() -> Taxonomy {
        Taxonomy {
            categories: DATA_CATEGORIES
                .iter()
                .map(|(id, nl, en, f)| DataCategory {
                    id: (*id).to_owned(),
                    nl: (*nl).to_owned(),
                    en: (*en).to_owned(),
                    special: f.special,
                    hereditary: f.hereditary,
                    administrative: f.administrative,
                    medical_record: f.medical_record,
                    fiscal: f.fiscal,
                })
                .collect(),
            roles: terms(ROLES),
            subjects: terms(SUBJECTS),
            recipients: terms(RECIPIENTS),
        }
    }

    pub fn category(&self, id: &str) -> Option<&DataCategory> {
        self.categories.iter().find(|c| c.id == id)
    }

    pub fn role(&self, id: &str) -> Option<&Term> {
        self.roles.iter().find(|t| t.id == id)
    }

    pub fn subject(&self, id: &str) -> Option<&Term> {
        self.subjects.iter().find(|t| t.id == id)
    }

    pub fn recipient(&self, id: &str) -> Option<&Term> {
        self.recipients.iter().find(|t| t.id == id)
    }

    /// The ids of one kind, for "did you mean" suggestions and error messages.
    pub fn ids(&self, kind: IdKind) -> Vec<&str> {
        match kind {
            IdKind::Category => self.categories.iter().map(|c| c.id.as_str()).collect(),
            IdKind::Role => self.roles.iter().map(|t| t.id.as_str()).collect(),
            IdKind::Subject => self.subjects.iter().map(|t| t.id.as_str()).collect(),
            IdKind::Recipient => self.recipients.iter().map(|t| t.id.as_str()).collect(),
        }
    }

    pub fn contains(&self, kind: IdKind, id: &str) -> bool {
        match kind {
            IdKind::Category => self.category(id).is_some(),
            IdKind::Role => self.role(id).is_some(),
            IdKind::Subject => self.subject(id).is_some(),
            IdKind::Recipient => self.recipient(id).is_some(),
        }
    }
}

/// The open id lists of the taxonomy.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum IdKind {
    Category,
    Role,
    Subject,
    Recipient,
}

impl IdKind {
    /// The kind as the catalogue's messages select on it (`{ $kind -> [category] ... }`), so
    /// that each language words "unknown role `x`" its own way.
    pub fn key(self) -> &'static str {
        match self {
            IdKind::Category => "category",
            IdKind::Role => "role",
            IdKind::Subject => "subject",
            IdKind::Recipient => "recipient",
        }
    }
}

/// The closest known id to an unknown one, if it is close enough to be a likely typo.
pub fn did_you_mean<'a>(unknown: &str, known: &[&'a str]) -> Option<&'a str> {
    known
        .iter()
        .map(|k| (strsim::jaro_winkler(unknown, k), *k))
        .filter(|(score, _)| *score >= 0.8)
        .max_by(|a, b| a.0.total_cmp(&b.0))
        .map(|(_, k)| k)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn builtin_ids_are_unique_and_lowercase() {
        let t = Taxonomy::builtin();
        for kind in [
            IdKind::Category,
            IdKind::Role,
            IdKind::Subject,
            IdKind::Recipient,
        ] {
            let ids = t.ids(kind);
            let mut sorted = ids.clone();
            sorted.sort_unstable();
            sorted.dedup();
            assert_eq!(sorted.len(), ids.len(), "duplicate id in {kind:?}");
            assert!(
                ids.iter()
                    .all(|id| id.chars().all(|c| c.is_ascii_lowercase()))
            );
        }
    }

    #[test]
    fn special_categories_are_flagged() {
        let t = Taxonomy::builtin();
        for id in [
            "gezondheid",
            "religie",
            "etniciteit",
            "politiek",
            "seksueel",
            "vakbond",
            "erfelijk",
            "strafrechtelijk",
        ] {
            assert!(t.category(id).is_some_and(|c| c.special.is_some()), "{id}");
        }
        for id in ["naw", "bsn", "verzekering", "financieel", "website"] {
            assert!(t.category(id).is_some_and(|c| c.special.is_none()), "{id}");
        }
        assert!(t.category("erfelijk").is_some_and(|c| c.hereditary));
        assert!(!t.category("gezondheid").is_some_and(|c| c.hereditary));
    }

    #[test]
    fn suggestions_catch_typos_only() {
        let t = Taxonomy::builtin();
        let ids = t.ids(IdKind::Category);
        assert_eq!(did_you_mean("gezondheids", &ids), Some("gezondheid"));
        assert_eq!(did_you_mean("zorgplannen", &ids), Some("zorgplan"));
        assert_eq!(did_you_mean("qqqqq", &ids), None);
    }
}
