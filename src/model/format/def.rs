//! The serde shape of a format file in `assets/formats/*.ron`.
//!
//! These structs mirror the RON text one to one; [`super::Format`] compiles them into the indexed
//! form the rest of the program uses. A check is one generic [`CheckKind`]: written with cell ids
//! (`CheckKind<String>`, read from the file) and compiled with cell indices (`CheckKind<CellIx>`,
//! read by the checker), so a new kind of check is one variant here, one arm in the compiler and
//! one in the checker.

use std::fmt::Debug;

use serde::Deserialize;

/// One official report format, as written in its RON file.
#[derive(Debug, Clone, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct FormatDef {
    /// Short id stored in drafts: `gb2021`, `gb2019`.
    pub id: String,
    /// Name shown to the clerk.
    pub name: String,
    /// First report year that uses this format. It is used until the year before the next
    /// format's first year (the registry works that out; no file names its own end).
    pub first_year: u16,
    /// The six numbered sections, in order.
    pub sections: Vec<SectionDef>,
    /// Every table, referenced from the sections by id.
    pub tables: Vec<TableDef>,
    /// The consistency rules (勾稽关系) with their ids and severities.
    pub rules: Vec<RuleDef>,
    /// What carries over from last year's report when starting next year's draft.
    #[serde(default)]
    pub rollover: Vec<CarryDef>,
    /// How drafts in an older format move into this one.
    #[serde(default)]
    pub migrations: Vec<MigrationDef>,
    /// How a county office's 汇总 of reports in this format compares and starts the total.
    #[serde(default)]
    pub summary: SummaryDef,
    /// The standard data sentences (absent: none).
    #[serde(default)]
    pub sentences: super::sentences::SentencesDef,
}

/// The 汇总 settings of a format (`summary:` in the file; absent: nothing compared, no template).
#[derive(Debug, Clone, Default, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct SummaryDef {
    /// 内容雷同: which sections of two units' reports are compared, and from when they count as
    /// copied.
    #[serde(default)]
    pub similar: SimilarDef,
    /// Prose the total starts with where the format gives a section no sub-headings.
    #[serde(default)]
    pub templates: Vec<TemplateDef>,
}

/// How two units' prose is compared for 内容雷同 (character 4-grams, figures, unit names and
/// sub-headings masked).
#[derive(Debug, Clone, Default, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct SimilarDef {
    /// The sections compared (`s1`, `s5`, `s6`).
    pub sections: Vec<String>,
    /// Sections shorter than this (characters, after masking) are not compared: "无。" is no copy.
    pub min_chars: usize,
    /// The 4-gram overlap (Jaccard, 0–1) from which two sections count as copied.
    pub threshold: f64,
}

/// A section's prose in a new 汇总 total.
#[derive(Debug, Clone, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct TemplateDef {
    /// Section id.
    pub section: String,
    /// The text (sub-headings separated by blank lines).
    pub text: String,
}

/// Whether a section has prose the clerk writes.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Deserialize, Default)]
pub enum ProseKind {
    /// The section is prose (一, 五, 六).
    Main,
    /// A table section that may carry an optional explanatory paragraph.
    #[default]
    Optional,
}

/// A numbered section of the report (一 … 六).
#[derive(Debug, Clone, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct SectionDef {
    /// `s1` … `s6`.
    pub id: String,
    /// The Chinese ordinal: 一 … 六.
    pub number: String,
    /// The official title without the ordinal.
    pub title: String,
    /// Variant titles seen in published reports (the importer accepts them).
    #[serde(default)]
    pub aliases: Vec<String>,
    /// Tables printed in this section, in order.
    #[serde(default)]
    pub tables: Vec<String>,
    /// Whether the section is mainly prose.
    #[serde(default)]
    pub prose: ProseKind,
    /// Suggested sub-headings of the prose (（一）主动公开 …).
    #[serde(default)]
    pub sub_blocks: Vec<String>,
}

/// How a table's logical rows are printed.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Deserialize, Default)]
pub enum Layout {
    /// One printed row per logical row, with row labels on the left (tables 二 and 三).
    #[default]
    Rows,
    /// All logical rows side by side in one printed row; the row labels go into the header
    /// (table 四: 行政复议 | 行政诉讼 › 未经复议直接起诉 | 复议后起诉).
    SingleRow,
}

/// Unit of a money column.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Deserialize, serde::Serialize)]
pub enum MoneyUnit {
    /// 元
    Yuan,
    /// 万元
    Wan,
}

/// What a cell holds.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Deserialize, Default)]
pub enum CellKind {
    /// A count, an integer ≥ 0.
    #[default]
    Count,
    /// A signed integer (2019 本年增/减).
    Signed,
    /// An exact decimal amount ≥ 0 in the given unit.
    Money(MoneyUnit),
}

/// A data column.
#[derive(Debug, Clone, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct ColumnDef {
    /// Id used in cell ids (`natural`, `total`).
    pub id: String,
    /// Verbatim header label.
    pub label: String,
    /// Group labels printed above this column, outermost first (申请人情况 › 法人或其他组织).
    #[serde(default)]
    pub path: Vec<String>,
    /// What the cells of this column hold.
    #[serde(default)]
    pub kind: CellKind,
}

/// A node of a table's row tree.
#[derive(Debug, Clone, Deserialize)]
pub enum RowNode {
    /// A data row.
    Row {
        /// Id used in cell ids.
        id: String,
        /// Verbatim label.
        label: String,
        /// Other labels published reports print for this row (the other format's name for it,
        /// or the single row an older format had where this one splits it); the importer reads
        /// them as this row, with a note.
        #[serde(default)]
        aliases: Vec<String>,
    },
    /// A group label spanning its children (三、本年度办理结果 › （三）不予公开).
    Group {
        /// Id of the group.
        id: String,
        /// Verbatim label.
        label: String,
        /// The rows and groups under it.
        children: Vec<RowNode>,
    },
}

/// A table of the report.
#[derive(Debug, Clone, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct TableDef {
    /// `t2_art20_1`, `t3`, `t4`.
    pub id: String,
    /// How the table is named to the clerk (表三).
    pub name: String,
    /// The caption row printed above the header (第二十条第（一）项), if any.
    #[serde(default)]
    pub caption: String,
    /// The header cell above the row labels (信息内容, or table 三's 勾稽 note).
    #[serde(default)]
    pub corner: String,
    /// How many printed columns the row labels take.
    pub label_columns: usize,
    /// Printed layout.
    #[serde(default)]
    pub layout: Layout,
    /// Data columns.
    pub columns: Vec<ColumnDef>,
    /// Row tree.
    pub rows: Vec<RowNode>,
}

/// Severity of a rule.
#[derive(
    Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash, Deserialize, serde::Serialize,
)]
pub enum Severity {
    /// May be overridden by the clerk with a note.
    Warning,
    /// Must be fixed before the report is final.
    Error,
}

impl Severity {
    /// The word the clerk reads: 错误 or 警告.
    pub fn label(self) -> &'static str {
        match self {
            Severity::Error => "错误",
            Severity::Warning => "警告",
        }
    }
}

/// A rule with its id, severity and checks.
#[derive(Debug, Clone, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct RuleDef {
    /// Rule id (`T3-BAL`), as listed in `docs/format-<id>.md`.
    pub id: String,
    /// Error or warning.
    pub severity: Severity,
    /// One-line Chinese description.
    pub title: String,
    /// Where the rule comes from, short (`国办公开办函〔2021〕30号 表三注`, `第三方校验 … [S6]`);
    /// the `[Sx]` tags and `§` are those of the team's FORMAT.md. Empty in older format files.
    #[serde(default)]
    pub source: String,
    /// The checks that make up the rule.
    pub checks: Vec<CheckDef>,
}

/// One check of a rule with its message template.
#[derive(Debug, Clone, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct CheckDef {
    /// What is checked.
    pub kind: CheckKind<String>,
    /// Chinese message with `{placeholders}` (`{label}`, `{expected}`, `{actual}`, …).
    pub message: String,
    /// For a sum or an equality: what putting one cell right achieves, completing “此格应为 N，”
    /// (`使“{label}”列第一项加第二项之和等于第三项加第四项之和`). Empty: the rule's title is used.
    #[serde(default)]
    pub hint: String,
    /// For a sum: the message when the total is left blank beside parts that have figures
    /// (`表三“{label}”行：总计栏空白，各栏之和为 {expected}`). Empty: a plain one is used.
    #[serde(default)]
    pub blank: String,
    /// For an equality whose expected figure comes out below 0 (last year's figures minus this
    /// year's, say): the message then, since a negative count is no figure to type
    /// (`表二“{label}”：…为 {expected}，不可能为负数…`). Empty: `message` is used.
    #[serde(default)]
    pub negative: String,
}

/// Which axis of a table a sum runs along.
#[derive(Debug, Clone, Deserialize)]
pub enum SumTotal {
    /// For every row, this column is the sum of the other columns.
    Column(String),
    /// For every column, this row is the sum of the other rows of its group.
    Row(String),
}

/// What a `*` in a cell pattern ranges over.
#[derive(Debug, Clone, Deserialize)]
pub enum Each {
    /// Every data row id of the table.
    Rows(String),
    /// Every column id of the table.
    Columns(String),
    /// The given strings.
    List(Vec<String>),
}

/// Comparison operator.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Deserialize)]
pub enum Op {
    /// `=`
    Eq,
    /// `≥`
    Ge,
    /// `≤`
    Le,
}

/// A prose subject for [`CheckKind::ProseZero`].
#[derive(Debug, Clone, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct ZeroSubject<C> {
    /// Word naming the subject in the prose (行政复议).
    pub cue: String,
    /// Cells that must all be zero when the prose says the subject is zero.
    pub cells: Vec<C>,
}

/// How a stage of a format names cells: [`String`] ids as written in the file, [`super::CellIx`]
/// indices once compiled. The two checks that expand over a table's rows or columns change shape
/// as well, so they are named here too.
pub trait CellRef: Debug + Clone {
    /// A [`CheckKind::Sum`]: as written, a table and its total; compiled, one instance per row or
    /// column.
    type Sum: Debug + Clone;
    /// A [`CheckKind::Compare`]: as written, cell patterns; compiled, one instance per element.
    type Compare: Debug + Clone;
}

impl CellRef for String {
    type Sum = SumDef;
    type Compare = CompareDef;
}

/// A sum as written: which table, and which of its rows or columns is the total.
#[derive(Debug, Clone, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct SumDef {
    /// Table id.
    pub table: String,
    /// Which row or column is the total.
    pub total: SumTotal,
}

/// `Σ left op Σ right` for each element of `each`, as written. A term is a cell pattern; `*` is
/// replaced by the element, a leading `-` subtracts it, a `prev.` prefix reads last year's report.
#[derive(Debug, Clone, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct CompareDef {
    /// What `*` ranges over.
    pub each: Each,
    /// Terms of the left side (the figure as written).
    pub left: Vec<String>,
    /// The operator.
    pub op: Op,
    /// Terms of the right side (the expected figure).
    pub right: Vec<String>,
}

/// A figure stated in the prose after a cue word equals the sum of the cells.
#[derive(Debug, Clone, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct ProseFigure<C> {
    /// Sections whose prose is read.
    pub sections: Vec<String>,
    /// Words after which the figure is stated.
    pub cues: Vec<String>,
    /// The clause must also contain one of these words (empty: no condition).
    #[serde(default)]
    pub requires: Vec<String>,
    /// The clause must contain none of these words.
    #[serde(default)]
    pub excludes: Vec<String>,
    /// A figure counted in one of these units is no figure of these cells (`条`: items of
    /// information, where the cells count applications).
    #[serde(default)]
    pub not_units: Vec<String>,
    /// Cells whose sum the figure must equal.
    pub cells: Vec<C>,
    /// How the cells are named in messages (`{name}`: 表三“（一）予以公开”行“总计”列). A
    /// figure stated for this cue and others together ("予以公开及部分公开258件") is compared
    /// with their sum only where every one of them has a name.
    #[serde(default)]
    pub name: String,
}

/// A clause saying a subject is zero (均为0) implies its cells are all zero.
#[derive(Debug, Clone, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct ProseZero<C> {
    /// Sections whose prose is read.
    pub sections: Vec<String>,
    /// The subjects that may be named.
    pub subjects: Vec<ZeroSubject<C>>,
}

/// The section mentions one word of every group.
#[derive(Debug, Clone, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct ProseMentions {
    /// Section id.
    pub section: String,
    /// Each group needs one of its words to appear.
    pub groups: Vec<Vec<String>>,
}

/// The section has real content.
#[derive(Debug, Clone, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct ProseSubstance {
    /// Section id.
    pub section: String,
    /// Minimum number of non-space characters.
    pub min_chars: usize,
    /// Texts that do not count as content.
    pub forbidden: Vec<String>,
}

/// The prose is not a copy of last year's.
#[derive(Debug, Clone, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct NotCopied {
    /// Sections compared.
    pub sections: Vec<String>,
}

/// The kinds of check, generic over how cells are named (see [`CellRef`]). In a format file a
/// variant is written with its fields directly: `Sum(table: "t3", total: Column("total"))`.
#[derive(Debug, Clone, Deserialize)]
#[serde(bound(
    deserialize = "C: Deserialize<'de>, C::Sum: Deserialize<'de>, C::Compare: Deserialize<'de>"
))]
pub enum CheckKind<C: CellRef> {
    /// A derived total equals the sum of its parts; the total cells are derived.
    Sum(C::Sum),
    /// `Σ left op Σ right` for each element.
    Compare(C::Compare),
    /// Counts and money are ≥ 0.
    NonNegative,
    /// Entries are numbers.
    ValidEntry,
    /// No blank or "/" cells (one finding per table).
    Filled,
    /// The report year uses this format.
    FormatYear,
    /// A figure stated in the prose equals the sum of cells.
    ProseFigure(ProseFigure<C>),
    /// A clause saying a subject is zero implies its cells are zero.
    ProseZero(ProseZero<C>),
    /// The section mentions one word of every group.
    ProseMentions(ProseMentions),
    /// The section has real content.
    ProseSubstance(ProseSubstance),
    /// The prose is not a copy of last year's.
    NotCopied(NotCopied),
    /// The years named in the prose are the report's (P-YEAR).
    ProseYears(ProseYears),
    /// A figure did not jump against last year's (Y-JUMP).
    YearJump(YearJump<C>),
    /// The preamble's 统计期限 is the report year (M-PERIOD).
    StatPeriod(StatPeriod),
    /// The 成文日期 is within the legal deadline (M-DEADLINE).
    Deadline(Deadline),
    /// The 成文日期 is a real date (M-DATE).
    ValidDate,
    /// A 同比 percentage in the prose agrees with this year's and last year's figures (Y-PCT).
    YearOnYear(YearOnYear<C>),
}

/// With last year's figures: a change stated in the prose ("收到申请120件，同比增长20%") is the
/// change of the quantity the phrase names, within `tolerance` percentage points (or the exact
/// change rounded to the decimals the prose gives). A quantity is named in the clause before the
/// change ("收到申请同比增长20%") or, where the change's clause has no subject ("同比增长20%"),
/// by a count in the clause just before it in the same sentence; another scope (全市 …) or a
/// clause naming no quantity or two says nothing.
#[derive(Debug, Clone, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct YearOnYear<C> {
    /// Sections whose prose is read.
    pub sections: Vec<String>,
    /// Words that introduce a change against last year (同比, 较上年 …); `{last}` stands for
    /// last year's year (较{last}年: 较2024年 in a report on 2025).
    pub cues: Vec<String>,
    /// Words of a rise (增长, 上升 …), of a fall (下降, 减少 …), of no change (持平).
    pub up: Vec<String>,
    /// See [`Self::up`].
    pub down: Vec<String>,
    /// See [`Self::up`].
    pub same: Vec<String>,
    /// The allowed difference in percentage points (`"0.01"`).
    pub tolerance: String,
    /// The quantities a change may be of, each with its base.
    pub quantities: Vec<YoyQuantity<C>>,
}

/// A quantity whose change the prose may state, and how a clause names it.
#[derive(Debug, Clone, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct YoyQuantity<C> {
    /// How the message names the base (新收, 收办（新收加上年结转）).
    pub base: String,
    /// Words that name it.
    pub cues: Vec<String>,
    /// The clause must also contain one of these words (empty: no condition).
    #[serde(default)]
    pub requires: Vec<String>,
    /// The clause must contain none of these words.
    #[serde(default)]
    pub excludes: Vec<String>,
    /// The cells whose sum is the quantity, this year and last.
    pub cells: Vec<C>,
}

/// The years named in the prose are the report year or close to it. Not counted: `N年以来`,
/// years inside 《》, “” or 〔〕 (titles, quotations, 文号), clauses about a 统计期限 (another
/// document's), and a range of years that reaches the allowed ones (2021—2025年).
#[derive(Debug, Clone, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct ProseYears {
    /// Sections whose prose is read.
    pub sections: Vec<String>,
    /// How many years before the report year are fine (the year before: 1).
    pub before: u16,
    /// How many years after it are fine (the year of publication and its plans: 1).
    pub after: u16,
    /// Words of a clause about a statistical period (统计期限): its years are another
    /// document's period and are not read.
    #[serde(default)]
    pub periods: Vec<String>,
}

/// With last year's figures: a cell that grew to `factor` times last year's or more, or fell
/// to `1/factor` or less, where the larger of the two is at least `floor`.
#[derive(Debug, Clone, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct YearJump<C> {
    /// Cells compared with the same cell of last year's report.
    pub cells: Vec<C>,
    /// The ratio that counts as a jump.
    pub factor: u32,
    /// Below this (the larger of the two figures), changes are not worth a question.
    pub floor: i64,
}

/// The 统计期限 stated in the preamble.
#[derive(Debug, Clone, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct StatPeriod {
    /// Words that introduce the period (统计期限).
    pub cues: Vec<String>,
}

/// The deadline for publishing the report (条例第四十九条).
#[derive(Debug, Clone, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Deadline {
    /// How the name of a 县级以上 本级人民政府 ends (区人民政府); other agencies — departments,
    /// their 办公室, 乡镇 and 街道 — have the earlier deadline.
    pub government_endings: Vec<String>,
    /// (month, day) of the next year by which a 本级人民政府's report is published.
    pub government: (u8, u8),
    /// (month, day) of the next year for every other report.
    pub others: (u8, u8),
    /// What the message calls a report with the later deadline (`{kind}`).
    #[serde(default = "government_kind")]
    pub government_kind: String,
    /// What the message calls every other report.
    #[serde(default = "others_kind")]
    pub others_kind: String,
}

/// The name of the reports with the later deadline in a format file that gives none.
fn government_kind() -> String {
    "本级人民政府".to_owned()
}

/// The name of every other report in a format file that gives none.
fn others_kind() -> String {
    "政府部门、乡镇、街道".to_owned()
}

/// A value carried from last year's report into next year's draft.
#[derive(Debug, Clone, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct CarryDef {
    /// What `*` ranges over.
    pub each: Each,
    /// Target cell pattern in the new draft.
    pub to: String,
    /// Terms summed from last year's report.
    pub from: Vec<String>,
}

/// How to move a draft of an older format into this one.
#[derive(Debug, Clone, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct MigrationDef {
    /// The older format's id.
    pub from: String,
    /// Cells that move to another id, or are dropped with an explanation.
    #[serde(default)]
    pub moves: Vec<MoveDef>,
    /// Cells new in this format that the clerk must fill.
    #[serde(default)]
    pub added: Vec<AddedDef>,
    /// Prose sections that need new content.
    #[serde(default)]
    pub prose: Vec<ProseNoteDef>,
}

/// A cell that moves (or deliberately does not) during migration.
#[derive(Debug, Clone, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct MoveDef {
    /// Old cell pattern (`*` for every column).
    pub from: String,
    /// New cell pattern; `None` drops the value.
    pub to: Option<String>,
    /// Why, shown to the clerk.
    pub note: String,
}

/// A cell new in this format.
#[derive(Debug, Clone, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct AddedDef {
    /// Cell id.
    pub cell: String,
    /// What the clerk must do.
    pub note: String,
}

/// A prose section that needs attention after migration.
#[derive(Debug, Clone, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct ProseNoteDef {
    /// Section id.
    pub section: String,
    /// What the clerk must do.
    pub note: String,
}
