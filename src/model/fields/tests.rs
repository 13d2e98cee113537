#![allow(clippy::single_range_in_vec_init)] // one field is a list of fields here

use super::*;
use crate::model::CellValue;
use crate::model::format;

fn field(start: usize, end: usize, expr: &str, value: &str) -> DataField {
    DataField {
        start,
        end,
        expr: expr.into(),
        value: value.into(),
    }
}

/// A report of the current format with nothing in it.
fn report() -> Report {
    let f = format::current().unwrap();
    let mut r = Report::new(f, 2025);
    r.prose.insert("s1".into(), String::new());
    r
}

/// The test double of the sentence model's evaluator: a cell's figure, `0` for a blank.
fn cell(r: &Report, expr: &str) -> Option<String> {
    let ix = r.format.cell_index(expr)?;
    Some(match r.resolve().get(ix)? {
        CellValue::Blank => "0".to_owned(),
        v => v.display(),
    })
}

/// Each field's text in `prose`, asserting the ranges are sound.
fn texts<'a>(prose: &'a str, fields: &[DataField]) -> Vec<&'a str> {
    let mut last = 0;
    fields
        .iter()
        .map(|f| {
            assert!(f.start >= last && f.start <= f.end, "{fields:?}");
            last = f.end;
            f.text(prose)
                .unwrap_or_else(|| panic!("{f:?} in {prose:?}"))
        })
        .collect()
}

/// `old` edited to `new`, with fields for the given byte ranges of `old`.
fn edited(old: &str, new: &str, ranges: &[Range<usize>]) -> Vec<DataField> {
    let mut fields: Vec<DataField> = ranges
        .iter()
        .map(|r| {
            let v = &old[r.clone()];
            field(r.start, r.end, "x", v)
        })
        .collect();
    reconcile(&mut fields, old, new);
    texts(new, &fields);
    fields
}

#[test]
fn a_fresh_field_shows_what_the_program_wrote() {
    let prose = "新收申请25件";
    let f = field(12, 14, "t3.new.total", "25");
    assert!(f.is_fresh(prose));
    assert!(!f.is_fresh("新收申请26件"));
    assert!(
        !field(13, 14, "x", "5").is_fresh("新收申请２５件"),
        "not a boundary"
    );
}

#[test]
fn an_edit_before_a_field_shifts_it_and_after_leaves_it() {
    let old = "全年新收申请25件，结转3件。";
    let a = old.find("25").unwrap();
    let b = old.find('3').unwrap();
    let fields = edited(
        old,
        "本街道全年新收申请25件，结转3件。",
        &[a..a + 2, b..b + 1],
    );
    assert_eq!(
        texts("本街道全年新收申请25件，结转3件。", &fields),
        ["25", "3"]
    );
    assert!(
        fields
            .iter()
            .all(|f| f.is_fresh("本街道全年新收申请25件，结转3件。"))
    );
    let fields = edited(
        old,
        "全年新收申请25件，结转3件。另有说明。",
        &[a..a + 2, b..b + 1],
    );
    assert_eq!(fields[0].range(), a..a + 2);
    assert_eq!(fields[1].range(), b..b + 1);
}

#[test]
fn words_typed_against_a_field_stay_outside_digits_join_it() {
    let old = "收到25件";
    let a = old.find("25").unwrap();
    let new = "收到25余件";
    let f = edited(old, new, &[a..a + 2]);
    assert_eq!(texts(new, &f), ["25"]);
    assert!(f[0].is_fresh(new));
    let new = "收到250件";
    let f = edited(old, new, &[a..a + 2]);
    assert_eq!(texts(new, &f), ["250"]);
    assert!(!f[0].is_fresh(new), "stale: typed over");
    let new = "收到125件";
    let f = edited(old, new, &[a..a + 2]);
    assert_eq!(texts(new, &f), ["125"]);
    let new = "收到共25件";
    let f = edited(old, new, &[a..a + 2]);
    assert_eq!(texts(new, &f), ["25"]);
}

#[test]
fn retyping_a_figure_makes_the_field_stale_deleting_it_drops_it() {
    let old = "办结２６件。";
    let a = old.find("２６").unwrap();
    let r = a..a + "２６".len();
    let new = "办结２７件。";
    let f = edited(old, new, std::slice::from_ref(&r));
    assert_eq!(texts(new, &f), ["２７"]);
    assert!(!f[0].is_fresh(new));
    // Selected whole and typed over.
    let new = "办结9件。";
    let f = edited(old, new, std::slice::from_ref(&r));
    assert_eq!(texts(new, &f), ["9"]);
    // Deleted whole.
    assert!(edited(old, "办结件。", std::slice::from_ref(&r)).is_empty());
    // Deleted with the words around it.
    assert!(edited(old, "办结。", std::slice::from_ref(&r)).is_empty());
    // Shrunk by one character.
    let new = "办结２件。";
    assert_eq!(texts(new, &edited(old, new, &[r])), ["２"]);
}

#[test]
fn fields_at_the_start_and_the_end_of_the_text() {
    let old = "25件新收，办结26";
    let fields = [0..2, old.len() - 2..old.len()];
    let new = "共25件新收，办结26";
    let mut f = edited(old, new, &fields);
    assert_eq!(texts(new, &f), ["25", "26"]);
    let newer = "共25件新收，办结26件";
    reconcile(&mut f, new, newer);
    assert_eq!(texts(newer, &f), ["25", "26"]);
    assert!(f.iter().all(|f| f.is_fresh(newer)));
    let new = "件新收，办结26";
    assert_eq!(
        texts(new, &edited(old, new, &fields)),
        ["26"],
        "first deleted"
    );
    let new = "25件新收，办结";
    assert_eq!(
        texts(new, &edited(old, new, &fields)),
        ["25"],
        "last deleted"
    );
}

#[test]
fn adjacent_fields_and_an_edit_spanning_them() {
    // Two fields back to back (a figure and its unit written by the program).
    let old = "共2526件";
    let a = old.find("25").unwrap();
    let fields = [a..a + 2, a + 2..a + 4];
    let f = edited(old, "共2526件", &fields);
    assert_eq!(f.len(), 2);
    // Typing between them: a digit joins the first (the insertion point is its end).
    let new = "共25726件";
    let f = edited(old, new, &fields);
    assert_eq!(texts(new, &f), ["257", "26"]);
    // An edit across both: the first covers it, the second goes.
    let new = "共2x6件";
    let f = edited(old, new, &fields);
    assert_eq!(texts(new, &f), ["2x"]);
    // An edit covering both and more: both go.
    assert!(edited(old, "共许多件", &fields).is_empty());
}

#[test]
fn an_edit_spanning_a_fields_edge_grows_it() {
    let old = "新收申请25件，办结";
    let a = old.find("25").unwrap();
    let new = "新收申请2十件，办结";
    let f = edited(old, new, &[a..a + 2]);
    assert_eq!(texts(new, &f), ["2十"]);
    // Deleting 请2: the field loses its first digit.
    let new = "新收申5件，办结";
    let f = edited(old, new, &[a..a + 2]);
    assert_eq!(texts(new, &f), ["5"]);
    assert!(!f[0].is_fresh(new));
}

#[test]
fn ranges_stay_on_char_boundaries_for_any_edit() {
    let old = "甲乙12丙丁34戊";
    let ranges = [6..8, 14..16];
    for (i, _) in old.char_indices() {
        for (j, _) in old.char_indices().filter(|(j, _)| *j >= i) {
            for insert in ["", "a", "字", "7"] {
                let new = format!("{}{insert}{}", &old[..i], &old[j..]);
                edited(old, &new, &ranges);
            }
        }
    }
}

#[test]
fn a_sentence_goes_in_as_a_paragraph_of_its_own() {
    let mut r = report();
    r.prose
        .insert("s1".into(), "（一）主动公开\n已有的话。".into());
    let text = "全年新收申请25件。";
    let f = field(18, 20, "t3.new.total", "25");
    // The cursor in the heading: after the heading's line.
    let start = insert_paragraph(&mut r, "s1", Some(3), text, vec![f.clone()]);
    assert_eq!(
        r.prose("s1"),
        "（一）主动公开\n全年新收申请25件。\n已有的话。"
    );
    assert_eq!(texts(r.prose("s1"), &r.fields["s1"]), ["25"]);
    assert_eq!(start, "（一）主动公开\n".len());
    // No cursor: at the end; the earlier field keeps its place.
    insert_paragraph(
        &mut r,
        "s1",
        None,
        "又一句25件。",
        vec![field(9, 11, "e", "25")],
    );
    assert!(r.prose("s1").ends_with("已有的话。\n又一句25件。"));
    assert_eq!(texts(r.prose("s1"), &r.fields["s1"]), ["25", "25"]);
    // The cursor at the very start: after the first line; then an empty section.
    insert_paragraph(&mut r, "s1", Some(0), "第0句", vec![]);
    assert!(r.prose("s1").starts_with("（一）主动公开\n第0句\n"));
    assert_eq!(texts(r.prose("s1"), &r.fields["s1"]), ["25", "25"]);
    r.prose.insert("s5".into(), String::new());
    insert_paragraph(&mut r, "s5", Some(4), text, vec![f]);
    assert_eq!(r.prose("s5"), text);
    assert_eq!(texts(r.prose("s5"), &r.fields["s5"]), ["25"]);
}

#[test]
fn a_cell_change_rewrites_fresh_fields_and_shifts_the_rest() {
    let mut r = report();
    r.set_by_id("t3.new.natural", Some(CellValue::Int(9)));
    let t = "新收9件，办结0件。";
    let n = t.find('9').unwrap();
    let d = t.find('0').unwrap();
    insert_paragraph(
        &mut r,
        "s1",
        None,
        t,
        vec![
            field(n, n + 1, "t3.new.total", "9"),
            field(d, d + 1, "t3.results_total.total", "0"),
        ],
    );
    assert!(!refresh(&mut r, &cell), "nothing changed");
    r.set_by_id("t3.new.natural", Some(CellValue::Int(1234)));
    assert!(refresh(&mut r, &cell));
    assert_eq!(r.prose("s1"), "新收1234件，办结0件。");
    assert_eq!(texts(r.prose("s1"), &r.fields["s1"]), ["1234", "0"]);
    assert!(r.fields["s1"].iter().all(|f| f.is_fresh(r.prose("s1"))));
    assert!(stale(&r, &cell).is_empty());
}

#[test]
fn a_field_typed_over_is_left_listed_and_updated_in_one_click() {
    let mut r = report();
    r.set_by_id("t3.new.natural", Some(CellValue::Int(25)));
    insert_paragraph(
        &mut r,
        "s1",
        None,
        "新收25件，共25件。",
        vec![
            field(6, 8, "t3.new.total", "25"),
            field(17, 19, "t3.new.total", "25"),
        ],
    );
    let old = r.prose("s1").to_owned();
    let new = "新收26件，共25件。";
    reconcile(r.fields.get_mut("s1").unwrap(), &old, new);
    r.prose.insert("s1".into(), new.into());
    let listed = stale(&r, &cell);
    assert_eq!(
        listed,
        [Stale {
            section: "s1".into(),
            index: 0,
            typed: "26".into(),
            table: "25".into()
        }]
    );
    // The table changes: the fresh one follows, the typed one is kept.
    r.set_by_id("t3.new.natural", Some(CellValue::Int(7)));
    refresh(&mut r, &cell);
    assert_eq!(r.prose("s1"), "新收26件，共7件。");
    assert_eq!(stale(&r, &cell)[0].table, "7");
    assert!(update_stale(&mut r, "s1", 0, &cell));
    assert_eq!(r.prose("s1"), "新收7件，共7件。");
    assert!(stale(&r, &cell).is_empty());
    assert_eq!(texts(r.prose("s1"), &r.fields["s1"]), ["7", "7"]);
    assert!(!update_stale(&mut r, "s1", 5, &cell));
    // A typed figure the table comes to agree with is fresh again.
    reconcile(
        r.fields.get_mut("s1").unwrap(),
        "新收7件，共7件。",
        "新收8件，共7件。",
    );
    r.prose.insert("s1".into(), "新收8件，共7件。".into());
    r.set_by_id("t3.new.natural", Some(CellValue::Int(8)));
    refresh(&mut r, &cell);
    assert_eq!(r.prose("s1"), "新收8件，共8件。");
    assert!(r.fields["s1"].iter().all(|f| f.is_fresh(r.prose("s1"))));
}

#[test]
fn fields_that_do_not_fit_their_prose_are_dropped_with_a_note() {
    let mut r = report();
    r.prose.insert("s1".into(), "新收２５件".into());
    r.fields.insert(
        "s1".into(),
        vec![
            field(6, 12, "t3.new.total", "２５"),
            field(7, 8, "a", "x"),
            field(3, 100, "b", "y"),
        ],
    );
    r.fields.insert("s9".into(), vec![field(0, 1, "c", "z")]);
    validate(&mut r);
    assert_eq!(r.fields.len(), 1);
    assert_eq!(r.fields["s1"].len(), 1);
    assert_eq!(r.notes.len(), 3);
    assert!(r.notes.iter().all(|n| n.text.contains("已改为普通文字")));
}

#[test]
fn a_standard_sentence_inserted_in_the_sample_follows_its_table() {
    let mut r = crate::io::sample().unwrap();
    let sentence = sentences::sentences_for(&r, None, "s1")
        .into_iter()
        .find(|s| s.text.contains("新收政府信息公开申请"))
        .unwrap();
    let total = evaluate(&r, "t3.new.total").unwrap();
    insert_sentence(&mut r, None, &sentence);
    let prose = r.prose("s1").to_owned();
    assert!(prose.ends_with(&sentence.text), "{prose}");
    assert!(r.fields["s1"].iter().all(|f| f.is_fresh(&prose)));
    assert!(!refresh(&mut r, &|r, e| evaluate(r, e)));
    let ix = r.format.cell_index("t3.new.natural").unwrap();
    let natural = r.resolve()[ix].number().unwrap();
    let more = natural
        .checked_add(crate::model::Decimal::from_int(100))
        .unwrap();
    r.set(ix, Some(CellValue::Int(more.to_int().unwrap())));
    assert!(refresh(&mut r, &|r, e| evaluate(r, e)));
    let now = evaluate(&r, "t3.new.total").unwrap();
    assert_ne!(now, total);
    let s1 = r.prose("s1");
    assert!(s1.contains(&format!("新收政府信息公开申请{now}件")), "{s1}");
    assert!(
        s1.starts_with(prose.split("本年度新收").next().unwrap()),
        "the rest kept"
    );
    assert!(r.fields["s1"].iter().all(|f| f.is_fresh(s1)));
}
