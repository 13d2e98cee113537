//! The grid's keyboard: moves (arrows, Tab, Enter), editing (typing replaces, F2, Escape),
//! Delete, and the clipboard events (Ctrl+C/X/V) turned into effects.

use egui::{Event, EventFilter, Key, Modifiers, Ui};

use super::clipboard::{copy_block, paste_tsv};
use super::{Editing, GridState, cell_id, edit_id};
use crate::model::value::parse_entry;
use crate::model::{CellValue, Format};
use crate::ui::command::Effect;
use crate::ui::document::Document;
use crate::ui::nav::Nav;

/// Arrow keys and the move each makes (rows, columns).
const ARROWS: [(Key, isize, isize); 4] = [
    (Key::ArrowDown, 1, 0),
    (Key::ArrowUp, -1, 0),
    (Key::ArrowLeft, 0, -1),
    (Key::ArrowRight, 0, 1),
];

/// Keys the grid takes from egui's focus navigation.
const KEYS_WE_HANDLE: EventFilter = EventFilter {
    tab: true,
    horizontal_arrows: true,
    vertical_arrows: true,
    escape: true,
};

/// The grid's keys as the 快捷键 table lists them (the handlers below are the truth).
pub const GRID_KEYS: [(&str, &str); 10] = [
    ("方向键", "移到相邻的单元格"),
    ("Shift+方向键", "扩大选择范围"),
    (
        "Tab / Shift+Tab",
        "右移 / 左移到可填的单元格（跳过总计，到行末转到下一行）",
    ),
    ("Enter / Shift+Enter", "下移 / 上移（修改时先确认）"),
    ("直接输入", "替换单元格的内容"),
    ("F2 / 双击", "修改单元格的内容"),
    ("Esc", "取消修改"),
    ("Delete / Backspace", "清空（总计恢复自动计算）"),
    (
        "Ctrl+C / Ctrl+X",
        "复制 / 剪切所选单元格（可粘贴到 Excel、WPS）",
    ),
    ("Ctrl+V", "粘贴从 Excel、WPS 复制的整块数据"),
];

/// A move of the selection: rows, columns, whether Tab-style wrapping applies, whether the block
/// selection is extended (Shift+arrow).
type Move = (isize, isize, bool, bool);

/// Handles the keyboard for the grids of one section: call before drawing them.
pub fn handle_keys(
    ui: &Ui,
    doc: &Document,
    nav: &Nav,
    state: &mut GridState,
    effects: &mut Vec<Effect>,
) {
    let Some(cursor) = state.cursor else {
        return;
    };
    if nav.pos(cursor).is_none() {
        return;
    }
    if let Some(editing) = state.editing.clone() {
        editing_keys(ui, doc.report.format, nav, &editing, state, effects);
        return;
    }
    if !ui.memory(|m| m.has_focus(cell_id(cursor))) {
        return;
    }
    ui.memory_mut(|m| m.set_focus_lock_filter(cell_id(cursor), KEYS_WE_HANDLE));
    let mut keys = CellKeys::default();
    ui.input_mut(|i| keys.read(i));
    if keys.any() {
        // Whatever the keys do happens to the selected cell: bring it into view.
        state.focus_cursor = true;
    }
    let anchor = state.anchor.unwrap_or(cursor);
    let block = nav.block(anchor, cursor);
    if keys.copy {
        let (text, count) = copy_block(doc, &block);
        ui.ctx().copy_text(text);
        effects.push(Effect::Status(format!("已复制 {count} 个单元格")));
    }
    if keys.clear {
        // Clearing a typed total hands it back to the computation.
        let edits = block.iter().flatten().map(|&c| (c, None)).collect();
        effects.push(Effect::SetCells(edits));
    }
    let format = doc.report.format;
    if let Some(text) = keys.paste {
        effects.extend(paste_tsv(format, nav, cursor, &text));
    }
    if let Some((text, replace)) = keys.start_edit {
        if format.cell(cursor).is_some_and(|c| c.derived) {
            effects.push(Effect::Status(
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
    if let Some((dr, dc, wrap, extend)) = keys.moved {
        let next = step(format, nav, cursor, dr, dc, wrap);
        state.cursor = Some(next);
        if !extend {
            state.anchor = Some(next);
        }
        state.focus_cursor = true;
    }
}

/// Keys while a cell's text box is open: Enter/Tab commit and move, Escape cancels, arrows commit
/// and move when the edit started by typing over the cell.
fn editing_keys(
    ui: &Ui,
    format: &Format,
    nav: &Nav,
    editing: &Editing,
    state: &mut GridState,
    effects: &mut Vec<Effect>,
) {
    ui.memory_mut(|m| m.set_focus_lock_filter(edit_id(editing.cell), KEYS_WE_HANDLE));
    let mut finish: Option<(isize, isize, bool)> = None;
    let mut cancel = false;
    ui.input_mut(|i| {
        if i.consume_key(Modifiers::NONE, Key::Escape) {
            cancel = true;
        } else if let Some((dr, dc, wrap, _)) = enter_or_tab(i) {
            finish = Some((dr, dc, wrap));
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
        commit(format, editing, effects);
        state.editing = None;
        state.select(step(format, nav, editing.cell, dr, dc, wrap));
    }
}

/// The move from `cell`: arrows and Enter go to the next cell whatever it is; Tab (`wrap`)
/// goes to the next cell the clerk can type in, past the read-only totals (and stays put where
/// none is left in that direction).
fn step(format: &Format, nav: &Nav, cell: usize, dr: isize, dc: isize, wrap: bool) -> usize {
    if !wrap {
        return nav.step(cell, dr, dc, wrap);
    }
    let mut at = cell;
    for _ in 0..nav.rows.iter().map(|r| r.cells.len()).sum::<usize>() {
        let next = nav.step(at, dr, dc, wrap);
        if next == at {
            break;
        }
        if format.cell(next).is_some_and(|c| !c.derived) {
            return next;
        }
        at = next;
    }
    cell
}

/// Enter / Shift+Enter move down / up; Tab / Shift+Tab move right / left, wrapping rows.
fn enter_or_tab(i: &mut egui::InputState) -> Option<Move> {
    if i.consume_key(Modifiers::SHIFT, Key::Enter) {
        Some((-1, 0, false, false))
    } else if i.consume_key(Modifiers::NONE, Key::Enter) {
        Some((1, 0, false, false))
    } else if i.consume_key(Modifiers::SHIFT, Key::Tab) {
        Some((0, -1, true, false))
    } else if i.consume_key(Modifiers::NONE, Key::Tab) {
        Some((0, 1, true, false))
    } else {
        None
    }
}

/// What the keys pressed on a selected (not edited) cell ask for.
#[derive(Default)]
struct CellKeys {
    moved: Option<Move>,
    start_edit: Option<(String, bool)>,
    clear: bool,
    copy: bool,
    paste: Option<String>,
}

impl CellKeys {
    fn any(&self) -> bool {
        self.moved.is_some()
            || self.start_edit.is_some()
            || self.clear
            || self.copy
            || self.paste.is_some()
    }

    fn read(&mut self, i: &mut egui::InputState) {
        for (key, dr, dc) in ARROWS {
            if i.consume_key(Modifiers::NONE, key) {
                self.moved = Some((dr, dc, false, false));
            } else if i.consume_key(Modifiers::SHIFT, key) {
                self.moved = Some((dr, dc, false, true));
            }
        }
        if let Some(m) = enter_or_tab(i) {
            self.moved = Some(m);
        }
        if i.consume_key(Modifiers::NONE, Key::F2) {
            self.start_edit = Some((String::new(), false));
        }
        if i.consume_key(Modifiers::NONE, Key::Delete)
            || i.consume_key(Modifiers::NONE, Key::Backspace)
        {
            self.clear = true;
        }
        i.events.retain(|e| match e {
            Event::Text(t) if !t.chars().all(char::is_control) => {
                self.start_edit = Some((t.clone(), true));
                false
            }
            Event::Copy => {
                self.copy = true;
                false
            }
            Event::Cut => {
                self.copy = true;
                self.clear = true;
                false
            }
            Event::Paste(text) => {
                self.paste = Some(text.clone());
                false
            }
            _ => true,
        });
    }
}

/// Turns the edit box's text into a cell value, never dropping it: unreadable text is kept as
/// an invalid entry the checker reports.
pub(super) fn commit(format: &Format, editing: &Editing, effects: &mut Vec<Effect>) {
    let Some(info) = format.cell(editing.cell) else {
        return;
    };
    let parsed = parse_entry(&editing.text, info.kind);
    let value = (parsed.value != CellValue::Blank).then_some(parsed.value);
    effects.push(Effect::SetCells(vec![(editing.cell, value)]));
    if let Some(note) = parsed.note {
        effects.push(Effect::Status(note));
    }
}
