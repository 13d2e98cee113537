#!/usr/bin/env bash
# Builds the Windows nianbao.exe (the editor; GUI subsystem, no console window) and nianbao-cli.exe
# (the same batch commands for cmd.exe/PowerShell; console subsystem) on Linux
# (x86_64-pc-windows-gnu, linked with mingw-w64), and the bcryptprimitives.dll stub that lets them
# run under wine 8. All go to dist/windows/.
#
#   scripts/build-windows.sh            # release: LTO, stripped, icon and version info
#   PROFILE=debug scripts/build-windows.sh
#
# Installs what is missing (Debian's gcc-mingw-w64-x86-64 and binutils-mingw-w64-x86-64, the rustup
# target). Safe to run again: cargo only rebuilds what changed. The stub DLL is for wine only and
# must never be shipped with the exe: Windows 10/11 have the real one.
set -euo pipefail
cd "$(dirname "$0")/.."

TARGET=x86_64-pc-windows-gnu
PROFILE=${PROFILE:-release}
DIST=dist/windows
export CARGO_TARGET_X86_64_PC_WINDOWS_GNU_LINKER=x86_64-w64-mingw32-gcc

die() {
    echo "build-windows: $*" >&2
    exit 1
}

# --- tools -------------------------------------------------------------------------------------
missing=()
command -v x86_64-w64-mingw32-gcc >/dev/null || missing+=(gcc-mingw-w64-x86-64)
command -v x86_64-w64-mingw32-windres >/dev/null || missing+=(binutils-mingw-w64-x86-64)
if ((${#missing[@]})); then
    command -v apt-get >/dev/null || die "need ${missing[*]} (mingw-w64 cross compiler), and there is no apt-get here"
    echo "== installing ${missing[*]}"
    if ! DEBIAN_FRONTEND=noninteractive apt-get install -y --no-install-recommends "${missing[@]}"; then
        apt-get update -qq && DEBIAN_FRONTEND=noninteractive apt-get install -y --no-install-recommends "${missing[@]}" ||
            die "could not install ${missing[*]}"
    fi
fi

if ! rustc --print target-libdir --target "$TARGET" >/dev/null 2>&1 ||
    [ ! -d "$(rustc --print target-libdir --target "$TARGET")" ]; then
    command -v rustup >/dev/null || die "the Rust standard library for $TARGET is missing and there is no rustup to add it"
    echo "== rustup target add $TARGET"
    rustup target add "$TARGET" ||
        die "rustup could not add the $TARGET target (offline, or the toolchain does not offer it); cannot build the Windows exe here"
fi

# --- the exe -----------------------------------------------------------------------------------
if [ "$PROFILE" = release ]; then
    profile_args=(--release)
else
    profile_args=()
fi
echo "== cargo build ${profile_args[*]} --target $TARGET"
start=$(date +%s)
nice -n "${NICE:-15}" cargo build "${profile_args[@]}" --locked --target "$TARGET" --bin nianbao --bin nianbao-cli
echo "   took $(($(date +%s) - start)) s"

# --- the wine-only stub DLL --------------------------------------------------------------------
mkdir -p "$DIST"
echo "== bcryptprimitives.dll (stub for wine only)"
x86_64-w64-mingw32-gcc -O2 -shared -s \
    -o "$DIST/bcryptprimitives.dll" \
    scripts/windows/bcryptprimitives.c scripts/windows/bcryptprimitives.def -ladvapi32

for exe in nianbao.exe nianbao-cli.exe; do
    cp "${CARGO_TARGET_DIR:-target}/$TARGET/$PROFILE/$exe" "$DIST/$exe"
    size=$(stat -c %s "$DIST/$exe")
    echo "== $DIST/$exe: $size bytes ($(awk "BEGIN { printf \"%.1f\", $size / 1048576 }") MiB, $PROFILE)"
    # Where the bytes are: .text is code, .rdata holds the bundled faces (fonts/*.ttf, embedded
    # whole), egui's default fonts and the other constants.
    if command -v x86_64-w64-mingw32-objdump >/dev/null; then
        x86_64-w64-mingw32-objdump -h "$DIST/$exe" |
            awk 'NF >= 7 && $2 ~ /^\.(text|rdata|data|pdata|xdata|rsrc|reloc)$/ { print $2, $3 }' |
            while read -r name hex; do printf '     %-7s %10d bytes\n' "$name" "$((16#$hex))"; done
    fi
done
echo "   $DIST/bcryptprimitives.dll is for running under wine only: do not ship it"
