//! Column widths of a printed table on screen, chosen from the printed grid and the measured
//! text as the PDF chooses them (`io::page::column_widths`), so a new format's tables get
//! sensible columns without a number typed for them.
//!
//! - Group-label columns (all label columns but the last): wide enough that each group label,
//!   broken into one line per spanned row, fits; 2 to 6 ideographs, and at least 4 below the
//!   outermost level so that "（三）" sits over "不予公开".
//! - The row-label column: as wide as the longest row label needs (a label merged over several
//!   label columns only needs what the columns left of it do not give), at most [`MAX_LABEL_EMS`].
//! - Value columns: all as wide as the widest of: 4 ideographs (3 when the table has more than
//!   [`MANY_VALUE_COLUMNS`] of them, as 表四 has), half of its widest header (a header may take
//!   two lines), its widest figure.
//! - The tables of one section with the same number of label columns share their label and value
//!   widths, so the sub-tables of 二 read as one form.

use crate::model::format::{CellIx, GridContent, PrintedGrid};

/// Horizontal padding inside a cell, each side.
pub const PAD: f32 = 4.0;
/// The row-label column never grows beyond this many ideographs (longer labels wrap).
pub const MAX_LABEL_EMS: f32 = 16.0;
/// A table with more value columns than this gets narrower ones.
pub const MANY_VALUE_COLUMNS: usize = 8;

/// How wide text is on screen: one line of a label at the label font, the width of one
/// ideograph, and one line of a figure at the value font.
pub trait Measure {
    /// Width of `text` on one line in the label font.
    fn label(&self, text: &str) -> f32;
    /// Width of one ideograph in the label font.
    fn em(&self) -> f32;
    /// Width of the figure shown in a value cell, in the value font.
    fn figure(&self, cell: CellIx) -> f32;
}

/// Widths of the printed columns of each of a section's `grids`.
pub fn section_widths(grids: &[&PrintedGrid], measure: &dyn Measure) -> Vec<Vec<f32>> {
    let mut widths: Vec<Vec<f32>> = grids.iter().map(|g| column_widths(g, measure)).collect();
    // Share label columns and value width between tables of the same shape.
    for (i, grid) in grids.iter().enumerate() {
        let labels = grid.label_columns.min(grid.columns);
        let same: Vec<usize> = grids
            .iter()
            .enumerate()
            .filter(|(_, g)| g.label_columns.min(g.columns) == labels)
            .map(|(j, _)| j)
            .collect();
        let widest = |col: Option<usize>| {
            same.iter()
                .filter_map(|&j| {
                    let w = widths.get(j)?;
                    match col {
                        Some(c) => w.get(c).copied(),
                        None => w.get(labels..)?.iter().copied().reduce(f32::max),
                    }
                })
                .fold(0.0, f32::max)
        };
        let shared: Vec<f32> = (0..labels).map(|c| widest(Some(c))).collect();
        let value = widest(None);
        if let Some(w) = widths.get_mut(i) {
            for (c, x) in w.iter_mut().enumerate() {
                *x = shared.get(c).copied().unwrap_or(value);
            }
        }
    }
    widths
}

/// Widths of the printed columns of one table.
pub fn column_widths(grid: &PrintedGrid, measure: &dyn Measure) -> Vec<f32> {
    let labels = grid.label_columns.min(grid.columns);
    let em = measure.em();
    let pad = 2.0 * PAD;
    let mut widths = vec![0.0; grid.columns];
    let body_labels = || {
        grid.cells.iter().filter_map(|c| match &c.content {
            GridContent::Label(text) if !c.header => Some((c, text.as_str())),
            _ => None,
        })
    };
    for col in 0..labels.saturating_sub(1) {
        let lines = body_labels()
            .filter(|(c, _)| c.col == col && c.col_span == 1)
            .map(|(c, text)| measure.label(text) / c.row_span.max(1) as f32)
            .fold(0.0, f32::max);
        let least = if col == 0 { 2.0 } else { 4.0 };
        let ems = (lines / em).ceil().clamp(least, 6.0);
        if let Some(w) = widths.get_mut(col) {
            *w = ems * em + pad;
        }
    }
    if let Some(leaf) = labels.checked_sub(1) {
        let left_of = |col: usize| widths.get(col..leaf).map_or(0.0, |w| w.iter().sum::<f32>());
        let needed = body_labels()
            .filter(|(c, _)| c.col + c.col_span == labels)
            .map(|(c, text)| measure.label(text) + pad - left_of(c.col))
            .fold(4.0 * em + pad, f32::max);
        if let Some(w) = widths.get_mut(leaf) {
            *w = needed.min(MAX_LABEL_EMS * em + pad);
        }
    }
    let value = grid
        .cells
        .iter()
        .filter(|c| c.col >= labels)
        .map(|c| match &c.content {
            GridContent::Label(text) if c.col_span == 1 => {
                (measure.label(text) / 2.0 / em).ceil() * em
            }
            GridContent::Label(_) => 0.0,
            GridContent::Value(ix) => measure.figure(*ix),
        })
        .fold(least_value_ems(grid.columns - labels) * em, f32::max)
        + pad;
    for w in widths.iter_mut().skip(labels) {
        *w = value;
    }
    widths
}

/// The narrowest a value column gets, in ideographs: room for a four-character header such as
/// 商业企业 on one line, or for two lines of one when the table has many value columns.
fn least_value_ems(value_columns: usize) -> f32 {
    if value_columns > MANY_VALUE_COLUMNS {
        3.0
    } else {
        4.0
    }
}

/// The width to wrap a label at: the whole cell, unless that leaves one character alone on the
/// last line ("结果维/持"); then lines of even length ("结果/维持").
pub fn wrap_width(text_width: f32, inner: f32, em: f32) -> f32 {
    // egui's own line breaking measures glyph by glyph, rounded to pixels: give it the slack
    // `fits` allows, or "社会公益" in a four-ideograph cell breaks after 社会公.
    let inner = inner + SLACK;
    if fits(text_width, inner) || inner < em {
        return inner;
    }
    let per_line = (inner / em + 0.05).floor() * em;
    let lines = (text_width / per_line - 0.05).ceil();
    let last = text_width - (lines - 1.0) * per_line;
    if last > 1.5 * em {
        return inner;
    }
    ((text_width / lines / em - 0.05).ceil() * em + SLACK).min(inner)
}

/// Measured widths differ by a fraction of a point from what is laid out.
const SLACK: f32 = 1.0;

/// Whether text `width` wide fits in `inner`.
pub fn fits(width: f32, inner: f32) -> bool {
    width <= inner + SLACK
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::model::format;

    /// Every character an ideograph wide (13 points); figures 8 points a digit.
    struct Fixed<'a>(&'a [String]);

    impl Measure for Fixed<'_> {
        fn label(&self, text: &str) -> f32 {
            text.chars().count() as f32 * 13.0
        }
        fn em(&self) -> f32 {
            13.0
        }
        fn figure(&self, cell: CellIx) -> f32 {
            self.0.get(cell).map_or(0.0, |s| s.len() as f32 * 8.0)
        }
    }

    fn grids(section: usize) -> Vec<crate::model::format::PrintedGrid> {
        let f = format::by_id("gb2021").unwrap();
        f.tables
            .iter()
            .filter(|t| t.section == section)
            .map(|t| f.printed_grid(t))
            .collect()
    }

    #[test]
    fn table_three_columns_follow_its_labels() {
        let g = grids(2);
        let w = column_widths(&g[0], &Fixed(&[]));
        // 三、本年度办理结果 over 23 rows: the 2-ideograph floor; （三）不予公开 over 8 rows: 4.
        assert_eq!(&w[..2], &[2.0 * 13.0 + 8.0, 4.0 * 13.0 + 8.0]);
        // The longest row label (37 characters) is capped at 16 ideographs.
        assert_eq!(w[2], 16.0 * 13.0 + 8.0);
        // 社会公益组织 on two lines of 4 ideographs.
        assert!(w[3..].iter().all(|&x| x == 4.0 * 13.0 + 8.0), "{w:?}");
    }

    #[test]
    fn a_wide_figure_widens_every_value_column_of_its_table() {
        let g = grids(2);
        let f = format::by_id("gb2021").unwrap();
        let mut figures = vec![String::new(); f.cells.len()];
        figures[f.cell_index("t3.new.total").unwrap()] = "1234567".into();
        let w = column_widths(&g[0], &Fixed(&figures));
        assert!(w[3..].iter().all(|&x| x == 7.0 * 8.0 + 8.0), "{w:?}");
    }

    #[test]
    fn the_tables_of_section_two_share_their_columns() {
        let g = grids(1);
        let refs: Vec<&PrintedGrid> = g.iter().collect();
        let w = section_widths(&refs, &Fixed(&[]));
        assert_eq!(w.len(), 4);
        // 本年收费金额（单位：万元） on two lines sets every value column of 二.
        let value = 7.0 * 13.0 + 8.0;
        for table in &w {
            assert_eq!(table[0], w[0][0], "one label column");
            assert!(table[1..].iter().all(|&x| x == value), "{table:?}");
        }
    }

    #[test]
    fn table_four_has_no_label_column_and_narrow_value_columns() {
        let g = grids(3);
        let w = column_widths(&g[0], &Fixed(&[]));
        assert_eq!(w.len(), 15);
        // 15 columns: 3 ideographs each, so 结果维持 takes two lines.
        assert!(w.iter().all(|&x| x == 3.0 * 13.0 + 8.0), "{w:?}");
    }

    #[test]
    fn labels_never_leave_one_character_alone() {
        // 结果维持 in a 3-ideograph cell: two lines of 2.
        assert_eq!(wrap_width(52.0, 39.0, 13.0), 27.0);
        // 社会公益组织 in a 4-ideograph cell: 4 then 2.
        assert_eq!(wrap_width(78.0, 52.0, 13.0), 53.0);
        assert_eq!(wrap_width(30.0, 39.0, 13.0), 40.0);
        let rounding = wrap_width(52.8, 52.0, 13.0);
        assert_eq!(rounding, 53.0, "a rounding error still fits");
    }
}
