//! What a finding tells the clerk about one cell, in the cell's tooltip.
//!
//! A hint that names a number must be the number to type. A finding's `expected` figure is what
//! the rule's other side adds up to (T3-BAL: 第三项加第四项之和应为 8), not what the hovered cell
//! should hold (1, say): so it is never shown on its own as "应为 8". The finding's message states
//! the rule's two sides with their figures, and that is what the tooltip says. A figure for the
//! hovered cell itself belongs in [`finding_hint`], the one place the tooltip reads a finding.

use crate::model::Finding;

/// The tooltip line for `finding` on the hovered cell (`_cell`, its id): the rule and its
/// message. A finding that carries the value a given cell needs gives it here, for that cell.
pub fn finding_hint(finding: &Finding, _cell: &str) -> String {
    format!("[{}] {}", finding.rule, finding.message)
}
