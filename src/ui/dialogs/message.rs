//! An error or piece of information the clerk must acknowledge.

/// A message box.
pub struct MessageDialog {
    /// Title.
    pub title: String,
    /// Text.
    pub body: String,
    /// The system's or a parser's own words, folded away under 详细信息 (for whoever helps the
    /// clerk); never part of the message itself.
    pub details: Option<String>,
}

impl MessageDialog {
    /// Draws the dialog; `true` once closed.
    pub fn ui(&mut self, ctx: &egui::Context) -> bool {
        super::modal(ctx, "message", &self.title, |ui| {
            ui.label(&self.body);
            if let Some(details) = &self.details {
                ui.add_space(6.0);
                egui::CollapsingHeader::new("详细信息")
                    .id_salt("message-details")
                    .default_open(false)
                    .show(ui, |ui| ui.label(details));
            }
            ui.add_space(10.0);
            ui.button("确定").clicked()
                || ui.input(|i| i.key_pressed(egui::Key::Enter) || i.key_pressed(egui::Key::Escape))
        })
    }
}
