#!/usr/bin/env bash
# The editor's start as a clerk sees it (issue 23): from starting the program to the first painted
# frame (the window shows more than 20 colours), its CPU time by then, and its memory and CPU
# after 5 s idle, under Xvfb at 1366×768 with software GL. Prints one line a run and the median.
#
#   scripts/measure-start.sh [BINARY] [RUNS]     (default target/release/nianbao, 5 runs)
#
# Needs Xvfb, xdotool and ImageMagick (apt-get install -y xvfb xdotool imagemagick). Each run has
# its own empty HOME, so no recovery file or last-opened draft changes what is drawn. The wall
# time includes the polling (one `import` of the window every 10 ms or so).
set -euo pipefail
cd "$(dirname "$0")/.."
bin=${1:-target/release/nianbao}
runs=${2:-5}
for tool in Xvfb xdotool import; do
    command -v "$tool" >/dev/null || { echo "needs $tool (apt-get install -y xvfb xdotool imagemagick)" >&2; exit 2; }
done
[ -x "$bin" ] || { echo "no $bin: cargo build --release first" >&2; exit 2; }

display=:57
Xvfb "$display" -screen 0 1366x768x24 >/dev/null 2>&1 &
xvfb=$!
cleanup() { kill "$xvfb" 2>/dev/null || true; }
trap cleanup EXIT
sleep 1
export DISPLAY=$display LIBGL_ALWAYS_SOFTWARE=1
tick=$(getconf CLK_TCK)

cpu_ms() { # user + system time of PID so far, in ms
    awk -v t="$tick" '{ print int(($14 + $15) * 1000 / t) }' "/proc/$1/stat"
}

walls=()
for run in $(seq "$runs"); do
    home=$(mktemp -d)
    start=$(date +%s%N)
    HOME=$home "$bin" >/dev/null 2>&1 &
    pid=$!
    wid=$(xdotool search --sync --onlyvisible --pid "$pid" | head -1)
    until [ "$(import -window "$wid" -format %k info: 2>/dev/null || echo 0)" -gt 20 ]; do
        sleep 0.01
    done
    end=$(date +%s%N)
    first_cpu=$(cpu_ms "$pid")
    sleep 5
    idle_cpu=$(( $(cpu_ms "$pid") - first_cpu ))
    rss=$(awk '/^VmRSS/ { print int($2 / 1024) }' "/proc/$pid/status")
    kill "$pid"
    wait "$pid" 2>/dev/null || true
    rm -rf "$home"
    wall=$(( (end - start) / 1000000 ))
    walls+=("$wall")
    echo "run $run: first frame ${wall} ms wall, ${first_cpu} ms CPU; idle 5 s: ${rss} MB RSS, ${idle_cpu} ms CPU"
done
median=$(printf '%s\n' "${walls[@]}" | sort -n | awk '{ a[NR] = $1 } END { print a[int((NR + 1) / 2)] }')
echo "median first frame: ${median} ms wall ($runs runs, $bin)"
