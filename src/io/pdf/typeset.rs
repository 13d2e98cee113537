//! Measure and break a run of styled text into placed lines (stages 1 and 2 together), used for
//! paragraphs, headings and table cells.

use super::boxes::{Glyph, TextLine};
use super::linebreak::{break_lines, glued};
use super::metrics::FontBook;
use crate::io::fonts::FontRole;

/// How to set a block of text.
#[derive(Debug, Clone, Copy)]
pub(super) struct Setting {
    /// Size in pt.
    pub(super) size: f32,
    /// Width of the first line (after its indent).
    pub(super) first_width: f32,
    /// Indent of the first line.
    pub(super) indent: f32,
    /// Width of the other lines.
    pub(super) width: f32,
    /// Height of each line's slot.
    pub(super) line_height: f32,
    /// Spread every line but the last to the full width (CJK justification).
    pub(super) justify: bool,
}

/// The largest extra space per gap (in em) justification may add; a line needing more (a long
/// unbreakable number) stays ragged instead of looking torn apart.
const MAX_JUSTIFY_EM: f32 = 0.25;

/// Sets `text` (each character with its role) into lines.
pub(super) fn set_text(book: &FontBook, text: &[(char, FontRole)], s: &Setting) -> Vec<TextLine> {
    let chars: Vec<char> = text.iter().map(|&(c, _)| c).collect();
    let fonts: Vec<usize> = text.iter().map(|&(c, r)| book.pick(r, c)).collect();
    let widths: Vec<f32> = chars
        .iter()
        .zip(&fonts)
        .map(|(&c, &f)| book.advance(f, c, s.size))
        .collect();
    let ranges = break_lines(&chars, &widths, s.first_width, s.width);
    let count = ranges.len();
    ranges
        .into_iter()
        .enumerate()
        .map(|(li, range)| {
            let (x0, avail) = if li == 0 {
                (s.indent, s.first_width)
            } else {
                (0.0, s.width)
            };
            let natural: f32 = widths.get(range.clone()).map_or(0.0, |w| w.iter().sum());
            let gaps = range
                .clone()
                .skip(1)
                .filter(|&i| {
                    !glued(
                        chars.get(i - 1).copied().unwrap_or(' '),
                        chars.get(i).copied().unwrap_or(' '),
                    )
                })
                .count();
            let extra = avail - natural;
            let per_gap = if s.justify && li + 1 < count && gaps > 0 && extra > 0.0 {
                let g = extra / gaps as f32;
                if g <= MAX_JUSTIFY_EM * s.size { g } else { 0.0 }
            } else {
                0.0
            };
            let mut x = x0;
            let mut glyphs = Vec::with_capacity(range.len());
            for i in range {
                let (Some(&ch), Some(&font), Some(&advance)) =
                    (chars.get(i), fonts.get(i), widths.get(i))
                else {
                    continue;
                };
                if let Some(prev) = glyphs.last().map(|g: &Glyph| g.ch)
                    && !glued(prev, ch)
                {
                    x += per_gap;
                }
                glyphs.push(Glyph {
                    ch,
                    font,
                    size: s.size,
                    x,
                    advance,
                });
                x += advance;
            }
            TextLine {
                glyphs,
                width: x,
                height: s.line_height,
                baseline: baseline(s.line_height, s.size),
                scale: 1.0,
            }
        })
        .collect()
}

/// Baseline of text of `size` centred in a slot of `height`: CJK faces put the ideographic em
/// box from 0.88 em above the baseline to 0.12 em below.
pub(super) fn baseline(height: f32, size: f32) -> f32 {
    height / 2.0 + 0.38 * size
}

/// `text` in one role, without the characters that print nothing (zero-width, variation
/// selectors, controls).
pub(super) fn styled(text: &str, role: FontRole) -> Vec<(char, FontRole)> {
    text.chars()
        .filter(|&c| !super::glyphs::is_invisible(c))
        .map(|c| (c, role))
        .collect()
}

#[cfg(test)]
mod tests {
    use super::*;

    fn setting(width: f32, justify: bool) -> Setting {
        Setting {
            size: 10.0,
            first_width: width - 20.0,
            indent: 20.0,
            width,
            line_height: 14.0,
            justify,
        }
    }

    #[test]
    fn a_paragraph_is_indented_and_justified_except_its_last_line() {
        let book = FontBook::bundled();
        let text = styled(
            &"本报告依据条例编制，统计期限自2025年1月1日起至2025年12月31日止。".repeat(3),
            FontRole::Body,
        );
        // 28 characters a line, as on the page.
        let lines = set_text(&book, &text, &setting(280.0, true));
        assert!(lines.len() > 3);
        assert_eq!(lines[0].glyphs[0].x, 20.0);
        for line in &lines[..lines.len() - 1] {
            assert!(line.width <= 280.01, "{}", line.width);
            assert!(line.width > 279.9, "{}: {}", line.text(), line.width);
        }
        let all: String = lines.iter().map(TextLine::text).collect();
        assert_eq!(all, text.iter().map(|c| c.0).collect::<String>());
    }

    #[test]
    fn unjustified_lines_are_set_at_natural_width() {
        let book = FontBook::bundled();
        let lines = set_text(
            &book,
            &styled("一二三四五六七", FontRole::Body),
            &setting(45.0, false),
        );
        assert_eq!(lines[0].text(), "一二");
        assert_eq!(lines[1].text(), "三四五六");
        assert!((lines[1].width - 40.0).abs() < 0.01);
    }
}
