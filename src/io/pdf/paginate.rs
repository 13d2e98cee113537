//! Stage 3, paginate: blocks into pages. Lines flow; a heading stays with what follows; a table
//! breaks only between rows (preferring boundaries no merged cell crosses) and repeats its header
//! rows on the next page.

use std::ops::Range;

use super::boxes::{Block, TableBox};

/// Something placed on a page, `y` from the top of the text block.
#[derive(Debug, Clone, PartialEq)]
pub enum Placed {
    /// Line `line` of block `block`.
    Line {
        /// Block index.
        block: usize,
        /// Line index in the block.
        line: usize,
        /// Top of the line's slot.
        y: f32,
    },
    /// Header rows and body rows `rows` of table block `block`.
    Table {
        /// Block index.
        block: usize,
        /// Body rows shown (printed row indices).
        rows: Range<usize>,
        /// Top of the table.
        y: f32,
    },
}

/// A page: what is placed on it.
pub type Page = Vec<Placed>;

/// Fewer body rows than this at the foot of a page: start the table on the next page instead.
const MIN_TABLE_ROWS: usize = 3;
const EPSILON: f32 = 0.01;

/// Lays `blocks` out on pages of text height `height`.
pub fn paginate(blocks: &[Block], height: f32) -> Vec<Page> {
    let mut pages: Vec<Page> = vec![Vec::new()];
    let mut y = 0.0_f32;
    let new_page = |pages: &mut Vec<Page>, y: &mut f32| {
        if pages.last().is_some_and(|p| !p.is_empty()) {
            pages.push(Vec::new());
        }
        *y = 0.0;
    };
    for (bi, block) in blocks.iter().enumerate() {
        match block {
            Block::Space(h) => {
                if y > 0.0 {
                    y += h;
                }
            }
            Block::Lines {
                lines,
                keep_with_next,
                keep_together,
            } => {
                let total: f32 = lines.iter().map(|l| l.height).sum();
                let mut need = if *keep_together {
                    total
                } else {
                    lines.first().map_or(0.0, |l| l.height)
                };
                if *keep_with_next {
                    need = total + first_height(blocks.get(bi + 1..).unwrap_or(&[]));
                }
                if y > 0.0 && y + need > height + EPSILON && need <= height {
                    new_page(&mut pages, &mut y);
                }
                for (li, line) in lines.iter().enumerate() {
                    if y > 0.0 && y + line.height > height + EPSILON {
                        new_page(&mut pages, &mut y);
                    }
                    if let Some(page) = pages.last_mut() {
                        page.push(Placed::Line {
                            block: bi,
                            line: li,
                            y,
                        });
                    }
                    y += line.height;
                }
            }
            Block::Table(table) => place_table(bi, table, height, &mut pages, &mut y, new_page),
        }
    }
    if pages.len() > 1 && pages.last().is_some_and(Vec::is_empty) {
        pages.pop();
    }
    pages
}

/// Height that must fit with a heading: the next block's first line, or a table's header and
/// first body row.
fn first_height(rest: &[Block]) -> f32 {
    for block in rest {
        match block {
            Block::Space(_) => continue,
            Block::Lines { lines, .. } => return lines.first().map_or(0.0, |l| l.height),
            Block::Table(t) => {
                return t.header_height() + t.height_of(t.header_rows..t.header_rows + 1);
            }
        }
    }
    0.0
}

fn place_table(
    bi: usize,
    table: &TableBox,
    height: f32,
    pages: &mut Vec<Page>,
    y: &mut f32,
    new_page: impl Fn(&mut Vec<Page>, &mut f32),
) {
    let rows = table.rows();
    let header = table.header_height();
    let mut r = table.header_rows;
    while r < rows {
        let avail = height - *y;
        let mut end = r;
        let mut h = header;
        while end < rows && h + table.height_of(end..end + 1) <= avail + EPSILON {
            h += table.height_of(end..end + 1);
            end += 1;
        }
        let at_top = *y <= EPSILON;
        if end == rows {
            push(pages, bi, r..rows, *y);
            *y += h;
            return;
        }
        let preferred = (r + 1..=end).rev().find(|&e| table.break_ok(e));
        let starts_table = r == table.header_rows;
        let stub = starts_table && end - r < MIN_TABLE_ROWS.min(rows - r);
        let cut = match preferred {
            Some(e) if !stub || at_top => e,
            _ if !at_top => {
                new_page(pages, y);
                continue;
            }
            // At the top of a page and no clean boundary (a group taller than a page): cut the
            // fewest merged cells, where each cut cell's label still fits on both sides; the
            // label is repeated on the next page. A single row taller than the page goes alone.
            _ => least_cut(table, r, r + 1, end).unwrap_or(end.max(r + 1)),
        };
        // The rows after a clean cut form a group taller than a page, so it is cut somewhere
        // anyway: cut it here rather than leave a fifth of this page or more empty.
        let next_clean = (end + 1..=rows)
            .find(|&e| table.break_ok(e))
            .unwrap_or(rows);
        let rest_too_tall = header + table.height_of(cut..next_clean) > height + EPSILON;
        let gap = avail - header - table.height_of(r..cut);
        let cut = match least_cut(table, r, cut + 1, end) {
            Some(c) if rest_too_tall && gap > height / 5.0 => c,
            _ => cut,
        };
        push(pages, bi, r..cut, *y);
        new_page(pages, y);
        r = cut;
    }
}

/// The boundary in `from..=end` that cuts the fewest merged cells (the latest of those), among
/// those where each cut cell's text fits in one of its parts (the part on this page starting at
/// row `r`; the label is drawn in every part it fits in); `None` if there is none.
fn least_cut(table: &TableBox, r: usize, from: usize, end: usize) -> Option<usize> {
    let fits = |e: usize| {
        table.crossing(e).all(|c| {
            let above = table.height_of(c.row.max(r)..e);
            let below = table.height_of(e..c.row + c.row_span);
            c.text_height() <= above.max(below) + EPSILON
        })
    };
    (from..=end)
        .rev()
        .filter(|&e| fits(e))
        .min_by_key(|&e| (table.crossing(e).count(), usize::MAX - e))
}

fn push(pages: &mut [Page], block: usize, rows: Range<usize>, y: f32) {
    if let Some(page) = pages.last_mut() {
        page.push(Placed::Table { block, rows, y });
    }
}

#[cfg(test)]
mod tests {
    use super::super::boxes::{Align, TableCell, TextLine};
    use super::*;

    fn lines(n: usize, keep_with_next: bool) -> Block {
        Block::Lines {
            lines: vec![
                TextLine {
                    height: 10.0,
                    ..TextLine::default()
                };
                n
            ],
            keep_with_next,
            keep_together: false,
        }
    }

    /// A table of `rows` body rows 10 high under a 2-row header, with a cell in column 0 spanning
    /// `span` body rows from the first.
    fn table(rows: usize, span: Option<Range<usize>>) -> Block {
        let cell = |row, row_span| TableCell {
            row,
            col: 0,
            row_span,
            col_span: 1,
            lines: Vec::new(),
            align: Align::Left,
        };
        let mut cells = vec![cell(0, 2)];
        if let Some(s) = span {
            cells.push(cell(2 + s.start, s.len()));
        }
        Block::Table(TableBox {
            col_x: vec![0.0, 50.0],
            row_h: vec![10.0; rows + 2],
            header_rows: 2,
            cells,
            pad_x: 2.0,
        })
    }

    fn table_parts(pages: &[Page]) -> Vec<(usize, Range<usize>)> {
        pages
            .iter()
            .enumerate()
            .flat_map(|(pi, p)| {
                p.iter().filter_map(move |x| match x {
                    Placed::Table { rows, .. } => Some((pi, rows.clone())),
                    Placed::Line { .. } => None,
                })
            })
            .collect()
    }

    #[test]
    fn lines_flow_onto_the_next_page() {
        let pages = paginate(&[lines(25, false)], 100.0);
        assert_eq!(pages.len(), 3);
        assert_eq!(pages[0].len(), 10);
        assert_eq!(pages[2].len(), 5);
    }

    #[test]
    fn a_heading_is_never_last_on_a_page() {
        let pages = paginate(&[lines(9, false), lines(1, true), lines(3, false)], 100.0);
        // The heading (block 1) would fit as line 10 but its next line would not.
        assert_eq!(pages[0].len(), 9);
        assert!(matches!(pages[1][0], Placed::Line { block: 1, .. }));
    }

    #[test]
    fn a_table_breaks_between_rows_and_repeats_its_header() {
        // 2 header rows + 20 body rows of 10 on pages of 100: 8 body rows per page.
        let pages = paginate(&[table(20, None)], 100.0);
        let parts = table_parts(&pages);
        assert_eq!(parts, [(0, 2..10), (1, 10..18), (2, 18..22)]);
        // Every part is drawn with the header: each fits on its page with it.
        for (pi, rows) in parts {
            let Block::Table(t) = &table(20, None) else {
                unreachable!()
            };
            assert!(t.header_height() + t.height_of(rows) <= 100.0, "page {pi}");
        }
    }

    #[test]
    fn a_table_prefers_to_break_outside_merged_cells() {
        // Body rows 4..10 are spanned by one group label: break before it, not inside.
        let pages = paginate(&[table(12, Some(4..10))], 100.0);
        assert_eq!(table_parts(&pages), [(0, 2..6), (1, 6..14)]);
    }

    #[test]
    fn a_table_that_would_leave_a_stub_starts_on_the_next_page() {
        let pages = paginate(&[lines(7, false), table(5, None)], 100.0);
        // 30 left: header (20) + 1 row only.
        assert_eq!(table_parts(&pages), [(1, 2..7)]);
    }

    #[test]
    fn a_span_taller_than_a_page_is_split_at_the_top_of_a_page() {
        let pages = paginate(&[table(12, Some(0..12))], 100.0);
        assert_eq!(table_parts(&pages), [(0, 2..10), (1, 10..14)]);
    }

    #[test]
    fn a_group_taller_than_a_page_is_cut_where_fewest_merged_cells_cross() {
        // Body rows 0..12 in one outer group; an inner group spans rows 5..9. Page holds 8 body
        // rows: cutting before row 8 would cut both groups, before row 5 only the outer one.
        let Block::Table(mut t) = table(12, Some(0..12)) else {
            unreachable!()
        };
        t.cells.push(TableCell {
            row: 2 + 5,
            col: 1,
            row_span: 4,
            col_span: 1,
            lines: Vec::new(),
            align: Align::Left,
        });
        let pages = paginate(&[Block::Table(t)], 100.0);
        assert_eq!(table_parts(&pages), [(0, 2..7), (1, 7..14)]);
    }

    #[test]
    fn a_group_taller_than_a_page_starts_on_the_page_that_has_room() {
        // 4 plain rows, then a 12-row group: after the plain rows 40 of 100 would stay empty.
        let pages = paginate(&[table(16, Some(4..16))], 100.0);
        assert_eq!(table_parts(&pages), [(0, 2..10), (1, 10..18)]);
    }

    #[test]
    fn space_at_the_top_of_a_page_is_dropped() {
        let pages = paginate(
            &[lines(10, false), Block::Space(30.0), lines(1, false)],
            100.0,
        );
        assert_eq!(
            pages[1],
            [Placed::Line {
                block: 2,
                line: 0,
                y: 0.0
            }]
        );
    }
}
