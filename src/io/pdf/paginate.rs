//! Stage 3, paginate: blocks into pages. Lines flow; a heading stays with what follows; a table
//! fills the page, breaks only between rows and repeats its header rows on the next page, and a
//! group label cut by the break is repeated on the next page (the break moves up until the label
//! fits both parts).

use std::ops::Range;

use super::boxes::{Block, TableBox};

/// Something placed on a page, `y` from the top of the text block.
#[derive(Debug, Clone, PartialEq)]
pub(super) enum Placed {
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
pub(super) type Page = Vec<Placed>;

/// Fewer body rows than this at the foot of a page: start the table on the next page instead.
const MIN_TABLE_ROWS: usize = 3;
const EPSILON: f32 = 0.01;

/// Lays `blocks` out on pages of text height `height`.
pub(super) fn paginate(blocks: &[Block], height: f32) -> Vec<Page> {
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
/// first body row — through any headings in between ("六、…" over "（一）…" over its text).
fn first_height(rest: &[Block]) -> f32 {
    let mut need = 0.0;
    for block in rest {
        match block {
            Block::Space(_) => continue,
            Block::Lines {
                lines,
                keep_with_next: true,
                ..
            } => need += lines.iter().map(|l| l.height).sum::<f32>(),
            Block::Lines { lines, .. } => return need + lines.first().map_or(0.0, |l| l.height),
            Block::Table(t) => {
                return need + t.header_height() + t.height_of(t.header_rows..t.header_rows + 1);
            }
        }
    }
    need
}

/// Places the body rows of `table` from the current position on: each page takes as many rows
/// as fit under the repeated header. A merged cell (a group label: 三、本年度办理结果, （三）不予公开)
/// may be cut by the page break, and is then drawn on both pages with its label repeated, as long
/// as the label fits in both parts; otherwise the break moves up to the last row where it does.
/// A group is kept together only where it fits in what is left of the page.
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
        let end = rows_fitting(table, r, height - *y - header);
        let at_top = *y <= EPSILON;
        if end == rows {
            push(pages, bi, r..rows, *y);
            *y += header + table.height_of(r..rows);
            return;
        }
        let starts_table = r == table.header_rows;
        if starts_table && !at_top && end - r < MIN_TABLE_ROWS.min(rows - r) {
            new_page(pages, y);
            continue;
        }
        let cut = match (r + 1..=end)
            .rev()
            .find(|&e| labels_fit_both_parts(table, r, e, height - header))
        {
            Some(e) => e,
            None if !at_top => {
                new_page(pages, y);
                continue;
            }
            // At the top of a page and no boundary where every cut label fits on both sides (a
            // label taller than what fits): cut the fewest merged cells, the label shown in the
            // part it fits in. A single row taller than the page goes alone.
            None => least_cut(table, r, r + 1, end).unwrap_or(end.max(r + 1)),
        };
        push(pages, bi, r..cut, *y);
        new_page(pages, y);
        r = cut;
    }
}

/// The end of the rows from `from` that fit in `room`.
fn rows_fitting(table: &TableBox, from: usize, room: f32) -> usize {
    let mut end = from;
    let mut h = 0.0;
    while end < table.rows() && h + table.height_of(end..end + 1) <= room + EPSILON {
        h += table.height_of(end..end + 1);
        end += 1;
    }
    end
}

/// Whether a break before row `e` (this page's part starting at row `r`) leaves every merged
/// cell it cuts room for its whole label on this page and on the next (which holds `room`
/// under the header).
fn labels_fit_both_parts(table: &TableBox, r: usize, e: usize, room: f32) -> bool {
    let next_end = rows_fitting(table, e, room);
    table.crossing(e).all(|c| {
        let above = table.height_of(c.row.max(r)..e);
        let below = table.height_of(e..(c.row + c.row_span).min(next_end));
        c.text_height() <= above.min(below) + EPSILON
    })
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

    /// A table of `rows` body rows 10 high under a 2-row header, with a group label in column 0
    /// spanning body rows `span` whose text is `label_h` high.
    fn table(rows: usize, span: Option<Range<usize>>) -> Block {
        labelled_table(rows, span, 0.0)
    }

    fn labelled_table(rows: usize, span: Option<Range<usize>>, label_h: f32) -> Block {
        let cell = |row, row_span, h: f32| TableCell {
            row,
            col: 0,
            row_span,
            col_span: 1,
            lines: if h > 0.0 {
                vec![TextLine {
                    height: h,
                    ..TextLine::default()
                }]
            } else {
                Vec::new()
            },
            align: Align::Left,
        };
        let mut cells = vec![cell(0, 2, 0.0)];
        if let Some(s) = span {
            cells.push(cell(2 + s.start, s.len(), label_h));
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
    fn a_heading_over_a_heading_stays_with_the_text() {
        let blocks = [
            lines(8, false),
            lines(1, true),
            lines(1, true),
            lines(3, false),
        ];
        let pages = paginate(&blocks, 100.0);
        // Both headings and one line need 30; 20 are left: both headings move.
        assert_eq!(pages[0].len(), 8);
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
    fn a_table_fills_the_page_and_splits_a_group_whose_label_fits_both_parts() {
        // Body rows 4..10 are spanned by one group label one row high: the page takes 8 body
        // rows, cutting the group 4 + 2 (it used to break before the group, leaving 4 empty).
        let pages = paginate(&[labelled_table(12, Some(4..10), 10.0)], 100.0);
        assert_eq!(table_parts(&pages), [(0, 2..10), (1, 10..14)]);
    }

    #[test]
    fn the_break_moves_up_until_the_cut_label_fits_on_both_pages() {
        // The label is three rows high: cutting before body row 8 leaves it 2 rows on the next
        // page; before row 7 it has 3 on each side.
        let pages = paginate(&[labelled_table(12, Some(4..10), 30.0)], 100.0);
        assert_eq!(table_parts(&pages), [(0, 2..9), (1, 9..14)]);
        let Block::Table(t) = labelled_table(12, Some(4..10), 30.0) else {
            unreachable!()
        };
        let label = &t.cells[1];
        for (_, rows) in table_parts(&pages) {
            let span = label.row.max(rows.start)..(label.row + label.row_span).min(rows.end);
            assert!(t.height_of(span) >= label.text_height(), "{rows:?}");
        }
    }

    #[test]
    fn a_group_that_fits_in_what_is_left_is_kept_together() {
        // Body rows 2..6 in a group; the page has room for all of them and more.
        let pages = paginate(
            &[lines(2, false), labelled_table(10, Some(2..6), 30.0)],
            100.0,
        );
        assert_eq!(table_parts(&pages), [(0, 2..8), (1, 8..12)]);
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
    fn a_label_too_tall_for_both_parts_is_kept_whole_in_one_of_them() {
        // Body rows 0..12 in one outer group whose label (95) is taller than the 8 rows a page
        // holds under the header; an inner group spans rows 5..9. No break keeps the outer label
        // whole on both sides: cut where it fits in the part below (10 rows), without cutting
        // the inner group.
        let Block::Table(mut t) = labelled_table(12, Some(0..12), 95.0) else {
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
        assert_eq!(table_parts(&pages), [(0, 2..4), (1, 4..12), (2, 12..14)]);
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
