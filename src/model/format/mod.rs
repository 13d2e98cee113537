//! The official report formats as data.
//!
//! Each format is a RON file in `assets/formats/` (found by `build.rs`, embedded at compile time)
//! and compiled once into a [`Format`]: cells get dense indices, rules get resolved cell lists, and
//! the printed layout (merged header cells, group labels) is derived from the row tree and column
//! paths. The formats together make a [`Registry`], which knows which format a year uses and how
//! a draft moves from one format to the next. The grid, the checker, the PDF, the importer and the
//! rollover all read this one structure.
//!
//! Files: `def` (the RON shape), `compiled` (the indexed form), `compile` (one into the other),
//! `migration` (moves between formats, resolved against both), `registry` (the set of formats,
//! built in or given), `layout` (the printed grid), `sentences` (the data-sentence templates), `reference` (the Markdown reference in
//! `docs/`, written from the files).

mod compile;
mod compiled;
mod def;
mod layout;
mod migration;
pub mod reference;
mod registry;
mod sentences;

use std::collections::HashMap;

pub use compiled::{
    Added, Carry, CellInfo, Check, CompareInstance, Comparison, Compiled, Group, Migration, Move,
    Row, Rule, SumInstance, Table, Term, TermCell,
};
pub use def::{
    AddedDef, CarryDef, CellKind, CellRef, CheckDef, CheckKind, ColumnDef, CompareDef, Deadline,
    Each, FormatDef, Layout, MigrationDef, MoneyUnit, MoveDef, NotCopied, Op, ProseFigure,
    ProseKind, ProseMentions, ProseNoteDef, ProseSubstance, ProseYears, ProseZero, RowNode,
    SectionDef, Severity, SimilarDef, StatPeriod, SumDef, SumTotal, SummaryDef, TableDef,
    TemplateDef, YearJump, YearOnYear, YoyQuantity, ZeroSubject,
};
pub use layout::{GridCell, GridContent, PrintedGrid};
pub use registry::{
    Registry, builtin, builtin_sources, by_id, current, for_year, load_builtin, supported_years,
};
pub use sentences::{Expr, Field, Operand, Piece, SentenceDef, Sentences, SentencesDef, Template};

/// Index of a cell in a [`Format`]'s cell list (and in a report's value list).
pub type CellIx = usize;

/// Why a format file could not be compiled. The text is for whoever reads it at start-up (a clerk
/// whose copy of the program is damaged, or the person adding a format): Chinese, with the file
/// and the place.
#[derive(Debug, thiserror::Error)]
pub enum FormatError {
    /// The RON text did not parse.
    #[error("报告格式文件{}无法解析（第 {line} 行第 {column} 列）：{message}", quoted(.file))]
    Parse {
        /// File name (empty when parsed on its own).
        file: String,
        /// Line, from 1.
        line: usize,
        /// Column, from 1.
        column: usize,
        /// What the parser says.
        message: String,
    },
    /// Something in the file refers to what is not there, or is defined twice.
    #[error("报告格式文件{}（格式 {format}）有误：{problem}", quoted(.file))]
    Invalid {
        /// File name (empty when parsed on its own).
        file: String,
        /// Format id.
        format: String,
        /// What is wrong.
        problem: String,
    },
    /// There is no format file at all.
    #[error("程序中没有任何报告格式文件（assets/formats/*.ron）")]
    NoFormats,
}

impl FormatError {
    /// What the program says when a built-in format is broken and it cannot start: what is wrong,
    /// that nothing was touched, and what to do.
    pub fn for_clerk(&self) -> String {
        format!(
            "nianbao 无法启动：程序自带的{self}。没有打开或修改任何文件。程序文件可能不完整或已损坏，请重新复制完整的 nianbao 程序后再运行。"
        )
    }
}

fn quoted(file: &str) -> String {
    if file.is_empty() {
        String::new()
    } else {
        format!("“{file}”")
    }
}

/// A compiled official format.
#[derive(Debug)]
pub struct Format {
    /// `gb2021` / `gb2019`.
    pub id: String,
    /// Name for the clerk.
    pub name: String,
    /// First year using it.
    pub first_year: u16,
    /// Last year using it: the year before the next format of its [`Registry`] starts (`None`:
    /// still current, or compiled on its own).
    pub last_year: Option<u16>,
    /// Sections in order.
    pub sections: Vec<SectionDef>,
    /// Tables (in section order).
    pub tables: Vec<Table>,
    /// Every cell, table by table, row by row.
    pub cells: Vec<CellInfo>,
    /// Rules.
    pub rules: Vec<Rule>,
    /// Year-to-year carry-overs.
    pub rollover: Vec<Carry>,
    /// Migrations from older formats, resolved against both formats' cells.
    pub migrations: Vec<Migration>,
    /// The 汇总 settings (compared sections, thresholds, the total's templates).
    pub summary: SummaryDef,
    /// The standard data sentences (templates with fields naming cells).
    pub sentences: Sentences,
    /// For each derived cell, the cells it sums (in an order where parts come first).
    pub derivations: Vec<(CellIx, Vec<CellIx>)>,
    index: HashMap<String, CellIx>,
    /// What the checker works out from these rules, once (see [`crate::model::check::Plan`]).
    pub(crate) check_plan: std::sync::OnceLock<crate::model::check::Plan>,
}

impl Format {
    /// Whether a report for `year` uses this format.
    pub fn covers(&self, year: u16) -> bool {
        year >= self.first_year && self.last_year.is_none_or(|last| year <= last)
    }

    /// Cell index by id.
    pub fn cell_index(&self, id: &str) -> Option<CellIx> {
        self.index.get(id).copied()
    }

    /// Cell info by index.
    pub fn cell(&self, ix: CellIx) -> Option<&CellInfo> {
        self.cells.get(ix)
    }

    /// Cell id by index (empty if out of range).
    pub fn cell_id(&self, ix: CellIx) -> &str {
        self.cells.get(ix).map_or("", |c| c.id.as_str())
    }

    /// Table by id.
    pub fn table(&self, id: &str) -> Option<&Table> {
        self.tables.iter().find(|t| t.id == id)
    }

    /// Section by id.
    pub fn section(&self, id: &str) -> Option<&SectionDef> {
        self.sections.iter().find(|s| s.id == id)
    }

    /// Section heading as printed: `一、总体情况`.
    pub fn section_heading(&self, section: &SectionDef) -> String {
        format!("{}、{}", section.number, section.title)
    }

    /// The migration of drafts in format `from` into this one, if this format has one.
    pub fn migration_from(&self, from: &str) -> Option<&Migration> {
        self.migrations.iter().find(|m| m.from == from)
    }

    /// A clerk-readable name for a cell: 表三“一、本年新收政府信息公开申请数量”行“自然人”列.
    pub fn cell_label(&self, ix: CellIx) -> String {
        let Some(info) = self.cells.get(ix) else {
            return String::new();
        };
        let Some(table) = self.tables.get(info.table) else {
            return info.id.clone();
        };
        let row = table.row_path_label(info.row);
        let col = table.columns.get(info.col).map_or("", |c| c.label.as_str());
        match table.layout {
            Layout::Rows => format!("{}“{}”行“{}”列", table.name, row, col),
            Layout::SingleRow => format!("{}“{} {}”", table.name, row, col),
        }
    }
}

#[cfg(test)]
mod tests;
