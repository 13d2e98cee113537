//! Blank is never 0: rules that read cells say nothing where a side is all blank, and a total
//! left blank beside figures is named as blank, with the sum of what the table does say.

use nianbao::model::format;
use nianbao::model::rollover::next_year;
use nianbao::model::{CellValue, Finding, check};

use crate::common::{edit_prose, fired, only, sample, set};

/// No table rule's message reads a blank as 0: neither "应为 0" nor "实为 0" (the cases here
/// have no cell whose figure is 0 on the side compared).
fn assert_no_blank_as_zero(findings: &[Finding]) {
    for f in findings {
        assert!(
            !f.message.contains("应为 0") && !f.message.contains("实为 0"),
            "{f:#?}"
        );
    }
}

#[test]
fn a_blank_total_beside_figures_is_named_blank_once_with_the_sum() {
    // A published 表三 whose （七）总计 cell of the 总计 column was left empty.
    let mut r = sample();
    set(&mut r, "t3.results_total.total", CellValue::Blank);
    let findings = check(&r);
    assert_no_blank_as_zero(&findings);
    let f = only(&findings, "T3-ROWSUM");
    assert_eq!(f.message, "表三“（七）总计”行：总计栏空白，各栏之和为 26");
    assert_eq!(
        (f.expected.as_deref(), f.actual.as_deref()),
        (Some("26"), Some("空白"))
    );
    assert_eq!(
        f.value_for("t3.results_total.total"),
        Some("26"),
        "the number to type"
    );
    assert_eq!(
        f.needs.len(),
        1,
        "no part fills a blank total: {:#?}",
        f.needs
    );
    // The same blank is not reported again by the column rule, and the balance reads the
    // table's own figures (its parts' sum), so it holds.
    assert!(fired(&findings, "T3-RESULTS").is_empty(), "{findings:#?}");
    assert!(fired(&findings, "T3-BAL").is_empty(), "{findings:#?}");
    assert_eq!(only(&findings, "C7").cells, ["t3.results_total.total"]);
}

#[test]
fn a_total_beside_blank_parts_is_not_compared_with_0() {
    // The "（七）总计应为 0，实为 805": a column whose results rows are all blank
    // beside a printed （七）总计.
    let mut r = sample();
    let f = r.format;
    let t3 = f.table("t3").unwrap();
    let natural = t3.column_index("natural").unwrap();
    for (ri, row) in t3.rows.iter().enumerate() {
        let ix = t3.cell(ri, natural);
        if row.id == "results_total" {
            r.set(ix, Some(CellValue::Int(19)));
        } else if row.groups.iter().any(|&g| t3.groups[g].id == "results") {
            r.set(ix, None);
        }
    }
    let findings = check(&r);
    assert_no_blank_as_zero(&findings);
    assert!(
        !fired(&findings, "T3-RESULTS")
            .iter()
            .any(|f| f.message.contains("“自然人”列")),
        "{findings:#?}"
    );
    // A side of a balance that is all blank states nothing: no "第三项加第四项之和应为 …，实为 0".
    let mut r = sample();
    for (ri, row) in t3.rows.iter().enumerate() {
        let results = row.groups.iter().any(|&g| t3.groups[g].id == "results");
        if (results && row.id != "results_total") || row.id == "carried_out" {
            r.set(t3.cell(ri, natural), None);
        }
    }
    let findings = check(&r);
    assert_no_blank_as_zero(&findings);
    assert!(
        !fired(&findings, "T3-BAL")
            .iter()
            .any(|f| f.message.contains("“自然人”列")),
        "{findings:#?}"
    );
}

#[test]
fn prose_is_compared_with_what_the_table_says() {
    // "不予公开2件" against a 表三 whose （三） rows have figures but blank 总计 cells: the
    // table says 2 (the parts' sum), so the prose agrees.
    let mut r = sample();
    let f = r.format;
    for (ix, info) in f.cells.iter().enumerate() {
        if info.id.starts_with("t3.withheld_") && info.id.ends_with(".total") {
            r.set(ix, Some(CellValue::Blank));
        }
    }
    let findings = check(&r);
    assert!(fired(&findings, "X-DONE").is_empty(), "{findings:#?}");
    assert_no_blank_as_zero(&findings);
    // The rows left blank throughout: the table says nothing to compare "不予公开2件" with
    // (办结 26 now disagrees with the 24 the table states: that one is true).
    for (ix, info) in f.cells.iter().enumerate() {
        if info.id.starts_with("t3.withheld_") && !info.id.ends_with(".total") {
            r.set(ix, None);
        }
    }
    let findings = check(&r);
    let done = fired(&findings, "X-DONE");
    assert!(
        done.iter().all(|f| f.cells == ["t3.results_total.total"]),
        "{findings:#?}"
    );
    // A figure that differs from the parts' sum is still a warning, with the parts' sum.
    let mut r = sample();
    set(&mut r, "t3.withheld_third_party.total", CellValue::Blank);
    edit_prose(&mut r, "s1", "不予公开2件", "不予公开5件");
    let x = only(&check(&r), "X-DONE").clone();
    assert_eq!(
        (x.expected.as_deref(), x.actual.as_deref()),
        (Some("2"), Some("5"))
    );
}

#[test]
fn a_cross_year_rule_says_nothing_where_a_side_is_blank() {
    let mut next = next_year(&sample());
    // 上年结转 left blank this year: not "上年结转应为 1，实为 0".
    next.set_by_id("t3.carried_in.natural", None);
    let findings = check(&next);
    assert!(
        !fired(&findings, "Y-CARRY")
            .iter()
            .any(|f| f.cells == ["t3.carried_in.natural"]),
        "{findings:#?}"
    );
    assert_no_blank_as_zero(&findings);
    // Last year's row was blank throughout (its total computed, not stated): no jump from "0".
    let mut last = sample();
    for col in [
        "natural",
        "corp_commercial",
        "corp_research",
        "corp_welfare",
        "corp_legal",
        "corp_other",
    ] {
        last.set_by_id(&format!("t3.new.{col}"), None);
    }
    let mut next = next_year(&last);
    set(&mut next, "t3.new.natural", CellValue::Int(125));
    let findings = check(&next);
    assert!(
        !fired(&findings, "Y-JUMP")
            .iter()
            .any(|f| f.cells == ["t3.new.total"]),
        "{findings:#?}"
    );
}

#[test]
fn every_rule_kind_that_reads_cells_is_tested_with_blanks() {
    // NONNEG, VALUE: a blank is neither negative nor text; C7 is the rule that names blanks.
    let mut r = sample();
    r.set_by_id("t3.new.corp_research", None);
    set(&mut r, "t4.review.total", CellValue::Blank);
    let findings = check(&r);
    assert!(fired(&findings, "NONNEG").is_empty() && fired(&findings, "VALUE").is_empty());
    let c7 = fired(&findings, "C7");
    assert_eq!(c7.len(), 2, "{c7:#?}");
    assert_eq!(c7[0].cells, ["t3.new.corp_research"]);
    assert_eq!(c7[1].cells, ["t4.review.total"]);
    let t4 = only(&findings, "T4-SUM");
    assert_eq!(t4.message, "表四“行政复议”：总计栏空白，各栏之和为 3");
    // X-REVIEW's "均为0": blank cells are not figures that contradict it.
    let mut r = sample();
    edit_prose(
        &mut r,
        "s1",
        "本年度发生政府信息公开行政复议3件、行政诉讼3件",
        "本年度行政复议、行政诉讼均为0",
    );
    for (ix, info) in r.format.cells.iter().enumerate() {
        if info.id.starts_with("t4.") {
            r.set(ix, Some(CellValue::Blank));
        }
    }
    let findings = check(&r);
    assert!(fired(&findings, "X-REVIEW").is_empty(), "{findings:#?}");
    // Every built-in sum names a blank total in its own words.
    for f in format::builtin() {
        for rule in &f.rules {
            for c in &rule.checks {
                if matches!(c.compiled, format::CheckKind::Sum(_)) {
                    assert!(c.blank.contains("总计栏空白"), "{} {}", f.id, rule.id);
                }
            }
        }
    }
}

#[test]
fn a_zero_the_prose_states_is_one_finding_per_subject() {
    // The xiaosha case: "均为0" beside a 表四 with figures and a blank 总计.
    let mut r = sample();
    edit_prose(
        &mut r,
        "s1",
        "本年度发生政府信息公开行政复议3件、行政诉讼3件",
        "本年度行政复议、行政诉讼均为0",
    );
    set(&mut r, "t4.review.total", CellValue::Blank);
    let findings = check(&r);
    let review = fired(&findings, "X-REVIEW");
    assert_eq!(review.len(), 2, "{review:#?}");
    assert!(
        review.iter().all(|f| f.message.contains("为零")),
        "{review:#?}"
    );
    assert_eq!(
        review[0].actual.as_deref(),
        Some("3"),
        "the parts' sum, not the blank"
    );
}
