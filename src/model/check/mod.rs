//! The checker: every rule of the format run over a report, findings as data.
//!
//! A finding names its rule, severity, cells, expected and actual figures and carries a Chinese
//! message a clerk understands; for a sum or a balance it also says, cell by cell, the number that
//! would put the rule right ([`Finding::needs`]). The UI only decides colours and where to scroll;
//! the CLI prints the same findings (`--json` for machines).
//!
//! Files: `tables` (sums, comparisons, entries, year-on-year jumps), `text` (prose against the
//! tables, years in the prose), `meta` (format, 统计期限, 成文日期), `prose` (reading figures out
//! of free text), `years` (years and dates in free text).

mod grammar;
mod meta;
mod plan;
mod prose;
mod tables;
mod text;
mod years;
mod yoy;

use serde::Serialize;

use super::decimal::Decimal;
use super::format::{self, CellIx, Check, CheckKind, Registry, Rule, Severity, Term, TermCell};
use super::report::{PreviousYear, Report};
use super::value::{CellValue, Stated, Told};

pub use plan::Plan;
pub use prose::clauses;

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
    /// The figure the rule expects (for a sum: the sum of the parts; for a comparison: its
    /// right-hand side; for prose: the table's figure).
    #[serde(skip_serializing_if = "Option::is_none")]
    pub expected: Option<String>,
    /// The figure found (the total as written, the left-hand side, the prose's figure).
    #[serde(skip_serializing_if = "Option::is_none")]
    pub actual: Option<String>,
    /// What is wrong, in Chinese. It states both sides of the rule with their figures.
    pub message: String,
    /// For a sum or a balance: each involved cell that one number, typed there with the others
    /// left as they are, would put right — with that number. Computed totals are not listed
    /// (they are not typed), nor a cell whose number would have to be negative or a fraction.
    #[serde(skip_serializing_if = "Vec::is_empty")]
    pub needs: Vec<Need>,
}

/// The number one cell would need for its rule to hold.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct Need {
    /// Cell id.
    pub cell: String,
    /// The number to type.
    pub value: String,
    /// What to tell the clerk: 此格应为 1，使“商业企业”列第一项加第二项之和等于第三项加第四项之和.
    pub hint: String,
}

impl Finding {
    /// The number `cell` would need for this finding's rule to hold (the others left as they
    /// are), if one number does it.
    pub fn value_for(&self, cell: &str) -> Option<&str> {
        self.need_for(cell).map(|n| n.value.as_str())
    }

    /// What to tell the clerk about `cell` (a tooltip, a line under the cell): the number to type
    /// there and why, where one number does it; else the message, which states both sides of the
    /// rule with their figures. Never a bare “应为”.
    pub fn hint_for(&self, cell: &str) -> &str {
        self.need_for(cell).map_or(&self.message, |n| &n.hint)
    }

    fn need_for(&self, cell: &str) -> Option<&Need> {
        self.needs.iter().find(|n| n.cell == cell)
    }
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
    let clauses = prose::SectionClauses::new(report, &ctx.plan.figure_sections);
    for rule in &report.format.rules {
        for check in &rule.checks {
            ctx.run(rule, check, &clauses);
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

impl Told {
    fn figure(self) -> Option<Decimal> {
        match self {
            Told::Figure(d) => Some(d),
            _ => None,
        }
    }

    fn negated(self) -> Told {
        match self {
            Told::Figure(d) => Told::Figure(-d),
            t => t,
        }
    }
}

struct Ctx<'a> {
    registry: &'a Registry,
    report: &'a Report,
    previous: Option<&'a PreviousYear>,
    /// The format of last year's report, if known.
    previous_format: Option<&'static format::Format>,
    /// Each cell as printed: the entry, or for a total the program computes, its parts' sum.
    printed: Vec<Told>,
    /// What the checker works out from the format alone (prose figures, cue words …).
    plan: &'static Plan,
    /// Totals already reported as left blank: a blank is one problem, however many sums it
    /// is the total of.
    blank_totals: Vec<CellIx>,
    /// Each cell as the table states it: as printed, but a total left blank beside parts that
    /// have figures is their sum (a published table whose 总计 cell is empty still says it).
    told: Vec<Told>,
    findings: Vec<Finding>,
}

impl<'a> Ctx<'a> {
    fn new(registry: &'a Registry, report: &'a Report, previous: Option<&'a PreviousYear>) -> Self {
        let Stated { printed, told } = report.stated();
        Ctx {
            registry,
            report,
            previous,
            previous_format: previous.and_then(|p| format::by_id(&p.format)),
            printed,
            plan: Plan::of(report.format),
            blank_totals: Vec::new(),
            told,
            findings: Vec::new(),
        }
    }

    fn told(&self, ix: CellIx) -> Told {
        self.told.get(ix).copied().unwrap_or(Told::Unreadable)
    }

    fn printed(&self, ix: CellIx) -> Told {
        self.printed.get(ix).copied().unwrap_or(Told::Unreadable)
    }

    /// A cell's contribution to a rule's arithmetic (a blank adds nothing), or `None` when it is
    /// unreadable. Only for working out the number a cell needs; comparisons use [`Told`].
    fn num(&self, ix: CellIx) -> Option<Decimal> {
        match self.told(ix) {
            Told::Figure(d) => Some(d),
            Told::Blank => Some(Decimal::ZERO),
            Told::Unreadable => None,
        }
    }

    /// What the table states for a set of cells together.
    fn told_sum(&self, cells: &[CellIx]) -> Told {
        Told::sum(cells.iter().map(|&c| self.told(c)))
    }

    /// Last year's figure for a cell id; `None` when last year's report cannot have it (no
    /// previous report, or a cell its format does not have). A total last year's report left to
    /// be computed from parts that were all blank is blank, not 0.
    fn previous_told(&self, id: &str) -> Option<Told> {
        let previous = self.previous?;
        // One look-up (this runs for every cell a year-on-year rule reads): what
        // `PreviousYear::number` says, without asking the map twice.
        let entry = previous.cells.get(id);
        match entry {
            // A blank cell is not stored; it exists if last year's format has it.
            None => self
                .previous_format
                .and_then(|f| f.cell_index(id))
                .map(|_| Told::Blank),
            Some(v) if !v.is_empty_like() && v.number().is_none() => None,
            Some(_) => Some(self.previous_value(previous, id, entry, 0)),
        }
    }

    fn previous_cell(&self, previous: &PreviousYear, id: &str, depth: usize) -> Told {
        self.previous_value(previous, id, previous.cells.get(id), depth)
    }

    /// Last year's cell `id`, whose entry is `entry`, as its table states it.
    fn previous_value(
        &self,
        previous: &PreviousYear,
        id: &str,
        entry: Option<&CellValue>,
        depth: usize,
    ) -> Told {
        let value = Told::of_entry(entry);
        if value == Told::Blank {
            return Told::Blank;
        }
        let format = self.report.format;
        let computed_zero = value == Told::Figure(Decimal::ZERO)
            && depth < 8
            && format.cell_index(id).is_some_and(|ix| {
                format
                    .derivations
                    .iter()
                    .find(|(total, _)| *total == ix)
                    .is_some_and(|(_, parts)| {
                        parts.iter().all(|&p| {
                            self.previous_cell(previous, format.cell_id(p), depth + 1)
                                == Told::Blank
                        })
                    })
            });
        if computed_zero { Told::Blank } else { value }
    }

    /// Σ of terms as the tables state them, if that is a figure: `None` when the terms are all
    /// blank, one is unreadable, or last year's report cannot say.
    fn terms_figure(&self, terms: &[Term]) -> Option<Decimal> {
        if terms.is_empty() {
            // `right: []` is the constant 0 (`≥ 0`), not a blank cell.
            return Some(Decimal::ZERO);
        }
        Told::sum(terms.iter().map(|t| {
            let v = match &t.cell {
                TermCell::Current(ix) => self.told(*ix),
                // What last year's report cannot have is no figure.
                TermCell::Previous(id) => self.previous_told(id).unwrap_or(Told::Unreadable),
            };
            if t.sign < 0 { v.negated() } else { v }
        }))
        .figure()
    }

    fn id(&self, ix: CellIx) -> String {
        self.report.format.cell_id(ix).to_owned()
    }

    /// A finding of `rule` with its message; the caller fills in the rest.
    fn finding(rule: &Rule, message: String) -> Finding {
        Finding {
            rule: rule.id.clone(),
            severity: rule.severity,
            cells: Vec::new(),
            section: None,
            expected: None,
            actual: None,
            message,
            needs: Vec::new(),
        }
    }

    fn run(&mut self, rule: &Rule, check: &Check, clauses: &prose::SectionClauses<'_>) {
        let template = check.message.as_str();
        match &check.compiled {
            CheckKind::Sum(instances) => self.sums(rule, check, instances),
            CheckKind::Compare(comparison) => self.compare(rule, check, comparison),
            CheckKind::NonNegative => self.non_negative(rule, template),
            CheckKind::ValidEntry => self.valid_entries(rule, template),
            CheckKind::Filled => self.filled(rule, template),
            CheckKind::YearJump(jump) => self.year_jump(rule, template, jump),
            CheckKind::FormatYear => self.format_year(rule, template),
            CheckKind::StatPeriod(period) => self.stat_period(rule, template, period),
            CheckKind::Deadline(deadline) => self.deadline(rule, template, deadline),
            CheckKind::ValidDate => self.valid_date(rule, template),
            CheckKind::ProseFigure(p) => self.prose_figure(rule, template, p, clauses),
            CheckKind::ProseZero(z) => self.prose_zero(rule, template, z, clauses),
            CheckKind::ProseMentions(m) => self.prose_mentions(rule, template, m),
            CheckKind::ProseSubstance(s) => self.prose_substance(rule, template, s),
            CheckKind::NotCopied(n) => self.not_copied(rule, template, n),
            CheckKind::ProseYears(y) => self.prose_years(rule, template, y),
            CheckKind::YearOnYear(y) => self.year_on_year(rule, template, y),
        }
    }

    /// A cell's figure as printed, for a message ("空白" for blank, never 0).
    fn shown(&self, ix: CellIx) -> String {
        match (self.report.entry(ix), self.printed(ix)) {
            (Some(CellValue::NotApplicable), _) => "“/”".to_owned(),
            (_, Told::Figure(d)) => d.to_string(),
            (_, Told::Blank) => "空白".to_owned(),
            (Some(v), Told::Unreadable) => v.display(),
            (None, Told::Unreadable) => String::new(),
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
