//! 插入数据句 in the editor (issue 20): a sentence goes into 一、总体情况 with live figures, a cell
//! change rewrites them, a figure typed over by hand is listed with 更新, and undo takes back
//! every step.
#![allow(clippy::unwrap_used, clippy::expect_used)]

mod gui_support;

use egui::text::{CCursor, CCursorRange};
use egui::{Key, Modifiers};
use egui_kittest::Harness;
use egui_kittest::kittest::Queryable;
use gui_support::*;
use nianbao::ui::NianbaoApp;
use nianbao::ui::nav::Part;

/// The prose of 一、总体情况.
fn s1(h: &Harness<'_, NianbaoApp>) -> String {
    h.state().document().report.prose("s1").to_owned()
}

/// What a cell shows, as a sentence writes it.
fn figure(h: &Harness<'_, NianbaoApp>, id: &str) -> String {
    resolved(h, id).display()
}

/// The editor on the sample showing 一、, with the 依申请公开 sentence inserted from the menu.
fn inserted(dir: &std::path::Path) -> Harness<'static, NianbaoApp> {
    let mut h = harness(dir);
    h.state_mut().show_part(Part::Section(0));
    h.run();
    h.get_by_label("插入数据句").click();
    h.run();
    h.get_by_label("依申请公开").click();
    h.run();
    h
}

/// Puts the caret of 一、's prose editor over bytes `range` of its text and types `text`.
fn type_over(h: &mut Harness<'_, NianbaoApp>, range: std::ops::Range<usize>, text: &str) {
    let prose = s1(h);
    let chars = |b: usize| prose[..b].chars().count();
    let id = nianbao::ui::section::prose_id(0);
    let mut state = egui::TextEdit::load_state(&h.ctx, id).unwrap_or_default();
    state.cursor.set_char_range(Some(CCursorRange::two(
        CCursor::new(chars(range.start)),
        CCursor::new(chars(range.end)),
    )));
    egui::TextEdit::store_state(&h.ctx, id, state);
    h.ctx.memory_mut(|m| m.request_focus(id));
    h.run();
    h.input_mut()
        .events
        .push(egui::Event::Text(text.to_owned()));
    h.run();
    // Leave the text box, so Ctrl+Z is the document's undo.
    h.ctx.memory_mut(|m| m.surrender_focus(id));
    h.run();
}

fn undo(h: &mut Harness<'_, NianbaoApp>) {
    h.key_press_modifiers(Modifiers::COMMAND, Key::Z);
    h.run();
}

#[test]
fn inserting_a_sentence_puts_it_in_the_prose_with_live_figures() {
    let dir = tempfile::tempdir().unwrap();
    let before = {
        let h = harness(dir.path());
        s1(&h)
    };
    let h = inserted(dir.path());
    let after = s1(&h);
    let total = figure(&h, "t3.new.total");
    let sentence = format!("本年度新收政府信息公开申请{total}件");
    assert!(after.contains(&sentence), "{after}");
    assert!(
        after.starts_with(&before),
        "the clerk's words stay: {after}"
    );
    assert!(
        after[before.len()..].starts_with('\n'),
        "a paragraph of its own"
    );
    let fields = &h.state().document().report.fields["s1"];
    assert!(fields.len() > 5, "{fields:?}");
    assert!(fields.iter().all(|f| f.is_fresh(&after)));
    assert!(h.state().document().is_dirty());
}

#[test]
fn a_cell_change_updates_the_sentence_and_undo_restores_it() {
    let dir = tempfile::tempdir().unwrap();
    let mut h = inserted(dir.path());
    let words = s1(&h);
    let total = figure(&h, "t3.new.total");
    show_table_three(&mut h);
    type_into(&mut h, NEW_NATURAL, "100");
    let now = figure(&h, "t3.new.total");
    assert_ne!(now, total);
    let updated = s1(&h);
    assert!(
        updated.contains(&format!("新收政府信息公开申请{now}件")),
        "{updated}"
    );
    let words_only = |s: &str| s.replace(|c: char| c.is_ascii_digit(), "");
    assert_eq!(
        words_only(&updated),
        words_only(&words),
        "only figures changed"
    );
    // Undoing the cell edit puts the sentence back as it was.
    undo(&mut h);
    assert_eq!(figure(&h, "t3.new.total"), total);
    assert_eq!(s1(&h), words);
    // And undoing the insertion takes it away.
    undo(&mut h);
    assert!(!s1(&h).contains("本年度新收政府信息公开申请"));
}

#[test]
fn a_figure_typed_over_is_marked_stale_and_one_click_updates_it_then_undo() {
    let dir = tempfile::tempdir().unwrap();
    let mut h = inserted(dir.path());
    let total = figure(&h, "t3.new.total");
    let prose = s1(&h);
    let field = h.state().document().report.fields["s1"]
        .iter()
        .find(|f| f.expr == "t3.new.total")
        .cloned()
        .unwrap();
    assert_eq!(&prose[field.range()], total);
    type_over(&mut h, field.range(), "999");
    let typed = s1(&h);
    assert!(typed.contains("新收政府信息公开申请999件"), "{typed}");
    let message = format!("数据句中的“999”与表格不一致（表格为 {total}）");
    h.get_by_label(&message);
    // The table changes: the figure typed over stays, the others follow. (三's entry in the
    // parts list now counts the warning about 999.)
    h.state_mut().show_part(Part::Section(2));
    h.run();
    type_into(
        &mut h,
        "表三“二、上年结转政府信息公开申请数量”行“自然人”列",
        "40",
    );
    assert!(s1(&h).contains("新收政府信息公开申请999件"));
    let carried = figure(&h, "t3.carried_in.total");
    assert!(
        s1(&h).contains(&format!("上年结转{carried}件")),
        "{}",
        s1(&h)
    );
    h.state_mut().show_part(Part::Section(0));
    h.run();
    h.get_by_label(&message);
    let stale = s1(&h);
    h.get_by_label("更新").click();
    h.run();
    let fixed = s1(&h);
    assert!(
        fixed.contains(&format!("新收政府信息公开申请{total}件")),
        "{fixed}"
    );
    assert!(h.query_by_label(&message).is_none());
    assert!(h.state().document().stale.is_empty());
    // 更新 is one step of undo.
    undo(&mut h);
    assert_eq!(s1(&h), stale);
    h.get_by_label(&message);
    // Undoing the typing (settled into the history) brings the sentence back whole.
    undo(&mut h);
    undo(&mut h);
    assert_eq!(s1(&h), prose);
    assert!(h.state().document().stale.is_empty());
}

#[test]
fn a_sentence_goes_in_after_the_line_the_caret_is_on() {
    let dir = tempfile::tempdir().unwrap();
    let mut h = harness(dir.path());
    h.state_mut().show_part(Part::Section(0));
    h.run();
    let before = s1(&h);
    let heading = "（二）依申请公开";
    let at = before.find(heading).unwrap();
    // The caret in the sub-heading 依申请公开 (typing nothing).
    type_over(&mut h, at + 3..at + 3, "");
    h.get_by_label("插入数据句").click();
    h.run();
    h.get_by_label("依申请公开").click();
    h.run();
    let after = s1(&h);
    let expected = format!("{heading}\n本年度新收政府信息公开申请");
    assert!(after.contains(&expected), "{after}");
    assert!(after.starts_with(&before[..at + heading.len()]));
    assert!(after.ends_with(&before[at + heading.len()..]), "{after}");
}
