//! What the clerk can ask for, as values: menus and shortcuts report a [`Command`], and the app
//! applies it in one place after drawing. Each command's label, shortcuts and tooltip live here,
//! once, so the menus, the shortcut handler and the 快捷键 table all read the same list.
//!
//! What widgets do to the document on the clerk's behalf (a typed cell, a status message) is an
//! [`Effect`], not a command: it has no menu entry and no shortcut.

use std::path::PathBuf;

use egui::{Key, KeyboardShortcut, Modifiers};

use crate::model::CellValue;
use crate::model::format::CellIx;

/// A user intent.
#[derive(Debug, Clone, PartialEq)]
pub enum Command {
    /// 新建: a new empty report.
    New,
    /// 从上年报告新建: next year's draft from last year's draft or published report.
    NewFromLastYear,
    /// 打开: asks for a file.
    Open,
    /// 最近打开: a file from the recent list (or the command line).
    OpenRecent(PathBuf),
    /// 保存.
    Save,
    /// 另存为.
    SaveAs,
    /// 导出 PDF.
    ExportPdf,
    /// 设置 PDF 字体文件夹.
    ChooseFontFolder,
    /// 退出.
    Quit,
    /// 撤销.
    Undo,
    /// 重做.
    Redo,
    /// 空白单元格填 0.
    FillBlanksWithZero,
    /// 清除提示: the notes were all reviewed.
    ClearNotes,
}

/// What the menus and the 快捷键 table show for a command.
#[derive(Debug, Clone, Copy)]
pub struct Spec {
    /// Menu label.
    pub label: &'static str,
    /// Keyboard shortcuts; the first is shown in menus.
    pub shortcuts: &'static [KeyboardShortcut],
    /// What it does, for the menu's hover text (empty when the label says it all).
    pub tooltip: &'static str,
}

const CTRL: Modifiers = Modifiers::COMMAND;
const CTRL_SHIFT: Modifiers = Modifiers {
    shift: true,
    ..Modifiers::COMMAND
};

const fn key(modifiers: Modifiers, key: Key) -> KeyboardShortcut {
    KeyboardShortcut::new(modifiers, key)
}

impl Command {
    /// Every command that takes no argument, in menu order: the shortcut handler and the 快捷键
    /// table read this list.
    pub const ALL: [Command; 12] = [
        Command::New,
        Command::NewFromLastYear,
        Command::Open,
        Command::Save,
        Command::SaveAs,
        Command::ExportPdf,
        Command::ChooseFontFolder,
        Command::Quit,
        Command::Undo,
        Command::Redo,
        Command::FillBlanksWithZero,
        Command::ClearNotes,
    ];

    /// Label, shortcuts and tooltip.
    pub fn spec(&self) -> Spec {
        let (label, shortcuts, tooltip): (_, &'static [KeyboardShortcut], _) = match self {
            Command::New => (
                "新建…",
                const { &[key(CTRL, Key::N)] },
                "按年度和机关全称新建一份空白报告",
            ),
            Command::NewFromLastYear => (
                "从上年报告新建…",
                &[],
                "读入上年的草稿或已发布的报告，生成本年度草稿（上年结转、格式升级并列出提示）",
            ),
            Command::Open => (
                "打开…",
                const { &[key(CTRL, Key::O)] },
                "打开 .ron 草稿，或导入已发布报告的 .txt/.html 文件",
            ),
            Command::OpenRecent(_) => ("最近打开", &[], ""),
            Command::Save => ("保存", const { &[key(CTRL, Key::S)] }, ""),
            Command::SaveAs => ("另存为…", const { &[key(CTRL_SHIFT, Key::S)] }, ""),
            Command::ExportPdf => (
                "导出 PDF…",
                const { &[key(CTRL, Key::P)] },
                "导出可直接打印的 A4 PDF（内嵌字体）",
            ),
            Command::ChooseFontFolder => (
                "设置 PDF 字体文件夹…",
                &[],
                "除 Windows 字体文件夹外，另在此查找仿宋_GB2312、黑体、楷体、方正小标宋",
            ),
            Command::Quit => ("退出", &[], ""),
            Command::Undo => ("撤销", const { &[key(CTRL, Key::Z)] }, ""),
            Command::Redo => (
                "重做",
                const { &[key(CTRL, Key::Y), key(CTRL_SHIFT, Key::Z)] },
                "",
            ),
            Command::FillBlanksWithZero => (
                "空白单元格填 0",
                &[],
                "把各表中所有空白的填报单元格填为 0（总计除外）",
            ),
            Command::ClearNotes => ("已全部核对，清除提示", &[], ""),
        };
        Spec {
            label,
            shortcuts,
            tooltip,
        }
    }

    /// Menu label.
    pub fn label(&self) -> &'static str {
        self.spec().label
    }

    /// Keyboard shortcuts (the first is shown in menus).
    pub fn shortcuts(&self) -> &'static [KeyboardShortcut] {
        self.spec().shortcuts
    }

    /// The commands that have shortcuts, in the order to test them: those with more modifiers
    /// first, so Ctrl+Shift+S is not taken for Ctrl+S.
    pub fn with_shortcuts() -> Vec<Command> {
        let modifiers = |c: &Command| {
            c.shortcuts()
                .iter()
                .map(|s| usize::from(s.modifiers.shift) + usize::from(s.modifiers.alt))
                .max()
        };
        let mut list: Vec<Command> = Self::ALL
            .into_iter()
            .filter(|c| !c.shortcuts().is_empty())
            .collect();
        list.sort_by_key(|c| std::cmp::Reverse(modifiers(c)));
        list
    }
}

/// A change the widgets make on the clerk's behalf, applied with the commands after drawing.
#[derive(Debug, Clone, PartialEq)]
pub enum Effect {
    /// Sets cells as one undoable edit.
    SetCells(Vec<(CellIx, Option<CellValue>)>),
    /// Shows a message in the status bar.
    Status(String),
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn no_two_commands_share_a_shortcut() {
        let mut all: Vec<KeyboardShortcut> = Command::ALL
            .iter()
            .flat_map(|c| c.shortcuts().iter().copied())
            .collect();
        let n = all.len();
        all.sort_by_key(|s| format!("{s:?}"));
        all.dedup();
        assert_eq!(all.len(), n);
    }

    #[test]
    fn shifted_shortcuts_are_tested_first() {
        let order = Command::with_shortcuts();
        let pos = |c: &Command| order.iter().position(|x| x == c).unwrap();
        assert!(pos(&Command::SaveAs) < pos(&Command::Save));
        assert!(pos(&Command::Redo) < pos(&Command::Undo));
    }
}
