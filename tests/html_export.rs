//! The web-page export: one self-contained page whose tables carry the official spans, read
//! back by nianbao's own web-page importer to the same figures and prose.
#![allow(clippy::unwrap_used, clippy::expect_used)]

mod round_trip;

use nianbao::io::html::export_html;
use nianbao::model::import::Importer;
use round_trip::{assert_round_trip, every_report};

#[test]
fn every_report_exported_as_a_web_page_reads_back_the_same() {
    for (name, report) in every_report() {
        let page = export_html(&report);
        let back = Importer::default()
            .html(&page)
            .unwrap_or_else(|e| panic!("{name}: {e}"));
        assert_round_trip(&name, &report, &back);
        assert!(
            !back.notes.iter().any(|n| n.text.contains("无法对应")),
            "{name}: {:#?}",
            back.notes
        );
    }
}

#[test]
fn the_page_is_self_contained_with_the_official_spans() {
    let report = nianbao::io::sample().unwrap();
    let page = export_html(&report);
    assert!(page.starts_with("<!DOCTYPE html>"));
    assert!(page.contains(r#"<meta charset="utf-8">"#));
    for banned in ["<script", "<link", "src=", "href=", "url(", "@import"] {
        assert!(!page.contains(banned), "{banned}");
    }
    assert!(page.contains("@media print") && page.contains("size: A4"));
    // 表三: the 3×3 corner, 申请人情况 over seven columns, 三、本年度办理结果 over 22 rows.
    assert!(page.contains(r#"<th rowspan="3" colspan="3">（本列数据的勾稽关系为"#));
    assert!(page.contains(r#"<th colspan="7">申请人情况</th>"#));
    assert!(page.contains(r#"<th colspan="5">法人或其他组织</th>"#));
    assert!(page.contains(r#"<td rowspan="22">三、本年度办理结果</td>"#));
    assert!(page.contains(r#"<td rowspan="8">（三）不予公开</td>"#));
    // 表四's three-row header.
    assert!(page.contains(r#"<th colspan="5">行政复议</th><th colspan="10">行政诉讼</th>"#));
    assert!(page.contains(r#"<th rowspan="2">结果维持</th>"#));
    let f = report.format;
    let spans: usize = f
        .tables
        .iter()
        .flat_map(|t| f.printed_grid(t).cells)
        .filter(|c| c.row_span > 1)
        .count();
    assert_eq!(page.matches("rowspan=").count(), spans);
}

#[test]
fn cli_exports_the_web_page() {
    let dir = tempfile::tempdir().unwrap();
    let out = dir.path().join("年报 网页.html");
    let sample =
        std::path::Path::new(env!("CARGO_MANIFEST_DIR")).join("assets/sample/sample-2025.ron");
    let status = std::process::Command::new(env!("CARGO_BIN_EXE_nianbao"))
        .args([std::ffi::OsStr::new("export"), sample.as_os_str()])
        .args([std::ffi::OsStr::new("-o"), out.as_os_str()])
        .status()
        .unwrap();
    assert!(status.success());
    let opened = nianbao::io::open_any(&out).unwrap();
    assert_round_trip("cli", &nianbao::io::sample().unwrap(), &opened.report);
}

/// A cell holding an overlong text (a clerk's note typed into 表三, or a damaged import's
/// garbage) does not make the table page layout: the page reads back with every figure, in
/// the web page as in the Word file.
#[test]
fn an_overlong_entry_in_a_cell_reads_back_with_the_table_whole() {
    let mut report = nianbao::io::sample().unwrap();
    let ix = report
        .format
        .cell_index("t3.partial.corp_commercial")
        .unwrap();
    let note = "情况说明".repeat(100);
    report.cells[ix] = Some(nianbao::model::value::CellValue::Invalid(note));
    let page = export_html(&report);
    let back = Importer::default().html(&page).unwrap();
    assert_round_trip("overlong (web page)", &report, &back);
    let word =
        nianbao::io::docx::export_docx(&report, &nianbao::io::docx::DocxOptions { signoff: false })
            .unwrap();
    let back = Importer::default().word(&word).unwrap();
    assert_round_trip("overlong (Word)", &report, &back);
}
