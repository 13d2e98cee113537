//! The total: every count and money cell the exact sum of the summed units, derived totals
//! computed, and what each unit contributed to each cell.

use super::{Reason, Status, Unit};
use crate::model::decimal::Decimal;
use crate::model::format::{CellKind, Format, ProseKind};
use crate::model::report::{Meta, Note, NoteKind, Report};
use crate::model::rollover;
use crate::model::value::CellValue;

/// The total and, for every cell, the units' non-zero figures, largest first.
pub(super) struct Totals {
    pub report: Report,
    pub contributions: Vec<Vec<(usize, Decimal)>>,
}

/// A unit's figures as summed: each input cell's number (blank and "/" as 0, text left out and
/// returned), each derived total computed from those (a typed total is not summed: the total
/// computes its own).
fn figures(report: &Report) -> (Vec<Decimal>, Vec<usize>) {
    let format = report.format;
    let mut text_cells = Vec::new();
    let mut values: Vec<Decimal> = (0..format.cells.len())
        .map(|ix| match report.entry(ix) {
            _ if format.cell(ix).is_some_and(|c| c.derived) => Decimal::ZERO,
            Some(CellValue::Invalid(_)) => {
                text_cells.push(ix);
                Decimal::ZERO
            }
            Some(v) => v.number().unwrap_or(Decimal::ZERO),
            None => Decimal::ZERO,
        })
        .collect();
    for (total, parts) in &format.derivations {
        let sum = parts
            .iter()
            .filter_map(|&p| values.get(p).copied())
            .try_fold(Decimal::ZERO, Decimal::checked_add);
        if let (Some(sum), Some(slot)) = (sum, values.get_mut(*total)) {
            *slot = sum;
        }
    }
    (values, text_cells)
}

/// Sums the included units (moving any filed in another format into `format` first, with a
/// reason) into a new draft of `format` for `year`, agency `agency`.
pub(super) fn sum(format: &'static Format, year: u16, agency: &str, units: &mut [Unit]) -> Totals {
    let mut report = Report::new(format, year);
    report.meta = Meta {
        agency: agency.to_owned(),
        year,
        title: Meta::default_title(agency, year),
        preamble: Meta::default_preamble(year),
        signature_unit: agency.to_owned(),
        ..Meta::default()
    };
    // A section the format gives no sub-headings (五) starts from the format's 汇总 template.
    for template in &format.summary.templates {
        if report.prose(&template.section).is_empty() {
            report
                .prose
                .insert(template.section.clone(), template.text.clone());
        }
    }
    let mut sums: Vec<Option<Decimal>> = vec![Some(Decimal::ZERO); format.cells.len()];
    let mut contributions: Vec<Vec<(usize, Decimal)>> = vec![Vec::new(); format.cells.len()];
    let mut notes = Vec::new();
    for (u, unit) in units.iter_mut().enumerate() {
        if unit.status != Status::Included {
            continue;
        }
        let Some(filed) = &unit.report else { continue };
        let moved;
        let summed = if filed.format.id == format.id {
            filed
        } else {
            moved = rollover::migrate(filed, format);
            let added = moved.notes.get(filed.notes.len()..).unwrap_or_default();
            unit.reasons.push(Reason::Migrated {
                from: filed.format.name.clone(),
                to: format.name.clone(),
                notes: added.len(),
            });
            // The move's own notes, under the unit's name, for the office to review.
            notes.extend(added.iter().map(|n| Note {
                text: format!("“{}”（{}）：{}", unit.name(), unit.file, n.text),
                ..n.clone()
            }));
            &moved
        };
        let (values, text_cells) = figures(summed);
        for &ix in &text_cells {
            notes.push(Note {
                kind: NoteKind::Sum,
                cell: Some(format.cell_id(ix).to_owned()),
                section: None,
                text: format!(
                    "“{}”（{}）的{}填的是“{}”，不是数字，没有计入合计",
                    unit.name(),
                    unit.file,
                    format.cell_label(ix),
                    summed.entry(ix).map(CellValue::display).unwrap_or_default()
                ),
            });
        }
        if !text_cells.is_empty() {
            unit.reasons.push(Reason::TextCells(text_cells.len()));
        }
        for (ix, value) in values.iter().enumerate() {
            if let Some(slot) = sums.get_mut(ix) {
                *slot = slot.and_then(|s| s.checked_add(*value));
            }
            if !value.is_zero()
                && let Some(list) = contributions.get_mut(ix)
            {
                list.push((u, *value));
            }
        }
        let mut shown = summed.resolve();
        for &ix in &text_cells {
            // The matrix shows what the unit wrote.
            if let (Some(slot), Some(v)) = (shown.get_mut(ix), summed.entry(ix)) {
                *slot = v.clone();
            }
        }
        unit.values = shown;
    }
    for (ix, info) in format.cells.iter().enumerate() {
        if info.derived {
            continue;
        }
        let value = match sums.get(ix).copied().flatten() {
            Some(d) => figure(info.kind, d),
            None => {
                notes.push(Note {
                    kind: NoteKind::Sum,
                    cell: Some(info.id.clone()),
                    section: None,
                    text: format!("{}的合计超出了可以计算的范围", format.cell_label(ix)),
                });
                CellValue::Invalid("合计过大".to_owned())
            }
        };
        report.set(ix, Some(value));
    }
    for list in &mut contributions {
        list.sort_by(|a, b| b.1.cmp(&a.1).then(a.0.cmp(&b.0)));
    }
    let prose_sections = format
        .sections
        .iter()
        .filter(|s| s.prose == ProseKind::Main)
        .map(|s| s.id.as_str());
    notes.insert(
        0,
        Note {
            kind: NoteKind::Sum,
            cell: None,
            section: None,
            text: format!(
                "表格数字是计入单位的合计；正文只有小标题，请按本级（全县）的情况撰写{}",
                super::sections_text(format, prose_sections)
            ),
        },
    );
    report.notes = notes;
    Totals {
        report,
        contributions,
    }
}

/// A sum as a cell of `kind` holds it: an integer for counts, an exact amount for money.
fn figure(kind: CellKind, d: Decimal) -> CellValue {
    match (kind, d.to_int()) {
        (CellKind::Money(_), _) | (_, None) => CellValue::Money(d),
        (_, Some(i)) => CellValue::Int(i),
    }
}
