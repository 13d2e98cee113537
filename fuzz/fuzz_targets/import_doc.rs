//! The old Word (.doc) and WPS (.wps) reader on arbitrary bytes: the same property as
//! `import_word` (`targets::import_word` sniffs the compound file), seeded with `.doc` files so
//! the campaign's time goes to the compound-file and Word-binary code.
#![no_main]

#[allow(dead_code)]
#[path = "../targets.rs"]
mod targets;

libfuzzer_sys::fuzz_target!(|bytes: &[u8]| targets::import_word(bytes));
