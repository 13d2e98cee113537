//! The dialog on screen, drawn, and what its answer does.

use super::actions::Saving;
use super::{NianbaoApp, message_with};
use crate::io::draft;
use crate::model::Format;
use crate::model::rollover;
use crate::ui::dialogs::{
    Dialog, NewChoice, NotesDialog, Proceed, RecoverChoice, SwitchChoice, UnsavedChoice,
};
use crate::ui::document::Document;
use crate::ui::grid::GridState;
use crate::ui::nav::Layouts;

impl NianbaoApp {
    /// Draws the open dialog and acts on its answer.
    pub(super) fn handle_dialog(&mut self, ctx: &egui::Context) {
        let Some(dialog) = self.dialog.as_mut() else {
            return;
        };
        let closed = match dialog {
            Dialog::Message(d) => d.ui(ctx),
            Dialog::Notes(d) => d.ui(ctx),
            Dialog::Shortcuts(d) => d.ui(ctx),
            Dialog::Guide(d) => d.ui(ctx),
            Dialog::About(d) => d.ui(ctx),
            _ => false,
        };
        if closed {
            self.dialog = None;
            return;
        }
        let Some(dialog) = self.dialog.as_mut() else {
            return;
        };
        match dialog {
            Dialog::Message(_)
            | Dialog::Notes(_)
            | Dialog::Shortcuts(_)
            | Dialog::Guide(_)
            | Dialog::About(_) => {}
            Dialog::Confirm(d) => {
                if let Some(yes) = d.ui(ctx) {
                    let then = d.then.clone();
                    self.dialog = None;
                    if yes {
                        match then {
                            Proceed::Output(output) => self.output(output, true),
                            Proceed::Replace(output, path) => self.write_export(output, &path),
                            Proceed::FillBlanks => self.fill_blanks_with_zero(),
                        }
                    }
                }
            }
            Dialog::PathEntry(d) => {
                if let Some(answer) = d.ui(ctx) {
                    self.dialog = None;
                    let purpose = self.path_for.take();
                    match (answer, purpose) {
                        (Some(path), Some(purpose)) => self.path_chosen(purpose, path, ctx),
                        // Cancelled: nothing waits for a save that did not happen.
                        _ => self.pending = None,
                    }
                }
            }
            Dialog::Unsaved(d) => {
                if let Some(choice) = d.ui(ctx) {
                    self.dialog = None;
                    self.unsaved_answered(choice, ctx);
                }
            }
            Dialog::New(d) => match d.ui(ctx) {
                Some(NewChoice::Create) => {
                    let (year, agency) = (d.year, d.agency.trim().to_owned());
                    self.dialog = None;
                    self.create_report(year, agency);
                }
                Some(NewChoice::Cancel) => self.dialog = None,
                None => {}
            },
            Dialog::Recover(d) => {
                if let Some(choice) = d.ui(ctx) {
                    self.dialog = None;
                    match choice {
                        RecoverChoice::Restore => self.restore_recovery(),
                        RecoverChoice::Discard => self.clear_recovery(),
                    }
                }
            }
            Dialog::Overwrite(d) => {
                if let Some(overwrite) = d.ui(ctx) {
                    let path = d.path.clone();
                    self.dialog = None;
                    // What waited for the save (保存更改？ then close) goes on only once saved.
                    let pending = self.pending.take();
                    if overwrite
                        && self.save_to(&path)
                        && let Some(pending) = pending
                    {
                        self.run_pending(pending, ctx);
                    }
                }
            }
            Dialog::FormatSwitch(d) => {
                if let Some(choice) = d.ui(ctx) {
                    let to = d.to;
                    self.dialog = None;
                    if choice == SwitchChoice::Switch {
                        self.switch_format(to);
                    }
                }
            }
        }
    }

    /// 保存更改？ answered: save (and go on only if that worked), drop the changes and go on, or
    /// stay.
    fn unsaved_answered(&mut self, choice: UnsavedChoice, ctx: &egui::Context) {
        let Some(pending) = self.pending.take() else {
            return;
        };
        match choice {
            UnsavedChoice::Save => {
                self.pending = Some(pending);
                match self.save() {
                    Saving::Saved => {
                        if let Some(pending) = self.pending.take() {
                            self.run_pending(pending, ctx);
                        }
                    }
                    Saving::NotSaved => self.pending = None,
                    // The path entry saves, then runs what waits.
                    Saving::Asking => {}
                }
            }
            UnsavedChoice::Discard => {
                self.clear_recovery();
                self.doc = Document::new(
                    self.doc.report.clone(),
                    self.doc.path.clone(),
                    self.doc.name.clone(),
                    true,
                );
                self.run_pending(pending, ctx);
            }
            UnsavedChoice::Cancel => {}
        }
    }

    /// 恢复: the recovered work, unsaved relative to the file it came from.
    fn restore_recovery(&mut self) {
        let Some(read) = self.autosave.recovery().map(|r| r.read()) else {
            return;
        };
        let r = match read {
            Ok(r) => r,
            Err(e) => {
                self.dialog = Some(message_with("无法恢复", e.to_string(), e.details()));
                return;
            }
        };
        let mut doc = Document::new(r.report, r.path.clone(), r.name, false);
        if let Some(path) = r.path
            && let Ok(on_disk) = draft::load(&path)
        {
            let current = doc.report.clone();
            doc = Document::new(on_disk, Some(path), doc.name.clone(), true);
            doc.checkpoint();
            doc.report = current;
        }
        self.set_document(doc);
        self.warn("已恢复上次未保存的工作，请及时保存");
    }

    /// 转换: the report migrated to the format of its new year, with the notes of what moved.
    fn switch_format(&mut self, to: &'static Format) {
        let before = self.doc.report.notes.len();
        self.doc.checkpoint();
        let migrated = rollover::migrate(&self.doc.report, to);
        let lines: Vec<String> = migrated
            .notes
            .iter()
            .skip(before)
            .map(|n| n.text.clone())
            .collect();
        self.doc.report = migrated;
        self.layouts = Layouts::new(to);
        self.grid = GridState::default();
        self.dialog = Some(Dialog::Notes(NotesDialog::kept(
            format!("已转换为{}", to.name),
            lines,
        )));
    }
}
