//! The boxes the stages hand on: measured, broken lines and tables, in points, x from the left of
//! the text block and y downward from its top.

use super::metrics::FontKey;

/// One character placed on a line.
#[derive(Debug, Clone, PartialEq)]
pub(super) struct Glyph {
    /// The character.
    pub(super) ch: char,
    /// Its face.
    pub(super) font: FontKey,
    /// Size in pt.
    pub(super) size: f32,
    /// Left edge, from the left of the line's box.
    pub(super) x: f32,
    /// Advance in pt.
    pub(super) advance: f32,
}

/// A line of text in a slot of `height`, its baseline `baseline` below the slot's top.
#[derive(Debug, Clone, PartialEq)]
pub(super) struct TextLine {
    /// Placed characters.
    pub(super) glyphs: Vec<Glyph>,
    /// Width of the set text (the last glyph's right edge).
    pub(super) width: f32,
    /// Height of the slot.
    pub(super) height: f32,
    /// Baseline below the slot's top.
    pub(super) baseline: f32,
    /// Horizontal scale of the glyphs (1 = as designed; below 1 a figure too wide for its cell,
    /// condensed rather than broken). Positions and advances are already scaled.
    pub(super) scale: f32,
}

impl Default for TextLine {
    fn default() -> Self {
        TextLine {
            glyphs: Vec::new(),
            width: 0.0,
            height: 0.0,
            baseline: 0.0,
            scale: 1.0,
        }
    }
}

impl TextLine {
    /// Condenses the line sideways by `factor` (0 < factor ≤ 1), from its left edge.
    pub(super) fn condense(&mut self, factor: f32) {
        let left = self.glyphs.first().map_or(0.0, |g| g.x);
        for g in &mut self.glyphs {
            g.x = left + (g.x - left) * factor;
            g.advance *= factor;
        }
        self.width = left + (self.width - left) * factor;
        self.scale *= factor;
    }

    /// The text of the line.
    #[cfg(test)]
    pub(super) fn text(&self) -> String {
        self.glyphs.iter().map(|g| g.ch).collect()
    }
}

/// How text sits in a table cell.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(super) enum Align {
    /// Flush left.
    Left,
    /// Centred.
    Center,
}

/// A cell of a measured table.
#[derive(Debug, Clone, PartialEq)]
pub(super) struct TableCell {
    /// Top printed row.
    pub(super) row: usize,
    /// Left column.
    pub(super) col: usize,
    /// Rows spanned.
    pub(super) row_span: usize,
    /// Columns spanned.
    pub(super) col_span: usize,
    /// Broken lines, x from the cell's inner left.
    pub(super) lines: Vec<TextLine>,
    /// Horizontal alignment.
    pub(super) align: Align,
}

impl TableCell {
    /// Height of the cell's text.
    pub(super) fn text_height(&self) -> f32 {
        self.lines.iter().map(|l| l.height).sum()
    }
}

/// A measured table: column edges, row heights, cells.
#[derive(Debug, Clone, PartialEq, Default)]
pub(super) struct TableBox {
    /// Column edges from the table's left (columns + 1 values).
    pub(super) col_x: Vec<f32>,
    /// Height of each printed row.
    pub(super) row_h: Vec<f32>,
    /// Rows repeated at the top of every page the table runs onto.
    pub(super) header_rows: usize,
    /// Every cell.
    pub(super) cells: Vec<TableCell>,
    /// Horizontal padding inside a cell.
    pub(super) pad_x: f32,
}

impl TableBox {
    /// Number of printed rows.
    pub(super) fn rows(&self) -> usize {
        self.row_h.len()
    }

    /// Height of the header rows.
    pub(super) fn header_height(&self) -> f32 {
        self.row_h.iter().take(self.header_rows).sum()
    }

    /// Height of rows `range`.
    pub(super) fn height_of(&self, range: std::ops::Range<usize>) -> f32 {
        self.row_h.get(range).map_or(0.0, |r| r.iter().sum())
    }

    /// The merged cells a page break before row `row` would cut.
    pub(super) fn crossing(&self, row: usize) -> impl Iterator<Item = &TableCell> {
        self.cells
            .iter()
            .filter(move |c| c.row < row && row < c.row + c.row_span)
    }

    /// Width of the table.
    pub(super) fn width(&self) -> f32 {
        self.col_x.last().copied().unwrap_or(0.0)
    }
}

/// What the composer hands to pagination.
#[derive(Debug, Clone, PartialEq)]
pub(super) enum Block {
    /// Lines that may be split between pages. `keep_with_next`: a heading, never left at the
    /// bottom of a page; `keep_together`: all lines on one page (the 落款).
    Lines {
        /// The lines.
        lines: Vec<TextLine>,
        /// Keep the last line with the next block.
        keep_with_next: bool,
        /// Never split.
        keep_together: bool,
    },
    /// Vertical space, dropped at the top of a page.
    Space(f32),
    /// A table, split only between rows, repeating its header.
    Table(TableBox),
}
