//! The web-page importer on arbitrary bytes; libFuzzer's timeout holds it linear (see
//! `targets::import`).
#![no_main]

#[allow(dead_code)]
#[path = "../targets.rs"]
mod targets;

libfuzzer_sys::fuzz_target!(|bytes: &[u8]| targets::import(
    bytes,
    nianbao::model::import::Source::Html
));
