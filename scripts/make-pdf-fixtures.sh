#!/usr/bin/env bash
# Makes the PDF-import fixtures in tests/fixtures/pdf/ (committed; rerun only to refresh them):
#
#   qinghe-2025-lo-F.pdf   LibreOffice's print of tests/fixtures/qinghe-2025.html
#   xiaosha-2020-lo-F.pdf  LibreOffice's print of tests/fixtures/xiaosha-2020-gbk.html (its fixed
#                          900-pixel page width removed first, as a browser fits a page to paper)
#                          F names the Chinese font LibreOffice found and embedded: `droid`
#                          (Droid Sans Fallback, TrueType, one-byte codes) on a bare Debian,
#                          `noto` (Noto Serif CJK, CFF) with fonts-noto-cjk installed. Both kinds
#                          are kept; a run refreshes the kind this machine makes.
#   scan.pdf               the first two pages of our own export of the sample as grey JPEG
#                          images and nothing else: what a scanned, sealed report looks like
#   *-layout.txt           `pdftotext -layout` of our export of the sample and of the two prints
#                          (qinghe-2025-lo-*.txt, xiaosha-2020-lo-*.txt: of this run's prints)
#   *-raw.txt              `pdftotext -raw` (the content order a PDF viewer's copy gives)
#   sample-plain.txt       `pdftotext` without options
#   no-copy.pdf            a small text PDF that forbids printing and copying (no open password)
#   password.pdf           the same behind an open password
#
# Needs: soffice (apt-get install -y --no-install-recommends libreoffice-writer-nogui),
# pdftotext and pdftoppm (apt-get install -y poppler-utils), qpdf, python3, cargo.
set -euo pipefail
cd "$(dirname "$0")/.."

out=tests/fixtures/pdf
mkdir -p "$out"
tmp=$(mktemp -d "${TMPDIR:-/tmp}/nianbao-pdf-fixtures.XXXXXX")
trap 'rm -rf "$tmp"' EXIT

need() {
    command -v "$1" >/dev/null || { echo "missing $1: $2" >&2; exit 1; }
}
need soffice "apt-get install -y --no-install-recommends libreoffice-writer-nogui"
need pdftotext "apt-get install -y poppler-utils"
need pdftoppm "apt-get install -y poppler-utils"
need pdffonts "apt-get install -y poppler-utils"
need python3 "apt-get install -y python3"
need qpdf "apt-get install -y qpdf"

print_with_libreoffice() {
    soffice --headless -env:UserInstallation="file://$tmp/lo-profile" \
        --convert-to pdf --outdir "$tmp" "$1" >/dev/null 2>&1
}

# Which Chinese font a print embeds: droid or noto.
font_of() {
    case "$(pdffonts "$1" 2>/dev/null)" in
    *Noto*CJK*) echo noto ;;
    *Droid*) echo droid ;;
    *) echo other ;;
    esac
}

print_with_libreoffice tests/fixtures/qinghe-2025.html
mv "$tmp/qinghe-2025.pdf" "$tmp/qinghe-2025-lo.pdf"

sed 's/ width="900"//' tests/fixtures/xiaosha-2020-gbk.html >"$tmp/xiaosha-2020-lo.html"
print_with_libreoffice "$tmp/xiaosha-2020-lo.html"

cargo run --quiet --bin nianbao -- export assets/sample/sample-2025.ron -o "$tmp/sample.pdf" 2>/dev/null

for name in sample qinghe-2025-lo xiaosha-2020-lo; do
    pdf="$tmp/$name.pdf"
    if [ "$name" != sample ]; then
        cp "$pdf" "$out/$name-$(font_of "$pdf").pdf"
    fi
    pdftotext -layout "$pdf" "$out/$name-layout.txt"
    pdftotext -raw "$pdf" "$out/$name-raw.txt"
done
pdftotext "$tmp/sample.pdf" "$out/sample-plain.txt"

pdftoppm -f 1 -l 2 -r 45 -gray -jpeg -jpegopt quality=35 "$tmp/sample.pdf" "$tmp/page"
python3 - "$out/scan.pdf" "$tmp"/page-*.jpg <<'PY'
"""Wraps JPEG pages into a PDF with nothing but the images (no text layer)."""
import struct
import sys


def jpeg_size(data):
    """Width, height and colour components from the JPEG's SOF segment."""
    i = 2
    while i < len(data):
        marker, length = data[i + 1], struct.unpack(">H", data[i + 2:i + 4])[0]
        if marker in (0xC0, 0xC1, 0xC2):
            height, width = struct.unpack(">HH", data[i + 5:i + 9])
            return width, height, data[i + 9]
        i += 2 + length
    raise ValueError("no SOF marker")


out, pages = sys.argv[1], sys.argv[2:]
objects = []  # bodies, object n is objects[n-1]


def add(body):
    objects.append(body)
    return len(objects)


catalog = add(b"")
tree = add(b"")
kids = []
for path in pages:
    data = open(path, "rb").read()
    w, h, components = jpeg_size(data)
    space = b"/DeviceGray" if components == 1 else b"/DeviceRGB"
    image = add(b"<< /Type /XObject /Subtype /Image /Width %d /Height %d /ColorSpace %s"
                b" /BitsPerComponent 8 /Filter /DCTDecode /Length %d >>\nstream\n"
                % (w, h, space, len(data))
                + data + b"\nendstream")
    draw = b"q 595.28 0 0 841.89 0 0 cm /Im0 Do Q"
    content = add(b"<< /Length %d >>\nstream\n" % len(draw) + draw + b"\nendstream")
    kids.append(add(b"<< /Type /Page /Parent %d 0 R /MediaBox [0 0 595.28 841.89]"
                    b" /Resources << /XObject << /Im0 %d 0 R >> >> /Contents %d 0 R >>"
                    % (tree, image, content)))
objects[catalog - 1] = b"<< /Type /Catalog /Pages %d 0 R >>" % tree
objects[tree - 1] = (b"<< /Type /Pages /Count %d /Kids [%s] >>"
                     % (len(kids), b" ".join(b"%d 0 R" % k for k in kids)))
pdf = bytearray(b"%PDF-1.4\n%\xe2\xe3\xcf\xd3\n")
offsets = []
for n, body in enumerate(objects, 1):
    offsets.append(len(pdf))
    pdf += b"%d 0 obj\n" % n + body + b"\nendobj\n"
xref = len(pdf)
pdf += b"xref\n0 %d\n0000000000 65535 f \n" % (len(objects) + 1)
pdf += b"".join(b"%010d 00000 n \n" % o for o in offsets)
pdf += b"trailer\n<< /Size %d /Root %d 0 R >>\nstartxref\n%d\n%%%%EOF\n" % (len(objects) + 1, catalog, xref)
open(out, "wb").write(pdf)
PY

# A small text PDF, then protected two ways.
python3 - "$tmp/text.pdf" <<'PY'
"""One page of Helvetica text, nothing else."""
import sys
text = b"BT /F1 14 Tf 72 760 Td (Annual report on government information disclosure) Tj ET"
objects = [
    b"<< /Type /Catalog /Pages 2 0 R >>",
    b"<< /Type /Pages /Count 1 /Kids [3 0 R] >>",
    b"<< /Type /Page /Parent 2 0 R /MediaBox [0 0 595 842] /Resources << /Font << /F1 4 0 R >> >>"
    b" /Contents 5 0 R >>",
    b"<< /Type /Font /Subtype /Type1 /BaseFont /Helvetica >>",
    b"<< /Length %d >>\nstream\n" % len(text) + text + b"\nendstream",
]
pdf = bytearray(b"%PDF-1.4\n")
offsets = []
for n, body in enumerate(objects, 1):
    offsets.append(len(pdf))
    pdf += b"%d 0 obj\n" % n + body + b"\nendobj\n"
xref = len(pdf)
pdf += b"xref\n0 %d\n0000000000 65535 f \n" % (len(objects) + 1)
pdf += b"".join(b"%010d 00000 n \n" % o for o in offsets)
pdf += b"trailer\n<< /Size %d /Root 1 0 R >>\nstartxref\n%d\n%%%%EOF\n" % (len(objects) + 1, xref)
open(sys.argv[1], "wb").write(pdf)
PY
qpdf --encrypt "" owner-secret 256 --print=none --extract=n -- "$tmp/text.pdf" "$out/no-copy.pdf"
qpdf --encrypt user-secret owner-secret 256 -- "$tmp/text.pdf" "$out/password.pdf"

ls -l "$out"
