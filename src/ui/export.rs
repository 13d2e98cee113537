//! What the editor exports: the PDF (the pipeline lives in `io::pdf`), the Word document and the
//! web page, rendered to bytes before anything is written.

use super::settings::Settings;
use crate::io::pdf::{PdfOptions, PdfOutput};
use crate::io::{FileType, docx, html};
use crate::model::Report;

/// Renders the report as PDF using the PDF options the clerk set (font folder, sign-off block).
pub fn export_pdf(report: &Report, settings: &Settings) -> Result<PdfOutput, String> {
    let options = PdfOptions {
        font_dir: settings.font_dir.clone(),
        signoff: settings.signoff,
    };
    crate::io::pdf::export_pdf(report, &options).map_err(|e| e.to_string())
}

/// What an export made: the file's bytes, and what the clerk should be told with the success.
pub struct Rendered {
    /// The file's bytes.
    pub bytes: Vec<u8>,
    /// Said after 已导出 (the fonts a PDF used).
    pub detail: String,
    /// What the clerk should check in the file (characters no font could print).
    pub warnings: Vec<String>,
}

/// Renders the report as a file of `kind` (PDF, Word or web page).
pub fn render(report: &Report, settings: &Settings, kind: FileType) -> Result<Rendered, String> {
    match kind {
        FileType::Docx => {
            let options = docx::DocxOptions {
                signoff: settings.signoff,
            };
            let bytes = docx::export_docx(report, &options).map_err(|e| e.to_string())?;
            Ok(Rendered {
                bytes,
                detail: String::new(),
                warnings: Vec::new(),
            })
        }
        FileType::Html => Ok(Rendered {
            bytes: html::export_html(report).into_bytes(),
            detail: String::new(),
            warnings: Vec::new(),
        }),
        _ => {
            let pdf = export_pdf(report, settings)?;
            Ok(Rendered {
                bytes: pdf.bytes,
                detail: pdf.fonts_used.join("；"),
                warnings: pdf.missing_glyphs.iter().map(|m| m.message()).collect(),
            })
        }
    }
}
