//! The checker and the rollover on arbitrary reports (see `targets::check_report`).
#![no_main]

#[allow(dead_code)]
#[path = "../targets.rs"]
mod targets;

libfuzzer_sys::fuzz_target!(|bytes: &[u8]| targets::check_report(bytes));
