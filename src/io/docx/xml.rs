//! Small WordprocessingML pieces written as text: escaping, runs and paragraphs.

use std::fmt::Write;

/// Text escaped for XML content and attribute values; characters XML 1.0 forbids (control
/// characters a pasted text may carry) are dropped, since Word refuses a file holding one.
pub fn escape(text: &str) -> String {
    let mut out = String::with_capacity(text.len());
    for c in text.chars() {
        match c {
            '&' => out.push_str("&amp;"),
            '<' => out.push_str("&lt;"),
            '>' => out.push_str("&gt;"),
            '"' => out.push_str("&quot;"),
            '\t' | '\n' | '\r' => out.push(c),
            c if (c as u32) < 0x20 || matches!(c, '\u{fffe}' | '\u{ffff}') => {}
            c => out.push(c),
        }
    }
    out
}

/// A typeface: the official face by name, for Chinese (`w:eastAsia`) and Latin alike.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Face(pub &'static str);

/// Character formatting of a run.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default)]
pub struct RunStyle {
    /// The face, if not the paragraph style's.
    pub face: Option<Face>,
    /// Size in half-points, if not the style's.
    pub half_points: Option<u32>,
    /// Bold.
    pub bold: bool,
}

/// `<w:rFonts …/>` naming `face` for every script.
pub fn fonts(face: Face) -> String {
    let f = escape(face.0);
    format!(
        r#"<w:rFonts w:ascii="{f}" w:eastAsia="{f}" w:hAnsi="{f}" w:cs="{f}" w:hint="eastAsia"/>"#
    )
}

/// A run of text (tabs become `w:tab`, line breaks `w:br`).
pub fn run(out: &mut String, text: &str, style: RunStyle) {
    if text.is_empty() {
        return;
    }
    out.push_str("<w:r>");
    if style != RunStyle::default() {
        out.push_str("<w:rPr>");
        if let Some(face) = style.face {
            out.push_str(&fonts(face));
        }
        if style.bold {
            out.push_str("<w:b/><w:bCs/>");
        }
        if let Some(size) = style.half_points {
            let _ = write!(out, r#"<w:sz w:val="{size}"/><w:szCs w:val="{size}"/>"#);
        }
        out.push_str("</w:rPr>");
    }
    for (i, line) in text.split('\n').enumerate() {
        if i > 0 {
            out.push_str("<w:br/>");
        }
        for (j, piece) in line.split('\t').enumerate() {
            if j > 0 {
                out.push_str("<w:tab/>");
            }
            if !piece.is_empty() {
                let _ = write!(out, r#"<w:t xml:space="preserve">{}</w:t>"#, escape(piece));
            }
        }
    }
    out.push_str("</w:r>");
}

/// A paragraph of style `style` with extra paragraph properties `props` (raw XML) and runs
/// written by `runs`.
pub fn paragraph(out: &mut String, style: &str, props: &str, runs: impl FnOnce(&mut String)) {
    let _ = write!(
        out,
        r#"<w:p><w:pPr><w:pStyle w:val="{style}"/>{props}</w:pPr>"#
    );
    runs(out);
    out.push_str("</w:p>");
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn text_is_escaped_and_forbidden_characters_dropped() {
        assert_eq!(
            escape("a<b & \"c\"\u{1}\u{b}d"),
            "a&lt;b &amp; &quot;c&quot;d"
        );
        let mut out = String::new();
        run(&mut out, "一\t二\n三", RunStyle::default());
        assert_eq!(
            out,
            r#"<w:r><w:t xml:space="preserve">一</w:t><w:tab/><w:t xml:space="preserve">二</w:t><w:br/><w:t xml:space="preserve">三</w:t></w:r>"#
        );
    }
}
