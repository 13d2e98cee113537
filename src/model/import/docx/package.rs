//! The parts of a `.docx` package that hold the report: the main document, its numbering and
//! its styles, read from the zip in memory with caps on everything a damaged or hostile file
//! could inflate (entry count, part size).

use std::io::{Cursor, Read};

use zip::ZipArchive;

use super::DocxError;

/// A package with more entries than this is not a report (Word writes about a dozen).
const MAX_ENTRIES: usize = 10_000;
/// The main document of a real report is well under 2 MB; this cap also stops zip bombs.
pub const MAX_PART_BYTES: u64 = 32 * 1024 * 1024;
/// Relationship parts and the like are small.
const MAX_SMALL_PART_BYTES: u64 = 4 * 1024 * 1024;

/// The XML parts the reader needs, as text.
#[derive(Debug, Default)]
pub struct Parts {
    /// `word/document.xml` (or wherever `_rels/.rels` points).
    pub document: String,
    /// `word/numbering.xml`, if any.
    pub numbering: Option<String>,
    /// `word/styles.xml`, if any.
    pub styles: Option<String>,
}

/// Reads the parts of a `.docx` from its bytes.
pub fn parts(bytes: &[u8]) -> Result<Parts, DocxError> {
    let mut zip = ZipArchive::new(Cursor::new(bytes))
        .map_err(|e| DocxError::Damaged(format!("压缩包无法解开：{e}")))?;
    if zip.len() > MAX_ENTRIES {
        return Err(DocxError::Damaged(format!(
            "压缩包里有 {} 个文件，不像是 Word 文档",
            zip.len()
        )));
    }
    let main = read_small(&mut zip, "_rels/.rels")
        .and_then(|rels| target(&rels, "/officeDocument", ""))
        .unwrap_or_else(|| "word/document.xml".to_owned());
    let Some(document) = read_part(&mut zip, &main, MAX_PART_BYTES)? else {
        return Err(DocxError::NotWord(
            "压缩包里没有 Word 文档的正文（word/document.xml）".to_owned(),
        ));
    };
    let (dir, file) = main.rsplit_once('/').unwrap_or(("", main.as_str()));
    let rels_name = if dir.is_empty() {
        format!("_rels/{file}.rels")
    } else {
        format!("{dir}/_rels/{file}.rels")
    };
    let rels = read_small(&mut zip, &rels_name).unwrap_or_default();
    let mut related = |kind: &str, default: &str| -> Result<Option<String>, DocxError> {
        let name = target(&rels, kind, dir).unwrap_or_else(|| join(dir, default));
        read_part(&mut zip, &name, MAX_PART_BYTES)
    };
    let numbering = related("/numbering", "numbering.xml")?;
    let styles = related("/styles", "styles.xml")?;
    Ok(Parts {
        document,
        numbering,
        styles,
    })
}

fn join(dir: &str, name: &str) -> String {
    if dir.is_empty() {
        name.to_owned()
    } else {
        format!("{dir}/{name}")
    }
}

/// The target of the first relationship whose type ends with `kind`, as a path in the package.
fn target(rels: &str, kind: &str, dir: &str) -> Option<String> {
    let mut reader = quick_xml::Reader::from_str(rels);
    loop {
        match reader.read_event() {
            Ok(quick_xml::events::Event::Empty(e) | quick_xml::events::Event::Start(e))
                if e.local_name().as_ref() == b"Relationship" =>
            {
                let ty = super::body::attr(&e, b"Type").unwrap_or_default();
                let mode = super::body::attr(&e, b"TargetMode").unwrap_or_default();
                if ty.ends_with(kind) && mode != "External" {
                    let t = super::body::attr(&e, b"Target")?;
                    return Some(resolve(dir, &t));
                }
            }
            Ok(quick_xml::events::Event::Eof) | Err(_) => return None,
            Ok(_) => {}
        }
    }
}

/// A relationship target relative to `dir` (or absolute from the package root).
fn resolve(dir: &str, target: &str) -> String {
    let mut parts: Vec<&str> = if target.starts_with('/') || dir.is_empty() {
        Vec::new()
    } else {
        dir.split('/').collect()
    };
    for piece in target.split(['/', '\\']) {
        match piece {
            "" | "." => {}
            ".." => {
                parts.pop();
            }
            p => parts.push(p),
        }
    }
    parts.join("/")
}

fn read_small(zip: &mut ZipArchive<Cursor<&[u8]>>, name: &str) -> Option<String> {
    read_part(zip, name, MAX_SMALL_PART_BYTES).ok().flatten()
}

/// The text of part `name` (`None` if the package has no such part), at most `cap` bytes.
fn read_part(
    zip: &mut ZipArchive<Cursor<&[u8]>>,
    name: &str,
    cap: u64,
) -> Result<Option<String>, DocxError> {
    let index = match zip.index_for_name(name) {
        Some(i) => i,
        None => {
            // Some tools write the names in another case.
            let wanted = name.to_ascii_lowercase();
            let found = zip
                .file_names()
                .filter_map(Result::ok)
                .position(|n| n.to_ascii_lowercase() == wanted);
            match found {
                Some(i) => i,
                None => return Ok(None),
            }
        }
    };
    let file = zip
        .by_index(index)
        .map_err(|e| DocxError::Damaged(format!("{name}：{e}")))?;
    let mut bytes = Vec::new();
    file.take(cap + 1)
        .read_to_end(&mut bytes)
        .map_err(|e| DocxError::Damaged(format!("{name}：{e}")))?;
    if bytes.len() as u64 > cap {
        return Err(DocxError::TooLarge(cap / (1024 * 1024)));
    }
    Ok(Some(decode(&bytes)))
}

/// XML text: UTF-8 (BOM dropped) or UTF-16 with a BOM; anything invalid is replaced.
fn decode(bytes: &[u8]) -> String {
    if let Some((encoding, bom)) = encoding_rs::Encoding::for_bom(bytes) {
        let rest = bytes.get(bom..).unwrap_or_default();
        return encoding.decode_without_bom_handling(rest).0.into_owned();
    }
    String::from_utf8_lossy(bytes).into_owned()
}

/// What kind of file the bytes are, told by their first bytes.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Sniffed {
    /// A zip (a `.docx`, or something else zipped).
    Zip,
    /// An OLE compound file: an old `.doc` (or `.wps`), or a `.docx` with a password.
    Compound {
        /// Whether it holds an encrypted OOXML package (a `.docx` with a password).
        encrypted: bool,
    },
    /// Rich Text Format saved under a Word name.
    Rtf,
    /// Anything else.
    Other,
}

/// Tells the kind of a Word file.
pub fn sniff(bytes: &[u8]) -> Sniffed {
    const OLE: [u8; 8] = [0xD0, 0xCF, 0x11, 0xE0, 0xA1, 0xB1, 0x1A, 0xE1];
    if bytes.starts_with(b"PK") {
        Sniffed::Zip
    } else if bytes.starts_with(&OLE) {
        // The stream name in the directory, UTF-16LE.
        let name: Vec<u8> = "EncryptedPackage"
            .encode_utf16()
            .flat_map(u16::to_le_bytes)
            .collect();
        Sniffed::Compound {
            encrypted: bytes.windows(name.len()).any(|w| w == name.as_slice()),
        }
    } else if bytes.starts_with(b"{\\rtf") {
        Sniffed::Rtf
    } else {
        Sniffed::Other
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn targets_resolve_against_the_part_folder() {
        assert_eq!(resolve("word", "numbering.xml"), "word/numbering.xml");
        assert_eq!(resolve("word", "/word/styles.xml"), "word/styles.xml");
        assert_eq!(
            resolve("word", "../customXml/item1.xml"),
            "customXml/item1.xml"
        );
        assert_eq!(resolve("", "word/document.xml"), "word/document.xml");
    }

    #[test]
    fn old_word_files_and_rtf_are_told_apart() {
        let mut doc = vec![0xD0, 0xCF, 0x11, 0xE0, 0xA1, 0xB1, 0x1A, 0xE1];
        doc.extend_from_slice(&[0; 100]);
        assert_eq!(sniff(&doc), Sniffed::Compound { encrypted: false });
        doc.extend("EncryptedPackage".encode_utf16().flat_map(u16::to_le_bytes));
        assert_eq!(sniff(&doc), Sniffed::Compound { encrypted: true });
        assert_eq!(sniff(b"{\\rtf1\\ansi"), Sniffed::Rtf);
        assert_eq!(sniff(b"PK\x03\x04"), Sniffed::Zip);
        assert_eq!(sniff(b"hello"), Sniffed::Other);
    }
}
