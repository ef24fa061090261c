//! One dossier shared by two subjects (couples or family therapy, `[gedeeld_dossier]`): who may
//! see, erase and disclose which part. Pure: the reglement and the facts of the question.
//!
//! - A **joint part** (`gezamenlijk`) records what both subjects brought in together: each may
//!   see it (art. 7:456 BW), since it is the dossier of both; a copy must not harm the rights of
//!   others (art. 15 lid 4 AVG), which the handler checks. Its erasure needs the other subject's
//!   interest weighed: destruction on request does not hold where keeping it is of substantial
//!   interest to someone other than the requester (art. 7:455 lid 2 BW); the other's consent
//!   settles it. Its disclosure to a third party needs the consent of both (art. 7:457 lid 1 BW:
//!   each is a patient whose data it holds).
//! - A **part of one subject** (`eigen`) is his alone: he may see it and ask its erasure (art.
//!   7:456 and 7:455 lid 1 BW); for the other subject it is a third party's data, seen or
//!   disclosed only with its owner's consent (art. 7:457 lid 1 BW), never erased at his request.
//! - The therapist's **personal work notes** (`werkaantekeningen`) are no part of the dossier,
//!   as art. 7:454 BW is read (notes for the therapist's own use, not shared with anyone): the
//!   WGBO's access and its twenty years do not reach them, and they are never disclosed (once
//!   shared they are dossier). Where they hold the subject's personal data, art. 15 AVG may
//!   still give access: the handler judges that, so the answer refuses under the WGBO and says
//!   what remains to be weighed.

use serde::Serialize;

use super::{DecisionError, cite_list, push_article};
use crate::i18n::Lang;
use crate::reglement::file::SharedPart;
use crate::reglement::{Reglement, cite};
use crate::t;
use crate::taxonomy::did_you_mean;
use crate::vocabulary::{SharedAction, SharedPartKind};

const ACCESS: &str = "art. 7:456 BW";
const ACCESS_OTHERS: &str = "AVG art. 15 lid 4";
const ERASURE: &str = "art. 7:455 lid 1 BW";
const ERASURE_OTHER_INTEREST: &str = "art. 7:455 lid 2 BW";
const SECRECY: &str = "art. 7:457 lid 1 BW";
const DOSSIER: &str = "art. 7:454 BW";
const AVG_ACCESS: &str = "AVG art. 15";

/// The facts of a question about a part of a shared dossier.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct SharedFacts {
    pub action: SharedAction,
    /// For a part of one subject: whether it is the requester's own.
    pub own_part: bool,
    /// The requester consents (to a disclosure).
    pub consent: bool,
    /// The other subject consents (to a disclosure, an erasure, or the requester's access to
    /// his own part).
    pub other_consent: bool,
    /// The other subject's interest in keeping a joint part was weighed and does not stand in
    /// the way of its erasure.
    pub other_interest_weighed: bool,
}

#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct SharedAnswer {
    pub part: String,
    pub kind: SharedPartKind,
    pub action: SharedAction,
    pub allowed: bool,
    /// What must still be there or be judged.
    pub also_needed: Vec<String>,
    pub articles: Vec<String>,
}

/// May `action` be done on the part `part` of the shared dossier, on these facts? What is also
/// needed is said in `lang`.
pub fn shared_dossier(
    reglement: &Reglement,
    part: &str,
    facts: SharedFacts,
    lang: Lang,
) -> Result<SharedAnswer, DecisionError> {
    let Some(dossier) = &reglement.file.shared_dossier else {
        return Err(DecisionError::NoSharedDossier);
    };
    let Some(p) = dossier.parts.iter().find(|p| p.id.get_ref() == part) else {
        let ids: Vec<&str> = dossier
            .parts
            .iter()
            .map(|p| p.id.get_ref().as_str())
            .collect();
        return Err(DecisionError::UnknownPart {
            id: part.to_owned(),
            suggestion: did_you_mean(part, &ids).map(str::to_owned),
        });
    };
    let kind = *p.kind.get_ref();
    let mut articles = vec![cite(dossier.article.get_ref(), dossier.law.as_deref())];
    push_article(&mut articles, part_article(p));
    let mut needed = Vec::new();
    let mut law = |a: &str| push_article(&mut articles, a.to_owned());
    let allowed = match (kind, facts.action) {
        (SharedPartKind::Gezamenlijk, SharedAction::Inzage) => {
            law(ACCESS);
            law(ACCESS_OTHERS);
            true
        }
        (SharedPartKind::Gezamenlijk, SharedAction::Verwijdering) => {
            law(ERASURE);
            law(ERASURE_OTHER_INTEREST);
            let settled = facts.other_consent || facts.other_interest_weighed;
            if !settled {
                needed.push(t!(lang, "shared-needed-other-interest"));
            }
            settled
        }
        (SharedPartKind::Gezamenlijk, SharedAction::Verstrekking) => {
            law(SECRECY);
            if !facts.consent {
                needed.push(t!(lang, "shared-needed-own-consent"));
            }
            if !facts.other_consent {
                needed.push(t!(lang, "shared-needed-other-consent"));
            }
            facts.consent && facts.other_consent
        }
        (SharedPartKind::Eigen, SharedAction::Inzage) if facts.own_part => {
            law(ACCESS);
            true
        }
        (SharedPartKind::Eigen, SharedAction::Inzage) => {
            law(SECRECY);
            if !facts.other_consent {
                needed.push(t!(lang, "shared-needed-owner-consent"));
            }
            facts.other_consent
        }
        (SharedPartKind::Eigen, SharedAction::Verwijdering) => {
            law(ERASURE);
            facts.own_part
        }
        (SharedPartKind::Eigen, SharedAction::Verstrekking) => {
            law(SECRECY);
            let owner = if facts.own_part {
                facts.consent
            } else {
                facts.other_consent
            };
            if !owner {
                needed.push(t!(lang, "shared-needed-owner-consent"));
            }
            owner
        }
        (SharedPartKind::Werkaantekeningen, SharedAction::Inzage) => {
            law(DOSSIER);
            law(AVG_ACCESS);
            needed.push(t!(lang, "shared-needed-work-notes-avg"));
            false
        }
        (SharedPartKind::Werkaantekeningen, SharedAction::Verwijdering) => {
            law(DOSSIER);
            true
        }
        (SharedPartKind::Werkaantekeningen, SharedAction::Verstrekking) => {
            law(DOSSIER);
            law(SECRECY);
            false
        }
    };
    Ok(SharedAnswer {
        part: part.to_owned(),
        kind,
        action: facts.action,
        allowed,
        also_needed: needed,
        articles,
    })
}

fn part_article(p: &SharedPart) -> String {
    cite(p.article.get_ref(), p.law.as_deref())
}

impl SharedAnswer {
    /// The answer in a sentence that cites its articles.
    pub fn explain(&self, lang: Lang) -> String {
        let key = match (self.kind, self.allowed) {
            (SharedPartKind::Werkaantekeningen, false) => "shared-work-notes",
            (_, true) => "shared-allowed",
            (_, false) => "shared-refused",
        };
        let mut s = t!(
            lang,
            key,
            action = self.action.label(lang),
            part = &self.part,
            kind = self.kind.label(lang),
            articles = &cite_list(&self.articles)
        );
        if !self.also_needed.is_empty() {
            s.push(' ');
            s.push_str(&t!(
                lang,
                "represent-also-needed",
                needed = &self.also_needed.join("; ")
            ));
        }
        s
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::decide::{test_reglement, test_reglement_errors};

    const DOSSIER_RULES: &str = "[taxonomie.categorieen.werkaantekeningen]\n\
        nl = \"Werkaantekeningen\"\nen = \"Work notes\"\n\
        [gedeeld_dossier]\nartikel = \"4.1\"\n\
        [[gedeeld_dossier.delen]]\nid = \"gezamenlijk\"\nsoort = \"gezamenlijk\"\n\
        categorieen = [\"rapportage\"]\nartikel = \"4.2\"\n\
        [[gedeeld_dossier.delen]]\nid = \"individueel\"\nsoort = \"eigen\"\n\
        categorieen = [\"rapportage\"]\nartikel = \"4.3\"\n\
        [[gedeeld_dossier.delen]]\nid = \"werkaantekeningen\"\nsoort = \"werkaantekeningen\"\n\
        categorieen = [\"werkaantekeningen\"]\nartikel = \"4.4\"\n";

    fn facts(action: SharedAction) -> SharedFacts {
        SharedFacts {
            action,
            own_part: false,
            consent: false,
            other_consent: false,
            other_interest_weighed: false,
        }
    }

    #[test]
    fn both_see_the_joint_part_and_only_the_owner_his_own() {
        let r = test_reglement(DOSSIER_RULES);
        let joint =
            shared_dossier(&r, "gezamenlijk", facts(SharedAction::Inzage), Lang::En).unwrap();
        assert!(joint.allowed);
        assert_eq!(
            joint.articles,
            vec!["4.1", "4.2", "art. 7:456 BW", "AVG art. 15 lid 4"]
        );
        let own = SharedFacts {
            own_part: true,
            ..facts(SharedAction::Inzage)
        };
        assert!(
            shared_dossier(&r, "individueel", own, Lang::En)
                .unwrap()
                .allowed
        );
        let other =
            shared_dossier(&r, "individueel", facts(SharedAction::Inzage), Lang::En).unwrap();
        assert!(!other.allowed);
        assert!(other.articles.contains(&"art. 7:457 lid 1 BW".to_owned()));
        let with_consent = SharedFacts {
            other_consent: true,
            ..facts(SharedAction::Inzage)
        };
        assert!(
            shared_dossier(&r, "individueel", with_consent, Lang::En)
                .unwrap()
                .allowed
        );
    }

    #[test]
    fn erasing_a_joint_part_weighs_the_others_interest() {
        let r = test_reglement(DOSSIER_RULES);
        let a = shared_dossier(
            &r,
            "gezamenlijk",
            facts(SharedAction::Verwijdering),
            Lang::En,
        )
        .unwrap();
        assert!(!a.allowed);
        assert!(a.articles.contains(&"art. 7:455 lid 2 BW".to_owned()));
        assert_eq!(a.also_needed.len(), 1);
        let weighed = SharedFacts {
            other_interest_weighed: true,
            ..facts(SharedAction::Verwijdering)
        };
        assert!(
            shared_dossier(&r, "gezamenlijk", weighed, Lang::En)
                .unwrap()
                .allowed
        );
        // One's own part: erased at one's own request, never at the other's.
        let own = SharedFacts {
            own_part: true,
            ..facts(SharedAction::Verwijdering)
        };
        assert!(
            shared_dossier(&r, "individueel", own, Lang::En)
                .unwrap()
                .allowed
        );
        let not_own = shared_dossier(
            &r,
            "individueel",
            facts(SharedAction::Verwijdering),
            Lang::En,
        )
        .unwrap();
        assert!(!not_own.allowed);
    }

    #[test]
    fn disclosing_a_joint_part_needs_both_consents() {
        let r = test_reglement(DOSSIER_RULES);
        let one = SharedFacts {
            consent: true,
            ..facts(SharedAction::Verstrekking)
        };
        let a = shared_dossier(&r, "gezamenlijk", one, Lang::En).unwrap();
        assert!(!a.allowed);
        assert_eq!(a.also_needed.len(), 1);
        let both = SharedFacts {
            other_consent: true,
            ..one
        };
        assert!(
            shared_dossier(&r, "gezamenlijk", both, Lang::En)
                .unwrap()
                .allowed
        );
    }

    #[test]
    fn work_notes_are_no_part_of_the_dossier() {
        let r = test_reglement(DOSSIER_RULES);
        let see = shared_dossier(
            &r,
            "werkaantekeningen",
            facts(SharedAction::Inzage),
            Lang::En,
        )
        .unwrap();
        assert!(!see.allowed);
        assert!(see.explain(Lang::En).contains("not part of the dossier"));
        let give = SharedFacts {
            consent: true,
            other_consent: true,
            ..facts(SharedAction::Verstrekking)
        };
        assert!(
            !shared_dossier(&r, "werkaantekeningen", give, Lang::En)
                .unwrap()
                .allowed
        );
        let erase = shared_dossier(
            &r,
            "werkaantekeningen",
            facts(SharedAction::Verwijdering),
            Lang::En,
        )
        .unwrap();
        assert!(erase.allowed);
    }

    #[test]
    fn unknown_parts_and_a_missing_section_are_named() {
        let r = test_reglement(DOSSIER_RULES);
        assert_eq!(
            shared_dossier(&r, "gezamelijk", facts(SharedAction::Inzage), Lang::En),
            Err(DecisionError::UnknownPart {
                id: "gezamelijk".to_owned(),
                suggestion: Some("gezamenlijk".to_owned())
            })
        );
        let none = test_reglement("");
        assert_eq!(
            shared_dossier(&none, "gezamenlijk", facts(SharedAction::Inzage), Lang::En),
            Err(DecisionError::NoSharedDossier)
        );
    }

    #[test]
    fn the_shared_dossier_is_checked() {
        let notes_in_dossier = DOSSIER_RULES.replace(
            "categorieen = [\"werkaantekeningen\"]",
            "categorieen = [\"rapportage\"]",
        );
        assert!(
            test_reglement_errors(&notes_in_dossier).contains(&"reglement.work_notes_in_dossier")
        );
        let twice = DOSSIER_RULES.replace("id = \"individueel\"", "id = \"gezamenlijk\"");
        assert!(test_reglement_errors(&twice).contains(&"reglement.duplicate_part"));
        let empty = "[gedeeld_dossier]\nartikel = \"4.1\"\n";
        assert!(test_reglement_errors(empty).contains(&"reglement.shared_dossier_no_parts"));
        let typo = DOSSIER_RULES.replace("soort = \"eigen\"", "soort = \"eigene\"");
        assert!(test_reglement_errors(&typo).contains(&"reglement.syntax"));
    }
}
