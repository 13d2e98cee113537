//! The checker and the rollover on arbitrary reports (any format, year, cell values and prose).
#![no_main]

use libfuzzer_sys::fuzz_target;
use nianbao::model::{check, check_with, rollover};

#[path = "../report.rs"]
mod report;

fuzz_target!(|bytes: &[u8]| {
    let Some(report) = report::arbitrary_report(bytes) else {
        return;
    };
    let findings = check(&report);
    for f in &findings {
        assert!(!f.message.is_empty(), "{f:?}");
    }
    let next = rollover::next_year(&report);
    let _ = check_with(&next, next.previous.as_ref());
});
