//! The report built from the blocks any reader cut: the format told from the table labels (and
//! the year), the figures mapped onto its tables (`tables`), the prose split at its section
//! headings (`sections`), the title, agency, year and 落款 read from the front and the end.

use super::{
    AllFormats, Block, ImportError, ImportOptions, Notes, labels, portal, sections, tables,
};
use crate::model::format::{Format, ProseKind};
use crate::model::report::{Meta, Report};

/// Builds the report from the blocks.
pub(super) fn assemble(
    blocks: &[Block],
    title_hint: Option<&str>,
    portal: &portal::PortalMeta,
    mut notes: Notes,
    known: &AllFormats,
    options: &ImportOptions,
) -> Result<Report, ImportError> {
    let cells = tables::Cells::new(blocks);
    let registry = known.registry;
    // The headings of every format so far are the same; any one splits the prose for the title.
    let first_split = split_prose(blocks, known.headings.first());
    let front = sections::front(&first_split.front, title_hint);
    let title_year = sections::year_in(&front.title);
    let Some((format, detection)) = detect_format(&cells, known, title_year) else {
        return Err(ImportError::NotAReport);
    };
    let prose = split_prose(blocks, known.headings(format));
    let (year, year_note) = match title_year {
        Some(y) => (y, None),
        None => guess_year(&front, &prose, format, options),
    };
    let mut report = Report::new(format, year);
    notes.add(None, None, detection);
    if let Some(n) = year_note {
        notes.add(None, None, n);
    }
    if !format.covers(year) {
        let expected = registry.for_year(year).map_or("", |f| f.name.as_str());
        notes.add(
            None,
            None,
            format!(
                "{year} 年度的报告应使用{expected}，但原文表格是{}的样式；已按原文的格式导入，请核对",
                format.name
            ),
        );
    }
    let found_rows = match known.labels(format) {
        Some(dict) => tables::read(format, dict, &cells, &mut report, &mut notes),
        None => 0,
    };
    // One heading alone may be a coincidence; two headings or one table row make a report.
    let mut headings_found = prose.found.clone();
    headings_found.sort_unstable();
    headings_found.dedup();
    if headings_found.len() < 2 && found_rows == 0 {
        return Err(ImportError::NotAReport);
    }
    fill_meta(&mut report.meta, &front, year, portal, &mut notes);
    fill_prose(&mut report, &prose, portal, &mut notes);
    if let Some(date) = report.meta.signature_date
        && !registry.is_signature_date(date)
    {
        // A draft with such a date would not open again.
        report.meta.signature_date = None;
        notes.add(
            None,
            None,
            format!("落款日期“{date}”不可能是本报告的成文日期，已留空，请填写"),
        );
    }
    if report.meta.agency.is_empty() && !report.meta.signature_unit.is_empty() {
        report.meta.agency = report.meta.signature_unit.clone();
        notes.add(
            None,
            None,
            format!("机关名称按落款读作“{}”，请核对", report.meta.agency),
        );
    }
    report.notes = notes.into_vec();
    Ok(report)
}

fn split_prose(blocks: &[Block], headings: Option<&sections::Headings>) -> sections::Prose {
    let mut prose = sections::Prose::default();
    let Some(headings) = headings else {
        return prose;
    };
    for block in blocks {
        if let Block::Text(line) = block {
            prose.push(headings, line);
        }
    }
    prose
}

/// The format whose own labels the tables use most; the year decides when the tables say
/// nothing. Returns the format and a note saying how it was told (`None` only if no format is
/// built in).
fn detect_format(
    cells: &tables::Cells,
    known: &AllFormats,
    year: Option<u16>,
) -> Option<(&'static Format, String)> {
    let registry = known.registry;
    let scores: Vec<usize> = known
        .labels
        .iter()
        .enumerate()
        .map(|(i, own)| {
            let others: Vec<&labels::Dictionary> = known
                .labels
                .iter()
                .enumerate()
                .filter(|&(j, _)| j != i)
                .map(|(_, d)| d)
                .collect();
            cells.distinctive_hits(own, &others)
        })
        .collect();
    let best = scores.iter().copied().max().unwrap_or(0);
    let by_year = year.and_then(|y| registry.for_year(y));
    let tied: Vec<&'static Format> = registry
        .iter()
        .zip(&scores)
        .filter(|&(_, &s)| s == best)
        .map(|(f, _)| f)
        .collect();
    if best > 0 {
        let pick = by_year
            .filter(|f| tied.iter().any(|t| t.id == f.id))
            .or_else(|| tied.first().copied());
        if let Some(f) = pick {
            return Some((
                f,
                format!(
                    "根据表格的栏目判断为{}（{}处只有该格式才有的栏目）",
                    f.name, best
                ),
            ));
        }
    }
    by_year.or_else(|| registry.current()).map(|f| {
        (
            f,
            format!("表格中没有能区分格式的栏目，按年度采用{}", f.name),
        )
    })
}

/// A year when the title has none: the preamble's 统计期限, else the first year in section 一,
/// else the year before the date under the title or in the 落款, else last year (a report is
/// written early in the year after the one it covers).
fn guess_year(
    front: &sections::Front,
    prose: &sections::Prose,
    format: &Format,
    options: &ImportOptions,
) -> (u16, Option<String>) {
    let preamble = front.preamble.join("\n");
    let first_section = prose
        .sections
        .get(&0)
        .map(|lines| lines.join("\n"))
        .unwrap_or_default();
    if let Some(y) = sections::year_in(&preamble).or_else(|| sections::year_in(&first_section)) {
        return (
            y,
            Some(format!(
                "标题中没有年度，按正文中的“{y}年”定为 {y} 年度，请核对"
            )),
        );
    }
    let last_lines = prose
        .found
        .iter()
        .max()
        .and_then(|si| prose.sections.get(si))
        .map(Vec::as_slice)
        .unwrap_or_default();
    let dated = front.date.or_else(|| sections::signature(last_lines).1);
    if let Some(date) = dated {
        let y = date.year.saturating_sub(1);
        return (
            y,
            Some(format!(
                "原文中没有写明年度，按成文日期 {date} 定为 {y} 年度，请核对"
            )),
        );
    }
    if let Some(y) = options.current_year.map(|y| y.saturating_sub(1)) {
        return (
            y,
            Some(format!(
                "原文中没有找到年度，按今年（{}年）暂定为上一年度 {y} 年度（年度报告在次年年初编写），请在报告信息中核对",
                y.saturating_add(1)
            )),
        );
    }
    let y = format.last_year.unwrap_or(format.first_year);
    (
        y,
        Some(format!(
            "原文中没有找到年度，暂定为 {y} 年度，请在报告信息中改正"
        )),
    )
}

fn fill_meta(
    meta: &mut Meta,
    front: &sections::Front,
    year: u16,
    portal: &portal::PortalMeta,
    notes: &mut Notes,
) {
    meta.title = front.title.clone();
    meta.agency = sections::agency_in(&front.title, Some(year));
    meta.doc_number = front.doc_number.clone();
    meta.preamble = front.preamble.join("\n");
    meta.signature_date = front.date;
    let portal_agency = portal.agency.as_deref().filter(|_| meta.agency.is_empty());
    if meta.title.is_empty() {
        notes.add(None, None, "没有找到报告标题，请补写".to_owned());
    } else if let Some(agency) = portal_agency {
        // The portal's 发布机构 names the agency a title like “2024年度政府信息公开工作年度报告”
        // leaves out.
        meta.agency = agency.to_owned();
        notes.add(
            None,
            None,
            format!(
                "标题“{}”中没有机关名称，机关名称按网页的发布机构读作“{agency}”，请核对",
                meta.title
            ),
        );
    } else if meta.agency.is_empty() {
        notes.add(
            None,
            None,
            format!("没有从标题“{}”中读出机关名称，请补写", meta.title),
        );
    } else if meta.title != Meta::default_title(&meta.agency, year) {
        notes.add(
            None,
            None,
            format!(
                "标题“{}”与常见写法“{}”不同，已原样保留；机关名称读作“{}”，年度 {year}",
                meta.title,
                Meta::default_title(&meta.agency, year),
                meta.agency
            ),
        );
    }
}

fn fill_prose(
    report: &mut Report,
    prose: &sections::Prose,
    portal: &portal::PortalMeta,
    notes: &mut Notes,
) {
    let format = report.format;
    let last_found = prose.found.iter().copied().max();
    for (si, section) in format.sections.iter().enumerate() {
        let mut lines: Vec<String> = prose.sections.get(&si).cloned().unwrap_or_default();
        if Some(si) == last_found {
            let (unit, date, taken) = sections::signature(&lines);
            if taken > 0 {
                lines.truncate(lines.len().saturating_sub(taken));
                report.meta.signature_unit = unit;
                if date.is_some() {
                    report.meta.signature_date = date;
                }
            }
        }
        let text = lines.join("\n");
        let found = prose.found.contains(&si);
        if !found {
            notes.add(
                None,
                Some(section.id.clone()),
                format!(
                    "没有找到第{}部分“{}”的标题；如原文有这一部分，请核对其标题（其内容可能并入了上一部分）",
                    section.number,
                    format.section_heading(section)
                ),
            );
        }
        if let Some((_, printed)) = prose.retitled.iter().find(|(s, _)| *s == si) {
            notes.add(
                None,
                Some(section.id.clone()),
                format!(
                    "原文的“{printed}”按所在位置和序号读作第{}部分“{}”，请核对",
                    section.number,
                    format.section_heading(section)
                ),
            );
        }
        match section.prose {
            ProseKind::Main => {
                report.prose.insert(section.id.clone(), text);
            }
            ProseKind::Optional if !text.is_empty() => {
                report.prose.insert(section.id.clone(), text);
            }
            ProseKind::Optional => {}
        }
    }
    // No 落款 date: the page's 成文日期, else its 公开日期, stands in for it. The draft has no
    // field of its own for the publication date, and a report is published within days of being
    // signed, so the M-DEADLINE check reads the right month; the note says it is the page's.
    let page_date = portal
        .written
        .map(|d| (d, "成文日期"))
        .or(portal.published.map(|d| (d, "公开日期")));
    if report.meta.signature_date.is_none()
        && let Some((date, field)) = page_date
    {
        report.meta.signature_date = Some(date);
        let unit = if report.meta.signature_unit.is_empty() {
            "，落款单位请补写"
        } else {
            ""
        };
        notes.add(
            None,
            None,
            format!("原文没有落款日期，成文日期按网页的{field}填为“{date}”，请核对{unit}"),
        );
    }
    if report.meta.signature_unit.is_empty() && report.meta.signature_date.is_none() {
        notes.add(
            None,
            None,
            "原文没有落款（单位名称和成文日期），请补写".to_owned(),
        );
    }
}
