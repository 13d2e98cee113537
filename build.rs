//! Build script: on a Windows target, embeds the application icon and the version information
//! (what Explorer shows under 属性 → 详细信息) into `nianbao.exe`. On every other target it
//! does nothing, so Linux builds and `cargo test` are untouched.
//!
//! The resource compiler is `x86_64-w64-mingw32-windres` (Debian's binutils-mingw-w64) when
//! cross-compiling from Linux, and the Windows SDK's `rc.exe` on an MSVC build.

use std::env;
use std::process::ExitCode;

const ICON: &str = "assets/icon/nianbao.ico";

/// Simplified Chinese (PRC), the language of the version strings.
const LANG_ZH_CN: u16 = 0x0804;

fn main() -> ExitCode {
    println!("cargo:rerun-if-changed=build.rs");
    println!("cargo:rerun-if-changed={ICON}");
    // A build script is compiled for the host, so `cfg!(windows)` would describe the machine doing
    // the build; the target is only known from this variable.
    if env::var("CARGO_CFG_TARGET_OS").as_deref() != Ok("windows") {
        return ExitCode::SUCCESS;
    }
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
