//! The PDF pipeline on arbitrary reports (see `targets::pdf_report`).
#![no_main]

#[allow(dead_code)]
#[path = "../targets.rs"]
mod targets;

libfuzzer_sys::fuzz_target!(|bytes: &[u8]| targets::pdf_report(bytes));
