//! A report rendered as a file to hand on — PDF, Word, web page or JSON — in one place for the
//! command line and the editor. Nothing is written here: the caller checks the output path,
//! writes the bytes atomically and says 已导出 only then.

use std::path::PathBuf;

use super::{FileType, docx, html, json, pdf};
use crate::model::Report;

/// What the clerk chose for an export.
#[derive(Debug, Clone, Default)]
pub struct ExportOptions {
    /// A folder searched first for the official fonts (PDF).
    pub font_dir: Option<PathBuf>,
    /// Add the internal sign-off block (PDF and Word).
    pub signoff: bool,
}

/// An export made in memory.
#[derive(Debug)]
pub struct Rendered {
    /// The file's bytes.
    pub bytes: Vec<u8>,
    /// For a PDF: its page count.
    pub pages: Option<usize>,
    /// For a PDF: which face each role used (“正文：仿宋（…）”).
    pub fonts_used: Vec<String>,
    /// What the clerk must check in the file: characters no font could print, with their place.
    pub warnings: Vec<String>,
}

/// Why an export could not be made. No bytes are handed on then.
#[derive(Debug, thiserror::Error)]
pub enum ExportError {
    /// The PDF could not be made.
    #[error(transparent)]
    Pdf(#[from] pdf::PdfError),
    /// The Word document could not be made.
    #[error(transparent)]
    Word(#[from] docx::DocxWriteError),
    /// The JSON could not be made.
    #[error(transparent)]
    Json(#[from] json::JsonError),
    /// Not a kind of file nianbao exports.
    #[error("不支持导出为{}：请用 .pdf、.docx、.html 或 .json", .0.description())]
    NotExported(FileType),
}

/// The kinds of file a report exports to.
pub const KINDS: [FileType; 4] = [
    FileType::Pdf,
    FileType::Docx,
    FileType::Html,
    FileType::Json,
];

/// Renders `report` as a file of `kind`.
pub fn render(
    report: &Report,
    kind: FileType,
    options: &ExportOptions,
) -> Result<Rendered, ExportError> {
    let plain = |bytes| Rendered {
        bytes,
        pages: None,
        fonts_used: Vec::new(),
        warnings: Vec::new(),
    };
    match kind {
        FileType::Pdf => {
            let out = pdf::export_pdf(
                report,
                &pdf::PdfOptions {
                    font_dir: options.font_dir.clone(),
                    signoff: options.signoff,
                },
            )?;
            Ok(Rendered {
                warnings: out.missing_glyphs.iter().map(|m| m.message()).collect(),
                bytes: out.bytes,
                pages: Some(out.pages),
                fonts_used: out.fonts_used,
            })
        }
        FileType::Docx => {
            let options = docx::DocxOptions {
                signoff: options.signoff,
            };
            Ok(plain(docx::export_docx(report, &options)?))
        }
        FileType::Html => Ok(plain(html::export_html(report).into_bytes())),
        FileType::Json => Ok(plain(json::to_string(report)?.into_bytes())),
        other => Err(ExportError::NotExported(other)),
    }
}
