//! Tables found by their ruling lines: the lines that touch each other make a table; the
//! distinct x of its vertical lines and y of its horizontal lines cut it into a fine grid; two
//! neighbouring fine cells with no line between them belong to one (merged) cell.
//!
//! The logical rows come back as HTML's do: row by row, each merged cell once, in the row and
//! column where it starts.

use super::pages::Rule;

/// Lines this close (points) are one line; an edge this far from a cell's corner still closes it.
const SNAP: f64 = 1.5;
/// More ruling lines than this on a page is a drawing, not a table.
const MAX_RULES: usize = 20_000;
/// A table cut into more fine cells than this is not read as a table.
const MAX_FINE_CELLS: usize = 40_000;

/// A ruled table: its fine grid and which merged cell each fine cell belongs to.
#[derive(Debug, Clone)]
pub struct Grid {
    /// x of the vertical lines, left to right.
    xs: Vec<f64>,
    /// y of the horizontal lines, top to bottom.
    ys: Vec<f64>,
    /// For each fine cell (row-major), its merged cell.
    cell_of: Vec<usize>,
    /// Each merged cell's first fine cell (row, column), in row-major order.
    anchors: Vec<(usize, usize)>,
    /// Each merged cell's first and last fine column.
    columns: Vec<(usize, usize)>,
}

impl Grid {
    /// The table's top edge.
    pub fn top(&self) -> f64 {
        self.ys.first().copied().unwrap_or(0.0)
    }

    /// How many merged cells.
    pub fn cell_count(&self) -> usize {
        self.anchors.len()
    }

    /// The merged cell holding the point, if it lies inside the table.
    pub fn locate(&self, x: f64, y: f64) -> Option<usize> {
        let col = interval(&self.xs, x)?;
        let row = interval(&self.ys, y)?;
        let cols = self.xs.len() - 1;
        self.cell_of.get(row * cols + col).copied()
    }

    /// The left and right edges of a merged cell.
    pub fn extent(&self, cell: usize) -> (f64, f64) {
        let (first, last) = self.columns.get(cell).copied().unwrap_or((0, 0));
        (
            self.xs.get(first).copied().unwrap_or(0.0),
            self.xs.get(last + 1).copied().unwrap_or(0.0),
        )
    }

    /// The logical rows: the merged cells starting in each fine row, left to right, as indices.
    pub fn rows(&self) -> Vec<Vec<usize>> {
        let rows = self.ys.len().saturating_sub(1);
        let mut out: Vec<Vec<usize>> = vec![Vec::new(); rows];
        for (cell, &(r, _)) in self.anchors.iter().enumerate() {
            if let Some(row) = out.get_mut(r) {
                row.push(cell);
            }
        }
        out.retain(|r| !r.is_empty());
        out
    }

    /// How many merged cells start in each fine row, at most (1: every row is one cell wide).
    pub fn max_cells_in_a_row(&self) -> usize {
        self.rows().iter().map(Vec::len).max().unwrap_or(0)
    }
}

/// The index `i` with `edges[i] <= v < edges[i + 1]`.
fn interval(edges: &[f64], v: f64) -> Option<usize> {
    let first = *edges.first()?;
    let last = *edges.last()?;
    if v < first || v >= last {
        return None;
    }
    let i = edges.partition_point(|&e| e <= v);
    i.checked_sub(1)
}

/// A merged run of collinear rules.
#[derive(Debug, Clone, Copy)]
struct Segment {
    at: f64,
    from: f64,
    to: f64,
}

/// Joins rules on one line that overlap or touch.
fn merge(mut rules: Vec<Segment>) -> Vec<Segment> {
    rules.sort_by(|a, b| a.at.total_cmp(&b.at));
    let mut out: Vec<Segment> = Vec::new();
    let mut line: Vec<Segment> = Vec::new();
    let flush = |line: &mut Vec<Segment>, out: &mut Vec<Segment>| {
        line.sort_by(|a, b| a.from.total_cmp(&b.from));
        let mut merged: Vec<Segment> = Vec::new();
        for r in line.drain(..) {
            match merged.last_mut() {
                Some(last) if r.from <= last.to + SNAP => last.to = last.to.max(r.to),
                _ => merged.push(r),
            }
        }
        out.extend(merged);
    };
    for r in rules {
        if line
            .first()
            .is_some_and(|first| (r.at - first.at).abs() > SNAP)
        {
            flush(&mut line, &mut out);
        }
        line.push(r);
    }
    flush(&mut line, &mut out);
    out
}

/// Snaps nearby coordinates together (sorted input), each group to its mean.
fn snap(mut values: Vec<f64>) -> Vec<f64> {
    values.sort_by(f64::total_cmp);
    let mut out: Vec<(f64, usize)> = Vec::new();
    for v in values {
        match out.last_mut() {
            Some((sum, n)) if v - *sum / *n as f64 <= SNAP => {
                *sum += v;
                *n += 1;
            }
            _ => out.push((v, 1)),
        }
    }
    out.into_iter().map(|(sum, n)| sum / n as f64).collect()
}

struct UnionFind(Vec<usize>);

impl UnionFind {
    fn new(n: usize) -> Self {
        UnionFind((0..n).collect())
    }

    fn find(&mut self, mut i: usize) -> usize {
        while let Some(&p) = self.0.get(i) {
            if p == i {
                break;
            }
            let grand = self.0.get(p).copied().unwrap_or(p);
            if let Some(slot) = self.0.get_mut(i) {
                *slot = grand;
            }
            i = p;
        }
        i
    }

    fn union(&mut self, a: usize, b: usize) {
        let (ra, rb) = (self.find(a), self.find(b));
        if ra != rb
            && let Some(slot) = self.0.get_mut(ra.max(rb))
        {
            *slot = ra.min(rb);
        }
    }
}

/// The ruled tables of a page, top to bottom.
pub fn find(rules: &[Rule]) -> Vec<Grid> {
    if rules.len() > MAX_RULES {
        return Vec::new();
    }
    let seg = |r: &Rule| Segment {
        at: r.at,
        from: r.from,
        to: r.to,
    };
    let hs = merge(rules.iter().filter(|r| r.horizontal).map(seg).collect());
    let vs = merge(rules.iter().filter(|r| !r.horizontal).map(seg).collect());
    // Lines that cross or touch are one table.
    let mut uf = UnionFind::new(hs.len() + vs.len());
    for (i, h) in hs.iter().enumerate() {
        for (j, v) in vs.iter().enumerate() {
            let crosses = v.at >= h.from - SNAP
                && v.at <= h.to + SNAP
                && h.at >= v.from - SNAP
                && h.at <= v.to + SNAP;
            if crosses {
                uf.union(i, hs.len() + j);
            }
        }
    }
    let mut groups: std::collections::BTreeMap<usize, (Vec<Segment>, Vec<Segment>)> =
        std::collections::BTreeMap::new();
    for (i, h) in hs.iter().enumerate() {
        groups.entry(uf.find(i)).or_default().0.push(*h);
    }
    for (j, v) in vs.iter().enumerate() {
        groups.entry(uf.find(hs.len() + j)).or_default().1.push(*v);
    }
    let mut grids: Vec<Grid> = groups
        .into_values()
        .filter(|(h, v)| h.len() >= 2 && v.len() >= 2)
        .filter_map(|(h, v)| grid(&h, &v))
        .collect();
    grids.sort_by(|a, b| a.top().total_cmp(&b.top()));
    grids
}

/// The fine grid of one group of lines, merged where lines are missing.
fn grid(hs: &[Segment], vs: &[Segment]) -> Option<Grid> {
    let xs = snap(vs.iter().map(|v| v.at).collect());
    let ys = snap(hs.iter().map(|h| h.at).collect());
    let (rows, cols) = (ys.len().checked_sub(1)?, xs.len().checked_sub(1)?);
    if rows == 0 || cols == 0 || rows * cols > MAX_FINE_CELLS {
        return None;
    }
    // Whether a line at `at` covers the middle half of (lo, hi).
    let covered = |segments: &[Segment], at: f64, lo: f64, hi: f64| {
        let q = (hi - lo) / 4.0;
        let mid = (lo + hi) / 2.0;
        segments
            .iter()
            .any(|s| (s.at - at).abs() <= SNAP && s.from <= mid - q && s.to >= mid + q)
    };
    let mut uf = UnionFind::new(rows * cols);
    for r in 0..rows {
        let (Some(&y0), Some(&y1)) = (ys.get(r), ys.get(r + 1)) else {
            continue;
        };
        for c in 0..cols {
            let (Some(&x0), Some(&x1)) = (xs.get(c), xs.get(c + 1)) else {
                continue;
            };
            if c + 1 < cols && !covered(vs, x1, y0, y1) {
                uf.union(r * cols + c, r * cols + c + 1);
            }
            if r + 1 < rows && !covered(hs, y1, x0, x1) {
                uf.union(r * cols + c, (r + 1) * cols + c);
            }
        }
    }
    let mut id_of_root: std::collections::HashMap<usize, usize> = std::collections::HashMap::new();
    let mut anchors = Vec::new();
    let mut columns: Vec<(usize, usize)> = Vec::new();
    let mut cell_of = Vec::with_capacity(rows * cols);
    for i in 0..rows * cols {
        let root = uf.find(i);
        let col = i % cols;
        let id = *id_of_root.entry(root).or_insert_with(|| {
            anchors.push((i / cols, col));
            columns.push((col, col));
            anchors.len() - 1
        });
        if let Some(span) = columns.get_mut(id) {
            span.0 = span.0.min(col);
            span.1 = span.1.max(col);
        }
        cell_of.push(id);
    }
    Some(Grid {
        xs,
        ys,
        cell_of,
        anchors,
        columns,
    })
}

#[cfg(test)]
mod tests {
    use super::*;

    fn h(at: f64, from: f64, to: f64) -> Rule {
        Rule {
            horizontal: true,
            at,
            from,
            to,
        }
    }

    fn v(at: f64, from: f64, to: f64) -> Rule {
        Rule {
            horizontal: false,
            at,
            from,
            to,
        }
    }

    #[test]
    fn merged_cells_from_missing_lines() {
        // A 3×3 grid whose first column's lower two cells are merged (a group label), with the
        // outline drawn as separate rectangles per cell, slightly off.
        let rules = vec![
            h(0.0, 0.0, 90.0),
            h(10.0, 0.0, 90.0),
            h(20.0, 30.0, 90.0),
            h(30.2, 0.0, 60.0),
            h(29.9, 60.0, 90.0),
            v(0.0, 0.0, 30.0),
            v(30.0, 0.0, 30.0),
            v(60.0, 0.0, 30.0),
            v(90.0, 0.0, 30.0),
            // An underline elsewhere on the page is no table.
            h(100.0, 0.0, 50.0),
        ];
        let grids = find(&rules);
        assert_eq!(grids.len(), 1);
        let g = grids.first().unwrap();
        assert_eq!(g.cell_count(), 8);
        assert_eq!(g.rows(), vec![vec![0, 1, 2], vec![3, 4, 5], vec![6, 7]]);
        assert_eq!(g.locate(5.0, 25.0), Some(3));
        assert_eq!(g.locate(45.0, 25.0), Some(6));
        assert_eq!(g.locate(95.0, 25.0), None);
        assert_eq!(g.max_cells_in_a_row(), 3);
        assert_eq!(g.extent(3), (0.0, 30.0));
        assert_eq!(g.extent(0), (0.0, 30.0));
        assert_eq!(g.extent(7), (60.0, 90.0));
    }

    #[test]
    fn too_many_rules_or_no_crossings() {
        assert!(find(&[h(0.0, 0.0, 10.0), h(5.0, 0.0, 10.0)]).is_empty());
        let many: Vec<Rule> = (0..30_000).map(|i| h(f64::from(i), 0.0, 1.0)).collect();
        assert!(find(&many).is_empty());
    }
}
