//! Exporting the built-in sample report to PDF, in-process (target: ≤ 100 ms).

#![allow(clippy::unwrap_used, clippy::expect_used)]

use criterion::{Criterion, criterion_group, criterion_main};
use nianbao::io::pdf::{PdfOptions, export_pdf};

fn export_sample(c: &mut Criterion) {
    let report = nianbao::io::sample().unwrap();
    let options = PdfOptions::default();
    c.bench_function("export_pdf(sample)", |b| {
        b.iter(|| export_pdf(std::hint::black_box(&report), &options).unwrap());
    });
}

criterion_group! {
    name = benches;
    config = Criterion::default().sample_size(20);
    targets = export_sample
}
criterion_main!(benches);
