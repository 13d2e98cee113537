//! Word and web-page speed: `.docx` export of the sample (target ≤ 20 ms), `.docx` import
//! (≤ 10 ms), HTML export (≤ 2 ms), and a 50 MB `.docx` (a report with a large picture; the
//! issue asks for < 2 s).

use std::hint::black_box;
use std::io::{Read, Write};

use criterion::{Criterion, criterion_group, criterion_main};
use nianbao::io::docx::{DocxOptions, export_docx};
use nianbao::io::html::export_html;
use nianbao::model::import::Importer;

const QINGHE: &[u8] = include_bytes!("../tests/fixtures/docx/qinghe-2025-numbered.docx");

/// The fixture with a 50 MB incompressible picture added.
fn fifty_megabytes() -> Vec<u8> {
    let mut zip_in = zip::ZipArchive::new(std::io::Cursor::new(QINGHE)).unwrap_or_else(|e| {
        panic!("fixture: {e}");
    });
    let mut out = zip::ZipWriter::new(std::io::Cursor::new(Vec::new()));
    let opts = zip::write::SimpleFileOptions::default()
        .compression_method(zip::CompressionMethod::Stored)
        .large_file(true);
    for i in 0..zip_in.len() {
        let Ok(mut f) = zip_in.by_index(i) else {
            continue;
        };
        let name = f.name().map(|n| n.into_owned()).unwrap_or_default();
        let mut data = Vec::new();
        let _ = f.read_to_end(&mut data);
        let _ = out.start_file(name, opts);
        let _ = out.write_all(&data);
    }
    let mut x: u64 = 0x9E37_79B9_7F4A_7C15;
    let _ = out.start_file("word/media/image1.png", opts);
    for _ in 0..50 * 1024 * 1024 / 8 {
        x ^= x << 13;
        x ^= x >> 7;
        x ^= x << 17;
        let _ = out.write_all(&x.to_le_bytes());
    }
    out.finish().map(|c| c.into_inner()).unwrap_or_default()
}

fn word(c: &mut Criterion) {
    let Ok(sample) = nianbao::io::sample() else {
        return;
    };
    c.bench_function("docx export (sample)", |b| {
        b.iter(|| export_docx(black_box(&sample), &DocxOptions::default()))
    });
    let exported = export_docx(&sample, &DocxOptions::default()).unwrap_or_default();
    c.bench_function("docx import (sample, exported)", |b| {
        b.iter(|| Importer::default().word(black_box(&exported)))
    });
    c.bench_function("docx import (qinghe-2025-numbered.docx)", |b| {
        b.iter(|| Importer::default().word(black_box(QINGHE)))
    });
    c.bench_function("html export (sample)", |b| {
        b.iter(|| export_html(black_box(&sample)))
    });
    let big = fifty_megabytes();
    let mut group = c.benchmark_group("50 MB");
    group.sample_size(10);
    group.bench_function("docx import", |b| {
        b.iter(|| Importer::default().word(black_box(&big)))
    });
    group.finish();
}

criterion_group!(benches, word);
criterion_main!(benches);
