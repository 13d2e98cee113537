//! Unit tests of the import pipeline on small inputs; the fixtures are in `tests/import.rs`.

use super::*;
use crate::model::value::CellValue;

fn cell(report: &Report, id: &str) -> Option<CellValue> {
    let ix = report.format.cell_index(id).unwrap();
    report.entry(ix).cloned()
}

#[test]
fn not_a_report() {
    assert!(matches!(import_text(" \n\t"), Err(ImportError::Empty)));
    assert!(matches!(
        import_text("今天天气很好。\n明天也很好。"),
        Err(ImportError::NotAReport)
    ));
}

#[test]
fn bar_rows_of_a_2021_report() {
    let text = "某街道办事处2022年政府信息公开工作年度报告\n一、总体情况\n正文。\n二、主动公开政府信息情况\n\
| 第二十条第（一）项 |\n| 信息内容 | 本年制发件数 | 本年废止件数 | 现行有效件数 |\n| 规章 | 0 | 0 | 0 |\n\
| 行政规范性文件 | 2 | 1 | 9 |\n";
    let r = import_text(text).unwrap();
    assert_eq!(r.format.id, "gb2021");
    assert_eq!(r.meta.year, 2022);
    assert_eq!(r.meta.agency, "某街道办事处");
    assert_eq!(
        cell(&r, "t2_art20_1.normative_docs.in_force"),
        Some(CellValue::Int(9))
    );
    assert_eq!(r.prose("s1"), "正文。");
}
