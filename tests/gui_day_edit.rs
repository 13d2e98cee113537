//! A clerk's day in the editor (issue 10), help and editing: the 帮助 menu, filling blanks with 0
//! (asked, one undo), the year a plain number, a long number never cut in its cell.
#![allow(clippy::unwrap_used, clippy::expect_used)]

mod gui_support;

use egui::{Key, Modifiers, vec2};
use egui_kittest::kittest::{NodeT, Queryable};
use gui_support::*;
use nianbao::model::CellValue;
use nianbao::ui::command::Command;
use nianbao::ui::nav::Part;

#[test]
fn the_help_menu_lists_every_shortcut_explains_the_tables_and_names_the_fonts() {
    let dir = tempfile::tempdir().unwrap();
    let mut h = harness(dir.path());
    h.key_press(Key::F1);
    h.run();
    assert!(h.state().has_dialog());
    for cmd in Command::ALL {
        if !cmd.shortcuts().is_empty() {
            let label = cmd.label().trim_end_matches('…');
            assert!(h.query_all_by_label(label).count() >= 1, "{label}");
        }
    }
    for (keys, _) in nianbao::ui::grid::GRID_KEYS {
        h.get_by_label(keys);
    }
    h.get_by_label("关闭").click();
    h.run();
    assert!(!h.state().has_dialog());
    h.get_by_label("帮助").click();
    h.run();
    h.get_by_label("填报说明").click();
    h.run();
    h.get_by_label_contains("第一项加第二项之和，等于第三项加第四项之和");
    h.get_by_label_contains("没有发生的事项填 0");
    h.get_by_label("关闭").click();
    h.run();
    h.get_by_label("帮助").click();
    h.run();
    h.get_by_label("关于").click();
    h.run();
    h.get_by_label_contains(env!("CARGO_PKG_VERSION"));
    h.get_by_label_contains("2021年版格式");
    // The licence texts travel inside the program, and every character of them draws.
    h.get_by_label("字体许可全文（SIL Open Font License 1.1）")
        .click();
    h.run();
    assert_eq!(
        h.query_all_by_label_contains("Reserved Font Name").count(),
        2
    );
}

#[test]
fn filling_blanks_with_zero_asks_with_the_count_and_one_undo_takes_it_back() {
    let dir = tempfile::tempdir().unwrap();
    let txt = fixture_copy(dir.path(), "xiaosha-2020.txt", "小沙 2020.txt");
    let mut h = harness_with(Scripted::default(), &dir.path().join("s"), Some(txt));
    h.get_by_label("知道了").click();
    h.run();
    let before = h.state().document().report.clone();
    h.get_by_label("编辑").click();
    h.run();
    h.get_by_label("空白单元格填 0…").click();
    h.run();
    let question = h.get_by_label_contains("个空白的单元格填为 0");
    let text = format!("{:?}", question.accesskit_node());
    assert!(text.contains("将把各表中 "), "{text}");
    assert_eq!(h.state().document().report, before, "nothing filled yet");
    h.get_by_label("填 0").click();
    h.run();
    assert_ne!(h.state().document().report, before);
    h.key_press_modifiers(Modifiers::COMMAND, Key::Z);
    h.run();
    assert_eq!(h.state().document().report, before, "one Ctrl+Z");
}

#[test]
fn the_year_is_a_plain_number_a_drag_cannot_change() {
    let dir = tempfile::tempdir().unwrap();
    let mut h = harness(dir.path());
    h.state_mut().show_part(Part::Meta);
    h.run();
    let field = h.get_by_label("年度").rect();
    h.drag_at(field.center());
    h.run();
    h.drop_at(field.center() + vec2(120.0, 0.0));
    h.run();
    assert_eq!(h.state().document().report.meta.year, 2025, "a stray drag");
    retype(&mut h, "年度", "3000");
    assert_eq!(h.state().document().report.meta.year, 2025, "out of range");
    retype(&mut h, "年度", "２０２６");
    assert_eq!(
        h.state().document().report.meta.year,
        2026,
        "full-width digits"
    );
}

#[test]
fn a_long_number_is_never_cut_in_its_cell() {
    let dir = tempfile::tempdir().unwrap();
    let mut h = harness(dir.path());
    h.state_mut()
        .document_mut()
        .report
        .set_by_id("t3.new.natural", Some(CellValue::Int(123_456_789_012)));
    show_table_three(&mut h);
    let width = h.get_by_label(NEW_NATURAL).rect().width();
    let text = h.ctx.fonts_mut(|f| {
        f.layout_no_wrap(
            "123456789012".to_owned(),
            egui::FontId::proportional(14.0),
            egui::Color32::BLACK,
        )
        .size()
        .x
    });
    assert!(width >= text + 8.0, "{width} < {text}");
}
