//! Retention: the statutory minimums (floors) and the maximums that stay strict (ceilings).

use crate::period::{Period, Unit};
use crate::reglement::ReglementFile;
use crate::taxonomy::DataCategory;
use crate::vocabulary::Anchor;

use super::{Source, Version, day};

/// A retention term: a period counted from an anchor.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Term {
    pub period: Period,
    pub from: Anchor,
}

/// Whether a limit is a minimum or a maximum.
#[derive(Debug, Clone, Copy, PartialEq, Eq, serde::Serialize)]
#[serde(rename_all = "snake_case")]
pub enum Limit {
    Minimum,
    Maximum,
}

/// A statutory minimum retention: a reglement term that ends earlier is answered with this one.
#[derive(Debug)]
pub struct Floor {
    /// A stable id, for JSON and tests ("wgbo_dossier").
    pub id: &'static str,
    /// The law's name, for messages ("WGBO").
    pub law: &'static str,
    pub versions: &'static [Version<Term>],
}

/// A maximum that stays strict: data is gone by its end, whatever window the reglement adds.
#[derive(Debug)]
pub struct Ceiling {
    pub id: &'static str,
    pub law: &'static str,
    pub versions: &'static [Version<Term>],
    /// How long the data may be kept with the subject's consent, where the norm allows it.
    pub with_consent: Option<Period>,
}

const fn term(amount: u32, unit: Unit, from: Anchor) -> Term {
    Term {
        period: Period::new(amount, unit),
        from,
    }
}

/// Art. 7:454 lid 3 BW (WGBO). Since 1 January 2020: "Onverminderd het bepaalde in artikel 455
/// bewaart de hulpverlener het dossier gedurende twintig jaren, te rekenen vanaf het tijdstip
/// waarop de laatste wijziging in het dossier heeft plaatsgevonden, of zoveel langer als
/// redelijkerwijs uit de zorg van een goed hulpverlener voortvloeit." Before: fifteen years
/// (from 1 April 2005, the change of 2006 working back to that day) and ten years (from the
/// WGBO's start on 1 April 1995), each "te rekenen vanaf het tijdstip waarop zij zijn
/// vervaardigd": per document, from its making.
pub const WGBO_RETENTION: Floor = Floor {
    id: "wgbo_dossier",
    law: "WGBO",
    versions: &[
        Version {
            in_force: day(1995, 4, 1),
            value: term(10, Unit::Years, Anchor::Aanmaak),
            article: "art. 7:454 lid 3 BW",
            source: Source::Wet,
        },
        Version {
            in_force: day(2005, 4, 1),
            value: term(15, Unit::Years, Anchor::Aanmaak),
            article: "art. 7:454 lid 3 BW",
            source: Source::Wet,
        },
        Version {
            in_force: day(2020, 1, 1),
            value: term(20, Unit::Years, Anchor::LaatsteWijziging),
            article: "art. 7:454 lid 3 BW",
            source: Source::Wet,
        },
    ],
};

/// Art. 7.3.8 Jeugdwet, the youth-care dossier: worded like art. 7:454 lid 3 BW. Fifteen years
/// from the making or receipt of each document from the Jeugdwet's start (1 January 2015), twenty
/// years from the last change of the dossier since 1 January 2020 (the same law as the WGBO's
/// change, Kamerstuk 34 994).
pub const JEUGDWET_RETENTION: Floor = Floor {
    id: "jeugdwet_dossier",
    law: "Jeugdwet",
    versions: &[
        Version {
            in_force: day(2015, 1, 1),
            value: term(15, Unit::Years, Anchor::Aanmaak),
            article: "art. 7.3.8 Jeugdwet",
            source: Source::Wet,
        },
        Version {
            in_force: day(2020, 1, 1),
            value: term(20, Unit::Years, Anchor::LaatsteWijziging),
            article: "art. 7.3.8 Jeugdwet",
            source: Source::Wet,
        },
    ],
};

/// Art. 52 lid 4 AWR: the fiscal records "gedurende zeven jaren" (lid 5: ten for the basic data
/// of immovable property). The article names no start; the layer counts from the recording, the
/// least it demands (most reglementen count from the end of the financial year, which is longer
/// and so stands). The layer covers it from the WGBO's start, the earliest date it models.
pub const AWR_RETENTION: Floor = Floor {
    id: "awr_fiscaal",
    law: "AWR",
    versions: &[Version {
        in_force: day(1995, 4, 1),
        value: term(7, Unit::Years, Anchor::Aanmaak),
        article: "art. 52 lid 4 AWR",
        source: Source::Wet,
    }],
};

/// Destruction on the patient's request: "binnen drie maanden na een daartoe strekkend verzoek"
/// (art. 7:455 lid 1 BW; for the youth-care dossier art. 7.3.9 Jeugdwet). It covers the
/// dossier of art. 7:454 only, not everything the organisation holds: other data is erased
/// within the AVG's month, extendable by two (art. 12 lid 3 and art. 17 lid 1 AVG).
pub const DOSSIER_DESTRUCTION_ON_REQUEST: Version<Period> = Version {
    in_force: day(1995, 4, 1),
    value: Period::new(3, Unit::Months),
    article: "art. 7:455 lid 1 BW",
    source: Source::Wet,
};

/// The category id the law layer knows as camera footage.
pub const CAMERA_FOOTAGE_ID: &str = "camerabeelden";
/// The category id of job applicants' data (built in).
pub const JOB_APPLICATION_ID: &str = "sollicitatie";

/// Camera footage: no law names a term. The AVG says "no longer than necessary" (art. 5(1)(e));
/// the Autoriteit Persoonsgegevens reads that, for security cameras, as at most four weeks
/// unless an incident was recorded (guidance, not law). A legal hold keeps recorded incidents.
pub const CAMERA_FOOTAGE: Ceiling = Ceiling {
    id: "ap_camerabeelden",
    law: "AVG",
    versions: &[Version {
        in_force: day(2018, 5, 25),
        value: term(4, Unit::Weeks, Anchor::Aanmaak),
        article: "AVG art. 5 lid 1 sub e (AP-norm camerabeelden)",
        source: Source::Richtsnoer,
    }],
    with_consent: None,
};

/// Job applicants' data: four weeks after the end of the procedure, up to a year with the
/// applicant's consent (the AP, after the NVP Sollicitatiecode; guidance, not law). The format
/// has no anchor "end of the procedure"; the last change of the application file (the
/// rejection) stands for it.
pub const JOB_APPLICATION: Ceiling = Ceiling {
    id: "ap_sollicitatie",
    law: "AVG",
    versions: &[Version {
        in_force: day(2018, 5, 25),
        value: term(4, Unit::Weeks, Anchor::LaatsteWijziging),
        article: "AVG art. 5 lid 1 sub e (AP-norm sollicitatiegegevens)",
        source: Source::Richtsnoer,
    }],
    with_consent: Some(Period::new(1, Unit::Years)),
};

/// The statutory minimums for a category of this reglement: the WGBO for the medical record
/// (unless the reglement's `dossierwetten` leave it out), the Jeugdwet where it governs the
/// dossier too, the AWR for fiscal records.
pub fn floors_for(file: &ReglementFile, category: &DataCategory) -> Vec<&'static Floor> {
    let mut floors = Vec::new();
    if category.medical_record {
        floors = dossier_floors(file);
    }
    if category.fiscal {
        floors.push(&AWR_RETENTION);
    }
    floors
}

/// The statutory terms of the dossier of this reglement: the WGBO's (unless the reglement's
/// `dossierwetten` leave it out) and the Jeugdwet's where it governs the dossier too. The
/// medical categories get them, and the categories of a rule with `volgt_dossier`.
pub fn dossier_floors(file: &ReglementFile) -> Vec<&'static Floor> {
    let mut floors = Vec::new();
    let laws = crate::decide::care_laws(file);
    let explicit = file
        .representation
        .as_ref()
        .is_some_and(|r| r.care_laws.is_some());
    // The flag says "part of the medical record (WGBO)": the WGBO holds unless the reglement
    // says which laws govern its dossier and leaves it out.
    if laws.wgbo || !explicit {
        floors.push(&WGBO_RETENTION);
    }
    if laws.jeugdwet {
        floors.push(&JEUGDWET_RETENTION);
    }
    floors
}

/// The maximums that stay strict for a category.
pub fn ceilings_for(category: &DataCategory) -> Vec<&'static Ceiling> {
    match category.id.as_str() {
        CAMERA_FOOTAGE_ID => vec![&CAMERA_FOOTAGE],
        JOB_APPLICATION_ID => vec![&JOB_APPLICATION],
        _ => Vec::new(),
    }
}
