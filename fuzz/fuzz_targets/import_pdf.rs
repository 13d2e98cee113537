//! The PDF reader on arbitrary bytes (see `targets::import_pdf`).
#![no_main]

#[allow(dead_code)]
#[path = "../targets.rs"]
mod targets;

libfuzzer_sys::fuzz_target!(|bytes: &[u8]| targets::import_pdf(bytes));
