//! Unit tests of the import pipeline on small inputs; the fixtures are in `tests/import.rs`.

use super::*;
use crate::model::value::CellValue;

fn cell(report: &Report, id: &str) -> Option<CellValue> {
    let ix = report.format.cell_index(id).unwrap();
    report.entry(ix).cloned()
}

#[test]
fn not_a_report() {
    assert!(matches!(
        Importer::default().text(" \n\t"),
        Err(ImportError::Empty)
    ));
    assert!(matches!(
        Importer::default().text("今天天气很好。\n明天也很好。"),
        Err(ImportError::NotAReport)
    ));
    assert!(matches!(
        Importer::default().text("会议记录\n一、总体情况\n今天开会。\n一、总体情况"),
        Err(ImportError::NotAReport)
    ));
    assert!(
        Importer::default()
            .text("一、总体情况\n正文。\n五、存在问题及改进情况\n正文。")
            .is_ok()
    );
}

#[test]
fn bar_rows_of_a_2021_report() {
    let text = "某街道办事处2022年政府信息公开工作年度报告\n一、总体情况\n正文。\n二、主动公开政府信息情况\n\
| 第二十条第（一）项 |\n| 信息内容 | 本年制发件数 | 本年废止件数 | 现行有效件数 |\n| 规章 | 0 | 0 | 0 |\n\
| 行政规范性文件 | 2 | 1 | 9 |\n";
    let r = Importer::default().text(text).unwrap();
    assert_eq!(r.format.id, "gb2021");
    assert_eq!(r.meta.year, 2022);
    assert_eq!(r.meta.agency, "某街道办事处");
    assert_eq!(
        cell(&r, "t2_art20_1.normative_docs.in_force"),
        Some(CellValue::Int(9))
    );
    assert_eq!(r.prose("s1"), "正文。");
}

#[test]
fn missing_and_surplus_cells_are_noted_never_guessed() {
    let text = "某局2022年政府信息公开工作年度报告\n一、总体情况\n正文。\n二、主动公开政府信息情况\n\
| 第二十条第（一）项 |\n| 规章 | 1 | 2 |\n| 行政规范性文件 | 3 | 4 | 5 | 6 |\n";
    let r = Importer::default().text(text).unwrap();
    assert_eq!(r.format.id, "gb2021");
    assert_eq!(cell(&r, "t2_art20_1.rules.issued"), Some(CellValue::Int(1)));
    assert_eq!(
        cell(&r, "t2_art20_1.rules.repealed"),
        Some(CellValue::Int(2))
    );
    assert_eq!(cell(&r, "t2_art20_1.rules.in_force"), None);
    assert_eq!(
        cell(&r, "t2_art20_1.normative_docs.in_force"),
        Some(CellValue::Int(5))
    );
    let notes: Vec<&str> = r.notes.iter().map(|n| n.text.as_str()).collect();
    let has = |words: &[&str]| notes.iter().any(|n| words.iter().all(|w| n.contains(w)));
    assert!(has(&["规章", "只找到 2 个数据", "应有 3 个"]), "{notes:#?}");
    assert!(
        has(&["行政规范性文件", "多出 1 个单元格（6）"]),
        "{notes:#?}"
    );
    assert!(has(&["没有找到表三"]), "{notes:#?}");
    assert!(has(&["没有找到第三部分"]), "{notes:#?}");
    assert!(has(&["落款"]), "{notes:#?}");
}

#[test]
fn a_label_split_over_two_cells_is_joined() {
    let text = "某局2022年政府信息公开工作年度报告\n一、总体情况\n\t第二十条第（一）项\n\n\t行政规范\n\t性文件\n\t3\n\t1\n\t9\n";
    let r = Importer::default().text(text).unwrap();
    assert_eq!(
        cell(&r, "t2_art20_1.normative_docs.issued"),
        Some(CellValue::Int(3))
    );
    assert_eq!(
        cell(&r, "t2_art20_1.normative_docs.in_force"),
        Some(CellValue::Int(9))
    );
}

#[test]
fn a_year_outside_the_title_and_a_format_from_the_year() {
    let text = "某街道政府信息公开工作年度报告\n本报告中所列数据的统计期限自2023年1月1日起至2023年12月31日止。\n一、总体情况\n正文。\n五、存在的主要问题及改进情况\n无。\n";
    let r = Importer::default().text(text).unwrap();
    assert_eq!(r.meta.year, 2023);
    assert_eq!(r.format.id, "gb2021");
    assert_eq!(r.meta.agency, "某街道");
    assert!(r.notes.iter().any(|n| n.text.contains("标题中没有年度")));
    assert!(r.notes.iter().any(|n| n.text.contains("按年度采用")));
}

#[test]
fn a_subtotal_column_the_format_does_not_have_is_left_out() {
    let text = "某局2022年政府信息公开工作年度报告\n一、总体情况\n正文。\n三、收到和处理政府信息公开申请情况\n\
| （本列数据的勾稽关系为：第一项加第二项之和，等于第三项加第四项之和） | | | 申请人情况 | | | | | | | |\n\
| | | | 自然人 | 法人或其他组织 | | | | | | 总计 |\n\
| | | | | 商业企业 | 科研机构 | 社会公益组织 | 法律服务机构 | 其他 | 小计 | |\n\
| 一、本年新收政府信息公开申请数量 | | | 5 | 1 | 0 | 0 | 0 | 1 | 2 | 7 |\n\
| 四、结转下年度继续办理 | | | 0 | 0 | 0 | 0 | 0 | 0 | 0 | 0 |\n";
    let r = Importer::default().text(text).unwrap();
    assert_eq!(cell(&r, "t3.new.natural"), Some(CellValue::Int(5)));
    assert_eq!(cell(&r, "t3.new.corp_other"), Some(CellValue::Int(1)));
    assert_eq!(cell(&r, "t3.new.total"), Some(CellValue::Int(7)));
    assert_eq!(cell(&r, "t3.carried_out.total"), Some(CellValue::Int(0)));
    assert!(
        r.notes
            .iter()
            .any(|n| n.text.contains("小计") && n.text.contains("不导入")),
        "{:#?}",
        r.notes
    );
    assert!(
        !r.notes.iter().any(|n| n.text.contains("多出")),
        "{:#?}",
        r.notes
    );
}
