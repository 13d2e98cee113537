//! What the round-trip tests of the exports share: every report to export, and what must come
//! back.
#![allow(clippy::unwrap_used, clippy::expect_used, dead_code)]

use std::path::{Path, PathBuf};

use nianbao::model::Report;

fn fixture_path(name: &str) -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR"))
        .join("tests/fixtures")
        .join(name)
}

/// The sample and every published-report fixture (text, web pages, Word).
pub fn every_report() -> Vec<(String, Report)> {
    let mut reports = vec![("sample".to_owned(), nianbao::io::sample().unwrap())];
    let mut names: Vec<PathBuf> = std::fs::read_dir(fixture_path(""))
        .unwrap()
        .chain(std::fs::read_dir(fixture_path("docx")).unwrap())
        .map(|e| e.unwrap().path())
        .filter(|p| p.is_file())
        .collect();
    names.sort();
    for path in names {
        let opened = nianbao::io::open_any(&path).unwrap();
        reports.push((path.display().to_string(), opened.report));
    }
    reports
}

/// What a round trip must keep: format, year, every cell as shown, the prose, the metadata.
pub fn assert_round_trip(name: &str, before: &Report, after: &Report) {
    assert_eq!(after.format.id, before.format.id, "{name}");
    assert_eq!(after.meta.year, before.meta.year, "{name}");
    let (a, b) = (after.resolve(), before.resolve());
    for (ix, (x, y)) in a.iter().zip(&b).enumerate() {
        assert_eq!(x, y, "{name}: {}", before.format.cell_id(ix));
    }
    let squash = |s: &str| {
        s.lines()
            .map(str::trim)
            .filter(|l| !l.is_empty())
            .collect::<Vec<_>>()
            .join("\n")
    };
    for section in &before.format.sections {
        assert_eq!(
            squash(after.prose(&section.id)),
            squash(before.prose(&section.id)),
            "{name}: {}",
            section.id
        );
    }
    let title = |r: &Report| {
        if r.meta.title.trim().is_empty() {
            nianbao::model::Meta::default_title(&r.meta.agency, r.meta.year)
        } else {
            r.meta.title.trim().to_owned()
        }
    };
    assert_eq!(title(after), title(before), "{name}");
    assert_eq!(after.meta.agency, before.meta.agency, "{name}");
    assert_eq!(after.meta.doc_number, before.meta.doc_number, "{name}");
    assert_eq!(
        squash(&after.meta.preamble),
        squash(&before.meta.preamble),
        "{name}"
    );
    assert_eq!(
        after.meta.signature_unit, before.meta.signature_unit,
        "{name}"
    );
    assert_eq!(
        after.meta.signature_date, before.meta.signature_date,
        "{name}"
    );
}
