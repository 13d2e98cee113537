use super::*;

fn names(dir: &Path) -> Vec<String> {
    let mut names: Vec<String> = fs::read_dir(dir)
        .unwrap()
        .map(|e| e.unwrap().file_name().to_string_lossy().into_owned())
        .collect();
    names.sort();
    names
}

#[test]
fn replaces_and_keeps_the_previous_file_complete() {
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("年报 2025.ron");
    write_atomic(&path, b"first", Backup::Keep).unwrap();
    assert_eq!(names(dir.path()), ["年报 2025.ron"]);
    write_atomic(&path, b"second", Backup::Keep).unwrap();
    write_atomic(&path, b"third", Backup::Keep).unwrap();
    assert_eq!(fs::read(&path).unwrap(), b"third");
    assert_eq!(fs::read(backup_path(&path)).unwrap(), b"second");
    assert_eq!(names(dir.path()), ["年报 2025.ron", "年报 2025.ron.bak"]);
    write_atomic(&path, b"export", Backup::None).unwrap();
    assert_eq!(fs::read(backup_path(&path)).unwrap(), b"second");
}

/// A save that failed after making the backup leaves the .bak as a link to the draft; the next
/// save must still leave nothing behind (POSIX rename between links of one file does nothing).
#[test]
fn a_backup_that_already_is_the_draft_leaves_no_staging_file() {
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("a.ron");
    fs::write(&path, b"old").unwrap();
    fs::hard_link(&path, backup_path(&path)).unwrap();
    write_atomic(&path, b"new", Backup::Keep).unwrap();
    assert_eq!(names(dir.path()), ["a.ron", "a.ron.bak"]);
    assert_eq!(fs::read(backup_path(&path)).unwrap(), b"old");
}

/// The backup is the old file itself (a hard link), never a copy being written: a crash or a
/// full disk while it is made cannot leave it empty or half written.
#[cfg(unix)]
#[test]
fn the_backup_is_the_old_file_not_a_copy() {
    use std::os::unix::fs::MetadataExt;
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("a.ron");
    write_atomic(&path, b"old", Backup::Keep).unwrap();
    let old_inode = fs::metadata(&path).unwrap().ino();
    write_atomic(&path, b"new", Backup::Keep).unwrap();
    assert_eq!(fs::metadata(backup_path(&path)).unwrap().ino(), old_inode);
    assert_ne!(fs::metadata(&path).unwrap().ino(), old_inode);
}

#[cfg(unix)]
#[test]
fn a_link_is_followed_and_permissions_are_kept() {
    use std::os::unix::fs::PermissionsExt;
    let dir = tempfile::tempdir().unwrap();
    let real = dir.path().join("真的").join("a.ron");
    fs::create_dir(real.parent().unwrap()).unwrap();
    fs::write(&real, b"old").unwrap();
    fs::set_permissions(&real, fs::Permissions::from_mode(0o600)).unwrap();
    let link = dir.path().join("link.ron");
    std::os::unix::fs::symlink("真的/a.ron", &link).unwrap();
    write_atomic(&link, b"new", Backup::Keep).unwrap();
    assert!(
        fs::symlink_metadata(&link)
            .unwrap()
            .file_type()
            .is_symlink()
    );
    assert_eq!(fs::read(&real).unwrap(), b"new");
    assert_eq!(fs::read(backup_path(&real)).unwrap(), b"old");
    let mode = fs::metadata(&real).unwrap().permissions().mode() & 0o777;
    assert_eq!(mode, 0o600);
    assert!(!dir.path().join("link.ron.bak").exists());
}

#[test]
fn a_name_of_253_bytes_saves_and_keeps_a_backup() {
    let dir = tempfile::tempdir().unwrap();
    // 83 three-byte characters and ".ron": 253 bytes.
    let name = format!("{}.ron", "报".repeat(83));
    assert_eq!(name.len(), 253);
    let path = dir.path().join(&name);
    write_atomic(&path, b"first", Backup::Keep).unwrap();
    write_atomic(&path, b"second", Backup::Keep).unwrap();
    assert_eq!(fs::read(&path).unwrap(), b"second");
    let bak = backup_path(&path);
    assert!(bak.file_name().unwrap().len() <= 255);
    assert!(bak.to_string_lossy().ends_with("~.ron.bak"), "{bak:?}");
    assert_eq!(fs::read(&bak).unwrap(), b"first");
    assert_eq!(names(dir.path()).len(), 2);
}

#[test]
fn a_read_only_file_or_a_folder_is_not_replaced() {
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("locked.ron");
    fs::write(&path, b"keep me").unwrap();
    let mut perms = fs::metadata(&path).unwrap().permissions();
    perms.set_readonly(true);
    fs::set_permissions(&path, perms).unwrap();
    let err = write_atomic(&path, b"new", Backup::Keep).unwrap_err();
    assert!(err.to_string().contains("只读"), "{err}");
    assert_eq!(fs::read(&path).unwrap(), b"keep me");
    let folder = dir.path().join("folder.ron");
    fs::create_dir(&folder).unwrap();
    let err = write_atomic(&folder, b"new", Backup::None).unwrap_err();
    assert!(err.to_string().contains("文件夹"), "{err}");
    assert_eq!(names(dir.path()), ["folder.ron", "locked.ron"]);
}

#[test]
fn stale_temps_are_found_with_their_targets_and_live_ones_are_not() {
    let dir = tempfile::tempdir().unwrap();
    let target = dir.path().join("报告.ron");
    fs::write(&target, b"x").unwrap();
    let ours = dir.path().join(format!(
        ".nb-{:08x}-4000000.tmp",
        name_hash(OsStr::new("报告.ron"))
    ));
    fs::write(&ours, b"new").unwrap();
    let older = dir.path().join(".报告.ron.1234.tmp");
    fs::write(&older, b"newer").unwrap();
    fs::write(dir.path().join(".hidden.tmp"), b"not ours").unwrap();
    fs::write(dir.path().join("notes.txt"), b"not ours").unwrap();
    let live = dir.path().join(".nb-00000000-4000001.tmp");
    let holder = fs::File::create(&live).unwrap();
    holder.try_lock().unwrap();
    let stale = stale_temps(dir.path());
    let found: Vec<(&Path, Option<&Path>)> = stale
        .iter()
        .map(|s| (s.path.as_path(), s.target.as_deref()))
        .collect();
    assert_eq!(
        found,
        [
            (ours.as_path(), Some(target.as_path())),
            (older.as_path(), Some(target.as_path()))
        ]
    );
    drop(holder);
    assert_eq!(stale_temps(dir.path()).len(), 3, "unlocked: stale now");
}
