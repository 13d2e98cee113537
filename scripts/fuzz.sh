#!/usr/bin/env bash
# Coverage-guided fuzzing (issue 11): runs each cargo-fuzz target in fuzz/ for a while and prints
# executions, time and what was found. Needs the nightly toolchain and `cargo install cargo-fuzz`.
#
# Usage: scripts/fuzz.sh [SECONDS_PER_TARGET] [TARGET…]     (default 3600 s, every target)
# Targets: draft_load import_text import_html import_word import_doc import_xlsx import_pdf check_report
#          pdf_report
# A crash, a timeout (> FUZZ_TIMEOUT seconds of wall time, default 1) or running out of memory
# (> 2 GB) stops that target; the input is in fuzz/artifacts/TARGET/. Keep it as a regression
# test before fixing it. On a loaded machine 1 s of wall time gives false timeouts (FUZZ_TIMEOUT=10).
set -euo pipefail
cd "$(dirname "$0")/.."
seconds=${1:-3600}
shift || true
targets=("$@")
[ ${#targets[@]} -gt 0 ] || targets=(draft_load import_text import_html import_word import_doc import_xlsx import_pdf check_report pdf_report)
rustup toolchain list | grep -q '^nightly' || { echo "needs the nightly toolchain: rustup toolchain install nightly" >&2; exit 2; }
command -v cargo-fuzz >/dev/null || { echo "needs cargo-fuzz: cargo install cargo-fuzz" >&2; exit 2; }

# Seeds: the drafts and published reports in the repository. The report-shaped targets read
# their bytes as choices (libFuzzer's Unstructured), so any seed serves them.
seed() {
    local target=$1 dir=fuzz/corpus/$1
    mkdir -p "$dir"
    case "$target" in
        draft_load) cp assets/sample/*.ron "$dir/" ;;
        import_text) cp tests/fixtures/*.txt "$dir/" ;;
        import_html) cp tests/fixtures/*.html "$dir/" ;;
        import_word) cp tests/fixtures/docx/*.docx "$dir/" ;;
        import_doc) cp tests/fixtures/office/*.doc "$dir/" ;;
        import_xlsx) cp tests/fixtures/office/*.xlsx tests/fixtures/office/*.xls "$dir/" ;;
        import_pdf) cp tests/fixtures/pdf/*.pdf "$dir/" ;;
        *) find tests/fixtures -maxdepth 1 -type f -exec cp {} "$dir/" \; && cp assets/sample/*.ron "$dir/" ;;
    esac
}

mkdir -p fuzz/logs
# Sanitizer off: the crate forbids unsafe code, and the campaign looks for panics, timeouts and
# memory blow-ups; debug assertions (-a) turn arithmetic overflow into a crash.
nice -n 10 cargo +nightly fuzz build -s none -a
status=0
for target in "${targets[@]}"; do
    seed "$target"
    echo "== $target ($seconds s)"
    if ! nice -n 10 cargo +nightly fuzz run -s none -a "$target" "fuzz/corpus/$target" -- \
        -max_total_time="$seconds" -timeout="${FUZZ_TIMEOUT:-1}" -rss_limit_mb=2048 -print_final_stats=1 \
        >"fuzz/logs/$target.log" 2>&1; then
        status=1
        echo "FOUND something: see fuzz/logs/$target.log and fuzz/artifacts/$target/"
    fi
    grep -E 'stat::number_of_executed_units|stat::average_exec_per_sec|stat::peak_rss_mb' \
        "fuzz/logs/$target.log" || true
    grep -E '^(==[0-9]+== ERROR|.*deadly signal|.*timeout|.*out-of-memory)' "fuzz/logs/$target.log" | head -3 || true
done
exit $status
