#!/usr/bin/env bash
# Crash and failure campaign for saving a draft (issue 11): kill -9 at random points of
# `nianbao next-year … -o t.ron` over an existing t.ron and t.ron.bak, then failure injection
# (full disk, read-only file and disk, strace-injected errors and kills on rename/fsync/link/
# copy). After each trial it asserts:
#   - t.ron loads and is byte for byte the old or the new draft;
#   - t.ron.bak is complete (the draft before the old one, or the old one);
#   - after the next (uninterrupted) save no temporary file of ours remains.
#
# Usage: scripts/crash-save.sh [TRIALS]   (default 500; Linux, root for the tmpfs part, strace)
# NIANBAO=path/to/nianbao overrides the binary (default target/debug/nianbao, built if missing).
set -euo pipefail
cd "$(dirname "$0")/.."
trials=${1:-500}
bin=${NIANBAO:-target/debug/nianbao}
[ -x "$bin" ] || cargo build --quiet --bin nianbao
bin=$(realpath "$bin")
command -v strace >/dev/null || { echo "strace is needed: apt-get install -y strace" >&2; exit 2; }

work=$(mktemp -d /tmp/nianbao-crash-XXXXXX)
trap 'umount "$work/small" 2>/dev/null || true; rm -rf "$work"' EXIT
src=$(realpath assets/sample/sample-2025.ron)
# Three different drafts: the one before the old (B, in t.ron.bak), the old (A, in t.ron) and
# the new one the command writes (N).
"$bin" import tests/fixtures/xiaosha-2020.txt -o "$work/B.ron" 2>/dev/null
"$bin" import tests/fixtures/qinghe-2025-bars.txt -o "$work/A.ron" 2>/dev/null
"$bin" next-year "$src" -o "$work/N.ron" 2>/dev/null
A="$work/A.ron" B="$work/B.ron" N="$work/N.ron"

# Failures are counted in a file: check_state runs in a subshell.
: >"$work/failures"
fail() { echo "FAIL ($1): $2" | tee -a "$work/failures" >&2; }

# The state of folder $1 after a trial: prints old|new for t.ron, checks the .bak.
check_state() {
    local dir=$1 label=$2 state
    if cmp -s "$dir/t.ron" "$A"; then
        state=old
        cmp -s "$dir/t.ron.bak" "$B" || cmp -s "$dir/t.ron.bak" "$A" ||
            fail "$label" "t.ron is the old draft but t.ron.bak is neither B nor A"
    elif cmp -s "$dir/t.ron" "$N"; then
        state=new
        cmp -s "$dir/t.ron.bak" "$A" || fail "$label" "t.ron is new but t.ron.bak is not the old draft"
    else
        state=broken
        fail "$label" "t.ron is neither the old nor the new draft"
    fi
    local rc=0
    "$bin" check "$dir/t.ron" >/dev/null 2>&1 || rc=$?
    [ "$rc" -le 1 ] || fail "$label" "t.ron does not load (exit $rc)"
    rc=0
    "$bin" check "$dir/t.ron.bak" >/dev/null 2>&1 || rc=$?
    [ "$rc" -le 1 ] || fail "$label" "t.ron.bak does not load (exit $rc)"
    echo "$state"
}

# Our temporary files in folder $1.
temps() { find "$1" -maxdepth 1 \( -name '.nb-*.tmp' -o -name '.t.ron.*.tmp' \) | wc -l; }

# The next save must succeed and leave no temporary file.
next_save() {
    local dir=$1 label=$2
    if ! "$bin" next-year "$src" -o "$dir/t.ron" >/dev/null 2>&1; then
        fail "$label" "the next save failed"
    fi
    cmp -s "$dir/t.ron" "$N" || fail "$label" "the next save did not write the new draft"
    [ "$(temps "$dir")" -eq 0 ] || fail "$label" "a temporary file remains after the next save"
}

setup() {
    rm -rf "$1" && mkdir -p "$1"
    cp "$A" "$1/t.ron" && cp "$B" "$1/t.ron.bak"
}

# Slow the file system calls down so that random kills land inside the save, not only in the
# start-up before it.
slow="write,fsync,fdatasync,rename,renameat,renameat2,link,linkat,openat,unlink,unlinkat"
run_slowed() {
    strace -f -qq -o /dev/null -e trace="$slow" -e inject="$slow":delay_enter=2000 \
        "$bin" next-year "$src" -o "$1/t.ron" >/dev/null 2>&1
}

echo "== measuring one slowed save"
setup "$work/m"
start=$(date +%s%N)
run_slowed "$work/m"
span_ms=$((($(date +%s%N) - start) / 1000000))
echo "one slowed save: ${span_ms} ms"

echo "== $trials kill -9 at random points"
declare -A seen=([old]=0 [new]=0 [broken]=0)
left_temps=0 kept=0
for i in $(seq 1 "$trials"); do
    d="$work/k$i"
    setup "$d"
    strace -f -qq -o /dev/null -e trace="$slow" -e inject="$slow":delay_enter=2000 \
        "$bin" next-year "$src" -o "$d/t.ron" >/dev/null 2>&1 &
    tracer=$!
    sleep "$(awk -v r="$RANDOM" -v s="$span_ms" 'BEGIN { printf "%.4f", r / 32767 * s / 1000 }')"
    for child in $(pgrep -P "$tracer" || true); do kill -9 "$child" 2>/dev/null || true; done
    wait "$tracer" 2>/dev/null || true
    state=$(check_state "$d" "kill $i")
    seen[$state]=$((seen[$state] + 1))
    n=$(temps "$d")
    [ "$n" -gt 0 ] && left_temps=$((left_temps + 1))
    next_save "$d" "kill $i"
    ls "$d" | grep -q '未完成的保存' && kept=$((kept + 1))
    rm -rf "$d"
done
echo "kills: ${seen[old]} left the old draft, ${seen[new]} the new one, ${seen[broken]} neither;" \
    "$left_temps left temporary files (all gone after the next save; $kept complete newer drafts kept" \
    "as 未完成的保存)"

echo "== injected failures (strace)"
# inject_case LABEL WANT SPEC…: WANT is fails (exit 2 with a message), quiet (exit 2; the
# message itself cannot be written), works (exit 0) or killed; each SPEC is one -e inject=.
inject_case() {
    local label=$1 want=$2 d="$work/i"
    shift 2
    local args=()
    for spec in "$@"; do args+=(-e "inject=$spec"); done
    setup "$d"
    local rc=0
    strace -f -qq -o /dev/null "${args[@]}" "$bin" next-year "$src" -o "$d/t.ron" \
        >/dev/null 2>"$work/err" || rc=$?
    case "$want" in
        fails | quiet) [ "$rc" -eq 2 ] || fail "$label" "exit $rc, not 2" ;;
        works) [ "$rc" -eq 0 ] || fail "$label" "exit $rc, not 0: $(cat "$work/err")" ;;
        killed) [ "$rc" -eq 137 ] || [ "$rc" -eq 0 ] || fail "$label" "exit $rc" ;;
    esac
    if [ "$want" = fails ] && ! grep -q '原文件没有被改动' "$work/err"; then
        fail "$label" "the message does not say the file is untouched: $(cat "$work/err")"
    fi
    if grep -q 'os error\|No such\|denied' "$work/err"; then
        fail "$label" "English reaches the clerk: $(cat "$work/err")"
    fi
    local state
    state=$(check_state "$d" "$label")
    next_save "$d" "$label"
    echo "$label: exit $rc, t.ron $state"
}
renames="rename,renameat,renameat2"
inject_case "rename fails (EIO)" fails "$renames:error=EIO"
inject_case "second rename fails (ENOSPC)" fails "$renames:error=ENOSPC:when=2"
inject_case "fsync fails (EIO)" fails "fsync,fdatasync:error=EIO"
inject_case "every write fails (ENOSPC)" quiet "write:error=ENOSPC"
inject_case "no hard links (EPERM): a copy instead" works "link,linkat:error=EPERM"
inject_case "no hard links, the copy fails (ENOSPC)" fails "link,linkat:error=EPERM" \
    "copy_file_range,sendfile:error=ENOSPC"
inject_case "killed in the copy" killed "link,linkat:error=EPERM" "copy_file_range,sendfile:signal=KILL"
inject_case "killed at the link" killed "link,linkat:signal=KILL"
inject_case "killed at the first rename" killed "$renames:signal=KILL:when=1"
inject_case "killed at the second rename" killed "$renames:signal=KILL:when=2"
inject_case "killed at fsync" killed "fsync,fdatasync:signal=KILL"

echo "== read-only file"
d="$work/ro"
setup "$d"
chmod 444 "$d/t.ron"
rc=0
"$bin" next-year "$src" -o "$d/t.ron" >/dev/null 2>"$work/err" || rc=$?
[ "$rc" -eq 2 ] || fail "read-only file" "exit $rc"
grep -q '只读' "$work/err" || fail "read-only file" "the message does not say read-only"
check_state "$d" "read-only file" >/dev/null
[ "$(temps "$d")" -eq 0 ] || fail "read-only file" "temporary file left"
echo "read-only file: exit $rc — $(tail -n 1 "$work/err")"

if [ "$(id -u)" -eq 0 ] && mkdir -p "$work/small" && mount -t tmpfs -o size=64k tmpfs "$work/small" 2>/dev/null; then
    echo "== full disk (64 KB tmpfs)"
    d="$work/small"
    cp "$A" "$d/t.ron" && cp "$B" "$d/t.ron.bak"
    head -c 100000 /dev/zero >"$d/filler" 2>/dev/null || true
    rc=0
    "$bin" next-year "$src" -o "$d/t.ron" >/dev/null 2>"$work/err" || rc=$?
    [ "$rc" -eq 2 ] || fail "full disk" "exit $rc"
    grep -q '磁盘空间已满' "$work/err" || fail "full disk" "message: $(cat "$work/err")"
    check_state "$d" "full disk" >/dev/null
    [ "$(temps "$d")" -eq 0 ] || fail "full disk" "temporary file left"
    echo "full disk: exit $rc — $(tail -n 1 "$work/err")"
    rm -f "$d/filler"
    echo "== read-only disk"
    mount -o remount,ro "$d"
    rc=0
    "$bin" next-year "$src" -o "$d/t.ron" >/dev/null 2>"$work/err" || rc=$?
    [ "$rc" -eq 2 ] || fail "read-only disk" "exit $rc"
    grep -q '只读' "$work/err" || fail "read-only disk" "message: $(cat "$work/err")"
    check_state "$d" "read-only disk" >/dev/null
    echo "read-only disk: exit $rc — $(tail -n 1 "$work/err")"
    umount "$d"
else
    echo "== full disk and read-only disk skipped (needs root to mount a tmpfs)"
fi

failures=$(wc -l <"$work/failures")
echo "== $failures failures"
[ "$failures" -eq 0 ]
