//! The compiled form of a format: tables with their flattened rows, cells by dense index, rules
//! whose checks name cell indices, carry-overs and migrations resolved against the cells.

use super::CellIx;
use super::def::{CellKind, CellRef, CheckKind, ColumnDef, Layout, Op, ProseNoteDef, Severity};

/// A data row of a table, flattened out of the row tree.
#[derive(Debug, Clone)]
pub struct Row {
    /// Row id used in cell ids.
    pub id: String,
    /// Verbatim label.
    pub label: String,
    /// Other labels published reports print for it (see [`super::def::RowNode::Row`]).
    pub aliases: Vec<String>,
    /// Indices into [`Table::groups`] of the groups enclosing this row, outermost first.
    pub groups: Vec<usize>,
}

/// A group of rows (三、本年度办理结果), with the rows it spans.
#[derive(Debug, Clone)]
pub struct Group {
    /// Group id.
    pub id: String,
    /// Verbatim label.
    pub label: String,
    /// Nesting depth (0 = outermost).
    pub depth: usize,
    /// First data row it spans.
    pub first_row: usize,
    /// Number of data rows it spans.
    pub row_count: usize,
}

/// A compiled table.
#[derive(Debug, Clone)]
pub struct Table {
    /// Table id (`t3`).
    pub id: String,
    /// Name for the clerk (表三).
    pub name: String,
    /// Caption row text (may be empty).
    pub caption: String,
    /// Header cell above the row labels (may be empty).
    pub corner: String,
    /// Printed columns taken by row labels.
    pub label_columns: usize,
    /// Printed layout.
    pub layout: Layout,
    /// Data columns.
    pub columns: Vec<ColumnDef>,
    /// Data rows in printed order.
    pub rows: Vec<Row>,
    /// Row groups.
    pub groups: Vec<Group>,
    /// Index of the section this table belongs to.
    pub section: usize,
    pub(super) first_cell: CellIx,
}

impl Table {
    /// The cell at a data row and column.
    pub fn cell(&self, row: usize, col: usize) -> CellIx {
        self.first_cell + row * self.columns.len() + col
    }

    /// All cells of the table, row by row.
    pub fn cells(&self) -> std::ops::Range<CellIx> {
        self.first_cell..self.first_cell + self.rows.len() * self.columns.len()
    }

    /// Index of a row by id.
    pub fn row_index(&self, id: &str) -> Option<usize> {
        self.rows.iter().position(|r| r.id == id)
    }

    /// Index of a column by id.
    pub fn column_index(&self, id: &str) -> Option<usize> {
        self.columns.iter().position(|c| c.id == id)
    }

    /// Full label of a row including its group labels (（三）不予公开 1.属于国家秘密).
    pub fn row_path_label(&self, row: usize) -> String {
        let Some(r) = self.rows.get(row) else {
            return String::new();
        };
        let mut parts: Vec<&str> = r
            .groups
            .iter()
            .filter_map(|&g| self.groups.get(g))
            .filter(|g| g.depth > 0 || self.layout == Layout::SingleRow)
            .map(|g| g.label.as_str())
            .collect();
        parts.push(&r.label);
        parts.join(" ")
    }
}

/// Everything known about one cell.
#[derive(Debug, Clone)]
pub struct CellInfo {
    /// `table.row.column`.
    pub id: String,
    /// Index into [`super::Format::tables`].
    pub table: usize,
    /// Data row within the table.
    pub row: usize,
    /// Data column within the table.
    pub col: usize,
    /// What the cell holds.
    pub kind: CellKind,
    /// Whether the cell is a total computed from others.
    pub derived: bool,
}

/// A term of a comparison: a cell of this report or of last year's, added or subtracted.
#[derive(Debug, Clone)]
pub struct Term {
    /// `-1` to subtract, `1` to add.
    pub sign: i8,
    /// Which cell.
    pub cell: TermCell,
}

/// The cell a [`Term`] reads.
#[derive(Debug, Clone)]
pub enum TermCell {
    /// A cell of this report.
    Current(CellIx),
    /// A cell of last year's report, by id.
    Previous(String),
}

impl Term {
    /// Whether the term reads last year's report.
    pub fn is_previous(&self) -> bool {
        matches!(self.cell, TermCell::Previous(_))
    }
}

/// One instance of a sum: a total and its parts.
#[derive(Debug, Clone)]
pub struct SumInstance {
    /// Label of the row or column (for messages).
    pub label: String,
    /// The total cell.
    pub total: CellIx,
    /// The summed cells.
    pub parts: Vec<CellIx>,
}

/// One instance of a comparison.
#[derive(Debug, Clone)]
pub struct CompareInstance {
    /// Label of the element (for messages).
    pub label: String,
    /// The figure as written.
    pub left: Vec<Term>,
    /// The expected figure.
    pub right: Vec<Term>,
}

/// A compiled comparison: the operator and one instance per element.
#[derive(Debug, Clone)]
pub struct Comparison {
    /// The operator.
    pub op: Op,
    /// One instance per row, column or listed element.
    pub instances: Vec<CompareInstance>,
}

impl CellRef for CellIx {
    type Sum = Vec<SumInstance>;
    type Compare = Comparison;
}

/// A check compiled against the format's cells.
pub type Compiled = CheckKind<CellIx>;

/// A compiled check with its message template.
#[derive(Debug, Clone)]
pub struct Check {
    /// What is checked.
    pub compiled: Compiled,
    /// Message template.
    pub message: String,
    /// What putting one cell right achieves (see [`super::CheckDef::hint`]); may be empty.
    pub hint: String,
    /// For a sum: the message when the total is blank (see [`super::CheckDef::blank`]).
    pub blank: String,
    /// For an equality: the message when the expected figure is negative (see
    /// [`super::CheckDef::negative`]); may be empty.
    pub negative: String,
}

/// A compiled rule.
#[derive(Debug, Clone)]
pub struct Rule {
    /// Rule id (`T3-BAL`).
    pub id: String,
    /// Error or warning.
    pub severity: Severity,
    /// One-line description.
    pub title: String,
    /// Where it comes from (see [`super::RuleDef::source`]); may be empty.
    pub source: String,
    /// Its checks.
    pub checks: Vec<Check>,
}

/// A carry-over from last year: `target := Σ terms of last year's report`.
#[derive(Debug, Clone)]
pub struct Carry {
    /// Cell of the new draft.
    pub target: CellIx,
    /// Cell ids of last year's report, with signs.
    pub from: Vec<(i8, String)>,
}

/// How a draft of an older format moves into this one, resolved against both formats' cells.
#[derive(Debug, Clone)]
pub struct Migration {
    /// Id of the older format.
    pub from: String,
    /// One entry per cell of the older format that the migration names, in the older format's
    /// cell order.
    pub moves: Vec<Move>,
    /// Cells new in this format that the clerk must fill.
    pub added: Vec<Added>,
    /// Prose sections (of this format) that need new content.
    pub prose: Vec<ProseNoteDef>,
}

impl Migration {
    /// What happens to cell `old` of the older format, if the migration says.
    pub fn move_of(&self, old: CellIx) -> Option<&Move> {
        self.moves
            .binary_search_by_key(&old, |m| m.from)
            .ok()
            .and_then(|i| self.moves.get(i))
    }
}

/// A cell of the older format that moves to another cell, or is dropped on purpose.
#[derive(Debug, Clone)]
pub struct Move {
    /// The cell in the older format.
    pub from: CellIx,
    /// The cell in this format; `None` drops the value (kept in last year's data and a note).
    pub to: Option<CellIx>,
    /// Why, shown to the clerk.
    pub note: String,
}

/// A cell new in this format.
#[derive(Debug, Clone)]
pub struct Added {
    /// The cell.
    pub cell: CellIx,
    /// What the clerk must do.
    pub note: String,
}
