//! The pure model: formats, reports, checks, rollover and import. No egui, no file I/O.

pub mod check;
pub mod decimal;
pub mod fields;
pub mod format;
pub mod import;
pub mod lexicon;
pub mod numerals;
pub mod report;
pub mod rollover;
pub mod sentences;
pub mod sum;
pub mod value;

pub use check::{Finding, check, check_with};
pub use decimal::Decimal;
pub use format::{CellIx, Format, Severity};
pub use report::{Date, Meta, Note, NoteKind, PreviousYear, Report};
pub use value::{CellValue, parse_entry};
