//! The page the three exports share (PDF, Word, web page): the A4 page and margins of GB/T 9704
//! with its 28 × 22 character grid, the paragraph model of prose (body text and "（一）…" level-2
//! headings), and the widths of a printed table's columns. The PDF measures and draws on it,
//! the Word document writes it as page setup and table grid, the web page reads the paragraphs.

use crate::model::format::{GridContent, PrintedGrid};

/// Points per millimetre.
pub const MM: f32 = 72.0 / 25.4;
/// A4 width.
pub const PAGE_W: f32 = 210.0 * MM;
/// A4 height.
pub const PAGE_H: f32 = 297.0 * MM;
/// 天头: top margin.
pub const TOP: f32 = 37.0 * MM;
/// 订口: left margin.
pub const LEFT: f32 = 28.0 * MM;
/// 版心 width.
pub const TEXT_W: f32 = 156.0 * MM;
/// 版心 height.
pub const TEXT_H: f32 = 225.0 * MM;
/// Body size: 28 characters fill the 156 mm line exactly (≈ 3号, 16 pt).
pub const BODY: f32 = TEXT_W / 28.0;
/// Line pitch: 22 lines fill the 225 mm block.
pub const PITCH: f32 = TEXT_H / 22.0;
/// Title size: 2号.
pub const TITLE: f32 = 22.0;

/// Horizontal padding inside a table cell, each side.
pub const PAD_X: f32 = 2.5;
/// The row-label column is never narrowed below this many characters to make room for wide
/// figures.
const LEAF_MIN_CHARS: f32 = 6.0;

/// One paragraph of prose: what it says and how it is set.
#[derive(Debug, Clone, PartialEq)]
pub enum Para {
    /// Body text (仿宋), indented two characters.
    Body(String),
    /// A "（一）…" line: the heading part in 楷体 (up to its first 。), the rest body.
    SubHeading(String, String),
}

/// Splits prose into paragraphs: each non-empty line is one; a line that starts with "（一）"…
/// "（十）" is a level-2 heading ("1." and "（1）" stay body text).
pub fn paragraphs(prose: &str) -> Vec<Para> {
    prose
        .lines()
        .map(str::trim)
        .filter(|l| !l.is_empty())
        .map(|line| {
            if is_sub_heading(line) {
                match line.find('。') {
                    Some(i) if i + '。'.len_utf8() < line.len() => {
                        let (head, rest) = line.split_at(i + '。'.len_utf8());
                        Para::SubHeading(head.to_owned(), rest.to_owned())
                    }
                    _ => Para::SubHeading(line.to_owned(), String::new()),
                }
            } else {
                Para::Body(line.to_owned())
            }
        })
        .collect()
}

fn is_sub_heading(line: &str) -> bool {
    crate::model::numerals::split_ordinal(line)
        .is_some_and(|o| o.style == crate::model::numerals::OrdinalStyle::Parenthesised)
}

/// Whether `c` is a CJK ideograph (the official labels' characters; a label with anything else
/// in its name is left to the export's own line breaking).
fn is_ideograph(c: char) -> bool {
    ('\u{4e00}'..='\u{9fff}').contains(&c)
}

/// Byte length of a group label's leading ordinal ("（三）", "三、") when more follows it.
fn ordinal_len(label: &str) -> Option<usize> {
    crate::model::numerals::split_ordinal(label)
        .filter(|o| !o.rest.is_empty() && !o.written.ends_with(['.', '．']))
        .map(|o| o.written.len())
}

/// The words of a group label's name, for breaking it in a narrow column: two characters each,
/// counted from the end, an odd first character joining the first word ("本年度办理结果" →
/// 本年度 办理 结果; "不予公开" → 不予 公开), as the official labels are built. `None` when the
/// name holds anything but ideographs.
fn name_words(name: &str) -> Option<Vec<String>> {
    let chars: Vec<char> = name.chars().collect();
    if chars.is_empty() || !chars.iter().all(|&c| is_ideograph(c)) {
        return None;
    }
    let first = if chars.len() % 2 == 1 && chars.len() > 1 {
        3
    } else {
        2
    }
    .min(chars.len());
    let (head, rest) = chars.split_at(first);
    let mut words = vec![head.iter().collect::<String>()];
    words.extend(rest.chunks(2).map(|w| w.iter().collect::<String>()));
    Some(words)
}

/// The lines of a group label (one spanning rows: "三、本年度办理结果", "（三）不予公开") in a
/// column `per_line` characters wide, broken only between words: the ordinal on a line of its
/// own, then the name's words (see [`name_words`]), as many to a line as fit; a word wider than
/// the column is cut from its end ("本|年度"). A name that is not all ideographs is one line,
/// which the export wraps as it wraps any text. The PDF sets the headers by it too (商业|企业, as
/// the Word table's `pair_indent` narrows them).
pub fn group_label_lines(label: &str, per_line: usize) -> Vec<String> {
    let at = ordinal_len(label).unwrap_or(0);
    let (ordinal, name) = match (label.get(..at), label.get(at..)) {
        (Some(o), Some(n)) => (o, n),
        _ => ("", label),
    };
    let mut lines: Vec<String> = Vec::new();
    if !ordinal.is_empty() {
        lines.push(ordinal.to_owned());
    }
    let Some(words) = name_words(name) else {
        if !name.is_empty() {
            lines.push(name.to_owned());
        }
        return lines;
    };
    let per_line = per_line.max(1);
    let mut line = String::new();
    for word in words {
        let n = word.chars().count();
        if n > per_line {
            if !line.is_empty() {
                lines.push(std::mem::take(&mut line));
            }
            let chars: Vec<char> = word.chars().collect();
            let cut = n % per_line;
            if cut > 0 {
                lines.push(chars.iter().take(cut).collect());
            }
            let tail = chars.get(cut..).unwrap_or_default();
            lines.extend(tail.chunks(per_line).map(|c| c.iter().collect::<String>()));
            continue;
        }
        if line.chars().count() + n > per_line {
            lines.push(std::mem::take(&mut line));
        }
        line.push_str(&word);
    }
    if !line.is_empty() {
        lines.push(line);
    }
    lines
}

/// The label width the tables of one section share when there are several (the sub-tables of
/// 二), so they print as one form: the text width shared evenly by the widest table's value
/// columns and one more for the labels.
pub fn shared_label_width(grids: &[PrintedGrid]) -> Option<f32> {
    (grids.len() > 1).then(|| {
        let most = grids
            .iter()
            .map(|g| g.columns - g.label_columns)
            .max()
            .unwrap_or(1);
        #[allow(clippy::cast_precision_loss)]
        let columns = (most + 1) as f32;
        TEXT_W / columns
    })
}

/// Widths of the printed columns of `grid` in a table `width` wide. `label_width`, if given,
/// fixes the total width of the label columns (the sub-tables of 二 share it, so they print as
/// one form). `needs` (from `pdf::table::figure_widths`) widens a value column whose widest figure does not
/// fit, taking the room from the row-label column (down to six characters) and then from the
/// other value columns (down to two characters or their own figures); the table never gets
/// wider than `width`.
pub fn column_widths(
    grid: &PrintedGrid,
    width: f32,
    size: f32,
    label_width: Option<f32>,
    needs: &[f32],
) -> Vec<f32> {
    let labels = grid.label_columns.min(grid.columns);
    let values = grid.columns - labels;
    let pad = 2.0 * PAD_X;
    if labels == 0 {
        let mut widths = vec![width / grid.columns.max(1) as f32; grid.columns];
        widen(&mut widths, needs, 0, None, 2.0 * size + pad);
        return widths;
    }
    // Group-label columns (all label columns but the last): wide enough that each group label,
    // one line per spanned row, fits; 2 to 6 characters, and at least 4 below the outermost
    // level so that "（三）" sits over "不予公开". A narrow one breaks its label between words
    // (`group_label_lines`): a wider outermost column would cost the row labels a character
    // and 表三 a dozen two-line rows.
    let mut widths = vec![0.0; grid.columns];
    for col in 0..labels - 1 {
        let chars = grid
            .cells
            .iter()
            .filter(|c| c.col == col && c.col_span == 1 && !c.header)
            .filter_map(|c| match &c.content {
                GridContent::Label(t) => Some(t.chars().count().div_ceil(c.row_span.max(1))),
                GridContent::Value(_) => None,
            })
            .max()
            .unwrap_or(2)
            .clamp(if col == 0 { 2 } else { 4 }, 6);
        if let Some(w) = widths.get_mut(col) {
            *w = chars as f32 * size + pad;
        }
    }
    let groups: f32 = widths.iter().sum();
    let (leaf, value) = match label_width {
        Some(lw) => (lw - groups, (width - lw) / values.max(1) as f32),
        None => {
            let rest = width - groups;
            let value = 3.0 * size + pad;
            let leaf = rest - values as f32 * value;
            if leaf > rest / 2.0 || leaf < 0.0 {
                let even = rest / (values + 1) as f32;
                (even, even)
            } else {
                (leaf, value)
            }
        }
    };
    if let Some(w) = widths.get_mut(labels - 1) {
        *w = leaf;
    }
    for w in widths.iter_mut().skip(labels) {
        *w = value;
    }
    // The row-label column gives room only where the label width is not shared.
    let leaf_donor = label_width
        .is_none()
        .then(|| (labels - 1, LEAF_MIN_CHARS * size + pad));
    let mut value_needs = needs.to_vec();
    for n in value_needs.iter_mut().take(labels) {
        *n = 0.0;
    }
    widen(
        &mut widths,
        &value_needs,
        labels,
        leaf_donor,
        2.0 * size + pad,
    );
    widths
}

/// Widens the value columns (from `first_value` on) whose `needs` exceed their width, taking the
/// room first from `leaf` (column, floor) and then from the value columns with no need of it
/// (down to `floor` or their own need). If there is not room enough, each needy column gets the
/// same share of what there is.
fn widen(
    widths: &mut [f32],
    needs: &[f32],
    first_value: usize,
    leaf: Option<(usize, f32)>,
    floor: f32,
) {
    let need = |c: usize| needs.get(c).copied().unwrap_or(0.0);
    let deficit: f32 = (0..widths.len())
        .map(|c| (need(c) - widths.get(c).copied().unwrap_or(0.0)).max(0.0))
        .sum();
    if deficit <= 0.0 {
        return;
    }
    let spare_of = |c: usize, w: f32| match leaf {
        Some((l, leaf_floor)) if l == c => (w - leaf_floor).max(0.0),
        _ if c < first_value || need(c) > w => 0.0,
        _ => (w - floor.max(need(c))).max(0.0),
    };
    let leaf_spare = leaf.map_or(0.0, |(l, _)| widths.get(l).map_or(0.0, |&w| spare_of(l, w)));
    let others: f32 = widths
        .iter()
        .enumerate()
        .filter(|(c, _)| leaf.is_none_or(|(l, _)| l != *c))
        .map(|(c, &w)| spare_of(c, w))
        .sum();
    let from_leaf = deficit.min(leaf_spare);
    let from_others = (deficit - from_leaf).min(others);
    let share = (from_leaf + from_others) / deficit;
    let before: Vec<f32> = widths.to_vec();
    for (c, w) in widths.iter_mut().enumerate() {
        let old = before.get(c).copied().unwrap_or(0.0);
        if need(c) > old {
            *w = old + (need(c) - old) * share;
        } else if leaf.is_some_and(|(l, _)| l == c) {
            *w = old - from_leaf;
        } else if others > 0.0 {
            *w = old - spare_of(c, old) * from_others / others;
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::model::format;

    #[test]
    fn body_is_28_characters_by_22_lines() {
        assert!((BODY * 28.0 - TEXT_W).abs() < 0.01);
        assert!((BODY - 16.0).abs() < 0.5, "{BODY}");
        assert!((PITCH * 22.0 - TEXT_H).abs() < 0.01);
    }

    #[test]
    fn prose_splits_into_paragraphs_and_level_two_headings() {
        let p = paragraphs(
            "总体。\n\n（一）主动公开\n全年公开。\n（二）依申请公开。全年收到申请。\n1.第一点\n（1）小点\n（十）其他",
        );
        assert_eq!(
            p,
            [
                Para::Body("总体。".into()),
                Para::SubHeading("（一）主动公开".into(), String::new()),
                Para::Body("全年公开。".into()),
                Para::SubHeading("（二）依申请公开。".into(), "全年收到申请。".into()),
                Para::Body("1.第一点".into()),
                Para::Body("（1）小点".into()),
                Para::SubHeading("（十）其他".into(), String::new()),
            ]
        );
    }

    #[test]
    fn several_tables_of_a_section_share_a_label_width_one_table_keeps_its_own() {
        let f = format::by_id("gb2021").unwrap();
        let grids: Vec<PrintedGrid> = ["t2_art20_1", "t2_art20_5", "t2_art20_6", "t2_art20_8"]
            .into_iter()
            .map(|id| f.printed_grid(f.table(id).unwrap()))
            .collect();
        let most = grids
            .iter()
            .map(|g| g.columns - g.label_columns)
            .max()
            .unwrap();
        assert!(most > 1, "{most}");
        let shared = shared_label_width(&grids).unwrap();
        assert!(
            (shared * (most + 1) as f32 - TEXT_W).abs() < 0.01,
            "{shared}"
        );
        assert_eq!(shared_label_width(&grids[..1]), None);
        assert_eq!(shared_label_width(&[]), None);
    }

    #[test]
    fn group_labels_break_only_between_words() {
        assert_eq!(
            group_label_lines("三、本年度办理结果", 3),
            ["三、", "本年度", "办理", "结果"]
        );
        assert_eq!(
            group_label_lines("三、本年度办理结果", 2),
            ["三、", "本", "年度", "办理", "结果"]
        );
        assert_eq!(
            group_label_lines("三、本年度办理结果", 5),
            ["三、", "本年度办理", "结果"]
        );
        assert_eq!(
            group_label_lines("（三）不予公开", 4),
            ["（三）", "不予公开"]
        );
        assert_eq!(
            group_label_lines("（六）其他处理", 2),
            ["（六）", "其他", "处理"]
        );
        assert_eq!(group_label_lines("行政诉讼", 2), ["行政", "诉讼"]);
        // Not all ideographs: left whole to the export's line breaking.
        assert_eq!(group_label_lines("（七）总计2", 2), ["（七）", "总计2"]);
        assert_eq!(group_label_lines("（三）", 2), ["（三）"]);
        assert_eq!(group_label_lines("三、本年度办理结果", 0).len(), 8);
    }

    #[test]
    fn the_outer_label_of_table_three_breaks_between_its_words() {
        for id in ["gb2021", "gb2019"] {
            let f = format::by_id(id).unwrap();
            let grid = f.printed_grid(f.table("t3").unwrap());
            let w = column_widths(&grid, TEXT_W, 10.5, None, &[]);
            let chars = ((w[0] - 2.0 * PAD_X) / 10.5 + 0.01).floor() as usize;
            assert_eq!(chars, 2, "{id}: {w:?}");
            let outer = grid
                .cells
                .iter()
                .find(|c| c.col == 0 && c.row_span > 10 && !c.header)
                .unwrap();
            let GridContent::Label(label) = &outer.content else {
                panic!("{id}: {outer:?}")
            };
            assert_eq!(
                group_label_lines(label, chars),
                ["三、", "本", "年度", "办理", "结果"],
                "{id}"
            );
        }
    }

    #[test]
    fn sub_tables_of_two_share_the_label_width() {
        let f = format::by_id("gb2021").unwrap();
        let a = column_widths(
            &f.printed_grid(f.table("t2_art20_1").unwrap()),
            442.0,
            10.5,
            Some(110.0),
            &[],
        );
        let b = column_widths(
            &f.printed_grid(f.table("t2_art20_5").unwrap()),
            442.0,
            10.5,
            Some(110.0),
            &[],
        );
        assert_eq!(a[0], b[0]);
        assert!((a.iter().sum::<f32>() - b.iter().sum::<f32>()).abs() < 0.01);
    }
}
