//! A tokenizer for the PostScript-like syntax of content streams and CMaps.
//!
//! Written here rather than taken from lopdf because lopdf's content parser panics on some
//! damaged inline images; this one never panics, never recurses, and caps what it collects.

/// One operand or operator of a content stream.
#[derive(Debug, Clone, PartialEq)]
pub enum Token {
    /// A number (integer or real).
    Number(f64),
    /// A string, literal `(…)` or hex `<…>`, as bytes.
    Str(Vec<u8>),
    /// A name `/Name`, without the slash.
    Name(Vec<u8>),
    /// `[`.
    ArrayStart,
    /// `]`.
    ArrayEnd,
    /// `<<`.
    DictStart,
    /// `>>`.
    DictEnd,
    /// An operator or other keyword (`Tj`, `begincodespacerange`, `true`).
    Keyword(Vec<u8>),
}

/// A literal string longer than this is cut (its end is skipped).
const MAX_STRING_BYTES: usize = 1 << 20;

/// Reads tokens from bytes; `None` at the end.
pub struct Lexer<'a> {
    data: &'a [u8],
    pos: usize,
}

fn is_white(b: u8) -> bool {
    matches!(b, b' ' | b'\t' | b'\r' | b'\n' | b'\x0c' | b'\0')
}

fn is_delimiter(b: u8) -> bool {
    matches!(
        b,
        b'(' | b')' | b'<' | b'>' | b'[' | b']' | b'{' | b'}' | b'/' | b'%'
    )
}

fn is_regular(b: u8) -> bool {
    !is_white(b) && !is_delimiter(b)
}

fn hex_value(b: u8) -> Option<u8> {
    match b {
        b'0'..=b'9' => Some(b - b'0'),
        b'a'..=b'f' => Some(b - b'a' + 10),
        b'A'..=b'F' => Some(b - b'A' + 10),
        _ => None,
    }
}

impl<'a> Lexer<'a> {
    /// A lexer at the start of `data`.
    pub fn new(data: &'a [u8]) -> Self {
        Lexer { data, pos: 0 }
    }

    fn peek(&self) -> Option<u8> {
        self.data.get(self.pos).copied()
    }

    fn skip_space_and_comments(&mut self) {
        while let Some(b) = self.peek() {
            if is_white(b) {
                self.pos += 1;
            } else if b == b'%' {
                while let Some(c) = self.peek() {
                    if c == b'\n' || c == b'\r' {
                        break;
                    }
                    self.pos += 1;
                }
            } else {
                break;
            }
        }
    }

    /// Skips the binary data of an inline image (after its `ID` keyword) up to and including
    /// the `EI` that ends it.
    pub fn skip_inline_image(&mut self) {
        // The single white-space byte after ID belongs to the operator.
        self.pos += 1;
        let rest = self.data.get(self.pos..).unwrap_or_default();
        let end = rest.windows(4).position(|w| {
            matches!(w, [a, b'E', b'I', c] if is_white(*a) && (is_white(*c) || is_delimiter(*c)))
        });
        self.pos = match end {
            Some(at) => self.pos + at + 3,
            None => self.data.len(),
        };
    }

    fn literal_string(&mut self) -> Vec<u8> {
        // At the byte after '('.
        let mut out = Vec::new();
        let mut depth = 1usize;
        while let Some(b) = self.peek() {
            self.pos += 1;
            match b {
                b'\\' => {
                    let Some(e) = self.peek() else { break };
                    self.pos += 1;
                    let byte = match e {
                        b'n' => Some(b'\n'),
                        b'r' => Some(b'\r'),
                        b't' => Some(b'\t'),
                        b'b' => Some(8),
                        b'f' => Some(12),
                        b'\r' => {
                            if self.peek() == Some(b'\n') {
                                self.pos += 1;
                            }
                            None
                        }
                        b'\n' => None,
                        b'0'..=b'7' => {
                            let mut value = u32::from(e - b'0');
                            for _ in 0..2 {
                                match self.peek() {
                                    Some(d @ b'0'..=b'7') => {
                                        value = value * 8 + u32::from(d - b'0');
                                        self.pos += 1;
                                    }
                                    _ => break,
                                }
                            }
                            Some((value & 0xff) as u8)
                        }
                        other => Some(other),
                    };
                    if let Some(byte) = byte
                        && out.len() < MAX_STRING_BYTES
                    {
                        out.push(byte);
                    }
                }
                b'(' => {
                    depth += 1;
                    if out.len() < MAX_STRING_BYTES {
                        out.push(b);
                    }
                }
                b')' => {
                    depth -= 1;
                    if depth == 0 {
                        break;
                    }
                    if out.len() < MAX_STRING_BYTES {
                        out.push(b);
                    }
                }
                _ => {
                    if out.len() < MAX_STRING_BYTES {
                        out.push(b);
                    }
                }
            }
        }
        out
    }

    fn hex_string(&mut self) -> Vec<u8> {
        // At the byte after '<'.
        let mut out = Vec::new();
        let mut high: Option<u8> = None;
        while let Some(b) = self.peek() {
            self.pos += 1;
            if b == b'>' {
                break;
            }
            let Some(v) = hex_value(b) else { continue };
            match high.take() {
                Some(h) => {
                    if out.len() < MAX_STRING_BYTES {
                        out.push(h << 4 | v);
                    }
                }
                None => high = Some(v),
            }
        }
        if let Some(h) = high
            && out.len() < MAX_STRING_BYTES
        {
            out.push(h << 4);
        }
        out
    }

    fn regular_run(&mut self) -> &'a [u8] {
        let start = self.pos;
        while self.peek().is_some_and(is_regular) {
            self.pos += 1;
        }
        self.data.get(start..self.pos).unwrap_or_default()
    }

    fn name(&mut self) -> Vec<u8> {
        // At the byte after '/'.
        let raw = self.regular_run();
        let mut out = Vec::with_capacity(raw.len());
        let mut i = 0;
        while let Some(&b) = raw.get(i) {
            if b == b'#'
                && let (Some(h), Some(l)) = (
                    raw.get(i + 1).copied().and_then(hex_value),
                    raw.get(i + 2).copied().and_then(hex_value),
                )
            {
                out.push(h << 4 | l);
                i += 3;
                continue;
            }
            out.push(b);
            i += 1;
        }
        out
    }
}

/// Reads a PDF number (`12`, `-3.5`, `.5`, `4.`); `None` if `raw` is not one. Writers that emit
/// `--5` or `4.5.1` get what makes sense of it.
fn number(raw: &[u8]) -> Option<f64> {
    if !raw
        .iter()
        .all(|b| b.is_ascii_digit() || matches!(b, b'+' | b'-' | b'.'))
        || !raw.iter().any(u8::is_ascii_digit)
    {
        return None;
    }
    let negative = raw.first() == Some(&b'-');
    let mut value = 0f64;
    let mut scale = 0f64;
    for &b in raw.iter().skip_while(|b| matches!(b, b'+' | b'-')) {
        match b {
            b'0'..=b'9' => {
                let digit = f64::from(b - b'0');
                if scale == 0.0 {
                    value = value * 10.0 + digit;
                } else {
                    scale /= 10.0;
                    value += digit * scale;
                }
            }
            b'.' if scale == 0.0 => scale = 1.0,
            _ => break,
        }
    }
    let value = if negative { -value } else { value };
    value.is_finite().then_some(value)
}

impl Iterator for Lexer<'_> {
    type Item = Token;

    fn next(&mut self) -> Option<Token> {
        loop {
            self.skip_space_and_comments();
            let b = self.peek()?;
            match b {
                b'(' => {
                    self.pos += 1;
                    return Some(Token::Str(self.literal_string()));
                }
                b'<' => {
                    if self.data.get(self.pos + 1) == Some(&b'<') {
                        self.pos += 2;
                        return Some(Token::DictStart);
                    }
                    self.pos += 1;
                    return Some(Token::Str(self.hex_string()));
                }
                b'>' => {
                    self.pos += 1;
                    if self.peek() == Some(b'>') {
                        self.pos += 1;
                        return Some(Token::DictEnd);
                    }
                    continue;
                }
                b'[' => {
                    self.pos += 1;
                    return Some(Token::ArrayStart);
                }
                b']' => {
                    self.pos += 1;
                    return Some(Token::ArrayEnd);
                }
                b'/' => {
                    self.pos += 1;
                    return Some(Token::Name(self.name()));
                }
                b'{' | b'}' | b')' => {
                    self.pos += 1;
                    continue;
                }
                _ => {
                    let raw = self.regular_run();
                    if raw.is_empty() {
                        // Not reachable for a regular byte; step over anything else.
                        self.pos += 1;
                        continue;
                    }
                    return Some(match number(raw) {
                        Some(n) => Token::Number(n),
                        None => Token::Keyword(raw.to_vec()),
                    });
                }
            }
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn all(data: &[u8]) -> Vec<Token> {
        Lexer::new(data).collect()
    }

    #[test]
    fn operators_operands_and_strings() {
        let t = all(b"BT /F1 12 Tf 1 0 0 1 72.5 -.5 Tm (a\\(b\\)\\101) Tj <0041 4> Tj [(x) -250 (y)] TJ ET % c\n");
        assert_eq!(
            t,
            vec![
                Token::Keyword(b"BT".to_vec()),
                Token::Name(b"F1".to_vec()),
                Token::Number(12.0),
                Token::Keyword(b"Tf".to_vec()),
                Token::Number(1.0),
                Token::Number(0.0),
                Token::Number(0.0),
                Token::Number(1.0),
                Token::Number(72.5),
                Token::Number(-0.5),
                Token::Keyword(b"Tm".to_vec()),
                Token::Str(b"a(b)A".to_vec()),
                Token::Keyword(b"Tj".to_vec()),
                Token::Str(vec![0x00, 0x41, 0x40]),
                Token::Keyword(b"Tj".to_vec()),
                Token::ArrayStart,
                Token::Str(b"x".to_vec()),
                Token::Number(-250.0),
                Token::Str(b"y".to_vec()),
                Token::ArrayEnd,
                Token::Keyword(b"TJ".to_vec()),
                Token::Keyword(b"ET".to_vec()),
            ]
        );
    }

    #[test]
    fn names_dicts_and_inline_images() {
        let mut lx = Lexer::new(b"/A#20B << /W 2 >> BI /W 1 ID \xff EI\x00EI Q");
        assert_eq!(lx.next(), Some(Token::Name(b"A B".to_vec())));
        assert_eq!(lx.next(), Some(Token::DictStart));
        assert_eq!(lx.next(), Some(Token::Name(b"W".to_vec())));
        assert_eq!(lx.next(), Some(Token::Number(2.0)));
        assert_eq!(lx.next(), Some(Token::DictEnd));
        assert_eq!(lx.next(), Some(Token::Keyword(b"BI".to_vec())));
        assert_eq!(lx.next(), Some(Token::Name(b"W".to_vec())));
        assert_eq!(lx.next(), Some(Token::Number(1.0)));
        assert_eq!(lx.next(), Some(Token::Keyword(b"ID".to_vec())));
        lx.skip_inline_image();
        assert_eq!(lx.next(), Some(Token::Keyword(b"EI".to_vec())));
        assert_eq!(lx.next(), Some(Token::Keyword(b"Q".to_vec())));
        assert_eq!(lx.next(), None);
    }

    #[test]
    fn damaged_input_ends() {
        for data in [
            &b"(unterminated \\"[..],
            b"<41",
            b"/",
            b"1.2.3 --4",
            b")))>>>",
        ] {
            let _ = all(data);
        }
        assert_eq!(all(b"--4"), vec![Token::Number(-4.0)]);
    }
}
