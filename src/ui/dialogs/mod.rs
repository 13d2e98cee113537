//! Modal dialogs, one per file; each owns its state and returns its outcome when it closes.

mod format_switch;
mod message;
mod new_report;
mod notes;
mod overwrite;
mod recover;
mod unsaved;

pub use format_switch::{FormatSwitchDialog, SwitchChoice};
pub use message::MessageDialog;
pub use new_report::{NewChoice, NewDialog};
pub use notes::NotesDialog;
pub use overwrite::OverwriteDialog;
pub use recover::{RecoverChoice, RecoverDialog};
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
}

/// Shows a modal with a title and content.
fn modal<R>(
    ctx: &egui::Context,
    id: &str,
    title: &str,
    content: impl FnOnce(&mut egui::Ui) -> R,
) -> R {
    egui::Modal::new(egui::Id::unique(id))
        .show(ctx, |ui| {
            ui.set_max_width(560.0);
            ui.heading(title);
            ui.add_space(8.0);
            content(ui)
        })
        .inner
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
