//! The table grids, drawn like the printed form (merged headers, group labels spanning rows) from
//! the format's printed layout, with spreadsheet keys: arrows, Tab, Enter, F2, Delete, typing
//! replaces, Ctrl+C copies TSV, Ctrl+V pastes TSV from Excel/WPS.

use egui::{
    Align2, Color32, Event, EventFilter, FontId, Id, Key, Modifiers, Rect, Sense, Stroke,
    StrokeKind, Ui, pos2, vec2,
};

use super::command::Command;
use super::document::Document;
use super::nav::Nav;
use crate::model::format::{CellIx, GridContent, Layout, PrintedGrid, Severity, Table};
use crate::model::value::parse_entry;
use crate::model::{CellValue, Format};

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

fn edit_id(cell: CellIx) -> Id {
    Id::unique(("nianbao-edit", cell))
}

/// Arrow keys and the move each makes (rows, columns).
const ARROWS: [(Key, isize, isize); 4] = [
    (Key::ArrowDown, 1, 0),
    (Key::ArrowUp, -1, 0),
    (Key::ArrowLeft, 0, -1),
    (Key::ArrowRight, 0, 1),
];

const KEYS_WE_HANDLE: EventFilter = EventFilter {
    tab: true,
    horizontal_arrows: true,
    vertical_arrows: true,
    escape: true,
};

/// Handles the keyboard for the grids of one section: call before drawing them.
pub fn handle_keys(
    ui: &Ui,
    doc: &Document,
    nav: &Nav,
    state: &mut GridState,
    commands: &mut Vec<Command>,
) {
    let Some(cursor) = state.cursor else {
        return;
    };
    if nav.pos(cursor).is_none() {
        return;
    }
    let format = doc.report.format;
    if let Some(editing) = state.editing.clone() {
        ui.memory_mut(|m| m.set_focus_lock_filter(edit_id(editing.cell), KEYS_WE_HANDLE));
        let mut finish: Option<(isize, isize, bool)> = None;
        let mut cancel = false;
        ui.input_mut(|i| {
            if i.consume_key(Modifiers::NONE, Key::Escape) {
                cancel = true;
            } else if i.consume_key(Modifiers::SHIFT, Key::Enter) {
                finish = Some((-1, 0, false));
            } else if i.consume_key(Modifiers::NONE, Key::Enter) {
                finish = Some((1, 0, false));
            } else if i.consume_key(Modifiers::SHIFT, Key::Tab) {
                finish = Some((0, -1, true));
            } else if i.consume_key(Modifiers::NONE, Key::Tab) {
                finish = Some((0, 1, true));
            } else if editing.replace {
                for (key, dr, dc) in ARROWS {
                    if i.consume_key(Modifiers::NONE, key) {
                        finish = Some((dr, dc, false));
                        break;
                    }
                }
            }
        });
        if cancel {
            state.editing = None;
            state.focus_cursor = true;
        } else if let Some((dr, dc, wrap)) = finish {
            commit(format, &editing, commands);
            state.editing = None;
            let next = nav.step(editing.cell, dr, dc, wrap);
            state.select(next);
        }
        return;
    }
    if !ui.memory(|m| m.has_focus(cell_id(cursor))) {
        return;
    }
    ui.memory_mut(|m| m.set_focus_lock_filter(cell_id(cursor), KEYS_WE_HANDLE));
    let mut moved: Option<(isize, isize, bool, bool)> = None;
    let mut start_edit: Option<(String, bool)> = None;
    let mut clear = false;
    let mut copy = false;
    let mut paste: Option<String> = None;
    ui.input_mut(|i| {
        for (key, dr, dc) in ARROWS {
            if i.consume_key(Modifiers::NONE, key) {
                moved = Some((dr, dc, false, false));
            } else if i.consume_key(Modifiers::SHIFT, key) {
                moved = Some((dr, dc, false, true));
            }
        }
        if i.consume_key(Modifiers::SHIFT, Key::Tab) {
            moved = Some((0, -1, true, false));
        } else if i.consume_key(Modifiers::NONE, Key::Tab) {
            moved = Some((0, 1, true, false));
        }
        if i.consume_key(Modifiers::SHIFT, Key::Enter) {
            moved = Some((-1, 0, false, false));
        } else if i.consume_key(Modifiers::NONE, Key::Enter) {
            moved = Some((1, 0, false, false));
        }
        if i.consume_key(Modifiers::NONE, Key::F2) {
            start_edit = Some((String::new(), false));
        }
        if i.consume_key(Modifiers::NONE, Key::Delete)
            || i.consume_key(Modifiers::NONE, Key::Backspace)
        {
            clear = true;
        }
        i.events.retain(|e| match e {
            Event::Text(t) if !t.chars().all(char::is_control) => {
                start_edit = Some((t.clone(), true));
                false
            }
            Event::Copy => {
                copy = true;
                false
            }
            Event::Cut => {
                copy = true;
                clear = true;
                false
            }
            Event::Paste(text) => {
                paste = Some(text.clone());
                false
            }
            _ => true,
        });
    });
    let anchor = state.anchor.unwrap_or(cursor);
    let block = nav.block(anchor, cursor);
    if copy {
        let tsv: Vec<String> = block
            .iter()
            .map(|row| {
                row.iter()
                    .map(|&c| {
                        doc.resolved
                            .get(c)
                            .map(CellValue::display)
                            .unwrap_or_default()
                    })
                    .collect::<Vec<_>>()
                    .join("\t")
            })
            .collect();
        ui.ctx().copy_text(tsv.join("\n"));
        commands.push(Command::Status(format!(
            "已复制 {} 个单元格",
            block.iter().map(Vec::len).sum::<usize>()
        )));
    }
    if clear {
        // Clearing a typed total hands it back to the computation.
        let edits = block.iter().flatten().map(|&c| (c, None)).collect();
        commands.push(Command::SetCells(edits));
    }
    if let Some(text) = paste {
        commands.extend(paste_tsv(format, nav, cursor, &text));
    }
    if let Some((text, replace)) = start_edit {
        if format.cell(cursor).is_some_and(|c| c.derived) {
            commands.push(Command::Status(
                "总计由各项自动计算，不能直接填写；请修改各分项".to_owned(),
            ));
        } else {
            let text = if replace {
                text
            } else {
                doc.report
                    .entry(cursor)
                    .map(CellValue::display)
                    .unwrap_or_default()
            };
            state.editing = Some(Editing {
                cell: cursor,
                text,
                replace,
            });
        }
    }
    if let Some((dr, dc, wrap, extend)) = moved {
        let next = nav.step(cursor, dr, dc, wrap);
        state.cursor = Some(next);
        if !extend {
            state.anchor = Some(next);
        }
        state.focus_cursor = true;
    }
}

/// Turns the edit box's text into a cell value, never dropping it: unreadable text is kept as
/// an invalid entry the checker reports.
fn commit(format: &Format, editing: &Editing, commands: &mut Vec<Command>) {
    let Some(info) = format.cell(editing.cell) else {
        return;
    };
    let parsed = parse_entry(&editing.text, info.kind);
    let value = (parsed.value != CellValue::Blank).then_some(parsed.value);
    commands.push(Command::SetCells(vec![(editing.cell, value)]));
    if let Some(note) = parsed.note {
        commands.push(Command::Status(note));
    }
}

/// Reads a TSV block (from Excel/WPS) into cell edits starting at `at`.
pub fn paste_tsv(format: &Format, nav: &Nav, at: CellIx, text: &str) -> Vec<Command> {
    let Some((r0, c0)) = nav.pos(at) else {
        return Vec::new();
    };
    let mut edits = Vec::new();
    let mut skipped = 0;
    let lines: Vec<&str> = text.trim_end_matches(['\r', '\n']).split('\n').collect();
    for (i, line) in lines.iter().enumerate() {
        for (j, field) in line.trim_end_matches('\r').split('\t').enumerate() {
            let Some(cell) = nav.at(r0 + i, c0 + j) else {
                skipped += 1;
                continue;
            };
            let Some(info) = format.cell(cell) else {
                continue;
            };
            if info.derived {
                skipped += 1;
                continue;
            }
            let value = parse_entry(field, info.kind).value;
            edits.push((cell, (value != CellValue::Blank).then_some(value)));
        }
    }
    let count = edits.len();
    let mut out = vec![Command::SetCells(edits)];
    let more = if skipped > 0 {
        format!("（{skipped} 个总计或表外单元格未粘贴）")
    } else {
        String::new()
    };
    out.push(Command::Status(format!("已粘贴 {count} 个单元格{more}")));
    out
}

/// Column widths of a printed table in points.
fn column_widths(table: &Table, grid: &PrintedGrid) -> Vec<f32> {
    let labels: &[f32] = match grid.label_columns {
        3 => &[84.0, 112.0, 224.0],
        2 => &[150.0, 250.0],
        1 => &[200.0],
        _ => &[],
    };
    let value = match table.layout {
        Layout::SingleRow => 50.0,
        Layout::Rows if grid.label_columns >= 3 => 62.0,
        Layout::Rows => 130.0,
    };
    (0..grid.columns)
        .map(|c| labels.get(c).copied().unwrap_or(value))
        .collect()
}

const PAD: f32 = 4.0;
const MIN_ROW: f32 = 26.0;

/// Draws one table as the printed form.
pub fn table_ui(
    ui: &mut Ui,
    doc: &Document,
    table: &Table,
    grid: &PrintedGrid,
    nav: &Nav,
    state: &mut GridState,
    commands: &mut Vec<Command>,
) {
    let widths = column_widths(table, grid);
    let header_font = FontId::proportional(13.0);
    let body_font = FontId::proportional(13.0);
    let text_color = ui.visuals().text_color();
    let span_width = |col: usize, span: usize| widths.iter().skip(col).take(span).sum::<f32>();
    let mut heights = vec![MIN_ROW; grid.rows];
    for cell in grid.cells.iter().filter(|c| c.row_span == 1) {
        if let GridContent::Label(text) = &cell.content {
            let font = if cell.header {
                header_font.clone()
            } else {
                body_font.clone()
            };
            let galley = ui.painter().layout(
                text.clone(),
                font,
                text_color,
                span_width(cell.col, cell.col_span) - 2.0 * PAD,
            );
            if let Some(h) = heights.get_mut(cell.row) {
                *h = h.max(galley.size().y + 2.0 * PAD);
            }
        }
    }
    let total = vec2(widths.iter().sum(), heights.iter().sum());
    let (outer, _) = ui.allocate_exact_size(total, Sense::hover());
    let xs: Vec<f32> = std::iter::once(0.0)
        .chain(widths.iter().scan(0.0, |acc, w| {
            *acc += w;
            Some(*acc)
        }))
        .collect();
    let ys: Vec<f32> = std::iter::once(0.0)
        .chain(heights.iter().scan(0.0, |acc, h| {
            *acc += h;
            Some(*acc)
        }))
        .collect();
    let rect_of = |row: usize, col: usize, rs: usize, cs: usize| {
        let x0 = xs.get(col).copied().unwrap_or(0.0);
        let x1 = xs.get(col + cs).copied().unwrap_or(x0);
        let y0 = ys.get(row).copied().unwrap_or(0.0);
        let y1 = ys.get(row + rs).copied().unwrap_or(y0);
        Rect::from_min_max(outer.min + vec2(x0, y0), outer.min + vec2(x1, y1))
    };
    let border = Stroke::new(1.0, ui.visuals().widgets.noninteractive.bg_stroke.color);
    let header_fill = ui.visuals().faint_bg_color;
    let block: Vec<CellIx> = match (state.anchor, state.cursor) {
        (Some(a), Some(c)) if a != c => nav.block(a, c).concat(),
        _ => Vec::new(),
    };
    for cell in &grid.cells {
        let rect = rect_of(cell.row, cell.col, cell.row_span, cell.col_span);
        match &cell.content {
            GridContent::Label(text) => {
                let painter = ui.painter();
                if cell.header {
                    painter.rect_filled(rect, 0.0, header_fill);
                }
                let font = if cell.header {
                    header_font.clone()
                } else {
                    body_font.clone()
                };
                let galley =
                    painter.layout(text.clone(), font, text_color, rect.width() - 2.0 * PAD);
                let pos = if cell.header || table.layout == Layout::SingleRow {
                    rect.center() - galley.size() / 2.0
                } else {
                    pos2(rect.left() + PAD, rect.center().y - galley.size().y / 2.0)
                };
                painter.galley(pos, galley, text_color);
                painter.rect_stroke(rect, 0.0, border, StrokeKind::Inside);
            }
            GridContent::Value(ix) => {
                value_cell(ui, doc, *ix, rect, state, block.contains(ix), commands)
            }
        }
    }
}

fn severity_colors(severity: Option<Severity>, dark: bool) -> Option<(Color32, Color32)> {
    let (fill, stroke) = match severity? {
        Severity::Error => (
            Color32::from_rgb(255, 200, 200),
            Color32::from_rgb(200, 30, 30),
        ),
        Severity::Warning => (
            Color32::from_rgb(255, 232, 180),
            Color32::from_rgb(200, 130, 0),
        ),
    };
    Some(if dark {
        (fill.gamma_multiply(0.35), stroke)
    } else {
        (fill, stroke)
    })
}

fn value_cell(
    ui: &mut Ui,
    doc: &Document,
    ix: CellIx,
    rect: Rect,
    state: &mut GridState,
    in_block: bool,
    commands: &mut Vec<Command>,
) {
    let format = doc.report.format;
    let Some(info) = format.cell(ix) else {
        return;
    };
    if let Some(editing) = state.editing.as_mut().filter(|e| e.cell == ix) {
        let response = ui.put(
            rect.shrink(1.0),
            egui::TextEdit::singleline(&mut editing.text)
                .id(edit_id(ix))
                .font(FontId::proportional(14.0))
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
            let editing = editing.clone();
            commit(format, &editing, commands);
            state.editing = None;
        }
        return;
    }
    let id = cell_id(ix);
    let response = ui.interact(rect, id, Sense::click());
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
    // Focus moved here by other means (accessibility, Tab out of a text box): follow it, unless a
    // move to another cell is pending.
    if response.has_focus() && state.cursor != Some(ix) && !state.focus_cursor {
        state.cursor = Some(ix);
        state.anchor = Some(ix);
    }
    if response.double_clicked() && !info.derived {
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
    let dark = ui.visuals().dark_mode;
    let painter = ui.painter();
    let severity = doc.cell_severity(ix);
    let overridden = info.derived && doc.report.entry(ix).is_some();
    if let Some((fill, _)) = severity_colors(severity, dark) {
        painter.rect_filled(rect, 0.0, fill);
    } else if in_block {
        painter.rect_filled(
            rect,
            0.0,
            ui.visuals().selection.bg_fill.gamma_multiply(0.4),
        );
    } else if info.derived {
        painter.rect_filled(rect, 0.0, ui.visuals().faint_bg_color);
    }
    let color = match doc.report.entry(ix) {
        Some(CellValue::Invalid(_)) => Color32::from_rgb(200, 30, 30),
        _ if info.derived => ui.visuals().strong_text_color(),
        _ => ui.visuals().text_color(),
    };
    let pos = rect.right_center() - vec2(PAD + 2.0, 0.0);
    let font = FontId::proportional(14.0);
    if info.derived {
        // Totals print bold: a second pass a fraction of a point to the right.
        painter.text(
            pos + vec2(0.6, 0.0),
            Align2::RIGHT_CENTER,
            &display,
            font.clone(),
            color,
        );
    }
    painter.text(pos, Align2::RIGHT_CENTER, &display, font, color);
    let border = Stroke::new(1.0, ui.visuals().widgets.noninteractive.bg_stroke.color);
    painter.rect_stroke(rect, 0.0, border, StrokeKind::Inside);
    if let Some((_, stroke)) = severity_colors(severity, dark) {
        painter.rect_stroke(
            rect.shrink(1.0),
            0.0,
            Stroke::new(1.5, stroke),
            StrokeKind::Inside,
        );
    }
    if state.cursor == Some(ix) {
        painter.rect_stroke(
            rect.shrink(1.0),
            0.0,
            Stroke::new(2.0, ui.visuals().selection.stroke.color),
            StrokeKind::Inside,
        );
    }
    let response = response.on_hover_ui(|ui| {
        ui.label(format.cell_label(ix));
        if info.derived {
            ui.label(if overridden {
                "总计（导入时填写的数值，与自动计算不一致时请改用计算值）"
            } else {
                "总计：自动计算"
            });
        }
        if let Some(CellValue::Invalid(text)) = doc.report.entry(ix) {
            ui.colored_label(
                Color32::from_rgb(200, 30, 30),
                format!("“{text}”不是有效数字"),
            );
        }
        for f in doc.findings_for(ix) {
            let expected = f
                .expected
                .as_deref()
                .map(|e| format!("（应为 {e}）"))
                .unwrap_or_default();
            ui.label(format!("[{}] {}{expected}", f.rule, f.message));
        }
    });
    response.context_menu(|ui| {
        if overridden && ui.button("采用计算值").clicked() {
            commands.push(Command::SetCells(vec![(ix, None)]));
            ui.close();
        }
        if !info.derived && ui.button("清空").clicked() {
            commands.push(Command::SetCells(vec![(ix, None)]));
            ui.close();
        }
        if !info.derived && ui.button("填 0").clicked() {
            commands.push(Command::SetCells(vec![(
                ix,
                Some(CellValue::zero(info.kind)),
            )]));
            ui.close();
        }
    });
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::model::format;

    #[test]
    fn pasting_tsv_fills_a_block_and_skips_totals() {
        let f = format::by_id("gb2021").unwrap();
        let nav = Nav::for_section(f, 2);
        let at = f.cell_index("t3.new.corp_other").unwrap();
        let cmds = paste_tsv(f, &nav, at, "1\t２件\t9\r\n3\t1,000\n");
        let Command::SetCells(edits) = &cmds[0] else {
            panic!()
        };
        let ids: Vec<&str> = edits.iter().map(|(c, _)| f.cell_id(*c)).collect();
        assert_eq!(
            ids,
            ["t3.new.corp_other", "t3.carried_in.corp_other"],
            "totals column skipped"
        );
        assert_eq!(edits[0].1, Some(CellValue::Int(1)));
        assert_eq!(edits[1].1, Some(CellValue::Int(3)));
        let Command::Status(msg) = &cmds[1] else {
            panic!()
        };
        assert!(msg.contains("已粘贴 2 个单元格"), "{msg}");
    }
}
