//! An organisation's own policies: validated against the generated schema, errors with a
//! position, and in force once valid.

use zorgkluis_core::decide::{AccessPolicy as _, AccessRequest};
use zorgkluis_core::vocabulary::Action;
use zorgkluis_policy::{CedarPolicy, CustomPolicies};

use crate::seed;

fn compile(text: &str) -> Result<CedarPolicy, Vec<zorgkluis_core::Diagnostic>> {
    let (reglement, _) = seed("bg-wonen");
    CedarPolicy::compile(
        &reglement,
        Some(CustomPolicies {
            file: "eigen.cedar",
            text,
        }),
    )
}

#[test]
fn an_unknown_attribute_is_rejected_with_its_position() {
    let text = "// eigen regels\npermit (principal, action, resource)\nwhen { resource.afdeling == \"noord\" };\n";
    let errors = compile(text).unwrap_err();
    assert_eq!(errors[0].code, "policy.invalid");
    assert_eq!(errors[0].file, "eigen.cedar");
    assert_eq!(errors[0].line, 3, "{errors:#?}");
    assert!(
        errors[0].message.contains("afdeling"),
        "{}",
        errors[0].message
    );
}

#[test]
fn an_unknown_entity_type_is_rejected() {
    let text = "forbid (principal in Zorgkluis::Team::\"noord\", action, resource);\n";
    let errors = compile(text).unwrap_err();
    assert_eq!(errors[0].code, "policy.invalid", "{errors:#?}");
    assert!(errors[0].message.contains("Team"), "{}", errors[0].message);
}

#[test]
fn a_syntax_error_names_line_and_column() {
    let text = "permit (principal, action, resource)\nwhen { resource.restricted ==  };\n";
    let errors = compile(text).unwrap_err();
    assert_eq!(errors[0].code, "policy.syntax");
    assert_eq!(errors[0].line, 2, "{errors:#?}");
}

#[test]
fn a_valid_custom_forbid_takes_effect() {
    let text = "@artikel(\"eigen 1\")\nforbid (principal in Zorgkluis::Role::\"directie\", action == Zorgkluis::Action::\"export\", resource)\nwhen { resource.special };\n";
    let policy = compile(text).unwrap_or_else(|d| panic!("{d:#?}"));
    let d = policy.decide(&AccessRequest::new(
        "directie",
        Action::Export,
        "gezondheid",
    ));
    assert!(!d.allowed);
    assert_eq!(d.articles, ["eigen 1"]);
    assert!(
        policy
            .decide(&AccessRequest::new("directie", Action::Export, "naw"))
            .allowed
    );
    assert!(policy.text().contains("Eigen beleid"));
}

#[test]
fn an_unknown_role_or_category_is_rejected() {
    let role = "forbid (principal in Zorgkluis::Role::\"zorgverlenr\", action, resource);\n";
    let errors = compile(role).unwrap_err();
    assert_eq!(errors[0].code, "policy.invalid", "{errors:#?}");
    let category = "forbid (principal, action, resource)\nwhen { resource.category == Zorgkluis::Category::\"gezondheidd\" };\n";
    let errors = compile(category).unwrap_err();
    assert_eq!(errors[0].code, "policy.invalid", "{errors:#?}");
    assert_eq!(errors[0].line, 2, "{errors:#?}");
}

/// Decisions are remembered per compiled reglement, but never for an emergency reason: an
/// organisation's own policy may look at the reason's text, and must see every one.
#[test]
fn a_custom_rule_on_the_emergency_reason_sees_every_reason() {
    let text = "@artikel(\"eigen 2\")\nforbid (principal, action, resource)\nwhen { context.emergency_reason like \"*proef*\" };\n";
    let policy = compile(text).unwrap_or_else(|d| panic!("{d:#?}"));
    let ask = |reason: &str| {
        policy
            .decide(&AccessRequest {
                emergency_reason: Some(reason),
                ..AccessRequest::new("zorgverlener", Action::Read, "gezondheid")
            })
            .allowed
    };
    for _ in 0..3 {
        assert!(ask("cliënt onwel, huisarts onbereikbaar"));
        assert!(
            !ask("even een proef"),
            "the custom forbid applies to this reason"
        );
    }
}

/// A remembered decision is the decision. Two policies of each seed are asked every
/// question (every role, the heirs' and the command line's too, every action and category,
/// every situation; every duty), one in order and one in reverse: if the memo's key lacked
/// anything a decision depends on, each would remember the answer to another question than it
/// is asked, and they would disagree.
#[test]
fn remembered_decisions_answer_as_fresh_ones() {
    use zorgkluis_core::decide::{DutyRequest, HEIR_ROLE, SYSTEM_ROLE};
    use zorgkluis_core::taxonomy::IdKind;
    use zorgkluis_core::vocabulary::Duty;
    for seed in crate::SEEDS {
        let (reglement, forward) = crate::seed(seed);
        let (_, backward) = crate::seed(seed);
        let mut roles = reglement.taxonomy.ids(IdKind::Role);
        roles.extend([HEIR_ROLE, SYSTEM_ROLE]);
        // A category of each kind (administrative, fiscal, special, hereditary, plain), and
        // the seed's own: enough for every rule to matter, few enough for a debug build.
        let categories: Vec<&str> = reglement
            .taxonomy
            .ids(IdKind::Category)
            .into_iter()
            .filter(|c| {
                ["naw", "financieel", "gezondheid", "erfelijk", "website"].contains(c)
                    || zorgkluis_core::taxonomy::Taxonomy::builtin()
                        .category(c)
                        .is_none()
            })
            .collect();
        let grounds = [None, Some("zwaarwegend_belang"), Some("medische_fout")];
        let mut data = Vec::new();
        for role in &roles {
            for action in Action::ALL {
                for category in &categories {
                    for bits in 0..16u8 {
                        // Only heirs invoke a ground.
                        let grounds: &[Option<&str>] = if *role == HEIR_ROLE {
                            &grounds
                        } else {
                            &[None]
                        };
                        for ground in grounds.iter().copied() {
                            data.push(AccessRequest {
                                care_relationship: bits & 1 != 0,
                                supervised: bits & 2 != 0,
                                restricted: bits & 4 != 0,
                                deceased: bits & 8 != 0,
                                heir_ground: ground,
                                ..AccessRequest::new(role, *action, category)
                            });
                        }
                    }
                }
            }
        }
        let mut duties = Vec::new();
        for role in &roles {
            for duty in Duty::ALL {
                for bits in 0..4u8 {
                    duties.push(DutyRequest {
                        care_relationship: bits & 1 != 0,
                        supervised: bits & 2 != 0,
                        ..DutyRequest::new(role, *duty)
                    });
                }
            }
        }
        for r in &data {
            forward.decide(r);
        }
        for r in data.iter().rev() {
            backward.decide(r);
        }
        for r in &duties {
            forward.decide_duty(r);
        }
        for r in duties.iter().rev() {
            backward.decide_duty(r);
        }
        let mut differing = 0;
        for r in &data {
            if forward.decide(r) != backward.decide(r) {
                differing += 1;
            }
        }
        for r in &duties {
            if forward.decide_duty(r) != backward.decide_duty(r) {
                differing += 1;
            }
        }
        assert_eq!(differing, 0, "{seed}: remembered decisions differ");
        // The facts matter somewhere, so the comparison can fail.
        let allowed = data.iter().filter(|r| forward.decide(r).allowed).count();
        assert!(allowed > 0 && allowed < data.len(), "{seed}: {allowed}");
    }
}
