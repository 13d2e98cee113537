//! The Excel reader (.xlsx, .xls) on arbitrary bytes, seeded with the workbook fixtures so the
//! campaign's time goes to the zip, shared-string, sheet and BIFF code and the sheet-to-table
//! step.
//!
//! libFuzzer's panic hook aborts at once, before a panic unwinds; the reader catches the panics
//! inside calamine and refuses the file as damaged, so the hook is wrapped to let exactly those
//! unwind (as the program's own hook stays quiet for them): a panic the reader does not catch
//! still aborts and is a finding.
#![no_main]

#[allow(dead_code)]
#[path = "../targets.rs"]
mod targets;

static HOOK: std::sync::Once = std::sync::Once::new();

libfuzzer_sys::fuzz_target!(|bytes: &[u8]| {
    HOOK.call_once(|| {
        let fuzzer = std::panic::take_hook();
        std::panic::set_hook(Box::new(move |info| {
            if !nianbao::model::import::xlsx::panic_is_caught() {
                fuzzer(info);
            }
        }));
    });
    targets::import_xlsx(bytes)
});
