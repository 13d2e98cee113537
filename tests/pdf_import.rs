//! Importing published reports from PDF: our own export of the sample and of every fixture reads
//! back to the same figures and metadata (a CJK PDF we did not hand-craft for the reader), and
//! `.pdf` works wherever the command line reads a file.
#![allow(clippy::unwrap_used, clippy::expect_used)]

use std::path::{Path, PathBuf};
use std::process::{Command, Output};

use nianbao::io::pdf::{PdfOptions, export_pdf};
use nianbao::io::sample;
use nianbao::model::import::pdf::{PdfImportError, import_pdf, read_pdf};
use nianbao::model::import::{Source, import_bytes};
use nianbao::model::{CellValue, Report};

fn fixture_path(name: &str) -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR"))
        .join("tests/fixtures")
        .join(name)
}

fn fixture_report(name: &str) -> Report {
    let bytes = std::fs::read(fixture_path(name)).unwrap();
    let source = if name.ends_with(".html") {
        Source::Html
    } else {
        Source::Text
    };
    import_bytes(&bytes, source).unwrap()
}

fn our_pdf(report: &Report) -> Vec<u8> {
    export_pdf(report, &PdfOptions::default()).unwrap().bytes
}

/// Every cell as the checker sees it (typed entries and computed totals).
fn figures(r: &Report) -> Vec<(String, CellValue)> {
    let values = r.resolve();
    (0..r.format.cells.len())
        .map(|ix| {
            (
                r.format.cell_id(ix).to_owned(),
                values.get(ix).cloned().unwrap(),
            )
        })
        .collect()
}

/// Prose compared paragraph by paragraph, without blank lines between them and without spaces
/// (a PDF keeps neither; a space at a line end is not printed).
fn paragraphs(text: &str) -> Vec<String> {
    text.lines()
        .map(|l| l.chars().filter(|c| !c.is_whitespace()).collect::<String>())
        .filter(|l| !l.is_empty())
        .collect()
}

fn assert_same_report(original: &Report, back: &Report) {
    assert_eq!(back.format.id, original.format.id);
    assert_eq!(figures(back), figures(original));
    let (a, b) = (&original.meta, &back.meta);
    assert_eq!(b.year, a.year);
    assert_eq!(b.title, a.title);
    assert_eq!(b.agency, a.agency);
    assert_eq!(b.doc_number, a.doc_number);
    assert_eq!(b.signature_unit, a.signature_unit);
    assert_eq!(b.signature_date, a.signature_date);
    assert_eq!(paragraphs(&b.preamble), paragraphs(&a.preamble));
    for (id, text) in &original.prose {
        assert_eq!(paragraphs(back.prose(id)), paragraphs(text), "section {id}");
    }
}

#[test]
fn the_sample_round_trips_through_our_pdf() {
    let original = sample().unwrap();
    let back = import_pdf(&our_pdf(&original)).unwrap();
    assert_same_report(&original, &back);
    // Only the format note: nothing was missing, blank or left over.
    assert_eq!(back.notes.len(), 1, "{:#?}", back.notes);
}

macro_rules! round_trip {
    ($($test:ident: $name:literal,)*) => {$(
        #[test]
        fn $test() {
            let original = fixture_report($name);
            let back = import_pdf(&our_pdf(&original)).unwrap();
            assert_same_report(&original, &back);
        }
    )*};
}

round_trip! {
    baishi_2022_round_trips: "baishi-2022-broken-sums.txt",
    qinghe_2025_bars_round_trips: "qinghe-2025-bars.txt",
    qinghe_2025_tabs_round_trips: "qinghe-2025-tabs.txt",
    qinghe_2025_html_round_trips: "qinghe-2025.html",
    shengtai_2020_round_trips: "shengtai-2020-tabsep.txt",
    xiaosha_2020_bars_round_trips: "xiaosha-2020-bars.txt",
    xiaosha_2020_round_trips: "xiaosha-2020.txt",
    xiaosha_2020_gbk_round_trips: "xiaosha-2020-gbk.html",
}

#[test]
fn not_a_pdf_and_a_pdf_that_is_no_report() {
    assert!(matches!(read_pdf(b"hello"), Err(PdfImportError::NotPdf)));
    let mut r = sample().unwrap();
    r.cells.iter_mut().for_each(|c| *c = None);
    let bytes = our_pdf(&r);
    // Still the tables' labels and headings: a report with blank figures.
    assert!(import_pdf(&bytes).is_ok());
}

fn nianbao(args: &[&std::ffi::OsStr]) -> Output {
    Command::new(env!("CARGO_BIN_EXE_nianbao"))
        .args(args)
        .output()
        .unwrap()
}

#[test]
fn every_command_reads_a_pdf() {
    let dir = tempfile::tempdir().unwrap();
    let pdf = dir.path().join("青禾 2025年报.pdf");
    std::fs::write(&pdf, our_pdf(&sample().unwrap())).unwrap();
    let out = nianbao(&["check".as_ref(), pdf.as_os_str()]);
    assert_eq!(out.status.code(), Some(0), "{out:?}");
    let draft = dir.path().join("导入.ron");
    let out = nianbao(&[
        "import".as_ref(),
        pdf.as_os_str(),
        "-o".as_ref(),
        draft.as_os_str(),
    ]);
    assert_eq!(out.status.code(), Some(0), "{out:?}");
    assert!(draft.exists());
    let next = dir.path().join("2026.ron");
    let out = nianbao(&[
        "next-year".as_ref(),
        pdf.as_os_str(),
        "-o".as_ref(),
        next.as_os_str(),
    ]);
    assert_eq!(out.status.code(), Some(0), "{out:?}");
    let json = dir.path().join("数据.json");
    let out = nianbao(&[
        "export".as_ref(),
        pdf.as_os_str(),
        "-o".as_ref(),
        json.as_os_str(),
    ]);
    assert_eq!(out.status.code(), Some(0), "{out:?}");
    let data = std::fs::read_to_string(&json).unwrap();
    assert!(data.contains("\"t3.new.total\": 25"), "{data}");
}
