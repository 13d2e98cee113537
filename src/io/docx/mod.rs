//! The report as a Word document a clerk can submit, seal and edit: A4 with the GB/T 9704
//! margins and 28 × 22 character grid, 方正小标宋简体 title, 黑体/楷体 headings, 仿宋_GB2312 body at a
//! fixed line pitch with a two-character first-line indent, every table a real Word table with
//! the official merged headers (from the format's printed grid, like the PDF), page numbers
//! "— 1 —" as a PAGE field (odd pages right, even left), the 落款 right-aligned and the
//! optional sign-off block. Everything is editable text.
//!
//! Written by hand with `zip`: `docx-rs` 0.4 has no `w:tblHeader` (repeated header rows) and a
//! fixed font table (no `w:altName` fallbacks), and rewriting its output would be more code than
//! these few parts. The bytes are the same for the same report on every system.

mod parts;
mod table;
mod xml;

use std::fmt::Write as _;
use std::io::Write as _;

use crate::io::page::{
    BODY, LEFT, MM, PAGE_H, PAGE_W, PITCH, Para, TEXT_H, TEXT_W, TOP, paragraphs,
    shared_label_width,
};
use crate::model::Report;
use crate::model::format::{GridCell, PrintedGrid};
use xml::{RunStyle, paragraph, run};

/// Body size in half-points: 三号, 16 pt.
const BODY_HALF_POINTS: u32 = 32;
/// The fixed line pitch (22 lines in the 225 mm text block), in twips.
#[allow(clippy::cast_possible_truncation)]
const LINE_TWIPS: u32 = (PITCH * 20.0) as u32;

/// How to export.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq)]
pub struct DocxOptions {
    /// Add the internal sign-off block (拟稿人 / 审核人 / 签发人 / 日期).
    pub signoff: bool,
}

/// Why the document could not be written.
#[derive(Debug, thiserror::Error)]
pub enum DocxWriteError {
    /// Packing the parts failed (in memory: only on a broken installation or no memory).
    #[error("Word 文档生成失败（{0}），没有写入文件；报告草稿不受影响，请重试")]
    Pack(String),
}

/// Twips from points.
#[allow(clippy::cast_possible_truncation)]
fn twips(points: f32) -> i64 {
    (points * 20.0).round() as i64
}

/// Exports `report` as a `.docx`.
pub fn export_docx(report: &Report, options: &DocxOptions) -> Result<Vec<u8>, DocxWriteError> {
    let document = document(report, options);
    let date = date_of(report);
    let files: [(&str, String); 10] = [
        ("[Content_Types].xml", parts::CONTENT_TYPES.to_owned()),
        ("_rels/.rels", parts::PACKAGE_RELS.to_owned()),
        ("docProps/core.xml", parts::core(report, &date)),
        ("docProps/app.xml", parts::APP.to_owned()),
        (
            "word/_rels/document.xml.rels",
            parts::DOCUMENT_RELS.to_owned(),
        ),
        ("word/document.xml", document),
        ("word/styles.xml", parts::styles()),
        ("word/settings.xml", parts::SETTINGS.to_owned()),
        ("word/fontTable.xml", parts::font_table()),
        ("word/footer1.xml", parts::footer(true)),
    ];
    let even = ("word/footer2.xml", parts::footer(false));
    let mut zip = zip::ZipWriter::new(std::io::Cursor::new(Vec::new()));
    let options = zip::write::SimpleFileOptions::default()
        .compression_method(zip::CompressionMethod::Deflated)
        .last_modified_time(zip::DateTime::default());
    let pack = |e: &dyn std::fmt::Display| DocxWriteError::Pack(e.to_string());
    for (name, text) in files.iter().chain(std::iter::once(&even)) {
        zip.start_file(*name, options).map_err(|e| pack(&e))?;
        zip.write_all(text.as_bytes()).map_err(|e| pack(&e))?;
    }
    Ok(zip.finish().map_err(|e| pack(&e))?.into_inner())
}

/// The document's date for its properties: the 成文日期, else 1 January after the report year.
fn date_of(report: &Report) -> String {
    let (y, m, d) = report
        .meta
        .signature_date
        .map_or((report.meta.year.saturating_add(1), 1, 1), |d| {
            (d.year, d.month, d.day)
        });
    format!("{y:04}-{m:02}-{d:02}T00:00:00Z")
}

/// `word/document.xml`.
fn document(report: &Report, options: &DocxOptions) -> String {
    let mut out = String::with_capacity(256 * 1024);
    out.push_str(r#"<?xml version="1.0" encoding="UTF-8" standalone="yes"?>
<w:document xmlns:w="http://schemas.openxmlformats.org/wordprocessingml/2006/main" xmlns:r="http://schemas.openxmlformats.org/officeDocument/2006/relationships"><w:body>"#);
    let meta = &report.meta;
    if !meta.doc_number.trim().is_empty() {
        paragraph(&mut out, "Normal", r#"<w:jc w:val="center"/>"#, |o| {
            run(o, meta.doc_number.trim(), RunStyle::default());
        });
        empty_line(&mut out);
    }
    let title = meta.printed_title();
    let title = balanced_title(&title, meta.agency.trim());
    paragraph(&mut out, "Title", "", |o| {
        run(o, &title, RunStyle::default())
    });
    empty_line(&mut out);
    for para in paragraphs(&meta.preamble) {
        prose(&mut out, &para);
    }
    let resolved = report.resolve();
    let value_text = |c: &GridCell| c.text(&resolved);
    for section in &report.format.sections {
        let heading = report.format.section_heading(section);
        paragraph(&mut out, "Heading1", "", |o| {
            run(o, &heading, RunStyle::default());
        });
        for para in paragraphs(report.prose(&section.id)) {
            prose(&mut out, &para);
        }
        let grids: Vec<PrintedGrid> = section
            .tables
            .iter()
            .filter_map(|id| report.format.table(id))
            .map(|t| report.format.printed_grid(t))
            .collect();
        if !grids.is_empty() {
            let label_width = shared_label_width(&grids);
            for (i, grid) in grids.iter().enumerate() {
                if i > 0 {
                    // A hairline paragraph keeps the sub-tables of 二 apart: adjacent tables
                    // merge into one in Word and LibreOffice, and the first one's header would
                    // then repeat over the others on a new page.
                    paragraph(
                        &mut out,
                        "Normal",
                        r#"<w:snapToGrid w:val="0"/><w:spacing w:line="20" w:lineRule="exact"/><w:rPr><w:sz w:val="2"/></w:rPr>"#,
                        |_| {},
                    );
                }
                table::write(&mut out, grid, label_width, &value_text);
            }
            // Half a line under the tables, as in the PDF.
            let half = LINE_TWIPS / 2;
            paragraph(
                &mut out,
                "Normal",
                &format!(r#"<w:spacing w:line="{half}" w:lineRule="exact"/>"#),
                |_| {},
            );
        }
    }
    signature(&mut out, report);
    if options.signoff {
        empty_line(&mut out);
        table::signoff(&mut out);
        // Word expects a paragraph after a table at the end of the body.
        empty_line(&mut out);
    }
    section_properties(&mut out);
    out.push_str("</w:body></w:document>");
    out
}

/// A title too long for one line (20 characters of 二号 in the text block) breaks after the
/// agency when the rest fits a line, as official documents print it; otherwise Word breaks it.
fn balanced_title(title: &str, agency: &str) -> String {
    let per_line = TEXT_W / 22.0;
    match title.strip_prefix(agency) {
        Some(rest) if !agency.is_empty() && ems(title) > per_line && ems(rest) <= per_line => {
            format!("{agency}\n{rest}")
        }
        _ => title.to_owned(),
    }
}

fn empty_line(out: &mut String) {
    paragraph(out, "Normal", "", |_| {});
}

/// A paragraph of prose: body text, or a "（一）" sub-heading in 楷体 with its text after it.
fn prose(out: &mut String, para: &Para) {
    match para {
        Para::Body(text) => paragraph(out, "BodyIndent", "", |o| {
            run(o, text, RunStyle::default());
        }),
        Para::SubHeading(head, rest) => {
            let keep = if rest.is_empty() { "<w:keepNext/>" } else { "" };
            paragraph(out, "BodyIndent", keep, |o| {
                run(
                    o,
                    head,
                    RunStyle {
                        face: Some(parts::SUB_HEADING_FACE),
                        ..RunStyle::default()
                    },
                );
                run(o, rest, RunStyle::default());
            });
        }
    }
}

/// Width of a line of body text in ems (CJK one, ASCII half).
#[allow(clippy::cast_precision_loss)]
fn ems(text: &str) -> f32 {
    text.chars()
        .map(|c| if c.is_ascii() { 0.5 } else { 1.0 })
        .sum()
}

/// 落款 (GB/T 9704 §7.3.5.1, as the PDF): a blank line, the unit centred over the date, the
/// date right-aligned four characters in from the right edge.
fn signature(out: &mut String, report: &Report) {
    let meta = &report.meta;
    let unit = meta.signature_unit.trim();
    let date = meta
        .signature_date
        .map(|d| d.to_string())
        .unwrap_or_default();
    if unit.is_empty() && date.is_empty() {
        return;
    }
    empty_line(out);
    let right = 4.0 * BODY;
    let date_w = if date.is_empty() { 8.0 } else { ems(&date) };
    let unit_right = (right + (date_w - ems(unit)) / 2.0 * BODY).max(0.0);
    for (text, indent) in [(unit, unit_right), (date.as_str(), right)] {
        if text.is_empty() {
            continue;
        }
        let props = format!(
            r#"<w:keepNext/><w:ind w:right="{}"/><w:jc w:val="right"/>"#,
            twips(indent)
        );
        paragraph(out, "Normal", &props, |o| run(o, text, RunStyle::default()));
    }
}

/// A4, GB/T 9704 margins (天头 37 mm, 订口 28 mm, 版心 156 × 225 mm), the 28 × 22 grid, odd and
/// even page-number footers.
fn section_properties(out: &mut String) {
    let right = PAGE_W - LEFT - TEXT_W;
    let bottom = PAGE_H - TOP - TEXT_H;
    let _ = write!(
        out,
        r#"<w:sectPr><w:footerReference w:type="default" r:id="rIdOdd"/><w:footerReference w:type="even" r:id="rIdEven"/><w:pgSz w:w="{}" w:h="{}"/><w:pgMar w:top="{}" w:right="{}" w:bottom="{}" w:left="{}" w:header="851" w:footer="{}" w:gutter="0"/><w:cols w:space="425"/><w:docGrid w:type="lines" w:linePitch="{LINE_TWIPS}"/></w:sectPr>"#,
        twips(PAGE_W),
        twips(PAGE_H),
        twips(TOP),
        twips(right),
        twips(bottom),
        twips(LEFT),
        // The number's line 7 mm under the text block (GB/T 9704 §7.5): its foot about 24 mm
        // above the page edge.
        twips(24.0 * MM),
    );
}

#[cfg(test)]
mod tests;
