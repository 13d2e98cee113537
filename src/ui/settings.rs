//! What the app remembers between runs (recent files, PDF options), stored with eframe
//! persistence (`%APPDATA%\nianbao` on Windows).

use std::path::{Path, PathBuf};

use serde::{Deserialize, Serialize};

/// How many recent files are kept.
const MAX_RECENT: usize = 10;

/// Persisted settings. `serde(default)` so adding a field never breaks an old settings file.
#[derive(Debug, Clone, Default, Serialize, Deserialize)]
#[serde(default)]
pub struct Settings {
    /// Recently opened or saved files, newest first.
    pub recent: Vec<PathBuf>,
    /// Extra folder searched for the official fonts (仿宋、黑体、楷体、小标宋).
    pub font_dir: Option<PathBuf>,
    /// Whether the PDF gets the internal sign-off block.
    pub signoff: bool,
}

impl Settings {
    /// Puts `path` at the front of the recent list.
    pub fn add_recent(&mut self, path: &Path) {
        self.recent.retain(|p| p != path);
        self.recent.insert(0, path.to_owned());
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
        assert_eq!(s.recent[0], Path::new("5.ron"));
        assert_eq!(
            s.recent.iter().filter(|p| *p == Path::new("5.ron")).count(),
            1
        );
    }

    #[test]
    fn old_settings_files_still_load() {
        let s: Settings = ron::from_str("(recent: [\"a.ron\"])").unwrap();
        assert_eq!(s.recent.len(), 1);
        assert!(!s.signoff);
    }
}
