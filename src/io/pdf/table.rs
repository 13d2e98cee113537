//! Measuring a table: column widths, cell text broken to its column, row heights — from the
//! format's printed grid, so the PDF draws the official form without typing it again.

use super::boxes::{Align, TableBox, TableCell, TextLine};
use super::metrics::FontBook;
use super::typeset::{Setting, set_text, styled};
use crate::io::fonts::FontRole;
use crate::io::page::{PAD_X, column_widths, group_label_lines};
use crate::model::format::{GridCell, GridContent, PrintedGrid};

/// Table type sizes to try, largest first: 五号 (10.5 pt) down to 9 pt, never smaller.
pub(super) const SIZES: [f32; 4] = [10.5, 10.0, 9.5, 9.0];
/// Vertical padding inside a cell.
pub(super) const PAD_Y: f32 = 3.0;
/// Line height in a cell, in em.
const LEADING: f32 = 1.3;

/// Whether a value cell's text is a figure ("25", "1621624.23", "-2", "/"): set on one line,
/// never broken. Text a clerk typed instead of a number (“见附件”) wraps like any text.
pub(super) fn is_figure(text: &str) -> bool {
    !text.is_empty() && text.chars().all(|c| c.is_ascii_graphic())
}

/// The width each printed column needs for its widest figure at `size` (cell padding included);
/// 0 for columns without figures of their own (label columns, figures spanning columns).
pub(super) fn figure_widths(
    book: &FontBook,
    grid: &PrintedGrid,
    size: f32,
    text: &dyn Fn(&GridCell) -> String,
) -> Vec<f32> {
    let mut needs = vec![0.0_f32; grid.columns];
    for c in grid.cells.iter().filter(|c| c.col_span == 1) {
        if let GridContent::Value(_) = c.content {
            let t = text(c);
            if is_figure(&t)
                && let Some(need) = needs.get_mut(c.col)
            {
                *need = need.max(book.width(FontRole::Body, &t, size) + 2.0 * PAD_X);
            }
        }
    }
    needs
}

/// The largest size of [`SIZES`] at which every value column, widened for its figures, holds
/// two ideographs and its widest value (9 pt if none does).
pub(super) fn table_size(
    book: &FontBook,
    grid: &PrintedGrid,
    width: f32,
    label_width: Option<f32>,
    text: &dyn Fn(&GridCell) -> String,
) -> f32 {
    for size in SIZES {
        let needs = figure_widths(book, grid, size, text);
        let widths = column_widths(grid, width, size, label_width, &needs);
        let fits = grid.cells.iter().all(|c| {
            let inner = cell_width(&widths, c) - 2.0 * PAD_X;
            match c.content {
                GridContent::Value(_) => book.width(FontRole::Body, &text(c), size) <= inner + 0.01,
                GridContent::Label(_) => 2.0 * size <= inner + 0.01,
            }
        });
        if fits {
            return size;
        }
    }
    SIZES.last().copied().unwrap_or(9.0)
}

/// Sets a figure on one line in `inner` pt: at the table's `size` if it fits, else smaller down
/// to the 9 pt floor, and below that condensed sideways (never broken over two lines).
fn figure_line(book: &FontBook, text: &str, size: f32, inner: f32, line_height: f32) -> TextLine {
    let floor = SIZES.last().copied().unwrap_or(9.0);
    let natural = book.width(FontRole::Body, text, size);
    let fitted = if natural > inner && natural > 0.0 {
        (size * inner / natural).max(floor.min(size))
    } else {
        size
    };
    let setting = Setting {
        size: fitted,
        first_width: f32::INFINITY,
        indent: 0.0,
        width: f32::INFINITY,
        line_height,
        justify: false,
    };
    let mut line = set_text(book, &styled(text, FontRole::Body), &setting)
        .into_iter()
        .next()
        .unwrap_or_default();
    line.height = line_height;
    if line.width > inner && line.width > 0.0 && inner > 0.0 {
        line.condense(inner / line.width);
    }
    line
}

fn cell_width(widths: &[f32], c: &GridCell) -> f32 {
    widths
        .get(c.col..c.col + c.col_span)
        .map_or(0.0, |w| w.iter().sum())
}

/// Measures `grid`: each cell's text (`text`) broken to its width, rows as high as their
/// tallest cell (merged cells stretch their last row).
pub(super) fn layout_table(
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
            if matches!(c.content, GridContent::Value(_)) && is_figure(&content) {
                return TableCell {
                    row: c.row,
                    col: c.col,
                    row_span: c.row_span.max(1),
                    col_span: c.col_span.max(1),
                    lines: vec![figure_line(
                        book,
                        &content,
                        size,
                        cell_width(widths, c) - 2.0 * PAD_X,
                        line_height,
                    )],
                    align,
                };
            }
            // A group label or a header breaks only between words, a group label's ordinal on
            // a line of its own: "（三）" over "不予公开", 三、|本|年度|办理|结果, 商业|企业.
            let lines = match c.content {
                GridContent::Label(_) if c.header || c.row_span > 1 => {
                    #[allow(clippy::cast_possible_truncation, clippy::cast_sign_loss)]
                    let per_line = (inner / size + 0.01).floor().max(1.0) as usize;
                    group_label_lines(&content, per_line)
                        .iter()
                        .flat_map(|line| set_text(book, &styled(line, FontRole::Body), &setting))
                        .collect()
                }
                _ => set_text(book, &styled(&content, FontRole::Body), &setting),
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
        let book = FontBook::bundled();
        let f = format::by_id("gb2021").unwrap();
        let grid = f.printed_grid(f.table("t4").unwrap());
        let width = 442.0;
        let size = table_size(&book, &grid, width, None, &label_text);
        assert!(size >= 9.0);
        let needs = figure_widths(&book, &grid, size, &label_text);
        let widths = column_widths(&grid, width, size, None, &needs);
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
        let book = FontBook::bundled();
        let f = format::by_id("gb2021").unwrap();
        let grid = f.printed_grid(f.table("t3").unwrap());
        let widths = column_widths(&grid, 442.0, 10.5, None, &[]);
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
        assert!(
            t.crossing(t.header_rows + 3).next().is_some(),
            "inside 三、本年度办理结果"
        );
        assert!(t.crossing(t.header_rows + 1).next().is_none());
    }

    /// Every value as `figure`, totals as `total`.
    fn figures<'a>(
        grid: &'a PrintedGrid,
        figure: &'a str,
        total: &'a str,
    ) -> impl Fn(&GridCell) -> String + 'a {
        move |c: &GridCell| match &c.content {
            GridContent::Label(t) => t.clone(),
            GridContent::Value(_) if c.col + 1 == grid.columns => total.to_owned(),
            GridContent::Value(_) => figure.to_owned(),
        }
    }

    /// Lays `table` out as the composer does and checks that every figure is one line inside
    /// its cell, at 9 pt or more; returns the table size and the column widths.
    fn assert_figures_fit(table: &str, figure: &str, total: &str) -> (f32, Vec<f32>) {
        let book = FontBook::bundled();
        let f = format::by_id("gb2021").unwrap();
        let grid = f.printed_grid(f.table(table).unwrap());
        let text = figures(&grid, figure, total);
        let size = table_size(&book, &grid, 442.0, None, &text);
        let needs = figure_widths(&book, &grid, size, &text);
        let widths = column_widths(&grid, 442.0, size, None, &needs);
        assert!(
            (widths.iter().sum::<f32>() - 442.0).abs() < 0.1,
            "{widths:?}"
        );
        let t = layout_table(&book, &grid, &widths, size, &text);
        for c in t.cells.iter().filter(|c| c.row >= t.header_rows) {
            let inner = t.col_x[c.col + c.col_span] - t.col_x[c.col] - 2.0 * PAD_X;
            let text: String = c.lines.iter().map(TextLine::text).collect();
            if !is_figure(&text) {
                continue;
            }
            assert_eq!(c.lines.len(), 1, "{text} broken in {inner} pt");
            let line = &c.lines[0];
            assert!(
                line.width <= inner + 0.01,
                "{text}: {} > {inner}",
                line.width
            );
            assert!(line.glyphs.iter().all(|g| g.size >= 9.0), "{text}");
        }
        (size, widths)
    }

    #[test]
    fn six_digit_figures_and_seven_digit_totals_of_table_three_stay_whole() {
        let (size, widths) = assert_figures_fit("t3", "999999", "5999994");
        // The total column was widened for its figure, the row labels gave the room.
        assert!(widths[widths.len() - 1] > widths[3], "{widths:?}");
        assert!(size >= 9.0);
    }

    #[test]
    fn figures_too_wide_even_at_nine_points_are_condensed_not_broken() {
        // (七)总计 of a report of 999999s: eight and nine digits in every column.
        let (size, _) = assert_figures_fit("t3", "19999980", "119999880");
        assert_eq!(size, 9.0);
        // Table 四: six digits in twelve columns, seven in the three totals.
        assert_figures_fit("t4", "999999", "3999996");
    }

    #[test]
    fn ordinary_figures_leave_the_columns_as_they_were() {
        let book = FontBook::bundled();
        let f = format::by_id("gb2021").unwrap();
        let grid = f.printed_grid(f.table("t3").unwrap());
        let text = figures(&grid, "25", "125");
        let needs = figure_widths(&book, &grid, 10.5, &text);
        assert_eq!(
            column_widths(&grid, 442.0, 10.5, None, &needs),
            column_widths(&grid, 442.0, 10.5, None, &[])
        );
        assert_eq!(table_size(&book, &grid, 442.0, None, &text), 10.5);
    }

    #[test]
    fn a_figure_is_one_word_and_text_is_not() {
        assert!(is_figure("1621624.23"));
        assert!(is_figure("-2"));
        assert!(is_figure("/"));
        assert!(!is_figure(""));
        assert!(!is_figure("见附件"));
        assert!(!is_figure("12 34"));
    }
}
