//! The format reference: one Markdown document per format (`docs/format-<id>.md`), written from
//! its file, so that the section, table, row, column, cell and rule ids the code, the tests and
//! `nianbao check --json` use are listed in the repository with each rule's source.
//!
//! Pure: the caller gives the format files' text; `tests/format_reference.rs` compares the result
//! with the committed `docs/` files (and rewrites them with `NIANBAO_BLESS=1`). The checks are
//! described from the file as written (cell patterns with `*`, `prev.`) and their cells from the
//! compiled format (every id resolved, derived totals marked).

use std::fmt::Write;

use super::compile::read_def;
use super::def::{
    CarryDef, CellKind, CheckDef, CheckKind, Each, FormatDef, Layout, MigrationDef, MoneyUnit, Op,
    ProseKind, SumTotal,
};
use super::{CellIx, Check, Format, FormatError, Registry, Rule, Table};

/// The document's file name in `docs/` for format `id`: `format-gb2021.md`.
pub fn file_name(id: &str) -> String {
    format!("format-{id}.md")
}

/// The reference of every format of a set of format files (file name, text), as
/// (file name in `docs/`, Markdown), in the order given.
pub fn references(sources: &[(&str, &str)]) -> Result<Vec<(String, String)>, FormatError> {
    let registry = Registry::from_sources(sources)?;
    let mut out = Vec::new();
    for &(file, text) in sources {
        let def = read_def(file, text)?;
        if let Some(format) = registry.by_id(&def.id) {
            out.push((file_name(&def.id), reference(format, &def, file)));
        }
    }
    Ok(out)
}

/// The Markdown reference of `format`, compiled from `def`, read from `file`
/// (`gb2021.ron`).
pub fn reference(format: &Format, def: &FormatDef, file: &str) -> String {
    let mut out = String::new();
    let _ = writeln!(out, "# 报告格式 `{}`：{}", format.id, format.name);
    let _ = writeln!(out);
    let _ = writeln!(
        out,
        "<!-- Generated from assets/formats/{file} by src/model/format/reference.rs. Do not edit: \
         change the format file, then run `NIANBAO_BLESS=1 cargo test --test format_reference`. -->"
    );
    let _ = writeln!(out);
    let _ = writeln!(
        out,
        "Every section, table, row, column, cell id and rule of `assets/formats/{file}`, as the \
         grid, the checker, the exports, the importer, the rollover and the 汇总 read them. Rule \
         and cell ids are those of `nianbao check --json` and of the tests. In a rule's source, \
         `[Sx]` and `§` are the source list and sections of the team's FORMAT.md."
    );
    let _ = writeln!(out);
    let years = match format.last_year {
        Some(last) => format!("{}–{last}", format.first_year),
        None => format!("{} onwards", format.first_year),
    };
    let derived = format.cells.iter().filter(|c| c.derived).count();
    let _ = writeln!(out, "- Reports on: {years}");
    let _ = writeln!(
        out,
        "- {} sections, {} tables, {} cells ({derived} of them totals the program computes), {} rules",
        format.sections.len(),
        format.tables.len(),
        format.cells.len(),
        format.rules.len()
    );
    let _ = writeln!(out);
    sections(&mut out, format);
    tables(&mut out, format);
    rules(&mut out, format, def);
    rollover(&mut out, format, &def.rollover);
    migrations(&mut out, &def.migrations);
    summary(&mut out, format);
    sentences(&mut out, format);
    out
}

fn sections(out: &mut String, format: &Format) {
    let _ = writeln!(out, "## Sections");
    let _ = writeln!(out);
    let _ = writeln!(
        out,
        "| id | heading | other titles read on import | tables | prose | sub-headings |"
    );
    let _ = writeln!(out, "|---|---|---|---|---|---|");
    for s in &format.sections {
        let prose = match s.prose {
            ProseKind::Main => "the section's text",
            ProseKind::Optional => "an optional note",
        };
        let _ = writeln!(
            out,
            "| `{}` | {} | {} | {} | {prose} | {} |",
            s.id,
            cell_text(&format.section_heading(s)),
            list_or_dash(s.aliases.iter().map(|a| cell_text(a)), "<br>"),
            list_or_dash(s.tables.iter().map(|t| format!("`{t}`")), ", "),
            list_or_dash(s.sub_blocks.iter().map(|b| cell_text(b)), "<br>"),
        );
    }
    let _ = writeln!(out);
}

fn tables(out: &mut String, format: &Format) {
    let _ = writeln!(out, "## Tables");
    for table in &format.tables {
        let _ = writeln!(out);
        let _ = writeln!(out, "### `{}` {}", table.id, table.name);
        let _ = writeln!(out);
        let section = format
            .sections
            .get(table.section)
            .map_or_else(String::new, |s| format!("{} (`{}`)", s.number, s.id));
        let layout = match table.layout {
            Layout::Rows => format!(
                "one printed row per data row, the row labels in {} column(s)",
                table.label_columns
            ),
            Layout::SingleRow => {
                "all data rows side by side in one printed row, their labels in the header"
                    .to_owned()
            }
        };
        let _ = writeln!(out, "- Section: {section}");
        if !table.caption.is_empty() {
            let _ = writeln!(out, "- Caption: {}", table.caption);
        }
        if !table.corner.is_empty() {
            let _ = writeln!(out, "- Corner cell: {}", table.corner);
        }
        let _ = writeln!(out, "- Layout: {layout}");
        let _ = writeln!(out);
        let _ = writeln!(out, "| column | label | above it | holds |");
        let _ = writeln!(out, "|---|---|---|---|");
        for c in &table.columns {
            let _ = writeln!(
                out,
                "| `{}` | {} | {} | {} |",
                c.id,
                cell_text(&c.label),
                list_or_dash(c.path.iter().map(|p| cell_text(p)), " › "),
                kind_text(c.kind)
            );
        }
        let _ = writeln!(out);
        let _ = writeln!(
            out,
            "| row | label | in the groups | other labels read on import |"
        );
        let _ = writeln!(out, "|---|---|---|---|");
        for r in &table.rows {
            let groups = r
                .groups
                .iter()
                .filter_map(|&g| table.groups.get(g))
                .map(|g| format!("{} (`{}`)", cell_text(&g.label), g.id));
            let _ = writeln!(
                out,
                "| `{}` | {} | {} | {} |",
                r.id,
                cell_text(&r.label),
                list_or_dash(groups, " › "),
                list_or_dash(r.aliases.iter().map(|a| cell_text(a)), "<br>")
            );
        }
        let _ = writeln!(out);
        cell_ids(out, format, table);
    }
    let _ = writeln!(out);
}

/// The cell ids of a table as a grid, a computed total marked Σ.
fn cell_ids(out: &mut String, format: &Format, table: &Table) {
    let _ = writeln!(
        out,
        "Cell ids (Σ: a total the program computes from other cells):"
    );
    let _ = writeln!(out);
    let header: Vec<String> = table
        .columns
        .iter()
        .map(|c| format!("`{}`", c.id))
        .collect();
    let _ = writeln!(out, "| row | {} |", header.join(" | "));
    let _ = writeln!(out, "|---|{}", "---|".repeat(table.columns.len()));
    for (ri, row) in table.rows.iter().enumerate() {
        let ids: Vec<String> = (0..table.columns.len())
            .map(|ci| {
                let ix = table.cell(ri, ci);
                let mark = if format.cell(ix).is_some_and(|c| c.derived) {
                    " Σ"
                } else {
                    ""
                };
                format!("`{}`{mark}", format.cell_id(ix))
            })
            .collect();
        let _ = writeln!(out, "| `{}` | {} |", row.id, ids.join(" | "));
    }
}

fn rules(out: &mut String, format: &Format, def: &FormatDef) {
    let _ = writeln!(out, "## Rules");
    let _ = writeln!(out);
    let _ = writeln!(out, "| id | severity | rule | source |");
    let _ = writeln!(out, "|---|---|---|---|");
    for rule in &format.rules {
        let _ = writeln!(
            out,
            "| [`{}`](#{}) | {} | {} | {} |",
            rule.id,
            rule.id.to_lowercase(),
            rule.severity.label(),
            cell_text(&rule.title),
            cell_text(or_dash(&rule.source))
        );
    }
    for rule in &format.rules {
        let Some(rdef) = def.rules.iter().find(|r| r.id == rule.id) else {
            continue;
        };
        rule_details(out, format, rule, &rdef.checks);
    }
    let _ = writeln!(out);
}

fn rule_details(out: &mut String, format: &Format, rule: &Rule, checks: &[CheckDef]) {
    let _ = writeln!(out);
    let _ = writeln!(out, "### {}", rule.id);
    let _ = writeln!(out);
    let _ = writeln!(out, "{}", rule.title);
    let _ = writeln!(out);
    let _ = writeln!(out, "- Severity: {}", rule.severity.label());
    let _ = writeln!(out, "- Source: {}", or_dash(&rule.source));
    for (i, (cdef, check)) in checks.iter().zip(&rule.checks).enumerate() {
        let _ = writeln!(out, "- Check {}: {}", i + 1, check_text(&cdef.kind, check));
        let cells = check_cells(check);
        if !cells.is_empty() {
            let ids: Vec<String> = cells
                .iter()
                .map(|&ix| format!("`{}`", format.cell_id(ix)))
                .collect();
            let _ = writeln!(out, "  - Cells: {}", ids.join(", "));
        }
        let _ = writeln!(out, "  - Message: `{}`", cdef.message);
        if !cdef.hint.is_empty() {
            let _ = writeln!(out, "  - Hint: `{}`", cdef.hint);
        }
        if !cdef.negative.is_empty() {
            let _ = writeln!(
                out,
                "  - Message when the expected figure is negative: `{}`",
                cdef.negative
            );
        }
    }
}

/// What a check tests, in words, from the check as written and its compiled instances.
fn check_text(kind: &CheckKind<String>, check: &Check) -> String {
    let instances = match &check.compiled {
        CheckKind::Sum(i) => i.len(),
        CheckKind::Compare(c) => c.instances.len(),
        _ => 0,
    };
    match kind {
        CheckKind::Sum(sum) => match &sum.total {
            SumTotal::Column(c) => format!(
                "in each row of `{}` ({instances}), column `{c}` is the sum of the other \
                 columns (computed).",
                sum.table
            ),
            SumTotal::Row(r) => format!(
                "in each column of `{}` ({instances}), row `{r}` is the sum of the other rows \
                 of its group (computed).",
                sum.table
            ),
        },
        CheckKind::Compare(c) => format!(
            "for {} ({instances}): {} {} {}.",
            each_text(&c.each),
            terms_text(&c.left),
            op_text(c.op),
            terms_text(&c.right)
        ),
        CheckKind::NonNegative => {
            "every count and amount is ≥ 0 (signed cells may be negative).".to_owned()
        }
        CheckKind::ValidEntry => "every entry is a number.".to_owned(),
        CheckKind::Filled => "no cell is blank or “/” (one finding per table).".to_owned(),
        CheckKind::FormatYear => {
            "the report's year is one this format is used for (see “Reports on”).".to_owned()
        }
        CheckKind::ProseFigure(p) => {
            let mut text = format!(
                "a figure in the prose of {} after {}",
                ids_text(&p.sections),
                words_text(&p.cues)
            );
            if !p.requires.is_empty() {
                let _ = write!(text, ", in a clause with {}", words_text(&p.requires));
            }
            if !p.excludes.is_empty() {
                let _ = write!(text, ", not in one with {}", words_text(&p.excludes));
            }
            if !p.not_units.is_empty() {
                let _ = write!(text, ", not counted in {}", words_text(&p.not_units));
            }
            text.push_str(", equals the sum of the cells.");
            text
        }
        CheckKind::ProseZero(z) => {
            let subjects: Vec<String> = z.subjects.iter().map(|s| format!("“{}”", s.cue)).collect();
            format!(
                "a clause in {} saying {} is zero (均为0 …) means its cells are all 0.",
                ids_text(&z.sections),
                subjects.join(" or ")
            )
        }
        CheckKind::ProseMentions(m) => {
            let groups: Vec<String> = m.groups.iter().map(|g| words_text(g)).collect();
            format!(
                "section `{}` mentions each of: {}.",
                m.section,
                groups.join("; ")
            )
        }
        CheckKind::ProseSubstance(s) => format!(
            "section `{}` has at least {} characters besides spaces and is not {}.",
            s.section,
            s.min_chars,
            words_text(&s.forbidden)
        ),
        CheckKind::NotCopied(n) => format!(
            "the prose of {} is not last year's unchanged.",
            ids_text(&n.sections)
        ),
        CheckKind::ProseYears(y) => format!(
            "a year named in {} is the report year, or up to {} before or {} after it \
             (N年以来, years in 《》, “” or 〔〕, clauses with {} and ranges reaching the \
             allowed years do not count).",
            ids_text(&y.sections),
            y.before,
            y.after,
            words_text(&y.periods)
        ),
        CheckKind::YearJump(j) => format!(
            "with last year's report: each cell did not grow to {0} times last year's or fall to \
             1/{0} of it, where the larger figure is at least {1}.",
            j.factor, j.floor
        ),
        CheckKind::StatPeriod(p) => format!(
            "the 统计期限 the preamble states after {} is 1月1日–12月31日 of the report year.",
            words_text(&p.cues)
        ),
        CheckKind::Deadline(d) => format!(
            "the 成文日期 is no later than {}月{}日 of the next year for a report of a {} (an \
             agency ending in {}), {}月{}日 for every other report ({}).",
            d.government.0,
            d.government.1,
            d.government_kind,
            words_text(&d.government_endings),
            d.others.0,
            d.others.1,
            d.others_kind
        ),
        CheckKind::ValidDate => "the 成文日期 is a real date.".to_owned(),
        CheckKind::YearOnYear(y) => {
            let bases: Vec<String> = y
                .quantities
                .iter()
                .map(|q| {
                    let mut text = format!("{} (after {}", q.base, words_text(&q.cues));
                    if !q.requires.is_empty() {
                        let _ = write!(text, ", with {}", words_text(&q.requires));
                    }
                    if !q.excludes.is_empty() {
                        let _ = write!(text, ", not with {}", words_text(&q.excludes));
                    }
                    let _ = write!(text, ": {})", ids_text(&q.cells));
                    text
                })
                .collect();
            format!(
                "with last year's report: a change in the prose of {} after {} ({} / {} X%, or \
                 {}) equals (this year − last year) ÷ last year × 100% of the quantity the phrase \
                 names, within {} percentage point (or rounded to the decimals written): {}.",
                ids_text(&y.sections),
                words_text(&y.cues),
                words_text(&y.up),
                words_text(&y.down),
                words_text(&y.same),
                y.tolerance,
                bases.join("; ")
            )
        }
    }
}

/// The cells a check names one by one (resolved), in order; empty for checks over whole tables.
fn check_cells(check: &Check) -> Vec<CellIx> {
    match &check.compiled {
        CheckKind::ProseFigure(p) => p.cells.clone(),
        CheckKind::ProseZero(z) => z.subjects.iter().flat_map(|s| s.cells.clone()).collect(),
        CheckKind::YearJump(j) => j.cells.clone(),
        CheckKind::YearOnYear(y) => {
            let mut cells: Vec<CellIx> = Vec::new();
            for c in y.quantities.iter().flat_map(|q| &q.cells) {
                if !cells.contains(c) {
                    cells.push(*c);
                }
            }
            cells
        }
        _ => Vec::new(),
    }
}

fn each_text(each: &Each) -> String {
    match each {
        Each::Rows(t) => format!("each row `*` of `{t}`"),
        Each::Columns(t) => format!("each column `*` of `{t}`"),
        Each::List(items) => format!("each `*` of {}", ids_text(items)),
    }
}

/// `a + b − c` with `prev.` spelled out; `0` for no terms.
fn terms_text(terms: &[String]) -> String {
    if terms.is_empty() {
        return "0".to_owned();
    }
    let mut out = String::new();
    for (i, term) in terms.iter().enumerate() {
        let (minus, id) = match term.strip_prefix('-') {
            Some(rest) => (true, rest),
            None => (false, term.as_str()),
        };
        let shown = match id.strip_prefix("prev.") {
            Some(prev) => format!("last year's `{prev}`"),
            None => format!("`{id}`"),
        };
        match (i, minus) {
            (0, false) => {}
            (0, true) => out.push_str("− "),
            (_, false) => out.push_str(" + "),
            (_, true) => out.push_str(" − "),
        }
        out.push_str(&shown);
    }
    out
}

fn op_text(op: Op) -> &'static str {
    match op {
        Op::Eq => "=",
        Op::Ge => "≥",
        Op::Le => "≤",
    }
}

fn rollover(out: &mut String, format: &Format, carries: &[CarryDef]) {
    let _ = writeln!(out, "## Rollover");
    let _ = writeln!(out);
    let _ = writeln!(
        out,
        "What next year's draft takes from this year's report ({} cells); every other figure \
         starts blank.",
        format.rollover.len()
    );
    let _ = writeln!(out);
    if carries.is_empty() {
        let _ = writeln!(out, "- nothing");
    }
    for c in carries {
        let _ = writeln!(
            out,
            "- for {}: `{}` := {}",
            each_text(&c.each),
            c.to,
            terms_text(
                &c.from
                    .iter()
                    .map(|t| format!("prev.{t}"))
                    .collect::<Vec<_>>()
            )
        );
    }
    let _ = writeln!(out);
}

fn migrations(out: &mut String, migrations: &[MigrationDef]) {
    let _ = writeln!(out, "## Migrations");
    let _ = writeln!(out);
    if migrations.is_empty() {
        let _ = writeln!(out, "No older format moves into this one.");
        let _ = writeln!(out);
    }
    for m in migrations {
        let _ = writeln!(out, "### From `{}`", m.from);
        let _ = writeln!(out);
        if !m.moves.is_empty() {
            let _ = writeln!(out, "| old cell | new cell | note |");
            let _ = writeln!(out, "|---|---|---|");
            for mv in &m.moves {
                let to = mv
                    .to
                    .as_ref()
                    .map_or_else(|| "dropped".to_owned(), |t| format!("`{t}`"));
                let _ = writeln!(out, "| `{}` | {to} | {} |", mv.from, cell_text(&mv.note));
            }
            let _ = writeln!(out);
        }
        if !m.added.is_empty() {
            let _ = writeln!(out, "| new cell | note |");
            let _ = writeln!(out, "|---|---|");
            for a in &m.added {
                let _ = writeln!(out, "| `{}` | {} |", a.cell, cell_text(&a.note));
            }
            let _ = writeln!(out);
        }
        for p in &m.prose {
            let _ = writeln!(out, "- Section `{}`: {}", p.section, p.note);
        }
        if !m.prose.is_empty() {
            let _ = writeln!(out);
        }
    }
}

fn summary(out: &mut String, format: &Format) {
    let s = &format.summary;
    let _ = writeln!(out, "## 汇总");
    let _ = writeln!(out);
    if s.similar.sections.is_empty() {
        let _ = writeln!(out, "- 内容雷同: no section is compared.");
    } else {
        let _ = writeln!(
            out,
            "- 内容雷同: {} of two units' reports are compared (character 4-grams, figures, unit \
             names and sub-headings masked); a section shorter than {} characters is not; \
             from an overlap of {:.0}% the pair is listed.",
            ids_text(&s.similar.sections),
            s.similar.min_chars,
            s.similar.threshold * 100.0
        );
    }
    for t in &s.templates {
        let _ = writeln!(
            out,
            "- The total's section `{}` starts as `{}`.",
            t.section,
            t.text.replace('\n', "\\n")
        );
    }
}

/// The data sentences (`sentences:`): how a field reads, then each template as written.
fn sentences(out: &mut String, format: &Format) {
    let s = &format.sentences;
    if s.templates.is_empty() {
        return;
    }
    let _ = writeln!(out);
    let _ = writeln!(out, "## 数据句");
    let _ = writeln!(out);
    let _ = writeln!(
        out,
        "The standard data sentences (`nianbao sentences FILE`, src/model/sentences). In a \
         template, `{{…}}` is a field: cell ids or patterns joined by `+` / `-` (a pattern adds \
         its cells as a total does; any blank operand of `+` makes the field blank), or `yoy(…)`, \
         the change against last year's figure; `[…]` is left out where a `yoy` in it has no \
         basis (no last year's figures, or last year's is 0). A blank field shows `{}`; a `yoy` \
         with no basis outside `[…]` shows `{}`; a change is written `{}`, `{}` or `{}`.",
        s.blank, s.no_base, s.up, s.down, s.same
    );
    let _ = writeln!(out);
    if !s.note.is_empty() {
        let _ = writeln!(out, "填报说明: {}", s.note);
        let _ = writeln!(out);
    }
    let _ = writeln!(out, "| id | section | label | text |");
    let _ = writeln!(out, "|---|---|---|---|");
    for t in &s.templates {
        let _ = writeln!(
            out,
            "| `{}` | `{}` | {} | {} |",
            t.id,
            t.section,
            t.label,
            cell_text(&t.source)
        );
    }
}

fn kind_text(kind: CellKind) -> &'static str {
    match kind {
        CellKind::Count => "a count (integer ≥ 0)",
        CellKind::Signed => "a signed integer",
        CellKind::Money(MoneyUnit::Wan) => "an amount in 万元",
        CellKind::Money(MoneyUnit::Yuan) => "an amount in 元",
    }
}

fn ids_text(ids: &[String]) -> String {
    let shown: Vec<String> = ids.iter().map(|id| format!("`{id}`")).collect();
    shown.join(", ")
}

fn words_text(words: &[String]) -> String {
    let shown: Vec<String> = words.iter().map(|w| format!("“{w}”")).collect();
    shown.join(" / ")
}

fn list_or_dash(items: impl Iterator<Item = String>, separator: &str) -> String {
    let items: Vec<String> = items.collect();
    if items.is_empty() {
        "—".to_owned()
    } else {
        items.join(separator)
    }
}

fn or_dash(text: &str) -> &str {
    if text.is_empty() { "—" } else { text }
}

/// Text for a Markdown table cell: `|` escaped, line breaks as `<br>`.
fn cell_text(text: &str) -> String {
    text.replace('|', "\\|").replace('\n', "<br>")
}
