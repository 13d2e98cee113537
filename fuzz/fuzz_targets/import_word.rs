//! The Word (.docx) reader on arbitrary bytes (see `targets::import_word`).
#![no_main]

#[allow(dead_code)]
#[path = "../targets.rs"]
mod targets;

libfuzzer_sys::fuzz_target!(|bytes: &[u8]| targets::import_word(bytes));
