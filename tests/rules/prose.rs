//! The prose rules against the sample: figures in the prose against the tables, "均为0" against
//! table 四, the sections that must say something.

use nianbao::model::format::Severity;
use nianbao::model::{Finding, check};

use crate::common::{edit_prose, fired, only, sample};

#[test]
fn x_rules_compare_prose_figures_with_the_tables() {
    let cases = [
        (
            "s1",
            "全年新收政府信息公开申请25件",
            "全年新收政府信息公开申请24件",
            "X-NEW",
            "t3.new.total",
            "25",
            "24",
        ),
        (
            "s1",
            "上年结转3件",
            "上年结转4件",
            "X-CARRIED",
            "t3.carried_in.total",
            "3",
            "4",
        ),
        (
            "s1",
            "结转下年度继续办理2件",
            "结转下年度继续办理5件",
            "X-CARRIED",
            "t3.carried_out.total",
            "2",
            "5",
        ),
        (
            "s1",
            "办结政府信息公开申请26件",
            "办结政府信息公开申请27件",
            "X-DONE",
            "t3.results_total.total",
            "26",
            "27",
        ),
        (
            "s1",
            "予以公开11件",
            "予以公开12件",
            "X-DONE",
            "t3.disclosed.total",
            "11",
            "12",
        ),
        (
            "s1",
            "无法提供6件",
            "无法提供7件",
            "X-DONE",
            "t3.unable_not_held.total",
            "6",
            "7",
        ),
        (
            "s1",
            "行政复议3件",
            "行政复议4件",
            "X-REVIEW",
            "t4.review.total",
            "3",
            "4",
        ),
        (
            "s1",
            "行政诉讼3件",
            "行政诉讼1件",
            "X-REVIEW",
            "t4.lit_direct.total",
            "3",
            "1",
        ),
        (
            "s1",
            "制发行政规范性文件2件",
            "制发行政规范性文件3件",
            "X-DOCS",
            "t2_art20_1.normative_docs.issued",
            "2",
            "3",
        ),
        (
            "s1",
            "现行有效行政规范性文件9件",
            "现行有效行政规范性文件8件",
            "X-DOCS",
            "t2_art20_1.normative_docs.in_force",
            "9",
            "8",
        ),
    ];
    for (section, from, to, rule, cell, expected, actual) in cases {
        let mut r = sample();
        edit_prose(&mut r, section, from, to);
        let findings = check(&r);
        let f = only(&findings, rule);
        assert_eq!(f.severity, Severity::Warning, "{rule}");
        assert!(f.cells.contains(&cell.to_owned()), "{rule}: {:?}", f.cells);
        assert_eq!(
            (f.expected.as_deref(), f.actual.as_deref()),
            (Some(expected), Some(actual)),
            "{rule} {to}"
        );
        assert_eq!(f.section.as_deref(), Some(section));
        assert!(f.message.contains(to), "{}", f.message);
    }
}

#[test]
fn x_review_catches_prose_that_says_zero() {
    let mut r = sample();
    edit_prose(
        &mut r,
        "s1",
        "本年度发生政府信息公开行政复议3件、行政诉讼3件",
        "本年度行政复议、行政诉讼均为0",
    );
    let findings = check(&r);
    let zero: Vec<&Finding> = fired(&findings, "X-REVIEW")
        .into_iter()
        .filter(|f| f.message.contains("为零"))
        .collect();
    assert_eq!(zero.len(), 2, "{findings:#?}");
    assert!(zero[0].cells.contains(&"t4.review.upheld".to_owned()));
    assert_eq!(zero[0].actual.as_deref(), Some("3"));
    assert!(zero[1].cells.contains(&"t4.lit_direct.pending".to_owned()));
}

#[test]
fn x_review_reads_a_zero_as_its_own_items_only() {
    let mut r = sample();
    edit_prose(
        &mut r,
        "s1",
        "本年度发生政府信息公开行政复议3件、行政诉讼3件",
        "本年度行政复议0件、行政诉讼3件",
    );
    let findings = check(&r);
    let zero: Vec<&Finding> = fired(&findings, "X-REVIEW")
        .into_iter()
        .filter(|f| f.message.contains("为零"))
        .collect();
    // 行政复议 is said to be zero (the table has 3); 行政诉讼 has its own figure, 3.
    assert_eq!(zero.len(), 1, "{zero:#?}");
    assert!(
        zero[0].message.contains("说行政复议为零"),
        "{}",
        zero[0].message
    );
}

#[test]
fn x_fee6_x_five_and_x_s5_need_content() {
    let mut r = sample();
    edit_prose(
        &mut r,
        "s6",
        "依据《政府信息公开信息处理费管理办法》收取信息处理费的情况\n本年度未收取信息处理费。",
        "工作要点",
    );
    edit_prose(&mut r, "s1", "（五）监督保障", "（五）其他");
    r.prose.insert("s5".into(), "无。".into());
    let findings = check(&r);
    assert_eq!(only(&findings, "X-FEE6").section.as_deref(), Some("s6"));
    assert!(only(&findings, "X-FIVE").message.contains("监督保障"));
    assert_eq!(only(&findings, "X-S5").section.as_deref(), Some("s5"));
    assert_eq!(findings.len(), 3, "{findings:#?}");
}
