//! Label pieces stacked into labels down the page, as the format's labels allow; a piece that
//! ran into its neighbours (text touching across a column without a rule) is cut where the
//! labels say.

use super::{Fragment, Split, Units};
use crate::model::import::Known;
use crate::model::import::normalize::label_key;

/// A piece longer than this is not cut into labels (it is prose, or no label at all).
const MAX_CUT_CHARS: usize = 24;
/// A piece is cut into at most this many labels.
const MAX_CUT_PIECES: usize = 3;

/// A label being assembled down the page.
#[derive(Debug, Clone)]
pub(super) struct Stack {
    pub(super) x0: f64,
    pub(super) x1: f64,
    pub(super) first: usize,
    pub(super) last: usize,
    last_y: f64,
    pub(super) text: String,
}

/// Builds the stacks line by line.
struct Stacker<'k> {
    known: &'k dyn Known,
    units: Units,
    stacks: Vec<Stack>,
    /// Stacks that may still grow (their last line is within the window).
    open: Vec<usize>,
    /// Stacks grown on the current line (a stack takes one piece per line).
    grown_here: Vec<usize>,
    line: usize,
    y: f64,
}

/// Stacks the label pieces into labels, top to bottom.
pub(super) fn stack_labels(lines: &[Split], known: &dyn Known, units: Units) -> Vec<Stack> {
    let mut s = Stacker {
        known,
        units,
        stacks: Vec::new(),
        open: Vec::new(),
        grown_here: Vec::new(),
        line: 0,
        y: 0.0,
    };
    for (i, line) in lines.iter().enumerate() {
        s.line = i;
        s.y = line.y;
        let stacks = &s.stacks;
        s.open.retain(|&k| {
            stacks
                .get(k)
                .is_some_and(|st| st.last_y + units.window >= line.y)
        });
        s.grown_here.clear();
        for f in &line.labels {
            match s.cut(f) {
                Some(pieces) => pieces.iter().for_each(|p| s.place(p)),
                None => s.place(f),
            }
        }
    }
    s.stacks
}

impl Stacker<'_> {
    /// The open stack `f` continues best (most overlap), if any.
    fn best(&self, f: &Fragment) -> Option<usize> {
        // Pieces the labels' keys ignore (quotes, spaces) join nothing and start nothing.
        if label_key(&f.text).is_empty() {
            return None;
        }
        let mut best: Option<(usize, f64)> = None;
        for &k in &self.open {
            let Some(st) = self.stacks.get(k) else {
                continue;
            };
            if st.last >= self.line
                || self.grown_here.contains(&k)
                || label_key(&st.text).is_empty()
            {
                continue;
            }
            let overlap = f.x1.min(st.x1) - f.x0.max(st.x0);
            if overlap < -self.units.tolerance {
                continue;
            }
            let joined = format!("{}{}", st.text, f.text);
            // A complete label grows only into a longer label, never by a stray parenthesis
            // (`6.属于四类过程性信息` + `（四）` reads as the label with a note).
            let known = self.known;
            let grows = known.is_label_start(&joined)
                || (known.is_label(&joined)
                    && (!known.is_label(&st.text) || known.is_label_start(&st.text)));
            if grows && best.is_none_or(|(_, o)| overlap > o) {
                best = Some((k, overlap));
            }
        }
        best.map(|(k, _)| k)
    }

    /// Adds a piece: to the stack it continues, or as a new stack.
    fn place(&mut self, f: &Fragment) {
        match self.best(f) {
            Some(k) => {
                if let Some(st) = self.stacks.get_mut(k) {
                    st.text.push_str(&f.text);
                    st.x0 = st.x0.min(f.x0);
                    st.x1 = st.x1.max(f.x1);
                    st.last = self.line;
                    st.last_y = self.y;
                }
                self.grown_here.push(k);
            }
            None => {
                self.open.push(self.stacks.len());
                self.grown_here.push(self.stacks.len());
                self.stacks.push(Stack {
                    x0: f.x0,
                    x1: f.x1,
                    first: self.line,
                    last: self.line,
                    last_y: self.y,
                    text: f.text.clone(),
                });
            }
        }
    }

    /// Whether a piece is a label by itself, the start of one, or continues an open stack.
    fn fits(&self, f: &Fragment) -> bool {
        self.known.is_label(&f.text) || self.known.is_label_start(&f.text) || self.best(f).is_some()
    }

    /// A piece that is no label and continues nothing, cut into pieces that are, at least one of
    /// them continuing a stack (`三、无法提供行制作` → `三、` `无法提供` `行制作` under
    /// `（四）` and `2.没有现成信息需要另`). Positions of the pieces are estimated by characters.
    fn cut(&self, f: &Fragment) -> Option<Vec<Fragment>> {
        let n = f.text.chars().count();
        if !(2..=MAX_CUT_CHARS).contains(&n) || self.fits(f) {
            return None;
        }
        let pieces = self.cut_from(f, MAX_CUT_PIECES)?;
        pieces
            .iter()
            .any(|p| self.best(p).is_some())
            .then_some(pieces)
    }

    fn cut_from(&self, f: &Fragment, budget: usize) -> Option<Vec<Fragment>> {
        if self.fits(f) {
            return Some(vec![f.clone()]);
        }
        if budget <= 1 {
            return None;
        }
        let chars: Vec<char> = f.text.chars().collect();
        let n = chars.len();
        let width = (f.x1 - f.x0) / n.max(1) as f64;
        // Longest right-hand piece first: labels are long, stray pieces short.
        for k in 1..n {
            let piece = |from: usize, to: usize| Fragment {
                x0: f.x0 + width * from as f64,
                x1: f.x0 + width * to as f64,
                text: chars.get(from..to).unwrap_or_default().iter().collect(),
            };
            let right = piece(k, n);
            if !self.fits(&right) {
                continue;
            }
            if let Some(mut left) = self.cut_from(&piece(0, k), budget - 1) {
                left.push(right);
                return Some(left);
            }
        }
        None
    }
}
