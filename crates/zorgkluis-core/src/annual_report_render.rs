//! The annual privacy report (BG wonen 8.2) written out: a printable HTML page with its bar
//! charts as inline SVG, and a PDF (A4, the same tables and bars as vector graphics, numbered
//! pages). Pure: the report is made by `annual_report`; this only writes it. Every text comes
//! from the report (which the catalogue wrote) or from the catalogue; every text from data is
//! escaped (HTML) or encoded (PDF: the standard Helvetica in WinAnsiEncoding, so no font is
//! embedded and Dutch letters such as ë, é and ï come out as they should).

use std::fmt::Write as _;

use pdf_writer::{Content, Finish, Name, Pdf, Rect, Ref, Str, TextStr};

use crate::annual_report::{AnnualReport, Figure, Section};
use crate::i18n::{Lang, t};
use crate::t;
use crate::time::format_date;

/// The report's title: "Jaarverslag privacy 2026 — BG wonen".
pub fn title(report: &AnnualReport, lang: Lang) -> String {
    t!(
        lang,
        "annual-title",
        year = &report.year.to_string(),
        organisation = &report.organisation
    )
}

/// The line under the title: the day it was made, and that every figure lists its events.
pub fn made_on(report: &AnnualReport, lang: Lang) -> String {
    t!(
        lang,
        "annual-made-on",
        date = &format_date(report.made_on, lang)
    )
}

/// The figures of `section` its chart draws, in the chart's order.
fn charted(section: &Section) -> Vec<&Figure> {
    section
        .chart
        .iter()
        .filter_map(|id| section.figures.iter().find(|f| &f.id == id))
        .collect()
}

// ---------------------------------------------------------------------------------------------
// HTML

/// The report's styles, scoped to `.jaarverslag` so the web page can embed the report in its
/// own layout; A4 print styles for the standalone page.
pub const STYLE: &str = "\
.jaarverslag{font-family:system-ui,-apple-system,'Segoe UI',Roboto,Helvetica,Arial,sans-serif;color:#1a1a1a;line-height:1.45;max-width:48rem}\
.jaarverslag h1{font-size:1.6rem;margin:0 0 .3rem}\
.jaarverslag h2{font-size:1.2rem;margin:1.8rem 0 .5rem;padding-bottom:.2rem;border-bottom:2px solid #1f5f8b;color:#1f5f8b}\
.jaarverslag .made-on{color:#444;margin:0 0 1rem}\
.jaarverslag table{border-collapse:collapse;width:100%;margin:.3rem 0 .8rem}\
.jaarverslag th,.jaarverslag td{padding:.3rem .5rem;border-bottom:1px solid #d4d4d4;text-align:left;vertical-align:top}\
.jaarverslag thead th{background:#eef3f7;font-weight:600}\
.jaarverslag td.value,.jaarverslag th.value{text-align:right;font-variant-numeric:tabular-nums;width:6rem}\
.jaarverslag tr.part th{padding-left:1.6rem;font-weight:normal}\
.jaarverslag tbody th{font-weight:normal;background:none}\
.jaarverslag figure.chart{margin:.6rem 0 .4rem}.jaarverslag figcaption{font-weight:600;font-size:.95rem;color:#444}\
.jaarverslag svg{display:block;max-width:100%;height:auto;margin:.2rem 0 .8rem}\
.jaarverslag svg text{font-family:inherit;font-size:13px;fill:#1a1a1a}\
.jaarverslag svg .bar{fill:#1f5f8b}\
.jaarverslag details{margin:.2rem 0 1rem;border:1px solid #d4d4d4;border-radius:4px;padding:.3rem .6rem}\
.jaarverslag summary{cursor:pointer;color:#1f5f8b}\
.jaarverslag details table{font-size:.9rem}\
.jaarverslag .events{font-family:ui-monospace,SFMono-Regular,Menlo,Consolas,monospace;font-size:.85rem;word-break:break-word}\
@page{size:A4;margin:18mm 16mm}\
@media print{.jaarverslag{max-width:none;font-size:10.5pt}.jaarverslag section{break-inside:avoid-page}.jaarverslag h2{break-after:avoid}.jaarverslag summary{color:#1a1a1a}}";

/// The report as a complete, printable HTML page (inline styles, no external files).
pub fn to_html(report: &AnnualReport, lang: Lang) -> String {
    let title = title(report, lang);
    let mut out = String::new();
    let _ = write!(
        out,
        "<!DOCTYPE html>\n<html lang=\"{}\">\n<head>\n<meta charset=\"utf-8\">\n\
         <meta name=\"viewport\" content=\"width=device-width, initial-scale=1\">\n\
         <title>{}</title>\n<style>body{{margin:0;padding:1.5rem}}{STYLE}</style>\n</head>\n<body>\n",
        lang.tag(),
        esc(&title)
    );
    out.push_str(&body_html(report, lang));
    // Printed, the auditor's lists are part of the report: open them before printing.
    out.push_str(
        "<script>addEventListener('beforeprint',function(){document.querySelectorAll('details').forEach(function(d){d.open=true})})</script>\n",
    );
    out.push_str("</body>\n</html>\n");
    out
}

/// The report's body (an `<article class="jaarverslag">`: the title, the "made on" line and
/// the sections), for the standalone page.
pub fn body_html(report: &AnnualReport, lang: Lang) -> String {
    let mut out = String::new();
    let _ = write!(
        out,
        "<article class=\"jaarverslag\">\n<h1>{}</h1>\n<p class=\"made-on\">{}</p>\n",
        esc(&title(report, lang)),
        esc(&made_on(report, lang))
    );
    out.push_str(&sections_html(report, lang));
    out.push_str("</article>\n");
    out
}

/// The sections alone (a `<section>` each: the table, the chart, the events), for a page
/// that writes the title itself; put them inside an element of class `jaarverslag`, with
/// [`STYLE`].
pub fn sections_html(report: &AnnualReport, lang: Lang) -> String {
    let mut out = String::new();
    for section in &report.sections {
        section_html(&mut out, section, lang);
    }
    out
}

fn section_html(out: &mut String, section: &Section, lang: Lang) {
    let sid = esc(section.id);
    let _ = write!(
        out,
        "<section id=\"jv-{sid}\" aria-labelledby=\"jv-{sid}-h\">\n<h2 id=\"jv-{sid}-h\">{}</h2>\n\
         <table>\n<thead><tr><th scope=\"col\">{}</th><th scope=\"col\" class=\"value\">{}</th></tr></thead>\n<tbody>\n",
        esc(&section.title),
        esc(&t(lang, "annual-col-figure")),
        esc(&t(lang, "annual-col-count")),
    );
    for f in &section.figures {
        let part = section.chart.contains(&f.id);
        let _ = writeln!(
            out,
            "<tr id=\"jv-{sid}-{}\"{}><th scope=\"row\">{}</th><td class=\"value\">{}</td></tr>",
            esc(&f.id),
            if part { " class=\"part\"" } else { "" },
            esc(&f.label),
            f.value
        );
    }
    out.push_str("</tbody>\n</table>\n");
    let bars = charted(section);
    if !bars.is_empty() {
        svg_chart(out, section, &bars, lang);
    }
    let _ = write!(
        out,
        "<details>\n<summary>{}</summary>\n<table>\n<thead><tr><th scope=\"col\">{}</th><th scope=\"col\">{}</th></tr></thead>\n<tbody>\n",
        esc(&t(lang, "annual-events-summary")),
        esc(&t(lang, "annual-col-figure")),
        esc(&t(lang, "annual-events")),
    );
    for f in &section.figures {
        let events = if f.events.is_empty() {
            t(lang, "annual-no-events")
        } else {
            f.events.join(", ")
        };
        let _ = writeln!(
            out,
            "<tr><th scope=\"row\">{}</th><td class=\"events\">{}</td></tr>",
            esc(&f.label),
            esc(&events)
        );
    }
    out.push_str("</tbody>\n</table>\n</details>\n</section>\n");
}

/// The SVG chart's geometry (in its own units; it scales with the page).
const SVG_WIDTH: usize = 640;
const SVG_LABEL: usize = 250;
const SVG_BAR_MAX: usize = 330;
const SVG_ROW: usize = 28;
/// The longest label that fits the label column; a longer one is shortened with "…" (its
/// bar's `<title>` and the table keep it whole).
const SVG_LABEL_CHARS: usize = 34;

fn svg_chart(out: &mut String, section: &Section, bars: &[&Figure], lang: Lang) {
    let max = bars.iter().map(|f| f.value).max().unwrap_or(0).max(1);
    let height = bars.len() * SVG_ROW + 8;
    let summary: Vec<String> = bars
        .iter()
        .map(|f| format!("{}: {}", f.label, f.value))
        .collect();
    let label = format!(
        "{}. {}",
        t!(lang, "annual-chart", section = &section.title),
        summary.join("; ")
    );
    let sid = esc(section.id);
    let _ = writeln!(
        out,
        "<figure class=\"chart\">\n<figcaption>{}</figcaption>",
        esc(&t!(lang, "annual-chart", section = &section.title))
    );
    let _ = write!(
        out,
        "<svg xmlns=\"http://www.w3.org/2000/svg\" role=\"img\" aria-label=\"{}\" \
         viewBox=\"0 0 {SVG_WIDTH} {height}\" width=\"{SVG_WIDTH}\" height=\"{height}\">\n\
         <title id=\"jv-{sid}-chart\">{}</title>\n",
        esc(&label),
        esc(&label)
    );
    for (i, f) in bars.iter().enumerate() {
        let y = i * SVG_ROW + 4;
        let w = (f.value * SVG_BAR_MAX).div_ceil(max);
        let shown = shorten(&f.label, SVG_LABEL_CHARS);
        let _ = writeln!(
            out,
            "<g><title>{}: {}</title>\
             <text x=\"{}\" y=\"{}\" text-anchor=\"end\">{}</text>\
             <rect class=\"bar\" x=\"{SVG_LABEL}\" y=\"{}\" width=\"{w}\" height=\"{}\" rx=\"2\"></rect>\
             <text x=\"{}\" y=\"{}\">{}</text></g>",
            esc(&f.label),
            f.value,
            SVG_LABEL - 10,
            y + 18,
            esc(&shown),
            y + 3,
            SVG_ROW - 8,
            SVG_LABEL + w + 8,
            y + 18,
            f.value
        );
    }
    let _ = writeln!(
        out,
        "<line x1=\"{SVG_LABEL}\" y1=\"0\" x2=\"{SVG_LABEL}\" y2=\"{height}\" stroke=\"#555\" stroke-width=\"1\"></line>\n</svg>\n</figure>"
    );
}

fn shorten(s: &str, max: usize) -> String {
    if s.chars().count() <= max {
        return s.to_owned();
    }
    let mut out: String = s.chars().take(max.saturating_sub(1)).collect();
    out.push('…');
    out
}

/// Escapes text for HTML element content and attribute values.
fn esc(s: &str) -> String {
    let mut out = String::with_capacity(s.len());
    for ch in s.chars() {
        match ch {
            '&' => out.push_str("&amp;"),
            '<' => out.push_str("&lt;"),
            '>' => out.push_str("&gt;"),
            '"' => out.push_str("&quot;"),
            '\'' => out.push_str("&#39;"),
            c => out.push(c),
        }
    }
    out
}

// ---------------------------------------------------------------------------------------------
// PDF

/// A4 in points.
const PAGE_W: f32 = 595.28;
const PAGE_H: f32 = 841.89;
const MARGIN_X: f32 = 56.0;
const TOP: f32 = PAGE_H - 60.0;
/// The lowest line of content; the footer sits below it.
const BOTTOM: f32 = 64.0;
const RIGHT: f32 = PAGE_W - MARGIN_X;
const TEXT_W: f32 = RIGHT - MARGIN_X;

const REGULAR: Name<'static> = Name(b"F1");
const BOLD: Name<'static> = Name(b"F2");

/// The colours: the report's blue, its light tint, text grey.
const BLUE: (f32, f32, f32) = (0.122, 0.373, 0.545);
const TINT: (f32, f32, f32) = (0.933, 0.953, 0.969);
const GREY: (f32, f32, f32) = (0.35, 0.35, 0.35);
const RULE: (f32, f32, f32) = (0.83, 0.83, 0.83);

/// The pages as they are laid out, top to bottom, with a cursor on the current one.
struct Layout {
    pages: Vec<Content>,
    y: f32,
}

impl Layout {
    fn new() -> Layout {
        Layout {
            pages: vec![Content::new()],
            y: TOP,
        }
    }

    fn page(&mut self) -> &mut Content {
        if self.pages.is_empty() {
            self.pages.push(Content::new());
        }
        let last = self.pages.len() - 1;
        &mut self.pages[last]
    }

    /// Starts a new page unless `height` still fits above the bottom margin.
    fn need(&mut self, height: f32) {
        if self.y - height < BOTTOM {
            self.pages.push(Content::new());
            self.y = TOP;
        }
    }

    fn text(&mut self, font: Name<'_>, size: f32, x: f32, y: f32, s: &str, rgb: (f32, f32, f32)) {
        let bytes = winansi(s);
        let page = self.page();
        page.set_fill_rgb(rgb.0, rgb.1, rgb.2);
        page.begin_text();
        page.set_font(font, size);
        page.next_line(x, y);
        page.show(Str(&bytes));
        page.end_text();
    }

    fn rect(&mut self, x: f32, y: f32, w: f32, h: f32, rgb: (f32, f32, f32)) {
        let page = self.page();
        page.set_fill_rgb(rgb.0, rgb.1, rgb.2);
        page.rect(x, y, w, h);
        page.fill_nonzero();
    }

    fn line(&mut self, x1: f32, y1: f32, x2: f32, y2: f32, width: f32, rgb: (f32, f32, f32)) {
        let page = self.page();
        page.set_stroke_rgb(rgb.0, rgb.1, rgb.2);
        page.set_line_width(width);
        page.move_to(x1, y1);
        page.line_to(x2, y2);
        page.stroke();
    }

    /// A paragraph wrapped to `width`, from the cursor down.
    fn paragraph(&mut self, font: Name<'_>, size: f32, s: &str, rgb: (f32, f32, f32)) {
        let bold = font == BOLD;
        for line in wrap(s, bold, size, TEXT_W) {
            self.need(size * 1.35);
            self.y -= size * 1.35;
            let y = self.y;
            self.text(font, size, MARGIN_X, y, &line, rgb);
        }
    }
}

/// The report as a PDF: A4, Helvetica, the figures per section in a table and the breakdowns
/// as horizontal bars, every page numbered. The events behind the figures are in the HTML and
/// JSON forms; a line says so.
pub fn to_pdf(report: &AnnualReport, lang: Lang) -> Vec<u8> {
    let title = title(report, lang);
    let mut layout = Layout::new();
    layout.paragraph(BOLD, 18.0, &title, BLUE);
    layout.y -= 6.0;
    layout.paragraph(REGULAR, 9.5, &made_on(report, lang), GREY);
    layout.paragraph(REGULAR, 9.5, &t(lang, "annual-pdf-events"), GREY);
    for section in &report.sections {
        pdf_section(&mut layout, section, lang);
    }

    let pages = layout.pages.len();
    let footer_left = title.clone();
    let mut pdf = Pdf::new();
    let catalog = Ref::new(1);
    let tree = Ref::new(2);
    let regular = Ref::new(3);
    let bold = Ref::new(4);
    let info = Ref::new(5);
    let first_page = 6;
    let page_ref = |i: usize| Ref::new(first_page + 2 * i32::try_from(i).unwrap_or(0));
    let content_ref = |i: usize| Ref::new(first_page + 2 * i32::try_from(i).unwrap_or(0) + 1);

    pdf.catalog(catalog).pages(tree).lang(TextStr(lang.tag()));
    pdf.pages(tree)
        .kids((0..pages).map(page_ref))
        .count(i32::try_from(pages).unwrap_or(i32::MAX));
    pdf.type1_font(regular)
        .base_font(Name(b"Helvetica"))
        .encoding_predefined(Name(b"WinAnsiEncoding"));
    pdf.type1_font(bold)
        .base_font(Name(b"Helvetica-Bold"))
        .encoding_predefined(Name(b"WinAnsiEncoding"));
    pdf.document_info(info)
        .title(TextStr(&title))
        .producer(TextStr("zorgkluis"));

    for (i, mut content) in layout.pages.into_iter().enumerate() {
        // The footer: the report's title and the page number.
        let number = t!(lang, "annual-page", page = i + 1, pages = pages);
        footer(&mut content, &footer_left, &number);
        let mut page = pdf.page(page_ref(i));
        page.media_box(Rect::new(0.0, 0.0, PAGE_W, PAGE_H))
            .parent(tree)
            .contents(content_ref(i));
        let mut resources = page.resources();
        resources.fonts().pair(REGULAR, regular).pair(BOLD, bold);
        resources.finish();
        page.finish();
        pdf.stream(content_ref(i), &content.finish());
    }
    pdf.finish()
}

fn footer(content: &mut Content, left: &str, number: &str) {
    let size = 8.0;
    let y = 36.0;
    content.set_stroke_rgb(RULE.0, RULE.1, RULE.2);
    content.set_line_width(0.5);
    content.move_to(MARGIN_X, y + 12.0);
    content.line_to(RIGHT, y + 12.0);
    content.stroke();
    content.set_fill_rgb(GREY.0, GREY.1, GREY.2);
    for (s, x) in [
        (left, MARGIN_X),
        (number, RIGHT - text_width(number, false, size)),
    ] {
        let bytes = winansi(s);
        content.begin_text();
        content.set_font(REGULAR, size);
        content.next_line(x, y);
        content.show(Str(&bytes));
        content.end_text();
    }
}

const ROW_SIZE: f32 = 10.0;
const ROW_H: f32 = 17.0;
const VALUE_W: f32 = 60.0;
const BAR_ROW: f32 = 18.0;

fn pdf_section(layout: &mut Layout, section: &Section, lang: Lang) {
    // The heading stays with its table's header and first rows.
    layout.need(26.0 + 22.0 + 3.0 * ROW_H);
    layout.y -= 26.0;
    let y = layout.y;
    layout.text(BOLD, 13.0, MARGIN_X, y, &section.title, BLUE);
    layout.line(MARGIN_X, y - 5.0, RIGHT, y - 5.0, 1.2, BLUE);
    layout.y -= 8.0;

    table_header(layout, lang);
    let label_w = TEXT_W - VALUE_W - 16.0;
    for (i, f) in section.figures.iter().enumerate() {
        let part = section.chart.contains(&f.id);
        let indent = if part { 14.0 } else { 0.0 };
        let lines = wrap(&f.label, false, ROW_SIZE, label_w - indent);
        let h = ROW_H + (lines.len().saturating_sub(1) as f32) * ROW_SIZE * 1.3;
        if layout.y - h < BOTTOM {
            layout.need(h + 22.0);
            table_header(layout, lang);
        }
        let top = layout.y;
        if i % 2 == 1 {
            layout.rect(MARGIN_X, top - h, TEXT_W, h, TINT);
        }
        let mut ty = top - 12.0;
        for line in &lines {
            layout.text(
                REGULAR,
                ROW_SIZE,
                MARGIN_X + 6.0 + indent,
                ty,
                line,
                (0.1, 0.1, 0.1),
            );
            ty -= ROW_SIZE * 1.3;
        }
        let value = f.value.to_string();
        let vx = RIGHT - 6.0 - text_width(&value, false, ROW_SIZE);
        layout.text(REGULAR, ROW_SIZE, vx, top - 12.0, &value, (0.1, 0.1, 0.1));
        layout.line(MARGIN_X, top - h, RIGHT, top - h, 0.4, RULE);
        layout.y = top - h;
    }

    let bars = charted(section);
    if !bars.is_empty() {
        pdf_chart(layout, section, &bars, lang);
    }
}

fn table_header(layout: &mut Layout, lang: Lang) {
    let top = layout.y;
    let h = 18.0;
    layout.rect(MARGIN_X, top - h, TEXT_W, h, TINT);
    let figure = t(lang, "annual-col-figure");
    let count = t(lang, "annual-col-count");
    layout.text(
        BOLD,
        9.5,
        MARGIN_X + 6.0,
        top - 12.5,
        &figure,
        (0.1, 0.1, 0.1),
    );
    let cx = RIGHT - 6.0 - text_width(&count, true, 9.5);
    layout.text(BOLD, 9.5, cx, top - 12.5, &count, (0.1, 0.1, 0.1));
    layout.line(MARGIN_X, top - h, RIGHT, top - h, 0.6, GREY);
    layout.y = top - h;
}

/// The breakdown as horizontal bars: labels right-aligned against the axis, the value after
/// each bar. Kept on one page.
fn pdf_chart(layout: &mut Layout, section: &Section, bars: &[&Figure], lang: Lang) {
    let caption = t!(lang, "annual-chart", section = &section.title);
    let height = 14.0 + 8.0 + bars.len() as f32 * BAR_ROW + 6.0;
    layout.need(height + 10.0);
    layout.y -= 18.0;
    let y = layout.y;
    layout.text(BOLD, 9.5, MARGIN_X, y, &caption, GREY);
    layout.y -= 8.0;

    let axis = MARGIN_X + 190.0;
    let bar_max = RIGHT - axis - 40.0;
    let max = bars.iter().map(|f| f.value).max().unwrap_or(0).max(1) as f32;
    let top = layout.y;
    for (i, f) in bars.iter().enumerate() {
        let row_top = top - i as f32 * BAR_ROW;
        let w = f.value as f32 / max * bar_max;
        layout.rect(axis, row_top - BAR_ROW + 3.0, w, BAR_ROW - 6.0, BLUE);
        let label = fit(&f.label, false, 9.0, axis - MARGIN_X - 8.0);
        let lx = axis - 8.0 - text_width(&label, false, 9.0);
        layout.text(REGULAR, 9.0, lx, row_top - 12.0, &label, (0.1, 0.1, 0.1));
        let value = f.value.to_string();
        layout.text(
            REGULAR,
            9.0,
            axis + w + 5.0,
            row_top - 12.0,
            &value,
            (0.1, 0.1, 0.1),
        );
    }
    let bottom = top - bars.len() as f32 * BAR_ROW;
    layout.line(axis, top, axis, bottom, 0.8, GREY);
    layout.y = bottom - 6.0;
}

/// `s` shortened with "…" until it fits `width`.
fn fit(s: &str, bold: bool, size: f32, width: f32) -> String {
    if text_width(s, bold, size) <= width {
        return s.to_owned();
    }
    let mut chars: Vec<char> = s.chars().collect();
    while !chars.is_empty() {
        chars.pop();
        let mut candidate: String = chars.iter().collect();
        candidate.push('…');
        if text_width(&candidate, bold, size) <= width {
            return candidate;
        }
    }
    String::from("…")
}

/// `s` broken into lines no wider than `width` (at spaces; a word longer than a line stands
/// alone on its line).
fn wrap(s: &str, bold: bool, size: f32, width: f32) -> Vec<String> {
    let mut lines = Vec::new();
    let mut line = String::new();
    for word in s.split(' ').filter(|w| !w.is_empty()) {
        let candidate = if line.is_empty() {
            word.to_owned()
        } else {
            format!("{line} {word}")
        };
        if line.is_empty() || text_width(&candidate, bold, size) <= width {
            line = candidate;
        } else {
            lines.push(std::mem::take(&mut line));
            line = word.to_owned();
        }
    }
    if !line.is_empty() || lines.is_empty() {
        lines.push(line);
    }
    lines
}

/// The width of `s` in points, set in Helvetica (or Helvetica-Bold) at `size`.
fn text_width(s: &str, bold: bool, size: f32) -> f32 {
    let units: u32 = s.chars().map(|c| u32::from(glyph_width(c, bold))).sum();
    units as f32 * size / 1000.0
}

/// Helvetica's advance widths (AFM, 1/1000 em) for the printable ASCII range 32..=126.
const HELVETICA: [u16; 95] = [
    278, 278, 355, 556, 556, 889, 667, 191, 333, 333, 389, 584, 278, 333, 278, 278, // ' '../
    556, 556, 556, 556, 556, 556, 556, 556, 556, 556, 278, 278, 584, 584, 584, 556, // 0..?
    1015, 667, 667, 722, 722, 667, 611, 778, 722, 278, 500, 667, 556, 833, 722, 778, // @..O
    667, 778, 722, 667, 611, 722, 667, 944, 667, 667, 611, 278, 278, 278, 469, 556, // P.._
    333, 556, 556, 500, 556, 556, 278, 556, 556, 222, 222, 500, 222, 833, 556, 556, // `..o
    556, 556, 333, 500, 278, 556, 500, 722, 500, 500, 500, 334, 260, 334, 584, // p..~
];

/// Helvetica-Bold's advance widths for 32..=126.
const HELVETICA_BOLD: [u16; 95] = [
    278, 333, 474, 556, 556, 889, 722, 238, 333, 333, 389, 584, 278, 333, 278, 278, // ' '../
    556, 556, 556, 556, 556, 556, 556, 556, 556, 556, 333, 333, 584, 584, 584, 611, // 0..?
    975, 722, 722, 722, 722, 667, 611, 778, 722, 278, 556, 722, 611, 833, 722, 778, // @..O
    667, 778, 722, 667, 611, 722, 667, 944, 667, 667, 611, 333, 278, 333, 584, 556, // P.._
    333, 556, 611, 556, 611, 556, 333, 611, 611, 278, 278, 556, 278, 889, 611, 611, // `..o
    611, 611, 389, 556, 333, 611, 556, 778, 556, 556, 500, 389, 280, 389, 584, // p..~
];

fn glyph_width(c: char, bold: bool) -> u16 {
    let table = if bold { &HELVETICA_BOLD } else { &HELVETICA };
    let ascii = |b: char| {
        (b as usize)
            .checked_sub(32)
            .and_then(|i| table.get(i))
            .copied()
            .unwrap_or(556)
    };
    match c {
        ' '..='~' => ascii(c),
        // Accented letters are as wide as their base letter, except the i's (the accent is
        // wider than the dotless stem).
        'À'..='Å' => ascii('A'),
        'Ç' => ascii('C'),
        'È'..='Ë' => ascii('E'),
        'Ì'..='Ï' => ascii('I'),
        'Ñ' => ascii('N'),
        'Ò'..='Ö' | 'Ø' => ascii('O'),
        'Ù'..='Ü' => ascii('U'),
        'Ý' => ascii('Y'),
        'à'..='å' => ascii('a'),
        'ç' => ascii('c'),
        'è'..='ë' => ascii('e'),
        'ì'..='ï' => 278,
        'ñ' => ascii('n'),
        'ò'..='ö' | 'ø' => ascii('o'),
        'ù'..='ü' => ascii('u'),
        'ý' | 'ÿ' => ascii('y'),
        'ß' => 611,
        '—' | '…' => 1000,
        '–' | '€' => 556,
        '‘' | '’' => {
            if bold {
                278
            } else {
                222
            }
        }
        '“' | '”' | '„' => {
            if bold {
                500
            } else {
                333
            }
        }
        '•' => 350,
        _ => 556,
    }
}

/// `s` in WinAnsiEncoding (Windows-1252), the encoding of the standard fonts: Latin-1 as it
/// is, the typographic marks of 0x80..0x9F, and "?" for what the encoding cannot hold.
pub fn winansi(s: &str) -> Vec<u8> {
    s.chars()
        .map(|c| {
            let code = u32::from(c);
            match c {
                '€' => 0x80,
                '‚' => 0x82,
                'ƒ' => 0x83,
                '„' => 0x84,
                '…' => 0x85,
                '†' => 0x86,
                '‡' => 0x87,
                'ˆ' => 0x88,
                '‰' => 0x89,
                'Š' => 0x8A,
                '‹' => 0x8B,
                'Œ' => 0x8C,
                'Ž' => 0x8E,
                '‘' => 0x91,
                '’' => 0x92,
                '“' => 0x93,
                '”' => 0x94,
                '•' => 0x95,
                '–' => 0x96,
                '—' => 0x97,
                '˜' => 0x98,
                '™' => 0x99,
                'š' => 0x9A,
                '›' => 0x9B,
                'œ' => 0x9C,
                'ž' => 0x9E,
                'Ÿ' => 0x9F,
                // A no-break space as a space.
                '\u{a0}' => b' ',
                _ if (0x20..0x7F).contains(&code) || (0xA1..=0xFF).contains(&code) => {
                    u8::try_from(code).unwrap_or(b'?')
                }
                _ => b'?',
            }
        })
        .collect()
}
