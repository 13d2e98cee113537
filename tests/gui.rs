//! The editor as a clerk uses it, through egui_kittest (no GPU, no display): find widgets by
//! their accessible names, type, click, and check the document.
#![allow(clippy::unwrap_used, clippy::expect_used)]

use std::path::{Path, PathBuf};

use egui::{Event, Key, Modifiers, ViewportEvent, ViewportId};
use egui_kittest::Harness;
use egui_kittest::kittest::Queryable;
use nianbao::model::CellValue;
use nianbao::model::format::Severity;
use nianbao::ui::files::{FileDialogs, FileKind};
use nianbao::ui::findings::Part;
use nianbao::ui::{AppConfig, NianbaoApp};

/// Scripted file dialogs: answers in order, never opens a window.
#[derive(Default)]
struct Scripted {
    open: Vec<PathBuf>,
    save: Vec<PathBuf>,
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

fn harness_with(
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

fn harness(storage: &Path) -> Harness<'static, NianbaoApp> {
    harness_with(Scripted::default(), storage, None)
}

const NEW_NATURAL: &str = "表三“一、本年新收政府信息公开申请数量”行“自然人”列";

fn cell(h: &Harness<'_, NianbaoApp>, id: &str) -> Option<CellValue> {
    let report = &h.state().document().report;
    report.entry(report.format.cell_index(id).unwrap()).cloned()
}

fn resolved(h: &Harness<'_, NianbaoApp>, id: &str) -> CellValue {
    let doc = h.state().document();
    doc.resolved[doc.report.format.cell_index(id).unwrap()].clone()
}

fn severity(h: &Harness<'_, NianbaoApp>, id: &str) -> Option<Severity> {
    let doc = h.state().document();
    doc.cell_severity(doc.report.format.cell_index(id).unwrap())
}

fn show_table_three(h: &mut Harness<'_, NianbaoApp>) {
    h.get_by_label("三、收到和处理政府信息公开申请情况").click();
    h.run();
}

fn type_into(h: &mut Harness<'_, NianbaoApp>, label: &str, text: &str) {
    h.get_by_label(label).click();
    h.run();
    h.get_by_label(label).type_text(text);
    h.run();
    h.key_press(Key::Enter);
    h.run();
}

#[test]
fn typing_in_table_three_updates_totals_and_highlights_then_fixing_clears() {
    let dir = tempfile::tempdir().unwrap();
    let mut h = harness(dir.path());
    assert!(h.state().document().findings.is_empty());
    show_table_three(&mut h);
    type_into(&mut h, NEW_NATURAL, "20");
    assert_eq!(cell(&h, "t3.new.natural"), Some(CellValue::Int(20)));
    assert_eq!(
        resolved(&h, "t3.new.total"),
        CellValue::Int(27),
        "computed total follows"
    );
    assert_eq!(
        severity(&h, "t3.new.natural"),
        Some(Severity::Error),
        "T3-BAL highlights the cell"
    );
    let doc = h.state().document();
    assert!(doc.findings.iter().any(|f| f.rule == "T3-BAL"
        && f.expected.as_deref() == Some("22")
        && f.actual.as_deref() == Some("20")));
    assert!(h.state().title().ends_with(" *"), "{}", h.state().title());
    // Enter moved the selection down one row.
    let below = doc
        .report
        .format
        .cell_index("t3.carried_in.natural")
        .unwrap();
    assert_eq!(h.state().grid_state().cursor, Some(below));

    type_into(&mut h, NEW_NATURAL, "18");
    assert_eq!(severity(&h, "t3.new.natural"), None);
    assert!(h.state().document().findings.is_empty());
}

#[test]
fn invalid_input_is_kept_in_place_and_reported() {
    let dir = tempfile::tempdir().unwrap();
    let mut h = harness(dir.path());
    show_table_three(&mut h);
    type_into(&mut h, NEW_NATURAL, "十八");
    assert_eq!(
        cell(&h, "t3.new.natural"),
        Some(CellValue::Invalid("十八".into()))
    );
    assert!(
        h.state()
            .document()
            .findings
            .iter()
            .any(|f| f.rule == "VALUE")
    );
    type_into(&mut h, NEW_NATURAL, "-3");
    assert_eq!(cell(&h, "t3.new.natural"), Some(CellValue::Int(-3)));
    assert!(
        h.state()
            .document()
            .findings
            .iter()
            .any(|f| f.rule == "NONNEG")
    );
}

#[test]
fn tsv_paste_fills_a_block_and_undo_restores() {
    let dir = tempfile::tempdir().unwrap();
    let mut h = harness(dir.path());
    show_table_three(&mut h);
    h.get_by_label("表三“（一）予以公开”行“自然人”列").click();
    h.run();
    h.event(Event::Paste("7\t２\n1,000\t3件\n".into()));
    h.run();
    assert_eq!(cell(&h, "t3.disclosed.natural"), Some(CellValue::Int(7)));
    assert_eq!(
        cell(&h, "t3.disclosed.corp_commercial"),
        Some(CellValue::Int(2))
    );
    assert_eq!(cell(&h, "t3.partial.natural"), Some(CellValue::Int(1000)));
    assert_eq!(
        cell(&h, "t3.partial.corp_commercial"),
        Some(CellValue::Int(3))
    );
    assert!(
        h.state().status().contains("已粘贴 4 个单元格"),
        "{}",
        h.state().status()
    );

    h.key_press_modifiers(Modifiers::COMMAND, Key::Z);
    h.run();
    assert_eq!(
        cell(&h, "t3.disclosed.natural"),
        Some(CellValue::Int(8)),
        "one undo restores the whole paste"
    );
    assert_eq!(cell(&h, "t3.partial.natural"), Some(CellValue::Int(3)));
    h.key_press_modifiers(Modifiers::COMMAND, Key::Y);
    h.run();
    assert_eq!(
        cell(&h, "t3.partial.natural"),
        Some(CellValue::Int(1000)),
        "redo"
    );
}

#[test]
fn arrows_move_and_delete_clears() {
    let dir = tempfile::tempdir().unwrap();
    let mut h = harness(dir.path());
    show_table_three(&mut h);
    h.get_by_label(NEW_NATURAL).click();
    h.run();
    assert!(
        h.get_by_label(NEW_NATURAL).is_focused(),
        "a clicked cell takes the keyboard"
    );
    h.key_press(Key::ArrowRight);
    h.run();
    h.key_press(Key::ArrowDown);
    h.run();
    let format = h.state().document().report.format;
    assert_eq!(
        h.state().grid_state().cursor,
        format.cell_index("t3.carried_in.corp_commercial")
    );
    h.key_press(Key::Delete);
    h.run();
    assert_eq!(cell(&h, "t3.carried_in.corp_commercial"), None);
    assert!(h.state().document().findings.iter().any(|f| f.rule == "C7"));
}

#[test]
fn the_unsaved_changes_prompt_appears_on_close() {
    let dir = tempfile::tempdir().unwrap();
    let mut h = harness(dir.path());
    show_table_three(&mut h);
    type_into(&mut h, NEW_NATURAL, "19");
    h.input_mut()
        .viewports
        .entry(ViewportId::ROOT)
        .or_default()
        .events
        .push(ViewportEvent::Close);
    h.run();
    assert!(h.state().has_dialog());
    h.get_by_label("保存更改？");
    h.get_by_label("取消").click();
    h.run();
    assert!(!h.state().has_dialog());
    assert_eq!(
        cell(&h, "t3.new.natural"),
        Some(CellValue::Int(19)),
        "cancel keeps the edit"
    );
}

#[test]
fn clicking_a_finding_selects_its_cell() {
    let dir = tempfile::tempdir().unwrap();
    let mut h = harness(dir.path());
    h.state_mut()
        .document_mut()
        .report
        .set_by_id("t4.review.total", Some(CellValue::Int(9)));
    h.run();
    h.get_by_label_contains("表四“行政复议”：总计应为 3")
        .click();
    h.run();
    let format = h.state().document().report.format;
    assert_eq!(
        h.state().grid_state().cursor,
        format.cell_index("t4.review.total")
    );
    h.get_by_label("表四“行政复议 总计”");
}

#[test]
fn save_writes_a_draft_and_autosave_recovers_after_a_crash() {
    let dir = tempfile::tempdir().unwrap();
    let draft = dir.path().join("用户 文件").join("2025年 年报.ron");
    std::fs::create_dir_all(draft.parent().unwrap()).unwrap();
    let storage = dir.path().join("storage");
    {
        let mut h = harness_with(
            Scripted {
                save: vec![draft.clone()],
                ..Scripted::default()
            },
            &storage,
            None,
        );
        show_table_three(&mut h);
        type_into(&mut h, NEW_NATURAL, "19");
        h.key_press_modifiers(Modifiers::COMMAND, Key::S);
        h.run();
        let saved = nianbao::io::draft::load(&draft).unwrap();
        assert_eq!(
            saved.entry(saved.format.cell_index("t3.new.natural").unwrap()),
            Some(&CellValue::Int(19))
        );
        assert!(
            h.state().title().ends_with("2025年 年报.ron"),
            "{}",
            h.state().title()
        );

        // More work, then the window loses focus: the working state goes to the recovery file.
        type_into(&mut h, NEW_NATURAL, "21");
        h.input_mut()
            .viewports
            .entry(ViewportId::ROOT)
            .or_default()
            .focused = Some(false);
        h.run();
        assert!(storage.join("recovery.ron").exists());
        // … and the process dies here without closing.
    }
    let mut h = harness_with(Scripted::default(), &storage, None);
    assert!(h.state().has_dialog());
    h.get_by_label("恢复").click();
    h.run();
    assert_eq!(cell(&h, "t3.new.natural"), Some(CellValue::Int(21)));
    assert!(h.state().document().is_dirty());
    assert_eq!(h.state().document().path.as_deref(), Some(draft.as_path()));
    let on_disk = nianbao::io::draft::load(&draft).unwrap();
    assert_eq!(
        on_disk.entry(on_disk.format.cell_index("t3.new.natural").unwrap()),
        Some(&CellValue::Int(19)),
        "the saved draft is untouched"
    );
}

#[test]
fn a_draft_that_fails_to_load_is_reported_and_never_overwritten() {
    let dir = tempfile::tempdir().unwrap();
    let bad = dir.path().join("坏的.ron");
    std::fs::write(&bad, "(schema_version: 1, format: \"gb2021\", meta: (").unwrap();
    let mut h = harness_with(
        Scripted::default(),
        &dir.path().join("s"),
        Some(bad.clone()),
    );
    assert!(h.state().has_dialog());
    h.get_by_label_contains("无法打开文件");
    assert_eq!(
        h.state().document().path,
        None,
        "the sample stays open, not bound to the bad file"
    );
    h.get_by_label("确定").click();
    h.run();
    assert_eq!(
        std::fs::read_to_string(&bad).unwrap(),
        "(schema_version: 1, format: \"gb2021\", meta: ("
    );
}

#[test]
fn every_part_renders_without_missing_glyphs() {
    let dir = tempfile::tempdir().unwrap();
    let mut h = harness(dir.path());
    for part in [
        Part::Meta,
        Part::Section(1),
        Part::Section(3),
        Part::Section(4),
        Part::Section(5),
    ] {
        h.state_mut().show_part(part);
        h.run();
        match part {
            Part::Section(1) => {
                h.get_by_label(
                    "表二 第二十条第（八）项“行政事业性收费”行“本年收费金额（单位：万元）”列",
                );
            }
            Part::Section(3) => {
                h.get_by_label("表四“行政诉讼 复议后起诉 尚未审结”");
            }
            Part::Meta => {
                h.get_by_label("机关全称");
            }
            _ => {}
        }
    }
}

#[test]
fn export_pdf_writes_the_file_chosen() {
    let dir = tempfile::tempdir().unwrap();
    let pdf = dir.path().join("导出 目录").join("2025年 年报.pdf");
    std::fs::create_dir_all(pdf.parent().unwrap()).unwrap();
    let mut h = harness_with(
        Scripted {
            save: vec![pdf.clone()],
            ..Scripted::default()
        },
        &dir.path().join("s"),
        None,
    );
    h.key_press_modifiers(Modifiers::COMMAND, Key::P);
    h.run();
    let bytes = std::fs::read(&pdf).unwrap();
    assert!(bytes.starts_with(b"%PDF"));
    assert!(
        h.state().status().contains("已导出 PDF"),
        "{}",
        h.state().status()
    );
}

#[test]
fn closing_over_the_import_notes_still_asks_to_save() {
    let dir = tempfile::tempdir().unwrap();
    let txt = dir.path().join("小沙 2020.txt");
    std::fs::copy("tests/fixtures/xiaosha-2020.txt", &txt).unwrap();
    let mut h = harness_with(Scripted::default(), &dir.path().join("s"), Some(txt));
    h.get_by_label("导入提示");
    assert!(
        h.state().document().is_dirty(),
        "an import is not saved yet"
    );
    h.input_mut()
        .viewports
        .entry(ViewportId::ROOT)
        .or_default()
        .events
        .push(ViewportEvent::Close);
    h.run();
    h.get_by_label("保存更改？");
}
