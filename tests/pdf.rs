#![allow(clippy::unwrap_used, clippy::expect_used)]
//! The PDF read back with lopdf: A4 pages, page count, embedded subset fonts, and the extracted
//! text holding every section heading and every number of table 二 — for the built-in sample
//! (2021 format), the imported fixture `tests/fixtures/xiaosha-2020.txt` (2019 format, five
//! sub-tables of 二) and a 2019-format report built from the fixture's text and figures; the fonts
//! used and reported, the sign-off block, the command line. Figures and rare characters:
//! pdf_figures.rs.

mod pdf_support;

use lopdf::Document;
use nianbao::io::pdf::{PdfOptions, export_pdf};
use nianbao::model::{CellValue, Date, Decimal, Report, format};
use pdf_support::*;

/// The 2019-format report of the 小沙街道 fixture (`xiaosha-2020.txt`): its prose, its table 二
/// figures (规范性文件 60/60/60, 政府集中采购 40 项 1621624.23 元) and a few more so that every
/// sub-table has numbers, a signed 本年增/减 included. Built here because the importer lands on
/// another branch.
fn xiaosha_2020() -> Report {
    let mut r = Report::new(format::by_id("gb2019").unwrap(), 2020);
    r.meta.agency = "小沙街道办事处".into();
    r.meta.title = "小沙街道政府信息公开工作2020年度报告".into();
    r.meta.preamble = PREAMBLE.into();
    r.meta.doc_number = "沙街办〔2021〕3号".into();
    r.meta.signature_unit = "小沙街道办事处".into();
    r.meta.signature_date = Date::parse("2021年1月20日");
    r.prose.insert("s1".into(), S1.into());
    r.prose.insert("s5".into(), S5.into());
    r.prose.insert("s6".into(), S6.into());
    let cells = [
        ("t2_art20_1.normative_docs.made", CellValue::Int(60)),
        ("t2_art20_1.normative_docs.published", CellValue::Int(60)),
        (
            "t2_art20_1.normative_docs.total_published",
            CellValue::Int(60),
        ),
        ("t2_art20_1.rules.made", CellValue::Int(0)),
        ("t2_art20_5.licensing.prev_items", CellValue::Int(17)),
        ("t2_art20_5.licensing.delta", CellValue::Int(-2)),
        ("t2_art20_5.licensing.decisions", CellValue::Int(345)),
        ("t2_art20_6.penalty.prev_items", CellValue::Int(23)),
        ("t2_art20_6.penalty.decisions", CellValue::Int(78)),
        ("t2_art20_8.fees.prev_items", CellValue::Int(5)),
        (
            "t2_art20_9.central_procurement.projects",
            CellValue::Int(40),
        ),
        (
            "t2_art20_9.central_procurement.amount",
            CellValue::Money("1621624.23".parse::<Decimal>().unwrap()),
        ),
        ("t4.review.upheld", CellValue::Int(1)),
        ("t4.review.corrected", CellValue::Int(1)),
    ];
    for (id, value) in cells {
        assert!(r.set_by_id(id, Some(value)), "{id}");
    }
    r
}

const PREAMBLE: &str = "今年以来，在区委、区政府的正确领导和高度重视下，小沙街道政务公开工作和政府信息公开工作紧紧围绕全面推进各项工作的决策部署，以人民群众的关注关切、社会发展的公平正义为切入点，以公开促落实，以公开促规范，以公开促服务，深入推进行政决策公开、执行公开、管理公开、服务公开、结果公开和重点领域信息公开，全力推进法治政府、创新政府、廉洁政府和服务型政府建设。";
const S1: &str = "小沙街道按照市、区统一部署，加强组织领导，健全长效工作机制，扎实推进政府信息公开工作。 2020年，街道主动公开政府信息数115条，其中通过政府网站公开政府信息数115条；制发规范性文件总数60条，其中主动公开规范性文件数60条。通过网络问政回应公众关注热点或重大舆情3次。收到依申请公开0件次，行政复议、行政诉讼、举报诉讼均为0。";
const S5: &str = "信息公开工作的基础依然比较薄弱，信息共享的渠道较少，很多信息无法及时获取，对于信息公开工作认识还不够到位，政府信息公开的尺度难以把握，信息公开的时效性有待提高。信息公开渠道还有待拓宽，需要探索新的方式方法，让政府信息面向更多的受众，方便其获取所需信息，同时提高信息的利用率。\n\n针对以上存在的问题，下一步将持续推进整改：\n\n一是继续加强组织领导。坚持主要负责同志要亲自部署、亲自部署、亲自督导，分管同志具体负责、具体落实，相关科室协同配合，采取强有力的措施，持续抓、抓全面，确保公权运用到哪里，服务就跟进到哪里，公开延伸到哪里。同时要不断地加大保障力度，采取多种有效的措施，加快推进各项基础建设，将政务公开所需要的经费统筹纳入财政预算予以保障，使公开工作能够切实开展。\n\n二是切实回应社会关切。突出做好主动公开，及时做好各个重点领域的主动公开工作，注重公开工作依据、标准、执行过程、结果等组成要素，做好逐级公开的工作。杂事做好依申请公开工作，做好在线互动，积极回复各个平台的贴件，运用网格群等推进公开工作。\n\n三是规范新媒体平台运营。依托小沙街道微信公众号——红润锦沙、遇见小沙双平台优势，定期在推送中发布日常政务公开信息、政务服务、政策解读、精神宣讲等内容，有效提高政府信息公开覆盖面，方便群众进行政务工作监督。发生重大突发事件和政务舆情时，能够及时按照规定程序进行响应回复。\n\n四是扎实推进队伍建设。整合资源，搞好人员调配，加强业务培训工作，以全体机关及村干部为对象，进一步加强政府信息公开内容、格式的培训，提高每一位工作人员的思想认识和工作技能，不断增强政府信息公开工作的能力。";
const S6: &str = "无。";

#[test]
fn the_sample_reads_back_as_a4_with_subset_fonts_and_all_its_text() {
    let report = nianbao::io::sample().unwrap();
    let (out, doc) = export("sample", &report, &PdfOptions::default());
    assert_eq!(doc.get_pages().len(), out.pages);
    assert!((5..=8).contains(&out.pages), "{} pages", out.pages);
    assert_a4(&doc);
    let fonts = embedded_fonts(&doc);
    assert_eq!(fonts.len(), 4, "{fonts:?}");
    assert!(out.bytes.len() < 1_000_000, "{} bytes", out.bytes.len());
    let text = text(&doc);
    assert_text(&report, &doc, &text);
    assert!(text.contains("示例市云溪区青禾街道办事处"));
    assert!(!text.contains("拟稿人"), "sign-off block is off by default");
    // Table 三 breaks across pages: its header is printed more than once, and so is the label
    // of the group the break cuts.
    assert!(text.matches("申请人情况").count() >= 2);
    let runs = runs(&doc);
    let table_pages = pages_with(&runs, "申请人情况");
    assert_eq!(table_pages.len(), 2, "{table_pages:?}");
    assert_eq!(pages_with(&runs, "三、本年度办理结果"), table_pages);
    // Whole rows in reading order: the label, then exactly its seven figures.
    let (figures, _) = row_figures(&runs, "一、本年新收政府信息公开申请数量", 0).unwrap();
    assert_eq!(figures, ["18", "3", "0", "1", "2", "1", "25"]);
    assert_eq!(assert_rows(&report, &doc, "t3", &shown(&report)), 25);
}

#[test]
fn a_2019_format_report_prints_its_five_sub_tables_of_two() {
    let report = xiaosha_2020();
    let (out, doc) = export("xiaosha-2019-built", &report, &PdfOptions::default());
    assert_eq!(doc.get_pages().len(), out.pages);
    assert_a4(&doc);
    embedded_fonts(&doc);
    let text = text(&doc);
    assert_text(&report, &doc, &text);
    assert!(text.contains("第二十条第（九）项"));
    assert!(text.contains("1621624.23"));
    assert!(text.contains("-2"));
    assert!(text.contains("沙街办〔2021〕3号"));
    assert!(
        text.contains("杂事做好依申请公开工作"),
        "prose is printed as written"
    );
}

#[test]
fn the_imported_xiaosha_fixture_prints_with_all_headings_and_figures_of_two() {
    for name in ["xiaosha-2020.txt", "xiaosha-2020-gbk.html"] {
        let path = manifest("tests/fixtures").join(name);
        let report = nianbao::io::open_any(&path).unwrap().report;
        assert_eq!(report.format.id, "gb2019");
        let (out, doc) = export(name, &report, &PdfOptions::default());
        assert_eq!(doc.get_pages().len(), out.pages, "{name}");
        assert!((3..=8).contains(&out.pages), "{name}: {} pages", out.pages);
        assert_a4(&doc);
        assert_eq!(
            embedded_fonts(&doc).len(),
            3,
            "title, 黑体 headings, body: no 楷体 line"
        );
        assert!(out.bytes.len() < 1_000_000);
        let text = text(&doc);
        assert_text(&report, &doc, &text);
        assert!(text.contains("第二十条第（九）项"), "{name}");
        assert!(text.contains("60"), "{name}");
        assert!(text.contains("1621624.23"), "{name}");
    }
}

#[test]
fn the_sign_off_block_is_printed_when_asked() {
    let report = nianbao::io::sample().unwrap();
    let options = PdfOptions {
        font_dir: None,
        signoff: true,
    };
    let (_, doc) = export("sample-signoff", &report, &options);
    let text = text(&doc);
    for label in ["拟稿人", "审核人", "签发人", "日期"] {
        assert!(text.contains(label), "{label}");
    }
}

#[test]
fn the_same_report_gives_byte_identical_pdfs() {
    let report = xiaosha_2020();
    let a = export_pdf(&report, &PdfOptions::default()).unwrap();
    let b = export_pdf(&report, &PdfOptions::default()).unwrap();
    assert!(a.bytes == b.bytes);
}

#[test]
fn official_faces_in_the_font_folder_are_used_and_reported() {
    let dir = tempfile::tempdir().unwrap();
    let copy = |from: &str, to: &str| {
        std::fs::copy(manifest("fonts").join(from), dir.path().join(to)).unwrap();
    };
    copy("NianbaoSerif-Regular.ttf", "SIMFANG.TTF");
    copy("NianbaoSans-Regular.ttf", "simhei.ttf");
    copy("NianbaoKai-Regular.ttf", "楷体_GB2312.ttf");
    copy("NianbaoSerif-Bold.ttf", "FZXBSJW.ttf");
    let report = nianbao::io::sample().unwrap();
    let (out, doc) = export("sample-official-faces", &report, &with_fonts(dir.path()));
    let body = body_font(&out);
    assert!(
        body.starts_with("正文：仿宋（") && body.contains("SIMFANG.TTF"),
        "{body}"
    );
    assert!(
        out.fonts_used
            .iter()
            .any(|f| f.starts_with("标题：方正小标宋简体（")),
        "{:?}",
        out.fonts_used
    );
    assert!(
        out.fonts_used
            .iter()
            .any(|f| f.starts_with("二级标题：楷体_GB2312（") && f.contains("楷体_GB2312.ttf"))
    );
    let fonts = embedded_fonts(&doc);
    for tag in ["FANGSG+", "HEITII+", "KAITII+", "XBSONG+"] {
        assert!(
            fonts.iter().any(|f| f.starts_with(tag)),
            "{tag} not in {fonts:?}"
        );
    }
    assert_text(&report, &doc, &text(&doc));
}

#[test]
fn an_unreadable_font_file_falls_back_to_the_bundled_face_and_says_so() {
    let dir = tempfile::tempdir().unwrap();
    std::fs::write(dir.path().join("simfang.ttf"), b"not a font").unwrap();
    let report = nianbao::io::sample().unwrap();
    let (out, _) = export("sample-unreadable-font", &report, &with_fonts(dir.path()));
    let body = body_font(&out);
    assert!(
        body.starts_with("正文：内置 Nianbao Serif") && body.contains("无法读取"),
        "{body}"
    );
}

#[test]
fn the_cli_exports_a_pdf() {
    let dir = tempfile::tempdir().unwrap();
    let out = dir.path().join("报告.pdf");
    let sample = manifest("assets/sample/sample-2025.ron");
    let status = std::process::Command::new(env!("CARGO_BIN_EXE_nianbao"))
        .args(["export"])
        .arg(&sample)
        .arg("-o")
        .arg(&out)
        .arg("--signoff")
        .output()
        .unwrap();
    assert!(
        status.status.success(),
        "{}",
        String::from_utf8_lossy(&status.stderr)
    );
    let stderr = String::from_utf8_lossy(&status.stderr);
    assert!(stderr.contains("正文：内置 Nianbao Serif"), "{stderr}");
    let doc = Document::load(&out).unwrap();
    assert!(text(&doc).contains("签发人"));
}

/// Issue 21: the outer label of 表三 ("三、本年度办理结果", in a column two characters wide) breaks
/// only between words — its ordinal, then 本|年度|办理|结果 — never mid-word as "度办" or "理结",
/// on every page it is printed on, in both formats; so do the headers of its narrow columns
/// (商业|企业, never "商业企/业"), as in the Word export.
#[test]
fn the_outer_label_of_table_three_breaks_only_between_words() {
    let fixture = manifest("tests/fixtures").join("xiaosha-2020.txt");
    let reports = [
        ("sample", nianbao::io::sample().unwrap()),
        (
            "xiaosha-2020.txt",
            nianbao::io::open_any(&fixture).unwrap().report,
        ),
    ];
    for (name, report) in reports {
        let (_, doc) = export(name, &report, &PdfOptions::default());
        let runs = runs(&doc);
        let label = "三、本年度办理结果";
        let starts: Vec<usize> = (0..runs.len())
            .filter(|&at| label_at(&runs, at, label).is_some())
            .collect();
        assert!(!starts.is_empty(), "{name}: the label is printed");
        for at in starts {
            let end = label_at(&runs, at, label).unwrap();
            let lines: Vec<&str> = runs[at..end].iter().map(|r| r.text.as_str()).collect();
            assert_eq!(
                lines,
                ["三、", "本", "年度", "办理", "结果"],
                "{name}: page {}",
                runs[at].page
            );
        }
        for (header, words) in [
            ("商业企业", &["商业", "企业"][..]),
            ("科研机构", &["科研", "机构"]),
            ("社会公益组织", &["社会", "公益", "组织"]),
            ("法律服务机构", &["法律", "服务", "机构"]),
        ] {
            let starts: Vec<usize> = (0..runs.len())
                .filter(|&at| label_at(&runs, at, header).is_some())
                .collect();
            assert!(!starts.is_empty(), "{name}: {header} is printed");
            for at in starts {
                let end = label_at(&runs, at, header).unwrap();
                let lines: Vec<&str> = runs[at..end].iter().map(|r| r.text.as_str()).collect();
                assert_eq!(lines, words, "{name}: page {}", runs[at].page);
            }
        }
    }
}
