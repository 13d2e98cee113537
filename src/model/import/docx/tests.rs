#![allow(clippy::unwrap_used, clippy::expect_used)]

use std::io::Write;

use super::*;
use crate::model::import::html;

const W: &str = r#"xmlns:w="http://schemas.openxmlformats.org/wordprocessingml/2006/main" xmlns:mc="http://schemas.openxmlformats.org/markup-compatibility/2006" xmlns:v="urn:schemas-microsoft-com:vml""#;

/// A minimal package: the document, and numbering/styles when given.
fn package(body: &str, numbering: Option<&str>, styles: Option<&str>) -> Vec<u8> {
    let mut zip = zip::ZipWriter::new(std::io::Cursor::new(Vec::new()));
    let opts = zip::write::SimpleFileOptions::default();
    let mut put = |name: &str, text: &str| {
        zip.start_file(name, opts).unwrap();
        zip.write_all(text.as_bytes()).unwrap();
    };
    put(
        "word/document.xml",
        &format!("<w:document {W}><w:body>{body}</w:body></w:document>"),
    );
    if let Some(n) = numbering {
        put(
            "word/numbering.xml",
            &format!("<w:numbering {W}>{n}</w:numbering>"),
        );
    }
    if let Some(s) = styles {
        put("word/styles.xml", &format!("<w:styles {W}>{s}</w:styles>"));
    }
    zip.finish().unwrap().into_inner()
}

fn p(runs: &str) -> String {
    format!("<w:p>{runs}</w:p>")
}

fn r(text: &str) -> String {
    format!("<w:r><w:t xml:space=\"preserve\">{text}</w:t></w:r>")
}

fn texts(blocks: &[Block]) -> Vec<String> {
    blocks
        .iter()
        .filter_map(|b| match b {
            Block::Text(t) => Some(t.clone()),
            Block::Row(_) => None,
        })
        .collect()
}

fn rows(blocks: &[Block]) -> Vec<Vec<String>> {
    blocks
        .iter()
        .filter_map(|b| match b {
            Block::Row(r) => Some(r.clone()),
            Block::Text(_) => None,
        })
        .collect()
}

const CHINESE_LIST: &str = r#"<w:abstractNum w:abstractNumId="0">
  <w:lvl w:ilvl="0"><w:start w:val="1"/><w:numFmt w:val="chineseCounting"/><w:lvlText w:val="%1、"/></w:lvl>
  <w:lvl w:ilvl="1"><w:start w:val="1"/><w:numFmt w:val="chineseCounting"/><w:lvlText w:val="（%2）"/></w:lvl>
</w:abstractNum><w:num w:numId="1"><w:abstractNumId w:val="0"/></w:num>"#;

#[test]
fn split_runs_numbered_headings_and_tracked_changes_read_as_printed() {
    let heading = |text: &str, level: usize| {
        format!(
            r#"<w:p><w:pPr><w:numPr><w:ilvl w:val="{level}"/><w:numId w:val="1"/></w:numPr><w:tabs><w:tab w:val="left" w:pos="420"/></w:tabs></w:pPr>{}</w:p>"#,
            r(text)
        )
    };
    let body = [
        p(&(r("一、总") + &r("体情况"))),
        heading("主动公开", 1),
        p(&format!(
            "{}<w:ins w:id=\"1\" w:author=\"a\">{}</w:ins><w:del w:id=\"2\" w:author=\"a\"><w:r><w:delText>删去的</w:delText></w:r></w:del>{}",
            r("全年"),
            r("主动"),
            r("公开信息214条。")
        )),
        heading("依申请公开", 1),
        heading("主动公开政府信息情况", 0),
    ]
    .concat();
    let read = Importer::default()
        .read_word(&package(&body, Some(CHINESE_LIST), None))
        .unwrap();
    assert_eq!(
        texts(&read.blocks),
        [
            "一、总体情况",
            "（一）主动公开",
            "全年主动公开信息214条。",
            "（二）依申请公开",
            "一、主动公开政府信息情况"
        ]
    );
    assert!(
        read.notes.iter().any(|n| n.contains("2 处")),
        "{:?}",
        read.notes
    );
}

#[test]
fn numbering_from_the_paragraph_style() {
    let styles = r#"<w:style w:type="paragraph" w:styleId="1"><w:pPr><w:numPr><w:numId w:val="1"/></w:numPr></w:pPr></w:style>
<w:style w:type="paragraph" w:styleId="2"><w:basedOn w:val="1"/><w:pPr><w:numPr><w:ilvl w:val="1"/></w:numPr></w:pPr></w:style>"#;
    let styled = |style: &str, text: &str| {
        format!(
            r#"<w:p><w:pPr><w:pStyle w:val="{style}"/></w:pPr>{}</w:p>"#,
            r(text)
        )
    };
    let body = [
        styled("1", "总体情况"),
        styled("2", "主动公开"),
        styled("1", "主动公开政府信息情况"),
    ]
    .concat();
    let read = Importer::default()
        .read_word(&package(&body, Some(CHINESE_LIST), Some(styles)))
        .unwrap();
    assert_eq!(
        texts(&read.blocks),
        ["一、总体情况", "（一）主动公开", "二、主动公开政府信息情况"]
    );
}

#[test]
fn tabs_breaks_soft_hyphens_fields_bookmarks_and_text_boxes() {
    let body = [
        p(&format!(
            "<w:bookmarkStart w:id=\"0\" w:name=\"_Toc1\"/>{}<w:bookmarkEnd w:id=\"0\"/>",
            r("一、总体情况")
        )),
        p(&format!(
            "{}<w:r><w:softHyphen/></w:r>{}<w:r><w:t>&#173;</w:t></w:r>{}",
            r("政府"),
            r("信息"),
            r("公开。")
        )),
        p(&format!(
            "{}<w:r><w:fldChar w:fldCharType=\"begin\"/></w:r><w:r><w:instrText> HYPERLINK \"http://x\" </w:instrText></w:r><w:r><w:fldChar w:fldCharType=\"separate\"/></w:r>{}<w:r><w:fldChar w:fldCharType=\"end\"/></w:r><w:fldSimple w:instr=\" DOCPROPERTY Company \">{}</w:fldSimple>",
            r("见"),
            r("门户网站"),
            r("，青禾街道")
        )),
        p(&format!(
            "{}<w:r><w:br/></w:r>{}<w:r><w:tab/></w:r>{}",
            r("第一行"),
            r("第二行"),
            r("尾")
        )),
        p(&format!("{}<w:r><w:tab/></w:r>{}<w:r><w:tab/></w:r>{}", r("规章"), r("0"), r("3"))),
        p(&format!(
            r#"<w:r><mc:AlternateContent><mc:Choice Requires="wps"><w:drawing><w:txbxContent>{}</w:txbxContent></w:drawing></mc:Choice><mc:Fallback><w:pict><v:textbox><w:txbxContent>{}</w:txbxContent></v:textbox></w:pict></mc:Fallback></mc:AlternateContent></w:r>{}"#,
            p(&r("文本框里的字")),
            p(&r("文本框里的字")),
            r("锚定段落")
        )),
    ]
    .concat();
    let read = Importer::default()
        .read_word(&package(&body, None, None))
        .unwrap();
    assert_eq!(
        texts(&read.blocks),
        [
            "一、总体情况",
            "政府信息公开。",
            "见门户网站，青禾街道",
            "第一行",
            "第二行尾",
            "文本框里的字",
            "锚定段落"
        ]
    );
    assert_eq!(
        rows(&read.blocks),
        [["规章", "0", "3"]],
        "a row typed with tabs"
    );
}

/// A cell: text (paragraphs separated by `|`), span and merge.
fn tc(text: &str, span: usize, merge: Option<&str>) -> String {
    let mut props = String::new();
    if span > 1 {
        props.push_str(&format!("<w:gridSpan w:val=\"{span}\"/>"));
    }
    match merge {
        Some("restart") => props.push_str("<w:vMerge w:val=\"restart\"/>"),
        Some(_) => props.push_str("<w:vMerge/>"),
        None => {}
    }
    let paras: String = text.split('|').map(|t| p(&r(t))).collect();
    format!("<w:tc><w:tcPr>{props}</w:tcPr>{paras}</w:tc>")
}

#[test]
fn merged_cells_resolve_to_the_grid_the_web_page_reader_builds() {
    // 表三's header: a 3×3 corner, 申请人情况 over 7, 自然人/总计 over two rows.
    let html = r#"<table>
<tr><td rowspan="3" colspan="3">（本列数据的勾稽关系为：第一项加第二项之和，等于第三项加第四项之和）</td><td colspan="7">申请人情况</td></tr>
<tr><td rowspan="2">自然人</td><td colspan="5">法人或其他组织</td><td rowspan="2">总计</td></tr>
<tr><td>商业企业</td><td>科研机构</td><td>社会公益组织</td><td>法律服务机构</td><td>其他</td></tr>
<tr><td rowspan="2">三、本年度办理结果</td><td colspan="2">（一）予以公开</td><td>1</td><td>2</td><td>3</td><td>4</td><td>5</td><td>6</td><td>21</td></tr>
<tr><td rowspan="1">（三）不予公开</td><td>1.属于国家秘密</td><td>0</td><td>0</td><td>0</td><td>0</td><td>0</td><td>0</td><td>0</td></tr>
</table>"#;
    let corner = "（本列数据的勾稽关系为：第一项加第二项之和，等于第三项加第四项之和）";
    let figures = |xs: &[&str]| xs.iter().map(|x| tc(x, 1, None)).collect::<String>();
    let doc = [
        "<w:tbl><w:tblGrid/>".to_owned(),
        format!(
            "<w:tr>{}{}</w:tr>",
            tc(corner, 3, Some("restart")),
            tc("申请人情况", 7, None)
        ),
        format!(
            "<w:tr>{}{}{}{}</w:tr>",
            tc("", 3, Some("continue")),
            tc("自然人", 1, Some("restart")),
            tc("法人或其他组织", 5, None),
            tc("总计", 1, Some("restart"))
        ),
        format!(
            "<w:tr>{}{}{}{}</w:tr>",
            tc("", 3, Some("continue")),
            tc("", 1, Some("continue")),
            figures(&[
                "商业企业",
                "科研机构",
                "社会公益组织",
                "法律服务机构",
                "其他"
            ]),
            tc("", 1, Some("continue"))
        ),
        format!(
            "<w:tr>{}{}{}</w:tr>",
            tc("三、本年度|办理结果", 1, Some("restart")),
            tc("（一）予以公开", 2, None),
            figures(&["1", "2", "3", "4", "5", "6", "21"])
        ),
        format!(
            "<w:tr>{}{}{}{}</w:tr>",
            tc("", 1, Some("continue")),
            tc("（三）|不予公开", 1, None),
            tc("1.属于国家秘密", 1, None),
            figures(&["0"; 7])
        ),
        "</w:tbl>".to_owned(),
    ]
    .concat();
    let read = Importer::default()
        .read_word(&package(&doc, None, None))
        .unwrap();
    let page = Importer::default().with_known(|known| html::page(html, known));
    let mut expected = rows(&page.blocks);
    // The web page's group label has no line break; Word's two paragraphs join.
    assert_eq!(expected[3][0], "三、本年度办理结果");
    expected[4][0] = "（三）不予公开".into();
    assert_eq!(rows(&read.blocks), expected);
}

#[test]
fn a_table_holding_a_table_is_layout_and_its_text_flows() {
    let inner = format!(
        "<w:tbl><w:tr>{}{}</w:tr></w:tbl>",
        tc("规章", 1, None),
        tc("1", 1, None)
    );
    let doc = format!(
        "<w:tbl><w:tr><w:tc>{}{inner}{}</w:tc></w:tr></w:tbl>",
        p(&r("二、主动公开政府信息情况")),
        p(&r("说明文字"))
    );
    let read = Importer::default()
        .read_word(&package(&doc, None, None))
        .unwrap();
    assert_eq!(
        read.blocks,
        [
            Block::Text("二、主动公开政府信息情况".into()),
            Block::Row(vec!["规章".into(), "1".into()]),
            Block::Text("说明文字".into()),
        ]
    );
}

#[test]
fn a_title_centred_over_two_paragraphs_is_one_title() {
    let centred = |t: &str| {
        format!(
            r#"<w:p><w:pPr><w:jc w:val="center"/></w:pPr>{}</w:p>"#,
            r(t)
        )
    };
    let doc = [
        centred("示例市云溪区青禾街道办事处"),
        centred("2025年政府信息公开工作年度报告"),
        p(&r("本报告依据……")),
        p(&r("一、总体情况")),
        centred("不是标题的居中行"),
        centred("政府信息公开工作报告"),
    ]
    .concat();
    let read = Importer::default()
        .read_word(&package(&doc, None, None))
        .unwrap();
    assert_eq!(
        texts(&read.blocks)[0],
        "示例市云溪区青禾街道办事处2025年政府信息公开工作年度报告"
    );
    assert_eq!(
        texts(&read.blocks).len(),
        5,
        "nothing joined after the first heading"
    );
}

#[test]
fn old_word_files_are_refused_with_what_to_do() {
    let mut doc = vec![0xD0, 0xCF, 0x11, 0xE0, 0xA1, 0xB1, 0x1A, 0xE1];
    doc.resize(4096, 0);
    let err = Importer::default().word(&doc).unwrap_err();
    assert!(matches!(err, ImportError::Word(DocxError::Damaged(_))));
    assert!(
        err.to_string()
            .contains("请在 Word 或 WPS 中打开它，另存为新的 .docx 后再试")
    );
    assert!(matches!(
        Importer::default().word(b"{\\rtf1 x}"),
        Err(ImportError::Word(DocxError::Rtf))
    ));
    assert!(matches!(
        Importer::default().word(b"PK\x03\x04junk"),
        Err(ImportError::Word(DocxError::Damaged(_)))
    ));
    assert!(matches!(
        Importer::default().word(&package("", None, None)),
        Err(ImportError::Empty)
    ));
}

#[test]
fn a_part_that_inflates_past_the_cap_is_refused() {
    let mut zip = zip::ZipWriter::new(std::io::Cursor::new(Vec::new()));
    let opts = zip::write::SimpleFileOptions::default()
        .compression_method(zip::CompressionMethod::Deflated);
    zip.start_file("word/document.xml", opts).unwrap();
    let chunk = vec![b' '; 1 << 20];
    for _ in 0..=package::MAX_PART_BYTES >> 20 {
        zip.write_all(&chunk).unwrap();
    }
    let bytes = zip.finish().unwrap().into_inner();
    assert!(bytes.len() < 1 << 20, "{} bytes", bytes.len());
    assert!(matches!(
        Importer::default().word(&bytes),
        Err(ImportError::Word(DocxError::TooLarge(32)))
    ));
}
