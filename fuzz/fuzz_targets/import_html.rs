//! The web-page importer on arbitrary bytes: never panics, stays linear (libFuzzer's timeout),
//! and an imported report saves as a draft that loads back.
#![no_main]

use libfuzzer_sys::fuzz_target;
use nianbao::io::draft;
use nianbao::model::import::{Source, import_bytes};

fuzz_target!(|bytes: &[u8]| {
    if let Ok(report) = import_bytes(bytes, Source::Html) {
        let _ = nianbao::model::check(&report);
        let saved = draft::to_string(&report).expect("an imported page saves");
        draft::from_str(&saved).expect("a saved import loads");
    }
});
