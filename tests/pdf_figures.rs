//! The figures and characters of a PDF export: a report of 999999s printed whole at nine points
//! or more, a blank row printed blank (not a total of 0), rare characters from a fallback face
//! and the rest reported with their place, the command line's warning.
#![allow(clippy::unwrap_used, clippy::expect_used)]

mod pdf_support;

use nianbao::io::pdf::{PdfOptions, export_pdf};
use nianbao::model::{CellValue, Decimal, Report, format};
use pdf_support::*;

/// The sample with 999999 in every cell a clerk types; the totals are computed (表三's 总计 of
/// （七）总计 has nine digits, 表四's totals seven).
fn nines() -> Report {
    let mut r = nianbao::io::sample().unwrap();
    for ix in 0..r.format.cells.len() {
        let info = r.format.cell(ix).unwrap();
        let value = match info.kind {
            format::CellKind::Money(_) => CellValue::Money(Decimal::from_int(999_999)),
            _ => CellValue::Int(999_999),
        };
        r.set(ix, (!info.derived).then_some(value));
    }
    r
}

#[test]
fn a_report_of_999999s_prints_every_figure_whole_at_nine_points_or_more() {
    let report = nines();
    let (_, doc) = export("nines", &report, &PdfOptions::default());
    let text = text(&doc);
    // Every row of 二 and 三 reads as its label and its whole figures; a figure broken over two
    // lines ("99999" over "9") would read as two figures or be missed.
    assert_text(&report, &doc, &text);
    let shown = shown(&report);
    assert_single_row(&report, &doc, "t4", &shown);
    assert!(
        text.contains("125999874"),
        "表三 （七）总计 总计: 21 rows × 6 columns × 999999"
    );
    for run in runs(&doc).iter().filter(|r| r.text.starts_with("99")) {
        assert!(run.size >= 9.0, "{} at {} pt", run.text, run.size);
    }
}

#[test]
fn a_row_left_blank_prints_blank_not_a_total_of_0() {
    let mut report = nianbao::io::sample().unwrap();
    let f = report.format;
    let t3 = f.table("t3").unwrap();
    for col in &t3.columns {
        let new = format!("t3.new.{}", col.id);
        let carried = format!("t3.carried_in.{}", col.id);
        if !f.cell(f.cell_index(&new).unwrap()).unwrap().derived {
            assert!(report.set_by_id(&new, None));
            assert!(report.set_by_id(&carried, Some(CellValue::NotApplicable)));
        }
    }
    let (_, doc) = export("blank-rows", &report, &PdfOptions::default());
    let runs = runs(&doc);
    let (new, _) = row_figures(&runs, "一、本年新收政府信息公开申请数量", 0).unwrap();
    assert_eq!(new, Vec::<String>::new(), "总计 of a blank row");
    let (carried, _) = row_figures(&runs, "二、上年结转政府信息公开申请数量", 0).unwrap();
    assert_eq!(carried, vec!["/"; 7], "总计 of a row of “/”");
    assert!(nianbao::io::pdf::BLANKS_ON_PAPER.contains("不印 0"));
}

/// The sample with characters none of the bundled faces has, in the prose and the title.
fn rare_characters() -> Report {
    let mut report = nianbao::io::sample().unwrap();
    report.meta.title = "示例市云溪区青禾街道㊣2025年政府信息公开工作年度报告".into();
    let s1 = format!("经办人张𠀀、李𪚥😀。{}", report.prose("s1"));
    report.prose.insert("s1".into(), s1);
    report
}

#[test]
fn rare_characters_print_from_a_fallback_face_and_the_rest_are_reported_with_their_place() {
    let report = rare_characters();
    // Without a face for them: all four reported, in the title and in 一.
    let (out, _) = export("rare-bundled", &report, &PdfOptions::default());
    let places: Vec<(String, String)> = out
        .missing_glyphs
        .iter()
        .map(|m| (m.label.clone(), m.chars.iter().collect()))
        .collect();
    assert_eq!(
        places,
        [
            ("标题".to_owned(), "㊣".to_owned()),
            ("一、总体情况".to_owned(), "𠀀𪚥😀".to_owned()),
        ]
    );
    // A system face that has three of them (a Windows SimSun-ExtB stand-in): those print from
    // it, only 😀 is left to report.
    let dir = tempfile::tempdir().unwrap();
    std::fs::copy(
        manifest("tests/fixtures/fonts/fallback-test.ttf"),
        dir.path().join("simsunb.ttf"),
    )
    .unwrap();
    let options = with_fonts(dir.path());
    let (out, doc) = export("rare-fallback", &report, &options);
    assert_eq!(out.missing_glyphs.len(), 1, "{:?}", out.missing_glyphs);
    assert_eq!(out.missing_glyphs[0].chars, ['😀']);
    assert_eq!(
        nianbao::io::pdf::missing_glyphs(&report, &options).unwrap(),
        out.missing_glyphs,
        "the editor's check before printing says the same"
    );
    assert!(
        out.fonts_used
            .iter()
            .any(|f| f.starts_with("补充字体：SimSun-ExtB（") && f.ends_with("用于 ㊣𠀀𪚥")),
        "{:?}",
        out.fonts_used
    );
    let fonts = embedded_fonts(&doc);
    assert!(fonts.iter().any(|f| f.starts_with("NBFBAA+")), "{fonts:?}");
    let text = text(&doc);
    assert!(text.contains("经办人张𠀀、李𪚥"), "drawn and extractable");
    assert!(text.contains("街道㊣2025年"));
    assert_text(&report, &doc, &text);
    let again = export_pdf(&report, &options).unwrap();
    assert!(
        again.bytes == out.bytes,
        "deterministic with a fallback face"
    );
}

#[test]
fn the_cli_warns_of_characters_it_cannot_print() {
    let dir = tempfile::tempdir().unwrap();
    let draft = dir.path().join("生僻字.ron");
    nianbao::io::draft::save(&rare_characters(), &draft).unwrap();
    let out = dir.path().join("生僻字.pdf");
    let run = std::process::Command::new(env!("CARGO_BIN_EXE_nianbao"))
        .arg("export")
        .arg(&draft)
        .arg("-o")
        .arg(&out)
        .output()
        .unwrap();
    assert!(run.status.success());
    let stderr = String::from_utf8_lossy(&run.stderr);
    assert!(
        stderr.contains("警告　一、总体情况中的 “𠀀”、“𪚥”、“😀” 没有可用的字体"),
        "{stderr}"
    );
    assert!(stderr.contains("警告　标题中的 “㊣”"), "{stderr}");
    assert!(out.exists());
}
