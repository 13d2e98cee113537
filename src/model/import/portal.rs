//! A government portal's metadata about a document it publishes (索引号, 发布机构, 公开日期 …),
//! printed as a table of label/value pairs above a saved report or as lines `发布机构：…`: read
//! as metadata, never as a table of the report or a note.

use super::normalize::label_key;
use crate::model::report::Date;

/// What a government portal prints about a document it publishes, in a table of label/value
/// pairs above it (索引号, 发布机构, 公开日期 …) or in lines `发布机构：…`: not part of the report,
/// but it may name what the report does not.
#[derive(Debug, Default, Clone, PartialEq, Eq)]
pub struct PortalMeta {
    /// 发布机构 (or 发文机关 …).
    pub agency: Option<String>,
    /// 公开日期 (or 发布日期 …).
    pub published: Option<Date>,
    /// 成文日期 (or 生成日期 …).
    pub written: Option<Date>,
}

/// What a portal's metadata field is.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum Field {
    Agency,
    Published,
    Written,
    /// Any other field (索引号, 分类, 文号 …): read, and not used.
    Other,
}

/// The labels of portals' metadata fields (without spaces and the colon).
const PORTAL_FIELDS: [(&str, Field); 36] = [
    ("发布机构", Field::Agency),
    ("发文机关", Field::Agency),
    ("发布单位", Field::Agency),
    ("发文单位", Field::Agency),
    ("公开日期", Field::Published),
    ("发布日期", Field::Published),
    ("公开时间", Field::Published),
    ("发布时间", Field::Published),
    ("成文日期", Field::Written),
    ("生成日期", Field::Written),
    ("发文日期", Field::Written),
    ("成文时间", Field::Written),
    ("名称", Field::Other),
    ("标题", Field::Other),
    ("索引号", Field::Other),
    ("分类", Field::Other),
    ("主题分类", Field::Other),
    ("信息分类", Field::Other),
    ("组配分类", Field::Other),
    ("体裁分类", Field::Other),
    ("信息类别", Field::Other),
    ("文号", Field::Other),
    ("发文字号", Field::Other),
    ("关键词", Field::Other),
    ("主题词", Field::Other),
    ("时效", Field::Other),
    ("有效性", Field::Other),
    ("是否有效", Field::Other),
    ("效力状况", Field::Other),
    ("公开方式", Field::Other),
    ("公开范围", Field::Other),
    ("公开形式", Field::Other),
    ("公开时限", Field::Other),
    ("信息来源", Field::Other),
    ("所属机构", Field::Other),
    ("统一编号", Field::Other),
];

/// A table with this many metadata labels is the portal's metadata table.
const MIN_PORTAL_FIELDS: usize = 3;

/// The field a cell's text labels (`发布机构：`, `索 引 号`).
fn field_of(text: &str) -> Option<Field> {
    let key = label_key(text);
    let key = key.trim_end_matches('：');
    PORTAL_FIELDS
        .iter()
        .find(|(label, _)| *label == key)
        .map(|&(_, f)| f)
}

/// `发布机构：示例市…` → the field and the value.
fn field_line(text: &str) -> Option<(Field, String)> {
    let (label, value) = text.split_once(['：', ':'])?;
    let field = field_of(label)?;
    Some((
        field,
        value.trim_matches(crate::model::value::is_space).to_owned(),
    ))
}

/// The date a value starts with (`2025-01-20 09:30` → 2025-01-20).
fn leading_date(value: &str) -> Option<Date> {
    let end = value
        .char_indices()
        .find(|&(_, c)| !(c.is_ascii_digit() || matches!(c, '-' | '/' | '.' | '年' | '月' | '日')))
        .map_or(value.len(), |(i, _)| i);
    Date::parse(value.get(..end)?)
}

impl PortalMeta {
    /// Keeps a field's value (the first one of each kind).
    fn take(&mut self, field: Field, value: &str) {
        let value = value.trim_matches(crate::model::value::is_space);
        if value.is_empty() {
            return;
        }
        match field {
            Field::Agency if self.agency.is_none() => self.agency = Some(value.to_owned()),
            Field::Published if self.published.is_none() => self.published = leading_date(value),
            Field::Written if self.written.is_none() => self.written = leading_date(value),
            _ => {}
        }
    }

    /// Keeps the value of a metadata line (`发布机构：…`); whether the line was one.
    pub(super) fn take_line(&mut self, line: &str) -> bool {
        match field_line(line) {
            Some((field, value)) => {
                self.take(field, &value);
                true
            }
            None => false,
        }
    }

    /// Reads a table's rows as the portal's metadata table: `None` when it is not one (fewer
    /// than [`MIN_PORTAL_FIELDS`] of its cells are metadata labels).
    pub(super) fn from_rows(rows: &[Vec<String>]) -> Option<PortalMeta> {
        let mut pairs: Vec<(Field, &str)> = Vec::new();
        let mut labels = 0;
        for row in rows {
            let mut cells = row.iter().peekable();
            while let Some(cell) = cells.next() {
                if let Some(field) = field_of(cell) {
                    labels += 1;
                    let value = cells.next_if(|next| field_of(next).is_none());
                    pairs.push((field, value.map_or("", String::as_str)));
                } else if let Some((field, _)) = field_line(cell) {
                    labels += 1;
                    let value = cell.split_once(['：', ':']).map_or("", |(_, v)| v);
                    pairs.push((field, value));
                }
            }
        }
        if labels < MIN_PORTAL_FIELDS {
            return None;
        }
        let mut meta = PortalMeta::default();
        for (field, value) in pairs {
            meta.take(field, value);
        }
        Some(meta)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn cells(rows: &[&[&str]]) -> Vec<Vec<String>> {
        rows.iter()
            .map(|r| r.iter().map(|c| (*c).to_owned()).collect())
            .collect()
    }

    #[test]
    fn a_metadata_table_in_pairs_or_in_cells_with_the_colon() {
        let pairs = cells(&[
            &[
                "索\u{a0}引\u{a0}号：",
                "1133/2025-00012",
                "分　　类：",
                "综合政务",
            ],
            &[
                "发布机构：",
                "示例市云溪区应急管理局",
                "公开日期：",
                "2025-01-20",
            ],
            &["文　　号：", "", "成文日期：", "2025年1月16日"],
        ]);
        let meta = PortalMeta::from_rows(&pairs).unwrap();
        assert_eq!(meta.agency.as_deref(), Some("示例市云溪区应急管理局"));
        assert_eq!(
            meta.published.map(|d| d.to_string()).as_deref(),
            Some("2025年1月20日")
        );
        assert_eq!(
            meta.written.map(|d| d.to_string()).as_deref(),
            Some("2025年1月16日")
        );
        let joined = cells(&[
            &["索引号：1133", "发文机关：某局"],
            &["发布日期：2025-01-20 09:30"],
        ]);
        let meta = PortalMeta::from_rows(&joined).unwrap();
        assert_eq!(meta.agency.as_deref(), Some("某局"));
        assert!(meta.published.is_some());
        // A table of the report is no metadata table.
        let report = cells(&[&["信息内容", "本年制发件数"], &["规章", "0"]]);
        assert_eq!(PortalMeta::from_rows(&report), None);
    }
}
