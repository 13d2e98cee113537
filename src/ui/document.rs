//! The open report with its file, saved state, findings and undo history.

use std::path::PathBuf;
use std::sync::Arc;

use egui::util::undoer::{Settings as UndoSettings, Undoer};

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
    /// How many times the report was seen to change.
    revision: u64,
    /// The 汇总 this report is the total of: hovering a summed cell names the units that
    /// contributed. `None` for any other report.
    pub summary: Option<Arc<Summary>>,
}

impl Document {
    /// A document for `report`; `saved` says whether it matches a file on disk.
    pub fn new(report: Report, path: Option<PathBuf>, name: String, saved: bool) -> Self {
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
            revision: 0,
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
        self.checked = Some(self.report.clone());
        self.revision += 1;
        true
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

    /// Sets cells as one undoable edit.
    pub fn set_cells(&mut self, edits: &[(CellIx, Option<CellValue>)]) {
        if edits.is_empty() {
            return;
        }
        self.checkpoint();
        for (ix, value) in edits {
            self.report.set(*ix, value.clone());
        }
    }
}
