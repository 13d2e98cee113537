//! Importing published reports from PDF: our own export of the sample and of every fixture reads
//! back to the same figures and metadata (a CJK PDF we did not hand-craft for the reader), and
//! `.pdf` works wherever the command line reads a file.
#![allow(clippy::unwrap_used, clippy::expect_used)]

use std::path::{Path, PathBuf};
use std::process::{Command, Output};

use nianbao::io::pdf::{PdfOptions, export_pdf};
use nianbao::io::sample;
use nianbao::model::import::Importer;
use nianbao::model::import::Source;
use nianbao::model::import::pdf::PdfImportError;
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
    Importer::default().bytes(&bytes, source).unwrap()
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
    let back = Importer::default().pdf(&our_pdf(&original)).unwrap();
    assert_same_report(&original, &back);
    // Only the format note: nothing was missing, blank or left over.
    assert_eq!(back.notes.len(), 1, "{:#?}", back.notes);
}

macro_rules! round_trip {
    ($($test:ident: $name:literal,)*) => {$(
        #[test]
        fn $test() {
            let original = fixture_report($name);
            let back = Importer::default().pdf(&our_pdf(&original)).unwrap();
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
    assert!(matches!(
        Importer::default().read_pdf(b"hello"),
        Err(PdfImportError::NotPdf)
    ));
    let mut r = sample().unwrap();
    r.cells.iter_mut().for_each(|c| *c = None);
    let bytes = our_pdf(&r);
    // Still the tables' labels and headings: a report with blank figures.
    assert!(Importer::default().pdf(&bytes).is_ok());
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

fn pdf_fixture(name: &str) -> Vec<u8> {
    std::fs::read(fixture_path("pdf").join(name)).unwrap()
}

/// The figures (counts and amounts) of the cells a clerk types, by cell id: what a copy of the
/// text can carry. (A row left blank leaves no trace in a copy; its computed total is 0 where
/// the page printed it blank, so totals are compared only through the figures they add up.)
fn typed_figures(r: &Report) -> std::collections::BTreeMap<String, CellValue> {
    let values = r.resolve();
    r.format
        .cells
        .iter()
        .zip(values)
        .filter(|(info, v)| !info.derived && matches!(v, CellValue::Int(_) | CellValue::Money(_)))
        .map(|(info, v)| (info.id.clone(), v))
        .collect()
}

fn assert_same_front(original: &Report, back: &Report) {
    assert_eq!(back.format.id, original.format.id);
    assert_eq!(back.meta.year, original.meta.year);
    assert_eq!(back.meta.agency, original.meta.agency);
    assert_eq!(back.meta.title, original.meta.title);
}

#[test]
fn libreoffice_prints_of_web_pages_import_like_the_pages() {
    // Printed where LibreOffice found Droid Sans Fallback (TrueType subsets, one-byte codes)
    // and where it found Noto Serif CJK (CFF); the page breaks fall in different rows.
    for (pdf, page) in [
        ("qinghe-2025-lo-droid.pdf", "qinghe-2025.html"),
        ("qinghe-2025-lo-noto.pdf", "qinghe-2025.html"),
        ("xiaosha-2020-lo-droid.pdf", "xiaosha-2020-gbk.html"),
        ("xiaosha-2020-lo-noto.pdf", "xiaosha-2020-gbk.html"),
    ] {
        let original = fixture_report(page);
        let back = Importer::default().pdf(&pdf_fixture(pdf)).unwrap();
        assert_same_front(&original, &back);
        assert_eq!(figures(&back), figures(&original), "{pdf}");
        for (id, text) in &original.prose {
            assert_eq!(paragraphs(back.prose(id)), paragraphs(text), "{pdf} {id}");
        }
    }
}

#[test]
fn a_scan_is_refused_with_what_to_do() {
    let err = Importer::default()
        .read_pdf(&pdf_fixture("scan.pdf"))
        .unwrap_err();
    assert!(
        matches!(err, PdfImportError::Scanned { pages: 2 }),
        "{err:?}"
    );
    let message = err.to_string();
    assert!(
        message.contains("扫描件") && message.contains("Word"),
        "{message}"
    );
    let out = nianbao(&["check".as_ref(), fixture_path("pdf/scan.pdf").as_os_str()]);
    assert_eq!(out.status.code(), Some(2));
    assert!(String::from_utf8_lossy(&out.stderr).contains("扫描件"));
}

fn copied(name: &str) -> Report {
    let text = std::fs::read_to_string(fixture_path("pdf").join(name)).unwrap();
    nianbao::model::import::Importer::default()
        .text(&text)
        .unwrap()
}

#[test]
fn text_copied_out_of_pdfs_by_columns_and_in_reading_order() {
    let sample = sample().unwrap();
    let qinghe = fixture_report("qinghe-2025.html");
    let xiaosha = fixture_report("xiaosha-2020-gbk.html");
    for (name, original) in [
        ("sample-layout.txt", &sample),
        ("sample-raw.txt", &sample),
        ("qinghe-2025-lo-layout.txt", &qinghe),
        ("xiaosha-2020-lo-layout.txt", &xiaosha),
        ("xiaosha-2020-lo-raw.txt", &xiaosha),
    ] {
        let back = copied(name);
        assert_same_front(original, &back);
        assert_eq!(typed_figures(&back), typed_figures(original), "{name}");
    }
}

#[test]
fn a_copy_cannot_tell_where_a_blank_cell_was_and_says_so() {
    // LibreOffice's print of the page leaves 科研机构 blank in the first row of 表三; copied in
    // reading order, the row has six figures for seven columns.
    let original = fixture_report("qinghe-2025.html");
    let back = copied("qinghe-2025-lo-raw.txt");
    assert_same_front(&original, &back);
    let (a, b) = (typed_figures(&original), typed_figures(&back));
    for (id, value) in &a {
        if !id.starts_with("t3.new.") {
            assert_eq!(b.get(id), Some(value), "{id}");
        }
    }
    assert!(
        back.notes
            .iter()
            .any(|n| n.text.contains("本年新收") && n.text.contains("只找到 6 个数据")),
        "{:#?}",
        back.notes
    );
}

#[test]
fn pdftotext_without_options_reorders_some_rows_which_are_reported_not_guessed() {
    let original = sample().unwrap();
    let back = copied("sample-plain.txt");
    assert_same_front(&original, &back);
    let (a, b) = (typed_figures(&original), typed_figures(&back));
    // Tables 二 and 四 come through whole; every figure read is right.
    for (id, value) in &a {
        if id.starts_with("t2") || id.starts_with("t4") {
            assert_eq!(b.get(id), Some(value), "{id}");
        }
    }
    for (id, value) in &b {
        assert_eq!(a.get(id), Some(value), "{id}");
    }
    let missing = a.keys().filter(|id| !b.contains_key(*id)).count();
    assert!(missing > 0 && missing < 80, "{missing}");
    assert!(
        back.notes
            .iter()
            .any(|n| n.text.contains("没有找到表三") || n.text.contains("只找到"))
    );
}

#[test]
fn a_year_with_spaces_is_the_year_and_a_broken_title_is_joined() {
    let text = "    示例市青禾街道办事处\n  2024 年政府信息公开工作年度报告\n\n一、总体情况\n  2024 年，本街道做了工作。\n二、主动公开政府信息情况\n第二十条第（一）项\n信息内容   本年制发件数   本年废止件数   现行有效件数\n规章          1             0            3\n行政规范性文件    2     1      9\n";
    let r = nianbao::model::import::Importer::default()
        .text(text)
        .unwrap();
    assert_eq!(r.meta.year, 2024);
    assert_eq!(r.meta.agency, "示例市青禾街道办事处");
    assert_eq!(
        r.meta.title,
        "示例市青禾街道办事处2024年政府信息公开工作年度报告"
    );
    let ix = r.format.cell_index("t2_art20_1.rules.in_force").unwrap();
    assert_eq!(r.entry(ix), Some(&CellValue::Int(3)));
    assert_eq!(r.prose("s1"), "2024年，本街道做了工作。");
}

/// Our export with every ruling line left undrawn (`re S` → `re n`): a table without borders.
fn without_rules(pdf: &[u8]) -> Vec<u8> {
    let mut doc = lopdf::Document::load_mem(pdf).unwrap();
    for (_, obj) in doc.objects.iter_mut() {
        if let lopdf::Object::Stream(stream) = obj
            && stream.dict.get(b"Subtype").is_err()
            && let Ok(content) = stream.decompressed_content()
        {
            let text = String::from_utf8_lossy(&content);
            if text.contains(" re\nS") {
                stream.dict.remove(b"Filter");
                stream.set_content(text.replace(" re\nS", " re\nn").into_bytes());
            }
        }
    }
    let mut out = Vec::new();
    doc.save_to(&mut out).unwrap();
    out
}

#[test]
fn tables_without_ruling_lines_are_read_by_position() {
    let original = sample().unwrap();
    let bytes = without_rules(&our_pdf(&original));
    let back = Importer::default().pdf(&bytes).unwrap();
    assert_same_front(&original, &back);
    assert_eq!(typed_figures(&back), typed_figures(&original));
}

#[test]
fn a_pdf_that_forbids_copying_reads_and_one_behind_a_password_is_refused() {
    // Permissions only (no open password): the text is there, as in any viewer.
    let text = Importer::default()
        .read_pdf(&pdf_fixture("no-copy.pdf"))
        .unwrap();
    assert!(
        text.blocks.iter().any(
            |b| matches!(b, nianbao::model::import::Block::Text(t) if t.contains("Annual report"))
        ),
        "{:?}",
        text.blocks
    );
    let err = Importer::default()
        .read_pdf(&pdf_fixture("password.pdf"))
        .unwrap_err();
    assert!(matches!(err, PdfImportError::Encrypted), "{err:?}");
    assert!(err.to_string().contains("密码"));
}
