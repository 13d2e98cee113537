//! The rules on the report's information: the format its year uses, the 统计期限 in the preamble,
//! and the 成文日期 (a real date, within the legal deadline).

use super::{Ctx, fill, years};
use crate::model::format::{Deadline, Rule, StatPeriod};
use crate::model::report::Date;
use crate::model::value::is_space;

impl Ctx<'_> {
    pub(super) fn format_year(&mut self, rule: &Rule, template: &str) {
        let format = self.report.format;
        let year = self.report.meta.year;
        if format.covers(year) {
            return;
        }
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
        let mut f = Ctx::finding(rule, message);
        f.expected = Some(expected);
        f.actual = Some(format.name.clone());
        self.findings.push(f);
    }

    pub(super) fn stat_period(&mut self, rule: &Rule, template: &str, period: &StatPeriod) {
        let year = self.report.meta.year;
        let preamble = &self.report.meta.preamble;
        let Some((sentence, found)) = period.cues.iter().find_map(|cue| {
            let at = preamble.find(cue.as_str())?;
            let after = preamble.get(at + cue.len()..)?;
            let period = years::period_in(years::sentence_around(after, 0))?;
            Some((years::sentence_around(preamble, at), period))
        }) else {
            return;
        };
        let wanted = (
            Date {
                year,
                month: 1,
                day: 1,
            },
            Date {
                year,
                month: 12,
                day: 31,
            },
        );
        if found == wanted {
            return;
        }
        let shown = format!("{}至{}", found.0, found.1);
        let message = fill(
            template,
            &[
                ("quote", sentence.trim_matches(is_space)),
                ("year", &year.to_string()),
                ("actual", &shown),
            ],
        );
        let mut f = Ctx::finding(rule, message);
        f.expected = Some(format!("{}至{}", wanted.0, wanted.1));
        f.actual = Some(shown);
        self.findings.push(f);
    }

    pub(super) fn deadline(&mut self, rule: &Rule, template: &str, deadline: &Deadline) {
        let meta = &self.report.meta;
        let Some(date) = meta.signature_date.filter(Date::is_valid) else {
            return;
        };
        let agency = if meta.agency.trim_matches(is_space).is_empty() {
            meta.signature_unit.trim_matches(is_space)
        } else {
            meta.agency.trim_matches(is_space)
        };
        let government = deadline
            .government_endings
            .iter()
            .any(|e| agency.ends_with(e.as_str()));
        let ((month, day), kind) = if government {
            (deadline.government, deadline.government_kind.as_str())
        } else {
            (deadline.others, deadline.others_kind.as_str())
        };
        let limit = Date {
            year: meta.year.saturating_add(1),
            month,
            day,
        };
        if date <= limit {
            return;
        }
        let (d, l) = (date.to_string(), limit.to_string());
        let message = fill(
            template,
            &[
                ("date", &d),
                ("deadline", &l),
                ("kind", kind),
                ("agency", agency),
            ],
        );
        let mut f = Ctx::finding(rule, message);
        f.expected = Some(l);
        f.actual = Some(d);
        self.findings.push(f);
    }

    pub(super) fn valid_date(&mut self, rule: &Rule, template: &str) {
        let Some(date) = self.report.meta.signature_date else {
            return;
        };
        let Some(problem) = date.problem() else {
            return;
        };
        let shown = date.to_string();
        let message = fill(template, &[("date", &shown), ("problem", problem)]);
        let mut f = Ctx::finding(rule, message);
        f.actual = Some(shown);
        self.findings.push(f);
    }
}
