//! The print-ready PDF (GB/T 9704 look, fonts embedded and subset): a pipeline of
//! [`metrics`] (measure) → [`linebreak`] (break lines, 避头尾) → [`paginate`] → [`draw`], with
//! [`compose`] and [`table`] turning the report into measured boxes.

mod boxes;
mod compose;
mod draw;
mod glyphs;
mod linebreak;
mod metrics;
pub(crate) mod pack;
mod paginate;
mod sfnt;
mod table;
mod typeset;
mod values;

use std::collections::{BTreeMap, BTreeSet};
use std::path::PathBuf;

use printpdf::{FontId, Op, PdfDocument, PdfFont, PdfFontHandle, PdfSaveOptions, TextItem};

use crate::io::fonts::{self, FontRole};
use crate::model::Report;
pub use glyphs::{MissingGlyphs, TextPlace};
use metrics::{Face, FontBook};
pub use values::{BLANKS_ON_PAPER, printed_values};

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
    /// Characters no available face draws (printed as empty boxes), by place: to be shown to the
    /// clerk before the PDF is used.
    pub missing_glyphs: Vec<MissingGlyphs>,
}

/// Why the PDF could not be made. Whatever the cause, no PDF bytes are handed on: a caller never
/// writes a short or broken file.
#[derive(Debug, thiserror::Error)]
pub enum PdfError {
    /// A bundled font did not parse (a damaged installation).
    #[error(
        "内置字体“{0}”无法读取，PDF 未生成：程序文件可能已损坏，请重新安装 nianbao（报告草稿不受影响）"
    )]
    BundledFont(String),
    /// A face could not be embedded (the PDF would print blanks or be refused by readers).
    #[error(
        "字体“{face}”无法嵌入 PDF，PDF 未生成（{detail}）：请在“PDF 字体文件夹”中换一个文件夹或清空设置以改用内置字体（报告草稿不受影响）"
    )]
    FontNotEmbedded {
        /// The face as described to the clerk.
        face: String,
        /// What the PDF writer said.
        detail: String,
    },
    /// Serializing the document failed, or what came out is not a whole PDF.
    #[error(
        "PDF 生成失败，没有写出文件（{0}）：报告草稿不受影响，请再导出一次；如仍失败，请把这条消息告诉技术支持"
    )]
    Write(String),
}

/// Exports `report` as a print-ready PDF.
pub fn export_pdf(report: &Report, options: &PdfOptions) -> Result<PdfOutput, PdfError> {
    let (book, fonts_used) = font_book(report, options)?;
    let missing_glyphs = glyphs::missing_glyphs(&book, report);
    let blocks = compose::compose(&book, report, options.signoff);
    let pages = paginate::paginate(&blocks, crate::io::page::TEXT_H);
    let pdf_pages = draw::draw(&book, &blocks, &pages);
    let page_count = pdf_pages.len();
    let bytes = save(report, &book, pdf_pages)?;
    Ok(PdfOutput {
        bytes,
        fonts_used,
        pages: page_count,
        missing_glyphs,
    })
}

/// The characters of `report` the PDF could not draw with the faces `options` gives (the same
/// answer as [`PdfOutput::missing_glyphs`], without making the PDF): for the editor to warn
/// before printing.
pub fn missing_glyphs(
    report: &Report,
    options: &PdfOptions,
) -> Result<Vec<MissingGlyphs>, PdfError> {
    let (book, _) = font_book(report, options)?;
    let missing = glyphs::missing_glyphs(&book, report);
    refuse_damaged(&book)?;
    Ok(missing)
}

/// [`PdfError::BundledFont`] if a bundled face was needed and could not be read (a damaged
/// installation): the faces are read only when needed, so this is known only after use.
fn refuse_damaged(book: &FontBook) -> Result<(), PdfError> {
    match book.damaged() {
        Some(face) => Err(PdfError::BundledFont(
            face.description.trim_start_matches("内置 ").to_owned(),
        )),
        None => Ok(()),
    }
}

/// The faces for `report`: the official ones found, the bundled ones, and the system's
/// fallback faces for characters none of those has; with what the clerk is told about them.
fn font_book(report: &Report, options: &PdfOptions) -> Result<(FontBook, Vec<String>), PdfError> {
    let dirs = fonts::font_dirs(options.font_dir.as_deref());
    let mut notes: Vec<(FontRole, String)> = Vec::new();
    let mut book = FontBook::build(|role| {
        let found = fonts::find_system_font(role, &dirs)?;
        let shown = found.path.display().to_string();
        let face = std::fs::read(&found.path).ok().and_then(|bytes| {
            Face::parse(
                bytes,
                metrics::system_tag(role),
                format!("{}（{shown}）", found.face),
            )
        });
        if face.is_none() {
            notes.push((role, format!("{shown} 无法读取")));
        }
        face
    });
    let mut fonts_used: Vec<String> = FontRole::ALL
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
    fonts_used.extend(glyphs::add_fallbacks(&mut book, report, &dirs));
    Ok((book, fonts_used))
}

/// Serializes with fixed metadata and a trailer /ID derived from the content, so the same report
/// gives the same bytes on every system and every run. Any failure is an error, never a short
/// file.
fn save(
    report: &Report,
    book: &FontBook,
    pages: Vec<printpdf::PdfPage>,
) -> Result<Vec<u8>, PdfError> {
    let meta = &report.meta;
    let mut doc = PdfDocument::new(meta.title.trim());
    refuse_damaged(book)?;
    let drawn = drawn_chars(&pages);
    // A face never read drew nothing (the 楷体 of a report without 二级标题).
    for face in book.faces.iter().filter(|f| f.is_read()) {
        let chars = drawn.get(face.tag.as_str()).cloned().unwrap_or_default();
        let parsed = face
            .embedded(&chars)
            .ok_or_else(|| PdfError::FontNotEmbedded {
                face: face.description.clone(),
                detail: "字体文件无法读取".into(),
            })?;
        doc.resources
            .fonts
            .map
            .insert(FontId(face.tag.clone()), PdfFont::new(parsed));
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
    if let Some(fatal) = warnings.iter().find(|w| is_fatal(w)) {
        let face = book
            .faces
            .iter()
            .find(|f| fatal.msg.contains(f.tag.as_str()))
            .map_or_else(|| "?".to_owned(), |f| f.description.clone());
        return Err(PdfError::FontNotEmbedded {
            face,
            detail: fatal.msg.clone(),
        });
    }
    compress_streams(&mut lo);
    // printpdf draws the /ID from a process-wide counter; replace it with a hash of the content.
    let id = lopdf::Object::String(ID_PLACEHOLDER.to_vec(), lopdf::StringFormat::Literal);
    lo.trailer
        .set("ID", lopdf::Object::Array(vec![id.clone(), id]));
    let mut bytes = Vec::new();
    write_document(&mut lo, &mut bytes)?;
    stamp_id(&mut bytes);
    check_complete(&bytes, lo.get_pages().len())?;
    Ok(bytes)
}

/// Deflates every stream that may be and is not yet, as lopdf's `compress` does but at zlib's
/// default level: its best level took a sixth of the export for a file under 1 % smaller (the
/// 2020 fixture: 112,384 B at best, 113,231 B at the default; the pages are the same). A stream
/// that would not shrink is left as it is.
fn compress_streams(doc: &mut lopdf::Document) {
    use std::io::Write;
    for object in doc.objects.values_mut() {
        let lopdf::Object::Stream(stream) = object else {
            continue;
        };
        if !stream.allows_compression || stream.dict.has(b"Filter") {
            continue;
        }
        let mut encoder =
            flate2::write::ZlibEncoder::new(Vec::new(), flate2::Compression::default());
        let Ok(compressed) = encoder
            .write_all(&stream.content)
            .and_then(|()| encoder.finish())
        else {
            continue;
        };
        if compressed.len() + 19 < stream.content.len() {
            stream.dict.set("Filter", "FlateDecode");
            stream.set_content(compressed);
        }
    }
}

/// The characters each face (by tag) draws on `pages`: what its embedded copy must hold.
fn drawn_chars(pages: &[printpdf::PdfPage]) -> BTreeMap<&str, BTreeSet<char>> {
    let mut drawn: BTreeMap<&str, BTreeSet<char>> = BTreeMap::new();
    for page in pages {
        let mut font: Option<&str> = None;
        for op in &page.ops {
            match op {
                Op::SetFont {
                    font: PdfFontHandle::External(id),
                    ..
                } => font = Some(id.0.as_str()),
                Op::ShowText { items } => {
                    let Some(tag) = font else { continue };
                    let set = drawn.entry(tag).or_default();
                    for item in items {
                        if let TextItem::Text(text) = item {
                            set.extend(text.chars());
                        }
                    }
                }
                _ => {}
            }
        }
    }
    drawn
}

/// What the trailer /ID holds until the content's fingerprint replaces it.
const ID_PLACEHOLDER: [u8; 32] = [b'0'; 32];

/// Whether a warning of the PDF writer means the file would be wrong. A face that could not be
/// subset is embedded whole (a larger file, printed right), so that one is not.
fn is_fatal(w: &printpdf::PdfWarnMsg) -> bool {
    w.severity == printpdf::PdfParseErrorSeverity::Error && !w.msg.contains("subset")
}

/// Writes `doc` to `out`; an I/O error is an error, whatever was written before it.
fn write_document(
    doc: &mut lopdf::Document,
    out: &mut impl std::io::Write,
) -> Result<(), PdfError> {
    doc.save_to(out).map_err(|e| PdfError::Write(e.to_string()))
}

/// Replaces both copies of the placeholder /ID by the fingerprint of the bytes.
fn stamp_id(bytes: &mut [u8]) {
    let digest = fingerprint(bytes);
    for _ in 0..2 {
        if let Some(at) = bytes
            .windows(ID_PLACEHOLDER.len())
            .rposition(|w| w == ID_PLACEHOLDER)
            && let Some(slot) = bytes.get_mut(at..at + ID_PLACEHOLDER.len())
        {
            slot.copy_from_slice(digest.as_bytes());
        }
    }
}

/// Refuses bytes that are not a whole PDF: the header, a trailer and the end-of-file mark, and
/// at least one page.
fn check_complete(bytes: &[u8], pages: usize) -> Result<(), PdfError> {
    let tail = bytes.get(bytes.len().saturating_sub(64)..).unwrap_or(&[]);
    let ends = tail.windows(b"%%EOF".len()).any(|w| w == b"%%EOF");
    if !bytes.starts_with(b"%PDF-") || !ends {
        return Err(PdfError::Write(format!(
            "输出不完整，只有 {} 字节",
            bytes.len()
        )));
    }
    if pages == 0 {
        return Err(PdfError::Write("文档没有页面".into()));
    }
    Ok(())
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

    /// A writer that takes `room` bytes and then fails, as a full disk or a broken pipe does.
    struct FailingWriter {
        room: usize,
        taken: Vec<u8>,
    }

    impl std::io::Write for FailingWriter {
        fn write(&mut self, buf: &[u8]) -> std::io::Result<usize> {
            if self.taken.len() + buf.len() > self.room {
                return Err(std::io::Error::other("no space left"));
            }
            self.taken.extend_from_slice(buf);
            Ok(buf.len())
        }

        fn flush(&mut self) -> std::io::Result<()> {
            Ok(())
        }
    }

    #[test]
    fn a_write_that_fails_half_way_is_an_error_not_a_short_pdf() {
        let mut doc = lopdf::Document::with_version("1.7");
        let page = doc.new_object_id();
        doc.objects.insert(page, lopdf::Object::Null);
        let mut out = FailingWriter {
            room: 20,
            taken: Vec::new(),
        };
        let err = write_document(&mut doc, &mut out).unwrap_err();
        assert!(err.to_string().contains("PDF 生成失败"), "{err}");
        assert!(err.to_string().contains("no space left"), "{err}");
    }

    #[test]
    fn a_damaged_bundled_face_that_was_needed_gives_no_pdf() {
        static DAMAGED: fonts::Bundled = fonts::Bundled::new(b"NBPK and nothing more");
        let report = crate::io::sample().unwrap();
        let mut book = FontBook::bundled();
        book.add_fallback(Face::bundled(&DAMAGED, "NBFBAA", "内置 损坏".into()));
        let blocks = compose::compose(&book, &report, false);
        let pages = paginate::paginate(&blocks, crate::io::page::TEXT_H);
        let drawn = draw::draw(&book, &blocks, &pages);
        assert!(save(&report, &book, drawn.clone()).is_ok(), "not needed");
        assert!(!book.covers('𠀀'));
        let err = save(&report, &book, drawn).unwrap_err();
        assert!(
            matches!(&err, PdfError::BundledFont(name) if name == "损坏"),
            "{err}"
        );
        assert!(matches!(
            refuse_damaged(&book),
            Err(PdfError::BundledFont(_))
        ));
    }

    #[test]
    fn bytes_that_are_not_a_whole_pdf_are_refused() {
        let report = crate::io::sample().unwrap();
        let whole = export_pdf(&report, &PdfOptions::default()).unwrap().bytes;
        assert!(check_complete(&whole, 1).is_ok());
        let half = &whole[..whole.len() / 2];
        let err = check_complete(half, 1).unwrap_err();
        assert!(err.to_string().contains("输出不完整"), "{err}");
        assert!(check_complete(&whole, 0).is_err(), "no page");
        assert!(check_complete(b"", 1).is_err());
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
