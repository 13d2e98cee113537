//! The command line as a clerk's batch script uses it: exit codes, JSON, files written.
#![allow(clippy::unwrap_used, clippy::expect_used)]

use std::path::{Path, PathBuf};
use std::process::{Command, Output};

fn nianbao(args: &[&std::ffi::OsStr]) -> Output {
    Command::new(env!("CARGO_BIN_EXE_nianbao"))
        .args(args)
        .output()
        .unwrap()
}

fn os(s: &str) -> &std::ffi::OsStr {
    std::ffi::OsStr::new(s)
}

/// Writes the built-in sample (optionally changed) as a draft in `dir`.
fn sample_draft(
    dir: &Path,
    name: &str,
    change: impl FnOnce(&mut nianbao::model::Report),
) -> PathBuf {
    let mut r = nianbao::io::sample().unwrap();
    change(&mut r);
    let path = dir.join(name);
    nianbao::io::draft::save(&r, &path).unwrap();
    path
}

#[test]
fn check_exits_0_1_2() {
    let dir = tempfile::tempdir().unwrap();
    let good = sample_draft(dir.path(), "好 报告.ron", |_| {});
    let out = nianbao(&[os("check"), good.as_os_str()]);
    assert_eq!(
        out.status.code(),
        Some(0),
        "{}",
        String::from_utf8_lossy(&out.stderr)
    );
    assert!(String::from_utf8_lossy(&out.stdout).contains("共 0 个错误，0 个警告"));

    let bad = sample_draft(dir.path(), "bad.ron", |r| {
        r.set_by_id("t4.review.total", Some(nianbao::model::CellValue::Int(5)));
    });
    let out = nianbao(&[os("check"), bad.as_os_str()]);
    assert_eq!(out.status.code(), Some(1));
    let stdout = String::from_utf8_lossy(&out.stdout);
    assert!(
        stdout.contains("[T4-SUM]") && stdout.contains("总计应为 3（") && stdout.contains("实为 5"),
        "{stdout}"
    );

    let missing = dir.path().join("nope.ron");
    let out = nianbao(&[os("check"), missing.as_os_str()]);
    assert_eq!(out.status.code(), Some(2));
    assert!(String::from_utf8_lossy(&out.stderr).contains("无法读取文件"));

    let garbage = dir.path().join("garbage.ron");
    std::fs::write(&garbage, "(schema_version: 1, format: ").unwrap();
    let out = nianbao(&[os("check"), garbage.as_os_str()]);
    assert_eq!(out.status.code(), Some(2));
    assert!(String::from_utf8_lossy(&out.stderr).contains("草稿文件内容有误"));
}

#[test]
fn check_json_lists_findings() {
    let dir = tempfile::tempdir().unwrap();
    let bad = sample_draft(dir.path(), "bad.ron", |r| {
        r.set_by_id(
            "t3.carried_out.natural",
            Some(nianbao::model::CellValue::Int(3)),
        );
    });
    let out = nianbao(&[os("check"), bad.as_os_str(), os("--json")]);
    assert_eq!(out.status.code(), Some(1));
    let v: serde_json::Value = serde_json::from_slice(&out.stdout).unwrap();
    let findings = v["findings"].as_array().unwrap();
    let bal = findings.iter().find(|f| f["rule"] == "T3-BAL").unwrap();
    assert_eq!(bal["severity"], "error");
    assert!(
        bal["cells"]
            .as_array()
            .unwrap()
            .iter()
            .any(|c| c == "t3.carried_out.natural")
    );
    assert_eq!(bal["expected"], "20");
    assert_eq!(bal["actual"], "22");
    assert!(
        bal["message"]
            .as_str()
            .unwrap()
            .contains("第三项加第四项之和应为 20")
    );
}

#[test]
fn next_year_then_check_with_prev() {
    let dir = tempfile::tempdir().unwrap();
    let last = sample_draft(dir.path(), "2025.ron", |_| {});
    let next = dir.path().join("用户 目录").join("2026年 年报.ron");
    std::fs::create_dir_all(next.parent().unwrap()).unwrap();
    let out = nianbao(&[
        os("next-year"),
        last.as_os_str(),
        os("-o"),
        next.as_os_str(),
    ]);
    assert_eq!(
        out.status.code(),
        Some(0),
        "{}",
        String::from_utf8_lossy(&out.stderr)
    );
    let draft = nianbao::io::draft::load(&next).unwrap();
    assert_eq!(draft.meta.year, 2026);

    // --prev reads last year's figures from the given file.
    let changed_last = sample_draft(dir.path(), "2025b.ron", |r| {
        r.set_by_id(
            "t3.carried_out.natural",
            Some(nianbao::model::CellValue::Int(0)),
        );
        r.set_by_id(
            "t3.disclosed.natural",
            Some(nianbao::model::CellValue::Int(9)),
        );
    });
    let out = nianbao(&[
        os("check"),
        next.as_os_str(),
        os("--prev"),
        changed_last.as_os_str(),
        os("--json"),
    ]);
    let v: serde_json::Value = serde_json::from_slice(&out.stdout).unwrap();
    let carry: Vec<_> = v["findings"]
        .as_array()
        .unwrap()
        .iter()
        .filter(|f| f["rule"] == "Y-CARRY")
        .collect();
    assert_eq!(carry.len(), 2, "{v:#}");
    assert_eq!(carry[0]["expected"], "0");
}

#[test]
fn export_json_maps_every_cell() {
    let dir = tempfile::tempdir().unwrap();
    let src = sample_draft(dir.path(), "a.ron", |r| {
        r.set_by_id("t3.new.corp_research", None);
        r.set_by_id(
            "t2_art20_6.coercion.decisions",
            Some(nianbao::model::CellValue::NotApplicable),
        );
    });
    let out_path = dir.path().join("a.json");
    let out = nianbao(&[
        os("export"),
        src.as_os_str(),
        os("-o"),
        out_path.as_os_str(),
    ]);
    assert_eq!(
        out.status.code(),
        Some(0),
        "{}",
        String::from_utf8_lossy(&out.stderr)
    );
    let v: serde_json::Value =
        serde_json::from_str(&std::fs::read_to_string(&out_path).unwrap()).unwrap();
    assert_eq!(v["format"], "gb2021");
    assert_eq!(v["year"], 2025);
    assert_eq!(v["meta"]["signature_date"], "2026年1月20日");
    assert!(v["prose"]["s1"].as_str().unwrap().starts_with("2025年"));
    let cells = v["cells"].as_object().unwrap();
    assert_eq!(cells.len(), 200);
    assert_eq!(cells["t3.new.total"], 25, "computed totals are exported");
    assert_eq!(cells["t3.new.corp_research"], serde_json::Value::Null);
    assert_eq!(cells["t2_art20_6.coercion.decisions"], "/");
    assert_eq!(cells["t2_art20_8.fees.amount"], "1.20");
}

#[test]
fn unknown_inputs_exit_2() {
    let dir = tempfile::tempdir().unwrap();
    let src = sample_draft(dir.path(), "a.ron", |_| {});
    let out = nianbao(&[
        os("export"),
        src.as_os_str(),
        os("-o"),
        dir.path().join("a.xlsx").as_os_str(),
    ]);
    assert_eq!(out.status.code(), Some(2));
    assert!(String::from_utf8_lossy(&out.stderr).contains(".xlsx"));
}

/// A stdout that cannot be written (a closed pipe, a full disk).
struct Unwritable;

impl std::io::Write for Unwritable {
    fn write(&mut self, _: &[u8]) -> std::io::Result<usize> {
        Err(std::io::Error::from(std::io::ErrorKind::StorageFull))
    }
    fn flush(&mut self) -> std::io::Result<()> {
        Ok(())
    }
}

#[test]
fn results_that_cannot_be_written_fail_with_a_message() {
    let dir = tempfile::tempdir().unwrap();
    let good = sample_draft(dir.path(), "a.ron", |_| {});
    for json in [false, true] {
        let mut err = Vec::new();
        let code = nianbao::cli::run_with(
            nianbao::cli::Command::Check {
                file: good.clone(),
                prev: None,
                json,
            },
            &mut Unwritable,
            &mut err,
        );
        assert_eq!(code, std::process::ExitCode::from(2), "json: {json}");
        let err = String::from_utf8(err).unwrap();
        assert!(err.contains("无法输出结果"), "{err}");
    }
    // The real binary with stdout on a full device (Linux has one to hand).
    if let Ok(full) = std::fs::OpenOptions::new().write(true).open("/dev/full") {
        for json in [None, Some(os("--json"))] {
            let out = Command::new(env!("CARGO_BIN_EXE_nianbao"))
                .args([os("check"), good.as_os_str()].into_iter().chain(json))
                .stdout(full.try_clone().unwrap())
                .output()
                .unwrap();
            assert_eq!(out.status.code(), Some(2), "json: {json:?}");
            assert!(String::from_utf8_lossy(&out.stderr).contains("无法输出结果"));
        }
    }
}
