//! The annual privacy report (BG wonen 8.2): its figures from a small synthetic year, with the
//! day it is made as a parameter, and its HTML and PDF forms.
//!
//! `ZORGKLUIS_REPORT_OUT=/tmp` makes `writes_a_synthetic_year` also leave `jaarverslag.html`
//! and `jaarverslag.pdf` there, to look at (`pdftoppm -png -r 60 /tmp/jaarverslag.pdf`).

use jiff::civil::{Date, date};
use jiff::{Span, Timestamp};
use zorgkluis_core::Lang;
use zorgkluis_core::annual_report::{
    AnnualReport, ComplaintFact, DisclosureFact, EmergencyFact, FlagFact, IncidentFact,
    RequestFact, RunFact, YearFacts, annual_report,
};
use zorgkluis_core::annual_report_render::{body_html, to_html, to_pdf, winansi};
use zorgkluis_core::vocabulary::{RequestOutcome, RequestType};

fn request(id: &str, kind: RequestType, received: Date, due: Date) -> RequestFact {
    RequestFact {
        id: id.to_owned(),
        kind,
        received,
        due,
        extended: false,
        answered: None,
        withdrawn: false,
        outcome: None,
        grounds: Vec::new(),
    }
}

fn at(s: &str) -> Timestamp {
    s.parse().unwrap()
}

fn incident(id: &str, discovered: &str, notified_after_hours: Option<i64>) -> IncidentFact {
    let discovered = at(discovered);
    IncidentFact {
        id: id.to_owned(),
        discovered,
        deadline: discovered + Span::new().hours(72),
        not_notified: notified_after_hours.is_none(),
        ap_notified: notified_after_hours.map(|h| discovered + Span::new().hours(h)),
        persons_notified: false,
    }
}

fn complaint(id: &str, received: Date, decide_by: Date, decided: Option<Date>) -> ComplaintFact {
    ComplaintFact {
        id: id.to_owned(),
        received,
        decide_by,
        extended: false,
        decided,
        to_ap: false,
    }
}

/// A small year: three requests (one answered on time, one 3 days late, one still open), two
/// incidents (notified after 80 hours and within 30), two complaints (one in term, one late).
fn small_year() -> YearFacts {
    let mut on_time = request(
        "VZ-1",
        RequestType::Inzage,
        date(2026, 2, 2),
        date(2026, 3, 2),
    );
    on_time.answered = Some(date(2026, 2, 20));
    on_time.outcome = Some(RequestOutcome::Toegewezen);
    let mut late = request(
        "VZ-2",
        RequestType::Correctie,
        date(2026, 3, 2),
        date(2026, 3, 30),
    );
    late.answered = Some(date(2026, 4, 2));
    late.outcome = Some(RequestOutcome::Afgewezen);
    late.grounds = vec!["kennelijk_ongegrond".to_owned()];
    let open = request(
        "VZ-3",
        RequestType::Inzage,
        date(2026, 5, 25),
        date(2026, 6, 22),
    );
    YearFacts {
        requests: vec![on_time, late, open],
        incidents: vec![
            incident("IN-1", "2026-03-27T15:30:00Z", Some(80)),
            incident("IN-2", "2026-04-10T08:00:00Z", Some(30)),
        ],
        complaints: vec![
            complaint(
                "KL-1",
                date(2026, 1, 12),
                date(2026, 2, 23),
                Some(date(2026, 2, 16)),
            ),
            complaint(
                "KL-2",
                date(2026, 2, 2),
                date(2026, 3, 16),
                Some(date(2026, 3, 20)),
            ),
        ],
        emergencies: vec![EmergencyFact {
            seq: 412,
            reviewed: true,
        }],
        flags: vec![FlagFact {
            id: "LC-1".to_owned(),
            kind: "buiten_werktijd".to_owned(),
            closed: true,
        }],
        disclosures: vec![
            DisclosureFact {
                id: "VS-1".to_owned(),
                recipient_kind: "huisarts".to_owned(),
            },
            DisclosureFact {
                id: "VS-2".to_owned(),
                recipient_kind: "gemeente".to_owned(),
            },
            DisclosureFact {
                id: "VS-3".to_owned(),
                recipient_kind: "huisarts".to_owned(),
            },
        ],
        consents_given: vec!["TS-1".to_owned()],
        consents_withdrawn: Vec::new(),
        runs: vec![RunFact {
            id: "VR-1".to_owned(),
            destroyed: vec!["D-1".to_owned(), "D-2".to_owned()],
        }],
        versions: vec!["2026-1 (1 maart 2026)".to_owned()],
    }
}

fn recipient(kind: &str) -> String {
    match kind {
        "huisarts" => "Huisarts".to_owned(),
        "gemeente" => "Gemeente (Wmo-loket)".to_owned(),
        other => other.to_owned(),
    }
}

fn report(facts: &YearFacts, lang: Lang) -> AnnualReport {
    annual_report("BG wonen", 2026, facts, date(2026, 6, 1), lang, recipient)
}

#[test]
fn counts_the_year_with_the_events_behind_each_figure() {
    let r = report(&small_year(), Lang::Nl);
    let events = |s: &str, f: &str| r.figure(s, f).unwrap().events.clone();
    assert_eq!(r.figure("verzoeken", "total").unwrap().value, 3);
    assert_eq!(events("verzoeken", "on_time"), ["VZ-1"]);
    // Answered on 2 April, due 30 March: 3 days late, and the event says so.
    assert_eq!(events("verzoeken", "late"), ["VZ-2 (3 dagen te laat)"]);
    assert_eq!(events("verzoeken", "open"), ["VZ-3"]);
    assert_eq!(events("verzoeken", "type_inzage"), ["VZ-1", "VZ-3"]);
    assert_eq!(events("verzoeken", "ground_kennelijk_ongegrond"), ["VZ-2"]);
    // Notified 80 hours after discovery: 8 hours after the AP's 72.
    assert_eq!(
        events("incidenten", "after_72h"),
        ["IN-1 (8 uur na de 72 uur)"]
    );
    assert_eq!(events("incidenten", "within_72h"), ["IN-2"]);
    assert_eq!(events("klachten", "in_term"), ["KL-1"]);
    assert_eq!(events("klachten", "late"), ["KL-2 (4 dagen te laat)"]);
    assert_eq!(events("toezicht", "emergency_reviewed"), ["#412"]);
    assert_eq!(events("verstrekkingen", "kind_huisarts"), ["VS-1", "VS-3"]);
    assert_eq!(
        r.figure("toestemming_en_bewaren", "destroyed")
            .unwrap()
            .value,
        2
    );

    // The day the report is made is a parameter: made before VZ-3's term ends it is open,
    // made after it (and still unanswered) it is late.
    let later = annual_report(
        "BG wonen",
        2026,
        &small_year(),
        date(2026, 6, 25),
        Lang::Nl,
        recipient,
    );
    assert!(later.figure("verzoeken", "open").unwrap().events.is_empty());
    assert_eq!(
        later.figure("verzoeken", "late").unwrap().events,
        ["VZ-2 (3 dagen te laat)", "VZ-3 (3 dagen te laat)"]
    );
}

#[test]
fn html_shows_every_figure_and_a_chart_per_breakdown() {
    let r = report(&small_year(), Lang::Nl);
    let html = to_html(&r, Lang::Nl);
    assert!(html.starts_with("<!DOCTYPE html>"));
    assert!(html.contains("<html lang=\"nl\">"));
    assert!(html.contains("<h1>Jaarverslag privacy 2026 — BG wonen</h1>"));
    assert!(html.contains("Opgemaakt op 1 juni 2026."));
    for section in &r.sections {
        assert!(html.contains(&format!("<h2 id=\"jv-{}-h\">", section.id)));
        for f in &section.figures {
            let row = format!(
                "<th scope=\"row\">{}</th><td class=\"value\">{}</td>",
                f.label, f.value
            );
            assert!(html.contains(&row), "{row} missing");
        }
    }
    let charted = r.sections.iter().filter(|s| !s.chart.is_empty()).count();
    assert_eq!(charted, 3, "requests by type, flags by kind, disclosures");
    assert_eq!(html.matches("<svg").count(), charted);
    assert_eq!(html.matches("role=\"img\"").count(), charted);
    // A bar per charted figure, labelled for a screen reader.
    assert!(html.contains(
        "aria-label=\"Verdeling: Verstrekkingen. Gemeente (Wmo-loket): 1; Huisarts: 2\""
    ));
    // The auditor's check: the events per figure.
    assert_eq!(html.matches("<details>").count(), r.sections.len());
    assert!(html.contains("VZ-2 (3 dagen te laat)"));
    assert!(html.contains("<td class=\"events\">VS-1, VS-3</td>"));

    let en = to_html(&report(&small_year(), Lang::En), Lang::En);
    assert!(en.contains("<h1>Annual privacy report 2026 — BG wonen</h1>"));
    assert!(en.contains("Made on 1 June 2026."));
}

#[test]
fn html_escapes_what_comes_from_data() {
    let mut facts = small_year();
    facts.disclosures.push(DisclosureFact {
        id: "VS-<b>4</b>".to_owned(),
        recipient_kind: "<script>alert(1)</script>".to_owned(),
    });
    let r = annual_report(
        "B&G \"wonen\"",
        2026,
        &facts,
        date(2026, 6, 1),
        Lang::Nl,
        recipient,
    );
    let body = body_html(&r, Lang::Nl);
    assert!(!body.contains("<script>alert"), "{body}");
    assert!(!body.contains("<b>4</b>"));
    assert!(body.contains("&lt;script&gt;alert(1)&lt;/script&gt;"));
    assert!(body.contains("VS-&lt;b&gt;4&lt;/b&gt;"));
    assert!(body.contains("B&amp;G &quot;wonen&quot;"));
    // An id from data in an attribute is escaped too.
    assert!(body.contains("id=\"jv-verstrekkingen-kind_&lt;script&gt;"));
}

/// The strings a PDF's content streams show (`(…) Tj` and `<…> Tj`), decoded from
/// WinAnsiEncoding: the text a reader sees, in the order it is drawn.
fn shown_text(pdf: &[u8]) -> Vec<String> {
    let mut out = Vec::new();
    let mut i = 0;
    while i < pdf.len() {
        let (bytes, end) = match pdf[i] {
            b'(' => literal(pdf, i + 1),
            b'<' if pdf.get(i + 1) != Some(&b'<') => hex(pdf, i + 1),
            _ => {
                i += 1;
                continue;
            }
        };
        let rest = &pdf[end..];
        let next = rest
            .iter()
            .position(|b| !b.is_ascii_whitespace())
            .unwrap_or(0);
        if rest[next..].starts_with(b"Tj") {
            out.push(bytes.iter().map(|b| from_winansi(*b)).collect());
        }
        i = end;
    }
    out
}

fn literal(pdf: &[u8], mut i: usize) -> (Vec<u8>, usize) {
    let mut out = Vec::new();
    let mut depth = 0;
    while i < pdf.len() {
        match pdf[i] {
            b'\\' => {
                let c = pdf[i + 1];
                if c.is_ascii_digit() {
                    let digits: Vec<u8> = pdf[i + 1..]
                        .iter()
                        .take(3)
                        .take_while(|d| d.is_ascii_digit())
                        .copied()
                        .collect();
                    out.push(u8::from_str_radix(std::str::from_utf8(&digits).unwrap(), 8).unwrap());
                    i += 1 + digits.len();
                    continue;
                }
                out.push(match c {
                    b'n' => b'\n',
                    b'r' => b'\r',
                    b't' => b'\t',
                    other => other,
                });
                i += 2;
                continue;
            }
            b'(' => depth += 1,
            b')' if depth == 0 => return (out, i + 1),
            b')' => depth -= 1,
            _ => {}
        }
        out.push(pdf[i]);
        i += 1;
    }
    (out, i)
}

fn hex(pdf: &[u8], i: usize) -> (Vec<u8>, usize) {
    let end = i + pdf[i..].iter().position(|b| *b == b'>').unwrap();
    let digits: Vec<u8> = pdf[i..end]
        .iter()
        .filter(|b| b.is_ascii_hexdigit())
        .copied()
        .collect();
    let bytes = digits
        .chunks(2)
        .map(|p| u8::from_str_radix(std::str::from_utf8(p).unwrap(), 16).unwrap())
        .collect();
    (bytes, end + 1)
}

/// Windows-1252, as far as the tests need it.
fn from_winansi(b: u8) -> char {
    match b {
        0x85 => '…',
        0x96 => '–',
        0x97 => '—',
        0x80 => '€',
        0x91 => '‘',
        0x92 => '’',
        0x93 => '“',
        0x94 => '”',
        other => char::from(other),
    }
}

#[test]
fn winansi_encodes_dutch_letters() {
    assert_eq!(winansi("geïnformeerd"), b"ge\xefnformeerd");
    assert_eq!(winansi("één — €5"), b"\xe9\xe9n \x97 \x805");
    assert_eq!(winansi("ĳ 漢"), b"? ?");
}

#[test]
fn pdf_is_a_pdf_with_the_reports_text() {
    let r = report(&small_year(), Lang::Nl);
    let pdf = to_pdf(&r, Lang::Nl);
    assert!(pdf.starts_with(b"%PDF-"));
    assert!(pdf.trim_ascii_end().ends_with(b"%%EOF"));
    let text = shown_text(&pdf);
    assert!(
        text.iter()
            .any(|s| s == "Jaarverslag privacy 2026 — BG wonen"),
        "{text:?}"
    );
    assert!(text.iter().any(|s| s == "Betrokkenen geïnformeerd"));
    assert!(text.iter().any(|s| s == "Verzoeken van betrokkenen"));
    assert!(text.iter().any(|s| s == "Verdeling: Verstrekkingen"));
    assert!(
        text.iter()
            .any(|s| s.starts_with("Opgemaakt op 1 juni 2026."))
    );
    // Its footer numbers every page.
    assert!(
        text.iter().any(|s| s.starts_with("Pagina 1 van ")),
        "{text:?}"
    );
    // Every figure's label (or the start of it, where a long one wraps) is drawn.
    for f in r.sections.iter().flat_map(|s| &s.figures) {
        let first = f.label.split(' ').next().unwrap();
        assert!(
            text.iter().any(|s| s.starts_with(first)),
            "{} missing",
            f.label
        );
    }
    // Helvetica in WinAnsiEncoding, regular and bold: nothing embedded.
    let raw = String::from_utf8_lossy(&pdf);
    assert_eq!(raw.matches("/Encoding /WinAnsiEncoding").count(), 2);
    assert!(raw.contains("/BaseFont /Helvetica-Bold"));
    assert!(raw.contains("/MediaBox [0 0 595.28 841.89]"));
}

#[test]
fn pdf_runs_onto_more_pages_when_the_year_is_long() {
    let mut facts = small_year();
    for i in 0..60 {
        facts.disclosures.push(DisclosureFact {
            id: format!("VS-{}", 100 + i),
            recipient_kind: format!("ontvanger_{i:02}"),
        });
    }
    let r = report(&facts, Lang::En);
    let pdf = to_pdf(&r, Lang::En);
    let text = shown_text(&pdf);
    let pages = String::from_utf8_lossy(&pdf)
        .matches("/Type /Page\n")
        .count();
    let last = text
        .iter()
        .rfind(|s| s.starts_with("Page "))
        .unwrap()
        .clone();
    let total: usize = last.rsplit(' ').next().unwrap().parse().unwrap();
    assert!(total >= 3, "{last}");
    assert_eq!(last, format!("Page {total} of {total}"));
    assert!(
        pages == 0 || pages == total,
        "{pages} pages, footer says {total}"
    );
    assert!(
        text.iter()
            .any(|s| s == "Annual privacy report 2026 — BG wonen")
    );
    assert!(text.iter().any(|s| s == "ontvanger_59"));
}

#[test]
fn writes_a_synthetic_year() {
    let mut facts = small_year();
    for (i, kind) in RequestType::ALL.iter().enumerate().take(6) {
        for n in 0..(6 - i) {
            facts.requests.push(request(
                &format!("VZ-{}{n}", i + 10),
                *kind,
                date(2026, 4, 1),
                date(2026, 4, 29),
            ));
        }
    }
    for (kind, n) in [
        ("na_werktijd", 4),
        ("veel_dossiers", 2),
        ("eigen_dossier", 1),
    ] {
        for k in 0..n {
            facts.flags.push(FlagFact {
                id: format!("LC-{kind}-{k}"),
                kind: kind.to_owned(),
                closed: k % 2 == 0,
            });
        }
    }
    for (kind, n) in [("zorgverzekeraar", 5), ("ciz", 3), ("gemeente", 2)] {
        for k in 0..n {
            facts.disclosures.push(DisclosureFact {
                id: format!("VS-{kind}-{k}"),
                recipient_kind: kind.to_owned(),
            });
        }
    }
    let label = |kind: &str| match kind {
        "zorgverzekeraar" => "Zorgverzekeraar".to_owned(),
        "ciz" => "Centrum indicatiestelling zorg (CIZ)".to_owned(),
        other => recipient(other),
    };
    let r = annual_report(
        "BG wonen",
        2026,
        &facts,
        date(2026, 12, 31),
        Lang::Nl,
        label,
    );
    let html = to_html(&r, Lang::Nl);
    let pdf = to_pdf(&r, Lang::Nl);
    assert!(pdf.starts_with(b"%PDF-"));
    assert!(
        shown_text(&pdf)
            .iter()
            .any(|s| s == "Centrum indicatiestelling zorg (CIZ)")
    );
    if let Some(dir) = std::env::var_os("ZORGKLUIS_REPORT_OUT") {
        let dir = std::path::Path::new(&dir);
        std::fs::write(dir.join("jaarverslag.html"), html).unwrap();
        std::fs::write(dir.join("jaarverslag.pdf"), pdf).unwrap();
    }
}
