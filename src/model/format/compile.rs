//! Compiling a format file: cell ids become dense indices, rules and carry-overs name cells by
//! index, derived totals are ordered, migrations are resolved against the older format. Anything
//! that names what is not there is refused with a [`FormatError`].

use std::collections::{HashMap, HashSet};

use super::compiled::{
    Carry, CellInfo, Check, CompareInstance, Comparison, Compiled, Group, Row, Rule, SumInstance,
    Table, Term, TermCell,
};
use super::def::{
    CarryDef, CheckKind, Each, FormatDef, MigrationDef, ProseFigure, ProseZero, RowNode, SumTotal,
    TableDef, YearJump, YearOnYear, YoyQuantity, ZeroSubject,
};
use super::{CellIx, Format, FormatError};

/// The RON options format files are read with: a check's fields are written inside its variant,
/// `Sum(table: "t3", total: Column("total"))`, though the variant holds one struct.
fn ron_options() -> ron::Options {
    ron::Options::default()
        .with_default_extension(ron::extensions::Extensions::UNWRAP_VARIANT_NEWTYPES)
}

/// Reads a format file into its written form. `file` names it in errors.
pub(super) fn read_def(file: &str, text: &str) -> Result<FormatDef, FormatError> {
    ron_options()
        .from_str(text)
        .map_err(|e| FormatError::Parse {
            file: file.to_owned(),
            line: e.span.start.line,
            column: e.span.start.col,
            message: e.code.to_string(),
        })
}

pub(super) fn invalid(file: &str, format: &str, problem: impl Into<String>) -> FormatError {
    FormatError::Invalid {
        file: file.to_owned(),
        format: format.to_owned(),
        problem: problem.into(),
    }
}

impl Format {
    /// Parses and compiles one format file on its own. Its migrations are compiled only by a
    /// [`super::Registry`], which holds the older formats they name; and only the registry knows
    /// the year this format ends (`last_year` is `None` here).
    pub fn parse(text: &str) -> Result<Self, FormatError> {
        let def = read_def("", text)?;
        Self::compile("", def).map(|(format, _)| format)
    }

    /// Compiles a format, returning the migrations still as written (see [`Self::parse`]).
    pub(super) fn compile(
        file: &str,
        def: FormatDef,
    ) -> Result<(Self, Vec<MigrationDef>), FormatError> {
        let fid = def.id.clone();
        let bad = |problem: String| invalid(file, &fid, problem);
        let mut tables = Vec::new();
        let mut cells = Vec::new();
        let mut index = HashMap::new();
        for (si, section) in def.sections.iter().enumerate() {
            for tid in &section.tables {
                let tdef = def.tables.iter().find(|t| &t.id == tid).ok_or_else(|| {
                    bad(format!(
                        "第{}部分（{}）列出的表格 {tid} 不存在",
                        section.number, section.id
                    ))
                })?;
                let table = compile_table(tdef, si, cells.len());
                for (ri, row) in table.rows.iter().enumerate() {
                    for (ci, col) in table.columns.iter().enumerate() {
                        let id = format!("{}.{}.{}", table.id, row.id, col.id);
                        if index.insert(id.clone(), cells.len()).is_some() {
                            return Err(bad(format!("单元格 {id} 定义了两次")));
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
        if let Some(t) = def
            .tables
            .iter()
            .find(|t| !tables.iter().any(|c: &Table| c.id == t.id))
        {
            return Err(bad(format!("表格 {} 不属于任何部分", t.id)));
        }
        let mut seen = HashSet::new();
        for s in &def.sections {
            if !seen.insert(s.id.clone()) {
                return Err(bad(format!("部分 {} 定义了两次", s.id)));
            }
        }
        let mut format = Format {
            id: def.id.clone(),
            name: def.name.clone(),
            first_year: def.first_year,
            last_year: None,
            sections: def.sections.clone(),
            tables,
            cells,
            rules: Vec::new(),
            rollover: Vec::new(),
            migrations: Vec::new(),
            summary: def.summary.clone(),
            sentences: super::Sentences::default(),
            derivations: Vec::new(),
            index,
            check_plan: std::sync::OnceLock::new(),
        };
        let mut rule_ids = HashSet::new();
        for rdef in &def.rules {
            if !rule_ids.insert(rdef.id.clone()) {
                return Err(bad(format!("规则 {} 定义了两次", rdef.id)));
            }
            let mut checks = Vec::new();
            for cdef in &rdef.checks {
                let compiled = format
                    .compile_check(&cdef.kind)
                    .map_err(|p| bad(format!("规则 {}：{p}", rdef.id)))?;
                checks.push(Check {
                    compiled,
                    message: cdef.message.clone(),
                    hint: cdef.hint.clone(),
                    blank: cdef.blank.clone(),
                    negative: cdef.negative.clone(),
                });
            }
            format.rules.push(Rule {
                id: rdef.id.clone(),
                severity: rdef.severity,
                title: rdef.title.clone(),
                source: rdef.source.clone(),
                checks,
            });
        }
        for carry in &def.rollover {
            let compiled = format
                .compile_carry(carry)
                .map_err(|p| bad(format!("上年结转（rollover）：{p}")))?;
            format.rollover.extend(compiled);
        }
        format
            .check_summary()
            .map_err(|p| bad(format!("汇总（summary）：{p}")))?;
        format.sentences = format
            .compile_sentences(&def.sentences)
            .map_err(|p| bad(format!("数据句（sentences）：{p}")))?;
        format.derivations = format.order_derivations().map_err(bad)?;
        for (cell, _) in &format.derivations {
            if let Some(info) = format.cells.get_mut(*cell) {
                info.derived = true;
            }
        }
        Ok((format, def.migrations))
    }

    fn compile_check(&self, kind: &CheckKind<String>) -> Result<Compiled, String> {
        Ok(match kind {
            CheckKind::Sum(sum) => CheckKind::Sum(self.sum_instances(&sum.table, &sum.total)?),
            CheckKind::Compare(c) => {
                let mut instances = Vec::new();
                for (elem, label) in self.expand_each(&c.each)? {
                    instances.push(CompareInstance {
                        label,
                        left: self.terms(&c.left, &elem)?,
                        right: self.terms(&c.right, &elem)?,
                    });
                }
                CheckKind::Compare(Comparison {
                    op: c.op,
                    instances,
                })
            }
            CheckKind::NonNegative => CheckKind::NonNegative,
            CheckKind::ValidEntry => CheckKind::ValidEntry,
            CheckKind::Filled => CheckKind::Filled,
            CheckKind::FormatYear => CheckKind::FormatYear,
            CheckKind::ProseFigure(p) => {
                self.known_sections(&p.sections)?;
                CheckKind::ProseFigure(ProseFigure {
                    sections: p.sections.clone(),
                    cues: p.cues.clone(),
                    requires: p.requires.clone(),
                    excludes: p.excludes.clone(),
                    not_units: p.not_units.clone(),
                    cells: self.cell_list(&p.cells)?,
                    name: p.name.clone(),
                })
            }
            CheckKind::ProseZero(z) => {
                self.known_sections(&z.sections)?;
                let subjects = z
                    .subjects
                    .iter()
                    .map(|s| {
                        Ok(ZeroSubject {
                            cue: s.cue.clone(),
                            cells: self.cell_list(&s.cells)?,
                        })
                    })
                    .collect::<Result<_, String>>()?;
                CheckKind::ProseZero(ProseZero {
                    sections: z.sections.clone(),
                    subjects,
                })
            }
            CheckKind::ProseMentions(m) => {
                self.known_sections(std::slice::from_ref(&m.section))?;
                CheckKind::ProseMentions(m.clone())
            }
            CheckKind::ProseSubstance(s) => {
                self.known_sections(std::slice::from_ref(&s.section))?;
                CheckKind::ProseSubstance(s.clone())
            }
            CheckKind::NotCopied(n) => {
                self.known_sections(&n.sections)?;
                CheckKind::NotCopied(n.clone())
            }
            CheckKind::ProseYears(y) => {
                self.known_sections(&y.sections)?;
                CheckKind::ProseYears(y.clone())
            }
            CheckKind::YearJump(j) => {
                if j.factor < 2 {
                    return Err(format!("YearJump 的 factor 应不小于 2，实为 {}", j.factor));
                }
                CheckKind::YearJump(YearJump {
                    cells: self.cell_list(&j.cells)?,
                    factor: j.factor,
                    floor: j.floor,
                })
            }
            CheckKind::StatPeriod(p) => CheckKind::StatPeriod(p.clone()),
            CheckKind::Deadline(d) => {
                for (month, day) in [d.government, d.others] {
                    if !crate::model::report::Date::is_valid_day(2001, month, day) {
                        return Err(format!("期限 {month}月{day}日 不是有效的日期"));
                    }
                }
                CheckKind::Deadline(d.clone())
            }
            CheckKind::ValidDate => CheckKind::ValidDate,
            CheckKind::YearOnYear(y) => {
                self.known_sections(&y.sections)?;
                if y.tolerance.parse::<crate::model::Decimal>().is_err() {
                    return Err(format!("tolerance “{}” 不是数字", y.tolerance));
                }
                let quantities = y
                    .quantities
                    .iter()
                    .map(|q| {
                        Ok(YoyQuantity {
                            base: q.base.clone(),
                            cues: q.cues.clone(),
                            requires: q.requires.clone(),
                            excludes: q.excludes.clone(),
                            cells: self.cell_list(&q.cells)?,
                        })
                    })
                    .collect::<Result<_, String>>()?;
                CheckKind::YearOnYear(YearOnYear {
                    sections: y.sections.clone(),
                    cues: y.cues.clone(),
                    up: y.up.clone(),
                    down: y.down.clone(),
                    same: y.same.clone(),
                    tolerance: y.tolerance.clone(),
                    quantities,
                })
            }
        })
    }

    /// The 汇总 settings name sections of this format and a threshold that is a share.
    fn check_summary(&self) -> Result<(), String> {
        let summary = &self.summary;
        self.known_sections(&summary.similar.sections)?;
        for t in &summary.templates {
            self.known_sections(std::slice::from_ref(&t.section))?;
        }
        let threshold = summary.similar.threshold;
        let share = threshold > 0.0 && threshold <= 1.0;
        if !summary.similar.sections.is_empty() && !share {
            return Err(format!(
                "内容雷同的 threshold 应在 0 与 1 之间，实为 {threshold}"
            ));
        }
        Ok(())
    }

    pub(super) fn known_sections(&self, ids: &[String]) -> Result<(), String> {
        match ids.iter().find(|id| self.section(id).is_none()) {
            Some(id) => Err(format!("没有部分 {id}")),
            None => Ok(()),
        }
    }

    /// The cells a rule's `cells:` list names, in order, each once. An entry is a cell id
    /// (`t3.new.total`) or a pattern of one: `*` in a part of the id matches any text within that
    /// part (`t3.withheld_*.total`, `t4.*.total`), and a row part `{group}` names every data row
    /// under that group of the table (`t3.{withheld}.total`). A pattern that matches no cell is
    /// refused: it is a typo, not an empty list.
    pub(super) fn cell_list(&self, ids: &[String]) -> Result<Vec<CellIx>, String> {
        let mut out: Vec<CellIx> = Vec::new();
        for id in ids {
            if !is_pattern(id) {
                let ix = self.cell_index(id).ok_or_else(|| unknown_cell(id))?;
                if !out.contains(&ix) {
                    out.push(ix);
                }
                continue;
            }
            let matched = self.cells_matching(id)?;
            if matched.is_empty() {
                return Err(format!("单元格模式 {id} 没有对应的单元格"));
            }
            for ix in matched {
                if !out.contains(&ix) {
                    out.push(ix);
                }
            }
        }
        Ok(out)
    }

    /// Every cell a pattern (see [`Self::cell_list`]) matches, in table, row, column order.
    fn cells_matching(&self, pattern: &str) -> Result<Vec<CellIx>, String> {
        let mut parts = pattern.split('.');
        let (Some(tp), Some(rp), Some(cp), None) =
            (parts.next(), parts.next(), parts.next(), parts.next())
        else {
            return Err(format!("单元格模式 {pattern} 不是“表.行.列”的形式"));
        };
        let mut out = Vec::new();
        for table in self.tables.iter().filter(|t| glob(tp, &t.id)) {
            let rows: Vec<usize> = match rp.strip_prefix('{').and_then(|r| r.strip_suffix('}')) {
                Some(group_id) => {
                    let Some(gi) = table.groups.iter().position(|g| g.id == group_id) else {
                        if is_pattern(tp) {
                            continue;
                        }
                        return Err(format!(
                            "单元格模式 {pattern}：表格 {} 没有分组 {group_id}",
                            table.id
                        ));
                    };
                    (0..table.rows.len())
                        .filter(|&r| {
                            table
                                .rows
                                .get(r)
                                .is_some_and(|row| row.groups.contains(&gi))
                        })
                        .collect()
                }
                None => (0..table.rows.len())
                    .filter(|&r| table.rows.get(r).is_some_and(|row| glob(rp, &row.id)))
                    .collect(),
            };
            for r in rows {
                for (c, col) in table.columns.iter().enumerate() {
                    if glob(cp, &col.id) {
                        out.push(table.cell(r, c));
                    }
                }
            }
        }
        Ok(out)
    }

    fn sum_instances(&self, table_id: &str, total: &SumTotal) -> Result<Vec<SumInstance>, String> {
        let table = self
            .table(table_id)
            .ok_or_else(|| unknown_table(table_id))?;
        let mut out = Vec::new();
        match total {
            SumTotal::Column(col_id) => {
                let tc = table
                    .column_index(col_id)
                    .ok_or_else(|| format!("没有列 {table_id}.{col_id}"))?;
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
                    .ok_or_else(|| format!("没有行 {table_id}.{row_id}"))?;
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
                let table = self.table(t).ok_or_else(|| unknown_table(t))?;
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
                let table = self.table(t).ok_or_else(|| unknown_table(t))?;
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
                        .ok_or_else(|| format!("列表项 {item} 不是“表.行”的形式"))?;
                    let table = self.table(t).ok_or_else(|| unknown_table(t))?;
                    let ri = table.row_index(r).ok_or_else(|| format!("没有行 {item}"))?;
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
                        self.cell_index(prev_id).ok_or_else(|| unknown_cell(&id))?;
                        TermCell::Previous(prev_id.to_owned())
                    }
                    None => {
                        TermCell::Current(self.cell_index(&id).ok_or_else(|| unknown_cell(&id))?)
                    }
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
                .ok_or_else(|| unknown_cell(&target_id))?;
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
                if let CheckKind::Sum(instances) = &check.compiled {
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

/// Whether a `cells:` entry is a pattern rather than one cell id.
pub(super) fn is_pattern(id: &str) -> bool {
    id.contains(['*', '{'])
}

/// Whether `text` matches `pattern`, where `*` stands for any text (also none).
fn glob(pattern: &str, text: &str) -> bool {
    let mut pieces = pattern.split('*');
    let Some(first) = pieces.next() else {
        return pattern == text;
    };
    let Some(mut rest) = text.strip_prefix(first) else {
        return false;
    };
    let pieces: Vec<&str> = pieces.collect();
    let Some((last, middle)) = pieces.split_last() else {
        return rest.is_empty();
    };
    for piece in middle {
        match rest.find(piece) {
            Some(at) => rest = rest.get(at + piece.len()..).unwrap_or(""),
            None => return false,
        }
    }
    rest.len() >= last.len() && rest.ends_with(last)
}

fn unknown_cell(id: &str) -> String {
    format!("没有单元格 {id}")
}

fn unknown_table(id: &str) -> String {
    format!("没有表格 {id}")
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
            return Err(format!("合计单元格 {} 依赖于它自己", format.cell_id(cell)));
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
            RowNode::Row { id, label, aliases } => rows.push(Row {
                id: id.clone(),
                label: label.clone(),
                aliases: aliases.clone(),
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
#[path = "compile_tests.rs"]
mod tests;
