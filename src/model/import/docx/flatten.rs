//! Paragraphs and tables turned into the importer's [`Block`]s.
//!
//! Tables of figures become their logical rows — `w:gridSpan` and `w:vMerge` resolved to the
//! same grid the web-page reader builds from `colspan`/`rowspan`, each merged cell once, where it
//! starts. Tables that hold tables or long paragraphs are page layout, and their content is read
//! as running text. Runs of paragraphs go through the text reader, so text typed as tab-separated
//! rows reads as it does when pasted; a title centred over two lines is joined first.

use super::body::{Cell, Merge, Node, Para, Table};
use crate::model::import::html::{Slot, logical_rows};
use crate::model::import::text;
use crate::model::import::{Block, Known};
use crate::model::lexicon;

/// The logical grid of one table is cut off beyond this many slots.
const MAX_GRID_SLOTS: usize = 200_000;
/// A title line is short.
const MAX_TITLE_PART_CHARS: usize = 40;

/// The blocks of a document body.
pub fn blocks(nodes: &[Node], known: &dyn Known) -> Vec<Block> {
    let mut out = Vec::new();
    let mut paragraphs: Vec<&Para> = Vec::new();
    let mut seen_heading = false;
    flow(nodes, known, &mut out, &mut paragraphs, &mut seen_heading);
    flush(&mut paragraphs, known, &mut out, &mut seen_heading);
    out
}

fn flow<'a>(
    nodes: &'a [Node],
    known: &dyn Known,
    out: &mut Vec<Block>,
    paragraphs: &mut Vec<&'a Para>,
    seen_heading: &mut bool,
) {
    for node in nodes {
        match node {
            Node::Para(p) => paragraphs.push(p),
            Node::Table(t) if is_signoff(t) => {}
            Node::Table(t) if is_layout(t, known) => {
                for row in &t.rows {
                    for cell in &row.cells {
                        flow(&cell.content, known, out, paragraphs, seen_heading);
                    }
                }
            }
            Node::Table(t) => {
                flush(paragraphs, known, out, seen_heading);
                out.extend(table_rows(t).into_iter().map(Block::Row));
            }
        }
    }
}

/// Runs of paragraphs through the text reader; before the first heading, a title split over
/// two or three centred lines is joined.
fn flush(paragraphs: &mut Vec<&Para>, known: &dyn Known, out: &mut Vec<Block>, seen: &mut bool) {
    if paragraphs.is_empty() {
        return;
    }
    let mut lines: Vec<(String, bool)> = Vec::new();
    for p in paragraphs.drain(..) {
        for line in p.text.split('\n') {
            lines.push((untab(line, known), p.centered));
        }
    }
    if !*seen {
        join_title(&mut lines, known);
    }
    *seen = *seen || lines.iter().any(|(l, _)| known.is_heading(l.trim()));
    let text: Vec<&str> = lines.iter().map(|(l, _)| l.as_str()).collect();
    // Word's paragraphs are paragraphs, however alike their lengths.
    out.extend(text::blocks_from(
        &text.join("\n"),
        known,
        text::Lines::Paragraphs,
    ));
}

/// A line's tabs: kept where the line is a table row typed with tabs (`规章⇥0⇥0⇥0`, its first
/// field a label of the report); elsewhere a tab is indentation or spacing (`一、⇥总体情况`),
/// and a paragraph of prose must not read as a row of cells.
fn untab(line: &str, known: &dyn Known) -> String {
    if !line.contains('\t') {
        return line.to_owned();
    }
    let trimmed = line.trim_start_matches('\t');
    let first = trimmed.split('\t').next().unwrap_or_default().trim();
    if trimmed.contains('\t') && known.is_label(first) {
        return trimmed.to_owned();
    }
    let mut out = String::with_capacity(trimmed.len());
    for (i, piece) in trimmed.split('\t').enumerate() {
        // A tab between two ideographs is spacing only; elsewhere it separates words.
        let joins_cjk = out.chars().last().is_some_and(|c| !c.is_ascii())
            && piece.chars().next().is_some_and(|c| !c.is_ascii());
        if i > 0 && !joins_cjk {
            out.push(' ');
        }
        out.push_str(piece);
    }
    out
}

fn looks_like_title(text: &str) -> bool {
    lexicon::names_the_report(text)
}

/// `青禾街道` / `2025年政府信息公开工作年度报告`, both centred, become one title line.
fn join_title(lines: &mut Vec<(String, bool)>, known: &dyn Known) {
    let end = lines
        .iter()
        .position(|(l, _)| known.is_heading(l.trim()))
        .unwrap_or(lines.len());
    let part = |l: &(String, bool)| {
        let t = l.0.trim();
        l.1 && !t.is_empty() && t.chars().count() <= MAX_TITLE_PART_CHARS && !t.ends_with('号')
    };
    for i in 0..end {
        let Some(first) = lines.get(i).filter(|l| part(l) && !l.0.contains("报告")) else {
            continue;
        };
        let mut joined = first.0.trim().to_owned();
        for k in 1..=2 {
            let Some(next) = lines.get(i + k).filter(|l| i + k < end && part(l)) else {
                break;
            };
            joined.push_str(next.0.trim());
            if looks_like_title(&joined) {
                lines.splice(i..=i + k, [(joined, true)]);
                return;
            }
        }
    }
}

/// Whether a table is the internal approval block under a report ([`lexicon::SIGNOFF_LABELS`], as
/// nianbao's own export adds it): not part of the report, and no table of the format.
fn is_signoff(table: &Table) -> bool {
    let texts: Vec<String> = table
        .rows
        .iter()
        .flat_map(|r| &r.cells)
        .map(|c| cell_text(c).trim().to_owned())
        .filter(|t| !t.is_empty())
        .collect();
    texts.len() >= 2
        && texts
            .iter()
            .all(|t| lexicon::SIGNOFF_LABELS.contains(&t.trim_end_matches(['：', ':']).trim()))
}

/// Whether a table is page layout: it holds tables, or its cells' text says so
/// ([`super::super::is_layout_text`], the web-page reader's rule).
fn is_layout(table: &Table, known: &dyn Known) -> bool {
    let cells = || table.rows.iter().flat_map(|r| &r.cells);
    if cells().any(|c| c.content.iter().any(|n| matches!(n, Node::Table(_)))) {
        return true;
    }
    let texts: Vec<String> = cells().map(cell_text).collect();
    super::super::is_layout_text(known, texts.iter().map(String::as_str))
}

/// The text of a cell: its paragraphs and lines joined (`本年新` + `制作数量`).
fn cell_text(cell: &Cell) -> String {
    let mut text = String::new();
    for node in &cell.content {
        if let Node::Para(p) = node {
            text.extend(p.text.chars().filter(|&c| c != '\n').map(|c| match c {
                '\t' => ' ',
                c => c,
            }));
        }
    }
    text
}

/// The rows of a table's logical grid: each merged cell once, where it starts; a hole inside a
/// row reads as an empty cell.
pub fn table_rows(table: &Table) -> Vec<Vec<String>> {
    let mut grid: Vec<Vec<Slot>> = Vec::with_capacity(table.rows.len());
    let mut slots = 0usize;
    for row in &table.rows {
        let mut line: Vec<Slot> = vec![Slot::Free; row.grid_before];
        for cell in &row.cells {
            let c = line.len();
            slots += cell.span;
            if slots > MAX_GRID_SLOTS {
                break;
            }
            let above = |g: &Vec<Vec<Slot>>| {
                g.last()
                    .and_then(|r| r.get(c))
                    .is_some_and(|s| !matches!(s, Slot::Free))
            };
            let first = match cell.merge {
                Merge::Continue if above(&grid) => Slot::Covered,
                Merge::ContinueLeft if c > 0 => Slot::Covered,
                _ => Slot::Start(cell_text(cell)),
            };
            line.push(first);
            line.extend(std::iter::repeat_n(Slot::Covered, cell.span - 1));
        }
        grid.push(line);
        if slots > MAX_GRID_SLOTS {
            break;
        }
    }
    logical_rows(grid)
}
