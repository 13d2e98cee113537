//! The 汇总 breakdown (明细) as a spreadsheet: `.xlsx` (two sheets: the unit × cell matrix and
//! the list of units) or `.csv` (the matrix, UTF-8 with a BOM so Excel shows the Chinese).

use std::path::Path;

use rust_xlsxwriter::{Format as XlsxFormat, Workbook, Worksheet, XlsxError};

use super::atomic::{Backup, WriteError, write_atomic};
use crate::model::sum::{Matrix, Summary};
use crate::model::value::CellValue;

/// Why the breakdown was not written.
#[derive(Debug, thiserror::Error)]
pub enum MatrixError {
    /// Neither `.xlsx` nor `.csv`.
    #[error("明细只能导出为 .xlsx 或 .csv 文件，不支持“.{0}”")]
    UnknownKind(String),
    /// No unit was summed.
    #[error("没有计入汇总的单位，没有明细可以导出")]
    Empty,
    /// The spreadsheet could not be made.
    #[error("无法生成 Excel 文件：{0}")]
    Xlsx(String),
    /// The file could not be written.
    #[error(transparent)]
    Write(#[from] WriteError),
}

impl From<XlsxError> for MatrixError {
    fn from(e: XlsxError) -> Self {
        MatrixError::Xlsx(e.to_string())
    }
}

/// The kinds of file the breakdown is written as, by ending.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum MatrixKind {
    /// Excel workbook.
    Xlsx,
    /// Comma-separated text.
    Csv,
}

impl MatrixKind {
    /// The kind of `path`, by its ending.
    pub fn of(path: &Path) -> Result<MatrixKind, MatrixError> {
        match super::file_type::extension_of(path).as_str() {
            "xlsx" => Ok(MatrixKind::Xlsx),
            "csv" => Ok(MatrixKind::Csv),
            other => Err(MatrixError::UnknownKind(other.to_owned())),
        }
    }
}

/// Writes the summary's breakdown to `path` (`.xlsx` or `.csv`), atomically.
pub fn write_matrix(summary: &Summary, path: &Path) -> Result<(), MatrixError> {
    let kind = MatrixKind::of(path)?;
    let matrix = summary.matrix().ok_or(MatrixError::Empty)?;
    let bytes = match kind {
        MatrixKind::Csv => csv(&matrix).into_bytes(),
        MatrixKind::Xlsx => xlsx(summary, &matrix)?,
    };
    write_atomic(path, &bytes, Backup::None)?;
    Ok(())
}

/// The matrix as CSV: a BOM, a row of labels, a row of cell ids, one row per unit, the total;
/// Windows line ends.
pub fn csv(matrix: &Matrix) -> String {
    let mut out = String::from("\u{feff}");
    let mut line = |fields: Vec<String>| {
        let quoted: Vec<String> = fields.iter().map(|f| csv_field(f)).collect();
        out.push_str(&quoted.join(","));
        out.push_str("\r\n");
    };
    let header =
        |first: &str, second: &str, f: &dyn Fn(&crate::model::sum::MatrixColumn) -> String| {
            [first.to_owned(), second.to_owned()]
                .into_iter()
                .chain(matrix.columns.iter().map(f))
                .collect::<Vec<_>>()
        };
    line(header("单位", "文件", &|c| c.label.clone()));
    line(header("", "单元格", &|c| c.id.clone()));
    for row in &matrix.rows {
        let mut fields = vec![row.name.clone(), row.file.clone()];
        fields.extend(row.values.iter().map(CellValue::display));
        line(fields);
    }
    let mut total = vec!["合计".to_owned(), String::new()];
    total.extend(matrix.total.iter().map(CellValue::display));
    line(total);
    out
}

fn csv_field(field: &str) -> String {
    if field.contains([',', '"', '\r', '\n']) {
        format!("\"{}\"", field.replace('"', "\"\""))
    } else {
        field.to_owned()
    }
}

/// The workbook: sheet 明细 (labels and ids as two header rows, frozen with the unit names;
/// figures as numbers, text as text; a bold total row) and sheet 单位 (every file and what
/// became of it).
fn xlsx(summary: &Summary, matrix: &Matrix) -> Result<Vec<u8>, MatrixError> {
    let mut workbook = Workbook::new();
    let bold = XlsxFormat::new().set_bold();
    let wrap = XlsxFormat::new().set_bold().set_text_wrap();
    let sheet = workbook.add_worksheet();
    sheet.set_name(format!("{}年度明细", matrix.year))?;
    sheet.write_string_with_format(0, 0, "单位", &bold)?;
    sheet.write_string_with_format(0, 1, "文件", &bold)?;
    sheet.write_string(1, 1, "单元格")?;
    sheet.set_column_width(0, 28)?;
    sheet.set_column_width(1, 24)?;
    sheet.set_row_height(0, 96)?;
    for (c, column) in matrix.columns.iter().enumerate() {
        let col = column_number(c + 2)?;
        sheet.write_string_with_format(0, col, &column.label, &wrap)?;
        sheet.write_string(1, col, &column.id)?;
        sheet.set_column_width(col, 14)?;
    }
    let mut row: u32 = 2;
    for unit in &matrix.rows {
        sheet.write_string(row, 0, &unit.name)?;
        sheet.write_string(row, 1, &unit.file)?;
        write_values(sheet, row, &unit.values, None)?;
        row += 1;
    }
    sheet.write_string_with_format(row, 0, "合计", &bold)?;
    write_values(sheet, row, &matrix.total, Some(&bold))?;
    sheet.set_freeze_panes(2, 2)?;

    let list = workbook.add_worksheet();
    list.set_name("单位")?;
    let headers = [
        "单位", "文件", "年度", "格式", "状态", "说明", "错误", "警告",
    ];
    for (c, h) in headers.iter().enumerate() {
        list.write_string_with_format(0, column_number(c)?, *h, &bold)?;
    }
    for (i, unit) in summary.units.iter().enumerate() {
        let r = u32::try_from(i + 1).map_err(|_| MatrixError::Xlsx("单位太多".to_owned()))?;
        list.write_string(r, 0, unit.name())?;
        list.write_string(r, 1, &unit.file)?;
        if let Some(y) = unit.year {
            list.write_number(r, 2, y)?;
        }
        if let Some(f) = unit.format {
            list.write_string(r, 3, &f.name)?;
        }
        list.write_string(r, 4, unit.status.label())?;
        list.write_string(r, 5, unit.reason_text().unwrap_or_default())?;
        list.write_number(r, 6, u32::try_from(unit.errors).unwrap_or(u32::MAX))?;
        list.write_number(r, 7, u32::try_from(unit.warnings).unwrap_or(u32::MAX))?;
    }
    list.set_column_width(0, 28)?;
    list.set_column_width(1, 24)?;
    list.set_column_width(5, 60)?;
    list.set_freeze_panes(1, 1)?;
    Ok(workbook.save_to_buffer()?)
}

fn column_number(c: usize) -> Result<u16, MatrixError> {
    u16::try_from(c).map_err(|_| MatrixError::Xlsx("列数太多".to_owned()))
}

/// A row of figures from column 2 on: numbers as numbers (money exact to Excel's 15 digits),
/// "/" and text as text, blanks left empty.
fn write_values(
    sheet: &mut Worksheet,
    row: u32,
    values: &[CellValue],
    format: Option<&XlsxFormat>,
) -> Result<(), MatrixError> {
    for (c, value) in values.iter().enumerate() {
        let col = column_number(c + 2)?;
        let number = value
            .number()
            .and_then(|d| d.to_string().parse::<f64>().ok());
        match (number, format) {
            (Some(n), Some(f)) => sheet.write_number_with_format(row, col, n, f)?,
            (Some(n), None) => sheet.write_number(row, col, n)?,
            (None, _) if matches!(value, CellValue::Blank) => continue,
            (None, Some(f)) => sheet.write_string_with_format(row, col, value.display(), f)?,
            (None, None) => sheet.write_string(row, col, value.display())?,
        };
    }
    Ok(())
}
