//! Near misses: a printed row label that is no label of the format but differs from one by a
//! typo (the rule is stated on [`Walker::near_miss`]).

use super::*;

impl Walker<'_, '_> {
    /// The row or group label of the current table a printed label that is no label of the
    /// format is a near miss of (a typo, or a label a PDF cut short: `（六）其他处`). The rule:
    /// the two keys differ in at most one character in four of the format's label (1 to 3
    /// characters; labels under four characters never match), they start with the same item
    /// number (`2.`, `（三）`, or none) — or they are the same words under another `N.` item
    /// number (a list numbered anew: [`Near::Renumbered`]) — and exactly one label is that near — among the labels
    /// of the group being read first, then of each enclosing group, then of the whole table. A
    /// row already read is no candidate.
    pub(super) fn near_miss(&self, key: &str) -> Option<(usize, Near)> {
        let t = self.current?;
        let table = self.format.tables.get(t)?;
        if table.layout != Layout::Rows || key.chars().count() < MIN_NEAR_MISS_CHARS {
            return None;
        }
        let state = self.state.get(t)?;
        let number = item_number(key);
        let len = key.chars().count();
        let distance = |label: &str| {
            let official = label_key(label);
            let theirs = item_number(&official);
            if theirs != number {
                // The same words under another item number ("1." printed for "2."): a list
                // the word processor numbered anew, or a slip in the number. 0 says so.
                let items = [number, theirs]
                    .iter()
                    .all(|n| !n.is_empty() && !n.starts_with('（'));
                let same_words = official.get(theirs.len()..) == key.get(number.len()..);
                return (items && same_words).then_some(0);
            }
            let allowed = (official.chars().count() / 4).min(MAX_NEAR_MISS_CHARS);
            let short = without_notes(&official);
            // The lengths bound the distance from below: most keys need no count.
            let near_in_length = [&official, &short]
                .iter()
                .any(|k| k.chars().count().abs_diff(len) <= allowed);
            if !near_in_length {
                return None;
            }
            let d = edit_distance(key, &official).min(edit_distance(key, &short));
            (d > 0 && d <= allowed).then_some(d)
        };
        for depth in (0..=self.group_path.len()).rev() {
            let level = self
                .group_path
                .get(..depth)
                .and_then(<[usize]>::last)
                .copied();
            let under = |groups: &[usize]| level.is_none_or(|g| groups.contains(&g));
            let rows = table
                .rows
                .iter()
                .enumerate()
                .filter(|(_, row)| under(&row.groups))
                .filter_map(|(ri, row)| {
                    distance(&row.label).map(|d| match d {
                        0 => Near::Renumbered(ri),
                        _ => Near::Row(ri, d),
                    })
                });
            let groups = table
                .groups
                .iter()
                .enumerate()
                .filter(|&(gi, group)| {
                    Some(gi) != level
                        && table
                            .rows
                            .get(group.first_row)
                            .is_some_and(|row| under(&row.groups))
                })
                .filter_map(|(gi, group)| distance(&group.label).map(|_| Near::Group(gi)));
            let near: Vec<Near> = rows.chain(groups).collect();
            match near.as_slice() {
                [] => continue,
                [Near::Row(ri, _) | Near::Renumbered(ri)]
                    if state.rows_seen.get(*ri) != Some(&false) =>
                {
                    return None;
                }
                [one] => return Some((t, *one)),
                _ => return None,
            }
        }
        None
    }
}

/// How many characters a printed header `key` differs from the format's `label` by, when that
/// is a near miss by the rule of row labels (at most one character in four, 1 to 3; labels under
/// four characters never match).
pub(super) fn near_miss_of(key: &str, label: &str) -> Option<usize> {
    let official = label_key(label);
    let allowed = (official.chars().count() / 4).min(MAX_NEAR_MISS_CHARS);
    if key.chars().count() < MIN_NEAR_MISS_CHARS
        || key.chars().count().abs_diff(official.chars().count()) > allowed
    {
        return None;
    }
    let d = edit_distance(key, &official);
    (d > 0 && d <= allowed).then_some(d)
}
