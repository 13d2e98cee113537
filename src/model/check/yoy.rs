//! Y-PCT: a 同比 the prose states ("收到申请120件，同比增长20%") against this year's and last
//! year's figures of the quantity the phrase names, read with the prose grammar
//! ([`super::grammar`]). Only where the phrase clearly names one quantity of this report's
//! tables, and last year's figure is known and not 0, is anything said.

use std::cmp::Ordering;

use super::{Ctx, Told, fill, grammar, prose};
use crate::model::decimal::Decimal;
use crate::model::format::{CellIx, Rule, YearOnYear, YoyQuantity};
use crate::model::lexicon::{APPROX_AFTER, EACH, OTHER_SCOPES, RESPECTIVELY};
use crate::model::sentences::{self, Change};

/// A change stated in a clause.
#[derive(Debug, Clone, PartialEq, Eq)]
struct Stated {
    /// Byte offset of its cue (同比) in the clause.
    at: usize,
    /// Byte end of the statement (after `%` or 持平).
    end: usize,
    /// Up, down, or no change.
    direction: Ordering,
    /// The percentage written (0 for no change).
    percent: Decimal,
}

/// How many characters may stand between a cue and its direction word (较上年|同期|增长).
const GAP: usize = 4;

/// Every change stated in `clause` after one of `cues`, left to right.
fn stated(clause: &str, cues: &[String], y: &YearOnYear<CellIx>) -> Vec<Stated> {
    let mut out: Vec<Stated> = Vec::new();
    for cue in cues {
        for at in prose::find_all(clause, cue) {
            let rest = clause.get(at + cue.len()..).unwrap_or("");
            if let Some(s) = read_change(rest, y) {
                let end = at + cue.len() + s.1;
                if !out.iter().any(|o| o.end == end) {
                    out.push(Stated {
                        at,
                        end,
                        direction: s.0,
                        percent: s.2,
                    });
                }
            }
        }
    }
    out.sort_by_key(|s| s.at);
    out
}

/// After a cue: a direction word within [`GAP`] characters (no digit between), then for a rise or
/// a fall a percentage (`12.5%`; "个百分点" or a bare number is not one). The direction, the
/// byte length read, and the percentage.
fn read_change(rest: &str, y: &YearOnYear<CellIx>) -> Option<(Ordering, usize, Decimal)> {
    for (n, (i, c)) in rest.char_indices().enumerate() {
        if n > GAP || prose::ascii_digit(c).is_some() {
            return None;
        }
        let here = rest.get(i..).unwrap_or("");
        // "同比分别增长20%、18%", "均增长": whose is which is not for a heuristic to guess.
        if here.starts_with(RESPECTIVELY) || EACH.iter().any(|w| here.starts_with(w)) {
            return None;
        }
        if let Some(w) = y.same.iter().find(|w| here.starts_with(w.as_str())) {
            return Some((Ordering::Equal, i + w.len(), Decimal::ZERO));
        }
        let direction = if let Some(w) = y.up.iter().find(|w| here.starts_with(w.as_str())) {
            (Ordering::Greater, w)
        } else if let Some(w) = y.down.iter().find(|w| here.starts_with(w.as_str())) {
            (Ordering::Less, w)
        } else {
            continue;
        };
        let after = i + direction.1.len();
        let tail = rest.get(after..).unwrap_or("");
        let skip = if tail.starts_with('了') {
            '了'.len_utf8()
        } else {
            0
        };
        let (percent, len) = percentage(tail.get(skip..).unwrap_or(""))?;
        // "20%以上", "20%左右": not a figure to check.
        let beyond = tail.get(skip + len..).unwrap_or("");
        if APPROX_AFTER.iter().any(|w| beyond.starts_with(w)) {
            return None;
        }
        return Some((direction.0, after + skip + len, percent));
    }
    None
}

/// A percentage at the start of `text` (`12.35%`, `１２％`) and its byte length.
fn percentage(text: &str) -> Option<(Decimal, usize)> {
    let mut digits = String::new();
    let mut end = 0;
    let mut point = false;
    for (i, c) in text.char_indices() {
        if let Some(d) = prose::ascii_digit(c) {
            digits.push(char::from_digit(d, 10)?);
        } else if matches!(c, '.' | '．') && !point && !digits.is_empty() {
            point = true;
            digits.push('.');
        } else {
            end = i;
            break;
        }
        end = i + c.len_utf8();
    }
    let unit = text.get(end..)?.chars().next()?;
    if digits.is_empty() || digits.ends_with('.') || !matches!(unit, '%' | '％') {
        return None;
    }
    Some((digits.parse().ok()?, end + unit.len_utf8()))
}

/// Whether a quantity's conditions hold in a clause.
fn applies(q: &YoyQuantity<CellIx>, clause: &str) -> bool {
    (q.requires.is_empty() || q.requires.iter().any(|w| prose::has(clause, w)))
        && !q.excludes.iter().any(|w| prose::has(clause, w))
}

impl Ctx<'_> {
    pub(super) fn year_on_year(&mut self, rule: &Rule, template: &str, y: &YearOnYear<CellIx>) {
        // Without last year's figures nothing is said about a percentage.
        if self.previous.is_none() {
            return;
        }
        let tolerance: Decimal = y.tolerance.parse().unwrap_or(Decimal::ZERO);
        // "较2024年增长": `{last}` in a cue is last year's year.
        let last = self.report.meta.year.saturating_sub(1).to_string();
        let cues: Vec<String> = y.cues.iter().map(|c| c.replace("{last}", &last)).collect();
        for section in &y.sections {
            let text = self.report.prose(section);
            // Most prose states no change at all: one look for the cues first.
            if !cues.iter().any(|c| prose::has(text, c)) {
                continue;
            }
            for sentence in super::years::sentences(text) {
                let clauses: Vec<&str> = prose::clauses(sentence).collect();
                for (i, clause) in clauses.iter().enumerate() {
                    for s in stated(clause, &cues, y) {
                        let subject = clause.get(..s.at).unwrap_or("").trim();
                        let statement = clause.get(..s.end).unwrap_or(clause).trim();
                        let (q, quote) = if subject.is_empty() {
                            // "…120件，同比增长20%": the count of the clause before.
                            let Some(before) = i.checked_sub(1).and_then(|j| clauses.get(j)) else {
                                continue;
                            };
                            let Some(q) = self.quantity(before, y, true) else {
                                continue;
                            };
                            (q, format!("{}，{statement}", before.trim()))
                        } else {
                            let Some(q) = self.quantity(subject, y, false) else {
                                continue;
                            };
                            (q, statement.to_owned())
                        };
                        self.compare_change(rule, template, section, q, &s, &quote, tolerance);
                    }
                }
            }
        }
    }

    /// The one quantity `text` names (by a count of it, where `need_count`); `None` where it
    /// names none, or two, or speaks of another scope.
    fn quantity<'y>(
        &self,
        text: &str,
        y: &'y YearOnYear<CellIx>,
        need_count: bool,
    ) -> Option<&'y YoyQuantity<CellIx>> {
        let mut found: Option<&YoyQuantity<CellIx>> = None;
        for q in y.quantities.iter().filter(|q| applies(q, text)) {
            let named = q.cues.iter().any(|cue| {
                prose::find_all(text, cue).any(|at| {
                    match grammar::read(text, at, cue, &self.plan.known_cues) {
                        Some(grammar::Reading::Own(..)) => true,
                        None => !need_count,
                        Some(_) => false,
                    }
                })
            });
            if !named {
                continue;
            }
            // Another scope (全市、备案 …); 收办 is one for the figure rules, not for its own
            // quantity here.
            if OTHER_SCOPES
                .iter()
                .any(|w| !q.cues.iter().any(|c| c == w) && prose::has(text, w))
            {
                return None;
            }
            if found.is_some_and(|f| f.cells != q.cells) {
                return None;
            }
            found = Some(q);
        }
        found
    }

    /// Compares a stated change with the figures; a finding where they disagree.
    #[allow(clippy::too_many_arguments)]
    fn compare_change(
        &mut self,
        rule: &Rule,
        template: &str,
        section: &str,
        q: &YoyQuantity<CellIx>,
        s: &Stated,
        quote: &str,
        tolerance: Decimal,
    ) {
        let Told::Figure(now) = self.told_sum(&q.cells) else {
            return;
        };
        let format = self.report.format;
        // What last year's report cannot have is no figure.
        let before = Told::sum(q.cells.iter().map(|&c| {
            self.previous_told(format.cell_id(c))
                .unwrap_or(Told::Unreadable)
        }));
        let Told::Figure(before) = before else {
            return;
        };
        let agrees = if now == before && before.is_zero() {
            Some(s.direction == Ordering::Equal || s.percent.is_zero())
        } else {
            sentences::agrees(now, before, s.direction, s.percent, tolerance)
        };
        if agrees != Some(false) {
            return;
        }
        let right = if now == before {
            Some(Change {
                direction: Ordering::Equal,
                hundredths: 0,
            })
        } else {
            sentences::change(now, before)
        };
        let Some(right) = right else {
            return;
        };
        let expected = self.change_words(&right);
        let (current, previous) = (now.to_string(), before.to_string());
        let message = fill(
            template,
            &[
                ("quote", quote),
                ("base", &q.base),
                ("current", &current),
                ("previous", &previous),
                ("expected", &expected),
            ],
        );
        let mut f = Ctx::finding(rule, message);
        f.cells = q.cells.iter().map(|&c| self.id(c)).collect();
        f.section = Some(section.to_owned());
        f.expected = Some(expected);
        f.actual = Some(if s.direction == Ordering::Equal {
            "0%".to_owned()
        } else {
            let sign = if s.direction == Ordering::Less {
                "-"
            } else {
                ""
            };
            format!("{sign}{}%", s.percent)
        });
        self.findings.push(f);
    }

    /// A change in the words of the format's data sentences (同比增长20.00%).
    fn change_words(&self, c: &Change) -> String {
        let words = &self.report.format.sentences;
        let template = match c.direction {
            Ordering::Greater => &words.up,
            Ordering::Less => &words.down,
            Ordering::Equal => &words.same,
        };
        if template.is_empty() {
            let sign = if c.direction == Ordering::Less {
                "-"
            } else {
                ""
            };
            return format!("{sign}{}%", c.percent());
        }
        template.replace("{pct}", &c.percent())
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn reads_percentages_not_points() {
        assert_eq!(
            percentage("12.35%"),
            Some(("12.35".parse().unwrap_or(Decimal::ZERO), 6))
        );
        assert_eq!(percentage("１２％").map(|p| p.1), Some(9));
        assert_eq!(percentage("2个百分点"), None);
        assert_eq!(percentage("12."), None);
        assert_eq!(percentage("%"), None);
    }
}
