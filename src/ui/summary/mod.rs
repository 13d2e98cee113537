//! The 汇总 window (文件 → 汇总…): a county office chooses the folder of its units' reports (and
//! the roster of who must file), sees every unit checked in a sortable table with what was left
//! out and why, the units that filed nothing, the same report filed twice and copied prose; then
//! opens a unit in the editor, generates the total as a new draft, exports the breakdown or
//! writes the 退回意见. It fills the middle of the editor's window (the menu and status bar stay),
//! so it fits a 1024×600 screen; the folder is read on a worker thread ([`job`]).
//!
//! The window only reports what the clerk asked for ([`SumAction`]); the app does it.

mod job;
mod lists;
mod table;

use std::path::PathBuf;
use std::sync::Arc;

use egui::{RichText, Ui};

use crate::model::Severity;
use crate::model::decimal::Decimal;
use crate::model::format::CellIx;
use crate::model::sum::{SumOptions, Summary, UnitColumn};
use crate::ui::document::Document;
use crate::ui::theme;

pub use job::{Poll, Reading};

/// What the clerk asked the 汇总 window for.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum SumAction {
    /// 选择文件夹….
    ChooseFolder,
    /// 选择名单….
    ChooseRoster,
    /// 不用名单.
    DropRoster,
    /// Read the folder again (重新读取, or another year chosen).
    Reread,
    /// 取消 the reading.
    Cancel,
    /// Open a unit (index into the summary's units) in the editor.
    OpenUnit(usize),
    /// 生成汇总报告.
    Generate,
    /// 导出明细….
    ExportMatrix,
    /// 写出退回意见….
    WriteReturns,
    /// 返回编辑器.
    Back,
}

/// A path the 汇总 asks the clerk for.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum SumPath {
    /// The folder of the units' reports.
    Folder,
    /// The roster (.txt).
    Roster,
    /// Where the breakdown is written (.xlsx/.csv).
    Matrix,
    /// The folder the 退回意见 go into.
    Returns,
}

/// The folder read and summed.
pub struct SumResult {
    /// The folder.
    pub folder: PathBuf,
    /// Each unit's file, in the order of the summary's units.
    pub files: Vec<PathBuf>,
    /// The summary (shared with the total's draft while it is open).
    pub summary: Arc<Summary>,
}

/// Which list the lower part shows.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default)]
enum Tab {
    /// Every unit.
    #[default]
    Units,
    /// On the roster, filed nothing.
    Missing,
    /// Filed twice.
    Duplicates,
    /// Copied prose.
    Similar,
}

/// The 汇总 window's state: kept while the editor shows a unit or the total, so the clerk comes
/// back to the same table.
pub struct SumWindow {
    /// Whether it is on screen (else the editor is, with a 返回汇总 button).
    pub shown: bool,
    /// The folder chosen.
    pub folder: Option<PathBuf>,
    /// The roster chosen, and the names read from it.
    pub roster: Option<(PathBuf, Vec<String>)>,
    /// The year to sum; `None`: the year most units filed.
    pub year: Option<u16>,
    /// The agency of the total (prefilled with the county the units share).
    pub agency: String,
    /// Whether the clerk typed the agency (then a new reading keeps it).
    agency_typed: bool,
    /// The folder being read.
    pub reading: Option<Reading>,
    /// The last folder read.
    pub result: Option<SumResult>,
    /// The 退回意见 written (not units when the folder is read again).
    pub written: Vec<PathBuf>,
    /// Why the last reading gave nothing.
    pub failed: Option<String>,
    /// The table's order: column and ascending.
    sort: (UnitColumn, bool),
    /// The unit selected (clicked) in the table.
    selected: Option<usize>,
    tab: Tab,
}

impl Default for SumWindow {
    fn default() -> Self {
        SumWindow {
            shown: true,
            folder: None,
            roster: None,
            year: None,
            agency: String::new(),
            agency_typed: false,
            reading: None,
            result: None,
            written: Vec::new(),
            failed: None,
            sort: (UnitColumn::Status, true),
            selected: None,
            tab: Tab::Units,
        }
    }
}

impl SumWindow {
    /// What the reading is asked for: the year, the agency if the clerk typed one, the roster.
    pub fn options(&self) -> SumOptions {
        SumOptions {
            year: self.year,
            agency: (self.agency_typed && !self.agency.trim().is_empty())
                .then(|| self.agency.trim().to_owned()),
            roster: self
                .roster
                .as_ref()
                .map(|(_, names)| names.clone())
                .unwrap_or_default(),
        }
    }

    /// Takes a finished reading: the agency field gets the total's name unless the clerk typed
    /// one.
    pub fn finished(&mut self, result: SumResult) {
        if !self.agency_typed
            && let Some(total) = &result.summary.total
        {
            self.agency = total.meta.agency.clone();
        }
        self.selected = None;
        self.failed = None;
        self.result = Some(result);
    }

    /// Draws the window; what the clerk asked for, if anything.
    pub fn ui(&mut self, ui: &mut Ui) -> Option<SumAction> {
        let mut action = None;
        ui.horizontal(|ui| {
            ui.heading("汇总各单位报告");
            ui.with_layout(egui::Layout::right_to_left(egui::Align::Center), |ui| {
                if ui
                    .button("返回编辑器")
                    .on_hover_text("汇总结果保留，可从菜单栏的“返回汇总”回到这里")
                    .clicked()
                {
                    action = Some(SumAction::Back);
                }
            });
        });
        ui.add_space(4.0);
        action = self.inputs_ui(ui).or(action);
        ui.separator();
        if let Some(reading) = &self.reading {
            return progress_ui(ui, reading).or(action);
        }
        if let Some(failed) = &self.failed {
            let color = theme::severity_color(Severity::Error, ui.visuals());
            ui.colored_label(color, failed);
        }
        let Some(result) = &self.result else {
            if self.folder.is_none() {
                ui.label("请选择存放各单位报告的文件夹（其中的 .ron 草稿、.txt 文本、.html 网页、.docx 文档、.pdf 文件会逐层读取，.bak 备份除外）。");
            }
            return action;
        };
        let summary = Arc::clone(&result.summary);
        action = actions_ui(ui, &summary).or(action);
        ui.add_space(4.0);
        self.tabs_ui(ui, &summary);
        ui.add_space(2.0);
        let listed = match self.tab {
            Tab::Units => table::units_ui(ui, &summary, &mut self.sort, &mut self.selected),
            Tab::Missing => lists::missing_ui(ui, &summary, self.roster.is_some()),
            Tab::Duplicates => lists::duplicates_ui(ui, &summary),
            Tab::Similar => lists::similar_ui(ui, &summary),
        };
        listed.or(action)
    }

    /// Folder, roster, year and agency.
    fn inputs_ui(&mut self, ui: &mut Ui) -> Option<SumAction> {
        let mut action = None;
        let idle = self.reading.is_none();
        egui::Grid::new("sum-inputs")
            .num_columns(2)
            .spacing([8.0, 6.0])
            .show(ui, |ui| {
                ui.label("文件夹");
                ui.horizontal(|ui| {
                    if ui
                        .add_enabled(idle, egui::Button::new("选择文件夹…"))
                        .clicked()
                    {
                        action = Some(SumAction::ChooseFolder);
                    }
                    path_label(ui, self.folder.as_ref(), "（未选择）");
                });
                ui.end_row();
                ui.label("名单");
                ui.horizontal(|ui| {
                    if ui
                        .add_enabled(idle, egui::Button::new("选择名单…"))
                        .on_hover_text(
                            "应报送单位的名单（.txt，每行一个单位名称），用来列出没有报送的单位",
                        )
                        .clicked()
                    {
                        action = Some(SumAction::ChooseRoster);
                    }
                    match &self.roster {
                        Some((path, names)) => {
                            if ui
                                .add_enabled(idle, egui::Button::new("不用名单"))
                                .clicked()
                            {
                                action = Some(SumAction::DropRoster);
                            }
                            ui.label(format!("（{} 个单位）", names.len()));
                            path_label(ui, Some(path), "");
                        }
                        None => {
                            ui.weak("（可选）");
                        }
                    }
                });
                ui.end_row();
                let year_label = ui.label("年度");
                ui.horizontal(|ui| {
                    if let Some(a) = self.year_ui(ui, idle, year_label.id) {
                        action = Some(a);
                    }
                    let agency_label = ui.label("合计报告的机关名称");
                    let edit = ui
                        .add(
                            egui::TextEdit::singleline(&mut self.agency)
                                .desired_width(220.0)
                                .hint_text("例：示例县"),
                        )
                        .labelled_by(agency_label.id);
                    if edit.changed() {
                        self.agency_typed = true;
                    }
                    if ui
                        .add_enabled(idle && self.folder.is_some(), egui::Button::new("重新读取"))
                        .on_hover_text("各单位改过报告后，重新读取文件夹")
                        .clicked()
                    {
                        action = Some(SumAction::Reread);
                    }
                });
                ui.end_row();
            });
        action
    }

    /// The year: automatic (the most common) or one of the years found.
    fn year_ui(&mut self, ui: &mut Ui, idle: bool, label: egui::Id) -> Option<SumAction> {
        let summary = self.result.as_ref().map(|r| Arc::clone(&r.summary));
        let mut years: Vec<u16> = summary
            .iter()
            .flat_map(|s| s.units.iter().filter_map(|u| u.year))
            .collect();
        years.sort_unstable_by(|a, b| b.cmp(a));
        years.dedup();
        let auto = match summary.as_ref().and_then(|s| s.year) {
            Some(y) if self.year.is_none() => format!("自动（{y}，报告最多的年度）"),
            _ => "自动（报告最多的年度）".to_owned(),
        };
        let shown = self.year.map_or_else(|| auto.clone(), |y| format!("{y}"));
        let before = self.year;
        ui.add_enabled_ui(idle, |ui| {
            egui::ComboBox::from_id_salt("sum-year")
                .selected_text(shown)
                .show_ui(ui, |ui| {
                    ui.selectable_value(&mut self.year, None, auto);
                    for y in years {
                        ui.selectable_value(&mut self.year, Some(y), format!("{y}"));
                    }
                })
                .response
                .labelled_by(label);
        });
        (self.year != before).then_some(SumAction::Reread)
    }

    fn tabs_ui(&mut self, ui: &mut Ui, summary: &Summary) {
        let similar_units = summary.similar.len();
        ui.horizontal(|ui| {
            for (tab, text) in [
                (Tab::Units, format!("单位（{}）", summary.units.len())),
                (Tab::Missing, format!("缺报（{}）", summary.missing.len())),
                (
                    Tab::Duplicates,
                    format!("重复报送（{}）", summary.duplicates.len()),
                ),
                (Tab::Similar, format!("内容雷同（{similar_units}）")),
            ] {
                ui.selectable_value(&mut self.tab, tab, text);
            }
            if self.tab == Tab::Units {
                ui.weak("点击栏目名排序，双击一行在编辑器中打开该单位的报告");
            }
        });
    }
}

/// A path, cut with "…" when long, whole on hover.
fn path_label(ui: &mut Ui, path: Option<&PathBuf>, none: &str) {
    match path {
        Some(p) => {
            ui.add(egui::Label::new(p.display().to_string()).truncate());
        }
        None => {
            ui.weak(none);
        }
    }
}

/// 已读 N/M and 取消.
fn progress_ui(ui: &mut Ui, reading: &Reading) -> Option<SumAction> {
    let (read, all) = reading.progress();
    ui.horizontal(|ui| {
        let cancel = ui.button("取消").clicked();
        let bar = if all == 0 {
            egui::ProgressBar::new(0.0).text("正在查找报告文件…")
        } else if read >= all {
            egui::ProgressBar::new(1.0).text(format!("已读 {all}/{all}，正在核对、汇总…"))
        } else {
            let fraction = read as f32 / all as f32;
            egui::ProgressBar::new(fraction).text(format!("已读 {read}/{all}"))
        };
        ui.add(bar.desired_width(ui.available_width().min(480.0)));
        cancel.then_some(SumAction::Cancel)
    })
    .inner
}

/// The totals line and the buttons that use the summary.
fn actions_ui(ui: &mut Ui, summary: &Summary) -> Option<SumAction> {
    let included = summary.included().count();
    let excluded = summary.units.len() - included;
    let with_errors = summary.units.iter().filter(|u| u.errors > 0).count();
    let year = summary
        .year
        .map_or_else(String::new, |y| format!("{y} 年度："));
    let mut line = format!(
        "{year}共 {} 个文件，计入 {included} 个，未计入 {excluded} 个；有错误的单位 {with_errors} 个",
        summary.units.len()
    );
    if !summary.missing.is_empty() {
        line.push_str(&format!("；缺报 {} 个", summary.missing.len()));
    }
    ui.label(RichText::new(line).strong());
    let has_total = summary.total.is_some();
    ui.horizontal_wrapped(|ui| {
        let mut action = None;
        let buttons = [
            (
                "生成汇总报告",
                has_total,
                "把计入的各单位数字相加，作为一份新的草稿在编辑器中打开（保存前不写任何文件）",
                SumAction::Generate,
            ),
            (
                "导出明细…",
                has_total,
                "每个计入单位一行、每个单元格一列，末行合计（.xlsx 或 .csv）",
                SumAction::ExportMatrix,
            ),
            (
                "写出退回意见…",
                !summary.units.is_empty(),
                "为每个有错误、警告、内容雷同、年份不符或无法读取的单位写一份 .txt，放到所选文件夹",
                SumAction::WriteReturns,
            ),
        ];
        for (label, enabled, tip, what) in buttons {
            let response = ui.add_enabled(enabled, egui::Button::new(label));
            let response = if enabled {
                response.on_hover_text(tip)
            } else {
                response.on_disabled_hover_text("没有可以汇总的报告")
            };
            if response.clicked() {
                action = Some(what);
            }
        }
        action
    })
    .inner
}

/// At most this many units are named in a summed cell's tooltip.
const CONTRIBUTORS_SHOWN: usize = 8;

/// The tooltip lines of a cell of a total: the units that contributed, largest first.
pub fn contributors_ui(ui: &mut Ui, doc: &Document, summary: &Summary, ix: CellIx) {
    let list = summary.contributors(ix);
    ui.separator();
    if list.is_empty() {
        ui.label("各单位此格都是 0 或空白");
        return;
    }
    let sum = list
        .iter()
        .try_fold(Decimal::ZERO, |s, (_, v)| s.checked_add(*v));
    let sum_text = sum.map_or_else(|| "（超出范围）".to_owned(), |s| s.to_string());
    ui.label(format!(
        "各单位之和 {sum_text}（{} 个单位，从大到小）：",
        list.len()
    ));
    for (unit, value) in list.iter().take(CONTRIBUTORS_SHOWN) {
        let name = summary.units.get(*unit).map_or("", |u| u.name());
        ui.label(format!("{value}　{name}"));
    }
    if list.len() > CONTRIBUTORS_SHOWN {
        ui.label(format!("……另有 {} 个单位", list.len() - CONTRIBUTORS_SHOWN));
    }
    let shown = doc
        .resolved
        .get(ix)
        .and_then(crate::model::CellValue::number);
    if let (Some(sum), Some(shown)) = (sum, shown)
        && sum != shown
    {
        let color = theme::severity_color(Severity::Warning, ui.visuals());
        ui.colored_label(color, format!("此格现为 {shown}，与各单位之和 {sum} 不同"));
    }
}
