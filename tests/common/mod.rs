//! Helpers shared by the rule tests (`tests/rules.rs`, `tests/rules_review.rs`).

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

pub fn fired<'a>(findings: &'a [Finding], rule: &str) -> Vec<&'a Finding> {
    findings.iter().filter(|f| f.rule == rule).collect()
}

/// The single finding of `rule`, asserting there is exactly one.
pub fn only<'a>(findings: &'a [Finding], rule: &str) -> &'a Finding {
    let f = fired(findings, rule);
    assert_eq!(f.len(), 1, "{rule}: {findings:#?}");
    f[0]
}
