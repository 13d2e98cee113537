//! 数据句 in the exports (issue 20): a report with every standard sentence inserted exports to
//! PDF, Word and a web page as plain prose, and nianbao's importers read the same prose back.
#![allow(clippy::unwrap_used, clippy::expect_used)]

use nianbao::io::docx::{DocxOptions, export_docx};
use nianbao::io::html::export_html;
use nianbao::io::pdf::{PdfOptions, export_pdf};
use nianbao::model::Report;
use nianbao::model::fields::insert_sentence;
use nianbao::model::import::Importer;
use nianbao::model::sentences::sentences;

/// The sample with each of its format's sentences inserted in its section, the first ones after
/// the first line (a sub-heading), the rest at the end.
fn with_sentences() -> Report {
    let mut r = nianbao::io::sample().unwrap();
    let all = sentences(&r, r.previous.as_ref());
    assert!(all.len() >= 4, "{all:?}");
    for (i, s) in all.iter().enumerate() {
        insert_sentence(&mut r, (i % 2 == 0).then_some(0), s);
    }
    r
}

/// The prose paragraph by paragraph, without blank lines and spaces: the importers' known
/// normalisation (a PDF keeps neither; a web page and Word fold runs of spaces).
fn paragraphs(text: &str) -> Vec<String> {
    text.lines()
        .map(|l| l.chars().filter(|c| !c.is_whitespace()).collect::<String>())
        .filter(|l| !l.is_empty())
        .collect()
}

fn assert_same_prose(how: &str, original: &Report, back: &Report) {
    for (id, text) in &original.prose {
        assert_eq!(
            paragraphs(back.prose(id)),
            paragraphs(text),
            "{how}: section {id}"
        );
    }
    assert!(
        back.fields.is_empty(),
        "{how}: an import has no live figures"
    );
}

#[test]
fn the_sentences_are_in_the_prose_the_exports_print() {
    let r = with_sentences();
    for s in sentences(&r, r.previous.as_ref()) {
        assert!(r.prose(&s.section).contains(&s.text), "{}", s.id);
    }
    assert!(r.fields.values().flatten().all(|f| {
        r.fields
            .iter()
            .any(|(id, list)| list.contains(f) && f.is_fresh(r.prose(id)))
    }));
}

#[test]
fn sentences_come_back_as_prose_from_a_pdf() {
    let r = with_sentences();
    let pdf = export_pdf(&r, &PdfOptions::default()).unwrap().bytes;
    let back = Importer::default().pdf(&pdf).unwrap();
    assert_same_prose("pdf", &r, &back);
}

#[test]
fn sentences_come_back_as_prose_from_a_word_document() {
    let r = with_sentences();
    let docx = export_docx(&r, &DocxOptions::default()).unwrap();
    let back = Importer::default().word(&docx).unwrap();
    assert_same_prose("docx", &r, &back);
}

#[test]
fn sentences_come_back_as_prose_from_a_web_page() {
    let r = with_sentences();
    let back = Importer::default().html(&export_html(&r)).unwrap();
    assert_same_prose("html", &r, &back);
}
