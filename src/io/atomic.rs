//! Writing a file so that a crash, a power cut or a full disk never leaves it half written: a
//! temporary file in the same folder, flushed and synced, renamed over the target.
//!
//! At every instant the target and (with [`Backup::Keep`]) its `.bak` each exist complete: the
//! backup is a hard link to the old file (a synced copy where the folder has no hard links),
//! renamed over the old backup, before the new file is renamed over the target. Links are
//! followed (the link's target is written, the link stays), the file's permissions are kept, and
//! temporary names are short (`.nb-1a2b3c4d-1234.tmp`), so a 253-byte file name still saves.

use std::ffi::OsStr;
use std::fs;
use std::io::{ErrorKind, Write};
use std::path::{Path, PathBuf};
use std::time::{Duration, SystemTime};

use super::os_error::describe;

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
#[error("无法保存到“{}”：{}。原文件没有被改动。", path.display(), describe(source))]
pub struct WriteError {
    /// The file.
    pub path: PathBuf,
    /// The cause.
    pub source: std::io::Error,
}

/// The longest file name most file systems take (bytes on Linux, UTF-16 units on Windows).
const MAX_NAME_BYTES: usize = 255;

/// The backup kept beside a draft: `报告.ron` → `报告.ron.bak`. Where that name would be too long,
/// the stem is shortened: `很长的名字….ron` → `很长的~.ron.bak`.
pub fn backup_path(path: &Path) -> PathBuf {
    let name = path
        .file_name()
        .map(|n| n.to_string_lossy().into_owned())
        .unwrap_or_default();
    let full = format!("{name}.bak");
    if full.len() <= MAX_NAME_BYTES {
        return path.with_file_name(full);
    }
    let (stem, ext) = match name.rsplit_once('.') {
        Some((stem, ext)) if ext.len() < 16 => (stem, format!(".{ext}")),
        _ => (name.as_str(), String::new()),
    };
    let room = MAX_NAME_BYTES.saturating_sub(ext.len() + "~.bak".len());
    let mut cut = room.min(stem.len());
    while !stem.is_char_boundary(cut) {
        cut -= 1;
    }
    path.with_file_name(format!("{}~{ext}.bak", stem.get(..cut).unwrap_or_default()))
}

/// The start of every temporary file name this module makes.
const TEMP_PREFIX: &str = ".nb-";
/// The end of a temporary file with the new content.
const TEMP_SUFFIX: &str = ".tmp";
/// The end of a temporary link to the old file, on its way to becoming the `.bak`.
const BACKUP_TEMP_SUFFIX: &str = ".bak.tmp";

/// FNV-1a of a file name: ties a temporary file to its target without spelling the name out.
fn name_hash(name: &OsStr) -> u32 {
    name.to_string_lossy().bytes().fold(0x811c_9dc5, |h, b| {
        (h ^ u32::from(b)).wrapping_mul(0x0100_0193)
    })
}

/// `.nb-<hash of the target's name>-<process id>.tmp` (or `.bak.tmp`).
fn temp_name(target_name: &OsStr, backup: bool) -> String {
    let suffix = if backup {
        BACKUP_TEMP_SUFFIX
    } else {
        TEMP_SUFFIX
    };
    format!(
        "{TEMP_PREFIX}{:08x}-{}{suffix}",
        name_hash(target_name),
        std::process::id()
    )
}

/// The folder a file is in (`.` for a bare name).
pub fn folder_of(path: &Path) -> PathBuf {
    match path.parent() {
        Some(d) if !d.as_os_str().is_empty() => d.to_owned(),
        _ => PathBuf::from("."),
    }
}

/// The file a path names after following symbolic links (a link to a link too), so a save
/// writes the file and leaves the link in place. A dangling link names the file it would create.
pub fn resolve_links(path: &Path) -> std::io::Result<PathBuf> {
    let mut current = path.to_owned();
    for _ in 0..40 {
        match fs::symlink_metadata(&current) {
            Ok(meta) if meta.file_type().is_symlink() => {
                let target = fs::read_link(&current)?;
                current = folder_of(&current).join(target);
            }
            _ => return Ok(current),
        }
    }
    Err(std::io::Error::new(
        ErrorKind::InvalidInput,
        "符号链接太多层或成环",
    ))
}

/// Writes `bytes` to `path` atomically: a temporary file in the same folder is written with the
/// old file's permissions, flushed and synced; the old file becomes the `.bak` (with
/// [`Backup::Keep`]); then the temporary file is renamed over `path`.
pub fn write_atomic(path: &Path, bytes: &[u8], backup: Backup) -> Result<(), WriteError> {
    let write_err = |source| WriteError {
        path: path.to_owned(),
        source,
    };
    let target = resolve_links(path).map_err(write_err)?;
    let old = match fs::metadata(&target) {
        Ok(meta) => Some(meta),
        Err(e) if e.kind() == ErrorKind::NotFound => None,
        Err(e) => return Err(write_err(e)),
    };
    if let Some(meta) = &old {
        if meta.is_dir() {
            return Err(write_err(ErrorKind::IsADirectory.into()));
        }
        if !meta.is_file() {
            return Err(write_err(std::io::Error::new(
                ErrorKind::InvalidInput,
                "目标不是普通文件（可能是设备或管道）",
            )));
        }
        if meta.permissions().readonly() {
            return Err(write_err(std::io::Error::new(
                ErrorKind::PermissionDenied,
                "文件被设为只读；要覆盖它，请先在文件属性中取消“只读”，或另存为新文件",
            )));
        }
    }
    let dir = folder_of(&target);
    let name = target.file_name().unwrap_or_default().to_owned();
    let tmp = dir.join(temp_name(&name, false));
    let staging = dir.join(temp_name(&name, true));
    let result = (|| {
        let mut file = create_new_replacing_own(&tmp)?;
        // The lock tells `stale_temps` in another process that this save is alive. Where the
        // file system has no locks the age of the file decides instead, so failing is harmless.
        let _ = file.try_lock();
        if let Some(meta) = &old {
            file.set_permissions(meta.permissions())?;
        }
        file.write_all(bytes)?;
        file.flush()?;
        file.sync_all()?;
        if backup == Backup::Keep && old.is_some() {
            link_or_copy(&target, &staging)?;
            rename_with_retry(&staging, &backup_path(&target))?;
            // When the .bak already is the old file (a link left by a save that failed after
            // this step), POSIX rename does nothing and the staging name stays.
            match fs::remove_file(&staging) {
                Err(e) if e.kind() != ErrorKind::NotFound => return Err(e),
                _ => {}
            }
        }
        // Windows renames only a closed file.
        drop(file);
        rename_with_retry(&tmp, &target)?;
        sync_folder(&dir);
        Ok(())
    })();
    if result.is_err() {
        // The failure itself is what gets reported; a temporary file that cannot be removed
        // now is stale and goes at the next save in this folder.
        let _ = fs::remove_file(&tmp);
        let _ = fs::remove_file(&staging);
    }
    result.map_err(write_err)
}

/// Creates `path`; a file of that name can only be left by an earlier process with our id (ids
/// are reused), so it is removed first.
fn create_new_replacing_own(path: &Path) -> std::io::Result<fs::File> {
    let open = || {
        fs::OpenOptions::new()
            .write(true)
            .create_new(true)
            .open(path)
    };
    match open() {
        Err(e) if e.kind() == ErrorKind::AlreadyExists => {
            fs::remove_file(path)?;
            open()
        }
        result => result,
    }
}

/// Makes `staging` the same complete content as `from`: a hard link, or a synced copy where the
/// folder has none (FAT32 sticks, some network shares).
fn link_or_copy(from: &Path, staging: &Path) -> std::io::Result<()> {
    match fs::remove_file(staging) {
        Err(e) if e.kind() != ErrorKind::NotFound => return Err(e),
        _ => {}
    }
    if fs::hard_link(from, staging).is_ok() {
        return Ok(());
    }
    fs::copy(from, staging)?;
    fs::OpenOptions::new().write(true).open(staging)?.sync_all()
}

/// Makes renames in `dir` durable where the platform allows syncing a folder (not Windows).
fn sync_folder(dir: &Path) {
    // The file is already in place; a folder that cannot be synced only weakens durability
    // against a power cut in the next moments, which nothing here could improve.
    if let Ok(d) = fs::File::open(dir) {
        let _ = d.sync_all();
    }
}

/// Renames, retrying briefly: on Windows an antivirus scan or an indexer can hold the target for
/// a moment, and the rename then fails with "access denied" although a retry succeeds.
fn rename_with_retry(from: &Path, to: &Path) -> std::io::Result<()> {
    let mut attempt = 0;
    loop {
        match fs::rename(from, to) {
            Err(e) if attempt < 5 && e.kind() == ErrorKind::PermissionDenied => {
                attempt += 1;
                std::thread::sleep(Duration::from_millis(100 * attempt));
            }
            result => return result,
        }
    }
}

/// A temporary file left in a folder by a save that did not finish (its process was killed, or
/// the machine lost power).
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct StaleTemp {
    /// The temporary file.
    pub path: PathBuf,
    /// The file it was going to replace, when that can be told (a file of the folder whose name
    /// matches, or the name spelled in an older version's temporary name).
    pub target: Option<PathBuf>,
    /// A link to the old file on its way to becoming the `.bak` (never new content).
    pub is_backup: bool,
    /// When it was last written.
    pub modified: Option<SystemTime>,
}

/// A temporary file no lock marks as alive is taken as stale only after this long, on file
/// systems without locks.
const UNLOCKED_GRACE: Duration = Duration::from_secs(120);

/// The temporary files of our naming in `dir` that no running save holds: this version's
/// `.nb-HASH-PID.tmp` / `.bak.tmp`, and the `.NAME.PID.tmp` of earlier versions.
pub fn stale_temps(dir: &Path) -> Vec<StaleTemp> {
    let Ok(entries) = fs::read_dir(dir) else {
        return Vec::new();
    };
    let names: Vec<std::ffi::OsString> = entries.flatten().map(|e| e.file_name()).collect();
    let mut found = Vec::new();
    for name in &names {
        let text = name.to_string_lossy();
        let (target, is_backup) = if let Some(rest) = text.strip_prefix(TEMP_PREFIX) {
            let (body, is_backup) = match rest.strip_suffix(BACKUP_TEMP_SUFFIX) {
                Some(body) => (body, true),
                None => match rest.strip_suffix(TEMP_SUFFIX) {
                    Some(body) => (body, false),
                    None => continue,
                },
            };
            let Some((hash, pid)) = body.split_once('-') else {
                continue;
            };
            let (Ok(hash), true) = (
                u32::from_str_radix(hash, 16),
                !pid.is_empty() && pid.bytes().all(|b| b.is_ascii_digit()),
            ) else {
                continue;
            };
            let target = names
                .iter()
                .find(|n| !n.to_string_lossy().starts_with(TEMP_PREFIX) && name_hash(n) == hash)
                .map(|n| dir.join(n));
            (target, is_backup)
        } else if let Some(target) = older_temp_target(&text) {
            (Some(dir.join(target)), false)
        } else {
            continue;
        };
        let path = dir.join(name);
        let modified = fs::metadata(&path).and_then(|m| m.modified()).ok();
        // A staging link is alive while its save's temporary file is.
        let holder = if is_backup {
            let text = name.to_string_lossy();
            let stem = text.strip_suffix(BACKUP_TEMP_SUFFIX).unwrap_or(&text);
            dir.join(format!("{stem}{TEMP_SUFFIX}"))
        } else {
            path.clone()
        };
        if !held_by_a_running_save(&holder, modified) {
            found.push(StaleTemp {
                path,
                target,
                is_backup,
                modified,
            });
        }
    }
    found.sort_by(|a, b| a.path.cmp(&b.path));
    found
}

/// `.报告.ron.1234.tmp` (versions before short names) → `报告.ron`.
fn older_temp_target(name: &str) -> Option<&str> {
    let body = name.strip_prefix('.')?.strip_suffix(TEMP_SUFFIX)?;
    let (target, pid) = body.rsplit_once('.')?;
    (!target.is_empty() && !pid.is_empty() && pid.bytes().all(|b| b.is_ascii_digit()))
        .then_some(target)
}

/// Whether a running save holds `path` (its lock, or, without locks, its recent age).
fn held_by_a_running_save(path: &Path, modified: Option<SystemTime>) -> bool {
    let Ok(file) = fs::File::open(path) else {
        return false;
    };
    match file.try_lock() {
        Ok(()) => false,
        Err(fs::TryLockError::WouldBlock) => true,
        Err(fs::TryLockError::Error(_)) => modified
            .and_then(|m| m.elapsed().ok())
            .is_some_and(|age| age < UNLOCKED_GRACE),
    }
}

#[cfg(test)]
mod tests;

/// For tests elsewhere in the crate: the temporary names a save of `target` by process `pid`
/// uses (new content, backup link).
#[cfg(test)]
pub(crate) mod tests_support {
    use std::path::{Path, PathBuf};

    /// `(new content, backup link)`.
    pub fn temp_names(target: &Path, pid: u32) -> (PathBuf, PathBuf) {
        let dir = super::folder_of(target);
        let hash = super::name_hash(target.file_name().unwrap_or_default());
        (
            dir.join(format!(".nb-{hash:08x}-{pid}.tmp")),
            dir.join(format!(".nb-{hash:08x}-{pid}.bak.tmp")),
        )
    }
}
