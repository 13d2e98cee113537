//! The prose rules: figures in the prose against the tables, "均为0" against table 四, the
//! sections that must say something, prose copied from last year, and years that are not the
//! report's. All are warnings: prose is free text, read by heuristics.

use std::borrow::Cow;

use super::plan::FigureWords;
use super::{Ctx, Told, fill, grammar, prose, years};
use crate::model::decimal::Decimal;
use crate::model::format::{
    CellIx, NotCopied, ProseFigure, ProseMentions, ProseSubstance, ProseYears, ProseZero, Rule,
};
use crate::model::value::is_space;

impl Ctx<'_> {
    /// A figure the prose states against what the table says, read by [`grammar::read`]: only
    /// where the phrase clearly counts the cue's cells (or, for "A及B N件", the cells of A and B
    /// together) is a difference reported.
    pub(super) fn prose_figure(
        &mut self,
        rule: &Rule,
        template: &str,
        p: &ProseFigure<CellIx>,
        clauses: &prose::SectionClauses<'_>,
    ) {
        let own;
        let words = match self.plan.words(p) {
            Some(words) => words,
            None => {
                own = FigureWords::of(p);
                &own
            }
        };
        for section in &p.sections {
            for (clause, chars) in clauses.with_figures(section) {
                if !words.cues.may_be_in(chars) || !words.apply_to(clause, chars) {
                    continue;
                }
                let Some((cue, at, reading)) =
                    grammar::read_cues(clause, &p.cues, &self.plan.known_cues)
                else {
                    continue;
                };
                let (figure, cells, name, phrase, end) = match reading {
                    grammar::Reading::Silent => continue,
                    grammar::Reading::Own(figure, end) => (
                        figure,
                        Cow::Borrowed(p.cells.as_slice()),
                        Cow::Borrowed(p.name.as_str()),
                        cue,
                        end,
                    ),
                    grammar::Reading::Joint {
                        figure,
                        members,
                        phrase,
                        end,
                    } => {
                        let Some((cells, name)) = self.joint(p, section, clause, chars, &members)
                        else {
                            continue;
                        };
                        (figure, Cow::Owned(cells), Cow::Owned(name), phrase, end)
                    }
                };
                // "不予公开21条": a count in a unit these cells do not count in.
                if p.not_units
                    .iter()
                    .any(|u| clause.get(..end).is_some_and(|c| c.ends_with(u.as_str())))
                {
                    continue;
                }
                // "行政复议、行政诉讼均为0" against figures: one problem, which the zero rule
                // states with the cells that are not zero.
                if figure == 0 && self.plan.zero_cues.contains(&cue) && prose::says_zero(clause) {
                    continue;
                }
                // What the table says: a total left blank counts as its parts' sum; cells all
                // blank state nothing to compare a figure with.
                let Told::Figure(expected) = self.told_sum(&cells) else {
                    continue;
                };
                if Decimal::from_int(figure) == expected {
                    continue;
                }
                let (f, e) = (figure.to_string(), expected.to_string());
                let message = fill(
                    template,
                    &[
                        ("figure", &f),
                        ("quote", grammar::phrase(clause, at, end)),
                        ("cue", phrase),
                        ("expected", &e),
                        ("name", &name),
                    ],
                );
                let mut finding = Ctx::finding(rule, message);
                finding.cells = cells.iter().map(|&c| self.id(c)).collect();
                finding.section = Some(section.clone());
                finding.expected = Some(e);
                finding.actual = Some(f);
                self.findings.push(finding);
            }
        }
    }

    /// The cells and the name of a list of cues stated with one figure ("予以公开及部分公开"):
    /// `p`'s and, for each other member, those of the one prose figure of the format that reads
    /// it in this clause (whose [`prose::char_mask`] is `chars`). `None` when a member is read by
    /// none or by several, or has no name.
    fn joint(
        &self,
        p: &ProseFigure<CellIx>,
        section: &str,
        clause: &str,
        chars: u64,
        members: &[&str],
    ) -> Option<(Vec<CellIx>, String)> {
        let mut cells = p.cells.clone();
        let mut names = vec![p.name.as_str()];
        for member in members {
            let mut readers = self.plan.prose_figures.iter().filter(|(q, words)| {
                q.cues.iter().any(|c| c == member)
                    && q.sections.iter().any(|s| s == section)
                    && words.apply_to(clause, chars)
            });
            let (q, _) = readers.next()?;
            if readers.any(|(other, _)| other.cells != q.cells) {
                return None;
            }
            for &c in &q.cells {
                if !cells.contains(&c) {
                    cells.push(c);
                }
            }
            names.push(q.name.as_str());
        }
        if names.iter().any(|n| n.is_empty()) {
            return None;
        }
        let (last, rest) = names.split_last()?;
        Some((cells, format!("{}与{last}之和", rest.join("、"))))
    }

    pub(super) fn prose_zero(
        &mut self,
        rule: &Rule,
        template: &str,
        z: &ProseZero<CellIx>,
        clauses: &prose::SectionClauses<'_>,
    ) {
        let format = self.report.format;
        for section in &z.sections {
            // "全区未发生行政复议": another scope's zero says nothing of this table (such
            // clauses are left out by `saying_zero`).
            for (clause, chars) in clauses.saying_zero(section) {
                for subject in &z.subjects {
                    let cue = &subject.cue;
                    if !prose::has_masked(clause, chars, cue) {
                        continue;
                    }
                    // "行政复议0件、行政诉讼2件": the zero is 行政复议's; 行政诉讼 has its own figure.
                    let reading = prose::find_all(clause, cue)
                        .find_map(|at| grammar::read(clause, at, cue, &self.plan.known_cues));
                    if !matches!(reading, None | Some(grammar::Reading::Own(0, _))) {
                        continue;
                    }
                    let nonzero: Vec<CellIx> = subject
                        .cells
                        .iter()
                        .copied()
                        .filter(|&c| self.told(c).figure().is_some_and(|d| !d.is_zero()))
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
                        .told_sum(if parts.is_empty() { &nonzero } else { &parts })
                        .figure()
                        .unwrap_or(Decimal::ZERO);
                    let message = fill(
                        template,
                        &[
                            ("subject", cue),
                            ("quote", clause.trim()),
                            ("actual", &total.to_string()),
                        ],
                    );
                    let mut f = Ctx::finding(rule, message);
                    f.cells = nonzero.iter().map(|&c| self.id(c)).collect();
                    f.section = Some(section.clone());
                    f.expected = Some("0".into());
                    f.actual = Some(total.to_string());
                    self.findings.push(f);
                }
            }
        }
    }

    pub(super) fn prose_mentions(&mut self, rule: &Rule, template: &str, m: &ProseMentions) {
        let text = self.report.prose(&m.section);
        let missing: Vec<&str> = m
            .groups
            .iter()
            .filter(|g| !g.iter().any(|w| prose::has(text, w)))
            .filter_map(|g| g.first().map(String::as_str))
            .collect();
        if !missing.is_empty() {
            let mut f = Ctx::finding(rule, fill(template, &[("missing", &missing.join("、"))]));
            f.section = Some(m.section.clone());
            self.findings.push(f);
        }
    }

    pub(super) fn prose_substance(&mut self, rule: &Rule, template: &str, s: &ProseSubstance) {
        let text = self.report.prose(&s.section);
        let chars = text.chars().filter(|c| !is_space(*c)).count();
        let trimmed = text.trim_matches(is_space);
        if chars < s.min_chars || s.forbidden.iter().any(|f| f == trimmed) {
            let mut f = Ctx::finding(rule, template.to_owned());
            f.section = Some(s.section.clone());
            f.actual = Some(chars.to_string());
            self.findings.push(f);
        }
    }

    pub(super) fn not_copied(&mut self, rule: &Rule, template: &str, n: &NotCopied) {
        let Some(previous) = self.previous else {
            return;
        };
        for section in &n.sections {
            let now = self.report.prose(section);
            let Some(then) = previous.prose.get(section) else {
                continue;
            };
            if prose::same_text(now, then) && prose::has_content(now) {
                let number = self.section_number(section);
                let mut f = Ctx::finding(rule, fill(template, &[("section", number)]));
                f.section = Some(section.clone());
                self.findings.push(f);
            }
        }
    }

    pub(super) fn prose_years(&mut self, rule: &Rule, template: &str, y: &ProseYears) {
        let year = self.report.meta.year;
        let first = year.saturating_sub(y.before);
        let last = year.saturating_add(y.after);
        let allowed = if first == last {
            format!("{first}")
        } else {
            format!("{first}—{last}")
        };
        for section in &y.sections {
            let mut reported: Vec<u16> = Vec::new();
            for sentence in years::sentences(self.report.prose(section)) {
                for stray in years::years_outside(sentence, first..=last, &y.periods) {
                    if reported.contains(&stray) {
                        continue;
                    }
                    reported.push(stray);
                    let stray = stray.to_string();
                    let quote = years::quote_around(sentence, &format!("{stray}年"), 40);
                    let message = fill(
                        template,
                        &[
                            ("section", self.section_number(section)),
                            ("year", &stray),
                            ("quote", &quote),
                            ("report_year", &year.to_string()),
                        ],
                    );
                    let mut f = Ctx::finding(rule, message);
                    f.section = Some(section.to_owned());
                    f.expected = Some(allowed.clone());
                    f.actual = Some(stray);
                    self.findings.push(f);
                }
            }
        }
    }

    /// The ordinal of a section (一), for messages.
    fn section_number(&self, section: &str) -> &str {
        self.report
            .format
            .section(section)
            .map_or("", |s| s.number.as_str())
    }
}
