//! The checker runs on every keystroke: a full check of a typical report must stay ≤ 50 µs.
#![allow(clippy::unwrap_used, clippy::expect_used)]

use criterion::{Criterion, criterion_group, criterion_main};
use nianbao::model::{CellValue, check, rollover};

fn bench_check(c: &mut Criterion) {
    let sample = nianbao::io::sample().unwrap();
    c.bench_function("check/sample-2025 (passing, 0 findings)", |b| {
        b.iter(|| check(std::hint::black_box(&sample)))
    });

    let mut broken = sample.clone();
    broken.set_by_id("t3.carried_out.natural", Some(CellValue::Int(9)));
    broken.set_by_id("t4.review.total", Some(CellValue::Int(1)));
    broken.set_by_id("t3.new.corp_research", None);
    c.bench_function("check/sample-2025 with broken sums", |b| {
        b.iter(|| check(std::hint::black_box(&broken)))
    });

    let next = rollover::next_year(&sample);
    c.bench_function(
        "check/next-year draft (cross-year rules, mostly blank)",
        |b| b.iter(|| check(std::hint::black_box(&next))),
    );
    c.bench_function("rollover/next_year", |b| {
        b.iter(|| rollover::next_year(std::hint::black_box(&sample)))
    });
}

criterion_group!(benches, bench_check);
criterion_main!(benches);
