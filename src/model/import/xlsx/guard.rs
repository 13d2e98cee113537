//! What a workbook is, and the checks made before `calamine` reads it: calamine trusts the
//! sizes a file claims (it reserves a shared-string table of the `uniqueCount` an `.xlsx`
//! declares, a `.xls` sheet's cells by its DIMENSIONS record, and a grid between the first and
//! last cell), and a hostile file would make it allocate beyond any memory before a cell is
//! read. Here the claims are read first, with caps, and a file that exceeds them is refused.

use std::io::{Cursor, Read};

use quick_xml::Reader;
use quick_xml::events::Event;

use super::{MAX_AREA, WorkbookError, damaged};

/// At most this many distinct shared strings (a report uses a few hundred).
const MAX_STRINGS: u64 = 1_000_000;
/// The parts of an `.xlsx`, inflated, at most this many bytes together.
const MAX_INFLATED: u64 = 256 * 1024 * 1024;
/// The shared-string table's start is looked for in this many inflated bytes.
const SST_HEAD: u64 = 64 * 1024;
/// A `.xls` workbook stream beyond this is not read.
const MAX_STREAM: u64 = 64 * 1024 * 1024;

/// What the bytes are.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(super) enum Kind {
    /// A zip package that is not Word: an `.xlsx` (or not a workbook at all).
    Zip,
    /// A compound file that is not Word: an `.xls`, or an encrypted `.xlsx`.
    Compound,
    /// A Word document (`.docx` or `.doc`) under an Excel name.
    Word,
    /// A web page (an "Excel" export that is an HTML table).
    Html,
    /// Nothing.
    Empty,
    /// Anything else.
    Other,
}

const OLE: [u8; 8] = [0xD0, 0xCF, 0x11, 0xE0, 0xA1, 0xB1, 0x1A, 0xE1];

/// Tells the kind by the first bytes and, for a package, the names of its parts.
pub(super) fn sniff(bytes: &[u8]) -> Kind {
    if bytes.is_empty() {
        Kind::Empty
    } else if bytes.starts_with(b"PK") {
        let word = zip::ZipArchive::new(Cursor::new(bytes))
            .is_ok_and(|z| has_part(&z, "word/document.xml"));
        if word { Kind::Word } else { Kind::Zip }
    } else if bytes.starts_with(&OLE) {
        let word = cfb::CompoundFile::open(Cursor::new(bytes))
            .is_ok_and(|f| f.is_stream("/WordDocument") && !f.is_stream("/Workbook"));
        if word { Kind::Word } else { Kind::Compound }
    } else if super::super::looks_like_html(bytes) {
        Kind::Html
    } else {
        Kind::Other
    }
}

/// Whether the bytes are an Excel workbook and no Word document (the Word reader hands such a
/// file, saved under a Word name, to the Excel reader).
pub(crate) fn is_workbook(bytes: &[u8]) -> bool {
    if bytes.starts_with(b"PK") {
        zip::ZipArchive::new(Cursor::new(bytes))
            .is_ok_and(|z| has_part(&z, "xl/workbook.xml") && !has_part(&z, "word/document.xml"))
    } else if bytes.starts_with(&OLE) {
        cfb::CompoundFile::open(Cursor::new(bytes))
            .is_ok_and(|f| f.is_stream("/Workbook") || f.is_stream("/Book"))
    } else {
        false
    }
}

/// Whether the package has a part whose name ends with `name` (any case).
fn has_part(zip: &zip::ZipArchive<Cursor<&[u8]>>, name: &str) -> bool {
    zip.file_names()
        .filter_map(Result::ok)
        .any(|n| n.to_ascii_lowercase().ends_with(name))
}

/// Checks an `.xlsx` package before calamine opens it: the inflated sizes its directory
/// declares, and the shared-string count.
pub(super) fn check_zip(bytes: &[u8]) -> Result<(), WorkbookError> {
    let mut zip =
        zip::ZipArchive::new(Cursor::new(bytes)).map_err(|_| damaged("压缩包不完整或已损坏"))?;
    let mut total = 0u64;
    let mut sst = None;
    for i in 0..zip.len() {
        let Ok(file) = zip.by_index_raw(i) else {
            return Err(damaged("压缩包的目录有误"));
        };
        total = total.saturating_add(file.size());
        let name = file
            .name()
            .map(|n| n.to_ascii_lowercase())
            .unwrap_or_default();
        if name.ends_with("sharedstrings.xml") {
            sst = Some(i);
        }
    }
    if total > MAX_INFLATED {
        return Err(WorkbookError::TooLarge(format!(
            "解压后超过 {} MB",
            MAX_INFLATED / 1024 / 1024
        )));
    }
    if !has_part(&zip, "workbook.xml") {
        return Err(WorkbookError::NotWorkbook(
            "压缩包里没有 Excel 的工作簿（workbook.xml）".to_owned(),
        ));
    }
    if let Some(i) = sst {
        let mut head = Vec::new();
        zip.by_index(i)
            .map_err(|_| damaged("共享字符串表读不出来"))?
            .take(SST_HEAD)
            .read_to_end(&mut head)
            .map_err(|_| damaged("共享字符串表读不出来"))?;
        let count = unique_count(&head);
        let unseen = count.is_none() && head.len() as u64 >= SST_HEAD;
        if unseen || count.is_some_and(|n| n > MAX_STRINGS) {
            return Err(WorkbookError::TooLarge(format!(
                "不同的文字超过 {MAX_STRINGS} 条"
            )));
        }
    }
    Ok(())
}

/// The `uniqueCount` the shared-string table's `<sst>` declares (as calamine reads it: the
/// first `sst` start tag); `None` when the tag is not in the head read (or is broken).
fn unique_count(head: &[u8]) -> Option<u64> {
    let mut reader = Reader::from_reader(head);
    let mut buf = Vec::new();
    loop {
        buf.clear();
        match reader.read_event_into(&mut buf) {
            Ok(Event::Start(e) | Event::Empty(e)) if e.local_name().as_ref() == b"sst" => {
                let count = e
                    .attributes()
                    .filter_map(Result::ok)
                    .find(|a| a.key.as_ref() == b"uniqueCount")?;
                let digits: String = String::from_utf8_lossy(&count.value)
                    .chars()
                    .take_while(char::is_ascii_digit)
                    .collect();
                return Some(digits.parse().unwrap_or(u64::MAX));
            }
            // The head ends before the tag; or the XML is broken (calamine refuses it too).
            Ok(Event::Eof) => return None,
            Err(_) => return None,
            Ok(_) => {}
        }
    }
}

/// Checks an `.xls` before calamine opens it: every DIMENSIONS record, and the cells of every
/// sheet, span at most [`MAX_AREA`] grid slots.
pub(super) fn check_xls(bytes: &[u8]) -> Result<(), WorkbookError> {
    let mut file =
        cfb::CompoundFile::open(Cursor::new(bytes)).map_err(|_| damaged("复合文件结构有误"))?;
    if file.is_stream("/EncryptedPackage") {
        return Err(WorkbookError::Encrypted);
    }
    let name = ["/Workbook", "/Book"]
        .into_iter()
        .find(|n| file.is_stream(n))
        .ok_or_else(|| {
            WorkbookError::NotWorkbook("复合文件里没有 Excel 的工作簿数据".to_owned())
        })?;
    let mut stream = Vec::new();
    file.open_stream(name)
        .map_err(|_| damaged("工作簿数据流打不开"))?
        .take(MAX_STREAM)
        .read_to_end(&mut stream)
        .map_err(|_| damaged("工作簿数据流读不出来"))?;
    let too_large = || WorkbookError::TooLarge(format!("一个工作表的范围超过 {MAX_AREA} 个单元格"));
    let u16_at = |d: &[u8], at: usize| -> Option<u32> {
        Some(u32::from(u16::from_le_bytes([
            *d.get(at)?,
            *d.get(at + 1)?,
        ])))
    };
    let u32_at = |d: &[u8], at: usize| -> Option<u32> {
        Some(u32::from_le_bytes([
            *d.get(at)?,
            *d.get(at + 1)?,
            *d.get(at + 2)?,
            *d.get(at + 3)?,
        ]))
    };
    // The bounding box of every sheet's cells together (a sheet's own is no larger; a chart's
    // substream inside a sheet does not start a new one).
    let mut bounds: Option<(u32, u32, u32, u32)> = None;
    let mut at = 0usize;
    while let (Some(typ), Some(len)) = (u16_at(&stream, at), u16_at(&stream, at + 2)) {
        let start = at + 4;
        let end = start + len as usize;
        let Some(data) = stream.get(start..end.min(stream.len())) else {
            break;
        };
        at = end;
        let cell = |r: Option<u32>, c0: Option<u32>, c1: Option<u32>| match (r, c0, c1) {
            (Some(r), Some(c0), Some(c1)) => Some((r, c0.min(c1), c0.max(c1))),
            _ => None,
        };
        let seen = match typ {
            // DIMENSIONS, as calamine reads it.
            0x0200 => {
                let (rf, rl, cf, cl) = match data.len() {
                    10 => (
                        u16_at(data, 0),
                        u16_at(data, 2),
                        u16_at(data, 4),
                        u16_at(data, 6),
                    ),
                    14 | 16 => (
                        u32_at(data, 0),
                        u32_at(data, 4),
                        u16_at(data, 8),
                        u16_at(data, 10),
                    ),
                    _ => (None, None, None, None),
                };
                if let (Some(rf), Some(rl), Some(cf), Some(cl)) = (rf, rl, cf, cl) {
                    let cf = if cf > 0xFF || cl < cf { 0 } else { cf };
                    if rl >= 1 && cl >= 1 {
                        let rows = u64::from(rl.saturating_sub(1)).abs_diff(u64::from(rf)) + 1;
                        let cols = u64::from(cl.saturating_sub(1)).abs_diff(u64::from(cf)) + 1;
                        if rl - 1 < rf || rows.saturating_mul(cols) > MAX_AREA {
                            return Err(too_large());
                        }
                    }
                }
                None
            }
            // NUMBER, LABEL, RSTRING, BOOLERR, RK, LABELSST, FORMULA, BLANK: one cell.
            0x0203 | 0x0204 | 0x00D6 | 0x0205 | 0x027E | 0x00FD | 0x0006 | 0x0201 => {
                cell(u16_at(data, 0), u16_at(data, 2), u16_at(data, 2))
            }
            // MULRK, MULBLANK: a run of cells, its last column at the end.
            0x00BD | 0x00BE => cell(
                u16_at(data, 0),
                u16_at(data, 2),
                data.len().checked_sub(2).and_then(|e| u16_at(data, e)),
            ),
            _ => None,
        };
        if let Some((r, c0, c1)) = seen {
            let b = bounds.get_or_insert((r, r, c0, c1));
            *b = (b.0.min(r), b.1.max(r), b.2.min(c0), b.3.max(c1));
            let area = (u64::from(b.1 - b.0) + 1) * (u64::from(b.3 - b.2) + 1);
            if area > MAX_AREA {
                return Err(too_large());
            }
        }
    }
    Ok(())
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_shared_string_count_is_read_from_the_sst_tag() {
        let sst = br#"<?xml version="1.0"?><sst xmlns="x" count="9" uniqueCount="7"><si/></sst>"#;
        assert_eq!(unique_count(sst), Some(7));
        assert_eq!(
            unique_count(br#"<sst uniqueCount="99999999999999">"#),
            Some(99_999_999_999_999)
        );
        assert_eq!(unique_count(b"<sst count=\"3\">"), None);
        assert_eq!(unique_count(b"<other/>"), None);
    }
}
