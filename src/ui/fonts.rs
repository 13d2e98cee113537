//! The UI font: the bundled 黑体-style sans (shared with the PDF), the only face of every family,
//! so no Chinese character renders as tofu.
//!
//! egui's own faces (Hack, Ubuntu Light: feature `default_fonts`, 0.67 MB of the exe) are not
//! built in: the sans draws every character they would (ASCII, Latin-1, GB2312's Greek, Cyrillic
//! and pinyin letters, the arrows and symbols of the menus), and the editor has no monospace text.

use std::sync::Arc;

use egui::{FontData, FontDefinitions, FontFamily};

const UI_FONT: &str = "nianbao-sans";

/// Installs the bundled CJK font into `ctx` (unpacked once; egui keeps it for the whole run).
pub fn install(ctx: &egui::Context) {
    let Some(sans) = crate::io::fonts::SANS.whole() else {
        // Only a build that packed the faces wrongly gets here (the packs are tested).
        return;
    };
    ctx.set_fonts(definitions(sans));
}

/// The sans as the face of both families.
fn definitions(sans: &'static [u8]) -> FontDefinitions {
    let mut fonts = FontDefinitions::empty();
    fonts
        .font_data
        .insert(UI_FONT.to_owned(), Arc::new(FontData::from_static(sans)));
    for family in [FontFamily::Proportional, FontFamily::Monospace] {
        fonts.families.insert(family, vec![UI_FONT.to_owned()]);
    }
    fonts
}

#[cfg(test)]
mod tests {
    use super::*;

    /// What egui itself writes in the editor's widgets and the shortcuts the menus show.
    #[test]
    fn the_sans_draws_what_egui_writes() {
        let sans = crate::io::fonts::SANS.whole().unwrap();
        let ctx = egui::Context::default();
        ctx.set_fonts(definitions(sans));
        let mut frame = ctx.run_ui(egui::RawInput::default(), |_| {});
        frame.textures_delta.clear();
        ctx.fonts_mut(|fonts| {
            for family in [FontFamily::Proportional, FontFamily::Monospace] {
                for ch in "Ctrl+Shift+Alt−…↑↓←→✓×αБāé政府信息公开".chars()
                {
                    assert!(
                        fonts.has_glyph(&egui::FontId::new(14.0, family.clone()), ch),
                        "{ch}"
                    );
                }
            }
        });
    }
}
