//! Painting the tables of a section as the printed form: columns from [`super::widths`], rows as
//! high as their labels, and — like frozen panes in a spreadsheet — the header rows and the label
//! columns kept in view while the clerk scrolls the figures under them.

use std::sync::Arc;

use egui::{FontId, Galley, Id, Rect, Sense, Stroke, StrokeKind, TextStyle, Ui, pos2, vec2};

use super::GridState;
use super::cell::{CellView, value_cell};
use super::widths::{Measure, PAD, fits, section_widths, wrap_width};
use crate::model::CellValue;
use crate::model::format::{CellIx, GridCell, GridContent, Layout, PrintedGrid, Table};
use crate::model::numerals::split_ordinal;
use crate::ui::command::Effect;
use crate::ui::document::Document;
use crate::ui::nav::{SectionLayout, TableLayout};

/// egui's own body text size, which the grid's sizes below are relative to.
fn default_body() -> f32 {
    egui::style::default_text_styles()
        .get(&TextStyle::Body)
        .map_or(13.0, |f| f.size)
}

/// Type sizes of the grid, following the window's text size.
#[derive(Debug, Clone, Copy)]
pub struct Sizes {
    /// Labels.
    pub label: f32,
    /// Figures.
    pub value: f32,
    /// Lowest row height.
    pub min_row: f32,
}

impl Sizes {
    /// The sizes for the text size set in `ui`'s style.
    pub fn of(ui: &Ui) -> Self {
        let standard = default_body();
        let body = ui
            .style()
            .text_styles
            .get(&TextStyle::Body)
            .map_or(standard, |f| f.size);
        let scale = body / standard;
        Sizes {
            label: 13.0 * scale,
            value: 14.0 * scale,
            min_row: 26.0 * scale,
        }
    }
}

/// Measures with the fonts the grid draws in.
pub struct Fonts<'a> {
    ui: &'a Ui,
    doc: &'a Document,
    sizes: Sizes,
}

impl Fonts<'_> {
    fn galley(&self, text: String, size: f32, wrap: f32) -> Arc<Galley> {
        self.ui.painter().layout(
            text,
            FontId::proportional(size),
            self.ui.visuals().text_color(),
            wrap,
        )
    }
}

impl Measure for Fonts<'_> {
    fn label(&self, text: &str) -> f32 {
        self.galley(text.to_owned(), self.sizes.label, f32::INFINITY)
            .size()
            .x
    }
    fn em(&self) -> f32 {
        self.label("国")
    }
    fn figure(&self, cell: CellIx) -> f32 {
        let text = self
            .doc
            .resolved
            .get(cell)
            .map(CellValue::display)
            .unwrap_or_default();
        // A little room for the bold second pass of totals.
        self.galley(text, self.sizes.value, f32::INFINITY).size().x + 2.0
    }
}

/// Draws the tables of a section, one under the other, their columns chosen together. Returns
/// the width of the widest (for 适应窗口宽度).
pub fn section_tables_ui(
    ui: &mut Ui,
    doc: &Document,
    layout: &SectionLayout,
    state: &mut GridState,
    effects: &mut Vec<Effect>,
) -> f32 {
    let format = doc.report.format;
    let sizes = Sizes::of(ui);
    let grids: Vec<&PrintedGrid> = layout.tables.iter().map(|t| &t.grid).collect();
    let widths = section_widths(&grids, &Fonts { ui, doc, sizes });
    let mut widest: f32 = 0.0;
    for (TableLayout { table: index, grid }, widths) in layout.tables.iter().zip(&widths) {
        let Some(table) = format.tables.get(*index) else {
            continue;
        };
        widest = widest.max(widths.iter().sum());
        if doc.table_pending(*index) {
            ui.weak(format!(
                "待填：{}还没有开始填写，填入第一个数字后才按勾稽关系核对",
                table_name(table)
            ));
        }
        let view = TableView {
            doc,
            index: *index,
            table,
            grid,
            layout,
            sizes,
        };
        view.ui(ui, widths, state, effects);
        ui.add_space(if table.caption.is_empty() { 12.0 } else { 0.0 });
    }
    widest
}

/// A label broken to `inner` (see [`wrap_width`]), or in two lines where it breaks naturally
/// when each then fits on one: after its ordinal ("（三）" over "不予公开", as printed) or before
/// a bracket ("本年收费金额" over "（单位：万元）", never a "（" at a line's end).
fn label_galley(fonts: &Fonts<'_>, text: &str, inner: f32) -> Arc<Galley> {
    let size = fonts.sizes.label;
    let width = fonts.label(text);
    if !fits(width, inner) {
        let after_ordinal = split_ordinal(text).map(|o| (o.written, o.rest));
        let before_bracket = text
            .char_indices()
            .skip(1)
            .find(|&(_, c)| c == '（')
            .and_then(|(i, _)| Some((text.get(..i)?, text.get(i..)?)));
        let two_lines = [after_ordinal, before_bracket]
            .into_iter()
            .flatten()
            .find(|(a, b)| {
                !a.is_empty()
                    && !b.is_empty()
                    && fits(fonts.label(a), inner)
                    && fits(fonts.label(b), inner)
            });
        if let Some((first, second)) = two_lines {
            return fonts.galley(format!("{first}\n{second}"), size, inner);
        }
    }
    let wrap = wrap_width(width, inner, fonts.em());
    fonts.galley(text.to_owned(), size, wrap)
}

/// What the 待填 line calls a table: its caption's first words, else "本表".
fn table_name(table: &Table) -> String {
    table
        .caption
        .split(['：', ':'])
        .next()
        .map(str::trim)
        .filter(|c| !c.is_empty())
        .map_or_else(|| "本表".to_owned(), |c| format!("“{c}”"))
}

/// Running sums: the left edge of each column, then the right edge of the last.
fn edges(sizes: &[f32]) -> Vec<f32> {
    std::iter::once(0.0)
        .chain(sizes.iter().scan(0.0, |acc, w| {
            *acc += w;
            Some(*acc)
        }))
        .collect()
}

/// Length of `count` rows or columns from `first`, given their edges.
fn span(edges: &[f32], first: usize, count: usize) -> f32 {
    let start = edges.get(first).copied().unwrap_or(0.0);
    edges.get(first + count).copied().unwrap_or(start) - start
}

/// One table and what drawing it needs.
struct TableView<'a> {
    doc: &'a Document,
    /// Index of the table in the format.
    index: usize,
    table: &'a Table,
    grid: &'a PrintedGrid,
    layout: &'a SectionLayout,
    sizes: Sizes,
}

/// Where the frozen panes are: the header rows moved down by `dy`, the label columns moved
/// right by `dx`, so they stay at the top and left of the visible area while the table is in it.
#[derive(Debug, Clone, Copy)]
pub struct Panes {
    /// The table's rectangle as laid out (scrolled with the content).
    pub outer: Rect,
    /// Height of the header rows.
    pub header: f32,
    /// Width of the label columns.
    pub labels: f32,
    /// How far the header rows are moved down.
    pub dy: f32,
    /// How far the label columns are moved right.
    pub dx: f32,
}

impl Panes {
    /// The part of a body cell's `rect` not under a frozen pane (empty when hidden).
    pub fn uncovered(&self, rect: Rect) -> Rect {
        let top = self.outer.top() + self.dy + self.header;
        let left = self.outer.left() + self.dx + self.labels;
        Rect::from_min_max(pos2(rect.left().max(left), rect.top().max(top)), rect.max)
    }

    /// What to scroll into view to see `rect` clear of the frozen panes.
    pub fn reveal(&self, rect: Rect) -> Rect {
        Rect::from_min_max(rect.min - vec2(self.labels, self.header), rect.max)
    }
}

impl TableView<'_> {
    fn fonts<'a>(&'a self, ui: &'a Ui) -> Fonts<'a> {
        Fonts {
            ui,
            doc: self.doc,
            sizes: self.sizes,
        }
    }

    /// Row heights: each row as high as its tallest label; a label merged over several rows
    /// stretches the last of them if it needs more.
    fn row_heights(&self, ui: &Ui, xs: &[f32]) -> Vec<f32> {
        let fonts = self.fonts(ui);
        let mut heights = vec![self.sizes.min_row; self.grid.rows];
        let mut cells: Vec<&GridCell> = self.grid.cells.iter().collect();
        cells.sort_by_key(|c| c.row_span);
        for cell in cells {
            let GridContent::Label(text) = &cell.content else {
                continue;
            };
            let width = span(xs, cell.col, cell.col_span) - 2.0 * PAD;
            let needed = label_galley(&fonts, text, width).size().y + 2.0 * PAD;
            let rows = cell.row..cell.row + cell.row_span;
            let have: f32 = heights.get(rows.clone()).map_or(0.0, |h| h.iter().sum());
            if let Some(last) = heights.get_mut(rows.end - 1) {
                *last += (needed - have).max(0.0);
            }
        }
        heights
    }

    fn ui(&self, ui: &mut Ui, widths: &[f32], state: &mut GridState, effects: &mut Vec<Effect>) {
        let grid = self.grid;
        let xs = edges(widths);
        let heights = self.row_heights(ui, &xs);
        let ys = edges(&heights);
        let total = vec2(widths.iter().sum(), heights.iter().sum());
        let (outer, _) = ui.allocate_exact_size(total, Sense::hover());
        let header = span(&ys, 0, grid.header_rows);
        let labels = span(&xs, 0, grid.label_columns);
        let last_row = heights.last().copied().unwrap_or(0.0);
        let last_col = widths.last().copied().unwrap_or(0.0);
        let visible = ui.clip_rect();
        let panes = Panes {
            outer,
            header,
            labels,
            dy: (visible.top() - outer.top()).clamp(0.0, (total.y - header - last_row).max(0.0)),
            dx: (visible.left() - outer.left()).clamp(0.0, (total.x - labels - last_col).max(0.0)),
        };
        let rect_of = |c: &GridCell| {
            let at = outer.min + vec2(span(&xs, 0, c.col), span(&ys, 0, c.row));
            Rect::from_min_size(
                at,
                vec2(span(&xs, c.col, c.col_span), span(&ys, c.row, c.row_span)),
            )
        };
        let block: Vec<CellIx> = match (state.anchor, state.cursor) {
            (Some(a), Some(c)) if a != c => self.layout.nav.block(a, c).concat(),
            _ => Vec::new(),
        };
        // The figures first, then the frozen panes over them: label columns, header rows, and
        // the corner where they meet.
        for cell in &grid.cells {
            if let GridContent::Value(ix) = cell.content {
                let view = CellView {
                    doc: self.doc,
                    ix,
                    rect: rect_of(cell),
                    panes,
                    in_block: block.contains(&ix),
                    sizes: self.sizes,
                };
                value_cell(ui, &view, state, effects);
            }
        }
        let in_labels = |c: &GridCell| c.col + c.col_span <= grid.label_columns;
        for (frozen_x, frozen_y) in [(true, false), (false, true), (true, true)] {
            for cell in &grid.cells {
                let GridContent::Label(text) = &cell.content else {
                    continue;
                };
                if in_labels(cell) != frozen_x || cell.header != frozen_y {
                    continue;
                }
                let shift = vec2(
                    if frozen_x { panes.dx } else { 0.0 },
                    if frozen_y { panes.dy } else { 0.0 },
                );
                let rect = rect_of(cell).translate(shift);
                // A node for screen readers (and tests), and over a figure scrolled under it,
                // the label — not the hidden figure — is what the mouse is on.
                let id = Id::unique(("nianbao-grid-label", self.index, cell.row, cell.col));
                ui.interact(rect, id, Sense::hover()).widget_info(|| {
                    egui::WidgetInfo::labeled(egui::Role::Label, true, text.as_str())
                });
                self.label_cell(ui, cell, text, rect);
            }
        }
    }

    fn label_cell(&self, ui: &Ui, cell: &GridCell, text: &str, rect: Rect) {
        let painter = ui.painter();
        let visuals = ui.visuals();
        // Opaque, so figures scrolled under a frozen pane do not show through.
        painter.rect_filled(rect, 0.0, visuals.panel_fill);
        if cell.header {
            painter.rect_filled(rect, 0.0, visuals.faint_bg_color);
        }
        let centred = cell.header
            || self.table.layout == Layout::SingleRow
            || cell.row_span > 1
            || cell.col + cell.col_span < self.grid.label_columns;
        let galley = label_galley(&self.fonts(ui), text, rect.width() - 2.0 * PAD);
        let pos = if centred {
            rect.center() - galley.size() / 2.0
        } else {
            pos2(rect.left() + PAD, rect.center().y - galley.size().y / 2.0)
        };
        painter.galley(pos, galley, visuals.text_color());
        painter.rect_stroke(rect, 0.0, border(ui), StrokeKind::Inside);
    }
}

/// The grid lines.
pub fn border(ui: &Ui) -> Stroke {
    Stroke::new(1.0, ui.visuals().widgets.noninteractive.bg_stroke.color)
}
