//! Reading a published report from a PDF: the bytes of the file in, a report out (no file I/O).
//!
//! lopdf reads the file structure (with caps on stream sizes and object counts); our own
//! content-stream walk (`content`) gives every glyph its text (`/ToUnicode`, or the font's
//! encoding) and its position, and every ruling line; `layout` rebuilds lines, paragraphs and
//! table rows from the positions; the rows go through the same label-driven importer as text,
//! web pages and Word ([`Importer::blocks`]). A scan (pages of images, no text) is refused
//! with a message saying so.

mod cmap;
mod content;
mod continued;
mod font;
mod geometry;
mod lattice;
mod layout;
mod lex;
mod objects;
mod pages;

use super::{Block, ImportError, Importer};
use crate::model::lexicon;
use crate::model::report::Report;
use crate::model::value::is_space;

/// Why a PDF gave no report.
#[derive(Debug, thiserror::Error)]
pub enum PdfImportError {
    /// Not a PDF at all.
    #[error("文件不是 PDF（开头没有“%PDF-”标记）。没有生成草稿；请确认打开的是 PDF 文件")]
    NotPdf,
    /// Protected by an open password.
    #[error(
        "这个 PDF 设置了打开密码，无法读取。没有生成草稿；请找到不加密的版本，或在 PDF 阅读器中输入密码后复制全文再导入"
    )]
    Encrypted,
    /// The file structure is broken.
    #[error(
        "PDF 文件已损坏，无法读取（{0}）。没有生成草稿；请重新下载该文件，或在 PDF 阅读器中复制全文后导入"
    )]
    Damaged(String),
    /// Far too many objects for a report.
    #[error("PDF 中有 {0} 个对象，不像是一份年度报告，没有读取。没有生成草稿")]
    TooManyObjects(usize),
    /// No pages.
    #[error("PDF 中没有页面。没有生成草稿")]
    NoPages,
    /// Pages of images: a scan.
    #[error(
        "这是扫描件：PDF 的 {pages} 页都是图片，没有可读取的文字，无法导入其中的数字。没有生成草稿；请找到该报告的 Word 版或网页版（政府网站“政府信息公开年报”栏目）再导入，或新建报告后对照扫描件逐项填写"
    )]
    Scanned {
        /// Pages that are images.
        pages: usize,
    },
    /// Neither text nor images (text turned into outlines).
    #[error(
        "PDF 中没有可读取的文字（文字可能已转为图形）。没有生成草稿；请找到该报告的 Word 版或网页版再导入，或新建报告后对照 PDF 逐项填写"
    )]
    NoText,
    /// Text whose fonts do not say what characters the glyphs are.
    #[error(
        "PDF 的字体缺少文字对照表，读出的 {unreadable} 个字无法识别。没有生成草稿；请找到该报告的 Word 版或网页版再导入，或新建报告后对照 PDF 逐项填写"
    )]
    Unreadable {
        /// Glyphs without text.
        unreadable: usize,
    },
}

/// What the reader got out of a PDF before the importer sees it.
#[derive(Debug, Default)]
pub struct PdfText {
    /// Paragraphs and table rows in reading order.
    pub blocks: Vec<Block>,
    /// The document's `/Title`, when it looks like a report title.
    pub title: Option<String>,
    /// What the reader has to tell the clerk (pages left out, OCR text, unreadable glyphs).
    pub notes: Vec<String>,
}

/// A page counts as a scan when images cover this much of it.
const SCAN_COVER: f64 = 0.5;
/// Fewer readable characters than this in the whole file is no text.
const MIN_TEXT_CHARS: usize = 20;

impl Importer {
    /// Imports a published report from the bytes of a PDF.
    pub fn pdf(&self, bytes: &[u8]) -> Result<Report, ImportError> {
        let text = self.read_pdf(bytes)?;
        self.blocks(&text.blocks, text.title.as_deref(), text.notes)
    }

    /// Reads the text and tables of a PDF into blocks, with the headings and labels of this
    /// importer's formats. This is the entry point to fuzz: it never panics and returns within a
    /// bounded time for any bytes.
    pub fn read_pdf(&self, bytes: &[u8]) -> Result<PdfText, PdfImportError> {
        let pdf = pages::load(bytes).map_err(|e| match e {
            pages::LoadError::NotPdf => PdfImportError::NotPdf,
            pages::LoadError::Encrypted => PdfImportError::Encrypted,
            pages::LoadError::Damaged(why) => PdfImportError::Damaged(why),
            pages::LoadError::TooManyObjects(n) => PdfImportError::TooManyObjects(n),
            pages::LoadError::NoPages => PdfImportError::NoPages,
        })?;
        let mut chars = 0usize;
        let mut unreadable = 0usize;
        let mut invisible = 0usize;
        for page in &pdf.pages {
            for g in &page.glyphs {
                if g.text.chars().all(is_space) {
                    continue;
                }
                chars += 1;
                if g.text.contains('\u{fffd}') {
                    unreadable += 1;
                }
            }
            invisible += page.invisible;
        }
        let readable = chars - unreadable;
        if readable < MIN_TEXT_CHARS {
            let scanned = pdf
                .pages
                .iter()
                .filter(|p| p.image_cover >= SCAN_COVER)
                .count();
            return Err(if unreadable >= MIN_TEXT_CHARS {
                PdfImportError::Unreadable { unreadable }
            } else if scanned > 0 {
                PdfImportError::Scanned { pages: scanned }
            } else {
                PdfImportError::NoText
            });
        }
        if unreadable * 2 > chars {
            return Err(PdfImportError::Unreadable { unreadable });
        }
        let laid = self.with_known(|known| layout::layout(&pdf, known));
        let mut notes = Vec::new();
        if invisible * 2 > chars {
            notes.push(
                "这个 PDF 是扫描件，文字取自其中的文字识别层（OCR），可能有识别错误：请逐项与原件核对数字"
                    .to_owned(),
            );
        }
        if unreadable > 0 {
            notes.push(format!(
                "PDF 中有 {unreadable} 个字的字体缺少文字对照表，无法识别，导入后显示为“\u{fffd}”，请对照原件改正"
            ));
        }
        if pdf.cut {
            notes.push(format!(
                "PDF 太大，只读取了前面的内容（共 {} 页，读取了前 {} 页）：后面部分的数字没有导入，请对照原件核对",
                pdf.page_count,
                pdf.pages.len()
            ));
        }
        if laid.dropped > 0 {
            notes.push(format!(
                "PDF 表格中有 {} 处文字既不是栏目名称也不在数据行中（多为分行排版的表头），未导入",
                laid.dropped
            ));
        }
        let title = pdf.title.filter(|t| lexicon::names_the_report(t));
        Ok(PdfText {
            blocks: laid.blocks,
            title,
            notes,
        })
    }
}
