//! An error or piece of information the clerk must acknowledge.

/// A message box.
pub struct MessageDialog {
    /// Title.
    pub title: String,
    /// Text.
    pub body: String,
}

impl MessageDialog {
    /// Draws the dialog; `true` once closed.
    pub fn ui(&mut self, ctx: &egui::Context) -> bool {
        super::modal(ctx, "message", &self.title, |ui| {
            ui.label(&self.body);
            ui.add_space(10.0);
            ui.button("确定").clicked()
                || ui.input(|i| i.key_pressed(egui::Key::Enter) || i.key_pressed(egui::Key::Escape))
        })
    }
}
