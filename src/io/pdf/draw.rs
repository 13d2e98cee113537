//! Stage 4, draw: pages of placed boxes into printpdf operations — text, table borders and the
//! page numbers.

use printpdf::{
    Color, FontId, Op, PaintMode, PdfFontHandle, PdfPage, Pt, Rect, Rgb, TextItem, TextMatrix,
};

use super::boxes::{Align, Block, Glyph, TableBox, TextLine};
use super::metrics::FontBook;
use super::paginate::{Page, Placed};
use super::typeset::{Setting, set_text, styled};
use crate::io::fonts::FontRole;
use crate::io::page::{LEFT, MM, PAGE_H, PAGE_W, TEXT_H, TEXT_W, TOP};

/// Page-number size: 4号 (14 pt).
const FOLIO: f32 = 14.0;
/// Table rule width.
const RULE: f32 = 0.6;

/// Draws every page.
pub(super) fn draw(book: &FontBook, blocks: &[Block], pages: &[Page]) -> Vec<PdfPage> {
    pages
        .iter()
        .enumerate()
        .map(|(i, page)| {
            let mut ops = vec![
                Op::SetFillColor { col: black() },
                Op::SetOutlineColor { col: black() },
                Op::SetOutlineThickness { pt: Pt(RULE) },
            ];
            for placed in page {
                match placed {
                    Placed::Line { block, line, y } => {
                        if let Some(Block::Lines { lines, .. }) = blocks.get(*block)
                            && let Some(line) = lines.get(*line)
                        {
                            text_line(&mut ops, book, line, LEFT, TOP + y);
                        }
                    }
                    Placed::Table { block, rows, y } => {
                        if let Some(Block::Table(table)) = blocks.get(*block) {
                            table_part(&mut ops, book, table, rows.clone(), TOP + y);
                        }
                    }
                }
            }
            folio(&mut ops, book, i + 1);
            PdfPage::new(printpdf::Mm(210.0), printpdf::Mm(297.0), ops)
        })
        .collect()
}

fn black() -> Color {
    Color::Rgb(Rgb {
        r: 0.0,
        g: 0.0,
        b: 0.0,
        icc_profile: None,
    })
}

/// Draws `line` with its slot's top-left at (`left`, `top`), both from the page's top-left.
fn text_line(ops: &mut Vec<Op>, book: &FontBook, line: &TextLine, left: f32, top: f32) {
    let baseline = PAGE_H - (top + line.baseline);
    let mut runs: Vec<&[Glyph]> = Vec::new();
    let mut rest = line.glyphs.as_slice();
    while let Some(first) = rest.first() {
        let n = rest
            .iter()
            .take_while(|g| g.font == first.font && g.size == first.size)
            .count();
        let (run, tail) = rest.split_at(n);
        runs.push(run);
        rest = tail;
    }
    if runs.is_empty() {
        return;
    }
    ops.push(Op::StartTextSection);
    // A condensed figure: glyphs drawn narrower; positions below are already scaled.
    let scale = line.scale;
    let condensed = (scale - 1.0).abs() > 0.0005;
    if condensed {
        ops.push(Op::SetHorizontalScaling {
            percent: scale * 100.0,
        });
    }
    for run in runs {
        let Some(first) = run.first() else { continue };
        let Some(face) = book.faces.get(first.font) else {
            continue;
        };
        ops.push(Op::SetFont {
            font: PdfFontHandle::External(FontId(face.tag.clone())),
            size: Pt(first.size),
        });
        ops.push(Op::SetTextMatrix {
            matrix: TextMatrix::Translate(Pt(left + first.x), Pt(baseline)),
        });
        let mut items = Vec::new();
        let mut text = String::new();
        let mut pen = first.x;
        for g in run {
            if g.ch.is_whitespace() && g.ch != ' ' {
                pen += g.advance;
                continue;
            }
            let gap = g.x - pen;
            if gap.abs() > 0.001 {
                if !text.is_empty() {
                    items.push(TextItem::Text(std::mem::take(&mut text)));
                }
                // TJ offsets are in thousandths of an em, positive moving left, and scaled
                // with the glyphs.
                items.push(TextItem::Offset(-gap / (g.size * scale) * 1000.0));
            }
            text.push(g.ch);
            pen = g.x + g.advance;
        }
        if !text.is_empty() {
            items.push(TextItem::Text(text));
        }
        ops.push(Op::ShowText { items });
    }
    if condensed {
        // Tz is part of the graphics state, not of the text object: set it back.
        ops.push(Op::SetHorizontalScaling { percent: 100.0 });
    }
    ops.push(Op::EndTextSection);
}

/// Draws the header rows and body rows `rows` of `table`, its top `top` from the page's top.
fn table_part(
    ops: &mut Vec<Op>,
    book: &FontBook,
    table: &TableBox,
    rows: std::ops::Range<usize>,
    top: f32,
) {
    // Top of every shown row: header rows first, then the body rows of this part.
    let shown: Vec<usize> = (0..table.header_rows).chain(rows.clone()).collect();
    let mut row_top = std::collections::HashMap::new();
    let mut y = top;
    for &r in &shown {
        row_top.insert(r, y);
        y += table.row_h.get(r).copied().unwrap_or(0.0);
    }
    let left = LEFT + (TEXT_W - table.width()) / 2.0;
    for cell in &table.cells {
        let span = cell.row..cell.row + cell.row_span;
        // The part of the cell on this page (a merged cell split by a page break is drawn on
        // both pages, its label repeated).
        let visible: Vec<usize> = shown.iter().copied().filter(|r| span.contains(r)).collect();
        let (Some(&first), Some(&last)) = (visible.first(), visible.last()) else {
            continue;
        };
        let (Some(&y0), Some(&y_last)) = (row_top.get(&first), row_top.get(&last)) else {
            continue;
        };
        let y1 = y_last + table.row_h.get(last).copied().unwrap_or(0.0);
        let (Some(&x0), Some(&x1)) = (
            table.col_x.get(cell.col),
            table.col_x.get(cell.col + cell.col_span),
        ) else {
            continue;
        };
        ops.push(Op::DrawRectangle {
            rectangle: Rect {
                x: Pt(left + x0),
                y: Pt(PAGE_H - y1),
                width: Pt(x1 - x0),
                height: Pt(y1 - y0),
                mode: Some(PaintMode::Stroke),
                winding_order: None,
            },
        });
        let text_h = cell.text_height();
        // A part of a merged cell too short for its label stays empty; pagination makes sure
        // the label fits in another part.
        if visible.len() < cell.row_span && text_h > y1 - y0 + 0.01 {
            continue;
        }
        let mut ty = y0 + ((y1 - y0) - text_h).max(0.0) / 2.0;
        let inner = x1 - x0 - 2.0 * table.pad_x;
        for line in &cell.lines {
            let dx = match cell.align {
                Align::Left => 0.0,
                Align::Center => ((inner - line.width) / 2.0).max(0.0),
            };
            text_line(ops, book, line, left + x0 + table.pad_x + dx, ty);
            ty += line.height;
        }
    }
}

/// The page number “— 1 —” in 4号, 7 mm under the text block: odd pages right, even pages left,
/// one character in from the edge (GB/T 9704 §7.5), so the number is on the outer edge when the
/// filed copy is printed on both sides.
fn folio(ops: &mut Vec<Op>, book: &FontBook, number: usize) {
    let text = format!("— {number} —");
    let setting = Setting {
        size: FOLIO,
        first_width: PAGE_W,
        indent: 0.0,
        width: PAGE_W,
        line_height: FOLIO,
        justify: false,
    };
    let Some(line) = set_text(book, &styled(&text, FontRole::Body), &setting)
        .into_iter()
        .next()
    else {
        return;
    };
    let x = if number % 2 == 1 {
        LEFT + TEXT_W - FOLIO - line.width
    } else {
        LEFT + FOLIO
    };
    // The slot's top 7 mm below the block; the baseline puts the figures' top there.
    let top = TOP + TEXT_H + 7.0 * MM - (line.baseline - 0.72 * FOLIO);
    text_line(ops, book, &line, x, top);
}
