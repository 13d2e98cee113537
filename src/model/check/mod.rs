//! The checker: every rule of the format run over a report, findings as data.
//!
//! A finding names its rule, severity, cells, expected and actual figures and carries a Chinese
//! message a clerk understands. The UI only decides colours and where to scroll; the CLI prints
//! the same findings (`--json` for machines).

mod prose;

use serde::Serialize;

use super::decimal::Decimal;
use super::format::{
    self, CellIx, CheckKind, Compiled, Op, Registry, Rule, Severity, Term, TermCell,
};
use super::report::{PreviousYear, Report};
use super::value::CellValue;

pub use prose::{clauses, figure_after};

/// One problem found in a report.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct Finding {
    /// Rule id (`T3-BAL`).
    pub rule: String,
    /// Error or warning.
    #[serde(serialize_with = "severity_name")]
    pub severity: Severity,
    /// Ids of the cells involved.
    pub cells: Vec<String>,
    /// The prose section involved (`s1`), if any.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub section: Option<String>,
    /// The figure the rule expects.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub expected: Option<String>,
    /// The figure found.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub actual: Option<String>,
    /// What is wrong, in Chinese.
    pub message: String,
}

fn severity_name<S: serde::Serializer>(s: &Severity, ser: S) -> Result<S::Ok, S::Error> {
    ser.serialize_str(severity_label(*s))
}

/// `error` / `warning`.
pub fn severity_label(s: Severity) -> &'static str {
    match s {
        Severity::Error => "error",
        Severity::Warning => "warning",
    }
}

/// Checks a report against its format's rules; the cross-year rules use the last-year data kept
/// in the report, if any.
pub fn check(report: &Report) -> Vec<Finding> {
    check_with(report, report.previous.as_ref())
}

/// Checks a report, reading last year's figures from `previous` (e.g. a draft given on the
/// command line) instead of what the report keeps.
pub fn check_with(report: &Report, previous: Option<&PreviousYear>) -> Vec<Finding> {
    check_in(format::builtin(), report, previous)
}

/// Checks a report whose format belongs to `registry` (the built-in one, or a test's): the
/// rules that ask which format a year uses ask this registry.
pub fn check_in(
    registry: &Registry,
    report: &Report,
    previous: Option<&PreviousYear>,
) -> Vec<Finding> {
    let mut ctx = Ctx::new(registry, report, previous);
    let clauses = prose::SectionClauses::new(report);
    for rule in &report.format.rules {
        for check in &rule.checks {
            ctx.run(rule, &check.compiled, &check.message, &clauses);
        }
    }
    ctx.findings
}

/// Whether any finding is an error.
pub fn has_errors(findings: &[Finding]) -> bool {
    findings.iter().any(|f| f.severity == Severity::Error)
}

/// How many errors and warnings there are among `findings`.
pub fn tally<'a>(findings: impl IntoIterator<Item = &'a Finding>) -> (usize, usize) {
    findings
        .into_iter()
        .fold((0, 0), |(errors, warnings), f| match f.severity {
            Severity::Error => (errors + 1, warnings),
            Severity::Warning => (errors, warnings + 1),
        })
}

/// The value of a cell as the rules read it.
#[derive(Debug, Clone, Copy)]
enum Num {
    /// A number (blank and "/" read as 0).
    Value(Decimal),
    /// Text: the rule cannot be evaluated (VALUE reports it).
    Unreadable,
}

struct Ctx<'a> {
    registry: &'a Registry,
    report: &'a Report,
    previous: Option<&'a PreviousYear>,
    values: Vec<Num>,
    findings: Vec<Finding>,
}

impl<'a> Ctx<'a> {
    fn new(registry: &'a Registry, report: &'a Report, previous: Option<&'a PreviousYear>) -> Self {
        let computed = report.computed();
        let values = report
            .cells
            .iter()
            .zip(computed)
            .map(|(entry, comp)| match (entry, comp) {
                (Some(v), _) if v.is_empty_like() => Num::Value(Decimal::ZERO),
                (Some(v), _) => v.number().map_or(Num::Unreadable, Num::Value),
                (None, Some(c)) => Num::Value(c),
                (None, None) => Num::Value(Decimal::ZERO),
            })
            .collect();
        Ctx {
            registry,
            report,
            previous,
            values,
            findings: Vec::new(),
        }
    }

    fn num(&self, ix: CellIx) -> Option<Decimal> {
        match self.values.get(ix) {
            Some(Num::Value(d)) => Some(*d),
            _ => None,
        }
    }

    fn sum_cells(&self, cells: &[CellIx]) -> Option<Decimal> {
        cells
            .iter()
            .try_fold(Decimal::ZERO, |acc, &c| acc.checked_add(self.num(c)?))
    }

    /// Σ of terms, or `None` when a cell is unreadable or last year's figure is unknown.
    fn sum_terms(&self, terms: &[Term]) -> Option<Decimal> {
        terms.iter().try_fold(Decimal::ZERO, |acc, t| {
            let v = match &t.cell {
                TermCell::Current(ix) => self.num(*ix)?,
                TermCell::Previous(id) => self.previous?.number(id)?,
            };
            acc.checked_add(if t.sign < 0 { -v } else { v })
        })
    }

    fn id(&self, ix: CellIx) -> String {
        self.report.format.cell_id(ix).to_owned()
    }

    fn push(
        &mut self,
        rule: &Rule,
        cells: Vec<String>,
        section: Option<String>,
        expected: Option<String>,
        actual: Option<String>,
        message: String,
    ) {
        self.findings.push(Finding {
            rule: rule.id.clone(),
            severity: rule.severity,
            cells,
            section,
            expected,
            actual,
            message,
        });
    }

    fn run(
        &mut self,
        rule: &Rule,
        compiled: &Compiled,
        template: &str,
        clauses: &prose::SectionClauses<'_>,
    ) {
        let format = self.report.format;
        match compiled {
            CheckKind::Sum(instances) => {
                for inst in instances {
                    let (Some(total), Some(sum)) =
                        (self.num(inst.total), self.sum_cells(&inst.parts))
                    else {
                        continue;
                    };
                    if total != sum {
                        let mut cells = vec![self.id(inst.total)];
                        cells.extend(inst.parts.iter().map(|&p| self.id(p)));
                        let actual = self.shown(inst.total);
                        let message = fill(
                            template,
                            &[
                                ("label", &inst.label),
                                ("expected", &sum.to_string()),
                                ("actual", &actual),
                            ],
                        );
                        self.push(
                            rule,
                            cells,
                            None,
                            Some(sum.to_string()),
                            Some(actual),
                            message,
                        );
                    }
                }
            }
            CheckKind::Compare(comparison) => {
                let op = &comparison.op;
                for inst in &comparison.instances {
                    if self.previous.is_none()
                        && inst.left.iter().chain(&inst.right).any(Term::is_previous)
                    {
                        continue;
                    }
                    let (Some(left), Some(right)) =
                        (self.sum_terms(&inst.left), self.sum_terms(&inst.right))
                    else {
                        continue;
                    };
                    let ok = match op {
                        Op::Eq => left == right,
                        Op::Ge => left >= right,
                        Op::Le => left <= right,
                    };
                    if !ok {
                        let cells = inst
                            .left
                            .iter()
                            .chain(&inst.right)
                            .filter_map(|t| match t.cell {
                                TermCell::Current(ix) => Some(self.id(ix)),
                                TermCell::Previous(_) => None,
                            })
                            .collect();
                        let (e, a) = (right.to_string(), left.to_string());
                        let message = fill(
                            template,
                            &[("label", &inst.label), ("expected", &e), ("actual", &a)],
                        );
                        self.push(rule, cells, None, Some(e), Some(a), message);
                    }
                }
            }
            CheckKind::NonNegative => {
                for (ix, info) in format.cells.iter().enumerate() {
                    if info.kind == format::CellKind::Signed {
                        continue;
                    }
                    if let Some(d) = self.num(ix).filter(|d| d.is_negative()) {
                        let message = fill(
                            template,
                            &[("cell", &format.cell_label(ix)), ("actual", &d.to_string())],
                        );
                        self.push(
                            rule,
                            vec![self.id(ix)],
                            None,
                            Some("≥ 0".into()),
                            Some(d.to_string()),
                            message,
                        );
                    }
                }
            }
            CheckKind::ValidEntry => {
                for ix in 0..format.cells.len() {
                    if let Some(CellValue::Invalid(text)) = self.report.entry(ix) {
                        let text = text.clone();
                        let message = fill(
                            template,
                            &[("cell", &format.cell_label(ix)), ("actual", &text)],
                        );
                        self.push(rule, vec![self.id(ix)], None, None, Some(text), message);
                    }
                }
            }
            CheckKind::Filled => {
                for table in &format.tables {
                    let empty: Vec<String> = table
                        .cells()
                        .filter(|&ix| {
                            self.report.entry(ix).map_or(
                                !format.cells.get(ix).is_some_and(|c| c.derived),
                                CellValue::is_empty_like,
                            )
                        })
                        .map(|ix| self.id(ix))
                        .collect();
                    if !empty.is_empty() {
                        let message = fill(
                            template,
                            &[("table", &table.name), ("count", &empty.len().to_string())],
                        );
                        let actual = empty.len().to_string();
                        self.push(rule, empty, None, Some("0".into()), Some(actual), message);
                    }
                }
            }
            CheckKind::FormatYear => {
                let year = self.report.meta.year;
                if !format.covers(year) {
                    let expected = self
                        .registry
                        .for_year(year)
                        .map_or_else(|| "（没有适用的格式）".to_owned(), |f| f.name.clone());
                    let message = fill(
                        template,
                        &[
                            ("year", &year.to_string()),
                            ("expected", &expected),
                            ("actual", &format.name),
                        ],
                    );
                    self.push(
                        rule,
                        Vec::new(),
                        None,
                        Some(expected),
                        Some(format.name.clone()),
                        message,
                    );
                }
            }
            CheckKind::ProseFigure(p) => {
                let Some(expected) = self.sum_cells(&p.cells) else {
                    return;
                };
                for section in &p.sections {
                    for clause in clauses.with_figures(section) {
                        if !p.requires.is_empty()
                            && !p.requires.iter().any(|w| clause.contains(w.as_str()))
                        {
                            continue;
                        }
                        if p.excludes.iter().any(|w| clause.contains(w.as_str())) {
                            continue;
                        }
                        let Some(figure) = p
                            .cues
                            .iter()
                            .find_map(|cue| prose::figure_after(clause, cue))
                        else {
                            continue;
                        };
                        if Decimal::from_int(figure) != expected {
                            let ids = p.cells.iter().map(|&c| self.id(c)).collect();
                            let (f, e) = (figure.to_string(), expected.to_string());
                            let message = fill(
                                template,
                                &[("figure", &f), ("quote", clause.trim()), ("expected", &e)],
                            );
                            self.push(rule, ids, Some(section.clone()), Some(e), Some(f), message);
                        }
                    }
                }
            }
            CheckKind::ProseZero(z) => {
                for section in &z.sections {
                    for clause in clauses.saying_zero(section) {
                        for subject in &z.subjects {
                            let cue = &subject.cue;
                            if !clause.contains(cue.as_str()) {
                                continue;
                            }
                            let nonzero: Vec<CellIx> = subject
                                .cells
                                .iter()
                                .copied()
                                .filter(|&c| self.num(c).is_some_and(|d| !d.is_zero()))
                                .collect();
                            if nonzero.is_empty() {
                                continue;
                            }
                            let parts: Vec<CellIx> = nonzero
                                .iter()
                                .copied()
                                .filter(|&c| !format.cells.get(c).is_some_and(|i| i.derived))
                                .collect();
                            let total = self
                                .sum_cells(if parts.is_empty() { &nonzero } else { &parts })
                                .unwrap_or(Decimal::ZERO);
                            let ids = nonzero.iter().map(|&c| self.id(c)).collect();
                            let message = fill(
                                template,
                                &[
                                    ("subject", cue),
                                    ("quote", clause.trim()),
                                    ("actual", &total.to_string()),
                                ],
                            );
                            self.push(
                                rule,
                                ids,
                                Some(section.clone()),
                                Some("0".into()),
                                Some(total.to_string()),
                                message,
                            );
                        }
                    }
                }
            }
            CheckKind::ProseMentions(m) => {
                let section = &m.section;
                let text = self.report.prose(section);
                let missing: Vec<&str> = m
                    .groups
                    .iter()
                    .filter(|g| !g.iter().any(|w| text.contains(w.as_str())))
                    .filter_map(|g| g.first().map(String::as_str))
                    .collect();
                if !missing.is_empty() {
                    let missing = missing.join("、");
                    let message = fill(template, &[("missing", &missing)]);
                    self.push(rule, Vec::new(), Some(section.clone()), None, None, message);
                }
            }
            CheckKind::ProseSubstance(s) => {
                let section = &s.section;
                let text = self.report.prose(section);
                let chars = text.chars().filter(|c| !super::value::is_space(*c)).count();
                let trimmed = text.trim_matches(super::value::is_space);
                if chars < s.min_chars || s.forbidden.iter().any(|f| f == trimmed) {
                    self.push(
                        rule,
                        Vec::new(),
                        Some(section.clone()),
                        None,
                        Some(chars.to_string()),
                        template.to_owned(),
                    );
                }
            }
            CheckKind::NotCopied(n) => {
                let Some(previous) = self.previous else {
                    return;
                };
                for section in &n.sections {
                    let now = self.report.prose(section);
                    let Some(then) = previous.prose.get(section) else {
                        continue;
                    };
                    if prose::same_text(now, then) && prose::has_content(now) {
                        let number = format.section(section).map_or("", |s| s.number.as_str());
                        let message = fill(template, &[("section", number)]);
                        self.push(rule, Vec::new(), Some(section.clone()), None, None, message);
                    }
                }
            }
        }
    }

    /// A cell's figure as shown in a message ("空白" for blank).
    fn shown(&self, ix: CellIx) -> String {
        match self.report.entry(ix) {
            Some(CellValue::Blank) => "空白".to_owned(),
            Some(CellValue::NotApplicable) => "“/”".to_owned(),
            _ => self.num(ix).map_or_else(String::new, |d| d.to_string()),
        }
    }
}

/// Fills `{key}` placeholders of a message template.
fn fill(template: &str, values: &[(&str, &str)]) -> String {
    let mut out = String::with_capacity(template.len() + 32);
    let mut rest = template;
    while let Some(start) = rest.find('{') {
        let (before, after) = rest.split_at(start);
        out.push_str(before);
        let Some(end) = after.find('}') else {
            out.push_str(after);
            return out;
        };
        let key = after.get(1..end).unwrap_or("");
        match values.iter().find(|(k, _)| *k == key) {
            Some((_, v)) => out.push_str(v),
            None => out.push_str(after.get(..=end).unwrap_or("")),
        }
        rest = after.get(end + 1..).unwrap_or("");
    }
    out.push_str(rest);
    out
}

#[cfg(test)]
mod tests {
    use super::fill;

    #[test]
    fn fills_placeholders_and_keeps_unknown_ones() {
        assert_eq!(
            fill(
                "应为 {expected}，实为 {actual}",
                &[("expected", "12"), ("actual", "10")]
            ),
            "应为 12，实为 10"
        );
        assert_eq!(fill("{x} 与 {", &[]), "{x} 与 {");
    }
}
