//! The text importer (UTF-8 or GBK, sniffed) on arbitrary bytes (see `targets::import`).
#![no_main]

#[allow(dead_code)]
#[path = "../targets.rs"]
mod targets;

libfuzzer_sys::fuzz_target!(|bytes: &[u8]| targets::import(
    bytes,
    nianbao::model::import::Source::Text
));
