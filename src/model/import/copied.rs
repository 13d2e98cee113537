//! Text copied out of a PDF: which lines hold space-separated tables, page numbers, the measure
//! the prose was broken at, titles broken over two lines, and the spaces PDF text puts between
//! digits and Chinese.

use super::Known;
use super::aligned;
use super::normalize::is_blank;
use crate::model::lexicon;
use crate::model::value::is_space;

/// Lines `start..end` hold a table of space-separated pieces.
#[derive(Debug, Clone, Copy)]
pub struct Region {
    pub start: usize,
    pub end: usize,
    /// Columns are aligned with runs of spaces (so blank cells can be placed).
    pub positional: bool,
}

/// A line of plain text that may belong to a table of space-separated pieces.
pub fn is_plain(line: &str) -> bool {
    !line.contains('\t') && !line.contains(['|', '｜'])
}

/// The tables of space-separated pieces: from a line that is (or starts with) a table label,
/// over the lines that continue it. A single line is left to the other rules.
pub fn aligned_regions(lines: &[&str], raw: &[&str], known: &dyn Known) -> Vec<Region> {
    let mut out = Vec::new();
    let mut i = 0;
    while let Some(&line) = lines.get(i) {
        // A label broken over two lines (`（本列数据的…第一项加第二` ⏎ `项之和，…）`) starts one too.
        let broken_label = || {
            let first = line.trim_matches(is_space);
            known.is_label_start(first)
                && lines.get(i + 1).is_some_and(|next| {
                    known.is_label(&format!("{first}{}", next.trim_matches(is_space)))
                })
        };
        if !is_plain(line)
            || is_blank(line)
            || !(aligned::starts_table(&aligned_line(line), known) || broken_label())
        {
            i += 1;
            continue;
        }
        let mut last = i;
        let mut content = 1;
        let mut j = i + 1;
        while let Some(&next) = lines.get(j) {
            if !is_plain(next) {
                break;
            }
            if is_blank(next) || is_page_number(next, bare_page_number(raw, j + 1)) {
                j += 1;
                continue;
            }
            if !aligned::continues_table(&aligned_line(next), known) {
                break;
            }
            last = j;
            content += 1;
            j += 1;
        }
        if content >= 2 {
            let positional = lines
                .get(i..=last)
                .unwrap_or_default()
                .iter()
                .any(|l| l.trim_matches(' ').contains("   "));
            out.push(Region {
                start: i,
                end: last + 1,
                positional,
            });
        }
        i = last + 1;
    }
    out
}

/// A line cut at its spaces into pieces placed at their character columns (as `pdftotext
/// -layout` counts them: one column per character).
pub fn aligned_line(line: &str) -> aligned::Line {
    let mut fragments = Vec::new();
    let mut current: Option<aligned::Fragment> = None;
    for (col, c) in line.chars().enumerate() {
        let x = col as f64;
        if is_space(c) {
            fragments.extend(current.take());
            continue;
        }
        match current.as_mut() {
            Some(f) => {
                f.text.push(c);
                f.x1 = x + 1.0;
            }
            None => {
                current = Some(aligned::Fragment {
                    x0: x,
                    x1: x + 1.0,
                    text: c.to_string(),
                });
            }
        }
    }
    fragments.extend(current);
    aligned::Line { fragments, y: 0.0 }
}

/// Whether a bare number on line `next - 1` sits where a page number does: just before a page
/// break (a line starting with a form feed) or at the end of the text.
pub fn bare_page_number(raw: &[&str], next: usize) -> bool {
    for line in raw.get(next..).unwrap_or_default() {
        if line.starts_with('\u{c}') {
            return true;
        }
        if !is_blank(line) {
            return false;
        }
    }
    true
}

/// Whether `next` is the rest of a title broken over two centred lines: `示例市青禾街道办事处` ⏎
/// `2025年政府信息公开工作年度报告`, or `…2025年政府信息公` ⏎ `开工作年度报告`.
pub fn completes_title(first: &str, next: &str) -> bool {
    let is_title = lexicon::names_the_report;
    let (a, b) = (first.trim_matches(is_space), next.trim_matches(is_space));
    let short = |t: &str| {
        let n = t.chars().count();
        (2..=40).contains(&n) && !t.contains(['，', '。', '：', ':', '；'])
    };
    if !short(a) || !short(b) || is_title(a) {
        return false;
    }
    let joined = format!("{a}{b}");
    if !is_title(&joined) {
        return false;
    }
    // The agency first, then the title without it; or one title cut anywhere.
    !is_title(b) || b.starts_with(|c: char| c.is_ascii_digit() || c == '政')
}

/// Text out of a PDF has spaces where fonts change (`2025 年 1 月`): they go between a digit
/// and a Chinese character.
pub fn tighten(line: &str) -> String {
    let chars: Vec<char> = line.chars().collect();
    let ideograph = |c: char| ('\u{4e00}'..='\u{9fff}').contains(&c);
    let mut out = String::with_capacity(line.len());
    for (i, &c) in chars.iter().enumerate() {
        if c == ' ' {
            let before = chars
                .get(..i)
                .and_then(|s| s.iter().rev().find(|&&x| x != ' '));
            let after = chars
                .get(i + 1..)
                .and_then(|s| s.iter().find(|&&x| x != ' '));
            // Keep indentation: spaces with nothing before them.
            if let (Some(&b), Some(&a)) = (before, after)
                && ((b.is_ascii_digit() && ideograph(a)) || (ideograph(b) && a.is_ascii_digit()))
            {
                continue;
            }
        }
        out.push(c);
    }
    out
}

/// The width of text as a PDF sets it: Chinese characters two columns, others one.
pub fn display_width(text: &str) -> usize {
    text.chars()
        .map(|c| if u32::from(c) >= 0x2e80 { 2 } else { 1 })
        .sum()
}

/// The measure of prose broken into lines the way a PDF breaks them: the most common width of
/// the long prose lines, if a good share of them has it. `None` for text whose lines are
/// paragraphs (copied out of a web page or Word).
pub fn prose_measure(lines: &[&str], regions: &[Region], known: &dyn Known) -> Option<usize> {
    let in_region = |i: usize| regions.iter().any(|r| (r.start..r.end).contains(&i));
    let widths: Vec<usize> = lines
        .iter()
        .enumerate()
        .filter(|&(i, l)| !in_region(i) && is_plain(l) && !known.is_heading(l))
        .map(|(_, l)| display_width(l.trim_matches(is_space)))
        .filter(|&w| w >= 30)
        .collect();
    let mut bins: std::collections::BTreeMap<usize, usize> = std::collections::BTreeMap::new();
    for w in &widths {
        *bins.entry(w / 4).or_default() += 1;
    }
    // The fullest bin, counting its neighbours (a measure falls either side of a bin edge).
    let (best, count) = bins
        .keys()
        .map(|&b| {
            let n = (b.saturating_sub(1)..=b + 1)
                .filter_map(|k| bins.get(&k))
                .sum::<usize>();
            (b, n)
        })
        .max_by_key(|&(b, n)| (n, b))?;
    let longest = widths.iter().copied().max()?;
    (count >= 3 && count * 10 >= widths.len() * 3).then_some(((best + 1) * 4).min(longest))
}

/// Whether a line is nothing but a page number: `-3-`, `— 3 —`, `第3页`, `第3页 共6页`, `3/6`;
/// a bare `3` only when `bare` (it sits where a page number does).
pub fn is_page_number(line: &str, bare: bool) -> bool {
    let t: String = line.chars().filter(|c| !is_space(*c)).collect();
    if t.is_empty() || t.chars().count() > 16 {
        return false;
    }
    let dash = |c: char| matches!(c, '-' | '—' | '–' | '－' | '─' | '~' | '～' | '·');
    let core = t.trim_matches(dash);
    let dashed = core.len() < t.len();
    let digits = |s: &str| !s.is_empty() && s.len() <= 4 && s.chars().all(|c| c.is_ascii_digit());
    if digits(core) {
        return dashed || bare;
    }
    if let Some(rest) = core.strip_prefix('第')
        && let Some((n, tail)) = rest.split_once('页')
    {
        let tail = tail.trim_start_matches(['，', ',', '/', '、']);
        return digits(n)
            && (tail.is_empty()
                || tail
                    .strip_prefix('共')
                    .and_then(|x| x.strip_suffix('页'))
                    .is_some_and(digits));
    }
    if let Some((a, b)) = core.split_once('/') {
        return !dashed && digits(a) && digits(b);
    }
    false
}
