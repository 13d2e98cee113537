use super::*;
use crate::model::format;
use crate::model::value::CellValue;

fn report() -> Report {
    let mut r = Report::new(
        format::by_id("gb2021").unwrap_or_else(|| panic!("gb2021")),
        2025,
    );
    for (id, v) in [
        ("t3.new.natural", 100),
        ("t3.new.corp_commercial", 20),
        ("t3.carried_in.natural", 5),
        ("t3.disclosed.natural", 80),
        ("t3.partial.natural", 10),
        ("t3.withheld_state_secret.natural", 1),
        ("t3.withheld_third_party.natural", 2),
        ("t3.unable_not_held.natural", 20),
        ("t3.carried_out.natural", 12),
    ] {
        assert!(r.set_by_id(id, Some(CellValue::Int(v))), "{id}");
    }
    r
}

fn previous(new_total: i64) -> PreviousYear {
    let mut last = Report::new(
        format::by_id("gb2021").unwrap_or_else(|| panic!("gb2021")),
        2024,
    );
    last.set_by_id("t3.new.natural", Some(CellValue::Int(new_total)));
    PreviousYear::from_report(&last)
}

fn applications(r: &Report, p: Option<&PreviousYear>) -> Sentence {
    sentences_for(r, p, "s1")
        .into_iter()
        .find(|s| s.id == "applications")
        .unwrap_or_else(|| panic!("no applications sentence"))
}

#[test]
fn renders_the_application_sentence_with_its_fields() {
    let r = report();
    let s = applications(&r, None);
    assert_eq!(s.label, "依申请公开");
    assert!(
        s.text.starts_with(
            "本年度新收政府信息公开申请120件，上年结转5件，共收办125件。本年度办结113件，其中予以公开80件、部分公开10件、不予公开3件、无法提供20件、"
        ),
        "{}",
        s.text
    );
    // Every field's range holds its value, and the expressions are the format file's.
    for f in &s.fields {
        assert_eq!(s.text.get(f.range.clone()), Some(f.value.as_str()), "{f:?}");
    }
    let exprs: Vec<&str> = s.fields.iter().map(|f| f.expr.as_str()).collect();
    assert_eq!(
        exprs.get(..3),
        Some(
            &[
                "t3.new.total",
                "t3.carried_in.total",
                "t3.new.total + t3.carried_in.total"
            ][..]
        )
    );
    // No last year: no 同比 at all.
    assert!(!s.text.contains("同比"), "{}", s.text);
}

#[test]
fn a_blank_cell_is_never_written_as_zero() {
    let r = report();
    let s = applications(&r, None);
    // 不予处理 and 其他处理 are blank: 〔待填〕, not 0.
    assert!(
        s.text.contains("不予处理〔待填〕件、其他处理〔待填〕件"),
        "{}",
        s.text
    );
    let mut r = report();
    r.set_by_id("t3.carried_in.natural", None);
    let s = applications(&r, None);
    // 上年结转 blank: it and 收办 (新收 + 上年结转) are 〔待填〕.
    assert!(
        s.text.contains("上年结转〔待填〕件，共收办〔待填〕件"),
        "{}",
        s.text
    );
    assert_eq!(
        evaluate(&r, None, "t3.new.total + t3.carried_in.total").as_deref(),
        Some("〔待填〕")
    );
    // A zero typed is a zero.
    r.set_by_id("t3.carried_in.natural", Some(CellValue::Int(0)));
    assert_eq!(
        evaluate(&r, None, "t3.carried_in.total").as_deref(),
        Some("0")
    );
}

#[test]
fn states_the_change_against_last_year() {
    let r = report();
    let s = applications(&r, Some(&previous(100)));
    assert!(
        s.text
            .starts_with("本年度新收政府信息公开申请120件，同比增长20.00%，上年结转5件"),
        "{}",
        s.text
    );
    let yoy = s.fields.iter().find(|f| f.expr == "yoy(t3.new.total)");
    assert_eq!(yoy.map(|f| f.value.as_str()), Some("同比增长20.00%"));
    let s = applications(&r, Some(&previous(150)));
    assert!(s.text.contains("同比下降20.00%"), "{}", s.text);
    let s = applications(&r, Some(&previous(120)));
    assert!(s.text.contains("120件，与上年持平，"), "{}", s.text);
    // 1/7 = 14.2857…% → 14.29; last year 0: no percentage, the part is left out.
    let s = applications(&r, Some(&previous(105)));
    assert!(s.text.contains("同比增长14.29%"), "{}", s.text);
    let s = applications(&r, Some(&previous(0)));
    assert!(!s.text.contains("同比"), "{}", s.text);
    assert_eq!(
        evaluate(&r, Some(&previous(0)), "yoy(t3.new.total)").as_deref(),
        Some("〔无上年数字，不计同比〕")
    );
    assert_eq!(
        evaluate(&r, None, "yoy(t3.new.total)").as_deref(),
        Some("〔无上年数字，不计同比〕")
    );
}

#[test]
fn renders_one_template_by_id() {
    let r = report();
    assert_eq!(
        sentence(&r, None, "applications"),
        Some(applications(&r, None))
    );
    assert_eq!(sentence(&r, None, "nothing"), None);
}

#[test]
fn evaluates_any_expression_of_the_format() {
    let r = report();
    assert_eq!(evaluate(&r, None, "t3.new.total").as_deref(), Some("120"));
    assert_eq!(
        evaluate(&r, None, " t3.{withheld}.total ").as_deref(),
        Some("3")
    );
    assert_eq!(
        evaluate(&r, None, "t3.new.natural - t3.carried_in.natural").as_deref(),
        Some("95")
    );
    assert_eq!(evaluate(&r, None, "t3.nothing.total"), None);
    assert_eq!(evaluate(&r, None, ""), None);
    assert_eq!(evaluate(&r, None, "t3.new.total +"), None);
}

#[test]
fn every_built_in_format_has_the_standard_sentences() {
    for id in ["gb2021", "gb2019"] {
        let f = format::by_id(id).unwrap_or_else(|| panic!("{id}"));
        let r = Report::new(f, f.first_year);
        let all = sentences(&r, None);
        let labels: Vec<&str> = all.iter().map(|s| s.label.as_str()).collect();
        assert!(
            labels.contains(&"主动公开") && labels.contains(&"依申请公开"),
            "{id}: {labels:?}"
        );
        assert!(labels.contains(&"行政复议、行政诉讼"), "{id}: {labels:?}");
        // An empty report: every field is 〔待填〕, none is 0.
        for s in &all {
            assert!(
                s.fields.iter().all(|f| f.value == "〔待填〕"),
                "{id}: {}",
                s.text
            );
        }
        assert!(!f.sentences.note.is_empty());
    }
}
