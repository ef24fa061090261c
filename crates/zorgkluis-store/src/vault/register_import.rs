//! Registers kept in Excel, imported (issue 16 part 6): an XLSX workbook with a tab for the
//! incidents and data breaches, one for the complaints and one for the processor agreements, in the columns the export writes
//! (headers in Dutch or English, or the columns' ids). Every row is read and checked by the
//! same rules as a recorded one (the 72-hour clock and its late reason, the Wkkgz extension
//! told in time); one problem anywhere and nothing is imported, and every problem names its
//! sheet, row and column as Excel shows them. A clean workbook is imported in one
//! transaction, each row with its own audit event, as if it had been recorded here.

use jiff::Timestamp;
use jiff::civil::{Date, DateTime};
use serde::Serialize;
use zorgkluis_core::incident::{IncidentFacts, Notification};
use zorgkluis_core::time::amsterdam;
use zorgkluis_core::vocabulary::{BreachNature, BreachRisk, ComplainantKind, ComplaintOutcome};

use super::register_sheets::{
    COMPLAINT_COLUMNS, COMPLAINT_IMPORTED, Column, INCIDENT_COLUMNS, INCIDENT_IMPORTED,
    PROCESSOR_COLUMNS, PROCESSOR_IMPORTED, Register,
};
use super::{Actor, Complaint, Incident, Vault, VaultError};
use crate::audit::AuditAction;
use crate::sealed::{self, Permit};
use crate::spreadsheet::{ReadCell, ReadSheet, column_letters, read_xlsx};
use crate::writer::Stmt;

/// A problem in the workbook, where Excel shows it.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct SheetProblem {
    pub sheet: String,
    /// The row's number as Excel shows it.
    pub row: u32,
    /// The column's letter ("G"), where the problem is in one cell.
    pub column: Option<String>,
    /// The column's header as the sheet has it.
    pub field: Option<String>,
    pub message: String,
}

impl std::fmt::Display for SheetProblem {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        write!(f, "{}, rij {}", self.sheet, self.row)?;
        if let Some(c) = &self.column {
            write!(f, ", kolom {c}")?;
        }
        if let Some(h) = &self.field {
            write!(f, " ({h})")?;
        }
        write!(f, ": {}", self.message)
    }
}

/// What an import did: the rows imported per register, or the problems (and then nothing).
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct ImportOutcome {
    pub imported: Vec<(String, usize)>,
    /// Tabs of registers made from the reglement and from events (the processing register,
    /// the requests, the ledger), as an export holds them: read past, never typed in.
    pub skipped: Vec<String>,
    pub problems: Vec<SheetProblem>,
}

/// A sheet's header read against a register's columns.
struct Layout<'a> {
    sheet: &'a ReadSheet,
    /// For each of the register's columns, where the sheet has it.
    at: Vec<Option<usize>>,
}

impl<'a> Layout<'a> {
    /// Matches the header to `columns[wanted]`; a header cell no column has is a problem (its
    /// data would be lost), and so is a missing column in `required`.
    fn read(
        sheet: &'a ReadSheet,
        columns: &[Column],
        wanted: std::ops::Range<usize>,
        required: &[&str],
        problems: &mut Vec<SheetProblem>,
    ) -> Layout<'a> {
        let mut at = vec![None; columns.len()];
        for (i, h) in sheet.header.iter().enumerate() {
            if h.is_empty() {
                continue;
            }
            let found = columns.iter().position(|c| matches_header(c, h));
            match found {
                Some(c) => at[c] = Some(i),
                None => problems.push(SheetProblem {
                    sheet: sheet.name.clone(),
                    row: sheet.header_row,
                    column: Some(column_letters(i)),
                    field: Some(h.clone()),
                    message: "onbekende kolom (unknown column)".to_owned(),
                }),
            }
        }
        for (c, column) in columns.iter().enumerate() {
            let computed = !wanted.contains(&c);
            if computed {
                continue;
            }
            if at[c].is_none() && required.contains(&column.id) {
                problems.push(SheetProblem {
                    sheet: sheet.name.clone(),
                    row: sheet.header_row,
                    column: None,
                    field: Some(zorgkluis_core::i18n::t(
                        zorgkluis_core::Lang::Nl,
                        column.label,
                    )),
                    message: "deze kolom ontbreekt (missing column)".to_owned(),
                });
            }
        }
        Layout { sheet, at }
    }
}

fn matches_header(c: &Column, header: &str) -> bool {
    let h = header.trim().to_lowercase();
    h == c.id
        || [zorgkluis_core::Lang::Nl, zorgkluis_core::Lang::En]
            .iter()
            .any(|l| zorgkluis_core::i18n::t(*l, c.label).to_lowercase() == h)
}

/// One row being read: its cells by column id, and the problems found in it.
struct RowReader<'a> {
    layout: &'a Layout<'a>,
    columns: &'a [Column],
    row: u32,
    cells: &'a [ReadCell],
    problems: Vec<SheetProblem>,
}

impl<'a> RowReader<'a> {
    fn index(&self, id: &str) -> Option<usize> {
        self.columns.iter().position(|c| c.id == id)
    }

    fn cell(&self, id: &str) -> &ReadCell {
        self.index(id)
            .and_then(|c| self.layout.at[c])
            .and_then(|i| self.cells.get(i))
            .unwrap_or(&ReadCell::Empty)
    }

    fn problem(&mut self, id: &str, message: impl Into<String>) {
        let sheet_col = self.index(id).and_then(|c| self.layout.at[c]);
        self.problems.push(SheetProblem {
            sheet: self.layout.sheet.name.clone(),
            row: self.row,
            column: sheet_col.map(column_letters),
            field: sheet_col.and_then(|i| self.layout.sheet.header.get(i).cloned()),
            message: message.into(),
        });
    }

    fn text(&self, id: &str) -> String {
        match self.cell(id) {
            ReadCell::Text(s) => s.clone(),
            ReadCell::Number(n) => {
                if n.fract() == 0.0 {
                    format!("{}", *n as i64)
                } else {
                    n.to_string()
                }
            }
            ReadCell::Bool(b) => b.to_string(),
            ReadCell::DateTime(d) => d.to_string(),
            ReadCell::Empty => String::new(),
        }
    }

    fn moment(&mut self, id: &str) -> Option<Timestamp> {
        let parsed = match self.cell(id).clone() {
            ReadCell::Empty => return None,
            ReadCell::DateTime(dt) => wall_clock(dt),
            ReadCell::Text(s) => {
                zorgkluis_core::time::parse_moment(&s).or_else(|| dutch_moment(&s))
            }
            _ => None,
        };
        if parsed.is_none() {
            self.problem(
                id,
                "geen datum en tijd (expected a date and time such as 27-03-2026 16:30)",
            );
        }
        parsed
    }

    fn date(&mut self, id: &str) -> Option<Date> {
        let parsed = match self.cell(id).clone() {
            ReadCell::Empty => return None,
            ReadCell::DateTime(dt) => Some(dt.date()),
            ReadCell::Text(s) => s.parse::<Date>().ok().or_else(|| dutch_date(&s)),
            _ => None,
        };
        if parsed.is_none() {
            self.problem(id, "geen datum (expected a date such as 27-03-2026)");
        }
        parsed
    }

    fn count(&mut self, id: &str) -> Option<u64> {
        let parsed = match self.cell(id).clone() {
            ReadCell::Empty => return None,
            ReadCell::Number(n) if n >= 0.0 && n.fract() == 0.0 && n < 1e15 => Some(n as u64),
            ReadCell::Text(s) => s.parse::<u64>().ok(),
            _ => None,
        };
        if parsed.is_none() {
            self.problem(id, "geen aantal (expected a whole number, 0 or more)");
        }
        parsed
    }

    fn yes_no(&mut self, id: &str) -> Option<bool> {
        let parsed = match self.cell(id).clone() {
            ReadCell::Empty => return None,
            ReadCell::Bool(b) => Some(b),
            ReadCell::Number(n) if n == 0.0 || n == 1.0 => Some(n == 1.0),
            ReadCell::Text(s) => match s.to_lowercase().as_str() {
                "ja" | "yes" | "waar" | "true" | "j" | "y" => Some(true),
                "nee" | "no" | "onwaar" | "false" | "n" => Some(false),
                _ => None,
            },
            _ => None,
        };
        if parsed.is_none() {
            self.problem(id, "ja of nee (expected ja or nee)");
        }
        parsed
    }

    /// A value of a vocabulary by its id.
    fn one_of<T>(
        &mut self,
        id: &str,
        from_id: impl Fn(&str) -> Option<T>,
        ids: &[&str],
    ) -> Option<T> {
        let text = self.text(id);
        if text.is_empty() {
            return None;
        }
        let found = from_id(&text);
        if found.is_none() {
            self.problem(
                id,
                format!("onbekend: `{text}`; een van: {}", ids.join(", ")),
            );
        }
        found
    }

    /// A comma-separated list of a vocabulary's ids.
    fn list_of<T>(
        &mut self,
        id: &str,
        from_id: impl Fn(&str) -> Option<T>,
        ids: &[&str],
    ) -> Vec<T> {
        let text = self.text(id);
        let mut out = Vec::new();
        for part in text.split(',').map(str::trim).filter(|p| !p.is_empty()) {
            match from_id(part) {
                Some(v) => out.push(v),
                None => self.problem(
                    id,
                    format!("onbekend: `{part}`; een van: {}", ids.join(", ")),
                ),
            }
        }
        out
    }

    /// A rule's refusal, put in the column of the field it names.
    fn refused(&mut self, e: VaultError, field_column: impl Fn(&str) -> &'static str) {
        match e {
            VaultError::Invalid { field, message } => {
                let column = field_column(field);
                self.problem(column, message);
            }
            other => self.problem(field_column(""), other.to_string()),
        }
    }
}

/// A Dutch wall-clock time as the moment it is (a time the clocks skip read as the hour after).
fn wall_clock(dt: DateTime) -> Option<Timestamp> {
    dt.to_zoned_datetime(amsterdam())
        .ok()
        .map(|z| z.timestamp())
}

/// "27-03-2026" as typed in a Dutch sheet.
fn dutch_date(s: &str) -> Option<Date> {
    let mut parts = s.trim().split(['-', '/']);
    let (d, m, y) = (parts.next()?, parts.next()?, parts.next()?);
    if parts.next().is_some() {
        return None;
    }
    Date::new(y.parse().ok()?, m.parse().ok()?, d.parse().ok()?).ok()
}

/// "27-03-2026 16:30" as typed in a Dutch sheet.
fn dutch_moment(s: &str) -> Option<Timestamp> {
    let (day, time) = s.trim().split_once(' ')?;
    let date = dutch_date(day)?;
    let time: jiff::civil::Time = time.trim().parse().ok()?;
    wall_clock(date.to_datetime(time))
}

/// The incident columns a rule's field stands for.
fn incident_column(field: &str) -> &'static str {
    match field {
        "discovered" => "ontdekt",
        "started" => "begonnen",
        "ended" => "beeindigd",
        "nature" => "aard",
        "categories" => "categorieen",
        "persons_max" => "personen_max",
        "description" => "omschrijving",
        "reason" => "reden_besluit",
        "notify_ap" => "ap_melden",
        "late_reason" => "reden_te_laat",
        "how" => "hoe_geinformeerd",
        "at" => "gemeld_bij_ap",
        _ => "kenmerk",
    }
}

fn complaint_column(field: &str) -> &'static str {
    match field {
        "received" => "ontvangen",
        "about" => "over",
        "person" => "client",
        "told" => "verlenging_gemeld",
        "reason" => "reden_verlenging",
        "text" => "toelichting",
        "on" => "besloten_op",
        _ => "kenmerk",
    }
}

impl Vault {
    /// Imports the incident and complaint tabs of an XLSX workbook (see the module's text).
    /// The caller's role must keep each register it imports into.
    pub async fn import_register_workbook(
        &self,
        actor: &Actor,
        bytes: &[u8],
    ) -> Result<ImportOutcome, VaultError> {
        let sheets = read_xlsx(bytes).map_err(|e| VaultError::Invalid {
            field: "file",
            message: e.to_string(),
        })?;
        let mut problems = Vec::new();
        let mut incidents = Vec::new();
        let mut complaints = Vec::new();
        let mut processors = Vec::new();
        let mut seen = Vec::new();
        let mut skipped = Vec::new();
        for sheet in &sheets {
            match Register::from_tab(&sheet.name) {
                Some(Register::Incidenten) => {
                    seen.push(Register::Incidenten);
                    incidents.extend(self.read_incidents(sheet, &mut problems));
                }
                Some(Register::Klachten) => {
                    seen.push(Register::Klachten);
                    complaints.extend(self.read_complaints(sheet, &mut problems).await?);
                }
                Some(Register::Verwerkers) => {
                    seen.push(Register::Verwerkers);
                    processors.extend(self.read_processors(sheet, &mut problems));
                }
                // The other registers come from the reglement and from events, not typed in.
                Some(_) => skipped.push(sheet.name.clone()),
                None => problems.push(SheetProblem {
                    sheet: sheet.name.clone(),
                    row: sheet.header_row.max(1),
                    column: None,
                    field: None,
                    message: format!(
                        "geen register; wel: {}, {}, {} (not a register this imports)",
                        Register::Incidenten.tab(zorgkluis_core::Lang::Nl),
                        Register::Klachten.tab(zorgkluis_core::Lang::Nl),
                        Register::Verwerkers.tab(zorgkluis_core::Lang::Nl)
                    ),
                }),
            }
        }
        if !problems.is_empty() {
            return Ok(ImportOutcome {
                imported: Vec::new(),
                skipped,
                problems,
            });
        }
        // Decided before anything is written: a role that may not keep a register imports
        // nothing at all.
        let mut permits: Vec<Permit> = Vec::new();
        let mut statements: Vec<Stmt> = Vec::new();
        for incident in &incidents {
            let permit = self
                .allow_incidents(actor, AuditAction::IncidentRecord, Some(&incident.id))
                .await?;
            permits.push(permit);
            statements.push(self.incident_insert(incident).await?);
        }
        for complaint in &complaints {
            let permit = self
                .allow_complaints(
                    actor,
                    AuditAction::ComplaintRecord,
                    Some(&complaint.id),
                    complaint.person.as_deref(),
                )
                .await?;
            permits.push(permit);
            statements.push(self.complaint_insert(complaint).await?);
        }
        for (new, reviewed, ended) in &processors {
            let id = uuid::Uuid::now_v7().to_string();
            let permit = self
                .allow_processors(actor, AuditAction::ProcessorRecord, Some(&id))
                .await?;
            permits.push(permit);
            statements.push(self.processor_insert(&id, new, *reviewed, *ended).await?);
        }
        if !permits.is_empty() {
            sealed::commit_all(&self.inner.writer, permits, statements).await?;
        }
        let mut imported = Vec::new();
        if seen.contains(&Register::Incidenten) {
            imported.push((Register::Incidenten.id().to_owned(), incidents.len()));
        }
        if seen.contains(&Register::Klachten) {
            imported.push((Register::Klachten.id().to_owned(), complaints.len()));
        }
        if seen.contains(&Register::Verwerkers) {
            imported.push((Register::Verwerkers.id().to_owned(), processors.len()));
        }
        Ok(ImportOutcome {
            imported,
            skipped,
            problems,
        })
    }

    fn read_incidents(&self, sheet: &ReadSheet, problems: &mut Vec<SheetProblem>) -> Vec<Incident> {
        let layout = Layout::read(
            sheet,
            &INCIDENT_COLUMNS,
            INCIDENT_IMPORTED,
            &["ontdekt", "omschrijving", "aard"],
            problems,
        );
        let now = Timestamp::now();
        let mut out = Vec::new();
        for (row, cells) in &sheet.rows {
            let mut r = RowReader {
                layout: &layout,
                columns: &INCIDENT_COLUMNS,
                row: *row,
                cells,
                problems: Vec::new(),
            };
            let facts = IncidentFacts {
                discovered: r.moment("ontdekt"),
                started: r.moment("begonnen"),
                ended: r.moment("beeindigd"),
                discovered_by: r.text("ontdekt_door"),
                how_discovered: r.text("hoe_ontdekt"),
                description: r.text("omschrijving"),
                nature: r.list_of("aard", BreachNature::from_id, &BreachNature::ids()),
                categories: r
                    .text("categorieen")
                    .split(',')
                    .map(str::trim)
                    .filter(|c| !c.is_empty())
                    .map(str::to_owned)
                    .collect(),
                persons_min: r.count("personen_min"),
                persons_max: r.count("personen_max"),
                records: r.count("aantal_records"),
                encrypted: r.yes_no("versleuteld").unwrap_or(false),
                consequences: r.text("gevolgen"),
                risk: r.one_of("risico", BreachRisk::from_id, &BreachRisk::ids()),
                measures: r.text("maatregelen"),
            };
            let notify_ap = r.yes_no("ap_melden");
            let decision_reason = r.text("reden_besluit");
            let ap_notified = r.moment("gemeld_bij_ap");
            let ap_reference = r.text("meldnummer_ap");
            let late_reason = r.text("reden_te_laat");
            let persons_notified = r.moment("betrokkenen_geinformeerd");
            let persons_count = r.count("aantal_geinformeerd");
            let persons_how = r.text("hoe_geinformeerd");
            if !r.problems.is_empty() {
                problems.append(&mut r.problems);
                continue;
            }
            let discovered = match self.check_facts(&facts, now) {
                Ok(d) => d,
                Err(e) => {
                    r.refused(e, incident_column);
                    problems.append(&mut r.problems);
                    continue;
                }
            };
            let clock =
                match zorgkluis_core::decide::breach_deadline(&self.inner.reglement, discovered) {
                    Ok(c) => c,
                    Err(e) => {
                        r.problem("ontdekt", e.to_string());
                        problems.append(&mut r.problems);
                        continue;
                    }
                };
            let mut incident = Incident {
                id: uuid::Uuid::now_v7().to_string(),
                facts,
                notification: Notification::default(),
                clock,
            };
            // The same rules, in the order the register records them.
            let checked = (|| -> Result<(), (VaultError, &'static str)> {
                if notify_ap == Some(false) && ap_notified.is_some() {
                    return Err((
                        VaultError::Invalid {
                            field: "notify_ap",
                            message: "nee, maar wel gemeld bij de AP (no, yet notified)".to_owned(),
                        },
                        "ap_melden",
                    ));
                }
                if let Some(n) = notify_ap {
                    incident
                        .decide_notification(n, None, &decision_reason)
                        .map_err(|e| (e, ""))?;
                }
                if let Some(at) = ap_notified {
                    incident
                        .ap_notified(at, &ap_reference, &late_reason)
                        .map_err(|e| (e, "gemeld_bij_ap"))?;
                }
                if let Some(at) = persons_notified {
                    incident
                        .persons_told(at, persons_count.unwrap_or(0), &persons_how)
                        .map_err(|e| (e, "betrokkenen_geinformeerd"))?;
                }
                Ok(())
            })();
            if let Err((e, at_column)) = checked {
                r.refused(e, |f| match f {
                    "at" | "notify_ap" if !at_column.is_empty() => at_column,
                    f => incident_column(f),
                });
                problems.append(&mut r.problems);
                continue;
            }
            out.push(incident);
        }
        out
    }

    /// The processor agreements of a tab, each checked as a recorded one is (the reglement's
    /// processings and categories, the EEA where the reglement demands it), with the review
    /// and the end it already had.
    #[allow(clippy::type_complexity)]
    fn read_processors(
        &self,
        sheet: &ReadSheet,
        problems: &mut Vec<SheetProblem>,
    ) -> Vec<(super::NewProcessor, Option<Date>, Option<Date>)> {
        let layout = Layout::read(
            sheet,
            &PROCESSOR_COLUMNS,
            PROCESSOR_IMPORTED,
            &["verwerker", "verwerkingen", "getekend_op"],
            problems,
        );
        let today = crate::clock::today();
        let list = |r: &RowReader<'_>, id: &str| -> Vec<String> {
            r.text(id)
                .split(',')
                .map(str::trim)
                .filter(|s| !s.is_empty())
                .map(str::to_owned)
                .collect()
        };
        let mut out = Vec::new();
        for (row, cells) in &sheet.rows {
            let mut r = RowReader {
                layout: &layout,
                columns: &PROCESSOR_COLUMNS,
                row: *row,
                cells,
                problems: Vec::new(),
            };
            let new = super::NewProcessor {
                processor: r.text("verwerker"),
                kvk: Some(r.text("kvk")).filter(|k| !k.is_empty()),
                processings: list(&r, "verwerkingen"),
                categories: list(&r, "categorieen"),
                subprocessors: list(&r, "subverwerkers"),
                countries: list(&r, "landen"),
                signed_on: r.date("getekend_op"),
                next_review: r.date("volgende_herziening"),
                security: r.text("beveiliging"),
            };
            let reviewed = r.date("herzien_op");
            let ended = r.date("beeindigd_op");
            if !r.problems.is_empty() {
                problems.append(&mut r.problems);
                continue;
            }
            let checked = self.checked_processor(&new);
            let checked = checked.and_then(|c| {
                let signed = c.signed_on.unwrap_or(today);
                for (field, day) in [("reviewed_on", reviewed), ("ended_on", ended)] {
                    if let Some(d) = day
                        && (d < signed || d > today)
                    {
                        return Err(VaultError::Invalid {
                            field,
                            message: "between the signing and today".to_owned(),
                        });
                    }
                }
                Ok(c)
            });
            match checked {
                Ok(c) => out.push((c, reviewed, ended)),
                Err(e) => {
                    r.refused(e, |f| match f {
                        "processor" => "verwerker",
                        "kvk" => "kvk",
                        "processings" => "verwerkingen",
                        "categories" => "categorieen",
                        "countries" => "landen",
                        "signed_on" => "getekend_op",
                        "next_review" => "volgende_herziening",
                        "reviewed_on" => "herzien_op",
                        "ended_on" => "beeindigd_op",
                        _ => "kenmerk",
                    });
                    problems.append(&mut r.problems);
                }
            }
        }
        out
    }

    async fn read_complaints(
        &self,
        sheet: &ReadSheet,
        problems: &mut Vec<SheetProblem>,
    ) -> Result<Vec<Complaint>, VaultError> {
        let layout = Layout::read(
            sheet,
            &COMPLAINT_COLUMNS,
            COMPLAINT_IMPORTED,
            &["ontvangen", "klager", "over"],
            problems,
        );
        let today = crate::clock::today();
        let mut out = Vec::new();
        for (row, cells) in &sheet.rows {
            let mut r = RowReader {
                layout: &layout,
                columns: &COMPLAINT_COLUMNS,
                row: *row,
                cells,
                problems: Vec::new(),
            };
            let received = r.date("ontvangen");
            let by = r.one_of("klager", ComplainantKind::from_id, &ComplainantKind::ids());
            let person = Some(r.text("client")).filter(|p| !p.is_empty());
            let about = r.text("over");
            let officer = r.yes_no("klachtenfunctionaris").unwrap_or(false);
            let told = r.date("verlenging_gemeld");
            let extension_reason = r.text("reden_verlenging");
            let decided = r.date("besloten_op");
            let outcome = r.one_of(
                "uitkomst",
                ComplaintOutcome::from_id,
                &ComplaintOutcome::ids(),
            );
            let decision_text = r.text("toelichting");
            let referred = r.date("geschilleninstantie");
            let to_ap = r.yes_no("ap").unwrap_or(false);
            if received.is_none() && r.problems.is_empty() {
                r.problem(
                    "ontvangen",
                    "wanneer de klacht binnenkwam (when it was received)",
                );
            }
            if by.is_none() && r.problems.is_empty() {
                r.problem(
                    "klager",
                    format!("een van: {}", ComplainantKind::ids().join(", ")),
                );
            }
            if decided.is_some() != outcome.is_some() && r.problems.is_empty() {
                r.problem("uitkomst", "een besluit heeft een datum en een uitkomst (a decision has a date and an outcome)");
            }
            if let Some(p) = &person
                && r.problems.is_empty()
            {
                match self.known_person(p).await {
                    Ok(()) => {}
                    Err(VaultError::NotFound(_)) => r.problem(
                        "client",
                        "geen cliënt van deze organisatie (names no client)",
                    ),
                    Err(e) => return Err(e),
                }
            }
            let (Some(received), Some(by)) = (received, by) else {
                problems.append(&mut r.problems);
                continue;
            };
            if !r.problems.is_empty() {
                problems.append(&mut r.problems);
                continue;
            }
            let new = super::NewComplaint {
                received,
                by,
                person: person.clone(),
                about: about.clone(),
                officer_involved: officer,
            };
            let checked = self.check_new_complaint(&new).and_then(|()| {
                let mut c = Complaint {
                    id: uuid::Uuid::now_v7().to_string(),
                    received,
                    by,
                    person,
                    about: about.trim().to_owned(),
                    officer_involved: officer,
                    extension: None,
                    decision: None,
                    referred: None,
                    to_ap,
                    clock: self.complaint_clock(received, false)?,
                };
                if let Some(told) = told {
                    c.extend(told, &extension_reason, today)?;
                    c.clock = self.complaint_clock(received, true)?;
                }
                if let (Some(on), Some(outcome)) = (decided, outcome) {
                    c.decide(on, outcome, &decision_text, today)?;
                }
                if let Some(on) = referred {
                    c.refer(on, today).map_err(|e| match e {
                        VaultError::Invalid { message, .. } => VaultError::Invalid {
                            field: "referred",
                            message,
                        },
                        e => e,
                    })?;
                }
                Ok(c)
            });
            match checked {
                Ok(c) => out.push(c),
                Err(e) => {
                    r.refused(e, |f| match f {
                        "referred" => "geschilleninstantie",
                        f => complaint_column(f),
                    });
                    problems.append(&mut r.problems);
                }
            }
        }
        Ok(out)
    }
}
