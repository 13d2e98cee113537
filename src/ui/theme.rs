//! The editor's colours that carry meaning, in one place: errors red, warnings amber — in the
//! findings list, the parts list, the status bar and the grid's cell tints — chosen for each
//! theme so text stays readable: every pairing here reaches WCAG AA contrast (4.5:1), which the
//! tests below measure.

use egui::{Color32, Visuals};

use crate::model::format::Severity;

/// The strong colour of a severity: text in lists, a cell's outline.
pub fn severity_color(severity: Severity, visuals: &Visuals) -> Color32 {
    match (severity, visuals.dark_mode) {
        (Severity::Error, false) => Color32::from_rgb(170, 20, 20),
        (Severity::Warning, false) => Color32::from_rgb(140, 85, 0),
        (Severity::Error, true) => Color32::from_rgb(255, 120, 120),
        (Severity::Warning, true) => Color32::from_rgb(240, 170, 60),
    }
}

/// The tint behind a cell named by a finding of `severity`.
pub fn severity_fill(severity: Severity, visuals: &Visuals) -> Color32 {
    match (severity, visuals.dark_mode) {
        (Severity::Error, false) => Color32::from_rgb(255, 205, 205),
        (Severity::Warning, false) => Color32::from_rgb(255, 232, 180),
        (Severity::Error, true) => Color32::from_rgb(80, 30, 30),
        (Severity::Warning, true) => Color32::from_rgb(70, 52, 15),
    }
}

/// Text that is wrong as typed (not a number, a date that does not exist).
pub fn invalid_text(visuals: &Visuals) -> Color32 {
    severity_color(Severity::Error, visuals)
}

/// The colour of a cell's figure: the strongest text colour on a tint or for a total, red for
/// text that is not a number.
pub fn figure_color(
    visuals: &Visuals,
    severity: Option<Severity>,
    derived: bool,
    invalid: bool,
) -> Color32 {
    if invalid {
        invalid_text(visuals)
    } else if severity.is_some() || derived {
        visuals.strong_text_color()
    } else {
        visuals.text_color()
    }
}

/// The tint behind a live figure of the prose (数据句): the program keeps it true.
pub fn field_fill(visuals: &Visuals) -> Color32 {
    if visuals.dark_mode {
        Color32::from_rgb(20, 34, 56)
    } else {
        Color32::from_rgb(222, 235, 252)
    }
}

/// WCAG 2 contrast ratio of two opaque colours (1 to 21).
pub fn contrast(a: Color32, b: Color32) -> f32 {
    fn luminance(c: Color32) -> f32 {
        let channel = |v: u8| {
            let v = f32::from(v) / 255.0;
            if v <= 0.04045 {
                v / 12.92
            } else {
                ((v + 0.055) / 1.055).powf(2.4)
            }
        };
        0.2126 * channel(c.r()) + 0.7152 * channel(c.g()) + 0.0722 * channel(c.b())
    }
    let (la, lb) = (luminance(a), luminance(b));
    (la.max(lb) + 0.05) / (la.min(lb) + 0.05)
}

#[cfg(test)]
mod tests {
    use super::*;

    const AA: f32 = 4.5;
    const SEVERITIES: [Severity; 2] = [Severity::Error, Severity::Warning];

    fn themes() -> [Visuals; 2] {
        [Visuals::light(), Visuals::dark()]
    }

    #[test]
    fn figures_on_red_and_amber_cells_reach_aa_contrast() {
        for v in themes() {
            for s in SEVERITIES {
                let tint = severity_fill(s, &v);
                for (derived, invalid) in [(false, false), (true, false), (false, true)] {
                    let text = figure_color(&v, Some(s), derived, invalid);
                    let ratio = contrast(text, tint);
                    assert!(
                        ratio >= AA,
                        "{s:?} dark={} derived={derived} invalid={invalid}: {ratio:.2}",
                        v.dark_mode
                    );
                }
            }
        }
    }

    #[test]
    fn severity_text_reaches_aa_contrast_on_the_panels() {
        for v in themes() {
            for s in SEVERITIES {
                for bg in [v.panel_fill, v.window_fill] {
                    let ratio = contrast(severity_color(s, &v), bg);
                    assert!(ratio >= AA, "{s:?} dark={}: {ratio:.2}", v.dark_mode);
                }
            }
            let plain = contrast(figure_color(&v, None, false, false), v.panel_fill);
            assert!(plain >= AA, "dark={}: {plain:.2}", v.dark_mode);
        }
    }

    #[test]
    fn prose_on_live_and_typed_over_figures_reaches_aa_contrast() {
        for v in themes() {
            // Plain prose on a live figure's tint; the strong colour on a typed-over one, as on
            // a cell named by a warning.
            for (text, tint) in [
                (v.text_color(), field_fill(&v)),
                (v.strong_text_color(), field_fill(&v)),
                (v.strong_text_color(), severity_fill(Severity::Warning, &v)),
            ] {
                let ratio = contrast(text, tint);
                assert!(ratio >= AA, "dark={}: {ratio:.2}", v.dark_mode);
            }
        }
    }

    #[test]
    fn contrast_is_the_wcag_ratio() {
        assert!((contrast(Color32::BLACK, Color32::WHITE) - 21.0).abs() < 0.01);
        assert!((contrast(Color32::WHITE, Color32::WHITE) - 1.0).abs() < 0.01);
    }
}
