//! What a file is, told by the ending of its name: one list that opening, exporting, the command
//! line and the editor's file dialogs all read.

use std::path::Path;

/// A kind of file nianbao reads or writes.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum FileType {
    /// A draft (`.ron`).
    Draft,
    /// A published report as text (`.txt`, or Markdown `.md`, read as text).
    Text,
    /// A published report as a web page (`.html`).
    Html,
    /// A Word document (`.docx`): last year's report as the office keeps it, or this year's
    /// exported for Word.
    Docx,
    /// An old binary Word document (`.doc`, Word 97–2003, or a `.wps` that is the same format):
    /// read from its compound file; an encrypted or damaged one says how to convert it.
    WordOld,
    /// An Excel workbook (`.xlsx`, or an old `.xls`): the report's tables as the office above
    /// collects them; nianbao's own 汇总 明细 workbook opens with a word on what it is.
    Excel,
    /// The print-ready report (`.pdf`).
    Pdf,
    /// The report's data (`.json`).
    Json,
}

impl FileType {
    /// Every kind, in the order dialogs list them.
    pub const ALL: [FileType; 8] = [
        FileType::Draft,
        FileType::Text,
        FileType::Html,
        FileType::Docx,
        FileType::WordOld,
        FileType::Excel,
        FileType::Pdf,
        FileType::Json,
    ];

    /// The endings that mark this kind, the usual one first (lower case, no dot).
    pub fn extensions(self) -> &'static [&'static str] {
        match self {
            FileType::Draft => &["ron"],
            FileType::Text => &["txt", "text", "md", "markdown"],
            FileType::Html => &["html", "htm", "shtml", "xhtml"],
            FileType::Docx => &["docx", "docm"],
            FileType::WordOld => &["doc", "wps"],
            FileType::Excel => &["xlsx", "xls", "xlsm"],
            FileType::Pdf => &["pdf"],
            FileType::Json => &["json"],
        }
    }

    /// The usual ending (no dot).
    pub fn extension(self) -> &'static str {
        self.extensions().first().copied().unwrap_or_default()
    }

    /// What the clerk calls it.
    pub fn description(self) -> &'static str {
        match self {
            FileType::Draft => "年报草稿",
            FileType::Text => "已发布报告的文本",
            FileType::Html => "已发布报告的网页",
            FileType::Docx => "Word 文档",
            FileType::WordOld => "旧版 Word 文档",
            FileType::Excel => "Excel 工作簿",
            FileType::Pdf => "PDF 文件",
            FileType::Json => "JSON 数据",
        }
    }

    /// Whether nianbao can open a report from this kind of file. An old `.doc` counts: opening
    /// one tells the clerk how to convert it (and one that is really a `.docx` or a web page
    /// under that name is read). A PDF: a published report, read from its text and tables. An
    /// Excel workbook: the report's tables from its sheets.
    pub fn is_readable(self) -> bool {
        matches!(
            self,
            FileType::Draft
                | FileType::Text
                | FileType::Html
                | FileType::Docx
                | FileType::WordOld
                | FileType::Excel
                | FileType::Pdf
        )
    }

    /// The usual endings of the published reports nianbao reads, for messages:
    /// `.txt/.html/.docx/.doc/.xlsx/.xls/.pdf`.
    pub fn report_endings() -> String {
        Self::readable()
            .filter(|t| *t != FileType::Draft)
            .flat_map(|t| {
                let ext = t.extensions();
                // An old Excel workbook is as common as the new one; the rest by their usual.
                let n = if t == FileType::Excel { 2 } else { 1 };
                ext.iter().take(n)
            })
            .map(|e| format!(".{e}"))
            .collect::<Vec<_>>()
            .join("/")
    }

    /// The kind of `path`, by its ending (any case); `None` for an ending nianbao does not know.
    /// A draft's backup (`报告.ron.bak`, see [`is_backup`]) is a draft.
    pub fn of(path: &Path) -> Option<FileType> {
        if is_backup(path) {
            return Some(FileType::Draft);
        }
        let ext = path.extension()?.to_str()?.to_ascii_lowercase();
        Self::ALL
            .into_iter()
            .find(|t| t.extensions().contains(&ext.as_str()))
    }

    /// The kinds a report can be opened from.
    pub fn readable() -> impl Iterator<Item = FileType> {
        Self::ALL.into_iter().filter(|t| t.is_readable())
    }
}

/// The ending of the backup a save keeps beside a draft (`报告.ron.bak`).
pub const BACKUP_EXTENSION: &str = "bak";

/// Whether `path` is a draft's backup: `NAME.ron.bak` (any case). It opens like the draft.
pub fn is_backup(path: &Path) -> bool {
    let ends = |p: &Path, ext: &str| {
        p.extension()
            .is_some_and(|e| e.to_string_lossy().eq_ignore_ascii_case(ext))
    };
    ends(path, BACKUP_EXTENSION)
        && path
            .file_stem()
            .is_some_and(|stem| ends(Path::new(stem), FileType::Draft.extension()))
}

/// The ending of `path` as the clerk wrote it (for messages), lower case, without the dot.
pub fn extension_of(path: &Path) -> String {
    path.extension()
        .map(|e| e.to_string_lossy().to_lowercase())
        .unwrap_or_default()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn endings_are_told_in_any_case() {
        assert_eq!(FileType::of(Path::new("a/年报.RON")), Some(FileType::Draft));
        assert_eq!(FileType::of(Path::new("x.Htm")), Some(FileType::Html));
        assert_eq!(FileType::of(Path::new("x.pdf")), Some(FileType::Pdf));
        assert_eq!(FileType::of(Path::new("去年.DOCX")), Some(FileType::Docx));
        assert_eq!(FileType::of(Path::new("x.doc")), Some(FileType::WordOld));
        assert_eq!(FileType::of(Path::new("x.wps")), Some(FileType::WordOld));
        assert_eq!(FileType::of(Path::new("年报.md")), Some(FileType::Text));
        assert_eq!(
            FileType::of(Path::new("年报.Markdown")),
            Some(FileType::Text)
        );
        assert_eq!(FileType::of(Path::new("表格.XLSX")), Some(FileType::Excel));
        assert_eq!(FileType::of(Path::new("x.xls")), Some(FileType::Excel));
        assert_eq!(FileType::of(Path::new("x.csv")), None);
        assert_eq!(FileType::of(Path::new("noext")), None);
    }

    #[test]
    fn messages_name_every_kind_of_report_read() {
        assert_eq!(
            FileType::report_endings(),
            ".txt/.html/.docx/.doc/.xlsx/.xls/.pdf"
        );
    }

    #[test]
    fn a_drafts_backup_opens_as_a_draft() {
        assert_eq!(
            FileType::of(Path::new("年报 2025.ron.bak")),
            Some(FileType::Draft)
        );
        assert_eq!(FileType::of(Path::new("x.RON.BAK")), Some(FileType::Draft));
        assert!(is_backup(Path::new("长~.ron.bak")));
        assert_eq!(FileType::of(Path::new("x.pdf.bak")), None);
        assert_eq!(FileType::of(Path::new("x.bak")), None);
        assert!(!is_backup(Path::new("x.ron")));
    }

    #[test]
    fn every_ending_belongs_to_one_kind() {
        let mut all: Vec<&str> = FileType::ALL
            .iter()
            .flat_map(|t| t.extensions().iter().copied())
            .collect();
        let n = all.len();
        all.sort_unstable();
        all.dedup();
        assert_eq!(all.len(), n);
    }
}
