//! nianbao (年报): an editor for the annual report on government information disclosure
//! (政府信息公开工作年度报告).
//!
//! Layers point one way: [`model`] (formats, reports, checks, rollover, import; no egui, no file
//! I/O) ← [`io`] (drafts, export) ← [`ui`] (the editor) and [`cli`].

pub mod cli;
pub mod io;
pub mod model;
pub mod ui;
