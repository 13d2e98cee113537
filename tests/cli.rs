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

fn stderr_of(out: &Output) -> String {
    String::from_utf8_lossy(&out.stderr).into_owned()
}

/// Issue 11 item 1: `-o` is checked against the input, the ending and what is already there.
#[test]
fn outputs_that_would_destroy_a_file_are_refused() {
    let dir = tempfile::tempdir().unwrap();
    let last = sample_draft(dir.path(), "2025.ron", |_| {});
    let before = std::fs::read(&last).unwrap();
    let published = dir.path().join("发布稿.txt");
    std::fs::copy(
        Path::new(env!("CARGO_MANIFEST_DIR")).join("tests/fixtures/xiaosha-2020.txt"),
        &published,
    )
    .unwrap();
    let text = std::fs::read(&published).unwrap();
    let old_pdf = dir.path().join("old.pdf");
    std::fs::write(&old_pdf, b"%PDF-1.7 last year's print").unwrap();
    let notes = dir.path().join("notes.ron");
    std::fs::write(&notes, "我的笔记，不是草稿").unwrap();

    let refused = [
        (
            os("next-year"),
            last.as_path(),
            last.as_path(),
            "就是输入的文件",
        ),
        (os("import"), &published, &published, "只能保存为 .ron"),
        (os("import"), &published, &old_pdf, "只能保存为 .ron"),
        (os("import"), &published, &notes, "不是年报草稿"),
    ];
    for (command, input, output, says) in refused {
        let out = nianbao(&[command, input.as_os_str(), os("-o"), output.as_os_str()]);
        let err = stderr_of(&out);
        assert_eq!(
            out.status.code(),
            Some(2),
            "{command:?} -o {output:?}: {err}"
        );
        assert!(err.contains(says) && err.contains("请"), "{err}");
    }
    assert_eq!(std::fs::read(&last).unwrap(), before);
    assert!(!nianbao::io::atomic::backup_path(&last).exists());
    assert_eq!(std::fs::read(&published).unwrap(), text);
    assert_eq!(
        std::fs::read(&old_pdf).unwrap(),
        b"%PDF-1.7 last year's print"
    );
    assert_eq!(
        std::fs::read_to_string(&notes).unwrap(),
        "我的笔记，不是草稿"
    );

    #[cfg(unix)]
    {
        let link = dir.path().join("link.ron");
        std::os::unix::fs::symlink(&last, &link).unwrap();
        let out = nianbao(&[
            os("next-year"),
            last.as_os_str(),
            os("-o"),
            link.as_os_str(),
        ]);
        assert_eq!(out.status.code(), Some(2), "{}", stderr_of(&out));
        assert_eq!(std::fs::read(&last).unwrap(), before);
    }
}

/// Issue 11 item 6: nothing that reads like success is printed before the file is in place.
#[test]
fn export_reports_success_only_after_writing() {
    let dir = tempfile::tempdir().unwrap();
    let src = sample_draft(dir.path(), "a.ron", |_| {});
    let nowhere = dir.path().join("没有这个文件夹").join("a.pdf");
    let out = nianbao(&[os("export"), src.as_os_str(), os("-o"), nowhere.as_os_str()]);
    let err = stderr_of(&out);
    assert_eq!(out.status.code(), Some(2), "{err}");
    assert!(!err.contains("页："), "{err}");
    assert!(
        err.contains("无法保存到") && err.contains("找不到这个文件或文件夹"),
        "{err}"
    );
    assert!(!err.contains("os error"), "{err}");
}

/// Issue 10 item 3: a report with errors is exported, but the command says so and exits 1.
#[test]
fn export_of_a_report_with_errors_writes_it_and_exits_1() {
    let dir = tempfile::tempdir().unwrap();
    let bad = sample_draft(dir.path(), "bad.ron", |r| {
        r.set_by_id(
            "t3.carried_out.natural",
            Some(nianbao::model::CellValue::Int(3)),
        );
    });
    for name in ["bad.json", "bad.pdf"] {
        let out_path = dir.path().join(name);
        let out = nianbao(&[
            os("export"),
            bad.as_os_str(),
            os("-o"),
            out_path.as_os_str(),
        ]);
        let err = stderr_of(&out);
        assert_eq!(out.status.code(), Some(1), "{name}: {err}");
        assert!(out_path.exists(), "{name} is written");
        assert!(
            err.contains("还有 2 个错误") && err.contains("T3-BAL"),
            "{err}"
        );
    }
    let good = sample_draft(dir.path(), "good.ron", |_| {});
    let out_path = dir.path().join("good.json");
    let out = nianbao(&[
        os("export"),
        good.as_os_str(),
        os("-o"),
        out_path.as_os_str(),
    ]);
    assert_eq!(out.status.code(), Some(0), "{}", stderr_of(&out));
}

/// Issue 11 items 2, 9, 11: a backup opens as a draft; what is not a regular file is refused in
/// Chinese.
#[test]
fn backups_open_and_odd_files_are_refused_in_chinese() {
    let dir = tempfile::tempdir().unwrap();
    let draft = sample_draft(dir.path(), "年报.ron", |_| {});
    nianbao::io::draft::save(&nianbao::io::sample().unwrap(), &draft).unwrap();
    let bak = nianbao::io::atomic::backup_path(&draft);
    let out = nianbao(&[os("check"), bak.as_os_str()]);
    assert_eq!(out.status.code(), Some(0), "{}", stderr_of(&out));

    let folder = dir.path().join("folder.ron");
    std::fs::create_dir(&folder).unwrap();
    let out = nianbao(&[os("check"), folder.as_os_str()]);
    assert_eq!(out.status.code(), Some(2));
    assert!(
        stderr_of(&out).contains("不是普通文件"),
        "{}",
        stderr_of(&out)
    );

    let out = nianbao(&[os("check"), dir.path().join("nope.txt").as_os_str()]);
    let err = stderr_of(&out);
    assert!(
        err.contains("找不到这个文件或文件夹") && !err.contains("os error"),
        "{err}"
    );
}

/// Issue 11 item 3: a complete newer draft left by an interrupted save is kept under a visible
/// name by the next save, which says so; no hidden temporary file stays.
#[test]
fn an_interrupted_saves_work_is_kept_and_named() {
    let dir = tempfile::tempdir().unwrap();
    let last = sample_draft(dir.path(), "2025.ron", |_| {});
    let target = dir.path().join("2026.ron");
    sample_draft(dir.path(), "2026.ron", |_| {});
    let mut newer = nianbao::io::sample().unwrap();
    newer.meta.title = "被中断的保存".into();
    let temp = dir.path().join(".2026.ron.4242.tmp");
    std::fs::write(&temp, nianbao::io::draft::to_string(&newer).unwrap()).unwrap();
    std::fs::File::options()
        .write(true)
        .open(&temp)
        .unwrap()
        .set_modified(std::time::SystemTime::now() + std::time::Duration::from_secs(5))
        .unwrap();
    let out = nianbao(&[
        os("next-year"),
        last.as_os_str(),
        os("-o"),
        target.as_os_str(),
    ]);
    let err = stderr_of(&out);
    assert_eq!(out.status.code(), Some(0), "{err}");
    assert!(
        err.contains("被中断的保存") && err.contains("未完成的保存"),
        "{err}"
    );
    let kept = dir.path().join("2026（未完成的保存）.ron");
    assert_eq!(nianbao::io::draft::load(&kept).unwrap(), newer);
    assert!(!temp.exists());
}

#[test]
fn check_names_the_number_to_type_in_each_cell_where_one_number_does_it() {
    let dir = tempfile::tempdir().unwrap();
    let bad = sample_draft(dir.path(), "上年结转 5.ron", |r| {
        r.set_by_id(
            "t3.carried_in.corp_commercial",
            Some(nianbao::model::CellValue::Int(5)),
        );
    });
    let out = nianbao(&[os("check"), bad.as_os_str()]);
    assert_eq!(out.status.code(), Some(1));
    let stdout = String::from_utf8_lossy(&out.stdout);
    assert!(
        stdout.contains("t3.carried_in.corp_commercial：此格应为 1，"),
        "{stdout}"
    );
}

/// The workbooks calamine panics on (kept from the fuzz campaign) are refused in Chinese, and
/// the panic inside calamine prints nothing: no English "panicked at" line reaches the clerk.
#[test]
fn a_workbook_calamine_panics_on_is_refused_without_its_panic_line() {
    let dir = tempfile::tempdir().unwrap();
    let inputs = Path::new(env!("CARGO_MANIFEST_DIR")).join("tests/fuzz-regressions/import_xlsx");
    let mut caught = 0;
    for entry in std::fs::read_dir(inputs).unwrap() {
        let bytes = std::fs::read(entry.unwrap().path()).unwrap();
        let ext = if bytes.starts_with(b"PK") {
            "xlsx"
        } else {
            "xls"
        };
        let path = dir.path().join(format!("上年 报表.{ext}"));
        std::fs::write(&path, &bytes).unwrap();
        let out = nianbao(&[
            os("import"),
            path.as_os_str(),
            os("-o"),
            dir.path().join("x.ron").as_os_str(),
        ]);
        let stderr = String::from_utf8_lossy(&out.stderr);
        assert!(!stderr.contains("panicked"), "{stderr}");
        assert!(!stderr.contains("内部错误"), "{stderr}");
        if stderr.contains("文件结构异常") {
            assert_eq!(out.status.code(), Some(2), "{stderr}");
            caught += 1;
        }
    }
    assert!(caught > 0, "no input reached a panic inside calamine");
}
