//! The text importer (UTF-8 or GBK, sniffed) on arbitrary bytes: never panics, and an imported
//! report is checked, rolled over and saved as a draft that loads back.
#![no_main]

use libfuzzer_sys::fuzz_target;
use nianbao::io::draft;
use nianbao::model::import::{Source, import_bytes};

fuzz_target!(|bytes: &[u8]| {
    if let Ok(report) = import_bytes(bytes, Source::Text) {
        let _ = nianbao::model::check(&report);
        let saved = draft::to_string(&report).expect("an imported report saves");
        draft::from_str(&saved).expect("a saved import loads");
    }
});
