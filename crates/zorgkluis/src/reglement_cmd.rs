//! `zorgkluis reglement ...`: the reglement simulator, so a privacy officer can test a
//! regulation before adopting it.
//!
//! Exit codes: 0 done; 1 the reglement has errors; 2 bad input (a file that cannot be read, a
//! bad date, an unknown id).

use std::io::Write as _;
use std::path::{Path, PathBuf};
use std::process::ExitCode;

use clap::{Subcommand, ValueEnum};
use jiff::civil::Date;
use serde::Serialize;
use zorgkluis_core::decide::{
    self, DecisionError, DisclosureFacts, ErasureFacts, RepresentFacts, RetentionFacts,
};
use zorgkluis_core::decide::{AccessPolicy as _, AccessRequest};
use zorgkluis_core::i18n::t;
use zorgkluis_core::register::ProcessingRegister;
use zorgkluis_core::taxonomy::{IdKind, did_you_mean};
use zorgkluis_core::vocabulary::{Action, Ground, RequestType, Requester};
use zorgkluis_core::{Lang, Reglement, t};
use zorgkluis_policy::{CedarPolicy, CustomPolicies, HEIR_ROLE};

#[derive(Subcommand)]
pub enum ReglementCommand {
    /// Validate reglement files: exit 0 when valid (warnings on stderr), 1 with the errors.
    Check {
        #[arg(required = true)]
        files: Vec<PathBuf>,
    },
    /// Show the processing register (art. 30 AVG) the reglement defines.
    Show {
        file: PathBuf,
        #[arg(long, value_enum, default_value = "markdown")]
        format: Format,
    },
    /// The deadlines of a data subject request.
    Deadline {
        file: PathBuf,
        /// inzage, afschrift, correctie, aanvulling, verwijdering, afscherming, bezwaar,
        /// overdraagbaarheid, overdracht or inzage_logging.
        #[arg(long, value_parser = parse_request_type)]
        request: RequestType,
        /// The day the request was received (YYYY-MM-DD).
        #[arg(long, value_parser = parse_date)]
        received: Date,
        /// The day the request was decided (YYYY-MM-DD).
        #[arg(long, value_parser = parse_date)]
        decided: Option<Date>,
        #[arg(long)]
        json: bool,
    },
    /// How long data of a category is kept, and when it must be destroyed.
    Retention {
        file: PathBuf,
        #[arg(long)]
        category: String,
        #[arg(long, value_parser = parse_date)]
        created: Option<Date>,
        #[arg(long = "last-change", value_parser = parse_date)]
        last_change: Option<Date>,
        #[arg(long = "care-ended", value_parser = parse_date)]
        care_ended: Option<Date>,
        /// The last treatment (a rule counted from laatste_behandeling, or one with
        /// tenzij = "behandeling": a treatment on or after --created ends it).
        #[arg(long = "last-treatment", value_parser = parse_date)]
        last_treatment: Option<Date>,
        /// A complaint or court case holds the data.
        #[arg(long = "legal-hold")]
        legal_hold: bool,
        /// Answer with the law in force on this day (YYYY-MM-DD); without it, the law as it
        /// stands.
        #[arg(long, value_parser = parse_date)]
        on: Option<Date>,
        #[arg(long)]
        json: bool,
    },
    /// Whether a request to erase the data of a category is granted (art. 17 AVG; for the
    /// medical dossier art. 7:455 BW), on which grounds it is refused, and by when the data is
    /// erased. One category at a time, so an erasure can be partial.
    Erase {
        file: PathBuf,
        #[arg(long)]
        category: String,
        /// The day the request was received (YYYY-MM-DD).
        #[arg(long, value_parser = parse_date)]
        received: Date,
        /// The day the record was made (YYYY-MM-DD).
        #[arg(long, value_parser = parse_date)]
        created: Option<Date>,
        #[arg(long = "last-change", value_parser = parse_date)]
        last_change: Option<Date>,
        #[arg(long = "care-ended", value_parser = parse_date)]
        care_ended: Option<Date>,
        /// Keeping the data is of substantial interest to someone other than the client, such
        /// as hereditary information (art. 7:455 lid 2 BW).
        #[arg(long = "third-party-interest")]
        third_party_interest: bool,
        /// A provision of or under a statute demands keeping the data (art. 17 lid 3 sub b
        /// AVG, art. 7:455 lid 2 BW).
        #[arg(long = "statutory-duty")]
        statutory_duty: bool,
        /// A complaint or court case holds the data (art. 17 lid 3 sub e AVG).
        #[arg(long = "legal-hold")]
        legal_hold: bool,
        #[arg(long)]
        json: bool,
    },
    /// Decide one access with the Cedar policies compiled from the reglement.
    Decide {
        file: PathBuf,
        /// A role id (zorgverlener, stagiair, planner, administratie, directie, fg, verwerker,
        /// the reglement's own roles) or `nabestaande` for heirs.
        #[arg(long)]
        role: String,
        #[arg(long, value_parser = parse_action)]
        action: Action,
        #[arg(long)]
        category: String,
        /// The user is in the client's care team.
        #[arg(long = "care-relationship")]
        care_relationship: bool,
        /// A supervisor is assigned (trainees).
        #[arg(long)]
        supervised: bool,
        /// Break the glass, with this reason.
        #[arg(long)]
        emergency: Option<String>,
        /// The record is restricted (afscherming).
        #[arg(long)]
        restricted: bool,
        /// The client has died.
        #[arg(long)]
        deceased: bool,
        /// For heirs: the ground invoked (vastgelegd_voor_overlijden, zwaarwegend_belang, ...).
        #[arg(long = "heir-ground")]
        heir_ground: Option<String>,
        #[arg(long)]
        json: bool,
    },
    /// Print the Cedar policies generated from the reglement (and the organisation's own).
    Policies {
        file: PathBuf,
        /// Print the Cedar schema instead.
        #[arg(long)]
        schema: bool,
    },
    /// The data-breach clock: when the Autoriteit Persoonsgegevens must be notified (72 hours
    /// from discovery, art. 33 AVG) and when the persons affected are told (art. 34 AVG).
    Breach {
        file: PathBuf,
        /// When the breach was discovered: Dutch time (2026-03-27T16:30) or a moment with its
        /// offset (2026-03-27T16:30:00+01:00, 2026-03-27T15:30:00Z).
        #[arg(long, value_parser = parse_moment)]
        discovered: jiff::Timestamp,
        #[arg(long)]
        json: bool,
    },
    /// The complaint's clock (Wkkgz art. 17): when a complaint must be decided, with or
    /// without the extension.
    Complaint {
        file: PathBuf,
        /// The day the complaint was received (YYYY-MM-DD).
        #[arg(long, value_parser = parse_date)]
        received: Date,
        /// The term was extended (told to the complainant before it ended).
        #[arg(long)]
        extended: bool,
        #[arg(long)]
        json: bool,
    },
    /// Who may file a data subject request: the subject, or who acts for the subject, by the
    /// WGBO, the Jeugdwet and the reglement (ages, curatele and mentorschap, a written proxy,
    /// heirs).
    Represent {
        file: PathBuf,
        /// inzage, afschrift, correctie, aanvulling, verwijdering, afscherming, bezwaar,
        /// overdraagbaarheid, overdracht or inzage_logging.
        #[arg(long, value_parser = parse_request_type)]
        request: RequestType,
        /// Who files: betrokkene (the subject), ouder (parent with authority), voogd, curator,
        /// mentor, gemachtigde (written proxy) or nabestaande (heir).
        #[arg(long, value_parser = parse_requester)]
        requester: Requester,
        /// The subject's date of birth (YYYY-MM-DD).
        #[arg(long = "subject-born", value_parser = parse_date)]
        subject_born: Date,
        /// The day the request is judged (YYYY-MM-DD).
        #[arg(long, value_parser = parse_date)]
        on: Date,
        /// The subject's written authorisation: the proxy's, or a minor of 16 or 17's consent
        /// to his parent.
        #[arg(long)]
        authorisation: bool,
        /// The subject's date of death (YYYY-MM-DD).
        #[arg(long = "subject-deceased", value_parser = parse_date)]
        subject_deceased: Option<Date>,
        /// The legal status of the subject: curatele, mentorschap, beschermingsbewind,
        /// wilsonbekwaam (cannot reasonably weigh his interests in the matter); or, for a
        /// deceased subject, the heir's ground: vastgelegd_voor_overlijden, zwaarwegend_belang,
        /// medische_fout, veronderstelde_toestemming, gezag_overleden_minderjarige.
        #[arg(long, value_parser = parse_ground)]
        ground: Option<Ground>,
        #[arg(long)]
        json: bool,
    },
    /// May a recipient receive a category of data, and on which conditions.
    Disclose {
        file: PathBuf,
        #[arg(long)]
        recipient: String,
        #[arg(long)]
        category: String,
        /// The subject gave consent in the form the rule asks.
        #[arg(long)]
        consent: bool,
        /// The subject objected.
        #[arg(long)]
        objection: bool,
        /// The caregiver judges a conflict of duties (a rule with `conflict_van_plichten` lets
        /// it stand in for the missing consent).
        #[arg(long)]
        conflict_of_duties: bool,
        /// The day of the disclosure (YYYY-MM-DD): a rule with dates (`geldig_vanaf`,
        /// `geldig_tot`) applies only when in force on it; without it such a rule is named, not
        /// applied.
        #[arg(long, value_parser = parse_date)]
        on: Option<Date>,
        /// The purpose of the disclosure (an id of the rules' `doelen`).
        #[arg(long)]
        purpose: Option<String>,
        #[arg(long)]
        json: bool,
    },
    /// What changes from one version to the next, per article: the rules added, removed or
    /// changed, and the answers that change (for the officer reviewing a new version).
    Diff {
        old: PathBuf,
        new: PathBuf,
        #[arg(long)]
        json: bool,
    },
    /// Adopt a new version of the installation's reglement, announced on one day and in force
    /// from another (by a staff member whose role has `adopt_reglement`, --as).
    Adopt(crate::reglement_version_cmd::AdoptArgs),
    /// The versions of the installation's reglement: announced, in force from, adopted by.
    History {
        #[arg(long)]
        json: bool,
    },
}

#[derive(Clone, Copy, ValueEnum)]
pub enum Format {
    Markdown,
    Html,
    Json,
}

pub(crate) fn parse_date(s: &str) -> Result<Date, String> {
    let valid_shape = s.len() == 10 && s.as_bytes().get(4) == Some(&b'-');
    match s.parse::<Date>() {
        Ok(d) if valid_shape => Ok(d),
        _ => Err(format!("expected a date as YYYY-MM-DD, found `{s}`")),
    }
}

/// A moment: with an offset (RFC 3339), or a Dutch wall-clock time.
pub(crate) fn parse_moment(s: &str) -> Result<jiff::Timestamp, String> {
    zorgkluis_core::time::parse_moment(s).ok_or_else(|| {
        format!(
            "expected a moment as 2026-03-27T16:30 (Dutch time) or 2026-03-27T16:30:00+01:00, found `{s}`"
        )
    })
}

fn parse_action(s: &str) -> Result<Action, String> {
    Action::from_id(s).ok_or_else(|| {
        format!(
            "unknown action `{s}`; expected one of: {}",
            Action::ids().join(", ")
        )
    })
}

pub(crate) fn parse_request_type(s: &str) -> Result<RequestType, String> {
    RequestType::from_id(s).ok_or_else(|| {
        format!(
            "unknown request type `{s}`; expected one of: {}",
            RequestType::ids().join(", ")
        )
    })
}

pub(crate) fn parse_requester(s: &str) -> Result<Requester, String> {
    Requester::from_id(s).ok_or_else(|| {
        format!(
            "unknown requester `{s}`; expected one of: {}",
            Requester::ids().join(", ")
        )
    })
}

pub(crate) fn parse_ground(s: &str) -> Result<Ground, String> {
    Ground::from_id(s).ok_or_else(|| {
        format!(
            "unknown ground `{s}`; expected one of: {}",
            Ground::ids().join(", ")
        )
    })
}

/// Bad input on the command line: exit code 2.
pub(crate) const BAD_INPUT: u8 = 2;
/// The reglement has errors: exit code 1.
pub(crate) const INVALID: u8 = 1;

pub fn run(cmd: ReglementCommand, lang: Lang) -> ExitCode {
    match cmd {
        ReglementCommand::Check { files } => check(&files, lang),
        ReglementCommand::Show { file, format } => with_reglement(&file, lang, |r| {
            let register = ProcessingRegister::from_reglement(r, lang);
            Ok(match format {
                Format::Markdown => register.to_markdown(lang),
                Format::Html => register.to_html(lang),
                Format::Json => to_json(&register),
            })
        }),
        ReglementCommand::Deadline {
            file,
            request,
            received,
            decided,
            json,
        } => with_reglement(&file, lang, |r| {
            let answer = decide::request_deadlines(r, request, received, decided)?;
            Ok(if json {
                to_json(&answer)
            } else {
                answer.explain(lang)
            })
        }),
        ReglementCommand::Retention {
            file,
            category,
            created,
            last_change,
            care_ended,
            last_treatment,
            legal_hold,
            on,
            json,
        } => with_reglement(&file, lang, |r| {
            let facts = RetentionFacts {
                created,
                last_change,
                care_ended,
                legal_hold,
                as_of: on,
                last_treatment,
            };
            let answer = decide::retention(r, &category, facts)?;
            Ok(if json {
                to_json(&answer)
            } else {
                answer.explain(lang)
            })
        }),
        ReglementCommand::Erase {
            file,
            category,
            received,
            created,
            last_change,
            care_ended,
            third_party_interest,
            statutory_duty,
            legal_hold,
            json,
        } => with_reglement(&file, lang, |r| {
            let facts = ErasureFacts {
                received,
                created,
                last_change,
                care_ended,
                third_party_interest,
                statutory_duty,
                legal_hold,
            };
            let answer = decide::erasure_decision(r, &category, &facts, lang)?;
            Ok(if json {
                to_json(&answer)
            } else {
                answer.explain(lang)
            })
        }),
        ReglementCommand::Decide {
            file,
            role,
            action,
            category,
            care_relationship,
            supervised,
            emergency,
            restricted,
            deceased,
            heir_ground,
            json,
        } => with_policy(&file, lang, |r, policy| {
            let known_role = role == HEIR_ROLE || r.taxonomy.contains(IdKind::Role, &role);
            if !known_role {
                return Err(unknown(r, IdKind::Role, &role));
            }
            if !r.taxonomy.contains(IdKind::Category, &category) {
                return Err(unknown(r, IdKind::Category, &category));
            }
            let request = AccessRequest {
                care_relationship,
                supervised,
                emergency_reason: emergency.as_deref(),
                restricted,
                deceased,
                heir_ground: heir_ground.as_deref(),
                ..AccessRequest::new(&role, action, &category)
            };
            let d = policy.decide(&request);
            let explanation = d.explain(lang);
            Ok(if json {
                to_json(&serde_json::json!({
                    "decision": if d.allowed { "allow" } else { "deny" },
                    "articles": d.articles,
                    "explanation": explanation,
                    "policies": d.policies,
                    "emergency": d.emergency,
                    "review_required": d.review_required,
                }))
            } else {
                explanation
            })
        }),
        ReglementCommand::Policies { file, schema } => with_policy(&file, lang, |r, policy| {
            Ok(if schema {
                zorgkluis_policy::schema_text(r)
            } else {
                policy.text().to_owned()
            })
        }),
        ReglementCommand::Represent {
            file,
            request,
            requester,
            subject_born,
            on,
            authorisation,
            subject_deceased,
            ground,
            json,
        } => with_reglement(&file, lang, |r| {
            let facts = RepresentFacts {
                request,
                requester,
                subject_born,
                on,
                subject_deceased,
                ground,
                authorisation,
            };
            let answer = decide::represent(r, &facts, lang)?;
            Ok(if json {
                to_json(&answer)
            } else {
                answer.explain(lang)
            })
        }),
        ReglementCommand::Breach {
            file,
            discovered,
            json,
        } => with_reglement(&file, lang, |r| {
            let answer = decide::breach_deadline(r, discovered)?;
            Ok(if json {
                to_json(&answer)
            } else {
                answer.explain(lang)
            })
        }),
        ReglementCommand::Complaint {
            file,
            received,
            extended,
            json,
        } => with_reglement(&file, lang, |r| {
            let answer = decide::complaint_deadline(r, received, extended)?;
            Ok(if json {
                to_json(&answer)
            } else {
                answer.explain(lang)
            })
        }),
        ReglementCommand::Disclose {
            file,
            recipient,
            category,
            consent,
            objection,
            conflict_of_duties,
            on,
            purpose,
            json,
        } => with_reglement(&file, lang, |r| {
            let facts = DisclosureFacts {
                consent,
                objection,
                conflict_of_duties,
            };
            let query = decide::DisclosureQuery {
                on,
                purpose: purpose.as_deref(),
            };
            let answer = decide::disclose_on(r, &recipient, &category, facts, query)?;
            Ok(if json {
                to_json(&answer)
            } else {
                answer.explain(lang)
            })
        }),
        ReglementCommand::Diff { old, new, json } => diff(&old, &new, json, lang),
        // Both need the installation: `main` runs them through `reglement_version_cmd`.
        ReglementCommand::Adopt(_) | ReglementCommand::History { .. } => ExitCode::from(BAD_INPUT),
    }
}

/// `reglement diff OLD NEW`: both files must be valid (exit 1 with the diagnostics of either).
fn diff(old: &Path, new: &Path, json: bool, lang: Lang) -> ExitCode {
    let mut loaded = Vec::new();
    for path in [old, new] {
        let source = match read(path, lang) {
            Ok(s) => s,
            Err(code) => return code,
        };
        match Reglement::load(&path.display().to_string(), &source, lang) {
            Ok(r) => loaded.push(r),
            Err(diagnostics) => {
                for d in &diagnostics {
                    eprint!("{}", d.render(&source, lang));
                }
                return ExitCode::from(INVALID);
            }
        }
    }
    let [before, after] = loaded.as_slice() else {
        return ExitCode::from(BAD_INPUT);
    };
    let diff = zorgkluis_core::reglement::diff::diff(before, after, lang);
    let text = if json {
        to_json(&diff)
    } else {
        diff.render(lang)
    };
    let _ = writeln!(std::io::stdout(), "{}", text.trim_end());
    ExitCode::SUCCESS
}

pub(crate) fn to_json<T: Serialize>(value: &T) -> String {
    // Serialising plain data structs to a string cannot fail; an empty object is a safe answer.
    serde_json::to_string_pretty(value).unwrap_or_else(|_| "{}".to_owned())
}

pub(crate) fn read(path: &Path, lang: Lang) -> Result<String, ExitCode> {
    std::fs::read_to_string(path).map_err(|e| {
        eprintln!(
            "{}",
            t!(
                lang,
                "cli-cannot-read-file",
                file = &path.display().to_string(),
                error = &e.to_string()
            )
        );
        ExitCode::from(BAD_INPUT)
    })
}

fn check(files: &[PathBuf], lang: Lang) -> ExitCode {
    let mut failed = false;
    for path in files {
        let source = match read(path, lang) {
            Ok(s) => s,
            Err(code) => return code,
        };
        let name = path.display().to_string();
        match Reglement::load(&name, &source, lang) {
            Ok(r) => {
                for w in &r.warnings {
                    eprint!("{}", w.render(&source, lang));
                }
                if let Err(code) = compile(path, &r, &source, lang) {
                    if code == ExitCode::from(BAD_INPUT) {
                        return code;
                    }
                    failed = true;
                    let _ = writeln!(
                        std::io::stdout(),
                        "{}",
                        t!(lang, "cli-check-invalid-policies", file = &name)
                    );
                    continue;
                }
                let _ = writeln!(
                    std::io::stdout(),
                    "{}",
                    t!(
                        lang,
                        "cli-check-valid",
                        file = &name,
                        reglement = r.name(),
                        warnings = r.warnings.len()
                    )
                );
            }
            Err(diagnostics) => {
                failed = true;
                for d in &diagnostics {
                    eprint!("{}", d.render(&source, lang));
                }
                let errors = diagnostics.iter().filter(|d| d.is_error()).count();
                let _ = writeln!(
                    std::io::stdout(),
                    "{}",
                    t!(lang, "cli-check-invalid", file = &name, errors = errors)
                );
            }
        }
    }
    if failed {
        ExitCode::from(INVALID)
    } else {
        ExitCode::SUCCESS
    }
}

fn unknown(r: &Reglement, kind: IdKind, id: &str) -> DecisionError {
    let mut known = r.taxonomy.ids(kind);
    if kind == IdKind::Role {
        known.push(HEIR_ROLE);
    }
    DecisionError::UnknownId {
        kind,
        id: id.to_owned(),
        suggestion: did_you_mean(id, &known).map(str::to_owned),
    }
}

/// The organisation's own policies named by the reglement, read from beside it.
fn custom_policies(path: &Path, reglement: &Reglement) -> Result<Option<(String, String)>, String> {
    let Some(name) = &reglement.file.custom_policies else {
        return Ok(None);
    };
    let file = path.parent().unwrap_or(Path::new(".")).join(name.get_ref());
    let text = std::fs::read_to_string(&file).map_err(|e| format!("{}: {e}", file.display()))?;
    Ok(Some((file.display().to_string(), text)))
}

/// Compiles the reglement's policies, printing every error at its position.
pub(crate) fn compile(
    path: &Path,
    reglement: &Reglement,
    source: &str,
    lang: Lang,
) -> Result<CedarPolicy, ExitCode> {
    let custom = match custom_policies(path, reglement) {
        Ok(c) => c,
        Err(e) => {
            eprintln!("{}: {e}", t(lang, "cli-error"));
            return Err(ExitCode::from(BAD_INPUT));
        }
    };
    let parts = custom
        .as_ref()
        .map(|(file, text)| CustomPolicies { file, text });
    CedarPolicy::compile(reglement, parts).map_err(|diagnostics| {
        for d in &diagnostics {
            let text = custom
                .as_ref()
                .filter(|(f, _)| *f == d.file)
                .map_or(source, |(_, t)| t.as_str());
            eprint!("{}", d.render(text, lang));
        }
        ExitCode::from(INVALID)
    })
}

/// Loads a valid reglement, compiles its policies, and runs `answer` on both.
fn with_policy(
    path: &Path,
    lang: Lang,
    answer: impl FnOnce(&Reglement, &CedarPolicy) -> Result<String, DecisionError>,
) -> ExitCode {
    with_reglement_source(path, lang, |r, source| {
        let policy = compile(path, r, source, lang)?;
        Ok(answer(r, &policy))
    })
}

/// Loads a valid reglement and runs `answer` on it, printing its result.
fn with_reglement(
    path: &Path,
    lang: Lang,
    answer: impl FnOnce(&Reglement) -> Result<String, DecisionError>,
) -> ExitCode {
    with_reglement_source(path, lang, |r, _| Ok(answer(r)))
}

fn with_reglement_source(
    path: &Path,
    lang: Lang,
    answer: impl FnOnce(&Reglement, &str) -> Result<Result<String, DecisionError>, ExitCode>,
) -> ExitCode {
    let source = match read(path, lang) {
        Ok(s) => s,
        Err(code) => return code,
    };
    let reglement = match Reglement::load(&path.display().to_string(), &source, lang) {
        Ok(r) => r,
        Err(diagnostics) => {
            for d in &diagnostics {
                eprint!("{}", d.render(&source, lang));
            }
            return ExitCode::from(INVALID);
        }
    };
    match answer(&reglement, &source) {
        Ok(Ok(text)) => {
            // A closed pipe (`| head`) is the reader's choice, not an error worth a panic.
            let _ = writeln!(std::io::stdout(), "{text}");
            ExitCode::SUCCESS
        }
        Ok(Err(e)) => {
            eprintln!("{}: {}", t(lang, "cli-error"), e.message(lang));
            ExitCode::from(BAD_INPUT)
        }
        Err(code) => code,
    }
}
