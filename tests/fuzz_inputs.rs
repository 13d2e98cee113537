//! The fuzz targets' code (`fuzz/targets.rs`) run on the seed corpus and on every input a fuzzing
//! campaign found (`tests/fuzz-regressions/TARGET/`), so each finding stays fixed and the targets
//! build with the rest of the crate. The campaign itself: `scripts/fuzz.sh`.
#![allow(clippy::unwrap_used, clippy::expect_used, dead_code)]

use std::path::{Path, PathBuf};

use nianbao::model::import::Source;

#[path = "../fuzz/targets.rs"]
mod targets;

fn files(dir: &Path) -> Vec<PathBuf> {
    let Ok(entries) = std::fs::read_dir(dir) else {
        return Vec::new();
    };
    let mut files: Vec<PathBuf> = entries
        .map(|e| e.unwrap().path())
        .filter(|p| p.is_file())
        .collect();
    files.sort();
    files
}

fn root() -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR")).to_owned()
}

/// The inputs of `target`: what a campaign found, then the given seeds.
fn inputs(target: &str, seeds: &[&str]) -> Vec<(PathBuf, Vec<u8>)> {
    let mut paths = files(&root().join("tests/fuzz-regressions").join(target));
    paths.extend(seeds.iter().map(|s| root().join(s)));
    paths
        .into_iter()
        .map(|p| {
            let bytes = std::fs::read(&p).unwrap();
            (p, bytes)
        })
        .collect()
}

#[test]
fn draft_loader_inputs() {
    for (_, bytes) in inputs("draft_load", &["assets/sample/sample-2025.ron"]) {
        targets::draft_load(&bytes);
    }
}

#[test]
fn text_importer_inputs() {
    let seeds = [
        "tests/fixtures/xiaosha-2020.txt",
        "tests/fixtures/qinghe-2025-bars.txt",
    ];
    for (_, bytes) in inputs("import_text", &seeds) {
        targets::import(&bytes, Source::Text);
    }
}

#[test]
fn html_importer_inputs() {
    let seeds = [
        "tests/fixtures/qinghe-2025.html",
        "tests/fixtures/xiaosha-2020-gbk.html",
    ];
    for (_, bytes) in inputs("import_html", &seeds) {
        targets::import(&bytes, Source::Html);
    }
}

#[test]
fn word_reader_inputs() {
    let seeds = [
        "tests/fixtures/docx/qinghe-2025.docx",
        "tests/fixtures/docx/qinghe-2025-numbered.docx",
        "tests/fixtures/docx/xiaosha-2020.docx",
        "tests/fixtures/office/qinghe-2025.doc",
        "tests/fixtures/office/xiaosha-2020.doc",
    ];
    let mut all = inputs("import_word", &seeds);
    all.extend(inputs("import_doc", &[]));
    for (_, bytes) in &all {
        targets::import_word(bytes);
    }
    // The seeds are real reports, not early returns.
    assert!(
        all.iter()
            .all(|(_, b)| nianbao::model::import::Importer::default().word(b).is_ok())
    );
}

#[test]
fn excel_reader_inputs() {
    let seeds = [
        "tests/fixtures/office/qinghe-2025.xlsx",
        "tests/fixtures/office/qinghe-2025.xls",
        "tests/fixtures/office/portal-2024.xlsx",
        "tests/fixtures/office/sample-2025.xlsx",
    ];
    let all = inputs("import_xlsx", &seeds);
    for (_, bytes) in &all {
        targets::import_xlsx(bytes);
    }
    // The seeds are real reports, not early returns.
    assert!(
        all.iter()
            .filter(|(p, _)| p.starts_with(root().join("tests/fixtures")))
            .all(|(_, b)| nianbao::model::import::Importer::default().excel(b).is_ok())
    );
}

#[test]
fn pdf_reader_inputs() {
    let seeds = [
        "tests/fixtures/pdf/qinghe-2025-lo-noto.pdf",
        "tests/fixtures/pdf/xiaosha-2020-lo-droid.pdf",
        "tests/fixtures/pdf/scan.pdf",
        "tests/fixtures/pdf/password.pdf",
    ];
    let all = inputs("import_pdf", &seeds);
    for (_, bytes) in &all {
        targets::import_pdf(bytes);
    }
    // Real reports among the seeds, not only refusals.
    assert!(
        all.iter()
            .any(|(_, b)| nianbao::model::import::Importer::default().pdf(b).is_ok())
    );
}

#[test]
fn checker_inputs() {
    let seeds = [
        "tests/fixtures/xiaosha-2020.txt",
        "assets/sample/sample-2025.ron",
    ];
    let all = inputs("check_report", &seeds);
    for (_, bytes) in &all {
        targets::check_report(bytes);
    }
    // The seeds make real reports, not just early returns.
    assert!(
        all.iter()
            .any(|(_, b)| targets::arbitrary_report(b).is_some())
    );
}

#[test]
fn pdf_inputs() {
    for (_, bytes) in inputs("pdf_report", &["assets/sample/sample-2025.ron"]) {
        targets::pdf_report(&bytes);
    }
}
