//! A clerk's day in the editor (issue 10), files: nothing is exported or printed with errors
//! without a word, printing hands a PDF to the system, file dialogs never fail silently and open
//! in the drafts folder, Word and web-page exports from the 文件 menu never replace the draft,
//! last year's PDF opens.
#![allow(clippy::unwrap_used, clippy::expect_used)]

mod gui_support;

use egui::{Key, Modifiers};
use egui_kittest::kittest::Queryable;
use gui_support::*;
use nianbao::model::CellValue;

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
