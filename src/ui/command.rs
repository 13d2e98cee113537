//! Every user action as a value: menus, shortcuts and widgets report a [`Command`]; the app
//! applies them in one place after drawing.

use std::path::PathBuf;

use egui::{Key, KeyboardShortcut, Modifiers};

use crate::model::CellValue;
use crate::model::format::CellIx;

/// A user action.
#[derive(Debug, Clone, PartialEq)]
pub enum Command {
    /// 新建: a new empty report.
    New,
    /// 从上年报告新建: next year's draft from last year's draft or published report.
    NewFromLastYear,
    /// 打开 (a path from 最近打开 or the command line; `None` asks).
    Open(Option<PathBuf>),
    /// 保存.
    Save,
    /// 另存为.
    SaveAs,
    /// 导出 PDF.
    ExportPdf,
    /// 撤销.
    Undo,
    /// 重做.
    Redo,
    /// 退出.
    Quit,
    /// Sets cells as one undoable edit.
    SetCells(Vec<(CellIx, Option<CellValue>)>),
    /// Fills every blank input cell with 0.
    FillBlanksWithZero,
    /// Shows a message in the status bar.
    Status(String),
}

impl Command {
    /// Menu label.
    pub fn label(&self) -> &'static str {
        match self {
            Command::New => "新建…",
            Command::NewFromLastYear => "从上年报告新建…",
            Command::Open(_) => "打开…",
            Command::Save => "保存",
            Command::SaveAs => "另存为…",
            Command::ExportPdf => "导出 PDF…",
            Command::Undo => "撤销",
            Command::Redo => "重做",
            Command::Quit => "退出",
            Command::FillBlanksWithZero => "空白单元格填 0",
            Command::SetCells(_) | Command::Status(_) => "",
        }
    }

    /// Keyboard shortcuts (the first is shown in menus).
    pub fn shortcuts(&self) -> Vec<KeyboardShortcut> {
        const CTRL: Modifiers = Modifiers::COMMAND;
        const CTRL_SHIFT: Modifiers = Modifiers {
            shift: true,
            ..Modifiers::COMMAND
        };
        match self {
            Command::New => vec![KeyboardShortcut::new(CTRL, Key::N)],
            Command::Open(None) => vec![KeyboardShortcut::new(CTRL, Key::O)],
            Command::Save => vec![KeyboardShortcut::new(CTRL, Key::S)],
            Command::SaveAs => vec![KeyboardShortcut::new(CTRL_SHIFT, Key::S)],
            Command::ExportPdf => vec![KeyboardShortcut::new(CTRL, Key::P)],
            Command::Undo => vec![KeyboardShortcut::new(CTRL, Key::Z)],
            Command::Redo => vec![
                KeyboardShortcut::new(CTRL, Key::Y),
                KeyboardShortcut::new(CTRL_SHIFT, Key::Z),
            ],
            _ => Vec::new(),
        }
    }

    /// The commands that have global shortcuts, checked every frame. Shift+Ctrl+S and
    /// Shift+Ctrl+Z come before their unshifted forms so they are not taken for them.
    pub fn with_shortcuts() -> [Command; 7] {
        [
            Command::SaveAs,
            Command::Redo,
            Command::New,
            Command::Open(None),
            Command::Save,
            Command::ExportPdf,
            Command::Undo,
        ]
    }
}
