//! The table reader's notes: a row read under another label, text that is no label of the
//! format, and what a table lacks once it is read (rows not found, blanks, “/”).

use super::near::near_miss_of;
use super::*;

impl Walker<'_, '_> {
    /// The one note for a row read under a label the format does not print: naming what was
    /// printed and the row it went to. Where the alias is the label of one of the row's own
    /// groups (a table printing the group as one row, as an older format did), the other rows
    /// of the group are left blank, and the note says so instead of a note for each.
    pub(super) fn note_printed(&mut self, t: usize, r: usize, printed: Printed) {
        let Some(table) = self.format.tables.get(t) else {
            return;
        };
        let Some(row) = table.rows.get(r) else {
            return;
        };
        let section = Some(table_section(self.format, table));
        let text = match printed {
            Printed::Near(raw, differ) => format!(
                "{}原文的行名“{raw}”不是本格式的行名，与“{}”只差 {differ} 个字，已按该行导入，请核对是否为同一行",
                table.name, row.label
            ),
            Printed::Renumbered(raw) => {
                if let Some(state) = self.state.get_mut(t) {
                    state.renumbered.push((raw.to_owned(), r));
                }
                return;
            }
            Printed::Alias(raw) => {
                let key = label_key(raw);
                let split = row.groups.iter().copied().find(|&g| {
                    table.groups.get(g).is_some_and(|group| {
                        let own = label_key(&group.label);
                        own == key || without_notes(&own) == without_notes(&key)
                    })
                });
                match split.and_then(|g| table.groups.get(g)) {
                    Some(group) => {
                        let state = self.state.get_mut(t);
                        let mut others: Vec<usize> = Vec::new();
                        if let Some(state) = state {
                            for x in group.first_row..group.first_row + group.row_count {
                                if x == r || state.rows_seen.get(x) == Some(&true) {
                                    continue;
                                }
                                if let Some(c) = state.rows_covered.get_mut(x) {
                                    *c = true;
                                }
                                others.push(x);
                            }
                        }
                        // Counts are never negative: where the one printed row is 0, each of
                        // the group's rows is 0 too. Elsewhere the split is the clerk's to make.
                        let zero_columns: Vec<usize> = (0..table.columns.len())
                            .filter(|&c| {
                                self.report
                                    .entry(table.cell(r, c))
                                    .is_some_and(|v| v.number().is_some_and(|d| d.is_zero()))
                            })
                            .collect();
                        for &x in &others {
                            for &c in &zero_columns {
                                let cell = table.cell(x, c);
                                let kind = self
                                    .format
                                    .cell(cell)
                                    .map_or(CellKind::Count, |info| info.kind);
                                self.report.set(cell, Some(CellValue::zero(kind)));
                            }
                        }
                        let names: Vec<String> = others
                            .iter()
                            .filter_map(|&x| table.rows.get(x))
                            .map(|other| format!("“{}”", other.label))
                            .collect();
                        let left = if names.is_empty() {
                            String::new()
                        } else if zero_columns.len() == table.columns.len() {
                            format!("；原文这一行各栏均为 0，{}行也填为 0", names.join("、"))
                        } else if zero_columns.is_empty() {
                            format!("；{}行留空", names.join("、"))
                        } else {
                            format!("；{}行在原文为 0 的栏填 0，其余栏留空", names.join("、"))
                        };
                        format!(
                            "{}原文的“{raw}”只有一行、没有分项（旧格式的样式），其数据已导入“{}”行{left}，请核对，并按实际情况分到各项",
                            table.name, row.label
                        )
                    }
                    None => format!(
                        "{}原文的行名“{raw}”是本格式“{}”行的另一种写法，已按该行导入，请核对",
                        table.name, row.label
                    ),
                }
            }
        };
        self.notes.add(None, section, text);
    }

    /// Text in a table that is no label of the format: a column header or a row a province
    /// added (kept as a note, with its values), or a stray cell.
    pub(super) fn unknown(&mut self, i: usize) -> usize {
        let Some(tok) = self.tokens.get(i) else {
            return i + 1;
        };
        // A typo in the header of the column that comes next (`先行有效件数`): that column,
        // by the near-miss rule of row labels.
        if let Some(t) = self.current
            && let Some(c) = self.header_before(t, i)
            && let Some(table) = self.format.tables.get(t)
            && table.layout == Layout::Rows
            && let Some(next) = table.columns.get(c + 1)
            && let Some(differ) = near_miss_of(&tok.key, &next.label)
        {
            let section = Some(table_section(self.format, table));
            self.notes.add(
                None,
                section,
                format!(
                    "{}表头“{}”不是本格式的栏目名，与“{}”只差 {differ} 个字，已按该栏导入，请核对是否为同一栏",
                    table.name,
                    tok.raw.trim(),
                    next.label
                ),
            );
            return i + 1;
        }
        if let Some(t) = self.current
            && let Some(c) = self.header_before(t, i)
            && let Some(table) = self.format.tables.get(t)
            && table.layout == Layout::Rows
            && let Some(state) = self.state.get_mut(t)
            && state.extra_column_after.is_none()
        {
            state.extra_column_after = Some(c);
            let column = table.columns.get(c).map_or("", |col| col.label.as_str());
            let section = Some(table_section(self.format, table));
            self.notes.add(
                None,
                section,
                format!(
                    "{}表头有本格式没有的栏目“{}”（在“{column}”之后），该栏的数据不导入；本格式的各栏已照常导入，请核对",
                    table.name,
                    tok.raw.trim()
                ),
            );
            return i + 1;
        }
        match self.near_miss(&tok.key).filter(|_| !is_value(tok.raw)) {
            Some((t, Near::Row(r, differ))) => {
                self.last_label = Some(tok.raw.trim());
                return self.row(t, r, i + 1, Some(Printed::Near(tok.raw.trim(), differ)));
            }
            Some((t, Near::Renumbered(r))) => {
                self.last_label = Some(tok.raw.trim());
                return self.row(t, r, i + 1, Some(Printed::Renumbered(tok.raw.trim())));
            }
            // A group label carries no figures: read as the group, nothing to note.
            Some((t, Near::Group(g))) => {
                self.enter_group(t, g);
                return i + 1;
            }
            None => {}
        }
        // Bounded, so a huge row of stray cells stays linear.
        let rest: Vec<&str> = (i + 1..)
            .map_while(|k| {
                self.tokens
                    .get(k)
                    .filter(|t| t.row == tok.row)
                    .map(|t| (k, t))
            })
            .take(MAX_EXTRA_ROW_CELLS + 1)
            .take_while(|&(k, _)| self.match_label(k).is_none())
            .map(|(_, t)| t.raw)
            .collect();
        let section = self
            .current
            .and_then(|t| self.format.tables.get(t))
            .map(|table| table_section(self.format, table));
        let in_rows_table = self
            .current
            .and_then(|t| self.format.tables.get(t))
            .filter(|table| table.layout == Layout::Rows);
        let all_values = rest.iter().all(|v| is_value(v));
        match in_rows_table {
            Some(table)
                if !rest.is_empty()
                    && rest.len() <= MAX_EXTRA_ROW_CELLS
                    && all_values
                    && !is_value(tok.raw) =>
            {
                let shown: Vec<&str> = rest.iter().map(|v| v.trim()).collect();
                self.notes.add(
                    None,
                    section,
                    format!(
                        "{}中有本格式没有的一行“{}”（{}），可能是地方增加的行，已保留在此提示中，未导入表格；如是本格式某一行的另一种写法，请把数字填入该行",
                        table.name,
                        tok.raw.trim(),
                        shown.join("、")
                    ),
                );
                i + 1 + rest.len()
            }
            _ if self.notes.is_full() => {
                self.notes.count_dropped();
                i + 1
            }
            // Figures with no row label before them: one note for the row, never calling a
            // figure a label.
            _ if is_value(tok.raw) && all_values => {
                let mut shown: Vec<&str> = std::iter::once(tok.raw)
                    .chain(rest.iter().copied())
                    .map(str::trim)
                    .filter(|v| !v.is_empty())
                    .take(MAX_SHOWN)
                    .collect();
                if rest.len() + 1 > MAX_SHOWN {
                    shown.push("…");
                }
                let place = match (self.last_label, in_rows_table) {
                    (Some(label), Some(_)) => format!("（在“{label}”行之后）"),
                    _ => String::new(),
                };
                let table = self
                    .current
                    .and_then(|t| self.format.tables.get(t))
                    .map_or("表格", |table| table.name.as_str());
                self.notes.add(
                    None,
                    section,
                    format!(
                        "{table}中有一行数字（{}）{place}前面没有能对应的行名，未导入；请核对原文这一行属于哪一行，再填入表格",
                        shown.join("、")
                    ),
                );
                i + 1 + rest.len()
            }
            _ => {
                self.notes.add(
                    None,
                    section,
                    format!(
                        "表格中的“{}”无法对应到报告格式，未导入；请核对原文这一格是否应填入表格",
                        tok.raw.trim()
                    ),
                );
                i + 1
            }
        }
    }

    /// Notes for tables and rows not found, and for blank cells; returns the rows found.
    pub(super) fn finish(self) -> usize {
        let mut found = 0;
        for (ti, table) in self.format.tables.iter().enumerate() {
            let Some(state) = self.state.get(ti) else {
                continue;
            };
            let section = Some(table_section(self.format, table));
            let seen = state.rows_seen.iter().filter(|&&s| s).count();
            found += seen;
            if seen == 0 {
                self.notes.add(
                    None,
                    section,
                    format!("没有找到{}，其单元格留空，请对照原文补填", table.name),
                );
                continue;
            }
            let missing: Vec<usize> = (0..table.rows.len())
                .filter(|&ri| {
                    state.rows_seen.get(ri) == Some(&false)
                        && state.rows_covered.get(ri) != Some(&true)
                })
                .collect();
            each_or_all(
                self.notes,
                &section,
                &missing,
                |&ri| {
                    format!(
                        "没有找到{}“{}”行，该行留空，请对照原文补填",
                        table.name,
                        table.row_path_label(ri)
                    )
                },
                |all| {
                    let labels: Vec<String> = all
                        .iter()
                        .take(MAX_SHOWN)
                        .map(|&ri| format!("“{}”", table.row_path_label(ri)))
                        .collect();
                    let more = if all.len() > MAX_SHOWN { "等" } else { "" };
                    format!(
                        "没有找到{}的 {} 行（{}{more}），这些行留空，请对照原文补填",
                        table.name,
                        all.len(),
                        labels.join("、")
                    )
                },
            );
            let renumbered = |&(ref raw, ri): &(String, usize)| {
                let label = table.rows.get(ri).map_or("", |row| row.label.as_str());
                format!("“{raw}”按本格式的“{label}”")
            };
            each_or_all(
                self.notes,
                &section,
                &state.renumbered,
                |one| {
                    format!(
                        "{}原文的行名{}导入（文字相同、序号不同），请核对是否为同一行",
                        table.name,
                        renumbered(one)
                    )
                },
                |all| {
                    let shown: Vec<String> = all.iter().take(3).map(renumbered).collect();
                    format!(
                        "{}有 {} 行的行名与本格式文字相同、序号不同（可能是自动编号重新起编或序号有误），已按文字导入，如{}等，请核对",
                        table.name,
                        all.len(),
                        shown.join("、")
                    )
                },
            );
            each_or_all(
                self.notes,
                &section,
                &state.short,
                |s| {
                    format!(
                        "{}只找到 {} 个数据，应有 {} 个；缺少的单元格留空，请核对",
                        s.what, s.found, s.wanted
                    )
                },
                |all| {
                    let empty = all.iter().filter(|s| s.found == 0).count();
                    let shown: Vec<String> = all
                        .iter()
                        .take(3)
                        .map(|s| format!("{}只找到 {} 个，应有 {} 个", s.what, s.found, s.wanted))
                        .collect();
                    let empty = if empty > 0 {
                        format!("，其中 {empty} 行一个数据也没有（原文可能是空白单元格）")
                    } else {
                        String::new()
                    };
                    format!(
                        "{}有 {} 行的数据不全{empty}，如{}等；缺少的单元格留空，请对照原文核对",
                        table.name,
                        all.len(),
                        shown.join("；")
                    )
                },
            );
            if state.blanks > 0 {
                self.notes.add(
                    None,
                    section.clone(),
                    format!(
                        "{}有 {} 个单元格在原文中是空白，已按空白导入（没有改成 0），请核对是否应填 0",
                        table.name, state.blanks
                    ),
                );
            }
            if state.not_applicable > 0 {
                self.notes.add(
                    None,
                    section,
                    format!(
                        "{}有 {} 个单元格在原文中填的是“/”或“-”，已按“/”导入，请核对是否应填 0",
                        table.name, state.not_applicable
                    ),
                );
            }
        }
        found
    }
}

/// A table's notes on `items` (rows not found, renumbered, short of figures): one note each
/// when there are at most [`MAX_MISSING_ROWS_LISTED`], else one note for them all.
fn each_or_all<T>(
    notes: &mut Notes,
    section: &Option<String>,
    items: &[T],
    each: impl Fn(&T) -> String,
    all: impl FnOnce(&[T]) -> String,
) {
    if items.len() > MAX_MISSING_ROWS_LISTED {
        notes.add(None, section.clone(), all(items));
    } else {
        for item in items {
            notes.add(None, section.clone(), each(item));
        }
    }
}
