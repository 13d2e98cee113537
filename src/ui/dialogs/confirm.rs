//! A question before something the clerk may not mean: exporting a report that still has
//! errors, filling every blank cell with 0.

/// Where the report goes.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Output {
    /// 导出 PDF: to a file the clerk chooses.
    Pdf,
    /// 打印: to the system's print handler.
    Print,
    /// 导出 Word（.docx）.
    Word,
    /// 导出网页（.html）.
    Web,
}

impl Output {
    /// The kind of file written; `None` for printing (a temporary PDF).
    pub fn file_type(self) -> Option<crate::io::FileType> {
        match self {
            Output::Pdf => Some(crate::io::FileType::Pdf),
            Output::Word => Some(crate::io::FileType::Docx),
            Output::Web => Some(crate::io::FileType::Html),
            Output::Print => None,
        }
    }
}

/// What happens when the clerk confirms.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Proceed {
    /// Export or print despite the errors.
    Output(Output),
    /// Export over the file already at the path typed.
    Replace(Output, std::path::PathBuf),
    /// Fill the blank input cells with 0.
    FillBlanks,
}

/// A yes/no question.
pub struct ConfirmDialog {
    /// Title.
    pub title: String,
    /// The question.
    pub body: String,
    /// Details listed under it (the errors).
    pub lines: Vec<String>,
    /// Asked after the details ("仍要导出吗？"), if anything.
    pub question: String,
    /// The button that goes ahead.
    pub yes: &'static str,
    /// The button that goes back.
    pub no: &'static str,
    /// What going ahead does.
    pub then: Proceed,
}

impl ConfirmDialog {
    /// Draws the dialog; `Some(true)` to go ahead, `Some(false)` to go back.
    pub fn ui(&mut self, ctx: &egui::Context) -> Option<bool> {
        super::modal(ctx, "confirm", &self.title, |ui| {
            ui.label(&self.body);
            if !self.lines.is_empty() {
                ui.add_space(4.0);
                egui::ScrollArea::vertical()
                    .max_height(240.0)
                    .show(ui, |ui| {
                        for line in &self.lines {
                            ui.label(format!("• {line}"));
                        }
                    });
            }
            if !self.question.is_empty() {
                ui.add_space(4.0);
                ui.label(&self.question);
            }
            let choice = super::choices(ui, &[(self.no, false), (self.yes, true)]);
            let escape = ui.input(|i| i.key_pressed(egui::Key::Escape));
            choice.or(escape.then_some(false))
        })
    }
}
