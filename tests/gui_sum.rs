//! The 汇总 window (文件 → 汇总…) on generated folders of unit reports: the table lists every
//! unit with its status and sorts, a unit opens in the editor and the window comes back, the
//! total opens as an unsaved draft whose cells are the sums and whose tooltips name the
//! contributors, the breakdown and the 退回意见 are written where chosen, the path entry stands in
//! for a missing file dialog, and it all fits a 1024×600 screen.
#![allow(clippy::unwrap_used, clippy::expect_used)]

#[path = "support/batch.rs"]
mod batch;
mod gui_support;

use std::path::{Path, PathBuf};
use std::time::Duration;

use egui_kittest::Harness;
use egui_kittest::kittest::{NodeT, Queryable};
use gui_support::*;
use nianbao::model::format::CellKind;
use nianbao::model::{Decimal, Report};
use nianbao::ui::NianbaoApp;

const YEAR: u16 = 2025;
const SMALL: egui::Vec2 = egui::vec2(1024.0, 600.0);
const LAPTOP: egui::Vec2 = egui::vec2(1366.0, 768.0);

/// `n` honest units of `YEAR` under `dir/各单位 报告`, and one of the year before.
fn folder(dir: &Path, n: usize) -> (PathBuf, Vec<(Report, PathBuf)>) {
    let units = dir.join("各单位 报告");
    std::fs::create_dir_all(&units).unwrap();
    let batch = batch::honest_batch(&units, n, YEAR, 11);
    let (old, _) = batch::honest_unit(n, YEAR - 1, 11);
    batch::write(&old, &units, "去年的-报告", batch::Kind::Ron);
    (units, batch)
}

/// Frames until the worker has read the folder (it asks for redraws while it reads, so single
/// steps, not `run`).
fn wait_for_reading(h: &mut Harness<'_, NianbaoApp>) {
    for _ in 0..1000 {
        h.step();
        if !h.state().summary_reading() {
            h.run();
            return;
        }
        std::thread::sleep(Duration::from_millis(10));
    }
    panic!("the folder was not read within 10 s");
}

/// 文件 → 汇总…, the folder answered by `dialogs`, read.
fn open_summary(
    dialogs: Scripted,
    storage: &Path,
    size: egui::Vec2,
) -> Harness<'static, NianbaoApp> {
    let mut h = harness_sized(dialogs, storage, None, size);
    h.get_by_label("文件").click();
    h.run();
    h.get_by_label("汇总…").click();
    h.step();
    wait_for_reading(&mut h);
    h
}

fn answering(open: Vec<PathBuf>) -> Scripted {
    Scripted {
        open,
        ..Scripted::default()
    }
}

/// The unit's full name (its agency) as the table shows it.
fn unit_name(i: usize) -> String {
    batch::names(i).0
}

/// Two clicks in one frame (kittest's own clicks are a quarter of a second apart each event,
/// too slow for a double click).
fn double_click(h: &mut Harness<'_, NianbaoApp>, label: &str) {
    let pos = h.get_by_label(label).rect().center();
    let events = &mut h.input_mut().events;
    events.push(egui::Event::PointerMoved(pos));
    for pressed in [true, false, true, false] {
        events.push(egui::Event::PointerButton {
            pos,
            button: egui::PointerButton::Primary,
            pressed,
            modifiers: egui::Modifiers::default(),
        });
    }
    h.run();
}

fn number(r: &Report, ix: usize) -> Decimal {
    r.resolve()[ix].number().unwrap_or(Decimal::ZERO)
}

#[test]
fn the_table_lists_every_unit_with_its_status_and_sorts() {
    let dir = tempfile::tempdir().unwrap();
    let (units, _) = folder(dir.path(), 5);
    let mut h = open_summary(answering(vec![units]), &dir.path().join("s"), LAPTOP);
    let summary = h.state().summary().expect("read");
    assert_eq!(summary.units.len(), 6);
    for i in 0..5 {
        h.get_by_label(&unit_name(i));
    }
    // The unit of another year is listed, not summed, and says why in Chinese.
    assert_eq!(h.query_all_by_label("计入").count(), 5);
    h.get_by_label("未计入");
    h.get_by_label_contains("年份不符：这是 2024 年度的报告");
    h.get_by_label_contains("共 6 个文件，计入 5 个，未计入 1 个");
    // Sorted by 状态 (excluded first, they need a look); clicking it again turns the order round.
    let old = unit_name(5);
    let y = |h: &Harness<'_, NianbaoApp>, name: &str| h.get_by_label(name).rect().top();
    assert!(y(&h, &old) < y(&h, &unit_name(0)));
    h.get_by_label("状态 ▲").click();
    h.run();
    h.get_by_label("状态 ▼");
    assert!(y(&h, &old) > y(&h, &unit_name(0)));
}

#[test]
fn the_total_opens_as_an_unsaved_draft_of_the_sums_and_names_its_contributors() {
    let dir = tempfile::tempdir().unwrap();
    let (units, batch) = folder(dir.path(), 4);
    let before = std::fs::read_dir(&units).unwrap().count();
    let mut h = open_summary(
        answering(vec![units.clone()]),
        &dir.path().join("s"),
        LAPTOP,
    );
    h.get_by_label("生成汇总报告").click();
    h.run();
    let doc = h.state().document();
    assert!(
        doc.path.is_none() && doc.is_dirty(),
        "a new draft, not saved"
    );
    assert!(h.state().title().contains("汇总合计（2025年度）"));
    assert!(
        !h.state().status().contains("已保存"),
        "{}",
        h.state().status()
    );
    h.get_by_label("有未保存的修改");
    assert_eq!(
        std::fs::read_dir(&units).unwrap().count(),
        before,
        "nothing written"
    );
    // Every count and 万元 cell is the sum of the four units (the 2024 one is left out).
    let total = &doc.report.clone();
    let money = total
        .format
        .cells
        .iter()
        .position(|c| matches!(c.kind, CellKind::Money(_)))
        .unwrap();
    for ix in [ix(&h, "t3.new.natural"), money] {
        let sum = batch
            .iter()
            .map(|(r, _)| number(r, ix))
            .fold(Decimal::ZERO, |a, b| a.checked_add(b).unwrap());
        assert_eq!(number(total, ix), sum, "{}", total.format.cell_id(ix));
    }
    // Hovering a summed cell names the units that gave to it, largest first.
    let ix = ix(&h, "t3.new.natural");
    let mut gave: Vec<(Decimal, usize)> = batch
        .iter()
        .enumerate()
        .map(|(i, (r, _))| (number(r, ix), i))
        .filter(|(v, _)| !v.is_zero())
        .collect();
    gave.sort_by(|a, b| b.0.cmp(&a.0).then(a.1.cmp(&b.1)));
    show_table_three(&mut h);
    h.get_by_label(NEW_NATURAL).hover();
    h.run();
    h.get_by_label_contains(&format!(
        "各单位之和 {}（{} 个单位",
        number(total, ix),
        gave.len()
    ));
    let lines: Vec<String> = gave
        .iter()
        .map(|(v, i)| format!("{v}　{}", unit_name(*i)))
        .collect();
    let tops: Vec<f32> = lines
        .iter()
        .map(|l| h.get_by_label(l).rect().top())
        .collect();
    assert!(tops.is_sorted(), "largest first: {lines:?}");
}

#[test]
fn a_unit_opens_in_the_editor_after_asking_to_save_and_the_summary_stays() {
    let dir = tempfile::tempdir().unwrap();
    let (units, batch) = folder(dir.path(), 3);
    let mut h = open_summary(answering(vec![units]), &dir.path().join("s"), LAPTOP);
    // The report open in the editor has changes: opening a unit asks first.
    h.state_mut().document_mut().report.meta.agency.push('改');
    h.run();
    // Unit 0 is a draft (.ron): it opens without import notes.
    let name = unit_name(0);
    double_click(&mut h, &name);
    h.get_by_label("保存更改？");
    h.get_by_label("不保存").click();
    h.run();
    let file = &batch[0].1;
    assert_eq!(h.state().document().report.meta.agency, name);
    assert!(
        h.state()
            .title()
            .contains(file.file_name().unwrap().to_str().unwrap())
    );
    assert!(
        h.query_by_label("生成汇总报告").is_none(),
        "the editor shows the unit"
    );
    // Back to the same table.
    h.get_by_label("返回汇总").click();
    h.run();
    h.get_by_label(&unit_name(1));
    h.get_by_label("生成汇总报告");
    assert_eq!(h.state().summary().unwrap().units.len(), 4);
}

#[test]
fn the_breakdown_and_the_return_notes_are_written_where_chosen() {
    let dir = tempfile::tempdir().unwrap();
    let (units, _) = folder(dir.path(), 3);
    let returns = units.join("退回意见");
    let xlsx = dir.path().join("导出 明细.xlsx");
    let dialogs = Scripted {
        open: vec![units.clone(), returns.clone()],
        save: vec![xlsx.clone()],
        ..Scripted::default()
    };
    let mut h = open_summary(dialogs, &dir.path().join("s"), LAPTOP);
    h.get_by_label("导出明细…").click();
    h.run();
    assert!(xlsx.is_file());
    assert_eq!(
        h.state().status(),
        format!("已导出明细：{}", xlsx.display())
    );
    h.get_by_label("写出退回意见…").click();
    h.run();
    // The unit of another year is sent back.
    let written: Vec<PathBuf> = std::fs::read_dir(&returns)
        .unwrap()
        .map(|e| e.unwrap().path())
        .collect();
    assert!(!written.is_empty());
    assert!(
        h.state()
            .status()
            .starts_with(&format!("已写出 {} 份退回意见", written.len()))
    );
    // Written beside the reports, the notes are not units when the folder is read again.
    h.get_by_label("重新读取").click();
    h.step();
    wait_for_reading(&mut h);
    assert_eq!(h.state().summary().unwrap().units.len(), 4);
}

#[test]
fn without_a_file_dialog_the_folder_is_typed() {
    let dir = tempfile::tempdir().unwrap();
    let (units, _) = folder(dir.path(), 2);
    let dialogs = Scripted {
        unavailable: true,
        ..Scripted::default()
    };
    let mut h = harness_sized(dialogs, &dir.path().join("s"), None, LAPTOP);
    h.get_by_label("文件").click();
    h.run();
    h.get_by_label("汇总…").click();
    h.run();
    h.get_by_label("各单位报告所在的文件夹");
    retype(&mut h, "文件夹路径", units.to_str().unwrap());
    h.step();
    wait_for_reading(&mut h);
    assert_eq!(h.state().summary().unwrap().units.len(), 3);
    h.get_by_label(&unit_name(1));
}

#[test]
fn the_window_fits_a_small_screen() {
    let dir = tempfile::tempdir().unwrap();
    let (units, _) = folder(dir.path(), 12);
    let h = open_summary(answering(vec![units]), &dir.path().join("s"), SMALL);
    let screen = egui::Rect::from_min_size(egui::Pos2::ZERO, SMALL);
    for label in [
        "生成汇总报告",
        "导出明细…",
        "写出退回意见…",
        "返回编辑器",
        "重新读取",
        "说明",
        "警告",
    ] {
        let rect = h.get_by_label(label).rect();
        assert!(screen.contains_rect(rect), "{label} at {rect:?}");
    }
    // The table scrolls within the window: its first rows are on screen.
    let first = h.get_by_label(&unit_name(12)).rect();
    assert!(screen.contains_rect(first), "{first:?}");
}

#[test]
fn the_roster_and_the_same_report_filed_twice_are_listed() {
    let dir = tempfile::tempdir().unwrap();
    let (units, batch) = folder(dir.path(), 3);
    let copy = units.join("重复 报送.ron");
    std::fs::copy(&batch[0].1, &copy).unwrap();
    let roster = dir.path().join("名单.txt");
    let mut names: Vec<String> = (0..3).map(|i| batch::names(i).1).collect();
    names.push("示例县档案馆".to_owned());
    std::fs::write(&roster, names.join("\n")).unwrap();
    let mut h = open_summary(
        answering(vec![units, roster]),
        &dir.path().join("s"),
        LAPTOP,
    );
    h.get_by_label("选择名单…").click();
    h.step();
    wait_for_reading(&mut h);
    h.get_by_label("（4 个单位）");
    h.get_by_label("缺报（1）").click();
    h.run();
    h.get_by_label("• 示例县档案馆");
    h.get_by_label("重复报送（1）").click();
    h.run();
    h.get_by_label(&format!("“{}”（重复 报送.ron）", unit_name(0)));
}

#[test]
fn another_year_chosen_reads_the_folder_for_that_year() {
    let dir = tempfile::tempdir().unwrap();
    let (units, _) = folder(dir.path(), 3);
    let mut h = open_summary(answering(vec![units]), &dir.path().join("s"), LAPTOP);
    assert_eq!(h.state().summary().unwrap().year, Some(YEAR));
    h.get_by_role_and_label(egui::accesskit::Role::ComboBox, "年度")
        .click();
    h.run();
    // The year's entry in the list (the table's 年度 column says 2024 too, as a label).
    h.query_all_by_label("2024")
        .find(|n| n.accesskit_node().role() != egui::accesskit::Role::Label)
        .unwrap()
        .click();
    h.step();
    wait_for_reading(&mut h);
    let summary = h.state().summary().unwrap();
    assert_eq!(summary.year, Some(YEAR - 1));
    assert_eq!(summary.included().count(), 1);
    h.get_by_label_contains("共 4 个文件，计入 1 个，未计入 3 个");
}
