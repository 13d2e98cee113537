//! Rules across years and formats: the rollover into next year's draft, the Y-rules that read
//! last year's figures, the 2019 format's own rules, migration into the 2021 format.

use nianbao::model::format::{self, Severity};
use nianbao::model::rollover::next_year;
use nianbao::model::{CellValue, Report, check, check_with};

use crate::common::{fired, only, sample, set};

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
    let findings = check(&next);
    assert_eq!(fired(&findings, "T2-REPEAL-CAP").len(), 1);
    // 9 + 1 − 11 = −1: no count to type, and the message does not ask for one.
    let f = fired(&findings, "Y-INFORCE");
    assert_eq!(f.len(), 1);
    assert!(
        !f[0].message.contains("应为") && f[0].message.contains("不可能为负数"),
        "{}",
        f[0].message
    );

    // Without last year's data the cross-year rules stay quiet.
    let alone = check_with(&next, None);
    assert!(
        alone
            .iter()
            .all(|f| !f.rule.starts_with("Y-") && f.rule != "T2-REPEAL-CAP"),
        "{alone:#?}"
    );
}

/// A 2020 report in the 2019 format with every input cell 0: quiet on every rule.
pub fn blank_2020() -> Report {
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
