//! The clerk's second day (issue 21): paths said in full and typed where they belong, messages in
//! Chinese with the details folded away, rollover notes that are true, 待填 before wrong, and
//! exports that ask before replacing a file.
#![allow(clippy::unwrap_used, clippy::expect_used)]

mod gui_support;

use std::path::{Path, PathBuf};

use egui::{Key, Modifiers};
use egui_kittest::Harness;
use egui_kittest::kittest::{NodeT, Queryable};
use gui_support::*;
use nianbao::ui::command::Command;
use nianbao::ui::files::{FileDialogs, FileKind, Picked, PrintJob};
use nianbao::ui::{AppConfig, NianbaoApp};

/// The scripted desktop, with its own 文档 folder (never the real user's).
struct InDocuments {
    inner: Scripted,
    documents: PathBuf,
}

impl FileDialogs for InDocuments {
    fn pick_open(&mut self, kind: FileKind, folder: Option<&Path>) -> Picked {
        self.inner.pick_open(kind, folder)
    }
    fn pick_save(&mut self, kind: FileKind, folder: Option<&Path>, suggested: &str) -> Picked {
        self.inner.pick_save(kind, folder, suggested)
    }
    fn pick_folder(&mut self, folder: Option<&Path>) -> Picked {
        self.inner.pick_folder(folder)
    }
    fn open_externally(&mut self, path: &Path) -> Result<(), String> {
        self.inner.open_externally(path)
    }
    fn print(&mut self, path: &Path) -> PrintJob {
        self.inner.print(path)
    }
    fn documents_folder(&self) -> Option<PathBuf> {
        Some(self.documents.clone())
    }
}

/// The editor with `dialogs` and `documents` as the user's 文档 folder, in a window of `size`.
fn harness_in(
    dialogs: Scripted,
    documents: &Path,
    storage: &Path,
    file: Option<PathBuf>,
    size: egui::Vec2,
) -> Harness<'static, NianbaoApp> {
    let dialogs = InDocuments {
        inner: dialogs,
        documents: documents.to_owned(),
    };
    harness_of(Box::new(dialogs), storage, file, size)
}

const WIDE: egui::Vec2 = egui::vec2(1500.0, 1000.0);

/// What a text field holds.
fn field_text(h: &Harness<'_, NianbaoApp>, label: &str) -> String {
    h.get_by_label(label)
        .accesskit_node()
        .value()
        .unwrap_or_default()
        .to_owned()
}

/// What a node says: a label's text is its value, a button's its label.
fn node_text(node: &egui_kittest::Node<'_>) -> String {
    let n = node.accesskit_node();
    n.value()
        .filter(|v| !v.is_empty())
        .or(n.label())
        .unwrap_or_default()
        .to_owned()
}

#[test]
fn a_new_drafts_typed_path_starts_in_the_documents_folder_and_is_said_in_full() {
    let dir = tempfile::tempdir().unwrap();
    let documents = dir.path().join("文档");
    std::fs::create_dir_all(&documents).unwrap();
    let dialogs = Scripted {
        unavailable: true,
        ..Scripted::default()
    };
    let mut h = harness_in(dialogs, &documents, &dir.path().join("s"), None, WIDE);
    h.state_mut().push(Command::New);
    h.run();
    h.get_by_label("创建").click();
    h.run();
    h.key_press_modifiers(Modifiers::COMMAND, Key::S);
    h.run();
    let typed = field_text(&h, "文件路径");
    assert!(
        Path::new(&typed).starts_with(&documents) && typed.ends_with(".ron"),
        "the entry starts from a full path in 文档: {typed}"
    );
    // The field has the keyboard: Enter accepts the path shown.
    h.key_press(Key::Enter);
    h.run();
    let saved = PathBuf::from(&typed);
    assert!(nianbao::io::draft::load(&saved).is_ok(), "saved in 文档");
    let status = h.state().status().to_owned();
    assert!(
        status.contains(&saved.display().to_string()),
        "the status names the full path: {status}"
    );
    assert_eq!(h.state().settings().recent.first(), Some(&saved));

    // A bare name typed goes beside the draft, never into the program's working folder.
    h.key_press_modifiers(Modifiers::COMMAND | Modifiers::SHIFT, Key::S);
    h.run();
    retype(&mut h, "文件路径", "另存的 草稿.ron");
    assert!(documents.join("另存的 草稿.ron").is_file());
    assert!(!Path::new("另存的 草稿.ron").exists());
    assert_eq!(
        h.state().settings().recent.first(),
        Some(&documents.join("另存的 草稿.ron"))
    );
}

#[test]
fn a_long_path_is_cut_in_the_middle_and_whole_on_hover() {
    let dir = tempfile::tempdir().unwrap();
    let mut deep = dir.path().to_owned();
    for i in 0..8 {
        deep = deep.join(format!("很长的文件夹名称第{i}层"));
    }
    std::fs::create_dir_all(&deep).unwrap();
    let draft = deep.join("2025年 年报.ron");
    nianbao::io::draft::save(&nianbao::io::sample().unwrap(), &draft).unwrap();
    let mut h = harness_in(
        Scripted::default(),
        dir.path(),
        &dir.path().join("s"),
        Some(draft.clone()),
        egui::vec2(1024.0, 600.0),
    );
    let full = format!("已打开：{}", draft.display());
    assert_eq!(h.state().status(), full);
    let shown = h.get_by_label_contains("已打开：");
    let text = node_text(&shown);
    assert!(text.contains('…'), "cut: {text}");
    assert!(text.ends_with("2025年 年报.ron"), "the name stays: {text}");
    let head: String = full.chars().take(12).collect();
    assert!(text.starts_with(&head), "the start stays: {text}");
    shown.hover();
    h.run();
    assert!(h.query_by_label(&full).is_some(), "whole on hover");

    // 最近打开 lists the full path, cut the same way.
    h.get_by_label("文件").click();
    h.run();
    h.get_by_label("最近打开").hover();
    h.run();
    let entry = h
        .query_all_by_label_contains("2025年 年报.ron")
        .find(|n| n.accesskit_node().role() == egui::accesskit::Role::Button)
        .unwrap();
    let label = node_text(&entry);
    assert!(label.contains('…'), "{label}");
    assert!(
        label.starts_with(&dir.path().display().to_string()[..4]),
        "{label}"
    );
}

/// The scripted desktop whose viewer does not start either (no PDF reader, as under Xvfb).
struct NoViewer(Scripted);

impl FileDialogs for NoViewer {
    fn pick_open(&mut self, kind: FileKind, folder: Option<&Path>) -> Picked {
        self.0.pick_open(kind, folder)
    }
    fn pick_save(&mut self, kind: FileKind, folder: Option<&Path>, suggested: &str) -> Picked {
        self.0.pick_save(kind, folder, suggested)
    }
    fn pick_folder(&mut self, folder: Option<&Path>) -> Picked {
        self.0.pick_folder(folder)
    }
    fn open_externally(&mut self, path: &Path) -> Result<(), String> {
        Err(format!(
            "Launcher \"gio\" \"open\" \"{}\" failed with ExitStatus(unix_wait_status(512))",
            path.display()
        ))
    }
    fn print(&mut self, path: &Path) -> PrintJob {
        self.0.print(path)
    }
}

/// Every text on screen, joined (labels' values and buttons' labels).
fn screen_text(h: &Harness<'_, NianbaoApp>) -> String {
    h.query_all_by(|_| true)
        .map(|n| node_text(&n))
        .collect::<Vec<_>>()
        .join("\n")
}

/// Opens `bytes` saved as a draft; the message it gives, and the harness.
fn open_draft_bytes(dir: &Path, name: &str, bytes: &[u8]) -> Harness<'static, NianbaoApp> {
    let path = dir.join(name);
    std::fs::write(&path, bytes).unwrap();
    harness_in(Scripted::default(), dir, &dir.join("s"), Some(path), WIDE)
}

#[test]
fn broken_drafts_are_told_in_chinese_with_the_parsers_words_folded_away() {
    let dir = tempfile::tempdir().unwrap();
    let h = open_draft_bytes(dir.path(), "空的.ron", b"");
    h.get_by_label("无法打开文件");
    let text = screen_text(&h);
    assert!(text.contains("文件是空的"), "{text}");
    assert!(!text.contains("RON"), "{text}");

    // Cut off inside a character: not "不是 UTF-8", and RON's words only under 详细信息.
    let good = nianbao::io::draft::to_string(&nianbao::io::sample().unwrap()).unwrap();
    let (at, _) = good
        .char_indices()
        .find(|&(i, c)| i > good.len() / 3 && c.len_utf8() > 1)
        .unwrap();
    let cut = at + 1;
    let h = open_draft_bytes(dir.path(), "断了.ron", &good.as_bytes()[..cut]);
    let text = screen_text(&h);
    assert!(text.contains("文件不完整（可能在保存时被中断）"), "{text}");
    assert!(!text.contains("UTF-8"), "{text}");

    let mut h = open_draft_bytes(
        dir.path(),
        "中途.ron",
        &good.as_bytes()[..good.find("prose").unwrap()],
    );
    let text = screen_text(&h);
    assert!(text.contains("文件不完整（可能在保存时被中断）"), "{text}");
    assert!(
        !text.contains("Unexpected") && !text.contains("RON"),
        "{text}"
    );

    let h2 = open_draft_bytes(dir.path(), "不是草稿.ron", b"[1, 2, 3]");
    let text = screen_text(&h2);
    assert!(text.contains("草稿文件内容有误"), "{text}");
    assert!(!text.contains("Expected"), "never raw: {text}");

    // The details are there for whoever helps the clerk.
    h.get_by_label("详细信息").click();
    h.run();
    let text = screen_text(&h);
    assert!(
        text.contains("行") && text.chars().any(|c| c.is_ascii_alphabetic()),
        "{text}"
    );
}

#[test]
fn a_failed_print_hand_off_says_what_to_do_and_stops_saying_printing() {
    let dir = tempfile::tempdir().unwrap();
    let dialogs = NoViewer(Scripted {
        print_fails: true,
        ..Scripted::default()
    });
    let storage = dir.path().join("s");
    let mut h = Harness::builder()
        .with_size(WIDE)
        .with_max_steps(12)
        .build_eframe(move |cc| {
            NianbaoApp::new(
                cc,
                AppConfig {
                    file: None,
                    dialogs: Box::new(dialogs),
                    storage_dir: Some(storage),
                },
            )
        });
    h.run();
    h.key_press_modifiers(Modifiers::COMMAND, Key::P);
    h.run();
    let status = h.state().status().to_owned();
    assert!(!status.starts_with("正在"), "{status}");
    assert!(status.contains("PDF 已保存在"), "{status}");
    let text = screen_text(&h);
    assert!(text.contains("Ctrl+P 打印"), "says what to do: {text}");
    assert!(
        !text.contains("Launcher") && !text.contains("unix_wait_status"),
        "{text}"
    );
    h.get_by_label("详细信息").click();
    h.run();
    assert!(screen_text(&h).contains("unix_wait_status(512)"));
}

#[test]
fn rollover_notes_are_true_and_the_dialog_counts_what_is_kept() {
    let dir = tempfile::tempdir().unwrap();
    let txt = fixture_copy(dir.path(), "xiaosha-2020.txt", "小沙 2020.txt");
    let dialogs = Scripted {
        open: vec![txt.clone()],
        ..Scripted::default()
    };
    let mut h = harness_in(dialogs, dir.path(), &dir.path().join("s"), None, WIDE);
    h.state_mut().push(Command::NewFromLastYear);
    h.run();
    let report = h.state().document().report.clone();
    let kept = report.notes.len();
    let imported = nianbao::io::open_any(&txt).unwrap().notes.len();
    assert!(imported > 0 && kept > 0, "{imported} {kept}");
    let intro = node_text(&h.get_by_label_contains("请逐条核对"));
    assert!(
        intro.contains(&format!("共 {} 条", kept + imported))
            && intro.contains(&format!("其中 {kept} 条保存在草稿中"))
            && intro.contains(&format!("{imported} 条是读取上年报告时的提示")),
        "{intro}"
    );
    h.get_by_label("知道了").click();
    h.run();
    h.get_by_label(&format!("提示（{kept}）"));

    // No blank of last year is said to be 0 (or filled as 0).
    let previous = report.previous.as_ref().unwrap();
    let f = report.format;
    let mut blanks = 0;
    for row_cell in f
        .cells
        .iter()
        .filter(|c| c.id.starts_with("t3.carried_in."))
    {
        let from = row_cell.id.replace("carried_in", "carried_out");
        let was_blank = previous.cells.get(&from).is_none_or(|v| v.is_empty_like());
        let Some(note) = report
            .notes
            .iter()
            .find(|n| n.cell.as_deref() == Some(row_cell.id.as_str()))
        else {
            continue;
        };
        if was_blank {
            blanks += 1;
            assert!(!note.text.contains("填为"), "{}", note.text);
            assert!(note.text.contains("空白"), "{}", note.text);
            assert_eq!(report.entry(f.cell_index(&row_cell.id).unwrap()), None);
        }
    }
    assert!(blanks > 0, "the 2020 report left some 结转 cells blank");
}

#[test]
fn a_table_not_started_is_pending_not_red_until_its_first_figure() {
    let dir = tempfile::tempdir().unwrap();
    let last = dir.path().join("2025年 年报.ron");
    nianbao::io::draft::save(&nianbao::io::sample().unwrap(), &last).unwrap();
    let dialogs = Scripted {
        open: vec![last],
        save: vec![dir.path().join("有错误.pdf")],
        ..Scripted::default()
    };
    let mut h = harness_in(dialogs, dir.path(), &dir.path().join("s"), None, WIDE);
    h.state_mut().push(Command::NewFromLastYear);
    h.run();
    h.get_by_label("知道了").click();
    h.run();
    // A fresh next-year draft: 表三 holds only what the rollover put there. Its blank cells are
    // findings of the model (C7), shown as 待填, not as warnings or errors.
    let doc = h.state().document();
    let blank = ix(&h, "t3.new.natural");
    assert_eq!(
        doc.cell_severity(blank),
        Some(nianbao::model::format::Severity::Warning),
        "the model still has a finding on the blank cell: {:#?}",
        doc.findings
    );
    assert_eq!(
        doc.shown_severity(blank),
        None,
        "not marked before any figure"
    );
    let (errors, _, pending) = doc.shown_totals();
    assert_eq!(
        errors, 0,
        "nothing red before anything is typed: {:#?}",
        doc.findings
    );
    assert!(pending > 0);
    h.get_by_label(&format!("待填 {pending}"));
    h.get_by_label("三、收到和处理政府信息公开申请情况  待填")
        .click();
    h.run();
    h.get_by_label_contains("待填：");
    assert!(h.query_all_by_label_contains("待填 C7").count() >= 1);

    // The first figures start the table: what fails is red (T3-BAL: 3 results against 5 new
    // and 1 carried in), and the cell typed last among the rule's cells is the likely cause.
    type_into(&mut h, DISCLOSED_NATURAL, "3");
    type_into(&mut h, NEW_NATURAL, "5");
    let doc = h.state().document();
    let disclosed = ix(&h, "t3.disclosed.natural");
    let typed = ix(&h, "t3.new.natural");
    assert_eq!(
        doc.shown_severity(typed),
        Some(nianbao::model::format::Severity::Error),
        "{:#?}",
        doc.findings
    );
    assert!(doc.likely_cause(typed));
    assert!(!doc.likely_cause(disclosed));
    assert!(h.query_by_label_contains("待填：").is_none());
    h.get_by_label(NEW_NATURAL).hover();
    h.run();
    h.get_by_label("刚修改的是此格，可能是不符的原因");

    // Export asks while an error remains.
    h.key_press_modifiers(Modifiers::COMMAND | Modifiers::SHIFT, Key::P);
    h.run();
    h.get_by_label_contains("仍要导出吗");
    h.get_by_label("返回修改").click();
    h.run();
}

/// The grid cell of 表三 （一）予以公开, 自然人.
const DISCLOSED_NATURAL: &str = "表三“（一）予以公开”行“自然人”列";

#[test]
fn a_typed_export_path_asks_before_replacing_a_file() {
    let dir = tempfile::tempdir().unwrap();
    let page = dir.path().join("2025年 年报.html");
    let dialogs = Scripted {
        unavailable: true,
        ..Scripted::default()
    };
    let mut h = harness_in(dialogs, dir.path(), &dir.path().join("s"), None, WIDE);
    h.state_mut().push(Command::ExportWeb);
    h.run();
    retype(&mut h, "文件路径", page.to_str().unwrap());
    let first = std::fs::read(&page).unwrap();
    assert!(!h.state().has_dialog());
    let status = h.state().status().to_owned();
    assert_eq!(status, format!("已导出网页：{}", page.display()), "short");

    // Again to the same file: asked, and 取消 leaves it.
    h.state_mut()
        .document_mut()
        .report
        .meta
        .title
        .push_str("（修改稿）");
    h.run();
    h.state_mut().push(Command::ExportWeb);
    h.run();
    retype(&mut h, "文件路径", page.to_str().unwrap());
    h.get_by_label("替换已有的文件？");
    h.get_by_label("取消").click();
    h.run();
    assert!(std::fs::read(&page).unwrap() == first, "not replaced");
    h.state_mut().push(Command::ExportWeb);
    h.run();
    retype(&mut h, "文件路径", page.to_str().unwrap());
    h.get_by_label("替换").click();
    h.run();
    assert!(
        std::fs::read(&page).unwrap() != first,
        "replaced once confirmed"
    );
}

#[test]
fn a_pdf_exports_status_is_short() {
    let dir = tempfile::tempdir().unwrap();
    let pdf = dir.path().join("年报.pdf");
    let mut h = harness_in(
        Scripted::saving(&pdf),
        dir.path(),
        &dir.path().join("s"),
        None,
        WIDE,
    );
    h.state_mut().push(Command::ExportPdf);
    h.run();
    assert!(pdf.is_file());
    assert_eq!(
        h.state().status(),
        format!("已导出 PDF：{}", pdf.display()),
        "no font names"
    );
}

#[test]
fn tab_skips_the_read_only_totals() {
    let dir = tempfile::tempdir().unwrap();
    let mut h = harness_in(
        Scripted::default(),
        dir.path(),
        &dir.path().join("s"),
        None,
        WIDE,
    );
    show_table_three(&mut h);
    // The last input cell of 一、本年新收 (其他); the next on its row is 总计.
    let other = "表三“一、本年新收政府信息公开申请数量”行“其他”列";
    h.get_by_label(other).click();
    h.run();
    h.key_press(Key::Tab);
    h.run();
    let cursor = h.state().grid_state().cursor.unwrap();
    let f = h.state().document().report.format;
    assert!(!f.cell(cursor).unwrap().derived, "{}", f.cell_label(cursor));
    assert!(
        f.cell_label(cursor).contains("自然人"),
        "the next row's first input: {}",
        f.cell_label(cursor)
    );
    // Typing then Tab commits and skips the total too.
    h.get_by_label(other).click();
    h.run();
    h.get_by_label(other).type_text("0");
    h.run();
    h.key_press(Key::Tab);
    h.run();
    let cursor = h.state().grid_state().cursor.unwrap();
    assert!(!f.cell(cursor).unwrap().derived, "{}", f.cell_label(cursor));
    // The arrows still reach a total, to read it.
    h.get_by_label(other).click();
    h.run();
    h.key_press(Key::ArrowRight);
    h.run();
    let cursor = h.state().grid_state().cursor.unwrap();
    assert!(f.cell(cursor).unwrap().derived);
}

#[test]
fn no_tooltip_shows_over_a_dialog() {
    let dir = tempfile::tempdir().unwrap();
    let mut h = harness_in(
        Scripted::default(),
        dir.path(),
        &dir.path().join("s"),
        None,
        WIDE,
    );
    h.state_mut().document_mut().report.set_by_id(
        "t3.carried_in.corp_commercial",
        Some(nianbao::model::CellValue::Int(5)),
    );
    h.state_mut().show_part(nianbao::ui::nav::Part::Section(2));
    h.run();
    let label = "表三“二、上年结转政府信息公开申请数量”行“商业企业”列";
    let at = h.get_by_label(label).rect().center();
    h.hover_at(at);
    h.run();
    assert!(
        h.query_by_label_contains("[T3-BAL]").is_some(),
        "tooltip without a dialog"
    );
    h.state_mut().push(Command::ShowShortcuts);
    h.run();
    assert!(h.state().has_dialog());
    h.hover_at(at + egui::vec2(1.0, 0.0));
    h.run();
    h.run();
    assert!(
        h.query_by_label_contains("[T3-BAL]").is_none(),
        "a cell's tooltip over the dialog"
    );
}

#[test]
fn below_1200_points_the_side_panels_start_folded_until_the_clerk_chooses() {
    let dir = tempfile::tempdir().unwrap();
    let small = egui::vec2(1024.0, 600.0);
    let mut h = harness_in(
        Scripted::default(),
        dir.path(),
        &dir.path().join("s"),
        None,
        small,
    );
    h.get_by_label("显示左侧目录");
    h.get_by_label("显示问题清单");
    assert!(h.query_by_label_contains("报告信息与落款").is_none());
    // The middle gets the width: 表三 fits whole, 总计 included.
    h.state_mut().show_part(nianbao::ui::nav::Part::Section(2));
    h.run();
    let total = h
        .get_by_label("表三“一、本年新收政府信息公开申请数量”行“总计”列")
        .rect();
    assert!(total.right() <= small.x, "{total:?}");
    h.get_by_label("显示左侧目录").click();
    h.run();
    h.get_by_label_contains("报告信息与落款");
    let settings = h.state().settings();
    assert!(settings.panels_chosen && settings.show_parts && !settings.show_findings);

    let h = harness_in(
        Scripted::default(),
        dir.path(),
        &dir.path().join("s2"),
        None,
        egui::vec2(1366.0, 768.0),
    );
    h.get_by_label("收起左侧目录");
    h.get_by_label("收起问题清单");
}
