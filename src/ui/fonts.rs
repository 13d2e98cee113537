//! The UI font: the bundled 黑体-style sans (shared with the PDF), installed first in every
//! family so no Chinese character renders as tofu.

use std::sync::Arc;

use egui::{FontData, FontDefinitions, FontFamily};

const UI_FONT: &str = "nianbao-sans";

/// Installs the bundled CJK font into `ctx` (unpacked once; egui keeps it for the whole run).
pub fn install(ctx: &egui::Context) {
    let mut fonts = FontDefinitions::default();
    let Some(sans) = crate::io::fonts::SANS.whole() else {
        // Only a build that packed the faces wrongly gets here (the packs are tested).
        return;
    };
    fonts
        .font_data
        .insert(UI_FONT.to_owned(), Arc::new(FontData::from_static(sans)));
    fonts
        .families
        .entry(FontFamily::Proportional)
        .or_default()
        .insert(0, UI_FONT.to_owned());
    // Keep Latin monospace first for digits, fall back to the CJK face.
    let mono = fonts.families.entry(FontFamily::Monospace).or_default();
    let at = mono.len().min(1);
    mono.insert(at, UI_FONT.to_owned());
    ctx.set_fonts(fonts);
}
