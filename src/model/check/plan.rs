//! What the checker works out from a format alone, once per format rather than on every check
//! (the check runs on every keystroke): the prose figures with their words' masks, the cue words
//! they read, the subjects of the "均为0" rules and the sections those rules read.

use std::fmt;

use super::prose::Words;
use crate::model::format::{CellIx, CheckKind, Format, ProseFigure};

/// A format's rules, as the checker reads them on every check.
pub struct Plan {
    /// Every prose figure of the format, in rule order, with its words.
    pub(super) prose_figures: Vec<(&'static ProseFigure<CellIx>, FigureWords<'static>)>,
    /// Every cue word the prose figures read: a list in the prose ("予以公开及部分公开") is
    /// read only where its members are among them.
    pub(super) known_cues: Vec<&'static str>,
    /// The subjects of the format's "均为0" rules: a zero the prose states for one of them is
    /// theirs to report, not the prose figure's as well.
    pub(super) zero_cues: Vec<&'static str>,
    /// The sections the figure rules (ProseFigure, ProseZero) read.
    pub(super) figure_sections: Vec<&'static str>,
}

impl fmt::Debug for Plan {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.debug_struct("Plan")
            .field("known_cues", &self.known_cues)
            .field("zero_cues", &self.zero_cues)
            .field("figure_sections", &self.figure_sections)
            .finish_non_exhaustive()
    }
}

impl Plan {
    /// The plan of `format`, worked out the first time it is asked for.
    pub fn of(format: &'static Format) -> &'static Plan {
        format.check_plan.get_or_init(|| Plan::new(format))
    }

    fn new(format: &'static Format) -> Plan {
        let checks = || format.rules.iter().flat_map(|r| &r.checks);
        let prose_figures: Vec<_> = checks()
            .filter_map(|c| match &c.compiled {
                CheckKind::ProseFigure(p) => Some((p, FigureWords::of(p))),
                _ => None,
            })
            .collect();
        let zero_cues = checks()
            .filter_map(|c| match &c.compiled {
                CheckKind::ProseZero(z) => Some(z.subjects.iter().map(|s| s.cue.as_str())),
                _ => None,
            })
            .flatten()
            .collect();
        let mut known_cues: Vec<&str> = Vec::new();
        for cue in prose_figures.iter().flat_map(|(p, _)| &p.cues) {
            if !known_cues.contains(&cue.as_str()) {
                known_cues.push(cue);
            }
        }
        let mut figure_sections: Vec<&str> = Vec::new();
        for check in checks() {
            let sections = match &check.compiled {
                CheckKind::ProseFigure(p) => &p.sections,
                CheckKind::ProseZero(z) => &z.sections,
                _ => continue,
            };
            for s in sections {
                if !figure_sections.contains(&s.as_str()) {
                    figure_sections.push(s);
                }
            }
        }
        Plan {
            prose_figures,
            known_cues,
            zero_cues,
            figure_sections,
        }
    }

    /// The words of prose figure `p` (one of this plan's format).
    pub(super) fn words(&self, p: &ProseFigure<CellIx>) -> Option<&FigureWords<'static>> {
        self.prose_figures
            .iter()
            .find(|(q, _)| std::ptr::eq(*q, p))
            .map(|(_, w)| w)
    }
}

/// The words of a prose figure, with their masks worked out once.
pub(super) struct FigureWords<'w> {
    pub(super) cues: Words<'w>,
    requires: Words<'w>,
    excludes: Words<'w>,
}

impl<'w> FigureWords<'w> {
    pub(super) fn of(p: &'w ProseFigure<CellIx>) -> Self {
        let words = |list: &'w [String]| Words::new(list.iter().map(String::as_str));
        FigureWords {
            cues: words(&p.cues),
            requires: words(&p.requires),
            excludes: words(&p.excludes),
        }
    }

    /// Whether a clause (whose [`super::prose::char_mask`] is `chars`) is one the prose figure
    /// reads: it has one of the words it requires (if any) and none of those it excludes.
    pub(super) fn apply_to(&self, clause: &str, chars: u64) -> bool {
        (self.requires.is_empty() || self.requires.any_in(clause, chars))
            && !self.excludes.any_in(clause, chars)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_format_is_planned_once_with_every_prose_figure_words() {
        for format in crate::model::format::builtin().formats() {
            let plan = Plan::of(format);
            assert!(std::ptr::eq(plan, Plan::of(format)), "{}", format.id);
            let figures: Vec<&ProseFigure<CellIx>> = format
                .rules
                .iter()
                .flat_map(|r| &r.checks)
                .filter_map(|c| match &c.compiled {
                    CheckKind::ProseFigure(p) => Some(p),
                    _ => None,
                })
                .collect();
            assert!(!figures.is_empty(), "{}", format.id);
            for p in &figures {
                let words = plan.words(p).expect("planned");
                assert_eq!(words.cues.is_empty(), p.cues.is_empty());
            }
            let mut cues: Vec<&str> = figures
                .iter()
                .flat_map(|p| &p.cues)
                .map(String::as_str)
                .collect();
            cues.dedup();
            for cue in &cues {
                assert!(plan.known_cues.contains(cue), "{cue}");
            }
            assert!(plan.known_cues.iter().all(|c| cues.contains(c)));
            assert!(!plan.figure_sections.is_empty(), "{}", format.id);
        }
    }
}
