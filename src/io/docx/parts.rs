//! The fixed parts of the package: content types, relationships, styles (GB/T 9704 faces and
//! sizes), settings (odd and even footers), the font table with fallbacks, the page-number
//! footers and the document properties.

use super::xml::{Face, escape, fonts};
use super::{BODY_HALF_POINTS, LINE_TWIPS};
use crate::io::page::BODY;
use crate::model::Report;

/// 方正小标宋简体: the title.
pub const TITLE_FACE: Face = Face("方正小标宋简体");
/// 黑体: level-1 headings.
pub const HEADING_FACE: Face = Face("黑体");
/// 楷体_GB2312: level-2 headings.
pub const SUB_HEADING_FACE: Face = Face("楷体_GB2312");
/// 仿宋_GB2312: body text and tables.
pub const BODY_FACE: Face = Face("仿宋_GB2312");
/// 宋体: page numbers (GB/T 9704 §7.5: 4号半角宋体阿拉伯数字).
pub const NUMBER_FACE: Face = Face("宋体");

/// Every face named, with the names Word and WPS try when it is missing (`w:altName`), its
/// Windows charset (86 = GB2312) and family. A PC without 仿宋_GB2312 shows 仿宋, and so on.
const FONT_TABLE: [(&str, &str, &str); 5] = [
    ("仿宋_GB2312", "仿宋", "modern"),
    ("方正小标宋简体", "宋体", "script"),
    ("黑体", "SimHei", "modern"),
    ("楷体_GB2312", "楷体", "modern"),
    ("宋体", "SimSun", "auto"),
];

/// `[Content_Types].xml`.
pub const CONTENT_TYPES: &str = r#"<?xml version="1.0" encoding="UTF-8" standalone="yes"?>
<Types xmlns="http://schemas.openxmlformats.org/package/2006/content-types"><Default Extension="rels" ContentType="application/vnd.openxmlformats-package.relationships+xml"/><Default Extension="xml" ContentType="application/xml"/><Override PartName="/word/document.xml" ContentType="application/vnd.openxmlformats-officedocument.wordprocessingml.document.main+xml"/><Override PartName="/word/styles.xml" ContentType="application/vnd.openxmlformats-officedocument.wordprocessingml.styles+xml"/><Override PartName="/word/settings.xml" ContentType="application/vnd.openxmlformats-officedocument.wordprocessingml.settings+xml"/><Override PartName="/word/fontTable.xml" ContentType="application/vnd.openxmlformats-officedocument.wordprocessingml.fontTable+xml"/><Override PartName="/word/footer1.xml" ContentType="application/vnd.openxmlformats-officedocument.wordprocessingml.footer+xml"/><Override PartName="/word/footer2.xml" ContentType="application/vnd.openxmlformats-officedocument.wordprocessingml.footer+xml"/><Override PartName="/docProps/core.xml" ContentType="application/vnd.openxmlformats-package.core-properties+xml"/><Override PartName="/docProps/app.xml" ContentType="application/vnd.openxmlformats-officedocument.extended-properties+xml"/></Types>"#;

/// `_rels/.rels`.
pub const PACKAGE_RELS: &str = r#"<?xml version="1.0" encoding="UTF-8" standalone="yes"?>
<Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships"><Relationship Id="rId1" Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/officeDocument" Target="word/document.xml"/><Relationship Id="rId2" Type="http://schemas.openxmlformats.org/package/2006/relationships/metadata/core-properties" Target="docProps/core.xml"/><Relationship Id="rId3" Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/extended-properties" Target="docProps/app.xml"/></Relationships>"#;

/// `word/_rels/document.xml.rels`; the footers are `rIdOdd` and `rIdEven`.
pub const DOCUMENT_RELS: &str = r#"<?xml version="1.0" encoding="UTF-8" standalone="yes"?>
<Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships"><Relationship Id="rIdStyles" Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/styles" Target="styles.xml"/><Relationship Id="rIdSettings" Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/settings" Target="settings.xml"/><Relationship Id="rIdFonts" Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/fontTable" Target="fontTable.xml"/><Relationship Id="rIdOdd" Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/footer" Target="footer1.xml"/><Relationship Id="rIdEven" Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/footer" Target="footer2.xml"/></Relationships>"#;

/// `word/settings.xml`: different odd and even footers, East Asian line breaking, Word 2013+.
/// Children in the schema's order (Word refuses a file whose properties are out of order).
pub const SETTINGS: &str = r#"<?xml version="1.0" encoding="UTF-8" standalone="yes"?>
<w:settings xmlns:w="http://schemas.openxmlformats.org/wordprocessingml/2006/main"><w:zoom w:percent="100"/><w:defaultTabStop w:val="420"/><w:evenAndOddHeaders/><w:characterSpacingControl w:val="compressPunctuation"/><w:compat><w:spaceForUL/><w:balanceSingleByteDoubleByteWidth/><w:doNotLeaveBackslashAlone/><w:ulTrailSpace/><w:doNotExpandShiftReturn/><w:adjustLineHeightInTable/><w:useFELayout/><w:compatSetting w:name="compatibilityMode" w:uri="http://schemas.microsoft.com/office/word" w:val="15"/></w:compat><w:themeFontLang w:val="en-US" w:eastAsia="zh-CN"/></w:settings>"#;

const W_NS: &str = r#"xmlns:w="http://schemas.openxmlformats.org/wordprocessingml/2006/main" xmlns:r="http://schemas.openxmlformats.org/officeDocument/2006/relationships""#;

/// `word/fontTable.xml`.
pub fn font_table() -> String {
    let mut out = format!(
        r#"<?xml version="1.0" encoding="UTF-8" standalone="yes"?>
<w:fonts {W_NS}>"#
    );
    for (name, alt, family) in FONT_TABLE {
        out.push_str(&format!(
            r#"<w:font w:name="{name}"><w:altName w:val="{alt}"/><w:charset w:val="86"/><w:family w:val="{family}"/><w:pitch w:val="variable"/></w:font>"#
        ));
    }
    out.push_str("</w:fonts>");
    out
}

/// `word/styles.xml`: 正文 (Normal: 仿宋_GB2312 三号, fixed line pitch, justified), 标题 (Title),
/// 标题 1 (Heading1, 黑体, indented like the body), BodyIndent (first line two characters),
/// TableText (五号, single spacing, centred, off the character grid) and Footer. The prose is
/// condensed to 28 characters a line ([`body_condense_twips`]).
pub fn styles() -> String {
    let body = fonts(BODY_FACE);
    let title = fonts(TITLE_FACE);
    let heading = fonts(HEADING_FACE);
    let number = fonts(NUMBER_FACE);
    let size = BODY_HALF_POINTS;
    let line = LINE_TWIPS;
    let indent = BODY_HALF_POINTS * 20;
    let condense = body_condense_twips();
    format!(
        r#"<?xml version="1.0" encoding="UTF-8" standalone="yes"?>
<w:styles {W_NS}><w:docDefaults><w:rPrDefault><w:rPr>{body}<w:kern w:val="2"/><w:sz w:val="{size}"/><w:szCs w:val="{size}"/><w:lang w:val="en-US" w:eastAsia="zh-CN" w:bidi="ar-SA"/></w:rPr></w:rPrDefault><w:pPrDefault><w:pPr><w:widowControl w:val="0"/><w:autoSpaceDE w:val="0"/><w:autoSpaceDN w:val="0"/><w:spacing w:line="{line}" w:lineRule="exact"/><w:jc w:val="both"/></w:pPr></w:pPrDefault></w:docDefaults><w:style w:type="paragraph" w:default="1" w:styleId="Normal"><w:name w:val="Normal"/><w:qFormat/></w:style><w:style w:type="paragraph" w:styleId="BodyIndent"><w:name w:val="Body Text First Indent"/><w:basedOn w:val="Normal"/><w:qFormat/><w:pPr><w:ind w:firstLineChars="200" w:firstLine="{indent}"/></w:pPr><w:rPr><w:spacing w:val="{condense}"/></w:rPr></w:style><w:style w:type="paragraph" w:styleId="Title"><w:name w:val="Title"/><w:basedOn w:val="Normal"/><w:next w:val="Normal"/><w:qFormat/><w:pPr><w:keepNext/><w:spacing w:line="640" w:lineRule="exact"/><w:jc w:val="center"/></w:pPr><w:rPr>{title}<w:sz w:val="44"/><w:szCs w:val="44"/></w:rPr></w:style><w:style w:type="paragraph" w:styleId="Heading1"><w:name w:val="heading 1"/><w:basedOn w:val="BodyIndent"/><w:next w:val="BodyIndent"/><w:qFormat/><w:pPr><w:keepNext/><w:outlineLvl w:val="0"/></w:pPr><w:rPr>{heading}</w:rPr></w:style><w:style w:type="paragraph" w:styleId="TableText"><w:name w:val="Table Text"/><w:basedOn w:val="Normal"/><w:qFormat/><w:pPr><w:snapToGrid w:val="0"/><w:spacing w:line="240" w:lineRule="auto"/><w:jc w:val="center"/></w:pPr><w:rPr><w:sz w:val="21"/><w:szCs w:val="21"/></w:rPr></w:style><w:style w:type="paragraph" w:styleId="Footer"><w:name w:val="footer"/><w:basedOn w:val="Normal"/><w:pPr><w:snapToGrid w:val="0"/><w:spacing w:line="240" w:lineRule="auto"/></w:pPr><w:rPr>{number}<w:sz w:val="28"/><w:szCs w:val="28"/></w:rPr></w:style><w:style w:type="table" w:default="1" w:styleId="TableNormal"><w:name w:val="Normal Table"/><w:tblPr><w:tblInd w:w="0" w:type="dxa"/><w:tblCellMar><w:top w:w="0" w:type="dxa"/><w:left w:w="40" w:type="dxa"/><w:bottom w:w="0" w:type="dxa"/><w:right w:w="40" w:type="dxa"/></w:tblCellMar></w:tblPr></w:style></w:styles>"#
    )
}

/// How much the prose is condensed (`w:spacing` of BodyIndent and the headings based on it, in
/// twips a character, negative) so that 28 characters of 三号 fill a line of the 156 mm text block
/// (GB/T 9704 §5.2.2), as the PDF sets them: 16 pt glyphs alone give 27.6, Word puts 27 on a line
/// and LibreOffice drops a justified line's last punctuation mark where the 28th does not fit.
pub fn body_condense_twips() -> i64 {
    let glyph = f64::from(BODY_HALF_POINTS) / 2.0;
    // A fraction of a point: well inside i64.
    #[allow(clippy::cast_possible_truncation)]
    let twips = ((f64::from(BODY) - glyph) * 20.0).floor() as i64;
    twips
}

/// A page-number footer, "— 1 —": odd pages on the right, even pages on the left, one
/// character in from the edge (GB/T 9704 §7.5).
pub fn footer(odd: bool) -> String {
    let (jc, side) = if odd {
        ("right", "right")
    } else {
        ("left", "left")
    };
    format!(
        r#"<?xml version="1.0" encoding="UTF-8" standalone="yes"?>
<w:ftr {W_NS}><w:p><w:pPr><w:pStyle w:val="Footer"/><w:ind w:{side}="280"/><w:jc w:val="{jc}"/></w:pPr><w:r><w:t xml:space="preserve">— </w:t></w:r><w:r><w:fldChar w:fldCharType="begin"/></w:r><w:r><w:instrText xml:space="preserve"> PAGE </w:instrText></w:r><w:r><w:fldChar w:fldCharType="separate"/></w:r><w:r><w:t>1</w:t></w:r><w:r><w:fldChar w:fldCharType="end"/></w:r><w:r><w:t xml:space="preserve"> —</w:t></w:r></w:p></w:ftr>"#
    )
}

/// `docProps/core.xml`: title, author (the signing unit), subject, fixed dates.
pub fn core(report: &Report, date: &str) -> String {
    let meta = &report.meta;
    let author = if meta.signature_unit.trim().is_empty() {
        meta.agency.trim()
    } else {
        meta.signature_unit.trim()
    };
    format!(
        r#"<?xml version="1.0" encoding="UTF-8" standalone="yes"?>
<cp:coreProperties xmlns:cp="http://schemas.openxmlformats.org/package/2006/metadata/core-properties" xmlns:dc="http://purl.org/dc/elements/1.1/" xmlns:dcterms="http://purl.org/dc/terms/" xmlns:xsi="http://www.w3.org/2001/XMLSchema-instance"><dc:title>{}</dc:title><dc:subject>{}年政府信息公开工作年度报告</dc:subject><dc:creator>{}</dc:creator><cp:lastModifiedBy>nianbao</cp:lastModifiedBy><dcterms:created xsi:type="dcterms:W3CDTF">{date}</dcterms:created><dcterms:modified xsi:type="dcterms:W3CDTF">{date}</dcterms:modified></cp:coreProperties>"#,
        escape(meta.title.trim()),
        meta.year,
        escape(author)
    )
}

/// `docProps/app.xml`.
pub const APP: &str = r#"<?xml version="1.0" encoding="UTF-8" standalone="yes"?>
<Properties xmlns="http://schemas.openxmlformats.org/officeDocument/2006/extended-properties"><Application>nianbao</Application></Properties>"#;
