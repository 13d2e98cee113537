//! The open report with its file, saved state, findings and undo history.

use std::path::PathBuf;
use std::sync::Arc;

use egui::util::undoer::{Settings as UndoSettings, Undoer};

use crate::model::fields::{self, Stale};
use crate::model::format::{CellIx, Severity};
use crate::model::sum::Summary;
use crate::model::{CellValue, Finding, Report, check};

/// The report being edited and everything derived from it.
pub struct Document {
    /// The report.
    pub report: Report,
    /// Where Save writes (a `.ron` draft); `None` for the sample, a new report or an import.
    pub path: Option<PathBuf>,
    /// Name shown in the title bar.
    pub name: String,
    /// The report as last saved (or opened), to tell unsaved changes.
    saved: Report,
    /// Undo history of whole-report snapshots.
    undoer: Undoer<Report>,
    /// The report the cached findings belong to.
    checked: Option<Report>,
    /// Findings of the current report.
    pub findings: Vec<Finding>,
    /// Every cell's value as shown (typed, or computed total).
    pub resolved: Vec<CellValue>,
    /// For every cell, the indices of the findings that name it.
    pub cell_findings: Vec<Vec<usize>>,
    /// For every finding, whether it is 待填 rather than wrong: every cell it names is in a table
    /// the clerk has not started (no figure but those the rollover put there). Shown grey, not
    /// counted as an error on screen; export and print still ask about it.
    pub pending: Vec<bool>,
    /// The cell the clerk changed last: among a rule's cells, the likely cause.
    pub last_edited: Option<CellIx>,
    /// How many times the report was seen to change.
    revision: u64,
    /// The figures of the prose (数据句) typed over by hand that the tables no longer agree with.
    pub stale: Vec<Stale>,
    /// The 汇总 this report is the total of: hovering a summed cell names the units that
    /// contributed. `None` for any other report.
    pub summary: Option<Arc<Summary>>,
}

impl Document {
    /// A document for `report`; `saved` says whether it matches a file on disk.
    pub fn new(mut report: Report, path: Option<PathBuf>, name: String, saved: bool) -> Self {
        // A draft whose cells were changed elsewhere: its live figures follow them at once, so
        // opening it is not an unsaved change of its own.
        fields::refresh(&mut report, &fields::evaluate);
        let saved_state = if saved {
            report.clone()
        } else {
            Report::new(report.format, report.meta.year)
        };
        let mut doc = Document {
            saved: saved_state,
            report,
            path,
            name,
            undoer: Undoer::with_settings(UndoSettings {
                max_undos: 200,
                stable_time: 0.8,
                auto_save_interval: 30.0,
            }),
            checked: None,
            findings: Vec::new(),
            resolved: Vec::new(),
            cell_findings: Vec::new(),
            pending: Vec::new(),
            last_edited: None,
            revision: 0,
            stale: Vec::new(),
            summary: None,
        };
        doc.refresh();
        doc
    }

    /// Whether there are unsaved changes.
    pub fn is_dirty(&self) -> bool {
        self.report != self.saved
    }

    /// Records that the current report is what is on disk.
    pub fn mark_saved(&mut self, path: PathBuf, name: String) {
        self.saved = self.report.clone();
        self.path = Some(path);
        self.name = name;
    }

    /// Re-runs the checker if the report changed since the last run; `true` if it did.
    pub fn refresh(&mut self) -> bool {
        if self.checked.as_ref() == Some(&self.report) {
            return false;
        }
        // A cell changed (typed, pasted, undone…): the live figures of the prose follow, in the
        // same undo step as the change.
        fields::refresh(&mut self.report, &fields::evaluate);
        self.stale = fields::stale(&self.report, &fields::evaluate);
        self.findings = check(&self.report);
        self.resolved = self.report.resolve();
        let mut cell_findings = vec![Vec::new(); self.report.cells.len()];
        for (i, f) in self.findings.iter().enumerate() {
            for id in &f.cells {
                if let Some(list) = self
                    .report
                    .format
                    .cell_index(id)
                    .and_then(|ix| cell_findings.get_mut(ix))
                {
                    list.push(i);
                }
            }
        }
        self.cell_findings = cell_findings;
        let started = self.started_tables();
        let format = self.report.format;
        self.pending = self
            .findings
            .iter()
            .map(|f| {
                !f.cells.is_empty()
                    && f.cells.iter().all(|id| {
                        format
                            .cell_index(id)
                            .and_then(|ix| format.cell(ix))
                            .is_some_and(|c| !started.get(c.table).copied().unwrap_or(true))
                    })
            })
            .collect();
        self.checked = Some(self.report.clone());
        self.revision += 1;
        true
    }

    /// For every table of the format, whether the clerk has started it: an input cell holds a
    /// figure (or text, or "/") other than the one the rollover carried into it.
    fn started_tables(&self) -> Vec<bool> {
        let format = self.report.format;
        let carried = crate::model::rollover::carried_in(&self.report);
        let mut started = vec![false; format.tables.len()];
        for (ix, info) in format.cells.iter().enumerate() {
            if info.derived {
                continue;
            }
            let Some(value) = self.report.entry(ix).filter(|v| **v != CellValue::Blank) else {
                continue;
            };
            let program_put = carried.iter().any(|(c, v)| *c == ix && v == value);
            if !program_put && let Some(s) = started.get_mut(info.table) {
                *s = true;
            }
        }
        started
    }

    /// Whether table `table` (index into the format's tables) is 待填: a 待填 finding names it.
    pub fn table_pending(&self, table: usize) -> bool {
        let format = self.report.format;
        self.findings.iter().enumerate().any(|(i, f)| {
            self.is_pending(i)
                && f.cells.iter().any(|id| {
                    format
                        .cell_index(id)
                        .and_then(|ix| format.cell(ix))
                        .is_some_and(|c| c.table == table)
                })
        })
    }

    /// Whether finding `i` is 待填 (see [`Self::pending`]).
    pub fn is_pending(&self, i: usize) -> bool {
        self.pending.get(i).copied().unwrap_or(false)
    }

    /// The worst severity a cell is shown with: of the findings naming it that are not 待填.
    pub fn shown_severity(&self, ix: CellIx) -> Option<Severity> {
        self.cell_findings
            .get(ix)?
            .iter()
            .filter(|&&i| !self.is_pending(i))
            .filter_map(|&i| self.findings.get(i))
            .map(|f| f.severity)
            .max()
    }

    /// Whether a cell is named only by 待填 findings.
    pub fn cell_pending(&self, ix: CellIx) -> bool {
        self.cell_findings
            .get(ix)
            .is_some_and(|list| !list.is_empty() && list.iter().all(|&i| self.is_pending(i)))
    }

    /// Whether `ix` is the cell the clerk changed last and a rule it is one of several cells of
    /// fails: the likely cause among them, outlined.
    pub fn likely_cause(&self, ix: CellIx) -> bool {
        self.last_edited == Some(ix)
            && self.cell_findings.get(ix).is_some_and(|list| {
                list.iter().any(|&i| {
                    !self.is_pending(i) && self.findings.get(i).is_some_and(|f| f.cells.len() > 1)
                })
            })
    }

    /// Error and warning totals on screen (待填 findings apart), and the 待填 count.
    pub fn shown_totals(&self) -> (usize, usize, usize) {
        let shown = self
            .findings
            .iter()
            .enumerate()
            .filter(|(i, _)| !self.is_pending(*i))
            .map(|(_, f)| f);
        let (errors, warnings) = crate::model::check::tally(shown);
        let pending = self.pending.iter().filter(|p| **p).count();
        (errors, warnings, pending)
    }

    /// Counts the changes of the report (as of the last [`Self::refresh`]).
    pub fn revision(&self) -> u64 {
        self.revision
    }

    /// The worst severity of the findings naming a cell.
    pub fn cell_severity(&self, ix: CellIx) -> Option<Severity> {
        self.cell_findings
            .get(ix)?
            .iter()
            .filter_map(|&i| self.findings.get(i))
            .map(|f| f.severity)
            .max()
    }

    /// The findings naming a cell.
    pub fn findings_for(&self, ix: CellIx) -> impl Iterator<Item = &Finding> {
        self.cell_findings
            .get(ix)
            .into_iter()
            .flatten()
            .filter_map(|&i| self.findings.get(i))
    }

    /// Error and warning totals.
    pub fn totals(&self) -> (usize, usize) {
        crate::model::check::tally(&self.findings)
    }

    /// Remembers the state before a discrete edit, so Ctrl+Z restores it in one step.
    pub fn checkpoint(&mut self) {
        self.undoer.add_undo(&self.report);
    }

    /// Lets the undo history catch continuous edits (typing prose) once they settle.
    pub fn feed_undo(&mut self, time: f64) {
        self.undoer.feed_state(time, &self.report);
    }

    /// Undoes the last edit; `false` if there is nothing to undo.
    pub fn undo(&mut self) -> bool {
        match self.undoer.undo(&self.report) {
            Some(previous) => {
                self.report = previous.clone();
                true
            }
            None => false,
        }
    }

    /// Redoes the last undone edit.
    pub fn redo(&mut self) -> bool {
        match self.undoer.redo(&self.report) {
            Some(next) => {
                self.report = next.clone();
                true
            }
            None => false,
        }
    }

    /// 插入数据句: `sentence` after the line holding byte `cursor` of its section (at the end
    /// without one), as one undoable edit. Returns where it starts.
    pub fn insert_sentence(
        &mut self,
        cursor: Option<usize>,
        sentence: &crate::model::sentences::Sentence,
    ) -> usize {
        self.checkpoint();
        let start = fields::insert_sentence(&mut self.report, cursor, sentence);
        // Its own step: typing that follows is undone apart from it.
        self.checkpoint();
        start
    }

    /// 更新: the tables' figure over a typed-over field, as one undoable edit.
    pub fn update_field(&mut self, section: &str, index: usize) -> bool {
        self.checkpoint();
        let updated = fields::update_stale(&mut self.report, section, index, &fields::evaluate);
        self.checkpoint();
        updated
    }

    /// Sets a section's prose as the clerk typed it, the live figures following the edit.
    pub fn set_prose(&mut self, section: &str, text: String) {
        let old = self.report.prose(section).to_owned();
        if let Some(list) = self.report.fields.get_mut(section) {
            fields::reconcile(list, &old, &text);
            if list.is_empty() {
                self.report.fields.remove(section);
            }
        }
        self.report.prose.insert(section.to_owned(), text);
    }

    /// Sets cells as one undoable edit.
    pub fn set_cells(&mut self, edits: &[(CellIx, Option<CellValue>)]) {
        if edits.is_empty() {
            return;
        }
        self.checkpoint();
        for (ix, value) in edits {
            self.report.set(*ix, value.clone());
        }
        // One cell typed or pasted: the likely cause of what fails next; a block is none.
        self.last_edited = match edits {
            [(ix, _)] => Some(*ix),
            _ => None,
        };
    }
}
