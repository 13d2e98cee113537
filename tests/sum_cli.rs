//! 汇总 from the command line (`nianbao sum`): the JSON it prints and its exit codes, on
//! generated batches (tests/support/batch.rs).
#![allow(clippy::unwrap_used, clippy::expect_used)]

#[path = "support/batch.rs"]
mod batch;

use std::collections::BTreeSet;
use std::process::{Command, Output};

use batch::Kind;
use nianbao::io::draft;
use nianbao::model::{CellValue, check};

const YEAR: u16 = 2025;

fn nianbao(args: &[&std::ffi::OsStr]) -> Output {
    Command::new(env!("CARGO_BIN_EXE_nianbao"))
        .args(args)
        .output()
        .unwrap()
}

fn os<S: AsRef<std::ffi::OsStr> + ?Sized>(s: &S) -> &std::ffi::OsStr {
    s.as_ref()
}

#[test]
fn the_command_line_prints_the_json_shape_and_exits_0_or_2() {
    let dir = tempfile::tempdir().unwrap();
    let units = dir.path().join("各 单位");
    std::fs::create_dir(&units).unwrap();
    for i in 0..4 {
        let (r, _) = batch::honest_unit(i, YEAR, 9);
        batch::write(&r, &units, &format!("{i}"), Kind::nth(i));
    }
    let (r0, _) = batch::honest_unit(0, YEAR, 9);
    batch::write(&r0, &units, "0（副本）", Kind::Txt);
    std::fs::write(units.join("bad.ron"), "garbage").unwrap();
    let roster = dir.path().join("roster.txt");
    let (full1, _) = batch::names(1);
    std::fs::write(&roster, format!("{full1}\n示例县财政局\n")).unwrap();
    // The output inside the folder summed is never summed itself.
    let total = units.join("全县合计.ron");
    let county = dir.path().join("全县.ron");
    let matrix = dir.path().join("明细.csv");
    let returns = dir.path().join("退回");
    let first = nianbao(&[os("sum"), os(&units), os("-o"), os(&total), os("--json")]);
    assert_eq!(
        first.status.code(),
        Some(0),
        "{}",
        String::from_utf8_lossy(&first.stderr)
    );
    let mut county_report = draft::load(&total).unwrap();
    county_report.set_by_id("t4.review.upheld", Some(CellValue::Int(1000)));
    draft::save(&county_report, &county).unwrap();

    let out = nianbao(&[
        os("sum"),
        os(&units),
        os("-o"),
        os(&total),
        os("--agency"),
        os("示例县人民政府"),
        os("--roster"),
        os(&roster),
        os("--matrix"),
        os(&matrix),
        os("--against"),
        os(&county),
        os("--returns"),
        os(&returns),
        os("--json"),
    ]);
    assert_eq!(
        out.status.code(),
        Some(0),
        "{}",
        String::from_utf8_lossy(&out.stderr)
    );
    let v: serde_json::Value = serde_json::from_slice(&out.stdout).unwrap();
    let keys: BTreeSet<&str> = v.as_object().unwrap().keys().map(String::as_str).collect();
    assert_eq!(
        keys,
        [
            "year",
            "units",
            "missing",
            "duplicates",
            "similar",
            "findings"
        ]
        .into_iter()
        .collect()
    );
    assert_eq!(v["year"], 2025);
    let units_json = v["units"].as_array().unwrap();
    assert_eq!(units_json.len(), 6, "{units_json:#?}");
    for u in units_json {
        let keys: BTreeSet<&str> = u.as_object().unwrap().keys().map(String::as_str).collect();
        assert_eq!(
            keys,
            [
                "file", "agency", "year", "format", "status", "reason", "errors", "warnings"
            ]
            .into_iter()
            .collect()
        );
    }
    let bad = units_json
        .iter()
        .find(|u| u["file"].as_str().unwrap().ends_with("bad.ron"))
        .unwrap();
    assert_eq!(bad["status"], "excluded");
    assert!(bad["reason"].as_str().unwrap().starts_with("无法读取"));
    assert_eq!(bad["year"], serde_json::Value::Null);
    let good = units_json
        .iter()
        .find(|u| u["file"].as_str().unwrap().ends_with("1.txt"))
        .unwrap();
    assert_eq!(good["status"], "included");
    assert_eq!(good["format"], "gb2021");
    assert_eq!(good["agency"], full1.as_str());
    assert_eq!(v["missing"], serde_json::json!(["示例县财政局"]));
    let dups = v["duplicates"].as_array().unwrap();
    assert_eq!(dups.len(), 1);
    assert!(dups[0][1].as_str().unwrap().ends_with("0（副本）.txt"));
    let findings = v["findings"].as_array().unwrap();
    let cells: BTreeSet<&str> = findings
        .iter()
        .map(|f| f["cells"][0].as_str().unwrap())
        .collect();
    assert_eq!(
        cells,
        ["t4.review.upheld", "t4.review.total"]
            .into_iter()
            .collect()
    );
    assert!(
        findings
            .iter()
            .all(|f| f["rule"] == "H-SUM" && f["severity"] == "error")
    );
    let written = draft::load(&total).unwrap();
    assert_eq!(written.meta.agency, "示例县人民政府");
    assert!(check(&written).is_empty(), "{:#?}", check(&written));
    assert!(
        std::fs::read(&matrix)
            .unwrap()
            .starts_with("\u{feff}".as_bytes())
    );
    let returned: Vec<String> = std::fs::read_dir(&returns)
        .unwrap()
        .map(|e| e.unwrap().file_name().to_string_lossy().into_owned())
        .collect();
    assert_eq!(returned, vec!["bad-退回意见.txt"], "bad.ron only");

    // Human output names what was left out.
    let text = nianbao(&[os("sum"), os(&units), os("-o"), os(&total)]);
    assert_eq!(text.status.code(), Some(0));
    let stdout = String::from_utf8_lossy(&text.stdout);
    assert!(stdout.contains("计入 4 个，未计入 2 个"), "{stdout}");
    assert!(stdout.contains("重复报送"), "{stdout}");

    // Nothing usable: exit 2, nothing written.
    let empty = dir.path().join("空");
    std::fs::create_dir(&empty).unwrap();
    std::fs::write(empty.join("x.ron"), "garbage").unwrap();
    let none = dir.path().join("none.ron");
    let out = nianbao(&[os("sum"), os(&empty), os("-o"), os(&none), os("--json")]);
    assert_eq!(out.status.code(), Some(2));
    assert!(!none.exists());
    let v: serde_json::Value = serde_json::from_slice(&out.stdout).unwrap();
    assert_eq!(v["units"][0]["status"], "excluded");
    let out = nianbao(&[
        os("sum"),
        os(&dir.path().join("nowhere")),
        os("-o"),
        os(&none),
    ]);
    assert_eq!(out.status.code(), Some(2));
    assert!(String::from_utf8_lossy(&out.stderr).contains("没有"));
}
