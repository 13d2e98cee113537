//! The printed shape of a table: merged header cells, group labels and value cells on one grid.
//!
//! Derived from the row tree and the column paths of the format, so the grid editor and the PDF
//! draw the same form without typing it twice.

use super::{CellIx, Format, Layout, Table};

/// What a printed grid cell shows.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum GridContent {
    /// A label (header, group or row label).
    Label(String),
    /// A value cell of the report.
    Value(CellIx),
}

/// A cell of the printed grid, possibly merged over several rows and columns.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct GridCell {
    /// Top printed row.
    pub row: usize,
    /// Left printed column.
    pub col: usize,
    /// Rows spanned (≥ 1).
    pub row_span: usize,
    /// Columns spanned (≥ 1).
    pub col_span: usize,
    /// What it shows.
    pub content: GridContent,
    /// Whether it belongs to the header (repeated when the table breaks across pages).
    pub header: bool,
}

impl GridCell {
    /// What the cell prints: its label, or its value among `values` (a report's resolved
    /// cells, [`crate::model::Report::resolve`]) as displayed.
    pub fn text(&self, values: &[crate::model::CellValue]) -> String {
        match &self.content {
            GridContent::Label(t) => t.clone(),
            GridContent::Value(ix) => values
                .get(*ix)
                .map(crate::model::CellValue::display)
                .unwrap_or_default(),
        }
    }
}

/// A table laid out as printed.
#[derive(Debug, Clone)]
pub struct PrintedGrid {
    /// Printed columns (label columns + value columns).
    pub columns: usize,
    /// Printed header rows (caption row included, if any).
    pub header_rows: usize,
    /// Printed rows in all (header included).
    pub rows: usize,
    /// Printed columns taken by labels on the left.
    pub label_columns: usize,
    /// Every cell, row by row.
    pub cells: Vec<GridCell>,
}

impl PrintedGrid {
    /// The grid cells that start in printed row `row`.
    pub fn row_cells(&self, row: usize) -> impl Iterator<Item = &GridCell> {
        self.cells.iter().filter(move |c| c.row == row)
    }
}

impl Format {
    /// The printed layout of table `table`.
    pub fn printed_grid(&self, table: &Table) -> PrintedGrid {
        let (value_paths, value_cells): (Vec<Vec<&str>>, Vec<CellIx>) = match table.layout {
            Layout::Rows => table
                .columns
                .iter()
                .enumerate()
                .map(|(ci, c)| {
                    let mut p: Vec<&str> = c.path.iter().map(String::as_str).collect();
                    p.push(&c.label);
                    (p, ci)
                })
                .unzip(),
            Layout::SingleRow => {
                let mut paths = Vec::new();
                let mut cells = Vec::new();
                for (ri, row) in table.rows.iter().enumerate() {
                    for (ci, col) in table.columns.iter().enumerate() {
                        let mut p: Vec<&str> = row
                            .groups
                            .iter()
                            .filter_map(|&g| table.groups.get(g))
                            .map(|g| g.label.as_str())
                            .collect();
                        p.push(&row.label);
                        p.extend(col.path.iter().map(String::as_str));
                        p.push(&col.label);
                        paths.push(p);
                        cells.push(table.cell(ri, ci));
                    }
                }
                (paths, cells)
            }
        };
        let label_cols = match table.layout {
            Layout::Rows => table.label_columns,
            Layout::SingleRow => 0,
        };
        let columns = label_cols + value_paths.len();
        let mut cells = Vec::new();
        let caption_rows = usize::from(!table.caption.is_empty());
        if caption_rows == 1 {
            cells.push(label(0, 0, 1, columns, &table.caption, true));
        }
        let depth = value_paths.iter().map(Vec::len).max().unwrap_or(1);
        if label_cols > 0 {
            cells.push(label(
                caption_rows,
                0,
                depth,
                label_cols,
                &table.corner,
                true,
            ));
        }
        for level in 0..depth {
            let mut i = 0;
            while let Some(path) = value_paths.get(i) {
                let Some(text) = path.get(level) else {
                    i += 1;
                    continue;
                };
                if level + 1 == path.len() {
                    cells.push(label(
                        caption_rows + level,
                        label_cols + i,
                        depth - level,
                        1,
                        text,
                        true,
                    ));
                    i += 1;
                    continue;
                }
                let prefix = path.get(..=level).unwrap_or(&[]);
                let mut j = i + 1;
                while value_paths.get(j).is_some_and(|p| {
                    p.len() > level + 1 && p.get(..=level).is_some_and(|q| q == prefix)
                }) {
                    j += 1;
                }
                cells.push(label(
                    caption_rows + level,
                    label_cols + i,
                    1,
                    j - i,
                    text,
                    true,
                ));
                i = j;
            }
        }
        let header_rows = caption_rows + depth;
        let body_rows = match table.layout {
            Layout::Rows => {
                for (ri, row) in table.rows.iter().enumerate() {
                    let r = header_rows + ri;
                    for group in &table.groups {
                        if group.first_row == ri && group.depth < label_cols {
                            cells.push(label(
                                r,
                                group.depth,
                                group.row_count.max(1),
                                1,
                                &group.label,
                                false,
                            ));
                        }
                    }
                    let depth = row.groups.len().min(label_cols.saturating_sub(1));
                    if label_cols > 0 {
                        cells.push(label(r, depth, 1, label_cols - depth, &row.label, false));
                    }
                    for (ci, _) in table.columns.iter().enumerate() {
                        cells.push(value(r, label_cols + ci, table.cell(ri, ci)));
                    }
                }
                table.rows.len()
            }
            Layout::SingleRow => {
                for (i, &cell) in value_cells.iter().enumerate() {
                    cells.push(value(header_rows, i, cell));
                }
                1
            }
        };
        PrintedGrid {
            columns,
            header_rows,
            rows: header_rows + body_rows,
            label_columns: label_cols,
            cells,
        }
    }
}

fn label(
    row: usize,
    col: usize,
    row_span: usize,
    col_span: usize,
    text: &str,
    header: bool,
) -> GridCell {
    GridCell {
        row,
        col,
        row_span,
        col_span,
        content: GridContent::Label(text.to_owned()),
        header,
    }
}

fn value(row: usize, col: usize, cell: CellIx) -> GridCell {
    GridCell {
        row,
        col,
        row_span: 1,
        col_span: 1,
        content: GridContent::Value(cell),
        header: false,
    }
}
