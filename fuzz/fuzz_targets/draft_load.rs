//! The draft loader on arbitrary bytes (see `targets::draft_load`).
#![no_main]

#[allow(dead_code)]
#[path = "../targets.rs"]
mod targets;

libfuzzer_sys::fuzz_target!(|bytes: &[u8]| targets::draft_load(bytes));
