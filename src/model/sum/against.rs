//! A 本级/全县 report checked against the sum of its units: rule `H-SUM`, one error per cell
//! whose figure is not the sum, naming the units that contribute most.

use super::Summary;
use crate::model::check::{Finding, Need};
use crate::model::decimal::Decimal;
use crate::model::format::Severity;
use crate::model::report::Report;
use crate::model::rollover;
use crate::model::value::CellValue;

/// The rule id of a figure that is not the sum of the units'.
pub const RULE: &str = "H-SUM";
/// How many contributing units a message names.
const NAMED_UNITS: usize = 3;

/// One finding per cell of the total whose figure in `report` differs (blank and "/" read as 0;
/// text never equals a sum). A report in another format is moved into the total's first.
pub(super) fn check(summary: &Summary, report: &Report) -> Vec<Finding> {
    let Some(total) = &summary.total else {
        return Vec::new();
    };
    let format = total.format;
    let moved;
    let report = if report.format.id == format.id {
        report
    } else {
        moved = rollover::migrate(report, format);
        &moved
    };
    let sums = total.resolve();
    let written = report.resolve();
    let mut findings = Vec::new();
    for (ix, (sum, actual)) in sums.iter().zip(&written).enumerate() {
        let expected = sum.number().unwrap_or(Decimal::ZERO);
        let read = if actual.is_empty_like() {
            Some(Decimal::ZERO)
        } else {
            actual.number()
        };
        if read == Some(expected) {
            continue;
        }
        let shown = match actual {
            CellValue::Blank => "空白".to_owned(),
            v => v.display(),
        };
        let typed = format.cells.get(ix).is_some_and(|c| !c.derived);
        // The sum is the number to type in a cell the clerk types; a computed total follows
        // its parts and is not typed.
        let needs = if typed && expected >= Decimal::ZERO {
            vec![Need {
                cell: format.cell_id(ix).to_owned(),
                value: expected.to_string(),
                hint: format!("此格应为 {expected}，与各单位之和相等"),
            }]
        } else {
            Vec::new()
        };
        findings.push(Finding {
            needs,
            rule: RULE.to_owned(),
            severity: Severity::Error,
            cells: vec![format.cell_id(ix).to_owned()],
            section: None,
            expected: Some(expected.to_string()),
            actual: Some(shown.clone()),
            message: format!(
                "{}应为各单位之和 {expected}（{}），实为 {shown}",
                format.cell_label(ix),
                contributors_text(summary, ix)
            ),
        });
    }
    findings
}

/// `青禾街道办事处 12、城关镇 8、财政局 5 等 14 个单位`, or `各单位均为 0`.
pub(super) fn contributors_text(summary: &Summary, cell: usize) -> String {
    let list = summary.contributors(cell);
    if list.is_empty() {
        return "各单位均为 0".to_owned();
    }
    let named: Vec<String> = list
        .iter()
        .take(NAMED_UNITS)
        .filter_map(|&(u, v)| Some(format!("{} {v}", summary.units.get(u)?.name())))
        .collect();
    let named = named.join("、");
    if list.len() > NAMED_UNITS {
        format!("最多的是{named}，共 {} 个单位", list.len())
    } else {
        named
    }
}
