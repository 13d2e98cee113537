//! What the PDF export tests share: export and read back with lopdf, the text as extracted, the
//! lines as drawn (decoded through each font's ToUnicode map), and the checks that every page is
//! A4, every font an embedded subset, every heading and every table row printed.
#![allow(dead_code, clippy::unwrap_used, clippy::expect_used)]

use std::collections::{BTreeMap, BTreeSet};
use std::path::{Path, PathBuf};

use lopdf::{Document, Object};
use nianbao::io::pdf::{PdfOptions, PdfOutput, export_pdf};
use nianbao::model::format::GridContent;
use nianbao::model::{CellValue, Report};

/// Exports and reads back. With `NIANBAO_PDF_DUMP=DIR` the file is also written there as
/// `NAME.pdf`, for rendering (`pdftoppm -r 70 -png`) and looking at.
pub fn export(name: &str, report: &Report, options: &PdfOptions) -> (PdfOutput, Document) {
    let out = export_pdf(report, options).unwrap();
    if let Some(dir) = std::env::var_os("NIANBAO_PDF_DUMP") {
        std::fs::write(Path::new(&dir).join(format!("{name}.pdf")), &out.bytes).unwrap();
    }
    let doc = Document::load_mem(&out.bytes).unwrap();
    (out, doc)
}

/// All text of the document, without whitespace (lines break anywhere in CJK text) and without
/// the page numbers (so a paragraph running onto the next page reads on).
pub fn text(doc: &Document) -> String {
    let pages: Vec<u32> = doc.get_pages().keys().copied().collect();
    let mut text: String = doc
        .extract_text(&pages)
        .unwrap()
        .chars()
        .filter(|c| !c.is_whitespace())
        .collect();
    for n in 1..=pages.len() {
        let folio = format!("—{n}—");
        assert!(text.contains(&folio), "page number {folio}");
        text = text.replacen(&folio, "", 1);
    }
    text
}

pub fn number(obj: &Object) -> f32 {
    match obj {
        Object::Integer(i) => *i as f32,
        Object::Real(r) => *r,
        _ => panic!("not a number: {obj:?}"),
    }
}

/// Every page is A4.
pub fn assert_a4(doc: &Document) {
    for (_, id) in doc.get_pages() {
        let page = doc.get_dictionary(id).unwrap();
        let mb: Vec<f32> = page
            .get(b"MediaBox")
            .unwrap()
            .as_array()
            .unwrap()
            .iter()
            .map(number)
            .collect();
        assert!((mb[2] - mb[0] - 595.28).abs() < 0.5, "{mb:?}");
        assert!((mb[3] - mb[1] - 841.89).abs() < 0.5, "{mb:?}");
    }
}

/// The base names of all fonts, each checked to be an embedded TrueType subset with a
/// ToUnicode map.
pub fn embedded_fonts(doc: &Document) -> BTreeSet<String> {
    let mut names = BTreeSet::new();
    for (_, page) in doc.get_pages() {
        for (_, font) in doc.get_page_fonts(page).unwrap() {
            assert_eq!(font.get(b"Subtype").unwrap().as_name().unwrap(), b"Type0");
            assert!(font.has(b"ToUnicode"), "no ToUnicode");
            let base =
                String::from_utf8(font.get(b"BaseFont").unwrap().as_name().unwrap().to_vec())
                    .unwrap();
            let (tag, _) = base.split_once('+').expect("subset tag");
            assert_eq!(tag.len(), 6);
            let descendants = font.get(b"DescendantFonts").unwrap().as_array().unwrap();
            let cid = doc
                .dereference(&descendants[0])
                .unwrap()
                .1
                .as_dict()
                .unwrap();
            let descriptor = doc
                .dereference(cid.get(b"FontDescriptor").unwrap())
                .unwrap()
                .1
                .as_dict()
                .unwrap();
            let file = descriptor
                .get(b"FontFile2")
                .expect("embedded TrueType program");
            let stream = doc.dereference(file).unwrap().1.as_stream().unwrap();
            // The test fallback face (tests/fixtures/fonts) has four glyphs in all.
            let least = if tag == "NBFBAA" { 200 } else { 1000 };
            assert!(stream.content.len() > least, "{base}");
            names.insert(base);
        }
    }
    names
}

/// Every section heading is in the extracted text, and every row of the tables of 二 and 三
/// reads as its label followed by exactly its figures.
pub fn assert_text(report: &Report, doc: &Document, text: &str) {
    let f = report.format;
    assert!(text.contains(report.meta.title.as_str()), "title");
    for s in &f.sections {
        let heading = f.section_heading(s);
        assert!(text.contains(&heading), "heading {heading} missing");
    }
    let shown = shown(report);
    let s2 = f.section("s2").unwrap();
    let mut rows = 0;
    for id in s2.tables.iter().chain(&f.section("s3").unwrap().tables) {
        let table = f.table(id).unwrap();
        assert!(text.contains(&table.caption), "{}", table.caption);
        rows += assert_rows(report, doc, id, &shown);
    }
    assert!(rows >= 25, "{rows} rows");
    if let Some(date) = report.meta.signature_date {
        assert!(text.contains(&date.to_string()));
    }
}

/// Every cell's value as printed.
pub fn shown(report: &Report) -> Vec<CellValue> {
    nianbao::io::pdf::printed_values(report)
}

/// The pages on which a cell reading `label` is drawn.
pub fn pages_with(runs: &[Run], label: &str) -> BTreeSet<usize> {
    (0..runs.len())
        .filter(|&at| label_at(runs, at, label).is_some())
        .map(|at| runs[at].page)
        .collect()
}

/// One line as drawn: a BT…ET text section (a line of a paragraph or of a table cell), where it
/// starts (pt from the page's bottom left) and its text.
#[derive(Debug, Clone)]
pub struct Run {
    pub page: usize,
    pub x: f32,
    pub y: f32,
    /// Font size of the run's first font.
    pub size: f32,
    pub text: String,
}

/// Every line of every page, in the order drawn, decoded through each font's ToUnicode map.
pub fn runs(doc: &Document) -> Vec<Run> {
    let mut runs = Vec::new();
    for (page_no, page) in doc.get_pages() {
        let encodings: BTreeMap<Vec<u8>, _> = doc
            .get_page_fonts(page)
            .unwrap()
            .into_iter()
            .map(|(name, font)| (name, font.get_font_encoding(doc).unwrap()))
            .collect();
        let content = doc.get_and_decode_page_content(page).unwrap();
        let mut encoding = None;
        let mut size = 0.0;
        let mut current: Option<Run> = None;
        for op in &content.operations {
            match op.operator.as_str() {
                "Tf" => {
                    encoding = encodings.get(op.operands[0].as_name().unwrap());
                    size = number(&op.operands[1]);
                }
                "Tm" if current.is_none() => {
                    current = Some(Run {
                        page: page_no as usize,
                        x: number(&op.operands[4]),
                        y: number(&op.operands[5]),
                        size,
                        text: String::new(),
                    });
                }
                "TJ" | "Tj" => {
                    let run = current.as_mut().expect("text shown before Tm");
                    let items: Vec<&Object> = match &op.operands[0] {
                        Object::Array(items) => items.iter().collect(),
                        other => vec![other],
                    };
                    for item in items {
                        if let Object::String(bytes, _) = item {
                            let encoding = encoding.expect("text shown before Tf");
                            run.text += &Document::decode_text(encoding, bytes).unwrap();
                        }
                    }
                }
                "ET" => runs.extend(current.take()),
                _ => {}
            }
        }
    }
    runs
}

/// Where the lines of a cell reading `label` end, if they start at run `at`: a label broken over
/// lines is consecutive runs on the same page, each a line below the one before, near the same x
/// (centred lines start at different x).
pub fn label_at(runs: &[Run], at: usize, label: &str) -> Option<usize> {
    let wanted: String = label.chars().filter(|c| !c.is_whitespace()).collect();
    let first = runs.get(at)?;
    let mut text = String::new();
    let mut end = at;
    while let Some(r) = runs.get(end)
        && r.page == first.page
        && (r.x - first.x).abs() < 20.0
        && (end == at || (0.0..20.0).contains(&(runs[end - 1].y - r.y)))
        && !r.text.is_empty()
        && wanted.starts_with(&(text.clone() + &r.text))
    {
        text += &r.text;
        end += 1;
        if text == wanted {
            return Some(end);
        }
    }
    None
}

/// The figures printed on the row whose row label is `label`, in reading order (left to right):
/// the lines right of the label whose baselines lie within the label's lines. Rows are looked
/// for from run `from` on (reading order); returns the figures and where the label ends.
pub fn row_figures(runs: &[Run], label: &str, from: usize) -> Option<(Vec<String>, usize)> {
    let (start, end) = (from..runs.len()).find_map(|at| Some((at, label_at(runs, at, label)?)))?;
    let first = &runs[start];
    let lines = &runs[start..end];
    let top = lines.iter().map(|r| r.y).fold(f32::MIN, f32::max) + 0.5;
    let bottom = lines.iter().map(|r| r.y).fold(f32::MAX, f32::min) - 0.5;
    let mut figures: Vec<&Run> = runs
        .iter()
        .filter(|r| r.page == first.page && r.x > first.x + 1.0)
        .filter(|r| r.y <= top && r.y >= bottom)
        .collect();
    figures.sort_by(|a, b| a.x.total_cmp(&b.x));
    Some((figures.iter().map(|r| r.text.clone()).collect(), end))
}

/// Every body row of table `table_id` reads, in order, as its row label followed by exactly its
/// printed figures (blank cells print nothing). Returns the number of rows checked.
pub fn assert_rows(report: &Report, doc: &Document, table_id: &str, shown: &[CellValue]) -> usize {
    let f = report.format;
    let grid = f.printed_grid(f.table(table_id).unwrap());
    let runs = runs(doc);
    let mut from = 0;
    let mut rows = 0;
    for row in grid.header_rows..grid.rows {
        let Some(label) = grid.row_cells(row).find_map(|c| match &c.content {
            GridContent::Label(t) if c.col + c.col_span == grid.label_columns => Some(t.clone()),
            _ => None,
        }) else {
            continue;
        };
        let expected: Vec<String> = grid
            .row_cells(row)
            .filter_map(|c| match c.content {
                GridContent::Value(ix) => Some(shown[ix].display()),
                GridContent::Label(_) => None,
            })
            .filter(|s| !s.is_empty())
            .collect();
        let (figures, end) = row_figures(&runs, &label, from)
            .unwrap_or_else(|| panic!("{table_id}: row “{label}” not found in reading order"));
        assert_eq!(figures, expected, "{table_id}: row “{label}”");
        from = end;
        rows += 1;
    }
    rows
}

/// The one body row of a table without row labels (表四) reads, left to right, as exactly its
/// printed figures: the runs on the baseline of the first line drawn after the header.
pub fn assert_single_row(report: &Report, doc: &Document, table_id: &str, shown: &[CellValue]) {
    let f = report.format;
    let grid = f.printed_grid(f.table(table_id).unwrap());
    assert_eq!(grid.label_columns, 0, "{table_id} has row labels");
    let header: Vec<String> = grid
        .cells
        .iter()
        .filter(|c| c.header)
        .filter_map(|c| match &c.content {
            GridContent::Label(t) => Some(t.clone()),
            GridContent::Value(_) => None,
        })
        .collect();
    let runs = runs(doc);
    // The header cells in the order drawn, then the body row's figures.
    let mut at = (0..runs.len())
        .find(|&at| label_at(&runs, at, &header[0]).is_some())
        .unwrap();
    for label in &header {
        at = label_at(&runs, at, label).unwrap_or_else(|| panic!("{table_id}: header {label}"));
    }
    let first = &runs[at];
    let mut figures: Vec<&Run> = runs
        .iter()
        .filter(|r| r.page == first.page && (r.y - first.y).abs() < 0.5)
        .collect();
    figures.sort_by(|a, b| a.x.total_cmp(&b.x));
    let expected: Vec<String> = grid
        .cells
        .iter()
        .filter_map(|c| match c.content {
            GridContent::Value(ix) => Some(shown[ix].display()),
            GridContent::Label(_) => None,
        })
        .filter(|s| !s.is_empty())
        .collect();
    let figures: Vec<String> = figures.iter().map(|r| r.text.clone()).collect();
    assert_eq!(figures, expected, "{table_id}");
}

/// Options with the official faces of `dir`.
pub fn with_fonts(dir: &Path) -> PdfOptions {
    PdfOptions {
        font_dir: Some(dir.to_path_buf()),
        signoff: false,
    }
}

/// The `正文：…` line of what the export says about its fonts.
pub fn body_font(out: &PdfOutput) -> &str {
    out.fonts_used
        .iter()
        .find(|f| f.starts_with("正文："))
        .expect("a body face")
}

pub fn manifest(path: &str) -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR")).join(path)
}
