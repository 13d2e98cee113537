//! Import speed: a typical published report (target ≤ 5 ms) and a 10 MB input, however deeply
//! nested (target < 1 s).

use std::hint::black_box;

use criterion::{Criterion, criterion_group, criterion_main};
use nianbao::model::import::Importer;
use nianbao::model::import::Source;

const XIAOSHA: &str = include_str!("../tests/fixtures/xiaosha-2020.txt");
const QINGHE_HTML: &str = include_str!("../tests/fixtures/qinghe-2025.html");
const QINGHE_BARS: &str = include_str!("../tests/fixtures/qinghe-2025-bars.txt");
const XIAOSHA_GBK: &[u8] = include_bytes!("../tests/fixtures/xiaosha-2020-gbk.html");

/// About 10 MB: the fixture repeated, then lines of every layout.
fn ten_megabytes() -> String {
    let mut text = String::with_capacity(10_500_000);
    while text.len() < 6_000_000 {
        text.push_str(XIAOSHA);
    }
    let mut i: u32 = 0;
    while text.len() < 10_000_000 {
        i = i.wrapping_mul(1_103_515_245).wrapping_add(12_345);
        text.push_str(match i % 5 {
            0 => "\t规章\n\t１２\n",
            1 => "| 行政复议 | 1 | 2 | x |\n",
            2 => "\t本年新\n",
            3 => "一、总体情况\n",
            _ => "很长的一段文字，没有意义。\n",
        });
    }
    text
}

fn typical(c: &mut Criterion) {
    c.bench_function("import xiaosha-2020.txt", |b| {
        b.iter(|| Importer::default().text(black_box(XIAOSHA)))
    });
    c.bench_function("import qinghe-2025-bars.txt", |b| {
        b.iter(|| Importer::default().text(black_box(QINGHE_BARS)))
    });
    c.bench_function("import qinghe-2025.html", |b| {
        b.iter(|| Importer::default().html(black_box(QINGHE_HTML)))
    });
    c.bench_function("import xiaosha-2020-gbk.html (bytes)", |b| {
        b.iter(|| Importer::default().bytes(black_box(XIAOSHA_GBK), Source::Html))
    });
}

fn huge(c: &mut Criterion) {
    let text = ten_megabytes();
    let html = format!(
        "<html><body>{}</body></html>",
        XIAOSHA_HTML_ROWS.repeat(10_000_000 / XIAOSHA_HTML_ROWS.len())
    );
    let mut group = c.benchmark_group("10 MB");
    group.sample_size(10);
    group.bench_function("text", |b| {
        b.iter(|| Importer::default().text(black_box(&text)))
    });
    group.bench_function("html", |b| {
        b.iter(|| Importer::default().html(black_box(&html)))
    });
    // The parser alone, to tell its share from the importer's.
    group.bench_function("html (parse only)", |b| {
        b.iter(|| scraper::Html::parse_document(black_box(&html)))
    });
    // Deep nesting after a report (issue 11 item 4): 206 s and 14 s before the importer read
    // each cell's text once and the nesting was capped before parsing.
    for (name, open) in [
        ("100k nested <b><i>", "<b><i>"),
        ("100k nested <div>", "<div>"),
    ] {
        let page = QINGHE_HTML.replacen("</body>", &open.repeat(100_000), 1);
        group.bench_function(name, |b| {
            b.iter(|| Importer::default().html(black_box(&page)))
        });
    }
    let deepest = format!("<html><body>{}</body></html>", "<div>".repeat(2_000_000));
    group.bench_function("10 MB of nested <div>", |b| {
        b.iter(|| Importer::default().html(black_box(&deepest)))
    });
    group.finish();
}

/// A table row and a paragraph, repeated to make a large page.
const XIAOSHA_HTML_ROWS: &str =
    "<p>一、总体情况</p><table><tr><td>规章</td><td>1</td><td>2</td><td>3</td></tr></table>";

criterion_group!(benches, typical, huge);
criterion_main!(benches);
