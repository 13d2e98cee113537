//! Importing what real published reports print where it differs from the format (issue 19):
//! the other format's row labels, typos in a label, a 2021 表三 printed with the 2019 single
//! （六）其他处理 row, retitled and renumbered section headings, a government portal's page
//! around the report. Each test takes one of our clean fixtures, changes the one thing, and
//! checks the figures land where they belong and the notes say what happened, once.
#![allow(clippy::unwrap_used, clippy::expect_used)]

use std::path::Path;

use nianbao::model::import::Importer;
use nianbao::model::{CellValue, Report};

fn fixture(name: &str) -> String {
    let path = Path::new(env!("CARGO_MANIFEST_DIR"))
        .join("tests/fixtures")
        .join(name);
    std::fs::read_to_string(path).unwrap()
}

/// `fixture` with `from` (which must occur) replaced by `to`.
fn variant(name: &str, from: &str, to: &str) -> String {
    let text = fixture(name);
    assert!(text.contains(from), "{name} has no {from:?}");
    text.replace(from, to)
}

fn entry(r: &Report, id: &str) -> Option<CellValue> {
    let ix = r.format.cell_index(id).unwrap_or_else(|| panic!("{id}"));
    r.entry(ix).cloned()
}

fn int(r: &Report, id: &str) -> Option<i64> {
    match entry(r, id) {
        Some(CellValue::Int(i)) => Some(i),
        _ => None,
    }
}

fn texts(r: &Report) -> Vec<String> {
    r.notes.iter().map(|n| n.text.clone()).collect()
}

/// The notes of `variant` that the clean import does not have (as a multiset), but for the
/// note that says how the format was told (it counts the labels).
fn new_notes(clean: &Report, variant: &Report) -> Vec<String> {
    let mut old = texts(clean);
    let mut out = Vec::new();
    for n in texts(variant)
        .into_iter()
        .filter(|n| !n.starts_with("根据表格的栏目判断为"))
    {
        match old.iter().position(|o| *o == n) {
            Some(at) => {
                old.remove(at);
            }
            None => out.push(n),
        }
    }
    out
}

const QINGHE: &str = "qinghe-2025-bars.txt";
const SHENGTAI: &str = "shengtai-2020-tabsep.txt";

fn clean(name: &str) -> Report {
    Importer::default().text(&fixture(name)).unwrap()
}

/// Exactly one new note, and it has every word.
fn assert_one_note(clean: &Report, variant: &Report, words: &[&str]) {
    let added = new_notes(clean, variant);
    assert_eq!(added.len(), 1, "{added:#?}");
    let note = added.first().unwrap();
    assert!(words.iter().all(|w| note.contains(w)), "{note}");
}

#[test]
fn the_2019_label_in_a_2021_table_is_its_row_with_one_note() {
    let text = variant(QINGHE, "| 行政规范性文件 | 2 |", "| 规范性文件 | 2 |");
    let r = Importer::default().text(&text).unwrap();
    assert_eq!(r.format.id, "gb2021");
    assert_eq!(int(&r, "t2_art20_1.normative_docs.issued"), Some(2));
    assert_eq!(int(&r, "t2_art20_1.normative_docs.repealed"), Some(1));
    assert_eq!(int(&r, "t2_art20_1.normative_docs.in_force"), Some(9));
    assert_one_note(&clean(QINGHE), &r, &["“规范性文件”", "“行政规范性文件”"]);
}

#[test]
fn the_2021_label_in_a_2019_table_is_its_row_with_one_note() {
    let text = variant(SHENGTAI, "规 范 性 文 件\t6", "行政规范性文件\t6");
    let r = Importer::default().text(&text).unwrap();
    assert_eq!(r.format.id, "gb2019");
    assert_eq!(int(&r, "t2_art20_1.normative_docs.made"), Some(6));
    assert_eq!(
        int(&r, "t2_art20_1.normative_docs.total_published"),
        Some(48)
    );
    assert_one_note(&clean(SHENGTAI), &r, &["“行政规范性文件”", "“规范性文件”"]);
}

#[test]
fn a_typo_in_a_row_label_is_read_as_the_nearest_row_with_one_note() {
    let text = variant(
        QINGHE,
        "| 2.其他法律行政法规禁止公开 | 0 | 0 | 0 | 0 | 0 | 0 | 0 |",
        "| 2.其他法律行政止公开 | 0 | 0 | 0 | 0 | 0 | 2 | 2 |",
    );
    let r = Importer::default().text(&text).unwrap();
    assert_eq!(int(&r, "t3.withheld_law_prohibited.corp_other"), Some(2));
    assert_eq!(int(&r, "t3.withheld_law_prohibited.total"), Some(2));
    assert_one_note(
        &clean(QINGHE),
        &r,
        &["“2.其他法律行政止公开”", "“2.其他法律行政法规禁止公开”"],
    );
    // 2019: the same rule.
    let text = variant(
        SHENGTAI,
        "(五)不予处理\t2.重复申请\t2",
        "(五)不予处理\t2.重复申情\t2",
    );
    let r = Importer::default().text(&text).unwrap();
    assert_eq!(r.format.id, "gb2019");
    assert_eq!(int(&r, "t3.refused_repeat.total"), Some(2));
    assert_one_note(&clean(SHENGTAI), &r, &["“2.重复申情”", "“2.重复申请”"]);
}

#[test]
fn a_label_too_far_from_every_row_is_not_guessed() {
    // Four characters off: unmatched, and its figures are named in a note.
    let printed = "2.其他法律禁止公开";
    let text = variant(QINGHE, "2.其他法律行政法规禁止公开", printed);
    let r = Importer::default().text(&text).unwrap();
    assert_eq!(entry(&r, "t3.withheld_law_prohibited.total"), None);
    assert!(
        texts(&r).iter().any(|n| n.contains(printed)),
        "{:#?}",
        texts(&r)
    );
}

#[test]
fn a_typo_under_another_item_number_is_not_guessed() {
    // One character off and another number: two slips at once are no match.
    let printed = "9.其他法律行政法规禁止公";
    let text = variant(QINGHE, "2.其他法律行政法规禁止公开", printed);
    let r = Importer::default().text(&text).unwrap();
    assert_eq!(entry(&r, "t3.withheld_law_prohibited.total"), None);
    assert!(
        texts(&r).iter().any(|n| n.contains(printed)),
        "{:#?}",
        texts(&r)
    );
}

/// The three （六） rows of qinghe-2025-bars.txt.
const QINGHE_SIX: &str = "| 三、本年度办理结果 | （六）其他处理 | 1.申请人无正当理由逾期不补正，行政机关不再处理其政府信息公开申请 | 0 | 0 | 0 | 0 | 0 | 1 | 1 |
| 三、本年度办理结果 | （六）其他处理 | 2.申请人逾期未按收费通知要求缴纳费用、行政机关不再处理其政府信息公开申请 | 0 | 0 | 0 | 0 | 0 | 0 | 0 |
| 三、本年度办理结果 | （六）其他处理 | 3.其他 | 0 | 0 | 0 | 0 | 0 | 0 | 0 |";

#[test]
fn a_2021_table_with_the_single_old_other_row_puts_it_in_3_other_with_one_note() {
    for old_row in [
        "| 三、本年度办理结果 | （六）其他处理 | （六）其他处理 | 0 | 0 | 0 | 0 | 0 | 1 | 1 |",
        "|  | （六）其他处理 |  | 0 | 0 | 0 | 0 | 0 | 1 | 1 |",
    ] {
        let r = Importer::default()
            .text(&variant(QINGHE, QINGHE_SIX, old_row))
            .unwrap();
        assert_eq!(r.format.id, "gb2021");
        assert_eq!(int(&r, "t3.other_misc.corp_other"), Some(1), "{old_row}");
        assert_eq!(int(&r, "t3.other_misc.total"), Some(1));
        assert_eq!(entry(&r, "t3.other_no_correction.total"), None);
        assert_eq!(entry(&r, "t3.other_no_fee.total"), None);
        // The clean import has the 1 in 1.申请人无正当理由…; the sums still hold.
        assert_eq!(int(&r, "t3.results_total.total"), Some(26));
        assert_one_note(
            &clean(QINGHE),
            &r,
            &["“（六）其他处理”", "“3.其他”", "1.申请人无正当理由", "留空"],
        );
        assert!(!texts(&r).iter().any(|n| n.contains("无法对应")));
    }
}

#[test]
fn an_old_other_row_of_zeros_makes_its_three_rows_zero_and_says_so() {
    // Counts are never negative: a printed （六） of 0 means each of its three rows is 0, and
    // a column with a figure is left for the clerk to split.
    let zeros =
        "| 三、本年度办理结果 | （六）其他处理 | （六）其他处理 | 0 | 0 | 0 | 0 | 0 | 0 | 0 |";
    let clean_zero = QINGHE_SIX.replace(
        "| 0 | 0 | 0 | 0 | 0 | 1 | 1 |",
        "| 0 | 0 | 0 | 0 | 0 | 0 | 0 |",
    );
    let base = fixture(QINGHE).replace(QINGHE_SIX, &clean_zero);
    let r = Importer::default()
        .text(&base.replace(&clean_zero, zeros))
        .unwrap();
    for row in ["other_no_correction", "other_no_fee", "other_misc"] {
        for column in ["natural", "corp_other", "total"] {
            let id = format!("t3.{row}.{column}");
            assert_eq!(int(&r, &id), Some(0), "{id}");
        }
    }
    let note = texts(&r)
        .into_iter()
        .find(|n| n.contains("（六）其他处理"))
        .unwrap();
    assert!(note.contains("也填为 0"), "{note}");
    assert!(!note.contains("留空"), "{note}");
    // With a figure in two columns, only the zero columns are decided.
    let r = Importer::default()
        .text(&variant(
            QINGHE,
            QINGHE_SIX,
            "|  | （六）其他处理 |  | 0 | 0 | 0 | 0 | 0 | 1 | 1 |",
        ))
        .unwrap();
    assert_eq!(int(&r, "t3.other_no_fee.natural"), Some(0));
    assert_eq!(entry(&r, "t3.other_no_fee.corp_other"), None);
    assert_eq!(entry(&r, "t3.other_no_fee.total"), None);
}

#[test]
fn a_2021_web_page_with_the_single_old_other_row_puts_it_in_3_other() {
    let page = fixture("qinghe-2025.html");
    let start = page
        .find("<tr><td rowspan=\"3\">（六）其他处理</td>")
        .unwrap();
    let end = page.find("<tr><td colspan=\"2\">（七）总计</td>").unwrap();
    let old = format!(
        "{}<tr><td colspan=\"2\">（六）其他处理</td>{}</td></tr>{}",
        &page[..start],
        "<td>0</td><td>0</td><td>0</td><td>0</td><td>0</td><td>1</td><td>1",
        &page[end..]
    )
    .replace(
        "<td rowspan=\"22\">三、本年度办理结果</td>",
        "<td rowspan=\"20\">三、本年度办理结果</td>",
    );
    let r = Importer::default().html(&old).unwrap();
    assert_eq!(int(&r, "t3.other_misc.total"), Some(1));
    assert_eq!(int(&r, "t3.results_total.total"), Some(26));
    let clean = Importer::default().html(&page).unwrap();
    assert_one_note(&clean, &r, &["“（六）其他处理”", "“3.其他”"]);
}

#[test]
fn a_row_of_figures_without_a_label_is_one_note_that_calls_it_figures() {
    let text = variant(
        QINGHE,
        "| 行政规范性文件 | 2 | 1 | ９ |\n",
        "| 行政规范性文件 | 2 | 1 | ９ |\n| 3 | 4 | 5 |\n",
    );
    let r = Importer::default().text(&text).unwrap();
    assert_eq!(int(&r, "t2_art20_1.normative_docs.in_force"), Some(9));
    assert_one_note(
        &clean(QINGHE),
        &r,
        &["一行数字", "3、4、5", "行政规范性文件"],
    );
    assert!(!texts(&r).iter().any(|n| n.contains("“3”")));
}

#[test]
fn many_rows_not_found_in_one_table_are_one_note() {
    let text = fixture(QINGHE);
    let kept: Vec<&str> = text
        .lines()
        .filter(|l| !l.contains("（四）无法提供") && !l.contains("（五）不予处理"))
        .collect();
    let r = Importer::default().text(&kept.join("\n")).unwrap();
    let added = new_notes(&clean(QINGHE), &r);
    assert_eq!(added.len(), 1, "{added:#?}");
    let note = added.first().unwrap();
    assert!(note.contains("没有找到表三的 8 行"), "{note}");
    assert!(note.contains("1.本机关不掌握相关政府信息"), "{note}");
}

#[test]
fn the_same_stray_cell_twice_in_a_table_is_one_note() {
    let text = variant(
        QINGHE,
        "| 行政规范性文件 | 2 | 1 | ９ |\n",
        "| 行政规范性文件 | 2 | 1 | ９ |\n| 备注：无 |\n| 备注：无 |\n",
    );
    let r = Importer::default().text(&text).unwrap();
    let added = new_notes(&clean(QINGHE), &r);
    assert_eq!(added.len(), 1, "{added:#?}");
}

const S5: &str = "五、存在的主要问题及改进情况";
const S6: &str = "六、其他需要报告的事项";

fn assert_sections_found(r: &Report, s5_words: &str, s6_words: &str, printed: &str) {
    assert!(
        r.prose("s5").contains(s5_words),
        "{printed}: {:?}",
        r.prose("s5")
    );
    assert!(
        r.prose("s6").contains(s6_words),
        "{printed}: {:?}",
        r.prose("s6")
    );
    assert!(
        !texts(r).iter().any(|n| n.contains("没有找到第")),
        "{printed}: {:#?}",
        texts(r)
    );
    assert!(!r.prose("s4").contains(s5_words), "{printed}");
}

#[test]
fn retitled_and_renumbered_section_headings_are_found() {
    let s5_body = "一是部分公开内容更新不够及时";
    let s6_body = "本年度未收取信息处理费";
    for heading in [
        "五、存在的主要问题及整改措施",
        "五、存在的主要问题及整改情况",
        "五、存在的主要问题及改进措施",
        "五、存在的问题及改进措施",
        "五、主要问题及改进措施",
        "（五）存在的主要问题及改进情况",
        "5.存在的主要问题及改进情况",
        "5、存在的主要问题及整改措施",
        "第五部分 存在的主要问题及改进情况",
        "第五部分：存在的主要问题及改进情况",
    ] {
        let r = Importer::default()
            .text(&variant(QINGHE, S5, heading))
            .unwrap();
        assert_sections_found(&r, s5_body, s6_body, heading);
        assert_eq!(
            new_notes(&clean(QINGHE), &r),
            Vec::<String>::new(),
            "{heading}"
        );
    }
    for heading in [
        "六、其他需要说明的事项",
        "六、其他需要报告的情况",
        "六、其他事项",
        "（六）其他需要报告的事项",
        "6.其他需要报告的事项",
        "第六部分 其他需要报告的事项",
    ] {
        let r = Importer::default()
            .text(&variant(QINGHE, S6, heading))
            .unwrap();
        assert_sections_found(&r, s5_body, s6_body, heading);
    }
    // 2019.
    let r = Importer::default()
        .text(&variant(SHENGTAI, S5, "五、存在的主要问题及整改措施"))
        .unwrap();
    assert!(
        r.prose("s5").contains("及时性和规范性"),
        "{:?}",
        r.prose("s5")
    );
    assert!(!texts(&r).iter().any(|n| n.contains("没有找到第")));
}

#[test]
fn a_heading_in_its_place_with_other_words_is_found_by_its_number_with_a_note() {
    let printed = "五、工作中存在的不足与下一步打算";
    let r = Importer::default()
        .text(&variant(QINGHE, S5, printed))
        .unwrap();
    assert!(r.prose("s5").contains("一是部分公开内容更新不够及时"));
    assert_one_note(&clean(QINGHE), &r, &[printed, "第五部分"]);
}

#[test]
fn a_section_really_absent_is_still_noted() {
    let text = fixture(QINGHE);
    let start = text.find(S5).unwrap();
    let end = text.find(S6).unwrap();
    let cut = format!("{}{}", &text[..start], &text[end..]);
    let r = Importer::default().text(&cut).unwrap();
    assert!(
        texts(&r).iter().any(|n| n.contains("没有找到第五部分")),
        "{:#?}",
        texts(&r)
    );
}

#[test]
fn a_portal_page_reads_its_metadata_table_and_makes_no_notes_of_its_chrome() {
    let page = fixture("variants/portal-2024.html");
    // As saved, and with section 六 outside the element of the others: the report's container
    // then holds the page tools and related links too.
    let split = page.replace(
        "<p><strong>六、其他需要报告的事项</strong></p>",
        "</div><div class=\"article-end\"><p><strong>六、其他需要报告的事项</strong></p>",
    );
    assert_ne!(split, page);
    for page in [page, split] {
        assert_portal_page(&page);
    }
}

fn assert_portal_page(page: &str) {
    let r = Importer::default().html(page).unwrap();
    assert_eq!(r.format.id, "gb2021");
    assert_eq!(r.meta.year, 2024);
    // The title names no agency; the 发布机构 does.
    assert_eq!(r.meta.agency, "示例市云溪区应急管理局");
    // No 落款 date in the body: the 成文日期 is the page's 公开日期, with a note saying so.
    assert_eq!(
        r.meta.signature_date.map(|d| d.to_string()),
        Some("2025年1月20日".to_owned())
    );
    let notes = texts(&r);
    assert!(
        notes
            .iter()
            .any(|n| n.contains("公开日期") && n.contains("2025年1月20日")),
        "{notes:#?}"
    );
    // The figures are the report's.
    assert_eq!(int(&r, "t2_art20_1.normative_docs.in_force"), Some(4));
    assert_eq!(int(&r, "t3.new.total"), Some(7));
    assert_eq!(int(&r, "t4.review.total"), Some(1));
    // Nothing of the metadata table, the navigation or the footer is a note, or in the text.
    for word in [
        "索引号",
        "发布机构",
        "公开日期",
        "文号",
        "关键词",
        "时效",
        "首页",
        "版权所有",
        "网站标识码",
        "当前位置",
        "ICP",
        "相关链接",
        "打印",
        "分享",
        "2023年度",
    ] {
        let mentioned: Vec<&String> = notes
            .iter()
            .filter(|n| n.contains(word) && !n.contains("按网页的"))
            .collect();
        assert!(mentioned.is_empty(), "{word}: {mentioned:#?}");
        assert!(
            !r.meta.preamble.contains(word),
            "{word}: {}",
            r.meta.preamble
        );
        assert!(!r.prose("s6").contains(word), "{word}: {}", r.prose("s6"));
    }
    assert!(notes.len() <= 4, "{notes:#?}");
}

#[test]
fn a_table_whose_blank_cells_a_pdf_dropped_is_one_note_not_one_per_row() {
    // xiaosha-2020 printed to PDF: its blank cells are not in the text at all.
    let r = Importer::default()
        .text(&fixture("pdf/xiaosha-2020-lo-layout.txt"))
        .unwrap();
    let notes = texts(&r);
    let about_t3: Vec<&String> = notes
        .iter()
        .filter(|n| n.starts_with("表三") && n.contains("个数据，应有"))
        .collect();
    assert!(about_t3.is_empty(), "{about_t3:#?}");
    let one: Vec<&String> = notes
        .iter()
        .filter(|n| n.starts_with("表三有 23 行的数据不全"))
        .collect();
    assert_eq!(one.len(), 1, "{notes:#?}");
    assert!(
        one.iter().all(|n| n.contains("23 行一个数据也没有")),
        "{one:#?}"
    );
}

/// A 2019-format report as a portal page: the body of `SHENGTAI` (tab rows as table rows),
/// its title without the agency, under a navigation bar and metadata written as lines
/// (`发布机构：…`), above a footer.
fn shengtai_portal_page() -> String {
    let text = variant(
        SHENGTAI,
        "示例市生态环境局2020年政府信息公开工作年度报告",
        "2020年政府信息公开工作年度报告",
    );
    let mut body = String::new();
    let mut in_tables = false;
    let mut table_open = false;
    for line in text.lines() {
        if line.starts_with("二、") {
            in_tables = true;
        } else if line.starts_with("五、") {
            in_tables = false;
        }
        let heading = ["一、", "二、", "三、", "四、", "五、", "六、"]
            .iter()
            .any(|h| line.starts_with(h) && !line.contains('\t'));
        if in_tables && !heading && !line.trim().is_empty() {
            if !table_open {
                body.push_str("<table border=\"1\">\n");
                table_open = true;
            }
            let cells: String = line.split('\t').map(|c| format!("<td>{c}</td>")).collect();
            body.push_str(&format!("<tr>{cells}</tr>\n"));
            continue;
        }
        if table_open {
            body.push_str("</table>\n");
            table_open = false;
        }
        if !line.trim().is_empty() {
            body.push_str(&format!("<p>{line}</p>\n"));
        }
    }
    format!(
        "<html><head><meta charset=\"utf-8\"><title>2020年政府信息公开工作年度报告_示例市人民政府</title></head><body>\n\
<div id=\"nav\"><a>首页</a> <a>政务公开</a> <a>政务服务</a> <a>互动交流</a></div>\n\
<div class=\"crumb\">您现在的位置：首页 &gt; 政务公开 &gt; 年度报告</div>\n\
<ul class=\"meta\"><li>索引号：0000/2021-00003</li><li>发布机构：示例市生态环境局</li>\
<li>成文日期：2021-01-25</li><li>公开日期：2021-01-28</li><li>文号：</li></ul>\n\
<div class=\"content\">\n{body}</div>\n\
<div class=\"footer\"><p>版权所有：示例市人民政府 网站标识码 0000000000</p></div></body></html>"
    )
}

#[test]
fn a_2019_portal_page_with_its_metadata_in_lines() {
    let r = Importer::default().html(&shengtai_portal_page()).unwrap();
    assert_eq!(r.format.id, "gb2019");
    assert_eq!(r.meta.agency, "示例市生态环境局");
    assert_eq!(
        int(&r, "t2_art20_1.normative_docs.total_published"),
        Some(48)
    );
    assert_eq!(int(&r, "t3.new.total"), Some(12));
    // The 成文日期 is the date the page gives for the 落款; the 公开日期 comes after it.
    assert_eq!(
        r.meta.signature_date.map(|d| d.to_string()),
        Some("2021年1月25日".to_owned())
    );
    let notes = texts(&r);
    for word in ["索引号", "首页", "位置", "版权所有", "文号"] {
        let mentioned: Vec<&String> = notes.iter().filter(|n| n.contains(word)).collect();
        assert!(mentioned.is_empty(), "{word}: {mentioned:#?}");
        assert!(
            !r.meta.preamble.contains(word),
            "{word}: {}",
            r.meta.preamble
        );
        assert!(!r.prose("s6").contains(word), "{word}: {}", r.prose("s6"));
    }
    assert!(
        notes
            .iter()
            .any(|n| n.contains("按网页的成文日期") && n.contains("2021年1月25日")),
        "{notes:#?}"
    );
}

#[test]
fn a_typo_in_a_column_header_is_read_as_that_column_with_one_note() {
    // 平潭 海坛片区 2023 prints “先行有效件数” (先 for 现).
    let text = variant(QINGHE, "现行有效件数", "先行有效件数");
    let r = Importer::default().text(&text).unwrap();
    assert_eq!(int(&r, "t2_art20_1.normative_docs.in_force"), Some(9));
    assert_one_note(
        &clean(QINGHE),
        &r,
        &["“先行有效件数”", "“现行有效件数”", "只差 1 个字"],
    );
    // A header far from the next column is still a column the format does not have.
    let text = variant(QINGHE, "现行有效件数", "备案件数");
    let r = Importer::default().text(&text).unwrap();
    assert_one_note(&clean(QINGHE), &r, &["本格式没有的栏目“备案件数”"]);
}

#[test]
fn the_variant_writing_钩稽_of_table_three_s_corner_is_the_corner() {
    // 平潭 海坛片区 2023: “（本列数据的钩稽关系为：…）”.
    let r = Importer::default()
        .text(&variant(QINGHE, "勾稽", "钩稽"))
        .unwrap();
    assert_eq!(new_notes(&clean(QINGHE), &r), Vec::<String>::new());
    assert_eq!(int(&r, "t3.new.total"), int(&clean(QINGHE), "t3.new.total"));
}

#[test]
fn a_heading_with_a_note_after_its_title_is_its_section() {
    // 平潭 金井片区 2019: “二、主动公开政府信息情况（有关情况附表）”, and so 三 and 四.
    let mut text = fixture(QINGHE);
    for heading in [
        "二、主动公开政府信息情况",
        "三、收到和处理政府信息公开申请情况",
        "四、政府信息公开行政复议、行政诉讼情况",
    ] {
        assert!(text.contains(heading), "{heading}");
        text = text.replace(heading, &format!("{heading}（有关情况附表）"));
    }
    let r = Importer::default().text(&text).unwrap();
    assert_eq!(new_notes(&clean(QINGHE), &r), Vec::<String>::new());
}

#[test]
fn a_signature_of_unit_and_date_on_one_line_is_the_signature() {
    // 平潭 社会事业局 2023: “平潭综合实验区社会事业局　2024年1月26日” (U+3000 between).
    let one_line = "示例市云溪区青禾街道办事处\u{3000}2026年1月20日";
    let r = Importer::default()
        .text(&variant(
            QINGHE,
            "示例市云溪区青禾街道办事处\n2026年1月20日",
            one_line,
        ))
        .unwrap();
    let c = clean(QINGHE);
    assert_eq!(r.meta.signature_unit, c.meta.signature_unit);
    assert_eq!(r.meta.signature_date, c.meta.signature_date);
    assert_eq!(new_notes(&c, &r), Vec::<String>::new());
    assert!(
        !r.prose("s6").contains("2026年1月20日"),
        "{}",
        r.prose("s6")
    );
}

#[test]
fn headings_renumbered_after_an_extra_section_are_their_sections() {
    // 平潭 旅游与文化体育局 2020: a section “二、政务公开工作主要任务落实情况” of its own, so the
    // format's 二 to 六 are printed 三 to 七 under their own titles.
    let mut text = fixture(QINGHE);
    for (from, to) in [
        ("六、其他需要报告的事项", "七、其他需要报告的事项"),
        (
            "五、存在的主要问题及改进情况",
            "六、存在的主要问题及改进情况",
        ),
        (
            "四、政府信息公开行政复议、行政诉讼情况",
            "五、政府信息公开行政复议、行政诉讼情况",
        ),
        (
            "三、收到和处理政府信息公开申请情况",
            "四、收到和处理政府信息公开申请情况",
        ),
        (
            "二、主动公开政府信息情况",
            "二、政务公开工作主要任务落实情况\n围绕优化营商环境开展政策解读。\n三、主动公开政府信息情况",
        ),
    ] {
        assert!(text.contains(from), "{from}");
        text = text.replace(from, to);
    }
    let r = Importer::default().text(&text).unwrap();
    let c = clean(QINGHE);
    assert_eq!(new_notes(&c, &r), Vec::<String>::new());
    assert_eq!(r.meta.title, c.meta.title);
    assert_eq!(r.prose("s5"), c.prose("s5"));
    assert_eq!(r.prose("s6"), c.prose("s6"));
    assert!(r.prose("s1").contains("政务公开工作主要任务落实情况"));
}

#[test]
fn a_title_with_关于_names_the_agency_without_it() {
    // 平潭 旅游与文化体育局 2020: “…体育局 关于2020年度政府信息公开工作年度报告”.
    let text = variant(
        QINGHE,
        "示例市云溪区青禾街道办事处2025年政府信息公开工作年度报告",
        "示例市云溪区青禾街道办事处 关于2025年度政府信息公开工作年度报告",
    );
    let r = Importer::default().text(&text).unwrap();
    assert_eq!(r.meta.agency, "示例市云溪区青禾街道办事处");
    assert_eq!(r.meta.year, 2025);
}

#[test]
fn a_row_printed_with_another_item_number_is_read_by_its_words_with_one_note() {
    // 1. printed as 4.: no label of the format, but the words of （六）'s first row exactly.
    let text = variant(
        QINGHE,
        "| 1.申请人无正当理由逾期不补正",
        "| 4.申请人无正当理由逾期不补正",
    );
    let r = Importer::default().text(&text).unwrap();
    assert_eq!(int(&r, "t3.other_no_correction.corp_other"), Some(1));
    assert_eq!(int(&r, "t3.other_no_correction.total"), Some(1));
    assert_one_note(
        &clean(QINGHE),
        &r,
        &[
            "“4.申请人无正当理由逾期不补正",
            "按本格式的“1.申请人无正当理由逾期不补正",
            "序号不同",
        ],
    );
}

#[test]
fn a_list_numbered_anew_in_every_row_is_read_by_its_words_with_one_note_for_the_table() {
    // Word's numbering restarted: （三）'s rows printed 1. 1. 2. 3. … instead of 1. 2. 3. 4. ….
    let mut text = fixture(QINGHE);
    for (n, words) in [
        "其他法律行政法规禁止公开",
        "危及“三安全一稳定”",
        "保护第三方合法权益",
        "属于三类内部事务信息",
    ]
    .iter()
    .enumerate()
    {
        let from = format!("| {}.{words}", n + 2);
        assert!(text.contains(&from), "{from}");
        text = text.replace(&from, &format!("| {}.{words}", n + 1));
    }
    let r = Importer::default().text(&text).unwrap();
    let clean = clean(QINGHE);
    assert_eq!(
        r.cells, clean.cells,
        "every figure where the clean import has it"
    );
    assert_one_note(
        &clean,
        &r,
        &[
            "表三有 4 行",
            "序号不同",
            "“1.其他法律行政法规禁止公开”按本格式的“2.其他法律行政法规禁止公开”",
        ],
    );
}

#[test]
fn the_same_words_under_a_group_number_are_no_row() {
    // （三） is a group's number, not a row's: a row printed under it is not read by its words.
    let text = variant(
        QINGHE,
        "| 1.申请人无正当理由逾期不补正",
        "| （三）申请人无正当理由逾期不补正",
    );
    let r = Importer::default().text(&text).unwrap();
    assert_eq!(entry(&r, "t3.other_no_correction.total"), None);
    assert!(
        texts(&r).iter().any(|n| n.contains("本格式没有的一行")),
        "{:#?}",
        texts(&r)
    );
}
