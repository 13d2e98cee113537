//! Geometry of a content stream: transforms, and paths turned into the straight lines and thin
//! bars that rule tables.

/// A path segment count beyond this is not a table.
const MAX_PATH_POINTS: usize = 100_000;
/// A bar thinner than this (points) is a rule.
const MAX_RULE_THICKNESS: f64 = 2.5;

/// A 2-D affine transform `[a b c d e f]` as PDF writes it (row vectors: `p' = p × M`).
#[derive(Debug, Clone, Copy, PartialEq)]
pub struct Matrix {
    pub(super) a: f64,
    pub(super) b: f64,
    pub(super) c: f64,
    pub(super) d: f64,
    pub(super) e: f64,
    pub(super) f: f64,
}

impl Matrix {
    /// The identity.
    pub const IDENTITY: Matrix = Matrix {
        a: 1.0,
        b: 0.0,
        c: 0.0,
        d: 1.0,
        e: 0.0,
        f: 0.0,
    };

    pub(super) fn from(v: &[f64]) -> Option<Matrix> {
        match v {
            [a, b, c, d, e, f] => Some(Matrix {
                a: *a,
                b: *b,
                c: *c,
                d: *d,
                e: *e,
                f: *f,
            }),
            _ => None,
        }
    }

    pub(super) fn translate(x: f64, y: f64) -> Matrix {
        Matrix {
            e: x,
            f: y,
            ..Matrix::IDENTITY
        }
    }

    /// `self` then `other`.
    pub(super) fn then(&self, o: &Matrix) -> Matrix {
        Matrix {
            a: self.a * o.a + self.b * o.c,
            b: self.a * o.b + self.b * o.d,
            c: self.c * o.a + self.d * o.c,
            d: self.c * o.b + self.d * o.d,
            e: self.e * o.a + self.f * o.c + o.e,
            f: self.e * o.b + self.f * o.d + o.f,
        }
    }

    /// Where the point goes.
    pub fn apply(&self, x: f64, y: f64) -> (f64, f64) {
        (
            x * self.a + y * self.c + self.e,
            x * self.b + y * self.d + self.f,
        )
    }

    pub(super) fn is_finite(&self) -> bool {
        [self.a, self.b, self.c, self.d, self.e, self.f]
            .iter()
            .all(|v| v.is_finite())
    }
}

/// A straight stroke or thin bar, in default user space.
#[derive(Debug, Clone, Copy, PartialEq)]
pub struct RawLine {
    /// One end.
    pub from: (f64, f64),
    /// The other end.
    pub to: (f64, f64),
}

/// Path under construction: subpaths of transformed points (a curve ends one; curves are never
/// rules).
#[derive(Default)]
pub(super) struct Path {
    subpaths: Vec<Vec<(f64, f64)>>,
    points: usize,
}

/// The bounding box of the unit square under `m` (where an image lands).
pub(super) fn unit_square(m: &Matrix) -> (f64, f64, f64, f64) {
    let corners = [
        m.apply(0.0, 0.0),
        m.apply(1.0, 0.0),
        m.apply(0.0, 1.0),
        m.apply(1.0, 1.0),
    ];
    let xs = corners.iter().map(|p| p.0);
    let ys = corners.iter().map(|p| p.1);
    (
        xs.clone().fold(f64::INFINITY, f64::min),
        ys.clone().fold(f64::INFINITY, f64::min),
        xs.fold(f64::NEG_INFINITY, f64::max),
        ys.fold(f64::NEG_INFINITY, f64::max),
    )
}

impl Path {
    pub(super) fn start(&mut self, p: (f64, f64)) {
        if self.points >= MAX_PATH_POINTS {
            return;
        }
        self.points += 1;
        self.subpaths.push(vec![p]);
    }

    pub(super) fn line_to(&mut self, p: (f64, f64)) {
        if self.points >= MAX_PATH_POINTS {
            return;
        }
        self.points += 1;
        match self.subpaths.last_mut() {
            Some(sub) => sub.push(p),
            None => self.subpaths.push(vec![p]),
        }
    }

    pub(super) fn close(&mut self) {
        if let Some(sub) = self.subpaths.last_mut()
            && let (Some(&first), Some(&last)) = (sub.first(), sub.last())
            && sub.len() > 2
            && first != last
        {
            sub.push(first);
        }
    }

    /// Straight segments of a stroked path.
    pub(super) fn stroke(&self, out: &mut Vec<RawLine>) {
        for sub in &self.subpaths {
            for pair in sub.windows(2) {
                if let [from, to] = pair {
                    out.push(RawLine {
                        from: *from,
                        to: *to,
                    });
                }
            }
        }
    }

    /// A filled thin bar is a rule along its length.
    pub(super) fn fill(&self, out: &mut Vec<RawLine>) {
        for sub in &self.subpaths {
            if sub.len() < 3 {
                continue;
            }
            let (mut x0, mut y0, mut x1, mut y1) = (
                f64::INFINITY,
                f64::INFINITY,
                f64::NEG_INFINITY,
                f64::NEG_INFINITY,
            );
            for &(x, y) in sub {
                x0 = x0.min(x);
                y0 = y0.min(y);
                x1 = x1.max(x);
                y1 = y1.max(y);
            }
            let (w, h) = (x1 - x0, y1 - y0);
            if h <= MAX_RULE_THICKNESS && w > h {
                let y = (y0 + y1) / 2.0;
                out.push(RawLine {
                    from: (x0, y),
                    to: (x1, y),
                });
            } else if w <= MAX_RULE_THICKNESS && h > w {
                let x = (x0 + x1) / 2.0;
                out.push(RawLine {
                    from: (x, y0),
                    to: (x, y1),
                });
            }
        }
    }
}
