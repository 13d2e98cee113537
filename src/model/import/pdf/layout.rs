//! From positioned glyphs to the importer's blocks: ruled tables read cell by cell (`lattice`),
//! tables without rules read by position (`aligned`), the rest joined into lines and the lines
//! into paragraphs (a line that fills the measure continues on the next one, across pages too).
//! Page numbers (`-3-`, `— 3 —`, `第3页`) and the header rows a table repeats on its next page
//! are dropped.

use super::continued::{Cell, Continuation, Rows};
use super::lattice::{self, Grid};
use super::pages::{Glyph, Page, Pdf};
use crate::model::import::aligned::{self, Fragment, Line};
use crate::model::import::copied::is_page_number;
use crate::model::import::{Block, Known};
use crate::model::lexicon;
use crate::model::value::is_space;

/// A gap this wide (in font sizes) between two glyphs separates two pieces of a line.
const FRAGMENT_GAP: f64 = 0.9;
/// A gap this wide between two Latin letters or digits is a space.
const SPACE_GAP: f64 = 0.25;
/// A table cell with more text than this is page layout, not a table of the report.
const MAX_CELL_CHARS: usize = 300;
/// Page numbers sit in this share of the page at its top or bottom.
const MARGIN_SHARE: f64 = 0.12;

/// The blocks of a document, and how many table pieces were left out.
#[derive(Debug, Default)]
pub struct Layout {
    /// Prose paragraphs and table rows, in reading order.
    pub blocks: Vec<Block>,
    /// Table pieces that were neither a label nor part of a row (broken header words).
    pub dropped: usize,
}

/// A line of free text on a page.
#[derive(Debug, Clone)]
struct TextLine {
    y: f64,
    size: f64,
    x0: f64,
    x1: f64,
    text: String,
    fragments: Vec<Fragment>,
}

/// What a page holds, top to bottom.
#[derive(Debug)]
enum Item {
    Table(Rows),
    Line(TextLine),
}

/// Lays out every page.
pub fn layout(pdf: &Pdf, known: &dyn Known) -> Layout {
    let pages: Vec<Vec<(f64, Item)>> = pdf.pages.iter().map(page_items).collect();
    let metrics = Metrics::of(&pages);
    let mut out = Layout::default();
    let mut continuation = Continuation::default();
    let mut paragraph: Option<TextLine> = None;
    for items in pages {
        let page_metrics = metrics.for_page(&items);
        let mut i = 0;
        let mut first_on_page = true;
        while let Some((_, item)) = items.get(i) {
            match item {
                Item::Table(rows) => {
                    flush(&mut paragraph, &mut out.blocks);
                    continuation.table(rows, first_on_page, &mut out.blocks, known);
                    i += 1;
                }
                Item::Line(line) => {
                    continuation.end();
                    if aligned::starts_table(&as_aligned(line), known) {
                        let mut region = vec![as_aligned(line)];
                        let mut j = i + 1;
                        while let Some((_, Item::Line(next))) = items.get(j) {
                            let next = as_aligned(next);
                            if !aligned::continues_table(&next, known) {
                                break;
                            }
                            region.push(next);
                            j += 1;
                        }
                        flush(&mut paragraph, &mut out.blocks);
                        let units = aligned::Units {
                            tolerance: line.size * 0.5,
                            // Two lines of a label with a row of figures between them.
                            window: line.size * 2.2,
                        };
                        let (rows, dropped) = aligned::rows(&region, known, units, true);
                        out.blocks.extend(rows);
                        out.dropped += dropped;
                        i = j;
                    } else {
                        let joins = paragraph.as_ref().is_some_and(|prev| {
                            page_metrics.continues(prev, line, first_on_page, known)
                        });
                        match (&mut paragraph, joins) {
                            (Some(prev), true) => {
                                join_text(&mut prev.text, &line.text);
                                prev.y = line.y;
                                prev.x0 = line.x0;
                                prev.x1 = line.x1;
                            }
                            _ => {
                                flush(&mut paragraph, &mut out.blocks);
                                paragraph = Some(line.clone());
                            }
                        }
                        i += 1;
                    }
                }
            }
            first_on_page = false;
        }
    }
    flush(&mut paragraph, &mut out.blocks);
    out
}

fn flush(paragraph: &mut Option<TextLine>, blocks: &mut Vec<Block>) {
    if let Some(p) = paragraph.take() {
        blocks.push(Block::Text(p.text));
    }
}

fn as_aligned(line: &TextLine) -> Line {
    Line {
        fragments: line.fragments.clone(),
        y: line.y,
    }
}

/// The ruled tables and the lines of free text of a page, in order from the top.
fn page_items(page: &Page) -> Vec<(f64, Item)> {
    let grids = lattice::find(&page.rules);
    let mut cells: Vec<Vec<Vec<&Glyph>>> = grids
        .iter()
        .map(|g| vec![Vec::new(); g.cell_count()])
        .collect();
    let mut free: Vec<&Glyph> = Vec::new();
    for glyph in &page.glyphs {
        let cx = (glyph.x0 + glyph.x1) / 2.0;
        let cy = glyph.y - 0.3 * glyph.size;
        let hit = grids
            .iter()
            .enumerate()
            .find_map(|(t, g)| g.locate(cx, cy).map(|c| (t, c)));
        match hit.and_then(|(t, c)| cells.get_mut(t).and_then(|cs| cs.get_mut(c))) {
            Some(cell) => cell.push(glyph),
            None => free.push(glyph),
        }
    }
    let mut items: Vec<(f64, Item)> = Vec::new();
    for (grid, glyphs) in grids.iter().zip(cells) {
        let texts: Vec<String> = glyphs.iter().map(|gs| cell_text(gs)).collect();
        if is_data_table(grid, &texts) {
            let rows: Rows = grid
                .rows()
                .into_iter()
                .map(|r| {
                    r.into_iter()
                        .map(|c| {
                            let (x0, x1) = grid.extent(c);
                            Cell {
                                text: texts.get(c).cloned().unwrap_or_default(),
                                x0,
                                x1,
                            }
                        })
                        .collect::<Vec<Cell>>()
                })
                .filter(|r| r.iter().any(|c| !c.text.is_empty()))
                .collect();
            if !rows.is_empty() {
                items.push((grid.top(), Item::Table(rows)));
            }
        } else {
            free.extend(glyphs.into_iter().flatten());
        }
    }
    let top_margin = page.height * MARGIN_SHARE;
    let bottom_margin = page.height * (1.0 - MARGIN_SHARE);
    for line in lines(free) {
        let in_margin = line.y < top_margin || line.y > bottom_margin;
        if (in_margin && is_page_number(&line.text, true)) || is_page_chrome(&line.text) {
            continue;
        }
        items.push((line.y - line.size, Item::Line(line)));
    }
    items.sort_by(|a, b| a.0.total_cmp(&b.0));
    items
}

/// A ruled box is a data table when it has at least two cells side by side and short cells;
/// a frame around a paragraph or the whole page is not.
fn is_data_table(grid: &Grid, texts: &[String]) -> bool {
    grid.max_cells_in_a_row() >= 2
        && texts.iter().filter(|t| !t.is_empty()).count() >= 2
        && texts.iter().all(|t| t.chars().count() <= MAX_CELL_CHARS)
}

/// The text of a table cell: its lines joined (a label broken over lines is one label).
fn cell_text(glyphs: &[&Glyph]) -> String {
    let mut out = String::new();
    for line in lines(glyphs.to_vec()) {
        join_text(&mut out, &line.text);
    }
    out
}

/// Appends a line to text: Latin words get a space between them, Chinese does not.
fn join_text(text: &mut String, next: &str) {
    let last = text.chars().last();
    let first = next.chars().next();
    if let (Some(a), Some(b)) = (last, first)
        && a.is_ascii_alphanumeric()
        && b.is_ascii_alphanumeric()
    {
        text.push(' ');
    }
    text.push_str(next);
}

fn is_wide(c: char) -> bool {
    u32::from(c) >= 0x2e80
}

/// Groups glyphs into lines by baseline, left to right, with their text and pieces.
fn lines(mut glyphs: Vec<&Glyph>) -> Vec<TextLine> {
    glyphs.sort_by(|a, b| a.y.total_cmp(&b.y).then(a.x0.total_cmp(&b.x0)));
    let mut groups: Vec<Vec<&Glyph>> = Vec::new();
    for g in glyphs {
        match groups.last_mut() {
            Some(line)
                if line
                    .first()
                    .is_some_and(|f| (g.y - f.y).abs() <= 0.35 * f.size.max(g.size)) =>
            {
                line.push(g);
            }
            _ => groups.push(vec![g]),
        }
    }
    groups.into_iter().filter_map(build_line).collect()
}

fn build_line(mut glyphs: Vec<&Glyph>) -> Option<TextLine> {
    glyphs.sort_by(|a, b| a.x0.total_cmp(&b.x0));
    // Fake bold draws a glyph twice, a hair apart: keep one.
    glyphs.dedup_by(|b, a| a.text == b.text && (b.x0 - a.x0).abs() < 0.2 * a.size);
    let size = glyphs.iter().map(|g| g.size).fold(0.0, f64::max);
    let y = glyphs.iter().map(|g| g.y).sum::<f64>() / glyphs.len().max(1) as f64;
    let mut text = String::new();
    let mut fragments: Vec<Fragment> = Vec::new();
    let mut current: Option<Fragment> = None;
    let mut prev: Option<&Glyph> = None;
    let mut space = false;
    for g in glyphs {
        if g.text.chars().all(is_space) {
            space = true;
            continue;
        }
        if let Some(p) = prev {
            let em = p.size.max(g.size);
            let gap = g.x0 - p.x1;
            let split = gap >= FRAGMENT_GAP * em || (space && gap >= 0.5 * em);
            let (a, b) = (
                p.text.chars().last().unwrap_or(' '),
                g.text.chars().next().unwrap_or(' '),
            );
            let latin = !is_wide(a) && !is_wide(b);
            let both_wide = is_wide(a) && is_wide(b);
            let spaced = space || (split && !both_wide) || (latin && gap > SPACE_GAP * em);
            if spaced {
                text.push(' ');
            }
            if split {
                fragments.extend(current.take());
            } else if spaced && let Some(f) = current.as_mut() {
                f.text.push(' ');
            }
        }
        space = false;
        text.push_str(&g.text);
        match current.as_mut() {
            Some(f) => {
                f.text.push_str(&g.text);
                f.x1 = g.x1;
            }
            None => {
                current = Some(Fragment {
                    x0: g.x0,
                    x1: g.x1,
                    text: g.text.clone(),
                });
            }
        }
        prev = Some(g);
    }
    fragments.extend(current);
    let x0 = fragments.first()?.x0;
    let x1 = fragments.last().map_or(x0, |f| f.x1);
    Some(TextLine {
        y,
        size,
        x0,
        x1,
        text,
        fragments,
    })
}

/// Whether a line starts with an item number: `（二）`, `二、`, `2.`, `2、`, `(2)`.
fn starts_with_ordinal(text: &str) -> bool {
    let numeral = |c: char| c.is_ascii_digit() || "一二三四五六七八九十".contains(c);
    let mut chars = text.chars();
    match chars.next() {
        Some('（' | '(') => {
            let inner: String = chars
                .by_ref()
                .take_while(|&c| c != '）' && c != ')')
                .collect();
            !inner.is_empty() && inner.chars().count() <= 3 && inner.chars().all(numeral)
        }
        Some(c) if numeral(c) => {
            let rest: String = chars.take_while(|&c| !numeral(c)).take(1).collect();
            matches!(rest.as_str(), "、" | "." | "．")
        }
        _ => false,
    }
}

/// Text a browser prints around a web page (`【关闭窗口】`, `字号：[大 中 小]`): not the report.
fn is_page_chrome(text: &str) -> bool {
    lexicon::is_page_chrome(text, &[&lexicon::PAGE_TOOLBAR, &lexicon::PAGE_FOOTER])
}

/// The body text's size, margins and line pitch, for joining lines into paragraphs.
#[derive(Debug, Clone, Copy)]
struct Metrics {
    body: f64,
    pitch: Option<f64>,
    left: Option<f64>,
    right: Option<f64>,
}

/// The most common value after rounding to `step`, if it occurs at least twice.
fn mode(values: impl Iterator<Item = f64>, step: f64) -> Option<f64> {
    let mut counts: std::collections::BTreeMap<i64, usize> = std::collections::BTreeMap::new();
    for v in values {
        if v.is_finite() {
            *counts.entry((v / step).round() as i64).or_default() += 1;
        }
    }
    let (bin, n) = counts.into_iter().max_by_key(|&(bin, n)| (n, -bin))?;
    (n >= 2).then_some(bin as f64 * step)
}

/// The outermost value that at least two of `values` share (within `step`): the rightmost
/// (`outer` = 1) or leftmost (`outer` = −1) edge lines of a paragraph's body meet. Lines that end
/// a paragraph stop short of the measure at scattered places, so on a page with few lines the
/// commonest edge may be one of theirs; the margin is the outermost edge lines agree on.
fn shared_edge(values: impl Iterator<Item = f64>, step: f64, outer: f64) -> Option<f64> {
    let mut counts: std::collections::BTreeMap<i64, usize> = std::collections::BTreeMap::new();
    for v in values {
        if v.is_finite() {
            *counts.entry((outer * v / step).round() as i64).or_default() += 1;
        }
    }
    let bins: Vec<(i64, usize)> = counts.into_iter().collect();
    // Neighbouring bins count together (an edge falls either side of a bin boundary).
    let shared = |i: usize| {
        let here = bins.get(i).map_or(0, |b| b.1);
        let next = bins
            .get(i + 1)
            .filter(|b| bins.get(i).is_some_and(|a| b.0 - a.0 == 1))
            .map_or(0, |b| b.1);
        here + next
    };
    (0..bins.len())
        .rev()
        .find(|&i| shared(i) >= 2)
        .and_then(|i| bins.get(i))
        .map(|&(bin, _)| outer * bin as f64 * step)
}

impl Metrics {
    fn of(pages: &[Vec<(f64, Item)>]) -> Metrics {
        let lines = || {
            pages.iter().flatten().filter_map(|(_, item)| match item {
                Item::Line(l) => Some(l),
                Item::Table(_) => None,
            })
        };
        let body = mode(lines().map(|l| l.size), 0.5).unwrap_or(12.0);
        let is_body = |l: &&TextLine| (l.size - body).abs() <= 0.1 * body;
        let pitch = mode(
            pages.iter().flat_map(|items| {
                let body_lines: Vec<&TextLine> = items
                    .iter()
                    .filter_map(|(_, item)| match item {
                        Item::Line(l) => Some(l),
                        Item::Table(_) => None,
                    })
                    .filter(is_body)
                    .collect();
                body_lines
                    .windows(2)
                    .filter_map(|w| match w {
                        [a, b] => Some(b.y - a.y),
                        _ => None,
                    })
                    .collect::<Vec<f64>>()
            }),
            0.5,
        );
        let mut m = Metrics {
            body,
            pitch,
            left: None,
            right: None,
        };
        m.left = mode(lines().filter(is_body).map(|l| l.x0), 2.0);
        m.right = mode(lines().filter(is_body).map(|l| l.x1), 2.0);
        m
    }

    /// The metrics for one page: its own margins when it has enough body lines.
    fn for_page(&self, items: &[(f64, Item)]) -> Metrics {
        let body: Vec<&TextLine> = items
            .iter()
            .filter_map(|(_, item)| match item {
                Item::Line(l) if (l.size - self.body).abs() <= 0.1 * self.body => Some(l),
                _ => None,
            })
            .collect();
        if body.len() < 6 {
            return *self;
        }
        Metrics {
            left: shared_edge(body.iter().map(|l| l.x0), 2.0, -1.0).or(self.left),
            right: shared_edge(body.iter().map(|l| l.x1), 2.0, 1.0).or(self.right),
            ..*self
        }
    }

    /// Whether `next` continues the paragraph whose last line is `prev`.
    fn continues(
        &self,
        prev: &TextLine,
        next: &TextLine,
        new_page: bool,
        known: &dyn Known,
    ) -> bool {
        if known.is_heading(&next.text) || known.is_heading(&prev.text) {
            return false;
        }
        let size = prev.size.max(next.size);
        if (prev.size - next.size).abs() > 0.15 * size {
            return false;
        }
        // Lines of a paragraph follow each other at the body's pitch; a paragraph gap is wider.
        let close = new_page
            || match self.pitch {
                Some(p) if (prev.size - self.body).abs() <= 0.1 * self.body => {
                    next.y - prev.y <= p + (0.15 * size).max(1.0)
                }
                _ => next.y - prev.y <= 1.6 * size,
            };
        if !close {
            return false;
        }
        // A title set larger than the body runs over several centred lines.
        if prev.size > 1.15 * self.body && !new_page {
            return true;
        }
        // A sentence that ends where the next line starts an item (`（二）…`) ends a paragraph.
        if prev.text.ends_with(['。', '：', '；', ':', ';']) && starts_with_ordinal(&next.text) {
            return false;
        }
        let full = self.right.is_some_and(|r| prev.x1 >= r - 2.0 * size);
        let starts_left = self.left.is_some_and(|l| prev.x0 <= l + 2.5 * size);
        let flush_left = self.left.is_some_and(|l| next.x0 <= l + 0.8 * size);
        full && starts_left && flush_left
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_page_of_few_lines_keeps_the_margins_its_full_lines_share() {
        // The last page of our sample: two full lines end at 521.6, paragraph ends scatter
        // (two of them happen to end together at 348).
        let right = [222.0, 458.4, 521.57, 253.1, 347.9, 521.57, 348.3, 507.2];
        assert_eq!(shared_edge(right.into_iter(), 2.0, 1.0), Some(522.0));
        let left = [79.37, 110.96, 110.96, 79.37, 110.96, 110.96, 79.37, 301.9];
        assert_eq!(shared_edge(left.into_iter(), 2.0, -1.0), Some(80.0));
        assert_eq!(shared_edge([1.0, 50.0].into_iter(), 2.0, 1.0), None);
    }

    fn glyphs(text: &str, x: f64, y: f64, size: f64) -> Vec<Glyph> {
        let mut out = Vec::new();
        let mut x = x;
        for c in text.chars() {
            let w = if is_wide(c) { size } else { size / 2.0 };
            out.push(Glyph {
                text: c.to_string(),
                x0: x,
                x1: x + w,
                y,
                size,
            });
            x += w;
        }
        out
    }

    #[test]
    fn lines_pieces_and_spaces() {
        let mut g = glyphs("规章", 10.0, 100.0, 10.0);
        g.extend(glyphs("12", 60.0, 100.3, 10.0));
        g.extend(glyphs("New", 100.0, 100.0, 10.0));
        g.extend(glyphs("York", 118.0, 100.0, 10.0));
        g.extend(glyphs("2024年", 10.0, 120.0, 10.0));
        let refs: Vec<&Glyph> = g.iter().collect();
        let ls = lines(refs);
        assert_eq!(ls.len(), 2);
        let first = ls.first().unwrap();
        assert_eq!(first.text, "规章 12 New York");
        let texts: Vec<&str> = first.fragments.iter().map(|f| f.text.as_str()).collect();
        assert_eq!(texts, vec!["规章", "12", "New York"]);
        assert_eq!(ls.get(1).unwrap().text, "2024年");
    }

    #[test]
    fn page_numbers_in_the_margin_are_dropped() {
        let mut page = Page {
            height: 842.0,
            ..Page::default()
        };
        page.glyphs.extend(glyphs("— 3 —", 280.0, 800.0, 14.0));
        page.glyphs.extend(glyphs("正文", 80.0, 400.0, 14.0));
        let items = page_items(&page);
        assert_eq!(items.len(), 1);
    }
}
