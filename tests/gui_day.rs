//! A clerk's whole day in the editor (issue 10), the view: the grid follows the cursor, hints
//! never name a number that is not the one to type, the status says what is true, small screens,
//! side panels, zoom. Files and printing: gui_day_files.rs; help and editing: gui_day_edit.rs.
#![allow(clippy::unwrap_used, clippy::expect_used)]

mod gui_support;

use egui::{Event, Key, Modifiers, MouseWheelUnit, Rect, vec2};
use egui_kittest::Harness;
use egui_kittest::kittest::{NodeT, Queryable};
use gui_support::*;
use nianbao::model::CellValue;
use nianbao::ui::NianbaoApp;
use nianbao::ui::command::Command;
use nianbao::ui::settings::FontSize;

const SMALL: egui::Vec2 = egui::vec2(1024.0, 600.0);
const LAPTOP: egui::Vec2 = egui::vec2(1366.0, 768.0);

/// The area the middle panel shows: below the menu bar, above the status bar, between the side
/// panels (or the window's edges).
fn viewport(h: &Harness<'_, NianbaoApp>) -> Rect {
    let top = h.get_by_label("帮助").rect().bottom();
    // The status bar's 错误 N is the lowest of the labels saying 错误.
    let status = h
        .query_all_by_label_contains("错误 ")
        .map(|n| n.rect().top())
        .fold(0.0, f32::max);
    let right = h
        .query_by_label("问题清单")
        .map_or(f32::INFINITY, |n| n.rect().left());
    let left = h
        .query_by_label_contains("报告信息与落款")
        .map_or(0.0, |n| n.rect().right());
    Rect::from_min_max(egui::pos2(left, top), egui::pos2(right, status))
}

/// Whether the cell `label` is drawn whole inside the middle panel.
fn in_view(h: &Harness<'_, NianbaoApp>, label: &str) -> bool {
    let rect = h.get_by_label(label).rect();
    let view = viewport(h);
    view.expand(1.0).contains_rect(rect) && rect.height() > 1.0
}

fn cursor_label(h: &Harness<'_, NianbaoApp>) -> String {
    let doc = h.state().document();
    doc.report
        .format
        .cell_label(h.state().grid_state().cursor.unwrap())
}

#[test]
fn the_selected_cell_stays_in_view_going_down_and_right() {
    let dir = tempfile::tempdir().unwrap();
    let mut h = harness_sized(Scripted::default(), dir.path(), None, SMALL);
    show_table_three(&mut h);
    h.get_by_label(NEW_NATURAL).click();
    h.run();
    for _ in 0..24 {
        h.key_press(Key::ArrowDown);
        h.run();
    }
    assert_eq!(
        h.state().grid_state().cursor,
        Some(ix(&h, "t3.carried_out.natural"))
    );
    let below = cursor_label(&h);
    assert!(in_view(&h, &below), "{below} is off-screen");
    for _ in 0..6 {
        h.key_press(Key::ArrowRight);
        h.run();
    }
    let right = cursor_label(&h);
    assert!(right.contains("总计"), "{right}");
    assert!(in_view(&h, &right), "{right} is off-screen");
    // Back to the top: the first row comes out from under the frozen header.
    for _ in 0..24 {
        h.key_press(Key::ArrowUp);
        h.run();
    }
    let top = cursor_label(&h);
    assert!(in_view(&h, &top), "{top} is off-screen");
}

#[test]
fn clicking_a_finding_far_down_scrolls_its_cell_into_view() {
    let dir = tempfile::tempdir().unwrap();
    let mut h = harness_sized(Scripted::default(), dir.path(), None, LAPTOP);
    h.state_mut()
        .document_mut()
        .report
        .set_by_id("t3.new.natural", Some(CellValue::Int(20)));
    h.run();
    h.get_by_label_contains("错误 T3-BAL：表三“自然人”列")
        .click();
    h.run();
    assert_eq!(
        h.state().grid_state().cursor,
        Some(ix(&h, "t3.results_total.natural")),
        "T3-BAL selects （七）总计"
    );
    let label = cursor_label(&h);
    assert!(in_view(&h, &label), "{label} is off-screen");
}

#[test]
fn paste_brings_the_cell_back_into_view() {
    let dir = tempfile::tempdir().unwrap();
    let mut h = harness_sized(Scripted::default(), dir.path(), None, SMALL);
    show_table_three(&mut h);
    h.get_by_label(NEW_NATURAL).click();
    h.run();
    // The clerk scrolls away with the wheel, then pastes.
    h.hover_at(viewport(&h).center());
    h.run();
    h.event(Event::MouseWheel {
        unit: MouseWheelUnit::Point,
        delta: vec2(0.0, -2000.0),
        modifiers: Modifiers::NONE,
        phase: egui::TouchPhase::Move,
        source: egui::MouseWheelSource::Wheel,
    });
    h.run_steps(8);
    assert!(!in_view(&h, NEW_NATURAL), "scrolled away first");
    h.event(Event::Paste("9".into()));
    h.run();
    assert_eq!(cell(&h, "t3.new.natural"), Some(CellValue::Int(9)));
    assert!(in_view(&h, NEW_NATURAL));
}

#[test]
fn the_tooltip_never_names_a_figure_that_is_not_the_one_to_type() {
    let dir = tempfile::tempdir().unwrap();
    let mut h = harness_sized(Scripted::default(), dir.path(), None, LAPTOP);
    // 上年结转 / 商业企业 = 5 where 1 balances: the rule's other side is 8.
    let label = "表三“二、上年结转政府信息公开申请数量”行“商业企业”列";
    h.state_mut()
        .document_mut()
        .report
        .set_by_id("t3.carried_in.corp_commercial", Some(CellValue::Int(5)));
    show_table_three(&mut h);
    h.get_by_label(label).hover();
    h.run();
    let line = h.get_by_label_contains("[T3-BAL]");
    // A label's text is its accessible value.
    let text = line.accesskit_node().value().unwrap_or_default();
    assert!(!text.contains("（应为"), "a bare 应为 in {text}");
    // The number that balances, for the hovered cell (the other side is 8; 1 here makes it so).
    assert!(text.contains("此格应为 1"), "{text}");
    assert!(
        text.contains("第一项加第二项之和等于第三项加第四项之和"),
        "{text}"
    );
}

#[test]
fn the_status_says_what_is_true() {
    let dir = tempfile::tempdir().unwrap();
    let storage = dir.path().join("s");
    // The sample was never saved.
    let h = harness(&storage);
    assert!(h.query_by_label("已保存").is_none());
    h.get_by_label("未保存为文件");

    // After 从上年报告新建 the status no longer says last year's file was saved.
    let last_year = dir.path().join("2025年.ron");
    let mut h = harness_with(
        Scripted {
            save: vec![last_year.clone()],
            open: vec![last_year.clone()],
            ..Scripted::default()
        },
        &storage,
        None,
    );
    h.key_press_modifiers(Modifiers::COMMAND, Key::S);
    h.run();
    assert!(h.state().status().starts_with("已保存"));
    h.state_mut().push(Command::NewFromLastYear);
    h.run();
    let status = h.state().status().to_owned();
    assert!(!status.contains("已保存"), "{status}");
    assert!(
        status.contains("2026年度草稿") && status.contains("尚未保存"),
        "{status}"
    );

    // An edit after 已保存 ends it.
    let mut h = harness_with(Scripted::saving(&last_year), &storage, None);
    h.key_press_modifiers(Modifiers::COMMAND, Key::S);
    h.run();
    show_table_three(&mut h);
    type_into(&mut h, NEW_NATURAL, "17");
    assert!(
        !h.state().status().contains("已保存"),
        "{}",
        h.state().status()
    );

    // A file that does not open leaves the sample on screen, and the status says so.
    let bad = dir.path().join("坏的.ron");
    std::fs::write(&bad, "(").unwrap();
    let mut h = harness_with(Scripted::default(), &storage, Some(bad));
    h.get_by_label("确定").click();
    h.run();
    assert!(
        h.state().status().contains("未能打开"),
        "{}",
        h.state().status()
    );
    assert!(h.state().title().contains("示例报告"));
}

#[test]
fn a_long_status_stays_inside_the_window() {
    let dir = tempfile::tempdir().unwrap();
    let mut deep = dir.path().to_owned();
    for i in 0..12 {
        deep = deep.join(format!("很长的文件夹名称第{i}层用来测试状态栏"));
    }
    std::fs::create_dir_all(&deep).unwrap();
    let draft = deep.join("2025年 年报.ron");
    nianbao::io::draft::save(&nianbao::io::sample().unwrap(), &draft).unwrap();
    let h = harness_sized(
        Scripted::default(),
        &dir.path().join("s"),
        Some(draft),
        SMALL,
    );
    let status = h.get_by_label_contains("已打开：");
    assert!(
        status.rect().right() <= SMALL.x,
        "runs off to {}",
        status.rect().right()
    );
}

#[test]
fn on_a_small_screen_the_header_rows_stay_in_view() {
    let dir = tempfile::tempdir().unwrap();
    let mut h = harness_sized(Scripted::default(), dir.path(), None, SMALL);
    show_table_three(&mut h);
    let header = h.get_by_label("自然人").rect();
    h.get_by_label(NEW_NATURAL).click();
    h.run();
    for _ in 0..24 {
        h.key_press(Key::ArrowDown);
        h.run();
    }
    // Scrolled far down: the first rows went out of view, the column header did not.
    let view = viewport(&h);
    assert!(!in_view(&h, NEW_NATURAL));
    let moved = h.get_by_label("自然人").rect();
    assert!(moved.top() < header.top(), "{moved:?} vs {header:?}");
    assert!(view.contains_rect(moved), "{moved:?} outside {view:?}");
    let below = cursor_label(&h);
    assert!(h.get_by_label(&below).rect().top() >= moved.bottom());
    // And the row labels stay at the left when scrolled right.
    for _ in 0..6 {
        h.key_press(Key::ArrowRight);
        h.run();
    }
    let row = h.get_by_label("四、结转下年度继续办理").rect();
    assert!(
        view.contains_rect(row.shrink(1.0)),
        "{row:?} outside {view:?}"
    );
}

#[test]
fn side_panels_fold_away_and_the_choice_is_remembered() {
    let dir = tempfile::tempdir().unwrap();
    let mut h = harness_sized(Scripted::default(), dir.path(), None, SMALL);
    h.get_by_label("收起左侧目录").click();
    h.run();
    h.get_by_label("收起问题清单").click();
    h.run();
    assert!(h.query_by_label_contains("报告信息与落款").is_none());
    assert!(h.query_by_label("问题清单").is_none());
    let settings = h.state().settings();
    assert!(!settings.show_parts && !settings.show_findings);
    // eframe stores the settings on exit; the next start reads them.
    let mut storage = Memory::default();
    eframe::App::save(h.state_mut(), &mut storage);
    assert!(storage.0.contains("show_parts:false"), "{}", storage.0);
    h.get_by_label("显示左侧目录").click();
    h.run();
    h.get_by_label_contains("报告信息与落款");
}

/// eframe's storage, in memory.
#[derive(Default)]
struct Memory(String);

impl eframe::Storage for Memory {
    fn get_string(&self, _key: &str) -> Option<String> {
        Some(self.0.clone())
    }
    fn set_string(&mut self, _key: &str, value: String) {
        self.0 = value.replace([' ', '\n'], "");
    }
    fn remove_string(&mut self, _key: &str) {}
    fn flush(&mut self) {}
}

#[test]
fn fit_width_zooms_the_widest_table_into_the_window() {
    let dir = tempfile::tempdir().unwrap();
    let mut h = harness_sized(Scripted::default(), dir.path(), None, SMALL);
    show_table_three(&mut h);
    let total = "表三“一、本年新收政府信息公开申请数量”行“总计”列";
    assert!(!in_view(&h, total), "表三 is cut on the right at first");
    h.get_by_label("视图").click();
    h.run();
    h.get_by_label("适应窗口宽度").click();
    h.run();
    h.run();
    assert!(h.state().settings().zoom < 1.0);
    assert!(
        in_view(&h, total),
        "the 总计 column fits after 适应窗口宽度"
    );
}

#[test]
fn light_by_default_and_the_view_menu_zooms_and_sizes() {
    let dir = tempfile::tempdir().unwrap();
    let mut h = harness(dir.path());
    assert!(
        !h.ctx.global_style().visuals.dark_mode,
        "light theme by default"
    );
    h.key_press_modifiers(Modifiers::COMMAND, Key::Equals);
    h.run();
    assert!(
        (h.ctx.zoom_factor() - 1.1).abs() < 1e-4,
        "{}",
        h.ctx.zoom_factor()
    );
    h.key_press_modifiers(Modifiers::COMMAND, Key::Minus);
    h.run();
    h.key_press_modifiers(Modifiers::COMMAND, Key::Minus);
    h.run();
    assert!((h.ctx.zoom_factor() - 0.9).abs() < 1e-4);
    h.key_press_modifiers(Modifiers::COMMAND, Key::Num0);
    h.run();
    assert!((h.ctx.zoom_factor() - 1.0).abs() < 1e-4);
    // The menu shows the shortcuts it answers to.
    h.get_by_label("视图").click();
    h.run();
    h.get_by_label_contains("Ctrl+=");
    h.get_by_label("深色").click();
    h.run();
    assert!(h.ctx.global_style().visuals.dark_mode);
    h.get_by_label("视图").click();
    h.run();
    h.get_by_label(FontSize::Large.label()).click();
    h.run();
    let body = h.ctx.global_style().text_styles[&egui::TextStyle::Body].size;
    assert!((body - 17.0).abs() < 0.01, "{body}");
}
