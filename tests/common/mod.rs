//! Helpers shared by the rule tests (`tests/rules.rs` and its module `tests/rules/review.rs`).

use std::io::Write;

use nianbao::model::{CellValue, Finding, Report};

pub fn sample() -> Report {
    nianbao::io::sample().unwrap()
}

pub fn set(r: &mut Report, id: &str, v: CellValue) {
    assert!(r.set_by_id(id, Some(v)), "no cell {id}");
}

pub fn edit_prose(r: &mut Report, section: &str, from: &str, to: &str) {
    let text = r.prose.get_mut(section).unwrap();
    assert!(text.contains(from), "{section} does not contain {from}");
    *text = text.replace(from, to);
}

/// The findings of `rule`. When there are some, the rule counts as proven by a test (see
/// `every_rule_id_is_covered_by_a_test` in `tests/rules.rs`).
pub fn fired<'a>(findings: &'a [Finding], rule: &str) -> Vec<&'a Finding> {
    let hits: Vec<&Finding> = findings.iter().filter(|f| f.rule == rule).collect();
    if !hits.is_empty() {
        record_proof(rule);
    }
    hits
}

/// The environment variable naming the file where [`fired`] records the rules it saw firing
/// (set only in the run that `every_rule_id_is_covered_by_a_test` starts).
pub const PROOF_LOG: &str = "NIANBAO_RULES_PROOF_LOG";

/// Appends `rule` to the proof log, if this run keeps one.
fn record_proof(rule: &str) {
    let Some(log) = std::env::var_os(PROOF_LOG) else {
        return;
    };
    let mut file = std::fs::OpenOptions::new()
        .create(true)
        .append(true)
        .open(log)
        .unwrap();
    // One write per line, so lines from tests running in parallel never interleave.
    file.write_all(format!("{rule}\n").as_bytes()).unwrap();
}

/// The single finding of `rule`, asserting there is exactly one.
pub fn only<'a>(findings: &'a [Finding], rule: &str) -> &'a Finding {
    let f = fired(findings, rule);
    assert_eq!(f.len(), 1, "{rule}: {findings:#?}");
    f[0]
}
