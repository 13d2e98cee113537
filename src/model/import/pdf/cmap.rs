//! CMaps: a font's `/ToUnicode` map (character code → text) and the code lengths an embedded
//! encoding CMap declares (`begincodespacerange`).
//!
//! Ranges are kept as ranges (never expanded), and their number is capped, so a hostile map
//! like `<00000000> <FFFFFFFF> <0000>` costs one entry.

use super::lex::{Lexer, Token};

/// At most this many mappings are read from one CMap.
const MAX_ENTRIES: usize = 200_000;

/// A target string longer than this (UTF-16 bytes) is cut.
const MAX_TARGET_BYTES: usize = 64;

/// What a range of codes maps to.
#[derive(Debug, Clone)]
enum Target {
    /// The first code's text; each next code adds one to the last UTF-16 unit.
    Incrementing(Vec<u16>),
    /// One text per code.
    Each(Vec<Vec<u16>>),
}

#[derive(Debug, Clone)]
struct Entry {
    len: u8,
    lo: u32,
    hi: u32,
    target: Target,
}

/// A code-space range: codes of `len` bytes whose bytes lie between `lo` and `hi`.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct CodeSpace {
    /// Bytes per code (1–4).
    pub len: u8,
    /// The lowest code, one byte per code byte.
    pub lo: Vec<u8>,
    /// The highest code.
    pub hi: Vec<u8>,
}

impl CodeSpace {
    /// Whether `bytes` (exactly `len` of them) lie in this range, byte by byte.
    pub fn contains(&self, bytes: &[u8]) -> bool {
        bytes.len() == usize::from(self.len)
            && bytes
                .iter()
                .zip(self.lo.iter().zip(&self.hi))
                .all(|(b, (lo, hi))| lo <= b && b <= hi)
    }
}

/// A parsed CMap.
#[derive(Debug, Clone, Default)]
pub struct CMap {
    entries: Vec<Entry>,
    /// The code-space ranges, in the order given.
    pub code_spaces: Vec<CodeSpace>,
}

fn code_of(bytes: &[u8]) -> Option<(u8, u32)> {
    if bytes.is_empty() || bytes.len() > 4 {
        return None;
    }
    let code = bytes.iter().fold(0u32, |acc, &b| acc << 8 | u32::from(b));
    u8::try_from(bytes.len()).ok().map(|len| (len, code))
}

fn utf16_units(bytes: &[u8]) -> Vec<u16> {
    bytes
        .chunks(2)
        .take(MAX_TARGET_BYTES / 2)
        .map(|pair| match pair {
            [a, b] => u16::from(*a) << 8 | u16::from(*b),
            [a] => u16::from(*a),
            _ => 0,
        })
        .collect()
}

impl CMap {
    /// Reads a CMap stream. Unknown sections and damaged entries are skipped.
    pub fn parse(data: &[u8]) -> CMap {
        let mut map = CMap::default();
        let lexer = Lexer::new(data);
        let mut operands: Vec<Token> = Vec::new();
        let mut section: Option<Vec<u8>> = None;
        let mut array: Option<Vec<Vec<u8>>> = None;
        for token in lexer {
            if map.entries.len() >= MAX_ENTRIES {
                break;
            }
            match token {
                Token::Keyword(k) => {
                    match k.as_slice() {
                        b"begincodespacerange" | b"beginbfchar" | b"beginbfrange" => {
                            section = Some(k);
                        }
                        b"endcodespacerange" | b"endbfchar" | b"endbfrange" => section = None,
                        _ => {}
                    }
                    operands.clear();
                }
                Token::ArrayStart => array = Some(Vec::new()),
                Token::ArrayEnd => {
                    if let Some(items) = array.take() {
                        operands.push(Token::ArrayStart);
                        map.take_range_array(&mut operands, items);
                    }
                }
                Token::Str(s) => {
                    if let Some(items) = array.as_mut() {
                        if items.len() < MAX_ENTRIES {
                            items.push(s);
                        }
                        continue;
                    }
                    operands.push(Token::Str(s));
                    match section.as_deref() {
                        Some(b"begincodespacerange") => map.take_code_space(&mut operands),
                        Some(b"beginbfchar") => map.take_char(&mut operands),
                        Some(b"beginbfrange") => map.take_range(&mut operands),
                        _ => {}
                    }
                    if operands.len() > 3 {
                        operands.remove(0);
                    }
                }
                Token::Number(_) | Token::Name(_) | Token::DictStart | Token::DictEnd => {
                    if array.is_none() {
                        operands.clear();
                    }
                }
            }
        }
        map.entries.sort_by_key(|e| (e.len, e.lo));
        map
    }

    fn take_code_space(&mut self, operands: &mut Vec<Token>) {
        if let [Token::Str(lo), Token::Str(hi)] = operands.as_slice() {
            if lo.len() == hi.len()
                && let Ok(len) = u8::try_from(lo.len())
                && (1..=4).contains(&len)
                && self.code_spaces.len() < 256
            {
                self.code_spaces.push(CodeSpace {
                    len,
                    lo: lo.clone(),
                    hi: hi.clone(),
                });
            }
            operands.clear();
        }
    }

    fn take_char(&mut self, operands: &mut Vec<Token>) {
        if let [Token::Str(src), Token::Str(dst)] = operands.as_slice() {
            if let Some((len, code)) = code_of(src) {
                self.entries.push(Entry {
                    len,
                    lo: code,
                    hi: code,
                    target: Target::Incrementing(utf16_units(dst)),
                });
            }
            operands.clear();
        }
    }

    fn take_range(&mut self, operands: &mut Vec<Token>) {
        if let [Token::Str(lo), Token::Str(hi), Token::Str(dst)] = operands.as_slice() {
            self.push_range(lo, hi, Target::Incrementing(utf16_units(dst)));
            operands.clear();
        }
    }

    fn take_range_array(&mut self, operands: &mut Vec<Token>, items: Vec<Vec<u8>>) {
        if let [Token::Str(lo), Token::Str(hi), Token::ArrayStart] = operands.as_slice() {
            let target = Target::Each(items.iter().map(|s| utf16_units(s)).collect());
            self.push_range(lo, hi, target);
        }
        operands.clear();
    }

    /// Adds the range `lo..=hi` when both ends are codes of one length in order.
    fn push_range(&mut self, lo: &[u8], hi: &[u8], target: Target) {
        if let (Some((len, lo)), Some((hi_len, hi))) = (code_of(lo), code_of(hi))
            && len == hi_len
            && lo <= hi
        {
            self.entries.push(Entry {
                len,
                lo,
                hi,
                target,
            });
        }
    }

    /// Whether the map has no mappings.
    pub fn is_empty(&self) -> bool {
        self.entries.is_empty()
    }

    /// The text of the code `code` of `len` bytes, if mapped.
    pub fn lookup(&self, len: u8, code: u32) -> Option<String> {
        // Entries are sorted by (len, lo); the last one starting at or before the code is the
        // candidate (a later entry wins over an overlapping earlier one only by position).
        let end = self
            .entries
            .partition_point(|e| (e.len, e.lo) <= (len, code));
        let entry = self
            .entries
            .get(..end)?
            .iter()
            .rev()
            .take(8)
            .find(|e| e.len == len && e.lo <= code && code <= e.hi)?;
        let offset = code - entry.lo;
        let units: Vec<u16> = match &entry.target {
            Target::Incrementing(units) => {
                let mut units = units.clone();
                if let Some(last) = units.last_mut() {
                    // The offset is at most 2^32; only its low 16 bits can matter here.
                    *last = last.wrapping_add((offset & 0xffff) as u16);
                }
                units
            }
            Target::Each(list) => list.get(usize::try_from(offset).ok()?)?.clone(),
        };
        let text: String = char::decode_utf16(units)
            .map(|r| r.unwrap_or(char::REPLACEMENT_CHARACTER))
            .filter(|&c| c != '\0')
            .collect();
        (!text.is_empty()).then_some(text)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    const WPS_LIKE: &[u8] = b"/CIDInit /ProcSet findresource begin 12 dict begin begincmap
/CMapName /Adobe-Identity-UCS def
1 begincodespacerange <0000> <FFFF> endcodespacerange
2 beginbfchar <0003> <0020> <01A2> <5E74> endbfchar
2 beginbfrange <0010> <0019> <0030> <0100> <0102> [<89C4> <7AE0> <D840DC00>] endbfrange
endcmap CMapName currentdict /CMap defineresource pop end end";

    #[test]
    fn chars_ranges_and_arrays() {
        let m = CMap::parse(WPS_LIKE);
        assert_eq!(
            m.code_spaces,
            vec![CodeSpace {
                len: 2,
                lo: vec![0, 0],
                hi: vec![0xff, 0xff]
            }]
        );
        assert_eq!(m.lookup(2, 0x01a2).as_deref(), Some("年"));
        assert_eq!(m.lookup(2, 0x0003).as_deref(), Some(" "));
        assert_eq!(m.lookup(2, 0x0012).as_deref(), Some("2"));
        assert_eq!(m.lookup(2, 0x0101).as_deref(), Some("章"));
        assert_eq!(m.lookup(2, 0x0102).as_deref(), Some("\u{20000}"));
        assert_eq!(m.lookup(2, 0x0020), None);
        assert_eq!(m.lookup(1, 0x12), None);
    }

    #[test]
    fn hostile_ranges_cost_nothing() {
        let m =
            CMap::parse(b"beginbfrange <00000000> <FFFFFFFF> <0041> <05> <01> <0041> endbfrange");
        assert_eq!(m.lookup(4, 0x0000_0001).as_deref(), Some("B"));
        assert_eq!(m.lookup(4, 0xffff_ffff).as_deref(), Some("\u{40}"));
        assert_eq!(m.lookup(1, 0x03), None);
        let m = CMap::parse(b"beginbfchar <> <0041> <0102030405> <41> endbfchar [ [ [");
        assert!(m.is_empty());
    }
}
