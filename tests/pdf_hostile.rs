//! The PDF reader on hostile and damaged files: arbitrary bytes, damaged copies of real PDFs,
//! decompression bombs, self-drawing forms, cyclic page trees, huge CMap ranges and width
//! arrays, pages of rules. It never panics and always returns (a refusal or text).
#![allow(clippy::unwrap_used, clippy::expect_used)]

use std::io::Write;
use std::path::Path;

use lopdf::{Dictionary, Document, Object, Stream, dictionary};
use nianbao::model::import::pdf::PdfImportError;
use nianbao::model::import::{Block, Importer};
use proptest::prelude::*;

fn fixture(name: &str) -> Vec<u8> {
    std::fs::read(
        Path::new(env!("CARGO_MANIFEST_DIR"))
            .join("tests/fixtures/pdf")
            .join(name),
    )
    .unwrap()
}

fn zlib(data: &[u8]) -> Vec<u8> {
    let mut e = flate2::write::ZlibEncoder::new(Vec::new(), flate2::Compression::best());
    e.write_all(data).unwrap();
    e.finish().unwrap()
}

/// A zlib stream of `n` zero bytes, made without holding them all.
fn zlib_zeros(n: usize) -> Vec<u8> {
    let mut e = flate2::write::ZlibEncoder::new(Vec::new(), flate2::Compression::best());
    let block = [b' '; 65_536];
    let mut left = n;
    while left > 0 {
        let k = left.min(block.len());
        e.write_all(&block[..k]).unwrap();
        left -= k;
    }
    e.finish().unwrap()
}

/// A one-page PDF with the given content stream, font and extra objects.
fn pdf_with(content: Stream, font: Dictionary, extra: Vec<((u32, u16), Object)>) -> Vec<u8> {
    let mut doc = Document::with_version("1.5");
    for (id, obj) in extra {
        doc.objects.insert(id, obj);
        doc.max_id = doc.max_id.max(id.0);
    }
    let pages_id = doc.new_object_id();
    let font_id = doc.add_object(font);
    let content_id = doc.add_object(content);
    let page_id = doc.add_object(dictionary! {
        "Type" => "Page",
        "Parent" => pages_id,
        "MediaBox" => vec![0.into(), 0.into(), 595.into(), 842.into()],
        "Contents" => content_id,
        "Resources" => dictionary! {
            "Font" => dictionary! { "F1" => font_id },
            "XObject" => dictionary! { "X1" => Object::Reference((900, 0)) },
        },
    });
    doc.objects.insert(
        pages_id,
        Object::Dictionary(dictionary! {
            "Type" => "Pages", "Kids" => vec![page_id.into()], "Count" => 1,
        }),
    );
    let catalog = doc.add_object(dictionary! { "Type" => "Catalog", "Pages" => pages_id });
    doc.trailer.set("Root", catalog);
    let mut out = Vec::new();
    doc.save_to(&mut out).unwrap();
    out
}

fn simple_font() -> Dictionary {
    dictionary! { "Type" => "Font", "Subtype" => "Type1", "BaseFont" => "Helvetica" }
}

/// Runs the reader. (How fast it answers is measured in `benches/pdf_import.rs`; here it must
/// answer at all.)
fn answers(bytes: &[u8]) -> Result<usize, PdfImportError> {
    Importer::default().read_pdf(bytes).map(|t| t.blocks.len())
}

#[test]
fn a_decompression_bomb_is_cut_off() {
    // 512 MB of spaces in a ~500 KB content stream.
    let mut dict = Dictionary::new();
    dict.set("Filter", "FlateDecode");
    let bomb = Stream::new(dict, zlib_zeros(512 << 20));
    let bytes = pdf_with(bomb, simple_font(), Vec::new());
    let result = answers(&bytes);
    assert!(result.is_err(), "{result:?}");
}

#[test]
fn a_form_that_draws_itself_and_a_cyclic_page_tree_end() {
    let form = Stream::new(
        dictionary! {
            "Type" => "XObject", "Subtype" => "Form",
            "Resources" => dictionary! { "XObject" => dictionary! { "X1" => Object::Reference((900, 0)) } },
        },
        b"BT /F1 12 Tf 72 700 Td (loop) Tj ET /X1 Do /X1 Do".to_vec(),
    );
    let content = Stream::new(Dictionary::new(), b"/X1 Do /X1 Do".to_vec());
    let bytes = pdf_with(
        content,
        simple_font(),
        vec![((900, 0), Object::Stream(form))],
    );
    assert!(answers(&bytes).is_err());

    // Kids pointing back at their parent.
    let mut doc = lopdf::Document::load_mem(&bytes).unwrap();
    let root = doc.trailer.get(b"Root").unwrap().as_reference().unwrap();
    let pages = doc
        .get_dictionary(root)
        .unwrap()
        .get(b"Pages")
        .unwrap()
        .as_reference()
        .unwrap();
    doc.get_dictionary_mut(pages).unwrap().set(
        "Kids",
        vec![Object::Reference(pages), Object::Reference(root)],
    );
    let mut out = Vec::new();
    doc.save_to(&mut out).unwrap();
    assert!(matches!(answers(&out), Err(PdfImportError::NoPages)));
}

#[test]
fn huge_cmap_ranges_and_width_arrays_cost_nothing() {
    let cmap = b"begincodespacerange <0000> <FFFF> endcodespacerange \
        beginbfrange <00000000> <FFFFFFFF> <4E00> <0000> <FFFF> [<4E00>] endbfrange \
        beginbfchar <0001> <> endbfchar"
        .to_vec();
    let mut w = vec![
        Object::Integer(0),
        Object::Integer(4_294_967_295),
        Object::Integer(1000),
    ];
    w.extend((0..50_000).map(Object::Integer));
    let cid_font = dictionary! {
        "Type" => "Font", "Subtype" => "CIDFontType2", "W" => w, "DW" => 1000,
    };
    let font = dictionary! {
        "Type" => "Font", "Subtype" => "Type0", "Encoding" => "Identity-H",
        "ToUnicode" => Object::Reference((901, 0)),
        "DescendantFonts" => vec![Object::Reference((902, 0))],
    };
    let mut text = b"BT /F1 12 Tf 72 700 Td ".to_vec();
    for _ in 0..2_000 {
        text.extend_from_slice(b"<0001000200030004FFFF> Tj 0 -0.1 Td ");
    }
    text.extend_from_slice(b"ET");
    let bytes = pdf_with(
        Stream::new(Dictionary::new(), text),
        font,
        vec![
            (
                (901, 0),
                Object::Stream(Stream::new(Dictionary::new(), cmap)),
            ),
            ((902, 0), Object::Dictionary(cid_font)),
        ],
    );
    // The ranges are kept as ranges and the width array is cut, so it answers: none of the
    // 2,000 × 5 codes is in the map (the 4-byte range does not match 2-byte codes, the array
    // range names only its first code), and it says so for every one of them.
    let result = answers(&bytes);
    assert!(
        matches!(
            result,
            Err(PdfImportError::Unreadable { unreadable: 10_000 })
        ),
        "{result:?}"
    );
}

#[test]
fn a_page_of_many_rules_and_glyphs_is_capped() {
    let mut content = Vec::new();
    for i in 0..30_000 {
        let y = f64::from(i % 800);
        content.extend_from_slice(format!("0 {y} m 595 {y} l S {y} 0 m {y} 842 l S ").as_bytes());
    }
    content.extend_from_slice(b"BT /F1 1 Tf ");
    for i in 0..20_000 {
        content.extend_from_slice(format!("{} {} Td (x) Tj ", i % 500, i % 700).as_bytes());
    }
    content.extend_from_slice(b"ET");
    let mut dict = Dictionary::new();
    dict.set("Filter", "FlateDecode");
    let bytes = pdf_with(Stream::new(dict, zlib(&content)), simple_font(), Vec::new());
    // 60,000 rules are more than a page's table: they are left out (no row is read from them),
    // and the glyphs are still read as text.
    let text = Importer::default().read_pdf(&bytes).unwrap();
    assert!(!text.blocks.is_empty());
    for block in &text.blocks {
        match block {
            Block::Text(t) => assert!(t.chars().all(|c| c == 'x' || c == ' '), "{t}"),
            Block::Row(cells) => panic!("a table row from the rules: {} cells", cells.len()),
        }
    }
}

#[test]
fn a_pdf_that_is_no_report_says_so() {
    let content = b"BT /F1 12 Tf 72 720 Td (Minutes of the meeting: three matters were discussed today.) Tj ET";
    let bytes = pdf_with(
        Stream::new(Dictionary::new(), content.to_vec()),
        simple_font(),
        Vec::new(),
    );
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("b.pdf");
    std::fs::write(&path, bytes).unwrap();
    let message = nianbao::io::open_any(&path).unwrap_err().to_string();
    assert!(
        message.starts_with("没有找到年度报告的部分标题"),
        "{message}"
    );
}

#[test]
fn broken_files_are_refused_in_words() {
    for bytes in [
        &b""[..],
        b"%PDF-1.7",
        b"%PDF-1.7\n1 0 obj << /Type /Catalog >> endobj\ntrailer << /Root 1 0 R >>\n%%EOF",
        b"%PDF-1.4\nxref\n0 99999999\ntrailer << /Size 99999999 >>\nstartxref\n9\n%%EOF",
    ] {
        let err = Importer::default().read_pdf(bytes).unwrap_err();
        assert!(!err.to_string().is_empty());
    }
}

fn damaged(base: &[u8], edits: &[(usize, u8, bool)], cut: usize) -> Vec<u8> {
    let mut bytes = base.to_vec();
    for &(at, b, delete) in edits {
        let at = at % bytes.len().max(1);
        if delete {
            let end = (at + usize::from(b)).min(bytes.len());
            bytes.drain(at..end);
        } else if let Some(x) = bytes.get_mut(at) {
            *x = b;
        }
    }
    let keep = bytes.len().saturating_sub(cut % (bytes.len() / 2 + 1));
    bytes.truncate(keep);
    bytes
}

proptest! {
    #![proptest_config(ProptestConfig { cases: 256, ..ProptestConfig::default() })]

    #[test]
    fn arbitrary_bytes_never_panic(bytes in proptest::collection::vec(any::<u8>(), 0..4096),
                                   header in any::<bool>()) {
        let mut input = if header { b"%PDF-1.7\n".to_vec() } else { Vec::new() };
        input.extend(bytes);
        let _ = Importer::default().read_pdf(&input);
    }

    #[test]
    fn damaged_real_pdfs_never_panic(edits in proptest::collection::vec((any::<usize>(), any::<u8>(), any::<bool>()), 0..12),
                                     cut in any::<usize>(),
                                     which in 0..3usize) {
        let base = fixture(["qinghe-2025-lo-droid.pdf", "xiaosha-2020-lo-noto.pdf", "scan.pdf"][which]);
        let _ = Importer::default().read_pdf(&damaged(&base, &edits, cut));
    }

    #[test]
    fn hostile_content_streams_never_panic(ops in proptest::collection::vec(
        prop_oneof![
            Just("BT ".to_owned()), Just("ET ".to_owned()), Just("q ".to_owned()), Just("Q ".to_owned()),
            Just("/F1 12 Tf ".to_owned()), Just("(ab) Tj ".to_owned()), Just("[(a) -250 (b)] TJ ".to_owned()),
            Just("1e308 0 0 1e308 0 0 cm ".to_owned()), Just("0 0 0 0 0 0 Tm ".to_owned()),
            Just("10 10 100 50 re S ".to_owned()), Just("0 0 m 100 0 l S ".to_owned()),
            Just("/X1 Do ".to_owned()), Just("BI /W 9 /H 9 ID \u{ff}\u{ff} EI ".to_owned()),
            Just("[[[[ ".to_owned()), Just("<< /a ".to_owned()), Just(">> ] ".to_owned()),
            Just("-0 NaN inf 3.4.5 ".to_owned()), Just("T* ' \" ".to_owned()),
            "[ -~]{0,12}",
        ],
        0..64)) {
        let content: String = ops.concat();
        let bytes = pdf_with(Stream::new(Dictionary::new(), content.into_bytes()), simple_font(), Vec::new());
        let _ = Importer::default().read_pdf(&bytes);
    }
}
