//! The report as one self-contained web page for the 政府信息公开专栏: UTF-8, the tables with
//! `rowspan`/`colspan` exactly as the official form (from the format's printed grid, like the
//! PDF and the Word document), CSS for screen and print, no script and no external file — what a
//! website editor pastes into the portal's CMS. nianbao's own web-page importer reads it back.

use std::fmt::Write;

use crate::io::page::{Para, paragraphs};
use crate::model::Report;
use crate::model::format::{GridCell, GridContent, PrintedGrid};

/// The page's style sheet, scoped to the report so it can be pasted into another page.
const CSS: &str = r#"
.nianbao-report { max-width: 46em; margin: 2em auto; padding: 0 1em; color: #000;
  font-family: "仿宋_GB2312", "仿宋", FangSong, STFangsong, "Noto Serif CJK SC", serif;
  font-size: 16pt; line-height: 1.8; }
.nianbao-report h1 { font-family: "方正小标宋简体", "小标宋", "华文中宋", STZhongsong, "宋体", SimSun, serif;
  font-size: 22pt; font-weight: normal; line-height: 1.45; text-align: center; margin: 0 0 1em; }
.nianbao-report h2 { font-family: "黑体", SimHei, "Noto Sans CJK SC", sans-serif;
  font-size: 16pt; font-weight: normal; margin: 0; text-indent: 2em; }
.nianbao-report p { margin: 0; text-indent: 2em; text-align: justify; }
.nianbao-report .sub { font-family: "楷体_GB2312", "楷体", KaiTi, STKaiti, serif; }
.nianbao-report .doc-number { text-align: center; text-indent: 0; }
.nianbao-report .signature { text-align: right; text-indent: 0; padding-right: 4em; }
.nianbao-report .signature.unit { margin-top: 1.8em; }
.nianbao-report table { border-collapse: collapse; width: 100%; margin: 0.5em 0;
  font-size: 10.5pt; line-height: 1.3; }
.nianbao-report th, .nianbao-report td { border: 1px solid #000; padding: 3pt 2.5pt;
  text-align: center; vertical-align: middle; font-weight: normal; }
.nianbao-report td.row-label { text-align: left; }
.nianbao-report thead { display: table-header-group; }
.nianbao-report tr { break-inside: avoid; page-break-inside: avoid; }
@media print {
  @page { size: A4; margin: 37mm 26mm 35mm 28mm; }
  .nianbao-report { max-width: none; margin: 0; padding: 0; line-height: 28.95pt; }
  .nianbao-report h2 { break-after: avoid; page-break-after: avoid; }
}
"#;

/// Text escaped for HTML content and attribute values.
fn escape(text: &str) -> String {
    let mut out = String::with_capacity(text.len());
    for c in text.chars() {
        match c {
            '&' => out.push_str("&amp;"),
            '<' => out.push_str("&lt;"),
            '>' => out.push_str("&gt;"),
            '"' => out.push_str("&quot;"),
            c if c.is_control() && c != '\t' => {}
            c => out.push(c),
        }
    }
    out
}

/// Exports `report` as a web page.
pub fn export_html(report: &Report) -> String {
    let meta = &report.meta;
    let title = meta.printed_title();
    let mut out = String::with_capacity(64 * 1024);
    let _ = write!(
        out,
        "<!DOCTYPE html>\n<html lang=\"zh-CN\">\n<head>\n<meta charset=\"utf-8\">\n<meta name=\"viewport\" content=\"width=device-width, initial-scale=1\">\n<meta name=\"generator\" content=\"nianbao\">\n<title>{}</title>\n<style>{CSS}</style>\n</head>\n<body>\n<article class=\"nianbao-report\">\n",
        escape(&title)
    );
    if !meta.doc_number.trim().is_empty() {
        let _ = writeln!(
            out,
            "<p class=\"doc-number\">{}</p>",
            escape(meta.doc_number.trim())
        );
    }
    let _ = writeln!(out, "<h1>{}</h1>", escape(&title));
    prose(&mut out, &meta.preamble);
    let resolved = report.resolve();
    let text = |c: &GridCell| c.text(&resolved);
    for section in &report.format.sections {
        let _ = writeln!(
            out,
            "<h2>{}</h2>",
            escape(&report.format.section_heading(section))
        );
        prose(&mut out, report.prose(&section.id));
        for table in section
            .tables
            .iter()
            .filter_map(|id| report.format.table(id))
        {
            write_table(&mut out, &report.format.printed_grid(table), &text);
        }
    }
    let unit = meta.signature_unit.trim();
    if !unit.is_empty() {
        let _ = writeln!(out, "<p class=\"signature unit\">{}</p>", escape(unit));
    }
    if let Some(date) = meta.signature_date {
        let _ = writeln!(out, "<p class=\"signature date\">{date}</p>");
    }
    out.push_str("</article>\n</body>\n</html>\n");
    out
}

fn prose(out: &mut String, text: &str) {
    for para in paragraphs(text) {
        match para {
            Para::Body(t) => {
                let _ = writeln!(out, "<p>{}</p>", escape(&t));
            }
            Para::SubHeading(head, rest) => {
                let _ = writeln!(
                    out,
                    "<p><span class=\"sub\">{}</span>{}</p>",
                    escape(&head),
                    escape(&rest)
                );
            }
        }
    }
}

/// A table as printed: header rows in `<thead>` (repeated on every printed page), each grid
/// cell once with its spans.
fn write_table(out: &mut String, grid: &PrintedGrid, text: &dyn Fn(&GridCell) -> String) {
    out.push_str("<table>\n");
    for r in 0..grid.rows {
        if r == 0 && grid.header_rows > 0 {
            out.push_str("<thead>\n");
        }
        if r == grid.header_rows {
            out.push_str("<tbody>\n");
        }
        out.push_str("<tr>");
        for c in grid.row_cells(r) {
            let tag = if c.header { "th" } else { "td" };
            let _ = write!(out, "<{tag}");
            if c.row_span > 1 {
                let _ = write!(out, " rowspan=\"{}\"", c.row_span);
            }
            if c.col_span > 1 {
                let _ = write!(out, " colspan=\"{}\"", c.col_span);
            }
            let row_label = matches!(c.content, GridContent::Label(_))
                && !c.header
                && c.row_span == 1
                && c.col + c.col_span >= grid.label_columns;
            if row_label {
                out.push_str(" class=\"row-label\"");
            }
            let _ = write!(out, ">{}</{tag}>", escape(&text(c)));
        }
        out.push_str("</tr>\n");
        if r + 1 == grid.header_rows {
            out.push_str("</thead>\n");
        }
    }
    if grid.rows > grid.header_rows {
        out.push_str("</tbody>\n");
    }
    out.push_str("</table>\n");
}
