//! Where the clerk is: the part of the report on screen ([`Part`]), the printed layout of every
//! section's tables ([`Layouts`]), and keyboard navigation over the value cells of one section
//! ([`Nav`]: the tables of the section stacked, each printed row a navigation row).

use crate::model::format::{CellIx, Format, GridContent, PrintedGrid};

/// A part of the report, as listed on the left.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub enum Part {
    /// 报告信息与落款.
    Meta,
    /// A numbered section (index into the format's sections).
    Section(usize),
    /// 提示: import, migration and rollover notes.
    Notes,
}

/// One table of a section as printed.
#[derive(Debug, Clone)]
pub struct TableLayout {
    /// Index of the table in the format.
    pub table: usize,
    /// Its printed grid.
    pub grid: PrintedGrid,
}

/// The tables of one section and the navigation over their cells.
#[derive(Debug, Clone, Default)]
pub struct SectionLayout {
    /// The section's tables, in order.
    pub tables: Vec<TableLayout>,
    /// Keyboard navigation over their value cells.
    pub nav: Nav,
}

/// The printed layout and navigation of every section of one format, computed once per format.
#[derive(Debug, Clone)]
pub struct Layouts {
    /// The format they belong to.
    pub format: String,
    /// One per section of the format.
    pub sections: Vec<SectionLayout>,
}

impl Layouts {
    /// The layouts of every section of `format`.
    pub fn new(format: &Format) -> Self {
        let sections = (0..format.sections.len())
            .map(|s| SectionLayout::new(format, s))
            .collect();
        Layouts {
            format: format.id.clone(),
            sections,
        }
    }
}

impl SectionLayout {
    /// The layout of section `section` (index into `format.sections`).
    pub fn new(format: &Format, section: usize) -> Self {
        let tables: Vec<TableLayout> = format
            .tables
            .iter()
            .enumerate()
            .filter(|(_, t)| t.section == section)
            .map(|(table, t)| TableLayout {
                table,
                grid: format.printed_grid(t),
            })
            .collect();
        let nav = Nav::for_tables(&tables);
        SectionLayout { tables, nav }
    }
}

/// One navigation row: the value cells of one printed row, left to right.
#[derive(Debug, Clone)]
pub struct NavRow {
    /// Index of the table in the format.
    pub table: usize,
    /// Its value cells.
    pub cells: Vec<CellIx>,
}

/// The navigation grid of a section.
#[derive(Debug, Clone, Default)]
pub struct Nav {
    /// Rows, tables stacked in section order.
    pub rows: Vec<NavRow>,
}

impl Nav {
    /// The navigation grid of section `section` (index into `format.sections`).
    pub fn for_section(format: &Format, section: usize) -> Nav {
        SectionLayout::new(format, section).nav
    }

    /// The navigation grid over `tables`, stacked in order.
    fn for_tables(tables: &[TableLayout]) -> Nav {
        let mut rows = Vec::new();
        for TableLayout { table: ti, grid } in tables {
            let body = grid.header_rows..grid.rows;
            for r in body {
                let mut cells: Vec<(usize, CellIx)> = grid
                    .row_cells(r)
                    .filter_map(|c| match c.content {
                        GridContent::Value(ix) => Some((c.col, ix)),
                        GridContent::Label(_) => None,
                    })
                    .collect();
                cells.sort_by_key(|(col, _)| *col);
                if !cells.is_empty() {
                    rows.push(NavRow {
                        table: *ti,
                        cells: cells.into_iter().map(|(_, ix)| ix).collect(),
                    });
                }
            }
        }
        Nav { rows }
    }

    /// Row and column of a cell.
    pub fn pos(&self, cell: CellIx) -> Option<(usize, usize)> {
        self.rows
            .iter()
            .enumerate()
            .find_map(|(r, row)| row.cells.iter().position(|&c| c == cell).map(|c| (r, c)))
    }

    /// The cell at a position, if there is one.
    pub fn at(&self, row: usize, col: usize) -> Option<CellIx> {
        self.rows.get(row)?.cells.get(col).copied()
    }

    /// The first cell of the section.
    pub fn first(&self) -> Option<CellIx> {
        self.at(0, 0)
    }

    /// The cell reached from `cell` by moving `dr` rows and `dc` columns; the column is clamped
    /// to the target row, and Tab-style moves (`wrap`) continue on the next or previous row.
    pub fn step(&self, cell: CellIx, dr: isize, dc: isize, wrap: bool) -> CellIx {
        let Some((r, c)) = self.pos(cell) else {
            return cell;
        };
        if dr != 0 {
            let Some(nr) = r.checked_add_signed(dr).filter(|&nr| nr < self.rows.len()) else {
                return cell;
            };
            let width = self.rows.get(nr).map_or(1, |row| row.cells.len());
            return self.at(nr, c.min(width.saturating_sub(1))).unwrap_or(cell);
        }
        let width = self.rows.get(r).map_or(0, |row| row.cells.len());
        match c.checked_add_signed(dc) {
            Some(nc) if nc < width => self.at(r, nc).unwrap_or(cell),
            Some(_) if wrap => self.at(r + 1, 0).unwrap_or(cell),
            None if wrap && r > 0 => {
                let prev = r - 1;
                let w = self.rows.get(prev).map_or(1, |row| row.cells.len());
                self.at(prev, w.saturating_sub(1)).unwrap_or(cell)
            }
            _ => cell,
        }
    }

    /// The rectangular block between two cells of the same table, row by row; just `cursor` when
    /// they are in different tables.
    pub fn block(&self, anchor: CellIx, cursor: CellIx) -> Vec<Vec<CellIx>> {
        let (Some((ar, ac)), Some((cr, cc))) = (self.pos(anchor), self.pos(cursor)) else {
            return vec![vec![cursor]];
        };
        let same_table = self.rows.get(ar).map(|r| r.table) == self.rows.get(cr).map(|r| r.table);
        if !same_table {
            return vec![vec![cursor]];
        }
        let (r0, r1) = (ar.min(cr), ar.max(cr));
        let (c0, c1) = (ac.min(cc), ac.max(cc));
        (r0..=r1)
            .map(|r| (c0..=c1).filter_map(|c| self.at(r, c)).collect())
            .collect()
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::model::format;

    #[test]
    fn section_three_is_25_rows_of_7_and_section_two_stacks_its_tables() {
        let f = format::by_id("gb2021").unwrap();
        let nav = Nav::for_section(f, 2);
        assert_eq!(nav.rows.len(), 25);
        assert!(nav.rows.iter().all(|r| r.cells.len() == 7));
        let nav2 = Nav::for_section(f, 1);
        assert_eq!(nav2.rows.len(), 2 + 1 + 2 + 1);
        let last_of_first_table = nav2.at(1, 2).unwrap();
        assert_eq!(
            nav2.step(last_of_first_table, 1, 0, false),
            nav2.at(2, 0).unwrap(),
            "column clamps in the next table"
        );
        let nav4 = Nav::for_section(f, 3);
        assert_eq!((nav4.rows.len(), nav4.rows[0].cells.len()), (1, 15));
    }

    #[test]
    fn moves_wrap_only_for_tab() {
        let f = format::by_id("gb2021").unwrap();
        let nav = Nav::for_section(f, 2);
        let end = nav.at(0, 6).unwrap();
        assert_eq!(nav.step(end, 0, 1, false), end);
        assert_eq!(nav.step(end, 0, 1, true), nav.at(1, 0).unwrap());
        assert_eq!(nav.step(nav.at(1, 0).unwrap(), 0, -1, true), end);
        assert_eq!(
            nav.step(nav.first().unwrap(), -1, 0, false),
            nav.first().unwrap()
        );
        let block = nav.block(nav.at(0, 1).unwrap(), nav.at(2, 3).unwrap());
        assert_eq!((block.len(), block[0].len()), (3, 3));
    }
}
