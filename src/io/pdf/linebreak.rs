//! Stage 2, break lines: CJK text breaks between any two ideographs, Latin words and numbers
//! never split, and 避头尾 holds (no closing punctuation at a line start, no opening one at a
//! line end). A run too long for a line is broken hard.

use std::ops::Range;

/// Characters that may not start a line (行首禁则).
const NO_START: &str = "。，、；：？！）」』》〉】〕〗”’…·%％‰℃!),.:;?]}";
/// Characters that may not end a line (行尾禁则).
const NO_END: &str = "（「『《〈【〔〖“‘([{";

/// Whether `c` belongs to a Latin word or a number (never split).
fn is_word(c: char) -> bool {
    c.is_ascii_graphic() || (c.is_alphanumeric() && (c as u32) < 0x0250)
}

/// Units and counters that stay with the number before them (“2025年”, “214条”, “1.20万元”).
const UNITS: &str = "年月日时分秒号件条项次篇个人家份元万亿千百米台场处期届";

/// Whether the two characters stay together (a word, a number with its unit, “——”, “……”).
pub(super) fn glued(a: char, b: char) -> bool {
    (is_word(a) && is_word(b))
        || (a.is_ascii_digit() && UNITS.contains(b))
        || (a == b && matches!(a, '—' | '…' | '⋯'))
}

/// Whether a line may break between `a` and `b`.
pub(super) fn can_break(a: char, b: char) -> bool {
    if a.is_whitespace() {
        return true;
    }
    if b.is_whitespace() || NO_START.contains(b) || NO_END.contains(a) {
        return false;
    }
    !glued(a, b)
}

/// Breaks a paragraph of `chars` (advances in `widths`, same length) into lines: the first at
/// most `first_width` wide, the rest `width`. Returns the char range of each line, without the
/// spaces at a break.
pub(super) fn break_lines(
    chars: &[char],
    widths: &[f32],
    first_width: f32,
    width: f32,
) -> Vec<Range<usize>> {
    const EPSILON: f32 = 0.01;
    let n = chars.len().min(widths.len());
    let at = |i: usize| chars.get(i).copied().unwrap_or(' ');
    let mut lines = Vec::new();
    let mut start = 0;
    while start < n {
        if !lines.is_empty() {
            while start < n && at(start).is_whitespace() {
                start += 1;
            }
            if start == n {
                break;
            }
        }
        let avail = if lines.is_empty() { first_width } else { width };
        let mut x = 0.0;
        let mut last_break = None;
        let mut end = n;
        for i in start..n {
            if i > start && can_break(at(i - 1), at(i)) {
                last_break = Some(i);
            }
            let w = widths.get(i).copied().unwrap_or(0.0);
            if i > start && !at(i).is_whitespace() && x + w > avail + EPSILON {
                end = last_break.unwrap_or(i);
                break;
            }
            x += w;
        }
        let mut trimmed = end;
        while trimmed > start && at(trimmed - 1).is_whitespace() {
            trimmed -= 1;
        }
        lines.push(start..trimmed);
        start = end;
    }
    lines
}

#[cfg(test)]
mod tests {
    use super::*;

    /// Breaks `text` with ideographs 1 wide and ASCII ½ wide.
    fn lines(text: &str, width: f32) -> Vec<String> {
        let chars: Vec<char> = text.chars().collect();
        let widths: Vec<f32> = chars
            .iter()
            .map(|c| if c.is_ascii() { 0.5 } else { 1.0 })
            .collect();
        break_lines(&chars, &widths, width, width)
            .into_iter()
            .map(|r| chars[r].iter().collect())
            .collect()
    }

    #[test]
    fn ideographs_break_anywhere() {
        assert_eq!(
            lines("一二三四五六七八九十", 4.0),
            ["一二三四", "五六七八", "九十"]
        );
    }

    #[test]
    fn closing_punctuation_never_starts_a_line() {
        // 。 would start line 2: 四 goes down with it.
        assert_eq!(lines("一二三四。五六", 4.0), ["一二三", "四。五六"]);
        assert_eq!(lines("一二三四，”五", 4.0), ["一二三", "四，”五"]);
        assert_eq!(lines("一二三四）五", 4.0), ["一二三", "四）五"]);
        for text in [
            "甲乙丙丁、戊",
            "甲乙丙丁；戊",
            "甲乙丙丁》戊",
            "甲乙丙丁』戊",
            "甲乙丙丁…戊",
        ] {
            for line in lines(text, 4.0) {
                let first = line.chars().next().unwrap();
                assert!(
                    !NO_START.contains(first),
                    "{text}: line starts with {first}"
                );
            }
        }
    }

    #[test]
    fn opening_punctuation_never_ends_a_line() {
        // （ fits as the 4th character but would end the line: it goes down.
        assert_eq!(lines("一二三（四五", 4.0), ["一二三", "（四五"]);
        assert_eq!(lines("一二三《四五", 4.0), ["一二三", "《四五"]);
        assert_eq!(lines("一二三“四五", 4.0), ["一二三", "“四五"]);
        assert_eq!(lines("一二（三四五", 3.0), ["一二", "（三四", "五"]);
    }

    #[test]
    fn numbers_and_latin_words_are_never_split() {
        // "2025" is 2 wide; it does not fit after 一二三 (3 + 2 > 4).
        assert_eq!(lines("一二三2025年", 4.0), ["一二三", "2025年"]);
        // A number keeps its unit: “25件” does not break before 件.
        assert_eq!(lines("一二三25件申请", 4.0), ["一二三", "25件申请"]);
        assert_eq!(lines("电话0000-000", 4.0), ["电话", "0000-000"]);
        assert_eq!(lines("共1.20万元", 3.5), ["共", "1.20万", "元"]);
        assert_eq!(lines("word pdf", 2.0), ["word", "pdf"]);
    }

    #[test]
    fn a_run_too_long_for_a_line_breaks_hard() {
        assert_eq!(lines("12345678", 2.0), ["1234", "5678"]);
    }

    #[test]
    fn dashes_and_ellipses_stay_in_pairs() {
        assert_eq!(lines("一二三——四", 4.0), ["一二三", "——四"]);
    }

    #[test]
    fn the_first_line_can_be_indented() {
        let chars: Vec<char> = "一二三四五六".chars().collect();
        let widths = vec![1.0; chars.len()];
        assert_eq!(break_lines(&chars, &widths, 2.0, 4.0), [0..2, 2..6]);
    }

    #[test]
    fn spaces_at_a_break_are_dropped() {
        assert_eq!(lines("ab cd ef", 2.0), ["ab", "cd", "ef"]);
    }
}
