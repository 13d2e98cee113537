//! How a bundled face is stored in the program: its tables deflated together, except the
//! outlines (`glyf`, nine tenths of a CJK face), which are deflated in runs of [`RUN`] glyphs taken
//! in the order of how often their characters are used (`fonts/order.txt`). A report's few hundred
//! characters then fall into few runs: the PDF unpacks only those, the editor unpacks its one
//! face whole when it starts.
//!
//! `build.rs` writes the packs (this file is compiled into it too, with `sfnt.rs` beside it, so
//! nothing here may name the crate); the program reads them with [`Pack::parse`]. Layout, all
//! numbers big-endian:
//!
//! ```text
//! "NBPK"  u32 deflated skeleton length  u32 skeleton length  u32 glyphs  u32 runs
//! skeleton      the face with an empty glyf (every other table, loca too, as in the file),
//!               deflated whole (cmap, advances and loca shrink to about half)
//! order         u16 per glyph: the glyph ids in the order they are stored
//! run offsets   u32 per run, and one more: where each run's deflated bytes start in `data`
//! data
//! ```

use std::collections::{BTreeMap, BTreeSet};
use std::ops::Range;

use super::sfnt::{Metrics, Sfnt};

/// Glyphs per deflated run: small enough that a report unpacks about a quarter of the body face,
/// large enough that deflate still finds the repeats (see the README's 精简 figures).
pub(crate) const RUN: usize = 64;

const MAGIC: &[u8; 4] = b"NBPK";

/// Unpacks raw deflate that must give exactly the size asked for, the first bytes of it or all
/// (`io::fonts::inflate`, given the deflated bytes, the size they unpack to, and how many bytes
/// of that are wanted; the build script, which only packs, has no inflater).
pub(crate) type Inflate = dyn Fn(&[u8], usize, usize) -> Option<Vec<u8>>;

/// Packs `font` (a TrueType face with `glyf`), storing its glyphs in the order of the characters
/// of `order` (most used first; glyph 0 and then the glyphs of no listed character after them,
/// by id), each run of [`RUN`] deflated by `deflate`. Called by `build.rs` (and the tests).
#[cfg_attr(not(test), allow(dead_code))]
pub(crate) fn pack(
    font: &[u8],
    order: &str,
    deflate: &dyn Fn(&[u8]) -> Vec<u8>,
) -> Result<Vec<u8>, String> {
    let face = Sfnt::parse(font).ok_or("not a font")?;
    let ranges = face.glyph_ranges().ok_or("no glyf/loca")?;
    let glyf = face.table(b"glyf").ok_or("no glyf")?;
    let metrics = Metrics::read(&face).ok_or("no cmap the PDF reads")?;
    let glyphs = ranges.len();
    // Rank of a glyph: that of its most used character; glyph 0 first, unlisted ones last.
    let mut rank: Vec<usize> = (0..glyphs).map(|g| usize::MAX - glyphs + g).collect();
    rank[0] = 0;
    for (i, ch) in order.chars().enumerate() {
        let gid = usize::from(metrics.glyph(font, ch));
        if gid != 0 && rank[gid] > i + 1 {
            rank[gid] = i + 1;
        }
    }
    let mut stored: Vec<usize> = (0..glyphs).collect();
    stored.sort_by_key(|&g| rank[g]);

    let skeleton = face.with_tables(|tag, bytes| if tag == b"glyf" { &[] } else { bytes });
    let mut data = Vec::new();
    let mut offsets = vec![0u32];
    for run in stored.chunks(RUN) {
        let mut raw = Vec::new();
        for &g in run {
            raw.extend_from_slice(glyf.get(ranges[g].clone()).ok_or("glyph past glyf")?);
        }
        data.extend_from_slice(&deflate(&raw));
        offsets.push(u32::try_from(data.len()).map_err(|e| e.to_string())?);
    }
    let deflated = deflate(&skeleton);
    let mut out = Vec::with_capacity(20 + deflated.len() + glyphs * 2 + offsets.len() * 4);
    out.extend_from_slice(MAGIC);
    for n in [deflated.len(), skeleton.len(), glyphs, offsets.len() - 1] {
        out.extend_from_slice(&u32::try_from(n).map_err(|e| e.to_string())?.to_be_bytes());
    }
    out.extend_from_slice(&deflated);
    for &g in &stored {
        out.extend_from_slice(&u16::try_from(g).map_err(|e| e.to_string())?.to_be_bytes());
    }
    for o in offsets {
        out.extend_from_slice(&o.to_be_bytes());
    }
    out.extend_from_slice(&data);
    Ok(out)
}

/// A packed face, read in place but for its skeleton.
#[derive(Debug)]
pub(crate) struct Pack<'a> {
    /// The face without outlines (unpacked): cmap, advances and loca are read from here.
    pub(crate) skeleton: Vec<u8>,
    /// Run and position in it of every glyph.
    place: Vec<(u32, u32)>,
    order: &'a [u8],
    offsets: &'a [u8],
    data: &'a [u8],
    /// Each glyph's bytes in the unpacked `glyf`.
    ranges: Vec<Range<usize>>,
}

fn u32_at(bytes: &[u8], at: usize) -> Option<usize> {
    let b = bytes.get(at..at.checked_add(4)?)?;
    usize::try_from(u32::from_be_bytes([b[0], b[1], b[2], b[3]])).ok()
}

impl<'a> Pack<'a> {
    /// Reads what [`pack`] wrote, unpacking its skeleton with `inflate`; `None` if it is not
    /// that.
    pub(crate) fn parse(bytes: &'a [u8], inflate: &Inflate) -> Option<Pack<'a>> {
        if bytes.get(..4)? != MAGIC {
            return None;
        }
        let (deflated_len, skeleton_len, glyphs, runs) = (
            u32_at(bytes, 4)?,
            u32_at(bytes, 8)?,
            u32_at(bytes, 12)?,
            u32_at(bytes, 16)?,
        );
        let mut at: usize = 20;
        let mut take = |n: usize| -> Option<&'a [u8]> {
            let part = bytes.get(at..at.checked_add(n)?)?;
            at += n;
            Some(part)
        };
        let skeleton = inflate(take(deflated_len)?, skeleton_len, skeleton_len)?;
        let order = take(glyphs.checked_mul(2)?)?;
        let offsets = take(runs.checked_add(1)?.checked_mul(4)?)?;
        let data = bytes.get(at..)?;
        let ranges = Sfnt::parse(&skeleton)?.glyph_ranges()?;
        if ranges.len() != glyphs || runs != glyphs.div_ceil(RUN) {
            return None;
        }
        // Where each glyph sits: its run, and how far into the unpacked run it starts.
        let mut place = vec![(u32::MAX, 0u32); glyphs];
        for (run, ids) in order.chunks(2 * RUN).enumerate() {
            let mut within = 0usize;
            for id in ids.chunks_exact(2) {
                let g = usize::from(u16::from_be_bytes([id[0], id[1]]));
                let len = ranges.get(g)?.len();
                *place.get_mut(g)? = (u32::try_from(run).ok()?, u32::try_from(within).ok()?);
                within += len;
            }
        }
        if place.iter().any(|&(run, _)| run == u32::MAX) {
            return None;
        }
        Some(Pack {
            skeleton,
            place,
            order,
            offsets,
            data,
            ranges,
        })
    }

    /// How many runs the face is stored in.
    #[cfg(test)]
    pub(crate) fn runs(&self) -> usize {
        self.offsets.len() / 4 - 1
    }

    /// The run glyph `gid` is stored in.
    #[cfg(test)]
    pub(crate) fn run_of(&self, gid: u16) -> Option<usize> {
        self.place
            .get(usize::from(gid))
            .map(|&(run, _)| run as usize)
    }

    /// The first `want` bytes of run `run` (all of it if `want` is `None`), unpacked by
    /// `inflate`.
    fn unpack_run(&self, run: usize, want: Option<usize>, inflate: &Inflate) -> Option<Vec<u8>> {
        let (from, to) = (
            u32_at(self.offsets, run * 4)?,
            u32_at(self.offsets, run * 4 + 4)?,
        );
        let size: usize = self
            .order
            .get(run * 2 * RUN..)?
            .chunks_exact(2)
            .take(RUN)
            .map(|id| self.ranges[usize::from(u16::from_be_bytes([id[0], id[1]]))].len())
            .sum();
        let want = want.map_or(size, |w| w.min(size));
        let raw = inflate(self.data.get(from..to)?, size, want)?;
        (raw.len() == want).then_some(raw)
    }

    /// Reads glyphs, unpacking each run whole the first time one of its glyphs is asked for.
    pub(crate) fn reader<'p>(&'p self, inflate: &'p Inflate) -> Reader<'p, 'a> {
        Reader {
            pack: self,
            inflate,
            runs: BTreeMap::new(),
            wanted: None,
        }
    }

    /// Reads the glyphs of `glyphs` (and any other), unpacking of each run only as far as the
    /// last of them it holds: a run is stored in the order of use, so a report's rarer
    /// characters sit one or two to a run, and half a run on average need not be unpacked. A
    /// glyph asked for that is not in `glyphs` (a composite's part) unpacks its run whole.
    pub(crate) fn reader_for<'p>(
        &'p self,
        inflate: &'p Inflate,
        glyphs: &BTreeSet<u16>,
    ) -> Reader<'p, 'a> {
        let mut wanted: BTreeMap<usize, usize> = BTreeMap::new();
        for &gid in glyphs.iter().chain(&[0]) {
            let (Some(&(run, within)), Some(range)) = (
                self.place.get(usize::from(gid)),
                self.ranges.get(usize::from(gid)),
            ) else {
                continue;
            };
            let end = within as usize + range.len();
            let last = wanted.entry(run as usize).or_default();
            *last = (*last).max(end);
        }
        Reader {
            wanted: Some(wanted),
            ..self.reader(inflate)
        }
    }

    /// The whole face again: the skeleton's tables with `glyf` put back, in the file's table
    /// order (every table byte-equal to the packed file's).
    pub(crate) fn unpack(&self, inflate: &Inflate) -> Option<Vec<u8>> {
        let mut glyf = vec![0u8; self.ranges.last().map_or(0, |r| r.end)];
        let mut reader = self.reader(inflate);
        for (gid, range) in self.ranges.iter().enumerate() {
            let bytes = reader.glyph(u16::try_from(gid).ok()?)?;
            glyf.get_mut(range.clone())?.copy_from_slice(bytes);
        }
        let face = Sfnt::parse(&self.skeleton)?;
        Some(face.with_tables(|tag, bytes| if tag == b"glyf" { &glyf } else { bytes }))
    }
}

/// Glyph outlines of a [`Pack`], its runs unpacked as they are needed.
pub(crate) struct Reader<'p, 'a> {
    pack: &'p Pack<'a>,
    inflate: &'p Inflate,
    /// Each run unpacked so far: its first bytes or all of it.
    runs: BTreeMap<usize, Vec<u8>>,
    /// How far into each run the glyphs to be read end (`None`: unpack runs whole).
    wanted: Option<BTreeMap<usize, usize>>,
}

impl Reader<'_, '_> {
    /// The outline of `gid` (empty for a glyph without one); `None` if the pack is damaged.
    pub(crate) fn glyph(&mut self, gid: u16) -> Option<&[u8]> {
        let &(run, within) = self.pack.place.get(usize::from(gid))?;
        let len = self.pack.ranges.get(usize::from(gid))?.len();
        let (run, within) = (run as usize, within as usize);
        let end = within + len;
        if self.runs.get(&run).is_none_or(|raw| raw.len() < end) {
            // As far as the glyphs wanted from the run end; whole for a reader without a list
            // or a glyph it did not foresee.
            let want = self
                .wanted
                .as_ref()
                .and_then(|w| w.get(&run).copied())
                .filter(|&w| w >= end);
            let raw = self.pack.unpack_run(run, want, self.inflate)?;
            self.runs.insert(run, raw);
        }
        self.runs.get(&run)?.get(within..end)
    }

    /// How many runs have been unpacked so far.
    #[cfg(test)]
    pub(crate) fn unpacked_runs(&self) -> usize {
        self.runs.len()
    }

    /// How many bytes of outlines have been unpacked so far.
    #[cfg(test)]
    fn unpacked_bytes(&self) -> usize {
        self.runs.values().map(Vec::len).sum()
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::io::fonts;

    fn file(face: &str) -> Vec<u8> {
        std::fs::read(
            std::path::Path::new(env!("CARGO_MANIFEST_DIR"))
                .join("fonts")
                .join(face),
        )
        .unwrap()
    }

    /// Every table of a face, by tag.
    fn tables(font: &[u8]) -> Vec<([u8; 4], Vec<u8>)> {
        let face = Sfnt::parse(font).unwrap();
        let mut out = Vec::new();
        face.with_tables(|tag, bytes| {
            out.push((*tag, bytes.to_vec()));
            bytes
        });
        out
    }

    #[test]
    fn the_bundled_packs_unpack_to_the_font_files() {
        for (face, name) in [
            (&fonts::SERIF_REGULAR, "NianbaoSerif-Regular.ttf"),
            (&fonts::SERIF_BOLD, "NianbaoSerif-Bold.ttf"),
            (&fonts::SANS, "NianbaoSans-Regular.ttf"),
            (&fonts::KAI, "NianbaoKai-Regular.ttf"),
        ] {
            let original = file(name);
            let whole = face.whole().unwrap();
            assert_eq!(tables(whole), tables(&original), "{name}");
            // Packed, the outlines take at most three quarters of their room.
            let glyf = Sfnt::parse(&original)
                .unwrap()
                .table(b"glyf")
                .unwrap()
                .len();
            assert!(face.packed_len() < original.len() - glyf / 4, "{name}");
        }
    }

    #[test]
    fn a_reader_unpacks_only_the_runs_of_the_glyphs_asked_for() {
        let pack = fonts::SERIF_REGULAR.pack().unwrap();
        let whole = Sfnt::parse(fonts::SERIF_REGULAR.whole().unwrap()).unwrap();
        let glyf = whole.table(b"glyf").unwrap();
        let ranges = whole.glyph_ranges().unwrap();
        let metrics = Metrics::read(&whole).unwrap();
        let mut reader = pack.reader(&fonts::inflate);
        // Common characters share the first runs; a rare one is far behind.
        let text = "政府信息公开工作年度报告";
        let mut runs: Vec<usize> = Vec::new();
        for ch in text.chars() {
            let gid = metrics.glyph(fonts::SERIF_REGULAR.whole().unwrap(), ch);
            assert_ne!(gid, 0, "{ch}");
            assert_eq!(
                reader.glyph(gid).unwrap(),
                &glyf[ranges[usize::from(gid)].clone()]
            );
            runs.push(pack.run_of(gid).unwrap());
        }
        runs.sort_unstable();
        runs.dedup();
        assert_eq!(reader.unpacked_runs(), runs.len());
        // 12 characters, 146 runs: five of the first ten.
        assert!(runs.len() <= 6 && runs.iter().all(|&r| r < 10), "{runs:?}");
        let rare = metrics.glyph(fonts::SERIF_REGULAR.whole().unwrap(), '龠');
        assert!(pack.run_of(rare).unwrap() > 50);
        assert_eq!(reader.glyph(9999), None);
    }

    #[test]
    fn a_reader_told_the_glyphs_unpacks_each_run_only_as_far_as_they_go() {
        let face = fonts::SERIF_REGULAR.whole().unwrap();
        let pack = fonts::SERIF_REGULAR.pack().unwrap();
        let whole = Sfnt::parse(face).unwrap();
        let (glyf, ranges) = (whole.table(b"glyf").unwrap(), whole.glyph_ranges().unwrap());
        let metrics = Metrics::read(&whole).unwrap();
        let gids: BTreeSet<u16> = "政府信息公开工作年度报告龠鑫"
            .chars()
            .map(|c| metrics.glyph(face, c))
            .collect();
        let mut told = pack.reader_for(&fonts::inflate, &gids);
        let mut untold = pack.reader(&fonts::inflate);
        for &gid in &gids {
            let want = &glyf[ranges[usize::from(gid)].clone()];
            assert_eq!(told.glyph(gid).unwrap(), want);
            assert_eq!(untold.glyph(gid).unwrap(), want);
        }
        assert_eq!(told.unpacked_runs(), untold.unpacked_runs());
        assert!(
            told.unpacked_bytes() < untold.unpacked_bytes() * 3 / 4,
            "{} of {}",
            told.unpacked_bytes(),
            untold.unpacked_bytes()
        );
        // A glyph it was not told of, stored after those it was in a run already begun: read right.
        let rare = metrics.glyph(face, '龠');
        let run = pack.run_of(rare).unwrap();
        let later = (0..u16::try_from(ranges.len()).unwrap())
            .filter(|&g| pack.run_of(g) == Some(run) && !ranges[usize::from(g)].is_empty())
            .max_by_key(|&g| pack.place[usize::from(g)].1)
            .unwrap();
        assert!(pack.place[usize::from(later)].1 > pack.place[usize::from(rare)].1);
        assert_eq!(
            told.glyph(later).unwrap(),
            &glyf[ranges[usize::from(later)].clone()]
        );
    }

    #[test]
    fn packing_loses_nothing_and_damage_is_refused() {
        let original = file("NianbaoKai-Regular.ttf");
        let deflate = |raw: &[u8]| {
            use std::io::Write;
            let mut e = flate2::write::DeflateEncoder::new(Vec::new(), flate2::Compression::fast());
            e.write_all(raw).unwrap();
            e.finish().unwrap()
        };
        let packed = pack(&original, "年报政府", &deflate).unwrap();
        let parsed = Pack::parse(&packed, &fonts::inflate).unwrap();
        let glyphs = Sfnt::parse(&original)
            .unwrap()
            .glyph_ranges()
            .unwrap()
            .len();
        assert_eq!(parsed.runs(), glyphs.div_ceil(RUN));
        let whole = parsed.unpack(&fonts::inflate).unwrap();
        assert_eq!(tables(&whole), tables(&original));
        // The characters listed first are stored first, after glyph 0.
        let metrics = Metrics::read(&Sfnt::parse(&original).unwrap()).unwrap();
        assert_eq!(parsed.run_of(metrics.glyph(&original, '年')), Some(0));
        // Cut anywhere, or a byte of the outlines changed: refused, not misread.
        for at in [0, 3, 19, 20, 1000, packed.len() / 2, packed.len() - 1] {
            let cut = &packed[..at];
            assert!(
                Pack::parse(cut, &fonts::inflate)
                    .is_none_or(|p| p.unpack(&fonts::inflate).is_none()),
                "{at}"
            );
        }
        let mut bad = packed.clone();
        let last = bad.len() - 10;
        bad[last] ^= 0xFF;
        let damaged = Pack::parse(&bad, &fonts::inflate).unwrap();
        assert_ne!(
            damaged.unpack(&fonts::inflate).map(|w| tables(&w)),
            Some(tables(&original))
        );
        assert!(pack(b"not a font", "", &deflate).is_err());
    }
}
