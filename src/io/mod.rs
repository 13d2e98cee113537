//! Files: drafts (RON), JSON export, and opening whatever a clerk hands us.

pub mod draft;
pub mod fonts;
pub mod json;
pub mod pdf;

use std::path::Path;

use crate::model::{Note, Report};

/// A report opened from a file, with what the clerk should review.
#[derive(Debug)]
pub struct Opened {
    /// The report.
    pub report: Report,
    /// Import notes (empty for a draft).
    pub notes: Vec<Note>,
}

/// Why a file could not be opened.
#[derive(Debug, thiserror::Error)]
pub enum OpenError {
    /// A draft that did not load.
    #[error(transparent)]
    Draft(#[from] draft::DraftError),
    /// A kind of file nianbao does not read.
    #[error("不支持的文件类型“{0}”：请打开 .ron 草稿")]
    UnknownKind(String),
}

/// Opens a draft (`.ron`) — and, once import lands, a published report (`.txt`, `.html`).
pub fn open_any(path: &Path) -> Result<Opened, OpenError> {
    let ext = path
        .extension()
        .and_then(|e| e.to_str())
        .map(str::to_ascii_lowercase)
        .unwrap_or_default();
    match ext.as_str() {
        "ron" => Ok(Opened {
            report: draft::load(path)?,
            notes: Vec::new(),
        }),
        _ => Err(OpenError::UnknownKind(ext)),
    }
}

/// The built-in sample report (a fictional 街道, 2025, current format) that the editor opens on
/// first start.
pub fn sample() -> Result<Report, draft::DraftError> {
    draft::from_str(include_str!("../../assets/sample/sample-2025.ron"))
}
