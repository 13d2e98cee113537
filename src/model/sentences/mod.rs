//! The standard data sentences of a report, rendered from its format's templates
//! (`sentences:` in `assets/formats/*.ron`, parsed by [`crate::model::format`]): prose such as
//! "本年度新收政府信息公开申请120件，同比增长20.00%" whose figures are fields naming cells, so
//! the editor can keep them true when a table changes.
//!
//! What a field shows:
//! - a sum of cells: the figure as the table states it (a total left to the program is its
//!   parts' sum; a pattern such as `t3.{withheld}.total` adds its rows the same way, blank rows
//!   adding nothing unless all are blank). A blank cell — or, in `a + b`, any blank operand — is
//!   never written as 0: the field shows the format's `blank` text (〔待填〕 in the built-in
//!   formats), as does a cell holding text;
//! - `yoy(…)`: the change against last year's figure, `(本年 − 上年) ÷ 上年 × 100%`, two
//!   decimals rounded half up, in the format's words (同比增长X.XX% / 同比下降X.XX% /
//!   与上年持平). Where last year's figure is unknown or 0 there is no percentage: an optional
//!   part `[…]` holding it is left out, and elsewhere the field shows the format's `no_base`
//!   text. This year's blank shows `blank`.

mod percent;

use std::ops::Range;

use serde::{Deserialize, Serialize};

pub use percent::{Change, agrees, change};

use super::decimal::Decimal;
use super::format::{Expr, Field, Format, Operand, Piece, Template};
use super::report::{PreviousYear, Report};
use super::value::Told;

/// One standard data sentence rendered for a report.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct Sentence {
    /// Template id from the format file (`applications`).
    pub id: String,
    /// The section whose prose it belongs to (`s1`).
    pub section: String,
    /// Short Chinese name for a menu (依申请公开).
    pub label: String,
    /// The sentence.
    pub text: String,
    /// Its live figures, in order.
    pub fields: Vec<FieldSpan>,
}

/// A live figure inside [`Sentence::text`].
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct FieldSpan {
    /// Byte offsets in the sentence's text.
    pub range: Range<usize>,
    /// What it shows: a cell id (`t3.new.total`), a sum (`t3.new.total + t3.carried_in.total`)
    /// or a change (`yoy(t3.new.total)`), as in the format file.
    pub expr: String,
    /// Its text as rendered.
    pub value: String,
}

/// Every template of the report's format, rendered, in the format file's order.
pub fn sentences(report: &Report, previous: Option<&PreviousYear>) -> Vec<Sentence> {
    let figures = Figures::new(report, previous);
    report
        .format
        .sentences
        .templates
        .iter()
        .map(|t| figures.render(t))
        .collect()
}

/// The templates of one section (`s1`), rendered.
pub fn sentences_for(
    report: &Report,
    previous: Option<&PreviousYear>,
    section: &str,
) -> Vec<Sentence> {
    let figures = Figures::new(report, previous);
    report
        .format
        .sentences
        .templates
        .iter()
        .filter(|t| t.section == section)
        .map(|t| figures.render(t))
        .collect()
}

/// One template of the report's format (by its id, `applications`), rendered; `None` if the
/// format has no such template.
pub fn sentence(report: &Report, previous: Option<&PreviousYear>, id: &str) -> Option<Sentence> {
    let template = report
        .format
        .sentences
        .templates
        .iter()
        .find(|t| t.id == id)?;
    Some(Figures::new(report, previous).render(template))
}

/// A field's current text; `None` if the expression names what the report's format does not
/// have (or is not an expression).
pub fn evaluate(report: &Report, previous: Option<&PreviousYear>, expr: &str) -> Option<String> {
    let field = find_field(report.format, expr.trim())
        .cloned()
        .or_else(|| report.format.parse_field(expr).ok())?;
    let figures = Figures::new(report, previous);
    Some(figures.text(&figures.value(&field.value)))
}

/// A field of the format's templates with this expression, if one is written so.
fn find_field<'f>(format: &'f Format, expr: &str) -> Option<&'f Field> {
    fn walk<'f>(pieces: &'f [Piece], expr: &str) -> Option<&'f Field> {
        pieces.iter().find_map(|p| match p {
            Piece::Field(f) if f.expr == expr => Some(f),
            Piece::Optional(inner) => walk(inner, expr),
            _ => None,
        })
    }
    format
        .sentences
        .templates
        .iter()
        .find_map(|t| walk(&t.pieces, expr))
}

/// What a field comes to.
#[derive(Debug, Clone, PartialEq, Eq)]
enum Value {
    Figure(Decimal),
    Change(Change),
    /// This year's cells are blank (or unreadable).
    Blank,
    /// A change with no basis: no last year's figure, or last year's is 0.
    NoBase,
}

/// A report's cells as the sentences read them, with last year's figures.
struct Figures<'a> {
    report: &'a Report,
    previous: Option<&'a PreviousYear>,
    told: Vec<Told>,
}

impl<'a> Figures<'a> {
    fn new(report: &'a Report, previous: Option<&'a PreviousYear>) -> Self {
        let told = report.stated().told;
        Figures {
            report,
            previous,
            told,
        }
    }

    /// This year's figure of an operand.
    fn operand(&self, op: &Operand) -> Told {
        let cells = op.cells.iter().map(|&c| self.told.get(c).copied());
        if op.pattern_of_many {
            sum_told(cells)
        } else {
            cells
                .into_iter()
                .next()
                .flatten()
                .unwrap_or(Told::Unreadable)
        }
    }

    /// Last year's figure of an operand: `None` when last year's report cannot say.
    fn previous_operand(&self, op: &Operand) -> Option<Told> {
        let previous = self.previous?;
        let format = self.report.format;
        let mut values = Vec::new();
        for &c in &op.cells {
            let id = format.cell_id(c);
            // A cell last year's format does not have: nothing to compare.
            previous.number(id)?;
            values.push(Some(Told::of_entry(previous.cells.get(id))));
        }
        Some(sum_told(values))
    }

    /// Adds operands: any blank operand makes the sum blank (a blank is never 0).
    fn sum(&self, ops: &[Operand], of: impl Fn(&Operand) -> Option<Told>) -> Option<Told> {
        let mut total = Decimal::ZERO;
        let mut blank = false;
        for op in ops {
            match of(op)? {
                Told::Figure(d) => {
                    let d = if op.sign < 0 { -d } else { d };
                    match total.checked_add(d) {
                        Some(t) => total = t,
                        None => return Some(Told::Unreadable),
                    }
                }
                Told::Blank => blank = true,
                Told::Unreadable => return Some(Told::Unreadable),
            }
        }
        Some(if blank {
            Told::Blank
        } else {
            Told::Figure(total)
        })
    }

    fn value(&self, expr: &Expr) -> Value {
        match expr {
            Expr::Sum(ops) => match self.sum(ops, |o| Some(self.operand(o))) {
                Some(Told::Figure(d)) => Value::Figure(d),
                _ => Value::Blank,
            },
            Expr::Change(ops) => {
                let Some(Told::Figure(now)) = self.sum(ops, |o| Some(self.operand(o))) else {
                    return Value::Blank;
                };
                match self.sum(ops, |o| self.previous_operand(o)) {
                    Some(Told::Figure(before)) if before.is_zero() && now.is_zero() => {
                        Value::Change(Change {
                            direction: std::cmp::Ordering::Equal,
                            hundredths: 0,
                        })
                    }
                    Some(Told::Figure(before)) => {
                        change(now, before).map_or(Value::NoBase, Value::Change)
                    }
                    _ => Value::NoBase,
                }
            }
        }
    }

    /// A value as the sentence writes it.
    fn text(&self, value: &Value) -> String {
        let words = &self.report.format.sentences;
        match value {
            Value::Figure(d) => d.to_string(),
            Value::Change(c) => {
                let template = match c.direction {
                    std::cmp::Ordering::Greater => &words.up,
                    std::cmp::Ordering::Less => &words.down,
                    std::cmp::Ordering::Equal => &words.same,
                };
                template.replace("{pct}", &c.percent())
            }
            Value::Blank => words.blank.clone(),
            Value::NoBase => words.no_base.clone(),
        }
    }

    fn render(&self, template: &Template) -> Sentence {
        let mut text = String::new();
        let mut fields = Vec::new();
        for piece in &template.pieces {
            match piece {
                Piece::Text(t) => text.push_str(t),
                Piece::Field(f) => {
                    let value = self.value(&f.value);
                    self.push_field(&mut text, &mut fields, f, &value);
                }
                Piece::Optional(inner) => {
                    let values: Vec<Option<Value>> = inner
                        .iter()
                        .map(|p| match p {
                            Piece::Field(f) => Some(self.value(&f.value)),
                            _ => None,
                        })
                        .collect();
                    if values.iter().flatten().any(|v| *v == Value::NoBase) {
                        continue;
                    }
                    for (p, v) in inner.iter().zip(values) {
                        match (p, v) {
                            (Piece::Field(f), Some(v)) => {
                                self.push_field(&mut text, &mut fields, f, &v);
                            }
                            (Piece::Text(t), _) => text.push_str(t),
                            _ => {}
                        }
                    }
                }
            }
        }
        Sentence {
            id: template.id.clone(),
            section: template.section.clone(),
            label: template.label.clone(),
            text,
            fields,
        }
    }

    fn push_field(&self, text: &mut String, fields: &mut Vec<FieldSpan>, f: &Field, v: &Value) {
        let shown = self.text(v);
        let start = text.len();
        text.push_str(&shown);
        fields.push(FieldSpan {
            range: start..text.len(),
            expr: f.expr.clone(),
            value: shown,
        });
    }
}

/// Adds cells as a table total does: a blank adds nothing, all blank is blank, text makes it
/// unreadable; a missing cell is unreadable.
fn sum_told(items: impl IntoIterator<Item = Option<Told>>) -> Told {
    Told::sum(items.into_iter().map(|i| i.unwrap_or(Told::Unreadable)))
}

#[cfg(test)]
mod tests;
