//! The unit × cell breakdown (明细): one row per summed unit, one column per cell of the
//! format, a total row. The io layer writes it as `.xlsx` or `.csv`.

use super::Summary;
use crate::model::value::CellValue;

/// A column: one cell of the format.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct MatrixColumn {
    /// The cell id (`t3.new.natural`).
    pub id: String,
    /// The Chinese label (表三“一、本年新收政府信息公开申请数量”行“自然人”列).
    pub label: String,
    /// Whether the cell is a money amount (written with its decimals).
    pub money: bool,
}

/// A row: one summed unit.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct MatrixRow {
    /// The unit's name.
    pub name: String,
    /// Its file.
    pub file: String,
    /// One value per column, as the unit's report gives it (totals computed, text kept).
    pub values: Vec<CellValue>,
}

/// The breakdown.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Matrix {
    /// The year.
    pub year: u16,
    /// One per cell of the total's format, in the format's order.
    pub columns: Vec<MatrixColumn>,
    /// One per summed unit, in the batch's order.
    pub rows: Vec<MatrixRow>,
    /// The total row (the total report's figures).
    pub total: Vec<CellValue>,
}

/// The breakdown of a summary (`None` without a total).
pub(super) fn build(summary: &Summary) -> Option<Matrix> {
    let total = summary.total.as_ref()?;
    let format = total.format;
    let columns = format
        .cells
        .iter()
        .enumerate()
        .map(|(ix, info)| MatrixColumn {
            id: info.id.clone(),
            label: format.cell_label(ix),
            money: matches!(info.kind, crate::model::format::CellKind::Money(_)),
        })
        .collect();
    let rows = summary
        .included()
        .map(|(_, u)| MatrixRow {
            name: u.name().to_owned(),
            file: u.file.clone(),
            values: u.values.clone(),
        })
        .collect();
    Some(Matrix {
        year: total.meta.year,
        columns,
        rows,
        total: total.resolve(),
    })
}
