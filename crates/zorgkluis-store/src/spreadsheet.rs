//! Registers as spreadsheets (issue 16 part 6): a sheet is a header and rows of typed cells,
//! written to XLSX (rust_xlsxwriter) or CSV, and read back from XLSX (calamine) with every
//! cell's place, so an error can name the sheet, the row and the column as Excel shows them.
//! In memory only: the caller decides where the bytes go.

use jiff::Timestamp;
use jiff::civil::{Date, DateTime};
use rust_xlsxwriter::{ExcelDateTime, Format, Workbook, XlsxError};
use zorgkluis_core::time::amsterdam;

/// A cell as a register writes it.
#[derive(Debug, Clone, PartialEq)]
pub enum Cell {
    Text(String),
    Number(f64),
    Date(Date),
    /// A moment, written in Dutch time.
    Moment(Timestamp),
    /// Written as ja/nee.
    YesNo(bool),
    Empty,
}

impl Cell {
    pub fn text(s: impl Into<String>) -> Cell {
        let s = s.into();
        if s.is_empty() {
            Cell::Empty
        } else {
            Cell::Text(s)
        }
    }

    pub fn count(n: Option<u64>) -> Cell {
        n.map_or(Cell::Empty, |n| Cell::Number(n as f64))
    }

    pub fn date(d: Option<Date>) -> Cell {
        d.map_or(Cell::Empty, Cell::Date)
    }

    pub fn moment(m: Option<Timestamp>) -> Cell {
        m.map_or(Cell::Empty, Cell::Moment)
    }

    pub fn yes_no(b: Option<bool>) -> Cell {
        b.map_or(Cell::Empty, Cell::YesNo)
    }

    /// The cell as CSV text: dates as YYYY-MM-DD, moments in Dutch time with their offset.
    fn csv_text(&self) -> String {
        match self {
            Cell::Text(s) => s.clone(),
            Cell::Number(n) => format_number(*n),
            Cell::Date(d) => d.to_string(),
            Cell::Moment(m) => m
                .to_zoned_datetime(amsterdam())
                .strftime("%Y-%m-%dT%H:%M:%S%:z")
                .to_string(),
            Cell::YesNo(b) => if *b { "ja" } else { "nee" }.to_owned(),
            Cell::Empty => String::new(),
        }
    }
}

fn format_number(n: f64) -> String {
    if n.fract() == 0.0 && n.abs() < 1e15 {
        format!("{}", n as i64)
    } else {
        n.to_string()
    }
}

/// One register as a sheet.
#[derive(Debug, Clone, PartialEq)]
pub struct Sheet {
    /// The tab's name (at most 31 characters, as Excel allows).
    pub name: String,
    pub header: Vec<String>,
    pub rows: Vec<Vec<Cell>>,
}

#[derive(Debug, thiserror::Error)]
pub enum SheetError {
    #[error("writing the workbook: {0}")]
    Write(#[from] XlsxError),
    #[error("{0}")]
    Read(String),
}

/// The workbook: a tab per sheet, the header bold and frozen, a filter over the columns.
pub fn to_xlsx(sheets: &[Sheet]) -> Result<Vec<u8>, SheetError> {
    let mut book = Workbook::new();
    let bold = Format::new().set_bold();
    let day = Format::new().set_num_format("dd-mm-yyyy");
    let moment = Format::new().set_num_format("dd-mm-yyyy hh:mm");
    for sheet in sheets {
        let ws = book.add_worksheet();
        ws.set_name(&sheet.name)?;
        for (c, h) in sheet.header.iter().enumerate() {
            ws.write_string_with_format(0, col(c), h, &bold)?;
        }
        for (r, row) in sheet.rows.iter().enumerate() {
            let r = u32::try_from(r + 1).unwrap_or(u32::MAX);
            for (c, cell) in row.iter().enumerate() {
                let c = col(c);
                match cell {
                    // Written as a string, never as a formula: a leading "=" stays text.
                    Cell::Text(s) => ws.write_string(r, c, s).map(|_| ())?,
                    Cell::Number(n) => ws.write_number(r, c, *n).map(|_| ())?,
                    Cell::Date(d) => {
                        let x = excel_date(*d)?;
                        ws.write_datetime_with_format(r, c, &x, &day).map(|_| ())?;
                    }
                    Cell::Moment(m) => {
                        let local = m.to_zoned_datetime(amsterdam()).datetime();
                        let x = excel_date(local.date())?.and_hms(
                            local.hour() as u16,
                            local.minute() as u8,
                            f64::from(local.second()),
                        )?;
                        ws.write_datetime_with_format(r, c, &x, &moment)
                            .map(|_| ())?;
                    }
                    Cell::YesNo(b) => ws
                        .write_string(r, c, if *b { "ja" } else { "nee" })
                        .map(|_| ())?,
                    Cell::Empty => {}
                }
            }
        }
        if !sheet.header.is_empty() {
            let last = u32::try_from(sheet.rows.len()).unwrap_or(u32::MAX);
            ws.autofilter(0, 0, last, col(sheet.header.len() - 1))?;
        }
        ws.set_freeze_panes(1, 0)?;
        ws.autofit();
    }
    Ok(book.save_to_buffer()?)
}

fn col(c: usize) -> u16 {
    u16::try_from(c).unwrap_or(u16::MAX)
}

fn excel_date(d: Date) -> Result<ExcelDateTime, XlsxError> {
    ExcelDateTime::from_ymd(d.year() as u16, d.month() as u8, d.day() as u8)
}

/// A sheet as CSV, as a Dutch spreadsheet opens it: separated by `;`, with a byte-order mark,
/// every value quoted, and a leading `=`, `+`, `-` or `@` defused so it is not taken for a
/// formula.
pub fn to_csv(sheet: &Sheet) -> String {
    let mut out = String::from("\u{feff}");
    let line = |cells: Vec<String>| -> String {
        let mut l = cells
            .iter()
            .map(|v| csv_cell(v))
            .collect::<Vec<_>>()
            .join(";");
        l.push_str("\r\n");
        l
    };
    out.push_str(&line(sheet.header.clone()));
    for row in &sheet.rows {
        out.push_str(&line(row.iter().map(Cell::csv_text).collect()));
    }
    out
}

fn csv_cell(v: &str) -> String {
    let v = if v.starts_with(['=', '+', '-', '@']) {
        format!("'{v}")
    } else {
        v.to_owned()
    };
    format!("\"{}\"", v.replace('"', "\"\""))
}

/// A cell as read from a workbook.
#[derive(Debug, Clone, PartialEq)]
pub enum ReadCell {
    Text(String),
    Number(f64),
    Bool(bool),
    /// A date or a date and time as the sheet holds it (no zone: Dutch wall-clock time).
    DateTime(DateTime),
    Empty,
}

/// A sheet as read: its name and its rows, each with its number as Excel shows it.
#[derive(Debug, Clone, PartialEq)]
pub struct ReadSheet {
    pub name: String,
    /// The first non-empty row, taken as the header.
    pub header: Vec<String>,
    pub header_row: u32,
    /// (the row's number, its cells), empty rows left out.
    pub rows: Vec<(u32, Vec<ReadCell>)>,
}

/// The column letters Excel shows for a 0-based index: 0 → A, 26 → AA.
pub fn column_letters(mut c: usize) -> String {
    let mut out = Vec::new();
    loop {
        out.push(b'A' + (c % 26) as u8);
        if c < 26 {
            break;
        }
        c = c / 26 - 1;
    }
    out.reverse();
    String::from_utf8_lossy(&out).into_owned()
}

/// Every sheet of an XLSX workbook.
pub fn read_xlsx(bytes: &[u8]) -> Result<Vec<ReadSheet>, SheetError> {
    use calamine::Reader as _;
    let mut book = calamine::Xlsx::new(std::io::Cursor::new(bytes))
        .map_err(|e| SheetError::Read(format!("not an XLSX workbook: {e}")))?;
    let mut out = Vec::new();
    for name in book.sheet_names() {
        let range = book
            .worksheet_range(&name)
            .map_err(|e| SheetError::Read(format!("sheet {name}: {e}")))?;
        // The range starts at its first used cell: keep Excel's own row and column numbers.
        let (first_row, first_col) = range.start().unwrap_or((0, 0));
        let lead = first_col as usize;
        let mut rows = Vec::new();
        for (i, row) in range.rows().enumerate() {
            let mut cells = vec![ReadCell::Empty; lead];
            cells.extend(row.iter().map(read_cell));
            while cells.last() == Some(&ReadCell::Empty) {
                cells.pop();
            }
            if !cells.is_empty() {
                rows.push((first_row + i as u32 + 1, cells));
            }
        }
        let mut rows = rows.into_iter();
        let (header_row, header) = match rows.next() {
            Some((n, cells)) => (
                n,
                cells
                    .into_iter()
                    .map(|c| match c {
                        ReadCell::Text(s) => s.trim().to_owned(),
                        ReadCell::Number(n) => format_number(n),
                        _ => String::new(),
                    })
                    .collect(),
            ),
            None => (0, Vec::new()),
        };
        out.push(ReadSheet {
            name,
            header,
            header_row,
            rows: rows.collect(),
        });
    }
    Ok(out)
}

fn read_cell(d: &calamine::Data) -> ReadCell {
    use calamine::Data;
    match d {
        Data::String(s) if s.trim().is_empty() => ReadCell::Empty,
        Data::String(s) => ReadCell::Text(s.trim().to_owned()),
        Data::Int(i) => ReadCell::Number(*i as f64),
        Data::Float(f) => ReadCell::Number(*f),
        Data::Bool(b) => ReadCell::Bool(*b),
        Data::DateTime(x) => {
            serial_to_datetime(x.as_f64()).map_or(ReadCell::Empty, ReadCell::DateTime)
        }
        Data::DateTimeIso(s) => s
            .parse::<DateTime>()
            .or_else(|_| {
                s.parse::<Date>()
                    .map(|d| d.to_datetime(jiff::civil::Time::midnight()))
            })
            .map_or_else(|_| ReadCell::Text(s.clone()), ReadCell::DateTime),
        Data::DurationIso(s) => ReadCell::Text(s.clone()),
        Data::Error(e) => ReadCell::Text(format!("#{e:?}")),
        Data::Empty => ReadCell::Empty,
    }
}

/// An Excel serial date (days since 30 December 1899, the 1900 system) as a civil time.
fn serial_to_datetime(serial: f64) -> Option<DateTime> {
    if !serial.is_finite() || !(0.0..2_958_466.0).contains(&serial) {
        return None;
    }
    let days = serial.floor() as i64;
    let seconds = ((serial - serial.floor()) * 86_400.0).round() as i64;
    let base = jiff::civil::date(1899, 12, 30).to_datetime(jiff::civil::Time::midnight());
    base.checked_add(jiff::Span::new().days(days).seconds(seconds))
        .ok()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn column_letters_as_excel_names_them() {
        assert_eq!(column_letters(0), "A");
        assert_eq!(column_letters(25), "Z");
        assert_eq!(column_letters(26), "AA");
        assert_eq!(column_letters(27), "AB");
        assert_eq!(column_letters(701), "ZZ");
        assert_eq!(column_letters(702), "AAA");
    }

    #[test]
    fn a_workbook_reads_back_as_written() {
        let d = jiff::civil::date(2026, 3, 29);
        let m: Timestamp = "2026-03-29T01:30:00Z".parse().unwrap();
        let sheet = Sheet {
            name: "Incidenten".into(),
            header: vec![
                "Tekst".into(),
                "Aantal".into(),
                "Dag".into(),
                "Moment".into(),
                "Ja".into(),
            ],
            rows: vec![vec![
                Cell::text("=SUM(A1)"),
                Cell::Number(12.0),
                Cell::Date(d),
                Cell::Moment(m),
                Cell::YesNo(true),
            ]],
        };
        let bytes = to_xlsx(std::slice::from_ref(&sheet)).unwrap();
        let read = read_xlsx(&bytes).unwrap();
        assert_eq!(read.len(), 1);
        assert_eq!(read[0].name, "Incidenten");
        assert_eq!(read[0].header, sheet.header);
        let (row, cells) = &read[0].rows[0];
        assert_eq!(*row, 2);
        assert_eq!(cells[0], ReadCell::Text("=SUM(A1)".into()));
        assert_eq!(cells[1], ReadCell::Number(12.0));
        assert_eq!(
            cells[2],
            ReadCell::DateTime(d.to_datetime(jiff::civil::Time::midnight()))
        );
        // 01:30 UTC on the day summer time starts is 03:30 in Amsterdam.
        assert_eq!(
            cells[3],
            ReadCell::DateTime(jiff::civil::datetime(2026, 3, 29, 3, 30, 0, 0))
        );
        assert_eq!(cells[4], ReadCell::Text("ja".into()));
    }

    #[test]
    fn csv_defuses_formulas_and_quotes() {
        let sheet = Sheet {
            name: "x".into(),
            header: vec!["a".into(), "b".into()],
            rows: vec![vec![Cell::text("=1+1"), Cell::text("zei \"ja\"")]],
        };
        let csv = to_csv(&sheet);
        assert_eq!(
            csv,
            "\u{feff}\"a\";\"b\"\r\n\"'=1+1\";\"zei \"\"ja\"\"\"\r\n"
        );
    }
}
