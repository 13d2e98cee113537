//! PDF import speed: a 6-page report (our export of the sample; target ≤ 50 ms) and a
//! LibreOffice print; any 20 MB PDF answers — figures or a clear refusal — within 2 s: a report
//! carrying a 20 MB image, 20 MB of text pages, 20 MB of ruling lines and no text, a 20 MB
//! scan, 20 MB of garbage after a PDF header.

use std::hint::black_box;
use std::io::Write;

use criterion::{Criterion, criterion_group, criterion_main};
use lopdf::{Dictionary, Document, Object, Stream, dictionary};
use nianbao::io::pdf::{PdfOptions, export_pdf};
use nianbao::model::import::Importer;

const QINGHE_LO: &[u8] = include_bytes!("../tests/fixtures/pdf/qinghe-2025-lo-noto.pdf");
const TWENTY_MB: usize = 20 << 20;

fn sample_pdf() -> Vec<u8> {
    let report = nianbao::io::sample().unwrap_or_else(|e| panic!("sample: {e}"));
    export_pdf(&report, &PdfOptions::default())
        .unwrap_or_else(|e| panic!("export: {e}"))
        .bytes
}

/// A PDF of pages, each drawing its content with Helvetica as F1 and its image (if any) as Im0.
fn pdf(pages: Vec<(Vec<u8>, Option<Stream>)>) -> Vec<u8> {
    let mut doc = Document::with_version("1.5");
    let pages_id = doc.new_object_id();
    let font = doc.add_object(dictionary! {
        "Type" => "Font", "Subtype" => "Type1", "BaseFont" => "Helvetica",
    });
    let mut kids = Vec::new();
    for (content, image) in pages {
        let mut dict = Dictionary::new();
        dict.set("Filter", "FlateDecode");
        let stream = doc.add_object(Stream::new(dict, deflate(&content)));
        let mut xobjects = Dictionary::new();
        if let Some(img) = image {
            xobjects.set("Im0", doc.add_object(img));
        }
        kids.push(Object::from(doc.add_object(dictionary! {
            "Type" => "Page", "Parent" => pages_id, "Contents" => stream,
            "Resources" => dictionary! { "Font" => dictionary! { "F1" => font }, "XObject" => xobjects },
            "MediaBox" => vec![0.into(), 0.into(), 595.into(), 842.into()],
        })));
    }
    let count = i64::try_from(kids.len()).unwrap_or(0);
    doc.objects.insert(
        pages_id,
        Object::Dictionary(dictionary! { "Type" => "Pages", "Kids" => kids, "Count" => count }),
    );
    let catalog = doc.add_object(dictionary! { "Type" => "Catalog", "Pages" => pages_id });
    doc.trailer.set("Root", catalog);
    save(&mut doc)
}

fn save(doc: &mut Document) -> Vec<u8> {
    let mut out = Vec::new();
    doc.save_to(&mut out)
        .unwrap_or_else(|e| panic!("save: {e}"));
    out
}

/// Our sample with a 20 MB image drawn behind the text of its first page.
fn sample_with_image(bytes: usize) -> Vec<u8> {
    let mut doc = Document::load_mem(&sample_pdf()).unwrap_or_else(|e| panic!("load: {e}"));
    let Some(&page) = doc.get_pages().get(&1) else {
        panic!("no page");
    };
    let side = i64::try_from(bytes.isqrt()).unwrap_or(0);
    let img = doc.add_object(image(noise(bytes), side));
    let resources = doc
        .get_dictionary(page)
        .and_then(|p| p.get(b"Resources"))
        .and_then(Object::as_reference)
        .ok();
    let target = match resources {
        Some(id) => doc.get_dictionary_mut(id),
        None => doc
            .get_dictionary_mut(page)
            .and_then(|p| p.get_mut(b"Resources"))
            .and_then(Object::as_dict_mut),
    }
    .unwrap_or_else(|e| panic!("resources: {e}"));
    let mut xobjects = target
        .get(b"XObject")
        .and_then(Object::as_dict)
        .cloned()
        .unwrap_or_default();
    xobjects.set("ImBig", img);
    target.set("XObject", xobjects);
    doc.add_page_contents(page, b"q 100 0 0 100 0 0 cm /ImBig Do Q".to_vec())
        .unwrap_or_else(|e| panic!("contents: {e}"));
    save(&mut doc)
}

fn deflate(data: &[u8]) -> Vec<u8> {
    let mut e = flate2::write::ZlibEncoder::new(Vec::new(), flate2::Compression::fast());
    e.write_all(data).unwrap_or_else(|e| panic!("deflate: {e}"));
    e.finish().unwrap_or_else(|e| panic!("deflate: {e}"))
}

/// Random-looking bytes that do not compress (an image, garbage).
fn noise(n: usize) -> Vec<u8> {
    let mut x: u32 = 0x1234_5678;
    (0..n)
        .map(|_| {
            x ^= x << 13;
            x ^= x >> 17;
            x ^= x << 5;
            x.to_le_bytes()[0]
        })
        .collect()
}

fn image(bytes: Vec<u8>, side: i64) -> Stream {
    Stream::new(
        dictionary! {
            "Type" => "XObject", "Subtype" => "Image", "Width" => side, "Height" => side,
            "ColorSpace" => "DeviceGray", "BitsPerComponent" => 8,
        },
        bytes,
    )
}

fn typical(c: &mut Criterion) {
    let sample = sample_pdf();
    c.bench_function("import our 6-page sample PDF", |b| {
        b.iter(|| Importer::default().pdf(black_box(&sample)))
    });
    c.bench_function("import LibreOffice print (qinghe)", |b| {
        b.iter(|| Importer::default().pdf(black_box(QINGHE_LO)))
    });
}

fn twenty_megabytes(c: &mut Criterion) {
    let big_image = sample_with_image(TWENTY_MB);
    // 20 MB of text: pages of short lines (more pages than the reader reads).
    let mut page = Vec::new();
    let mut i = 0u32;
    while page.len() < 400_000 {
        page.extend_from_slice(
            format!(
                "BT /F1 9 Tf {} {} Td (line {i} of filler text 0 1 2 3) Tj ET\n",
                40 + i % 7,
                800 - i % 780
            )
            .as_bytes(),
        );
        i += 1;
    }
    let per_page = deflate(&page).len().max(1);
    // Each page its own stream, so the file really holds 20 MB.
    let text_pages = pdf((0..=TWENTY_MB / per_page)
        .map(|_| (page.clone(), None))
        .collect());
    // 20 MB of drawing and no text: pages of ruling lines (the operator budget, the lattice).
    let mut rules = Vec::new();
    let mut k = 0u32;
    while rules.len() < 400_000 {
        let (y, x) = (20 + k * 7 % 800, 20 + k * 11 % 560);
        rules.extend_from_slice(format!("0 {y} m 595 {y} l S {x} 0 m {x} 842 l S\n").as_bytes());
        k += 1;
    }
    let per_rules_page = deflate(&rules).len().max(1);
    let drawing = pdf((0..=TWENTY_MB / per_rules_page)
        .map(|_| (rules.clone(), None))
        .collect());
    // A scan: forty pages that are only an image each.
    let scan = pdf((0..40)
        .map(|_| {
            let draw = b"q 595 0 0 842 0 0 cm /Im0 Do Q".to_vec();
            (draw, Some(image(noise(TWENTY_MB / 40), 724)))
        })
        .collect());
    let mut garbage = b"%PDF-1.7\n".to_vec();
    garbage.extend(noise(TWENTY_MB));
    let mut group = c.benchmark_group("20 MB PDF");
    group.sample_size(10);
    for (name, bytes) in [
        ("report with an image", &big_image),
        ("text pages", &text_pages),
        ("drawing, no text", &drawing),
        ("scan", &scan),
        ("garbage", &garbage),
    ] {
        let answer = match Importer::default().read_pdf(bytes) {
            Ok(t) => format!("{} blocks", t.blocks.len()),
            Err(e) => e.to_string(),
        };
        eprintln!("{name}: {} bytes → {answer}", bytes.len());
        group.bench_function(name, |b| {
            b.iter(|| Importer::default().read_pdf(black_box(bytes)))
        });
    }
    group.bench_function("report with an image (import)", |b| {
        b.iter(|| Importer::default().pdf(black_box(&big_image)))
    });
    group.finish();
}

criterion_group!(benches, typical, twenty_megabytes);
criterion_main!(benches);
