//! 汇总 on disk: the report files under the folders a county office gives, read on worker
//! threads with progress, and what the summary writes (the matrix, the 退回意见).

use std::path::{Path, PathBuf};
use std::sync::Mutex;
use std::sync::atomic::{AtomicUsize, Ordering};

use super::atomic::{Backup, WriteError, write_atomic};
use super::{FileType, open_any};
use crate::model::import::Importer;
use crate::model::sum::{Summary, UnitInput};

/// Folders deeper than this under an input are not walked (a link loop must end).
const MAX_DEPTH: usize = 32;
/// At most this many files are read at once.
const MAX_THREADS: usize = 8;

/// The report files under `inputs`, sorted by path: a file given by name is taken whatever its
/// ending (it will say why it cannot be read); in a folder, every file nianbao reads a report
/// from, in every subfolder. Files in `skip` (the total being written, the report checked
/// against it), backups (`.bak`) and the 明细 workbooks of earlier 汇总 are left out.
pub fn collect(inputs: &[PathBuf], skip: &[PathBuf]) -> Vec<PathBuf> {
    let skip: Vec<PathBuf> = skip.iter().map(|p| comparable(p)).collect();
    let mut files = Vec::new();
    for input in inputs {
        if input.is_dir() {
            walk(input, 0, &mut files);
        } else {
            files.push(input.clone());
        }
    }
    files.retain(|f| !skip.contains(&comparable(f)));
    files.sort();
    files.dedup();
    files
}

fn walk(dir: &Path, depth: usize, files: &mut Vec<PathBuf>) {
    if depth > MAX_DEPTH {
        return;
    }
    let Ok(entries) = std::fs::read_dir(dir) else {
        // An unreadable folder: nothing in it can be summed; the office sees who is missing.
        return;
    };
    for entry in entries.flatten() {
        let path = entry.path();
        let Ok(kind) = entry.file_type() else {
            continue;
        };
        if kind.is_dir() {
            walk(&path, depth + 1, files);
        } else if FileType::of(&path).is_some_and(FileType::is_readable)
            && !super::file_type::is_backup(&path)
            && !is_sum_workbook(&path)
        {
            // A draft's backup (`.ron.bak`) is the same unit's previous version: summing it
            // would count the unit twice.
            files.push(path);
        }
    }
}

/// Whether `path` is a 明细 workbook an earlier 汇总 wrote (`--matrix`): not a unit's report.
fn is_sum_workbook(path: &Path) -> bool {
    FileType::of(path) == Some(FileType::Excel)
        && super::read::read_capped(path, super::MAX_IMPORT_BYTES)
            .is_ok_and(|bytes| Importer::builtin(super::import_options()).is_sum_workbook(&bytes))
}

/// A path as compared with another: absolute and without `..` where the file system says so.
fn comparable(path: &Path) -> PathBuf {
    if let Ok(p) = path.canonicalize() {
        return p;
    }
    // Not written yet: its folder may exist.
    match (path.parent(), path.file_name()) {
        (Some(parent), Some(name)) => {
            let parent = if parent.as_os_str().is_empty() {
                Path::new(".")
            } else {
                parent
            };
            parent
                .canonicalize()
                .map_or_else(|_| path.to_path_buf(), |p| p.join(name))
        }
        _ => path.to_path_buf(),
    }
}

/// Reads every file (on up to [`MAX_THREADS`] worker threads) into what the summary takes, in
/// the order given. `progress(read, all)` is called from the workers after each file (the 汇总
/// window shows 已读 N/M); a file that cannot be read, or whose reading fails unexpectedly, is a
/// unit with the reason.
pub fn read_units(files: &[PathBuf], progress: &(dyn Fn(usize, usize) + Sync)) -> Vec<UnitInput> {
    let next = AtomicUsize::new(0);
    let done = AtomicUsize::new(0);
    let slots: Vec<Mutex<Option<UnitInput>>> = files.iter().map(|_| Mutex::new(None)).collect();
    let threads = std::thread::available_parallelism()
        .map_or(1, std::num::NonZeroUsize::get)
        .clamp(1, MAX_THREADS)
        .min(files.len().max(1));
    std::thread::scope(|scope| {
        for _ in 0..threads {
            scope.spawn(|| {
                loop {
                    let i = next.fetch_add(1, Ordering::Relaxed);
                    let Some(path) = files.get(i) else { break };
                    let unit = read_unit(path);
                    if let Some(slot) = slots.get(i)
                        && let Ok(mut slot) = slot.lock()
                    {
                        *slot = Some(unit);
                    }
                    progress(done.fetch_add(1, Ordering::Relaxed) + 1, files.len());
                }
            });
        }
    });
    slots
        .into_iter()
        .zip(files)
        .map(|(slot, path)| {
            slot.into_inner()
                .ok()
                .flatten()
                .unwrap_or_else(|| UnitInput {
                    file: path.display().to_string(),
                    read: Err("读取时程序出错，文件没有被改动".to_owned()),
                })
        })
        .collect()
}

/// One file as a unit; a panic while importing is caught and reported as the unit's error, so
/// one odd file never stops the batch.
fn read_unit(path: &Path) -> UnitInput {
    let read = std::panic::catch_unwind(|| open_any(path))
        .map_err(|_| "读取这个文件时程序出错，已跳过；文件没有被改动".to_owned())
        .and_then(|r| r.map(|o| o.report).map_err(|e| e.to_string()));
    UnitInput {
        file: path.display().to_string(),
        read,
    }
}

/// The whole 汇总 from paths, for the window's worker thread and the command line: the files
/// under `inputs` (less `skip`), read with `progress(read, all)`, summed. The files come back in
/// the order of [`Summary::units`], so a unit's file can be opened in the editor.
pub fn summarize_paths(
    inputs: &[PathBuf],
    skip: &[PathBuf],
    options: &crate::model::sum::SumOptions,
    progress: &(dyn Fn(usize, usize) + Sync),
) -> (Vec<PathBuf>, Summary) {
    let files = collect(inputs, skip);
    let units = read_units(&files, progress);
    (files, crate::model::sum::summarize(units, options))
}

/// Reads a roster: UTF-8 (with or without BOM) or, failing that, GBK as Notepad saves it.
pub fn read_roster(path: &Path) -> Result<Vec<String>, std::io::Error> {
    let bytes = std::fs::read(path)?;
    let text = match std::str::from_utf8(&bytes) {
        Ok(t) => t.to_owned(),
        Err(_) => encoding_rs::GB18030.decode(&bytes).0.into_owned(),
    };
    Ok(crate::model::sum::parse_roster(&text))
}

/// Writes every 退回意见 of the summary into `dir` (created if needed) as UTF-8 text with a BOM
/// and Windows line ends, so Notepad on an old PC shows it; returns the files written.
pub fn write_return_notes(summary: &Summary, dir: &Path) -> Result<Vec<PathBuf>, WriteError> {
    std::fs::create_dir_all(dir).map_err(|source| WriteError {
        path: dir.to_path_buf(),
        source,
    })?;
    let mut written = Vec::new();
    for note in summary.return_notes() {
        let path = dir.join(&note.file_name);
        let mut bytes = "\u{feff}".as_bytes().to_vec();
        bytes.extend_from_slice(note.text.replace('\n', "\r\n").as_bytes());
        write_atomic(&path, &bytes, Backup::None)?;
        written.push(path);
    }
    Ok(written)
}
