//! The table rules of both formats: sums, balances, entries, blanks as C7 sees them, the format
//! of the year.

use nianbao::model::format::Severity;
use nianbao::model::{CellValue, check};

use crate::common::{fired, only, sample, set};
use crate::years::blank_2020;

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
