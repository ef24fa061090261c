//! The Cedar schema and policies generated from a reglement.

use std::fmt::Write as _;

use zorgkluis_core::Reglement;
use zorgkluis_core::decide::{PORTAL_ROLE, SYSTEM_ROLE};
use zorgkluis_core::reglement::file::{Id, UserRule};
use zorgkluis_core::taxonomy::IdKind;
use zorgkluis_core::vocabulary::{Action, Duty, RequestType};

pub use zorgkluis_core::decide::HEIR_ROLE;

/// The schema: users in roles act on records of a category, or carry out a duty for the
/// organisation, in a situation. Roles and categories are enumerated from the reglement's
/// taxonomy, so an organisation's own policy that names an unknown role or category is
/// rejected when it is checked.
pub fn schema_text(reglement: &Reglement) -> String {
    let actions: Vec<String> = Action::ALL.iter().map(|a| lit(a.id())).collect();
    let duties: Vec<String> = Duty::ALL.iter().map(|d| lit(d.id())).collect();
    let mut roles: Vec<&str> = reglement.taxonomy.ids(IdKind::Role);
    roles.push(HEIR_ROLE);
    roles.push(SYSTEM_ROLE);
    roles.push(PORTAL_ROLE);
    let categories = reglement.taxonomy.ids(IdKind::Category);
    format!(
        r#"namespace Zorgkluis {{
  entity Role enum {};
  entity Category enum {};
  entity User in [Role];
  entity Organisation;
  entity Record = {{
    category: Category,
    special: Bool,
    administrative: Bool,
    restricted: Bool,
    without_consent: Bool,
    deceased: Bool,
  }};
  type Situation = {{
    care_relationship: Bool,
    supervised: Bool,
    emergency: Bool,
    emergency_reason: String,
    heir_ground: String,
  }};
  action {} appliesTo {{
    principal: [User],
    resource: [Record],
    context: Situation,
  }};
  action {} appliesTo {{
    principal: [User],
    resource: [Organisation],
    context: Situation,
  }};
}}
"#,
        string_set(roles),
        string_set(categories),
        actions.join(", "),
        duties.join(", ")
    )
}

/// A Cedar string literal.
fn lit(s: &str) -> String {
    let mut out = String::from("\"");
    for c in s.chars() {
        match c {
            '"' => out.push_str("\\\""),
            '\\' => out.push_str("\\\\"),
            '\n' => out.push_str("\\n"),
            c => out.push(c),
        }
    }
    out.push('"');
    out
}

fn role(id: &str) -> String {
    format!("Zorgkluis::Role::{}", lit(id))
}

fn duty_list(duties: &[Duty]) -> String {
    let items: Vec<String> = duties
        .iter()
        .map(|d| format!("Zorgkluis::Action::{}", lit(d.id())))
        .collect();
    format!("[{}]", items.join(", "))
}

fn action_list(actions: &[Action]) -> String {
    let items: Vec<String> = actions
        .iter()
        .map(|a| format!("Zorgkluis::Action::{}", lit(a.id())))
        .collect();
    format!("[{}]", items.join(", "))
}

/// `resource.category in [Zorgkluis::Category::"naw", ...]`.
fn category_condition<'a>(items: impl IntoIterator<Item = &'a str>) -> String {
    let items: Vec<String> = items
        .into_iter()
        .map(|c| format!("Zorgkluis::Category::{}", lit(c)))
        .collect();
    format!("resource.category in [{}]", items.join(", "))
}

fn string_set<'a>(items: impl IntoIterator<Item = &'a str>) -> String {
    let items: Vec<String> = items.into_iter().map(lit).collect();
    format!("[{}]", items.join(", "))
}

/// The generated policies: each an id and its Cedar text.
pub struct Generated {
    pub header: String,
    pub policies: Vec<(String, String)>,
    /// What each generated user-rule permit requires, to explain a denial without evaluating
    /// again: which condition the request lacked.
    pub permits: Vec<PermitMeta>,
    /// The same for the generated duty permits.
    pub duty_permits: Vec<DutyMeta>,
}

/// The shape of one generated duty permit.
#[derive(Debug, Clone)]
pub struct DutyMeta {
    pub role: String,
    pub duties: Vec<Duty>,
    pub care_relationship: bool,
    pub article: String,
}

/// The shape of one generated user-rule permit.
#[derive(Debug, Clone)]
pub struct PermitMeta {
    pub role: String,
    pub actions: Vec<Action>,
    pub categories: Vec<String>,
    pub care_relationship: bool,
    pub supervised: bool,
    pub article: String,
}

impl Generated {
    fn policy(&mut self, id: &str, annotations: &[(&str, &str)], body: &str) {
        let mut text = format!("@id({})\n", lit(id));
        for (k, v) in annotations {
            let _ = writeln!(text, "@{k}({})", lit(v));
        }
        let _ = write!(text, "{body};");
        self.policies.push((id.to_owned(), text));
    }

    /// All policies as one text, as an officer reads them.
    pub fn text(&self) -> String {
        let mut out = self.header.clone();
        for (_, p) in &self.policies {
            out.push_str(p);
            out.push_str("\n\n");
        }
        out
    }
}

fn categories<'a>(rule: &'a UserRule, processing_categories: &'a [Id]) -> Vec<&'a str> {
    match &rule.categories {
        Some(c) => c.iter().map(|c| c.get_ref().as_str()).collect(),
        None => processing_categories
            .iter()
            .map(|c| c.get_ref().as_str())
            .collect(),
    }
}

/// Every policy the reglement implies, with `@id` and `@artikel` annotations.
pub fn policies(reglement: &Reglement) -> Generated {
    let f = &reglement.file;
    let mut out = Generated {
        policies: Vec::new(),
        permits: Vec::new(),
        duty_permits: Vec::new(),
        header: format!(
            "// Gegenereerd uit het reglement van {} (versie {}).\n// Alles wat hier niet wordt toegestaan, is verboden.\n\n",
            f.organisation.name, f.version.number
        ),
    };
    for processing in &f.processings {
        let p = processing.get_ref();
        for (i, u) in p.users.iter().enumerate() {
            let cats = categories(u, &p.categories);
            let mut conditions = vec![category_condition(cats.iter().copied())];
            if u.care_relationship {
                conditions.push("context.care_relationship".to_owned());
            }
            if u.supervised {
                conditions.push("context.supervised".to_owned());
            }
            let body = format!(
                "permit (\n  principal in {},\n  action in {},\n  resource\n)\nwhen {{\n  {}\n}}",
                role(u.role.get_ref()),
                action_list(&u.actions),
                conditions.join("\n  && ")
            );
            out.policy(
                &format!("{}.{}", p.id.get_ref(), i + 1),
                &[
                    ("artikel", u.article.get_ref()),
                    ("verwerking", p.id.get_ref()),
                ],
                &body,
            );
            out.permits.push(PermitMeta {
                role: u.role.get_ref().clone(),
                actions: u.actions.clone(),
                categories: cats.iter().map(|c| (*c).to_owned()).collect(),
                care_relationship: u.care_relationship,
                supervised: u.supervised,
                article: u.article.get_ref().clone(),
            });
        }
    }
    duties(reglement, &mut out);
    emergency(reglement, &mut out);
    forbids(reglement, &mut out);
    heirs(reglement, &mut out);
    out
}

/// The article the product cites for what it grants the command line itself.
pub const SYSTEM_ARTICLE: &str = "zorgkluis: beheer van de installatie";

/// What the portal role's one permit cites.
pub const PORTAL_ARTICLE: &str = "AVG art. 12 lid 2";

/// The citation of the built-in forbid on special categories for administration and planners:
/// the product's policy of data minimisation, not an article of law.
pub const PRODUCT_MINIMISATION: &str = "productbeleid zorgkluis: minimale gegevensverwerking (AVG art. 5 lid 1 sub c, art. 25 en art. 32)";

/// The duties of running the registration, one permit per `[[beheer]]` rule; and the command
/// line's own, which is the product's rule, not the organisation's.
fn duties(reglement: &Reglement, out: &mut Generated) {
    for (i, rule) in reglement.file.duties.iter().enumerate() {
        let r = rule.get_ref();
        let article = zorgkluis_core::reglement::cite(r.article.get_ref(), r.law.as_deref());
        let when = if r.care_relationship {
            "\nwhen { context.care_relationship }"
        } else {
            ""
        };
        out.policy(
            &format!("beheer.{}", i + 1),
            &[("artikel", &article)],
            &format!(
                "permit (\n  principal in {},\n  action in {},\n  resource\n){when}",
                role(r.role.get_ref()),
                duty_list(&r.duties)
            ),
        );
        out.duty_permits.push(DutyMeta {
            role: r.role.get_ref().clone(),
            duties: r.duties.clone(),
            care_relationship: r.care_relationship,
            article,
        });
    }
    out.policy(
        "product.systeem",
        &[("artikel", SYSTEM_ARTICLE)],
        &format!(
            "permit (\n  principal in {},\n  action in {},\n  resource\n)",
            role(SYSTEM_ROLE),
            duty_list(&[
                Duty::ManageAccounts,
                Duty::ReadAudit,
                Duty::ManageIncidents,
                Duty::ManageComplaints,
                Duty::RunRetention,
                Duty::CheckContact,
                Duty::ManageRecipients,
            ])
        ),
    );
    // A portal account files and follows requests (AVG art. 12 lid 2: the organisation
    // facilitates the exercise of the rights), and nothing else.
    out.policy(
        "product.portaal",
        &[("artikel", PORTAL_ARTICLE)],
        &format!(
            "permit (\n  principal in {},\n  action in {},\n  resource\n)",
            role(PORTAL_ROLE),
            duty_list(&[Duty::PortalRequests])
        ),
    );
}

/// Breaking the glass: reading what the role could read within a care relationship, with a
/// reason, where the reglement permits it.
fn emergency(reglement: &Reglement, out: &mut Generated) {
    let f = &reglement.file;
    let Some(e) = f.emergency.as_ref().filter(|e| e.allowed) else {
        return;
    };
    let article = zorgkluis_core::reglement::cite(e.article.get_ref(), e.law.as_deref());
    for processing in &f.processings {
        let p = processing.get_ref();
        for (i, u) in p.users.iter().enumerate() {
            let permitted_role =
                e.roles.is_empty() || e.roles.iter().any(|r| r.get_ref() == u.role.get_ref());
            if !permitted_role || !u.care_relationship || !u.actions.contains(&Action::Read) {
                continue;
            }
            let cats = categories(u, &p.categories);
            let mut conditions = vec![
                category_condition(cats.iter().copied()),
                "context.emergency".to_owned(),
                "context.emergency_reason != \"\"".to_owned(),
            ];
            if u.supervised {
                conditions.push("context.supervised".to_owned());
            }
            let body = format!(
                "permit (\n  principal in {},\n  action == Zorgkluis::Action::\"read\",\n  resource\n)\nwhen {{\n  {}\n}}",
                role(u.role.get_ref()),
                conditions.join("\n  && ")
            );
            out.policy(
                &format!("noodtoegang.{}.{}", p.id.get_ref(), i + 1),
                &[
                    ("artikel", &article),
                    ("verwerking", p.id.get_ref()),
                    ("noodtoegang", "beoordeling door de FG"),
                ],
                &body,
            );
        }
    }
}

/// What the seeds forbid whatever a rule permits.
fn forbids(reglement: &Reglement, out: &mut Generated) {
    let f = &reglement.file;
    // Administration and planners manage; they never see special category data. No article of
    // law forbids a role this (art. 9 AVG forbids processing, not roles): it is the product's
    // minimisation measure and is cited as such.
    // Where the reglement's text gives such a role special categories (`bijzondere_gegevens`),
    // the forbid gives way for those categories; the permit still says which actions.
    for r in zorgkluis_core::reglement::file::MINIMISED_ROLES {
        let mut granted: Vec<&str> = Vec::new();
        for p in f.processings.iter().map(|p| p.get_ref()) {
            for u in p
                .users
                .iter()
                .filter(|u| u.role.get_ref() == r && u.grants_special())
            {
                for c in categories(u, &p.categories) {
                    if !granted.contains(&c) {
                        granted.push(c);
                    }
                }
            }
        }
        let unless = if granted.is_empty() {
            String::new()
        } else {
            format!(
                "\nunless {{ {} }}",
                category_condition(granted.iter().copied())
            )
        };
        out.policy(
            &format!("bijzonder.{r}"),
            &[("artikel", PRODUCT_MINIMISATION)],
            &format!(
                "forbid (\n  principal in {},\n  action in {},\n  resource\n)\nwhen {{ resource.special }}{unless}",
                role(r),
                action_list(Action::ALL)
            ),
        );
    }
    // A restricted record is kept, and may be erased, but not otherwise used.
    let restriction = f
        .requests
        .iter()
        .map(|r| r.get_ref())
        .find(|r| r.types.contains(&RequestType::Afscherming))
        .map_or_else(|| "AVG art. 18".to_owned(), |r| r.article.get_ref().clone());
    let used = [
        Action::Read,
        Action::Write,
        Action::Correct,
        Action::Disclose,
        Action::Export,
    ];
    out.policy(
        "afscherming",
        &[("artikel", &restriction)],
        &format!("forbid (\n  principal,\n  action in {},\n  resource\n)\nwhen {{ resource.restricted }}", action_list(&used)),
    );
    // Data processed on consent alone, without a live consent: its only ground is gone, so it
    // is not used (read, added to, disclosed); what serves the client's rights stays possible:
    // correcting it, the client's own export, erasing it (art. 16, 15, 17 lid 1 sub b AVG).
    let without = [Action::Read, Action::Write, Action::Disclose];
    out.policy(
        "toestemming.grondslag",
        &[("artikel", "AVG art. 6 lid 1 sub a; AVG art. 9 lid 2 sub a")],
        &format!("forbid (\n  principal,\n  action in {},\n  resource\n)\nwhen {{ resource.without_consent }}", action_list(&without)),
    );
    // Trainees only within a care team and while a supervisor is assigned.
    let trainee = f
        .processings
        .iter()
        .flat_map(|p| p.get_ref().users.iter())
        .find(|u| u.role.get_ref() == "stagiair")
        .map_or_else(|| "begeleiding".to_owned(), |u| u.article.get_ref().clone());
    out.policy(
        "stagiair.begeleiding",
        &[("artikel", &trainee)],
        &format!(
            "forbid (\n  principal in {},\n  action,\n  resource\n)\nunless {{ context.supervised && context.care_relationship }}",
            role("stagiair")
        ),
    );
}

/// Heirs see a deceased client's record only where the reglement allows it.
fn heirs(reglement: &Reglement, out: &mut Generated) {
    let Some(h) = &reglement.file.heirs else {
        return;
    };
    let article = zorgkluis_core::reglement::cite(h.article.get_ref(), h.law.as_deref());
    let condition = if h.access {
        "resource.deceased".to_owned()
    } else if h.exceptions.is_empty() {
        return;
    } else {
        format!(
            "resource.deceased && {}.contains(context.heir_ground)",
            string_set(h.exceptions.iter().map(|e| e.id()))
        )
    };
    out.policy(
        "nabestaanden",
        &[("artikel", &article), ("nabestaanden", "true")],
        &format!(
            "permit (\n  principal in {},\n  action == Zorgkluis::Action::\"read\",\n  resource\n)\nwhen {{ {condition} }}",
            role(HEIR_ROLE)
        ),
    );
}
