//! Where a command may write: never over its own input, a draft only to a `.ron` name, and never
//! over an existing file of another kind (a published text, last year's PDF, someone's data).

use std::fs;
use std::path::{Path, PathBuf};

use super::FileType;
use super::file_type::{extension_of, is_backup};

/// Why an output file was refused. Each message says what to do instead.
#[derive(Debug, thiserror::Error)]
pub enum OutputError {
    /// The output is the input (the same file, after following links).
    #[error(
        "输出文件“{}”就是输入的文件，写入会把它覆盖。请换一个输出文件名（例如在文件名里写上年度）。",
        .0.display()
    )]
    SameAsInput(PathBuf),
    /// A draft to a name that does not end in `.ron`.
    #[error(
        "草稿只能保存为 .ron 文件，“{}”不是（它的扩展名是“.{}”）。请把输出文件名改为以 .ron 结尾。",
        .0.display(), extension_of(.0)
    )]
    NotADraftName(PathBuf),
    /// An existing file that is not what would be written.
    #[error(
        "“{}”已经存在，但不是{}，不能覆盖。请换一个输出文件名，或先把原文件移走。",
        path.display(), expected.description()
    )]
    OtherKind {
        /// The file.
        path: PathBuf,
        /// What would have been written.
        expected: FileType,
    },
}

/// Checks that `kind` may be written to `output` by a command that read `inputs`.
pub fn check_output(inputs: &[&Path], output: &Path, kind: FileType) -> Result<(), OutputError> {
    if kind == FileType::Draft
        && (FileType::of(output) != Some(FileType::Draft) || is_backup(output))
    {
        return Err(OutputError::NotADraftName(output.to_owned()));
    }
    // Only an existing output can be an input or of another kind.
    let Ok(resolved) = fs::canonicalize(output) else {
        return Ok(());
    };
    if inputs
        .iter()
        .any(|input| fs::canonicalize(input).is_ok_and(|i| i == resolved))
    {
        return Err(OutputError::SameAsInput(output.to_owned()));
    }
    // A folder, a device: the write itself says why (see `atomic::write_atomic`).
    if !fs::metadata(&resolved).is_ok_and(|m| m.is_file()) {
        return Ok(());
    }
    if !holds(&resolved, kind) {
        return Err(OutputError::OtherKind {
            path: output.to_owned(),
            expected: kind,
        });
    }
    Ok(())
}

/// The year of the report in the draft at `path`, when that is a draft of a year other than
/// `year` (saving over it would replace another year's report, such as last year's).
pub fn other_years_draft(path: &Path, year: u16) -> Option<u16> {
    let existing = super::draft::load(path).ok()?.meta.year;
    (existing != year).then_some(existing)
}

/// Whether the existing file at `path` is of `kind` (an empty file is anything).
fn holds(path: &Path, kind: FileType) -> bool {
    const SNIFF_BYTES: u64 = 64 * 1024 * 1024;
    let Ok(bytes) = super::read::read_capped(path, SNIFF_BYTES) else {
        return false;
    };
    if bytes.iter().all(u8::is_ascii_whitespace) {
        return true;
    }
    match kind {
        FileType::Draft => super::draft::load(path).is_ok(),
        FileType::Pdf => bytes.starts_with(b"%PDF-"),
        // A Word document is a zip package; an export replaces one (the input is refused above).
        FileType::Docx => bytes.starts_with(b"PK\x03\x04"),
        FileType::Html => {
            let head = String::from_utf8_lossy(bytes.get(..1024).unwrap_or(&bytes)).to_lowercase();
            head.contains("<html") || head.contains("<!doctype html")
        }
        FileType::Json => serde_json::from_slice::<serde_json::Value>(&bytes)
            .is_ok_and(|v| v.get("format").is_some() && v.get("cells").is_some()),
        _ => false,
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn refuses_the_input_a_wrong_name_and_another_kind() {
        let dir = tempfile::tempdir().unwrap();
        let draft = dir.path().join("2025.ron");
        crate::io::draft::save(&crate::io::sample().unwrap(), &draft).unwrap();
        let text = dir.path().join("published.txt");
        fs::write(&text, "一、总体情况").unwrap();
        let new = dir.path().join("2026.ron");
        assert!(check_output(&[&draft], &new, FileType::Draft).is_ok());
        let err = check_output(&[&draft], &draft, FileType::Draft).unwrap_err();
        assert!(matches!(err, OutputError::SameAsInput(_)), "{err}");
        let err = check_output(&[&text], &text, FileType::Draft).unwrap_err();
        assert!(matches!(err, OutputError::NotADraftName(_)), "{err}");
        assert!(err.to_string().contains(".txt"), "{err}");
        let bak = dir.path().join("2025.ron.bak");
        assert!(check_output(&[&draft], &bak, FileType::Draft).is_err());
        // A draft over another draft is allowed (it keeps a .bak); over a text, not.
        assert!(check_output(&[&text], &draft, FileType::Draft).is_ok());
        let fake = dir.path().join("fake.ron");
        fs::write(&fake, "我不是草稿").unwrap();
        let err = check_output(&[&text], &fake, FileType::Draft).unwrap_err();
        assert!(err.to_string().contains("不是年报草稿"), "{err}");
        let pdf = dir.path().join("old.pdf");
        fs::write(&pdf, "not a pdf").unwrap();
        assert!(check_output(&[&draft], &pdf, FileType::Pdf).is_err());
        fs::write(&pdf, "%PDF-1.7 ...").unwrap();
        assert!(check_output(&[&draft], &pdf, FileType::Pdf).is_ok());
        // Exporting Word or a web page again replaces the last export; a text under that name
        // is not replaced.
        let docx = dir.path().join("年报.docx");
        fs::write(&docx, b"PK\x03\x04rest of a package").unwrap();
        assert!(check_output(&[&draft], &docx, FileType::Docx).is_ok());
        fs::write(&docx, "一、总体情况").unwrap();
        assert!(check_output(&[&draft], &docx, FileType::Docx).is_err());
        let html = dir.path().join("年报.html");
        fs::write(&html, "<!DOCTYPE html><html><body>…").unwrap();
        assert!(check_output(&[&draft], &html, FileType::Html).is_ok());
        fs::write(&html, "一、总体情况").unwrap();
        assert!(check_output(&[&draft], &html, FileType::Html).is_err());
    }

    #[test]
    fn another_years_draft_is_told() {
        let dir = tempfile::tempdir().unwrap();
        let draft = dir.path().join("2025.ron");
        crate::io::draft::save(&crate::io::sample().unwrap(), &draft).unwrap();
        assert_eq!(other_years_draft(&draft, 2026), Some(2025));
        assert_eq!(other_years_draft(&draft, 2025), None);
        assert_eq!(other_years_draft(&dir.path().join("new.ron"), 2026), None);
    }

    #[cfg(unix)]
    #[test]
    fn the_input_behind_a_link_is_the_input() {
        let dir = tempfile::tempdir().unwrap();
        let draft = dir.path().join("2025.ron");
        crate::io::draft::save(&crate::io::sample().unwrap(), &draft).unwrap();
        let link = dir.path().join("link.ron");
        std::os::unix::fs::symlink(&draft, &link).unwrap();
        let err = check_output(&[&draft], &link, FileType::Draft).unwrap_err();
        assert!(matches!(err, OutputError::SameAsInput(_)), "{err}");
    }
}
