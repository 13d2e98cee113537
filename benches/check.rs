//! The checker runs on every keystroke: a full check of the sample must stay ≤ 30 µs, of a
//! next-year draft (cross-year rules, mostly blank) ≤ 50 µs.
//!
//! On a shared machine wall-clock figures follow the load; `--iterations N CASE` runs one case
//! N times without criterion, for `perf stat -e task-clock` (CPU time ÷ N):
//! `perf stat -e task-clock target/release/deps/check-* --iterations 20000 sample`.
#![allow(clippy::unwrap_used, clippy::expect_used)]

use criterion::{Criterion, criterion_group};
use nianbao::model::{CellValue, Report, check, rollover};

/// The reports benchmarked, by case name.
fn cases() -> Vec<(&'static str, &'static str, Report)> {
    let sample = nianbao::io::sample().unwrap();
    let mut broken = sample.clone();
    broken.set_by_id("t3.carried_out.natural", Some(CellValue::Int(9)));
    broken.set_by_id("t4.review.total", Some(CellValue::Int(1)));
    broken.set_by_id("t3.new.corp_research", None);
    let next = rollover::next_year(&sample);
    vec![
        ("sample", "check/sample-2025 (passing, 0 findings)", sample),
        ("broken", "check/sample-2025 with broken sums", broken),
        (
            "next",
            "check/next-year draft (cross-year rules, mostly blank)",
            next,
        ),
    ]
}

fn bench_check(c: &mut Criterion) {
    for (_, name, report) in cases() {
        c.bench_function(name, |b| b.iter(|| check(std::hint::black_box(&report))));
    }
    let sample = nianbao::io::sample().unwrap();
    c.bench_function("rollover/next_year", |b| {
        b.iter(|| rollover::next_year(std::hint::black_box(&sample)))
    });
}

criterion_group! {
    name = benches;
    config = Criterion::default().sample_size(200);
    targets = bench_check
}

fn main() {
    let args: Vec<String> = std::env::args().collect();
    if let Some(i) = args.iter().position(|a| a == "--iterations") {
        let n: usize = args
            .get(i + 1)
            .and_then(|n| n.parse().ok())
            .unwrap_or(10_000);
        let case = args.get(i + 2).map_or("sample", String::as_str);
        let (_, name, report) = cases().into_iter().find(|(k, _, _)| *k == case).unwrap();
        let mut findings = 0;
        for _ in 0..n {
            findings += check(std::hint::black_box(&report)).len();
        }
        eprintln!("{name}: {n} checks, {findings} findings");
        return;
    }
    benches();
    Criterion::default().configure_from_args().final_summary();
}
