//! What each fuzz target does with its bytes, shared by the libFuzzer wrappers in
//! `fuzz_targets/` and by `tests/fuzz_inputs.rs`, which runs it on the seed corpus and on every
//! input a campaign found (so the main build compiles and runs this code too).
//!
//! Each function panics on a bug: a panic in the code under test, or a broken property.

use arbitrary::{Result, Unstructured};
use nianbao::io::draft;
use nianbao::io::pdf::{PdfOptions, export_pdf};
use nianbao::model::import::Importer;
use nianbao::model::import::Source;
use nianbao::model::{CellValue, Date, Decimal, Report, check, check_with, format, rollover};

/// The draft loader on arbitrary bytes: whatever loads saves and loads back the same.
pub fn draft_load(bytes: &[u8]) {
    let text = String::from_utf8_lossy(bytes);
    if let Ok(report) = draft::from_str(&text) {
        let saved = draft::to_string(&report).expect("a loaded draft saves");
        let back = draft::from_str(&saved).expect("a saved draft loads");
        assert!(back == report, "load → save → load changed the draft");
    }
}

/// An importer on arbitrary bytes: an imported report is checked, and saves as a draft that
/// loads back.
pub fn import(bytes: &[u8], source: Source) {
    if let Ok(report) = Importer::default().bytes(bytes, source) {
        let _ = check(&report);
        let saved = draft::to_string(&report).expect("an imported report saves");
        draft::from_str(&saved).expect("a saved import loads");
    }
}

/// The Word reader on arbitrary bytes (a damaged package, a zip bomb, XML of any shape): an
/// imported report is checked, and exports to Word and reads back with the same figures.
pub fn import_word(bytes: &[u8]) {
    if let Ok(report) = nianbao::model::import::Importer::default().word(bytes) {
        let _ = check(&report);
        let options = nianbao::io::docx::DocxOptions { signoff: false };
        let exported =
            nianbao::io::docx::export_docx(&report, &options).expect("an import exports");
        let back = nianbao::model::import::Importer::default()
            .word(&exported)
            .expect("our own Word export reads back");
        assert!(
            back.resolve() == report.resolve(),
            "Word export → import changed the figures"
        );
    }
}

/// The PDF reader on arbitrary bytes (damaged xref, loops in the page tree, bombs, odd fonts):
/// it always returns, and an imported report is checked and saves as a draft.
pub fn import_pdf(bytes: &[u8]) {
    if let Ok(report) = nianbao::model::import::Importer::default().pdf(bytes) {
        let _ = check(&report);
        let saved = draft::to_string(&report).expect("an imported report saves");
        draft::from_str(&saved).expect("a saved import loads");
    }
}

/// The Excel reader on arbitrary bytes (a damaged package, a hostile shared-string count or
/// sheet size, merged areas of any shape, an `.xls` of any records): it always returns, and an
/// imported report is checked and saves as a draft that loads back.
pub fn import_xlsx(bytes: &[u8]) {
    if let Ok(report) = Importer::default().excel(bytes) {
        let _ = check(&report);
        let saved = draft::to_string(&report).expect("an imported report saves");
        draft::from_str(&saved).expect("a saved import loads");
    }
}

/// The checker and the rollover on an arbitrary report.
pub fn check_report(bytes: &[u8]) {
    let Some(report) = arbitrary_report(bytes) else {
        return;
    };
    for f in &check(&report) {
        assert!(!f.message.is_empty(), "{f:?}");
    }
    let next = rollover::next_year(&report);
    let _ = check_with(&next, next.previous.as_ref());
}

/// The PDF pipeline (compose → paginate → draw → save) on an arbitrary report.
pub fn pdf_report(bytes: &[u8]) {
    let Some(report) = arbitrary_report(bytes) else {
        return;
    };
    let options = PdfOptions {
        font_dir: None,
        signoff: bytes.first().is_some_and(|b| b & 1 == 1),
    };
    let pdf = export_pdf(&report, &options).expect("the bundled fonts load");
    assert!(pdf.pages >= 1 && pdf.bytes.starts_with(b"%PDF-"));
}

/// Characters that matter to the checker and the PDF: digits both widths, Chinese numerals,
/// the words the X-rules read, punctuation that must not start a line, and spaces.
const PIECES: &[&str] = &[
    "0",
    "1",
    "9",
    "12",
    "１",
    "２",
    "〇",
    "一",
    "二",
    "十",
    "百",
    "千",
    "万",
    "件",
    "元",
    "万元",
    "新收",
    "申请",
    "上年结转",
    "结转下年度",
    "办结",
    "予以公开",
    "行政复议",
    "行政诉讼",
    "均为0",
    "规范性文件",
    "现行有效",
    "收取",
    "信息处理费",
    "监督保障",
    "（五）",
    "年",
    "月",
    "日",
    "。",
    "，",
    "、",
    "；",
    "：",
    "（",
    "）",
    "《",
    "》",
    "“",
    "”",
    "\n",
    "\n\n",
    " ",
    "\u{3000}",
    "\t",
    "a",
    "Word",
    "—",
    "/",
    "%",
    "𠀀",
    "😀",
];

fn text(u: &mut Unstructured, max: usize) -> Result<String> {
    let n = u.int_in_range(0..=max)?;
    let mut s = String::new();
    for _ in 0..n {
        if u.ratio(1, 8)? {
            s.push(u.arbitrary::<char>()?);
        } else {
            s.push_str(u.choose(PIECES)?);
        }
    }
    Ok(s)
}

fn value(u: &mut Unstructured) -> Result<Option<CellValue>> {
    Ok(match u.int_in_range(0..=9)? {
        0 => None,
        1 => Some(CellValue::Blank),
        2 => Some(CellValue::NotApplicable),
        3 => Some(CellValue::Int(u.arbitrary()?)),
        4 => Some(CellValue::Money(Decimal::new(
            u.int_in_range(-(10i128.pow(20))..=10i128.pow(20))?,
            u.int_in_range(0..=6)?,
        ))),
        5 => Some(CellValue::Invalid(text(u, 6)?)),
        _ => Some(CellValue::Int(u.int_in_range(0..=99_999)?)),
    })
}

/// A report built from `bytes`, or `None` when they run out too early.
pub fn arbitrary_report(bytes: &[u8]) -> Option<Report> {
    let mut u = Unstructured::new(bytes);
    build(&mut u).ok()
}

fn build(u: &mut Unstructured) -> Result<Report> {
    let format = u.choose(format::builtin().formats())?;
    let year = u.int_in_range(2015..=2130)?;
    let mut r = Report::new(format, year);
    r.meta.agency = text(u, 20)?;
    r.meta.title = text(u, 40)?;
    r.meta.doc_number = text(u, 10)?;
    r.meta.preamble = text(u, 80)?;
    r.meta.signature_unit = text(u, 20)?;
    if u.arbitrary()? {
        r.meta.signature_date = Date::parse(&format!(
            "{}年{}月{}日",
            u.int_in_range(1949..=2130)?,
            u.int_in_range(1..=12)?,
            u.int_in_range(1..=31)?
        ));
    }
    for section in &format.sections {
        if u.arbitrary()? {
            r.prose.insert(section.id.clone(), text(u, 400)?);
        }
    }
    let cells = format.cells.len();
    let filled = u.int_in_range(0..=cells)?;
    for _ in 0..filled {
        let ix = u.int_in_range(0..=cells - 1)?;
        r.set(ix, value(u)?);
    }
    if u.arbitrary()? {
        let last = r.clone();
        r.previous = Some(nianbao::model::PreviousYear::from_report(&last));
    }
    Ok(r)
}
