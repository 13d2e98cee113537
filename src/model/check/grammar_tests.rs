//! Tests of the grammar of prose figures (`grammar.rs`).
use super::*;

const KNOWN: [&str; 8] = [
    "予以公开",
    "部分公开",
    "不予公开",
    "无法提供",
    "不予处理",
    "行政复议",
    "行政诉讼",
    "收到",
];

/// The reading of the first `cue` in `clause`, with the ends of counts left out.
fn reading<'a>(clause: &'a str, cue: &str) -> Option<Reading<'a>> {
    let at = clause.find(cue)?;
    if other_scope(clause) {
        return Some(Reading::Silent);
    }
    read(clause, at, cue, &KNOWN).map(|r| match r {
        Reading::Own(n, _) => Reading::Own(n, 0),
        Reading::Joint {
            figure,
            members,
            phrase,
            ..
        } => Reading::Joint {
            figure,
            members,
            phrase,
            end: 0,
        },
        Reading::Silent => Reading::Silent,
    })
}

#[test]
fn counts_in_count_units() {
    for (clause, cue, n) in [
        ("本年新收政府信息公开申请5件", "申请", 5),
        ("收到依申请公开0件次", "收到", 0),
        ("收到申请1,234件", "收到", 1234),
        ("收到申请十二件", "收到", 12),
        ("收到申请一百零五件", "收到", 105),
        ("收到申请１２件", "收到", 12),
        ("收到2025年度申请8件", "收到", 8),
        ("收到申请占比12.5%共3件", "收到", 3),
        ("行政复议3件", "行政复议", 3),
        ("行政复议0件、行政诉讼2件", "行政复议", 0),
        ("行政复议案件3起", "行政复议", 3),
        ("开展培训3场", "培训", 3),
        ("发布解读8篇", "解读", 8),
        ("本年度行政复议为0", "行政复议", 0),
    ] {
        let r = read(clause, clause.find(cue).unwrap_or(0), cue, &KNOWN);
        assert!(
            matches!(r, Some(Reading::Own(m, _)) if m == n),
            "{clause}: {r:?}"
        );
    }
    assert_eq!(reading("收到第3批申请", "收到"), None);
    assert_eq!(reading("没有数字", "收到"), None);
}

#[test]
fn kinds_are_not_counts() {
    for clause in [
        "对涉及政府信息公开的行政复议、行政诉讼2类案件进行梳理",
        "行政复议涉及3个方面",
        "行政复议5项",
        "行政复议在3个工作日内办结",
    ] {
        assert_eq!(
            reading(clause, "行政复议"),
            Some(Reading::Silent),
            "{clause}"
        );
    }
    // The later member says nothing either.
    assert_eq!(
        reading("对涉及政府信息公开的行政复议、行政诉讼2类案件", "行政诉讼"),
        Some(Reading::Silent)
    );
}

#[test]
fn a_list_with_one_figure_is_a_sum() {
    let r = reading("予以公开及部分公开258件", "予以公开");
    assert_eq!(
        r,
        Some(Reading::Joint {
            figure: 258,
            members: vec!["部分公开"],
            phrase: "予以公开及部分公开",
            end: 0,
        })
    );
    assert_eq!(
        reading("予以公开及部分公开258件", "部分公开"),
        Some(Reading::Silent)
    );
    let r = reading("行政复议案件、行政诉讼案件共5件", "行政复议");
    assert!(
        matches!(&r, Some(Reading::Joint { figure: 5, members, .. }) if members == &["行政诉讼"]),
        "{r:?}"
    );
    // Of what the rules do not know: nothing.
    assert_eq!(
        reading("予以公开及其他处理10件", "予以公开"),
        Some(Reading::Silent)
    );
    // A joiner inside a modifier is no list.
    assert_eq!(
        reading("收到通过信函、网络提出的申请25件", "收到"),
        Some(Reading::Own(25, 0))
    );
    assert_eq!(reading("及时答复申请3件", "答复"), Some(Reading::Own(3, 0)));
}

#[test]
fn quotes_the_item_of_a_list() {
    let clause = "予以公开11件、部分公开4件、不予公开2件";
    let at = clause.find("部分公开").unwrap_or(0);
    let Some(Reading::Own(4, end)) = read(clause, at, "部分公开", &KNOWN) else {
        panic!("{clause}");
    };
    assert_eq!(phrase(clause, at, end), "部分公开4件");
    let clause = "本年度行政复议、行政诉讼均为0";
    let at = clause.find("行政诉讼").unwrap_or(0);
    let Some(Reading::Own(0, end)) = read(clause, at, "行政诉讼", &KNOWN) else {
        panic!("{clause}");
    };
    assert_eq!(phrase(clause, at, end), clause);
}

#[test]
fn each_and_respectively() {
    assert_eq!(
        reading("行政复议、行政诉讼均为0", "行政复议"),
        Some(Reading::Own(0, 0))
    );
    assert_eq!(
        reading("行政复议、行政诉讼均为0", "行政诉讼"),
        Some(Reading::Own(0, 0))
    );
    assert_eq!(
        reading("行政复议、行政诉讼分别为3件、2件", "行政复议"),
        Some(Reading::Own(3, 0))
    );
    assert_eq!(
        reading("行政复议、行政诉讼分别为3件、2件", "行政诉讼"),
        Some(Reading::Own(2, 0))
    );
}

#[test]
fn other_scopes_breakdowns_and_approximations_say_nothing() {
    for (clause, cue) in [
        ("全区共收到申请300件", "收到"),
        ("各部门收到申请300件", "收到"),
        ("向区司法局备案行政复议案件5件", "行政复议"),
        ("累计收到申请300件", "收到"),
        ("收到的申请中其中自然人提出15件", "收到"),
        ("收到申请约30件", "收到"),
        ("收到申请近30件", "收到"),
        ("收到申请30余件", "收到"),
        ("收到申请30多件", "收到"),
        ("收到申请30件以上", "收到"),
        ("收到申请30家", "收到"),
    ] {
        assert_eq!(reading(clause, cue), Some(Reading::Silent), "{clause}");
    }
    // A percentage is skipped: "予以公开率为100%" states no count.
    assert_eq!(reading("予以公开率为100%", "予以公开"), None);
}
