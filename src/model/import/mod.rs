//! Importing a published report — text copied out of a web page or Word, or a saved web page —
//! into a draft.
//!
//! The source is cut into [`Block`]s (prose lines and table rows: `text` and `html` know the
//! layouts), the format is told from the table labels (and the year), table cells are mapped onto
//! the format's tables by their labels (`tables`), and the prose is split at the section
//! headings (`sections`). Every label, title and table shape comes from the [`Format`]; nothing
//! is typed here. The import never guesses silently: what it could not find, left blank,
//! converted or left over is a [`Note`] in the returned report.

mod aligned;
mod copied;
mod decode;
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

use crate::model::format::{self, Format, ProseKind, Registry};
use crate::model::report::{Meta, Note, NoteKind, Report};
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

/// Why an input is not a report at all.
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
}

/// What the import needs to know from outside the file.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq)]
pub struct ImportOptions {
    /// The calendar year today (the model has no clock): a report that names no year anywhere is
    /// taken as last year's, since reports are written in January. `None`: the first year of the
    /// format the tables use.
    pub current_year: Option<u16>,
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

/// Imports a published report from the bytes of a file: text (UTF-8 or GBK) or a web page
/// (its declared or sniffed encoding).
pub fn import_bytes(bytes: &[u8], source: Source) -> Result<Report, ImportError> {
    import_bytes_with(bytes, source, &ImportOptions::default())
}

/// [`import_bytes`] with what the import needs to know from outside the file.
pub fn import_bytes_with(
    bytes: &[u8],
    source: Source,
    options: &ImportOptions,
) -> Result<Report, ImportError> {
    import_bytes_in(format::builtin(), bytes, source, options)
}

/// [`import_bytes_with`] against the formats of `registry` (the built-in one, or a test's): the
/// format is told from among them.
pub fn import_bytes_in(
    registry: &'static Registry,
    bytes: &[u8],
    source: Source,
    options: &ImportOptions,
) -> Result<Report, ImportError> {
    let is_html = source == Source::Html || looks_like_html(bytes);
    let decoded = decode::decode(bytes, is_html);
    let mut notes = Notes::default();
    for n in decoded.notes {
        notes.add(None, None, n);
    }
    let source = if is_html { Source::Html } else { Source::Text };
    import_with(registry, &decoded.text, source, notes, options)
}

/// Imports a published report from plain text.
pub fn import_text(text: &str) -> Result<Report, ImportError> {
    import_text_in(format::builtin(), text)
}

/// [`import_text`] against the formats of `registry`.
pub fn import_text_in(registry: &'static Registry, text: &str) -> Result<Report, ImportError> {
    import_with(
        registry,
        text,
        Source::Text,
        Notes::default(),
        &ImportOptions::default(),
    )
}

/// Imports a published report from the source of a web page.
pub fn import_html(source: &str) -> Result<Report, ImportError> {
    import_with(
        format::builtin(),
        source,
        Source::Html,
        Notes::default(),
        &ImportOptions::default(),
    )
}

/// Imports decoded text: plain text, or the source of a web page.
fn import_with(
    registry: &'static Registry,
    text: &str,
    source: Source,
    notes: Notes,
    options: &ImportOptions,
) -> Result<Report, ImportError> {
    if text.chars().all(is_space) {
        return Err(ImportError::Empty);
    }
    AllFormats::with(registry, |known| match source {
        Source::Text => assemble(
            &text::blocks(text, known),
            None,
            &portal::PortalMeta::default(),
            notes,
            known,
            options,
        ),
        Source::Html => {
            let page = html::page(text, known);
            let title = page.title.as_deref();
            assemble(&page.blocks, title, &page.portal, notes, known, options)
        }
    })
}

/// Imports a published report that a reader outside this module (Word, PDF) has already cut into
/// blocks: paragraphs and logical table rows. `title_hint` is a title the file carries apart from
/// its text (a page's `<title>`); `reader_notes` are the reader's own notes, listed first.
pub fn import_blocks(
    blocks: &[Block],
    title_hint: Option<&str>,
    reader_notes: Vec<String>,
) -> Result<Report, ImportError> {
    import_blocks_with(blocks, title_hint, reader_notes, &ImportOptions::default())
}

/// [`import_blocks`] with what the import needs to know from outside the file.
pub fn import_blocks_with(
    blocks: &[Block],
    title_hint: Option<&str>,
    reader_notes: Vec<String>,
    options: &ImportOptions,
) -> Result<Report, ImportError> {
    import_blocks_in(format::builtin(), blocks, title_hint, reader_notes, options)
}

/// [`import_blocks_with`] against the formats of `registry`.
pub fn import_blocks_in(
    registry: &'static Registry,
    blocks: &[Block],
    title_hint: Option<&str>,
    reader_notes: Vec<String>,
    options: &ImportOptions,
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
    AllFormats::with(registry, |known| {
        let portal = portal::PortalMeta::default();
        assemble(blocks, title_hint, &portal, notes, known, options)
    })
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

impl text::Known for AllFormats {
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

/// Builds the report from the blocks.
fn assemble(
    blocks: &[Block],
    title_hint: Option<&str>,
    portal: &portal::PortalMeta,
    mut notes: Notes,
    known: &AllFormats,
    options: &ImportOptions,
) -> Result<Report, ImportError> {
    let cells = tables::Cells::new(blocks);
    let registry = known.registry;
    // The headings of every format so far are the same; any one splits the prose for the title.
    let first_split = split_prose(blocks, known.headings.first());
    let front = sections::front(&first_split.front, title_hint);
    let title_year = sections::year_in(&front.title);
    let Some((format, detection)) = detect_format(&cells, known, title_year) else {
        return Err(ImportError::NotAReport);
    };
    let prose = split_prose(blocks, known.headings(format));
    let (year, year_note) = match title_year {
        Some(y) => (y, None),
        None => guess_year(&front, &prose, format, options),
    };
    let mut report = Report::new(format, year);
    notes.add(None, None, detection);
    if let Some(n) = year_note {
        notes.add(None, None, n);
    }
    if !format.covers(year) {
        let expected = registry.for_year(year).map_or("", |f| f.name.as_str());
        notes.add(
            None,
            None,
            format!(
                "{year} 年度的报告应使用{expected}，但原文表格是{}的样式；已按原文的格式导入，请核对",
                format.name
            ),
        );
    }
    let found_rows = match known.labels(format) {
        Some(dict) => tables::read(format, dict, &cells, &mut report, &mut notes),
        None => 0,
    };
    // One heading alone may be a coincidence; two headings or one table row make a report.
    let mut headings_found = prose.found.clone();
    headings_found.sort_unstable();
    headings_found.dedup();
    if headings_found.len() < 2 && found_rows == 0 {
        return Err(ImportError::NotAReport);
    }
    fill_meta(&mut report.meta, &front, year, portal, &mut notes);
    fill_prose(&mut report, &prose, portal, &mut notes);
    if let Some(date) = report.meta.signature_date
        && !registry.is_signature_date(date)
    {
        // A draft with such a date would not open again.
        report.meta.signature_date = None;
        notes.add(
            None,
            None,
            format!("落款日期“{date}”不可能是本报告的成文日期，已留空，请填写"),
        );
    }
    if report.meta.agency.is_empty() && !report.meta.signature_unit.is_empty() {
        report.meta.agency = report.meta.signature_unit.clone();
        notes.add(
            None,
            None,
            format!("机关名称按落款读作“{}”，请核对", report.meta.agency),
        );
    }
    report.notes = notes.into_vec();
    Ok(report)
}

fn split_prose(blocks: &[Block], headings: Option<&sections::Headings>) -> sections::Prose {
    let mut prose = sections::Prose::default();
    let Some(headings) = headings else {
        return prose;
    };
    for block in blocks {
        if let Block::Text(line) = block {
            prose.push(headings, line);
        }
    }
    prose
}

/// The format whose own labels the tables use most; the year decides when the tables say
/// nothing. Returns the format and a note saying how it was told (`None` only if no format is
/// built in).
fn detect_format(
    cells: &tables::Cells,
    known: &AllFormats,
    year: Option<u16>,
) -> Option<(&'static Format, String)> {
    let registry = known.registry;
    let scores: Vec<usize> = known
        .labels
        .iter()
        .enumerate()
        .map(|(i, own)| {
            let others: Vec<&labels::Dictionary> = known
                .labels
                .iter()
                .enumerate()
                .filter(|&(j, _)| j != i)
                .map(|(_, d)| d)
                .collect();
            cells.distinctive_hits(own, &others)
        })
        .collect();
    let best = scores.iter().copied().max().unwrap_or(0);
    let by_year = year.and_then(|y| registry.for_year(y));
    let tied: Vec<&'static Format> = registry
        .iter()
        .zip(&scores)
        .filter(|&(_, &s)| s == best)
        .map(|(f, _)| f)
        .collect();
    if best > 0 {
        let pick = by_year
            .filter(|f| tied.iter().any(|t| t.id == f.id))
            .or_else(|| tied.first().copied());
        if let Some(f) = pick {
            return Some((
                f,
                format!(
                    "根据表格的栏目判断为{}（{}处只有该格式才有的栏目）",
                    f.name, best
                ),
            ));
        }
    }
    by_year.or_else(|| registry.current()).map(|f| {
        (
            f,
            format!("表格中没有能区分格式的栏目，按年度采用{}", f.name),
        )
    })
}

/// A year when the title has none: the preamble's 统计期限, else the first year in section 一,
/// else the year before the date under the title or in the 落款, else last year (a report is
/// written early in the year after the one it covers).
fn guess_year(
    front: &sections::Front,
    prose: &sections::Prose,
    format: &Format,
    options: &ImportOptions,
) -> (u16, Option<String>) {
    let preamble = front.preamble.join("\n");
    let first_section = prose
        .sections
        .get(&0)
        .map(|lines| lines.join("\n"))
        .unwrap_or_default();
    if let Some(y) = sections::year_in(&preamble).or_else(|| sections::year_in(&first_section)) {
        return (
            y,
            Some(format!(
                "标题中没有年度，按正文中的“{y}年”定为 {y} 年度，请核对"
            )),
        );
    }
    let last_lines = prose
        .found
        .iter()
        .max()
        .and_then(|si| prose.sections.get(si))
        .map(Vec::as_slice)
        .unwrap_or_default();
    let dated = front.date.or_else(|| sections::signature(last_lines).1);
    if let Some(date) = dated {
        let y = date.year.saturating_sub(1);
        return (
            y,
            Some(format!(
                "原文中没有写明年度，按成文日期 {date} 定为 {y} 年度，请核对"
            )),
        );
    }
    if let Some(y) = options.current_year.map(|y| y.saturating_sub(1)) {
        return (
            y,
            Some(format!(
                "原文中没有找到年度，按今年（{}年）暂定为上一年度 {y} 年度（年度报告在次年年初编写），请在报告信息中核对",
                y.saturating_add(1)
            )),
        );
    }
    let y = format.last_year.unwrap_or(format.first_year);
    (
        y,
        Some(format!(
            "原文中没有找到年度，暂定为 {y} 年度，请在报告信息中改正"
        )),
    )
}

fn fill_meta(
    meta: &mut Meta,
    front: &sections::Front,
    year: u16,
    portal: &portal::PortalMeta,
    notes: &mut Notes,
) {
    meta.title = front.title.clone();
    meta.agency = sections::agency_in(&front.title, Some(year));
    meta.doc_number = front.doc_number.clone();
    meta.preamble = front.preamble.join("\n");
    meta.signature_date = front.date;
    let portal_agency = portal.agency.as_deref().filter(|_| meta.agency.is_empty());
    if meta.title.is_empty() {
        notes.add(None, None, "没有找到报告标题，请补写".to_owned());
    } else if let Some(agency) = portal_agency {
        // The portal's 发布机构 names the agency a title like “2024年度政府信息公开工作年度报告”
        // leaves out.
        meta.agency = agency.to_owned();
        notes.add(
            None,
            None,
            format!(
                "标题“{}”中没有机关名称，机关名称按网页的发布机构读作“{agency}”，请核对",
                meta.title
            ),
        );
    } else if meta.agency.is_empty() {
        notes.add(
            None,
            None,
            format!("没有从标题“{}”中读出机关名称，请补写", meta.title),
        );
    } else if meta.title != Meta::default_title(&meta.agency, year) {
        notes.add(
            None,
            None,
            format!(
                "标题“{}”与常见写法“{}”不同，已原样保留；机关名称读作“{}”，年度 {year}",
                meta.title,
                Meta::default_title(&meta.agency, year),
                meta.agency
            ),
        );
    }
}

fn fill_prose(
    report: &mut Report,
    prose: &sections::Prose,
    portal: &portal::PortalMeta,
    notes: &mut Notes,
) {
    let format = report.format;
    let last_found = prose.found.iter().copied().max();
    for (si, section) in format.sections.iter().enumerate() {
        let mut lines: Vec<String> = prose.sections.get(&si).cloned().unwrap_or_default();
        if Some(si) == last_found {
            let (unit, date, taken) = sections::signature(&lines);
            if taken > 0 {
                lines.truncate(lines.len().saturating_sub(taken));
                report.meta.signature_unit = unit;
                if date.is_some() {
                    report.meta.signature_date = date;
                }
            }
        }
        let text = lines.join("\n");
        let found = prose.found.contains(&si);
        if !found {
            notes.add(
                None,
                Some(section.id.clone()),
                format!(
                    "没有找到第{}部分“{}”的标题；如原文有这一部分，请核对其标题（其内容可能并入了上一部分）",
                    section.number,
                    format.section_heading(section)
                ),
            );
        }
        if let Some((_, printed)) = prose.retitled.iter().find(|(s, _)| *s == si) {
            notes.add(
                None,
                Some(section.id.clone()),
                format!(
                    "原文的“{printed}”按所在位置和序号读作第{}部分“{}”，请核对",
                    section.number,
                    format.section_heading(section)
                ),
            );
        }
        match section.prose {
            ProseKind::Main => {
                report.prose.insert(section.id.clone(), text);
            }
            ProseKind::Optional if !text.is_empty() => {
                report.prose.insert(section.id.clone(), text);
            }
            ProseKind::Optional => {}
        }
    }
    // No 落款 date: the page's 成文日期, else its 公开日期, stands in for it. The draft has no
    // field of its own for the publication date, and a report is published within days of being
    // signed, so the M-DEADLINE check reads the right month; the note says it is the page's.
    let page_date = portal
        .written
        .map(|d| (d, "成文日期"))
        .or(portal.published.map(|d| (d, "公开日期")));
    if report.meta.signature_date.is_none()
        && let Some((date, field)) = page_date
    {
        report.meta.signature_date = Some(date);
        let unit = if report.meta.signature_unit.is_empty() {
            "，落款单位请补写"
        } else {
            ""
        };
        notes.add(
            None,
            None,
            format!("原文没有落款日期，成文日期按网页的{field}填为“{date}”，请核对{unit}"),
        );
    }
    if report.meta.signature_unit.is_empty() && report.meta.signature_date.is_none() {
        notes.add(
            None,
            None,
            "原文没有落款（单位名称和成文日期），请补写".to_owned(),
        );
    }
}

#[cfg(test)]
mod tests;
