//! Drafts as RON files: a versioned schema, atomic saves that keep a `.bak`, and loading that
//! never panics and never writes.

use std::collections::BTreeMap;
use std::path::{Path, PathBuf};

use serde::{Deserialize, Serialize};

use super::atomic::{self, Backup, WriteError};
use super::os_error::describe;
use super::read::{ReadFailure, read_capped};
use crate::model::fields::{self, DataField};
use crate::model::format::{self, Registry};
use crate::model::{CellValue, Date, Meta, Note, PreviousYear, Report};

/// The schema version this build writes; newer files are refused. 2 added the live figures of
/// the prose (`fields`); a version 1 draft has none and opens unchanged.
pub const SCHEMA_VERSION: u32 = 2;

/// Drafts larger than this are refused (a real one is a few tens of KB).
const MAX_DRAFT_BYTES: u64 = 64 * 1024 * 1024;

/// Why a draft could not be read or written. Messages are for the clerk.
#[derive(Debug, thiserror::Error)]
pub enum DraftError {
    /// The file could not be read.
    #[error("无法读取文件“{}”：{}", path.display(), describe(source))]
    Read {
        /// The file.
        path: PathBuf,
        /// The cause.
        source: std::io::Error,
    },
    /// A folder, a device, a pipe: not a file that can hold a draft.
    #[error("“{}”不是普通文件（可能是文件夹、设备或管道），不能作为草稿打开", .0.display())]
    NotAFile(PathBuf),
    /// The file could not be written; the previous file is untouched.
    #[error(transparent)]
    Write(#[from] WriteError),
    /// The file is too large to be a draft.
    #[error("文件超过 {} MB，不是 nianbao 草稿（草稿通常只有几十 KB）", .0 / 1024 / 1024)]
    TooLarge(u64),
    /// Nothing in it (0 bytes, or only spaces).
    #[error(
        "文件是空的，里面没有草稿。文件没有被修改；如果它原来是草稿，请打开同一文件夹中的备份（文件名后加 .bak），或上次保存的版本。"
    )]
    Empty,
    /// It ends before the draft does: a save cut off (power, a full disk), a copy cut short.
    #[error(
        "草稿文件内容有误：文件不完整（可能在保存时被中断），草稿在中途结束了。文件没有被修改；请打开同一文件夹中的备份（文件名后加 .bak），或上次保存的版本。"
    )]
    Truncated {
        /// Where it ends and what the parser said, for 详细信息.
        detail: String,
    },
    /// Bytes that are no text inside the file.
    #[error("文件中有无法识别的内容，可能已损坏，或不是 nianbao 保存的草稿。文件没有被修改。")]
    NotText {
        /// Where the bytes are, for 详细信息.
        detail: String,
    },
    /// RON syntax or shape error.
    #[error("草稿文件内容有误{}：{message}。文件没有被修改，可以用备份文件（.bak）或上次保存的版本恢复。", position.map(|(l, c)| format!("（第 {l} 行第 {c} 列）")).unwrap_or_default())]
    Syntax {
        /// Line and column, where RON gives them.
        position: Option<(usize, usize)>,
        /// What is wrong, in Chinese.
        message: String,
        /// RON's own words, for 详细信息 (never in the message).
        detail: String,
    },
    /// A 成文日期 no calendar has.
    #[error(
        "草稿中的成文日期“{}年{}月{}日”不是有效日期（月份应为 1–12，日数不超过当月天数，年份在 {}–{} 之间）。文件没有被修改；请用文本编辑器改正或删去 signature_date 一项后再打开。",
        .0.year, .0.month, .0.day, years().start(), years().end()
    )]
    BadDate(Date),
    /// Written by a newer nianbao.
    #[error(
        "这个草稿由更新版本的 nianbao 保存（草稿格式版本 {0}，本程序支持到 {SCHEMA_VERSION}），请升级后再打开。文件没有被修改。"
    )]
    NewerSchema(u32),
    /// A format this build does not know.
    #[error(
        "草稿使用了未知的报告格式“{0}”，本程序支持 {supported}。文件没有被修改；如果草稿来自更新版本的 nianbao，请升级后再打开。",
        supported = format::builtin().id_list()
    )]
    UnknownFormat(String),
    /// A cell id that the format does not have.
    #[error("草稿中有报告格式“{format}”没有的单元格“{cell}”，文件可能已损坏。文件没有被修改。")]
    UnknownCell {
        /// Format id.
        format: String,
        /// Cell id.
        cell: String,
    },
    /// Serialisation failed (should not happen).
    #[error("无法生成草稿内容：{0}")]
    Serialize(String),
}

/// The file's first fields, read before the rest so a newer schema is refused cleanly.
#[derive(Deserialize)]
struct Header {
    schema_version: u32,
    format: String,
}

/// The on-disk shape of a draft.
#[derive(Serialize, Deserialize)]
struct DraftFile {
    schema_version: u32,
    format: String,
    meta: Meta,
    #[serde(default)]
    prose: BTreeMap<String, String>,
    #[serde(default)]
    cells: BTreeMap<String, CellValue>,
    #[serde(default)]
    previous: Option<PreviousYear>,
    #[serde(default)]
    notes: Vec<Note>,
    /// The live figures of the prose by section (schema 2).
    #[serde(default, skip_serializing_if = "BTreeMap::is_empty")]
    fields: BTreeMap<String, Vec<DataField>>,
}

impl DraftError {
    /// What the clerk may open under 详细信息: the parser's or the system's own words, the
    /// position. `None` where the message says it all.
    pub fn details(&self) -> Option<String> {
        match self {
            DraftError::Truncated { detail }
            | DraftError::NotText { detail }
            | DraftError::Syntax { detail, .. } => Some(detail.clone()),
            DraftError::Read { source, .. } => Some(source.to_string()),
            _ => None,
        }
    }
}

/// A RON error as the clerk reads it: Chinese, with the position; RON's words go to
/// [`DraftError::details`].
pub fn syntax(e: &ron::error::SpannedError) -> DraftError {
    let p = e.span.start;
    let detail = format!("第 {} 行第 {} 列：{}", p.line, p.col, e.code);
    if matches!(e.code, ron::Error::Eof) {
        return DraftError::Truncated { detail };
    }
    DraftError::Syntax {
        position: (p.line > 0).then_some((p.line, p.col)),
        message: ron_problem(&e.code),
        detail,
    }
}

/// A RON error in `text`: one where the text runs out (a save cut off mid-way) is
/// [`DraftError::Truncated`], whatever RON calls it (an unclosed bracket, a string without its
/// end quote).
fn parse_error(text: &str, e: &ron::error::SpannedError) -> DraftError {
    match syntax(e) {
        DraftError::Syntax { detail, .. } if cut_short(text) => DraftError::Truncated { detail },
        other => other,
    }
}

/// Whether `text` stops inside a string or with a bracket still open: the end of a draft (which
/// closes everything it opens) is missing.
fn cut_short(text: &str) -> bool {
    let (mut depth, mut in_string, mut escaped) = (0_usize, false, false);
    for c in text.chars() {
        if in_string {
            match c {
                _ if escaped => escaped = false,
                '\\' => escaped = true,
                '"' => in_string = false,
                _ => {}
            }
            continue;
        }
        match c {
            '"' => in_string = true,
            '(' | '[' | '{' => depth += 1,
            ')' | ']' | '}' => depth = depth.saturating_sub(1),
            _ => {}
        }
    }
    in_string || depth > 0
}

/// What RON found wrong, in Chinese.
fn ron_problem(code: &ron::Error) -> String {
    use ron::Error as E;
    let what = match code {
        E::Eof => "文件在中途结束了（可能在保存时被中断）",
        E::ExceededRecursionLimit => "括号嵌套太深",
        E::Utf8Error(_) => "含有无法识别的字符",
        E::TrailingCharacters => "结尾有多余的内容",
        E::UnclosedBlockComment | E::UnclosedLineComment => "注释没有结束",
        E::ExpectedString | E::ExpectedStringEnd => "这里应是带引号的文字",
        E::ExpectedInteger | E::IntegerOutOfBounds | E::InvalidIntegerDigit { .. } => {
            "这里应是一个整数（或数字超出范围）"
        }
        E::InvalidEscape(_) => "文字中有无效的转义符",
        E::MissingStructField { .. } => "缺少必需的一项",
        E::DuplicateStructField { .. } => "同一项写了两次",
        E::NoSuchStructField { .. } | E::NoSuchEnumVariant { .. } => "有本程序不认识的项",
        E::Message(_) => "内容不符合草稿格式",
        _ => "格式不对（括号、逗号或冒号有误）",
    };
    what.to_owned()
}

/// The years a 成文日期 may have (see [`format::Registry::signature_years`]).
fn years() -> std::ops::RangeInclusive<u16> {
    format::builtin().signature_years()
}

/// Whether `date` is a real day of a plausible year (the model's rule, which the importer and
/// the editor's date picker follow too).
fn is_real_date(date: Date) -> bool {
    format::builtin().is_signature_date(date)
}

/// Parses a draft from its text.
pub fn from_str(text: &str) -> Result<Report, DraftError> {
    from_str_in(format::builtin(), text)
}

/// Parses a draft whose format is one of `registry`'s (the built-in one, or a test's).
pub fn from_str_in(registry: &'static Registry, text: &str) -> Result<Report, DraftError> {
    if text.trim().is_empty() {
        return Err(DraftError::Empty);
    }
    let header: Header = ron::from_str(text).map_err(|e| parse_error(text, &e))?;
    if header.schema_version > SCHEMA_VERSION {
        return Err(DraftError::NewerSchema(header.schema_version));
    }
    let format = registry
        .by_id(&header.format)
        .ok_or_else(|| DraftError::UnknownFormat(header.format.clone()))?;
    let file: DraftFile = ron::from_str(text).map_err(|e| parse_error(text, &e))?;
    if let Some(date) = file.meta.signature_date
        && !is_real_date(date)
    {
        return Err(DraftError::BadDate(date));
    }
    let mut report = Report::new(format, file.meta.year);
    report.meta = file.meta;
    report.prose = file.prose;
    report.previous = file.previous;
    report.notes = file.notes;
    report.fields = file.fields;
    // A person may have edited the file: a figure that no longer fits its prose becomes text.
    fields::validate(&mut report);
    for (id, value) in file.cells {
        let Some(ix) = format.cell_index(&id) else {
            return Err(DraftError::UnknownCell {
                format: format.id.clone(),
                cell: id,
            });
        };
        if let Some(slot) = report.cells.get_mut(ix) {
            *slot = Some(value);
        }
    }
    Ok(report)
}

/// Serialises a draft: `\n` line ends on every system, so a draft is byte-identical on Windows.
pub fn to_string(report: &Report) -> Result<String, DraftError> {
    let cells = report
        .cells
        .iter()
        .enumerate()
        .filter_map(|(ix, v)| Some((report.format.cell_id(ix).to_owned(), v.clone()?)))
        .collect();
    let file = DraftFile {
        schema_version: SCHEMA_VERSION,
        format: report.format.id.clone(),
        meta: report.meta.clone(),
        prose: report.prose.clone(),
        cells,
        previous: report.previous.clone(),
        notes: report.notes.clone(),
        fields: report
            .fields
            .iter()
            .filter(|(_, f)| !f.is_empty())
            .map(|(k, f)| (k.clone(), f.clone()))
            .collect(),
    };
    let config = ron::ser::PrettyConfig::new()
        .new_line("\n")
        .indentor("    ");
    let mut text = ron::ser::to_string_pretty(&file, config)
        .map_err(|e| DraftError::Serialize(e.to_string()))?;
    text.push('\n');
    Ok(text)
}

/// Reads a draft: a regular file (links followed) of at most 64 MB. Never writes anything.
pub fn load(path: &Path) -> Result<Report, DraftError> {
    let bytes = read_capped(path, MAX_DRAFT_BYTES).map_err(|failure| match failure {
        ReadFailure::Io(source) => DraftError::Read {
            path: path.to_owned(),
            source,
        },
        ReadFailure::NotAFile => DraftError::NotAFile(path.to_owned()),
        ReadFailure::TooLarge(limit) => DraftError::TooLarge(limit),
    })?;
    let text = String::from_utf8(bytes).map_err(|e| not_text(&e))?;
    from_str(text.strip_prefix('\u{feff}').unwrap_or(&text))
}

/// Bytes that are not UTF-8: a character cut at the very end is a save cut off mid-way, others
/// are damage (or not a draft).
fn not_text(e: &std::string::FromUtf8Error) -> DraftError {
    let at = e.utf8_error().valid_up_to();
    match e.utf8_error().error_len() {
        None => DraftError::Truncated {
            detail: format!(
                "文件在第 {at} 字节处结束，最后一个字只有一部分（不完整的 UTF-8 字符）"
            ),
        },
        Some(_) => DraftError::NotText {
            detail: format!("第 {at} 字节起不是 UTF-8 文本"),
        },
    }
}

/// Saves a draft atomically (see [`atomic::write_atomic`]), keeping the previous file as
/// `NAME.ron.bak`. A crash or power cut at any point leaves either the old or the new draft whole.
///
/// First the folder is tidied of temporary files that earlier saves left behind (see
/// [`stale_temps`]): one that holds a complete draft newer than its file is kept under a visible
/// name ([`Leftover::keep_as`]), the others are removed.
pub fn save(report: &Report, path: &Path) -> Result<(), DraftError> {
    let text = to_string(report)?;
    if let Ok(target) = atomic::resolve_links(path) {
        tidy(&atomic::folder_of(&target));
    }
    Ok(atomic::write_atomic(path, text.as_bytes(), Backup::Keep)?)
}

mod leftovers;
use leftovers::tidy;
pub use leftovers::{Leftover, keep_leftovers, stale_temps};

#[cfg(test)]
mod tests;
