//! Importing published reports: the real xiaosha-2020 text (FORMAT.md §9), our own fixtures in
//! every layout of both formats (text and web pages, UTF-8 and GBK), the CLI, and robustness.
#![allow(clippy::unwrap_used, clippy::expect_used)]

use std::path::{Path, PathBuf};
use std::process::{Command, Output};

use nianbao::model::import::Importer;
use nianbao::model::import::{ImportError, Source};
use nianbao::model::{CellValue, Decimal, Finding, Report, check};
use proptest::prelude::*;

fn fixture_path(name: &str) -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR"))
        .join("tests/fixtures")
        .join(name)
}

fn fixture_bytes(name: &str) -> Vec<u8> {
    std::fs::read(fixture_path(name)).unwrap()
}

fn fixture_text(name: &str) -> String {
    String::from_utf8(fixture_bytes(name)).unwrap()
}

fn xiaosha() -> Report {
    Importer::default()
        .text(&fixture_text("xiaosha-2020.txt"))
        .unwrap()
}

/// The stored entry of a cell (`None`: not entered).
fn entry(r: &Report, id: &str) -> Option<CellValue> {
    let ix = r
        .format
        .cell_index(id)
        .unwrap_or_else(|| panic!("no cell {id}"));
    r.entry(ix).cloned()
}

fn int(r: &Report, id: &str) -> i64 {
    match entry(r, id) {
        Some(CellValue::Int(i)) => i,
        other => panic!("{id}: {other:?}"),
    }
}

fn money(text: &str) -> Option<CellValue> {
    Some(CellValue::Money(text.parse::<Decimal>().unwrap()))
}

fn fired<'a>(findings: &'a [Finding], rule: &str) -> Vec<&'a Finding> {
    findings.iter().filter(|f| f.rule == rule).collect()
}

fn has_note(r: &Report, words: &[&str]) -> bool {
    r.notes
        .iter()
        .any(|n| words.iter().all(|w| n.text.contains(w)))
}

fn nianbao(args: &[&std::ffi::OsStr]) -> Output {
    Command::new(env!("CARGO_BIN_EXE_nianbao"))
        .args(args)
        .output()
        .unwrap()
}

/// FORMAT.md §9: every value of the audit.
fn assert_xiaosha_values(r: &Report) {
    assert_eq!(r.format.id, "gb2019");
    assert_eq!(r.meta.year, 2020);
    assert_eq!(r.meta.agency, "小沙街道");
    assert_eq!(r.meta.title, "小沙街道政府信息公开工作2020年度报告");
    assert!(
        r.meta.preamble.starts_with("今年以来"),
        "{}",
        r.meta.preamble
    );
    // 二（一）: 规章 blank (D6), 规范性文件 60/60/60 (D7).
    for col in ["made", "published", "total_published"] {
        assert_eq!(entry(r, &format!("t2_art20_1.rules.{col}")), None);
        assert_eq!(int(r, &format!("t2_art20_1.normative_docs.{col}")), 60);
    }
    // 二（五）（六）（八）: all blank (D8).
    for id in [
        "t2_art20_5.licensing.prev_items",
        "t2_art20_5.other_mgmt_services.decisions",
        "t2_art20_6.penalty.delta",
        "t2_art20_6.coercion.decisions",
        "t2_art20_8.fees.prev_items",
        "t2_art20_8.fees.delta",
    ] {
        assert_eq!(entry(r, id), None, "{id}");
    }
    // 二（九）: 40 项, 1621624.23 元 (D9).
    assert_eq!(int(r, "t2_art20_9.central_procurement.projects"), 40);
    assert_eq!(
        entry(r, "t2_art20_9.central_procurement.amount"),
        money("1621624.23")
    );
    // 三: all 161 cells blank (D5); the typed blank totals are kept as typed.
    let t3 = r.format.table("t3").unwrap();
    assert_eq!(t3.cells().len(), 161);
    for ix in t3.cells() {
        let info = r.format.cell(ix).unwrap();
        let expected = info.derived.then_some(CellValue::Blank);
        assert_eq!(r.entry(ix).cloned(), expected, "{}", info.id);
    }
    // 四: 行政复议 结果维持 1, 结果纠正 1, total blank, every other cell blank (D1–D3).
    assert_eq!(int(r, "t4.review.upheld"), 1);
    assert_eq!(int(r, "t4.review.corrected"), 1);
    assert_eq!(entry(r, "t4.review.total"), Some(CellValue::Blank));
    for id in [
        "t4.review.other",
        "t4.review.pending",
        "t4.lit_direct.upheld",
    ] {
        assert_eq!(entry(r, id), None, "{id}");
    }
    assert_eq!(
        entry(r, "t4.lit_after_review.total"),
        Some(CellValue::Blank)
    );
    // Prose.
    assert!(r.prose("s1").contains("行政复议、行政诉讼、举报诉讼均为0"));
    assert!(r.prose("s5").starts_with("信息公开工作的基础依然比较薄弱"));
    assert!(r.prose("s5").contains("四是扎实推进队伍建设"));
    assert_eq!(r.prose("s6"), "无。");
    assert_eq!(r.prose.keys().collect::<Vec<_>>(), ["s1", "s5", "s6"]);
    assert!(has_note(r, &["2019年版格式"]), "{:#?}", r.notes);
    assert!(has_note(r, &["表三", "161", "空白"]), "{:#?}", r.notes);
}

fn assert_xiaosha_findings(findings: &[Finding]) {
    let sum = fired(findings, "T4-SUM");
    assert_eq!(sum.len(), 1, "{findings:#?}");
    assert_eq!(
        sum[0].cells.first().map(String::as_str),
        Some("t4.review.total")
    );
    let review = fired(findings, "X-REVIEW");
    assert_eq!(review.len(), 1, "{findings:#?}");
    assert!(review[0].cells.iter().all(|c| c.starts_with("t4.")));
    assert!(review[0].cells.contains(&"t4.review.upheld".to_owned()));
}

#[test]
fn xiaosha_2020_imports_every_value_of_the_audit() {
    let r = xiaosha();
    assert_xiaosha_values(&r);
    assert_xiaosha_findings(&check(&r));
}

#[test]
fn xiaosha_2020_with_windows_line_ends_and_a_bom_reads_the_same() {
    let text = fixture_text("xiaosha-2020.txt").replace('\n', "\r\n");
    let mut bytes = vec![0xEF, 0xBB, 0xBF];
    bytes.extend_from_slice(text.as_bytes());
    let r = Importer::default().bytes(&bytes, Source::Text).unwrap();
    assert_eq!(r.cells, xiaosha().cells);
    assert_eq!(r.prose, xiaosha().prose);
}

/// `| a | b |` → `a | b`: the same rows without the outer bars.
fn without_outer_bars(text: &str) -> String {
    text.lines()
        .map(|l| {
            let l = l.strip_prefix("| ").unwrap_or(l);
            l.strip_suffix(" |").unwrap_or(l)
        })
        .collect::<Vec<_>>()
        .join("\n")
}

#[test]
fn xiaosha_2020_in_bar_rows_with_and_without_outer_bars() {
    let text = fixture_text("xiaosha-2020-bars.txt");
    let r = Importer::default().text(&text).unwrap();
    assert_xiaosha_values(&r);
    assert_eq!(r.cells, xiaosha().cells);
    assert_eq!(r.prose, xiaosha().prose);
    assert_xiaosha_findings(&check(&r));
    // Without outer bars the empty last cell of table 四 is gone (`… | \u{a0} | `): it is
    // reported missing, not guessed.
    let r = Importer::default()
        .text(&without_outer_bars(&text))
        .unwrap();
    let original = xiaosha();
    for (ix, (a, b)) in r.cells.iter().zip(&original.cells).enumerate() {
        let id = r.format.cell_id(ix);
        if id == "t4.lit_after_review.total" {
            assert_eq!(a, &None);
        } else {
            assert_eq!(a, b, "{id}");
        }
    }
    assert!(
        has_note(&r, &["表四", "只找到 14 个数据"]),
        "{:#?}",
        r.notes
    );
}

#[test]
fn a_2021_report_in_tab_separated_rows_reads_like_its_bar_rows() {
    let bars = fixture_text("qinghe-2025-bars.txt");
    let tabs = without_outer_bars(&bars).replace(" | ", "\t");
    assert!(!tabs.contains(" | "));
    let from_tabs = Importer::default().text(&tabs).unwrap();
    let from_bars = Importer::default().text(&bars).unwrap();
    assert_eq!(from_tabs.cells, from_bars.cells);
    assert_sample_figures(&from_tabs, false);
}

#[test]
fn xiaosha_2020_saved_as_gbk() {
    // GBK has no NBSP; a GBK file has ideographic spaces (U+3000) for blanks.
    let text = fixture_text("xiaosha-2020.txt").replace('\u{a0}', "\u{3000}");
    let (gbk, _, _) = encoding_rs::GBK.encode(&text);
    let r = Importer::default().bytes(&gbk, Source::Text).unwrap();
    assert_eq!(r.cells, xiaosha().cells);
    assert!(has_note(&r, &["GB18030"]));
}

#[test]
fn xiaosha_2020_web_page_in_gbk_declared_and_sniffed() {
    let bytes = fixture_bytes("xiaosha-2020-gbk.html");
    assert!(std::str::from_utf8(&bytes).is_err(), "the fixture is GBK");
    let r = Importer::default().bytes(&bytes, Source::Html).unwrap();
    assert_xiaosha_values(&r);
    assert_xiaosha_findings(&check(&r));
    assert_eq!(r.cells, xiaosha().cells);
    // The page's menu and footer are not part of the report.
    assert!(!r.meta.preamble.contains("网站首页"));
    assert!(!r.prose("s6").contains("版权所有"));

    // Without the <meta> declaration the encoding is sniffed.
    let declared_removed = {
        let text = encoding_rs::GBK
            .decode(&bytes)
            .0
            .replace("charset=gb2312", "");
        encoding_rs::GBK.encode(&text).0.into_owned()
    };
    let r = Importer::default()
        .bytes(&declared_removed, Source::Html)
        .unwrap();
    assert_eq!(r.cells, xiaosha().cells);
    assert!(has_note(&r, &["GB18030"]));
}

/// The 2021-format figures of the built-in sample (a fictional 街道, 2025), which the qinghe
/// fixtures publish in three layouts.
fn assert_sample_figures(r: &Report, blank_zeros: bool) {
    let sample = nianbao::io::sample().unwrap();
    assert_eq!(r.format.id, "gb2021");
    assert_eq!(r.meta.year, 2025);
    assert_eq!(r.meta.agency, sample.meta.agency);
    assert_eq!(r.meta.title, sample.meta.title);
    assert_eq!(r.meta.signature_unit, sample.meta.signature_unit);
    assert_eq!(r.meta.signature_date, sample.meta.signature_date);
    let ours = r.resolve();
    let theirs = sample.resolve();
    for (ix, (a, b)) in ours.iter().zip(&theirs).enumerate() {
        let id = r.format.cell_id(ix);
        let a_num = a.number().unwrap_or(Decimal::ZERO);
        let b_num = b.number().unwrap_or(Decimal::ZERO);
        assert_eq!(a_num, b_num, "{id}: {a:?} vs {b:?}");
        if !blank_zeros {
            assert!(!matches!(a, CellValue::Invalid(_)), "{id}: {a:?}");
        }
    }
    for section in ["s1", "s5", "s6"] {
        let squash = |s: &str| s.replace("\n\n", "\n");
        assert_eq!(
            squash(r.prose(section)),
            squash(sample.prose(section)),
            "{section}"
        );
    }
    assert!(r.meta.preamble.starts_with("本报告依据"));
    let findings = check(r);
    assert!(
        findings
            .iter()
            .all(|f| f.severity == nianbao::model::Severity::Warning && f.rule == "C7"),
        "{findings:#?}"
    );
}

#[test]
fn a_2021_report_in_bar_rows_with_repeated_labels_and_clerk_writing() {
    let r = Importer::default()
        .text(&fixture_text("qinghe-2025-bars.txt"))
        .unwrap();
    assert_sample_figures(&r, false);
    // Blanks written as “/”, “-”, “—”; a full-width ９; 36件; 12,000元 converted to 万元.
    for col in ["issued", "repealed", "in_force"] {
        assert_eq!(
            entry(&r, &format!("t2_art20_1.rules.{col}")),
            Some(CellValue::NotApplicable)
        );
    }
    assert_eq!(int(&r, "t2_art20_1.normative_docs.in_force"), 9);
    assert_eq!(int(&r, "t2_art20_5.licensing.decisions"), 36);
    assert_eq!(entry(&r, "t2_art20_8.fees.amount"), money("1.2"));
    assert!(has_note(&r, &["12,000元", "万元"]), "{:#?}", r.notes);
    // Half-width （二）, “，” for “、” in （六）1.
    assert_eq!(int(&r, "t3.partial.total"), 4);
    assert_eq!(int(&r, "t3.other_no_correction.corp_other"), 1);
    assert_eq!(int(&r, "t3.results_total.total"), 26);
    assert_eq!(int(&r, "t4.lit_direct.total"), 2);
    assert!(!r.prose.contains_key("s2"), "captions are not prose");
}

#[test]
fn a_2021_report_one_cell_per_line_with_broken_labels() {
    let r = Importer::default()
        .text(&fixture_text("qinghe-2025-tabs.txt"))
        .unwrap();
    assert_sample_figures(&r, true);
    assert_eq!(entry(&r, "t3.new.corp_research"), None, "U+3000 is blank");
    assert_eq!(
        int(&r, "t3.partial.natural"),
        3,
        "（二） broken over two lines"
    );
    assert_eq!(entry(&r, "t2_art20_8.fees.amount"), money("1.20"));
    assert!(has_note(&r, &["表三", "25", "空白"]), "{:#?}", r.notes);
}

#[test]
fn a_2021_web_page_with_merged_cells() {
    let r = Importer::default()
        .html(&fixture_text("qinghe-2025.html"))
        .unwrap();
    assert_sample_figures(&r, true);
    assert_eq!(int(&r, "t2_art20_5.licensing.decisions"), 36);
    assert_eq!(int(&r, "t3.refused_repeat.corp_legal"), 1);
    assert!(!r.meta.preamble.contains("发布时间"));
    assert!(!r.prose("s6").contains("备案号"));
    // The same page through the file dispatch.
    let opened = nianbao::io::open_any(&fixture_path("qinghe-2025.html")).unwrap();
    assert_eq!(opened.report.cells, r.cells);
    assert_eq!(opened.notes, r.notes);
}

#[test]
fn a_2021_report_with_broken_sums_is_caught_by_the_checker() {
    let r = Importer::default()
        .text(&fixture_text("baishi-2022-broken-sums.txt"))
        .unwrap();
    assert_eq!(r.format.id, "gb2021");
    assert_eq!(r.meta.year, 2022);
    assert_eq!(r.meta.agency, "示例市云溪区白石镇人民政府");
    assert_eq!(int(&r, "t2_art20_5.licensing.decisions"), 1204);
    assert_eq!(entry(&r, "t2_art20_8.fees.amount"), money("3.5"));
    let findings = check(&r);
    let rowsum = fired(&findings, "T3-ROWSUM");
    assert_eq!(rowsum.len(), 1, "{findings:#?}");
    assert_eq!(
        rowsum[0].cells.first().map(String::as_str),
        Some("t3.new.total")
    );
    let bal: Vec<&str> = fired(&findings, "T3-BAL")
        .iter()
        .filter_map(|f| f.cells.first().map(String::as_str))
        .collect();
    // 新收 总计 is wrong by +1 and 结转 总计 too, so the 总计 column balances again.
    assert_eq!(bal, ["t3.results_total.natural"]);
    let t4 = fired(&findings, "T4-SUM");
    assert_eq!(t4.len(), 1);
    assert_eq!(
        t4[0].cells.first().map(String::as_str),
        Some("t4.review.total")
    );
    assert!(!fired(&findings, "X-REVIEW").is_empty());
}

#[test]
fn a_2019_report_in_tab_separated_rows_with_a_province_row() {
    let r = Importer::default()
        .text(&fixture_text("shengtai-2020-tabsep.txt"))
        .unwrap();
    assert_eq!(r.format.id, "gb2019");
    assert_eq!(r.meta.year, 2020);
    assert_eq!(r.meta.agency, "示例市生态环境局");
    assert_eq!(
        int(&r, "t2_art20_1.normative_docs.made"),
        6,
        "规 范 性 文 件"
    );
    assert_eq!(int(&r, "t2_art20_1.normative_docs.total_published"), 48);
    assert!(
        has_note(&r, &["其他主动公开文件", "5、5、20"]),
        "{:#?}",
        r.notes
    );
    assert_eq!(int(&r, "t2_art20_5.licensing.delta"), -2);
    assert_eq!(int(&r, "t2_art20_5.licensing.decisions"), 1036);
    assert_eq!(int(&r, "t2_art20_5.other_mgmt_services.prev_items"), 4);
    assert_eq!(int(&r, "t2_art20_5.other_mgmt_services.delta"), 1);
    assert_eq!(
        entry(&r, "t2_art20_6.coercion.delta"),
        Some(CellValue::NotApplicable)
    );
    assert_eq!(int(&r, "t2_art20_9.central_procurement.projects"), 9);
    assert_eq!(
        entry(&r, "t2_art20_9.central_procurement.amount"),
        money("1621624.23")
    );
    assert_eq!(int(&r, "t3.new.natural"), 10);
    assert_eq!(int(&r, "t3.disclosed.total"), 7, "(一)予以公开");
    assert_eq!(int(&r, "t3.other_processing.total"), 0);
    assert_eq!(int(&r, "t4.review.total"), 1);
    let errors: Vec<Finding> = check(&r)
        .into_iter()
        .filter(|f| f.severity == nianbao::model::Severity::Error)
        .collect();
    assert!(errors.is_empty(), "{errors:#?}");
}

#[test]
fn what_is_not_a_report_says_why() {
    assert!(matches!(
        Importer::default().text(""),
        Err(ImportError::Empty)
    ));
    assert!(matches!(
        Importer::default().text("会议纪要\n今天讨论了三件事。"),
        Err(ImportError::NotAReport)
    ));
    assert!(matches!(
        Importer::default().html("<html><body><p>欢迎访问</p></body></html>"),
        Err(ImportError::NotAReport)
    ));
}

#[test]
fn cli_check_and_import_read_the_published_text() {
    let fixture = fixture_path("xiaosha-2020.txt");
    let out = nianbao(&[std::ffi::OsStr::new("check"), fixture.as_os_str()]);
    assert_eq!(out.status.code(), Some(1));
    let stdout = String::from_utf8_lossy(&out.stdout);
    assert!(
        stdout.contains("[T4-SUM]") && stdout.contains("t4.review.total"),
        "{stdout}"
    );
    assert!(
        stdout.contains("[X-REVIEW]") && stdout.contains("t4.review.upheld"),
        "{stdout}"
    );
    assert!(String::from_utf8_lossy(&out.stderr).contains("2019年版格式"));

    let dir = tempfile::tempdir().unwrap();
    let draft = dir.path().join("小沙 2020.ron");
    let out = nianbao(&[
        std::ffi::OsStr::new("import"),
        fixture.as_os_str(),
        std::ffi::OsStr::new("-o"),
        draft.as_os_str(),
    ]);
    assert_eq!(
        out.status.code(),
        Some(0),
        "{}",
        String::from_utf8_lossy(&out.stderr)
    );
    let stderr = String::from_utf8_lossy(&out.stderr);
    assert!(
        stderr.contains("提示：") && stderr.contains("空白"),
        "{stderr}"
    );
    let loaded = nianbao::io::draft::load(&draft).unwrap();
    let imported = xiaosha();
    assert_eq!(loaded.cells, imported.cells);
    assert_eq!(loaded.meta, imported.meta);
    assert_eq!(loaded.notes, imported.notes);

    let json = dir.path().join("out.json");
    let page = fixture_path("xiaosha-2020-gbk.html");
    let out = nianbao(&[
        std::ffi::OsStr::new("export"),
        page.as_os_str(),
        std::ffi::OsStr::new("-o"),
        json.as_os_str(),
    ]);
    // The published report has a T4-SUM error: exported all the same, and exit 1 says so.
    assert_eq!(
        out.status.code(),
        Some(1),
        "{}",
        String::from_utf8_lossy(&out.stderr)
    );
    assert!(String::from_utf8_lossy(&out.stderr).contains("T4-SUM"));
    assert!(
        std::fs::read_to_string(&json)
            .unwrap()
            .contains("1621624.23")
    );
}

#[test]
fn cli_import_of_something_else_exits_2_with_the_reason() {
    let dir = tempfile::tempdir().unwrap();
    let notes = dir.path().join("会议纪要.txt");
    std::fs::write(&notes, "会议纪要\n今天讨论了三件事。\n").unwrap();
    let out_file = dir.path().join("out.ron");
    let out = nianbao(&[
        std::ffi::OsStr::new("import"),
        notes.as_os_str(),
        std::ffi::OsStr::new("-o"),
        out_file.as_os_str(),
    ]);
    assert_eq!(out.status.code(), Some(2));
    let stderr = String::from_utf8_lossy(&out.stderr);
    assert!(
        stderr.contains("不是政府信息公开工作年度报告") && stderr.contains("一、总体情况"),
        "{stderr}"
    );
    assert!(!out_file.exists());

    let empty = dir.path().join("empty.html");
    std::fs::write(&empty, "").unwrap();
    let out = nianbao(&[
        std::ffi::OsStr::new("import"),
        empty.as_os_str(),
        std::ffi::OsStr::new("-o"),
        out_file.as_os_str(),
    ]);
    assert_eq!(out.status.code(), Some(2));
    assert!(String::from_utf8_lossy(&out.stderr).contains("文件是空的"));
}

/// About 10 MB of text: the fixture over and over, then noise in every layout.
fn ten_megabytes() -> String {
    let fixture = fixture_text("xiaosha-2020.txt");
    let mut text = String::with_capacity(10_500_000);
    while text.len() < 6_000_000 {
        text.push_str(&fixture);
    }
    let mut i: u32 = 0;
    while text.len() < 10_000_000 {
        i = i.wrapping_mul(1_103_515_245).wrapping_add(12_345);
        match i % 5 {
            0 => text.push_str("\t规章\n\t１２\n"),
            1 => text.push_str("| 行政复议 | 1 | 2 | x |\n"),
            2 => text.push_str("\t本年新\n"),
            3 => text.push_str("一、总体情况\n"),
            _ => text.push_str("很长的一段文字，没有意义。\n"),
        }
    }
    text
}

#[test]
fn a_ten_megabyte_input_returns() {
    let text = ten_megabytes();
    assert!(text.len() >= 10_000_000);
    let r = Importer::default().text(&text).unwrap();
    assert_eq!(r.format.id, "gb2019");
    assert!(r.notes.len() <= 301, "notes are capped");

    // A page of nothing but 200,000 nested layout tables is not a report, and says so.
    let noise = "<div><table><tr><td>".repeat(200_000);
    let html = format!("<html><body>{noise}</body></html>");
    assert!(html.len() >= 4_000_000);
    assert!(matches!(
        Importer::default().html(&html),
        Err(ImportError::NotAReport)
    ));

    // The report's page with that nesting after the report: the report is read as it is alone.
    let page = fixture_text("qinghe-2025.html").replacen("</body>", &noise, 1);
    assert!(page.len() >= 4_000_000);
    let alone = Importer::default()
        .html(&fixture_text("qinghe-2025.html"))
        .unwrap();
    let r = Importer::default().html(&page).unwrap();
    assert_sample_figures(&r, true);
    assert_eq!(r.cells, alone.cells);
    assert_eq!(r.prose, alone.prose);
}

/// Issue 11 item 4: nesting after the report changes nothing and costs no more than its size
/// (100,000 nested `<b><i>` took 206 s, `<div>` 14 s; the speed is held by `benches/import.rs`).
#[test]
fn deeply_nested_pages_read_like_the_report_alone() {
    let report = fixture_text("qinghe-2025.html");
    let alone = Importer::default().html(&report).unwrap();
    for open in ["<b><i>", "<div>", "<span>", "<table><tr><td>"] {
        let page = report.replacen("</body>", &open.repeat(100_000), 1);
        let r = Importer::default().html(&page).unwrap();
        assert_eq!(r.cells, alone.cells, "{open}");
        assert_eq!(r.prose, alone.prose, "{open}");
        assert_eq!(r.meta, alone.meta, "{open}");
    }
    // Nested before the report: the report is still read whole.
    let wrapped = report.replacen("<body>", &format!("<body>{}", "<div>".repeat(50_000)), 1);
    let r = Importer::default().html(&wrapped).unwrap();
    assert_eq!(r.cells, alone.cells);
}

proptest! {
    #![proptest_config(ProptestConfig { cases: 256, ..ProptestConfig::default() })]

    #[test]
    fn text_import_never_panics(text in "\\PC*") {
        let _ = Importer::default().text(&text);
    }

    #[test]
    fn html_import_never_panics(text in "(<[a-z]{1,5}( (rowspan|colspan)=\"?[0-9]{0,6}\"?)?>|</[a-z]{1,5}>|[^<]{0,8})*") {
        let _ = Importer::default().html(&text);
    }

    #[test]
    fn text_of_report_pieces_never_panics(text in "(规章|行政复议|行政诉讼|总计|结果维持|本年新|制作数量|\t|\n|\n\n| \\| |\\||[0-9０-９,./—元件]{1,4}|\u{a0}|\u{3000}|一、总体情况|六、其他需要报告的事项|（一）予以公开|三、本年度办理结果|（三）不予公开|1.属于国家秘密|第二十条第（一）项|第二十条第(九)项|政府集中采购|小沙街道2020年度报告)*") {
        if let Ok(r) = Importer::default().text(&text) {
            let _ = check(&r);
        }
    }

    #[test]
    fn byte_import_never_panics(bytes in proptest::collection::vec(any::<u8>(), 0..2000)) {
        let _ = Importer::default().bytes(&bytes, Source::Text);
        let _ = Importer::default().bytes(&bytes, Source::Html);
    }

    #[test]
    fn a_damaged_fixture_never_panics(cuts in proptest::collection::vec((0usize..7000, 0usize..40, "[\\t|\n 0-9一、（）/]{0,6}"), 0..12)) {
        let mut text = fixture_text("xiaosha-2020.txt");
        for (at, len, insert) in cuts {
            let start = text.char_indices().map(|(i, _)| i).find(|&i| i >= at.min(text.len())).unwrap_or(text.len());
            let end = text.char_indices().map(|(i, _)| i).find(|&i| i >= start + len).unwrap_or(text.len());
            text.replace_range(start..end, &insert);
        }
        let _ = Importer::default().text(&text);
    }
}
