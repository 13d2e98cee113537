//! What the editor exports, rendered by [`crate::io::export`] with the options the clerk set.

use super::settings::Settings;
use crate::io::FileType;
use crate::io::export::{ExportOptions, Rendered, render as render_file};
use crate::model::Report;

/// Renders the report as a file of `kind` (PDF, Word or web page) with the clerk's font folder
/// and sign-off setting.
pub fn render(report: &Report, settings: &Settings, kind: FileType) -> Result<Rendered, String> {
    let options = ExportOptions {
        font_dir: settings.font_dir.clone(),
        signoff: settings.signoff,
    };
    render_file(report, kind, &options).map_err(|e| e.to_string())
}
