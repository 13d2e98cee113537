//! A new official format is one file. `tests/formats/gb2031.ron` — a made-up copy of gb2021 with
//! one extra row (第二十条第（一）项 “其他政策文件”) and a migration from gb2021 — is loaded
//! through the same path as the built-in formats (`Registry::from_sources`, next to the files
//! `build.rs` found in `assets/formats/`), and the grid, the checker, the PDF, the importer (text,
//! and our own Word and PDF exports read back), the drafts and the rollover all work on it without
//! a line of Rust about it.
#![allow(clippy::unwrap_used, clippy::expect_used)]

use std::sync::OnceLock;

use egui_kittest::Harness;
use egui_kittest::kittest::Queryable;
use nianbao::io::{draft, pdf};
use nianbao::model::format::{self, Format, Registry, Severity};
use nianbao::model::rollover::{migrate, next_year_in};
use nianbao::model::{CellValue, Date, NoteKind, Report, check, import};

const EXTRA_LABEL: &str = "其他政策文件";
const EXTRA_ISSUED: &str = "t2_art20_1.policy_docs.issued";
const EXTRA_IN_FORCE: &str = "t2_art20_1.policy_docs.in_force";

/// The built-in formats plus gb2031, compiled once for the whole test binary.
fn registry() -> &'static Registry {
    static REGISTRY: OnceLock<&'static Registry> = OnceLock::new();
    REGISTRY.get_or_init(|| {
        let mut sources = format::builtin_sources().to_vec();
        sources.push(("gb2031.ron", include_str!("formats/gb2031.ron")));
        Registry::from_sources(&sources).unwrap().leak()
    })
}

fn gb2031() -> &'static Format {
    registry().by_id("gb2031").unwrap()
}

fn get(r: &Report, id: &str) -> Option<CellValue> {
    r.entry(r.format.cell_index(id).unwrap()).cloned()
}

fn set(r: &mut Report, id: &str, v: i64) {
    assert!(r.set_by_id(id, Some(CellValue::Int(v))), "{id}");
}

/// A 2031 report: the built-in sample's figures and prose moved into gb2031 (same ids, the years
/// in the title and the text moved on too), and the extra row filled in consistently.
fn report_2031() -> Report {
    let mut sample = nianbao::io::sample().unwrap();
    sample.meta.year = 2031;
    sample.meta.title = sample.meta.title.replace("2025年", "2031年");
    sample.meta.preamble = sample.meta.preamble.replace("2025年", "2031年");
    sample.meta.signature_date = Date::parse("2032年1月20日");
    for text in sample.prose.values_mut() {
        *text = text.replace("2025年", "2031年");
    }
    let mut r = migrate(&sample, gb2031());
    r.notes.clear();
    set(&mut r, EXTRA_ISSUED, 4);
    set(&mut r, "t2_art20_1.policy_docs.repealed", 1);
    set(&mut r, EXTRA_IN_FORCE, 7);
    r
}

#[test]
fn the_third_format_loads_beside_the_built_in_ones() {
    let r = registry();
    let ids: Vec<&str> = r.iter().map(|f| f.id.as_str()).collect();
    assert_eq!(ids, ["gb2031", "gb2021", "gb2019"]);
    assert_eq!(
        r.by_id("gb2021").unwrap().last_year,
        Some(2030),
        "gb2021 ends where gb2031 starts, with no edit to gb2021.ron"
    );
    assert_eq!(r.for_year(2030).unwrap().id, "gb2021");
    assert_eq!(r.for_year(2031).unwrap().id, "gb2031");
    assert_eq!(r.current().unwrap().id, "gb2031");
    assert_eq!(*r.supported_years().start(), 2019);
    let f = gb2031();
    let t2 = f.table("t2_art20_1").unwrap();
    assert_eq!(t2.rows.len(), 3);
    assert_eq!(t2.rows[2].label, EXTRA_LABEL);
    assert_eq!(
        f.cells.len(),
        r.by_id("gb2021").unwrap().cells.len() + 3,
        "one extra row of three columns"
    );
    // The built-in registry is untouched.
    assert_eq!(format::builtin().formats().len(), 2);
}

#[test]
fn the_checker_runs_the_rules_over_the_extra_row() {
    let mut r = report_2031();
    let findings = check::check_in(registry(), &r, None);
    assert!(findings.is_empty(), "{findings:#?}");
    // 现行有效件数 below 本年制发 − 本年废止 on the extra row: T2-INFORCE-LB names it.
    set(&mut r, EXTRA_IN_FORCE, 2);
    let findings = check::check_in(registry(), &r, None);
    assert_eq!(findings.len(), 1, "{findings:#?}");
    let f = &findings[0];
    assert_eq!(f.rule, "T2-INFORCE-LB");
    assert_eq!(f.severity, Severity::Warning);
    assert!(f.cells.contains(&EXTRA_IN_FORCE.to_owned()));
    assert!(f.message.contains(EXTRA_LABEL), "{}", f.message);
    assert_eq!(
        (f.expected.as_deref(), f.actual.as_deref()),
        (Some("3"), Some("2"))
    );
    // Y-FORMAT asks the registry: a 2030 report in gb2031 names gb2021 as the one to use.
    r.meta.year = 2030;
    let findings = check::check_in(registry(), &r, None);
    let y = findings.iter().find(|f| f.rule == "Y-FORMAT").unwrap();
    assert_eq!(
        y.expected.as_deref(),
        Some(registry().by_id("gb2021").unwrap().name.as_str())
    );
}

#[test]
fn drafts_of_the_third_format_save_and_load_by_id() {
    let r = report_2031();
    let text = draft::to_string(&r).unwrap();
    assert!(text.contains("format: \"gb2031\""));
    assert!(text.contains(EXTRA_ISSUED));
    let back = draft::from_str_in(registry(), &text).unwrap();
    assert_eq!(back, r);
    assert_eq!(get(&back, EXTRA_ISSUED), Some(CellValue::Int(4)));
    // The program without the file does not know the format, and says which ones it knows.
    let err = draft::from_str(&text).unwrap_err();
    assert!(
        matches!(err, draft::DraftError::UnknownFormat(ref id) if id == "gb2031"),
        "{err}"
    );
    assert!(err.to_string().contains("gb2021、gb2019"), "{err}");
}

#[test]
fn the_pdf_prints_the_extra_row() {
    let r = report_2031();
    let out = pdf::export_pdf(&r, &pdf::PdfOptions::default()).unwrap();
    let doc = lopdf::Document::load_mem(&out.bytes).unwrap();
    let pages: Vec<u32> = doc.get_pages().keys().copied().collect();
    let text: String = doc
        .extract_text(&pages)
        .unwrap()
        .chars()
        .filter(|c| !c.is_whitespace())
        .collect();
    // The row reads label, then its three figures, in the order of the form.
    assert!(
        text.contains("行政规范性文件219其他政策文件417"),
        "the extra row follows 行政规范性文件 with its figures: {text}"
    );
}

#[test]
fn the_importer_tells_the_third_format_and_reads_the_extra_row() {
    let text = include_str!("fixtures/qinghe-2025-bars.txt")
        .replace(
            "2025年政府信息公开工作年度报告",
            "2031年政府信息公开工作年度报告",
        )
        .replace(
            "| 行政规范性文件 | 2 | 1 | ９ |\n",
            "| 行政规范性文件 | 2 | 1 | ９ |\n| 其他政策文件 | 4 | 0 | 7 |\n",
        );
    assert!(text.contains(EXTRA_LABEL));
    let r = import::Importer::new(registry(), import::ImportOptions::default())
        .text(&text)
        .unwrap();
    assert_eq!(r.format.id, "gb2031");
    assert_eq!(r.meta.year, 2031);
    assert_eq!(get(&r, EXTRA_ISSUED), Some(CellValue::Int(4)));
    assert_eq!(get(&r, EXTRA_IN_FORCE), Some(CellValue::Int(7)));
    assert_eq!(
        get(&r, "t2_art20_1.normative_docs.in_force"),
        Some(CellValue::Int(9))
    );
    assert!(
        r.notes.iter().any(|n| n.text.contains("2031年版格式")),
        "{:#?}",
        r.notes
    );
    // The same text with the built-in formats only: read as gb2021, the extra row left over.
    let builtin = import::Importer::default().text(&text).unwrap();
    assert_eq!(builtin.format.id, "gb2021");
}

#[test]
fn word_and_pdf_of_the_third_format_import_back_with_the_extra_row() {
    let r = report_2031();
    let importer = import::Importer::new(registry(), import::ImportOptions::default());
    let word =
        nianbao::io::docx::export_docx(&r, &nianbao::io::docx::DocxOptions::default()).unwrap();
    let printed = pdf::export_pdf(&r, &pdf::PdfOptions::default())
        .unwrap()
        .bytes;
    for (kind, back) in [
        ("Word", importer.word(&word).unwrap()),
        ("PDF", importer.pdf(&printed).unwrap()),
    ] {
        assert_eq!(back.format.id, "gb2031", "{kind}");
        assert_eq!(back.meta.year, 2031, "{kind}");
        assert_eq!(back.meta.title, r.meta.title, "{kind}");
        assert_eq!(get(&back, EXTRA_ISSUED), Some(CellValue::Int(4)), "{kind}");
        assert_eq!(
            get(&back, EXTRA_IN_FORCE),
            Some(CellValue::Int(7)),
            "{kind}"
        );
        assert_eq!(back.resolve(), r.resolve(), "{kind}: every figure");
        assert!(
            !back.notes.iter().any(|n| n.text.contains(EXTRA_LABEL)),
            "{kind}: the extra row is not left over: {:#?}",
            back.notes
        );
    }
    // The built-in formats alone read the same Word file as gb2021, the extra row left over.
    let builtin = import::Importer::default().word(&word).unwrap();
    assert_eq!(builtin.format.id, "gb2021");
    assert!(
        builtin.notes.iter().any(|n| n.text.contains(EXTRA_LABEL)),
        "{:#?}",
        builtin.notes
    );
}

#[test]
fn the_rollover_moves_a_2030_report_into_the_third_format_with_notes() {
    let mut last = nianbao::io::sample().unwrap();
    last.meta.year = 2030;
    last.meta.title = last.meta.title.replace("2025", "2030");
    last.set_by_id(
        "t2_art20_8.fees.amount",
        Some(CellValue::Money("1.5".parse().unwrap())),
    );
    let next = next_year_in(registry(), &last);
    assert_eq!((next.meta.year, next.format.id.as_str()), (2031, "gb2031"));
    assert_eq!(
        get(&next, "t3.carried_in.natural"),
        get(&last, "t3.carried_out.natural"),
        "上年结转 carried over by gb2031's own rollover"
    );
    let notes_on = |id: &str| -> Vec<&str> {
        next.notes
            .iter()
            .filter(|n| n.kind == NoteKind::Migration && n.cell.as_deref() == Some(id))
            .map(|n| n.text.as_str())
            .collect()
    };
    assert!(
        notes_on(EXTRA_ISSUED)
            .iter()
            .any(|t| t.contains("“其他政策文件”行“本年制发件数”列：2031年版新增的栏目")),
        "{:#?}",
        next.notes
    );
    assert!(!notes_on(EXTRA_IN_FORCE).is_empty());
    assert!(
        notes_on("t2_art20_8.fees.amount")
            .iter()
            .any(|t| t.contains("1.5") && t.contains("统计口径")),
        "{:#?}",
        next.notes
    );
    assert!(
        next.notes
            .iter()
            .any(|n| n.text.contains("2031年度起使用2031年版格式"))
    );
    let findings = check::check_in(registry(), &next, next.previous.as_ref());
    assert!(
        findings
            .iter()
            .all(|f| f.rule != "Y-FORMAT" && f.rule != "Y-CARRY")
    );
}

#[test]
fn the_grid_draws_the_extra_row_as_editable_cells() {
    use nianbao::ui::command::Effect;
    use nianbao::ui::document::Document;
    use nianbao::ui::grid::{GridState, section_tables_ui};
    use nianbao::ui::nav::SectionLayout;

    let report = report_2031();
    let f = report.format;
    let table = f.table("t2_art20_1").unwrap();
    let layout = SectionLayout::new(f, table.section);
    let doc = Document::new(report, None, "gb2031".to_owned(), true);
    let mut state = GridState::default();
    let mut effects: Vec<Effect> = Vec::new();
    let mut harness = Harness::builder()
        .with_size(egui::vec2(900.0, 400.0))
        .build_ui(move |ui| {
            nianbao::ui::install_fonts(ui.ctx());
            section_tables_ui(ui, &doc, &layout, &mut state, &mut effects);
        });
    harness.run();
    let label = f.cell_label(f.cell_index(EXTRA_ISSUED).unwrap());
    assert_eq!(
        label,
        "表二 第二十条第（一）项“其他政策文件”行“本年制发件数”列"
    );
    let node = harness.get_by_label(&label);
    assert_eq!(node.value().as_deref(), Some("4"));
    let in_force = f.cell_label(f.cell_index(EXTRA_IN_FORCE).unwrap());
    assert_eq!(
        harness.get_by_label(&in_force).value().as_deref(),
        Some("7")
    );
}
