#!/usr/bin/env bash
# The editor under kill -9 (issue 11), in a real window under Xvfb: type into the draft, then
# either take the focus away (the editor writes its recovery file) or press Ctrl+S, and kill -9
# the process 0–300 ms later. After each kill it asserts that the draft on disk (and its .bak)
# loads, and, when a recovery file was left, that the next start shows 恢复未保存的工作？
# (the dialog's pixels, compared with a reference taken in the first trial that has one).
#
# Usage: scripts/crash-editor.sh [TRIALS_PER_MODE]   (default 20; needs Xvfb, xdotool, ImageMagick)
# NIANBAO=path/to/nianbao overrides the binary (default target/debug/nianbao).
set -euo pipefail
cd "$(dirname "$0")/.."
trials=${1:-20}
bin=$(realpath "${NIANBAO:-target/debug/nianbao}")
for tool in Xvfb xdotool xwininfo import compare; do
    command -v "$tool" >/dev/null || { echo "needs $tool (apt-get install -y xvfb xdotool imagemagick)" >&2; exit 2; }
done
work=$(mktemp -d /tmp/nianbao-editor-XXXXXX)
export DISPLAY=:${XDISPLAY:-25}
Xvfb "$DISPLAY" -screen 0 1366x768x24 >/dev/null 2>&1 &
xvfb=$!
editor=""
cleanup() {
    [ -n "$editor" ] && kill -9 "$editor" 2>/dev/null || true
    kill "$xvfb" 2>/dev/null || true
    rm -rf "$work"
}
trap cleanup EXIT
sleep 1
export XDG_DATA_HOME="$work/data" LIBGL_ALWAYS_SOFTWARE=1
recovery="$work/data/nianbao/recovery.ron"
draft="$work/d.ron"
cp assets/sample/sample-2025.ron "$draft"
failures=0
fail() { echo "FAIL: $*" >&2; failures=$((failures + 1)); }

start_editor() {
    "$bin" "$draft" >/dev/null 2>&1 &
    editor=$!
    local win=""
    for _ in $(seq 1 300); do
        win=$(xwininfo -root -tree 2>/dev/null | awk '/"政府信息公开年度报告编辑器/ {print $1; exit}')
        [ -n "$win" ] && break
        sleep 0.1
    done
    [ -n "$win" ] || { fail "no window"; return 1; }
    sleep 2 # first frames
    xdotool windowfocus --sync "$win"
}

# The recovery dialog's place on the screen (the window fills the 1366×768 screen).
dialog_crop() { import -window root -crop 554x106+403+331 "$1"; }
reference=""

check_after_kill() {
    local label=$1 rc=0
    "$bin" check "$draft" >/dev/null 2>&1 || rc=$?
    [ "$rc" -le 1 ] || fail "$label: the draft does not load (exit $rc)"
    if [ -e "$draft.bak" ]; then
        rc=0
        "$bin" check "$draft.bak" >/dev/null 2>&1 || rc=$?
        [ "$rc" -le 1 ] || fail "$label: the .bak does not load (exit $rc)"
    fi
    ls -a "$work" | grep -q '^\.nb-.*\.tmp$' && temps=$((temps + 1))
    if [ -e "$recovery" ]; then
        with_recovery=$((with_recovery + 1))
        start_editor || return
        sleep 3
        dialog_crop "$work/now.png"
        if [ -z "$reference" ]; then
            reference="$work/reference.png"
            cp "$work/now.png" "$reference"
            cp "$reference" "/tmp/nianbao-editor-reference.png"
            echo "reference dialog captured ($label): /tmp/nianbao-editor-reference.png"
            offered=$((offered + 1))
        elif [ "$(compare -metric AE "$reference" "$work/now.png" null: 2>&1 || true)" != 0 ]; then
            fail "$label: the next start does not show the recovery dialog"
        else
            offered=$((offered + 1))
        fi
        kill -9 "$editor" 2>/dev/null || true
        wait "$editor" 2>/dev/null || true
        editor=""
        rm -f "$recovery"
    fi
}

for mode in autosave save; do
    with_recovery=0 offered=0 temps=0
    for i in $(seq 1 "$trials"); do
        start_editor || continue
        xdotool mousemove 700 518 click 1
        sleep 0.3
        xdotool type --delay 20 "x$i"
        sleep 0.3
        if [ "$mode" = autosave ]; then
            xdotool windowfocus "$(xwininfo -root | awk '/Window id/ {print $4}')"
        else
            xdotool key ctrl+s
        fi
        sleep "0.$(printf '%03d' $((RANDOM % 300)))"
        kill -9 "$editor" 2>/dev/null || true
        wait "$editor" 2>/dev/null || true
        editor=""
        check_after_kill "$mode $i"
    done
    echo "$mode: $trials kills; the draft and its .bak loaded every time; $with_recovery left a" \
        "recovery file, offered at the next start $offered times; $temps left a temporary file"
done
echo "== $failures failures"
[ "$failures" -eq 0 ]
