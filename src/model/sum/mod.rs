//! 汇总: a county office's batch of unit reports — which are summed and which are not (and why),
//! the same report filed twice, units on the roster that filed nothing, prose copied between
//! units — and the total as a draft of the same format, with every summed cell's contributions.
//!
//! Pure: the io layer (`io::batch`) finds and reads the files and hands over what each gave, in
//! order; `summarize` decides everything else. The 汇总 window and `nianbao sum` both call it.

mod against;
mod decide;
mod matrix;
mod returns;
mod roster;
mod similar;
mod total;

use std::fmt;

use super::check::{self, Finding};
use super::decimal::Decimal;
use super::format::{self, CellIx, Format};
use super::report::{Note, NoteKind, Report};

pub use matrix::{Matrix, MatrixColumn, MatrixRow};
pub use returns::ReturnNote;
pub use roster::{normalize_name, parse_roster};
pub use similar::{SectionText, section_similarity};

/// One file of the batch as the io layer read it.
#[derive(Debug)]
pub struct UnitInput {
    /// The file, as shown to the clerk (a path).
    pub file: String,
    /// The report, or why it could not be read (the Chinese load error).
    pub read: Result<Report, String>,
}

/// What the office asks for.
#[derive(Debug, Clone, Default)]
pub struct SumOptions {
    /// The report year to sum; `None`: the year most units filed (the later one on a tie).
    pub year: Option<u16>,
    /// The agency of the total (全县/本级); `None`: the county the units' names share, if any.
    pub agency: Option<String>,
    /// Unit names that must file (花名册); empty: no roster.
    pub roster: Vec<String>,
}

/// Whether a unit is in the total.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord)]
pub enum Status {
    /// Summed.
    Included,
    /// Not summed (see the unit's reasons).
    Excluded,
}

impl Status {
    /// `included` / `excluded` (JSON).
    pub fn id(self) -> &'static str {
        match self {
            Status::Included => "included",
            Status::Excluded => "excluded",
        }
    }

    /// 计入 / 未计入.
    pub fn label(self) -> &'static str {
        match self {
            Status::Included => "计入",
            Status::Excluded => "未计入",
        }
    }
}

/// Why a unit is not summed, or what the office should know about a unit that is.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Reason {
    /// Excluded: a report of another year.
    WrongYear {
        /// The unit's year.
        year: u16,
        /// The year summed.
        expected: u16,
    },
    /// Excluded: the same report as an earlier file (same agency and figures, or same content).
    Duplicate {
        /// The unit that is summed instead.
        of: usize,
        /// The file of that unit.
        file: String,
    },
    /// Excluded: the file could not be read.
    Unreadable(String),
    /// Excluded: no built-in format covers the year.
    NoFormat(u16),
    /// Included: filed in another format, moved into the year's format.
    Migrated {
        /// The format filed.
        from: String,
        /// The format summed.
        to: String,
        /// How many notes the move left.
        notes: usize,
    },
    /// Included: the same agency filed another report with other figures; both are summed.
    SameAgency {
        /// The other unit.
        other: usize,
        /// Its file.
        file: String,
    },
    /// Included: cells holding text instead of a number were left out of the total.
    TextCells(usize),
}

impl fmt::Display for Reason {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self {
            Reason::WrongYear { year, expected } => {
                write!(
                    f,
                    "年份不符：这是 {year} 年度的报告，汇总的是 {expected} 年度"
                )
            }
            Reason::Duplicate { file, .. } => {
                write!(f, "重复报送：与“{file}”是同一份报告，只计入一次")
            }
            Reason::Unreadable(error) => write!(f, "无法读取：{error}"),
            Reason::NoFormat(year) => write!(f, "{year} 年度没有适用的报告格式"),
            Reason::Migrated { from, to, notes } => write!(
                f,
                "使用的是{from}，已转换为{to}计入（{notes} 条转换提示，请核对）"
            ),
            Reason::SameAgency { file, .. } => write!(
                f,
                "同一单位另有一份数字不同的报告“{file}”，两份都已计入，请确认哪一份有效"
            ),
            Reason::TextCells(n) => {
                write!(f, "有 {n} 个单元格填的不是数字，未计入合计")
            }
        }
    }
}

/// One file of the batch and what became of it.
#[derive(Debug, Clone)]
pub struct Unit {
    /// The file, as the io layer named it.
    pub file: String,
    /// The agency (机关名称), or the 落款 unit when the report names none; empty if unknown.
    pub agency: String,
    /// The report year, if the file was read.
    pub year: Option<u16>,
    /// The format the unit filed in, if the file was read.
    pub format: Option<&'static Format>,
    /// Summed or not.
    pub status: Status,
    /// Why not, or what to know.
    pub reasons: Vec<Reason>,
    /// The unit's own check (as filed).
    pub findings: Vec<Finding>,
    /// Errors among the findings.
    pub errors: usize,
    /// Warnings among the findings.
    pub warnings: usize,
    /// The roster name this unit answers to, when a roster was given.
    pub roster_name: Option<String>,
    /// The report as filed.
    pub report: Option<Report>,
    /// Every cell of the total's format as this unit's figures give it (empty unless summed):
    /// the row of the matrix.
    pub values: Vec<super::value::CellValue>,
}

impl Unit {
    /// The reasons as one line (JSON `reason`, the table's 说明 column); `None` if there are none.
    pub fn reason_text(&self) -> Option<String> {
        (!self.reasons.is_empty()).then(|| {
            self.reasons
                .iter()
                .map(ToString::to_string)
                .collect::<Vec<_>>()
                .join("；")
        })
    }

    /// The name to show: the agency, else the file name.
    pub fn name(&self) -> &str {
        if self.agency.is_empty() {
            file_name(&self.file)
        } else {
            &self.agency
        }
    }
}

/// The last component of a path written with `/` or `\`.
pub fn file_name(file: &str) -> &str {
    file.rsplit(['/', '\\']).next().unwrap_or(file)
}

/// Two units whose prose in one section is near-identical (内容雷同).
#[derive(Debug, Clone, PartialEq)]
pub struct Similar {
    /// The two units (indices into [`Summary::units`], the earlier first).
    pub units: [usize; 2],
    /// The section (one of the format's `summary.similar.sections`: `s1`, `s5`, `s6`).
    pub section: String,
    /// Character 4-gram overlap (Jaccard), figures and unit names masked, 0–1.
    pub score: f64,
}

/// The batch summed.
#[derive(Debug, Clone)]
pub struct Summary {
    /// The year summed (`None` when no file could be read).
    pub year: Option<u16>,
    /// Every file, in the order given.
    pub units: Vec<Unit>,
    /// Roster names no file answers to.
    pub missing: Vec<String>,
    /// The same report filed twice: (the unit summed, the unit left out).
    pub duplicates: Vec<(usize, usize)>,
    /// Copied prose between summed units, highest score first.
    pub similar: Vec<Similar>,
    /// The total: a draft of the year's format (`None` when no unit could be summed).
    pub total: Option<Report>,
    /// For every cell of the total, the units' non-zero figures, largest first.
    contributions: Vec<Vec<(usize, Decimal)>>,
}

impl Summary {
    /// The units summed.
    pub fn included(&self) -> impl Iterator<Item = (usize, &Unit)> {
        self.units
            .iter()
            .enumerate()
            .filter(|(_, u)| u.status == Status::Included)
    }

    /// What each unit contributed to a cell of the total (unit index, figure), largest first;
    /// units with 0 are left out. For the hover over a summed cell.
    pub fn contributors(&self, cell: CellIx) -> &[(usize, Decimal)] {
        self.contributions.get(cell).map_or(&[], Vec::as_slice)
    }

    /// The unit × cell breakdown (`None` without a total).
    pub fn matrix(&self) -> Option<Matrix> {
        matrix::build(self)
    }

    /// A 退回意见 for every unit the office should send back (findings, copied prose, another
    /// year, an unreadable file).
    pub fn return_notes(&self) -> Vec<ReturnNote> {
        returns::build(self)
    }

    /// A section's number in the total's format (一 for `s1`), for the 内容雷同 lists; the id
    /// itself when there is no total.
    pub fn section_number(&self, section: &str) -> String {
        self.total
            .as_ref()
            .and_then(|t| t.format.section(section))
            .map_or_else(|| section.to_owned(), |s| s.number.clone())
    }

    /// The format whose 汇总 settings apply: the summed year's (the current one when no file
    /// could be read).
    pub fn format(&self) -> Option<&'static Format> {
        self.year
            .and_then(format::for_year)
            .or_else(format::current)
    }

    /// What 内容雷同 compares, for the clerk (see [`similar_scope`]); empty without a format.
    pub fn similar_scope(&self) -> String {
        self.format().map(similar_scope).unwrap_or_default()
    }

    /// Checks a 本级/全县 report against the total: one `H-SUM` error per differing cell.
    pub fn against(&self, report: &Report) -> Vec<Finding> {
        against::check(self, report)
    }
}

/// A column of the 汇总 window's unit table, to sort by.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum UnitColumn {
    /// 名称.
    Name,
    /// 文件.
    File,
    /// 年度.
    Year,
    /// 格式.
    Format,
    /// 状态 (excluded first when ascending: they need a look).
    Status,
    /// 错误.
    Errors,
    /// 警告.
    Warnings,
}

impl Summary {
    /// The units' indices sorted by a column (ties keep the batch's order).
    pub fn sorted(&self, column: UnitColumn, ascending: bool) -> Vec<usize> {
        let mut order: Vec<usize> = (0..self.units.len()).collect();
        let key = |i: &usize| self.units.get(*i);
        order.sort_by(|a, b| {
            let (Some(ua), Some(ub)) = (key(a), key(b)) else {
                return std::cmp::Ordering::Equal;
            };
            let ordering = match column {
                UnitColumn::Name => ua.name().cmp(ub.name()),
                UnitColumn::File => ua.file.cmp(&ub.file),
                UnitColumn::Year => ua.year.cmp(&ub.year),
                UnitColumn::Format => ua.format.map(|f| &f.id).cmp(&ub.format.map(|f| &f.id)),
                UnitColumn::Status => ub.status.cmp(&ua.status),
                UnitColumn::Errors => ua.errors.cmp(&ub.errors),
                UnitColumn::Warnings => ua.warnings.cmp(&ub.warnings),
            };
            if ascending {
                ordering
            } else {
                ordering.reverse()
            }
        });
        order
    }
}

/// Sections named by their numbers in `format`, for a message: `第一、五、六部分` (an id the
/// format does not have is named as it is).
pub fn sections_text<'a>(format: &Format, ids: impl IntoIterator<Item = &'a str>) -> String {
    let numbers: Vec<String> = ids
        .into_iter()
        .map(|id| {
            format
                .section(id)
                .map_or_else(|| id.to_owned(), |s| s.number.clone())
        })
        .collect();
    format!("第{}部分", numbers.join("、"))
}

/// What 内容雷同 compares in `format`, from its `summary.similar`:
/// `比较第一、五、六部分，去掉数字和单位名称后相同片段占 80% 以上才列出`.
pub fn similar_scope(format: &Format) -> String {
    let similar = &format.summary.similar;
    format!(
        "比较{}，去掉数字和单位名称后相同片段占 {:.0}% 以上才列出",
        sections_text(format, similar.sections.iter().map(String::as_str)),
        similar.threshold * 100.0
    )
}

/// Reads the batch: checks every unit, decides which are summed, and sums them.
pub fn summarize(inputs: Vec<UnitInput>, options: &SumOptions) -> Summary {
    let mut units: Vec<Unit> = inputs.into_iter().map(read_unit).collect();
    let year = options.year.or_else(|| decide::common_year(&units));
    let mut summary = Summary {
        year,
        units: Vec::new(),
        missing: Vec::new(),
        duplicates: Vec::new(),
        similar: Vec::new(),
        total: None,
        contributions: Vec::new(),
    };
    let Some(year) = year else {
        summary.missing = roster::missing(&options.roster, &mut units);
        summary.units = units;
        return summary;
    };
    let target = format::for_year(year);
    for unit in &mut units {
        match (unit.year, target) {
            (Some(y), _) if y != year => {
                unit.status = Status::Excluded;
                unit.reasons.push(Reason::WrongYear {
                    year: y,
                    expected: year,
                });
            }
            (Some(_), None) => {
                unit.status = Status::Excluded;
                unit.reasons.push(Reason::NoFormat(year));
            }
            _ => {}
        }
    }
    summary.duplicates = decide::mark_duplicates(&mut units);
    summary.missing = roster::missing(&options.roster, &mut units);
    if let Some(format) = target {
        decide::flag_same_agency(&mut units);
        let agency = options
            .agency
            .clone()
            .unwrap_or_else(|| decide::common_county(&units));
        let totals = total::sum(format, year, &agency, &mut units);
        let mut report = totals.report;
        report.notes.extend(batch_notes(&units));
        summary.contributions = totals.contributions;
        if units.iter().any(|u| u.status == Status::Included) {
            summary.total = Some(report);
        }
    }
    summary.similar = target.map_or_else(Vec::new, |f| similar::find(&units, &f.summary.similar));
    summary.units = units;
    summary
}

/// A unit from what the io layer read: checked as filed.
fn read_unit(input: UnitInput) -> Unit {
    let mut unit = Unit {
        file: input.file,
        agency: String::new(),
        year: None,
        format: None,
        status: Status::Included,
        reasons: Vec::new(),
        findings: Vec::new(),
        errors: 0,
        warnings: 0,
        roster_name: None,
        report: None,
        values: Vec::new(),
    };
    match input.read {
        Ok(report) => {
            let findings = check::check(&report);
            (unit.errors, unit.warnings) = check::tally(&findings);
            unit.findings = findings;
            unit.agency = if report.meta.agency.trim().is_empty() {
                report.meta.signature_unit.trim().to_owned()
            } else {
                report.meta.agency.trim().to_owned()
            };
            unit.year = Some(report.meta.year);
            unit.format = Some(report.format);
            unit.report = Some(report);
        }
        Err(error) => {
            unit.status = Status::Excluded;
            unit.reasons.push(Reason::Unreadable(error));
        }
    }
    unit
}

/// The total's notes on the batch: one per unit left out, moved between formats or flagged.
fn batch_notes(units: &[Unit]) -> Vec<Note> {
    units
        .iter()
        .filter(|u| !u.reasons.is_empty())
        .map(|u| Note {
            kind: NoteKind::Sum,
            cell: None,
            section: None,
            text: format!(
                "{}“{}”（{}）：{}",
                u.status.label(),
                u.name(),
                u.file,
                u.reason_text().unwrap_or_default()
            ),
        })
        .collect()
}

#[cfg(test)]
mod tests;
