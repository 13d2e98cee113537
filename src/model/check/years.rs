//! Years and dates in free text: the sentences of a text, the years a sentence names (P-YEAR),
//! the period a sentence states (M-PERIOD), a short quote around a phrase.

use super::prose::ascii_digit;
use crate::model::report::Date;
use crate::model::value::is_space;

/// The sentence of `text` around byte `at`: from after the previous 。 or line break to before
/// the next one.
pub fn sentence_around(text: &str, at: usize) -> &str {
    let is_end = |c: char| matches!(c, '。' | '\n' | '！' | '？');
    let start = text
        .get(..at)
        .and_then(|before| before.char_indices().rev().find(|&(_, c)| is_end(c)))
        .map_or(0, |(i, c)| i + c.len_utf8());
    let end = text
        .get(at..)
        .and_then(|after| after.find(is_end))
        .map_or(text.len(), |i| at + i);
    text.get(start..end).unwrap_or("")
}

/// A date as written in prose, its year left out when it repeats the one before
/// (`2025年1月1日起至12月31日止`).
type Written = (Option<u16>, u8, u8);

/// The period a sentence states: its first two dates (`自2025年1月1日起至2025年12月31日止`), the
/// second taking the first's year when it has none; or a whole year (`2025年度`). `None` when the
/// sentence does not say.
pub fn period_in(sentence: &str) -> Option<(Date, Date)> {
    let mut dates: Vec<Written> = Vec::new();
    let mut years: Vec<u16> = Vec::new();
    let mut year: Option<u16> = None;
    let mut month: Option<u8> = None;
    let mut chars = sentence.chars().peekable();
    while let Some(c) = chars.next() {
        let Some(d) = ascii_digit(c) else {
            continue;
        };
        let mut value = d;
        while let Some(d) = chars.peek().and_then(|&n| ascii_digit(n)) {
            value = value.saturating_mul(10).saturating_add(d);
            chars.next();
        }
        match chars.peek() {
            Some('年') => {
                let y = u16::try_from(value).ok();
                year = y;
                years.extend(y);
                month = None;
            }
            Some('月') => month = u8::try_from(value).ok(),
            Some('日' | '号') => {
                if let (Some(m), Ok(day)) = (month.take(), u8::try_from(value)) {
                    dates.push((year.take(), m, day));
                }
            }
            _ => {}
        }
    }
    match dates.as_slice() {
        [(Some(y), m1, d1), (y2, m2, d2), ..] => Some((
            Date {
                year: *y,
                month: *m1,
                day: *d1,
            },
            Date {
                year: y2.unwrap_or(*y),
                month: *m2,
                day: *d2,
            },
        )),
        [] => {
            let &[y] = years.as_slice() else {
                return None;
            };
            Some((
                Date {
                    year: y,
                    month: 1,
                    day: 1,
                },
                Date {
                    year: y,
                    month: 12,
                    day: 31,
                },
            ))
        }
        _ => None,
    }
}

/// Brackets inside which a year belongs to something quoted: a title 《》, a quotation “”, a
/// 文号 〔〕 or [].
const OPENING: [char; 6] = ['《', '“', '〔', '【', '［', '['];
const CLOSING: [char; 6] = ['》', '”', '〕', '】', '］', ']'];

/// What joins the two ends of a range of years (2021—2025年, 2021年至2025年).
const RANGE: [char; 8] = ['—', '-', '–', '－', '~', '～', '至', '到'];

/// The sentences of a text (cut after 。！？ and at line breaks), without white space around.
pub fn sentences(text: &str) -> impl Iterator<Item = &str> {
    text.split_inclusive(['。', '！', '？', '\n'])
        .map(|s| s.trim_matches(is_space))
        .filter(|s| !s.is_empty())
}

/// Marks between the clauses of a sentence.
const CLAUSE_MARKS: [char; 6] = ['，', ',', '；', ';', '：', ':'];

/// The years (`2023年`) a sentence names outside `allowed`, in order, each once. Not counted: a
/// year inside 《》, “”, 〔〕 or [] (a title, a quotation, a 文号); `2020年以来` and `2020年至今`; a
/// range of years that reaches into `allowed` (2021—2025年); any year in a clause with one of
/// `periods` (a 统计期限: another document's period).
pub fn years_outside(
    sentence: &str,
    allowed: std::ops::RangeInclusive<u16>,
    periods: &[String],
) -> Vec<u16> {
    // The checker runs on every keystroke: most sentences name no year at all.
    if !has_four_digits(sentence) {
        return Vec::new();
    }
    let chars: Vec<char> = sentence.chars().collect();
    let at = |i: usize| chars.get(i).copied();
    // Where each clause starts, and whether it is about a 统计期限 (only worked out when the
    // sentence mentions one).
    let mut clause_periods: Vec<(usize, bool)> = Vec::new();
    let about_period = |text: &str| periods.iter().any(|p| text.contains(p.as_str()));
    if about_period(sentence) {
        let mut start = 0;
        for (i, c) in chars.iter().enumerate() {
            if CLAUSE_MARKS.contains(c) || i + 1 == chars.len() {
                let clause: String = chars.get(start..=i).unwrap_or(&[]).iter().collect();
                clause_periods.push((start, about_period(&clause)));
                start = i + 1;
            }
        }
    }
    let about_a_period = |i: usize| {
        clause_periods
            .iter()
            .rev()
            .find(|(s, _)| *s <= i)
            .is_some_and(|&(_, p)| p)
    };
    // (first char, end, year) of every four-digit number outside brackets.
    let mut numbers: Vec<(usize, usize, u16)> = Vec::new();
    let mut depth = 0usize;
    let mut i = 0;
    while let Some(c) = at(i) {
        if OPENING.contains(&c) {
            depth += 1;
        } else if CLOSING.contains(&c) {
            depth = depth.saturating_sub(1);
        }
        if ascii_digit(c).is_none() {
            i += 1;
            continue;
        }
        let start = i;
        let mut value: u32 = 0;
        while let Some(d) = at(i).and_then(ascii_digit) {
            value = value.saturating_mul(10).saturating_add(d);
            i += 1;
        }
        if i - start == 4
            && depth == 0
            && !about_a_period(start)
            && let Ok(year) = u16::try_from(value)
            && (1949..=2200).contains(&year)
        {
            numbers.push((start, i, year));
        }
    }
    // Two numbers joined by a range mark, with 年/年度 after the first or not, are one range.
    let joined = |a: usize, b: usize| -> bool {
        let Some((&(_, end, _), &(start, _, _))) = numbers.get(a).zip(numbers.get(b)) else {
            return false;
        };
        let between: String = chars.get(end..start).unwrap_or(&[]).iter().collect();
        let between = between.trim_start_matches('年').trim_start_matches('度');
        !between.is_empty() && between.chars().all(|c| RANGE.contains(&c))
    };
    let mut fine = vec![false; numbers.len()];
    for k in 0..numbers.len() {
        if joined(k, k + 1)
            && let Some((&(_, _, a), &(_, _, b))) = numbers.get(k).zip(numbers.get(k + 1))
            && a.min(b) <= *allowed.end()
            && a.max(b) >= *allowed.start()
        {
            for f in fine.iter_mut().skip(k).take(2) {
                *f = true;
            }
        }
    }
    let mut out = Vec::new();
    for (k, &(_, end, year)) in numbers.iter().enumerate() {
        let is_year = at(end) == Some('年') || joined(k, k + 1);
        let after: String = chars.get(end..).unwrap_or(&[]).iter().take(5).collect();
        let after = after.trim_start_matches('年').trim_start_matches('度');
        let since = after.starts_with("以来") || after.starts_with("至今");
        if is_year
            && !since
            && !fine.get(k).copied().unwrap_or(false)
            && !allowed.contains(&year)
            && !out.contains(&year)
        {
            out.push(year);
        }
    }
    out
}

/// Whether a text has four digits in a row (ASCII or full-width).
fn has_four_digits(text: &str) -> bool {
    let mut run = 0;
    for c in text.chars() {
        if ascii_digit(c).is_some() {
            run += 1;
            if run == 4 {
                return true;
            }
        } else {
            run = 0;
        }
    }
    false
}

/// A quote of at most about `max` characters from `sentence` around `needle`, with “…” where
/// it is cut.
pub fn quote_around(sentence: &str, needle: &str, max: usize) -> String {
    let chars: Vec<char> = sentence.chars().collect();
    if chars.len() <= max {
        return sentence.to_owned();
    }
    let at = sentence
        .find(needle)
        .map_or(0, |b| sentence.get(..b).map_or(0, |s| s.chars().count()));
    let start = at.saturating_sub(max / 3);
    let end = (start + max).min(chars.len());
    let start = end.saturating_sub(max);
    let body: String = chars.get(start..end).unwrap_or(&[]).iter().collect();
    format!(
        "{}{body}{}",
        if start > 0 { "…" } else { "" },
        if end < chars.len() { "…" } else { "" }
    )
}

#[cfg(test)]
mod tests {
    use super::*;

    /// The cue words of a statistical period, as the format files give them.
    fn periods() -> Vec<String> {
        vec!["统计期限".to_owned(), "统计时限".to_owned()]
    }

    #[test]
    fn a_period_clause_is_left_alone_only_for_the_formats_words() {
        let s = "参照上级报告（统计期限自2023年1月1日起），2022年完成";
        assert_eq!(years_outside(s, 2024..=2026, &periods()), [2022]);
        assert_eq!(years_outside(s, 2024..=2026, &[]), [2023, 2022]);
    }

    #[test]
    fn years_outside_the_report_years() {
        let ok = 2024..=2026;
        assert_eq!(
            years_outside("2023年，街道开展培训3次", ok.clone(), &periods()),
            [2023]
        );
        assert_eq!(
            years_outside(
                "参照上级报告（统计期限自2023年1月1日起），2022年完成",
                ok.clone(),
                &periods()
            ),
            [2022],
            "only the 统计期限 clause is left alone"
        );
        assert_eq!(
            years_outside("2025年，街道开展培训3次", ok.clone(), &periods()),
            [0; 0]
        );
        assert_eq!(
            years_outside("２０２２年度完成", ok.clone(), &periods()),
            [2022]
        );
        for quiet in [
            "对2020年以来发布的信息进行梳理",
            "2019年至今累计公开",
            "印发《2023年政务公开工作要点》",
            "转发“2023年度先进单位”名单",
            "文号为青街办〔2023〕5号",
            "落实2021—2025年规划",
            "落实2021年至2025年规划",
            "本报告统计期限自2023年1月1日起",
            "联系电话0000-20231234",
            "共有2023件",
        ] {
            assert_eq!(
                years_outside(quiet, ok.clone(), &periods()),
                [0; 0],
                "{quiet}"
            );
        }
        assert_eq!(
            years_outside(
                "2016—2020年规划已完成，2018年曾修订",
                ok.clone(),
                &periods()
            ),
            [2016, 2020, 2018]
        );
    }

    #[test]
    fn reads_a_period() {
        let d = |year, month, day| Date { year, month, day };
        assert_eq!(
            period_in("自2025年1月1日起至2025年12月31日止"),
            Some((d(2025, 1, 1), d(2025, 12, 31)))
        );
        assert_eq!(
            period_in("为2024年1月1日至12月31日"),
            Some((d(2024, 1, 1), d(2024, 12, 31)))
        );
        assert_eq!(
            period_in("为2025年度"),
            Some((d(2025, 1, 1), d(2025, 12, 31)))
        );
        assert_eq!(
            period_in("自2025年1月1日起至2025年6月30日止"),
            Some((d(2025, 1, 1), d(2025, 6, 30)))
        );
        assert_eq!(period_in("按规定执行"), None);
        assert_eq!(
            sentence_around("前言。统计期限自某日起。其后", 12),
            "统计期限自某日起"
        );
        let s: Vec<&str> = sentences("一句。\n 二句！三句").collect();
        assert_eq!(s, ["一句。", "二句！", "三句"]);
        assert_eq!(quote_around("短句2023年", "2023年", 40), "短句2023年");
        let long = format!("{}2023年{}", "前".repeat(30), "后".repeat(30));
        let q = quote_around(&long, "2023年", 20);
        assert!(
            q.starts_with('…') && q.ends_with('…') && q.contains("2023年"),
            "{q}"
        );
    }
}
