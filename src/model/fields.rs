//! Live figures in the prose (数据句): the spans of a section's text that the program wrote from
//! the tables, kept true as the tables and the text change.
//!
//! The prose stays a plain `String` per section ([`Report::prose`]); the fields sit beside it
//! ([`Report::fields`]) as byte ranges into it. A field is *fresh* while the text at its range is
//! what the program last wrote there ([`DataField::value`]): a cell change rewrites it. One the
//! clerk has typed over is *stale*: it is never rewritten, only listed, with a one-click update.
//! Every range lies on char boundaries of its section's prose, fields of a section are in order
//! and never overlap.

use std::ops::Range;

use serde::{Deserialize, Serialize};

use super::report::{Note, NoteKind, Report};
use super::sentences::{self, Sentence};

/// One live figure of a section's prose.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct DataField {
    /// Byte offset of its first character in the section's prose.
    pub start: usize,
    /// Byte offset just past its last character.
    pub end: usize,
    /// What it shows (`t3.new.total`, `yoy(t3.new.total)`), for [`crate::model::sentences`].
    pub expr: String,
    /// What the program last wrote there.
    pub value: String,
}

impl DataField {
    /// Its byte range in the prose.
    pub fn range(&self) -> Range<usize> {
        self.start..self.end
    }

    /// The prose at its range (`None` if the range is not one of `prose`).
    pub fn text<'a>(&self, prose: &'a str) -> Option<&'a str> {
        prose.get(self.range())
    }

    /// Whether the prose still shows what the program wrote (the clerk has not typed over it).
    pub fn is_fresh(&self, prose: &str) -> bool {
        self.text(prose) == Some(self.value.as_str())
    }
}

/// A field whose prose no longer agrees with the tables: typed over by hand, and the figure the
/// tables give is another.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Stale {
    /// The section (`s1`).
    pub section: String,
    /// The field's index among the section's fields.
    pub index: usize,
    /// What the prose says.
    pub typed: String,
    /// What the tables give.
    pub table: String,
}

/// What field `expr` shows now, with the report's own last-year figures (the editor's view; the
/// command line may pass others to [`sentences::evaluate`]).
pub fn evaluate(report: &Report, expr: &str) -> Option<String> {
    sentences::evaluate(report, report.previous.as_ref(), expr)
}

/// 插入数据句: `sentence` as a paragraph of its own after the line holding byte `cursor` of its
/// section's prose (at the end without one), its figures live. Returns where it starts.
pub fn insert_sentence(report: &mut Report, cursor: Option<usize>, sentence: &Sentence) -> usize {
    let spans = sentence
        .fields
        .iter()
        .map(|f| DataField {
            start: f.range.start,
            end: f.range.end,
            expr: f.expr.clone(),
            value: f.value.clone(),
        })
        .collect();
    insert_paragraph(report, &sentence.section, cursor, &sentence.text, spans)
}

/// Inserts `text` as a paragraph of its own after the line holding byte `cursor` of the
/// section's prose (at the end without a cursor), with `spans` (ranges relative to `text`) as its
/// fields. Returns the byte offset where `text` starts.
pub fn insert_paragraph(
    report: &mut Report,
    section: &str,
    cursor: Option<usize>,
    text: &str,
    spans: Vec<DataField>,
) -> usize {
    let prose = report.prose.entry(section.to_owned()).or_default();
    let at = match cursor {
        Some(c) => line_end(prose, c),
        None => prose.trim_end().len(),
    };
    let before = if at == 0 { "" } else { "\n" };
    let after = if at == 0 && !prose.is_empty() {
        "\n"
    } else {
        ""
    };
    let insert = format!("{before}{text}{after}");
    let start = at + before.len();
    prose.insert_str(at, &insert);
    let fields = report.fields.entry(section.to_owned()).or_default();
    splice(fields, at..at, &insert);
    fields.extend(
        spans
            .into_iter()
            .filter(|f| f.start <= f.end && text.get(f.range()).is_some())
            .map(|f| DataField {
                start: f.start + start,
                end: f.end + start,
                ..f
            }),
    );
    fields.sort_by_key(|f| (f.start, f.end));
    drop_overlaps(fields);
    start
}

/// The end of the line holding byte `cursor` (clamped to the text, on a char boundary).
fn line_end(prose: &str, cursor: usize) -> usize {
    let mut c = cursor.min(prose.len());
    while !prose.is_char_boundary(c) {
        c -= 1;
    }
    prose
        .get(c..)
        .and_then(|rest| rest.find('\n'))
        .map_or(prose.len(), |i| c + i)
}

/// Follows a prose edit from `old` to `new` (one frame's change of the text editor): the common
/// prefix and suffix tell the edited span; see [`splice`] for what it does to the fields.
pub fn reconcile(fields: &mut Vec<DataField>, old: &str, new: &str) {
    if old == new || fields.is_empty() {
        return;
    }
    let prefix = old
        .char_indices()
        .zip(new.chars())
        .find(|((_, a), b)| a != b)
        .map_or(old.len().min(new.len()), |((i, _), _)| i);
    // The suffix may not reach into the prefix of either text.
    let room = old.len().min(new.len()) - prefix;
    let suffix = old
        .chars()
        .rev()
        .zip(new.chars().rev())
        .take_while(|(a, b)| a == b)
        .map(|(a, _)| a.len_utf8())
        .scan(0, |sum, n| {
            *sum += n;
            Some(*sum)
        })
        .take_while(|sum| *sum <= room)
        .last()
        .unwrap_or(0);
    let edit = prefix..old.len() - suffix;
    splice(
        fields,
        edit,
        new.get(prefix..new.len() - suffix).unwrap_or(""),
    );
}

/// Moves the fields for the bytes `edit` of the prose replaced by `inserted`. A field after the
/// edit shifts. An insertion at a field's edge stays outside it, unless both are figures (a digit
/// typed against a number extends the number). A field the edit reaches into grows or shrinks to
/// cover the new text (and is stale unless it reads as before); when one edit reaches into several
/// fields, the first covers it and the others go. A field the edit covers whole, with more text or
/// with nothing in its place, is dropped: its figure is gone.
pub fn splice(fields: &mut Vec<DataField>, edit: Range<usize>, inserted: &str) {
    let removed = edit.end - edit.start;
    let new_len = inserted.len();
    let shift = |at: usize| at - removed + new_len;
    let figure = !inserted.is_empty() && inserted.chars().all(is_figure_char);
    let mut touched = false;
    fields.retain_mut(|f| {
        let (before, after) = if removed == 0 {
            // A figure joins one field only: the one before it if it can.
            let joins_end = figure
                && !touched
                && f.end == edit.start
                && f.value.chars().last().is_some_and(is_figure_char);
            let joins_start = figure
                && !touched
                && f.start == edit.start
                && f.value.chars().next().is_some_and(is_figure_char);
            (
                f.end <= edit.start && f.start < edit.start && !joins_end,
                f.start >= edit.start && !joins_start,
            )
        } else {
            (f.end <= edit.start, f.start >= edit.end)
        };
        if before {
            return true;
        }
        if after {
            f.start = shift(f.start);
            f.end = shift(f.end);
            return true;
        }
        let covered = removed > 0 && edit.start <= f.start && edit.end >= f.end;
        let retyped = edit == f.range() && new_len > 0;
        if touched || (covered && !retyped) {
            return false;
        }
        touched = true;
        f.end = shift(f.end.max(edit.end));
        f.start = f.start.min(edit.start);
        true
    });
}

/// A character of a figure as prose writes it (`25`、`1.05%`、`２５`).
fn is_figure_char(c: char) -> bool {
    c.is_ascii_digit() || ('０'..='９').contains(&c) || matches!(c, '.' | '%' | '．' | '％')
}

/// Drops any field that overlaps the one before it (a damaged draft, a span list that overlaps).
fn drop_overlaps(fields: &mut Vec<DataField>) {
    let mut last_end = 0;
    fields.retain(|f| {
        let keep = f.start >= last_end;
        if keep {
            last_end = f.end;
        }
        keep
    });
}

/// What each field of each section evaluates to now (`None`: the tables give nothing).
fn evaluations(
    report: &Report,
    eval: &dyn Fn(&Report, &str) -> Option<String>,
) -> Vec<(String, Vec<Option<String>>)> {
    report
        .fields
        .iter()
        .map(|(section, fields)| {
            let values = fields.iter().map(|f| eval(report, &f.expr)).collect();
            (section.clone(), values)
        })
        .collect()
}

/// After a cell change: every fresh field whose figure changed is rewritten (later fields of the
/// section shift); a stale one that now reads as the tables do is fresh again. Returns whether
/// anything changed.
pub fn refresh(report: &mut Report, eval: &dyn Fn(&Report, &str) -> Option<String>) -> bool {
    let mut changed = false;
    for (section, values) in evaluations(report, eval) {
        let (Some(prose), Some(fields)) = (
            report.prose.get_mut(&section),
            report.fields.get_mut(&section),
        ) else {
            continue;
        };
        for (i, value) in values.into_iter().enumerate() {
            let Some(now) = value else { continue };
            let Some(f) = fields.get(i) else { continue };
            if f.value == now {
                continue;
            }
            if f.is_fresh(prose) {
                changed |= write(prose, fields, i, &now);
            } else if f.text(prose) == Some(now.as_str())
                && let Some(f) = fields.get_mut(i)
            {
                f.value = now;
                changed = true;
            }
        }
    }
    changed
}

/// Writes `text` over field `i` (and records it as what the program wrote), shifting the fields
/// after it. `false` if its range is not one of `prose`.
fn write(prose: &mut String, fields: &mut [DataField], i: usize, text: &str) -> bool {
    let Some(range) = fields.get(i).map(DataField::range) else {
        return false;
    };
    if prose.get(range.clone()).is_none() {
        return false;
    }
    let (old_len, new_len) = (range.end - range.start, text.len());
    prose.replace_range(range.clone(), text);
    for (j, f) in fields.iter_mut().enumerate() {
        if j == i {
            f.end = f.start + new_len;
            f.value = text.to_owned();
        } else if f.start >= range.end {
            f.start = f.start - old_len + new_len;
            f.end = f.end - old_len + new_len;
        }
    }
    true
}

/// Every field typed over by hand whose figure is not the tables' (in section, then text order).
pub fn stale(report: &Report, eval: &dyn Fn(&Report, &str) -> Option<String>) -> Vec<Stale> {
    let mut out = Vec::new();
    for (section, values) in evaluations(report, eval) {
        let prose = report.prose(&section);
        let fields = report.fields.get(&section).map_or(&[][..], Vec::as_slice);
        for (index, (f, value)) in fields.iter().zip(values).enumerate() {
            let (Some(typed), Some(table)) = (f.text(prose), value) else {
                continue;
            };
            if !f.is_fresh(prose) && typed != table {
                out.push(Stale {
                    section: section.clone(),
                    index,
                    typed: typed.to_owned(),
                    table,
                });
            }
        }
    }
    out
}

/// 更新: writes the tables' figure over field `index` of `section`, typed over or not. `false` if
/// there is no such field or the tables give nothing.
pub fn update_stale(
    report: &mut Report,
    section: &str,
    index: usize,
    eval: &dyn Fn(&Report, &str) -> Option<String>,
) -> bool {
    let Some(expr) = report
        .fields
        .get(section)
        .and_then(|f| f.get(index))
        .map(|f| f.expr.clone())
    else {
        return false;
    };
    let Some(now) = eval(report, &expr) else {
        return false;
    };
    match (
        report.prose.get_mut(section),
        report.fields.get_mut(section),
    ) {
        (Some(prose), Some(fields)) => write(prose, fields, index, &now),
        _ => false,
    }
}

/// Keeps only the fields that fit their section's prose (in order, not overlapping, on char
/// boundaries, in a section that has prose); for each one dropped, a note in Chinese. For a draft
/// read from disk, which a person may have edited.
pub fn validate(report: &mut Report) {
    let mut notes = Vec::new();
    for (section, fields) in &mut report.fields {
        let prose = report.prose.get(section).map_or("", String::as_str);
        let mut last_end = 0;
        fields.retain(|f| {
            let fits = f.start >= last_end && f.start <= f.end && f.text(prose).is_some();
            if fits {
                last_end = f.end;
            } else {
                notes.push(Note {
                    kind: NoteKind::Migration,
                    cell: None,
                    section: Some(section.clone()),
                    text: format!(
                        "草稿中数据句的数字（{}，原为“{}”）与正文的位置对不上，已改为普通文字，不再随表格更新；请核对这一部分正文中的数字",
                        f.expr, f.value
                    ),
                });
            }
            fits
        });
    }
    report.fields.retain(|_, f| !f.is_empty());
    report.notes.extend(notes);
}

#[cfg(test)]
mod tests;
