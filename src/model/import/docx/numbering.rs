//! Word's automatic numbering (`w:numPr` → `numbering.xml`) and the paragraph styles that carry
//! it, so a heading numbered by Word ("一、" in no run of text) reads as it prints.

use std::collections::HashMap;

use quick_xml::Reader;
use quick_xml::events::Event;

use super::body::{attr, is_word};

/// Levels of a list (Word has nine).
const LEVELS: usize = 9;
/// A `basedOn` chain longer than this is a loop.
const MAX_STYLE_CHAIN: usize = 12;

/// One level of a list definition.
#[derive(Debug, Clone, Default)]
pub(crate) struct Level {
    start: u32,
    format: String,
    text: String,
    legal: bool,
}

impl Level {
    /// A level starting at `start` in Word's number format `format` (`numFmt`'s names:
    /// "decimal", "chineseCounting" …), printing `text` with `%1`…`%9` for the levels' numbers;
    /// `legal` prints the other levels' numbers in decimal.
    pub(crate) fn new(start: u32, format: &str, text: String, legal: bool) -> Self {
        Level {
            start,
            format: format.to_owned(),
            text,
            legal,
        }
    }
}

/// The paragraph properties a style gives: its numbering and alignment.
#[derive(Debug, Clone, Default)]
pub struct StyleProps {
    based_on: Option<String>,
    num_id: Option<u32>,
    ilvl: Option<usize>,
    centered: Option<bool>,
}

/// The lists and styles of a document, and the counters as the document is read.
#[derive(Debug, Default)]
pub struct Numbering {
    abstracts: HashMap<u32, Vec<Level>>,
    /// numId → (abstractNumId, start overrides by level).
    nums: HashMap<u32, (u32, HashMap<usize, u32>)>,
    styles: HashMap<String, StyleProps>,
    counters: HashMap<u32, [Option<u32>; LEVELS]>,
}

impl Numbering {
    /// Reads `numbering.xml` and `styles.xml` (either may be missing or damaged: what was read
    /// is kept).
    pub fn new(numbering: Option<&str>, styles: Option<&str>) -> Self {
        let mut out = Numbering::default();
        if let Some(xml) = numbering {
            out.read_numbering(xml);
        }
        if let Some(xml) = styles {
            out.read_styles(xml);
        }
        out
    }

    /// Lists read from elsewhere (an old Word document's list tables): `lists` holds each list's
    /// levels by its id, `nums` what a paragraph refers to (the list's id and the starts it
    /// overrides by level).
    pub(crate) fn from_lists(
        lists: HashMap<u32, Vec<Level>>,
        nums: HashMap<u32, (u32, HashMap<usize, u32>)>,
    ) -> Self {
        Numbering {
            abstracts: lists,
            nums,
            ..Numbering::default()
        }
    }

    fn read_numbering(&mut self, xml: &str) {
        let mut reader = Reader::from_str(xml);
        let mut abstract_id: Option<u32> = None;
        let mut level: Option<usize> = None;
        let mut num_id: Option<u32> = None;
        let mut override_level: Option<usize> = None;
        loop {
            let event = match reader.read_event() {
                Ok(Event::Eof) | Err(_) => break,
                Ok(e) => e,
            };
            let (e, is_start) = match &event {
                Event::Start(e) => (e, true),
                Event::Empty(e) => (e, false),
                Event::End(e) => {
                    match e.local_name().as_ref() {
                        b"abstractNum" => abstract_id = None,
                        b"lvl" => level = None,
                        b"num" => num_id = None,
                        b"lvlOverride" => override_level = None,
                        _ => {}
                    }
                    continue;
                }
                _ => continue,
            };
            if !is_word(e.name().as_ref()) {
                continue;
            }
            let val = || attr(e, b"val");
            let number = |name: &[u8]| attr(e, name).and_then(|v| v.trim().parse::<u32>().ok());
            match e.local_name().as_ref() {
                b"abstractNum" if is_start => {
                    abstract_id = number(b"abstractNumId");
                    if let Some(id) = abstract_id {
                        self.abstracts
                            .entry(id)
                            .or_insert_with(|| vec![Level::default(); LEVELS]);
                    }
                }
                b"lvl" if is_start => {
                    level = number(b"ilvl")
                        .and_then(|l| usize::try_from(l).ok())
                        .filter(|&l| l < LEVELS);
                    if let Some(l) = level
                        && let Some(levels) = abstract_id.and_then(|a| self.abstracts.get_mut(&a))
                        && let Some(slot) = levels.get_mut(l)
                    {
                        *slot = Level {
                            start: 1,
                            format: "decimal".to_owned(),
                            ..Level::default()
                        };
                    }
                }
                b"num" if is_start => num_id = number(b"numId"),
                b"abstractNumId" => {
                    if let (Some(n), Some(a)) = (num_id, number(b"val")) {
                        self.nums.entry(n).or_default().0 = a;
                    }
                }
                b"lvlOverride" if is_start => {
                    override_level = number(b"ilvl").and_then(|l| usize::try_from(l).ok());
                }
                b"startOverride" => {
                    if let (Some(n), Some(l), Some(s)) = (num_id, override_level, number(b"val")) {
                        self.nums.entry(n).or_default().1.insert(l, s);
                    }
                }
                name @ (b"start" | b"numFmt" | b"lvlText" | b"isLgl") => {
                    let Some(slot) = level.and_then(|l| {
                        abstract_id
                            .and_then(|a| self.abstracts.get_mut(&a))
                            .and_then(|levels| levels.get_mut(l))
                    }) else {
                        continue;
                    };
                    match name {
                        b"start" => slot.start = number(b"val").unwrap_or(1),
                        b"numFmt" => slot.format = val().unwrap_or_default(),
                        b"lvlText" => slot.text = val().unwrap_or_default(),
                        _ => slot.legal = val().is_none_or(|v| v != "0" && v != "false"),
                    }
                }
                _ => {}
            }
        }
    }

    fn read_styles(&mut self, xml: &str) {
        let mut reader = Reader::from_str(xml);
        let mut current: Option<(String, StyleProps)> = None;
        let mut depth_in_change = 0usize;
        loop {
            let event = match reader.read_event() {
                Ok(Event::Eof) | Err(_) => break,
                Ok(e) => e,
            };
            match &event {
                Event::End(e) => {
                    match e.local_name().as_ref() {
                        b"style" => {
                            if let Some((id, props)) = current.take() {
                                self.styles.insert(id, props);
                            }
                        }
                        b"pPrChange" | b"rPrChange" => {
                            depth_in_change = depth_in_change.saturating_sub(1);
                        }
                        _ => {}
                    }
                    continue;
                }
                Event::Start(e) | Event::Empty(e) => {
                    let is_start = matches!(event, Event::Start(_));
                    let name = e.local_name();
                    if matches!(name.as_ref(), b"pPrChange" | b"rPrChange") && is_start {
                        depth_in_change += 1;
                        continue;
                    }
                    if depth_in_change > 0 || !is_word(e.name().as_ref()) {
                        continue;
                    }
                    if name.as_ref() == b"style" {
                        let paragraph = attr(e, b"type").is_none_or(|t| t == "paragraph");
                        current = match attr(e, b"styleId") {
                            Some(id) if paragraph && is_start => Some((id, StyleProps::default())),
                            _ => None,
                        };
                        continue;
                    }
                    let Some((_, props)) = current.as_mut() else {
                        continue;
                    };
                    let val = attr(e, b"val");
                    match name.as_ref() {
                        b"basedOn" => props.based_on = val,
                        b"numId" => props.num_id = val.and_then(|v| v.trim().parse().ok()),
                        b"ilvl" => props.ilvl = val.and_then(|v| v.trim().parse().ok()),
                        b"jc" => props.centered = val.map(|v| v == "center"),
                        _ => {}
                    }
                }
                _ => {}
            }
        }
    }

    /// A style's numbering (numId, level) and alignment, following `basedOn`.
    pub fn style(&self, id: &str) -> (Option<u32>, Option<usize>, Option<bool>) {
        let (mut num, mut lvl, mut centered) = (None, None, None);
        let mut at = Some(id.to_owned());
        for _ in 0..MAX_STYLE_CHAIN {
            let Some(props) = at.as_deref().and_then(|s| self.styles.get(s)) else {
                break;
            };
            num = num.or(props.num_id);
            lvl = lvl.or(props.ilvl);
            centered = centered.or(props.centered);
            at.clone_from(&props.based_on);
        }
        (num, lvl, centered)
    }

    /// The label Word prints before the next paragraph of list `num_id` at level `ilvl`
    /// ("一、", "（二）", "3."), advancing the counters; `None` when it prints none.
    pub fn next_label(&mut self, num_id: u32, ilvl: usize) -> Option<String> {
        let (abstract_id, overrides) = self.nums.get(&num_id)?;
        let levels = self.abstracts.get(abstract_id)?;
        let level = levels.get(ilvl)?;
        if matches!(level.format.as_str(), "bullet" | "none") {
            return None;
        }
        let start_of = |l: usize| {
            overrides
                .get(&l)
                .copied()
                .or_else(|| levels.get(l).map(|x| x.start))
                .unwrap_or(1)
        };
        let counters = self.counters.entry(num_id).or_insert([None; LEVELS]);
        for slot in counters.iter_mut().skip(ilvl + 1) {
            *slot = None;
        }
        let slot = counters.get_mut(ilvl)?;
        *slot = Some(slot.map_or_else(|| start_of(ilvl), |n| n.saturating_add(1)));
        let mut out = String::new();
        let mut chars = level.text.chars().peekable();
        while let Some(c) = chars.next() {
            let digit = chars.peek().and_then(|d| d.to_digit(10));
            match (c, digit) {
                ('%', Some(d @ 1..=9)) => {
                    chars.next();
                    let l = (d - 1) as usize;
                    let value = counters
                        .get(l)
                        .copied()
                        .flatten()
                        .unwrap_or_else(|| start_of(l));
                    let format = if level.legal && l != ilvl {
                        "decimal"
                    } else {
                        levels.get(l).map_or("decimal", |x| x.format.as_str())
                    };
                    out.push_str(&format_number(value, format));
                }
                _ => out.push(c),
            }
        }
        Some(out)
    }
}

/// A counter in one of Word's number formats.
fn format_number(n: u32, format: &str) -> String {
    match format {
        "chineseCounting"
        | "chineseCountingThousand"
        | "japaneseCounting"
        | "taiwaneseCounting"
        | "taiwaneseCountingThousand"
        | "ideographDigital" => chinese(n, "〇一二三四五六七八九", "十百千"),
        "chineseLegalSimplified" => chinese(n, "零壹贰叁肆伍陆柒捌玖", "拾佰仟"),
        "ideographTraditional" => nth("甲乙丙丁戊己庚辛壬癸", n),
        "ideographZodiac" => nth("子丑寅卯辰巳午未申酉戌亥", n),
        "decimalEnclosedCircle" | "decimalEnclosedCircleChinese" => nth("①②③④⑤⑥⑦⑧⑨⑩⑪⑫⑬⑭⑮⑯⑰⑱⑲⑳", n),
        "decimalEnclosedParen" => nth("⑴⑵⑶⑷⑸⑹⑺⑻⑼⑽⑾⑿⒀⒁⒂⒃⒄⒅⒆⒇", n),
        "decimalEnclosedFullstop" => nth("⒈⒉⒊⒋⒌⒍⒎⒏⒐⒑⒒⒓⒔⒕⒖⒗⒘⒙⒚⒛", n),
        "decimalFullWidth" | "decimalFullWidth2" => n
            .to_string()
            .chars()
            .filter_map(|c| c.to_digit(10).and_then(|d| char::from_u32(0xFF10 + d)))
            .collect(),
        "decimalZero" => format!("{n:02}"),
        "upperLetter" | "lowerLetter" => {
            let base = if format == "upperLetter" { b'A' } else { b'a' };
            let k = n.saturating_sub(1);
            let letter = char::from(base + u8::try_from(k % 26).unwrap_or(0));
            letter.to_string().repeat(k as usize / 26 + 1)
        }
        "upperRoman" => roman(n),
        "lowerRoman" => roman(n).to_lowercase(),
        _ => n.to_string(),
    }
}

/// The `n`th (from 1) of a list of characters, or the number if the list is too short.
fn nth(list: &str, n: u32) -> String {
    n.checked_sub(1)
        .and_then(|i| list.chars().nth(i as usize))
        .map_or_else(|| n.to_string(), String::from)
}

/// 1 → 一, 10 → 十, 21 → 二十一, 105 → 一百零五 (with the given digits and units).
fn chinese(n: u32, digits: &str, units: &str) -> String {
    let digit = |d: u32| digits.chars().nth(d as usize).unwrap_or('〇');
    let unit = |u: usize| units.chars().nth(u).unwrap_or('十');
    if n == 0 {
        return digit(0).to_string();
    }
    if n >= 10_000 {
        return n.to_string();
    }
    let parts = [n / 1000, n / 100 % 10, n / 10 % 10, n % 10];
    let mut out = String::new();
    let mut zero = false;
    for (i, &d) in parts.iter().enumerate() {
        let place = 3 - i;
        if d == 0 {
            zero = !out.is_empty();
            continue;
        }
        if zero {
            out.push(digit(0));
            zero = false;
        }
        // 十一, not 一十一, when ten is the highest place.
        if !(place == 1 && d == 1 && out.is_empty()) {
            out.push(digit(d));
        }
        if place > 0 {
            out.push(unit(place - 1));
        }
    }
    out
}

fn roman(mut n: u32) -> String {
    const TABLE: [(u32, &str); 13] = [
        (1000, "M"),
        (900, "CM"),
        (500, "D"),
        (400, "CD"),
        (100, "C"),
        (90, "XC"),
        (50, "L"),
        (40, "XL"),
        (10, "X"),
        (9, "IX"),
        (5, "V"),
        (4, "IV"),
        (1, "I"),
    ];
    if n == 0 || n > 3999 {
        return n.to_string();
    }
    let mut out = String::new();
    for (v, s) in TABLE {
        while n >= v {
            out.push_str(s);
            n -= v;
        }
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    const NUMBERING: &str = r#"<w:numbering xmlns:w="x">
      <w:abstractNum w:abstractNumId="3">
        <w:lvl w:ilvl="0"><w:start w:val="1"/><w:numFmt w:val="chineseCounting"/><w:lvlText w:val="%1、"/></w:lvl>
        <w:lvl w:ilvl="1"><w:start w:val="1"/><w:numFmt w:val="chineseCounting"/><w:lvlText w:val="（%2）"/></w:lvl>
        <w:lvl w:ilvl="2"><w:start w:val="1"/><w:numFmt w:val="decimal"/><w:lvlText w:val="%3."/></w:lvl>
      </w:abstractNum>
      <w:num w:numId="7"><w:abstractNumId w:val="3"/></w:num>
      <w:num w:numId="8"><w:abstractNumId w:val="3"/><w:lvlOverride w:ilvl="0"><w:startOverride w:val="5"/></w:lvlOverride></w:num>
    </w:numbering>"#;

    #[test]
    fn chinese_counting_headings_and_sub_levels() {
        let mut n = Numbering::new(Some(NUMBERING), None);
        assert_eq!(n.next_label(7, 0).as_deref(), Some("一、"));
        assert_eq!(n.next_label(7, 1).as_deref(), Some("（一）"));
        assert_eq!(n.next_label(7, 1).as_deref(), Some("（二）"));
        assert_eq!(n.next_label(7, 2).as_deref(), Some("1."));
        assert_eq!(n.next_label(7, 0).as_deref(), Some("二、"));
        assert_eq!(n.next_label(7, 1).as_deref(), Some("（一）"), "restarts");
        assert_eq!(
            n.next_label(8, 0).as_deref(),
            Some("五、"),
            "start override"
        );
        assert_eq!(n.next_label(9, 0), None, "no such list");
    }

    #[test]
    fn numbers_in_words_formats() {
        assert_eq!(chinese(10, "〇一二三四五六七八九", "十百千"), "十");
        assert_eq!(chinese(21, "〇一二三四五六七八九", "十百千"), "二十一");
        assert_eq!(chinese(105, "〇一二三四五六七八九", "十百千"), "一百〇五");
        assert_eq!(format_number(3, "chineseLegalSimplified"), "叁");
        assert_eq!(format_number(2, "ideographTraditional"), "乙");
        assert_eq!(format_number(12, "decimalFullWidth"), "１２");
        assert_eq!(format_number(4, "upperRoman"), "IV");
        assert_eq!(format_number(28, "lowerLetter"), "bb");
    }

    #[test]
    fn styles_carry_numbering_through_based_on() {
        let styles = r#"<w:styles xmlns:w="x">
          <w:style w:type="paragraph" w:styleId="H1"><w:pPr><w:numPr><w:numId w:val="7"/></w:numPr><w:jc w:val="center"/></w:pPr></w:style>
          <w:style w:type="paragraph" w:styleId="Mine"><w:basedOn w:val="H1"/></w:style>
        </w:styles>"#;
        let n = Numbering::new(Some(NUMBERING), Some(styles));
        assert_eq!(n.style("Mine"), (Some(7), None, Some(true)));
        assert_eq!(n.style("Nope"), (None, None, None));
    }
}
