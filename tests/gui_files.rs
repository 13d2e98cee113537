//! The editor's side of keeping files safe (issue 11): 另存为 never writes a draft into a
//! published text or over another year's report without asking, a backup opens as a draft
//! without being saved over, and the work an interrupted save left is offered back.
#![allow(clippy::unwrap_used, clippy::expect_used)]

#[path = "gui_support/mod.rs"]
mod gui_support;

use std::path::{Path, PathBuf};

use egui::{Key, Modifiers};
use egui_kittest::Harness;
use egui_kittest::kittest::Queryable;
use gui_support::{Scripted, harness_with};
use nianbao::ui::NianbaoApp;

/// The editor whose save dialogs answer with `saves`, in order.
fn harness(
    saves: Vec<PathBuf>,
    storage: &Path,
    file: Option<PathBuf>,
) -> Harness<'static, NianbaoApp> {
    let dialogs = Scripted {
        save: saves,
        ..Scripted::default()
    };
    harness_with(dialogs, storage, file)
}

fn save_as(h: &mut Harness<'_, NianbaoApp>) {
    h.key_press_modifiers(Modifiers::COMMAND | Modifiers::SHIFT, Key::S);
    h.run();
}

#[test]
fn save_as_over_another_years_report_asks_first() {
    let dir = tempfile::tempdir().unwrap();
    let last_year = dir.path().join("2024年 年报.ron");
    let mut old = nianbao::io::sample().unwrap();
    old.meta.year = 2024;
    nianbao::io::draft::save(&old, &last_year).unwrap();
    let before = std::fs::read(&last_year).unwrap();

    let mut h = harness(
        vec![last_year.clone(), last_year.clone()],
        &dir.path().join("storage"),
        None,
    );
    save_as(&mut h);
    assert!(h.state().has_dialog());
    h.get_by_label("取消，另选文件名").click();
    h.run();
    assert!(!h.state().has_dialog());
    assert_eq!(std::fs::read(&last_year).unwrap(), before, "not written");

    save_as(&mut h);
    h.get_by_label("仍然覆盖").click();
    h.run();
    assert_eq!(
        nianbao::io::draft::load(&last_year).unwrap().meta.year,
        2025
    );
    assert_eq!(
        h.state().document().path.as_deref(),
        Some(last_year.as_path())
    );
}

#[test]
fn save_as_into_a_published_text_is_refused() {
    let dir = tempfile::tempdir().unwrap();
    let text = dir.path().join("发布稿.txt");
    std::fs::write(&text, "一、总体情况").unwrap();
    let mut h = harness(vec![text.clone()], &dir.path().join("storage"), None);
    save_as(&mut h);
    assert!(h.state().has_dialog());
    assert!(h.query_by_label_contains("只能保存为 .ron").is_some());
    assert_eq!(std::fs::read_to_string(&text).unwrap(), "一、总体情况");
    assert_eq!(h.state().document().path, None);
}

#[test]
fn a_backup_opens_as_a_draft_that_is_not_saved_over() {
    let dir = tempfile::tempdir().unwrap();
    let draft = dir.path().join("年报.ron");
    let sample = nianbao::io::sample().unwrap();
    nianbao::io::draft::save(&sample, &draft).unwrap();
    nianbao::io::draft::save(&sample, &draft).unwrap();
    let bak = nianbao::io::atomic::backup_path(&draft);
    let h = harness(Vec::new(), &dir.path().join("storage"), Some(bak));
    assert_eq!(h.state().document().report, sample);
    assert_eq!(h.state().document().path, None, "Ctrl+S asks where");
    assert!(h.state().title().contains("备份"), "{}", h.state().title());
}

#[test]
fn work_left_by_an_interrupted_save_is_offered_when_the_draft_opens() {
    let dir = tempfile::tempdir().unwrap();
    let draft = dir.path().join("年报.ron");
    let sample = nianbao::io::sample().unwrap();
    nianbao::io::draft::save(&sample, &draft).unwrap();
    let mut newer = sample.clone();
    newer.meta.title = "被中断时正在保存的版本".into();
    // What a save killed before its last rename leaves (an earlier version's temp name).
    let temp = dir.path().join(".年报.ron.4242.tmp");
    std::fs::write(&temp, nianbao::io::draft::to_string(&newer).unwrap()).unwrap();
    std::fs::File::options()
        .write(true)
        .open(&temp)
        .unwrap()
        .set_modified(std::time::SystemTime::now() + std::time::Duration::from_secs(5))
        .unwrap();
    let h = harness(Vec::new(), &dir.path().join("storage"), Some(draft.clone()));
    assert!(h.state().has_dialog());
    assert!(h.query_by_label_contains("发现未完成的保存").is_some());
    let kept = dir.path().join("年报（未完成的保存）.ron");
    assert_eq!(nianbao::io::draft::load(&kept).unwrap(), newer);
    assert!(!temp.exists());
    assert_eq!(
        h.state().document().report,
        sample,
        "the draft itself opens"
    );
}
