//! Characters the PDF's faces cannot draw: found before drawing, looked for in the system's
//! fallback faces (SimSun-ExtB, 微软雅黑, Segoe UI Emoji…), and what is still missing reported
//! with where it is, so the clerk hears of it before printing instead of finding empty boxes on
//! paper.

use std::collections::BTreeSet;
use std::path::PathBuf;

use super::metrics::{Face, FontBook};
use crate::io::fonts;
use crate::model::format::Format;
#[cfg(test)]
use crate::model::format::GridContent;
use crate::model::{CellIx, Report};

/// Where a text printed in the PDF comes from.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum TextPlace {
    /// The title (or the agency name it is made from).
    Title,
    /// 文号.
    DocNumber,
    /// The paragraphs before 一.
    Preamble,
    /// The prose of a section, by section id (`s1`…).
    Section(String),
    /// A table cell (text typed where a number belongs).
    Cell(CellIx),
    /// 落款 unit.
    SignatureUnit,
}

/// Characters no face can draw (they would print as empty boxes), and where they are.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct MissingGlyphs {
    /// Where.
    pub place: TextPlace,
    /// Where, for the clerk: 标题, 文号, 一、总体情况, 表三“…”行“…”列, 落款单位.
    pub label: String,
    /// The characters, each once, in the order they first appear.
    pub chars: Vec<char>,
}

impl MissingGlyphs {
    /// The warning shown to the clerk.
    pub fn message(&self) -> String {
        let chars: Vec<String> = self.chars.iter().map(|c| format!("“{c}”")).collect();
        format!(
            "{}中的 {} 没有可用的字体，打印出来会是空白方框：请换成常用字或文字说明，\
             或把含有这些字的字体文件放进“PDF 字体文件夹”后重新导出",
            self.label,
            chars.join("、")
        )
    }
}

/// Characters that print nothing and need no glyph: zero-width spaces and joiners, variation
/// selectors (the U+FE0F after an emoji), the byte-order mark, control characters. They are
/// left out of the PDF, not drawn as boxes.
pub(super) fn is_invisible(ch: char) -> bool {
    matches!(ch,
        '\u{200B}'..='\u{200F}'
        | '\u{2060}'..='\u{2064}'
        | '\u{FE00}'..='\u{FE0F}'
        | '\u{FEFF}'
        | '\u{E0100}'..='\u{E01EF}')
        || (ch.is_control() && !ch.is_whitespace())
}

/// Every text the clerk wrote that the PDF prints, with where it is. The format's own labels
/// and headings are left out: the bundled faces hold all of them (tested).
pub(super) fn printed_texts(report: &Report) -> Vec<(TextPlace, String)> {
    let meta = &report.meta;
    let title = if meta.title.trim().is_empty() {
        crate::model::Meta::default_title(&meta.agency, meta.year)
    } else {
        meta.title.clone()
    };
    let mut texts = vec![
        (TextPlace::Title, title),
        (TextPlace::DocNumber, meta.doc_number.clone()),
        (TextPlace::Preamble, meta.preamble.clone()),
    ];
    for section in &report.format.sections {
        texts.push((
            TextPlace::Section(section.id.clone()),
            report.prose(&section.id).to_owned(),
        ));
    }
    let shown = super::values::printed_values(report);
    for (ix, value) in shown.iter().enumerate() {
        let text = value.display();
        if !text.is_ascii() {
            texts.push((TextPlace::Cell(ix), text));
        }
    }
    texts.push((TextPlace::SignatureUnit, meta.signature_unit.clone()));
    texts
}

/// What `place` is called for the clerk.
fn place_label(format: &Format, place: &TextPlace) -> String {
    match place {
        TextPlace::Title => "标题".into(),
        TextPlace::DocNumber => "文号".into(),
        TextPlace::Preamble => "导语（一、之前的段落）".into(),
        TextPlace::Section(id) => format
            .section(id)
            .map_or_else(|| id.clone(), |s| format.section_heading(s)),
        TextPlace::Cell(ix) => format.cell_label(*ix),
        TextPlace::SignatureUnit => "落款单位".into(),
    }
}

/// The characters of `texts` that need a glyph and that no face of `book` has.
fn uncovered<'a>(book: &FontBook, texts: impl Iterator<Item = &'a str>) -> BTreeSet<char> {
    texts
        .flat_map(str::chars)
        .filter(|&c| !c.is_whitespace() && !is_invisible(c))
        .filter(|&c| !book.covers(c))
        .collect()
}

/// Adds to `book` the fallback faces of `dirs` that draw characters of `report` it lacks, in
/// order, until none is left or no face is left to try; returns what the clerk is told about
/// each face added. Faces are read only when a character is missing, so an ordinary report
/// reads no extra font file.
pub(super) fn add_fallbacks(book: &mut FontBook, report: &Report, dirs: &[PathBuf]) -> Vec<String> {
    let texts = printed_texts(report);
    let mut missing = uncovered(book, texts.iter().map(|(_, t)| t.as_str()));
    let mut used = Vec::new();
    if missing.is_empty() {
        return used;
    }
    for found in fonts::find_fallback_fonts(dirs) {
        let Ok(bytes) = std::fs::read(&found.path) else {
            continue;
        };
        let tag = fallback_tag(used.len());
        let description = format!("{}（{}）", found.face, found.path.display());
        let Some(face) = Face::parse(bytes, &tag, description.clone()) else {
            continue;
        };
        let drawn: Vec<char> = missing.iter().copied().filter(|&c| face.has(c)).collect();
        if drawn.is_empty() {
            continue;
        }
        book.add_fallback(face);
        let chars: String = drawn.iter().collect();
        used.push(format!("补充字体：{description}，用于 {chars}"));
        missing.retain(|c| !drawn.contains(c));
        if missing.is_empty() {
            break;
        }
    }
    used
}

/// Resource name of the `n`th fallback face: NBFBAA, NBFBAB…
fn fallback_tag(n: usize) -> String {
    let letter = |i: usize| char::from(b'A' + u8::try_from(i % 26).unwrap_or(0));
    format!("NBFB{}{}", letter(n / 26), letter(n))
}

/// The characters of `report` no face of `book` draws, by place, in the order printed.
pub fn missing_glyphs(book: &FontBook, report: &Report) -> Vec<MissingGlyphs> {
    printed_texts(report)
        .into_iter()
        .filter_map(|(place, text)| {
            let mut chars: Vec<char> = Vec::new();
            for c in text.chars() {
                if !c.is_whitespace() && !is_invisible(c) && !book.covers(c) && !chars.contains(&c)
                {
                    chars.push(c);
                }
            }
            (!chars.is_empty()).then(|| MissingGlyphs {
                label: place_label(report.format, &place),
                place,
                chars,
            })
        })
        .collect()
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::model::CellValue;

    /// A font folder holding the test face (tests/fixtures/fonts) `from` as `to`.
    fn font_dir_with(from: &str, to: &str) -> (tempfile::TempDir, Vec<PathBuf>) {
        let dir = tempfile::tempdir().unwrap();
        std::fs::copy(
            std::path::Path::new(env!("CARGO_MANIFEST_DIR"))
                .join("tests/fixtures/fonts")
                .join(from),
            dir.path().join(to),
        )
        .unwrap();
        let dirs = vec![dir.path().to_path_buf()];
        (dir, dirs)
    }

    fn fixture_font_dir() -> (tempfile::TempDir, Vec<PathBuf>) {
        font_dir_with("fallback-test.ttf", "simsunb.ttf")
    }

    #[test]
    fn a_face_in_a_font_collection_is_used_too() {
        let mut report = crate::io::sample().unwrap();
        report.meta.doc_number = "青禾〔2026〕𠀀号".into();
        let mut book = FontBook::bundled();
        let (_dir, dirs) = font_dir_with("fallback-test.ttc", "msyh.ttc");
        let used = add_fallbacks(&mut book, &report, &dirs);
        assert_eq!(used.len(), 1, "{used:?}");
        assert!(used[0].starts_with("补充字体：微软雅黑（"), "{}", used[0]);
        assert!(missing_glyphs(&book, &report).is_empty());
        let out = super::super::export_pdf(
            &report,
            &super::super::PdfOptions {
                font_dir: dirs.first().cloned(),
                signoff: false,
            },
        )
        .unwrap();
        assert!(out.missing_glyphs.is_empty());
        let doc = lopdf::Document::load_mem(&out.bytes).unwrap();
        assert!(doc.get_pages().len() > 3);
    }

    #[test]
    fn every_label_and_heading_of_every_format_is_in_the_bundled_fonts() {
        let book = FontBook::bundled();
        for f in crate::model::format::builtin() {
            let id = &f.id;
            let mut texts: Vec<String> = f.sections.iter().map(|s| f.section_heading(s)).collect();
            for t in &f.tables {
                for c in f.printed_grid(t).cells {
                    if let GridContent::Label(l) = c.content {
                        texts.push(l);
                    }
                }
            }
            let missing = uncovered(&book, texts.iter().map(String::as_str));
            assert!(missing.is_empty(), "{id}: {missing:?}");
        }
    }

    #[test]
    fn rare_characters_are_found_in_a_system_face_and_the_rest_reported_by_place() {
        let mut report = crate::io::sample().unwrap();
        report.meta.title = "示例㊣街道2025年政府信息公开工作年度报告".into();
        report
            .prose
            .insert("s1".into(), "张𠀀同志、李𪚥同志负责😀。\u{FE0F}".into());
        report.prose.insert("s6".into(), "无😀😀".into());
        let ix = report.format.cell_index("t3.new.natural").unwrap();
        report.set(ix, Some(CellValue::Invalid("见𪚥".into())));

        let mut book = FontBook::bundled();
        let before = missing_glyphs(&book, &report);
        assert_eq!(before.len(), 4, "{before:?}");

        let (_dir, dirs) = fixture_font_dir();
        let used = add_fallbacks(&mut book, &report, &dirs);
        assert_eq!(used.len(), 1, "{used:?}");
        assert!(
            used[0].starts_with("补充字体：SimSun-ExtB（"),
            "{}",
            used[0]
        );
        assert!(used[0].ends_with("用于 ㊣𠀀𪚥"), "{}", used[0]);

        let after = missing_glyphs(&book, &report);
        assert_eq!(
            after
                .iter()
                .map(|m| (m.place.clone(), m.chars.clone()))
                .collect::<Vec<_>>(),
            [
                (TextPlace::Section("s1".into()), vec!['😀']),
                (TextPlace::Section("s6".into()), vec!['😀']),
            ]
        );
        assert_eq!(after[0].label, "一、总体情况");
        let message = after[0].message();
        assert!(
            message.starts_with("一、总体情况中的 “😀” 没有可用的字体"),
            "{message}"
        );
    }

    #[test]
    fn an_ordinary_report_reads_no_fallback_font() {
        let report = crate::io::sample().unwrap();
        let mut book = FontBook::bundled();
        let (_dir, dirs) = fixture_font_dir();
        assert!(add_fallbacks(&mut book, &report, &dirs).is_empty());
        assert_eq!(book.faces.len(), 4);
        assert!(missing_glyphs(&book, &report).is_empty());
    }

    #[test]
    fn fallback_tags_are_six_capitals() {
        assert_eq!(fallback_tag(0), "NBFBAA");
        assert_eq!(fallback_tag(27), "NBFBBB");
    }

    #[test]
    fn invisible_characters_need_no_glyph() {
        assert!(is_invisible('\u{FE0F}'));
        assert!(is_invisible('\u{200D}'));
        assert!(is_invisible('\u{7}'));
        assert!(!is_invisible('\n') && !is_invisible(' ') && !is_invisible('政'));
    }
}
