//! A clerk's whole day in the editor (issue 10): the grid follows the cursor, hints never name a
//! number that is not the one to type, nothing is exported or filled without a word, file
//! dialogs never fail silently, the status says what is true, small screens, the view, help,
//! printing.
#![allow(clippy::unwrap_used, clippy::expect_used)]

mod gui_support;

use egui::{Event, Key, Modifiers, MouseWheelUnit, Rect, vec2};
use egui_kittest::Harness;
use egui_kittest::kittest::{NodeT, Queryable};
use gui_support::*;
use nianbao::model::CellValue;
use nianbao::ui::NianbaoApp;
use nianbao::ui::command::Command;
use nianbao::ui::nav::Part;
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
fn export_and_print_with_errors_ask_first() {
    let dir = tempfile::tempdir().unwrap();
    let pdf = dir.path().join("有错误 的报告.pdf");
    let mut h = harness_with(Scripted::saving(&pdf), &dir.path().join("s"), None);
    h.state_mut()
        .document_mut()
        .report
        .set_by_id("t3.new.natural", Some(CellValue::Int(20)));
    h.run();
    h.key_press_modifiers(Modifiers::COMMAND | Modifiers::SHIFT, Key::P);
    h.run();
    h.get_by_label("报告还有 2 个错误");
    assert!(h.query_all_by_label_contains("T3-BAL：").count() >= 1);
    h.get_by_label("返回修改").click();
    h.run();
    assert!(!pdf.exists(), "nothing written before the clerk decides");
    h.key_press_modifiers(Modifiers::COMMAND | Modifiers::SHIFT, Key::P);
    h.run();
    h.get_by_label("仍然导出").click();
    h.run();
    assert!(std::fs::read(&pdf).unwrap().starts_with(b"%PDF"));

    let seen = h.state().document().findings.len();
    assert!(seen > 0);
    h.key_press_modifiers(Modifiers::COMMAND, Key::P);
    h.run();
    h.get_by_label("仍然打印").click();
    h.run();
}

#[test]
fn printing_hands_a_pdf_to_the_system_or_opens_it() {
    let dir = tempfile::tempdir().unwrap();
    let dialogs = Scripted::default();
    let seen = dialogs.seen.clone();
    let mut h = harness_with(dialogs, &dir.path().join("s"), None);
    h.key_press_modifiers(Modifiers::COMMAND, Key::P);
    h.run();
    let printed = seen.lock().unwrap().printed.clone();
    assert_eq!(printed.len(), 1);
    assert!(std::fs::read(&printed[0]).unwrap().starts_with(b"%PDF"));
    assert!(
        h.state().status().contains("已交给系统打印"),
        "{}",
        h.state().status()
    );

    let dialogs = Scripted {
        print_fails: true,
        ..Scripted::default()
    };
    let seen = dialogs.seen.clone();
    let mut h = harness_with(dialogs, &dir.path().join("s2"), None);
    h.get_by_label("文件").click();
    h.run();
    h.get_by_label_contains("打印…").click();
    h.run();
    let opened = seen.lock().unwrap().opened.clone();
    assert_eq!(
        opened.len(),
        1,
        "no print handler: the PDF is opened instead"
    );
    assert!(
        h.state().status().contains("无法直接打印"),
        "{}",
        h.state().status()
    );
}

#[test]
fn where_no_file_dialog_opens_the_clerk_types_the_path() {
    let dir = tempfile::tempdir().unwrap();
    let txt = fixture_copy(dir.path(), "xiaosha-2020.txt", "小沙 2020.txt");
    let dialogs = Scripted {
        unavailable: true,
        ..Scripted::default()
    };
    let mut h = harness_with(dialogs, &dir.path().join("s"), None);
    h.key_press_modifiers(Modifiers::COMMAND, Key::O);
    h.run();
    h.get_by_label_contains("无法打开系统的文件对话框");
    retype(&mut h, "文件路径", txt.to_str().unwrap());
    h.get_by_label("导入提示");
    assert_eq!(h.state().document().report.meta.year, 2020);
    h.get_by_label("知道了").click();
    h.run();

    // Save: the path typed, the draft on disk, the title follows.
    let draft = dir.path().join("小沙 2020.ron");
    h.key_press_modifiers(Modifiers::COMMAND, Key::S);
    h.run();
    retype(&mut h, "文件路径", draft.to_str().unwrap());
    assert!(nianbao::io::draft::load(&draft).is_ok());
    assert!(
        h.state().title().ends_with("小沙 2020.ron"),
        "{}",
        h.state().title()
    );
}

#[test]
fn file_dialogs_open_in_the_drafts_folder() {
    let dir = tempfile::tempdir().unwrap();
    let folder = dir.path().join("年报 草稿");
    std::fs::create_dir_all(&folder).unwrap();
    let draft = folder.join("2025年 年报.ron");
    nianbao::io::draft::save(&nianbao::io::sample().unwrap(), &draft).unwrap();
    let dialogs = Scripted::default();
    let seen = dialogs.seen.clone();
    let mut h = harness_with(dialogs, &dir.path().join("s"), Some(draft));
    h.key_press_modifiers(Modifiers::COMMAND | Modifiers::SHIFT, Key::S);
    h.run();
    h.key_press_modifiers(Modifiers::COMMAND, Key::O);
    h.run();
    let folders = seen.lock().unwrap().folders.clone();
    assert_eq!(folders, vec![Some(folder.clone()), Some(folder)]);
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

#[test]
fn word_and_web_page_exports_are_written_from_the_file_menu() {
    let dir = tempfile::tempdir().unwrap();
    let docx = dir.path().join("导出 目录").join("2025年 年报.docx");
    let html = dir.path().join("导出 目录").join("2025年 年报");
    std::fs::create_dir_all(docx.parent().unwrap()).unwrap();
    let dialogs = Scripted {
        save: vec![docx.clone(), html.clone()],
        ..Scripted::default()
    };
    let mut h = harness_with(dialogs, &dir.path().join("s"), None);
    h.get_by_label("文件").click();
    h.run();
    h.get_by_label("导出 Word（.docx）…").click();
    h.run();
    let sample = nianbao::io::sample().unwrap();
    let word = nianbao::model::import::Importer::default()
        .word(&std::fs::read(&docx).unwrap())
        .unwrap();
    assert_eq!(
        word.resolve(),
        sample.resolve(),
        "the Word file holds the figures"
    );
    assert!(
        h.state().status().contains("已导出 Word 文档"),
        "{}",
        h.state().status()
    );

    h.get_by_label("文件").click();
    h.run();
    h.get_by_label("导出网页（.html）…").click();
    h.run();
    // No ending typed: .html is added.
    let page = std::fs::read_to_string(html.with_extension("html")).unwrap();
    let back = nianbao::model::import::Importer::default()
        .html(&page)
        .unwrap();
    assert_eq!(back.resolve(), sample.resolve());
    assert!(
        h.state().status().contains("已导出网页"),
        "{}",
        h.state().status()
    );
}

#[test]
fn an_export_never_replaces_the_draft_or_a_file_of_another_kind() {
    let dir = tempfile::tempdir().unwrap();
    let text = dir.path().join("去年发布稿.html");
    std::fs::write(&text, "这不是本程序导出的网页，是别人的文件").unwrap();
    let mut h = harness_with(Scripted::saving(&text), &dir.path().join("s"), None);
    h.get_by_label("文件").click();
    h.run();
    h.get_by_label("导出网页（.html）…").click();
    h.run();
    assert!(h.query_by_label_contains("不能导出到这个文件").is_some());
    assert_eq!(
        std::fs::read_to_string(&text).unwrap(),
        "这不是本程序导出的网页，是别人的文件"
    );
}

#[test]
fn last_years_pdf_opens_from_the_file_menu_and_a_scan_says_what_to_do() {
    let dir = tempfile::tempdir().unwrap();
    let pdf = fixture_copy(
        dir.path(),
        "pdf/qinghe-2025-lo-noto.pdf",
        "青禾 2025年 年报.pdf",
    );
    let scan = fixture_copy(dir.path(), "pdf/scan.pdf", "扫描件.pdf");
    let dialogs = Scripted {
        open: vec![pdf, scan],
        ..Scripted::default()
    };
    let mut h = harness_with(dialogs, &dir.path().join("s"), None);
    h.key_press_modifiers(Modifiers::COMMAND, Key::O);
    h.run();
    // The sample was never changed: no 保存更改？; the PDF imports with its notes.
    let report = &h.state().document().report;
    assert_eq!(report.meta.year, 2025);
    assert!(
        report.meta.agency.contains("青禾"),
        "{}",
        report.meta.agency
    );
    let page = nianbao::io::open_any(&dir.path().join("青禾 2025年 年报.pdf")).unwrap();
    assert_eq!(report.resolve(), page.report.resolve());
    // The import's notes come up first; closing them leaves the report.
    h.get_by_label("知道了").click();
    h.run();
    assert!(!h.state().has_dialog());

    h.key_press_modifiers(Modifiers::COMMAND, Key::O);
    h.run();
    if h.query_by_label("保存更改？").is_some() {
        h.get_by_label("不保存").click();
        h.run();
    }
    h.get_by_label_contains("这是扫描件");
    assert_eq!(
        h.state().document().report.meta.year,
        2025,
        "nothing replaced"
    );
}
