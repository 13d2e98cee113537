//! The desktop editor (eframe/egui). Builds on the model and io layers; nothing below knows it.

mod app;
pub mod command;
pub mod dialogs;
pub mod document;
mod export;
pub mod files;
pub mod findings;
mod fonts;
pub mod grid;
mod hints;
mod meta;
pub mod nav;
pub mod recovery;
pub mod section;
pub mod settings;
pub mod summary;
pub mod theme;
mod widgets;

use std::path::PathBuf;

pub use app::{APP_ID, AppConfig, NianbaoApp};
pub use fonts::install as install_fonts;

/// Opens the editor window on `file` (or the built-in sample).
pub fn run(file: Option<PathBuf>) -> eframe::Result<()> {
    let mut viewport = egui::ViewportBuilder::default();
    // The same seal as the .exe's icon; a broken PNG only costs the icon, never the window.
    if let Ok(icon) =
        eframe::icon_data::from_png_bytes(include_bytes!("../../assets/icon/nianbao.png"))
    {
        viewport = viewport.with_icon(icon);
    }
    let options = eframe::NativeOptions {
        viewport: viewport
            .with_title("政府信息公开年度报告编辑器")
            .with_app_id(APP_ID)
            .with_inner_size([1360.0, 860.0])
            .with_min_inner_size([900.0, 560.0]),
        renderer: eframe::Renderer::Glow,
        ..Default::default()
    };
    eframe::run_native(
        APP_ID,
        options,
        Box::new(move |cc| Ok(Box::new(NianbaoApp::new(cc, AppConfig::native(file))))),
    )
}
