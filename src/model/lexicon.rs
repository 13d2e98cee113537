//! The words nianbao recognises in what clerks write and publish, each list written once: the
//! units after a figure, the endings of agency names, the words of a report's title, the chrome
//! of a portal page and the labels of the internal sign-off block.
//!
//! These are the language of published reports, not of a format: the labels and headings of a
//! format's tables and sections are in `assets/formats/*.ron`.

/// The measure words after a count (`12件`, `5人`, `十二件`): what makes a Chinese numeral in
/// prose a figure, and, with [`COUNT_UNIT_PAIRS`], what a clerk may type after a count.
pub const MEASURE_WORDS: [char; 7] = ['件', '条', '项', '个', '次', '宗', '人'];

/// Count units of two characters a clerk may type after a count (`3件次`).
pub const COUNT_UNIT_PAIRS: [&str; 1] = ["件次"];

/// Money units after an amount in a published table (`1621624.23元`, `162.16万元`).
pub const MONEY_UNITS: [&str; 2] = ["元", "万元"];

/// A unit a published table may print after or under a figure but that a cell does not take
/// (`12人次`).
pub const TABLE_ONLY_UNITS: [&str; 1] = ["人次"];

/// Whether `unit` may follow a count a clerk typed (`12件`, `3件次`).
pub fn is_count_unit(unit: &str) -> bool {
    let mut chars = unit.chars();
    match (chars.next(), chars.next()) {
        (Some(c), None) => MEASURE_WORDS.contains(&c),
        _ => COUNT_UNIT_PAIRS.contains(&unit),
    }
}

/// Whether `text` is a unit a published table prints with a figure, alone on a line when the
/// cell is too narrow (`1621624.23` ⏎ `元`).
pub fn is_figure_unit(text: &str) -> bool {
    MONEY_UNITS.contains(&text) || is_count_unit(text) || TABLE_ONLY_UNITS.contains(&text)
}

/// How the names of the agencies that publish reports end: a 落款's unit line ends with one.
pub const AGENCY_ENDINGS: [&str; 16] = [
    "办事处",
    "街道",
    "人民政府",
    "政府",
    "局",
    "委员会",
    "办公室",
    "办公厅",
    "中心",
    "镇",
    "乡",
    "委",
    "厅",
    "院",
    "所",
    "队",
];

/// The formal endings of an agency's name that its own prose leaves off (`青禾街道办事处` →
/// `青禾街道`), tried in this order.
pub const AGENCY_FORMAL_ENDINGS: [&str; 5] =
    ["办事处", "人民政府", "委员会", "管理委员会", "办公室"];

/// The kinds of unit at the end of a local name, left off for its core (`青禾街道` → `青禾`),
/// tried in this order.
pub const AGENCY_KINDS: [&str; 6] = ["街道", "镇", "乡", "局", "委", "办"];

/// Whether a line ends the way an agency's name does.
pub fn ends_like_agency(line: &str) -> bool {
    AGENCY_ENDINGS.iter().any(|e| line.ends_with(e))
}

/// The words every report's title has (`…2025年政府信息公开工作年度报告`).
pub const TITLE_WORDS: [&str; 2] = ["政府信息公开", "报告"];

/// Whether `text` names the report: it has every word of [`TITLE_WORDS`].
pub fn names_the_report(text: &str) -> bool {
    TITLE_WORDS.iter().all(|w| text.contains(w))
}

/// A portal page's toolbar around an article, on a saved page and in a browser's print of it.
pub const PAGE_TOOLBAR: [&str; 6] = [
    "关闭窗口",
    "打印本页",
    "【打印】",
    "字号：",
    "浏览次数",
    "发布时间：",
];

/// The facts a saved page prints around its article (`发布日期`, `来源：`, `点击数`). Looser than
/// the toolbar (`字号`, not only `字号：`), so only for a page, whose structure sets them apart:
/// a PDF's short line saying `网站访问量` may well be the report's prose.
pub const ARTICLE_FACTS: [&str; 8] = [
    "发布时间",
    "发布日期",
    "字号",
    "访问量",
    "分享到",
    "来源：",
    "阅读次数",
    "点击数",
];

/// A portal page's footer, printed at the foot of every page of a browser's PDF of it.
pub const PAGE_FOOTER: [&str; 6] = [
    "版权所有",
    "网站标识码",
    "ICP备",
    "主办：",
    "承办：",
    "网站地图",
];

/// A portal page's navigation bar, site notices and page tools around an article (read on a
/// saved page, where the page's structure sets them apart from the report).
pub const PAGE_NAVIGATION: [&str; 11] = [
    "当前位置",
    "您现在的位置",
    "备案号",
    "【打印",
    "公网安备",
    "联系我们",
    "主办单位",
    "承办单位",
    "技术支持",
    "相关链接",
    "扫一扫",
];

/// Page chrome is a short line; a longer one with such a word is prose.
const MAX_CHROME_CHARS: usize = 80;

/// Whether `line` is page chrome, not the report: short, with a word of one of `lists`.
pub fn is_page_chrome(line: &str, lists: &[&[&str]]) -> bool {
    line.chars().count() <= MAX_CHROME_CHARS
        && lists
            .iter()
            .flat_map(|l| l.iter())
            .any(|w| line.contains(w))
}

/// The labels of the internal sign-off block under a report (nianbao's own Word and PDF print
/// it on request): not part of a published report.
pub const SIGNOFF_LABELS: [&str; 4] = ["拟稿人", "审核人", "签发人", "日期"];

// The grammar of the data sentences in prose (model::check::grammar reads them).

/// Units after which a number is a count of what the cue names.
pub const COUNT_UNITS: [&str; 12] = [
    "件次", "人次", "件", "条", "次", "个", "场", "期", "篇", "宗", "份", "起",
];

/// Units after which a number counts kinds, days or something else (checked before
/// [`COUNT_UNITS`], so "个方面" is not read as "个").
pub const OTHER_UNITS: [&str; 16] = [
    "个方面",
    "个工作日",
    "个月",
    "个百分点",
    "个部门",
    "个单位",
    "大类",
    "类",
    "项",
    "种",
    "方面",
    "批",
    "家",
    "户",
    "人",
    "倍",
];

/// Words in a clause that put its figures in another scope than this report's table.
pub const OTHER_SCOPES: [&str; 16] = [
    "全市",
    "全区",
    "全县",
    "全省",
    "全州",
    "全旗",
    "全镇",
    "全乡",
    "各部门",
    "各单位",
    "各乡镇",
    "各街道",
    "备案",
    "收办",
    "累计",
    "历年",
];

/// Words just before a number that make it approximate.
pub const APPROX_BEFORE: [&str; 9] = [
    "约", "近", "将近", "大约", "超过", "逾", "不足", "不到", "上万",
];

/// Words just after a number (or its unit) that make it approximate.
pub const APPROX_AFTER: [&str; 6] = ["余", "多", "以上", "左右", "上下", "以下"];

/// Words that join the members of a list ("予以公开及部分公开", "行政复议、行政诉讼").
pub const JOINERS: [&str; 6] = ["以及", "及", "和", "与", "、", "或"];

/// Words that are not joiners though they begin with one (及时, 和谐, 与会 …).
pub const NOT_JOINERS: [&str; 6] = ["及时", "和谐", "与会", "以及时", "或者说", "及早"];

/// A list followed by one of these gives every member the same figure.
pub const EACH: [&str; 4] = ["均", "都", "各", "皆"];

/// A list followed by this gives each member its own figure, in order.
pub const RESPECTIVELY: &str = "分别";

/// Between the cue and the number: the number is a part of what the cue names.
pub const BREAKDOWN: &str = "其中";

/// Phrases saying that what the clause names is zero.
pub const ZERO_PHRASES: [&str; 14] = [
    "均为0",
    "均为０",
    "均为零",
    "为0件",
    "为零",
    "均为“0”",
    "均无",
    "均未",
    "未发生",
    "没有发生",
    "未收到",
    "未产生",
    "零件",
    "0件",
];

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn count_units_are_the_measure_words_and_pairs_only() {
        for unit in ["件", "人", "件次", "宗"] {
            assert!(is_count_unit(unit), "{unit}");
        }
        for unit in ["", "人次", "元", "万元", "件件", "年"] {
            assert!(!is_count_unit(unit), "{unit}");
        }
        for unit in ["元", "万元", "人次", "件次", "条"] {
            assert!(is_figure_unit(unit), "{unit}");
        }
        assert!(!is_figure_unit("年"));
    }

    #[test]
    fn agency_names_and_titles() {
        assert!(ends_like_agency("示例市云溪区青禾街道办事处"));
        assert!(ends_like_agency("示例县自然资源局"));
        assert!(!ends_like_agency("2026年1月15日"));
        assert!(names_the_report(
            "示例市青禾街道办事处2025年政府信息公开工作年度报告"
        ));
        assert!(!names_the_report("2025年工作报告"));
    }

    #[test]
    fn page_chrome_is_short_lines_with_a_chrome_word() {
        let pdf: &[&[&str]] = &[&PAGE_TOOLBAR, &PAGE_FOOTER];
        assert!(is_page_chrome("【打印本页】【关闭窗口】", pdf));
        assert!(is_page_chrome(
            "版权所有：示例市人民政府 网站标识码1234",
            pdf
        ));
        // The looser words of a page's article facts are not chrome in a PDF.
        assert!(!is_page_chrome("政府网站访问量12万次", pdf));
        assert!(is_page_chrome(
            "访问量：123",
            &[&PAGE_TOOLBAR, &ARTICLE_FACTS]
        ));
        let long = format!("{}关闭窗口", "字".repeat(MAX_CHROME_CHARS));
        assert!(!is_page_chrome(&long, pdf));
    }
}
