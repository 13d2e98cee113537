//! Drafts as RON files: a versioned schema, atomic saves that keep a `.bak`, and loading that
//! never panics and never writes.

use std::collections::BTreeMap;
use std::fs;
use std::io::Write;
use std::path::{Path, PathBuf};

use serde::{Deserialize, Serialize};

use crate::model::format;
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
    #[error("无法保存到“{path}”：{source}。原文件没有被改动。")]
    Write {
        /// The file.
        path: PathBuf,
        /// The cause.
        source: std::io::Error,
    },
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
    #[error("草稿使用了未知的报告格式“{0}”，本程序支持 gb2021、gb2019")]
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
    let header: Header = ron::from_str(text).map_err(|e| syntax(&e))?;
    if header.schema_version > SCHEMA_VERSION {
        return Err(DraftError::NewerSchema(header.schema_version));
    }
    let format = format::by_id(&header.format)
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

/// The backup kept beside a draft: `报告.ron` → `报告.ron.bak`.
pub fn backup_path(path: &Path) -> PathBuf {
    let mut name = path
        .file_name()
        .map(|n| n.to_os_string())
        .unwrap_or_default();
    name.push(".bak");
    path.with_file_name(name)
}

/// Saves a draft atomically: writes a temporary file in the same folder, flushes and syncs it,
/// copies the previous file to `.bak`, then renames the temporary file over the draft. A crash
/// or power cut at any point leaves either the old or the new draft whole.
pub fn save(report: &Report, path: &Path) -> Result<(), DraftError> {
    write_atomic(path, to_string(report)?.as_bytes(), true)
}

/// Writes bytes to `path` atomically (see [`save`]); with `keep_backup`, the previous file is
/// kept as `.bak`.
pub fn write_atomic(path: &Path, bytes: &[u8], keep_backup: bool) -> Result<(), DraftError> {
    let write_err = |source| DraftError::Write {
        path: path.to_owned(),
        source,
    };
    let dir = match path.parent() {
        Some(d) if !d.as_os_str().is_empty() => d.to_owned(),
        _ => PathBuf::from("."),
    };
    let mut tmp_name = std::ffi::OsString::from(".");
    tmp_name.push(path.file_name().unwrap_or_default());
    tmp_name.push(format!(".{}.tmp", std::process::id()));
    let tmp = dir.join(tmp_name);
    let result = (|| {
        let mut file = fs::File::create(&tmp)?;
        file.write_all(bytes)?;
        file.flush()?;
        file.sync_all()?;
        drop(file);
        if keep_backup && path.exists() {
            fs::copy(path, backup_path(path))?;
        }
        rename_with_retry(&tmp, path)?;
        // Make the rename itself durable where the platform allows syncing a folder.
        if let Ok(d) = fs::File::open(&dir) {
            let _ = d.sync_all();
        }
        Ok(())
    })();
    if result.is_err() {
        let _ = fs::remove_file(&tmp);
    }
    result.map_err(write_err)
}

/// Renames, retrying briefly: on Windows an antivirus scan or an indexer can hold the target for
/// a moment, and the rename then fails with "access denied" although a retry succeeds.
fn rename_with_retry(from: &Path, to: &Path) -> std::io::Result<()> {
    let mut attempt = 0;
    loop {
        match fs::rename(from, to) {
            Err(e) if attempt < 5 && e.kind() == std::io::ErrorKind::PermissionDenied => {
                attempt += 1;
                std::thread::sleep(std::time::Duration::from_millis(100 * attempt));
            }
            result => return result,
        }
    }
}

#[cfg(test)]
mod tests;
