//! The rules the seeds require, checked by name on the generated policies.

use zorgkluis_core::decide::{AccessPolicy as _, AccessRequest, DenyReason};
use zorgkluis_core::vocabulary::Action;

use crate::{SEEDS, seed};

fn req<'a>(role: &'a str, action: Action, category: &'a str) -> AccessRequest<'a> {
    AccessRequest::new(role, action, category)
}

#[test]
fn administration_never_reads_health_data() {
    for name in SEEDS {
        let (_, policy) = seed(name);
        for care in [false, true] {
            let d = policy.decide(&AccessRequest {
                care_relationship: care,
                ..req("administratie", Action::Read, "gezondheid")
            });
            assert!(
                !d.allowed,
                "{name}: administratie read gezondheid (care {care})"
            );
            // A product choice, cited as the product's, not as an article of law.
            assert!(
                !d.articles.is_empty()
                    && d.articles
                        .iter()
                        .all(|a| a.starts_with("productbeleid zorgkluis")),
                "{name}: {:?}",
                d.articles
            );
        }
    }
    let (_, policy) = seed("rondomzorg");
    let d = policy.decide(&req("administratie", Action::Read, "naw"));
    assert!(d.allowed, "rondomzorg 3.1: administratie manages NAW");
    assert_eq!(d.articles, ["3.1"]);
    // Where the text gives them special data (`bijzondere_gegevens`), the minimisation gives
    // way for those categories only: Rondomzorg 1.1's secretariaat reads the website
    // registration, Alpo zorg's planners the care plan of Bijlage 3.
    let d = policy.decide(&req("administratie", Action::Read, "aanmelding"));
    assert!(d.allowed, "rondomzorg 1.1: {:?}", d.articles);
    assert_eq!(d.articles, ["1.1"]);
    let d = policy.decide(&req("administratie", Action::Write, "aanmelding"));
    assert!(!d.allowed, "rondomzorg 1.1 grants reading only");
    let (_, alpo) = seed("alpo-zorg");
    assert!(
        alpo.decide(&req("planner", Action::Read, "zorgplan"))
            .allowed
    );
    let d = alpo.decide(&req("planner", Action::Read, "gezondheid"));
    assert!(
        !d.allowed,
        "Bijlage 3 gives planners the care plan, not the dossier"
    );
}

#[test]
fn caregivers_only_within_the_care_team() {
    for name in ["bg-wonen", "rondomzorg", "alpo-zorg", "aliantus"] {
        let (_, policy) = seed(name);
        let with = policy.decide(&AccessRequest {
            care_relationship: true,
            ..req("zorgverlener", Action::Read, "gezondheid")
        });
        assert!(with.allowed, "{name}: {with:?}");
        let without = policy.decide(&req("zorgverlener", Action::Read, "gezondheid"));
        assert!(!without.allowed);
        assert_eq!(without.reason, DenyReason::NoCareRelationship, "{name}");
    }
    let (_, policy) = seed("bg-wonen");
    let d = policy.decide(&AccessRequest {
        care_relationship: true,
        ..req("zorgverlener", Action::Read, "gezondheid")
    });
    assert_eq!(d.articles, ["2.2"]);
    assert_eq!(d.policies, ["zorgverlening.1"]);
}

#[test]
fn emergency_access_needs_a_reason_a_permitting_reglement_and_review() {
    let (_, policy) = seed("bg-wonen");
    let no_reason = policy.decide(&AccessRequest {
        emergency_reason: Some(" "),
        ..req("zorgverlener", Action::Read, "gezondheid")
    });
    assert!(!no_reason.allowed);
    assert_eq!(no_reason.reason, DenyReason::EmergencyWithoutReason);
    let with_reason = policy.decide(&AccessRequest {
        emergency_reason: Some("onwel, huisarts onbereikbaar"),
        ..req("zorgverlener", Action::Read, "gezondheid")
    });
    assert!(
        with_reason.allowed && with_reason.emergency && with_reason.review_required,
        "{with_reason:?}"
    );
    assert!(
        with_reason.articles[0].starts_with("8.3"),
        "{:?}",
        with_reason.articles
    );
    // Breaking the glass does not widen a role's rights: administration stays out.
    let admin = policy.decide(&AccessRequest {
        emergency_reason: Some("reden"),
        ..req("administratie", Action::Read, "gezondheid")
    });
    assert!(!admin.allowed);
    // AanZien's reglement has no emergency access.
    let (_, aanzien) = seed("aanzien");
    let d = aanzien.decide(&AccessRequest {
        emergency_reason: Some("reden"),
        ..req("zorgverlener", Action::Read, "naw")
    });
    assert!(!d.allowed && !d.emergency, "{d:?}");
}

#[test]
fn trainees_only_under_supervision_in_a_care_team() {
    let (_, policy) = seed("alpo-zorg");
    let both = policy.decide(&AccessRequest {
        care_relationship: true,
        supervised: true,
        ..req("stagiair", Action::Read, "rapportage")
    });
    assert!(both.allowed, "{both:?}");
    let unsupervised = policy.decide(&AccessRequest {
        care_relationship: true,
        ..req("stagiair", Action::Read, "rapportage")
    });
    assert!(!unsupervised.allowed);
    let no_team = policy.decide(&AccessRequest {
        supervised: true,
        ..req("stagiair", Action::Read, "rapportage")
    });
    assert!(!no_team.allowed);
}

#[test]
fn restricted_records_are_hidden_but_can_be_erased() {
    let (_, policy) = seed("bg-wonen");
    let read = policy.decide(&AccessRequest {
        care_relationship: true,
        restricted: true,
        ..req("zorgverlener", Action::Read, "gezondheid")
    });
    assert!(!read.allowed);
    assert_eq!(read.reason, DenyReason::Forbidden);
    assert_eq!(read.policies, ["afscherming"]);
    let erase = policy.decide(&AccessRequest {
        restricted: true,
        ..req("directie", Action::Erase, "gezondheid")
    });
    assert!(erase.allowed, "{erase:?}");
}

#[test]
fn heirs_only_where_the_reglement_allows_it() {
    let (_, bg) = seed("bg-wonen");
    let heir = |ground: Option<&'static str>, deceased: bool| AccessRequest {
        deceased,
        heir_ground: ground,
        ..req("nabestaande", Action::Read, "gezondheid")
    };
    assert!(
        bg.decide(&heir(Some("vastgelegd_voor_overlijden"), true))
            .allowed,
        "BG wonen 2.8"
    );
    let none = bg.decide(&heir(None, true));
    assert!(!none.allowed);
    assert_eq!(none.reason, DenyReason::Heirs);
    assert_eq!(none.articles, ["2.8"]);
    assert!(
        !bg.decide(&heir(Some("vastgelegd_voor_overlijden"), false))
            .allowed,
        "only a deceased client's record"
    );
    // Rondomzorg 2.9: "in beginsel" no access; the grounds of art. 7.3.12a Jeugdwet, which the
    // reglement now names, and nothing else.
    let (_, rondom) = seed("rondomzorg");
    assert!(
        rondom
            .decide(&heir(Some("zwaarwegend_belang"), true))
            .allowed,
        "Rondomzorg 2.9 with art. 7.3.12a lid 1 sub b Jeugdwet"
    );
    assert!(
        !rondom.decide(&heir(Some("medische_fout"), true)).allowed,
        "Rondomzorg 2.9: the Jeugdwet has no ground of a medical error"
    );
    assert!(!rondom.decide(&heir(None, true)).allowed, "Rondomzorg 2.9");
}
