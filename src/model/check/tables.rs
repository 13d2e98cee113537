//! The table rules: sums, comparisons (with the number each cell would need), entries that are
//! not numbers or are negative, blank cells, and figures that jumped against last year's.

use super::{Ctx, Need, Told, fill};
use crate::model::decimal::Decimal;
use crate::model::format::{
    CellIx, CellKind, Check, Comparison, Op, Rule, SumInstance, TermCell, YearJump,
};
use crate::model::value::CellValue;

impl Ctx<'_> {
    /// A total against the sum of its parts, as the table states them. Parts all blank: nothing
    /// to compare (C7 names the blanks). A total left blank beside parts with figures: one
    /// finding saying so, with the sum to type, never "应为 N，实为 0".
    pub(super) fn sums(&mut self, rule: &Rule, check: &Check, instances: &[SumInstance]) {
        for inst in instances {
            let Told::Figure(sum) = self.told_sum(&inst.parts) else {
                continue;
            };
            let expected = sum.to_string();
            let total = match self.printed(inst.total) {
                Told::Unreadable => continue,
                Told::Figure(total) if total == sum => continue,
                Told::Figure(total) => total,
                Told::Blank => {
                    if self.blank_totals.contains(&inst.total) {
                        continue;
                    }
                    self.blank_totals.push(inst.total);
                    let template = if check.blank.is_empty() {
                        "“{label}”：总计栏空白，各栏之和为 {expected}"
                    } else {
                        check.blank.as_str()
                    };
                    let message =
                        fill(template, &[("label", &inst.label), ("expected", &expected)]);
                    let mut f = Ctx::finding(rule, message);
                    f.cells = std::iter::once(inst.total)
                        .chain(inst.parts.iter().copied())
                        .map(|c| self.id(c))
                        .collect();
                    // Only the total: typing a part cannot fill a blank total.
                    f.needs = self.needs(
                        rule,
                        check,
                        &inst.label,
                        -sum,
                        [(inst.total, 1, Decimal::ZERO)],
                    );
                    f.expected = Some(expected);
                    f.actual = Some(self.shown(inst.total));
                    self.findings.push(f);
                    continue;
                }
            };
            let actual = self.shown(inst.total);
            let message = fill(
                &check.message,
                &[
                    ("label", &inst.label),
                    ("expected", &expected),
                    ("actual", &actual),
                ],
            );
            let mut f = Ctx::finding(rule, message);
            f.cells = std::iter::once(inst.total)
                .chain(inst.parts.iter().copied())
                .map(|c| self.id(c))
                .collect();
            // total − Σ parts: the total needs the sum; a part needs itself plus the difference.
            let Some(diff) = total.checked_add(-sum) else {
                continue;
            };
            let coefficients = std::iter::once((inst.total, 1, total)).chain(
                inst.parts
                    .iter()
                    .filter_map(|&p| Some((p, -1, self.num(p)?))),
            );
            f.needs = self.needs(rule, check, &inst.label, diff, coefficients);
            f.expected = Some(expected);
            f.actual = Some(actual);
            self.findings.push(f);
        }
    }

    pub(super) fn compare(&mut self, rule: &Rule, check: &Check, comparison: &Comparison) {
        for inst in &comparison.instances {
            let terms = || inst.left.iter().chain(&inst.right);
            if self.previous.is_none() && terms().any(|t| t.is_previous()) {
                continue;
            }
            // A side with only blanks states nothing to compare (the right side is not read
            // when the left one says nothing).
            let Some(left) = self.terms_figure(&inst.left) else {
                continue;
            };
            let Some(right) = self.terms_figure(&inst.right) else {
                continue;
            };
            let ok = match comparison.op {
                Op::Eq => left == right,
                Op::Ge => left >= right,
                Op::Le => left <= right,
            };
            if ok {
                continue;
            }
            let (e, a) = (right.to_string(), left.to_string());
            // A negative expected count is no figure to type: say what it means instead.
            let template = if right < Decimal::ZERO && !check.negative.is_empty() {
                &check.negative
            } else {
                &check.message
            };
            let message = fill(
                template,
                &[("label", &inst.label), ("expected", &e), ("actual", &a)],
            );
            let mut f = Ctx::finding(rule, message);
            f.cells = terms()
                .filter_map(|t| match t.cell {
                    TermCell::Current(ix) => Some(self.id(ix)),
                    TermCell::Previous(_) => None,
                })
                .collect();
            // Only an equality has one number that puts it right.
            if comparison.op == Op::Eq
                && let Some(diff) = left.checked_add(-right)
            {
                let this = &*self;
                let side = |terms: &[crate::model::format::Term], side: i8| {
                    terms
                        .iter()
                        .filter_map(|t| match t.cell {
                            TermCell::Current(ix) => Some((ix, t.sign * side, this.num(ix)?)),
                            TermCell::Previous(_) => None,
                        })
                        .collect::<Vec<_>>()
                };
                let mut coefficients = side(&inst.left, 1);
                coefficients.extend(side(&inst.right, -1));
                f.needs = self.needs(rule, check, &inst.label, diff, coefficients);
            }
            f.expected = Some(e);
            f.actual = Some(a);
            self.findings.push(f);
        }
    }

    /// For a rule `Σ coefficient × cell = 0` that is off by `diff`: the number each cell would
    /// need, the others left as they are. A cell that appears on both sides cancels out; a
    /// computed total is not typed; counts and money cannot be negative; counts are whole.
    fn needs(
        &self,
        rule: &Rule,
        check: &Check,
        label: &str,
        diff: Decimal,
        coefficients: impl IntoIterator<Item = (CellIx, i8, Decimal)>,
    ) -> Vec<Need> {
        let format = self.report.format;
        let mut merged: Vec<(CellIx, i8, Decimal)> = Vec::new();
        for (cell, c, now) in coefficients {
            match merged.iter_mut().find(|(m, _, _)| *m == cell) {
                Some((_, sum, _)) => *sum = sum.saturating_add(c),
                None => merged.push((cell, c, now)),
            }
        }
        let reason = if check.hint.is_empty() {
            format!("使“{}”成立", rule.title)
        } else {
            fill(&check.hint, &[("label", label)])
        };
        merged
            .into_iter()
            .filter_map(|(cell, coefficient, now)| {
                let info = format.cell(cell)?;
                if info.derived && self.report.entry(cell).is_none() {
                    return None;
                }
                // Changing the cell by δ changes the difference by coefficient × δ.
                let value = match coefficient {
                    1 => now.checked_add(-diff)?,
                    -1 => now.checked_add(diff)?,
                    _ => return None,
                };
                let fits = match info.kind {
                    CellKind::Count => !value.is_negative() && value.to_int().is_some(),
                    CellKind::Signed => value.to_int().is_some(),
                    CellKind::Money(_) => !value.is_negative(),
                };
                fits.then(|| {
                    let value = value.to_string();
                    Need {
                        cell: self.id(cell),
                        hint: format!("此格应为 {value}，{reason}"),
                        value,
                    }
                })
            })
            .collect()
    }

    pub(super) fn non_negative(&mut self, rule: &Rule, template: &str) {
        let format = self.report.format;
        for (ix, info) in format.cells.iter().enumerate() {
            if info.kind == CellKind::Signed {
                continue;
            }
            if let Some(d) = self.printed(ix).figure().filter(|d| d.is_negative()) {
                let message = fill(
                    template,
                    &[("cell", &format.cell_label(ix)), ("actual", &d.to_string())],
                );
                let mut f = Ctx::finding(rule, message);
                f.cells = vec![self.id(ix)];
                f.expected = Some("≥ 0".into());
                f.actual = Some(d.to_string());
                self.findings.push(f);
            }
        }
    }

    pub(super) fn valid_entries(&mut self, rule: &Rule, template: &str) {
        let format = self.report.format;
        for ix in 0..format.cells.len() {
            if let Some(CellValue::Invalid(text)) = self.report.entry(ix) {
                let message = fill(
                    template,
                    &[("cell", &format.cell_label(ix)), ("actual", text)],
                );
                let mut f = Ctx::finding(rule, message);
                f.cells = vec![self.id(ix)];
                f.actual = Some(text.clone());
                self.findings.push(f);
            }
        }
    }

    pub(super) fn filled(&mut self, rule: &Rule, template: &str) {
        let format = self.report.format;
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
                let count = empty.len().to_string();
                let message = fill(template, &[("table", &table.name), ("count", &count)]);
                let mut f = Ctx::finding(rule, message);
                f.cells = empty;
                f.expected = Some("0".into());
                f.actual = Some(count);
                self.findings.push(f);
            }
        }
    }

    pub(super) fn year_jump(&mut self, rule: &Rule, template: &str, jump: &YearJump<CellIx>) {
        if self.previous.is_none() {
            return;
        }
        let format = self.report.format;
        let floor = Decimal::from_int(jump.floor);
        let times =
            |d: Decimal| (0..jump.factor).try_fold(Decimal::ZERO, |acc, _| acc.checked_add(d));
        for &ix in &jump.cells {
            let id = format.cell_id(ix);
            // Only figures both reports state: a blank is no figure (a draft just started for
            // next year is blank, and blank is not a figure that jumped). This year's first:
            // it is at hand, last year's is looked up by id.
            let Told::Figure(now) = self.told(ix) else {
                continue;
            };
            let Some(Told::Figure(then)) = self.previous_told(id) else {
                continue;
            };
            let (larger, smaller) = if now >= then {
                (now, then)
            } else {
                (then, now)
            };
            if larger < floor || times(smaller).is_none_or(|s| s > larger) {
                continue;
            }
            let (n, t) = (now.to_string(), then.to_string());
            let message = fill(
                template,
                &[
                    ("cell", &format.cell_label(ix)),
                    ("actual", &n),
                    ("previous", &t),
                    ("factor", &jump.factor.to_string()),
                ],
            );
            let mut f = Ctx::finding(rule, message);
            f.cells = vec![id.to_owned()];
            f.expected = Some(t);
            f.actual = Some(n);
            self.findings.push(f);
        }
    }
}
