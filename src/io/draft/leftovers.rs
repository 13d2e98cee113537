//! Temporary files that a save did not finish with (killed, power cut): found, offered back when
//! they hold a complete draft newer than the file they were replacing, and tidied away.

use std::fs;
use std::path::{Path, PathBuf};
use std::time::SystemTime;

use super::{MAX_DRAFT_BYTES, from_str};
use crate::io::atomic::{self, StaleTemp, folder_of};
use crate::io::read::read_capped;
use crate::model::Report;

/// A temporary file left by a draft save that did not finish, holding a complete draft that is
/// newer than the file it was going to replace (or whose file is gone): work the clerk may want.
#[derive(Debug)]
pub struct Leftover {
    /// The temporary file.
    pub temp: PathBuf,
    /// The draft it was going to replace, when known.
    pub target: Option<PathBuf>,
    /// The draft it holds.
    pub report: Report,
    /// When it was written.
    pub modified: Option<SystemTime>,
    /// The visible name the next save in this folder gives it, instead of removing it.
    pub keep_as: PathBuf,
}

/// The temporary files in `dir` that hold a complete draft newer than their file (see
/// [`Leftover`]). The editor offers them back; the command line names them.
pub fn stale_temps(dir: &Path) -> Vec<Leftover> {
    let mut taken = Vec::new();
    atomic::stale_temps(dir)
        .into_iter()
        .filter_map(|stale| {
            let leftover = recoverable(&stale, &taken)?;
            taken.push(leftover.keep_as.clone());
            Some(leftover)
        })
        .collect()
}

/// Gives the leftovers of interrupted saves of `path` (see [`Leftover`]) their visible names now,
/// so the clerk can open them; returns them with their new names. The editor calls this when it
/// opens a draft.
pub fn keep_leftovers(path: &Path) -> Vec<Leftover> {
    let Ok(target) = atomic::resolve_links(path) else {
        return Vec::new();
    };
    stale_temps(&folder_of(&target))
        .into_iter()
        .filter(|l| l.target.as_deref() == Some(target.as_path()))
        .filter(|l| fs::rename(&l.temp, &l.keep_as).is_ok())
        .collect()
}

/// Tidies `dir` before a save: leftovers worth keeping get their visible name, every other stale
/// temporary file of ours is removed.
pub(super) fn tidy(dir: &Path) {
    let keep = stale_temps(dir);
    for stale in atomic::stale_temps(dir) {
        let kept = keep.iter().find(|k| k.temp == stale.path);
        // Tidying is a courtesy to the clerk's folder: the save goes on whether or not a
        // leftover could be moved or removed, and one that stays is found again next time.
        let _ = match kept {
            Some(k) => fs::rename(&k.temp, &k.keep_as),
            None => fs::remove_file(&stale.path),
        };
    }
}

/// The leftover in `stale`, if it holds a complete draft newer than, and different from, its
/// file. `taken` are names already given to other leftovers.
fn recoverable(stale: &StaleTemp, taken: &[PathBuf]) -> Option<Leftover> {
    if stale.is_backup {
        return None;
    }
    let bytes = read_capped(&stale.path, MAX_DRAFT_BYTES).ok()?;
    let text = std::str::from_utf8(&bytes).ok()?;
    let report = from_str(text.strip_prefix('\u{feff}').unwrap_or(text)).ok()?;
    if let Some(target) = &stale.target
        && let Ok(current) = fs::read(target)
    {
        let older = match (
            stale.modified,
            fs::metadata(target).and_then(|m| m.modified()),
        ) {
            (Some(temp), Ok(file)) => temp < file,
            _ => false,
        };
        if older || current == bytes {
            return None;
        }
    }
    let keep_as = keep_name(&stale.path, stale.target.as_deref(), taken);
    Some(Leftover {
        temp: stale.path.clone(),
        target: stale.target.clone(),
        report,
        modified: stale.modified,
        keep_as,
    })
}

/// `报告（未完成的保存）.ron` beside the draft (`（未完成的保存 2）` … when taken).
fn keep_name(temp: &Path, target: Option<&Path>, taken: &[PathBuf]) -> PathBuf {
    let dir = folder_of(temp);
    let stem = target
        .and_then(Path::file_stem)
        .map_or_else(|| "草稿".to_owned(), |s| s.to_string_lossy().into_owned());
    // Keep the name within 255 bytes: cut the stem, never a character.
    let mut cut = stem.len().min(200);
    while !stem.is_char_boundary(cut) {
        cut -= 1;
    }
    let stem = stem.get(..cut).unwrap_or_default();
    (1..)
        .map(|n| {
            let mark = if n == 1 {
                "未完成的保存".to_owned()
            } else {
                format!("未完成的保存 {n}")
            };
            dir.join(format!("{stem}（{mark}）.ron"))
        })
        .find(|p| !p.exists() && !taken.contains(p))
        .unwrap_or_else(|| dir.join("草稿（未完成的保存）.ron"))
}
