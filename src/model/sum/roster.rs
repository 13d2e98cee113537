//! The roster (花名册): which units must file, matched against the names the files carry.

use super::{Unit, file_name};
use crate::model::value::is_space;

/// A name as compared: no white space of any kind, full-width letters, digits and brackets as
/// their ASCII forms.
pub fn normalize_name(name: &str) -> String {
    name.chars()
        .filter(|&c| !is_space(c))
        .map(|c| match c {
            '\u{ff01}'..='\u{ff5e}' => char::from_u32(c as u32 - 0xfee0).unwrap_or(c),
            _ => c,
        })
        .collect()
}

/// The roster's names: one a line; blank lines and lines starting with `#` are skipped, and a
/// name given twice counts once.
pub fn parse_roster(text: &str) -> Vec<String> {
    let mut seen = std::collections::HashSet::new();
    text.lines()
        .map(|l| l.trim_matches(|c| is_space(c) || c == '\u{feff}'))
        .filter(|l| !l.is_empty() && !l.starts_with('#'))
        .filter(|l| seen.insert(normalize_name(l)))
        .map(str::to_owned)
        .collect()
}

/// How well a roster name fits a unit: higher is better; `None` when it does not.
fn fit(roster: &str, names: &[String]) -> Option<usize> {
    names
        .iter()
        .filter(|n| !n.is_empty())
        .filter_map(|n| {
            let len = roster.chars().count();
            if n == roster {
                Some(3 * 1000 + len)
            } else if n.contains(roster) {
                // 青禾街道 in 示例市云溪区青禾街道办事处.
                Some(2 * 1000 + len)
            } else if roster.contains(n.as_str()) && n.chars().count() >= 3 {
                // A short name in the report (小沙街道) for the full one on the roster.
                Some(1000 + n.chars().count())
            } else {
                None
            }
        })
        .max()
}

/// The names a unit answers to: its agency, 落款, title, and the file's own name.
fn unit_names(unit: &Unit) -> Vec<String> {
    let stem = file_name(&unit.file)
        .rsplit_once('.')
        .map_or(file_name(&unit.file), |(s, _)| s);
    let mut names = vec![normalize_name(&unit.agency)];
    if let Some(r) = &unit.report {
        names.push(normalize_name(&r.meta.signature_unit));
        names.push(normalize_name(&r.meta.title));
    }
    names.push(normalize_name(stem));
    names
}

/// Gives each unit the roster name that fits it best, and returns the roster names no unit
/// answers to — the units that filed nothing (in roster order).
pub(super) fn missing(roster: &[String], units: &mut [Unit]) -> Vec<String> {
    if roster.is_empty() {
        return Vec::new();
    }
    let keys: Vec<String> = roster.iter().map(|r| normalize_name(r)).collect();
    let mut filed = vec![false; roster.len()];
    for unit in units.iter_mut() {
        let names = unit_names(unit);
        let best = keys
            .iter()
            .enumerate()
            .filter_map(|(i, key)| fit(key, &names).map(|score| (score, i)))
            .max_by_key(|&(score, i)| (score, std::cmp::Reverse(i)));
        if let Some((_, i)) = best {
            if let Some(f) = filed.get_mut(i) {
                *f = true;
            }
            unit.roster_name = roster.get(i).cloned();
        }
    }
    roster
        .iter()
        .zip(filed)
        .filter(|(_, f)| !f)
        .map(|(name, _)| name.clone())
        .collect()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn names_compare_without_spaces_and_widths() {
        assert_eq!(normalize_name(" 青禾\u{3000}街道 "), "青禾街道");
        assert_eq!(normalize_name("第１中学（ＡＢ）"), "第1中学(AB)");
        assert_eq!(
            parse_roster("\u{feff}青禾街道\r\n\n# 注释\n 城关镇 \n青禾 街道\n"),
            vec!["青禾街道".to_owned(), "城关镇".to_owned()]
        );
    }

    #[test]
    fn the_best_fitting_roster_name_wins() {
        let names = vec!["示例县城关镇卫生院".to_owned()];
        assert!(fit("城关镇卫生院", &names) > fit("城关镇", &names));
        assert_eq!(fit("白石镇", &names), None);
        let short = vec!["小沙街道".to_owned()];
        assert!(fit("示例县小沙街道办事处", &short).is_some());
        assert_eq!(fit("示例县小沙街道办事处", &["街道".to_owned()]), None);
    }
}
