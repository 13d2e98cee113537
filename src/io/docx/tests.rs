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

/// The schema order of the children of the property elements this writer uses (ECMA-376
/// CT_PPrBase, CT_RPr, CT_TcPr, CT_TblPr, CT_SectPr, CT_Settings): Word refuses a file whose
/// properties are out of order.
const ORDERS: [(&str, &[&str]); 6] = [
    (
        "pPr",
        &[
            "pStyle",
            "keepNext",
            "keepLines",
            "pageBreakBefore",
            "widowControl",
            "numPr",
            "tabs",
            "autoSpaceDE",
            "autoSpaceDN",
            "snapToGrid",
            "spacing",
            "ind",
            "jc",
            "outlineLvl",
            "rPr",
        ],
    ),
    (
        "rPr",
        &[
            "rFonts", "b", "bCs", "spacing", "kern", "sz", "szCs", "lang",
        ],
    ),
    ("tcPr", &["tcW", "gridSpan", "vMerge", "vAlign"]),
    (
        "tblPr",
        &[
            "tblW",
            "jc",
            "tblInd",
            "tblBorders",
            "tblLayout",
            "tblCellMar",
            "tblLook",
        ],
    ),
    (
        "sectPr",
        &["footerReference", "pgSz", "pgMar", "cols", "docGrid"],
    ),
    (
        "settings",
        &[
            "zoom",
            "defaultTabStop",
            "evenAndOddHeaders",
            "characterSpacingControl",
            "compat",
            "themeFontLang",
        ],
    ),
];

/// Every ordering problem in `xml`: a child out of order, or one the list does not know.
fn order_problems(xml: &str) -> Vec<String> {
    use quick_xml::events::Event;
    let mut reader = quick_xml::Reader::from_str(xml);
    let mut stack: Vec<(String, usize)> = Vec::new();
    let mut problems = Vec::new();
    loop {
        let (name, empty) = match reader.read_event().unwrap() {
            Event::Eof => break,
            Event::Start(e) => (
                String::from_utf8_lossy(e.local_name().as_ref()).into_owned(),
                false,
            ),
            Event::Empty(e) => (
                String::from_utf8_lossy(e.local_name().as_ref()).into_owned(),
                true,
            ),
            Event::End(_) => {
                stack.pop();
                continue;
            }
            _ => continue,
        };
        if let Some((parent, last)) = stack.last_mut()
            && let Some((_, order)) = ORDERS.iter().find(|(p, _)| p == parent)
        {
            match order.iter().position(|n| *n == name) {
                Some(at) if at >= *last => *last = at,
                Some(_) => problems.push(format!("{parent}: {name} out of order")),
                None => problems.push(format!("{parent}: {name} not in the list")),
            }
        }
        if !empty {
            stack.push((name, 0));
        }
    }
    problems
}

#[test]
fn every_property_element_is_in_schema_order() {
    let report = crate::io::sample().unwrap();
    let options = DocxOptions { signoff: true };
    for xml in [
        document(&report, &options),
        parts::styles(),
        parts::footer(true),
        parts::footer(false),
        parts::SETTINGS.to_owned(),
    ] {
        assert_eq!(order_problems(&xml), Vec::<String>::new());
    }
    assert_eq!(
        order_problems(r#"<w:p><w:pPr><w:jc/><w:ind/></w:pPr></w:p>"#),
        ["pPr: ind out of order"]
    );
}

#[test]
fn a_wrapping_header_breaks_between_two_character_words_and_a_group_ordinal_has_its_line() {
    // 表三's value columns hold three characters of 五号: "商业企业" would wrap "商业企/业".
    let three = twips(3.4 * table::SIZE) + 80;
    let ind = table::pair_indent("商业企业", three);
    let side: i64 = ind
        .split('"')
        .nth(1)
        .and_then(|v| v.parse().ok())
        .unwrap_or_else(|| panic!("{ind}"));
    let room = three - 80 - 2 * side;
    let em = twips(table::SIZE);
    assert!(room >= 2 * em && room < 3 * em, "{ind}");
    // A label that fits, an odd one, a sentence, or a line already even: left alone.
    assert_eq!(table::pair_indent("其他", three), "");
    assert_eq!(table::pair_indent("自然人", three), "");
    assert_eq!(table::pair_indent("（本列数据）", three), "");
    assert_eq!(
        table::pair_indent("社会公益组织", twips(4.4 * table::SIZE) + 80),
        ""
    );
    let xml = document(&crate::io::sample().unwrap(), &DocxOptions::default());
    assert!(
        xml.contains("（三）</w:t><w:br/>"),
        "the ordinal over 不予公开"
    );
    let before = xml.split(">商业企业<").next().unwrap();
    let props = before.rsplit("<w:pPr>").next().unwrap();
    assert!(props.contains("<w:ind w:left="), "{props}");
}

/// Issue 21: the Word prose printed through LibreOffice had 27 characters a line (16 pt glyphs in
/// a 442 pt line) where GB/T 9704 and the PDF have 28, and lost a justified line's last comma.
/// Condensed by `body_condense_twips`, 28 characters of 三号 fit the text block and 29 do not.
#[test]
fn twenty_eight_characters_of_body_text_fill_a_line() {
    let styles = parts::styles();
    let body = styles
        .split(r#"<w:style w:type="paragraph" w:styleId="BodyIndent">"#)
        .nth(1)
        .and_then(|s| s.split("</w:style>").next())
        .unwrap();
    let condense: i64 = body
        .split(r#"<w:spacing w:val=""#)
        .nth(1)
        .and_then(|v| v.split('"').next())
        .unwrap()
        .parse()
        .unwrap();
    let pitch = i64::from(BODY_HALF_POINTS) * 10 + condense;
    let line = twips(TEXT_W);
    assert!(28 * pitch <= line, "{condense}: {} > {line}", 28 * pitch);
    assert!(29 * pitch > line, "{condense}: {} <= {line}", 29 * pitch);
    // The headings are based on the body style, so they are condensed alike.
    assert!(styles.contains(
        r#"w:styleId="Heading1"><w:name w:val="heading 1"/><w:basedOn w:val="BodyIndent"/>"#
    ));
}
