//! Build script, three jobs:
//!
//! 1. On every target: list the official formats `assets/formats/*.ron` (sorted by file name) and
//!    write `$OUT_DIR/formats.rs`, a list of `(file name, include_str!(…))` that
//!    `model::format::registry` embeds. Adding a format is adding its file; nothing is typed in Rust.
//! 2. On every target: pack the bundled faces `fonts/*.ttf` into `$OUT_DIR/*.pack` (outlines
//!    deflated in runs, most used characters first; the format is `src/io/pdf/pack.rs`, which is
//!    compiled in here too), so the program carries 9 MB of faces instead of 14.
//! 3. On a Windows target only: embed the application icon and the version information (what
//!    Explorer shows under 属性 → 详细信息) into `nianbao.exe`. On every other target this part does
//!    nothing, so Linux builds and `cargo test` are untouched.
//!
//! The resource compiler is `x86_64-w64-mingw32-windres` (Debian's binutils-mingw-w64) when
//! cross-compiling from Linux, and the Windows SDK's `rc.exe` on an MSVC build.

use std::env;
use std::fmt::Write as _;
use std::fs;
use std::path::{Path, PathBuf};
use std::process::ExitCode;

#[allow(dead_code)]
#[path = "src/io/pdf/sfnt.rs"]
mod sfnt;

#[allow(dead_code)]
#[path = "src/io/pdf/pack.rs"]
mod pack;

const ICON: &str = "assets/icon/nianbao.ico";

/// The bundled faces, packed for `src/io/fonts.rs`.
const FACES: [&str; 4] = [
    "NianbaoSerif-Regular",
    "NianbaoSerif-Bold",
    "NianbaoSans-Regular",
    "NianbaoKai-Regular",
];

/// Characters from the most to the least used (`scripts/char-order.py`).
const ORDER: &str = "fonts/order.txt";

/// Where the official formats live, relative to the package.
const FORMATS: &str = "assets/formats";

/// Simplified Chinese (PRC), the language of the version strings.
const LANG_ZH_CN: u16 = 0x0804;

fn main() -> ExitCode {
    println!("cargo:rerun-if-changed=build.rs");
    println!("cargo:rerun-if-changed={ICON}");
    println!("cargo:rerun-if-changed={FORMATS}");
    if let Err(e) = write_format_list() {
        println!("cargo:warning=could not list the format files in {FORMATS}: {e}");
        return ExitCode::FAILURE;
    }
    if let Err(e) = pack_faces() {
        println!("cargo:warning=could not pack the bundled fonts: {e}");
        return ExitCode::FAILURE;
    }
    // A build script is compiled for the host, so `cfg!(windows)` would describe the machine doing
    // the build; the target is only known from this variable.
    if env::var("CARGO_CFG_TARGET_OS").as_deref() != Ok("windows") {
        return ExitCode::SUCCESS;
    }
    windows_resources()
}

/// Writes `$OUT_DIR/formats.rs`: every `*.ron` of the formats folder, sorted by file name.
fn write_format_list() -> Result<(), String> {
    let manifest = env::var_os("CARGO_MANIFEST_DIR").ok_or("CARGO_MANIFEST_DIR is not set")?;
    let out_dir = env::var_os("OUT_DIR").ok_or("OUT_DIR is not set")?;
    let dir = Path::new(&manifest).join(FORMATS);
    let mut files: Vec<(String, PathBuf)> = Vec::new();
    for entry in fs::read_dir(&dir).map_err(|e| format!("{}: {e}", dir.display()))? {
        let path = entry.map_err(|e| e.to_string())?.path();
        if path.extension().and_then(|e| e.to_str()) != Some("ron") {
            continue;
        }
        let name = path
            .file_name()
            .and_then(|n| n.to_str())
            .ok_or_else(|| format!("{}: the file name is not UTF-8", path.display()))?
            .to_owned();
        // Rebuild when a format file is edited, not only when one is added or removed.
        println!("cargo:rerun-if-changed={}", path.display());
        files.push((name, path));
    }
    files.sort();
    let mut code = String::from(
        "/// The official format files found in `assets/formats/` at build time, sorted by file\n\
         /// name: (file name, text). Written by `build.rs`.\n\
         pub(super) const SOURCES: &[(&str, &str)] = &[\n",
    );
    for (name, path) in &files {
        // `{:?}` quotes and escapes the path (backslashes on Windows) as a Rust string literal.
        let path = path
            .to_str()
            .ok_or_else(|| format!("{}: the path is not UTF-8", path.display()))?;
        writeln!(code, "    ({name:?}, include_str!({path:?})),").map_err(|e| e.to_string())?;
    }
    code.push_str("];\n");
    fs::write(Path::new(&out_dir).join("formats.rs"), code).map_err(|e| e.to_string())
}

/// Writes `$OUT_DIR/<face>.pack` for every face of [`FACES`].
fn pack_faces() -> Result<(), String> {
    let manifest = env::var_os("CARGO_MANIFEST_DIR").ok_or("CARGO_MANIFEST_DIR is not set")?;
    let out_dir = env::var_os("OUT_DIR").ok_or("OUT_DIR is not set")?;
    for source in [ORDER, "src/io/pdf/pack.rs", "src/io/pdf/sfnt.rs"] {
        println!("cargo:rerun-if-changed={source}");
    }
    let order = fs::read_to_string(Path::new(&manifest).join(ORDER))
        .map_err(|e| format!("{ORDER}: {e}"))?;
    let deflate = |raw: &[u8]| miniz_oxide::deflate::compress_to_vec(raw, 9);
    for face in FACES {
        let path = Path::new(&manifest)
            .join("fonts")
            .join(format!("{face}.ttf"));
        println!("cargo:rerun-if-changed={}", path.display());
        let font = fs::read(&path).map_err(|e| format!("{}: {e}", path.display()))?;
        let packed = pack::pack(&font, &order, &deflate).map_err(|e| format!("{face}: {e}"))?;
        fs::write(Path::new(&out_dir).join(format!("{face}.pack")), packed)
            .map_err(|e| format!("{face}: {e}"))?;
    }
    Ok(())
}

fn windows_resources() -> ExitCode {
    let version = env::var("CARGO_PKG_VERSION").unwrap_or_default();
    let mut res = winresource::WindowsResource::new();
    res.set_icon(ICON)
        .set_language(LANG_ZH_CN)
        .set("ProductName", "年报 nianbao")
        .set("FileDescription", "政府信息公开年度报告编辑器")
        .set("InternalName", "nianbao")
        .set("OriginalFilename", "nianbao.exe")
        .set("LegalCopyright", "MIT OR Apache-2.0")
        .set("ProductVersion", &version)
        .set("FileVersion", &version);
    match res.compile() {
        Ok(()) => ExitCode::SUCCESS,
        Err(e) => {
            // Say which tool is missing rather than a bare "No such file or directory".
            println!(
                "cargo:warning=could not embed the icon and version info: {e} \
                 (cross-compiling needs x86_64-w64-mingw32-windres: apt-get install binutils-mingw-w64-x86-64)"
            );
            ExitCode::FAILURE
        }
    }
}
