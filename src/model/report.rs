//! A report: metadata, prose and every cell of one format.

use std::collections::BTreeMap;
use std::fmt;

use serde::{Deserialize, Serialize};

use super::decimal::Decimal;
use super::fields::DataField;
use super::format::{CellIx, Format};
use super::value::{CellValue, Stated, Told};

/// A calendar date as printed under a report (成文日期).
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Serialize, Deserialize)]
pub struct Date {
    /// Year.
    pub year: u16,
    /// Month 1–12.
    pub month: u8,
    /// Day 1–31.
    pub day: u8,
}

impl Date {
    /// Reads `2026年1月20日`, `2026-01-20`, `2026.1.20` or `2026/1/20`.
    pub fn parse(text: &str) -> Option<Date> {
        let digits: Vec<u32> = text
            .split(|c: char| !c.is_ascii_digit())
            .filter(|s| !s.is_empty())
            .map(str::parse)
            .collect::<Result<_, _>>()
            .ok()?;
        let [y, m, d] = digits.as_slice() else {
            return None;
        };
        let date = Date {
            year: u16::try_from(*y).ok()?,
            month: u8::try_from(*m).ok()?,
            day: u8::try_from(*d).ok()?,
        };
        date.is_valid().then_some(date)
    }

    /// Whether this is a date a report can bear: a real day of a year from 1949 on.
    pub fn is_valid(&self) -> bool {
        self.year >= 1949 && Self::is_valid_day(self.year, self.month, self.day)
    }

    /// Whether `month`/`day` is a day of `year` (2月29日 in leap years only).
    pub fn is_valid_day(year: u16, month: u8, day: u8) -> bool {
        let days = match month {
            1 | 3 | 5 | 7 | 8 | 10 | 12 => 31,
            4 | 6 | 9 | 11 => 30,
            2 if year.is_multiple_of(4)
                && (!year.is_multiple_of(100) || year.is_multiple_of(400)) =>
            {
                29
            }
            2 => 28,
            _ => return false,
        };
        (1..=days).contains(&day)
    }

    /// What is impossible about this date, for a message (`None` if it is a real date).
    pub fn problem(&self) -> Option<&'static str> {
        if self.year < 1949 {
            Some("年份不对")
        } else if !(1..=12).contains(&self.month) {
            Some("没有这个月份")
        } else if !Self::is_valid_day(self.year, self.month, self.day) {
            Some("这个月没有这一天")
        } else {
            None
        }
    }
}

impl fmt::Display for Date {
    /// GB/T 9704: Arabic numerals, no zero padding (2026年1月20日).
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "{}年{}月{}日", self.year, self.month, self.day)
    }
}

/// The report's metadata.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, Default)]
#[serde(default)]
pub struct Meta {
    /// 机关全称 (××区××街道办事处).
    pub agency: String,
    /// 年度: the statistical year (published early the next year).
    pub year: u16,
    /// 标题.
    pub title: String,
    /// 文号 (may be empty).
    pub doc_number: String,
    /// 前言 / 统计期限 paragraph.
    pub preamble: String,
    /// 落款单位.
    pub signature_unit: String,
    /// 成文日期.
    pub signature_date: Option<Date>,
}

impl Meta {
    /// The usual title: `{机关全称}{年度}年政府信息公开工作年度报告`.
    pub fn default_title(agency: &str, year: u16) -> String {
        format!("{agency}{year}年政府信息公开工作年度报告")
    }

    /// The title as printed: the one written, else the usual one.
    pub fn printed_title(&self) -> String {
        if self.title.trim().is_empty() {
            Self::default_title(&self.agency, self.year)
        } else {
            self.title.trim().to_owned()
        }
    }

    /// The usual 统计期限 sentence.
    pub fn default_preamble(year: u16) -> String {
        format!(
            "本报告依据《中华人民共和国政府信息公开条例》和《中华人民共和国政府信息公开工作年度报告格式》要求编制。本报告中所列数据的统计期限自{year}年1月1日起至{year}年12月31日止。"
        )
    }
}

/// Where a note comes from.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
pub enum NoteKind {
    /// Moving a draft from an older format.
    Migration,
    /// Starting next year's draft.
    Rollover,
    /// Importing a published report.
    Import,
    /// Summing the units' reports into a total (汇总).
    Sum,
}

/// Something the program did to the draft that the clerk should review.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct Note {
    /// Where it comes from.
    pub kind: NoteKind,
    /// The cell concerned, by id (`t3.new.total`), if any.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub cell: Option<String>,
    /// The section concerned (`s6`), if any.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub section: Option<String>,
    /// What happened, in Chinese.
    pub text: String,
}

/// What this year's draft keeps of last year's report, so the cross-year rules work without the
/// old file.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct PreviousYear {
    /// Last year's statistical year.
    pub year: u16,
    /// Last year's format id.
    pub format: String,
    /// Every non-blank cell of last year's report, totals computed, by id.
    pub cells: BTreeMap<String, CellValue>,
    /// Last year's prose by section id.
    pub prose: BTreeMap<String, String>,
}

impl PreviousYear {
    /// Takes what the cross-year rules need from last year's report.
    pub fn from_report(report: &Report) -> Self {
        let resolved = report.resolve();
        let cells = report
            .format
            .cells
            .iter()
            .zip(resolved)
            .filter(|(_, v)| *v != CellValue::Blank)
            .map(|(info, v)| (info.id.clone(), v))
            .collect();
        PreviousYear {
            year: report.meta.year,
            format: report.format.id.clone(),
            cells,
            prose: report.prose.clone(),
        }
    }

    /// A number of last year's report (blank and "/" read as 0); `None` if the cell does not
    /// exist there or holds text.
    pub fn number(&self, id: &str) -> Option<Decimal> {
        match self.cells.get(id) {
            Some(v) if v.is_empty_like() => Some(Decimal::ZERO),
            Some(v) => v.number(),
            None => {
                // A blank cell is not stored; it exists if last year's format has it.
                let format = super::format::by_id(&self.format)?;
                format.cell_index(id).map(|_| Decimal::ZERO)
            }
        }
    }
}

/// A report being edited: one format, its metadata, prose and every cell.
#[derive(Debug, Clone)]
pub struct Report {
    /// The official format.
    pub format: &'static Format,
    /// Metadata.
    pub meta: Meta,
    /// Prose by section id (`s1`, `s5`, `s6`; table sections may have an optional paragraph).
    pub prose: BTreeMap<String, String>,
    /// Cell entries indexed by [`CellIx`]. `None` means not entered: blank for an input cell,
    /// computed for a derived total. `Some` on a derived total is a typed figure (from an import)
    /// that is kept and checked, never silently replaced.
    pub cells: Vec<Option<CellValue>>,
    /// What is kept of last year's report.
    pub previous: Option<PreviousYear>,
    /// Notes from migration, rollover or import, for the clerk to review.
    pub notes: Vec<Note>,
    /// The live figures of the prose (数据句) by section id, each a range of that section's prose
    /// (see [`super::fields`]). A section without fields has no entry.
    pub fields: BTreeMap<String, Vec<DataField>>,
}

impl PartialEq for Report {
    fn eq(&self, other: &Self) -> bool {
        self.format.id == other.format.id
            && self.meta == other.meta
            && self.prose == other.prose
            && self.cells == other.cells
            && self.previous == other.previous
            && self.notes == other.notes
            && self
                .fields
                .iter()
                .filter(|(_, f)| !f.is_empty())
                .eq(other.fields.iter().filter(|(_, f)| !f.is_empty()))
    }
}

impl Report {
    /// An empty report of `format` for `year`.
    pub fn new(format: &'static Format, year: u16) -> Self {
        let prose = format
            .sections
            .iter()
            .filter(|s| s.prose == super::format::ProseKind::Main)
            .map(|s| {
                (
                    s.id.clone(),
                    s.sub_blocks
                        .iter()
                        .map(|b| format!("{b}\n\n"))
                        .collect::<String>()
                        .trim_end()
                        .to_owned(),
                )
            })
            .collect();
        Report {
            format,
            meta: Meta {
                year,
                title: Meta::default_title("", year),
                preamble: Meta::default_preamble(year),
                ..Meta::default()
            },
            prose,
            cells: vec![None; format.cells.len()],
            previous: None,
            notes: Vec::new(),
            fields: BTreeMap::new(),
        }
    }

    /// The entry of a cell as stored (`None`: not entered).
    pub fn entry(&self, ix: CellIx) -> Option<&CellValue> {
        self.cells.get(ix).and_then(Option::as_ref)
    }

    /// Sets a cell. Blank input cells are stored as not entered; a derived total set to `None`
    /// goes back to being computed.
    pub fn set(&mut self, ix: CellIx, value: Option<CellValue>) {
        let derived = self.format.cell(ix).is_some_and(|c| c.derived);
        let value = match value {
            Some(CellValue::Blank) if !derived => None,
            v => v,
        };
        if let Some(slot) = self.cells.get_mut(ix) {
            *slot = value;
        }
    }

    /// Sets a cell by id; `false` if the format has no such cell.
    pub fn set_by_id(&mut self, id: &str, value: Option<CellValue>) -> bool {
        match self.format.cell_index(id) {
            Some(ix) => {
                self.set(ix, value);
                true
            }
            None => false,
        }
    }

    /// The prose of a section ("" if none).
    pub fn prose(&self, section: &str) -> &str {
        self.prose.get(section).map_or("", String::as_str)
    }

    /// The computed value of every derived total (from the entries, blanks as 0), indexed by
    /// cell; `None` for input cells, or where a part holds text.
    pub fn computed(&self) -> Vec<Option<Decimal>> {
        let mut computed: Vec<Option<Decimal>> = vec![None; self.cells.len()];
        for (total, parts) in &self.format.derivations {
            let mut sum = Some(Decimal::ZERO);
            for &p in parts {
                let part = match (self.entry(p), computed.get(p).copied().flatten()) {
                    // A part that is itself derived and not typed: use its computed value.
                    (None, Some(c)) => Some(c),
                    (None, None) => Some(Decimal::ZERO),
                    (Some(v), _) if v.is_empty_like() => Some(Decimal::ZERO),
                    (Some(v), _) => v.number(),
                };
                sum = sum.zip(part).and_then(|(a, b)| a.checked_add(b));
            }
            if let Some(slot) = computed.get_mut(*total) {
                *slot = sum;
            }
        }
        computed
    }

    /// Every cell as printed and as the table states it, for the checker and the data
    /// sentences: a blank total (typed blank or "/", or left to be computed) is filled from its
    /// parts as a table total adds up (a blank adds nothing, all blank is blank, text makes it
    /// unreadable); only a total left to be computed is printed so.
    pub(crate) fn stated(&self) -> Stated {
        let mut printed: Vec<Told> = self
            .cells
            .iter()
            .map(|entry| Told::of_entry(entry.as_ref()))
            .collect();
        let mut told = printed.clone();
        // Derivations are ordered so that every part comes before the total that uses it.
        for (total, parts) in &self.format.derivations {
            if printed.get(*total) != Some(&Told::Blank) {
                continue;
            }
            let sum = Told::sum(
                parts
                    .iter()
                    .map(|&p| told.get(p).copied().unwrap_or(Told::Unreadable)),
            );
            if let Some(slot) = told.get_mut(*total) {
                *slot = sum;
            }
            if self.entry(*total).is_none()
                && let Some(slot) = printed.get_mut(*total)
            {
                *slot = sum;
            }
        }
        Stated { printed, told }
    }

    /// Every cell's value as shown: the entry if there is one, else the computed total, else
    /// blank.
    pub fn resolve(&self) -> Vec<CellValue> {
        let computed = self.computed();
        self.cells
            .iter()
            .zip(computed)
            .enumerate()
            .map(|(ix, (entry, comp))| match (entry, comp) {
                (Some(v), _) => v.clone(),
                (None, Some(c)) => self.number_value(ix, c),
                (None, None) => CellValue::Blank,
            })
            .collect()
    }

    /// A number as the cell value of the right kind.
    fn number_value(&self, ix: CellIx, d: Decimal) -> CellValue {
        match (self.format.cell(ix).map(|c| c.kind), d.to_int()) {
            (Some(super::format::CellKind::Money(_)), _) | (_, None) => CellValue::Money(d),
            (_, Some(i)) => CellValue::Int(i),
        }
    }

    /// Whether every input cell is blank and no prose was written beyond the template.
    pub fn is_empty(&self) -> bool {
        self.cells.iter().all(Option::is_none)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn dates_parse_and_print_without_padding() {
        let d = Date::parse("2026-01-20").unwrap();
        assert_eq!(d.to_string(), "2026年1月20日");
        assert_eq!(Date::parse("2026年1月20日"), Some(d));
        assert_eq!(Date::parse("2026.1.20"), Some(d));
        assert_eq!(Date::parse("2025年2月29日"), None);
        assert_eq!(Date::parse("2024年2月29日").map(|d| d.day), Some(29));
        assert_eq!(Date::parse("二〇二六年"), None);
    }

    #[test]
    fn stated_fills_blank_totals_from_their_parts() {
        let format = crate::model::format::by_id("gb2021").unwrap();
        let mut r = Report::new(format, 2025);
        r.set_by_id("t3.new.natural", Some(CellValue::Int(100)));
        r.set_by_id("t3.new.corp_commercial", Some(CellValue::Int(20)));
        let ix = |id: &str| format.cell_index(id).unwrap();
        let (total, carried_in) = (ix("t3.new.total"), ix("t3.carried_in.total"));
        let figure = Told::Figure(Decimal::from_int(120));

        // Left to be computed: printed and stated as the parts' sum.
        let s = r.stated();
        assert_eq!((s.printed[total], s.told[total]), (figure, figure));
        // No part has a figure: blank, not 0.
        assert_eq!(
            (s.printed[carried_in], s.told[carried_in]),
            (Told::Blank, Told::Blank)
        );

        // Typed blank or "/": printed blank, but the table still states the sum.
        for typed in [CellValue::Blank, CellValue::NotApplicable] {
            r.set(total, Some(typed));
            let s = r.stated();
            assert_eq!((s.printed[total], s.told[total]), (Told::Blank, figure));
        }

        // A part that holds text makes the sum unreadable; a typed total stays as typed.
        r.set_by_id(
            "t3.new.corp_research",
            Some(CellValue::Invalid("若干".into())),
        );
        assert_eq!(r.stated().told[total], Told::Unreadable);
        r.set(total, Some(CellValue::Int(7)));
        let s = r.stated();
        let seven = Told::Figure(Decimal::from_int(7));
        assert_eq!((s.printed[total], s.told[total]), (seven, seven));
    }
}
