//! Word's automatic numbering in an old `.doc`, so a heading numbered by Word ("一、" in no run
//! of text) reads as it prints, as the `.docx` reader reads `numbering.xml`.
//!
//! A paragraph names its list by `sprmPIlfo` (a 1-based index into the list format overrides,
//! `PlfLfo`) and its level by `sprmPIlvl`, directly or through its paragraph style (the style
//! sheet, `STSH`, followed through `istdBase`). An override names a list definition (`PlfLst`:
//! the `LSTF`s, then each list's one or nine `LVL`s) by its `lsid`, and may restart a level. A
//! level gives its start, number format (`nfc`) and number text, where the characters 0–8 stand
//! for the levels' numbers. The labels are then made by the `.docx` reader's `Numbering`.
//! Every offset is checked; a damaged table gives fewer lists, never a panic.

use std::collections::HashMap;

use super::{operand, u16_at, u32_at};
use crate::model::import::docx::numbering::{Level, Numbering};

/// At most this many list definitions, overrides or styles are read.
const MAX_ENTRIES: usize = 4_096;
/// Size of an `LSTF` and of an `LVLF`.
const LSTF: usize = 28;
const LVLF: usize = 28;
/// Size of an `LFO`.
const LFO: usize = 16;
/// `istdBase` of a style based on no other.
const NO_BASE: u16 = 0x0FFF;
/// A `basedOn` chain longer than this is a loop.
const MAX_STYLE_CHAIN: usize = 12;

/// A paragraph's list and level as its own properties, or its style's, give them.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq)]
pub(super) struct ListRef {
    /// `sprmPIlfo`: 0 is no list.
    ilfo: Option<u16>,
    /// `sprmPIlvl`.
    ilvl: Option<u8>,
}

impl ListRef {
    /// The list reference in a paragraph's (or a style's) sprms.
    pub(super) fn of(sprms: &[u8]) -> Self {
        ListRef {
            ilfo: operand(sprms, 0x460B).and_then(|o| u16_at(o, 0)),
            ilvl: operand(sprms, 0x260A).and_then(|o| o.first().copied()),
        }
    }
}

/// The document's lists and its paragraph styles' list references, and the counters as the
/// document is read.
#[derive(Debug, Default)]
pub(super) struct Lists {
    /// By `istd`: the style it is based on and its own list reference.
    styles: Vec<(u16, ListRef)>,
    numbering: Numbering,
}

impl Lists {
    /// Reads the style sheet at `stsh` and the list tables at `lst` and `lfo` (offset, length
    /// in the table stream); any of them may be missing or damaged.
    pub(super) fn read(
        table: &[u8],
        stsh: (usize, usize),
        lst: (usize, usize),
        lfo: (usize, usize),
    ) -> Self {
        let lists = definitions(table, lst);
        let nums = overrides(table, lfo);
        if lists.is_empty() || nums.is_empty() {
            return Lists::default();
        }
        Lists {
            styles: styles(table, stsh),
            numbering: Numbering::from_lists(lists, nums),
        }
    }

    /// The label Word prints before a paragraph of style `istd` with its own list reference
    /// `own` ("一、", "（二）", "3."), advancing the counters; `None` when it prints none.
    pub(super) fn label(&mut self, istd: u16, own: ListRef) -> Option<String> {
        let (mut ilfo, mut ilvl) = (own.ilfo, own.ilvl);
        let mut at = istd;
        for _ in 0..MAX_STYLE_CHAIN {
            if ilfo.is_some() && ilvl.is_some() {
                break;
            }
            let Some(&(base, style)) = self.styles.get(usize::from(at)) else {
                break;
            };
            ilfo = ilfo.or(style.ilfo);
            ilvl = ilvl.or(style.ilvl);
            if base == NO_BASE || base == at {
                break;
            }
            at = base;
        }
        // 0 is no list; 0xF801 (−2047) a list turned off.
        let ilfo = ilfo.filter(|&n| n != 0 && n < 0x8000)?;
        self.numbering
            .next_label(u32::from(ilfo), usize::from(ilvl.unwrap_or(0)))
    }
}

/// The list definitions (`PlfLst`, then the `LVL`s after it), by `lsid`.
fn definitions(table: &[u8], (fc, lcb): (usize, usize)) -> HashMap<u32, Vec<Level>> {
    let mut out = HashMap::new();
    if lcb < 2 {
        return out;
    }
    let count = usize::from(u16_at(table, fc).unwrap_or(0)).min(MAX_ENTRIES);
    let mut at = fc.saturating_add(2).saturating_add(count * LSTF);
    for i in 0..count {
        let lstf = fc + 2 + i * LSTF;
        let (Some(lsid), Some(&flags)) = (u32_at(table, lstf), table.get(lstf + 26)) else {
            break;
        };
        let levels = if flags & 0x01 != 0 { 1 } else { 9 };
        let mut list = Vec::with_capacity(levels);
        for _ in 0..levels {
            let Some((level, next)) = level(table, at) else {
                return out;
            };
            list.push(level);
            at = next;
        }
        out.insert(lsid, list);
    }
    out
}

/// The `LVL` at `at` and where the next one starts.
fn level(table: &[u8], at: usize) -> Option<(Level, usize)> {
    let start = u32_at(table, at)?;
    let nfc = *table.get(at + 4)?;
    let flags = *table.get(at + 5)?;
    let chpx = usize::from(*table.get(at + 24)?);
    let papx = usize::from(*table.get(at + 25)?);
    let xst = at + LVLF + papx + chpx;
    let cch = usize::from(u16_at(table, xst)?);
    let mut text = String::new();
    for k in 0..cch {
        let u = u16_at(table, xst + 2 + k * 2)?;
        match u {
            0..=8 => text.push_str(&format!("%{}", u + 1)),
            _ => text.push(char::from_u32(u32::from(u)).unwrap_or('\u{FFFD}')),
        }
    }
    // A negative start (a damaged file) counts from 0.
    let start = if start > i32::MAX as u32 { 0 } else { start };
    let level = Level::new(start, format(nfc), text, flags & 0x04 != 0);
    Some((level, xst + 2 + cch * 2))
}

/// The overrides (`PlfLfo`: the `LFO`s, then an `LFOData` each): by 1-based index, the list's
/// `lsid` and the levels restarted.
fn overrides(table: &[u8], (fc, lcb): (usize, usize)) -> HashMap<u32, (u32, HashMap<usize, u32>)> {
    let mut out = HashMap::new();
    if lcb < 4 {
        return out;
    }
    let count = (u32_at(table, fc).unwrap_or(0) as usize).min(MAX_ENTRIES);
    let mut data = fc.saturating_add(4).saturating_add(count * LFO);
    for i in 0..count {
        let lfo = fc + 4 + i * LFO;
        let (Some(lsid), Some(&levels)) = (u32_at(table, lfo), table.get(lfo + 12)) else {
            break;
        };
        let mut starts = HashMap::new();
        // LFOData: a CP, then an LFOLVL a level overridden (with an LVL when it formats).
        data += 4;
        for _ in 0..levels {
            let (Some(start), Some(flags)) = (u32_at(table, data), u32_at(table, data + 4)) else {
                break;
            };
            data += 8;
            if flags & 0x10 != 0 && start <= i32::MAX as u32 {
                starts.insert((flags & 0x0F) as usize, start);
            }
            if flags & 0x20 != 0 {
                match level(table, data) {
                    Some((_, next)) => data = next,
                    None => break,
                }
            }
        }
        out.insert(i as u32 + 1, (lsid, starts));
    }
    out
}

/// The paragraph styles of the style sheet (`STSH`): by `istd`, the style it is based on and
/// its own list reference (its `UpxPapx`).
fn styles(table: &[u8], (fc, lcb): (usize, usize)) -> Vec<(u16, ListRef)> {
    let mut out = Vec::new();
    let Some(stsh) = table.get(fc..fc.saturating_add(lcb)) else {
        return out;
    };
    let Some(cb_stshi) = u16_at(stsh, 0).map(usize::from) else {
        return out;
    };
    let count = usize::from(u16_at(stsh, 2).unwrap_or(0)).min(MAX_ENTRIES);
    let base_size = usize::from(u16_at(stsh, 4).unwrap_or(0));
    let mut at = 2 + cb_stshi;
    for _ in 0..count {
        let Some(cb) = u16_at(stsh, at).map(usize::from) else {
            break;
        };
        let std = stsh.get(at + 2..at + 2 + cb).unwrap_or_default();
        at += 2 + cb;
        out.push(style(std, base_size).unwrap_or((NO_BASE, ListRef::default())));
    }
    out
}

/// One style (`STD`): its base and, for a paragraph style, the list reference of its
/// paragraph properties.
fn style(std: &[u8], base_size: usize) -> Option<(u16, ListRef)> {
    let kind_base = u16_at(std, 2)?;
    let base = kind_base >> 4;
    if kind_base & 0x0F != 1 {
        return Some((base, ListRef::default()));
    }
    // The name (a length, the characters and a terminating zero), then the UPXs: a paragraph
    // style's first is its paragraph properties (a length, the istd, the sprms).
    let name = base_size;
    let cch = usize::from(u16_at(std, name)?);
    let upx = name + 2 + (cch + 1) * 2;
    let cb = usize::from(u16_at(std, upx)?);
    let sprms = std.get(upx + 4..upx + 2 + cb)?;
    Some((base, ListRef::of(sprms)))
}

/// Word's name (`numFmt`) of a number format (`nfc`, MS-DOC 2.2.1.3 MSONFC).
fn format(nfc: u8) -> &'static str {
    match nfc {
        0x01 => "upperRoman",
        0x02 => "lowerRoman",
        0x03 => "upperLetter",
        0x04 => "lowerLetter",
        0x0A => "ideographDigital",
        0x0B => "japaneseCounting",
        0x0E => "decimalFullWidth",
        0x12 => "decimalEnclosedCircle",
        0x13 => "decimalFullWidth2",
        0x16 => "decimalZero",
        0x17 => "bullet",
        0x1A => "decimalEnclosedFullstop",
        0x1B => "decimalEnclosedParen",
        0x1C => "decimalEnclosedCircleChinese",
        0x1E => "ideographTraditional",
        0x1F => "ideographZodiac",
        0x21 => "taiwaneseCounting",
        0x23 => "taiwaneseCountingThousand",
        0x25 => "chineseCounting",
        0x26 => "chineseLegalSimplified",
        0x27 => "chineseCountingThousand",
        0xFF => "none",
        _ => "decimal",
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn lvl(out: &mut Vec<u8>, nfc: u8, text: &[u16]) {
        out.extend(1u32.to_le_bytes()); // iStartAt
        out.push(nfc);
        out.push(0); // jc, fLegal …
        out.extend([0u8; 9]); // rgbxchNums
        out.push(2); // ixchFollow: nothing
        out.extend([0u8; 8]); // dxaIndentSav, unused
        out.push(0); // cbGrpprlChpx
        out.push(4); // cbGrpprlPapx
        out.extend([0u8; 2]);
        out.extend([0x5E, 0x84, 0x20, 0x03]); // sprmPDxaLeft, passed over
        out.extend(u16::try_from(text.len()).unwrap().to_le_bytes());
        for u in text {
            out.extend(u.to_le_bytes());
        }
    }

    /// A table stream holding one list (lsid 5: 一、 / （一） / 1.) and two overrides of it, the
    /// second restarting level 0 at 5; returns it with the (offset, length) of both tables.
    fn lists() -> (Vec<u8>, (usize, usize), (usize, usize)) {
        let mut t = vec![0u8; 8];
        let lst_at = t.len();
        t.extend(1u16.to_le_bytes());
        t.extend(5u32.to_le_bytes()); // lsid
        t.extend(5u32.to_le_bytes()); // tplc
        t.extend([0xFF, 0x0F].repeat(9)); // rgistdPara
        t.extend([0, 0]); // flags (not simple), grfhic
        let lst = (lst_at, t.len() - lst_at);
        let ideograph = |c: char| c as u16;
        lvl(&mut t, 0x27, &[0, ideograph('、')]);
        lvl(&mut t, 0x27, &[ideograph('（'), 1, ideograph('）')]);
        for level in 2..9 {
            lvl(&mut t, 0x00, &[level, u16::from(b'.')]);
        }
        let lfo_at = t.len();
        t.extend(2u32.to_le_bytes());
        for levels in [0u8, 1] {
            t.extend(5u32.to_le_bytes());
            t.extend([0u8; 8]);
            t.extend([levels, 0, 0, 0]);
        }
        t.extend(u32::MAX.to_le_bytes()); // the first LFOData: a CP, no levels
        t.extend(u32::MAX.to_le_bytes()); // the second: a CP and one LFOLVL
        t.extend(5u32.to_le_bytes());
        t.extend(0x10u32.to_le_bytes()); // level 0, fStartAt
        let lfo = (lfo_at, t.len() - lfo_at);
        (t, lst, lfo)
    }

    fn at(ilfo: u16, ilvl: u8) -> ListRef {
        ListRef {
            ilfo: Some(ilfo),
            ilvl: Some(ilvl),
        }
    }

    #[test]
    fn labels_count_by_level_and_an_override_restarts() {
        let (t, lst, lfo) = lists();
        let mut lists = Lists::read(&t, (0, 0), lst, lfo);
        let labels: Vec<Option<String>> = [at(1, 0), at(1, 1), at(1, 1), at(1, 0), at(1, 1)]
            .into_iter()
            .chain([at(1, 2), at(0, 0), ListRef::default(), at(2, 0), at(9, 0)])
            .map(|r| lists.label(0, r))
            .collect();
        let want = [
            "一、",
            "（一）",
            "（二）",
            "二、",
            "（一）",
            "1.",
            "",
            "",
            "五、",
            "",
        ];
        let want: Vec<Option<String>> = want
            .iter()
            .map(|w| (!w.is_empty()).then(|| (*w).to_owned()))
            .collect();
        assert_eq!(labels, want);
    }

    #[test]
    fn a_style_carries_the_list_through_its_base() {
        let (mut t, lst, lfo) = lists();
        // STSH: cbStshi 4 (cstd 2, cbSTDBaseInFile 10); style 0 a paragraph style holding
        // sprmPIlfo 1, style 1 based on it holding sprmPIlvl 1.
        let stsh_at = t.len();
        t.extend(4u16.to_le_bytes());
        t.extend(2u16.to_le_bytes());
        t.extend(10u16.to_le_bytes());
        let std = |base: u16, sprms: &[u8]| {
            let mut s = Vec::new();
            s.extend(0u16.to_le_bytes());
            s.extend((1 | (base << 4)).to_le_bytes());
            s.extend(0x0011u16.to_le_bytes()); // cupx 1
            s.extend([0u8; 4]);
            s.extend(1u16.to_le_bytes()); // name: one character and a zero
            s.extend([u16::from(b'H').to_le_bytes(), [0, 0]].concat());
            let cb = u16::try_from(2 + sprms.len()).unwrap();
            s.extend(cb.to_le_bytes());
            s.extend(0u16.to_le_bytes()); // istd
            s.extend(sprms);
            s
        };
        for s in [std(NO_BASE, &[0x0B, 0x46, 1, 0]), std(0, &[0x0A, 0x26, 1])] {
            t.extend(u16::try_from(s.len()).unwrap().to_le_bytes());
            t.extend(s);
        }
        let stsh = (stsh_at, t.len() - stsh_at);
        let mut lists = Lists::read(&t, stsh, lst, lfo);
        assert_eq!(lists.label(0, ListRef::default()).as_deref(), Some("一、"));
        assert_eq!(
            lists.label(1, ListRef::default()).as_deref(),
            Some("（一）")
        );
        // The paragraph's own sprmPIlfo 0 turns its style's list off.
        let off = ListRef {
            ilfo: Some(0),
            ilvl: None,
        };
        assert_eq!(lists.label(1, off), None);
    }

    #[test]
    fn damaged_tables_give_fewer_lists_never_a_panic() {
        let (t, lst, lfo) = lists();
        for cut in 0..t.len() {
            let short = t.get(..cut).unwrap();
            let mut lists = Lists::read(short, (0, cut), lst, lfo);
            let _ = lists.label(0, at(1, 0));
            let _ = lists.label(3, at(2, 8));
        }
    }
}
