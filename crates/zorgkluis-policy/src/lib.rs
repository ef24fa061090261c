//! Access control: the reglement compiled to Cedar.
//!
//! The schema is generated from the model (users in roles, records with a category), the
//! policies from the reglement's processings: one `permit` per user rule, one per emergency
//! rule, and the `forbid`s the seeds demand (no special categories for administration and
//! planners, nothing on a restricted record, trainees only under supervision in a care team).
//! Every generated policy carries the article it comes from as the `@artikel` annotation, so a
//! decision cites it. An organisation may add policies of its own (`cedar_beleid` in the
//! reglement); they are validated against the generated schema.
//!
//! Policies are grouped per role, so a decision evaluates only its role's few policies (Cedar's
//! cost grows with the number of policies it evaluates).

mod generate;

use std::collections::{HashMap, HashSet};
use std::str::FromStr;

use cedar_policy::{
    Authorizer, Context, Decision, Entities, Entity, EntityId, EntityTypeName, EntityUid, Policy,
    PolicyId, PolicySet, Request, RestrictedExpression, Schema, ValidationMode, Validator,
};
use zorgkluis_core::Reglement;
use zorgkluis_core::decide::{
    AccessDecision, AccessPolicy, AccessRequest, DenyReason, DutyRequest,
};
use zorgkluis_core::diagnostic::{Diagnostic, Locator, Severity};
use zorgkluis_core::vocabulary::Duty;

pub use generate::{Generated, HEIR_ROLE, SYSTEM_ARTICLE, policies, schema_text};

struct Types {
    role: EntityTypeName,
    category: EntityTypeName,
    user: EntityUid,
    record: EntityUid,
    organisation: EntityUid,
    actions: HashMap<zorgkluis_core::vocabulary::Action, EntityUid>,
    duties: HashMap<Duty, EntityUid>,
}

impl Types {
    fn new() -> Result<Types, String> {
        let name = |ty: &str| {
            EntityTypeName::from_str(&format!("Zorgkluis::{ty}")).map_err(|e| e.to_string())
        };
        let action = name("Action")?;
        Ok(Types {
            role: name("Role")?,
            category: name("Category")?,
            user: EntityUid::from_type_name_and_id(name("User")?, EntityId::new("u")),
            record: EntityUid::from_type_name_and_id(name("Record")?, EntityId::new("r")),
            organisation: EntityUid::from_type_name_and_id(
                name("Organisation")?,
                EntityId::new("o"),
            ),
            duties: Duty::ALL
                .iter()
                .map(|d| {
                    (
                        *d,
                        EntityUid::from_type_name_and_id(action.clone(), EntityId::new(d.id())),
                    )
                })
                .collect(),
            actions: zorgkluis_core::vocabulary::Action::ALL
                .iter()
                .map(|a| {
                    (
                        *a,
                        EntityUid::from_type_name_and_id(action.clone(), EntityId::new(a.id())),
                    )
                })
                .collect(),
        })
    }
}

/// Policies an organisation adds: the file name (for messages) and its text.
#[derive(Debug, Clone, Copy)]
pub struct CustomPolicies<'a> {
    pub file: &'a str,
    pub text: &'a str,
}

/// A compiled reglement: the schema and the policy sets per role.
pub struct CedarPolicy {
    /// All policies, for printing and validation.
    all: PolicySet,
    /// The policies that can apply to a role: its own and those for any principal.
    by_role: HashMap<String, PolicySet>,
    /// Policies for any principal, for roles without policies of their own.
    any_role: PolicySet,
    /// The generated policy text plus the custom text.
    text: String,
    /// Per category id: special (art. 9/10), administrative.
    categories: HashMap<String, (bool, bool)>,
    /// The generated permits' shapes, to explain denials.
    permits: Vec<generate::PermitMeta>,
    duty_permits: Vec<generate::DutyMeta>,
    /// Type names and uids parsed once: parsing them per decision was a measurable share.
    types: Types,
    /// Each policy's annotations, read once: Cedar parses the key on every `annotation` call,
    /// which was a tenth of an audited write (measured).
    notes: HashMap<PolicyId, Notes>,
    /// The article of the rule about heirs (`@nabestaanden`), if the reglement has one.
    heirs_article: Option<String>,
    authorizer: Authorizer,
    /// Decisions already made, by everything a decision depends on: the policies never change
    /// for a compiled reglement, so the same request always gets the same answer. Evaluating
    /// Cedar was a tenth of an audited read's CPU under load (measured).
    memo: Memo,
}

/// What a cached decision depends on. Requests with an emergency reason are never cached: an
/// organisation's own policy may look at the reason's text.
#[derive(Clone, PartialEq, Eq, Hash)]
enum MemoKey {
    Data {
        role: String,
        action: zorgkluis_core::vocabulary::Action,
        category: String,
        care: bool,
        supervised: bool,
        restricted: bool,
        without_consent: bool,
        deceased: bool,
        heir_ground: Option<String>,
    },
    Duty {
        role: String,
        duty: Duty,
        care: bool,
        supervised: bool,
    },
}

/// At most this many decisions are remembered (roles x actions x categories x situations stays
/// far below it for any reglement; the bound only keeps odd input from growing it).
const MEMO_LIMIT: usize = 20_000;

#[derive(Default)]
struct Memo(std::sync::RwLock<HashMap<MemoKey, AccessDecision>>);

impl Memo {
    fn get_or(&self, key: MemoKey, decide: impl FnOnce() -> AccessDecision) -> AccessDecision {
        if let Some(d) = self.0.read().ok().and_then(|m| m.get(&key).cloned()) {
            return d;
        }
        let decision = decide();
        if let Ok(mut m) = self.0.write()
            && m.len() < MEMO_LIMIT
        {
            m.insert(key, decision.clone());
        }
        decision
    }
}

/// What a decision cites of a policy.
struct Notes {
    /// `@artikel`: the article of the reglement the policy comes from.
    article: Option<String>,
    /// `@noodtoegang`: the policy permits emergency access only.
    emergency: bool,
}

impl std::fmt::Debug for CedarPolicy {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.debug_struct("CedarPolicy")
            .field("roles", &self.by_role.keys().collect::<Vec<_>>())
            .finish()
    }
}

fn internal(message: String) -> Vec<Diagnostic> {
    vec![Diagnostic {
        severity: Severity::Error,
        code: "policy.internal",
        message,
        help: None,
        file: "<generated>".to_owned(),
        line: 1,
        column: 1,
        span: 0..0,
    }]
}

/// Diagnostics with positions from a Cedar error's labelled spans.
fn located(
    err: &dyn miette::Diagnostic,
    code: &'static str,
    file: &str,
    text: &str,
    message: String,
) -> Vec<Diagnostic> {
    let locator = Locator::new(file, text);
    let spans: Vec<usize> = err
        .labels()
        .into_iter()
        .flatten()
        .map(|l| l.offset())
        .collect();
    let offset = spans.first().copied().unwrap_or(0);
    vec![locator.diagnostic(Severity::Error, code, offset..offset, message)]
}

impl CedarPolicy {
    /// Compiles the reglement (and the organisation's own policies) to Cedar.
    pub fn compile(
        reglement: &Reglement,
        custom: Option<CustomPolicies<'_>>,
    ) -> Result<CedarPolicy, Vec<Diagnostic>> {
        let schema_src = schema_text(reglement);
        let (schema, _) = Schema::from_cedarschema_str(&schema_src)
            .map_err(|e| internal(format!("generated schema: {e}")))?;
        let generated = policies(reglement);
        let mut all = PolicySet::new();
        for (id, src) in &generated.policies {
            let pid = PolicyId::from_str(id).map_err(|e| internal(e.to_string()))?;
            let policy = Policy::parse(Some(pid), src)
                .map_err(|e| internal(format!("generated policy {id}: {e}")))?;
            all.add(policy).map_err(|e| internal(e.to_string()))?;
        }
        let mut text = generated.text();
        if let Some(c) = custom {
            let parsed = PolicySet::from_str(c.text).map_err(|e| {
                let message = e.to_string();
                located(&e, "policy.syntax", c.file, c.text, message)
            })?;
            for p in parsed.policies() {
                // Custom policies get their own ids, so they cannot shadow generated ones.
                let id = PolicyId::from_str(&format!("eigen.{}", p.id()))
                    .map_err(|e| internal(e.to_string()))?;
                let renamed =
                    Policy::parse(Some(id), p.to_string()).map_err(|e| internal(e.to_string()))?;
                all.add(renamed).map_err(|e| internal(e.to_string()))?;
            }
            text.push_str("\n// Eigen beleid van de organisatie (");
            text.push_str(c.file);
            text.push_str(")\n");
            text.push_str(c.text);
            // Validate the custom policies on their own text, so positions point into it.
            let result = Validator::new(schema.clone()).validate(&parsed, ValidationMode::Strict);
            let errors: Vec<Diagnostic> = result
                .validation_errors()
                .flat_map(|e| located(e, "policy.invalid", c.file, c.text, e.to_string()))
                .collect();
            if !errors.is_empty() {
                return Err(errors);
            }
        }
        let result = Validator::new(schema.clone()).validate(&all, ValidationMode::Strict);
        if let Some(e) = result.validation_errors().next() {
            return Err(internal(format!("generated policies do not validate: {e}")));
        }
        // Group per role: a policy scoped `principal in Role::"x"` belongs to x.
        let mut by_role: HashMap<String, PolicySet> = HashMap::new();
        let mut any_role = PolicySet::new();
        let mut scoped: Vec<(Option<String>, Policy)> = Vec::new();
        for p in all.policies() {
            let role = match p.principal_constraint() {
                cedar_policy::PrincipalConstraint::In(uid)
                | cedar_policy::PrincipalConstraint::Eq(uid)
                    if uid.type_name().basename() == "Role" =>
                {
                    Some(uid.id().unescaped().to_owned())
                }
                _ => None,
            };
            scoped.push((role, p.clone()));
        }
        let roles: HashSet<String> = scoped.iter().filter_map(|(r, _)| r.clone()).collect();
        for (role, p) in &scoped {
            match role {
                Some(r) => {
                    by_role
                        .entry(r.clone())
                        .or_default()
                        .add(p.clone())
                        .map_err(|e| internal(e.to_string()))?;
                }
                None => {
                    any_role
                        .add(p.clone())
                        .map_err(|e| internal(e.to_string()))?;
                    for r in &roles {
                        by_role
                            .entry(r.clone())
                            .or_default()
                            .add(p.clone())
                            .map_err(|e| internal(e.to_string()))?;
                    }
                }
            }
        }
        let categories = reglement
            .taxonomy
            .categories
            .iter()
            .map(|c| (c.id.clone(), (c.special.is_some(), c.administrative)))
            .collect();
        let notes = all
            .policies()
            .map(|p| {
                let notes = Notes {
                    article: p.annotation("artikel").map(str::to_owned),
                    emergency: p.annotation("noodtoegang").is_some(),
                };
                (p.id().clone(), notes)
            })
            .collect();
        let heirs_article = all
            .policies()
            .find(|p| p.annotation("nabestaanden").is_some())
            .and_then(|p| p.annotation("artikel"))
            .map(str::to_owned);
        Ok(CedarPolicy {
            all,
            by_role,
            any_role,
            text,
            categories,
            notes,
            heirs_article,
            types: Types::new().map_err(internal)?,
            permits: generated.permits,
            duty_permits: generated.duty_permits,
            authorizer: Authorizer::new(),
            memo: Memo::default(),
        })
    }

    /// The policies as an officer reads them.
    pub fn text(&self) -> &str {
        &self.text
    }

    pub fn policy_count(&self) -> usize {
        self.all.policies().count()
    }

    fn article(&self, id: &PolicyId) -> Option<String> {
        self.notes.get(id).and_then(|n| n.article.clone())
    }

    /// One Cedar evaluation.
    fn evaluate(
        &self,
        req: &AccessRequest<'_>,
        care: bool,
        supervised: bool,
        emergency: bool,
    ) -> Result<cedar_policy::Response, String> {
        let set = self.by_role.get(req.role).unwrap_or(&self.any_role);
        let t = &self.types;
        let role = EntityUid::from_type_name_and_id(t.role.clone(), EntityId::new(req.role));
        let user = t.user.clone();
        let record = t.record.clone();
        let action = t
            .actions
            .get(&req.action)
            .cloned()
            .ok_or_else(|| format!("no action {}", req.action))?;
        let category = req.category;
        // An unknown category counts as special: never less protected than it should be.
        let (special, administrative) = self
            .categories
            .get(category)
            .copied()
            .unwrap_or((true, false));
        let attrs = HashMap::from([
            (
                "category".to_owned(),
                RestrictedExpression::new_entity_uid(EntityUid::from_type_name_and_id(
                    self.types.category.clone(),
                    EntityId::new(category),
                )),
            ),
            (
                "special".to_owned(),
                RestrictedExpression::new_bool(special),
            ),
            (
                "administrative".to_owned(),
                RestrictedExpression::new_bool(administrative),
            ),
            (
                "restricted".to_owned(),
                RestrictedExpression::new_bool(req.restricted),
            ),
            (
                "without_consent".to_owned(),
                RestrictedExpression::new_bool(req.without_consent),
            ),
            (
                "deceased".to_owned(),
                RestrictedExpression::new_bool(req.deceased),
            ),
        ]);
        let entities = Entities::from_entities(
            [
                Entity::new_no_attrs(role.clone(), HashSet::new()),
                Entity::new_no_attrs(user.clone(), HashSet::from([role])),
                Entity::new(record.clone(), attrs, HashSet::new()).map_err(|e| e.to_string())?,
            ],
            // The entities are built here from typed values; validating them against the
            // schema on every decision doubled its cost (measured), and the policies themselves
            // are validated against the schema when compiled.
            None,
        )
        .map_err(|e| e.to_string())?;
        let context = situation(
            care,
            supervised,
            emergency,
            req.emergency_reason.unwrap_or("").trim(),
            req.heir_ground.unwrap_or(""),
        )?;
        let request =
            Request::new(user, action, record, context, None).map_err(|e| e.to_string())?;
        Ok(self.authorizer.is_authorized(&request, set, &entities))
    }

    /// One Cedar evaluation of a duty: the organisation is the resource.
    fn evaluate_duty(&self, req: &DutyRequest<'_>) -> Result<cedar_policy::Response, String> {
        let set = self.by_role.get(req.role).unwrap_or(&self.any_role);
        let t = &self.types;
        let role = EntityUid::from_type_name_and_id(t.role.clone(), EntityId::new(req.role));
        let action = t
            .duties
            .get(&req.duty)
            .cloned()
            .ok_or_else(|| format!("no duty {}", req.duty))?;
        let entities = Entities::from_entities(
            [
                Entity::new_no_attrs(role.clone(), HashSet::new()),
                Entity::new_no_attrs(t.user.clone(), HashSet::from([role])),
                Entity::new_no_attrs(t.organisation.clone(), HashSet::new()),
            ],
            None,
        )
        .map_err(|e| e.to_string())?;
        let context = situation(req.care_relationship, req.supervised, false, "", "")?;
        let request = Request::new(
            t.user.clone(),
            action,
            t.organisation.clone(),
            context,
            None,
        )
        .map_err(|e| e.to_string())?;
        Ok(self.authorizer.is_authorized(&request, set, &entities))
    }

    /// The determining policies of a response, sorted (Cedar reports a set), and the articles
    /// they cite, in that order.
    fn reasons(&self, response: &cedar_policy::Response) -> (Vec<PolicyId>, Vec<String>) {
        let mut ids: Vec<PolicyId> = response.diagnostics().reason().cloned().collect();
        ids.sort_by_key(ToString::to_string);
        let mut articles: Vec<String> = Vec::new();
        for id in &ids {
            if let Some(a) = self.article(id)
                && !articles.contains(&a)
            {
                articles.push(a);
            }
        }
        (ids, articles)
    }
}

/// The situation of a request, as the schema's `Situation` type.
fn situation(
    care: bool,
    supervised: bool,
    emergency: bool,
    emergency_reason: &str,
    heir_ground: &str,
) -> Result<Context, String> {
    Context::from_pairs([
        (
            "care_relationship".to_owned(),
            RestrictedExpression::new_bool(care),
        ),
        (
            "supervised".to_owned(),
            RestrictedExpression::new_bool(supervised),
        ),
        (
            "emergency".to_owned(),
            RestrictedExpression::new_bool(emergency),
        ),
        (
            "emergency_reason".to_owned(),
            RestrictedExpression::new_string(emergency_reason.to_owned()),
        ),
        (
            "heir_ground".to_owned(),
            RestrictedExpression::new_string(heir_ground.to_owned()),
        ),
    ])
    .map_err(|e| e.to_string())
}

impl AccessPolicy for CedarPolicy {
    fn decide_duty(&self, req: &DutyRequest<'_>) -> AccessDecision {
        let key = MemoKey::Duty {
            role: req.role.to_owned(),
            duty: req.duty,
            care: req.care_relationship,
            supervised: req.supervised,
        };
        self.memo.get_or(key, || self.evaluate_duty_decision(req))
    }

    fn decide(&self, req: &AccessRequest<'_>) -> AccessDecision {
        if req.emergency_reason.is_some() {
            return self.decide_uncached(req);
        }
        let key = MemoKey::Data {
            role: req.role.to_owned(),
            action: req.action,
            category: req.category.to_owned(),
            care: req.care_relationship,
            supervised: req.supervised,
            restricted: req.restricted,
            without_consent: req.without_consent,
            deceased: req.deceased,
            heir_ground: req.heir_ground.map(str::to_owned),
        };
        self.memo.get_or(key, || self.decide_uncached(req))
    }
}

impl CedarPolicy {
    fn evaluate_duty_decision(&self, req: &DutyRequest<'_>) -> AccessDecision {
        let response = match self.evaluate_duty(req) {
            Ok(r) => r,
            // A request the schema rejects is denied, never allowed.
            Err(e) => {
                return AccessDecision::deny(
                    Vec::new(),
                    vec![format!("fout: {e}")],
                    DenyReason::NoRule,
                );
            }
        };
        let (ids, articles) = self.reasons(&response);
        let policies: Vec<String> = ids.iter().map(ToString::to_string).collect();
        if response.decision() == Decision::Allow {
            return AccessDecision::allow(articles, policies, false);
        }
        if !ids.is_empty() {
            return AccessDecision::deny(articles, policies, DenyReason::Forbidden);
        }
        // A rule that grants the duty for the user's own clients only, asked for everyone.
        let limited: Vec<String> = self
            .duty_permits
            .iter()
            .filter(|m| m.role == req.role && m.duties.contains(&req.duty) && m.care_relationship)
            .map(|m| m.article.clone())
            .collect();
        if !req.care_relationship && !limited.is_empty() {
            return AccessDecision::deny(limited, policies, DenyReason::NoCareRelationship);
        }
        AccessDecision::deny(articles, policies, DenyReason::NoRule)
    }

    /// One decision, evaluated by Cedar.
    fn decide_uncached(&self, req: &AccessRequest<'_>) -> AccessDecision {
        if req.emergency_reason.is_some_and(|r| r.trim().is_empty()) {
            return AccessDecision::deny(
                Vec::new(),
                Vec::new(),
                DenyReason::EmergencyWithoutReason,
            );
        }
        let emergency = req.emergency_reason.is_some();
        let response = match self.evaluate(req, req.care_relationship, req.supervised, emergency) {
            Ok(r) => r,
            // A request the schema rejects is denied, never allowed.
            Err(e) => {
                return AccessDecision::deny(
                    Vec::new(),
                    vec![format!("fout: {e}")],
                    DenyReason::NoRule,
                );
            }
        };
        let (ids, articles) = self.reasons(&response);
        let policies: Vec<String> = ids.iter().map(ToString::to_string).collect();
        if response.decision() == Decision::Allow {
            // Allowed by an emergency rule only when the normal rules would not allow it.
            let by_emergency = ids
                .iter()
                .all(|id| self.notes.get(id).is_some_and(|n| n.emergency));
            return AccessDecision::allow(articles, policies, by_emergency);
        }
        if !ids.is_empty() {
            let heirs = req.role == HEIR_ROLE;
            return AccessDecision::deny(
                articles,
                policies,
                if heirs {
                    DenyReason::Heirs
                } else {
                    DenyReason::Forbidden
                },
            );
        }
        if req.role == HEIR_ROLE {
            let article = self.heirs_article.clone().into_iter().collect();
            return AccessDecision::deny(article, policies, DenyReason::Heirs);
        }
        // Why no rule permits it: which condition of a matching rule the request lacked.
        // Read from the generated rules' shapes, so a denial costs one evaluation.
        let matching: Vec<&generate::PermitMeta> = self
            .permits
            .iter()
            .filter(|m| m.role == req.role && m.actions.contains(&req.action))
            .filter(|m| m.categories.iter().any(|c| c == req.category))
            .collect();
        let near = |m: &&generate::PermitMeta| m.article.clone();
        if !req.care_relationship && matching.iter().any(|m| m.care_relationship) {
            let reason = if emergency {
                DenyReason::EmergencyNotPermitted
            } else {
                DenyReason::NoCareRelationship
            };
            return AccessDecision::deny(matching.iter().map(near).collect(), policies, reason);
        }
        if !req.supervised && matching.iter().any(|m| m.supervised) {
            return AccessDecision::deny(
                matching.iter().map(near).collect(),
                policies,
                DenyReason::NotSupervised,
            );
        }
        AccessDecision::deny(articles, policies, DenyReason::NoRule)
    }
}
