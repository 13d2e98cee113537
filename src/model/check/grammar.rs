//! The grammar of the data sentences real reports use (its word lists are in
//! [`crate::model::lexicon`]): what a number after a cue word counts, and whether it is the
//! cue's alone.
//!
//! Read so (each case says nothing unless the phrase clearly means the cue's own cells):
//! - a count is a number with a count unit (件、条、次、个、场、期、篇 …) or a bare number
//!   ("均为0"); a number of kinds (2类、3个方面、5项) is not a count;
//! - "A及B 258件", "A、B共5件": one figure for A and B together ([`Reading::Joint`]); a later
//!   member of such a list has no figure of its own;
//! - "A、B均为0" gives each the figure; "A、B分别为3件、2件" gives each its own;
//! - "其中" between the cue and the number: the number is a part, not the cue's;
//! - scopes that are not this report's table (全市、全区、各部门、备案、累计 …): nothing;
//! - 约、近、余、多、以上、左右: not exact, nothing; percentages, years, dates, ordinals are
//!   skipped (the next number may still be the count).

use super::prose::{ascii_digit, find_all, find_from, has, starts_with};
use crate::model::lexicon::{
    APPROX_AFTER, APPROX_BEFORE, BREAKDOWN, COUNT_UNITS, EACH, JOINERS, NOT_JOINERS, OTHER_UNITS,
    RESPECTIVELY,
};

/// How many characters may stand between a cue and the joiner that makes it the head of a list
/// ("行政复议案件、行政诉讼案件共5件": 案件).
const HEAD_SLACK: usize = 2;

/// Whether a clause speaks of another scope than this report's table (全区、各部门、备案 …).
#[cfg(test)]
pub fn other_scope(clause: &str) -> bool {
    super::prose::Words::new(crate::model::lexicon::OTHER_SCOPES)
        .any_in(clause, super::prose::char_mask(clause))
}

/// What a number after a cue word says about the cue's cells.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Reading<'a> {
    /// The cue's own count; `end` is the byte end of the count and its unit in the clause.
    Own(i64, usize),
    /// One count for the cue and the other cues named with it (`members`, in order): their sum.
    /// `phrase` is the text from the cue to the last member ("予以公开及部分公开").
    Joint {
        /// The figure stated.
        figure: i64,
        /// The other cue words of the list, as found in `known`.
        members: Vec<&'a str>,
        /// The list as written.
        phrase: &'a str,
        /// The byte end of the count and its unit in the clause.
        end: usize,
    },
    /// The number does not clearly count the cue's cells.
    Silent,
}

/// A number in a clause: where it is and what it is.
#[derive(Debug, Clone, Copy)]
struct Token {
    start: usize,
    end: usize,
    value: i64,
    /// Written in Chinese numerals (十二件).
    chinese: bool,
}

/// Reads the figure the cue at byte `at` of `clause` states, if any number follows it. `known`
/// are every cue word the format's prose rules look for: a list is read only where its members
/// are known words. A clause of another scope ([`other_scope`]) is left out by the caller, which
/// knows it once per clause.
pub fn read<'a>(clause: &'a str, at: usize, cue: &str, known: &[&'a str]) -> Option<Reading<'a>> {
    let after_cue = at + cue.len();
    let token = first_count(clause, after_cue)?;
    let gap = clause.get(after_cue..token.start)?;
    let before = clause.get(..at)?;
    let rest = clause.get(token.end..)?;
    if has(gap, BREAKDOWN) || APPROX_BEFORE.iter().any(|w| gap.ends_with(w)) {
        return Some(Reading::Silent);
    }
    let Some(unit) = count_unit(rest, token.chinese) else {
        return Some(Reading::Silent);
    };
    let stop = token.end + unit;
    let each = EACH.iter().any(|w| has(gap, w));
    if let Some(position) = later_member(before, known) {
        // "行政复议、行政诉讼2类案件": 行政诉讼's figure is the list's, said at its head.
        return Some(if each {
            Reading::Own(token.value, stop)
        } else if let Some((respective, end)) = respective(clause, after_cue, position) {
            Reading::Own(respective, end)
        } else {
            Reading::Silent
        });
    }
    match list_members(gap, known) {
        Members::None => Some(Reading::Own(token.value, stop)),
        Members::Unknown => Some(Reading::Silent),
        Members::Known(members, end) => {
            if each {
                return Some(Reading::Own(token.value, stop));
            }
            if has(gap, RESPECTIVELY) {
                return Some(
                    respective(clause, after_cue, 0)
                        .map_or(Reading::Silent, |(n, end)| Reading::Own(n, end)),
                );
            }
            let phrase = clause.get(at..after_cue + end).unwrap_or("");
            Some(Reading::Joint {
                figure: token.value,
                members,
                phrase,
                end: stop,
            })
        }
    }
}

/// The phrase of `clause` a reading comes from, to quote: from the start of the item the cue
/// at byte `at` is in ("予以公开11件、|部分公开4件") to the end of its count (`end`).
pub fn phrase(clause: &str, at: usize, end: usize) -> &str {
    let before = clause.get(..at).unwrap_or("");
    let start = before
        .rmatch_indices('、')
        .find(|(i, _)| {
            let item = before.get(..*i).unwrap_or("");
            item.chars()
                .next_back()
                .is_some_and(|c| ascii_digit(c).is_some())
                || COUNT_UNITS.iter().any(|u| item.ends_with(u))
        })
        .map_or(0, |(i, m)| i + m.len());
    clause
        .get(start..end.max(at))
        .unwrap_or(clause)
        .trim_matches(crate::model::value::is_space)
}

/// The members a gap between a cue and its number lists after the cue.
enum Members<'a> {
    /// No list: the number is the cue's.
    None,
    /// A list whose members are not all known words: nothing can be said.
    Unknown,
    /// The known words listed, and the byte end of the last one in the gap.
    Known(Vec<&'a str>, usize),
}

fn list_members<'a>(gap: &str, known: &[&'a str]) -> Members<'a> {
    let mut members = Vec::new();
    let mut end = 0;
    let mut search = 0;
    while let Some((j, joiner)) = next_joiner(gap, search) {
        let segment_start = j + joiner.len();
        let segment_end = next_joiner(gap, segment_start).map_or(gap.len(), |(k, _)| k);
        let segment = gap.get(segment_start..segment_end).unwrap_or("");
        let head =
            gap.get(..j).map_or(0, |s| s.chars().count()) <= HEAD_SLACK && members.is_empty();
        match known_in(segment, known) {
            Some((offset, word)) => {
                members.push(word);
                end = segment_start + offset + word.len();
            }
            // "予以公开及其他处理10件": a list, but of what the rules do not know.
            None if head => return Members::Unknown,
            // A joiner inside a modifier ("通过信函、网络提出的申请"): not a list of cues.
            None => {}
        }
        search = segment_end;
    }
    if members.is_empty() {
        Members::None
    } else {
        Members::Known(members, end)
    }
}

/// The next joiner in `text` at or after byte `from`: its byte offset and the joiner.
fn next_joiner(text: &str, from: usize) -> Option<(usize, &'static str)> {
    let tail = text.get(from..)?;
    for (i, _) in tail.char_indices() {
        let here = tail.get(i..).unwrap_or("");
        if NOT_JOINERS.iter().any(|w| starts_with(here, w)) {
            continue;
        }
        if let Some(j) = JOINERS.iter().find(|j| starts_with(here, j)) {
            return Some((from + i, j));
        }
    }
    None
}

/// The first known word in `text` (the longest where two start at the same place).
fn known_in<'a>(text: &str, known: &[&'a str]) -> Option<(usize, &'a str)> {
    known
        .iter()
        .filter_map(|w| find_from(text, w, 0).map(|at| (at, *w)))
        .min_by_key(|&(at, w)| (at, std::cmp::Reverse(w.len())))
}

/// Whether the cue ending `before` is a later member of a list whose head is a known word
/// ("予以公开及|部分公开", "行政复议、|行政诉讼"), and its position in the list (1 for the
/// second member).
fn later_member(before: &str, known: &[&str]) -> Option<usize> {
    let joiner = JOINERS.iter().find(|j| before.ends_with(**j))?;
    let head = before.get(..before.len() - joiner.len())?;
    // The list reaches back to the last number (a figure closes an earlier item).
    let start = head
        .char_indices()
        .rev()
        .find(|&(_, c)| ascii_digit(c).is_some())
        .map_or(0, |(i, c)| i + c.len_utf8());
    let span = head.get(start..)?;
    known_in(span, known)?;
    let mut position = 1;
    let mut search = 0;
    while let Some((j, joiner)) = next_joiner(span, search) {
        if known_in(span.get(j..).unwrap_or(""), known).is_some() {
            position += 1;
        }
        search = j + joiner.len();
    }
    Some(position)
}

/// "分别为3件、2件": the count at `position` (from 0) after 分别 and the byte end of it and
/// its unit, if the clause has one.
fn respective(clause: &str, from: usize, position: usize) -> Option<(i64, usize)> {
    let at = find_from(clause, RESPECTIVELY, from)? + RESPECTIVELY.len();
    let mut cursor = at;
    let mut n = 0;
    while let Some(token) = first_count(clause, cursor) {
        if n == position {
            let unit = count_unit(clause.get(token.end..).unwrap_or(""), token.chinese)?;
            return Some((token.value, token.end + unit));
        }
        n += 1;
        cursor = token.end;
    }
    None
}

/// Whether what follows a number makes it a count, and the byte length of its unit: a count
/// unit and nothing approximate after it, or (for Arabic digits) nothing at all, as in "均为0".
fn count_unit(rest: &str, chinese: bool) -> Option<usize> {
    if APPROX_AFTER.iter().any(|w| starts_with(rest, w))
        || OTHER_UNITS.iter().any(|u| starts_with(rest, u))
    {
        return None;
    }
    match COUNT_UNITS.iter().find(|u| starts_with(rest, u)) {
        Some(unit) => {
            let after = rest.get(unit.len()..).unwrap_or("");
            (!APPROX_AFTER.iter().any(|w| starts_with(after, w))).then_some(unit.len())
        }
        None => (!chinese && rest.chars().next().is_none_or(|c| !is_ideograph(c))).then_some(0),
    }
}

/// Whether `c` begins a unit (件、类、个 …): after a Chinese numeral, it makes a figure.
pub fn is_unit_start(c: char) -> bool {
    COUNT_UNITS
        .iter()
        .chain(OTHER_UNITS.iter())
        .any(|u| u.starts_with(c))
}

fn is_ideograph(c: char) -> bool {
    ('\u{4e00}'..='\u{9fff}').contains(&c)
}

/// What may follow a number that is not a count (a year, a date, a percentage, an ordinal).
const NOT_COUNTS: [char; 9] = ['年', '月', '日', '%', '％', '号', '时', '届', '‰'];

/// The first number at or after byte `from` of `clause` that can be a count: Arabic and
/// full-width digits (with thousands separators), and Chinese numerals before a unit (十二件).
/// Years, dates, percentages, decimals and ordinals (第3) are skipped.
fn first_count(clause: &str, from: usize) -> Option<Token> {
    let text = clause.get(from..)?;
    let mut iter = text.char_indices().peekable();
    let mut prev: Option<char> = None;
    while let Some((i, c)) = iter.next() {
        if let Some(d) = ascii_digit(c) {
            let mut value = i64::from(d);
            let mut end = i + c.len_utf8();
            let mut overflow = false;
            while let Some(&(j, n)) = iter.peek() {
                if let Some(d) = ascii_digit(n) {
                    match value
                        .checked_mul(10)
                        .and_then(|v| v.checked_add(i64::from(d)))
                    {
                        Some(v) => value = v,
                        None => overflow = true,
                    }
                    end = j + n.len_utf8();
                    iter.next();
                } else if matches!(n, ',' | '，')
                    && text
                        .get(j + n.len_utf8()..)
                        .and_then(|s| s.chars().next())
                        .is_some_and(|m| ascii_digit(m).is_some())
                {
                    iter.next();
                } else {
                    break;
                }
            }
            let rest = text.get(end..).unwrap_or("");
            let mut rest_chars = rest.chars();
            let next = rest_chars.next();
            let decimal = matches!(next, Some('.' | '．'))
                && rest_chars.next().is_some_and(|n| ascii_digit(n).is_some());
            let skipped = overflow
                || prev == Some('第')
                || decimal
                || next.is_some_and(|n| NOT_COUNTS.contains(&n));
            if !skipped {
                return Some(Token {
                    start: from + i,
                    end: from + end,
                    value,
                    chinese: false,
                });
            }
            // Skip the rest of a decimal (12.5%).
            if decimal {
                iter.next();
                while iter.peek().is_some_and(|&(_, n)| ascii_digit(n).is_some()) {
                    iter.next();
                }
            }
            prev = Some('0');
            continue;
        }
        if chinese_digit(c).is_some() || matches!(c, '十' | '百' | '千') {
            let mut end = i + c.len_utf8();
            while let Some(&(j, n)) = iter.peek() {
                if chinese_digit(n).is_some() || matches!(n, '十' | '百' | '千') {
                    end = j + n.len_utf8();
                    iter.next();
                } else {
                    break;
                }
            }
            let rest = text.get(end..).unwrap_or("");
            let unit = COUNT_UNITS
                .iter()
                .chain(OTHER_UNITS.iter())
                .any(|u| starts_with(rest, u));
            if prev != Some('第')
                && unit
                && let Some(value) = text.get(i..end).and_then(chinese_number)
            {
                return Some(Token {
                    start: from + i,
                    end: from + end,
                    value,
                    chinese: true,
                });
            }
            prev = Some('一');
            continue;
        }
        prev = Some(c);
    }
    None
}

pub(super) fn chinese_digit(c: char) -> Option<i64> {
    Some(match c {
        '零' | '〇' => 0,
        '一' => 1,
        '二' | '两' => 2,
        '三' => 3,
        '四' => 4,
        '五' => 5,
        '六' => 6,
        '七' => 7,
        '八' => 8,
        '九' => 9,
        _ => return None,
    })
}

/// Reads 十二, 一百零五, 两千三百 (up to 9999).
fn chinese_number(text: &str) -> Option<i64> {
    let mut total = 0;
    let mut digit: Option<i64> = None;
    for c in text.chars() {
        let unit = match c {
            '十' => 10,
            '百' => 100,
            '千' => 1000,
            _ => {
                digit = Some(chinese_digit(c)?);
                continue;
            }
        };
        total += digit.take().unwrap_or(1) * unit;
    }
    Some(total + digit.unwrap_or(0))
}

/// The figure the first of `cues` found in `clause` states, read by [`read`], with the cue and
/// its byte offset.
pub fn read_cues<'a>(
    clause: &'a str,
    cues: &'a [String],
    known: &[&'a str],
) -> Option<(&'a str, usize, Reading<'a>)> {
    cues.iter().find_map(|cue| {
        find_all(clause, cue)
            .find_map(|at| read(clause, at, cue, known).map(|r| (cue.as_str(), at, r)))
    })
}

#[cfg(test)]
#[path = "grammar_tests.rs"]
mod tests;
