//! Reading a file a clerk hands us: regular files only, and never more than a cap, whatever the
//! file's metadata claims (a link to `/dev/zero` says 0 bytes and never ends; a FIFO blocks the
//! open until someone writes to it).

use std::fs;
use std::io::Read;
use std::path::Path;

/// Why a file was not read.
#[derive(Debug)]
pub enum ReadFailure {
    /// The system refused.
    Io(std::io::Error),
    /// A folder, a device, a pipe: anything but a regular file (after following links).
    NotAFile,
    /// More than the cap (the number is the cap).
    TooLarge(u64),
}

/// Reads the regular file at `path` (following links), at most `limit` bytes.
pub fn read_capped(path: &Path, limit: u64) -> Result<Vec<u8>, ReadFailure> {
    // `metadata` does not open the file, so a FIFO is refused before an open could block.
    let meta = fs::metadata(path).map_err(ReadFailure::Io)?;
    if !meta.is_file() {
        return Err(ReadFailure::NotAFile);
    }
    let file = fs::File::open(path).map_err(ReadFailure::Io)?;
    // The path may have been swapped between the two looks.
    if !file.metadata().map_err(ReadFailure::Io)?.is_file() {
        return Err(ReadFailure::NotAFile);
    }
    let mut bytes = Vec::new();
    file.take(limit.saturating_add(1))
        .read_to_end(&mut bytes)
        .map_err(ReadFailure::Io)?;
    if u64::try_from(bytes.len()).map_or(true, |n| n > limit) {
        return Err(ReadFailure::TooLarge(limit));
    }
    Ok(bytes)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn only_regular_files_are_read_and_never_past_the_cap() {
        let dir = tempfile::tempdir().unwrap();
        let file = dir.path().join("a.ron");
        std::fs::write(&file, b"12345").unwrap();
        assert_eq!(read_capped(&file, 5).unwrap(), b"12345");
        assert!(matches!(
            read_capped(&file, 4),
            Err(ReadFailure::TooLarge(4))
        ));
        assert!(matches!(
            read_capped(dir.path(), 100),
            Err(ReadFailure::NotAFile)
        ));
        assert!(matches!(
            read_capped(&dir.path().join("missing"), 100),
            Err(ReadFailure::Io(_))
        ));
    }

    #[cfg(unix)]
    #[test]
    fn devices_and_links_to_them_are_refused() {
        let dir = tempfile::tempdir().unwrap();
        let link = dir.path().join("zero.ron");
        std::os::unix::fs::symlink("/dev/zero", &link).unwrap();
        assert!(matches!(
            read_capped(&link, 100),
            Err(ReadFailure::NotAFile)
        ));
    }
}
