//! Files: drafts (RON), JSON export, and opening whatever a clerk hands us.

pub mod atomic;
pub mod docx;
pub mod draft;
pub mod file_type;
pub mod fonts;
pub mod html;
pub mod json;
pub mod os_error;
pub mod output;
pub mod pdf;
pub mod read;

use std::path::{Path, PathBuf};

pub use file_type::FileType;

use crate::model::import::{self, ImportError, Source, docx::DocxError};
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
    #[error("不支持的文件类型“{0}”：请打开 .ron 草稿，或已发布报告的 .txt/.html/.docx 文件")]
    UnknownKind(String),
    /// A published report that could not be read from disk.
    #[error("无法读取文件“{}”：{}", path.display(), os_error::describe(source))]
    Read {
        /// The file.
        path: PathBuf,
        /// The cause.
        source: std::io::Error,
    },
    /// A folder, a device, a pipe: not a file that can hold a report.
    #[error("“{}”不是普通文件（可能是文件夹、设备或管道），不能作为报告打开", .0.display())]
    NotAFile(PathBuf),
    /// Too large to be a published report.
    #[error("文件超过 {} MB，不像是一份年度报告", .0 / 1024 / 1024)]
    TooLarge(u64),
    /// The file was read but is not an annual report at all.
    #[error("不是政府信息公开工作年度报告：{0}")]
    NotAReport(#[from] ImportError),
    /// A Word file that could not be read (an old `.doc`, damaged, not a report).
    #[error(transparent)]
    Word(#[from] DocxError),
}

/// Published reports larger than this are refused (a real page is well under 1 MB).
const MAX_IMPORT_BYTES: u64 = 64 * 1024 * 1024;

/// Opens a draft (`.ron`, or its backup `.ron.bak`) or imports a published report (`.txt`,
/// `.html`/`.htm`, `.docx`; an old `.doc` is refused with what to do); an import's notes come
/// back in [`Opened::notes`] (and are kept in the report).
pub fn open_any(path: &Path) -> Result<Opened, OpenError> {
    match FileType::of(path) {
        Some(FileType::Draft) => Ok(Opened {
            report: draft::load(path)?,
            notes: Vec::new(),
        }),
        Some(FileType::Text) => import_file(path, Source::Text),
        Some(FileType::Html) => import_file(path, Source::Html),
        Some(FileType::Docx | FileType::WordOld) => {
            let bytes = read_import(path)?;
            let report = import::docx::import_word(&bytes)?;
            Ok(Opened {
                notes: report.notes.clone(),
                report,
            })
        }
        Some(FileType::Pdf | FileType::Json) | None => {
            Err(OpenError::UnknownKind(file_type::extension_of(path)))
        }
    }
}

/// Reads and imports a published report.
fn import_file(path: &Path, source: Source) -> Result<Opened, OpenError> {
    let bytes = read_import(path)?;
    let report = import::import_bytes(&bytes, source)?;
    Ok(Opened {
        notes: report.notes.clone(),
        report,
    })
}

/// The bytes of a published report: a regular file, read up to [`MAX_IMPORT_BYTES`].
fn read_import(path: &Path) -> Result<Vec<u8>, OpenError> {
    read::read_capped(path, MAX_IMPORT_BYTES).map_err(|failure| match failure {
        read::ReadFailure::Io(source) => OpenError::Read {
            path: path.to_owned(),
            source,
        },
        read::ReadFailure::NotAFile => OpenError::NotAFile(path.to_owned()),
        read::ReadFailure::TooLarge(limit) => OpenError::TooLarge(limit),
    })
}

/// The built-in sample report (a fictional 街道, 2025, current format) that the editor opens on
/// first start.
pub fn sample() -> Result<Report, draft::DraftError> {
    draft::from_str(include_str!("../../assets/sample/sample-2025.ron"))
}
