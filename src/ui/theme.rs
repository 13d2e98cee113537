//! The editor's colours that carry meaning, in one place: errors red, warnings amber, in the
//! findings list, the parts list, the status bar and the grid's cell tints.

use egui::{Color32, Visuals};

use crate::model::format::Severity;

/// The strong colour of a severity: text in lists, a cell's outline.
pub fn severity_color(severity: Severity) -> Color32 {
    match severity {
        Severity::Error => Color32::from_rgb(200, 30, 30),
        Severity::Warning => Color32::from_rgb(190, 120, 0),
    }
}

/// The tint behind a cell named by a finding of `severity`.
pub fn severity_fill(severity: Severity, visuals: &Visuals) -> Color32 {
    let fill = match severity {
        Severity::Error => Color32::from_rgb(255, 200, 200),
        Severity::Warning => Color32::from_rgb(255, 232, 180),
    };
    if visuals.dark_mode {
        fill.gamma_multiply(0.35)
    } else {
        fill
    }
}

/// Text the clerk typed that is not a number (kept, shown, reported).
pub fn invalid_text() -> Color32 {
    severity_color(Severity::Error)
}
