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
    let storage = storage.to_owned();
    let mut h = Harness::builder()
        .with_size(size)
        .with_max_steps(12)
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
    h.get_by_label("确定").click();
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
