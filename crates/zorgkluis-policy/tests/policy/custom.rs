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
