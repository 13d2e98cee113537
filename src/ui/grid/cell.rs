//! One value cell: its figure, tint and outline, the selection, the edit box, its tooltip and
//! its context menu.

use egui::{Align2, FontId, Rect, Response, Sense, Stroke, StrokeKind, Ui, vec2};

use super::keys::commit;
use super::table::{Panes, Sizes, border};
use super::widths::PAD;
use super::{Editing, GridState, cell_id, edit_id};
use crate::model::CellValue;
use crate::model::format::CellIx;
use crate::ui::command::Effect;
use crate::ui::document::Document;
use crate::ui::{hints, theme};

/// A value cell where it is drawn.
pub struct CellView<'a> {
    /// The document.
    pub doc: &'a Document,
    /// The cell.
    pub ix: CellIx,
    /// Where it is laid out.
    pub rect: Rect,
    /// The table's frozen panes (which may cover it).
    pub panes: Panes,
    /// Whether it is in the block selection.
    pub in_block: bool,
    /// Type sizes.
    pub sizes: Sizes,
}

/// Draws a value cell and handles its mouse.
pub fn value_cell(
    ui: &mut Ui,
    view: &CellView<'_>,
    state: &mut GridState,
    effects: &mut Vec<Effect>,
) {
    let CellView { doc, ix, rect, .. } = *view;
    let format = doc.report.format;
    let Some(info) = format.cell(ix) else {
        return;
    };
    if state.editing.as_ref().is_some_and(|e| e.cell == ix) {
        edit_box(ui, view, state, effects);
        return;
    }
    // Only the part not under a frozen pane takes clicks.
    let response = ui.interact(view.panes.uncovered(rect), cell_id(ix), Sense::click());
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
    follow_clicks_and_focus(ui, view, &response, state);
    let visuals = ui.visuals();
    let painter = ui.painter();
    // 待填 findings (a table not started) tint nothing red: the cell stays as it is.
    let severity = doc.shown_severity(ix);
    if let Some(severity) = severity {
        painter.rect_filled(rect, 0.0, theme::severity_fill(severity, visuals));
    } else if view.in_block {
        let tint = visuals.selection.bg_fill.gamma_multiply(0.4);
        painter.rect_filled(rect, 0.0, tint);
    } else if info.derived {
        painter.rect_filled(rect, 0.0, visuals.faint_bg_color);
    }
    let invalid = matches!(doc.report.entry(ix), Some(CellValue::Invalid(_)));
    let color = theme::figure_color(visuals, severity, info.derived, invalid);
    let pos = rect.right_center() - vec2(PAD + 2.0, 0.0);
    let font = FontId::proportional(view.sizes.value);
    if info.derived {
        // Totals print bold: a second pass a fraction of a point to the right.
        let bold = pos + vec2(0.6, 0.0);
        painter.text(bold, Align2::RIGHT_CENTER, &display, font.clone(), color);
    }
    painter.text(pos, Align2::RIGHT_CENTER, &display, font, color);
    painter.rect_stroke(rect, 0.0, border(ui), StrokeKind::Inside);
    if let Some(severity) = severity {
        // The cell changed last, among a failing rule's cells, is the likely cause: a heavier
        // outline.
        let width = if doc.likely_cause(ix) { 3.5 } else { 1.5 };
        let stroke = Stroke::new(width, theme::severity_color(severity, visuals));
        painter.rect_stroke(rect.shrink(1.0), 0.0, stroke, StrokeKind::Inside);
    }
    if state.cursor == Some(ix) {
        let stroke = Stroke::new(2.0, visuals.selection.stroke.color);
        painter.rect_stroke(rect.shrink(1.0), 0.0, stroke, StrokeKind::Inside);
    }
    // Under a modal dialog the cell is out of reach: no tooltip shows through the dialog.
    let reachable = ui.ctx().memory(|m| m.allows_interaction(ui.layer_id()));
    let response = if reachable {
        response.on_hover_ui(|ui| cell_tooltip_ui(ui, doc, ix))
    } else {
        response
    };
    cell_menu(doc, ix, &response, effects);
}

/// The text box of the cell being edited.
fn edit_box(ui: &mut Ui, view: &CellView<'_>, state: &mut GridState, effects: &mut Vec<Effect>) {
    let format = view.doc.report.format;
    if state.focus_cursor {
        ui.scroll_to_rect(view.panes.reveal(view.rect), None);
        state.focus_cursor = false;
    }
    let Some(editing) = state.editing.as_mut() else {
        return;
    };
    let ix = editing.cell;
    let response = ui.put(
        view.rect.shrink(1.0),
        egui::TextEdit::singleline(&mut editing.text)
            .id(edit_id(ix))
            .font(FontId::proportional(view.sizes.value))
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
/// here by other means (accessibility, Tab out of a text box) moves the selection too. A cell
/// selected by the keys, a finding or a paste is scrolled into view, clear of the frozen panes.
fn follow_clicks_and_focus(
    ui: &Ui,
    view: &CellView<'_>,
    response: &Response,
    state: &mut GridState,
) {
    let ix = view.ix;
    if state.focus_cursor && state.cursor == Some(ix) {
        response.request_focus();
        ui.scroll_to_rect(view.panes.reveal(view.rect), None);
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
    let doc = view.doc;
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

/// What the clerk sees hovering a cell: its name, how a total is made, unreadable text, and what
/// each finding naming it says about it.
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
        let color = theme::severity_color(crate::model::Severity::Error, ui.visuals());
        ui.colored_label(color, format!("“{text}”不是有效数字"));
    }
    if doc.cell_pending(ix) {
        ui.weak("待填：本表还没有开始填写，填入第一个数字后才按勾稽关系核对");
    }
    if doc.likely_cause(ix) {
        let color = theme::severity_color(crate::model::Severity::Error, ui.visuals());
        ui.colored_label(color, "刚修改的是此格，可能是不符的原因");
    }
    let id = format.cell_id(ix);
    for f in doc.findings_for(ix) {
        ui.label(hints::finding_hint(f, id));
    }
    if let Some(summary) = &doc.summary {
        crate::ui::summary::contributors_ui(ui, doc, summary, ix);
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
