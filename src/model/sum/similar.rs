//! Copied prose between units (内容雷同): the sections the format's `summary.similar` names
//! (一, 五 and 六) compared as sets of character 4-grams, figures and unit names masked and the
//! official sub-headings left out.
//!
//! Every pair of summed units is in question, so candidates come from a prefix filter (a pair
//! over a Jaccard threshold must share one of the rarest grams of each side) and a positional
//! filter (where those shared grams stand bounds the overlap), and only they are counted and
//! scored exactly; 500 units take milliseconds.

use std::collections::HashMap;

/// A character 4-gram, packed (four code points).
type Gram = u128;

use super::roster::normalize_name;
use super::{Similar, Status, Unit};
use crate::model::format::SimilarDef;
use crate::model::lexicon;
use crate::model::report::Report;
use crate::model::value::is_space;

/// Candidates are looked for from this overlap on (their own names masked only), then scored
/// with both units' names masked; a format's lower threshold lowers it too.
const CANDIDATE_THRESHOLD: f64 = 0.7;
/// The length of a gram.
const GRAM: usize = 4;
/// What a figure becomes.
const FIGURE_MASK: char = '#';
/// What a unit's name becomes.
const NAME_MASK: char = '□';

/// One section of one report, ready to compare.
#[derive(Debug, Clone)]
pub struct SectionText {
    /// The text without spaces and sub-headings, figures masked (names not yet).
    base: String,
    /// The unit's names, longest first.
    names: Vec<String>,
    /// The grams with the unit's own names masked, sorted and unique.
    grams: Vec<Gram>,
}

impl SectionText {
    /// Section `section` of `report` as compared, its agency and 落款 names masked; `None` when
    /// shorter than `min_chars` (the format's `summary.similar.min_chars`).
    pub fn new(report: &Report, section: &str, min_chars: usize) -> Option<SectionText> {
        let agency = if report.meta.agency.trim().is_empty() {
            &report.meta.signature_unit
        } else {
            &report.meta.agency
        };
        let headings = report
            .format
            .section(section)
            .map(|s| s.sub_blocks.as_slice())
            .unwrap_or_default();
        let base = prepare(report.prose(section), headings);
        let names = name_variants(&[agency, &report.meta.signature_unit]);
        let own = mask_names(&base, &names);
        (own.chars().count() >= min_chars).then(|| SectionText {
            grams: grams(&own),
            base,
            names,
        })
    }

    /// The 4-gram overlap (Jaccard, 0–1) with another unit's section, both units' names masked
    /// in both texts (a copy that kept the other unit's name still counts).
    pub fn similarity(&self, other: &SectionText) -> f64 {
        let mentions = |text: &SectionText, names: &[String]| {
            names.iter().any(|n| text.base.contains(n.as_str()))
        };
        if !mentions(self, &other.names) && !mentions(other, &self.names) {
            return jaccard_sorted(&self.grams, &other.grams);
        }
        let names = merge_names(&self.names, &other.names);
        jaccard_sorted(
            &grams(&mask_names(&self.base, &names)),
            &grams(&mask_names(&other.base, &names)),
        )
    }
}

/// The score of one section between two reports as the summary computes it with `settings`,
/// or `None` when either side is too short to compare.
pub fn section_similarity(
    a: &Report,
    b: &Report,
    section: &str,
    settings: &SimilarDef,
) -> Option<f64> {
    let min = settings.min_chars;
    Some(SectionText::new(a, section, min)?.similarity(&SectionText::new(b, section, min)?))
}

/// One section of one summed unit, with its grams as dense ids for the prefix filter.
struct Doc {
    unit: usize,
    text: SectionText,
    /// Gram ids, sorted and unique.
    ids: Vec<u32>,
}

/// Every pair of summed units with copied prose in a section of `settings`, highest score
/// first.
pub(super) fn find(units: &[Unit], settings: &SimilarDef) -> Vec<Similar> {
    let mut found = Vec::new();
    for section in &settings.sections {
        found.extend(find_in(units, section, settings));
    }
    found.sort_by(|a, b| {
        b.score
            .total_cmp(&a.score)
            .then(a.units.cmp(&b.units))
            .then(a.section.cmp(&b.section))
    });
    found
}

fn find_in(units: &[Unit], section: &str, settings: &SimilarDef) -> Vec<Similar> {
    let candidate = CANDIDATE_THRESHOLD.min(settings.threshold);
    let mut ids: HashMap<Gram, u32> = HashMap::new();
    let mut docs: Vec<Doc> = Vec::new();
    for (u, unit) in units.iter().enumerate() {
        if unit.status != Status::Included {
            continue;
        }
        let Some(text) = unit
            .report
            .as_ref()
            .and_then(|r| SectionText::new(r, section, settings.min_chars))
        else {
            continue;
        };
        let mut gram_ids: Vec<u32> = text
            .grams
            .iter()
            .map(|g| {
                let next = u32::try_from(ids.len()).unwrap_or(u32::MAX);
                *ids.entry(*g).or_insert(next)
            })
            .collect();
        gram_ids.sort_unstable();
        docs.push(Doc {
            unit: u,
            text,
            ids: gram_ids,
        });
    }
    let sets: Vec<&[u32]> = docs.iter().map(|d| d.ids.as_slice()).collect();
    pairs_reaching(&sets, ids.len(), candidate)
        .into_iter()
        .filter_map(|(a, b)| {
            let (da, db) = (docs.get(a)?, docs.get(b)?);
            let score = da.text.similarity(&db.text);
            (score >= settings.threshold).then(|| Similar {
                units: [da.unit.min(db.unit), da.unit.max(db.unit)],
                section: section.to_owned(),
                score,
            })
        })
        .collect()
}

/// The pairs of `sets` (indices, the earlier first, sorted) whose Jaccard overlap reaches `t`;
/// each set sorted and unique, of ids below `id_count`.
///
/// Every pair is in question (500 units: 125,000 pairs a section), and units written from the
/// same templates share most of their grams, so few are ruled out by a shared gram alone. The
/// grams are ranked rarest first; a pair at `t` must share a gram among the first grams of each
/// (the prefix filter of set-similarity joins), and the first grams they share, where they
/// stand, bound what the rest can share (PPJoin's positional filter). The pairs left are
/// counted exactly, stopping as soon as the rest cannot make up what is missing.
fn pairs_reaching(sets: &[&[u32]], id_count: usize, t: f64) -> Vec<(usize, usize)> {
    let ranked = rarest_first(sets, id_count);
    // The earlier sets' prefixes: for every gram, the sets whose prefix holds it, and where.
    let mut index: Vec<Vec<(usize, usize)>> = vec![Vec::new(); id_count];
    let mut met = vec![Meeting::Not; ranked.len()];
    let mut touched: Vec<usize> = Vec::new();
    let mut pairs = Vec::new();
    for (d, set) in ranked.iter().enumerate() {
        let n = set.len();
        let prefix = (n + 1).saturating_sub(min_overlap(n, t));
        for (i, &g) in set.iter().enumerate().take(prefix) {
            let Some(list) = index.get_mut(g as usize) else {
                continue;
            };
            for &(other, j) in list.iter() {
                let (Some(meeting), Some(m)) =
                    (met.get_mut(other), ranked.get(other).map(Vec::len))
                else {
                    continue;
                };
                let (shared, needed) = match *meeting {
                    Meeting::RuledOut => continue,
                    Meeting::Sharing { shared, needed } => (shared, needed),
                    Meeting::Not => {
                        touched.push(other);
                        match needed_overlap(n, m, t) {
                            Some(needed) => (0, needed),
                            None => {
                                *meeting = Meeting::RuledOut;
                                continue;
                            }
                        }
                    }
                };
                // The grams shared so far are all before this one in both sets: at most the
                // shorter rest of the two can still be shared.
                let most = shared + 1 + (n - i - 1).min(m - j - 1);
                *meeting = if most >= needed {
                    Meeting::Sharing {
                        shared: shared + 1,
                        needed,
                    }
                } else {
                    Meeting::RuledOut
                };
            }
            list.push((d, i));
        }
        for other in touched.drain(..) {
            let Some(meeting) = met.get_mut(other) else {
                continue;
            };
            if let Meeting::Sharing { needed, .. } = *meeting
                && ranked
                    .get(other)
                    .is_some_and(|o| shares_at_least(o, set, needed))
            {
                pairs.push((other, d));
            }
            *meeting = Meeting::Not;
        }
    }
    pairs.sort_unstable();
    pairs
}

/// What the set in hand knows of an earlier set from the prefixes.
#[derive(Debug, Clone, Copy)]
enum Meeting {
    /// No shared gram yet.
    Not,
    /// `shared` grams in common so far, `needed` for the threshold.
    Sharing { shared: usize, needed: usize },
    /// Cannot reach the threshold.
    RuledOut,
}

/// The sets with their ids renumbered by how many sets hold them (rarest first, then by id)
/// and sorted again, so a set's first grams are its rarest.
fn rarest_first(sets: &[&[u32]], id_count: usize) -> Vec<Vec<u32>> {
    let mut frequency = vec![0u32; id_count];
    for set in sets {
        for &g in *set {
            if let Some(f) = frequency.get_mut(g as usize) {
                *f += 1;
            }
        }
    }
    let mut order: Vec<u32> = (0..u32::try_from(id_count).unwrap_or(u32::MAX)).collect();
    order.sort_by_key(|&g| (frequency.get(g as usize).copied().unwrap_or(0), g));
    let mut rank = vec![0u32; id_count];
    for (r, &g) in order.iter().enumerate() {
        if let Some(slot) = rank.get_mut(g as usize) {
            *slot = u32::try_from(r).unwrap_or(u32::MAX);
        }
    }
    sets.iter()
        .map(|set| {
            let mut ranked: Vec<u32> = set
                .iter()
                .map(|&g| rank.get(g as usize).copied().unwrap_or(g))
                .collect();
            ranked.sort_unstable();
            ranked
        })
        .collect()
}

/// The fewest grams of an `n`-gram set a pair at the candidate threshold `t` must share: ⌈t·n⌉
/// (at least 1).
fn min_overlap(n: usize, t: f64) -> usize {
    let mut k = n;
    // The smallest k with k ≥ t·n, without rounding surprises: k/n ≥ t.
    while k > 1 && (k - 1) as f64 >= t * n as f64 {
        k -= 1;
    }
    k.clamp(1, n.max(1))
}

/// The fewest grams sets of sizes `a` and `b` must share for their Jaccard overlap, computed as
/// [`jaccard_sorted`] computes it, to reach `t`; `None` when even the smaller set whole does not.
fn needed_overlap(a: usize, b: usize, t: f64) -> Option<usize> {
    let reaches = |shared: usize| ratio(shared, a + b - shared) >= t;
    let (mut low, mut high) = (0, a.min(b));
    if !reaches(high) {
        return None;
    }
    // The overlap grows with what is shared: the first count that reaches.
    while low < high {
        let mid = low + (high - low) / 2;
        if reaches(mid) {
            high = mid;
        } else {
            low = mid + 1;
        }
    }
    Some(low)
}

/// Whether two sorted, unique lists share `needed` items; stops as soon as they cannot.
fn shares_at_least<T: Ord>(a: &[T], b: &[T], needed: usize) -> bool {
    shared(a, b, Some(needed)) >= needed
}

/// Jaccard overlap of two sorted, unique lists.
fn jaccard_sorted<T: Ord>(a: &[T], b: &[T]) -> f64 {
    let shared = shared(a, b, None);
    ratio(shared, a.len() + b.len() - shared)
}

/// How many items two sorted, unique lists share; with `needed`, counting stops once that many
/// are found or the rest of the shorter list could no longer make it up.
fn shared<T: Ord>(a: &[T], b: &[T], needed: Option<usize>) -> usize {
    let (mut i, mut j, mut shared) = (0, 0, 0usize);
    while let (Some(x), Some(y)) = (a.get(i), b.get(j)) {
        if let Some(needed) = needed {
            let left = (a.len() - i).min(b.len() - j);
            if shared >= needed || shared + left < needed {
                break;
            }
        }
        match x.cmp(y) {
            std::cmp::Ordering::Less => i += 1,
            std::cmp::Ordering::Greater => j += 1,
            std::cmp::Ordering::Equal => {
                shared += 1;
                i += 1;
                j += 1;
            }
        }
    }
    shared
}

fn ratio(part: usize, whole: usize) -> f64 {
    if whole == 0 {
        0.0
    } else {
        part as f64 / whole as f64
    }
}

/// The character 4-grams of a text, sorted and unique.
fn grams(text: &str) -> Vec<Gram> {
    let chars: Vec<u32> = text.chars().map(u32::from).collect();
    let mut grams: Vec<Gram> = chars
        .windows(GRAM)
        .map(|w| w.iter().fold(0, |acc, &c| acc << 32 | Gram::from(c)))
        .collect();
    grams.sort_unstable();
    grams.dedup();
    grams
}

/// The text as compared: the official sub-headings (（一）主动公开 …) left out, white space
/// removed, and every figure (a run of digits, with its separators) one [`FIGURE_MASK`].
fn prepare(text: &str, headings: &[String]) -> String {
    let heading_keys: Vec<String> = headings.iter().map(|h| normalize_name(h)).collect();
    let mut out = String::with_capacity(text.len());
    for line in text.lines() {
        let mut line = normalize_name(line);
        if let Some(h) = heading_keys.iter().find(|h| line.starts_with(h.as_str())) {
            line = line.get(h.len()..).unwrap_or_default().to_owned();
        }
        let mut in_figure = false;
        let mut chars = line.chars().peekable();
        while let Some(c) = chars.next() {
            let digit = c.is_ascii_digit() || ('０'..='９').contains(&c);
            let separator = in_figure
                && matches!(c, '.' | ',' | '，' | '．')
                && chars.peek().is_some_and(char::is_ascii_digit);
            if digit || separator {
                if !in_figure {
                    out.push(FIGURE_MASK);
                }
                in_figure = true;
            } else if !is_space(c) {
                in_figure = false;
                out.push(c);
            }
        }
    }
    out
}

/// What a unit's name is written as in its prose: the full name, without 办事处/人民政府, the part
/// after the county (青禾街道), and its core (青禾). Longest first; none shorter than 2.
fn name_variants(names: &[&str]) -> Vec<String> {
    let mut out: Vec<String> = Vec::new();
    for name in names {
        let full = normalize_name(name);
        let mut add = |s: &str| {
            if s.chars().count() >= 2 && !out.iter().any(|o| o == s) {
                out.push(s.to_owned());
            }
        };
        add(&full);
        let short = lexicon::AGENCY_FORMAL_ENDINGS
            .iter()
            .find_map(|suffix| full.strip_suffix(suffix))
            .unwrap_or(&full);
        add(short);
        let local = short
            .char_indices()
            .filter(|&(_, c)| ['省', '市', '区', '县', '旗', '州'].contains(&c))
            .filter_map(|(i, c)| short.get(i + c.len_utf8()..))
            .rfind(|rest| !rest.is_empty())
            .unwrap_or(short);
        add(local);
        let core = lexicon::AGENCY_KINDS
            .iter()
            .find_map(|kind| local.strip_suffix(kind))
            .unwrap_or(local);
        add(core);
    }
    out.sort_by_key(|s| std::cmp::Reverse(s.chars().count()));
    out
}

fn merge_names(a: &[String], b: &[String]) -> Vec<String> {
    let mut all: Vec<String> = a.iter().chain(b).cloned().collect();
    all.sort_by_key(|s| std::cmp::Reverse(s.chars().count()));
    all.dedup();
    all
}

/// Every name (longest first) replaced by one [`NAME_MASK`].
fn mask_names(text: &str, names: &[String]) -> String {
    let mut out = text.to_owned();
    for name in names {
        if out.contains(name.as_str()) {
            out = out.replace(name.as_str(), &NAME_MASK.to_string());
        }
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn figures_spaces_and_headings_are_masked() {
        let headings = vec!["（一）主动公开".to_owned()];
        let text = "（一）主动公开\n全年 主动公开信息 1,214 条，其中 ９８ 条。\n";
        assert_eq!(prepare(text, &headings), "全年主动公开信息#条,其中#条。");
    }

    #[test]
    fn names_are_masked_in_every_form() {
        let names = name_variants(&["示例市云溪区青禾街道办事处"]);
        assert_eq!(
            names,
            vec![
                "示例市云溪区青禾街道办事处",
                "示例市云溪区青禾街道",
                "青禾街道",
                "青禾"
            ]
        );
        assert_eq!(mask_names("青禾街道坚持…青禾", &names), "□坚持…□");
    }

    /// A small deterministic generator (the tests' own).
    fn lcg(seed: &mut u64) -> u64 {
        *seed = seed
            .wrapping_mul(6_364_136_223_846_793_005)
            .wrapping_add(1_442_695_040_888_963_407);
        *seed >> 33
    }

    #[test]
    fn the_filters_keep_exactly_the_pairs_over_the_threshold() {
        let mut seed = 7;
        let mut over = 0;
        for round in 0..40 {
            // Variants of a few base sets (as units written from one template are): many pairs
            // near any threshold.
            let bases: Vec<Vec<u32>> = (0..3)
                .map(|_| {
                    let size = 10 + lcg(&mut seed) % 40;
                    (0..size).map(|_| (lcg(&mut seed) % 90) as u32).collect()
                })
                .collect();
            let sets: Vec<Vec<u32>> = (0..30)
                .map(|_| {
                    let base = &bases[(lcg(&mut seed) % 3) as usize];
                    let mut set: Vec<u32> = base
                        .iter()
                        .copied()
                        .filter(|_| !lcg(&mut seed).is_multiple_of(8))
                        .collect();
                    for _ in 0..lcg(&mut seed) % 5 {
                        set.push((lcg(&mut seed) % 90) as u32);
                    }
                    set.sort_unstable();
                    set.dedup();
                    set
                })
                .collect();
            let slices: Vec<&[u32]> = sets.iter().map(Vec::as_slice).collect();
            for t in [0.5, 0.7, 0.8, 0.95] {
                let mut every = Vec::new();
                for a in 0..sets.len() {
                    for b in a + 1..sets.len() {
                        if jaccard_sorted(&sets[a], &sets[b]) >= t {
                            every.push((a, b));
                        }
                    }
                }
                over += every.len();
                assert_eq!(
                    pairs_reaching(&slices, 90, t),
                    every,
                    "round {round}, t {t}"
                );
            }
        }
        assert!(over > 1000, "{over}");
    }

    #[test]
    fn the_needed_overlap_is_the_first_that_reaches() {
        for a in 1..60 {
            for b in 1..60 {
                let needed = needed_overlap(a, b, CANDIDATE_THRESHOLD);
                let first = (0..=a.min(b)).find(|&s| ratio(s, a + b - s) >= CANDIDATE_THRESHOLD);
                assert_eq!(needed, first, "{a} {b}");
            }
        }
    }

    #[test]
    fn the_overlap_bound_is_exact() {
        for n in 1..200 {
            let k = min_overlap(n, CANDIDATE_THRESHOLD);
            assert!(k as f64 >= CANDIDATE_THRESHOLD * n as f64 - 1e-9, "{n}");
            assert!(
                k == 1 || ((k - 1) as f64) < CANDIDATE_THRESHOLD * n as f64,
                "{n}"
            );
        }
    }
}
