//! The PDF pipeline (compose → paginate → draw → save) on arbitrary reports.
#![no_main]

use libfuzzer_sys::fuzz_target;
use nianbao::io::pdf::{PdfOptions, export_pdf};

#[path = "../report.rs"]
mod report;

fuzz_target!(|bytes: &[u8]| {
    let Some(report) = report::arbitrary_report(bytes) else {
        return;
    };
    let options = PdfOptions {
        font_dir: None,
        signoff: bytes.first().is_some_and(|b| b & 1 == 1),
    };
    let pdf = export_pdf(&report, &options).expect("the bundled fonts load");
    assert!(pdf.pages >= 1 && pdf.bytes.starts_with(b"%PDF-"));
});
