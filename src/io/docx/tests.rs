#![allow(clippy::unwrap_used, clippy::expect_used)]

use super::*;

#[test]
fn the_sample_exports_the_same_bytes_twice() {
    let report = crate::io::sample().unwrap();
    let a = export_docx(&report, &DocxOptions::default()).unwrap();
    let b = export_docx(&report, &DocxOptions::default()).unwrap();
    assert_eq!(a, b);
    assert!(a.starts_with(b"PK"));
}

#[test]
fn page_geometry_is_gb_t_9704() {
    let mut out = String::new();
    section_properties(&mut out);
    assert!(
        out.contains(r#"<w:pgSz w:w="11906" w:h="16838"/>"#),
        "{out}"
    );
    assert!(
        out.contains(r#"w:top="2098" w:right="1474" w:bottom="1984" w:left="1587""#),
        "{out}"
    );
    assert!(out.contains(r#"w:linePitch="579""#), "{out}");
}

#[test]
fn merges_and_repeated_headers_are_those_of_the_printed_grid() {
    let report = crate::io::sample().unwrap();
    let xml = document(&report, &DocxOptions::default());
    let f = report.format;
    let grids: Vec<_> = f.tables.iter().map(|t| f.printed_grid(t)).collect();
    let count = |needle: &str| xml.matches(needle).count();
    let row_spans: usize = grids
        .iter()
        .flat_map(|g| &g.cells)
        .filter(|c| c.row_span > 1)
        .count();
    let continued: usize = grids
        .iter()
        .flat_map(|g| &g.cells)
        .map(|c| c.row_span.saturating_sub(1))
        .sum();
    let col_spans = grids
        .iter()
        .flat_map(|g| &g.cells)
        .filter(|c| c.col_span > 1)
        .count();
    let header_rows: usize = grids.iter().map(|g| g.header_rows).sum();
    let rows: usize = grids.iter().map(|g| g.rows).sum();
    assert_eq!(count(r#"<w:vMerge w:val="restart"/>"#), row_spans);
    assert_eq!(count("<w:vMerge/>"), continued);
    // A cell spanning columns and rows carries its span in every row it covers.
    assert!(count("<w:gridSpan ") >= col_spans);
    assert_eq!(count("<w:tblHeader/>"), header_rows);
    assert_eq!(count("<w:cantSplit/>"), rows);
    assert!(xml.contains("表") || xml.contains("第二十条第（一）项"));
}
