//! What each table cell prints: the value the grid shows, except that a total nobody filled in
//! any part of prints blank rather than a computed 0.

use crate::model::{CellValue, Report};

/// One sentence for the editor's 填报说明 on how blanks print.
pub const BLANKS_ON_PAPER: &str = "没有填写的格子在打印版（PDF）上留空；一个总计所含的各项都没有填写时，\
     总计也留空，不印 0（各项都填“/”时印“/”）；要在打印版上印出 0，请在格子里填 0。";

/// Every cell's value as printed: the entry if there is one (a typed total included), else the
/// computed total — unless every part of that total is blank or "/", when it prints blank (or
/// "/" if every part is "/"), so that a row left empty does not print 总计 0.
pub fn printed_values(report: &Report) -> Vec<CellValue> {
    let mut shown = report.resolve();
    // Derivations come parts first, so a total of totals sees its parts as printed.
    for (total, parts) in &report.format.derivations {
        if report.entry(*total).is_some() || parts.is_empty() {
            continue;
        }
        let part = |p: &usize| shown.get(*p).cloned().unwrap_or(CellValue::Blank);
        if !parts.iter().all(|p| part(p).is_empty_like()) {
            continue;
        }
        let value = if parts.iter().all(|p| part(p) == CellValue::NotApplicable) {
            CellValue::NotApplicable
        } else {
            CellValue::Blank
        };
        if let Some(slot) = shown.get_mut(*total) {
            *slot = value;
        }
    }
    shown
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::model::format;

    fn value(report: &Report, shown: &[CellValue], id: &str) -> CellValue {
        shown[report.format.cell_index(id).unwrap()].clone()
    }

    #[test]
    fn a_total_of_blank_parts_prints_blank_and_of_slashes_a_slash() {
        let mut r = Report::new(format::by_id("gb2021").unwrap(), 2025);
        // 表三 一、本年新收: nothing filled; 上年结转: every applicant "/".
        for col in [
            "natural",
            "corp_commercial",
            "corp_research",
            "corp_welfare",
            "corp_legal",
            "corp_other",
        ] {
            let id = format!("t3.carried_in.{col}");
            assert!(r.set_by_id(&id, Some(CellValue::NotApplicable)), "{id}");
        }
        // 表四 行政复议: one part filled.
        assert!(r.set_by_id("t4.review.upheld", Some(CellValue::Int(2))));
        let shown = printed_values(&r);
        assert_eq!(value(&r, &shown, "t3.new.total"), CellValue::Blank);
        assert_eq!(
            value(&r, &shown, "t3.carried_in.total"),
            CellValue::NotApplicable
        );
        assert_eq!(value(&r, &shown, "t4.review.total"), CellValue::Int(2));
        assert_eq!(value(&r, &shown, "t4.review.upheld"), CellValue::Int(2));
        // The grid's resolution computes 0 for the blank row; the paper leaves it blank.
        assert_eq!(
            r.resolve()[r.format.cell_index("t3.new.total").unwrap()],
            CellValue::Int(0)
        );
        // A typed total is printed as typed, even over blank parts.
        assert!(r.set_by_id("t3.new.total", Some(CellValue::Int(0))));
        assert_eq!(
            value(&r, &printed_values(&r), "t3.new.total"),
            CellValue::Int(0)
        );
    }

    #[test]
    fn the_sample_prints_what_the_grid_shows() {
        let r = crate::io::sample().unwrap();
        assert_eq!(printed_values(&r), r.resolve());
    }
}
