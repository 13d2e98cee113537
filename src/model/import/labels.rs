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
