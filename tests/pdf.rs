#![allow(clippy::unwrap_used, clippy::expect_used)]
//! The PDF read back with lopdf: A4 pages, page count, embedded subset fonts, and the extracted
//! text holding every section heading and every number of table 二 — for the built-in sample
//! (2021 format), the imported fixture `tests/fixtures/xiaosha-2020.txt` (2019 format, five
//! sub-tables of 二) and a 2019-format report built from the fixture's text and figures.

use std::collections::{BTreeMap, BTreeSet};
use std::path::{Path, PathBuf};

use lopdf::{Document, Object};
use nianbao::io::pdf::{PdfOptions, PdfOutput, export_pdf};
use nianbao::model::format::GridContent;
use nianbao::model::{CellValue, Date, Decimal, Report, format};

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

/// Exports and reads back. With `NIANBAO_PDF_DUMP=DIR` the file is also written there as
/// `NAME.pdf`, for rendering (`pdftoppm -r 70 -png`) and looking at.
fn export(name: &str, report: &Report, options: &PdfOptions) -> (PdfOutput, Document) {
    let out = export_pdf(report, options).unwrap();
    if let Some(dir) = std::env::var_os("NIANBAO_PDF_DUMP") {
        std::fs::write(Path::new(&dir).join(format!("{name}.pdf")), &out.bytes).unwrap();
    }
    let doc = Document::load_mem(&out.bytes).unwrap();
    (out, doc)
}

/// All text of the document, without whitespace (lines break anywhere in CJK text) and without
/// the page numbers (so a paragraph running onto the next page reads on).
fn text(doc: &Document) -> String {
    let pages: Vec<u32> = doc.get_pages().keys().copied().collect();
    let mut text: String = doc
        .extract_text(&pages)
        .unwrap()
        .chars()
        .filter(|c| !c.is_whitespace())
        .collect();
    for n in 1..=pages.len() {
        let folio = format!("—{n}—");
        assert!(text.contains(&folio), "page number {folio}");
        text = text.replacen(&folio, "", 1);
    }
    text
}

fn number(obj: &Object) -> f32 {
    match obj {
        Object::Integer(i) => *i as f32,
        Object::Real(r) => *r,
        _ => panic!("not a number: {obj:?}"),
    }
}

/// Every page is A4.
fn assert_a4(doc: &Document) {
    for (_, id) in doc.get_pages() {
        let page = doc.get_dictionary(id).unwrap();
        let mb: Vec<f32> = page
            .get(b"MediaBox")
            .unwrap()
            .as_array()
            .unwrap()
            .iter()
            .map(number)
            .collect();
        assert!((mb[2] - mb[0] - 595.28).abs() < 0.5, "{mb:?}");
        assert!((mb[3] - mb[1] - 841.89).abs() < 0.5, "{mb:?}");
    }
}

/// The base names of all fonts, each checked to be an embedded TrueType subset with a
/// ToUnicode map.
fn embedded_fonts(doc: &Document) -> BTreeSet<String> {
    let mut names = BTreeSet::new();
    for (_, page) in doc.get_pages() {
        for (_, font) in doc.get_page_fonts(page).unwrap() {
            assert_eq!(font.get(b"Subtype").unwrap().as_name().unwrap(), b"Type0");
            assert!(font.has(b"ToUnicode"), "no ToUnicode");
            let base =
                String::from_utf8(font.get(b"BaseFont").unwrap().as_name().unwrap().to_vec())
                    .unwrap();
            let (tag, _) = base.split_once('+').expect("subset tag");
            assert_eq!(tag.len(), 6);
            let descendants = font.get(b"DescendantFonts").unwrap().as_array().unwrap();
            let cid = doc
                .dereference(&descendants[0])
                .unwrap()
                .1
                .as_dict()
                .unwrap();
            let descriptor = doc
                .dereference(cid.get(b"FontDescriptor").unwrap())
                .unwrap()
                .1
                .as_dict()
                .unwrap();
            let file = descriptor
                .get(b"FontFile2")
                .expect("embedded TrueType program");
            let stream = doc.dereference(file).unwrap().1.as_stream().unwrap();
            // The test fallback face (tests/fixtures/fonts) has four glyphs in all.
            let least = if tag == "NBFBAA" { 200 } else { 1000 };
            assert!(stream.content.len() > least, "{base}");
            names.insert(base);
        }
    }
    names
}

/// Every section heading is in the extracted text, and every row of the tables of 二 and 三
/// reads as its label followed by exactly its figures.
fn assert_text(report: &Report, doc: &Document, text: &str) {
    let f = report.format;
    assert!(text.contains(report.meta.title.as_str()), "title");
    for s in &f.sections {
        let heading = f.section_heading(s);
        assert!(text.contains(&heading), "heading {heading} missing");
    }
    let shown = shown(report);
    let s2 = f.section("s2").unwrap();
    let mut rows = 0;
    for id in s2.tables.iter().chain(&f.section("s3").unwrap().tables) {
        let table = f.table(id).unwrap();
        assert!(text.contains(&table.caption), "{}", table.caption);
        rows += assert_rows(report, doc, id, &shown);
    }
    assert!(rows >= 25, "{rows} rows");
    if let Some(date) = report.meta.signature_date {
        assert!(text.contains(&date.to_string()));
    }
}

/// Every cell's value as printed.
fn shown(report: &Report) -> Vec<CellValue> {
    nianbao::io::pdf::printed_values(report)
}

/// The pages on which a cell reading `label` is drawn.
fn pages_with(runs: &[Run], label: &str) -> BTreeSet<usize> {
    (0..runs.len())
        .filter(|&at| label_at(runs, at, label).is_some())
        .map(|at| runs[at].page)
        .collect()
}

/// One line as drawn: a BT…ET text section (a line of a paragraph or of a table cell), where it
/// starts (pt from the page's bottom left) and its text.
#[derive(Debug, Clone)]
struct Run {
    page: usize,
    x: f32,
    y: f32,
    /// Font size of the run's first font.
    size: f32,
    text: String,
}

/// Every line of every page, in the order drawn, decoded through each font's ToUnicode map.
fn runs(doc: &Document) -> Vec<Run> {
    let mut runs = Vec::new();
    for (page_no, page) in doc.get_pages() {
        let encodings: BTreeMap<Vec<u8>, _> = doc
            .get_page_fonts(page)
            .unwrap()
            .into_iter()
            .map(|(name, font)| (name, font.get_font_encoding(doc).unwrap()))
            .collect();
        let content = doc.get_and_decode_page_content(page).unwrap();
        let mut encoding = None;
        let mut size = 0.0;
        let mut current: Option<Run> = None;
        for op in &content.operations {
            match op.operator.as_str() {
                "Tf" => {
                    encoding = encodings.get(op.operands[0].as_name().unwrap());
                    size = number(&op.operands[1]);
                }
                "Tm" if current.is_none() => {
                    current = Some(Run {
                        page: page_no as usize,
                        x: number(&op.operands[4]),
                        y: number(&op.operands[5]),
                        size,
                        text: String::new(),
                    });
                }
                "TJ" | "Tj" => {
                    let run = current.as_mut().expect("text shown before Tm");
                    let items: Vec<&Object> = match &op.operands[0] {
                        Object::Array(items) => items.iter().collect(),
                        other => vec![other],
                    };
                    for item in items {
                        if let Object::String(bytes, _) = item {
                            let encoding = encoding.expect("text shown before Tf");
                            run.text += &Document::decode_text(encoding, bytes).unwrap();
                        }
                    }
                }
                "ET" => runs.extend(current.take()),
                _ => {}
            }
        }
    }
    runs
}

/// Where the lines of a cell reading `label` end, if they start at run `at`: a label broken over
/// lines is consecutive runs on the same page, each a line below the one before, near the same x
/// (centred lines start at different x).
fn label_at(runs: &[Run], at: usize, label: &str) -> Option<usize> {
    let wanted: String = label.chars().filter(|c| !c.is_whitespace()).collect();
    let first = runs.get(at)?;
    let mut text = String::new();
    let mut end = at;
    while let Some(r) = runs.get(end)
        && r.page == first.page
        && (r.x - first.x).abs() < 20.0
        && (end == at || (0.0..20.0).contains(&(runs[end - 1].y - r.y)))
        && !r.text.is_empty()
        && wanted.starts_with(&(text.clone() + &r.text))
    {
        text += &r.text;
        end += 1;
        if text == wanted {
            return Some(end);
        }
    }
    None
}

/// The figures printed on the row whose row label is `label`, in reading order (left to right):
/// the lines right of the label whose baselines lie within the label's lines. Rows are looked
/// for from run `from` on (reading order); returns the figures and where the label ends.
fn row_figures(runs: &[Run], label: &str, from: usize) -> Option<(Vec<String>, usize)> {
    let (start, end) = (from..runs.len()).find_map(|at| Some((at, label_at(runs, at, label)?)))?;
    let first = &runs[start];
    let lines = &runs[start..end];
    let top = lines.iter().map(|r| r.y).fold(f32::MIN, f32::max) + 0.5;
    let bottom = lines.iter().map(|r| r.y).fold(f32::MAX, f32::min) - 0.5;
    let mut figures: Vec<&Run> = runs
        .iter()
        .filter(|r| r.page == first.page && r.x > first.x + 1.0)
        .filter(|r| r.y <= top && r.y >= bottom)
        .collect();
    figures.sort_by(|a, b| a.x.total_cmp(&b.x));
    Some((figures.iter().map(|r| r.text.clone()).collect(), end))
}

/// Every body row of table `table_id` reads, in order, as its row label followed by exactly its
/// printed figures (blank cells print nothing). Returns the number of rows checked.
fn assert_rows(report: &Report, doc: &Document, table_id: &str, shown: &[CellValue]) -> usize {
    let f = report.format;
    let grid = f.printed_grid(f.table(table_id).unwrap());
    let runs = runs(doc);
    let mut from = 0;
    let mut rows = 0;
    for row in grid.header_rows..grid.rows {
        let Some(label) = grid.row_cells(row).find_map(|c| match &c.content {
            GridContent::Label(t) if c.col + c.col_span == grid.label_columns => Some(t.clone()),
            _ => None,
        }) else {
            continue;
        };
        let expected: Vec<String> = grid
            .row_cells(row)
            .filter_map(|c| match c.content {
                GridContent::Value(ix) => Some(shown[ix].display()),
                GridContent::Label(_) => None,
            })
            .filter(|s| !s.is_empty())
            .collect();
        let (figures, end) = row_figures(&runs, &label, from)
            .unwrap_or_else(|| panic!("{table_id}: row “{label}” not found in reading order"));
        assert_eq!(figures, expected, "{table_id}: row “{label}”");
        from = end;
        rows += 1;
    }
    rows
}

/// The one body row of a table without row labels (表四) reads, left to right, as exactly its
/// printed figures: the runs on the baseline of the first line drawn after the header.
fn assert_single_row(report: &Report, doc: &Document, table_id: &str, shown: &[CellValue]) {
    let f = report.format;
    let grid = f.printed_grid(f.table(table_id).unwrap());
    assert_eq!(grid.label_columns, 0, "{table_id} has row labels");
    let header: Vec<String> = grid
        .cells
        .iter()
        .filter(|c| c.header)
        .filter_map(|c| match &c.content {
            GridContent::Label(t) => Some(t.clone()),
            GridContent::Value(_) => None,
        })
        .collect();
    let runs = runs(doc);
    // The header cells in the order drawn, then the body row's figures.
    let mut at = (0..runs.len())
        .find(|&at| label_at(&runs, at, &header[0]).is_some())
        .unwrap();
    for label in &header {
        at = label_at(&runs, at, label).unwrap_or_else(|| panic!("{table_id}: header {label}"));
    }
    let first = &runs[at];
    let mut figures: Vec<&Run> = runs
        .iter()
        .filter(|r| r.page == first.page && (r.y - first.y).abs() < 0.5)
        .collect();
    figures.sort_by(|a, b| a.x.total_cmp(&b.x));
    let expected: Vec<String> = grid
        .cells
        .iter()
        .filter_map(|c| match c.content {
            GridContent::Value(ix) => Some(shown[ix].display()),
            GridContent::Label(_) => None,
        })
        .filter(|s| !s.is_empty())
        .collect();
    let figures: Vec<String> = figures.iter().map(|r| r.text.clone()).collect();
    assert_eq!(figures, expected, "{table_id}");
}

/// Options with the official faces of `dir`.
fn with_fonts(dir: &Path) -> PdfOptions {
    PdfOptions {
        font_dir: Some(dir.to_path_buf()),
        signoff: false,
    }
}

/// The `正文：…` line of what the export says about its fonts.
fn body_font(out: &PdfOutput) -> &str {
    out.fonts_used
        .iter()
        .find(|f| f.starts_with("正文："))
        .expect("a body face")
}

fn manifest(path: &str) -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR")).join(path)
}

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
