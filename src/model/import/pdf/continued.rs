//! A ruled table that runs onto the next page: the header rows it repeats there are dropped,
//! and a row the page break cut in two (`2.没有现成信息需` ⏎ page ⏎ `要另行制作`; a header cell
//! `结果` ⏎ page ⏎ `维持`) is joined again, cell to the cell above it.

use crate::model::import::tables::is_value;
use crate::model::import::{Block, Known, label_key};
use crate::model::value::is_space;

/// A cell of a ruled table with its left and right edges.
#[derive(Debug, Clone, PartialEq)]
pub struct Cell {
    /// Its text.
    pub text: String,
    /// Left edge.
    pub x0: f64,
    /// Right edge.
    pub x1: f64,
}

/// A table's logical rows, each merged cell once.
pub type Rows = Vec<Vec<Cell>>;

/// The table last emitted, while nothing but a page break follows it.
#[derive(Debug, Default)]
pub struct Continuation {
    table: Option<Rows>,
}

fn is_blank(text: &str) -> bool {
    text.chars().all(is_space)
}

fn is_text(text: &str) -> bool {
    !is_blank(text) && !is_value(text)
}

fn texts(row: &[Cell]) -> Vec<String> {
    row.iter().map(|c| c.text.clone()).collect()
}

impl Continuation {
    /// Something other than a table came: a table after it starts afresh.
    pub fn end(&mut self) {
        self.table = None;
    }

    /// Emits a table's rows into `blocks`; `first_on_page` says it opens its page, so it may
    /// continue the table that ended the page before.
    pub fn table(
        &mut self,
        rows: &Rows,
        first_on_page: bool,
        blocks: &mut Vec<Block>,
        known: &dyn Known,
    ) {
        let previous = if first_on_page {
            self.table.take()
        } else {
            None
        };
        let mut rest = rows.iter();
        if let Some(prev) = &previous {
            let skip = repeated_header(prev, rows);
            rest = rows.get(skip..).unwrap_or_default().iter();
            let mut peek = rest.clone();
            if let (Some(last), Some(first)) = (prev.last(), peek.next())
                && let Some(Block::Row(emitted)) = blocks.last_mut()
                && *emitted == texts(last)
            {
                let mut joined = last.clone();
                if let Some(left) = join_split_row(&mut joined, first, known) {
                    *emitted = texts(&joined);
                    rest = peek;
                    if left.iter().any(|c| !is_blank(&c.text)) {
                        blocks.push(Block::Row(texts(&left)));
                    }
                }
            }
        }
        blocks.extend(rest.map(|r| Block::Row(texts(r))));
        self.table = Some(rows.clone());
    }
}

/// How many leading rows of `rows` repeat the header of the table before the page break:
/// rows equal to the previous table's first rows and holding no figures.
fn repeated_header(prev: &Rows, rows: &Rows) -> usize {
    let key = |row: &Vec<Cell>| -> Vec<String> { row.iter().map(|c| label_key(&c.text)).collect() };
    prev.iter()
        .zip(rows)
        .take_while(|(a, b)| {
            key(a) == key(b) && b.iter().all(|c| !is_value(&c.text) || is_blank(&c.text))
        })
        .count()
}

/// The cell of `row` under which `cell` lies (most horizontal overlap), among those `keep`s.
fn above(row: &[Cell], cell: &Cell, keep: impl Fn(&Cell) -> bool) -> Option<usize> {
    row.iter()
        .enumerate()
        .filter(|(_, c)| keep(c))
        .map(|(i, c)| (i, cell.x1.min(c.x1) - cell.x0.max(c.x0)))
        .filter(|&(_, overlap)| overlap > 0.0)
        .max_by(|a, b| a.1.total_cmp(&b.1))
        .map(|(i, _)| i)
}

/// Joins the first row after a page break to the last row before it where the break cut cells
/// in two: a label cell whose text and the text under it make a label. When every label cell of
/// the first row was taken, its figures go to the cells above them (a cut figure is joined) and
/// the row is used up. Returns what is left of the first row (all blank: nothing), or `None`
/// when nothing was joined.
fn join_split_row(last: &mut [Cell], first: &[Cell], known: &dyn Known) -> Option<Vec<Cell>> {
    let mut rest = first.to_vec();
    let mut joined_any = false;
    for (j, tail) in first.iter().enumerate() {
        if !is_text(&tail.text) {
            continue;
        }
        let Some(i) = above(last, tail, |c| is_text(&c.text)) else {
            continue;
        };
        let Some(head) = last.get_mut(i) else {
            continue;
        };
        let joined = format!("{}{}", head.text, tail.text);
        // `其他` is a label too, and the start of `其他结果`.
        if known.is_label_start(&head.text) && known.is_label(&joined) {
            head.text = joined;
            if let Some(c) = rest.get_mut(j) {
                c.text.clear();
            }
            joined_any = true;
        }
    }
    if !joined_any {
        return None;
    }
    if rest.iter().any(|c| is_text(&c.text)) {
        return Some(rest);
    }
    for tail in rest.iter_mut().filter(|c| !is_blank(&c.text)) {
        if let Some(i) = above(last, tail, |c| !is_text(&c.text))
            && let Some(head) = last.get_mut(i)
        {
            head.text.push_str(&tail.text);
            tail.text.clear();
        }
    }
    Some(rest)
}

#[cfg(test)]
mod tests {
    use super::*;

    struct Labels;
    impl Known for Labels {
        fn is_heading(&self, _: &str) -> bool {
            false
        }
        fn is_label(&self, line: &str) -> bool {
            [
                "结果维持",
                "2.没有现成信息需要另行制作",
                "（四）无法提供",
                "总计",
            ]
            .contains(&line)
        }
        fn is_label_start(&self, line: &str) -> bool {
            ["结果", "2.没有现成信息需", "（四）无法"].contains(&line)
        }
    }

    fn cell(text: &str, x0: f64, x1: f64) -> Cell {
        Cell {
            text: text.to_owned(),
            x0,
            x1,
        }
    }

    #[test]
    fn a_row_cut_by_the_page_break_is_joined_cell_to_cell() {
        let before = vec![
            vec![cell("表头", 0.0, 90.0)],
            vec![
                cell("（四）无法", 0.0, 30.0),
                cell("2.没有现成信息需", 30.0, 60.0),
                cell("", 60.0, 70.0),
                cell("3", 70.0, 80.0),
            ],
        ];
        let after = vec![
            vec![cell("表头", 0.0, 90.0)],
            vec![
                cell("提供", 0.0, 30.0),
                cell("要另行制作", 30.0, 60.0),
                cell("1", 60.0, 70.0),
                cell("", 70.0, 80.0),
            ],
            vec![cell("下一行", 0.0, 60.0)],
        ];
        let mut blocks = Vec::new();
        let mut c = Continuation::default();
        c.table(&before, true, &mut blocks, &Labels);
        c.table(&after, true, &mut blocks, &Labels);
        let row = |cells: &[&str]| Block::Row(cells.iter().map(|s| (*s).to_owned()).collect());
        assert_eq!(
            blocks,
            vec![
                row(&["表头"]),
                row(&["（四）无法提供", "2.没有现成信息需要另行制作", "1", "3"]),
                row(&["下一行"]),
            ]
        );
    }
}
