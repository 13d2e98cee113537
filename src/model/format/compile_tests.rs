//! Tests of cell-list patterns in rule `cells:` lists (`compile.rs`).
use super::super::builtin_sources;
use super::*;

fn gb2021() -> Format {
    let text = builtin_sources()
        .iter()
        .find(|(file, _)| *file == "gb2021.ron")
        .map(|&(_, text)| text)
        .unwrap_or_default();
    Format::parse(text).unwrap_or_else(|e| panic!("{e}"))
}

fn ids(f: &Format, cells: &[CellIx]) -> Vec<String> {
    cells.iter().map(|&c| f.cell_id(c).to_owned()).collect()
}

fn list(f: &Format, patterns: &[&str]) -> Result<Vec<String>, String> {
    let owned: Vec<String> = patterns.iter().map(|p| (*p).to_owned()).collect();
    f.cell_list(&owned).map(|cells| ids(f, &cells))
}

#[test]
fn a_cell_list_takes_patterns_and_groups() {
    let f = gb2021();
    let withheld = list(&f, &["t3.withheld_*.total"]).unwrap();
    assert_eq!(withheld.len(), 8);
    assert_eq!(withheld[0], "t3.withheld_state_secret.total");
    assert_eq!(withheld[7], "t3.withheld_query.total");
    assert_eq!(list(&f, &["t3.{withheld}.total"]).unwrap(), withheld);
    // A group's rows at any depth: （三）…（六） and （一）（二）（七） under 三、本年度办理结果.
    assert_eq!(list(&f, &["t3.{results}.total"]).unwrap().len(), 22);
    assert_eq!(list(&f, &["t4.*.total"]).unwrap().len(), 3);
    assert_eq!(
        list(&f, &["t4.review.*"]).unwrap(),
        ["upheld", "corrected", "other", "pending", "total"].map(|c| format!("t4.review.{c}"))
    );
    // Plain ids still work, in order, each once.
    assert_eq!(
        list(&f, &["t3.new.total", "t3.*.total", "t3.new.total"])
            .unwrap()
            .len(),
        25
    );
    assert_eq!(list(&f, &["t3.new.total"]).unwrap(), ["t3.new.total"]);
}

#[test]
fn a_pattern_that_matches_nothing_is_refused() {
    let f = gb2021();
    assert_eq!(
        list(&f, &["t3.withold_*.total"]),
        Err("单元格模式 t3.withold_*.total 没有对应的单元格".to_owned())
    );
    assert_eq!(
        list(&f, &["t3.{nogroup}.total"]),
        Err("单元格模式 t3.{nogroup}.total：表格 t3 没有分组 nogroup".to_owned())
    );
    assert!(list(&f, &["t3.*"]).unwrap_err().contains("“表.行.列”"));
    // Through the whole compile: the rule is named in the FormatError, in Chinese.
    let text = builtin_sources()
        .iter()
        .find(|(file, _)| *file == "gb2021.ron")
        .map(|&(_, text)| text)
        .unwrap_or_default()
        .replacen("\"t3.new.total\"", "\"t3.neu_*.total\"", 1);
    let err = Format::parse(&text).unwrap_err().to_string();
    assert!(
        err.contains("有误") && err.contains("单元格模式 t3.neu_*.total 没有对应的单元格"),
        "{err}"
    );
}

#[test]
fn globs_match_within_a_part() {
    assert!(glob("*", "total"));
    assert!(glob("withheld_*", "withheld_query"));
    assert!(!glob("withheld_*", "unable_unclear"));
    assert!(glob("*_total", "results_total"));
    assert!(glob("a*b*c", "axxbyyc"));
    assert!(!glob("a*b*c", "axxbyy"));
    assert!(!glob("ab*ba", "aba"), "the ends may not overlap");
    assert!(glob("new", "new") && !glob("new", "news"));
}
