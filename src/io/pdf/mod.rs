//! The print-ready PDF (GB/T 9704 look, fonts embedded and subset): a pipeline of
//! [`metrics`] (measure) → [`linebreak`] (break lines, 避头尾) → [`paginate`] → [`draw`], with
//! [`compose`] and [`table`] turning the report into measured boxes.

pub mod boxes;
pub mod compose;
pub mod draw;
pub mod linebreak;
pub mod metrics;
pub mod paginate;
pub mod table;
pub mod typeset;

use std::path::PathBuf;

use printpdf::{FontId, PdfDocument, PdfFont, PdfSaveOptions};

use crate::io::fonts::{self, FontRole};
use crate::model::Report;
use metrics::{Face, FontBook};

/// How to export.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct PdfOptions {
    /// A folder to search for the official faces before the Windows font folder.
    pub font_dir: Option<PathBuf>,
    /// Add the internal sign-off block (拟稿人 / 审核人 / 签发人 / 日期).
    pub signoff: bool,
}

/// The exported PDF.
#[derive(Debug, Clone)]
pub struct PdfOutput {
    /// The file's bytes (the same for the same report and fonts, on every system).
    pub bytes: Vec<u8>,
    /// Which face each role used, for the clerk (“正文：仿宋（C:\\Windows\\Fonts\\simfang.ttf）”).
    pub fonts_used: Vec<String>,
    /// Number of pages.
    pub pages: usize,
}

/// Why the PDF could not be made.
#[derive(Debug, thiserror::Error)]
pub enum PdfError {
    /// A bundled font did not parse (a damaged installation).
    #[error(
        "内置字体“{0}”无法读取，PDF 未生成：程序文件可能已损坏，请重新安装 nianbao（报告草稿不受影响）"
    )]
    BundledFont(String),
}

/// Exports `report` as a print-ready PDF.
pub fn export_pdf(report: &Report, options: &PdfOptions) -> Result<PdfOutput, PdfError> {
    let dirs = fonts::font_dirs(options.font_dir.as_deref());
    let mut notes: Vec<(FontRole, String)> = Vec::new();
    let book = FontBook::build(|role| {
        let found = fonts::find_system_font(role, &dirs)?;
        let shown = found.path.display().to_string();
        let face = std::fs::read(&found.path).ok().and_then(|bytes| {
            Face::parse(
                &bytes,
                metrics::system_tag(role),
                format!("{}（{shown}）", found.face),
            )
        });
        if face.is_none() {
            notes.push((role, format!("{shown} 无法读取")));
        }
        face
    })
    .ok_or_else(|| PdfError::BundledFont("Nianbao".into()))?;

    let blocks = compose::compose(&book, report, options.signoff);
    let pages = paginate::paginate(&blocks, compose::TEXT_H);
    let pdf_pages = draw::draw(&book, &blocks, &pages);

    let fonts_used = FontRole::ALL
        .iter()
        .filter_map(|&role| {
            let face = book.primary(role)?;
            let note = notes
                .iter()
                .find(|(r, _)| *r == role)
                .map(|(_, n)| format!("（{n}，已改用内置字体）"))
                .unwrap_or_default();
            Some(format!("{}：{}{note}", role.label(), face.description))
        })
        .collect();

    let page_count = pdf_pages.len();
    let bytes = save(report, &book, pdf_pages);
    Ok(PdfOutput {
        bytes,
        fonts_used,
        pages: page_count,
    })
}

/// Serializes with fixed metadata and a trailer /ID derived from the content, so the same report
/// gives the same bytes on every system and every run.
fn save(report: &Report, book: &FontBook, pages: Vec<printpdf::PdfPage>) -> Vec<u8> {
    let meta = &report.meta;
    let mut doc = PdfDocument::new(meta.title.trim());
    for face in &book.faces {
        doc.resources
            .fonts
            .map
            .insert(FontId(face.tag.clone()), PdfFont::new(face.parsed.clone()));
    }
    let info = &mut doc.metadata.info;
    info.author = if meta.signature_unit.trim().is_empty() {
        meta.agency.clone()
    } else {
        meta.signature_unit.clone()
    };
    info.subject = format!("{}年政府信息公开工作年度报告", meta.year);
    info.creator = "nianbao".into();
    info.producer = "nianbao (printpdf)".into();
    if let Ok(date) = printpdf::OffsetDateTime::from_unix_timestamp(fixed_timestamp(report)) {
        info.creation_date = date;
        info.modification_date = date;
        info.metadata_date = date;
    }
    doc.with_pages(pages);
    let mut warnings = Vec::new();
    let mut lo = doc.to_lopdf_document(&PdfSaveOptions::default(), &mut warnings);
    lo.compress();
    // printpdf draws the /ID from a process-wide counter; replace it with a hash of the content.
    let id = lopdf::Object::String(vec![b'0'; 32], lopdf::StringFormat::Literal);
    lo.trailer
        .set("ID", lopdf::Object::Array(vec![id.clone(), id]));
    let mut bytes = Vec::new();
    if lo.save_to(&mut bytes).is_err() {
        return bytes;
    }
    let digest = fingerprint(&bytes);
    let placeholder = [b'0'; 32];
    if let Some(at) = bytes
        .windows(placeholder.len())
        .rposition(|w| w == placeholder)
        && let Some(slot) = bytes.get_mut(at..at + placeholder.len())
    {
        slot.copy_from_slice(digest.as_bytes());
        // The second copy (the instance id) is the same.
        if let Some(first) = bytes
            .windows(placeholder.len())
            .rposition(|w| w == placeholder)
            && let Some(slot) = bytes.get_mut(first..first + placeholder.len())
        {
            slot.copy_from_slice(digest.as_bytes());
        }
    }
    bytes
}

/// 32 hex digits of two FNV-1a hashes of `bytes`.
fn fingerprint(bytes: &[u8]) -> String {
    let fnv = |seed: u64| {
        bytes.iter().fold(seed, |h, &b| {
            (h ^ u64::from(b)).wrapping_mul(0x0000_0100_0000_01b3)
        })
    };
    let (a, b) = (fnv(0xcbf2_9ce4_8422_2325), fnv(0x6c62_272e_07bb_0142));
    format!("{a:016x}{b:016x}")
}

/// The document's date: the 成文日期 (or 1 January after the report year), 00:00 UTC.
fn fixed_timestamp(report: &Report) -> i64 {
    let (y, m, d) = report
        .meta
        .signature_date
        .map_or((i64::from(report.meta.year) + 1, 1, 1), |d| {
            (i64::from(d.year), i64::from(d.month), i64::from(d.day))
        });
    // Days from 1970-01-01 (Howard Hinnant's days_from_civil).
    let y = if m <= 2 { y - 1 } else { y };
    let era = y.div_euclid(400);
    let yoe = y - era * 400;
    let mp = (m + 9) % 12;
    let doy = (153 * mp + 2) / 5 + d - 1;
    let doe = yoe * 365 + yoe / 4 - yoe / 100 + doy;
    let days = era * 146_097 + doe - 719_468;
    days * 86_400
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_document_date_is_the_signature_date() {
        let report = crate::io::sample().unwrap();
        let d = printpdf::OffsetDateTime::from_unix_timestamp(fixed_timestamp(&report)).unwrap();
        assert_eq!((d.year(), u8::from(d.month()), d.day()), (2026, 1, 20));
    }

    #[test]
    fn the_same_report_gives_the_same_bytes_twice_in_one_process() {
        let report = crate::io::sample().unwrap();
        let a = export_pdf(&report, &PdfOptions::default()).unwrap();
        let b = export_pdf(&report, &PdfOptions::default()).unwrap();
        assert_eq!(a.bytes, b.bytes);
        assert!(
            a.fonts_used.iter().any(|f| f == "正文：内置 Nianbao Serif"),
            "{:?}",
            a.fonts_used
        );
    }
}
