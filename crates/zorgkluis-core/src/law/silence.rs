//! Where the reglement is silent (`[[stilte]]`), the entry names the law that fills the gap;
//! where its topic is one the law layer knows, the layer's rule answers it, and says so.

use super::Source;

/// A topic the law layer answers.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Topic {
    pub id: &'static str,
    /// Lowercase words of a `[[stilte]] onderwerp` that name this topic; any one matches.
    pub words: &'static [&'static str],
    pub article: &'static str,
    pub source: Source,
    /// The catalogue key of the layer's answer, in the reader's language.
    pub answer_key: &'static str,
}

/// The topics, most specific first.
pub const TOPICS: &[Topic] = &[
    Topic {
        id: "camerabeelden",
        words: &["camerabeelden", "cameratoezicht"],
        article: super::CAMERA_FOOTAGE.versions[0].article,
        source: Source::Richtsnoer,
        answer_key: "law-topic-camerabeelden",
    },
    Topic {
        id: "sollicitatie",
        words: &["sollicit"],
        article: super::JOB_APPLICATION.versions[0].article,
        source: Source::Richtsnoer,
        answer_key: "law-topic-sollicitatie",
    },
    Topic {
        id: "medisch_dossier",
        words: &[
            "medisch dossier",
            "dossiertermijn",
            "bewaartermijn van 7 jaar",
            "ingangsmoment",
        ],
        article: "art. 7:454 lid 3 BW",
        source: Source::Wet,
        answer_key: "law-topic-medisch-dossier",
    },
    Topic {
        id: "fiscaal",
        words: &["financiële", "fiscale", "salaris"],
        article: "art. 52 lid 4 AWR",
        source: Source::Wet,
        answer_key: "law-topic-fiscaal",
    },
    Topic {
        id: "datalek",
        words: &["datalek", "meldplicht", "inbreuk"],
        article: super::BREACH_NOTIFICATION.article,
        source: Source::Wet,
        answer_key: "law-topic-datalek",
    },
    Topic {
        id: "klacht",
        words: &[
            "klachttermijn",
            "klachtbehandeling",
            "klachtenregeling",
            "afhandeling van klachten",
        ],
        article: super::COMPLAINT_WKKGZ.article,
        source: Source::Wet,
        answer_key: "law-topic-klacht",
    },
    Topic {
        id: "identiteit",
        words: &["identiteit"],
        article: super::AVG_IDENTITY,
        source: Source::Wet,
        answer_key: "law-topic-identiteit",
    },
    Topic {
        id: "reactietermijn",
        words: &[
            "reactietermijn",
            "termijn voor overdraagbaarheid",
            "recht van bezwaar",
        ],
        article: "AVG art. 12 lid 3",
        source: Source::Wet,
        answer_key: "law-topic-reactietermijn",
    },
];

/// The topics of the law layer a silence's subject names.
pub fn topics_for(subject: &str) -> Vec<&'static Topic> {
    let subject = subject.to_lowercase();
    TOPICS
        .iter()
        .filter(|t| t.words.iter().any(|w| subject.contains(w)))
        .collect()
}
