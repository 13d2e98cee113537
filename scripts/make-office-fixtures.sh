#!/usr/bin/env bash
# Makes the old-Word fixtures (tests/fixtures/office/*.doc) from the .docx fixtures with
# LibreOffice: apt-get install -y --no-install-recommends libreoffice-writer-nogui
set -euo pipefail
cd "$(dirname "$0")/.."
out=tests/fixtures/office
mkdir -p "$out"
for f in tests/fixtures/docx/*.docx; do
  soffice --headless --convert-to doc --outdir "$out" "$f" >/dev/null
done
ls -l "$out"
