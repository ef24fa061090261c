//! `zorgkluis import FILE --as USER`: persons, their care teams and their dossier records from
//! a JSON Lines file (`docs/import.md`), written through the vault's one access path, as the
//! staff member `--as` (and, per record, its author `by`).
//!
//! Two passes. The first reads the whole file and checks it: each line on its own (its type and
//! fields), the references between lines, and then, through the vault, what the store and the
//! reglement say (a BSN or client number registered already, staff accounts, whether each write
//! is allowed). Every problem is reported as `FILE:LINE: field X: message`, and a file with any
//! is not imported at all: exit 2. The second pass writes it, many persons at once so that the
//! writer commits them in groups, with a progress bar on a terminal.

use std::collections::HashMap;
use std::io::{BufRead as _, IsTerminal as _, Write as _};
use std::path::{Path, PathBuf};
use std::process::ExitCode;
use std::sync::Arc;
use std::time::Instant;

use clap::Args;
use jiff::Timestamp;
use jiff::civil::Date;
use serde_json::{Map, Value};
use zorgkluis_core::i18n::t;
use zorgkluis_core::{Lang, t};
use zorgkluis_store::vault::{
    Amendment, ImportCare, ImportItem, ImportPerson, ImportProblem, ImportRecord, NewPerson,
    PersonFacts, VaultError,
};

use crate::store_cmd::{self, Installation};

/// Persons written per call to the vault: their keys go to the key store together.
const PERSONS_PER_BATCH: usize = 1000;

#[derive(Args)]
pub struct ImportArgs {
    /// The JSON Lines file (docs/import.md).
    file: PathBuf,
    /// The staff account that registers the persons and sets up their care teams; records
    /// without `by` are written as this account too.
    #[arg(long = "as")]
    user: String,
    /// The purpose every write is logged with (a short label).
    #[arg(long, default_value = "migratie")]
    purpose: String,
    /// How many persons are written at once.
    #[arg(long, default_value_t = 64)]
    concurrency: usize,
    #[arg(long)]
    json: bool,
}

/// A problem of the file: its line, the field, and what is wrong.
struct LineError {
    line: usize,
    field: Option<String>,
    message: String,
}

impl LineError {
    fn new(line: usize, field: &str, message: impl Into<String>) -> LineError {
        LineError {
            line,
            field: Some(field.to_owned()),
            message: message.into(),
        }
    }

    fn render(&self, file: &str, lang: Lang) -> String {
        match &self.field {
            Some(field) => t!(
                lang,
                "cli-import-line-field",
                file = file,
                line = self.line,
                field = field,
                message = &self.message
            ),
            None => t!(
                lang,
                "cli-import-line",
                file = file,
                line = self.line,
                message = &self.message
            ),
        }
    }
}

/// What the first pass makes of the file: the persons in the order of their lines, and where
/// each person, care relationship and record stands in the file.
struct Parsed {
    persons: Vec<ImportPerson>,
    refs: Vec<String>,
    person_lines: Vec<usize>,
    care_lines: Vec<Vec<usize>>,
    record_lines: Vec<Vec<usize>>,
    records: usize,
    care: usize,
}

/// One line's fields, taken out one by one so that an error names its field.
struct Fields {
    line: usize,
    map: Map<String, Value>,
}

impl Fields {
    fn take(&mut self, name: &str) -> Option<Value> {
        self.map.remove(name).filter(|v| !v.is_null())
    }

    fn string(&mut self, name: &str, errors: &mut Vec<LineError>) -> Option<String> {
        match self.take(name)? {
            Value::String(s) => Some(s),
            _ => {
                errors.push(LineError::new(self.line, name, "expected a string"));
                None
            }
        }
    }

    fn required(&mut self, name: &str, errors: &mut Vec<LineError>) -> Option<String> {
        let present = self.map.get(name).is_some_and(|v| !v.is_null());
        let value = self.string(name, errors);
        if !present {
            errors.push(LineError::new(self.line, name, "missing"));
        }
        value
    }

    fn date(&mut self, name: &str, errors: &mut Vec<LineError>) -> Option<Date> {
        let s = self.string(name, errors)?;
        match crate::reglement_cmd::parse_date(&s) {
            Ok(d) => Some(d),
            Err(e) => {
                errors.push(LineError::new(self.line, name, e));
                None
            }
        }
    }

    /// A moment: a day (midday, Dutch time), a Dutch wall-clock time or an RFC 3339 moment.
    fn moment(&mut self, name: &str, errors: &mut Vec<LineError>) -> Option<Timestamp> {
        let s = self.string(name, errors)?;
        let parsed = if s.len() == 10 {
            crate::reglement_cmd::parse_date(&s)
                .ok()
                .and_then(|d| zorgkluis_core::time::parse_moment(&format!("{d}T12:00")))
        } else {
            zorgkluis_core::time::parse_moment(&s)
        };
        if parsed.is_none() {
            errors.push(LineError::new(
                self.line,
                name,
                format!(
                    "expected a date (2015-03-01) or a moment (2015-03-01T09:30, Dutch time, or with its offset), found `{s}`"
                ),
            ));
        }
        parsed
    }

    /// Every field left is one the type does not have.
    fn finish(self, allowed: &[&str], errors: &mut Vec<LineError>) {
        for name in self.map.keys() {
            errors.push(LineError::new(
                self.line,
                name,
                format!("unknown field; expected one of: {}", allowed.join(", ")),
            ));
        }
    }
}

const PERSON_FIELDS: &[&str] = &[
    "type",
    "ref",
    "subject_category",
    "bsn",
    "name",
    "birth_date",
    "client_number",
    "registered",
];
const CARE_FIELDS: &[&str] = &["type", "person", "user", "from", "until"];
const RECORD_FIELDS: &[&str] = &[
    "type",
    "person",
    "ref",
    "category",
    "kind",
    "supersedes",
    "text",
    "created",
    "by",
];

/// A care or record line, kept until every person of the file is known.
enum Pending {
    Care {
        line: usize,
        person: String,
        care: ImportCare,
    },
    Record {
        line: usize,
        person: String,
        reference: Option<String>,
        supersedes: Option<String>,
        kind: Option<Amendment>,
        record: ImportRecord,
    },
}

/// The first pass over the file, on its own: every line's type and fields, and the references
/// between lines. The store is not asked.
fn parse(path: &Path, errors: &mut Vec<LineError>) -> std::io::Result<Parsed> {
    let reader = std::io::BufReader::with_capacity(1 << 20, std::fs::File::open(path)?);
    let mut persons: Vec<ImportPerson> = Vec::new();
    let mut refs: Vec<String> = Vec::new();
    let mut person_lines: Vec<usize> = Vec::new();
    let mut by_ref: HashMap<String, usize> = HashMap::new();
    let mut pending: Vec<Pending> = Vec::new();
    // Categories and staff ids repeat a million times: one copy each.
    let mut interned: HashMap<String, Arc<str>> = HashMap::new();
    let mut intern = |s: String| -> Arc<str> {
        interned
            .entry(s)
            .or_insert_with_key(|k| Arc::from(k.as_str()))
            .clone()
    };
    for (n, text) in reader.lines().enumerate() {
        let line = n + 1;
        let text = text?;
        if text.trim().is_empty() {
            continue;
        }
        let map = match serde_json::from_str::<Value>(&text) {
            Ok(Value::Object(map)) => map,
            Ok(_) => {
                errors.push(LineError {
                    line,
                    field: None,
                    message: "not a JSON object".into(),
                });
                continue;
            }
            Err(e) => {
                errors.push(LineError {
                    line,
                    field: None,
                    message: format!("not JSON: {e}"),
                });
                continue;
            }
        };
        let mut f = Fields { line, map };
        let kind = f.required("type", errors);
        match kind.as_deref() {
            Some("person") => {
                let reference = f.required("ref", errors);
                let subject_category = f
                    .string("subject_category", errors)
                    .unwrap_or_else(|| "client".to_owned());
                let bsn = f.string("bsn", errors);
                let name = f.string("name", errors);
                let birth_date = f.date("birth_date", errors);
                let client_number = f.string("client_number", errors);
                let registered = f.moment("registered", errors);
                let facts = match name {
                    Some(name) => Some(PersonFacts {
                        name,
                        birth_date,
                        client_number,
                    }),
                    None if birth_date.is_none() && client_number.is_none() => None,
                    None => {
                        errors.push(LineError::new(
                            line,
                            "name",
                            "a date of birth or client number goes with a name",
                        ));
                        None
                    }
                };
                f.finish(PERSON_FIELDS, errors);
                let Some(reference) = reference else { continue };
                if let Some(&first) = by_ref.get(&reference) {
                    errors.push(LineError::new(
                        line,
                        "ref",
                        format!(
                            "`{reference}` is the ref of line {} too",
                            person_lines[first]
                        ),
                    ));
                    continue;
                }
                by_ref.insert(reference.clone(), persons.len());
                refs.push(reference);
                person_lines.push(line);
                persons.push(ImportPerson {
                    new: NewPerson {
                        subject_category,
                        bsn,
                        facts,
                    },
                    registered,
                    care: Vec::new(),
                    records: Vec::new(),
                });
            }
            Some("care") => {
                let person = f.required("person", errors);
                let user = f.required("user", errors);
                if f.map.get("from").is_none_or(Value::is_null) {
                    errors.push(LineError::new(line, "from", "missing"));
                }
                let from = f.date("from", errors);
                let until = f.date("until", errors);
                f.finish(CARE_FIELDS, errors);
                if let (Some(person), Some(user), Some(from)) = (person, user, from) {
                    pending.push(Pending::Care {
                        line,
                        person,
                        care: ImportCare {
                            user: intern(user),
                            from,
                            until,
                        },
                    });
                }
            }
            Some("record") => {
                let person = f.required("person", errors);
                let reference = f.string("ref", errors);
                let category = f.required("category", errors);
                let kind = match f.string("kind", errors).as_deref() {
                    None | Some("original") => Some(None),
                    Some("correction") => Some(Some(Amendment::Correction)),
                    Some("supplement") => Some(Some(Amendment::Supplement)),
                    Some(other) => {
                        errors.push(LineError::new(
                            line,
                            "kind",
                            format!("`{other}`; expected one of: original, correction, supplement"),
                        ));
                        None
                    }
                };
                let supersedes = f.string("supersedes", errors);
                let text = f.required("text", errors);
                let created = f.moment("created", errors);
                let author = f.string("by", errors).map(&mut intern);
                f.finish(RECORD_FIELDS, errors);
                match (&kind, &supersedes) {
                    (Some(Some(_)), None) => errors.push(LineError::new(
                        line,
                        "supersedes",
                        "a correction or supplement names the ref of the record it amends",
                    )),
                    (Some(None), Some(_)) => errors.push(LineError::new(
                        line,
                        "supersedes",
                        "only a correction or supplement amends a record",
                    )),
                    _ => {}
                }
                if let (Some(person), Some(category), Some(text), Some(kind)) =
                    (person, category, text, kind)
                {
                    pending.push(Pending::Record {
                        line,
                        person,
                        reference,
                        supersedes,
                        kind,
                        record: ImportRecord {
                            category: intern(category),
                            amends: None,
                            text,
                            created,
                            author,
                        },
                    });
                }
            }
            Some(other) => {
                errors.push(LineError::new(
                    line,
                    "type",
                    format!("`{other}`; expected one of: person, care, record"),
                ));
            }
            None => {}
        }
    }

    // The references, now that every person is known.
    let mut care_lines: Vec<Vec<usize>> = vec![Vec::new(); persons.len()];
    let mut record_lines: Vec<Vec<usize>> = vec![Vec::new(); persons.len()];
    let mut record_refs: HashMap<String, (usize, usize, usize)> = HashMap::new();
    let (mut records, mut care) = (0, 0);
    for item in pending {
        match item {
            Pending::Care {
                line,
                person,
                care: c,
            } => {
                let Some(&i) = by_ref.get(&person) else {
                    errors.push(LineError::new(line, "person", no_person(&person)));
                    continue;
                };
                persons[i].care.push(c);
                care_lines[i].push(line);
                care += 1;
            }
            Pending::Record {
                line,
                person,
                reference,
                supersedes,
                kind,
                mut record,
            } => {
                let Some(&i) = by_ref.get(&person) else {
                    errors.push(LineError::new(line, "person", no_person(&person)));
                    continue;
                };
                if let (Some(a), Some(target)) = (kind, &supersedes) {
                    match record_refs.get(target) {
                        Some(&(p, j, _)) if p == i => record.amends = Some((a, j)),
                        Some(&(_, _, other)) => {
                            errors.push(LineError::new(
                                line,
                                "supersedes",
                                format!("`{target}` (line {other}) is another person's record"),
                            ));
                            continue;
                        }
                        None => {
                            errors.push(LineError::new(
                                line,
                                "supersedes",
                                format!("no record with ref `{target}` on an earlier line"),
                            ));
                            continue;
                        }
                    }
                }
                let j = persons[i].records.len();
                if let Some(r) = reference {
                    if let Some(&(_, _, first)) = record_refs.get(&r) {
                        errors.push(LineError::new(
                            line,
                            "ref",
                            format!("`{r}` is the ref of line {first} too"),
                        ));
                        continue;
                    }
                    record_refs.insert(r, (i, j, line));
                }
                persons[i].records.push(record);
                record_lines[i].push(line);
                records += 1;
            }
        }
    }
    Ok(Parsed {
        persons,
        refs,
        person_lines,
        care_lines,
        record_lines,
        records,
        care,
    })
}

fn no_person(reference: &str) -> String {
    format!("no person with ref `{reference}` in the file")
}

/// A problem the vault found, at its line.
fn at_line(parsed: &Parsed, p: &ImportProblem, importer: &str, lang: Lang) -> LineError {
    let line = match p.item {
        ImportItem::Person => parsed.person_lines[p.person],
        ImportItem::Care(j) => parsed.care_lines[p.person][j],
        ImportItem::Record(j) => parsed.record_lines[p.person][j],
    };
    let mut message = match &p.error {
        VaultError::Invalid { message, .. } | VaultError::Conflict { message, .. } => {
            message.clone()
        }
        VaultError::Denied(d) => match p.item {
            // Who may not write what: the record's author (or the importer) and category.
            ImportItem::Record(j) => {
                let r = &parsed.persons[p.person].records[j];
                let author = r.author.as_deref().unwrap_or(importer);
                format!("`{author}`, `{}`: {}", r.category, d.explain(lang))
            }
            _ => d.explain(lang),
        },
        other => other.to_string(),
    };
    if let Some(other) = p.also {
        message.push_str(&format!(" (line {})", parsed.person_lines[other]));
    }
    if p.field == "as" {
        return LineError {
            line,
            field: None,
            message: format!("--as: {message}"),
        };
    }
    LineError::new(line, p.field, message)
}

/// A progress bar on a terminal (stderr), hidden when the output goes elsewhere.
pub(crate) fn progress_bar(total: u64) -> indicatif::ProgressBar {
    if !std::io::stderr().is_terminal() {
        return indicatif::ProgressBar::hidden();
    }
    let bar = indicatif::ProgressBar::new(total);
    if let Ok(style) =
        indicatif::ProgressStyle::with_template("{bar:40} {pos}/{len} ({per_sec}, {eta})")
    {
        bar.set_style(style);
    }
    bar
}

pub fn run(inst: &Installation, args: ImportArgs, lang: Lang) -> ExitCode {
    let file = args.file.display().to_string();
    let mut errors = Vec::new();
    let parsed = match parse(&args.file, &mut errors) {
        Ok(p) => p,
        Err(e) => {
            eprintln!(
                "{}",
                t!(
                    lang,
                    "cli-cannot-read-file",
                    file = &file,
                    error = &e.to_string()
                )
            );
            return ExitCode::from(2);
        }
    };
    let runtime = match tokio::runtime::Builder::new_multi_thread()
        .enable_all()
        .build()
    {
        Ok(rt) => rt,
        Err(e) => {
            eprintln!("{}: {}: {e}", t(lang, "cli-error"), t(lang, "cli-runtime"));
            return ExitCode::from(2);
        }
    };
    runtime.block_on(async {
        let vault = match store_cmd::open(inst, lang).await {
            Ok(v) => v,
            Err(e) => {
                eprintln!(
                    "{}: {}: {e}",
                    t(lang, "cli-error"),
                    t(lang, "cli-cannot-open-installation")
                );
                return ExitCode::from(2);
            }
        };
        let code = import(&vault, &args, &file, parsed, errors, lang).await;
        vault.close().await;
        code
    })
}

async fn import(
    vault: &zorgkluis_store::vault::Vault,
    args: &ImportArgs,
    file: &str,
    parsed: Parsed,
    mut errors: Vec<LineError>,
    lang: Lang,
) -> ExitCode {
    let fail = |message: String| {
        eprintln!("{}: {message}", t(lang, "cli-error"));
        ExitCode::from(2)
    };
    let actor = match vault.accounts().staff_actor(&args.user, "import").await {
        Ok(a) => a,
        Err(e) => return fail(format!("--as: {e}")),
    };
    // The store and the reglement, on the whole file: nothing is written unless all is well.
    match vault
        .check_import(&actor, &parsed.persons, &args.purpose)
        .await
    {
        Ok(Ok(plan)) if errors.is_empty() => {
            let started = Instant::now();
            let bar = progress_bar((parsed.persons.len() + parsed.records) as u64);
            let tick = |n: usize| bar.inc(n as u64);
            let mut ids: Vec<String> = Vec::with_capacity(parsed.persons.len());
            for (b, batch) in parsed.persons.chunks(PERSONS_PER_BATCH).enumerate() {
                match vault
                    .import(&actor, &plan, batch, &args.purpose, args.concurrency, &tick)
                    .await
                {
                    Ok(done) => ids.extend(done.into_iter().map(|p| p.id)),
                    Err((i, e)) => {
                        bar.abandon();
                        let line = parsed.person_lines[b * PERSONS_PER_BATCH + i];
                        return fail(t!(
                            lang,
                            "cli-import-stopped",
                            file = file,
                            line = line,
                            error = &e.to_string(),
                            persons = ids.len()
                        ));
                    }
                }
            }
            bar.finish_and_clear();
            let seconds = started.elapsed().as_secs_f64();
            let written = (parsed.persons.len() + parsed.records) as f64;
            let rate = if seconds > 0.0 {
                written / seconds
            } else {
                0.0
            };
            let text = if args.json {
                let ids: serde_json::Map<String, Value> = parsed
                    .refs
                    .iter()
                    .cloned()
                    .zip(ids.into_iter().map(Value::String))
                    .collect();
                serde_json::to_string_pretty(&serde_json::json!({
                    "persons": parsed.persons.len(),
                    "care": parsed.care,
                    "records": parsed.records,
                    "seconds": (seconds * 1000.0).round() / 1000.0,
                    "per_second": rate.round(),
                    "ids": ids,
                }))
                .unwrap_or_default()
            } else {
                t!(
                    lang,
                    "cli-import-done",
                    persons = parsed.persons.len(),
                    care = parsed.care,
                    records = parsed.records,
                    seconds = &format!("{seconds:.1}"),
                    rate = &format!("{rate:.0}")
                )
            };
            let _ = writeln!(std::io::stdout(), "{text}");
            ExitCode::SUCCESS
        }
        Ok(result) => {
            if let Err(problems) = result {
                errors.extend(
                    problems
                        .iter()
                        .map(|p| at_line(&parsed, p, &args.user, lang)),
                );
            }
            errors.sort_by_key(|e| e.line);
            let mut stderr = std::io::stderr().lock();
            for e in &errors {
                let _ = writeln!(stderr, "{}", e.render(file, lang));
            }
            let _ = writeln!(
                stderr,
                "{}",
                t!(
                    lang,
                    "cli-import-refused",
                    file = file,
                    errors = errors.len()
                )
            );
            ExitCode::from(2)
        }
        Err(VaultError::Invalid { field, message }) => fail(format!("--{field}: {message}")),
        Err(e) => fail(e.to_string()),
    }
}
