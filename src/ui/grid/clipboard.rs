//! Blocks of cells as tab-separated text, the way Excel and WPS copy and paste them.

use crate::model::format::CellIx;
use crate::model::value::parse_entry;
use crate::model::{CellValue, Format};
use crate::ui::command::Effect;
use crate::ui::document::Document;
use crate::ui::nav::Nav;

/// A block of cells (row by row) as TSV, with the number of cells in it.
pub fn copy_block(doc: &Document, block: &[Vec<CellIx>]) -> (String, usize) {
    let lines: Vec<String> = block
        .iter()
        .map(|row| {
            row.iter()
                .map(|&c| {
                    doc.resolved
                        .get(c)
                        .map(CellValue::display)
                        .unwrap_or_default()
                })
                .collect::<Vec<_>>()
                .join("\t")
        })
        .collect();
    (lines.join("\n"), block.iter().map(Vec::len).sum())
}

/// Reads a TSV block (from Excel/WPS) into cell edits starting at `at`, and says what was done.
pub fn paste_tsv(format: &Format, nav: &Nav, at: CellIx, text: &str) -> Vec<Effect> {
    let Some((r0, c0)) = nav.pos(at) else {
        return Vec::new();
    };
    let mut edits = Vec::new();
    let mut skipped = 0;
    let lines: Vec<&str> = text.trim_end_matches(['\r', '\n']).split('\n').collect();
    for (i, line) in lines.iter().enumerate() {
        for (j, field) in line.trim_end_matches('\r').split('\t').enumerate() {
            let Some(cell) = nav.at(r0 + i, c0 + j) else {
                skipped += 1;
                continue;
            };
            let Some(info) = format.cell(cell) else {
                continue;
            };
            if info.derived {
                skipped += 1;
                continue;
            }
            let value = parse_entry(field, info.kind).value;
            edits.push((cell, (value != CellValue::Blank).then_some(value)));
        }
    }
    let count = edits.len();
    let more = if skipped > 0 {
        format!("（{skipped} 个总计或表外单元格未粘贴）")
    } else {
        String::new()
    };
    vec![
        Effect::SetCells(edits),
        Effect::Status(format!("已粘贴 {count} 个单元格{more}")),
    ]
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::model::format;

    #[test]
    fn pasting_tsv_fills_a_block_and_skips_totals() {
        let f = format::by_id("gb2021").unwrap();
        let nav = Nav::for_section(f, 2);
        let at = f.cell_index("t3.new.corp_other").unwrap();
        let effects = paste_tsv(f, &nav, at, "1\t２件\t9\r\n3\t1,000\n");
        let Effect::SetCells(edits) = &effects[0] else {
            panic!()
        };
        let ids: Vec<&str> = edits.iter().map(|(c, _)| f.cell_id(*c)).collect();
        assert_eq!(
            ids,
            ["t3.new.corp_other", "t3.carried_in.corp_other"],
            "totals column skipped"
        );
        assert_eq!(edits[0].1, Some(CellValue::Int(1)));
        assert_eq!(edits[1].1, Some(CellValue::Int(3)));
        let Effect::Status(msg) = &effects[1] else {
            panic!()
        };
        assert!(msg.contains("已粘贴 2 个单元格"), "{msg}");
    }
}
