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

/// A remembered decision is the decision: asking twice, in any order, answers as a freshly
/// compiled policy does, for every fact a decision depends on.
#[test]
fn remembered_decisions_answer_as_fresh_ones() {
    let (_, warm) = crate::seed("bg-wonen");
    let facts = |care: bool, supervised: bool, restricted: bool, deceased: bool| AccessRequest {
        care_relationship: care,
        supervised,
        restricted,
        deceased,
        ..AccessRequest::new("zorgverlener", Action::Read, "gezondheid")
    };
    let mut cases = Vec::new();
    for care in [false, true] {
        for supervised in [false, true] {
            for restricted in [false, true] {
                for deceased in [false, true] {
                    cases.push((care, supervised, restricted, deceased));
                }
            }
        }
    }
    // Warm the memo in one order, then compare in the reverse order with a fresh policy each.
    for &(c, s, r, d) in &cases {
        warm.decide(&facts(c, s, r, d));
    }
    for &(c, s, r, d) in cases.iter().rev() {
        let (_, fresh) = crate::seed("bg-wonen");
        assert_eq!(
            warm.decide(&facts(c, s, r, d)),
            fresh.decide(&facts(c, s, r, d)),
            "care {c}, supervised {s}, restricted {r}, deceased {d}"
        );
    }
    assert!(warm.decide(&facts(true, false, false, false)).allowed);
    assert!(
        !warm.decide(&facts(true, false, true, false)).allowed,
        "restricted"
    );
}
