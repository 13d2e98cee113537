//! Plain text as clerks paste it, cut into prose lines and table rows.
//!
//! Three table layouts are recognised, and may be mixed:
//! - one cell per line, tab-prefixed, rows separated by blank lines (copied out of a web page;
//!   a line without the tab right after a cell continues that cell: `本年新⏎制作数量`);
//! - one row per line with `|` separators, with or without the outer bars (a row whose closing
//!   bar is missing continues on the next line);
//! - one row per line with tab separators (copied out of Word or a spreadsheet);
//! - rows of space-separated pieces, as text copied out of a PDF gives them: columns aligned
//!   with runs of spaces (`pdftotext -layout`: `规章   1   0   11`, labels broken over the lines
//!   around their figures) or single spaces in reading order (a viewer's copy: `规章 1 0 11`,
//!   one cell per line) — see [`super::aligned`].
//!
//! Text copied out of a PDF also brings the PDF's line breaks into the prose, page numbers
//! (`-3-`, `— 3 —`) and form feeds: prose lines that fill the measure are joined to the next
//! line, page numbers are dropped.

use super::aligned;
use super::copied::{
    aligned_line, aligned_regions, bare_page_number, completes_title, display_width,
    is_page_number, is_plain, prose_measure, tighten,
};
use super::normalize::is_blank;
use super::{Block, Known};
use crate::model::value::is_space;

/// A cell continued on the next line is short and has no sentence in it.
const MAX_CONTINUATION_CHARS: usize = 40;

/// A tab-prefixed line this long with a full stop in it is an indented paragraph, not a cell.
const MIN_PARAGRAPH_CHARS: usize = 30;

/// How many lines a `|` row may be broken over.
const MAX_BROKEN_LINES: usize = 8;

/// Cuts `text` into blocks.
pub fn blocks(text: &str, known: &dyn Known) -> Vec<Block> {
    blocks_from(text, known, Lines::Unknown)
}

/// What the lines of a text are.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Lines {
    /// Told from the text: paragraphs (copied out of a page or Word), or lines as a PDF broke
    /// them (prose lines filling one measure are then joined).
    Unknown,
    /// Each line is a paragraph (a Word document's): never joined to the next.
    Paragraphs,
}

/// Cuts `text`, whose lines are `lines`, into blocks.
pub fn blocks_from(text: &str, known: &dyn Known, lines_are: Lines) -> Vec<Block> {
    let raw: Vec<&str> = text
        .split('\n')
        .map(|l| l.strip_suffix('\r').unwrap_or(l))
        .collect();
    // pdftotext starts each page with a form feed.
    let lines: Vec<&str> = raw.iter().map(|l| l.trim_start_matches('\u{c}')).collect();
    let regions = aligned_regions(&lines, &raw, known);
    let measure = match lines_are {
        Lines::Unknown => prose_measure(&lines, &regions, known),
        Lines::Paragraphs => None,
    };
    // Text out of a PDF: wrapped prose, page breaks or space-aligned tables.
    let from_pdf =
        measure.is_some() || text.contains('\u{c}') || regions.iter().any(|r| r.positional);
    let mut region_at = regions.iter().peekable();
    // The last prose block, if it came from the line just before and may continue on the next.
    let mut open_prose: Option<usize> = None;
    // A `|` row without its closing bar continues on the next line only where rows have both
    // outer bars; elsewhere a row may well start with an empty cell (` | x | y`).
    let (closed, with_bars) = lines
        .iter()
        .map(|l| l.trim_matches(is_line_space))
        .filter(|l| l.contains(['|', '｜']))
        .fold((0usize, 0usize), |(closed, all), l| {
            let both = l.starts_with(['|', '｜']) && l.ends_with(['|', '｜']);
            (closed + usize::from(both), all + 1)
        });
    let rows_have_outer_bars = closed * 2 > with_bars;
    let mut out = Vec::new();
    let mut row: Option<Vec<String>> = None;
    let mut i = 0;
    while let Some(&line) = lines.get(i) {
        let flush = |row: &mut Option<Vec<String>>, out: &mut Vec<Block>| {
            if let Some(cells) = row.take() {
                out.push(Block::Row(cells));
            }
        };
        if let Some(region) = region_at.next_if(|r| r.start <= i) {
            flush(&mut row, &mut out);
            let region_lines: Vec<aligned::Line> = lines
                .get(region.start..region.end)
                .unwrap_or_default()
                .iter()
                .filter(|l| !is_blank(l) && !is_page_number(l, false))
                .enumerate()
                .map(|(n, l)| aligned::Line {
                    y: n as f64,
                    ..aligned_line(l)
                })
                .collect();
            let units = aligned::Units {
                tolerance: 1.0,
                window: 3.0,
            };
            let (rows, _) = aligned::rows(&region_lines, known, units, region.positional);
            out.extend(rows);
            open_prose = None;
            i = region.end.max(i + 1);
            continue;
        }
        i += 1;
        let continues_prose = open_prose.take();
        if is_plain(line) && is_page_number(line, bare_page_number(&raw, i)) {
            continue;
        }
        if let Some(cell) = line.strip_prefix('\t')
            && !cell.contains('\t')
        {
            // A lone tab-indented line between lines of text is an indented paragraph (Word),
            // unless it is a table label; a heading is never a cell.
            let neighbour_is_cell = |at: Option<usize>| {
                at.and_then(|k| lines.get(k)).is_some_and(|l| {
                    l.strip_prefix('\t')
                        .is_some_and(|c| !is_paragraph(c) && !known.is_heading(c))
                })
            };
            // The line before may be the end of a cell broken over two lines (`\t本年新⏎制作数量`).
            let continued_cell = |at: Option<usize>| {
                at.and_then(|k| lines.get(k)).is_some_and(|l| {
                    !l.starts_with('\t')
                        && !is_blank(l)
                        && l.chars().count() <= MAX_CONTINUATION_CHARS
                        && !l.contains('。')
                }) && neighbour_is_cell(at.and_then(|k| k.checked_sub(1)))
            };
            let lone = !neighbour_is_cell(i.checked_sub(2))
                && !continued_cell(i.checked_sub(2))
                && !neighbour_is_cell(Some(i));
            let prose = is_paragraph(cell) || known.is_heading(cell) || (lone && !is_blank(cell));
            if prose && !known.is_label(cell) {
                flush(&mut row, &mut out);
                out.push(Block::Text(cell.to_owned()));
            } else {
                row.get_or_insert_with(Vec::new).push(cell.to_owned());
            }
            continue;
        }
        if is_blank(line) {
            flush(&mut row, &mut out);
            continue;
        }
        // The start of a row label broken before the bars: join it to the row below.
        let mut broken_label = None;
        let mut line = line;
        if !line.contains(['|', '｜', '\t'])
            && known.is_label_start(line.trim_matches(is_edge_space))
            && let Some(&next) = lines.get(i)
            && next.contains(['|', '｜'])
            && !next
                .trim_start_matches(is_line_space)
                .starts_with(['|', '｜'])
        {
            broken_label = Some(format!("{}{}", line.trim_matches(is_edge_space), next));
            i += 1;
        }
        if let Some(joined) = &broken_label {
            line = joined;
        }
        if line.contains(['|', '｜']) {
            let mut joined = line.trim_matches(is_line_space).to_owned();
            let mut extra = 0;
            while rows_have_outer_bars
                && joined.starts_with(['|', '｜'])
                && !joined.ends_with(['|', '｜'])
                && extra < MAX_BROKEN_LINES
            {
                let Some(&next) = lines.get(i) else { break };
                if is_blank(next) {
                    break;
                }
                joined.push_str(next.trim_matches(is_line_space));
                i += 1;
                extra += 1;
            }
            let cells = split_bars(&joined);
            if cells.len() >= 2 || joined.starts_with(['|', '｜']) {
                flush(&mut row, &mut out);
                if !is_rule_line(&cells) {
                    out.push(Block::Row(cells));
                }
                continue;
            }
        }
        if line.trim_matches(is_edge_space).contains('\t') {
            flush(&mut row, &mut out);
            out.push(Block::Row(line.split('\t').map(str::to_owned).collect()));
            continue;
        }
        let continues = row.as_ref().is_some_and(|cells| {
            cells.last().is_some_and(|c| !is_blank(c))
                && line.chars().count() <= MAX_CONTINUATION_CHARS
                && !line.contains('。')
                && !known.is_heading(line)
        });
        if continues {
            if let Some(last) = row.as_mut().and_then(|cells| cells.last_mut()) {
                last.push_str(line);
            }
            continue;
        }
        flush(&mut row, &mut out);
        if known.is_label(line) {
            out.push(Block::Row(vec![line.to_owned()]));
        } else {
            let joins = continues_prose.is_some_and(|at| at + 1 == out.len())
                && !line.starts_with(is_space)
                && !known.is_heading(line);
            let text = if from_pdf {
                tighten(line)
            } else {
                line.to_owned()
            };
            let title_piece = out.len() == 1
                && matches!(out.first(), Some(Block::Text(prev)) if completes_title(prev, &text));
            match out.last_mut() {
                Some(Block::Text(prev)) if joins || title_piece => {
                    let next = text.trim_matches(is_space);
                    if prev.ends_with(|c: char| c.is_ascii_alphanumeric())
                        && next.starts_with(|c: char| c.is_ascii_alphanumeric())
                    {
                        prev.push(' ');
                    }
                    let trimmed = prev.trim_matches(is_space).to_owned();
                    *prev = trimmed;
                    prev.push_str(next);
                }
                _ => out.push(Block::Text(text)),
            }
            if measure.is_some_and(|m| display_width(line.trim_matches(is_space)) + 6 >= m)
                && !known.is_heading(line)
            {
                open_prose = Some(out.len() - 1);
            }
        }
    }
    if let Some(cells) = row {
        out.push(Block::Row(cells));
    }
    out
}

/// Space around a whole line (indentation): not NBSP or U+3000, which may be a blank last cell.
fn is_line_space(c: char) -> bool {
    c == ' '
}

/// Space around a cell's text.
fn is_edge_space(c: char) -> bool {
    c == ' ' || c == '\u{3000}' || c == '\u{a0}'
}

fn is_paragraph(cell: &str) -> bool {
    cell.contains('。') && cell.chars().count() >= MIN_PARAGRAPH_CHARS
}

/// `| a | b |`, `a | b`, `|a|b` → the cells, without the empty pieces outside the outer bars.
fn split_bars(line: &str) -> Vec<String> {
    let mut cells: Vec<String> = line
        .split(['|', '｜'])
        .map(|c| c.trim_matches(is_edge_space).to_owned())
        .collect();
    if line.starts_with(['|', '｜']) && !cells.is_empty() {
        cells.remove(0);
    }
    if line.ends_with(['|', '｜']) {
        cells.pop();
    }
    cells
}

/// A Markdown rule line: `|---|:---:|`.
fn is_rule_line(cells: &[String]) -> bool {
    cells.iter().all(|c| {
        let c = c.trim();
        !c.is_empty() && c.chars().all(|ch| matches!(ch, '-' | ':' | '—' | '='))
    })
}

#[cfg(test)]
mod tests {
    use super::*;

    struct Nothing;
    impl Known for Nothing {
        fn is_heading(&self, line: &str) -> bool {
            line.starts_with("五、")
        }
        fn is_label(&self, line: &str) -> bool {
            line.starts_with("第二十条")
        }
        fn is_label_start(&self, line: &str) -> bool {
            line == "行政规范性"
        }
    }

    fn rows(text: &str) -> Vec<Block> {
        blocks(text, &Nothing)
    }

    #[test]
    fn tab_cells_rows_and_continued_labels() {
        let b = rows(
            "标题\n\t信息内容\n\t本年新\n制作数量\n\t本年新\n公开数量\n\n\t规章\n\t\u{3000}\n五、存在问题\n",
        );
        assert_eq!(
            b,
            vec![
                Block::Text("标题".into()),
                Block::Row(vec![
                    "信息内容".into(),
                    "本年新制作数量".into(),
                    "本年新公开数量".into()
                ]),
                Block::Row(vec!["规章".into(), "\u{3000}".into()]),
                Block::Text("五、存在问题".into()),
            ]
        );
    }

    #[test]
    fn bar_rows_with_and_without_outer_bars() {
        let b = rows(
            "| 规章 | 1 | 2 |\n|---|---|---|\n| 本年新\n制作数量 | x |\n第二十条第（一）项\n| 第二十条第(五)项 |",
        );
        assert_eq!(
            b,
            vec![
                Block::Row(vec!["规章".into(), "1".into(), "2".into()]),
                Block::Row(vec!["本年新制作数量".into(), "x".into()]),
                Block::Row(vec!["第二十条第（一）项".into()]),
                Block::Row(vec!["第二十条第(五)项".into()]),
            ]
        );
        // Without outer bars, a row starting with an empty cell is not an open row.
        let b = rows("规范性文件 | 3 | 4\n | （三）不予公开 | 1\n2 | 3");
        assert_eq!(
            b,
            vec![
                Block::Row(vec!["规范性文件".into(), "3".into(), "4".into()]),
                Block::Row(vec!["（三）不予公开".into(), "1".into()]),
                Block::Row(vec!["2".into(), "3".into()]),
            ]
        );
    }

    #[test]
    fn tab_indented_headings_and_lone_lines_are_prose() {
        let b = rows("\t五、存在问题\n\t一是要加强\n正文\n\t第二十条第（一）项\n\n\t规章\n\t0\n");
        assert_eq!(
            b,
            vec![
                Block::Text("五、存在问题".into()),
                Block::Text("一是要加强".into()),
                Block::Text("正文".into()),
                Block::Row(vec!["第二十条第（一）项".into()]),
                Block::Row(vec!["规章".into(), "0".into()]),
            ]
        );
    }

    #[test]
    fn a_row_label_broken_before_the_bars() {
        let b = rows("行政规范性\n文件 | 2 | 1\n正文");
        assert_eq!(
            b,
            vec![
                Block::Row(vec!["行政规范性文件".into(), "2".into(), "1".into()]),
                Block::Text("正文".into()),
            ]
        );
    }

    #[test]
    fn tab_separated_rows_and_indented_paragraphs() {
        let para = "\t2020年，街道主动公开政府信息数115条，其中通过政府网站公开政府信息数115条。";
        let b = rows(&format!("规章\t0\t0\t0\n{para}"));
        assert_eq!(
            b,
            vec![
                Block::Row(vec!["规章".into(), "0".into(), "0".into(), "0".into()]),
                Block::Text(para.trim_start_matches('\t').into()),
            ]
        );
    }
}
