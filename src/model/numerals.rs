//! Chinese ordinals as they number the parts of a report: `一、`, `（三）`, `二.`.

/// The numerals that number sections and sub-items (一 … 十).
pub const NUMERALS: &str = "一二三四五六七八九十";

/// How an ordinal is written.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum OrdinalStyle {
    /// `（三）`: a sub-item.
    Parenthesised,
    /// `三、` (or `三.` / `三．` as some reports write it): a section.
    Enumerated,
}

/// A leading ordinal split off a label: `（三）不予公开` → (`（三）`, `三`, Parenthesised,
/// `不予公开`). `None` when the label does not start with one.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Ordinal<'a> {
    /// The ordinal as written, punctuation included.
    pub written: &'a str,
    /// The numeral alone (`三`).
    pub numeral: &'a str,
    /// How it is written.
    pub style: OrdinalStyle,
    /// What follows it.
    pub rest: &'a str,
}

fn numeral_len(s: &str) -> usize {
    s.chars()
        .take_while(|c| NUMERALS.contains(*c))
        .map(char::len_utf8)
        .sum()
}

/// Splits a leading Chinese ordinal off `label`.
pub fn split_ordinal(label: &str) -> Option<Ordinal<'_>> {
    if let Some(inner) = label.strip_prefix('（') {
        let n = numeral_len(inner);
        let numeral = inner.get(..n).filter(|s| !s.is_empty())?;
        let rest = inner.get(n..)?.strip_prefix('）')?;
        let written = label.get(..label.len() - rest.len())?;
        return Some(Ordinal {
            written,
            numeral,
            style: OrdinalStyle::Parenthesised,
            rest,
        });
    }
    let n = numeral_len(label);
    let numeral = label.get(..n).filter(|s| !s.is_empty())?;
    let after = label.get(n..)?;
    let rest = ['、', '.', '．']
        .iter()
        .find_map(|&p| after.strip_prefix(p))?;
    let written = label.get(..label.len() - rest.len())?;
    Some(Ordinal {
        written,
        numeral,
        style: OrdinalStyle::Enumerated,
        rest,
    })
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn both_styles_split() {
        let o = split_ordinal("（三）不予公开").unwrap();
        assert_eq!(
            (o.written, o.numeral, o.style, o.rest),
            ("（三）", "三", OrdinalStyle::Parenthesised, "不予公开")
        );
        let o = split_ordinal("三、本年度办理结果").unwrap();
        assert_eq!(
            (o.written, o.numeral, o.style, o.rest),
            ("三、", "三", OrdinalStyle::Enumerated, "本年度办理结果")
        );
        assert_eq!(split_ordinal("六．其他").unwrap().numeral, "六");
        assert_eq!(split_ordinal("（十）").unwrap().rest, "");
    }

    #[test]
    fn labels_without_an_ordinal_do_not_split() {
        assert_eq!(split_ordinal("行政诉讼"), None);
        assert_eq!(split_ordinal("（）空"), None);
        assert_eq!(split_ordinal("（三"), None);
        assert_eq!(split_ordinal("三三"), None);
        assert_eq!(split_ordinal("1.属于国家秘密"), None);
    }
}
