//! The prose around the tables: title (agency, year), preamble, the six sections, the signature.

use std::collections::BTreeMap;

use super::labels::edit_distance;
use super::normalize::label_key;
use crate::model::format::Format;
use crate::model::lexicon;
use crate::model::numerals::{NUMERALS, OrdinalStyle, split_ordinal};
use crate::model::report::Date;
use crate::model::value::is_space;

/// The section headings of a format, by matching key.
#[derive(Debug)]
pub struct Headings {
    keys: Vec<(String, usize)>,
    /// The ordinals that number the format's sections (一 … 六).
    numbers: Vec<String>,
    /// Whether a section may be found by its number alone ([`Headings::numbered`]): those
    /// without tables, whose heading is all that marks where they start.
    by_number: Vec<bool>,
    /// The keys of each section's title and its variants, without the ordinal: a heading
    /// numbered in turn whose words are a near miss of one of them (a typo) heads that
    /// section even where it has tables.
    titles: Vec<Vec<String>>,
}

impl Headings {
    /// The headings (official titles and their variants, with or without the ordinal) of
    /// `format`.
    pub fn new(format: &Format) -> Self {
        let mut keys = Vec::new();
        for (si, section) in format.sections.iter().enumerate() {
            for title in std::iter::once(&section.title).chain(&section.aliases) {
                keys.push((label_key(&format!("{}、{title}", section.number)), si));
                keys.push((label_key(title), si));
            }
        }
        let numbers = format.sections.iter().map(|s| s.number.clone()).collect();
        let by_number = format
            .sections
            .iter()
            .map(|s| s.tables.is_empty())
            .collect();
        let titles = format
            .sections
            .iter()
            .map(|s| {
                std::iter::once(&s.title)
                    .chain(&s.aliases)
                    .map(|t| label_key(t))
                    .collect()
            })
            .collect();
        Headings {
            keys,
            numbers,
            by_number,
            titles,
        }
    }

    /// The section a line is the heading of.
    pub fn section_of(&self, line: &str) -> Option<usize> {
        // A heading is short; a paragraph need not be keyed.
        if line.len() > MAX_HEADING_BYTES {
            return None;
        }
        let key = self.heading_key(line);
        if key.is_empty() || key.chars().count() > 40 {
            return None;
        }
        let find = |key: &str| self.keys.iter().find(|(k, _)| *k == key).map(|&(_, si)| si);
        // A note after the title (`二、主动公开政府信息情况（有关情况附表）`): no title of the
        // format ends in parentheses.
        let without_note = |key: &str| -> Option<String> {
            Some(key.strip_suffix('）')?.rsplit_once('（')?.0.to_owned())
        };
        find(&key)
            .or_else(|| find(&without_note(&key)?))
            // Renumbered after a section of the report's own (`三、主动公开政府信息情况` where the
            // format's 二 is): its title, numbered `N、` one past the section's own number.
            .or_else(|| {
                let o = split_ordinal(&key)
                    .filter(|o| o.style == OrdinalStyle::Enumerated && o.written.ends_with('、'))?;
                let rest = without_note(o.rest).unwrap_or_else(|| o.rest.to_owned());
                let si = find(&rest)?;
                (NUMERALS.chars().nth(si + 1) == o.numeral.chars().next()).then_some(si)
            })
    }
}

/// No heading, spaces included, is longer than this (UTF-8 bytes).
const MAX_HEADING_BYTES: usize = 240;

impl Headings {
    /// `一．总体情况：` → the key of `一、总体情况`, for any ordinal that numbers a section of
    /// the format, however the report writes the number: `五、` `五.` `（五）` `5.` `5、`
    /// `第五部分` `第五部分：`.
    fn heading_key(&self, line: &str) -> String {
        let key = label_key(line);
        let key = key.trim_end_matches(['：', '。', '.']);
        match section_number(key) {
            Some((numeral, rest)) if self.numbers.contains(&numeral) => {
                format!("{numeral}、{rest}")
            }
            _ => key.to_owned(),
        }
    }

    /// The section a line that is no known heading still heads, by its number alone: a short
    /// line, not a sentence, numbered `N、` or `第N部分` (never `（N）` or `N.`, which number
    /// the items inside a section) where N is the section after `last` (the last one found),
    /// `None` for the first, and only for a section without tables. A retitled heading (`五、工作中存在的不足与下一步打算`) is found so;
    /// a list item of the section before is not, because it is numbered otherwise or out of
    /// turn.
    pub fn numbered(&self, line: &str, last: Option<usize>) -> Option<usize> {
        if line.chars().count() > MAX_NUMBERED_HEADING_CHARS {
            return None;
        }
        let key = label_key(line);
        let key = key.trim_end_matches(['：', '。']);
        let (numeral, rest) = match split_ordinal(key) {
            Some(o) if o.style == OrdinalStyle::Enumerated && o.written.ends_with('、') => {
                (o.numeral.to_owned(), o.rest)
            }
            _ => part_number(key)?,
        };
        let next = last.map_or(0, |l| l + 1);
        let rest_is_words = rest.chars().filter(|c| !c.is_ascii_digit()).count() >= 4;
        // A near miss differs in at most one character in four of the title (the rule of
        // near-miss row labels).
        let near_miss = self.titles.get(next).is_some_and(|titles| {
            titles
                .iter()
                .any(|t| edit_distance(rest, t) * 4 <= t.chars().count())
        });
        let allowed = self.by_number.get(next) == Some(&true) || near_miss;
        (allowed
            && rest_is_words
            // The colon after 第五部分 is no sentence's (the key writes `，` as `、`: the line).
            && !is_sentence(&line.replacen('：', "", 1))
            && self.numbers.get(next).is_some_and(|n| *n == numeral))
        .then_some(next)
    }
}

/// A heading found by its number alone is no longer than this.
const MAX_NUMBERED_HEADING_CHARS: usize = 30;

/// The section number a heading key starts with, as a Chinese numeral, and the rest.
fn section_number(key: &str) -> Option<(String, &str)> {
    if let Some(found) = part_number(key) {
        return Some(found);
    }
    if let Some(o) = split_ordinal(key) {
        return Some((o.numeral.to_owned(), o.rest));
    }
    // `5.存在的主要问题…` (the key writes `5、` as `5.`).
    let digits: usize = key.chars().take_while(char::is_ascii_digit).count();
    let number: usize = key.get(..digits)?.parse().ok()?;
    let rest = key.get(digits..)?.strip_prefix('.')?;
    let numeral = NUMERALS.chars().nth(number.checked_sub(1)?)?;
    Some((numeral.to_string(), rest))
}

/// `第五部分存在的…` / `第五部分：存在的…` → (`五`, `存在的…`).
fn part_number(key: &str) -> Option<(String, &str)> {
    let inner = key.strip_prefix('第')?;
    let numeral: String = inner
        .chars()
        .take_while(|c| NUMERALS.contains(*c))
        .collect();
    if numeral.is_empty() {
        return None;
    }
    let rest = inner.get(numeral.len()..)?.strip_prefix("部分")?;
    let rest = rest.trim_start_matches(['：', '、', '.']);
    Some((numeral, rest))
}

/// What the prose lines say, section by section.
#[derive(Debug, Default)]
pub struct Prose {
    /// Lines before the first heading.
    pub front: Vec<String>,
    /// Lines of each section, by index into the format's sections.
    pub sections: BTreeMap<usize, Vec<String>>,
    /// Sections whose heading was found.
    pub found: Vec<usize>,
    /// Headings found by their number alone ([`Headings::numbered`]): the section and the
    /// heading as printed, for a note.
    pub retitled: Vec<(usize, String)>,
}

impl Prose {
    /// Adds a prose line: a heading opens its section, other lines go to the open section.
    pub fn push(&mut self, headings: &Headings, line: &str) {
        let text = line.trim_matches(is_space);
        if let Some(si) = headings.section_of(text) {
            self.found.push(si);
            self.sections.entry(si).or_default();
            return;
        }
        let last = self.found.iter().copied().max();
        if let Some(si) = headings.numbered(text, last)
            && !self.found.contains(&si)
        {
            self.found.push(si);
            self.retitled.push((si, text.to_owned()));
            self.sections.entry(si).or_default();
            return;
        }
        if text.is_empty() {
            return;
        }
        match self.found.last() {
            Some(si) => self.sections.entry(*si).or_default().push(text.to_owned()),
            None => self.front.push(text.to_owned()),
        }
    }
}

/// The title, 文号 and preamble read from the lines before the first heading.
#[derive(Debug, Default)]
pub struct Front {
    /// The report's title.
    pub title: String,
    /// 文号.
    pub doc_number: String,
    /// A date printed under the title.
    pub date: Option<Date>,
    /// The rest.
    pub preamble: Vec<String>,
}

/// Splits the front lines into title, 文号, date and preamble. `hint` is a title found
/// elsewhere (the page's `<title>` or `<h1>`).
pub fn front(lines: &[String], hint: Option<&str>) -> Front {
    let mut out = Front::default();
    // The first line stands in for a missing title only when it could be one: a sentence (the
    // preamble "根据《条例》……编制本报告。") is never a title.
    let title_at = lines.iter().position(|l| looks_like_title(l)).or_else(|| {
        lines
            .first()
            .filter(|l| hint.is_none() && l.chars().count() <= 80 && !is_sentence(l))
            .map(|_| 0)
    });
    if let Some(i) = title_at {
        out.title = lines.get(i).cloned().unwrap_or_default();
    } else if let Some(h) = hint {
        out.title = h.trim_matches(is_space).to_owned();
    }
    for (i, line) in lines.iter().enumerate() {
        if Some(i) == title_at {
            continue;
        }
        let short = line.chars().count() <= 30;
        if short && out.doc_number.is_empty() && is_doc_number(line) {
            out.doc_number = line.clone();
        } else if short && out.date.is_none() && title_at.is_some_and(|t| i == t + 1) {
            match Date::parse(line.trim_matches(['（', '）', '(', ')'])) {
                Some(d) => out.date = Some(d),
                None => out.preamble.push(line.clone()),
            }
        } else if title_at.is_none_or(|t| i > t) {
            out.preamble.push(line.clone());
        }
    }
    out
}

fn looks_like_title(line: &str) -> bool {
    line.chars().count() <= 80 && lexicon::names_the_report(line) && !is_sentence(line)
}

/// Whether a line is running text rather than a name or a title: it has sentence punctuation,
/// or opens the way the preamble does.
pub fn is_sentence(line: &str) -> bool {
    let text = line.trim_matches(is_space);
    text.contains(['。', '，', '；', '：', '！', '？', ',', ';'])
        || ["根据", "依据", "按照", "本报告", "现将"]
            .iter()
            .any(|opening| text.starts_with(opening))
}

fn is_doc_number(line: &str) -> bool {
    (line.contains('〔') || line.contains('[') || line.contains('［')) && line.ends_with('号')
}

/// The statistical year written in a title: the first `YYYY年`. Spaces do not count: text out
/// of a PDF puts them between digits and Chinese (`2024 年`).
pub fn year_in(text: &str) -> Option<u16> {
    let chars: Vec<char> = text.chars().filter(|c| !is_space(*c)).collect();
    chars.windows(5).find_map(|w| {
        let [a, b, c, d, e] = w else { return None };
        if *e != '年' {
            return None;
        }
        let digits: String = [a, b, c, d]
            .iter()
            .map(|c| halfwidth_digit(**c))
            .collect::<Option<String>>()?;
        let year: u16 = digits.parse().ok()?;
        (1990..=2200).contains(&year).then_some(year)
    })
}

fn halfwidth_digit(c: char) -> Option<char> {
    match c {
        '0'..='9' => Some(c),
        '０'..='９' => char::from_u32(c as u32 - '０' as u32 + '0' as u32),
        _ => None,
    }
}

/// The agency in a title: the title without the year and the report's name
/// (`小沙街道政府信息公开工作2020年度报告` → `小沙街道`); empty when what is left is not a name
/// (a sentence, or too long for one).
pub fn agency_in(title: &str, year: Option<u16>) -> String {
    if is_sentence(title) {
        return String::new();
    }
    let mut t: String = title
        .chars()
        .filter(|c| !is_space(*c) && !matches!(c, '《' | '》'))
        .collect();
    if let Some(y) = year {
        for pattern in [format!("{y}年度"), format!("{y}年")] {
            if t.contains(&pattern) {
                t = t.replacen(&pattern, "", 1);
                break;
            }
        }
    }
    for word in [
        "政府信息公开工作",
        "政府信息公开",
        "年度报告",
        "工作报告",
        "报告",
    ] {
        if let Some((before, after)) = t.rsplit_once(word) {
            t = format!("{before}{after}");
        }
    }
    let agency = t.trim_end_matches(['年', '度']);
    // `…体育局关于2020年度…报告`: 关于 introduces the report, it is no part of the name.
    let agency = agency.strip_suffix("关于").unwrap_or(agency);
    if agency.chars().count() > MAX_AGENCY_CHARS {
        return String::new();
    }
    agency.to_owned()
}

/// No agency's full name is longer than this (the longest real ones are about 25 characters).
const MAX_AGENCY_CHARS: usize = 40;

/// The 落款 at the end of the last section: a unit name and a date on short lines of their own,
/// after which a page's footer lines (printed or copied with it) are left out. Returns the unit,
/// the date and how many lines they took, the footer's included.
pub fn signature(lines: &[String]) -> (String, Option<Date>, usize) {
    let mut taken = 0;
    let mut date = None;
    let mut unit = String::new();
    let mut rest = lines;
    while let Some((last, before)) = rest.split_last()
        && super::html::is_page_chrome(last)
    {
        taken += 1;
        rest = before;
    }
    // Unit and date on one line, spaced apart (`平潭综合实验区社会事业局　2024年1月26日`).
    if let Some((last, _)) = rest.split_last()
        && let Some((head, tail)) = last.trim().rsplit_once(char::is_whitespace)
        && is_date_line(tail)
        && let Some(d) = Date::parse(tail)
        && is_unit_line(head.trim())
    {
        return (head.trim().to_owned(), Some(d), taken + 1);
    }
    if let Some((last, before)) = rest.split_last()
        && is_date_line(last)
        && let Some(d) = Date::parse(last)
    {
        date = Some(d);
        taken += 1;
        rest = before;
    }
    if let Some((last, _)) = rest.split_last()
        && is_unit_line(last)
    {
        unit = last.clone();
        taken += 1;
    }
    (unit, date, taken)
}

/// A 落款's date line: short, with 年.
fn is_date_line(line: &str) -> bool {
    line.chars().count() <= 20 && line.contains('年')
}

/// A 落款's unit line: short, no sentence punctuation, ending like an agency's name.
fn is_unit_line(line: &str) -> bool {
    line.chars().count() <= 30
        && !line.contains(['。', '，', '；', '：'])
        && lexicon::ends_like_agency(line)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn year_and_agency_from_titles() {
        let t = "小沙街道政府信息公开工作2020年度报告";
        assert_eq!(year_in(t), Some(2020));
        assert_eq!(agency_in(t, Some(2020)), "小沙街道");
        let t = "示例市云溪区青禾街道办事处2025年政府信息公开工作年度报告";
        assert_eq!(agency_in(t, year_in(t)), "示例市云溪区青禾街道办事处");
        let t = "2019年上海市人民政府办公厅政府信息公开工作年度报告";
        assert_eq!(agency_in(t, year_in(t)), "上海市人民政府办公厅");
        assert_eq!(year_in("２０２１年"), Some(2021));
        assert_eq!(year_in("第12345年"), None);
        // Out of a PDF: spaces between the digits and the Chinese.
        let t = "示例市青禾街道办事处 2024 年政府信息公开工作年度报告";
        assert_eq!(year_in(t), Some(2024));
        assert_eq!(agency_in(t, year_in(t)), "示例市青禾街道办事处");
        let t = "2024 年度政府信息公开工作报告";
        assert_eq!(agency_in(t, year_in(t)), "");
    }

    #[test]
    fn headings_with_variants() {
        let f = crate::model::format::by_id("gb2021").unwrap();
        let h = Headings::new(f);
        assert_eq!(h.section_of("一、总体情况"), Some(0));
        assert_eq!(h.section_of("一．总体情况："), Some(0));
        assert_eq!(
            h.section_of("五、政府信息公开工作存在的主要问题及改进情况"),
            Some(4)
        );
        assert_eq!(
            h.section_of("四、政府信息公开行政复议和行政诉讼情况"),
            Some(3)
        );
        assert_eq!(h.section_of("四、结转下年度继续办理"), None);
    }

    #[test]
    fn a_heading_with_a_typo_heads_its_section_even_with_tables() {
        // 平潭 2022 prints “四、政府信息公开行政法复议、行政诉讼情况”.
        let f = crate::model::format::by_id("gb2021").unwrap();
        let h = Headings::new(f);
        let typo = "四、政府信息公开行政法复议、行政诉讼情况";
        assert_eq!(h.section_of(typo), None);
        assert_eq!(h.numbered(typo, Some(2)), Some(3));
        // Out of turn, or other words, it is not.
        assert_eq!(h.numbered(typo, Some(1)), None);
        assert_eq!(h.numbered("四、加强信息公开平台建设工作", Some(2)), None);
    }

    #[test]
    fn headings_are_numbered_by_the_format_not_by_six_ordinals() {
        let text = crate::model::format::builtin_sources()
            .iter()
            .find(|(file, _)| *file == "gb2021.ron")
            .map(|&(_, text)| text)
            .unwrap()
            .replace(
                "    ],\n    tables: [",
                "        (id: \"s7\", number: \"七\", title: \"附件\", prose: Main),\n    ],\n    tables: [",
            );
        let f = Format::parse(&text).unwrap();
        assert_eq!(f.sections.len(), 7);
        let h = Headings::new(&f);
        assert_eq!(h.section_of("七．附件"), Some(6));
        assert_eq!(h.section_of("七、附件："), Some(6));
        let six = Headings::new(crate::model::format::by_id("gb2021").unwrap());
        assert_eq!(six.section_of("七．附件"), None);
    }

    #[test]
    fn section_numbers_in_every_style() {
        let f = crate::model::format::by_id("gb2021").unwrap();
        let h = Headings::new(f);
        for line in [
            "五、存在的主要问题及改进情况",
            "（五）存在的主要问题及改进情况",
            "5.存在的主要问题及改进情况",
            "5、存在的主要问题及改进情况",
            "第五部分 存在的主要问题及改进情况",
            "第五部分：存在的主要问题及改进情况",
            "五、存在的主要问题及整改措施",
        ] {
            assert_eq!(h.section_of(line), Some(4), "{line}");
        }
        // The number must be the section's own.
        assert_eq!(h.section_of("（四）存在的主要问题及改进情况"), None);
        assert_eq!(h.section_of("第五部分其他需要报告的事项"), None);
        // One past its own, after a section the report adds (平潭 旅游与文化体育局 2020); no further.
        assert_eq!(h.section_of("三、主动公开政府信息情况"), Some(1));
        assert_eq!(h.section_of("七、其他需要报告的事项"), Some(5));
        assert_eq!(h.section_of("四、主动公开政府信息情况"), None);
        assert_eq!(h.section_of("一、主动公开政府信息情况"), None);
    }

    #[test]
    fn a_heading_by_its_number_alone_only_in_turn_and_only_for_prose_sections() {
        let f = crate::model::format::by_id("gb2021").unwrap();
        let h = Headings::new(f);
        let retitled = "五、工作中存在的不足与下一步打算";
        assert_eq!(h.numbered(retitled, Some(3)), Some(4));
        assert_eq!(h.numbered("第五部分 工作中存在的不足", Some(3)), Some(4));
        assert_eq!(h.numbered("第五部分：工作中存在的不足", Some(3)), Some(4));
        // Out of turn, numbered as an item, a sentence, or a section with tables: no.
        assert_eq!(h.numbered(retitled, Some(1)), None);
        assert_eq!(
            h.numbered("（五）工作中存在的不足与下一步打算", Some(3)),
            None
        );
        assert_eq!(h.numbered("5.工作中存在的不足与下一步打算", Some(3)), None);
        assert_eq!(
            h.numbered("五、一是更新不及时，二是形式单一。", Some(3)),
            None
        );
        assert_eq!(h.numbered("二、主动公开情况统计", Some(0)), None);
    }

    #[test]
    fn signature_lines() {
        let lines = vec![
            "无。".to_owned(),
            "青禾街道办事处".to_owned(),
            "2026年1月20日".to_owned(),
        ];
        let (unit, date, taken) = signature(&lines);
        assert_eq!(unit, "青禾街道办事处");
        assert_eq!(
            date.map(|d| d.to_string()),
            Some("2026年1月20日".to_owned())
        );
        assert_eq!(taken, 2);
        // A page's footer, printed with it.
        let mut printed = lines.clone();
        printed.push("主办：示例市云溪区人民政府办公室".to_owned());
        printed.push("网站标识码 0000000000 备案号：示 ICP 备 00000000 号".to_owned());
        printed.push("【打印本页】【关闭窗口】".to_owned());
        let (unit, date, taken) = signature(&printed);
        assert_eq!(unit, "青禾街道办事处");
        assert!(date.is_some());
        assert_eq!(taken, 5);
    }
}
