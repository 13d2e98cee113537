//! Every rule of both formats fires on a minimal failing report and stays quiet on a passing one.
#![allow(clippy::unwrap_used, clippy::expect_used)]

use std::collections::BTreeSet;

use nianbao::model::format::{self, Severity};
use nianbao::model::rollover::next_year;
use nianbao::model::{CellValue, Finding, Report, check, check_with};

mod common;
#[path = "rules/review.rs"]
mod review;
use common::{PROOF_LOG, edit_prose, fired, only, sample, set};

#[test]
fn the_sample_report_passes_every_rule() {
    let findings = check(&sample());
    assert!(findings.is_empty(), "{findings:#?}");
}

#[test]
fn t3_rowsum_flags_a_typed_total_and_keeps_it() {
    let mut r = sample();
    set(&mut r, "t3.new.total", CellValue::Int(24));
    let findings = check(&r);
    let f = only(&findings, "T3-ROWSUM");
    assert_eq!(f.severity, Severity::Error);
    assert_eq!(
        (f.expected.as_deref(), f.actual.as_deref()),
        (Some("25"), Some("24"))
    );
    assert_eq!(f.cells[0], "t3.new.total");
    assert!(f.cells.contains(&"t3.new.natural".to_owned()));
    assert!(
        f.message.contains("总计应为 25（") && f.message.contains("实为 24"),
        "{}",
        f.message
    );
    assert_eq!(
        r.entry(r.format.cell_index("t3.new.total").unwrap()),
        Some(&CellValue::Int(24)),
        "never silently replaced"
    );
}

#[test]
fn t3_results_flags_a_wrong_results_total() {
    let mut r = sample();
    set(&mut r, "t3.results_total.natural", CellValue::Int(18));
    let findings = check(&r);
    let results = fired(&findings, "T3-RESULTS");
    assert_eq!(
        results.len(),
        2,
        "the 自然人 column, and the 总计 column that adds it up: {results:#?}"
    );
    let f = results[0];
    assert_eq!(
        (f.expected.as_deref(), f.actual.as_deref()),
        (Some("19"), Some("18"))
    );
    assert!(f.message.contains("“自然人”列"), "{}", f.message);
}

#[test]
fn t3_bal_is_checked_per_column() {
    let mut r = sample();
    set(&mut r, "t3.carried_out.natural", CellValue::Int(3));
    let findings = check(&r);
    let bal = fired(&findings, "T3-BAL");
    assert_eq!(bal.len(), 2, "natural and total columns: {bal:#?}");
    let natural = bal
        .iter()
        .find(|f| f.message.contains("“自然人”列"))
        .unwrap();
    assert_eq!(
        (natural.expected.as_deref(), natural.actual.as_deref()),
        (Some("20"), Some("22"))
    );
    assert!(
        natural.message.contains("第三项加第四项之和应为 20"),
        "{}",
        natural.message
    );
    assert_eq!(natural.severity, Severity::Error);
}

#[test]
fn t4_sum_flags_each_group() {
    let mut r = sample();
    set(&mut r, "t4.review.total", CellValue::Int(2));
    set(&mut r, "t4.lit_after_review.total", CellValue::Blank);
    let findings = check(&r);
    let t4 = fired(&findings, "T4-SUM");
    assert_eq!(t4.len(), 2);
    assert_eq!(t4[0].cells[0], "t4.review.total");
    assert_eq!(
        (t4[0].expected.as_deref(), t4[0].actual.as_deref()),
        (Some("3"), Some("2"))
    );
    assert_eq!(t4[1].actual.as_deref(), Some("空白"));
}

#[test]
fn nonneg_flags_negative_counts_but_not_2019_deltas() {
    let mut r = sample();
    set(&mut r, "t2_art20_6.penalty.decisions", CellValue::Int(-1));
    let f = only(&check(&r), "NONNEG").clone();
    assert_eq!(f.cells, ["t2_art20_6.penalty.decisions"]);
    assert_eq!(f.severity, Severity::Error);

    let mut old = blank_2020();
    set(
        &mut old,
        "t2_art20_5.licensing.prev_items",
        CellValue::Int(10),
    );
    set(&mut old, "t2_art20_5.licensing.delta", CellValue::Int(-8));
    assert!(fired(&check(&old), "NONNEG").is_empty());
}

#[test]
fn value_flags_text_in_a_number_cell() {
    let mut r = sample();
    set(
        &mut r,
        "t3.new.corp_other",
        CellValue::Invalid("一件".into()),
    );
    let findings = check(&r);
    let f = only(&findings, "VALUE");
    assert_eq!(f.actual.as_deref(), Some("一件"));
    // A sum that depends on unreadable text is not judged (VALUE says what to fix).
    assert!(fired(&findings, "T3-ROWSUM").is_empty());
}

#[test]
fn c7_lists_blank_and_slash_cells_per_table() {
    let mut r = sample();
    r.set_by_id("t3.new.natural", None);
    set(&mut r, "t4.review.other", CellValue::NotApplicable);
    let findings = check(&r);
    let c7 = fired(&findings, "C7");
    assert_eq!(c7.len(), 2);
    assert!(c7.iter().all(|f| f.severity == Severity::Warning));
    assert_eq!(c7[0].cells, ["t3.new.natural"]);
    assert_eq!(c7[1].cells, ["t4.review.other"]);
    assert!(
        c7[0].message.contains("表三有 1 个单元格"),
        "{}",
        c7[0].message
    );
}

#[test]
fn y_format_needs_the_format_of_the_year() {
    let mut r = sample();
    r.meta.year = 2020;
    let f = only(&check(&r), "Y-FORMAT").clone();
    assert_eq!(f.severity, Severity::Error);
    assert!(f.message.contains("2019年版"), "{}", f.message);
    let mut old = blank_2020();
    assert!(fired(&check(&old), "Y-FORMAT").is_empty());
    old.meta.year = 2021;
    assert_eq!(fired(&check(&old), "Y-FORMAT").len(), 1);
}

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
fn t2_inforce_lb_flags_an_impossible_stock() {
    let mut r = sample();
    set(
        &mut r,
        "t2_art20_1.normative_docs.in_force",
        CellValue::Int(0),
    );
    let f = only(&check(&r), "T2-INFORCE-LB").clone();
    assert_eq!(
        (f.expected.as_deref(), f.actual.as_deref()),
        (Some("1"), Some("0"))
    );
}

#[test]
fn next_year_carries_over_and_the_y_rules_read_last_year() {
    let last = sample();
    let mut next = next_year(&last);
    assert_eq!(next.meta.year, 2026);
    assert_eq!(next.format.id, "gb2021");
    assert_eq!(
        next.meta.title,
        "示例市云溪区青禾街道办事处2026年政府信息公开工作年度报告"
    );
    assert!(
        next.meta
            .preamble
            .contains("自2026年1月1日起至2026年12月31日止")
    );
    assert_eq!(next.meta.signature_date, None);
    let get = |r: &Report, id: &str| r.entry(r.format.cell_index(id).unwrap()).cloned();
    assert_eq!(get(&next, "t3.carried_in.natural"), Some(CellValue::Int(1)));
    assert_eq!(
        get(&next, "t3.carried_in.corp_commercial"),
        Some(CellValue::Int(1))
    );
    assert_eq!(
        get(&next, "t3.carried_in.corp_research"),
        Some(CellValue::Int(0))
    );
    assert_eq!(
        get(&next, "t3.new.natural"),
        None,
        "this year's counts are cleared"
    );
    assert_eq!(get(&next, "t2_art20_1.normative_docs.in_force"), None);
    assert_eq!(next.prose, last.prose, "prose kept");
    let previous = next.previous.as_ref().unwrap();
    assert_eq!(previous.year, 2025);
    assert_eq!(
        previous.cells.get("t3.carried_out.total"),
        Some(&CellValue::Int(2)),
        "computed totals kept"
    );

    let findings = check(&next);
    assert!(fired(&findings, "Y-CARRY").is_empty());
    let nocopy = fired(&findings, "Y-NOCOPY");
    assert_eq!(
        nocopy
            .iter()
            .map(|f| f.section.clone().unwrap())
            .collect::<Vec<_>>(),
        ["s1", "s5", "s6"]
    );
    next.prose.insert(
        "s5".into(),
        "本年度新写的问题和改进措施，与上年不同。".into(),
    );
    assert_eq!(fired(&check(&next), "Y-NOCOPY").len(), 2);

    // Y-CARRY: a carried-in figure that does not match last year's 结转.
    set(&mut next, "t3.carried_in.natural", CellValue::Int(4));
    let findings = check(&next);
    let carry = fired(&findings, "Y-CARRY");
    assert_eq!(carry.len(), 2, "natural and total: {carry:#?}");
    assert_eq!(
        (carry[0].expected.as_deref(), carry[0].actual.as_deref()),
        (Some("1"), Some("4"))
    );
    assert_eq!(carry[0].severity, Severity::Warning);

    // Y-INFORCE and T2-REPEAL-CAP read last year's 现行有效件数 (9).
    set(
        &mut next,
        "t2_art20_1.normative_docs.issued",
        CellValue::Int(1),
    );
    set(
        &mut next,
        "t2_art20_1.normative_docs.repealed",
        CellValue::Int(0),
    );
    set(
        &mut next,
        "t2_art20_1.normative_docs.in_force",
        CellValue::Int(9),
    );
    let findings = check(&next);
    let f = fired(&findings, "Y-INFORCE");
    assert_eq!(f.len(), 1);
    assert_eq!(
        (f[0].expected.as_deref(), f[0].actual.as_deref()),
        (Some("10"), Some("9"))
    );
    assert!(fired(&findings, "T2-REPEAL-CAP").is_empty());
    set(
        &mut next,
        "t2_art20_1.normative_docs.repealed",
        CellValue::Int(11),
    );
    assert_eq!(fired(&check(&next), "T2-REPEAL-CAP").len(), 1);

    // Without last year's data the cross-year rules stay quiet.
    let alone = check_with(&next, None);
    assert!(
        alone
            .iter()
            .all(|f| !f.rule.starts_with("Y-") && f.rule != "T2-REPEAL-CAP"),
        "{alone:#?}"
    );
}

fn blank_2020() -> Report {
    let f = format::by_id("gb2019").unwrap();
    let mut r = Report::new(f, 2020);
    for ix in 0..f.cells.len() {
        if !f.cells[ix].derived {
            r.set(ix, Some(CellValue::Int(0)));
        }
    }
    set(
        &mut r,
        "t2_art20_9.central_procurement.amount",
        CellValue::Money("0".parse().unwrap()),
    );
    r.prose.insert(
        "s5".into(),
        "存在的问题是公开内容更新不及时，下一步将加强栏目维护。".into(),
    );
    r
}

#[test]
fn gb2019_rules_fire_and_stay_quiet() {
    let mut r = blank_2020();
    assert!(check(&r).is_empty(), "{:#?}", check(&r));
    set(
        &mut r,
        "t2_art20_1.normative_docs.published",
        CellValue::Int(5),
    );
    set(
        &mut r,
        "t2_art20_1.normative_docs.total_published",
        CellValue::Int(3),
    );
    set(&mut r, "t2_art20_6.penalty.prev_items", CellValue::Int(2));
    set(&mut r, "t2_art20_6.penalty.delta", CellValue::Int(-3));
    let findings = check(&r);
    let pub_ = only(&findings, "T2-TOTALPUB");
    assert_eq!(
        (pub_.expected.as_deref(), pub_.actual.as_deref()),
        (Some("5"), Some("3"))
    );
    assert_eq!(
        only(&findings, "T2-PREV-NONNEG").actual.as_deref(),
        Some("-1")
    );

    // Y-PREV: next year's 上一年项目数量 = last year's 上一年项目数量 + 本年增/减.
    let mut last = blank_2020();
    last.meta.year = 2019;
    set(
        &mut last,
        "t2_art20_5.licensing.prev_items",
        CellValue::Int(40),
    );
    set(&mut last, "t2_art20_5.licensing.delta", CellValue::Int(-8));
    let mut next = next_year(&last);
    assert_eq!(next.format.id, "gb2019");
    assert_eq!(
        next.entry(
            next.format
                .cell_index("t2_art20_5.licensing.prev_items")
                .unwrap()
        ),
        Some(&CellValue::Int(32))
    );
    assert!(fired(&check(&next), "Y-PREV").is_empty());
    set(
        &mut next,
        "t2_art20_5.licensing.prev_items",
        CellValue::Int(40),
    );
    let findings = check(&next);
    let f = fired(&findings, "Y-PREV");
    assert_eq!(
        (f[0].expected.as_deref(), f[0].actual.as_deref()),
        (Some("32"), Some("40"))
    );
}

#[test]
fn a_2020_draft_rolls_over_into_the_2021_format_with_notes() {
    let mut last = blank_2020();
    set(
        &mut last,
        "t2_art20_9.central_procurement.projects",
        CellValue::Int(40),
    );
    set(
        &mut last,
        "t2_art20_9.central_procurement.amount",
        CellValue::Money("1621624.23".parse().unwrap()),
    );
    set(
        &mut last,
        "t2_art20_1.normative_docs.made",
        CellValue::Int(60),
    );
    set(&mut last, "t3.other_processing.natural", CellValue::Int(2));
    set(&mut last, "t3.new.natural", CellValue::Int(2));
    set(&mut last, "t3.carried_out.natural", CellValue::Int(0));
    set(&mut last, "t3.carried_in.natural", CellValue::Int(1));
    set(&mut last, "t3.carried_out.natural", CellValue::Int(1));
    last.prose.insert("s6".into(), "无。".into());
    let next = next_year(&last);
    assert_eq!((next.meta.year, next.format.id.as_str()), (2021, "gb2021"));
    let texts: Vec<&str> = next.notes.iter().map(|n| n.text.as_str()).collect();
    let has = |needle: &str| texts.iter().any(|t| t.contains(needle));
    assert!(
        has("1621624.23"),
        "dropped 政府集中采购 amount is archived in a note: {texts:#?}"
    );
    assert!(has("采购项目数量") && has("40"));
    assert!(has("本年新制作数量"), "flagged mapping: {texts:#?}");
    assert!(has("（六）其他处理"), "{texts:#?}");
    assert!(has("本年废止件数") && has("本年收费金额"));
    assert!(
        next.notes
            .iter()
            .any(|n| n.section.as_deref() == Some("s6"))
    );
    let carried = next.entry(next.format.cell_index("t3.carried_in.natural").unwrap());
    assert_eq!(carried, Some(&CellValue::Int(1)));
    let findings = check(&next);
    assert!(fired(&findings, "Y-CARRY").is_empty());
    assert!(
        fired(&findings, "Y-INFORCE").is_empty(),
        "2019 format has no 现行有效件数 to chain from"
    );
    assert!(fired(&findings, "Y-FORMAT").is_empty());
}

#[test]
fn migrate_moves_flags_and_drops_with_notes() {
    let mut r = blank_2020();
    set(&mut r, "t2_art20_1.rules.made", CellValue::Int(2));
    set(&mut r, "t3.other_processing.natural", CellValue::Int(3));
    set(
        &mut r,
        "t2_art20_9.central_procurement.projects",
        CellValue::Int(40),
    );
    r.meta.year = 2021;
    let to = format::by_id("gb2021").unwrap();
    let m = nianbao::model::rollover::migrate(&r, to);
    let get = |id: &str| m.entry(to.cell_index(id).unwrap()).cloned();
    assert_eq!(get("t2_art20_1.rules.issued"), Some(CellValue::Int(2)));
    assert_eq!(get("t3.other_misc.natural"), Some(CellValue::Int(3)));
    assert_eq!(get("t3.other_no_fee.natural"), None);
    assert_eq!(
        get("t2_art20_1.rules.in_force"),
        None,
        "对外公开总数量 is not copied to 现行有效件数"
    );
    assert!(
        m.notes
            .iter()
            .any(|n| n.cell.as_deref() == Some("t2_art20_1.rules.issued"))
    );
    assert!(
        m.notes
            .iter()
            .any(|n| n.cell.as_deref() == Some("t3.other_misc.natural"))
    );
    assert!(
        m.notes
            .iter()
            .any(|n| n.text.contains("采购项目数量") && n.text.contains("40"))
    );
    assert!(fired(&check(&m), "Y-FORMAT").is_empty());
}

/// Keeps this file honest: every rule of every built-in format is seen firing by a test above.
///
/// Coverage is taken from the tests themselves, not from a list: this test runs the other tests
/// of this binary again (this file and `rules/review.rs`, itself skipped) with [`PROOF_LOG`] set, and [`fired`]
/// (also behind [`only`]) writes down every rule it sees firing. A rule added to a format file
/// without a test here that makes it fire fails this test.
#[test]
fn every_rule_id_is_covered_by_a_test() {
    const THIS_TEST: &str = "every_rule_id_is_covered_by_a_test";
    if std::env::var_os(PROOF_LOG).is_some() {
        return; // the inner run
    }
    let dir = tempfile::tempdir().unwrap();
    let log = dir.path().join("proven.txt");
    let run = std::process::Command::new(std::env::current_exe().unwrap())
        .args(["--skip", THIS_TEST, "--quiet"])
        .env(PROOF_LOG, &log)
        .output()
        .unwrap();
    let text = std::fs::read_to_string(&log).unwrap_or_default();
    let proven: BTreeSet<&str> = text.lines().collect();
    let mut untested = Vec::new();
    for f in format::builtin() {
        for rule in &f.rules {
            if !proven.contains(rule.id.as_str()) {
                untested.push(format!("{}: {}", f.id, rule.id));
            }
        }
    }
    assert!(
        untested.is_empty(),
        "no test in tests/rules.rs or tests/rules/review.rs makes these rules fire (assert them with `only` or `fired`): \
         {untested:?}\ninner run: {}\n{}",
        run.status,
        String::from_utf8_lossy(&run.stdout)
    );
}
