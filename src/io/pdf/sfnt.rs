//! Just enough of a TrueType/OpenType file to measure text and to cut a face down before it is
//! embedded: the table directory, the Unicode `cmap` (formats 0, 4, 6, 12), `hmtx` advances, and
//! a copy of the font whose `glyf` keeps only the glyphs a report draws.
//!
//! printpdf's own parse of a whole CJK face (cmap into a map, every advance into another, the
//! bytes copied, loca and glyf read) took most of an export's time and memory; read here, a face
//! costs a table lookup per character, and printpdf parses and subsets a font of a few hundred
//! glyphs instead of ten thousand. Glyph ids, advances and the other tables are unchanged, so the
//! embedded subset is the one printpdf made from the whole face.

use std::borrow::Cow;
use std::collections::{BTreeMap, BTreeSet};

/// A font file's tables, read in place.
#[derive(Debug, Clone)]
pub(super) struct Sfnt<'a> {
    data: &'a [u8],
    /// (tag, offset, length) of every table of the face, in directory order.
    tables: Vec<([u8; 4], usize, usize)>,
    /// The `sfnt` version of the face (0x00010000, `OTTO`, `true`).
    version: u32,
}

fn u16_at(data: &[u8], at: usize) -> Option<u16> {
    let b = data.get(at..at.checked_add(2)?)?;
    Some(u16::from_be_bytes([b[0], b[1]]))
}

fn u32_at(data: &[u8], at: usize) -> Option<u32> {
    let b = data.get(at..at.checked_add(4)?)?;
    Some(u32::from_be_bytes([b[0], b[1], b[2], b[3]]))
}

fn i16_at(data: &[u8], at: usize) -> Option<i16> {
    u16_at(data, at).map(|v| v as i16)
}

impl<'a> Sfnt<'a> {
    /// The first face of `data` (a `.ttf`/`.otf`, or the first of a `.ttc`).
    pub(super) fn parse(data: &'a [u8]) -> Option<Sfnt<'a>> {
        let mut start = 0usize;
        if data.get(..4)? == b"ttcf" {
            start = usize::try_from(u32_at(data, 12)?).ok()?;
        }
        let version = u32_at(data, start)?;
        if !matches!(version, 0x0001_0000 | 0x4F54_544F | 0x7472_7565) {
            return None;
        }
        let count = usize::from(u16_at(data, start + 4)?);
        let mut tables = Vec::with_capacity(count);
        for i in 0..count {
            let record = start + 12 + 16 * i;
            let tag = data.get(record..record + 4)?;
            let offset = usize::try_from(u32_at(data, record + 8)?).ok()?;
            let length = usize::try_from(u32_at(data, record + 12)?).ok()?;
            data.get(offset..offset.checked_add(length)?)?;
            tables.push(([tag[0], tag[1], tag[2], tag[3]], offset, length));
        }
        Some(Sfnt {
            data,
            tables,
            version,
        })
    }

    /// A table's bytes.
    pub(super) fn table(&self, tag: &[u8; 4]) -> Option<&'a [u8]> {
        let &(_, offset, length) = self.tables.iter().find(|(t, _, _)| t == tag)?;
        self.data.get(offset..offset + length)
    }

    /// Where each glyph's outline is in `glyf`, by glyph id (from `loca`); `None` for a face
    /// without TrueType outlines.
    pub(super) fn glyph_ranges(&self) -> Option<Vec<std::ops::Range<usize>>> {
        let long = i16_at(self.table(b"head")?, 50)? != 0;
        let glyphs = usize::from(u16_at(self.table(b"maxp")?, 4)?);
        let loca = self.table(b"loca")?;
        self.table(b"glyf")?;
        let offset = |gid: usize| -> Option<usize> {
            if long {
                usize::try_from(u32_at(loca, gid * 4)?).ok()
            } else {
                Some(usize::from(u16_at(loca, gid * 2)?) * 2)
            }
        };
        (0..glyphs)
            .map(|g| {
                let (from, to) = (offset(g)?, offset(g + 1)?);
                Some(from..to.max(from))
            })
            .collect()
    }

    /// The face with every table as `table(tag, bytes)` gives it, in directory order.
    pub(super) fn with_tables<'t>(
        &self,
        mut table: impl FnMut(&[u8; 4], &'a [u8]) -> &'t [u8],
    ) -> Vec<u8>
    where
        'a: 't,
    {
        let tables: Vec<([u8; 4], &[u8])> = self
            .tables
            .iter()
            .map(|(tag, offset, length)| {
                (
                    *tag,
                    table(tag, self.data.get(*offset..offset + length).unwrap_or(&[])),
                )
            })
            .collect();
        write_sfnt(self.version, &tables)
    }

    /// The face with only `keep` (and glyph 0, and the parts of composite glyphs) left in its
    /// `glyf`; every other table as it was. `None` for a face without `glyf` (CFF outlines).
    pub(super) fn with_glyphs_only(&self, keep: &BTreeSet<u16>) -> Option<Vec<u8>> {
        let glyf = self.table(b"glyf")?;
        let ranges = self.glyph_ranges()?;
        self.with_glyphs_from(keep, &mut |gid| {
            glyf.get(ranges.get(usize::from(gid))?.clone())
                .map(Cow::Borrowed)
        })
    }

    /// [`Sfnt::with_glyphs_only`] with the outlines read by `outline` (glyph id → its bytes, as in
    /// `glyf`): a packed face's skeleton has an empty `glyf`.
    pub(super) fn with_glyphs_from<'g>(
        &self,
        keep: &BTreeSet<u16>,
        outline: &mut dyn FnMut(u16) -> Option<Cow<'g, [u8]>>,
    ) -> Option<Vec<u8>> {
        let long = i16_at(self.table(b"head")?, 50)? != 0;
        let glyphs = usize::from(u16_at(self.table(b"maxp")?, 4)?);
        // The glyphs kept: those asked for, glyph 0, and every component of a composite.
        let mut kept: BTreeMap<u16, Cow<'g, [u8]>> = BTreeMap::new();
        let mut todo: Vec<u16> = keep.iter().copied().chain([0]).collect();
        while let Some(gid) = todo.pop() {
            if usize::from(gid) >= glyphs || kept.contains_key(&gid) {
                continue;
            }
            let bytes = outline(gid)?;
            todo.extend(components(&bytes));
            kept.insert(gid, bytes);
        }
        let mut new_glyf: Vec<u8> = Vec::new();
        let mut new_loca: Vec<u8> = Vec::with_capacity((glyphs + 1) * if long { 4 } else { 2 });
        let push_offset = |loca: &mut Vec<u8>, at: usize| -> Option<()> {
            if long {
                loca.extend_from_slice(&u32::try_from(at).ok()?.to_be_bytes());
            } else {
                loca.extend_from_slice(&u16::try_from(at / 2).ok()?.to_be_bytes());
            }
            Some(())
        };
        for gid in 0..glyphs {
            push_offset(&mut new_loca, new_glyf.len())?;
            if let Some(bytes) = kept.get(&u16::try_from(gid).ok()?) {
                new_glyf.extend_from_slice(bytes);
            }
        }
        push_offset(&mut new_loca, new_glyf.len())?;
        // The cmap cut to the kept glyphs too: printpdf maps every character it draws through
        // it, and a whole CJK cmap made that a tenth of the export.
        let new_cmap = self.table(b"cmap").and_then(|cmap| cmap_for(cmap, &kept));
        Some(self.with_tables(|tag, bytes| match tag {
            b"glyf" => new_glyf.as_slice(),
            b"loca" => new_loca.as_slice(),
            b"cmap" => new_cmap.as_deref().unwrap_or(bytes),
            _ => bytes,
        }))
    }
}

/// `cmap` with only the mappings to glyphs of `kept`, each subtable (format 4 or 12) written
/// anew in the same format under the same encoding records; `None` (keep it whole) for a cmap
/// with a subtable of another format, or one that does not fit its format.
fn cmap_for<V>(cmap: &[u8], kept: &BTreeMap<u16, V>) -> Option<Vec<u8>> {
    let count = usize::from(u16_at(cmap, 2)?);
    let mut records: Vec<(u16, u16, usize)> = Vec::with_capacity(count);
    for i in 0..count {
        let r = 4 + 8 * i;
        records.push((
            u16_at(cmap, r)?,
            u16_at(cmap, r + 2)?,
            usize::try_from(u32_at(cmap, r + 4)?).ok()?,
        ));
    }
    // Each distinct subtable once, in the order first named.
    let mut written: Vec<(usize, Vec<u8>)> = Vec::new();
    for &(_, _, at) in &records {
        if written.iter().any(|(a, _)| *a == at) {
            continue;
        }
        let format = u16_at(cmap, at)?;
        let mappings = mappings(cmap, at, format)?;
        let mappings: Vec<(u32, u16)> = mappings
            .into_iter()
            .filter(|(_, g)| kept.contains_key(g))
            .collect();
        let sub = match format {
            4 => format4_table(&mappings, u16_at(cmap, at + 4)?)?,
            _ => format12_table(&mappings, u32_at(cmap, at + 8)?),
        };
        written.push((at, sub));
    }
    let header = 4 + 8 * count;
    let mut offsets: Vec<(usize, u32)> = Vec::new();
    let mut body: Vec<u8> = Vec::new();
    for (at, sub) in &written {
        offsets.push((*at, u32::try_from(header + body.len()).ok()?));
        body.extend_from_slice(sub);
    }
    let mut out = Vec::with_capacity(header + body.len());
    out.extend_from_slice(&0u16.to_be_bytes());
    out.extend_from_slice(&u16::try_from(count).ok()?.to_be_bytes());
    for (platform, encoding, at) in records {
        let &(_, offset) = offsets.iter().find(|(a, _)| *a == at)?;
        out.extend_from_slice(&platform.to_be_bytes());
        out.extend_from_slice(&encoding.to_be_bytes());
        out.extend_from_slice(&offset.to_be_bytes());
    }
    out.extend_from_slice(&body);
    Some(out)
}

/// Every (character, glyph) of the format 4 or 12 subtable at `at`, by character; `None` for
/// another format.
fn mappings(cmap: &[u8], at: usize, format: u16) -> Option<Vec<(u32, u16)>> {
    let mut out = Vec::new();
    match format {
        4 => {
            // Each segment read once (format4 would search the segments again per character).
            let table = Format4::at(cmap, at)?;
            for seg in 0..table.segments {
                let (start, end) = table.bounds(cmap, seg)?;
                for c in start..=end {
                    if let Some(g) = table.glyph(cmap, seg, c).filter(|&g| g != 0) {
                        out.push((u32::from(c), g));
                    }
                }
            }
        }
        12 => {
            let groups = usize::try_from(u32_at(cmap, at + 12)?).ok()?;
            for i in 0..groups {
                let g = at + 16 + i * 12;
                let (start, end, first) =
                    (u32_at(cmap, g)?, u32_at(cmap, g + 4)?, u32_at(cmap, g + 8)?);
                for c in start..=end.min(0x10_FFFF) {
                    let gid = u16::try_from(first.checked_add(c - start)?).ok()?;
                    out.push((c, gid));
                }
            }
        }
        _ => return None,
    }
    out.sort_unstable();
    out.dedup_by_key(|m| m.0);
    Some(out)
}

/// Runs of consecutive characters on consecutive glyphs: (first character, last, first glyph).
fn runs(mappings: &[(u32, u16)]) -> Vec<(u32, u32, u16)> {
    let mut runs: Vec<(u32, u32, u16)> = Vec::new();
    for &(c, g) in mappings {
        match runs.last_mut() {
            Some((first, last, glyph))
                if c == *last + 1 && u32::from(g) == u32::from(*glyph) + (c - *first) =>
            {
                *last = c;
            }
            _ => runs.push((c, c, g)),
        }
    }
    runs
}

/// A format 4 subtable of the BMP characters of `mappings` (one segment per run, then the
/// closing 0xFFFF); `None` if it would not fit the format's 16-bit length.
fn format4_table(mappings: &[(u32, u16)], language: u16) -> Option<Vec<u8>> {
    let bmp: Vec<(u32, u16)> = mappings
        .iter()
        .copied()
        .filter(|&(c, _)| c < 0xFFFF)
        .collect();
    let mut segments: Vec<(u16, u16, u16)> = runs(&bmp)
        .into_iter()
        .map(|(first, last, glyph)| {
            let first = first as u16;
            (first, last as u16, glyph.wrapping_sub(first))
        })
        .collect();
    segments.push((0xFFFF, 0xFFFF, 1));
    let count = segments.len();
    let length = u16::try_from(16 + 8 * count).ok()?;
    let (power, selector) = search_header(count);
    let mut out = Vec::with_capacity(usize::from(length));
    for v in [
        4,
        length,
        language,
        u16::try_from(count * 2).ok()?,
        u16::try_from(power * 2).ok()?,
        selector,
        u16::try_from((count - power) * 2).ok()?,
    ] {
        out.extend_from_slice(&v.to_be_bytes());
    }
    segments
        .iter()
        .for_each(|s| out.extend_from_slice(&s.1.to_be_bytes()));
    out.extend_from_slice(&0u16.to_be_bytes());
    segments
        .iter()
        .for_each(|s| out.extend_from_slice(&s.0.to_be_bytes()));
    segments
        .iter()
        .for_each(|s| out.extend_from_slice(&s.2.to_be_bytes()));
    segments
        .iter()
        .for_each(|_| out.extend_from_slice(&0u16.to_be_bytes()));
    Some(out)
}

/// A format 12 subtable of `mappings`, a group per run.
fn format12_table(mappings: &[(u32, u16)], language: u32) -> Vec<u8> {
    let groups = runs(mappings);
    let length = 16 + 12 * groups.len();
    let mut out = Vec::with_capacity(length);
    out.extend_from_slice(&12u16.to_be_bytes());
    out.extend_from_slice(&0u16.to_be_bytes());
    for v in [length as u32, language, groups.len() as u32] {
        out.extend_from_slice(&v.to_be_bytes());
    }
    for (first, last, glyph) in groups {
        for v in [first, last, u32::from(glyph)] {
            out.extend_from_slice(&v.to_be_bytes());
        }
    }
    out
}

/// The glyph ids a composite glyph is made of (none for a simple glyph).
fn components(glyph: &[u8]) -> Vec<u16> {
    const ARGS_ARE_WORDS: u16 = 0x0001;
    const HAVE_SCALE: u16 = 0x0008;
    const MORE_COMPONENTS: u16 = 0x0020;
    const HAVE_XY_SCALE: u16 = 0x0040;
    const HAVE_TWO_BY_TWO: u16 = 0x0080;
    let mut out = Vec::new();
    if i16_at(glyph, 0).is_none_or(|contours| contours >= 0) {
        return out;
    }
    let mut at = 10;
    while let (Some(flags), Some(gid)) = (u16_at(glyph, at), u16_at(glyph, at + 2)) {
        out.push(gid);
        at += 4 + if flags & ARGS_ARE_WORDS != 0 { 4 } else { 2 };
        at += if flags & HAVE_SCALE != 0 {
            2
        } else if flags & HAVE_XY_SCALE != 0 {
            4
        } else if flags & HAVE_TWO_BY_TWO != 0 {
            8
        } else {
            0
        };
        if flags & MORE_COMPONENTS == 0 {
            break;
        }
    }
    out
}

/// The binary-search fields of an sfnt directory or a format 4 cmap for `count` entries: the
/// largest power of two not above it (at least 1) and its log₂.
fn search_header(count: usize) -> (usize, u16) {
    let (mut power, mut log) = (1usize, 0u16);
    while power * 2 <= count {
        power *= 2;
        log += 1;
    }
    (power, log)
}

/// An sfnt file of `tables` (in that order), each 4-byte aligned with its checksum.
fn write_sfnt(version: u32, tables: &[([u8; 4], &[u8])]) -> Vec<u8> {
    let count = tables.len();
    let (search, selector) = search_header(count);
    let search_range = search * 16;
    let header = 12 + 16 * count;
    let body: usize = tables.iter().map(|(_, b)| (b.len() + 3) & !3).sum();
    let mut out = Vec::with_capacity(header + body);
    out.extend_from_slice(&version.to_be_bytes());
    for v in [
        count,
        search_range,
        usize::from(selector),
        count * 16 - search_range,
    ] {
        out.extend_from_slice(&(v as u16).to_be_bytes());
    }
    let mut offset = header;
    for (tag, bytes) in tables {
        out.extend_from_slice(tag);
        out.extend_from_slice(&checksum(bytes).to_be_bytes());
        out.extend_from_slice(&(offset as u32).to_be_bytes());
        out.extend_from_slice(&(bytes.len() as u32).to_be_bytes());
        offset += (bytes.len() + 3) & !3;
    }
    for (_, bytes) in tables {
        out.extend_from_slice(bytes);
        out.resize((out.len() + 3) & !3, 0);
    }
    out
}

fn checksum(bytes: &[u8]) -> u32 {
    bytes.chunks(4).fold(0u32, |sum, c| {
        let mut word = [0u8; 4];
        word[..c.len()].copy_from_slice(c);
        sum.wrapping_add(u32::from_be_bytes(word))
    })
}

/// A face's character map and advances, read from its bytes on each lookup.
#[derive(Debug, Clone, Copy)]
pub(super) struct Metrics {
    /// Offset of the chosen cmap subtable in the file, and its format.
    cmap: (usize, u16),
    hmtx: (usize, usize),
    h_metrics: usize,
    glyphs: u16,
    /// `head.unitsPerEm`.
    pub(super) units_per_em: u16,
}

impl Metrics {
    /// Reads where the face's tables are; `None` if it has no Unicode cmap this reads, or no
    /// `head`/`hhea`/`maxp`/`hmtx`.
    pub(super) fn read(font: &Sfnt<'_>) -> Option<Metrics> {
        let units_per_em = u16_at(font.table(b"head")?, 18)?;
        let h_metrics = usize::from(u16_at(font.table(b"hhea")?, 34)?);
        let glyphs = u16_at(font.table(b"maxp")?, 4)?;
        let hmtx = font.table(b"hmtx")?;
        let hmtx_at = (hmtx.as_ptr() as usize) - (font.data.as_ptr() as usize);
        let cmap = font.table(b"cmap")?;
        let cmap_at = (cmap.as_ptr() as usize) - (font.data.as_ptr() as usize);
        let subtable = best_subtable(cmap)?;
        let format = u16_at(cmap, subtable)?;
        Some(Metrics {
            cmap: (cmap_at + subtable, format),
            hmtx: (hmtx_at, hmtx.len()),
            h_metrics,
            glyphs,
            units_per_em,
        })
    }

    /// The glyph of `ch` (0 when the face has none).
    pub(super) fn glyph(&self, data: &[u8], ch: char) -> u16 {
        let c = u32::from(ch);
        let (at, format) = self.cmap;
        let gid = match format {
            0 => (c < 256).then(|| data.get(at + 6 + c as usize).map(|&g| u16::from(g))),
            4 => Some(format4(data, at, c)),
            6 => Some(format6(data, at, c)),
            12 => Some(format12(data, at, c)),
            _ => None,
        };
        gid.flatten().filter(|&g| g < self.glyphs).unwrap_or(0)
    }

    /// The advance of glyph `gid` in font units.
    pub(super) fn advance(&self, data: &[u8], gid: u16) -> u16 {
        if gid >= self.glyphs || self.h_metrics == 0 {
            return 0;
        }
        let (at, len) = self.hmtx;
        let i = usize::from(gid).min(self.h_metrics - 1);
        if i * 4 + 2 > len {
            return 0;
        }
        u16_at(data, at + i * 4).unwrap_or(0)
    }
}

/// The subtable a PDF reader's Unicode text maps through, in the order printpdf's font parser
/// prefers them: Windows UCS-4, Windows BMP, Unicode UCS-4, then any Unicode one.
fn best_subtable(cmap: &[u8]) -> Option<usize> {
    let count = usize::from(u16_at(cmap, 2)?);
    let records: Vec<(u16, u16, usize)> = (0..count)
        .filter_map(|i| {
            let r = 4 + 8 * i;
            Some((
                u16_at(cmap, r)?,
                u16_at(cmap, r + 2)?,
                usize::try_from(u32_at(cmap, r + 4)?).ok()?,
            ))
        })
        .collect();
    let find = |p: u16, e: Option<u16>| {
        records
            .iter()
            .find(|&&(rp, re, _)| rp == p && e.is_none_or(|e| e == re))
            .map(|&(_, _, o)| o)
    };
    find(3, Some(10))
        .or_else(|| find(3, Some(1)))
        .or_else(|| find(0, Some(4)))
        .or_else(|| find(0, None))
}

/// Where the segment arrays of a format 4 subtable are.
struct Format4 {
    segments: usize,
    ends: usize,
    starts: usize,
    deltas: usize,
    ranges: usize,
}

impl Format4 {
    fn at(data: &[u8], at: usize) -> Option<Format4> {
        let segments = usize::from(u16_at(data, at + 6)? / 2);
        let ends = at + 14;
        let starts = ends + segments * 2 + 2;
        let deltas = starts + segments * 2;
        Some(Format4 {
            segments,
            ends,
            starts,
            deltas,
            ranges: deltas + segments * 2,
        })
    }

    /// The first and last character of segment `seg`.
    fn bounds(&self, data: &[u8], seg: usize) -> Option<(u16, u16)> {
        Some((
            u16_at(data, self.starts + seg * 2)?,
            u16_at(data, self.ends + seg * 2)?,
        ))
    }

    /// The glyph of `c`, a character within segment `seg`.
    fn glyph(&self, data: &[u8], seg: usize, c: u16) -> Option<u16> {
        let start = u16_at(data, self.starts + seg * 2)?;
        let delta = u16_at(data, self.deltas + seg * 2)?;
        let range_at = self.ranges + seg * 2;
        let range = u16_at(data, range_at)?;
        if range == 0 {
            return Some(c.wrapping_add(delta));
        }
        let glyph_at = range_at + usize::from(range) + usize::from(c.checked_sub(start)?) * 2;
        let g = u16_at(data, glyph_at)?;
        (g != 0).then(|| g.wrapping_add(delta))
    }
}

fn format4(data: &[u8], at: usize, c: u32) -> Option<u16> {
    let c = u16::try_from(c).ok()?;
    let table = Format4::at(data, at)?;
    // The first segment whose end is at or after c.
    let (mut lo, mut hi) = (0usize, table.segments);
    while lo < hi {
        let mid = (lo + hi) / 2;
        if u16_at(data, table.ends + mid * 2)? < c {
            lo = mid + 1;
        } else {
            hi = mid;
        }
    }
    let seg = lo;
    if seg >= table.segments || c < table.bounds(data, seg)?.0 {
        return None;
    }
    table.glyph(data, seg, c)
}

fn format6(data: &[u8], at: usize, c: u32) -> Option<u16> {
    let first = u32::from(u16_at(data, at + 6)?);
    let count = u32::from(u16_at(data, at + 8)?);
    let i = c.checked_sub(first).filter(|&i| i < count)?;
    u16_at(data, at + 10 + i as usize * 2)
}

fn format12(data: &[u8], at: usize, c: u32) -> Option<u16> {
    let groups = usize::try_from(u32_at(data, at + 12)?).ok()?;
    let base = at + 16;
    let (mut lo, mut hi) = (0usize, groups);
    while lo < hi {
        let mid = (lo + hi) / 2;
        let g = base + mid * 12;
        let (start, end) = (u32_at(data, g)?, u32_at(data, g + 4)?);
        if end < c {
            lo = mid + 1;
        } else if start > c {
            hi = mid;
        } else {
            let first = u32_at(data, g + 8)?;
            return u16::try_from(first.checked_add(c - start)?).ok();
        }
    }
    None
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::io::fonts;

    /// The lookups give what printpdf's parser gives, for every character of every bundled face.
    #[test]
    fn glyphs_and_advances_are_printpdfs() {
        for face in [
            &fonts::SERIF_REGULAR,
            &fonts::SERIF_BOLD,
            &fonts::SANS,
            &fonts::KAI,
        ] {
            let bytes = face.whole().unwrap();
            let font = Sfnt::parse(bytes).unwrap();
            let m = Metrics::read(&font).unwrap();
            let parsed = printpdf::ParsedFont::from_bytes(bytes, 0, &mut Vec::new()).unwrap();
            assert_eq!(m.units_per_em, parsed.font_metrics.units_per_em);
            for c in (0..0x3_0000u32).filter_map(char::from_u32) {
                let theirs = parsed.lookup_glyph_index(u32::from(c)).unwrap_or(0);
                assert_eq!(m.glyph(bytes, c), theirs, "{c:?}");
                if theirs != 0 {
                    assert_eq!(
                        m.advance(bytes, theirs),
                        parsed.get_horizontal_advance(theirs),
                        "{c:?}"
                    );
                }
            }
        }
    }

    #[test]
    fn a_cut_face_keeps_the_glyphs_asked_for_and_drops_the_rest() {
        let bytes = fonts::SERIF_REGULAR.whole().unwrap();
        let font = Sfnt::parse(bytes).unwrap();
        let m = Metrics::read(&font).unwrap();
        let keep: BTreeSet<u16> = "政府信息公开2025"
            .chars()
            .map(|c| m.glyph(bytes, c))
            .collect();
        let cut = font.with_glyphs_only(&keep).unwrap();
        assert!(cut.len() < bytes.len() / 10, "{}", cut.len());
        let parsed = printpdf::ParsedFont::from_bytes(&cut, 0, &mut Vec::new()).unwrap();
        let whole = printpdf::ParsedFont::from_bytes(bytes, 0, &mut Vec::new()).unwrap();
        for c in "政府信息公开2025年".chars() {
            let gid = whole.lookup_glyph_index(u32::from(c)).unwrap();
            // 年 was not kept: no longer mapped, its advance still there.
            let expected = (c != '年').then_some(gid);
            assert_eq!(parsed.lookup_glyph_index(u32::from(c)), expected);
            assert_eq!(
                parsed.get_horizontal_advance(gid),
                whole.get_horizontal_advance(gid)
            );
        }
        let again = Sfnt::parse(&cut).unwrap();
        let glyf_len = |f: &Sfnt<'_>| f.table(b"glyf").unwrap().len();
        assert!(glyf_len(&again) < glyf_len(&font) / 100);
        assert_eq!(again.table(b"hmtx"), font.table(b"hmtx"));
        // The cmap keeps the kept glyphs' characters only, in both its formats.
        assert!(again.table(b"cmap").unwrap().len() < 400);
        let cut_metrics = Metrics::read(&again).unwrap();
        for c in "政府信息公开2025".chars() {
            assert_eq!(cut_metrics.glyph(&cut, c), m.glyph(bytes, c), "{c}");
        }
        assert_eq!(cut_metrics.glyph(&cut, '年'), 0);
        let cmap = again.table(b"cmap").unwrap();
        for format in [4, 12] {
            let at = subtable_of_format(cmap, format);
            let kept = mappings(cmap, at, format).unwrap();
            assert_eq!(kept.len(), 9, "format {format}: {kept:?}");
        }
    }

    /// Where `cmap`'s first subtable of `format` is.
    fn subtable_of_format(cmap: &[u8], format: u16) -> usize {
        (0..usize::from(u16_at(cmap, 2).unwrap()))
            .map(|i| u32_at(cmap, 4 + 8 * i + 4).unwrap() as usize)
            .find(|&at| u16_at(cmap, at) == Some(format))
            .unwrap()
    }

    /// A subtable's mappings, read segment by segment, are what looking up each character gives.
    #[test]
    fn the_mappings_of_a_cmap_are_its_lookups() {
        let bytes = fonts::SANS.whole().unwrap();
        let cmap = Sfnt::parse(bytes).unwrap().table(b"cmap").unwrap();
        for format in [4u16, 12] {
            let at = subtable_of_format(cmap, format);
            let lookups: Vec<(u32, u16)> = (0..0x3_0000u32)
                .filter_map(|c| {
                    let g = if format == 4 {
                        format4(cmap, at, c)
                    } else {
                        format12(cmap, at, c)
                    };
                    g.filter(|&g| g != 0).map(|g| (c, g))
                })
                .collect();
            assert!(lookups.len() > 9000);
            assert_eq!(
                mappings(cmap, at, format).unwrap(),
                lookups,
                "format {format}"
            );
        }
    }

    #[test]
    fn what_is_not_a_font_is_refused() {
        assert!(Sfnt::parse(b"").is_none());
        assert!(Sfnt::parse(b"not a font at all, not at all").is_none());
        let mut cut = fonts::SANS.whole().unwrap()[..2000].to_vec();
        cut.truncate(2000);
        assert!(Sfnt::parse(&cut).is_none(), "tables past the end");
    }
}
