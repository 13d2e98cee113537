//! Every label a format prints (captions, header cells, row and group labels), keyed for matching.
//!
//! Built from [`Format`] alone, so the importer never types a label: a new revision of the format
//! is recognised as soon as its RON file is added.

use std::collections::{HashMap, HashSet};

use super::normalize::{label_key, without_notes};
use crate::model::format::{Format, Layout, Table};

/// What a label is within its table.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum LabelKind {
    /// The caption row (第二十条第（一）项).
    Caption,
    /// The header cell above the row labels (信息内容).
    Corner,
    /// A data column's header, by column index.
    Column(usize),
    /// A header spanning several columns (申请人情况, 法人或其他组织).
    ColumnGroup,
    /// A data row's label, by row index.
    Row(usize),
    /// A group label spanning several rows, by group index.
    Group(usize),
}

/// A label of one table.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct LabelRef {
    /// Index into [`Format::tables`].
    pub table: usize,
    /// What it labels.
    pub kind: LabelKind,
    /// Whether the key is one of the row's aliases (another name for it in the format file),
    /// not the label the format prints.
    pub alias: bool,
}

/// The labels of one format, by matching key.
#[derive(Debug)]
pub struct Dictionary {
    labels: HashMap<String, Vec<LabelRef>>,
    /// Proper prefixes of the keys (a label broken over several cells or lines).
    prefixes: HashSet<String>,
}

impl Dictionary {
    /// The labels of `format`.
    pub fn new(format: &Format) -> Self {
        let mut dict = Dictionary {
            labels: HashMap::new(),
            prefixes: HashSet::new(),
        };
        for (ti, table) in format.tables.iter().enumerate() {
            dict.add_table(ti, table);
        }
        let keys: Vec<String> = dict.labels.keys().cloned().collect();
        for key in keys {
            let ends: Vec<usize> = key.char_indices().map(|(i, _)| i).skip(2).collect();
            for end in ends {
                if let Some(prefix) = key.get(..end) {
                    dict.prefixes.insert(prefix.to_owned());
                }
            }
        }
        dict
    }

    fn add_table(&mut self, ti: usize, table: &Table) {
        let mut add_as = |text: &str, kind: LabelKind, alias: bool| {
            if text.trim().is_empty() {
                return;
            }
            let key = label_key(text);
            let short = without_notes(&key);
            let label = LabelRef {
                table: ti,
                kind,
                alias,
            };
            for k in [key, short] {
                let refs = self.labels.entry(k).or_default();
                if !refs.contains(&label) {
                    refs.push(label);
                }
            }
        };
        let mut add = |text: &str, kind: LabelKind| add_as(text, kind, false);
        add(&table.caption, LabelKind::Caption);
        add(&table.corner, LabelKind::Corner);
        for (ci, col) in table.columns.iter().enumerate() {
            add(&col.label, LabelKind::Column(ci));
            for group in &col.path {
                add(group, LabelKind::ColumnGroup);
            }
        }
        for (ri, row) in table.rows.iter().enumerate() {
            add(&row.label, LabelKind::Row(ri));
        }
        for (gi, group) in table.groups.iter().enumerate() {
            add(&group.label, LabelKind::Group(gi));
        }
        if table.layout == Layout::SingleRow && table.rows.is_empty() {
            add(&table.name, LabelKind::Caption);
        }
        for (ri, row) in table.rows.iter().enumerate() {
            for alias in &row.aliases {
                add_as(alias, LabelKind::Row(ri), true);
            }
        }
    }

    /// The labels a key stands for: exactly, or once explanatory parentheses are dropped
    /// (`规范性文件（含…）`).
    pub fn lookup(&self, key: &str) -> Option<&[LabelRef]> {
        if key.is_empty() {
            return None;
        }
        if let Some(refs) = self.labels.get(key) {
            return Some(refs);
        }
        if !key.contains('（') {
            return None;
        }
        let short = without_notes(key);
        if short.chars().count() >= 2 {
            return self.labels.get(&short).map(Vec::as_slice);
        }
        None
    }

    /// Whether `key` is the start of a label (at least two characters).
    pub fn is_prefix(&self, key: &str) -> bool {
        self.prefixes.contains(key)
    }

    /// Whether the key is a label of this format.
    pub fn contains(&self, key: &str) -> bool {
        self.lookup(key).is_some()
    }

    /// Whether the key is a label this format prints (not only a row's alias): what tells one
    /// format from another.
    pub fn contains_printed(&self, key: &str) -> bool {
        self.lookup(key)
            .is_some_and(|refs| refs.iter().any(|r| !r.alias))
    }

    /// Whether the key is a data row's label (not a caption, header or group).
    pub fn is_row_label(&self, key: &str) -> bool {
        self.lookup(key)
            .is_some_and(|refs| refs.iter().any(|r| matches!(r.kind, LabelKind::Row(_))))
    }
}

/// Labels shorter than this are never matched as near misses (规章 is not 规划).
pub const MIN_NEAR_MISS_CHARS: usize = 4;

/// A near miss differs in at most this many characters, however long the label.
pub const MAX_NEAR_MISS_CHARS: usize = 3;

/// The item number a label key starts with (`2.`, `（三）`, `一、`), or "" for none.
pub fn item_number(key: &str) -> &str {
    if key.starts_with('（') {
        return key
            .find('）')
            .and_then(|e| key.get(..e + '）'.len_utf8()))
            .unwrap_or("");
    }
    let digits: usize = key
        .chars()
        .take_while(|c| c.is_ascii_digit() || crate::model::numerals::NUMERALS.contains(*c))
        .map(char::len_utf8)
        .sum();
    match key.get(digits..).and_then(|rest| rest.chars().next()) {
        Some(p @ ('.' | '、')) if digits > 0 => key.get(..digits + p.len_utf8()).unwrap_or(""),
        _ => "",
    }
}

/// How many characters must be inserted, deleted or replaced to turn `a` into `b`.
pub fn edit_distance(a: &str, b: &str) -> usize {
    let b: Vec<char> = b.chars().collect();
    let mut prev: Vec<usize> = (0..=b.len()).collect();
    let mut cur = vec![0; b.len() + 1];
    for (i, ca) in a.chars().enumerate() {
        if let Some(first) = cur.first_mut() {
            *first = i + 1;
        }
        for (j, cb) in b.iter().enumerate() {
            let replace = prev
                .get(j)
                .map_or(usize::MAX, |&p| p + usize::from(ca != *cb));
            let delete = prev.get(j + 1).map_or(usize::MAX, |&p| p + 1);
            let insert = cur.get(j).map_or(usize::MAX, |&p| p + 1);
            if let Some(slot) = cur.get_mut(j + 1) {
                *slot = replace.min(delete).min(insert);
            }
        }
        std::mem::swap(&mut prev, &mut cur);
    }
    prev.last().copied().unwrap_or(0)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn edit_distance_counts_characters() {
        assert_eq!(
            edit_distance("2.其他法律行政止公开", "2.其他法律行政法规禁止公开"),
            3
        );
        assert_eq!(edit_distance("规范性文件", "行政规范性文件"), 2);
        assert_eq!(edit_distance("重复申情", "重复申请"), 1);
        assert_eq!(edit_distance("", "规章"), 2);
        assert_eq!(edit_distance("规章", "规章"), 0);
    }

    #[test]
    fn item_numbers_of_every_style() {
        assert_eq!(item_number("2.其他法律行政法规禁止公开"), "2.");
        assert_eq!(item_number("（三）不予公开"), "（三）");
        assert_eq!(item_number("四、结转下年度继续办理"), "四、");
        assert_eq!(item_number("行政规范性文件"), "");
        assert_eq!(item_number("2024年"), "");
    }
}
