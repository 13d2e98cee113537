//! Every rule of both formats fires on a minimal failing report and stays quiet on a passing one.
//! The tests are split by topic into `rules/*.rs`; this file holds what is about all of them.
#![allow(clippy::unwrap_used, clippy::expect_used)]

use std::collections::BTreeSet;

use nianbao::model::check;
use nianbao::model::format;

#[path = "rules/blank.rs"]
mod blank;
mod common;
#[path = "rules/grammar.rs"]
mod grammar;
#[path = "rules/prose.rs"]
mod prose;
#[path = "rules/review.rs"]
mod review;
#[path = "rules/tables.rs"]
mod tables;
#[path = "rules/years.rs"]
mod years;
#[path = "rules/yoy.rs"]
mod yoy;
use common::{PROOF_LOG, sample};

#[test]
fn the_sample_report_passes_every_rule() {
    let findings = check(&sample());
    assert!(findings.is_empty(), "{findings:#?}");
}

/// Keeps this file honest: every rule of every built-in format is seen firing by a test above.
///
/// Coverage is taken from the tests themselves, not from a list: this test runs the other tests
/// of this binary again (this file and `rules/*.rs`, itself skipped) with [`PROOF_LOG`] set, and [`fired`]
/// (also behind [`only`]) writes down every rule it sees firing. A rule added to a format file
/// without a test here that makes it fire fails this test.
#[test]
fn every_rule_id_is_covered_by_a_test() {
    const THIS_TEST: &str = "every_rule_id_is_covered_by_a_test";
    if std::env::var_os(PROOF_LOG).is_some() {
        return; // the inner run
    }
    let dir = tempfile::tempdir().unwrap();
    let log = dir.path().join("proven.txt");
    let run = std::process::Command::new(std::env::current_exe().unwrap())
        .args(["--skip", THIS_TEST, "--quiet"])
        .env(PROOF_LOG, &log)
        .output()
        .unwrap();
    let text = std::fs::read_to_string(&log).unwrap_or_default();
    let proven: BTreeSet<&str> = text.lines().collect();
    let mut untested = Vec::new();
    for f in format::builtin() {
        for rule in &f.rules {
            if !proven.contains(rule.id.as_str()) {
                untested.push(format!("{}: {}", f.id, rule.id));
            }
        }
    }
    assert!(
        untested.is_empty(),
        "no test in tests/rules.rs or tests/rules/*.rs makes these rules fire (assert them with `only` or `fired`): \
         {untested:?}\ninner run: {}\n{}",
        run.status,
        String::from_utf8_lossy(&run.stdout)
    );
}
