//! Importing a published report — text copied out of a web page, Word or a PDF, a saved web
//! page, a Word document or a PDF — into a draft, through one [`Importer`].
//!
//! Each reader cuts its input into [`Block`]s (prose lines and table rows): `text` (with
//! `copied` and `aligned` for text out of a PDF), `html`, `docx`, `doc`, `xlsx` and `pdf`. They tell headings and
//! labels by the `Known` they are given, the importer's formats, and depend on this module, not
//! on each other. `assemble` then tells the format from the table labels (and the year), maps
//! table cells onto the format's tables by their labels (`tables`), and splits the prose at the
//! section headings (`sections`). Every label, title and table shape comes from the [`Format`];
//! nothing is typed here. The import never guesses silently: what it could not find, left blank,
//! converted or left over is a [`Note`] in the returned report.

mod aligned;
mod assemble;
mod copied;
mod decode;
pub mod doc;
pub mod docx;
mod html;
mod labels;
mod nesting;
mod normalize;
pub mod pdf;
mod portal;
mod sections;
mod tables;
mod text;
pub mod xlsx;

use crate::model::format::{self, Format, Registry};
use crate::model::report::{Note, NoteKind, Report};
use crate::model::value::is_space;

pub use normalize::label_key;

/// A piece of a published report: a prose line or a table row.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Block {
    /// A line of running text.
    Text(String),
    /// The cells of a table row, as printed (merged cells once).
    Row(Vec<String>),
}

/// What the input is.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Source {
    /// Plain text (copied from a page or Word); an HTML file given as text is recognised.
    Text,
    /// A saved web page.
    Html,
}

/// Why an input gave no report: it is not one at all, or its file could not be read. One type
/// for every [`Importer`] method, since any input may turn out not to be a report and a caller
/// (opening a file) answers them all in one place; the Word and PDF readers' own refusals are
/// inside it, and their block-cutting stages (`read_word`, `read_pdf`) return those alone.
#[derive(Debug, thiserror::Error)]
pub enum ImportError {
    /// Nothing but white space.
    #[error("文件是空的，没有可以导入的内容；没有生成草稿")]
    Empty,
    /// Neither section headings nor tables of the report were found.
    #[error(
        "没有找到年度报告的部分标题（如“一、总体情况”）或统计表格（如“第二十条第（一）项”）。没有生成草稿；请确认文件是年度报告的网页，或从中复制出的全文"
    )]
    NotAReport,
    /// A Word file that could not be read (an old `.doc`, protected, damaged, not Word).
    #[error(transparent)]
    Word(#[from] docx::DocxError),
    /// A PDF that could not be read (a scan, protected, damaged).
    #[error(transparent)]
    Pdf(#[from] pdf::PdfImportError),
    /// An Excel workbook that could not be read, holds no report, or is our own 汇总 明细.
    #[error(transparent)]
    Workbook(#[from] xlsx::WorkbookError),
}

impl ImportError {
    /// Whether the input was read and is not a report (rather than a file that could not be
    /// read).
    pub fn is_not_a_report(&self) -> bool {
        matches!(self, ImportError::Empty | ImportError::NotAReport)
    }
}

/// What the import needs to know from outside the file.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq)]
pub struct ImportOptions {
    /// The calendar year today (the model has no clock): a report that names no year anywhere is
    /// taken as last year's, since reports are written in January. `None`: the first year of the
    /// format the tables use.
    pub current_year: Option<u16>,
}

/// Tells a reader which lines are section headings or table labels: the importer's formats
/// (or a test's few lines).
pub(crate) trait Known {
    /// Whether the line is a section heading (一、总体情况).
    fn is_heading(&self, line: &str) -> bool;
    /// Whether the line is a label of some table (a caption written as a line of its own).
    fn is_label(&self, line: &str) -> bool;
    /// Whether the line is the start of a label broken over two lines (`行政规范性⏎文件 | 2 | …`).
    fn is_label_start(&self, line: &str) -> bool;
    /// Whether the line is a data row's label (`规章`), not a caption, header or group label.
    fn is_row_label(&self, line: &str) -> bool {
        self.is_label(line)
    }
}

/// At most this many notes are listed; the rest are counted.
const MAX_NOTES: usize = 300;

/// The notes of one import, capped so a huge odd input cannot produce millions of them.
#[derive(Debug, Default)]
pub(crate) struct Notes {
    list: Vec<Note>,
    dropped: usize,
}

impl Notes {
    /// Adds a note for the clerk; the same note again (same text, cell and section) is one
    /// problem, listed once.
    pub(crate) fn add(&mut self, cell: Option<String>, section: Option<String>, text: String) {
        if self
            .list
            .iter()
            .any(|n| n.text == text && n.cell == cell && n.section == section)
        {
            return;
        }
        if self.list.len() >= MAX_NOTES {
            self.dropped += 1;
            return;
        }
        self.list.push(Note {
            kind: NoteKind::Import,
            cell,
            section,
            text,
        });
    }

    /// Whether further notes are only counted.
    pub(crate) fn is_full(&self) -> bool {
        self.list.len() >= MAX_NOTES
    }

    /// Counts a note that is not listed (the list is full).
    pub(crate) fn count_dropped(&mut self) {
        self.dropped += 1;
    }

    fn into_vec(mut self) -> Vec<Note> {
        if self.dropped > 0 {
            self.list.push(Note {
                kind: NoteKind::Import,
                cell: None,
                section: None,
                text: format!("另有 {} 条导入提示未列出", self.dropped),
            });
        }
        self.list
    }
}

/// The importer: the formats a report may be in and what it needs to know from outside the file,
/// with one method per kind of input. Every reader cuts its input into [`Block`]s with the
/// headings and labels of these formats, and one assembly makes the report.
#[derive(Debug, Clone, Copy)]
pub struct Importer {
    registry: &'static Registry,
    options: ImportOptions,
}

impl Default for Importer {
    /// The built-in formats, nothing known from outside the file.
    fn default() -> Importer {
        Importer::builtin(ImportOptions::default())
    }
}

impl Importer {
    /// An importer that tells the format from among those of `registry` (the built-in one, or a
    /// test's with a format of its own).
    pub fn new(registry: &'static Registry, options: ImportOptions) -> Importer {
        Importer { registry, options }
    }

    /// An importer for the built-in formats.
    pub fn builtin(options: ImportOptions) -> Importer {
        Importer::new(format::builtin(), options)
    }

    /// Imports a published report from plain text (copied from a page, Word or a PDF).
    pub fn text(&self, text: &str) -> Result<Report, ImportError> {
        self.decoded(text, Source::Text, Notes::default())
    }

    /// Imports a published report from the source of a web page.
    pub fn html(&self, source: &str) -> Result<Report, ImportError> {
        self.decoded(source, Source::Html, Notes::default())
    }

    /// Imports a published report from the bytes of a text or web-page file: text (UTF-8 or
    /// GBK) or a web page (its declared or sniffed encoding; a page given as text is
    /// recognised).
    pub fn bytes(&self, bytes: &[u8], source: Source) -> Result<Report, ImportError> {
        let is_html = source == Source::Html || looks_like_html(bytes);
        let decoded = decode::decode(bytes, is_html);
        let mut notes = Notes::default();
        for n in decoded.notes {
            notes.add(None, None, n);
        }
        let source = if is_html { Source::Html } else { Source::Text };
        self.decoded(&decoded.text, source, notes)
    }

    /// Imports a published report that a reader has already cut into blocks: paragraphs and
    /// logical table rows. `title_hint` is a title the file carries apart from its text (a
    /// page's `<title>`, a PDF's `/Title`); `reader_notes` are the reader's own notes, listed
    /// first.
    pub fn blocks(
        &self,
        blocks: &[Block],
        title_hint: Option<&str>,
        reader_notes: Vec<String>,
    ) -> Result<Report, ImportError> {
        let mut notes = Notes::default();
        for n in reader_notes {
            notes.add(None, None, n);
        }
        let has_content = blocks.iter().any(|b| match b {
            Block::Text(t) => !t.chars().all(is_space),
            Block::Row(cells) => cells.iter().any(|c| !c.chars().all(is_space)),
        });
        if !has_content {
            return Err(ImportError::Empty);
        }
        self.with_known(|known| {
            let portal = portal::PortalMeta::default();
            assemble::assemble(blocks, title_hint, &portal, notes, known, &self.options)
        })
    }

    /// Imports decoded text: plain text, or the source of a web page.
    fn decoded(&self, text: &str, source: Source, notes: Notes) -> Result<Report, ImportError> {
        if text.chars().all(is_space) {
            return Err(ImportError::Empty);
        }
        self.with_known(|known| match source {
            Source::Text => assemble::assemble(
                &text::blocks(text, known),
                None,
                &portal::PortalMeta::default(),
                notes,
                known,
                &self.options,
            ),
            Source::Html => {
                let page = html::page(text, known);
                let title = page.title.as_deref();
                assemble::assemble(
                    &page.blocks,
                    title,
                    &page.portal,
                    notes,
                    known,
                    &self.options,
                )
            }
        })
    }

    /// Runs `f` with the headings and labels of this importer's formats (what every reader cuts
    /// its input with).
    fn with_known<T>(&self, f: impl FnOnce(&AllFormats) -> T) -> T {
        AllFormats::with(self.registry, f)
    }
}

/// A cell of a table of figures longer than this is page layout (a Word or web-page table
/// holding the report's paragraphs), not a table of the report …
const MAX_DATA_CELL_CHARS: usize = 300;

/// … unless two or more of the table's cells are labels of the format: a report table with one
/// overlong entry (a damaged file's garbage, a clerk's note typed in a cell) keeps its grid.
/// The Word and the web-page readers tell a layout table by this one rule.
fn is_layout_text<'a>(known: &dyn Known, cells: impl Iterator<Item = &'a str> + Clone) -> bool {
    cells
        .clone()
        .any(|cell| cell.chars().count() > MAX_DATA_CELL_CHARS)
        && cells.filter(|c| known.is_label(c.trim())).nth(1).is_none()
}

/// Whether bytes given as text are really a web page.
fn looks_like_html(bytes: &[u8]) -> bool {
    let head: Vec<u8> = bytes
        .iter()
        .take(1024)
        .map(u8::to_ascii_lowercase)
        .collect();
    let starts_with_tag = head
        .iter()
        .find(|b| !b.is_ascii_whitespace())
        .is_some_and(|&b| b == b'<');
    starts_with_tag
        && [
            &b"<html"[..],
            b"<!doctype html",
            b"<table",
            b"<body",
            b"<meta",
        ]
        .iter()
        .any(|tag| head.windows(tag.len()).any(|w| w == *tag))
}

/// The headings and labels of every format of a registry (in its order), built once for the
/// built-in one: they cut the text before the format is known, then match the chosen format's
/// tables.
struct AllFormats {
    registry: &'static Registry,
    headings: Vec<sections::Headings>,
    labels: Vec<labels::Dictionary>,
}

impl AllFormats {
    fn new(registry: &'static Registry) -> AllFormats {
        AllFormats {
            registry,
            headings: registry.iter().map(sections::Headings::new).collect(),
            labels: registry.iter().map(labels::Dictionary::new).collect(),
        }
    }

    /// Runs `f` with the dictionaries of `registry`: the built-in ones are kept for the whole
    /// run, another registry's (a test's) are built for this call.
    fn with<T>(registry: &'static Registry, f: impl FnOnce(&AllFormats) -> T) -> T {
        static BUILTIN: std::sync::OnceLock<AllFormats> = std::sync::OnceLock::new();
        if std::ptr::eq(registry, format::builtin()) {
            f(BUILTIN.get_or_init(|| AllFormats::new(format::builtin())))
        } else {
            f(&AllFormats::new(registry))
        }
    }

    fn position(&self, format: &Format) -> Option<usize> {
        self.registry.iter().position(|f| f.id == format.id)
    }

    fn headings(&self, format: &Format) -> Option<&sections::Headings> {
        self.position(format).and_then(|i| self.headings.get(i))
    }

    fn labels(&self, format: &Format) -> Option<&labels::Dictionary> {
        self.position(format).and_then(|i| self.labels.get(i))
    }
}

impl Known for AllFormats {
    fn is_heading(&self, line: &str) -> bool {
        self.headings.iter().any(|h| h.section_of(line).is_some())
    }

    fn is_label(&self, line: &str) -> bool {
        let key = label_key(line);
        self.labels.iter().any(|d| d.contains(&key))
    }

    fn is_label_start(&self, line: &str) -> bool {
        let key = label_key(line);
        self.labels.iter().any(|d| d.is_prefix(&key))
    }

    fn is_row_label(&self, line: &str) -> bool {
        let key = label_key(line);
        self.labels.iter().any(|d| d.is_row_label(&key))
    }
}

#[cfg(test)]
mod tests;
