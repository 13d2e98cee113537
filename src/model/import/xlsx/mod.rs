//! Reading an Excel workbook (`.xlsx`, or the old `.xls`) into a draft, in memory.
//!
//! The workbook is opened with `calamine` from a `Cursor` (no file I/O here), after [`guard`]
//! has checked what calamine would otherwise trust: the sizes a hostile file claims (a shared
//! string count, a sheet's dimensions, cells far apart), since a grid or table that large
//! would be allocated before a cell is read. Every sheet's cells, merged cells resolved, become
//! the `.docx` reader's paragraphs and tables: a row of two or more filled cells is a table
//! row, a row holding one text (a report's prose as Excel or WPS keeps a web page, one
//! paragraph a row) is a paragraph, unless it sits between table rows or is the label of a
//! data row. The sheets of one workbook, in order, make one report through the same
//! label-driven assembly as every other reader. Our own 汇总 明细 (a row of the format's cell
//! ids) is not a report and is refused, saying what to open.

pub(crate) mod guard;

use std::collections::HashMap;
use std::io::Cursor;

use calamine::{Data, DataRef, Dimensions, Reader, Xls, Xlsx};

use super::docx::body::{Cell, Merge, Node, Para, Row, Table};
use super::{Block, ImportError, Importer, Source};
use crate::model::report::{Note, NoteKind, Report};
use crate::model::value::is_space;

/// Filled cells beyond this many (all sheets) are not a report.
const MAX_CELLS: usize = 200_000;
/// A sheet's grid (rows × columns between its first and last filled cell) beyond this is not
/// a report's tables.
const MAX_AREA: u64 = 2_000_000;
/// A cell holding more than this many characters is cut there.
const MAX_CELL_CHARS: usize = 20_000;
/// A row of at least this many cells that are the format's cell ids is the 汇总 明细's header.
const MIN_MATRIX_IDS: usize = 3;

/// Why an Excel workbook could not be imported.
#[derive(Debug, thiserror::Error)]
pub enum WorkbookError {
    /// nianbao's own 汇总 breakdown (明细): figures of many units, not one report.
    #[error(
        "这是 nianbao 汇总时导出的各单位明细（汇总明细工作簿），不是一份年度报告，没有生成草稿。请打开汇总生成的合计草稿（.ron），或某个单位报送的报告文件"
    )]
    SumMatrix,
    /// A workbook with an opening password.
    #[error(
        "这份 Excel 工作簿设有打开密码，nianbao 无法读取，没有生成草稿。请在 Excel 或 WPS 中打开它，取消密码后另存为 .xlsx 再打开"
    )]
    Encrypted,
    /// Not an Excel workbook at all.
    #[error("不是 Excel 工作簿（.xlsx 或 .xls）：{0}；没有生成草稿")]
    NotWorkbook(String),
    /// A damaged workbook.
    #[error(
        "Excel 工作簿已损坏，无法读取（{0}），没有生成草稿。请在 Excel 或 WPS 中打开它，另存为新的 .xlsx 后再试"
    )]
    Damaged(String),
    /// Far more than a report's tables.
    #[error("Excel 工作簿太大（{0}），不像是一份年度报告，没有生成草稿")]
    TooLarge(String),
    /// Read, but no table or heading of the report in any sheet.
    #[error(
        "Excel 工作簿的各个工作表里都没有找到年度报告的统计表格（如“第二十条第（一）项”）或部分标题（如“一、总体情况”），没有生成草稿。请确认打开的是年度报告的表格"
    )]
    NoReport,
}

fn damaged(why: impl std::fmt::Display) -> WorkbookError {
    WorkbookError::Damaged(why.to_string())
}

/// One sheet as read: its filled cells (row, column, text) and merged areas.
#[derive(Debug, Default)]
struct Sheet {
    cells: Vec<(u32, u32, String)>,
    merges: Vec<Dimensions>,
}

impl Importer {
    /// Imports a published report from the bytes of an Excel workbook (`.xlsx`, `.xls`): the
    /// report's tables from its sheets; the prose if the sheets hold it, else a draft with the
    /// tables and a note saying the text is to be written. A web page saved under an Excel name
    /// is read as a page; a Word document under one, as Word.
    pub fn excel(&self, bytes: &[u8]) -> Result<Report, ImportError> {
        match guard::sniff(bytes) {
            guard::Kind::Html => return self.bytes(bytes, Source::Html),
            guard::Kind::Word => return self.word(bytes),
            guard::Kind::Empty => return Err(ImportError::Empty),
            _ => {}
        }
        let blocks = self.read_excel(bytes)?;
        let mut report = match self.blocks(&blocks, None, Vec::new()) {
            Ok(report) => report,
            Err(e) if e.is_not_a_report() => return Err(WorkbookError::NoReport.into()),
            Err(e) => return Err(e),
        };
        if report.prose.values().all(|t| t.chars().all(is_space)) {
            report.notes.insert(
                0,
                Note {
                    kind: NoteKind::Import,
                    cell: None,
                    section: None,
                    text: "Excel 工作簿里只有表格，没有报告的正文：草稿中各部分的文字是空的，请补写（或从上年的 Word、网页报告导入正文）".to_owned(),
                },
            );
        }
        Ok(report)
    }

    /// Cuts the bytes of an Excel workbook into blocks (every sheet in order), with the headings
    /// and labels of this importer's formats; our own 汇总 明细 is refused.
    pub fn read_excel(&self, bytes: &[u8]) -> Result<Vec<Block>, WorkbookError> {
        let sheets = read_sheets(bytes)?;
        if sheets.iter().any(|s| area(s) > MAX_AREA) {
            return Err(WorkbookError::TooLarge(format!(
                "一个工作表从第一个到最后一个填写的单元格超过 {MAX_AREA} 格"
            )));
        }
        if sheets.iter().any(|s| self.is_sum_matrix(s)) {
            return Err(WorkbookError::SumMatrix);
        }
        let nodes: Vec<Node> = self.with_known(|known| {
            sheets
                .iter()
                .flat_map(|s| sheet_nodes(s, &|t: &str| known_row_label(known, t)))
                .collect()
        });
        Ok(self.with_known(|known| super::docx::flatten::blocks(&nodes, known)))
    }

    /// Whether the bytes are nianbao's own 汇总 明细 workbook (a 汇总 walking a folder leaves
    /// it out rather than count it as a unit that failed).
    pub fn is_sum_workbook(&self, bytes: &[u8]) -> bool {
        read_sheets(bytes).is_ok_and(|sheets| sheets.iter().any(|s| self.is_sum_matrix(s)))
    }

    /// Whether a sheet is the 汇总 明细: a row with cells that are cell ids of a format.
    fn is_sum_matrix(&self, sheet: &Sheet) -> bool {
        let mut ids: HashMap<u32, usize> = HashMap::new();
        for (r, _, text) in &sheet.cells {
            let t = text.trim();
            if t.contains('.') && self.registry.iter().any(|f| f.cell_index(t).is_some()) {
                *ids.entry(*r).or_default() += 1;
            }
        }
        ids.values().any(|&n| n >= MIN_MATRIX_IDS)
    }
}

fn known_row_label(known: &dyn super::Known, text: &str) -> bool {
    known.is_row_label(text.trim())
}

/// Every sheet of the workbook, in order.
fn read_sheets(bytes: &[u8]) -> Result<Vec<Sheet>, WorkbookError> {
    match guard::sniff(bytes) {
        guard::Kind::Zip => {
            guard::check_zip(bytes)?;
            catch(|| read_xlsx(bytes))
        }
        guard::Kind::Compound => {
            guard::check_xls(bytes)?;
            catch(|| read_xls(bytes))
        }
        guard::Kind::Empty => Err(WorkbookError::NotWorkbook("文件是空的".to_owned())),
        guard::Kind::Html | guard::Kind::Word | guard::Kind::Other => Err(
            WorkbookError::NotWorkbook("文件开头不是 Excel 工作簿的样子".to_owned()),
        ),
    }
}

/// Runs a calamine read; a panic inside the crate (a case its own checks miss) is a damaged
/// file, not the end of the program.
fn catch<T>(f: impl FnOnce() -> Result<T, WorkbookError>) -> Result<T, WorkbookError> {
    let outer = CAUGHT.with(|c| c.replace(true));
    let read = std::panic::catch_unwind(std::panic::AssertUnwindSafe(f));
    CAUGHT.with(|c| c.set(outer));
    read.unwrap_or_else(|_| Err(damaged("文件结构异常")))
}

thread_local! {
    /// Set while this thread runs a calamine read whose panics `catch` turns into a refusal.
    static CAUGHT: std::cell::Cell<bool> = const { std::cell::Cell::new(false) };
}

/// Whether a panic on this thread now is one the Excel reader catches and refuses as a damaged
/// workbook: a panic hook says nothing of it (the clerk gets the refusal in Chinese instead of
/// calamine's English panic line).
pub fn panic_is_caught() -> bool {
    CAUGHT.with(std::cell::Cell::get)
}

impl Sheet {
    /// Keeps a cell that shows something; `total` counts the workbook's kept cells, refused
    /// beyond [`MAX_CELLS`].
    fn add(
        &mut self,
        r: u32,
        c: u32,
        text: String,
        total: &mut usize,
    ) -> Result<(), WorkbookError> {
        if text.chars().all(is_space) {
            return Ok(());
        }
        *total += 1;
        if *total > MAX_CELLS {
            return Err(WorkbookError::TooLarge(format!(
                "填写的单元格超过 {MAX_CELLS} 个"
            )));
        }
        self.cells.push((r, c, text));
        Ok(())
    }
}

fn read_xlsx(bytes: &[u8]) -> Result<Vec<Sheet>, WorkbookError> {
    let mut book: Xlsx<Cursor<&[u8]>> = Xlsx::new(Cursor::new(bytes)).map_err(|e| match e {
        calamine::XlsxError::Password => WorkbookError::Encrypted,
        e => damaged(e),
    })?;
    let mut sheets = Vec::new();
    let mut total = 0usize;
    for name in book.sheet_names() {
        let mut sheet = Sheet::default();
        {
            let mut reader = book.worksheet_cells_reader(&name).map_err(damaged)?;
            while let Some(cell) = reader.next_cell().map_err(damaged)? {
                let (r, c) = cell.get_position();
                sheet.add(r, c, text_of_ref(cell.get_value()), &mut total)?;
            }
        }
        sheet.merges = book.merge_cells_by_sheet_name(&name).unwrap_or_default();
        sheets.push(sheet);
    }
    Ok(sheets)
}

fn read_xls(bytes: &[u8]) -> Result<Vec<Sheet>, WorkbookError> {
    let mut book: Xls<Cursor<&[u8]>> = Xls::new(Cursor::new(bytes)).map_err(|e| match e {
        calamine::XlsError::Password => WorkbookError::Encrypted,
        e => damaged(e),
    })?;
    let mut sheets = Vec::new();
    let mut total = 0usize;
    for name in book.sheet_names() {
        let range = book.worksheet_range(&name).map_err(damaged)?;
        let (r0, c0) = range.start().unwrap_or_default();
        let mut sheet = Sheet::default();
        for (r, c, value) in range.used_cells() {
            let (Ok(r), Ok(c)) = (u32::try_from(r), u32::try_from(c)) else {
                continue;
            };
            let (r, c) = (r0.saturating_add(r), c0.saturating_add(c));
            sheet.add(r, c, text_of(value), &mut total)?;
        }
        sheet.merges = book.merge_cells_by_sheet_name(&name).unwrap_or_default();
        sheets.push(sheet);
    }
    Ok(sheets)
}

/// What a cell shows: text as typed (lines kept), a number without Excel's float noise, a date
/// as 年月日.
fn text_of(value: &Data) -> String {
    match value {
        Data::Int(i) => i.to_string(),
        Data::Float(f) => number(*f),
        Data::String(s) => capped(s),
        Data::Bool(b) => if *b { "是" } else { "否" }.to_owned(),
        Data::DateTime(d) => date(d),
        Data::DateTimeIso(s) | Data::DurationIso(s) => capped(s),
        Data::Error(_) | Data::Empty => String::new(),
    }
}

fn text_of_ref(value: &DataRef<'_>) -> String {
    match value {
        DataRef::Int(i) => i.to_string(),
        DataRef::Float(f) => number(*f),
        DataRef::String(s) => capped(s),
        DataRef::SharedString(s) => capped(s),
        DataRef::Bool(b) => if *b { "是" } else { "否" }.to_owned(),
        DataRef::DateTime(d) => date(d),
        DataRef::DateTimeIso(s) | DataRef::DurationIso(s) => capped(s),
        DataRef::Error(_) | DataRef::Empty => String::new(),
    }
}

fn capped(s: &str) -> String {
    s.chars().take(MAX_CELL_CHARS).collect()
}

/// A figure as the clerk typed it: `12`, `3.5`; a sum computed by a formula loses its float
/// noise (`0.30000000000000004` is `0.3`).
fn number(f: f64) -> String {
    if !f.is_finite() {
        return String::new();
    }
    let rounded = (f * 1e6).round() / 1e6;
    if rounded == 0.0 {
        return "0".to_owned();
    }
    format!("{rounded}")
}

/// A date cell as 年月日 (`2026年1月20日`); a time or duration as its number.
fn date(d: &calamine::ExcelDateTime) -> String {
    if !d.is_datetime() || !(1.0..2_958_466.0).contains(&d.as_f64()) {
        return number(d.as_f64());
    }
    let (y, m, day, ..) = d.to_ymd_hms_milli();
    format!("{y}年{m}月{day}日")
}

/// A cell of a sheet's grid as the table reader sees it.
#[derive(Debug, Clone)]
struct Slot {
    span: usize,
    merge: Merge,
    text: String,
}

/// A sheet's rows as paragraphs and tables.
fn sheet_nodes(sheet: &Sheet, is_row_label: &dyn Fn(&str) -> bool) -> Vec<Node> {
    let Some(rows) = grid(sheet) else {
        return Vec::new();
    };
    let filled = |row: &[(u32, Slot)]| {
        row.iter()
            .filter(|(_, s)| !s.text.chars().all(is_space))
            .count()
    };
    let continues =
        |row: &[(u32, Slot)]| row.iter().any(|(_, s)| matches!(s.merge, Merge::Continue));
    // Whether each row is part of a table: two filled cells, or a merge going on; a row of one
    // text between table rows (a caption inside the table), or a data row's label alone.
    let strong: Vec<bool> = rows
        .iter()
        .map(|r| filled(r) >= 2 || continues(r))
        .collect();
    let in_table: Vec<bool> = (0..rows.len())
        .map(|i| {
            let at = |k: Option<usize>| k.and_then(|k| strong.get(k)).copied().unwrap_or(false);
            let (above, below) = (at(i.checked_sub(1)), at(i.checked_add(1)));
            let row = rows.get(i).map(Vec::as_slice).unwrap_or_default();
            let single = row
                .iter()
                .find(|(_, s)| !s.text.chars().all(is_space))
                .is_some_and(|(_, s)| is_row_label(&s.text));
            at(Some(i)) || (filled(row) == 1 && ((above && below) || (single && (above || below))))
        })
        .collect();
    let mut nodes = Vec::new();
    let mut table: Vec<&Vec<(u32, Slot)>> = Vec::new();
    for (row, &t) in rows.iter().zip(&in_table) {
        if t {
            table.push(row);
            continue;
        }
        if !table.is_empty() {
            nodes.push(Node::Table(make_table(&table)));
            table.clear();
        }
        if let Some((_, slot)) = row.iter().find(|(_, s)| !s.text.chars().all(is_space)) {
            nodes.push(Node::Para(Para {
                text: slot.text.clone(),
                centered: false,
            }));
        }
    }
    if !table.is_empty() {
        nodes.push(Node::Table(make_table(&table)));
    }
    nodes
}

/// The sheet's rows from its first filled row to its last, each the cells that start or carry
/// on a merge in it (with their column); `None` for an empty sheet or one too large.
type GridRows = Vec<Vec<(u32, Slot)>>;

/// The slots between a sheet's first and last filled cell (0 for an empty sheet).
fn area(sheet: &Sheet) -> u64 {
    let rows = sheet.cells.iter().map(|c| c.0);
    let cols = sheet.cells.iter().map(|c| c.1);
    match (
        rows.clone().min(),
        rows.max(),
        cols.clone().min(),
        cols.max(),
    ) {
        (Some(r0), Some(r1), Some(c0), Some(c1)) => {
            (u64::from(r1 - r0) + 1) * (u64::from(c1 - c0) + 1)
        }
        _ => 0,
    }
}

fn grid(sheet: &Sheet) -> Option<GridRows> {
    let (mut r0, mut r1, mut c0, mut c1) = (u32::MAX, 0u32, u32::MAX, 0u32);
    for (r, c, _) in &sheet.cells {
        r0 = r0.min(*r);
        r1 = r1.max(*r);
        c0 = c0.min(*c);
        c1 = c1.max(*c);
    }
    if r0 > r1 {
        return None;
    }
    let area = (u64::from(r1 - r0) + 1) * (u64::from(c1 - c0) + 1);
    if area > MAX_AREA {
        return None;
    }
    let text: HashMap<(u32, u32), &str> = sheet
        .cells
        .iter()
        .map(|(r, c, t)| ((*r, *c), t.as_str()))
        .collect();
    // Merged areas, cut to the filled part of the sheet; a slot in two areas keeps the first.
    let mut owner: HashMap<(u32, u32), (u32, u32)> = HashMap::new();
    let mut merged: HashMap<(u32, u32), Dimensions> = HashMap::new();
    let mut covered = 0u64;
    for m in &sheet.merges {
        let (mr0, mc0) = (m.start.0.max(r0), m.start.1.max(c0));
        let (mr1, mc1) = (m.end.0.min(r1), m.end.1.min(c1));
        if mr0 > mr1 || mc0 > mc1 || (mr0, mc0) != m.start {
            continue;
        }
        let size = (u64::from(mr1 - mr0) + 1) * (u64::from(mc1 - mc0) + 1);
        covered += size;
        if size < 2 || covered > MAX_AREA || owner.contains_key(&m.start) {
            continue;
        }
        merged.insert(m.start, Dimensions::new(m.start, (mr1, mc1)));
        for r in mr0..=mr1 {
            for c in mc0..=mc1 {
                owner.entry((r, c)).or_insert(m.start);
            }
        }
    }
    let mut rows = Vec::new();
    for r in r0..=r1 {
        let mut row = Vec::new();
        let mut c = c0;
        while c <= c1 {
            let own = owner.get(&(r, c)).copied();
            match own.and_then(|o| merged.get(&o).map(|m| (o, m))) {
                Some((o, m)) if o.1 == c => {
                    let span = (m.end.1 - m.start.1) as usize + 1;
                    let (merge, text) = if o.0 == r {
                        let merge = if m.end.0 > m.start.0 {
                            Merge::Restart
                        } else {
                            Merge::None
                        };
                        (merge, text.get(&o).copied().unwrap_or_default())
                    } else {
                        (Merge::Continue, "")
                    };
                    row.push((
                        c,
                        Slot {
                            span,
                            merge,
                            text: text.to_owned(),
                        },
                    ));
                    c = m.end.1.saturating_add(1);
                    if m.end.1 == u32::MAX {
                        break;
                    }
                    continue;
                }
                // Inside a merge started to the left (an area cut at the filled part).
                Some(_) => {}
                None => {
                    if let Some(t) = text.get(&(r, c)) {
                        row.push((
                            c,
                            Slot {
                                span: 1,
                                merge: Merge::None,
                                text: (*t).to_owned(),
                            },
                        ));
                    }
                }
            }
            c = match c.checked_add(1) {
                Some(next) => next,
                None => break,
            };
        }
        rows.push(row);
    }
    Some(rows)
}

/// A table of the rows between the leftmost and rightmost column any of them uses; holes are
/// empty cells.
fn make_table(rows: &[&Vec<(u32, Slot)>]) -> Table {
    let used =
        |(_, s): &(u32, Slot)| !s.text.chars().all(is_space) || !matches!(s.merge, Merge::None);
    let left = rows
        .iter()
        .flat_map(|r| r.iter().filter(|s| used(s)).map(|(c, _)| *c))
        .min()
        .unwrap_or_default();
    let right = rows
        .iter()
        .flat_map(|r| {
            r.iter()
                .filter(|s| used(s))
                .map(|(c, s)| c.saturating_add(u32::try_from(s.span).unwrap_or(1)))
        })
        .max()
        .unwrap_or(left);
    let mut table = Table::default();
    for row in rows {
        let mut cells = Vec::new();
        let mut at = left;
        for (c, slot) in row.iter() {
            if *c < left || *c >= right {
                continue;
            }
            while at < *c {
                cells.push(empty_cell());
                at += 1;
            }
            let span = u32::try_from(slot.span)
                .unwrap_or(u32::MAX)
                .min(right - *c)
                .max(1);
            cells.push(Cell {
                span: span as usize,
                merge: slot.merge,
                content: vec![Node::Para(Para {
                    text: slot.text.clone(),
                    centered: false,
                })],
            });
            at = c.saturating_add(span);
        }
        while at < right {
            cells.push(empty_cell());
            at += 1;
        }
        table.rows.push(Row {
            grid_before: 0,
            cells,
        });
    }
    table
}

fn empty_cell() -> Cell {
    Cell {
        span: 1,
        merge: Merge::None,
        content: Vec::new(),
    }
}

#[cfg(test)]
mod tests;
