//! Drafts as RON files: a versioned schema, atomic saves that keep a `.bak`, and loading that
//! never panics and never writes.

use std::collections::BTreeMap;
use std::fs;
use std::path::{Path, PathBuf};

use serde::{Deserialize, Serialize};

use super::atomic::{self, Backup, WriteError};
use crate::model::format::{self, Registry};
use crate::model::{CellValue, Meta, Note, PreviousYear, Report};

/// The schema version this build writes; newer files are refused.
pub const SCHEMA_VERSION: u32 = 1;

/// Drafts larger than this are refused (a real one is a few tens of KB).
const MAX_DRAFT_BYTES: u64 = 64 * 1024 * 1024;

/// Why a draft could not be read or written. Messages are for the clerk.
#[derive(Debug, thiserror::Error)]
pub enum DraftError {
    /// The file could not be read.
    #[error("无法读取文件“{path}”：{source}")]
    Read {
        /// The file.
        path: PathBuf,
        /// The cause.
        source: std::io::Error,
    },
    /// The file could not be written; the previous file is untouched.
    #[error(transparent)]
    Write(#[from] WriteError),
    /// The file is too large to be a draft.
    #[error("文件太大（{0} 字节），不是 nianbao 草稿")]
    TooLarge(u64),
    /// Not UTF-8 text.
    #[error("文件不是文本格式的草稿（不是 UTF-8 编码），可能已损坏或不是 nianbao 草稿")]
    NotText,
    /// RON syntax or shape error.
    #[error("草稿文件内容有误{}：{message}。文件没有被修改，可以用备份文件（.bak）或上次保存的版本恢复。", position.map(|(l, c)| format!("（第 {l} 行第 {c} 列）")).unwrap_or_default())]
    Syntax {
        /// Line and column, where RON gives them.
        position: Option<(usize, usize)>,
        /// RON's description.
        message: String,
    },
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
}

fn syntax(e: &ron::error::SpannedError) -> DraftError {
    let p = e.span.start;
    DraftError::Syntax {
        position: (p.line > 0).then_some((p.line, p.col)),
        message: e.code.to_string(),
    }
}

/// Parses a draft from its text.
pub fn from_str(text: &str) -> Result<Report, DraftError> {
    from_str_in(format::builtin(), text)
}

/// Parses a draft whose format is one of `registry`'s (the built-in one, or a test's).
pub fn from_str_in(registry: &'static Registry, text: &str) -> Result<Report, DraftError> {
    let header: Header = ron::from_str(text).map_err(|e| syntax(&e))?;
    if header.schema_version > SCHEMA_VERSION {
        return Err(DraftError::NewerSchema(header.schema_version));
    }
    let format = registry
        .by_id(&header.format)
        .ok_or_else(|| DraftError::UnknownFormat(header.format.clone()))?;
    let file: DraftFile = ron::from_str(text).map_err(|e| syntax(&e))?;
    let mut report = Report::new(format, file.meta.year);
    report.meta = file.meta;
    report.prose = file.prose;
    report.previous = file.previous;
    report.notes = file.notes;
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
    };
    let config = ron::ser::PrettyConfig::new()
        .new_line("\n")
        .indentor("    ");
    let mut text = ron::ser::to_string_pretty(&file, config)
        .map_err(|e| DraftError::Serialize(e.to_string()))?;
    text.push('\n');
    Ok(text)
}

/// Reads a draft. Never writes anything.
pub fn load(path: &Path) -> Result<Report, DraftError> {
    let read_err = |source| DraftError::Read {
        path: path.to_owned(),
        source,
    };
    let size = fs::metadata(path).map_err(read_err)?.len();
    if size > MAX_DRAFT_BYTES {
        return Err(DraftError::TooLarge(size));
    }
    let bytes = fs::read(path).map_err(read_err)?;
    let text = String::from_utf8(bytes).map_err(|_| DraftError::NotText)?;
    from_str(text.strip_prefix('\u{feff}').unwrap_or(&text))
}

/// Saves a draft atomically (see [`atomic::write_atomic`]), keeping the previous file as
/// `NAME.ron.bak`. A crash or power cut at any point leaves either the old or the new draft whole.
pub fn save(report: &Report, path: &Path) -> Result<(), DraftError> {
    Ok(atomic::write_atomic(
        path,
        to_string(report)?.as_bytes(),
        Backup::Keep,
    )?)
}

#[cfg(test)]
mod tests;
