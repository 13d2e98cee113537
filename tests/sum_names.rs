//! The names and years the 汇总 keys on, read right from published pages and text: a title only
//! in the page's head, an `<h1>` or centred bold line, an agency that is never a sentence, no year
//! meaning last year.
#![allow(clippy::unwrap_used, clippy::expect_used)]

#[path = "support/batch.rs"]
mod batch;

use nianbao::io;
use nianbao::model::Report;

const YEAR: u16 = 2025;

// Names and years read right (the 汇总 keys on them).

fn page_with(body_start: &str, head_title: &str) -> String {
    let (r, _) = batch::honest_unit(3, YEAR, 10);
    let page = batch::published_page(&r);
    let body = page.split("<div class=\"content\">").nth(1).unwrap();
    let tables = &body[body.find("<p><strong>一、").unwrap()..];
    format!(
        "<html><head><meta charset=\"utf-8\"><title>{head_title}</title></head><body>{body_start}{tables}</body></html>"
    )
}

fn import_page(html: &str, current_year: Option<u16>) -> Report {
    nianbao::model::import::Importer::builtin(nianbao::model::import::ImportOptions {
        current_year,
    })
    .bytes(html.as_bytes(), nianbao::model::import::Source::Html)
    .unwrap()
}

/// A preamble short enough to pass for a title, as many pages start.
const PREAMBLE: &str = "<p>根据《中华人民共和国政府信息公开条例》要求，编制本机关2025年度政府信息公开工作年度报告。</p><p>本报告中所列数据的统计期限自2025年1月1日起至2025年12月31日止。</p>";

#[test]
fn a_page_titled_only_in_its_head_gets_that_title_and_agency() {
    let r = import_page(
        &page_with(
            PREAMBLE,
            "示例县青禾镇人民政府2025年政府信息公开工作年度报告_示例县人民政府",
        ),
        None,
    );
    assert_eq!(
        r.meta.title,
        "示例县青禾镇人民政府2025年政府信息公开工作年度报告"
    );
    assert_eq!(r.meta.agency, "示例县青禾镇人民政府");
    assert_eq!(r.meta.year, 2025);
    assert!(
        r.meta
            .preamble
            .starts_with("根据《中华人民共和国政府信息公开条例》")
    );
}

#[test]
fn an_h1_or_a_centred_bold_line_names_the_report() {
    let h1 = format!(
        "<div class=\"banner\"><h1>示例县白沙镇2025年度信息公开年度报告</h1></div>{PREAMBLE}"
    );
    let r = import_page(&page_with(&h1, "示例县人民政府门户网站"), None);
    assert_eq!(r.meta.title, "示例县白沙镇2025年度信息公开年度报告");
    let centred = format!(
        "<p>首页 &gt; 政务公开</p><p style=\"text-align: center\"><strong>示例县城关镇2025年度信息公开年度报告</strong></p>{PREAMBLE}"
    );
    let r = import_page(&page_with(&centred, "示例县人民政府门户网站"), None);
    assert_eq!(r.meta.title, "示例县城关镇2025年度信息公开年度报告");
}

#[test]
fn an_agency_is_never_a_sentence_and_no_year_means_last_year() {
    // No title anywhere, no year anywhere, no 落款.
    let text = "为进一步做好政府信息公开工作，现将有关情况报告如下。\n一、总体情况\n本单位认真落实条例。\n二、主动公开政府信息情况\n\
| 第二十条第（一）项 |\n| 信息内容 | 本年制发件数 | 本年废止件数 | 现行有效件数 |\n| 规章 | 0 | 0 | 0 |\n| 行政规范性文件 | 2 | 1 | 9 |\n";
    let options = nianbao::model::import::ImportOptions {
        current_year: Some(2026),
    };
    let r = nianbao::model::import::Importer::builtin(options)
        .bytes(text.as_bytes(), nianbao::model::import::Source::Text)
        .unwrap();
    assert_eq!(r.meta.agency, "");
    assert_eq!(r.meta.title, "");
    assert_eq!(r.meta.year, 2025);
    assert!(
        r.notes
            .iter()
            .any(|n| n.text.contains("暂定为上一年度 2025 年度")),
        "{:#?}",
        r.notes
    );
    // Today's year comes from the clock when a file is opened.
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("r.txt");
    std::fs::write(&path, text).unwrap();
    let opened = io::open_any(&path).unwrap();
    assert_eq!(Some(opened.report.meta.year + 1), io::current_year());
    // A dated 落款 decides instead.
    let dated =
        format!("{text}六、其他需要报告的事项\n无。\n示例县青禾镇人民政府\n2026年1月15日\n");
    let r = nianbao::model::import::Importer::builtin(options)
        .bytes(dated.as_bytes(), nianbao::model::import::Source::Text)
        .unwrap();
    assert_eq!(r.meta.year, 2025);
    assert_eq!(r.meta.agency, "示例县青禾镇人民政府", "from the 落款");
}
