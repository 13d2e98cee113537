//! Old Word documents (`.doc`, made from the `.docx` fixtures by
//! `scripts/make-office-fixtures.sh`) import to the same figures and prose as their source; so
//! do Excel workbooks (`.xlsx`, `.xls`, made by the same script from the web-page fixtures).
//! Damaged and hostile files: tests/office_hostile.rs.
#![allow(clippy::unwrap_used, clippy::expect_used)]

use std::path::Path;

use nianbao::model::Report;
use nianbao::model::import::{ImportError, Importer};

fn fixture(path: &str) -> Vec<u8> {
    std::fs::read(Path::new(env!("CARGO_MANIFEST_DIR")).join(path)).unwrap()
}

fn both(name: &str) -> (Report, Report) {
    let importer = Importer::default();
    let docx = importer
        .word(&fixture(&format!("tests/fixtures/docx/{name}.docx")))
        .unwrap();
    let doc = importer
        .word(&fixture(&format!("tests/fixtures/office/{name}.doc")))
        .unwrap();
    assert_eq!(doc.format.id, docx.format.id, "{name}: format");
    assert_eq!(doc.meta, docx.meta, "{name}: metadata");
    assert!(
        docx.cells.iter().any(Option::is_some),
        "{name}: the source has figures"
    );
    (doc, docx)
}

/// Asserts the first `upto` cells of the two reports hold the same figures.
fn same_tables(doc: &Report, docx: &Report, name: &str, upto: usize) {
    let differ: Vec<String> = doc
        .cells
        .iter()
        .zip(&docx.cells)
        .take(upto)
        .enumerate()
        .filter(|(_, (a, b))| a != b)
        .map(|(i, (a, b))| format!("{i}: {a:?} ≠ {b:?}"))
        .collect();
    assert!(differ.is_empty(), "{name}: figures differ: {differ:?}");
}

fn same_as_source(name: &str) {
    let (doc, docx) = both(name);
    same_tables(&doc, &docx, name, usize::MAX);
    for (id, text) in &docx.prose {
        let got = doc
            .prose
            .get(id)
            .map(|t| t.replace(char::is_whitespace, ""));
        assert_eq!(
            got,
            Some(text.replace(char::is_whitespace, "")),
            "{name}: prose of {id}"
        );
    }
}

/// The first table (表二, cells 0..30) of every fixture, with the format, metadata and prose.
#[test]
fn the_first_table_of_each_doc_imports_as_its_docx() {
    for name in ["qinghe-2025", "qinghe-2025-numbered", "xiaosha-2020"] {
        let (doc, docx) = both(name);
        same_tables(&doc, &docx, name, 30);
    }
}

#[test]
fn qinghe_2025_doc_imports_as_its_docx() {
    same_as_source("qinghe-2025");
}

#[test]
fn qinghe_2025_numbered_doc_imports_as_its_docx() {
    same_as_source("qinghe-2025-numbered");
}

#[test]
fn xiaosha_2020_doc_imports_as_its_docx() {
    same_as_source("xiaosha-2020");
}

#[test]
fn a_damaged_doc_is_refused_in_chinese_with_the_way_out() {
    let mut doc = fixture("tests/fixtures/office/qinghe-2025.doc");
    doc.truncate(2048);
    let err = Importer::default().word(&doc).unwrap_err();
    assert!(matches!(err, ImportError::Word(_)), "{err:?}");
    assert!(err.to_string().contains("另存为"), "{err}");
}

#[test]
fn an_encrypted_doc_is_refused_with_the_way_out() {
    // The FIB's fEncrypted bit (0x0100 of the flags at 0x0A of the WordDocument stream): set it
    // in place in the stream's first sector.
    let mut doc = fixture("tests/fixtures/office/qinghe-2025.doc");
    let at = doc
        .windows(2)
        .enumerate()
        .skip(512)
        .find(|(i, w)| i % 512 == 0 && *w == [0xEC, 0xA5])
        .map(|(i, _)| i)
        .unwrap();
    doc[at + 0x0B] |= 0x01;
    let err = Importer::default().word(&doc).unwrap_err();
    assert!(err.to_string().contains("密码"), "{err}");
}

/// The web page and the workbook Calc made of it, imported.
fn page_and_workbook(page: &str, workbook: &str) -> (Report, Report) {
    let importer = Importer::default();
    let html = importer
        .bytes(
            &fixture(&format!("tests/fixtures/{page}.html")),
            nianbao::model::import::Source::Html,
        )
        .unwrap();
    let book = importer
        .excel(&fixture(&format!("tests/fixtures/office/{workbook}")))
        .unwrap();
    assert_eq!(book.format.id, html.format.id, "{workbook}: format");
    assert_eq!(book.meta.year, html.meta.year, "{workbook}: year");
    assert!(
        html.cells.iter().any(Option::is_some),
        "{page}: the source has figures"
    );
    (book, html)
}

fn workbook_as_page(page: &str, workbook: &str) {
    let (book, html) = page_and_workbook(page, workbook);
    same_tables(&book, &html, workbook, usize::MAX);
    for (id, text) in &html.prose {
        let got = book
            .prose
            .get(id)
            .map(|t| t.replace(char::is_whitespace, ""));
        assert_eq!(
            got,
            Some(text.replace(char::is_whitespace, "")),
            "{workbook}: prose of {id}"
        );
    }
}

#[test]
fn qinghe_2025_xlsx_imports_as_its_web_page() {
    workbook_as_page("qinghe-2025", "qinghe-2025.xlsx");
}

#[test]
fn qinghe_2025_xls_imports_as_its_web_page() {
    workbook_as_page("qinghe-2025", "qinghe-2025.xls");
}

/// A portal's page in a sheet: its menus and metadata table are rows too; the figures are the
/// page's, each section's text begins as the page's (the page's footer, which the web-page reader
/// tells by its markup, ends the last section's text in a sheet).
#[test]
fn a_portal_page_in_a_sheet_has_the_figures_of_the_page() {
    let (book, html) = page_and_workbook("variants/portal-2024", "portal-2024.xlsx");
    same_tables(&book, &html, "portal-2024.xlsx", usize::MAX);
    for (id, text) in &html.prose {
        let got = book.prose.get(id).unwrap().replace(char::is_whitespace, "");
        let want = text.replace(char::is_whitespace, "");
        assert!(got.starts_with(&want), "prose of {id}: {got} ≠ {want}");
    }
}

/// Our own report exported as a web page and opened in Excel (Calc): every figure and every
/// section's text come back.
#[test]
fn our_own_tables_opened_in_excel_import_as_the_draft() {
    let draft = nianbao::io::draft::load(
        &Path::new(env!("CARGO_MANIFEST_DIR")).join("assets/sample/sample-2025.ron"),
    )
    .unwrap();
    let book = Importer::default()
        .excel(&fixture("tests/fixtures/office/sample-2025.xlsx"))
        .unwrap();
    assert_eq!(book.format.id, draft.format.id);
    assert_eq!(book.meta.year, draft.meta.year);
    assert_eq!(book.resolve(), draft.resolve(), "figures");
    for (id, text) in &draft.prose {
        assert_eq!(
            book.prose
                .get(id)
                .map(|t| t.replace(char::is_whitespace, "")),
            Some(text.replace(char::is_whitespace, "")),
            "prose of {id}"
        );
    }
}

/// A workbook made in memory: each sheet its rows (`None` an empty cell) and merged areas
/// (first row, first column, last row, last column).
type SheetSpec<'a> = (
    &'a str,
    Vec<Vec<Option<&'a str>>>,
    Vec<(u32, u16, u32, u16)>,
);

fn workbook(sheets: &[SheetSpec<'_>]) -> Vec<u8> {
    use rust_xlsxwriter::{Format, Workbook};
    let mut book = Workbook::new();
    for (name, rows, merges) in sheets {
        let sheet = book.add_worksheet();
        sheet.set_name(*name).unwrap();
        for &(r0, c0, r1, c1) in merges {
            let text = rows[r0 as usize][c0 as usize].unwrap_or_default();
            sheet
                .merge_range(r0, c0, r1, c1, text, &Format::new())
                .unwrap();
        }
        for (r, row) in rows.iter().enumerate() {
            for (c, cell) in row.iter().enumerate() {
                let (r, c) = (r as u32, c as u16);
                if merges.iter().any(|m| m.0 == r && m.1 == c) {
                    continue;
                }
                match cell {
                    Some(t) => match t.parse::<f64>() {
                        Ok(n) => sheet.write_number(r, c, n).unwrap(),
                        Err(_) => sheet.write_string(r, c, *t).unwrap(),
                    },
                    None => continue,
                };
            }
        }
    }
    book.save_to_buffer().unwrap()
}

fn cell(report: &Report, id: &str) -> String {
    let ix = report.format.cell_index(id).unwrap();
    format!("{:?}", report.cells[ix])
}

/// The office's template: a table on a sheet of its own, the caption merged over it, figures as
/// numbers, a blank left blank; no prose anywhere. A draft with the table and a note that the
/// text is to be written.
#[test]
fn a_workbook_of_tables_only_is_a_draft_with_a_note() {
    let bytes = workbook(&[(
        "表二",
        vec![
            vec![Some("第二十条第（一）项"), None, None, None],
            vec![
                Some("信息内容"),
                Some("本年制发件数"),
                Some("本年废止件数"),
                Some("现行有效件数"),
            ],
            vec![Some("规章"), Some("0"), None, Some("0")],
            vec![Some("行政规范性文件"), Some("2"), Some("1"), Some("5")],
        ],
        vec![(0, 0, 0, 3)],
    )]);
    let importer = Importer::builtin(nianbao::model::import::ImportOptions {
        current_year: Some(2026),
    });
    let report = importer.excel(&bytes).unwrap();
    assert_eq!(
        cell(&report, "t2_art20_1.normative_docs.in_force"),
        "Some(Int(5))"
    );
    assert_eq!(
        cell(&report, "t2_art20_1.normative_docs.issued"),
        "Some(Int(2))"
    );
    assert_eq!(cell(&report, "t2_art20_1.rules.issued"), "Some(Int(0))");
    assert_eq!(cell(&report, "t2_art20_1.rules.repealed"), "None");
    assert!(
        report
            .notes
            .iter()
            .any(|n| n.text.contains("只有表格，没有报告的正文")),
        "{:?}",
        report.notes
    );
}

#[test]
fn a_workbook_without_a_report_table_is_refused_clearly() {
    let bytes = workbook(&[(
        "通讯录",
        vec![
            vec![Some("姓名"), Some("电话")],
            vec![Some("张三"), Some("12345")],
        ],
        vec![],
    )]);
    let err = Importer::default().excel(&bytes).unwrap_err();
    assert!(matches!(err, ImportError::Workbook(_)), "{err:?}");
    assert!(
        err.to_string().contains("没有找到年度报告的统计表格"),
        "{err}"
    );
}

#[test]
fn a_web_page_saved_as_xls_is_read_as_the_page() {
    let page = fixture("tests/fixtures/qinghe-2025.html");
    let importer = Importer::default();
    let as_xls = importer.excel(&page).unwrap();
    let as_page = importer
        .bytes(&page, nianbao::model::import::Source::Html)
        .unwrap();
    assert_eq!(as_xls, as_page);
}

#[test]
fn what_is_no_workbook_is_refused_in_chinese() {
    let err = Importer::default().excel(b"hello").unwrap_err();
    assert!(err.to_string().starts_with("不是 Excel 工作簿"), "{err}");
    let mut xlsx = fixture("tests/fixtures/office/qinghe-2025.xlsx");
    xlsx.truncate(xlsx.len() / 2);
    let err = Importer::default().excel(&xlsx).unwrap_err();
    assert!(err.to_string().contains("另存为"), "{err}");
}

/// The 明细 workbook a 汇总 writes (`nianbao sum --matrix`) is refused, saying what it is and what
/// to open; a later 汇总 over the folder that holds it leaves it out.
#[test]
fn our_own_sum_breakdown_is_not_a_report() {
    use nianbao::io;
    let dir = tempfile::tempdir().unwrap();
    let sample =
        std::fs::read(Path::new(env!("CARGO_MANIFEST_DIR")).join("assets/sample/sample-2025.ron"))
            .unwrap();
    std::fs::write(dir.path().join("青禾.ron"), &sample).unwrap();
    let (files, summary) = io::batch::summarize_paths(
        &[dir.path().to_path_buf()],
        &[],
        &nianbao::model::sum::SumOptions::default(),
        &|_, _| {},
    );
    assert_eq!(files.len(), 1);
    let matrix = dir.path().join("明细.xlsx");
    io::matrix::write_matrix(&summary, &matrix).unwrap();
    let err = io::open_any(&matrix).unwrap_err().to_string();
    assert!(err.contains("汇总明细"), "{err}");
    assert!(err.contains("合计草稿"), "{err}");
    assert_eq!(
        io::batch::collect(&[dir.path().to_path_buf()], &[]),
        vec![dir.path().join("青禾.ron")]
    );
}

/// A workbook saved under a Word name (`.docx` or `.doc`, as a clerk renames files) is read as
/// the workbook it is, with a note saying so; a Word document is not taken for one.
#[test]
fn a_workbook_under_a_word_name_is_read_as_a_workbook_with_a_note() {
    let importer = Importer::default();
    for workbook in ["qinghe-2025.xlsx", "qinghe-2025.xls"] {
        let bytes = fixture(&format!("tests/fixtures/office/{workbook}"));
        let as_excel = importer.excel(&bytes).unwrap();
        let as_word = importer.word(&bytes).unwrap();
        assert_eq!(as_word.cells, as_excel.cells, "{workbook}");
        assert_eq!(as_word.prose, as_excel.prose, "{workbook}");
        let first = as_word.notes.first().map(|n| n.text.as_str());
        assert!(
            first.is_some_and(|n| n.contains("内容却是 Excel 工作簿")),
            "{workbook}: {first:?}"
        );
        assert_eq!(as_word.notes.len(), as_excel.notes.len() + 1, "{workbook}");
    }
    let doc = importer
        .word(&fixture("tests/fixtures/docx/qinghe-2025.docx"))
        .unwrap();
    assert!(
        doc.notes.iter().all(|n| !n.text.contains("Excel")),
        "{:#?}",
        doc.notes
    );
}
