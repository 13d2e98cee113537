//! Damaged and hostile office files are refused, never panicked on: the old Word (`.doc`) and
//! Excel (`.xlsx`, `.xls`) readers on truncations and byte flips of the fixtures and on random
//! bytes behind each format's signature (proptest), and on the sizes a hostile workbook claims
//! that the Excel crate would otherwise allocate (a shared-string count, a sheet's dimensions,
//! two cells a sheet apart).
#![allow(clippy::unwrap_used, clippy::expect_used)]

use std::io::{Read, Write};
use std::path::Path;

use nianbao::model::import::{ImportError, Importer};
use proptest::prelude::{ProptestConfig, any};

fn fixture(path: &str) -> Vec<u8> {
    std::fs::read(Path::new(env!("CARGO_MANIFEST_DIR")).join(path)).unwrap()
}

/// A copy of `base` with bytes overwritten (`edits`: position, byte) and cut at `cut`.
fn damaged(base: &[u8], edits: &[(usize, u8)], cut: Option<usize>) -> Vec<u8> {
    let mut out = base.to_vec();
    for &(at, b) in edits {
        let len = out.len();
        if let Some(x) = out.get_mut(at % len.max(1)) {
            *x = b;
        }
    }
    if let Some(cut) = cut {
        out.truncate(cut % (base.len() + 1));
    }
    out
}

/// A copy of `base` with bits flipped (`flips`: position, bit).
fn flipped(base: &[u8], flips: &[(usize, u8)]) -> Vec<u8> {
    let mut out = base.to_vec();
    for &(at, bit) in flips {
        let len = out.len();
        if let Some(x) = out.get_mut(at % len.max(1)) {
            *x ^= 1 << (bit % 8);
        }
    }
    out
}

const WORKBOOKS: [&str; 4] = [
    "qinghe-2025.xlsx",
    "qinghe-2025.xls",
    "portal-2024.xlsx",
    "sample-2025.xlsx",
];

proptest::proptest! {
    #![proptest_config(ProptestConfig { cases: 256, ..Default::default() })]

    #[test]
    fn arbitrary_compound_files_never_panic(bytes in proptest::collection::vec(any::<u8>(), 0..4096)) {
        let mut input = vec![0xD0, 0xCF, 0x11, 0xE0, 0xA1, 0xB1, 0x1A, 0xE1];
        input.extend(bytes);
        let _ = Importer::default().word(&input);
        let _ = Importer::default().excel(&input);
    }

    #[test]
    fn arbitrary_zip_files_never_panic(bytes in proptest::collection::vec(any::<u8>(), 0..4096)) {
        let mut input = b"PK\x03\x04".to_vec();
        input.extend(bytes);
        let _ = Importer::default().excel(&input);
    }

    #[test]
    fn damaged_real_docs_never_panic(
        edits in proptest::collection::vec((any::<usize>(), any::<u8>()), 0..24),
        cut in proptest::option::of(any::<usize>()),
        which in 0..3usize,
    ) {
        let name = ["qinghe-2025", "qinghe-2025-numbered", "xiaosha-2020"][which];
        let base = fixture(&format!("tests/fixtures/office/{name}.doc"));
        let _ = Importer::default().word(&damaged(&base, &edits, cut));
    }

    #[test]
    fn flipped_bits_of_real_docs_never_panic(
        flips in proptest::collection::vec((any::<usize>(), any::<u8>()), 1..16),
        which in 0..3usize,
    ) {
        let name = ["qinghe-2025", "qinghe-2025-numbered", "xiaosha-2020"][which];
        let base = fixture(&format!("tests/fixtures/office/{name}.doc"));
        let _ = Importer::default().word(&flipped(&base, &flips));
    }

    #[test]
    fn damaged_real_workbooks_never_panic(
        edits in proptest::collection::vec((any::<usize>(), any::<u8>()), 0..24),
        cut in proptest::option::of(any::<usize>()),
        which in 0..WORKBOOKS.len(),
    ) {
        let base = fixture(&format!("tests/fixtures/office/{}", WORKBOOKS[which]));
        let _ = Importer::default().excel(&damaged(&base, &edits, cut));
    }

    #[test]
    fn flipped_bits_of_real_workbooks_never_panic(
        flips in proptest::collection::vec((any::<usize>(), any::<u8>()), 1..16),
        which in 0..WORKBOOKS.len(),
    ) {
        let base = fixture(&format!("tests/fixtures/office/{}", WORKBOOKS[which]));
        let _ = Importer::default().excel(&flipped(&base, &flips));
    }

    /// Inside the package (where the deflated bytes hide it from byte edits): the sheet's and
    /// the shared strings' XML cut anywhere.
    #[test]
    fn cut_sheet_xml_never_panics(at in any::<usize>(), part in 0..2usize) {
        let name = ["xl/worksheets/sheet1.xml", "xl/sharedStrings.xml"][part];
        let bytes = rezipped("qinghe-2025.xlsx", |n, data| {
            if n == name {
                data.truncate(at % (data.len() + 1));
            }
        });
        let _ = Importer::default().excel(&bytes);
    }
}

/// The fixture `name` with its parts changed by `edit(part name, data)`, zipped again.
fn rezipped(name: &str, mut edit: impl FnMut(&str, &mut Vec<u8>)) -> Vec<u8> {
    let bytes = fixture(&format!("tests/fixtures/office/{name}"));
    let mut zip = zip::ZipArchive::new(std::io::Cursor::new(bytes)).unwrap();
    let mut out = zip::ZipWriter::new(std::io::Cursor::new(Vec::new()));
    let opts = zip::write::SimpleFileOptions::default();
    for i in 0..zip.len() {
        let mut file = zip.by_index(i).unwrap();
        let part: String = file.name().unwrap().to_string();
        let mut data = Vec::new();
        file.read_to_end(&mut data).unwrap();
        edit(&part, &mut data);
        out.start_file(part.as_str(), opts).unwrap();
        out.write_all(&data).unwrap();
    }
    out.finish().unwrap().into_inner()
}

fn too_large(result: Result<nianbao::model::Report, ImportError>) -> String {
    let err = result.unwrap_err();
    let text = err.to_string();
    assert!(text.contains("太大"), "{text}");
    text
}

/// calamine reserves the shared-string table the file declares: a trillion strings would
/// abort the program (memory), so the claim is refused first.
#[test]
fn a_huge_shared_string_count_is_refused() {
    let bytes = rezipped("qinghe-2025.xlsx", |name, data| {
        if name == "xl/sharedStrings.xml" {
            let text = String::from_utf8(data.clone()).unwrap();
            let start = text.find("uniqueCount=\"").unwrap() + "uniqueCount=\"".len();
            let end = start + text[start..].find('"').unwrap();
            *data = format!("{}1000000000000{}", &text[..start], &text[end..]).into_bytes();
        }
    });
    too_large(Importer::default().excel(&bytes));
}

/// A sheet with a cell at A1 and one at XFD1048576: calamine's grid between them would be 17
/// billion cells; the sheet is read cell by cell and refused.
#[test]
fn cells_a_sheet_apart_are_refused() {
    let bytes = rezipped("qinghe-2025.xlsx", |name, data| {
        if name == "xl/worksheets/sheet1.xml" {
            let text = String::from_utf8(data.clone()).unwrap();
            let far = r#"<row r="1048576"><c r="XFD1048576" t="n"><v>1</v></c></row></sheetData>"#;
            *data = text.replacen("</sheetData>", far, 1).into_bytes();
        }
    });
    too_large(Importer::default().excel(&bytes));
}

/// A `.xls` whose DIMENSIONS record claims 4 billion rows: calamine reserves the cells it
/// claims, so the record is read first and the file refused.
#[test]
fn an_xls_claiming_billions_of_rows_is_refused() {
    let mut bytes = fixture("tests/fixtures/office/qinghe-2025.xls");
    // DIMENSIONS (0x0200, 14 bytes): first row, last row + 1 (u32), first column, last column + 1.
    let at = bytes
        .windows(4)
        .position(|w| w == [0x00, 0x02, 0x0E, 0x00])
        .unwrap()
        + 4;
    bytes[at + 4..at + 8].copy_from_slice(&0xFFFF_FFF0_u32.to_le_bytes());
    too_large(Importer::default().excel(&bytes));
}

/// Merged areas of any size (the whole sheet, overlapping, reversed) cost no more than the
/// filled cells: the figures are still read.
#[test]
fn hostile_merged_areas_are_cut_to_the_filled_cells() {
    let bytes = rezipped("qinghe-2025.xlsx", |name, data| {
        if name == "xl/worksheets/sheet1.xml" {
            let text = String::from_utf8(data.clone()).unwrap();
            let merges = r#"<mergeCell ref="A1:XFD1048576"/><mergeCell ref="C5:B2"/><mergeCell ref="XFD1:XFD1048576"/>"#;
            let at = text.find("<mergeCell ").unwrap();
            *data = format!("{}{}{}", &text[..at], merges, &text[at..]).into_bytes();
        }
    });
    // The first area covers the sheet: it is kept (the whole sheet one cell), so the import
    // finds no report there — but it returns, at once.
    let _ = Importer::default().excel(&bytes);
}
