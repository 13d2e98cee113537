//! Word documents: importing `.docx` reports (fixtures built by `scripts/make_docx_fixtures.py`
//! from the web-page fixtures, so both imports must agree), refusing old `.doc` files, surviving
//! damaged packages; exporting `.docx` and reading it back.
#![allow(clippy::unwrap_used, clippy::expect_used)]

use std::io::{Read, Write};
use std::path::{Path, PathBuf};
use std::process::{Command, Output};

use nianbao::model::import::Importer;
use nianbao::model::import::docx::DocxError;
use nianbao::model::import::{ImportError, Source};
use nianbao::model::{CellValue, Decimal, Report};
use proptest::prelude::*;

mod round_trip;
use round_trip::{assert_round_trip, every_report};

fn fixture_path(name: &str) -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR"))
        .join("tests/fixtures")
        .join(name)
}

fn fixture_bytes(name: &str) -> Vec<u8> {
    std::fs::read(fixture_path(name)).unwrap()
}

fn nianbao(args: &[&std::ffi::OsStr]) -> Output {
    Command::new(env!("CARGO_BIN_EXE_nianbao"))
        .args(args)
        .output()
        .unwrap()
}

fn has_note(r: &Report, words: &[&str]) -> bool {
    r.notes
        .iter()
        .any(|n| words.iter().all(|w| n.text.contains(w)))
}

/// The page the Word fixture was made from, imported.
fn page(name: &str) -> Report {
    Importer::default()
        .bytes(&fixture_bytes(name), Source::Html)
        .unwrap()
}

/// Same format, year, metadata, prose and cells (numbers compared as numbers: `1.2000` = `1.20`).
fn assert_same_report(word: &Report, html: &Report) {
    assert_eq!(word.format.id, html.format.id);
    assert_eq!(word.meta, html.meta);
    assert_eq!(word.prose, html.prose);
    for (ix, (a, b)) in word.cells.iter().zip(&html.cells).enumerate() {
        let id = word.format.cell_id(ix);
        match (a, b) {
            (Some(CellValue::Money(x)), Some(CellValue::Money(y))) => assert_eq!(x, y, "{id}"),
            _ => assert_eq!(a, b, "{id}"),
        }
    }
}

#[test]
fn a_2021_report_with_separate_tables_reads_like_its_web_page() {
    // Runs split mid-word, 落款 in a text box (with its VML copy), a hyperlink field and a
    // DOCPROPERTY field in the preamble, a soft hyphen, bookmarks, a tab after "五、",
    // "本年制发⏎件数" as two paragraphs, 表四 in full-width digits, the fee as "12,000元",
    // the title over two centred paragraphs.
    let word = Importer::default()
        .word(&fixture_bytes("docx/qinghe-2025.docx"))
        .unwrap();
    assert_same_report(&word, &page("qinghe-2025.html"));
    assert_eq!(
        word.meta.title,
        "示例市云溪区青禾街道办事处2025年政府信息公开工作年度报告"
    );
    assert_eq!(word.meta.signature_unit, "示例市云溪区青禾街道办事处");
    assert!(
        word.meta
            .preamble
            .contains("可在示例市云溪区人民政府门户网站查阅")
    );
    assert!(word.meta.preamble.contains("请与青禾街道党政办公室联系"));
    assert!(has_note(&word, &["12,000元", "万元"]), "{:#?}", word.notes);
    assert_eq!(
        word.entry(word.format.cell_index("t4.review.upheld").unwrap()),
        Some(&CellValue::Int(2))
    );
}

#[test]
fn a_2021_report_with_numbered_headings_tracked_changes_and_one_table_for_two() {
    // Headings numbered by Word (the style's w:numPr, and w:numPr on each "（一）"), 表三's row
    // labels "1." … numbered per group, 表二 in one table with caption rows, a tracked change in
    // the prose (200 → 214) and in a figure (10 → 11), the title on two lines of one paragraph.
    let word = Importer::default()
        .word(&fixture_bytes("docx/qinghe-2025-numbered.docx"))
        .unwrap();
    assert_same_report(&word, &page("qinghe-2025.html"));
    assert!(word.prose("s1").contains("主动公开政府信息214条"));
    assert!(!word.prose("s1").contains("200"));
    assert_eq!(
        word.entry(word.format.cell_index("t3.disclosed.total").unwrap()),
        Some(&CellValue::Int(11))
    );
    assert!(has_note(&word, &["4 处", "修订"]), "{:#?}", word.notes);
    assert!(!has_note(&word, &["没有找到"]), "{:#?}", word.notes);
}

#[test]
fn a_2019_report_nested_in_a_layout_table_reads_like_its_web_page() {
    let word = Importer::default()
        .word(&fixture_bytes("docx/xiaosha-2020.docx"))
        .unwrap();
    let html = page("xiaosha-2020-gbk.html");
    assert_same_report(&word, &html);
    assert_eq!(word.cells, html.cells);
    assert_eq!(word.format.id, "gb2019");
    assert_eq!(word.meta.year, 2020);
    assert_eq!(
        word.entry(
            word.format
                .cell_index("t2_art20_9.central_procurement.amount")
                .unwrap()
        ),
        Some(&CellValue::Money("1621624.23".parse::<Decimal>().unwrap()))
    );
}

#[test]
fn every_word_fixture_gives_blocks_with_the_table_rows() {
    for name in [
        "qinghe-2025.docx",
        "qinghe-2025-numbered.docx",
        "xiaosha-2020.docx",
    ] {
        let read = Importer::default()
            .read_word(&fixture_bytes(&format!("docx/{name}")))
            .unwrap();
        let rows = read
            .blocks
            .iter()
            .filter(|b| matches!(b, nianbao::model::import::Block::Row(_)))
            .count();
        assert!(rows > 30, "{name}: {rows} rows");
    }
}

fn run_ok(args: &[&std::ffi::OsStr]) -> Output {
    let out = nianbao(args);
    assert_eq!(
        out.status.code(),
        Some(0),
        "{}",
        String::from_utf8_lossy(&out.stderr)
    );
    out
}

#[test]
fn cli_check_import_next_year_and_export_read_word_files() {
    let dir = tempfile::tempdir().unwrap();
    let docx = dir.path().join("去年 年报.docx");
    std::fs::copy(fixture_path("docx/xiaosha-2020.docx"), &docx).unwrap();
    let os = |s: &str| std::ffi::OsString::from(s);
    let out = nianbao(&[&os("check"), docx.as_os_str()]);
    assert_eq!(out.status.code(), Some(1), "xiaosha has errors (T4-SUM)");
    assert!(String::from_utf8_lossy(&out.stdout).contains("[T4-SUM]"));

    let draft = dir.path().join("导入.ron");
    let out = run_ok(&[
        &os("import"),
        docx.as_os_str(),
        &os("-o"),
        draft.as_os_str(),
    ]);
    assert!(String::from_utf8_lossy(&out.stderr).contains("已导入 小沙街道 2020"));
    let next = dir.path().join("2021.ron");
    run_ok(&[
        &os("next-year"),
        docx.as_os_str(),
        &os("-o"),
        next.as_os_str(),
    ]);
    assert_eq!(nianbao::io::draft::load(&next).unwrap().meta.year, 2021);
    let json = dir.path().join("数据.json");
    // The report still has T4-SUM: the data is exported all the same, and the exit code says so.
    let out = nianbao(&[&os("export"), docx.as_os_str(), &os("-o"), json.as_os_str()]);
    assert_eq!(out.status.code(), Some(1));
    assert!(String::from_utf8_lossy(&out.stderr).contains("T4-SUM"));
    assert!(
        std::fs::read_to_string(&json)
            .unwrap()
            .contains("1621624.23")
    );
}

#[test]
fn an_old_doc_is_refused_with_exit_2_and_what_to_do() {
    let dir = tempfile::tempdir().unwrap();
    let doc = dir.path().join("2024年报.doc");
    let mut bytes = vec![0xD0, 0xCF, 0x11, 0xE0, 0xA1, 0xB1, 0x1A, 0xE1];
    bytes.resize(8192, 0);
    std::fs::write(&doc, &bytes).unwrap();
    let out_file = dir.path().join("out.ron");
    let os = |s: &str| std::ffi::OsString::from(s);
    for args in [
        vec![os("check"), doc.clone().into_os_string()],
        vec![
            os("import"),
            doc.clone().into_os_string(),
            os("-o"),
            out_file.clone().into_os_string(),
        ],
    ] {
        let args: Vec<&std::ffi::OsStr> = args.iter().map(|a| a.as_os_str()).collect();
        let out = nianbao(&args);
        assert_eq!(out.status.code(), Some(2));
        let stderr = String::from_utf8_lossy(&out.stderr);
        assert!(
            // Old .doc files are read now; this one (a compound file of zeros) is damaged.
            stderr.contains("请在 Word 或 WPS 中打开它，另存为新的 .docx 后再试"),
            "{stderr}"
        );
    }
    assert!(!out_file.exists());
    // A .docx saved under the old name is read as what it is.
    let renamed = dir.path().join("其实是新格式.doc");
    std::fs::copy(fixture_path("docx/xiaosha-2020.docx"), &renamed).unwrap();
    let out = nianbao(&[&os("check"), renamed.as_os_str()]);
    assert_eq!(out.status.code(), Some(1));
}

/// The entries of a fixture, to build variants of the package.
fn entries(name: &str) -> Vec<(String, Vec<u8>)> {
    let mut zip = zip::ZipArchive::new(std::io::Cursor::new(fixture_bytes(name))).unwrap();
    (0..zip.len())
        .map(|i| {
            let mut f = zip.by_index(i).unwrap();
            let mut data = Vec::new();
            f.read_to_end(&mut data).unwrap();
            (f.name().unwrap().into_owned(), data)
        })
        .collect()
}

fn zip_of(entries: &[(String, Vec<u8>)], method: zip::CompressionMethod) -> Vec<u8> {
    let mut zip = zip::ZipWriter::new(std::io::Cursor::new(Vec::new()));
    let opts = zip::write::SimpleFileOptions::default()
        .compression_method(method)
        .large_file(true);
    for (name, data) in entries {
        zip.start_file(name.as_str(), opts).unwrap();
        zip.write_all(data).unwrap();
    }
    zip.finish().unwrap().into_inner()
}

/// A 50 MB report: the fixture with a photo-sized incompressible picture in it. Only the parts
/// the report needs are inflated, so this returns as fast as the small file (the criterion bench
/// `docx` times it).
#[test]
fn a_fifty_megabyte_docx_returns() {
    let mut parts = entries("docx/qinghe-2025.docx");
    let mut x: u64 = 0x9E37_79B9_7F4A_7C15;
    let picture: Vec<u8> = (0..50 * 1024 * 1024 / 8)
        .flat_map(|_| {
            x ^= x << 13;
            x ^= x >> 7;
            x ^= x << 17;
            x.to_le_bytes()
        })
        .collect();
    parts.push(("word/media/image1.png".to_owned(), picture));
    let bytes = zip_of(&parts, zip::CompressionMethod::Stored);
    assert!(bytes.len() >= 50 * 1024 * 1024);
    let r = Importer::default().word(&bytes).unwrap();
    assert_eq!(r.meta.year, 2025);
}

#[test]
fn damaged_parts_are_reported_not_guessed() {
    let mut parts = entries("docx/qinghe-2025.docx");
    // The document cut off before 表四, in the middle of a tag: what came before is
    // imported, and the clerk is told.
    for (name, data) in &mut parts {
        if name == "word/document.xml" {
            let needle = b"<w:tbl>";
            let at = data.windows(needle.len()).rposition(|w| w == needle);
            data.truncate(at.unwrap());
            data.extend_from_slice(b"<w:p><w:r><w:t");
        }
    }
    let r = Importer::default()
        .word(&zip_of(&parts, zip::CompressionMethod::Deflated))
        .unwrap();
    assert!(has_note(&r, &["正文有损坏"]), "{:#?}", r.notes);
    assert!(has_note(&r, &["没有找到表四"]), "{:#?}", r.notes);
    assert_eq!(
        r.entry(r.format.cell_index("t3.disclosed.total").unwrap()),
        Some(&CellValue::Int(11))
    );
    // No document part at all.
    parts.retain(|(n, _)| n != "word/document.xml");
    let err = Importer::default()
        .word(&zip_of(&parts, zip::CompressionMethod::Deflated))
        .unwrap_err();
    assert!(
        matches!(err, ImportError::Word(DocxError::NotWord(_))),
        "{err}"
    );
}

proptest! {
    #![proptest_config(ProptestConfig { cases: 64, ..ProptestConfig::default() })]

    #[test]
    fn arbitrary_bytes_never_panic(bytes in proptest::collection::vec(any::<u8>(), 0..4000)) {
        let _ = Importer::default().word(&bytes);
        let mut zipped = b"PK\x03\x04".to_vec();
        zipped.extend_from_slice(&bytes);
        let _ = Importer::default().word(&zipped);
    }

    #[test]
    fn a_damaged_docx_never_panics(
        flips in proptest::collection::vec((0usize..45_000, any::<u8>()), 1..20),
        cut in 0usize..45_000,
    ) {
        let mut bytes = fixture_bytes("docx/qinghe-2025-numbered.docx");
        for (at, b) in flips {
            let n = bytes.len();
            if let Some(x) = bytes.get_mut(at % n) {
                *x = b;
            }
        }
        let _ = Importer::default().word(&bytes);
        bytes.truncate(cut.min(bytes.len()));
        let _ = Importer::default().word(&bytes);
    }

    #[test]
    fn damaged_document_xml_never_panics(
        cuts in proptest::collection::vec((0usize..200_000, "[<>/=\" a-z:wpt]{0,8}"), 1..12),
    ) {
        let mut parts = entries("docx/qinghe-2025-numbered.docx");
        for (name, data) in &mut parts {
            if name == "word/document.xml" {
                for (at, junk) in &cuts {
                    let at = at % data.len().max(1);
                    data.splice(at..at, junk.bytes());
                }
            }
        }
        let _ = Importer::default().word(&zip_of(&parts, zip::CompressionMethod::Stored));
    }
}

#[test]
fn every_report_exported_to_word_reads_back_the_same() {
    use nianbao::io::docx::{DocxOptions, export_docx};
    for (name, report) in every_report() {
        let bytes = export_docx(&report, &DocxOptions::default()).unwrap();
        let back = Importer::default()
            .word(&bytes)
            .unwrap_or_else(|e| panic!("{name}: {e}"));
        assert_round_trip(&name, &report, &back);
        assert!(
            !back.notes.iter().any(|n| n.text.contains("无法对应")),
            "{name}: {:#?}",
            back.notes
        );
    }
}

#[test]
fn cli_exports_word_and_the_export_opens_again() {
    let dir = tempfile::tempdir().unwrap();
    let out = dir.path().join("导出 2025.docx");
    let os = |s: &str| std::ffi::OsString::from(s);
    let sample = Path::new(env!("CARGO_MANIFEST_DIR")).join("assets/sample/sample-2025.ron");
    run_ok(&[
        &os("export"),
        sample.as_os_str(),
        &os("-o"),
        out.as_os_str(),
        &os("--signoff"),
    ]);
    let opened = nianbao::io::open_any(&out).unwrap();
    assert_round_trip("cli", &nianbao::io::sample().unwrap(), &opened.report);
    // The sign-off block is not read as part of a table.
    assert!(
        !opened.notes.iter().any(|n| n.text.contains("无法对应")),
        "{:#?}",
        opened.notes
    );
    let xml = {
        let mut zip = zip::ZipArchive::new(std::fs::File::open(&out).unwrap()).unwrap();
        let mut text = String::new();
        zip.by_name("word/document.xml")
            .unwrap()
            .read_to_string(&mut text)
            .unwrap();
        text
    };
    assert!(xml.contains("签发人"), "the sign-off block");
    assert!(xml.contains("<w:tblHeader/>") && xml.contains("<w:cantSplit/>"));
    assert!(xml.contains(r#"w:eastAsia="仿宋_GB2312""#) || xml.contains("BodyIndent"));
}

/// The rows of the Word table holding `marker`, each as its XML.
fn table_rows<'a>(xml: &'a str, marker: &str) -> Vec<&'a str> {
    let table = xml
        .split("<w:tbl>")
        .find(|t| t.contains(marker))
        .and_then(|t| t.split("</w:tbl>").next())
        .unwrap();
    table.split("<w:tr>").skip(1).collect()
}

#[test]
fn table_three_keeps_each_merged_group_and_its_last_row_on_one_page() {
    use nianbao::io::docx::{DocxOptions, export_docx};
    let bytes = export_docx(&nianbao::io::sample().unwrap(), &DocxOptions::default()).unwrap();
    let mut xml = String::new();
    zip::ZipArchive::new(std::io::Cursor::new(bytes))
        .unwrap()
        .by_name("word/document.xml")
        .unwrap()
        .read_to_string(&mut xml)
        .unwrap();
    let rows = table_rows(&xml, "8.属于行政查询事项");
    assert_eq!(rows.len(), 28);
    let text = |row: &str| {
        row.split("<w:t xml:space=\"preserve\">")
            .skip(1)
            .filter_map(|t| t.split("</w:t>").next())
            .collect::<String>()
    };
    let mut kept = Vec::new();
    for (r, row) in rows.iter().enumerate() {
        assert!(row.contains("<w:trPr><w:cantSplit/>"), "row {r} may split");
        assert_eq!(row.contains("<w:tblHeader/>"), r < 3, "row {r}");
        // Every paragraph of the row agrees: keep-with-next is a paragraph property.
        let paragraphs = row.matches("<w:p>").count();
        let keeps = row.matches("<w:keepNext/>").count();
        assert!(
            keeps == 0 || keeps == paragraphs,
            "row {r}: {keeps} of {paragraphs}"
        );
        if keeps > 0 {
            kept.push(text(row));
        }
    }
    let starts = |prefix: &str| kept.iter().filter(|t| t.starts_with(prefix)).count();
    // The header rows keep with the first body row; 一 and 二 stand alone.
    assert_eq!(
        starts("一、") + starts("二、") + starts("四、"),
        0,
        "{kept:#?}"
    );
    // Every row of （三）…（六） but the group's last: 7 + 2 + 4 + 2. 三 holds them and may
    // break between them (kept whole it is longer than a page, and the page end would split
    // one); its first row （一） is not kept.
    assert_eq!(kept.len(), 3 + 7 + 2 + 4 + 2 + 1, "{kept:#?}");
    assert_eq!(starts("三、"), 0, "{kept:#?}");
    for group in ["（三）", "（四）", "（五）", "（六）"] {
        assert_eq!(starts(group), 1, "{group}: {kept:#?}");
    }
    for last in ["8.属于行政查询事项", "3.补正后", "5.要求行政机关", "3.其他"] {
        assert_eq!(starts(last), 0, "{last}: {kept:#?}");
    }
    // （七）总计 kept with 四, the table's last row.
    assert_eq!(starts("（七）总计"), 1, "{kept:#?}");
}

/// The text of a Word paragraph, its lines (`w:br`) as separate strings.
fn paragraph_lines(paragraph: &str) -> Vec<String> {
    paragraph
        .split("<w:br/>")
        .map(|line| {
            line.split("<w:t xml:space=\"preserve\">")
                .skip(1)
                .filter_map(|t| t.split("</w:t>").next())
                .collect::<String>()
        })
        .collect()
}

/// Issue 21: the outer label of 表三 ("三、本年度办理结果") printed through LibreOffice wrapped as
/// "三、/本年/度办/理结/果" in its narrow column. Its lines are set at word boundaries — the
/// ordinal, then 本|年度|办理|结果 — and each fits the cell (五号, 210 twips a character, inside
/// the cell's 40-twip margins), so neither Word nor LibreOffice breaks one again.
#[test]
fn the_outer_label_of_table_three_breaks_only_between_words() {
    use nianbao::io::docx::{DocxOptions, export_docx};
    let reports = [
        ("sample", nianbao::io::sample().unwrap()),
        (
            "xiaosha-2020.txt",
            nianbao::io::open_any(&fixture_path("xiaosha-2020.txt"))
                .unwrap()
                .report,
        ),
    ];
    for (name, report) in reports {
        let bytes = export_docx(&report, &DocxOptions::default()).unwrap();
        let mut xml = String::new();
        zip::ZipArchive::new(std::io::Cursor::new(bytes))
            .unwrap()
            .by_name("word/document.xml")
            .unwrap()
            .read_to_string(&mut xml)
            .unwrap();
        let cell = xml
            .split("<w:tc>")
            .find(|c| c.contains(">三、</w:t>") && c.contains("restart"))
            .and_then(|c| c.split("</w:tc>").next())
            .unwrap_or_else(|| panic!("{name}: no cell for 三、本年度办理结果"));
        let width: i64 = cell
            .split("<w:tcW w:w=\"")
            .nth(1)
            .and_then(|w| w.split('"').next())
            .unwrap()
            .parse()
            .unwrap();
        let lines = paragraph_lines(cell);
        assert_eq!(lines, ["三、", "本", "年度", "办理", "结果"], "{name}");
        for line in &lines {
            let need = 210 * line.chars().count() as i64 + 80;
            assert!(
                need <= width,
                "{name}: {line} needs {need} of {width} twips"
            );
        }
    }
}
