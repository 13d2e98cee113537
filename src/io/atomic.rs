//! Writing a file so that a crash, a power cut or a full disk never leaves it half written: a
//! temporary file in the same folder, flushed and synced, renamed over the target.

use std::fs;
use std::io::Write;
use std::path::{Path, PathBuf};

/// Whether the file being replaced is kept beside the new one.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Backup {
    /// Keep the previous file as `NAME.bak` (drafts).
    Keep,
    /// Replace it (exports, the recovery file).
    None,
}

/// A file could not be written; the previous file (if any) is untouched.
#[derive(Debug, thiserror::Error)]
#[error("无法保存到“{}”：{source}。原文件没有被改动。", path.display())]
pub struct WriteError {
    /// The file.
    pub path: PathBuf,
    /// The cause.
    pub source: std::io::Error,
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

/// Writes `bytes` to `path` atomically: a temporary file in the same folder is written, flushed
/// and synced, the previous file is copied to `.bak` (with [`Backup::Keep`]), then the temporary
/// file is renamed over `path`.
pub fn write_atomic(path: &Path, bytes: &[u8], backup: Backup) -> Result<(), WriteError> {
    let write_err = |source| WriteError {
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
        if backup == Backup::Keep && path.exists() {
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
