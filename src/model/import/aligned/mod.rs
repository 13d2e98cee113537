//! Tables printed without ruling lines: rows of text pieces placed by position, as
//! `pdftotext -layout` writes them (`规章   1   0   11`), as a viewer copies a table
//! (`规章 1 0 11`, labels broken over lines), and as a PDF table without borders draws them.
//!
//! Each line is cut into fragments (label pieces, then the figures at its right end). Label
//! pieces are stacked into labels down the page where they overlap and the format's labels say
//! the joined text is (the start of) a label: `2.其他法律行政法规禁` over `止公开`, `三、` `本年`
//! `度办` `理结` `果` down a merged cell. A label belongs to the line of figures it spans (figures
//! are centred or top-aligned in their cell); a label spanning no figures is a header or a
//! caption. Missing figures (blank cells) are placed by the columns of a fuller row nearby.

mod stack;

use super::tables::is_value;
use super::{Block, Known};
use crate::model::lexicon;
use stack::{Stack, stack_labels};

/// A piece of a line, with its horizontal extent.
#[derive(Debug, Clone, PartialEq)]
pub struct Fragment {
    /// Left edge (text columns or points).
    pub x0: f64,
    /// Right edge.
    pub x1: f64,
    /// The text.
    pub text: String,
}

/// A line of fragments, left to right.
#[derive(Debug, Clone, Default, PartialEq)]
pub struct Line {
    /// The pieces.
    pub fragments: Vec<Fragment>,
    /// Where the line lies down the page (its number in text, its baseline in a PDF).
    pub y: f64,
}

/// The sizes the layout works with, in the lines' units.
#[derive(Debug, Clone, Copy, PartialEq)]
pub struct Units {
    /// How far apart two pieces may be and still overlap.
    pub tolerance: f64,
    /// How far down the page the next piece of a label may lie (a row of figures between them).
    pub window: f64,
}

impl Line {
    /// The line's text, pieces joined by a space.
    pub fn text(&self) -> String {
        let parts: Vec<&str> = self.fragments.iter().map(|f| f.text.as_str()).collect();
        parts.join(" ")
    }

    /// How many fragments at the right end are figures (or blanks marks such as “/”).
    fn value_count(&self) -> usize {
        let n = self
            .fragments
            .iter()
            .rev()
            .take_while(|f| is_value(&f.text))
            .count();
        // A line of one figure only is a figure; a line that is all "labels" is not.
        n.min(self.fragments.len())
    }
}

/// A fragment of a label that fits no stack longer than this is not a table label.
const MAX_LABEL_FRAGMENT_CHARS: usize = 40;

/// How many lines away a fuller row may be to place the figures of a row with blanks.
const REFERENCE_WINDOW: usize = 12;

/// Whether a line can start an aligned table: it is, or starts with, a table label.
pub fn starts_table(line: &Line, known: &dyn Known) -> bool {
    let whole = line.text();
    known.is_label(&whole)
        || line.fragments.first().is_some_and(|f| {
            known.is_label(&f.text) || (line.value_count() > 0 && known.is_label_start(&f.text))
        })
}

/// Whether a line can be part of an aligned table that has started: a row of figures, a label
/// or the piece of one, or short pieces without a sentence in them.
pub fn continues_table(line: &Line, known: &dyn Known) -> bool {
    let whole = line.text();
    if known.is_heading(&whole) {
        return false;
    }
    if line.value_count() > 0 {
        return true;
    }
    line.fragments.iter().all(|f| {
        let n = f.text.chars().count();
        known.is_label(&f.text)
            || known.is_label_start(&f.text)
            || (n <= MAX_LABEL_FRAGMENT_CHARS && !f.text.contains('。'))
    }) && whole.chars().count() <= 2 * MAX_LABEL_FRAGMENT_CHARS
}

/// What a line holds once its figures are told from its label pieces.
#[derive(Debug, Clone, Default)]
pub(super) struct Split {
    labels: Vec<Fragment>,
    values: Vec<Fragment>,
    y: f64,
}

/// The rows of an aligned table. `positional` says whether positions are real (a PDF,
/// `pdftotext -layout`) or only the order of the pieces (text a viewer copied), and so whether
/// blank cells can be placed. Also returns how many pieces were left out (neither a label nor in
/// a row).
pub fn rows(
    lines: &[Line],
    known: &dyn Known,
    units: Units,
    positional: bool,
) -> (Vec<Block>, usize) {
    let tolerance = units.tolerance;
    let lines = fold_broken_cells(
        merge_single_figures(split_lines(lines)),
        positional,
        tolerance,
    );
    let stacks = stack_labels(&lines, known, units);
    let data: Vec<bool> = lines.iter().map(|l| !l.values.is_empty()).collect();
    // Which data line each stack belongs to (`None`: stands alone).
    let mut attached: Vec<Option<usize>> = Vec::with_capacity(stacks.len());
    for s in &stacks {
        let spanned: Vec<usize> = (s.first..=s.last)
            .filter(|&i| data.get(i) == Some(&true))
            .collect();
        let target = match spanned.as_slice() {
            [one] => Some(*one),
            // A row label just above a line of figures alone (a viewer's copy puts the label's
            // lines first); header words above a table's only row stay headers.
            [] if known.is_row_label(&s.text) => {
                let next = s.last + 1;
                let bare = |i: usize| {
                    data.get(i) == Some(&true) && lines.get(i).is_some_and(|l| l.labels.is_empty())
                };
                bare(next).then_some(next)
            }
            [] => None,

            _ => None,
        };
        attached.push(target);
    }
    let mut out = Vec::new();
    let mut dropped = 0;
    for (i, line) in lines.iter().enumerate() {
        let mut alone: Vec<&Stack> = stacks
            .iter()
            .zip(&attached)
            .filter(|(s, a)| a.is_none() && s.first == i)
            .map(|(s, _)| s)
            .collect();
        alone.sort_by(|a, b| a.x0.total_cmp(&b.x0));
        let labels: Vec<String> = alone
            .iter()
            .filter(|s| known.is_label(&s.text))
            .map(|s| s.text.clone())
            .collect();
        dropped += alone.len() - labels.len();
        if !labels.is_empty() {
            out.push(Block::Row(labels));
        }
        if line.values.is_empty() {
            continue;
        }
        let mut own: Vec<&Stack> = stacks
            .iter()
            .zip(&attached)
            .filter(|(_, a)| **a == Some(i))
            .map(|(s, _)| s)
            .collect();
        own.sort_by(|a, b| a.x0.total_cmp(&b.x0));
        let mut cells: Vec<String> = own.iter().map(|s| s.text.clone()).collect();
        let placed = if positional {
            place_values(&lines, i, tolerance)
        } else {
            None
        };
        match placed {
            Some(values) => cells.extend(values),
            None => cells.extend(line.values.iter().map(|f| f.text.clone())),
        }
        out.push(Block::Row(cells));
    }
    (out, dropped)
}

/// Tells each line's figures (the fragments at its right end) from its label pieces.
fn split_lines(lines: &[Line]) -> Vec<Split> {
    lines
        .iter()
        .map(|line| {
            let n = line.value_count();
            let cut = line.fragments.len() - n;
            let (labels, values) = line.fragments.split_at(cut);
            Split {
                labels: labels.to_vec(),
                values: values.to_vec(),
                y: line.y,
            }
        })
        .collect()
}

/// Text copied one cell per line puts each figure of a row on a line of its own: a run of
/// lines holding one figure and nothing else is one row.
fn merge_single_figures(lines: Vec<Split>) -> Vec<Split> {
    let mut out: Vec<Split> = Vec::with_capacity(lines.len());
    let mut in_run = false;
    for line in lines {
        let single = line.labels.is_empty() && line.values.len() == 1;
        if single
            && in_run
            && let Some(prev) = out.last_mut()
        {
            prev.values.extend(line.values);
            continue;
        }
        in_run = single;
        out.push(line);
    }
    out
}

/// A cell's text broken over lines that straddle its row: a figure on the line above or below
/// the row's line, in a column the row leaves empty, is the row's; a unit alone under a figure
/// is that figure's.
fn fold_broken_cells(lines: Vec<Split>, positional: bool, tolerance: f64) -> Vec<Split> {
    let overlaps = |a: &Fragment, b: &Fragment| a.x1.min(b.x1) - a.x0.max(b.x0) >= -tolerance;
    let disjoint = |values: &[Fragment], others: &[Fragment]| {
        values
            .iter()
            .all(|v| others.iter().all(|o| !overlaps(v, o)))
    };
    let by_x = |values: &mut Vec<Fragment>| values.sort_by(|a, b| a.x0.total_cmp(&b.x0));
    let mut out: Vec<Split> = Vec::with_capacity(lines.len());
    let mut rest = lines.into_iter().peekable();
    while let Some(line) = rest.next() {
        let unit = match (line.labels.as_slice(), line.values.is_empty()) {
            ([only], true) if lexicon::is_figure_unit(&only.text) => Some(only),
            _ => None,
        };
        if let Some(unit) = unit
            && let Some(prev) = out.last_mut()
        {
            let figure = if positional {
                prev.values.iter_mut().rev().find(|v| overlaps(v, unit))
            } else {
                prev.values.last_mut()
            };
            if let Some(figure) = figure {
                figure.text.push_str(&unit.text);
                continue;
            }
        }
        let bare = line.labels.is_empty() && !line.values.is_empty();
        if bare {
            if let Some(prev) = out.last_mut()
                && !prev.labels.is_empty()
                && !prev.values.is_empty()
                && (!positional || disjoint(&line.values, &prev.values))
            {
                prev.values.extend(line.values);
                if positional {
                    by_x(&mut prev.values);
                }
                continue;
            }
            if positional
                && let Some(next) = rest.peek_mut()
                && !next.labels.is_empty()
                && !next.values.is_empty()
                && disjoint(&line.values, &next.values)
            {
                next.values.extend(line.values);
                by_x(&mut next.values);
                continue;
            }
        }
        out.push(line);
    }
    out
}

/// The figures of line `i` in the columns of a fuller row nearby, blanks where it has none;
/// `None` when no fuller row lines up with it.
fn place_values(lines: &[Split], i: usize, tolerance: f64) -> Option<Vec<String>> {
    let line = lines.get(i)?;
    let k = line.values.len();
    let lo = i.saturating_sub(REFERENCE_WINDOW);
    let hi = (i + REFERENCE_WINDOW).min(lines.len().saturating_sub(1));
    let reference = (lo..=hi)
        .filter(|&j| j != i)
        .filter_map(|j| lines.get(j).map(|l| (j, l)))
        .filter(|(_, l)| l.values.len() > k)
        .min_by_key(|(j, _)| (j.abs_diff(i), usize::from(*j > i)))
        .map(|(_, l)| l)?;
    let anchors: Vec<f64> = reference
        .values
        .iter()
        .map(|f| (f.x0 + f.x1) / 2.0)
        .collect();
    let centres: Vec<f64> = line.values.iter().map(|f| (f.x0 + f.x1) / 2.0).collect();
    let picks = assign_in_order(&centres, &anchors)?;
    // Every figure must sit under its column.
    let fits = picks.iter().zip(&line.values).all(|(&a, f)| {
        reference
            .values
            .get(a)
            .is_some_and(|r| f.x1.min(r.x1) - f.x0.max(r.x0) >= -tolerance)
    });
    if !fits {
        return None;
    }
    let mut cells = vec![String::new(); anchors.len()];
    for (&a, f) in picks.iter().zip(&line.values) {
        if let Some(c) = cells.get_mut(a) {
            c.clone_from(&f.text);
        }
    }
    Some(cells)
}

/// Assigns each value (in order) to an anchor (in order, each used once) with the least total
/// distance. `None` if there are more values than anchors.
fn assign_in_order(values: &[f64], anchors: &[f64]) -> Option<Vec<usize>> {
    let (k, n) = (values.len(), anchors.len());
    if k > n {
        return None;
    }
    // cost[v][a]: best total for the first v values with value v-1 at anchor a-1.
    let inf = f64::INFINITY;
    let mut cost = vec![vec![inf; n + 1]; k + 1];
    let mut from = vec![vec![0usize; n + 1]; k + 1];
    if let Some(row) = cost.get_mut(0) {
        row.iter_mut().for_each(|c| *c = 0.0);
    }
    for v in 1..=k {
        let value = values.get(v - 1).copied().unwrap_or(0.0);
        // Best of the previous row before each anchor.
        let mut best = (inf, 0usize);
        for a in 1..=n {
            let prev = cost
                .get(v - 1)
                .and_then(|r| r.get(a - 1))
                .copied()
                .unwrap_or(inf);
            if prev < best.0 {
                best = (prev, a - 1);
            }
            let here = best.0 + (value - anchors.get(a - 1).copied().unwrap_or(0.0)).abs();
            if let (Some(c), Some(f)) = (
                cost.get_mut(v).and_then(|r| r.get_mut(a)),
                from.get_mut(v).and_then(|r| r.get_mut(a)),
            ) {
                *c = here;
                *f = best.1;
            }
        }
    }
    let (mut a, _) = cost
        .get(k)?
        .iter()
        .enumerate()
        .skip(1)
        .min_by(|x, y| x.1.total_cmp(y.1))?;
    let mut picks = vec![0usize; k];
    for v in (1..=k).rev() {
        if let Some(p) = picks.get_mut(v - 1) {
            *p = a - 1;
        }
        a = from.get(v).and_then(|r| r.get(a)).copied().unwrap_or(0);
        if v > 1 && a == 0 {
            return None;
        }
    }
    Some(picks)
}

#[cfg(test)]
mod tests {
    use super::*;

    struct Labels;
    const LABELS: [&str; 10] = [
        "规章",
        "2.其他法律行政法规禁止公开",
        "（三）不予公开",
        "1.属于国家秘密",
        "三、本年度办理结果",
        "商业企业",
        "科研机构",
        "行政复议",
        "结果维持",
        "信息内容",
    ];
    impl Known for Labels {
        fn is_heading(&self, line: &str) -> bool {
            line.starts_with("五、")
        }
        fn is_label(&self, line: &str) -> bool {
            let key = super::super::label_key(line);
            LABELS.iter().any(|l| super::super::label_key(l) == key)
        }
        fn is_label_start(&self, line: &str) -> bool {
            let key = super::super::label_key(line);
            key.chars().count() >= 2
                && LABELS.iter().any(|l| {
                    super::super::label_key(l).starts_with(&key)
                        && super::super::label_key(l) != key
                })
        }
    }

    /// Pieces at the given character columns.
    fn at(pieces: &[(usize, &str)]) -> Line {
        Line {
            y: 0.0,
            fragments: pieces
                .iter()
                .map(|(col, text)| Fragment {
                    x0: *col as f64,
                    x1: (*col + text.chars().count()) as f64,
                    text: (*text).to_owned(),
                })
                .collect(),
        }
    }

    /// Lines numbered down the page, as text gives them.
    fn numbered(mut lines: Vec<Line>) -> Vec<Line> {
        for (i, l) in lines.iter_mut().enumerate() {
            l.y = i as f64;
        }
        lines
    }

    const TEXT: Units = Units {
        tolerance: 1.0,
        window: 3.0,
    };

    fn row(cells: &[&str]) -> Block {
        Block::Row(cells.iter().map(|c| (*c).to_owned()).collect())
    }

    #[test]
    fn labels_wrapped_around_their_figures_and_down_merged_cells() {
        let lines = vec![
            at(&[(5, "信息内容"), (12, "商业企"), (16, "科研机")]),
            at(&[(13, "业"), (17, "构")]),
            at(&[
                (0, "三、"),
                (4, "（三）"),
                (9, "1.属于国家秘密"),
                (28, "0"),
                (33, "1"),
            ]),
            at(&[(0, "本年"), (4, "不予公开")]),
            at(&[(0, "度办"), (9, "2.其他法律行政法规禁")]),
            at(&[(0, "理结"), (28, "4"), (33, "5")]),
            at(&[(0, "果"), (9, "止公开")]),
        ];
        let (blocks, dropped) = rows(&numbered(lines.clone()), &Labels, TEXT, true);
        assert_eq!(
            blocks,
            vec![
                row(&["信息内容", "商业企业", "科研机构"]),
                row(&["三、本年度办理结果"]),
                row(&["（三）不予公开", "1.属于国家秘密", "0", "1"]),
                row(&["2.其他法律行政法规禁止公开", "4", "5"]),
            ]
        );
        assert_eq!(dropped, 0);
    }

    #[test]
    fn blanks_take_the_columns_of_a_fuller_row() {
        let lines = vec![
            at(&[(0, "规章"), (10, "1"), (16, "2"), (22, "3")]),
            at(&[(0, "行政复议"), (16, "7")]),
            at(&[(16, "8")]),
        ];
        let (blocks, _) = rows(&numbered(lines.clone()), &Labels, TEXT, true);
        assert_eq!(
            blocks,
            vec![
                row(&["规章", "1", "2", "3"]),
                row(&["行政复议", "", "7", ""]),
                row(&["", "8", ""])
            ]
        );
        // Without real positions the figures stay in order, and a line of figures alone after
        // a row continues it (a viewer's copy puts each cell on a line).
        let (blocks, _) = rows(&numbered(lines.clone()), &Labels, TEXT, false);
        assert_eq!(
            blocks,
            vec![row(&["规章", "1", "2", "3"]), row(&["行政复议", "7", "8"])]
        );
    }

    #[test]
    fn a_copied_table_one_cell_per_line() {
        let lines = vec![
            at(&[(0, "2.其他法律行政法规禁")]),
            at(&[(0, "止公开")]),
            at(&[(0, "0")]),
            at(&[(0, "0")]),
            at(&[(0, "0")]),
            at(&[(0, "规章"), (3, "1"), (5, "2"), (7, "3")]),
            at(&[(0, "无关的话")]),
        ];
        let (blocks, dropped) = rows(&numbered(lines.clone()), &Labels, TEXT, false);
        assert_eq!(
            blocks,
            vec![
                row(&["2.其他法律行政法规禁止公开", "0", "0", "0"]),
                row(&["规章", "1", "2", "3"]),
            ]
        );
        assert_eq!(dropped, 1);
    }

    #[test]
    fn order_preserving_assignment() {
        assert_eq!(
            assign_in_order(&[5.0, 9.0], &[1.0, 5.0, 9.0]),
            Some(vec![1, 2])
        );
        assert_eq!(
            assign_in_order(&[1.0, 2.0], &[1.0, 5.0, 9.0]),
            Some(vec![0, 1])
        );
        assert_eq!(assign_in_order(&[1.0, 2.0, 3.0], &[1.0, 5.0]), None);
        assert_eq!(assign_in_order(&[], &[1.0]), Some(vec![]));
    }
}
