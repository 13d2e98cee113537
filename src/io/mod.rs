//! Files: drafts (RON), JSON export, and opening whatever a clerk hands us.

pub mod atomic;
pub mod batch;
pub mod docx;
pub mod draft;
pub mod export;
pub mod file_type;
pub mod fonts;
pub mod html;
pub mod json;
pub mod matrix;
pub mod os_error;
pub mod output;
pub mod page;
pub mod pdf;
pub mod read;

use std::path::{Path, PathBuf};

pub use file_type::FileType;

use crate::model::import::{ImportError, ImportOptions, Importer, Source};
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
    #[error("不支持的文件类型“{0}”：请打开 .ron 草稿，或已发布报告的 {endings} 文件", endings = FileType::report_endings())]
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
    NotAReport(ImportError),
    /// A Word file or PDF that could not be read (an old `.doc`, a scan, damaged, protected), or
    /// a PDF that is not a report: the importer's message as it is.
    #[error(transparent)]
    Import(ImportError),
}

/// Published reports larger than this are refused (a real page is well under 1 MB).
pub(crate) const MAX_IMPORT_BYTES: u64 = 64 * 1024 * 1024;

/// Opens a draft (`.ron`, or its backup `.ron.bak`) or imports a published report (`.txt`,
/// `.html`/`.htm`, `.docx`, an old `.doc`, an Excel `.xlsx`/`.xls`, `.pdf`); an import's notes
/// come back in [`Opened::notes`] (and are kept in the report).
pub fn open_any(path: &Path) -> Result<Opened, OpenError> {
    match FileType::of(path) {
        Some(FileType::Draft) => Ok(Opened {
            report: draft::load(path)?,
            notes: Vec::new(),
        }),
        Some(FileType::Text) => import_file(path, |i, b| i.bytes(b, Source::Text)),
        Some(FileType::Html) => import_file(path, |i, b| i.bytes(b, Source::Html)),
        Some(FileType::Docx | FileType::WordOld) => import_file(path, Importer::word),
        Some(FileType::Excel) => import_file(path, Importer::excel),
        Some(FileType::Pdf) => import_file(path, Importer::pdf).map_err(|e| match e {
            // A PDF's own messages say what it is not (as they always have).
            OpenError::NotAReport(e) => OpenError::Import(e),
            e => e,
        }),
        Some(FileType::Json) | None => Err(OpenError::UnknownKind(file_type::extension_of(path))),
    }
}

/// Reads a published report and imports it with `import`; its notes are for the clerk to
/// review.
fn import_file(
    path: &Path,
    import: impl FnOnce(&Importer, &[u8]) -> Result<Report, ImportError>,
) -> Result<Opened, OpenError> {
    let bytes = read_import(path)?;
    let report = import(&Importer::builtin(import_options()), &bytes).map_err(|e| {
        if e.is_not_a_report() {
            OpenError::NotAReport(e)
        } else {
            OpenError::Import(e)
        }
    })?;
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

/// What an import needs from outside the file: today's year, from the system clock.
pub fn import_options() -> ImportOptions {
    ImportOptions {
        current_year: current_year(),
    }
}

/// The calendar year today in China (UTC+8: a report opened just after midnight on 1 January
/// belongs to the new year there, whatever the PC's own clock zone); `None` if the clock is
/// before 1970.
pub fn current_year() -> Option<u16> {
    let secs = std::time::SystemTime::now()
        .duration_since(std::time::UNIX_EPOCH)
        .ok()?
        .as_secs();
    year_of_day(i64::try_from((secs + 8 * 3600) / 86_400).ok()?)
}

/// The Gregorian year of a day counted from 1970-01-01 (Howard Hinnant's civil_from_days).
fn year_of_day(days: i64) -> Option<u16> {
    let z = days + 719_468;
    let era = z.div_euclid(146_097);
    let doe = z.rem_euclid(146_097);
    let yoe = (doe - doe / 1460 + doe / 36_524 - doe / 146_096) / 365;
    let doy = doe - (365 * yoe + yoe / 4 - yoe / 100);
    let mp = (5 * doy + 2) / 153;
    let month_from_march = mp < 10;
    let year = yoe + era * 400 + i64::from(!month_from_march);
    u16::try_from(year).ok()
}

/// The built-in sample report (a fictional 街道, 2025, current format) that the editor opens on
/// first start.
pub fn sample() -> Result<Report, draft::DraftError> {
    draft::from_str(include_str!("../../assets/sample/sample-2025.ron"))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn years_of_days() {
        assert_eq!(year_of_day(0), Some(1970));
        assert_eq!(year_of_day(364), Some(1970));
        assert_eq!(year_of_day(365), Some(1971));
        // 2024-12-31 is day 20088; 2025-01-01 is day 20089 (2024 is a leap year).
        assert_eq!(year_of_day(20_088), Some(2024));
        assert_eq!(year_of_day(20_089), Some(2025));
        assert_eq!(year_of_day(-1), Some(1969));
        assert!(current_year().is_some_and(|y| y >= 2025));
    }

    #[test]
    fn a_file_that_is_no_report_says_so_in_the_words_of_its_kind() {
        let dir = tempfile::tempdir().unwrap();
        let open = |name: &str, bytes: &[u8]| {
            let path = dir.path().join(name);
            std::fs::write(&path, bytes).unwrap();
            open_any(&path).unwrap_err().to_string()
        };
        let no_report = "不是政府信息公开工作年度报告：没有找到年度报告的部分标题";
        let page = "<html><body><p>欢迎访问</p></body></html>";
        assert!(open("a.txt", "会议纪要\n今天讨论了三件事。".as_bytes()).starts_with(no_report));
        assert!(open("a.html", page.as_bytes()).starts_with(no_report));
        // A web page saved under a Word name, and an empty Word file.
        assert!(open("a.doc", page.as_bytes()).starts_with(no_report));
        assert_eq!(
            open("a.docx", b""),
            "不是政府信息公开工作年度报告：文件是空的，没有可以导入的内容；没有生成草稿"
        );
        // What the Word and PDF readers refuse, in their own words (a PDF that is no report:
        // tests/pdf_hostile.rs).
        assert!(open("a.docx", b"hello").starts_with("不是 Word 文档（.docx）"));
        assert!(open("a.pdf", b"hello").starts_with("文件不是 PDF"));
        assert!(open("a.xlsx", b"hello").starts_with("不是 Excel 工作簿"));
    }
}
