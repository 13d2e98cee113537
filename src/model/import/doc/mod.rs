//! Reading an old binary Word document (Word 97–2003 `.doc`, or a WPS `.wps` that is the same
//! format) into blocks, in memory.
//!
//! The compound file is opened with `cfb`; the Word binary is read here: the FIB (which table
//! stream, encrypted or not, the length of the main text, where the piece table and the
//! paragraph properties are), the piece table (CLX: 8-bit compressed and 16-bit pieces), the
//! paragraph marks (0x0D), cell marks (0x07) and row ends (a 0x07 whose paragraph properties
//! say it ends a table row, `sprmPFTtp`), and fields reduced to their shown text
//! (0x13 code 0x14 shown 0x15), tracked deletions dropped (`sprmCFRMarkDel`), text boxes at the
//! end. The result is the `.docx` reader's paragraphs and tables, flattened the same way.
//! Merged cells: the row's `sprmTDefTable` gives each cell's edges (a cell spans the columns of
//! the table's grid between them) and its vertical merge (TC80 fVertMerge/fVertRestart); the
//! newer `sprmTVertMerge` and `sprmTMerge` are not read. Word's automatic numbering (the list
//! tables and the styles that carry it) is read in `lists.rs`, so a heading numbered by Word
//! reads as printed. Every offset is checked; nothing here panics on a hostile file.

use std::io::{Cursor, Read};

use lists::{ListRef, Lists};

use super::docx::DocxError;
use super::docx::body::{Cell, Merge, Node, Para, Row, Table};
use super::{Block, ImportError, Importer};
use crate::model::Report;

impl Importer {
    /// Imports a published report from an old binary Word document (`.doc`, or a `.wps` that is
    /// the Word binary): encrypted or damaged ones are refused with what to do.
    pub fn old_word(&self, bytes: &[u8]) -> Result<Report, ImportError> {
        let read = read(bytes)?;
        let blocks = self.with_known(|known| super::docx::flatten::blocks(&read.nodes, known));
        self.blocks(&blocks, None, read.notes)
    }

    /// Cuts the bytes of an old Word document into blocks, with the headings and labels of this
    /// importer's formats.
    pub fn read_old_word(&self, bytes: &[u8]) -> Result<Vec<Block>, DocxError> {
        let read = read(bytes)?;
        Ok(self.with_known(|known| super::docx::flatten::blocks(&read.nodes, known)))
    }
}

/// The main text beyond this many characters is not a report.
const MAX_CHARS: usize = 8_000_000;
/// A stream beyond this is not read.
const MAX_STREAM: u64 = 64 * 1024 * 1024;
/// At most this many cells a row.
const MAX_CELLS: usize = 256;

/// An old Word document read into the paragraphs and tables the `.docx` reader makes, so one
/// flattening turns both into blocks.
#[derive(Debug, Default)]
pub struct DocBlocks {
    /// Paragraphs and tables in document order; the text boxes' paragraphs at the end.
    pub nodes: Vec<Node>,
    /// Notes for the clerk.
    pub notes: Vec<String>,
}

fn damaged(why: &str) -> DocxError {
    DocxError::Damaged(why.to_owned())
}

fn u16_at(b: &[u8], at: usize) -> Option<u16> {
    let s = b.get(at..at.checked_add(2)?)?;
    Some(u16::from_le_bytes([*s.first()?, *s.get(1)?]))
}

fn u32_at(b: &[u8], at: usize) -> Option<u32> {
    let s = b.get(at..at.checked_add(4)?)?;
    Some(u32::from_le_bytes([
        *s.first()?,
        *s.get(1)?,
        *s.get(2)?,
        *s.get(3)?,
    ]))
}

fn stream(file: &mut cfb::CompoundFile<Cursor<&[u8]>>, name: &str) -> Result<Vec<u8>, DocxError> {
    let s = file
        .open_stream(name)
        .map_err(|_| damaged(&format!("缺少 {name} 数据流")))?;
    let mut out = Vec::new();
    s.take(MAX_STREAM)
        .read_to_end(&mut out)
        .map_err(|_| damaged(&format!("{name} 数据流读不出来")))?;
    Ok(out)
}

/// What the FIB says.
struct Fib {
    table: &'static str,
    ccp_text: usize,
    /// Where the text boxes' story starts (after the main text, footnotes, headers, comments
    /// and endnotes), and its length.
    txbx: (usize, usize),
    clx: (usize, usize),
    bte_papx: (usize, usize),
    bte_chpx: (usize, usize),
    /// The style sheet and the list tables (definitions, overrides); (0, 0) when absent.
    stsh: (usize, usize),
    lst: (usize, usize),
    lfo: (usize, usize),
}

fn fib(word: &[u8]) -> Result<Fib, DocxError> {
    if u16_at(word, 0) != Some(0xA5EC) {
        return Err(DocxError::NotWord(
            "复合文件里的 WordDocument 不是 Word 97–2003 的格式".to_owned(),
        ));
    }
    let flags = u16_at(word, 0x0A).ok_or_else(|| damaged("文件头太短"))?;
    if flags & 0x0100 != 0 {
        return Err(DocxError::Encrypted);
    }
    let table = if flags & 0x0200 != 0 {
        "1Table"
    } else {
        "0Table"
    };
    let bad = || damaged("文件头不完整");
    let csw = usize::from(u16_at(word, 32).ok_or_else(bad)?);
    let lw = 34 + csw * 2;
    let cslw = usize::from(u16_at(word, lw).ok_or_else(bad)?);
    let rg_lw = lw + 2;
    let ccp = |i: usize| u32_at(word, rg_lw + i * 4).map(|v| v as usize).unwrap_or(0);
    let ccp_text = u32_at(word, rg_lw + 3 * 4).ok_or_else(bad)? as usize;
    let before_txbx = (3..=8).map(ccp).fold(0usize, usize::saturating_add);
    let blob = rg_lw + cslw * 4 + 2;
    let pair = |i: usize| -> Option<(usize, usize)> {
        Some((
            u32_at(word, blob + i * 8)? as usize,
            u32_at(word, blob + i * 8 + 4)? as usize,
        ))
    };
    // How many (offset, length) pairs the FIB has: a Word 97 one has 93.
    let pairs = usize::from(u16_at(word, blob - 2).unwrap_or(0));
    let optional = |i: usize| {
        if i < pairs {
            pair(i).unwrap_or((0, 0))
        } else {
            (0, 0)
        }
    };
    Ok(Fib {
        table,
        stsh: optional(1),
        lst: optional(73),
        lfo: optional(74),
        ccp_text,
        txbx: if cslw > 9 {
            (before_txbx, ccp(9))
        } else {
            (0, 0)
        },
        clx: pair(33).ok_or_else(bad)?,
        bte_papx: pair(13).ok_or_else(bad)?,
        bte_chpx: pair(12).ok_or_else(bad)?,
    })
}

/// One character of the main text and where it is in the WordDocument stream.
struct Char {
    c: char,
    fc: u32,
}

/// The main text through the piece table.
fn text(word: &[u8], table: &[u8], fib: &Fib) -> Result<Vec<Char>, DocxError> {
    let (fc, lcb) = fib.clx;
    let clx = table
        .get(fc..fc.saturating_add(lcb))
        .ok_or_else(|| damaged("找不到文字的分段表"))?;
    let mut at = 0;
    let plc = loop {
        match clx.get(at) {
            Some(1) => {
                let cb = usize::from(u16_at(clx, at + 1).ok_or_else(|| damaged("分段表不完整"))?);
                at += 3 + cb;
            }
            Some(2) => {
                let lcb = u32_at(clx, at + 1).ok_or_else(|| damaged("分段表不完整"))? as usize;
                break clx
                    .get(at + 5..(at + 5).saturating_add(lcb))
                    .ok_or_else(|| damaged("分段表不完整"))?;
            }
            _ => return Err(damaged("分段表不完整")),
        }
    };
    // (n + 1) CPs of 4 bytes, n piece descriptors of 8.
    if plc.len() < 4 {
        return Err(damaged("分段表是空的"));
    }
    let n = (plc.len() - 4) / 12;
    let mut out = Vec::new();
    let want = if fib.txbx.1 > 0 {
        fib.txbx.0.saturating_add(fib.txbx.1)
    } else {
        fib.ccp_text
    }
    .min(MAX_CHARS);
    for i in 0..n {
        let (Some(start), Some(end)) = (u32_at(plc, i * 4), u32_at(plc, i * 4 + 4)) else {
            break;
        };
        let Some(raw) = u32_at(plc, (n + 1) * 4 + i * 8 + 2) else {
            break;
        };
        let len = end.saturating_sub(start) as usize;
        let compressed = raw & 0x4000_0000 != 0;
        let fc = raw & 0x3FFF_FFFF;
        for k in 0..len {
            if out.len() >= want {
                return Ok(out);
            }
            if compressed {
                let pos = (fc / 2) as usize + k;
                out.push(Char {
                    c: word.get(pos).map_or('\u{FFFD}', |&b| cp1252(b)),
                    fc: pos as u32,
                });
            } else {
                let pos = fc as usize + k * 2;
                out.push(Char {
                    c: u16_at(word, pos)
                        .and_then(|u| char::from_u32(u32::from(u)))
                        .unwrap_or('\u{FFFD}'),
                    fc: pos as u32,
                });
            }
        }
    }
    Ok(out)
}

fn cp1252(b: u8) -> char {
    let bytes = [b];
    let (s, _, _) = encoding_rs::WINDOWS_1252.decode(&bytes);
    s.chars().next().unwrap_or('\u{FFFD}')
}

/// What one paragraph's properties say, for the file range of its text.
#[derive(Debug, Clone, Default)]
struct Pap {
    start: u32,
    end: u32,
    /// Ends a table row (`sprmPFTtp` or `sprmPFInnerTtp`).
    row_end: bool,
    /// In a table cell (`sprmPFInTable`).
    in_table: bool,
    /// Ends a cell (`sprmPFInnerTableCell`; Word ends a cell with 0x07 instead).
    cell_end: bool,
    /// How deep in tables (`sprmPItap`; 1 when only `sprmPFInTable` says it is in one).
    depth: usize,
    /// Centred (`sprmPJc80` or `sprmPJc`).
    centered: bool,
    /// The row's cells, on a row end (`sprmTDefTable`).
    cells: Vec<CellDef>,
    /// Its paragraph style and its own list reference (Word's automatic numbering).
    istd: u16,
    list: ListRef,
}

/// A cell as the row's table properties define it.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq)]
struct CellDef {
    /// Its left and right edges (twips).
    left: i16,
    right: i16,
    merge: Merge,
}

/// Every paragraph's properties, sorted by where its text starts.
#[derive(Debug, Default)]
struct Marks {
    paps: Vec<Pap>,
}

impl Marks {
    fn at(&self, fc: u32) -> Option<&Pap> {
        let i = self.paps.partition_point(|p| p.start <= fc);
        self.paps.get(i.checked_sub(1)?).filter(|p| fc < p.end)
    }
}

/// The file ranges of text deleted with tracked changes (`sprmCFRMarkDel` in the character
/// properties' FKPs), sorted: the text is read with every change accepted, as for a `.docx`.
fn deleted(word: &[u8], table: &[u8], fib: &Fib) -> Vec<(u32, u32)> {
    let mut out = Vec::new();
    let (fc, lcb) = fib.bte_chpx;
    let Some(plc) = table.get(fc..fc.saturating_add(lcb)) else {
        return out;
    };
    for page in fkp_pages(word, plc) {
        let crun = usize::from(page.get(511).copied().unwrap_or(0));
        for r in 0..crun {
            let (Some(start), Some(end)) = (u32_at(page, r * 4), u32_at(page, r * 4 + 4)) else {
                break;
            };
            let at = usize::from(page.get((crun + 1) * 4 + r).copied().unwrap_or(0)) * 2;
            if at == 0 || out.len() >= MAX_PAPS {
                continue;
            }
            let cb = usize::from(page.get(at).copied().unwrap_or(0));
            let sprms = page
                .get(at + 1..(at + 1).saturating_add(cb))
                .unwrap_or_default();
            if has_sprm(sprms, &[0x0800]) {
                out.push((start, end));
            }
        }
    }
    out.sort_unstable();
    out
}

/// The 512-byte formatted-disk pages (FKPs) a bin table (`PlcBteChpx`/`PlcBtePapx`) points to,
/// in order: its page numbers follow its `n + 1` character positions; a page outside the
/// stream is passed over, a page number past the table's end ends it.
fn fkp_pages<'a>(word: &'a [u8], plc: &'a [u8]) -> impl Iterator<Item = &'a [u8]> + 'a {
    let n = plc.len().saturating_sub(4) / 8;
    (0..n)
        .map_while(move |i| u32_at(plc, (n + 1) * 4 + i * 4))
        .filter_map(move |pn| {
            (pn as usize)
                .checked_mul(512)
                .and_then(|p| word.get(p..p.checked_add(512)?))
        })
}

fn is_deleted(fc: u32, deleted: &[(u32, u32)]) -> bool {
    let i = deleted.partition_point(|&(s, _)| s <= fc);
    i.checked_sub(1)
        .and_then(|i| deleted.get(i))
        .is_some_and(|&(_, e)| fc < e)
}

/// At most this many paragraphs' properties are read.
const MAX_PAPS: usize = 2_000_000;

/// The paragraph properties, read from the FKPs.
fn paragraphs(word: &[u8], table: &[u8], data: &[u8], fib: &Fib) -> Marks {
    let mut out = Marks::default();
    let (fc, lcb) = fib.bte_papx;
    let Some(plc) = table.get(fc..fc.saturating_add(lcb)) else {
        return out;
    };
    for page in fkp_pages(word, plc) {
        let crun = usize::from(page.get(511).copied().unwrap_or(0));
        for r in 0..crun {
            if out.paps.len() >= MAX_PAPS {
                break;
            }
            let (Some(start), Some(end)) = (u32_at(page, r * 4), u32_at(page, r * 4 + 4)) else {
                break;
            };
            let Some(&bx) = page.get((crun + 1) * 4 + r * 13) else {
                break;
            };
            let mut pap = Pap {
                start,
                end,
                ..Pap::default()
            };
            let at = usize::from(bx) * 2;
            let (grpprl_at, len) = match page.get(at) {
                _ if bx == 0 => (0, 0),
                Some(0) => (
                    at + 2,
                    usize::from(page.get(at + 1).copied().unwrap_or(0)) * 2,
                ),
                Some(&cb) => (at + 1, (usize::from(cb) * 2).saturating_sub(1)),
                None => (0, 0),
            };
            let papx = page
                .get(grpprl_at..grpprl_at.saturating_add(len))
                .unwrap_or_default();
            // istd, then the sprms.
            pap.istd = u16_at(papx, 0).unwrap_or(0);
            let mut sprms = papx.get(2..).unwrap_or_default();
            // Properties too large for the page are in the Data stream (`sprmPHugePapx`).
            if let Some(at) = operand(sprms, 0x6646).and_then(|o| u32_at(o, 0)) {
                let at = at as usize;
                if let Some(cb) = u16_at(data, at) {
                    sprms = data
                        .get(at + 2..(at + 2).saturating_add(usize::from(cb)))
                        .unwrap_or_default();
                }
            }
            pap.row_end = has_sprm(sprms, &[0x2417, 0x244C]);
            pap.in_table = pap.row_end || has_sprm(sprms, &[0x2416]);
            pap.cell_end = has_sprm(sprms, &[0x244B]);
            pap.depth = operand(sprms, 0x6649)
                .and_then(|o| u32_at(o, 0))
                .map_or(usize::from(pap.in_table), |d| d as usize);
            pap.centered = [0x2403, 0x2461]
                .iter()
                .any(|&w| operand(sprms, w).and_then(|o| o.first().copied()) == Some(1));
            pap.list = ListRef::of(sprms);
            if pap.row_end {
                pap.cells = operand(sprms, 0xD608).map(cell_defs).unwrap_or_default();
            }
            out.paps.push(pap);
        }
    }
    out.paps.sort_by_key(|p| p.start);
    out
}

/// The cells of `sprmTDefTable`'s operand: cb (2 bytes), itcMac, the itcMac + 1 edges, then
/// a TC80 of 20 bytes a cell, whose flags give the vertical merge (fVertMerge 0x20,
/// fVertRestart 0x40) and the old horizontal one (fMerged 0x02).
fn cell_defs(op: &[u8]) -> Vec<CellDef> {
    let n = usize::from(op.get(2).copied().unwrap_or(0)).min(MAX_CELLS);
    let edge = |i: usize| u16_at(op, 3 + i * 2).map(|v| v as i16);
    let tcs = 3 + (n + 1) * 2;
    let mut out = Vec::with_capacity(n);
    for i in 0..n {
        let (Some(left), Some(right)) = (edge(i), edge(i + 1)) else {
            break;
        };
        let flags = u16_at(op, tcs + i * 20).unwrap_or(0);
        let merge = if flags & 0x0040 != 0 {
            Merge::Restart
        } else if flags & 0x0020 != 0 {
            Merge::Continue
        } else if flags & 0x0002 != 0 {
            Merge::ContinueLeft
        } else {
            Merge::None
        };
        out.push(CellDef { left, right, merge });
    }
    out
}

/// Whether a paragraph's sprms set one of the flags `which` (`sprmPFTtp` 0x2417,
/// `sprmPFInnerTtp` 0x244C, `sprmPFInTable` 0x2416).
fn has_sprm(sprms: &[u8], which: &[u16]) -> bool {
    which.iter().any(|&w| {
        operand(sprms, w)
            .and_then(|o| o.first().copied())
            .unwrap_or(0)
            != 0
    })
}

/// The operand of the first `which` among a paragraph's sprms.
fn operand(mut sprms: &[u8], which: u16) -> Option<&[u8]> {
    while let Some(sprm) = u16_at(sprms, 0) {
        if sprm == which {
            return sprms.get(2..);
        }
        let len = match sprm >> 13 {
            0 | 1 => 1,
            2 | 4 | 5 => 2,
            3 => 4,
            7 => 3,
            // sprmTDefTable's size is two bytes; every other variable one's, one.
            _ if sprm == 0xD608 => usize::from(u16_at(sprms, 2).unwrap_or(0)) + 1,
            _ => usize::from(sprms.get(2).copied().unwrap_or(0)) + 1,
        };
        sprms = sprms.get(2 + len..)?;
    }
    None
}

/// Reads an old Word compound file into paragraphs and tables.
pub fn read(bytes: &[u8]) -> Result<DocBlocks, DocxError> {
    let mut file = cfb::CompoundFile::open(Cursor::new(bytes))
        .map_err(|_| damaged("复合文件的结构读不出来"))?;
    if !file.is_stream("WordDocument") {
        return Err(DocxError::NotWord(
            "复合文件里没有 Word 正文（可能是 Excel、PowerPoint 或 WPS 自己格式的文件），请在 WPS 或 Word 中另存为 .docx 后再打开".to_owned(),
        ));
    }
    let word = stream(&mut file, "WordDocument")?;
    let fib = fib(&word)?;
    let table = stream(&mut file, fib.table)?;
    let mut chars = text(&word, &table, &fib)?;
    let deleted = deleted(&word, &table, &fib);
    let mut revisions = 0;
    if !deleted.is_empty() {
        for c in &mut chars {
            if is_deleted(c.fc, &deleted) {
                // Kept in place so the character positions (CPs) still count right.
                c.c = '\u{0}';
                revisions += 1;
            }
        }
    }
    let data = if file.is_stream("Data") {
        stream(&mut file, "Data").unwrap_or_default()
    } else {
        Vec::new()
    };
    let marks = paragraphs(&word, &table, &data, &fib);
    let mut lists = Lists::read(&table, fib.stsh, fib.lst, fib.lfo);
    let mut notes = Vec::new();
    if revisions > 0 {
        notes.push(
            "旧版 Word 文档中有未接受的修订（删除），已按接受全部修订后的文字导入，请核对"
                .to_owned(),
        );
    }
    if fib.ccp_text > MAX_CHARS {
        notes.push(format!(
            "旧版 Word 文档的正文超过 {MAX_CHARS} 个字，只导入了前 {MAX_CHARS} 个字"
        ));
    }
    let main = chars
        .get(..fib.ccp_text.min(chars.len()))
        .unwrap_or_default();
    let mut nodes = cut(main, &marks, &mut lists);
    let (at, len) = fib.txbx;
    if let Some(boxes) = chars.get(at..at.saturating_add(len).min(chars.len())) {
        // The text boxes (a signature is often one) at the end, where it usually stands.
        nodes.extend(cut(boxes, &marks, &mut lists));
    }
    Ok(DocBlocks { nodes, notes })
}

/// At most this many tables are open inside one another.
const MAX_DEPTH: usize = 16;

type RowCells = (Vec<Vec<Node>>, Vec<CellDef>);

/// A table being read: its rows so far, the cells of the open row and the content of the open
/// cell.
#[derive(Default)]
struct OpenTable {
    rows: Vec<RowCells>,
    cells: Vec<Vec<Node>>,
    cell: Vec<Node>,
}

/// The tables open inside one another while the text is cut, and the nodes outside them.
#[derive(Default)]
struct Cutter {
    nodes: Vec<Node>,
    open: Vec<OpenTable>,
}

impl Cutter {
    /// Where content at nesting `depth` goes, closing or opening tables to get there.
    fn at_depth(&mut self, depth: usize) -> &mut Vec<Node> {
        let depth = depth.min(MAX_DEPTH);
        while self.open.len() > depth {
            self.close();
        }
        while self.open.len() < depth {
            self.open.push(OpenTable::default());
        }
        match self.open.last_mut() {
            Some(t) => &mut t.cell,
            None => &mut self.nodes,
        }
    }

    /// Closes the innermost table into the cell (or the text) around it.
    fn close(&mut self) {
        let Some(mut t) = self.open.pop() else {
            return;
        };
        if !t.cells.is_empty() || !t.cell.is_empty() {
            if !t.cell.is_empty() {
                t.cells.push(std::mem::take(&mut t.cell));
            }
            t.rows.push((t.cells, Vec::new()));
        }
        if t.rows.is_empty() {
            return;
        }
        let table = make_table(t.rows);
        match self.open.last_mut() {
            Some(outer) => outer.cell.push(table),
            None => self.nodes.push(table),
        }
    }

    fn end_cell(&mut self) {
        if let Some(t) = self.open.last_mut()
            && t.cells.len() < MAX_CELLS
        {
            let cell = std::mem::take(&mut t.cell);
            t.cells.push(cell);
        }
    }

    fn end_row(&mut self, defs: &[CellDef]) {
        if let Some(t) = self.open.last_mut() {
            t.cell.clear();
            let cells = std::mem::take(&mut t.cells);
            if t.rows.len() < 100_000 {
                t.rows.push((cells, defs.to_vec()));
            }
        }
    }
}

/// Cuts text into paragraphs and tables (tables inside table cells as Word nests them,
/// `sprmPItap`).
fn cut(chars: &[Char], marks: &Marks, lists: &mut Lists) -> Vec<Node> {
    let mut out = Cutter::default();
    let mut line = String::new();
    // Field nesting: for each open field, whether its shown text has begun.
    let mut fields: Vec<bool> = Vec::new();
    for ch in chars {
        match ch.c {
            '\u{13}' => {
                if fields.len() < 64 {
                    fields.push(false);
                }
                continue;
            }
            '\u{14}' => {
                if let Some(last) = fields.last_mut() {
                    *last = true;
                }
                continue;
            }
            '\u{15}' => {
                fields.pop();
                continue;
            }
            _ => {}
        }
        if fields.iter().any(|shown| !shown) {
            continue;
        }
        match ch.c {
            '\r' | '\u{7}' => {
                let pap = marks.at(ch.fc);
                let row_end = pap.is_some_and(|p| p.row_end);
                let mut text = match pap {
                    Some(p) if !row_end => lists.label(p.istd, p.list).unwrap_or_default(),
                    _ => String::new(),
                };
                text.push_str(&std::mem::take(&mut line));
                let para = Para {
                    text,
                    centered: pap.is_some_and(|p| p.centered),
                };
                let depth = match pap {
                    Some(p) if p.in_table => p.depth.max(1),
                    // A cell mark without properties (a damaged file): a cell of one table.
                    _ if ch.c == '\u{7}' => 1,
                    _ => 0,
                };
                if row_end {
                    out.at_depth(depth);
                    out.end_row(pap.map(|p| p.cells.as_slice()).unwrap_or_default());
                    continue;
                }
                out.at_depth(depth).push(Node::Para(para));
                // Word ends a cell with 0x07 (and a nested one with a marked paragraph);
                // LibreOffice every cell with a marked paragraph.
                if depth > 0 && (ch.c == '\u{7}' || pap.is_some_and(|p| p.cell_end)) {
                    out.end_cell();
                }
            }
            '\u{b}' => line.push('\n'),
            '\t' => line.push('\t'),
            '\u{1e}' => line.push('-'),
            // Other controls, and the noncharacters U+FFFE/U+FFFF a damaged piece decodes to,
            // are no text (XML 1.0, and so a Word export, cannot hold them either); nor is a
            // stray byte-order mark U+FEFF (the .docx reader drops it too).
            c if (c as u32) < 0x20 || matches!(c, '\u{fffe}' | '\u{ffff}' | '\u{feff}') => {}
            c => line.push(c),
        }
    }
    out.at_depth(0);
    if !line.is_empty() {
        out.nodes.push(Node::Para(Para {
            text: line,
            centered: false,
        }));
    }
    out.nodes
}

/// A table from its rows: the grid is every cell edge of every row.
fn make_table(rows: Vec<RowCells>) -> Node {
    let mut grid: Vec<i16> = rows
        .iter()
        .flat_map(|(_, defs)| defs.iter().flat_map(|d| [d.left, d.right]))
        .collect();
    grid.sort_unstable();
    grid.dedup();
    Node::Table(Table {
        rows: rows
            .into_iter()
            .map(|(cells, defs)| make_row(cells, &defs, &grid))
            .collect(),
    })
}

/// A row from its cells' paragraphs and the row's cell definitions: each cell spans the
/// columns of the table's grid (`grid`, every edge in the table) between its edges, and
/// columns before its first edge are left empty; the flattening resolves spans and vertical
/// merges as it does for a `.docx`.
fn make_row(cells: Vec<Vec<Node>>, defs: &[CellDef], grid: &[i16]) -> Row {
    let column = |x: i16| grid.partition_point(|&g| g < x);
    Row {
        grid_before: defs.first().map_or(0, |d| column(d.left)),
        cells: cells
            .into_iter()
            .enumerate()
            .map(|(i, content)| {
                let def = defs.get(i).copied().unwrap_or_default();
                let span = defs
                    .get(i)
                    .map_or(1, |d| column(d.right).saturating_sub(column(d.left)).max(1));
                Cell {
                    span: span.min(64),
                    merge: def.merge,
                    content,
                }
            })
            .collect(),
    }
}

mod lists;
#[cfg(test)]
mod tests;
