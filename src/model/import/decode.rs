//! Bytes to text: UTF-8 (with or without BOM), UTF-16 with BOM, and the GB encodings older
//! government sites and Windows Notepad still use (GBK/GB2312/GB18030), declared or sniffed.

use encoding_rs::{Encoding, GB18030, UTF_8};

/// The decoded text and what the clerk should know about how it was read.
#[derive(Debug)]
pub struct Decoded {
    /// The text.
    pub text: String,
    /// Notes (encoding guessed, characters replaced).
    pub notes: Vec<String>,
}

/// How far into an HTML file a `<meta charset>` is looked for.
const META_WINDOW: usize = 4096;

/// Decodes `bytes`; for HTML a charset declared in a `<meta>` is honoured.
pub fn decode(bytes: &[u8], html: bool) -> Decoded {
    let mut notes = Vec::new();
    if let Some((encoding, bom_len)) = Encoding::for_bom(bytes) {
        let body = bytes.get(bom_len..).unwrap_or_default();
        return finish(encoding, body, notes);
    }
    let declared = if html { declared_charset(bytes) } else { None };
    if let Some(encoding) = declared {
        // Pages re-saved as UTF-8 often keep their old GBK declaration; Chinese text that is
        // valid UTF-8 is not GBK.
        if encoding != UTF_8
            && !bytes.is_ascii()
            && let Ok(text) = std::str::from_utf8(bytes)
        {
            notes.push(format!(
                "网页声明为 {} 编码，但内容是 UTF-8，已按 UTF-8 读取",
                encoding.name()
            ));
            return Decoded {
                text: text.to_owned(),
                notes,
            };
        }
        let (text, had_errors) = encoding.decode_without_bom_handling(bytes);
        if !had_errors || encoding != UTF_8 {
            if had_errors {
                notes.push(replaced_note());
            }
            return Decoded {
                text: text.into_owned(),
                notes,
            };
        }
        notes.push("网页声明为 UTF-8 编码，但内容不是 UTF-8，已按 GB18030（GBK）读取".to_owned());
        return finish(GB18030, bytes, notes);
    }
    match std::str::from_utf8(bytes) {
        Ok(text) => Decoded {
            text: text.to_owned(),
            notes,
        },
        Err(_) => {
            notes.push("文件不是 UTF-8 编码，已按 GB18030（GBK）编码读取".to_owned());
            finish(GB18030, bytes, notes)
        }
    }
}

fn finish(encoding: &'static Encoding, bytes: &[u8], mut notes: Vec<String>) -> Decoded {
    let (text, had_errors) = encoding.decode_without_bom_handling(bytes);
    if had_errors {
        notes.push(replaced_note());
    }
    Decoded {
        text: text.into_owned(),
        notes,
    }
}

fn replaced_note() -> String {
    "文件中有无法识别的字符，已替换为“\u{fffd}”，请核对".to_owned()
}

/// The encoding named by `charset=…` near the start of an HTML file.
fn declared_charset(bytes: &[u8]) -> Option<&'static Encoding> {
    let head = bytes.get(..bytes.len().min(META_WINDOW)).unwrap_or(bytes);
    let lower: Vec<u8> = head.iter().map(u8::to_ascii_lowercase).collect();
    let needle = b"charset";
    let mut from = 0;
    while let Some(pos) = lower
        .get(from..)
        .and_then(|rest| rest.windows(needle.len()).position(|w| w == needle))
    {
        let after = from + pos + needle.len();
        let rest = lower.get(after..).unwrap_or_default();
        let value: Vec<u8> = rest
            .iter()
            .copied()
            .skip_while(|b| matches!(b, b' ' | b'\t' | b'\n' | b'\r'))
            .skip_while(|b| *b == b'=')
            .skip_while(|b| matches!(b, b' ' | b'"' | b'\''))
            .take_while(|b| b.is_ascii_alphanumeric() || matches!(b, b'-' | b'_' | b':' | b'.'))
            .collect();
        if let Some(encoding) = Encoding::for_label(&value) {
            return Some(encoding);
        }
        from = after;
    }
    None
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn gbk_declared_or_sniffed() {
        let (gbk, _, _) = encoding_rs::GBK.encode("<meta charset=\"gb2312\"><p>一、总体情况</p>");
        let d = decode(&gbk, true);
        assert!(d.text.contains("一、总体情况"), "{}", d.text);
        assert!(d.notes.is_empty());
        let (gbk, _, _) = encoding_rs::GBK.encode("一、总体情况");
        let d = decode(&gbk, false);
        assert_eq!(d.text, "一、总体情况");
        assert_eq!(d.notes.len(), 1);
    }

    #[test]
    fn utf8_declared_as_gbk() {
        let d = decode("<meta charset=gbk><p>规章</p>".as_bytes(), true);
        assert!(d.text.contains("规章"));
        assert_eq!(d.notes.len(), 1);
    }

    #[test]
    fn utf8_with_bom_and_wrong_declaration() {
        let mut bytes = vec![0xEF, 0xBB, 0xBF];
        bytes.extend_from_slice("规章".as_bytes());
        assert_eq!(decode(&bytes, false).text, "规章");
        let (gbk, _, _) = encoding_rs::GBK.encode("<meta charset=utf-8>规章");
        let d = decode(&gbk, true);
        assert!(d.text.contains("规章"));
        assert_eq!(d.notes.len(), 1);
    }
}
