//! Scenario tests drawn from the seed regulations' own text: every file in
//! `reglementen/scenarios/` names a reglement and lists cases with the answer its text demands.
//! See `reglementen/scenarios/README.md` for the format.

use std::path::{Path, PathBuf};

use jiff::civil::Date;
use serde::Deserialize;
use zorgkluis_core::decide::{self, Deadline, DisclosureFacts, RepresentFacts, RetentionFacts};
use zorgkluis_core::reglement::file::Day;
use zorgkluis_core::vocabulary::{ConsentForm, Ground, RequestType, Requester, SharedAction};
use zorgkluis_core::{Lang, Reglement};

#[derive(Deserialize)]
#[serde(deny_unknown_fields)]
struct ScenarioFile {
    reglement: String,
    #[serde(default)]
    deadline: Vec<DeadlineCase>,
    #[serde(default)]
    retention: Vec<RetentionCase>,
    #[serde(default)]
    disclose: Vec<DiscloseCase>,
    #[serde(default)]
    represent: Vec<RepresentCase>,
    #[serde(default)]
    verwerker: Vec<ProcessorCase>,
    #[serde(default)]
    informatie: Vec<InformationCase>,
    #[serde(default)]
    klacht: Vec<ComplaintCase>,
    #[serde(default)]
    gedeeld: Vec<SharedCase>,
}

/// A part of a dossier two subjects share (`[gedeeld_dossier]`).
#[derive(Deserialize)]
#[serde(deny_unknown_fields)]
struct SharedCase {
    naam: String,
    part: String,
    action: SharedAction,
    #[serde(default)]
    own_part: bool,
    #[serde(default)]
    consent: bool,
    #[serde(default)]
    other_consent: bool,
    #[serde(default)]
    other_interest_weighed: bool,
    expect: SharedExpect,
}

#[derive(Deserialize)]
#[serde(deny_unknown_fields)]
struct SharedExpect {
    allowed: Option<bool>,
    articles: Option<Vec<String>>,
    /// Words the English answer must contain.
    #[serde(default)]
    reason_has: Vec<String>,
}

/// When the subject must be told of data obtained (art. 13 and 14 AVG, `[informatieplicht]`).
#[derive(Deserialize)]
#[serde(deny_unknown_fields)]
struct InformationCase {
    naam: String,
    obtained: Day,
    from_subject: bool,
    expect: InformationExpect,
}

#[derive(Deserialize)]
#[serde(deny_unknown_fields)]
struct InformationExpect {
    inform_by: Option<Day>,
    articles: Option<Vec<String>>,
}

/// The complaint's clock (Wkkgz art. 17, `[klachten]`).
#[derive(Deserialize)]
#[serde(deny_unknown_fields)]
struct ComplaintCase {
    naam: String,
    received: Day,
    #[serde(default)]
    extended: bool,
    expect: ComplaintExpect,
}

#[derive(Deserialize)]
#[serde(deny_unknown_fields)]
struct ComplaintExpect {
    decide_by: Option<Day>,
    articles: Option<Vec<String>>,
    channels: Option<Vec<String>>,
}

/// May the processor of a processing process for this purpose (`verwerker_doel`).
#[derive(Deserialize)]
#[serde(deny_unknown_fields)]
struct ProcessorCase {
    naam: String,
    processing: String,
    purpose: String,
    expect: ProcessorExpect,
}

#[derive(Deserialize)]
#[serde(deny_unknown_fields)]
struct ProcessorExpect {
    allowed: Option<bool>,
    in_eea: Option<bool>,
    articles: Option<Vec<String>>,
}

#[derive(Deserialize)]
#[serde(deny_unknown_fields)]
struct DeadlineCase {
    naam: String,
    request: RequestType,
    received: Day,
    decided: Option<Day>,
    expect: DeadlineExpect,
}

#[derive(Deserialize)]
#[serde(deny_unknown_fields)]
struct DeadlineExpect {
    respond_by: Option<Day>,
    respond_articles: Option<Vec<String>>,
    execute_by: Option<Day>,
    execute_articles: Option<Vec<String>>,
    erase_by: Option<Day>,
    erase_articles: Option<Vec<String>>,
    identity_check: Option<bool>,
    /// The law that answers the identity check where the reglement is silent.
    identity_law: Option<String>,
    in_writing: Option<bool>,
    refusal_grounds: Option<Vec<String>>,
    /// Answers expected to be absent: "execute_by", "erase_by", "respond_by_extended",
    /// "identity_law".
    #[serde(default)]
    geen: Vec<String>,
}

#[derive(Deserialize)]
#[serde(deny_unknown_fields)]
struct RetentionCase {
    naam: String,
    category: String,
    created: Option<Day>,
    last_change: Option<Day>,
    care_ended: Option<Day>,
    /// The last treatment recorded (`--last-treatment`).
    last_treatment: Option<Day>,
    /// The processing that keeps the data (rules with `verwerkingen`); all rules when left out.
    processing: Option<String>,
    #[serde(default)]
    legal_hold: bool,
    expect: RetentionExpect,
}

#[derive(Deserialize)]
#[serde(deny_unknown_fields)]
struct RetentionExpect {
    retain_until: Option<Day>,
    destroy_by: Option<Day>,
    articles: Option<Vec<String>>,
    extendable_with_consent: Option<bool>,
    /// Answers expected to be absent: "retain_until", "destroy_by".
    #[serde(default)]
    geen: Vec<String>,
}

#[derive(Deserialize)]
#[serde(deny_unknown_fields)]
struct DiscloseCase {
    naam: String,
    recipient: String,
    category: String,
    #[serde(default)]
    consent: bool,
    #[serde(default)]
    objection: bool,
    /// The caregiver judges a conflict of duties (a rule may let it stand in for consent).
    #[serde(default)]
    conflict_of_duties: bool,
    /// The day of the disclosure (a rule may hold only between two dates).
    on: Option<Day>,
    /// The purpose of the disclosure (an id of the rules' `doelen`).
    purpose: Option<String>,
    expect: DiscloseExpect,
}

#[derive(Deserialize)]
#[serde(deny_unknown_fields)]
struct DiscloseExpect {
    allowed: Option<bool>,
    needs_consent: Option<bool>,
    consent_form: Option<ConsentForm>,
    notify_subject: Option<bool>,
    objection_blocks: Option<bool>,
    articles: Option<Vec<String>>,
    by_default: Option<bool>,
    /// A `[[verstrekkingsverboden]]` rule forbids it.
    banned: Option<bool>,
    /// The articles of the rules with dates that did not apply.
    not_in_force: Option<Vec<String>>,
    /// It is allowed without consent on the conflict of duties.
    on_conflict_of_duties: Option<bool>,
    /// Conditions the answer must list.
    #[serde(default)]
    conditions_has: Vec<String>,
}

/// Who may file a request (`zorgkluis reglement represent`), among them heirs.
#[derive(Deserialize)]
#[serde(deny_unknown_fields)]
struct RepresentCase {
    naam: String,
    request: RequestType,
    requester: Requester,
    subject_born: Day,
    on: Day,
    subject_deceased: Option<Day>,
    ground: Option<Ground>,
    #[serde(default)]
    authorisation: bool,
    expect: RepresentExpect,
}

#[derive(Deserialize)]
#[serde(deny_unknown_fields)]
struct RepresentExpect {
    allowed: Option<bool>,
    articles: Option<Vec<String>>,
    /// Words the English answer must contain, and words it must not.
    #[serde(default)]
    reason_has: Vec<String>,
    #[serde(default)]
    reason_lacks: Vec<String>,
}

fn root() -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR")).join("../..")
}

fn day(d: Option<Day>) -> Option<Date> {
    d.map(|d| d.0)
}

/// Compares one expected field; records a mismatch instead of stopping, so one run shows all.
fn same<T: PartialEq + std::fmt::Debug>(
    failures: &mut Vec<String>,
    case: &str,
    field: &str,
    expected: Option<T>,
    actual: T,
) {
    if let Some(expected) = expected
        && expected != actual
    {
        failures.push(format!(
            "{case}: {field}: expected {expected:?}, got {actual:?}"
        ));
    }
}

fn absent<T: std::fmt::Debug>(
    failures: &mut Vec<String>,
    case: &str,
    geen: &[String],
    field: &str,
    actual: &Option<T>,
) {
    if geen.iter().any(|g| g == field) && actual.is_some() {
        failures.push(format!("{case}: {field}: expected none, got {actual:?}"));
    }
}

fn deadline_parts(d: &Option<Deadline>) -> (Option<Date>, Option<Vec<String>>) {
    (
        d.as_ref().map(|d| d.date),
        d.as_ref().map(|d| d.articles.clone()),
    )
}

fn run_file(path: &Path) -> Vec<String> {
    let shown = path.display();
    let text = match std::fs::read_to_string(path) {
        Ok(t) => t,
        Err(e) => return vec![format!("{shown}: {e}")],
    };
    let file: ScenarioFile = match toml::from_str(&text) {
        Ok(f) => f,
        Err(e) => return vec![format!("{shown}: {e}")],
    };
    let reglement_path = root().join("reglementen").join(&file.reglement);
    let source = match std::fs::read_to_string(&reglement_path) {
        Ok(s) => s,
        Err(e) => return vec![format!("{}: {e}", reglement_path.display())],
    };
    let reglement = match Reglement::load(&file.reglement, &source, Lang::En) {
        Ok(r) => r,
        Err(d) => {
            let shown: Vec<String> = d.iter().map(|d| d.render(&source, Lang::En)).collect();
            return vec![format!(
                "{} does not load:\n{}",
                file.reglement,
                shown.join("")
            )];
        }
    };
    let mut failures = Vec::new();
    let f = &mut failures;
    for c in &file.deadline {
        let a = match decide::request_deadlines(&reglement, c.request, c.received.0, day(c.decided))
        {
            Ok(a) => a,
            Err(e) => {
                f.push(format!("{}: {e}", c.naam));
                continue;
            }
        };
        let x = &c.expect;
        same(
            f,
            &c.naam,
            "respond_by",
            day(x.respond_by),
            a.respond_by.date,
        );
        same(
            f,
            &c.naam,
            "respond_articles",
            x.respond_articles.clone(),
            a.respond_by.articles.clone(),
        );
        let (date, arts) = deadline_parts(&a.execute_by);
        same(f, &c.naam, "execute_by", day(x.execute_by).map(Some), date);
        same(
            f,
            &c.naam,
            "execute_articles",
            x.execute_articles.clone().map(Some),
            arts,
        );
        let (date, arts) = deadline_parts(&a.erase_by);
        same(f, &c.naam, "erase_by", day(x.erase_by).map(Some), date);
        same(
            f,
            &c.naam,
            "erase_articles",
            x.erase_articles.clone().map(Some),
            arts,
        );
        same(
            f,
            &c.naam,
            "identity_check",
            x.identity_check,
            a.identity_check,
        );
        same(
            f,
            &c.naam,
            "identity_law",
            x.identity_law.clone().map(Some),
            a.identity_law.clone(),
        );
        same(f, &c.naam, "in_writing", x.in_writing, a.in_writing);
        same(
            f,
            &c.naam,
            "refusal_grounds",
            x.refusal_grounds.clone(),
            a.refusal_grounds.clone(),
        );
        absent(f, &c.naam, &x.geen, "identity_law", &a.identity_law);
        absent(f, &c.naam, &x.geen, "execute_by", &a.execute_by);
        absent(f, &c.naam, &x.geen, "erase_by", &a.erase_by);
        absent(
            f,
            &c.naam,
            &x.geen,
            "respond_by_extended",
            &a.respond_by_extended,
        );
    }
    for c in &file.retention {
        let facts = RetentionFacts {
            created: day(c.created),
            last_change: day(c.last_change),
            care_ended: day(c.care_ended),
            legal_hold: c.legal_hold,
            as_of: None,
            last_treatment: day(c.last_treatment),
        };
        let answer = match &c.processing {
            Some(p) => decide::retention_in(&reglement, p, &c.category, facts),
            None => decide::retention(&reglement, &c.category, facts),
        };
        let a = match answer {
            Ok(a) => a,
            Err(e) => {
                f.push(format!("{}: {e}", c.naam));
                continue;
            }
        };
        let x = &c.expect;
        same(
            f,
            &c.naam,
            "retain_until",
            day(x.retain_until).map(Some),
            a.retain_until,
        );
        same(
            f,
            &c.naam,
            "destroy_by",
            day(x.destroy_by).map(Some),
            a.destroy_by,
        );
        same(
            f,
            &c.naam,
            "articles",
            x.articles.clone(),
            a.articles.clone(),
        );
        same(
            f,
            &c.naam,
            "extendable_with_consent",
            x.extendable_with_consent,
            a.extendable_with_consent,
        );
        absent(f, &c.naam, &x.geen, "retain_until", &a.retain_until);
        absent(f, &c.naam, &x.geen, "destroy_by", &a.destroy_by);
    }
    for c in &file.disclose {
        let facts = DisclosureFacts {
            consent: c.consent,
            objection: c.objection,
            conflict_of_duties: c.conflict_of_duties,
        };
        let query = decide::DisclosureQuery {
            on: day(c.on),
            purpose: c.purpose.as_deref(),
        };
        let a = match decide::disclose_on(&reglement, &c.recipient, &c.category, facts, query) {
            Ok(a) => a,
            Err(e) => {
                f.push(format!("{}: {e}", c.naam));
                continue;
            }
        };
        let x = &c.expect;
        same(f, &c.naam, "allowed", x.allowed, a.allowed);
        same(
            f,
            &c.naam,
            "needs_consent",
            x.needs_consent,
            a.needs_consent,
        );
        same(f, &c.naam, "consent_form", x.consent_form, a.consent_form);
        same(
            f,
            &c.naam,
            "notify_subject",
            x.notify_subject,
            a.notify_subject,
        );
        same(
            f,
            &c.naam,
            "objection_blocks",
            x.objection_blocks,
            a.objection_blocks,
        );
        same(
            f,
            &c.naam,
            "articles",
            x.articles.clone(),
            a.articles.clone(),
        );
        same(f, &c.naam, "by_default", x.by_default, a.by_default);
        same(f, &c.naam, "banned", x.banned, a.banned);
        same(
            f,
            &c.naam,
            "on_conflict_of_duties",
            x.on_conflict_of_duties,
            a.on_conflict_of_duties,
        );
        same(
            f,
            &c.naam,
            "not_in_force",
            x.not_in_force.clone(),
            a.not_in_force.iter().map(|d| d.article.clone()).collect(),
        );
        for w in &x.conditions_has {
            if !a.conditions.contains(w) {
                f.push(format!(
                    "{}: conditions lack {w:?}: {:?}",
                    c.naam, a.conditions
                ));
            }
        }
    }
    for c in &file.represent {
        let facts = RepresentFacts {
            request: c.request,
            requester: c.requester,
            subject_born: c.subject_born.0,
            on: c.on.0,
            subject_deceased: day(c.subject_deceased),
            ground: c.ground,
            authorisation: c.authorisation,
        };
        let a = match decide::represent(&reglement, &facts, Lang::En) {
            Ok(a) => a,
            Err(e) => {
                f.push(format!("{}: {e}", c.naam));
                continue;
            }
        };
        let x = &c.expect;
        same(f, &c.naam, "allowed", x.allowed, a.allowed);
        same(
            f,
            &c.naam,
            "articles",
            x.articles.clone(),
            a.articles.clone(),
        );
        let reason = a.explain(Lang::En);
        for w in &x.reason_has {
            if !reason.contains(w.as_str()) {
                f.push(format!("{}: reason lacks {w:?}: {reason}", c.naam));
            }
        }
        for w in &x.reason_lacks {
            if reason.contains(w.as_str()) {
                f.push(format!("{}: reason has {w:?}: {reason}", c.naam));
            }
        }
    }
    for c in &file.verwerker {
        let a = match decide::processor_use(&reglement, &c.processing, &c.purpose) {
            Ok(a) => a,
            Err(e) => {
                f.push(format!("{}: {e}", c.naam));
                continue;
            }
        };
        let x = &c.expect;
        same(f, &c.naam, "allowed", x.allowed, a.allowed);
        same(f, &c.naam, "in_eea", x.in_eea.map(Some), a.in_eea);
        same(
            f,
            &c.naam,
            "articles",
            x.articles.clone(),
            a.articles.clone(),
        );
    }
    for c in &file.informatie {
        let a = match decide::information_due(&reglement, c.obtained.0, c.from_subject) {
            Ok(a) => a,
            Err(e) => {
                f.push(format!("{}: {e}", c.naam));
                continue;
            }
        };
        let x = &c.expect;
        same(f, &c.naam, "inform_by", day(x.inform_by), a.inform_by);
        same(
            f,
            &c.naam,
            "articles",
            x.articles.clone(),
            a.articles.clone(),
        );
    }
    for c in &file.klacht {
        let a = match decide::complaint_deadline(&reglement, c.received.0, c.extended) {
            Ok(a) => a,
            Err(e) => {
                f.push(format!("{}: {e}", c.naam));
                continue;
            }
        };
        let x = &c.expect;
        same(f, &c.naam, "decide_by", day(x.decide_by), a.decide_by);
        same(
            f,
            &c.naam,
            "articles",
            x.articles.clone(),
            a.articles.clone(),
        );
        same(
            f,
            &c.naam,
            "channels",
            x.channels.clone(),
            a.channels.clone(),
        );
    }
    for c in &file.gedeeld {
        let facts = decide::SharedFacts {
            action: c.action,
            own_part: c.own_part,
            consent: c.consent,
            other_consent: c.other_consent,
            other_interest_weighed: c.other_interest_weighed,
        };
        let a = match decide::shared_dossier(&reglement, &c.part, facts, Lang::En) {
            Ok(a) => a,
            Err(e) => {
                f.push(format!("{}: {e}", c.naam));
                continue;
            }
        };
        let x = &c.expect;
        same(f, &c.naam, "allowed", x.allowed, a.allowed);
        same(
            f,
            &c.naam,
            "articles",
            x.articles.clone(),
            a.articles.clone(),
        );
        let reason = a.explain(Lang::En);
        for w in &x.reason_has {
            if !reason.contains(w.as_str()) {
                f.push(format!("{}: reason lacks {w:?}: {reason}", c.naam));
            }
        }
    }
    let count = file.deadline.len()
        + file.retention.len()
        + file.disclose.len()
        + file.represent.len()
        + file.verwerker.len()
        + file.informatie.len()
        + file.klacht.len()
        + file.gedeeld.len();
    if count < 10 {
        failures.push(format!("{count} scenarios; each seed needs at least ten"));
    }
    let name = path
        .file_name()
        .map(|n| n.to_string_lossy().into_owned())
        .unwrap_or_default();
    failures
        .into_iter()
        .map(|f| format!("{name}: {f}"))
        .collect()
}

/// Every seed reglement has a scenario file, and every scenario answers as its text demands.
#[test]
fn seed_reglements_behave_as_written() {
    let dir = root().join("reglementen/scenarios");
    let mut files: Vec<PathBuf> = std::fs::read_dir(&dir)
        .expect("reglementen/scenarios")
        .filter_map(|e| e.ok().map(|e| e.path()))
        .filter(|p| p.extension().is_some_and(|x| x == "toml"))
        .collect();
    files.sort();
    assert!(!files.is_empty(), "no scenario files in {}", dir.display());
    let failures: Vec<String> = files.iter().flat_map(|p| run_file(p)).collect();
    assert!(failures.is_empty(), "{}", failures.join("\n"));
}

/// The five seed regulations are all modelled and valid.
#[test]
fn the_five_seeds_load() {
    for name in [
        "aliantus.toml",
        "alpo-zorg.toml",
        "rondomzorg.toml",
        "aanzien.toml",
        "bg-wonen.toml",
    ] {
        let path = root().join("reglementen").join(name);
        let source =
            std::fs::read_to_string(&path).unwrap_or_else(|e| panic!("{}: {e}", path.display()));
        if let Err(d) = Reglement::load(name, &source, Lang::En) {
            panic!("{name} is invalid: {d:#?}");
        }
        let scenarios = root().join("reglementen/scenarios").join(name);
        assert!(scenarios.exists(), "{} has no scenario file", name);
    }
}

/// The synthetic practices of issue 17 (a GP practice, a couples-therapy practice): written to
/// the format as it stands, with every rule's article, so they load without a warning.
const PRACTICES: &[&str] = &["huisartsenpraktijk.toml", "relatietherapie.toml"];

#[test]
fn the_synthetic_practices_load_without_warnings() {
    for name in PRACTICES {
        let path = root().join("reglementen").join(name);
        let source =
            std::fs::read_to_string(&path).unwrap_or_else(|e| panic!("{}: {e}", path.display()));
        let reglement = match Reglement::load(name, &source, Lang::En) {
            Ok(r) => r,
            Err(d) => {
                let shown: Vec<String> = d.iter().map(|d| d.render(&source, Lang::En)).collect();
                panic!("{name} is invalid:\n{}", shown.join(""));
            }
        };
        let shown: Vec<String> = reglement
            .warnings
            .iter()
            .map(|d| d.render(&source, Lang::En))
            .collect();
        assert!(shown.is_empty(), "{name} warns:\n{}", shown.join(""));
        let scenarios = root().join("reglementen/scenarios").join(name);
        assert!(scenarios.exists(), "{} has no scenario file", name);
    }
}
