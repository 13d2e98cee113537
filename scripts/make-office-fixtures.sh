#!/usr/bin/env bash
# Makes the office fixtures in tests/fixtures/office with LibreOffice:
# - old Word (.doc) from the .docx fixtures (Writer):
#     apt-get install -y --no-install-recommends libreoffice-writer-nogui
# - Excel workbooks from web pages as Calc opens a page (every paragraph a row, the tables with
#   their merged cells) (Calc):
#     apt-get install -y --no-install-recommends libreoffice-calc-nogui
#   qinghe-2025.xlsx and .xls (Excel 97) from tests/fixtures/qinghe-2025.html; portal-2024.xlsx
#   from tests/fixtures/variants/portal-2024.html (a portal page: menus, a metadata table);
#   sample-2025.xlsx from nianbao's own web-page export of the sample report (our tables as
#   they come into Excel). Not xiaosha-2020-gbk.html: Calc's import of its nested layout
#   tables shifts every row one column further right (a staircase), which no reader can undo.
set -euo pipefail
cd "$(dirname "$0")/.."
out=tests/fixtures/office
mkdir -p "$out"
for f in tests/fixtures/docx/*.docx; do
  soffice --headless --convert-to doc --outdir "$out" "$f" >/dev/null
done
calc() { # calc FORMAT:FILTER PAGE
  soffice --headless --infilter="HTML (StarCalc)" --convert-to "$1" --outdir "$out" "$2" >/dev/null
}
xlsx='xlsx:Calc MS Excel 2007 XML'
calc "$xlsx" tests/fixtures/qinghe-2025.html
calc 'xls:MS Excel 97' tests/fixtures/qinghe-2025.html
calc "$xlsx" tests/fixtures/variants/portal-2024.html
tmp=$(mktemp -d)
trap 'rm -rf "$tmp"' EXIT
cargo run --quiet --bin nianbao -- export assets/sample/sample-2025.ron -o "$tmp/sample-2025.html" >/dev/null
calc "$xlsx" "$tmp/sample-2025.html"
ls -l "$out"
