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

#[test]
fn x_five_takes_the_aspects_under_a_report_s_own_headings() {
    // 平潭 公安局 2022: the five aspects under its own words (the application in the first
    // block, 规范管理, 公开载体, 强化公开监督).
    let own = "（一）突出重点，落实公开责任。全年累计主动公开公安政府信息179条。我局收到政府信息公开申请1件，作出答复。\n\
               （二）规范管理，完善公开机制。修订完善政府信息公开指南。\n\
               （三）拓宽渠道，健全公开矩阵。完善公开载体，发布户籍管理政策。\n\
               （四）严格审查，强化公开监督。落实保密审查制度。";
    let mut r = sample();
    r.prose.insert("s1".into(), own.into());
    assert!(fired(&check(&r), "X-FIVE").is_empty());
    // 平潭 财政金融局 2021: s1 by topic, no word of the applications or of managing information.
    let by_topic = "（一）突出抓好财政预决算公开。公开了2021年政府预算。\n（二）突出抓好政府采购信息公开。做好采购网的维护工作。";
    r.prose.insert("s1".into(), by_topic.into());
    let findings = check(&r);
    let five = only(&findings, "X-FIVE");
    assert!(five.message.contains("依申请公开"), "{}", five.message);
    assert!(five.message.contains("政府信息管理"), "{}", five.message);
    // 平潭 社会事业局 2023 and 苏平片区 2021: review procedures (审核), the website and
    // 监督检查 under headings of their own.
    let other_blocks = "全年通过政府门户网站回应依申请公开信息1条。主动公开信息数130条。\n                        （一）加强监督检查。严格执行“分级审核、先审后发”程序。\n                        （二）补充完善网站细节。对我局政务网站的相关栏目进行自查整改。";
    r.prose.insert("s1".into(), other_blocks.into());
    assert!(fired(&check(&r), "X-FIVE").is_empty());
}

#[test]
fn x_done_leaves_a_count_of_information_items_alone() {
    // 平潭 经济发展局 2025: the information the bureau made, by how it was released.
    let mut r = sample();
    let s1 = r.prose.get("s1").cloned().unwrap();
    r.prose.insert(
        "s1".into(),
        format!("{s1}\n2025年我局共制发政府信息405条，其中主动公开政府信息140条、依申请公开177条、不予公开88条。"),
    );
    assert!(fired(&check(&r), "X-DONE").is_empty(), "{:#?}", check(&r));
    // 平潭 社会事业局 2023: the same, the figure in its own clause; 条 counts information.
    r.prose.insert(
        "s1".into(),
        format!("{s1}\n全年印发公文类政府信息共514条，其中主动公开信息数130，依申请公开信息数363条，不予公开21条。"),
    );
    assert!(fired(&check(&r), "X-DONE").is_empty(), "{:#?}", check(&r));
    // The applications' own figure is still compared.
    r.prose
        .insert("s1".into(), format!("{s1}\n对申请不予公开88件。"));
    assert_eq!(fired(&check(&r), "X-DONE").len(), 1);
}
