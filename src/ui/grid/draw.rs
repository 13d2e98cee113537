//! Painting the tables of a section as the printed form, and each value cell: its figure, tint,
//! selection, tooltip and context menu.

use std::sync::Arc;

use egui::{Align2, FontId, Galley, Rect, Response, Sense, Stroke, StrokeKind, Ui, pos2, vec2};

use super::keys::commit;
use super::widths::{Measure, PAD, fits, section_widths, wrap_width};
use super::{Editing, GridState, cell_id, edit_id};
use crate::model::CellValue;
use crate::model::format::{CellIx, GridContent, Layout, PrintedGrid, Table};
use crate::model::numerals::split_ordinal;
use crate::ui::command::Effect;
use crate::ui::document::Document;
use crate::ui::nav::{SectionLayout, TableLayout};
use crate::ui::theme;

/// Lowest row height.
const MIN_ROW: f32 = 26.0;
/// Size of labels.
const LABEL_SIZE: f32 = 13.0;
/// Size of figures.
const VALUE_SIZE: f32 = 14.0;

/// Measures with the fonts the grid draws in.
struct Fonts<'a> {
    ui: &'a Ui,
    doc: &'a Document,
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
        self.galley(text.to_owned(), LABEL_SIZE, f32::INFINITY)
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
        self.galley(text, VALUE_SIZE, f32::INFINITY).size().x + 2.0
    }
}

/// Draws the tables of a section, one under the other, their columns chosen together.
pub fn section_tables_ui(
    ui: &mut Ui,
    doc: &Document,
    layout: &SectionLayout,
    state: &mut GridState,
    effects: &mut Vec<Effect>,
) {
    let format = doc.report.format;
    let grids: Vec<&PrintedGrid> = layout.tables.iter().map(|t| &t.grid).collect();
    let widths = section_widths(&grids, &Fonts { ui, doc });
    for (TableLayout { table, grid }, widths) in layout.tables.iter().zip(&widths) {
        let Some(table) = format.tables.get(*table) else {
            continue;
        };
        table_ui(ui, doc, table, grid, widths, state, layout, effects);
        ui.add_space(if table.caption.is_empty() { 12.0 } else { 0.0 });
    }
}

/// Row heights: each row as high as its tallest label; a label merged over several rows
/// stretches the last of them if it needs more.
fn row_heights(ui: &Ui, doc: &Document, grid: &PrintedGrid, xs: &[f32]) -> Vec<f32> {
    let fonts = Fonts { ui, doc };
    let mut heights = vec![MIN_ROW; grid.rows];
    let mut cells: Vec<_> = grid.cells.iter().collect();
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

/// Width of `count` columns from `col`, given the column edges `xs`.
fn span(xs: &[f32], col: usize, count: usize) -> f32 {
    let x0 = xs.get(col).copied().unwrap_or(0.0);
    xs.get(col + count).copied().unwrap_or(x0) - x0
}

/// A label broken to `inner` (see [`wrap_width`]), or in two lines where it breaks naturally
/// when each then fits on one: after its ordinal ("（三）" over "不予公开", as printed) or before
/// a bracket ("本年收费金额" over "（单位：万元）", never a "（" at a line's end).
fn label_galley(fonts: &Fonts<'_>, text: &str, inner: f32) -> Arc<Galley> {
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
            return fonts.galley(format!("{first}\n{second}"), LABEL_SIZE, inner);
        }
    }
    let wrap = wrap_width(width, inner, fonts.em());
    fonts.galley(text.to_owned(), LABEL_SIZE, wrap)
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

/// Draws one table as the printed form.
#[allow(clippy::too_many_arguments)]
fn table_ui(
    ui: &mut Ui,
    doc: &Document,
    table: &Table,
    grid: &PrintedGrid,
    widths: &[f32],
    state: &mut GridState,
    layout: &SectionLayout,
    effects: &mut Vec<Effect>,
) {
    let xs = edges(widths);
    let heights = row_heights(ui, doc, grid, &xs);
    let ys = edges(&heights);
    let total = vec2(widths.iter().sum(), heights.iter().sum());
    let (outer, _) = ui.allocate_exact_size(total, Sense::hover());
    let rect_of = |row: usize, col: usize, rs: usize, cs: usize| {
        let x0 = xs.get(col).copied().unwrap_or(0.0);
        let y0 = ys.get(row).copied().unwrap_or(0.0);
        Rect::from_min_size(
            outer.min + vec2(x0, y0),
            vec2(span(&xs, col, cs), span(&ys, row, rs)),
        )
    };
    let block: Vec<CellIx> = match (state.anchor, state.cursor) {
        (Some(a), Some(c)) if a != c => layout.nav.block(a, c).concat(),
        _ => Vec::new(),
    };
    for cell in &grid.cells {
        let rect = rect_of(cell.row, cell.col, cell.row_span, cell.col_span);
        match &cell.content {
            GridContent::Label(text) => {
                let centred = cell.header
                    || table.layout == Layout::SingleRow
                    || cell.row_span > 1
                    || cell.col + cell.col_span < grid.label_columns;
                label_cell(ui, doc, text, rect, cell.header, centred);
            }
            GridContent::Value(ix) => {
                value_cell(ui, doc, *ix, rect, state, block.contains(ix), effects);
            }
        }
    }
}

fn border(ui: &Ui) -> Stroke {
    Stroke::new(1.0, ui.visuals().widgets.noninteractive.bg_stroke.color)
}

fn label_cell(ui: &Ui, doc: &Document, text: &str, rect: Rect, header: bool, centred: bool) {
    let painter = ui.painter();
    if header {
        painter.rect_filled(rect, 0.0, ui.visuals().faint_bg_color);
    }
    let galley = label_galley(&Fonts { ui, doc }, text, rect.width() - 2.0 * PAD);
    let pos = if centred {
        rect.center() - galley.size() / 2.0
    } else {
        pos2(rect.left() + PAD, rect.center().y - galley.size().y / 2.0)
    };
    painter.galley(pos, galley, ui.visuals().text_color());
    painter.rect_stroke(rect, 0.0, border(ui), StrokeKind::Inside);
}

fn value_cell(
    ui: &mut Ui,
    doc: &Document,
    ix: CellIx,
    rect: Rect,
    state: &mut GridState,
    in_block: bool,
    effects: &mut Vec<Effect>,
) {
    let format = doc.report.format;
    let Some(info) = format.cell(ix) else {
        return;
    };
    if state.editing.as_ref().is_some_and(|e| e.cell == ix) {
        edit_box(ui, doc, rect, state, effects);
        return;
    }
    let response = ui.interact(rect, cell_id(ix), Sense::click());
    let display = doc
        .resolved
        .get(ix)
        .map(CellValue::display)
        .unwrap_or_default();
    response.widget_info(|| {
        let mut w = egui::WidgetInfo::labeled(egui::Role::TextInput, true, format.cell_label(ix));
        w.current_text_value = Some(display.clone());
        w
    });
    follow_clicks_and_focus(ui, doc, ix, &response, state);
    let painter = ui.painter();
    let severity = doc.cell_severity(ix);
    if let Some(severity) = severity {
        painter.rect_filled(rect, 0.0, theme::severity_fill(severity, ui.visuals()));
    } else if in_block {
        let tint = ui.visuals().selection.bg_fill.gamma_multiply(0.4);
        painter.rect_filled(rect, 0.0, tint);
    } else if info.derived {
        painter.rect_filled(rect, 0.0, ui.visuals().faint_bg_color);
    }
    let color = match doc.report.entry(ix) {
        Some(CellValue::Invalid(_)) => theme::invalid_text(),
        _ if info.derived => ui.visuals().strong_text_color(),
        _ => ui.visuals().text_color(),
    };
    let pos = rect.right_center() - vec2(PAD + 2.0, 0.0);
    let font = FontId::proportional(VALUE_SIZE);
    if info.derived {
        // Totals print bold: a second pass a fraction of a point to the right.
        let bold = pos + vec2(0.6, 0.0);
        painter.text(bold, Align2::RIGHT_CENTER, &display, font.clone(), color);
    }
    painter.text(pos, Align2::RIGHT_CENTER, &display, font, color);
    painter.rect_stroke(rect, 0.0, border(ui), StrokeKind::Inside);
    if let Some(severity) = severity {
        let stroke = Stroke::new(1.5, theme::severity_color(severity));
        painter.rect_stroke(rect.shrink(1.0), 0.0, stroke, StrokeKind::Inside);
    }
    if state.cursor == Some(ix) {
        let stroke = Stroke::new(2.0, ui.visuals().selection.stroke.color);
        painter.rect_stroke(rect.shrink(1.0), 0.0, stroke, StrokeKind::Inside);
    }
    let response = response.on_hover_ui(|ui| cell_tooltip_ui(ui, doc, ix));
    cell_menu(doc, ix, &response, effects);
}

/// The text box of the cell being edited.
fn edit_box(
    ui: &mut Ui,
    doc: &Document,
    rect: Rect,
    state: &mut GridState,
    effects: &mut Vec<Effect>,
) {
    let format = doc.report.format;
    let Some(editing) = state.editing.as_mut() else {
        return;
    };
    let ix = editing.cell;
    let response = ui.put(
        rect.shrink(1.0),
        egui::TextEdit::singleline(&mut editing.text)
            .id(edit_id(ix))
            .font(FontId::proportional(VALUE_SIZE))
            .align(egui::Align2::RIGHT_CENTER)
            .margin(vec2(PAD, 4.0)),
    );
    response.widget_info(|| {
        egui::WidgetInfo::labeled(egui::Role::TextInput, true, format.cell_label(ix))
    });
    if !response.has_focus() && !response.lost_focus() {
        response.request_focus();
    }
    if response.lost_focus() {
        // Clicked elsewhere: keep what was typed.
        commit(format, editing, effects);
        state.editing = None;
    }
}

/// Selection follows clicks (Shift+click extends the block), double-click edits, and focus moved
/// here by other means (accessibility, Tab out of a text box) moves the selection too.
fn follow_clicks_and_focus(
    ui: &Ui,
    doc: &Document,
    ix: CellIx,
    response: &Response,
    state: &mut GridState,
) {
    if state.focus_cursor && state.cursor == Some(ix) {
        response.request_focus();
        response.scroll_to_me(None);
        state.focus_cursor = false;
    }
    if response.clicked() {
        let shift = ui.input(|i| i.modifiers.shift);
        state.cursor = Some(ix);
        if !shift || state.anchor.is_none() {
            state.anchor = Some(ix);
        }
        response.request_focus();
    }
    // Unless a move to another cell is pending.
    if response.has_focus() && state.cursor != Some(ix) && !state.focus_cursor {
        state.cursor = Some(ix);
        state.anchor = Some(ix);
    }
    let derived = doc.report.format.cell(ix).is_some_and(|c| c.derived);
    if response.double_clicked() && !derived {
        state.editing = Some(Editing {
            cell: ix,
            text: doc
                .report
                .entry(ix)
                .map(CellValue::display)
                .unwrap_or_default(),
            replace: false,
        });
    }
}

/// What the clerk sees hovering a cell: its name, how a total is made, unreadable text, and the
/// findings that name it.
fn cell_tooltip_ui(ui: &mut Ui, doc: &Document, ix: CellIx) {
    let format = doc.report.format;
    ui.label(format.cell_label(ix));
    let derived = format.cell(ix).is_some_and(|c| c.derived);
    if derived {
        ui.label(if doc.report.entry(ix).is_some() {
            "总计（导入时填写的数值，与自动计算不一致时请改用计算值）"
        } else {
            "总计：自动计算"
        });
    }
    if let Some(CellValue::Invalid(text)) = doc.report.entry(ix) {
        ui.colored_label(theme::invalid_text(), format!("“{text}”不是有效数字"));
    }
    for f in doc.findings_for(ix) {
        let expected = f
            .expected
            .as_deref()
            .map(|e| format!("（应为 {e}）"))
            .unwrap_or_default();
        ui.label(format!("[{}] {}{expected}", f.rule, f.message));
    }
}

/// Right-click: 采用计算值 on a typed total, 清空 and 填 0 on an input cell.
fn cell_menu(doc: &Document, ix: CellIx, response: &Response, effects: &mut Vec<Effect>) {
    let Some(info) = doc.report.format.cell(ix) else {
        return;
    };
    let overridden = info.derived && doc.report.entry(ix).is_some();
    response.context_menu(|ui| {
        if overridden && ui.button("采用计算值").clicked() {
            effects.push(Effect::SetCells(vec![(ix, None)]));
            ui.close();
        }
        if !info.derived && ui.button("清空").clicked() {
            effects.push(Effect::SetCells(vec![(ix, None)]));
            ui.close();
        }
        if !info.derived && ui.button("填 0").clicked() {
            let zero = CellValue::zero(info.kind);
            effects.push(Effect::SetCells(vec![(ix, Some(zero))]));
            ui.close();
        }
    });
}
