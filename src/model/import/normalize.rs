//! Label normalisation: two labels are the same if they are equal after [`label_key`].
//!
//! Published reports re-type the official labels with every kind of space and line break inside,
//! half-width parentheses, `、` for `，`, full-width digits and `1、` for `1.`; the key forgets all
//! of that, so matching never depends on how a page or a word processor rendered a label.

use crate::model::value::is_space;

/// The matching key of a label or cell text.
pub fn label_key(text: &str) -> String {
    let mut out = String::with_capacity(text.len());
    for c in text.chars() {
        if is_space(c) {
            continue;
        }
        let mapped = match c {
            '(' | '（' | '〔' => '（',
            ')' | '）' | '〕' => '）',
            ',' | '，' | '、' => '、',
            ':' | '：' => '：',
            '．' | '·' => '.',
            '／' => '/',
            // 钩稽 is another writing of 勾稽 (table 三's corner note).
            '钩' => '勾',
            '“' | '”' | '"' | '「' | '」' | '‘' | '’' | '\'' => continue,
            '０'..='９' => char::from_u32(c as u32 - '０' as u32 + '0' as u32).unwrap_or(c),
            _ => c,
        };
        out.push(mapped);
    }
    ordinal_dot(out)
}

/// `1、属于国家秘密` and `1.属于国家秘密` are the same item number: the key uses `1.`.
fn ordinal_dot(key: String) -> String {
    let digits = key.chars().take_while(char::is_ascii_digit).count();
    if digits == 0 || digits > 2 {
        return key;
    }
    match key.get(digits..) {
        Some(rest) if rest.starts_with('、') => {
            let head = key.get(..digits).unwrap_or("");
            let tail = rest.get('、'.len_utf8()..).unwrap_or("");
            format!("{head}.{tail}")
        }
        _ => key,
    }
}

/// The key without explanatory parentheses after the first character
/// (`（二）部分公开（区分处理的…）` → `（二）部分公开`, `本年收费金额（单位：万元）` → `本年收费金额`).
/// A leading ordinal such as `（二）` is kept.
pub fn without_notes(key: &str) -> String {
    let (head, rest) = match key.strip_prefix('（').and_then(|r| r.find('）')) {
        Some(close) => key.split_at(close + '（'.len_utf8() + '）'.len_utf8()),
        None => ("", key),
    };
    let mut out = String::with_capacity(key.len());
    out.push_str(head);
    let mut depth = 0usize;
    for c in rest.chars() {
        match c {
            '（' => depth += 1,
            '）' if depth > 0 => depth -= 1,
            _ if depth > 0 => {}
            _ => out.push(c),
        }
    }
    out
}

/// Whether a cell holds nothing but space (a blank cell of any kind).
pub fn is_blank(text: &str) -> bool {
    text.chars().all(is_space)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn keys_forget_spacing_and_punctuation_variants() {
        assert_eq!(label_key("本年新\n制作数量"), label_key("本年新制作数量"));
        assert_eq!(label_key(" (一) 予以公开"), label_key("（一）予以公开"));
        assert_eq!(label_key("1、属于国家秘密"), label_key("1.属于国家秘密"));
        assert_eq!(label_key("１．属于国家秘密"), label_key("1.属于国家秘密"));
        assert_eq!(
            label_key("3.危及\"三安全一稳定\""),
            label_key("3.危及“三安全一稳定”")
        );
        assert_eq!(
            label_key("1.申请人无正当理由逾期不补正，行政机关不再处理其政府信息公开申请"),
            label_key("1.申请人无正当理由逾期不补正、行政机关不再处理其政府信息公开申请")
        );
        assert_eq!(label_key("规\u{3000}章\u{a0}"), "规章");
    }

    #[test]
    fn notes_in_parentheses_are_dropped_but_ordinals_kept() {
        let key = label_key("（二）部分公开（区分处理的，只计这一情形，不计其他情形）");
        assert_eq!(without_notes(&key), "（二）部分公开");
        assert_eq!(
            without_notes(&label_key("本年收费金额（单位：万元）")),
            "本年收费金额"
        );
        assert_eq!(without_notes("（七）总计"), "（七）总计");
        assert_eq!(without_notes("规章"), "规章");
    }

    #[test]
    fn blanks() {
        assert!(is_blank(""));
        assert!(is_blank("\u{a0}\u{3000} "));
        assert!(!is_blank(" 1"));
    }
}
