//! What a finding tells the clerk about one cell, in the cell's tooltip.
//!
//! A hint that names a number must be the number to type. A finding's `expected` figure is what
//! the rule's other side adds up to (T3-BAL: 第三项加第四项之和应为 8), not what the hovered cell
//! should hold (1, say): so it is never shown on its own as "应为 8". Where one number typed in
//! the hovered cell puts the rule right, the model says which ([`Finding::hint_for`]); otherwise
//! the finding's message states the rule's two sides with their figures.

use crate::model::Finding;

/// The tooltip line for `finding` on the hovered cell (`cell`, its id): the rule, then the
/// number to type there and why, or the rule's two sides with their figures.
pub fn finding_hint(finding: &Finding, cell: &str) -> String {
    format!("[{}] {}", finding.rule, finding.hint_for(cell))
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::model::check::Need;
    use crate::model::format::Severity;

    #[test]
    fn the_hovered_cell_gets_its_own_number_and_others_the_rule() {
        let finding = Finding {
            rule: "T3-BAL".into(),
            severity: Severity::Error,
            cells: vec!["a".into(), "b".into()],
            section: None,
            expected: Some("8".into()),
            actual: Some("12".into()),
            message: "第一项加第二项之和 12，第三项加第四项之和 8".into(),
            needs: vec![Need {
                cell: "a".into(),
                value: "1".into(),
                hint: "此格应为 1，使第一项加第二项之和等于第三项加第四项之和".into(),
            }],
        };
        let on_a = finding_hint(&finding, "a");
        assert!(on_a.contains("此格应为 1"), "{on_a}");
        assert!(!on_a.contains("应为 8"), "{on_a}");
        let on_b = finding_hint(&finding, "b");
        assert!(on_b.contains("第三项加第四项之和 8"), "{on_b}");
    }
}
