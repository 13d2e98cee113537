//! Next year's draft from this year's report, and moving a draft between formats.

use super::decimal::Decimal;
use super::format::{self, Format, Migration, Registry};
use super::report::{Meta, Note, NoteKind, PreviousYear, Report};
use super::value::CellValue;

/// Starts the report for the year after `last`: the format that year needs (a 2019/2020 draft
/// moves to the 2021 format, with notes), 上年结转 and the other carry-overs filled from `last`,
/// last year's figures and prose kept inside the draft for the cross-year rules, this year's
/// counts cleared, the prose kept (the Y-NOCOPY rule warns until it is rewritten), and the year
/// bumped in the title, 文号 and 统计期限.
pub fn next_year(last: &Report) -> Report {
    next_year_in(format::builtin(), last)
}

/// [`next_year`] with the formats of `registry` (the built-in one, or a test's): the new draft
/// takes the registry's format for next year.
pub fn next_year_in(registry: &'static Registry, last: &Report) -> Report {
    let year = last.meta.year.saturating_add(1);
    let format = registry.for_year(year).unwrap_or(last.format);
    let previous = PreviousYear::from_report(last);
    let mut next = Report::new(format, year);
    next.meta = Meta {
        agency: last.meta.agency.clone(),
        year,
        title: bump_year(&last.meta.title, last.meta.year),
        doc_number: bump_year(&last.meta.doc_number, last.meta.year),
        preamble: bump_year(&last.meta.preamble, last.meta.year),
        signature_unit: last.meta.signature_unit.clone(),
        signature_date: None,
    };
    if last.meta.title.is_empty() {
        next.meta.title = Meta::default_title(&last.meta.agency, year);
    }
    let mut notes = Vec::new();
    if !next.meta.doc_number.is_empty() {
        notes.push(Note {
            kind: NoteKind::Rollover,
            cell: None,
            section: None,
            text: format!("文号已改为“{}”，请核对序号", next.meta.doc_number),
        });
    }
    for (id, text) in &last.prose {
        if format.section(id).is_some() {
            next.prose.insert(id.clone(), text.clone());
        }
    }
    if !last.prose.is_empty() {
        notes.push(Note {
            kind: NoteKind::Rollover,
            cell: None,
            section: None,
            text:
                "正文沿用了上年的内容，请按本年度实际情况逐段改写（未改写的部分会提示“与上年雷同”）"
                    .to_owned(),
        });
    }
    let mut carried = Vec::new();
    for carry in &format.rollover {
        if format.cell(carry.target).is_some_and(|c| c.derived) {
            // A total: computed from the carried parts, never typed.
            continue;
        }
        let target_id = format.cell_id(carry.target).to_owned();
        let label = format.cell_label(carry.target);
        let text = match carried_value(&carry.from, &previous) {
            // A blank (or "/") last year is no figure: the cell stays blank, never 0.
            Carried::Blank => {
                format!("{label}：上年报告中对应的栏目是空白，本稿中也留为空白，请填写")
            }
            Carried::Value(value) => {
                next.set(carry.target, Some(CellValue::Int(value)));
                format!("{label}已按上年报告填为 {value}")
            }
            Carried::Unknown => format!("{label}无法从上年报告推算，本稿中为空白，请填写"),
        };
        carried.push(Note {
            kind: NoteKind::Rollover,
            cell: Some(target_id),
            section: None,
            text,
        });
    }
    if format.id != last.format.id {
        notes.extend(format_change_notes(last, &next, &previous));
    }
    notes.extend(carried);
    next.previous = Some(previous);
    next.notes = notes;
    next
}

/// What a carry-over takes from last year's report.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum Carried {
    /// The figure.
    Value(i64),
    /// Last year left a cell it comes from blank (or "/").
    Blank,
    /// Not a count (text, a cell last year's format lacks, out of range).
    Unknown,
}

/// The carry-over from last year's cells `from` (signed).
fn carried_value(from: &[(i8, String)], previous: &PreviousYear) -> Carried {
    let blank = from.iter().any(|(_, id)| match previous.cells.get(id) {
        Some(v) => v.is_empty_like(),
        // A blank cell is not stored; it was blank if last year's format has it.
        None => format::by_id(&previous.format).is_some_and(|f| f.cell_index(id).is_some()),
    });
    if blank {
        return Carried::Blank;
    }
    let mut sum = Some(Decimal::ZERO);
    for (sign, id) in from {
        let v = previous.number(id);
        sum = sum
            .zip(v)
            .and_then(|(a, b)| a.checked_add(if *sign < 0 { -b } else { b }));
    }
    sum.and_then(Decimal::to_int)
        .map_or(Carried::Unknown, Carried::Value)
}

/// The cells the rollover fills in `report` (from the last year it keeps), each with the figure
/// it put there: such a figure is the program's, not the clerk's (the editor tells a table the
/// clerk has not started yet by it).
pub fn carried_in(report: &Report) -> Vec<(format::CellIx, CellValue)> {
    let Some(previous) = &report.previous else {
        return Vec::new();
    };
    report
        .format
        .rollover
        .iter()
        .filter_map(|carry| match carried_value(&carry.from, previous) {
            Carried::Value(v) => Some((carry.target, CellValue::Int(v))),
            Carried::Blank | Carried::Unknown => None,
        })
        .collect()
}

/// What the draft holds in `cell`, said so that a note never claims more than is there.
fn in_draft(draft: &Report, cell: format::CellIx) -> String {
    match draft.entry(cell) {
        Some(v) if !v.is_empty_like() => format!("本稿中该栏为 {}", v.display()),
        _ => "本稿中该栏为空白，请按本年度实际填写".to_owned(),
    }
}

/// Notes on what a change of format does to last year's figures (FORMAT.md §6). Last year's
/// figures are not copied into next year's draft (only the carry-overs are): each note says what
/// last year's report held, where the new format has it, and what the draft holds there.
fn format_change_notes(last: &Report, next: &Report, previous: &PreviousYear) -> Vec<Note> {
    let to = next.format;
    let note = |cell: Option<String>, text: String| Note {
        kind: NoteKind::Migration,
        cell,
        section: None,
        text,
    };
    let mut notes = vec![note(
        None,
        format!(
            "{}年度起使用{}，上年报告使用的是{}",
            to.first_year, to.name, last.format.name
        ),
    )];
    let migration = to.migration_from(&last.format.id);
    for (ix, info) in last.format.cells.iter().enumerate() {
        let Some(value) = previous.cells.get(&info.id).filter(|v| !v.is_empty_like()) else {
            continue;
        };
        let shown = value.display();
        let label = last.format.cell_label(ix);
        match migration.and_then(|m| m.move_of(ix)) {
            Some(mv) => match mv.to {
                Some(target) => notes.push(note(
                    Some(to.cell_id(target).to_owned()),
                    format!(
                        "上年报告{label}为 {shown}；{}中与之对应的是{}（{}）。{}",
                        to.name,
                        to.cell_label(target),
                        mv.note,
                        in_draft(next, target)
                    ),
                )),
                None => notes.push(note(
                    None,
                    format!(
                        "上年报告{label}为 {shown}；{}中没有对应的栏目（{}），该数值保存在上年数据中",
                        to.name, mv.note
                    ),
                )),
            },
            None if to.cell_index(&info.id).is_none() => notes.push(note(
                None,
                format!(
                    "上年报告{label}为 {shown}；{}中没有此栏目，该数值保存在上年数据中",
                    to.name
                ),
            )),
            None => {}
        }
    }
    if let Some(m) = migration {
        notes.extend(added_notes(m, next));
    }
    notes
}

/// Notes on the cells new in the draft's format, and on the prose it asks for.
fn added_notes<'a>(m: &'a Migration, draft: &'a Report) -> impl Iterator<Item = Note> + 'a {
    let to = draft.format;
    let cells = m.added.iter().map(move |a| Note {
        kind: NoteKind::Migration,
        cell: Some(to.cell_id(a.cell).to_owned()),
        section: None,
        text: match draft.entry(a.cell) {
            Some(v) if !v.is_empty_like() => format!(
                "{}：{}（本稿中该栏为 {}）",
                to.cell_label(a.cell),
                a.note,
                v.display()
            ),
            _ => format!("{}：{}（本稿中该栏为空白）", to.cell_label(a.cell), a.note),
        },
    });
    let prose = m.prose.iter().map(|p| Note {
        kind: NoteKind::Migration,
        cell: None,
        section: Some(p.section.clone()),
        text: p.note.clone(),
    });
    cells.chain(prose)
}

/// Moves a draft into another format, keeping its year: values move where the format's
/// migration says (flagged with a note), same-id cells are copied, and everything that has no
/// place in the new format is dropped with a note that keeps its value.
pub fn migrate(report: &Report, to: &'static Format) -> Report {
    let mut out = Report::new(to, report.meta.year);
    out.meta = report.meta.clone();
    out.prose = report.prose.clone();
    out.previous = report.previous.clone();
    out.notes = report.notes.clone();
    let migration = to.migration_from(&report.format.id);
    for (ix, info) in report.format.cells.iter().enumerate() {
        let Some(value) = report.entry(ix) else {
            continue;
        };
        let label = report.format.cell_label(ix);
        let shown = value.display();
        let (target, note) = match migration.and_then(|m| m.move_of(ix)) {
            Some(mv) => match mv.to {
                Some(t) => (
                    Some(t),
                    Some(format!(
                        "{label}原为 {shown}，已暂填入{}（{}），请核实",
                        to.cell_label(t),
                        mv.note
                    )),
                ),
                None => (
                    None,
                    Some(format!("{label}原为 {shown}，未迁移：{}", mv.note)),
                ),
            },
            None => match to.cell_index(&info.id) {
                Some(t) => (Some(t), None),
                None => (
                    None,
                    Some(format!(
                        "{label}原为 {shown}，{}中没有此栏目，已删除",
                        to.name
                    )),
                ),
            },
        };
        if let Some(t) = target {
            out.set(t, Some(value.clone()));
        }
        if let Some(text) = note {
            out.notes.push(Note {
                kind: NoteKind::Migration,
                cell: Some(target.map_or_else(|| info.id.clone(), |t| to.cell_id(t).to_owned())),
                section: None,
                text,
            });
        }
    }
    if let Some(m) = migration {
        let added: Vec<Note> = added_notes(m, &out).collect();
        out.notes.extend(added);
    }
    out
}

/// Replaces `{year}年` by `{year+1}年` and `〔{year+1}〕` by `〔{year+2}〕` (the 文号 carries the
/// year of publication).
fn bump_year(text: &str, year: u16) -> String {
    let (y, y1, y2) = (year, year.saturating_add(1), year.saturating_add(2));
    text.replace(&format!("〔{y1}〕"), &format!("〔{y2}〕"))
        .replace(&format!("{y}年"), &format!("{y1}年"))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_blank_last_year_stays_blank_and_the_note_says_so() {
        let f = format::by_id("gb2021").unwrap();
        let mut last = Report::new(f, 2024);
        last.meta.agency = "某街道办事处".into();
        let natural = f.cell_index("t3.carried_out.natural").unwrap();
        let commercial = f.cell_index("t3.carried_out.corp_commercial").unwrap();
        last.set(natural, Some(CellValue::Int(3)));
        last.set(commercial, Some(CellValue::Int(0)));
        let next = next_year(&last);
        let get = |id: &str| next.entry(f.cell_index(id).unwrap()).cloned();
        assert_eq!(get("t3.carried_in.natural"), Some(CellValue::Int(3)));
        assert_eq!(
            get("t3.carried_in.corp_commercial"),
            Some(CellValue::Int(0))
        );
        assert_eq!(
            get("t3.carried_in.corp_research"),
            None,
            "blank stays blank"
        );
        let note = |id: &str| {
            next.notes
                .iter()
                .find(|n| n.cell.as_deref() == Some(id))
                .map(|n| n.text.clone())
                .unwrap()
        };
        assert!(note("t3.carried_in.natural").contains("已按上年报告填为 3"));
        assert!(note("t3.carried_in.corp_commercial").contains("已按上年报告填为 0"));
        let research = note("t3.carried_in.corp_research");
        assert!(research.contains("空白"), "{research}");
        assert!(!research.contains("填为"), "{research}");
        assert!(
            next.notes.iter().all(|n| !n.text.contains("填为 0")
                || n.cell.as_deref() == Some("t3.carried_in.corp_commercial")),
            "no blank is said to be 0: {:#?}",
            next.notes
        );
    }

    #[test]
    fn bumps_years_in_titles_and_numbers() {
        assert_eq!(
            bump_year("某街道2024年政府信息公开工作年度报告", 2024),
            "某街道2025年政府信息公开工作年度报告"
        );
        assert_eq!(bump_year("漳审综〔2025〕2号", 2024), "漳审综〔2026〕2号");
        assert_eq!(
            bump_year("统计期限自2024年1月1日起至2024年12月31日止", 2024),
            "统计期限自2025年1月1日起至2025年12月31日止"
        );
    }
}
