//! Reading a Word document (`.docx`) — last year's report as the office keeps it — into a draft.
//!
//! The package is read in memory with `zip` and `quick-xml` (no file I/O here): [`package`]
//! takes the parts out with caps against damaged and hostile files, [`numbering`] knows Word's
//! automatic numbering, [`body`] reads the paragraphs and tables as Word shows them with every
//! tracked change accepted, and [`flatten`] turns them into the importer's [`Block`]s, which
//! [`Importer::blocks`] makes into a report like any other published text.

pub(crate) mod body;
pub(crate) mod flatten;
pub(crate) mod numbering;
mod package;

use super::{Block, ImportError, Importer, Source};
use crate::model::Report;
use crate::model::report::{Note, NoteKind};

/// Spans beyond this are clamped (a file with `w:gridSpan="100000"` must not eat the memory).
const MAX_SPAN: usize = 64;

/// Why a Word file could not be imported.
#[derive(Debug, thiserror::Error)]
pub enum DocxError {
    /// An old binary Word document (Word 97–2003 `.doc`, or WPS's own `.wps`).
    #[error(
        "这是旧版 Word 文档（Word 97–2003 的 .doc 格式），nianbao 不能直接读取，没有生成草稿。请在 Word 或 WPS 中另存为 .docx 后再打开"
    )]
    OldWord,
    /// A `.docx` with an opening password (stored encrypted).
    #[error(
        "这份 Word 文档设有打开密码，nianbao 无法读取，没有生成草稿。请在 Word 或 WPS 中打开它，取消密码后另存为 .docx 再打开"
    )]
    Encrypted,
    /// Rich Text Format under a Word name.
    #[error(
        "这是 RTF 格式的文档，nianbao 不能直接读取，没有生成草稿。请在 Word 或 WPS 中另存为 .docx 后再打开"
    )]
    Rtf,
    /// Not a Word document at all.
    #[error("不是 Word 文档（.docx）：{0}；没有生成草稿")]
    NotWord(String),
    /// A damaged package.
    #[error(
        "Word 文档已损坏，无法读取（{0}），没有生成草稿。请在 Word 或 WPS 中打开它，另存为新的 .docx 后再试"
    )]
    Damaged(String),
    /// A part that inflates beyond the cap.
    #[error("Word 文档的正文超过 {0} MB，不像是一份年度报告，没有生成草稿")]
    TooLarge(u64),
}

/// A Word document cut into blocks, with what the reader has to tell the clerk.
#[derive(Debug, Default)]
pub struct WordBlocks {
    /// Prose lines and table rows in document order.
    pub blocks: Vec<Block>,
    /// Notes for the clerk (tracked changes accepted, a damaged part).
    pub notes: Vec<String>,
}

impl Importer {
    /// Imports a published report from the bytes of a Word file: a `.docx`; a web page or text
    /// saved under a Word name is read as what it is; an old binary `.doc` is refused with what
    /// to do.
    pub fn word(&self, bytes: &[u8]) -> Result<Report, ImportError> {
        if super::xlsx::guard::is_workbook(bytes) {
            let mut report = self.excel(bytes)?;
            report.notes.insert(
                0,
                Note {
                    kind: NoteKind::Import,
                    cell: None,
                    section: None,
                    text:
                        "这个文件的名字是 Word 文档，内容却是 Excel 工作簿，已按 Excel 工作簿导入"
                            .to_owned(),
                },
            );
            return Ok(report);
        }
        match package::sniff(bytes) {
            package::Sniffed::Zip => {}
            package::Sniffed::Compound { encrypted: true } => {
                return Err(DocxError::Encrypted.into());
            }
            package::Sniffed::Compound { encrypted: false } => return self.old_word(bytes),
            package::Sniffed::Rtf => return Err(DocxError::Rtf.into()),
            package::Sniffed::Other if super::looks_like_html(bytes) => {
                // Word's "save as web page" under a .doc name.
                return self.bytes(bytes, Source::Html);
            }
            package::Sniffed::Other if bytes.is_empty() => return Err(ImportError::Empty),
            package::Sniffed::Other => {
                return Err(DocxError::NotWord("文件开头不是 Word 文档的样子".to_owned()).into());
            }
        }
        let read = self.read_word(bytes)?;
        self.blocks(&read.blocks, None, read.notes)
    }

    /// Cuts the bytes of a `.docx` into blocks, with the headings and labels of this importer's
    /// formats.
    pub fn read_word(&self, bytes: &[u8]) -> Result<WordBlocks, DocxError> {
        let parts = package::parts(bytes)?;
        let mut numbering =
            numbering::Numbering::new(parts.numbering.as_deref(), parts.styles.as_deref());
        let body = body::parse(&parts.document, &mut numbering);
        let mut notes = Vec::new();
        if body.revisions > 0 {
            notes.push(format!(
                "Word 文档中有 {} 处未接受的修订（插入或删除），已按接受全部修订后的文字导入，请核对",
                body.revisions
            ));
        }
        if body.damaged {
            notes.push(
                "Word 文档的正文有损坏，只导入了损坏处之前的内容，请核对后面的部分".to_owned(),
            );
        }
        let blocks = self.with_known(|known| flatten::blocks(&body.nodes, known));
        Ok(WordBlocks { blocks, notes })
    }
}

#[cfg(test)]
mod tests;
