//! The desktop around the editor: native file dialogs, the system's PDF viewer and print handler.
//! Behind a trait, so tests never open one and only one is open at a time (rfd's dialogs are
//! modal and block until closed).

use std::path::{Path, PathBuf};
use std::sync::mpsc::{self, Receiver};
use std::time::{Duration, Instant};

use crate::io::FileType;

/// What kind of file a dialog is for. A new kind of export is `Export` of a new
/// [`FileType`] (its endings and description make the filter); a new kind of file to open is a
/// readable `FileType`, which [`FileKind::Report`] lists by itself.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum FileKind {
    /// A draft to save (`.ron`).
    Draft,
    /// Something to open: a draft or a published report (every readable [`FileType`]).
    Report,
    /// A file to export the report to.
    Export(FileType),
    /// 汇总: the list of units that must file (`.txt`, one name a line).
    Roster,
    /// 汇总: the unit × cell breakdown to write (`.xlsx` or `.csv`).
    Matrix,
}

/// What a file dialog came back with.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Picked {
    /// The clerk chose this.
    Chosen(PathBuf),
    /// The clerk closed the dialog.
    Cancelled,
    /// No dialog could be shown (on Linux without a desktop portal or zenity).
    Unavailable,
}

/// The end of a print job: `Ok` once the system took the file.
pub type PrintJob = Receiver<Result<(), String>>;

/// The file dialogs, the system viewer and the print handler.
pub trait FileDialogs {
    /// Asks for a file to open, starting in `folder`.
    fn pick_open(&mut self, kind: FileKind, folder: Option<&Path>) -> Picked;
    /// Asks where to save, starting in `folder`; `suggested` is the proposed file name.
    fn pick_save(&mut self, kind: FileKind, folder: Option<&Path>, suggested: &str) -> Picked;
    /// Asks for a folder (where the official fonts are).
    fn pick_folder(&mut self, folder: Option<&Path>) -> Picked;
    /// Asks for a folder, `title` saying what for (the 汇总's reports, its 退回意见).
    fn pick_folder_titled(&mut self, title: &str, folder: Option<&Path>) -> Picked {
        let _ = title;
        self.pick_folder(folder)
    }
    /// Opens a file with the system's viewer (the PDF after export).
    fn open_externally(&mut self, path: &Path) -> Result<(), String>;
    /// Hands a PDF to the system's print handler, in the background.
    fn print(&mut self, path: &Path) -> PrintJob;
    /// The user's 文档 (Documents) folder: where a new draft goes when nothing else says where.
    fn documents_folder(&self) -> Option<PathBuf> {
        documents_folder()
    }
}

/// The user's 文档 folder: on Windows `%USERPROFILE%\Documents` (Explorer shows it as 文档); on
/// Linux the XDG documents folder (`~/文档` on a Chinese desktop, from `user-dirs.dirs`), else
/// `~/文档` or `~/Documents` where one exists, else the home folder. `None` without a home.
pub fn documents_folder() -> Option<PathBuf> {
    let home = std::env::home_dir().filter(|h| h.is_absolute())?;
    if !cfg!(windows) {
        let config = std::env::var_os("XDG_CONFIG_HOME")
            .map(PathBuf::from)
            .filter(|p| p.is_absolute())
            .unwrap_or_else(|| home.join(".config"));
        if let Ok(text) = std::fs::read_to_string(config.join("user-dirs.dirs"))
            && let Some(dir) = xdg_documents(&text, &home)
            && dir.is_dir()
        {
            return Some(dir);
        }
    }
    ["文档", "Documents"]
        .iter()
        .map(|name| home.join(name))
        .find(|dir| dir.is_dir())
        .or(Some(home))
}

/// `XDG_DOCUMENTS_DIR` of a `user-dirs.dirs` file (`"$HOME/文档"`), `$HOME` replaced by `home`.
fn xdg_documents(text: &str, home: &Path) -> Option<PathBuf> {
    let value = text.lines().find_map(|line| {
        line.trim()
            .strip_prefix("XDG_DOCUMENTS_DIR=")
            .map(|v| v.trim().trim_matches('"'))
    })?;
    let dir = match value.strip_prefix("$HOME") {
        Some(rest) => home.join(rest.trim_start_matches('/')),
        None => PathBuf::from(value),
    };
    // `$HOME/` alone means "no documents folder of its own".
    (dir.is_absolute() && dir != home).then_some(dir)
}

/// The real dialogs (rfd), viewer (`open`) and print handler.
pub struct NativeDialogs;

/// No one closes a dialog faster than this: a "no answer" sooner means it never appeared (rfd
/// gives none back both when the clerk cancels and when it cannot open a dialog at all).
const QUICKEST_CANCEL: Duration = Duration::from_millis(300);

/// What a dialog that ran since `start` and gave `answer` means.
fn picked(start: Instant, answer: Option<PathBuf>) -> Picked {
    match answer {
        Some(path) => Picked::Chosen(path),
        None if start.elapsed() < QUICKEST_CANCEL => Picked::Unavailable,
        None => Picked::Cancelled,
    }
}

/// A dialog filter: its name and the endings it shows.
type Filter = (String, Vec<&'static str>);

/// The filter for one kind of file: "年报草稿（*.ron）".
fn filter_of(t: FileType) -> Filter {
    let patterns: Vec<String> = t.extensions().iter().map(|e| format!("*.{e}")).collect();
    (
        format!("{}（{}）", t.description(), patterns.join("、")),
        t.extensions().to_vec(),
    )
}

/// The filters a dialog for `kind` offers, the first one selected.
fn filters(kind: FileKind) -> Vec<Filter> {
    match kind {
        FileKind::Draft => vec![filter_of(FileType::Draft)],
        FileKind::Report => {
            // Everything that opens at once, a draft's backup (报告.ron.bak) too; then each kind.
            let all: Vec<&str> = FileType::readable()
                .flat_map(|t| t.extensions().iter().copied())
                .chain([crate::io::file_type::BACKUP_EXTENSION])
                .collect();
            std::iter::once(("年报草稿或已发布的报告".to_owned(), all))
                .chain(FileType::readable().map(filter_of))
                .collect()
        }
        FileKind::Export(t) => vec![filter_of(t)],
        FileKind::Roster => vec![("单位名单（*.txt）".to_owned(), vec!["txt"])],
        FileKind::Matrix => vec![
            ("Excel 工作簿（*.xlsx）".to_owned(), vec!["xlsx"]),
            ("CSV 表格（*.csv）".to_owned(), vec!["csv"]),
        ],
    }
}

fn filtered(kind: FileKind, folder: Option<&Path>) -> rfd::FileDialog {
    let mut dialog = rfd::FileDialog::new();
    if let Some(folder) = folder {
        dialog = dialog.set_directory(folder);
    }
    filters(kind)
        .into_iter()
        .fold(dialog, |d, (name, endings)| d.add_filter(name, &endings))
}

/// The title of a dialog for `kind`.
pub fn dialog_title(kind: FileKind) -> String {
    match kind {
        FileKind::Draft => "保存草稿".to_owned(),
        FileKind::Report => "打开报告".to_owned(),
        FileKind::Export(t) => format!("导出{}", export_label(t)),
        FileKind::Roster => "选择应报送单位名单".to_owned(),
        FileKind::Matrix => "导出汇总明细".to_owned(),
    }
}

/// What an export of `kind` is called after 导出 / 已导出: " PDF", " Word 文档", "网页" (a
/// space before a Latin word, none before Chinese, as the menus write it).
pub fn export_label(kind: FileType) -> &'static str {
    match kind {
        FileType::Pdf => " PDF",
        FileType::Docx => " Word 文档",
        FileType::Html => "网页",
        other => other.description(),
    }
}

impl FileDialogs for NativeDialogs {
    fn pick_open(&mut self, kind: FileKind, folder: Option<&Path>) -> Picked {
        let start = Instant::now();
        let answer = filtered(kind, folder)
            .set_title(dialog_title(kind))
            .pick_file();
        picked(start, answer)
    }

    fn pick_save(&mut self, kind: FileKind, folder: Option<&Path>, suggested: &str) -> Picked {
        let start = Instant::now();
        let answer = filtered(kind, folder)
            .set_title(dialog_title(kind))
            .set_file_name(suggested)
            .save_file();
        picked(start, answer)
    }

    fn pick_folder(&mut self, folder: Option<&Path>) -> Picked {
        self.pick_folder_titled("选择存放仿宋、黑体、楷体、小标宋字体的文件夹", folder)
    }

    fn pick_folder_titled(&mut self, title: &str, folder: Option<&Path>) -> Picked {
        let start = Instant::now();
        let mut dialog = rfd::FileDialog::new().set_title(title);
        if let Some(folder) = folder {
            dialog = dialog.set_directory(folder);
        }
        picked(start, dialog.pick_folder())
    }

    fn open_externally(&mut self, path: &Path) -> Result<(), String> {
        open::that_detached(path).map_err(|e| e.to_string())
    }

    fn print(&mut self, path: &Path) -> PrintJob {
        let (tx, rx) = mpsc::channel();
        let path = path.to_owned();
        std::thread::spawn(move || {
            // The receiver may be gone (the app closed): nothing left to tell.
            let _ = tx.send(print_file(&path));
        });
        rx
    }
}

/// The PowerShell line that prints `path` with the "print" verb of its file type (what
/// Explorer's 右键 → 打印 does): a single-quoted string, quotes doubled and wildcards escaped.
pub fn print_script(path: &Path) -> String {
    let mut quoted = String::new();
    for c in path.display().to_string().chars() {
        match c {
            '\'' => quoted.push_str("''"),
            '[' | ']' | '*' | '?' | '`' => {
                quoted.push('`');
                quoted.push(c);
            }
            c => quoted.push(c),
        }
    }
    format!("Start-Process -FilePath '{quoted}' -Verb Print")
}

/// Prints with ShellExecute's "print" verb through PowerShell (no unsafe code, no console
/// window). Fails when no program registered a "print" verb for PDF.
#[cfg(windows)]
fn print_file(path: &Path) -> Result<(), String> {
    use std::os::windows::process::CommandExt;
    /// CREATE_NO_WINDOW: no console flashes up.
    const CREATE_NO_WINDOW: u32 = 0x0800_0000;
    let output = std::process::Command::new("powershell.exe")
        .args(["-NoProfile", "-NonInteractive", "-Command"])
        .arg(print_script(path))
        .creation_flags(CREATE_NO_WINDOW)
        .output()
        .map_err(|e| match e.kind() {
            std::io::ErrorKind::NotFound => "这台电脑没有 PowerShell".to_owned(),
            _ => format!("无法启动 PowerShell（{e}）"),
        })?;
    if output.status.success() {
        Ok(())
    } else {
        Err("这台电脑上没有能直接打印 PDF 的程序".to_owned())
    }
}

/// Prints with `lp` (CUPS) to the default printer.
#[cfg(not(windows))]
fn print_file(path: &Path) -> Result<(), String> {
    let output = std::process::Command::new("lp")
        .arg(path)
        .output()
        .map_err(|e| match e.kind() {
            std::io::ErrorKind::NotFound => "这台电脑没有打印命令 lp".to_owned(),
            _ => format!("无法启动打印命令 lp（{e}）"),
        })?;
    if output.status.success() {
        Ok(())
    } else {
        Err(format!(
            "打印命令 lp 没有成功（{}）",
            String::from_utf8_lossy(&output.stderr).trim()
        ))
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_dialog_that_answers_at_once_never_appeared() {
        let now = Instant::now();
        assert_eq!(picked(now, None), Picked::Unavailable);
        let long_ago = now.checked_sub(Duration::from_secs(2)).unwrap();
        assert_eq!(picked(long_ago, None), Picked::Cancelled);
        let p = PathBuf::from("a.ron");
        assert_eq!(picked(now, Some(p.clone())), Picked::Chosen(p));
    }

    #[test]
    fn dialogs_offer_every_kind_a_clerk_opens_or_exports() {
        let open = filters(FileKind::Report);
        let (name, all) = &open[0];
        assert_eq!(name, "年报草稿或已发布的报告");
        for ending in [
            "ron", "bak", "txt", "html", "htm", "docx", "doc", "xlsx", "xls", "pdf",
        ] {
            assert!(all.contains(&ending), "{ending} in {all:?}");
        }
        assert!(open.iter().any(|(n, _)| n.starts_with("Word 文档（*.docx")));
        assert!(
            open.iter()
                .any(|(n, _)| n.starts_with("Excel 工作簿（*.xlsx"))
        );
        assert_eq!(filters(FileKind::Draft), vec![filter_of(FileType::Draft)]);
        let word = filters(FileKind::Export(FileType::Docx));
        assert_eq!(word[0].1.first(), Some(&"docx"));
        let page = filters(FileKind::Export(FileType::Html));
        assert_eq!(page[0].1.first(), Some(&"html"));
    }

    #[test]
    fn the_documents_folder_is_read_from_user_dirs() {
        let home = Path::new("/home/李明");
        let text = "# comment\nXDG_DESKTOP_DIR=\"$HOME/桌面\"\nXDG_DOCUMENTS_DIR=\"$HOME/文档\"\n";
        assert_eq!(xdg_documents(text, home), Some(home.join("文档")));
        assert_eq!(xdg_documents("XDG_DOCUMENTS_DIR=\"$HOME/\"", home), None);
        assert_eq!(
            xdg_documents("XDG_DOCUMENTS_DIR=\"/srv/docs\"", home),
            Some(PathBuf::from("/srv/docs"))
        );
        assert_eq!(xdg_documents("", home), None);
    }

    #[test]
    fn the_print_line_quotes_any_path() {
        let script = print_script(Path::new("C:\\用户 文件\\O'Neil [终稿].pdf"));
        assert_eq!(
            script,
            "Start-Process -FilePath 'C:\\用户 文件\\O''Neil `[终稿`].pdf' -Verb Print"
        );
    }
}
