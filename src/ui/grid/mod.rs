//! The table grids, drawn like the printed form (merged headers, group labels spanning rows) from
//! the format's printed layout, with spreadsheet keys: arrows, Tab, Enter, F2, Delete, typing
//! replaces, Ctrl+C copies TSV, Ctrl+V pastes TSV from Excel/WPS.
//!
//! `keys` turns key presses into moves and edits, `clipboard` reads and writes TSV blocks,
//! `table` paints a table (with frozen header rows and label columns), `cell` one value cell,
//! `widths` chooses the columns from the measured text.

mod cell;
mod clipboard;
mod keys;
mod table;
pub mod widths;

use egui::Id;

use crate::model::format::CellIx;

pub use clipboard::paste_tsv;
pub use keys::{GRID_KEYS, handle_keys};
pub use table::section_tables_ui;

/// A cell being edited in place.
#[derive(Debug, Clone)]
pub struct Editing {
    /// The cell.
    pub cell: CellIx,
    /// The text typed so far.
    pub text: String,
    /// Started by typing over the cell (arrows commit and move) rather than F2 (arrows move the
    /// caret).
    pub replace: bool,
}

/// Selection and editing state of the grids.
#[derive(Debug, Clone, Default)]
pub struct GridState {
    /// The selected cell.
    pub cursor: Option<CellIx>,
    /// The other corner of a block selection.
    pub anchor: Option<CellIx>,
    /// The cell being edited.
    pub editing: Option<Editing>,
    /// Give keyboard focus to the cursor cell on the next frame (and scroll to it).
    pub focus_cursor: bool,
}

impl GridState {
    /// Selects a cell (and focuses it on the next frame).
    pub fn select(&mut self, cell: CellIx) {
        self.cursor = Some(cell);
        self.anchor = Some(cell);
        self.editing = None;
        self.focus_cursor = true;
    }
}

/// Id of a value cell's widget.
pub fn cell_id(cell: CellIx) -> Id {
    Id::unique(("nianbao-cell", cell))
}

/// Id of the text box of a cell being edited.
fn edit_id(cell: CellIx) -> Id {
    Id::unique(("nianbao-edit", cell))
}
