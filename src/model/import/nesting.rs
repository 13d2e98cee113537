//! Bounding how deep a page's elements nest before the HTML parser sees it.
//!
//! The HTML tree-building algorithm looks through the stack of open elements for each new
//! block element ("is there a `<p>` in scope?"), so a page of 100,000 nested `<div>`s takes the
//! parser minutes. Real reports nest a few dozen levels. Past [`MAX_DEPTH`] open elements the
//! tags (never their text) are left out: one pass over the page, a bounded stack.

use std::borrow::Cow;
use std::collections::HashMap;

/// Elements open at once beyond which further start tags are dropped.
pub const MAX_DEPTH: usize = 128;

/// Past [`MAX_DEPTH`], the elements that carry a report's structure (tables, paragraphs,
/// headings) are still kept while fewer than this many of them are open: a report wrapped in
/// thousands of unclosed `<div>`s keeps its tables.
pub const MAX_STRUCTURE_DEPTH: usize = 64;

/// Elements that carry the report's structure.
const STRUCTURE: [&str; 18] = [
    "table", "thead", "tbody", "tfoot", "caption", "tr", "td", "th", "p", "ul", "ol", "li", "h1",
    "h2", "h3", "h4", "h5", "h6",
];

/// Elements that never hold others.
const VOID: [&str; 16] = [
    "area", "base", "br", "col", "embed", "hr", "img", "input", "link", "meta", "param", "source",
    "track", "wbr", "basefont", "keygen",
];

/// Elements whose content is text up to their end tag.
const RAW_TEXT: [&str; 8] = [
    "script", "style", "textarea", "title", "xmp", "iframe", "noembed", "noframes",
];

/// Elements a start tag of the same kind closes (`<p>a<p>b`, `<td>1<td>2`).
const SELF_CLOSING_SIBLINGS: [&str; 9] = ["p", "li", "dt", "dd", "option", "tr", "td", "th", "a"];

/// The page with start tags past [`MAX_DEPTH`] (and their end tags) left out; the page itself
/// when nothing nests that deep.
pub fn cap_nesting(source: &str) -> Cow<'_, str> {
    let bytes = source.as_bytes();
    let mut out: Option<String> = None;
    let mut copied = 0usize;
    let mut open: Vec<String> = Vec::new();
    let is_structure = |name: &str| STRUCTURE.contains(&name);
    let mut structure_open = 0usize;
    let mut dropped: HashMap<String, usize> = HashMap::new();
    let mut at = 0usize;
    while let Some(lt) = find_byte(bytes, b'<', at) {
        let rest = bytes.get(lt..).unwrap_or_default();
        // Comments, doctype, processing instructions: skipped whole.
        if rest.starts_with(b"<!--") {
            at = find_seq(bytes, b"-->", lt + 4).map_or(bytes.len(), |e| e + 3);
            continue;
        }
        if rest.starts_with(b"<!") || rest.starts_with(b"<?") {
            at = find_byte(bytes, b'>', lt + 2).map_or(bytes.len(), |e| e + 1);
            continue;
        }
        let is_end = rest.get(1) == Some(&b'/');
        let name_start = lt + if is_end { 2 } else { 1 };
        let name_len = bytes
            .get(name_start..)
            .unwrap_or_default()
            .iter()
            .take_while(|b| b.is_ascii_alphanumeric())
            .count();
        if name_len == 0 {
            at = lt + 1;
            continue;
        }
        let name = source
            .get(name_start..name_start + name_len)
            .unwrap_or_default()
            .to_ascii_lowercase();
        let Some(gt) = tag_end(bytes, name_start + name_len) else {
            break;
        };
        let after = gt + 1;
        let mut drop_tag = false;
        if is_end {
            if let Some(pos) = open.iter().rposition(|n| *n == name) {
                let closed = open.get(pos..).unwrap_or_default();
                structure_open -= closed.iter().filter(|n| is_structure(n)).count();
                open.truncate(pos);
            } else if let Some(n) = dropped.get_mut(&name)
                && *n > 0
            {
                *n -= 1;
                drop_tag = true;
            }
        } else if RAW_TEXT.contains(&name.as_str()) {
            // Its text may hold anything, "<div>" included: go to its end tag.
            at = find_end_tag(bytes, &name, after).unwrap_or(bytes.len());
            continue;
        } else if !VOID.contains(&name.as_str()) && bytes.get(gt.wrapping_sub(1)) != Some(&b'/') {
            if SELF_CLOSING_SIBLINGS.contains(&name.as_str())
                && open.last() == Some(&name)
                && let Some(closed) = open.pop()
                && is_structure(&closed)
            {
                structure_open -= 1;
            }
            let structure = is_structure(&name);
            let room = if structure {
                open.len() < MAX_DEPTH || structure_open < MAX_STRUCTURE_DEPTH
            } else {
                open.len() < MAX_DEPTH
            };
            if room {
                structure_open += usize::from(structure);
                open.push(name);
            } else {
                *dropped.entry(name).or_default() += 1;
                drop_tag = true;
            }
        }
        if drop_tag {
            let text = out.get_or_insert_with(|| String::with_capacity(source.len()));
            text.push_str(source.get(copied..lt).unwrap_or_default());
            copied = after;
        }
        at = after;
    }
    match out {
        None => Cow::Borrowed(source),
        Some(mut text) => {
            text.push_str(source.get(copied..).unwrap_or_default());
            Cow::Owned(text)
        }
    }
}

fn find_byte(bytes: &[u8], byte: u8, from: usize) -> Option<usize> {
    bytes
        .get(from..)?
        .iter()
        .position(|&b| b == byte)
        .map(|p| p + from)
}

fn find_seq(bytes: &[u8], seq: &[u8], from: usize) -> Option<usize> {
    bytes
        .get(from..)?
        .windows(seq.len())
        .position(|w| w == seq)
        .map(|p| p + from)
}

/// The `>` that ends a tag whose name ends at `from`, skipping quoted attribute values.
fn tag_end(bytes: &[u8], from: usize) -> Option<usize> {
    let mut quote: Option<u8> = None;
    for (i, &b) in bytes.get(from..)?.iter().enumerate() {
        match (quote, b) {
            (None, b'"' | b'\'') => quote = Some(b),
            (Some(q), _) if b == q => quote = None,
            (None, b'>') => return Some(from + i),
            _ => {}
        }
    }
    None
}

/// Where `</name` starts (any case) at or after `from`.
fn find_end_tag(bytes: &[u8], name: &str, from: usize) -> Option<usize> {
    let mut at = from;
    while let Some(lt) = find_seq(bytes, b"</", at) {
        let candidate = bytes.get(lt + 2..lt + 2 + name.len())?;
        if candidate.eq_ignore_ascii_case(name.as_bytes()) {
            return Some(lt);
        }
        at = lt + 2;
    }
    None
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn ordinary_pages_are_left_alone() {
        let page = "<html><head><title>报告</title><script>if (a<b) x='<div>';</script></head>\
                    <body><!-- <div> --><p>一<p>二<br><img src='a>b'><table><tr><td>1<td>2</table></body></html>";
        assert!(matches!(cap_nesting(page), Cow::Borrowed(_)));
    }

    #[test]
    fn deep_nesting_is_cut_keeping_the_text() {
        let n = 1000;
        let page = format!(
            "<body>{}文字{}<p>后面</p></body>",
            "<div><b>".repeat(n),
            "</b></div>".repeat(n)
        );
        let capped = cap_nesting(&page);
        assert!(capped.len() < page.len());
        assert!(capped.contains("文字") && capped.contains("<p>后面</p></body>"));
        // Opened and closed in balance: the depth after the nested part is back to 1 (body).
        let opens = capped.matches("<div>").count() + capped.matches("<b>").count();
        let closes = capped.matches("</div>").count() + capped.matches("</b>").count();
        assert_eq!(opens, closes);
        assert!(opens < MAX_DEPTH, "{opens}");
    }

    #[test]
    fn a_report_inside_deep_nesting_keeps_its_tables() {
        let page = format!(
            "<body>{}<p>一、总体情况</p><table><tr><td>规章</td><td>1</td></tr></table>",
            "<div><span>".repeat(10_000)
        );
        let capped = cap_nesting(&page);
        assert!(
            capped.ends_with("<p>一、总体情况</p><table><tr><td>规章</td><td>1</td></tr></table>")
        );
        let nested_tables = "<table><tr><td>".repeat(1000);
        let capped = cap_nesting(&nested_tables);
        assert!(capped.matches("<table>").count() <= MAX_DEPTH + MAX_STRUCTURE_DEPTH);
    }
}
