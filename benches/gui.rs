//! One full editor frame with table 三 on screen, headless (egui_kittest, no GPU): target ≤ 2 ms
//! of CPU on the 2-core development machine. With 一、总体情况 on screen holding every data
//! sentence of the format (live figures tinted in the prose editor): ≤ 1 ms.
#![allow(clippy::unwrap_used, clippy::expect_used)]

use std::path::Path;

use criterion::{Criterion, criterion_group, criterion_main};
use egui_kittest::Harness;
use nianbao::model::CellValue;
use nianbao::model::sentences::sentences;
use nianbao::ui::files::{FileDialogs, FileKind, Picked, PrintJob};
use nianbao::ui::nav::Part;
use nianbao::ui::{AppConfig, NianbaoApp};

struct NoDialogs;

impl FileDialogs for NoDialogs {
    fn pick_open(&mut self, _: FileKind, _: Option<&Path>) -> Picked {
        Picked::Cancelled
    }
    fn pick_save(&mut self, _: FileKind, _: Option<&Path>, _: &str) -> Picked {
        Picked::Cancelled
    }
    fn pick_folder(&mut self, _: Option<&Path>) -> Picked {
        Picked::Cancelled
    }
    fn open_externally(&mut self, _: &Path) -> Result<(), String> {
        Ok(())
    }
    fn print(&mut self, _: &Path) -> PrintJob {
        std::sync::mpsc::channel().1
    }
}

fn harness() -> Harness<'static, NianbaoApp> {
    let mut h = Harness::builder()
        .with_size(egui::vec2(1360.0, 860.0))
        .with_accessibility_check(false)
        .build_eframe(|cc| {
            NianbaoApp::new(
                cc,
                AppConfig {
                    file: None,
                    dialogs: Box::new(NoDialogs),
                    storage_dir: None,
                },
            )
        });
    h.state_mut().show_part(Part::Section(2));
    h.run();
    h
}

fn bench_frame(c: &mut Criterion) {
    let mut h = harness();
    c.bench_function("gui/frame with table 三 (no change)", |b| {
        b.iter(|| h.step())
    });

    let mut h = harness();
    let ix = h
        .state()
        .document()
        .report
        .format
        .cell_index("t3.new.natural")
        .unwrap();
    let mut n = 0i64;
    c.bench_function(
        "gui/frame with table 三 after an edit (re-check + redraw)",
        |b| {
            b.iter(|| {
                n += 1;
                h.state_mut()
                    .document_mut()
                    .report
                    .set(ix, Some(CellValue::Int(18 + n % 3)));
                h.step();
            })
        },
    );
}

/// The editor on 一、总体情况 after 插入数据句 of every sentence of the format (those of other
/// sections go to theirs): the prose editor lays out its live figures.
fn harness_with_sentences() -> Harness<'static, NianbaoApp> {
    let mut h = harness();
    let doc = h.state_mut().document_mut();
    let all = sentences(&doc.report, doc.report.previous.as_ref());
    for s in &all {
        doc.insert_sentence(None, s);
    }
    assert!(doc.report.fields.values().map(Vec::len).sum::<usize>() > 20);
    h.state_mut().show_part(Part::Section(0));
    h.run();
    h
}

fn bench_fields(c: &mut Criterion) {
    let mut h = harness_with_sentences();
    c.bench_function(
        "gui/frame with 一 and its data sentences (no change)",
        |b| b.iter(|| h.step()),
    );

    let mut h = harness_with_sentences();
    let ix = h
        .state()
        .document()
        .report
        .format
        .cell_index("t3.new.natural")
        .unwrap();
    let mut n = 0i64;
    c.bench_function(
        "gui/frame with 一 after a cell edit (figures rewritten + re-check + redraw)",
        |b| {
            b.iter(|| {
                n += 1;
                h.state_mut()
                    .document_mut()
                    .report
                    .set(ix, Some(CellValue::Int(18 + n % 3)));
                h.step();
            })
        },
    );
}

criterion_group!(benches, bench_frame, bench_fields);
criterion_main!(benches);
