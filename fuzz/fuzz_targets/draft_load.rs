//! The draft loader on arbitrary bytes: never panics, and whatever loads saves and loads back
//! the same.
#![no_main]

use libfuzzer_sys::fuzz_target;
use nianbao::io::draft;

fuzz_target!(|bytes: &[u8]| {
    let text = String::from_utf8_lossy(bytes);
    if let Ok(report) = draft::from_str(&text) {
        let saved = draft::to_string(&report).expect("a loaded draft saves");
        let back = draft::from_str(&saved).expect("a saved draft loads");
        assert!(back == report, "load → save → load changed the draft");
    }
});
