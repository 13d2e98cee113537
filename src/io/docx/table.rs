//! A table of the report as a Word table, from the format's printed grid (the same merged
//! headers and group labels the PDF draws): spans as `w:gridSpan`, rows spanned as `w:vMerge`,
//! header rows repeated on every page, no row split across pages and a merged group's rows kept
//! on one page. Column widths are the PDF's.

use std::fmt::Write;

use super::xml::{RunStyle, paragraph, run};
use crate::io::page::{TEXT_W, column_widths, group_label_lines};
use crate::model::format::{GridCell, GridContent, PrintedGrid};
use crate::model::lexicon::SIGNOFF_LABELS;

/// Table type size in points (五号), as the PDF's largest.
pub const SIZE: f32 = 10.5;

/// Twips (1/20 pt) from points.
fn twips(points: f32) -> i64 {
    // Page dimensions in points are well inside i64.
    #[allow(clippy::cast_possible_truncation)]
    let t = (points * 20.0).round() as i64;
    t
}

/// How a cell's text sits: values, headers and group labels centred, row labels left (as in
/// the PDF).
fn centred(grid: &PrintedGrid, c: &GridCell) -> bool {
    match c.content {
        GridContent::Value(_) => true,
        GridContent::Label(_) => {
            c.header || c.row_span > 1 || c.col + c.col_span < grid.label_columns
        }
    }
}

/// Left and right cell margins (`w:tblCellMar`), in twips.
const CELL_MARGINS: i64 = 80;

/// Whether `c` is a group label: a label spanning rows below the header ("三、本年度办理结果",
/// "（三）不予公开").
fn is_group_label(c: &GridCell) -> bool {
    !c.header && c.row_span > 1 && matches!(c.content, GridContent::Label(_))
}

/// Indents narrowing a header cell `width` twips wide so that a label that wraps breaks only
/// between its two-character words: the official headers are such words (商业企业, 社会公益组织,
/// 结果维持), and a line of an odd number of characters would cut one ("商业企/业"). Empty when
/// the label fits one line or the line already holds an even number.
pub(super) fn pair_indent(label: &str, width: i64) -> String {
    let em = twips(SIZE);
    let chars = label.chars().count();
    // Ideographs only: a sentence with punctuation (the 勾稽关系 note) breaks where it must.
    let all_wide = label
        .chars()
        .all(|c| ('\u{4e00}'..='\u{9fff}').contains(&c));
    let room = width - CELL_MARGINS;
    let per_line = usize::try_from(room / em.max(1)).unwrap_or(0);
    if !all_wide || chars % 2 == 1 || chars <= per_line || per_line < 3 || per_line % 2 == 0 {
        return String::new();
    }
    // Room for one character fewer, with a little slack for the face's rounding.
    #[allow(clippy::cast_possible_wrap)]
    let text = (per_line as i64 - 1) * em + em / 10;
    let side = ((room - text) / 2).max(0);
    format!(r#"<w:ind w:left="{side}" w:right="{side}"/>"#)
}

/// Which printed rows keep with the next (`w:keepNext` on their paragraphs, which Word and
/// LibreOffice honour between table rows): the header rows (never alone at a page's foot),
/// every row of a merged group that holds no group but its last (a group label such as
/// （三）不予公开 is not repeated on the next page as the PDF repeats it, so the group stays
/// whole; the group holding it may break between its groups), and the row
/// before the last (the table never ends with one row alone under a repeated header).
fn keep_with_next(grid: &PrintedGrid) -> Vec<bool> {
    let mut keep: Vec<bool> = (0..grid.rows).map(|r| r < grid.header_rows).collect();
    let groups: Vec<&GridCell> = grid
        .cells
        .iter()
        .filter(|c| !c.header && c.row_span > 1)
        .collect();
    // A group holding groups (三、本年度办理结果) is longer than a page in the sample: kept
    // whole, Word and LibreOffice break it wherever the page ends, splitting an inner one.
    let holds_groups = |c: &GridCell| {
        groups
            .iter()
            .any(|g| g.col > c.col && g.row >= c.row && g.row + g.row_span <= c.row + c.row_span)
    };
    for c in groups.iter().filter(|c| !holds_groups(c)) {
        for k in keep.iter_mut().skip(c.row).take(c.row_span - 1) {
            *k = true;
        }
    }
    if grid.rows > grid.header_rows + 1
        && let Some(k) = keep.get_mut(grid.rows - 2)
    {
        *k = true;
    }
    keep
}

/// Writes `grid` as a table; `text` gives each cell's text; `label_width` is the shared label
/// width of the sub-tables of 二 (as in the PDF).
pub fn write(
    out: &mut String,
    grid: &PrintedGrid,
    label_width: Option<f32>,
    text: &dyn Fn(&GridCell) -> String,
) {
    let widths: Vec<i64> = {
        // No measured figure widths: Word lays the figures out with its own fonts.
        let pts = column_widths(grid, TEXT_W, SIZE, label_width, &[]);
        let mut w: Vec<i64> = pts.iter().map(|&p| twips(p)).collect();
        // Round so the columns fill the text block exactly.
        let total: i64 = w.iter().sum();
        if let Some(last) = w.last_mut() {
            *last += twips(TEXT_W) - total;
        }
        w
    };
    let _ = write!(
        out,
        r#"<w:tbl><w:tblPr><w:tblW w:w="{}" w:type="dxa"/><w:jc w:val="center"/><w:tblBorders><w:top w:val="single" w:sz="4" w:space="0" w:color="auto"/><w:left w:val="single" w:sz="4" w:space="0" w:color="auto"/><w:bottom w:val="single" w:sz="4" w:space="0" w:color="auto"/><w:right w:val="single" w:sz="4" w:space="0" w:color="auto"/><w:insideH w:val="single" w:sz="4" w:space="0" w:color="auto"/><w:insideV w:val="single" w:sz="4" w:space="0" w:color="auto"/></w:tblBorders><w:tblLayout w:type="fixed"/><w:tblCellMar><w:left w:w="40" w:type="dxa"/><w:right w:w="40" w:type="dxa"/></w:tblCellMar><w:tblLook w:val="0000" w:firstRow="0" w:lastRow="0" w:firstColumn="0" w:lastColumn="0" w:noHBand="0" w:noVBand="0"/></w:tblPr><w:tblGrid>"#,
        twips(TEXT_W)
    );
    for w in &widths {
        let _ = write!(out, r#"<w:gridCol w:w="{w}"/>"#);
    }
    out.push_str("</w:tblGrid>");
    // Which grid cell covers each slot.
    let mut cover: Vec<Vec<Option<usize>>> = vec![vec![None; grid.columns]; grid.rows];
    for (i, c) in grid.cells.iter().enumerate() {
        for row in cover.iter_mut().skip(c.row).take(c.row_span.max(1)) {
            for slot in row.iter_mut().skip(c.col).take(c.col_span.max(1)) {
                *slot = Some(i);
            }
        }
    }
    let keep = keep_with_next(grid);
    for (r, row) in cover.iter().enumerate() {
        let keep_next = if keep.get(r).copied().unwrap_or(false) {
            "<w:keepNext/>"
        } else {
            ""
        };
        // At least the PDF's row: one line of 五号 with its padding.
        let _ = write!(
            out,
            r#"<w:tr><w:trPr><w:cantSplit/><w:trHeight w:val="{}"/>"#,
            twips(SIZE * 1.3 + 6.0)
        );
        if r < grid.header_rows {
            out.push_str("<w:tblHeader/>");
        }
        out.push_str("</w:trPr>");
        let mut col = 0;
        while col < grid.columns {
            let Some(c) = row
                .get(col)
                .copied()
                .flatten()
                .and_then(|i| grid.cells.get(i))
            else {
                // A hole in the grid: an empty cell.
                let w = widths.get(col).copied().unwrap_or(0);
                let _ = write!(
                    out,
                    r#"<w:tc><w:tcPr><w:tcW w:w="{w}" w:type="dxa"/></w:tcPr><w:p><w:pPr><w:pStyle w:val="TableText"/>{keep_next}</w:pPr></w:p></w:tc>"#
                );
                col += 1;
                continue;
            };
            let span = c.col_span.max(1);
            let w: i64 = widths.iter().skip(c.col).take(span).sum();
            let _ = write!(out, r#"<w:tc><w:tcPr><w:tcW w:w="{w}" w:type="dxa"/>"#);
            if span > 1 {
                let _ = write!(out, r#"<w:gridSpan w:val="{span}"/>"#);
            }
            let starts_here = c.row == r;
            if c.row_span > 1 {
                out.push_str(if starts_here {
                    r#"<w:vMerge w:val="restart"/>"#
                } else {
                    "<w:vMerge/>"
                });
            }
            out.push_str(r#"<w:vAlign w:val="center"/></w:tcPr>"#);
            let align = if centred(grid, c) {
                ""
            } else {
                r#"<w:jc w:val="left"/>"#
            };
            let content = if starts_here { text(c) } else { String::new() };
            let indent = if c.header {
                pair_indent(&content, w)
            } else {
                String::new()
            };
            let props = format!("{keep_next}{indent}{align}");
            // A group label breaks only between words, its ordinal on a line of its own, as in
            // the PDF: "（三）" over "不予公开", 三、|本|年度|办理|结果.
            let content = if is_group_label(c) {
                let per_line =
                    usize::try_from((w - CELL_MARGINS) / twips(SIZE).max(1)).unwrap_or(1);
                group_label_lines(&content, per_line).join("\n")
            } else {
                content
            };
            paragraph(out, "TableText", &props, |out| {
                run(out, &content, RunStyle::default());
            });
            out.push_str("</w:tc>");
            col += span;
        }
        out.push_str("</w:tr>");
    }
    out.push_str("</w:tbl>");
}

/// The internal approval block ([`SIGNOFF_LABELS`], two a row), 4号, as in the PDF.
pub fn signoff(out: &mut String) {
    let narrow = 4.0 * 14.0;
    let wide = TEXT_W / 2.0 - narrow;
    let widths = [narrow, wide, narrow, wide].map(twips);
    out.push_str(r#"<w:tbl><w:tblPr><w:tblW w:w="0" w:type="auto"/><w:jc w:val="center"/><w:tblBorders><w:top w:val="single" w:sz="4" w:space="0" w:color="auto"/><w:left w:val="single" w:sz="4" w:space="0" w:color="auto"/><w:bottom w:val="single" w:sz="4" w:space="0" w:color="auto"/><w:right w:val="single" w:sz="4" w:space="0" w:color="auto"/><w:insideH w:val="single" w:sz="4" w:space="0" w:color="auto"/><w:insideV w:val="single" w:sz="4" w:space="0" w:color="auto"/></w:tblBorders><w:tblLayout w:type="fixed"/></w:tblPr><w:tblGrid>"#);
    for w in widths {
        let _ = write!(out, r#"<w:gridCol w:w="{w}"/>"#);
    }
    out.push_str("</w:tblGrid>");
    for labels in SIGNOFF_LABELS.chunks(2) {
        out.push_str(r#"<w:tr><w:trPr><w:cantSplit/><w:trHeight w:val="696"/></w:trPr>"#);
        for (i, w) in widths.iter().enumerate() {
            let label = if i % 2 == 0 {
                labels.get(i / 2).copied().unwrap_or_default()
            } else {
                ""
            };
            let _ = write!(
                out,
                r#"<w:tc><w:tcPr><w:tcW w:w="{w}" w:type="dxa"/><w:vAlign w:val="center"/></w:tcPr>"#
            );
            paragraph(out, "TableText", "", |out| {
                run(
                    out,
                    label,
                    RunStyle {
                        half_points: Some(28),
                        ..RunStyle::default()
                    },
                );
            });
            out.push_str("</w:tc>");
        }
        out.push_str("</w:tr>");
    }
    out.push_str("</w:tbl>");
}
