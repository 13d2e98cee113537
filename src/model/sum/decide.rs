//! Which year is summed, which files are the same report, and what to call the total.

use std::collections::HashMap;

use super::roster::normalize_name;
use super::{Reason, Status, Unit};

/// The year most readable units filed; the later year on a tie (a stray old report must not
/// decide it).
pub(super) fn common_year(units: &[Unit]) -> Option<u16> {
    let mut counts: HashMap<u16, usize> = HashMap::new();
    for y in units.iter().filter_map(|u| u.year) {
        *counts.entry(y).or_default() += 1;
    }
    counts
        .into_iter()
        .max_by_key(|&(year, count)| (count, year))
        .map(|(year, _)| year)
}

/// What makes two reports "the same figures": the format and every cell as shown.
fn figures_key(unit: &Unit) -> Option<String> {
    let report = unit.report.as_ref()?;
    let mut key = report.format.id.clone();
    for value in report.resolve() {
        key.push('\u{1f}');
        key.push_str(&value.display());
    }
    Some(key)
}

/// Marks the later file of each pair that is the same report — the same agency and the same
/// figures, or the same content under another name — as excluded; returns the pairs (the unit
/// kept, the unit left out). Only units still in the running are compared.
pub(super) fn mark_duplicates(units: &mut [Unit]) -> Vec<(usize, usize)> {
    let mut by_figures: HashMap<String, Vec<usize>> = HashMap::new();
    let mut pairs = Vec::new();
    for i in 0..units.len() {
        let Some(unit) = units.get(i) else { continue };
        if unit.status != Status::Included {
            continue;
        }
        let Some(key) = figures_key(unit) else {
            continue;
        };
        let earlier = by_figures.entry(key).or_default();
        let twin = earlier
            .iter()
            .copied()
            .find(|&j| units.get(j).is_some_and(|other| same_report(other, unit)));
        match twin {
            Some(j) => pairs.push((j, i)),
            None => earlier.push(i),
        }
    }
    for &(kept, dropped) in &pairs {
        let file = units.get(kept).map(|u| u.file.clone()).unwrap_or_default();
        if let Some(u) = units.get_mut(dropped) {
            u.status = Status::Excluded;
            u.reasons.push(Reason::Duplicate { of: kept, file });
        }
    }
    pairs
}

/// Two reports with the same figures are the same report when they name the same agency, or
/// (naming none) read the same word for word.
fn same_report(a: &Unit, b: &Unit) -> bool {
    let (agency_a, agency_b) = (normalize_name(&a.agency), normalize_name(&b.agency));
    if !agency_a.is_empty() || !agency_b.is_empty() {
        return agency_a == agency_b;
    }
    match (&a.report, &b.report) {
        (Some(ra), Some(rb)) => ra.meta == rb.meta && ra.prose == rb.prose,
        _ => false,
    }
}

/// Flags included units of the same agency whose figures differ (two versions of a report):
/// both stay summed, the office decides.
pub(super) fn flag_same_agency(units: &mut [Unit]) {
    let mut by_agency: HashMap<String, Vec<usize>> = HashMap::new();
    for (i, u) in units.iter().enumerate() {
        let name = normalize_name(&u.agency);
        if u.status == Status::Included && !name.is_empty() {
            by_agency.entry(name).or_default().push(i);
        }
    }
    let mut flags: Vec<(usize, usize)> = Vec::new();
    for group in by_agency.values().filter(|g| g.len() > 1) {
        for &i in group {
            if let Some(&other) = group.iter().find(|&&j| j != i) {
                flags.push((i, other));
            }
        }
    }
    flags.sort_unstable();
    for (i, other) in flags {
        let file = units.get(other).map(|u| u.file.clone()).unwrap_or_default();
        if let Some(u) = units.get_mut(i) {
            u.reasons.push(Reason::SameAgency { other, file });
        }
    }
}

/// Where a county-level name ends (示例县, 云溪区, 示例市).
const COUNTY_ENDINGS: [char; 5] = ['县', '区', '市', '旗', '州'];

/// The name the summed units share up to its last 县/区/市 (示例县财政局, 示例县城关镇 →
/// 示例县); empty when they share none.
pub(super) fn common_county(units: &[Unit]) -> String {
    let mut names = units
        .iter()
        .filter(|u| u.status == Status::Included)
        .map(|u| normalize_name(&u.agency));
    let Some(first) = names.next() else {
        return String::new();
    };
    let mut prefix: Vec<char> = first.chars().collect();
    for name in names {
        let shared = prefix
            .iter()
            .zip(name.chars())
            .take_while(|(a, b)| **a == *b)
            .count();
        prefix.truncate(shared);
    }
    // A full name is a name only if it ends where a county's does.
    let end = prefix
        .iter()
        .rposition(|c| COUNTY_ENDINGS.contains(c))
        .map_or(0, |i| i + 1);
    prefix.truncate(end);
    prefix.into_iter().collect()
}
