//! Measuring a table: column widths, cell text broken to its column, row heights — from the
//! format's printed grid, so the PDF draws the official form without typing it again.

use super::boxes::{Align, TableBox, TableCell};
use super::metrics::FontBook;
use super::typeset::{Setting, set_text, styled};
use crate::io::fonts::FontRole;
use crate::model::format::{GridCell, GridContent, PrintedGrid};

/// Table type sizes to try, largest first: 五号 (10.5 pt) down to 9 pt, never smaller.
pub const SIZES: [f32; 4] = [10.5, 10.0, 9.5, 9.0];
/// Horizontal padding inside a cell.
pub const PAD_X: f32 = 2.5;
/// Vertical padding inside a cell.
pub const PAD_Y: f32 = 3.0;
/// Line height in a cell, in em.
const LEADING: f32 = 1.3;

/// Widths of the printed columns of `grid` in a table `width` wide. `label_width`, if given,
/// fixes the total width of the label columns (the sub-tables of 二 share it, so they print as
/// one form).
pub fn column_widths(
    grid: &PrintedGrid,
    width: f32,
    size: f32,
    label_width: Option<f32>,
) -> Vec<f32> {
    let labels = grid.label_columns.min(grid.columns);
    let values = grid.columns - labels;
    if labels == 0 {
        return vec![width / grid.columns.max(1) as f32; grid.columns];
    }
    let pad = 2.0 * PAD_X;
    // Group-label columns (all label columns but the last): wide enough that each group label,
    // one line per spanned row, fits; 2 to 6 characters, and at least 4 below the outermost
    // level so that "（三）" sits over "不予公开".
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
    widths
}

/// The largest size of [`SIZES`] at which every value column holds two ideographs and its widest
/// value (9 pt if none does).
pub fn table_size(
    book: &FontBook,
    grid: &PrintedGrid,
    width: f32,
    text: &dyn Fn(&GridCell) -> String,
) -> f32 {
    for size in SIZES {
        let widths = column_widths(grid, width, size, None);
        let fits = grid.cells.iter().all(|c| {
            let inner = cell_width(&widths, c) - 2.0 * PAD_X;
            match c.content {
                GridContent::Value(_) => book.width(FontRole::Body, &text(c), size) <= inner,
                GridContent::Label(_) => 2.0 * size <= inner,
            }
        });
        if fits {
            return size;
        }
    }
    SIZES.last().copied().unwrap_or(9.0)
}

fn cell_width(widths: &[f32], c: &GridCell) -> f32 {
    widths
        .get(c.col..c.col + c.col_span)
        .map_or(0.0, |w| w.iter().sum())
}

/// Measures `grid`: each cell's text (`text`) broken to its width, rows as high as their
/// tallest cell (merged cells stretch their last row).
pub fn layout_table(
    book: &FontBook,
    grid: &PrintedGrid,
    widths: &[f32],
    size: f32,
    text: &dyn Fn(&GridCell) -> String,
) -> TableBox {
    let line_height = size * LEADING;
    let min_row = line_height + 2.0 * PAD_Y;
    let mut col_x = vec![0.0];
    let mut x = 0.0;
    for w in widths {
        x += w;
        col_x.push(x);
    }
    let cells: Vec<TableCell> = grid
        .cells
        .iter()
        .map(|c| {
            let inner = (cell_width(widths, c) - 2.0 * PAD_X).max(size);
            let align = match c.content {
                GridContent::Value(_) => Align::Center,
                GridContent::Label(_) if c.header || c.row_span > 1 => Align::Center,
                GridContent::Label(_) if c.col + c.col_span < grid.label_columns => Align::Center,
                GridContent::Label(_) => Align::Left,
            };
            let setting = Setting {
                size,
                first_width: inner,
                indent: 0.0,
                width: inner,
                line_height,
                justify: false,
            };
            let content = text(c);
            // A group label's ordinal goes on its own line: "（三）" over "不予公开".
            let split = match c.content {
                GridContent::Label(_) if !c.header && c.row_span > 1 => ordinal_prefix(&content),
                _ => None,
            };
            let lines = match split.and_then(|at| Some((content.get(..at)?, content.get(at..)?))) {
                Some((ordinal, name)) => {
                    let mut lines = set_text(book, &styled(ordinal, FontRole::Body), &setting);
                    lines.extend(set_text(book, &styled(name, FontRole::Body), &setting));
                    lines
                }
                None => set_text(book, &styled(&content, FontRole::Body), &setting),
            };
            TableCell {
                row: c.row,
                col: c.col,
                row_span: c.row_span.max(1),
                col_span: c.col_span.max(1),
                lines,
                align,
            }
        })
        .collect();
    let mut row_h = vec![min_row; grid.rows];
    let need = |c: &TableCell| c.lines.len() as f32 * line_height + 2.0 * PAD_Y;
    for c in cells.iter().filter(|c| c.row_span == 1) {
        if let Some(h) = row_h.get_mut(c.row) {
            *h = h.max(need(c));
        }
    }
    for c in cells.iter().filter(|c| c.row_span > 1) {
        let have: f32 = row_h
            .get(c.row..c.row + c.row_span)
            .map_or(0.0, |r| r.iter().sum());
        let missing = need(c) - have;
        if missing > 0.0
            && let Some(h) = row_h.get_mut(c.row + c.row_span - 1)
        {
            *h += missing;
        }
    }
    TableBox {
        col_x,
        row_h,
        header_rows: grid.header_rows,
        cells,
        pad_x: PAD_X,
    }
}

/// Byte length of a leading ordinal ("（三）", "三、"), if the label has one and more after it.
fn ordinal_prefix(label: &str) -> Option<usize> {
    crate::model::numerals::split_ordinal(label)
        .filter(|o| !o.rest.is_empty() && !o.written.ends_with(['.', '．']))
        .map(|o| o.written.len())
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::model::format;

    fn label_text(c: &GridCell) -> String {
        match &c.content {
            GridContent::Label(t) => t.clone(),
            GridContent::Value(_) => "888".into(),
        }
    }

    #[test]
    fn table_four_fits_fifteen_columns_in_the_text_block_at_nine_points_or_more() {
        let book = FontBook::bundled().unwrap();
        let f = format::by_id("gb2021").unwrap();
        let grid = f.printed_grid(f.table("t4").unwrap());
        let width = 442.0;
        let size = table_size(&book, &grid, width, &label_text);
        assert!(size >= 9.0);
        let widths = column_widths(&grid, width, size, None);
        assert_eq!(widths.len(), 15);
        assert!((widths.iter().sum::<f32>() - width).abs() < 0.1);
        let t = layout_table(&book, &grid, &widths, size, &label_text);
        assert_eq!(t.header_rows, 3);
        for c in &t.cells {
            let w = t.col_x[c.col + c.col_span] - t.col_x[c.col] - 2.0 * PAD_X;
            for line in &c.lines {
                assert!(line.width <= w + 0.01, "{} in {w}", line.text());
            }
        }
    }

    #[test]
    fn table_three_rows_hold_their_text_and_group_labels_fit_their_span() {
        let book = FontBook::bundled().unwrap();
        let f = format::by_id("gb2021").unwrap();
        let grid = f.printed_grid(f.table("t3").unwrap());
        let widths = column_widths(&grid, 442.0, 10.5, None);
        assert!((widths.iter().sum::<f32>() - 442.0).abs() < 0.1);
        // The row-label column is the widest.
        assert!(widths[2] > widths[3] * 2.0, "{widths:?}");
        let t = layout_table(&book, &grid, &widths, 10.5, &label_text);
        for c in &t.cells {
            let h = t.height_of(c.row..c.row + c.row_span);
            assert!(
                c.lines.len() as f32 * 10.5 * LEADING <= h,
                "{:?}",
                c.lines.first().map(|l| l.text())
            );
        }
        assert!(!t.break_ok(t.header_rows + 3), "inside 三、本年度办理结果");
        assert!(t.break_ok(t.header_rows + 1));
    }

    #[test]
    fn group_ordinals_are_found() {
        assert_eq!(ordinal_prefix("（三）不予公开"), Some("（三）".len()));
        assert_eq!(ordinal_prefix("三、本年度办理结果"), Some("三、".len()));
        assert_eq!(ordinal_prefix("行政诉讼"), None);
        assert_eq!(ordinal_prefix("（三）"), None);
    }

    #[test]
    fn sub_tables_of_two_share_the_label_width() {
        let f = format::by_id("gb2021").unwrap();
        let a = column_widths(
            &f.printed_grid(f.table("t2_art20_1").unwrap()),
            442.0,
            10.5,
            Some(110.0),
        );
        let b = column_widths(
            &f.printed_grid(f.table("t2_art20_5").unwrap()),
            442.0,
            10.5,
            Some(110.0),
        );
        assert_eq!(a[0], b[0]);
        assert!((a.iter().sum::<f32>() - b.iter().sum::<f32>()).abs() < 0.01);
    }
}
