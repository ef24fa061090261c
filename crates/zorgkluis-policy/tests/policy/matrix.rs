//! The authorization matrix of every seed: for every role, category, action and care
//! relationship, the decision; then every duty of running the registration (`[[beheer]]`),
//! with the command line's own role. A combination allowed only under supervision says so. It
//! is kept as a reviewed snapshot in `reglementen/matrix/` (only the allowed combinations are
//! listed; everything else is denied). A change to the
//! generator or a reglement that changes any decision fails here; after review, accept it with
//! `ZORGKLUIS_UPDATE_MATRIX=1 cargo test -p zorgkluis-policy`.

use zorgkluis_core::decide::{AccessPolicy as _, AccessRequest, DutyRequest, SYSTEM_ROLE};
use zorgkluis_core::vocabulary::{Action, Duty};

use crate::{SEEDS, root, seed};

fn matrix(name: &str) -> String {
    let (reglement, policy) = seed(name);
    let mut out = format!(
        "# Toegestane toegang volgens {name}.toml (al het andere wordt geweigerd)\n# rol categorie actie zorgrelatie -> artikelen\n"
    );
    let mut roles = reglement
        .taxonomy
        .ids(zorgkluis_core::taxonomy::IdKind::Role);
    roles.sort_unstable();
    let mut categories = reglement
        .taxonomy
        .ids(zorgkluis_core::taxonomy::IdKind::Category);
    categories.sort_unstable();
    for role in &roles {
        for category in &categories {
            for action in Action::ALL {
                for care in [false, true] {
                    let d = policy.decide(&AccessRequest {
                        care_relationship: care,
                        supervised: true,
                        ..AccessRequest::new(role, *action, category)
                    });
                    if d.allowed {
                        let unsupervised = policy.decide(&AccessRequest {
                            care_relationship: care,
                            supervised: false,
                            ..AccessRequest::new(role, *action, category)
                        });
                        let care = if care { "zorgrelatie" } else { "-" };
                        let only_supervised = if unsupervised.allowed {
                            ""
                        } else {
                            " (alleen onder begeleiding)"
                        };
                        out.push_str(&format!(
                            "{role} {category} {action} {care} -> {}{only_supervised}\n",
                            d.articles.join("; ")
                        ));
                    }
                }
            }
        }
    }
    out.push_str("# beheer: rol taak zorgrelatie -> artikelen\n");
    roles.push(SYSTEM_ROLE);
    for role in &roles {
        for duty in Duty::ALL {
            for care in [false, true] {
                let d = policy.decide_duty(&DutyRequest {
                    care_relationship: care,
                    supervised: true,
                    ..DutyRequest::new(role, *duty)
                });
                if d.allowed {
                    let care = if care { "zorgrelatie" } else { "-" };
                    out.push_str(&format!(
                        "{role} {duty} {care} -> {}\n",
                        d.articles.join("; ")
                    ));
                }
            }
        }
    }
    out
}

#[test]
fn every_seed_matches_its_reviewed_matrix() {
    let update = std::env::var("ZORGKLUIS_UPDATE_MATRIX").is_ok_and(|v| v == "1");
    let mut changed = Vec::new();
    for name in SEEDS {
        let path = root()
            .join("reglementen/matrix")
            .join(format!("{name}.txt"));
        let actual = matrix(name);
        if update {
            std::fs::write(&path, &actual).unwrap();
            continue;
        }
        let expected = std::fs::read_to_string(&path).unwrap_or_default();
        if expected != actual {
            let gone: Vec<&str> = expected
                .lines()
                .filter(|l| !actual.lines().any(|a| a == *l))
                .collect();
            let new: Vec<&str> = actual
                .lines()
                .filter(|l| !expected.lines().any(|e| e == *l))
                .collect();
            changed.push(format!(
                "{name}: no longer allowed: {gone:?}\n{name}: newly allowed: {new:?}"
            ));
        }
    }
    assert!(
        changed.is_empty(),
        "decisions changed (review, then ZORGKLUIS_UPDATE_MATRIX=1):\n{}",
        changed.join("\n")
    );
}
