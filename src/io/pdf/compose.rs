//! From a report to blocks (on the page of `io::page`): the title, 文号, preamble, sections
//! with their headings, prose and tables, the 落款 and the optional sign-off block.

use super::boxes::{Block, TextLine};
use super::metrics::FontBook;
use super::table::{figure_widths, layout_table, table_size};
use super::typeset::{Setting, set_text, styled};
use crate::io::fonts::FontRole;
use crate::io::page::{
    BODY, PITCH, Para, TEXT_W, TITLE, column_widths, paragraphs, shared_label_width,
};
use crate::model::format::{GridCell, GridContent, PrintedGrid};
use crate::model::lexicon::SIGNOFF_LABELS;
use crate::model::{CellValue, Report};

/// Title line pitch.
const TITLE_PITCH: f32 = TITLE * 1.45;
/// Size of the sign-off block: 4号.
const SIGNOFF: f32 = 14.0;

/// Lays the whole report out as blocks.
pub(super) fn compose(book: &FontBook, report: &Report, signoff: bool) -> Vec<Block> {
    let mut blocks = Vec::new();
    let meta = &report.meta;
    if !meta.doc_number.trim().is_empty() {
        blocks.push(centred(
            book,
            meta.doc_number.trim(),
            FontRole::Body,
            BODY,
            PITCH,
        ));
        blocks.push(Block::Space(PITCH));
    }
    let title = if meta.title.trim().is_empty() {
        crate::model::Meta::default_title(&meta.agency, meta.year)
    } else {
        meta.title.trim().to_owned()
    };
    blocks.push(title_block(book, &title));
    blocks.push(Block::Space(PITCH));
    for para in paragraphs(&meta.preamble) {
        blocks.push(paragraph(book, &para));
    }
    let resolved = super::values::printed_values(report);
    let value_text = |c: &GridCell| match &c.content {
        GridContent::Label(t) => t.clone(),
        GridContent::Value(ix) => resolved
            .get(*ix)
            .map(CellValue::display)
            .unwrap_or_default(),
    };
    for section in &report.format.sections {
        let heading = report.format.section_heading(section);
        blocks.push(heading_block(book, &heading));
        for para in paragraphs(report.prose(&section.id)) {
            blocks.push(paragraph(book, &para));
        }
        let grids: Vec<PrintedGrid> = section
            .tables
            .iter()
            .filter_map(|id| report.format.table(id))
            .map(|t| report.format.printed_grid(t))
            .collect();
        blocks.extend(tables(book, &grids, &value_text));
    }
    blocks.extend(signature(book, report));
    if signoff {
        blocks.push(Block::Space(PITCH));
        blocks.push(signoff_block(book));
    }
    blocks
}

/// Tables of one section, one after another at the full text width; several (the sub-tables of
/// 二) share their label width and type size, so they print as one continuous form.
fn tables(
    book: &FontBook,
    grids: &[PrintedGrid],
    text: &dyn Fn(&GridCell) -> String,
) -> Vec<Block> {
    if grids.is_empty() {
        return Vec::new();
    }
    let label_width = shared_label_width(grids);
    let size = grids
        .iter()
        .map(|g| table_size(book, g, TEXT_W, label_width, text))
        .fold(f32::INFINITY, f32::min);
    let mut blocks: Vec<Block> = grids
        .iter()
        .map(|g| {
            let needs = figure_widths(book, g, size, text);
            let widths = column_widths(g, TEXT_W, size, label_width, &needs);
            Block::Table(layout_table(book, g, &widths, size, text))
        })
        .collect();
    blocks.push(Block::Space(PITCH / 2.0));
    blocks
}

fn body_setting(size: f32) -> Setting {
    Setting {
        size,
        first_width: TEXT_W - 2.0 * size,
        indent: 2.0 * size,
        width: TEXT_W,
        line_height: PITCH,
        justify: true,
    }
}

fn paragraph(book: &FontBook, para: &Para) -> Block {
    let (text, keep) = match para {
        Para::Body(t) => (styled(t, FontRole::Body), false),
        Para::SubHeading(head, rest) => {
            let mut t = styled(head, FontRole::SubHeading);
            t.extend(styled(rest, FontRole::Body));
            (t, rest.is_empty())
        }
    };
    Block::Lines {
        lines: set_text(book, &text, &body_setting(BODY)),
        keep_with_next: keep,
        keep_together: false,
    }
}

fn heading_block(book: &FontBook, text: &str) -> Block {
    Block::Lines {
        lines: set_text(book, &styled(text, FontRole::Heading), &body_setting(BODY)),
        keep_with_next: true,
        keep_together: false,
    }
}

/// The title, centred, its lines balanced (a long title breaks near the middle, not after the
/// 28th character).
fn title_block(book: &FontBook, title: &str) -> Block {
    let text = styled(title, FontRole::Title);
    let full = book.width(FontRole::Title, title, TITLE);
    let count = (full / TEXT_W).ceil().max(1.0);
    let mut target = (full / count).max(TITLE * 2.0);
    let mut lines = Vec::new();
    // Balanced width first; widen if that produced more lines (a break was pushed down).
    while target <= TEXT_W {
        let setting = Setting {
            size: TITLE,
            first_width: target,
            indent: 0.0,
            width: target,
            line_height: TITLE_PITCH,
            justify: false,
        };
        lines = set_text(book, &text, &setting);
        if lines.len() as f32 <= count {
            break;
        }
        target += TITLE / 2.0;
    }
    if lines.is_empty() || target > TEXT_W {
        let setting = Setting {
            size: TITLE,
            first_width: TEXT_W,
            indent: 0.0,
            width: TEXT_W,
            line_height: TITLE_PITCH,
            justify: false,
        };
        lines = set_text(book, &text, &setting);
    }
    Block::Lines {
        lines: lines.into_iter().map(centre).collect(),
        keep_with_next: true,
        keep_together: true,
    }
}

fn centre(line: TextLine) -> TextLine {
    shift(line, TEXT_W / 2.0, 0.5)
}

/// Moves a line so that the point at `fraction` of its width sits at `x`.
fn shift(mut line: TextLine, x: f32, fraction: f32) -> TextLine {
    let left = line.glyphs.first().map_or(0.0, |g| g.x);
    let dx = x - left - (line.width - left) * fraction;
    for g in &mut line.glyphs {
        g.x += dx;
    }
    line.width += dx;
    line
}

fn centred(book: &FontBook, text: &str, role: FontRole, size: f32, height: f32) -> Block {
    let setting = Setting {
        size,
        first_width: TEXT_W,
        indent: 0.0,
        width: TEXT_W,
        line_height: height,
        justify: false,
    };
    Block::Lines {
        lines: set_text(book, &styled(text, role), &setting)
            .into_iter()
            .map(centre)
            .collect(),
        keep_with_next: true,
        keep_together: true,
    }
}

/// 落款 (GB/T 9704 §7.3.5.1, sealed copy): one blank line under the text, the unit centred over
/// the date, the date right-aligned four characters in from the right edge.
fn signature(book: &FontBook, report: &Report) -> Vec<Block> {
    let meta = &report.meta;
    let unit = meta.signature_unit.trim();
    let date = meta
        .signature_date
        .map(|d| d.to_string())
        .unwrap_or_default();
    if unit.is_empty() && date.is_empty() {
        return Vec::new();
    }
    let one_line = |text: &str| {
        let setting = Setting {
            size: BODY,
            first_width: TEXT_W,
            indent: 0.0,
            width: TEXT_W,
            line_height: PITCH,
            justify: false,
        };
        set_text(book, &styled(text, FontRole::Body), &setting)
    };
    let date_right = TEXT_W - 4.0 * BODY;
    let date_w = book.width(FontRole::Body, &date, BODY);
    let centre_x = if date.is_empty() {
        date_right - 4.0 * BODY
    } else {
        date_right - date_w / 2.0
    };
    let mut lines = Vec::new();
    for line in one_line(unit) {
        // Centred over the date unless that runs past the right edge.
        let w = line.width;
        let x = centre_x.min(TEXT_W - w / 2.0);
        lines.push(shift(line, x, 0.5));
    }
    for line in one_line(&date) {
        lines.push(shift(line, date_right, 1.0));
    }
    vec![
        Block::Space(PITCH),
        Block::Lines {
            lines,
            keep_with_next: false,
            keep_together: true,
        },
    ]
}

/// The internal approval block ([`SIGNOFF_LABELS`]), a bordered form.
fn signoff_block(book: &FontBook) -> Block {
    let label = |row, col, text: &str| GridCell {
        row,
        col,
        row_span: 1,
        col_span: 1,
        content: GridContent::Label(text.to_owned()),
        header: false,
    };
    let grid = PrintedGrid {
        columns: 4,
        header_rows: 0,
        rows: 2,
        label_columns: 0,
        // Two labels a row, each with its blank for the signature beside it.
        cells: SIGNOFF_LABELS
            .iter()
            .enumerate()
            .flat_map(|(k, text)| {
                let (row, col) = (k / 2, (k % 2) * 2);
                [label(row, col, text), label(row, col + 1, "")]
            })
            .collect(),
    };
    let narrow = 4.0 * SIGNOFF;
    let wide = TEXT_W / 2.0 - narrow;
    let text = |c: &GridCell| match &c.content {
        GridContent::Label(t) => t.clone(),
        GridContent::Value(_) => String::new(),
    };
    let mut table = layout_table(book, &grid, &[narrow, wide, narrow, wide], SIGNOFF, &text);
    for h in &mut table.row_h {
        *h = h.max(PITCH * 1.2);
    }
    Block::Table(table)
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::io::page::TEXT_H;

    /// Every line of every text block of `report`.
    fn all_lines(blocks: &[Block]) -> Vec<&TextLine> {
        blocks
            .iter()
            .filter_map(|b| match b {
                Block::Lines { lines, .. } => Some(lines),
                _ => None,
            })
            .flatten()
            .collect()
    }

    #[test]
    fn no_line_of_the_sample_starts_with_closing_or_ends_with_opening_punctuation() {
        let book = FontBook::bundled();
        let report = crate::io::sample().unwrap();
        let blocks = compose(&book, &report, true);
        let mut cells: Vec<&TextLine> = Vec::new();
        for b in &blocks {
            if let Block::Table(t) = b {
                cells.extend(t.cells.iter().flat_map(|c| &c.lines));
            }
        }
        let lines = all_lines(&blocks);
        assert!(lines.len() > 60);
        for line in lines.into_iter().chain(cells) {
            let text = line.text();
            let (Some(first), Some(last)) = (text.chars().next(), text.chars().last()) else {
                continue;
            };
            assert!(
                !"。，、；：？！）」』》”’…".contains(first),
                "line starts with {first}: {text}"
            );
            assert!(
                !"（「『《“‘".contains(last),
                "line ends with {last}: {text}"
            );
        }
    }

    #[test]
    fn nothing_on_any_page_runs_past_the_text_block() {
        use super::super::paginate::{Placed, paginate};
        let book = FontBook::bundled();
        let report = crate::io::sample().unwrap();
        let blocks = compose(&book, &report, true);
        let pages = paginate(&blocks, TEXT_H);
        for (pi, page) in pages.iter().enumerate() {
            for placed in page {
                let (bottom, right) = match placed {
                    Placed::Line { block, line, y } => {
                        let Block::Lines { lines, .. } = &blocks[*block] else {
                            panic!()
                        };
                        (y + lines[*line].height, lines[*line].width)
                    }
                    Placed::Table { block, rows, y } => {
                        let Block::Table(t) = &blocks[*block] else {
                            panic!()
                        };
                        (y + t.header_height() + t.height_of(rows.clone()), t.width())
                    }
                };
                assert!(bottom <= TEXT_H + 0.01, "page {}: bottom {bottom}", pi + 1);
                assert!(right <= TEXT_W + 0.01, "page {}: right {right}", pi + 1);
            }
        }
    }

    #[test]
    fn the_sample_composes_with_every_heading_and_the_signature_right_aligned() {
        let book = FontBook::bundled();
        let report = crate::io::sample().unwrap();
        let blocks = compose(&book, &report, false);
        let text: String = blocks
            .iter()
            .filter_map(|b| match b {
                Block::Lines { lines, .. } => {
                    Some(lines.iter().map(TextLine::text).collect::<String>())
                }
                _ => None,
            })
            .collect();
        for s in &report.format.sections {
            assert!(text.contains(&report.format.section_heading(s)));
        }
        let tables = blocks
            .iter()
            .filter(|b| matches!(b, Block::Table(_)))
            .count();
        assert_eq!(tables, 6, "4 sub-tables of 二, 三, 四");
        let Some(Block::Lines { lines, .. }) = blocks.last() else {
            panic!()
        };
        let date = lines.last().unwrap();
        assert_eq!(date.text(), "2026年1月20日");
        assert!((date.width - (TEXT_W - 4.0 * BODY)).abs() < 0.01);
        for b in &blocks {
            if let Block::Lines { lines, .. } = b {
                for l in lines {
                    assert!(
                        l.width <= TEXT_W + 0.01,
                        "{} overflows: {}",
                        l.text(),
                        l.width
                    );
                    assert!(
                        l.glyphs.first().is_none_or(|g| g.x >= -0.01),
                        "{}",
                        l.text()
                    );
                }
            }
        }
    }

    #[test]
    fn a_table_fills_its_page_before_it_continues_and_cut_labels_fit_both_parts() {
        use super::super::paginate::{Placed, paginate};
        let book = FontBook::bundled();
        let fixture = std::path::Path::new(env!("CARGO_MANIFEST_DIR"))
            .join("tests/fixtures/xiaosha-2020.txt");
        let reports = [
            crate::io::sample().unwrap(),
            crate::io::open_any(&fixture).unwrap().report,
        ];
        let mut breaks = 0;
        for report in &reports {
            let blocks = compose(&book, report, false);
            let pages = paginate(&blocks, TEXT_H);
            let parts: Vec<(usize, usize, std::ops::Range<usize>, f32)> = pages
                .iter()
                .enumerate()
                .flat_map(|(pi, p)| {
                    p.iter().filter_map(move |x| match x {
                        Placed::Table { block, rows, y } => Some((pi, *block, rows.clone(), *y)),
                        Placed::Line { .. } => None,
                    })
                })
                .collect();
            for pair in parts.windows(2) {
                let [(page, block, rows, y), (_, next_block, next_rows, _)] = pair else {
                    continue;
                };
                if block != next_block {
                    continue;
                }
                let Block::Table(t) = &blocks[*block] else {
                    panic!()
                };
                breaks += 1;
                let bottom = y + t.header_height() + t.height_of(rows.clone());
                assert!(
                    TEXT_H - bottom < TEXT_H / 8.0,
                    "{}: page {} left {} pt empty",
                    report.meta.agency,
                    page + 1,
                    TEXT_H - bottom
                );
                for c in t.crossing(rows.end) {
                    let above = t.height_of(c.row.max(rows.start)..rows.end);
                    let below =
                        t.height_of(next_rows.start..(c.row + c.row_span).min(next_rows.end));
                    assert!(c.text_height() <= above.min(below) + 0.01, "{:?}", c.lines);
                }
            }
        }
        assert!(breaks >= 2, "表三 breaks in both reports");
    }
}
