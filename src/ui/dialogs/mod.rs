//! Modal dialogs, one per file; each owns its state and returns its outcome when it closes.

mod about;
mod confirm;
mod format_switch;
mod guide;
mod message;
mod new_report;
mod notes;
mod overwrite;
mod path_entry;
mod recover;
mod shortcuts;
mod unsaved;

pub use about::AboutDialog;
pub use confirm::{ConfirmDialog, Output, Proceed};
pub use format_switch::{FormatSwitchDialog, SwitchChoice};
pub use guide::GuideDialog;
pub use message::MessageDialog;
pub use new_report::{NewChoice, NewDialog};
pub use notes::NotesDialog;
pub use overwrite::OverwriteDialog;
pub use path_entry::PathDialog;
pub use recover::{RecoverChoice, RecoverDialog};
pub use shortcuts::ShortcutsDialog;
pub use unsaved::{UnsavedChoice, UnsavedDialog};

/// The dialog on screen (one at a time).
pub enum Dialog {
    /// 保存更改？
    Unsaved(UnsavedDialog),
    /// An error or information.
    Message(MessageDialog),
    /// Import, migration and rollover notes.
    Notes(NotesDialog),
    /// 新建报告.
    New(NewDialog),
    /// 恢复未保存的工作？
    Recover(RecoverDialog),
    /// The year needs the other format.
    FormatSwitch(FormatSwitchDialog),
    /// 另存为 onto a draft of another year.
    Overwrite(OverwriteDialog),
    /// A question before going ahead (export with errors, fill blanks with 0).
    Confirm(ConfirmDialog),
    /// A path typed where no file dialog can open.
    PathEntry(PathDialog),
    /// 快捷键.
    Shortcuts(ShortcutsDialog),
    /// 填报说明.
    Guide(GuideDialog),
    /// 关于.
    About(AboutDialog),
}

impl Dialog {
    /// Whether it only informs: closing the window may replace it with 保存更改？.
    pub fn only_informs(&self) -> bool {
        matches!(
            self,
            Dialog::Notes(_)
                | Dialog::Message(_)
                | Dialog::Shortcuts(_)
                | Dialog::Guide(_)
                | Dialog::About(_)
        )
    }
}

/// Shows a modal with a title and content.
fn modal<R>(
    ctx: &egui::Context,
    id: &str,
    title: &str,
    content: impl FnOnce(&mut egui::Ui) -> R,
) -> R {
    let id = egui::Id::unique(id);
    let shown = egui::Modal::new(id).show(ctx, |ui| {
        ui.set_max_width(560.0);
        ui.heading(title);
        ui.add_space(8.0);
        content(ui)
    });
    // A dialog learns its size on its first frames and centres itself again: draw until it
    // stops moving, not at the next mouse move.
    let rect = shown.response.rect;
    let key = id.with("rect");
    let last = ctx.data(|d| d.get_temp::<egui::Rect>(key));
    ctx.data_mut(|d| d.insert_temp(key, rect));
    if last != Some(rect) {
        ctx.request_repaint();
    }
    shown.inner
}

/// A row of buttons; the value of the one clicked.
fn choices<T: Copy>(ui: &mut egui::Ui, buttons: &[(&str, T)]) -> Option<T> {
    ui.add_space(10.0);
    ui.horizontal(|ui| {
        let mut choice = None;
        for (label, value) in buttons {
            if ui.button(*label).clicked() {
                choice = Some(*value);
            }
        }
        choice
    })
    .inner
}

/// 关闭 (or Escape); `true` once pressed.
fn close_button(ui: &mut egui::Ui) -> bool {
    ui.add_space(10.0);
    ui.button("关闭").clicked() || ui.input(|i| i.key_pressed(egui::Key::Escape))
}
