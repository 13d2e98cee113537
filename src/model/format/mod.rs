//! The official report formats as data.
//!
//! Each format is a RON file in `assets/formats/`, embedded at compile time and compiled once into
//! a [`Format`]: cells get dense indices, rules get resolved cell lists, and the printed layout
//! (merged header cells, group labels) is derived from the row tree and column paths. The grid,
//! the checker, the PDF, the importer and the rollover all read this one structure.

mod def;
mod layout;

use std::collections::HashMap;
use std::sync::OnceLock;

pub use def::{
    AddedDef, CarryDef, CellKind, CheckKind, ColumnDef, Each, FormatDef, Layout, MigrationDef,
    MoneyUnit, MoveDef, Op, ProseKind, ProseNoteDef, RowNode, SectionDef, Severity, SumTotal,
    TableDef,
};
pub use layout::{GridCell, GridContent, PrintedGrid};

/// Index of a cell in a [`Format`]'s cell list (and in a report's value list).
pub type CellIx = usize;

/// Why a format file could not be compiled.
#[derive(Debug, thiserror::Error)]
pub enum FormatError {
    /// The RON text did not parse.
    #[error("format file does not parse: {0}")]
    Parse(#[from] ron::error::SpannedError),
    /// Something in the file refers to what is not there, or is defined twice.
    #[error("format {format}: {problem}")]
    Invalid {
        /// Format id.
        format: String,
        /// What is wrong.
        problem: String,
    },
}

/// A data row of a table, flattened out of the row tree.
#[derive(Debug, Clone)]
pub struct Row {
    /// Row id used in cell ids.
    pub id: String,
    /// Verbatim label.
    pub label: String,
    /// Indices into [`Table::groups`] of the groups enclosing this row, outermost first.
    pub groups: Vec<usize>,
}

/// A group of rows (三、本年度办理结果), with the rows it spans.
#[derive(Debug, Clone)]
pub struct Group {
    /// Group id.
    pub id: String,
    /// Verbatim label.
    pub label: String,
    /// Nesting depth (0 = outermost).
    pub depth: usize,
    /// First data row it spans.
    pub first_row: usize,
    /// Number of data rows it spans.
    pub row_count: usize,
}

/// A compiled table.
#[derive(Debug, Clone)]
pub struct Table {
    /// Table id (`t3`).
    pub id: String,
    /// Name for the clerk (表三).
    pub name: String,
    /// Caption row text (may be empty).
    pub caption: String,
    /// Header cell above the row labels (may be empty).
    pub corner: String,
    /// Printed columns taken by row labels.
    pub label_columns: usize,
    /// Printed layout.
    pub layout: Layout,
    /// Data columns.
    pub columns: Vec<ColumnDef>,
    /// Data rows in printed order.
    pub rows: Vec<Row>,
    /// Row groups.
    pub groups: Vec<Group>,
    /// Index of the section this table belongs to.
    pub section: usize,
    first_cell: CellIx,
}

impl Table {
    /// The cell at a data row and column.
    pub fn cell(&self, row: usize, col: usize) -> CellIx {
        self.first_cell + row * self.columns.len() + col
    }

    /// All cells of the table, row by row.
    pub fn cells(&self) -> std::ops::Range<CellIx> {
        self.first_cell..self.first_cell + self.rows.len() * self.columns.len()
    }

    /// Index of a row by id.
    pub fn row_index(&self, id: &str) -> Option<usize> {
        self.rows.iter().position(|r| r.id == id)
    }

    /// Index of a column by id.
    pub fn column_index(&self, id: &str) -> Option<usize> {
        self.columns.iter().position(|c| c.id == id)
    }

    /// Full label of a row including its group labels (（三）不予公开 1.属于国家秘密).
    pub fn row_path_label(&self, row: usize) -> String {
        let Some(r) = self.rows.get(row) else {
            return String::new();
        };
        let mut parts: Vec<&str> = r
            .groups
            .iter()
            .filter_map(|&g| self.groups.get(g))
            .filter(|g| g.depth > 0 || self.layout == Layout::SingleRow)
            .map(|g| g.label.as_str())
            .collect();
        parts.push(&r.label);
        parts.join(" ")
    }
}

/// Everything known about one cell.
#[derive(Debug, Clone)]
pub struct CellInfo {
    /// `table.row.column`.
    pub id: String,
    /// Index into [`Format::tables`].
    pub table: usize,
    /// Data row within the table.
    pub row: usize,
    /// Data column within the table.
    pub col: usize,
    /// What the cell holds.
    pub kind: CellKind,
    /// Whether the cell is a total computed from others.
    pub derived: bool,
}

/// A term of a comparison: a cell of this report or of last year's, added or subtracted.
#[derive(Debug, Clone)]
pub struct Term {
    /// `-1` to subtract, `1` to add.
    pub sign: i8,
    /// Which cell.
    pub cell: TermCell,
}

/// The cell a [`Term`] reads.
#[derive(Debug, Clone)]
pub enum TermCell {
    /// A cell of this report.
    Current(CellIx),
    /// A cell of last year's report, by id.
    Previous(String),
}

impl Term {
    /// Whether the term reads last year's report.
    pub fn is_previous(&self) -> bool {
        matches!(self.cell, TermCell::Previous(_))
    }
}

/// One instance of a sum: a total and its parts.
#[derive(Debug, Clone)]
pub struct SumInstance {
    /// Label of the row or column (for messages).
    pub label: String,
    /// The total cell.
    pub total: CellIx,
    /// The summed cells.
    pub parts: Vec<CellIx>,
}

/// One instance of a comparison.
#[derive(Debug, Clone)]
pub struct CompareInstance {
    /// Label of the element (for messages).
    pub label: String,
    /// The figure as written.
    pub left: Vec<Term>,
    /// The expected figure.
    pub right: Vec<Term>,
}

/// A check compiled against the format's cells.
#[derive(Debug, Clone)]
pub enum Compiled {
    /// Totals equal sums.
    Sum(Vec<SumInstance>),
    /// Comparisons.
    Compare(Op, Vec<CompareInstance>),
    /// Counts and money ≥ 0.
    NonNegative,
    /// Entries are numbers.
    ValidEntry,
    /// No blank cells.
    Filled,
    /// The year fits the format.
    FormatYear,
    /// A figure in the prose equals a sum of cells.
    ProseFigure {
        /// Sections read.
        sections: Vec<String>,
        /// Cue words.
        cues: Vec<String>,
        /// Required context words (any of).
        requires: Vec<String>,
        /// Excluded context words.
        excludes: Vec<String>,
        /// Cells summed.
        cells: Vec<CellIx>,
    },
    /// A "zero" clause implies zero cells.
    ProseZero {
        /// Sections read.
        sections: Vec<String>,
        /// Subject cue and its cells.
        subjects: Vec<(String, Vec<CellIx>)>,
    },
    /// The section mentions one word of each group.
    ProseMentions {
        /// Section id.
        section: String,
        /// Word groups.
        groups: Vec<Vec<String>>,
    },
    /// The section has content.
    ProseSubstance {
        /// Section id.
        section: String,
        /// Minimum characters.
        min_chars: usize,
        /// Texts that are no content.
        forbidden: Vec<String>,
    },
    /// The prose is not last year's.
    NotCopied {
        /// Sections compared.
        sections: Vec<String>,
    },
}

/// A compiled check with its message template.
#[derive(Debug, Clone)]
pub struct Check {
    /// What is checked.
    pub compiled: Compiled,
    /// Message template.
    pub message: String,
}

/// A compiled rule.
#[derive(Debug, Clone)]
pub struct Rule {
    /// Rule id (`T3-BAL`).
    pub id: String,
    /// Error or warning.
    pub severity: Severity,
    /// One-line description.
    pub title: String,
    /// Its checks.
    pub checks: Vec<Check>,
}

/// A carry-over from last year: `target := Σ terms of last year's report`.
#[derive(Debug, Clone)]
pub struct Carry {
    /// Cell of the new draft.
    pub target: CellIx,
    /// Cell ids of last year's report, with signs.
    pub from: Vec<(i8, String)>,
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
    /// Last year using it.
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
    /// Migrations from older formats.
    pub migrations: Vec<MigrationDef>,
    /// For each derived cell, the cells it sums (in an order where parts come first).
    pub derivations: Vec<(CellIx, Vec<CellIx>)>,
    index: HashMap<String, CellIx>,
}

const SOURCES: [&str; 2] = [
    include_str!("../../../assets/formats/gb2021.ron"),
    include_str!("../../../assets/formats/gb2019.ron"),
];

/// The built-in formats, newest first. A format that fails to compile is left out (the tests
/// prove both compile), so this never panics.
pub fn builtin() -> &'static [Format] {
    static FORMATS: OnceLock<Vec<Format>> = OnceLock::new();
    FORMATS.get_or_init(|| {
        SOURCES
            .iter()
            .filter_map(|s| Format::parse(s).ok())
            .collect()
    })
}

/// A built-in format by id.
pub fn by_id(id: &str) -> Option<&'static Format> {
    builtin().iter().find(|f| f.id == id)
}

/// The built-in format a report for `year` must use.
pub fn for_year(year: u16) -> Option<&'static Format> {
    builtin().iter().find(|f| f.covers(year))
}

/// The report years a draft may have: from the first year of the oldest built-in format to the
/// last year of the newest (which has no end of its own, so a century on from its start).
pub fn supported_years() -> std::ops::RangeInclusive<u16> {
    let first = builtin().iter().map(|f| f.first_year).min().unwrap_or(2019);
    let newest = builtin()
        .iter()
        .map(|f| f.first_year)
        .max()
        .unwrap_or(first);
    first..=newest.saturating_add(99)
}

/// The current format (for new reports).
pub fn current() -> Option<&'static Format> {
    builtin().iter().find(|f| f.last_year.is_none())
}

fn invalid(format: &str, problem: impl Into<String>) -> FormatError {
    FormatError::Invalid {
        format: format.to_owned(),
        problem: problem.into(),
    }
}

impl Format {
    /// Parses and compiles a format file.
    pub fn parse(text: &str) -> Result<Self, FormatError> {
        let def: FormatDef = ron::from_str(text)?;
        Self::compile(def)
    }

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

    fn compile(def: FormatDef) -> Result<Self, FormatError> {
        let fid = def.id.clone();
        let mut tables = Vec::new();
        let mut cells = Vec::new();
        let mut index = HashMap::new();
        for (si, section) in def.sections.iter().enumerate() {
            for tid in &section.tables {
                let tdef = def.tables.iter().find(|t| &t.id == tid).ok_or_else(|| {
                    invalid(
                        &fid,
                        format!("section {} names unknown table {tid}", section.id),
                    )
                })?;
                let table = compile_table(tdef, si, cells.len());
                for (ri, row) in table.rows.iter().enumerate() {
                    for (ci, col) in table.columns.iter().enumerate() {
                        let id = format!("{}.{}.{}", table.id, row.id, col.id);
                        if index.insert(id.clone(), cells.len()).is_some() {
                            return Err(invalid(&fid, format!("cell id {id} is defined twice")));
                        }
                        cells.push(CellInfo {
                            id,
                            table: tables.len(),
                            row: ri,
                            col: ci,
                            kind: col.kind,
                            derived: false,
                        });
                    }
                }
                tables.push(table);
            }
        }
        if tables.len() != def.tables.len() {
            return Err(invalid(&fid, "a table is not placed in any section"));
        }
        let mut seen = std::collections::HashSet::new();
        for s in &def.sections {
            if !seen.insert(s.id.clone()) {
                return Err(invalid(
                    &fid,
                    format!("section id {} is defined twice", s.id),
                ));
            }
        }
        let mut format = Format {
            id: def.id.clone(),
            name: def.name.clone(),
            first_year: def.first_year,
            last_year: def.last_year,
            sections: def.sections.clone(),
            tables,
            cells,
            rules: Vec::new(),
            rollover: Vec::new(),
            migrations: def.migrations.clone(),
            derivations: Vec::new(),
            index,
        };
        let mut rule_ids = std::collections::HashSet::new();
        for rdef in &def.rules {
            if !rule_ids.insert(rdef.id.clone()) {
                return Err(invalid(
                    &fid,
                    format!("rule id {} is defined twice", rdef.id),
                ));
            }
            let mut checks = Vec::new();
            for cdef in &rdef.checks {
                let compiled = format
                    .compile_check(&cdef.kind)
                    .map_err(|p| invalid(&fid, format!("rule {}: {p}", rdef.id)))?;
                checks.push(Check {
                    compiled,
                    message: cdef.message.clone(),
                });
            }
            format.rules.push(Rule {
                id: rdef.id.clone(),
                severity: rdef.severity,
                title: rdef.title.clone(),
                checks,
            });
        }
        for carry in &def.rollover {
            let compiled = format
                .compile_carry(carry)
                .map_err(|p| invalid(&fid, format!("rollover: {p}")))?;
            format.rollover.extend(compiled);
        }
        format.derivations = format.order_derivations().map_err(|p| invalid(&fid, p))?;
        for (cell, _) in &format.derivations {
            if let Some(info) = format.cells.get_mut(*cell) {
                info.derived = true;
            }
        }
        Ok(format)
    }

    fn compile_check(&self, kind: &CheckKind) -> Result<Compiled, String> {
        Ok(match kind {
            CheckKind::Sum { table, total } => Compiled::Sum(self.sum_instances(table, total)?),
            CheckKind::Compare {
                each,
                left,
                op,
                right,
            } => {
                let mut instances = Vec::new();
                for (elem, label) in self.expand_each(each)? {
                    instances.push(CompareInstance {
                        label,
                        left: self.terms(left, &elem)?,
                        right: self.terms(right, &elem)?,
                    });
                }
                Compiled::Compare(*op, instances)
            }
            CheckKind::NonNegative => Compiled::NonNegative,
            CheckKind::ValidEntry => Compiled::ValidEntry,
            CheckKind::Filled => Compiled::Filled,
            CheckKind::FormatYear => Compiled::FormatYear,
            CheckKind::ProseFigure {
                sections,
                cues,
                requires,
                excludes,
                cells,
            } => {
                self.known_sections(sections)?;
                Compiled::ProseFigure {
                    sections: sections.clone(),
                    cues: cues.clone(),
                    requires: requires.clone(),
                    excludes: excludes.clone(),
                    cells: self.cell_list(cells)?,
                }
            }
            CheckKind::ProseZero { sections, subjects } => {
                self.known_sections(sections)?;
                let mut compiled = Vec::new();
                for s in subjects {
                    compiled.push((s.cue.clone(), self.cell_list(&s.cells)?));
                }
                Compiled::ProseZero {
                    sections: sections.clone(),
                    subjects: compiled,
                }
            }
            CheckKind::ProseMentions { section, groups } => {
                self.known_sections(std::slice::from_ref(section))?;
                Compiled::ProseMentions {
                    section: section.clone(),
                    groups: groups.clone(),
                }
            }
            CheckKind::ProseSubstance {
                section,
                min_chars,
                forbidden,
            } => {
                self.known_sections(std::slice::from_ref(section))?;
                Compiled::ProseSubstance {
                    section: section.clone(),
                    min_chars: *min_chars,
                    forbidden: forbidden.clone(),
                }
            }
            CheckKind::NotCopied { sections } => {
                self.known_sections(sections)?;
                Compiled::NotCopied {
                    sections: sections.clone(),
                }
            }
        })
    }

    fn known_sections(&self, ids: &[String]) -> Result<(), String> {
        match ids.iter().find(|id| self.section(id).is_none()) {
            Some(id) => Err(format!("unknown section {id}")),
            None => Ok(()),
        }
    }

    fn cell_list(&self, ids: &[String]) -> Result<Vec<CellIx>, String> {
        ids.iter()
            .map(|id| {
                self.cell_index(id)
                    .ok_or_else(|| format!("unknown cell {id}"))
            })
            .collect()
    }

    fn sum_instances(&self, table_id: &str, total: &SumTotal) -> Result<Vec<SumInstance>, String> {
        let table = self
            .table(table_id)
            .ok_or_else(|| format!("unknown table {table_id}"))?;
        let mut out = Vec::new();
        match total {
            SumTotal::Column(col_id) => {
                let tc = table
                    .column_index(col_id)
                    .ok_or_else(|| format!("unknown column {table_id}.{col_id}"))?;
                for (ri, _) in table.rows.iter().enumerate() {
                    let parts = (0..table.columns.len())
                        .filter(|&c| c != tc)
                        .map(|c| table.cell(ri, c))
                        .collect();
                    out.push(SumInstance {
                        label: table.row_path_label(ri),
                        total: table.cell(ri, tc),
                        parts,
                    });
                }
            }
            SumTotal::Row(row_id) => {
                let tr = table
                    .row_index(row_id)
                    .ok_or_else(|| format!("unknown row {table_id}.{row_id}"))?;
                let parent = table.rows.get(tr).and_then(|r| r.groups.last().copied());
                let sibling_rows: Vec<usize> = (0..table.rows.len())
                    .filter(|&r| r != tr)
                    .filter(|&r| match parent {
                        Some(g) => table.rows.get(r).is_some_and(|row| row.groups.contains(&g)),
                        None => true,
                    })
                    .collect();
                for (ci, col) in table.columns.iter().enumerate() {
                    out.push(SumInstance {
                        label: col.label.clone(),
                        total: table.cell(tr, ci),
                        parts: sibling_rows.iter().map(|&r| table.cell(r, ci)).collect(),
                    });
                }
            }
        }
        Ok(out)
    }

    /// The elements `*` ranges over, with a label for each.
    fn expand_each(&self, each: &Each) -> Result<Vec<(String, String)>, String> {
        match each {
            Each::Rows(t) => {
                let table = self.table(t).ok_or_else(|| format!("unknown table {t}"))?;
                Ok((0..table.rows.len())
                    .filter_map(|r| {
                        table
                            .rows
                            .get(r)
                            .map(|row| (row.id.clone(), table.row_path_label(r)))
                    })
                    .collect())
            }
            Each::Columns(t) => {
                let table = self.table(t).ok_or_else(|| format!("unknown table {t}"))?;
                Ok(table
                    .columns
                    .iter()
                    .map(|c| (c.id.clone(), c.label.clone()))
                    .collect())
            }
            Each::List(items) => items
                .iter()
                .map(|item| {
                    let (t, r) = item
                        .split_once('.')
                        .ok_or_else(|| format!("list item {item} is not table.row"))?;
                    let table = self.table(t).ok_or_else(|| format!("unknown table {t}"))?;
                    let ri = table
                        .row_index(r)
                        .ok_or_else(|| format!("unknown row {item}"))?;
                    Ok((item.clone(), table.row_path_label(ri)))
                })
                .collect(),
        }
    }

    fn terms(&self, patterns: &[String], elem: &str) -> Result<Vec<Term>, String> {
        patterns
            .iter()
            .map(|p| {
                let (sign, p) = match p.strip_prefix('-') {
                    Some(rest) => (-1, rest),
                    None => (1, p.as_str()),
                };
                let id = p.replace('*', elem);
                let cell = match id.strip_prefix("prev.") {
                    Some(prev_id) => {
                        // Last year's format may differ; the id must at least exist in this one.
                        self.cell_index(prev_id)
                            .ok_or_else(|| format!("unknown cell {id}"))?;
                        TermCell::Previous(prev_id.to_owned())
                    }
                    None => TermCell::Current(
                        self.cell_index(&id)
                            .ok_or_else(|| format!("unknown cell {id}"))?,
                    ),
                };
                Ok(Term { sign, cell })
            })
            .collect()
    }

    fn compile_carry(&self, carry: &CarryDef) -> Result<Vec<Carry>, String> {
        let mut out = Vec::new();
        for (elem, _) in self.expand_each(&carry.each)? {
            let target_id = carry.to.replace('*', &elem);
            let target = self
                .cell_index(&target_id)
                .ok_or_else(|| format!("unknown cell {target_id}"))?;
            let mut from = Vec::new();
            for term in self.terms(&carry.from, &elem)? {
                let id = match term.cell {
                    TermCell::Current(ix) => self.cell_id(ix).to_owned(),
                    TermCell::Previous(id) => id,
                };
                from.push((term.sign, id));
            }
            out.push(Carry { target, from });
        }
        Ok(out)
    }

    /// Derived cells in an order where every part is computed before the total that uses it.
    fn order_derivations(&self) -> Result<Vec<(CellIx, Vec<CellIx>)>, String> {
        let mut parts_of: Vec<Option<Vec<CellIx>>> = vec![None; self.cells.len()];
        for rule in &self.rules {
            for check in &rule.checks {
                if let Compiled::Sum(instances) = &check.compiled {
                    for inst in instances {
                        if let Some(slot) = parts_of.get_mut(inst.total)
                            && slot.is_none()
                        {
                            *slot = Some(inst.parts.clone());
                        }
                    }
                }
            }
        }
        // 0 = unvisited, 1 = in progress, 2 = done
        let mut state = vec![0u8; self.cells.len()];
        let mut order = Vec::new();
        for start in 0..self.cells.len() {
            visit(start, &parts_of, &mut state, &mut order, self)?;
        }
        Ok(order)
    }
}

fn visit(
    cell: CellIx,
    parts_of: &[Option<Vec<CellIx>>],
    state: &mut [u8],
    order: &mut Vec<(CellIx, Vec<CellIx>)>,
    format: &Format,
) -> Result<(), String> {
    match state.get(cell) {
        Some(2) | None => return Ok(()),
        Some(1) => {
            return Err(format!(
                "derived cell {} depends on itself",
                format.cell_id(cell)
            ));
        }
        _ => {}
    }
    let Some(Some(parts)) = parts_of.get(cell) else {
        if let Some(s) = state.get_mut(cell) {
            *s = 2;
        }
        return Ok(());
    };
    if let Some(s) = state.get_mut(cell) {
        *s = 1;
    }
    for &p in parts {
        visit(p, parts_of, state, order, format)?;
    }
    if let Some(s) = state.get_mut(cell) {
        *s = 2;
    }
    order.push((cell, parts.clone()));
    Ok(())
}

fn compile_table(def: &TableDef, section: usize, first_cell: CellIx) -> Table {
    let mut rows = Vec::new();
    let mut groups = Vec::new();
    flatten(&def.rows, &mut Vec::new(), &mut rows, &mut groups);
    Table {
        id: def.id.clone(),
        name: def.name.clone(),
        caption: def.caption.clone(),
        corner: def.corner.clone(),
        label_columns: def.label_columns,
        layout: def.layout,
        columns: def.columns.clone(),
        rows,
        groups,
        section,
        first_cell,
    }
}

fn flatten(
    nodes: &[RowNode],
    stack: &mut Vec<usize>,
    rows: &mut Vec<Row>,
    groups: &mut Vec<Group>,
) {
    for node in nodes {
        match node {
            RowNode::Row { id, label } => rows.push(Row {
                id: id.clone(),
                label: label.clone(),
                groups: stack.clone(),
            }),
            RowNode::Group {
                id,
                label,
                children,
            } => {
                let gi = groups.len();
                groups.push(Group {
                    id: id.clone(),
                    label: label.clone(),
                    depth: stack.len(),
                    first_row: rows.len(),
                    row_count: 0,
                });
                stack.push(gi);
                flatten(children, stack, rows, groups);
                stack.pop();
                let count = rows.len();
                if let Some(g) = groups.get_mut(gi) {
                    g.row_count = count - g.first_row;
                }
            }
        }
    }
}

#[cfg(test)]
mod tests;
