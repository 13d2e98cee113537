//! The standard data sentences of a format (`sentences:` in its file): templates of the prose
//! reports write about their own tables (新收、办结 …), with the figures as fields that name
//! cells, parsed here into [`Piece`]s. [`crate::model::sentences`] renders them for a report.
//!
//! A template's text is plain prose with two kinds of mark:
//! - `{expr}` a field: cell ids or patterns joined by `+` / `-` (`t3.new.total`,
//!   `t3.new.total + t3.carried_in.total`, `t3.{withheld}.total`), or `yoy(…)` of such a sum,
//!   the change against last year's report worded by the block's `up` / `down` / `same`;
//! - `[…]` an optional part: left out where a field in it has no basis (no last year's figures,
//!   or last year's is 0). Parts do not nest.

use serde::Deserialize;

use super::CellIx;
use super::Format;

/// The `sentences:` block of a format file, as written (absent: no templates).
#[derive(Debug, Clone, Default, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct SentencesDef {
    /// The 填报说明 paragraph on the data sentences: what the base of a 同比 is, how it is
    /// rounded, what a blank cell shows.
    #[serde(default)]
    pub note: String,
    /// What a field over a blank cell shows (never 0).
    pub blank: String,
    /// What a 同比 field shows outside an optional part when it cannot be worked out.
    pub no_base: String,
    /// A rise: `同比增长{pct}%` (`{pct}`: two decimals, half up).
    pub up: String,
    /// A fall: `同比下降{pct}%`.
    pub down: String,
    /// No change: `与上年持平`.
    pub same: String,
    /// The templates, in the order a menu lists them.
    pub templates: Vec<SentenceDef>,
}

/// One template as written.
#[derive(Debug, Clone, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct SentenceDef {
    /// Template id (`applications`).
    pub id: String,
    /// The section whose prose it belongs to (`s1`).
    pub section: String,
    /// Short Chinese name for a menu (依申请公开).
    pub label: String,
    /// The text with its `{fields}` and `[optional parts]`.
    pub text: String,
}

/// The compiled `sentences:` block.
#[derive(Debug, Clone, Default)]
pub struct Sentences {
    /// See [`SentencesDef::note`].
    pub note: String,
    /// See [`SentencesDef::blank`].
    pub blank: String,
    /// See [`SentencesDef::no_base`].
    pub no_base: String,
    /// See [`SentencesDef::up`].
    pub up: String,
    /// See [`SentencesDef::down`].
    pub down: String,
    /// See [`SentencesDef::same`].
    pub same: String,
    /// The templates.
    pub templates: Vec<Template>,
}

/// A compiled template.
#[derive(Debug, Clone)]
pub struct Template {
    /// Template id.
    pub id: String,
    /// Section id.
    pub section: String,
    /// Menu label.
    pub label: String,
    /// The text as written (for the reference).
    pub source: String,
    /// The text cut into pieces.
    pub pieces: Vec<Piece>,
}

/// A piece of a template.
#[derive(Debug, Clone)]
pub enum Piece {
    /// Plain text.
    Text(String),
    /// A field.
    Field(Field),
    /// An optional part (text and fields; never another optional part).
    Optional(Vec<Piece>),
}

/// A field of a template: its expression as written and compiled.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Field {
    /// The expression as written, trimmed (`yoy(t3.new.total)`).
    pub expr: String,
    /// What it computes.
    pub value: Expr,
}

/// What a field computes.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Expr {
    /// A sum of operands.
    Sum(Vec<Operand>),
    /// The change of a sum against last year's report (同比).
    Change(Vec<Operand>),
}

/// One operand of a sum: a cell, or the cells of a pattern taken together.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Operand {
    /// `1` to add, `-1` to subtract.
    pub sign: i8,
    /// The id or pattern as written.
    pub pattern: String,
    /// The cells it names.
    pub cells: Vec<CellIx>,
    /// Whether it is a pattern (its blank cells add nothing unless all are blank, as a total
    /// does), rather than one cell.
    pub pattern_of_many: bool,
}

impl Format {
    /// Compiles a `sentences:` block against this format's sections and cells.
    pub(super) fn compile_sentences(&self, def: &SentencesDef) -> Result<Sentences, String> {
        if !def.templates.is_empty() {
            for (name, text) in [
                ("blank", &def.blank),
                ("no_base", &def.no_base),
                ("up", &def.up),
                ("down", &def.down),
                ("same", &def.same),
            ] {
                if text.trim().is_empty() {
                    return Err(format!("{name} 不能为空"));
                }
            }
            if def.blank.chars().any(|c| c.is_ascii_digit()) {
                return Err("blank 不能含数字：空白的单元格不能显示为数字".to_owned());
            }
        }
        let mut templates: Vec<Template> = Vec::new();
        for t in &def.templates {
            if templates.iter().any(|o| o.id == t.id) {
                return Err(format!("数据句 {} 定义了两次", t.id));
            }
            self.known_sections(std::slice::from_ref(&t.section))?;
            let pieces = self
                .parse_template(&t.text)
                .map_err(|p| format!("数据句 {}：{p}", t.id))?;
            templates.push(Template {
                id: t.id.clone(),
                section: t.section.clone(),
                label: t.label.clone(),
                source: t.text.clone(),
                pieces,
            });
        }
        Ok(Sentences {
            note: def.note.clone(),
            blank: def.blank.clone(),
            no_base: def.no_base.clone(),
            up: def.up.clone(),
            down: def.down.clone(),
            same: def.same.clone(),
            templates,
        })
    }

    /// Cuts a template's text into pieces.
    fn parse_template(&self, text: &str) -> Result<Vec<Piece>, String> {
        let mut top: Vec<Piece> = Vec::new();
        let mut optional: Option<Vec<Piece>> = None;
        let mut plain = String::new();
        let mut chars = text.chars();
        while let Some(c) = chars.next() {
            match c {
                '{' => {
                    let mut depth = 1;
                    let mut expr = String::new();
                    for n in chars.by_ref() {
                        match n {
                            '{' => depth += 1,
                            '}' => depth -= 1,
                            _ => {}
                        }
                        if depth == 0 {
                            break;
                        }
                        expr.push(n);
                    }
                    if depth != 0 {
                        return Err(format!("“{{{expr}”缺少“}}”"));
                    }
                    let field = self.parse_field(&expr)?;
                    let target = optional.as_mut().unwrap_or(&mut top);
                    flush(&mut plain, target);
                    target.push(Piece::Field(field));
                }
                '[' => {
                    if optional.is_some() {
                        return Err("可省略的部分“[…]”不能套用".to_owned());
                    }
                    flush(&mut plain, &mut top);
                    optional = Some(Vec::new());
                }
                ']' => {
                    let Some(mut part) = optional.take() else {
                        return Err("“]”前面没有“[”".to_owned());
                    };
                    flush(&mut plain, &mut part);
                    top.push(Piece::Optional(part));
                }
                '}' => return Err("“}”前面没有“{”".to_owned()),
                c => plain.push(c),
            }
        }
        if optional.is_some() {
            return Err("“[”缺少“]”".to_owned());
        }
        flush(&mut plain, &mut top);
        Ok(top)
    }

    /// Parses a field's expression (see the module documentation).
    pub fn parse_field(&self, expr: &str) -> Result<Field, String> {
        let trimmed = expr.trim();
        let value = match trimmed
            .strip_prefix("yoy(")
            .and_then(|r| r.strip_suffix(')'))
        {
            Some(inner) => Expr::Change(self.operands(inner)?),
            None => Expr::Sum(self.operands(trimmed)?),
        };
        Ok(Field {
            expr: trimmed.to_owned(),
            value,
        })
    }

    fn operands(&self, text: &str) -> Result<Vec<Operand>, String> {
        let mut out = Vec::new();
        let mut sign = 1;
        let mut current = String::new();
        for c in text.chars().chain(std::iter::once('+')) {
            if c != '+' && c != '-' {
                current.push(c);
                continue;
            }
            let id = current.trim();
            if id.is_empty() {
                if out.is_empty() && c == '-' && sign == 1 {
                    sign = -1;
                    continue;
                }
                return Err(format!("字段“{text}”的写法不对"));
            }
            let cells = self.cell_list(&[id.to_owned()])?;
            out.push(Operand {
                sign,
                pattern: id.to_owned(),
                cells,
                pattern_of_many: super::compile::is_pattern(id),
            });
            sign = if c == '-' { -1 } else { 1 };
            current.clear();
        }
        Ok(out)
    }
}

fn flush(plain: &mut String, into: &mut Vec<Piece>) {
    if !plain.is_empty() {
        into.push(Piece::Text(std::mem::take(plain)));
    }
}
