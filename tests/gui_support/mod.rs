//! What the editor's kittest suites share: scripted file dialogs, a harness on a temporary
//! storage folder, and the clerk's gestures (type into a cell, close the window).
#![allow(dead_code, clippy::unwrap_used, clippy::expect_used)]

use std::path::{Path, PathBuf};

use egui::{Key, ViewportEvent, ViewportId};
use egui_kittest::Harness;
use egui_kittest::kittest::Queryable;
use nianbao::model::CellValue;
use nianbao::model::format::Severity;
use nianbao::ui::files::{FileDialogs, FileKind};
use nianbao::ui::{AppConfig, NianbaoApp};

/// Scripted file dialogs: answers in order, never opens a window.
#[derive(Default)]
pub struct Scripted {
    /// Answers to "open".
    pub open: Vec<PathBuf>,
    /// Answers to "save".
    pub save: Vec<PathBuf>,
}

impl Scripted {
    /// Dialogs that answer one "save" with `path`.
    pub fn saving(path: &Path) -> Self {
        Scripted {
            save: vec![path.to_owned()],
            ..Scripted::default()
        }
    }
}

impl FileDialogs for Scripted {
    fn pick_open(&mut self, _kind: FileKind) -> Option<PathBuf> {
        (!self.open.is_empty()).then(|| self.open.remove(0))
    }
    fn pick_save(&mut self, _kind: FileKind, _suggested: &str) -> Option<PathBuf> {
        (!self.save.is_empty()).then(|| self.save.remove(0))
    }
    fn pick_folder(&mut self) -> Option<PathBuf> {
        None
    }
    fn open_externally(&mut self, _path: &Path) -> Result<(), String> {
        Ok(())
    }
}

/// The editor with `dialogs`, its recovery file in `storage`, opening `file` (or the sample).
pub fn harness_with(
    dialogs: Scripted,
    storage: &Path,
    file: Option<PathBuf>,
) -> Harness<'static, NianbaoApp> {
    let storage = storage.to_owned();
    let mut h = Harness::builder()
        .with_size(egui::vec2(1500.0, 1000.0))
        .build_eframe(move |cc| {
            NianbaoApp::new(
                cc,
                AppConfig {
                    file,
                    dialogs: Box::new(dialogs),
                    storage_dir: Some(storage),
                },
            )
        });
    h.run();
    h
}

/// The editor on the sample, no dialog answers.
pub fn harness(storage: &Path) -> Harness<'static, NianbaoApp> {
    harness_with(Scripted::default(), storage, None)
}

/// 表三 一、本年新收 / 自然人.
pub const NEW_NATURAL: &str = "表三“一、本年新收政府信息公开申请数量”行“自然人”列";

/// The cell index of `id` in the open report's format.
pub fn ix(h: &Harness<'_, NianbaoApp>, id: &str) -> usize {
    h.state().document().report.format.cell_index(id).unwrap()
}

/// What the clerk typed in a cell.
pub fn cell(h: &Harness<'_, NianbaoApp>, id: &str) -> Option<CellValue> {
    h.state().document().report.entry(ix(h, id)).cloned()
}

/// What a cell shows (typed, or computed).
pub fn resolved(h: &Harness<'_, NianbaoApp>, id: &str) -> CellValue {
    h.state().document().resolved[ix(h, id)].clone()
}

/// The worst finding naming a cell.
pub fn severity(h: &Harness<'_, NianbaoApp>, id: &str) -> Option<Severity> {
    h.state().document().cell_severity(ix(h, id))
}

/// Whether a finding of `rule` is listed.
pub fn has_finding(h: &Harness<'_, NianbaoApp>, rule: &str) -> bool {
    h.state().document().findings.iter().any(|f| f.rule == rule)
}

/// Clicks 三 in the parts list.
pub fn show_table_three(h: &mut Harness<'_, NianbaoApp>) {
    h.get_by_label("三、收到和处理政府信息公开申请情况").click();
    h.run();
}

/// Clicks a cell, types `text` and presses Enter.
pub fn type_into(h: &mut Harness<'_, NianbaoApp>, label: &str, text: &str) {
    h.get_by_label(label).click();
    h.run();
    h.get_by_label(label).type_text(text);
    h.run();
    h.key_press(Key::Enter);
    h.run();
}

/// The window's close button.
pub fn request_close(h: &mut Harness<'_, NianbaoApp>) {
    h.input_mut()
        .viewports
        .entry(ViewportId::ROOT)
        .or_default()
        .events
        .push(ViewportEvent::Close);
    h.run();
}

/// The window loses the keyboard focus (the clerk switches to another program).
pub fn lose_focus(h: &mut Harness<'_, NianbaoApp>) {
    h.input_mut()
        .viewports
        .entry(ViewportId::ROOT)
        .or_default()
        .focused = Some(false);
    h.run();
}

/// A copy of a fixture under `dir` with a name that has Chinese and a space.
pub fn fixture_copy(dir: &Path, fixture: &str, name: &str) -> PathBuf {
    let path = dir.join(name);
    std::fs::copy(Path::new("tests/fixtures").join(fixture), &path).unwrap();
    path
}
