//! A batch generator for the 汇总 tests and bench: unit reports with known figures and honest,
//! varied prose, written as drafts (.ron), copied text (.txt, `|` rows) or saved pages (.html).
//!
//! Everything is derived from a seed, so a batch is the same on every run.
#![allow(dead_code, clippy::unwrap_used, clippy::expect_used)]

use std::fmt::Write as _;
use std::path::{Path, PathBuf};

use nianbao::model::format::{self, CellKind, Format, GridContent};
use nianbao::model::{CellValue, Date, Decimal, Meta, Report};

#[path = "batch_prose.rs"]
mod prose;
pub use prose::{ProseChoices, write_prose};

/// SplitMix64: small, fast, and the same everywhere.
#[derive(Debug, Clone)]
pub struct Rng(u64);

impl Rng {
    /// A generator from a seed.
    pub fn new(seed: u64) -> Self {
        Rng(seed ^ 0x9e37_79b9_7f4a_7c15)
    }

    /// The next number.
    pub fn next_u64(&mut self) -> u64 {
        self.0 = self.0.wrapping_add(0x9e37_79b9_7f4a_7c15);
        let mut z = self.0;
        z = (z ^ (z >> 30)).wrapping_mul(0xbf58_476d_1ce4_e5b9);
        z = (z ^ (z >> 27)).wrapping_mul(0x94d0_49bb_1331_11eb);
        z ^ (z >> 31)
    }

    /// A number in `0..n`.
    pub fn below(&mut self, n: u64) -> u64 {
        if n == 0 { 0 } else { self.next_u64() % n }
    }

    /// An integer in `lo..=hi`.
    pub fn range(&mut self, lo: i64, hi: i64) -> i64 {
        lo + self.below((hi - lo + 1) as u64) as i64
    }

    /// One of `items`.
    pub fn pick<'a, T>(&mut self, items: &'a [T]) -> &'a T {
        &items[self.below(items.len() as u64) as usize]
    }

    /// `k` distinct items of `items`, in random order.
    pub fn choose<'a, T>(&mut self, items: &'a [T], k: usize) -> Vec<&'a T> {
        let mut idx: Vec<usize> = (0..items.len()).collect();
        for i in (1..idx.len()).rev() {
            let j = self.below(i as u64 + 1) as usize;
            idx.swap(i, j);
        }
        idx.into_iter().take(k).map(|i| &items[i]).collect()
    }
}

/// How a unit's report is written to disk.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Kind {
    /// A draft.
    Ron,
    /// Text copied from the published page, tables as `|` rows.
    Txt,
    /// A saved web page.
    Html,
}

impl Kind {
    /// The file ending.
    pub fn ext(self) -> &'static str {
        match self {
            Kind::Ron => "ron",
            Kind::Txt => "txt",
            Kind::Html => "html",
        }
    }

    /// Ron, Txt, Html by turns.
    pub fn nth(i: usize) -> Kind {
        [Kind::Ron, Kind::Txt, Kind::Html][i % 3]
    }
}

const PLACE_1: [&str; 30] = [
    "青", "白", "城", "东", "西", "南", "北", "桃", "柳", "金", "龙", "云", "枫", "兴", "福", "安",
    "宁", "和", "丰", "永", "长", "新", "清", "石", "梅", "竹", "松", "凤", "鹤", "荷",
];
const PLACE_2: [&str; 30] = [
    "禾", "沙", "关", "湖", "岭", "桥", "川", "源", "溪", "山", "泉", "阳", "林", "隆", "田", "平",
    "江", "塘", "坪", "岗", "坝", "湾", "洲", "口", "庄", "峰", "集", "铺", "寨", "渡",
];

/// The i-th unit's place name (unique for i < 900): 青禾, 白禾, …
pub fn place(i: usize) -> String {
    format!("{}{}", PLACE_1[i % 30], PLACE_2[(i / 30 + i) % 30])
}

/// The i-th unit's kind of agency: (short name suffix, full name suffix).
fn agency_kind(i: usize) -> (&'static str, &'static str) {
    match i % 3 {
        0 => ("镇", "镇人民政府"),
        1 => ("街道", "街道办事处"),
        _ => ("乡", "乡人民政府"),
    }
}

/// The county every generated unit belongs to.
pub const COUNTY: &str = "示例县";

/// The i-th unit's full name (示例县青禾镇人民政府) and short name (青禾镇).
pub fn names(i: usize) -> (String, String) {
    let (short, full) = agency_kind(i);
    let p = place(i);
    (format!("{COUNTY}{p}{full}"), format!("{p}{short}"))
}

/// Fills every cell of a report with consistent random figures: tables balance, totals are
/// computed, 规章 0 (a town makes none), the fee in 万元 with up to four decimals.
fn fill_figures(r: &mut Report, rng: &mut Rng) {
    let f = r.format;
    let set = |r: &mut Report, id: &str, v: i64| {
        assert!(r.set_by_id(id, Some(CellValue::Int(v))), "{id}");
    };
    // 表二: generic figures, then the 2021 rules' shapes.
    for table in f.tables.iter().filter(|t| t.id.starts_with("t2")) {
        for ix in table.cells() {
            let info = f.cell(ix).unwrap();
            let v = match info.kind {
                CellKind::Count => CellValue::Int(rng.range(0, 60)),
                CellKind::Signed => CellValue::Int(rng.range(-3, 5)),
                CellKind::Money(_) => {
                    let places = rng.range(0, 4) as u8;
                    let mantissa =
                        rng.range(0, 2_000_000) as i128 / 10i128.pow(4 - u32::from(places));
                    CellValue::Money(Decimal::new(mantissa, places))
                }
            };
            r.set(ix, Some(v));
        }
    }
    if f.id == "gb2021" {
        for col in ["issued", "repealed", "in_force"] {
            set(r, &format!("t2_art20_1.rules.{col}"), 0);
        }
        let issued = rng.range(0, 4);
        let repealed = rng.range(0, 2);
        let in_force = issued + rng.range(repealed, repealed + 15);
        set(r, "t2_art20_1.normative_docs.issued", issued);
        set(r, "t2_art20_1.normative_docs.repealed", repealed);
        set(r, "t2_art20_1.normative_docs.in_force", in_force);
    } else {
        // 2019: 对外公开总数量 ≥ 本年新公开数量; 上一年项目数量 + 增减 ≥ 0.
        for row in ["rules", "normative_docs"] {
            let made = rng.range(0, 5);
            set(r, &format!("t2_art20_1.{row}.made"), made);
            set(r, &format!("t2_art20_1.{row}.published"), made);
            set(
                r,
                &format!("t2_art20_1.{row}.total_published"),
                made + rng.range(0, 20),
            );
        }
        for ix in f
            .cells
            .iter()
            .enumerate()
            .filter(|(_, c)| c.kind == CellKind::Signed)
            .map(|(i, _)| i)
        {
            r.set(ix, Some(CellValue::Int(rng.range(0, 3))));
        }
    }
    // 表三: per applicant column, new + carried in = results + carried out.
    let t3 = f.table("t3").unwrap();
    let leaves: Vec<&str> = t3
        .rows
        .iter()
        .map(|row| row.id.as_str())
        .filter(|id| !["new", "carried_in", "results_total", "carried_out"].contains(id))
        .collect();
    for col in t3.columns.iter().filter(|c| c.id != "total") {
        let big = col.id == "natural";
        let new = if big {
            rng.range(0, 30)
        } else {
            rng.range(0, 3)
        };
        let carried_in = rng.range(0, if big { 3 } else { 1 });
        let carried_out = rng.range(0, (new + carried_in).min(2));
        set(r, &format!("t3.new.{}", col.id), new);
        set(r, &format!("t3.carried_in.{}", col.id), carried_in);
        set(r, &format!("t3.carried_out.{}", col.id), carried_out);
        let mut counts = vec![0i64; leaves.len()];
        for _ in 0..(new + carried_in - carried_out) {
            // Most requests are answered; some land in the rarer rows.
            let leaf = if rng.below(3) > 0 {
                rng.below(2)
            } else {
                rng.below(leaves.len() as u64)
            };
            counts[leaf as usize] += 1;
        }
        for (leaf, count) in leaves.iter().zip(counts) {
            set(r, &format!("t3.{leaf}.{}", col.id), count);
        }
    }
    // 表四.
    let mut totals = [0i64; 3];
    for (g, group) in ["review", "lit_direct", "lit_after_review"]
        .iter()
        .enumerate()
    {
        for col in ["upheld", "corrected", "other", "pending"] {
            let v = if rng.below(3) == 0 {
                rng.range(0, 3)
            } else {
                0
            };
            totals[g] += v;
            set(r, &format!("t4.{group}.{col}"), v);
        }
    }
    // The checker reads "行政诉讼10件" as saying zero ("0件" inside "10件"): keep the prose's
    // review and litigation figures off multiples of ten.
    if totals[0] % 10 == 0 && totals[0] > 0 {
        set(r, "t4.review.pending", figure(r, "t4.review.pending") + 1);
    }
    if (totals[1] + totals[2]) % 10 == 0 && totals[1] + totals[2] > 0 {
        set(
            r,
            "t4.lit_direct.pending",
            figure(r, "t4.lit_direct.pending") + 1,
        );
    }
}

/// A resolved figure of a report as an integer (for the prose).
fn figure(r: &Report, id: &str) -> i64 {
    let ix = r.format.cell_index(id).unwrap();
    r.resolve()[ix]
        .number()
        .and_then(Decimal::to_int)
        .unwrap_or(0)
}

/// An honest unit: the i-th name, random consistent figures, its own prose. The seed decides
/// everything.
pub fn honest_unit(i: usize, year: u16, seed: u64) -> (Report, ProseChoices) {
    let mut rng = Rng::new(seed.wrapping_mul(1_000_003).wrapping_add(i as u64));
    let choices = ProseChoices::new(&mut rng);
    (unit_with(i, year, &choices, &mut rng), choices)
}

/// The i-th unit for `year` with prose from `choices` (another unit's, for a copy).
pub fn unit_with(i: usize, year: u16, choices: &ProseChoices, rng: &mut Rng) -> Report {
    let format = format::for_year(year).unwrap();
    let mut r = Report::new(format, year);
    let (full, short) = names(i);
    r.meta = Meta {
        agency: full.clone(),
        year,
        title: Meta::default_title(&full, year),
        preamble: Meta::default_preamble(year),
        signature_unit: full,
        signature_date: Date::parse(&format!("{}-01-{}", year + 1, 10 + i % 18)),
        ..Meta::default()
    };
    fill_figures(&mut r, rng);
    if format.id == "gb2021" {
        write_prose(&mut r, choices, &short, rng);
    } else {
        r.prose.insert("s1".into(), format!("{year}年，{short}认真贯彻落实条例，主动公开、依申请公开、政府信息管理、平台建设、监督保障各项工作有序开展。"));
        r.prose.insert(
            "s5".into(),
            "存在的问题是公开内容不够全面，下一步将加强培训、完善制度。".into(),
        );
        r.prose.insert("s6".into(), "无。".into());
    }
    r
}

/// Writes a report as `kind` to `dir/name.ext`; returns the path.
pub fn write(r: &Report, dir: &Path, name: &str, kind: Kind) -> PathBuf {
    let path = dir.join(format!("{name}.{}", kind.ext()));
    match kind {
        Kind::Ron => nianbao::io::draft::save(r, &path).unwrap(),
        Kind::Txt => std::fs::write(&path, published_text(r)).unwrap(),
        Kind::Html => std::fs::write(&path, published_page(r)).unwrap(),
    }
    path
}

/// The text a clerk copies from the published page: title, preamble, the six sections with the
/// tables as `|` rows (each merged cell once, where it starts), 落款.
pub fn published_text(r: &Report) -> String {
    let mut out = String::new();
    let _ = writeln!(out, "{}\n{}", r.meta.title, r.meta.preamble);
    let values = r.resolve();
    for section in &r.format.sections {
        let _ = writeln!(out, "{}", r.format.section_heading(section));
        let prose = r.prose(&section.id);
        if !prose.is_empty() {
            let _ = writeln!(out, "{prose}");
        }
        for table_id in &section.tables {
            let table = r.format.table(table_id).unwrap();
            for row in grid_rows(r.format, table, &values) {
                let _ = writeln!(out, "| {} |", row.join(" | "));
            }
            out.push('\n');
        }
    }
    let _ = writeln!(out, "{}", r.meta.signature_unit);
    if let Some(d) = r.meta.signature_date {
        let _ = writeln!(out, "{d}");
    }
    out
}

/// A table's printed rows, each merged cell's text where it starts and blanks where it covers.
fn grid_rows(f: &Format, table: &format::Table, values: &[CellValue]) -> Vec<Vec<String>> {
    let grid = f.printed_grid(table);
    let mut rows = vec![vec![String::new(); grid.columns]; grid.rows];
    for cell in &grid.cells {
        rows[cell.row][cell.col] = match &cell.content {
            GridContent::Label(text) => text.clone(),
            GridContent::Value(ix) => values[*ix].display(),
        };
    }
    rows
}

/// The saved page: the title only in `<title>` and `<h1>`, headings in `<strong>`, tables with
/// rowspan/colspan as printed.
pub fn published_page(r: &Report) -> String {
    let mut out = String::new();
    let _ = write!(
        out,
        "<!DOCTYPE html><html><head><meta charset=\"utf-8\"><title>{}_示例县人民政府</title></head><body>\
<div class=\"nav\">首页 &gt; 政务公开 &gt; 年度报告</div><h1>{}</h1><div class=\"content\"><p>{}</p>",
        r.meta.title, r.meta.title, r.meta.preamble
    );
    let values = r.resolve();
    for section in &r.format.sections {
        let _ = write!(
            out,
            "<p><strong>{}</strong></p>",
            r.format.section_heading(section)
        );
        for line in r.prose(&section.id).lines() {
            let _ = write!(out, "<p>{line}</p>");
        }
        for table_id in &section.tables {
            let table = r.format.table(table_id).unwrap();
            let grid = r.format.printed_grid(table);
            out.push_str("<table border=\"1\">");
            for row in 0..grid.rows {
                out.push_str("<tr>");
                for cell in grid.row_cells(row) {
                    let text = match &cell.content {
                        GridContent::Label(t) => t.clone(),
                        GridContent::Value(ix) => values[*ix].display(),
                    };
                    let _ = write!(
                        out,
                        "<td rowspan=\"{}\" colspan=\"{}\">{text}</td>",
                        cell.row_span, cell.col_span
                    );
                }
                out.push_str("</tr>");
            }
            out.push_str("</table>");
        }
    }
    let _ = write!(out, "<p>{}</p>", r.meta.signature_unit);
    if let Some(d) = r.meta.signature_date {
        let _ = write!(out, "<p>{d}</p>");
    }
    out.push_str("</div><div class=\"footer\">主办：示例县人民政府办公室</div></body></html>");
    out
}

/// `n` honest units of `year` written by turns as .ron, .txt and .html into `dir`; returns the
/// reports (as generated) and their files.
pub fn honest_batch(dir: &Path, n: usize, year: u16, seed: u64) -> Vec<(Report, PathBuf)> {
    (0..n)
        .map(|i| {
            let (r, _) = honest_unit(i, year, seed);
            let path = write(&r, dir, &format!("{:03}-{}", i, place(i)), Kind::nth(i));
            (r, path)
        })
        .collect()
}
