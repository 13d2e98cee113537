//! Y-PCT: a 同比 typed in the prose against this year's and last year's figures of the quantity
//! the phrase names (新收, or 收办 = 新收 + 上年结转, 办结 …), within 0.01 percentage point; silent
//! without last year's figures, where the phrase names no quantity of this report, or another
//! scope's.

use nianbao::model::format;
use nianbao::model::{CellValue, Finding, PreviousYear, Report, check_with};

use crate::common::{edit_prose, fired, only, sample, set};

const NEW: &str = "全年新收政府信息公开申请25件，";

/// Last year's report: the sample with `new` applications (新收) and `carried` carried in.
fn last_year(new: i64, carried: i64) -> PreviousYear {
    let mut last = sample();
    last.meta.year = 2024;
    // The sample's 新收 is 25, 18 of them from 自然人; its 上年结转 is 3, 2 from 自然人.
    set(&mut last, "t3.new.natural", CellValue::Int(new - 7));
    set(
        &mut last,
        "t3.carried_in.natural",
        CellValue::Int(carried - 1),
    );
    PreviousYear::from_report(&last)
}

/// The sample with `phrase` after its 新收 figure, checked against last year's report.
fn with(phrase: &str, previous: Option<&PreviousYear>) -> Vec<Finding> {
    let mut r = sample();
    edit_prose(&mut r, "s1", NEW, &format!("{NEW}{phrase}，"));
    check_with(&r, previous)
}

#[test]
fn a_right_percentage_is_quiet() {
    let prev = last_year(20, 3);
    for phrase in [
        "同比增长25%",
        "同比增长25.00%",
        "较上年增长25.0%",
        "比上年同期增长25%",
    ] {
        assert!(
            fired(&with(phrase, Some(&prev)), "Y-PCT").is_empty(),
            "{phrase}"
        );
    }
    // Within 0.01 percentage point.
    assert!(fired(&with("同比增长25.01%", Some(&prev)), "Y-PCT").is_empty());
}

#[test]
fn a_wrong_percentage_is_named_with_its_base_and_the_right_value() {
    let prev = last_year(20, 3);
    let findings = with("同比增长1.05%", Some(&prev));
    let f = only(&findings, "Y-PCT");
    assert_eq!(f.severity, format::Severity::Warning);
    assert!(
        f.message
            .contains("“全年新收政府信息公开申请25件，同比增长1.05%”"),
        "{}",
        f.message
    );
    assert!(f.message.contains("以新收为基数"), "{}", f.message);
    assert!(f.message.contains("本年 25、上年 20"), "{}", f.message);
    assert!(f.message.contains("应为“同比增长25.00%”"), "{}", f.message);
    assert_eq!(f.cells, ["t3.new.total"]);
    assert_eq!(f.section.as_deref(), Some("s1"));
    assert_eq!(f.expected.as_deref(), Some("同比增长25.00%"));
    assert_eq!(f.actual.as_deref(), Some("1.05%"));
    // Just beyond the tolerance.
    assert_eq!(
        fired(&with("同比增长25.02%", Some(&prev)), "Y-PCT").len(),
        1
    );
    // The change in the same clause as its subject, without a count.
    let mut r = sample();
    edit_prose(
        &mut r,
        "s1",
        NEW,
        &format!("{NEW}收到政府信息公开申请同比增长40%，"),
    );
    assert_eq!(fired(&check_with(&r, Some(&prev)), "Y-PCT").len(), 1);
}

#[test]
fn without_last_years_figures_nothing_is_said() {
    assert!(fired(&with("同比增长1.05%", None), "Y-PCT").is_empty());
    // Last year 0: there is no percentage of nothing.
    assert!(fired(&with("同比增长1.05%", Some(&last_year(0, 3))), "Y-PCT").is_empty());
}

#[test]
fn no_change_is_checked_too() {
    assert!(fired(&with("与上年持平", Some(&last_year(25, 3))), "Y-PCT").is_empty());
    let findings = with("与上年持平", Some(&last_year(20, 3)));
    let f = only(&findings, "Y-PCT");
    assert_eq!(f.expected.as_deref(), Some("同比增长25.00%"));
    // Equal figures stated as a rise.
    let findings = with("同比增长5%", Some(&last_year(25, 3)));
    assert_eq!(
        only(&findings, "Y-PCT").expected.as_deref(),
        Some("与上年持平")
    );
}

#[test]
fn a_fall_is_checked_by_its_direction() {
    let prev = last_year(50, 3);
    assert!(fired(&with("同比下降50%", Some(&prev)), "Y-PCT").is_empty());
    assert!(fired(&with("同比减少50.00%", Some(&prev)), "Y-PCT").is_empty());
    let findings = with("同比下降40%", Some(&prev));
    assert_eq!(
        only(&findings, "Y-PCT").expected.as_deref(),
        Some("同比下降50.00%")
    );
    // A rise where the figures fell.
    assert_eq!(fired(&with("同比增长50%", Some(&prev)), "Y-PCT").len(), 1);
}

#[test]
fn the_other_base_is_收办() {
    // 收办 = 新收 + 上年结转: 25 + 3 = 28 this year, 20 + 2 = 22 last year: +27.27%.
    let prev = last_year(20, 2);
    let mut r = sample();
    let phrase = "共收办政府信息公开申请28件，同比增长27.27%，";
    edit_prose(&mut r, "s1", NEW, &format!("{NEW}{phrase}"));
    assert!(fired(&check_with(&r, Some(&prev)), "Y-PCT").is_empty());
    // 25% is the change of 新收, not of 收办.
    edit_prose(&mut r, "s1", "27.27%", "25%");
    let findings = check_with(&r, Some(&prev));
    let f = only(&findings, "Y-PCT");
    assert!(
        f.message.contains("以收办（新收加上年结转）为基数"),
        "{}",
        f.message
    );
    assert!(f.message.contains("本年 28、上年 22"), "{}", f.message);
    assert_eq!(f.expected.as_deref(), Some("同比增长27.27%"));
    assert_eq!(f.cells, ["t3.new.total", "t3.carried_in.total"]);
}

#[test]
fn phrases_of_another_scope_or_no_clear_quantity_are_quiet() {
    let prev = last_year(20, 3);
    for phrase in [
        // Another scope.
        "全市共收到政府信息公开申请1000件，同比增长1.05%",
        "全市同比增长1.05%",
        // A part, not the quantity.
        "其中自然人提出18件，同比增长1.05%",
        // Percentage points are not a change of a count.
        "申请办理满意率同比提高2个百分点",
        // A change with nothing before it in the sentence.
        "。同比增长1.05%",
        // Changes given respectively, or approximately.
        "办结政府信息公开申请26件，同比分别增长1.05%、2%",
        "同比增长1.05%以上",
        "同比增长近1.05%",
    ] {
        assert!(
            fired(&with(phrase, Some(&prev)), "Y-PCT").is_empty(),
            "{phrase}"
        );
    }
}

#[test]
fn the_2019_format_checks_its_sentences_too() {
    let f = format::by_id("gb2019").unwrap();
    let mut r = Report::new(f, 2020);
    set(&mut r, "t3.new.natural", CellValue::Int(12));
    let mut last = Report::new(f, 2019);
    set(&mut last, "t3.new.natural", CellValue::Int(10));
    let prev = PreviousYear::from_report(&last);
    r.prose.insert(
        "s1".into(),
        "本年度收到政府信息公开申请12件，同比增长10%。".into(),
    );
    let findings = check_with(&r, Some(&prev));
    assert_eq!(
        only(&findings, "Y-PCT").expected.as_deref(),
        Some("同比增长20.00%")
    );
}
