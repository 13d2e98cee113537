//! The data sentences read back true: put into the prose, the checker's prose rules (X-NEW,
//! X-DONE, X-REVIEW, X-DOCS, Y-PCT …) find nothing in them; once a cell changes, the old text
//! contradicts the table and the rendered one does not.
#![allow(clippy::unwrap_used, clippy::expect_used)]

use nianbao::model::sentences::sentences_for;
use nianbao::model::{CellValue, Finding, PreviousYear, Report, check_with, import};

/// The prose rules' findings on `r` with `s1` replaced by its rendered sentences.
fn with_sentences(r: &Report, previous: Option<&PreviousYear>) -> (Report, Vec<Finding>) {
    let mut r = r.clone();
    let text: Vec<String> = sentences_for(&r, previous, "s1")
        .into_iter()
        .map(|s| s.text)
        .collect();
    assert!(!text.is_empty());
    r.prose.insert("s1".into(), text.join("\n"));
    let findings = prose_findings(&r, previous);
    (r, findings)
}

fn prose_findings(r: &Report, previous: Option<&PreviousYear>) -> Vec<Finding> {
    check_with(r, previous)
        .into_iter()
        .filter(|f| f.rule.starts_with("X-") && f.rule != "X-FIVE" || f.rule == "Y-PCT")
        .collect()
}

#[test]
fn the_sample_s_sentences_agree_with_its_tables() {
    let r = nianbao::io::sample().unwrap();
    let mut last = r.clone();
    last.meta.year = 2024;
    last.set_by_id("t3.new.natural", Some(CellValue::Int(13)));
    let prev = PreviousYear::from_report(&last);
    let (with, findings) = with_sentences(&r, Some(&prev));
    assert!(findings.is_empty(), "{findings:#?}");
    assert!(with.prose("s1").contains("同比增长25.00%"));
    // A cell changes: the old sentences now contradict the table (新收 and its 同比) …
    let mut changed = with.clone();
    changed.set_by_id("t3.new.natural", Some(CellValue::Int(28)));
    let rules: Vec<String> = prose_findings(&changed, Some(&prev))
        .into_iter()
        .map(|f| f.rule)
        .collect();
    assert!(rules.contains(&"X-NEW".to_owned()), "{rules:?}");
    assert!(rules.contains(&"Y-PCT".to_owned()), "{rules:?}");
    // … and the sentences rendered again agree.
    let (_, findings) = with_sentences(&changed, Some(&prev));
    assert!(findings.is_empty(), "{findings:#?}");
}

#[test]
fn a_2019_format_report_s_sentences_agree_with_its_tables() {
    let r = import::Importer::default()
        .bytes(
            include_bytes!("fixtures/shengtai-2020-tabsep.txt"),
            import::Source::Text,
        )
        .unwrap();
    assert_eq!(r.format.id, "gb2019");
    let (_, findings) = with_sentences(&r, None);
    assert!(findings.is_empty(), "{findings:#?}");
}
