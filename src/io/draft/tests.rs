use super::*;
use crate::model::Decimal;

fn sample() -> Report {
    crate::io::sample().unwrap()
}

#[test]
fn round_trip_is_exact() {
    let mut r = sample();
    r.set_by_id("t3.new.total", Some(CellValue::Int(99)));
    r.set_by_id("t3.results_total.natural", Some(CellValue::Blank));
    r.set_by_id(
        "t2_art20_5.licensing.decisions",
        Some(CellValue::NotApplicable),
    );
    r.set_by_id(
        "t3.new.corp_other",
        Some(CellValue::Invalid("十二件 \"x\"".into())),
    );
    r.set_by_id(
        "t2_art20_8.fees.amount",
        Some(CellValue::Money("12.50".parse::<Decimal>().unwrap())),
    );
    r.previous = Some(PreviousYear::from_report(&sample()));
    r.notes.push(crate::model::Note {
        kind: crate::model::NoteKind::Import,
        cell: Some("t3.new.total".into()),
        section: None,
        text: "换行\n和“引号”".into(),
    });
    let text = to_string(&r).unwrap();
    assert!(!text.contains('\r'));
    assert!(
        text.contains("示例市云溪区"),
        "Chinese is written as UTF-8, not escaped"
    );
    let back = from_str(&text).unwrap();
    assert_eq!(back, r);
    assert_eq!(
        to_string(&back).unwrap(),
        text,
        "load → save gives the same bytes"
    );
    let money = back.entry(back.format.cell_index("t2_art20_8.fees.amount").unwrap());
    assert_eq!(
        money.map(CellValue::display).as_deref(),
        Some("12.50"),
        "typed decimals kept"
    );
}

#[test]
fn save_is_atomic_and_keeps_a_backup() {
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("2025年 年报.ron");
    let first = sample();
    save(&first, &path).unwrap();
    assert!(!crate::io::atomic::backup_path(&path).exists());
    let mut second = first.clone();
    second.meta.title = "第二版".into();
    save(&second, &path).unwrap();
    assert_eq!(load(&path).unwrap().meta.title, "第二版");
    assert_eq!(load(&crate::io::atomic::backup_path(&path)).unwrap(), first);
    let leftovers: Vec<_> = std::fs::read_dir(dir.path())
        .unwrap()
        .map(|e| e.unwrap().file_name().to_string_lossy().into_owned())
        .filter(|n| n.ends_with(".tmp"))
        .collect();
    assert!(leftovers.is_empty(), "{leftovers:?}");
}

#[test]
fn a_failed_save_leaves_the_old_file() {
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("missing-folder").join("a.ron");
    let err = save(&sample(), &path).unwrap_err();
    assert!(matches!(err, DraftError::Write(_)));
    assert!(err.to_string().contains("原文件没有被改动"));
}

fn load_text(text: &[u8]) -> (DraftError, Vec<u8>) {
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("bad.ron");
    std::fs::write(&path, text).unwrap();
    let err = load(&path).unwrap_err();
    let after = std::fs::read(&path).unwrap();
    let files = std::fs::read_dir(dir.path()).unwrap().count();
    assert_eq!(files, 1, "loading writes nothing");
    (err, after)
}

#[test]
fn bad_drafts_give_clear_chinese_errors_and_are_not_touched() {
    let good = to_string(&sample()).unwrap();
    let truncated = &good.as_bytes()[..good.len() / 2];
    let (err, after) = load_text(truncated);
    assert!(matches!(err, DraftError::Truncated { .. }), "{err:?}");
    assert!(
        err.to_string().contains("文件不完整（可能在保存时被中断）"),
        "{err}"
    );
    assert_eq!(after, truncated);

    let malformed = good.replacen("year: 2025", "year: 二〇二五", 1);
    let (err, _) = load_text(malformed.as_bytes());
    let DraftError::Syntax {
        position: Some((line, col)),
        ..
    } = err
    else {
        panic!("{err:?}");
    };
    assert!(line > 1 && col > 1, "{line}:{col}");
    assert!(
        err.to_string()
            .contains(&format!("第 {line} 行第 {col} 列"))
    );

    let unknown = good.replacen("format: \"gb2021\"", "format: \"gb2099\"", 1);
    let (err, _) = load_text(unknown.as_bytes());
    assert!(
        matches!(err, DraftError::UnknownFormat(ref f) if f == "gb2099"),
        "{err:?}"
    );

    let newer = good.replacen(
        &format!("schema_version: {SCHEMA_VERSION}"),
        "schema_version: 7",
        1,
    );
    assert_ne!(newer, good);
    let (err, _) = load_text(newer.as_bytes());
    assert!(matches!(err, DraftError::NewerSchema(7)));
    assert!(err.to_string().contains("升级"));

    let bad_cell = good.replacen("\"t3.new.natural\"", "\"t3.new.martian\"", 1);
    let (err, _) = load_text(bad_cell.as_bytes());
    assert!(matches!(err, DraftError::UnknownCell { .. }), "{err:?}");

    let (err, _) = load_text(&[0xff, 0xfe, 0x00, 0x41]);
    assert!(matches!(err, DraftError::NotText { .. }), "{err:?}");
    let (err, _) = load_text(b"");
    assert!(matches!(err, DraftError::Empty), "{err:?}");
    assert!(err.to_string().starts_with("文件是空的"), "{err}");
    let (err, _) = load_text(b" \n\n");
    assert!(matches!(err, DraftError::Empty), "{err:?}");
    let (err, _) = load_text(b"(schema_version: 1)");
    assert!(matches!(err, DraftError::Syntax { .. }), "{err:?}");
}

#[test]
fn a_draft_cut_off_anywhere_says_it_is_incomplete_never_not_utf8() {
    let good = to_string(&sample()).unwrap();
    let bytes = good.as_bytes();
    // Cut at every 97th byte: inside a Chinese character, a string, a bracket, a number.
    let mut mid_character = 0;
    for cut in (1..bytes.len() - 2).step_by(97) {
        let head = &bytes[..cut];
        if std::str::from_utf8(head).is_err() {
            mid_character += 1;
        }
        let (err, _) = load_text(head);
        let text = err.to_string();
        assert!(
            text.contains("文件不完整（可能在保存时被中断）"),
            "cut at {cut}: {text}"
        );
        assert!(!text.contains("UTF-8"), "{text}");
        assert!(
            err.details().is_some(),
            "the parser's words behind 详细信息"
        );
    }
    assert!(mid_character > 5, "some cuts fall inside a character");
}

#[test]
fn a_missing_file_is_a_read_error() {
    let err = load(Path::new("/nonexistent/报告.ron")).unwrap_err();
    assert!(matches!(err, DraftError::Read { .. }));
    assert!(err.to_string().contains("无法读取文件"));
}

#[test]
fn deep_nesting_does_not_overflow_the_stack() {
    let text = format!("{}{}", "[".repeat(100_000), "]".repeat(100_000));
    assert!(from_str(&text).is_err());
}

proptest::proptest! {
    #![proptest_config(proptest::prelude::ProptestConfig::with_cases(512))]

    #[test]
    fn loading_arbitrary_bytes_never_panics(bytes in proptest::collection::vec(proptest::prelude::any::<u8>(), 0..2048)) {
        let text = String::from_utf8_lossy(&bytes);
        let _ = from_str(&text);
    }

    #[test]
    fn loading_a_mangled_draft_never_panics(cut in 0usize..20_000, byte in proptest::prelude::any::<u8>()) {
        let mut good = to_string(&sample()).unwrap().into_bytes();
        let at = cut % good.len();
        good[at] = byte;
        good.truncate(at + (cut % 7) * 1000);
        let text = String::from_utf8_lossy(&good);
        let _ = from_str(&text);
    }
}

#[test]
fn impossible_signature_dates_are_refused_at_load() {
    let with_date = |year, month, day| {
        let mut r = sample();
        r.meta.signature_date = Some(crate::model::Date { year, month, day });
        to_string(&r).unwrap()
    };
    for (year, month, day) in [(2026, 13, 1), (2026, 1, 0), (2026, 1, 255), (65535, 1, 20)] {
        let (err, _) = load_text(with_date(year, month, day).as_bytes());
        assert!(matches!(err, DraftError::BadDate(_)), "{err:?}");
        let text = err.to_string();
        assert!(
            text.contains(&format!("{year}年{month}月{day}日")) && text.contains("不是有效日期"),
            "{text}"
        );
    }
    assert!(from_str(&with_date(2028, 2, 29)).is_ok());
    assert!(from_str(&with_date(2027, 2, 29)).is_err());
}

#[test]
fn parser_messages_are_chinese_with_the_parsers_words_in_the_details() {
    let good = to_string(&sample()).unwrap();
    let cases = [
        good.get(..good.len() / 2).unwrap().to_owned(),
        good.replacen("year: 2025", "year: 二〇二五", 1),
        format!("{}{}", "[".repeat(100_000), "]".repeat(100_000)),
        good.replacen("Int(18)", "Int(\"十八\")", 1),
        "(schema_version: 1)".to_owned(),
    ];
    for text in cases {
        let error = from_str(&text).unwrap_err();
        let err = error.to_string();
        // Whatever RON said is behind 详细信息, never in the message.
        let words = err.replace(".bak", "");
        assert!(
            !words.chars().any(|c| c.is_ascii_alphabetic()),
            "English in the message: {err}"
        );
        assert!(error.details().is_some_and(|d| !d.is_empty()), "{err}");
    }
    // The message a clerk saw raw before.
    for not_a_struct in ["schema_version: 1, format: \"gb2021\"", "[1, 2]", "Header"] {
        let error = from_str(not_a_struct).unwrap_err();
        assert!(matches!(error, DraftError::Syntax { .. }), "{error:?}");
        assert!(!error.to_string().contains("Header"), "{error}");
        let details = error.details().unwrap();
        assert!(details.contains("Header"), "{details}");
    }
}

#[cfg(unix)]
#[test]
fn a_fifo_a_device_or_a_folder_is_refused_without_blocking() {
    let dir = tempfile::tempdir().unwrap();
    let fifo = dir.path().join("pipe.ron");
    let made = std::process::Command::new("mkfifo")
        .arg(&fifo)
        .status()
        .unwrap();
    assert!(made.success());
    assert!(matches!(load(&fifo), Err(DraftError::NotAFile(_))));
    let zero = dir.path().join("zero.ron");
    std::os::unix::fs::symlink("/dev/zero", &zero).unwrap();
    let err = load(&zero).unwrap_err();
    assert!(matches!(err, DraftError::NotAFile(_)), "{err:?}");
    assert!(err.to_string().contains("不是普通文件"), "{err}");
    assert!(matches!(load(dir.path()), Err(DraftError::NotAFile(_))));
}

#[test]
fn os_errors_reach_the_clerk_in_chinese() {
    let err = load(Path::new("/nonexistent/报告.ron"))
        .unwrap_err()
        .to_string();
    assert!(err.contains("找不到这个文件或文件夹"), "{err}");
    assert!(!err.contains("No such file"), "{err}");
    let dir = tempfile::tempdir().unwrap();
    let err = save(&sample(), &dir.path().join("missing").join("a.ron"))
        .unwrap_err()
        .to_string();
    assert!(
        err.contains("找不到这个文件或文件夹") && err.contains("原文件没有被改动"),
        "{err}"
    );
}

/// A save killed after writing its temporary file: the next save in the folder keeps a complete
/// newer draft under a visible name (and says so through `stale_temps`), removes the rest.
#[test]
fn leftovers_of_an_interrupted_save_are_kept_or_tidied_by_the_next_save() {
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("年报.ron");
    let old = sample();
    save(&old, &path).unwrap();
    let mut newer = old.clone();
    newer.meta.title = "中断时正在保存的版本".into();
    // What a killed save leaves: its temp (complete), an older version's temp (half written),
    // and the link that was becoming the .bak.
    let temps = crate::io::atomic::tests_support::temp_names(&path, 4_000_000);
    std::fs::write(&temps.0, to_string(&newer).unwrap()).unwrap();
    std::fs::hard_link(&path, &temps.1).unwrap();
    let half = to_string(&newer).unwrap();
    std::fs::write(dir.path().join(".年报.ron.77.tmp"), &half[..half.len() / 2]).unwrap();
    // The temps are newer than the draft.
    let later = std::time::SystemTime::now() + std::time::Duration::from_secs(5);
    std::fs::File::options()
        .write(true)
        .open(&temps.0)
        .unwrap()
        .set_modified(later)
        .unwrap();

    let leftovers = stale_temps(dir.path());
    assert_eq!(leftovers.len(), 1, "{leftovers:?}");
    assert_eq!(leftovers[0].report, newer);
    assert_eq!(leftovers[0].target.as_deref(), Some(path.as_path()));
    let keep_as = leftovers[0].keep_as.clone();
    assert!(keep_as.ends_with("年报（未完成的保存）.ron"), "{keep_as:?}");

    let mut third = old.clone();
    third.meta.title = "第三版".into();
    save(&third, &path).unwrap();
    let mut names: Vec<String> = std::fs::read_dir(dir.path())
        .unwrap()
        .map(|e| e.unwrap().file_name().to_string_lossy().into_owned())
        .collect();
    names.sort();
    assert_eq!(
        names,
        ["年报.ron", "年报.ron.bak", "年报（未完成的保存）.ron"]
    );
    assert_eq!(load(&keep_as).unwrap(), newer);
    assert_eq!(load(&path).unwrap(), third);
    assert_eq!(load(&crate::io::atomic::backup_path(&path)).unwrap(), old);
    assert!(stale_temps(dir.path()).is_empty());
}

#[test]
fn a_backup_opens_as_a_draft() {
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("年报.ron");
    save(&sample(), &path).unwrap();
    save(&sample(), &path).unwrap();
    let opened = crate::io::open_any(&crate::io::atomic::backup_path(&path)).unwrap();
    assert_eq!(opened.report, sample());
}

/// A draft written by nianbao with schema 1 (before the live figures): `nianbao import
/// tests/fixtures/qinghe-2025.html -o v1-qinghe-2025.ron`.
const V1_DRAFT: &str = include_str!("v1-qinghe-2025.ron");

#[test]
fn a_schema_1_draft_opens_unchanged_with_no_fields() {
    assert!(V1_DRAFT.contains("schema_version: 1,"));
    let r = from_str(V1_DRAFT).unwrap();
    assert!(r.fields.is_empty());
    assert_eq!(r.meta.year, 2025);
    assert_eq!(r.notes.len(), 2, "only the import's notes: {:#?}", r.notes);
    // Saved again it is schema 2, and says nothing of fields it does not have.
    let text = to_string(&r).unwrap();
    assert!(text.contains(&format!("schema_version: {SCHEMA_VERSION},")));
    assert!(!text.contains("fields"));
    assert_eq!(from_str(&text).unwrap(), r);
    assert_eq!(
        text.replacen("schema_version: 2,", "schema_version: 1,", 1),
        V1_DRAFT,
        "nothing else changes"
    );
}

/// The sample with a 数据句 in 一、 whose second figure was typed over.
fn with_fields() -> Report {
    use crate::model::fields::{DataField, insert_paragraph, reconcile};
    let mut r = sample();
    let text = "全年新收申请25件，办结“26”件。";
    let at = |s: &str| text.find(s).unwrap();
    let spans = vec![
        DataField {
            start: at("25"),
            end: at("25") + 2,
            expr: "t3.new.total".into(),
            value: "25".into(),
        },
        DataField {
            start: at("26"),
            end: at("26") + 2,
            expr: "t3.results_total.total".into(),
            value: "26".into(),
        },
    ];
    insert_paragraph(&mut r, "s1", Some(0), text, spans);
    let old = r.prose("s1").to_owned();
    let new = old.replacen("“26”", "“27”", 1);
    reconcile(r.fields.get_mut("s1").unwrap(), &old, &new);
    r.prose.insert("s1".into(), new);
    r
}

#[test]
fn fields_round_trip_through_a_schema_2_draft() {
    let r = with_fields();
    let text = to_string(&r).unwrap();
    assert!(text.contains("t3.results_total.total"), "{text}");
    let back = from_str(&text).unwrap();
    assert_eq!(back, r);
    assert_eq!(back.fields, r.fields);
    let prose = back.prose("s1");
    let f = &back.fields["s1"];
    assert!(f[0].is_fresh(prose));
    assert!(!f[1].is_fresh(prose), "typed over stays typed over");
    assert_eq!(f[1].text(prose), Some("27"));
    assert_eq!(to_string(&back).unwrap(), text);
}

#[test]
fn a_field_that_does_not_fit_its_prose_is_dropped_with_a_note() {
    let r = with_fields();
    let text = to_string(&r).unwrap();
    let (first, second) = (&r.fields["s1"][0], &r.fields["s1"][1]);
    // Cut inside a character (申请|25), past the end, and a section with no prose.
    for (from, to) in [
        (
            format!("start: {},", first.start),
            format!("start: {},", first.start - 1),
        ),
        (format!("end: {},", second.end), "end: 999999,".to_owned()),
        ("\"s1\": [".to_owned(), "\"nowhere\": [".to_owned()),
    ] {
        let damaged = text.replacen(&from, &to, 1);
        assert_ne!(damaged, text, "{from}");
        let back = from_str(&damaged).unwrap();
        assert_eq!(back.prose, r.prose, "the prose is kept as it was");
        assert!(
            back.notes.iter().any(|n| n.text.contains("已改为普通文字")),
            "{from}: {:#?}",
            back.notes
        );
        assert!(back.fields.values().flatten().count() < 2);
    }
}
