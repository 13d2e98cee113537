//! 汇总 on generated batches (tests/support/batch.rs): exact sums including 万元 decimals, the
//! duplicate, the wrong year, unreadable files, a 2019-format unit, the roster, copied prose and
//! no false pair among 50 honest units, `--against`, the matrix read back, the 退回意见, honest
//! units checking clean; the command line is in sum_cli.rs, the names and years in sum_names.rs.
#![allow(clippy::unwrap_used, clippy::expect_used)]

#[path = "support/batch.rs"]
mod batch;

use std::collections::BTreeSet;
use std::path::Path;

use batch::{Kind, ProseChoices, Rng};
use nianbao::io::{self, draft};
use nianbao::model::format;
use nianbao::model::sum::{self, Reason, Status, SumOptions, Summary, UnitInput};
use nianbao::model::{CellValue, Decimal, Report, Severity, check};

const YEAR: u16 = 2025;

fn read(dir: &Path) -> Vec<UnitInput> {
    let files = io::batch::collect(&[dir.to_path_buf()], &[]);
    io::batch::read_units(&files, &|_, _| {})
}

fn summarize(dir: &Path, options: &SumOptions) -> Summary {
    sum::summarize(read(dir), options)
}

fn number(r: &Report, id: &str) -> Decimal {
    let ix = r.format.cell_index(id).unwrap();
    r.resolve()[ix].number().unwrap_or(Decimal::ZERO)
}

fn unit_index(summary: &Summary, file_part: &str) -> usize {
    summary
        .units
        .iter()
        .position(|u| u.file.contains(file_part))
        .unwrap_or_else(|| panic!("no unit {file_part}"))
}

/// Every cell of the total is the sum of the generated reports' figures (computed here, by id,
/// independently of the model's summing).
fn assert_total_is_sum(total: &Report, reports: &[&Report]) {
    for info in &total.format.cells {
        let expected = reports
            .iter()
            .map(|r| {
                r.format
                    .cell_index(&info.id)
                    .and_then(|ix| r.resolve()[ix].number())
                    .unwrap_or(Decimal::ZERO)
            })
            .try_fold(Decimal::ZERO, Decimal::checked_add)
            .unwrap();
        assert_eq!(number(total, &info.id), expected, "{}", info.id);
    }
}

#[test]
fn a_mixed_batch_sums_exactly_including_money_and_the_total_checks_clean() {
    let dir = tempfile::tempdir().unwrap();
    let fees = ["12.3456", "0.05", "7", "103.1", "0.0001", "55.55"];
    let mut reports = Vec::new();
    for (i, fee) in fees.iter().enumerate() {
        let (mut r, _) = batch::honest_unit(i, YEAR, 1);
        let cell = Some(CellValue::Money(fee.parse().unwrap()));
        assert!(r.set_by_id("t2_art20_8.fees.amount", cell));
        batch::write(&r, dir.path(), &format!("单位 {i}"), Kind::nth(i));
        reports.push(r);
    }
    let summary = summarize(dir.path(), &SumOptions::default());
    assert_eq!(summary.year, Some(YEAR));
    for u in &summary.units {
        assert_eq!(u.status, Status::Included, "{}: {:?}", u.file, u.reasons);
        assert_eq!(
            (u.errors, u.warnings),
            (0, 0),
            "{}: {:#?}",
            u.file,
            u.findings
        );
    }
    let total = summary.total.as_ref().unwrap();
    assert_eq!(total.format.id, "gb2021");
    assert_eq!(total.meta.year, YEAR);
    assert_eq!(
        total.meta.agency,
        batch::COUNTY,
        "the county the units share"
    );
    // 万元 with exact decimals: 12.3456 + 0.05 + 7 + 103.1 + 0.0001 + 55.55.
    let ix = total.format.cell_index("t2_art20_8.fees.amount").unwrap();
    assert_eq!(total.entry(ix).unwrap().display(), "178.0457");
    assert_total_is_sum(total, &reports.iter().collect::<Vec<_>>());
    // Every input cell is written (0 where nothing was filed); totals are computed, not typed.
    for (ix, info) in total.format.cells.iter().enumerate() {
        assert_eq!(total.entry(ix).is_some(), !info.derived, "{}", info.id);
    }
    // The total opens as a draft and checks clean, as its units do.
    let path = dir.path().join("TOTAL.ron");
    draft::save(total, &path).unwrap();
    let loaded = draft::load(&path).unwrap();
    assert_eq!(&loaded, total);
    assert_eq!(check(&loaded), Vec::new());
    // The hover: contributions add up to the cell and come largest first.
    let fee_units = summary.contributors(ix);
    assert_eq!(fee_units.len(), 6);
    assert_eq!(fee_units[0].1.to_string(), "103.1");
    assert!(fee_units.windows(2).all(|w| w[0].1 >= w[1].1));
    let t3 = total.format.cell_index("t3.results_total.total").unwrap();
    let sum = summary
        .contributors(t3)
        .iter()
        .try_fold(Decimal::ZERO, |a, (_, v)| a.checked_add(*v))
        .unwrap();
    assert_eq!(Some(sum), total.resolve()[t3].number());
}

#[test]
fn duplicates_wrong_years_unreadable_files_and_an_old_format_unit() {
    let dir = tempfile::tempdir().unwrap();
    let d = dir.path();
    let mut reports = Vec::new();
    for i in 0..5 {
        let (r, _) = batch::honest_unit(i, YEAR, 2);
        batch::write(&r, d, &format!("u{i}"), Kind::nth(i));
        reports.push(r);
    }
    // The same report again, as the published page (same agency, same figures).
    batch::write(&reports[0], d, "u0（重复）", Kind::Html);
    // Last year's report of unit 1.
    let (old, _) = batch::honest_unit(1, YEAR - 1, 2);
    batch::write(&old, d, "u1-last-year", Kind::Ron);
    // Unreadable: a broken draft, an empty page, a text that is no report.
    std::fs::write(d.join("broken.ron"), "(schema_version: 1, format: ").unwrap();
    std::fs::write(d.join("empty.html"), "").unwrap();
    std::fs::write(d.join("会议纪要.txt"), "今天开会。\n明天继续。").unwrap();
    // Not a report file at all: not even looked at.
    std::fs::write(d.join("说明.docx.bak"), "x").unwrap();
    // A unit that filed this year in the 2019 form (in a subfolder).
    std::fs::create_dir(d.join("乡镇")).unwrap();
    let mut rng = Rng::new(9);
    let mut old_form = Report::new(format::by_id("gb2019").unwrap(), YEAR);
    let (full, _) = batch::names(20);
    old_form.meta.agency = full.clone();
    old_form.meta.title = nianbao::model::Meta::default_title(&full, YEAR);
    let fresh = batch::unit_with(20, 2020, &ProseChoices::new(&mut rng), &mut rng);
    old_form.cells = fresh.cells.clone();
    old_form.prose = fresh.prose.clone();
    batch::write(&old_form, &d.join("乡镇"), "u20", Kind::Txt);

    let summary = summarize(d, &SumOptions::default());
    assert_eq!(summary.year, Some(YEAR));
    assert_eq!(summary.units.len(), 11, "{:#?}", summary.units);
    let status = |part: &str| summary.units[unit_index(&summary, part)].status;
    let reason = |part: &str| {
        summary.units[unit_index(&summary, part)]
            .reason_text()
            .unwrap_or_default()
    };
    let dup = unit_index(&summary, "u0（重复）");
    assert_eq!(
        summary.duplicates,
        vec![(unit_index(&summary, "u0.ron"), dup)]
    );
    assert_eq!(status("u0（重复）"), Status::Excluded);
    assert!(
        reason("u0（重复）").starts_with("重复报送"),
        "{}",
        reason("u0（重复）")
    );
    assert_eq!(status("u1-last-year"), Status::Excluded);
    assert!(reason("u1-last-year").starts_with("年份不符"));
    for bad in ["broken.ron", "empty.html", "会议纪要.txt"] {
        assert_eq!(status(bad), Status::Excluded, "{bad}");
        assert!(
            reason(bad).starts_with("无法读取"),
            "{bad}: {}",
            reason(bad)
        );
    }
    assert!(reason("broken.ron").contains("草稿文件内容有误"));
    // The old form: summed, moved into the 2021 format, flagged, its own check says so.
    let u20 = &summary.units[unit_index(&summary, "u20")];
    assert_eq!(u20.status, Status::Included);
    assert_eq!(u20.format.map(|f| f.id.as_str()), Some("gb2019"));
    assert!(
        matches!(u20.reasons[0], Reason::Migrated { .. }),
        "{:?}",
        u20.reasons
    );
    assert!(u20.findings.iter().any(|f| f.rule == "Y-FORMAT"));
    let total = summary.total.as_ref().unwrap();
    // Summed: the five units once each, and the old form's figures where the 2021 form puts them.
    let mut expected = number(&old_form, "t3.new.total");
    for r in &reports {
        expected = expected.checked_add(number(r, "t3.new.total")).unwrap();
    }
    assert_eq!(number(total, "t3.new.total"), expected);
    let mut other_misc = number(&old_form, "t3.other_processing.natural");
    for r in &reports {
        other_misc = other_misc
            .checked_add(number(r, "t3.other_misc.natural"))
            .unwrap();
    }
    assert_eq!(number(total, "t3.other_misc.natural"), other_misc);
    // A note in the total for every unit left out or flagged.
    let sum_notes: Vec<&str> = total
        .notes
        .iter()
        .filter(|n| n.kind == nianbao::model::NoteKind::Sum)
        .map(|n| n.text.as_str())
        .collect();
    for part in [
        "u0（重复）",
        "u1-last-year",
        "broken.ron",
        "empty.html",
        "会议纪要",
        "u20",
    ] {
        assert!(
            sum_notes.iter().any(|n| n.contains(part)),
            "{part}: {sum_notes:#?}"
        );
    }
    // The move's own notes come along, under the unit's name.
    assert!(
        total
            .notes
            .iter()
            .any(|n| n.kind == nianbao::model::NoteKind::Migration && n.text.contains("u20")),
        "{:#?}",
        total.notes
    );
    // Asked for last year: only that report is summed.
    let last = summarize(
        d,
        &SumOptions {
            year: Some(YEAR - 1),
            ..SumOptions::default()
        },
    );
    assert_eq!(last.included().count(), 1);
    assert_eq!(last.total.unwrap().meta.year, YEAR - 1);
}

#[test]
fn roster_names_match_after_normalising_and_the_missing_are_listed() {
    let dir = tempfile::tempdir().unwrap();
    for i in 0..6 {
        let (r, _) = batch::honest_unit(i, YEAR, 3);
        batch::write(&r, dir.path(), &format!("{i}"), Kind::nth(i));
    }
    let (full0, _) = batch::names(0);
    let (_, short1) = batch::names(1);
    let (full2, _) = batch::names(2);
    let (_, short3) = batch::names(3);
    let (full4, _) = batch::names(4);
    let (_, short5) = batch::names(5);
    let spaced: String = full2.chars().flat_map(|c| [c, '\u{3000}']).collect();
    let roster_text = format!(
        "\u{feff}{full0}\r\n{short1}\r\n {spaced} \r\n\r\n{short3}\r\n{}\r\n示例县白石镇人民政府\r\n示例县财政局\r\n",
        full4.replace('示', " 示")
    );
    let roster_path = dir.path().join("名单.txt.list");
    std::fs::write(&roster_path, &roster_text).unwrap();
    let roster = io::batch::read_roster(&roster_path).unwrap();
    assert_eq!(roster.len(), 7);
    let summary = summarize(
        dir.path(),
        &SumOptions {
            roster,
            ..SumOptions::default()
        },
    );
    assert_eq!(
        summary.missing,
        vec!["示例县白石镇人民政府", "示例县财政局"]
    );
    // Unit 5 is not on the roster; the others answer to their line.
    let u1 = &summary.units[unit_index(&summary, "1.txt")];
    assert_eq!(u1.roster_name.as_deref(), Some(short1.as_str()));
    assert_eq!(
        summary.units[unit_index(&summary, "5.html")].roster_name,
        None
    );
    let _ = short5;
}

/// The 汇总 settings of the year's format (its `summary.similar`).
fn similar_settings() -> &'static format::SimilarDef {
    &format::for_year(YEAR).unwrap().summary.similar
}

/// The exact score of every pair and section, brute force (no prefix filter).
fn all_scores(reports: &[Report]) -> Vec<((usize, usize), &'static str, f64)> {
    let mut scores = Vec::new();
    let settings = similar_settings();
    for section in &settings.sections {
        let section = section.as_str();
        let texts: Vec<Option<sum::SectionText>> = reports
            .iter()
            .map(|r| sum::SectionText::new(r, section, settings.min_chars))
            .collect();
        for a in 0..reports.len() {
            for b in a + 1..reports.len() {
                if let (Some(ta), Some(tb)) = (&texts[a], &texts[b]) {
                    scores.push(((a, b), section, ta.similarity(tb)));
                }
            }
        }
    }
    scores
}

/// About 3 s in a debug build: 51 files read and checked, and every one of the 3,825 section
/// pairs scored by brute force to prove the margin and that the prefix filter misses nothing.
#[test]
fn copied_prose_is_found_and_fifty_honest_units_give_no_false_pair() {
    let dir = tempfile::tempdir().unwrap();
    let mut reports = Vec::new();
    let mut choices = Vec::new();
    for i in 0..50 {
        let (r, c) = batch::honest_unit(i, YEAR, 4);
        batch::write(&r, dir.path(), &format!("{i:02}"), Kind::nth(i));
        reports.push(r);
        choices.push(c);
    }
    // Honest units share the official phrases and the sub-headings, never 80 % of their text.
    let honest = all_scores(&reports);
    let max = honest.iter().map(|s| s.2).fold(0.0, f64::max);
    eprintln!("highest score between honest units: {max:.3}");
    let threshold = similar_settings().threshold;
    assert!(max < threshold, "{max}");
    // Unit 50 copies unit 7's prose: its own name and figures, one sentence rewritten.
    let mut rng = Rng::new(77);
    let copied_choices = choices[7].edited(5, &mut rng);
    let copy = batch::unit_with(50, YEAR, &copied_choices, &mut rng);
    batch::write(&copy, dir.path(), "50", Kind::Txt);
    reports.push(copy);

    let summary = summarize(dir.path(), &SumOptions::default());
    assert_eq!(summary.included().count(), 51);
    let (seven, fifty) = (
        unit_index(&summary, "07.txt"),
        unit_index(&summary, "50.txt"),
    );
    let found: BTreeSet<(usize, usize, String)> = summary
        .similar
        .iter()
        .map(|s| (s.units[0], s.units[1], s.section.clone()))
        .collect();
    let expected: BTreeSet<(usize, usize, String)> = ["s1", "s5", "s6"]
        .iter()
        .map(|s| (seven, fifty, (*s).to_owned()))
        .collect();
    assert_eq!(found, expected, "{:#?}", summary.similar);
    for s in &summary.similar {
        assert!(s.score >= threshold && s.score <= 1.0);
    }
    // The prefix filter misses nothing the brute force finds.
    let brute: usize = all_scores(&reports)
        .iter()
        .filter(|s| s.2 >= threshold)
        .count();
    assert_eq!(brute, summary.similar.len());
}

#[test]
fn a_county_report_is_checked_against_the_sum() {
    let dir = tempfile::tempdir().unwrap();
    for i in 0..8 {
        let (r, _) = batch::honest_unit(i, YEAR, 5);
        batch::write(&r, dir.path(), &format!("{i}"), Kind::nth(i));
    }
    let summary = summarize(dir.path(), &SumOptions::default());
    let total = summary.total.clone().unwrap();
    assert!(summary.against(&total).is_empty());
    let mut county = total.clone();
    let natural = number(&total, "t3.new.natural");
    county.set_by_id(
        "t3.new.natural",
        Some(CellValue::Int(natural.to_int().unwrap() + 1)),
    );
    county.set_by_id(
        "t2_art20_8.fees.amount",
        Some(CellValue::Money("1.5".parse().unwrap())),
    );
    let findings = summary.against(&county);
    let cells: BTreeSet<&str> = findings.iter().map(|f| f.cells[0].as_str()).collect();
    // The cell, its row total, its column's 总计 is not affected (new is not a result).
    let expected: BTreeSet<&str> = ["t3.new.natural", "t3.new.total", "t2_art20_8.fees.amount"]
        .into_iter()
        .collect();
    assert_eq!(cells, expected, "{findings:#?}");
    let f = findings
        .iter()
        .find(|f| f.cells[0] == "t3.new.natural")
        .unwrap();
    assert_eq!(f.rule, "H-SUM");
    assert_eq!(f.severity, Severity::Error);
    assert_eq!(f.expected.as_deref(), Some(natural.to_string().as_str()));
    assert_eq!(
        f.actual.as_deref(),
        Some((natural.to_int().unwrap() + 1).to_string().as_str())
    );
    let ix = total.format.cell_index("t3.new.natural").unwrap();
    let (top, value) = summary.contributors(ix)[0];
    let top_name = summary.units[top].name();
    assert!(
        f.message.contains(&format!("{top_name} {value}")),
        "{}",
        f.message
    );
}

#[test]
fn the_matrix_reads_back_from_xlsx_and_csv() {
    use calamine::{Data, Reader, Xlsx, open_workbook};
    let dir = tempfile::tempdir().unwrap();
    for i in 0..4 {
        let (r, _) = batch::honest_unit(i, YEAR, 6);
        batch::write(&r, dir.path(), &format!("{i}"), Kind::nth(i));
    }
    std::fs::write(dir.path().join("bad.txt"), "不是报告").unwrap();
    let summary = summarize(dir.path(), &SumOptions::default());
    let total = summary.total.as_ref().unwrap();
    let out = tempfile::tempdir().unwrap();
    let xlsx = out.path().join("明细 2025.xlsx");
    io::matrix::write_matrix(&summary, &xlsx).unwrap();
    let mut book: Xlsx<_> = open_workbook(&xlsx).unwrap();
    assert_eq!(book.sheet_names(), vec!["2025年度明细", "单位"]);
    let sheet = book.worksheet_range("2025年度明细").unwrap();
    let cells = total.format.cells.len();
    assert_eq!(sheet.get_size(), (2 + 4 + 1, 2 + cells));
    let col = 2 + total.format.cell_index("t2_art20_8.fees.amount").unwrap();
    assert_eq!(
        sheet.get((1, col)),
        Some(&Data::String("t2_art20_8.fees.amount".to_owned()))
    );
    let fee: f64 = number(total, "t2_art20_8.fees.amount")
        .to_string()
        .parse()
        .unwrap();
    assert_eq!(sheet.get((6, col)), Some(&Data::Float(fee)));
    assert_eq!(sheet.get((6, 0)), Some(&Data::String("合计".to_owned())));
    let units = book.worksheet_range("单位").unwrap();
    assert_eq!(units.get_size().0, 1 + 5);
    let label = match sheet.get((0, col)) {
        Some(Data::String(s)) => s.clone(),
        other => panic!("{other:?}"),
    };
    assert!(label.contains("行政事业性收费"), "{label}");

    let csv_path = out.path().join("明细.csv");
    io::matrix::write_matrix(&summary, &csv_path).unwrap();
    let bytes = std::fs::read(&csv_path).unwrap();
    assert!(bytes.starts_with("\u{feff}".as_bytes()));
    let text = String::from_utf8(bytes).unwrap();
    let lines: Vec<&str> = text.split("\r\n").filter(|l| !l.is_empty()).collect();
    assert_eq!(lines.len(), 2 + 4 + 1);
    assert!(lines[1].contains(",t3.new.natural,"));
    assert!(lines[6].starts_with("合计,,"));
    assert_eq!(lines[6].split(',').count(), 2 + cells);
    assert!(matches!(
        io::matrix::write_matrix(&summary, &out.path().join("x.pdf")),
        Err(io::matrix::MatrixError::UnknownKind(_))
    ));
}

#[test]
fn return_notes_list_each_units_problems() {
    let dir = tempfile::tempdir().unwrap();
    let (mut broken, _) = batch::honest_unit(0, YEAR, 7);
    broken.set_by_id("t4.review.total", Some(CellValue::Int(99)));
    batch::write(&broken, dir.path(), "broken", Kind::Ron);
    let (clean, _) = batch::honest_unit(1, YEAR, 7);
    batch::write(&clean, dir.path(), "clean", Kind::Ron);
    let (old, _) = batch::honest_unit(2, YEAR - 1, 7);
    batch::write(&old, dir.path(), "old", Kind::Ron);
    let summary = summarize(dir.path(), &SumOptions::default());
    let out = tempfile::tempdir().unwrap();
    let written = io::batch::write_return_notes(&summary, &out.path().join("退回意见")).unwrap();
    let names: Vec<String> = written
        .iter()
        .map(|p| p.file_name().unwrap().to_string_lossy().into_owned())
        .collect();
    let (full0, _) = batch::names(0);
    let (full2, _) = batch::names(2);
    assert_eq!(
        names,
        vec![
            format!("{full0}-退回意见.txt"),
            format!("{full2}-退回意见.txt")
        ]
    );
    let text = String::from_utf8(std::fs::read(&written[0]).unwrap()).unwrap();
    assert!(text.starts_with('\u{feff}'));
    assert!(text.contains("\r\n"));
    assert!(text.contains("[T4-SUM]"), "{text}");
    assert!(text.contains("一、错误（必须改正，共 1 处）"), "{text}");
    let old_text = std::fs::read_to_string(&written[1]).unwrap();
    assert!(old_text.contains("年份不符"), "{old_text}");
}

#[test]
fn reading_reports_progress_and_keeps_the_order() {
    let dir = tempfile::tempdir().unwrap();
    for i in 0..7 {
        let (r, _) = batch::honest_unit(i, YEAR, 8);
        batch::write(&r, dir.path(), &format!("{i}"), Kind::nth(i));
    }
    let files = io::batch::collect(&[dir.path().to_path_buf()], &[dir.path().join("2.html")]);
    assert_eq!(files.len(), 6, "the skipped file is left out");
    let calls = std::sync::Mutex::new(Vec::new());
    let inputs = io::batch::read_units(&files, &|n, m| calls.lock().unwrap().push((n, m)));
    let mut calls = calls.into_inner().unwrap();
    calls.sort_unstable();
    assert_eq!(calls, (1..=6).map(|n| (n, 6)).collect::<Vec<_>>());
    let read: Vec<&str> = inputs.iter().map(|u| u.file.as_str()).collect();
    let given: Vec<String> = files.iter().map(|f| f.display().to_string()).collect();
    assert_eq!(read, given);
}

#[test]
fn generated_honest_units_check_clean_as_drafts_text_and_pages() {
    for seed in 0..4 {
        for i in 0..30 {
            let (r, _) = batch::honest_unit(i, YEAR, seed);
            let findings = check(&r);
            assert!(
                findings.is_empty(),
                "seed {seed} unit {i}: {findings:#?}\n{}",
                r.prose("s1")
            );
            if i % 10 == 0 {
                for (kind, text) in [
                    (
                        nianbao::model::import::Source::Text,
                        batch::published_text(&r),
                    ),
                    (
                        nianbao::model::import::Source::Html,
                        batch::published_page(&r),
                    ),
                ] {
                    let back = nianbao::model::import::Importer::default()
                        .bytes(text.as_bytes(), kind)
                        .unwrap();
                    assert_eq!(back.resolve(), r.resolve(), "seed {seed} unit {i} {kind:?}");
                    assert_eq!(back.meta.agency, r.meta.agency);
                    assert_eq!(back.meta.year, r.meta.year);
                    let findings = check(&back);
                    assert!(
                        findings.is_empty(),
                        "seed {seed} unit {i} {kind:?}: {findings:#?}"
                    );
                }
            }
        }
    }
}

#[test]
fn a_drafts_backup_in_the_folder_is_not_a_second_unit() {
    let dir = tempfile::tempdir().unwrap();
    let (first, _) = batch::honest_unit(0, YEAR, 7);
    let path = batch::write(&first, dir.path(), "单位", Kind::Ron);
    // Saved again with another figure: the earlier version is kept as 单位.ron.bak.
    let mut second = first.clone();
    let ix = second.format.cell_index("t3.new.natural").unwrap();
    second.cells[ix] = Some(CellValue::Int(9_999));
    draft::save(&second, &path).unwrap();
    assert!(dir.path().join("单位.ron.bak").exists());
    let summary = summarize(dir.path(), &SumOptions::default());
    assert_eq!(
        summary.units.len(),
        1,
        "{:?}",
        summary.units.iter().map(|u| &u.file).collect::<Vec<_>>()
    );
    let total = summary.total.unwrap();
    assert_eq!(
        number(&total, "t3.new.natural"),
        number(&second, "t3.new.natural")
    );
}
