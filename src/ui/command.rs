//! What the clerk can ask for, as values: menus and shortcuts report a [`Command`], and the app
//! applies it in one place after drawing. Each command's label, shortcuts, tooltip and menu live
//! here, once: the menu bar, the shortcut handler and the 快捷键 table all read [`Command::ALL`].
//!
//! Adding a command: a variant (one without an argument is in [`Command::ALL`] by itself), a line in [`Command::spec`] (it then appears in its menu and in
//! the 快捷键 table), and an arm in `app/actions.rs` that does it.
//!
//! What widgets do to the document on the clerk's behalf (a typed cell, a status message) is an
//! [`Effect`], not a command: it has no menu entry and no shortcut.

use std::path::PathBuf;

use egui::{Key, KeyboardShortcut, Modifiers};

use super::settings::{FontSize, Theme};
use crate::model::CellValue;
use crate::model::format::CellIx;

/// Declares [`Command`] and [`Command::ALL`] together: every variant without an argument is in
/// `ALL`, in the order declared (the menu order), so no command can be left out of the menus,
/// the shortcut handler or the 快捷键 table.
macro_rules! commands {
    (@munch [$($done:tt)*] [$($unit:ident)*]) => {
        /// A user intent.
        #[derive(Debug, Clone, PartialEq)]
        pub enum Command {
            $($done)*
        }

        impl Command {
            /// Every command that takes no argument, in menu order: the menus, the shortcut
            /// handler and the 快捷键 table read this list.
            pub const ALL: [Command; [$(stringify!($unit)),*].len()] = [$(Command::$unit),*];
        }
    };
    (@munch [$($done:tt)*] [$($unit:ident)*] $(#[$m:meta])* $v:ident($($t:ty),*), $($rest:tt)*) => {
        commands!(@munch [$($done)* $(#[$m])* $v($($t),*),] [$($unit)*] $($rest)*);
    };
    (@munch [$($done:tt)*] [$($unit:ident)*] $(#[$m:meta])* $v:ident, $($rest:tt)*) => {
        commands!(@munch [$($done)* $(#[$m])* $v,] [$($unit)* $v] $($rest)*);
    };
}

commands! {
    @munch [] []
    /// 新建: a new empty report.
    New,
    /// 从上年报告新建: next year's draft from last year's draft or published report.
    NewFromLastYear,
    /// 打开: asks for a file.
    Open,
    /// 最近打开: a file from the recent list.
    OpenRecent(PathBuf),
    /// 保存.
    Save,
    /// 另存为.
    SaveAs,
    /// 打印: the PDF to the system's print handler.
    Print,
    /// 导出 PDF.
    ExportPdf,
    /// 导出 Word（.docx）: to send to the office above, to seal.
    ExportWord,
    /// 导出网页（.html）: for the portal's website editor.
    ExportWeb,
    /// 设置 PDF 字体文件夹.
    ChooseFontFolder,
    /// 汇总…: the county office's window over a folder of unit reports (shown again, with its
    /// summary, when one was read).
    Summarize,
    /// 退出.
    Quit,
    /// 撤销.
    Undo,
    /// 重做.
    Redo,
    /// 空白单元格填 0 (asks first).
    FillBlanksWithZero,
    /// 清除提示: the notes were all reviewed.
    ClearNotes,
    /// 放大.
    ZoomIn,
    /// 缩小.
    ZoomOut,
    /// 实际大小.
    ZoomReset,
    /// 适应窗口宽度: zoom so the widest table of the part on screen fits.
    FitWidth,
    /// Shows or hides the parts list on the left.
    ToggleParts,
    /// Shows or hides 问题清单 on the right.
    ToggleFindings,
    /// 浅色 / 深色.
    SetTheme(Theme),
    /// 字号.
    SetFontSize(FontSize),
    /// 帮助 → 快捷键.
    ShowShortcuts,
    /// 帮助 → 填报说明.
    ShowGuide,
    /// 帮助 → 关于.
    ShowAbout,
}

/// The menus of the menu bar.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Menu {
    /// 文件.
    File,
    /// 编辑.
    Edit,
    /// 视图.
    View,
    /// 帮助.
    Help,
}

impl Menu {
    /// Every menu, left to right.
    pub const ALL: [Menu; 4] = [Menu::File, Menu::Edit, Menu::View, Menu::Help];

    /// Its title.
    pub fn title(self) -> &'static str {
        match self {
            Menu::File => "文件",
            Menu::Edit => "编辑",
            Menu::View => "视图",
            Menu::Help => "帮助",
        }
    }
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
    /// The menu it is in, and its group there (a separator between groups).
    pub menu: Option<(Menu, u8)>,
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
    /// Label, shortcuts, tooltip and menu.
    pub fn spec(&self) -> Spec {
        use Menu::{Edit, File, Help, View};
        let (label, shortcuts, tooltip, menu): (_, &'static [KeyboardShortcut], _, _) = match self {
            Command::New => (
                "新建…",
                const { &[key(CTRL, Key::N)] },
                "按年度和机关全称新建一份空白报告",
                Some((File, 0)),
            ),
            Command::NewFromLastYear => (
                "从上年报告新建…",
                &[],
                "读入上年的草稿或已发布的报告，生成本年度草稿（上年结转、格式升级并列出提示）",
                Some((File, 0)),
            ),
            Command::Open => (
                "打开…",
                const { &[key(CTRL, Key::O)] },
                "打开 .ron 草稿，或导入已发布报告的 .txt/.html/.docx/.doc/.xlsx/.pdf 文件",
                Some((File, 0)),
            ),
            Command::OpenRecent(_) => ("最近打开", &[], "", None),
            Command::Save => ("保存", const { &[key(CTRL, Key::S)] }, "", Some((File, 1))),
            Command::SaveAs => (
                "另存为…",
                const { &[key(CTRL_SHIFT, Key::S)] },
                "",
                Some((File, 1)),
            ),
            Command::Print => (
                "打印…",
                const { &[key(CTRL, Key::P)] },
                "生成 PDF 并交给系统打印（Windows 用 PDF 阅读器的“打印”）",
                Some((File, 2)),
            ),
            Command::ExportPdf => (
                "导出 PDF…",
                const { &[key(CTRL_SHIFT, Key::P)] },
                "导出可直接打印的 A4 PDF（内嵌字体）",
                Some((File, 2)),
            ),
            Command::ExportWord => (
                "导出 Word（.docx）…",
                &[],
                "导出可编辑的 Word 文档，供报送上级、盖章（Word、WPS 都能打开）",
                Some((File, 2)),
            ),
            Command::ExportWeb => (
                "导出网页（.html）…",
                &[],
                "导出单个网页文件，可粘贴到政府信息公开专栏",
                Some((File, 2)),
            ),
            Command::ChooseFontFolder => (
                "设置 PDF 字体文件夹…",
                &[],
                "除 Windows 字体文件夹外，另在此查找仿宋_GB2312、黑体、楷体、方正小标宋",
                Some((File, 2)),
            ),
            Command::Summarize => (
                "汇总…",
                &[],
                "读取一个文件夹中各单位的报告：逐份检查，列出缺报、重复和内容雷同，生成合计报告、明细和退回意见",
                Some((File, 3)),
            ),
            Command::Quit => ("退出", &[], "", Some((File, 4))),
            Command::Undo => ("撤销", const { &[key(CTRL, Key::Z)] }, "", Some((Edit, 0))),
            Command::Redo => (
                "重做",
                const { &[key(CTRL, Key::Y), key(CTRL_SHIFT, Key::Z)] },
                "",
                Some((Edit, 0)),
            ),
            Command::FillBlanksWithZero => (
                "空白单元格填 0…",
                &[],
                "把各表中所有空白的填报单元格填为 0（总计除外），先确认个数",
                Some((Edit, 1)),
            ),
            Command::ClearNotes => ("已全部核对，清除提示", &[], "", None),
            Command::ZoomIn => (
                "放大",
                const { &[key(CTRL, Key::Equals), key(CTRL, Key::Plus)] },
                "",
                Some((View, 0)),
            ),
            Command::ZoomOut => (
                "缩小",
                const { &[key(CTRL, Key::Minus)] },
                "",
                Some((View, 0)),
            ),
            Command::ZoomReset => (
                "实际大小",
                const { &[key(CTRL, Key::Num0)] },
                "",
                Some((View, 0)),
            ),
            Command::FitWidth => (
                "适应窗口宽度",
                &[],
                "缩放到当前部分最宽的表格正好放得下",
                Some((View, 0)),
            ),
            Command::ToggleParts => ("显示左侧目录", &[], "", Some((View, 1))),
            Command::ToggleFindings => ("显示问题清单", &[], "", Some((View, 1))),
            Command::SetTheme(theme) => (theme.label(), &[], "", None),
            Command::SetFontSize(size) => (size.label(), &[], "", None),
            Command::ShowShortcuts => (
                "快捷键",
                const { &[key(Modifiers::NONE, Key::F1)] },
                "",
                Some((Help, 0)),
            ),
            Command::ShowGuide => (
                "填报说明",
                &[],
                "各表的含义、勾稽关系的出处、空白与 0 的区别",
                Some((Help, 0)),
            ),
            Command::ShowAbout => ("关于", &[], "", Some((Help, 1))),
        };
        Spec {
            label,
            shortcuts,
            tooltip,
            menu,
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

    /// The commands of a menu, in order, with their group.
    pub fn in_menu(menu: Menu) -> impl Iterator<Item = (Command, u8)> {
        Self::ALL
            .into_iter()
            .filter_map(move |c| match c.spec().menu {
                Some((m, group)) if m == menu => Some((c, group)),
                _ => None,
            })
    }
}

/// A shortcut as the clerk's keyboard labels it, Windows style: "Ctrl+Shift+P", "Ctrl+=",
/// "Ctrl+-" (egui's own text says "Ctrl+Equals", "Ctrl+Minus").
pub fn shortcut_text(shortcut: &KeyboardShortcut) -> String {
    let m = shortcut.modifiers;
    let mut text = String::new();
    for (on, name) in [
        (m.ctrl || m.command || m.mac_cmd, "Ctrl+"),
        (m.shift, "Shift+"),
        (m.alt, "Alt+"),
    ] {
        if on {
            text.push_str(name);
        }
    }
    text.push_str(match shortcut.logical_key {
        Key::Minus => "-",
        key => key.symbol_or_name(),
    });
    text
}

/// A change the widgets make on the clerk's behalf, applied with the commands after drawing.
#[derive(Debug, Clone, PartialEq)]
pub enum Effect {
    /// Sets cells as one undoable edit.
    SetCells(Vec<(CellIx, Option<CellValue>)>),
    /// Shows a message in the status bar.
    Status(String),
    /// 插入数据句: a sentence after the line holding byte `cursor` of its section's prose (at
    /// the end without one), as one undoable edit.
    InsertSentence {
        /// Where the caret was in the prose editor.
        cursor: Option<usize>,
        /// The sentence as rendered for the report.
        sentence: crate::model::sentences::Sentence,
    },
    /// 更新: writes the tables' figure over a typed-over figure of the prose.
    UpdateField {
        /// The section (`s1`).
        section: String,
        /// The field's index among the section's fields.
        index: usize,
    },
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
        assert!(pos(&Command::ExportPdf) < pos(&Command::Print));
    }

    #[test]
    fn shortcuts_read_as_the_keys_are_labelled() {
        let text = |c: Command| shortcut_text(&c.shortcuts()[0]);
        assert_eq!(text(Command::ZoomIn), "Ctrl+=");
        assert_eq!(text(Command::ZoomOut), "Ctrl+-");
        assert_eq!(text(Command::ZoomReset), "Ctrl+0");
        assert_eq!(text(Command::ExportPdf), "Ctrl+Shift+P");
        assert_eq!(text(Command::ShowShortcuts), "F1");
    }

    #[test]
    fn every_command_with_a_shortcut_is_in_a_menu() {
        for c in Command::ALL {
            if !c.shortcuts().is_empty() {
                assert!(c.spec().menu.is_some(), "{c:?}");
            }
        }
    }
}
