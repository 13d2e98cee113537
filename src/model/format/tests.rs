use super::*;

/// The text of a built-in format file.
fn source(id: &str) -> &'static str {
    builtin_sources()
        .iter()
        .find(|(file, _)| file.strip_suffix(".ron") == Some(id))
        .map(|&(_, text)| text)
        .unwrap()
}

fn gb2021() -> Format {
    Format::parse(source("gb2021")).unwrap()
}

fn gb2019() -> Format {
    Format::parse(source("gb2019")).unwrap()
}

#[test]
fn both_builtin_formats_compile() {
    let f21 = gb2021();
    let f19 = gb2019();
    assert_eq!((f21.id.as_str(), f19.id.as_str()), ("gb2021", "gb2019"));
    assert!(
        load_builtin().is_ok(),
        "a built-in format failed to compile: {:?}",
        load_builtin().err()
    );
    assert_eq!(
        builtin().formats().len(),
        builtin_sources().len(),
        "every file in assets/formats is a format"
    );
    assert!(builtin_sources().len() >= 2);
    assert_eq!(for_year(2020).map(|f| f.id.as_str()), Some("gb2019"));
    assert_eq!(for_year(2019).map(|f| f.id.as_str()), Some("gb2019"));
    assert_eq!(for_year(2021).map(|f| f.id.as_str()), Some("gb2021"));
    assert_eq!(for_year(2030).map(|f| f.id.as_str()), Some("gb2021"));
    assert!(for_year(2018).is_none());
    assert_eq!(current().map(|f| f.id.as_str()), Some("gb2021"));
}

fn count(f: &Format, table: &str) -> usize {
    f.table(table).unwrap().cells().len()
}

#[test]
fn cell_counts_match_the_official_forms() {
    let f = gb2021();
    assert_eq!(count(&f, "t3"), 175, "FORMAT.md §3.2: 25 × 7");
    assert_eq!(count(&f, "t4"), 15);
    let t2: usize = ["t2_art20_1", "t2_art20_5", "t2_art20_6", "t2_art20_8"]
        .iter()
        .map(|t| count(&f, t))
        .sum();
    assert_eq!(t2, 10);
    let f = gb2019();
    assert_eq!(count(&f, "t3"), 161, "FORMAT.md §4.2: 23 × 7");
    assert_eq!(count(&f, "t4"), 15);
    let t2: usize = [
        "t2_art20_1",
        "t2_art20_5",
        "t2_art20_6",
        "t2_art20_8",
        "t2_art20_9",
    ]
    .iter()
    .map(|t| count(&f, t))
    .sum();
    assert_eq!(t2, 22, "FORMAT.md §4.1");
}

#[test]
fn derived_cells_are_the_totals() {
    // 2021: 25 row totals + 6 column totals of （七）总计; 2019: 23 + 6.
    for (f, t3_derived) in [(gb2021(), 31), (gb2019(), 29)] {
        let derived: Vec<&str> = f
            .cells
            .iter()
            .filter(|c| c.derived)
            .map(|c| c.id.as_str())
            .collect();
        let t3 = derived.iter().filter(|id| id.starts_with("t3.")).count();
        assert_eq!(
            t3, t3_derived,
            "{}: FORMAT.md §10 derived-cell policy",
            f.id
        );
        assert!(derived.contains(&"t3.results_total.total"));
        assert!(derived.contains(&"t4.review.total"));
        assert!(
            !derived.contains(&"t3.carried_out.natural"),
            "结转 stays an input checked by T3-BAL"
        );
        assert_eq!(derived.iter().filter(|id| id.starts_with("t4.")).count(), 3);
        assert_eq!(derived.len(), t3_derived + 3);
    }
}

#[test]
/// Ids the code and tests use (docs/format-gb2021.md, docs/format-gb2019.md) exist.
fn ids_are_unique_and_the_documented_ones_exist() {
    for f in [gb2021(), gb2019()] {
        let ids: std::collections::HashSet<&str> = f.cells.iter().map(|c| c.id.as_str()).collect();
        assert_eq!(ids.len(), f.cells.len());
        let rules: std::collections::HashSet<&str> =
            f.rules.iter().map(|r| r.id.as_str()).collect();
        assert_eq!(rules.len(), f.rules.len());
        for id in [
            "t3.new.natural",
            "t3.carried_out.total",
            "t4.lit_after_review.pending",
            "t2_art20_1.rules.in_force",
        ]
        .iter()
        .filter(|_| f.id == "gb2021")
        {
            assert!(f.cell_index(id).is_some(), "{id}");
        }
    }
    let f = gb2019();
    for id in [
        "t3.other_processing.total",
        "t2_art20_9.central_procurement.amount",
        "t2_art20_5.other_mgmt_services.delta",
    ] {
        assert!(f.cell_index(id).is_some(), "{id}");
    }
    assert_eq!(
        f.cell(f.cell_index("t2_art20_5.licensing.delta").unwrap())
            .unwrap()
            .kind,
        CellKind::Signed
    );
}

#[test]
fn every_rule_names_existing_cells() {
    let text = source("gb2021").replace("\"t3.new.total\"]", "\"t3.new.nonexistent\"]");
    let err = Format::parse(&text).unwrap_err().to_string();
    assert!(
        err.contains("X-NEW") && err.contains("t3.new.nonexistent"),
        "{err}"
    );
    let text = source("gb2021").replace("\"prev.t3.carried_out.*\"", "\"prev.t3.carried_away.*\"");
    assert!(Format::parse(&text).is_err());
    let text = source("gb2021").replace(
        "sections: [\"s1\", \"s3\"], cues: [\"上年结转\"]",
        "sections: [\"s9\"], cues: [\"上年结转\"]",
    );
    assert!(Format::parse(&text).unwrap_err().to_string().contains("s9"));
    // Every compiled term points into the cell list.
    for f in [gb2021(), gb2019()] {
        for rule in &f.rules {
            for check in &rule.checks {
                if let CheckKind::Compare(c) = &check.compiled {
                    for term in c
                        .instances
                        .iter()
                        .flat_map(|i| i.left.iter().chain(&i.right))
                    {
                        match &term.cell {
                            TermCell::Current(ix) => assert!(*ix < f.cells.len()),
                            TermCell::Previous(id) => assert!(f.cell_index(id).is_some(), "{id}"),
                        }
                    }
                }
            }
        }
    }
}

#[test]
fn duplicate_ids_are_refused() {
    let text = source("gb2021").replace("Row(id: \"carried_in\"", "Row(id: \"new\"");
    assert!(
        Format::parse(&text)
            .unwrap_err()
            .to_string()
            .contains("t3.new")
    );
    let text = source("gb2021").replacen("id: \"T3-ROWSUM\"", "id: \"T3-BAL\"", 1);
    assert!(
        Format::parse(&text)
            .unwrap_err()
            .to_string()
            .contains("T3-BAL")
    );
}

#[test]
fn labels_are_verbatim() {
    let f = gb2021();
    let t3 = f.table("t3").unwrap();
    let label = |id: &str| t3.rows[t3.row_index(id).unwrap()].label.clone();
    assert_eq!(
        label("partial"),
        "（二）部分公开（区分处理的，只计这一情形，不计其他情形）"
    );
    assert_eq!(
        label("withheld_security"),
        "3.危及\u{201c}三安全一稳定\u{201d}"
    );
    assert_eq!(
        label("other_no_fee"),
        "2.申请人逾期未按收费通知要求缴纳费用、行政机关不再处理其政府信息公开申请"
    );
    assert_eq!(
        t3.corner,
        "（本列数据的勾稽关系为：第一项加第二项之和，等于第三项加第四项之和）"
    );
    assert!(t3.corner.contains('\u{ff08}') && t3.corner.contains('\u{ff1a}'));
    assert_eq!(
        f.table("t2_art20_8").unwrap().columns[0].label,
        "本年收费金额（单位：万元）"
    );
    assert_eq!(
        gb2019().table("t2_art20_5").unwrap().columns[1].label,
        "本年增/减"
    );
    let headings: Vec<String> = f.sections.iter().map(|s| f.section_heading(s)).collect();
    assert_eq!(
        headings,
        [
            "一、总体情况",
            "二、主动公开政府信息情况",
            "三、收到和处理政府信息公开申请情况",
            "四、政府信息公开行政复议、行政诉讼情况",
            "五、存在的主要问题及改进情况",
            "六、其他需要报告的事项"
        ]
    );
}

fn find<'a>(grid: &'a PrintedGrid, text: &str) -> &'a GridCell {
    grid.cells
        .iter()
        .find(|c| c.content == GridContent::Label(text.to_owned()))
        .unwrap_or_else(|| panic!("no label {text}"))
}

#[test]
fn table_three_prints_with_the_official_merged_header() {
    for (f, results_span) in [(gb2021(), 22), (gb2019(), 20)] {
        let t3 = f.table("t3").unwrap();
        let grid = f.printed_grid(t3);
        assert_eq!(grid.columns, 10);
        assert_eq!(grid.header_rows, 3);
        let corner = find(&grid, &t3.corner);
        assert_eq!(
            (corner.row, corner.col, corner.row_span, corner.col_span),
            (0, 0, 3, 3)
        );
        let applicants = find(&grid, "申请人情况");
        assert_eq!(
            (applicants.row, applicants.col, applicants.col_span),
            (0, 3, 7)
        );
        let natural = find(&grid, "自然人");
        assert_eq!((natural.row, natural.row_span), (1, 2));
        let corp = find(&grid, "法人或其他组织");
        assert_eq!((corp.row, corp.col, corp.col_span), (1, 4, 5));
        let results = find(&grid, "三、本年度办理结果");
        assert_eq!(
            (results.col, results.row_span),
            (0, results_span),
            "{}",
            f.id
        );
        let withheld = find(&grid, "（三）不予公开");
        assert_eq!((withheld.col, withheld.row_span), (1, 8));
        let new = find(&grid, "一、本年新收政府信息公开申请数量");
        assert_eq!((new.col, new.col_span), (0, 3));
        let disclosed = find(&grid, "（一）予以公开");
        assert_eq!((disclosed.col, disclosed.col_span), (1, 2));
        let secret = find(&grid, "1.属于国家秘密");
        assert_eq!((secret.col, secret.col_span), (2, 1));
        let values = grid
            .cells
            .iter()
            .filter(|c| matches!(c.content, GridContent::Value(_)))
            .count();
        assert_eq!(values, t3.cells().len());
    }
}

#[test]
fn table_four_prints_as_one_row_under_a_three_level_header() {
    let f = gb2021();
    let grid = f.printed_grid(f.table("t4").unwrap());
    assert_eq!((grid.columns, grid.header_rows, grid.rows), (15, 3, 4));
    let review = find(&grid, "行政复议");
    assert_eq!((review.row, review.col, review.col_span), (0, 0, 5));
    let litigation = find(&grid, "行政诉讼");
    assert_eq!((litigation.col, litigation.col_span), (5, 10));
    let direct = find(&grid, "未经复议直接起诉");
    assert_eq!((direct.row, direct.col, direct.col_span), (1, 5, 5));
    let upheld: Vec<&GridCell> = grid
        .cells
        .iter()
        .filter(|c| c.content == GridContent::Label("结果维持".into()))
        .collect();
    assert_eq!(upheld.len(), 3);
    assert_eq!(
        (upheld[0].row, upheld[0].row_span),
        (1, 2),
        "行政复议's columns span two header rows"
    );
    assert_eq!((upheld[1].row, upheld[1].row_span), (2, 1));
}

#[test]
fn table_two_prints_caption_and_header() {
    let f = gb2021();
    let grid = f.printed_grid(f.table("t2_art20_1").unwrap());
    assert_eq!((grid.columns, grid.header_rows, grid.rows), (4, 2, 4));
    let caption = find(&grid, "第二十条第（一）项");
    assert_eq!(caption.col_span, 4);
    assert_eq!(find(&grid, "信息内容").col, 0);
}

#[test]
fn cell_labels_read_like_the_form() {
    let f = gb2021();
    let ix = f.cell_index("t3.withheld_state_secret.natural").unwrap();
    assert_eq!(
        f.cell_label(ix),
        "表三“（三）不予公开 1.属于国家秘密”行“自然人”列"
    );
    let ix = f.cell_index("t4.lit_direct.total").unwrap();
    assert_eq!(f.cell_label(ix), "表四“行政诉讼 未经复议直接起诉 总计”");
}

/// The built-in sources with one file's text replaced.
fn sources_with(file: &'static str, text: &'static str) -> Vec<(&'static str, &'static str)> {
    builtin_sources()
        .iter()
        .map(|&(f, t)| if f == file { (f, text) } else { (f, t) })
        .collect()
}

fn leak(text: String) -> &'static str {
    Box::leak(text.into_boxed_str())
}

#[test]
fn a_format_runs_until_the_next_one_starts() {
    let r = Registry::from_sources(builtin_sources()).unwrap();
    let years: Vec<(&str, u16, Option<u16>)> = r
        .iter()
        .map(|f| (f.id.as_str(), f.first_year, f.last_year))
        .collect();
    assert_eq!(
        years,
        [("gb2021", 2021, None), ("gb2019", 2019, Some(2020))],
        "newest first; gb2019's end comes from gb2021's start"
    );
    assert_eq!(r.supported_years(), 2019..=2120);
    assert_eq!(r.id_list(), "gb2021、gb2019");
    // A format added in between shortens the one before it, with no edit to that file.
    let gb2024 = leak(
        source("gb2021")
            .replacen("id: \"gb2021\"", "id: \"gb2024\"", 1)
            .replacen("first_year: 2021", "first_year: 2024", 1)
            .replace("from: \"gb2019\"", "from: \"gb2021\""),
    );
    let mut sources = builtin_sources().to_vec();
    sources.push(("gb2024.ron", gb2024));
    let err = Registry::from_sources(&sources).unwrap_err().to_string();
    assert!(
        err.contains("gb2024") && err.contains("t2_art20_1.rules.made"),
        "gb2024's copied migration names gb2019 cells that gb2021 does not have: {err}"
    );
    let gb2024 = leak(gb2024.replace(
        "(from: \"t2_art20_1.rules.made\"",
        "(from: \"t2_art20_1.rules.issued\"",
    ));
    let gb2024 = leak(cut_migration_moves(gb2024));
    sources.pop();
    sources.push(("gb2024.ron", gb2024));
    let r = Registry::from_sources(&sources).unwrap();
    assert_eq!(r.for_year(2023).map(|f| f.id.as_str()), Some("gb2021"));
    assert_eq!(r.for_year(2024).map(|f| f.id.as_str()), Some("gb2024"));
    assert_eq!(r.by_id("gb2021").unwrap().last_year, Some(2023));
    assert_eq!(r.current().map(|f| f.id.as_str()), Some("gb2024"));
}

/// Empties the `moves` of a format text's migration (keeps `added` and `prose`).
fn cut_migration_moves(text: &str) -> String {
    let start = text.find("moves: [").unwrap();
    let end = start + text[start..].find("],\n            added").unwrap();
    format!("{}moves: [{}", &text[..start], &text[end..])
}

#[test]
fn formats_that_would_share_a_year_are_refused() {
    let twin = leak(source("gb2021").replacen("id: \"gb2021\"", "id: \"gb2022\"", 1));
    let mut sources = builtin_sources().to_vec();
    sources.push(("gb2022.ron", twin));
    let err = Registry::from_sources(&sources).unwrap_err().to_string();
    assert!(err.contains("起始年度") && err.contains("2021"), "{err}");
    let misnamed = [("gb2021.ron", source("gb2019"))];
    let err = Registry::from_sources(&misnamed).unwrap_err().to_string();
    assert!(err.contains("gb2019.ron"), "{err}");
    assert!(matches!(
        Registry::from_sources(&[]),
        Err(FormatError::NoFormats)
    ));
}

#[test]
fn migrations_are_compiled_into_cells_of_both_formats() {
    let r = Registry::from_sources(builtin_sources()).unwrap();
    let (f21, f19) = (r.by_id("gb2021").unwrap(), r.by_id("gb2019").unwrap());
    let m = f21.migration_from("gb2019").unwrap();
    let old = |id: &str| f19.cell_index(id).unwrap();
    let new = |id: &str| f21.cell_index(id).unwrap();
    let mv = m.move_of(old("t2_art20_1.rules.made")).unwrap();
    assert_eq!(mv.to, Some(new("t2_art20_1.rules.issued")));
    let mv = m.move_of(old("t3.other_processing.corp_legal")).unwrap();
    assert_eq!(
        mv.to,
        Some(new("t3.other_misc.corp_legal")),
        "`*` per column"
    );
    assert_eq!(
        m.move_of(old("t2_art20_1.rules.total_published"))
            .unwrap()
            .to,
        None,
        "dropped on purpose"
    );
    assert!(m.move_of(old("t3.new.natural")).is_none());
    assert!(
        m.added
            .iter()
            .any(|a| a.cell == new("t2_art20_1.normative_docs.repealed"))
    );
    assert_eq!(m.moves.len(), 4 + 7);
}

#[test]
fn a_migration_naming_an_unknown_cell_is_refused() {
    let cases = [
        // A typo in the new cell: the value would be lost while the note says it moved.
        (
            "to: Some(\"t2_art20_1.rules.issued\")",
            "to: Some(\"t2_art20_1.rules.isued\")",
            "t2_art20_1.rules.isued",
        ),
        // An old cell that the older format does not have.
        (
            "(from: \"t2_art20_1.rules.made\"",
            "(from: \"t2_art20_1.rules.issued\"",
            "t2_art20_1.rules.issued",
        ),
        // A pattern whose expansion misses in the new format.
        (
            "to: Some(\"t3.other_misc.*\")",
            "to: Some(\"t3.other_misk.*\")",
            "t3.other_misk.natural",
        ),
        (
            "(cell: \"t2_art20_1.rules.repealed\"",
            "(cell: \"t2_art20_1.rules.repeal\"",
            "t2_art20_1.rules.repeal",
        ),
        ("prose: [(section: \"s6\"", "prose: [(section: \"s8\"", "s8"),
        ("from: \"gb2019\",", "from: \"gb2018\",", "gb2018"),
    ];
    for (from, to, named) in cases {
        let text = source("gb2021");
        assert!(text.contains(from), "{from}");
        let broken = leak(text.replacen(from, to, 1));
        assert!(
            Format::parse(broken).is_ok(),
            "a format alone does not resolve its migrations"
        );
        let err = Registry::from_sources(&sources_with("gb2021.ron", broken))
            .unwrap_err()
            .to_string();
        assert!(
            err.contains("gb2021.ron") && err.contains(named) && err.contains("迁移"),
            "{err}"
        );
    }
}

#[test]
fn a_broken_format_says_what_and_where_in_chinese() {
    let err = Format::parse("(id: \"x\", name: ").unwrap_err();
    assert!(matches!(err, FormatError::Parse { line: 1, .. }), "{err:?}");
    let broken = leak(source("gb2021").replacen("label_columns: 3", "label_columns: \"3\"", 1));
    let err = Registry::from_sources(&sources_with("gb2021.ron", broken)).unwrap_err();
    let text = err.for_clerk();
    assert!(
        text.contains("“gb2021.ron”无法解析（第 ")
            && text.contains("请重新复制完整的 nianbao 程序"),
        "{text}"
    );
}

/// gb2021's text without its rules' sources and its 汇总 block: a format file written before
/// either existed.
fn without_sources_and_summary() -> String {
    let text: String = source("gb2021")
        .lines()
        .filter(|l| !l.trim_start().starts_with("source:"))
        .map(|l| format!("{l}\n"))
        .collect();
    let start = text.find("    // 汇总").unwrap();
    let end = text[start..].find("    ),\n").unwrap() + start + "    ),\n".len();
    format!("{}{}", &text[..start], &text[end..])
}

#[test]
fn rule_sources_and_the_summary_settings_are_read() {
    let f = gb2021();
    let bal = f.rules.iter().find(|r| r.id == "T3-BAL").unwrap();
    assert!(
        bal.source.contains("国办公开办函〔2021〕30号"),
        "{}",
        bal.source
    );
    assert!(f.rules.iter().all(|r| !r.source.is_empty()));
    let similar = &f.summary.similar;
    assert_eq!(similar.sections, ["s1", "s5", "s6"]);
    assert_eq!((similar.min_chars, similar.threshold), (30, 0.8));
    assert_eq!(f.summary.templates.len(), 1);
    // An older file without either still loads: no sources, nothing compared.
    let old = Format::parse(&without_sources_and_summary()).unwrap();
    assert!(old.rules.iter().all(|r| r.source.is_empty()));
    assert!(old.summary.similar.sections.is_empty() && old.summary.templates.is_empty());
    assert_eq!(old.cells.len(), f.cells.len());
}

#[test]
fn summary_settings_naming_no_section_or_no_share_are_refused() {
    let text = source("gb2021");
    let unknown = text.replace(
        "similar: (sections: [\"s1\", \"s5\", \"s6\"]",
        "similar: (sections: [\"s1\", \"s9\", \"s6\"]",
    );
    let err = Format::parse(&unknown).unwrap_err().to_string();
    assert!(err.contains("汇总") && err.contains("s9"), "{err}");
    let template = text.replace(
        "templates: [(section: \"s5\"",
        "templates: [(section: \"s7\"",
    );
    let err = Format::parse(&template).unwrap_err().to_string();
    assert!(err.contains("s7"), "{err}");
    let percent = text.replace("threshold: 0.8", "threshold: 80.0");
    let err = Format::parse(&percent).unwrap_err().to_string();
    assert!(err.contains("threshold"), "{err}");
}

#[test]
fn the_deadline_names_its_two_kinds_of_report_from_the_file() {
    let kinds = |f: &Format| {
        let rule = f.rules.iter().find(|r| r.id == "M-DEADLINE").unwrap();
        match &rule.checks.first().unwrap().compiled {
            CheckKind::Deadline(d) => (d.government_kind.clone(), d.others_kind.clone()),
            other => panic!("{other:?}"),
        }
    };
    assert_eq!(
        kinds(&gb2021()),
        ("本级人民政府".to_owned(), "政府部门、乡镇、街道".to_owned())
    );
    let renamed = source("gb2021").replace(
        "others_kind: \"政府部门、乡镇、街道\"",
        "others_kind: \"部门\"",
    );
    assert_eq!(kinds(&Format::parse(&renamed).unwrap()).1, "部门");
    // A file that names neither gets the names the official text uses.
    let older = source("gb2021").replace(
        ", government_kind: \"本级人民政府\", others_kind: \"政府部门、乡镇、街道\"",
        "",
    );
    assert_ne!(older, source("gb2021"));
    assert_eq!(kinds(&Format::parse(&older).unwrap()), kinds(&gb2021()));
}
