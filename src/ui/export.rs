//! PDF export from the editor (the pipeline lives in `io::pdf`).

use super::settings::Settings;
use crate::io::pdf::{PdfOptions, export_pdf as render};
use crate::model::Report;

/// Renders the report as PDF bytes, with a description of the fonts used, using the PDF options
/// the clerk set (font folder, sign-off block).
pub fn export_pdf(report: &Report, settings: &Settings) -> Result<(Vec<u8>, Vec<String>), String> {
    let options = PdfOptions {
        font_dir: settings.font_dir.clone(),
        signoff: settings.signoff,
    };
    render(report, &options)
        .map(|out| (out.bytes, out.fonts_used))
        .map_err(|e| e.to_string())
}
