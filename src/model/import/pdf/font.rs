//! Fonts as far as reading text needs them: how a string splits into character codes, the text
//! each code stands for (`/ToUnicode` first, then the font's encoding), and each glyph's width.
//!
//! WPS and Word write Chinese in composite (Type0) fonts with `Identity-H` and a ToUnicode map;
//! LibreOffice writes one-byte TrueType subsets with a ToUnicode map; older files use the
//! predefined GBK or UCS-2 encodings, read here without a map.

use lopdf::{Dictionary, Document, Object};

use super::cmap::{CMap, CodeSpace};
use super::objects::{self, Budget};

/// At most this many width entries are read from a `/W` array.
const MAX_WIDTH_ENTRIES: usize = 100_000;

/// How a composite font's codes become text when it has no ToUnicode map.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum Predefined {
    /// Codes are UCS-2 / UTF-16 units (`UniGB-UCS2-H`, `UniGB-UTF16-H`, …).
    Utf16,
    /// Codes are GBK bytes (`GBK-EUC-H`, `GBpc-EUC-H`, `GB-EUC-H`, …).
    Gbk,
    /// Codes are GB 18030 bytes (`GBK2K-H`).
    Gb18030,
    /// Codes are CIDs with no known text (`Identity-H` without a map).
    None,
}

/// Widths of one font, in text-space units (1 = the font size).
#[derive(Debug, Clone)]
enum Widths {
    /// A simple font: `/Widths` from `/FirstChar`.
    Simple {
        first: u32,
        widths: Vec<f64>,
        missing: f64,
    },
    /// A composite font: `/W` ranges of CIDs and `/DW`.
    Composite {
        ranges: Vec<(u32, u32, WidthOf)>,
        default: f64,
    },
    /// Nothing usable: guess from the character.
    Guess,
}

#[derive(Debug, Clone)]
enum WidthOf {
    Same(f64),
    Each(Vec<f64>),
}

/// One character code of a shown string.
#[derive(Debug, Clone, PartialEq)]
pub struct Code {
    /// The code's value.
    pub code: u32,
    /// How many bytes it took.
    pub len: u8,
    /// Its text, if the font says.
    pub text: Option<String>,
    /// Its advance, in text-space units.
    pub width: f64,
}

/// A font of a page's resources, ready to decode strings.
#[derive(Debug, Clone)]
pub struct Font {
    composite: bool,
    code_spaces: Vec<CodeSpace>,
    /// Fixed code length for composite fonts whose encoding says so (2 for Identity-H).
    fixed_len: Option<u8>,
    to_unicode: Option<CMap>,
    /// For simple fonts: the text of each byte by the font's `/Encoding`.
    simple: Vec<Option<String>>,
    predefined: Predefined,
    widths: Widths,
    /// Whether CIDs equal codes (Identity encodings), so `/W` applies to codes.
    identity: bool,
}

impl Font {
    /// Reads the font dictionary `dict`.
    pub fn load(doc: &Document, dict: &Dictionary, budget: &mut Budget) -> Font {
        let subtype = objects::name(doc, dict, b"Subtype").unwrap_or_default();
        let composite = subtype == b"Type0";
        let to_unicode = match objects::get(doc, dict, b"ToUnicode") {
            Some(Object::Stream(s)) => budget
                .decode(s)
                .map(|bytes| CMap::parse(&bytes))
                .filter(|m| !m.is_empty()),
            _ => None,
        };
        if composite {
            Self::composite(doc, dict, to_unicode, budget)
        } else {
            Self::simple(doc, dict, subtype, to_unicode)
        }
    }

    fn composite(
        doc: &Document,
        dict: &Dictionary,
        to_unicode: Option<CMap>,
        budget: &mut Budget,
    ) -> Font {
        let mut code_spaces = Vec::new();
        let mut fixed_len = None;
        let mut predefined = Predefined::None;
        let mut identity = false;
        match objects::get(doc, dict, b"Encoding") {
            Some(Object::Name(name)) => {
                let name = name.as_slice();
                if name.starts_with(b"Identity") {
                    fixed_len = Some(2);
                    identity = true;
                } else if name.windows(4).any(|w| w == b"UCS2")
                    || name.windows(5).any(|w| w == b"UTF16")
                {
                    fixed_len = Some(2);
                    predefined = Predefined::Utf16;
                } else if name.starts_with(b"GBK2K") {
                    predefined = Predefined::Gb18030;
                } else if name.starts_with(b"GB") {
                    predefined = Predefined::Gbk;
                } else {
                    fixed_len = Some(2);
                }
            }
            Some(Object::Stream(s)) => {
                if let Some(bytes) = budget.decode(s) {
                    code_spaces = CMap::parse(&bytes).code_spaces;
                }
            }
            _ => fixed_len = Some(2),
        }
        if code_spaces.is_empty()
            && fixed_len.is_none()
            && predefined == Predefined::None
            && let Some(map) = &to_unicode
        {
            code_spaces = map.code_spaces.clone();
        }
        let descendant = objects::array(doc, dict, b"DescendantFonts")
            .and_then(|a| a.first())
            .and_then(|o| objects::resolve(doc, o))
            .and_then(objects::as_dict);
        let widths = descendant.map_or(Widths::Guess, |d| composite_widths(doc, d));
        Font {
            composite: true,
            code_spaces,
            fixed_len,
            to_unicode,
            simple: Vec::new(),
            predefined,
            widths,
            identity,
        }
    }

    fn simple(doc: &Document, dict: &Dictionary, subtype: &[u8], to_unicode: Option<CMap>) -> Font {
        let simple = simple_encoding(doc, dict);
        let scale = if subtype == b"Type3" {
            objects::array(doc, dict, b"FontMatrix")
                .and_then(|m| m.first())
                .and_then(|o| objects::resolve(doc, o))
                .and_then(objects::as_number)
                .unwrap_or(0.001)
        } else {
            0.001
        };
        let missing = objects::dict(doc, dict, b"FontDescriptor")
            .and_then(|fd| objects::number(doc, fd, b"MissingWidth"))
            .unwrap_or(0.0)
            * scale;
        let widths = match (
            objects::number(doc, dict, b"FirstChar"),
            objects::array(doc, dict, b"Widths"),
        ) {
            (Some(first), Some(items)) if (0.0..=255.0).contains(&first) => Widths::Simple {
                first: first as u32,
                widths: items
                    .iter()
                    .take(256)
                    .map(|o| {
                        objects::resolve(doc, o)
                            .and_then(objects::as_number)
                            .map_or(missing, |w| w * scale)
                    })
                    .collect(),
                missing,
            },
            _ => Widths::Guess,
        };
        Font {
            composite: false,
            code_spaces: Vec::new(),
            fixed_len: Some(1),
            to_unicode,
            simple,
            predefined: Predefined::None,
            widths,
            identity: false,
        }
    }

    /// The codes of a shown string, with their text and advance.
    pub fn decode(&self, bytes: &[u8]) -> Vec<Code> {
        let mut out = Vec::with_capacity(bytes.len());
        let mut i = 0;
        while i < bytes.len() {
            let len = self.code_len(bytes.get(i..).unwrap_or_default());
            let end = (i + usize::from(len)).min(bytes.len());
            let raw = bytes.get(i..end).unwrap_or_default();
            i = end.max(i + 1);
            let code = raw.iter().fold(0u32, |acc, &b| acc << 8 | u32::from(b));
            let text = self.text_of(raw, len, code);
            let width = self.width_of(code, text.as_deref());
            out.push(Code {
                code,
                len,
                text,
                width,
            });
        }
        out
    }

    fn code_len(&self, rest: &[u8]) -> u8 {
        if let Some(n) = self.fixed_len {
            return n;
        }
        match self.predefined {
            Predefined::Gbk | Predefined::Gb18030 => {
                let lead = rest.first().copied().unwrap_or(0);
                let second = rest.get(1).copied().unwrap_or(0);
                if !(0x81..=0xfe).contains(&lead) {
                    1
                } else if self.predefined == Predefined::Gb18030 && second.is_ascii_digit() {
                    4
                } else {
                    2
                }
            }
            Predefined::Utf16 => 2,
            Predefined::None => {
                for len in 1..=4u8 {
                    let Some(candidate) = rest.get(..usize::from(len)) else {
                        break;
                    };
                    if self.code_spaces.iter().any(|cs| cs.contains(candidate)) {
                        return len;
                    }
                }
                self.code_spaces.iter().map(|cs| cs.len).min().unwrap_or(2)
            }
        }
    }

    fn text_of(&self, raw: &[u8], len: u8, code: u32) -> Option<String> {
        if let Some(text) = self.to_unicode.as_ref().and_then(|m| m.lookup(len, code)) {
            return Some(text);
        }
        if !self.composite {
            return self
                .simple
                .get(usize::try_from(code).ok()?)
                .cloned()
                .flatten();
        }
        match self.predefined {
            Predefined::Utf16 => {
                let unit = u16::try_from(code).ok()?;
                char::from_u32(u32::from(unit)).map(String::from)
            }
            Predefined::Gbk => {
                let (text, _, bad) = encoding_rs::GBK.decode(raw);
                (!bad).then(|| text.into_owned())
            }
            Predefined::Gb18030 => {
                let (text, _, bad) = encoding_rs::GB18030.decode(raw);
                (!bad).then(|| text.into_owned())
            }
            Predefined::None => None,
        }
    }

    fn width_of(&self, code: u32, text: Option<&str>) -> f64 {
        let guess = || {
            let wide = text
                .and_then(|t| t.chars().next())
                .is_some_and(|c| c as u32 >= 0x2e80);
            if wide { 1.0 } else { 0.5 }
        };
        match &self.widths {
            Widths::Simple {
                first,
                widths,
                missing,
            } => code
                .checked_sub(*first)
                .and_then(|i| widths.get(usize::try_from(i).ok()?))
                .copied()
                .filter(|w| *w > 0.0)
                .unwrap_or(if *missing > 0.0 { *missing } else { guess() }),
            Widths::Composite { ranges, default } if self.identity => {
                let at = ranges.partition_point(|(lo, _, _)| *lo <= code);
                at.checked_sub(1)
                    .and_then(|i| ranges.get(i))
                    .filter(|(lo, hi, _)| *lo <= code && code <= *hi)
                    .and_then(|(lo, _, w)| match w {
                        WidthOf::Same(w) => Some(*w),
                        WidthOf::Each(list) => list.get(usize::try_from(code - lo).ok()?).copied(),
                    })
                    .unwrap_or(*default)
            }
            Widths::Composite { .. } | Widths::Guess => guess(),
        }
    }
}

/// `/W` and `/DW` of a CIDFont, in text-space units.
fn composite_widths(doc: &Document, cid_font: &Dictionary) -> Widths {
    let default = objects::number(doc, cid_font, b"DW").unwrap_or(1000.0) / 1000.0;
    let mut ranges = Vec::new();
    if let Some(items) = objects::array(doc, cid_font, b"W") {
        let items: Vec<&Object> = items
            .iter()
            .filter_map(|o| objects::resolve(doc, o))
            .collect();
        let mut i = 0;
        while let Some(first) = items.get(i).and_then(|o| objects::as_number(o)) {
            if ranges.len() >= MAX_WIDTH_ENTRIES || !(0.0..=4_294_967_295.0).contains(&first) {
                break;
            }
            let lo = first as u32;
            match items.get(i + 1) {
                Some(Object::Array(list)) => {
                    let ws: Vec<f64> = list
                        .iter()
                        .take(MAX_WIDTH_ENTRIES)
                        .map(|o| {
                            objects::resolve(doc, o)
                                .and_then(objects::as_number)
                                .map_or(default, |w| w / 1000.0)
                        })
                        .collect();
                    let hi =
                        lo.saturating_add(u32::try_from(ws.len()).unwrap_or(0).saturating_sub(1));
                    if !ws.is_empty() {
                        ranges.push((lo, hi, WidthOf::Each(ws)));
                    }
                    i += 2;
                }
                Some(o) => {
                    let last = objects::as_number(o);
                    let w = items.get(i + 2).and_then(|o| objects::as_number(o));
                    match (last, w) {
                        (Some(last), Some(w)) if last >= first && last <= 4_294_967_295.0 => {
                            ranges.push((lo, last as u32, WidthOf::Same(w / 1000.0)));
                        }
                        _ => {}
                    }
                    i += 3;
                }
                None => break,
            }
        }
    }
    ranges.sort_by_key(|(lo, _, _)| *lo);
    Widths::Composite { ranges, default }
}

/// The text of each byte of a simple font by its `/Encoding` (a name, or a dictionary with
/// `/Differences`), through lopdf's encoding tables; standard encoding when there is none.
fn simple_encoding(doc: &Document, dict: &Dictionary) -> Vec<Option<String>> {
    let ascii = |b: u8| (0x20..0x7f).contains(&b).then(|| char::from(b).to_string());
    if dict.has(b"Encoding")
        && let Ok(encoding) = dict.get_font_encoding_with_limit(doc, 1 << 20)
    {
        return (0..=255u8)
            .map(|b| {
                encoding
                    .bytes_to_string(&[b])
                    .ok()
                    .filter(|s| !s.is_empty())
                    .or_else(|| ascii(b))
            })
            .collect();
    }
    (0..=255u8).map(ascii).collect()
}

#[cfg(test)]
mod tests {
    use super::*;
    use lopdf::{Stream, dictionary};

    fn doc_with(objects: Vec<((u32, u16), Object)>) -> Document {
        let mut doc = Document::new();
        for (id, obj) in objects {
            doc.objects.insert(id, obj);
        }
        doc
    }

    #[test]
    fn identity_h_with_to_unicode_and_widths() {
        let cmap = b"1 begincodespacerange <0000> <FFFF> endcodespacerange 1 beginbfchar <0005> <89C4> endbfchar 1 beginbfrange <0010> <0012> <0030> endbfrange".to_vec();
        let doc = doc_with(vec![
            ((1, 0), Object::Stream(Stream::new(dictionary! {}, cmap))),
            (
                (2, 0),
                Object::Dictionary(dictionary! {
                    "Type" => "Font", "Subtype" => "CIDFontType2", "DW" => 1000,
                    "W" => vec![Object::Integer(16), Object::Array(vec![Object::Integer(500), Object::Integer(520)])],
                }),
            ),
        ]);
        let font_dict = dictionary! {
            "Type" => "Font", "Subtype" => "Type0", "Encoding" => "Identity-H",
            "ToUnicode" => Object::Reference((1, 0)),
            "DescendantFonts" => vec![Object::Reference((2, 0))],
        };
        let mut budget = Budget::new(1 << 20, 1 << 20);
        let font = Font::load(&doc, &font_dict, &mut budget);
        let codes = font.decode(&[0x00, 0x05, 0x00, 0x11, 0x00, 0x12, 0x7f]);
        let texts: Vec<Option<&str>> = codes.iter().map(|c| c.text.as_deref()).collect();
        assert_eq!(texts, vec![Some("规"), Some("1"), Some("2"), None]);
        let widths: Vec<f64> = codes.iter().map(|c| c.width).collect();
        assert_eq!(widths, vec![1.0, 0.52, 1.0, 1.0]);
    }

    #[test]
    fn gbk_without_map_and_simple_fonts() {
        let doc = Document::new();
        let mut budget = Budget::new(1 << 20, 1 << 20);
        let gbk = dictionary! { "Type" => "Font", "Subtype" => "Type0", "Encoding" => "GBK-EUC-H" };
        let font = Font::load(&doc, &gbk, &mut budget);
        let text: String = font
            .decode(&[0xb9, 0xe6, b'1', 0xd5, 0xc2])
            .into_iter()
            .filter_map(|c| c.text)
            .collect();
        assert_eq!(text, "规1章");
        let ucs2 =
            dictionary! { "Type" => "Font", "Subtype" => "Type0", "Encoding" => "UniGB-UCS2-H" };
        let font = Font::load(&doc, &ucs2, &mut budget);
        let text: String = font
            .decode(&[0x89, 0xc4, 0x00, 0x31])
            .into_iter()
            .filter_map(|c| c.text)
            .collect();
        assert_eq!(text, "规1");
        let simple = dictionary! { "Type" => "Font", "Subtype" => "Type1", "BaseFont" => "Helvetica",
        "FirstChar" => 48, "Widths" => vec![Object::Integer(556)] };
        let font = Font::load(&doc, &simple, &mut budget);
        let codes = font.decode(b"01");
        assert_eq!(codes.first().and_then(|c| c.text.as_deref()), Some("0"));
        assert_eq!(codes.first().map(|c| c.width), Some(0.556));
        assert_eq!(codes.get(1).map(|c| c.width), Some(0.5));
    }
}
