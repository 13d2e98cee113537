#!/usr/bin/env python3
"""Render sample lines with each bundled font to PNGs, to look at by eye.

    python3 scripts/render_font_samples.py --chars characters.json [--fonts fonts] [--out DIR]

Needs Pillow and fontTools.  Pillow draws without shaping (basic layout), as
egui and the PDF writer do.  Besides the PNGs, every sampled character is
checked against the font's cmap, so missing glyphs (tofu) are also reported
in text.
"""

import argparse
import glob
import json
import os
import random
import sys

from fontTools.ttLib import TTFont
from PIL import Image, ImageDraw, ImageFont

SAMPLE = "政府信息公开工作年度报告 一、总体情况（一）“三安全一稳定” 1621624.23元 —— 堃喆镕 〔2021〕30号 ①②"
SYMBOLS = "☐☑☒ ‰ ℃ № ×÷± ←↑→↓ ①⑳ ⑴⒇ ⒈ Ⅻ ㈠ ㎡ ‘单引号’ ……——·、。，；：！？《》【】"
LATIN = "Annual Report 2025 — “quotes” ‘single’ ABCxyz 0123456789 ¥￥ é ü ±½"


def gb2312():
    out = set()
    for b1 in range(0xB0, 0xF8):
        for b2 in range(0xA1, 0xFF):
            try:
                out.add(bytes((b1, b2)).decode("gb2312"))
            except UnicodeDecodeError:
                pass
    return out


def main():
    ap = argparse.ArgumentParser()
    ap.add_argument("--chars", required=True)
    ap.add_argument("--fonts", default="fonts")
    ap.add_argument("--out", default="/tmp/nianbao-font-samples")
    ap.add_argument("--size", type=int, default=48)
    ap.add_argument("--seed", type=int, default=8105)
    args = ap.parse_args()

    chars = json.load(open(args.chars, encoding="utf-8"))
    rng = random.Random(args.seed)
    gb = gb2312()
    not_gb = [c for c in chars if c not in gb]
    astral = [c for c in chars if ord(c) > 0xFFFF]
    lines = [
        SAMPLE,
        SYMBOLS,
        LATIN,
        "8105 random: " + "".join(rng.sample(chars, 20)),
        "not GB2312: " + "".join(rng.sample(not_gb, 20)),
        "beyond BMP: " + "".join(rng.sample(astral, 20)),
        "——一——“”‘’「」…… dash run: ————————",
    ]
    os.makedirs(args.out, exist_ok=True)
    problems = 0
    for path in sorted(glob.glob(os.path.join(args.fonts, "*.ttf"))):
        cmap = TTFont(path).getBestCmap()
        missing = sorted({c for line in lines for c in line if ord(c) not in cmap and c != " "})
        font = ImageFont.truetype(path, args.size, layout_engine=ImageFont.Layout.BASIC)
        pad = args.size // 2
        height = pad * 2 + len(lines) * int(args.size * 1.5)
        width = pad * 2 + max(int(font.getlength(line)) for line in lines)
        img = Image.new("RGB", (width, height), "white")
        draw = ImageDraw.Draw(img)
        for i, line in enumerate(lines):
            draw.text((pad, pad + i * int(args.size * 1.5)), line, font=font, fill="black")
        out = os.path.join(args.out, os.path.basename(path)[:-4] + ".png")
        img.save(out)
        print(f"{out}: missing {len(missing)}" + (f": {' '.join(missing)}" if missing else ""))
        problems += bool(missing)
    for line in lines[3:6]:
        print(line)
    sys.exit(1 if problems else 0)


if __name__ == "__main__":
    main()
