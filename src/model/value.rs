//! What a cell holds, and how text typed or pasted by a clerk becomes a cell value.

use serde::{Deserialize, Serialize};

use super::decimal::Decimal;
use super::format::{CellKind, MoneyUnit};
use super::lexicon;

/// The value of one cell.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub enum CellValue {
    /// Nothing written.
    Blank,
    /// "/" (or "-", "—"): written as not applicable.
    NotApplicable,
    /// A count or signed integer.
    Int(i64),
    /// An exact amount in the column's unit.
    Money(#[serde(with = "decimal_string")] Decimal),
    /// Text that is not a number, kept as typed so nothing is lost.
    Invalid(String),
}

impl CellValue {
    /// Zero as a cell of this kind holds it: `Int(0)` for counts, `Money(0)` for amounts.
    pub fn zero(kind: CellKind) -> CellValue {
        match kind {
            CellKind::Count | CellKind::Signed => CellValue::Int(0),
            CellKind::Money(_) => CellValue::Money(Decimal::ZERO),
        }
    }

    /// The number, if the cell holds one.
    pub fn number(&self) -> Option<Decimal> {
        match self {
            CellValue::Int(i) => Some(Decimal::from_int(*i)),
            CellValue::Money(d) => Some(*d),
            _ => None,
        }
    }

    /// Whether the cell is blank or "/".
    pub fn is_empty_like(&self) -> bool {
        matches!(self, CellValue::Blank | CellValue::NotApplicable)
    }

    /// Text as shown in a grid cell or printed.
    pub fn display(&self) -> String {
        match self {
            CellValue::Blank => String::new(),
            CellValue::NotApplicable => "/".to_owned(),
            CellValue::Int(i) => i.to_string(),
            CellValue::Money(d) => d.to_string(),
            CellValue::Invalid(s) => s.clone(),
        }
    }
}

mod decimal_string {
    use super::Decimal;
    use serde::{Deserialize, Deserializer, Serializer};

    pub fn serialize<S: Serializer>(d: &Decimal, s: S) -> Result<S::Ok, S::Error> {
        s.serialize_str(&d.to_string())
    }

    pub fn deserialize<'de, D: Deserializer<'de>>(d: D) -> Result<Decimal, D::Error> {
        let text = String::deserialize(d)?;
        text.parse()
            .map_err(|()| serde::de::Error::custom(format!("“{text}”不是有效的金额")))
    }
}

/// The result of reading one entry.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Parsed {
    /// The value.
    pub value: CellValue,
    /// What was done that the clerk should know (unit converted, …).
    pub note: Option<String>,
}

/// Characters that count as white space in pasted or published text.
pub fn is_space(c: char) -> bool {
    c.is_whitespace()
        || matches!(
            c,
            '\u{a0}' | '\u{3000}' | '\u{200b}' | '\u{feff}' | '\u{2002}'..='\u{200a}'
        )
}

/// Marks that mean "not applicable".
const NA_MARKS: [&str; 10] = ["/", "／", "-", "－", "—", "——", "–", "−", "\\", "无"];

/// Reads what a clerk typed, pasted or published into a value of `kind`: trims every kind of
/// space, accepts full-width digits, thousands separators, signs and units (`1,621,624.23元`,
/// `１２件`, `162.16万元`), and never loses the text: anything unreadable becomes
/// [`CellValue::Invalid`].
pub fn parse_entry(raw: &str, kind: CellKind) -> Parsed {
    let text: String = raw
        .chars()
        .filter(|&c| !is_space(c))
        .map(halfwidth)
        .collect();
    let plain = |value| Parsed { value, note: None };
    if text.is_empty() {
        return plain(CellValue::Blank);
    }
    if NA_MARKS.contains(&text.as_str()) {
        return plain(CellValue::NotApplicable);
    }
    let invalid = || plain(CellValue::Invalid(raw.trim_matches(is_space).to_owned()));
    let (number_text, unit) = split_unit(&text);
    let cleaned = strip_separators(number_text);
    let Ok(number) = cleaned.parse::<Decimal>() else {
        return invalid();
    };
    match kind {
        CellKind::Count | CellKind::Signed => {
            if unit.is_some_and(|u| !lexicon::is_count_unit(u)) {
                return invalid();
            }
            match number.to_int() {
                Some(i) if i.unsigned_abs() < 1_000_000_000_000 => plain(CellValue::Int(i)),
                _ => invalid(),
            }
        }
        CellKind::Money(column_unit) => {
            let written = match unit {
                None => column_unit,
                Some("元") => MoneyUnit::Yuan,
                Some("万元" | "万") => MoneyUnit::Wan,
                Some(_) => return invalid(),
            };
            let converted = match (written, column_unit) {
                (MoneyUnit::Yuan, MoneyUnit::Wan) => number.shift(-4),
                (MoneyUnit::Wan, MoneyUnit::Yuan) => number.shift(4),
                _ => Some(number),
            };
            let Some(value) = converted else {
                return invalid();
            };
            let note = (written != column_unit).then(|| {
                format!(
                    "“{}”已换算为 {} {}",
                    raw.trim_matches(is_space),
                    value,
                    unit_name(column_unit)
                )
            });
            Parsed {
                value: CellValue::Money(value),
                note,
            }
        }
    }
}

/// The Chinese name of a money unit.
pub fn unit_name(unit: MoneyUnit) -> &'static str {
    match unit {
        MoneyUnit::Yuan => "元",
        MoneyUnit::Wan => "万元",
    }
}

/// Full-width digits and signs to ASCII.
fn halfwidth(c: char) -> char {
    match c {
        '０'..='９' => char::from_u32(c as u32 - '０' as u32 + '0' as u32).unwrap_or(c),
        '．' => '.',
        '，' => ',',
        '＋' => '+',
        '－' | '−' | '–' => '-',
        _ => c,
    }
}

/// Splits `1621624.23元` into the number and a trailing unit.
fn split_unit(text: &str) -> (&str, Option<&str>) {
    let end = text
        .char_indices()
        .rev()
        .find(|(_, c)| c.is_ascii_digit() || *c == '.')
        .map_or(0, |(i, c)| i + c.len_utf8());
    let (number, unit) = text.split_at(end);
    (number, (!unit.is_empty()).then_some(unit))
}

/// Removes thousands separators (`1,621,624`), but only where they separate digit groups.
fn strip_separators(text: &str) -> String {
    let (int, frac) = text
        .split_once('.')
        .map_or((text, None), |(a, b)| (a, Some(b)));
    let groups: Vec<&str> = int.split(',').collect();
    let well_formed = groups.len() == 1
        || groups.iter().skip(1).all(|g| g.len() == 3)
            && groups.first().is_some_and(|g| {
                let digits = g.trim_start_matches(['+', '-']);
                !digits.is_empty() && digits.len() <= 3
            });
    let int = if well_formed {
        groups.concat()
    } else {
        int.to_owned()
    };
    match frac {
        Some(f) => format!("{int}.{f}"),
        None => int,
    }
}

/// A cell as the checker and the data sentences read it. Blank is never 0: a rule that has only
/// blanks on one side says nothing (C7 names the blank cells), a message never shows a blank as
/// a figure, and a data sentence shows it as 〔待填〕.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(crate) enum Told {
    /// A number.
    Figure(Decimal),
    /// Nothing written (blank or "/"); for a total, none of its parts has a figure either.
    Blank,
    /// Text (or a sum that overflows): no figure can be read.
    Unreadable,
}

impl Told {
    /// Adds up cells as a table total does: a blank adds nothing, an unreadable cell makes the
    /// sum unreadable, and a sum of blanks only is blank.
    pub(crate) fn sum(items: impl IntoIterator<Item = Told>) -> Told {
        // The running sum is a figure and a flag, not a `Told`: the checker adds some hundred
        // cells on every keystroke, and carrying a 48-byte enum (30 bytes of it padding) from
        // one part to the next went through the stack, stalling on every part.
        let mut total = Decimal::ZERO;
        let mut any = false;
        for item in items {
            match item {
                Told::Unreadable => return Told::Unreadable,
                Told::Blank => {}
                Told::Figure(d) if !any => {
                    total = d;
                    any = true;
                }
                Told::Figure(d) => match total.checked_add(d) {
                    Some(s) => total = s,
                    None => return Told::Unreadable,
                },
            }
        }
        if any {
            Told::Figure(total)
        } else {
            Told::Blank
        }
    }

    /// A cell's entry as the table prints it: blank or "/" is blank, a number its figure, text
    /// unreadable.
    pub(crate) fn of_entry(entry: Option<&CellValue>) -> Told {
        match entry {
            None => Told::Blank,
            Some(v) if v.is_empty_like() => Told::Blank,
            Some(v) => v.number().map_or(Told::Unreadable, Told::Figure),
        }
    }
}

/// Every cell of a report, indexed by cell, as the checker and the data sentences read it
/// ([`crate::model::Report::stated`]).
#[derive(Debug, Clone, PartialEq, Eq)]
pub(crate) struct Stated {
    /// Each cell as printed: the entry, or for a total the program computes (not entered), its
    /// parts' sum.
    pub printed: Vec<Told>,
    /// Each cell as the table states it: as printed, but a total left blank beside parts that
    /// have figures is their sum (a published table whose 总计 cell is empty still says it).
    pub told: Vec<Told>,
}

#[cfg(test)]
mod tests {
    use super::*;

    fn count(s: &str) -> CellValue {
        parse_entry(s, CellKind::Count).value
    }

    #[test]
    fn reads_counts_as_clerks_write_them() {
        assert_eq!(count("12"), CellValue::Int(12));
        assert_eq!(count(" 12件 "), CellValue::Int(12));
        assert_eq!(count("１２"), CellValue::Int(12));
        assert_eq!(count("1,234"), CellValue::Int(1234));
        assert_eq!(count("1，234"), CellValue::Int(1234));
        assert_eq!(count("\u{a0}1"), CellValue::Int(1));
        assert_eq!(count("1\u{a0}"), CellValue::Int(1));
        assert_eq!(count("3.0"), CellValue::Int(3));
        assert_eq!(count("-3"), CellValue::Int(-3));
        assert_eq!(
            parse_entry("+1036", CellKind::Signed).value,
            CellValue::Int(1036)
        );
        assert_eq!(
            parse_entry("－8", CellKind::Signed).value,
            CellValue::Int(-8)
        );
    }

    #[test]
    fn blanks_and_not_applicable() {
        for blank in ["", "\u{a0}", "\u{3000}\u{3000}", " \t"] {
            assert_eq!(count(blank), CellValue::Blank, "{blank:?}");
        }
        for na in ["/", "／", "-", "—", "——"] {
            assert_eq!(count(na), CellValue::NotApplicable, "{na:?}");
        }
    }

    #[test]
    fn keeps_unreadable_text() {
        assert_eq!(count("abc"), CellValue::Invalid("abc".into()));
        assert_eq!(count("1.5"), CellValue::Invalid("1.5".into()));
        assert_eq!(count("12元"), CellValue::Invalid("12元".into()));
        assert_eq!(count("1,23"), CellValue::Invalid("1,23".into()));
    }

    #[test]
    fn a_told_is_32_bytes() {
        // The checker copies hundreds on every keystroke (see `Decimal`'s fields).
        assert_eq!(std::mem::size_of::<Told>(), 32);
    }

    #[test]
    fn money_units_are_converted_exactly() {
        let yuan = CellKind::Money(MoneyUnit::Yuan);
        let wan = CellKind::Money(MoneyUnit::Wan);
        let p = parse_entry("1621624.23元", yuan);
        assert_eq!(p.value.display(), "1621624.23");
        assert_eq!(p.note, None);
        let p = parse_entry("1,621,624.23元", wan);
        assert_eq!(p.value.display(), "162.162423");
        assert!(p.note.is_some());
        let p = parse_entry("12.5万元", yuan);
        assert_eq!(p.value.display(), "125000");
        assert_eq!(parse_entry("3.50", wan).value.display(), "3.50");
    }
}
