//! Table rows (from text or HTML) mapped onto a format's tables.
//!
//! The rows are read as one stream of cells. A cell whose text is a row label of the format
//! starts that row, and the value cells after it (up to the next label) are its values, in the
//! format's column order; group labels, captions and header cells are recognised and passed over,
//! wherever a layout repeats or merges them. Table 四 prints all its rows side by side under a
//! three-level header, so its values are the cells after the last header label.

use super::labels::{
    Dictionary, LabelKind, LabelRef, MAX_NEAR_MISS_CHARS, MIN_NEAR_MISS_CHARS, edit_distance,
    item_number,
};
use super::normalize::{is_blank, label_key, without_notes};
use super::{Block, Notes};
use crate::model::format::{CellKind, Format, Layout, MoneyUnit, Table};
use crate::model::report::Report;
use crate::model::value::{CellValue, parse_entry};

mod near;
mod notes;

/// A row a province added has a handful of values; longer runs of stray cells are not a row.
const MAX_EXTRA_ROW_CELLS: usize = 32;

/// How many surplus cells a note quotes.
const MAX_SHOWN: usize = 10;

/// Up to this many rows not found are noted one by one; more are one note for the table.
const MAX_MISSING_ROWS_LISTED: usize = 2;

/// What a printed label that is no label of the format is a near miss of.
#[derive(Debug, Clone, Copy)]
enum Near {
    /// A data row, and how many characters differ.
    Row(usize, usize),
    /// A data row printed with the same words under another item number (`1.` for `2.`).
    Renumbered(usize),
    /// A group label.
    Group(usize),
}

/// A printed row label that is not the format's label but was read as a row.
#[derive(Debug, Clone, Copy)]
enum Printed<'a> {
    /// One of the row's aliases in the format file.
    Alias(&'a str),
    /// A near miss (a typo): the text and how many characters differ.
    Near(&'a str, usize),
    /// The row's words under another item number: the text.
    Renumbered(&'a str),
}

/// One cell of the stream.
#[derive(Debug)]
struct Token<'a> {
    raw: &'a str,
    key: String,
    row: usize,
}

/// Every table cell of a document in reading order, with its matching key, computed once.
#[derive(Debug)]
pub struct Cells<'a> {
    tokens: Vec<Token<'a>>,
}

impl<'a> Cells<'a> {
    /// The cells of the table rows among `blocks`.
    pub fn new(blocks: &'a [Block]) -> Self {
        let tokens = blocks
            .iter()
            .filter_map(|b| match b {
                Block::Row(cells) => Some(cells),
                Block::Text(_) => None,
            })
            .enumerate()
            .flat_map(|(row, cells)| {
                cells.iter().map(move |raw| Token {
                    raw,
                    key: label_key(raw),
                    row,
                })
            })
            .collect();
        Cells { tokens }
    }

    /// How many cells are labels of `own` that none of `others` has.
    pub fn distinctive_hits(&self, own: &Dictionary, others: &[&Dictionary]) -> usize {
        self.tokens
            .iter()
            .filter(|t| {
                own.contains_printed(&t.key) && !others.iter().any(|d| d.contains_printed(&t.key))
            })
            .count()
    }
}

/// A row with fewer figures than cells.
#[derive(Debug, Clone)]
struct Shortfall {
    /// The row, as a note names it (`表三“（一）予以公开”行`).
    what: String,
    found: usize,
    wanted: usize,
}

/// What was read of one table.
#[derive(Debug, Default, Clone)]
struct TableState {
    rows_seen: Vec<bool>,
    /// Rows left blank on purpose: the table printed their group as one old-style row, whose
    /// figures went to one of them (noted then), so "not found" would mislead.
    rows_covered: Vec<bool>,
    blanks: usize,
    not_applicable: usize,
    /// Rows (or the whole of a table like 四) with fewer figures than cells, noted at the end:
    /// one by one when few, as one note when many (a PDF that drops blank cells).
    short: Vec<Shortfall>,
    /// A header the format does not have, printed right after this data column (a
    /// 法人或其他组织小计 some templates add): its values are left out of every row.
    extra_column_after: Option<usize>,
    /// Rows read from the same words under another item number (the printed label, the row),
    /// noted at the end: one by one when few, as one note when many (a list numbered anew).
    renumbered: Vec<(String, usize)>,
}

/// Reads every table cell of `format` (whose labels are `dict`) found in `cells` into `report`,
/// with notes for whatever was not found, blank, converted or left over. Returns how many data
/// rows were found.
pub fn read(
    format: &Format,
    dict: &Dictionary,
    cells: &Cells,
    report: &mut Report,
    notes: &mut Notes,
) -> usize {
    let mut walker = Walker {
        format,
        dict,
        tokens: &cells.tokens,
        report,
        notes,
        state: vec![TableState::default(); format.tables.len()],
        current: None,
        group_path: Vec::new(),
        last_label: None,
    };
    for (ti, table) in format.tables.iter().enumerate() {
        if let Some(s) = walker.state.get_mut(ti) {
            s.rows_seen = vec![false; table.rows.len()];
            s.rows_covered = vec![false; table.rows.len()];
        }
    }
    walker.walk();
    walker.finish()
}

struct Walker<'a, 'r> {
    format: &'a Format,
    dict: &'a Dictionary,
    tokens: &'a [Token<'a>],
    report: &'r mut Report,
    notes: &'r mut Notes,
    state: Vec<TableState>,
    current: Option<usize>,
    /// The groups (outermost first) of the place being read in the current table: of the last
    /// row or group label read. A near miss is looked for there first.
    group_path: Vec<usize>,
    /// The last row label read, as printed (where a note says a stray row of figures was).
    last_label: Option<&'a str>,
}

impl Walker<'_, '_> {
    fn walk(&mut self) {
        let mut i = 0;
        while let Some(token) = self.tokens.get(i) {
            if token.key.is_empty() {
                i += 1;
                continue;
            }
            let Some((refs, used)) = self.match_label(i) else {
                i = self.unknown(i);
                continue;
            };
            let pick = self.choose(refs, i + used);
            let layout = self.format.tables.get(pick.table).map(|t| t.layout);
            if self.current != Some(pick.table) {
                self.group_path.clear();
            }
            self.current = Some(pick.table);
            i = match (layout, pick.kind) {
                (Some(Layout::SingleRow), _) => self.single_row(pick.table, i),
                (_, LabelKind::Row(r)) => {
                    let printed = pick.alias.then(|| Printed::Alias(token.raw.trim()));
                    self.last_label = Some(token.raw.trim());
                    self.row(pick.table, r, i + used, printed)
                }
                (_, LabelKind::Group(g)) => {
                    self.enter_group(pick.table, g);
                    i + used
                }
                _ => i + used,
            };
        }
    }

    /// The label starting at token `i`, possibly broken over several cells: its meanings and
    /// how many cells it takes.
    fn match_label(&self, i: usize) -> Option<(&[LabelRef], usize)> {
        let first = self.tokens.get(i)?;
        if let Some(refs) = self.dict.lookup(&first.key) {
            return Some((refs, 1));
        }
        if !self.dict.is_prefix(&first.key) {
            return None;
        }
        let mut joined = first.key.clone();
        for k in 1..=4 {
            let next = self.tokens.get(i + k)?;
            if next.key.is_empty() {
                return None;
            }
            joined.push_str(&next.key);
            if let Some(refs) = self.dict.lookup(&joined) {
                return Some((refs, k + 1));
            }
            if !self.dict.is_prefix(&joined) {
                return None;
            }
        }
        None
    }

    /// Of a label's meanings, the one in the table being read, else a data row, else the first.
    /// A label the format prints goes before a row's alias, except where figures follow it on
    /// its printed row: a group label has none, so there the label is a row (the single
    /// （六）其他处理 row an older table prints where this format has its three items).
    fn choose(&self, refs: &[LabelRef], after: usize) -> LabelRef {
        let is_row = |r: &&LabelRef| matches!(r.kind, LabelKind::Row(_));
        let figures_follow = self.figures_follow(after);
        let preferred: Vec<LabelRef> = refs
            .iter()
            .filter(|r| if figures_follow { is_row(r) } else { !r.alias })
            .copied()
            .collect();
        let refs = if preferred.is_empty() {
            refs
        } else {
            preferred.as_slice()
        };
        let in_current = |r: &&LabelRef| Some(r.table) == self.current;
        refs.iter()
            .find(|r| in_current(r) && is_row(r))
            .or_else(|| refs.iter().find(in_current))
            .or_else(|| refs.iter().find(is_row))
            .or_else(|| refs.first())
            .copied()
            .unwrap_or(LabelRef {
                table: 0,
                kind: LabelKind::Caption,
                alias: false,
            })
    }

    /// Whether the rest of the printed row from token `from` is cells of figures (or blank):
    /// some, and no label among them.
    fn figures_follow(&self, from: usize) -> bool {
        let Some(label_row) = from
            .checked_sub(1)
            .and_then(|i| self.tokens.get(i))
            .map(|t| t.row)
        else {
            return false;
        };
        let end = self.row_end(from, label_row);
        end > from
            && (from..end).all(|k| {
                self.tokens
                    .get(k)
                    .is_some_and(|t| is_value(t.raw) && self.match_label(k).is_none())
            })
    }

    /// A group label of table `t` was read: near misses are looked for among its rows.
    fn enter_group(&mut self, t: usize, g: usize) {
        let Some(table) = self.format.tables.get(t) else {
            return;
        };
        let Some(group) = table.groups.get(g) else {
            return;
        };
        let mut path = table
            .rows
            .get(group.first_row)
            .map(|row| row.groups.clone())
            .unwrap_or_default();
        if let Some(at) = path.iter().position(|&x| x == g) {
            path.truncate(at + 1);
        }
        self.group_path = path;
    }

    /// Reads row `r` of table `t` whose values start at token `start`; returns the next token.
    /// `printed` is the label as printed where it is not the format's.
    fn row(&mut self, t: usize, r: usize, start: usize, printed: Option<Printed>) -> usize {
        let Some(table) = self.format.tables.get(t) else {
            return start;
        };
        let label_row = start
            .checked_sub(1)
            .and_then(|i| self.tokens.get(i))
            .map_or(0, |tok| tok.row);
        let groups = table
            .rows
            .get(r)
            .map(|row| row.groups.clone())
            .unwrap_or_default();
        let mut values = Vec::new();
        let mut j = start;
        while let Some(tok) = self.tokens.get(j) {
            if tok.row != label_row {
                break;
            }
            if let Some((refs, used)) = self.match_label(j) {
                let repeats = refs.iter().any(|l| {
                    l.table == t
                        && match l.kind {
                            LabelKind::Row(x) => x == r,
                            LabelKind::Group(g) => groups.contains(&g),
                            _ => false,
                        }
                });
                if repeats {
                    j += used;
                    continue;
                }
                break;
            }
            values.push(j);
            j += 1;
        }
        // The label alone on its line: the values are on the next one.
        if values.is_empty()
            && let Some(next_row) = self.tokens.get(j).map(|tok| tok.row)
        {
            let end = self.row_end(j, next_row);
            if (j..end).all(|k| self.match_label(k).is_none()) {
                values.extend(j..end);
                j = end;
            }
        }
        let cells: Vec<usize> = (0..table.columns.len()).map(|c| table.cell(r, c)).collect();
        let label = table.row_path_label(r);
        if self.state.get(t).and_then(|s| s.rows_seen.get(r)).copied() == Some(true) {
            if self.notes.is_full() {
                self.notes.count_dropped();
                return j;
            }
            self.notes.add(
                None,
                Some(table_section(self.format, table)),
                format!(
                    "{}“{}”行重复出现，以第一次出现的数据为准，请核对两处的数字",
                    table.name, label
                ),
            );
            return j;
        }
        if let Some(seen) = self.state.get_mut(t).and_then(|s| s.rows_seen.get_mut(r)) {
            *seen = true;
        }
        self.group_path = groups;
        let values = self.without_extra_column(t, values, cells.len());
        self.assign(t, &cells, &values, &format!("{}“{}”行", table.name, label));
        // After the figures are in: an old single row's zeros decide its group's other rows.
        if let Some(printed) = printed {
            self.note_printed(t, r, printed);
        }
        j
    }

    /// Table 四 and its like: header labels, then one printed row of values.
    fn single_row(&mut self, t: usize, start: usize) -> usize {
        let Some(table) = self.format.tables.get(t) else {
            return start + 1;
        };
        let mut j = start;
        let mut after_header = start;
        while let Some(tok) = self.tokens.get(j) {
            if tok.key.is_empty() {
                j += 1;
                continue;
            }
            // Every label up to the figures is header: text copied out of a PDF may put a
            // stray header word of another table (`其他`) among this one's.
            match self.match_label(j) {
                Some((_, used)) => {
                    j += used;
                    after_header = j;
                }
                None => break,
            }
        }
        let header_row = after_header
            .checked_sub(1)
            .and_then(|i| self.tokens.get(i))
            .map_or(0, |tok| tok.row);
        let mut k = after_header;
        let header_end = self.row_end(k, header_row);
        if (k..header_end).all(|x| self.tokens.get(x).is_none_or(|tok| is_blank(tok.raw))) {
            k = header_end;
        }
        let wanted = table.rows.len() * table.columns.len();
        let mut values = Vec::new();
        let mut last_row = None;
        while let Some(tok) = self.tokens.get(k) {
            if self.match_label(k).is_some() {
                break;
            }
            if values.len() >= wanted && last_row != Some(tok.row) {
                break;
            }
            values.push(k);
            last_row = Some(tok.row);
            k += 1;
        }
        if let Some(state) = self.state.get(t)
            && state.rows_seen.iter().any(|&s| s)
        {
            self.notes.add(
                None,
                Some(table_section(self.format, table)),
                format!(
                    "{}重复出现，以第一次出现的数据为准，请核对两处的数字",
                    table.name
                ),
            );
            return k.max(start + 1);
        }
        if let Some(state) = self.state.get_mut(t) {
            state.rows_seen.iter_mut().for_each(|s| *s = true);
        }
        let cells: Vec<usize> = table.cells().collect();
        self.assign(t, &cells, &values, &table.name);
        k.max(start + 1)
    }

    /// The index after the last token of printed row `row`, starting at `from`.
    fn row_end(&self, from: usize, row: usize) -> usize {
        let mut end = from;
        while self.tokens.get(end).is_some_and(|tok| tok.row == row) {
            end += 1;
        }
        end
    }

    /// Puts the value tokens into the cells, fitting the count; notes what does not fit.
    fn assign(&mut self, t: usize, cells: &[usize], values: &[usize], what: &str) {
        let section = self
            .format
            .tables
            .get(t)
            .map(|table| table_section(self.format, table));
        let (fitted, extra) = fit(self.tokens, values, cells.len());
        if fitted.len() < cells.len()
            && let Some(state) = self.state.get_mut(t)
        {
            state.short.push(Shortfall {
                what: what.to_owned(),
                found: fitted.len(),
                wanted: cells.len(),
            });
        }
        if !extra.is_empty() {
            let mut shown: Vec<&str> = extra
                .iter()
                .take(MAX_SHOWN)
                .filter_map(|&k| self.tokens.get(k).map(|tok| tok.raw.trim()))
                .collect();
            if extra.len() > MAX_SHOWN {
                shown.push("…");
            }
            self.notes.add(
                None,
                section.clone(),
                format!(
                    "{what}多出 {} 个单元格（{}），未导入；请核对原文这一行的数字是否错位",
                    extra.len(),
                    shown.join("、")
                ),
            );
        }
        for (&cell, &k) in cells.iter().zip(&fitted) {
            let Some(tok) = self.tokens.get(k) else {
                continue;
            };
            let kind = self
                .format
                .cell(cell)
                .map_or(CellKind::Count, |info| info.kind);
            let parsed = parse_entry(tok.raw, kind);
            let id = self.format.cell_id(cell).to_owned();
            match &parsed.value {
                CellValue::Blank => {
                    if let Some(s) = self.state.get_mut(t) {
                        s.blanks += 1;
                    }
                }
                CellValue::NotApplicable => {
                    if let Some(s) = self.state.get_mut(t) {
                        s.not_applicable += 1;
                    }
                }
                CellValue::Invalid(text) => self.notes.add(
                    Some(id.clone()),
                    section.clone(),
                    format!(
                        "{}填写的“{text}”不是数字，已原样保留，请改正",
                        self.format.cell_label(cell)
                    ),
                ),
                CellValue::Int(_) | CellValue::Money(_) => {}
            }
            if let Some(note) = parsed.note {
                self.notes.add(
                    Some(id),
                    section.clone(),
                    format!("{}：{note}", self.format.cell_label(cell)),
                );
            }
            self.report.set(cell, Some(parsed.value));
        }
    }

    /// A row's values without those of a column the format does not have (see
    /// [`TableState::extra_column_after`]), when the row has exactly one value too many.
    fn without_extra_column(&self, t: usize, mut values: Vec<usize>, n: usize) -> Vec<usize> {
        let Some(after) = self.state.get(t).and_then(|s| s.extra_column_after) else {
            return values;
        };
        let blank = |k: &usize| self.tokens.get(*k).is_none_or(|tok| is_blank(tok.raw));
        while values.len() > n + 1 && values.first().is_some_and(blank) {
            values.remove(0);
        }
        if values.len() == n + 1 && after + 1 < values.len() {
            values.remove(after + 1);
        }
        values
    }

    /// The data column whose header is the last label before token `i` in its printed row.
    fn header_before(&self, t: usize, i: usize) -> Option<usize> {
        let row = self.tokens.get(i)?.row;
        let mut k = i;
        while let Some(prev) = k.checked_sub(1) {
            let tok = self.tokens.get(prev)?;
            if tok.row != row {
                return None;
            }
            if !is_blank(tok.raw) {
                return self
                    .dict
                    .lookup(&tok.key)?
                    .iter()
                    .find_map(|l| match l.kind {
                        LabelKind::Column(c) if l.table == t => Some(c),
                        _ => None,
                    });
            }
            k = prev;
        }
        None
    }
}

/// Whether a cell reads as a figure, a blank or “/”.
pub(super) fn is_value(raw: &str) -> bool {
    [CellKind::Count, CellKind::Money(MoneyUnit::Yuan)]
        .into_iter()
        .any(|kind| !matches!(parse_entry(raw, kind).value, CellValue::Invalid(_)))
}

/// Fits the value tokens to `n` cells: surplus blank cells at the start (a merged label's empty
/// neighbour) or at the end (a merged value's empty neighbours) are dropped first; what still
/// does not fit is returned as extra.
fn fit(tokens: &[Token], values: &[usize], n: usize) -> (Vec<usize>, Vec<usize>) {
    let blank = |k: &usize| tokens.get(*k).is_none_or(|t| is_blank(t.raw));
    let mut v: &[usize] = values;
    while v.len() > n {
        match v.split_first() {
            Some((first, rest)) if blank(first) => v = rest,
            _ => break,
        }
    }
    while v.len() > n {
        match v.split_last() {
            Some((last, rest)) if blank(last) => v = rest,
            _ => break,
        }
    }
    let take = v.len().min(n);
    let (fitted, extra) = v.split_at(take);
    (fitted.to_vec(), extra.to_vec())
}

/// The id of the section a table is printed in.
fn table_section(format: &Format, table: &Table) -> String {
    format
        .sections
        .get(table.section)
        .map_or_else(String::new, |s| s.id.clone())
}
