//! The Excel reader (.xlsx, .xls) on arbitrary bytes, seeded with the workbook fixtures so the
//! campaign's time goes to the zip, shared-string, sheet and BIFF code and the sheet-to-table
//! step.
#![no_main]

#[allow(dead_code)]
#[path = "../targets.rs"]
mod targets;

libfuzzer_sys::fuzz_target!(|bytes: &[u8]| targets::import_xlsx(bytes));
