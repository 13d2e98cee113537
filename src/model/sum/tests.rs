//! Unit tests of the summing decisions on small batches built from the sample report; the
//! generated batches are in `tests/sum.rs`.

use super::*;
use crate::model::value::CellValue;

fn sample() -> Report {
    crate::io::sample().unwrap()
}

fn input(file: &str, report: Report) -> UnitInput {
    UnitInput {
        file: file.to_owned(),
        read: Ok(report),
    }
}

fn with_agency(agency: &str, year: u16) -> Report {
    let mut r = sample();
    r.meta.agency = agency.to_owned();
    r.meta.signature_unit = agency.to_owned();
    r.meta.year = year;
    r
}

#[test]
fn nothing_read_gives_no_total() {
    let s = summarize(
        vec![UnitInput {
            file: "a.ron".into(),
            read: Err("坏了".into()),
        }],
        &SumOptions::default(),
    );
    assert_eq!(s.year, None);
    assert!(s.total.is_none());
    assert_eq!(s.units[0].status, Status::Excluded);
    assert_eq!(s.units[0].reason_text().as_deref(), Some("无法读取：坏了"));
    assert!(
        summarize(Vec::new(), &SumOptions::default())
            .total
            .is_none()
    );
}

#[test]
fn the_most_common_year_wins_and_a_tie_goes_to_the_later() {
    let units = |years: &[u16]| -> Vec<UnitInput> {
        years
            .iter()
            .enumerate()
            .map(|(i, &y)| input(&format!("{i}.ron"), with_agency(&format!("示例县{i}局"), y)))
            .collect()
    };
    let s = summarize(units(&[2025, 2024, 2024]), &SumOptions::default());
    assert_eq!(s.year, Some(2024));
    let s = summarize(units(&[2024, 2025]), &SumOptions::default());
    assert_eq!(s.year, Some(2025));
    assert_eq!(s.included().count(), 1);
}

#[test]
fn the_total_is_named_after_the_county_the_units_share() {
    let s = summarize(
        vec![
            input("a.ron", with_agency("示例市云溪区青禾街道办事处", 2025)),
            input("b.ron", with_agency("示例市云溪区白石镇人民政府", 2025)),
        ],
        &SumOptions::default(),
    );
    let total = s.total.unwrap();
    assert_eq!(total.meta.agency, "示例市云溪区");
    assert_eq!(
        total.meta.title,
        "示例市云溪区2025年政府信息公开工作年度报告"
    );
    let s = summarize(
        vec![
            input("a.ron", with_agency("青禾街道", 2025)),
            input("b.ron", with_agency("白石镇", 2025)),
        ],
        &SumOptions::default(),
    );
    assert_eq!(s.total.unwrap().meta.agency, "");
}

#[test]
fn same_figures_are_one_report_only_under_one_name() {
    // Same figures, other agencies: two units (two small offices may both report nothing).
    let s = summarize(
        vec![
            input("a.ron", with_agency("甲局", 2025)),
            input("b.ron", with_agency("乙局", 2025)),
            input("c.txt", with_agency("甲　局", 2025)),
        ],
        &SumOptions::default(),
    );
    assert_eq!(s.duplicates, vec![(0, 2)]);
    assert_eq!(s.included().count(), 2);
    // No agency at all: the same only when the text is the same too.
    let mut other_text = with_agency("", 2025);
    other_text.prose.insert("s5".into(), "另一段文字。".into());
    let s = summarize(
        vec![
            input("a.ron", with_agency("", 2025)),
            input("b.ron", with_agency("", 2025)),
            input("c.ron", other_text),
        ],
        &SumOptions::default(),
    );
    assert_eq!(s.duplicates, vec![(0, 1)]);
}

#[test]
fn two_versions_of_one_units_report_are_both_summed_and_flagged() {
    let mut second = with_agency("甲局", 2025);
    second.set_by_id("t4.review.upheld", Some(CellValue::Int(7)));
    let s = summarize(
        vec![
            input("甲局.ron", with_agency("甲局", 2025)),
            input("甲局（改）.ron", second),
        ],
        &SumOptions::default(),
    );
    assert!(s.duplicates.is_empty());
    assert_eq!(s.included().count(), 2);
    for u in &s.units {
        assert!(
            matches!(u.reasons.as_slice(), [Reason::SameAgency { .. }]),
            "{:?}",
            u.reasons
        );
    }
}

#[test]
fn text_in_a_cell_is_left_out_of_the_total_and_said() {
    let mut odd = with_agency("乙局", 2025);
    odd.set_by_id("t4.review.upheld", Some(CellValue::Invalid("两件".into())));
    let plain = with_agency("甲局", 2025);
    let upheld = |r: &Report| {
        let ix = r.format.cell_index("t4.review.upheld").unwrap();
        r.resolve()[ix].number().unwrap()
    };
    let expected = upheld(&plain);
    let s = summarize(
        vec![input("a.ron", plain), input("b.ron", odd)],
        &SumOptions::default(),
    );
    let total = s.total.as_ref().unwrap();
    assert_eq!(upheld(total), expected);
    assert_eq!(s.units[1].reasons, vec![Reason::TextCells(1)]);
    assert!(
        total
            .notes
            .iter()
            .any(|n| n.text.contains("“两件”") && n.cell.as_deref() == Some("t4.review.upheld")),
        "{:#?}",
        total.notes
    );
    let matrix = s.matrix().unwrap();
    let ix = total.format.cell_index("t4.review.upheld").unwrap();
    assert_eq!(matrix.rows[1].values[ix], CellValue::Invalid("两件".into()));
}

#[test]
fn the_unit_table_sorts_by_any_column() {
    let mut broken = with_agency("乙局", 2025);
    broken.set_by_id("t4.review.total", Some(CellValue::Int(99)));
    let s = summarize(
        vec![
            input("c.ron", with_agency("甲局", 2025)),
            input("a.ron", broken),
            UnitInput {
                file: "b.txt".into(),
                read: Err("坏了".into()),
            },
        ],
        &SumOptions::default(),
    );
    assert_eq!(s.sorted(UnitColumn::File, true), vec![1, 2, 0]);
    assert_eq!(s.sorted(UnitColumn::Errors, false), vec![1, 0, 2]);
    assert_eq!(s.sorted(UnitColumn::Status, true), vec![2, 0, 1]);
    assert_eq!(s.sorted(UnitColumn::Year, true), vec![2, 0, 1]);
    assert_eq!(s.sorted(UnitColumn::Name, true), vec![2, 1, 0]);
}

#[test]
fn what_is_compared_for_copied_prose_is_said_from_the_format() {
    let f21 = crate::model::format::by_id("gb2021").unwrap();
    assert_eq!(
        similar_scope(f21),
        "比较第一、五、六部分，去掉数字和单位名称后相同片段占 80% 以上才列出"
    );
    assert_eq!(sections_text(f21, ["s2", "s4"]), "第二、四部分");
    // The total's note names the sections the office writes, and 五 starts from the template.
    let s = summarize(vec![input("a.ron", sample())], &SumOptions::default());
    let total = s.total.unwrap();
    assert!(
        total.notes[0]
            .text
            .ends_with("请按本级（全县）的情况撰写第一、五、六部分"),
        "{}",
        total.notes[0].text
    );
    assert_eq!(total.prose("s5"), "（一）存在的主要问题\n\n（二）改进措施");
}
