//! Prose figures read by what they count: kinds are not counts, "A及B N件" is a sum, other scopes
//! and approximate figures say nothing, and each finding quotes its phrase.

use nianbao::model::format;
use nianbao::model::rollover::next_year;
use nianbao::model::{CellValue, check};

use crate::common::{edit_prose, fired, only, sample, set};

/// The sample with one phrase of 第一部分 replaced: the findings of `rule`.
fn with(from: &str, to: &str, rule: &str) -> Vec<nianbao::model::Finding> {
    let mut r = sample();
    edit_prose(&mut r, "s1", from, to);
    check(&r).into_iter().filter(|f| f.rule == rule).collect()
}

const REVIEW: &str = "本年度发生政府信息公开行政复议3件、行政诉讼3件";
const RESULTS: &str = "予以公开11件、部分公开4件";

#[test]
fn kinds_are_not_counts() {
    let f = with(
        REVIEW,
        "对涉及政府信息公开的行政复议、行政诉讼2类案件进行了梳理",
        "X-REVIEW",
    );
    assert!(f.is_empty(), "{f:#?}");
    let f = with(REVIEW, "行政复议工作涉及3个方面", "X-REVIEW");
    assert!(f.is_empty(), "{f:#?}");
}

#[test]
fn a_figure_for_two_items_is_their_sum() {
    assert!(with(RESULTS, "予以公开及部分公开15件", "X-DONE").is_empty());
    assert!(with(REVIEW, "行政复议、行政诉讼共6件", "X-REVIEW").is_empty());
    let mut r = sample();
    edit_prose(&mut r, "s1", RESULTS, "予以公开及部分公开258件");
    let findings = check(&r);
    let f = only(&findings, "X-DONE");
    assert_eq!(
        (f.expected.as_deref(), f.actual.as_deref()),
        (Some("15"), Some("258"))
    );
    assert_eq!(f.cells, ["t3.disclosed.total", "t3.partial.total"]);
    assert_eq!(
        f.message,
        "正文“办理结果中，予以公开及部分公开258件”中“予以公开及部分公开”后的数字 258，与表三“（一）予以公开”行“总计”列与表三“（二）部分公开”行“总计”列之和（15）不一致"
            .replace("办理结果中，", "")
    );
    let f = with(REVIEW, "行政复议、行政诉讼共7件", "X-REVIEW");
    assert_eq!(f.len(), 1, "{f:#?}");
    assert_eq!(f[0].expected.as_deref(), Some("6"));
    assert!(
        f[0].message.contains("“行政复议、行政诉讼”后的数字 7"),
        "{}",
        f[0].message
    );
}

#[test]
fn each_and_respectively_give_each_item_its_figure() {
    assert!(with(RESULTS, "予以公开、部分公开分别为11件、4件", "X-DONE").is_empty());
    let f = with(RESULTS, "予以公开、部分公开分别为11件、5件", "X-DONE");
    assert_eq!(f.len(), 1, "{f:#?}");
    assert_eq!(
        (f[0].expected.as_deref(), f[0].actual.as_deref()),
        (Some("4"), Some("5"))
    );
}

#[test]
fn other_scopes_approximations_breakdowns_and_percentages_say_nothing() {
    let new = "全年新收政府信息公开申请25件";
    for phrase in [
        "全区共收到政府信息公开申请300件",
        "各部门共收到政府信息公开申请300件",
        "累计收到政府信息公开申请300件",
        "全年收到政府信息公开申请约30件",
        "全年收到政府信息公开申请近30件",
        "全年收到政府信息公开申请30余件",
        "全年收到政府信息公开申请30件以上",
        "全年收到的政府信息公开申请中其中自然人提出18件",
        "全年收到政府信息公开申请同比增长40%",
    ] {
        let f = with(new, phrase, "X-NEW");
        assert!(f.is_empty(), "{phrase}: {f:#?}");
    }
    // Another scope's zero says nothing of this table either.
    let f = with(
        REVIEW,
        "全区政府信息公开行政复议、行政诉讼均为0",
        "X-REVIEW",
    );
    assert!(f.is_empty(), "{f:#?}");
    // A plain count that differs is still a warning quoting its phrase.
    let f = with(new, "全年收到政府信息公开申请30件", "X-NEW");
    assert_eq!(f.len(), 1);
    assert!(
        f[0].message.contains("“全年收到政府信息公开申请30件”"),
        "{}",
        f[0].message
    );
}

#[test]
fn x_fee6_accepts_every_usual_way_of_saying_nothing_was_charged() {
    for said in [
        "政府信息公开未发生收费情况。",
        "本年度未收取任何费用。",
        "本机关没有收取费用。",
        "依申请公开不收取费用。",
        "本年度收费0元。",
        "依申请提供政府信息一律免费。",
        "本年度未收取信息处理费。",
    ] {
        let mut r = sample();
        r.prose.insert(
            "s6".into(),
            format!("（一）收费情况\n{said}\n（二）其他\n按照要点完成任务清单。"),
        );
        assert!(fired(&check(&r), "X-FEE6").is_empty(), "{said}");
    }
    let mut r = sample();
    r.prose.insert("s6".into(), "按照要点完成任务清单。".into());
    assert_eq!(only(&check(&r), "X-FEE6").section.as_deref(), Some("s6"));
}

#[test]
fn y_jump_watches_every_row_total_of_tables_three_and_four() {
    let mut last = sample();
    set(
        &mut last,
        "t3.refused_mass_repeat.natural",
        CellValue::Int(58),
    );
    let mut next = next_year(&last);
    set(
        &mut next,
        "t3.refused_mass_repeat.natural",
        CellValue::Int(3),
    );
    let findings = check(&next);
    let f = fired(&findings, "Y-JUMP")
        .into_iter()
        .find(|f| f.cells == ["t3.refused_mass_repeat.total"])
        .unwrap_or_else(|| panic!("{findings:#?}"));
    assert_eq!(
        (f.expected.as_deref(), f.actual.as_deref()),
        (Some("58"), Some("3"))
    );
    assert!(
        f.message.contains("无正当理由大量反复申请") && f.message.contains("本年为 3"),
        "{}",
        f.message
    );
    // Left blank this year: nothing.
    next.set_by_id("t3.refused_mass_repeat.natural", None);
    assert!(
        !fired(&check(&next), "Y-JUMP")
            .iter()
            .any(|f| f.cells == ["t3.refused_mass_repeat.total"])
    );
    // In both formats, every row total of 表三 and 表四 is watched.
    for f in format::builtin() {
        let rule = f.rules.iter().find(|r| r.id == "Y-JUMP").unwrap();
        let format::CheckKind::YearJump(jump) = &rule.checks[0].compiled else {
            panic!("{} Y-JUMP", f.id);
        };
        for t in ["t3", "t4"] {
            let table = f.table(t).unwrap();
            let total = table.column_index("total").unwrap();
            for ri in 0..table.rows.len() {
                assert!(
                    jump.cells.contains(&table.cell(ri, total)),
                    "{} {t} row {ri}",
                    f.id
                );
            }
        }
    }
}
