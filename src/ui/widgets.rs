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

/// `text` cut in the middle with "…" so it is at most `max_width` wide in `font` (a path keeps
/// its start and its file name); whole when it fits.
pub fn elide_middle(ui: &Ui, text: &str, font: &egui::FontId, max_width: f32) -> String {
    let width = |t: String| {
        ui.fonts_mut(|f| {
            f.layout_no_wrap(t, font.clone(), egui::Color32::PLACEHOLDER)
                .size()
                .x
        })
    };
    if width(text.to_owned()) <= max_width {
        return text.to_owned();
    }
    let chars: Vec<char> = text.chars().collect();
    let cut = |keep: usize| {
        let tail = keep / 2 + keep % 2;
        let head = keep - tail;
        let start: String = chars.iter().take(head).collect();
        let end: String = chars
            .iter()
            .skip(chars.len().saturating_sub(tail))
            .collect();
        format!("{start}…{end}")
    };
    // The most characters that fit, found by halving.
    let (mut fits, mut too_many) = (0, chars.len());
    while too_many - fits > 1 {
        let mid = usize::midpoint(fits, too_many);
        if width(cut(mid)) <= max_width {
            fits = mid;
        } else {
            too_many = mid;
        }
    }
    cut(fits)
}

/// A label that shows `text` elided in the middle to the width left in the row, and the whole
/// text on hover when it was cut.
pub fn elided_label(ui: &mut Ui, text: &str) -> Response {
    let font = egui::TextStyle::Body.resolve(ui.style());
    let shown = elide_middle(ui, text, &font, ui.available_width());
    let cut = shown != text;
    let response = ui.add(egui::Label::new(shown).wrap_mode(egui::TextWrapMode::Extend));
    if cut {
        response.on_hover_text(text)
    } else {
        response
    }
}
