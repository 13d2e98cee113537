//! The reviewer's rules of FORMAT.md §5.6 (P-YEAR, Y-JUMP, M-PERIOD, M-DEADLINE, M-DATE), each
//! firing on a minimal failing report and quiet on the sample and the fixtures; hints that name
//! the number to type; X-rules that stay warnings on 收办 and 备案 counts; rollover notes that tell
//! the truth about the draft they describe.

use nianbao::model::format::{self, Severity};
use nianbao::model::rollover::{migrate, next_year};
use nianbao::model::{CellValue, Date, Report, check, import};

use crate::common::{edit_prose, fired, only, sample, set};

/// Every fixture, imported: the ordinary cases the new rules must leave alone.
fn fixtures() -> Vec<(&'static str, Report)> {
    let texts: [(&str, &[u8]); 8] = [
        (
            "xiaosha-2020.txt",
            include_bytes!("../fixtures/xiaosha-2020.txt"),
        ),
        (
            "xiaosha-2020-bars.txt",
            include_bytes!("../fixtures/xiaosha-2020-bars.txt"),
        ),
        (
            "xiaosha-2020-gbk.html",
            include_bytes!("../fixtures/xiaosha-2020-gbk.html"),
        ),
        (
            "shengtai-2020-tabsep.txt",
            include_bytes!("../fixtures/shengtai-2020-tabsep.txt"),
        ),
        (
            "qinghe-2025.html",
            include_bytes!("../fixtures/qinghe-2025.html"),
        ),
        (
            "qinghe-2025-bars.txt",
            include_bytes!("../fixtures/qinghe-2025-bars.txt"),
        ),
        (
            "qinghe-2025-tabs.txt",
            include_bytes!("../fixtures/qinghe-2025-tabs.txt"),
        ),
        (
            "baishi-2022-broken-sums.txt",
            include_bytes!("../fixtures/baishi-2022-broken-sums.txt"),
        ),
    ];
    texts
        .into_iter()
        .map(|(name, bytes)| {
            let source = if name.ends_with(".html") {
                import::Source::Html
            } else {
                import::Source::Text
            };
            (
                name,
                import::Importer::default().bytes(bytes, source).unwrap(),
            )
        })
        .collect()
}

const NEW_RULES: [&str; 5] = ["P-YEAR", "Y-JUMP", "M-PERIOD", "M-DEADLINE", "M-DATE"];

#[test]
fn the_new_rules_are_in_both_formats_and_only_m_date_is_an_error() {
    for f in format::builtin() {
        for id in NEW_RULES {
            let rule = f.rules.iter().find(|r| r.id == id).unwrap();
            let expected = if id == "M-DATE" {
                Severity::Error
            } else {
                Severity::Warning
            };
            assert_eq!(rule.severity, expected, "{} {id}", f.id);
        }
    }
}

#[test]
fn the_new_rules_are_quiet_on_the_sample_and_the_fixtures() {
    let findings = check(&sample());
    assert!(findings.is_empty(), "{findings:#?}");
    for (name, report) in fixtures() {
        let findings = check(&report);
        for id in NEW_RULES {
            assert!(fired(&findings, id).is_empty(), "{name}: {findings:#?}");
        }
        // Rolled over, with last year's figures kept: the ordinary draft is quiet too.
        let next = next_year(&report);
        let findings = check(&next);
        for id in NEW_RULES {
            assert!(
                fired(&findings, id).is_empty(),
                "{name} next year: {findings:#?}"
            );
        }
    }
}

#[test]
fn p_year_flags_a_year_that_is_not_the_reports() {
    let mut r = sample();
    edit_prose(&mut r, "s1", "2025年，青禾街道坚持", "2023年，青禾街道坚持");
    let findings = check(&r);
    let f = only(&findings, "P-YEAR");
    assert_eq!(f.severity, Severity::Warning);
    assert_eq!(
        f.section.as_deref(),
        Some("s1"),
        "click goes to the paragraph"
    );
    assert_eq!(
        (f.expected.as_deref(), f.actual.as_deref()),
        (Some("2024—2026"), Some("2023"))
    );
    assert!(
        f.message.contains("第一部分写有“2023年”") && f.message.contains("2023年，青禾街道坚持"),
        "{}",
        f.message
    );
    // One finding per year and section, however often the year is repeated.
    edit_prose(&mut r, "s1", "全年开展业务培训3次", "2023年开展业务培训3次");
    assert_eq!(fired(&check(&r), "P-YEAR").len(), 1);
    edit_prose(
        &mut r,
        "s5",
        "（一）存在的主要问题\n",
        "（一）存在的主要问题\n2019年起，",
    );
    let findings = check(&r);
    let in_s5 = fired(&findings, "P-YEAR")
        .into_iter()
        .find(|f| f.section.as_deref() == Some("s5"))
        .unwrap();
    assert_eq!(in_s5.actual.as_deref(), Some("2019"));
}

#[test]
fn p_year_leaves_titles_numbers_ranges_and_periods_alone() {
    let mut r = sample();
    edit_prose(
        &mut r,
        "s6",
        "按照区政府年度政务公开工作要点",
        "按照《示例市2023年政务公开工作要点》（示政办〔2023〕4号）和“2022年度先进单位”评选要求，落实2021—2025年规划、2021年至2025年规划，参照上级报告（统计期限自2023年1月1日起），2018年以来、2019年至今持续推进，2026年将继续按照区政府年度政务公开工作要点",
    );
    let findings = check(&r);
    assert!(fired(&findings, "P-YEAR").is_empty(), "{findings:#?}");
}

#[test]
fn y_jump_names_both_figures() {
    let mut next = next_year(&sample());
    assert!(
        fired(&check(&next), "Y-JUMP").is_empty(),
        "a draft just started is blank, and blank is not a jump"
    );
    // 本年新收 25 last year; 125 now is five times as many.
    set(&mut next, "t3.new.natural", CellValue::Int(125));
    let findings = check(&next);
    let f = only(&findings, "Y-JUMP");
    assert_eq!(f.severity, Severity::Warning);
    assert_eq!(f.cells, ["t3.new.total"]);
    assert_eq!(
        (f.expected.as_deref(), f.actual.as_deref()),
        (Some("25"), Some("125"))
    );
    assert!(
        f.message.contains("本年为 125") && f.message.contains("上年为 25"),
        "{}",
        f.message
    );
    set(&mut next, "t3.new.natural", CellValue::Int(124));
    assert!(fired(&check(&next), "Y-JUMP").is_empty(), "less than ×5");
    // A fall to a fifth or less: 25 → 5.
    set(&mut next, "t3.new.natural", CellValue::Int(5));
    assert_eq!(only(&check(&next), "Y-JUMP").actual.as_deref(), Some("5"));
    set(&mut next, "t3.new.natural", CellValue::Int(6));
    assert!(fired(&check(&next), "Y-JUMP").is_empty());
    // Small figures are not worth a question: 行政复议 3 → 15 stays below the floor of 20.
    set(&mut next, "t4.review.upheld", CellValue::Int(15));
    assert!(fired(&check(&next), "Y-JUMP").is_empty());
    set(&mut next, "t4.review.upheld", CellValue::Int(20));
    assert_eq!(only(&check(&next), "Y-JUMP").cells, ["t4.review.total"]);
    // Without last year's figures there is nothing to compare.
    assert!(fired(&nianbao::model::check_with(&next, None), "Y-JUMP").is_empty());
}

#[test]
fn m_period_checks_the_preamble() {
    let cases = [
        ("自2025年1月1日起至2025年12月31日止", None),
        ("为2025年度", None),
        (
            "自2024年1月1日起至2024年12月31日止",
            Some("2024年1月1日至2024年12月31日"),
        ),
        (
            "自2025年1月1日起至6月30日止",
            Some("2025年1月1日至2025年6月30日"),
        ),
    ];
    for (period, fires) in cases {
        let mut r = sample();
        r.meta.preamble = r
            .meta
            .preamble
            .replace("自2025年1月1日起至2025年12月31日止", period);
        let findings = check(&r);
        match fires {
            None => assert!(fired(&findings, "M-PERIOD").is_empty(), "{period}"),
            Some(actual) => {
                let f = only(&findings, "M-PERIOD");
                assert_eq!(f.severity, Severity::Warning);
                assert_eq!(f.actual.as_deref(), Some(actual));
                assert_eq!(f.expected.as_deref(), Some("2025年1月1日至2025年12月31日"));
                assert!(f.message.contains(period), "{}", f.message);
            }
        }
    }
    let mut r = sample();
    r.meta.preamble = "本报告依据条例编制。".into();
    assert!(
        fired(&check(&r), "M-PERIOD").is_empty(),
        "no 统计期限 stated: nothing to compare"
    );
}

#[test]
fn m_deadline_depends_on_who_reports() {
    let cases = [
        ("示例市云溪区青禾街道办事处", "2026年1月31日", None),
        (
            "示例市云溪区青禾街道办事处",
            "2026年2月10日",
            Some("2026年1月31日"),
        ),
        ("示例市云溪区人民政府", "2026年2月10日", None),
        (
            "示例市云溪区人民政府",
            "2026年4月1日",
            Some("2026年3月31日"),
        ),
        (
            "示例市云溪区人民政府办公室",
            "2026年2月10日",
            Some("2026年1月31日"),
        ),
        (
            "示例市云溪区青禾镇人民政府",
            "2026年2月10日",
            Some("2026年1月31日"),
        ),
        ("示例市教育局", "2026年2月1日", Some("2026年1月31日")),
    ];
    for (agency, date, deadline) in cases {
        let mut r = sample();
        r.meta.agency = agency.into();
        r.meta.signature_date = Date::parse(date);
        let findings = check(&r);
        match deadline {
            None => assert!(fired(&findings, "M-DEADLINE").is_empty(), "{agency} {date}"),
            Some(deadline) => {
                let f = only(&findings, "M-DEADLINE");
                assert_eq!(f.severity, Severity::Warning);
                assert_eq!(
                    (f.expected.as_deref(), f.actual.as_deref()),
                    (Some(deadline), Some(date))
                );
                assert!(
                    f.message.contains("第四十九条") && f.message.contains(deadline),
                    "{}",
                    f.message
                );
            }
        }
    }
    // The agency's name may be given only under the signature.
    let mut r = sample();
    r.meta.agency.clear();
    r.meta.signature_unit = "示例市云溪区人民政府".into();
    r.meta.signature_date = Date::parse("2026年3月1日");
    assert!(fired(&check(&r), "M-DEADLINE").is_empty());
}

#[test]
fn m_date_refuses_an_impossible_date() {
    let date = |year, month, day| Date { year, month, day };
    for (bad, why) in [
        (date(2026, 13, 1), "没有这个月份"),
        (date(2026, 2, 30), "这个月没有这一天"),
        (date(2026, 1, 0), "这个月没有这一天"),
        (date(0, 1, 20), "年份不对"),
    ] {
        let mut r = sample();
        r.meta.signature_date = Some(bad);
        let findings = check(&r);
        let f = only(&findings, "M-DATE");
        assert_eq!(f.severity, Severity::Error);
        assert!(f.message.contains(why), "{}", f.message);
        assert!(
            fired(&findings, "M-DEADLINE").is_empty(),
            "an impossible date has no deadline to miss"
        );
    }
    let mut r = sample();
    r.meta.signature_date = Some(date(2024, 2, 29));
    assert!(
        fired(&check(&r), "M-DATE").is_empty(),
        "a leap day is a day"
    );
}

#[test]
fn a_balance_finding_names_the_number_to_type_in_each_cell() {
    // The case: 上年结转/商业企业 typed as 5 where 1 balances the column.
    let mut r = sample();
    set(&mut r, "t3.carried_in.corp_commercial", CellValue::Int(5));
    let findings = check(&r);
    let f = fired(&findings, "T3-BAL")
        .into_iter()
        .find(|f| f.message.contains("“商业企业”列"))
        .unwrap();
    assert_eq!(f.value_for("t3.carried_in.corp_commercial"), Some("1"));
    assert_eq!(
        f.hint_for("t3.carried_in.corp_commercial"),
        "此格应为 1，使“商业企业”列第一项加第二项之和等于第三项加第四项之和"
    );
    // 本年新收 would have to fall by 4 (3 → −1): not a count, so no number is offered.
    assert_eq!(f.value_for("t3.new.corp_commercial"), None);
    // 结转下年度 (1) would balance at 5.
    assert_eq!(f.value_for("t3.carried_out.corp_commercial"), Some("5"));
    // （七）总计 is computed, not typed: its hint is the message, which states both sides.
    assert_eq!(f.value_for("t3.results_total.corp_commercial"), None);
    assert_eq!(f.hint_for("t3.results_total.corp_commercial"), f.message);
    assert!(
        f.message
            .contains("第三项加第四项之和应为 8（第一项加第二项之和），实为 4"),
        "{}",
        f.message
    );
}

#[test]
fn a_sum_finding_names_the_number_for_the_total_and_for_each_part() {
    let mut r = sample();
    set(&mut r, "t3.new.total", CellValue::Int(24));
    let findings = check(&r);
    let f = only(&findings, "T3-ROWSUM");
    assert_eq!(f.value_for("t3.new.total"), Some("25"));
    assert_eq!(f.value_for("t3.new.natural"), Some("17"), "18 − 1");
    assert_eq!(
        f.value_for("t3.new.corp_research"),
        None,
        "0 − 1 is no count"
    );
    assert!(
        f.hint_for("t3.new.natural").starts_with(
            "此格应为 17，使“一、本年新收政府信息公开申请数量”行的总计等于各类申请人之和"
        ),
        "{}",
        f.hint_for("t3.new.natural")
    );
    // A cross-year balance: 上年结转 against last year's 结转.
    let mut next = next_year(&sample());
    set(&mut next, "t3.carried_in.natural", CellValue::Int(4));
    let findings = check(&next);
    let carry = fired(&findings, "Y-CARRY")
        .into_iter()
        .find(|f| f.cells == ["t3.carried_in.natural"])
        .unwrap();
    assert_eq!(carry.value_for("t3.carried_in.natural"), Some("1"));
    // An inequality has no single number: the hint states both sides.
    let mut r = sample();
    set(
        &mut r,
        "t2_art20_1.normative_docs.in_force",
        CellValue::Int(0),
    );
    let findings = check(&r);
    let f = only(&findings, "T2-INFORCE-LB");
    assert!(f.needs.is_empty());
    assert!(
        f.hint_for("t2_art20_1.normative_docs.in_force")
            .contains("为 0，小于")
    );
}

/// Reports with one figure changed, every input cell of every table in turn.
fn broken_reports() -> Vec<Report> {
    let base = sample();
    let f = base.format;
    let mut out = Vec::new();
    for (ix, info) in f.cells.iter().enumerate() {
        if info.derived || info.kind != format::CellKind::Count {
            continue;
        }
        let mut r = base.clone();
        let now = r
            .entry(ix)
            .and_then(CellValue::number)
            .and_then(|d| d.to_int());
        r.set(ix, Some(CellValue::Int(now.unwrap_or(0) + 3)));
        out.push(r);
    }
    let mut next = next_year(&base);
    set(&mut next, "t3.carried_in.corp_other", CellValue::Int(2));
    set(&mut next, "t2_art20_1.rules.in_force", CellValue::Int(4));
    out.push(next);
    out
}

#[test]
fn every_number_to_type_puts_its_rule_right() {
    let mut tried = 0;
    for r in broken_reports() {
        for f in check(&r) {
            for need in &f.needs {
                let mut fixed = r.clone();
                assert!(fixed.set_by_id(
                    &need.cell,
                    Some(need.value.parse().map(CellValue::Int).unwrap())
                ));
                let after = check(&fixed);
                assert!(
                    !after.iter().any(|g| g.rule == f.rule && g.cells == f.cells),
                    "typing {} into {} did not put {} right: {:#?}",
                    need.value,
                    need.cell,
                    f.rule,
                    after
                );
                tried += 1;
            }
        }
    }
    assert!(tried > 100, "{tried}");
}

#[test]
fn no_message_shows_equal_figures_as_a_mismatch() {
    let mut reports = broken_reports();
    let mut prose = sample();
    edit_prose(
        &mut prose,
        "s1",
        "全年新收政府信息公开申请25件",
        "全年新收政府信息公开申请27件",
    );
    edit_prose(&mut prose, "s1", "予以公开11件", "予以公开12件");
    reports.push(prose);
    for r in &reports {
        for f in check(r) {
            if let (Some(e), Some(a)) = (&f.expected, &f.actual) {
                assert_ne!(e, a, "{f:#?}");
            }
            for cell in &f.cells {
                let hint = f.hint_for(cell);
                assert!(hint.starts_with("此格应为") || hint == f.message, "{hint}");
            }
            if f.rule.starts_with("X-") {
                assert!(f.needs.is_empty(), "prose is not a cell to type into");
                assert!(!f.message.contains("应为"), "{}", f.message);
            }
        }
    }
}

#[test]
fn x_rules_stay_quiet_or_warn_on_shouban_and_beian_counts() {
    for f in format::builtin() {
        for rule in f.rules.iter().filter(|r| r.id.starts_with("X-")) {
            assert_eq!(rule.severity, Severity::Warning, "{} {}", f.id, rule.id);
        }
    }
    // 收办 (= 新收 + 上年结转, 28) and 备案 cases (filed with the 司法 office) are other counts.
    let mut r = sample();
    edit_prose(
        &mut r,
        "s1",
        "所有申请均在法定期限内答复",
        "全年共收办政府信息公开申请28件，共收到政府信息公开申请28件（含上年结转3件），向区司法局备案行政复议案件5件、行政诉讼案件4件。所有申请均在法定期限内答复",
    );
    let findings = check(&r);
    assert!(findings.is_empty(), "{findings:#?}");
    // A phrase that does count 新收 is compared, and the warning names the phrase and the cell.
    edit_prose(
        &mut r,
        "s1",
        "全年新收政府信息公开申请25件",
        "全年收到政府信息公开申请28件",
    );
    let findings = check(&r);
    let f = only(&findings, "X-NEW");
    assert_eq!(f.severity, Severity::Warning);
    assert_eq!(
        f.message,
        "正文“全年收到政府信息公开申请28件”中“收到”后的数字 28，与表三“一、本年新收政府信息公开申请数量”行“总计”列（25）不一致"
    );
    assert_eq!(f.cells, ["t3.new.total"]);
}

/// The notes of a rollover, checked against the draft they describe: a note on a cell says what
/// the draft holds there (the figure, or 空白); a note quoting last year's figure quotes it
/// right; every note on a cell names its table, row and column; no two notes read the same.
fn assert_notes_tell_the_truth(last: &Report, next: &Report) {
    let f = next.format;
    let resolved = next.resolve();
    let mut seen = std::collections::BTreeSet::new();
    for note in &next.notes {
        assert!(seen.insert(note.text.as_str()), "repeated: {}", note.text);
        if let Some(ix) = note.cell.as_deref().and_then(|id| f.cell_index(id)) {
            let label = f.cell_label(ix);
            assert!(
                note.text.contains(&label),
                "{} should name {label}",
                note.text
            );
            let value = &resolved[ix];
            if value.is_empty_like() {
                assert!(
                    note.text.contains("空白")
                        && !note.text.contains("填为")
                        && !note.text.contains("填入"),
                    "the draft's cell is blank: {}",
                    note.text
                );
            } else {
                assert!(
                    note.text.contains(&format!("为 {}", value.display())),
                    "the draft holds {}: {}",
                    value.display(),
                    note.text
                );
            }
        }
        for (ix, info) in last.format.cells.iter().enumerate() {
            let said = format!("上年报告{}为 ", last.format.cell_label(ix));
            if note.text.contains(&said) {
                let then = last.resolve()[ix].display();
                assert!(
                    note.text.contains(&format!("{said}{then}")),
                    "{} was {then}: {}",
                    info.id,
                    note.text
                );
            }
        }
    }
}

#[test]
fn rollover_notes_tell_the_truth_about_the_draft() {
    // The case: the 2020 fixture rolled over into the 2021 format.
    let last = import::Importer::default()
        .text(include_str!("../fixtures/xiaosha-2020.txt"))
        .unwrap();
    let next = next_year(&last);
    assert_eq!((next.meta.year, next.format.id.as_str()), (2021, "gb2021"));
    assert_notes_tell_the_truth(&last, &next);
    let on = |id: &str| -> Vec<&str> {
        next.notes
            .iter()
            .filter(|n| n.cell.as_deref() == Some(id))
            .map(|n| n.text.as_str())
            .collect()
    };
    // 60 was last year's 规范性文件·本年新制作数量; the draft's 本年制发件数 is blank, and says so.
    let issued = on("t2_art20_1.normative_docs.issued");
    assert_eq!(issued.len(), 1, "{issued:#?}");
    assert!(
        issued[0].contains("上年报告表二 第二十条第（一）项“规范性文件”行“本年新制作数量”列为 60")
            && issued[0].contains("本稿中该栏为空白"),
        "{}",
        issued[0]
    );
    // 本年废止件数 and 现行有效件数 are new in both rows: four notes, each naming its row.
    for row in ["规章", "行政规范性文件"] {
        for col in ["本年废止件数", "现行有效件数"] {
            let needle = format!("“{row}”行“{col}”列：2021年版新增的栏目");
            assert_eq!(
                next.notes
                    .iter()
                    .filter(|n| n.text.contains(&needle))
                    .count(),
                1,
                "{needle}"
            );
        }
    }
    // The same within a format, and a migration within a year.
    let sample = sample();
    assert_notes_tell_the_truth(&sample, &next_year(&sample));
    let mut r = last.clone();
    r.meta.year = 2021;
    let moved = migrate(&r, format::by_id("gb2021").unwrap());
    assert_notes_tell_the_truth_for_migration(&moved);
}

/// After `migrate`, a note on a moved value names where it went, and the value is there.
fn assert_notes_tell_the_truth_for_migration(moved: &Report) {
    let f = moved.format;
    for note in &moved.notes {
        let Some(ix) = note.cell.as_deref().and_then(|id| f.cell_index(id)) else {
            continue;
        };
        if note.text.contains("已暂填入") {
            let value = moved.entry(ix).unwrap().display();
            assert!(
                note.text
                    .contains(&format!("原为 {value}，已暂填入{}", f.cell_label(ix))),
                "{}",
                note.text
            );
        }
    }
}
