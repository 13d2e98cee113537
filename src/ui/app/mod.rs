//! The editor: one app struct. A frame draws the panels (`panels`), which report [`Command`]s
//! and [`Effect`]s; the open dialog reports its outcome (`dialogs`); then everything asked for
//! is applied in one place (`actions`, where each command's work sits next to its menu entry's
//! handler).

mod actions;
mod dialogs;
mod output;
mod panels;
mod summary;
mod view;

use std::path::PathBuf;

use egui::ViewportCommand;

use super::command::{Command, Effect};
use super::dialogs::{Dialog, MessageDialog, RecoverDialog};
use super::document::Document;
use super::files::{FileDialogs, NativeDialogs};
use super::grid::GridState;
use super::nav::{Layouts, Part};
use super::recovery::Autosave;
use super::settings::{FontSize, Settings, Theme};
use crate::io;
use crate::model::Report;
use crate::model::format;

/// Key of the settings in eframe's storage.
const SETTINGS_KEY: &str = "nianbao-settings";
/// Application id (storage folder name).
pub const APP_ID: &str = "nianbao";

/// How the app is started.
pub struct AppConfig {
    /// File to open (`nianbao FILE`); `None` opens the built-in sample.
    pub file: Option<PathBuf>,
    /// The file dialogs (native, or scripted in tests).
    pub dialogs: Box<dyn FileDialogs>,
    /// Folder of the recovery file; `None` disables autosave.
    pub storage_dir: Option<PathBuf>,
}

impl AppConfig {
    /// The configuration of the real app.
    pub fn native(file: Option<PathBuf>) -> Self {
        AppConfig {
            file,
            dialogs: Box::new(NativeDialogs),
            storage_dir: eframe::storage_dir(APP_ID),
        }
    }
}

/// Something waiting for the answer to "保存更改？".
#[derive(Debug, Clone, PartialEq)]
enum Pending {
    Close,
    New,
    NewFromLastYear,
    Open(Option<PathBuf>),
    /// 生成汇总报告: the total as a new draft.
    SumTotal,
}

/// The status-bar message.
#[derive(Debug, Default)]
struct Status {
    text: String,
    /// The system's own words behind it (shown on hover, under 详细信息).
    details: Option<String>,
    /// Shown until the report changes (what it said no longer holds after an edit: 已保存,
    /// 已粘贴…), rather than until replaced (a warning).
    until_edit: bool,
    /// The document revision it was said at (bound at the end of the frame, after the edits the
    /// message reports).
    revision: Option<u64>,
}

/// The editor app.
pub struct NianbaoApp {
    doc: Document,
    settings: Settings,
    files: Box<dyn FileDialogs>,
    autosave: Autosave,
    part: Part,
    grid: GridState,
    dialog: Option<Dialog>,
    pending: Option<Pending>,
    /// What the path being typed in the path entry is for.
    path_for: Option<actions::PathFor>,
    printing: Option<output::Printing>,
    /// The 汇总 window, kept while the editor shows a unit or the total.
    sum: Option<super::summary::SumWindow>,
    allow_close: bool,
    status: Status,
    title: String,
    layouts: Layouts,
    fit: view::Fit,
    view_applied: Option<(Theme, FontSize)>,
    /// Whether the first frame fitted the window to the screen and the side panels to it.
    fitted: bool,
    commands: Vec<Command>,
    effects: Vec<Effect>,
}

/// The built-in sample's name in the title bar.
const SAMPLE_NAME: &str = "示例报告（内置，未保存为文件）";

fn sample_document() -> Result<Document, String> {
    io::sample()
        .map(|r| Document::new(r, None, SAMPLE_NAME.to_owned(), true))
        .map_err(|e| e.to_string())
}

impl NianbaoApp {
    /// Creates the app (installs the fonts, reads settings, offers recovery, opens the file).
    pub fn new(cc: &eframe::CreationContext<'_>, config: AppConfig) -> Self {
        super::fonts::install(&cc.egui_ctx);
        let settings: Settings = cc
            .storage
            .and_then(|s| eframe::get_value(s, SETTINGS_KEY))
            .unwrap_or_default();
        let (doc, dialog) = match sample_document() {
            Ok(doc) => (doc, None),
            Err(e) => {
                let Some(current) = format::current() else {
                    formats_unusable()
                };
                let empty = Report::new(current, current.first_year);
                (
                    Document::new(empty, None, "未命名".to_owned(), true),
                    Some(message("无法载入示例报告", e)),
                )
            }
        };
        let layouts = Layouts::new(doc.report.format);
        let mut app = NianbaoApp {
            doc,
            settings,
            files: config.dialogs,
            autosave: Autosave::new(config.storage_dir.as_deref()),
            part: Part::Section(0),
            grid: GridState::default(),
            dialog,
            pending: None,
            path_for: None,
            printing: None,
            sum: None,
            allow_close: false,
            status: Status::default(),
            title: String::new(),
            layouts,
            fit: view::Fit::default(),
            view_applied: None,
            fitted: false,
            commands: Vec::new(),
            effects: Vec::new(),
        };
        // egui's own Ctrl+=/Ctrl+-/Ctrl+0 would zoom without the menu or the settings knowing.
        cc.egui_ctx.options_mut(|o| o.zoom_with_keyboard = false);
        app.apply_view(&cc.egui_ctx);
        if let Some(path) = config.file
            && !app.open_path(&path)
        {
            {
                app.warn(format!(
                    "未能打开“{}”，现在显示的是内置的示例报告",
                    path.display()
                ));
            }
        }
        app.offer_recovery();
        app
    }

    /// A recovery file left by a session that did not end cleanly: offer it back.
    fn offer_recovery(&mut self) {
        let Some(rec) = self.autosave.recovery() else {
            return;
        };
        if !rec.exists() {
            return;
        }
        self.dialog = Some(match rec.read() {
            Ok(recovered) => Dialog::Recover(RecoverDialog {
                name: recovered.name,
            }),
            Err(e) => message_with(
                "无法读取恢复文件",
                format!("{e}\n恢复文件保留在原处，没有被删除。"),
                e.details(),
            ),
        });
    }

    /// The open document (for tests and benchmarks).
    pub fn document(&self) -> &Document {
        &self.doc
    }

    /// The open document, mutable (for tests).
    pub fn document_mut(&mut self) -> &mut Document {
        &mut self.doc
    }

    /// Shows a part (for tests and the findings list).
    pub fn show_part(&mut self, part: Part) {
        self.part = part;
    }

    /// The grid selection (for tests).
    pub fn grid_state(&self) -> &GridState {
        &self.grid
    }

    /// The status-bar message, while it still holds.
    pub fn status(&self) -> &str {
        let s = &self.status;
        let stale = s.until_edit && s.revision.is_some_and(|r| r != self.doc.revision());
        if stale { "" } else { &s.text }
    }

    /// Says something in the status bar until the report changes.
    fn say(&mut self, text: impl Into<String>) {
        self.status = Status {
            text: text.into(),
            details: None,
            until_edit: true,
            revision: None,
        };
    }

    /// Says something in the status bar until something else is said.
    fn warn(&mut self, text: impl Into<String>) {
        self.status = Status {
            text: text.into(),
            details: None,
            until_edit: false,
            revision: None,
        };
    }

    /// What the status message's 详细信息 says, while the message holds.
    fn status_details(&self) -> Option<&str> {
        self.status
            .details
            .as_deref()
            .filter(|_| !self.status().is_empty())
    }

    /// The settings (for tests).
    pub fn settings(&self) -> &Settings {
        &self.settings
    }

    /// The window title.
    pub fn title(&self) -> &str {
        &self.title
    }

    /// Whether a dialog is on screen.
    pub fn has_dialog(&self) -> bool {
        self.dialog.is_some()
    }

    /// Queues a command, as a menu item would.
    pub fn push(&mut self, command: Command) {
        self.commands.push(command);
    }

    /// On the first frame: a window larger than the screen (1360×860 asked for, a 1024×600
    /// screen) is made to fit it, and the side panels start folded in a narrow window unless the
    /// clerk chose otherwise once.
    fn fit_window(&mut self, ctx: &egui::Context) {
        if self.fitted {
            return;
        }
        self.fitted = true;
        let window = ctx.content_rect().size();
        let monitor = ctx.input(|i| i.viewport().monitor_size);
        let mut width = window.x;
        if let Some(screen) = monitor.filter(|m| m.x > 0.0 && m.y > 0.0)
            && (window.x > screen.x || window.y > screen.y)
        {
            let fitted = window.min(screen);
            ctx.send_viewport_cmd(ViewportCommand::InnerSize(fitted));
            ctx.send_viewport_cmd(ViewportCommand::OuterPosition(egui::Pos2::ZERO));
            width = fitted.x;
        }
        self.settings.fit_panels(width);
    }

    fn update_title(&mut self, ctx: &egui::Context) {
        let title = format!(
            "政府信息公开年度报告编辑器 — {}{}",
            self.doc.name,
            if self.doc.is_dirty() { " *" } else { "" }
        );
        if title != self.title {
            ctx.send_viewport_cmd(ViewportCommand::Title(title.clone()));
            self.title = title;
        }
    }
}

fn message(title: &str, body: impl Into<String>) -> Dialog {
    message_with(title, body, None)
}

/// A message with the system's or a parser's own words folded away under 详细信息.
fn message_with(title: &str, body: impl Into<String>, details: Option<String>) -> Dialog {
    Dialog::Message(MessageDialog {
        title: title.to_owned(),
        body: body.into(),
        details,
    })
}

/// The words under 详细信息 of a file that did not open.
fn open_details(e: &io::OpenError) -> Option<String> {
    match e {
        io::OpenError::Draft(d) => d.details(),
        io::OpenError::Read { source, .. } => Some(source.to_string()),
        _ => None,
    }
}

/// No built-in format compiled. `main` checks this before opening the window (and the tests
/// prove the formats compile), so only a caller that skips that check gets here: say what is
/// wrong and stop.
fn formats_unusable() -> ! {
    let text = format::load_builtin().err().map_or_else(
        || "没有可用的报告格式".to_owned(),
        format::FormatError::for_clerk,
    );
    eprintln!("{text}");
    std::process::exit(2)
}

impl eframe::App for NianbaoApp {
    fn ui(&mut self, ui: &mut egui::Ui, _frame: &mut eframe::Frame) {
        let ctx = ui.ctx().clone();
        self.apply_view(&ctx);
        self.fit_window(&ctx);
        self.poll_printing(&ctx);
        self.handle_close(&ctx);
        self.shortcuts(&ctx);
        self.panels_ui(ui);
        self.handle_dialog(&ctx);
        let effects = std::mem::take(&mut self.effects);
        let commands = std::mem::take(&mut self.commands);
        if !effects.is_empty() || !commands.is_empty() {
            // What they changed (a dialog, the document) shows on the next frame, not at the
            // next mouse move.
            ctx.request_repaint();
        }
        for effect in effects {
            self.apply_effect(effect);
        }
        for command in commands {
            self.apply(command, &ctx);
        }
        self.doc.feed_undo(ctx.input(|i| i.time));
        if self.doc.refresh() {
            // A widget changed the report after parts of the window were drawn from it.
            ctx.request_repaint();
        }
        if self.status.revision.is_none() {
            self.status.revision = Some(self.doc.revision());
        }
        self.update_title(&ctx);
        if let Err(e) = self.autosave.tick(&ctx, &self.doc) {
            self.warn(e);
        }
    }

    fn save(&mut self, storage: &mut dyn eframe::Storage) {
        eframe::set_value(storage, SETTINGS_KEY, &self.settings);
    }
}
