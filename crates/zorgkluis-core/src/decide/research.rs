//! Research exports (issue 14 part 5): on which ground a dataset may go to a research project,
//! and how an anonymised one is made safe to hand over.
//!
//! Art. 7:458 BW (and for special data art. 24 UAVG) lets a care provider give data for
//! statistics or scientific research without consent only where (lid 1) asking it is not
//! reasonably possible and the research has safeguards for the privacy of the client (sub a),
//! or asking it cannot reasonably be required given the nature and purpose of the research
//! and the data go out in a form that reasonably prevents tracing them to persons (sub b); and
//! (lid 2) the research serves a public interest, cannot be done without the data, and the
//! client did not expressly object. Lid 3: the disclosure is noted in the dossier. The seeds
//! repeat these (AanZien 10.2/10.4, Alpo 10.6).

use serde::Serialize;

/// The ground of a research export.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize)]
#[serde(rename_all = "snake_case")]
pub enum ResearchGround {
    /// Each client's consent, in the form the reglement's rule asks.
    Toestemming,
    /// Asking is not reasonably possible; safeguards for privacy (art. 7:458 lid 1 sub a BW).
    VragenNietMogelijk,
    /// Asking cannot reasonably be required; the data cannot be traced to persons (sub b).
    NietTeVerlangen,
}

impl ResearchGround {
    pub fn id(self) -> &'static str {
        match self {
            ResearchGround::Toestemming => "toestemming",
            ResearchGround::VragenNietMogelijk => "vragen_niet_mogelijk",
            ResearchGround::NietTeVerlangen => "niet_te_verlangen",
        }
    }

    pub fn from_id(id: &str) -> Option<ResearchGround> {
        [
            ResearchGround::Toestemming,
            ResearchGround::VragenNietMogelijk,
            ResearchGround::NietTeVerlangen,
        ]
        .into_iter()
        .find(|g| g.id() == id)
    }
}

/// How the dataset identifies the clients.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize)]
#[serde(rename_all = "snake_case")]
pub enum ResearchMode {
    /// A pseudonym per client, from a key of the project's own (two projects cannot link
    /// theirs); the records' content included. Still personal data (AVG overweging 26).
    Gepseudonimiseerd,
    /// No pseudonym, no free text; the birth date to its year; groups smaller than k
    /// suppressed, the k achieved reported.
    Geanonimiseerd,
}

impl ResearchMode {
    pub fn id(self) -> &'static str {
        match self {
            ResearchMode::Gepseudonimiseerd => "gepseudonimiseerd",
            ResearchMode::Geanonimiseerd => "geanonimiseerd",
        }
    }

    pub fn from_id(id: &str) -> Option<ResearchMode> {
        [
            ResearchMode::Gepseudonimiseerd,
            ResearchMode::Geanonimiseerd,
        ]
        .into_iter()
        .find(|m| m.id() == id)
    }
}

/// What the one who makes the export states of the research (lid 2), recorded with it.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq, Serialize)]
pub struct ResearchConditions {
    /// The research serves a public interest.
    pub public_interest: bool,
    /// It cannot be done without these data.
    pub necessary: bool,
    /// Safeguards for the clients' privacy are in place (sub a).
    pub safeguards: bool,
}

/// A ground that does not hold, naming the field.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct ResearchInputError {
    pub field: &'static str,
    pub message: String,
}

fn missing(field: &'static str, message: &str) -> ResearchInputError {
    ResearchInputError {
        field,
        message: message.to_owned(),
    }
}

/// Whether the ground holds for the mode and the conditions stated; the articles it rests on.
pub fn research_ground(
    ground: ResearchGround,
    mode: ResearchMode,
    conditions: ResearchConditions,
) -> Result<Vec<String>, ResearchInputError> {
    let lid2 = |sub: &str| -> Result<Vec<String>, ResearchInputError> {
        if !conditions.public_interest {
            return Err(missing(
                "public_interest",
                "without consent the research must serve a public interest (art. 7:458 lid 2 BW)",
            ));
        }
        if !conditions.necessary {
            return Err(missing(
                "necessary",
                "without consent the research must be impossible without these data (art. 7:458 lid 2 BW)",
            ));
        }
        Ok(vec![
            format!("art. 7:458 lid 1 sub {sub} en lid 2 BW"),
            "UAVG art. 24".to_owned(),
        ])
    };
    match ground {
        ResearchGround::Toestemming => Ok(vec!["AVG art. 9 lid 2 sub a".to_owned()]),
        ResearchGround::VragenNietMogelijk => {
            if !conditions.safeguards {
                return Err(missing(
                    "safeguards",
                    "asking consent is not possible: the research must have safeguards for the clients' privacy (art. 7:458 lid 1 sub a BW)",
                ));
            }
            lid2("a")
        }
        ResearchGround::NietTeVerlangen => {
            if mode != ResearchMode::Geanonimiseerd {
                return Err(missing(
                    "mode",
                    "where consent cannot be required, the data must go out so that they cannot reasonably be traced to persons: geanonimiseerd (art. 7:458 lid 1 sub b BW)",
                ));
            }
            lid2("b")
        }
    }
}

/// One client's row before anonymisation: the quasi-identifier (birth year) and what the
/// dataset says of him.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct QuasiRow<T> {
    pub birth_year: Option<i16>,
    pub data: T,
}

/// An anonymised dataset: the rows kept, how many were suppressed, and the k achieved (the
/// smallest group of clients sharing a birth year among the rows kept; 0 when none is kept).
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct Anonymised<T> {
    pub rows: Vec<QuasiRow<T>>,
    pub suppressed: usize,
    pub k: usize,
}

/// Suppresses every row whose birth year fewer than `min_k` rows share (an unknown year is a
/// group of its own): each row kept is one of at least `min_k` alike.
pub fn k_anonymise<T>(rows: Vec<QuasiRow<T>>, min_k: usize) -> Anonymised<T> {
    let mut sizes: std::collections::BTreeMap<Option<i16>, usize> = Default::default();
    for r in &rows {
        *sizes.entry(r.birth_year).or_default() += 1;
    }
    let before = rows.len();
    let kept: Vec<QuasiRow<T>> = rows
        .into_iter()
        .filter(|r| sizes[&r.birth_year] >= min_k.max(1))
        .collect();
    let k = kept.iter().map(|r| sizes[&r.birth_year]).min().unwrap_or(0);
    Anonymised {
        suppressed: before - kept.len(),
        rows: kept,
        k,
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    const ALL: ResearchConditions = ResearchConditions {
        public_interest: true,
        necessary: true,
        safeguards: true,
    };

    #[test]
    fn without_consent_the_conditions_of_7_458_must_be_stated() {
        use ResearchGround::*;
        use ResearchMode::*;
        assert!(research_ground(Toestemming, Gepseudonimiseerd, Default::default()).is_ok());
        let e =
            research_ground(VragenNietMogelijk, Gepseudonimiseerd, Default::default()).unwrap_err();
        assert_eq!(e.field, "safeguards");
        let e = research_ground(
            VragenNietMogelijk,
            Gepseudonimiseerd,
            ResearchConditions {
                public_interest: false,
                ..ALL
            },
        )
        .unwrap_err();
        assert_eq!(e.field, "public_interest");
        let e = research_ground(
            NietTeVerlangen,
            Geanonimiseerd,
            ResearchConditions {
                necessary: false,
                ..ALL
            },
        )
        .unwrap_err();
        assert_eq!(e.field, "necessary");
        // Sub b asks that the data cannot be traced: a pseudonymised set does not do.
        assert_eq!(
            research_ground(NietTeVerlangen, Gepseudonimiseerd, ALL)
                .unwrap_err()
                .field,
            "mode"
        );
        let articles = research_ground(NietTeVerlangen, Geanonimiseerd, ALL).unwrap();
        assert!(articles[0].contains("sub b"), "{articles:?}");
        assert!(articles.iter().any(|a| a == "UAVG art. 24"));
    }

    #[test]
    fn small_groups_are_suppressed_and_the_k_achieved_reported() {
        let row = |y: Option<i16>, d: u8| QuasiRow {
            birth_year: y,
            data: d,
        };
        let rows = vec![
            row(Some(1950), 1),
            row(Some(1950), 2),
            row(Some(1950), 3),
            row(Some(1962), 4),
            row(Some(1962), 5),
            row(Some(1980), 6),
            row(None, 7),
        ];
        let a = k_anonymise(rows.clone(), 2);
        assert_eq!(a.suppressed, 2, "1980 and the unknown year stand alone");
        assert_eq!(a.k, 2);
        assert_eq!(
            a.rows.iter().map(|r| r.data).collect::<Vec<_>>(),
            [1, 2, 3, 4, 5]
        );
        let a = k_anonymise(rows, 3);
        assert_eq!((a.rows.len(), a.suppressed, a.k), (3, 4, 3));
        let a = k_anonymise(vec![row(Some(1990), 1)], 5);
        assert_eq!((a.rows.len(), a.k), (0, 0));
    }
}
