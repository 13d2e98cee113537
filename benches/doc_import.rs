//! Old Word speed: a `.doc` report (target ≤ 10 ms) and a 20 MB `.doc` (the report with 20 MB
//! of pictures in its Data stream; target ≤ 1 s).

use std::hint::black_box;
use std::io::{Cursor, Read, Write};

use criterion::{Criterion, criterion_group, criterion_main};
use nianbao::model::import::Importer;

const QINGHE: &[u8] = include_bytes!("../tests/fixtures/office/qinghe-2025.doc");

/// The fixture re-packed with 20 MB of incompressible bytes added to its Data stream.
fn twenty_megabytes() -> Vec<u8> {
    let mut src = cfb::CompoundFile::open(Cursor::new(QINGHE)).unwrap_or_else(|e| {
        panic!("fixture: {e}");
    });
    let names: Vec<_> = src
        .walk()
        .filter(|e| e.is_stream())
        .map(|e| e.path().to_owned())
        .collect();
    let mut out = cfb::CompoundFile::create(Cursor::new(Vec::new()))
        .unwrap_or_else(|e| panic!("create: {e}"));
    for name in names {
        let mut data = Vec::new();
        if let Ok(mut s) = src.open_stream(&name) {
            let _ = s.read_to_end(&mut data);
        }
        if name.to_string_lossy() == "/Data" {
            let mut x: u64 = 0x9E37_79B9_7F4A_7C15;
            for _ in 0..20 * 1024 * 1024 / 8 {
                x ^= x << 13;
                x ^= x >> 7;
                x ^= x << 17;
                data.extend(x.to_le_bytes());
            }
        }
        if let Some(parent) = name.parent() {
            let _ = out.create_storage_all(parent);
        }
        if let Ok(mut s) = out.create_stream(&name) {
            let _ = s.write_all(&data);
        }
    }
    let _ = out.flush();
    out.into_inner().into_inner()
}

fn bench(c: &mut Criterion) {
    let importer = Importer::default();
    c.bench_function("doc import (qinghe 2025)", |b| {
        b.iter(|| black_box(importer.word(black_box(QINGHE)).is_ok()))
    });
    let big = twenty_megabytes();
    assert!(big.len() > 20 * 1024 * 1024, "{} bytes", big.len());
    assert!(importer.word(&big).is_ok(), "the 20 MB .doc imports");
    let mut group = c.benchmark_group("doc 20 MB");
    group.sample_size(10);
    group.bench_function("doc import (20 MB)", |b| {
        b.iter(|| black_box(importer.word(black_box(&big)).is_ok()))
    });
    group.finish();
}

criterion_group!(benches, bench);
criterion_main!(benches);
