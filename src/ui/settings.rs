//! What the app remembers between runs (recent files, PDF options, the view: theme, zoom, font
//! size, side panels), stored with eframe persistence (`%APPDATA%\nianbao` on Windows).

use std::path::{Path, PathBuf};

use serde::{Deserialize, Serialize};

/// How many recent files are kept.
const MAX_RECENT: usize = 10;

/// Zoom factors the clerk can step through (Ctrl+= / Ctrl+-).
pub const ZOOM_RANGE: std::ops::RangeInclusive<f32> = 0.5..=3.0;

/// Colours of the window.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default, Serialize, Deserialize)]
pub enum Theme {
    /// Dark text on white, like Word and WPS (the default).
    #[default]
    Light,
    /// Light text on dark grey.
    Dark,
}

impl Theme {
    /// Every choice, as the 视图 menu lists them.
    pub const ALL: [Theme; 2] = [Theme::Light, Theme::Dark];

    /// The menu label.
    pub fn label(self) -> &'static str {
        match self {
            Theme::Light => "浅色",
            Theme::Dark => "深色",
        }
    }
}

/// Size of the text of the whole window (the grid follows).
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default, Serialize, Deserialize)]
pub enum FontSize {
    /// egui's own size (13 points for body text).
    #[default]
    Standard,
    /// 15 points.
    Larger,
    /// 17 points.
    Large,
}

impl FontSize {
    /// Every choice, as the 视图 menu lists them.
    pub const ALL: [FontSize; 3] = [FontSize::Standard, FontSize::Larger, FontSize::Large];

    /// The menu label.
    pub fn label(self) -> &'static str {
        match self {
            FontSize::Standard => "标准字号",
            FontSize::Larger => "较大字号",
            FontSize::Large => "大字号",
        }
    }

    /// How much larger than egui's own sizes.
    pub fn scale(self) -> f32 {
        match self {
            FontSize::Standard => 1.0,
            FontSize::Larger => 15.0 / 13.0,
            FontSize::Large => 17.0 / 13.0,
        }
    }
}

/// Persisted settings. `serde(default)` so adding a field never breaks an old settings file.
#[derive(Debug, Clone, Serialize, Deserialize)]
#[serde(default)]
pub struct Settings {
    /// Recently opened or saved files, newest first.
    pub recent: Vec<PathBuf>,
    /// Extra folder searched for the official fonts (仿宋、黑体、楷体、小标宋).
    pub font_dir: Option<PathBuf>,
    /// Whether the PDF gets the internal sign-off block.
    pub signoff: bool,
    /// Light or dark.
    pub theme: Theme,
    /// Zoom factor of the whole window (1 = actual size).
    pub zoom: f32,
    /// Text size.
    pub font_size: FontSize,
    /// Whether the parts list on the left is shown.
    pub show_parts: bool,
    /// Whether 问题清单 on the right is shown.
    pub show_findings: bool,
    /// Whether the clerk has folded or shown a side panel: from then on the two settings above
    /// hold; until then each start decides by the window's width (see [`Self::fit_panels`]).
    pub panels_chosen: bool,
}

impl Default for Settings {
    fn default() -> Self {
        Settings {
            recent: Vec::new(),
            font_dir: None,
            signoff: false,
            theme: Theme::default(),
            zoom: 1.0,
            font_size: FontSize::default(),
            show_parts: true,
            show_findings: true,
            panels_chosen: false,
        }
    }
}

/// Below this window width (in points) the side panels start folded, unless the clerk chose.
pub const NARROW_WINDOW: f32 = 1200.0;

impl Settings {
    /// At start, in a window `width` points wide: where the clerk never chose, both side panels
    /// fold away in a narrow window (at 1024 they would take half of it) and show in a wide one.
    pub fn fit_panels(&mut self, width: f32) {
        if !self.panels_chosen {
            let wide = width >= NARROW_WINDOW;
            self.show_parts = wide;
            self.show_findings = wide;
        }
    }

    /// Puts `path` at the front of the recent list.
    pub fn add_recent(&mut self, path: &Path) {
        // The full path: the list says where each file is, and opens it from any folder.
        let path = std::path::absolute(path).unwrap_or_else(|_| path.to_owned());
        self.recent.retain(|p| *p != path);
        self.recent.insert(0, path);
        self.recent.truncate(MAX_RECENT);
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn recent_files_are_unique_newest_first_and_capped() {
        let mut s = Settings::default();
        for i in 0..12 {
            s.add_recent(Path::new(&format!("{i}.ron")));
        }
        s.add_recent(Path::new("5.ron"));
        assert_eq!(s.recent.len(), MAX_RECENT);
        let five = std::path::absolute("5.ron").unwrap();
        assert_eq!(s.recent[0], five);
        assert!(s.recent[0].is_absolute());
        assert_eq!(s.recent.iter().filter(|p| **p == five).count(), 1);
    }

    #[test]
    fn side_panels_fold_in_a_narrow_window_unless_the_clerk_chose() {
        let mut s = Settings::default();
        s.fit_panels(1024.0);
        assert!(!s.show_parts && !s.show_findings);
        s.fit_panels(1366.0);
        assert!(s.show_parts && s.show_findings);
        s.panels_chosen = true;
        s.show_findings = false;
        s.fit_panels(1920.0);
        assert!(s.show_parts && !s.show_findings, "the clerk's choice holds");
        s.show_parts = true;
        s.show_findings = true;
        s.fit_panels(800.0);
        assert!(s.show_parts && s.show_findings, "also in a narrow window");
    }

    #[test]
    fn old_settings_files_still_load() {
        let s: Settings = ron::from_str("(recent: [\"a.ron\"])").unwrap();
        assert_eq!(s.recent.len(), 1);
        assert!(!s.signoff);
        assert_eq!((s.theme, s.zoom), (Theme::Light, 1.0), "light by default");
        assert!(s.show_parts && s.show_findings);
    }
}
