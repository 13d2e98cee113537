//! The bundled fonts (OFL subsets in `fonts/`, see `fonts/README.md`), shared by the GUI and the
//! PDF, and the lookup of the official faces (仿宋、黑体、楷体、方正小标宋) on the clerk's machine.

use std::path::{Path, PathBuf};
use std::sync::OnceLock;

use crate::io::pdf::pack::Pack;

/// A bundled face as the program carries it: packed by `build.rs` (outlines deflated in runs, see
/// `io::pdf::pack`), read in place, unpacked whole only when asked.
pub struct Bundled {
    packed: &'static [u8],
    pack: OnceLock<Option<Pack<'static>>>,
    whole: OnceLock<Option<Vec<u8>>>,
}

impl Bundled {
    pub(crate) const fn new(packed: &'static [u8]) -> Bundled {
        Bundled {
            packed,
            pack: OnceLock::new(),
            whole: OnceLock::new(),
        }
    }

    /// The packed face; `None` only if the build wrote something else (never: tested).
    pub(crate) fn pack(&self) -> Option<&Pack<'static>> {
        self.pack
            .get_or_init(|| Pack::parse(self.packed, &inflate))
            .as_ref()
    }

    /// The whole face, unpacked the first time it is asked for and kept (the editor's face, the
    /// tests).
    pub fn whole(&self) -> Option<&[u8]> {
        self.whole
            .get_or_init(|| self.pack()?.unpack(&inflate))
            .as_deref()
    }

    /// How many bytes the program carries for the face.
    pub fn packed_len(&self) -> usize {
        self.packed.len()
    }
}

/// Unpacks the first `want` bytes of `deflated` (raw deflate), which must give exactly `size`
/// bytes in all: all of them (checked to end there) when `want` is `size`, else only as far as
/// `want` (the rest is not unpacked).
pub(crate) fn inflate(deflated: &[u8], size: usize, want: usize) -> Option<Vec<u8>> {
    let want = want.min(size);
    let mut out = Vec::with_capacity(want);
    let mut state = flate2::Decompress::new(false);
    let whole = want == size;
    let flush = if whole {
        flate2::FlushDecompress::Finish
    } else {
        flate2::FlushDecompress::None
    };
    let status = state.decompress_vec(deflated, &mut out, flush).ok()?;
    let ended = status == flate2::Status::StreamEnd;
    (out.len() == want && (ended || !whole)).then_some(out)
}

macro_rules! packed_face {
    ($file:literal) => {
        Bundled::new(include_bytes!(concat!(
            env!("OUT_DIR"),
            "/",
            $file,
            ".pack"
        )))
    };
}

/// 宋体-style serif for the body and the title (Noto Serif CJK SC subset).
pub static SERIF_REGULAR: Bundled = packed_face!("NianbaoSerif-Regular");
/// Bold serif.
pub static SERIF_BOLD: Bundled = packed_face!("NianbaoSerif-Bold");
/// 黑体-style sans for level-1 headings and the whole user interface (Noto Sans CJK SC subset).
pub static SANS: Bundled = packed_face!("NianbaoSans-Regular");
/// 楷体 for level-2 headings (LXGW WenKai subset).
pub static KAI: Bundled = packed_face!("NianbaoKai-Regular");

/// What a face is used for in a printed report (GB/T 9704).
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord)]
pub enum FontRole {
    /// 标题: 方正小标宋 (bundled: bold serif).
    Title,
    /// 一级标题 "一、": 黑体 (bundled: sans).
    Heading,
    /// 二级标题 "（一）": 楷体 (bundled: Kai).
    SubHeading,
    /// 正文 and tables: 仿宋_GB2312 / 仿宋 (bundled: serif).
    Body,
}

impl FontRole {
    /// Every role, in the order they are reported.
    pub const ALL: [FontRole; 4] = [
        FontRole::Title,
        FontRole::Heading,
        FontRole::SubHeading,
        FontRole::Body,
    ];

    /// The role's name as shown to the clerk.
    pub fn label(self) -> &'static str {
        match self {
            FontRole::Title => "标题",
            FontRole::Heading => "一级标题",
            FontRole::SubHeading => "二级标题",
            FontRole::Body => "正文",
        }
    }

    /// File names of the official face with the face each holds, best first; compared without
    /// regard to case.
    fn file_names(self) -> &'static [(&'static str, &'static str)] {
        match self {
            FontRole::Title => &[
                ("方正小标宋简体.ttf", "方正小标宋简体"),
                ("FZXBSJW.ttf", "方正小标宋简体"),
                ("FZXBSJW--GB1-0.ttf", "方正小标宋简体"),
                ("FZXiaoBiaoSong-B05S.ttf", "方正小标宋简体"),
                ("方正小标宋_GBK.ttf", "方正小标宋_GBK"),
                ("FZXBSK.ttf", "方正小标宋_GBK"),
            ],
            FontRole::Heading => &[("simhei.ttf", "黑体"), ("黑体.ttf", "黑体")],
            FontRole::SubHeading => &[
                ("楷体_GB2312.ttf", "楷体_GB2312"),
                ("KaiTi_GB2312.ttf", "楷体_GB2312"),
                ("simkai.ttf", "楷体"),
                ("楷体.ttf", "楷体"),
            ],
            FontRole::Body => &[
                ("仿宋_GB2312.ttf", "仿宋_GB2312"),
                ("FangSong_GB2312.ttf", "仿宋_GB2312"),
                ("FS_GB2312.ttf", "仿宋_GB2312"),
                ("fsgb2312.ttf", "仿宋_GB2312"),
                ("simfang.ttf", "仿宋"),
                ("仿宋.ttf", "仿宋"),
            ],
        }
    }

    /// The bundled face used when the official one is not installed.
    pub fn bundled(self) -> &'static Bundled {
        match self {
            FontRole::Title => &SERIF_BOLD,
            FontRole::Heading => &SANS,
            FontRole::SubHeading => &KAI,
            FontRole::Body => &SERIF_REGULAR,
        }
    }

    /// The bundled face's family name.
    pub fn bundled_name(self) -> &'static str {
        match self {
            FontRole::Title => "Nianbao Serif Bold",
            FontRole::Heading => "Nianbao Sans",
            FontRole::SubHeading => "Nianbao Kai",
            FontRole::Body => "Nianbao Serif",
        }
    }
}

/// A system font file found for a role.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct SystemFont {
    /// What it is used for.
    pub role: FontRole,
    /// The face's name (仿宋_GB2312, 黑体…).
    pub face: &'static str,
    /// Where it is.
    pub path: PathBuf,
}

/// The folders searched for the official faces: the clerk's own folder first, then the fonts
/// installed for this Windows user only (`%LOCALAPPDATA%\Microsoft\Windows\Fonts`), then the
/// Windows font folder (`%WINDIR%\Fonts`); both from the environment, so nothing on other systems.
pub fn font_dirs(extra: Option<&Path>) -> Vec<PathBuf> {
    let mut dirs: Vec<PathBuf> = extra.map(Path::to_path_buf).into_iter().collect();
    // Since Windows 10 1809 a clerk without administrator rights installs a font (仿宋_GB2312 from
    // the unit's share, say) only here; it is a deliberate choice, so it goes before the system's.
    if let Some(local) = std::env::var_os("LOCALAPPDATA") {
        dirs.push(
            PathBuf::from(local)
                .join("Microsoft")
                .join("Windows")
                .join("Fonts"),
        );
    }
    let windows = std::env::var_os("WINDIR").or_else(|| std::env::var_os("SystemRoot"));
    if let Some(root) = windows {
        dirs.push(PathBuf::from(root).join("Fonts"));
    }
    dirs
}

/// Looks for the official face of `role` in `dirs` (in order); `None` if none is there.
///
/// Only file names are compared (case-insensitively); whether the file is a usable font is
/// decided by whoever loads it.
pub fn find_system_font(role: FontRole, dirs: &[PathBuf]) -> Option<SystemFont> {
    for dir in dirs {
        let names = listing(dir);
        for &(wanted, face) in role.file_names() {
            let wanted = wanted.to_lowercase();
            if let Some((_, path)) = names.iter().find(|(name, _)| *name == wanted) {
                return Some(SystemFont {
                    role,
                    face,
                    path: path.clone(),
                });
            }
        }
    }
    None
}

/// Faces of a Windows PC (or of the clerk's font folder) that hold characters the report's own
/// faces lack — rare names (𠀀, 𪚥: CJK Extension B), enclosed signs (㊣), emoji — as file name
/// and face name, in the order they are tried: Extension B, then the wide CJK faces, then symbols
/// and emoji. The official faces found for the roles are tried before these.
const FALLBACK_FILES: &[(&str, &str)] = &[
    ("simsunb.ttf", "SimSun-ExtB"),
    ("mingliub.ttc", "MingLiU-ExtB"),
    ("simsun.ttc", "宋体"),
    ("msyh.ttc", "微软雅黑"),
    ("msyh.ttf", "微软雅黑"),
    ("Deng.ttf", "等线"),
    ("seguisym.ttf", "Segoe UI Symbol"),
    ("seguiemj.ttf", "Segoe UI Emoji"),
];

/// A face found to draw characters the report's faces lack.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct FallbackFont {
    /// The face's name (SimSun-ExtB, 宋体…).
    pub face: &'static str,
    /// Where it is.
    pub path: PathBuf,
}

/// The fallback faces present in `dirs`, in the order of [`FALLBACK_FILES`], each name taken from
/// the first folder that has it; file names compared without regard to case.
pub fn find_fallback_fonts(dirs: &[PathBuf]) -> Vec<FallbackFont> {
    let listings: Vec<Vec<(String, PathBuf)>> = dirs.iter().map(|d| listing(d)).collect();
    FALLBACK_FILES
        .iter()
        .filter_map(|&(wanted, face)| {
            let wanted = wanted.to_lowercase();
            listings.iter().find_map(|names| {
                names
                    .iter()
                    .find(|(name, _)| *name == wanted)
                    .map(|(_, path)| FallbackFont {
                        face,
                        path: path.clone(),
                    })
            })
        })
        .collect()
}

/// The files of `dir` as (lower-case name, path), sorted so the choice is the same everywhere
/// (read_dir's order differs between systems); empty if the folder cannot be read.
fn listing(dir: &Path) -> Vec<(String, PathBuf)> {
    let Ok(entries) = std::fs::read_dir(dir) else {
        return Vec::new();
    };
    let mut names: Vec<(String, PathBuf)> = entries
        .filter_map(Result::ok)
        .filter_map(|e| {
            let path = e.path();
            let name = path.file_name()?.to_str()?.to_lowercase();
            path.is_file().then_some((name, path))
        })
        .collect();
    names.sort();
    names
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn finds_official_faces_in_a_folder_by_name_case_insensitively() {
        let dir = tempfile::tempdir().unwrap();
        std::fs::write(dir.path().join("SIMFANG.TTF"), b"x").unwrap();
        std::fs::write(dir.path().join("simhei.ttf"), b"x").unwrap();
        std::fs::write(dir.path().join("楷体_GB2312.ttf"), b"x").unwrap();
        let dirs = vec![dir.path().to_path_buf()];
        let body = find_system_font(FontRole::Body, &dirs).unwrap();
        assert!(body.path.ends_with("SIMFANG.TTF"));
        assert!(find_system_font(FontRole::Heading, &dirs).is_some());
        let kai = find_system_font(FontRole::SubHeading, &dirs).unwrap();
        assert!(kai.path.ends_with("楷体_GB2312.ttf"));
        assert_eq!(find_system_font(FontRole::Title, &dirs), None);
    }

    #[test]
    fn prefers_fangsong_gb2312_over_fangsong_and_the_user_folder_over_windows() {
        let a = tempfile::tempdir().unwrap();
        let b = tempfile::tempdir().unwrap();
        std::fs::write(a.path().join("simfang.ttf"), b"x").unwrap();
        std::fs::write(a.path().join("仿宋_GB2312.ttf"), b"x").unwrap();
        std::fs::write(b.path().join("FZXBSJW.TTF"), b"x").unwrap();
        std::fs::write(b.path().join("simfang.ttf"), b"x").unwrap();
        let dirs = vec![a.path().to_path_buf(), b.path().to_path_buf()];
        let body = find_system_font(FontRole::Body, &dirs).unwrap();
        assert_eq!(body.path, a.path().join("仿宋_GB2312.ttf"));
        assert_eq!(body.face, "仿宋_GB2312");
        let title = find_system_font(FontRole::Title, &dirs).unwrap();
        assert_eq!(title.path, b.path().join("FZXBSJW.TTF"));
    }

    #[test]
    fn a_missing_folder_is_skipped() {
        let dirs = vec![PathBuf::from("/nonexistent/nianbao-fonts")];
        assert_eq!(find_system_font(FontRole::Body, &dirs), None);
    }

    #[test]
    fn fallback_faces_are_found_in_order_each_from_the_first_folder_that_has_it() {
        let a = tempfile::tempdir().unwrap();
        let b = tempfile::tempdir().unwrap();
        std::fs::write(a.path().join("SEGUIEMJ.TTF"), b"x").unwrap();
        std::fs::write(b.path().join("seguiemj.ttf"), b"x").unwrap();
        std::fs::write(b.path().join("simsunb.ttf"), b"x").unwrap();
        std::fs::write(b.path().join("simfang.ttf"), b"x").unwrap();
        let dirs = vec![a.path().to_path_buf(), b.path().to_path_buf()];
        let found = find_fallback_fonts(&dirs);
        assert_eq!(
            found,
            [
                FallbackFont {
                    face: "SimSun-ExtB",
                    path: b.path().join("simsunb.ttf"),
                },
                FallbackFont {
                    face: "Segoe UI Emoji",
                    path: a.path().join("SEGUIEMJ.TTF"),
                },
            ]
        );
        assert!(find_fallback_fonts(&[]).is_empty());
    }
}
