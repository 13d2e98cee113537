//! Small input widgets the forms share.

use std::ops::RangeInclusive;

use egui::{Id, Response, TextEdit, Ui};

use super::theme;

/// A year typed as a plain number (never changed by a stray drag): digits only (full-width ones
/// are read too), checked against `range` when the clerk presses Enter or leaves the field. Gives
/// the new year once one is committed that differs from `year`; a year out of range is pointed
/// out while typing and dropped on leaving, so the field shows the year still in force.
pub fn year_field(
    ui: &mut Ui,
    id: Id,
    year: u16,
    range: RangeInclusive<u16>,
) -> (Response, Option<u16>) {
    let typing = id.with("typed");
    let mut text = ui
        .data(|d| d.get_temp::<String>(typing))
        .unwrap_or_else(|| year.to_string());
    let response = ui.add(
        TextEdit::singleline(&mut text)
            .id(id)
            .desired_width(48.0)
            .char_limit(4),
    );
    let text: String = text
        .chars()
        .filter_map(|c| match c {
            '０'..='９' => char::from_u32(u32::from(c) - u32::from('０') + u32::from('0')),
            '0'..='9' => Some(c),
            _ => None,
        })
        .collect();
    let typed = text.parse::<u16>().ok().filter(|y| range.contains(y));
    if response.lost_focus() {
        ui.data_mut(|d| d.remove::<String>(typing));
        return (response, typed.filter(|&y| y != year));
    }
    if response.has_focus() {
        if typed.is_none() {
            ui.colored_label(
                theme::invalid_text(ui.visuals()),
                format!("请填写 {} 至 {} 之间的年份", range.start(), range.end()),
            );
        }
        ui.data_mut(|d| d.insert_temp(typing, text));
    }
    (response, None)
}
