//! The editor as a clerk uses it, through egui_kittest (no GPU, no display): find widgets by
//! their accessible names, type, click, and check the document.
#![allow(clippy::unwrap_used, clippy::expect_used)]

mod gui_support;

use egui::{Event, Key, MissingGlyphPolicy, Modifiers};
use egui_kittest::Harness;
use egui_kittest::kittest::Queryable;
use gui_support::*;
use nianbao::model::CellValue;
use nianbao::model::format::Severity;
use nianbao::ui::NianbaoApp;
use nianbao::ui::command::{Command, Menu};
use nianbao::ui::nav::Part;
use nianbao::ui::recovery::Recovery;

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
    assert!(has_finding(&h, "VALUE"));
    type_into(&mut h, NEW_NATURAL, "-3");
    assert_eq!(cell(&h, "t3.new.natural"), Some(CellValue::Int(-3)));
    assert!(has_finding(&h, "NONNEG"));
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
    assert!(has_finding(&h, "C7"));
}

#[test]
fn the_unsaved_changes_prompt_appears_on_close() {
    let dir = tempfile::tempdir().unwrap();
    let mut h = harness(dir.path());
    show_table_three(&mut h);
    type_into(&mut h, NEW_NATURAL, "19");
    request_close(&mut h);
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
        let mut h = harness_with(Scripted::saving(&draft), &storage, None);
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
        lose_focus(&mut h);
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

/// Shows every part of the open report and checks each drew what it should.
fn render_every_part(h: &mut Harness<'_, NianbaoApp>) {
    let format = h.state().document().report.format;
    let mut parts = vec![Part::Meta];
    parts.extend((0..format.sections.len()).map(Part::Section));
    if !h.state().document().report.notes.is_empty() {
        parts.push(Part::Notes);
    }
    for part in parts {
        h.state_mut().show_part(part);
        h.run();
        match part {
            Part::Meta => {
                h.get_by_label("机关全称");
            }
            Part::Section(s) => {
                // Listed on the left (with its counts) and drawn as the heading in the middle.
                let heading = format.section_heading(&format.sections[s]);
                let shown = h.get_all_by_label_contains(&heading).count();
                assert_eq!(shown, 2, "{heading}");
                for t in format.tables.iter().filter(|t| t.section == s) {
                    let first = format.cell_label(t.cells().start);
                    h.get_by_label(&first);
                }
            }
            Part::Notes => {
                h.get_by_label(Command::ClearNotes.label());
            }
        }
    }
}

#[test]
fn every_part_renders_without_missing_glyphs() {
    // egui_kittest stops at the first character no installed font can draw (it would be a box,
    // "tofu", on screen): drawing every part, menu, tooltip and dialog under that policy is the
    // check.
    let dir = tempfile::tempdir().unwrap();
    let storage = dir.path().join("s");
    let mut h = harness(&storage);
    assert_eq!(h.ctx.missing_glyph_policy(), MissingGlyphPolicy::Panic);
    render_every_part(&mut h);
    for menu in Menu::ALL {
        h.get_by_label(menu.title()).click();
        h.run();
        h.key_press(Key::Escape);
        h.run();
    }
    // The help dialogs.
    for cmd in [
        Command::ShowShortcuts,
        Command::ShowGuide,
        Command::ShowAbout,
    ] {
        h.state_mut().push(cmd);
        h.run();
        assert!(h.state().has_dialog());
        h.key_press(Key::Escape);
        h.run();
    }
    h.get_by_label("文件").click();
    h.run();
    h.get_by_label("最近打开").hover();
    h.run();
    h.key_press(Key::Escape);
    h.run();

    // A report in the 2019 format with findings, import notes and the notes dialog.
    let txt = fixture_copy(dir.path(), "xiaosha-2020.txt", "小沙 2020.txt");
    h.state_mut().push(Command::OpenRecent(txt));
    h.run();
    h.get_by_label("导入提示");
    h.get_by_label("知道了").click();
    h.run();
    render_every_part(&mut h);
    // A question: 空白单元格填 0 with its count.
    h.state_mut().push(Command::FillBlanksWithZero);
    h.run();
    h.get_by_label("空白单元格填 0");
    h.get_by_label("取消").click();
    h.run();
    // The tooltip of a cell in error.
    h.state_mut().show_part(Part::Section(3));
    h.run();
    h.get_by_label("表四“行政复议 总计”").hover();
    h.run();
    h.get_by_label_contains("[T4-SUM]");
    h.remove_cursor();
    h.run();

    // 保存更改？ then 新建报告.
    h.state_mut().push(Command::New);
    h.run();
    h.get_by_label("保存更改？");
    h.get_by_label("不保存").click();
    h.run();
    h.get_by_label("新建报告");
    h.get_by_label("取消").click();
    h.run();

    // 转换报告格式？ after typing a year of the other format.
    h.state_mut().show_part(Part::Meta);
    h.run();
    retype(&mut h, "年度", "2021");
    h.get_by_label("转换报告格式？");
    h.get_by_label("暂不转换").click();
    h.run();

    // A message: a file that does not open.
    h.state_mut()
        .push(Command::OpenRecent(dir.path().join("没有 这个.ron")));
    h.run();
    h.get_by_label("不保存").click();
    h.run();
    h.get_by_label_contains("无法打开文件");
    h.get_by_label("确定").click();
    h.run();
    assert!(!h.state().has_dialog());

    // 恢复未保存的工作？
    let report = h.state().document().report.clone();
    Recovery::new(&storage)
        .write(&report, None, "小沙 2020.txt（导入）")
        .unwrap();
    let h = harness(&storage);
    h.get_by_label("恢复未保存的工作？");
}

#[test]
fn export_pdf_writes_the_file_chosen() {
    let dir = tempfile::tempdir().unwrap();
    let pdf = dir.path().join("导出 目录").join("2025年 年报.pdf");
    std::fs::create_dir_all(pdf.parent().unwrap()).unwrap();
    let mut h = harness_with(Scripted::saving(&pdf), &dir.path().join("s"), None);
    // 导出 PDF is Ctrl+Shift+P since Ctrl+P prints.
    h.key_press_modifiers(Modifiers::COMMAND | Modifiers::SHIFT, Key::P);
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
    let txt = fixture_copy(dir.path(), "xiaosha-2020.txt", "小沙 2020.txt");
    let mut h = harness_with(Scripted::default(), &dir.path().join("s"), Some(txt));
    h.get_by_label("导入提示");
    assert!(
        h.state().document().is_dirty(),
        "an import is not saved yet"
    );
    request_close(&mut h);
    h.get_by_label("保存更改？");
}

#[test]
fn the_signature_date_offers_only_days_that_exist() {
    let dir = tempfile::tempdir().unwrap();
    let mut h = harness(dir.path());
    h.state_mut().show_part(Part::Meta);
    h.run();
    // The sample is dated 2026年1月20日: 31 January, then February.
    h.get_by_label("成文日期：日").click();
    h.run();
    h.get_by_label("31").click();
    h.run();
    h.get_by_label("成文日期：月").click();
    h.run();
    h.get_by_label("2").click();
    h.run();
    let date = h.state().document().report.meta.signature_date.unwrap();
    assert_eq!((date.year, date.month, date.day), (2026, 2, 28));
    h.get_by_label("成文日期：日").click();
    h.run();
    assert!(h.query_by_label("28").is_some());
    assert!(h.query_by_label("29").is_none(), "no 29 February 2026");
    h.key_press(Key::Escape);
    h.run();
    h.get_by_label("清除").click();
    h.run();
    assert_eq!(h.state().document().report.meta.signature_date, None);
    h.get_by_label("填写成文日期");
}
