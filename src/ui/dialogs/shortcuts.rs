//! 帮助 → 快捷键: every shortcut of every command (the same list the menus read), then the
//! grid's keys.

use crate::ui::command::{Command, shortcut_text};
use crate::ui::grid::GRID_KEYS;

/// The shortcuts table.
pub struct ShortcutsDialog;

impl ShortcutsDialog {
    /// Draws the dialog; `true` once closed.
    pub fn ui(&mut self, ctx: &egui::Context) -> bool {
        super::modal(ctx, "shortcuts", "快捷键", |ui| {
            egui::ScrollArea::vertical()
                .max_height(420.0)
                .show(ui, |ui| {
                    egui::Grid::new("shortcut-table")
                        .striped(true)
                        .num_columns(3)
                        .show(ui, |ui| {
                            ui.strong("菜单");
                            ui.strong("命令");
                            ui.strong("快捷键");
                            ui.end_row();
                            for cmd in Command::ALL {
                                let spec = cmd.spec();
                                let (Some((menu, _)), false) =
                                    (spec.menu, spec.shortcuts.is_empty())
                                else {
                                    continue;
                                };
                                let keys: Vec<String> =
                                    spec.shortcuts.iter().map(shortcut_text).collect();
                                ui.label(menu.title());
                                ui.label(spec.label.trim_end_matches('…'));
                                ui.label(keys.join(" / "));
                                ui.end_row();
                            }
                            for (keys, what) in GRID_KEYS {
                                ui.label("表格");
                                ui.label(what);
                                ui.label(keys);
                                ui.end_row();
                            }
                        });
                });
            super::close_button(ui)
        })
    }
}
