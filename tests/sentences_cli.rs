//! `nianbao sentences FILE [--prev LASTYEAR]`: the format's data sentences for a report, one
//! paragraph each, and `nianbao check --prev` naming a wrong 同比 (Y-PCT).
#![allow(clippy::unwrap_used, clippy::expect_used)]

use std::path::{Path, PathBuf};
use std::process::{Command, Output};

use nianbao::model::{CellValue, Report};

fn nianbao(args: &[&std::ffi::OsStr]) -> Output {
    Command::new(env!("CARGO_BIN_EXE_nianbao"))
        .args(args)
        .output()
        .unwrap()
}

fn os(s: &str) -> &std::ffi::OsStr {
    std::ffi::OsStr::new(s)
}

/// Writes the built-in sample (changed by `change`) as a draft in `dir`.
fn sample_draft(dir: &Path, name: &str, change: impl FnOnce(&mut Report)) -> PathBuf {
    let mut r = nianbao::io::sample().unwrap();
    change(&mut r);
    let path = dir.join(name);
    nianbao::io::draft::save(&r, &path).unwrap();
    path
}

/// Last year's report: the sample of 2024 with 20 new applications (this year's has 25).
fn last_year(dir: &Path) -> PathBuf {
    sample_draft(dir, "2024.ron", |r| {
        r.meta.year = 2024;
        r.set_by_id("t3.new.natural", Some(CellValue::Int(13)));
    })
}

#[test]
fn prints_one_paragraph_per_sentence() {
    let dir = tempfile::tempdir().unwrap();
    let draft = sample_draft(dir.path(), "样本.ron", |_| {});
    let out = nianbao(&[os("sentences"), draft.as_os_str()]);
    let (stdout, stderr) = (
        String::from_utf8_lossy(&out.stdout),
        String::from_utf8_lossy(&out.stderr),
    );
    assert_eq!(out.status.code(), Some(0), "{stderr}");
    let paragraphs: Vec<&str> = stdout.trim_end().split("\n\n").collect();
    assert_eq!(paragraphs.len(), 4, "{stdout}");
    assert!(
        paragraphs.iter().any(|p| p.starts_with(
            "本年度新收政府信息公开申请25件，上年结转3件，共收办28件。本年度办结26件，其中予以公开11件、部分公开4件、不予公开2件、无法提供6件、不予处理2件、其他处理1件；结转下年度继续办理2件。"
        )),
        "{stdout}"
    );
    assert!(stdout.contains("行政复议3件"), "{stdout}");
    // No last year: no 同比, and the clerk is told how to get one.
    assert!(!stdout.contains("同比"), "{stdout}");
    assert!(stderr.contains("--prev"), "{stderr}");
}

#[test]
fn states_the_change_with_last_years_report() {
    let dir = tempfile::tempdir().unwrap();
    let draft = sample_draft(dir.path(), "2025.ron", |_| {});
    let prev = last_year(dir.path());
    let out = nianbao(&[
        os("sentences"),
        draft.as_os_str(),
        os("--prev"),
        prev.as_os_str(),
    ]);
    let stdout = String::from_utf8_lossy(&out.stdout);
    assert_eq!(out.status.code(), Some(0));
    assert!(
        stdout.contains("本年度新收政府信息公开申请25件，同比增长25.00%，上年结转3件"),
        "{stdout}"
    );
}

#[test]
fn a_blank_cell_is_printed_as_to_be_filled_not_as_zero() {
    // A published 2020 report (2019 format) whose 规章 row is blank.
    let dir = tempfile::tempdir().unwrap();
    let text = dir.path().join("xiaosha.txt");
    std::fs::write(
        &text,
        include_bytes!("fixtures/xiaosha-2020.txt").as_slice(),
    )
    .unwrap();
    let out = nianbao(&[os("sentences"), text.as_os_str()]);
    let (stdout, stderr) = (
        String::from_utf8_lossy(&out.stdout),
        String::from_utf8_lossy(&out.stderr),
    );
    assert_eq!(out.status.code(), Some(0), "{stderr}");
    assert!(
        stdout.contains("本年度新制作规章〔待填〕件、规范性文件60件"),
        "{stdout}"
    );
    assert!(stderr.contains("显示为“〔待填〕”"), "{stderr}");
}

#[test]
fn check_names_a_wrong_percentage() {
    let dir = tempfile::tempdir().unwrap();
    let draft = sample_draft(dir.path(), "2025.ron", |r| {
        let s1 = r.prose.get_mut("s1").unwrap();
        *s1 = s1.replace(
            "全年新收政府信息公开申请25件，",
            "全年新收政府信息公开申请25件，同比增长1.05%，",
        );
    });
    let prev = last_year(dir.path());
    let out = nianbao(&[
        os("check"),
        draft.as_os_str(),
        os("--prev"),
        prev.as_os_str(),
    ]);
    let stdout = String::from_utf8_lossy(&out.stdout);
    assert!(
        stdout.contains("[Y-PCT]") && stdout.contains("应为“同比增长25.00%”"),
        "{stdout}"
    );
    // Without last year's report nothing is said about it.
    let out = nianbao(&[os("check"), draft.as_os_str()]);
    assert!(!String::from_utf8_lossy(&out.stdout).contains("[Y-PCT]"));
}

#[test]
fn a_file_that_cannot_be_read_exits_2() {
    let dir = tempfile::tempdir().unwrap();
    let missing = dir.path().join("nope.ron");
    let out = nianbao(&[os("sentences"), missing.as_os_str()]);
    assert_eq!(out.status.code(), Some(2));
    assert!(String::from_utf8_lossy(&out.stderr).contains("无法读取文件"));
}
