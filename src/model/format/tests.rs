use super::*;

fn gb2021() -> Format {
    Format::parse(SOURCES[0]).unwrap()
}

fn gb2019() -> Format {
    Format::parse(SOURCES[1]).unwrap()
}

#[test]
fn both_builtin_formats_compile() {
    let f21 = gb2021();
    let f19 = gb2019();
    assert_eq!((f21.id.as_str(), f19.id.as_str()), ("gb2021", "gb2019"));
    assert_eq!(builtin().len(), 2, "a built-in format failed to compile");
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
fn ids_are_unique_and_follow_format_md() {
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
    let text = SOURCES[0].replace("\"t3.new.total\"]", "\"t3.new.nonexistent\"]");
    let err = Format::parse(&text).unwrap_err().to_string();
    assert!(
        err.contains("X-NEW") && err.contains("t3.new.nonexistent"),
        "{err}"
    );
    let text = SOURCES[0].replace("\"prev.t3.carried_out.*\"", "\"prev.t3.carried_away.*\"");
    assert!(Format::parse(&text).is_err());
    let text = SOURCES[0].replace(
        "sections: [\"s1\", \"s3\"], cues: [\"上年结转\"]",
        "sections: [\"s9\"], cues: [\"上年结转\"]",
    );
    assert!(Format::parse(&text).unwrap_err().to_string().contains("s9"));
    // Every compiled term points into the cell list.
    for f in [gb2021(), gb2019()] {
        for rule in &f.rules {
            for check in &rule.checks {
                if let Compiled::Compare(_, instances) = &check.compiled {
                    for term in instances.iter().flat_map(|i| i.left.iter().chain(&i.right)) {
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
    let text = SOURCES[0].replace("Row(id: \"carried_in\"", "Row(id: \"new\"");
    assert!(
        Format::parse(&text)
            .unwrap_err()
            .to_string()
            .contains("t3.new")
    );
    let text = SOURCES[0].replacen("id: \"T3-ROWSUM\"", "id: \"T3-BAL\"", 1);
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
