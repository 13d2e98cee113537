//! Files: drafts (RON), JSON export, and opening whatever a clerk hands us.

pub mod atomic;
pub mod draft;
pub mod file_type;
pub mod fonts;
pub mod json;
pub mod pdf;

use std::path::{Path, PathBuf};

pub use file_type::FileType;

use crate::model::import::pdf::{self as pdf_import, PdfImportError};
use crate::model::import::{self, ImportError, Source};
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
    #[error("不支持的文件类型“{0}”：请打开 .ron 草稿，或已发布报告的 .txt/.html/.pdf 文件")]
    UnknownKind(String),
    /// A published report that could not be read from disk.
    #[error("无法读取文件“{path}”：{source}")]
    Read {
        /// The file.
        path: PathBuf,
        /// The cause.
        source: std::io::Error,
    },
    /// Too large to be a published report.
    #[error("文件太大（{0} 字节），不像是一份年度报告")]
    TooLarge(u64),
    /// The file was read but is not an annual report at all.
    #[error("不是政府信息公开工作年度报告：{0}")]
    NotAReport(#[from] ImportError),
    /// A PDF that could not be read (a scan, damaged, protected) or is not a report.
    #[error("{0}")]
    Pdf(#[from] PdfImportError),
}

/// Published reports larger than this are refused (a real page is well under 1 MB).
const MAX_IMPORT_BYTES: u64 = 64 * 1024 * 1024;

/// Opens a draft (`.ron`) or imports a published report (`.txt`, `.html`/`.htm`, `.pdf`); an
/// import's notes come back in [`Opened::notes`] (and are kept in the report).
pub fn open_any(path: &Path) -> Result<Opened, OpenError> {
    match FileType::of(path) {
        Some(FileType::Draft) => Ok(Opened {
            report: draft::load(path)?,
            notes: Vec::new(),
        }),
        Some(FileType::Text) => import_file(path, Source::Text),
        Some(FileType::Html) => import_file(path, Source::Html),
        Some(FileType::Pdf) => {
            let bytes = read_published(path)?;
            opened(pdf_import::import_pdf(&bytes)?)
        }
        Some(FileType::Json) | None => Err(OpenError::UnknownKind(file_type::extension_of(path))),
    }
}

/// Reads and imports a published report.
fn import_file(path: &Path, source: Source) -> Result<Opened, OpenError> {
    let bytes = read_published(path)?;
    opened(import::import_bytes(&bytes, source)?)
}

/// The bytes of a published report, refused when far too large to be one.
fn read_published(path: &Path) -> Result<Vec<u8>, OpenError> {
    let read_error = |source| OpenError::Read {
        path: path.to_owned(),
        source,
    };
    let size = std::fs::metadata(path).map_err(read_error)?.len();
    if size > MAX_IMPORT_BYTES {
        return Err(OpenError::TooLarge(size));
    }
    std::fs::read(path).map_err(read_error)
}

fn opened(report: Report) -> Result<Opened, OpenError> {
    Ok(Opened {
        notes: report.notes.clone(),
        report,
    })
}

/// The built-in sample report (a fictional 街道, 2025, current format) that the editor opens on
/// first start.
pub fn sample() -> Result<Report, draft::DraftError> {
    draft::from_str(include_str!("../../assets/sample/sample-2025.ron"))
}
