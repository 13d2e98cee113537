//! Free prose as the prose rules read it: clauses, "均为0", short words found fast. What a
//! number after a cue counts is [`super::grammar`]'s.
//!
//! Heuristic by nature, so every prose rule is a warning: a clerk confirms or rewrites.

use std::sync::LazyLock;

use super::grammar;
use crate::model::lexicon::{OTHER_SCOPES, ZERO_PHRASES};
use crate::model::report::Report;
use crate::model::value::is_space;

/// The zero phrases and the other scopes' words, with their masks worked out once.
static ZERO_WORDS: LazyLock<Words<'static>> = LazyLock::new(|| Words::new(ZERO_PHRASES));
static OTHER_SCOPE_WORDS: LazyLock<Words<'static>> = LazyLock::new(|| Words::new(OTHER_SCOPES));

/// A clause of the prose, with what the prose rules look for in it found once.
#[derive(Debug, Clone, Copy)]
struct Clause<'a> {
    text: &'a str,
    /// Its characters as a [`char_mask`].
    chars: u64,
    figure: bool,
    zero: bool,
    /// It speaks of another scope than this report's table (全区、备案 …).
    other_scope: bool,
}

/// The prose of the sections the figure rules read, split into clauses once per check, so the
/// many prose rules do not each split and scan the same text again (the check runs on every
/// keystroke). Sections no figure rule reads (五、六) are not split at all.
pub struct SectionClauses<'a> {
    sections: Vec<(&'a str, Vec<Clause<'a>>)>,
}

impl<'a> SectionClauses<'a> {
    /// Splits the sections of `report` that `wanted` names.
    pub fn new(report: &'a Report, wanted: &[&str]) -> Self {
        let (zero_phrases, other_scopes) = (&*ZERO_WORDS, &*OTHER_SCOPE_WORDS);
        let sections = report
            .prose
            .iter()
            .filter(|(id, _)| wanted.contains(&id.as_str()))
            .map(|(id, text)| {
                let clauses = clauses(text)
                    .filter_map(|c| {
                        let (chars, figure) = scan(c);
                        // Most clauses have not the characters of any zero phrase.
                        let zero = zero_phrases.may_be_in(chars) && says_zero(c);
                        (figure || zero).then(|| Clause {
                            text: c,
                            chars,
                            figure,
                            zero,
                            other_scope: other_scopes.any_in(c, chars),
                        })
                    })
                    .collect();
                (id.as_str(), clauses)
            })
            .collect();
        SectionClauses { sections }
    }

    fn of<'s>(&'s self, section: &'s str) -> impl Iterator<Item = &'s Clause<'a>> + 's {
        self.sections
            .iter()
            .filter(move |(id, _)| *id == section)
            .flat_map(|(_, c)| c.iter())
    }

    /// The clauses of a section that state a number in this report's scope, each with its
    /// [`char_mask`].
    pub fn with_figures<'s>(
        &'s self,
        section: &'s str,
    ) -> impl Iterator<Item = (&'a str, u64)> + 's {
        self.of(section)
            .filter(|c| c.figure && !c.other_scope)
            .map(|c| (c.text, c.chars))
    }

    /// The clauses of a section that say something is zero, in this report's scope, each with
    /// its [`char_mask`].
    pub fn saying_zero<'s>(
        &'s self,
        section: &'s str,
    ) -> impl Iterator<Item = (&'a str, u64)> + 's {
        self.of(section)
            .filter(|c| c.zero && !c.other_scope)
            .map(|c| (c.text, c.chars))
    }
}

/// A clause's [`char_mask`], and whether it can hold a count: a digit, or a Chinese numeral
/// before a measure word. One pass, as it runs over every clause of the prose.
fn scan(clause: &str) -> (u64, bool) {
    let mut mask = 0;
    let mut figure = false;
    let mut prev_numeral = false;
    for c in clause.chars() {
        mask |= char_bit(c);
        if !figure {
            figure = ascii_digit(c).is_some() || prev_numeral && grammar::is_unit_start(c);
            prev_numeral = grammar::chinese_digit(c).is_some() || matches!(c, '十' | '百' | '千');
        }
    }
    (mask, figure)
}

/// Splits prose into clauses at sentence and comma punctuation (not at 、, which lists items
/// that share one predicate: "行政复议、行政诉讼均为0"; and not at a thousands separator).
pub fn clauses(text: &str) -> impl Iterator<Item = &str> {
    let mut rest = text;
    std::iter::from_fn(move || {
        loop {
            if rest.is_empty() {
                return None;
            }
            let (clause, after) = match first_separator(rest) {
                Some((end, resume)) => (
                    rest.get(..end).unwrap_or(""),
                    rest.get(resume..).unwrap_or(""),
                ),
                None => (rest, ""),
            };
            rest = after;
            if !clause.trim_matches(is_space).is_empty() {
                return Some(clause);
            }
        }
    })
}

/// The byte range of the first clause separator in `text` (see [`clauses`]).
fn first_separator(text: &str) -> Option<(usize, usize)> {
    let bytes = text.as_bytes();
    let digit_at = |i: usize| bytes.get(i).is_some_and(u8::is_ascii_digit);
    for (i, &b) in bytes.iter().enumerate() {
        // Every separator is ASCII or CJK or full-width punctuation (UTF-8 lead bytes E3, EF):
        // the ideographs between them (lead bytes E4–E9) and continuation bytes are not decoded.
        let c = match b {
            0..=0x7f => char::from(b),
            0xe3 | 0xef => text.get(i..).and_then(|t| t.chars().next()).unwrap_or('\0'),
            _ => continue,
        };
        let separator = match c {
            '。' | '；' | ';' | '！' | '？' | '!' | '?' | '\n' | '：' | ':' => true,
            // Not between digits (1,234): the byte before and after a character is an ASCII
            // digit exactly when the character there is one.
            ',' | '，' => !(i.checked_sub(1).is_some_and(digit_at) && digit_at(i + c.len_utf8())),
            _ => false,
        };
        if separator {
            return Some((i, i + c.len_utf8()));
        }
    }
    None
}

pub(super) fn ascii_digit(c: char) -> Option<u32> {
    match c {
        '0'..='9' => c.to_digit(10),
        '０'..='９' => Some(c as u32 - '０' as u32),
        _ => None,
    }
}

/// The characters of `text` as a 64-bit set, each character hashed to one bit: a word can be in
/// the text only if every bit of its own mask is in the text's. The prose rules look for some
/// hundred words in each clause, nearly all absent; the mask rules most of them out without
/// reading the clause.
pub fn char_mask(text: &str) -> u64 {
    text.chars().fold(0, |mask, c| mask | char_bit(c))
}

fn char_bit(c: char) -> u64 {
    1 << (u32::from(c).wrapping_mul(0x9E37_79B1) >> 26)
}

/// Whether `word` can be in a text whose [`char_mask`] is `mask` (false means it is not).
pub fn may_have(mask: u64, word: &str) -> bool {
    char_mask(word) & !mask == 0
}

/// Words looked for in many texts, each with its [`char_mask`] worked out once (not once per
/// text: a few hundred masks of the same words were a tenth of the check).
pub struct Words<'w> {
    words: Vec<(&'w str, u64)>,
}

impl<'w> Words<'w> {
    /// The words and their masks.
    pub fn new(words: impl IntoIterator<Item = &'w str>) -> Self {
        Words {
            words: words.into_iter().map(|w| (w, char_mask(w))).collect(),
        }
    }

    /// Whether there are no words.
    pub fn is_empty(&self) -> bool {
        self.words.is_empty()
    }

    /// Whether one of the words can be in a text whose [`char_mask`] is `mask` (false means
    /// none is).
    pub fn may_be_in(&self, mask: u64) -> bool {
        self.words.iter().any(|&(_, m)| m & !mask == 0)
    }

    /// Whether one of the words is in `hay`, whose [`char_mask`] is `mask`.
    pub fn any_in(&self, hay: &str, mask: u64) -> bool {
        self.words
            .iter()
            .any(|&(w, m)| m & !mask == 0 && has(hay, w))
    }
}

/// [`has`] for a text whose [`char_mask`] is known.
pub fn has_masked(hay: &str, mask: u64, needle: &str) -> bool {
    may_have(mask, needle) && has(hay, needle)
}

/// The byte offset of the first `needle` in `hay` at or after byte `from`.
///
/// The checker runs on every keystroke and looks for a few hundred short words in a few hundred
/// clauses: `str::find` with a string builds a two-way searcher for every call, whose setup cost
/// more than the search itself (most of the check's time). Searching for the needle's first
/// character (which the standard library does with memchr, no setup) and comparing the rest is
/// enough for words of a few characters.
pub fn find_from(hay: &str, needle: &str, from: usize) -> Option<usize> {
    let Some(first) = needle.chars().next() else {
        return (from <= hay.len()).then_some(from);
    };
    // A clause is a few dozen bytes: comparing byte by byte costs less than a memchr call per
    // false start (the last byte of a Chinese character is one of only 64). A match of a whole
    // character sequence always starts on a character boundary (UTF-8 resynchronizes).
    let tail = hay.get(from..)?.as_bytes();
    if tail.len() <= SHORT {
        let n = needle.as_bytes();
        let (first, second, third) = (n.first(), n.get(1), n.get(2));
        // The first three bytes (a whole Chinese character) compared inline: a memcmp call per
        // position costs more, and the first two bytes are shared by the 64 characters of a
        // block, so they rule out too few.
        return tail
            .windows(n.len())
            .position(|w| w.first() == first && w.get(1) == second && w.get(2) == third && w == n)
            .map(|i| from + i);
    }
    let mut i = from;
    loop {
        let at = i + hay.get(i..)?.find(first)?;
        if hay.get(at..)?.starts_with(needle) {
            return Some(at);
        }
        i = at + first.len_utf8();
    }
}

/// `text.starts_with(word)`, its first byte compared inline first (most tries fail there, and a
/// memcmp call costs more than the comparison).
pub fn starts_with(text: &str, word: &str) -> bool {
    match word.as_bytes().first() {
        None => true,
        Some(b) => text.as_bytes().first() == Some(b) && text.starts_with(word),
    }
}

/// Texts up to this many bytes are searched byte by byte (see [`find_from`]).
const SHORT: usize = 192;

/// Whether `hay` contains `needle` (see [`find_from`]).
pub fn has(hay: &str, needle: &str) -> bool {
    find_from(hay, needle, 0).is_some()
}

/// Every byte offset where `needle` starts in `hay`, left to right, not overlapping.
pub fn find_all<'a>(hay: &'a str, needle: &'a str) -> impl Iterator<Item = usize> + 'a {
    let mut from = 0;
    std::iter::from_fn(move || {
        let at = find_from(hay, needle, from)?;
        from = at + needle.len().max(1);
        Some(at)
    })
}

/// Whether a clause states that its subject is zero ("行政复议、行政诉讼均为0"). One pass over
/// the clause: a phrase is tried only where its first character stands.
pub fn says_zero(clause: &str) -> bool {
    let mut before: Option<char> = None;
    for (at, c) in clause.char_indices() {
        if matches!(c, '均' | '为' | '未' | '没' | '零' | '0' | '０') {
            let here = clause.get(at..).unwrap_or("");
            // "0件" inside "10件" or "2.0件" is not a zero.
            let inside_number =
                before.is_some_and(|b| ascii_digit(b).is_some() || matches!(b, '.' | '．'));
            if ZERO_PHRASES
                .iter()
                .any(|p| starts_with(here, p) && !(p.starts_with(['0', '０']) && inside_number))
            {
                return true;
            }
        }
        before = Some(c);
    }
    false
}

/// Whether two texts are the same apart from white space.
pub fn same_text(a: &str, b: &str) -> bool {
    // A draft rolled over keeps last year's text as it was: one memcmp says so.
    if a == b {
        return true;
    }
    a.chars()
        .filter(|c| !is_space(*c))
        .eq(b.chars().filter(|c| !is_space(*c)))
}

/// Whether a text has anything beyond white space.
pub fn has_content(text: &str) -> bool {
    text.chars().any(|c| !is_space(c))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn splits_clauses_but_not_lists() {
        let c: Vec<&str> = clauses("收到申请5件，办结5件。行政复议、行政诉讼均为0").collect();
        assert_eq!(c, ["收到申请5件", "办结5件", "行政复议、行政诉讼均为0"]);
        assert!(says_zero(c[2]));
        assert!(!says_zero(c[0]));
        // A figure that ends in 0 is not a zero.
        assert!(!says_zero("全年收到申请10件"));
        assert!(!says_zero("收到申请２０件"));
        assert!(says_zero("行政复议0件"));
        assert!(says_zero("收到申请共10件，其中行政复议0件"));
        let c: Vec<&str> = clauses("收到申请1,234件,办结1,200件").collect();
        assert_eq!(c, ["收到申请1,234件", "办结1,200件"]);
        // Every separator, full-width or not; a comma at a clause's start or end separates.
        let c: Vec<&str> =
            clauses("甲。乙；丙;丁！戊？己!庚?辛\n壬：癸:子，1，234件,5,丑、寅「卯」").collect();
        assert_eq!(
            c,
            [
                "甲",
                "乙",
                "丙",
                "丁",
                "戊",
                "己",
                "庚",
                "辛",
                "壬",
                "癸",
                "子",
                "1，234件",
                "5",
                "丑、寅「卯」"
            ]
        );
        assert_eq!(clauses("，5件， ，").collect::<Vec<_>>(), ["5件"]);
    }

    #[test]
    fn finds_clauses_that_can_hold_figures() {
        let figure = |clause| scan(clause).1;
        assert!(figure("收到申请5件"));
        assert!(figure("收到申请十二件"));
        assert!(figure("收到申请１２件"));
        assert!(!figure("进一步统一思想"));
        assert_eq!(scan("进一步统一思想").0, char_mask("进一步统一思想"));
    }

    #[test]
    fn finds_words_as_str_find_does() {
        for (hay, needle) in [
            ("予以公开11件、部分公开4件", "部分公开"),
            ("予以公开11件", "公开11"),
            ("abc", "c"),
            ("abc", "abcd"),
            ("", "a"),
            ("a", ""),
            ("行政复议、行政诉讼", "诉讼"),
            ("公公开", "公开"),
        ] {
            assert_eq!(
                find_from(hay, needle, 0),
                hay.find(needle),
                "{hay} {needle}"
            );
        }
        assert_eq!(find_from("公开与公开", "公开", 3), Some(9));
        assert_eq!(find_all("0件、0件", "0件").collect::<Vec<_>>(), [0, 7]);
        assert!(has("收到申请", "申请") && !has("收到", "申请"));
    }

    #[test]
    fn a_mask_rules_out_only_words_that_are_absent() {
        let text =
            "全年共收到政府信息公开申请12件，其中自然人申请10件，办结12件。行政复议、行政诉讼均为0";
        let long = text.repeat(8);
        let words = [
            "收到",
            "申请",
            "全区",
            "行政诉讼",
            "均为0",
            "0",
            "12件",
            "备案",
            "。行",
            "部分公开",
            "办结",
            "结12",
            "件，",
            "诉讼均",
            "复议案件",
            "",
        ];
        for hay in [text, long.as_str(), "", "收到"] {
            let mask = char_mask(hay);
            for w in words {
                assert_eq!(has_masked(hay, mask, w), hay.contains(w), "{hay} {w}");
                assert_eq!(find_from(hay, w, 0), hay.find(w), "{hay} {w}");
            }
        }
        assert!(!may_have(char_mask("收到申请"), "全区"));
    }

    #[test]
    fn words_are_found_as_has_finds_them() {
        let words = Words::new(["全区", "备案", "申请", "0"]);
        for text in ["全年收到申请12件", "全区备案3件", "办结", "", "均为0"] {
            let mask = char_mask(text);
            let any = ["全区", "备案", "申请", "0"].iter().any(|w| has(text, w));
            assert_eq!(words.any_in(text, mask), any, "{text}");
            assert!(!any || words.may_be_in(mask), "{text}");
        }
        assert!(!Words::new([]).may_be_in(u64::MAX) && Words::new([]).is_empty());
    }

    #[test]
    fn starts_with_as_str_does() {
        for (text, word) in [
            ("均为0", "均为"),
            ("均为0", "均无"),
            ("均", "均为"),
            ("", "均"),
            ("", ""),
            ("件", ""),
            ("0件", "0件"),
        ] {
            assert_eq!(
                starts_with(text, word),
                text.starts_with(word),
                "{text} {word}"
            );
        }
    }

    #[test]
    fn compares_text_ignoring_spaces() {
        assert!(same_text("一、总体情况", "一、总体情况") && same_text("", ""));
        assert!(same_text("一、 总体\n情况", "一、总体情况"));
        assert!(!same_text("总体情况", "总体情况。"));
    }
}
