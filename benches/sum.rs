//! 汇总 speed: 500 unit reports (drafts, copied text and saved pages by turns) read from disk,
//! checked and summed, copied prose looked for — target ≤ 1 s in process; and 500 where 100 are
//! PDFs and 100 Word documents (nianbao's own exports of the units), also ≤ 1 s.
//!
//! Peak memory is measured on the command line over the same kind of folder: `cargo bench
//! --bench sum -- --write-batch DIR` writes the 500 files and exits, then
//! `/usr/bin/time -v target/release/nianbao sum DIR -o /tmp/total.ron` ("Maximum resident set
//! size"; target ≤ 200 MB).

#![allow(clippy::unwrap_used)]

#[path = "../tests/support/batch.rs"]
mod batch;

use std::hint::black_box;
use std::path::Path;

use criterion::{Criterion, criterion_group};
use nianbao::io;
use nianbao::model::sum::{self, SumOptions};

const UNITS: usize = 500;
const YEAR: u16 = 2025;

fn write_batch(dir: &Path) {
    std::fs::create_dir_all(dir).unwrap_or_default();
    batch::honest_batch(dir, UNITS, YEAR, 2026);
}

/// The same 500 units, every fifth one a PDF and every fifth (offset by one) a `.docx` instead
/// of its draft, text or page.
fn write_mixed_batch(dir: &Path) {
    std::fs::create_dir_all(dir).unwrap_or_default();
    let pdf = io::pdf::PdfOptions::default();
    let docx = io::docx::DocxOptions::default();
    for i in 0..UNITS {
        let (r, _) = batch::honest_unit(i, YEAR, 2026);
        let name = format!("{:03}-{}", i, batch::place(i));
        match i % 5 {
            0 => {
                let bytes = io::pdf::export_pdf(&r, &pdf).unwrap().bytes;
                std::fs::write(dir.join(format!("{name}.pdf")), bytes).unwrap();
            }
            1 => {
                let bytes = io::docx::export_docx(&r, &docx).unwrap();
                std::fs::write(dir.join(format!("{name}.docx")), bytes).unwrap();
            }
            _ => {
                batch::write(&r, dir, &name, batch::Kind::nth(i));
            }
        }
    }
}

fn mixed(c: &mut Criterion) {
    let dir = std::env::temp_dir().join(format!("nianbao-sum-mixed-{}", std::process::id()));
    write_mixed_batch(&dir);
    let files = io::batch::collect(std::slice::from_ref(&dir), &[]);
    assert_eq!(files.len(), UNITS);
    let mut group = c.benchmark_group("sum");
    group.sample_size(10);
    group.bench_function("500 units, 100 PDF + 100 docx: read, check, sum", |b| {
        b.iter(|| {
            let inputs = io::batch::read_units(black_box(&files), &|_, _| {});
            let summary = sum::summarize(inputs, &SumOptions::default());
            assert_eq!(summary.included().count(), UNITS);
            summary
        })
    });
    group.finish();
    let _ = std::fs::remove_dir_all(&dir);
}

fn five_hundred(c: &mut Criterion) {
    let dir = std::env::temp_dir().join(format!("nianbao-sum-bench-{}", std::process::id()));
    write_batch(&dir);
    let files = io::batch::collect(std::slice::from_ref(&dir), &[]);
    assert_eq!(files.len(), UNITS);
    let mut group = c.benchmark_group("sum");
    group.sample_size(10);
    group.bench_function("500 units: read, check, sum", |b| {
        b.iter(|| {
            let inputs = io::batch::read_units(black_box(&files), &|_, _| {});
            let summary = sum::summarize(inputs, &SumOptions::default());
            assert_eq!(summary.included().count(), UNITS);
            summary
        })
    });
    let inputs = io::batch::read_units(&files, &|_, _| {});
    group.bench_function("500 units: read only", |b| {
        b.iter(|| io::batch::read_units(black_box(&files), &|_, _| {}))
    });
    drop(inputs);
    group.bench_function("500 units: check and sum (read once)", |b| {
        b.iter_batched(
            || io::batch::read_units(&files, &|_, _| {}),
            |inputs| sum::summarize(inputs, &SumOptions::default()),
            criterion::BatchSize::LargeInput,
        )
    });
    group.finish();
    let _ = std::fs::remove_dir_all(&dir);
}

fn main_with_options() {
    // `--write-batch DIR`: write the folder for the memory measurement and stop.
    let args: Vec<String> = std::env::args().collect();
    if let Some(i) = args.iter().position(|a| a == "--write-batch") {
        let dir = args
            .get(i + 1)
            .map_or("/tmp/nianbao-sum-500", String::as_str);
        write_batch(Path::new(dir));
        eprintln!("wrote {UNITS} units to {dir}");
        return;
    }
    if let Some(i) = args.iter().position(|a| a == "--write-mixed-batch") {
        let dir = args
            .get(i + 1)
            .map_or("/tmp/nianbao-sum-mixed", String::as_str);
        write_mixed_batch(Path::new(dir));
        eprintln!("wrote {UNITS} units (100 PDF, 100 docx) to {dir}");
        return;
    }
    benches();
    Criterion::default().configure_from_args().final_summary();
}

criterion_group!(benches, five_hundred, mixed);

fn main() {
    main_with_options();
}
