//! The report as JSON, for other tools: `format`, `year`, `meta`, `prose` and every cell.

use serde_json::{Map, Value, json};

use crate::model::{CellValue, Report};

/// The report as a JSON value. `cells` maps every cell id to its value: `null` when blank, a
/// number for counts, a decimal string for money, `"/"` for not applicable, and the text as
/// typed for an entry that is not a number. Totals are computed where not typed.
pub fn to_json(report: &Report) -> Value {
    let mut cells = Map::new();
    for (info, value) in report.format.cells.iter().zip(report.resolve()) {
        let v = match value {
            CellValue::Blank => Value::Null,
            CellValue::NotApplicable => json!("/"),
            CellValue::Int(i) => json!(i),
            CellValue::Money(d) => json!(d.to_string()),
            CellValue::Invalid(text) => json!(text),
        };
        cells.insert(info.id.clone(), v);
    }
    let m = &report.meta;
    json!({
        "format": report.format.id,
        "year": m.year,
        "meta": {
            "agency": m.agency,
            "year": m.year,
            "title": m.title,
            "doc_number": m.doc_number,
            "preamble": m.preamble,
            "signature_unit": m.signature_unit,
            "signature_date": m.signature_date.map(|d| d.to_string()),
        },
        "prose": report.prose,
        "cells": cells,
    })
}

/// The report as pretty-printed JSON text with a final newline.
pub fn to_string(report: &Report) -> Result<String, JsonError> {
    let mut text = serde_json::to_string_pretty(&to_json(report)).map_err(JsonError)?;
    text.push('\n');
    Ok(text)
}

/// The report could not be written as JSON (a value serde_json refuses).
#[derive(Debug, thiserror::Error)]
#[error("无法生成 JSON 数据（{0}）")]
pub struct JsonError(serde_json::Error);
