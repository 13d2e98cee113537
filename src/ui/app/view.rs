//! The 视图 menu's work: theme, zoom, text size, side panels — kept in the settings and applied
//! to egui at the start of every frame.

use egui::TextStyle;

use super::NianbaoApp;
use crate::ui::command::Command;
use crate::ui::settings::{FontSize, Theme, ZOOM_RANGE};

/// One step of 放大 / 缩小.
const ZOOM_STEP: f32 = 0.1;
/// Room kept beside the widest table when fitting it to the window.
const FIT_MARGIN: f32 = 24.0;

/// What was measured last frame for 适应窗口宽度, in points.
#[derive(Debug, Clone, Copy, Default)]
pub(super) struct Fit {
    /// Width of the window.
    pub window: f32,
    /// Width of the middle panel.
    pub panel: f32,
    /// Width of the widest table of the part on screen (0 without tables).
    pub widest: f32,
}

/// The zoom at which `fit.widest` fills the middle panel, from `zoom` now. Zooming scales the
/// side panels too: the window's width in pixels stays, so at zoom z' it is
/// `window · zoom / z'` points, of which the side panels keep `window − panel`.
fn fit_zoom(zoom: f32, fit: Fit) -> Option<f32> {
    let sides = (fit.window - fit.panel).max(0.0);
    (fit.widest > 0.0 && fit.window > 0.0).then(|| {
        let z = zoom * fit.window / (fit.widest + FIT_MARGIN + sides);
        (z * 20.0).floor() / 20.0
    })
}

impl NianbaoApp {
    /// Applies a 视图 command to the settings.
    pub(super) fn view_command(&mut self, command: &Command) {
        let s = &mut self.settings;
        match command {
            Command::ZoomIn => s.zoom += ZOOM_STEP,
            Command::ZoomOut => s.zoom -= ZOOM_STEP,
            Command::ZoomReset => s.zoom = 1.0,
            Command::FitWidth => match fit_zoom(s.zoom, self.fit) {
                Some(z) => s.zoom = z,
                None => self.say("这一部分没有表格"),
            },
            Command::ToggleParts => {
                s.show_parts = !s.show_parts;
                s.panels_chosen = true;
            }
            Command::ToggleFindings => {
                s.show_findings = !s.show_findings;
                s.panels_chosen = true;
            }
            Command::SetTheme(theme) => s.theme = *theme,
            Command::SetFontSize(size) => s.font_size = *size,
            _ => {}
        }
        let s = &mut self.settings;
        s.zoom = ((s.zoom * 20.0).round() / 20.0).clamp(*ZOOM_RANGE.start(), *ZOOM_RANGE.end());
    }

    /// Puts the settings into effect (only what changed).
    pub(super) fn apply_view(&mut self, ctx: &egui::Context) {
        let s = &self.settings;
        let theme = match s.theme {
            Theme::Light => egui::Theme::Light,
            Theme::Dark => egui::Theme::Dark,
        };
        if ctx.options(|o| o.theme_preference) != theme.into() {
            ctx.set_theme(theme);
        }
        let want = (s.theme, s.font_size);
        if self.view_applied != Some(want) {
            let scale = s.font_size.scale();
            ctx.all_styles_mut(|style| {
                // Scrollbars always drawn full width: a clerk must see that a table goes on.
                style.spacing.scroll = egui::style::ScrollStyle::solid();
                style.text_styles = egui::style::default_text_styles()
                    .into_iter()
                    .map(|(text_style, mut font)| {
                        if text_style != TextStyle::Small {
                            font.size *= scale;
                        }
                        (text_style, font)
                    })
                    .collect();
            });
            self.view_applied = Some(want);
        }
        let zoom = s.zoom.clamp(*ZOOM_RANGE.start(), *ZOOM_RANGE.end());
        if (ctx.zoom_factor() - zoom).abs() > f32::EPSILON {
            ctx.set_zoom_factor(zoom);
        }
    }

    /// The label of a 视图 entry that shows a state (a tick, the zoom level).
    pub(super) fn view_state(&self, command: &Command) -> Option<bool> {
        let s = &self.settings;
        match command {
            Command::ToggleParts => Some(s.show_parts),
            Command::ToggleFindings => Some(s.show_findings),
            Command::SetTheme(t) => Some(s.theme == *t),
            Command::SetFontSize(f) => Some(s.font_size == *f),
            _ => None,
        }
    }
}

/// The theme and text-size entries of the 视图 menu, after its commands.
pub(super) fn view_choices() -> impl Iterator<Item = Vec<Command>> {
    [
        Theme::ALL.map(Command::SetTheme).to_vec(),
        FontSize::ALL.map(Command::SetFontSize).to_vec(),
    ]
    .into_iter()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn fit_width_zooms_the_widest_table_into_the_panel() {
        // 1024 points wide, side panels 500: a 1000-point table needs zoom 1024 / 1524.
        let fit = Fit {
            window: 1024.0,
            panel: 524.0,
            widest: 1000.0,
        };
        assert_eq!(fit_zoom(1.0, fit), Some(0.65));
        assert_eq!(fit_zoom(1.0, Fit::default()), None);
    }
}
