#!/usr/bin/env bash
# Issue 23's figures in one run, as the README's 性能 table gives them: the PDF export of the 2020
# fixture (whole process: wall, CPU, peak RSS), the checker (CPU per check), the 汇总 and gui
# criterion benches, the Windows exe's size and the editor's start. Run it on a quiet machine
# (`uptime` is printed first and last); nothing else should be building.
#
#   scripts/measure-lean.sh             # everything (builds the bench profile first)
#   scripts/measure-lean.sh pdf check   # only some of: pdf check sum gui exe start
#
# The PDF is written to /dev/shm when it exists, so the figure is the program's and not the
# disk's (the export fsyncs the file and its folder before it reports success; on this machine's
# disk that alone is 60-90 ms of wall time). Needs perf (linux-perf), GNU time, and for `start`
# what scripts/measure-start.sh needs.
set -euo pipefail
cd "$(dirname "$0")/.."
parts=("$@")
((${#parts[@]})) || parts=(pdf check sum gui exe start)
want() { [[ " ${parts[*]} " == *" $1 "* ]]; }
fixture=tests/fixtures/xiaosha-2020.txt
out_dir=/dev/shm
[ -d "$out_dir" ] || out_dir=${TMPDIR:-/tmp}
uptime

if want pdf || want check || want start; then
    cargo build --profile bench --locked --bin nianbao --quiet
    cargo bench --locked --bench check --no-run --quiet 2>/dev/null
fi
target=${CARGO_TARGET_DIR:-target}
bin=$target/release/nianbao

if want pdf; then
    echo "== PDF export of $fixture (bench profile = release with debug assertions off), 30 runs"
    "$bin" export "$fixture" -o "$out_dir/nianbao-lean.pdf" >/dev/null 2>&1 || true
    echo "-- pinned to core 1 (CPU time)"
    taskset -c 1 perf stat -r 30 -e task-clock,user_time,system_time \
        "$bin" export "$fixture" -o "$out_dir/nianbao-lean.pdf" 2>&1 >/dev/null |
        grep -E 'task-clock|user_time|system_time|elapsed' || true
    echo "-- on both cores, as the issue measures (wall time)"
    perf stat -r 30 -e task-clock \
        "$bin" export "$fixture" -o "$out_dir/nianbao-lean.pdf" 2>&1 >/dev/null |
        grep -E 'task-clock|elapsed' || true
    peaks=()
    for _ in 1 2 3 4 5; do
        # `export` exits 1 when the report has errors (the fixture has one), the PDF written.
        peaks+=("$( (/usr/bin/time -f %M "$bin" export "$fixture" -o "$out_dir/nianbao-lean.pdf" || true) 2>&1 >/dev/null | tail -1)")
    done
    echo "peak RSS (KB, 5 runs): ${peaks[*]}"
fi

if want check; then
    echo "== checker, CPU per check (20,000 checks a run, 5 runs each, pinned to core 1)"
    check=$(ls -t "$target"/release/deps/check-* | grep -v '\.d$' | head -1)
    for input in sample next broken; do
        ms=$(taskset -c 1 perf stat -r 5 -x, -e task-clock "$check" --iterations 20000 "$input" 2>&1 >/dev/null |
            awk -F, '/task-clock/ { print $1 }')
        awk -v ms="$ms" -v what="$input" 'BEGIN { printf "%-7s %.1f µs a check\n", what, ms * 1000 / 20000 }'
    done
fi

if want sum; then
    echo "== criterion: sum (500 units; 500 with 100 PDFs and 100 .docx), pinned to core 1"
    cargo bench --locked --bench sum --no-run --quiet 2>/dev/null
    taskset -c 1 "$(ls -t "$target"/release/deps/sum-* | grep -v '\.d$' | head -1)" --bench 2>&1 |
        grep -E '^sum/|time:'
fi

if want gui; then
    echo "== criterion: gui frames, pinned to core 1"
    cargo bench --locked --bench gui --no-run --quiet 2>/dev/null
    taskset -c 1 "$(ls -t "$target"/release/deps/gui-* | grep -v '\.d$' | head -1)" --bench 2>&1 |
        grep -E '^gui/|time:'
fi

if want exe; then
    echo "== nianbao.exe (scripts/build-windows.sh; the release profile strips it)"
    exe=dist/windows/nianbao.exe
    if [ -f "$exe" ]; then
        size=$(stat -c %s "$exe")
        echo "$exe: $size B ($(awk "BEGIN { printf \"%.2f\", $size / 1048576 }") MiB; target 20,971,520 B)"
    else
        echo "no $exe: run scripts/build-windows.sh first"
    fi
fi

if want start; then
    echo "== editor start and idle (scripts/measure-start.sh, bench-profile binary)"
    scripts/measure-start.sh "$bin" 5
fi
uptime
