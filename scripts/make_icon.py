#!/usr/bin/env python3
"""Draws the application icon: a red seal with 年报 in white.

Writes assets/icon/nianbao.ico (16–256 px, each size drawn on its own grid so the small ones stay
sharp) and assets/icon/nianbao.png (256 px, for the window icon). Uses the bundled fonts, so the
result does not depend on the machine. Needs Pillow. Run from the repository root:

    python3 scripts/make_icon.py
"""

import sys
from pathlib import Path

from PIL import Image, ImageDraw, ImageFont

ROOT = Path(__file__).resolve().parent.parent
OUT = ROOT / "assets" / "icon"
SEAL_RED = (200, 32, 38, 255)
WHITE = (255, 255, 255, 255)
SIZES = [16, 20, 24, 32, 40, 48, 64, 128, 256]
SUPERSAMPLE = 4


def font(name: str, px: int) -> ImageFont.FreeTypeFont:
    return ImageFont.truetype(str(ROOT / "fonts" / name), px)


def draw(size: int) -> Image.Image:
    """One icon image of `size` pixels, drawn large and scaled down for smooth edges."""
    s = size * SUPERSAMPLE
    img = Image.new("RGBA", (s, s), (0, 0, 0, 0))
    d = ImageDraw.Draw(img)
    margin = round(s * 0.03)
    d.rounded_rectangle(
        (margin, margin, s - 1 - margin, s - 1 - margin), radius=round(s * 0.12), fill=SEAL_RED
    )
    if size >= 48:
        # The thin inner frame of a seal; below 48 px it crowds the characters.
        inset = round(s * 0.10)
        d.rounded_rectangle(
            (inset, inset, s - 1 - inset, s - 1 - inset),
            radius=round(s * 0.06),
            outline=WHITE,
            width=max(SUPERSAMPLE, round(s * 0.025)),
        )
    if size <= 24:
        # Two characters do not fit in 24 px; 年 alone still reads.
        text, face, px = "年", "NianbaoSans-Regular.ttf", round(s * 0.78)
    elif size < 48:
        text, face, px = "年报", "NianbaoSans-Regular.ttf", round(s * 0.43)
    else:
        text, face, px = "年报", "NianbaoSerif-Bold.ttf", round(s * 0.38)
    f = font(face, px)
    d.text((s / 2, s / 2), text, font=f, fill=WHITE, anchor="mm")
    return img.resize((size, size), Image.Resampling.LANCZOS)


def main() -> None:
    """Writes the icon files; `--sheet FILE` also writes all sizes side by side, to look at."""
    OUT.mkdir(parents=True, exist_ok=True)
    images = [draw(size) for size in SIZES]
    largest = images[-1]
    largest.save(OUT / "nianbao.ico", sizes=[(n, n) for n in SIZES], append_images=images[:-1])
    largest.save(OUT / "nianbao.png", optimize=True)
    print(f"wrote {OUT / 'nianbao.ico'} ({', '.join(map(str, SIZES))} px) and nianbao.png")
    if len(sys.argv) == 3 and sys.argv[1] == "--sheet":
        write_sheet(images, Path(sys.argv[2]))


def write_sheet(images: list[Image.Image], path: Path) -> None:
    sheet = Image.new("RGBA", (sum(SIZES) + 10 * len(SIZES), max(SIZES)), (240, 240, 240, 255))
    x = 0
    for img in images:
        sheet.paste(img, (x, 0), img)
        x += img.width + 10
    sheet.save(path)


if __name__ == "__main__":
    main()
