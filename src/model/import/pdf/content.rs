//! Walks a page's content streams (and the forms they draw) and collects what the layout needs:
//! every glyph with its text and position, the straight lines and thin bars that rule tables,
//! and how much of the page images cover.
//!
//! Bounded everywhere: operands, graphics-state depth, form nesting, glyphs and operators per
//! document.

use std::collections::HashMap;
use std::rc::Rc;

use lopdf::{Dictionary, Document, Object, ObjectId};

use super::font::Font;
use super::geometry::{Matrix, Path, RawLine, unit_square};
use super::lex::{Lexer, Token};
use super::objects::{self, Budget};

/// Operands kept before an operator (a content stream never needs more than a handful).
const MAX_OPERANDS: usize = 64;
/// Items of a `TJ` array kept.
const MAX_ARRAY_ITEMS: usize = 65_536;
/// `q` nesting kept.
const MAX_STATE_DEPTH: usize = 64;
/// Forms inside forms.
const MAX_FORM_DEPTH: usize = 8;

/// A glyph as drawn, in default user space (points, y up).
#[derive(Debug, Clone, PartialEq)]
pub struct RawGlyph {
    /// Its text (`\u{FFFD}` when the font does not say).
    pub text: String,
    /// Where the glyph's origin lies on the baseline.
    pub origin: (f64, f64),
    /// The origin moved by the glyph's advance.
    pub end: (f64, f64),
    /// The font size as drawn (the height of an em).
    pub size: f64,
    /// Whether the text was drawn invisibly (render mode 3, an OCR layer).
    pub invisible: bool,
}

/// What one page draws.
#[derive(Debug, Default)]
pub struct Drawn {
    /// Glyphs in drawing order.
    pub glyphs: Vec<RawGlyph>,
    /// Straight lines and thin bars.
    pub lines: Vec<RawLine>,
    /// Images: their bounding boxes `(x0, y0, x1, y1)`.
    pub images: Vec<(f64, f64, f64, f64)>,
}

/// Caps shared by all pages of one document.
#[derive(Debug)]
pub struct Limits {
    /// Operators left to run.
    pub operators: usize,
    /// Glyphs left to collect.
    pub glyphs: usize,
    /// Set when a cap cut the reading short.
    pub cut: bool,
}

#[derive(Debug, Clone)]
struct State {
    ctm: Matrix,
    font: Option<Rc<Font>>,
    size: f64,
    char_spacing: f64,
    word_spacing: f64,
    scale: f64,
    leading: f64,
    rise: f64,
    render: i64,
}

impl Default for State {
    fn default() -> Self {
        State {
            ctm: Matrix::IDENTITY,
            font: None,
            size: 0.0,
            char_spacing: 0.0,
            word_spacing: 0.0,
            scale: 1.0,
            leading: 0.0,
            rise: 0.0,
            render: 0,
        }
    }
}

/// An operand.
#[derive(Debug, Clone)]
enum Operand {
    Number(f64),
    Str(Vec<u8>),
    Name(Vec<u8>),
    Array(Vec<Operand>),
    Other,
}

/// Runs content streams for one document, caching its fonts.
pub struct Interpreter<'d> {
    doc: &'d Document,
    fonts: HashMap<ObjectId, Rc<Font>>,
    /// The byte budget for decoding streams.
    pub budget: Budget,
    /// The caps.
    pub limits: Limits,
}

impl<'d> Interpreter<'d> {
    /// An interpreter for `doc`.
    pub fn new(doc: &'d Document, budget: Budget, limits: Limits) -> Self {
        Interpreter {
            doc,
            fonts: HashMap::new(),
            budget,
            limits,
        }
    }

    /// Runs the content streams of a page with its resources.
    pub fn page(&mut self, streams: &[Vec<u8>], resources: Option<&Dictionary>) -> Drawn {
        let mut out = Drawn::default();
        let mut state = State::default();
        // A page's content may be split over several streams at any token boundary.
        let joined: Vec<u8> = streams.join(&b'\n');
        self.run(&joined, resources, &mut state, &mut out, 0, &mut Vec::new());
        out
    }

    fn font(&mut self, resources: Option<&Dictionary>, name: &[u8]) -> Option<Rc<Font>> {
        let doc = self.doc;
        let fonts = objects::dict(doc, resources?, b"Font")?;
        let entry = fonts.get(name).ok()?;
        if let Object::Reference(id) = entry {
            if let Some(f) = self.fonts.get(id) {
                return Some(Rc::clone(f));
            }
            let dict = objects::resolve(doc, entry).and_then(objects::as_dict)?;
            let font = Rc::new(Font::load(doc, dict, &mut self.budget));
            self.fonts.insert(*id, Rc::clone(&font));
            return Some(font);
        }
        let dict = objects::as_dict(entry)?;
        Some(Rc::new(Font::load(doc, dict, &mut self.budget)))
    }

    #[allow(clippy::too_many_lines)]
    fn run(
        &mut self,
        content: &[u8],
        resources: Option<&Dictionary>,
        state: &mut State,
        out: &mut Drawn,
        depth: usize,
        forms: &mut Vec<ObjectId>,
    ) {
        let mut lexer = Lexer::new(content);
        let mut operands: Vec<Operand> = Vec::new();
        let mut stack: Vec<State> = Vec::new();
        let mut skipped_pushes = 0usize;
        let mut tm = Matrix::IDENTITY;
        let mut tlm = Matrix::IDENTITY;
        let mut path = Path::default();
        let mut arrays: Vec<Vec<Operand>> = Vec::new();
        let mut dict_depth = 0usize;
        while let Some(token) = lexer.next() {
            let operand = match token {
                Token::Number(n) => Operand::Number(n),
                Token::Str(s) => Operand::Str(s),
                Token::Name(n) => Operand::Name(n),
                Token::ArrayStart => {
                    if arrays.len() < 8 {
                        arrays.push(Vec::new());
                    }
                    continue;
                }
                Token::ArrayEnd => {
                    let Some(done) = arrays.pop() else { continue };
                    Operand::Array(done)
                }
                Token::DictStart => {
                    dict_depth += 1;
                    continue;
                }
                Token::DictEnd => {
                    dict_depth = dict_depth.saturating_sub(1);
                    operands.push(Operand::Other);
                    continue;
                }
                Token::Keyword(op) => {
                    if dict_depth > 0 || !arrays.is_empty() {
                        // `true`, `null` inside a dictionary or array operand.
                        continue;
                    }
                    if self.limits.operators == 0 {
                        self.limits.cut = true;
                        return;
                    }
                    self.limits.operators -= 1;
                    let ops = std::mem::take(&mut operands);
                    match op.as_slice() {
                        b"q" => {
                            if stack.len() < MAX_STATE_DEPTH {
                                stack.push(state.clone());
                            } else {
                                skipped_pushes += 1;
                            }
                        }
                        b"Q" => {
                            if skipped_pushes > 0 {
                                skipped_pushes -= 1;
                            } else if let Some(saved) = stack.pop() {
                                *state = saved;
                            }
                        }
                        b"cm" => {
                            if let Some(m) = matrix(&ops) {
                                let ctm = m.then(&state.ctm);
                                if ctm.is_finite() {
                                    state.ctm = ctm;
                                }
                            }
                        }
                        b"BT" => {
                            tm = Matrix::IDENTITY;
                            tlm = Matrix::IDENTITY;
                        }
                        b"Tf" => {
                            if let [Operand::Name(name), Operand::Number(size)] = ops.as_slice() {
                                state.font = self.font(resources, name);
                                state.size = *size;
                            }
                        }
                        b"Tc" => set(&ops, &mut state.char_spacing),
                        b"Tw" => set(&ops, &mut state.word_spacing),
                        b"Tz" => {
                            let mut v = 100.0;
                            set(&ops, &mut v);
                            state.scale = v / 100.0;
                        }
                        b"TL" => set(&ops, &mut state.leading),
                        b"Ts" => set(&ops, &mut state.rise),
                        b"Tr" => {
                            if let Some(Operand::Number(n)) = ops.first() {
                                state.render = *n as i64;
                            }
                        }
                        b"Td" | b"TD" => {
                            if let [Operand::Number(x), Operand::Number(y)] = ops.as_slice() {
                                if op.as_slice() == b"TD" {
                                    state.leading = -*y;
                                }
                                tlm = Matrix::translate(*x, *y).then(&tlm);
                                tm = tlm;
                            }
                        }
                        b"Tm" => {
                            if let Some(m) = matrix(&ops)
                                && m.is_finite()
                            {
                                tlm = m;
                                tm = m;
                            }
                        }
                        b"T*" => {
                            tlm = Matrix::translate(0.0, -state.leading).then(&tlm);
                            tm = tlm;
                        }
                        b"Tj" => {
                            if let Some(Operand::Str(s)) = ops.last() {
                                self.show(s, state, &mut tm, out);
                            }
                        }
                        b"'" | b"\"" => {
                            if op.as_slice() == b"\""
                                && let [Operand::Number(aw), Operand::Number(ac), _] =
                                    ops.as_slice()
                            {
                                state.word_spacing = *aw;
                                state.char_spacing = *ac;
                            }
                            tlm = Matrix::translate(0.0, -state.leading).then(&tlm);
                            tm = tlm;
                            if let Some(Operand::Str(s)) = ops.last() {
                                self.show(s, state, &mut tm, out);
                            }
                        }
                        b"TJ" => {
                            if let Some(Operand::Array(items)) = ops.last() {
                                for item in items {
                                    match item {
                                        Operand::Str(s) => self.show(s, state, &mut tm, out),
                                        Operand::Number(n) => {
                                            let tx = -n / 1000.0 * state.size * state.scale;
                                            tm = Matrix::translate(tx, 0.0).then(&tm);
                                        }
                                        _ => {}
                                    }
                                }
                            }
                        }
                        b"Do" => {
                            if let Some(Operand::Name(name)) = ops.last() {
                                self.draw_object(resources, name, state, out, depth, forms);
                            }
                        }
                        b"ID" => {
                            lexer.skip_inline_image();
                            out.images.push(unit_square(&state.ctm));
                        }
                        b"m" => {
                            if let [Operand::Number(x), Operand::Number(y)] = ops.as_slice() {
                                path.start(state.ctm.apply(*x, *y));
                            }
                        }
                        b"l" => {
                            if let [Operand::Number(x), Operand::Number(y)] = ops.as_slice() {
                                path.line_to(state.ctm.apply(*x, *y));
                            }
                        }
                        b"c" | b"v" | b"y" => {
                            if let Some(&[Operand::Number(x), Operand::Number(y)]) =
                                ops.get(ops.len().saturating_sub(2)..)
                            {
                                path.start(state.ctm.apply(x, y));
                            }
                        }
                        b"h" => path.close(),
                        b"re" => {
                            if let [
                                Operand::Number(x),
                                Operand::Number(y),
                                Operand::Number(w),
                                Operand::Number(h),
                            ] = ops.as_slice()
                            {
                                let ctm = state.ctm;
                                path.start(ctm.apply(*x, *y));
                                path.line_to(ctm.apply(x + w, *y));
                                path.line_to(ctm.apply(x + w, y + h));
                                path.line_to(ctm.apply(*x, y + h));
                                path.close();
                            }
                        }
                        b"S" | b"s" => {
                            if op.as_slice() == b"s" {
                                path.close();
                            }
                            path.stroke(&mut out.lines);
                            path = Path::default();
                        }
                        b"f" | b"F" | b"f*" => {
                            path.fill(&mut out.lines);
                            path = Path::default();
                        }
                        b"B" | b"B*" | b"b" | b"b*" => {
                            path.close();
                            path.stroke(&mut out.lines);
                            path = Path::default();
                        }
                        b"n" => path = Path::default(),
                        _ => {}
                    }
                    continue;
                }
            };
            if let Some(array) = arrays.last_mut() {
                if array.len() < MAX_ARRAY_ITEMS {
                    array.push(operand);
                }
            } else if dict_depth == 0 {
                if operands.len() >= MAX_OPERANDS {
                    operands.remove(0);
                }
                operands.push(operand);
            }
        }
    }

    /// Shows a string: one glyph per code, the text matrix moved by each advance.
    fn show(&mut self, bytes: &[u8], state: &State, tm: &mut Matrix, out: &mut Drawn) {
        let Some(font) = state.font.as_ref() else {
            return;
        };
        for code in font.decode(bytes) {
            if self.limits.glyphs == 0 {
                self.limits.cut = true;
                return;
            }
            let trm = Matrix {
                a: state.size * state.scale,
                b: 0.0,
                c: 0.0,
                d: state.size,
                e: 0.0,
                f: state.rise,
            }
            .then(tm)
            .then(&state.ctm);
            let origin = trm.apply(0.0, 0.0);
            let end = trm.apply(code.width, 0.0);
            let size = trm.c.hypot(trm.d);
            if origin.0.is_finite() && origin.1.is_finite() && end.0.is_finite() && size.is_finite()
            {
                self.limits.glyphs -= 1;
                out.glyphs.push(RawGlyph {
                    text: code.text.unwrap_or_else(|| '\u{fffd}'.to_string()),
                    origin,
                    end,
                    size,
                    invisible: state.render == 3 || state.render == 7,
                });
            }
            let spacing = if code.len == 1 && code.code == 32 {
                state.word_spacing
            } else {
                0.0
            };
            let tx = (code.width * state.size + state.char_spacing + spacing) * state.scale;
            *tm = Matrix::translate(tx, 0.0).then(tm);
        }
    }

    /// `Do`: a form is run with its own resources and matrix; an image is recorded.
    fn draw_object(
        &mut self,
        resources: Option<&Dictionary>,
        name: &[u8],
        state: &State,
        out: &mut Drawn,
        depth: usize,
        forms: &mut Vec<ObjectId>,
    ) {
        let doc = self.doc;
        let Some(xobjects) = resources.and_then(|r| objects::dict(doc, r, b"XObject")) else {
            return;
        };
        let Ok(Object::Reference(id)) = xobjects.get(name) else {
            return;
        };
        let Some(Object::Stream(stream)) = doc.objects.get(id) else {
            return;
        };
        match objects::name(doc, &stream.dict, b"Subtype") {
            Some(b"Image") => out.images.push(unit_square(&state.ctm)),
            Some(b"Form") => {
                if depth >= MAX_FORM_DEPTH || forms.contains(id) {
                    return;
                }
                let Some(content) = self.budget.decode(stream) else {
                    return;
                };
                let matrix = objects::array(doc, &stream.dict, b"Matrix")
                    .and_then(|m| objects::numbers(doc, m))
                    .and_then(|v| Matrix::from(&v))
                    .unwrap_or(Matrix::IDENTITY);
                let own = objects::dict(doc, &stream.dict, b"Resources").or(resources);
                let mut inner = state.clone();
                inner.ctm = matrix.then(&state.ctm);
                forms.push(*id);
                self.run(&content, own, &mut inner, out, depth + 1, forms);
                forms.pop();
            }
            _ => {}
        }
    }
}

fn set(ops: &[Operand], target: &mut f64) {
    if let Some(Operand::Number(n)) = ops.last() {
        *target = *n;
    }
}

fn matrix(ops: &[Operand]) -> Option<Matrix> {
    let values: Vec<f64> = ops
        .iter()
        .map(|o| match o {
            Operand::Number(n) => Some(*n),
            _ => None,
        })
        .collect::<Option<Vec<f64>>>()?;
    Matrix::from(&values)
}

#[cfg(test)]
mod tests {
    use super::*;

    fn run(content: &[u8]) -> Drawn {
        let doc = Document::new();
        let mut it = Interpreter::new(
            &doc,
            Budget::new(1 << 20, 1 << 20),
            Limits {
                operators: 1_000_000,
                glyphs: 1_000_000,
                cut: false,
            },
        );
        it.page(&[content.to_vec()], None)
    }

    #[test]
    fn rectangles_and_lines_become_rules() {
        let d = run(b"q 2 0 0 2 10 10 cm 0 0 50 20 re S Q 0 0 m 100 0 l S 5 5 100 0.5 re f 0 0 m 10 10 20 0 30 5 c S");
        // Four edges of the scaled rectangle, the line, the bar.
        assert_eq!(d.lines.len(), 6);
        assert_eq!(
            d.lines.first(),
            Some(&RawLine {
                from: (10.0, 10.0),
                to: (110.0, 10.0)
            })
        );
        assert!(d.lines.contains(&RawLine {
            from: (5.0, 5.25),
            to: (105.0, 5.25)
        }));
    }

    #[test]
    fn deep_nesting_and_garbage_end_quietly() {
        let mut data = Vec::new();
        for _ in 0..10_000 {
            data.extend_from_slice(b"q [[[[ << /a [ ");
        }
        data.extend_from_slice(b"BI /W 1 ID \xff\xff");
        let d = run(&data);
        assert!(d.glyphs.is_empty());
        assert_eq!(d.images.len(), 0);
    }
}
