//! PDF export from the editor (the PDF pipeline lives in `io::pdf`).

use super::settings::Settings;
use crate::model::Report;

/// Exports the report as PDF bytes, with a description of the fonts used.
pub fn export_pdf(
    _report: &Report,
    _settings: &Settings,
) -> Result<(Vec<u8>, Vec<String>), String> {
    Err("PDF 导出模块尚未合并".to_owned())
}
